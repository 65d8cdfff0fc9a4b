"""The mission's judged facts, on a retelling of the Palmyra report in the project's own words.

Expected positions are computed here independently (geographiclib geodesics), not copied from
the tool's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from geographiclib.geodesic import Geodesic
from shapely.geometry import Point

from geoevents.geometry import extent_m
from geoevents.pipeline import analyse
from geoevents.read import read_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TADMUR = "geonames:163808"
TADMUR_LATLON = (34.5624, 38.28402)  # GeoNames 163808


@pytest.fixture(scope="module")
def result(gaz):
    report = read_report(FIXTURES / "palmyra_facts.txt")
    ex, features = analyse(report, gaz)
    return report.text, ex, features


def _one(features, needle: str):
    found = [f for f in features if needle.lower() in f.text.lower()]
    assert found, f"no feature for {needle!r}: {[f.text for f in features]}"
    return found[0]


def _from_tadmur(lat: float, lon: float) -> tuple[float, float]:
    r = Geodesic.WGS84.Inverse(*TADMUR_LATLON, lat, lon)
    return r["s12"], r["azi1"] % 360


def test_palmyra_is_tadmur(result):
    _, ex, features = result
    palmyras = [m for m in ex.mentions if "Palmyra" in m.text and m.place is not None]
    assert palmyras
    assert {m.place.id for m in palmyras} == {TADMUR}
    assert all(f.place_id == TADMUR for f in features if "Palmyra" in f.text)


def test_within_two_kilometres_is_a_disc_about_palmyra(result):
    _, _, features = result
    f = _one(features, "within two kilometres")
    assert f.kind == "disc" and f.relation == "within" and f.place_id == TADMUR
    assert f.distance_m == pytest.approx(2000)
    d, _ = _from_tadmur(f.lat, f.lon)
    assert d < 1.0  # centred on the town
    # the disc reaches 2 km beyond the town's edge, no further
    ext = extent_m(_tadmur(result))[0]
    poly = f.geometry
    assert poly.contains(Point(TADMUR_LATLON[1], TADMUR_LATLON[0]))
    assert 2000 <= f.uncertainty_m <= ext + 2000 + 1


def _tadmur(result):
    _, ex, _ = result
    return next(m.place for m in ex.mentions if m.place is not None and m.place.id == TADMUR)


def test_less_than_a_mile_from_the_heart(result):
    _, _, features = result
    f = _one(features, "less than a mile from the heart")
    assert f.kind == "disc" and f.place_id == TADMUR
    assert f.uncertainty_m <= 1610
    d, _ = _from_tadmur(f.lat, f.lon)
    assert d < 1.0
    # every vertex of the disc lies within a mile (plus rounding) of the centre
    for lon, lat in f.geometry.exterior.coords:
        assert _from_tadmur(lat, lon)[0] <= 1609.344 * 1.01


def test_hayy_al_gharf_south_west_inside_the_town(result):
    _, _, features = result
    f = next(f for f in features if f.text.startswith("Hayy al-Gharf"))
    assert f.place_id == TADMUR and f.derived_from == TADMUR
    d, az = _from_tadmur(f.lat, f.lon)
    ext = extent_m(_tadmur(result))[0]
    assert 0 < d < ext  # inside the town
    assert 202.5 <= az <= 247.5  # south-west
    assert f.geometry.contains(Point(f.lon, f.lat))
    edge = _one(features, "the edge of the Hayy al-Gharf")
    assert edge.kind == "band"


def test_al_tar_hilltop_west_of_the_city(result):
    _, _, features = result
    f = _one(features, "Al-Tar hilltop")
    assert f.kind == "sector" and f.place_id == TADMUR and f.derived_from == TADMUR
    d, az = _from_tadmur(f.lat, f.lon)
    assert 225 <= az <= 315
    assert d > extent_m(_tadmur(result))[0]  # outside the town
    assert f.geometry.contains(Point(f.lon, f.lat))
    assert f.uncertainty_m >= d - extent_m(_tadmur(result))[0]


def test_near_palmyra_and_fields_surrounding(result):
    _, _, features = result
    near = _one(features, "near Palmyra")
    assert near.kind == "buffer" and near.place_id == TADMUR
    fields = _one(features, "fields surrounding the city")
    assert fields.kind == "band" and fields.place_id == TADMUR
    # the band is a ring: the town centre is not in it, points just outside the town are
    assert not fields.geometry.contains(Point(TADMUR_LATLON[1], TADMUR_LATLON[0]))


def test_every_feature_quotes_its_sentence(result):
    text, _, features = result
    assert features
    for f in features:
        assert f.quote, f
        assert " ".join(f.text.split()) in f.quote
        assert text[f.start : f.end] == f.text


def test_page_furniture_yields_nothing(result):
    text, _, features = result
    body_start = text.index("Syrian government troops")
    body_end = text.index("Sign up for our weekly")
    headline = text.index("Army closes in on Palmyra")
    for f in features:
        assert headline <= f.start < body_end, f.text
    assert not any(f.start >= body_end for f in features)
    assert not any(f.place == "Turkey" for f in features)
    assert body_start < body_end
