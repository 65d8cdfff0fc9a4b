"""A speaker named by its country or a demonym ("Russia said …", "Ukrainian officials
said …") as an actor of its state's side, for the event reader: "its troops" in what it says
are its own, and a place it says was "liberated" was liberated by its side (docs/events.md,
"Round six")."""

from __future__ import annotations

import re

from .sides import ActorMatch, SideRule, speaker_side

#: what a side says of its own taking: "liberated", "freed", "the liberation of", and a
#: taking back ("retaken", "recaptured", "regained": the place returns to the speaker's side)
LIBERATED_RE = re.compile(r"(?:the\s+)?(?:liberat|freed\b|de-?occupied\b|re-?(?:taken|took|"
                          r"captured?\b|gained\b|conquered\b))", re.IGNORECASE)


#: a verb of saying and "in" / "from" just before a place: "a spokesman said in Freetown",
#: "told reporters in Kharkiv", "said on Tuesday from Kyiv"
_SAID_IN_RE = re.compile(r"\b(?:said|says|say|stated|announced|added|told\s+(?:reporters|"
                         r"journalists|the\s+BBC|a\s+news\s+conference|(?-i:[A-Z])[\w.]*))"
                         r"\s+(?:(?:on|late\s+on|early\s+on)\s+\w+\s+)?(?:in|from)\s+$",
                         re.IGNORECASE)


def said_in(text: str, start: int) -> bool:
    """Whether the place at ``start`` is where a statement was made ("…, a spokesman said in
    Freetown"): where the speaker was, not where the sentence's fighting was (docs/events.md,
    "Round twelve")."""
    return bool(_SAID_IN_RE.search(text, max(0, start - 60), start))


def speaker_actor(claimant: str, start: int, end: int) -> ActorMatch | None:
    """The claimant's words ``claimant`` (at ``start:end``) as a state actor when they name a
    country or begin with a demonym ("Russia", "Ukrainian officials"); else ``None``."""
    side = speaker_side(claimant)
    if side is None:
        return None
    rule = SideRule(claimant, claimant, side, 1, "the speaker's state (a country or demonym)",
                    (), -3, "geoevents/_demonyms.csv")
    return ActorMatch(claimant, start, end, rule, side)
