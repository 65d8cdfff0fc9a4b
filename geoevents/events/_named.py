"""Armed groups named in the text and missing from the sides table: a capitalised name ending
in Front, Army, Forces, … ("the Zeta Liberation Front"), an abbreviation defined after one, an
acronym written as a holder ("in LTTE hands", "LTTE-held"), and a country's own forces named
with the country ("the Sri Lanka Army") (docs/events.md, "Sides" rule 3 and "Round nine")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache

from .._patterns import literal_prefixes
from .._tables import read_table
from ..text import folded_lower

__all__ = ["HEADLINE_MAX_CHARS", "headline", "holder_acronyms", "named_actors", "side_key"]

#: The head words of an armed group's own name ("the Zeta Liberation Front").
_GROUP_HEADS = (r"Front|Army|Forces|Force|Brigades?|Battalions?|Regiment|Movement|Militias?|"
                r"Alliance|Group|Organi[sz]ation|Guards?|Resistance|Corps|Legion|Coalition|"
                r"Commandos|Mobili[sz]ation|Tigers|Partisans|Rebels|Fighters")
#: Words that make no name of their own ("the National Army", "Special Forces").
_GENERIC_WORDS = frozenset(
    "the of for and national army forces force armed security special government federal "
    "defence defense military guard guards republican presidential border coast air naval "
    "navy ground regular rapid reaction police state self brigade brigades battalion "
    "battalions regiment division corps units unit troops elite infantry mechanised "
    "mechanized motorised motorized armoured armored airborne assault marine marines "
    "territorial first second third fourth fifth sixth seventh eighth ninth tenth group "
    "rebels rebel fighters militia militias coalition alliance".split())
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|\d+(?:st|nd|rd|th)|of|for|the|and|de|del|al-[\w-]+)"
_NAME_RE = re.compile(
    r"(?<![\w-])(?:[Tt]he\s+)?(?P<name>[A-Z][\w'’.-]*(?:[^\S\n]+" + _NAME_WORD
    + r"){0,5}?[^\S\n]+(?:"
    + _GROUP_HEADS + r"))(?![\w-])(?:\s+\((?P<abbr>[A-Z][A-Z0-9-]{1,9})\))?")
_NAME_WORDS = literal_prefixes(_GROUP_HEADS)
#: a sentence's end inside a name's words: a lower-case word or an acronym and its full stop
_SENTENCE_END = re.compile(r".*(?:[a-z]{2}|(?<![.\w])[A-Z]{2,})\.\s+", re.DOTALL)
#: what may follow a use of an abbreviation: not a word, nor a hyphen but of the control
#: words ("SLA-held", "SLA-occupied"; not "SLA-backed")
_ABBR_END = r"(?!\w|-(?!(?:held|controlled|occupied)\b))"
#: an acronym written as a holder: "LTTE-held", "in LTTE hands", "under LTTE control"
_HOLDER_ACRONYM_RE = re.compile(
    r"(?<![\w-])(?P<a>[A-Z][A-Z0-9]{2,7})(?=-(?:held|controlled|occupied)\b|\s+hands\b)"
    r"|(?<=\bunder\s)(?P<b>[A-Z][A-Z0-9]{2,7})(?=\s+(?:control|rule|administration)\b)")
#: What a text must hold for ``_HOLDER_ACRONYM_RE`` to match (the words after the acronym,
#: written as the pattern reads them; or "under" and a capital): a text without is not
#: scanned (the pattern, opening with lookbehinds, is tried at every character)
_HOLDER_NEEDLES = ("-held", "-controlled", "-occupied", "hands")
_UNDER_CAPITAL_RE = re.compile(r"under\s[A-Z]")


def holder_acronyms(text: str) -> Iterator[re.Match[str]]:
    """The acronyms ``text`` writes as holders ("LTTE-held", "in LTTE hands", "under LTTE
    control"): ``_HOLDER_ACRONYM_RE``'s matches, group ``a`` or ``b``."""
    if any(n in text for n in _HOLDER_NEEDLES) or _UNDER_CAPITAL_RE.search(text):
        return _HOLDER_ACRONYM_RE.finditer(text)
    return iter(())


#: an acronym written just before a name in brackets: "the FLT (the Chadian Liberation Front)"
_ACRONYM_BEFORE_RE = re.compile(r"(?<![\w-])(?P<a>[A-Z][A-Z0-9]{1,9})\s+\((?:the\s+)?$")
#: generic words and "of (the)" before a name: "Fighters of the Zeta Liberation Army"
_GENERIC_LEAD_RE = re.compile(r"(?:[A-Z][a-z]+\s+)+of\s+(?:the\s+)?(?=[A-Z])")
#: a one-word name before a generic armed noun: "the Seleka coalition", "the Zeta rebels"
_WORD_GROUP_RE = re.compile(
    r"(?<![\w-])[Tt]he\s+(?P<name>[A-Z][a-z][\w'’-]*)\s+(?:coalition|alliance|rebels|militia|"
    r"militiamen|guerrillas|insurgents|movement|fighters)\b")
#: capitalised words that name no group: months, days
_NO_GROUP_NAME = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
#: the words of a name that give no initial to its acronym
_NO_INITIAL = frozenset("of for the and de del".split())

#: A line longer than this is no headline (and is not read whole for every name in it).
HEADLINE_MAX_CHARS = 300

#: ``make(name, key, inter)``: the sides-table row of an actor the general rules name
Make = Callable[[str, str, int], object]


def headline(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a line written in title case (a headline): a line of at most
    :data:`HEADLINE_MAX_CHARS` characters."""
    lo, hi = max(0, pos - HEADLINE_MAX_CHARS), min(len(text), pos + HEADLINE_MAX_CHARS)
    start = text.rfind("\n", lo, pos) + 1
    end = text.find("\n", pos, hi)
    end = hi if end < 0 else end
    if (start == 0 and lo > 0) or (end == hi and hi < len(text)) \
            or end - start > HEADLINE_MAX_CHARS:
        return False
    words = re.findall(r"[A-Za-z][\w'’-]{3,}", text[start:end])
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def side_key(name: str) -> str:
    """The side key of a name from the text: lower case, every run of other characters than
    ASCII letters and digits one hyphen ("Zeta Liberation Front" → ``zeta-liberation-front``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@lru_cache(maxsize=1)
def _movement_words() -> frozenset[str]:
    """``geoevents/_movement_words.csv``: the words of a movement's own name."""
    return frozenset(r["word"].lower() for r in read_table("_movement_words.csv"))


def _movement(words: list[str]) -> bool:
    """Whether a name's words hold a word of a movement's name ("Liberation")."""
    found = _movement_words()
    return any(re.sub(r"['’]s?$", "", w).lower() in found for w in words[1:])


def _acronym(text: str, m: re.Match[str], words: list[str]) -> str | None:
    """The acronym a name goes by in the report when it defines none in brackets after it:
    one written before it in brackets ("the FLT (the Chadian Liberation Front)"), else the
    initials of its words if the report uses them ("the Kosovo Liberation Army … the
    KLA"); else ``None``."""
    before = _ACRONYM_BEFORE_RE.search(text, max(0, m.start() - 16), m.start())
    if before is not None and text.startswith(")", m.end("name")):
        return before["a"]
    initials = "".join(w[0] for w in words if w.lower() not in _NO_INITIAL)
    if len(initials) >= 3 and initials.isupper() and re.search(
            r"(?<![\w-])" + initials + _ABBR_END, text):
        return initials
    return None


def _word_group(name: str, demonyms: Mapping[str, object],
                names: Mapping[str, tuple[str, str]]) -> bool:
    """Whether the one word ``name`` before a generic armed noun names a group of its own:
    not a demonym or a country's name, nor a generic word, a month or a day."""
    return not (name in demonyms or name.rstrip("s") in demonyms or name in names
                or name.lower() in _GENERIC_WORDS or name in _NO_GROUP_NAME)


def _country_force(words: list[str], names: Mapping[str, tuple[str, str]]) -> str | None:
    """The state side of a name made of a country's name and generic words only ("Sri Lanka
    Army", "Sri Lanka Navy"), else ``None``."""
    for k in range(min(4, len(words) - 1), 0, -1):
        country = " ".join(words[:k])
        if country in names and all(w.lower().strip(".'’") in _GENERIC_WORDS
                                    for w in words[k:]):
            return names[country][1]
    return None


def named_actors(text: str, demonyms: Mapping[str, object],
                 names: Mapping[str, tuple[str, str]], make: Make
                 ) -> list[tuple[int, int, object]]:
    """The armed groups the text names that the table lacks: (start, end, row).

    A name gets a side of its own, the slug of its abbreviation when the text defines one
    ("the Zeta Liberation Front (ZLF)" → ``zlf``), else of the name (``shan-hills-army``),
    never another side's key; a country's name and generic words ("the Sri Lanka Army
    (SLA)") are that country's state side. An abbreviation so defined is that side wherever
    the text uses it ("the SLA", "SLA-held"), and so is an acronym the text writes as a
    holder ("in LTTE hands", "LTTE-held", "under LTTE control"), everywhere in the report.
    A name's key may also be an acronym written before it in brackets or the acronym of its
    initials the text uses ("the KLA"); a name that begins with a country's name is a
    movement when it holds a word of ``_movement_words.csv``; "the Seleka coalition" names
    "Seleka"; a short form of a longer name is the longer one's side (docs/events.md, "Round
    ten").

    Parameters
    ----------
    text : str
    demonyms : mapping
        The demonyms (keys looked up).
    names : mapping
        Country names → (ISO code, state side).
    make : callable
        ``make(name, key, inter)`` → the row (``inter`` 1 for a state's forces, 2 else).

    Returns
    -------
    list of (start, end, row)
    """
    out: list[tuple[int, int, object]] = []
    abbrs: dict[str, list[tuple[int, object]]] = {}
    initials: dict[str, object] = {}  # acronyms the text uses for names it writes out
    low = folded_lower(text)
    for m in _NAME_RE.finditer(text) if _NAME_WORDS is None or any(
            w in low for w in _NAME_WORDS) else ():
        name, start = m.group("name"), m.start("name")
        cut = _SENTENCE_END.search(name)
        if cut is not None:  # "… on Monday. Zeta Rebels": the name begins after the stop
            name, start = name[cut.end():], start + cut.end()
        lead = _GENERIC_LEAD_RE.match(name)
        if lead is not None and lead.end() < len(name) and all(
                w.lower() in _GENERIC_WORDS for w in name[:lead.end()].split()):
            # "Fighters of the Zeta Liberation Army": the name after the generic words
            name, start = name[lead.end():], start + lead.end()
        words = name.split()
        state = _country_force(words, names)
        if state is None and (
                words[0].lower() in _GENERIC_WORDS or re.match(r"\d", words[0])
                or all(w.lower().strip(".'’") in _GENERIC_WORDS for w in words)
                or ((words[0] in demonyms or words[0].rstrip("s") in demonyms
                     or re.sub(r"['’]s$", "", words[0]) in names) and not _movement(words))
                or headline(text, m.start())):
            continue
        acronym = None if state or m.group("abbr") else _acronym(text, m, words)
        key = state or side_key(m.group("abbr") or acronym or name)
        rule = make(name, key, 1 if state else 2)
        out.append((start, m.end("name"), rule))
        if m.group("abbr"):
            abbrs.setdefault(m.group("abbr"), []).append((m.start("abbr"), rule))
        elif acronym:
            initials.setdefault(acronym, rule)
    low_names = {m["name"] for m in _WORD_GROUP_RE.finditer(text) if _word_group(
        m["name"], demonyms, names)}
    for name in sorted(low_names):  # "the Seleka coalition": the word is the group everywhere
        initials.setdefault(name, make(name, side_key(name), 2))
    for acronym, rule in initials.items():  # every use, before the name too
        abbrs.setdefault(acronym, [(-1, rule)])
    for m in holder_acronyms(text):
        acronym = m["a"] or m["b"]
        if acronym not in abbrs:
            abbrs[acronym] = [(-1, make(acronym, side_key(acronym), 2))]
    # each abbreviation's uses found in one scan of the text (a scan per naming made a long
    # report quadratic), each given to the first naming but itself: the one that wins there
    # (a use given to every naming made as many actors as namings times uses)
    for abbr, namings in abbrs.items():
        rx = re.compile(r"(?<![\w-])" + re.escape(abbr) + _ABBR_END)
        for a in rx.finditer(text):
            rule = namings[0][1] if namings[0][0] != a.start() else (
                namings[1][1] if len(namings) > 1 else None)
            if rule is not None:
                out.append((a.start(), a.end(), rule))
    return _short_forms(text, out)


def _short_forms(text: str, out: list[tuple[int, int, object]]
                 ) -> list[tuple[int, int, object]]:
    """A name that ends another the report writes out is that one's short form ("the
    Liberation Army" after "the Kosovo Liberation Army"): the longer name's side."""
    full = {text[s:e]: rule for s, e, rule in out if len(text[s:e].split()) >= 3}
    if not full:
        return out
    longer = sorted(full, key=len, reverse=True)
    fixed = []
    for s, e, rule in out:
        name = text[s:e]
        owner = next((n for n in longer if len(n) > len(name) and len(name.split()) >= 2
                      and n.endswith(" " + name)), None)
        fixed.append((s, e, full[owner] if owner else rule))
    return fixed
