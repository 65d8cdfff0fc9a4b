"""The offline reference layer of the maps: settlements and first-level regions from the
embedded gazetteer, around the map's opening frame (see docs/maps.md)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: Settlements and region names embedded in a page, at most (the biggest first).
MAX_SETTLEMENTS = 1200
MAX_REGIONS = 150

#: The box searched is the frame grown by this share of its size on each side, and at least
#: by ``_MIN_MARGIN_DEG``, so that zooming out a little still shows towns around.
_GROW = 1.0
_MIN_MARGIN_DEG = 1.0
#: Region names are searched further out: a frame inside one region still names it.
_REGION_MARGIN_DEG = 3.0

_SETTLEMENT_KINDS = ("city", "town", "village")


def _gazetteer_file(path: Path | str | None) -> Path | None:
    """The built gazetteer's file, or ``None`` when there is none (no reference layer then)."""
    if path is None:
        try:
            from .gazetteer import default_path
        except ImportError:  # pragma: no cover - the gazetteer moved
            return None
        path = default_path()
    target = Path(path)
    return target if target.is_file() else None


def _boxes(bounds: Sequence[Sequence[float]], margin: float
           ) -> list[tuple[float, float, float, float, float]]:
    """The search boxes (south, west, north, east, shift) around the frame, split at ±180:
    a part past 180° is searched at its real longitudes and shifted back by ``shift``."""
    (s, w), (n, e) = bounds
    dy = max(margin, _GROW * (n - s))
    dx = max(margin, _GROW * (e - w))
    s, n = max(-90.0, s - dy), min(90.0, n + dy)
    w, e = w - dx, e + dx
    if e - w >= 360:
        return [(s, -180.0, n, 180.0, 0.0)]
    out = []
    if w < -180:
        out.append((s, w + 360, n, 180.0, -360.0))
        w = -180.0
    if e > 180:
        out.append((s, -180.0, n, e - 360, 360.0))
        e = 180.0
    out.append((s, w, n, e, 0.0))
    return out


def reference_layer(bounds: Sequence[Sequence[float]] | None, *,
                    path: Path | str | None = None) -> dict[str, list[list[Any]]]:
    """Settlements and first-level region names around a map's frame.

    Parameters
    ----------
    bounds
        The opening frame ``[[south, west], [north, east]]`` (east may pass 180).
    path
        The gazetteer file; the default gazetteer's when omitted.

    Returns
    -------
    dict
        ``{"places": [[lat, lon, population, name], ...], "regions": [[lat, lon, name], ...]}``
        biggest first (ties: nearest the frame's centre, then by name); empty lists when
        there is no frame or no built gazetteer.
    """
    empty: dict[str, list[list[Any]]] = {"places": [], "regions": []}
    target = _gazetteer_file(path)
    if bounds is None or target is None:
        return empty
    cy = (bounds[0][0] + bounds[1][0]) / 2
    cx = (bounds[0][1] + bounds[1][1]) / 2
    try:
        con = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:  # pragma: no cover - unreadable file
        return empty
    try:
        places = _query(con, _boxes(bounds, _MIN_MARGIN_DEG), _SETTLEMENT_KINDS, cy, cx,
                        MAX_SETTLEMENTS)
        regions = _query(con, _boxes(bounds, _REGION_MARGIN_DEG), ("admin1",), cy, cx,
                         MAX_REGIONS)
    except sqlite3.Error:  # pragma: no cover - not a gazetteer
        return empty
    finally:
        con.close()
    return {"places": [[lat, lon, pop, name] for lat, lon, pop, name in places],
            "regions": [[lat, lon, name] for lat, lon, _, name in regions]}


def _query(con: sqlite3.Connection, boxes: list[tuple[float, float, float, float, float]],
           kinds: Sequence[str], cy: float, cx: float, limit: int
           ) -> list[tuple[float, float, int, str]]:
    rows: list[tuple[int, float, str, str, float, float]] = []
    marks = ",".join("?" * len(kinds))
    for s, w, n, e, shift in boxes:
        for gid, name, lat, lon, pop in con.execute(
                f"SELECT gid, name, lat, lon, population FROM places WHERE kind IN ({marks})"
                " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?", (*kinds, s, n, w, e)):
            x = lon + shift
            rows.append((-int(pop or 0), (lat - cy) ** 2 + (x - cx) ** 2, name, gid, lat, x))
    rows.sort()
    return [(round(lat, 4), round(x, 4), -neg, name)
            for neg, _, name, _, lat, x in rows[:limit]]
