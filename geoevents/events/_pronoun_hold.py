"""A hold whose subject is a pronoun opening the sentence: "Russian forces shelled X. They
have held Y since April" — the pronoun stands for the last actor named before the sentence
(docs/events.md, "Round seven")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .sides import ActorMatch

#: the sentence's opening pronoun, after an optional short opener ("Further south, they")
_OPENING_RE = re.compile(r"\s*(?:[\w'’-]+(?:\s+[\w'’-]+){0,3},\s+)?(?:[Tt]hey|It|it)(?=\s)")
#: how far before the sentence the antecedent may be named (about two sentences)
_REACH = 400


def pronoun_subject(text: str, sent_start: int, start: int, actors: Sequence[ActorMatch],
                    verb_re: re.Pattern[str]) -> tuple[ActorMatch, bool] | None:
    """The holder of a place at ``start`` when its sentence (from ``sent_start``) opens with
    "they" / "it" and a held verb ("They have held X since April", "It still controls X"):
    the last actor named before the sentence, within :data:`_REACH` characters, when it is
    armed and has a side; with whether only a part is held (``verb_re``'s group ``part``).

    Parameters
    ----------
    text : str
    sent_start, start : int
        Where the sentence and the place begin.
    actors : sequence of ActorMatch
        Every actor of the report, in text order.
    verb_re : re.Pattern
        The held-verb pattern (matched whole, from the pronoun's end to the place).

    Returns
    -------
    (ActorMatch, bool) or None
    """
    m = _OPENING_RE.match(text, sent_start, start)
    if m is None:
        return None
    verb = verb_re.fullmatch(text, m.end(), start)
    if verb is None:
        return None
    before = [a for a in actors if a.end <= sent_start and sent_start - a.end <= _REACH]
    if not before or not before[-1].armed or not before[-1].side:
        return None
    return before[-1], bool(verb.group("part"))
