"""Interactive HTML maps with folium.

One layer per feature kind; each layer holds the uncertainty regions (light, dashed) and the
point estimates (solid). Popups show the quote with the mention highlighted, the resolved
place and its gazetteer id, the relation and the uncertainty. Every piece of report text is
escaped for HTML *and* for the JavaScript template literals folium wraps popups in, so text
from a report is shown, never run. Element ids are sequential, so the same input renders to
byte-identical HTML.
"""

from __future__ import annotations

import contextlib
import html
import itertools
from collections.abc import Iterator, Sequence

from .export import feature_dict
from .model import KINDS, Feature

#: Colour and legend label of each kind.
STYLE: dict[str, tuple[str, str]] = {
    "place": ("#1f4e9c", "Named place"),
    "offset": ("#b2182b", "Offset (N km DIR of X)"),
    "disc": ("#e66101", "Within N km of X"),
    "sector": ("#7b3294", "Direction (west of X, SW of the city)"),
    "band": ("#1b7837", "Edge / outskirts / surroundings"),
    "buffer": ("#8c6d31", "Near X"),
    "between": ("#01665e", "Between X and Y"),
    "area": ("#636363", "Area (country, region, part of a place)"),
}


_POINT_PANE = "geoevents-points"
_DRAW_ORDER = ["area", "buffer", "between", "band", "sector", "offset", "disc", "place"]


def esc(value: object) -> str:
    """Escape text for HTML and for a JavaScript template literal (backticks, ``${``, ``\\``)."""
    s = html.escape("" if value is None else str(value), quote=True)
    return s.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


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


def _highlight(f: Feature, text: str) -> str:
    quote = " ".join(f.quote.split())
    mention = " ".join(text[f.start : f.end].split()) if text else f.text
    i = quote.find(mention) if mention else -1
    if i >= 0 and text:
        # the quote is the whitespace-normalised sentence: of the mention's occurrences in it,
        # take the last one whose preceding words are what precedes the mention in the text
        before = " ".join(text[: f.start].split())
        j = i
        while j >= 0:
            if before.endswith(quote[:j].rstrip()):
                i = j
            j = quote.find(mention, j + 1)
    if i < 0:
        return esc(quote)
    return (esc(quote[:i]) + "<mark>" + esc(mention) + "</mark>"
            + esc(quote[i + len(mention) :]))


def popup_html(f: Feature, text: str = "") -> str:
    """The popup of a feature: quote, place and id, relation, uncertainty, provenance."""
    rows = [
        ("Place", f"{esc(f.place)} <code>{esc(f.place_id)}</code>" if f.place else "—"),
        ("Relation", esc(f.relation)),
    ]
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
        rows.append(("Derived from", f"the text, relative to <code>{esc(f.derived_from)}</code>"))
    if f.place_source:
        rows.append(("Gazetteer source", esc(f.place_source)))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f'<div class="ge-popup"><div class="ge-kind">{esc(STYLE[f.kind][1])}</div>'
        f"<h4>{esc(f.text)}</h4><blockquote>{_highlight(f, text)}</blockquote>"
        f"<table>{table}</table></div>"
    )


_CSS = """
<style>
.ge-popup{font:13px/1.35 system-ui,sans-serif;max-width:380px}
.ge-popup h4{margin:2px 0 6px;font-size:14px}
.ge-popup .ge-kind{font-size:11px;text-transform:uppercase;color:#555}
.ge-popup blockquote{margin:4px 0 8px;padding:4px 8px;border-left:3px solid #999;background:#f6f6f6}
.ge-popup mark{background:#ffe066}
.ge-popup th{text-align:left;padding-right:8px;vertical-align:top;color:#444}
.ge-legend{position:absolute;bottom:24px;left:10px;z-index:1000;background:#fff;padding:8px 10px;
 border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px system-ui,sans-serif}
.ge-legend i{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:middle;
 border-radius:2px}
.ge-title{position:absolute;top:10px;left:54px;z-index:1000;background:rgba(255,255,255,.9);
 padding:4px 10px;border-radius:4px;font:14px system-ui,sans-serif}
</style>
"""


