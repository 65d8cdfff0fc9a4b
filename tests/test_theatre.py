"""The theatre bias: ``--country`` and ``--bbox`` prefer places where the user's reports are
from, without hiding what the text names from afar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoevents.gazetteer import Gazetteer
from geoevents.model import Place, Theatre
from geoevents.pipeline import locate, resolve_spans

TEXT = "Clashes broke out in Tripoli on Monday, officials in Russia said."
TRIPOLI_LY, TRIPOLI_LB, TRIPOLI_US = "geonames:2210247", "geonames:266826", "geonames:4879018"
RUSSIA = "geonames:2017370"


def _ids(text: str, gaz: Gazetteer, theatre: Theatre | None) -> dict[str, str | None]:
    return {f.text: f.place_id for f in locate(text, gaz, theatre=theatre)}


def test_without_theatre_the_larger_namesake_wins(gaz: Gazetteer) -> None:
    assert _ids(TEXT, gaz, None) == {"Tripoli": TRIPOLI_LY, "Russia": RUSSIA}


@pytest.mark.parametrize(("theatre", "tripoli"), [
    (Theatre(countries=frozenset({"LB"})), TRIPOLI_LB),
    (Theatre(countries=frozenset({"LB", "SY"})), TRIPOLI_LB),
    (Theatre(bbox=(35.0, 33.0, 37.0, 35.0)), TRIPOLI_LB),     # a box around Lebanon
    (Theatre(countries=frozenset({"US"})), TRIPOLI_US),       # a village of 1,342 people
])
def test_theatre_picks_the_namesake_inside_it(gaz: Gazetteer, theatre: Theatre,
                                              tripoli: str) -> None:
    ids = _ids(TEXT, gaz, theatre)
    assert ids["Tripoli"] == tripoli
    assert ids["Russia"] == RUSSIA  # a country named from afar still resolves


def test_small_place_outside_the_theatre_is_left_unresolved(gaz: Gazetteer) -> None:
    text = "Aid reached Springfield and Aleppo."
    spans = [(text.index("Springfield"), text.index("Springfield") + 11),
             (text.index("Aleppo"), text.index("Aleppo") + 6)]
    springfield, aleppo = resolve_spans(text, spans, gaz, theatre=Theatre(
        countries=frozenset({"SY"})))
    assert springfield is None
    assert aleppo is not None and aleppo.country == "SY"
    springfield_us, _ = resolve_spans(text, spans, gaz, theatre=Theatre(
        countries=frozenset({"US"})))
    assert springfield_us is not None and springfield_us.country == "US"


@pytest.mark.parametrize(("bbox", "lon", "inside"), [
    ((170.0, -20.0, -170.0, -10.0), 179.5, True),     # across the antimeridian
    ((170.0, -20.0, -170.0, -10.0), -175.0, True),
    ((170.0, -20.0, -170.0, -10.0), 0.0, False),
    ((-10.0, -20.0, 10.0, -10.0), 0.0, True),
    ((-10.0, -20.0, 10.0, -10.0), 179.5, False),
])
def test_bbox_contains_handles_the_antimeridian(bbox, lon: float, inside: bool) -> None:
    p = Place(id="t:1", name="T", lat=-15.0, lon=lon, kind="village")
    assert Theatre(bbox=bbox).contains(p) is inside
    assert not Theatre(bbox=bbox).contains(Place(id="t:2", name="T", lat=5.0, lon=lon,
                                                  kind="village"))


def test_empty_theatre_is_falsy() -> None:
    assert not Theatre()
    assert Theatre(countries=frozenset({"SY"}))


def test_cli_country_and_bbox(run_cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(TEXT + "\n", encoding="utf-8")
    for opts, want in ((["--country", "lb"], TRIPOLI_LB),
                       (["--country", "SY", "--country", "LB"], TRIPOLI_LB),
                       (["--bbox", "35,33,37,35"], TRIPOLI_LB),
                       ([], TRIPOLI_LY)):
        proc = run_cli("geojson", str(report), *opts)
        assert proc.returncode == 0, proc.stderr.decode()
        feats = json.loads(proc.stdout)["features"]
        got = {f["properties"]["text"]: f["properties"]["place_id"] for f in feats}
        assert got["Tripoli"] == want, opts


@pytest.mark.parametrize(("opts", "code", "message"), [
    (["--country", "XX"], 1, "no country with the code XX"),
    (["--country", "Syria"], 2, "ISO 3166-1 alpha-2"),
    (["--bbox", "1,2,3"], 2, "W,S,E,N"),
    (["--bbox", "10,40,20,30"], 2, "S < N"),
    (["--bbox", "200,0,10,10"], 2, "-180"),
    (["--bbox", "nan,0,10,10"], 2, "not finite"),
])
def test_cli_rejects_bad_theatre(run_cli, tmp_path: Path, opts: list[str], code: int,
                                 message: str) -> None:
    report = tmp_path / "r.txt"
    report.write_text(TEXT + "\n", encoding="utf-8")
    out = tmp_path / "out.geojson"
    proc = run_cli("geojson", str(report), *opts, "-o", str(out))
    assert proc.returncode == code
    err = proc.stderr.decode()
    assert message in err and "Traceback" not in err
    assert not out.exists()
