"""A place after "…, as is / as have" stands in the state of the place before it: "Argun is
now in federal hands, as is Shali"; "Kreminna has been held since March, as have Lyman to the
north and Svatove further east" (docs/events.md, "Round nine")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Feature
from ._why import add_why

#: the ellipsis before the place: ", as is", ", as have also", ", as has the town of"
_AS_IS_RE = re.compile(r",\s+as\s+(?:is|are|was|were|has|have|had)\s+(?:also\s+)?"
                       r"(?:the\s+(?:town|city|village|port)s?\s+of\s+)?$", re.IGNORECASE)
#: between two places of the ellipsis: a short description, then "and" or a comma
_NEXT_RE = re.compile(r"(?:[^\S\n]+[\w-]+){0,4}?,?\s+(?:and\s+)?(?:the\s+(?:town|city|"
                      r"village)\s+of\s+)?$|,\s+$")
_STATES = ("held", "lost")


def ellipsis_holds(text: str, spans: Sequence[tuple[int, int]], out: list[Feature]) -> None:
    """Give each place of an ellipsis ("…, as is Y", "…, as have Y to the north and Z") the
    control status and side of the last place before it in its sentence that has one (held
    or lost); the features of ``out`` (in text order) are changed in place.

    Parameters
    ----------
    text : str
    spans : sequence of (int, int)
        The sentences.
    out : list of Feature
    """
    if ", as " not in text:
        return
    order = sorted(range(len(out)), key=lambda i: out[i].start)
    for s, e in spans:
        if ", as " not in text[s:e]:
            continue
        here = [out[i] for i in order if s <= out[i].start < e and out[i].relation == "place"]
        source: Feature | None = None  # the last place before with a state
        chain: int | None = None  # the end of the ellipsis's last place
        for f in here:
            lead = text[max(s, f.start - 60):f.start]
            if source is not None and (_AS_IS_RE.search(lead) or (
                    chain is not None and _NEXT_RE.fullmatch(text, chain, f.start))):
                if f.status not in _STATES:
                    f.status, f.side = source.status, source.side
                    add_why(f, f"status {f.status} ({f.side}) as {source.text!r}'s (an "
                               "ellipsis: ', as is …')")
                chain = f.end
                continue
            chain = None
            if f.status in _STATES and f.side:
                source = f
