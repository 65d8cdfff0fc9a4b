"""A non-restrictive relative clause between a place and its predicate: "X, which never fell
to Y, is still held by Z" (docs/events.md, round six part two)."""

from __future__ import annotations

import re

#: ", which / where / whose … ," — no quote, bracket or sentence end inside, a comma after
_RELATIVE_RE = re.compile(r"\s*,\s*(?:which|where|whose)\s+[^,;.()\"“”]{2,100}?,\s*(?!\d)",
                          re.IGNORECASE)
#: what follows the clause is a predicate of the place: a verb of being or remaining
_PREDICATE_RE = re.compile(r"(?:is|are|was|were|has|have|had|remains?|remained|stays?|stayed|"
                           r"lies|lay)\b", re.IGNORECASE)


#: a relative clause set off by commas anywhere in a sentence: ", which has run X since Y
#: withdrew in 2012,", ", who …,"
_SET_OFF_RE = re.compile(r",\s*(?:which|who|whom|whose|where)\s[^,;:()\"“”]{1,160}?,",
                         re.IGNORECASE)


def set_off_relatives(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the relative clauses set off by commas in ``text[start:end]`` (from the
    comma before "which" / "who" to the comma that closes it): an actor named inside one is
    not the subject of the main clause's verbs, nor what a later "its" / "their" stands for
    ("The YPG, which has run X since government forces withdrew in 2012, said its fighters
    had repelled attacks near Y": the YPG's)."""
    return [(m.start(), m.end()) for m in _SET_OFF_RE.finditer(text, start, end)]


def relative_end(text: str, end: int, stop: int) -> int | None:
    """Where a relative clause after a place ending at ``end`` closes, when the place's own
    predicate follows it ("X, which the army besieged in May, remains in Y's hands"); else
    ``None``."""
    m = _RELATIVE_RE.match(text, end, stop)
    if m is None or not _PREDICATE_RE.match(text, m.end(), stop):
        return None
    return m.end()
