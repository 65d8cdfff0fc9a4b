"""Organisations whose names hold a place's name or a word that is one ("Shiv Sena",
"Jamaat-ud-Dawa", "Jammu and Kashmir Liberation Front"): no part of such a name is a place mention
(the table ``_organisations.csv``; docs/resolution.md, "Round seven")."""

from __future__ import annotations

import functools
import itertools
import re

from .._match_starts import StartIndex, finditer_from, match_starts
from .._normalize import name_key
from .._tables import read_table
from ..gazetteer import Gazetteer
from ..model import Mention
from ._parents import COMMON_ZIPF, FEATURE_AFTER_RE

#: Kinds of place whose name inside an organisation's says its country.
_CUE_KINDS = frozenset({"country", "admin1"})


@functools.cache
def _organisations_re() -> tuple[re.Pattern[str], StartIndex]:
    """The patterns of ``_organisations.csv`` as one expression (word boundaries, any case),
    and the index of the words its matches begin with (a match begins at a letter after a
    non-word character: the ``\\b`` before a letter)."""
    pats = [r["pattern"] for r in read_table("_organisations.csv", package="geoevents.extract")]
    body = "|".join(f"(?:{p})" for p in pats)
    return (re.compile(r"\b(?:" + body + r")(?!\w)", re.I),
            StartIndex([match_starts(body)]))


def drop_organisations(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions less those inside an organisation's name of the table (a demonym stays:
    the country it names is still a cue). The expression is tried only where a word its
    matches may begin with begins (:class:`~geoevents._match_starts.StartIndex`)."""
    regex, index = _organisations_re()
    if index.always:
        found = regex.finditer(text)
    else:
        starts = index.candidates(text).get(0)
        found = finditer_from(regex, text, starts) if starts else iter(())
    spans = [(m.start(), m.end()) for m in found]
    if not spans:
        return mentions
    return [m for m in mentions if m.feature == "demonym"
            or not any(s < m.end and m.start < e for s, e in spans)]


def region_cues(text: str, mentions: list[Mention], gaz: Gazetteer) -> dict[str, int]:
    """The countries named, or whose first-level regions are named, inside the names of two
    words or more the gazetteer does not know and no feature word makes a place's ("Jeay
    Sindh Quami Mahaz", "Federal Limbuwan Party Nepal"): one cue each, as a demonym gives.
    A pair of words, or a word no common English word, counts when some country or
    first-level region bears it as its own name and all those that do lie in one country."""
    spans: list[str] = []
    for m in mentions:
        if (m.role != "named" or m.candidates or m.modifier or m.feature is not None
                or FEATURE_AFTER_RE.match(text, m.end)):
            continue  # (a place's name, "Purba Manipur area" of Dhaka, is no cue)
        words = m.name.split()
        if len(words) < 2:
            continue
        spans += [name_key(f"{a} {b}") for a, b in itertools.pairwise(words)]
        # a word this frequent in English is no cue alone ("West", "Van", "Mary", "Georgia")
        spans += [k for w in words if gaz.word_zipf(k := name_key(w)) < COMMON_ZIPF]
    if not spans:
        return {}
    found = gaz.lookup_many(spans)
    cues: dict[str, int] = {}
    for key in spans:
        countries = {p.country for p in found.get(key, ())
                     if p.kind in _CUE_KINDS and name_key(p.name) == key}
        if len(countries) == 1 and (iso := countries.pop()):
            cues[iso] = cues.get(iso, 0) + 1
    return cues
