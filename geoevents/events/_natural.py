"""A town's name before a word of nature names the river, gorge or valley, not the town: "dug
in along the Argun river", "the Vrbas valley" (docs/events.md, "Round nine")."""

from __future__ import annotations

import re

from ..model import Feature

#: the nature words after a town's name ("the Argun river"; a capital is a name of its own:
#: "Elephant Pass")
_NATURE_RE = re.compile(r"[^\S\n]+(?:river|gorge|valley|lagoon|ridge|mountains|hills|heights|"
                        r"estuary|delta|basin|plain|steppe)\b")


def names_nature(text: str, f: Feature) -> bool:
    """Whether the place mention ``f`` (not a region) is the first word of a river's, gorge's
    or valley's name: its events and control are not the town's.

    Parameters
    ----------
    text : str
    f : Feature

    Returns
    -------
    bool
    """
    return f.relation == "place" and f.kind != "area" and _NATURE_RE.match(text, f.end) is not None
