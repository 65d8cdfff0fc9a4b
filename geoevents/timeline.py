"""Claims over time: located features merged into one claim per place, status, side and date.

A :class:`~geoevents.model.Feature` is one mention in one report. Several reports (or
several sentences of one) often say the same thing: "the army holds Palmyra" on the 27th in
three dispatches is one claim with three sources. :func:`merge` groups such features into
:class:`Claim` value objects that keep every source, so that what is corroborated can be
told from what one outlet says (:attr:`Claim.corroborated`, :attr:`Claim.claimants`).
:mod:`geoevents.frontline` draws control areas and lines of contact from the claims.

Which features are the same claim
---------------------------------
Two features are merged when all of these hold:

* **same place**: the same gazetteer id when the feature *is* a gazetteer place
  (``relation == "place"``: a town, a village, an area), or — for places the text derives
  from another (``"the Al-Tar hilltop west of Palmyra"``, ``"5 km north of X"``), whose
  ``place_id`` is only their anchor's — points no farther apart than the larger of the two
  uncertainty radii. A feature with an id never merges with one without;
* the same ``status`` and ``side`` and the same ``negated`` flag (see below);
* dates at most ``window_days`` apart. Dates are compared by their first day
  (``Feature.date``, else the report's date, else undated; undated features only merge
  with undated ones). Features are taken in date order and each joins the first open
  claim whose *first* date is within the window, so a chain of daily reports does not
  grow one claim indefinitely: with ``window_days=1``, reports of the 9th, 10th and 11th
  make two claims (9th–10th, 11th).

Negated features ("the ministry denied that the town had fallen") are kept as claims of
their own (``negated=True``): their status is what is denied, not what holds, and
:mod:`geoevents.frontline` does not apply it.

Everything here is a pure function of its input; the output order does not depend on the
input order.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import shapely

from ._geodesy import distance_m
from ._output import dumps_collection
from .model import Feature

__all__ = ["Claim", "Source", "by_date", "feature_date", "merge", "order", "parse_day",
           "place_key"]

#: Decimal places of the rounded point that names a text-derived place (≈ 11 m).
KEY_DECIMALS = 4


class Source(NamedTuple):
    """One feature merged into a claim: where it comes from and what it says."""

    report: str | None
    feature_id: str
    report_title: str | None
    report_date: str | None
    report_url: str | None
    claimed_by: str | None
    quote: str


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim about one place at one time, with every source behind it.

    Parameters
    ----------
    place_key : str
        The gazetteer id of the place (``geonames:163808``), or ``pt:LAT,LON`` (the rounded
        point, :data:`KEY_DECIMALS` decimals) for a place the text derives from another.
    place : str or None
        Its name as the best source gives it (the gazetteer name, or the name the text
        gives, else the mention).
    status, side : str or None
        ``held``/``contested``/``advancing``/``lost``/``unknown`` and whom it concerns.
    counterpart : str or None
        The other side the sources name (the feature's ``side1``/``side2`` that is not
        ``side``), most often named first; what ``lost`` hands the place to.
    date : str or None
        ``YYYY-MM-DD``: the date of the most precise merged feature (lowest
        ``date_precision``, then earliest).
    date_precision : int or None
        ACLED's time precision of ``date`` (1 day, 2 week, 3 month).
    lat, lon, uncertainty_m, geometry
        The point, radius and shape (lon/lat) of the most precise merged feature (smallest
        uncertainty, then smallest id).
    event_type : str or None
        The most frequent event type of the sources (ties: alphabetical).
    negated : bool
        The sources deny the status rather than assert it.
    sources : tuple of Source
        Every merged feature, ordered by (report, feature id).
    """

    place_key: str
    place: str | None
    status: str | None
    side: str | None
    counterpart: str | None
    date: str | None
    date_precision: int | None
    lat: float
    lon: float
    uncertainty_m: float
    geometry: Any
    event_type: str | None
    negated: bool
    sources: tuple[Source, ...]

    @property
    def corroborated(self) -> int:
        """How many distinct reports make this claim."""
        return len({s.report for s in self.sources})

    @property
    def claimants(self) -> int:
        """How many distinct attributed claimants (``claimed_by``) make it (0 when none is
        named)."""
        return len({s.claimed_by for s in self.sources if s.claimed_by})

    @property
    def day(self) -> _dt.date | None:
        """:attr:`date` as a :class:`datetime.date` (``None`` when undated)."""
        return parse_day(self.date)

    def is_corroborated(self, *, min_sources: int = 2) -> bool:
        """Whether at least ``min_sources`` reports, or as many claimants, make the claim."""
        return self.corroborated >= min_sources or self.claimants >= min_sources


