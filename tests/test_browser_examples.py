"""The example maps in a real browser, offline, as an analyst opens them (issue 15): framed on
the action, every place labelled without overlaps, the reference layer drawn, a point's
mentions listed, popups clear of the controls, the timeline readable on a laptop and a phone,
every front shape clicked with the mouse. Screenshots go to ``tests/artifacts/``."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_browser as _tb
from test_browser import ARTIFACTS, _click_at, _geojson

#: The browser and page fixtures of test_browser, shared.
browser = _tb.browser
visit = _tb.visit

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"
OFFENSIVE = EXAMPLES / "palmyra-offensive" / "reports.jsonl"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def examples(cli, tmp_path_factory) -> Path:
    """The demo site of the README's first command, and the offensive's timeline map."""
    out = tmp_path_factory.mktemp("examples")
    proc = cli("site", *sorted(str(p) for p in EXAMPLES.glob("*.txt")), str(OFFENSIVE),
               "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    proc = cli("timeline", str(OFFENSIVE), "-o", str(out / "timeline.geojson"), "--map",
               str(out / "timeline.html"))
    assert proc.returncode == 0, proc.stderr.decode()
    return out


def _example_pages(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.html") if p.stem not in ("index", "timeline"))


def _is_action(props: dict) -> bool:
    """As geoevents._mapview.is_action, on the GeoJSON's properties."""
    from geoevents import _mapview

    return (props["kind"] != "area"
            and props["uncertainty_m"] <= _mapview.FRAME_MAX_UNCERTAINTY_M
            and bool(props.get("event_type") or props.get("status") not in (None, "unknown")
                     or props["kind"] in _mapview.RELATIVE_KINDS))


_VIEW = """() => { const b = window.geoevents.map.getBounds();
    return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }"""

_LABELS = """() => [...document.querySelectorAll('.ge-lbl')].map(e => {
    const r = e.getBoundingClientRect();
    return {ids: (e.getAttribute('data-features') || '').split(' ').filter(Boolean),
            text: e.textContent, box: [r.left, r.top, r.right, r.bottom],
            feature: e.classList.contains('ge-flabel')}; })"""


