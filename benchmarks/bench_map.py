"""How heavy is a geoevents map of 10,000 features, next to a plain folium map of them?

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_map.py [--features N] [--repeat R] [--out DIR]
                                             [--no-browser] [--seed S] [--span DEG]

In one run it

1. builds N realistic features (default 10,000): :func:`geoevents.pipeline.locate` over the
   example reports ``data/examples/*.txt``, without the ``area`` features (country outlines
   are not what a 10,000-feature map holds), replicated as whole reports: each copy of a
   report is moved, geometry and point estimate together, to a random place
   (``random.Random(seed)``) in a box of ``--span`` degrees around the first report's
   features, so the map is one crowded theatre; ids are made unique per copy;
2. renders them with :func:`geoevents.render.render_map` (self-contained, clustering
   automatic) and, as the baseline, as a plain folium map with one ``folium.Marker`` (popup:
   the quote, tooltip: the mention) per feature — what a user would write without
   geoevents — made self-contained with :func:`geoevents.render.inline_assets`; it reports
   the best render time of ``--repeat`` and the file sizes (and where the geoevents page
   spends its bytes);
3. loads each page ``--repeat`` times in a fresh Chromium context (headless, every request
   that is not ``file:`` aborted and counted) and reports, best of the runs: first paint
   and first contentful paint, the ``load`` event, when the features are drawn, the live
   JS heap after a forced garbage collection, the main thread's script time, DOM nodes,
   console errors and failed requests;
4. prints a table with the ratio geoevents / plain folium of every metric, and the CPUs.

Exit status: 0 when everything ran; 1 when a page did not finish drawing in time; 2 on a
usage error or when Chromium/Playwright is missing (the render part runs with
``--no-browser``).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gzip
import html
import os
import platform
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 800}
T = TypeVar("T")

#: Milestones watched in the page on every animation frame from the document's start (an init
#: script, so nothing is missed while Python waits). A milestone's time is the start of the
#: frame *after* the first frame at whose start its condition held: Chromium starts a frame
#: only once the previous one is drawn, so by then what the condition describes is drawn
#: (rasterising 1,000 marker images takes seconds in the frame that shows them, which the
#: condition's own frame start would hide); it is displayed a few tens of ms later.
#: ``first``: some features are drawn; ``all``: every feature is drawn.
WATCH_JS = """
(() => {
  const kind = %(kind)r, n = %(n)d;
  const bench = window.__bench = {first: null, all: null, seenFirst: false, seenAll: false,
                                  done: false};
  function check() {
    const now = performance.now();
    if (bench.seenFirst && bench.first === null) bench.first = now;
    if (bench.seenAll) { bench.all = now; bench.done = true; return; }
    let count = 0;
    if (kind === "geoevents") {
      if (window.geoevents) count = window.geoevents.drawn().length;
    } else if (document.readyState === "complete") {
      count = document.querySelectorAll(".leaflet-marker-icon").length;
    }
    if (count > 0) bench.seenFirst = true;
    if (count >= n) bench.seenAll = true;
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
})();
"""

DRAWN_DEFINITIONS = (
    "features drawn: start of the animation frame after the first frame (polled on every",
    "  frame from the document's start) at whose start the condition held: Chromium begins",
    "  it once that frame is drawn (its display, the paint entries' time, follows tens of ms",
    "  later); conditions:",
    "  geoevents:    window.geoevents.drawn().length > 0 (first) / == N (all; clustered",
    "                points count once in the cluster layer, which loads in chunks)",
    "  plain folium: load event fired and .leaflet-marker-icon elements in the page (first) /",
    "                all N of them (all; folium adds every marker before load: first == all)",
)


# --------------------------------------------------------------------------- features


def example_features(gaz: Any) -> tuple[list[Any], list[Any]]:
    """The located features (without ``area``) and the reports of ``data/examples/*.txt``."""
    from geoevents.pipeline import locate
    from geoevents.read import read_report

    reports, features = [], []
    for path in sorted(EXAMPLES.glob("*.txt")):
        report = read_report(path)
        reports.append(report)
        features += [f for f in locate(report, gaz) if f.kind != "area"]
    return features, reports


def replicate(base: Sequence[Any], n: int, *, seed: int, span: float) -> list[Any]:
    """``n`` features: copies of ``base`` report by report, each copy moved as a whole.

    Copy ``c`` of a report is translated by the offset from the report's centroid to the
    first report's centroid plus a uniform jitter of ``±span/2`` degrees in latitude and
    longitude, so every copy keeps its own shapes and relations and all of them crowd one
    theatre. Feature ids get a ``-c`` suffix.
    """
    from shapely.affinity import translate

    by_report: dict[str, list[Any]] = {}
    for f in base:
        by_report.setdefault(f.report or "", []).append(f)
    centroids = {label: (sum(f.lat for f in fs) / len(fs), sum(f.lon for f in fs) / len(fs))
                 for label, fs in by_report.items()}
    lat0, lon0 = next(iter(centroids.values()))
    rng = random.Random(seed)
    out: list[Any] = []
    copy = 0
    while len(out) < n:
        for label, fs in by_report.items():
            clat, clon = centroids[label]
            dlat = lat0 - clat + rng.uniform(-span / 2, span / 2)
            dlon = lon0 - clon + rng.uniform(-span / 2, span / 2)
            for f in fs:
                if len(out) == n:
                    return out
                out.append(dataclasses.replace(
                    f, id=f"{f.id}-{copy}", lat=f.lat + dlat, lon=f.lon + dlon,
                    geometry=translate(f.geometry, xoff=dlon, yoff=dlat)))
        copy += 1
    return out


# --------------------------------------------------------------------------- rendering


def best_of(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The shortest wall-clock time of ``repeat`` calls of ``fn``, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result  # type: ignore[return-value]


def folium_page(features: Sequence[Any], *, inline: bool = True) -> str:
    """The baseline: a plain folium map, one Marker (popup: quote, tooltip: text) each."""
    import folium

    from geoevents.render import inline_assets

    fmap = folium.Map(tiles=None)
    for f in features:
        folium.Marker([f.lat, f.lon], popup=folium.Popup(html.escape(f.quote)),
                      tooltip=html.escape(f.text)).add_to(fmap)
    lats = [f.lat for f in features]
    lons = [f.lon for f in features]
    fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]])
    page = fmap.get_root().render()
    return inline_assets(page) if inline else page


def nbytes(text: str) -> int:
    return len(text.encode("utf-8"))


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6))


def size_breakdown(features: Sequence[Any], reports: Sequence[Any], title: str,
                   page: str, baseline: str, baseline_cdn: str) -> list[str]:
    """Lines saying where each page's bytes go, measured by rendering parts of the page."""
    import shapely
    from shapely.geometry import Point

    from geoevents import _basemap
    from geoevents.render import render_map, script_json

    def cdn_size(fs: Sequence[Any]) -> int:
        return nbytes(render_map(fs, reports=reports, title=title, self_contained=False))

    total = nbytes(page)
    cdn = cdn_size(features)
    empty = cdn_size([])
    as_points = cdn_size([dataclasses.replace(f, geometry=Point(f.lon, f.lat))
                          for f in features])
    no_quotes = cdn_size([dataclasses.replace(f, quote="") for f in features])
    shapes = [f.geometry for f in features if f.geometry.geom_type != "Point"]
    vertices = sum(len(shapely.get_coordinates(g)) for g in shapes)
    basemap = nbytes(script_json(_basemap.land()))
    assets = total - cdn
    data = cdn - empty
    rest = total - assets - data - basemap
    b_assets = nbytes(baseline) - nbytes(baseline_cdn)
    b_rest = nbytes(baseline) - b_assets

    def part(name: str, size: int, whole: int, note: str = "") -> str:
        return (f"  {name:<40} {size / 1e6:>7.2f} MB  {100 * size / whole:>5.1f} %"
                + (f"  {note}" if note else ""))

    n = len(features)
    return [
        f"geoevents page, {total / 1e6:.2f} MB:",
        part("inlined Leaflet + plugins", assets, total,
             "(self-contained minus CDN page)"),
        part("embedded basemap (Natural Earth)", basemap, total, "(its JSON)"),
        part("feature data (JSON)", data, total,
             f"(page minus page with no features: {data / n:,.0f} B/feature)"),
        part("  of which shape outlines", cdn - as_points, total,
             f"(shapes drawn as points instead: {vertices / max(len(shapes), 1):,.0f} "
             "vertices/shape)"),
        part("  of which quotes", cdn - no_quotes, total, "(quotes left empty instead)"),
        part("rest (_map.js, CSS, folium scaffold)", rest, total),
        f"plain folium page, {nbytes(baseline) / 1e6:.2f} MB:",
        part("inlined Leaflet, jQuery, Bootstrap, FA", b_assets, nbytes(baseline),
             "(self-contained minus CDN page)"),
        part("markers, popups, tooltips (JS code)", b_rest, nbytes(baseline),
             f"({b_rest / n:,.0f} B/feature)"),
    ]


# --------------------------------------------------------------------------- browser


@dataclasses.dataclass
class PageRun:
    """What one load of a page measured (times in ms from navigation start)."""

    first_paint: float | None = None
    first_contentful_paint: float | None = None
    load: float | None = None
    first_drawn: float | None = None
    all_drawn: float | None = None
    heap_mb: float | None = None
    script_ms: float | None = None
    nodes: float | None = None
    console_errors: int = 0
    blocked: list[str] = dataclasses.field(default_factory=list)
    failed_files: list[str] = dataclasses.field(default_factory=list)
    error_texts: list[str] = dataclasses.field(default_factory=list)


class NotDrawn(RuntimeError):
    """A page did not finish drawing its features in time."""


def load_page(browser: Any, path: Path, kind: str, n: int, timeout_s: float) -> PageRun:
    """Load ``path`` once in a fresh context with the network blocked, and measure it."""
    run = PageRun()
    ctx = browser.new_context(viewport=VIEWPORT)
    try:
        def route(r: Any) -> None:
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                run.blocked.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        page = ctx.new_page()

        def on_console(msg: Any) -> None:
            if msg.type == "error":
                run.console_errors += 1
                run.error_texts.append(msg.text)

        def on_pageerror(exc: Any) -> None:
            run.console_errors += 1
            run.error_texts.append(str(exc))

        def on_failed(req: Any) -> None:
            if req.url.startswith("file:"):
                run.failed_files.append(req.url)

        page.on("console", on_console)
        page.on("pageerror", on_pageerror)
        page.on("requestfailed", on_failed)
        page.add_init_script(WATCH_JS % {"kind": kind, "n": n})
        cdp = ctx.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(path.as_uri(), wait_until="load", timeout=timeout_s * 1000)
        try:
            page.wait_for_function("window.__bench && window.__bench.done",
                                   timeout=timeout_s * 1000)
        except Exception as exc:  # playwright's TimeoutError
            got = page.evaluate("window.__bench")
            raise NotDrawn(f"{path.name}: features not all drawn after {timeout_s:g} s "
                           f"({got})") from exc
        with contextlib.suppress(Exception):  # paint entries come with the frame's display
            page.wait_for_function(
                "performance.getEntriesByType('paint').length >= 2", timeout=10_000)
        m = page.evaluate("""() => {
            const paint = {};
            for (const e of performance.getEntriesByType("paint")) paint[e.name] = e.startTime;
            const nav = performance.getEntriesByType("navigation")[0];
            return {paint, load: nav ? nav.loadEventStart : null, bench: window.__bench};
        }""")
        run.first_paint = m["paint"].get("first-paint")
        run.first_contentful_paint = m["paint"].get("first-contentful-paint")
        run.load = m["load"]
        run.first_drawn = m["bench"]["first"]
        run.all_drawn = m["bench"]["all"]
        script = {x["name"]: x["value"]
                  for x in cdp.send("Performance.getMetrics")["metrics"]}
        run.script_ms = script.get("ScriptDuration", 0.0) * 1000
        cdp.send("HeapProfiler.collectGarbage")
        metrics = {x["name"]: x["value"]
                   for x in cdp.send("Performance.getMetrics")["metrics"]}
        if "JSHeapUsedSize" in metrics:
            run.heap_mb = metrics["JSHeapUsedSize"] / 1e6
        else:
            used = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : null")
            run.heap_mb = used / 1e6 if used else None
        run.nodes = metrics.get("Nodes")
    finally:
        ctx.close()
    return run


def measure_pages(chromium: Path, pages: Sequence[tuple[str, Path]], n: int, repeat: int,
                  timeout_s: float) -> dict[str, list[PageRun]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[PageRun]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium),
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            for kind, path in pages:  # warm-up: the browser's first use of each page
                status(f"warm-up load of {path.name} …")
                load_page(browser, path, kind, n, timeout_s)
            for _ in range(repeat):  # interleaved, so drift hits both pages alike
                for kind, path in pages:
                    status(f"loading {path.name} …")
                    out.setdefault(kind, []).append(load_page(browser, path, kind, n,
                                                              timeout_s))
        finally:
            browser.close()
    return out


def status(message: str) -> None:
    """A progress line on stderr, after whatever stdout holds so far."""
    sys.stdout.flush()
    print(message, file=sys.stderr, flush=True)


def best(runs: Sequence[PageRun], name: str) -> float | None:
    values = [getattr(r, name) for r in runs if getattr(r, name) is not None]
    return min(values) if values else None


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--features", type=int, default=10_000, metavar="N",
                   help="features on each map (default 10,000)")
    p.add_argument("--repeat", type=int, default=3, metavar="R",
                   help="renders and page loads per page; the best is shown (default 3)")
    p.add_argument("--seed", type=int, default=0, help="seed of the jitter (default 0)")
    p.add_argument("--span", type=float, default=3.0, metavar="DEG",
                   help="side of the box the report copies are scattered over (default 3°)")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="keep the two HTML pages in DIR (default: a temporary directory)")
    p.add_argument("--no-browser", action="store_true",
                   help="only render and measure sizes; do not load the pages in Chromium")
    p.add_argument("--chromium", type=Path, default=CHROMIUM, metavar="PATH",
                   help=f"the Chromium executable (default {CHROMIUM})")
    p.add_argument("--timeout", type=float, default=300.0, metavar="S",
                   help="seconds a page may take to draw its features (default 300)")
    args = p.parse_args(argv)
    if args.features < 1:
        p.error("--features must be at least 1")
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if args.span < 0:
        p.error("--span must not be negative")
    return args


def browser_problem(chromium: Path) -> str | None:
    """Why the pages cannot be loaded in Chromium here, or None when they can."""
    if not (chromium.is_file() and os.access(chromium, os.X_OK)):
        return f"Chromium not found at {chromium} (use --chromium PATH or --no-browser)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright, or use --no-browser)"
    return None


def fmt(value: float | None, digits: int) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return "n/a"
    if b == 0:
        return "—" if a == 0 else "∞"
    return f"{a / b:,.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.no_browser and (problem := browser_problem(args.chromium)):
        print(f"bench_map: {problem}", file=sys.stderr)
        return 2

    import folium

    from geoevents import __version__
    from geoevents.gazetteer import Gazetteer
    from geoevents.model import KINDS
    from geoevents.render import render_map
    from geoevents.settings import CLUSTER_MIN_POINTS

    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    print(f"geoevents {__version__} · folium {folium.__version__} · Python "
          f"{platform.python_version()} · {platform.system()} {platform.machine()} · "
          f"{os.cpu_count()} CPUs" + (f" ({affinity} usable)" if affinity else ""))

    base, reports = example_features(Gazetteer.open())
    if not base:
        print("bench_map: no features located in data/examples/*.txt", file=sys.stderr)
        return 2
    features = replicate(base, args.features, seed=args.seed, span=args.span)
    n = len(features)
    kinds = Counter(f.kind for f in features)
    points = sum(f.geometry.geom_type == "Point" for f in features)
    print(f"features: {n:,} = {len(base)} located in {len(reports)} example reports "
          f"(area dropped) × ~{n / len(base):,.0f} copies, scattered over {args.span:g}° × "
          f"{args.span:g}° (seed {args.seed})")
    print("  " + ", ".join(f"{k} {kinds[k]:,}" for k in KINDS if kinds[k]) +
          f"; {points:,} point geometries, {n - points:,} shapes")
    print(f"  geoevents clusters the points (> {CLUSTER_MIN_POINTS} points); "
          f"folium draws {n:,} Marker icons")
    print(f"runs: best of {args.repeat} for every metric")
    print()

    title = f"Benchmark: {n:,} features"
    status("rendering …")
    ge_s, ge_page = best_of(lambda: render_map(features, reports=reports, title=title),
                            args.repeat)
    fo_s, fo_page = best_of(lambda: folium_page(features), args.repeat)
    fo_cdn = folium_page(features, inline=False)
    breakdown = size_breakdown(features, reports, title, ge_page, fo_page, fo_cdn)

    rows: list[tuple[str, float | None, float | None, int]] = [
        ("render time (s)", ge_s, fo_s, 2),
        ("file size (MB)", nbytes(ge_page) / 1e6, nbytes(fo_page) / 1e6, 2),
        ("file size gzipped (MB)", gz(ge_page) / 1e6, gz(fo_page) / 1e6, 2),
    ]
    runs: dict[str, list[PageRun]] = {}
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-map-") as tmp:
        folder = args.out if args.out else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        ge_path = folder / "geoevents.html"
        fo_path = folder / "folium.html"
        ge_path.write_text(ge_page, encoding="utf-8")
        fo_path.write_text(fo_page, encoding="utf-8")
        if not args.no_browser:
            try:
                runs = measure_pages(args.chromium, [("geoevents", ge_path),
                                                     ("folium", fo_path)],
                                     n, args.repeat, args.timeout)
            except NotDrawn as exc:
                print(f"bench_map: {exc}", file=sys.stderr)
                return 1
        if args.out:
            notes.append(f"pages kept: {ge_path}, {fo_path}")

    if runs:
        ge, fo = runs["geoevents"], runs["folium"]
        for label, name, digits in [
            ("first paint (ms)", "first_paint", 0),
            ("first contentful paint (ms)", "first_contentful_paint", 0),
            ("load event (ms)", "load", 0),
            ("features first drawn (ms)", "first_drawn", 0),
            ("all features drawn (ms)", "all_drawn", 0),
            ("JS heap after GC (MB)", "heap_mb", 1),
            ("main-thread script time (ms)", "script_ms", 0),
            ("DOM nodes", "nodes", 0),
            ("console errors", "console_errors", 0),
        ]:
            rows.append((label, best(ge, name), best(fo, name), digits))
        rows.append(("blocked network requests", min(len(r.blocked) for r in ge),
                     min(len(r.blocked) for r in fo), 0))
        rows.append(("failed file: requests", min(len(r.failed_files) for r in ge),
                     min(len(r.failed_files) for r in fo), 0))
        for kind, rs in runs.items():
            blocked = Counter(u.split("?")[0] for r in rs[:1] for u in r.blocked)
            failed = Counter(u.rsplit("/", 2)[-2] + "/" + u.rsplit("/", 1)[-1]
                             for r in rs[:1] for u in r.failed_files)
            errors = Counter(t[:100] for r in rs[:1] for t in r.error_texts)
            if blocked:
                notes.append(f"{kind}: blocked " + "; ".join(
                    f"{c}× {u}" for u, c in blocked.most_common(4)))
            if failed:
                notes.append(f"{kind}: failed file: " + "; ".join(
                    f"{c}× …/{u}" for u, c in failed.most_common(4)))
            if errors:
                notes.append(f"{kind}: console errors " + "; ".join(
                    f"{c}× {t!r}" for t, c in errors.most_common(3)))

    w = max(len(r[0]) for r in rows)
    print(f"{'metric':<{w}}  {'geoevents':>11}  {'plain folium':>12}  {'ratio ge/folium':>15}")
    for label, a, b, digits in rows:
        print(f"{label:<{w}}  {fmt(a, digits):>11}  {fmt(b, digits):>12}  {ratio(a, b):>15}")
    print()
    print("\n".join(breakdown))
    if runs:
        print()
        print(f"Chromium {args.chromium}, headless, {VIEWPORT['width']}×{VIEWPORT['height']}, "
              "every non-file: request aborted; each load in a fresh context after one "
              "warm-up load of each; times from navigation start")
        print("\n".join(DRAWN_DEFINITIONS))
        print("JS heap: CDP Performance.getMetrics JSHeapUsedSize after "
              "HeapProfiler.collectGarbage, once all features are drawn")
    for note in notes:
        print(note)
    print()
    summary = (f"summary: {n:,} features — geoevents renders in {ge_s:.2f} s "
               f"({ratio(ge_s, fo_s)}× folium), {nbytes(ge_page) / 1e6:.1f} MB "
               f"({ratio(nbytes(ge_page), nbytes(fo_page))}× folium)")
    if runs:
        ga, fa = best(runs["geoevents"], "all_drawn"), best(runs["folium"], "all_drawn")
        gp = best(runs["geoevents"], "first_contentful_paint")
        fp = best(runs["folium"], "first_contentful_paint")
        gh, fh = best(runs["geoevents"], "heap_mb"), best(runs["folium"], "heap_mb")
        summary += (f"; in Chromium first contentful paint {fmt(gp, 0)} ms "
                    f"({ratio(gp, fp)}×), all features drawn {fmt(ga, 0)} ms "
                    f"({ratio(ga, fa)}×), JS heap {fmt(gh, 0)} MB ({ratio(gh, fh)}×)")
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
