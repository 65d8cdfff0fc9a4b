"""Control areas, grey zones, lines of contact and advances on one day, from dated claims.

:func:`estimate` turns the :class:`~geoevents.timeline.Claim` s known on a day into a
:class:`Frontline`, drawn the way ISW/CTP and DeepStateMap draw theirs; :func:`series` (or
:func:`iter_series`, one at a time) gives one per day and :func:`movement` follows a side's
control area. The method, step by step, and its parameters (:class:`FrontlineParams`) are
specified in ``docs/frontlines.md``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point

from .._output import dumps_collection
from ..dates import parse_published
from ..geometry import to_geojson_geometry
from ..timeline import Claim
from ._imprecise import known_from
from ._sweep import StandingSweep
from .model import (
    CERTAINTIES,
    CONTROL_STATUSES,
    LAYERS,
    NON_COMBATANTS,
    FrontlineParams,
    PlaceState,
    Shape,
)
from .shapes import (
    Projection,
    advance_arrows,
    areas,
    contact_lines,
    polygons_out,
    projection,
    to_lonlat,
)
from .standing import claim_order, states_on, supersede

__all__ = ["CERTAINTIES", "CONTROL_STATUSES", "LAYERS", "NON_COMBATANTS", "Frontline",
           "FrontlineParams", "PlaceState", "Shape", "default_span", "estimate", "iter_series",
           "known_from", "movement", "series"]

_DEFAULT_PARAMS = FrontlineParams()


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
        feature id) and ``method`` (the parameters and the plane); ``inferred`` too, on a
        shape resting on a place held by inference alone (:attr:`Shape.inferred`)."""
        method = {**dataclasses.asdict(self.params),
                  "projection": f"aeqd lat_0={self.origin[0]:.6f} lon_0={self.origin[1]:.6f}"}
        feats = []
        for n, s in enumerate(self.shapes, 1):
            props: dict[str, Any] = {
                "layer": s.layer, "sides": list(s.sides), "date": s.date,
                "certainty": s.certainty, "places": list(s.places), "reports": list(s.reports),
                "sources": [{"report": r, "feature": f} for r, f in s.sources]}
            if s.inferred:
                props["inferred"] = list(s.inferred)
            props["method"] = method
            feats.append({"type": "Feature", "id": f"{self.date}-{s.layer}-{n}",
                          "geometry": to_geojson_geometry(s.geometry), "properties": props})
        return {"type": "FeatureCollection", "features": feats}

    def dumps(self) -> str:
        """:meth:`to_geojson` as text, one feature per line, ending in a newline."""
        return dumps_collection(self.to_geojson()["features"])


# ------------------------------------------------------------------------------ the method


def estimate(claims: Sequence[Claim], *, on: _dt.date | str,
             params: FrontlineParams = _DEFAULT_PARAMS) -> Frontline:
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
    claims = sorted(known_from(claims), key=claim_order)
    origin = _origin(claims)
    states, advancing = states_on(claims, day, params)
    return _draw(states, advancing, origin, day.isoformat(), params, {}, None)


def series(claims: Sequence[Claim], *, start: _dt.date | str, end: _dt.date | str,
           step_days: int = 1, params: FrontlineParams = _DEFAULT_PARAMS,
           ) -> list[Frontline]:
    """One :class:`Frontline` per ``step_days`` from ``start`` to ``end`` (both included):
    the list of :func:`iter_series`.

    Raises
    ------
    ValueError
        When ``step_days`` < 1 or ``end`` is before ``start``.
    """
    return list(iter_series(claims, start=start, end=end, step_days=step_days,
                            params=params))


