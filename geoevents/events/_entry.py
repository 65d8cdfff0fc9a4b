"""One report's fighting in a place by the side the same report, in its own voice, says holds
or took it: an entry that is part of the taking ("Rebels seized X on Thursday … his fighters
had entered X"), not a contest (docs/events.md, "Round six")."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Feature


def holder_entries(features: Sequence[Feature]) -> None:
    """Make ``held`` (in place) each feature the report gives as ``contested`` by a side
    that another mention of the same place, in the same report, says holds it in its own
    voice (a side's claim — "Kyiv says X retaken" — and an entry stay a contest); both are
    mentions of the place itself (``relation == "place"``: not its districts, outskirts or a
    facility named after it); a negated mention or one with no side stays as it is."""
    held = {(f.place_id, f.side) for f in features if f.status == "held" and f.place_id
            and f.side and not f.negated and f.claimed_by is None and f.relation == "place"}
    for f in features:
        if f.status == "contested" and f.side and not f.negated and f.relation == "place" and (
                f.place_id, f.side) in held:
            f.status = "held"
            f.explain = [*f.explain, f"held: the report says {f.side} holds the place"]
