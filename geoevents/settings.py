"""Defaults of the maps that the command line and the library share."""

from __future__ import annotations

#: Base layers a map can show first: the embedded offline one, or a tile service (network).
BASEMAPS: tuple[str, ...] = ("offline", "osm", "satellite")

#: Points are clustered (``cluster=None``, ``--cluster auto``) when a map has more than this.
CLUSTER_MIN_POINTS = 300