def render_map(features: Sequence[Feature], *, text: str = "", title: str = "") -> str:
    """Render features as a standalone interactive HTML page (folium / Leaflet).

    Parameters
    ----------
    features : sequence of Feature
        What to draw.
    text : str
        The report text, to highlight each mention in its quote.
    title : str
        Shown at the top of the map (escaped).

    Returns
    -------
    str
        The HTML document.
    """
    import folium
    from branca.element import Element

    with _sequential_ids():
        fmap = folium.Map(location=[20, 0], zoom_start=2, tiles="OpenStreetMap",
                          control_scale=True, prefer_canvas=True)
        folium.map.CustomPane(_POINT_PANE, z_index=650).add_to(fmap)
        present = [k for k in KINDS if any(f.kind == k for f in features)]
        # big shapes first, so that smaller ones stay on top and clickable
        for kind in sorted(present, key=_DRAW_ORDER.index):
            color, label = STYLE[kind]
            group = folium.FeatureGroup(name=f"{label} ({sum(f.kind == kind for f in features)})")
            ordered = sorted((f for f in features if f.kind == kind),
                             key=lambda f: (-f.uncertainty_m, f.start, f.id))
            for f in ordered:
                _add_feature(group, f, color, text)
            group.add_to(fmap)
        folium.LayerControl(collapsed=False).add_to(fmap)
        fmap.get_root().header.add_child(Element(_CSS))
        legend = "".join(
            f'<div><i style="background:{STYLE[k][0]}"></i>{esc(STYLE[k][1])}</div>'
            for k in present
        ) or "<div>No located mentions</div>"
        fmap.get_root().html.add_child(Element(
            f'<div class="ge-legend"><b>Kinds</b>{legend}'
            '<div style="margin-top:4px;color:#555">light shapes: uncertainty; '
            "dots: point estimates</div></div>"
        ))
        if title:
            fmap.get_root().html.add_child(Element(f'<div class="ge-title">{esc(title)}</div>'))
        bounds = _bounds(features)
        if bounds:
            fmap.fit_bounds(bounds)
        return fmap.get_root().render()


def _add_feature(group, f: Feature, color: str, text: str) -> None:
    import folium

    popup = folium.Popup(popup_html(f, text), max_width=420)
    tip = folium.Tooltip(esc(f.text))
    if f.geometry.geom_type != "Point":
        folium.GeoJson(
            feature_dict(f)["geometry"],
            style_function=lambda _x, c=color: {"color": c, "weight": 1.5, "dashArray": "4 4",
                                                 "fillColor": c, "fillOpacity": 0.12},
            highlight_function=lambda _x: {"weight": 3, "fillOpacity": 0.25},
            popup=popup, tooltip=tip,
        ).add_to(group)
        popup = folium.Popup(popup_html(f, text), max_width=420)
        tip = folium.Tooltip(esc(f.text))
    elif f.kind == "place" and f.uncertainty_m > 0:
        folium.Circle(location=[f.lat, f.lon], radius=f.uncertainty_m, color=color, weight=1,
                      dash_array="4 4", fill=True, fill_opacity=0.08, interactive=False
                      ).add_to(group)
    if f.kind != "area":
        folium.CircleMarker(location=[f.lat, f.lon], radius=5, color="#fff", weight=1.5,
                            fill=True, fill_color=color, fill_opacity=1.0, popup=popup,
                            tooltip=tip, pane=_POINT_PANE).add_to(group)


def _bounds(features: Sequence[Feature]) -> list[list[float]] | None:
    """Bounds of the local features; areas (countries) only when nothing else is on the map."""
    local = [f for f in features if f.kind != "area"] or list(features)
    if not local:
        return None
    xs0, ys0, xs1, ys1 = zip(*(f.geometry.bounds for f in local), strict=True)
    # rounded like the GeoJSON (6 decimals, ~0.1 m), so that the last bits of floating
    # point never change a page
    return [[round(min(ys0), 6), round(min(xs0), 6)], [round(max(ys1), 6), round(max(xs1), 6)]]
