"""Homonym pruning for resolution: chosen places that nothing in the report supports are left
unresolved (docs/resolution.md, docs/geometry.md)."""

from __future__ import annotations

from collections import Counter

from ._geodesy import haversine_m
from ._normalize import name_key
from ._theatre import is_loose, neighbours
from .model import Mention, Place, Theatre

#: A place is dropped as a far-away homonym when the report is this clearly about other countries…
DOMINANT_CUE_SHARE = 0.6
#: …it lies this far from every other place chosen…
FAR_M = 2_000_000.0
#: …and it is smaller than this (countries and big cities are legitimately named from afar).
FAR_MAX_POPULATION = 500_000


#: A name whose only candidate is this many times smaller than a place gives a weak cue
#: against it (:func:`weaker_cues`).
WEAKER_RATIO = 10


def weaker_cues(named: list[Mention], m: Mention, p: Place, cues: Counter) -> Counter:
    """The ``cues`` that cannot outvote ``p`` (``m``'s place): a country's, when nothing cues
    it but unambiguous names whose only candidates are :data:`WEAKER_RATIO` times smaller
    than ``p`` — a hamlet abroad, the only reading of a village the gazetteer lacks, does
    not make a town of 200,000 a namesake ("Banani" read as a hamlet of Albania does not
    unplace "Bogra" in Bangladesh; docs/resolution.md, round five). A country other names
    also cue keeps its weight, and a spelling variant is too weak a reading to be spared."""
    out: Counter = Counter()
    if is_loose(m):
        return out
    for o in named:
        if (o is not m and len(o.candidates) == 1 and o.role == "toponym"
                and o.candidates[0].country
                and WEAKER_RATIO * o.candidates[0].population < p.population):
            out[o.candidates[0].country] += 2
    return Counter({c: w for c, w in out.items() if cues.get(c, 0) <= w})


def drop_far_homonyms(named: list[Mention], cues: Counter, theatre: Theatre | None = None,
                      *, terse: bool = False) -> None:
    """Prefer an honest "not found" to a far-away homonym that nothing in the report supports
    (a place inside the user's theatre is supported by it; in a ``terse`` note, cues only
    smaller places give do not count against it: :func:`weaker_cues`)."""
    total = sum(cues.values())
    if not total:
        return
    # the other chosen *places*, each once: a country's or region's point says little about
    # what is near it (Iraq's point is 1,700 km from Yemen's Hammam Ali)
    # the cue an unambiguous name gives its own country does not support that name (a lone,
    # loosely matched "Hammam al-Alil" in Yemen in a report about Mosul): 2 a mention
    own = Counter((o.candidates[0].country, name_key(o.name)) for o in named
                  if len(o.candidates) == 1 and o.role == "toponym")
    # ...and in a terse note, a namesake chosen among countries for want of a better ("Al
    # Bara" read in Sudan) makes no other place far ("Idleb"): a place whose name says its
    # country does, or one the cues support (round six)
    points = {q.id: q for m in named if (q := m.place) is not None and not q.is_area and (
        not terse or all(c.country == q.country for c in m.candidates)
        or cues.get(q.country, 0) - 2 * own[q.country, name_key(m.name)] > 0
        or q.population >= FAR_MAX_POPULATION or (theatre and theatre.contains(q)))}
    dominant = max(cues.values()) / total >= DOMINANT_CUE_SHARE
    far: dict[str, bool] = {}  # by place id: no other chosen place within FAR_M
    for m in named:
        p = m.place
        if p is None or p.kind in ("country", "continent") or p.population >= FAR_MAX_POPULATION:
            continue
        if theatre and theatre.contains(p):
            continue
        if cues.get(p.country, 0) - 2 * own[p.country, name_key(m.name)] > 0 or not dominant:
            continue
        if p.id not in far:
            far[p.id] = not any(haversine_m(p.lat, p.lon, q.lat, q.lon) <= FAR_M
                                for qid, q in points.items() if qid != p.id) and (
                len(points) - (p.id in points) > 0)
        if far[p.id] and (not terse or _outvoted(cues - weaker_cues(named, m, p, cues), p,
                                                 2 * own[p.country, name_key(m.name)])):
            m.place, m.confidence = None, 0.0


def _outvoted(cues: Counter, p: Place, mine: int) -> bool:
    """Whether ``cues`` (less the ``mine`` that ``p``'s own name gives its country) still
    point away from ``p``: its country uncued while one country dominates."""
    total = sum(cues.values())
    return bool(total) and cues.get(p.country, 0) - mine <= 0 and (
        max(cues.values()) / total >= DOMINANT_CUE_SHARE)


#: A place no nearer than this to every other place chosen is "far" (:func:`drop_incoherent`).
INCOHERENT_M = 200_000.0


