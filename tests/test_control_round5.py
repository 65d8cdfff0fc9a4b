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
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round5(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected
