"""What a map opens on and how its marks are worded: the frame on the action, the labels,
the mentions' snippets and their order in a popup (see docs/maps.md)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .model import Feature

#: Kinds that place something relative to a place ("12 km south-west of X", "near X").
RELATIVE_KINDS = frozenset({"offset", "disc", "sector", "band", "buffer", "between"})

#: Shapes wider than this (countries, provinces) never set the frame.
FRAME_MAX_UNCERTAINTY_M = 100_000.0

#: Share of the framing features kept when the farthest are outliers (the frame holds ≥ 90 %).
FRAME_KEEP = 0.95

#: The frame is at least this wide and tall (degrees, ≈ 5 km): one point gets a town's view.
FRAME_MIN_SPAN_DEG = 0.05

#: Labels longer than this are cut with an ellipsis (the popup has the whole mention).
LABEL_MAX_CHARS = 40

#: Words of the quote shown on each side of the mention in a popup's list of mentions.
SNIPPET_WORDS = 5


def is_action(f: Feature) -> bool:
    """Whether the feature frames the map: an event, a control status or a relative
    position, on a shape smaller than a province."""
    return (f.kind != "area" and f.uncertainty_m <= FRAME_MAX_UNCERTAINTY_M
            and bool(f.event_type or (f.status and f.status != "unknown")
                     or f.kind in RELATIVE_KINDS))


def informativeness(f: Feature) -> int:
    """How much a mention says: an event before a control status before a relative position
    before a passing mention (higher first in a popup)."""
    return (4 if f.event_type else 0) + (2 if f.status and f.status != "unknown" else 0) \
        + (1 if f.kind in RELATIVE_KINDS else 0)


def label(f: Feature) -> str:
    """The feature's label on the map: its mention as the report words it, cut if long."""
    text = " ".join(f.text.split())
    return text if len(text) <= LABEL_MAX_CHARS else text[: LABEL_MAX_CHARS - 1].rstrip() + "…"


def snippet(parts: Sequence[str]) -> str:
    """A few words of the quote around the mention (``parts`` as from ``quote_parts``)."""
    if len(parts) != 3:
        words = parts[0].split()
        return " ".join(words[: 2 * SNIPPET_WORDS]) + ("…" if len(words) > 2 * SNIPPET_WORDS
                                                      else "")
    before, mention, after = parts[0].split(), parts[1], parts[2].split()
    head = ("…" if len(before) > SNIPPET_WORDS else "") + " ".join(before[-SNIPPET_WORDS:])
    tail = " ".join(after[:SNIPPET_WORDS]) + ("…" if len(after) > SNIPPET_WORDS else "")
    return " ".join(x for x in (head, mention, tail) if x)


def _densest(features: Sequence[Feature], radius_km: float = 150.0) -> list[Feature]:
    """The features within ``radius_km`` of the one with the most neighbours that close."""
    def near(a: Feature, b: Feature) -> bool:
        dy = (a.lat - b.lat) * 111.32
        dx = (a.lon - b.lon) * 111.32 * math.cos(math.radians((a.lat + b.lat) / 2))
        return dx * dx + dy * dy <= radius_km * radius_km

    best = max(features, key=lambda a: sum(near(a, b) for b in features))
    return [b for b in features if near(best, b)]


def frame_points(features: Sequence[Feature]) -> list[tuple[float, float]]:
    """The (lon, lat) points the opening view must show: the point estimates of the features
    that carry an event, a status or a relative position; without any, of the densest
    cluster of the other local features; the farthest few dropped as outliers."""
    focus = [f for f in features if is_action(f)]
    if not focus:
        local = [f for f in features if f.kind != "area"
                 and f.uncertainty_m <= FRAME_MAX_UNCERTAINTY_M]
        focus = _densest(local) if len(local) > 2 else local
    points = [(f.lon, f.lat) for f in focus]
    if len(points) >= 10:
        mx = sorted(x for x, _ in points)[len(points) // 2]
        my = sorted(y for _, y in points)[len(points) // 2]
        keep = math.ceil(FRAME_KEEP * len(points))
        points = sorted(points, key=lambda p: ((p[0] - mx) ** 2 + (p[1] - my) ** 2, p))[:keep]
    return points


def points_bounds(points: Sequence[tuple[float, float]]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of (lon, lat) points, at least
    ``FRAME_MIN_SPAN_DEG`` each way; across ±180 (east past 180) when that is narrower."""
    if not points:
        return None
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    if max(xs) - min(xs) > 180:
        east = [x + 360 if x < 0 else x for x in xs]
        if max(east) - min(east) < max(xs) - min(xs):
            xs = east
    s, w, n, e = min(ys), min(xs), max(ys), max(xs)
    grow_y = max(0.0, FRAME_MIN_SPAN_DEG - (n - s)) / 2
    grow_x = max(0.0, FRAME_MIN_SPAN_DEG - (e - w)) / 2
    # rounded outwards to 6 decimals (~0.1 m): the frame still holds its points, and the
    # last bits of floating point never change a page
    down = lambda v: math.floor(v * 1e6) / 1e6  # noqa: E731
    up = lambda v: math.ceil(v * 1e6) / 1e6  # noqa: E731
    return [[down(s - grow_y), down(w - grow_x)], [up(n + grow_y), up(e + grow_x)]]


def across_antimeridian(bounds: list[list[float]]) -> list[list[float]]:
    """The same frame with its longitudes past 180 (west of ±180 moved by +360), for a map
    whose shapes lie on both sides of ±180."""
    (s, w), (n, e) = bounds
    return [[s, w + 360 if w < 0 else w], [n, e + 360 if e < 0 else e]]
