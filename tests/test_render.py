"""The HTML map (:mod:`geoevents.render`): self-contained, data-driven, deterministic; report
text travels as data and is never markup. The browser proves it in ``test_browser.py``."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from geoevents import render
from geoevents.model import KINDS, Feature, Report
from geoevents.pipeline import locate
from geoevents.read import read_report
from geoevents.render import (
    STYLE,
    esc,
    inline_assets,
    popup_rows,
    quote_parts,
    render_map,
    script_json,
    web_address,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PALMYRA = FIXTURES / "palmyra_facts.txt"


def _feature(**kw) -> Feature:
    """A hand-made feature (no pipeline), for unit tests of popups and escaping."""
    base = dict(id="f000000000001", kind="place", text="Palmyra",
                quote="Army closes in on Palmyra", start=18, end=25, relation="place",
                lat=34.5624, lon=38.28402, uncertainty_m=2014.9, precision=1, confidence=0.9,
                geometry=Point(38.28402, 34.5624), place="Tadmur", place_id="geonames:163808",
                country="SY", place_source="test")
    base.update(kw)
    return Feature(**base)


def map_data(page: str) -> dict:
    """The data a page hands to its script (the JSON after the map's variable)."""
    m = re.search(r"\}\)\((map_[0-9a-f]+), (\{.*\})\);\s*$", page, re.M)
    assert m, "no geoevents data in the page"
    return json.loads(m.group(2))


@pytest.fixture(scope="module")
def palmyra(gaz):
    report = read_report(PALMYRA)
    features = locate(report, gaz)
    assert features
    return report, features


@pytest.fixture(scope="module")
def palmyra_html(palmyra) -> str:
    report, features = palmyra
    return render_map(features, reports=[report], title=PALMYRA.name)


# --------------------------------------------------------------------------- self-contained


def test_self_contained_page_references_nothing_remote(palmyra_html: str) -> None:
    assert palmyra_html.lstrip().startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]+src=", palmyra_html)
    assert not re.search(r"<link[^>]+stylesheet", palmyra_html)
    assert "@import" not in palmyra_html
    # Leaflet, the two plugins the script uses, fullscreen and measure are inlined
    for marker in ("Leaflet 1.9", "MarkerClusterGroup", "L.Control.Search",
                   "fullscreenControl", "leaflet-control-measure"):
        assert marker in palmyra_html, marker
    # jQuery, Bootstrap and icon fonts are not used, so not shipped
    assert "jQuery" not in palmyra_html and "bootstrap" not in palmyra_html.lower()
    assert re.search(r"var (map_\w+) = L\.map\(\s*\"\1\"", palmyra_html)


def test_cdn_page_links_the_same_assets(palmyra) -> None:
    report, features = palmyra
    page = render_map(features, reports=[report], self_contained=False)
    scripts = re.findall(r'<script src="(https://[^"]+)"></script>', page)
    assert any("leaflet@1.9" in s for s in scripts)
    assert any("markercluster" in s for s in scripts) and any("leaflet-search" in s
                                                              for s in scripts)
    assert inline_assets(page) == render_map(features, reports=[report])


def test_inline_assets_fails_loudly_on_an_unknown_asset() -> None:
    with pytest.raises(render.GeoeventsError, match="folium-offline has no copy of"):
        inline_assets('<script src="https://example.org/unknown.js"></script>')


def test_inlined_asset_cannot_close_its_script() -> None:
    from offlinefolium.elements import _res

    url = next(u for u in _res if u.endswith("leaflet.js"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(_res, url, "var a = '</script><b>';")
        out = inline_assets(f'<script src="{url}"></script>')
    assert out == "<script>var a = '<\\/script><b>';</script>"


def test_offline_basemap_is_embedded(palmyra_html: str) -> None:
    data = map_data(palmyra_html)
    land = data["basemap"]["land"]
    assert land["type"] == "FeatureCollection" and len(land["features"]) > 150
    assert "Natural Earth" in data["basemap"]["attribution"]
    assert data["baseIndex"] == 0  # offline first: the page renders with no network
    names = [t["name"] for t in data["tiles"]]
    assert names == ["OpenStreetMap", "Satellite imagery (Esri)"]
    assert all(t["url"].startswith("https://") for t in data["tiles"])


def test_basemap_choice(palmyra) -> None:
    _, features = palmyra
    assert map_data(render_map(features, basemap="satellite"))["baseIndex"] == 2
    with pytest.raises(ValueError, match="basemap"):
        render_map(features, basemap="mapbox")


# --------------------------------------------------------------------------- the data


def test_every_feature_is_in_the_data(palmyra, palmyra_html: str) -> None:
    _, features = palmyra
    data = map_data(palmyra_html)
    assert sorted(r["id"] for r in data["features"]) == sorted(f.id for f in features)
    by_id = {f.id: f for f in features}
    for row in data["features"]:
        f = by_id[row["id"]]
        assert data["kinds"][row["k"]]["key"] == f.kind
        assert row["t"] == f.text
        assert row["lat"] == pytest.approx(f.lat, abs=1e-5)
        assert row["lon"] == pytest.approx(f.lon, abs=1e-5)
        assert (row["g"] is None) == (f.geometry.geom_type == "Point")
        assert row["m"] == (f.kind != "area" or f.geometry.geom_type == "Point")
        assert "".join(row["q"]) == " ".join(f.quote.split())


def test_kinds_and_counts_come_from_the_features(palmyra, palmyra_html: str) -> None:
    _, features = palmyra
    kinds = map_data(palmyra_html)["kinds"]
    present = [k for k in KINDS if any(f.kind == k for f in features)]
    assert [k["key"] for k in kinds] == present and len(present) >= 3
    for k in kinds:
        assert (k["color"], k["label"]) == STYLE[k["key"]]
        assert k["count"] == sum(f.kind == k["key"] for f in features)
    subset = [f for f in features if f.kind == present[0]]
    assert [k["key"] for k in map_data(render_map(subset))["kinds"]] == [present[0]]


def test_big_shapes_are_drawn_first(palmyra, palmyra_html: str) -> None:
    rows = map_data(palmyra_html)["features"]
    order = [render._DRAW_ORDER.index(map_data(palmyra_html)["kinds"][r["k"]]["key"])
             for r in rows]
    assert order == sorted(order)
    for a, b in itertools.pairwise(rows):
        if a["k"] == b["k"]:
            assert a["u"] >= b["u"]


def test_fit_bounds_frame_the_action(palmyra, palmyra_html: str) -> None:
    """The frame holds the point estimates of the features with an event, a status or a
    relative position (the farthest 5 % may fall out), never a country's outline."""
    from geoevents import _mapview

    _, features = palmyra
    (south, west), (north, east) = map_data(palmyra_html)["bounds"]
    action = [f for f in features if _mapview.is_action(f)]
    assert action and all(f.kind != "area" for f in action)
    inside = [f for f in action if south <= f.lat <= north and west <= f.lon <= east]
    assert len(inside) >= 0.9 * len(action)
    lats = [f.lat for f in action]
    lons = [f.lon for f in action]
    assert north - south <= max(max(lats) - min(lats), _mapview.FRAME_MIN_SPAN_DEG) + 1e-5
    assert east - west <= max(max(lons) - min(lons), _mapview.FRAME_MIN_SPAN_DEG) + 1e-5


def test_frame_ignores_a_far_away_speaker() -> None:
    """'A spokesman in Baghdad said' does not pull the frame off the fighting in Mosul."""
    from geoevents import _mapview

    fights = [_feature(id=f"m{i}", lat=36.3 + i / 100, lon=43.1 + i / 100,
                       event_type="Battles") for i in range(5)]
    speaker = _feature(id="b", lat=33.34, lon=44.4)
    (south, _), (north, _) = _mapview.points_bounds(_mapview.frame_points([*fights, speaker]))
    assert south > 36 and north < 36.5


def test_mentions_are_listed_most_informative_first() -> None:
    from geoevents import _mapview

    passing = _feature(id="a")
    event = _feature(id="b", event_type="Battles")
    assert _mapview.informativeness(event) > _mapview.informativeness(passing)
    assert _mapview.snippet(["one two three four five six seven ", "Palmyra", " eight nine"]) \
        == "…three four five six seven Palmyra eight nine"
    assert len(_mapview.label(_feature(id="c", text="x" * 80))) == _mapview.LABEL_MAX_CHARS


def test_side_colours_are_distinct() -> None:
    colors = render.side_colors(["sy-government", "ru-government", "islamic-state", "a", "b",
                                 "c", "d", "e", "f"])
    values = list(colors.values())
    assert len(set(values)) == len(values)
    assert render.NO_SIDE_COLOR not in values


def test_reference_layer_from_the_gazetteer(gaz) -> None:
    from geoevents._reference import reference_layer

    ref = reference_layer([[34.5, 38.2], [34.6, 38.3]])
    assert ["Tadmur"] == [p[3] for p in ref["places"] if p[3] == "Tadmur"]
    pops = [p[2] for p in ref["places"]]
    assert pops == sorted(pops, reverse=True)
    assert reference_layer(None) == {"places": [], "regions": []}
    assert reference_layer([[34.5, 38.2], [34.6, 38.3]], path="/nonexistent") == \
        {"places": [], "regions": []}


def test_fit_bounds_of_areas_only(palmyra) -> None:
    _, features = palmyra
    areas = [f for f in features if f.kind == "area"]
    (south, west), (north, east) = map_data(render_map(areas))["bounds"]
    import shapely

    assert east - west < 360
    for part in shapely.get_parts(areas[0].geometry):  # Russia: Chukotka lies past 180°
        x0, y0, x1, y1 = part.bounds
        shift = 360 if x1 < west else 0
        assert south <= y0 and north >= y1 and west <= x0 + shift and east >= x1 + shift


def test_empty_map() -> None:
    data = map_data(render_map([], title="nothing"))
    assert data["features"] == [] and data["kinds"] == [] and data["bounds"] is None
    assert data["title"] == "nothing"


def test_clustering_threshold() -> None:
    few = [_feature(id=f"f{i}") for i in range(3)]
    assert map_data(render_map(few))["cluster"] is False
    assert map_data(render_map(few, cluster=True))["cluster"] is True
    many = [_feature(id=f"f{i}") for i in range(render.CLUSTER_MIN_POINTS + 1)]
    assert map_data(render_map(many))["cluster"] is True
    assert map_data(render_map(many, cluster=False))["cluster"] is False


def test_reports_name_their_layers() -> None:
    a = Report("x", source="a.txt", title="First report", date="2016-03-24")
    b = Report("y", source="b.txt")
    fa = [_feature(id="f1", report=a.label, report_title=a.title, report_date=a.date)]
    fb = [_feature(id="f2", report=b.label), _feature(id="f3", report=b.label)]
    data = map_data(render_map(fa + fb, reports=[a, b], title="both"))
    assert data["reports"] == [
        {"id": "a", "title": "First report", "date": "2016-03-24", "count": 1},
        {"id": "b", "title": None, "date": None, "count": 2}]
    assert sorted(r["r"] for r in data["features"]) == [0, 1, 1]
    assert data["subtitle"] == [["t", "2 reports, 3 features"]]


def test_single_report_subtitle_links_only_web_addresses() -> None:
    r = Report("x", source="a.txt", date="2016-03-24", url="https://example.org/a?b=1&c=2")
    assert map_data(render_map([], reports=[r]))["subtitle"] == [
        ["t", "2016-03-24"], ["a", "https://example.org/a?b=1&c=2",
                              "https://example.org/a?b=1&c=2"]]
    bad = Report("x", source="a.txt", url="javascript:alert(1)")
    assert map_data(render_map([], reports=[bad]))["subtitle"] == [["t", "javascript:alert(1)"]]


# --------------------------------------------------------------------------- popups


def test_popup_rows() -> None:
    f = _feature(kind="offset", relation="offset", distance_m=5000.0, bearing_deg=0.0,
                 derived_from="geonames:163808", report="r1", report_title="Army nears Palmyra",
                 report_date="2016-03-24", report_url="https://example.org/news/1")
    rows = dict(popup_rows(f))
    assert rows["Report"] == [["t", "Army nears Palmyra"]]
    assert rows["Published"] == "2016-03-24"
    assert rows["Source"] == [["a", "https://example.org/news/1", "https://example.org/news/1"]]
    assert rows["Place"] == [["t", "Tadmur"], ["c", "geonames:163808"]]
    assert rows["Distance"] == "5.00 km" and rows["Heading"] == "0°"
    assert rows["Uncertainty"] == "± 2.01 km" and rows["Confidence"] == "0.90"
    assert rows["Derived from"] == [["t", "the text, relative to"], ["c", "geonames:163808"]]


def test_popup_rows_without_place_or_report() -> None:
    rows = dict(popup_rows(_feature(place=None, place_id=None)))
    assert rows["Place"] == "—"
    assert "Report" not in rows and "Source" not in rows and "Distance" not in rows


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)",
                                 " javascript:alert(1)", "data:text/html,<script>",
                                 "vbscript:x", "https://a.org/\"onmouseover=alert(1)",
                                 "https://a.org/<x>", "//evil.org/x", "file:///etc/passwd",
                                 "https://a.org/ b"])
