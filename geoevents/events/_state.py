"""The demonym table and the state side of a country (docs/events.md, "Sides")."""

from __future__ import annotations

import csv
import io
from functools import cache, lru_cache
from importlib import resources

__all__ = ["demonym_table", "state_side"]


@lru_cache(maxsize=1)
def demonym_table() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """The demonyms and the country names of ``geoevents/_demonyms.csv``, each word →
    (ISO code, state side)."""
    text = resources.files("geoevents").joinpath("_demonyms.csv").read_text(encoding="utf-8")
    words: dict[str, tuple[str, str]] = {}
    names: dict[str, tuple[str, str]] = {}
    rows = [r for r in csv.reader(io.StringIO(text)) if r and not r[0].startswith("#")]
    for kind, word, iso, side, _source in rows[1:]:
        value = (iso, side or f"{iso.lower()}-government")
        (words if kind == "demonym" else names)[word] = value
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
