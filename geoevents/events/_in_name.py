"""A trigger word written inside a place's name is no event: "Grad" (the rocket launcher) in
"Mrkonjić Grad", "Mine" in a town so called (docs/events.md, "Round nine")."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Feature
from .sentence import Sentence


def drop_name_triggers(sent: Sentence, feats: Sequence[Feature]) -> Sentence:
    """``sent`` without the triggers written with a capital inside the name of one of its
    places (``feats``, relation ``place``); the same object, changed in place.

    Parameters
    ----------
    sent : Sentence
    feats : sequence of Feature
        The sentence's features.

    Returns
    -------
    Sentence
    """
    names = [(f.start, f.end) for f in feats if f.relation == "place"]
    if names and sent.triggers:
        sent.triggers = [t for t in sent.triggers if not (
            t.text[:1].isupper() and any(a <= t.start and t.end <= b for a, b in names))]
    return sent
