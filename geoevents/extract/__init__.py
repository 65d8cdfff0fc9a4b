"""Extraction: place mentions and spatial expressions from English report text.

A pure function of the text and the gazetteer (used only for lookups):
:func:`extract` returns the mentions (toponyms the gazetteer knows, names recognised from
their feature words, and references such as "the city") and the spatial expressions that
relate them ("within two kilometres of X", "to the west of the city", "between X and Y").
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ._lexicon import (
    ACTORS,
    COMPASS,
    CONNECTORS,
    NAME_MODIFIERS,
    NOT_PLACES,
    NUMBER_WORDS,
    OF_FEATURES,
    PREFIX_FEATURES,
    SUFFIX_FEATURES,
    TITLES,
    UNITS,
)
from ._normalize import name_key
from .gazetteer import Gazetteer
from .model import Expression, Extraction, Mention, Place
from .text import find_all, finditer_at, folded_lower, furniture_lines, sentences

# --------------------------------------------------------------------------- tokens

_TOKEN_RE = re.compile(
    r"\b(?:[A-Z][a-z]{0,2}\.){2,4}(?![\w])"      # U.S., D.C., W.Va.
    r"|\b(?:St|Ste|Mt|Ft)\.(?=\s+[A-Z])"         # St. Petersburg, Mt. Vernon, Ft. Worth
    r"|[^\W\d_](?:[\w'’ʿʾ\-‑]*[^\W_])?")
_CONTRACTION_RE = re.compile(r"[’'](?:ll|ve|re|d|m|t)$|n[’']t$", re.IGNORECASE)
_ARTICLE_PREFIX_RE = re.compile(
    r"^(?:al|el|ad|ash|as|at|az|ar|an|ed|es|ez|adh|ath|ul|ur)[-‑’'](?=\w)", re.IGNORECASE
)


_CALENDAR = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "june", "july", "august", "september", "october",
     "november", "december"}
)


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    cap: bool
    sent: int
    sent_initial: bool
    lower: str  # name_key(text): lower case, diacritics folded ("Homé" → "home")
    possessive: bool = False  # written with 's ("Moore's Ford", "Oxford's leaders")
    run_start: bool = False  # never joined to the token before ("Palmyra" in "Homs-Palmyra")


#: What follows an article prefix (``_ARTICLE_PREFIX_RE``: two or three letters, then one
#: of these).
_ARTICLE_SEPARATORS = frozenset("-‑’'")


def _is_cap(word: str) -> bool:
    core = word
    if word[2:3] in _ARTICLE_SEPARATORS or word[3:4] in _ARTICLE_SEPARATORS:
        core = _ARTICLE_PREFIX_RE.sub("", word)
    if not core:
        return False
    ch = core[0]
    if ch.isupper():
        return True
    # scripts without case (Arabic, Hebrew, CJK…) count as name-like
    return ch.isalpha() and not ch.islower() and not ch.isupper()


def _caseless(word: str) -> bool:
    ch = word[0]
    return ch.isalpha() and not ch.islower() and not ch.isupper()


@functools.lru_cache(maxsize=65536)
def _word_info(raw: str) -> tuple[str, bool, bool, str]:
    """(the word, whether it is written with 's, whether it may be (part of) a name, its
    ``name_key``) of a word as ``_TOKEN_RE`` matches it ("Oxford's": "Oxford", True…). A
    name is capitalised (:func:`_is_cap`), not a day or a month, not a contraction ("I'll",
    "We're") and not a modifier saying who holds something ("IS-held Mosul",
    "Russian-controlled Soledar"). Memoised: a pure function of the word."""
    word, poss = raw, False
    if raw.endswith(("'s", "’s")) and len(raw) > 2:
        word, poss = raw[:-2], True
    cap = _is_cap(word) and word.lower() not in _CALENDAR
    if cap and ("'" in word or "’" in word):  # each contraction has one
        cap = not _CONTRACTION_RE.search(word)
    if cap and ("-" in word or "‑" in word):  # each modifier has one
        cap = not _HELD_BY_RE.search(word)
    return word, poss, cap, name_key(word)


def _regex_trie(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words`` (non-empty), spelled as a tree of their
    letters ("de", "del", "des": ``d(?:e(?:l|s)?)``), which is faster to try than a list."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = "|".join(alts)
        if len(alts) > 1 or ("" in node and len(body) > 1):
            body = f"(?:{body})"
        return f"{body}?" if "" in node else body

    return emit(tree)


#: What ``_TOKEN_RE`` matches after its first letter.
_TOKEN_CHAR = r"[\w'’ʿʾ\-‑]"
assert not any(c in w for w in CONNECTORS for c in " -‑"), "connectors are single words"
#: ``_TOKEN_RE.finditer``'s matches but for most words that cannot be tokens, as group 1 (a
#: last match without it ends the text).
#:
#: Why it is exact: every ``_TOKEN_RE`` match begins at a letter (``[^\W\d_]``) and one
#: begins at each letter that ``finditer`` reaches (the last alternative matches there), so
#: ``finditer`` steps over the non-letters one by one and over each word by its match. Each
#: match of this pattern does the same with its possessive loop: non-letters, and the words
#: that match the loop's second alternative: written in a-z (with inner hyphens, with or
#: without 's), not a connector and not followed by a character ``_TOKEN_RE`` could take
#: (``_TOKEN_CHAR``); ``_TOKEN_RE`` matches exactly such a word there (its first two
#: alternatives begin with A-Z, its last takes every word character, hyphen and apostrophe
#: up to the end of the word). Then the next word is taken by ``_TOKEN_RE`` itself. The
#: loop's words are not tokens: their ``_word_info`` is not capitalised (every letter is in
#: a-z, after an article prefix too) and their ``name_key`` is the word without its 's, or
#: has a space for each hyphen (no connector has one).
_CANDIDATE_RE = re.compile(
    r"(?:[\W\d_]++"
    rf"|(?!{_regex_trie(CONNECTORS)}(?:['’]s)?(?!{_TOKEN_CHAR}))"
    rf"[a-z]++(?:-[a-z]++)*+(?:['’]s)?(?!{_TOKEN_CHAR})"
    rf")*+(?:({_TOKEN_RE.pattern})|\Z)")
#: A letter: where a ``_TOKEN_RE`` match may begin.
_LETTER_RE = re.compile(r"[^\W\d_]")


def _first_word(text: str, pos: int, skip: list[tuple[int, int]]) -> int:
    """Where the first ``_TOKEN_RE`` match at or after ``pos`` outside the skipped ranges
    begins (the length of ``text`` when there is none). ``text[pos - 1]``, when there is
    one, must be whitespace: no match takes it (no ``_TOKEN_RE`` match does), so
    ``finditer`` reaches the first letter after it and a match begins there. So after a
    skipped range: it ends at a line break (or at the end of the text), which no match
    takes either."""
    while True:
        m = _LETTER_RE.search(text, pos)
        if m is None:
            return len(text)
        s = m.start()
        pos = next((b for a, b in skip if a <= s < b), -1)
        if pos < 0:
            return s


def _tokens(text: str, sents: list[tuple[int, int]], skip: list[tuple[int, int]]) -> list[_Tok]:
    """The words that may be (part of) a name and the connectors that may join them ("Isle
    of Man", "Dayr az Zawr"), outside the skipped ranges. The other words only
    separate names: a word left out lies between two tokens, which are then never joined
    (:func:`_runs`) nor read as one demonym (:func:`_demonyms`): tokens never touch.

    The words are ``_TOKEN_RE``'s matches; ``_CANDIDATE_RE`` leaves most of those that
    cannot be tokens out. A token opens its sentence (``sent_initial``) when it is the
    sentence's first word outside the skipped ranges."""
    toks: list[_Tok] = []
    append = toks.append
    si = 0
    n_sents = len(sents)
    # the end of sentence si (past every token when there is none)
    sent_end = sents[0][1] if sents else len(text) + 1
    first = -1  # where sentence si's first word begins (-1: not looked for yet)
    for m in _CANDIDATE_RE.finditer(text):
        s, e = m.span(1)
        if s < 0:
            continue  # the end of the text
        if skip and any(a <= s < b for a, b in skip):
            continue
        if sent_end <= s:
            while si < n_sents and sents[si][1] <= s:
                si += 1
            sent_end = sents[si][1] if si < n_sents else len(text) + 1
            first = -1
        word, poss, cap, lower = _word_info(m.group(1))
        if not cap and lower not in CONNECTORS:
            continue
        if first < 0:
            # a sentence begins after whitespace (sentences() trims only whitespace between
            # them), and every word lies in one
            first = _first_word(text, sents[si][0], skip)
        initial = s == first
        if poss:
            e -= 2
        if cap and "-" in word:
            pair = _ROAD_PAIR_RE.match(text, s)
            if pair and pair.end(2) == e:
                # "the Homs-Palmyra road": two names, not one
                first_name, second = pair.group(1), pair.group(2)
                append(_Tok(first_name, s, pair.end(1), True, si, initial,
                            name_key(first_name)))
                append(_Tok(second, pair.start(2), e, True, si, False, name_key(second), poss,
                            run_start=True))
                continue
        append(_Tok(word, s, e, cap, si, initial, lower, poss))
    return toks


#: A compound saying who holds or backs something ("IS-held", "Kurdish-controlled",
#: "Russian-occupied", "US-backed", "Saudi-led"): a modifier before a name, never part of it.
_HELD_BY_RE = re.compile(r"[-‑](?:held|controlled|occupied|besieged|backed|led|allied|"
                         r"aligned|run|dominated|ruled)$", re.I)

#: Two capitalised names joined by a plain hyphen before a road word ("the Homs-Palmyra
#: road"): split into the two names.
_ROAD_PAIR_RE = re.compile(
    r"([A-Z][\w'’]+)-([A-Z][\w'’]+)(?=(?:['’]s)?\s+(?:road|highway|motorway|expressway|"
    r"railway|railroad|route|front)\b)")


# --------------------------------------------------------------------------- mentions


def _runs(toks: list[_Tok], text: str) -> list[list[_Tok]]:
    """Maximal runs of capitalised tokens (with connectors) separated by single spaces."""
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for t in toks:
        joinable = (
            cur
            and not t.run_start
            and t.sent == cur[-1].sent
            and text[cur[-1].end : t.start] in (" ", "-", "\u00a0")
        )
        if t.cap or (joinable and t.lower in CONNECTORS):
            if cur and not joinable:
                runs.append(cur)
                cur = []
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out = []
    for r in runs:
        while r and not r[-1].cap:
            r = r[:-1]
        while r and not r[0].cap:
            r = r[1:]
        if r:
            out.append(r)
    return out


_STRONG_KINDS = {"country", "continent", "admin1", "region"}


def _strong(p: Place) -> bool:
    return p.kind in _STRONG_KINDS or p.population >= 200_000 or p.id.startswith("overlay:")


#: Kinds that may answer to an alternate name even when it is a common word ("America").
_AREA_KINDS = frozenset({"country", "continent", "admin1", "region"})


def _outweighs_word(cands: list[Place], word: str, zipf: float) -> bool:
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


def _spans(text: str, runs: list[list[_Tok]]) -> dict[tuple[int, int, int], str]:
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


def _toponyms(text: str, toks: list[_Tok], gaz: Gazetteer) -> list[Mention]:
    runs = _runs(toks, text)
    spans = _spans(text, runs)
    found = gaz.lookup_many(spans.values())
    zipf = gaz.words_zipf(t.lower for run in runs for t in run if t.cap)
    # Spelling variants (loose matches) never make a mention of a span holding a common
    # English word (below); such a span's loose candidates serve only _person_surnames: all of
    # them for a whole run of two or three words, the areas for a single word (whether it is
    # a prominent place). The rest are not looked up: most loose rows are villages of short
    # skeletons.
    full: dict[str, None] = {}
    areas_only: dict[str, None] = {}
    for (ri, i, j), k in spans.items():
        if found.get(k):
            continue
        run = runs[ri]
        if (i == 0 and j == len(run) and 2 <= j <= 3) or not any(
                zipf.get(t.lower, 0.0) >= 3.0 for t in run[i:j]):
            full[k] = None
        elif j - i == 1:
            areas_only[k] = None
    loose = {k: v for k, v in gaz.lookup_loose(full).items() if v}
    loose.update((k, v) for k, v in gaz.lookup_loose(
        [k for k in areas_only if k not in full], kinds=_AREA_KINDS).items() if v)
    found.update(loose)
    surnames = _person_surnames(text, runs, spans, found, zipf, gaz)
    mentions: list[Mention] = []
    for ri, run in enumerate(runs):
        n = len(run)
        taken = [False] * n
        for length in range(min(n, 7), 0, -1):
            for i in range(0, n - length + 1):
                j = i + length
                if any(taken[i:j]) or (ri, i, j) not in spans:
                    continue
                cands = found.get(spans[(ri, i, j)], [])
                dotted = j - i == 1 and len(run[i].text) <= 5 and text[
                    run[i].end : run[i].end + 1] == "." and any(
                    p.kind == "admin1" and name_key(p.name) != spans[(ri, i, j)]
                    for p in cands)  # "Ky.", "Calif.": an abbreviation, written with its dot
                if (j - i == 1 and len(run[i].text) <= 3 and not run[i].text.isupper()
                        and not dotted):
                    # "Ky", "La", "Pa" name US states only as "Ky." in a dateline: not here
                    cands = [p for p in cands if p.kind != "admin1"
                             or name_key(p.name) == spans[(ri, i, j)]]
                if (j - i == 1 and run[i].possessive and j == n and not any(
                        p.kind in _AREA_KINDS or (p.population >= 100_000
                                                  and name_key(p.name) == spans[(ri, i, j)])
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
                if spans[(ri, i, j)] in loose and any(
                        zipf.get(t.lower, 0.0) >= 3.0 for t in run[i:j]):
                    continue  # a spelling variant must not be an English word ("Observatory")
                for k in range(i, j):
                    taken[k] = True
                end = run[j - 1].end + (1 if dotted else 0)
                mentions.append(
                    Mention(text=text[run[i].start : end], start=run[i].start,
                            end=end, role="toponym",
                            name=text[run[i].start : end], candidates=tuple(cands),
                            modifier=modifier)
                )
        if not any(taken):
            unknown = _unknown_name(text, run, zipf, gaz)
            if unknown is not None:
                mentions.append(unknown)
    return mentions


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


def _person_surnames(text: str, runs: list[list[_Tok]], spans: dict[tuple[int, int, int], str],
                     found: dict[str, list[Place]], zipf: dict[str, float], gaz: Gazetteer
                     ) -> set[str]:
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
    never a surname."""
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
        if 2 <= n <= 3 and all(t.cap for t in run) and not whole:
            first = run[0].lower
            z = zipf.get(first, 0.0)
            if (z < 5.3 and not (run[0].sent_initial and z >= 3.0)  # "Two Richmond officers"
                    and first not in NAME_MODIFIERS and first not in COMPASS
                    and first not in CONNECTORS and first not in _PERSON_TITLES
                    and first not in _PLACE_WORDS and not gaz.demonym(run[0].text)):
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
        if n == 1:
            # "Brown said"; but "Gainesville says no" is the city speaking
            words_before = before.lower().split()
            after = text[run[0].end:run[0].end + 12].lower().split()
            locative = bool(words_before) and words_before[-1] in _LOCATIVES
            if not locative and ((words_before and words_before[-1].strip(",") in _SPEECH) or (
                    after and after[0].strip(",.") in _SPEECH)) and not any(
                    name_key(p.name) == run[0].lower
                    and (p.population >= 10_000 or p.kind in _AREA_KINDS)
                    for p in found.get(spans.get((ri, 0, 1), ""), ())):
                add(ri, 0, strong=True)
    return out


#: A title or a middle initial just before a name: "Mrs. Lincoln", "Matthew D. Flores".
_TITLE_BEFORE_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Capt|Sgt|Lt|Col|Gen|Det|Rev|Prof|Cpl|Pvt|Adm|Maj)\."
    r"|\b[A-Z][a-z]+ [A-Z]\.)\s$")


#: First words of multi-word place names that are not given names.
_PLACE_WORDS = {"fort", "port", "mount", "mt", "lake", "saint", "st", "san", "santa", "los",
                "las", "el", "al", "new", "old", "cape", "point", "glen", "bay", "camp"}


def _unknown_name(text: str, run: list[_Tok], zipf: dict[str, float], gaz: Gazetteer
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


def _acceptable(run: list[_Tok], i: int, j: int, cands: list[Place],
                zipf: dict[str, float], gaz: Gazetteer) -> bool:
    """Keep a gazetteer match unless it looks like a common word or part of another name."""
    words = run[i:j]
    # a token's own key is its name_key
    key = words[0].lower if j - i == 1 else name_key(" ".join(w.text for w in words))
    if key in ACTORS or key in _NOT_PLACE_NAMES:
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
        if z >= (3.0 if w.sent_initial else 4.0) and not _outweighs_word(cands, w.text, z):
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


_NAME = r"(?:(?:al|el|ad|ash|as|at|az|ar|an|ed|es|ez)[-‑’']|\b)[A-Z][\w'’ʿʾ\-‑]*"
_NAME_RUN = rf"{_NAME}(?:[ \-](?:(?:al|el|ad|ash|as|at|az|ar|an|ed|es|ez|de|del|of)\s)?{_NAME})*"
#: Runs of capitals (A-Z).
_CAPITALS_RE = re.compile(r"[A-Z]+")
_SUFFIX_RE = re.compile(
    rf"(?P<name>{_NAME_RUN})\s+(?P<feat>(?i:"
    + "|".join(sorted((re.escape(k) for k in SUFFIX_FEATURES), key=len, reverse=True))
    + r"))\b",
)
#: The feature words before a name that do not begin with another ("tal", not "tall"):
#: where one of them is written, one of these is.
_PREFIX_STARTS = tuple(f for f in PREFIX_FEATURES
                       if not any(g != f and f.startswith(g) for g in PREFIX_FEATURES))
_PREFIX_RE = re.compile(
    r"\b(?P<feat>(?i:" + "|".join(sorted(PREFIX_FEATURES, key=len, reverse=True)) + r"))"
    rf"\s+(?P<name>{_NAME_RUN})",
)
_OF_RE = re.compile(
    r"\b(?i:the|a)\s+(?:(?i:small|large|nearby|historic|ancient|strategic|key|border|desert|"
    r"frontline|front-line|rebel-held|government-held|embattled|besieged|contested)\s+|"
    r"[A-Z][a-z]+(?:ian|i|ese|ish)\s+)*"
    r"(?P<feat>(?i:" + "|".join(OF_FEATURES) + rf"))\s+of\s+(?P<name>{_NAME_RUN})",
)

#: The feature words after a name or before "of" that do not begin with another: where one
#: of them is written, one of these is.
_FEATURE_STARTS = tuple(f for f in {*SUFFIX_FEATURES, *OF_FEATURES}
                        if not any(g != f and f.startswith(g) for g in SUFFIX_FEATURES)
                        and not any(g != f and f.startswith(g) for g in OF_FEATURES))
#: Whitespace before a feature word, in lower case: where the whitespace before the feature
#: word of a match of ``_SUFFIX_RE`` or ``_OF_RE`` may end (``m.end()``). A lookahead, so
#: that a feature word inside another is found too ("field" of "oil field").
_FEATURE_AFTER_SPACE_RE = re.compile(r"[\s](?=" + _regex_trie(_FEATURE_STARTS) + ")")
#: What a match of ``_OF_RE`` holds from its feature word on, in lower case.
_OF_TAIL_RE = re.compile("(?:" + _regex_trie(OF_FEATURES) + r")\s+of\s")
#: A character that no name run (``_NAME_RUN``) holds, nor the whitespace after it: a match
#: of ``_SUFFIX_RE`` begins after the last one before its feature word.
_NOT_NAME_RUN_RE = re.compile(r"[^\w'’ʿʾ\-‑\s]")
#: What follows an article prefix (see ``_ARTICLE_SEPARATORS``).
_ARTICLE_SEPARATOR_RE = re.compile("[-‑’']")


def _suffix_starts(text: str, feats: list[int]) -> list[int]:
    """Where a match of ``_SUFFIX_RE`` may begin, ascending, given where a feature word may
    follow whitespace (``feats``, ascending; see ``_FEATURE_AFTER_SPACE_RE``). A name begins
    with a capital (A-Z) or with an article prefix before a separator (after a capital in a
    run of them there is no word boundary), after the last character before the feature
    word that no name run holds (``_NOT_NAME_RUN_RE``, looked for in the reversed text)."""
    rev = text[::-1]
    n = len(text)
    out: set[int] = set()
    done = 0  # the names that may begin before this position are in ``out``
    for q in feats:
        bar = _NOT_NAME_RUN_RE.search(rev, n - q)
        # the window before this feature word, but for its part before ``done``: the last
        # window ended there and began no later (the last such character before q is no
        # earlier than the one before that window's feature word)
        a = max(n - bar.start() if bar else 0, done)
        if a < q:
            out.update(m.start() for m in _CAPITALS_RE.finditer(text, a, q))
            out.update(m.start() - d for m in _ARTICLE_SEPARATOR_RE.finditer(text, a, q)
                       for d in (2, 3) if m.start() >= d)
            done = q
    return sorted(out)


def _named(text: str, skip: list[tuple[int, int]], gaz: Gazetteer, low: str | None
           ) -> list[Mention]:
    """Names recognised from their feature words, known to the gazetteer or not (``low``:
    ``folded_lower(text)``)."""
    out: list[Mention] = []

    def ok_name(name: str) -> bool:
        words = name.split()
        if not words or words[0].lower() in TITLES or words[0].lower() in NOT_PLACES:
            return False
        if name_key(name) in ACTORS or any(gaz.demonym(w) for w in words):
            return False
        if len(words) == 1 and gaz.word_zipf(name.lower()) >= 4.0:
            return False
        return _is_cap(words[0])

    # every match begins with a feature word: try only where one is written
    prefixed = (_PREFIX_RE.finditer(text) if low is None
                else finditer_at(_PREFIX_RE, text, find_all(low, _PREFIX_STARTS)))
    for m in prefixed:
        feat = PREFIX_FEATURES[m.group("feat").lower()]
        if not m.group("feat")[0].isupper() or not ok_name(m.group("name")):
            continue
        # "Hayy al-Gharf neighbourhood": swallow a following feature word too
        end = m.end()
        tail = re.match(r"\s+(" + "|".join(SUFFIX_FEATURES) + r")\b", text[end:], re.I)
        if tail:
            feat = SUFFIX_FEATURES[tail.group(1).lower()]
            end += tail.end()
        out.append(Mention(text=text[m.start() : end], start=m.start(), end=end, role="named",
                           name=text[m.start() : m.end()], feature=feat, in_name=not tail))
    # the matches below have whitespace and a feature word in them: look only there
    feats = (None if low is None
             else [m.end() for m in _FEATURE_AFTER_SPACE_RE.finditer(low)])
    if feats is None:
        # a name begins with a capital (A-Z) or with an article prefix before a separator:
        # try only there (after a capital in a run of them there is no word boundary)
        name_starts = {m.start() for m in _CAPITALS_RE.finditer(text)}
        name_starts.update(k - n for k in find_all(text, _ARTICLE_SEPARATORS) for n in (2, 3)
                           if k >= n)
        suffix_starts = sorted(name_starts)
    else:
        suffix_starts = _suffix_starts(text, feats)
    for m in finditer_at(_SUFFIX_RE, text, suffix_starts):
        name = m.group("name")
        # strip leading sentence openers / determiners captured by IGNORECASE
        words = name.split()
        while words and words[0].lower() in {"the", "a", "an", "of", "in", "on", "at", "near"}:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        start = m.start("name") + m.group("name").find(words[0])
        if not ok_name(name) or (not name[0].isupper() and not _is_cap(name)):
            continue
        if re.match(r"\s+of\s", text[m.end() : m.end() + 4]):
            continue  # "the Kurdish town of Kobani": the name follows, see _OF_RE
        feat = SUFFIX_FEATURES[m.group("feat").lower()]
        out.append(Mention(text=text[start : m.end()], start=start, end=m.end(), role="named",
                           name=name, feature=feat))
    of_matches = (_OF_RE.finditer(text)
                  if low is None or any(_OF_TAIL_RE.match(low, q) for q in feats or ())
                  else ())
    for m in of_matches:
        if not ok_name(m.group("name")):
            continue
        out.append(Mention(text=m.group("name"), start=m.start("name"), end=m.end("name"),
                           role="named", name=m.group("name"),
                           feature=OF_FEATURES[m.group("feat").lower()]))
    return [m for m in out if not any(a <= m.start < b for a, b in skip)]


_REF_RE = re.compile(
    r"\b(?:the|this|that)\s+(?P<noun>city|town|village|area|base|hill|hilltop|neighbourhood|"
    r"neighborhood|district|(?P<old>old\s+(?:city|town|quarter)))\b(?!\s+(?:of|in)\b)",
    re.IGNORECASE,
)


#: How each noun of ``_REF_RE`` begins.
_REF_NOUNS = ("city", "town", "village", "area", "base", "hill", "neighbo", "district", "old")

#: "there" as an anchor: "2 km east of there", "fighting near there".
_THERE_BEFORE = ("of", "from", "near", "around", "beyond", "outside")
_THERE_RE = re.compile(rf"\b(?:{'|'.join(_THERE_BEFORE)})\s+(?P<there>there)\b", re.I)


def _space_before(text: str, i: int) -> int:
    """Where the whitespace before ``text[i]`` begins (``i`` when there is none)."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _starts_before(text: str, low: str, anchors: Iterable[str], words: Iterable[str]
                   ) -> list[int]:
    """Where one of ``words`` would begin if it ended just before the whitespace before one
    of ``anchors`` (``low``: see :func:`.text.folded_lower`): where a pattern "word, whitespace,
    anchor" may begin. Ascending."""
    lengths = {len(w) for w in words}
    out = set()
    for q in find_all(low, anchors):
        j = _space_before(text, q)
        if j < q:
            out.update(j - n for n in lengths if j >= n)
    return sorted(out)


def _references(text: str, skip: list[tuple[int, int]], low: str | None) -> list[Mention]:
    """ "the city", "near there" (``low``: ``folded_lower(text)``)."""
    out = []
    # both patterns begin with a word, whitespace and a word: try only before the latter
    there = (_THERE_RE.finditer(text) if low is None else finditer_at(
        _THERE_RE, text, _starts_before(text, low, ("there",), _THERE_BEFORE)))
    for m in there:
        if not any(a <= m.start() < b for a, b in skip):
            out.append(Mention(text=m.group("there"), start=m.start("there"),
                               end=m.end("there"), role="reference", name="there",
                               feature="there"))
    refs = (_REF_RE.finditer(text) if low is None else finditer_at(
        _REF_RE, text, _starts_before(text, low, _REF_NOUNS, ("the", "this", "that"))))
    for m in refs:
        if any(a <= m.start() < b for a, b in skip):
            continue
        noun = m.group("noun").lower()
        if m.group("old"):  # "the Old City": the historic core of the city under discussion
            noun = "town" if noun.endswith("town") else "city"
        out.append(Mention(text=m.group(0), start=m.start(), end=m.end(), role="reference",
                           name=m.group(0), feature=noun))
    return out


def _merge(mentions: list[Mention]) -> list[Mention]:
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
    kept: list[Mention] = []
    for m in ordered:
        clash = next((k for k in kept if m.start < k.end and k.start < m.end), None)
        if clash is None:
            kept.append(m)
        elif clash.role == "named" and m.role == "toponym" and not clash.candidates:
            # the toponym inside a named mention gives the named mention its candidates —
            # its name ("Tadmur" of "the town of Tadmur"), or the whole of it when the
            # gazetteer knows the name with its feature word ("Kurdistan Region")
            if name_key(m.text) in (name_key(clash.name), name_key(clash.text)):
                clash.candidates = m.candidates
    return sorted(kept, key=lambda m: m.start)


# --------------------------------------------------------------------------- expressions

_NUM_WORDS = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True))
_NUM_RAW = rf"(?:\d+(?:[.,]\d+)?|{_NUM_WORDS})"
#: A number, or a range of two ("10-15", "10–15", "10 to 15", "between 10 and 15"): the
#: range's low end is ``lo`` (or ``lob`` after "between"), its high end ``num``.
_NUM = (rf"(?:\bbetween\s+(?P<lob>{_NUM_RAW})\s+and\s+|\b(?P<lo>\d+(?:[.,]\d+)?|{_NUM_WORDS})"
        rf"\s*(?:-|‐|‑|–|—|to)\s*)?\b(?P<num>{_NUM_RAW})")
