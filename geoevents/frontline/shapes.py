"""The shapes of a day in the plane of the front: control areas, grey zones, lines of
contact and advances (docs/frontlines.md, steps 3 and 4), and the plane itself."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, Point

from .._geodesy import polygonal
from ..timeline import Claim
from .model import CERTAINTIES, FrontlineParams, PlaceState, Shape, sources
from .standing import corroborated


@dataclass(frozen=True)
class Projection:
    """The azimuthal equidistant plane of a front: lon/lat → metres and back."""

    fwd: pyproj.Transformer
    inv: pyproj.Transformer

    def forward(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self.fwd.transform(lon, lat)
        return float(x), float(y)


@functools.lru_cache(maxsize=32)
def projection(lat0: float, lon0: float) -> Projection:
    """The plane about (``lat0``, ``lon0``) (cached: every day of a series shares it)."""
    aeqd = pyproj.CRS.from_proj4(
        f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m +no_defs")
    return Projection(pyproj.Transformer.from_crs("EPSG:4326", aeqd, always_xy=True),
                       pyproj.Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True))


def to_lonlat(proj: Projection, geom: Any) -> Any:
    """A geometry of the plane in lon/lat."""

    def f(xy: np.ndarray) -> np.ndarray:
        if len(xy) == 0:
            return xy
        lon, lat = proj.inv.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, f)


def _sides_of(states: Iterable[PlaceState]) -> tuple[str, ...]:
    sides = set()
    for s in states:
        if s.status == "held" and s.side:
            sides.add(s.side)
        else:
            sides.update(v for c in s.claims for v in (c.side, c.counterpart) if v)
    return tuple(sorted(sides))


def _parts(geom: Any) -> list[Any]:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and p.area > 1.0]
    return sorted(parts, key=lambda p: (round(p.centroid.x, 3), round(p.centroid.y, 3)))


def areas(states: list[PlaceState], discs: dict[str, Any], iso: str, *,
          memo: dict[tuple[int, ...], Any] | None = None) -> tuple[list[Shape], list[Shape]]:
    """The control areas and grey zones of the day, in the plane (step 3). ``memo``, given
    by a series whose discs are the same objects from day to day, holds the previous day's
    unions of discs by the discs' ids: a union of the same discs is taken from it."""
    held: dict[str, list[PlaceState]] = {}
    for s in states:
        if s.status == "held" and s.side:
            held.setdefault(s.side, []).append(s)
    used: dict[tuple[int, ...], Any] = {}

    def union(members: list[PlaceState]) -> Any:
        geoms = [discs[s.place_key] for s in members]
        if memo is None:
            return shapely.union_all(geoms)
        key = tuple(map(id, geoms))
        if key not in used:
            found = memo.get(key)
            used[key] = shapely.union_all(geoms) if found is None else found
        return used[key]

    unions = {side: union(ss) for side, ss in held.items()}
    grey_parts = [discs[s.place_key] for s in states if s.status == "contested"]
    names = sorted(unions)
    for i, a in enumerate(names):  # where two sides' discs overlap, neither holds it
        for b in names[i + 1:]:
            overlap = unions[a].intersection(unions[b])
            if overlap.area > 0:
                grey_parts.append(overlap)
    grey = shapely.union_all(grey_parts) if grey_parts else shapely.Polygon()

    order = [s.place_key for s in states]
    tree = shapely.STRtree([discs[k] for k in order])

    def touching(part: Any, candidates: Iterable[PlaceState]) -> list[PlaceState]:
        near = {order[i] for i in tree.query(part, predicate="intersects").tolist()}
        shapely.prepare(part)  # a disc inside the part overlaps it by its whole area

        def overlaps(disc: Any) -> bool:
            if disc.area > 2.0 and part.contains(disc):
                return True
            return disc.intersection(part).area > 1.0

        return [s for s in candidates if s.place_key in near and overlaps(discs[s.place_key])]

    control: list[Shape] = []
    for side in names:
        above = shapely.Polygon()  # the side's more certain areas: each layer is what they
        for certainty in CERTAINTIES:  # leave of it, so layers never overlap
            members = [s for s in held[side] if s.certainty == certainty]
            if not members:
                continue
            mine = union(members)
            area = mine.difference(above).difference(grey)
            above = shapely.union(above, mine)
            for part in _parts(area):
                behind = touching(part, members)
                control.append(Shape("control", (side,), iso, certainty, part,
                                     tuple(s.place_key for s in behind),
                                     sources(c for s in behind for c in s.claims)))
    greys = []
    for part in _parts(grey):
        behind = touching(part, states)
        greys.append(Shape("grey_zone", _sides_of(behind), iso, "contested", part,
                           tuple(s.place_key for s in behind),
                           sources(c for s in behind for c in s.claims)))
    if memo is not None:
        memo.clear()
        memo.update(used)
    return control, greys


