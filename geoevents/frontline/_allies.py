"""Allies do not contest each other's hold: the sides one day's claims give a place, when
every two of them fight together by the sides table in that day's year, are one camp held by
its leading side (docs/frontlines.md, "Allies hold together")."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from functools import lru_cache

from ..events.sides import load_sides


@lru_cache(maxsize=1)
def _pairs() -> frozenset[tuple[str, str]]:
    """The allied pairs of the shipped sides table, both ways round, whatever their years
    (:meth:`SideTable.allied` reads those)."""
    rules = load_sides().rules
    return frozenset(p for r in rules for a in r.allies for p in ((r.side, a), (a, r.side)))


@lru_cache(maxsize=4096)
def _allied(a: str, b: str, year: int | None) -> bool:
    """Whether some row of the table has ``a`` and ``b`` fight together in ``year``."""
    return (a, b) in _pairs() and load_sides().allied(a, b, year)


def one_camp(sides: Iterable[str], *, day: _dt.date | None = None) -> bool:
    """Whether every two of ``sides`` (at least two) fight together: one lists the other as
    an ally in ``geoevents/_sides.csv``, in the year of ``day`` when the alliance has years
    (an undated one: only an alliance that reaches the present)."""
    sides = sorted(set(sides))
    year = day.year if day is not None else None
    return len(sides) > 1 and all(_allied(a, b, year) for i, a in enumerate(sides)
                                  for b in sides[i + 1:])


def leader(weights: dict[str, float], prior: str | None) -> str:
    """The side a camp's hold is drawn as: the one the claims weigh most for, on a tie the
    side that held the place before, else the first by name."""
    top = max(weights.values())
    best = sorted(s for s, w in weights.items() if w == top)
    return prior if prior in best else best[0]
