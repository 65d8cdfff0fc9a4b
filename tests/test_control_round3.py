"""Control statements, round three (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class of
construction. Features come from the real pipeline."""

from __future__ import annotations

import pytest
from _helpers import status_of

CASES = {
    # an apposition that is a noun phrase with "and", "since <time>" or a relative inside
    "apposition": [
        ("Tal Abyad, about 90 km to the north and the group's main border crossing since "
         "2014, remains in the hands of Islamic State fighters.", "Tal Abyad",
         ("held", "islamic-state")),
        ("Ramadi, the capital of Anbar province and seat of its council, remained under the "
         "control of Islamic State, as did Fallujah.", "Ramadi", ("held", "islamic-state")),
        ("Haditha, the river town west of Ramadi that locals call the gate of Anbar, is still "
         "held by Islamic State.", "Haditha", ("held", "islamic-state")),
    ],
    # a relative clause of taking, or a town the holder holds, said of the place
    "relative_take": [
        ("Supplies were short in Baiji, which Iraqi forces recaptured in October.",
         "Baiji", ("held", "iq-government")),
        ("Aid reached Tikrit, the market town some 40 km to the south that Iraqi troops "
         "retook in March, before dawn.", "Tikrit", ("held", "iq-government")),
        ("The militants regrouped near Rutba, in the western desert, a town Islamic State has "
         "held since 2015.", "near Rutba", ("held", "islamic-state")),
    ],
    # a relative clause after an apposition that names another place is the head's
    "relative_after_apposition": [
        ("Shelling was reported near Vuhledar, a town between Donetsk and Mariupol, which "
         "Ukrainian forces still hold.", "near Vuhledar", ("held", "ua-government")),
        ("Shelling was reported near Vuhledar, a town between Donetsk and Mariupol, which "
         "Ukrainian forces still hold.", "between Donetsk and Mariupol", ("unknown", None)),
        ("Taliban fighters are pressing on the town of Musa Qala in Helmand province, which "
         "Afghan forces still hold.", "Musa Qala", ("held", "af-government")),
    ],
    # a standing hold beats an event of another kind said in a subordinate clause
    "hold_over_shelling": [
        ("Kramatorsk itself remains under Ukrainian control, though it is shelled every day.",
         "Kramatorsk", ("held", "ua-government")),
    ],
    # the nominal hold: "Y's hold on X", "Y's control of X, including A"
    "nominal_hold": [
        ("The Taliban's hold on the valley, including Musa Qala and Sangin, has not been "
         "seriously challenged this year.", "Sangin", ("held", "taliban")),
        ("Islamic State's grip on Hawija was unbroken after two years.", "Hawija",
         ("held", "islamic-state")),
    ],
    # "in full control of X, except for …" is a part of X
    "except": [
        ("Iraqi forces are in full control of Ramadi, except for a few pockets in the east.",
         "Ramadi", ("contested", "iq-government")),
    ],
    # the expelled actor is not the taker: "drove the militants out of X"
    "expulsion": [
        ("Iraqi troops drove the militants out of Haditha on Tuesday.", "Haditha",
         ("held", "iq-government")),
        ("Afghan forces pushed the Taliban back from Kunduz and took two villages.", "Kunduz",
         ("held", "af-government")),
    ],
    # a place named after an inserted locative phrase keeps its relative clause
    "relative_after_locative": [
        ("Russian troops are pressing on Kupiansk in the Oskil valley, which the army "
         "still holds.", "Kupiansk", ("held", "ua-government")),
        ("ADF fighters are pressing on Oicha in Beni territory, which the army still holds.",
         "Oicha", ("held", "cd-government")),
    ],
    # "The city itself, <apposition naming another place>, remains …" is the city's
    "the_town_apposition": [
        ("Shells hit Kharkiv on Monday. The city itself, one of Ukraine's largest and a refuge "
         "for hundreds of thousands of people who came from Izium, remains under Ukrainian "
         "control.", "Izium", (None, None)),
        ("Shells hit Kharkiv on Monday. The city itself, one of Ukraine's largest and a refuge "
         "for hundreds of thousands of people who came from Izium, remains under Ukrainian "
         "control.", "Kharkiv", ("held", "ua-government")),
    ],
    # "X is contested" says so
    "stated_contested": [
        ("We assess that Bakhmut is contested: Wagner fighters hold the eastern districts.",
         "Bakhmut", ("contested", None)),
        ("Marinka, a town west of Donetsk, remains fiercely contested.", "Marinka",
         ("contested", None)),
    ],
    # a place in a relative clause that describes a landmark takes no fighting from outside it
    "relative_description": [
        ("Clashes continued near the Antonivskyi bridge, which links the left bank to "
         "Kherson.", "Kherson", (None, None)),
    ],
    # taking up positions is a presence, not a taking
    "positions": [
        ("Islamic State fighters had taken up positions on the hills above Tikrit.", "Tikrit",
         (None, None)),
    ],
    # the destination of people on the move is no battle site of fighting said elsewhere
    "destination": [
        ("Thousands of people streamed out of Hawija towards Kirkuk on Monday as fighting "
         "between the army and Islamic State reached the edge of the town.", "Kirkuk",
         (None, None)),
    ],
    # a demonym before a control word is that country's government
    "demonym_control": [
        ("Kelbajar is firmly in Azerbaijani hands.", "Kelbajar", ("held", "az-government")),
        ("Kelbajar, the mountain town north of the valley, is still held by the Armenian side.",
         "Kelbajar", ("held", "artsakh")),
        ("Kherson is still held by the Russian side.", "Kherson", ("held", "russia")),
        ("We assess that El Fasher is under Sudanese army control.", "El Fasher",
         ("held", "sd-government")),
    ],
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round3(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected
