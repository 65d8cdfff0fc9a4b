"""`export --format gpkg|parquet`: QGIS's GeoPackage and GeoParquet, read back whole."""

from __future__ import annotations

import json

import pytest
from _helpers import no_traceback

gpd = pytest.importorskip("geopandas")

EXAMPLE = "data/examples/kobani-report-2014-10-07.txt"


@pytest.fixture(scope="module")
def geojson(cli) -> dict:
    proc = cli("export", EXAMPLE, "--format", "geojson")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("fmt", ["parquet", "gpkg"])
def test_binary_export_holds_every_feature_and_property(cli, tmp_path, geojson, fmt):
    out = tmp_path / f"kobani.{fmt}"
    proc = cli("export", EXAMPLE, "--format", fmt, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    frame = gpd.read_parquet(out) if fmt == "parquet" else gpd.read_file(out)
    want = geojson["features"]
    assert len(frame) == len(want) > 0
    assert list(frame["id"]) == [f["id"] for f in want]
    for row, f in zip(frame.itertuples(index=False), want, strict=True):
        props = f["properties"]
        assert row.kind == props["kind"] and row.text == props["text"]
        assert row.lat == pytest.approx(props["lat"]) and row.lon == pytest.approx(props["lon"])
        assert row.geometry.geom_type == f["geometry"]["type"]
    assert frame.crs.is_geographic and "WGS 84" in frame.crs.name  # EPSG:4326 or OGC:CRS84


@pytest.mark.parametrize("fmt", ["parquet", "gpkg"])
def test_binary_export_needs_a_file(cli, fmt):
    proc = cli("export", EXAMPLE, "--format", fmt)
    no_traceback(proc)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines()[-1].endswith("give -o FILE")
