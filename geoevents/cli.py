"""The ``geoevents`` command line: a thin layer over the pipeline.

Exit status: 0 on success, 1 on bad input (a one-line message), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .batch import cli as batch_cli
from .errors import GeoeventsError, InputError, OutputError
from .settings import BASEMAPS, CLUSTER_MIN_POINTS

#: What the report commands read (shown in their help).
_INPUTS = (". REPORT may be a .txt file, a saved news page (.html: its article text, title, "
           "date and address), or a .jsonl/.csv/.tsv file with one report per record (a text "
           "column and optional title, date, url and id columns).")


def _megabytes(value: str) -> float:
    """The ``--max-size`` argument: a positive, finite number of megabytes (at most 100 GB)."""
    try:
        mb = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not (math.isfinite(mb) and 0 < mb <= 100_000):
        raise argparse.ArgumentTypeError(
            f"must be a positive number of MB up to 100000, not {value!r}")
    return mb


def _integer(low: int, high: int):
    """An argparse type: an integer from ``low`` to ``high``."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {value!r}")
        return number

    return parse


def _finite(value: str) -> float:
    """A finite number (``nan`` and ``inf`` are usage errors; the overlay checks ranges)."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not math.isfinite(number):
        raise argparse.ArgumentTypeError(f"not a finite number: {value!r}")
    return number


#: Days: up to a century (a date further on is out of any calendar's range soon).
_DAYS = 36_525


def _country_codes(value: str) -> list[str]:
    """The ``--country`` argument: ISO 3166-1 alpha-2 codes, comma-separated."""
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    bad = [c for c in codes if len(c) != 2 or not c.isalpha() or not c.isascii()]
    if not codes or bad:
        raise argparse.ArgumentTypeError(
            f"expected ISO 3166-1 alpha-2 codes such as SY or SY,IQ, not {value!r}")
    return codes


def _bbox(value: str) -> tuple[float, float, float, float]:
    """The ``--bbox`` argument: W,S,E,N in degrees (W > E crosses the antimeridian)."""
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected W,S,E,N in degrees, e.g. 35.5,32.3,42.4,37.4, not {value!r}") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise argparse.ArgumentTypeError(f"not finite: {value!r}")
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south < north <= 90):
        raise argparse.ArgumentTypeError(
            f"need -180 ≤ W, E ≤ 180 and -90 ≤ S < N ≤ 90, not {value!r}")
    return west, south, east, north


def _overlay_kind(value: str) -> str:
    from .gazetteer.overlay import OVERLAY_KINDS, known_kind

    kind = known_kind(value)
    if not value.strip():
        return value  # (the entry's own check says "kind is required")
    if kind is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a known kind; known kinds: "
                                         f"{', '.join(OVERLAY_KINDS)}")
    return kind


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="geoevents",
        description="Turn reports of armed conflict into maps: place mentions and relative "
        "locations, geocoded offline, as GeoJSON and interactive HTML maps.",
    )
    p.add_argument("--version", action="version", version=f"geoevents {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _report_commands(sub)
    _timeline_command(sub)
    batch_cli.add_parser(sub, size_type=_megabytes, country_type=_country_codes, bbox_type=_bbox)
    gz = sub.add_parser("gazetteer", help="build or query the local gazetteer",
                        description="Build or query the local gazetteer.")
    gsub = gz.add_subparsers(dest="gcommand", metavar="ACTION", required=True)
    _gazetteer_queries(gsub)
    _gazetteer_import(gsub)
    _gazetteer_add(gsub)
    return p


def _report_command(sub, name: str, help_: str) -> argparse.ArgumentParser:
    """A command that reads reports, with the options every such command takes."""
    sp = sub.add_parser(name, help=help_, description=help_ + _INPUTS)
    sp.add_argument("reports", nargs="+", metavar="REPORT",
                    help="report file (.txt, saved .html page, .jsonl or .csv/.tsv with a "
                    "text column), or - for stdin")
    sp.add_argument("--encoding", help="text encoding of the reports (default UTF-8)")
    sp.add_argument("--max-size", type=_megabytes, default=10.0, metavar="MB",
                    help="refuse report files larger than this (default 10 MB)")
    sp.add_argument("--text-column", metavar="NAME",
                    help="the column (.csv/.tsv) or key (.jsonl) holding the text "
                    "(default: text, body or content)")
    sp.add_argument("--gazetteer", type=Path, metavar="FILE",
                    help="gazetteer SQLite file (default: $GEOEVENTS_GAZETTEER or the user "
                    "cache; built on first use)")
    sp.add_argument("--country", type=_country_codes, action="extend", default=[],
                    metavar="CC[,CC…]",
                    help="the theatre: prefer places in these countries (ISO alpha-2, "
                    "repeatable) to their namesakes elsewhere")
    sp.add_argument("--bbox", type=_bbox, metavar="W,S,E,N",
                    help="the theatre as a box in degrees: prefer places inside it")
    sp.add_argument("--date", metavar="YYYY-MM-DD",
                    help="publication date of reports whose input does not give one: "
                    "relative dates (\"on Thursday\", \"last month\") are resolved "
                    "against it")
    sp.add_argument("--sides", type=Path, metavar="FILE.csv",
                    help="your own table of actors and their sides (columns pattern, "
                    "actor, side, inter, note[, allies]); default: the packaged one")
    return sp


def _page_options(sp: argparse.ArgumentParser) -> None:
    """The options of the commands that write map pages."""
    sp.add_argument("--title", help="title shown on the map (default: the report's title "
                    "or file name)")
    sp.add_argument("--cdn", action="store_true",
                    help="link Leaflet and its plugins from their CDNs instead of inlining "
                    "them (smaller files that need a network)")
    sp.add_argument("--basemap", choices=BASEMAPS, default="offline",
                    help="base layer shown first: offline (Natural Earth borders, embedded; "
                    "the default), osm or satellite (need a network); all are in the "
                    "layer control")
    sp.add_argument("--cluster", choices=("auto", "on", "off"), default="auto",
                    help=f"cluster crowded points (auto: above {CLUSTER_MIN_POINTS} points)")


def _report_commands(sub) -> None:
    """``map``, ``geojson``, ``export``, ``site`` and ``explain``."""
    sp = _report_command(sub, "map", "render the reports as one interactive HTML map")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.html", help="HTML file to write")
    _page_options(sp)
    sp = _report_command(sub, "geojson", "write the located mentions as GeoJSON (RFC 7946)")
    sp.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    sp = _report_command(sub, "export", "write the located mentions as GeoJSON, KML or an "
                         "ACLED-style CSV")
    sp.add_argument("--format", choices=("geojson", "kml", "csv", "gpkg", "parquet"),
                    default="geojson",
                    help="geojson (the contract), kml (Google Earth; properties as "
                    "ExtendedData), csv (ACLED's columns first), gpkg (GeoPackage, QGIS's own "
                    "format) or parquet (GeoParquet); the last two need -o FILE")
    sp.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    sp = _report_command(sub, "site", "build a static site: an index, a map and GeoJSON per "
                         "report, and a combined map")
    sp.add_argument("-o", "--output", required=True, metavar="DIR",
                    help="folder to write into (created when missing; a file of the same name "
                    "is replaced only when geoevents wrote it; other files are left alone)")
    _page_options(sp)
    _report_command(sub, "explain", "show how each feature was derived")


def _timeline_command(sub) -> None:
    """``timeline``."""
    sp = _report_command(sub, "timeline", "merge the claims of many reports in time and "
                         "estimate front lines and control areas day by day")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.geojson",
                    help="GeoJSON of the merged claims and each day's control areas, grey "
                    "zones, lines of contact and advances")
    sp.add_argument("--map", metavar="FILE.html", help="also an interactive map with a day slider")
    sp.add_argument("--start", metavar="YYYY-MM-DD", help="first day (default: the first claim)")
    sp.add_argument("--end", metavar="YYYY-MM-DD", help="last day (default: the last claim)")
    sp.add_argument("--step-days", type=_integer(1, _DAYS), default=1, metavar="N",
                    help="days between estimates (default 1)")
    sp.add_argument("--window-days", type=_integer(0, _DAYS), default=1, metavar="N",
                    help="claims about one place this many days apart are one claim "
                    "(default 1)")
    sp.add_argument("--memory-days", type=_integer(0, _DAYS), metavar="N",
                    help="a claim is current this long without a newer one, then shown as "
                    "stale until one comes (default: see docs/frontlines.md)")
    _page_options(sp)


def _gazetteer_queries(gsub) -> None:
    """``gazetteer build``, ``lookup`` and ``info``."""
    b = gsub.add_parser("build", help="(re)build the embedded gazetteer",
                        description="Build the embedded gazetteer from the installed packages.")
    b.add_argument("--gazetteer", type=Path, metavar="FILE", help="where to write it")
    lk = gsub.add_parser("lookup", help="list the candidates for a name",
                         description="List the gazetteer candidates for a place name.")
    lk.add_argument("name", metavar="NAME")
    lk.add_argument("--gazetteer", type=Path, metavar="FILE")
    lk.add_argument("--limit", type=_integer(1, 1_000_000), default=20,
                    help="at most this many (default 20)")
    info = gsub.add_parser("info", help="where the gazetteer is and what it holds",
                           description="Show where the gazetteer and the user's own data are "
                           "and what they hold.")
    info.add_argument("--gazetteer", type=Path, metavar="FILE")
    ck = gsub.add_parser("check", help="check the gazetteer and the user store for damage",
                         description="Check the gazetteer and the user store in full (every "
                         "page and index, the build fingerprint, the row counts); one line, "
                         "exit status 1 when something is damaged.")
    ck.add_argument("--gazetteer", type=Path, metavar="FILE")


def _gazetteer_import(gsub) -> None:
    """``gazetteer import``."""
    im = gsub.add_parser(
        "import", help="import GeoNames dumps into the user store",
        description="Import GeoNames dumps (a country file or allCountries, alternateNamesV2, "
        "admin1CodesASCII, admin2Codes, countryInfo; .txt or .zip) into the user store "
        "($GEOEVENTS_DATA/imports.sqlite or the user data directory), which survives rebuilds "
        "of the embedded gazetteer. Re-importing a file updates its rows. All or nothing: a "
        "malformed row leaves the store as it was.")
    im.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    im.add_argument("--gazetteer", type=Path, metavar="FILE",
                    help="the embedded gazetteer whose places may take imported alternate "
                    "names (default: $GEOEVENTS_GAZETTEER or the user cache)")
    im.add_argument("--workers", type=_integer(1, 1024), metavar="N",
                    help="parsing processes (default: one per core)")
    im.add_argument("-q", "--quiet", action="store_true", help="no progress lines")


def _gazetteer_add(gsub) -> None:
    """``gazetteer add``."""
    ad = gsub.add_parser(
        "add", help="add your own entry (or a CSV of them) to the user overlay",
        description="Add an entry to the user overlay ($GEOEVENTS_DATA/overlay.csv or the user "
        "data directory), read at every run and kept across rebuilds. Every entry must cite "
        "the source of its coordinate.")
    ad.add_argument("name", nargs="?", metavar="NAME", help="the name as usually written")
    ad.add_argument("--lat", type=_finite,
                    help="latitude, WGS84 decimal degrees")
    ad.add_argument("--lon", type=_finite,
                    help="longitude, WGS84 decimal degrees")
    ad.add_argument("--kind", type=_overlay_kind,
                    help="hill, neighbourhood, base, airport, bridge, crossing, "
                    "checkpoint, dam, camp, landmark, valley, area, village…")
    ad.add_argument("--country", help="ISO 3166-1 alpha-2 code, e.g. SY")
    ad.add_argument("--alt", action="append", default=[], metavar="NAME",
                    help="another spelling (repeatable)")
    ad.add_argument("--source", help="where the coordinate comes from (required)")
    ad.add_argument("--extent-m", type=_finite, metavar="N",
                    help="distance from the point to the furthest edge, metres")
    ad.add_argument("--id", metavar="SLUG", help="stable id (default: from country and name)")
    ad.add_argument("--note", default="", help="anything a reviewer should know")
    ad.add_argument("--from-csv", type=Path, metavar="FILE",
                    help="add every row of a CSV in the overlay schema instead (all or nothing)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    _check_outputs(parser, args)
    try:
        status = _run(args)
        _flush_stdout()
        return status
    except GeoeventsError as exc:
        print(f"geoevents: error: {exc}", file=sys.stderr)
        try:
            sys.stdout.flush()
        except OSError:  # what standard output could not take: not again at exit
            _silence_stdout()
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``| head``): end quietly
        _silence_stdout()
        return 1


def _flush_stdout() -> None:
    """Flush what ``print`` left in standard output's buffer (a full disk is an error)."""
    from ._output import write_stdout

    write_stdout("")


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's own flush at exit finds
    no closed pipe (and prints nothing)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real descriptor (tests)
        pass


