"""Maps and the static site in a real browser (headless Debian Chromium via Playwright), with
the network blocked: pages load and draw every feature, popups show their quotes, the layer
control and search work, the index's links hold, and hostile reports run nothing.

Screenshots are kept in ``tests/artifacts/`` (git-ignored). The tests skip when Chromium or
Playwright is missing; ``.ci/run`` installs Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from geoevents import render

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PALMYRA = FIXTURES / "palmyra_facts.txt"
PAGE = FIXTURES / "inputs" / "mosul_page.html"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]

#: Each payload sits in a sentence next to a real place, so that it ends up in a popup quote;
#: each would set ``window.__pwned`` (and open a dialog) if it ever ran.
PAYLOADS = (
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    '"><svg onload="window.__pwned=1;alert(1)">',
    "`;window.__pwned=1;alert(1);`",
    "${window.__pwned=1}${alert(1)}",
    "</script><script>window.__pwned=1</script>",
    "\\u0060;window.__pwned=1;\\u0060 \\x3cb\\x3e \\",
)
HOSTILE_TEXT = f"""\
Fighting near Palmyra {PAYLOADS[0]} continued on Monday.
Shelling hit positions 5 km north of Palmyra {PAYLOADS[1]} overnight.
Clashes near Homs {PAYLOADS[2]} went on.
Residents near Aleppo said {PAYLOADS[3]} and {PAYLOADS[4]} were heard.
Fighting resumed within 10 km of Raqqa {PAYLOADS[5]} at dawn.
Troops entered Deir ez-Zor {PAYLOADS[6]} at noon.
"""
HOSTILE_RECORDS = [
    {"id": "x1", "title": "</title><script>window.__pwned=1;alert(1)</script>",
     "date": "2016-03-24", "url": "javascript:window.__pwned=1;alert(1)", "text": HOSTILE_TEXT},
    {"id": "x2", "title": '<img src=x onerror="window.__pwned=1;alert(1)">',
     "url": 'https://example.org/"><svg onload="window.__pwned=1">',
     "text": "Clashes near Homs <b onmouseover=\"window.__pwned=1\">today</b> went on."},
    {"id": "x3", "title": '"><a href="javascript:window.__pwned=1">click</a>',
     "url": "  JaVaScRiPt:window.__pwned=1", "text": "Shelling hit Aleppo ${alert(1)} again."},
]
HOSTILE_SITE_TITLE = "<script>window.__pwned=1</script>${alert(1)}"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            yield b
        finally:
            b.close()


class Visit:
    """A page opened with the network blocked, recording what the page tried and said."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(offline=True, viewport={"width": 1200,
                                                                   "height": 800})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.remote: list[str] = []

        def on_dialog(d) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        def route(r) -> None:
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                self.remote.append(r.request.url)
                r.abort()

        self.page.on("dialog", on_dialog)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}")
                     if m.type == "error" else None)
        self.context.route("**/*", route)
        self.page.goto(path.as_uri(), wait_until="load")

    def ready(self) -> None:
        self.page.wait_for_function("window.geoevents !== undefined", timeout=15000)
        self.page.wait_for_timeout(200)

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_(path: Path) -> Visit:
        v = Visit(browser, path)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


