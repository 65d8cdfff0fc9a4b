"""A short form of a country's name that names several countries ("Congo"): every country
it names is a candidate (the table ``_short_forms.csv``; docs/resolution.md, "Round
eight")."""

from __future__ import annotations

import functools

from .._normalize import name_key
from .._tables import read_table
from ..gazetteer import Gazetteer
from ..model import Mention


@functools.cache
def _short_forms() -> dict[str, tuple[str, ...]]:
    """A short form's :func:`name_key` → the countries it names (ISO alpha-2)."""
    return {name_key(r["name"]): tuple(r["countries"].split())
            for r in read_table("_short_forms.csv", package="geoevents.extract")}


def add_short_form_countries(mentions: list[Mention], gaz: Gazetteer) -> None:
    """Give each toponym that is a short form of :func:`_short_forms` all the countries it
    names as candidates ("Congo": the Republic, which the gazetteer files it under, and the
    Democratic Republic)."""
    forms = _short_forms()
    for m in mentions:
        isos = forms.get(name_key(m.name)) if m.role == "toponym" else None
        if not isos:
            continue
        have = {p.country for p in m.candidates if p.kind == "country"}
        extra = tuple(c for iso in isos if iso not in have
                      and (c := gaz.country(iso)) is not None)
        if extra:
            m.candidates = tuple(m.candidates) + extra
