"""``geoevents batch``: streamed inputs, bad records, resumption, GeoParquet read back by
geopandas and DuckDB, process pools and Dask (a LocalCluster started here)."""

from __future__ import annotations

import filecmp
import gzip
import json
import math
from pathlib import Path

import pytest

from geoevents.batch import Config, run_batch
from geoevents.batch import _run as batch_run
from geoevents.export import feature_dict
from geoevents.pipeline import locate
from geoevents.read import read_reports
from geoevents.site import combine

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
INPUTS = ROOT / "tests" / "fixtures" / "inputs"
TEXTS = sorted(EXAMPLES.glob("*.txt"))


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in TEXTS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Two text files (one gzipped), a JSON Lines file with good and bad records, a CSV."""
    d = tmp_path_factory.mktemp("corpus")
    texts = _texts()
    (d / "a-report.txt").write_text(texts[0], encoding="utf-8")
    with gzip.open(d / "b-report.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(texts[1])
    lines = [
        json.dumps({"id": "good-1", "date": "2016-03-24", "text": texts[2][:1500]}),
        b"\xff\xfe not utf-8".decode("latin-1"),  # written as latin-1 bytes below
        "{not json",
        json.dumps({"id": "empty-1", "text": "   "}),
        json.dumps({"id": "number-1", "text": 42}),
        json.dumps({"id": "title-1", "title": ["a"], "text": "Fighting near Aleppo."}),
        json.dumps(["an", "array"]),
        json.dumps({"id": "big-1", "text": "Shelling near Homs. " * 400}),
        json.dumps({"title": "No id", "text": texts[3][:1200]}),
    ]
    raw = b"\n".join(ln.encode("latin-1") if i == 1 else ln.encode("utf-8")
                     for i, ln in enumerate(lines)) + b"\n"
    (d / "c-records.jsonl").write_bytes(raw)
    (d / "d-table.csv").write_text(
        'id,title,text\nrow-1,One,"Clashes were reported in Kobani on Tuesday."\n'
        'row-2,Two\nrow-3,Three,"Air strikes hit Mosul airport."\n', encoding="utf-8")
    return d


CONFIG = Config(max_bytes=5000)


def _features(out: Path) -> list[dict]:
    found = []
    for part in sorted((out / "geojsons").glob("part-*.geojsons")):
        text = part.read_text(encoding="utf-8")
        assert not text or text.startswith("\x1e")
        found += [json.loads(chunk) for chunk in text.split("\x1e") if chunk]
    return found


@pytest.fixture(scope="module")
def batch(corpus, tmp_path_factory, gazetteer_path) -> Path:
    out = tmp_path_factory.mktemp("out") / "run"
    run_batch([str(corpus)], out, config=CONFIG, partition_size=3)
    return out


def test_bad_records_listed_with_reasons_good_ones_kept(batch):
    summary = json.loads((batch / "summary.json").read_text())
    errors = [json.loads(ln) for ln in (batch / "errors.jsonl").read_text().splitlines()]
    reasons = {e["id"]: e["reason"] for e in errors}
    assert summary["records"] == 14 and summary["errors"] == len(errors) == 8
    assert summary["reports"] == 6
    assert reasons["c-records-2"].startswith("undecodable (not valid UTF-8")
    assert reasons["c-records-3"].startswith("undecodable (not valid JSON")
    assert reasons["empty-1"].startswith("empty")
    assert "not a string" in reasons["number-1"]
    assert "'title' is not text" in reasons["title-1"]
    assert reasons["c-records-7"].startswith("wrong type")
    assert reasons["c-records-8"].startswith("oversize")
    assert "malformed CSV" in reasons["d-table-2"]
    assert all(e["source"] and e["where"] for e in errors)


def test_features_are_the_pipelines(batch, corpus, gaz, tmp_path):
    """Each good record's features are those of the other commands (ids ``report:id``)."""
    got = _features(batch)
    first = (corpus / "c-records.jsonl").read_bytes().split(b"\n")[0]
    (tmp_path / "good.jsonl").write_bytes(first + b"\n")
    reports = {r.id: r for r in read_reports(tmp_path / "good.jsonl")}
    want = combine([(reports["good-1"], locate(reports["good-1"], gaz))], prefix=True)
    mine = [f for f in got if f["properties"]["report"] == "good-1"]
    assert mine == [json.loads(json.dumps(feature_dict(f))) for f in want]
    labels = {f["properties"]["report"] for f in got}
    assert {"a-report", "b-report", "good-1", "c-records-9", "row-1", "row-3"} <= labels
    assert all(f["properties"]["report_date"] == "2016-03-24"
               for f in got if f["properties"]["report"] == "good-1")


