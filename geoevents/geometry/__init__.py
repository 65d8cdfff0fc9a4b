"""Geometry: every located mention becomes a point, an uncertainty radius and an honest region.

The point-radius method of Wieczorek et al. (2004) as revised by Chapman & Wieczorek (2020);
the rules, and the judgements this package makes, are specified in ``docs/geometry.md``.
The rule of each relation is in :mod:`geoevents.geometry.relations`.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import itertools
import math
from collections import Counter
from collections.abc import Callable

import numpy as np
import shapely
from shapely.geometry import Point, Polygon, mapping

from .._geodesy import (
    destination,
    inverse,
    local_to_lonlat,
    local_to_lonlat_rfc7946,
    lonlat_to_local,
    midpoint,
    polygonal,
)
from .._normalize import name_key
from ..extract.landmarks import placement
from ..gazetteer import Gazetteer
from ..model import Expression, Extraction, Feature, Mention, Place
from ..text import sentence_index, sentence_span
from ._apposition import SUBJECT_TOLERANCE_M, subject_known
from ._discs import SNAP_DISC_MIN_M, disc, snapped_disc
from .relations import (
    ALONG_SINUOSITY,
    CORRIDOR_FRACTION,
    DENSITY_PER_KM2,
    KIND_EXTENT_M,
    MAX_BEYOND_M,
    MAX_ROAD_M,
    MIN_BEYOND_M,
    MIN_SETTLEMENT_EXTENT_M,
    NEAR_POINT_FEATURE_M,
    NEAR_SETTLEMENT_M,
    ROAD_BAND_M,
    SEGMENTS,
    Loc,
    cover_radius,
    extent_m,
    locate,
    near_pole,
)

__all__ = [
    "ALONG_SINUOSITY", "CORRIDOR_FRACTION", "DENSITY_PER_KM2", "KIND_EXTENT_M", "MAX_BEYOND_M",
    "MAX_ROAD_M", "MIN_BEYOND_M", "MIN_SETTLEMENT_EXTENT_M", "NEAR_POINT_FEATURE_M",
    "NEAR_SETTLEMENT_M", "POLAR_MARGIN_STEPS", "ROAD_BAND_M", "SUBJECT_TOLERANCE_M",
    "build_features", "extent_m", "to_geojson_geometry",
]

#: A shape closer to a pole than this many vertex spacings is mapped by the polar-safe path.
POLAR_MARGIN_STEPS = 100


def _anchor_loc(m: Mention, derived: dict[int, Loc], notes: list[str], near: _Settlements
                ) -> Loc | None:
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
    return Loc(place.lat, place.lon, disc(ext), (0.0, 0.0), ext, place, ext)


def _feature_id(start: int, end: int, relation: str, text: str) -> str:
    return "f" + hashlib.sha1(f"{start}:{end}:{relation}:{text}".encode()).hexdigest()[:12]


def _lonlat(lat0: float, lon0: float, region: shapely.Geometry) -> shapely.Geometry:
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
    # 1 cm grid: drops near-duplicate vertices
    return _snapped_lonlat(lat0, lon0, shapely.set_precision(region, 0.01))


def _disc_lonlat(lat0: float, lon0: float, radius: float) -> shapely.Geometry:
    """``_lonlat(lat0, lon0, disc(radius))``, the disc snapped without GEOS's overlay."""
    region = (snapped_disc(radius) if radius >= SNAP_DISC_MIN_M
              else shapely.set_precision(disc(radius), 0.01))
    return _snapped_lonlat(lat0, lon0, region)


def _snapped_lonlat(lat0: float, lon0: float, region: shapely.Geometry) -> shapely.Geometry:
    """:func:`_lonlat` of a polygonal region already snapped to the 1 cm grid."""
    # vertices every 500 m, or every 1/40 of the shape's size for big ones (a region 1,000 km
    # across needs no vertex every 500 m, and each vertex costs a geodesic computation)
    step = max(500.0, math.sqrt(max(region.area, 0.0)) / 40)
    margin = POLAR_MARGIN_STEPS * step
    polar = near_pole(lat0, lon0, region, margin)
    if not polar:
        geom = local_to_lonlat(shapely.segmentize(region, step), lat0, lon0)
        if _plain(geom):
            geom = polygonal(shapely.make_valid(geom)) if not geom.is_valid else geom
            return shapely.orient_polygons(geom, exterior_cw=False)
    geom = local_to_lonlat_rfc7946(region, lat0, lon0, step)
    return shapely.orient_polygons(geom, exterior_cw=False)


