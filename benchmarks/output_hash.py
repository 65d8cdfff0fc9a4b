"""Fingerprint everything geoevents writes, to show that a refactoring changed nothing.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/output_hash.py [--data ../shared/eval] [--jobs N]
        [--only examples,geovirus,lgl,acled,ucdp,frontline] [--dump DIR]

It prints one SHA-256 per group and one over all of them:

- ``examples``: what the README's first command builds from ``data/examples/`` (the site:
  index, every map and GeoJSON; the Palmyra offensive's timeline GeoJSON and map), plus
  ``export --format kml|csv``, ``explain`` and ``map`` of the same reports, run through the
  command line as a user runs it;
- ``frontline``: the timeline GeoJSON of every sequence in ``tests/fixtures/sequences/``;
- ``geovirus``, ``lgl``: per document, the full GeoJSON of :func:`geoevents.pipeline.analyse`
  (shapes, dates, events), every mention of its extraction (span, role, chosen place) and
  the answers of :func:`geoevents.pipeline.resolve_spans` on the gold spans;
- ``acled``: the same GeoJSON and mentions for the notes of both ACLED development sets;
- ``ucdp``: ``resolve_spans`` on the UCDP sample's place names.

The gazetteer is the embedded one (the user's own data left out), opened from the default
cache file. ``--dump DIR`` also writes each group's canonical text, to diff two runs.
Corpora missing from ``--data`` are reported as ``absent`` (a fresh clone has no shared/).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ("examples", "frontline", "geovirus", "lgl", "acled", "ucdp")

_GAZ: Any = None


def _gaz() -> Any:
    global _GAZ
    if _GAZ is None:
        from geoevents.gazetteer import Gazetteer

        _GAZ = Gazetteer.open(user_data=False)
    return _GAZ


def _mentions(ex: Any) -> list[Any]:
    return [[m.start, m.end, m.role, m.text, m.place.id if m.place else None,
             round(m.confidence, 6), m.modifier] for m in ex.mentions]


def _doc_text(args: tuple[str, str, list[tuple[int, int]], str | None]) -> str:
    """One document's canonical output: GeoJSON, mentions, gold-span answers."""
    from geoevents.export import dumps
    from geoevents.model import Report
    from geoevents.pipeline import analyse, resolve_spans

    label, text, spans, date = args
    gaz = _gaz()
    ex, features = analyse(Report(text=text, source=label, id=label, date=date), gaz)
    parts = [label, dumps(features), json.dumps(_mentions(ex), ensure_ascii=False)]
    if spans:
        answers = resolve_spans(text, spans, gaz)
        parts.append(json.dumps([p.id if p else None for p in answers]))
    return "\n".join(parts) + "\n"


def _run(items: list[Any], task: Callable[[Any], str], jobs: int) -> Iterable[str]:
    if jobs <= 1:
        yield from map(task, items)
        return
    # shut the pool down when the group is done: a pool left to the interpreter's exit
    # sometimes printed "Bad file descriptor" from its wake-up pipe
    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(task, items, chunksize=8)


def _corpus_items(group: str, data: Path) -> list[Any] | None:
    from geoevents.evaluate import read_geovirus, read_lgl, read_ucdp

    if group in ("geovirus", "lgl"):
        path = data / ("GeoVirus.xml" if group == "geovirus" else "lgl.xml")
        if not path.exists():
            return None
        docs = read_geovirus(path) if group == "geovirus" else read_lgl(path)
        return [(f"{group}-{i}", d.text, [(t.start, t.end) for t in d.toponyms], None)
                for i, d in enumerate(docs)]
    if group == "acled":
        items = []
        for name in ("acled-dev-africa-2016.csv", "acled-dev-south-asia-2015.csv"):
            path = data / name
            if not path.exists():
                return None
            with path.open(newline="", encoding="utf-8") as fh:
                for i, row in enumerate(csv.DictReader(fh)):
                    note = row.get("notes") or row.get("NOTES") or ""
                    date = row.get("event_date") or row.get("EVENT_DATE") or None
                    items.append((f"{name}-{i}", note, [], date))
        return items
    if group == "ucdp":
        path = data / "ucdp_ged_sample.csv"
        if not path.exists():
            return None
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from eval_geoparse import ucdp_text  # the text the evaluation geocodes in

        out = []
        for i, r in enumerate(read_ucdp(path)):
            text, full, span = ucdp_text(r)
            out.append((f"ucdp-{i}", text, [span, full], None))
        return out
    raise ValueError(group)


def _ucdp_text(args: tuple[str, str, list[tuple[int, int]], str | None]) -> str:
    from geoevents.pipeline import resolve_spans

    label, text, spans, _ = args
    answers = resolve_spans(text, spans, _gaz())
    return f"{label}\t{json.dumps([p.id if p else None for p in answers])}\n"


def _cli(*args: str, cwd: Path) -> str:
    exe = Path(sys.executable).with_name("geoevents")
    run = subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True,
                         check=False)
    return f"$ geoevents {' '.join(args)}\nexit {run.returncode}\n{run.stdout}{run.stderr}"


def _tree_text(folder: Path) -> str:
    parts = []
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            parts.append(f"--- {p.relative_to(folder)}\n{p.read_text(encoding='utf-8')}")
    return "\n".join(parts)


def _examples_text() -> str:
    ex = ROOT / "data" / "examples"
    txts = sorted(str(p.relative_to(ROOT)) for p in ex.glob("*.txt"))
    seq = "data/examples/palmyra-offensive/reports.jsonl"
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        parts.append(_cli("site", *txts, seq, "-o", str(out / "site"), cwd=ROOT))
        parts.append(_cli("timeline", seq, "-o", str(out / "tl.geojson"), "--map",
                          str(out / "tl.html"), cwd=ROOT))
        parts.append(_cli("map", *txts, "-o", str(out / "all.html"), cwd=ROOT))
        for fmt in ("kml", "csv", "geojson"):
            parts.append(_cli("export", *txts, seq, "--format", fmt, "-o",
                              str(out / f"all.{fmt}"), cwd=ROOT))
        parts.append(_cli("explain", *txts, cwd=ROOT))
        parts.append(_tree_text(out))
        return "\n".join(p.replace(tmp, "TMP").replace(str(ROOT), "ROOT") for p in parts)


def _frontline_text() -> str:
    seqs = ROOT / "tests" / "fixtures" / "sequences"
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for reports in sorted(seqs.glob("*/reports.jsonl")):
            out = Path(tmp) / f"{reports.parent.name}.geojson"
            parts.append(_cli("timeline", str(reports), "-o", str(out), cwd=ROOT))
            if out.exists():
                parts.append(out.read_text(encoding="utf-8"))
        return "\n".join(p.replace(tmp, "TMP").replace(str(ROOT), "ROOT") for p in parts)


def group_text(group: str, data: Path, jobs: int) -> str | None:
    """The canonical text of one group, or None when its data are absent."""
    if group == "examples":
        return _examples_text()
    if group == "frontline":
        return _frontline_text()
    items = _corpus_items(group, data)
    if items is None:
        return None
    task = _ucdp_text if group == "ucdp" else _doc_text
    return "".join(_run(items, task, jobs))


def main(argv: list[str] | None = None) -> int:
    """Print a SHA-256 per group of outputs and one over all of them."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--only", default=",".join(GROUPS))
    ap.add_argument("--dump", type=Path, help="write each group's canonical text here")
    args = ap.parse_args(argv)
    groups = [g for g in args.only.split(",") if g]
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        ap.error(f"unknown group(s) {', '.join(unknown)}; known: {', '.join(GROUPS)}")
    total = hashlib.sha256()
    for g in groups:
        text = group_text(g, args.data, args.jobs)
        if text is None:
            print(f"{g:10} absent")
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        total.update(f"{g}:{digest}\n".encode())
        print(f"{g:10} {digest[:16]}  ({len(text):,} chars)", flush=True)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            (args.dump / f"{g}.txt").write_text(text, encoding="utf-8")
    print(f"{'all':10} {total.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