def test_only_web_addresses_are_linked(url: str) -> None:
    assert web_address(url) is None
    rows = dict(popup_rows(_feature(report_url=url)))
    assert rows["Source"] == [["t", url]]


def test_web_address_keeps_real_links() -> None:
    for url in ("https://example.org", "http://a.b/c?d=e&f=g#h", "HTTPS://EXAMPLE.ORG/X"):
        assert web_address(url) == url


def test_quote_parts_highlight_the_mention() -> None:
    f = _feature()
    assert quote_parts(f, "Army closes in on Palmyra") == ["Army closes in on ", "Palmyra", ""]


def test_quote_parts_the_right_occurrence() -> None:
    text = "Shelling hit 5 km north of Palmyra and later Palmyra itself."
    start = text.rindex("Palmyra")
    parts = quote_parts(_feature(quote=text, start=start, end=start + 7), text)
    assert parts == ["Shelling hit 5 km north of Palmyra and later ", "Palmyra", " itself."]


def test_quote_parts_without_text_or_match() -> None:
    assert quote_parts(_feature()) == ["Army closes in on ", "Palmyra", ""]
    assert quote_parts(_feature(quote="Something else."), "Army closes in on Palmyra") == [
        "Something else."]


# --------------------------------------------------------------------------- escaping


