"""Periods of the sides table: the years a country's default group, or an alliance, holds
(``SO=al-shabaab@2007-``, ``ml-government@2013-2022``); the report's year chooses
(docs/events.md, "Round eleven: periods")."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: a period written after a side or a ``CC=side|side`` pair: ``@2006-2009``, ``@2013-``
PERIOD = r"(?:@\d{4}-(?:\d{4})?)?"
_PERIOD_RE = re.compile(r"@(\d{4})-(\d{4})?$")

Period = tuple[int, int | None] | None


def split_period(token: str) -> tuple[str, Period]:
    """``token`` without its ``@YYYY-[YYYY]`` suffix, and the period (None without one)."""
    m = _PERIOD_RE.search(token)
    if m is None:
        return token, None
    return token[:m.start()], (int(m.group(1)), int(m.group(2)) if m.group(2) else None)


def within(period: Period, year: int | None) -> bool:
    """Whether a row written with ``period`` holds in ``year``: always without a period; in
    an undated report, only a period that reaches the present (``@2013-``)."""
    if period is None:
        return True
    if year is None:
        return period[1] is None
    return period[0] <= year and (period[1] is None or year <= period[1])


def chosen_pairs(tokens: Iterable[str], year: int | None) -> dict[str, tuple[str, ...]]:
    """The ``CC=side|side…[@period]`` pairs of an ``@context`` side, by country: for each
    country the first pair whose period holds in ``year``."""
    out: dict[str, tuple[str, ...]] = {}
    for token in tokens:
        cc, _, rest = token.partition("=")
        sides, period = split_period(rest)
        if cc not in out and within(period, year):
            out[cc] = tuple(sides.split("|"))
    return out


def report_year(published: Iterable[str | None], dated: Iterable[str | None]) -> int | None:
    """The year of a report: the commonest year of its features' publication dates, else of
    their event dates (ISO ``YYYY-MM-DD``; the later year on a tie); None when none is known."""
    for pool in (published, dated):
        years = [int(d[:4]) for d in pool if d and d[:4].isdigit()]
        if years:
            return max(set(years), key=lambda y: (years.count(y), y))
    return None
