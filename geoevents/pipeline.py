"""The whole pipeline as one call: read → extract → resolve → geometry → dates → events."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from .dates import date_features, parse_published
from .errors import InputError
from .events import SideTable, annotate
from .extract import extract
from .gazetteer import Gazetteer
from .geometry import build_features
from .model import Extraction, Feature, Place, Report, Theatre
from .resolve import resolve


def locate(report: Report | str, gaz: Gazetteer, *, theatre: Theatre | None = None,
           sides: SideTable | None = None) -> list[Feature]:
    """Locate every place mention and spatial expression of a report, and say what happened
    there and when.

    Parameters
    ----------
    report : Report or str
        The report (or its text).
    gaz : Gazetteer
        An open gazetteer (:meth:`Gazetteer.open`).
    theatre : Theatre, optional
        Where the report is known to be from (countries, a bounding box): a bias for
        resolution (:func:`geoevents.resolve.resolve`).
    sides : SideTable, optional
        Who is on which side (:func:`geoevents.events.load_sides`); the packaged table by
        default.

    Returns
    -------
    list of Feature
        One feature per located mention, in text order, with its event, actors, control
        status and claimant (:func:`geoevents.events.annotate`) and its date, resolved against
        the report's publication date (:func:`geoevents.dates.date_features`).
    """
    return analyse(report, gaz, theatre=theatre, sides=sides)[1]


def analyse(report: Report | str, gaz: Gazetteer, *, theatre: Theatre | None = None,
            sides: SideTable | None = None) -> tuple[Extraction, list[Feature]]:
    """Like :func:`locate`, also returning the extraction (mentions and expressions)."""
    text = report.text if isinstance(report, Report) else report
    ex = extract(text, gaz)
    resolve(ex, theatre=theatre)
    located = replace(ex, mentions=[m for m in ex.mentions if not m.modifier])
    features = build_features(text, located, gaz)
    if isinstance(report, Report):
        for f in features:
            f.report, f.report_title = report.label, report.title
            f.report_date, f.report_url = report.date, report.url
    published = None
    if isinstance(report, Report) and report.date:
        with contextlib.suppress(InputError):  # a date the reader could not normalise
            published = parse_published(report.date)
    features = date_features(text, features, published=published)
    return ex, annotate(text, features, sides=sides, theatre=theatre)


def resolve_spans(text: str, spans: list[tuple[int, int]], gaz: Gazetteer, *,
                  theatre: Theatre | None = None) -> list[Place | None]:
    """Resolve given toponym spans (gold spans, in an evaluation) to gazetteer places.

    The report's own cues (demonyms, countries named) and the other spans are the context,
    exactly as in :func:`locate`; recognition is skipped.

    Parameters
    ----------
    text : str
        The document.
    spans : list of (start, end)
        Character offsets of the toponyms.
    gaz : Gazetteer
    theatre : Theatre, optional
        As for :func:`locate`.

    Returns
    -------
    list of Place or None
        One entry per span, ``None`` where nothing fits.
    """
    from ._normalize import name_key
    from .model import Mention

    ex = extract(text, gaz)
    keys = [name_key(text[s:e]) for s, e in spans]
    found = gaz.lookup_many(keys)
    for k, (s, e) in zip(keys, spans, strict=True):
        iso = gaz.demonym(text[s:e])
        country = gaz.country(iso) if iso else None
        if country is not None:
            found[k] = [country]  # a demonym given as a toponym ("Russian") stands for its country
    missing = [k for k in keys if not found.get(k)]
    found.update({k: v for k, v in gaz.lookup_loose(missing).items() if v})
    mentions = [Mention(text=text[s:e], start=s, end=e, role="toponym", name=text[s:e],
                        candidates=tuple(found.get(k, ()))) for (s, e), k in zip(spans, keys,
                                                                                   strict=True)]
    # the report's other names are context too ("Sana, Yemen" with only "Sana" given)
    context = [m for m in ex.mentions if m.role == "reference" or (
        m.role == "toponym" and not any(m.start < e and s < m.end for s, e in spans))]
    ex.mentions = sorted(mentions + context, key=lambda m: m.start)
    ex.expressions = []
    resolve(ex, theatre=theatre)
    return [m.place for m in mentions]