def test_script_json_examples() -> None:
    s = script_json({"a": "</script><b>&amp;\u2028`${x}`"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s) == {"a": "</script><b>&amp;\u2028`${x}`"}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_script_json_property(s: str) -> None:
    out = script_json([s])
    for ch in "<>&\u2028\u2029":
        assert ch not in out
    assert json.loads(out) == [s]


def test_esc_html_and_template_literals() -> None:
    assert esc("<b>") == "&lt;b&gt;"
    assert esc('a "b" \'c\'') == "a &quot;b&quot; &#x27;c&#x27;"
    assert esc("`") == "&#96;" and esc("${x}") == "&#36;{x}" and esc(None) == ""


def test_hostile_text_never_reaches_the_page_as_markup() -> None:
    bad = "<script>alert(1)</script><img src=x onerror=alert(1)>`${alert(1)}`"
    text = f"Near {bad} now."
    f = _feature(text=bad, quote=text, start=5, end=5 + len(bad), place=bad, place_id=bad,
                 report_title=bad, report_url=bad)
    page = render_map([f], reports=[Report(text, source="x.txt", title=bad, url=bad)],
                      title=bad)
    assert "<script>alert" not in page and "<img src=x" not in page
    data = map_data(page)
    assert data["title"] == bad and data["features"][0]["t"] == bad  # shown as text


# --------------------------------------------------------------------------- determinism


def test_same_input_same_html(palmyra, palmyra_html: str) -> None:
    report, features = palmyra
    again = render_map(features, reports=[report], title=PALMYRA.name)
    assert again == palmyra_html
    assert re.search(r"\bmap_[0-9a-f]{8}\b", palmyra_html)  # sequential branca ids…
    assert not re.search(r"\b[a-z_]+_[0-9a-f]{32}\b", palmyra_html)  # …not random ones


def test_render_restores_branca_ids(palmyra) -> None:
    from branca.element import Element

    before = Element.__dict__["_generate_id"]
    render_map(palmyra[1][:1])
    assert Element.__dict__["_generate_id"] is before
    assert re.fullmatch(r"[0-9a-f]{32}", Element().get_name().rsplit("_", 1)[-1])


def test_cli_map_byte_identical(cli, tmp_path: Path, palmyra_html: str) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"map{seed}.html"
        proc = cli("map", str(PALMYRA), "-o", str(out), env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr.decode()
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0] == palmyra_html.encode("utf-8")  # the CLI renders what the API renders


def test_display_shapes_stay_within_the_tolerance(palmyra) -> None:
    from shapely.geometry import shape

    _, features = palmyra
    shapes = [f for f in features if f.geometry.geom_type != "Point"]
    assert shapes
    fewer = 0
    for f in shapes:
        shown = shape(render._display_shape(f))
        assert shown.is_valid and not shown.is_empty
        tolerance = render.DISPLAY_TOLERANCE * f.uncertainty_m / 111_320.0
        assert shown.hausdorff_distance(f.geometry) <= tolerance + 2e-5  # + rounding
        assert shown.area == pytest.approx(f.geometry.area, rel=0.02)
        fewer += len(shown.exterior.coords if shown.geom_type == "Polygon" else []) < len(
            f.geometry.exterior.coords if f.geometry.geom_type == "Polygon" else [])
    assert fewer >= len([f for f in shapes if f.geometry.geom_type == "Polygon"]) // 2


def test_fit_bounds_across_the_antimeridian() -> None:
    from shapely.geometry import MultiPolygon, box

    # a disc round Taveuni (Fiji), cut at ±180 into two parts, and a town west of 180
    cut = MultiPolygon([box(179.6, -17.2, 180.0, -16.6), box(-180.0, -17.2, -179.7, -16.6)])
    fiji = _feature(id="f1", kind="disc", geometry=cut, lat=-16.9, lon=179.9)
    town = _feature(id="f2", geometry=Point(179.3, -16.8), lat=-16.8, lon=179.3)
    (south, west), (north, east) = render._bounds([fiji, town])
    assert (south, north) == (-17.2, -16.6)
    assert west == 179.3 and east == pytest.approx(180.3)  # 1° wide, not the whole world
    # shapes far apart on one side of the world keep plain longitudes
    a = _feature(id="f3", geometry=Point(-100.0, 10.0), lat=10.0, lon=-100.0)
    b = _feature(id="f4", geometry=Point(60.0, 10.0), lat=10.0, lon=60.0)
    assert render._bounds([a, b]) == [[10.0, -100.0], [10.0, 60.0]]
    # …and the narrower view wins: -170 and 20 are 170° apart across the antimeridian
    c = _feature(id="f5", geometry=Point(-170.0, 10.0), lat=10.0, lon=-170.0)
    d = _feature(id="f6", geometry=Point(20.0, 10.0), lat=10.0, lon=20.0)
    assert render._bounds([c, d]) == [[10.0, 20.0], [10.0, 190.0]]


def test_a_map_across_the_antimeridian_draws_parts_side_by_side() -> None:
    from shapely.geometry import MultiPolygon, box

    cut = MultiPolygon([box(179.6, -17.2, 180.0, -16.6), box(-180.0, -17.2, -179.7, -16.6)])
    disc = _feature(id="f1", kind="offset", geometry=cut, lat=-16.9, lon=-179.9,
                    uncertainty_m=30_000)
    town = _feature(id="f2", geometry=Point(179.3, -16.8), lat=-16.8, lon=179.3)
    data = map_data(render_map([disc, town]))
    (_, west), (_, east) = data["bounds"]
    rows = {r["id"]: r for r in data["features"]}
    assert rows["f1"]["lon"] == pytest.approx(180.1) and rows["f2"]["lon"] == 179.3
    xs = [x for poly in rows["f1"]["g"]["coordinates"] for ring in poly for x, _ in ring]
    assert max(xs) - min(xs) < 1 and west - 1 <= min(xs) and max(xs) <= east + 1  # side by side
    # the basemap's Fiji (cut at 180 too) is drawn on the same side
    fiji = [(x, y) for ft in data["basemap"]["land"]["features"]
            for x, y in _xys(ft["geometry"]) if -21 < y < -12 and abs(x) > 175]
    assert any(x > 180 for x, _ in fiji) and not any(x < 0 for x, _ in fiji)
    # far from ±180, longitudes are left alone
    plain = map_data(render_map([_feature()]))
    assert plain["basemap"]["land"] is not None and min(
        x for ft in plain["basemap"]["land"]["features"] for x in _xs(ft["geometry"])) < -170


def _xs(geometry: dict) -> list[float]:
    coords = geometry["coordinates"]
    polys = coords if geometry["type"] == "MultiPolygon" else [coords]
    return [x for poly in polys for ring in poly for x, _ in ring]


def _xys(geometry: dict) -> list[tuple[float, float]]:
    coords = geometry["coordinates"]
    polys = coords if geometry["type"] == "MultiPolygon" else [coords]
    return [(x, y) for poly in polys for ring in poly for x, y in ring]
