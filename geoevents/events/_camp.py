"""A foreign army's hold with the local government's forces is the local government's camp
(docs/events.md, "Round eleven: the local camp")."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from ._state import demonym_table, state_side
from .sides import ActorMatch, SideTable

__all__ = ["local_camp"]


@cache
def _states() -> frozenset[str]:
    """The state sides of every country the demonym table knows."""
    words, names = demonym_table()
    return frozenset(side for _, side in (*words.values(), *names.values()))


def _foreign(side: str, gov: str, table: SideTable) -> bool:
    """Whether ``side`` is a foreign force in the country whose government is ``gov``: another
    country's state, or a side whose every row is an external force (ACLED ``inter`` 8)."""
    if side == gov:
        return False
    rows = [r for r in table.rules if r.side == side]
    return side in _states() or (bool(rows) and all(r.inter == 8 for r in rows))


def local_camp(side: str | None, actors: Sequence[ActorMatch], table: SideTable,
               country: str | None, year: int | None) -> str | None:
    """The side a foreign force's claim is drawn as: the government of the report's
    ``country`` when ``side`` is a foreign force allied with it in ``year`` and the sentence
    (its ``actors``) names that government's forces too ("French and Malian troops took
    X"; "X, say Ethiopian troops and government soldiers"); else ``side`` itself."""
    if not side or not country:
        return side
    gov = state_side(country)
    if not any(a.side == gov for a in actors) or not _foreign(side, gov, table):
        return side
    return gov if table.allied(side, gov, year) else side
