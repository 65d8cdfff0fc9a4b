"""Time expressions resolved against the publication date, and dates of features."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from geoevents.dates import DateMention, date_features, find_dates, parse_published
from geoevents.errors import InputError
from geoevents.pipeline import locate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
D = date
THU = D(2016, 3, 24)  # the Palmyra report: a Thursday
MON = D(2016, 3, 28)  # a Monday
SUN = D(2016, 3, 27)  # a Sunday
NEW_YEAR = D(2016, 1, 2)  # a Saturday, the year just turned
LEAP = D(2016, 3, 1)  # a Tuesday, the day after 29 February
AFTER_LEAP = D(2017, 3, 1)


def only(text: str, published: date | None) -> DateMention:
    """The one time expression of ``text``."""
    found = find_dates(text, published=published)
    assert len(found) == 1, found
    return found[0]


# (sentence, published, expected text, date, end date, precision, relation)
CASES = [
    # weekdays: the most recent such day on or before publication, the day itself included
    ("Troops advanced on Wednesday.", THU, "on Wednesday", D(2016, 3, 23), D(2016, 3, 23), 1,
     "on"),
    ("Clashes were reported on Thursday.", THU, "on Thursday", THU, THU, 1, "on"),
    ("Shelling resumed early Thursday.", THU, "early Thursday", THU, THU, 1, "on"),
    ("The town fell late on Monday.", THU, "late on Monday", D(2016, 3, 21), D(2016, 3, 21), 1,
     "on"),
    ("Air strikes hit the city Thursday night.", THU, "Thursday night", THU, THU, 1, "on"),
    ("They attacked the base on Friday.", MON, "on Friday", D(2016, 3, 25), D(2016, 3, 25), 1,
     "on"),
    ("Wednesday's attack killed four.", THU, "Wednesday's", D(2016, 3, 23), D(2016, 3, 23), 1,
     "on"),
    ("They withdrew last Thursday.", THU, "last Thursday", D(2016, 3, 17), D(2016, 3, 17), 1,
     "on"),
    ("The convoy left on Friday.", NEW_YEAR, "on Friday", D(2016, 1, 1), D(2016, 1, 1), 1, "on"),
    ("Talks resume next Friday.", THU, "next Friday", D(2016, 3, 25), D(2016, 3, 25), 1, "on"),
    # days relative to publication
    ("A car bomb exploded yesterday.", THU, "yesterday", D(2016, 3, 23), D(2016, 3, 23), 1,
     "on"),
    ("Mortars fell today.", THU, "today", THU, THU, 1, "on"),
    ("Jets struck last night.", D(2016, 3, 1), "last night", D(2016, 2, 29), D(2016, 2, 29), 1,
     "on"),
    ("Gunfire was heard this morning.", THU, "this morning", THU, THU, 1, "on"),
    ("The bridge was blown up two days ago.", THU, "two days ago", D(2016, 3, 22),
     D(2016, 3, 22), 1, "on"),
    ("The bridge was blown up two days ago.", NEW_YEAR, "two days ago", D(2015, 12, 31),
     D(2015, 12, 31), 1, "on"),
    ("The siege began three weeks ago.", THU, "three weeks ago", D(2016, 2, 29), D(2016, 3, 6),
     2, "on"),
    # weeks
    ("Fighting intensified last week.", THU, "last week", D(2016, 3, 14), D(2016, 3, 20), 2,
     "on"),
    ("Fighting intensified this week.", THU, "this week", D(2016, 3, 21), THU, 2, "on"),
    ("Fighting intensified last week.", NEW_YEAR, "last week", D(2015, 12, 21), D(2015, 12, 27),
     2, "on"),
    ("Rebels regrouped over the weekend.", THU, "over the weekend", D(2016, 3, 19),
     D(2016, 3, 20), 2, "on"),
    ("Rebels regrouped over the weekend.", SUN, "over the weekend", D(2016, 3, 26), SUN, 2, "on"),
    ("Dozens fled in recent days.", THU, "in recent days", D(2016, 3, 17), THU, 2, "on"),
    # months and years
    ("The offensive stalled last month.", NEW_YEAR, "last month", D(2015, 12, 1),
     D(2015, 12, 31), 3, "on"),
    ("The offensive stalled last month.", LEAP, "last month", D(2016, 2, 1), D(2016, 2, 29), 3,
     "on"),
    ("Raids began earlier this month.", THU, "earlier this month", D(2016, 3, 1), THU, 3, "on"),
    ("Raids began at the beginning of the month.", THU, "at the beginning of the month",
     D(2016, 3, 1), THU, 3, "on"),
    ("The dam was taken at the end of last month.", THU, "at the end of last month",
     D(2016, 2, 1), D(2016, 2, 29), 3, "on"),
    ("The militants have held the town since May last year.", THU, "since May last year",
     D(2015, 5, 1), D(2015, 5, 31), 3, "since"),
    ("The militants have held the town since May.", THU, "since May", D(2015, 5, 1),
     D(2015, 5, 31), 3, "since"),
    ("The militants have held the town since May.", D(2016, 5, 20), "since May", D(2016, 5, 1),
     D(2016, 5, 20), 3, "since"),
    ("The airport was captured in May 2015.", THU, "in May 2015", D(2015, 5, 1), D(2015, 5, 31),
     3, "on"),
    ("The airport was captured in March.", THU, "in March", D(2016, 3, 1), THU, 3, "on"),
    ("The airport was captured in April.", THU, "in April", D(2015, 4, 1), D(2015, 4, 30), 3,
     "on"),
    ("The airport was captured last March.", THU, "last March", D(2015, 3, 1), D(2015, 3, 31), 3,
     "on"),
    ("The airport was captured in December.", NEW_YEAR, "in December", D(2015, 12, 1),
     D(2015, 12, 31), 3, "on"),
    ("The group seized the city in 2014.", THU, "in 2014", D(2014, 1, 1), D(2014, 12, 31), 3,
     "on"),
    ("The regime has held it since 2012.", None, "since 2012", D(2012, 1, 1), D(2012, 12, 31), 3,
     "since"),
    # days of the month
    ("The ceasefire began on 24 March.", THU, "on 24 March", THU, THU, 1, "on"),
    ("The ceasefire began on 25 March.", THU, "on 25 March", D(2015, 3, 25), D(2015, 3, 25), 1,
     "on"),
    ("The ceasefire began on 24 March 2016.", None, "on 24 March 2016", THU, THU, 1, "on"),
    ("The ceasefire began March 24, 2016.", None, "March 24, 2016", THU, THU, 1, "on"),
    ("The ceasefire began on March 24.", THU, "on March 24", THU, THU, 1, "on"),
    ("The ceasefire began on Wednesday, 23 March 2016.", None, "on Wednesday, 23 March 2016",
     D(2016, 3, 23), D(2016, 3, 23), 1, "on"),
    ("The ceasefire began on 31 December.", NEW_YEAR, "on 31 December", D(2015, 12, 31),
     D(2015, 12, 31), 1, "on"),
    ("The ceasefire began on 2016-03-23.", None, "on 2016-03-23", D(2016, 3, 23),
     D(2016, 3, 23), 1, "on"),
    ("The ceasefire began on 23/03/2016.", None, "on 23/03/2016", D(2016, 3, 23),
     D(2016, 3, 23), 1, "on"),
    # leap years
    ("The town fell on 29 February.", LEAP, "on 29 February", D(2016, 2, 29), D(2016, 2, 29), 1,
     "on"),
    ("The town fell on 29 February.", AFTER_LEAP, "on 29 February", D(2016, 2, 29),
     D(2016, 2, 29), 1, "on"),
    ("The town fell on 29 February 2016.", None, "on 29 February 2016", D(2016, 2, 29),
     D(2016, 2, 29), 1, "on"),
    # ambiguous or impossible: recognised, never guessed
    ("The town fell on 03/04/2016.", THU, "on 03/04/2016", None, None, 1, "on"),
    ("The town fell on 29 February 2015.", THU, "on 29 February 2015", None, None, 1, "on"),
    ("The town fell on 31 April 2016.", THU, "on 31 April 2016", None, None, 1, "on"),
    # relative expressions need a publication date
    ("Troops advanced on Wednesday.", None, "on Wednesday", None, None, 1, "on"),
    ("The offensive stalled last month.", None, "last month", None, None, 3, "on"),
    ("The ceasefire began on 24 March.", None, "on 24 March", None, None, 1, "on"),
    # durations are not dates
    ("The town was besieged for a week.", THU, "for a week", None, None, 0, "duration"),
    ("They ended a three-week desert offensive.", THU, "three-week", None, None, 0, "duration"),
    ("They fought for three weeks.", THU, "for three weeks", None, None, 0, "duration"),
]


@pytest.mark.parametrize(("sentence", "published", "text", "start", "end", "precision",
                          "relation"), CASES)
def test_find_dates_table(sentence, published, text, start, end, precision, relation):
    m = only(sentence, published)
    assert (m.text, m.date, m.end_date, m.precision, m.relation) == (
        text, start, end, precision, relation)
    assert sentence[m.start:m.end] == m.text


def test_table_covers_both_sides_of_the_year_boundary():
    # the table itself: several publication dates, dates before and after 1 January resolved
    published = {c[1] for c in CASES}
    assert {THU, MON, SUN, NEW_YEAR, LEAP, AFTER_LEAP, None} <= published
    assert len(CASES) >= 20


def test_three_weeks_ago_is_the_week_around_that_day():
    m = only("The siege began three weeks ago.", THU)
    assert m.date == D(2016, 2, 29) and m.end_date == D(2016, 3, 6)
    assert m.date < THU - timedelta(days=21) < m.end_date  # 21 days back, in the middle


def test_weekday_with_a_yearless_date_picks_the_year_of_that_weekday():
    # 25 March was a Friday in 2016 (after publication), a Wednesday in 2015
    assert only("Friday 25 March", THU).date == D(2016, 3, 25)
    assert only("Wednesday 25 March", THU).date == D(2015, 3, 25)


def test_anaphoric_days_count_from_the_date_before_them():
    found = find_dates("On 23 March 2016 they attacked. The next day they withdrew. "
                       "Two days later they returned. The day before, a truce had held.",
                       published=None)
    assert [(m.text, m.date) for m in found] == [
        ("On 23 March 2016", D(2016, 3, 23)), ("The next day", D(2016, 3, 24)),
        ("Two days later", D(2016, 3, 26)), ("The day before", D(2016, 3, 25))]
    # with nothing to count from: unresolved, not the publication date
    assert only("The day before, a truce had held.", THU).date is None


@pytest.mark.parametrize("text", [
    "Theresa May said the talks would go on.",  # a name, not a month
    "More than 2000 people fled the town.",  # a number, not a year
    "© 2026 Example News Ltd.",
    "Crowds gathered on Good Friday.",  # a feast, not last Friday
    "Protesters vowed to march on the capital.",
    "Sign up for our weekly newsletter.",
])
def test_no_false_dates(text):
    assert find_dates(text, published=THU) == []


def test_overlapping_expressions_make_one_mention():
    found = find_dates("It happened on Wednesday, March 23, 2016, in Aleppo.", published=THU)
    assert [m.text for m in found] == ["on Wednesday, March 23, 2016"]


# --------------------------------------------------------------------------- the Palmyra report

@pytest.fixture(scope="module")
def palmyra() -> str:
    return (FIXTURES / "palmyra_facts.txt").read_text(encoding="utf-8")


def test_palmyra_time_expressions(palmyra):
    found = {m.text: m for m in find_dates(palmyra, published=THU)}
    assert found["on Wednesday"].date == D(2016, 3, 23) and found["on Wednesday"].precision == 1
    assert found["on Thursday"].date == THU and found["on Thursday"].precision == 1
    assert found["three-week"].relation == "duration" and found["three-week"].date is None
    assert all(m.date is None or m.date <= THU for m in found.values())


def test_palmyra_features_are_dated(palmyra, gaz):
    features = locate(palmyra, gaz)
    dated = date_features(palmyra, features, published=THU)
    assert len(dated) == len(features) >= 5
    by_text = {f.text: f for f in dated}
    within = by_text["within two kilometres of Palmyra"]
    assert (within.date, within.date_precision, within.date_text) == (
        "2016-03-23", 1, "on Wednesday")
    edge = by_text["the edge of the Hayy al-Gharf neighbourhood"]
    assert (edge.date, edge.date_precision, edge.date_text) == ("2016-03-24", 1, "on Thursday")
    hill = by_text["Al-Tar hilltop"]  # a sentence without a date: the report date
    assert (hill.date, hill.date_precision, hill.date_text) == ("2016-03-24", 2, "report date")
    undated = [f for f in dated if "Wednesday" not in f.quote and "Thursday" not in f.quote]
    assert undated and all((f.date, f.date_precision, f.date_text) == ("2016-03-24", 2,
                                                                       "report date")
                           for f in undated)
    assert all(f.date is not None and D.fromisoformat(f.date) <= THU for f in dated)
    assert all(f.explain[-1].startswith("date") for f in dated)
    # filled in place: the stages' contract (README, "The pipeline")
    assert all(d is f for d, f in zip(dated, features, strict=True))


def test_palmyra_without_a_publication_date(palmyra, gaz):
    dated = date_features(palmyra, locate(palmyra, gaz), published=None)
    assert all((f.date, f.date_precision, f.date_text) == (None, None, None) for f in dated)


# --------------------------------------------------------------------------- date_features

def _dated(text: str, gaz, published: date | None) -> dict[str, tuple]:
    features = locate(text, gaz)
    assert features, text
    return {f.text: (f.date, f.date_precision, f.date_text)
            for f in date_features(text, features, published=published)}


def test_each_feature_takes_the_date_of_its_own_clause(gaz):
    text = ("The militants have held Raqqa since May last year, and government troops shelled "
            "Palmyra on Monday.")
    got = _dated(text, gaz, THU)
    assert got["Raqqa"] == ("2015-05-01", 3, "since May last year")
    assert got["Palmyra"] == ("2016-03-21", 1, "on Monday")


def test_an_event_date_is_preferred_to_a_since_date_in_the_same_clause(gaz):
    text = "Troops entered Palmyra, which the militants had held since May last year, on Sunday."
    assert _dated(text, gaz, MON)["Palmyra"] == ("2016-03-27", 1, "on Sunday")


def test_nearest_date_in_the_sentence(gaz):
    text = "Rebels shelled Aleppo on Monday and Homs on Tuesday."
    got = _dated(text, gaz, THU)
    assert got["Aleppo"] == ("2016-03-21", 1, "on Monday")
    assert got["Homs"] == ("2016-03-22", 1, "on Tuesday")


def test_a_date_before_the_mention_counts(gaz):
    text = "On Tuesday, rebels shelled Aleppo."
    assert _dated(text, gaz, THU)["Aleppo"] == ("2016-03-22", 1, "On Tuesday")


def test_a_date_in_another_sentence_does_not(gaz):
    text = "Rebels shelled Aleppo on Monday. Government jets bombed Homs, residents said."
    got = _dated(text, gaz, THU)
    assert got["Aleppo"] == ("2016-03-21", 1, "on Monday")
    assert got["Homs"] == ("2016-03-24", 2, "report date")


def test_an_unreadable_date_leaves_the_feature_undated(gaz):
    # the sentence gives a date that cannot be read: no fallback to the report date
    text = "Rebels shelled Aleppo on 03/04/2016."
    assert _dated(text, gaz, THU)["Aleppo"] == (None, None, None)


def test_a_future_date_dates_nothing(gaz):
    text = "Talks on Aleppo will open next Friday."
    assert _dated(text, gaz, THU)["Aleppo"] == (None, None, None)


def test_absolute_dates_work_without_a_publication_date(gaz):
    text = "Rebels shelled Aleppo on 12 February 2016. Government jets bombed Homs on Friday."
    got = _dated(text, gaz, None)
    assert got["Aleppo"] == ("2016-02-12", 1, "on 12 February 2016")
    assert got["Homs"] == (None, None, None)


def test_a_duration_is_not_the_features_date(gaz):
    text = "Government jets bombed Homs for a week."
    assert _dated(text, gaz, MON)["Homs"] == ("2016-03-28", 2, "report date")


def test_date_features_keeps_order_and_everything_else(gaz):
    text = "Rebels shelled Aleppo on Monday and Homs on Tuesday."
    features = [replace(f, report="r1") for f in locate(text, gaz)]
    dated = date_features(text, features, published=THU)
    assert [f.id for f in dated] == [f.id for f in features]
    assert all(d is f and d.report == "r1" for d, f in zip(dated, features, strict=True))


# --------------------------------------------------------------------------- parse_published

def test_parse_published():
    assert parse_published("2016-03-24") == THU
    assert parse_published(" 2016-02-29 ") == D(2016, 2, 29)
    assert parse_published(None) is None


@pytest.mark.parametrize("value", ["24/03/2016", "2016-02-30", "2015-02-29", "yesterday", "",
                                   "2016-3-24", "2016-03-24T08:00"])
def test_parse_published_rejects(value):
    with pytest.raises(InputError, match=r"--date: expected YYYY-MM-DD, not '"):
        parse_published(value)