def contact_lines(states: list[PlaceState], xy: dict[str, tuple[float, float]], iso: str,
                  params: FrontlineParams, *, memo: dict[tuple, Any] | None = None
                  ) -> list[Shape]:
    """The lines of contact of the day, in the plane (step 4). ``memo``, given by a series,
    holds each pair's line by the pair's points and Voronoi cells (the line is a function
    of them): the lines of the previous day, the rest of the day's lines taken from it and
    then put in it in their place."""
    # generators: held places, one per point (a point held by two sides is grey: left out)
    at: dict[tuple[int, int], list[PlaceState]] = {}
    for s in states:
        if s.status == "held" and s.side:
            x, y = xy[s.place_key]
            at.setdefault((round(x), round(y)), []).append(s)
    gens = [ss[0] for _, ss in sorted(at.items()) if len({s.side for s in ss}) == 1]
    if len({s.side for s in gens}) < 2:
        return []
    pts = [Point(xy[s.place_key]) for s in gens]
    minx, miny, maxx, maxy = shapely.MultiPoint(pts).bounds
    pad = 2 * params.contact_m
    cells = list(shapely.get_parts(shapely.voronoi_polygons(
        shapely.MultiPoint(pts), extend_to=shapely.box(minx - pad, miny - pad, maxx + pad,
                                                       maxy + pad), ordered=True)))
    tree = shapely.STRtree(pts)
    left, right = tree.query(pts, predicate="dwithin", distance=params.contact_m)
    edges: dict[tuple[tuple[str, str], str], list[tuple[Any, PlaceState, PlaceState]]] = {}
    wkb = shapely.to_wkb(cells).tolist() if memo is not None else []
    used: dict[tuple, Any] = {}
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        a, b = gens[i], gens[j]
        if i >= j or a.side == b.side:
            continue
        key = (wkb[i], wkb[j], xy[a.place_key], xy[b.place_key]) if wkb else ()
        line = memo.get(key) if memo is not None else None
        if line is None:
            shared = cells[i].intersection(cells[j])
            radius = min(params.contact_m, params.line_reach * pts[i].distance(pts[j]))
            reach = pts[i].buffer(radius, quad_segs=params.quad_segs)
            line = shapely.line_merge(_linear(shared.intersection(reach)))
        if memo is not None:
            used[key] = line
        if line.is_empty or line.length < 1.0:
            continue
        if b.side < a.side:
            a, b = b, a
        certainty = max(a.certainty, b.certainty, key=CERTAINTIES.index)
        edges.setdefault(((a.side, b.side), certainty), []).append((line, a, b))
    if memo is not None:
        memo.clear()
        memo.update(used)
    out = []
    for (sides, certainty), group in sorted(edges.items()):
        merged = shapely.line_merge(shapely.union_all([g[0] for g in group]))
        for part in sorted(shapely.get_parts(shapely.normalize(merged)),
                           key=lambda p: p.coords[0]):
            near = part.buffer(0.5)
            shapely.prepare(near)
            behind = [s for line, a, b in group if near.contains(line) for s in (a, b)]
            keys = tuple(sorted({s.place_key for s in behind}))
            out.append(Shape("contact_line", sides, iso, certainty, part, keys,
                             sources(c for s in behind for c in s.claims)))
    return out


def _linear(geom: Any) -> Any:
    """The non-empty line parts of a geometry, as one MultiLineString."""
    parts = []
    for p in shapely.get_parts(geom):
        if p.geom_type == "MultiLineString":
            parts.extend(shapely.get_parts(p))
        elif p.geom_type in ("LineString", "LinearRing"):
            parts.append(p)
    parts = [shapely.LineString(p.coords) for p in parts if not p.is_empty]
    return shapely.MultiLineString(parts) if parts else shapely.MultiLineString()


def advance_arrows(states: list[PlaceState], advancing: list[tuple[PlaceState, Claim]],
                   xy: dict[str, tuple[float, float]], iso: str, params: FrontlineParams
                   ) -> list[Shape]:
    """An arrow per standing advance, from the side's nearest held place within
    ``max_arrow_m`` (none when it holds nothing that near)."""
    out = []
    for target, claim in advancing:
        tx, ty = xy[target.place_key]
        best = None
        for s in states:
            if s.status != "held" or s.side != claim.side or s.place_key == target.place_key:
                continue
            x, y = xy[s.place_key]
            d = float(np.hypot(x - tx, y - ty))
            if d < 1.0:  # a place at the target's own point says nothing of where from
                continue
            if d <= params.max_arrow_m and (best is None or (d, s.place_key) < best[:2]):
                best = (d, s.place_key, s)
        if best is None:
            continue  # nothing of the side's is near enough to say where it advances from
        origin = best[2]
        certainty = "assessed" if corroborated([claim], params) else "claimed"
        out.append(Shape("advance", (claim.side,), iso, certainty,
                         LineString([xy[origin.place_key], (tx, ty)]),
                         (origin.place_key, target.place_key),
                         sources([claim, *origin.claims])))
    return sorted(out, key=lambda s: (s.sides, s.places, s.certainty))


def polygon_out(s: Shape, proj: Projection) -> Shape:
    """A shape of the plane in lon/lat, valid: pieces that touched in the plane can cross
    after the inverse projection's rounding (a self-intersection at 10⁻⁹°); GEOS repairs
    them, keeping the polygonal pieces of at least 1 m² in the plane."""
    geom = to_lonlat(proj, s.geometry)
    if not geom.is_valid:
        def area_m2(g: Any) -> float:
            return shapely.transform(g, lambda xy: np.column_stack(
                proj.fwd.transform(xy[:, 0], xy[:, 1]))).area

        parts = [g for g in shapely.get_parts(polygonal(shapely.make_valid(geom)))
                 if area_m2(g) >= 1.0]
        geom = shapely.union_all(parts) if parts else shapely.Polygon()
    geom = shapely.orient_polygons(shapely.normalize(geom), exterior_cw=False)
    return dataclasses.replace(s, geometry=geom)