def iter_series(claims: Sequence[Claim], *, start: _dt.date | str, end: _dt.date | str,
                step_days: int = 1, params: FrontlineParams = _DEFAULT_PARAMS,
                ) -> Iterator[Frontline]:
    """One :class:`Frontline` per ``step_days`` from ``start`` to ``end`` (both included),
    one at a time: each the same as :func:`estimate` on its day, computed incrementally
    (the claims sorted once; a day's states from the previous day's and the claims that
    enter, age or go stale on it; a day whose states are the previous day's has its
    shapes, with its own date).

    Parameters
    ----------
    claims : sequence of Claim
        From :func:`geoevents.timeline.merge`, any dates.
    start, end : datetime.date or str
        The first and last day (``YYYY-MM-DD``).
    step_days : int, keyword-only
        Days from one front to the next.
    params : FrontlineParams, keyword-only
        The method's parameters.

    Raises
    ------
    ValueError
        When ``step_days`` < 1 or ``end`` is before ``start`` (on the call, not on the
        first front).
    """
    first = start if isinstance(start, _dt.date) else _dt.date.fromisoformat(start)
    last = end if isinstance(end, _dt.date) else _dt.date.fromisoformat(end)
    if step_days < 1:
        raise ValueError("step_days must be >= 1")
    if last < first:
        raise ValueError(f"end {last} is before start {first}")
    return _sweep_days(sorted(known_from(claims), key=claim_order),
                       [first + _dt.timedelta(days=n)
                        for n in range(0, (last - first).days + 1, step_days)], params)


#: What a series keeps from one day's drawing to the next (see :func:`_draw`).
_Memos = tuple[dict[tuple[int, ...], Any], dict[bytes, dict[int, bool]], dict[tuple, Any],
               dict[tuple[int, ...], Any], dict[bytes, Any]]


def _sweep_days(claims: list[Claim], days: list[_dt.date], params: FrontlineParams
                ) -> Iterator[Frontline]:
    origin = _origin(claims)
    sweep = StandingSweep(claims, params)
    discs: dict[tuple[float, float, float], Any] = {}
    memos: _Memos = ({}, {}, {}, {}, {})
    previous: Frontline | None = None
    for day in days:
        changed, states, advancing = sweep.advance(day)
        iso = day.isoformat()
        if previous is None or changed:
            previous = _draw(states, advancing, origin, iso, params, discs, memos)
        else:
            previous = _redated(previous, iso)
        yield previous


def _draw(states: list[PlaceState], advancing: list[tuple[PlaceState, Claim]],
          origin: tuple[float, float], iso: str, params: FrontlineParams,
          discs: dict[tuple[float, float, float], Any], memos: _Memos | None) -> Frontline:
    """The front of a day from its standing states. A series keeps, from one day to the
    next, ``discs`` (the places' discs drawn so far, by point and radius) and ``memos``:
    those of :func:`~geoevents.frontline.shapes.areas` (two) and
    :func:`~geoevents.frontline.shapes.contact_lines` (two), and the previous day's areas in
    lon/lat by their WKB in the plane (a function of it)."""
    unions, overlaps, lines, merged, polygons = memos if memos is not None else (None,) * 5
    proj = projection(*origin)
    xy = {s.place_key: proj.forward(s.lon, s.lat) for s in states}
    states = supersede(states, xy)
    kept = {s.place_key for s in states}
    advancing = [(s, c) for s, c in advancing if s.place_key in kept]
    for s in states:
        key = (*xy[s.place_key], s.radius_m)
        if key not in discs:
            discs[key] = Point(key[:2]).buffer(s.radius_m, quad_segs=params.quad_segs)
    control, grey = areas(states, {s.place_key: discs[(*xy[s.place_key], s.radius_m)]
                                   for s in states}, iso, memo=unions, overlaps=overlaps)
    contact = contact_lines(states, xy, iso, params, memo=lines, merged=merged)
    arrows = advance_arrows(states, advancing, xy, iso, params)
    back = functools.partial(to_lonlat, proj)
    if polygons is None:
        control, grey = polygons_out(control, proj), polygons_out(grey, proj)
    else:
        control, grey = _polygons_out(control, grey, proj, polygons)
    return Frontline(
        date=iso, params=params, origin=origin, places=tuple(states),
        control=tuple(control), grey_zones=tuple(grey),
        contact_lines=tuple(dataclasses.replace(s, geometry=back(s.geometry)) for s in contact),
        advances=tuple(dataclasses.replace(s, geometry=back(s.geometry)) for s in arrows))


