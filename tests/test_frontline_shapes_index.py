"""geoevents.frontline.shapes: the indexed tests of step 3 and the arrows of step 4 give what
the plain definitions give (a disc overlaps a part by more than 1 m²: the area of their
intersection; an arrow from the side's nearest held place, ties by place key).

The material is generated (``random.Random``): places on a coarse grid (so that distances
tie), discs of several radii, parts cut from their unions the way the layers are cut, and
discs that only touch a part along its edge or overlap it by a sliver.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
import shapely
from shapely.geometry import Point

from geoevents.frontline import FrontlineParams
from geoevents.frontline.model import PlaceState
from geoevents.frontline.shapes import _overlapping, advance_arrows
from geoevents.timeline import Claim, Source

SIDES = ("a-side", "b-side")


def state(key: str, status: str, side: str | None) -> PlaceState:
    src = (Source("r", f"f-{key}", None, "2021-05-01", None, None, "quote"),)
    c = Claim(place_key=key, place=key, status=status, side=side, counterpart=None,
              date="2021-05-01", date_precision=1, lat=0.0, lon=0.0, uncertainty_m=1000.0,
              geometry=Point(0, 0), event_type=None, negated=False, sources=src)
    return PlaceState(key, key, status, side, "2021-05-01", 0.0, 0.0, 2000.0, "claimed", (c,))


def plain_arrows(states, advancing, xy, params):
    """The definition: for each advance, the nearest of the side's held places other than
    the target, at least 1 m and at most ``max_arrow_m`` away, ties by place key."""
    out = []
    for target, claim in advancing:
        tx, ty = xy[target.place_key]
        best = None
        for s in states:
            if s.status != "held" or s.side != claim.side or s.place_key == target.place_key:
                continue
            x, y = xy[s.place_key]
            d = float(np.hypot(x - tx, y - ty))
            if 1.0 <= d <= params.max_arrow_m and (best is None or (d, s.place_key) < best):
                best = (d, s.place_key)
        if best is not None:
            out.append((claim.side, best[1], target.place_key))
    return sorted(out)


@pytest.mark.parametrize("seed", range(6))
def test_arrows_start_where_the_plain_definition_says(seed):
    rng = random.Random(seed)
    states, xy = [], {}
    for k in range(300):
        key = f"p{k:03d}"
        status = rng.choice(["held", "held", "held", "contested"])
        side = rng.choice(SIDES) if status == "held" else None
        states.append(state(key, status, side))
        # a 5 km grid: many places at equal distances from a target, some at its very point
        xy[key] = (5000.0 * rng.randrange(12), 5000.0 * rng.randrange(12))
    advancing = []
    for s in rng.sample(states, 40):
        who = rng.choice(SIDES)
        advancing.append((s, state(s.place_key, "advancing", who).claims[0]))
    params = FrontlineParams(max_arrow_m=rng.choice([5_000.0, 12_000.0, 30_000.0]))
    arrows = advance_arrows(states, advancing, xy, "2021-05-01", params)
    got = sorted((a.sides[0], *a.places) for a in arrows)
    assert got == plain_arrows(states, advancing, xy, params)
    assert got  # some advances have a held place of their side in reach


def plain_overlapping(part, discs):
    return [bool(shapely.intersection(d, part).area > 1.0) for d in discs]


@pytest.mark.parametrize("seed", range(6))
def test_overlapping_is_the_area_of_the_intersection(seed):
    rng = random.Random(seed)
    pts = [(rng.uniform(0, 40_000), rng.uniform(0, 40_000)) for _ in range(120)]
    discs = [Point(p).buffer(rng.choice([2000.0, 3000.0, 6000.0]), quad_segs=16) for p in pts]
    half = len(discs) // 2
    mine, above = shapely.union_all(discs[:half]), shapely.union_all(discs[half:])
    cut = mine.difference(above)  # a layer: what the more certain one leaves of it
    parts = [p for p in shapely.get_parts(cut) if p.area > 1.0]
    # discs of the layer above touch the parts along their edges only; discs from outside
    # that touch a part's easternmost vertex or dip 0.1 to 3 m into it
    extra = []
    for p in parts[:5]:
        xy = shapely.get_coordinates(p)
        vx, vy = xy[xy[:, 0].argmax()]  # the part's easternmost vertex
        for depth in (0.0, 0.1, 1.0, 3.0):
            extra.append(Point(vx + 1000.0 - depth, vy).buffer(1000.0, quad_segs=16))
    assert parts
    for p in parts:
        test = discs + extra
        assert _overlapping(p, test) == plain_overlapping(p, test)
    hits = [h for p in parts for h in _overlapping(p, discs + extra)]
    assert any(hits) and not all(hits)
