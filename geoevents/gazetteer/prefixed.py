"""Query-time look-up of a name the gazetteer holds only with a generic word or an article
before it ("Brega" is "Marsa el Brega", "Hawijah" is "Al Hawijah"): the prefixes of
``_generic_prefixes.csv`` tried before a name no entry has. The built database is not
changed (docs/events.md, "Round eight")."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from .._tables import read_table

if TYPE_CHECKING:
    from ..model import Place
    from .store import Gazetteer

#: the kinds of place a prefixed name may find: settlements, not areas
SETTLEMENT_KINDS = frozenset({"city", "town", "village"})


@lru_cache(maxsize=1)
def generic_prefixes() -> tuple[str, ...]:
    """The prefixes of ``_generic_prefixes.csv``, as :func:`~geoevents._normalize.name_key`
    writes them."""
    rows = read_table("_generic_prefixes.csv", package=__package__)
    return tuple(row["prefix"].strip() for row in rows if row["prefix"].strip())


def _fits(prefix: str, key: str) -> bool:
    """Whether ``prefix`` may stand before ``key``: an article assimilated to a sun letter
    ("an", "ash", "ar" …) only before that letter ("an Nawfaliyah", "ash Sham")."""
    if len(prefix) in (2, 3) and prefix[0] == "a" and prefix != "al":
        return key.startswith(prefix[1:])
    return True


def lookup_prefixed(gaz: Gazetteer, keys: Iterable[str], *,
                    countries: Collection[str] | None = None) -> dict[str, list[Place]]:
    """The settlements each key finds with one of the generic prefixes before it, for keys
    that find some; the first prefix (in the table's order) that finds any wins.

    Parameters
    ----------
    gaz : Gazetteer
    keys : iterable of str
        Normalised names (:func:`~geoevents._normalize.name_key`) no entry has.
    countries : collection of str, optional
        When given, only settlements in these countries (ISO codes): those the report's
        other names speak of.

    Returns
    -------
    dict
        Key → its candidates (settlements only), for the keys that have any.
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    prefixes = generic_prefixes()
    tried = {k: [p for p in prefixes if _fits(p, k)] for k in keys}
    found = gaz.lookup_many(f"{p} {k}" for k in keys for p in tried[k])
    out: dict[str, list[Place]] = {}
    for k in keys:
        for p in tried[k]:
            cands = [c for c in found.get(f"{p} {k}", ()) if c.kind in SETTLEMENT_KINDS
                     and (countries is None or c.country in countries)]
            if cands:
                out[k] = cands
                break
    return out
