"""Fighting in a place just taken keeps the hold: a day whose claims are only fighting in the
place or attacks on it, after a recent hold reported from the fighting (docs/frontlines.md,
step 2, round 10b)."""

from __future__ import annotations

from collections.abc import Sequence

from ..timeline import Claim
from ._allies import one_camp
from .model import FrontlineParams


def kept_by_fighting(group: Sequence[Claim], side: str | None, hold: Sequence[Claim],
                     params: FrontlineParams) -> str | None:
    """The basis of a hold kept through a day of fighting, else None.

    Parameters
    ----------
    group
        The day's standing claims about one place.
    side
        The side that held the place before the day.
    hold
        The claims that hold rests on.
    params
        The method's parameters (``memory_days``).

    Returns
    -------
    str or None
        ``"held by A: fighting reported on D, after the hold reported on H; no report since
        says who holds it"`` when every claim of the day is ``contested`` or ``advancing``
        (at least one ``contested``), no claim names A or an ally of A as the fighter, and
        A's hold rests on a ``held`` or ``lost`` claim with an event (a taking, or a hold
        reported from the fighting; not a standing state such as "X remains in A's hands")
        at most ``memory_days`` older than the day.
    """
    day = group[0].day if group else None
    if not side or day is None or not any(c.status == "contested" for c in group) or any(
            c.status not in ("contested", "advancing") for c in group):
        return None
    if any(c.side and (c.side == side or one_camp({c.side, side}, day=day)) for c in group):
        return None
    reported = [c for c in hold if c.status in ("held", "lost") and c.event_type is not None
                and c.day and 0 <= (day - c.day).days <= params.memory_days]
    if not reported:
        return None
    then = max(c.date or "" for c in reported)
    return (f"held by {side}: fighting reported on {group[0].date}, after the hold reported "
            f"on {then}; no report since says who holds it")