_UNIT = r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b\.?"
_DIRS = sorted((k for k in COMPASS if len(k) > 3 or k in ("n", "e", "s", "w")), key=len,
               reverse=True)
_DIR_WORD = r"(?P<dir>" + "|".join(re.escape(d) for d in _DIRS if len(d) > 1) + r")"
_DIR_ABBR = r"(?P<abbr>N|S|E|W|NE|NW|SE|SW|NNE|ENE|ESE|SSE|SSW|WSW|WNW|NNW)"
_HEDGE_WORDS = ("about", "around", "some", "nearly", "almost", "roughly", "approximately",
                "just", "only", "less than", "more than", "up to", "at least", "under", "over",
                "barely")
_HEDGE = r"(?P<hedge>" + "|".join(_HEDGE_WORDS) + r")\s+"
_PART = (r"(?:the\s+)?(?P<part>heart|centre|center|middle|city centre|town centre|"
         r"old\s+city|old\s+town|old\s+quarter)\s+of\s+")
_THE = r"(?:the\s+)?"
_END = r"\s*$"


def _dir_group(name: str) -> str:
    words = "|".join(re.escape(d) for d in _DIRS if len(d) > 1)
    return (rf"(?:(?P<{name}>{words})|(?-i:(?P<{name}_abbr>N|S|E|W|NE|NW|SE|SW|NNE|ENE|ESE|SSE|"
            rf"SSW|WSW|WNW|NNW)))")


