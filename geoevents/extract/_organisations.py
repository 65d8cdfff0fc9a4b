"""Organisations whose names hold a place's name or a word that is one ("Shiv Sena",
"Jamaat-ud-Dawa", "Jammu and Kashmir Liberation Front"): no part of such a name is a place mention
(the table ``_organisations.csv``; docs/resolution.md, "Round seven")."""

from __future__ import annotations

import csv
import functools
import io
import re
from importlib import resources

from ..model import Mention


@functools.cache
def _organisations_re() -> re.Pattern[str]:
    """The patterns of ``_organisations.csv`` as one expression (word boundaries, any case)."""
    rows = csv.reader(io.StringIO(
        resources.files("geoevents.extract").joinpath("_organisations.csv").read_text("utf-8")))
    pats = [r[0] for r in rows if r and not r[0].startswith("#") and r[0] != "pattern"]
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in pats) + r")(?!\w)", re.I)


def drop_organisations(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions less those inside an organisation's name of the table (a demonym stays:
    the country it names is still a cue)."""
    spans = [(m.start(), m.end()) for m in _organisations_re().finditer(text)]
    if not spans:
        return mentions
    return [m for m in mentions if m.feature == "demonym"
            or not any(s < m.end and m.start < e for s, e in spans)]
