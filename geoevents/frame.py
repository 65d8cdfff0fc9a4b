"""Located features as a GeoDataFrame, for notebooks (needs geopandas)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .gazetteer import Gazetteer
from .model import Feature, Report, Theatre

__all__ = ["features_frame", "locate_frame"]


def features_frame(features: Sequence[Feature]) -> Any:
    """A GeoDataFrame of features: one row each, the GeoJSON properties as columns (in
    contract order), their shapes as the geometry (lon/lat, OGC:CRS84)."""
    import geopandas as gpd

    from .batch.formats import PROPERTY_TYPES

    rows = [f.properties() for f in features]
    columns = {k: [r[k] for r in rows] for k in PROPERTY_TYPES}
    return gpd.GeoDataFrame(columns, geometry=[f.geometry for f in features], crs="OGC:CRS84")


def locate_frame(reports: Iterable[Report | str], gaz: Gazetteer | None = None, *,
                 theatre: Theatre | None = None) -> Any:
    """Locate every report and return the features of all of them as one GeoDataFrame.

    Parameters
    ----------
    reports
        Reports (:func:`geoevents.read.read_reports`) or texts.
    gaz
        An open gazetteer; the default one (:meth:`Gazetteer.open`) when omitted.
    theatre
        As for :func:`geoevents.pipeline.locate`.

    Returns
    -------
    geopandas.GeoDataFrame
        As :func:`features_frame`; ids are ``report:id`` as in the CLI's combined outputs.
    """
    from .pipeline import locate
    from .site import combine

    gaz = gaz or Gazetteer.open()
    located = []
    for n, r in enumerate(reports, 1):
        report = r if isinstance(r, Report) else Report(text=r, id=f"report-{n}")
        located.append((report, locate(report, gaz, theatre=theatre)))
    return features_frame(combine(located, prefix=True))
