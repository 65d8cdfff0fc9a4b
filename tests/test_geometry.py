"""Geometry by the point-radius method; expectations computed independently here."""

from __future__ import annotations

import math

import pytest
from geographiclib.geodesic import Geodesic
from geopy.distance import geodesic
from shapely.geometry import Point, shape

from geoevents.export import feature_dict
from geoevents.extract import extract
from geoevents.geometry import NEAR_SETTLEMENT_M, build_features, extent_m
from geoevents.model import Place
from geoevents.resolve import resolve

ALEPPO = "geonames:170063"


def _features(text, gaz):
    ex = extract(text, gaz)
    resolve(ex)
    return ex, build_features(text, ex, gaz)


def _aleppo(ex) -> Place:
    return next(m.place for m in ex.mentions if m.place is not None and m.place.id == ALEPPO)


def test_extent_from_population():
    p = Place(id="x:1", name="X", lat=0, lon=0, kind="town", population=40_000)
    # a disc of 40,000 people at 4,000 per km² has an area of 10 km²
    assert extent_m(p)[0] == pytest.approx(1000 * math.sqrt(10 / math.pi))
    tiny = Place(id="x:2", name="Y", lat=0, lon=0, kind="village", population=600)
    assert extent_m(tiny)[0] == 500
    known = Place(id="x:3", name="Z", lat=0, lon=0, kind="hill", extent_m=0.0)
    assert extent_m(known)[0] == 0.0


@pytest.mark.parametrize(
    ("phrase", "dist_m", "bearing", "alpha", "prec_m"),
    [("12 km south-west of Aleppo", 12_000, 225, 22.5, 500),
     ("20 miles north of Aleppo", 20 * 1609.344, 0, 45, 5 * 1609.344),  # "20": tens
     ("7.5 km ENE of Aleppo", 7_500, 67.5, 11.25, 250)],
)
def test_offset_point_and_radius(gaz, phrase, dist_m, bearing, alpha, prec_m):
    ex, feats = _features(f"Shelling was reported {phrase}.", gaz)
    f = next(f for f in feats if f.kind == "offset")
    a = _aleppo(ex)
    expected = geodesic(kilometers=dist_m / 1000).destination((a.lat, a.lon), bearing)
    assert geodesic((f.lat, f.lon), (expected.latitude, expected.longitude)).m < 1.0
    dprime = extent_m(a)[0] + prec_m
    al = math.radians(alpha)
    e = math.sqrt((dist_m + dprime - dist_m * math.cos(al)) ** 2 + (dist_m * math.sin(al)) ** 2)
    assert f.uncertainty_m == pytest.approx(e, rel=1e-6)
    assert f.bearing_deg == bearing and f.distance_m == pytest.approx(dist_m)
    assert f.geometry.is_valid and f.geometry.contains(Point(f.lon, f.lat))


def test_guide_example_ten_km_north_east():
    """Chapman & Wieczorek (2020): '10 km NE' with only the heading imprecision → 3.90 km."""
    d, a = 10_000.0, math.radians(22.5)
    e = math.sqrt((d - d * math.cos(a)) ** 2 + (d * math.sin(a)) ** 2)
    assert round(e / 1000, 2) == 3.90


def test_within_disc_and_near_buffer(gaz):
    ex, feats = _features("Troops came within 3 km of Aleppo. A car bomb exploded near Aleppo.",
                          gaz)
    a = _aleppo(ex)
    ext = extent_m(a)[0]
    disc = next(f for f in feats if f.kind == "disc")
    near = next(f for f in feats if f.kind == "buffer")
    assert disc.uncertainty_m == pytest.approx(ext + 3000, rel=0.01)
    assert near.uncertainty_m == pytest.approx(ext + NEAR_SETTLEMENT_M, rel=0.01)
    for f in (disc, near):
        # every vertex of the region lies at the stated radius from the centre
        for lon, lat in f.geometry.exterior.coords:
            r = Geodesic.WGS84.Inverse(a.lat, a.lon, lat, lon)["s12"]
            assert r == pytest.approx(f.uncertainty_m, rel=0.01)


def test_heading_only_sector_lies_on_its_heading(gaz):
    ex, feats = _features("Clashes erupted east of Aleppo.", gaz)
    a = _aleppo(ex)
    f = next(f for f in feats if f.kind == "sector")
    inv = Geodesic.WGS84.Inverse(a.lat, a.lon, f.lat, f.lon)
    assert inv["azi1"] == pytest.approx(90, abs=0.5)
    assert inv["s12"] > extent_m(a)[0]
    assert f.geometry.contains(Point(f.lon, f.lat))
    # the radius covers the region
    for lon, lat in f.geometry.exterior.coords:
        assert geodesic((f.lat, f.lon), (lat, lon)).m <= f.uncertainty_m * 1.01


def test_between_midpoint_and_half_distance(gaz):
    ex, feats = _features("Fighting raged between Aleppo and Idlib.", gaz)
    f = next(f for f in feats if f.kind == "between")
    a, b = (m.place for m in ex.expressions[0].anchors)
    line = Geodesic.WGS84.InverseLine(a.lat, a.lon, b.lat, b.lon)
    mid = line.Position(line.s13 / 2)
    assert geodesic((f.lat, f.lon), (mid["lat2"], mid["lon2"])).m < 1.0
    assert f.uncertainty_m == pytest.approx(line.s13 / 2, rel=1e-6)


def test_polygons_are_valid_and_right_handed(gaz):
    text = ("Shelling hit 12 km south-west of Aleppo, the southern outskirts of Aleppo, "
            "the fields surrounding Aleppo and the west of Aleppo.")
    _, feats = _features(text, gaz)
    assert len(feats) >= 3
    for f in feats:
        g = shape(feature_dict(f)["geometry"])
        assert g.is_valid
        for poly in getattr(g, "geoms", [g]):
            if poly.geom_type == "Polygon":
                assert poly.exterior.is_ccw
                assert all(not ring.is_ccw for ring in poly.interiors)


def test_unknown_named_place_is_not_snapped_to_a_far_homonym(gaz):
    # "Al-Tar" is (also) a place name elsewhere; the text puts this hilltop west of Palmyra
    _, feats = _features("Troops took the Al-Tar hilltop to the west of Palmyra.", gaz)
    f = next(f for f in feats if f.text.startswith("Al-Tar"))
    assert f.place_id == "geonames:163808" and f.derived_from == "geonames:163808"
    assert geodesic((f.lat, f.lon), (34.5624, 38.28402)).km < 15


def test_vanishes_agrees_with_snapping_to_the_output_grid():
    """The shortcut of the 10⁻⁶° emptiness test answers as the snapping itself does: discs and
    slivers about the grid's size, long thin shapes, holes, several parts, invalid shapes."""
    import random

    import shapely

    from geoevents.geometry import _vanishes

    rng = random.Random(18)
    shapes = [shapely.Polygon(), shapely.LineString([(0, 0), (1, 1)]), Point(3, 4),
              shapely.Polygon([(0, 0), (1e-3, 1e-3), (1e-3, 0), (0, 1e-3)])]  # a bowtie
    for _ in range(300):
        x, y = rng.uniform(-180, 180), rng.uniform(-80, 80)
        r = 10 ** rng.uniform(-8, -3)
        shapes.append(Point(x, y).buffer(r, quad_segs=rng.choice([1, 4, 16])))
        w, length = 10 ** rng.uniform(-8, -5), 10 ** rng.uniform(-6, -1)
        a = rng.uniform(0, math.pi)
        sliver = shapely.affinity.rotate(shapely.box(x, y, x + length, y + w), a,
                                         origin=(x, y), use_radians=True)
        shapes.append(sliver)
        outer = Point(x, y).buffer(3 * r, quad_segs=8)
        shapes.append(outer.difference(Point(x, y).buffer(r * rng.uniform(0.5, 2.9))))
        shapes.append(shapely.MultiPolygon([sliver, Point(x + 1, y).buffer(r / 10)]))
    kept = 0
    for g in shapes:
        try:
            expected = g.is_empty or shapely.set_precision(g, 1e-6).is_empty
        except shapely.errors.GEOSException:  # the bowtie: snapped as before, so it raises
            with pytest.raises(shapely.errors.GEOSException):
                _vanishes(g)
            continue
        assert _vanishes(g) == expected, g.wkt
        kept += not expected
    assert 0 < kept < len(shapes)  # both answers are tried


def test_discs_are_those_of_geos_buffer_and_snap_rounding():
    """The disc drawn from the unit circle, and its 1 cm snapping without GEOS's overlay,
    are exactly what ``buffer`` and ``set_precision`` give: the same coordinates to the bit,
    the same ring start, the same grid (which segmentizing keeps to). Guards a GEOS upgrade."""
    import random

    import shapely

    from geoevents.geometry import _disc_lonlat, _lonlat
    from geoevents.geometry._discs import disc, snapped_disc

    rng = random.Random(18)
    radii = [10.0, 10.5, 150.0, 750.0, 1500.0, 5000.0, 50_000.0, 1e7]
    radii += [10 ** rng.uniform(1, 7.3) for _ in range(2000)]
    for r in radii:
        buffered = Point(0, 0).buffer(r, quad_segs=16)
        assert disc(r).wkb == buffered.wkb, r
        snapped = shapely.set_precision(buffered, 0.01)
        fast = snapped_disc(r)
        assert fast.wkb == snapped.wkb, r
        assert shapely.get_precision(fast) == shapely.get_precision(snapped) == 0.01
    for r in (0.0, 0.004, 2.5, 1e-9):  # small and empty discs go through GEOS
        assert disc(r).wkb == Point(0, 0).buffer(r, quad_segs=16).wkb
    for lat, lon, r in ((51.5, -0.1, 26_705.3), (-33.9, 151.2, 5.0), (64.1, -21.9, 4e6),
                        (0.0, 179.99, 80_000.0), (89.9, 0.0, 30_000.0)):
        assert _disc_lonlat(lat, lon, r).wkb == _lonlat(
            lat, lon, Point(0, 0).buffer(r, quad_segs=16)).wkb
