"""A people named with a country's demonym ("Bosnian Serb forces", "the Bosnian Croats") is
no state: it is a side of its own, keyed by the people's name, and the people's own word
("the Serbs", "Serb-held", "Serb forces") is that side in the same report (docs/events.md,
"Round nine")."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

#: what makes a people's word an actor: its forces, or its name in the plural
_FORCE = (r"(?:forces|troops|army|soldiers|units|militias?|fighters|rebels|separatists|"
          r"paramilitar(?:y|ies)|irregulars|artillery|gunners|commanders|positions|lines)")
#: a capitalised word that is no people: a word of a state's forces or of a name
_NOT_PEOPLE = frozenset(
    "army armed air national federal government state security special defence defense "
    "republican presidential military naval navy border coast regular territorial "
    "interior guard guards airborne marine marines".split())


def people_key(demonym: str, people: str) -> str:
    """The side key of ``people`` named with ``demonym``, its name in the plural: "Bosnian"
    "Serb" → ``bosnian-serbs``.

    Parameters
    ----------
    demonym : str
    people : str

    Returns
    -------
    str
    """
    return re.sub(r"[^a-z0-9]+", "-", f"{demonym} {people}s".lower()).strip("-")


def _people_elsewhere(text: str, m: re.Match[str], dem: str, people: str, *, force: bool
                      ) -> bool:
    """Whether the report speaks of ``people`` as a people outside the match ``m``: after
    "<Demonym> <People> forces", its plural ("the Serbs"); after "the <Demonym> <People>s",
    its word alone ("Serb forces", "the Serbs")."""
    rest = text[:m.start()] + " " + text[m.end():]
    if force:
        return re.search(r"(?<![\w-])" + people + r"s\b", rest) is not None
    return text[max(0, m.start() - 4):m.start()].lower() == "the " and re.search(
        r"(?<!" + dem + r"\s)(?<![\w-])" + people + r"s?\b", rest) is not None


def people_actors(text: str, demonyms: Mapping[str, object], rule: Callable[[str, str], object]
                  ) -> list[tuple[int, int, object]]:
    """A people named with a demonym and its own word: (start, end, ``rule(name, key)``).

    "<Demonym> <People> forces/army/…" ("Bosnian Serb forces") where the people's word also
    stands in the plural somewhere in the report (a people, not a unit's name: "Russian
    Wagner forces" has no "Wagners"), or is a demonym itself ("Afghan Uzbek forces" are not
    Uzbekistan's); "the <Demonym> <People>s" ("the Bosnian Serbs") once the people is so
    known, or when the people's word stands alone elsewhere ("the Serbs", "Serb forces"; not
    "Iraqi Officials"); then
    the people's word alone as an actor ("the Serbs", "Serb forces", "Serb-held", "in Serb
    hands") is the same side.

    Parameters
    ----------
    text : str
    demonyms : mapping
        The demonyms (their keys are looked up).
    rule : callable
        ``rule(name, key)`` → the row the actor is given.

    Returns
    -------
    list of (start, end, row)
    """
    keys: dict[str, object] = {}
    out: list[tuple[int, int, object]] = []
    for force in (True, False):  # "Bosnian Serb forces" first, then "the Bosnian Serbs"
        tail = r"\s+" + _FORCE + r"\b" if force else r"s\b"
        for m in re.finditer(r"(?<![\w-])(?P<dem>[A-Z][a-z]+)\s+(?P<p>[A-Z][a-z]+?)" + tail,
                             text):
            dem, people = m["dem"], m["p"]
            if dem not in demonyms or people.lower() in _NOT_PEOPLE:
                continue
            if people not in keys:
                if not ((people in demonyms and dem != people)
                        or _people_elsewhere(text, m, dem, people, force=force)):
                    continue
                keys[people] = rule(f"{dem} {people}", people_key(dem, people))
            out.append((m.start(), m.end(), keys[people]))
    if not keys:
        return out
    compound = {s for s, _e, _r in out}
    words = "|".join(re.escape(p) for p in keys)
    bare = re.compile(r"(?<![\w-])(?:[Tt]he\s+)?(?P<p>" + words + r")(?:s\b|\s+" + _FORCE
                      + r"\b|(?=-(?:held|controlled)\b|\s+hands\b))")
    for m in bare.finditer(text):
        start = m.start("p")
        if start in compound or any(s <= start < e for s, e, _r in out):
            continue
        plural = m.end() == m.end("p") + 1
        out.append((m.start() if plural else start, m.end(), keys[m["p"]]))
    return out
