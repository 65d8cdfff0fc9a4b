"""Place mentions by name: toponyms the gazetteer knows (but not people's surnames), names it
does not know, demonyms; and the merging of every kind of mention."""

from __future__ import annotations

import functools
import re

from .._lexicon import (
    ACTORS,
    COMPASS,
    CONNECTORS,
    NAME_MODIFIERS,
    NOT_PLACES,
    SUFFIX_FEATURES,
    TITLES,
)
from .._normalize import name_key
from .._tables import read_table
from ..gazetteer import Gazetteer
from ..gazetteer.prefixed import lookup_prefixed
from ..model import Mention, Place
from ..text import DisjointSpans
from ._bare_names import bare_names, report_countries
from ._of_runs import split_at_of
from .tokens import Tok, name_runs

_STRONG_KINDS = {"country", "continent", "admin1", "region"}


def _strong(p: Place) -> bool:
    return p.kind in _STRONG_KINDS or p.population >= 200_000 or p.id.startswith("overlay:")


#: Kinds that may answer to an alternate name even when it is a common word ("America").
_AREA_KINDS = frozenset({"country", "continent", "admin1", "region"})


def outweighs_word(cands: list[Place], word: str, zipf: float) -> bool:
    """Whether a capitalised common word is more likely the place than the word.

    The more common the word (Zipf frequency ``zipf``: 6 is "man", 4.4 "Oxford"), the more
    prominent the place must be: a population of at least ``10 ** (zipf + 0.5)`` (Oxford, 162,100
    people, against 76,000; Man, Côte d'Ivoire, 150,000, against 5 million), the place bearing
    the word as its own name ("We" is an alternate name of Huế: no) — or a country, region or
    continent of that size under another name ("America"). Gazetteer overlay entries,
    curated by the user, always do.
    """
    key = name_key(word)
    need = 10 ** (zipf + 0.5)
    for p in cands:
        if p.id.startswith("overlay:"):
            return True
        if p.population >= need and (p.kind in _AREA_KINDS or name_key(p.name) == key):
            return True
    return False


def _spans(text: str, runs: list[list[Tok]]) -> dict[tuple[int, int, int], str]:
    """The name_key of each span of up to seven tokens of a run that begins and ends with a
    capitalised one, by (run, first token, past the last token)."""
    spans: dict[tuple[int, int, int], str] = {}
    for ri, run in enumerate(runs):
        n = len(run)
        for i in range(n):
            first = run[i]
            if not first.cap:
                continue
            # of one token, the token's; of tokens written in ASCII, theirs joined by spaces
            # (between two tokens of a run is " ", "-" or a no-break space, each a separator
            # to name_key, as is a token's final dot ("U.S."), and a token begins with a
            # letter); else computed
            key = first.lower
            ascii_ = first.text.isascii()
            spans[(ri, i, i + 1)] = key
            for j in range(i + 2, min(n, i + 7) + 1):
                last = run[j - 1]
                key = f"{key} {last.lower}"
                ascii_ = ascii_ and last.text.isascii()
                if last.cap:
                    spans[(ri, i, j)] = key if ascii_ else name_key(text[first.start : last.end])
    return spans


