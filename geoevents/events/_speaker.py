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


def speaker_actor(claimant: str, start: int, end: int) -> ActorMatch | None:
    """The claimant's words ``claimant`` (at ``start:end``) as a state actor when they name a
    country or begin with a demonym ("Russia", "Ukrainian officials"); else ``None``."""
    side = speaker_side(claimant)
    if side is None:
        return None
    rule = SideRule(claimant, claimant, side, 1, "the speaker's state (a country or demonym)",
                    (), -3, "geoevents/_demonyms.csv")
    return ActorMatch(claimant, start, end, rule, side)
