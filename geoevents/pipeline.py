"""The whole pipeline as one call: read → extract → resolve → geometry."""

from __future__ import annotations

from .extract import Extraction, extract
from .gazetteer import Gazetteer
from .geometry import build_features
from .model import Feature, Report
from .resolve import resolve


def locate(report: Report | str, gaz: Gazetteer) -> list[Feature]:
    """Locate every place mention and spatial expression of a report.

    Parameters
    ----------
    report : Report or str
        The report (or its text).
    gaz : Gazetteer
        An open gazetteer (:meth:`Gazetteer.open`).

    Returns
    -------
    list of Feature
        One feature per located mention, in text order.
    """
    return analyse(report, gaz)[1]


def analyse(report: Report | str, gaz: Gazetteer) -> tuple[Extraction, list[Feature]]:
    """Like :func:`locate`, also returning the extraction (mentions and expressions)."""
    text = report.text if isinstance(report, Report) else report
    ex = extract(text, gaz)
    resolve(ex)
    return ex, build_features(text, ex, gaz)
