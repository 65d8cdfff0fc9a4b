"""From cue to ACLED event: one table, :data:`EVENT_TYPES`, says what each trigger category
(:data:`geoevents.events.triggers.TRIGGERS`, plus ``civil``/``abduct`` for violence against
civilians and ``kill`` for a killing with no weapon named) is as an ACLED event type and
sub-event type, and which control status rule (:data:`geoevents.events.control.STATUS_RULES`)
it applies. To change how a cue is read ("how 'cleared' is read" is a change to a lexicon of
``triggers.py`` or to a row here), edit the row; docs/events.md states the rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .control import STATUS_RULES, Scene
from .sides import SideTable, is_government

__all__ = ["EVENT_TYPES", "Cue", "classify"]


class Cue(NamedTuple):
    """One row of :data:`EVENT_TYPES`.

    Parameters
    ----------
    cues : str
        The trigger categories of the row, space-separated.
    when : str
        A condition of :data:`CONDITIONS` the scene must meet (``""``: always).
    event_type, sub_event_type : str
        ACLED's event type and sub-event type.
    status : str
        The control status rule (a key of :data:`geoevents.events.control.STATUS_RULES`).
    """

    cues: str
    when: str
    event_type: str
    sub_event_type: str
    status: str


_B, _C = "Battles", "Armed clash"
_R = "Explosions/Remote violence"
_V = "Violence against civilians"
_S = "Strategic developments"

#: Cue → ACLED event type, sub-event type and control status rule. The rows are tried in
#: this order; the first whose category and condition match gives the event. A category in
#: no row (no trigger: a held phrase or fatalities alone) gives no event, status ``unknown``.
EVENT_TYPES: tuple[Cue, ...] = (
    Cue("take fall fallof", "government taker", _B, "Government regains territory", "taken"),
    Cue("take fall fallof", "taker", _B, "Non-state actor overtakes territory", "taken"),
    Cue("take fall fallof", "", _B, _C, "taken"),  # no taker named: status unknown
    Cue("lose", "no fighting", _S, "Non-violent transfer of territory", "lost"),
    Cue("lose", "", _B, _C, "lost"),
    Cue("enter", "", _B, _C, "entered"),
    Cue("advance prox", "", _B, _C, "advancing"),
    Cue("siege", "", _B, _C, "besieged"),
    Cue("defend", "", _B, _C, "defended"),
    Cue("fail clash", "", _B, _C, "contested"),
    Cue("civil", "", _V, "Attack", "unknown"),
    Cue("abduct", "", _V, "Abduction/forced disappearance", "unknown"),
    Cue("air", "", _R, "Air/drone strike", "unknown"),
    Cue("shell", "", _R, "Shelling/artillery/missile attack", "unknown"),
    Cue("ied", "", _R, "Remote explosive/landmine/IED", "unknown"),
    Cue("suicide", "", _R, "Suicide bomb", "unknown"),
    Cue("displace", "", _S, "Other", "unknown"),
    Cue("kill", "", _B, _C, "unknown"),
)


class _Context(NamedTuple):
    scene: Scene
    nofight: bool
    table: SideTable
    country: str | None


#: The conditions a row of :data:`EVENT_TYPES` may ask of its scene.
CONDITIONS: dict[str, Callable[[_Context], bool]] = {
    "": lambda c: True,
    "taker": lambda c: c.scene.agent is not None,
    "government taker": lambda c: c.scene.agent is not None and is_government(
        c.scene.agent, c.table, c.country),
    "no fighting": lambda c: c.nofight,  # "without a fight", "under a deal", "handed over"
}
_BY_CUE: dict[str, tuple[Cue, ...]] = {}
for _row in EVENT_TYPES:
    for _cue in _row.cues.split():
        _BY_CUE[_cue] = (*_BY_CUE.get(_cue, ()), _row)


def classify(cat: str | None, scene: Scene, *, nofight: bool, table: SideTable,
             country: str | None) -> tuple[str | None, str | None, str, str | None]:
    """The event of a trigger category in a scene.

    Parameters
    ----------
    cat : str or None
        The governing trigger's category (``fled`` already read as ``lose`` or
        ``displace``); ``None`` when no trigger governs the place.
    scene : Scene
        The text, the trigger, the agent and the other side's actor.
    nofight : bool
        Whether the sentence says the place changed hands without fighting.
    table : SideTable
        The sides table (who fights with the government).
    country : str or None
        The report's country (ISO alpha-2).

    Returns
    -------
    (event_type, sub_event_type, status, side)
        ``(None, None, "unknown", None)`` for a category of no row.
    """
    context = _Context(scene, nofight, table, country)
    for row in _BY_CUE.get(cat or "", ()):
        if CONDITIONS[row.when](context):
            status, side = STATUS_RULES[row.status](scene)
            return row.event_type, row.sub_event_type, status, side
    return None, None, "unknown", None
