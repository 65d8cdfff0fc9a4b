"""Control areas, grey zones, lines of contact and advances on one day, from dated claims.

:func:`estimate` turns the :class:`~geoevents.timeline.Claim` s known on a day into a
:class:`Frontline`, drawn the way ISW/CTP and DeepStateMap draw theirs (see
``docs/frontlines.md``): areas each side holds, a grey zone where control is disputed, a line
of contact only where both sides' reported positions face each other, and arrows for
reported advances — each shape with its date, its certainty (``assessed`` when
corroborated, ``claimed`` when one source says so, ``contested`` for grey zones) and the
sources behind it. :func:`series` gives one per day.

The method in short (every parameter is in :class:`FrontlineParams`):

1. **What stands on the day.** Dated, not negated claims with a control status, dated on or
   before ``on``: a state stands until a newer claim about the place (or one nearby, 3)
   changes it, its certainty ``stale`` once its claims are more than ``memory_days`` old
   (``forget_days``, when set, drops it after that long). A ``held`` claim needs a
   side; an ``advancing`` claim needs a side and stands only ``advance_days`` after its day
   (an advance with no side never changes control; a past advance is no longer news). For
   each place its days are taken in order, each day's claims replacing the state the
   earlier days gave; the latest day therefore decides, except as said in 2.
2. **One day's claims about a place.** Each claim votes, with weight = its status strength
   (``held_weight`` for ``held``/``lost``, ``contested_weight``, ``advancing_weight``) ×
   its support (distinct reports, or distinct named claimants if more):

   * ``held`` by S → held by S;
   * ``lost`` by S → held by the winner the sources name (``counterpart``); with none named,
     by the side most often named against S (side/counterpart) in all the claims given that
     lie within ``contact_m`` of the place, whatever their date, when exactly one side is
     named most often, else by the other side when the claims put exactly two sides in play
     (an inferred winner is never ``assessed``); else a vote for grey;
   * ``contested`` → grey;
   * ``advancing`` by S → grey, unless S is the side that holds the place (by that day's
     ``held`` claims, else by the earlier days' state): an advance by the holder changes
     nothing.

   Then: if the held votes name two or more sides, the place is contested (the sources
   disagree on who holds it, however corroborated); if they name one side, it holds the
   place when their weight exceeds that of the grey votes, else the place is contested;
   with no held vote it is contested. With only an advance by its holder, the earlier state
   stands. An ``advancing`` claim also gives an arrow from S's nearest held place within
   ``max_arrow_m`` (none when S holds nothing that near) while it stands.
3. **Areas.** Each place is a disc of its uncertainty radius, at least ``min_radius_m``, in
   an azimuthal equidistant plane about the centroid of all the claims (the same plane every
   day). A place is dropped when a place claimed on a later day, in another state, lies
   within the larger of the two radii (a newer claim nearby that changes control supersedes
   it; a place grey only by that day's advance supersedes nothing). Discs are merged per
   side and certainty; where two sides' discs overlap, and about contested places, the area
   is grey and belongs to no side.
4. **Lines of contact.** Voronoi cells of all held places; for each two places of
   different sides no farther apart than ``contact_m``, the edge their cells share, cut to
   within ``contact_m`` of both and to within ``line_reach`` times their separation. A
   point of that edge is nearer to those two places than to any other held place, so the
   line never runs where no report puts both sides.

Everything is computed in metres and returned in lon/lat (WGS84); the output is a pure,
deterministic function of the claims and the parameters. :func:`movement` follows a
side's control area day by day (its centroid), to measure how the front moves.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, Point

from .._geodesy import distance_m, polygonal
from .._output import dumps_collection
from ..geometry import to_geojson_geometry
from ..timeline import Claim

__all__ = ["Frontline", "FrontlineParams", "PlaceState", "Shape", "estimate", "movement",
           "series"]

#: Claim statuses that say something about control.
CONTROL_STATUSES = ("held", "contested", "advancing", "lost")
#: Side keys that are no party to the war: never an inferred winner, never one of the
#: "two sides in play" (docs/frontlines.md, step 2).
NON_COMBATANTS = frozenset({"civilians"})
#: Certainties of a held place and its control area, most certain first.
CERTAINTIES = ("assessed", "claimed", "stale")
#: Layers of :meth:`Frontline.to_geojson`, in output order.
LAYERS = ("control", "grey_zone", "contact_line", "advance")


@dataclass(frozen=True, slots=True)
class FrontlineParams:
    """The parameters of :func:`estimate` (see ``docs/frontlines.md`` for why these values).

    Parameters
    ----------
    memory_days : int
        How long a state stays as certain as its claims make it: a place whose latest claim
        is older than this on the day is still drawn, as its claims say, but with certainty
        ``stale`` (a standing state lasts until a newer claim; see ``forget_days``).
        Default 14.
    forget_days : int or None
        A state whose latest claim is older than this on the day is not drawn at all; None
        (the default): never forgotten, a state stands until a newer claim about the place
        or near it. At least ``memory_days``.
    min_radius_m : float
        The smallest disc drawn about a place (a village's built-up area, a hilltop and its
        slopes). Default 2,000 m.
    contact_m : float
        Two places of different sides make a line of contact only when at most this far
        apart; the line is cut to within this distance of both. Default 25,000 m (about the
        range of the field artillery in such wars: farther apart, two positions are not in
        contact).
    line_reach : float
        How far a pair's line of contact runs along its bisector: every point of it is at
        most ``line_reach`` times the pair's separation (and at most ``contact_m``) from
        both places. Default 1.0: two positions 6 km apart support about 10 km of line, not
        the 50 km that ``contact_m`` alone would allow.
    max_arrow_m : float
        The farthest a side's held place may be from a place it advances on to be the
        arrow's origin. Default 30,000 m.
    min_sources : int
        A claim is corroborated (``assessed``) when at least this many distinct reports, or
        distinct named claimants, make it. Default 2.
    advance_days : int
        How long an ``advancing`` claim stands: on its day and this many days after (never
        longer than ``memory_days``). An advance is news of its day, not a state: once it
        has passed, the place falls back on what its other claims say. Default 0.
    held_weight, contested_weight, advancing_weight : float
        The status strength of a ``held``/``lost`` claim, a ``contested`` one and an
        ``advancing`` one when a place's latest day has conflicting claims: a claim weighs
        its strength times its support (the larger of its distinct reports and distinct
        named claimants). Defaults 3, 2, 1: one report that a side holds the place outweighs
        one report of fighting there, not two.
    quad_segs : int
        Segments per quarter circle of a disc. Default 16.
    """

    memory_days: int = 14
    forget_days: int | None = None
    min_radius_m: float = 2_000.0
    contact_m: float = 25_000.0
    line_reach: float = 1.0
    max_arrow_m: float = 30_000.0
    min_sources: int = 2
    advance_days: int = 0
    held_weight: float = 3.0
    contested_weight: float = 2.0
    advancing_weight: float = 1.0
    quad_segs: int = 16

    def __post_init__(self) -> None:
        if self.memory_days < 0 or self.advance_days < 0:
            raise ValueError("memory_days and advance_days must be >= 0")
        if self.forget_days is not None and self.forget_days < self.memory_days:
            raise ValueError("forget_days must be None or >= memory_days")
        if min(self.held_weight, self.contested_weight, self.advancing_weight) <= 0:
            raise ValueError("held_weight, contested_weight and advancing_weight must be > 0")
        if min(self.min_radius_m, self.contact_m, self.max_arrow_m, self.line_reach) <= 0:
            raise ValueError("min_radius_m, contact_m, line_reach and max_arrow_m must be > 0")
        if self.min_sources < 1 or self.quad_segs < 1:
            raise ValueError("min_sources and quad_segs must be >= 1")


@dataclass(frozen=True, slots=True)
class PlaceState:
    """What is known of one place on the day.

    ``status`` is ``held`` (by ``side``) or ``contested``; ``certainty`` is ``assessed``,
    ``claimed`` or ``contested``; ``claims`` are the claims of the day it rests on (the
    latest, unless that day only reports an advance by the holder) and ``date`` that day.
    """

    place_key: str
    place: str | None
    status: str
    side: str | None
    date: str
    lat: float
    lon: float
    radius_m: float
    certainty: str
    claims: tuple[Claim, ...]

    @property
    def sources(self) -> tuple[tuple[str | None, str], ...]:
        """(report label, feature id) of every source, sorted."""
        return _sources(self.claims)


@dataclass(frozen=True, slots=True)
class Shape:
    """One drawn shape: a control area, a grey zone, a line of contact or an advance.

    ``geometry`` is in lon/lat; ``sides`` are sorted (the advancing side alone for an
    arrow); ``places`` are the place keys and ``sources`` the (report label, feature id)
    pairs it rests on.
    """

    layer: str
    sides: tuple[str, ...]
    date: str
    certainty: str
    geometry: Any
    places: tuple[str, ...]
    sources: tuple[tuple[str | None, str], ...]

    @property
    def reports(self) -> tuple[str, ...]:
        """The distinct report labels behind the shape, sorted."""
        return tuple(sorted({r for r, _ in self.sources if r}))


@dataclass(frozen=True, slots=True)
class Frontline:
    """The estimated situation on one day (see :func:`estimate`)."""

    date: str
    params: FrontlineParams
    origin: tuple[float, float]
    places: tuple[PlaceState, ...]
    control: tuple[Shape, ...]
    grey_zones: tuple[Shape, ...]
    contact_lines: tuple[Shape, ...]
    advances: tuple[Shape, ...]

    @property
    def shapes(self) -> tuple[Shape, ...]:
        """Every shape, in :data:`LAYERS` order."""
        return (*self.control, *self.grey_zones, *self.contact_lines, *self.advances)

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides holding something on the day, sorted."""
        return tuple(sorted({p.side for p in self.places if p.side and p.status == "held"}))

    def place(self, key: str) -> PlaceState | None:
        """The state of the place with this key, or None when nothing stands about it."""
        return next((p for p in self.places if p.place_key == key), None)

    def control_area(self, side: str, *, stale: bool = False) -> Any:
        """The union (lon/lat) of the areas ``side`` controls, assessed or claimed: what the
        reports of the last ``memory_days`` support, where the front is now. With
        ``stale=True``, every area drawn for the side, standing states no report has
        confirmed for longer included."""
        parts = [s.geometry for s in self.control
                 if side in s.sides and (stale or s.certainty != "stale")]
        return shapely.union_all(parts) if parts else shapely.Polygon()

    def to_geojson(self) -> dict[str, Any]:
        """An RFC 7946 FeatureCollection: one Feature per shape, with properties ``layer``,
        ``sides``, ``date``, ``certainty``, ``places``, ``reports``, ``sources`` (report,
        feature id) and ``method`` (the parameters and the plane)."""
        method = {**dataclasses.asdict(self.params),
                  "projection": f"aeqd lat_0={self.origin[0]:.6f} lon_0={self.origin[1]:.6f}"}
        feats = []
        for n, s in enumerate(self.shapes, 1):
            feats.append({
                "type": "Feature", "id": f"{self.date}-{s.layer}-{n}",
                "geometry": to_geojson_geometry(s.geometry),
                "properties": {
                    "layer": s.layer, "sides": list(s.sides), "date": s.date,
                    "certainty": s.certainty, "places": list(s.places),
                    "reports": list(s.reports),
                    "sources": [{"report": r, "feature": f} for r, f in s.sources],
                    "method": method}})
        return {"type": "FeatureCollection", "features": feats}

    def dumps(self) -> str:
        """:meth:`to_geojson` as text, one feature per line, ending in a newline."""
        return dumps_collection(self.to_geojson()["features"])


# ------------------------------------------------------------------------------ the method


def estimate(claims: Sequence[Claim], *, on: _dt.date | str,
             params: FrontlineParams = FrontlineParams()) -> Frontline:
    """Estimate control, grey zones, lines of contact and advances on the day ``on``.

    Parameters
    ----------
    claims : sequence of Claim
        From :func:`geoevents.timeline.merge`, any dates.
    on : datetime.date or str
        The day (``YYYY-MM-DD``).
    params : FrontlineParams, keyword-only
        The method's parameters.

    Returns
    -------
    Frontline
        Shapes in lon/lat, each with sides, date, certainty and sources; empty when no
        claim stands on the day.
    """
    day = on if isinstance(on, _dt.date) else _dt.date.fromisoformat(on)
    claims = sorted(claims, key=_claim_order)
    origin = _origin(claims)
    proj = _projection(*origin)
    states, advancing = _states(claims, day, params)
    iso = day.isoformat()
    xy = {s.place_key: proj.forward(s.lon, s.lat) for s in states}
    states = _supersede(states, xy)
    kept = {s.place_key for s in states}
    advancing = [(s, c) for s, c in advancing if s.place_key in kept]
    discs = {s.place_key: Point(xy[s.place_key]).buffer(s.radius_m, quad_segs=params.quad_segs)
             for s in states}
    control, grey = _areas(states, discs, iso)
    lines = _contact_lines(states, xy, iso, params)
    arrows = _arrows(states, advancing, xy, iso, params)
    back = functools.partial(_to_lonlat, proj)
    return Frontline(
        date=iso, params=params, origin=origin, places=tuple(states),
        control=tuple(_polygon_out(s, proj) for s in control),
        grey_zones=tuple(_polygon_out(s, proj) for s in grey),
        contact_lines=tuple(dataclasses.replace(s, geometry=back(s.geometry)) for s in lines),
        advances=tuple(dataclasses.replace(s, geometry=back(s.geometry)) for s in arrows))


def series(claims: Sequence[Claim], *, start: _dt.date | str, end: _dt.date | str,
           step_days: int = 1, params: FrontlineParams = FrontlineParams(),
           ) -> list[Frontline]:
    """One :class:`Frontline` per ``step_days`` from ``start`` to ``end`` (both included).

    Raises
    ------
    ValueError
        When ``step_days`` < 1 or ``end`` is before ``start``.
    """
    first = start if isinstance(start, _dt.date) else _dt.date.fromisoformat(start)
    last = end if isinstance(end, _dt.date) else _dt.date.fromisoformat(end)
    if step_days < 1:
        raise ValueError("step_days must be >= 1")
    if last < first:
        raise ValueError(f"end {last} is before start {first}")
    claims = sorted(claims, key=_claim_order)
    days = range(0, (last - first).days + 1, step_days)
    return [estimate(claims, on=first + _dt.timedelta(days=n), params=params) for n in days]


def movement(frontlines: Iterable[Frontline], side: str
             ) -> list[tuple[_dt.date, float, float]]:
    """Where ``side``'s control area lies, day by day: ``(day, lon, lat)`` of its centroid.

    The centroid of :meth:`Frontline.control_area` (assessed and claimed control, grey
    zones excluded), area-weighted in the frontline's azimuthal equidistant plane and
    returned in lon/lat. Days on which the side controls nothing are left out. Over a
    :func:`series` (one plane for every day) the track says how far, and which way, the
    side's ground moves: e.g. the geodesic distance from the first point to the last.

    Parameters
    ----------
    frontlines : iterable of Frontline
        Any days, in any order; the output is in date order.
    side : str
        A side key.
    """
    out = []
    for fl in sorted(frontlines, key=lambda f: f.date):
        area = fl.control_area(side)
        if area.is_empty:
            continue
        proj = _projection(*fl.origin)

        def fwd(xy: np.ndarray, proj: _Projection = proj) -> np.ndarray:
            x, y = proj.fwd.transform(xy[:, 0], xy[:, 1])
            return np.column_stack([x, y])

        c = shapely.transform(area, fwd).centroid
        lon, lat = proj.inv.transform(c.x, c.y)
        out.append((_dt.date.fromisoformat(fl.date), round(float(lon), 6),
                    round(float(lat), 6)))
    return out


