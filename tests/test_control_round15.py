"""Control statements, round fifteen (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class
of mechanism (docs/events.md, "Round fifteen"). Features come from the real pipeline; a
report's date, where a case gives one, is its publication date."""

from __future__ import annotations

import pytest
from _helpers import status_in

#: an attack ON a place (the place the object of the attack's verb or noun) is an advance by
#: the attacker, not fighting inside the place
ATTACK_ON = [
    ("2006-12-20", "Ethiopian troops attacked Baidoa on Saturday with tanks and infantry.",
     "Baidoa", "SO", ("advancing", "et-government")),
    ("2023-08-08", "Fano militias mounted an attack on Gondar on Tuesday, residents said.",
     "Gondar", "ET", ("advancing", "fano")),
    ("2016-10-20", "Iraqi forces launched an assault on Bartella at dawn.", "Bartella", "IQ",
     ("advancing", "iq-government")),
    ("2024-05-10", "The RSF tightened its siege of El Fasher in May, witnesses said.", "El Fasher",
     "SD", ("advancing", "rsf")),
    ("2023-11-03", "The Arakan Army launched an offensive against Lashio on Friday.",
     "Lashio", "MM", ("advancing", "arakan-army")),
]

#: fighting inside a place, or an attack whose object is not the place, stays contested; a
#: siege said with a verb of besieging keeps its own rule (contested, with the besieger)
INSIDE = [
    ("2024-05-10", "The RSF laid siege to El Fasher in May, witnesses said.", "El Fasher",
     "SD", "contested"),
    ("1992-05-02", "Serb forces and Muslim fighters clashed in Gorazde on Saturday.",
     "Gorazde", "BA", "contested"),
    ("2016-10-20", "Iraqi forces attacked militant positions inside Bartella at dawn.",
     "Bartella", "IQ", "contested"),
    ("2023-11-03", "Heavy fighting raged in Lashio on Friday.", "Lashio", "MM",
     "contested"),
    # the subject "came under attack": the one attacked, not the attacker
    ("2006-12-20", "Ethiopian troops came under attack near Baidoa on Saturday.",
     "near Baidoa",
     "SO", "contested"),
    # a planned or threatened attack is no advance yet
    ("2023-08-08", "Fano militias are planning a major attack on Gondar, residents said.",
     "Gondar", "ET", "contested"),
]


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"), ATTACK_ON)
def test_attack_on_a_place_is_an_advance(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"), INSIDE)
def test_fighting_inside_stays_contested(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country)[0] == expected


#: an attribution set off by commas between the place and its predicate ("X, according to
#: Y, has been held by …", "X, officials said, remains in …") is no part of the sentence's
#: grammar: the predicate still governs the place
ATTRIBUTED = [
    ("2002-04-12", "Jenin, according to aid workers, has been under the control of the "
     "Israeli army since Tuesday.", "Jenin", "PS", ("held", "il-government")),
    ("2011-08-28", "Sirte, rebel commanders said, remains in the hands of government forces.",
     "Sirte", "LY", ("held", "ly-government")),
    ("2016-11-02", "Bartella, a Kurdish officer told reporters, is now held by Iraqi forces.",
     "Bartella", "IQ", ("held", "iq-government")),
]


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"), ATTRIBUTED)
def test_an_attribution_between_place_and_predicate(gaz, date, text, needle, country,
                                                    expected):
    assert status_in(gaz, date, text, needle, country) == expected


#: "holding firm / holding out in X", said plainly or in quotes, is a hold of X by its subject
HOLDING_FIRM = [
    ("1993-06-01", "The army said its troops were holding firm in Malanje.", "Malanje", "AO",
     ("held", "ao-government")),
    ("1993-06-01", "Government troops were 'holding firm' in Malanje, the army said.",
     "Malanje", "AO", ("held", "ao-government")),
    ("2016-11-20", "Iraqi forces held out at Bartella for a week.", "Bartella", "IQ",
     ("held", "iq-government")),
]


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"), HOLDING_FIRM)
def test_holding_firm_is_a_hold(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected
