"""The GeoJSON contract (RFC 7946) of ``geoevents geojson`` and :mod:`geoevents.export`."""

from __future__ import annotations

import json
import math
import stat
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from geoevents.errors import OutputError
from geoevents.export import dumps, feature_dict, to_geojson, write_text_atomic
from geoevents.model import KINDS, Report
from geoevents.pipeline import locate
from geoevents.read import read_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PALMYRA = FIXTURES / "palmyra_facts.txt"

#: A second report with the kinds the Palmyra fixture lacks (offset, between), countries
#: that cross the antimeridian (Russia, Fiji) and a gazetteer name outside Latin-1 (Homs).
RICH_REPORT = """\
Rebels shelled positions 5 km north of Palmyra on Monday.
Fighting was reported between Palmyra and Homs overnight.
Government forces held the outskirts of Homs, residents said.
Aircraft struck targets west of Deir ez-Zor and near Aleppo.
Syria, Iraq, Russia and Fiji condemned the strikes.
Displaced families fled to within 10 km of Raqqa.
"""

PROPERTIES = ("id", "kind", "text", "quote", "start", "end", "place", "place_id", "country",
              "relation", "distance_m", "bearing_deg", "lat", "lon", "uncertainty_m",
              "precision", "confidence")




@pytest.fixture(scope="module", params=["palmyra", "rich"])
def run(request, cli, tmp_path_factory) -> dict:
    """One report through ``geoevents geojson -o`` twice (different hash seeds)."""
    folder = tmp_path_factory.mktemp(f"geojson-{request.param}")
    if request.param == "palmyra":
        report = PALMYRA
    else:
        report = folder / "rich.txt"
        report.write_text(RICH_REPORT, encoding="utf-8")
    outs = []
    for seed in ("1", "2"):
        out = folder / f"run{seed}.geojson"
        proc = cli("geojson", str(report), "-o", str(out),
                    env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr.decode()
        outs.append(out)
    data = outs[0].read_bytes()
    return {
        "name": request.param,
        "path": outs[0],
        "bytes": data,
        "bytes2": outs[1].read_bytes(),
        "doc": json.loads(data.decode("utf-8")),
        "text": read_report(report).text,
    }


def _features(run: dict) -> list[dict]:
    features = run["doc"]["features"]
    assert features, f"{run['name']}: nothing located"
    return features


def _polygons(geom) -> list:
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type == "MultiPolygon":
        return list(geom.geoms)
    return []


def test_feature_collection(run: dict) -> None:
    doc = run["doc"]
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc
    assert set(doc) == {"type", "features"}
    for f in _features(run):
        assert f["type"] == "Feature"
        assert "crs" not in f and "crs" not in f["geometry"]
        assert set(f) == {"type", "id", "geometry", "properties"}


def test_properties_contract(run: dict) -> None:
    for f in _features(run):
        p = f["properties"]
        missing = [k for k in PROPERTIES if k not in p]
        assert not missing, (p["id"], missing)
        assert list(p)[: len(PROPERTIES)] == list(PROPERTIES)  # contract order
        assert f["id"] == p["id"]
        assert p["kind"] in KINDS
        assert isinstance(p["start"], int) and isinstance(p["end"], int)
        assert 0 <= p["start"] < p["end"] <= len(run["text"])
        assert p["precision"] in (1, 2, 3)
        assert 0.0 < p["confidence"] <= 1.0
        assert p["uncertainty_m"] >= 0.0 and math.isfinite(p["uncertainty_m"])
        assert -90.0 <= p["lat"] <= 90.0 and -180.0 <= p["lon"] <= 180.0
        for k in ("distance_m", "bearing_deg"):
            assert p[k] is None or (isinstance(p[k], float) and math.isfinite(p[k]))
        if p["bearing_deg"] is not None:
            assert 0.0 <= p["bearing_deg"] < 360.0
        assert p["place_id"] is None or p["place_id"].split()[0].split(":")[0] in (
            "geonames", "overlay")


def test_text_is_the_report_span(run: dict) -> None:
    text = run["text"]
    for f in _features(run):
        p = f["properties"]
        assert p["text"] == text[p["start"] : p["end"]], p["id"]
        # the quote is the (whitespace-normalised) sentence holding the mention
        assert " ".join(p["text"].split()) in p["quote"]


def test_ids_unique_and_stable(run: dict) -> None:
    ids = [f["id"] for f in _features(run)]
    assert len(set(ids)) == len(ids)
    ids2 = [f["id"] for f in json.loads(run["bytes2"])["features"]]
    assert ids2 == ids


def test_byte_identical_across_runs(run: dict) -> None:
    assert run["bytes"] == run["bytes2"]


def test_one_feature_per_line(run: dict) -> None:
    lines = run["bytes"].decode("utf-8").split("\n")
    features = _features(run)
    assert len(lines) == len(features) + 3  # header, one per feature, "]}", final ""
    for line, f in zip(lines[1:-2], features, strict=True):
        assert json.loads(line.rstrip(",")) == f


def test_geometries_valid_lon_lat_and_right_hand_rule(run: dict) -> None:
    holes = 0
    for f in _features(run):
        g = f["geometry"]
        assert g["type"] in ("Point", "Polygon", "MultiPolygon"), g["type"]
        geom = shape(g)
        assert geom.is_valid, (f["id"], shapely.is_valid_reason(geom))
        assert not geom.is_empty
        minx, miny, maxx, maxy = geom.bounds
        assert -180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0
        for poly in _polygons(geom):
            assert poly.exterior.is_ccw, f["id"]  # RFC 7946 §3.1.6: exterior counter-clockwise
            for ring in poly.interiors:
                assert not ring.is_ccw, f["id"]  # holes clockwise
                holes += 1
        rings = g["coordinates"] if g["type"] == "Polygon" else (
            [r for p in g["coordinates"] for r in p] if g["type"] == "MultiPolygon" else [])
        for ring in rings:
            assert len(ring) >= 4 and ring[0] == ring[-1]
        for x in shapely.get_coordinates(geom).ravel():
            assert round(float(x), 6) == float(x)  # at most 6 decimals
    if run["name"] == "palmyra":
        assert holes > 0, "the edge and surrounding bands have holes: check them"


def test_palmyra_is_lon_lat(run: dict) -> None:
    tadmur = [f for f in _features(run) if f["properties"]["place_id"] == "geonames:163808"]
    assert tadmur
    for f in tadmur:
        p = f["properties"]
        # Palmyra (Tadmur) is at 34.56 °N, 38.28 °E: GeoJSON positions are [lon, lat]
        assert p["lon"] == pytest.approx(38.28, abs=0.2)
        assert p["lat"] == pytest.approx(34.56, abs=0.2)
        c = shape(f["geometry"]).centroid
        assert c.x == pytest.approx(38.28, abs=0.3) and c.y == pytest.approx(34.56, abs=0.3)
        if f["geometry"]["type"] == "Point":
            assert f["geometry"]["coordinates"] == [p["lon"], p["lat"]]


def test_point_features_sit_at_their_lat_lon(run: dict) -> None:
    for f in _features(run):
        if f["geometry"]["type"] == "Point":
            lon, lat = f["geometry"]["coordinates"]
            assert (lon, lat) == (f["properties"]["lon"], f["properties"]["lat"])


def test_read_back_with_gdal(run: dict) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    from pyogrio.raw import read

    features = _features(run)
    info = pyogrio.read_info(run["path"])
    assert info["driver"] == "GeoJSON"
    assert info["features"] == len(features)
    assert list(info["fields"]) == list(features[0]["properties"])
    assert info["crs"] == "EPSG:4326"

    _meta, _fids, wkb, columns = read(run["path"])
    fields = dict(zip(info["fields"], columns, strict=True))
    assert list(fields["id"]) == [f["id"] for f in features]
    assert list(fields["kind"]) == [f["properties"]["kind"] for f in features]
    assert list(fields["text"]) == [f["properties"]["text"] for f in features]
    assert list(fields["place"]) == [f["properties"]["place"] for f in features]
    assert list(fields["start"]) == [f["properties"]["start"] for f in features]
    for blob, f in zip(wkb, features, strict=True):
        assert shapely.from_wkb(blob).equals_exact(shape(f["geometry"]), 1e-9), f["id"]


def test_kinds_of_the_fixtures_cover_the_contract(gaz) -> None:
    kinds = {f.kind for t in (PALMYRA.read_text(encoding="utf-8"), RICH_REPORT)
             for f in locate(Report(t), gaz)}
    assert kinds == set(KINDS)


# --------------------------------------------------------------------------- in-process API


@pytest.fixture(scope="module")
def palmyra_features(gaz):
    return locate(read_report(PALMYRA), gaz)


def test_dumps_matches_to_geojson(palmyra_features) -> None:
    text = dumps(palmyra_features)
    assert text.endswith("]}\n")
    assert json.loads(text) == json.loads(json.dumps(to_geojson(palmyra_features)))
    assert dumps(palmyra_features) == text
    assert [feature_dict(f)["id"] for f in palmyra_features] == \
        [f["id"] for f in json.loads(text)["features"]]


def test_dumps_same_for_a_second_pipeline_run(gaz, palmyra_features) -> None:
    again = locate(read_report(PALMYRA), gaz)
    assert dumps(again) == dumps(palmyra_features)


def test_dumps_empty() -> None:
    assert json.loads(dumps([])) == {"type": "FeatureCollection", "features": []}


def test_write_text_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    write_text_atomic(target, "first, a long text\n" * 100)
    write_text_atomic(target, "ünïcode ✓\n")
    assert target.read_bytes() == "ünïcode ✓\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]


def test_write_text_atomic_refuses_missing_folder_and_directories(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_text_atomic(tmp_path / "nope" / "out.geojson", "x")
    (tmp_path / "d").mkdir()
    with pytest.raises(OutputError, match="directory"):
        write_text_atomic(tmp_path / "d", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]
    assert list((tmp_path / "d").iterdir()) == []


def test_write_text_atomic_cleans_up_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(target, "lone surrogate \udc80")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]
