"""An attack on a place: "attacked X", "an assault on X", "the siege of X" — an advance by
the attacker, not fighting inside the place (docs/events.md, round fifteen). The verbs of
besieging ("laid siege to X", "surrounded X") are triggers of their own category and keep
their own rule."""

from __future__ import annotations

import re

from .sides import ActorMatch

# the attack's verb or noun (a ``clash`` trigger), then the place as its object: "attacked
# (the town of) X", "an attack on / against X", "the siege of X"
_KIND = r"(?:(?:\w+\s+){0,2}?(?:town|city|village|port|capital|stronghold|base|garrison)\s+of\s+)"
_VERB_RE = re.compile(rf"(?:attack(?:ed|ing|s)?|assault(?:ed|ing|s)?)\s+(?:the\s+{_KIND}?)?",
                      re.I)
_NOUN_RE = re.compile(rf"(?:attacks?|assaults?|offensive|siege|counter-?(?:attack|offensive)s?)"
                      rf"\s+(?:on|upon|against|of|to)\s+(?:the\s+{_KIND}?)?", re.I)

# before the trigger: the one attacked ("came under attack"), an attack not yet made
# ("planning a major attack on X", "threatened to attack X")
_NOT_MADE_RE = re.compile(r"(?:\bunder|\b(?:plan|threat|prepar|vow|intend)\w*\s+(?:to\s+|an?\s+|"
                          r"the\s+)?(?:[\w-]+\s+)?)\s*$", re.I)
# a determiner before the trigger makes it a noun: "an attack near X" is no "attacked X"
_NOUN_BEFORE_RE = re.compile(r"\b(?:an?|the|its|their|his|her|this|that|new|fresh|renewed|"
                             r"major|[\w-]+['’]s)\s+$", re.I)


def attack_on(status: str, cat: str | None, text: str, start: int | None,
              place_start: int, agent: ActorMatch | None, negated: bool,
              why: list[str]) -> tuple[str, str | None] | None:
    """(``advancing``, the attacker's side) for a ``contested`` place that is the object of
    an attack by a named armed side (the trigger starting at ``start``, of category
    ``clash``), noted in ``why``; ``None`` otherwise (fighting inside the place, no
    attacker, a negated attack)."""
    if status != "contested" or cat != "clash" or start is None or negated:
        return None
    if agent is None or not agent.armed or not agent.side:
        return None
    if start >= place_start:
        return None
    before = text[max(0, start - 60):start]
    if _NOT_MADE_RE.search(before):
        return None
    forms = (_NOUN_RE,) if _NOUN_BEFORE_RE.search(before) else (_VERB_RE, _NOUN_RE)
    if not any(r.fullmatch(text, start, place_start) for r in forms):
        return None
    why.append("an attack on the place")
    return "advancing", agent.side
