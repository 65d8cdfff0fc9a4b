"""The geometry of each relation: the local shapes and the rule of every relation.

Shapes are built in metres in an azimuthal equidistant plane about the anchor (x east,
y north); the rules are specified in ``docs/geometry.md``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import shapely
import shapely.affinity
from shapely.geometry import Point, Polygon

from .._geodesy import pole_local, polygonal
from ..gazetteer import Gazetteer
from ..model import Expression, Place

DENSITY_PER_KM2 = 4000.0
MIN_SETTLEMENT_EXTENT_M = 500.0
NEAR_SETTLEMENT_M = 10_000.0
NEAR_POINT_FEATURE_M = 2_000.0
MIN_BEYOND_M = 2_000.0
MAX_BEYOND_M = 10_000.0
#: "on the road to Z" with no origin named: the last stretch of road into Z, a band from Z's
#: edge out this far beyond it (the guide's own figure for "near" a town).
ROAD_BAND_M = 10_000.0
#: A road between two places, with no road network to hand: the straight segment between
#: them, buffered by this fraction of its length (at least the larger of the two extents).
CORRIDOR_FRACTION = 0.1
#: "N km along the road from X to Y": the point N km from X on the straight line towards Y;
#: a road is longer than the straight line, so the point is uncertain by this fraction of N
#: (besides X's extent and N's precision).
ALONG_SINUOSITY = 0.3
#: Two places further apart than this are not read as the ends of one road.
MAX_ROAD_M = 500_000.0
KIND_EXTENT_M: dict[str, float] = {
    "hill": 500.0, "mountain": 3000.0, "neighbourhood": 750.0, "district": 1500.0,
    "base": 1500.0, "airport": 2000.0, "bridge": 150.0, "crossing": 300.0,
    "checkpoint": 100.0, "dam": 500.0, "camp": 750.0, "landmark": 300.0, "valley": 5000.0,
    "area": 5000.0, "region": 50_000.0,
}
_POINT_KINDS = {"hill", "bridge", "crossing", "checkpoint", "dam", "landmark", "camp", "base",
                "airport"}
SEGMENTS = 64


def extent_m(place: Place) -> tuple[float, str]:
    """The distance from a place's centre to its furthest edge, and how it was obtained."""
    if place.extent_m is not None:
        return float(place.extent_m), f"extent {place.extent_m:,.0f} m from {place.coord_method}"
    if place.is_settlement or place.population > 0:
        r = 1000.0 * math.sqrt(max(place.population, 1) / DENSITY_PER_KM2 / math.pi)
        r = max(MIN_SETTLEMENT_EXTENT_M, r)
        return r, (f"extent {r:,.0f} m: disc holding population {place.population:,} "
                   f"at {DENSITY_PER_KM2:,.0f}/km² (min {MIN_SETTLEMENT_EXTENT_M:,.0f} m)")
    r = KIND_EXTENT_M.get(place.kind, 1000.0)
    return r, f"extent {r:,.0f} m: default for a {place.kind}"


# --------------------------------------------------------------------------- local shapes


def _polar(r0: float, r1: float, bearing: float, half: float) -> shapely.Geometry:
    """Annular sector in the local plane (x east, y north): radii r0–r1, bearing ± half."""
    if half >= 180:
        outer = Point(0, 0).buffer(r1, quad_segs=SEGMENTS // 4)
        return outer.difference(Point(0, 0).buffer(r0, quad_segs=SEGMENTS // 4)) if r0 > 0 \
            else outer
    n = max(4, int(SEGMENTS * half / 90))
    angles = [math.radians(bearing - half + 2 * half * i / n) for i in range(n + 1)]
    outer = [(r1 * math.sin(a), r1 * math.cos(a)) for a in angles]
    inner = [(r0 * math.sin(a), r0 * math.cos(a)) for a in reversed(angles)] if r0 > 0 \
        else [(0.0, 0.0)]
    return Polygon(outer + inner)


def _at(r: float, bearing: float) -> tuple[float, float]:
    a = math.radians(bearing)
    return r * math.sin(a), r * math.cos(a)


#: Metres of meridian a degree of latitude spans, at least (110,574 m at the equator, more
#: towards the poles), rounded down.
_MERIDIAN_DEGREE_MIN_M = 110_000.0


def _far_from_poles(lat0: float, region: shapely.Geometry, margin: float) -> bool:
    """Whether ``region`` (in the plane about latitude ``lat0``) is surely farther than
    ``margin`` from both poles, without the geodesic to either: a pole is at least
    :data:`_MERIDIAN_DEGREE_MIN_M` a degree of latitude away from the origin, and the region
    lies within the disc about the origin through its bounding box's farthest corner. False
    when that bound does not settle it."""
    minx, miny, maxx, maxy = region.bounds
    reach = math.hypot(max(abs(minx), abs(maxx)), max(abs(miny), abs(maxy)))
    return (90.0 - abs(lat0)) * _MERIDIAN_DEGREE_MIN_M - reach > margin


def near_pole(lat0: float, lon0: float, region: shapely.Geometry, margin: float) -> bool:
    """Whether a region of the local plane comes within ``margin`` of the North or South Pole.

    Parameters
    ----------
    lat0, lon0
        The origin of the azimuthal equidistant plane, degrees.
    region
        A shape in that plane (metres east and north of the origin).
    margin
        Metres.

    Returns
    -------
    bool
        Whether the region's distance to either pole (:func:`~geoevents._geodesy.pole_local`)
        is below ``margin``; the geodesics to the poles are computed only when a cheap bound
        (:func:`_far_from_poles`) does not already say no.
    """
    if _far_from_poles(lat0, region, margin):
        return False
    return any(region.distance(Point(pole_local(lat0, lon0, north))) < margin
               for north in (True, False))


def cover_radius(region: shapely.Geometry, pt: tuple[float, float]) -> float:
    """The smallest radius about ``pt`` that covers ``region`` (distance to its furthest vertex)."""
    coords = shapely.get_coordinates(region)
    if len(coords) == 0:
        return 0.0
    return float(max(math.hypot(x - pt[0], y - pt[1]) for x, y in coords))


# --------------------------------------------------------------------------- located things


@dataclass(slots=True)
class Loc:
    """Something located in the local plane of an origin."""

    lat0: float
    lon0: float
    region: shapely.Geometry  # local metres
    point: tuple[float, float]  # local metres
    radius: float
    anchor: Place
    extent: float
    derived_name: str | None = None  # set when the location is derived from the text


def _limit_outside(gaz: Gazetteer | None, loc: Loc, notes: list[str]) -> float:
    nearest = gaz.nearest_comparable(loc.anchor) if gaz and loc.anchor.is_settlement else None
    if nearest:
        beyond = min(MAX_BEYOND_M, max(MIN_BEYOND_M, nearest / 2 - loc.extent))
        notes.append(f"outer limit: halfway to the nearest comparable settlement "
                     f"({nearest / 1000:.1f} km) → {beyond / 1000:.1f} km beyond the edge")
    else:
        beyond = MAX_BEYOND_M
        notes.append(f"outer limit: no comparable settlement within 100 km → "
                     f"{beyond / 1000:g} km beyond the edge")
    return beyond


#: (kind, local region, local point, uncertainty radius, ACLED precision) of an expression.
_Located = tuple[str, shapely.Geometry, tuple[float, float], float, int]


def locate(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """(kind, local region, local point, uncertainty radius, ACLED precision) of an expression,
    by the rule of its relation (:data:`_RELATION_RULES`)."""
    rule = _RELATION_RULES.get(e.relation)
    if rule is None:
        raise ValueError(f"unknown relation {e.relation}")
    return rule(e, loc, gaz, notes)


def _within(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """Within N km of X: a disc of the distance about the anchor's edge (or centre)."""
    ext = loc.extent
    base = 0.0 if e.anchor_part == "centre" else ext
    r = base + (e.distance_m or 0.0)
    notes.append(f"within: {'centre' if base == 0 else f'extent {base:,.0f} m'} + distance "
                 f"{e.distance_m:,.0f} m = {r:,.0f} m (an upper bound: no precision added)")
    region = Point(loc.point).buffer(r, quad_segs=SEGMENTS // 4)
    if base:
        region = loc.region.buffer(e.distance_m or 0.0, quad_segs=SEGMENTS // 4)
    return "disc", region, loc.point, cover_radius(region, loc.point), 2


def _offset(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """N km DIR of X: the point-radius offset, with its sector of uncertainty."""
    ext = loc.extent
    d = e.distance_m or 0.0
    dprime = ext + e.distance_precision_m
    alpha = e.bearing_precision_deg or 45.0
    a = math.radians(alpha)
    err = math.sqrt((d + dprime - d * math.cos(a)) ** 2 + (d * math.sin(a)) ** 2)
    pt = _at(d, e.bearing_deg or 0.0)
    pt = (loc.point[0] + pt[0], loc.point[1] + pt[1])
    if e.components:
        parts = " and ".join(f"{cd:,.0f} m (± {cp:,.0f}) at {cb:g}°"
                             for cd, cp, cb in e.components)
        notes.append(
            f"two offsets {parts}, summed in the local plane: bearing atan2(E, N) = "
            f"{e.bearing_deg:.2f}°, distance hypot(E, N) = {d:,.0f} m; precision "
            f"hypot of theirs = {e.distance_precision_m:,.0f} m; heading precision the "
            f"angle it subtends, atan({e.distance_precision_m:,.0f} / {d:,.0f}) = "
            f"{alpha:.2f}°")
    if e.range_m:
        notes.append(f"range {e.range_m[0]:,.0f}–{e.range_m[1]:,.0f} m: the midpoint; "
                     f"precision half the range + the numbers' precision = "
                     f"{e.distance_precision_m:,.0f} m")
    notes.append(
        f"offset: d = {d:,.0f} m at {e.bearing_deg:g}° ± {alpha:g}°; d' = extent {ext:,.0f}"
        f" + distance precision {e.distance_precision_m:,.0f} = {dprime:,.0f} m; "
        f"e = sqrt((d + d' − d·cos α)² + (d·sin α)²) = {err:,.0f} m")
    region = shapely.affinity.translate(
        _polar(max(0.0, d - dprime), d + dprime, e.bearing_deg or 0.0, alpha), *loc.point)
    return "offset", region, pt, err, 2


def _distance_only(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """N km from X, with no heading: a ring."""
    ext = loc.extent
    d = e.distance_m or 0.0
    dprime = ext + e.distance_precision_m
    region = shapely.affinity.translate(_polar(max(0.0, d - dprime), d + dprime, 0, 180),
                                        *loc.point)
    notes.append(f"distance only: ring {max(0, d - dprime):,.0f}–{d + dprime:,.0f} m "
                 f"(d ± extent + precision)")
    return "band", region, loc.point, d + dprime, 2


def _heading(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """West of X, in the west of X: a sector outside (or inside) the anchor."""
    ext = loc.extent
    rel = e.relation
    bearing = e.bearing_deg or 0.0
    alpha = e.bearing_precision_deg or 45.0
    if rel == "inside" or not _is_disc(loc):
        region = polygonal(loc.region.intersection(shapely.affinity.translate(
            _polar(0, 4 * max(ext, 1.0), bearing, alpha), *loc.point))) if rel == "inside" \
            else _outside_cone(loc, bearing, alpha, _limit_outside(gaz, loc, notes))
        if rel == "inside":
            notes.append(f"inside the anchor's extent, heading {bearing:g}° ± {alpha:g}°")
        kind = "sector"
    else:
        beyond = _limit_outside(gaz, loc, notes)
        region = shapely.affinity.translate(_polar(ext, ext + beyond, bearing, alpha),
                                            *loc.point)
        notes.append(f"outside: heading {bearing:g}° ± {alpha:g}° from the edge ({ext:,.0f} m)"
                     f" to {ext + beyond:,.0f} m")
        kind = "sector"
    pt = _sector_point(region, loc.point, bearing)
    return kind, region, pt, cover_radius(region, pt), 2


def _edge(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """On the edge or outskirts of X: a band about the anchor's edge."""
    ext = loc.extent
    word = (e.hedge or "edge").lower()
    wide = word in ("outskirts", "suburbs", "periphery", "fringes", "approaches")
    lo, hi = (0.8, 1.5) if wide else (0.8, 1.2)
    if _is_disc(loc):
        region = shapely.affinity.translate(
            _polar(lo * ext, hi * ext, e.bearing_deg or 0.0,
                   (e.bearing_precision_deg or 45.0) if e.bearing_deg is not None
                   else 180.0),
            *loc.point)
    else:
        w = max(150.0, 0.2 * math.sqrt(loc.region.area / math.pi))
        region = loc.region.buffer(w).difference(loc.region.buffer(-w))
    notes.append(f"{word}: band {lo:g}–{hi:g} × extent {ext:,.0f} m")
    pt = loc.point if e.bearing_deg is None else _sector_point(region, loc.point,
                                                                e.bearing_deg)
    if not _is_disc(loc):
        pt = (loc.point[0], loc.point[1])
    return "band", region, pt, cover_radius(region, pt), 2


def _surrounding(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """The countryside around X: a band beyond the edge."""
    ext = loc.extent
    beyond = max(2000.0, ext)
    region = polygonal(
        loc.region.buffer(beyond, quad_segs=SEGMENTS // 4).difference(loc.region))
    notes.append(f"surrounding: band from the edge out to {beyond:,.0f} m beyond it")
    return "band", region, loc.point, cover_radius(region, loc.point), 2


def _near(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """Near X: the anchor's extent and a margin."""
    ext = loc.extent
    pointlike = loc.anchor.kind in _POINT_KINDS and _is_disc(loc)
    buf = NEAR_POINT_FEATURE_M if pointlike else NEAR_SETTLEMENT_M
    region = loc.region.buffer(buf, quad_segs=SEGMENTS // 4)
    notes.append(f"near: extent {ext:,.0f} m + {buf:,.0f} m")
    return "buffer", region, loc.point, cover_radius(region, loc.point), 2


def _road_unknown_origin(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]
                         ) -> _Located:
    """On the road to X, origin unknown: a band beyond the edge."""
    region = polygonal(
        loc.region.buffer(ROAD_BAND_M, quad_segs=SEGMENTS // 4).difference(loc.region))
    notes.append(f"on the road to it, origin unknown: band from the edge out to "
                 f"{ROAD_BAND_M:,.0f} m beyond it (no road network)")
    return "band", region, loc.point, cover_radius(region, loc.point), 2


def _centre(e: Expression, loc: Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """The centre of X: a quarter of the extent."""
    ext = loc.extent
    r = max(250.0, 0.25 * ext)
    region = Point(loc.point).buffer(r, quad_segs=SEGMENTS // 4)
    notes.append(f"centre: disc of a quarter of the extent = {r:,.0f} m")
    return "area", region, loc.point, r, 1


#: The geometry rule of each relation.
_Rule = Callable[[Expression, Loc, "Gazetteer | None", list[str]], _Located]
_RELATION_RULES: dict[str, _Rule] = {
    "within": _within,
    "offset": _offset,
    "distance": _distance_only,
    "direction": _heading,
    "inside": _heading,
    "edge": _edge,
    "outskirts": _edge,
    "surrounding": _surrounding,
    "near": _near,
    "road": _road_unknown_origin,
    "centre": _centre,
}


def _is_disc(loc: Loc) -> bool:
    return loc.point == (0.0, 0.0) and abs(loc.region.area - math.pi * loc.extent**2) \
        < 0.05 * math.pi * loc.extent**2


def _outside_cone(loc: Loc, bearing: float, alpha: float, beyond: float) -> shapely.Geometry:
    cone = shapely.affinity.translate(_polar(0, loc.radius + beyond, bearing, alpha), *loc.point)
    return polygonal(cone.difference(loc.region))


def _sector_point(region: shapely.Geometry, origin: tuple[float, float], bearing: float
                  ) -> tuple[float, float]:
    """A point estimate in a sector: the middle of the bisector's run through the region."""
    if region.is_empty:  # a sector of a place of no size: the place
        return origin
    far = _at(1e7, bearing)
    ray = shapely.LineString([origin, (origin[0] + far[0], origin[1] + far[1])])
    inside = ray.intersection(region)
    if inside.geom_type not in ("LineString", "MultiLineString"):  # a touch, not a run
        runs = [g for g in shapely.get_parts(inside) if g.geom_type == "LineString"]
        inside = shapely.union_all(runs) if runs else shapely.LineString()
    if inside.is_empty:
        p = region.representative_point()
        return p.x, p.y
    mid = inside.interpolate(0.5, normalized=True)
    return mid.x, mid.y
