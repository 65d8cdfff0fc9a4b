"""A place written as a heading of its paragraph: "Najaf: The city is now held by …",
"Bender (Tighina): The city remains under …" — "the city" after it is that place
(docs/events.md, "Round eleven: headings")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..model import Feature

#: after the place's name: an optional other name in brackets, the colon, a space
_COLON_RE = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?:[ \t]+")


def heading_place(text: str, start: int, features: Sequence[Feature], order: Sequence[int],
                  starts: Sequence[int]) -> tuple[int, int] | None:
    """When the paragraph of the sentence starting at ``start`` opens with a place's name and
    a colon ("Najaf: …"), the index (in ``features``) of that place and where the words after
    the colon begin; else None. ``order`` is the features' indices in text order and
    ``starts`` their starts (ascending)."""
    start = text.rfind("\n", 0, start) + 1  # the paragraph's (the line's) start
    k = bisect.bisect_left(starts, start)  # the first feature from the paragraph's start on
    if k == len(starts) or starts[k] != start:
        return None
    f = features[order[k]]
    if f.relation != "place":
        return None
    m = _COLON_RE.match(text, f.end)
    return (order[k], m.end()) if m else None
