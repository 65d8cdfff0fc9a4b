"""How fast are :func:`geoevents.timeline.merge` and :func:`geoevents.frontline.estimate`?

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_timeline.py [--features N] [--reports R] [--seed S]
        [--span D] [--days S] [--skip-memory] [--cpu] [--changes]

In one run it

1. generates N synthetic features (default 10,000) from R reports (default 1,000),
   deterministically (``random.Random(seed)``): three sides whose fronts run north–south
   across a 200 × 200 km theatre and drift east over ``--span`` days (default 30); 400
   gazetteer places on a jittered 10 km grid plus text-derived places (no id of their own,
   10 % of the features) scattered about them; each report tells of ten places on one day:
   ``held`` by the side whose zone it is in, ``contested`` or ``advancing`` within 5 km of
   a front, some ``lost``, 2 % negated, a claimant named for a third;
2. times (best of ``--repeat``) and measures the peak memory (tracemalloc, in a separate
   pass, and the growth of the process's ru_maxrss) of ``merge`` over all features,
   ``estimate`` for one day (the middle of the span) and ``series`` over ``--days`` days
   from the first (default: the span; ``--days 365`` is a year of daily fronts, the
   issue's target being at most 10 times one day), and, in the memory pass, ``iter_series``
   over the same days consumed one front at a time; and the series' cost per day whose
   states changed, in estimates (a day whose states did not change costs next to nothing);
3. measures two baselines in the same run: building the N Feature objects, and a naive
   O(n²) merge (every pair compared, union–find) on a 1,000-feature subset next to
   ``merge`` on the same subset; and prints ratios;
4. with ``--changes``, counts over the series what a changed day would have to redraw if
   the areas were made of local pieces (docs/frontlines.md, The day series): per day whose
   places differ from the previous day's, the places drawn, those whose drawn state
   (status, side, certainty, point, radius) changed, appeared or went, the share of the
   union of the day's discs that lies under a changed disc (old or new), and — for the
   Voronoi cells of the day's places, each cell's piece being the overlay of the discs
   reaching into it — the cells whose piece would change (their own polygon or the state of
   a disc reaching into them changed) and the cells of changed places and of their
   neighbours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import platform
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point

from geoevents._geodesy import distance_m
from geoevents.frontline import Frontline, estimate, iter_series, series
from geoevents.frontline.shapes import projection
from geoevents.model import Feature
from geoevents.timeline import feature_date, merge, own_place_id

LAT0, LON0 = 35.0, 38.5
SIDES = ("side-a", "side-b", "side-c")
START = dt.date(2016, 3, 1)
DAYS = 30  # the default span of the reports
CLAIMANTS = ("state television", "the Observatory", "a local activist", "the ministry")


def _lonlat(x_km: float, y_km: float) -> tuple[float, float]:
    lat = LAT0 + y_km / 111.2
    return LON0 + x_km / (111.32 * math.cos(math.radians(lat))), lat


def _front(side_boundary: int, day: float, y_km: float) -> float:
    """x (km) of the boundary between zone k and k+1 on a day (in 30ths of the span): a wavy
    line drifting east, 24 km over the span."""
    base = (side_boundary + 1) * 200 / len(SIDES) - 100
    return base + 0.8 * day + 6 * math.sin(y_km / 25 + side_boundary)


def _zone(x: float, y: float, day: float) -> tuple[str, float]:
    """The side whose zone (x, y) is in, and the distance (km, along x) to the nearest front."""
    fronts = [_front(k, day, y) for k in range(len(SIDES) - 1)]
    k = sum(x > f for f in fronts)
    return SIDES[k], min(abs(x - f) for f in fronts)


def generate(n_features: int, n_reports: int, seed: int, span: int = DAYS) -> list[Feature]:
    """The synthetic features (see the module docstring), dated over ``span`` days."""
    rng = random.Random(seed)
    grid = [(-95 + 10 * i + rng.uniform(-3, 3), -95 + 10 * j + rng.uniform(-3, 3))
            for i in range(20) for j in range(20)]
    per_report = max(1, n_features // n_reports)
    out: list[Feature] = []
    for r in range(n_reports):
        day = rng.randrange(span)
        date = (START + dt.timedelta(days=day)).isoformat()
        label = f"report-{r:04d}"
        for k in range(per_report):
            if len(out) >= n_features:
                break
            gi = rng.randrange(len(grid))
            x, y = grid[gi]
            derived = rng.random() < 0.1
            if derived:
                x, y = x + rng.uniform(-4, 4), y + rng.uniform(-4, 4)
            side, to_front = _zone(x, y, day * DAYS / span)
            roll = rng.random()
            other = rng.choice([s for s in SIDES if s != side])
            if to_front < 5 and roll < 0.4:
                status, who = ("contested", None) if roll < 0.2 else ("advancing", other)
            elif roll < 0.05:
                status, who = "lost", other
            else:
                status, who = "held", side
            lon, lat = _lonlat(x, y)
            unc = rng.choice([500.0, 1000.0, 2000.0, 4000.0]) if derived else 1500.0
            out.append(Feature(
                id=f"f{r:04d}-{k}", kind="sector" if derived else "place", text=f"place {gi}",
                quote=f"Report {r} sentence {k}.", start=0, end=1,
                relation="direction" if derived else "place", lat=lat, lon=lon,
                uncertainty_m=unc, precision=1, confidence=0.8, geometry=Point(lon, lat),
                place=None if derived else f"Place {gi}",
                place_id=None if derived else f"synthetic:{gi}", name=f"P{gi}",
                report=label, report_title=f"Report {r}", report_date=date,
                status=status, side=who, side1=who, side2=side if who != side else other,
                claimed_by=rng.choice(CLAIMANTS) if rng.random() < 0.33 else None,
                negated=rng.random() < 0.02, date=date, date_precision=1,
                event_type="Battles"))
    return out


def naive_merge(features: list[Feature], window_days: int = 1) -> int:
    """Every pair compared (same place, status, side, negation, dates within the window),
    connected components by union–find; returns the number of claims."""
    n = len(features)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    dates = [feature_date(f) for f in features]
    ids = [own_place_id(f) for f in features]
    for i in range(n):
        a = features[i]
        for j in range(i + 1, n):
            b = features[j]
            if (ids[i], a.status, a.side, a.negated) != (ids[j], b.status, b.side, b.negated):
                continue
            if abs((dates[i] - dates[j]).days) > window_days:
                continue
            if ids[i] is None and distance_m(a.lat, a.lon, b.lat, b.lon) > max(
                    a.uncertainty_m, b.uncertainty_m):
                continue
            parent[find(i)] = find(j)
    return len({find(i) for i in range(n)})


def change_counts(fronts: list[Frontline]) -> list[tuple[str, int, int, float, int, int]]:
    """Per day whose places differ from the previous day's: (day, places, places whose
    drawn state changed, share of the union of the discs under a changed disc, Voronoi
    cells whose piece changes, cells of changed places and their neighbours); see the
    module docstring, step 4. Discs of 16 segments: the counts are shares, not output."""
    if not fronts:
        return []
    proj = projection(*fronts[0].origin)
    pad = 1e5
    xy_all = np.array([proj.forward(p.lon, p.lat) for f in fronts for p in f.places])
    frame = shapely.box(*(xy_all.min(axis=0) - pad), *(xy_all.max(axis=0) + pad))
    rows = []
    prev_geo: dict[str, tuple] = {}
    prev_cells: set[tuple] = set()
    previous: tuple = ()
    for fl in fronts:
        if fl.places == previous:
            continue
        previous = fl.places
        geo = {p.place_key: (p.status, p.side if p.status == "held" else None, p.certainty,
                             *proj.forward(p.lon, p.lat),
                             p.radius_m) for p in fl.places}
        changed = {k for k in geo if prev_geo.get(k) != geo[k]} | (set(prev_geo) - set(geo))
        states = list(geo.values())
        points = sorted({(v[3], v[4]) for v in states})
        cells = shapely.get_parts(shapely.voronoi_polygons(
            shapely.MultiPoint(points), extend_to=frame, ordered=True))
        discs = shapely.buffer(shapely.points([v[3:5] for v in states]),
                               [v[5] for v in states], quad_segs=4)
        c_idx, d_idx = shapely.STRtree(discs).query(cells, predicate="intersects")
        reaching: dict[int, list[tuple]] = {}
        for c, d in zip(c_idx.tolist(), d_idx.tolist(), strict=True):
            reaching.setdefault(c, []).append(states[d])
        wkb = shapely.to_wkb(cells).tolist()
        keys = {(wkb[c], tuple(sorted(ds))) for c, ds in reaching.items()}
        at = {p: n for n, p in enumerate(points)}
        mine = {at[geo[k][3:5]] for k in changed if k in geo}
        left, right = shapely.STRtree(cells).query(cells, predicate="touches")
        near = mine | {b for a, b in zip(left.tolist(), right.tolist(), strict=True)
                       if a in mine}
        old = [prev_geo[k] for k in changed if k in prev_geo] + [geo[k] for k in changed
                                                                 if k in geo]
        under = shapely.union_all(shapely.buffer(
            shapely.points([v[3:5] for v in old]), [v[5] for v in old], quad_segs=4))
        whole = shapely.union_all(discs)
        rows.append((fl.date, len(geo), len(changed),
                     under.intersection(whole).area / whole.area, len(keys - prev_cells),
                     len(near)))
        prev_geo, prev_cells = geo, keys
    return rows


def print_changes(rows: list[tuple[str, int, int, float, int, int]]) -> None:
    """The per-day counts of :func:`change_counts` and their means."""
    print(f"{'changed day':12} {'places':>7} {'changed':>8} {'area':>6} {'cells':>7} "
          f"{'cells+nb':>9}")
    for day, n, ch, area, cells, near in rows:
        print(f"{day:12} {n:7} {ch:8} {area:6.2f} {cells:7} {near:9}")
    if rows:
        share = np.array([(r[2] / r[1], r[3], r[4] / r[1], r[5] / r[1]) for r in rows])
        lo, mean, hi = share.min(axis=0), share.mean(axis=0), share.max(axis=0)
        print(f"{len(rows)} changed days; share of the places (min / mean / max): changed "
              f"{lo[0]:.2f} / {mean[0]:.2f} / {hi[0]:.2f}; union under a changed disc "
              f"{lo[1]:.2f} / {mean[1]:.2f} / {hi[1]:.2f}; Voronoi cells to redraw "
              f"{lo[2]:.2f} / {mean[2]:.2f} / {hi[2]:.2f}; cells of changed places and "
              f"neighbours {lo[3]:.2f} / {mean[3]:.2f} / {hi[3]:.2f}")


def piece_costs(fl: Frontline) -> dict[str, Any]:
    """What the areas of ``fl``'s day cost made of local pieces (candidate (a) of
    docs/frontlines.md, The day series): CPU seconds to overlay, in every Voronoi cell of
    the day's places, the discs reaching into it (per label: side and certainty, or grey
    for a contested place), and to join each label's pieces — by coverage union (the layers
    it rejects as not noded alike along the cells' edges, even snapped to 1 cm) and by a
    union snapped to 1 cm; the whole unions of the same discs, for comparison."""
    proj = projection(*fl.origin)
    xy = [proj.forward(p.lon, p.lat) for p in fl.places]
    discs = shapely.buffer(shapely.points(xy), [p.radius_m for p in fl.places],
                           quad_segs=fl.params.quad_segs)
    label = [(p.side, p.certainty) if p.status == "held" and p.side else ("grey", "")
             for p in fl.places]
    clock = time.process_time
    t0 = clock()
    by_label: dict[tuple[str, str], list[Any]] = {}
    for d, lab in enumerate(label):
        by_label.setdefault(lab, []).append(discs[d])
    whole = {lab: shapely.union_all(gs) for lab, gs in by_label.items()}
    t_whole = clock() - t0
    t0 = clock()
    cells = shapely.get_parts(shapely.voronoi_polygons(
        shapely.MultiPoint(sorted(set(xy))), extend_to=shapely.box(
            *(np.min(xy, axis=0) - 1e5), *(np.max(xy, axis=0) + 1e5)), ordered=True))
    c_idx, d_idx = shapely.STRtree(discs).query(cells, predicate="intersects")
    groups: dict[tuple, list[Any]] = {}
    for c, d, g in zip(c_idx.tolist(), d_idx.tolist(),
                       shapely.intersection(discs[d_idx], cells[c_idx]), strict=True):
        groups.setdefault((label[d], c), []).append(g)
    pieces: dict[tuple[str, str], list[Any]] = {}
    for (lab, _), gs in groups.items():
        pieces.setdefault(lab, []).append(gs[0] if len(gs) == 1 else shapely.union_all(gs))
    t_pieces = clock() - t0
    t0 = clock()
    rejected = 0
    for ps in pieces.values():
        try:
            shapely.coverage_union_all(shapely.set_precision(np.array(ps), 0.01))
        except shapely.errors.GEOSException:
            rejected += 1
    t_coverage = clock() - t0
    t0 = clock()
    joined = {lab: shapely.union_all(ps, grid_size=0.01) for lab, ps in pieces.items()}
    t_union = clock() - t0
    diff = max(whole[lab].symmetric_difference(g).area / whole[lab].area
               for lab, g in joined.items())
    return {"cells": len(cells), "whole": t_whole, "pieces": t_pieces,
            "coverage": t_coverage, "rejected": rejected, "layers": len(pieces),
            "union": t_union, "diff": diff}


#: The clock of :func:`best_time`: wall time, or the process's CPU time with ``--cpu``
#: (steadier when other work shares the cores).
CLOCK = [time.perf_counter]


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(repeat):
        t0 = CLOCK[0]()
        result = fn()
        best = min(best, CLOCK[0]() - t0)
    return best, result


def peak_memory(fn: Callable[[], Any]) -> tuple[float, float]:
    """(tracemalloc peak in MiB, growth of ru_maxrss in MiB) of one call."""
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return peak / 2**20, (rss1 - rss0) * scale / 2**20


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--features", type=int, default=10_000)
    ap.add_argument("--reports", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=20160327)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--subset", type=int, default=1_000)
    ap.add_argument("--span", type=int, default=DAYS, help="days the reports are spread over")
    ap.add_argument("--days", type=int, default=None,
                    help="days of the series timed against one estimate (default: the span)")
    ap.add_argument("--skip-memory", action="store_true",
                    help="leave out the memory pass (it runs every step again)")
    ap.add_argument("--cpu", action="store_true",
                    help="time the process's CPU time, not the wall clock")
    ap.add_argument("--changes", action="store_true",
                    help="count, per changed day of the series, what local pieces would redraw")
    args = ap.parse_args(argv)
    n_days = args.days or args.span
    if args.cpu:
        CLOCK[0] = time.process_time

    t_build, features = best_time(
        lambda: generate(args.features, args.reports, args.seed, args.span), args.repeat)
    t_merge, claims = best_time(lambda: merge(features), args.repeat)
    day = START + dt.timedelta(days=args.span // 2)
    t_day, fl = best_time(lambda: estimate(claims, on=day), args.repeat)
    end = START + dt.timedelta(days=n_days - 1)
    t_series, fls = best_time(lambda: series(claims, start=START, end=end), 1)
    subset = features[:args.subset]
    t_naive, n_naive = best_time(lambda: naive_merge(subset), 1)
    t_sub, sub_claims = best_time(lambda: merge(subset), args.repeat)
    if n_naive != len(sub_claims):  # not a failure: the naive merge chains, ours does not
        chained = f" (naive chains clusters: {n_naive} vs {len(sub_claims)} claims)"
    else:
        chained = ""

    def stream() -> int:  # a year of fronts written one day at a time: none kept
        return sum(len(f.dumps()) for f in iter_series(claims, start=START, end=end))

    label = f"series ({n_days} days)"
    steps = [
        ("build features", lambda: generate(args.features, args.reports, args.seed, args.span)),
        ("merge", lambda: merge(features)),
        ("estimate (1 day)", lambda: estimate(claims, on=day)),
        (label, lambda: series(claims, start=START, end=end)),
        ("iter_series, dumps each", stream),
    ]
    mem = {} if args.skip_memory else {name: peak_memory(fn) for name, fn in steps}

    shapes = sum(len(f.shapes) for f in fls)
    print(f"geoevents timeline/frontline benchmark — Python {platform.python_version()}, "
          f"{platform.machine()}, seed {args.seed}")
    print(f"input: {len(features):,} features from {args.reports:,} reports over {args.span} "
          f"days, {len(SIDES)} sides, 200 × 200 km")
    print(f"merge: {len(claims):,} claims; estimate {day}: {len(fl.places)} places, "
          f"{len(fl.control)} control, {len(fl.grey_zones)} grey, {len(fl.contact_lines)} "
          f"contact lines, {len(fl.advances)} advances; series: {shapes:,} shapes in {len(fls)} "
          "days")
    print()
    clock = "cpu s" if args.cpu else "time s"
    print(f"{'step':28} {clock:>9} {'tracemalloc MiB':>16} {'ru_maxrss +MiB':>15}")
    rows = [("build features (baseline)", t_build, "build features"), ("merge", t_merge, "merge"),
            ("estimate (1 day)", t_day, "estimate (1 day)"), (label, t_series, label),
            ("iter_series, dumps each", None, "iter_series, dumps each")]
    for name, t, key in rows:
        used = f"{mem[key][0]:16.1f} {mem[key][1]:15.1f}" if key in mem else f"{'-':>16} {'-':>15}"
        if t is not None or key in mem:
            print(f"{name:28} {'' if t is None else f'{t:9.3f}':>9} {used}")
    print("(ru_maxrss +MiB: growth of the process's high-water mark during the step; 0 when"
          " it stayed under an earlier peak)")
    print(f"{'naive O(n²) merge, ' + str(len(subset)) + ' feat.':28} {t_naive:9.3f}")
    print(f"{'merge, ' + str(len(subset)) + ' feat.':28} {t_sub:9.3f}")
    print()
    print(f"merge / build features:          {t_merge / t_build:8.2f}×")
    print(f"estimate (1 day) / merge:        {t_day / t_merge:8.2f}×")
    print(f"series / estimate (1 day):       {t_series / t_day:8.2f}× for {n_days} days"
          + (" (target ≤ 10× for 365)" if n_days == 365 else ""))
    n_changed = sum(a is None or a.places != b.places
                    for a, b in zip([None, *fls[:-1]], fls, strict=True))
    print(f"series / changed days / estimate: {t_series / max(n_changed, 1) / t_day:8.2f} "
          f"({n_changed} of the {len(fls)} days have states the day before had not)")
    print(f"naive / merge on {len(subset):,} features: {t_naive / t_sub:8.1f}×{chained}")
    if args.changes:
        print()
        c = piece_costs(fl)
        print(f"local pieces on {day} (cpu s): the whole unions of the discs by label "
              f"{c['whole']:.2f} ({c['whole'] / t_day:.2f} of the estimate); overlay in each "
              f"of {c['cells']:,} Voronoi cells {c['pieces']:.2f} ({c['pieces'] / t_day:.2f});"
              f" joined by coverage union {c['coverage']:.2f} ({c['rejected']} of "
              f"{c['layers']} layers rejected: not noded alike) or by union at 1 cm "
              f"{c['union']:.2f} ({c['union'] / t_day:.2f}; largest symmetric difference "
              f"from the whole union {c['diff']:.1e} of its area)")
        print_changes(change_counts(fls))
    print(f"process ru_maxrss: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
