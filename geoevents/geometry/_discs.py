"""Discs about the origin of the local plane, drawn and snapped to the 1 cm grid without
GEOS's buffer machinery and snap-rounding overlay, to the same coordinates."""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import Point

__all__ = ["SNAP_DISC_MIN_M", "UNIT_DISC", "disc", "snapped_disc"]

#: The vertices of ``Point(0, 0).buffer(1.0, quad_segs=16)``. GEOS puts each vertex of a
#: point's buffer at the centre + radius × (cos, sin) of its angle, so the vertices of a disc
#: about the origin are these times its radius, to the bit (``tests/test_geometry.py``).
UNIT_DISC = shapely.get_coordinates(Point(0, 0).buffer(1.0, quad_segs=16))
#: The same ring from its second vertex: where ``set_precision`` starts a disc's ring.
_UNIT_DISC_SNAPPED = np.vstack([UNIT_DISC[1:], UNIT_DISC[1:2]])
#: Discs at least this wide are snapped to the 1 cm grid by :func:`snapped_disc`; a smaller
#: one (vertices a few centimetres apart, which the grid may merge) by GEOS.
SNAP_DISC_MIN_M = 10.0


def disc(radius: float) -> shapely.Geometry:
    """``Point(0, 0).buffer(radius, quad_segs=16)`` without GEOS's buffer machinery.

    Parameters
    ----------
    radius
        Metres.

    Returns
    -------
    shapely.Geometry
        The disc's polygon (empty for a radius of 0 or less, as GEOS gives it).
    """
    if radius > 0.0 and math.isfinite(radius):
        return shapely.polygons(radius * UNIT_DISC)
    return Point(0, 0).buffer(radius, quad_segs=16)


def snapped_disc(radius: float) -> shapely.Geometry:
    """``shapely.set_precision(disc(radius), 0.01)`` without GEOS's snap-rounding overlay.

    Each vertex is rounded on its own (``mode="pointwise"``, which also gives the disc the
    1 cm grid that ``shapely.segmentize`` keeps to), the ring started at its second vertex
    as the overlay starts it.

    Parameters
    ----------
    radius
        Metres, at least :data:`SNAP_DISC_MIN_M`.

    Returns
    -------
    shapely.Geometry
        The snapped disc.
    """
    return shapely.set_precision(shapely.polygons(radius * _UNIT_DISC_SNAPPED), 0.01,
                                 mode="pointwise")