def drop_incoherent(named: list[Mention], cues: Counter, theatre: Theatre | None = None
                     ) -> None:
    """Coherence beats a namesake: a place matched on a name that is not its own (a spelling
    variant or an alternate name: "Bweremana" is not Bremen), in a country nothing else in
    the report cues and no other place chosen lies in, more than :data:`INCOHERENT_M` from
    every other place chosen, while some other place chosen lies in a cued country and one
    country dominates the cues (as for :func:`drop_far_homonyms`), is a village the
    gazetteer lacks: unresolved
    (docs/geometry.md)."""
    own = Counter((o.candidates[0].country, name_key(o.name)) for o in named
                  if len(o.candidates) == 1 and o.role == "toponym")

    def cued(p: Place, m: Mention) -> bool:
        return cues.get(p.country, 0) - 2 * own[p.country, name_key(m.name)] > 0

    total = sum(cues.values())
    if not total or max(cues.values()) / total < DOMINANT_CUE_SHARE:
        return  # a report about several countries: no home to be far from
    points = {q.id: (q, m) for m in named if (q := m.place) is not None and not q.is_area}
    home = {qid for qid, (q, m) in points.items() if cued(q, m)}
    for m in named:
        p = m.place
        if p is None or p.is_area or cued(p, m) or (theatre and theatre.contains(p)):
            continue
        if name_key(p.name) == name_key(m.name):
            continue  # its own name: left to drop_far_homonyms
        if not home - {p.id}:
            continue
        if any(q.country == p.country for qid, (q, _) in points.items() if qid != p.id):
            continue  # another place of the report in its country supports it
        if all(haversine_m(p.lat, p.lon, q.lat, q.lon) > INCOHERENT_M
               for qid, (q, _) in points.items() if qid != p.id):
            m.place, m.confidence = None, 0.0


#: A place this populous is no stray (:func:`drop_strays`): a town the size of Kunduz is
#: named from afar ("A US air strike hit the hospital in Kunduz").
STRAY_MAX_POPULATION = 100_000


def drop_strays(named: list[Mention], cues: Counter, theatre: Theatre | None = None) -> None:
    """Coherence beats a namesake abroad: a small place (under :data:`STRAY_MAX_POPULATION`,
    not an area) in a country that nothing but its own name cues, neither a country the
    report's other ``cues`` name nor a land neighbour of one, with no other place chosen in
    its country or within :data:`INCOHERENT_M` of it, is the namesake of a place the
    gazetteer lacks ("Sadar upazila" in a Bangladeshi note is no hamlet of Indonesia; "Nanno
    sector" on the Line of Control is no village of Italy): unresolved. The cue a name gives
    its own country does not support it, but it supports the report's other places there
    ("Douma in Syria")."""
    own = Counter((o.candidates[0].country, name_key(o.name)) for o in named
                  if len(o.candidates) == 1 and o.role == "toponym")
    points = [q for m in named if (q := m.place) is not None and not q.is_area]
    for m in named:
        p = m.place
        if (p is None or p.is_area or p.population >= STRAY_MAX_POPULATION or not p.country
                or (theatre and theatre.contains(p))):
            continue
        # the countries cued but by the name itself (2 for an unambiguous name) or by
        # smaller places (weaker_cues), and their land neighbours
        mine = 2 * own[p.country, name_key(m.name)]
        strong = cues - weaker_cues(named, m, p, cues)
        cued = {c for c, w in strong.items() if w - (mine if c == p.country else 0) > 0}
        if not cued or p.country in cued or any(p.country in neighbours(c) for c in cued):
            continue
        if any(q.id != p.id and (q.country == p.country or haversine_m(
                p.lat, p.lon, q.lat, q.lon) <= INCOHERENT_M) for q in points):
            continue
        m.place, m.confidence = None, 0.0


def drop_outside_theatre(named: list[Mention], cues: Counter, theatre: Theatre) -> None:
    """With a theatre given, a small place outside it stays unresolved unless the report
    itself supports it: its country is cued (named, a demonym, an unambiguous place there)."""
    for m in named:
        p = m.place
        if p is None or theatre.contains(p) or p.population >= FAR_MAX_POPULATION:
            continue
        if p.kind in ("country", "continent", "region", "admin1") or cues.get(p.country, 0):
            continue
        m.place, m.confidence = None, 0.0



#: A spelling variant this far from every place the report names exactly in its country
#: (:func:`drop_far_variants`) is no reading of its name…
VARIANT_FAR_M = 150_000.0
#: …unless it is a town this populous: a variant of a town is a place of the report, as an
#: exact name is, and one of a smaller place a guess (the threshold of
#: :data:`geoevents._loose_coherence.UNCUED_POPULATION`).
VARIANT_TOWN_POPULATION = 10_000


def drop_far_variants(named: list[Mention]) -> None:
    """Coherence beats a loose namesake in the report's own country: a spelling variant
    (:func:`~geoevents._theatre.is_loose`) chosen as a settlement under
    :data:`VARIANT_TOWN_POPULATION`, in a country where the report names other places
    exactly or as variants of towns (under :data:`FAR_MAX_POPULATION`), more than
    :data:`VARIANT_FAR_M` from each of them and in none of the first-level regions it names,
    stands for a village the gazetteer lacks ("Robotyne and Verbove in Zaporizhzhia oblast"
    is no Rybotyn of Chernihiv oblast, 500 km away): unresolved. Terse notes only: an
    article ranges wider (docs/resolution.md, "Round eight")."""
    # the places named exactly, and variants of towns (a variant of a village is no anchor),
    # but big cities, named from afar ("Kyiv says Kupiansk retaken")
    exact = [q for m in named if (q := m.place) is not None
             and q.population < FAR_MAX_POPULATION
             and (not is_loose(m) or q.population >= VARIANT_TOWN_POPULATION)]
    points = [q for q in exact if not q.is_area or q.kind == "admin2"]
    regions = {(q.country, q.admin1) for q in exact if q.kind == "admin1"}
    for m in named:
        p = m.place
        if (p is None or p.is_area or p.population >= VARIANT_TOWN_POPULATION
                or not is_loose(m) or (p.country, p.admin1) in regions):
            continue
        home = [q for q in points if q.country == p.country and q.id != p.id]
        if home and all(haversine_m(p.lat, p.lon, q.lat, q.lon) > VARIANT_FAR_M
                        for q in home):
            m.place, m.confidence = None, 0.0
