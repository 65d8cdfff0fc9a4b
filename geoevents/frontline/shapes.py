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


def _overlapping(part: Any, discs: list[Any]) -> list[bool]:
    """Whether each disc (a buffer of a point: a regular polygon about the centre of its
    bounds) overlaps ``part`` by more than 1 m²: a disc inside the part by its whole area,
    one that holds a 2 m square inside the part by at least 4 m², the others by the area
    of their intersection with the part."""
    if not discs:
        return []
    geoms = np.array(discs, dtype=object)
    shapely.prepare(part)
    hit = (shapely.area(geoms) > 2.0) & shapely.contains(part, geoms)
    rest = np.flatnonzero(~hit)
    for ring in _PROBE_RINGS:
        if not len(rest):
            break
        hit[rest] = _holds_square(part, geoms[rest], ring)
        rest = rest[~hit[rest]]
    if len(rest):
        hit[rest] = shapely.area(shapely.intersection(geoms[rest], part)) > 1.0
    return hit.tolist()


#: Where :func:`_holds_square` looks for a square inside a disc and the part, in fractions
#: of the disc's inradius: at its centre, then in eight directions at half and at 0.9 of
#: it (in that order: most discs that overlap a part hold their centre in it).
_PROBE_RINGS = (np.array([0.0]),
                np.outer([0.5, 0.9], np.exp(1j * np.pi * np.arange(8) / 4)).ravel())


