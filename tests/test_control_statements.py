"""Control statements as wire copy writes them (issue 14, item 1): sentences written for these
tests, in other words and about other places than the development sequences, one group per
class of construction. Features come from the real pipeline."""

from __future__ import annotations

import pytest
from _helpers import status_of

from geoevents.events import annotate
from geoevents.pipeline import locate

CASES = {
    # a phrase between the place and its predicate
    "apposition": [
        ("Haditha, a town of 50,000 on the Euphrates, has been held by Iraqi troops since 2014.",
         "Haditha", ("held", "iq-government")),
        ("Haditha, a town of 50,000 near Ramadi, has been held by Iraqi troops since 2014.",
         "near Ramadi", (None, None)),
        ("Kunduz, the provincial capital, remains under the control of the Taliban.",
         "Kunduz", ("held", "taliban")),
        ("Rutba, some 100 km east of the border, remained in IS hands.",
         "Rutba", ("held", "islamic-state")),
        ("Kupiansk, further north on the Oskil river, was still held by Ukrainian forces.",
         "Kupiansk", ("held", "ua-government")),
    ],
    # a relative clause saying who holds it
    "relative": [
        ("Tal Afar, which has been run by Islamic State since 2014, lies west of Mosul.",
         "Tal Afar", ("held", "islamic-state")),
        ("Musa Qala, which the Taliban have administered since 2015, was quiet.",
         "Musa Qala", ("held", "taliban")),
        ("In Lashkar Gah, which the Taliban are controlling since Monday, shops reopened.",
         "Lashkar Gah", ("held", "taliban")),
        ("The Taliban, who have held Musa Qala since 2015, attacked a checkpoint.",
         "Musa Qala", ("held", "taliban")),
        ("Islamic State, which still runs Raqqa and the towns of the valley, said nothing.",
         "Raqqa", ("held", "islamic-state")),
    ],
    # the predicate applies to every place of a list, and to an elided repetition
    "lists": [
        ("Iraqi forces recaptured Baiji, Tikrit and Samarra.", "Samarra",
         ("held", "iq-government")),
        ("Iraqi forces recaptured Baiji, Tikrit and Samarra.", "Tikrit",
         ("held", "iq-government")),
        ("Izium has been held by Russian forces since April, as have Balakliia and Kupiansk.",
         "Balakliia", ("held", "russia")),
        ("Izium has been held by Russian forces since April, as have Balakliia and Kupiansk.",
         "Kupiansk", ("held", "russia")),
        ("Fallujah remained under IS control, as did Ramadi, the provincial capital.",
         "Ramadi", ("held", "islamic-state")),
        # negation is scoped to its own clause
        ("Russian forces still control Melitopol and Tokmak, and Ukrainian forces have not "
         "yet attacked them.", "Tokmak", ("held", "russia")),
    ],
    # the verbs and idioms of taking and holding
    "verbs": [
        ("Iraqi troops cleared Ramadi on Sunday after a week of street fighting.", "Ramadi",
         ("held", "iq-government")),
        ("Afghan forces finished clearing Kunduz on Thursday.", "Kunduz",
         ("held", "af-government")),
        ("Iraqi troops mopped up Fallujah after the last militants fled.", "Fallujah",
         ("held", "iq-government")),
        ("Ukrainian forces freed Balakliia on Friday.", "Balakliia", ("held", "ua-government")),
        ("Philippine troops secured Jolo after two days of clashes.", "Jolo",
         ("held", "ph-government")),
        ("Ukrainian soldiers raised the national flag over Kupiansk on Saturday.", "Kupiansk",
         ("held", "ua-government")),
        ("Ukrainian troops dug in at Siversk as the Russians advanced.", "Siversk",
         ("held", "ua-government")),
        ("Mosul stays in IS hands, residents said.", "Mosul", ("held", "islamic-state")),
        ("Ukrainian troops pulled out of Lysychansk on Sunday.", "Lysychansk",
         ("lost", "ua-government")),
        ("Ukraine withdrew its last troops from Lysychansk on Sunday.", "Lysychansk",
         ("lost", "ua-government")),
        ("Ukrainian troops left Lysychansk after weeks of shelling.", "Lysychansk",
         ("lost", "ua-government")),
        # positions in a place are a presence in part of it
        ("Iraqi troops still held positions in Ramadi, officials said.", "Ramadi",
         ("contested", "iq-government")),
        ("Mosul, the largest city still held by Islamic State, was quiet.", "Mosul",
         ("held", "islamic-state")),
        ("Iraqi troops moved against Mosul, the largest city still held by Islamic State.",
         "Mosul", ("held", "islamic-state")),
    ],
    # a claim in a headline: "<X> says <Place> retaken"
    "headline": [
        ("Kyiv says Kupiansk retaken", "Kupiansk", ("held", "ua-government")),
        ("Russian advance stalls; Kyiv says Kupiansk retaken", "Kupiansk",
         ("held", "ua-government")),
    ],
    # an offensive on a place is no fighting inside it
    "offensive": [
        ("Iraqi forces launched an offensive on Mosul on Monday.", "Mosul",
         ("advancing", "iq-government")),
        ("Russian forces hold the eastern half of Avdiivka.", "Avdiivka",
         ("contested", "russia")),
    ],
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_statements(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected


@pytest.mark.parametrize("sentence", [
    "An Iraqi army convoy left Baghdad on Monday heading north towards Mosul.",
    "Engineers cleared the road to Ramadi of mines.",
    "The government secured a loan for the reconstruction of Mosul.",
])
def test_no_control_from_weak_verbs(gaz, sentence):
    feats = annotate(sentence, locate(sentence, gaz))
    assert all(f.status in (None, "unknown", "advancing") for f in feats), \
        [(f.text, f.status, f.side) for f in feats]


def test_a_later_holder_after_a_withdrawal(gaz):
    text = ("Ukrainian troops left Lysychansk on Sunday. The city is now held by Russian "
            "forces.")
    assert status_of(gaz, text, "Lysychansk") == ("held", "russia")


def test_a_denial_ends_at_what_the_denier_asserts(gaz):
    text = ("Afghan officials denied that the city had fallen, saying Afghan troops still "
            "held positions in Kunduz.")
    assert status_of(gaz, text, "Kunduz") == ("contested", "af-government")


def test_a_headline_claim_keeps_the_other_mentions(gaz):
    text = ("Kyiv says Kupiansk retaken\n\nUkrainian troops entered Kupiansk on Friday, "
            "the governor said.")
    feats = annotate(text, locate(text, gaz))
    kup = [f for f in feats if f.text == "Kupiansk"]
    assert len(kup) == 2
    assert kup[0].claimed_by == "Kyiv"
    assert (kup[1].status, kup[1].side) == ("held", "ua-government")  # an entry: round seven
