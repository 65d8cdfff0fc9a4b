"""Control statements, round five (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class of
construction. Features come from the real pipeline."""

from __future__ import annotations

import pytest
from _helpers import status_of

CASES = {
    # a dateline says where the report was filed, not what happened there
    "dateline": [
        ("Clashes in the south\n\nKHERSON, Nov 3 - Heavy fighting broke out in Mykolaiv on "
         "Monday, officials said.", "KHERSON", (None, None)),
        ("Clashes in the south\n\nKHERSON, Nov 3 - Heavy fighting broke out in Mykolaiv on "
         "Monday, officials said.", "Mykolaiv", ("contested", None)),
        ("Army retakes town\n\nBAGHDAD/TIKRIT, March 31 - Iraqi troops fought Islamic State "
         "militants in Ramadi on Tuesday.", "TIKRIT", (None, None)),
        ("Army retakes town\n\nKHARTOUM, Sudan, Nov 20 - RSF fighters fought the "
         "army in Omdurman on Tuesday.", "KHARTOUM", (None, None)),
        # a place that opens a sentence and is its subject is no dateline
        ("Clashes in the south\n\nKherson, a port city, was shelled on Monday, officials said.",
         "Kherson", ("unknown", None)),
    ],
    # an apposition or relative naming the place a side's base or stronghold
    "base_of": [
        ("Jilib, al-Shabaab's main base in the south, was quiet on Friday.", "Jilib",
         ("held", "al-shabaab")),
        ("Fighters moved towards Kidal, which remains the rebels' last stronghold in the "
         "desert.", "Kidal", ("held", "csp")),
        ("Convoys are supplied from Kismayo, a port that has become al-Shabaab's main base in "
         "the south.", "Kismayo", ("held", "al-shabaab")),
        ("Houthi fighters still hold positions on the coast, supplied from Zabid, a town "
         "that has become their main base in the west.", "Zabid", ("held", "houthis")),
        # no armed actor's base: nothing
        ("Relief flights left from Kismayo, the main base of the aid agencies in the south.",
         "Kismayo", (None, None)),
    ],
    # the generic "rebels" of a country whose war has one rebel side (Donbas: the separatists)
    "rebels_side": [
        ("Rebel fighters raised their flag over Kreminna on Wednesday, Ukrainian officials "
         "said.", "Kreminna", ("held", "russia")),
        ("The town of Kreminna has been in rebel hands since the summer, Ukrainian officials "
         "said.", "Kreminna", ("held", "russia")),
    ],
    # a headline participle said of a list of places: "A say X, Y captured"
    "headline_list_passive": [
        ("Rebels say Kidal, Tessalit captured; Bamako says counter-attack under way\n\nText.",
         "Tessalit", ("held", "csp")),
        ("Rebels say Kidal, Tessalit captured; Bamako says counter-attack under way\n\nText.",
         "Kidal", ("held", "csp")),
        ("Kidal and Tessalit captured, rebels say\n\nText.", "Kidal", ("held", "csp")),
        # an active verb with its object stays active
        ("Rebel fighters captured Kidal and Tessalit\n\nText.", "Tessalit", ("held", "csp")),
    ],
    # a hold told in the pluperfect, outside reported speech, is a former state
    "former_hold": [
        ("Hawija, a symbol of the insurgency, had been under Islamic State control since "
         "2014.", "Hawija", (None, None)),
        ("Islamic State had held Hawija since 2014.", "Hawija", (None, None)),
        # a taking still reads; a speaker's backshift and a simple past stay holds
        ("Iraqi troops recaptured Hawija, which had been held by Islamic State since 2014.",
         "Hawija", ("held", "iq-government")),
        ("Hawija had been under Islamic State control since 2014, officials said.", "Hawija",
         ("held", "islamic-state")),
        ("Islamic State had control of Hawija.", "Hawija", ("held", "islamic-state")),
    ],
    # a kind-of-place apposition with a number in it, or a junction, before its relative;
    # "X itself, which remains in Y's hands"
    "apposition_relative": [
        ("The heaviest fire fell on Kramatorsk, a city of 150,000 people that government "
         "forces have held since 2014, officials said.", "Kramatorsk", ("held", "ua-government")),
        ("Shells fell on Kramatorsk, a railway junction that government forces have held since "
         "2014.", "Kramatorsk", ("held", "ua-government")),
        ("In Kramatorsk itself, which remains in the hands of Ukrainian forces, a convoy left.",
         "Kramatorsk", ("held", "ua-government")),
        ("In Kramatorsk itself, which remains under Ukrainian control, a convoy left.",
         "Kramatorsk", ("held", "ua-government")),
    ],
    # every place of a list put after its object shares the hold ("A, B and C among them")
    "among_them_list": [
        ("In the south, the insurgents hold every district centre around Helmand province, "
         "Sangin, Musa Qala and Lashkar Gah among them, and cut the main road.", "Sangin",
         ("held", "taliban")),
        ("The Taliban hold every district centre in Helmand, Sangin and Lashkar Gah among "
         "them.", "Sangin", ("held", "taliban")),
    ],
    # a place coordinated with a noun phrase before a plural predicate of state
    "coordinated_subject": [
        ("Sangin and the area of the old airport remain under Taliban control for now, "
         "officials said.", "Sangin", ("held", "taliban")),
        ("Sangin and the south of the province are now secured by Taliban fighters, the group "
         "said.", "Sangin", ("held", "taliban")),
        ("Sangin was secured by Taliban fighters on Monday.", "Sangin", ("held", "taliban")),
        ("Sangin and its surroundings were shelled by Afghan troops.", "Sangin",
         ("unknown", None)),
    ],
    # "moved into X" is an entry, not an advance on it (round seven: a completed entry with
    # no fighting said to go on is the entrant's taking)
    "moved_into": [
        ("Taliban fighters moved into Sangin on Thursday.", "Sangin", ("held", "taliban")),
        ("Taliban fighters moved towards Sangin on Thursday.", "Sangin",
         ("advancing", "taliban")),
        ("Pupils were moved into the old school in Sangin.", "Sangin", ("unknown", None)),
    ],
    # a relative saying a side has defended the place (perfect or present) is a hold
    "defended_relative": [
        ("Shelling hit Kharkiv, which Ukrainian forces have defended since February.",
         "Kharkiv", ("held", "ua-government")),
        ("Kharkiv, which Ukrainian forces defended in vain, fell on Monday.", "Kharkiv",
         (None, None)),
    ],
    # an origin whose apposition says who holds it keeps the hold; "-aligned" as "-held"
    "origin_held_apposition": [
        ("Fighters from Zintan, a government-held town, attacked the base.", "Zintan",
         ("held", "ly-government")),
        ("Fighters from Zintan, the government-aligned mountain town, joined the attack.",
         "Zintan", ("held", "ly-government")),
        ("Fighters from Zintan attacked the base.", "Zintan", (None, None)),
    ],
    # names of a side the table lacked: "Haftar's militias", "militias loyal to Haftar"
    "side_names": [
        ("Government forces will free every town, including Sirte, which is still occupied by "
         "Haftar's militias.", "Sirte", ("held", "lna")),
        ("Sirte remains under the control of militias loyal to Haftar.", "Sirte",
         ("held", "lna")),
    ],
    # "the town" opening a reported clause stands for the last place named, as a subject does
    "that_the_town": [
        ("The deal left open the fate of Kreminna, where soldiers remain dug in. Putin said "
         "the troops there were surrounded; Zelensky retorted that there was no encirclement "
         "and that the town was in Ukrainian hands.", "Kreminna", ("held", "ua-government")),
        ("Aid reached Kreminna on Monday. Officials said that the town was quiet by morning.",
         "Kreminna", (None, None)),
    ],
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round5(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected
