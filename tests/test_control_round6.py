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
         "Talkalakh", ("contested", "hts")),
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
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round6(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected
