"""A static site of maps: an index page, one map and GeoJSON per report, and a combined map.

:func:`build_site` is a pure function from located reports to ``{file name: content}``;
:func:`write_site` writes them. Every link is relative, so the folder works from a file
system, a USB stick or any static host, and the same input gives byte-identical files.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ._output import COLLECTION_HEAD, same_file, write_text_atomic
from .errors import OutputError
from .export import dumps
from .model import Feature, Report, slug, unique_label
from .render import esc, render_map, web_address

#: File stems the site uses for itself.
RESERVED = frozenset({"index", "all"})


def unique_labels(reports: Sequence[Report]) -> list[Report]:
    """The reports with labels unique among them and apart from :data:`RESERVED`
    (``name``, ``name-2``, ``name-3``…), so each gets its own files."""
    taken: set[str] = set(RESERVED)
    out = []
    for r in reports:
        label = unique_label(slug(r.label), taken)
        out.append(r if label == r.label else replace(r, id=label))
    return out


def combine(located: Sequence[tuple[Report, Sequence[Feature]]], *, prefix: bool = False
            ) -> list[Feature]:
    """All features of several reports in one list, ids made unique as ``report:id``.

    One report's features keep their ids unless ``prefix`` is set.
    """
    if len(located) == 1 and not prefix:
        return list(located[0][1])
    return [replace(f, id=f"{r.label}:{f.id}", report=r.label)
            for r, features in located for f in features]


def build_site(located: Sequence[tuple[Report, Sequence[Feature]]], *,
               title: str = "Reported positions", self_contained: bool = True,
               basemap: str = "offline") -> dict[str, str]:
    """The pages and data files of a site, by relative file name.

    Parameters
    ----------
    located : sequence of (Report, features)
        Each report with its features (:func:`geoevents.pipeline.locate`); the reports'
        labels must be unique (:func:`unique_labels`).
    title : str
        The index page's heading and the combined map's title.
    self_contained, basemap
        As for :func:`geoevents.render.render_map`.

    Returns
    -------
    dict
        ``index.html``, ``all.html``, ``all.geojson``, and ``LABEL.html`` /
        ``LABEL.geojson`` for each report.
    """
    labels = [r.label for r, _ in located]
    if len(set(labels)) != len(labels) or RESERVED & set(labels):
        raise ValueError("report labels must be unique and not 'index' or 'all'")
    files: dict[str, str] = {}
    for r, features in located:
        files[f"{r.label}.html"] = render_map(
            features, reports=[r], title=r.title or Path(r.source).name,
            self_contained=self_contained, basemap=basemap)
        files[f"{r.label}.geojson"] = dumps(features)
    everything = combine(located, prefix=True)
    files["all.html"] = render_map(everything, reports=[r for r, _ in located], title=title,
                                   self_contained=self_contained, basemap=basemap)
    files["all.geojson"] = dumps(everything)
    files["index.html"] = index_page(located, title=title)
    return dict(sorted(files.items()))


def _order(item: tuple[Report, Sequence[Feature]]) -> tuple[int, str, str]:
    r = item[0]
    return (0 if r.date else 1, r.date or "", r.label)


def index_page(located: Sequence[tuple[Report, Sequence[Feature]]], *,
               title: str = "Reported positions") -> str:
    """The index: each report (oldest first, undated last) with its title, date, source,
    feature count and links to its map and GeoJSON; plus the combined map."""
    rows = []
    for r, features in sorted(located, key=_order):
        href = web_address(r.url)
        if href:
            source = (f'<a href="{esc(href)}" rel="noopener noreferrer nofollow">'
                      f"{esc(r.url)}</a>")
        else:
            source = esc(r.url or Path(r.source).name)
        kinds = sorted({f.kind for f in features})
        rows.append(
            "<tr>"
            f'<td><a href="{esc(r.label)}.html">{esc(r.title or Path(r.source).name)}</a></td>'
            f"<td>{esc(r.date or '—')}</td>"
            f'<td class="src">{source}</td>'
            f'<td class="n">{len(features)}</td>'
            f"<td>{esc(', '.join(kinds) or '—')}</td>"
            f'<td><a href="{esc(r.label)}.html">map</a> · '
            f'<a href="{esc(r.label)}.geojson">GeoJSON</a></td>'
            "</tr>")
    total = sum(len(fs) for _, fs in located)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="geoevents">
<title>{esc(title)}</title>
<style>
body{{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;
color:#222}}
h1{{font-size:1.5rem;margin-bottom:.25rem}}
p.lead{{color:#444;margin-top:0}}
table{{border-collapse:collapse;width:100%}}
th,td{{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}}
th{{background:#f4f4f4}}
td.n{{text-align:right;font-variant-numeric:tabular-nums}}
td.src{{overflow-wrap:anywhere;max-width:22rem}}
footer{{margin-top:2rem;color:#666;font-size:.85rem}}
</style>
</head>
<body>
<h1>{esc(title)}</h1>
<p class="lead">{len(located)} report{"" if len(located) == 1 else "s"}, {total} located \
feature{"" if total == 1 else "s"}. <a href="all.html">Combined map</a> ·
<a href="all.geojson">all features as GeoJSON</a></p>
<table>
<thead><tr><th>Report</th><th>Date</th><th>Source</th><th>Features</th><th>Kinds</th>\
<th>Files</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<footer>Made with geoevents: place mentions and relative locations from the reports' text,
geocoded offline. Every shape on the maps says which report and sentence it comes from and
how uncertain it is. Report text is shown as written; it has not been checked.</footer>
</body>
</html>
"""


#: What marks a file as written by geoevents: the index page's generator tag, the map
#: script every map page embeds, the first line of every GeoJSON file it writes.
_OWN_MARKS = {
    ".html": (b'<meta name="generator" content="geoevents">',
              b"/* geoevents map: draws the features embedded by geoevents.render"),
    ".geojson": (COLLECTION_HEAD.encode(),),
}


def _written_by_geoevents(path: Path) -> bool:
    """Whether the existing regular file ``path`` holds a mark of a geoevents site file."""
    marks = _OWN_MARKS.get(path.suffix, ())
    try:
        with path.open("rb") as fh:
            data = fh.read()
    except OSError:
        return False
    if path.suffix == ".geojson":
        return data.startswith(marks[0])
    return any(m in data for m in marks)


def write_site(files: dict[str, str], folder: str | Path, *,
               inputs: Sequence[str | Path] = ()) -> list[Path]:
    """Write the site's files into ``folder`` (created when missing), each atomically.

    A file of the same name already in the folder is replaced only when geoevents wrote it
    (a site built before: the index page's ``generator`` tag, the map script, the first
    line of its GeoJSON), and never when it is one of ``inputs``; otherwise nothing is
    written. Other files in the folder are left alone.

    Parameters
    ----------
    files : dict
        Content by file name (:func:`build_site`).
    folder : str or Path
        Where to write them.
    inputs : sequence of str or Path
        The files the site was made from, never to be replaced.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    OutputError
        When the folder cannot be created, a file of the site would replace an input or a
        file geoevents did not write, or a file cannot be written.
    """
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    for name in files:
        target = out / name
        source = next((i for i in inputs if same_file(target, i)), None)
        if source is not None:
            raise OutputError(f"{target}: is the input {source}; choose another folder")
        if os.path.lexists(target) and not (target.is_file()
                                            and _written_by_geoevents(target)):
            raise OutputError(f"{target}: exists and was not written by geoevents; move it "
                              "or choose another folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the folder ({exc.strerror or exc})") from None
    written = []
    for name, content in files.items():
        write_text_atomic(out / name, content)
        written.append(out / name)
    return written
