"""Control statements, round seven (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class
of mechanism (who is who, entries). Features come from the real pipeline."""

from __future__ import annotations

import pytest
from _helpers import status_of

CASES = {
    # a country's demonym before the control words ("Georgian-held", "in Georgian hands",
    # "under Georgian control") names that state's side, as "<Demonym> forces" does: the
    # demonym rule, for every demonym of geoevents/_demonyms.csv, not a row per country
    "demonym_control": [
        ("Gori fell into Georgian hands on Tuesday, a day after the Russian withdrawal.", "Gori",
         ("held", "ge-government")),
        ("Russian artillery was firing on Georgian-held villages including Kareli and Kaspi.",
         "Kaspi", ("held", "ge-government")),
        ("Ossetian militias shelled Gori, which remained in Georgian hands on Friday night.",
         "Gori", ("held", "ge-government")),
        ("The town of Abeche remains under Chadian control, officials said.", "Abeche",
         ("held", "td-government")),
        # "ethnic", "pro-" and "anti-" before the demonym: no state side
        ("Militias shelled pro-Georgian villages including Kareli and Kaspi.", "Kaspi",
         ("unknown", None)),
        # the table's own rows still win ("Armenian-held" in Azerbaijan is Karabakh's)
        ("Stepanakert remained in Armenian hands on Friday.", "Stepanakert",
         ("held", "artsakh")),
    ],
    # a state speaker's "X retaken / recaptured / regained" with no taker named: the taking
    # back is its own side's, as its "X liberated" is
    "speaker_retaken": [
        ("Kenya says Kismayo retaken", "Kismayo", ("held", "ke-government")),
        ("Kenya says Kismayo, the last stronghold of al-Shabaab, retaken", "Kismayo",
         ("held", "ke-government")),
        ("Kenya said on Monday that Kismayo had been recaptured.", "Kismayo",
         ("held", "ke-government")),
        # a plain "captured" in a speaker's words names no taker
        ("Kenya said Kismayo had been captured.", "Kismayo", ("unknown", None)),
    ],
    # a coordinated subject holds: "A and B (still) hold X"; a list whose first names are no
    # places found ("Sokna" is not in the gazetteer) still ends in the held place
    "coordinated_hold": [
        ("Government forces and allied tribal fighters still hold Baiji, though they have been "
         "besieged for weeks.", "Baiji", ("held", "iq-government")),
        ("The army and the police still hold Baiji.", "Baiji", ("held", "iq-government")),
        ("The LNA continues to hold Sokna, Hun and Waddan in the Jufra district.", "Waddan",
         ("held", "lna")),
        ("The LNA continues to hold Sokna, Hun and Waddan in the Jufra district.", "Hun",
         ("held", "lna")),
    ],
    # a sentence opening with "they" / "it" and a held verb: the last actor named before it,
    # when armed and with a side
    "pronoun_subject": [
        ("Taliban fighters attacked Pul-e Khumri on Monday. They still control Baghlan-e Jadid, "
         "officials said.", "Baghlan-e Jadid", ("held", "taliban")),
        ("The army shelled Pul-e Khumri on Monday. Further north, they have held Baghlan-e "
         "Jadid since May.", "Baghlan-e Jadid", ("held", "af-government")),
        ("Residents fled Pul-e Khumri on Monday. They still control Baghlan-e Jadid, officials "
         "said.", "Baghlan-e Jadid", (None, None)),
    ],
    # a place described as where a side keeps its garrison, base or headquarters
    "garrison": [
        ("Civilians fled towards Damboa, a town about 80 km to the south where the army has a "
         "garrison, officials said.", "Damboa", ("held", "ng-government")),
        ("Civilians fled towards Damboa, where the army keeps its main base.", "Damboa",
         ("held", "ng-government")),
        ("Civilians fled towards Damboa, where the army attacked a base.", "Damboa",
         ("unknown", None)),
    ],
    # "the occupiers" in the occupied side's usage: the Russian forces in Ukraine, the Israeli
    # army in the Palestinian territories (a generic row's pairs)
    "occupiers": [
        ("The occupiers have taken control of Vuhledar, the regional administration said.",
         "Vuhledar", ("held", "russia")),
        ("Occupation forces seized Beit Hanoun on Monday, the ministry said.", "Beit Hanoun",
         ("held", "il-government")),
    ],
    # "the insurgents" in Nigeria: the Islamic State's province by default, Boko Haram (JAS)
    # in a report that names it and not the Islamic State (the @context pair's alternative)
    "insurgents_nigeria": [
        ("Boko Haram fighters attacked Bauchi on Sunday. The insurgents seized Azare.", "Azare",
         ("held", "boko-haram")),
        ("ISWAP fighters attacked Bauchi on Sunday. The insurgents seized Azare.", "Azare",
         ("held", "islamic-state")),
        ("The insurgents seized Azare on Sunday, residents said.", "Azare",
         ("held", "islamic-state")),
    ],
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round7(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected


ENTRIES = [
    # an armed side's completed entry of the whole place, no fighting in it said to go on:
    # its taking
    ("Ethiopian troops entered Dessie on Monday, a government spokesman said.", "Dessie",
     ("held", "et-government")),
    ("Ethiopian troops entered Dessie on Monday after two days of fighting on its outskirts.",
     "Dessie", ("held", "et-government")),
    ("Ethiopian troops moved into Dessie on Monday.", "Dessie", ("held", "et-government")),
    # fighting in the place said to go on, a forced or ongoing entry: fighting inside it
    ("Ethiopian troops entered Dessie on Monday, but fighting continues in the town.", "Dessie",
     ("contested", "et-government")),
    ("Ethiopian troops entered Dessie on Monday, where rebels are still resisting.", "Dessie",
     ("contested", "et-government")),
    ("Ethiopian troops broke into Dessie on Monday.", "Dessie", ("contested", "et-government")),
    ("Ethiopian troops are entering Dessie.", "Dessie", ("contested", "et-government")),
    # a part of the place entered is fighting in it
    ("Ethiopian troops entered the outskirts of Dessie on Monday.", "the outskirts of Dessie",
     ("contested", "et-government")),
]


@pytest.mark.parametrize(("sentence", "needle", "expected"), ENTRIES)
def test_entry_is_a_taking(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected
