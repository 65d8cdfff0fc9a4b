"""A claim dated only to a month or vaguer stands from the day it is known to be true: the
month's last day, or the day of its first report if that is sooner (docs/frontlines.md,
step 1)."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as _dt
from collections.abc import Iterable

from ..timeline import Claim, parse_day

#: ``date_precision`` from which a date is a month or vaguer (1 the day, 2 the week)
MONTH_PRECISION = 3


def known_from(claims: Iterable[Claim]) -> list[Claim]:
    """The claims, each dated only to a month or vaguer ("taken in mid-September" of a
    report of 11 October, dated 1 September) redated to the day it is known: the last day
    of its month, or its earliest report's day (when on or after its date) if sooner.

    Parameters
    ----------
    claims : iterable of Claim

    Returns
    -------
    list of Claim
        The same claims (the same objects when not redated), in the same order.
    """
    out = []
    for c in claims:
        d = c.day
        if d is not None and (c.date_precision or 0) >= MONTH_PRECISION:
            last = d.replace(day=calendar.monthrange(d.year, d.month)[1])
            seen = [r for s in c.sources if (r := parse_day(s.report_date)) and r >= d]
            known = min([last, *seen])
            if known != d:
                c = dataclasses.replace(c, date=_iso(known, c.date))
        out.append(c)
    return out


def _iso(day: _dt.date, was: str | None) -> str:
    """``day`` written as the claim's date was (a day, or a day and a time)."""
    return day.isoformat() + ((was or "")[10:] if was and len(was) > 10 else "")
