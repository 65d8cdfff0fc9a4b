"""A spelling variant, once places are chosen, must agree with the report's other places or
have a cue to stand on. Specification: docs/resolution.md, "Round six"."""

from __future__ import annotations

from collections import Counter

from ._geodesy import haversine_m
from ._theatre import NEAR_M, is_loose, neighbours
from .model import Mention, Place, Theatre

#: A lone spelling variant in a report with no cue at all: a settlement this populous is still
#: a reading of the name; a smaller one is a guess (measured over both ACLED development sets:
#: docs/resolution.md, round six).
UNCUED_POPULATION = 10_000


def cohere_loose(named: list[Mention], cues: Counter, theatre: Theatre | None) -> None:
    """Unplace (or move) a loose mention whose place disagrees with the report.

    The report's exactly named places (``anchors``: mentions placed by their own name) and
    its country ``cues`` (less the variants' own) say where it is. A loose mention's place
    outside every anchor's country, and every country cued, and over
    :data:`~geoevents._theatre.NEAR_M` from every anchor point is no reading of its name: it
    takes its most populous candidate that agrees, or none. With no anchor, no theatre and
    no country ``cues`` at all, a variant of a settlement under :data:`UNCUED_POPULATION`
    takes a candidate that size or larger (or an area), or none. The settlement a facility
    is named after when no facility is known (``host``: "Kalma camp"), a guess from the
    name alone, is read alike, whether the name is the town's own or a variant.
    """
    # a facility's town ("Kalma camp") is a guess from its name alone, exact or not
    loose = [m for m in named if (m.place is not None and is_loose(m))
             or (m.place is None and m.host is not None)]
    if not loose:
        return
    ids = {id(m) for m in loose}
    exact = [m for m in named if m.place is not None and id(m) not in ids
             and m.role == "toponym"]
    anchors = [m.place for m in exact if m.place is not None]
    # the countries an anchor may be in (its reading may be the wrong one: "Riyadh" read in
    # Saudi Arabia beside "Hawija", with a namesake in Iraq), and those the report cues
    countries = {p.country for m in exact for p in m.candidates
                 if p.country and p.kind != "continent"}
    countries |= {c for c, w in cues.items() if w > 0}
    # a country named is a container the report's places may straddle the border of
    # ("Nevesinje, Serbia (Yugoslavia)"): its land neighbours agree with it too
    countries |= {n for p in anchors if p.kind == "country" and p.country
                  for n in neighbours(p.country)}
    points = [p for p in anchors if not p.is_area or p.kind == "admin2"]
    if anchors:
        def fits(p: Place) -> bool:
            return p.country in countries or any(
                haversine_m(p.lat, p.lon, a.lat, a.lon) <= NEAR_M for a in points)
    elif theatre is None and not any(w > 0 for w in cues.values()):
        def fits(p: Place) -> bool:
            # (a population of 0 is GeoNames' "unknown", no evidence of a hamlet)
            return p.is_area or p.population >= UNCUED_POPULATION or not p.population
    else:
        return  # cues without anchors: the theatre's prior (prune_loose) has spoken
    for m in loose:
        # the place, or the settlement a facility is named after ("Kalma camp")
        said = m.place or m.host
        assert said is not None
        if said.kind in ("country", "continent") or fits(said):  # meant anywhere
            continue
        agree = [p for p in m.candidates if fits(p) and (m.place or p.is_settlement)]
        best = max(agree, key=lambda p: (p.population, p.id)) if agree else None
        if m.place is not None:
            m.place = best
            if best is None:
                m.confidence = 0.0
        else:
            m.host = best


#: The raw score of a spelling variant a note gives no theatre for, far from its exactly named
#: places, is scaled by this much, so that the calibration (``_calibration.csv``) tells it from
#: a variant the note supports: on the ACLED development notes (every 4th) such variants were
#: right 0.41 (no cue) and 0.59 (some cue) of the time, those in a theatre 0.85
#: (docs/resolution.md, "Round nine").
UNSUPPORTED_FACTOR = 0.5


def discount_unsupported(named: list[Mention], theatre: Theatre | None) -> None:
    """Scale the raw score of each loose mention of a note with no ``theatre`` (the user's,
    else the one inferred from its early cues: :func:`~geoevents._theatre.infer_theatre`)
    whose place lies over
    :data:`~geoevents._theatre.NEAR_M` from every exactly named place by
    :data:`UNSUPPORTED_FACTOR` (before calibration)."""
    if theatre is not None:
        return
    anchors = [m.place for m in named if m.place is not None and not is_loose(m)
               and m.role == "toponym" and (not m.place.is_area or m.place.kind == "admin2")]
    for m in named:
        p = m.place
        if p is None or not is_loose(m) or p.kind in ("country", "continent"):
            continue
        if not any(haversine_m(p.lat, p.lon, a.lat, a.lon) <= NEAR_M for a in anchors):
            m.confidence *= UNSUPPORTED_FACTOR
