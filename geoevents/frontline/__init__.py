"""Control areas, grey zones, lines of contact and advances on one day, from dated claims.

:func:`estimate` turns the :class:`~geoevents.timeline.Claim` s known on a day into a
:class:`Frontline`, drawn the way ISW/CTP and DeepStateMap draw theirs; :func:`series` gives
one per day and :func:`movement` follows a side's control area. The method, step by step,
and its parameters (:class:`FrontlineParams`) are specified in ``docs/frontlines.md``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point

from .._output import dumps_collection
from ..geometry import to_geojson_geometry
from ..timeline import Claim
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
    polygon_out,
    projection,
    to_lonlat,
)
from .standing import claim_order, states_on, supersede

__all__ = ["CERTAINTIES", "CONTROL_STATUSES", "LAYERS", "NON_COMBATANTS", "Frontline",
           "FrontlineParams", "PlaceState", "Shape", "estimate", "movement", "series"]

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
    claims = sorted(claims, key=claim_order)
    origin = _origin(claims)
    proj = projection(*origin)
    states, advancing = states_on(claims, day, params)
    iso = day.isoformat()
    xy = {s.place_key: proj.forward(s.lon, s.lat) for s in states}
    states = supersede(states, xy)
    kept = {s.place_key for s in states}
    advancing = [(s, c) for s, c in advancing if s.place_key in kept]
    discs = {s.place_key: Point(xy[s.place_key]).buffer(s.radius_m, quad_segs=params.quad_segs)
             for s in states}
    control, grey = areas(states, discs, iso)
    lines = contact_lines(states, xy, iso, params)
    arrows = advance_arrows(states, advancing, xy, iso, params)
    back = functools.partial(to_lonlat, proj)
    return Frontline(
        date=iso, params=params, origin=origin, places=tuple(states),
        control=tuple(polygon_out(s, proj) for s in control),
        grey_zones=tuple(polygon_out(s, proj) for s in grey),
        contact_lines=tuple(dataclasses.replace(s, geometry=back(s.geometry)) for s in lines),
        advances=tuple(dataclasses.replace(s, geometry=back(s.geometry)) for s in arrows))


def series(claims: Sequence[Claim], *, start: _dt.date | str, end: _dt.date | str,
           step_days: int = 1, params: FrontlineParams = _DEFAULT_PARAMS,
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
    claims = sorted(claims, key=claim_order)
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

