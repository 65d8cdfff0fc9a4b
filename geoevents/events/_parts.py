"""A part or a facility of a place: a taking or a hold of it is fighting in the place, not
its fall (docs/events.md, "Control statements as wire copy writes them", round four)."""

from __future__ import annotations

import re
from functools import cache

from .._tables import read_table
from ..model import Feature
from .sentence import Trigger

#: a part of a place before its name: "large parts of", "the eastern districts of"
_PART_WORDS = (r"(?:(?:roughly|about|around|nearly|almost|only|some|large|small|big|much|"
               r"more\s+than|over|the|a|an|two|three|several|\d+|[\w-]+ern|central)\s+){0,3}"
               r"(?:half|parts?|most|much|thirds?|quarters?|portions?|pockets?|swathes?|swaths?|"
               r"neighbou?rhoods|districts|sectors|sections|(?:(?<=ern\s)|(?<=tral\s))(?:district|"
               r"sector|section|neighbou?rhood))")  # not "the district of X": all of it


#: "the last / remaining / final <part> of X": what was left of X, so the whole of it
_LAST_RE = re.compile(r"\s+(?:full\s+control\s+of\s+)?the\s+(?:last|remaining|final)\b",
                      re.IGNORECASE)


@cache
def facility_pattern() -> str:
    """The facility nouns of ``geoevents/_facilities.csv`` as one regular expression."""
    return "(?:" + "|".join(f"(?:{r['noun']})" for r in read_table("_facilities.csv")) + ")"


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    fac = facility_pattern()
    # "the port of X", "IS headquarters in X", "large parts of X", "the university of X"
    before = re.compile(
        rf"\s+(?:full\s+|complete\s+|total\s+)?(?:control\s+(?:of|over)\s+)?(?:the\s+)?"
        rf"(?:{_PART_WORDS}\s+of|(?:[\w'’-]+\s+){{0,4}}?{fac}\s+(?:of|in|at|on|inside|near))"
        r"\s+(?:the\s+(?:town|city|village)\s+of\s+)?(?:the\s+)?", re.IGNORECASE)
    # "X airport", "X's port", "X's old military airfield" (modifiers after a possessive)
    after = re.compile(rf"(?:['’]s?\s+(?:(?-i:[a-z][\w-]*)\s+){{0,2}}?|\s+){fac}\b",
                       re.IGNORECASE)
    # a feature "the X air base" (not a bare "the port": that is the place's own)
    tail = re.compile(rf"^(?!(?:the|its|their)\s+{fac}$).*\S\s+{fac}$", re.IGNORECASE)
    return before, after, tail


def part_of_place(text: str, f: Feature, trig: Trigger | None, holder_end: int | None = None
                  ) -> bool:
    """Whether what is taken or held is a part or a facility of ``f``, not all of it: "took
    the port of X", "seized IS headquarters in X", "overran large parts of X", "control X
    airport", or a feature that is itself a facility named after its place ("the X air
    base", placed at X). ``holder_end``: where a hold's verb phrase ends, for holds."""
    before, after, tail = _regexes()
    if f.relation in ("near", "in") and tail.search(f.text):
        return True  # placed at its place ("the X air base"), not at an edge it names
    end = trig.end if trig is not None and trig.end <= f.start else holder_end
    if end is not None and before.fullmatch(text, end, f.start) and not _LAST_RE.match(
            text, end):  # "took the last buildings in X": the rest of X, so all of it
        return True
    return f.relation == "place" and bool(after.match(text, f.end))
