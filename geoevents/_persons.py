"""People and organisations written like places: the syntax around a name that says it is a
person ("Driver Ripon", "Sohag (18)", "Arif was injured") or an organisation's abbreviation
("Lashkar-e-Jhangvi … LeJ"). Specification: docs/resolution.md."""

from __future__ import annotations

import re

from .model import Extraction, Mention

#: Words that, right before a name, make it a person's: roles, titles, kinship, aliases.
_ROLE_WORDS = (
    "driver|helper|activists?|commander|leader|minister|chief|journalist|reporter|victim|"
    "accused|aka|alias|mr|mrs|ms|dr|sri|shri|smt|advocate|councill?or|chairman|chairperson|"
    "candidate|aspirant|workers?|cadres?|supporters?|student|teacher|farmer|trader|"
    "businessman|constable|inspector|sub-inspector|havildar|jawan|sepoy|soldier|officer|"
    "spokesman|spokesperson|cleric|imam|maulana|mufti|pastor|priest|son|daughter|wife|"
    "husband|brother|sister|father|mother|nephew|cousin|identified\\s+as|named|namely"
)
#: Roles that, right before a name with nothing between, make it a person's ("writer X"; a
#: sentence may end with one: "…named its president. CINCINNATI").
_BARE_ROLE_WORDS = (
    "writer|blogger|publisher|author|poet|actor|actress|singer|composer|lawyer|legislator|"
    "lawmaker|politician|president|governor|mayor|senator|MP|MLA|MNA"
)
_BEFORE_RE = re.compile(rf"(?<![\w-])(?:(?:{_ROLE_WORDS})\.?,?|(?:{_BARE_ROLE_WORDS}))\s+$",
                        re.IGNORECASE)
#: Verbs whose object, right after them, is a person, never a place ("police arrested X").
_OBJECT_RE = re.compile(
    r"(?<![\w-])(?:arrested|caught|abducted|kidnapped|detained|stabbed|hacked|chopped|"
    r"rescued|nabbed|picked\s+up)\s+$", re.IGNORECASE)
#: What, right after a name, makes it a person's: an age ("Sohag (18)", "Mohiuddin, 40,"), a
#: passive of what befalls people ("Arif was injured"), an alias, a possessive of a
#: person's things ("Khaleda's motorcade"), a leader's "-led" after the name or its surname
#: ("the Mohan Baidhya-led party").
_AFTER_RE = re.compile(
    r"\s*\(\d{2}\)|,\s*\d{2}\s*,|\s+(?:aka|alias)\b|(?:\s+[A-Z][\w']*)?-led\b"
    r"|(?P<passive>\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:injured|killed|arrested|shot|"
    r"stabbed|hacked|abducted|kidnapped|detained|wounded|beaten|murdered|rescued|"
    r"hospitali[sz]ed|admitted|identified|released|sentenced|charged)\b)"
    r"|['’]s\s+(?:motorcade|cavalcade|residence|house|son|daughter|wife|husband|father|"
    r"mother|brother|family|relatives|supporters|followers|bodyguards?|remarks|arrest|"
    r"murder|killing|death|body|funeral|convoy|concert|speech|statement|car|vehicle|"
    r"bungalow|assassination|visit)\b", re.IGNORECASE)
#: Initials right before a name ("K.M. Mani", "V.L . Benin"): two or more make a person's
#: name whatever its candidates; one, after a role ("Minister K. Mani").
_INITIALS_RE = re.compile(r"(?<![\w.])(?P<initials>(?:[A-Z]\s?\.\s*)+)$")
_WINDOW = 40
#: A preposition right before a name: the name is where, not who ("a horse in X was killed").
_PREPOSITION_RE = re.compile(
    r"(?<![\w-])(?:in|at|from|of|near|to|into|outside|inside|around|across|through)\s+$",
    re.IGNORECASE)
_AREA_KINDS = frozenset({"country", "continent", "region", "admin1", "admin2"})


def _initials_before(before: str, start: int, spans: list[tuple[int, int]]) -> int:
    """Where initials begin right before ``start`` in ``before`` (the text before it), or
    its length when there are none — or they are a compass point ("S.E. Paris"), a time of
    day ("7:20 P.M.") or a place's abbreviation that extraction read (``spans``: the
    mentions' spans, "U.S.")."""
    found = _INITIALS_RE.search(before)
    if found is None:
        return len(before)
    letters = re.sub(r"[\s.]", "", found.group("initials"))
    at = start - len(before) + found.start()
    if (not letters.strip("NSEW") or before[: found.start()].rstrip()[-1:].isdigit()
            or any(s < start and e > at for s, e in spans)):
        return len(before)
    return found.start()


