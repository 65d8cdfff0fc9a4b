"""Control statements, round fourteen (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class
of mechanism (docs/events.md, "Round fourteen"). Features come from the real pipeline; a
report's date, where a case gives one, is its publication date."""

from __future__ import annotations

import pytest
from _helpers import status_in

CASES = {
    # a garrison that gives up (surrenders, lays down its arms, withdraws, pulls out) has
    # lost its place: a loss of the garrison's side, not round thirteen's hold
    "garrison_gives_up": [
        ("1992-11-20", "The army garrison in Kalesija surrendered on Tuesday after a week of "
         "fighting.", "Kalesija", "BA", "ba-government"),
        ("1998-05-04", "The government garrison at Kenema, a diamond town in the east, gave up "
         "on Monday after running out of ammunition, rebels said.", "Kenema", "SL",
         "sl-government"),
        ("1975-04-01", "The army garrison in Hue laid down its arms to the North Vietnamese "
         "on Monday.", "Hue", "VN", "vn-government"),
        ("1995-07-11", "The Dutch garrison in Srebrenica withdrew on Tuesday.", "Srebrenica",
         "BA", "nl-government"),
    ],
}

#: the garrison that holds on still holds its place (round thirteen's rule is kept)
HOLDS = [
    ("1993-04-10", "The Bosnian army garrison in Srebrenica was running out of ammunition.",
     "Srebrenica", "BA", ("held", "ba-government")),
    ("2016-03-01", "The Syrian army garrison of Deir ez-Zor was holding all its positions "
     "on Tuesday.", "Deir ez-Zor", "SY", ("held", "sy-government")),
]


@pytest.mark.parametrize(("date", "text", "needle", "country", "loser"),
                         [c for cases in CASES.values() for c in cases])
def test_garrison_gives_up(gaz, date, text, needle, country, loser):
    assert status_in(gaz, date, text, needle, country) == ("lost", loser)


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"), HOLDS)
def test_garrison_holds(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected


def test_garrison_with_no_side_is_no_loss(gaz):
    # "the garrison of X surrendered" with no side named gives no side a loss
    text = ("A Pakistani army spokesman said the garrison of Jessore surrendered to Indian "
            "troops on Friday.")
    assert status_in(gaz, "1971-12-10", text, "Jessore", "BD")[0] != "lost"


#: a side's hold on a place that ends is that side's loss; a hold named in an apposition
#: yields to the holder the place's own predicate names
LOSSES_AND_PREDICATES = [
    ("2014-07-06", "The separatists' grip on Sloviansk ended on Saturday when their fighters "
     "slipped out of the city.", "Sloviansk", "UA", ("lost", "russia")),
    ("1999-08-10", "The rebels' hold on Makeni, their main northern base, collapsed on "
     "Monday.", "Makeni", "SL", ("lost", "ruf")),
    ("2001-12-08", "Herat, the last Taliban stronghold in the west, has been held by the "
     "Northern Alliance since Monday.", "Herat", "AF", ("held", "northern-alliance")),
    ("2016-12-23", "Aleppo, the rebels' main bastion in the north, is now under the control "
     "of the Syrian army.", "Aleppo", "SY", ("held", "sy-government")),
]


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"),
                         LOSSES_AND_PREDICATES)
def test_hold_ends_or_predicate_first(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected


#: a generic force noun owned with "of": "the forces of <a named group>" are that group's;
#: "the troops of <a country>" that country's; never the report country's state by default
OF_OWNER = [
    ("2022-03-01", "The troops of Russia entered Kherson on Tuesday.", "Kherson", "UA",
     "russia"),
    ("1999-08-30", "On Monday the forces of the Rally liberated the town of Kindu, the "
     "rebels said.", "Kindu", "CD", None),
    ("1992-04-28", "Fighters of the Jamiat-e-Islami seized Charikar on Tuesday.",
     "Charikar", "AF", None),
]


@pytest.mark.parametrize(("date", "text", "needle", "country", "side"), OF_OWNER)
def test_force_of_owner(gaz, date, text, needle, country, side):
    status, got = status_in(gaz, date, text, needle, country)
    assert got == side and got != f"{country.lower()}-government", (status, got)


#: a numbered unit that only one state's army has (the US Army's 82nd and 101st Airborne
#: Divisions, the 1st Cavalry, the Marine divisions) is that state's, not the report country's
US_UNITS = [
    ("2007-06-20", "The 1st Cavalry Division took Baqubah on Tuesday.", "Baqubah", "IQ",
     ("held", "us-coalition")),
    ("2004-11-15", "The 1st Marine Division now holds Fallujah.", "Fallujah", "IQ",
     ("held", "us-coalition")),
    ("1944-09-20", "The 82nd Airborne Division captured Nijmegen bridge on Wednesday, "
     "while the 101st Airborne held Eindhoven.", "Eindhoven", "NL", ("held", "us-coalition")),
]


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"), US_UNITS)
def test_us_units(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected


#: an actor named after an active verb of losing is not its subject: "the clan fighters
#: abandoned X; Ethiopian troops entered the town" is no Ethiopian loss, but the other side
#: that moved in (as "withdrew … as IS moved in" is read)
LOSS_SUBJECT = [
    ("2006-12-28", "On Friday the clan fighters abandoned Baidoa; Ethiopian troops entered "
     "the town later.", "Baidoa", "SO", ("held", "et-government")),
    ("2006-12-30", "The same day the courts abandoned Jowhar, their last base in the north; "
     "government forces entered the town.", "Jowhar", "SO", ("held", "so-government")),
]


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"), LOSS_SUBJECT)
def test_loss_subject_not_after(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected


#: a list whose items carry a bracketed note ("A (Monday), B (Tuesday) and C") is one list:
#: the verb governs each item
NOTED_LIST = [
    ("2014-10-20", "Houthi fighters have taken Amran (July), Hajjah (September) and "
     "Hodeidah (October).", "Hajjah", "YE", ("held", "houthis")),
    ("2014-10-20", "Houthi fighters have taken Amran (July), Hajjah (September) and "
     "Hodeidah (October).", "Hodeidah", "YE", ("held", "houthis")),
    ("2016-06-30", "Iraqi forces retook Ramadi (in February) and Fallujah (in June).",
     "Fallujah", "IQ", ("held", "iq-government")),
]


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"), NOTED_LIST)
def test_noted_list(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected
