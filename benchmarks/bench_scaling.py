"""Does the cost of one report grow linearly with its size?

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_scaling.py [--sizes 1000,10000,100000] [--stages]
        [--big-mb 9.9]

A report of N place mentions is made by recombining the project's own texts (the example
reports and the test fixtures' reports: their paragraphs in a fixed, shuffled order, repeated
until the report holds N mentions). Each report is run through
:func:`geoevents.pipeline.analyse` (read → extract → resolve → shapes → dates → events) once,
in this process, on the default gazetteer. The table shows, per size, the mentions found,
the seconds (wall clock, and CPU seconds of this process: ``time.process_time``, which the
machine's other load does not inflate), and the ratio of the CPU time to that of the size
ten times smaller: a linear stage gives about 10×, an n·log n one a little more; **the
target is ≤ 12× per 10×**. With
``--stages`` each stage is timed apart (CPU seconds), so the stage that stops scaling is
named.

``--big-mb`` also runs one report of that many megabytes (the default input limit is 10 MB)
and prints its time and the peak resident memory of this process.

Exit status 0 when every ratio is ≤ 12, 1 otherwise (so it can gate a release by hand).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET = 12.0


def paragraphs() -> list[str]:
    """The project's own report paragraphs, in a fixed shuffled order."""
    import json

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "examples").glob(
        "*.txt"))]
    for p in sorted((ROOT / "tests" / "fixtures").rglob("*.txt")):
        texts.append(p.read_text(encoding="utf-8"))
    for p in sorted((ROOT / "tests" / "fixtures").rglob("reports.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line).get("text", ""))
    paras = [q.strip() for t in texts for q in t.split("\n\n") if len(q.strip()) > 80]
    random.Random(20161101).shuffle(paras)
    return paras


def corpus(paras: list[str], n_mentions: int, per_para: list[int], *,
           chars: int | None = None) -> str:
    """Paragraphs in order, cycled, until they hold about ``n_mentions`` mentions (or, with
    ``chars``, that many characters, cut there)."""
    out, count, size, i = [], 0, 0, 0
    while count < n_mentions if chars is None else size < chars:
        out.append(paras[i % len(paras)])
        count += per_para[i % len(paras)]
        size += len(out[-1]) + 2
        i += 1
    text = "\n\n".join(out) + "\n"
    return text if chars is None else text[:chars]


def _stages(text: str, gaz: Any) -> dict[str, float]:
    """CPU seconds per stage of :func:`geoevents.pipeline.analyse`, run stage by stage."""
    from dataclasses import replace

    from geoevents.dates import date_features
    from geoevents.events import annotate
    from geoevents.extract import extract
    from geoevents.geometry import build_features
    from geoevents.resolve import resolve

    times: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.process_time()
        out = fn()
        times[name] = time.process_time() - t
        return out

    ex = timed("extract", lambda: extract(text, gaz))
    timed("resolve", lambda: resolve(ex))
    located = replace(ex, mentions=[m for m in ex.mentions if not m.modifier])
    feats = timed("shapes", lambda: build_features(text, located, gaz))
    feats = timed("dates", lambda: date_features(text, feats, published=None))
    timed("events", lambda: annotate(text, feats))
    return times


def main(argv: list[str] | None = None) -> int:
    """Time the pipeline on reports of growing size; print the ratios per 10×."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--stages", action="store_true", help="time each stage apart")
    ap.add_argument("--big-mb", type=float, default=0.0,
                    help="also run one report of this many MB (e.g. 9.9)")
    args = ap.parse_args(argv)
    from geoevents.extract import extract
    from geoevents.gazetteer import Gazetteer
    from geoevents.pipeline import analyse

    gaz = Gazetteer.open(user_data=False)
    paras = paragraphs()
    per_para = [len(extract(p, gaz).mentions) for p in paras]
    analyse(paras[0], gaz)  # warm the caches
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rows, ok, prev = [], True, None
    for n in sizes:
        text = corpus(paras, n, per_para)
        wall, cpu = time.perf_counter(), time.process_time()
        if args.stages:
            st = _stages(text, gaz)
            found = None
        else:
            ex, _ = analyse(text, gaz)
            found, st = len(ex.mentions), {}
        wall, secs = time.perf_counter() - wall, time.process_time() - cpu
        ratio = secs / prev if prev else None
        if ratio is not None and ratio > TARGET:
            ok = False
        rows.append((n, len(text), found, secs, ratio, st))
        prev = secs
        detail = "  ".join(f"{k} {v:.2f}" for k, v in st.items())
        head = (f"{n:>8,} mentions  {len(text):>11,} chars  found {found or '-':>7}  "
                f"{wall:8.2f} s wall  {secs:8.2f} s CPU")
        print(f"{head}  ×{ratio:5.1f} per 10×" if ratio else head, detail, flush=True)
    if args.big_mb:
        text = corpus(paras, 0, per_para, chars=int(args.big_mb * 1_000_000))
        wall, cpu = time.perf_counter(), time.process_time()
        ex, feats = analyse(text, gaz)
        wall, secs = time.perf_counter() - wall, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{args.big_mb} MB report ({len(text):,} chars): {len(ex.mentions):,} mentions, "
              f"{len(feats):,} features, {wall:.1f} s wall, {secs:.1f} s CPU, "
              f"peak RSS {peak:.0f} MiB")
    print("target: ≤ 12× per 10× —", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