#: "3 km north and 2 km east of X": two offsets from one anchor (one point, their vector sum).
_TWO_OFFSETS_RE = re.compile(
    rf"(?:{_HEDGE})?\b(?P<num>{_NUM_RAW})\s*-?\s*{_UNIT}\s+(?:to\s+the\s+)?{_dir_group('dir1')}"
    rf"\s*(?:,\s*)?(?:and|then)\s+(?:(?:a\s+further|another|then)\s+)?(?P<num2>{_NUM_RAW})"
    rf"\s*-?\s*(?P<unit2>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b\.?"
    rf"\s+(?:to\s+the\s+)?{_dir_group('dir2')}\s+(?:of|from)\s+{_THE}{_END}", re.I)

#: The patterns read to the left of a mention: (relation, pattern, the last words the pattern
#: may end in before the mention and an optional "the", in lower case, words one of which
#: every match holds in lower case or ``()``). Each of the last words is one of
#: ``_LEFT_TRIGGER_RE`` (a cheap test run first, which finds the word): a new pattern ending
#: in another word must add it there. The words a match holds are a cheap test before the
#: pattern's search (the patterns ``_TAILS`` tests have none, nor those whose last word is
#: one).
_LeftPattern = tuple[str, re.Pattern[str], set[str], tuple[str, ...]]
_LEFT_PATTERNS: list[_LeftPattern] = [
    ("within", re.compile(
        rf"(?:\bwithin|\b(?P<lt>less than|under|no more than|fewer than))\s+{_NUM}\s*-?\s*{_UNIT}"
        rf"\s+(?:of|from)\s+(?:{_PART})?{_THE}{_END}", re.I), {"of", "from"},
     ("within", "than", "under")),
    ("offset2", _TWO_OFFSETS_RE, {"of", "from"}, ()),
    ("offset", re.compile(
        rf"(?:{_HEDGE})?{_NUM}\s*-?\s*{_UNIT}\s+(?:to\s+the\s+)?(?:(?:{_DIR_WORD})|(?-i:{_DIR_ABBR}))"
        rf"\s+(?:of|from)\s+{_THE}{_END}", re.I), {"of", "from"}, ()),
    ("distance", re.compile(
        rf"(?:{_HEDGE})?{_NUM}\s*-?\s*{_UNIT}\s+(?:outside|from|away\s+from|out\s+of)\s+{_THE}{_END}",
        re.I), {"outside", "from", "of"}, ()),
    ("between", re.compile(rf"\bbetween\s+{_THE}{_END}", re.I), {"between"}, ()),
    ("inside", re.compile(
        rf"\b(?:in|inside|within|into|across)\s+the\s+{_DIR_WORD}\s+"
        rf"(?:(?P<area>part|parts|section|districts|neighbourhoods|neighborhoods|quarters|"
        rf"outskirts|edge|suburbs)\s+)?of\s+{_THE}{_END}", re.I), {"of"},
     ("north", "south", "east", "west")),  # how each compass word begins
    ("edge", re.compile(
        rf"\b(?:the\s+)?(?:{_DIR_WORD}\s+)?(?P<edge>edge|edges|outskirts|periphery|fringes|"
        rf"entrance|gates|suburbs|outer\s+edge|approaches)\s+(?:of|to)\s+{_THE}{_END}", re.I),
     {"of", "to"}, ()),
    # "across the river from X", "on the other bank of the river from X": no river data, so
    # a band at the town's edge (relation label "across river")
    ("across river", re.compile(
        r"\b(?:across\s+the\s+(?P<river>river|water|stream)|(?:on|from)\s+the\s+(?:other|opposite|far)\s+"
        r"(?:side|bank)\s+of\s+the\s+(?:river|water))\s+(?:from|to)\s+" + _THE + _END, re.I),
     {"from", "to"}, ("river", "water", "stream")),
    ("centre", re.compile(rf"\b{_PART}{_THE}{_END}", re.I), {"of"},
     ("heart", "centre", "center", "middle", "old")),
    # "downtown X", "central X" is too often part of a name to be read so
    ("centre", re.compile(rf"\b(?P<part>downtown)\s+{_END}", re.I), {"downtown"}, ()),
    ("surrounding", re.compile(
        rf"\b(?:the\s+)?(?:(?:\w+\s+){{0,2}})?(?P<surr>surrounding|encircling|around)\s+{_THE}{_END}",
        re.I), {"surrounding", "encircling", "around"}, ()),
    # "the countryside of X", "the rural areas of X": the band about the town, not the town
    ("surrounding", re.compile(
        rf"\b(?:the\s+)?(?:(?:northern|southern|eastern|western|\w+ern)\s+)?"
        rf"(?P<surr>countryside|hinterland|surroundings|environs|rural\s+areas|"
        rf"surrounding\s+(?:area|areas|villages|countryside))\s+(?:of|around)\s+{_THE}{_END}",
        re.I), {"of", "around"}, ("countryside", "hinterland", "surrounding", "environs", "rural")),
    ("direction", re.compile(
        rf"(?:\b(?:to|on)\s+the\s+|\bjust\s+)?(?:{_DIR_WORD}|(?-i:{_DIR_ABBR}))\s+of\s+{_THE}{_END}",
        re.I), {"of"}, ()),
    ("near", re.compile(
        rf"\b(?P<near>near|nearby|close\s+to|in\s+the\s+vicinity\s+of|not\s+far\s+from|"
        rf"next\s+to|outside|"
        rf"in\s+the\s+environs\s+of|overlooking|overlooks|overlook)\s+{_THE}{_END}", re.I),
     {"near", "nearby", "to", "of", "from", "outside", "overlooking", "overlooks", "overlook"},
     ("near", "close", "vicinity", "far", "next", "outside", "environs", "overlook")),
]

