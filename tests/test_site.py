"""The static site (:mod:`geoevents.site`) and the commands that take many reports and formats:
what files a site holds, that its links are relative and hold, that a rebuild changes no
byte, and that bad input leaves nothing behind."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from _helpers import one_error_line

from geoevents.model import Report
from geoevents.pipeline import locate
from geoevents.site import RESERVED, build_site, combine, index_page, unique_labels

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PALMYRA = FIXTURES / "palmyra_facts.txt"
PAGE = FIXTURES / "inputs" / "mosul_page.html"
TABLE = FIXTURES / "inputs" / "reports.jsonl"




@pytest.fixture(scope="module")
def located(gaz):
    a = Report("Shelling hit Palmyra. Clashes went on 5 km north of Homs.", source="a.txt",
               title="Report A", date="2016-03-24", url="https://example.org/a")
    b = Report("Fighting near Aleppo continued.", source="b.txt", title="Report B")
    return [(r, locate(r, gaz)) for r in (a, b)]


def test_site_files(located) -> None:
    files = build_site(located, title="Test site")
    assert sorted(files) == ["a.geojson", "a.html", "all.geojson", "all.html", "b.geojson",
                             "b.html", "index.html"]
    assert list(files) == sorted(files)  # written in a stable order
    (_, fa), (_, fb) = located
    assert len(json.loads(files["a.geojson"])["features"]) == len(fa) > 0
    everything = json.loads(files["all.geojson"])["features"]
    assert len(everything) == len(fa) + len(fb)
    ids = [f["id"] for f in everything]
    assert len(set(ids)) == len(ids)
    assert {i.split(":")[0] for i in ids} == {"a", "b"}
    assert all(f["properties"]["report"] in ("a", "b") for f in everything)


def test_index_page(located) -> None:
    page = index_page(located, title="Test <site>")
    assert "<title>Test &lt;site&gt;</title>" in page
    assert '<a href="a.html">Report A</a>' in page and '<a href="b.geojson">GeoJSON</a>' in page
    assert '<a href="https://example.org/a" rel="noopener noreferrer nofollow">' in page
    # oldest first, undated last
    assert page.index("Report A") < page.index("Report B")
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert all(h.startswith("https://") or re.fullmatch(r"[a-z0-9_-]+\.(html|geojson)", h)
               for h in hrefs)
    assert "<script" not in page


def test_unique_labels() -> None:
    reports = [Report("x", source="d1/r.txt"), Report("x", source="d2/r.txt"),
               Report("x", source="index.txt"), Report("x", source="all.csv", id="all")]
    labels = [r.label for r in unique_labels(reports)]
    assert labels == ["r", "r-2", "index-2", "all-2"]
    assert not RESERVED & set(labels)


def test_build_site_refuses_clashing_labels(located) -> None:
    r, fs = located[0]
    with pytest.raises(ValueError, match="unique"):
        build_site([(r, fs), (r, fs)])


def test_combine_keeps_one_reports_ids(located) -> None:
    r, fs = located[0]
    assert [f.id for f in combine([(r, fs)])] == [f.id for f in fs]
    assert [f.id for f in combine([(r, fs)], prefix=True)] == [f"a:{f.id}" for f in fs]


# --------------------------------------------------------------------------- the command line


def test_site_command_and_rebuild_changes_no_byte(cli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    runs = []
    for seed in ("1", "2"):
        proc = cli("site", str(PALMYRA), str(PAGE), str(TABLE), "-o", str(out),
                   env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr.decode()
        runs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert runs[0] == runs[1]
    names = set(runs[0])
    assert {"index.html", "all.html", "all.geojson", "palmyra_facts.html",
            "mosul_page.html", "mosul_page.geojson"} <= names
    assert not [n for n in names if n.endswith(".tmp") or n.startswith(".")]
    index = runs[0]["index.html"].decode()
    for href in re.findall(r'href="([^"]+)"', index):
        if not href.startswith("https://"):
            assert (out / href).is_file(), href


def test_site_with_a_bad_input_writes_nothing(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Fighting near Homs."}\n{"text": oops}\n', encoding="utf-8")
    out = tmp_path / "site"
    proc = cli("site", str(PALMYRA), str(bad), "-o", str(out))
    line = one_error_line(proc)
    assert "bad.jsonl: line 2" in line
    assert not out.exists()


def test_site_output_must_be_a_folder(cli, tmp_path: Path) -> None:
    out = tmp_path / "file.txt"
    out.write_text("x", encoding="utf-8")
    line = one_error_line(cli("site", str(PALMYRA), "-o", str(out)))
    assert "not a folder" in line
    assert out.read_text(encoding="utf-8") == "x"


def test_map_of_many_reports(cli, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    proc = cli("map", str(PALMYRA), str(TABLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    page = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r"\}\)\((map_[0-9a-f]+), (\{.*\})\);\s*$", page, re.M)
                      .group(2))
    assert len(data["reports"]) >= 3 and data["title"].endswith("reports")
    ids = [f["id"] for f in data["features"]]
    assert len(set(ids)) == len(ids) and all(":" in i for i in ids)


def test_export_formats(cli, tmp_path: Path) -> None:
    geo = cli("export", str(PALMYRA), "--format", "geojson")
    assert geo.returncode == 0, geo.stderr.decode()
    n = len(json.loads(geo.stdout)["features"])
    assert n > 0
    assert geo.stdout == cli("geojson", str(PALMYRA)).stdout

    kml = cli("export", str(PALMYRA), "--format", "kml")
    assert kml.returncode == 0, kml.stderr.decode()
    root = ElementTree.fromstring(kml.stdout)
    placemarks = root.findall(".//{http://www.opengis.net/kml/2.2}Placemark")
    assert len(placemarks) == n

    out = tmp_path / "e.csv"
    proc = cli("export", str(PALMYRA), "--format", "csv", "-o", str(out))
    assert proc.returncode == 0 and proc.stdout == b""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == n
    assert list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"]


def test_export_refuses_an_unknown_format(cli) -> None:
    proc = cli("export", str(PALMYRA), "--format", "shp")
    assert proc.returncode == 2 and b"invalid choice" in proc.stderr


def test_stdin_only_once(cli) -> None:
    line = one_error_line(cli("geojson", "-", "-", input=b"Fighting near Homs."))
    assert "standard input" in line