@functools.lru_cache(maxsize=1 << 16)
def parse_day(value: str | None) -> _dt.date | None:
    """The day of a ``YYYY-MM-DD`` date (any time after it ignored); ``None`` when there is
    none or it is not one (cached: a series asks the same claims' days every day)."""
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def feature_date(f: Feature) -> _dt.date | None:
    """The day a feature's claim is about: its ``date``, else its report's date, else None.

    A state said to last "since" a date ("which IS has held since May last year") is a claim
    about the day of the report (it still holds then), not about the day it began.
    """
    ongoing = (f.date_text or "").lower().startswith(("since ", "from "))
    if ongoing and f.report_date:
        return parse_day(f.report_date) or parse_day(f.date)
    return parse_day(f.date) or parse_day(f.report_date)


def own_place_id(f: Feature) -> str | None:
    """The gazetteer id of the place the feature *is* (None for derived places: a derived
    feature's ``place_id`` is its anchor's)."""
    return f.place_id if f.relation == "place" and f.place_id else None


def place_key(f: Feature) -> str:
    """A feature's place key: its own gazetteer id, else its rounded point."""
    pid = own_place_id(f)
    if pid:
        return pid
    return f"pt:{f.lat:.{KEY_DECIMALS}f},{f.lon:.{KEY_DECIMALS}f}"


def _sort_key(f: Feature) -> tuple:
    d = feature_date(f)
    return (d.toordinal() if d else -1, place_key(f), f.status or "", f.side or "",
            f.negated, f.report or "", f.id)


def order(features: Iterable[Feature]) -> list[Feature]:
    """Features in a deterministic order: by date (undated first), place key, status, side,
    negation, report and id."""
    return sorted(features, key=_sort_key)


def merge(features: Iterable[Feature], *, window_days: int = 1) -> list[Claim]:
    """Merge features that make the same claim (see the module docstring).

    Parameters
    ----------
    features : iterable of Feature
        Located features, with ``status``/``side``/``date`` where known.
    window_days : int, keyword-only
        The largest gap, in days, between the first date of a claim and a feature that
        joins it (0: the same day only).

    Returns
    -------
    list of Claim
        Ordered by (date, place key, status, side, negated, first source); undated claims
        first.

    Raises
    ------
    ValueError
        When ``window_days`` is negative.
    """
    if window_days < 0:
        raise ValueError(f"window_days must be >= 0, not {window_days}")
    open_: dict[tuple, list[list[Feature]]] = {}
    done: list[list[Feature]] = []
    for f in order(features):  # by date: a cluster's first feature is its earliest
        pid = own_place_id(f)
        d = feature_date(f)
        clusters = open_.setdefault((pid, f.status, f.side, f.negated), [])
        if d is not None:  # clusters whose first date is out of reach are closed for good
            keep = [c for c in clusters if _reach(c[0], d, window_days)]
            done.extend(c for c in clusters if not _reach(c[0], d, window_days))
            clusters[:] = keep
        for cluster in clusters:
            first = cluster[0]
            if not _same_time(feature_date(first), d, window_days):
                continue
            if pid is None and not _within(first, f, max(first.uncertainty_m,
                                                         f.uncertainty_m)):
                continue
            cluster.append(f)
            break
        else:
            clusters.append([f])
    done.extend(c for clusters in open_.values() for c in clusters)
    return sorted((_claim(c) for c in done), key=_claim_key)