# ------------------------------------------------------------------------------- the steps


def _claim_order(c: Claim) -> tuple:
    return (c.date or "", c.place_key, c.status or "", c.side or "", c.negated,
            c.sources[0] if c.sources else ())


def _origin(claims: Sequence[Claim]) -> tuple[float, float]:
    """The centroid (mean lat, mean lon about the first claim's) of the located claims,
    rounded to 10⁻⁶° so that the plane does not depend on float summation details."""
    pts = [(c.lat, c.lon) for c in claims if c.status in CONTROL_STATUSES and not c.negated]
    if not pts:
        return (0.0, 0.0)
    lat = float(np.mean([p[0] for p in pts]))
    lon0 = pts[0][1]
    lon = lon0 + float(np.mean([((p[1] - lon0 + 180.0) % 360.0) - 180.0 for p in pts]))
    return round(lat, 6), round(((lon + 180.0) % 360.0) - 180.0, 6)


@dataclass(frozen=True)
class _Projection:
    fwd: pyproj.Transformer
    inv: pyproj.Transformer

    def forward(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self.fwd.transform(lon, lat)
        return float(x), float(y)


@functools.lru_cache(maxsize=32)
def _projection(lat0: float, lon0: float) -> _Projection:
    aeqd = pyproj.CRS.from_proj4(
        f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m +no_defs")
    return _Projection(pyproj.Transformer.from_crs("EPSG:4326", aeqd, always_xy=True),
                       pyproj.Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True))


def _to_lonlat(proj: _Projection, geom: Any) -> Any:
    def f(xy: np.ndarray) -> np.ndarray:
        if len(xy) == 0:
            return xy
        lon, lat = proj.inv.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, f)


