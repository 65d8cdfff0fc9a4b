"""KML (Google Earth) and ACLED-style CSV exports of :mod:`geoevents.export`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, shape

from geoevents.export import (
    ACLED_COLUMNS,
    GE_COLUMNS,
    dumps,
    dumps_acled_csv,
    dumps_kml,
)
from geoevents.geometry import to_geojson_geometry
from geoevents.model import Feature, Report
from geoevents.pipeline import locate

pyogrio = pytest.importorskip("pyogrio")
from pyogrio.raw import read  # noqa: E402

KML_NS = {"k": "http://www.opengis.net/kml/2.2"}

#: A short report of our own: a named place, an offset, a disc, a sector, a band (a polygon
#: with a hole), a corridor between two places and a country (an area).
REPORT_TEXT = """\
Shelling hit Palmyra on Monday, residents said.
Rebels attacked a checkpoint 5 km north of Palmyra.
Clashes were reported within 10 km of Raqqa overnight.
Aircraft struck targets west of Deir ez-Zor.
Fighting spread between Palmyra and Homs; Syria condemned the strikes.
Government forces held the outskirts of Homs.
"""

#: Hostile text around located places: markup, a CDATA section, formula starts.
HOSTILE_TEXT = """\
=HYPERLINK("http://evil.example/x","click") Shelling hit Palmyra <script>alert(1)</script>.
-2+3 Rebels attacked a checkpoint 5 km north of Palmyra ]]><![CDATA[<script>x()</script>]]>.
"""

#: The layer (folder) names of the KML: render.STYLE's labels.
KIND_LABELS = {
    "place": "Named place",
    "offset": "Offset (N km DIR of X)",
    "disc": "Within N km of X",
    "sector": "Direction (west of X, SW of the city)",
    "band": "Edge / outskirts / surroundings",
    "between": "Between X and Y",
    "area": "Area (country, region, part of a place)",
}

#: GDAL's LIBKML reader has fields of its own named id, Name, description and end; renamed
#: here so that the report's properties keep theirs (else GDAL reads them as id2, name2, end2).
LIBKML_OPTIONS = {"LIBKML_ID_FIELD": "kml_id", "LIBKML_NAME_FIELD": "kml_name",
                  "LIBKML_DESCRIPTION_FIELD": "kml_description", "LIBKML_END_FIELD": "kml_end"}


@pytest.fixture(scope="module")
def features(gaz) -> list[Feature]:
    report = Report(REPORT_TEXT, source="x.txt", title="Daily <b>brief</b> & more",
                    date="2024-03-01", url="https://example.org/a?b=1&c=2")
    return locate(report, gaz)


@pytest.fixture(scope="module")
def hostile(gaz) -> list[Feature]:
    report = Report(HOSTILE_TEXT, source="evil.txt", title="@SUM(1+1)<img src=x onerror=y>",
                    date="2024-03-02", url="javascript:alert(1)")
    located = locate(report, gaz)
    made = Feature(
        id="fhostile", kind="place", text="<script>alert('t')</script>",
        quote="+cmd|' /C calc'!A0 \x07bell <![CDATA[<b>]]>", start=0, end=5, relation="place",
        lat=-33.5, lon=-70.25, uncertainty_m=1234.5, precision=1, confidence=0.5,
        geometry=Point(-70.25, -33.5), place="=1+1", place_id="overlay:<x>", country="CL",
        report="evil", report_title="\tTab title", report_date="2024-03-02",
        report_url="@http://x")
    return [*located, made]


@pytest.fixture()
def libkml_names():
    pyogrio.set_gdal_config_options(LIBKML_OPTIONS)
    yield
    pyogrio.set_gdal_config_options(dict.fromkeys(LIBKML_OPTIONS))


def _kml_file(tmp_path: Path, text: str, name: str = "out.kml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _read_layers(path: Path) -> dict[str, dict]:
    """Every layer of a KML through GDAL: its fields (name → values) and geometries."""
    out = {}
    for layer, _type in pyogrio.list_layers(path):
        info = pyogrio.read_info(path, layer=layer)
        _meta, _fids, wkb, columns = read(path, layer=layer)
        out[str(layer)] = {"driver": info["driver"], "count": info["features"],
                           "fields": dict(zip(info["fields"], columns, strict=True)),
                           "geoms": [shapely.from_wkb(b) for b in wkb]}
    return out


def _json_text(value) -> str:
    return "" if value is None else value if isinstance(value, str) else json.dumps(value)


# --------------------------------------------------------------------------- KML


def test_the_report_has_the_kinds(features) -> None:
    kinds = {f.kind for f in features}
    assert {"place", "offset", "disc", "sector", "area", "band", "between"} <= kinds
    assert any(len(p.interiors) for f in features if f.geometry.geom_type == "Polygon"
               for p in [f.geometry])


def test_kml_parses_and_has_one_placemark_per_feature(features) -> None:
    text = dumps_kml(features)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<kml ')
    root = ET.fromstring(text.encode("utf-8"))
    doc = root.find("k:Document", KML_NS)
    assert doc.findtext("k:name", namespaces=KML_NS) == "geoevents"
    folders = doc.findall("k:Folder", KML_NS)
    # one report: one folder per kind, in KINDS order
    assert [x.findtext("k:name", namespaces=KML_NS) for x in folders] == \
        [KIND_LABELS[k] for k in ("place", "offset", "disc", "sector", "band", "between",
                                  "area")]
    marks = root.findall(".//k:Placemark", KML_NS)
    assert len(marks) == len(features)
    by_id = {f.id: f for f in features}
    for folder in folders:
        label = folder.findtext("k:name", namespaces=KML_NS)
        for mark in folder.findall("k:Placemark", KML_NS):
            data = {d.get("name"): d.text or "" for d in mark.iter(f"{{{KML_NS['k']}}}SimpleData")}
            f = by_id[data["id"]]
            assert KIND_LABELS[f.kind] == label
            assert mark.findtext("k:name", namespaces=KML_NS) == f.text
            # every property, same names, same order, JSON text
            assert list(data) == list(f.properties())
            assert data == {k: _json_text(v) for k, v in f.properties().items()}
            assert mark.findtext("k:styleUrl", namespaces=KML_NS).startswith("#")
    assert dumps_kml(features, name="Palmyra & co").count("<name>Palmyra &amp; co</name>") == 1


def test_kml_styles_one_per_kind_coloured_like_the_map(features) -> None:
    from geoevents.render import STYLE

    root = ET.fromstring(dumps_kml(features).encode("utf-8"))
    styles = {s.get("id"): s for s in root.iter(f"{{{KML_NS['k']}}}Style")}
    assert len(styles) == len({f.kind for f in features})
    for mark in root.iter(f"{{{KML_NS['k']}}}Placemark"):
        kind = next(d.text for d in mark.iter(f"{{{KML_NS['k']}}}SimpleData")
                    if d.get("name") == "kind")
        style = styles[mark.findtext("k:styleUrl", namespaces=KML_NS)[1:]]
        rgb = STYLE[kind][0].lstrip("#").lower()
        bgr = rgb[4:6] + rgb[2:4] + rgb[0:2]
        icon = style.findtext("k:IconStyle/k:color", namespaces=KML_NS)
        fill = style.findtext("k:PolyStyle/k:color", namespaces=KML_NS)
        assert icon == "ff" + bgr
        assert fill[2:] == bgr and int(fill[:2], 16) < 0xFF  # semi-transparent
        assert style.findtext("k:BalloonStyle/k:text", namespaces=KML_NS) == "$[description]"


def test_kml_geometry(features) -> None:
    root = ET.fromstring(dumps_kml(features).encode("utf-8"))
    marks = {next(d.text for d in m.iter(f"{{{KML_NS['k']}}}SimpleData")): m
             for m in root.iter(f"{{{KML_NS['k']}}}Placemark")}
    for f in features:
        mark = marks[f.id]
        if f.geometry.geom_type == "Point":
            coords = mark.findtext("k:Point/k:coordinates", namespaces=KML_NS)
            assert coords == f"{round(f.lon, 6)},{round(f.lat, 6)},0.0"
            continue
        multi = mark.find("k:MultiGeometry", KML_NS)
        assert multi is not None, f.id
        parts = list(multi)
        assert parts[-1].tag.endswith("Point")  # the point estimate, last
        lon, lat, _z = map(float, parts[-1].findtext("k:coordinates", namespaces=KML_NS)
                           .split(","))
        assert (lon, lat) == (round(f.lon, 6), round(f.lat, 6))
        polys = [p for p in parts if p.tag.endswith("Polygon")]
        n = len(getattr(f.geometry, "geoms", [f.geometry]))
        assert len(polys) == n, f.id
        holes = sum(len(p.interiors) for p in getattr(f.geometry, "geoms", [f.geometry]))
        assert sum(len(p.findall("k:innerBoundaryIs", KML_NS)) for p in polys) == holes


def test_kml_read_back_with_gdal_libkml(features, tmp_path, libkml_names) -> None:
    assert "LIBKML" in pyogrio.list_drivers()
    path = _kml_file(tmp_path, dumps_kml(features))
    layers = _read_layers(path)
    assert {v["driver"] for v in layers.values()} == {"LIBKML"}
    assert sum(v["count"] for v in layers.values()) == len(features)
    seen = {}
    for label, layer in layers.items():
        fields = layer["fields"]
        for name in features[0].properties():
            assert name in fields, (label, name)
        for i, fid in enumerate(fields["id"]):
            seen[fid] = (label, {k: fields[k][i] for k in features[0].properties()},
                         layer["geoms"][i], fields["kml_name"][i])
    assert set(seen) == {f.id for f in features}
    for f in features:
        label, props, geom, name = seen[f.id]
        assert label == KIND_LABELS[f.kind]
        assert name == f.text
        assert props == {k: _json_text(v) for k, v in f.properties().items()}, f.id
        assert props["place_id"] == (f.place_id or "")
        assert float(props["uncertainty_m"]) == round(f.uncertainty_m, 1)
        if f.geometry.geom_type == "Point":
            assert geom.geom_type == "Point"
            assert (geom.x, geom.y) == (round(f.lon, 6), round(f.lat, 6))
        else:
            assert geom.geom_type == "GeometryCollection"
            types = [g.geom_type for g in geom.geoms]
            assert types[-1] == "Point"
            assert set(types[:-1]) == {"Polygon"}
            # the GeoJSON export's coordinates (6 decimals), holes and all, ring by ring
            parts = shapely.force_2d(shapely.GeometryCollection(list(geom.geoms)[:-1]))
            exported = shape(to_geojson_geometry(f.geometry))
            assert shapely.get_num_interior_rings(
                list(getattr(exported, "geoms", [exported]))).sum() == \
                shapely.get_num_interior_rings(list(parts.geoms)).sum()
            assert (shapely.get_coordinates(parts) == shapely.get_coordinates(exported)).all()


def test_kml_read_back_with_gdal_kml_driver(features, tmp_path) -> None:
    """GDAL's own KML driver (expat) reads names and geometries but no ExtendedData; it is
    only used when LIBKML is skipped, which has to happen before GDAL registers its drivers:
    a subprocess."""
    assert "KML" in pyogrio.list_drivers()
    path = _kml_file(tmp_path, dumps_kml(features))
    script = (
        "import json, sys, pyogrio, shapely\n"
        "from pyogrio.raw import read\n"
        "out = {}\n"
        "for layer, _t in pyogrio.list_layers(sys.argv[1]):\n"
        "    info = pyogrio.read_info(sys.argv[1], layer=layer)\n"
        "    _m, _f, wkb, cols = read(sys.argv[1], layer=layer)\n"
        "    out[str(layer)] = [info['driver'], list(map(str, cols[0])),\n"
        "                       [shapely.from_wkb(b).geom_type for b in wkb]]\n"
        "print(json.dumps(out))\n")
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          env=dict(os.environ, GDAL_SKIP="LIBKML"), timeout=120, check=True)
    layers = json.loads(proc.stdout)
    assert {v[0] for v in layers.values()} == {"KML"}
    names = sorted(n for v in layers.values() for n in v[1])
    assert names == sorted(f.text for f in features)
    for f in features:
        _drv, texts, types = layers[KIND_LABELS[f.kind]]
        expected = "Point" if f.geometry.geom_type == "Point" else "GeometryCollection"
        assert types[texts.index(f.text)] == expected


def test_kml_is_deterministic(features, gaz) -> None:
    import simplekml

    first = dumps_kml(features)
    simplekml.Kml().newpoint(name="something else, built in between")  # moves the id counter
    assert dumps_kml(features) == first
    again = locate(Report(REPORT_TEXT, source="x.txt", title="Daily <b>brief</b> & more",
                          date="2024-03-01", url="https://example.org/a?b=1&c=2"), gaz)
    assert dumps_kml(again) == first
    assert dumps(features) == dumps(again)  # the GeoJSON export is untouched


def test_kml_same_in_another_process(features, tmp_path, gazetteer_path) -> None:
    script = (
        "import sys\n"
        "from geoevents.gazetteer import Gazetteer\n"
        "from geoevents.model import Report\n"
        "from geoevents.pipeline import locate\n"
        "from geoevents.export import dumps_kml, dumps_acled_csv\n"
        "gaz = Gazetteer.open(sys.argv[1])\n"
        f"r = Report({REPORT_TEXT!r}, source='x.txt', title='Daily <b>brief</b> & more',\n"
        "           date='2024-03-01', url='https://example.org/a?b=1&c=2')\n"
        "fs = locate(r, gaz)\n"
        "sys.stdout.buffer.write((dumps_kml(fs) + '\\x00' + dumps_acled_csv(fs)).encode())\n")
    proc = subprocess.run([sys.executable, "-c", script, str(gazetteer_path)],
                          capture_output=True, timeout=300, check=True,
                          env=dict(os.environ, PYTHONHASHSEED="7"))
    kml, csv = proc.stdout.decode("utf-8").split("\x00")
    assert kml == dumps_kml(features)
    assert csv == dumps_acled_csv(features)


def test_kml_hostile_text_is_escaped(hostile, tmp_path, libkml_names) -> None:
    text = dumps_kml(hostile, name="<script>doc()</script>")
    low = text.lower()
    assert "<script" not in low and "<![cdata[" not in low and "<img" not in low
    assert "\x07" not in text
    root = ET.fromstring(text.encode("utf-8"))
    assert root.findtext("k:Document/k:name", namespaces=KML_NS) == "<script>doc()</script>"
    for mark in root.iter(f"{{{KML_NS['k']}}}Placemark"):
        # the description, once parsed from XML, is HTML whose only tags are our <br>s
        desc = mark.findtext("k:description", namespaces=KML_NS)
        assert "<" not in desc.replace("<br>", "")
        assert "&lt;script&gt;" in desc or "script" not in desc
        # the address is text, never a link
        assert "href" not in desc and "<a " not in desc
    made = hostile[-1]
    mark = next(m for m in root.iter(f"{{{KML_NS['k']}}}Placemark")
                if m.findtext("k:name", namespaces=KML_NS) == made.text)
    data = {d.get("name"): d.text or "" for d in mark.iter(f"{{{KML_NS['k']}}}SimpleData")}
    assert data["text"] == made.text and data["place"] == "=1+1"
    assert data["quote"] == made.quote.replace("\x07", "\ufffd")
    assert data["report_title"] == "\tTab title"
    # and GDAL reads every one of them back
    layers = _read_layers(_kml_file(tmp_path, text))
    assert sum(v["count"] for v in layers.values()) == len(hostile)


def test_kml_several_reports_get_a_folder_each(features, hostile, tmp_path,
                                              libkml_names) -> None:
    both = [*features, *hostile]
    text = dumps_kml(both)
    root = ET.fromstring(text.encode("utf-8"))
    tops = root.findall("k:Document/k:Folder", KML_NS)
    assert [t.findtext("k:name", namespaces=KML_NS) for t in tops] == [
        "Daily <b>brief</b> & more (x)", "@SUM(1+1)<img src=x onerror=y> (evil)"]
    for top, group in zip(tops, (features, hostile), strict=True):
        assert len(top.findall(".//k:Placemark", KML_NS)) == len(group)
        kinds = [k.findtext("k:name", namespaces=KML_NS) for k in top.findall("k:Folder",
                                                                               KML_NS)]
        assert sorted(kinds) == sorted({KIND_LABELS[f.kind] for f in group})
    layers = _read_layers(_kml_file(tmp_path, text))
    ids = [i for v in layers.values() for i in v["fields"].get("id", [])]
    assert sorted(ids) == sorted(f.id for f in both)


def test_kml_empty() -> None:
    root = ET.fromstring(dumps_kml([]).encode("utf-8"))
    assert root.findall(".//k:Placemark", KML_NS) == []


# --------------------------------------------------------------------------- ACLED CSV


def _csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_csv_columns_and_rows(features) -> None:
    text = dumps_acled_csv(features)
    assert "\r" not in text and text.endswith("\n")
    df = _csv(text)
    assert list(df.columns[:31]) == list(ACLED_COLUMNS)
    assert list(ACLED_COLUMNS[:4]) == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert ACLED_COLUMNS[-1] == "timestamp" and len(ACLED_COLUMNS) == 31
    assert list(df.columns[31:]) == list(GE_COLUMNS)
    assert len(df) == len(features)
    assert df["event_id_cnty"].is_unique
    for f, (_i, row) in zip(features, df.iterrows(), strict=True):
        assert row["ge_id"] == f.id and row["ge_kind"] == f.kind
        assert float(row["latitude"]) == round(f.lat, 6)
        assert float(row["longitude"]) == round(f.lon, 6)
        assert len(row["latitude"].split(".")[1]) == 6
        assert int(row["geo_precision"]) == f.precision
        assert row["notes"] == f.quote
        assert row["location"] == f.place
        assert row["ge_text"] == f.text and row["ge_place_id"] == f.place_id
        assert row["iso"] == "760" and row["country"] == "Syria"
        assert row["region"] == "Western Asia"
        # the event's own date (resolved against the report's 2024-03-01) and its precision
        assert f.date is not None and f.date <= "2024-03-01"
        assert row["event_date"] == f.date and row["year"] == f.date[:4]
        assert row["time_precision"] == str(f.date_precision)
        assert row["source"] == "Daily <b>brief</b> & more"
        assert row["event_id_cnty"] == f"SYR-x-{f.id}"
        assert row["tags"] == f"geoevents;kind={f.kind};uncertainty_m={round(f.uncertainty_m)}"
        assert float(row["ge_uncertainty_m"]) == round(f.uncertainty_m, 1)
        assert row["ge_report_url"] == "https://example.org/a?b=1&c=2"
        assert row["event_type"] == (f.event_type or "")
        assert row["actor1"] == (f.actor1 or "")
        assert row["fatalities"] == ("" if f.fatalities is None else str(f.fatalities))
        assert row["ge_status"] == (f.status or "")
        for empty in ("timestamp", "admin1", "inter1"):
            assert row[empty] == ""


def test_csv_is_deterministic(features) -> None:
    assert dumps_acled_csv(features) == dumps_acled_csv(list(features))


def test_csv_formula_injection_neutralised(hostile) -> None:
    df = _csv(dumps_acled_csv(hostile))
    assert len(df) == len(hostile)
    danger = ("=", "+", "-", "@", "\t", "\r")
    text_columns = [c for c in df.columns if c not in {
        "year", "time_precision", "iso", "latitude", "longitude", "geo_precision",
        "ge_uncertainty_m", "ge_confidence", "ge_distance_m", "ge_bearing_deg"}]
    for col in text_columns:
        for value in df[col]:
            assert not value.startswith(danger), (col, value)
    first = df.iloc[0]
    assert first["notes"].startswith("'=HYPERLINK(")
    assert first["notes"][1:] == hostile[0].quote
    assert first["source"] == "'@SUM(1+1)<img src=x onerror=y>"
    made = df.iloc[-1]
    assert made["location"] == "'=1+1"
    assert made["notes"] == "'" + hostile[-1].quote
    assert made["source"] == "'\tTab title"
    assert made["ge_report_url"] == "'@http://x"
    # numbers keep their sign: a negative latitude is not a formula
    assert made["latitude"] == "-33.500000" and made["longitude"] == "-70.250000"
    assert made["iso"] == "152" and made["country"] == "Chile"
    second = df.iloc[1]
    assert second["notes"].startswith("'-2+3")


def test_csv_without_date_or_country() -> None:
    f = Feature(id="f1", kind="place", text="Somewhere", quote="Somewhere.", start=0, end=9,
                relation="place", lat=1.0, lon=2.0, uncertainty_m=10.0, precision=1,
                confidence=1.0, geometry=Point(2.0, 1.0))
    g = Feature(id="f1", kind="place", text="Again", quote="Again.", start=0, end=5,
                relation="place", lat=1.0, lon=2.0, uncertainty_m=10.0, precision=1,
                confidence=1.0, geometry=Point(2.0, 1.0), report_date="sometime")
    h = Feature(id="f2", kind="place", text="Third", quote="Third.", start=0, end=5,
                relation="place", lat=1.0, lon=2.0, uncertainty_m=10.0, precision=1,
                confidence=1.0, geometry=Point(2.0, 1.0), report_date="2024-02-30")
    df = _csv(dumps_acled_csv([f, g, h]))
    assert list(df["event_id_cnty"]) == ["XX-report-f1", "XX-report-f1-2", "XX-report-f2"]
    for col in ("event_date", "year", "time_precision", "iso", "country", "region"):
        assert list(df[col]) == ["", "", ""], col
    assert list(df["source"]) == ["", "", ""]


def test_csv_empty() -> None:
    assert dumps_acled_csv([]) == ",".join([*ACLED_COLUMNS, *GE_COLUMNS]) + "\n"