@functools.lru_cache(maxsize=1024)
def _area_disc(lat: float, lon: float, radius: float, signs: tuple[float, float]
               ) -> shapely.Geometry:
    """An area's disc in lon/lat, or its point (:func:`_region_or_point`), memoised per
    place; ``signs`` (of lat, lon) keep 0.0 and -0.0 apart, which the cache would not."""
    return _region_or_point(_disc_lonlat(lat, lon, radius), lat, lon)


def _region_or_point(geom: shapely.Geometry, lat: float, lon: float) -> shapely.Geometry:
    """The region, or the point when the region has no size ("within 0 m of the centre",
    "between X and X", a place of extent 0) or none left on the 10⁻⁶° grid of the GeoJSON
    (a disc of a few centimetres)."""
    return Point(lon, lat) if _vanishes(geom) else geom


#: Half a 10⁻⁶° grid cell's diagonal, rounded up: how far snapping moves a point at most.
_SNAP_REACH = 1e-6


def _vanishes(geom: shapely.Geometry) -> bool:
    """Whether nothing of a region is left on the 10⁻⁶° grid (``set_precision`` empty). No,
    unsnapped, for a valid polygonal region of more than twice the area of the band of
    :data:`_SNAP_REACH` about its outline: snapping moves the outline only within it."""
    if geom.is_empty:
        return True
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        band = 2.0 * _SNAP_REACH * shapely.length(geom) + math.pi * _SNAP_REACH**2
        if shapely.area(geom) > 2.0 * band and shapely.is_valid(geom):
            return False
    return shapely.set_precision(geom, 1e-6).is_empty


def _plain(geom: shapely.Geometry) -> bool:
    """Whether mapped coordinates stay in [-180, 180] without jumping half the world between
    vertices (a shape that crosses the antimeridian or winds round a pole does not)."""
    x = shapely.get_coordinates(geom)[:, 0]
    return bool(len(x) == 0 or (np.all(np.abs(x) <= 180.0)
                                and np.all(np.abs(np.diff(x)) <= 180.0)))


