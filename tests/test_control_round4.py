"""Control statements, round four (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class of
construction. Features come from the real pipeline."""

from __future__ import annotations

import pytest
from _helpers import status_of

CASES = {
    # a taking of a part or a facility of a place is fighting in the place, not its fall
    "part_taken": [
        ("Houthi fighters captured the port of Mukalla on Friday.", "Mukalla",
         ("contested", "houthis")),
        ("Iraqi troops seize Islamic State headquarters in Ramadi", "Ramadi",
         ("contested", "iq-government")),
        ("Taliban fighters overran large parts of Kunduz on Monday.", "Kunduz",
         ("contested", "taliban")),
        ("Iraqi forces took full control of the university of Ramadi on Sunday.", "Ramadi",
         ("contested", "iq-government")),
        ("Ukrainian troops control Kherson airport, fighting in the city", "Kherson airport",
         ("contested", "ua-government")),
        ("Kurdish fighters seized the Qamishli airport on Friday.", "Qamishli airport",
         ("contested", "sdf")),
        # the whole place, or the place and its parts: still a taking
        ("Iraqi forces captured Ramadi and its airport on Sunday.", "Ramadi",
         ("held", "iq-government")),
        ("Taliban fighters captured the city of Kunduz on Monday.", "Kunduz",
         ("held", "taliban")),
        # a facility placed at the edge it names is that part, held
        ("Iraqi troops entered Tikrit on Friday. The army took the Tikrit citadel on the "
         "northern edge of the city.", "Tikrit citadel", ("held", "iq-government")),
        ("We assess that Bakhmut is contested: Wagner fighters have seized several army bases "
         "on the town's edge.", "the town's edge", ("contested", "russia")),
        ("Iraqi troops captured the eastern districts of Mosul in January.", "Mosul",
         ("contested", "iq-government")),
        ("Iraqi troops took the last buildings in Ramadi still held by the militants.",
         "Ramadi", ("held", "iq-government")),
    ],
    # a list of places after a long object, or put after the place ("X among them")
    "list_after_object": [
        # (Rawah, not "Rawa": alone, with no cue of Iraq, that is Rawa Mazowiecka in Poland)
        ("Islamic State still controls the valley and a string of farming villages along the "
         "river, Rawah among them.", "Rawah", ("held", "islamic-state")),
        ("The Taliban still hold the provincial capital and the district centres of the north "
         "between it and the border, among them Baghlan, about 40 km to the south, and "
         "Pul-e Khumri.", "Pul-e Khumri", ("held", "taliban")),
        ("Islamic State, which overran the region in 2014, still controls the city and the "
         "farming towns of the plain between it and the desert, among them Rawa and Anah.",
         "Anah", ("held", "islamic-state")),
        ("Mariupol has been held by Russian troops since May, as have the towns along the "
         "coast to the west, Berdiansk among them.", "Berdiansk", ("held", "russia")),
    ],
    # "A and allied B captured X": the taker is A
    "allied_subject": [
        ("The Arakan Army and allied PDF fighters captured Kyauktaw on Sunday.",
         "Kyauktaw", ("held", "arakan-army")),
        ("Islamic State fighters and their allies captured Sirte's port.", "Sirte",
         ("contested", "islamic-state")),
    ],
    # a defence of a place, and "continue to hold X itself", are holds by the defender
    "defence": [
        ("Ukrainian troops were defending the village of Robotyne against repeated "
         "assaults, the general staff said.", "Robotyne", ("held", "ua-government")),
        ("Ukrainian troops were defending the south of Kreminna and the village of Robotyne "
         "against fierce attacks on Friday.", "Robotyne", ("held", "ua-government")),
        ("Ukrainian forces continue to hold Vuhledar itself and the mine.", "Vuhledar",
         ("held", "ua-government")),
    ],
    # a loss said as "out of <their> control"
    "out_of_control": [
        ("Houthi officials admitted on Sunday that Mocha was completely out of their "
         "control.", "Mocha", ("lost", "houthis")),
        ("By nightfall Kunduz was beyond the Afghan army's control.", "Kunduz",
         ("lost", "af-government")),
    ],
    # a headline participle with no auxiliary, after a colon naming the speaker
    "headline_passive": [
        ("Ministry of Defence of Ukraine: Kupiansk liberated from occupation\n\nThe ministry "
         "said the town was free.", "Kupiansk", ("held", "ua-government")),
        ("Joint Operations Command of Iraq: Hawija liberated, troops advancing on Riyadh\n\n"
         "Text.", "Hawija", ("held", "iq-government")),
        # an active verb with its object stays active
        ("Taliban captured Kunduz on Monday.", "Kunduz", ("held", "taliban")),
    ],
    # "the town, which Y still holds" after the place it stands for
    "town_relative": [
        ("Militia fighters cut the road between Hawija and the river after seizing the Hawija "
         "air base in May, isolating the town, which Islamic State still holds.", "Hawija",
         ("held", "islamic-state")),
        ("Shelling hit Kramatorsk and Sloviansk overnight; the city, which Ukrainian forces "
         "hold, lost power.", "Kramatorsk", ("unknown", None)),
        ("Shelling hit Kramatorsk and Sloviansk overnight; the city, which Ukrainian forces "
         "hold, lost power.", "Sloviansk", ("held", "ua-government")),
    ],
    # a return under a side's control is a hold
    "return_under": [
        ("Kupiansk is returning under Ukrainian control, the ministry said.", "Kupiansk",
         ("held", "ua-government")),
        ("By evening Hawija had come back under Iraqi control.", "Hawija",
         ("held", "iq-government")),
        ("Kunduz came under Taliban control on Sunday.", "Kunduz", ("held", "taliban")),
        ("Khan Shaykhun is back in government hands.", "Khan Shaykhun",
         ("held", "sy-government")),
    ],
    # a presence kept: "its forces remained in X"
    "remained_in": [
        ("Kyiv said its forces remained in Horlivka.", "Horlivka", ("held", "ua-government")),
        ("Civilians remained in Horlivka despite the shelling.", "Horlivka", ("unknown", None)),
    ],
    # a retrospective taking whose object carries an apposition before the relative
    "capture_which_apposition": [
        ("That advance follows the capture of Hawija and the nearby Hawija airfield, the "
         "largest in the province, which Iraqi forces completed on 5 October after weeks of "
         "fighting.", "Hawija", ("held", "iq-government")),
    ],
    # an apposition that says who holds the place: "X, a Ukrainian-held town"
    "held_apposition": [
        ("Russian forces launched their biggest assault in weeks on Kupiansk, a Ukrainian-held "
         "rail town, officials said.", "Kupiansk", ("held", "ua-government")),
    ],
    # a participial clause is no apposition: the place after it is no part of one
    "participle_no_apposition": [
        ("Rebel columns were seen on the shore of Lake Tanganyika near Kalemie, raising fears "
         "for Uvira, the border town, which remains under government control, officials said.",
         "Uvira", ("held", "cd-government")),
    ],
    # a transfer of a place: held by the recipient, else lost by the one who gave it up
    "transfer": [
        ("Afghan soldiers surrendered Kunduz to the Taliban on Sunday.", "Kunduz",
         ("held", "taliban")),
        ("Government troops handed over Kunduz to the Taliban after talks with elders.",
         "Kunduz", ("held", "taliban")),
        ("Afghan forces surrendered Kunduz on Sunday.", "Kunduz", ("lost", "af-government")),
    ],
    # a side that claims or announces control, or the capture of a place, claims its own
    "announced_taking": [
        ("Separatists claimed full control of Horlivka on Tuesday.", "Horlivka",
         ("held", "russia")),
        ("The Russian defence ministry announced the capture of Horlivka on Tuesday.",
         "Horlivka", ("held", "russia")),
        ("Reporters announced the fall of Kunduz.", "Kunduz", ("unknown", None)),
    ],
    # the head noun a sides-table row leaves out stands between the actor and its verb
    "actor_head_noun": [
        ("Houthi fighters still control most of Hodeidah city.", "Hodeidah city",
         ("contested", "houthis")),
    ],
    # a passive's subject with a noun-phrase apposition naming another place
    "passive_after_apposition": [
        ("Kunduz, the capital of Kunduz province, fell to the Taliban on Sunday.", "Kunduz",
         ("held", "taliban")),
        ("Tikrit, a city of 200,000 on the Tigris north of Baghdad, was recaptured by Iraqi "
         "forces in April.", "Tikrit", ("held", "iq-government")),
    ],
    # a withdrawal said with a noun
    "nominal_withdrawal": [
        ("Ukrainian forces have completed their withdrawal from Horlivka, the general staff "
         "said.", "Horlivka", ("lost", "ua-government")),
        ("The withdrawal of Ukrainian troops from Horlivka was completed on Wednesday.",
         "Horlivka", ("lost", "ua-government")),
        ("Kyiv demanded the withdrawal of Russian troops from Horlivka.", "Horlivka",
         (None, None)),
        # (Aguelhok, not Ber: the gazetteer has no Ber of Mali, only Véroia in Greece)
        ("Militants attacked the town. The mission said it had completed its withdrawal from "
         "Aguelhok on Saturday.", "Aguelhok", ("unknown", None)),
    ],
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round4(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected
