"""Calibrated confidence: the probability that a chosen place is right, from the resolver's raw
score, how loose the name's match was and whether the report is a terse note
(``_calibration.csv``, fitted by ``benchmarks/fit_calibration.py``; docs/resolution.md)."""

from __future__ import annotations

import bisect
import functools

from ._tables import read_table
from ._terse import TERSE_WORDS, is_terse

__all__ = ["ENABLED", "TERSE_WORDS", "calibrated", "is_terse", "table"]

#: Set to False to read raw scores (what the fit needs).
ENABLED = True

@functools.cache
def table() -> dict[tuple[bool, bool], tuple[list[float], list[float]]]:
    """For (terse, loose): the raw-score bins' upper edges and their probabilities."""
    out: dict[tuple[bool, bool], tuple[list[float], list[float]]] = {}
    for row in read_table("_calibration.csv"):
        key = (row["genre"] == "terse", row["loose"] == "1")
        edges, probs = out.setdefault(key, ([], []))
        edges.append(float(row["high"]))
        probs.append(float(row["probability"]))
    return out


def calibrated(raw: float, *, loose: bool = False, terse: bool = False) -> float:
    """The probability that a place chosen with score ``raw`` (0–1) is right, for an exact or
    ``loose`` match, in a ``terse`` note or an article."""
    if not ENABLED:
        return raw
    t = table().get((terse, loose)) or table().get((terse, False))
    if not t:
        return raw
    edges, probs = t
    return probs[min(bisect.bisect_left(edges, raw), len(probs) - 1)]
