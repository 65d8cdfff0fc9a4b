"""A name made of common words ("New Market", "The Post", "Metro") read as a small place
needs more than its letters: the text's other names must reach that place's country
(docs/resolution.md, "Round ten")."""

from __future__ import annotations

import re

from .._terse import is_terse
from ..gazetteer import Gazetteer
from ..model import Mention

#: A word this frequent (Zipf) is a common word; a name all of whose words are is a common
#: noun phrase before it is a place's name…
COMMON_ZIPF = 4.0
#: …and when all its readings are settlements under this population ("Metro", a city of
#: 182,000 in Indonesia), they are kept only where the note's other names may be.
SMALL_POPULATION = 200_000
_WORD_RE = re.compile(r"[^\W\d_]+")
#: What says a name is a settlement's, right before it ("the industrial town of Hub").
_SETTLEMENT_OF_RE = re.compile(r"\b(?:town|village|city|hamlet|settlement)\s+of\s+$",
                               re.IGNORECASE)


def drop_unsupported_common_nouns(text: str, mentions: list[Mention], gaz: Gazetteer
                                  ) -> None:
    """In a terse note (:func:`~geoevents._terse.is_terse`: an article ranges wider), leave
    to each name made of common words (every word of Zipf :data:`COMMON_ZIPF` or more: "New
    Market", "The Post", "Metro") whose readings are all settlements under
    :data:`SMALL_POPULATION` only those in a country where some other mention of the note
    has a candidate: "the Metro depot in Multan" is no city of Indonesia, "The Post
    newspaper" alone no town of the United States; "the town of Hub" is a town's name."""
    if not is_terse(text):
        return
    words = {id(m): _WORD_RE.findall(m.text.lower()) for m in mentions
             if m.candidates and not m.modifier and m.role in ("toponym", "named")}
    if not words:
        return
    zipf = gaz.words_zipf({w for ws in words.values() for w in ws})
    for m in mentions:
        ws = words.get(id(m))
        if (not ws or min(zipf[w] for w in ws) < COMMON_ZIPF
                or _SETTLEMENT_OF_RE.search(text, max(0, m.start - 30), m.start)):
            continue
        if any(not p.is_settlement or p.population >= SMALL_POPULATION
               for p in m.candidates):
            continue  # "Salt Lake" may be Salt Lake County: a place named from afar
        countries = {p.country for o in mentions if o is not m and o.name != m.name
                     for p in o.candidates}
        m.candidates = tuple(p for p in m.candidates if p.country in countries)
