"""The report's theatre, inferred before places are chosen, and the prior it puts on loose
(spelling-variant) matches. Specification: docs/resolution.md."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable

from ._geodesy import haversine_m
from ._match_starts import StartIndex, finditer_from, match_starts
from ._patterns import existence_starts_pattern, literal_prefixes
from ._tables import read_table
from .gazetteer.loose import VARIANT_MIN_SIMILARITY, is_variant, similarity
from .model import Extraction, Mention, Place, Theatre
from .text import SpanIndex, folded_lower, has_odd_folds, phrases_pretest

#: A country holding this share of the report's weighted cues is part of its theatre…
THEATRE_SHARE = 0.3
#: …when its cues weigh at least this much: an actor, or two other cues (a country named once
#: is often a neighbour: "on the border with Turkey").
THEATRE_MIN_WEIGHT = 3.0
#: A place this populous is meant from anywhere: a spelling variant of it needs no theatre.
PROMINENT_POPULATION = 1_000_000
#: With no theatre, a spelling variant of a place this populous is still a reading of the
#: name (a transliteration of a town: "Barisal" for Barishal); of a smaller one, only when the
#: report cues its country. Chosen on the ACLED development notes (30,000 and 100,000 tried:
#: docs/resolution.md).
LOOSE_ALONE_POPULATION = 30_000
#: A loose candidate this close to an exactly named place of the report is supported by it.
NEAR_M = 150_000.0
#: Weight of a side named in the report for its main country of operation (half for the rest).
ACTOR_WEIGHT = 3.0
#: Weight of a region in ACLED's "(District, Region)" notation, for its one country.
NOTATION_WEIGHT = 2.0

_GOVERNMENT_RE = re.compile(r"([a-z]{2})-government")
_PAREN_RE = re.compile(r"\(([^()\n]{2,80})\)")
#: What an actor pattern of the sides table is searched within.
_ACTOR_WRAP = (r"(?<!\w)(?:", r")(?!\w)")


@functools.cache
def side_countries() -> tuple[tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...] | None],
                              ...]:
    """The actor patterns of ``_sides.csv`` with the countries their side operates in
    (``_side_countries.csv``; a side ``xx-government``: XX); actors of no known country (generic
    words coded by context, civilians) are left out."""
    table = {row["key"]: tuple(row["countries"].split())
             for row in read_table("_side_countries.csv")}
    out: list[tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...] | None]] = []
    for row in read_table("_sides.csv"):
        pattern, actor = row["pattern"], row["actor"]
        side = row["side"].split()[0] if row["side"] else ""
        gov = _GOVERNMENT_RE.fullmatch(side)
        countries = ((gov.group(1).upper(),) if gov else table.get(side)
                     or (table.get(actor) if side == "@context" else None))
        if not countries:
            continue
        flags = 0 if pattern == pattern.upper() else re.IGNORECASE
        out.append((re.compile(_ACTOR_WRAP[0] + pattern + _ACTOR_WRAP[1], flags), countries,
                    literal_prefixes(pattern)))
    return tuple(out)


@functools.cache
def _actor_index() -> StartIndex:
    """The words the matches of each pattern of :func:`side_countries` begin with (or, past a
    leading "(?:the )?", the matches that show one is there: :func:`theatre_cues` asks
    only whether a pattern matches)."""
    a, b = len(_ACTOR_WRAP[0]), len(_ACTOR_WRAP[1])
    return StartIndex(match_starts(existence_starts_pattern(regex.pattern[a:-b]))
                      for regex, _, _ in side_countries())


@functools.cache
def _neighbour_table() -> dict[str, frozenset[str]]:
    return {row["country"]: frozenset(row["neighbours"].split())
            for row in read_table("_neighbours.csv")}


def neighbours(country: str) -> frozenset[str]:
    """The land neighbours of ``country`` (ISO alpha-2; ``_neighbours.csv``, from countryinfo)."""
    return _neighbour_table().get(country, frozenset())


def is_loose(m: Mention) -> bool:
    """Whether ``m``'s candidates came from a loose match: none bears the text's name as its
    own, and some are spelling variants of it (:func:`~geoevents.gazetteer.loose.is_variant`)
    or extraction found them by a loose lookup (``m.loose``: a variant of a city's alternate
    name, "Rangoon" for Yangon, is as much a guess however unlike the place's own name)."""
    variant = m.loose
    for p in m.candidates:
        s = similarity(m.name, p.name)
        if s >= 1.0:
            return False  # a candidate bears the name: no loose match (no need to go on)
        variant = variant or s >= VARIANT_MIN_SIMILARITY
    return variant


def theatre_cues(ex: Extraction, named: list[Mention]) -> Counter:
    """Cues the name-based ones miss: each side named (once) for its countries of operation,
    and the regions of ACLED's "(District, Region)" notation for their country."""
    cues: Counter = Counter()
    text = ex.text
    if not text:
        return cues
    seen: set[tuple[str, ...]] = set()
    low = text.lower()
    index = _actor_index()
    starts_at = index.candidates(text)  # where each pattern may match
    # a pattern the index found words for holds the word a match begins with (each word a
    # match may begin with begins with one of its literal_prefixes, and the index reads the
    # words in ``low``) — but in a text with odd folds, which the index reads folded
    odd = has_odd_folds(text)
    rows = side_countries()
    for row in sorted(index.always.union(starts_at)):  # the rows a match can begin of
        regex, countries, starts = rows[row]
        at = starts_at.get(row)
        if countries in seen or (starts is not None and (at is None or odd)
                                 and not any(w in low for w in starts)):
            continue  # already counted, or a word it begins with absent
        if next(finditer_from(regex, text, at), None):
            seen.add(countries)
            for i, c in enumerate(countries):  # the main theatre first
                cues[c] += ACTOR_WEIGHT if i == 0 else ACTOR_WEIGHT / 2
    parens = [m.span() for m in _PAREN_RE.finditer(text)]
    if parens:
        index = SpanIndex(parens)  # (disjoint: the one holding a mention's start, if any)
        for m in named:
            paren = index.at(m.start) if m.role == "toponym" else None
            if paren is None or not (paren[0] < m.start and m.end < paren[1]):
                continue
            regions = {p.country for p in m.candidates
                       if p.kind in ("admin1", "admin2") and p.country}
            if len(regions) == 1:
                cues[regions.pop()] += NOTATION_WEIGHT
    return cues


#: Weight of an administrative-unit word of ``_unit_words.csv`` ("upazila"), shared among its
#: countries: as much as an actor, for a word only one country uses.
UNIT_WEIGHT = 3.0


@functools.cache
def _unit_table() -> dict[str, tuple[str, ...]]:
    """The words of ``_unit_words.csv`` and the organisations of one country of
    ``_org_countries.csv`` ("Awami League", "MQM": parties and security forces that are no
    conflict side), as written (lower case or capitals, single spaces), and their countries."""
    return {row["word"]: tuple(row["countries"].split())
            for name in ("_unit_words.csv", "_org_countries.csv") for row in read_table(name)}


@functools.cache
def _unit_patterns() -> tuple[tuple[re.Pattern[str], bool, re.Pattern[str] | None], ...]:
    """The words of :func:`_unit_table` as patterns: those written in lower case matched
    case-insensitively, those in capitals (VDC, LGA) as written; a final "s" allowed. With
    each, whether it reads capitals as written, and its
    :func:`~geoevents.text.phrases_pretest` (found in the text as written or in its
    :func:`~geoevents.text.folded_lower` wherever the pattern matches), or ``None``."""
    out = []
    for upper in (False, True):
        words = [w for w in _unit_table() if (w == w.upper()) is upper]
        if words:
            alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
            regex = re.compile(rf"(?<!\w)(?:{alts})s?(?!\w)", 0 if upper else re.IGNORECASE)
            out.append((regex, upper, phrases_pretest(words, ignore_case=not upper)))
    return tuple(out)


def unit_cues(text: str) -> Counter:
    """The countries of the administrative-unit words in ``text`` ("Sadar upazila",
    "Bassa LGA": ``_unit_words.csv``), each word once, weighing :data:`UNIT_WEIGHT` shared
    among its countries."""
    cues: Counter = Counter()
    if not text:
        return cues
    table = _unit_table()
    seen: set[str] = set()
    low = None
    for regex, upper, pretest in _unit_patterns():
        if pretest is not None:  # none of its words there: no match
            if not upper and low is None:
                low = folded_lower(text)
            if not pretest.search(text if upper else low):
                continue
        for m in regex.finditer(text):
            said = " ".join(m.group(0).split())
            # as written or in lower case, singular or plural
            word = next((w for w in (said, said[:-1], said.lower(), said.lower()[:-1])
                         if w in table), None)
            if word is None or word in seen:
                continue
            seen.add(word)
            countries = table[word]
            for c in countries:
                cues[c] += UNIT_WEIGHT / len(countries)
    return cues


def infer_theatre(cues: Counter) -> Theatre | None:
    """The countries holding :data:`THEATRE_SHARE` of the weighted ``cues`` (and at least
    :data:`THEATRE_MIN_WEIGHT`), or None when no country does."""
    total = sum(cues.values())
    if not total:
        return None
    countries = frozenset(c for c, w in cues.items()
                          if w >= THEATRE_MIN_WEIGHT and w / total >= THEATRE_SHARE)
    return Theatre(countries=countries) if countries else None


def prune_loose(named: list[Mention], theatre: Theatre | None, cues: Counter | None = None,
                *, terse: bool = False) -> None:
    """Keep a loose mention's candidates only where a spelling variant is credible: in the
    ``theatre``, near a place the report names exactly (one candidate, or one in the theatre),
    in a country the report names, or prominent enough to be meant anywhere (a country, a
    city of a million). A report with no theatre but some country cue gives a weaker prior: a
    variant is also kept in a country its ``cues`` name at all or a land neighbour of one, or
    when the place is a town of :data:`LOOSE_ALONE_POPULATION` — a hamlet abroad is no
    reading of a name in a note that says where it is. A report with no cue at all gives no
    prior: nothing is pruned ("Fighting was reported in Tel Afar."). In a ``terse`` note with
    a theatre, no city is prominent enough: only a country or continent is meant anywhere."""
    loose = {id(m) for m in named if is_loose(m)}
    if not loose or (theatre is None and not any(w > 0 for w in (cues or {}).values())):
        return  # a note that says nothing of where it is gives no prior
    anchors: list[Place] = []
    for m in named:
        if id(m) not in loose and m.role == "toponym":
            inside = [p for p in m.candidates if theatre and theatre.contains(p)]
            pts = inside or (m.candidates if len(m.candidates) == 1 else ())
            anchors.extend(p for p in pts if not p.is_area or p.kind == "admin2")
    near: Callable[[Place], bool] = functools.cache(lambda p: any(
        haversine_m(p.lat, p.lon, a.lat, a.lon) <= NEAR_M for a in anchors))
    # a country the report names by its own name is a place of the report too ("Douma in
    # Syria" in a note whose other places are American)
    named_countries = {p.country for m in named if id(m) not in loose and m.role == "toponym"
                       for p in m.candidates if p.kind == "country" and p.country}
    if theatre is None:
        cued = {c for c, w in (cues or {}).items() if w > 0}
        cued |= {n for c in cued for n in neighbours(c)}  # a border war is about both sides
        credible: Callable[[Place], bool] = lambda p: (  # noqa: E731
            p.population >= LOOSE_ALONE_POPULATION or p.country in cued)
    else:
        credible = theatre.contains
    prominent = PROMINENT_POPULATION if theatre is None or not terse else float("inf")
    for m in named:
        if id(m) not in loose:
            continue
        keep = tuple(p for p in m.candidates
                     if not (m.loose or is_variant(m.name, p.name))
                     or p.kind in ("country", "continent")
                     or p.population >= prominent or credible(p)
                     or p.country in named_countries or near(p))
        if len(keep) != len(m.candidates):
            m.candidates = keep


def looseness(m: Mention) -> float:
    """How loose ``m``'s match is: 0 for the text's own name, up to 1 (the share of letters
    the place's name does not share with the text's)."""
    if m.place is None or not is_loose(m):
        return 0.0
    return round(1.0 - similarity(m.name, m.place.name), 3)
