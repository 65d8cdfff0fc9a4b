"""Geodesic helpers on WGS84 (geographiclib, which geopy uses) and a local azimuthal
equidistant plane in which shapes are built in metres and then mapped back exactly."""

from __future__ import annotations

import math

import numpy as np
import shapely
from geographiclib.geodesic import Geodesic

_G = Geodesic.WGS84


def destination(lat: float, lon: float, bearing_deg: float, dist_m: float) -> tuple[float, float]:
    """The point ``dist_m`` metres from (lat, lon) along the geodesic at ``bearing_deg``."""
    r = _G.Direct(lat, lon, bearing_deg, dist_m)
    return r["lat2"], _wrap(r["lon2"])


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in metres."""
    return _G.Inverse(lat1, lon1, lat2, lon2)["s12"]


def inverse(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """(distance in metres, initial bearing in degrees 0–360) from point 1 to point 2."""
    r = _G.Inverse(lat1, lon1, lat2, lon2)
    return r["s12"], r["azi1"] % 360.0


def midpoint(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """The geodesic midpoint of two points."""
    line = _G.InverseLine(lat1, lon1, lat2, lon2)
    r = line.Position(line.s13 / 2)
    return r["lat2"], _wrap(r["lon2"])


def _wrap(lon: float) -> float:
    return ((lon + 180.0) % 360.0) - 180.0


def local_to_lonlat(geom: shapely.Geometry, lat0: float, lon0: float) -> shapely.Geometry:
    """Map a geometry in the azimuthal equidistant plane about (lat0, lon0) (x east, y north,
    metres) to lon/lat, point by point along geodesics."""

    def f(xy: np.ndarray) -> np.ndarray:
        out = np.empty_like(xy)
        for i, (x, y) in enumerate(xy):
            d = math.hypot(x, y)
            if d < 1e-9:
                out[i] = (lon0, lat0)
                continue
            lat, lon = destination(lat0, lon0, math.degrees(math.atan2(x, y)), d)
            out[i] = (lon0 + _wrap(lon - lon0), lat)
        return out

    return shapely.transform(geom, f)


def lonlat_to_local(lat: float, lon: float, lat0: float, lon0: float) -> tuple[float, float]:
    """The (x, y) of a lon/lat point in the azimuthal equidistant plane about (lat0, lon0)."""
    d, az = inverse(lat0, lon0, lat, lon)
    return d * math.sin(math.radians(az)), d * math.cos(math.radians(az))
