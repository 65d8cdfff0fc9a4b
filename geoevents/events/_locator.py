"""An offset or other derived place in apposition to a place found in the gazetteer says where
that place is: "Shali, often called the largest village in Russia, some 25 km south-east of
the capital" — the offset is Shali, found already: its control is Shali's; and a derived
place as wide as a region takes none (docs/events.md, "Round nine")."""

from __future__ import annotations

import bisect
import re

from ..model import Feature
from ._why import add_why

#: between the place and its locator: a comma, at most one short description and a comma
_APPOSED_RE = re.compile(r"\s*,\s*(?:[^,.;:()\n]{1,60},\s*)?")


def locators_to_places(text: str, out: list[Feature]) -> None:
    """Give the state of each derived place (an offset, a corridor: relation not ``place``)
    standing in apposition to a place found as such just before it to that place, when the
    place has none of its own, and take it from the derived place (which only says where the
    place is); the features of ``out`` are changed in place.

    Parameters
    ----------
    text : str
    out : list of Feature
    """
    places = sorted((g for g in out if g.relation == "place" and g.kind != "area"),
                    key=lambda g: g.end)
    ends = [g.end for g in places]
    for f in out:
        if f.relation == "place" or f.status is None:
            continue
        k = bisect.bisect_right(ends, f.start) - 1
        while k >= 0 and f.start - places[k].end <= 80:
            g = places[k]
            if _APPOSED_RE.fullmatch(text, g.end, f.start):
                if g.status in (None, "unknown"):
                    g.status, g.side, g.event_type = f.status, f.side, g.event_type or \
                        f.event_type
                    add_why(g, f"status {g.status} ({g.side}) from its locator {f.text!r}")
                f.status, f.side = None, None
                add_why(f, f"no status: it locates {g.text!r}")
                break
            k -= 1


#: A derived place wider than this (its uncertainty radius, in metres) is a region's part.
REGION_RADIUS_M = 100_000.0


def regional(f: Feature) -> bool:
    """Whether ``f`` is a part of a region or country ("the army-held east of Sudan", "the
    north of the country"): a derived place (relation not ``place``) more than
    :data:`REGION_RADIUS_M` wide. Like a region, it takes no control status: a claim that
    wide would retire every town within it (docs/frontlines.md, step 1).

    Parameters
    ----------
    f : Feature

    Returns
    -------
    bool
    """
    return f.relation != "place" and f.uncertainty_m > REGION_RADIUS_M
