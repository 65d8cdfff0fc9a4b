"""``geoevents timeline``: many reports merged in time, front lines day by day, GeoJSON and a
map with a day slider — run as a user would, on the project's Palmyra offensive sequence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _helpers import one_error_line

ROOT = Path(__file__).resolve().parent.parent
SEQUENCE = ROOT / "data" / "examples" / "palmyra-offensive" / "reports.jsonl"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")




@pytest.fixture(scope="module")
def timeline(cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("timeline")
    runs = []
    for seed in ("1", "2"):
        geo, page = out / f"t{seed}.geojson", out / f"t{seed}.html"
        proc = cli("timeline", str(SEQUENCE), "-o", str(geo), "--map", str(page),
                   env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr.decode()
        runs.append((geo, page))
    return runs


def test_timeline_is_deterministic(timeline) -> None:
    (g1, p1), (g2, p2) = timeline
    assert g1.read_bytes() == g2.read_bytes()
    assert p1.read_bytes() == p2.read_bytes()


def test_timeline_geojson(timeline) -> None:
    feats = json.loads(timeline[0][0].read_text(encoding="utf-8"))["features"]
    claims = [f for f in feats if f["properties"]["layer"] == "claim"]
    shapes = [f for f in feats if f["properties"]["layer"] != "claim"]
    assert claims and shapes
    # every claim keeps its sources: report, feature, title, date and quote
    for c in claims:
        assert c["properties"]["sources"]
        for s in c["properties"]["sources"]:
            assert s["report"].startswith("palmyra-offensive-") and s["quote"]
    # one estimate a day from the first to the last report of the offensive
    days = sorted({f["properties"]["date"] for f in shapes})
    assert days[0] >= "2016-03-09" and days[-1] == "2016-03-27"
    layers = {f["properties"]["layer"] for f in shapes}
    assert {"control", "grey_zone"} <= layers
    for f in shapes:
        p = f["properties"]
        assert p["certainty"] in ("assessed", "claimed", "stale", "contested")
        assert p["sources"] and p["method"]["memory_days"] > 0
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon", "LineString",
                                         "MultiLineString")


def test_government_control_grows_east(timeline) -> None:
    """The reports say the army pushed east onto Palmyra day by day: its control area's
    east-most point must not move west, and must end further east than it began."""
    feats = json.loads(timeline[0][0].read_text(encoding="utf-8"))["features"]

    def east(f) -> float:
        coords = f["geometry"]["coordinates"]
        flat = [pt for ring in (coords if f["geometry"]["type"] == "Polygon"
                                else [r for poly in coords for r in poly]) for pt in ring]
        return max(x for x, _ in flat)

    by_day: dict[str, float] = {}
    for f in feats:
        p = f["properties"]
        if p["layer"] == "control" and "sy-government" in p["sides"]:
            by_day[p["date"]] = max(by_day.get(p["date"], -180.0), east(f))
    days = sorted(by_day)
    assert len(days) >= 10
    easts = [by_day[d] for d in days]
    assert easts[-1] > easts[0] + 0.05  # ≥ ~5 km further east
    assert easts[-1] >= 38.28  # past Palmyra's centre (38.284° E) by the end


def test_timeline_needs_dates(cli, tmp_path: Path) -> None:
    report = tmp_path / "undated.txt"
    report.write_text("Clashes went on near Homs.\n", encoding="utf-8")
    line = one_error_line(cli("timeline", str(report), "-o", str(tmp_path / "t.geojson")))
    assert "no publication date" in line  # refused before any work (issue 14, item 5)
    assert not (tmp_path / "t.geojson").exists()


def test_timeline_refuses_a_backwards_span(cli, tmp_path: Path) -> None:
    line = one_error_line(cli("timeline", str(SEQUENCE), "-o", str(tmp_path / "t.geojson"),
                               "--start", "2016-03-20", "--end", "2016-03-10"))
    assert "before" in line
    assert not (tmp_path / "t.geojson").exists()


def test_timeline_map_in_the_browser(timeline) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed at /usr/bin/chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    page_path = timeline[0][1]
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox",
                                                                   "--disable-gpu"])
        try:
            ctx = b.new_context(offline=True, viewport={"width": 1200, "height": 800})
            page = ctx.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                      else r.abort())
            page.goto(page_path.as_uri())
            page.wait_for_function("window.geoevents !== undefined")
            dates = page.evaluate("window.geoevents.dates")
            assert dates[0] >= "2016-03-09" and dates[-1] == "2016-03-27"
            assert page.locator(".ge-slider input[type=range]").count() == 1
            counts = []
            for i in (0, len(dates) - 1):
                page.evaluate("(i) => { window.geoevents.showDay(i); }", i)
                assert page.inner_text(".ge-slider .ge-date") == dates[i]
                counts.append(len(page.evaluate("window.geoevents.drawn()")))
                assert page.evaluate("window.geoevents.frontLayer.getLayers()[0]"
                                     ".getLayers().length") > 0
            assert 0 < counts[0] < counts[1]  # later reports' features appear with their days
            # a front shape's popup lists the reports behind it, with their words
            page.evaluate("() => { const g = window.geoevents.frontLayer.getLayers()[0];"
                          " const l = g.getLayers()[0]; l.openPopup(l.getBounds ?"
                          " l.getBounds().getCenter() : l.getLatLng()); }")
            text = page.inner_text(".leaflet-popup-content")
            assert "Reports behind it" in text and "palmyra" in text.lower()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "timeline.png"))
        finally:
            b.close()
    assert errors == []


def test_a_report_with_no_date_is_refused_unless_date_is_given(run_cli, tmp_path):
    """Issue 14: a timeline of a report with no publication date said nothing and dated its
    claims by whatever date the text held (a photo caption's)."""
    from _helpers import one_error_line

    report = tmp_path / "undated.txt"
    report.write_text("Government forces took Tadmur on Sunday. A photo caption: May 18, 2015.\n",
                      encoding="utf-8")
    out = tmp_path / "t.geojson"
    proc = run_cli("timeline", str(report), "-o", str(out))
    assert "no publication date" in one_error_line(proc) and "undated.txt" in proc.stderr.decode()
    assert not out.exists()
    proc = run_cli("timeline", str(report), "-o", str(out), "--date", "2016-03-27")
    assert proc.returncode == 0, proc.stderr
    assert out.exists()