@pytest.fixture(scope="module")
def site(cli, tmp_path_factory) -> Path:
    """A site of the Palmyra fixture and a saved news page."""
    out = tmp_path_factory.mktemp("site")
    proc = cli("site", str(PALMYRA), str(PAGE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    return out


@pytest.fixture(scope="module")
def hostile_site(cli, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    reports = folder / "hostile.jsonl"
    reports.write_text("\n".join(json.dumps(r) for r in HOSTILE_RECORDS) + "\n",
                       encoding="utf-8")
    out = folder / "site"
    proc = cli("site", str(reports), "-o", str(out), "--title", HOSTILE_SITE_TITLE)
    assert proc.returncode == 0, proc.stderr.decode()
    return out


def _geojson(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


# --------------------------------------------------------------------------- maps


@pytest.mark.parametrize("name", ["palmyra_facts", "all"])
def test_map_loads_offline_and_draws_every_feature(visit, site: Path, name: str) -> None:
    features = _geojson(site / f"{name}.geojson")
    assert features
    v = visit(site / f"{name}.html")
    v.ready()
    page = v.page
    assert page.evaluate("typeof L === 'object' && typeof L.map === 'function'")
    assert page.evaluate("window.geoevents.features") == len(features)
    drawn = page.evaluate("window.geoevents.drawn()")
    assert sorted(drawn) == sorted(f["id"] for f in features)
    # drawn on one canvas, which really has the features' colours (not only layers in memory)
    v.shot(f"map-{name}.png")
    point_kinds = {f["properties"]["kind"] for f in features} - {"area"}
    colours = set(page.evaluate(_CANVAS_COLOURS))
    # a kind whose points coincide with another's at the opening zoom is looked at closely
    for kind in sorted(point_kinds):
        if render.STYLE[kind][0] not in colours:
            p = next(f["properties"] for f in features if f["properties"]["kind"] == kind)
            page.evaluate("(c) => { window.geoevents.map.setView(c, 14, {animate: false}); }",
                          [p["lat"], p["lon"]])
            page.wait_for_timeout(100)
            colours |= set(page.evaluate(_CANVAS_COLOURS))
    assert {render.STYLE[k][0] for k in point_kinds} <= colours
    assert v.errors == [] and v.remote == [] and v.dialogs == []


#: The opaque colours on the features' canvas (what is really drawn, not layers in memory).
_CANVAS_COLOURS = """() => {
    const c = document.querySelector('.leaflet-ge-features-pane canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] === 255) seen.add('#' + [d[i], d[i + 1], d[i + 2]]
            .map(x => x.toString(16).padStart(2, '0')).join(''));
    }
    return [...seen];
}"""


_POPUP = """() => {
    const p = document.querySelector('.leaflet-popup-content .ge-popup');
    if (!p) return null;
    const m = p.querySelector('blockquote mark');
    return {id: p.getAttribute('data-feature'), text: p.innerText,
            quote: p.querySelector('blockquote').textContent,
            mark: m ? m.textContent : null,
            also: [...p.querySelectorAll('.ge-also button')].map(
                b => b.getAttribute('data-feature'))};
}"""


def _click_at(v: Visit, lat: float, lon: float) -> dict | None:
    """Centre the map on (lat, lon) at zoom 13, click there; the popup that opened, if any."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = v.page
    page.evaluate("() => { window.geoevents.map.closePopup(); }")
    page.wait_for_selector(".leaflet-popup", state="detached")
    page.evaluate("([lat, lon]) => { window.geoevents.map.setView([lat, lon], 13,"
                  " {animate: false}); }", [lat, lon])
    page.wait_for_timeout(100)
    box = page.eval_on_selector(".leaflet-container", "e => { const r = "
                                "e.getBoundingClientRect(); return [r.left, r.top]; }")
    x, y = page.evaluate("([lat, lon]) => { const p = window.geoevents.map"
                         ".latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }", [lat, lon])
    page.mouse.click(box[0] + x, box[1] + y)
    try:
        page.wait_for_selector(".leaflet-popup-content .ge-popup", timeout=3000)
    except PlaywrightTimeout:  # nothing there to click
        return None
    return page.evaluate(_POPUP)


#: the map is not panning (a popup's autoPan animation has ended)
_MAP_STILL = ("() => { const a = window.geoevents.map._panAnim;"
              " return !a || !a._inProgress; }")


def _check_popup(popup: dict, feature: dict) -> None:
    props = feature["properties"]
    assert popup["id"] == feature["id"]
    assert popup["quote"] == " ".join(props["quote"].split())
    assert popup["mark"] == " ".join(props["text"].split())
    assert props["place_id"] is None or props["place_id"] in popup["text"]
    assert "Uncertainty" in popup["text"] and "Confidence" in popup["text"]


def test_clicking_a_point_opens_its_popup_with_the_quote(visit, site: Path) -> None:
    features = _geojson(site / "palmyra_facts.geojson")
    by_id = {f["id"]: f for f in features}
    v = visit(site / "palmyra_facts.html")
    v.ready()
    points = [f for f in features if f["properties"]["kind"] != "area"]
    assert len(points) >= 5
    seen: set[str] = set()
    for f in points:
        lat, lon = f["properties"]["lat"], f["properties"]["lon"]
        here = {g["id"] for g in points
                if abs(g["properties"]["lat"] - lat) < 5e-5
                and abs(g["properties"]["lon"] - lon) < 5e-5}
        popup = _click_at(v, lat, lon)
        assert popup is not None, f["id"]
        # the top-most of the features whose point is here, and the others one click away
        assert popup["id"] in here and set(popup["also"]) == here - {popup["id"]}
        _check_popup(popup, by_id[popup["id"]])
        seen.add(popup["id"])
        for other in popup["also"]:
            # a popup opened or refilled pans the map to fit it (Leaflet's autoPan): click
            # once the map stands still, as a reader would
            v.page.wait_for_function(_MAP_STILL)
            v.page.click(f".ge-also button[data-feature=\"{other}\"]")
            v.page.wait_for_selector(f".ge-popup[data-feature=\"{other}\"]")
            shown = v.page.evaluate(_POPUP)
            _check_popup(shown, by_id[other])
            seen.add(other)
    assert seen == {f["id"] for f in points}  # every point's popup was reached by clicking
    assert v.errors == [] and v.remote == []
    v.shot("map-popup.png")


def test_clicking_a_region_opens_its_popup(visit, site: Path) -> None:
    features = _geojson(site / "palmyra_facts.geojson")
    disc = next(f for f in features if f["properties"]["kind"] == "disc"
                and f["properties"]["uncertainty_m"] > 2500)
    props = disc["properties"]
    v = visit(site / "palmyra_facts.html")
    v.ready()
    # a spot inside the disc, away from every point estimate: 0.8 of the radius to the east
    import math

    dlon = 0.8 * props["uncertainty_m"] / (111_320 * math.cos(math.radians(props["lat"])))
    popup = _click_at(v, props["lat"], props["lon"] + dlon)
    assert popup is not None
    got = next(f for f in features if f["id"] == popup["id"])
    assert got["properties"]["kind"] not in ("place",)  # a region, not a point
    assert popup["quote"] == " ".join(got["properties"]["quote"].split())
    assert v.errors == []


def test_popup_shows_the_reports_title_date_and_link(visit, site: Path) -> None:
    features = _geojson(site / "mosul_page.geojson")
    assert features and features[0]["properties"]["report_url"].startswith("https://")
    v = visit(site / "mosul_page.html")
    v.ready()
    assert v.page.evaluate("(id) => window.geoevents.open(id)", features[0]["id"])
    v.page.wait_for_selector(".leaflet-popup-content .ge-popup")
    text = v.page.inner_text(".leaflet-popup-content")
    props = features[0]["properties"]
    assert props["report_title"] in text and props["report_date"] in text
    links = v.page.eval_on_selector_all(".leaflet-popup-content a", "as => as.map(a => "
                                        "[a.getAttribute('href'), a.rel, a.target])")
    assert links == [[props["report_url"], "noopener noreferrer nofollow", "_blank"]]
    title = v.page.inner_text(".ge-title")
    assert props["report_title"] in title and props["report_date"] in title


def _expand_layers(v: Visit) -> None:
    """Open the (collapsed) layer control as a user does: the mouse over its button."""
    v.page.hover(".leaflet-control-layers")
    v.page.wait_for_selector(".leaflet-control-layers-expanded")


def _toggle(v: Visit, label_start: str) -> None:
    _expand_layers(v)
    labels = v.page.locator(".leaflet-control-layers-overlays label")
    for i in range(labels.count()):
        if labels.nth(i).inner_text().strip().startswith(label_start):
            labels.nth(i).locator("input").click()
            v.page.wait_for_timeout(100)
            return
    raise AssertionError(f"no layer named {label_start!r}")


def test_layer_control_by_kind_regions_and_report(visit, site: Path) -> None:
    features = _geojson(site / "all.geojson")
    v = visit(site / "all.html")
    v.ready()
    count = lambda: len(v.page.evaluate("window.geoevents.drawn()"))  # noqa: E731
    assert count() == len(features)
    kinds = {f["properties"]["kind"] for f in features}
    kind = "place" if "place" in kinds else sorted(kinds)[0]
    n_kind = sum(f["properties"]["kind"] == kind for f in features)
    _toggle(v, render.STYLE[kind][1])
    assert count() == len(features) - n_kind
    _toggle(v, render.STYLE[kind][1])
    assert count() == len(features)
    # the uncertainty regions alone: what is left is the features with a point estimate
    _toggle(v, "Uncertainty regions")
    assert count() == sum(f["properties"]["kind"] != "area" for f in features)
    _toggle(v, "Uncertainty regions")
    # one report off
    reports = sorted({f["properties"]["report"] for f in features})
    assert len(reports) == 2
    title = next(f["properties"]["report_title"] for f in features
                 if f["properties"]["report"] == "mosul_page")
    _toggle(v, title)
    assert count() == sum(f["properties"]["report"] != "mosul_page" for f in features)
    legend = v.page.inner_text(".ge-legend")
    for k in kinds:
        assert render.STYLE[k][1] in legend
    assert v.errors == []
    v.shot("map-layers.png")


def test_search_box_finds_a_feature(visit, site: Path) -> None:
    features = _geojson(site / "palmyra_facts.geojson")
    name = next(f["properties"]["text"] for f in features
                if f["properties"]["kind"] == "place")
    v = visit(site / "palmyra_facts.html")
    v.ready()
    v.page.click(".leaflet-control-search .search-button")
    v.page.locator(".leaflet-control-search input").press_sequentially(name[:4], delay=30)
    v.page.wait_for_selector(".leaflet-control-search .search-tip")
    tips = v.page.eval_on_selector_all(".search-tip", "ts => ts.map(t => t.textContent)")
    assert name in tips
    v.page.locator(".search-tip", has_text=name).first.click()
    v.page.wait_for_selector(".leaflet-popup-content .ge-popup", timeout=5000)
    assert name in v.page.inner_text(".leaflet-popup-content h4")
    assert v.errors == []


def test_fullscreen_measure_and_scale_controls(visit, site: Path) -> None:
    v = visit(site / "palmyra_facts.html")
    v.ready()
    for selector in (".leaflet-control-zoom-fullscreen", ".leaflet-control-measure",
                     ".leaflet-control-scale", ".leaflet-control-layers",
                     ".leaflet-control-search", ".ge-legend"):
        assert v.page.locator(selector).count() == 1, selector


def test_offline_base_layer_is_drawn_and_tiles_are_offered(visit, site: Path) -> None:
    v = visit(site / "palmyra_facts.html")
    v.ready()
    _expand_layers(v)
    bases = v.page.eval_on_selector_all(".leaflet-control-layers-base label",
                                        "ls => ls.map(l => l.innerText.trim())")
    assert bases == ["Offline: Natural Earth countries", "OpenStreetMap",
                     "Satellite imagery (Esri)"]
    assert v.page.evaluate("document.querySelector('.leaflet-container')"
                           ".classList.contains('ge-offline-base')")
    assert "Natural Earth" in v.page.inner_text(".leaflet-control-attribution")
    assert v.remote == []
    # choosing OpenStreetMap asks for tiles (blocked here): the page does not break
    _toggle_base = v.page.locator(".leaflet-control-layers-base label", has_text="OpenStreetMap")
    _toggle_base.locator("input").click()
    v.page.wait_for_timeout(300)
    assert any("tile.openstreetmap.org" in u for u in v.remote)
    assert not [e for e in v.errors if "pageerror" in e]


# --------------------------------------------------------------------------- index page


def test_index_lists_every_report_and_its_links_hold(visit, site: Path) -> None:
    v = visit(site / "index.html")
    page = v.page
    rows = page.eval_on_selector_all("tbody tr", "rs => rs.map(r => r.innerText)")
    assert len(rows) == 2
    page_props = _geojson(site / "mosul_page.geojson")[0]["properties"]
    assert any(page_props["report_title"] in r and page_props["report_date"] in r for r in rows)
    assert any(str(len(_geojson(site / "palmyra_facts.geojson"))) in r for r in rows)
    hrefs = page.eval_on_selector_all("a", "as => as.map(a => [a.getAttribute('href'),"
                                      " a.href])")
    local = [(raw, full) for raw, full in hrefs if not raw.startswith("https://")]
    assert len(local) >= 6
    for raw, full in local:
        assert not raw.startswith(("/", "file:")) and "://" not in raw  # relative only
        target = Path(unquote(urlparse(full).path))
        assert target.is_file() and target.parent == site, raw
    assert [raw for raw, _ in hrefs if raw.startswith("https://")] == [
        page_props["report_url"]]
    assert page.evaluate("document.scripts.length") == 0  # the index runs nothing at all
    assert v.errors == [] and v.remote == []
    v.shot("index.png")
    page.click("text=Combined map")
    v.ready()
    assert page.url.endswith("/all.html")
    assert page.evaluate("window.geoevents.features") == len(_geojson(site / "all.geojson"))


# --------------------------------------------------------------------------- hostile reports


def _inert(v: Visit) -> None:
    assert v.dialogs == []
    assert v.page.evaluate("window.__pwned") is None
    assert v.page.evaluate("document.querySelectorAll('a[href^=\"javascript\" i]').length") == 0


@pytest.mark.parametrize("name", ["x1", "x2", "x3", "all"])
def test_hostile_reports_run_nothing_in_maps(visit, hostile_site: Path, name: str) -> None:
    features = _geojson(hostile_site / f"{name}.geojson")
    assert features
    v = visit(hostile_site / f"{name}.html")
    v.ready()
    page = v.page
    assert v.errors == []  # the whole script ran: no payload broke out of the data
    n_scripts = page.evaluate("document.scripts.length")
    for f in features:  # open every popup, hover every tooltip
        assert page.evaluate("(id) => window.geoevents.open(id)", f["id"])
        popup = page.inner_text(f".ge-popup[data-feature=\"{f['id']}\"]")
        assert " ".join(f["properties"]["text"].split()) in popup
    page.wait_for_timeout(200)
    _inert(v)
    assert page.evaluate("document.scripts.length") == n_scripts
    allowed = "div,h4,blockquote,mark,table,tbody,tr,th,td,code,button,b,ol,li,span"
    assert page.evaluate("document.querySelectorAll('.leaflet-container img:not(.leaflet-tile),"
                         f" .ge-popup *:not({allowed}), .ge-title *:not(div), .ge-legend img,"
                         " svg[onload]').length") == 0
    body = page.evaluate("document.body.innerText")
    if name == "x1":
        assert page.inner_text(".ge-title .ge-title-text") == HOSTILE_RECORDS[0]["title"]
        assert HOSTILE_RECORDS[0]["url"] in page.inner_text(".ge-title")  # as text, not a link
        shown = [p for p in PAYLOADS if " ".join(p.split()) in body]
        assert shown, "the payloads are shown, as text"
        v.shot("hostile-map.png")


def test_hostile_reports_run_nothing_in_the_index(visit, hostile_site: Path) -> None:
    v = visit(hostile_site / "index.html")
    page = v.page
    assert page.evaluate("document.scripts.length") == 0
    assert page.title() == HOSTILE_SITE_TITLE
    text = page.evaluate("document.body.innerText")
    for r in HOSTILE_RECORDS:
        assert r["title"] in text
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, object').length") == 0
    hrefs = page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href'))")
    assert all(re.fullmatch(r"(x[123]|all)\.(html|geojson)", h) for h in hrefs), hrefs
    page.locator("td.src").first.click()
    page.wait_for_timeout(100)
    _inert(v)
    assert v.errors == [] and v.remote == []
    v.shot("hostile-index.png")


def test_the_harness_catches_markup_from_the_data(visit, tmp_path: Path, monkeypatch,
                                                   gaz) -> None:
    """Control: a page script that put report text into innerHTML is caught by these tests."""
    from geoevents.model import Report
    from geoevents.pipeline import locate

    unsafe = render._script()
    for part in ("f.q[0]", "f.q[2]"):  # the quote's text around the mention
        unsafe = unsafe.replace(f"q.appendChild(document.createTextNode({part}));",
                                f'q.insertAdjacentHTML("beforeend", {part});')
    assert unsafe.count("insertAdjacentHTML") == 2
    monkeypatch.setattr(render, "_script", lambda: unsafe)
    report = Report(HOSTILE_TEXT, source="hostile.txt")
    out = tmp_path / "unsafe.html"
    out.write_text(render.render_map(locate(report, gaz), reports=[report]), encoding="utf-8")
    v = visit(out)
    v.ready()
    for fid in v.page.evaluate("window.geoevents.drawn()"):
        v.page.evaluate("(id) => window.geoevents.open(id)", fid)
    v.page.wait_for_function("window.__pwned === 1", timeout=5000)
    assert v.dialogs