def _polygons_out(control: list[Shape], grey: list[Shape], proj: Projection,
                  polygons: dict[bytes, Any]) -> tuple[list[Shape], list[Shape]]:
    """:func:`~geoevents.frontline.shapes.polygons_out` of the areas, the geometries found
    in ``polygons`` taken from it; ``polygons`` then holds this day's."""
    keys = shapely.to_wkb(np.array([s.geometry for s in (*control, *grey)], dtype=object)
                          ).tolist()
    missing = [k for k, key in enumerate(keys) if key not in polygons]
    drawn = polygons_out([(*control, *grey)[k] for k in missing], proj)
    used = {key: polygons.get(key) for key in keys}
    used.update((keys[k], s.geometry) for k, s in zip(missing, drawn, strict=True))
    done = [dataclasses.replace(s, geometry=used[key])
            for s, key in zip((*control, *grey), keys, strict=True)]
    polygons.clear()
    polygons.update(used)
    return done[:len(control)], done[len(control):]


def _redated(fl: Frontline, iso: str) -> Frontline:
    """``fl`` on another day with the same standing states: its shapes with that date."""
    def moved(shapes: tuple[Shape, ...]) -> tuple[Shape, ...]:
        return tuple(dataclasses.replace(s, date=iso) for s in shapes)

    return dataclasses.replace(fl, date=iso, control=moved(fl.control),
                               grey_zones=moved(fl.grey_zones),
                               contact_lines=moved(fl.contact_lines),
                               advances=moved(fl.advances))


def default_span(claims: Sequence[Claim], published: Iterable[_dt.date], *,
                 start: _dt.date | None = None, end: _dt.date | None = None,
                 ) -> tuple[_dt.date, _dt.date] | None:
    """The days a timeline of ``claims`` covers unless told.

    From ``start``, else the first claim about control dated to the day or the week (a
    month-precise "seized in May 2015" is background, not the period mapped; failing
    those, the first claim about control, then the first dated claim); to ``end``, else the
    last such claim or the last day in ``published`` (the reports' publication days) on or
    after the start, whichever is later (a claim merged with an earlier one takes its date).

    Parameters
    ----------
    claims : sequence of Claim
        From :func:`geoevents.timeline.merge`.
    published : iterable of datetime.date
        The days the reports were published.
    start, end : datetime.date or None, keyword-only
        The days asked for, if any.

    Returns
    -------
    tuple of datetime.date or None
        (first day, last day) — the last may be before the first when ``end`` is; None when
        no claim is dated and ``start`` or ``end`` is missing.
    """
    control = [c for c in claims if c.date and c.status in CONTROL_STATUSES and not c.negated]
    days = sorted(c.date for c in control if (c.date_precision or 3) <= 2) \
        or sorted(c.date for c in control) or sorted(c.date for c in claims if c.date)
    if not days and not (start and end):
        return None
    start = start or parse_published(days[0])
    end = end or max([parse_published(days[-1]), *[d for d in published if d >= start]])
    return start, end


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
        proj = projection(*fl.origin)

        def fwd(xy: np.ndarray, proj: Projection = proj) -> np.ndarray:
            x, y = proj.fwd.transform(xy[:, 0], xy[:, 1])
            return np.column_stack([x, y])

        c = shapely.transform(area, fwd).centroid
        lon, lat = proj.inv.transform(c.x, c.y)
        out.append((_dt.date.fromisoformat(fl.date), round(float(lon), 6),
                    round(float(lat), 6)))
    return out


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