def _check_outputs(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors of the outputs: the same output given twice."""
    from ._output import is_stdout, same_file

    one, two = getattr(args, "output", None), getattr(args, "map", None)
    if getattr(args, "format", None) in ("gpkg", "parquet") and (one is None or is_stdout(one)):
        parser.error(f"argument --format: {args.format} is written to a file: give -o FILE")
    if one is not None and two is not None and (
            one == two or same_file(one, two) or (is_stdout(one) and is_stdout(two))):
        parser.error(f"argument --map: the same output as -o ({two})")
    if getattr(args, "title", None) is not None:
        from .read import replace_surrogates

        args.title = replace_surrogates(args.title)  # undecodable bytes of the command line


def _refuse_inputs_as_outputs(args: argparse.Namespace) -> None:
    """An output that is one of the inputs (through any link or spelling) is refused before
    any work; the site checks its own files (:func:`geoevents.site.write_site`)."""
    from ._output import same_file

    for out in (getattr(args, "output", None), getattr(args, "map", None)):
        for source in _inputs(args) if out is not None else ():
            if same_file(out, source):
                raise OutputError(f"{out}: is the input {source}; write to another file")


def _inputs(args: argparse.Namespace) -> list[str]:
    """Every file a report command reads: the reports, ``--sides`` and the gazetteer."""
    from .gazetteer import default_path

    files = [r for r in args.reports if r != "-"]
    return files + [str(v) for v in (args.sides, args.gazetteer or default_path()) if v]


def _run(args: argparse.Namespace) -> int:
    if args.command == "batch":
        return batch_cli.run(args)
    if args.command == "gazetteer":
        return _run_gazetteer(args)
    reports, located = _locate_reports(args)
    from .site import combine

    features = combine(located)
    if args.command in ("geojson", "export"):
        _write_export(args, reports, features)
    elif args.command == "map":
        from ._output import write_text_atomic
        from .render import render_map

        page = render_map(features, reports=reports, title=_title(args, reports),
                          self_contained=not args.cdn, basemap=args.basemap,
                          cluster=_CLUSTER[args.cluster])
        write_text_atomic(args.output, page)
        print(f"geoevents: {len(features)} features → {args.output}", file=sys.stderr)
    elif args.command == "site":
        from .site import build_site, write_site

        files = build_site(located, title=args.title or "Reported positions",
                           self_contained=not args.cdn, basemap=args.basemap)
        write_site(files, args.output, inputs=_inputs(args))
        print(f"geoevents: {len(reports)} reports, {len(features)} features, "
              f"{len(files)} files → {args.output}", file=sys.stderr)
    elif args.command == "timeline":
        _timeline(args, reports, located)
    else:
        _write_stdout(_explain(features))
    for r, fs in located:
        if not fs:
            print(f"geoevents: warning: no place mentions located in {r.source}"
                  + (f" (record {r.label})" if len(reports) > 1 and r.id else ""),
                  file=sys.stderr)
    return 0


def _run_gazetteer(args: argparse.Namespace) -> int:
    """``gazetteer build|import|add|check|info|lookup``."""
    from .gazetteer import Gazetteer, build, default_path

    if args.gcommand == "build":
        build(args.gazetteer)
        return 0
    if args.gcommand == "import":
        from .gazetteer.geonames import import_files

        import_files(args.paths, embedded=args.gazetteer, workers=args.workers,
                     progress=None if args.quiet else _say)
        return 0
    if args.gcommand == "add":
        return _add(args)
    if args.gcommand == "check":
        from .errors import GazetteerError
        from .gazetteer.integrity import check
        from .gazetteer.userdata import store_path

        ok, line = check(args.gazetteer or default_path(), store_path())
        if not ok:
            raise GazetteerError(line)
        print(line)
        return 0
    gaz = Gazetteer.open(args.gazetteer)
    if args.gcommand == "info":
        _write_stdout(f"file: {args.gazetteer or default_path()}\n"
                      + "".join(f"{k}: {v}\n" for k, v in gaz.stats().items()))
        return 0
    _write_stdout(_lookup(gaz, args.name, args.limit))
    return 0


def _locate_reports(args: argparse.Namespace) -> tuple[list, list]:
    """The reports of a report command, read and located: (reports, [(report, features)])."""
    from .gazetteer import Gazetteer
    from .model import Theatre
    from .pipeline import locate
    from .read import read_reports
    from .site import unique_labels

    _refuse_inputs_as_outputs(args)
    if args.reports.count("-") > 1:
        raise InputError("-: standard input can be read only once")
    reports = [r for path in args.reports
               for r in read_reports(path, encoding=args.encoding,
                                     max_bytes=int(args.max_size * 1e6),
                                     text_column=args.text_column)]
    reports = unique_labels(reports)
    if args.date is not None:
        from dataclasses import replace

        from .dates import parse_published

        published = parse_published(args.date).isoformat()
        reports = [r if r.date else replace(r, date=published) for r in reports]
    undated = [r for r in reports if not r.date] if args.command == "timeline" else []
    if undated:  # a timeline dates every claim from its report: never from a caption's date
        r = undated[0]
        raise InputError(f"{r.source}{f' (record {r.label})' if r.id else ''}: no publication "
                         "date (a 'Date:' line, a date column or --date YYYY-MM-DD): the "
                         "timeline dates every claim from it")
    sides = None
    if args.sides is not None:
        from .events import load_sides

        sides = load_sides(args.sides)
    gaz = Gazetteer.open(args.gazetteer)
    unknown = [c for c in args.country if gaz.country(c) is None]
    if unknown:
        raise InputError(f"--country: no country with the code {', '.join(unknown)}")
    theatre = Theatre(countries=frozenset(args.country), bbox=args.bbox) or None
    return reports, [(r, locate(r, gaz, theatre=theatre, sides=sides)) for r in reports]


def _write_export(args: argparse.Namespace, reports: list, features: list) -> None:
    """``geojson`` and ``export``: the features in the format asked for, to -o or stdout."""
    from . import export
    from ._output import write_text_atomic

    fmt = getattr(args, "format", "geojson")
    if fmt in ("gpkg", "parquet"):  # binary: a file, through GDAL or pyarrow
        from .batch import write_gpkg, write_parquet

        (write_gpkg if fmt == "gpkg" else write_parquet)(args.output, features)
        return
    if fmt == "kml":
        out = export.dumps_kml(features, name=_title(args, reports))
    elif fmt == "csv":
        out = export.dumps_acled_csv(features)
    else:
        out = export.dumps(features)
    write_text_atomic(args.output or "-", out)  # standard output too: always UTF-8


_CLUSTER = {"auto": None, "on": True, "off": False}


def _timeline(args: argparse.Namespace, reports, located) -> None:
    """``geoevents timeline``: claims merged, front lines day by day, GeoJSON and a map."""
    import dataclasses

    from ._output import write_text_atomic
    from .dates import parse_published
    from .frontline import FrontlineParams, default_span, iter_series
    from .site import combine
    from .timeline import merge, parse_day, timeline_geojson

    everything = combine(located, prefix=True)
    claims = merge([f for _, fs in located for f in fs], window_days=args.window_days)
    start = parse_published(args.start) if args.start else None
    end = parse_published(args.end) if args.end else None
    published = [d for r in reports if (d := parse_day(r.date)) is not None]
    span = default_span(claims, published, start=start, end=end)
    if span is None:
        raise InputError("no dated claims in the reports: give them dates (--date, or a "
                         "date column) or pass --start and --end")
    start, end = span
    if end < start:
        raise InputError(f"--end {end} is before --start {start}")
    params = FrontlineParams()
    if args.memory_days is not None:
        params = dataclasses.replace(params, memory_days=args.memory_days)
    fronts = iter_series(claims, start=start, end=end, step_days=args.step_days,
                         params=params)
    if args.map:  # the map needs them too; else one front at a time into the GeoJSON
        fronts = list(fronts)
    out = timeline_geojson(claims, fronts)
    page = None
    if args.map:
        from .render import front_layers, render_map

        page = render_map(everything, reports=reports, title=_title(args, reports),
                          self_contained=not args.cdn, basemap=args.basemap,
                          cluster=_CLUSTER[args.cluster], color_by="side",
                          fronts=[(fl.date, front_layers(fl.to_geojson(), everything))
                                  for fl in fronts])
    write_text_atomic(args.output, out)
    if page is not None:
        write_text_atomic(args.map, page)
    days = (end - start).days // args.step_days + 1
    print(f"geoevents: {len(reports)} reports, {len(claims)} claims, {days} days "
          f"({start} to {end}) → {args.output}" + (f", {args.map}" if args.map else ""),
          file=sys.stderr)


def _title(args: argparse.Namespace, reports) -> str:
    """``--title``, else the report's title or file name, else how many reports there are."""
    if getattr(args, "title", None) is not None:
        return args.title
    if len(reports) == 1:
        r = reports[0]
        return r.title or Path(r.source).name
    return f"{len(reports)} reports"


def _say(message: str) -> None:
    print(f"geoevents: {message}", file=sys.stderr, flush=True)


def _add(args: argparse.Namespace) -> int:
    from .gazetteer.userdata import Entry, add_entries, add_from_csv, overlay_path

    if args.from_csv is not None:
        given = [o for o in ("name", "lat", "lon", "kind", "country", "source", "extent_m", "id")
                 if getattr(args, o) is not None] + (["alt"] if args.alt else [])
        if given:
            _parser().error(f"--from-csv takes no entry of its own (got {', '.join(given)})")
        ids = add_from_csv(args.from_csv)
    else:
        missing = [f"--{o}" for o in ("lat", "lon", "kind", "source") if getattr(args, o) is None]
        if args.name is None or missing:
            need = (["NAME"] if args.name is None else []) + missing
            _parser().error(f"gazetteer add needs {', '.join(need)} (or --from-csv FILE)")
        ids = add_entries([Entry(name=args.name.strip(), lat=args.lat, lon=args.lon,
                                 kind=args.kind.strip(), source=args.source.strip(),
                                 country=(args.country or "").strip().upper() or None,
                                 alt_names=[a.strip() for a in args.alt if a.strip()],
                                 extent_m=args.extent_m, id=args.id, note=args.note)])
    for i in ids:
        print(f"added {i} to {overlay_path()}")
    return 0


def _lookup(gaz, name: str, limit: int) -> str:
    """``geoevents gazetteer lookup``: the candidates for ``name`` as a table."""
    from ._normalize import name_key

    cands = gaz.lookup(name_key(name))
    if not cands:
        return f"no candidates for {name!r}\n"
    lines = [f"{'id':<20} {'name':<28} {'kind':<10} {'cc':<3} {'population':>11}  "
             f"{'lat':>9} {'lon':>10}  source"]
    lines.extend(f"{p.id:<20} {p.name[:28]:<28} {p.kind:<10} {p.country or '':<3} "
                 f"{p.population:>11,}  {p.lat:>9.4f} {p.lon:>10.4f}  {p.source}"
                 for p in cands[:limit])
    if len(cands) > limit:
        lines.append(f"… {len(cands) - limit} more (use --limit)")
    return "".join(line + "\n" for line in lines)


def _explain(features) -> str:
    """``geoevents explain``: each feature, the terms of its derivation, where it is."""
    lines = []
    for f in features:
        lines.append(f"[{f.id}] {f.kind}: “{f.text}” (chars {f.start}–{f.end})")
        lines.extend(f"    {line}" for line in f.explain)
        lines.append(f"    → {f.lat:.5f}, {f.lon:.5f} ± {f.uncertainty_m:,.0f} m; "
                     f"precision {f.precision}; confidence {f.confidence:.2f}")
    return "".join(line + "\n" for line in lines)


def _write_stdout(text: str) -> None:
    """Text for people on standard output, in its own encoding (``?`` for what it lacks)."""
    from ._output import write_stdout

    write_stdout(text, encoding=getattr(sys.stdout, "encoding", None) or "utf-8")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
