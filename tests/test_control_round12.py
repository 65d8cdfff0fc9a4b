"""Control statements, round twelve (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class
of mechanism (docs/events.md, "Round twelve"). Features come from the real pipeline; a
report's date, where a case gives one, is its publication date."""

from __future__ import annotations

import pytest
from _helpers import status_in

CASES = {
    # an actor named inside a relative clause set off by commas is not the subject of the
    # main clause's verb, nor what "its" / "their" after the clause stands for
    "relative_clause_actor": [
        ("2018-02-01", "The Houthis, which have run Sanaa since Yemeni government forces "
         "withdrew from the city in 2014, said their fighters had repelled attacks near Marib "
         "and near Sirwah, and that both towns remained in their hands.", "near Marib", "YE",
         ("held", "houthis")),
        ("2018-02-01", "Hezbollah, which has held Qusayr since Syrian rebels withdrew from the "
         "town in 2013, said its fighters had repelled an assault near Yabroud.",
         "near Yabroud", "SY", ("held", "hezbollah")),
    ],
    # a junta or regime that was ousted is no longer the state: not the report's government
    # (in Sierra Leone the AFRC soldiers beside the RUF); Sierra Leone's sides of 1991-2002
    # in the table, each with its source (the RUF, ECOMOG for Kabbah's government, the
    # Kamajors)
    "ousted_junta_and_sierra_leone": [
        ("2011-09-02", "Forces of the toppled regime entered Bani Walid on Sunday.",
         "Bani Walid", "LY", ("contested", None)),
        ("1998-12-02", "Soldiers of the ousted junta seized Port Loko on Sunday.", "Port Loko",
         "SL", ("held", "ruf")),
        ("1998-12-02", "RUF rebels and their allies of the former junta captured Port Loko on "
         "Sunday.", "Port Loko", "SL", ("held", "ruf")),
        ("1998-12-02", "The rebels and their allies from the ousted junta overran Kailahun.",
         "Kailahun", "SL", ("held", "ruf")),
        ("1998-12-02", "Kailahun remains in the hands of ECOMOG and the Kamajors.", "Kailahun",
         "SL", ("held", "sl-government")),
    ],
    # a verb of leaving or entering in a subject relative whose head is no actor ("aid
    # workers who left X") is people moving, not a side's loss or gain: no status
    "unarmed_relative": [
        ("1998-12-02", "Aid workers who left Port Loko on Monday said the rebels were in the "
         "bush near the town.", "Port Loko", "SL", (None, None)),
        ("2023-02-02", "Volunteers who left Bakhmut on Monday said Russian forces were "
         "shelling the town.", "Bakhmut", "UA", (None, None)),
        ("2023-02-02", "Russian forces who entered Soledar on Monday met little resistance.",
         "Soledar", "UA", ("held", "russia")),
    ],
    # "our troops" with no speaker in its sentence, in a text filed from a national capital
    # (a ministry's briefing): the forces of the dateline's state, not the report country's
    "our_troops_from_a_capital": [
        ("1965-09-12", "NEW DELHI, Sept 12 - Following is the text of the briefing given by "
         "an Army spokesman today.\n\n\"In the Sialkot sector, our troops entered Phillora "
         "on Saturday and are advancing on Chawinda.\"", "Chawinda", "PK",
         ("advancing", "in-government")),
        ("2008-08-12", "MOSCOW, Aug 12 - Following is the text of the briefing given by a "
         "spokesman at the Defence Ministry today.\n\n\"In the western sector, our troops "
         "entered Zugdidi on Monday and reached Senaki on Tuesday.\"", "Zugdidi", "GE",
         ("held", "russia")),
        # filed from a town that is no capital: no state speaks by it
        ("2008-08-12", "VLADIKAVKAZ, Aug 12 - Following is the text of the briefing given by "
         "a spokesman of the command.\n\n\"In the western sector, our troops entered "
         "Zugdidi on Monday and reached Senaki on Tuesday.\"", "Zugdidi", "GE",
         ("held", "ge-government")),
    ],
    # "withdrew in disorder towards X": X is where they went, not what they lost (a manner
    # between the verb and "towards")
    "retreat_in_a_manner": [
        ("2022-09-12", "Russian troops abandoned Balakliia without a fight and withdrew in "
         "disorder towards Kupiansk.", "Kupiansk", "UA", ("unknown", None)),
        ("2022-09-12", "Russian troops pulled back in haste towards Kupiansk on Sunday.",
         "Kupiansk", "UA", ("unknown", None)),
        ("2022-09-12", "Russian troops abandoned Balakliia without a fight and withdrew in "
         "disorder towards Kupiansk.", "Balakliia", "UA", ("lost", "russia")),
    ],
    # "X's military airfield": a facility of X after a possessive and its modifiers is held,
    # not X itself (fighting in X, as "X's airport")
    "possessive_facility": [
        ("2022-05-03", "The army has held Kherson's international airport since March.",
         "Kherson", "UA", ("contested", "ua-government")),
        ("2015-05-03", "The rebels have held Taiz's old military airfield since April.",
         "Taiz", "YE", ("contested", "houthis")),
        ("2022-05-03", "The army has held Kherson since March.", "Kherson", "UA",
         ("held", "ua-government")),
    ],
    # a passive taking with no taker named ("X retaken as Y pull out", "X was recaptured,
    # while Y fell back"): the armed actor of the later clause lost X, it did not take it
    "passive_taking_and_the_loser": [
        ("2022-09-12", "Zelensky says Kupiansk retaken as Russian troops pull out to Svatove",
         "Kupiansk", "UA", ("lost", "russia")),
        ("2022-09-12", "Balakliia was recaptured on Friday, while Russian troops fell back to "
         "Kupiansk.", "Balakliia", "UA", ("lost", "russia")),
        ("2022-09-12", "Balakliia was recaptured by Ukrainian troops on Friday.", "Balakliia",
         "UA", ("held", "ua-government")),
    ],
    # a subject of two armed actors straight before the verb of taking ("A and B have
    # taken X"): the first named leads (the second is its ally), as when the nearer one
    # has no side
    "two_conjuncts_take": [
        ("2019-10-15", "Turkish troops and the Free Syrian Army have taken Tal Abyad.",
         "Tal Abyad", "SY", ("held", "tr-government")),
        ("2019-10-15", "The Free Syrian Army and Turkish troops have taken Tal Abyad.",
         "Tal Abyad", "SY", ("held", "sy-opposition")),
        ("2019-10-15", "Turkish troops shelled the area and the Free Syrian Army took Tal "
         "Abyad.", "Tal Abyad", "SY", ("held", "sy-opposition")),
    ],
    # an armed actor "now" or "still" in a place is there holding it (a presence, as "remained
    # in X")
    "now_in_a_place": [
        ("2022-09-12", "Russian forces are now in Izium, where they have looted the hospital.",
         "Izium", "UA", ("held", "russia")),
        ("2023-05-12", "Ukrainian troops are still in Bakhmut.", "Bakhmut", "UA",
         ("held", "ua-government")),
        ("2022-09-12", "Refugees from the east are now in Izium.", "Izium", "UA", (None, None)),
    ],
    # Côte d'Ivoire 2010-11: the Forces Nouvelles / Republican Forces (FRCI) fighting for
    # Ouattara are no state army (data row with its source)
    "ivorian_republican_forces": [
        ("2011-03-30", "The Republican Forces took control of Daloa on Tuesday.", "Daloa", "CI",
         ("held", "frci")),
        ("2011-03-30", "Forces loyal to Alassane Ouattara entered Gagnoa overnight.", "Gagnoa",
         "CI", ("held", "frci")),
    ],
    # the place a statement was made ("a spokesman said in Kyiv", "told reporters in
    # Kharkiv") is where the speaker was, not where the fighting of the sentence was
    "said_in_a_place": [
        ("2022-09-12", "Russian troops pulled out of Balakliia at the weekend after several "
         "days of fighting, a spokesman for the army said in Kyiv.", "Kyiv.", "UA",
         (None, None)),
        ("2022-09-12", "Fighting continued around Izium, a spokesman told reporters in "
         "Kharkiv.", "Kharkiv", "UA", (None, None)),
        ("2022-09-12", "Fighting continued in Kharkiv, a spokesman said.", "Kharkiv", "UA",
         ("contested", None)),
    ],
    # "the approaches to X" is a noun (a band before X), not the verb of an advance that
    # governs a later place
    "the_approaches_noun": [
        ("2022-09-12", "The Russian army has been broken into pockets, and Ukrainian columns "
         "are racing to reach the Oskil and the approaches to Kupiansk before the diplomats in "
         "New York can "
         "impose a ceasefire.", "New York", "UA", (None, None)),
        ("2022-09-12", "Ukrainian troops approached Kupiansk on Sunday.", "Kupiansk", "UA",
         ("advancing", "ua-government")),
    ],
    # a passive liberation with no agent and no speaker in a briefing filed from a capital:
    # by that capital's state (the voice of the text), as "our troops"
    "liberated_in_a_briefing": [
        ("1965-09-12", "NEW DELHI, Sept 12 - Following is the text of the briefing given by "
         "an Army spokesman today.\n\n\"In the Sialkot sector, Chawinda was liberated "
         "yesterday.\"", "Chawinda", "PK", ("held", "in-government")),
        ("2008-08-12", "VLADIKAVKAZ, Aug 12 - Following is the text of the briefing given by "
         "a spokesman of the command.\n\n\"In the western sector, Zugdidi was liberated on "
         "Monday and Senaki on Tuesday.\"", "Zugdidi", "GE", ("unknown", None)),
    ],
    # a garrison shut up or holed up in a place holds it (a presence, as "dug in at X")
    "shut_up_in": [
        ("2022-09-12", "In the centre, the Russian 27th Brigade has shut itself up in Kupiansk, "
         "the river port on the east bank of the Oskil.", "Kupiansk", "UA", ("held", "russia")),
        ("2016-11-12", "Islamic State fighters are holed up in Bartella.", "Bartella", "IQ",
         ("held", "islamic-state")),
        ("2022-09-12", "Residents are holed up in Kupiansk.", "Kupiansk", "UA",
         ("unknown", None)),
    ],
    # "likewise" / "too" / "equally" between the copula and the hold: as "still"
    "likewise_held": [
        ("2022-09-12", "Balakliia is likewise under Ukrainian control.", "Balakliia", "UA",
         ("held", "ua-government")),
        # an apposition and then a relative clause between the place and its predicate
        ("2022-09-12", "Balakliia, 40 km south-east of Kharkiv, where a Russian group had tried "
         "to seize the army's depot, is likewise under Ukrainian control.", "Balakliia", "UA",
         ("held", "ua-government")),
        ("2015-09-12", "Sanaa, the capital, where the Houthis have held the ministries since "
         "2014, remains under Houthi control.", "Sanaa", "YE", ("held", "houthis")),
    ],
    # "X, where <armed actor> have massed / deployed / installed …": the actor is there,
    # holding X (a presence said in a relative clause of the place)
    "where_they_have_massed": [
        ("2022-09-12", "The operation is run from Kupiansk, a town about 50 km east of "
         "Kharkiv, where the Ukrainian army and the National Guard have massed armour.",
         "Kupiansk", "UA", ("held", "ua-government")),
        ("2016-09-12", "Al-Shabaab fighters shelled Afgooye, where the army has deployed two "
         "battalions.", "Afgooye", "SO", ("held", "so-government")),
        ("2016-09-12", "Residents fled Afgooye, where aid agencies have set up camps.",
         "Afgooye", "SO", ("unknown", None)),
    ],
    # Ukraine 2014-2021: "the militants" of the ATO / JFO press centres are the DPR/LPR
    # forces (russia, as the separatists row); not after 2021
    "ukraine_militants": [
        ("2015-01-26", "Vuhlehirsk remains in the hands of the militants.", "Vuhlehirsk", "UA",
         ("held", "russia")),
        ("2023-01-26", "Vuhlehirsk remains in the hands of the militants.", "Vuhlehirsk", "UA",
         (None, None)),
    ],
}


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round12(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected
