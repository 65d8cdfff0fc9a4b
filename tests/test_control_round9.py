"""Control statements, round nine (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class
of mechanism (who is who: a state's own key, a people named with a demonym, abbreviations;
constructions). Features come from the real pipeline."""

from __future__ import annotations

import pytest
from _helpers import feature_of, status_of

CASES = {
    # a state's generic forces ("federal forces", "the army") in a report from a country
    # whose forces the tables key otherwise than <iso2>-government are that key: Russia's
    # are `russia`, as "Russian forces" are
    "state_key": [
        ("Federal forces took control of Buynaksk in Dagestan on Tuesday.", "Buynaksk",
         ("held", "russia")),
        ("Khasavyurt, in Dagestan, remains in federal hands.", "Khasavyurt",
         ("held", "russia")),
    ],
    # a people named with a country's demonym is no state: "<Demonym> <People> forces",
    # "the <Demonym> <People>s" (when the people's plural is in the report), and then the
    # people's own word ("the Uzbeks", "Uzbek-held", "in Uzbek hands")
    "people_with_demonym": [
        ("Afghan Uzbek militias hold Sheberghan, and the Uzbeks say they will keep it.",
         "Sheberghan", ("held", "afghan-uzbeks")),
        ("The Afghan Uzbeks are divided. Sheberghan is still held by the Uzbeks.",
         "Sheberghan", ("held", "afghan-uzbeks")),
        ("Aid reached Uzbek-held Sheberghan on Monday, a week after Afghan Uzbek fighters "
         "took the town. The Uzbeks run it now.", "Sheberghan", ("held", "afghan-uzbeks")),
        # a people of geoevents/_peoples.csv after a place's name ("the Kosovo Albanians"):
        # the place's people, not the state whose demonym the people's word may be
        ("Kosovo Albanian fighters took Podujevo on Monday, and the Albanians say they will "
         "hold it.", "Podujevo", ("held", "kosovo-albanians")),
        ("The Kosovo Albanians took the hills. Podujevo is in Albanian hands.", "Podujevo",
         ("held", "kosovo-albanians")),
        # a unit's name is no people: no plural of it anywhere
        ("Russian Wagner forces captured Popasna on Sunday.", "Popasna", ("held", "russia")),
        # the demonym before a force word alone is still the state
        ("Afghan forces hold Sheberghan, and the Uzbeks have left.", "Sheberghan",
         ("held", "af-government")),
    ],
    # a group the table lacks, named with an abbreviation the text defines, is keyed by the
    # abbreviation; a country's name and generic words ("the Nepal Army (NA)") are the
    # state; an acronym written as a holder ("in MLPF hands") is a side of its own wherever
    # the report uses it
    "abbreviations": [
        ("After a week of shelling the Hill Liberation Front (HLF) seized the town of Jumla on "
         "Friday.", "Jumla",
         ("held", "hlf")),
        ("The Hill Liberation Front (HLF) attacked the hills above Jumla. Tansen is HLF-held.",
         "Tansen", ("held", "hlf")),
        ("The Nepal Army (NA) retook Jumla on Friday.", "Jumla", ("held", "np-government")),
        ("The rebels fled when the Nepal Army (NA) came. The NA-controlled town of Jumla "
         "was quiet.", "Jumla", ("held", "np-government")),
        ("Jumla has been in MLPF hands since 2003.", "Jumla", ("held", "mlpf")),
        ("Tansen is under MLPF control, and the MLPF took Jumla on Friday.", "Jumla",
         ("held", "mlpf")),
        # the group's own generic words then name it: "the terrorists", "the rebels"
        ("Jumla has been in MLPF hands since 2003. Tansen, held by the terrorists since "
         "2004, is quiet.", "Tansen", ("held", "mlpf")),
    ],
    # a state's bare words in what a group's spokesman says are the state's, not the group's
    "claimant": [
        ("The Hill Liberation Front said fighters had reached government-held Tansen.",
         "Tansen", ("held", "np-government")),
    ],
    # one rule for an entry, fronted or not: fighting that goes on after it denies the taking;
    # fighting that ended with it ("after brief clashes") does not
    "entry_after_fighting": [
        ("In Bentiu, the capital of Unity state, government troops entered the town after "
         "brief clashes on Tuesday.", "Bentiu", ("held", "ss-government")),
        ("Government troops entered Bentiu after brief clashes on Tuesday.", "Bentiu",
         ("held", "ss-government")),
        ("In Bentiu, the capital of Unity state, government troops entered the town, but "
         "fighting continues near the market.", "Bentiu", ("contested", None)),
    ],
    # a trigger word written inside a place's name is no event ("Grad", the rocket launcher,
    # in a town's name; Markov Grad, not Gornji Grad: that one is in Slovenia)
    "trigger_in_a_name": [
        ("Macedonian forces took Markov Grad on Monday after a short fight.", "Markov Grad",
         ("held", "mk-government")),
    ],
    # a town's name before a word of nature names the river or valley, not the town (and
    # test_a_river_named_as_a_town_is_no_control below)
    "river_not_town": [
        ("Fierce fighting raged in Juba on Tuesday.", "Juba", ("contested", None)),
    ],
    # an ellipsis: "…, as is Y", "…, as have Y to the south and Z further east"
    "ellipsis": [
        ("Dessie has been held by the TPLF since Saturday, as have Kombolcha to the south and "
         "Bati further east.", "Kombolcha", ("held", "tplf")),
        ("Dessie has been held by the TPLF since Saturday, as have Kombolcha to the south and "
         "Bati further east.", "Bati", ("held", "tplf")),
        ("Dessie, taken after two days of fighting, is now in TPLF hands, as is Kombolcha, "
         "the town 20 km to the south.", "Kombolcha", ("held", "tplf")),
        # no ellipsis: a list of its own
        ("Dessie is held by the TPLF, and Kombolcha is contested.", "Kombolcha",
         ("contested", None)),
    ],
    # an offset in apposition to a place found already says where that place is: its
    # control is the place's; a derived place as wide as a region takes none
    "locator": [
        ("Tessalit, the garrison town, some 80 km north of Aguelhok, remains in army hands, "
         "officials said.", "Tessalit", ("held", "ml-government")),
        ("Tessalit, the garrison town, some 80 km north of Aguelhok, remains in army hands, "
         "officials said.", "some 80 km north of Aguelhok", (None, None)),
        ("Bor lies on the main road linking the army-held east of South Sudan with Jonglei "
         "state.", "east of South Sudan", ("unknown", None)),
    ],
    # the fighting people fled is no fighting where they are now
    "fled_fighting": [
        ("Tens of thousands of people who escaped the fighting are held in camps around "
         "Dadaab, aid agencies say.", "in camps around Dadaab", (None, None)),
        ("Families fleeing the fighting in Dadaab reached Garissa.", "Dadaab",
         ("contested", None)),
    ],
    # a relative clause of holding with an ally coordinated after the holder
    "coordinated_relative_holder": [
        ("Shelling hit Gedaref, which the army and the allied militias of the east "
         "hold.", "Gedaref", ("held", "sd-government")),
    ],
    # "both towns" / "the two towns" as the next sentence's subject: the two places before
    "both_towns": [
        ("Aid convoys reached Jumla and Tansen on Monday. Both towns are still held by the "
         "army, officials said.", "Jumla", ("held", "np-government")),
        ("Aid convoys reached Jumla and Tansen on Monday. The two towns remain under army "
         "control.", "Tansen", ("held", "np-government")),
    ],
    # a group's base named with "of": "X, the de facto capital of Y", "the seat of Y"; not
    # a state's generic words ("the seat of the government")
    "base_of": [
        ("Air strikes hit Jilib, the de facto capital of al-Shabaab, on Monday.", "Jilib",
         ("held", "al-shabaab")),
        ("Jilib, the seat of the government, was quiet on Monday.", "Jilib", (None, None)),
        ("Garowe, the capital of Somali-held Puntland, was quiet on Monday.", "Garowe",
         (None, None)),
    ],
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round9(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected


#: the Juba river of Somalia (the Jubba), which "Somali officials" speak of
_JUBA_RIVER = "Fierce fighting raged along the Juba river on Tuesday, Somali officials said."


def test_a_river_named_as_a_town_is_no_control(gaz):
    f = feature_of(gaz, _JUBA_RIVER, "Juba")
    assert (f.status, f.side) == (None, None)


@pytest.mark.xfail(strict=True, reason="the Juba river of Somalia is placed at Juba, the "
                   "capital of South Sudan: the gazetteer holds no river, and no place of "
                   "Somalia is named Juba")
def test_the_juba_river_is_placed_in_somalia(gaz):
    status_of(gaz, _JUBA_RIVER, "Juba", country="SO")


def test_a_people_after_a_demonym_is_never_the_second_country():
    from geoevents.events import load_sides

    found = load_sides().find("Afghan Uzbek forces hold Sheberghan.", country="AF")
    assert [(a.text, a.side) for a in found] == [("Afghan Uzbek forces", "afghan-uzbeks")]
