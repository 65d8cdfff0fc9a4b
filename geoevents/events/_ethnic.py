"""A people named with a place or a country's demonym ("the Krajina Serbs", "Bosnian Serb
forces", "Kosovo Albanians") is no state: it is a side of its own, keyed by the compound in
the plural, and the people's own word ("the Serbs", "Serb-held", "Serb forces") is that side
in the same report (docs/events.md, "Round nine")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from .._tables import read_table
from ._named import side_key

#: what makes a people's word an actor: its forces, or its name in the plural
_FORCE = (r"(?:forces|troops|army|soldiers|units|militias?|fighters|rebels|separatists|"
          r"paramilitar(?:y|ies)|irregulars|artillery|gunners|commanders|positions|lines)")
#: a capitalised word that is no people: a word of a state's forces or of a name
_NOT_PEOPLE = frozenset(
    "army armed air national federal government state security special defence defense "
    "republican presidential military naval navy border coast regular territorial "
    "interior guard guards airborne marine marines".split())
#: capitalised words before a people that are no place: determiners, days, months, points
_NOT_PLACE = frozenset(
    "the a an many some most all both few these those other local ethnic rebel armed young "
    "several former pro anti new old on in at by as and but after before while when "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december north south east west "
    "northern southern eastern western central".split())

Make = Callable[[str, str], object]


@lru_cache(maxsize=1)
def _peoples() -> dict[str, str]:
    """``geoevents/_peoples.csv``: each people's singular → its plural."""
    return {r["people"]: (r["plural"] or r["people"] + "s") for r in read_table("_peoples.csv")}


def people_key(place: str, people: str) -> str:
    """The side key of ``people`` named with ``place`` (a place or a demonym), its name in
    the plural: "Bosnian" "Serb" → ``bosnian-serbs``, "Krajina" "Serb" → ``krajina-serbs``.

    Parameters
    ----------
    place : str
    people : str

    Returns
    -------
    str
    """
    return side_key(f"{place} {_peoples().get(people, people + 's')}")


def _people_elsewhere(text: str, m: re.Match[str], dem: str, people: str, *, force: bool
                      ) -> bool:
    """Whether the report speaks of ``people`` as a people outside the match ``m``: after
    "<Demonym> <People> forces", its plural ("the Uzbeks"); after "the <Demonym> <People>s",
    its word alone ("Uzbek forces", "the Uzbeks")."""
    rest = text[:m.start()] + " " + text[m.end():]
    if force:
        return re.search(r"(?<![\w-])" + people + r"s\b", rest) is not None
    return text[max(0, m.start() - 4):m.start()].lower() == "the " and re.search(
        r"(?<!" + dem + r"\s)(?<![\w-])" + people + r"s?\b", rest) is not None


def people_actors(text: str, demonyms: Mapping[str, object], rule: Make
                  ) -> list[tuple[int, int, object]]:
    """A people named with a place or a demonym, and its own word: (start, end,
    ``rule(name, key)``).

    "<Place> <People> forces/army/…" and "the <Place> <People>s" for a people of
    ``geoevents/_peoples.csv`` ("Bosnian Serb forces", "the Krajina Serbs"); for another
    word after a demonym, when the word also stands in the plural in the report (a people,
    not a unit's name: "Russian Wagner forces" has no "Wagners") or is a demonym itself
    ("Afghan Uzbek forces" are not Uzbekistan's); then the people's word alone as an actor
    ("the Serbs", "Serb forces", "Serb-held", "in Serb hands") is the compound the report
    names most (on a tie the first).

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
    peoples = _peoples()
    rules: dict[tuple[str, str], object] = {}
    named: dict[str, list[tuple[int, object]]] = {}  # people → (position, row), in order
    out: list[tuple[int, int, object]] = []
    for force in (True, False):  # "Bosnian Serb forces" first, then "the Bosnian Serbs"
        tail = r"\s+" + _FORCE + r"\b" if force else r"s\b"
        for m in re.finditer(r"(?<![\w-])(?P<dem>[A-Z][a-z]+)\s+(?P<p>[A-Z][a-z]+?)" + tail,
                             text):
            dem, people = m["dem"], m["p"]
            if dem.lower() in _NOT_PLACE or people.lower() in _NOT_PEOPLE or dem == people:
                continue
            known = people in peoples
            if not known and (dem not in demonyms or (
                    people not in named and people not in demonyms
                    and not _people_elsewhere(text, m, dem, people, force=force))):
                continue
            if (dem, people) not in rules:
                rules[dem, people] = rule(f"{dem} {people}", people_key(dem, people))
            named.setdefault(people, []).append((m.start(), rules[dem, people]))
            out.append((m.start(), m.end(), rules[dem, people]))
    taken = sorted((s, e) for s, e, _r in out)
    if named:
        # each people's word alone is its compound the report names most, on a tie the first
        most = {p: max(rows, key=lambda r: (sum(x is r for _q, x in named[p]),
                                             -min(q for q, x in named[p] if x is r)))
                for p in named for rows in [list(dict.fromkeys(x for _q, x in named[p]))]}
        words = "|".join(re.escape(p) for p in named)
        bare = re.compile(r"(?<![\w-])(?:[Tt]he\s+)?(?P<p>" + words + r")(?:s\b|\s+" + _FORCE
                          + r"\b|(?=-(?:held|controlled)\b|\s+hands\b))")
        for m in bare.finditer(text):
            start = m.start("p")
            if _within(taken, start):
                continue
            plural = m.end() == m.end("p") + 1
            out.append((m.start() if plural else start, m.end(), most[m["p"]]))
    return out


def _within(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies within one of the sorted ``spans``."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]