def _support(c: Claim) -> int:
    """How many distinct reports, or distinct named claimants if more, make a claim."""
    return max(c.corroborated, c.claimants, 1)


def _corroborated(claims: Iterable[Claim], params: FrontlineParams) -> bool:
    claims = list(claims)
    reports = {s.report for c in claims for s in c.sources}
    claimants = {s.claimed_by for c in claims for s in c.sources if s.claimed_by}
    return len(reports) >= params.min_sources or len(claimants) >= params.min_sources


def _stands(c: Claim, day: _dt.date, params: FrontlineParams) -> bool:
    """Whether a claim says something about control on ``day`` (rule 1 of the module)."""
    d = c.day
    if c.negated or c.status not in CONTROL_STATUSES or d is None:
        return False
    age = (day - d).days
    if age < 0 or (params.forget_days is not None and age > params.forget_days):
        return False
    if c.status == "held":
        return bool(c.side)
    if c.status == "advancing":  # an advance with no side never changes control
        return bool(c.side) and age <= params.advance_days
    return True


class _Opponents:
    """Who fights whom near a place, from every claim given that names two sides (its
    ``side`` and ``counterpart``), whatever its date, and which sides the claims put in the
    war at all: what a ``lost`` with no named winner hands the place to."""

    def __init__(self, claims: Sequence[Claim], params: FrontlineParams) -> None:
        live = [c for c in claims if not c.negated and c.status in CONTROL_STATUSES]
        self.pairs = [c for c in live if c.side and c.counterpart and c.side != c.counterpart]
        self.in_play = sorted({s for c in live for s in (c.side, c.counterpart)
                               if s and s not in NON_COMBATANTS})
        self.reach = params.contact_m
        self.cache: dict[tuple[str, str], str | None] = {}

    def winner(self, lost: Claim) -> str | None:
        """The side most often named against the loser in the claims within ``contact_m``
        of the place, when exactly one side is named most often; else, when the claims put
        exactly two sides in play, the loser's opponent; else None."""
        if not lost.side:
            return None
        key = (lost.place_key, lost.side)
        if key not in self.cache:
            counts: dict[str, int] = {}
            for c in self.pairs:
                if lost.side not in (c.side, c.counterpart):
                    continue
                if distance_m(lost.lat, lost.lon, c.lat, c.lon) > self.reach:
                    continue
                other = c.counterpart if c.side == lost.side else c.side
                counts[other] = counts.get(other, 0) + 1
            top = max(counts.values(), default=0)
            best = sorted(s for s, n in counts.items() if n == top)
            if top and len(best) == 1:
                self.cache[key] = best[0]
            elif len(self.in_play) == 2 and lost.side in self.in_play:
                self.cache[key] = next(s for s in self.in_play if s != lost.side)
            else:
                self.cache[key] = None
        return self.cache[key]


@dataclass(frozen=True, slots=True)
class _Resolved:
    status: str
    side: str | None
    claims: tuple[Claim, ...]
    certainty: str


def _resolve(group: Sequence[Claim], prior: _Resolved | None, opponents: _Opponents,
             params: FrontlineParams) -> _Resolved:
    """The state one day's claims about a place give it (rule 2 of the module docstring),
    ``prior`` being the state the earlier days gave."""
    votes: list[tuple[str | None, float, Claim, bool]] = []  # (held side or None, weight…)
    held_today = {c.side for c in group if c.status == "held"}
    for c in group:
        w = _support(c)
        if c.status == "held":
            votes.append((c.side, params.held_weight * w, c, False))
        elif c.status == "lost":
            named = c.counterpart if c.counterpart and c.counterpart != c.side else None
            winner = named or (opponents.winner(c) if c.side else None)
            if winner and winner != c.side:
                votes.append((winner, params.held_weight * w, c, named is None))
            else:
                votes.append((None, params.contested_weight * w, c, False))
        elif c.status == "contested":
            votes.append((None, params.contested_weight * w, c, False))
        elif c.status == "advancing":
            holder = held_today or ({prior.side} if prior and prior.status == "held" else set())
            if holder != {c.side}:  # an advance by the side holding the place changes nothing
                votes.append((None, params.advancing_weight * w, c, False))
    if not votes and prior is not None:
        return prior
    sides = {v[0] for v in votes if v[0]}
    if len(sides) == 1:
        side = sides.pop()
        pro = sum(v[1] for v in votes if v[0] == side)
        con = sum(v[1] for v in votes if v[0] is None)
        if pro > con:
            direct = [v[2] for v in votes if v[0] == side and not v[3]]
            certainty = "assessed" if direct and _corroborated(direct, params) else "claimed"
            return _Resolved("held", side, tuple(group), certainty)
    return _Resolved("contested", None, tuple(group), "contested")


def _states(claims: Sequence[Claim], day: _dt.date, params: FrontlineParams
            ) -> tuple[list[PlaceState], list[tuple[PlaceState, Claim]]]:
    by_place: dict[str, dict[str, list[Claim]]] = {}
    for c in claims:  # sorted by date
        if _stands(c, day, params):
            by_place.setdefault(c.place_key, {}).setdefault(c.date or "", []).append(c)
    opponents = _Opponents(claims, params)
    states, advancing = [], []
    for key in sorted(by_place):
        days = by_place[key]
        resolved = None
        for d in sorted(days):  # each day's claims replace the earlier days' state
            resolved = _resolve(days[d], resolved, opponents, params)
        assert resolved is not None
        group = resolved.claims
        best = min(group, key=lambda c: (c.uncertainty_m, _claim_order(c)))
        certainty = resolved.certainty
        since = group[0].day
        if certainty != "contested" and since and (day - since).days > params.memory_days:
            certainty = "stale"  # a standing state no newer claim has confirmed or changed
        state = PlaceState(place_key=key, place=best.place, status=resolved.status,
                           side=resolved.side, date=group[0].date or "", lat=best.lat,
                           lon=best.lon, radius_m=max(best.uncertainty_m, params.min_radius_m),
                           certainty=certainty, claims=group)
        states.append(state)
        latest = days[max(days)]
        advancing.extend((state, c) for c in latest if c.status == "advancing")
    return states, advancing


def _supersede(states: list[PlaceState], xy: dict[str, tuple[float, float]]
               ) -> list[PlaceState]:
    """The states not overridden by a newer claim nearby: a place is dropped when a place
    claimed on a later day, in another state (another side holds it, or one is grey and the
    other held), lies within the larger of the two places' radii (each at least
    ``min_radius_m``): the town retaken on the 27th supersedes the claim of the 25th about
    one of its districts, and a village taken on the 20th the claim of the 12th about the
    area round it. A newer claim that agrees leaves the older one drawn; a place grey only
    because of an advance reported that day supersedes nothing (once the advance has passed,
    what it would have retired would reappear: an area would shrink, then grow back, with
    no news)."""
    if len(states) < 2:
        return states
    pts = [Point(xy[s.place_key]) for s in states]
    reach = max(s.radius_m for s in states)
    tree = shapely.STRtree(pts)
    left, right = tree.query(pts, predicate="dwithin", distance=reach)
    dropped: set[int] = set()
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        new, old = states[i], states[j]  # i the newer place, j the older one
        if new.date <= old.date or (new.status, new.side) == (old.status, old.side):
            continue
        if all(c.status == "advancing" for c in new.claims):
            continue  # an advance is news of its day, not a state: it retires nothing
        if pts[i].distance(pts[j]) <= max(new.radius_m, old.radius_m):
            dropped.add(j)
    return [s for n, s in enumerate(states) if n not in dropped]


def _sources(claims: Iterable[Claim]) -> tuple[tuple[str | None, str], ...]:
    return tuple(sorted({(s.report, s.feature_id) for c in claims for s in c.sources},
                        key=lambda rs: (rs[0] or "", rs[1])))


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


