"""Control statements, round ten (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class
of mechanism (docs/events.md, "Round ten"). Features come from the real pipeline."""

from __future__ import annotations

import pytest
from _helpers import status_of

CASES = {
    # a movement's own name that begins with a country's name or demonym ("the Chadian
    # Liberation Army") is no state force: a side of its own, keyed by the acronym of its
    # initials when the report uses it ("the CLA"), or by an acronym written before it in
    # brackets ("the FLT (the Chadian Liberation Front)"); the state's forces stay the state
    "movement_names": [
        ("The Chadian Liberation Army holds Abeche, its spokesman said.", "Abeche",
         ("held", "chadian-liberation-army")),
        ("The Chadian Liberation Army seized Abeche on Monday. The CLA says it will not "
         "leave the town.", "Abeche", ("held", "cla")),
        ("Abeche is held by the CLA, residents say. Fighters of the Chadian Liberation Army "
         "entered the town in May and have not left it.", "Abeche", ("held", "cla")),
        ("The FLT took Abeche on Friday, a spokesman for the FLT (the Chadian Liberation "
         "Front) said.", "Abeche", ("held", "flt")),
        # a short form of a name the report writes out is that name's side
        ('The FLT (the Chadian Liberation Front) says that Abeche is "firmly in the hands of '
         'the Liberation Front".', "Abeche", ("held", "flt")),
        ("The Tigray People's Liberation Front took Alamata. Korem is \"firmly in the hands "
         "of the Liberation Front\", a spokesman said.", "Korem", ("held", "tplf")),
        ("Abeche, the last stronghold of the Chadian Liberation Army, fell to the Chadian "
         "police on Monday.", "Abeche", ("held", "td-government")),
        ("The Chadian National Army holds Abeche.", "Abeche", ("held", "td-government")),
    ],
    # a one-word name before a generic armed noun ("the Sawa coalition") names a group of its
    # own, and the word alone is that group everywhere in the report; a report's generic
    # rebel words name the one armed group it names by its own name when the table knows
    # none ("the rebels" after "the Sawa coalition"; not "the World Health Organisation")
    "word_groups": [
        ("Fighters of the Sawa coalition seized Abeche on Monday.", "Abeche",
         ("held", "sawa")),
        ("Abeche fell to Zeta on Monday, a week after the Zeta coalition crossed the border.",
         "Abeche", ("held", "zeta")),
        ("The Sawa coalition says its fighters reached Biltine. Abeche fell to the rebels on "
         "Tuesday.", "Abeche", ("held", "sawa")),
        ("The World Health Organization sent a team to Biltine. Abeche fell to the rebels on "
         "Tuesday.", "Abeche", ("unknown", None)),
        ("Government forces hold Abeche, residents said on Monday.", "Abeche",
         ("held", "td-government")),
    ],
    # a verb's object is not past a new clause (", the army said,", ", bringing …"); a list
    # after ", including" still is
    "clause_break": [
        ("Government troops pulled out of Biltine without a fight, the army said, bringing "
         "the rebels within striking distance of Abeche.", "Abeche", (None, None)),
        ("Government troops retook the whole district, including Abeche and Biltine, on "
         "Monday.", "Abeche", ("held", "td-government")),
    ],
    # first person in a quotation: "our forces" are the speaker's; the speaker of "the X's
    # military spokesman" is X, not the generic "military"; a group the report does not key
    # ("the rebels'" with no side) speaks of no state's forces; "told reporters (by
    # telephone)" after the speaker is no claimant of its own
    "first_person": [
        ('"Our forces hold Abeche town," the Zeta Front\'s military spokesman said.',
         "Abeche town", ("held", "zeta-front")),
        ('"Our forces are in full control of Abeche town," the rebels\' military spokesman, '
         'Colonel Adam Issa, told reporters by telephone.', "Abeche town", (None, None)),
        ('"Our forces are in full control of Abeche town," the army spokesman told reporters.',
         "Abeche town", ("held", "td-government")),
    ],
    # a standing state: adverbs of degree before the control words ("completely under the
    # control of"), a quotation mark opening them ('is "firmly in the hands of …"'), "total /
    # complete control"; a place named as one member of the subject ("the district towns, X
    # among them, remain under …")
    "standing_state": [
        ("Khanabad is completely under the control of the army.", "Khanabad",
         ("held", "af-government")),
        ("Khanabad is completely under Taliban control.", "Khanabad", ("held", "taliban")),
        ('Sources say that Khanabad is "firmly in the hands of the Taliban".', "Khanabad",
         ("held", "taliban")),
        ("Khanabad is under the total control of the Taliban.", "Khanabad",
         ("held", "taliban")),
        ("Khanabad has been under the control of the armed men of the Zeta coalition since "
         "Sunday.", "Khanabad", ("held", "zeta")),
        ("Khanabad is under the occupation of the Taliban.", "Khanabad", ("held", "taliban")),
        ("The populations of Archi, Khanabad and the other localities under the occupation of "
         "the Taliban since December continue to suffer.", "Archi", ("held", "taliban")),
        # a garrison is a base: "X, its main garrison" (its: the armed actor before)
        ("The army is reinforcing Khanabad, its main garrison in the north, a defence "
         "ministry source said.", "Khanabad", ("held", "af-government")),
        ("Kunduz, the provincial capital, and the district towns, Khanabad among them, remain "
         "under the firm control of the Afghan army.", "Khanabad", ("held", "af-government")),
    ],
    # a nominal event after the places a verb takes is the verb's circumstance ("captured A
    # and B on Monday in a fresh offensive"), not an event of its own at B
    "circumstance": [
        ("Taliban fighters captured Archi and Khanabad on Monday in a fresh offensive south of "
         "Kunduz, officials said.", "Khanabad", ("held", "taliban")),
    ],
    # "It" opening a sentence of holding stands for the place that opens the sentence before
    "it_holds": [
        ("Khanabad is now cut off from the rest of the province. It remains under the control "
         "of Afghan units, officials say.", "Khanabad", ("held", "af-government")),
        ("The army left Kunduz. It is a big city.", "Kunduz", ("lost", "af-government")),
    ],
    # a sentence opening with a nominal taking: its main clause's subject is the taker
    # ("With the capture of X on …, Y forces now control …"); not "the fall of X"
    "opening_capture": [
        ("With the capture of Khanabad on 29 October, Taliban forces now control all of the "
         "province.", "Khanabad", ("held", "taliban")),
        ("After the fall of Khanabad, the army regrouped in Kunduz.", "Khanabad",
         ("unknown", None)),
    ],
    # a dash after a dateline is no hyphen: "ABECHE, May 2 - Chadian police …" is the state
    # ("pro-" and "Kurdish-" still refuse the demonym)
    "dateline_dash": [
        ("N'DJAMENA, May 2 - Chadian police units took control of Abeche, the rebels' "
         "main stronghold in the east, on Tuesday.", "Abeche", ("held", "td-government")),
    ],
    # a headline's present tense: "<Side> take(s) <Place>", "… take <G> stronghold of <Place>"
    # (not "take part in")
    "headline_present": [
        ("Chadian forces take CLA stronghold of Abeche\n\nN'DJAMENA, May 2 - The CLA said it "
         "had left the town.", "Abeche", ("held", "td-government")),
        ("Officials take part in talks in Abeche.", "Abeche", (None, None)),
        ("The talks will take place in May in Abeche.", "Abeche", (None, None)),
        ("Chadian forces will take Abeche soon, officials said.", "Abeche", (None, None)),
    ],
    # a place before a possessive and a common noun opens a clause of its own, not one more
    # object of the taking: "took X airport, Y's defences collapsed"
    "possessive_not_object": [
        ("Chadian troops take Biltine airport, Abeche's defences collapse\n\nN'DJAMENA, May "
         "2 - Nothing more was said.", "Abeche", (None, None)),
    ],
    # "the (<country's word>) towns of A and B" as the object of a hold or a taking: each
    # place listed is held or taken; the country's word ("Somali") is no place taken
    "towns_of": [
        ("Government forces still hold the towns of Archi and Khanabad on the plain.",
         "Khanabad", ("held", "af-government")),
        ("Government forces hold the Afghan towns of Archi and Khanabad.", "Archi",
         ("held", "af-government")),
        ("Al-Shabaab fighters captured the Somali towns of Jilib and Jowhar on Monday.",
         "Jowhar", ("held", "al-shabaab")),
        ("Al-Shabaab fighters captured the Somali towns of Jilib and Jowhar on Monday.",
         "Jilib", ("held", "al-shabaab")),
    ],
    # "fell to" holds its "to": the taker after it, also when an apposition between the
    # place and the verb names the loser ("X, the last stronghold of G, fell to H")
    "fell_to_after_apposition": [
        ("Abeche, the rebels' last stronghold, fell to the Chadian police on Monday.",
         "Abeche", ("held", "td-government")),
    ],
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round10(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected
