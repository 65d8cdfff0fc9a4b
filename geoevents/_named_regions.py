"""First-level regions a terse note names settle its other names' namesakes: "a landmine in
the state's Bijapur district" in a note naming Chhattisgarh is the Bijapur of Chhattisgarh
(docs/resolution.md, round five)."""

from __future__ import annotations

from collections.abc import Callable

from ._normalize import name_key
from ._theatre import is_loose
from .model import Mention, Place

#: A candidate inside a named region is taken unless the place chosen is this many times as
#: populous (plus :data:`_FLOOR` people): a note naming Sindh does not move "Lahore" to a
#: hamlet of Sindh that bears the name.
REGION_RATIO = 100
_FLOOR = 1_000
_AREAS = frozenset({"country", "continent", "region", "admin1"})


def settle_in_named_regions(named: list[Mention],
                            compatible: Callable[[Place, Mention], bool]) -> None:
    """For each name whose place lies outside every first-level region the note names
    (another name resolved to a region bearing the name as its own, modifiers included:
    "Chhattisgarh Armed Force"), take its most populous ``compatible`` candidate inside one
    of them instead, unless the place chosen is :data:`REGION_RATIO` times as populous.
    Spelling variants neither name a region nor move."""
    regions: dict[tuple[str | None, str | None], list[Mention]] = {}
    for m in named:
        p = m.place
        if (p is not None and p.kind == "admin1" and not is_loose(m)
                and name_key(p.name) == name_key(m.name)):
            regions.setdefault((p.country, p.admin1), []).append(m)
    if not regions:
        return
    for m in named:
        p = m.place
        if p is None or p.kind in _AREAS or is_loose(m) or _inside(p, m, regions):
            continue
        inside = [c for c in m.candidates if c.kind not in _AREAS and _inside(c, m, regions)
                  and compatible(c, m)]
        if not inside:
            continue
        best = max(inside, key=lambda c: (c.population, c.id))
        if REGION_RATIO * (best.population + _FLOOR) >= p.population:
            m.place = best


def _inside(p: Place, m: Mention,
            regions: dict[tuple[str | None, str | None], list[Mention]]) -> bool:
    """Whether ``p`` lies in a region named by a mention other than ``m``."""
    return any(o is not m for o in regions.get((p.country, p.admin1), ()))
