"""A generic actor word after "its" or "their" ("the coalition says its troops are …",
"Their forces are massed at X") is the force of the actor the pronoun stands for, not the
report's state by default (docs/events.md, "Round eleven: its troops")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ._nonrestrictive import set_off_relatives

if TYPE_CHECKING:  # sides imports this module
    from .sides import ActorMatch

__all__ = ["country_possessor", "possessor_side"]

_PRONOUN_RE = re.compile(r"(?:^|(?<=[\s(\"“]))(?:its|their)\s+$", re.IGNORECASE)
_ITS_RE = re.compile(r"(?:^|(?<=[\s(\"“]))its\s+$", re.IGNORECASE)
#: a country (or its capital's people) named as the speaker of a sentence: "Iraq said",
#: "China claimed on Tuesday"; its name is the group
_COUNTRY_SPEAKER_RE = re.compile(
    r"(?<![\w'’-])([A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w'’-]*)?)[^\S\n]+(?:has[^\S\n]+|had[^\S\n]+)?"
    r"(?:said|says|claimed|claims|announced|announces|reported|reports|stated|states|"
    r"insisted|insists|confirmed|confirms|denied|denies)\b")
#: where a sentence ends: a full stop, question or exclamation mark before a space, or a line
_END_RE = re.compile(r"[.!?][\"”’]?\s|\n")


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` begins (after the last sentence end before it)."""
    last = 0
    for m in _END_RE.finditer(text, max(0, pos - 400), pos):
        last = m.end()
    return last


def possessor_side(text: str, start: int, before: Sequence[ActorMatch]) -> str | None:
    """The side of the actor "its" / "their" just before ``start`` stands for: the last actor
    named earlier in the sentence (its own side, even a generic word's: "the army said its
    troops") and not inside a relative clause set off by commas ("The YPG, which has run X
    since government forces withdrew in 2012, said its fighters …": the YPG's), else the
    first one of the sentence before; None when there is no pronoun or no such actor with a
    side. ``before`` are the actors found before ``start``, in text order."""
    if not _PRONOUN_RE.search(text, max(0, start - 8), start):
        return None
    here = _sentence_start(text, start)
    inside = set_off_relatives(text, here, start)
    same = [a for a in before if a.start >= here and a.end <= start
            and not any(s < a.start and a.end < e for s, e in inside)]
    if same:
        return same[-1].side
    prev = _sentence_start(text, max(0, here - 1))
    earlier = [a for a in before if prev <= a.start < here]
    return earlier[0].side if earlier else None


def country_possessor(text: str, start: int, side_of: Callable[[str], str | None]
                      ) -> str | None:
    """The side of the country "its" just before ``start`` stands for when the sentence's
    speaker is a country named as such ("China said on Tuesday that its troops had entered
    X": China's), the last such speaker before the pronoun; ``side_of`` gives a name's state
    side (``sides.speaker_side``), ``None`` for a name that is no country. ``None`` when
    there is no "its" or no such speaker (docs/events.md, "Round thirteen")."""
    if not _ITS_RE.search(text, max(0, start - 8), start):
        return None
    found = None
    for m in _COUNTRY_SPEAKER_RE.finditer(text, _sentence_start(text, start), start):
        found = side_of(m.group(1)) or found
    return found
