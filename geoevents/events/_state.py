"""The demonym table and the state side of a country (docs/events.md, "Sides")."""

from __future__ import annotations

from functools import cache, lru_cache

from .._tables import read_table

__all__ = ["demonym_table", "state_side"]


@lru_cache(maxsize=1)
def demonym_table() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """The demonyms and the country names of ``geoevents/_demonyms.csv``, each word →
    (ISO code, state side)."""
    words: dict[str, tuple[str, str]] = {}
    names: dict[str, tuple[str, str]] = {}
    for r in read_table("_demonyms.csv"):
        iso = r["country"]
        value = (iso, r["side"] or f"{iso.lower()}-government")
        (words if r["kind"] == "demonym" else names)[r["word"]] = value
    return words, names


@cache
def state_side(country: str) -> str:
    """The side key of the state ``country`` (ISO alpha-2): the one the demonym table gives
    its forces (``russia`` for RU, as "Russian forces" are keyed), else ``cc-government``."""
    cc = country.upper()
    for iso, side in demonym_table()[1].values():
        if iso == cc:
            return side
    return f"{country.lower()}-government"