_RIGHT_POSSESSIVE_RE = re.compile(
    rf"^['’]s\s+(?:{_DIR_WORD}\s+)?(?P<edge>outskirts|edge|edges|periphery|suburbs|centre|"
    rf"center|heart|countryside|surroundings|environs)\b", re.I)

_ANCHORLESS_WITHIN_RE = re.compile(
    rf"\b(?:within|(?P<lt>less than|under))\s+{_NUM}\s*-?\s*{_UNIT}(?!\s+(?:of|from)\b)", re.I)
_ANCHORLESS_OFFSET_RE = re.compile(
    rf"(?:{_HEDGE})?\b{_NUM}\s*-?\s*{_UNIT}\s+(?:to\s+the\s+)?{_DIR_WORD}\b"
    rf"(?!\s+(?:of|from)\b)", re.I)

#: How a match of ``_ANCHORLESS_WITHIN_RE`` begins, in lower case.
_WITHIN_STARTS = ("within", "less than", "under")
#: How a number of ``_NUM`` may begin, in lower case ("between", the number words that do
#: not begin with another); its digits are found apart.
_NUM_STARTS = tuple(w for w in {"between", *NUMBER_WORDS}
                    if not any(v != w and w.startswith(v) for v in NUMBER_WORDS))
_DIGITS_RE = re.compile(r"\d+")
#: A word character: what ``\b`` tells from the others.
_WORD_CHAR_RE = re.compile(r"\w")


