"""A timeline of a batch run: the claims merged from every partition's features and the
front lines day by day (docs/batch.md, A timeline of the run)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..frontline import FrontlineParams, default_span, iter_series
from ..timeline import merge, parse_day, timeline_geojson
from .formats import read_geojsonseq


def batch_timeline(outdir: str | Path, *, window_days: int = 1,
                   params: FrontlineParams | None = None) -> tuple[str, str]:
    """The timeline of a batch's output, as ``geoevents timeline`` writes it.

    Parameters
    ----------
    outdir
        The batch's OUTDIR: its ``geojsons/part-*.geojsons`` are read back, in name order.
    window_days
        Claims about one place this many days apart are one claim.
    params
        The front lines' parameters (default :class:`~geoevents.frontline.FrontlineParams`).

    Returns
    -------
    tuple of str
        The GeoJSON text (:func:`geoevents.timeline.timeline_geojson`: the claims, then each
        day's shapes, computed one day at a time) and a one-line summary.

    Raises
    ------
    geoevents.errors.InputError
        When OUTDIR has no partitions, or none of their claims is dated.
    """
    parts = sorted((Path(outdir) / "geojsons").glob("part-*.geojsons"))
    if not parts:
        raise InputError(f"{outdir}: no geojsons/part-*.geojsons (not a batch's output?)")
    features = [f for p in parts for f in read_geojsonseq(p)]
    published = {d for f in features if (d := parse_day(f.report_date)) is not None}
    claims = merge(features, window_days=window_days)
    n_features = len(features)
    del features  # the claims keep what the timeline needs
    span = default_span(claims, sorted(published))
    if span is None:
        raise InputError(f"{outdir}: no dated claims in the batch's features")
    start, end = span
    fronts = iter_series(claims, start=start, end=end,
                         params=params if params is not None else FrontlineParams())
    text = timeline_geojson(claims, fronts)
    return text, (f"{n_features} features from {len(parts)} partitions, {len(claims)} "
                  f"claims, {(end - start).days + 1} days ({start} to {end})")
