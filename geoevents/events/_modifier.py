"""What the event reader reads as no state of a place: a place naming a region or a route of
something else ("the Kharkiv direction", "the Hama and Idlib countrysides", "the road which
leads to X": no control status), and a taking said as a hypothesis ("a Houthi capture of
Marib would …": no event); docs/events.md, "Round six"."""

from __future__ import annotations

import re

#: region nouns a place name may qualify ("attacking in the X direction", "the X and Y
#: countrysides", "the X and Y areas", "the X front"): the place is the region's name only
_REGION_NOUNS = r"countrysides?|directions?|ax[ie]s|areas|sectors?|fronts?"
_NAME = r"[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*){0,2}"
_MODIFIER_RE = re.compile(
    r"(?:\s*(?:,|,?\s+and|,?\s+or)\s+" + _NAME + r")*\s+(?:" + _REGION_NOUNS + r")(?![\w-])")
#: a route that leads to the place: "(on) the road along the lake which leads to X"
_ROUTE_RE = re.compile(
    r"\b(?:road|highway|route|track|railway)\b[^.;:]{0,50}?\b(?:which|that)\s+(?:leads|runs|"
    r"goes|heads)\s+(?:on\s+)?(?:to|towards|into)\s+(?:the\s+(?:town|city)\s+of\s+)?$",
    re.IGNORECASE)
#: what follows a nominal taking said as a hypothesis: its object, then a modal ("a capture
#: of X would remove …", "the fall of X to Y could open …")
_HYPOTHESIS_RE = re.compile(
    r"(?:\s+of)?\s+(?:the\s+)?(?:(?!(?:on|in|last|since|after|earlier|this)\s)[\w'’-]+\s+)"
    r"{1,6}?(?:would|could|might|will)\s+(?!not\b)",
    re.IGNORECASE)


def names_region(text: str, start: int, end: int, *, defence: bool = False) -> bool:
    """Whether the place at ``start:end`` only names a region or a route of something else
    ("in the X countryside", "the X and Y areas", "the road which leads to X"); with
    ``defence`` (the place's event is a defence), a direction or axis is none: "repelled
    attacks in the X direction" stays the defender's claim (docs/events.md, round three)."""
    m = _MODIFIER_RE.match(text, end)
    if m is not None and not (defence and re.search(r"(?:directions?|ax[ie]s)$", m.group())):
        return True
    return bool(_ROUTE_RE.search(text, max(0, start - 90), start))


def hypothetical_taking(text: str, end: int) -> bool:
    """Whether the nominal taking ending at ``end`` ("capture", "the fall") is followed by its
    object and a modal: a hypothesis, not an event ("a Y capture of X would remove …")."""
    return bool(_HYPOTHESIS_RE.match(text, end))
