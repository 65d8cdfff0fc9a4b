"""The HTML map (:mod:`geoevents.render`): structure, determinism; report text shown, never run."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from geoevents import render
from geoevents.model import KINDS, Feature
from geoevents.pipeline import locate
from geoevents.read import read_report
from geoevents.render import STYLE, esc, popup_html, render_map

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PALMYRA = FIXTURES / "palmyra_facts.txt"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

#: Each payload sits in a sentence next to a real place, so that it ends up in a popup quote.
#: They also set ``window.__pwned`` so that a browser test can tell whether any of them ran.
PAYLOADS = (
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    '"><svg onload="window.__pwned=1;alert(1)">',
    "`;window.__pwned=1;alert(1);`",
    "${window.__pwned=1}${alert(1)}",
    "\\u0060;window.__pwned=1;\\u0060 \\x3cb\\x3e \\",
)
XSS_REPORT = f"""\
Fighting near Palmyra {PAYLOADS[0]} continued on Monday.
Shelling hit positions 5 km north of Palmyra {PAYLOADS[1]} overnight.
Clashes near Homs {PAYLOADS[2]} went on.
Residents near Aleppo said {PAYLOADS[3]} and {PAYLOADS[4]} were heard.
Fighting resumed within 10 km of Raqqa {PAYLOADS[5]} at dawn.
"""
XSS_TITLE = ("</div><script>window.__pwned=1;alert(1)</script><img src=x onerror=alert(1)>"
             "${alert(1)}`")
#: Raw markup that must not occur anywhere in the page.
FORBIDDEN = ("<script>window.__pwned", "<script>alert", "<img src=x", "<svg onload", "${alert",
             "${window", "\\u0060", "\\x3c", "onerror=\"window", "`;window")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
CHROMIUM = Path("/usr/bin/chromium")




def _feature(**kw) -> Feature:
    """A hand-made feature (no pipeline), for unit tests of popups and escaping."""
    base = dict(id="f000000000001", kind="place", text="Palmyra",
                quote="Army closes in on Palmyra", start=18, end=25, relation="place",
                lat=34.5624, lon=38.28402, uncertainty_m=2014.9, precision=1, confidence=0.9,
                geometry=Point(38.28402, 34.5624), place="Tadmur", place_id="geonames:163808",
                country="SY", place_source="test")
    base.update(kw)
    return Feature(**base)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def palmyra(gaz):
    report = read_report(PALMYRA)
    features = locate(report, gaz)
    assert features
    return report, features


@pytest.fixture(scope="module")
def palmyra_html(palmyra) -> str:
    report, features = palmyra
    return render_map(features, text=report.text, title=PALMYRA.name)


@pytest.fixture(scope="module")
def cli_maps(cli, tmp_path_factory) -> tuple[bytes, bytes]:
    """``geoevents map`` on the Palmyra fixture, twice (different hash seeds)."""
    folder = tmp_path_factory.mktemp("maps")
    outs = []
    for seed in ("1", "2"):
        out = folder / f"map{seed}.html"
        proc = cli("map", str(PALMYRA), "-o", str(out),
                    env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr.decode()
        outs.append(out.read_bytes())
    return outs[0], outs[1]


@pytest.fixture(scope="module")
def xss_map(cli, tmp_path_factory) -> Path:
    """``geoevents map`` of the hostile report with a hostile --title."""
    folder = tmp_path_factory.mktemp("xss")
    report = folder / "hostile.txt"
    report.write_text(XSS_REPORT, encoding="utf-8")
    out = folder / "hostile.html"
    proc = cli("map", str(report), "-o", str(out), "--title", XSS_TITLE)
    assert proc.returncode == 0, proc.stderr.decode()
    return out


@pytest.fixture(scope="module")
def xss_features(gaz):
    return locate(XSS_REPORT, gaz)


# --------------------------------------------------------------------------- structure


def _overlays(page: str) -> list[str]:
    block = re.search(r"overlays\s*:\s*\{(.*?)\}", page, re.S)
    assert block, "no layer control overlays"
    return re.findall(r'"([^"]+)"\s*:\s*feature_group_', block.group(1))


def _fit_bounds(page: str) -> list[float] | None:
    num = r"\s*([-+\d.eE]+)\s*"
    m = re.search(rf"\.fitBounds\(\s*\[\[{num},{num}\],\s*\[{num},{num}\]\]", page)
    return [float(x) for x in m.groups()] if m else None


def test_leaflet_map(palmyra_html: str) -> None:
    assert palmyra_html.lstrip().startswith("<!DOCTYPE html>")
    assert re.search(r'<script src="[^"]*leaflet[^"]*\.js"></script>', palmyra_html)
    assert re.search(r"var (map_\w+) = L\.map\(\s*\"\1\"", palmyra_html)
    assert "L.control.layers(" in palmyra_html


def test_one_layer_per_kind_present(palmyra) -> None:
    report, features = palmyra
    page = render_map(features, text=report.text)
    present = [k for k in KINDS if any(f.kind == k for f in features)]
    assert len(present) >= 3
    expected = [f"{STYLE[k][1]} ({sum(f.kind == k for f in features)})" for k in present]
    assert sorted(_overlays(page)) == sorted(expected)  # (drawing order is the renderer's)
    # a map of only some kinds has only their layers
    subset = [f for f in features if f.kind == present[0]]
    assert _overlays(render_map(subset, text=report.text)) == [expected[0]]


def test_legend(palmyra, palmyra_html: str) -> None:
    _, features = palmyra
    m = re.search(r'<div class="ge-legend">(.*?)</div></div>', palmyra_html, re.S)
    assert m, "no legend"
    legend = m.group(1)
    present = {f.kind for f in features}
    for kind, (color, label) in STYLE.items():
        if kind in present:
            assert f'<i style="background:{color}"></i>{esc(label)}' in legend
        else:
            assert esc(label) not in legend


def test_fit_bounds_covers_the_local_features(palmyra, palmyra_html: str) -> None:
    _, features = palmyra
    bounds = _fit_bounds(palmyra_html)
    assert bounds, "no fitBounds call"
    south, west, north, east = bounds
    local = [f for f in features if f.kind != "area"]
    assert local and len(local) < len(features)  # the fixture mentions Russia
    eps = 1e-6
    for f in local:
        x0, y0, x1, y1 = f.geometry.bounds
        assert south - eps <= y0 and y1 <= north + eps and west - eps <= x0 and x1 <= east + eps
    # tight around them: the country (Russia) does not stretch the view
    assert south == pytest.approx(min(f.geometry.bounds[1] for f in local), abs=eps)
    assert north == pytest.approx(max(f.geometry.bounds[3] for f in local), abs=eps)
    assert west == pytest.approx(min(f.geometry.bounds[0] for f in local), abs=eps)
    assert east == pytest.approx(max(f.geometry.bounds[2] for f in local), abs=eps)


def test_fit_bounds_of_areas_only(palmyra) -> None:
    report, features = palmyra
    areas = [f for f in features if f.kind == "area"]
    assert areas
    south, west, north, east = _fit_bounds(render_map(areas, text=report.text))
    x0, y0, x1, y1 = areas[0].geometry.bounds
    assert south <= y0 and north >= y1 and west <= x0 and east >= x1


def test_empty_map(tmp_path: Path) -> None:
    page = render_map([], title="nothing")
    assert "No located mentions" in page
    assert _fit_bounds(page) is None
    assert _overlays(page) == []


def test_default_title_is_the_file_name(cli_maps) -> None:
    page = cli_maps[0].decode("utf-8")
    assert f'<div class="ge-title">{PALMYRA.name}</div>' in page


def test_popups_carry_quotes_and_ids(palmyra, palmyra_html: str) -> None:
    _, features = palmyra
    for f in features:
        assert f"<h4>{esc(f.text)}</h4>" in palmyra_html
        if f.place_id:
            assert f"<code>{esc(f.place_id)}</code>" in palmyra_html
    assert palmyra_html.count("<mark>") >= len(features)


# --------------------------------------------------------------------------- determinism


def test_same_input_same_html(palmyra, palmyra_html: str) -> None:
    report, features = palmyra
    again = render_map(features, text=report.text, title=PALMYRA.name)
    assert again == palmyra_html
    assert not re.search(r"[0-9a-f]{32}", palmyra_html)  # no random branca ids


def test_render_restores_branca_ids(palmyra) -> None:
    from branca.element import Element

    before = Element.__dict__["_generate_id"]
    render_map(palmyra[1][:1])
    assert Element.__dict__["_generate_id"] is before
    assert re.fullmatch(r"[0-9a-f]{32}", Element().get_name().rsplit("_", 1)[-1])


def test_cli_map_byte_identical(cli_maps, palmyra_html: str) -> None:
    first, second = cli_maps
    assert first == second
    assert first == palmyra_html.encode("utf-8")  # the CLI renders what the API renders


# --------------------------------------------------------------------------- escaping


def test_esc_html_and_template_literals() -> None:
    assert esc("<b>") == "&lt;b&gt;"
    assert esc('a "b" \'c\'') == "a &quot;b&quot; &#x27;c&#x27;"
    assert esc("a & b") == "a &amp; b"
    assert esc("`") == "&#96;"
    assert esc("${x}") == "&#36;{x}"
    assert esc("\\u0060") == "&#92;u0060"
    assert esc(None) == ""
    assert esc(12.5) == "12.5"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_esc_property(s: str) -> None:
    out = esc(s)
    for ch in "<>\"'`$\\":
        assert ch not in out
    assert htmllib.unescape(out) == s


def test_popup_html_highlights_the_mention() -> None:
    f = _feature()
    page = popup_html(f, "Army closes in on Palmyra")
    assert "<blockquote>Army closes in on <mark>Palmyra</mark></blockquote>" in page
    assert "<code>geonames:163808</code>" in page
    assert "Tadmur" in page and STYLE["place"][1] in page
    assert "Distance" not in page and "Heading" not in page  # only when known


def test_popup_html_rows() -> None:
    f = _feature(kind="offset", text="5 km north of Palmyra", quote="Shelling 5 km north of "
                 "Palmyra.", start=9, end=30, relation="offset", distance_m=5000.0,
                 bearing_deg=0.0, derived_from="geonames:163808")
    page = popup_html(f, f.quote)
    assert "<mark>5 km north of Palmyra</mark>" in page
    assert "5.00 km" in page and "0°" in page
    assert "<code>geonames:163808</code>" in page and "Derived from" in page


def test_popup_html_without_place_or_text() -> None:
    f = _feature(place=None, place_id=None)
    page = popup_html(f)  # no report text: the feature's own text is highlighted
    assert "<td>—</td>" in page and "<code>" not in page
    assert "<mark>Palmyra</mark>" in page


def test_popup_html_no_highlight_when_the_mention_is_not_quoted() -> None:
    page = popup_html(_feature(quote="Something else entirely."), "Army closes in on Palmyra")
    assert "<mark>" not in page and "Something else entirely." in page


def test_popup_html_escapes_every_field() -> None:
    bad = '<img src=x onerror="alert(1)">`${alert(1)}`\\'
    text = f"Near {bad} here."
    f = _feature(text=bad, quote=text, start=5, end=5 + len(bad), place=bad, place_id=bad,
                 relation=bad, derived_from=bad, place_source=bad)
    page = popup_html(f, text)
    assert "<img" not in page and "${" not in page and "`" not in page and "\\" not in page
    assert f"<mark>{esc(bad)}</mark>" in page
    assert page.count(esc(bad)) >= 6


def test_popup_html_highlights_the_right_occurrence() -> None:
    text = "Shelling hit 5 km north of Palmyra and later Palmyra itself."
    start = text.rindex("Palmyra")
    f = _feature(quote=text, start=start, end=start + len("Palmyra"))
    page = popup_html(f, text)
    assert "and later <mark>Palmyra</mark> itself." in page


def test_hand_made_hostile_features_are_escaped_in_the_map() -> None:
    bad = "<script>alert(1)</script>`${alert(1)}`"
    text = f"Near {bad} now."
    f = _feature(text=bad, quote=text, start=5, end=5 + len(bad), place=bad, place_id=bad)
    page = render_map([f], text=text, title=bad)
    assert "<script>alert" not in page and "${alert" not in page
    assert esc(bad) in page


def test_hostile_report_is_escaped(xss_map: Path, xss_features, palmyra_html: str) -> None:
    page = xss_map.read_text(encoding="utf-8")
    for raw in FORBIDDEN:
        assert raw not in page, raw
    # every payload next to a located place is shown, escaped, in a popup quote
    quotes = " ".join(f.quote for f in xss_features)
    shown = [p for p in PAYLOADS if " ".join(p.split()) in quotes]
    assert len(shown) == len(PAYLOADS), "every payload sentence should be located"
    for p in shown:
        assert esc(" ".join(p.split())) in page, p
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in page
    assert f'<div class="ge-title">{esc(XSS_TITLE)}</div>' in page
    # the payloads add no element: as many scripts as any map, and no images or svg at all
    assert page.count("<script") == palmyra_html.count("<script") == page.count("</script>")
    assert "<img" not in page and "<svg" not in page


# --------------------------------------------------------------------------- real browser

#: Stand-ins for Leaflet and jQuery (served instead of the CDN, which tests never reach): they
#: put every HTML string or element the page hands to Leaflet into the live document, so
#: popups and tooltips are parsed as a browser would when they open.
LEAFLET_STUB = """
(function () {
  function put(v) {
    var sink = document.body || document.documentElement;
    if (typeof v === "string" && v.indexOf("<") >= 0) {
      var d = document.createElement("div"); d.className = "stub-html"; d.innerHTML = v;
      sink.appendChild(d);
    } else if (v instanceof Node) { sink.appendChild(v); }
  }
  var P = new Proxy(function () {}, {
    get: function (t, k) { return k === Symbol.toPrimitive ? function () { return ""; } : P; },
    apply: function (t, self, args) { args.forEach(put); return P; },
    construct: function () { return P; }
  });
  window.L = P;
  window.__stubs = (window.__stubs || 0) + 1;
})();
"""
JQUERY_STUB = """
window.$ = window.jQuery = function (s) {
  var d = document.createElement("div"); d.className = "stub-jq";
  if (typeof s === "string") { d.innerHTML = s; }
  (document.body || document.documentElement).appendChild(d);
  return [d.firstElementChild || d];
};
window.__stubs = (window.__stubs || 0) + 1;
"""


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


def _open(browser, path: Path, *, stubs: bool) -> tuple:
    """Load ``path`` with every non-file request aborted (or answered by a local stub)."""
    page = browser.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    remote: list[str] = []

    def on_dialog(d) -> None:
        dialogs.append(d.message)
        d.dismiss()

    def route(r) -> None:
        url = r.request.url
        if url.startswith("file:"):
            r.continue_()
            return
        remote.append(url)
        if stubs and url.endswith("/leaflet.js"):
            r.fulfill(status=200, content_type="application/javascript", body=LEAFLET_STUB)
        elif stubs and re.search(r"/jquery[^/]*\.js$", url):
            r.fulfill(status=200, content_type="application/javascript", body=JQUERY_STUB)
        else:
            r.abort()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", route)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)  # let image errors and svg loads fire
    return page, dialogs, errors, remote


def test_browser_offline_no_payload_runs(browser, xss_map: Path) -> None:
    page, dialogs, errors, remote = _open(browser, xss_map, stubs=False)
    try:
        assert remote, "folium pages load Leaflet from a CDN: requests should have been seen"
        # Leaflet cannot load offline, so the map script stops at L.map; nothing else may run
        assert page.evaluate("typeof window.L") == "undefined"
        assert any("L is not defined" in e for e in errors), errors
        assert dialogs == []
        assert page.evaluate("window.__pwned") is None
        assert page.eval_on_selector(".ge-title", "e => e.textContent") == XSS_TITLE
        page.evaluate("alert('control')")  # the dialog listener works
        assert dialogs == ["control"]
    finally:
        page.close()


def test_browser_with_leaflet_stub_no_payload_runs(browser, xss_map: Path) -> None:
    page, dialogs, errors, _ = _open(browser, xss_map, stubs=True)
    try:
        assert page.evaluate("window.__stubs") == 2
        assert errors == []  # the whole map script ran: no syntax error from a payload
        n_popups = xss_map.read_text(encoding="utf-8").count('<div class="ge-popup">')
        assert n_popups > 0
        assert page.evaluate("document.querySelectorAll('.ge-popup').length") == n_popups
        assert page.evaluate("document.querySelectorAll('.ge-popup mark').length") == n_popups
        assert dialogs == []
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('.ge-popup img, .ge-popup svg,"
                             " .ge-popup script, .ge-title *').length") == 0
        body = page.evaluate("document.body.innerText")
        for p in PAYLOADS:
            assert " ".join(p.split()) in body, p  # shown verbatim, as text
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "xss_map.png"), full_page=True)
    finally:
        page.close()


def test_browser_harness_catches_unescaped_text(browser, xss_features, tmp_path: Path,
                                                monkeypatch) -> None:
    """Control: with escaping switched off, the same harness sees the payloads run."""
    monkeypatch.setattr(render, "esc", lambda v: "" if v is None else str(v))
    out = tmp_path / "unescaped.html"
    out.write_text(render_map(xss_features, text=XSS_REPORT, title=XSS_TITLE),
                   encoding="utf-8")
    page, dialogs, _, _ = _open(browser, out, stubs=True)
    try:
        page.wait_for_function("window.__pwned === 1", timeout=5000)
        assert dialogs
    finally:
        page.close()