def _same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None
    if isinstance(b, float) or isinstance(a, float):
        return b is not None and math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-12)
    return a == b


def test_geoparquet_read_back_by_geopandas_and_duckdb(batch):
    import duckdb
    import geopandas as gpd
    import shapely
    from shapely.geometry import shape

    features = _features(batch)
    df = gpd.read_parquet(batch / "parquet")
    assert len(df) == len(features) > 20
    assert df.crs.to_string() == "OGC:CRS84"
    for (_, row), f in zip(df.iterrows(), features, strict=True):
        for k, v in f["properties"].items():
            assert _same(row[k], v), (k, row[k], v)
        assert row.geometry.equals_exact(shape(f["geometry"]), 1e-9)
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT id, lat, fatalities, negated, geometry::BLOB FROM read_parquet("
        f"'{batch}/parquet/*.parquet', filename=true) ORDER BY filename, file_row_number"
    ).fetchall()
    assert [r[0] for r in rows] == [f["id"] for f in features]
    for r, f in zip(rows, features, strict=True):
        p = f["properties"]
        assert (r[1], r[2], r[3]) == (p["lat"], p["fatalities"], p["negated"])
        assert shapely.from_wkb(bytes(r[4])).equals_exact(shape(f["geometry"]), 1e-9)


def test_killed_run_resumes_byte_identical(corpus, batch, tmp_path, monkeypatch):
    out = tmp_path / "run"
    real = batch_run.process_partition
    calls = []

    def dying(index, records, config):
        calls.append(index)
        if index == 3:
            raise KeyboardInterrupt  # killed half-way
        return real(index, records, config)

    monkeypatch.setattr(batch_run, "process_partition", dying)
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(corpus)], out, config=CONFIG, partition_size=3)
    assert not (out / "summary.json").exists()
    (out / "parquet" / ".part-000003.parquet.x.tmp").write_bytes(b"half")  # a kill's leftover
    monkeypatch.setattr(batch_run, "process_partition", real)
    summary = run_batch([str(corpus)], out, config=CONFIG, partition_size=3)
    assert summary["skipped"] == 3
    _assert_same_tree(batch, out)


def _assert_same_tree(a: Path, b: Path) -> None:
    names = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for n in names:
        assert filecmp.cmp(a / n, b / n, shallow=False), n


def _threads_holding_back_partition_0(monkeypatch, out: Path, *, then_die: bool) -> list:
    """Run partitions on two threads; partition 0 waits until the driver has written
    partition 1 (then dies when ``then_die``). Returns what partition 0 saw."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    real = batch_run.process_partition
    seen = []

    def slow_first(index, records, config):
        if index == 0:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    parts = json.loads((out / "manifest.json").read_text())["partitions"]
                except (OSError, ValueError):
                    parts = {}
                if "part-000001" in parts:
                    seen.append(sorted(parts))
                    break
                time.sleep(0.02)
            if then_die:
                raise KeyboardInterrupt  # killed while the later partitions are written
        return real(index, records, config)

    monkeypatch.setattr(batch_run, "process_partition", slow_first)
    monkeypatch.setattr(batch_run, "_executor",
                        lambda *a: (ThreadPoolExecutor(2), None, None, 4))
    return seen


def test_a_slow_partition_does_not_hold_back_the_others(corpus, batch, tmp_path,
                                                         monkeypatch):
    out = tmp_path / "run"
    seen = _threads_holding_back_partition_0(monkeypatch, out, then_die=False)
    run_batch([str(corpus)], out, config=CONFIG, partition_size=3)
    assert seen and "part-000000" not in seen[0]  # 1 was written while 0 was running
    _assert_same_tree(batch, out)


def test_killed_with_a_gap_resumes_byte_identical(corpus, batch, tmp_path, monkeypatch):
    out = tmp_path / "run"
    seen = _threads_holding_back_partition_0(monkeypatch, out, then_die=True)
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(corpus)], out, config=CONFIG, partition_size=3)
    assert seen
    parts = json.loads((out / "manifest.json").read_text())["partitions"]
    assert "part-000000" not in parts and "part-000001" in parts
    monkeypatch.undo()
    summary = run_batch([str(corpus)], out, config=CONFIG, partition_size=3)
    assert summary["skipped"] == len(parts)
    _assert_same_tree(batch, out)


def test_process_pool_workers_inherit_the_pipeline(monkeypatch):
    """The driver imports what the workers run before forking them (docs/batch.md)."""
    import sys

    imported = []
    monkeypatch.setattr(batch_run, "_preload", lambda: imported.append(True))
    executor, *_, window = batch_run._executor(None, 2, CONFIG, False)
    executor.shutdown()
    assert window == 4 and imported == ([True] if sys.platform == "linux" else [])


def test_other_options_refuse_to_resume(corpus, batch, tmp_path):
    out = tmp_path / "run"
    run_batch([str(corpus / "d-table.csv")], out, config=CONFIG, partition_size=3)
    with pytest.raises(Exception, match="other inputs or options"):
        run_batch([str(corpus / "d-table.csv")], out, config=CONFIG, partition_size=2)
    run_batch([str(corpus / "d-table.csv")], out, config=CONFIG, partition_size=2, restart=True)


def test_process_pool_gives_the_same_output(corpus, batch, tmp_path):
    out = tmp_path / "run"
    run_batch([str(corpus)], out, config=CONFIG, partition_size=3, jobs=2)
    _assert_same_tree(batch, out)


def test_dask_local_cluster_gives_the_same_output(corpus, batch, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        out = tmp_path / "run"
        summary = run_batch([str(corpus)], out, config=CONFIG, partition_size=3,
                            dask=cluster.scheduler_address)
        assert summary["partitions"] == 5
    _assert_same_tree(batch, out)


def test_gazetteer_plugin_writes_the_shipped_file(tmp_path):
    from geoevents.batch import _dask, _work

    class Worker:
        local_directory = str(tmp_path)

    plugin = _dask.GazetteerPlugin(b"SQLite bytes")
    try:
        plugin.setup(Worker())
        path = Path(_work.WORKER_GAZETTEER["path"])
        assert path.parent == tmp_path and path.read_bytes() == b"SQLite bytes"
    finally:
        _work.WORKER_GAZETTEER.clear()


def test_inputs_globs_parquet_and_gzip_jsonl(tmp_path, gazetteer_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [t[:800] for t in _texts()[:2]]
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": texts}), tmp_path / "t.parquet")
    with gzip.open(tmp_path / "t.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": texts[0]}) + "\n\n" + json.dumps({"text": 7}) + "\n")
    summary = run_batch([str(tmp_path / "t.*")], tmp_path / "out", partition_size=10)
    assert (summary["records"], summary["reports"], summary["errors"]) == (4, 3, 1)
    labels = {f["properties"]["report"] for f in _features(tmp_path / "out")}
    assert labels == {"t-1", "p1", "p2"}


def test_cli_exit_status_and_summary(corpus, tmp_path, capsys, gazetteer_path):
    from geoevents.batch.cli import EXIT_BAD_RECORDS
    from geoevents.cli import main

    out = tmp_path / "run"
    status = main(["batch", str(corpus / "d-table.csv"), "-o", str(out), "-j", "1", "-q",
                   "--gazetteer", str(gazetteer_path)])
    assert status == EXIT_BAD_RECORDS
    err = capsys.readouterr().err
    assert "3 records, 2 reports located" in err and "1 bad records" in err
    assert main(["batch", str(corpus / "a-report.txt"), "-o", str(tmp_path / "ok"), "-j",
                 "1", "-q"]) == 0


def test_locate_frame(gaz):
    import geoevents

    df = geoevents.locate_frame(_texts()[:1], gaz)
    assert len(df) > 3 and df.crs.to_string() == "OGC:CRS84"
    assert list(df.columns)[:3] == ["id", "kind", "text"]
    assert df["id"].iloc[0].startswith("report-1:")


def test_gpkg_written_through_pyogrio(gaz, tmp_path):
    import pyogrio

    from geoevents.batch import write_gpkg

    features = locate(_texts()[0], gaz)
    write_gpkg(tmp_path / "f.gpkg", features)
    df = pyogrio.read_dataframe(tmp_path / "f.gpkg")
    assert list(df["id"]) == [f.id for f in features]
    assert list(df["uncertainty_m"]) == [f.properties()["uncertainty_m"] for f in features]


def test_partition_bytes_are_the_two_writers(gaz):
    from geoevents.batch import dumps_geojsonseq, geoparquet_bytes
    from geoevents.batch.formats import partition_bytes

    features = locate(_texts()[0], gaz)
    assert len(features) > 3
    assert partition_bytes(features) == (geoparquet_bytes(features),
                                         dumps_geojsonseq(features).encode("utf-8"))
    assert partition_bytes([]) == (geoparquet_bytes([]), b"")
