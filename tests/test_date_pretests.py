"""The pretests that spare a text a date rule (``dates._FOLDED_NEEDS``) never spare a text
the rule matches: a rule changed without its pretest fails here."""

from __future__ import annotations

import pytest

from geoevents import dates
from geoevents.text import folded_lower

#: Texts each pretested rule matches, in several cases and with the letters that
#: ``re.IGNORECASE`` folds oddly (long s, dotless i, Kelvin sign).
EXAMPLES = [
    "It happened last January.", "LAST JANUARY it fell", "this past March", "this coming May",
    "next June", "la\u017ft January", "in the 1990s", "The 1980's", "THE 2010s",
    "in the past three days", "over the last two weeks", "the previous few months",
    "PAST 24 HOURS", "the last several years", "la\u017ft 3 days", "a five-day truce",
    "a 10-month siege", "a Two-Week-Long campaign", "a three-\u212aEEK-old baby",
    "a week-long siege", "a months\u2011long blockade", "YEAR-LONG", "two days of fighting",
    "several months into the war", "A Few Weeks Into the siege", "ten hours of shelling",
    "a couple of nights into", "\u0131n the past s\u0131x days",
    "on 5 March 2016", "the 3rd of Jan. 2015", "15 Sept, 1999", "Monday, 1st\nMay\n2000",
    "on 5 March", "the 21st of October", "12 Dec. fighting", "the day before the truce",
    "THE PREVIOUS NIGHT", "that \u017fame day", "two weeks later", "the following morning",
    "An day earlier", "that night", "the day after", "The  Same Night",
]


@pytest.mark.parametrize("order", sorted(dates._FOLDED_NEEDS_AT))
def test_a_pretest_passes_every_text_its_rule_matches(order: int) -> None:
    rule, need = dates.RULES[order], dates._FOLDED_NEEDS_AT[order]
    matched = [t for t in EXAMPLES if next(dates._matches(rule, t), None) is not None]
    assert matched, f"no example for rule {order} ({rule.kind})"
    for text in matched:
        folded = folded_lower(text)
        assert dates._passes(need, folded), (order, text)


def test_dates_found_with_and_without_pretests_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*EXAMPLES, "No date here.", "A day-long march of the 5th"]
    found = [[(c.start, c.end, c.order) for c in dates._candidates(t)] for t in texts]
    monkeypatch.setattr(dates, "_FOLDED_NEEDS_AT", {})
    assert [[(c.start, c.end, c.order) for c in dates._candidates(t)] for t in texts] == found
