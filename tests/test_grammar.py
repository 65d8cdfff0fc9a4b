"""The grammar of spatial expressions: ranges, 16-point headings, two offsets, roads,
countryside, downtown, across the river.

Extraction tests check relation, distance, bearing and precisions; geometry tests compute the
expected point with geopy's geodesic destination and the radius with the point-radius
formulas of ``../shared/reference/point-radius.md``, independently of the implementation.
"""

from __future__ import annotations

import math

import pytest
from geopy.distance import geodesic

from geoevents import extract as extract_mod
from geoevents._lexicon import COMPASS
from geoevents.extract import extract, measure
from geoevents.geometry import build_features, extent_m
from geoevents.resolve import resolve

KM = 1000.0


def _exprs(text, gaz):
    ex = extract(text, gaz)
    resolve(ex)
    return ex, ex.expressions


def _features(text, gaz):
    ex = extract(text, gaz)
    resolve(ex)
    return ex, build_features(text, ex, gaz)


def _place(ex, name):
    return next(m.place for m in ex.mentions if m.place is not None and m.text.startswith(name))


def _offset_radius(d, dprime, alpha_deg):
    a = math.radians(alpha_deg)
    return math.sqrt((d + dprime - d * math.cos(a)) ** 2 + (d * math.sin(a)) ** 2)


# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("word", "bearing"),
    [("north-northeast", 22.5), ("northnortheast", 22.5), ("north-north-east", 22.5),
     ("north north-east", 22.5), ("nne", 22.5), ("east-northeast", 67.5),
     ("east-southeast", 112.5), ("south-southeast", 157.5), ("south-southwest", 202.5),
     ("west-southwest", 247.5), ("west-northwest", 292.5), ("north-northwest", 337.5),
     ("northnorthwest", 337.5), ("wsw", 247.5)],
)
def test_sixteen_point_spellings(word, bearing):
    assert COMPASS[word] == (bearing, 11.25)


@pytest.mark.parametrize("heading", ["north-northeast", "northnortheast", "NNE",
                                     "north-north-east"])
def test_sixteen_point_heading_is_one_offset(gaz, heading):
    _, exprs = _exprs(f"Rebels were at least 20 kilometres {heading} of Homs.", gaz)
    assert len(exprs) == 1
    e = exprs[0]
    assert e.relation == "offset" and e.text.rstrip(".").endswith("Homs")
    assert e.bearing_deg == 22.5 and e.bearing_precision_deg == 11.25
    assert e.distance_m == 20 * KM and e.distance_precision_m == 5 * KM  # "20": tens
    assert e.hedge == "at least"


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("written", "lo", "hi", "prec"),
    [("10-15 km", 10, 15, 0.5), ("10–15 km", 10, 15, 0.5), ("10 to 15 km", 10, 15, 0.5),
     ("between 10 and 15 km", 10, 15, 0.5), ("ten to fifteen kilometres", 10, 15, 0.5),
     ("2.5-3 km", 2.5, 3, 0.5), ("20-30 km", 20, 30, 5)],
)
def test_range_extraction(gaz, written, lo, hi, prec):
    _, exprs = _exprs(f"Fighting was reported {written} north of Homs.", gaz)
    assert len(exprs) == 1
    e = exprs[0]
    assert e.relation == "offset" and e.bearing_deg == 0.0
    assert e.distance_m == pytest.approx((lo + hi) / 2 * KM)
    # half the range plus the (larger) precision of the numbers as written
    assert e.distance_precision_m == pytest.approx(((hi - lo) / 2 + prec) * KM)
    assert e.range_m == pytest.approx((lo * KM, hi * KM))


def test_single_number_unchanged():
    assert measure({"num": "15", "unit": "km"}) == (15 * KM, 0.5 * KM)
    assert measure({"lo": "15", "num": "10", "unit": "km"}) == (12.5 * KM, 3.0 * KM)


def test_range_in_within_and_distance(gaz):
    _, exprs = _exprs("Shells fell 5 to 7 km from Homs.", gaz)
    e = exprs[0]
    assert e.relation == "distance" and e.distance_m == 6 * KM
    assert e.distance_precision_m == pytest.approx(1.5 * KM)


def test_range_geometry(gaz):
    ex, feats = _features("Fighting was reported 10-15 km north of Homs.", gaz)
    f = next(f for f in feats if f.kind == "offset")
    homs = _place(ex, "Homs")
    expected = geodesic(kilometers=12.5).destination((homs.lat, homs.lon), 0.0)
    assert geodesic((f.lat, f.lon), (expected.latitude, expected.longitude)).m < 1.0
    dprime = extent_m(homs)[0] + 2.5 * KM + 0.5 * KM
    assert f.uncertainty_m == pytest.approx(_offset_radius(12.5 * KM, dprime, 45.0), rel=1e-6)


def test_sixteen_point_geometry(gaz):
    ex, feats = _features("Rebels were at least 20 kilometres north-northeast of Homs.", gaz)
    (f,) = [f for f in feats if f.kind == "offset"]
    homs = _place(ex, "Homs")
    expected = geodesic(kilometers=20).destination((homs.lat, homs.lon), 22.5)
    assert geodesic((f.lat, f.lon), (expected.latitude, expected.longitude)).m < 1.0
    dprime = extent_m(homs)[0] + 5 * KM
    assert f.uncertainty_m == pytest.approx(_offset_radius(20 * KM, dprime, 11.25), rel=1e-6)


# --------------------------------------------------------------------------- two offsets


@pytest.mark.parametrize(
    ("phrase", "north_km", "east_km", "p1", "p2"),
    [("3 km north and 2 km east of Manbij", 3, 2, 0.5, 0.5),
     ("4 km south and 1.5 km west of Manbij", -4, -1.5, 0.5, 0.25),
     ("2 miles N and 3 miles W of Manbij", 2 * 1.609344, -3 * 1.609344, 0.5 * 1.609344,
      0.5 * 1.609344)],
)
def test_two_offsets(gaz, phrase, north_km, east_km, p1, p2):
    ex, exprs = _exprs(f"Forces advanced to a point {phrase}.", gaz)
    assert len(exprs) == 1
    e = exprs[0]
    assert e.relation == "offset" and len(e.components) == 2
    d = math.hypot(north_km, east_km) * KM
    bearing = math.degrees(math.atan2(east_km, north_km)) % 360
    prec = math.hypot(p1, p2) * KM
    alpha = math.degrees(math.atan(prec / d))
    assert e.distance_m == pytest.approx(d)
    assert e.bearing_deg == pytest.approx(bearing)
    assert e.distance_precision_m == pytest.approx(prec)
    assert e.bearing_precision_deg == pytest.approx(alpha)
    # geometry: one feature, the vector sum applied from the anchor
    _, feats = _features(f"Forces advanced to a point {phrase}.", gaz)
    (f,) = [f for f in feats if f.kind == "offset"]
    manbij = _place(ex, "Manbij")
    expected = geodesic(kilometers=d / KM).destination((manbij.lat, manbij.lon), bearing)
    assert geodesic((f.lat, f.lon), (expected.latitude, expected.longitude)).m < 1.0
    dprime = extent_m(manbij)[0] + prec
    assert f.uncertainty_m == pytest.approx(_offset_radius(d, dprime, alpha), rel=1e-6)
    assert not [f for f in feats if f.relation == "place"]


# --------------------------------------------------------------------------- countryside etc.


@pytest.mark.parametrize(
    ("sentence", "relation", "hedge", "anchor"),
    [("Militias hold the countryside of Idlib.", "surrounding", "countryside", "Idlib"),
     ("Militias hold the western countryside of Idlib.", "surrounding", "countryside", "Idlib"),
     ("Militias hold the rural areas of Idlib.", "surrounding", "rural areas", "Idlib"),
     ("Fighting in downtown Aleppo continued.", "centre", "downtown", "Aleppo"),
     ("Snipers fired from across the river from Raqqa.", "edge", "across river", "Raqqa"),
     ("Snipers fired from the other bank of the river from Raqqa.", "edge", "across river",
      "Raqqa")],
)
def test_area_relations_extraction(gaz, sentence, relation, hedge, anchor):
    _, exprs = _exprs(sentence, gaz)
    assert len(exprs) == 1
    e = exprs[0]
    assert (e.relation, e.hedge) == (relation, hedge)
    assert e.anchors[0].text.rstrip(".") == anchor


@pytest.mark.parametrize(
    ("sentence", "anchor", "label", "radius"),
    # surrounding: from the edge out to max(2 km, extent) beyond it
    [("Militias hold the countryside of Idlib.", "Idlib", "surrounding",
      lambda ext: ext + max(2 * KM, ext)),
     # centre: a disc of max(250 m, extent / 4)
     ("Fighting in downtown Aleppo continued.", "Aleppo", "centre",
      lambda ext: max(250.0, ext / 4)),
     # across the river: a band 0.8–1.2 × extent
     ("Snipers fired from across the river from Raqqa.", "Raqqa", "across river",
      lambda ext: 1.2 * ext)],
)
def test_area_relations_geometry(gaz, sentence, anchor, label, radius):
    ex, feats = _features(sentence, gaz)
    (f,) = feats
    p = _place(ex, anchor)
    assert f.relation == label
    assert geodesic((f.lat, f.lon), (p.lat, p.lon)).m < 1.0
    assert f.uncertainty_m == pytest.approx(radius(extent_m(p)[0]), rel=1e-3)


# --------------------------------------------------------------------------- roads


@pytest.mark.parametrize(
    ("sentence", "relation", "anchors", "distance"),
    [("A convoy was ambushed on the road to Tartus.", "road", ["Tartus"], None),
     ("A convoy was ambushed on the main highway towards Tartus.", "road", ["Tartus"], None),
     ("A convoy was ambushed on the Tartus road.", "road", ["Tartus"], None),
     ("Shelling hit the Homs–Palmyra highway.", "corridor", ["Homs", "Palmyra"], None),
     ("Shelling hit the Homs — Palmyra road.", "corridor", ["Homs", "Palmyra"], None),
     ("Shelling hit the road from Homs to Palmyra.", "corridor", ["Homs", "Palmyra"], None),
     ("Shelling hit the highway between Homs and Palmyra.", "corridor", ["Homs", "Palmyra"],
      None),
     ("A checkpoint 3 km along the road from Latakia to Jableh was seized.", "along",
      ["Latakia", "Jableh"], 3 * KM)],
)
def test_road_extraction(gaz, monkeypatch, sentence, relation, anchors, distance):
    monkeypatch.setattr(extract_mod, "PATH_RELATIONS", True)
    _, exprs = _exprs(sentence, gaz)
    assert len(exprs) == 1
    e = exprs[0]
    assert e.relation == relation
    assert [a.text for a in e.anchors] == anchors
    assert e.distance_m == distance
    if distance:
        assert e.distance_precision_m == 0.5 * KM


def test_road_origin_is_the_place_named_before(gaz, monkeypatch):
    monkeypatch.setattr(extract_mod, "PATH_RELATIONS", True)
    _, exprs = _exprs("Units retook Bartella, some 20 km east of Mosul, on the road to Erbil.",
                      gaz)
    road = next(e for e in exprs if e.relation == "road")
    assert [a.text.rstrip(".") for a in road.anchors] == ["Erbil", "Mosul"]
    assert road.subject is None


def test_roads_until_geometry_draws_them(gaz, monkeypatch):
    """Until the geometry draws roads: "on the road to Z" is near Z (its extent + 10 km),
    "the X–Y highway" is between X and Y (the midpoint, half the distance)."""
    monkeypatch.setattr(extract_mod, "PATH_RELATIONS", False)
    ex, feats = _features("A convoy was ambushed on the road to Tartus.", gaz)
    (f,) = feats
    t = _place(ex, "Tartus")
    assert f.relation == "near"
    assert f.uncertainty_m == pytest.approx(extent_m(t)[0] + 10 * KM, rel=1e-3)
    ex, feats = _features("Shelling hit the Homs–Palmyra highway.", gaz)
    (f,) = feats
    a, b = _place(ex, "Homs"), _place(ex, "Palmyra")
    g = geodesic((a.lat, a.lon), (b.lat, b.lon))
    mid = geodesic(meters=g.m / 2).destination((a.lat, a.lon),
                                               _azimuth(a.lat, a.lon, b.lat, b.lon))
    assert geodesic((f.lat, f.lon), (mid.latitude, mid.longitude)).m < 50.0
    assert f.uncertainty_m == pytest.approx(g.m / 2, rel=1e-6)


def _azimuth(lat1, lon1, lat2, lon2):
    from geographiclib.geodesic import Geodesic

    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["azi1"]


_ROADS = pytest.mark.skipif(not extract_mod.PATH_RELATIONS,
                            reason="the geometry does not draw roads yet")


@_ROADS
def _assert_corridor(f, a, b):
    """The corridor from a to b: its point the geodesic midpoint, its radius half the length
    plus the buffer max(both extents, CORRIDOR_FRACTION × length)."""
    from geoevents.geometry import CORRIDOR_FRACTION

    length = geodesic((a.lat, a.lon), (b.lat, b.lon)).m
    mid = geodesic(meters=length / 2).destination((a.lat, a.lon),
                                                  _azimuth(a.lat, a.lon, b.lat, b.lon))
    assert geodesic((f.lat, f.lon), (mid.latitude, mid.longitude)).m < 1.0
    w = max(extent_m(a)[0], extent_m(b)[0], CORRIDOR_FRACTION * length)
    assert f.uncertainty_m == pytest.approx(length / 2 + w, rel=1e-3)


def test_corridor_geometry(gaz):
    ex, feats = _features("Shelling hit the Homs–Palmyra highway.", gaz)
    (f,) = feats
    a, b = _place(ex, "Homs"), _place(ex, "Palmyra")
    assert f.relation == "corridor" and f.kind == "buffer"
    _assert_corridor(f, a, b)
    from shapely.geometry import Point

    assert f.geometry.is_valid and f.geometry.contains(Point(b.lon, b.lat))


@_ROADS
def test_along_geometry(gaz):
    from geoevents.geometry import ALONG_SINUOSITY

    text = "A checkpoint 3 km along the road from Latakia to Jableh was seized."
    ex, feats = _features(text, gaz)
    (f,) = [f for f in feats if f.relation == "along"]
    a, b = _place(ex, "Latakia"), _place(ex, "Jableh")
    expected = geodesic(kilometers=3).destination((a.lat, a.lon),
                                                  _azimuth(a.lat, a.lon, b.lat, b.lon))
    assert geodesic((f.lat, f.lon), (expected.latitude, expected.longitude)).m < 1.0
    r = extent_m(a)[0] + 0.5 * KM + ALONG_SINUOSITY * 3 * KM
    assert f.uncertainty_m == pytest.approx(r, rel=1e-9)
    assert len(feats) == 1  # Latakia and Jableh are the road's ends, not features


@_ROADS
def test_road_to_geometry(gaz):
    from geoevents.geometry import ROAD_BAND_M

    ex, feats = _features("A convoy was ambushed on the road to Tartus.", gaz)
    (f,) = feats
    t = _place(ex, "Tartus")
    assert f.relation == "road" and f.kind == "band"
    assert geodesic((f.lat, f.lon), (t.lat, t.lon)).m < 1.0
    assert f.uncertainty_m == pytest.approx(extent_m(t)[0] + ROAD_BAND_M, rel=1e-3)
    # with an origin named before it: the corridor from the origin
    ex, feats = _features("Units retook Bartella, some 20 km east of Mosul, on the road to "
                          "Erbil.", gaz)
    f = next(f for f in feats if f.relation == "road")
    m, e = _place(ex, "Mosul"), _place(ex, "Erbil")
    length = geodesic((m.lat, m.lon), (e.lat, e.lon)).m
    mid = geodesic(meters=length / 2).destination((m.lat, m.lon),
                                                  _azimuth(m.lat, m.lon, e.lat, e.lon))
    assert geodesic((f.lat, f.lon), (mid.latitude, mid.longitude)).m < 1.0


# --------------------------------------------------------------------------- extents, "its"


@pytest.mark.parametrize("sentence", [
    "A front line ran from Mosul to Kirkuk.",
    "The front extending from Mosul to Kirkuk held.",
    "Militias hold the area from Mosul to Kirkuk.",
])
def test_from_x_to_y_extent_is_a_corridor(gaz, sentence):
    ex, feats = _features(sentence, gaz)
    (f,) = [f for f in feats if f.relation == "corridor"]
    _assert_corridor(f, _place(ex, "Mosul"), _place(ex, "Kirkuk"))


def test_a_movement_from_x_to_y_is_not_an_extent(gaz):
    _, feats = _features("Troops moved from Mosul to Kirkuk.", gaz)
    assert [f.relation for f in feats] == ["place", "place"]


def test_its_southern_districts_is_a_sector_of_the_city_named_before(gaz):
    text = ("Government troops entered Raqqa on Monday. "
            "Fighting continued in its southern districts.")
    ex, feats = _features(text, gaz)
    (f,) = [f for f in feats if f.text == "its southern districts"]
    raqqa = _place(ex, "Raqqa")
    assert f.place_id == raqqa.id and f.relation == "inside 180°"
    # inside sector: the point halfway out along the heading, within the town's extent
    r = math.sqrt(raqqa.population / (4000 * math.pi)) * KM  # 4,000 people a km²
    want = geodesic(meters=r / 2).destination((raqqa.lat, raqqa.lon), 180)
    assert geodesic((f.lat, f.lon), (want.latitude, want.longitude)).m < 5.0
    assert f.uncertainty_m <= r


def test_there_points_back_to_the_place_just_located(gaz):
    text = ("Troops took the village of Bazwaya, 4 km north-west of Bartella. "
            "Shelling continued 2 km east of there.")
    ex, feats = _features(text, gaz)
    (f,) = [f for f in feats if f.text == "2 km east of there"]
    bartella = _place(ex, "Bartella")
    bazwaya = geodesic(meters=4 * KM).destination((bartella.lat, bartella.lon), 315)
    want = geodesic(meters=2 * KM).destination((bazwaya.latitude, bazwaya.longitude), 90)
    assert geodesic((f.lat, f.lon), (want.latitude, want.longitude)).m < 20.0
    assert any("located from the text" in line for line in f.explain)


def test_there_without_a_place_before_it_locates_nothing(gaz):
    _, feats = _features("There was shelling 2 km east of there.", gaz)
    assert feats == []


@pytest.mark.parametrize(("written", "metres"), [
    ("one and a half kilometres", 1500.0),
    ("two-and-a-half miles", 2.5 * 1609.344),
    ("a quarter of a mile", 0.25 * 1609.344),
    ("three quarters of a mile", 0.75 * 1609.344),
    ("half a kilometre", 500.0),
])
def test_fractions_of_units(gaz, written, metres):
    _, exprs = _exprs(f"Shelling hit {written} south of Aleppo.", gaz)
    (e,) = exprs
    assert (e.relation, e.bearing_deg) == ("offset", 180.0)
    assert e.distance_m == pytest.approx(metres)


@pytest.mark.parametrize("sentence", ["Shelling hit the Homs-Palmyra road.",
                                      "Shelling hit the Homs–Palmyra road."])
def test_hyphen_or_dash_road_is_a_corridor(gaz, sentence):
    _, feats = _features(sentence, gaz)
    (f,) = feats
    assert f.relation == "corridor" and f.text == sentence[13:-1]


def test_a_hyphenated_town_name_stays_one_name(gaz):
    ex, _ = _features("A Kafr-Nabl man was hurt.", gaz)
    assert [m.text for m in ex.mentions if m.role == "toponym"] == ["Kafr-Nabl"]