def _holds_square(part: Any, discs: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Whether each disc (see :func:`_overlapping`) and the prepared ``part`` both contain
    one of the 2 × 2 m squares about the points of ``ring`` (complex offsets from the
    disc's centre, in inradii): then the disc overlaps the part by at least 4 m². A square
    is inside a disc when its farthest corner is within the disc's inradius (the radius of
    its bounds times cos π/n for n vertices) less a millimetre."""
    x0, y0, x1, y1 = shapely.bounds(discs).T
    n = np.maximum(shapely.get_num_coordinates(discs) - 1, 3)
    inradius = np.minimum(x1 - x0, y1 - y0) / 2 * np.cos(np.pi / n)
    at = ((x0 + x1) / 2 + 1j * (y0 + y1) / 2)[:, None] + inradius[:, None] * ring[None, :]
    fits = (np.abs(ring)[None, :] * inradius[:, None] + np.sqrt(2.0)
            <= inradius[:, None] - 1e-3)
    inside = np.zeros(fits.shape, dtype=bool)
    at = at[fits]
    inside[fits] = shapely.contains(part, shapely.box(at.real - 1.0, at.imag - 1.0,
                                                      at.real + 1.0, at.imag + 1.0))
    return inside.any(axis=1)


def areas(states: list[PlaceState], discs: dict[str, Any], iso: str, *,
          memo: dict[tuple[int, ...], Any] | None = None,
          overlaps: dict[bytes, dict[int, bool]] | None = None,
          ) -> tuple[list[Shape], list[Shape]]:
    """The control areas and grey zones of the day, in the plane (step 3). ``memo`` and
    ``overlaps``, given by a series whose discs are the same objects from day to day, hold
    the previous day's unions of discs by the discs' ids and, by an area's WKB, whether
    each disc tested overlaps it (by the disc's id): a union of the same discs, or the test
    of the same disc against the same area, is taken from them."""
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
    tested: dict[bytes, dict[int, bool]] = {}

    def touching(part: Any, keys: set[str] | None = None) -> list[PlaceState]:
        """The states of ``keys`` (else all) whose discs overlap ``part``."""
        found = [states[i] for i in sorted(tree.query(part, predicate="intersects").tolist())
                 if keys is None or order[i] in keys]
        geoms = [discs[s.place_key] for s in found]
        if overlaps is None:
            return [s for s, hit in zip(found, _overlapping(part, geoms), strict=True) if hit]
        wkb = shapely.to_wkb(part)
        known = tested.setdefault(wkb, dict(overlaps.get(wkb, {})))
        new = [g for g in geoms if id(g) not in known]
        known.update(zip(map(id, new), _overlapping(part, new), strict=True))
        return [s for s, g in zip(found, geoms, strict=True) if known[id(g)]]

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
            keys = {s.place_key for s in members}
            for part in _parts(area):
                behind = touching(part, keys)
                control.append(Shape("control", (side,), iso, certainty, part,
                                     tuple(s.place_key for s in behind),
                                     sources(c for s in behind for c in s.claims),
                                     inferred_of(behind)))
    greys = []
    for part in _parts(grey):
        behind = touching(part)
        greys.append(Shape("grey_zone", _sides_of(behind), iso, "contested", part,
                           tuple(s.place_key for s in behind),
                           sources(c for s in behind for c in s.claims)))
    if memo is not None:
        memo.clear()
        memo.update(used)
    if overlaps is not None:
        overlaps.clear()
        overlaps.update(tested)
    return control, greys


def inferred_of(states: list[PlaceState]) -> tuple[str, ...]:
    """Why each of ``states`` held by inference alone is held ("Place: held by X: …"), sorted
    (docs/frontlines.md, step 2: an attack alone)."""
    return tuple(sorted(f"{s.place or s.place_key}: {s.basis}" for s in states if s.basis))


def contact_lines(states: list[PlaceState], xy: dict[str, tuple[float, float]], iso: str,
                  params: FrontlineParams, *, memo: dict[tuple, Any] | None = None,
                  merged: dict[tuple[int, ...], Any] | None = None) -> list[Shape]:
    """The lines of contact of the day, in the plane (step 4). ``memo``, given by a series,
    holds each pair's line by the pair's points and Voronoi cells (the line is a function
    of them): the lines of the previous day, the rest of the day's lines taken from it and
    then put in it in their place; ``merged``, the previous day's merged lines of each pair
    of sides and certainty, by the ids of the lines merged (the same objects, kept in it),
    with the lines behind each part."""
    # generators: held places, one per point (a point held by two sides is grey: left out)
    at: dict[tuple[int, int], list[PlaceState]] = {}
    for s in states:
        if s.status == "held" and s.side:
            x, y = xy[s.place_key]
            at.setdefault((round(x), round(y)), []).append(s)
    gens = [ss[0] for _, ss in sorted(at.items()) if len({s.side for s in ss}) == 1]
    if len({s.side for s in gens}) < 2:
        return []
    pts = shapely.points([xy[s.place_key] for s in gens])
    multi = shapely.multipoints(pts)
    minx, miny, maxx, maxy = shapely.bounds(multi).tolist()
    pad = 2 * params.contact_m
    cells = shapely.get_parts(shapely.voronoi_polygons(
        multi, extend_to=shapely.box(minx - pad, miny - pad, maxx + pad,
                                                       maxy + pad), ordered=True))
    left, right = _neighbours(pts, cells, params.contact_m)
    sides = np.array([s.side for s in gens], dtype=object)
    mask = (left < right) & (sides[left] != sides[right])
    lines = _pair_lines(pts, cells, left[mask], right[mask], params, memo)
    edges: dict[tuple[tuple[str, str], str], list[tuple[Any, PlaceState, PlaceState]]] = {}
    for i, j, line in zip(left[mask].tolist(), right[mask].tolist(), lines, strict=True):
        if line is None or line.is_empty or line.length < 1.0:
            continue
        a, b = gens[i], gens[j]
        if b.side < a.side:
            a, b = b, a
        certainty = max(a.certainty, b.certainty, key=CERTAINTIES.index)
        edges.setdefault(((a.side, b.side), certainty), []).append((line, a, b))
    out = []
    done: dict[tuple[int, ...], Any] = {}
    for (pair, certainty), group in sorted(edges.items()):
        key = tuple(id(g[0]) for g in group)
        found = merged.get(key) if merged is not None else None
        done[key] = found or _merged([g[0] for g in group])
        for part, behind_lines in done[key][1]:
            behind = [s for k in behind_lines for s in group[k][1:]]
            keys = tuple(sorted({s.place_key for s in behind}))
            out.append(Shape("contact_line", pair, iso, certainty, part, keys,
                             sources(c for s in behind for c in s.claims)))
    if merged is not None:
        merged.clear()
        merged.update(done)
    return out


def _neighbours(pts: np.ndarray, cells: np.ndarray, reach: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (``left[k]``, ``right[k]``) of generators whose Voronoi cells meet (the
    only pairs that can have a line of contact) and whose points are at most ``reach``
    apart, in the order of (left, right): found among the cells' neighbours, not among
    every pair within ``reach`` (a hundred or more per place on a dense theatre)."""
    left, right = shapely.STRtree(cells).query(cells, predicate="intersects")
    near = shapely.dwithin(pts[left], pts[right], reach)
    left, right = left[near], right[near]
    order = np.lexsort((right, left))
    return left[order], right[order]


def _merged(lines: list[Any]) -> tuple[tuple[Any, ...], list[tuple[Any, list[int]]]]:
    """``lines`` merged into parts, each with the indices of the lines it holds (and
    ``lines``, which the ids of a memo's key are of)."""
    merged = shapely.line_merge(shapely.union_all(lines))
    tree = shapely.STRtree(lines)
    parts = []
    for part in sorted(shapely.get_parts(shapely.normalize(merged)), key=lambda p: p.coords[0]):
        near = part.buffer(0.5)
        parts.append((part, sorted(tree.query(near, predicate="contains").tolist())))
    return tuple(lines), parts


def _pair_lines(pts: np.ndarray, cells: np.ndarray, left: np.ndarray, right: np.ndarray,
                params: FrontlineParams, memo: dict[tuple, Any] | None) -> list[Any]:
    """The line of contact of each pair (``left[k]``, ``right[k]``) of generators: where
    their Voronoi cells meet, within the reach of the first; None where the cells do not
    meet. ``memo``: see :func:`contact_lines`."""
    n = len(left)
    lines: list[Any] = [None] * n
    keys: list[tuple] = []
    todo = np.arange(n)
    if memo is not None:
        wkb = shapely.to_wkb(cells).tolist()
        xy = shapely.get_coordinates(pts).tolist()
        keys = [(wkb[i], wkb[j], *xy[i], *xy[j])
                for i, j in zip(left.tolist(), right.tolist(), strict=True)]
        missing = object()
        found = [memo.get(k, missing) for k in keys]
        lines = [None if f is missing else f for f in found]
        todo = np.array([k for k, f in enumerate(found) if f is missing], dtype=np.intp)
    if len(todo):
        li, ri = left[todo], right[todo]
        shared = shapely.intersection(cells[li], cells[ri])
        meet = ~shapely.is_empty(shared)
        li, ri, shared = li[meet], ri[meet], shared[meet]
        radius = np.minimum(params.contact_m,
                            params.line_reach * shapely.distance(pts[li], pts[ri]))
        reach = shapely.buffer(pts[li], radius, quad_segs=params.quad_segs)
        for k, part in zip(todo[meet].tolist(), shapely.intersection(shared, reach),
                           strict=True):
            lines[k] = shapely.line_merge(_linear(part))
    if memo is not None:
        memo.clear()
        memo.update(zip(keys, lines, strict=True))
    return lines


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
    ``max_arrow_m`` (none when it holds nothing that near; ties by place key)."""
    held: dict[str | None, list[PlaceState]] = {}
    for s in states:
        if s.status == "held":
            held.setdefault(s.side, []).append(s)
    trees = {side: (shapely.STRtree(shapely.points([xy[s.place_key] for s in ss])),
                    np.array([xy[s.place_key] for s in ss]).reshape(-1, 2))
             for side, ss in held.items()}
    out = []
    for target, claim in advancing:
        origin = _nearest_held(held.get(claim.side, []), trees.get(claim.side), target,
                               xy[target.place_key], params.max_arrow_m)
        if origin is None:
            continue  # nothing of the side's is near enough to say where it advances from
        certainty = "assessed" if corroborated([claim], params) else "claimed"
        out.append(Shape("advance", (claim.side,), iso, certainty,
                         LineString([xy[origin.place_key], xy[target.place_key]]),
                         (origin.place_key, target.place_key),
                         sources([claim, *origin.claims])))
    return sorted(out, key=lambda s: (s.sides, s.places, s.certainty))


def _nearest_held(held: list[PlaceState], tree: tuple[Any, np.ndarray] | None,
                  target: PlaceState, txy: tuple[float, float], reach: float
                  ) -> PlaceState | None:
    """The place of ``held`` (indexed by ``tree``: an STRtree of their points and the
    points) nearest ``txy``, at least 1 m (a place at the target's own point says nothing
    of where from) and at most ``reach`` away, other than ``target``; ties by place key."""
    if tree is None:
        return None
    index, points = tree  # candidates by the index (1 m of slack), distances as defined
    near = index.query(Point(txy), predicate="dwithin", distance=reach + 1.0)
    d = np.hypot(points[near, 0] - txy[0], points[near, 1] - txy[1])
    best = None
    for k, dist in zip(near.tolist(), d.tolist(), strict=True):
        s = held[k]
        if 1.0 <= dist <= reach and s.place_key != target.place_key and (
                best is None or (dist, s.place_key) < best[:2]):
            best = (dist, s.place_key, s)
    return None if best is None else best[2]


def polygons_out(shapes: list[Shape], proj: Projection) -> list[Shape]:
    """The shapes of the plane in lon/lat (one inverse projection of all their vertices),
    valid: pieces that touched in the plane can cross after the inverse projection's
    rounding (a self-intersection at 10⁻⁹°); GEOS repairs them, keeping the polygonal
    pieces of at least 1 m² in the plane."""
    if not shapes:
        return []
    geoms = to_lonlat(proj, np.array([s.geometry for s in shapes], dtype=object))
    for k in np.flatnonzero(~shapely.is_valid(geoms)).tolist():
        geoms[k] = _repaired(geoms[k], proj)
    geoms = shapely.orient_polygons(shapely.normalize(geoms), exterior_cw=False)
    return [dataclasses.replace(s, geometry=g) for s, g in zip(shapes, geoms, strict=True)]


def _repaired(geom: Any, proj: Projection) -> Any:
    """An invalid area in lon/lat made valid: its polygonal pieces of at least 1 m² in the
    plane."""
    def area_m2(g: Any) -> float:
        return shapely.transform(g, lambda xy: np.column_stack(
            proj.fwd.transform(xy[:, 0], xy[:, 1]))).area

    parts = [g for g in shapely.get_parts(polygonal(shapely.make_valid(geom)))
             if area_m2(g) >= 1.0]
    return shapely.union_all(parts) if parts else shapely.Polygon()
