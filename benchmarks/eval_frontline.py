"""Held-out evaluation of the front-line estimate: who holds what, when, on offensives the
project has not seen.

Run on demand::

    .venv/bin/python benchmarks/eval_frontline.py [--errors] [SEQUENCE…]

Data: ``tests/fixtures/sequences/<name>/`` — ``reports.jsonl`` (dated dispatches written for
this test) and ``truth.json`` (written by hand from the public record *before* geoevents was
run on them; see each folder's README.md). The gazetteer is ``$GEOEVENTS_GAZETTEER`` (else
the default cache file), opened without the user's own data; no theatre is given, as with
``geoevents timeline REPORTS.jsonl``.

Pipeline, exactly as the ``timeline`` command runs it: :func:`geoevents.read.read_reports`,
:func:`geoevents.pipeline.locate` per report, :func:`geoevents.timeline.merge`, then
:func:`geoevents.frontline.series` (default parameters) from the first to the last report
date, one day at a time.

Scoring, per truth row ``(place, date, status, side)``: the place's state on that day is
``Frontline.place(key)`` for the row's GeoNames key, else the state of the place nearest to
the truth point within ``match_km`` (from truth.json). Then

* ``correct``     — truth held by S and estimate held by S, or truth contested and estimate
  contested (grey);
* ``wrong side``  — truth held by S, estimate held by another side;
* ``grey``        — truth held, estimate contested;
* ``held``        — truth contested, estimate held by one side;
* ``missing``     — nothing stands within ``match_km`` of the truth point on that day.

The table also shows what the *areas* say at the truth point (inside a control area of a
side, a grey zone, or nothing), for information; it is not scored.

Movement: for the ``movement`` row, the control area of its side (``Frontline.control_area``)
on the first and on the last day, in the azimuthal equidistant plane about the truth points'
centroid: does its centroid, and its extreme point in the expected direction, move that way
(by more than 1 km)? ``n/a`` when the side holds nothing on either day.

Every miss is also put down to the first stage that lost it, for every subset's totals
(counts only, so held-out sequences can be diagnosed without reading them): ``not
located`` — no claim of any status about a place within ``match_km`` of the truth point,
dated on or before the day (the place was not recognised, not in the gazetteer, or placed
elsewhere); ``no status read`` — such claims exist, but none with a status (the reader read
no control statement about the place); ``status read`` — some claim there has a status, yet
the day's state is not the truth's (the reader's side or verb, or the estimate's policy).
A row drawn grey where the truth has one holder is further put down to what made the place
contested: ``two holders`` (claims that two sides hold it), ``fighting over a holder`` (a
claim of fighting or of an advance on it beside one that a side holds it), ``fighting
only`` (such claims and no holder that day; ``after a hold`` when an earlier day's state
of the place was held by one side), else ``other`` (a loss with no winner, a denial).

``--errors`` prints every miss with the claims behind it: the claims (negated ones too)
about places within ``match_km`` of the truth point dated within ``memory_days`` before the
day, each with its status, side, claimant, report and quote.

After the per-sequence tables come the totals: all sequences, then, when some are marked
``"held_out": true`` in their truth.json (written after the reader was last changed, and not
looked at since), the development and the held-out subsets apart.

Everything is deterministic: the same data and code give the same output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry import Point

from geoevents.frontline import Frontline, FrontlineParams, PlaceState, series
from geoevents.gazetteer import Gazetteer
from geoevents.pipeline import locate
from geoevents.read import read_reports
from geoevents.timeline import Claim, merge

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "fixtures" / "sequences"
OUTCOMES = ("correct", "wrong side", "grey", "held", "missing")
GEOD = pyproj.Geod(ellps="WGS84")
#: The unit vector (east, north) of each expected direction.
DIRECTIONS = {"west": (-1.0, 0.0), "east": (1.0, 0.0), "north": (0.0, 1.0),
              "south": (0.0, -1.0)}
MIN_MOVE_M = 1_000.0


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on WGS84."""
    return float(GEOD.inv(lon1, lat1, lon2, lat2)[2])


@dataclass
class RowResult:
    truth: dict[str, Any]
    outcome: str
    estimate: str  # "held by S", "contested", "nothing within N km"
    matched: str | None  # the place key and name of the state scored, and how far
    area: str  # what the areas say at the truth point
    state: PlaceState | None


@dataclass
class Movement:
    side: str
    direction: str
    start: str
    end: str
    centroid_m: float | None  # displacement along the expected direction
    extreme_m: float | None
    ok: bool
    note: str = ""


@dataclass
class SequenceResult:
    name: str
    reports: list[Any]
    claims: list[Claim]
    fronts: dict[str, Frontline]
    rows: list[RowResult]
    movement: Movement | None
    params: FrontlineParams
    truth: dict[str, Any] = field(default_factory=dict)

    @property
    def counts(self) -> Counter:
        return Counter(r.outcome for r in self.rows)


def sequences(names: list[str] | None = None) -> list[Path]:
    """The sequence folders (those with a truth.json), sorted; only ``names`` when given."""
    found = sorted(p.parent for p in DATA.glob("*/truth.json"))
    if names:
        found = [p for p in found if p.name in names]
    return found


def _state_label(s: PlaceState | None, match_km: float) -> str:
    if s is None:
        return f"nothing within {match_km:g} km"
    return f"held by {s.side}" if s.status == "held" else "contested"


def _score(truth: dict[str, Any], s: PlaceState | None) -> str:
    if s is None:
        return "missing"
    if truth["status"] == "contested":
        return "correct" if s.status == "contested" else "held"
    if s.status == "contested":
        return "grey"
    return "correct" if s.side == truth["side"] else "wrong side"


def _nearest(front: Frontline, row: dict[str, Any], match_km: float
             ) -> tuple[PlaceState | None, float | None]:
    exact = front.place(row["place_key"])
    if exact is not None:
        return exact, 0.0
    best = None
    for s in front.places:
        d = distance_m(row["lat"], row["lon"], s.lat, s.lon)
        if d <= match_km * 1000 and (best is None or (d, s.place_key) < best[:2]):
            best = (d, s.place_key, s)
    return (best[2], best[0]) if best else (None, None)


def _area_at(front: Frontline, lat: float, lon: float) -> str:
    pt = Point(lon, lat)
    sides = sorted({side for s in front.control if s.geometry.covers(pt) for side in s.sides})
    grey = any(s.geometry.covers(pt) for s in front.grey_zones)
    out = [f"area {'+'.join(sides)}"] if sides else []
    if grey:
        out.append("grey zone")
    return ", ".join(out) or "-"


def _movement(spec: dict[str, Any], fronts: dict[str, Frontline], origin: tuple[float, float]
              ) -> Movement:
    side, direction = spec["side"], spec["direction"]
    ux, uy = DIRECTIONS[direction]
    aeqd = pyproj.CRS.from_proj4(f"+proj=aeqd +lat_0={origin[0]} +lon_0={origin[1]} "
                                 "+datum=WGS84 +units=m +no_defs")
    fwd = pyproj.Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    areas = []
    for day in (spec["from"], spec["to"]):
        area = fronts[day].control_area(side)
        areas.append(None if area.is_empty else shapely.transform(
            area, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1]))))
    mv = Movement(side, direction, spec["from"], spec["to"], None, None, False)
    if areas[0] is None or areas[1] is None:
        missing = [d for d, a in zip((spec["from"], spec["to"]), areas, strict=True) if a is None]
        held = [d for d, f in sorted(fronts.items()) if spec["from"] <= d <= spec["to"]
                and not f.control_area(side).is_empty]
        span = f"; it holds an area on {len(held)} days" + (
            f", {held[0]}…{held[-1]}" if held else "")
        mv.note = f"no {side} control area on {', '.join(missing)}{span}"
        return mv

    def along(p: Any) -> float:
        return p.x * ux + p.y * uy

    def extreme(a: Any) -> float:
        coords = shapely.get_coordinates(a)
        return max(x * ux + y * uy for x, y in coords)

    mv.centroid_m = along(areas[1].centroid) - along(areas[0].centroid)
    mv.extreme_m = extreme(areas[1]) - extreme(areas[0])
    mv.ok = mv.centroid_m > MIN_MOVE_M and mv.extreme_m > MIN_MOVE_M
    return mv


DEFAULT_PARAMS = FrontlineParams()


def evaluate(folder: Path, gaz: Gazetteer, params: FrontlineParams = DEFAULT_PARAMS
             ) -> SequenceResult:
    """Run the pipeline on one sequence and score it against its truth.json."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    reports = read_reports(folder / "reports.jsonl")
    features = [f for r in reports for f in locate(r, gaz)]
    claims = merge(features)
    days = sorted(r.date for r in reports if r.date)
    wanted = {row["date"] for row in truth["rows"]}
    if truth.get("movement"):
        wanted |= {truth["movement"]["from"], truth["movement"]["to"]}
    first, last = min(days[0], *wanted), max(days[-1], *wanted)
    fronts = {f.date: f for f in series(claims, start=first, end=last, params=params)}
    match_km = float(truth.get("match_km", 5))
    rows = []
    for row in truth["rows"]:
        front = fronts[row["date"]]
        state, dist = _nearest(front, row, match_km)
        matched = None
        if state is not None:
            matched = f"{state.place or state.place_key}" + (
                f" ({dist / 1000:.1f} km)" if dist else "")
        rows.append(RowResult(row, _score(row, state), _state_label(state, match_km), matched,
                              _area_at(front, row["lat"], row["lon"]), state))
    movement = None
    if truth.get("movement"):
        lat = round(sum(r["lat"] for r in truth["rows"]) / len(truth["rows"]), 6)
        lon = round(sum(r["lon"] for r in truth["rows"]) / len(truth["rows"]), 6)
        movement = _movement(truth["movement"], fronts, (lat, lon))
    return SequenceResult(folder.name, reports, claims, fronts, rows, movement, params, truth)


# ------------------------------------------------------------------------------ printing


def _truth_label(row: dict[str, Any]) -> str:
    return f"held by {row['side']}" if row["status"] == "held" else "contested"


def table(res: SequenceResult) -> list[str]:
    """The per-row table, the movement and the sequence's counts."""
    out = [f"== {res.name}: {len(res.reports)} reports, {len(res.claims)} claims, "
           f"{len(res.fronts)} days",
           f"{'date':<10}  {'place':<12} {'truth':<24} {'estimate':<24} {'outcome':<10} "
           f"{'matched place':<28} areas at the point"]
    for r in res.rows:
        t = r.truth
        out.append(f"{t['date']:<10}  {t['place']:<12} {_truth_label(t):<24} "
                   f"{r.estimate:<24} {r.outcome:<10} {(r.matched or '-'):<28} {r.area}")
    c = res.counts
    n = len(res.rows)
    out.append(f"   {c['correct']}/{n} correct; " + ", ".join(
        f"{k} {c[k]}" for k in OUTCOMES[1:]))
    mv = res.movement
    if mv is not None:
        if mv.centroid_m is None:
            out.append(f"   movement: {mv.side} {mv.direction} {mv.start}→{mv.end}: "
                       f"n/a ({mv.note}) → no")
        else:
            out.append(f"   movement: {mv.side} {mv.direction} {mv.start}→{mv.end}: "
                       f"centroid {mv.centroid_m / 1000:+.1f} km, extreme "
                       f"{mv.extreme_m / 1000:+.1f} km {mv.direction}ward → "
                       f"{'yes' if mv.ok else 'no'}")
    return out


def errors(res: SequenceResult) -> list[str]:
    """Every miss with the claims near it."""
    out = []
    match_km = float(res.truth.get("match_km", 5))
    for r in res.rows:
        if r.outcome == "correct":
            continue
        t = r.truth
        day = dt.date.fromisoformat(t["date"])
        out.append(f"-- {res.name} {t['date']} {t['place']}: truth {_truth_label(t)}, "
                   f"estimate {r.estimate} [{r.outcome}]")
        near = []
        for c in res.claims:
            if c.status in (None, "unknown") and not c.negated:
                continue
            d = distance_m(t["lat"], t["lon"], c.lat, c.lon)
            cd = c.day
            if d > match_km * 1000 or cd is None:
                continue
            if not 0 <= (day - cd).days <= res.params.memory_days:
                continue
            near.append((c.date, d, c))
        if not near:
            out.append("   no claim with a status within "
                       f"{match_km:g} km in the {res.params.memory_days} days before")
        for date, d, c in sorted(near, key=lambda x: (x[0], x[1], x[2].place_key)):
            used = r.state is not None and c in r.state.claims
            out.append(f"   {'*' if used else ' '} {date} {c.place!s:<22} {d / 1000:4.1f} km "
                       f"{c.status}{'(denied)' if c.negated else ''} side={c.side} "
                       f"counterpart={c.counterpart}")
            for s in c.sources:
                who = f" claimed by {s.claimed_by}" if s.claimed_by else ""
                quote = " ".join(s.quote.split())
                out.append(f"        {s.report}{who}: \"{quote[:150]}"
                           f"{'…' if len(quote) > 150 else ''}\"")
    return out