def is_person(text: str, m: Mention, *, spans: list[tuple[int, int]] | None = None) -> bool:
    """Whether the syntax around ``m`` in ``text`` says it names a person: two initials
    before it ("K.M. Mani") whatever its candidates; else a name that is also a country's or
    a region's is never taken for one, but a district's is after a role noun (and an
    initial: "Minister K. Mani") or with a person's things after it ("Rana's cavalcade").
    ``spans``: the spans of the text's mentions (initials that are a place's abbreviation,
    "U.S.", are none)."""
    if m.role != "toponym":
        return False
    before = text[max(0, m.start - _WINDOW): m.start]
    cut = _initials_before(before, m.start, spans or [])
    if before.count(".", cut) >= 2:  # "K.M. Mani", "V.L . Benin"
        return True
    if any(p.kind in _AREA_KINDS - {"admin2"} for p in m.candidates):
        return False
    # a role, right before the name or its initial ("Minister K. Mani"; a middle initial
    # alone is no role: "Stephen F. Austin University", "T. Pudukottai")
    if _BEFORE_RE.search(before[:cut]):
        return True
    district = any(p.kind == "admin2" for p in m.candidates)
    after = _AFTER_RE.match(text, m.end)
    if district:  # only a person's things: "Rana's cavalcade"
        return after is not None and after.group(0).lstrip().startswith(("'", "’"))
    if _OBJECT_RE.search(before):
        return True
    # what befalls the name's subject: not when the name is where it befell
    return after is not None and not (after.group("passive")
                                      and _PREPOSITION_RE.search(before))


_SPLIT_RE = re.compile(r"[\s-]+")


def _initials(phrase: str) -> str:
    """The initials of a phrase's words, hyphenated parts included ("Lashkar-e-Jhangvi":
    "lej"), lower case."""
    return "".join(w[0] for w in _SPLIT_RE.split(phrase) if w).lower()


_PHRASE_RE = re.compile(r"[A-Z][\w']*(?:(?:\s+|-)(?:[a-z]{1,3}(?:\s+|-))?[A-Z][\w']*)+")


def phrase_initials(text: str) -> dict[str, list[tuple[int, int]]]:
    """The capitalised phrases of ``text`` by the initials of each of their word tails
    ("Punjab Assembly": "pa" and "a"), lower case: one pass over the text."""
    out: dict[str, list[tuple[int, int]]] = {}
    for ph in _PHRASE_RE.finditer(text):
        words = [w for w in _SPLIT_RE.split(ph.group(0)) if w]
        for k in range(len(words)):
            out.setdefault(_initials(" ".join(words[k:])), []).append((ph.start(), ph.end()))
    return out


def _abbreviation_shaped(m: Mention) -> bool:
    """Two to six letters, two capitals at least, and no country's or region's name ("US"
    for the United States, "KP" for Khyber Pakhtunkhwa)."""
    name = m.text
    return (2 <= len(name) <= 6 and name.isalpha() and sum(c.isupper() for c in name) >= 2
            and not any(p.kind in _AREA_KINDS for p in m.candidates))


def is_abbreviation(text: str, m: Mention, *,
                    phrases: dict[str, list[tuple[int, int]]] | None = None) -> bool:
    """Whether ``m`` is an abbreviation (two to six letters, two capitals at least) of a
    capitalised phrase of ``text`` ("Dukhtaran-e-Millat (DeM)", "Lashkar-e-Jhangvi … LeJ",
    "Punjab Assembly (PA)"): an organisation's name, not a place. ``phrases`` is
    :func:`phrase_initials` of ``text``, computed here when not given."""
    if not _abbreviation_shaped(m):
        return False
    if phrases is None:
        phrases = phrase_initials(text)
    return any(not s <= m.start < e for s, e in phrases.get(m.text.lower(), ()))


def drop_people(ex: Extraction, named: list[Mention]) -> list[Mention]:
    """Leave unresolved the mentions of ``named`` that name people or organisations
    (:func:`is_person`, :func:`is_abbreviation`); the rest, in order."""
    text = ex.text or ""
    kept: list[Mention] = []
    phrases: dict[str, list[tuple[int, int]]] | None = None  # read once, when first needed
    spans = [(o.start, o.end) for o in ex.mentions]
    for m in named:
        drop = False
        if text:
            drop = is_person(text, m, spans=spans)
            if not drop and _abbreviation_shaped(m):
                if phrases is None:
                    phrases = phrase_initials(text)
                drop = is_abbreviation(text, m, phrases=phrases)
        if drop:
            m.place, m.confidence = None, 0.0
        else:
            kept.append(m)
    return kept