def toponyms(text: str, toks: list[Tok], gaz: Gazetteer) -> list[Mention]:
    """The names in the runs of ``toks`` that the gazetteer knows (the longest first), and
    the capitalised names it does not know (:func:`_unknown_name`)."""
    runs = name_runs(toks, text)
    spans = _spans(text, runs)
    found = gaz.lookup_many(spans.values())
    zipf = gaz.words_zipf(t.lower for run in runs for t in run if t.cap)
    # "Makwanpur District of the Central Nepal": two names, not one unknown name
    split = split_at_of(runs, spans, found,
                        lambda run, i, j, cands: _acceptable(run, i, j, cands, zipf, gaz))
    if split is not None:
        runs = split
        spans = _spans(text, runs)
        found = gaz.lookup_many(spans.values())
    # the number of common words (Zipf 3 or more) before each token of each run
    common_before = [_common_before(run, zipf) for run in runs]
    # the one-word runs said to speak ("Brown said", "said Brown")
    speakers = {ri for ri, run in enumerate(runs) if len(run) == 1 and _said_alone(text, run[0])}
    # the runs of two or three words that may end in a surname
    surnamed = {ri for ri, run in enumerate(runs) if _may_end_in_surname(run, zipf, gaz)}
    loose = _loose(runs, spans, found, common_before, speakers, surnamed, gaz)
    found.update(loose)
    # a name held only after a generic word or an article ("Brega": "Marsa el Brega")
    # (the report's countries are asked only when some name is left to try: most texts have
    # none)
    bare = bare_names(runs, spans, found, zipf, speakers | surnamed)
    if bare:
        found.update(lookup_prefixed(gaz, bare, countries=report_countries(found)))
    surnames = _person_surnames(text, runs, spans, found, zipf, speakers, surnamed)
    # the spans with candidates, by run, the longest first (then from the left); a span
    # without any makes no mention
    known: list[list[tuple[int, int, str, list[Place]]]] = [[] for _ in runs]
    for (ri, i, j), k in spans.items():
        cands = found.get(k)
        if cands:
            known[ri].append((i, j, k, cands))
    mentions: list[Mention] = []
    for ri, run in enumerate(runs):
        n = len(run)
        taken = [False] * n
        spans_of_run = known[ri]
        if len(spans_of_run) > 1:
            spans_of_run.sort(key=lambda s: (s[0] - s[1], s[0]))
        for i, j, key, cands in spans_of_run:
            if any(taken[i:j]):
                continue
            dotted = j - i == 1 and len(run[i].text) <= 5 and text[
                run[i].end : run[i].end + 1] == "." and any(
                p.kind == "admin1" and name_key(p.name) != key
                for p in cands)  # "Ky.", "Calif.": an abbreviation, written with its dot
            if (j - i == 1 and len(run[i].text) <= 3 and not run[i].text.isupper()
                    and not dotted):
                # "Ky", "La", "Pa" name US states only as "Ky." in a dateline: not here
                cands = [p for p in cands if p.kind != "admin1"
                         or name_key(p.name) == key]
            if (j - i == 1 and run[i].possessive and j == n and not any(
                    p.kind in _AREA_KINDS or (p.population >= 100_000
                                              and name_key(p.name) == key)
                    for p in cands)
                    and re.match(r"[’']s\s+[A-Z]", text[run[i].end : run[i].end + 4])):
                continue  # "Moore's Ford", "St John's Wood": part of a longer name
            if not cands:
                continue
            modifier = False
            if not _acceptable(run, i, j, cands, zipf, gaz):
                k = j
                while k < n and run[k].lower in NAME_MODIFIERS:
                    k += 1  # "Dublin City Council", "Ohio State University"
                opener = i == 0 or (i == 1 and (run[0].lower in CONNECTORS or (
                    run[0].sent_initial and zipf.get(run[0].lower, 0.0) >= 3.0)))
                if not (opener and k < n
                        and (run[k].lower in ORG_WORDS or run[-1].lower in ORG_WORDS)
                        and _acceptable(run[i:j], 0, j - i, cands, zipf, gaz)):
                    continue
                # "the Texas Department of Health", "Dublin City Council", "the Texas
                # Alcoholic Beverage Commission"
                modifier = True
            if j - i == 1 and run[i].lower in surnames and not any(
                    p.kind in ("country", "continent") for p in cands):
                continue  # "Brown" after "Sherrod Brown": the person, not Brown County
            if key in loose and common_before[ri][j] != common_before[ri][i]:
                continue  # a spelling variant must not be an English word ("Observatory")
            for k in range(i, j):
                taken[k] = True
            end = run[j - 1].end + (1 if dotted else 0)
            mentions.append(
                Mention(text=text[run[i].start : end], start=run[i].start,
                        end=end, role="toponym",
                        name=text[run[i].start : end], candidates=tuple(cands),
                        modifier=modifier, loose=key in loose)
            )
        if not any(taken):
            unknown = _unknown_name(text, run, zipf, gaz)
            if unknown is not None:
                mentions.append(unknown)
    return apply_idioms(text, mentions)


