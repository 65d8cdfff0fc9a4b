"""Calibrated confidence: the probability that a chosen place is right, from the resolver's raw
score and how loose the name's match was (``_calibration.csv``, fitted by
``benchmarks/fit_calibration.py``; docs/resolution.md)."""

from __future__ import annotations

import bisect
import csv
import functools
import io
from importlib import resources

#: Set to False to read raw scores (what the fit needs).
ENABLED = True


@functools.cache
def table() -> dict[bool, tuple[list[float], list[float]]]:
    """For exact and loose matches: the bins' upper edges and their probabilities."""
    text = resources.files("geoevents").joinpath("_calibration.csv").read_text("utf-8")
    out: dict[bool, tuple[list[float], list[float]]] = {}
    for row in csv.reader(io.StringIO(text)):
        if not row or row[0].startswith("#") or row[0] == "loose":
            continue
        edges, probs = out.setdefault(row[0] == "1", ([], []))
        edges.append(float(row[2]))
        probs.append(float(row[3]))
    return out


def calibrated(raw: float, *, loose: bool = False) -> float:
    """The probability that a place chosen with score ``raw`` (0–1) is right."""
    if not ENABLED:
        return raw
    t = table().get(loose) or table().get(False)
    if not t:
        return raw
    edges, probs = t
    return probs[min(bisect.bisect_left(edges, raw), len(probs) - 1)]
