"""Geometry: every located mention becomes a point, an uncertainty radius and an honest region.

The method is the point-radius method of Wieczorek et al. (2004) as revised by Chapman &
Wieczorek (2020): uncertainties in metres are added linearly; an offset at a heading has the
radius ``e = sqrt((d + d' − d·cos α)² + (d·sin α)²)`` with ``d'`` the anchor's extent plus the
distance precision and ``α`` the heading precision. Shapes are built in metres in an azimuthal
equidistant plane about the anchor and mapped to lon/lat along WGS84 geodesics.

Judgements this module makes (documented in ``docs/geometry.md``):

* **extent of a settlement** with no known boundary: the radius of a disc holding its
  population at 4,000 people per km² (Tadmur, 51,015 people → 2.0 km), at least 500 m;
  other feature kinds use fixed extents (:data:`KIND_EXTENT_M`);
* **near**: the anchor's extent plus 10 km for a settlement or area (the 2020 guide's own
  figure), plus 2 km for a point feature such as a hill or a bridge;
* **edge** band: 0.8–1.2 × extent; **outskirts**: 0.8–1.5 × extent; **surrounding**:
  from the extent out to twice the extent (at least 2 km further);
* **heading only, outside** ("west of X"): from X's edge out to halfway to the nearest
  settlement at least half as populous, clamped to 2–10 km beyond the edge;
* **heart / centre**: a disc of a quarter of the extent (at least 250 m);
* **roads** (no road network): the straight segment between the two places, buffered by
  :data:`CORRIDOR_FRACTION` of its length; "N km along the road" uncertain by
  :data:`ALONG_SINUOSITY` × N; "on the road to Z" with no origin, a band :data:`ROAD_BAND_M`
  beyond Z's edge.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import Point, Polygon, mapping, shape

from .._geodesy import (
    destination,
    inverse,
    local_to_lonlat,
    local_to_lonlat_rfc7946,
    midpoint,
    pole_local,
    polygonal,
)
from .._normalize import name_key
from ..extract.landmarks import placement
from ..gazetteer import Gazetteer
from ..model import Expression, Extraction, Feature, Mention, Place
from ..text import sentence_index, sentence_span

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
_SEGMENTS = 64
#: A shape closer to a pole than this many vertex spacings is mapped by the polar-safe path.
POLAR_MARGIN_STEPS = 100


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
        outer = Point(0, 0).buffer(r1, quad_segs=_SEGMENTS // 4)
        return outer.difference(Point(0, 0).buffer(r0, quad_segs=_SEGMENTS // 4)) if r0 > 0 \
            else outer
    n = max(4, int(_SEGMENTS * half / 90))
    angles = [math.radians(bearing - half + 2 * half * i / n) for i in range(n + 1)]
    outer = [(r1 * math.sin(a), r1 * math.cos(a)) for a in angles]
    inner = [(r0 * math.sin(a), r0 * math.cos(a)) for a in reversed(angles)] if r0 > 0 \
        else [(0.0, 0.0)]
    return Polygon(outer + inner)


def _at(r: float, bearing: float) -> tuple[float, float]:
    a = math.radians(bearing)
    return r * math.sin(a), r * math.cos(a)


def _cover_radius(region: shapely.Geometry, pt: tuple[float, float]) -> float:
    """The smallest radius about ``pt`` that covers ``region`` (distance to its furthest vertex)."""
    coords = shapely.get_coordinates(region)
    if len(coords) == 0:
        return 0.0
    return float(max(math.hypot(x - pt[0], y - pt[1]) for x, y in coords))


# --------------------------------------------------------------------------- located things


@dataclass(slots=True)
class _Loc:
    """Something located in the local plane of an origin."""

    lat0: float
    lon0: float
    region: shapely.Geometry  # local metres
    point: tuple[float, float]  # local metres
    radius: float
    anchor: Place
    extent: float
    derived_name: str | None = None  # set when the location is derived from the text


def _anchor_loc(m: Mention, derived: dict[int, _Loc], notes: list[str], near: _Settlements
                ) -> _Loc | None:
    """Where an anchor mention is: a gazetteer place or a place derived from the text."""
    target = m.antecedent if m.role == "reference" and m.antecedent is not None else m
    for key in (id(m), id(target)):
        if key in derived:
            loc = derived[key]
            notes.append(f"anchor {loc.derived_name or target.name}, located from the text "
                         f"above (± {loc.radius:,.0f} m), itself relative to {loc.anchor.name} "
                         f"({loc.anchor.id})")
            return loc
    place = m.resolved
    if place is None:
        found = _fallback_loc(target, notes, near)
        return found[0] if found else None
    ext, how = extent_m(place)
    notes.append(f"anchor {place.name} ({place.id}) at {place.lat:.5f}, {place.lon:.5f}; {how}")
    return _Loc(place.lat, place.lon, Point(0, 0).buffer(ext, quad_segs=_SEGMENTS // 4),
                (0.0, 0.0), ext, place, ext)


def _limit_outside(gaz: Gazetteer | None, loc: _Loc, notes: list[str]) -> float:
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


def _locate(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """(kind, local region, local point, uncertainty radius, ACLED precision) of an expression,
    by the rule of its relation (:data:`_RELATION_RULES`)."""
    rule = _RELATION_RULES.get(e.relation)
    if rule is None:
        raise ValueError(f"unknown relation {e.relation}")
    return rule(e, loc, gaz, notes)


def _within(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """Within N km of X: a disc of the distance about the anchor's edge (or centre)."""
    ext = loc.extent
    base = 0.0 if e.anchor_part == "centre" else ext
    r = base + (e.distance_m or 0.0)
    notes.append(f"within: {'centre' if base == 0 else f'extent {base:,.0f} m'} + distance "
                 f"{e.distance_m:,.0f} m = {r:,.0f} m (an upper bound: no precision added)")
    region = Point(loc.point).buffer(r, quad_segs=_SEGMENTS // 4)
    if base:
        region = loc.region.buffer(e.distance_m or 0.0, quad_segs=_SEGMENTS // 4)
    return "disc", region, loc.point, _cover_radius(region, loc.point), 2


def _offset(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
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


def _distance_only(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """N km from X, with no heading: a ring."""
    ext = loc.extent
    d = e.distance_m or 0.0
    dprime = ext + e.distance_precision_m
    region = shapely.affinity.translate(_polar(max(0.0, d - dprime), d + dprime, 0, 180),
                                        *loc.point)
    notes.append(f"distance only: ring {max(0, d - dprime):,.0f}–{d + dprime:,.0f} m "
                 f"(d ± extent + precision)")
    return "band", region, loc.point, d + dprime, 2


def _heading(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
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
    return kind, region, pt, _cover_radius(region, pt), 2


def _edge(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
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
    return "band", region, pt, _cover_radius(region, pt), 2


def _surrounding(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """The countryside around X: a band beyond the edge."""
    ext = loc.extent
    beyond = max(2000.0, ext)
    region = polygonal(
        loc.region.buffer(beyond, quad_segs=_SEGMENTS // 4).difference(loc.region))
    notes.append(f"surrounding: band from the edge out to {beyond:,.0f} m beyond it")
    return "band", region, loc.point, _cover_radius(region, loc.point), 2


def _near(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """Near X: the anchor's extent and a margin."""
    ext = loc.extent
    pointlike = loc.anchor.kind in _POINT_KINDS and _is_disc(loc)
    buf = NEAR_POINT_FEATURE_M if pointlike else NEAR_SETTLEMENT_M
    region = loc.region.buffer(buf, quad_segs=_SEGMENTS // 4)
    notes.append(f"near: extent {ext:,.0f} m + {buf:,.0f} m")
    return "buffer", region, loc.point, _cover_radius(region, loc.point), 2


def _road_unknown_origin(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]
                         ) -> _Located:
    """On the road to X, origin unknown: a band beyond the edge."""
    region = polygonal(
        loc.region.buffer(ROAD_BAND_M, quad_segs=_SEGMENTS // 4).difference(loc.region))
    notes.append(f"on the road to it, origin unknown: band from the edge out to "
                 f"{ROAD_BAND_M:,.0f} m beyond it (no road network)")
    return "band", region, loc.point, _cover_radius(region, loc.point), 2


def _centre(e: Expression, loc: _Loc, gaz: Gazetteer | None, notes: list[str]) -> _Located:
    """The centre of X: a quarter of the extent."""
    ext = loc.extent
    r = max(250.0, 0.25 * ext)
    region = Point(loc.point).buffer(r, quad_segs=_SEGMENTS // 4)
    notes.append(f"centre: disc of a quarter of the extent = {r:,.0f} m")
    return "area", region, loc.point, r, 1


#: The geometry rule of each relation.
_Rule = Callable[[Expression, _Loc, "Gazetteer | None", list[str]], _Located]
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


def _is_disc(loc: _Loc) -> bool:
    return loc.point == (0.0, 0.0) and abs(loc.region.area - math.pi * loc.extent**2) \
        < 0.05 * math.pi * loc.extent**2


def _outside_cone(loc: _Loc, bearing: float, alpha: float, beyond: float) -> shapely.Geometry:
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


# --------------------------------------------------------------------------- features


def _feature_id(start: int, end: int, relation: str, text: str) -> str:
    return "f" + hashlib.sha1(f"{start}:{end}:{relation}:{text}".encode()).hexdigest()[:12]


def _to_lonlat(loc: _Loc, region: shapely.Geometry) -> shapely.Geometry:
    """A region of the local plane in lon/lat, valid and as RFC 7946 wants it.

    A region without area (the intersection of two sectors that only touch) is empty: the
    caller puts the point instead. Ordinary shapes are mapped vertex by vertex. A shape that
    comes within :data:`POLAR_MARGIN_STEPS` vertex spacings of a pole, or whose mapped
    longitudes leave [-180, 180] (it crosses the antimeridian) or jump by more than 180°
    between vertices (it winds round a pole), goes through
    :func:`~geoevents._geodesy.local_to_lonlat_rfc7946`: cut at ±180 into a MultiPolygon,
    the pole cap included when it contains a pole. Exteriors counter-clockwise, holes
    clockwise (RFC 7946 §3.1.6).
    """
    if region.geom_type not in ("Polygon", "MultiPolygon"):  # no area: a line, a point
        parts = [g for g in shapely.get_parts(region)
                 if g.geom_type in ("Polygon", "MultiPolygon")]
        region = shapely.union_all(parts) if parts else Polygon()
    region = shapely.set_precision(region, 0.01)  # 1 cm grid: drops near-duplicate vertices
    # vertices every 500 m, or every 1/40 of the shape's size for big ones (a region 1,000 km
    # across needs no vertex every 500 m, and each vertex costs a geodesic computation)
    step = max(500.0, math.sqrt(max(region.area, 0.0)) / 40)
    margin = POLAR_MARGIN_STEPS * step
    polar = any(region.distance(Point(pole_local(loc.lat0, loc.lon0, north))) < margin
                for north in (True, False))
    if not polar:
        geom = local_to_lonlat(shapely.segmentize(region, step), loc.lat0, loc.lon0)
        if _plain(geom):
            geom = polygonal(shapely.make_valid(geom)) if not geom.is_valid else geom
            return shapely.orient_polygons(geom, exterior_cw=False)
    geom = local_to_lonlat_rfc7946(region, loc.lat0, loc.lon0, step)
    return shapely.orient_polygons(geom, exterior_cw=False)


def _region_or_point(geom: shapely.Geometry, lat: float, lon: float) -> shapely.Geometry:
    """The region, or the point when the region has no size ("within 0 m of the centre",
    "between X and X", a place of extent 0) or none left on the 10⁻⁶° grid of the GeoJSON
    (a disc of a few centimetres)."""
    if geom.is_empty or shapely.set_precision(geom, 1e-6).is_empty:
        return Point(lon, lat)
    return geom


def _plain(geom: shapely.Geometry) -> bool:
    """Whether mapped coordinates stay in [-180, 180] without jumping half the world between
    vertices (a shape that crosses the antimeridian or winds round a pole does not)."""
    x = shapely.get_coordinates(geom)[:, 0]
    return bool(len(x) == 0 or (np.all(np.abs(x) <= 180.0)
                                and np.all(np.abs(np.diff(x)) <= 180.0)))


def _point_lonlat(loc: _Loc, pt: tuple[float, float]) -> tuple[float, float]:
    d = math.hypot(*pt)
    if d < 1e-6:  # the origin (to a micrometre: no bearing for geographiclib to take)
        return loc.lat0, loc.lon0
    return destination(loc.lat0, loc.lon0, math.degrees(math.atan2(pt[0], pt[1])), d)


def _quote(ex: Extraction, text: str, start: int) -> str:
    span = sentence_span(ex.sentences, start)
    return " ".join(text[span[0] : span[1]].split()) if span else ""


class _Settlements:
    """The mentions of settlements in a report, for :func:`_fallback_loc`, found by bisection
    rather than by a scan of every mention (which made a long report quadratic).

    Taken when first asked for; a mention whose place is dropped later (a subject the text
    puts elsewhere, :func:`_subject_known`) is skipped when asked about, so the answers are
    those of a scan at that moment."""

    def __init__(self, ex: Extraction) -> None:
        self._ex = ex
        self._found: list[Mention] | None = None
        self._starts: list[int] = []

    def _mentions(self) -> list[Mention]:
        if self._found is None:
            self._found = [x for x in self._ex.mentions if _is_settlement(x)]
            self._starts = [x.start for x in self._found]
            if any(a > b for a, b in itertools.pairwise(self._starts)):
                self._starts = []  # not in text order: scan (never the case from extract)
        return self._found

    def near(self, m: Mention) -> Place | None:
        """The settlement named closest to ``m`` in its sentence, else the last one named
        before it, else the first one named; None when the report names none."""
        found = self._mentions()
        live = [i for i in range(len(found)) if _is_settlement(found[i])] if not self._starts \
            else None
        span = sentence_span(self._ex.sentences, m.start)
        if live is not None:  # the plain scan
            same = [found[i] for i in live if span and span[0] <= found[i].start < span[1]]
            before = [found[i] for i in live if found[i].end <= m.start]
            first = found[live[0]] if live else None
        else:
            lo, hi = ((bisect.bisect_left(self._starts, span[0]),
                       bisect.bisect_left(self._starts, span[1])) if span else (0, 0))
            same = [x for x in found[lo:hi] if _is_settlement(x)]
            end = bisect.bisect_left(self._starts, m.start)
            last = next((x for x in reversed(found[:end])
                         if x.end <= m.start and _is_settlement(x)), None)
            before = [last] if last is not None else []
            first = next((x for x in found if _is_settlement(x)), None)
        if same:
            return min(same, key=lambda x: abs(x.start - m.start)).place
        if before:
            return before[-1].place
        return first.place if first is not None else None


    def recent(self, m: Mention) -> Place | None:
        """The settlement named closest to ``m`` in its sentence, else the last one named
        in the sentence before; None when neither names one."""
        found = self._mentions()
        sents = self._ex.sentences
        if not sents:
            return None
        si = sentence_index(sents)(m.start)
        lo = sents[si - 1][0] if si else sents[si][0]
        mid, hi = sents[si]
        if self._starts:
            found = found[bisect.bisect_left(self._starts, lo):
                          bisect.bisect_left(self._starts, hi)]
        inside = [x for x in found if lo <= x.start < hi and _is_settlement(x)]
        same = [x for x in inside if x.start >= mid]
        if same:
            return min(same, key=lambda x: abs(x.start - m.start)).place
        return inside[-1].place if inside else None


def _is_settlement(m: Mention) -> bool:
    return m.place is not None and m.place.is_settlement


def build_features(text: str, ex: Extraction, gaz: Gazetteer | None = None) -> list[Feature]:
    """Turn resolved mentions and expressions into :class:`Feature` objects.

    Parameters
    ----------
    text : str
        The report text (for quotes).
    ex : Extraction
        The output of :func:`geoevents.extract.extract` after :func:`geoevents.resolve.resolve`.
    gaz : Gazetteer, optional
        For outer limits of heading-only relations and country outlines.

    Returns
    -------
    list of Feature
        In text order; ids are stable for the same input.
    """
    features: list[Feature] = []
    near = _Settlements(ex)
    derived: dict[int, _Loc] = {}
    used: set[int] = set()
    exprs = sorted(ex.expressions, key=lambda e: (0 if e.subject is not None else 1, e.start))
    for e in exprs:
        notes = [f"matched “{e.text}” as {e.relation}"]
        if e.relation == "between":
            f = _between(text, ex, e, notes)
            if f:
                features.append(f)
                used.update(id(a) for a in e.anchors)
            continue
        if e.relation in ("corridor", "along") or (e.relation == "road" and len(e.anchors) > 1):
            f = _path(text, ex, e, notes)
            if f:
                features.append(f)
                used.update(id(a) for a in e.anchors)
                continue
            if e.relation != "road":
                continue
            notes.append("the origin cannot be placed: the road's last stretch into the place")
        anchor = e.anchors[0]
        loc = _anchor_loc(anchor, derived, notes, near)
        if loc is None:
            continue
        used.add(id(anchor))
        kind, region, pt, radius, precision = _locate(e, loc, gaz, notes)
        notes.append(f"point {pt[0]:,.0f} m E, {pt[1]:,.0f} m N of the anchor; "
                     f"uncertainty {radius:,.0f} m")
        subject = e.subject if e.subject is None or not _is_area_name(e.subject) else None
        if subject is not None and not _subject_known(subject, loc, region):
            derived[id(subject)] = _Loc(loc.lat0, loc.lon0, region, pt, radius, loc.anchor,
                                        math.sqrt(max(region.area, 1.0) / math.pi),
                                        subject.name)
            used.add(id(subject))
        conf = (anchor.confidence or 0.8) * (0.9 if kind in ("disc", "offset") else 0.75)
        lat, lon = _point_lonlat(loc, pt)
        geom = _region_or_point(_to_lonlat(loc, region), lat, lon)
        mention = subject if subject is not None and id(subject) in derived else None
        start = mention.start if mention else e.start
        end = mention.end if mention else e.end
        ftext = mention.text if mention else e.text
        features.append(Feature(
            id=_feature_id(start, end, e.relation, ftext), kind=kind, text=ftext,
            quote=_quote(ex, text, start), start=start, end=end, relation=_relation_label(e),
            lat=lat, lon=lon, uncertainty_m=radius, precision=precision,
            confidence=min(1.0, conf), geometry=geom, place=loc.anchor.name,
            place_id=loc.anchor.id, country=loc.anchor.country, distance_m=e.distance_m,
            bearing_deg=e.bearing_deg, name=mention.name if mention else None,
            derived_from=loc.anchor.id if mention or loc.derived_name else None,
            place_source=loc.anchor.source, explain=notes,
        ))
    # a place the text located once is where it said, each time it is named again
    located_names: dict[str, Feature] = {}
    for f in sorted(features, key=lambda f: f.start):
        if f.name:
            located_names.setdefault(name_key(f.name), f)
    # named places and toponyms that no expression consumed
    for m in ex.mentions:
        if id(m) in used or m.role == "reference":
            continue
        first = located_names.get(name_key(m.name)) if m.role == "named" and m.place is None \
            else None
        if first is not None and first.start < m.start:
            features.append(dataclasses.replace(
                first, id=_feature_id(m.start, m.end, first.relation, m.text), text=m.text,
                quote=_quote(ex, text, m.start), start=m.start, end=m.end,
                confidence=round(first.confidence * 0.9, 3),
                explain=[f"named again: {m.name} as located above (chars {first.start}–"
                         f"{first.end}, “{first.text}”)", *first.explain]))
            continue
        f = (_landmark_feature(text, ex, m, near) if m.role == "landmark"
             else _place_feature(text, ex, m, gaz, near))
        if f:
            features.append(f)
    features.sort(key=lambda f: (f.start, f.end, f.id))
    return features


#: Feature words of a name that is a region ("the X province"): no offset, heading or
#: distance locates it ("the al-Bayarat area, 25 km west of Palmyra" is a locality: it does).
_AREA_FEATURES = frozenset({"region"})


def _is_area_name(subject: Mention) -> bool:
    """A country, a region or an area named before an appositive relation ("Ukraine, 20 km
    east of Bakhmut"): the relation locates something in it, not the area itself."""
    p = subject.place
    return (p.is_area if p is not None
            else subject.feature in _AREA_FEATURES and subject.role == "named")


#: A subject's gazetteer point within this distance of the region the text gives it (or
#: within the subject's own extent, when larger) is where the text puts it.
SUBJECT_TOLERANCE_M = 2_000.0


def _subject_known(subject: Mention, loc: _Loc, region: shapely.Geometry) -> bool:
    """A subject the gazetteer knows, lying where the text puts it (within
    :data:`SUBJECT_TOLERANCE_M` or its own extent of the region)."""
    p = subject.place
    if p is None:
        return False
    from .._geodesy import lonlat_to_local

    x, y = lonlat_to_local(p.lat, p.lon, loc.lat0, loc.lon0)
    if region.distance(Point(x, y)) <= max(SUBJECT_TOLERANCE_M, extent_m(p)[0]):
        return True
    subject.place = None  # a homonym elsewhere: the text wins
    return False


def _relation_label(e: Expression) -> str:
    if e.relation == "edge":
        return e.hedge or "edge"
    if e.relation == "direction" or e.relation == "inside":
        return f"{e.relation} {e.bearing_deg:g}°"
    return e.relation


def _between(text: str, ex: Extraction, e: Expression, notes: list[str]) -> Feature | None:
    a, b = (m.resolved for m in e.anchors[:2])
    if a is None or b is None:
        return None
    d, _ = inverse(a.lat, a.lon, b.lat, b.lon)
    lat, lon = midpoint(a.lat, a.lon, b.lat, b.lon)
    r = d / 2
    notes.append(f"between {a.name} ({a.id}) and {b.name} ({b.id}): {d:,.0f} m apart; "
                 f"midpoint, radius half the distance = {r:,.0f} m")
    loc = _Loc(lat, lon, Point(0, 0).buffer(r, quad_segs=_SEGMENTS // 4), (0, 0), r, a, r)
    geom = _region_or_point(_to_lonlat(loc, loc.region), lat, lon)
    conf = min(m.confidence or 0.8 for m in e.anchors[:2]) * 0.8
    return Feature(
        id=_feature_id(e.start, e.end, "between", e.text), kind="between", text=e.text,
        quote=_quote(ex, text, e.start), start=e.start, end=e.end, relation="between",
        lat=lat, lon=lon, uncertainty_m=r, precision=2 if d < 50_000 else 3, confidence=conf,
        geometry=geom, place=f"{a.name} / {b.name}", place_id=f"{a.id} {b.id}",
        country=a.country if a.country == b.country else None, distance_m=d,
        place_source=a.source, explain=notes,
    )


def _path(text: str, ex: Extraction, e: Expression, notes: list[str]) -> Feature | None:
    """A road between two places, with no road network: the straight segment between them.

    ``corridor`` ("the X–Y highway") and ``road`` with an origin ("Mosul, on the road to
    Erbil"): the segment buffered by :data:`CORRIDOR_FRACTION` of its length (at least the
    larger extent); the point is its middle. ``along`` ("3 km along the road from X to Y"):
    the point N from X towards Y on the segment, radius X's extent + N's precision +
    :data:`ALONG_SINUOSITY` × N, region the disc of that radius.
    """
    first, second = e.anchors[0], e.anchors[1]
    if e.relation == "road":  # anchors [Z, origin]
        first, second = second, first
    a, b = first.resolved, second.resolved
    if a is None or b is None or a.id == b.id:
        return None
    from .._geodesy import lonlat_to_local

    bx, by = lonlat_to_local(b.lat, b.lon, a.lat, a.lon)
    length = math.hypot(bx, by)
    if length < 1.0 or length > MAX_ROAD_M:
        return None
    ext_a, how_a = extent_m(a)
    ext_b, _ = extent_m(b)
    bearing = math.degrees(math.atan2(bx, by)) % 360.0
    notes.append(f"road from {a.name} ({a.id}) to {b.name} ({b.id}): {length:,.0f} m at "
                 f"{bearing:.1f}° in a straight line; no road network, so the road is taken "
                 f"as that line")
    loc = _Loc(a.lat, a.lon, Point(0, 0).buffer(ext_a, quad_segs=_SEGMENTS // 4), (0.0, 0.0),
               ext_a, a, ext_a)
    if e.relation == "along":
        n = e.distance_m or 0.0
        pt = (bx * n / length, by * n / length)
        r = ext_a + e.distance_precision_m + ALONG_SINUOSITY * n
        region = Point(pt).buffer(r, quad_segs=_SEGMENTS // 4)
        notes.append(f"along: {n:,.0f} m from {a.name} towards {b.name}; radius "
                     f"{how_a.split(':')[0]} + distance precision "
                     f"{e.distance_precision_m:,.0f} m + sinuosity "
                     f"{ALONG_SINUOSITY:g} × {n:,.0f} m = {r:,.0f} m")
        kind, distance, precision = "offset", n, 2
    else:
        w = max(ext_a, ext_b, CORRIDOR_FRACTION * length)
        region = shapely.LineString([(0.0, 0.0), (bx, by)]).buffer(w, quad_segs=_SEGMENTS // 4)
        pt = (bx / 2, by / 2)
        r = _cover_radius(region, pt)
        notes.append(f"corridor: the segment buffered by max(extents, {CORRIDOR_FRACTION:g} × "
                     f"length) = {w:,.0f} m; point its middle; radius {r:,.0f} m")
        kind, distance, precision = "buffer", length, 2 if length < 50_000 else 3
    lat, lon = _point_lonlat(loc, pt)
    geom = _region_or_point(_to_lonlat(loc, region), lat, lon)
    conf = min(m.confidence or 0.8 for m in e.anchors[:2]) * 0.75
    return Feature(
        id=_feature_id(e.start, e.end, e.relation, e.text), kind=kind, text=e.text,
        quote=_quote(ex, text, e.start), start=e.start, end=e.end, relation=e.relation,
        lat=lat, lon=lon, uncertainty_m=r, precision=precision, confidence=conf,
        geometry=geom, place=f"{a.name} / {b.name}", place_id=f"{a.id} {b.id}",
        country=a.country if a.country == b.country else None, distance_m=distance,
        bearing_deg=bearing, place_source=a.source, explain=notes,
    )


def _place_feature(text: str, ex: Extraction, m: Mention, gaz: Gazetteer | None,
                   near: _Settlements) -> Feature | None:
    p = m.place
    notes = [f"matched “{m.text}” as a {m.role}"]
    if p is None:
        return _unplaced_named(text, ex, m, notes, near)
    ext, how = extent_m(p)
    notes.append(f"{p.name} ({p.id}, {p.source}; {p.coord_method}); {how}")
    if p.is_area:
        geom = _outline(gaz, p) if gaz else None
        if geom is None:
            loc = _Loc(p.lat, p.lon, Point(0, 0).buffer(ext, quad_segs=16), (0, 0), ext, p, ext)
            geom = _region_or_point(_to_lonlat(loc, loc.region), p.lat, p.lon)
        kind, precision = "area", 3
    else:
        geom, kind, precision = Point(p.lon, p.lat), "place", 1
    return Feature(
        id=_feature_id(m.start, m.end, "place", m.text), kind=kind, text=m.text,
        quote=_quote(ex, text, m.start), start=m.start, end=m.end, relation="place",
        lat=p.lat, lon=p.lon, uncertainty_m=ext, precision=precision,
        confidence=m.confidence or 0.5, geometry=geom, place=p.name, place_id=p.id,
        country=p.country, name=m.name if m.role == "named" else None, place_source=p.source,
        explain=notes,
    )


@functools.lru_cache(maxsize=256)
def _outline(gaz: Gazetteer, p: Place) -> shapely.Geometry | None:
    """An area's outline from the gazetteer, counter-clockwise (a country named five times is
    parsed once; shapely geometries are immutable, so sharing them is safe)."""
    outline = gaz.shape(p)
    return shapely.orient_polygons(shape(outline), exterior_cw=False) if outline else None


def _fallback_loc(m: Mention, notes: list[str], near: _Settlements
                  ) -> tuple[_Loc, str] | None:
    """Where a named place nobody's gazetteer has, and no expression locates, can still be put:
    near the settlement it is named after ("Kunduz airport"), else in (or near) the settlement
    named closest to it. Returns the location and the relation ("near" or "in")."""
    if m.role != "named" or m.feature is None:
        return None  # a bare capitalised name nobody knows and nothing locates: not a place
    if m.host is not None:
        host = m.host
        ext, how = extent_m(host)
        r = ext + NEAR_POINT_FEATURE_M
        notes.append(f"a {m.feature} named after {host.name} ({host.id}): near it; {how}; "
                     f"+ {NEAR_POINT_FEATURE_M:,.0f} m = {r:,.0f} m")
        relation = "near"
    else:
        found = near.near(m)
        if found is None:
            return None
        host = found
        ext, how = extent_m(host)
        urban = m.feature in ("neighbourhood", "district", "landmark")
        r = ext if urban else ext + NEAR_SETTLEMENT_M
        relation = "in" if urban else "near"
        notes.append(f"not in the gazetteer and not located by the text: "
                     f"{'inside' if urban else 'near'} {host.name} ({host.id}); {how}; "
                     f"radius {r:,.0f} m")
    loc = _Loc(host.lat, host.lon, Point(0, 0).buffer(r, quad_segs=16), (0.0, 0.0), r, host,
               r, m.name)
    return loc, relation


def _unplaced_named(text: str, ex: Extraction, m: Mention, notes: list[str],
                    near: _Settlements) -> Feature | None:
    """A feature for a named place located only by :func:`_fallback_loc` (low confidence)."""
    found = _fallback_loc(m, notes, near)
    if found is None:
        return None
    loc, relation = found
    host = loc.anchor
    return Feature(
        id=_feature_id(m.start, m.end, relation, m.text),
        kind="area" if relation == "in" else "buffer", text=m.text,
        quote=_quote(ex, text, m.start), start=m.start, end=m.end, relation=relation,
        lat=host.lat, lon=host.lon, uncertainty_m=loc.radius, precision=2,
        confidence=0.5 if m.host is not None else 0.3, geometry=_to_lonlat(loc, loc.region),
        place=host.name, place_id=host.id, country=host.country, name=m.name,
        derived_from=host.id, place_source=host.source, explain=notes,
    )


def _landmark_feature(text: str, ex: Extraction, m: Mention, near: _Settlements
                      ) -> Feature | None:
    """A landmark named in passing ("the chemical plant"), placed in or near its town: the
    settlement it is "of", "in" or "near", else the one its sentence names closest to it,
    else the last one the previous sentence names; none, no feature. Its own place is
    unknown (``place_id`` None), ``derived_from`` the town."""
    if m.antecedent is not None and placement(m) == "in":
        return None  # "the hospital in Kunduz": Kunduz's own feature stands for it
    host = m.antecedent.resolved if m.antecedent is not None else near.recent(m)
    if host is None or not host.is_settlement:
        return None
    ext, how = extent_m(host)
    where = placement(m)
    r = ext if where == "in" else ext + NEAR_SETTLEMENT_M
    notes = [f"matched “{m.text}” as a landmark ({m.feature}) of the table",
             f"{'in' if where == 'in' else 'near'} {host.name} ({host.id}), "
             f"{'named with it' if m.antecedent is not None else 'the town named nearest'}; "
             f"{how}" + ("" if where == "in" else f"; + {NEAR_SETTLEMENT_M:,.0f} m")
             + f"; radius {r:,.0f} m"]
    loc = _Loc(host.lat, host.lon, Point(0, 0).buffer(r, quad_segs=16), (0.0, 0.0), r, host,
               r, m.name)
    return Feature(
        id=_feature_id(m.start, m.end, where, m.text),
        kind="area" if where == "in" else "buffer", text=m.text,
        quote=_quote(ex, text, m.start), start=m.start, end=m.end, relation=where,
        lat=host.lat, lon=host.lon, uncertainty_m=r, precision=2, confidence=0.5,
        geometry=_to_lonlat(loc, loc.region), place=host.name, place_id=None,
        country=host.country, name=m.name, derived_from=host.id, place_source=host.source,
        explain=notes,
    )


def to_geojson_geometry(geom: shapely.Geometry) -> dict:
    """A GeoJSON geometry dict with coordinates rounded to 6 decimals (≈ 0.1 m).

    Parameters
    ----------
    geom : shapely.Geometry
        In lon/lat.

    Returns
    -------
    dict
        The GeoJSON geometry. Rounding never makes a valid polygon invalid: when it would
        (vertices closer than the 10⁻⁶° grid, such as a sliver cut off at ±180°), the geometry
        is snapped to the grid by GEOS instead, which keeps it valid, then re-oriented
        (exteriors counter-clockwise, RFC 7946 §3.1.6).
    """
    rounded = shapely.transform(geom, lambda xy: np.round(xy, 6))
    if geom.geom_type in ("Polygon", "MultiPolygon") and not rounded.is_valid and geom.is_valid:
        # which of two vertices merged by the snap survives is up to GEOS: normalise the
        # order of rings and vertices and the sign of zero, so the output is deterministic
        snapped = shapely.normalize(polygonal(shapely.set_precision(geom, 1e-6)))
        rounded = shapely.orient_polygons(
            shapely.transform(snapped, lambda xy: np.round(xy, 6) + 0.0), exterior_cw=False)
    return mapping(rounded)
