"""First-level regions a terse note names settle its other names' namesakes ("a landmine in
the state's Bijapur district" in a note naming Chhattisgarh is the Bijapur of Chhattisgarh),
and outside them a world city beats its small namesakes (docs/resolution.md, round five)."""

from __future__ import annotations

from collections.abc import Callable

from ._geodesy import haversine_m
from ._normalize import name_key
from ._theatre import is_loose
from .model import Mention, Place, Theatre

#: A candidate inside a named region is taken unless the place chosen is this many times as
#: populous (plus :data:`_FLOOR` people): a note naming Sindh does not move "Lahore" to a
#: hamlet of Sindh that bears the name.
REGION_RATIO = 100
_FLOOR = 1_000
#: A city this populous bearing the name as its own is what a note means by it, over a place
#: :data:`REGION_RATIO` times smaller outside every region the note names (issue 17: a pair
#: of small namesakes never beats a major city).
WORLD_CITY_POPULATION = 1_000_000
_AREAS = frozenset({"country", "continent", "region", "admin1"})


def settle_in_named_regions(named: list[Mention], compatible: Callable[[Place, Mention], bool],
                            *, context: list[Mention] | None = None,
                            theatre: Theatre | None = None) -> None:
    """For each name whose place lies outside every first-level region the note names
    (another name resolved to a region bearing the name as its own, modifiers included:
    "Chhattisgarh Armed Force"), take its most populous ``compatible`` candidate inside one
    of them instead, unless the place chosen is :data:`REGION_RATIO` times as populous.
    With no candidate in a named region, a place :data:`REGION_RATIO` times smaller than a
    city of :data:`WORLD_CITY_POPULATION` bearing the name as its own gives way to the city
    unless another name placed under its own name lies near it (:func:`_supported`):
    coherence with a loosely read neighbour does not make "Dhaka" a town of Bihar.
    Spelling variants neither name a region nor move. ``context``: the names that may name a
    region or support a namesake (all of ``named`` by default; the names of an "X, Y" pair,
    which decides for itself, are left out of ``named`` but still name regions). With the
    user's ``theatre``, a place inside it stays, and nothing moves out of it."""
    context = named if context is None else context
    regions: dict[tuple[str | None, str | None], list[Mention]] = {}
    for m in context:
        p = m.place
        if (p is not None and p.kind == "admin1" and not is_loose(m)
                and name_key(p.name) == name_key(m.name)):
            regions.setdefault((p.country, p.admin1), []).append(m)
    for m in named:
        p = m.place
        if (p is None or p.kind in _AREAS or is_loose(m) or _inside(p, m, regions)
                or (theatre is not None and theatre.contains(p))):
            continue
        inside = [c for c in m.candidates if c.kind not in _AREAS and _inside(c, m, regions)
                  and compatible(c, m) and (theatre is None or theatre.contains(c))]
        if inside:
            best = max(inside, key=lambda c: (c.population, c.id))
            if REGION_RATIO * (best.population + _FLOOR) >= p.population:
                m.place = best
            continue
        key = name_key(m.name)
        cities = [c for c in m.candidates if c.is_settlement and name_key(c.name) == key
                  and c.population >= WORLD_CITY_POPULATION
                  and c.population >= REGION_RATIO * (p.population + _FLOOR)
                  and compatible(c, m) and (theatre is None or theatre.contains(c))]
        if cities and not _supported(p, m, context):
            # "in Dhaka" is the capital, not a town of Bihar near a loosely read "Chhatra"
            m.place = max(cities, key=lambda c: (c.population, c.id))


#: Another name placed this near, under its own name, supports a small namesake ("near
#: Berlin" beside Ilitha is the Eastern Cape's Berlin).
SUPPORT_M = 200_000.0


def _supported(p: Place, m: Mention, named: list[Mention]) -> bool:
    """Whether another name, not a spelling variant, is placed under its own name within
    :data:`SUPPORT_M` of ``p``."""
    for o in named:
        q = o.place
        if (o is not m and q is not None and not q.is_area and not is_loose(o)
                and name_key(q.name) == name_key(o.name)
                and haversine_m(p.lat, p.lon, q.lat, q.lon) <= SUPPORT_M):
            return True
    return False


def _inside(p: Place, m: Mention,
            regions: dict[tuple[str | None, str | None], list[Mention]]) -> bool:
    """Whether ``p`` lies in a region named by a mention other than ``m``."""
    return any(o is not m for o in regions.get((p.country, p.admin1), ()))
