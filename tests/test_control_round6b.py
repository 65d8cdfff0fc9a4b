"""Control statements, round six, part two (issue 14): sentences written for these tests, in
other words and about other places and wars than the development sequences, one group per
class of construction. Features come from the real pipeline."""

from __future__ import annotations

import pytest
from _helpers import status_of

CASES = {
    # an administrative area the report names as a district ("X district", "the district of
    # X", "X and Y districts") is held, lost and fought over as a whole, like a town; a
    # province, a region or a country stays a region (no control status)
    "district": [
        ("The Taliban seized Gizab district in Daykundi on Monday.", "Gizab district",
         ("held", "taliban")),
        ("Taliban fighters took control of the district of Ghoriyan on Monday.", "Ghoriyan",
         ("held", "taliban")),
        ("The Taliban overran Qurghan district.", "Qurghan district", ("held", "taliban")),
        ("The Taliban took control of the districts of Ghoriyan and Gizab.", "Ghoriyan",
         ("held", "taliban")),
        ("The Taliban took control of the districts of Ghoriyan and Gizab.", "Gizab",
         ("held", "taliban")),
        # parts of a district are fighting in it
        ("The Taliban took large parts of Qurghan district.", "Qurghan district",
         ("contested", "taliban")),
        ("Fighting went on in Mahmudiya District on Monday.", "Mahmudiya District",
         ("contested", None)),
        # the province a district lies in, and a province fought over, stay regions
        ("The Taliban seized Gizab district in Daykundi on Monday.", "Daykundi", (None, None)),
        ("Clashes went on in Helmand province on Monday.", "Helmand province", ("unknown", None)),
    ],
    # "the militia" in Yemen is the Houthis (the government's usage), as in Sudan the RSF
    "militia_yemen": [
        ("The militia seized Al Hazm, the capital of Al Jawf, on Monday, the Yemeni army said.",
         "Al Hazm", ("held", "houthis")),
        ("The Yemeni army said the militia seized Nihm district, east of Sanaa, on Monday.",
         "Nihm district", ("held", "houthis")),
    ],
    # a non-restrictive relative clause between a place and its predicate: the predicate is
    # still the place's ("X, which never fell to Y, remains in Z's hands")
    "relative_then_predicate": [
        ("Kunduz, which the Taliban besieged in May, is still held by the army.", "Kunduz",
         ("held", "af-government")),
        ("Kunduz, which never fell to the Taliban, remains in government hands.", "Kunduz",
         ("held", "af-government")),
        ("Kunduz, which never fell to the Taliban, has been under army control since 2001.",
         "Kunduz", ("held", "af-government")),
    ],
    # the places a taken region is said to include share the taking, a time between or not
    "region_including": [
        ("The army has retaken almost all of Kunduz province, including Khanabad and Imam "
         "Sahib.", "Imam Sahib", ("held", "af-government")),
        ("The army has retaken almost all of Kunduz province since the start of May, including "
         "Khanabad, Imam Sahib and Archi.", "Archi", ("held", "af-government")),
        ("The army has retaken almost all of Kunduz province since May, including Khanabad, "
         "Imam Sahib and Archi.", "Kunduz province", ("unknown", None)),
    ],
    # a trigger after the place, in a coordinated clause with its own subject, does not take
    # the place from the taking before it
    "new_clause": [
        ("The Taliban closed all the roads to the town after they took control of the "
         "neighbouring districts of Ghoriyan and Gizab, and they shell the villages with "
         "rockets, a local official said.", "Gizab", ("held", "taliban")),
        ("The Taliban took Khanabad, and they shelled Archi.", "Archi",
         ("unknown", None)),
        ("The Taliban took Khanabad, and they shelled Archi.", "Khanabad",
         ("held", "taliban")),
    ],
}


@pytest.mark.parametrize(("sentence", "needle", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round6b(gaz, sentence, needle, expected):
    assert status_of(gaz, sentence, needle) == expected
