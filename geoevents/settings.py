"""Defaults of the maps and exports that the command line and the library share."""

from __future__ import annotations

#: Base layers a map can show first: the embedded offline one, or a tile service (network).
BASEMAPS: tuple[str, ...] = ("offline", "osm", "satellite")

#: Points are clustered (``cluster=None``, ``--cluster auto``) when a map has more than this.
CLUSTER_MIN_POINTS = 300

#: Colour and legend label of each kind.
STYLE: dict[str, tuple[str, str]] = {
    "place": ("#1f4e9c", "Named place"),
    "offset": ("#b2182b", "Offset (N km DIR of X)"),
    "disc": ("#e66101", "Within N km of X"),
    "sector": ("#7b3294", "Direction (west of X, SW of the city)"),
    "band": ("#1b7837", "Edge / outskirts / surroundings"),
    "buffer": ("#8c6d31", "Near X"),
    "between": ("#01665e", "Between X and Y"),
    "area": ("#636363", "Area (country, region, part of a place)"),
}
