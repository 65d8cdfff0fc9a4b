"""``geoevents batch``: the command's arguments and its run (hooked into :mod:`geoevents.cli`)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputError

#: Exit status of a batch that finished with bad records in its error table.
EXIT_BAD_RECORDS = 3


def add_parser(sub: Any, *, size_type: Callable[[str], float],
               country_type: Callable[[str], list[str]],
               bbox_type: Callable[[str], tuple[float, float, float, float]]
               ) -> argparse.ArgumentParser:
    """Add the ``batch`` command to the CLI's subparsers.

    Parameters
    ----------
    sub
        The subparsers action of ``geoevents``'s parser.
    size_type, country_type, bbox_type
        The CLI's argument types of ``--max-size``, ``--country`` and ``--bbox`` (so that
        every command reads them alike).
    """
    sp = sub.add_parser(
        "batch", help="locate a whole corpus into resumable GeoParquet and GeoJSON-sequence "
        "partitions, in parallel",
        description="Locate every report of many inputs, streamed, on all cores (or a Dask "
        "cluster), into OUTDIR: parquet/part-*.parquet (GeoParquet), geojsons/part-*.geojsons "
        "(GeoJSON Text Sequences, RFC 8142), errors.jsonl (each bad record and why) and "
        "summary.json. Rerun the same command after an interruption to resume. Exit status "
        f"{EXIT_BAD_RECORDS} when some records were bad. See docs/batch.md.")
    sp.add_argument("inputs", nargs="+", metavar="INPUT",
                    help=".txt/.html files, .jsonl/.csv/.tsv/.parquet tables (each maybe .gz), "
                    "directories or globs")
    sp.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR",
                    help="folder of the outputs (resumed when it holds the same batch)")
    sp.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                    help="worker processes (default: one per core; 1 runs in this process)")
    sp.add_argument("--partition-size", type=int, default=500, metavar="N",
                    help="records per partition (default 500)")
    where = sp.add_mutually_exclusive_group()
    where.add_argument("--dask", choices=("local",),
                       help="run on a Dask LocalCluster of --jobs worker processes")
    where.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="run on the Dask cluster of this scheduler")
    sp.add_argument("--ship-gazetteer", action="store_true",
                    help="send the gazetteer file to the Dask workers (when they do not share "
                    "this machine's disk)")
    sp.add_argument("--restart", action="store_true",
                    help="discard what OUTDIR holds and start again")
    sp.add_argument("--timeline", type=Path, metavar="FILE.geojson",
                    help="then also the timeline of every partition's features: the claims "
                    "merged and the front lines day by day, as `geoevents timeline -o` writes "
                    "them (its default span)")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    sp.add_argument("--max-size", type=size_type, default=10.0, metavar="MB",
                    help="records larger than this go to the error table (default 10 MB)")
    sp.add_argument("--text-column", metavar="NAME",
                    help="the column or key holding the text (default: text, body or content)")
    sp.add_argument("--gazetteer", type=Path, metavar="FILE",
                    help="gazetteer SQLite file (default: $GEOEVENTS_GAZETTEER or the user cache)")
    sp.add_argument("--country", type=country_type, action="extend", default=[],
                    metavar="CC[,CC…]", help="the theatre: prefer places in these countries")
    sp.add_argument("--bbox", type=bbox_type, metavar="W,S,E,N",
                    help="the theatre as a box in degrees: prefer places inside it")
    sp.add_argument("--date", metavar="YYYY-MM-DD",
                    help="publication date of reports whose input does not give one")
    sp.add_argument("--sides", type=Path, metavar="FILE.csv",
                    help="your own table of actors and their sides")
    return sp


def run(args: argparse.Namespace) -> int:
    """Run ``geoevents batch``; returns the exit status."""
    from ..dates import parse_published
    from ..gazetteer import Gazetteer
    from ._run import run_batch
    from ._work import Config

    if args.jobs < 1 or args.partition_size < 1:
        raise InputError("--jobs and --partition-size must be at least 1")
    date = parse_published(args.date).isoformat() if args.date else None
    if args.country:
        gaz = Gazetteer.open(args.gazetteer)  # built here once, not by every worker
        unknown = [c for c in args.country if gaz.country(c) is None]
        gaz.close()
        if unknown:
            raise InputError(f"--country: no country with the code {', '.join(unknown)}")
    else:
        Gazetteer.open(args.gazetteer).close()
    config = Config(gazetteer=str(args.gazetteer) if args.gazetteer else None,
                    sides=str(args.sides) if args.sides else None,
                    countries=tuple(args.country), bbox=args.bbox, date=date,
                    text_column=args.text_column, max_bytes=int(args.max_size * 1e6))
    summary = run_batch(args.inputs, args.output, config=config, jobs=args.jobs,
                        partition_size=args.partition_size,
                        dask=args.scheduler or args.dask, ship_gazetteer=args.ship_gazetteer,
                        progress=not args.quiet and sys.stderr.isatty())
    bad = summary["errors"]
    print(f"geoevents: batch: {summary['records']} records, {summary['reports']} reports "
          f"located, {summary['features']} features, {bad} bad records"
          + (f" (see {args.output / 'errors.jsonl'})" if bad else "")
          + f"; {summary['partitions']} partitions ({summary['skipped']} already done) in "
          f"{summary['seconds']:.1f} s → {args.output}", file=sys.stderr)
    if args.timeline is not None:
        from .._output import write_text_atomic
        from ._timeline import batch_timeline

        text, line = batch_timeline(args.output)
        write_text_atomic(args.timeline, text)
        print(f"geoevents: batch timeline: {line} → {args.timeline}", file=sys.stderr)
    return EXIT_BAD_RECORDS if bad else 0