def _offset_starts(text: str, low: str) -> list[int]:
    """Where a match of ``_ANCHORLESS_OFFSET_RE`` may begin, ascending (``low``: see
    :func:`.text.folded_lower`): at a hedge word (anywhere: no word boundary before it), or
    at a word boundary before "between", a number word or digits (``_NUM`` begins with ``\b``)."""
    out = set(find_all(low, _HEDGE_WORDS))
    out.update(p for p in find_all(low, _NUM_STARTS)
               if p == 0 or not _WORD_CHAR_RE.match(text, p - 1))
    out.update(m.start() for m in _DIGITS_RE.finditer(text))
    return sorted(out)


#: A unit followed by a compass word ("km north", "miles to the east"): in every match of
#: ``_ANCHORLESS_OFFSET_RE`` (after the number), a cheaper scan run first. The units are
#: spelled as in ``_ANY_UNIT_RE``; every compass word begins with one of the four.
_UNIT_HEADING_RE = re.compile(
    r"(?=[kmy])(?:k(?:ms?|ilomet(?:re|er)s?)|m(?:i(?:les?)?|et(?:re|er)s?)?|yards?|yds)\b\.?"
    r"\s+(?:to\s+the\s+)?(?:north|south|east|west)", re.I)
assert all(d.startswith(("north", "south", "east", "west")) for d in _DIRS if len(d) > 1)


#: Any unit of length as a word ("km", "miles", "metres"…): a cheap test before the scans that
#: need one. The words of ``UNITS``, spelled as a tree (faster to scan than a list of them).
_ANY_UNIT_RE = re.compile(
    r"\b(?=[kmy])(?:k(?:ms?|ilomet(?:re|er)s?)|m(?:i(?:les?)?|et(?:re|er)s?)?|yards?|yds)\b",
    re.I)
#: ``_ANY_UNIT_RE`` in the lower case text (see :func:`.text.folded_lower`), where it matches at the
#: same places: each word spelled from its first letter, so that the search skips to those
#: letters, and the word boundary before it tested behind that letter. (``str.lower()``
#: keeps every character a word character or not, but for U+0130, one of ``_FOLD_ODD``.)
_ANY_UNIT_LOW_RE = re.compile(
    r"(?:k(?<=\bk)(?:ms?|ilomet(?:re|er)s?)|m(?<=\bm)(?:i(?:les?)?|et(?:re|er)s?)?"
    r"|y(?<=\by)(?:ards?|ds))\b")
assert set(UNITS) == {"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "m",
                      "mi", "mile", "miles", "metre", "metres", "meter", "meters", "yard", "yards",
                      "yds"}, "the words _ANY_UNIT_RE, _ANY_UNIT_LOW_RE and _UNIT_HEADING_RE spell"

#: The last word of every left pattern (see ``_LEFT_PATTERNS``), with an optional "the".
_LEFT_TRIGGER_RE = re.compile(
    r"\b(of|from|between|outside|around|surrounding|encircling|near|nearby|to|overlooking|"
    r"overlooks|overlook|downtown)\s+(?:the\s+)?$", re.I)
#: What a text that ``_LEFT_TRIGGER_RE`` matches ends in, but for whitespace.
_TRIGGER_ENDINGS = ("of", "from", "between", "outside", "around", "surrounding", "encircling",
                    "near", "nearby", "to", "overlooking", "overlooks", "overlook", "downtown",
                    "the")

#: The left patterns that may end in a word (see ``_LEFT_PATTERNS``), in their order: only
#: these can match before the word ``_LEFT_TRIGGER_RE`` finds (it is the last word but "the"
#: before the mention, so it is any match's last word). A spelling not listed (other than
#: lower case after ``str.lower()``) is looked for with every pattern.
_LEFT_BY_WORD: dict[str, list[_LeftPattern]] = {}
for _entry in _LEFT_PATTERNS:
    for _word in _entry[2]:
        _LEFT_BY_WORD.setdefault(_word, []).append(_entry)

#: What ends just before the whitespace before the last word (see ``_LEFT_BY_WORD``) in some
#: left patterns, at most so many characters long: a cheap test before those patterns. The
#: end of a compass word ("north-east": "east") or abbreviation ("NE": "E") in "direction" and
#: the offsets, before "of"/"from"; an edge
#: word ("outer edge" ends in "edge") before "of"/"to"; a unit (and a dot), "away" or "out"
#: before "outside", "from" or "of" in "distance".
_DIR_TAIL_RE = re.compile(
    r"(?:(?:north|south|east|west)(?:ern|erly|wards|ward)?|(?-i:[NSEW]))$", re.I)
assert all(_DIR_TAIL_RE.search(d) for d in _DIRS if len(d) > 1), "how compass words end"
_EDGE_TAIL_RE = re.compile(
    r"(?:edge|edges|outskirts|periphery|fringes|entrance|gates|suburbs|approaches)$", re.I)
_DISTANCE_TAIL_RE = re.compile(
    r"(?:(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b\.?|away|out)$", re.I)
_TAILS: dict[str, tuple[re.Pattern[str], int]] = {
    "direction": (_DIR_TAIL_RE, len("northwards")),
    "offset": (_DIR_TAIL_RE, len("northwards")),
    "offset2": (_DIR_TAIL_RE, len("northwards")),
    "edge": (_EDGE_TAIL_RE, len("approaches")),
    "distance": (_DISTANCE_TAIL_RE, max(map(len, UNITS)) + 1),
}


def parse_number(word: str) -> float | None:
    """A number written in digits or words ("two" → 2, "1,5" → 1.5, "a few" → 3)."""
    w = " ".join(word.strip().lower().split())
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    try:
        return float(w.replace(",", "."))
    except ValueError:
        return None


def distance_precision(written: str, unit_m: float) -> float:
    """Half the precision of a written distance, in metres (Chapman & Wieczorek 2020).

    "10.5" → 0.25 units; "15" → 0.5; "10" → 0.5 (a power of ten uses the next lower power);
    "100" → 5; "140" → 5; number words count as written integers.
    """
    w = written.strip().lower()
    value = parse_number(w)
    if value is None:
        return 0.0
    if not w[0].isdigit():
        w = str(int(value)) if value >= 1 and value == int(value) else str(value)
    if "." in w or "," in w:
        frac = re.split(r"[.,]", w)[1]
        step = 10.0 ** -len(frac)
        if frac.endswith("5"):
            step *= 5  # "10.5" is written to the half: precision 0.5, uncertainty 0.25
        return 0.5 * step * unit_m
    digits = w.lstrip("0") or "0"
    trailing = len(digits) - len(digits.rstrip("0"))
    if value >= 1 and digits.rstrip("0") == "1":
        # a power of ten: the next lower power
        return 0.5 * 10 ** (trailing - 1) * unit_m
    return 0.5 * 10**trailing * unit_m


def _heading(m: re.Match[str], key: str = "dir") -> tuple[float, float] | None:
    d = m.groupdict()
    word = (d.get(key) or d.get("abbr" if key == "dir" else f"{key}_abbr") or "").lower()
    word = re.sub(r"[\s‐‑–]+", " ", word).replace(" -", "-").replace("- ", "-")
    return COMPASS.get(word) or COMPASS.get(word.replace(" ", "-"))


def measure(g: dict[str, str | None], unit_key: str = "unit") -> tuple[float, float] | None:
    """(distance, distance uncertainty) in metres of a matched number or range and unit.

    A single number: its value and half its precision (:func:`distance_precision`). A range
    ("10-15 km", "10 to 15 km", "between 10 and 15 km"): the midpoint, and half the range
    plus the larger precision of its two numbers (10–15 km → 12.5 km ± 2.5 + 0.5 km).
    """
    unit = UNITS.get((g.get(unit_key) or "km").lower().rstrip("."), 1000.0)
    num = g.get("num") or ""
    hi = parse_number(num)
    if hi is None:
        return None
    lo_text = g.get("lo") or g.get("lob")
    lo = parse_number(lo_text) if lo_text else None
    if lo is None or lo_text is None:
        return hi * unit, distance_precision(num, unit)
    lo, hi = sorted((lo, hi))
    prec = max(distance_precision(lo_text, unit), distance_precision(num, unit))
    return (lo + hi) / 2 * unit, (hi - lo) / 2 * unit + prec


def _two_offsets(g: dict[str, str | None], m: re.Match[str]
                 ) -> tuple[float, float, float, float, list[tuple[float, float, float]]] | None:
    """ "3 km north and 2 km east": the vector sum in the anchor's local plane.

    Returns (distance, distance precision, bearing, bearing precision, components), with
    components (distance, precision, bearing) as written. The point is the destination at
    bearing atan2(ΣE, ΣN) and distance hypot(ΣE, ΣN); its distance precision is the two
    precisions combined as the corner of their box, hypot(p₁, p₂) (the guide's "× √2" for
    orthogonal offsets when they are equal); the bearing precision is the angle that corner
    subtends at the distance, atan(hypot(p₁, p₂) / d) — the offsets themselves carry no
    heading uncertainty.
    """
    h1, h2 = _heading(m, "dir1"), _heading(m, "dir2")
    u1 = UNITS.get((g.get("unit") or "km").lower().rstrip("."), 1000.0)
    u2 = UNITS.get((g.get("unit2") or "km").lower().rstrip("."), 1000.0)
    n1, n2 = parse_number(g.get("num") or ""), parse_number(g.get("num2") or "")
    if h1 is None or h2 is None or n1 is None or n2 is None:
        return None
    comps = [(n1 * u1, distance_precision(g["num"] or "", u1), h1[0]),
             (n2 * u2, distance_precision(g["num2"] or "", u2), h2[0])]
    east = sum(d * math.sin(math.radians(b)) for d, _, b in comps)
    north = sum(d * math.cos(math.radians(b)) for d, _, b in comps)
    dist = math.hypot(east, north)
    if dist < 1.0:
        return None
    prec = math.hypot(comps[0][1], comps[1][1])
    bearing = math.degrees(math.atan2(east, north)) % 360.0
    alpha = math.degrees(math.atan2(prec, dist))
    return dist, prec, bearing, alpha, comps


def _expressions(text: str, mentions: list[Mention], sents: list[tuple[int, int]],
                 folded: str | None) -> list[Expression]:
    """The relations read around each mention (``folded``: ``folded_lower(text)``)."""
    out: list[Expression] = []
    sent_of = _sentence_index(sents)
    by_start = sorted(mentions, key=lambda m: m.start)
    for idx, m in enumerate(by_start):
        s0 = sents[sent_of(m.start)][0] if sents else 0
        left = text[max(s0, m.start - 120) : m.start]
        expr: Expression | None = None
        # every left pattern ends in one of these words before the anchor: a cheap test
        # first (most names follow "in", a comma or nothing), and only the patterns that end
        # in the word found are tried
        tail = left[-40:]
        low = folded[m.start - len(tail) : m.start] if folded is not None else None
        tm = (_LEFT_TRIGGER_RE.search(tail)
              if low is None or low.rstrip().endswith(_TRIGGER_ENDINGS) else None)
        patterns = _LEFT_BY_WORD.get(tm.group(1).lower(), _LEFT_PATTERNS) if tm else []
        # where the whitespace before that word begins (what precedes it must end there)
        word_at = len(left) - len(tail) + tm.start() if tm else 0
        space_at = len(left[:word_at].rstrip())
        # ``left`` in lower case, for the words a match holds (see _LEFT_PATTERNS)
        left_low = (folded[m.start - len(left) : m.start]
                    if patterns and folded is not None else None)
        for relation, pat, _, needles in patterns:
            if relation in _TAILS:
                tail_re, longest = _TAILS[relation]
                if (space_at == word_at
                        or not tail_re.search(left, max(0, space_at - longest), space_at)):
                    continue
            if needles and left_low is not None and not any(w in left_low for w in needles):
                continue
            lm = pat.search(left)
            if not lm:
                continue
            start = m.start - len(left) + lm.start()
            g = lm.groupdict()
            e = Expression(relation=relation, text=text[start : m.end], start=start, end=m.end,
                           anchors=[m], hedge=(g.get("hedge") or g.get("lt") or None))
            if relation == "offset2":
                two = _two_offsets(g, lm)
                if two is None:
                    continue
                e.relation = "offset"
                e.distance_m, e.distance_precision_m, e.bearing_deg, e.bearing_precision_deg, \
                    e.components = two
                expr = e
                break
            if g.get("num") and g.get("unit"):
                got = measure(g)
                if got is None:
                    continue
                e.distance_m, e.distance_precision_m = got
                if g.get("lo") or g.get("lob"):
                    unit = UNITS.get(g["unit"].lower().rstrip("."), 1000.0)
                    lo = parse_number(g.get("lo") or g.get("lob") or "") or 0.0
                    hi = parse_number(g["num"]) or 0.0
                    e.range_m = (min(lo, hi) * unit, max(lo, hi) * unit)
            if relation == "across river":
                # no river data: a band at the town's edge, labelled "across river"
                e.relation, e.hedge = "edge", "across river"
            if relation == "centre" and (g.get("part") or "").lower() == "downtown":
                e.hedge = "downtown"
            if relation == "surrounding" and g.get("surr"):
                e.hedge = re.sub(r"\s+", " ", g["surr"].lower())
            if relation in ("offset", "direction", "inside") or g.get("dir") or g.get("abbr"):
                h = _heading(lm)
                if h is None and relation in ("offset", "direction", "inside"):
                    continue
                if h is not None:
                    e.bearing_deg, e.bearing_precision_deg = h
            if relation == "within" and g.get("part"):
                e.anchor_part = "centre"
            area = (g.get("area") or "").lower()
            if relation == "inside" and area in ("outskirts", "edge", "suburbs"):
                e.relation, e.hedge = "edge", area
            if relation == "edge":
                e.hedge = g.get("edge", "").lower()
            if relation == "between":
                nxt = by_start[idx + 1] if idx + 1 < len(by_start) else None
                gap = text[m.end : nxt.start] if nxt is not None else ""
                if nxt is None or not re.fullmatch(r"\s+and\s+(?:the\s+)?", gap, re.I):
                    continue
                e.anchors.append(nxt)
                e.end = nxt.end
                e.text = text[start : nxt.end]
            expr = e
            break
        if expr is None:
            rm = _RIGHT_POSSESSIVE_RE.match(text[m.end : m.end + 60])
            if rm:
                word = rm.group("edge").lower()
                rel = "edge"
                if word in ("centre", "center", "heart"):
                    rel = "centre"
                elif word in ("countryside", "surroundings", "environs"):
                    rel = "surrounding"
                expr = Expression(relation=rel, text=text[m.start : m.end + rm.end()],
                                  start=m.start, end=m.end + rm.end(), anchors=[m], hedge=word)
                h = _heading(rm)
                if h:
                    expr.bearing_deg, expr.bearing_precision_deg = h
        if expr is not None:
            out.append(expr)
    # drop an expression nested inside a longer one (the second anchor of "between")
    out.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Expression] = []
    for e in out:
        if any(k.start <= e.start and e.end <= k.end and k is not e for k in kept):
            continue
        kept.append(e)
    return kept


