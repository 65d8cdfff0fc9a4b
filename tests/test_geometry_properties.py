"""Property-based tests (hypothesis) of the geometry: anchors anywhere on Earth, every relation.

Each example builds an :class:`~geoevents.extract.Extraction` by hand (an anchor place, one or
two expressions) and runs it through the real :func:`geoevents.geometry.build_features`; the
checks are made on what a GeoJSON reader would get (:func:`geoevents.export.feature_dict`),
with geodesic distances and areas from geographiclib, independently of the module:

* the region is a valid, non-empty Polygon or MultiPolygon (a region of no size is the
  point, a GeoJSON Point), every coordinate inside [-180, 180] × [-90, 90];
* RFC 7946 §3.1.6 winding: exteriors counter-clockwise, holes clockwise;
* RFC 7946 §3.1.9: no edge jumps across the antimeridian; the only edges spanning more than
  90° of longitude run along a pole (the top of a pole cap);
* the point estimate lies in the region; or, for a ring-shaped region (a band, or a region
  built on one), whose point is the ring's centre by the point-radius method, the region
  surrounds it: every ray from the point meets the region;
* the uncertainty radius covers the region: every vertex within the radius of the point;
* the region's geodesic area is at most that of the disc of the uncertainty radius (a shape
  wrapped the wrong way round the globe, or a pole cap on the wrong side, is far bigger);
* the same input gives the same output.

Tolerances
----------
Vertices are the exact geodesic images of vertices of the local plane, and in that azimuthal
equidistant plane the radius is the largest distance from the point to a vertex. On a surface
of positive curvature (the WGS84 ellipsoid) the exponential map does not lengthen distances
(Toponogov's hinge comparison), so the geodesic distance from the point to every such vertex
is at most the radius. The other vertices are where a geodesic edge crosses ±180° (on the
geodesic between two covered vertices, inside the same geodesically convex disc) and a pole
inside the region (inside the convex hull of the vertices). What is left is rounding: 6
decimals of a degree (≤ 0.08 m) and the radius's 0.1 m, hence :data:`TOL_M`. The point is
mapped exactly and lies inside the local region, but region edges are straight lines in
lon/lat between vertices 500 m apart (1/40 of the size of bigger shapes; less near a
pole), so a point very close to an
edge may land a little outside; :data:`INSIDE_TOL_M` allows for that, and is checked only
when the point is not strictly inside. One more allowance, for the module's own polygons: an
offset's point lies on the middle arc of its annular sector, and the arcs are polygons
inscribed in them (chords of at most 3.3°), so in a sector thinner than the chords' sagitta
(d · 4·10⁻⁴: 0.5 km at 1,200 km) the point can lie just outside (:data:`ARC_SAGITTA`).
"""

from __future__ import annotations

import itertools
import json
import math
import os

import pytest
import shapely
from geographiclib.geodesic import Geodesic
from geographiclib.polygonarea import PolygonArea
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon, shape

from geoevents.export import dumps, feature_dict
from geoevents.extract import Extraction
from geoevents.geometry import KIND_EXTENT_M, build_features, extent_m
from geoevents.model import Expression, Feature, Mention, Place