#: Where points (lat, lon) are on the page, in pixels.
_DOTS = """(pts) => { const m = window.geoevents.map,
    r = m.getContainer().getBoundingClientRect();
    return pts.map(p => { const c = m.latLngToContainerPoint(p);
                          return [r.left + c.x, r.top + c.y]; }); }"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def test_example_maps_open_on_the_action_with_every_place_labelled(visit, examples: Path
                                                                    ) -> None:
    """At the opening view: ≥ 90 % of the features with events or relative positions in view,
    the view at most 4× their box, every point in view labelled, no two labels overlapping,
    the reference layer drawn with no network, the layer control collapsed."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name in _example_pages(examples):
        features = _geojson(examples / f"{name}.geojson")
        v = visit(examples / f"{name}.html")
        v.ready()
        s, w, n, e = v.page.evaluate(_VIEW)
        action = [f["properties"] for f in features if _is_action(f["properties"])]
        inside = [p for p in action if s <= p["lat"] <= n and w <= p["lon"] <= e]
        assert len(inside) >= 0.9 * len(action), name
        lats, lons = [p["lat"] for p in action], [p["lon"] for p in action]
        span_y, span_x = max(max(lats) - min(lats), 0.05), max(max(lons) - min(lons), 0.05)
        assert min((n - s) / span_y, (e - w) / span_x) <= 4, name
        labels = v.page.evaluate(_LABELS)
        labelled = {i for lb in labels if lb["feature"] for i in lb["ids"]}
        points = [f for f in features if f["properties"]["kind"] != "area"]
        in_view = [f["id"] for f in points if s < f["properties"]["lat"] < n
                   and w < f["properties"]["lon"] < e]
        if name != "all":  # (the combined map opens on the world: its points coincide)
            assert set(in_view) <= labelled, (name, set(in_view) - labelled)
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                assert not _overlap(a["box"], b["box"]), (name, a["text"], b["text"])
        assert v.page.locator(".leaflet-control-layers-expanded").count() == 0
        # no place of the action opens hidden under the legend, the title or the buttons
        dots = v.page.evaluate(_DOTS, [[p["lat"], p["lon"]] for p in inside])
        for cls, box in v.page.evaluate(_CONTROLS):
            under = [d for d in dots if box[0] - 6 <= d[0] <= box[2] + 6
                     and box[1] - 6 <= d[1] <= box[3] + 6]
            assert not under, (name, cls, under)
        assert v.errors == [] and v.remote == [], name
        v.shot(f"example-{name}-open.png")
        # the reference layer: towns around, from the page itself (three steps out, or up to
        # five where the towns three steps out are all under a control: no name goes there)
        for steps in (3, 1, 1) if name != "all" else (3,):
            v.page.evaluate("(k) => { const m = window.geoevents.map;"
                            " m.setZoom(m.getZoom() - k, {animate: false}); }", steps)
            v.page.wait_for_timeout(100)
            if v.page.locator(".ge-ref, .ge-region").count():
                break
        if name != "all":
            assert v.page.locator(".ge-ref, .ge-region").count() > 0, name
        # zoomed to the action: two steps in from the opening view, on the action's median
        mid = [sorted(lats)[len(lats) // 2], sorted(lons)[len(lons) // 2]]
        v.page.evaluate("(c) => { const m = window.geoevents.map;"
                        " m.setView(c, m.getZoom() + 5, {animate: false}); }", mid)
        v.page.wait_for_timeout(150)
        v.shot(f"example-{name}-zoomed.png")


def test_a_point_with_many_mentions_lists_them(visit, examples: Path) -> None:
    """The seed's Palmyra: one point, a count on its label, and a list of its mentions with
    distinct words, the events first; each opens with one click."""
    name = "palmyra-offensive-2016-03-09"
    features = _geojson(examples / f"{name}.geojson")
    by_point: dict[tuple, list[dict]] = {}
    for f in features:
        if f["properties"]["kind"] != "area":
            p = f["properties"]
            by_point.setdefault((round(p["lat"], 4), round(p["lon"], 4)), []).append(f)
    (lat, lon), many = max(by_point.items(), key=lambda kv: len(kv[1]))
    assert len(many) >= 3
    v = visit(examples / f"{name}.html")
    v.ready()
    popup = _click_at(v, lat, lon)
    assert popup is not None and popup["id"] in {f["id"] for f in many}
    items = v.page.eval_on_selector_all(".ge-popup .ge-also li", "ls => ls.map(l => l.innerText)")
    assert len(items) == len(many) and len(set(items)) == len(items)
    top = next(f for f in many if f["id"] == popup["id"])["properties"]
    assert top.get("event_type") or not any(f["properties"].get("event_type") for f in many)
    assert set(popup["also"]) == {f["id"] for f in many} - {popup["id"]}
    v.shot("example-many-mentions.png")


_CONTROLS = """() => [...document.querySelectorAll('.leaflet-control')].filter(
    c => c.offsetParent !== null && !c.classList.contains('leaflet-control-attribution'))
    .map(c => { const r = c.getBoundingClientRect();
                return [c.className, [r.left, r.top, r.right, r.bottom]]; })"""


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_popups_never_under_a_control(browser, examples: Path, viewport: str) -> None:
    context = browser.new_context(offline=True, viewport=VIEWPORTS[viewport])
    try:
        page = context.new_page()
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                      else r.abort())
        features = _geojson(examples / "mosul-report-2016-11-01.geojson")
        page.goto((examples / "mosul-report-2016-11-01.html").as_uri())
        page.wait_for_function("window.geoevents !== undefined")
        for f in features:
            page.evaluate("(id) => window.geoevents.open(id)", f["id"])
            page.wait_for_selector(".leaflet-popup")
            page.wait_for_timeout(350)  # the pan that clears the controls
            r = page.eval_on_selector(".leaflet-popup-content-wrapper", "e => { const r = "
                                      "e.getBoundingClientRect(); return [r.left, r.top, "
                                      "r.right, r.bottom]; }")
            for cls, box in page.evaluate(_CONTROLS):
                assert not _overlap(r, box), (viewport, f["id"], cls)
            page.evaluate("() => { window.geoevents.map.closePopup(); }")
        ARTIFACTS.mkdir(exist_ok=True)
        page.evaluate("(id) => window.geoevents.open(id)", features[0]["id"])
        page.wait_for_timeout(350)
        page.screenshot(path=str(ARTIFACTS / f"example-popup-{viewport}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_timeline_controls_readable_and_shapes_shown(browser, examples: Path,
                                                     viewport: str) -> None:
    """The slider, the legend, the title and the layer control are on screen and apart; the
    page opens on a day with front shapes, at a zoom where they are bigger than a dot."""
    context = browser.new_context(offline=True, viewport=VIEWPORTS[viewport])
    try:
        page = context.new_page()
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                      else r.abort())
        page.goto((examples / "timeline.html").as_uri())
        page.wait_for_function("window.geoevents !== undefined")
        page.wait_for_timeout(200)
        size = VIEWPORTS[viewport]
        controls = page.evaluate(_CONTROLS)
        names = " ".join(c for c, _ in controls)
        assert "ge-slider" in names and "ge-legend" in names
        for i, (cls, box) in enumerate(controls):
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= size["width"] \
                and box[3] <= size["height"], (cls, box)
            for other, box2 in controls[i + 1:]:
                assert not _overlap(box, box2), (viewport, cls, other)
        slider = page.eval_on_selector(".ge-slider input", "e => e.getBoundingClientRect()"
                                       ".width")
        assert slider >= 100
        shown = page.evaluate("""() => { const g = window.geoevents, m = g.map, out = [];
            g.frontLayer.eachLayer(x => x.eachLayer(l => {
                const b = l.getBounds(), a = m.latLngToContainerPoint(b.getSouthWest()),
                      c = m.latLngToContainerPoint(b.getNorthEast());
                out.push([m.getBounds().intersects(b), Math.max(c.x - a.x, a.y - c.y)]); }));
            return out; }""")
        assert shown and all(inside for inside, _ in shown)
        assert max(px for _, px in shown) >= 40
        page.screenshot(path=str(ARTIFACTS / f"example-timeline-{viewport}.png"))
    finally:
        context.close()


_CLEAR = """(cands) => { const m = window.geoevents.map, pts = [];
    m.eachLayer(l => { if (l instanceof L.CircleMarker && !(l instanceof L.Circle)
                           && l.options.pane === 'ge-features') pts.push(l.getLatLng()); });
    const size = m.getSize();
    for (const [lat, lon] of cands) {
        const p = m.latLngToContainerPoint([lat, lon]);
        if (p.x < 60 || p.y < 60 || p.x > size.x - 60 || p.y > size.y - 60) continue;
        if (pts.every(q => m.latLngToContainerPoint(q).distanceTo(p) > 14)) return [p.x, p.y];
    }
    return null; }"""


def _spots(shape, above) -> list[tuple[float, float]]:
    """Points of ``shape`` not under the shapes drawn above it, nearest its middle first."""
    from shapely.geometry import Point

    free = shape if shape.geom_type.endswith("LineString") else shape.difference(above)
    if free.is_empty:
        return []
    if free.geom_type.endswith("LineString"):
        spots = [free.interpolate(t, normalized=True) for t in (0.5, 0.3, 0.7, 0.15, 0.85)]
        return [(p.y, p.x) for p in spots if not above.contains(p)]
    x0, y0, x1, y1 = free.bounds
    mid = free.representative_point()
    grid = [Point(x0 + (x1 - x0) * i / 12, y0 + (y1 - y0) * j / 12)
            for i in range(1, 12) for j in range(1, 12)]
    inner = [p for p in grid if free.buffer(-(x1 - x0) / 40).contains(p)] or [mid]
    return [(p.y, p.x) for p in sorted(inner, key=lambda p: (p.distance(mid), p.x, p.y))]


def test_every_front_shape_opens_its_popup_on_a_mouse_click(visit, examples: Path) -> None:
    from shapely.geometry import shape
    from shapely.ops import unary_union

    v = visit(examples / "timeline.html")
    v.ready()
    page = v.page
    days = page.evaluate("window.geoevents.dates")
    clicked = 0
    for i in range(len(days)):
        page.evaluate("(i) => window.geoevents.showDay(i)", i)
        fc = page.evaluate("(i) => window.geoevents.fronts[i].fc.features", i)
        shapes = [shape(ft["geometry"]) for ft in fc]
        for k, geom in enumerate(shapes):
            above = unary_union([g.buffer(0.002) if g.geom_type.endswith("LineString") else g
                                 for g in shapes[k + 1:]]) if shapes[k + 1:] else None
            if above is None:
                from shapely.geometry import Polygon
                above = Polygon()
            x0, y0, x1, y1 = geom.bounds
            page.evaluate("(b) => { window.geoevents.map.fitBounds(b, {animate: false,"
                          " padding: [120, 120]}); }", [[y0, x0], [y1, x1]])
            page.evaluate("() => { window.geoevents.map.closePopup(); }")
            page.wait_for_selector(".leaflet-popup", state="detached")
            page.wait_for_timeout(60)  # the canvas redrawn at the new view
            spot = page.evaluate(_CLEAR, _spots(geom, above))
            if spot is None:  # wholly under a later shape or a point: not clickable by design
                continue
            box = page.eval_on_selector(".leaflet-container", "e => { const r = "
                                        "e.getBoundingClientRect(); return [r.left, r.top]; }")
            page.mouse.click(box[0] + spot[0], box[1] + spot[1])
            page.wait_for_selector(".leaflet-popup-content .ge-popup[data-front]", timeout=3000)
            got = page.eval_on_selector(".ge-popup[data-front]", "e => e.getAttribute("
                                        "'data-front')")
            assert got == str(k), (days[i], k, fc[k]["properties"]["layer"])
            clicked += 1
    assert clicked >= 0.9 * sum(len(page.evaluate("(i) => window.geoevents.fronts[i].fc"
                                                  ".features", i)) for i in range(len(days)))
    assert v.errors == []
    v.shot("example-timeline-click.png")


def test_a_clustered_map_opens_without_errors(visit, gaz, tmp_path: Path) -> None:
    """The cluster group needs whole zoom levels: a clustered page fits its frame without the
    quarter steps of the others (a fractional zoom broke it)."""
    from geoevents.model import Report
    from geoevents.pipeline import locate
    from geoevents.render import render_map

    report = Report((EXAMPLES / "kunduz-report-2015-10-01.txt").read_text(encoding="utf-8"),
                    source="kunduz.txt")
    features = locate(report, gaz)
    out = tmp_path / "clustered.html"
    out.write_text(render_map(features, reports=[report], cluster=True), encoding="utf-8")
    v = visit(out)
    v.ready()
    v.page.wait_for_timeout(300)
    assert v.errors == []
    assert v.page.evaluate("Number.isInteger(window.geoevents.map.getZoom())")
    assert len(v.page.evaluate("window.geoevents.drawn()")) == len(features)


def test_an_inferred_hold_says_so_in_its_popup(visit, tmp_path: Path) -> None:
    """A control area no report states (held by the attacker's one opponent, inferred from an
    attack) tells the analyst so in its popup, as text (the place's name is the report's)."""
    from dataclasses import replace

    from _helpers import place_claim
    from shapely.geometry import shape
    from shapely.ops import unary_union

    from geoevents.frontline import estimate
    from geoevents.render import render_map

    name = "<b>Nakala</b>"
    attacked = replace(place_claim("advancing", "rebels", "2021-05-03", lat=-11.3, lon=40.35),
                       place=name)
    elsewhere = [replace(place_claim("held", side, "2021-05-01", lat=lat, lon=40.4),
                         place_key=key, place=key)
                 for side, lat, key in (("army", -11.9, "q"), ("rebels", -12.5, "r"))]
    front = estimate([*elsewhere, attacked], on="2021-05-03")
    fc = front.to_geojson()
    k = next(i for i, ft in enumerate(fc["features"]) if ft["properties"].get("inferred"))
    out = tmp_path / "inferred.html"
    out.write_text(render_map([], fronts=[(front.date, fc)], title="inferred"), encoding="utf-8")
    v = visit(out)
    v.ready()
    page = v.page
    geom = shape(fc["features"][k]["geometry"])
    x0, y0, x1, y1 = geom.bounds
    page.evaluate("(b) => { window.geoevents.map.fitBounds(b, {animate: false,"
                  " padding: [120, 120]}); }", [[y0, x0], [y1, x1]])
    page.wait_for_timeout(60)
    later = [shape(ft["geometry"]) for ft in fc["features"][k + 1:]]
    spot = page.evaluate(_CLEAR, _spots(geom, unary_union(later) if later else geom.difference(
        geom)))
    assert spot is not None
    box = page.eval_on_selector(".leaflet-container", "e => { const r = "
                                "e.getBoundingClientRect(); return [r.left, r.top]; }")
    page.mouse.click(box[0] + spot[0], box[1] + spot[1])
    page.wait_for_selector(".leaflet-popup-content .ge-inferred", timeout=3000)
    text = page.inner_text(".leaflet-popup-content .ge-inferred")
    assert text.startswith("Inferred — " + name + ": held by army")
    assert "inferred from an attack by rebels" in text
    assert "<b>Nakala</b>" not in page.inner_html(".leaflet-popup-content").replace(
        "&lt;b&gt;Nakala&lt;/b&gt;", "")
    assert v.errors == []