def _areas(states: list[PlaceState], discs: dict[str, Any], iso: str
           ) -> tuple[list[Shape], list[Shape]]:
    held: dict[str, list[PlaceState]] = {}
    for s in states:
        if s.status == "held" and s.side:
            held.setdefault(s.side, []).append(s)
    unions = {side: shapely.union_all([discs[s.place_key] for s in ss])
              for side, ss in held.items()}
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
        return [s for s in candidates if s.place_key in near
                and discs[s.place_key].intersection(part).area > 1.0]

    control: list[Shape] = []
    for side in names:
        above = shapely.Polygon()  # the side's more certain areas: each layer is what they
        for certainty in CERTAINTIES:  # leave of it, so layers never overlap
            members = [s for s in held[side] if s.certainty == certainty]
            if not members:
                continue
            mine = shapely.union_all([discs[s.place_key] for s in members])
            area = mine.difference(above).difference(grey)
            above = shapely.union(above, mine)
            for part in _parts(area):
                behind = touching(part, members)
                control.append(Shape("control", (side,), iso, certainty, part,
                                     tuple(s.place_key for s in behind),
                                     _sources(c for s in behind for c in s.claims)))
    greys = []
    for part in _parts(grey):
        behind = touching(part, states)
        greys.append(Shape("grey_zone", _sides_of(behind), iso, "contested", part,
                           tuple(s.place_key for s in behind),
                           _sources(c for s in behind for c in s.claims)))
    return control, greys


def _contact_lines(states: list[PlaceState], xy: dict[str, tuple[float, float]], iso: str,
                   params: FrontlineParams) -> list[Shape]:
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
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        a, b = gens[i], gens[j]
        if i >= j or a.side == b.side:
            continue
        shared = cells[i].intersection(cells[j])
        radius = min(params.contact_m, params.line_reach * pts[i].distance(pts[j]))
        reach = pts[i].buffer(radius, quad_segs=params.quad_segs)
        line = shapely.line_merge(_linear(shared.intersection(reach)))
        if line.is_empty or line.length < 1.0:
            continue
        if b.side < a.side:
            a, b = b, a
        certainty = max(a.certainty, b.certainty, key=CERTAINTIES.index)
        edges.setdefault(((a.side, b.side), certainty), []).append((line, a, b))
    out = []
    for (sides, certainty), group in sorted(edges.items()):
        merged = shapely.line_merge(shapely.union_all([g[0] for g in group]))
        for part in sorted(shapely.get_parts(shapely.normalize(merged)),
                           key=lambda p: p.coords[0]):
            near = part.buffer(0.5)
            behind = [s for line, a, b in group if near.contains(line) for s in (a, b)]
            keys = tuple(sorted({s.place_key for s in behind}))
            out.append(Shape("contact_line", sides, iso, certainty, part, keys,
                             _sources(c for s in behind for c in s.claims)))
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


def _arrows(states: list[PlaceState], advancing: list[tuple[PlaceState, Claim]],
            xy: dict[str, tuple[float, float]], iso: str, params: FrontlineParams
            ) -> list[Shape]:
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
        certainty = "assessed" if _corroborated([claim], params) else "claimed"
        out.append(Shape("advance", (claim.side,), iso, certainty,
                         LineString([xy[origin.place_key], (tx, ty)]),
                         (origin.place_key, target.place_key),
                         _sources([claim, *origin.claims])))
    return sorted(out, key=lambda s: (s.sides, s.places, s.certainty))


def _polygon_out(s: Shape, proj: _Projection) -> Shape:
    """A shape of the plane in lon/lat, valid: pieces that touched in the plane can cross
    after the inverse projection's rounding (a self-intersection at 10⁻⁹°); GEOS repairs
    them, keeping the polygonal pieces of at least 1 m² in the plane."""
    geom = _to_lonlat(proj, s.geometry)
    if not geom.is_valid:
        def area_m2(g: Any) -> float:
            return shapely.transform(g, lambda xy: np.column_stack(
                proj.fwd.transform(xy[:, 0], xy[:, 1]))).area

        parts = [g for g in shapely.get_parts(polygonal(shapely.make_valid(geom)))
                 if area_m2(g) >= 1.0]
        geom = shapely.union_all(parts) if parts else shapely.Polygon()
    geom = shapely.orient_polygons(shapely.normalize(geom), exterior_cw=False)
    return dataclasses.replace(s, geometry=geom)
