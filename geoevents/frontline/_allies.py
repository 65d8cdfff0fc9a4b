"""Allies do not contest each other's hold: the sides one day's claims give a place, when
every two of them fight together by the sides table in that day's year, are one camp held by
its leading side (docs/frontlines.md, "Allies hold together")."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from functools import lru_cache

from ..events.sides import load_sides


@lru_cache(maxsize=1)
def _pairs() -> dict[tuple[str, str], tuple[str, ...]]:
    """The allied pairs of the shipped sides table, both ways round, each with the sides of
    the rows that list it (their years are :meth:`SideRule.allied`'s)."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for r in load_sides().rules:
        for a in r.allies:
            for pair in ((r.side, a), (a, r.side)):
                out[pair] = (*out.get(pair, ()), r.side)
    return out


@lru_cache(maxsize=4096)
def _allied(a: str, b: str, year: int | None) -> bool:
    """Whether some row of the table has ``a`` and ``b`` fight together in ``year``."""
    if (a, b) not in _pairs():
        return False
    return any((r.side == a and r.allied(b, year)) or (r.side == b and r.allied(a, year))
               for r in load_sides().rules if r.side in (a, b))


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
