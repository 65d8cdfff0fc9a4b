"""Coherence for resolution: how close a candidate lies to the places chosen for the other
names, and the best candidate by score (docs/resolution.md)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from ._geodesy import EARTH_RADIUS_M
from .model import Place

#: A place's position for :func:`_closeness`: id; unit vector (x, y, z) from the earth's
#: centre; latitude in radians and its cosine; longitude in degrees; its extent when it is a
#: region (admin1, admin2), else None; its first-level region (country, admin1 code) when it
#: is one (``("region", country, code)``) or a settlement in one (``("in", country, code)``),
#: else None.
Geo = tuple[str, tuple[float, float, float], float, float, float, "float | None",
            "tuple[str, str, str] | None"]


def _geo(p: Place) -> Geo:
    """``p``'s position, extent and first-level region for :func:`_closeness`."""
    lat, lon = math.radians(p.lat), math.radians(p.lon)
    cos_lat = math.cos(lat)
    extent = (p.extent_m or 0.0) if p.kind in ("admin1", "admin2") else None
    home = None
    if p.country and p.admin1 and (p.kind == "admin1" or p.is_settlement):
        home = ("region" if p.kind == "admin1" else "in", p.country, p.admin1)
    return (p.id, (cos_lat * math.cos(lon), cos_lat * math.sin(lon), math.sin(lat)),
            lat, cos_lat, p.lon, extent, home)


class _Near(NamedTuple):
    """Places to measure a candidate's closeness to (:func:`_closeness`)."""

    geos: list[Geo]
    points: list[tuple[float, float, float]]  #: their unit vectors
    extent: float  #: the largest extent of a region among them (0.0 when none)
    index: dict[str, int]  #: their positions by id
    regions: frozenset[tuple[str, str, str]]  #: the first-level regions among them


def _closeness(p: Geo, near: _Near) -> float | None:
    """Coherence: 1 for a candidate on top of another name's place, falling off over ~150 km;
    None when ``near`` holds no place but ``p`` itself.

    Distances as :func:`haversine_m` computes them (the same arithmetic, with each place's
    radians and cosine computed once), between points; between two regions, less their
    extents (Oregon and Washington share a border; their centres lie 500 km apart). A region
    is not brought nearer to a town by its extent: that would favour the governorate over the
    city of the same name in every report about the region. A settlement inside a first-level
    region of ``near.regions`` (the same country and admin1 code) lies on top of it, as a
    district inside it does by their extents: a note naming Sindh does not make "Sukkur" the
    district (docs/resolution.md, round eleven).

    Only the places that can be the nearest are measured: those whose straight-line (chord)
    distance, less any extents, comes within 10 m of the chord-nearest place's distance (a
    margin far above rounding); the result is that of measuring every place."""
    pid, point, p1, cos1, lon1, ext1, home = p
    if home is not None and home[0] == "in" and ("region", home[1], home[2]) in near.regions:
        return 1.0
    chords = [math.dist(point, q) for q in near.points]  # on the unit sphere
    if pid in near.index:
        chords[near.index[pid]] = math.inf
    nearest = min(chords, default=math.inf)
    if nearest == math.inf:
        return None
    sin, asin, sqrt, radians = math.sin, math.asin, math.sqrt, math.radians
    # the angle beyond which a place cannot be the nearest: the chord-nearest's, plus what
    # extents can take off a distance from p, plus the margin
    slack = ext1 + near.extent if ext1 is not None else 0.0
    angle = 2 * asin(min(1.0, nearest / 2)) + (slack + 10.0) / EARTH_RADIUS_M
    limit = 2 * sin(angle / 2) if angle < math.pi else math.inf
    best = math.inf
    for chord, (qid, _, p2, cos2, lon2, ext2, _home) in zip(chords, near.geos, strict=True):
        if chord > limit or qid == pid:
            continue
        a = (sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * sin(radians(lon2 - lon1) / 2) ** 2)
        r = sqrt(a)
        d = 2 * EARTH_RADIUS_M * asin(r if r < 1.0 else 1.0)  # haversine_m, inlined
        if ext1 is not None and ext2 is not None:
            d -= ext1 + ext2
        d = d if d > 0.0 else 0.0
        if d < best:
            best = d
    return 1.0 * math.exp(-best / 150_000)



#: Kinds of place whose point does not count for coherence (:class:`Coherence`).
_NOT_NEAR_KINDS = frozenset({"country", "continent", "region"})


class Coherence:
    """The closeness of candidates to the places chosen for the document's other names
    (:func:`_closeness`), computed once per name and candidate. ``geos`` caches the places'
    positions by id (a place id names one place). ``hold``: a first-level region chosen for
    another name holds its settlements (closeness 1), as in a terse note, where a region is
    named for the event's place; an article names states for other reasons ("Cairo" near
    Illinois' towns is still Egypt's)."""

    def __init__(self, chosen: dict[int, Place], keys: dict[int, str],
                 geos: dict[str, Geo], *, hold: bool = False) -> None:
        self.chosen, self.keys, self.geos, self.hold = chosen, keys, geos, hold
        self.near: dict[str, _Near] = {}
        self.memo: dict[tuple[str, str], float | None] = {}
        self._firsts: list[tuple[Place, str, int, int | None]] | None = None

    def _first_mentions(self) -> list[tuple[Place, str, int, int | None]]:
        """Each place chosen (but countries, continents, regions), once: (it, the name of
        its first mention, that mention's position among those chosen, the position of its
        first mention under another name or None) — read once, not once per name (which
        made a long report quadratic)."""
        if self._firsts is None:
            firsts: dict[str, list] = {}
            for i, (mid, q) in enumerate(self.chosen.items()):
                if q.kind in _NOT_NEAR_KINDS:
                    continue
                row = firsts.get(q.id)
                if row is None:
                    firsts[q.id] = [q, self.keys[mid], i, None]
                elif row[3] is None and self.keys[mid] != row[1]:
                    row[3] = i
            self._firsts = [tuple(row) for row in firsts.values()]
        return self._firsts

    def _others(self, key: str) -> dict[str, Place]:
        """The places chosen for the names but ``key``, by id, in the order of their first
        mention under another name."""
        found = []
        for q, first_key, first, other in self._first_mentions():
            at = first if first_key != key else other
            if at is not None:
                found.append((at, q))
        found.sort(key=lambda t: t[0])
        return {q.id: q for _, q in found}

    def of(self, key: str, p: Place) -> float | None:
        """The closeness of ``p``, a candidate for the name ``key`` (:func:`name_key`)."""
        ck = (key, p.id)
        if ck not in self.memo:
            geos = self.geos
            near = self.near.get(key)
            if near is None:
                # the places chosen for the other names, each once (a country named ten
                # times is one place)
                # (a country's, a continent's or a region's point — the Middle East, Darfur
                # — is no place where things are: a village near the United States' centre
                # gains nothing by it)
                others = self._others(key)
                near_geos = [geos.get(qid) or geos.setdefault(qid, _geo(q))
                             for qid, q in others.items()]
                extents = [g[5] for g in near_geos if g[5] is not None]
                near = self.near[key] = _Near(
                    near_geos, [g[1] for g in near_geos],
                    # (an extent that is not a number would have every place measured)
                    max(extents, default=0.0) if all(e == e for e in extents) else math.inf,
                    {qid: i for i, qid in enumerate(others)},
                    frozenset(g[6] for g in near_geos if self.hold and g[6] is not None
                              and g[6][0] == "region"))
            self.memo[ck] = _closeness(geos.get(p.id) or geos.setdefault(p.id, _geo(p)), near)
        return self.memo[ck]


def best_of(cands: list[Place], pre: list[float], parent: list[float], listed: list[float],
          closeness: Callable[[Place], float | None] | None = None
          ) -> tuple[float, Place, float]:
    """The best of ``cands``, its score and the runner-up's score (:func:`_best_two`).

    A candidate's score is its ``pre`` (its prior's score), plus its ``closeness`` when given
    and not None, plus its ``parent`` and ``listed`` bonuses, added in that order. Closeness
    (at most 1) is computed only for the candidates that might still be best or runner-up:
    in order of the score they would have with a closeness of 1, until that falls below the
    runner-up's so far. The rest could neither win nor tie nor come second.
    """
    if closeness is None:
        return _best_two([(pre[i] + parent[i] + listed[i], p) for i, p in enumerate(cands)])
    # float addition is monotonic: closeness ≤ 1 makes these upper bounds of the scores
    ceiling = [pre[i] + 1.0 + parent[i] + listed[i] for i in range(len(cands))]
    top = runner_up = -math.inf
    scores: dict[int, float] = {}
    for i in sorted(range(len(cands)), key=ceiling.__getitem__, reverse=True):
        if ceiling[i] < runner_up:
            break
        close = closeness(cands[i])
        s = pre[i] if close is None else pre[i] + close
        s = scores[i] = s + parent[i] + listed[i]
        if s > top:
            top, runner_up = s, top
        elif s > runner_up:
            runner_up = s
    return _best_two([(scores[i], cands[i]) for i in sorted(scores)])


def _best_two(scored: list[tuple[float, Place]]) -> tuple[float, Place, float]:
    """The best of the (score, place) pairs (of equal scores, the smallest id), its score, and
    the runner-up's score (0.0 when there is none): the head of ``scored`` sorted by
    (−score, id)."""
    best_s, best = scored[0]
    second: float | None = None
    for s, p in scored[1:]:
        if s > best_s or (s == best_s and p.id < best.id):
            second, best_s, best = best_s, s, p
        elif second is None or s > second:
            second = s
    return best_s, best, 0.0 if second is None else second

