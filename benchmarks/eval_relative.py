"""Relative positions in held-out dispatches: does the point estimate fall within its stated
uncertainty of the true position, and is the radius not needlessly large?

Run on demand::

    GEOEVENTS_GAZETTEER=/tmp/gz4.sqlite .venv/bin/python benchmarks/eval_relative.py

Data: ``tests/fixtures/relative`` (dispatches ``*.txt`` about wars other than Syria, and
``truth.csv`` with the true position of each relative description, written by hand; see
its README.md). The gazetteer is ``$GEOEVENTS_GAZETTEER`` (else the default cache file),
opened without the user's own data.

Matching: each truth row's ``quote`` is found in its dispatch (it must occur exactly once);
the row is matched to the feature of :func:`geoevents.pipeline.locate` whose character span
``[start, end)`` overlaps the quote's span, preferring a feature whose relation is not a bare
``place`` and then the largest overlap. A row that only a bare place feature overlaps is
matched but marked ``(relation not seen)``; a row no feature overlaps is *unmatched* and
counts as a miss.

Per row it prints: relation (expected / got), estimate, radius, distance from the estimate
to the truth and whether the truth lies inside the radius. Then the share of truth
positions within the stated radius (unmatched rows count as misses), the median and max
radius, the median distance error, the share of unmatched rows and, measured in the same
run, a baseline: the anchor town's gazetteer point (for "between", the first town named)
with the same radius, which shows whether the relative reasoning helps.
"""

from __future__ import annotations

import csv
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from geopy.distance import geodesic

from geoevents.gazetteer import Gazetteer
from geoevents.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "fixtures" / "relative"


@dataclass
class Row:
    dispatch: str
    quote: str
    relation: str  # expected relation (documentation only; not scored)
    true_lat: float
    true_lon: float
    true_place: str
    note: str
    # filled by measure()
    got_relation: str | None = None
    lat: float | None = None
    lon: float | None = None
    radius_m: float | None = None
    error_m: float | None = None
    anchor: str | None = None
    baseline_error_m: float | None = None

    @property
    def matched(self) -> bool:
        return self.got_relation is not None

    @property
    def inside(self) -> bool:
        return self.matched and self.error_m <= self.radius_m

    @property
    def baseline_inside(self) -> bool:
        return self.baseline_error_m is not None and self.baseline_error_m <= self.radius_m

    def describe(self) -> str:
        head = f"{self.dispatch}: “{self.quote}” → {self.true_place}"
        if not self.matched:
            return f"{head}: no feature matched"
        seen = "" if self.got_relation != "place" else " (relation not seen)"
        return (f"{head}: {self.got_relation}{seen} from {self.anchor}, "
                f"{self.error_m / 1000:.1f} km off, radius {self.radius_m / 1000:.1f} km")


@dataclass
class Result:
    rows: list[Row]

    def _share(self, pred) -> float:
        return sum(1 for r in self.rows if pred(r)) / len(self.rows)

    @property
    def within(self) -> float:
        return self._share(lambda r: r.inside)

    @property
    def baseline_within(self) -> float:
        return self._share(lambda r: r.baseline_inside)

    @property
    def unmatched(self) -> float:
        return self._share(lambda r: not r.matched)

    @property
    def radii_m(self) -> list[float]:
        return [r.radius_m for r in self.rows if r.matched]

    @property
    def median_radius_m(self) -> float:
        return statistics.median(self.radii_m)

    @property
    def max_radius_m(self) -> float:
        return max(self.radii_m)

    @property
    def median_error_m(self) -> float:
        return statistics.median(r.error_m for r in self.rows if r.matched)

    @property
    def baseline_median_error_m(self) -> float:
        return statistics.median(r.baseline_error_m for r in self.rows
                                 if r.baseline_error_m is not None)

    @property
    def median_error_share(self) -> float:
        """Median of error / radius: near 1 the radii are tight, near 0 needlessly large."""
        return statistics.median(r.error_m / r.radius_m for r in self.rows if r.matched)

    @property
    def misses(self) -> list[Row]:
        return [r for r in self.rows if not r.inside]


def read_truth(data: Path = DATA) -> list[Row]:
    with (data / "truth.csv").open(encoding="utf-8", newline="") as f:
        return [Row(d["dispatch"], d["quote"], d["relation"], float(d["true_lat"]),
                    float(d["true_lon"]), d["true_place"], d["note"])
                for d in csv.DictReader(f)]


def _m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return geodesic((lat1, lon1), (lat2, lon2)).m


def measure(gaz: Gazetteer, data: Path = DATA) -> Result:
    """Locate every dispatch once and score each truth row (see the module docstring)."""
    rows = read_truth(data)
    by_dispatch: dict[str, list[Row]] = {}
    for r in rows:
        by_dispatch.setdefault(r.dispatch, []).append(r)
    for name, drows in by_dispatch.items():
        text = (data / f"{name}.txt").read_text(encoding="utf-8")
        ex, features = analyse(text, gaz)
        places = {m.place.id: m.place for m in ex.mentions if getattr(m, "place", None)}
        for r in drows:
            if text.count(r.quote) != 1:
                raise ValueError(f"{name}: quote “{r.quote}” occurs {text.count(r.quote)} times")
            qs = text.index(r.quote)
            qe = qs + len(r.quote)
            best, key = None, None
            for f in features:
                overlap = min(qe, f.end) - max(qs, f.start)
                if overlap <= 0:
                    continue
                k = (f.relation != "place", overlap)
                if key is None or k > key:
                    best, key = f, k
            if best is None:
                continue
            r.got_relation = best.relation
            r.lat, r.lon, r.radius_m = best.lat, best.lon, best.uncertainty_m
            r.error_m = _m(best.lat, best.lon, r.true_lat, r.true_lon)
            r.anchor = best.place
            # "between" features carry both ids, space-separated: the first town is the anchor
            anchor = places.get(best.place_id.split()[0]) if best.place_id else None
            if anchor is not None:
                r.baseline_error_m = _m(anchor.lat, anchor.lon, r.true_lat, r.true_lon)
    return Result(rows)


def main() -> int:
    gaz = Gazetteer.open(user_data=False)
    try:
        res = measure(gaz)
    finally:
        gaz.close()
    print(f"{'dispatch':<22} {'relation':<20} {'estimate':<19} {'radius':>8} {'error':>8}  "
          f"{'in':<3} {'base':>8}  {'in':<3} quote")
    for r in res.rows:
        if not r.matched:
            print(f"{r.dispatch:<22} {r.relation + '/-':<20} {'—':<19} {'—':>8} {'—':>8}  "
                  f"{'NO':<3} {'—':>8}  {'—':<3} {r.quote}  [no feature matched]")
            continue
        base = "—" if r.baseline_error_m is None else f"{r.baseline_error_m / 1000:.1f}"
        print(f"{r.dispatch:<22} {r.relation + '/' + r.got_relation:<20} "
              f"{r.lat:8.4f},{r.lon:9.4f} {r.radius_m / 1000:7.1f}k {r.error_m / 1000:7.1f}k  "
              f"{'yes' if r.inside else 'NO':<3} {base:>7}k  "
              f"{'yes' if r.baseline_inside else 'NO':<3} {r.quote}")
    n = len(res.rows)
    print()
    print(f"rows: {n} in {len({r.dispatch for r in res.rows})} dispatches")
    print(f"within stated uncertainty: {sum(r.inside for r in res.rows)}/{n} = {res.within:.3f}")
    print(f"radius: median {res.median_radius_m / 1000:.1f} km, "
          f"max {res.max_radius_m / 1000:.1f} km")
    print(f"distance error: median {res.median_error_m / 1000:.1f} km; "
          f"median error/radius {res.median_error_share:.2f}")
    print(f"unmatched: {sum(not r.matched for r in res.rows)}/{n} = {res.unmatched:.3f}")
    print(f"baseline (anchor point, same radius): within {sum(r.baseline_inside for r in res.rows)}"
          f"/{n} = {res.baseline_within:.3f}, median error "
          f"{res.baseline_median_error_m / 1000:.1f} km")
    if res.misses:
        print("\nmisses:")
        for r in res.misses:
            print("  " + r.describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