def _within(a: Feature, b: Feature, limit_m: float) -> bool:
    """Whether the geodesic distance between two features' points is at most ``limit_m``:
    the haversine distance (within 0.6 % of the geodesic one) settles clear cases, the
    geodesic (geographiclib) the rest."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(b.lon - a.lon) / 2) ** 2
    rough = 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(h)))
    if rough > limit_m * 1.01 + 1.0:
        return False
    if rough < limit_m * 0.99 - 1.0:
        return True
    return distance_m(a.lat, a.lon, b.lat, b.lon) <= limit_m


def _reach(first: Feature, d: _dt.date, window: int) -> bool:
    fd = feature_date(first)
    return fd is None or (d - fd).days <= window


def _same_time(a: _dt.date | None, b: _dt.date | None, window: int) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((b - a).days) <= window


def _claim(cluster: Sequence[Feature]) -> Claim:
    best = min(cluster, key=lambda f: (f.uncertainty_m, f.id))
    dated = [f for f in cluster if feature_date(f) is not None]
    when = min(dated, key=lambda f: (f.date_precision or 9, feature_date(f), f.id),
               default=None)
    sources = tuple(sorted({Source(f.report, f.id, f.report_title, f.report_date,
                                   f.report_url, f.claimed_by, f.quote) for f in cluster},
                           key=lambda s: (s.report or "", s.feature_id, s.quote)))
    first = cluster[0]
    return Claim(
        place_key=place_key(best),
        place=best.place if own_place_id(best) else (best.name or best.text or best.place),
        status=first.status, side=first.side,
        counterpart=_most_common(_other_side(f) for f in cluster),
        date=(feature_date(when).isoformat() if when else None),
        date_precision=(when.date_precision if when else None),
        lat=best.lat, lon=best.lon, uncertainty_m=best.uncertainty_m,
        geometry=best.geometry if best.geometry is not None else shapely.Point(best.lon,
                                                                                best.lat),
        event_type=_most_common(f.event_type for f in cluster),
        negated=first.negated, sources=sources)


def _other_side(f: Feature) -> str | None:
    if f.side and f.side1 == f.side:
        return f.side2
    if f.side and f.side2 == f.side:
        return f.side1
    return None


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _claim_key(c: Claim) -> tuple:
    return (c.date or "", c.place_key, c.status or "", c.side or "", c.negated,
            c.sources[0].report or "", c.sources[0].feature_id)


def by_date(claims: Iterable[Claim]) -> dict[str | None, list[Claim]]:
    """Claims grouped by date, in date order (undated, ``None``, first); each list in
    :func:`merge` order."""
    out: dict[str | None, list[Claim]] = {}
    for c in sorted(claims, key=_claim_key):
        out.setdefault(c.date, []).append(c)
    return out


def claim_feature(c: Claim) -> dict[str, Any]:
    """A claim as a GeoJSON Point Feature (``layer`` ``claim``) with every source in full."""
    return {
        "type": "Feature",
        "id": f"claim:{c.date or 'undated'}:{c.place_key}:{c.status or ''}:{c.side or ''}"
              + (":negated" if c.negated else ""),
        "geometry": {"type": "Point", "coordinates": [round(c.lon, 6), round(c.lat, 6)]},
        "properties": {
            "layer": "claim", "place_key": c.place_key, "place": c.place,
            "status": c.status, "side": c.side, "counterpart": c.counterpart,
            "date": c.date, "date_precision": c.date_precision,
            "uncertainty_m": round(c.uncertainty_m, 1), "event_type": c.event_type,
            "negated": c.negated, "corroborated": c.corroborated, "claimants": c.claimants,
            "sources": [{"report": s.report, "feature": s.feature_id,
                         "report_title": s.report_title, "report_date": s.report_date,
                         "report_url": s.report_url, "claimed_by": s.claimed_by,
                         "quote": s.quote} for s in c.sources],
        },
    }


def timeline_geojson(claims: Sequence[Claim], frontlines: Iterable[Any]) -> str:
    """The claims (``layer`` ``claim``) and each day's front-line shapes
    (:meth:`geoevents.frontline.Frontline.to_geojson`) as one FeatureCollection, one feature
    per line, deterministic. The fronts are taken one at a time (from
    :func:`geoevents.frontline.iter_series`, only one is held at once)."""
    feats = [claim_feature(c) for c in sorted(claims, key=_claim_key)]
    for fl in frontlines:
        feats.extend(fl.to_geojson()["features"])
    return dumps_collection(feats)