_ITS_PART_RE = re.compile(
    rf"\b(?:its|the\s+city['’]s|the\s+town['’]s)\s+{_DIR_WORD}\s+(?P<area>parts?|districts|"
    r"neighbourhoods|neighborhoods|quarters|sections?|suburbs|outskirts|edges?|periphery|"
    r"fringes|side)\b", re.I)


def _its_part_starts(text: str, low: str) -> list[int]:
    """Where a match of ``_ITS_PART_RE`` may begin: "its", or "the" of "the city's" or "the
    town's", before the whitespace before each compass word (each begins with north, south,
    east or west; ``low``: see :func:`.text.folded_lower`)."""
    out = set()
    for q in find_all(low, ("north", "south", "east", "west")):
        j = _space_before(text, q)
        if j == q:
            continue
        out.add(j - 3)  # "its"
        if low[max(0, j - 6) : j] in ("city's", "city’s", "town's", "town’s"):
            k = _space_before(text, j - 6)
            if k < j - 6:
                out.add(k - 3)  # "the"
    return sorted(s for s in out if s >= 0)


def _anchorless(text: str, skip: list[tuple[int, int]], exprs: list[Expression],
                low: str | None) -> list[Expression]:
    """ "advanced to within two kilometres" with no "of X": the anchor is implicit (``low``:
    ``folded_lower(text)``)."""
    out = []
    matches = []
    # both need a unit of length: skip the costly scans without
    if _ANY_UNIT_RE.search(text) if low is None else _ANY_UNIT_LOW_RE.search(low):
        # each is tried only where a match may begin when the lower-case text shows it
        within = (_ANCHORLESS_WITHIN_RE.finditer(text) if low is None else finditer_at(
            _ANCHORLESS_WITHIN_RE, text, find_all(low, _WITHIN_STARTS)))
        matches = [("within", m) for m in within]
        if _UNIT_HEADING_RE.search(text):  # part of every offset: a cheaper scan first
            offsets = (_ANCHORLESS_OFFSET_RE.finditer(text) if low is None else finditer_at(
                _ANCHORLESS_OFFSET_RE, text, _offset_starts(text, low)))
            matches += [("offset", m) for m in offsets]
    its_parts = (_ITS_PART_RE.finditer(text) if low is None
                 else finditer_at(_ITS_PART_RE, text, _its_part_starts(text, low)))
    for m in its_parts:
        # "its southern districts": a part of the settlement named before (the antecedent
        # of an implicit anchor, as for "the city")
        if any(a <= m.start() < b for a, b in skip) or any(
                e.start <= m.start() < e.end for e in exprs + out):
            continue
        h = _heading(m)
        if h is None:
            continue
        implicit = Mention(text="", start=m.start(), end=m.start(), role="reference", name="",
                           feature="implicit")
        part = m.group("area").lower()
        edge = part in ("outskirts", "edge", "edges", "suburbs", "periphery", "fringes")
        e = Expression(relation="edge" if edge else "inside", text=m.group(0), start=m.start(),
                       end=m.end(), anchors=[implicit], hedge=part if edge else None)
        e.bearing_deg, e.bearing_precision_deg = h
        out.append(e)
    for relation, m in matches:
        if any(a <= m.start() < b for a, b in skip):
            continue
        if any(e.start <= m.start() < e.end or m.start() <= e.start < m.end()
               for e in exprs + out):
            continue
        got = measure(m.groupdict())
        if got is None:
            continue
        implicit = Mention(text="", start=m.end(), end=m.end(), role="reference", name="",
                           feature="implicit")
        e = Expression(relation=relation, text=m.group(0), start=m.start(), end=m.end(),
                       anchors=[implicit], distance_m=got[0], distance_precision_m=got[1],
                       hedge=m.groupdict().get("lt") or m.groupdict().get("hedge"))
        if relation == "offset":
            h = _heading(m)
            if h is None:
                continue
            e.bearing_deg, e.bearing_precision_deg = h
        out.append(e)
    return out


#: Whether :mod:`geoevents.geometry` draws ``road``, ``corridor`` and ``along`` (it does).
#: Without it, "on the road to Z" is read as ``near`` Z, "the X–Y highway" as ``between`` X
#: and Y, and "N km along the road from X to Y" is not read.
PATH_RELATIONS = True

_ROAD = r"(?:road|highway|motorway|expressway|route|railway|railroad|rail\s+line|supply\s+line)"
_ROAD_TO_RE = re.compile(
    rf"\b(?:on|along|off|by|beside|near)\s+the\s+(?:(?:main|old|new|\w+-bound)\s+)?{_ROAD}\s+"
    rf"(?:to|towards|toward|into|leading\s+to|linking\s+it\s+to)\s+{_THE}{_END}", re.I)
#: What a text that ``_ROAD_TO_RE`` matches ends in, but for whitespace.
_ROAD_TO_ENDINGS = ("to", "towards", "toward", "into", "the")
#: One of these is in every road word of ``_ROAD`` ("railroad", "rail line"…), in lower case.
_ROAD_NEEDLES = ("road", "way", "route", "line")
_ROAD_FROM_RE = re.compile(
    rf"\b(?:the\s+)?(?:(?:main|old|new|strategic|international)\s+)?{_ROAD}\s+"
    rf"(?:from|between|linking|connecting)\s+{_THE}{_END}", re.I)
_ALONG_RE = re.compile(
    rf"(?:{_HEDGE})?{_NUM}\s*-?\s*{_UNIT}\s+(?:further\s+|farther\s+)?(?:along|up|down)\s+the\s+"
    rf"(?:(?:main|old|new)\s+)?{_ROAD}\s+(?:from|out\s+of|leading\s+from)\s+{_THE}{_END}", re.I)
_PAIR_GAP_RE = re.compile(r"^\s+(?:to|towards|toward|and)\s+(?:the\s+)?$", re.I)
_DASH_GAP_RE = re.compile(r"^\s*[-‐‑–—/]\s*$")
_ROAD_AFTER_RE = re.compile(rf"^\s+{_ROAD}\b", re.I)
#: "from X to Y" as an extent: after a verb of extent or a noun for a stretch of ground
#: (not a movement: "troops moved from X to Y" is not read).
_EXTENT_FROM_RE = re.compile(
    r"\b(?:(?:extend(?:s|ed|ing)?|stretch(?:es|ed|ing)?|r[au]n(?:s|ning)?|spann?(?:s|ed|ing)?|"
    r"reach(?:es|ed|ing)?)|(?:the\s+)?(?:front(?:\s+line)?|frontline|line|area|strip|belt|"
    r"zone|desert|territory|stretch|pocket|salient))\s+(?:\w+\s+){0,2}?from\s+(?:the\s+)?$",
    re.I)


