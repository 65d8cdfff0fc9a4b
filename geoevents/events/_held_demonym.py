"""A country's demonym before the control words ("Georgian-held", "in Chadian hands",
"under Croatian control") as that state's side: the demonym rule of the sides table for the
words of control, for every demonym the demonym table knows (docs/events.md, "Round seven")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

#: What follows a demonym that names the state holding a place.
_CONTROL = (r"(?=-(?:held|controlled)\b|\s+(?:full\s+|firm\s+)?"
            r"(?:control|hands|stronghold)\b)")


#: a word of the state between the demonym and the control words: "under Georgian
#: government control", "in Somali federal hands" (part of the match)
_STATE = (r"(?:\s+(?:government|federal|state|military|army)(?=\s+(?:full\s+|firm\s+)?"
          r"(?:control|hands)\b))?")


@lru_cache(maxsize=4)
def _regex(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?P<dem>" + alts + r")" + _STATE + _CONTROL)


def control_demonyms(text: str, words: Iterable[str]) -> Iterator[re.Match[str]]:
    """The demonyms among ``words`` ("Georgian", "Central African") in ``text`` that stand
    before the control words: "-held", "-controlled", "(full/firm) control", "hands",
    "stronghold", perhaps after a word of the state ("government control", part of the
    match); case-sensitive (a demonym is written with a capital).

    Parameters
    ----------
    text : str
    words : iterable of str
        The demonyms.

    Returns
    -------
    iterator of re.Match
        Each demonym's match (the demonym itself: group ``dem``), in text order.
    """
    if "held" not in text and "control" not in text and "hands" not in text \
            and "stronghold" not in text:
        return iter(())
    return _regex(tuple(sorted(words))).finditer(text)