def _point_lonlat(loc: Loc, pt: tuple[float, float]) -> tuple[float, float]:
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
    puts elsewhere, :func:`subject_known`) is skipped when asked about, so the answers are
    those of a scan at that moment."""

    def __init__(self, ex: Extraction) -> None:
        self._ex = ex
        self._found: list[Mention] | None = None
        self._starts: list[int] = []
        self._focus: tuple[Place | None] | None = None  # memo of focus(), until changed()
        self._sentence_of: Callable[[int], int] | None = None

    def changed(self) -> None:
        """A mention's place was dropped: :meth:`focus` is counted again when next asked."""
        self._focus = None

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
            last = next((found[i] for i in range(end - 1, -1, -1)  # (no copy of found[:end])
                         if found[i].end <= m.start and _is_settlement(found[i])), None)
            before = [last] if last is not None else []
            first = next((x for x in found if _is_settlement(x)), None)
        if same:
            return min(same, key=lambda x: abs(x.start - m.start)).place
        if before:
            return before[-1].place
        return first.place if first is not None else None


    def focus(self) -> Place | None:
        """The settlement the report is about: named at least twice, and at least twice as
        often as any other (a landmark with no town of its own is that town's — "others
        sheltered near the airport" in a report about Kunduz, however "towards Kabul" the
        sentence also went); None when no settlement stands out so. Counted once (a count
        per landmark made a long report quadratic), again after :meth:`changed`."""
        if self._focus is None:
            self._focus = (self._count_focus(),)
        return self._focus[0]

    def _count_focus(self) -> Place | None:
        counts = Counter(x.place.id for x in self._mentions() if _is_settlement(x))
        top = counts.most_common(2)
        if not top or top[0][1] < 2 or (len(top) > 1 and top[0][1] < 2 * top[1][1]):
            return None
        return next(x.place for x in self._mentions()
                    if _is_settlement(x) and x.place.id == top[0][0])

    def recent(self, m: Mention) -> Place | None:
        """The settlement named closest to ``m`` in its sentence, else the last one named
        in the sentence before; None when neither names one."""
        found = self._mentions()
        sents = self._ex.sentences
        if not sents:
            return None
        if self._sentence_of is None:
            self._sentence_of = sentence_index(sents)  # once: sentences do not change
        si = self._sentence_of(m.start)
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
    derived: dict[int, Loc] = {}
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
        kind, region, pt, radius, precision = locate(e, loc, gaz, notes)
        notes.append(f"point {pt[0]:,.0f} m E, {pt[1]:,.0f} m N of the anchor; "
                     f"uncertainty {radius:,.0f} m")
        subject = e.subject if e.subject is None or not _is_area_name(e.subject) else None
        if subject is not None and not subject_known(subject, loc, region, notes,
                                                     distance_m=e.distance_m):
            near.changed()
            derived[id(subject)] = Loc(loc.lat0, loc.lon0, region, pt, radius, loc.anchor,
                                        math.sqrt(max(region.area, 1.0) / math.pi),
                                        subject.name)
            used.add(id(subject))
        conf = (anchor.confidence or 0.8) * (0.9 if kind in ("disc", "offset") else 0.75)
        lat, lon = _point_lonlat(loc, pt)
        geom = _region_or_point(_lonlat(loc.lat0, loc.lon0, region), lat, lon)
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
    geom = _region_or_point(_disc_lonlat(lat, lon, r), lat, lon)
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
    loc = Loc(a.lat, a.lon, disc(ext_a), (0.0, 0.0), ext_a, a, ext_a)
    if e.relation == "along":
        n = e.distance_m or 0.0
        pt = (bx * n / length, by * n / length)
        r = ext_a + e.distance_precision_m + ALONG_SINUOSITY * n
        region = Point(pt).buffer(r, quad_segs=SEGMENTS // 4)
        notes.append(f"along: {n:,.0f} m from {a.name} towards {b.name}; radius "
                     f"{how_a.split(':')[0]} + distance precision "
                     f"{e.distance_precision_m:,.0f} m + sinuosity "
                     f"{ALONG_SINUOSITY:g} × {n:,.0f} m = {r:,.0f} m")
        kind, distance, precision = "offset", n, 2
    else:
        w = max(ext_a, ext_b, CORRIDOR_FRACTION * length)
        region = shapely.LineString([(0.0, 0.0), (bx, by)]).buffer(w, quad_segs=SEGMENTS // 4)
        pt = (bx / 2, by / 2)
        r = cover_radius(region, pt)
        notes.append(f"corridor: the segment buffered by max(extents, {CORRIDOR_FRACTION:g} × "
                     f"length) = {w:,.0f} m; point its middle; radius {r:,.0f} m")
        kind, distance, precision = "buffer", length, 2 if length < 50_000 else 3
    lat, lon = _point_lonlat(loc, pt)
    geom = _region_or_point(_lonlat(loc.lat0, loc.lon0, region), lat, lon)
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
            geom = _area_disc(p.lat, p.lon, ext, (math.copysign(1, p.lat),
                                                  math.copysign(1, p.lon)))
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
    outline = gaz.shape_geojson(p)
    return (shapely.orient_polygons(shapely.from_geojson(outline), exterior_cw=False)
            if outline else None)


def _fallback_loc(m: Mention, notes: list[str], near: _Settlements
                  ) -> tuple[Loc, str] | None:
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
    loc = Loc(host.lat, host.lon, disc(r), (0.0, 0.0), r, host, r, m.name)
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
        confidence=0.5 if m.host is not None else 0.3,
        geometry=_disc_lonlat(loc.lat0, loc.lon0, loc.radius),
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
    host = (m.antecedent.resolved if m.antecedent is not None
            else near.focus() or near.recent(m))
    if host is None or not host.is_settlement:
        return None
    ext, how = extent_m(host)
    where = placement(m)
    r = ext if where == "in" else ext + NEAR_SETTLEMENT_M
    how_found = "the town the report is about, or the one named nearest"
    notes = [f"matched “{m.text}” as a landmark ({m.feature}) of the table",
             f"{'in' if where == 'in' else 'near'} {host.name} ({host.id}), "
             f"{'named with it' if m.antecedent is not None else how_found}; "
             f"{how}" + ("" if where == "in" else f"; + {NEAR_SETTLEMENT_M:,.0f} m")
             + f"; radius {r:,.0f} m"]
    return Feature(
        id=_feature_id(m.start, m.end, where, m.text),
        kind="area" if where == "in" else "buffer", text=m.text,
        quote=_quote(ex, text, m.start), start=m.start, end=m.end, relation=where,
        lat=host.lat, lon=host.lon, uncertainty_m=r, precision=2, confidence=0.5,
        geometry=_disc_lonlat(host.lat, host.lon, r), place=host.name, place_id=None,
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