def _loose(runs: list[list[Tok]], spans: dict[tuple[int, int, int], str],
           found: dict[str, list[Place]], common_before: list[list[int]], speakers: set[int],
           surnamed: set[int], gaz: Gazetteer) -> dict[str, list[Place]]:
    """The loose candidates (spelling variants) :func:`toponyms` reads, of the spans without
    exact ones (``found``), by name key (only those with candidates).

    Spelling variants never make a mention of a span holding a common English word (see
    :func:`toponyms`); such a span's loose candidates serve only :func:`_person_surnames`:
    all of them for a whole run of two or three words, the areas for a single word (whether
    it is a prominent place) where it reads them (``speakers``: the one-word runs next to a
    verb of saying; ``surnamed``: the runs that may end in a surname,
    :func:`_may_end_in_surname`). The rest are not looked up: most loose rows
    are villages of short skeletons."""
    full: dict[str, None] = {}
    areas_only: dict[str, None] = {}
    for (ri, i, j), k in spans.items():
        if found.get(k):
            continue
        before = common_before[ri]
        if (i == 0 and j == len(before) - 1 and 2 <= j <= 3) or before[j] == before[i]:
            full[k] = None
        elif j - i == 1:
            areas_only[k] = None
    loose = {k: v for k, v in gaz.lookup_loose(full).items() if v}
    # (of those single words, _person_surnames reads only a run's only word said to speak,
    # and the last of a run of two or three that may end in a surname when the run as a
    # whole has no candidate: the rest make no mention either way)
    read: set[str] = set()
    for ri, run in enumerate(runs):
        n = len(run)
        if not run[-1].text.isalpha():
            continue  # (no surname)
        if n == 1:
            if ri in speakers:
                read.add(spans[(ri, 0, 1)])
        elif ri in surnamed:
            whole = spans[(ri, 0, n)]
            if not found.get(whole) and whole not in loose:
                read.add(spans[(ri, n - 1, n)])
    loose.update((k, v) for k, v in gaz.lookup_loose(
        [k for k in areas_only if k not in full and k in read], kinds=_AREA_KINDS).items() if v)
    return loose


def _common_before(run: list[Tok], zipf: dict[str, float]) -> list[int]:
    """How many common English words (Zipf 3 or more) precede each position of ``run`` (one
    more position than tokens): tokens ``i:j`` hold one when the counts at ``i`` and ``j``
    differ."""
    counts = [0]
    c = 0
    for t in run:
        if zipf.get(t.lower, 0.0) >= 3.0:
            c += 1
        counts.append(c)
    return counts


_NEXT_WORD_RE = re.compile(r"[\s\u00a0]*[-–]?[\s]*([A-Za-z]+)")


@functools.cache
def idioms() -> dict[str, tuple[str, str]]:
    """The idiom table (``_idioms.csv``): the next word → (scope, effect)."""
    return {r["word"]: (r["scope"], r["effect"])
            for r in read_table("_idioms.csv", package="geoevents.extract")}


#: A settlement or district this populous bearing a name as its own is meant before a word
#: naming a group's people ("Karachi workers"): the idioms' scope "minor".
PROMINENT_POPULATION = 100_000


_LOCATIVE_BEFORE_RE = re.compile(r"\b(?:in|at|near|from|inside|outside|around)\s+$", re.I)


def _minor(text: str, m: Mention, nxt: re.Match[str]) -> bool:
    """Whether the idioms' scope "minor" holds a toponym before a word naming a group's
    people (``nxt``, the next word's match): the word written in lower case ("Bodo
    militants", not "the Byesville Volunteer Fire Department"), no preposition saying where
    before the name ("In Palpa supporters of the strike…"), and no place bearing the name
    as its own is a country, a first-level or a named region, or has
    :data:`PROMINENT_POPULATION` people or more — nor any area that populous under
    another name ("U.S.")."""
    if not nxt.group(1).islower() or _LOCATIVE_BEFORE_RE.search(text, max(0, m.start - 8),
                                                                    m.start):
        return False
    key = name_key(m.name)
    return not any(
        (p.kind in _AREA_KINDS and (name_key(p.name) == key
                                    or p.population >= PROMINENT_POPULATION))
        or (name_key(p.name) == key and p.population >= PROMINENT_POPULATION)
        for p in m.candidates)