G = Geodesic.WGS84
TOL_M = 0.5
INSIDE_TOL_M = 1.0
AREA_TOL_M2 = 100.0
ARC_SAGITTA = 1 - math.cos(math.radians(1.65))
#: 40 examples a test keep the file under ~15 s; ``GEOEVENTS_PROPERTY_EXAMPLES=2000`` explores
#: further (and at random rather than from a fixed seed).
_EXAMPLES = os.environ.get("GEOEVENTS_PROPERTY_EXAMPLES")
SETTINGS = settings(deadline=None, max_examples=int(_EXAMPLES or 40), derandomize=not _EXAMPLES,
                    suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- building inputs


def _place(lat: float, lon: float, spec: tuple, pid: str = "t:1", name: str = "Anchor") -> Place:
    kind, population, extent = spec
    return Place(id=pid, name=name, lat=lat, lon=lon, kind=kind, population=population,
                 extent_m=extent, source="test", coord_method="test")


def _mention(place: Place | None, start: int, name: str, *, role: str = "toponym",
             feature: str | None = None) -> Mention:
    return Mention(text=name, start=start, end=start + len(name), role=role, name=name,
                   feature=feature, place=place, confidence=0.9)


def _features(mentions: list[Mention], exprs: list[Expression]) -> list[Feature]:
    text = "x" * 200
    ex = Extraction(mentions=mentions, expressions=exprs, sentences=[(0, len(text))],
                    furniture=[], cue_countries={})
    return build_features(text, ex, None)


def _expr(relation: str, anchors: list[Mention], start: int = 50, **kw) -> Expression:
    return Expression(relation=relation, text=f"{relation} {start}", start=start,
                      end=start + 10, anchors=anchors, **kw)


def _one(lat: float, lon: float, spec: tuple, relation: str, **kw) -> list[Feature]:
    m = _mention(_place(lat, lon, spec), 0, "Anchor")
    return _features([m], [_expr(relation, [m], **kw)])


# --------------------------------------------------------------------------- strategies

#: Latitudes anywhere, with the polar caps and the antimeridian well represented.
lats = st.one_of(st.floats(-89.9, 89.9), st.floats(84.0, 89.9), st.floats(-89.9, -84.0),
                 st.sampled_from([0.0, 89.9, -89.9, 78.22, -16.8]))
lons = st.one_of(st.floats(-180.0, 180.0), st.floats(178.0, 180.0), st.floats(-180.0, -178.0),
                 st.sampled_from([180.0, -180.0, 179.9, -179.9, 0.0]))
#: (kind, population, extent_m) of an anchor: a settlement sized by population, a feature
#: kind with a default extent, or a place with a known extent.
anchors = st.one_of(
    st.tuples(st.sampled_from(["city", "town", "village"]), st.integers(0, 5_000_000),
              st.none()),
    st.tuples(st.sampled_from(sorted(KIND_EXTENT_M)), st.just(0), st.none()),
    st.tuples(st.sampled_from(["town", "hill", "area"]), st.just(0),
              st.floats(50.0, 60_000.0)),
)
#: Distances in metres (no subnormal floats: 1e-308 m is no distance a text gives, and GEOS
#: cannot intersect shapes offset by it).
distances = st.one_of(st.floats(0.0, 50_000.0, allow_subnormal=False),
                      st.floats(50_000.0, 1_200_000.0),
                      st.sampled_from([0.0, 1_000.0, 10_000.0, 100_000.0]))
precisions = st.one_of(st.sampled_from([0.0, 50.0, 250.0, 500.0, 5_000.0]),
                       st.floats(0.0, 50_000.0, allow_subnormal=False))
bearings = st.one_of(st.floats(0.0, 360.0, exclude_max=True),
                     st.sampled_from([0.0, 90.0, 180.0, 270.0, 45.0]))
alphas = st.one_of(st.sampled_from([1.0, 11.25, 22.5, 45.0]), st.floats(0.5, 90.0))
hedges = st.sampled_from([None, "edge", "outskirts", "suburbs", "fringes", "approaches"])


@st.composite
def single(draw) -> tuple[str, dict]:
    """One relation to one anchor, with the parameters the extractor would give it."""
    relation = draw(st.sampled_from(["within", "offset", "distance", "direction", "inside",
                                     "edge", "outskirts", "surrounding", "near",
                                     "centre"]))
    kw: dict = {}
    if relation in ("within", "offset", "distance"):
        kw["distance_m"] = draw(distances)
    if relation in ("offset", "distance"):
        kw["distance_precision_m"] = draw(precisions)
    if relation == "within":
        kw["anchor_part"] = draw(st.sampled_from([None, "centre"]))
    if relation in ("offset", "direction", "inside") or (
            relation in ("edge", "outskirts") and draw(st.booleans())):
        kw["bearing_deg"] = draw(bearings)
        kw["bearing_precision_deg"] = draw(alphas)
    if relation in ("edge", "outskirts"):
        kw["hedge"] = draw(hedges)
    return relation, kw


# --------------------------------------------------------------------------- the properties


def _polygons(g) -> list[Polygon]:
    return list(g.geoms) if g.geom_type == "MultiPolygon" else [g]


def _geodesic_area(g) -> float:
    """Area in m² of a lon/lat (Multi)Polygon whose edges are taken as geodesics."""
    total = 0.0
    for poly in _polygons(g):
        for i, ring in enumerate([poly.exterior, *poly.interiors]):
            pa = PolygonArea(G)
            for lon, lat in list(ring.coords)[:-1]:
                pa.AddPoint(lat, lon)
            _, _, area = pa.Compute(False, True)
            total += abs(area) if i == 0 else -abs(area)
    return total


def _dist(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return G.Inverse(lat1, lon1, lat2, lon2)["s12"]


def _in_own_plane(g, lat: float, lon: float):
    """A lon/lat region in the azimuthal equidistant plane of (lat, lon), where distances from
    that point are exact: the parts cut at ±180° join up again, a pole cap closes round the
    pole."""
    def local(ring) -> list[tuple[float, float]]:
        xy = []
        for x, y in ring.coords:
            r = G.Inverse(lat, lon, y, x)
            a = math.radians(r["azi1"])
            xy.append((r["s12"] * math.sin(a), r["s12"] * math.cos(a)))
        return xy

    parts = [shapely.make_valid(Polygon(local(p.exterior), [local(r) for r in p.interiors]))
             for p in _polygons(g)]
    # 1 cm closes the zero-width slit where a shape round a pole was cut at ±180°
    return shapely.union_all(parts).buffer(0.01)


def check_feature(f: Feature) -> None:
    """Every property of one feature's GeoJSON (see the module docstring)."""
    d = feature_dict(f)
    props, gj = d["properties"], d["geometry"]
    lat, lon, radius = props["lat"], props["lon"], props["uncertainty_m"]
    assert -90 <= lat <= 90 and -180 <= lon <= 180
    if gj["type"] == "Point":
        assert list(gj["coordinates"]) == [lon, lat]
        return
    assert gj["type"] in ("Polygon", "MultiPolygon"), gj["type"]
    g = shape(gj)
    assert not g.is_empty and g.is_valid, (shapely.is_valid_reason(g), props)
    coords = shapely.get_coordinates(g)
    assert (abs(coords[:, 0]) <= 180).all() and (abs(coords[:, 1]) <= 90).all()
    for poly in _polygons(g):
        assert poly.exterior.is_ccw, props  # RFC 7946 §3.1.6
        assert all(not ring.is_ccw for ring in poly.interiors), props
        for ring in [poly.exterior, *poly.interiors]:
            xy = list(ring.coords)
            for (x1, y1), (x2, y2) in itertools.pairwise(xy):
                # no edge across the antimeridian; only the top of a pole cap spans the map
                assert abs(x2 - x1) <= 90 or abs(y1) == abs(y2) == 90, ((x1, y1), (x2, y2))
    # the point lies in the region, or in a hole of it: the point of a ring-shaped region (a
    # band, or a region built on one) is the centre of the ring, by the point-radius method
    if not g.covers(Point(lon, lat)):
        own = _in_own_plane(g, lat, lon)
        centre = Point(0, 0)
        # an offset's point is on the middle arc of its annular sector, whose arcs are drawn
        # with chords of at most 3.3°: they cut up to d·(1 − cos 1.65°) inside the arc
        tol = INSIDE_TOL_M + (ARC_SAGITTA * props["distance_m"] if f.kind == "offset" else 0)
        if own.distance(centre) > tol:  # then the region surrounds the point
            far = radius + 1000.0
            for bearing in range(0, 360, 5):
                a = math.radians(bearing)
                ray = shapely.LineString([(0, 0), (far * math.sin(a), far * math.cos(a))])
                assert ray.intersects(own), (bearing, props)
    # the radius covers the region
    far = max(_dist(lat, lon, y, x) for x, y in coords)
    assert far <= radius + TOL_M, (far, radius, props)
    # and the region is no bigger than the disc of that radius (for a geodesic disc on the
    # ellipsoid, area ≤ π r², Bishop–Gromov)
    # (+ AREA_TOL_M2: geographiclib sums terms the size of the Earth's area, so its absolute
    # error is a few m², which matters only for a disc of a metre or two)
    assert _geodesic_area(g) <= math.pi * (radius + TOL_M) ** 2 * (1 + 1e-9) + AREA_TOL_M2, \
        props


def check_all(make) -> list[Feature]:
    feats = make()
    assert feats
    for f in feats:
        check_feature(f)
    assert dumps(make()) == dumps(feats)  # deterministic
    return feats


@SETTINGS
@given(lat=lats, lon=lons, spec=anchors, rel=single())
def test_one_relation_anywhere(lat, lon, spec, rel):
    relation, kw = rel
    feats = check_all(lambda: _one(lat, lon, spec, relation, **kw))
    f = next(f for f in feats if f.start == 50)
    if relation == "within" and kw.get("anchor_part") != "centre":
        ext = extent_m(_place(lat, lon, spec))[0]
        # the disc's radius is the anchor's extent plus the distance (an upper bound)
        assert f.uncertainty_m == pytest.approx(ext + kw["distance_m"], rel=1e-3, abs=1.0)


@SETTINGS
@given(lat=lats, lon=lons, spec=anchors, first=single(), second=single())
def test_relation_to_a_derived_place(lat, lon, spec, first, second):
    """"Al-Tar hilltop, 12 km west of X … near Al-Tar": the second anchor is the region of
    the first expression, not a disc (the non-disc branches of every relation)."""
    (rel1, kw1), (rel2, kw2) = first, second

    def make():
        anchor = _mention(_place(lat, lon, spec), 0, "Anchor")
        hill = _mention(None, 20, "Hilltop", role="named", feature="hill")
        e1 = _expr(rel1, [anchor], 30, subject=hill, **kw1)
        e2 = _expr(rel2, [hill], 60, **kw2)
        return _features([anchor, hill], [e1, e2])

    check_all(make)


@SETTINGS
@given(lat=lats, lon=lons, dist=st.floats(1_000.0, 1_500_000.0), bearing=bearings)
def test_between_two_places(lat, lon, dist, bearing):
    r = G.Direct(lat, lon, bearing, dist)
    other = (r["lat2"], ((r["lon2"] + 180) % 360) - 180)

    def make():
        a = _mention(_place(lat, lon, ("town", 10_000, None)), 0, "A")
        b = _mention(_place(*other, ("town", 10_000, None), pid="t:2", name="B"), 10, "B")
        return _features([a, b], [_expr("between", [a, b])])

    f = next(f for f in check_all(make) if f.kind == "between")
    assert f.uncertainty_m == pytest.approx(dist / 2, rel=1e-6)


@SETTINGS
@given(lat=lats, lon=lons, extent=st.floats(1_000.0, 1_000_000.0))
def test_area_place_without_outline(lat, lon, extent):
    """A region the gazetteer has no outline for: a disc of its extent."""
    check_all(lambda: _features(
        [_mention(_place(lat, lon, ("admin1", 0, extent)), 0, "Region")], []))


# --------------------------------------------------------------------------- examples

FIJI = (-17.8, 179.9)  # a disc around Fiji crosses the antimeridian
TAVEUNI = (-16.85, -179.95)  # Taveuni lies across it (its east coast at -179.9)
LONGYEARBYEN = (78.2232, 15.6267)


def _circle_area(lat: float, lon: float, r: float) -> float:
    """Area of the geodesic circle of radius ``r`` about (lat, lon), from 3,600 points on it."""
    pa = PolygonArea(G)
    for i in range(3600):
        d = G.Direct(lat, lon, i / 10, r)
        pa.AddPoint(d["lat2"], d["lon2"])
    return abs(pa.Compute(False, True)[2])


def _geometry(f: Feature):
    return shape(feature_dict(f)["geometry"])


def test_disc_around_fiji_is_split_at_the_antimeridian():
    f = check_all(lambda: _one(*FIJI, ("town", 0, 5_000.0), "within", distance_m=30_000.0))[0]
    g = _geometry(f)
    assert g.geom_type == "MultiPolygon" and len(g.geoms) == 2
    east, west = sorted(g.geoms, key=lambda p: -p.bounds[0])
    assert east.bounds[2] == 180.0 and west.bounds[0] == -180.0
    assert 179.5 < east.bounds[0] and west.bounds[2] < -179.5
    # the two halves meet along the antimeridian at the same latitudes
    cut_e = sorted(y for x, y in east.exterior.coords if x == 180.0)
    cut_w = sorted(y for x, y in west.exterior.coords if x == -180.0)
    assert cut_e[0] == cut_w[0] and cut_e[-1] == cut_w[-1]
    # together they are the 35 km disc (a 64-gon: 0.16 % less area than the circle)
    assert _geodesic_area(g) == pytest.approx(_circle_area(*FIJI, 35_000.0), rel=3e-3)
    assert f.uncertainty_m == pytest.approx(35_000.0, rel=1e-3)


def test_sector_across_the_antimeridian_from_taveuni():
    # "10 km west of Taveuni": from -179.95 westwards, into the eastern hemisphere
    feats = check_all(lambda: _one(*TAVEUNI, ("town", 0, 3_000.0), "offset",
                                   distance_m=10_000.0, distance_precision_m=500.0,
                                   bearing_deg=270.0, bearing_precision_deg=45.0))
    f = feats[0]
    g = _geometry(f)
    assert f.kind == "offset" and g.geom_type == "MultiPolygon"
    assert 179.0 < f.lon < 180.0 and g.covers(Point(f.lon, f.lat))
    assert g.bounds[0] == -180.0 and g.bounds[2] == 180.0
    # heading only ("west of Taveuni") makes a sector from its edge out to 10 km beyond it
    f = check_all(lambda: _one(*TAVEUNI, ("town", 0, 3_000.0), "direction", bearing_deg=270.0,
                               bearing_precision_deg=45.0))[0]
    assert f.kind == "sector" and _geometry(f).geom_type == "MultiPolygon"


def test_disc_containing_the_north_pole():
    f = check_all(lambda: _one(89.9, 45.0, ("town", 0, 2_000.0), "within",
                               distance_m=20_000.0))[0]
    g = _geometry(f)
    assert g.geom_type == "Polygon" and g.is_valid
    assert g.covers(Point(0.0, 90.0)) and g.covers(Point(-180.0, 90.0))
    assert g.bounds == pytest.approx((-180.0, g.bounds[1], 180.0, 90.0))
    # the pole is 11.1 km from the anchor, the disc 22 km: it reaches 89.9 - 0.1 = 89.8 at
    # least everywhere, and down to ~89.70 on the anchor's side
    assert 89.69 < g.bounds[1] < 89.71
    assert _geodesic_area(g) == pytest.approx(_circle_area(89.9, 45.0, 22_000.0), rel=3e-3)


def test_disc_containing_the_south_pole_from_the_pole():
    f = check_all(lambda: _one(-90.0, 0.0, ("town", 0, 1_000.0), "within",
                               distance_m=100_000.0))[0]
    g = _geometry(f)
    assert g.covers(Point(123.0, -90.0)) and g.bounds[1] == -90.0
    assert g.bounds[3] == pytest.approx(-90 + 101_000 / 111_694, abs=0.01)


def test_band_around_longyearbyen():
    # the outskirts of Longyearbyen: a ring, far from the pole, an ordinary polygon
    f = check_all(lambda: _one(*LONGYEARBYEN, ("town", 2_400, None), "edge",
                               hedge="outskirts"))[0]
    g = _geometry(f)
    assert g.geom_type == "Polygon" and len(g.interiors) == 1
    # "1,500 km from Longyearbyen": a ring round the North Pole (1,310 km away), the pole in
    # its hole: one polygon from -180 to 180 between two lines that wind round the pole
    f = check_all(lambda: _one(*LONGYEARBYEN, ("town", 2_400, None), "distance",
                               distance_m=1_500_000.0, distance_precision_m=50_000.0))[0]
    g = _geometry(f)
    assert f.kind == "band" and g.geom_type == "Polygon" and len(g.interiors) == 0
    assert g.bounds[0] == -180.0 and g.bounds[2] == 180.0
    assert not g.covers(Point(0.0, 90.0))
    assert not g.covers(Point(LONGYEARBYEN[1], LONGYEARBYEN[0]))
    ring = (_circle_area(*LONGYEARBYEN, 1_550_500.0)
            - _circle_area(*LONGYEARBYEN, 1_449_500.0))  # d ± (500 m extent + 50 km)
    assert _geodesic_area(g) == pytest.approx(ring, rel=3e-3)


def test_sector_over_the_pole():
    # "north of" a town 10 km from the pole: the cone crosses the pole and comes down the
    # other side of the globe
    f = check_all(lambda: _one(89.91, -170.0, ("town", 5_000, None), "direction",
                               bearing_deg=0.0, bearing_precision_deg=45.0))[0]
    g = _geometry(f)
    assert g.covers(Point(f.lon, f.lat)) and g.covers(Point(10.0, 90.0))


def test_pole_on_the_outline_is_cleared():
    # the disc's edge passes within a few centimetres of the pole
    lat = 90 - 5_000.0 / 111_694.0
    d = G.Inverse(lat, 30.0, 90.0, 30.0)["s12"]
    for r in (d - 0.03, d, d + 0.03):
        f = check_all(lambda r=r: _one(lat, 30.0, ("hill", 0, r), "near"))[0]
        assert _geometry(f).is_valid


def test_a_disc_over_both_poles():
    # "within 12,000 km": larger than the distance to either pole; the world minus a cap
    # round the antipode
    f = _one(10.0, 20.0, ("town", 0, 1_000.0), "within", distance_m=12_000_000.0)[0]
    g = _geometry(f)
    assert g.is_valid and g.covers(Point(0, 90)) and g.covers(Point(0, -90))
    assert g.covers(Point(20.0, 10.0)) and not g.covers(Point(-160.0, -10.0))


def test_near_the_antimeridian_but_not_across_it_is_one_polygon():
    # a 20 km disc at 179.5° E ends 0.3° short of the antimeridian: no cut, no vertex at 180
    f = check_all(lambda: _one(-17.0, 179.5, ("town", 0, 1_000.0), "within",
                               distance_m=19_000.0))[0]
    gj = json.loads(json.dumps(feature_dict(f)["geometry"]))
    assert gj["type"] == "Polygon" and len(gj["coordinates"]) == 1
    assert 179.6 < max(x for x, _ in gj["coordinates"][0]) < 179.9


def test_zero_sized_region_is_the_point():
    f = check_all(lambda: _one(10.0, 10.0, ("town", 0, 1_000.0), "within", distance_m=0.0,
                               anchor_part="centre"))[0]
    assert feature_dict(f)["geometry"] == {"type": "Point", "coordinates": (10.0, 10.0)}