def _paths(text: str, mentions: list[Mention], sents: list[tuple[int, int]],
           folded: str | None) -> list[Expression]:
    """Road relations: "on the road to Z" (``road``), "the X–Y highway" and "the road from X
    to Y" (``corridor``), "N km along the road from X to Y" (``along``) (``folded``:
    ``folded_lower(text)``)."""
    out: list[Expression] = []
    sent_of = _sentence_index(sents)
    by_start = sorted(mentions, key=lambda m: m.start)
    for i, m in enumerate(by_start):
        s0 = sents[sent_of(m.start)][0] if sents else 0
        left = text[max(s0, m.start - 120) : m.start]
        nxt = by_start[i + 1] if i + 1 < len(by_start) else None
        gap = text[m.end : nxt.start] if nxt is not None else ""
        # the three patterns below join this name to the next one: look only when they are
        # a pair ("X to Y", "X and Y")
        pair = nxt is not None and _PAIR_GAP_RE.match(gap)
        # cheap tests before the patterns, which each end in one of a few words (but for
        # whitespace) and most name a road: what ``left`` ends in, in lower case, and
        # whether it may name a road (None, True: not known, see folded_lower)
        low = folded[m.start - len(left) : m.start] if folded is not None else None
        ending = low.rstrip() if low is not None else None
        # (asked only where a pattern below that needs it may be tried: at a pair of names
        # or before one of _ROAD_TO_ENDINGS)
        road = low is None or (
            (bool(pair) or (ending is not None and ending.endswith(_ROAD_TO_ENDINGS)))
            and any(w in low for w in _ROAD_NEEDLES))
        # "N km along the road from X to Y"
        am = (_ALONG_RE.search(left)
              if pair and road and (ending is None or ending.endswith(("from", "of", "the")))
              else None)
        if am and nxt is not None and pair:
            got = measure(am.groupdict())
            if got is not None:
                start = m.start - len(left) + am.start()
                out.append(Expression(
                    relation="along", text=text[start : nxt.end], start=start, end=nxt.end,
                    anchors=[m, nxt], distance_m=got[0], distance_precision_m=got[1],
                    hedge=am.group("hedge")))
                continue
        # "the road from X to Y", "the highway between X and Y"
        fm = (_ROAD_FROM_RE.search(left) if pair and road and (
            ending is None or ending.endswith(("from", "between", "linking", "connecting", "the")))
              else None)
        if fm and nxt is not None and pair:
            start = m.start - len(left) + fm.start()
            out.append(Expression(relation="corridor", text=text[start : nxt.end], start=start,
                                  end=nxt.end, anchors=[m, nxt]))
            continue
        # "a front line ran from Mosul to Kirkuk", "the area from Azaz to Marea": an extent
        xm = (_EXTENT_FROM_RE.search(left)
              if pair and (ending is None or ending.endswith(("from", "the"))) else None)
        if xm and nxt is not None and pair and not gap.strip().startswith("and"):
            start = m.start - len(left) + xm.start()
            out.append(Expression(relation="corridor", text=text[start : nxt.end], start=start,
                                  end=nxt.end, anchors=[m, nxt], hedge="extent"))
            continue
        # "the Homs–Palmyra highway"
        if nxt is not None and _DASH_GAP_RE.match(gap):
            rm = _ROAD_AFTER_RE.match(text[nxt.end : nxt.end + 40])
            if rm:
                the = re.search(r"\bthe\s+$", left, re.I)
                start = m.start - (len(the.group(0)) if the else 0)
                end = nxt.end + rm.end()
                out.append(Expression(relation="corridor", text=text[start:end], start=start,
                                      end=end, anchors=[m, nxt]))
                continue
        # "on the Aleppo road": the road to Aleppo
        rm = (_ROAD_AFTER_RE.match(text[m.end : m.end + 40]) if m.role == "toponym"
              else None)
        the = (re.search(r"\b(?:on|along|off|by|near|beside)\s+the\s+$", left, re.I)
               if rm and (ending is None or ending.endswith("the")) else None)
        if the and rm and m.role == "toponym":
            start = m.start - len(the.group(0))
            e = Expression(relation="road", text=text[start : m.end + rm.end()], start=start,
                           end=m.end + rm.end(), anchors=[m], hedge="road to")
            origin = [p for p in by_start[:i] if p.start >= s0 and p.role == "toponym"]
            if origin:
                e.anchors.append(origin[-1])
            out.append(e)
            continue
        # "on the road to Z"
        tm = (_ROAD_TO_RE.search(left)
              if road and (ending is None or ending.endswith(_ROAD_TO_ENDINGS)) else None)
        if tm:
            start = m.start - len(left) + tm.start()
            e = Expression(relation="road", text=text[start : m.end], start=start, end=m.end,
                           anchors=[m], hedge="road to")
            # the origin: the place named last before it in the sentence ("Bartella, 20 km
            # east of Mosul, on the road to Erbil": the road from Mosul to Erbil)
            origin = [p for p in by_start[:i] if p.start >= s0 and p.role == "toponym"]
            if origin:
                e.anchors.append(origin[-1])
            out.append(e)
    kept: list[Expression] = []
    for e in sorted(out, key=lambda e: (e.start, -(e.end - e.start))):
        if any(k.start <= e.start and e.end <= k.end for k in kept):
            continue
        kept.append(e)
    if PATH_RELATIONS:
        return kept
    interim = []
    for e in kept:  # what the geometry can draw until it draws roads
        if e.relation == "road":
            e.relation = "near"
        elif e.relation == "corridor":
            e.relation = "between"
        else:
            continue
        interim.append(e)
    return interim


def _sentence_index(sents: list[tuple[int, int]]):
    import bisect

    starts = [s for s, _ in sents]

    def find(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    return find


_SUBJECT_GAP_RE = re.compile(
    r"^[\s,]*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?P<feat>"
    + "|".join(sorted({*SUFFIX_FEATURES, *OF_FEATURES}, key=len, reverse=True))
    + r")\s+)?"
    r"(?:(?:which|that)\s+(?:(?:is|lies|sits)\s+)?|(?:located|situated|lying)\s+)?"
    r"(?:on|in|at)?\s*$",
    re.I)


def _attach_subjects(text: str, mentions: list[Mention], exprs: list[Expression]) -> None:
    for e in exprs:
        # a road relation locates no name before it: in "Bartella, 20 km east of Mosul, on
        # the road to Erbil" Mosul is not on the road to Erbil
        if e.relation in ("between", "corridor", "along", "road") or e.hedge == "road to":
            continue
        best = None
        feat = None
        for m in mentions:
            if m.end > e.start or m.role not in ("named", "toponym"):
                continue
            gm = _SUBJECT_GAP_RE.match(text[m.end : e.start])
            if gm:
                best, feat = m, gm.group("feat")
        if best is not None and best not in e.anchors:
            e.subject = best
            if best.feature is None and feat:
                best.feature = SUFFIX_FEATURES.get(feat.lower(), feat.lower())


def extract(text: str, gaz: Gazetteer) -> Extraction:
    """Find place mentions and spatial expressions in ``text``.

    Parameters
    ----------
    text : str
        The report text.
    gaz : Gazetteer
        Used for name lookups, demonyms and common-word frequencies.

    Returns
    -------
    Extraction
    """
    skip = furniture_lines(text)
    sents = sentences(text)
    toks = _tokens(text, sents, skip)
    # the country of each capitalised word that is a demonym ("Syrian": "SY"), asked once
    demonym = {w: gaz.demonym(w) for w in {t.text for t in toks if t.cap}}
    cues: dict[str, int] = {}
    for t in toks:
        if t.cap:
            iso = demonym[t.text]
            if iso:
                cues[iso] = cues.get(iso, 0) + 1
    low = folded_lower(text)  # for the cheap tests before some patterns
    found = (_toponyms(text, toks, gaz) + _named(text, skip, gaz, low)
             + _references(text, skip, low))
    merged = _merge(found + _demonyms(toks, gaz, demonym))
    mentions = [m for m in merged if not m.modifier]
    exprs = _expressions(text, mentions, sents, low)
    paths = _paths(text, mentions, sents, low)
    # a road relation is read over the shorter expressions it contains or overlaps
    exprs = [e for e in exprs
             if not any(p.start < e.end and e.start < p.end for p in paths)] + paths
    exprs += _anchorless(text, skip, exprs, low)
    exprs.sort(key=lambda e: e.start)
    _attach_subjects(text, mentions, exprs)
    return Extraction(merged, exprs, sents, skip, cues, text)


def _demonyms(toks: list[_Tok], gaz: Gazetteer, demonym: dict[str, str | None]
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
