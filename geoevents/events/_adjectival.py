"""A state noun used as an adjective before a noun of things: "the Georgian military base",
"Russian army vehicles", "military operations" name no actor (docs/events.md, "Round
eight"; the generic row of geoevents/_sides.csv carries the same words for "military")."""

from __future__ import annotations

#: What follows a state noun that is an adjective: a lookahead for the end of an actor's
#: pattern
THINGS_AFTER = (r"(?!\s+(?:operations?|objects?|targets?|bases?|airbases?|installations?|"
                r"facilit(?:y|ies)|equipment|hardware|vehicles|exercises?|aid|academy|court)\b)")