def apply_idioms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names inside idioms and products are not places (:func:`idioms`): "Molotov cocktails"
    are dropped; "the US dollar", "a US drone", "the Paris agreement" make modifiers (the
    name qualifies the noun, like a demonym)."""
    table = idioms()
    out: list[Mention] = []
    for m in mentions:
        nxt = _NEXT_WORD_RE.match(text, m.end) if m.role == "toponym" else None
        word = nxt.group(1).lower() if nxt else ""
        rule = table.get(word) or (table.get(word[:-1]) if word.endswith("s") else None)
        if rule is not None and m.candidates and (rule[0] == "any" or (
                rule[0] == "minor" and _minor(text, m, nxt)) or (rule[0] == "country" and max(
                m.candidates, key=lambda p: (p.population, p.id)).kind == "country")):
            if rule[1] == "drop":
                continue
            m.modifier, m.feature = True, "idiom"
        out.append(m)
    return out


#: Words that, after a place name, make it part of an organisation's or a building's name
#: ("Texas Department of…", "Dublin City Council", "Ohio State University").


ORG_WORDS = frozenset({
    "department", "dept", "council", "university", "college", "school", "schools", "academy",
    "police", "sheriff", "fire", "hospital", "clinic", "board", "commission", "committee",
    "club", "church", "cathedral", "museum", "library", "zoo", "center", "centre", "chamber",
    "court", "courthouse", "legislature", "assembly", "senate", "house", "government",
    "administration", "authority", "agency", "office", "bureau", "service", "services",
    "ministry", "health", "water", "power", "electric", "energy", "gas", "transit",
    "transportation", "housing", "parks", "public", "community", "regional", "medical",
    "general", "national", "international", "daily", "times", "post", "news", "herald",
    "tribune", "journal", "gazette", "chronicle", "star", "observer", "press", "register",
    "bank", "company", "corp", "corporation", "inc", "group", "symphony", "orchestra",
    "theatre", "theater", "opera", "festival", "fair", "township",
    "democrats", "republicans", "democratic", "republican", "party", "patrol", "guard",
    "clerk", "attorney", "mayor", "governor", "commissioners", "trustees", "airport", "port",
    "republic", "federation", "association", "society", "foundation", "institute", "union",
    "league", "team", "chiefs", "high", "middle", "elementary", "junior", "memorial",
})
#: Words before a surname ("Sen. Brown", "Sheriff Taylor").
_PERSON_TITLES = TITLES | {
    "sen", "senator", "rep", "representative", "gov", "sgt", "lt", "col", "gen", "capt", "det",
    "detective", "officer", "sheriff", "coach", "judge", "justice", "chief", "deputy", "rev",
    "reverend", "father", "pastor", "trooper", "ms", "miss", "sir", "dame", "lord", "lady",
    "chairman", "chairwoman", "superintendent", "commissioner", "attorney", "professor", "prof"}
#: Prepositions that make the next name a place ("officials in Gorlovka said").
_LOCATIVES = {"in", "at", "from", "near", "outside", "inside", "around", "to", "into"}
#: Verbs of saying: "X said", "said X" make X a person.
_SPEECH = {"said", "says", "told", "added", "asked", "explained", "noted", "stated", "wrote"}
#: A predicate right after a name: "says Kupiansk retaken / is safe" reports about the place,
#: the name is not the speaker.
_PREDICATE_RE = re.compile(r"[a-z]+(?:ed|en)|is|was|are|were|has|had|have|will|would|could|"
                           r"remains|stays|fell|falls|held|lost|won")


def _person_surnames(text: str, runs: list[list[Tok]], spans: dict[tuple[int, int, int], str],
                     found: dict[str, list[Place]], zipf: dict[str, float],
                     speakers: set[int], surnamed: set[int]) -> set[str]:
    """Surnames of the people a document names, so that "Brown" after "Sherrod Brown", or in
    "Brown said", is not taken for Brown County (one sense per document).

    A surname is the last word of: a run of two or three capitalised words that is not a place
    as a whole and does not open with a place word (a compass point, "New", "Fort"…) or a
    very common word ("Two Richmond officers", "Another Gainesville business"); the words
    after a title or an initial ("Sen. Brown", "Governor Tim Pawlenty", "Matthew D. Flores");
    a name before a verb of saying ("Brett Hartmann said"); or a single capitalised word next
    to one ("said Brown"), unless it is the own name of a town of 10,000 or more or of a
    region ("Gainesville says no"). From a two- or three-word run alone, a prominent place (a
    region, or a town of 100,000 or more under its own name) is not taken for a surname;
    a title, an initial or a verb of saying outweighs that ("Mrs. Lincoln"). A country is
    never a surname. ``speakers``: the one-word runs next to a verb of saying
    (:func:`_said_alone`); ``surnamed``: the runs that may end in a surname
    (:func:`_may_end_in_surname`)."""
    out: set[str] = set()

    def prominent(ri: int, k: int) -> bool:
        key = spans.get((ri, k, k + 1), "")
        return any(p.kind in _AREA_KINDS or (p.population >= 100_000 and name_key(p.name) == key)
                   for p in found.get(key, ()))

    def add(ri: int, k: int, *, strong: bool = False) -> None:
        """``strong``: a title, an initial or a verb of saying vouches for the person."""
        if runs[ri][k].text.isalpha() and (strong or not prominent(ri, k)):
            out.add(runs[ri][k].lower)

    for ri, run in enumerate(runs):
        n = len(run)
        whole = found.get(spans.get((ri, 0, n), ""), ())
        if not whole and ri in surnamed:
            add(ri, n - 1)
        # after a title in the run ("Minnesota Governor Tim Pawlenty") or just before it
        # ("Mrs. Lincoln", "Capt. Roy A. Nelson", "Matthew D. Flores")
        before = text[max(0, run[0].start - 16):run[0].start]
        if "." in before[-3:] and _TITLE_BEFORE_RE.search(before):  # it ends in ".\s"
            add(ri, min(n, 3) - 1, strong=True)
        for k in range(1, n):
            if run[k - 1].lower.rstrip(".") in _PERSON_TITLES and run[k].cap:
                last = k
                while last + 1 < n and last + 1 - k < 3 and run[last + 1].cap:
                    last += 1
                add(ri, last, strong=True)
        if 2 <= n <= 3 and not whole:
            after = text[run[-1].end:run[-1].end + 12].lower().split()
            if after and after[0].strip(",.") in _SPEECH:
                add(ri, n - 1, strong=True)  # "Brett Hartmann said", even opening a sentence
        # "Brown said"; but "Gainesville says no" is the city speaking
        if n == 1 and ri in speakers and not any(
                name_key(p.name) == run[0].lower
                and (p.population >= 10_000 or p.kind in _AREA_KINDS)
                for p in found.get(spans.get((ri, 0, 1), ""), ())):
            add(ri, 0, strong=True)
    return out


def _said_alone(text: str, tok: Tok) -> bool:
    """Whether a one-word run is the speaker of a verb of saying after it ("Brown said") or
    before it ("said Brown", but not "says Kupiansk retaken"), and no locative precedes it
    ("officials in Gorlovka said")."""
    words_before = text[max(0, tok.start - 16):tok.start].lower().split()
    after = text[tok.end:tok.end + 12].lower().split()
    if words_before and words_before[-1] in _LOCATIVES:
        return False
    said_x = bool(words_before) and words_before[-1].strip(",") in _SPEECH and not (
        after and _PREDICATE_RE.fullmatch(after[0]))  # "says Kupiansk retaken": content
    return said_x or bool(after and after[0].strip(",.") in _SPEECH)


def _may_end_in_surname(run: list[Tok], zipf: dict[str, float], gaz: Gazetteer) -> bool:
    """Whether a run is two or three capitalised words whose last may be a surname (see
    :func:`_person_surnames`): its first word is neither very common ("Two Richmond
    officers", "Another Gainesville business") nor a place word, a title or a demonym."""
    if not 2 <= len(run) <= 3 or not all(t.cap for t in run):
        return False
    first = run[0].lower
    z = zipf.get(first, 0.0)
    return (z < 5.3 and not (run[0].sent_initial and z >= 3.0)
            and first not in NAME_MODIFIERS and first not in COMPASS
            and first not in CONNECTORS and first not in _PERSON_TITLES
            and first not in _PLACE_WORDS and not gaz.demonym(run[0].text))


#: A title or a middle initial just before a name: "Mrs. Lincoln", "Matthew D. Flores".
_TITLE_BEFORE_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Capt|Sgt|Lt|Col|Gen|Det|Rev|Prof|Cpl|Pvt|Adm|Maj)\."
    r"|\b[A-Z][a-z]+ [A-Z]\.)\s$")


#: First words of multi-word place names that are not given names.
_PLACE_WORDS = {"fort", "port", "mount", "mt", "lake", "saint", "st", "san", "santa", "los",
                "las", "el", "al", "new", "old", "cape", "point", "glen", "bay", "camp"}


def _unknown_name(text: str, run: list[Tok], zipf: dict[str, float], gaz: Gazetteer
                  ) -> Mention | None:
    """A capitalised name no gazetteer knows. It becomes a feature only when the text locates
    it ("Bazwaya, a village a few kilometres east of Mosul"); otherwise it is ignored."""
    while run and run[0].sent_initial and zipf.get(run[0].lower, 0.0) >= 3.0:
        run = run[1:]
    while run and not run[0].cap:
        run = run[1:]
    if not run or len(run) > 4:
        return None
    if any(t.lower in TITLES or t.lower in NOT_PLACES or t.lower in ACTORS for t in run):
        return None
    if any(gaz.demonym(t.text) for t in run):
        return None
    if all(zipf.get(t.lower, 0.0) >= 4.0 or not t.cap for t in run):
        return None
    if any(t.text.isupper() and len(t.text) > 1 for t in run):
        return None  # acronyms: organisations, not places
    name = text[run[0].start : run[-1].end]
    return Mention(text=name, start=run[0].start, end=run[-1].end, role="named", name=name)


#: Names that are places in some gazetteer but, in news, nearly always something else.


def _caseless(word: str) -> bool:
    ch = word[0]
    return ch.isalpha() and not ch.islower() and not ch.isupper()


_NOT_PLACE_NAMES = frozenset({
    "white house", "pentagon", "kremlin", "downing street",
    # generic nouns some gazetteer lists as a name
    "the city", "city", "region", "the region", "county", "district", "province", "parkway",
    "state", "the state", "capital", "the capital", "downtown", "midtown", "uptown",
    # the historic core of the city under discussion (a reference, or "the old city of X"),
    # not a gazetteer namesake such as Jerusalem's
    "old city", "old town", "old quarter"})


#: The last words of the feature words after a name ("base" of "air base").
_SUFFIX_LAST_WORDS = frozenset(f.split()[-1] for f in SUFFIX_FEATURES)


#: The words of the lexicon's actors ("boko", "haram", "al", "shabaab"…).
_ACTOR_WORDS = frozenset(w for a in ACTORS for w in a.split())


def _inside_actor(run: list[Tok], i: int, j: int) -> bool:
    """Whether tokens ``i:j`` lie inside a longer span of the run that names an actor of the
    lexicon ("Haram" in "Boko Haram", "Shabaab" in "Harakat al-Shabaab"): part of a group's
    name, not a place of the report."""
    if not any(t.lower in _ACTOR_WORDS for t in run[max(0, i - 3):i] + run[j:j + 3]):
        return False
    for a in range(max(0, i - 3), i + 1):
        for b in range(j, min(len(run), j + 3) + 1):
            if (a, b) != (i, j) and name_key(" ".join(t.text for t in run[a:b])) in ACTORS:
                return True
    return False


def _acceptable(run: list[Tok], i: int, j: int, cands: list[Place],
                zipf: dict[str, float], gaz: Gazetteer) -> bool:
    """Keep a gazetteer match unless it looks like a common word or part of another name."""
    words = run[i:j]
    # a token's own key is its name_key
    key = words[0].lower if j - i == 1 else name_key(" ".join(w.text for w in words))
    if key in ACTORS or key in _NOT_PLACE_NAMES or _inside_actor(run, i, j):
        return False
    if len(words) == 1 and (key in COMPASS or key == "central"):
        return False  # "West", "Central" alone: a direction or an adjective
    if all(_caseless(w.text) for w in words):
        # scripts without case (Arabic…): no capitalisation evidence either way
        return len(name_key(" ".join(w.text for w in words))) >= 3
    if len(words) == 1:
        w = words[0]
        if w.lower in NOT_PLACES and not any(p.kind == "country" for p in cands):
            return False
        if (w.text.isupper() and len(w.text.replace(".", "")) <= 4
                and not any(p.kind in ("country", "admin1") for p in cands)):
            return False
        z = zipf.get(w.lower, 0.0)
        if z >= (3.0 if w.sent_initial else 4.0) and not outweighs_word(cands, w.text, z):
            return False
        if gaz.demonym(w.text) and not any(_strong(p) for p in cands):
            return False
    # the rest of the run must be words that may stand beside a place name
    rest = run[:i] + run[j:]
    for t in rest:
        if t.lower in NAME_MODIFIERS or t.lower in CONNECTORS or t.lower in COMPASS:
            continue
        if gaz.demonym(t.text):
            continue
        if t.sent_initial and zipf.get(t.lower, 0.0) >= 3.0 and t is run[0]:
            continue  # "Despite Aleppo…": a capitalised sentence opener
        if t.lower in _SUFFIX_LAST_WORDS:
            continue
        return False
    # a title before the run ("President X") makes it a person
    return not (rest and rest[0].lower in TITLES)


def demonyms(toks: list[Tok], gaz: Gazetteer, demonym: dict[str, str | None]
              ) -> list[Mention]:
    """Demonyms ("Russian", "Palestinians", "Sri Lankan") as modifier mentions of their
    country: toponyms in the sense of the LGL corpus, cues for resolution, never features.
    ``demonym``: ``gaz.demonym`` of each capitalised token's text."""
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if not t.cap:
            i += 1
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        pair = None
        if nxt is not None and nxt.cap and nxt.sent == t.sent and nxt.start - t.end == 1:
            pair = gaz.demonym(f"{t.text} {nxt.text}")
        iso = pair or demonym[t.text]
        country = gaz.country(iso) if iso else None
        if country is not None:
            last = nxt if pair and nxt is not None else t
            out.append(Mention(text=f"{t.text} {last.text}" if last is not t else t.text,
                               start=t.start, end=last.end, role="toponym", name=country.name,
                               feature="demonym", candidates=(country,), modifier=True))
            i += 2 if last is not t else 1
            continue
        i += 1
    return out


def merge(mentions: list[Mention]) -> list[Mention]:
    """Resolve overlaps: named (feature-word) mentions win over toponyms inside them."""
    prio = {"named": 0, "toponym": 1, "reference": 2}

    def rank(m: Mention) -> int:
        # "the Old City" is the old city of the place under discussion, not a gazetteer
        # namesake (Jerusalem's)
        if m.role == "reference" and re.search(r"\bold\s+(?:city|town|quarter)$", m.name, re.I):
            return -1
        return prio[m.role]

    ordered = sorted(mentions, key=lambda m: (m.feature == "demonym", rank(m),
                                              -(m.end - m.start), m.feature is None, m.start))
    kept = _Kept(scan=any(m.start >= m.end for m in mentions))
    for m in ordered:
        clash = kept.clash(m)
        if clash is None:
            kept.add(m)
        elif clash.role == "named" and m.role == "toponym" and not clash.candidates:
            # the toponym inside a named mention gives the named mention its candidates —
            # its name ("Tadmur" of "the town of Tadmur"), or the whole of it when the
            # gazetteer knows the name with its feature word ("Kurdistan Region")
            if name_key(m.text) in (name_key(clash.name), name_key(clash.text)):
                clash.candidates = m.candidates
    return sorted(kept.mentions, key=lambda m: m.start)


class _Kept:
    """The mentions :func:`merge` keeps (pairwise disjoint), in the order kept; the first
    kept that overlaps a mention found by bisection (by a scan with ``scan``: a mention of no
    length clashes with any that holds it, so disjoint spans no longer sort by their ends)."""

    def __init__(self, *, scan: bool) -> None:
        self.mentions: list[Mention] = []
        self._scan = scan
        self._spans = DisjointSpans()

    def clash(self, m: Mention) -> Mention | None:
        if self._scan:
            return next((k for k in self.mentions if m.start < k.end and k.start < m.end), None)
        found = self._spans.overlapping(m.start, m.end)
        return self.mentions[min(found)] if found else None

    def add(self, m: Mention) -> None:
        if not self._scan:
            self._spans.add(m.start, m.end)
        self.mentions.append(m)
