"""An advance inside a place: "forces advancing in X", "units advancing inside the town of
X" (docs/events.md, round 9b)."""

from __future__ import annotations

import re

# the place is the object of "in/inside/into" right after the advance's verb
_INSIDE_RE = re.compile(r"[\w-]+(?:\s+(?:further|deeper))?\s+(?:in|inside|into)\s+"
                        r"(?:the\s+(?:(?:town|city|village|district)\s+of\s+)?)?", re.I)


def advance_inside(status: str | None, text: str, trigger_start: int | None,
                   place_start: int, why: list[str]) -> str | None:
    """``contested`` for an ``advancing`` place that is where the advance whose verb starts
    at ``trigger_start`` goes on, inside it ("advancing in X": fighting in the place, not an
    attack on it), noted in ``why``; else ``status``."""
    if status != "advancing" or trigger_start is None or trigger_start >= place_start:
        return status
    if _INSIDE_RE.fullmatch(text, trigger_start, place_start) is None:
        return status
    why.append("an advance inside the place")
    return "contested"
