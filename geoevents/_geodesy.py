"""Geodesic helpers on WGS84 (geographiclib, which geopy uses) and a local azimuthal
equidistant plane in which shapes are built in metres and then mapped back exactly."""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
import pyproj
import shapely
import shapely.affinity
from geographiclib.geodesic import Geodesic

_G = Geodesic.WGS84
#: Only the end point: the azimuth and the reduced length are not needed (faster).
_LATLON = Geodesic.LATITUDE | Geodesic.LONGITUDE


def destination(lat: float, lon: float, bearing_deg: float, dist_m: float) -> tuple[float, float]:
    """The point ``dist_m`` metres from (lat, lon) along the geodesic at ``bearing_deg``."""
    r = _G.Direct(lat, lon, bearing_deg, dist_m, _LATLON)
    return r["lat2"], _wrap(r["lon2"])


#: Mean earth radius (IUGG R1) of :func:`haversine_m`, in metres.
EARTH_RADIUS_M = 6_371_008.8


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres on a sphere of radius :data:`EARTH_RADIUS_M`: plenty
    for weighing evidence and for evaluation, far faster than :func:`distance_m`."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in metres on WGS84."""
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
        if len(xy) == 0:
            return out
        x, y = xy[:, 0], xy[:, 1]
        d = np.hypot(x, y)
        az = np.degrees(np.arctan2(x, y))
        n = len(xy)
        # one vectorised call of Karney's direct geodesic (PROJ's C port of geographiclib)
        lon, lat, _ = _geod().fwd(np.full(n, lon0), np.full(n, lat0), az, d)
        lon = lon0 + ((np.asarray(lon) - lon0 + 180.0) % 360.0 - 180.0)
        at_origin = d < 1e-9
        out[:, 0] = np.where(at_origin, lon0, lon)
        out[:, 1] = np.where(at_origin, lat0, lat)
        return out

    return shapely.transform(geom, f)


@functools.cache
def _geod() -> pyproj.Geod:
    return pyproj.Geod(ellps="WGS84")


def lonlat_to_local(lat: float, lon: float, lat0: float, lon0: float) -> tuple[float, float]:
    """The (x, y) of a lon/lat point in the azimuthal equidistant plane about (lat0, lon0)."""
    d, az = inverse(lat0, lon0, lat, lon)
    return d * math.sin(math.radians(az)), d * math.cos(math.radians(az))


# --------------------------------------------------------------------------- RFC 7946 output
#
# A shape built in the local plane is mapped to lon/lat vertex by vertex.  For ordinary shapes
# (far from the poles, not touching ±180°) :func:`local_to_lonlat` is all that is needed.  The
# functions below handle the rest: each ring is mapped with its longitudes *unwrapped* along the
# ring (so a ring crossing ±180° stays continuous, e.g. 179.9 → 180.1), a ring that winds
# around a pole is closed along the meridian of its most poleward vertex up to the pole (the
# pole cap), and the result is cut into the [-180, 180] window, so that a polygon crossing the
# antimeridian becomes a MultiPolygon with parts meeting at ±180 (RFC 7946 §3.1.9).

#: A pole closer than this to a ring (metres in the local plane) is moved off it (see below).
POLE_CLEARANCE_M = 1.0
#: Near a pole, vertices are at most this fraction of their distance to the pole apart, so
#: no edge spans more than ~7° of longitude and straight lon/lat edges stay close to the shape.
POLE_STEP_FRACTION = 1 / 8


@functools.lru_cache(maxsize=4096)
def pole_local(lat0: float, lon0: float, north: bool) -> tuple[float, float]:
    """The (x, y) of the North (or South) Pole in the azimuthal equidistant plane about
    (lat0, lon0) (memoised: every shape about the same place asks again).

    Parameters
    ----------
    lat0, lon0 : float
        The origin of the plane, degrees.
    north : bool
        The North Pole if true, else the South Pole.

    Returns
    -------
    tuple of float
        Metres east and north of the origin (the pole lies on the origin's meridian, so x is 0).
    """
    d = distance_m(lat0, lon0, 90.0 if north else -90.0, lon0)
    return 0.0, d if north else -d


def _seg_dist(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from point ``p`` to segment ``ab`` in the plane."""
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / ll))
    return math.hypot(ax + t * dx - p[0], ay + t * dy - p[1])


def _densify(coords: np.ndarray, step: float, poles: list[tuple[float, float]]
             ) -> list[tuple[float, float]]:
    """The vertices of a closed ring, with edges at most ``step`` long, and near a pole at most
    :data:`POLE_STEP_FRACTION` of their distance to it (bisected until they are).

    Each edge is cut into equal pieces at most ``step`` long, all of them at once in numpy
    (the same operations on the same floats as one by one); a piece is bisected, one by one,
    only where its length comes within a relative 10⁻⁹ of the bound (numpy's ``hypot`` may
    differ from ``math.hypot`` in the last bit): the rest are kept as they are."""
    xy = np.asarray(coords, dtype=float)
    pts = [(x, y) for x, y in xy.tolist()]
    if len(pts) < 2:
        return pts[-1:]
    counts = [max(1, math.ceil(math.hypot(b[0] - a[0], b[1] - a[1]) / step))
              for a, b in itertools.pairwise(pts)]
    n = np.repeat(np.asarray(counts, dtype=float), counts)
    i = np.concatenate([np.arange(c, dtype=float) for c in counts])
    a = np.repeat(xy[:-1], counts, axis=0)
    d = np.repeat(xy[1:] - xy[:-1], counts, axis=0)
    # (a + (b - a) * i / n, as the one-by-one code computes it)
    s = a + d * i[:, None] / n[:, None]
    e = a + d * (i + 1)[:, None] / n[:, None]
    keep = np.ones(len(s), dtype=bool)
    if poles:
        v = e - s
        length = np.hypot(v[:, 0], v[:, 1])
        near = np.full(len(s), np.inf)
        ll = (v * v).sum(axis=1)
        for px, py in poles:
            with np.errstate(invalid="ignore", divide="ignore"):
                t = np.clip(((px - s[:, 0]) * v[:, 0] + (py - s[:, 1]) * v[:, 1]) / ll, 0, 1)
            t = np.where(ll == 0, 0.0, t)
            dist = np.hypot(s[:, 0] + t * v[:, 0] - px, s[:, 1] + t * v[:, 1] - py)
            near = np.minimum(near, dist)
        keep = length < np.maximum(near * POLE_STEP_FRACTION, 0.05) * (1 - 1e-9)
    out: list[tuple[float, float]] = []
    split = set(np.flatnonzero(~keep).tolist())
    ends = e.tolist()
    for k, (x, y) in enumerate(s.tolist()):
        if k in split:
            out.extend(_bisected((x, y), (ends[k][0], ends[k][1]), poles))
        else:
            out.append((x, y))
    out.append(pts[-1])
    return out


def _bisected(s: tuple[float, float], e: tuple[float, float], poles: list[tuple[float, float]]
              ) -> list[tuple[float, float]]:
    """The starts of the pieces of the edge ``s``–``e`` bisected (depth first, in order)
    until each is at most :data:`POLE_STEP_FRACTION` of its distance to a pole long."""
    out = []
    stack = [(s, e)]
    while stack:  # depth first, in order: first half before second half
        u, v = stack.pop()
        length = math.hypot(v[0] - u[0], v[1] - u[1])
        near = min((_seg_dist(p, u, v) for p in poles), default=math.inf)
        if length > max(near * POLE_STEP_FRACTION, 0.05):
            m = ((u[0] + v[0]) / 2, (u[1] + v[1]) / 2)
            stack.extend([(m, v), (u, m)])
        else:
            out.append(u)
    return out


def _fold(geom: shapely.Geometry) -> shapely.Geometry:
    """Cut a lon/lat geometry with unwrapped longitudes into 360° windows and shift each part
    into [-180, 180]: the parts of a polygon crossing ±180° become separate polygons."""
    if geom.is_empty:
        return geom
    minx, _, maxx, _ = geom.bounds
    k0, k1 = math.floor((minx + 180) / 360), math.ceil((maxx - 180) / 360)
    if k0 == 0 and k1 <= 0:
        return geom
    parts = []
    for k in range(k0, max(k0, k1) + 1):
        window = shapely.box(360 * k - 180, -90, 360 * k + 180, 90)
        piece = polygonal(geom.intersection(window))
        if not piece.is_empty:
            parts.append(shapely.affinity.translate(piece, -360.0 * k))
    out = polygonal(shapely.union_all(parts))
    # cut points are computed: keep them on the window's edge, never a hair beyond ±180
    return shapely.transform(out, lambda xy: np.clip(xy, (-180.0, -90.0), (180.0, 90.0)))


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygonal part of a geometry (a Polygon or MultiPolygon, maybe empty): slivers of
    lines and points dropped."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _grid(x: float) -> float:
    """``x`` on a grid of 2⁻³⁶° (10⁻¹¹°): then x ± 360·k is exact, so the parts of a shape cut
    at ±180° and shifted by 360° meet exactly where they should."""
    return round(x * 2.0**36) / 2.0**36


def _with_crossings(coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Unwrapped lon/lat vertices with a vertex added wherever an edge crosses an antimeridian
    (±180° + 360°·k): where the geodesic between the two vertices crosses it, so the cut points
    of :func:`_fold` are exact points of the shape, not of a straight lon/lat chord."""
    out = [coords[0]]
    for (xa, ya), (xb, yb) in itertools.pairwise(coords):
        lo, hi = sorted((xa, xb))
        k = math.floor((lo - 180) / 360) + 1
        cuts = []
        while 360 * k + 180 < hi:
            cut = 360.0 * k + 180
            if cut > lo:
                cuts.append(cut)
            k += 1
        for cut in (cuts if xb > xa else reversed(cuts)):
            out.append((cut, _crossing(ya, xa, yb, xb, cut)))
        out.append((xb, yb))
    return out


def _crossing(lat1: float, lon1: float, lat2: float, lon2: float, cut: float) -> float:
    """The latitude at which the geodesic from (lat1, lon1) to (lat2, lon2) crosses the
    meridian ``cut`` (longitudes unwrapped: lon1 < cut < lon2 or lon2 < cut < lon1). Along a
    geodesic the longitude is monotonic (Clairaut), so bisection finds it."""
    line = _G.InverseLine(lat1, lon1, lat2, lon2)
    mask = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.LONG_UNROLL
    sense = 1.0 if lon2 > lon1 else -1.0
    lo, hi = 0.0, line.s13
    while hi - lo > 1e-4:  # 0.1 mm
        mid = (lo + hi) / 2
        if (line.Position(mid, mask)["lon2"] - cut) * sense < 0:
            lo = mid
        else:
            hi = mid
    return line.Position((lo + hi) / 2, mask)["lat2"]


def _destinations(pts: np.ndarray, lat0: float, lon0: float) -> list[tuple[float, float]]:
    """(lon, lat) of local-plane points, as :func:`destination` gives them (longitudes in
    [-180, 180)), in one vectorised call of Karney's direct geodesic (pyproj)."""
    if len(pts) == 0:
        return []
    x, y = pts[:, 0], pts[:, 1]
    d = np.hypot(x, y)
    az = np.degrees(np.arctan2(x, y))
    n = len(pts)
    lon, lat, _ = _geod().fwd(np.full(n, lon0), np.full(n, lat0), az, d)
    lon = ((np.asarray(lon) + 180.0) % 360.0) - 180.0
    at_origin = d < 1e-9
    lon = np.where(at_origin, lon0, lon)
    lat = np.where(at_origin, lat0, np.asarray(lat))
    return list(zip(lon.tolist(), lat.tolist(), strict=True))


def _ring_area(ring: list[tuple[float, float]], lat0: float, lon0: float,
               poles: dict[bool, tuple[float, float]], step: float) -> shapely.Geometry:
    """The lon/lat area, in [-180, 180], enclosed by one ring of the local plane (the side
    that does not contain the antipode of the origin)."""
    local = shapely.Polygon(ring)
    inside = {north: local.contains(shapely.Point(p)) for north, p in poles.items()}
    near = [p for p in poles.values() if local.exterior.distance(shapely.Point(p)) < 100 * step]
    pts = _densify(np.asarray(ring), step, near)[:-1]
    lonlat = _destinations(np.asarray(pts, dtype=float), lat0, lon0)
    capped = [north for north, ins in inside.items() if ins]
    if len(capped) == 1:  # start at the vertex nearest the pole: its meridian cuts no edge
        lats = [lat for _, lat in lonlat]
        start = int(np.argmax(lats) if capped[0] else np.argmin(lats))
        lonlat = lonlat[start:] + lonlat[:start]
    closed = [*lonlat, lonlat[0]]
    xs = [_grid(lon0 + _wrap(closed[0][0] - lon0))]  # longitudes unwrapped along the ring
    for lon, _ in closed[1:]:
        xs.append(_grid(xs[-1] + _wrap(lon - xs[-1])))
    coords = _with_crossings([(x, lat) for x, (_, lat) in zip(xs, closed, strict=True)])
    turns = round((xs[-1] - xs[0]) / 360)
    if turns:  # the ring winds round a pole: close it along the pole's latitude line
        lats = [lat for _, lat in closed]
        north = capped[0] if len(capped) == 1 else max(lats) > -min(lats)
        pole = 90.0 if north else -90.0
        coords = [*coords, (xs[-1], pole), (xs[0], pole)]
    area = shapely.Polygon(coords)
    if not area.is_valid:
        area = polygonal(shapely.make_valid(area))
    area = _fold(area)
    if len(capped) == 2 and not turns:  # the ring encloses both poles: the rest of the world
        area = polygonal(shapely.box(-180, -90, 180, 90).difference(area))
    return area


def local_to_lonlat_rfc7946(geom: shapely.Geometry, lat0: float, lon0: float,
                            step: float) -> shapely.Geometry:
    """Map polygons in the azimuthal equidistant plane about (lat0, lon0) to lon/lat as
    RFC 7946 wants them, whatever their size and wherever they are.

    Parameters
    ----------
    geom : shapely.Geometry
        Polygonal, in metres (x east, y north) about the origin.
    lat0, lon0 : float
        The origin, degrees.
    step : float
        The longest edge, in metres, before mapping (shorter near a pole).

    Returns
    -------
    shapely.Geometry
        A Polygon or MultiPolygon with every longitude in [-180, 180]: a shape crossing the
        antimeridian is cut there into parts (RFC 7946 §3.1.9); a shape containing a pole
        includes the pole cap (its outline follows the ±180° meridian up to the pole and the
        pole's latitude line from -180 to 180, as in the Web Mercator and plate carrée views).
        Windings are left to the caller.

    Notes
    -----
    A pole within :data:`POLE_CLEARANCE_M` of the outline (where the longitude is undefined)
    is first put clear of it by cutting a 2 m disc about it out of the shape.
    """
    poles = {north: pole_local(lat0, lon0, north) for north in (True, False)}
    for p in poles.values():
        if shapely.distance(geom.boundary, shapely.Point(p)) < POLE_CLEARANCE_M:
            geom = polygonal(geom.difference(shapely.Point(p).buffer(2 * POLE_CLEARANCE_M)))
    out = []
    for poly in shapely.get_parts(polygonal(geom)):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        area = _ring_area(list(poly.exterior.coords), lat0, lon0, poles, step)
        holes = [_ring_area(list(r.coords), lat0, lon0, poles, step) for r in poly.interiors]
        if holes:
            area = polygonal(area.difference(shapely.union_all(holes)))
        out.append(area)
    # overlays leave rings starting wherever GEOS starts them: a canonical order
    return shapely.normalize(polygonal(shapely.union_all(out))) if out else shapely.Polygon()
