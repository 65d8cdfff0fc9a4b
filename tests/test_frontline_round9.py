"""The front line's policy, round nine (issue 14): a claim dated only to a month stands from
the day it is known. Claims invented for these tests."""

from __future__ import annotations

from dataclasses import replace

from _helpers import place_claim

from geoevents.frontline import estimate, series
from geoevents.timeline import Claim, Source

GOV, REBELS = "ss-government", "splm-io"


def _claim(status: str, side: str, date: str, *, precision: int = 1,
           reported: str | None = None) -> Claim:
    c = place_claim(status, side, date, lat=9.23, lon=29.8)
    if reported is None:
        return replace(c, date_precision=precision)
    src = Source("r", f"p-{reported}", None, reported, None, None, "p quote")
    return replace(c, date_precision=precision, sources=(src,))


def test_a_month_dated_taking_stands_from_the_months_end():
    # "the rebels held X" on 3 May; a report of 20 June: "X, taken by the army in May" —
    # dated 1 May (the month), known only by the end of May
    held = _claim("held", REBELS, "2024-05-03")
    taken = _claim("held", GOV, "2024-05-01", precision=3, reported="2024-06-20")
    assert estimate([held, taken], on="2024-05-10").place("p").side == REBELS
    assert estimate([held, taken], on="2024-06-01").place("p").side == GOV


def test_a_month_dated_claim_of_the_reports_own_month_stands_from_the_report():
    taken = _claim("held", GOV, "2024-05-01", precision=3, reported="2024-05-12")
    fronts = {f.date: f for f in series([taken], start="2024-05-01", end="2024-05-31")}
    assert fronts["2024-05-11"].place("p") is None
    assert fronts["2024-05-12"].place("p").side == GOV


def test_a_day_dated_claim_is_not_moved():
    taken = _claim("held", GOV, "2024-05-01", reported="2024-06-20")
    assert estimate([taken], on="2024-05-01").place("p").side == GOV
