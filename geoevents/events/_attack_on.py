"""An attack on a place: "attacked X", "an assault on X", "laid siege to X" — an advance by
the attacker, not fighting inside the place (docs/events.md, round fifteen)."""

from __future__ import annotations

import re

from .sides import ActorMatch

# the attack's verb or noun, then the place as its object: "attacked (the town of) X",
# "an attack on / against X", "the siege of X", "laid siege to X"
_KIND = r"(?:(?:\w+\s+){0,2}?(?:town|city|village|port|capital|stronghold|base|garrison)\s+of\s+)"
_VERB_RE = re.compile(rf"(?:attack(?:ed|ing|s)?|assault(?:ed|ing|s)?|besieg(?:ed|es|e|ing)|"
                      rf"encircl(?:ed|es|e|ing)|surround(?:ed|s)?|laid\s+siege\s+to|"
                      rf"lay\s+siege\s+to|laying\s+siege\s+to)\s+(?:the\s+{_KIND}?)?", re.I)
_NOUN_RE = re.compile(rf"(?:attacks?|assaults?|offensive|siege|counter-?(?:attack|offensive)s?)"
                      rf"\s+(?:on|upon|against|of|to)\s+(?:the\s+{_KIND}?)?", re.I)


def attack_on(status: str, cat: str | None, text: str, trigger: tuple[int, int] | None,
              place_start: int, agent: ActorMatch | None, negated: bool,
              why: list[str]) -> tuple[str, str | None] | None:
    """(``advancing``, the attacker's side) for a ``contested`` place that is the object of
    an attack by a named armed side (the trigger's span ``trigger``, of category ``clash``
    or ``siege``), noted in ``why``; ``None`` otherwise (fighting inside the place, no
    attacker, a negated attack)."""
    if status != "contested" or cat != "clash" or trigger is None or negated:
        return None
    if agent is None or not agent.armed or not agent.side:
        return None
    start, _ = trigger
    if start >= place_start:
        return None
    if not any(r.fullmatch(text, start, place_start) for r in (_VERB_RE, _NOUN_RE)):
        return None
    why.append("an attack on the place")
    return "advancing", agent.side
