"""An administrative area a report names as a district: held, lost and fought over as a
whole, like a town (docs/events.md, round six part two; docs/frontlines.md, "Districts")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .._tables import read_table
from ..model import Feature


@cache
def _unit() -> str:
    """The nouns of ``geoevents/_admin_units.csv``, singular or plural, as one pattern."""
    return "(?:" + "|".join(f"(?:{r['noun']})" for r in read_table("_admin_units.csv")) + r")s?"


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    unit = _unit()
    own = re.compile(rf"\s{unit}$", re.IGNORECASE)  # the mention "X district" itself
    after = re.compile(rf"\s+{unit}\b", re.IGNORECASE)  # "X and Y districts"
    # "the district of X", "the neighbouring districts of X and Y"
    before = re.compile(rf"\b{unit}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
    link = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")  # a list's separator
    return own, after, before, link


def _is_area(f: Feature) -> bool:
    return f.kind == "area" and f.relation == "place"


def district_places(text: str, features: Sequence[Feature]) -> frozenset[str]:
    """The place ids of the area features ``text`` names as a district (or another unit of
    ``geoevents/_admin_units.csv``) anywhere: in the mention ("Al-Qusayr district"), after a
    list ("A, B and C districts") or before it ("the districts of A and B"). Every mention of
    such a place in the report is the district."""
    own, after, _, link = _regexes()
    feats = sorted((f for f in features if _is_area(f) and f.place_id), key=lambda f: f.start)
    runs: list[list[Feature]] = []
    for f in feats:  # runs of areas joined by list separators only
        if runs and link.fullmatch(text[runs[-1][-1].end:f.start]):
            runs[-1].append(f)
        else:
            runs.append([f])
    found: set[str] = set()
    for run in runs:
        whole = after.match(text, run[-1].end) is not None or unit_before(text, run[0])
        found.update(f.place_id for f in run
                     if f.place_id and (whole or own.search(f.text) is not None))
    return frozenset(found)


def is_district(f: Feature, districts: frozenset[str]) -> bool:
    """Whether ``f`` is a mention of a place of ``districts`` (:func:`district_places`)."""
    return _is_area(f) and f.place_id in districts


def unit_before(text: str, f: Feature) -> bool:
    """Whether the unit noun stands right before ``f`` ("the districts of X and Y"): for a
    district that is the unit's plural, not parts of X."""
    return _regexes()[2].search(text[max(0, f.start - 60):f.start]) is not None
