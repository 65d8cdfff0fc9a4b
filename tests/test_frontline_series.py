"""geoevents.frontline.series: the incremental day series equals one estimate per day.

The claims are generated (``random.Random``): two or three sides about an invented theatre,
places on a jittered grid with points near them, every status (held, lost with and without a
named winner, contested, advancing, negated), claims on most days of six weeks with gaps of
several days, and places claimed only once (so that their states go stale and are
forgotten).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random

import pytest
from shapely.geometry import Point

from geoevents.frontline import FrontlineParams, estimate, iter_series, series
from geoevents.timeline import Claim, Source

LAT, LON = 0.35, 42.55
KM_PER_DEG = 111.32
START = dt.date(2021, 5, 1)
SIDES = ("a-side", "b-side", "c-side")


def generated_claims(seed: int, n: int = 220, days: int = 42) -> list[Claim]:
    rng = random.Random(seed)
    grid = [(10 * i + rng.uniform(-2, 2), 10 * j + rng.uniform(-2, 2))
            for i in range(5) for j in range(4)]
    quiet = {rng.randrange(days) for _ in range(8)}  # days no one reports
    out = []
    for k in range(n):
        d = rng.randrange(days)
        if d in quiet:
            continue
        gi = rng.randrange(len(grid))
        x, y = grid[gi]
        near = rng.random() < 0.2
        if near:
            x, y = x + rng.uniform(-3, 3), y + rng.uniform(-3, 3)
        side = SIDES[0] if x + 3 * math.sin(y / 7 + d / 9) < 20 + d / 4 else SIDES[1]
        if rng.random() < 0.1:
            side = SIDES[2]
        other = rng.choice([s for s in SIDES if s != side])
        roll = rng.random()
        status, who, counterpart = "held", side, None
        if roll < 0.12:
            status, who = "contested", None
        elif roll < 0.25:
            status, who = "advancing", other
        elif roll < 0.33:
            status, who, counterpart = "lost", side, (other if rng.random() < 0.5 else None)
        elif roll < 0.4:
            counterpart = other
        date = (START + dt.timedelta(days=d)).isoformat()
        lat = LAT + y / KM_PER_DEG
        lon = LON + x / (KM_PER_DEG * math.cos(math.radians(LAT)))
        key = f"pt:{lat:.4f},{lon:.4f}" if near else f"place:{gi}"
        reports = tuple(f"r{k}-{i}" for i in range(rng.choice([1, 1, 2])))
        sources = tuple(Source(r, f"f{k}-{r}", None, date, None,
                               "a claimant" if rng.random() < 0.2 else None, f"quote {k}")
                        for r in reports)
        out.append(Claim(place_key=key, place=key, status=status, side=who,
                         counterpart=counterpart, date=date, date_precision=1, lat=lat,
                         lon=lon, uncertainty_m=rng.choice([500.0, 1500.0, 3000.0]),
                         geometry=Point(lon, lat), event_type=None,
                         negated=rng.random() < 0.03, sources=sources))
    rng.shuffle(out)
    return out


PARAMS = [
    FrontlineParams(),
    FrontlineParams(memory_days=3, forget_days=7, advance_days=2),
    FrontlineParams(memory_days=0, forget_days=0),
    FrontlineParams(memory_days=5, advance_days=5, min_sources=1),
]


@pytest.mark.parametrize("params", PARAMS, ids=["default", "forgetting", "zero", "advances"])
@pytest.mark.parametrize("step", [1, 3])
def test_series_is_estimate_day_by_day(params, step):
    claims = generated_claims(7 + step)
    start, end = START - dt.timedelta(days=2), START + dt.timedelta(days=55)
    fronts = series(claims, start=start, end=end, step_days=step, params=params)
    days = range(0, (end - start).days + 1, step)
    assert len(fronts) == len(days)
    changed = 0
    for n, fl in zip(days, fronts, strict=True):
        one = estimate(claims, on=start + dt.timedelta(days=n), params=params)
        assert fl.date == one.date
        assert fl.places == one.places
        assert fl.dumps() == one.dumps()
        changed += fl.places != fronts[0].places
    assert changed  # the states move: the series is not one day repeated


def test_iter_series_yields_the_same_fronts_one_at_a_time():
    claims = generated_claims(3)
    params = FrontlineParams(memory_days=4, forget_days=9)
    it = iter_series(claims, start=START, end=START + dt.timedelta(days=20), params=params)
    first = next(it)
    assert first.date == START.isoformat()
    rest = list(it)
    listed = series(claims, start=START, end=START + dt.timedelta(days=20), params=params)
    assert [f.dumps() for f in [first, *rest]] == [f.dumps() for f in listed]


def test_a_quiet_day_reuses_the_shapes_with_its_own_date():
    claims = [c for c in generated_claims(5) if c.day and c.day <= START + dt.timedelta(days=6)]
    params = dataclasses.replace(FrontlineParams(), memory_days=30)
    fronts = series(claims, start=START + dt.timedelta(days=8), end=START + dt.timedelta(days=9),
                    params=params)
    a, b = fronts
    assert a.places == b.places and a.shapes
    assert {s.date for s in b.shapes} == {b.date} != {a.date}
    assert b.dumps() == estimate(claims, on=b.date, params=params).dumps()


def test_a_changed_day_redraws_only_what_changed(monkeypatch):
    """A day on which some states change tests the discs of the areas that changed only,
    and merges again only the lines of contact that changed; its front is the estimate's."""
    from geoevents.frontline import shapes

    calls = {"tested": 0, "merged": 0}
    overlapping, merged = shapes._overlapping, shapes._merged

    def counted_overlapping(part, discs):
        calls["tested"] += len(discs)
        return overlapping(part, discs)

    def counted_merged(lines):
        calls["merged"] += 1
        return merged(lines)

    monkeypatch.setattr(shapes, "_overlapping", counted_overlapping)
    monkeypatch.setattr(shapes, "_merged", counted_merged)
    claims = generated_claims(11, n=400)
    params = FrontlineParams(memory_days=6)
    start, end = START + dt.timedelta(days=20), START + dt.timedelta(days=50)
    fronts = series(claims, start=start, end=end, params=params)
    in_series = dict(calls)
    alone = {"tested": 0, "merged": 0}  # the estimates of the days the series redraws
    before = None
    for fl in fronts:
        calls.update(tested=0, merged=0)
        assert fl.dumps() == estimate(claims, on=fl.date, params=params).dumps()
        if fl.places != before:
            alone = {k: alone[k] + calls[k] for k in alone}
        before = fl.places
    assert 0 < in_series["tested"] < 0.7 * alone["tested"]
    assert 0 < in_series["merged"] < alone["merged"]
