"""Control statements, round six (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class of
construction. Features come from the real pipeline."""

from __future__ import annotations

import pytest
from _helpers import status_of

CASES = {
    # a generic referent ("rebels", "the insurgents") is the one non-state group the report
    # names, wherever it names it; the country's default when it names none or several
    "generic_referent": [
        ("Rebels seized the town of Saravena on Monday, the ELN said in a statement.",
         "Saravena", ("held", "eln")),
        ("Hayat Tahrir al-Sham launched an offensive in southern Syria on Monday. Rebels "
         "seized Nawa and the insurgents took Inkhil.", "Nawa", ("held", "hts")),
        ("Hayat Tahrir al-Sham launched an offensive in southern Syria on Monday. Rebels "
         "seized Nawa and the insurgents took Inkhil.", "Inkhil", ("held", "hts")),
        ("ADF rebels attacked villages near Beni in eastern Congo on Monday. The rebels seized "
         "Oicha.", "Oicha", ("held", "adf")),
        ("The revolutionaries entered Talkalakh at dawn, the Military Operations Command said.",
         "Talkalakh", ("held", "hts")),
        # no group named, another kind of group, or the default's own group named: the default
        ("The rebels seized Oicha near Beni in eastern Congo on Monday.", "Oicha",
         ("held", "m23")),
        ("Rebels seized Nawa in southern Syria on Monday, and Kurdish-led forces kept control "
         "of Qamishli.", "Nawa", ("held", "sy-opposition")),
        ("The Free Syrian Army and Hayat Tahrir al-Sham fought on in Syria. Rebels seized "
         "Nawa.", "Nawa", ("held", "sy-opposition")),
        ("Opposition forces hold Ariha, the Free Syrian Army said.", "Ariha",
         ("held", "sy-opposition")),
    ],
    # a place that names a region or a route of something else gets no control status:
    # fighting "in the X countryside" or "on the road which leads to X" does not make a held X
    # contested
    "names_region": [
        ("The army said its forces had inflicted heavy losses on Russian units attacking in "
         "the Zaporizhzhia direction.", "Zaporizhzhia", (None, None)),
        ("Government forces repelled a large-scale attack on a broad front in the Hama and "
         "Latakia countrysides.", "Hama", (None, None)),
        ("Government forces repelled a large-scale attack on a broad front in the Hama and "
         "Latakia countrysides.", "Latakia", (None, None)),
        ("Clashes went on in the Daraa countryside on Monday.", "Daraa", (None, None)),
        ("Since Wednesday, clashes oppose the rebels to the army on the road along the lake "
         "which leads to Uvira.", "Uvira", (None, None)),
        # the place itself still reads
        ("Clashes went on in Daraa on Monday.", "Daraa", ("contested", None)),
    ],
    # a nominal taking followed by a modal is a hypothesis, not a taking
    "hypothetical_taking": [
        ("A Taliban capture of Kunduz would remove the government's last stronghold in the "
         "north.", "Kunduz", (None, None)),
        ("The fall of Kunduz to the Taliban could open the road to Mazar.", "Kunduz",
         (None, None)),
        ("The Taliban captured Kunduz on Monday, and would now push on to Mazar.", "Kunduz",
         ("held", "taliban")),
        ("The fall of Kunduz on Monday will change the war, the Taliban said.", "Kunduz",
         ("unknown", None)),
    ],
    # a relative after a chain of appositions ("X, the capital of Y, at the end of the lake,
    # which …") and a conjunct's own apposition ("A, a rail town, and B, the main base,
    # remain …") still reach the place
    "apposition_chain": [
        ("Families started leaving by boat for Kalemie, the capital of Tanganyika, at the "
         "southern end of the lake, which is also held by the army.", "Kalemie",
         ("held", "cd-government")),
        ("Further south, Bakhmut, a salt-mining town on the river, and Soledar, the main "
         "Russian base north of Donetsk, remain in Russian hands.", "Bakhmut",
         ("held", "russia")),
        ("Further south, Bakhmut, a salt-mining town on the river, and Soledar, the main "
         "Russian base north of Donetsk, remain in Russian hands.", "Soledar",
         ("held", "russia")),
        ("Further south, Bakhmut and Soledar remain in Russian hands.", "Bakhmut",
         ("held", "russia")),
        # an apposition that opens with a possessive ("Ukraine's southern port")
        ("Kherson, Ukraine's southern port, which the army has held since November, was "
         "shelled.", "Kherson", ("held", "ua-government")),
    ],
    # fighting in a place by the side the same report says took it is part of the taking
    "holder_entry": [
        ("Taliban fighters seized Kunduz on Thursday. The Taliban said its fighters had "
         "entered Kunduz at dawn.", "Kunduz", ("held", "taliban")),
        ("Taliban fighters entered Kunduz on Thursday, and fighting goes on in the city.",
         "Kunduz", ("contested", "taliban")),
    ],
    # a speaker named by its country or a demonym: "its troops" are its own; a place it says
    # was liberated was liberated by its side
    "speaker_state": [
        ("Russia said on Saturday that its troops had withdrawn from Kreminna, a strategic "
         "town in Luhansk region.", "Kreminna", ("lost", "russia")),
        ("Ukrainian officials said on Saturday that Kreminna had been fully liberated.",
         "Kreminna", ("held", "ua-government")),
        # no side in the speaker, or a capture (either side may say it): no taker
        ("Residents said on Saturday that Kreminna had been fully liberated.", "Kreminna",
         ("unknown", None)),
        ("Ukrainian officials said on Saturday that Kreminna had been captured.", "Kreminna",
         ("unknown", None)),
    ],
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round6(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected


def test_the_entry_said_after_the_taking(gaz):
    text = ("Taliban fighters seized Kunduz on Thursday. The Taliban said its fighters had "
            "entered Kunduz at dawn.")
    assert status_of(gaz, text, "Kunduz", last=True) == ("held", "taliban")
