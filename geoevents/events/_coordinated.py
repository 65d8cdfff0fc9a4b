"""A hold said with more words between its subject and its place than the held-verb
pattern allows: a coordinated subject ("Government forces and tribal fighters still hold
X") and a list whose first names are no places found ("IS still holds A, B and X", A and B
not in the gazetteer) (docs/events.md, "Round seven")."""

from __future__ import annotations

import re

#: "and (the / their / its)" after the first subject: a second subject of up to four words
_AND_RE = re.compile(r"\s+and\s+(?:the\s+|their\s+|its\s+)?")
#: the names of a list before the place, none of them a place found: "A, B and "
_NAMES_RE = re.compile(r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}(?:,\s+|,?\s+and\s+))+\Z")
_WORD_RE = re.compile(r"[\w'’-]+")


def coordinated_hold(gap: str, verb_re: re.Pattern[str]) -> re.Match[str] | None:
    """The held-verb match of ``gap`` (the words between a holder and its place) after a
    second subject ("and tribal fighters") and/or before a list of names that are no places
    found ("Qaim, Rawa and "); ``None`` when neither makes the rest a held verb.

    Parameters
    ----------
    gap : str
    verb_re : re.Pattern
        The held-verb pattern (matched whole, from a subject's end to its object).

    Returns
    -------
    re.Match or None
    """
    names = _NAMES_RE.search(gap)
    ends = [len(gap)] + ([names.start()] if names else [])
    starts = [0]
    head = _AND_RE.match(gap)
    if head is not None:
        # each way the second subject may end: "and the police", "and allied tribal fighters"
        pos = head.end()
        for w in _WORD_RE.finditer(gap, pos):
            if w.start() != pos or len(starts) > 4:
                break
            starts.append(w.end())
            pos = w.end() + len(gap[w.end():]) - len(gap[w.end():].lstrip())
    for s in starts:
        for e in ends:
            if (s, e) == (0, len(gap)):
                continue
            m = verb_re.fullmatch(gap, s, e)
            if m is not None:
                return m
    return None
