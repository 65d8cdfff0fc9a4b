"""``geoevents batch --timeline``: the claims merged from a batch's partitions and the front
lines day by day, on the project's Palmyra offensive sequence, against ``geoevents
timeline`` on the same reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoevents.batch import batch_timeline, read_geojsonseq
from geoevents.errors import InputError
from geoevents.frontline import default_span, series
from geoevents.timeline import merge, parse_day, timeline_geojson

ROOT = Path(__file__).resolve().parent.parent
SEQUENCE = ROOT / "data" / "examples" / "palmyra-offensive" / "reports.jsonl"


@pytest.fixture(scope="module")
def runs(cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch-timeline")
    batch = cli("batch", str(SEQUENCE), "-o", str(out / "run"), "-j", "1", "-q",
                "--partition-size", "2", "--timeline", str(out / "batch.geojson"))
    assert batch.returncode == 0, batch.stderr.decode()
    assert "batch timeline:" in batch.stderr.decode()
    one = cli("timeline", str(SEQUENCE), "-o", str(out / "timeline.geojson"))
    assert one.returncode == 0, one.stderr.decode()
    return out


def test_a_batch_timeline_is_the_timeline_of_its_partitions(runs):
    parts = sorted((runs / "run" / "geojsons").glob("part-*.geojsons"))
    assert len(parts) > 1
    features = [f for p in parts for f in read_geojsonseq(p)]
    claims = merge(features)
    start, end = default_span(claims, {parse_day(f.report_date) for f in features})
    expected = timeline_geojson(claims, series(claims, start=start, end=end))
    assert (runs / "batch.geojson").read_text(encoding="utf-8") == expected
    assert batch_timeline(runs / "run")[0] == expected


def test_a_batch_timeline_has_the_claims_and_days_of_the_timeline_command(runs):
    def layers(path: Path) -> tuple[list[str], list[str]]:
        feats = json.loads(path.read_text(encoding="utf-8"))["features"]
        claims = [f["id"] for f in feats if f["properties"]["layer"] == "claim"]
        days = sorted({f["properties"]["date"] for f in feats
                       if f["properties"]["layer"] != "claim"})
        return claims, days

    batch, command = layers(runs / "batch.geojson"), layers(runs / "timeline.geojson")
    assert batch == command
    assert len(batch[0]) > 10 and len(batch[1]) > 10


def test_read_back_features_keep_every_property(runs):
    part = sorted((runs / "run" / "geojsons").glob("part-*.geojsons"))[0]
    text = part.read_text(encoding="utf-8")
    written = [json.loads(chunk) for chunk in text.split("\x1e") if chunk]
    read = list(read_geojsonseq(part))
    assert [f.properties() for f in read] == [w["properties"] for w in written]


def test_a_folder_with_no_partitions_is_refused(tmp_path):
    with pytest.raises(InputError, match="no geojsons"):
        batch_timeline(tmp_path)
