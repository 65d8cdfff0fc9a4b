"""Names of institutions that sit in the place they are named after ("the Lahore Press Club",
"Rajshahi University"): in a terse note, where the event happened (docs/resolution.md,
round five)."""

from __future__ import annotations

import re
from collections import Counter

from ._normalize import name_key
from .model import Mention

#: Institutions with a seat: a building or campus in the place whose name they bear. Bodies
#: that act over an area (police, government, party, union, agency) are left out: "Sindh
#: Police" or "the Delhi Congress" act wherever they are; so are "court", a street's word too
#: ("Rye Court"), and "centre", a venue's named after a city elsewhere ("the Ouagadougou
#: Centre" in Sirte).
SEAT_WORDS = frozenset({
    "university", "college", "campus", "institute", "school", "academy", "press",
    "hospital", "clinic", "corporation", "municipality", "township", "courthouse", "bench",
    "secretariat", "stadium", "cantonment", "jail", "prison", "airport", "station",
})
#: Words between the name and the institution's word ("Dhaka Medical College", "Kolkata
#: Municipal Corporation", "Chittagong Central Jail").
_BETWEEN = ("city", "metropolitan", "municipal", "divisional", "district", "sadar", "medical",
            "central", "government", "general", "civil", "main", "new", "old", "railway")
_SEAT_RE = re.compile(r"[\s\u00a0]+(?:(?:{})[\s\u00a0]+)*({})\b".format(
    "|".join(_BETWEEN), "|".join(sorted(SEAT_WORDS))), re.I)
#: A town this populous is a seat with no other cue in the note ("the Lahore Press Club").
SEAT_ALONE_POPULATION = 100_000
#: Kinds of place that may be a seat: a settlement, or a district named after its town.
_SEAT_KINDS = frozenset({"admin2", "city", "town", "village", "settlement"})


def place_seats(text: str, mentions: list[Mention], cues: Counter) -> None:
    """A name that extraction took as part of an institution's name (a modifier) whose word
    is in :data:`SEAT_WORDS` becomes a place of the note (``modifier`` unset) when its place
    is a settlement or a district bearing the name as its own, in a country the note's other
    names cue (``cues``, less the 2 an unambiguous name gives its own country) or of
    :data:`SEAT_ALONE_POPULATION` people at least: "Jagannath University" is named after no
    town, and a village abroad is no seat. Call for terse
    notes only: an article names a university for its experts, a note for where the students
    marched."""
    for m in mentions:
        p = m.place
        if (not m.modifier or m.role != "toponym" or m.feature is not None or p is None
                or p.kind not in _SEAT_KINDS or name_key(p.name) != name_key(m.name)
                or not _SEAT_RE.match(text, m.end)):
            continue
        mine = 2 if len(m.candidates) == 1 else 0
        if p.population >= SEAT_ALONE_POPULATION or cues.get(p.country, 0) - mine > 0:
            m.modifier = False