STAGES = ("not located", "no status read", "status read")


def miss_stage(res: SequenceResult, r: RowResult) -> str:
    """The first stage that lost a missed row (see the module docstring): ``not located``,
    ``no status read`` or ``status read``."""
    t = r.truth
    day = dt.date.fromisoformat(t["date"])
    limit = float(res.truth.get("match_km", 5)) * 1000
    located = False
    for c in res.claims:
        if c.day is None or c.day > day or distance_m(t["lat"], t["lon"], c.lat, c.lon) > limit:
            continue
        located = True
        if c.status not in (None, "unknown") or c.negated:
            return "status read"
    return "no status read" if located else "not located"


GREY_CAUSES = ("two holders", "fighting over a holder", "fighting only after a hold",
               "fighting only", "other")


def grey_cause(res: SequenceResult, r: RowResult) -> str:
    """What made a row grey whose truth has one holder (see the module docstring)."""
    claims = r.state.claims if r.state is not None else ()
    holders = {c.side for c in claims if c.status == "held" and not c.negated}
    if len(holders) > 1:
        return "two holders"
    if any(c.status in ("contested", "advancing") and not c.negated for c in claims):
        if holders:
            return "fighting over a holder"
        key, day = r.state.place_key, r.truth["date"]  # type: ignore[union-attr]
        earlier = (f.place(key) for d, f in res.fronts.items() if d < day)
        held = any(s is not None and s.status == "held" for s in earlier)
        return "fighting only after a hold" if held else "fighting only"
    return "other"


def totals(results: list[SequenceResult]) -> list[str]:
    """The total line; with sequences of both kinds, also one for the development sequences
    and one for the held-out ones (``"held_out": true`` in truth.json: written after the
    reader was last changed, and not looked at since)."""
    out = [_total("total", results)]
    held = [r for r in results if r.truth.get("held_out")]
    if held and len(held) < len(results):
        out.append(_total("development", [r for r in results if not r.truth.get("held_out")]))
        out.append(_total("held out", held))
    return out


def _total(label: str, results: list[SequenceResult]) -> str:
    c: Counter = Counter()
    for res in results:
        c.update(res.counts)
    n = sum(c.values())
    moved = [r.movement for r in results if r.movement is not None]
    greys = Counter(grey_cause(res, r) for res in results for r in res.rows if r.outcome == "grey")
    stages = Counter(miss_stage(res, r) for res in results for r in res.rows
                     if r.outcome != "correct")
    return (f"== {label}: {c['correct']}/{n} correct ({100 * c['correct'] / max(n, 1):.0f} %); "
            + ", ".join(f"{k} {c[k]}" for k in OUTCOMES[1:])
            + f"; movement {sum(m.ok for m in moved)}/{len(moved)}\n"
            + "   misses by stage: " + ", ".join(f"{k} {stages[k]}" for k in STAGES)
            + "; grey by cause: " + ", ".join(f"{k} {greys[k]}" for k in GREY_CAUSES))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="sequence folder names (default: all)")
    ap.add_argument("--errors", action="store_true", help="print each miss with its claims")
    ap.add_argument("--show-held-out", action="store_true",
                    help="print the rows and misses of held-out sequences too (by default only "
                         "their counts, so that nobody changing the reader reads them by accident)")
    args = ap.parse_args(argv)
    gaz = Gazetteer.open(user_data=False)
    results = [evaluate(folder, gaz) for folder in sequences(args.names)]
    if not results:
        print("no sequences found", file=sys.stderr)
        return 1
    for res in results:
        if res.truth.get("held_out") and not args.show_held_out:
            lines = table(res)
            print("\n".join(lines[:1] + lines[2 + len(res.rows):]))
            print("   (held out: rows hidden; --show-held-out prints them)\n")
            continue
        print("\n".join(table(res)))
        if args.errors:
            print("\n".join(errors(res)))
        print()
    print("\n".join(totals(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
