"""A list's members read in the list's country: "A, B, C and D" names peers, so a member
whose place lies outside the country all the others were read in takes its reading there,
or none (docs/resolution.md, "Round ten")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ._homonyms import FAR_MAX_POPULATION
from ._theatre import neighbours
from .model import Mention, Place

#: Places named from afar, whatever the list: countries, continents, first-level regions and
#: regions of several countries.
_NAMED_FROM_AFAR = frozenset({"country", "continent", "admin1", "region"})


def kind_class(p: Place) -> str:
    """A place's kind, its settlements' kinds (village, town, city) as one."""
    return "settlement" if p.is_settlement else p.kind


def settle_list_mates(lists: list[list[Mention]],
                      compatible: Callable[[Place, Mention], bool]) -> set[int]:
    """Read each member of ``lists`` (runs of three names or more) in the country where all
    the other members' places lie (two at least, two thirds of them one kind of place other
    than a country): a member placed elsewhere — a place under
    :data:`~geoevents._homonyms.FAR_MAX_POPULATION`, no country or first-level region —
    takes its candidate there (``compatible`` with its feature word; of the others' kind,
    else the most populous), or, with none there, is left unplaced — unless its place lies
    across a land border of that country (a note about a border names both sides). Returns
    the ids of the members whose places lie in their list's country: list mates, no place
    and its parent."""
    mates: set[int] = set()
    for group in lists:
        placed = {id(m): m.place for m in group if m.place is not None}
        for m in group:
            others = [p for k, p in placed.items() if k != id(m)]
            countries = {p.country for p in others}
            if len(others) < 2 or len(countries) != 1 or None in countries:
                continue
            # peers: most of the others one kind of place ("Stroud, Ontario, Canada" is a
            # place, its province and its country)
            kind, n = Counter(kind_class(q) for q in others).most_common(1)[0]
            if 3 * n < 2 * len(others) or kind in ("country", "continent"):
                continue
            (home,) = countries
            p = m.place
            if p is None:
                continue
            if p.country == home:
                mates.add(id(m))
                continue
            if p.kind in _NAMED_FROM_AFAR or p.population >= FAR_MAX_POPULATION:
                continue
            there = [q for q in m.candidates if q.country == home and compatible(q, m)]
            if there:
                m.place = max(there, key=lambda q: (kind_class(q) == kind, q.population,
                                                    q.id))
                mates.add(id(m))
            elif p.country not in neighbours(home):
                m.place, m.confidence = None, 0.0
    return mates
