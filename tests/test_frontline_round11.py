"""The front line's policy, round eleven (issue 14): an alliance of the sides table may have
years; two allies' holds of one place on one day are one camp only in a year of their
alliance (docs/frontlines.md, "Allies hold together"). Claims invented for these tests."""

from __future__ import annotations

import pytest
from _helpers import coast_claim, coast_elsewhere

from geoevents.frontline import estimate
from geoevents.frontline._allies import one_camp


def _day(on: str):
    import datetime as dt

    return dt.date.fromisoformat(on)


@pytest.mark.parametrize(("a", "b", "on", "expected"), [
    ("fr-government", "ml-government", "2013-02-01", True),  # Operation Serval
    ("fr-government", "ml-government", "2023-02-01", False),  # after the withdrawal of 2022
    ("us-coalition", "iq-government", "2003-04-01", False),  # the invasion: enemies
    ("us-coalition", "iq-government", "2016-10-01", True),  # against the Islamic State
    ("et-government", "so-government", "2007-01-01", True),
    ("et-government", "so-government", "2005-01-01", False),
    ("krg", "iq-government", "2003-04-01", True),  # an alliance written with no years
])
def test_alliances_have_years(a, b, on, expected):
    assert one_camp({a, b}, day=_day(on)) is expected


def test_an_undated_camp_is_an_alliance_that_reaches_the_present():
    assert one_camp({"us-coalition", "iq-government"})
    assert not one_camp({"fr-government", "ml-government"})


@pytest.mark.parametrize(("on", "status"), [("2013-02-01", "held"), ("2023-02-01", "contested")])
def test_two_holds_on_a_day_are_one_camp_only_in_the_alliance_years(on, status):
    # "French troops hold P" and "Malian troops hold P" on one day: one camp while France
    # fought with Mali's army, two holders (grey) after
    year = on[:4]
    claims = [coast_elsewhere("ml-government", date=f"{year}-01-20"),
              coast_elsewhere("jnim", date=f"{year}-01-20", key="r"),
              coast_claim("held", "fr-government", on, report="a"),
              coast_claim("held", "ml-government", on, report="b")]
    assert estimate(claims, on=on).place("p").status == status
