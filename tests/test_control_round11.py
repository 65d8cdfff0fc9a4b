"""Control statements, round eleven (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class
of mechanism (docs/events.md, "Round eleven"). Features come from the real pipeline; a
report's date, where a case gives one, is its publication date."""

from __future__ import annotations

import pytest
from _helpers import status_in

CASES = {
    # a country's default group has the years it fought under that name: in a report of
    # another year the generic word is the group the report names (else none); an undated
    # report takes the default that reaches the present
    "period_defaults": [
        ("2006-11-10", "Militants entered Beledweyne on Tuesday, residents said.",
         "Beledweyne", "SO", ("contested", None)),
        ("2006-11-10", "The Union of Islamic Courts says it wants peace. Militants entered "
         "Beledweyne on Tuesday, residents said.", "Beledweyne", "SO",
         ("held", "islamic-courts")),
        ("2015-11-10", "The Union of Islamic Courts says it wants peace. Militants entered "
         "Beledweyne on Tuesday, residents said.", "Beledweyne", "SO",
         ("held", "al-shabaab")),
        (None, "Militants entered Beledweyne on Tuesday, residents said.", "Beledweyne", "SO",
         ("held", "al-shabaab")),
        ("2012-03-11", "Ansar Dine fighters surrounded Tessalit last week. The rebels seized "
         "Aguelhok on Sunday.", "Aguelhok", "ML", ("held", "ansar-dine")),
        ("2016-03-11", "Ansar Dine fighters surrounded Tessalit last week. The rebels seized "
         "Aguelhok on Sunday.", "Aguelhok", "ML", ("held", "csp")),
    ],
    # groups of an earlier period have rows of their own
    "earlier_groups": [
        ("2012-07-01", "Gao has been held by MUJAO since June, residents said.", "Gao", "ML",
         ("held", "mujao")),
        ("2007-01-05", "Islamic Courts fighters abandoned Beledweyne on Friday.",
         "Beledweyne", "SO", ("lost", "islamic-courts")),
        ("1992-05-01", "Rîbnița remains under the control of the breakaway authorities.",
         "Rîbnița", "MD", ("held", "transnistria")),
    ],
    # "U.S." written with points is the United States; "Separatist forces" is one actor (the
    # longer form of a row first)
    "written_forms": [
        ("2003-04-01", "U.S. forces took Fallujah on Monday.", "Fallujah", "IQ",
         ("held", "us-coalition")),
        ("1992-05-01", "Separatist forces took Rîbnița on Monday.", "Rîbnița", "MD",
         ("held", "transnistria")),
        ("2016-05-01", "Separatist forces took Aguelhok on Monday.", "Aguelhok", "ML",
         ("held", "csp")),
    ],
    # "X, accompanied by Y, entered P": Y is X's ally, X the one who enters
    "accompanied_by": [
        ("2007-01-05", "Government forces, accompanied by Ethiopian troops, entered "
         "Beledweyne on Friday.", "Beledweyne", "SO", ("held", "so-government")),
    ],
    # a foreign army's claim with the local government's forces named in its sentence is the
    # local government's camp, in the years of their alliance; alone it is its own
    "local_camp": [
        ("2007-01-05", "Ethiopian troops took Beledweyne on Friday, with government soldiers "
         "behind them.", "Beledweyne", "SO", ("held", "so-government")),
        ("2007-01-05", "Ethiopian troops took Beledweyne on Friday.", "Beledweyne", "SO",
         ("held", "et-government")),
        ("2013-02-01", "France says Menaka retaken; French and Malian troops in Kidal",
         "Menaka", "ML", ("held", "ml-government")),
        ("2023-02-01", "France says Menaka retaken; French and Malian troops in Kidal",
         "Menaka", "ML", ("held", "fr-government")),
    ],
    # a presence is a hold: "regrouped at X", "are massed at X", "dug defensive positions at
    # X" (outside X: no hold of it)
    "presence": [
        ("2015-01-05", "Government soldiers regrouped at Beledweyne on Tuesday.", "Beledweyne",
         "SO", ("held", "so-government")),
        ("2015-01-05", "Al-Shabaab fighters are massed at Beledweyne, residents said.",
         "Beledweyne", "SO", ("held", "al-shabaab")),
        ("2015-01-05", "Al-Shabaab has dug defensive positions at Beledweyne.", "Beledweyne",
         "SO", ("held", "al-shabaab")),
        ("2015-01-05", "Al-Shabaab fighters are massing outside Beledweyne.",
         "outside Beledweyne", "SO", (None, None)),
    ],
    # a paragraph that opens with a place and a colon ("X: …"): "the town/city" in it is X,
    # not the last place named before it
    "headings": [
        ("2015-01-05", "Daily assessment\n\nBeledweyne: The city remains under government "
         "control.\n\nAfgooye: The town is quiet.", "Beledweyne", "SO", ("held", "so-government")),
        ("2015-01-05", "Daily assessment\n\nBeledweyne: Traders on the road from Afgooye "
         "reported long queues. The town itself remains in the hands of the government.",
         "Beledweyne", "SO", ("held", "so-government")),
        ("2015-01-05", "Daily assessment\n\nBeledweyne: Traders on the road from Afgooye "
         "reported long queues. The town itself remains in the hands of the government.",
         "Afgooye", "SO", (None, None)),
    ],
    # "Islamists", "Islamist fighters" and "in Islamist hands" are the generic militants:
    # the group the report names, else the country's default of the year
    "islamists": [
        ("2012-09-05", "MUJAO fighters entered Menaka on Monday. The Islamists have controlled "
         "Ansongo since June.", "Ansongo", "ML", ("held", "mujao")),
        ("2012-09-05", "MUJAO fighters entered Menaka on Monday. Ansongo remains in Islamist "
         "hands.", "Ansongo", "ML", ("held", "mujao")),
        ("2006-09-05", "The Union of Islamic Courts named a governor. Islamist fighters took "
         "Beledweyne on Monday.", "Beledweyne", "SO", ("held", "islamic-courts")),
        ("2016-09-05", "Islamist fighters took Beledweyne on Monday.", "Beledweyne", "SO",
         ("held", "al-shabaab")),
    ],
    # "X, the group's capital": a side's capital is its base
    "capital_of_a_side": [
        ("2016-09-05", "The leadership in Jilib, al-Shabaab's capital, accused Kenya of sending "
         "troops.", "Jilib", "SO", ("held", "al-shabaab")),
    ],
    # "its / their" before a generic actor word: the actor the pronoun stands for (the last
    # one earlier in the sentence, else the first of the sentence before), not the state
    "its_troops": [
        ("2016-09-05", "The Pentagon says its troops are advancing towards Ramadi.", "Ramadi",
         "IQ", ("advancing", "us-coalition")),
        ("2016-09-05", "Al-Shabaab took Afgooye in May. Their forces are massed at Beledweyne.",
         "Beledweyne", "SO", ("held", "al-shabaab")),
        ("2016-09-05", "The army said its troops had retaken Beledweyne.", "Beledweyne", "SO",
         ("held", "so-government")),
    ],
    # "government and <demonym> troops": the government's forces and their ally's
    "government_and": [
        ("2007-01-05", "Beledweyne is now held by government and Ethiopian troops, a spokesman "
         "said.", "Beledweyne", "SO", ("held", "so-government")),
        ("2007-01-05", "Government and Ethiopian forces entered Beledweyne in the evening.",
         "Beledweyne", "SO", ("held", "so-government")),
        ("2016-01-05", "The government and the rebels signed a truce in Beledweyne.",
         "Beledweyne", "SO", (None, None)),
    ],
    # "X remains under <armed actor>" at a clause's end is X held by it ("under fire", "under
    # the army's protection" are not)
    "under_an_actor": [
        ("1992-09-05", "Rîbnița remains under the Dniester authorities, residents say.",
         "Rîbnița", "MD", ("held", "transnistria")),
        ("2016-09-05", "Beledweyne remains under al-Shabaab since May.", "Beledweyne", "SO",
         ("held", "al-shabaab")),
        ("2012-09-05", "Ansongo remains under fire from the army.", "Ansongo", "ML",
         (None, None)),
        ("2012-09-05", "Ansongo is under the army's protection.", "Ansongo", "ML", (None, None)),
    ],
}


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round11(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected
