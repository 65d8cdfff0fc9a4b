"""Road relations: "on the road to Z", "the X–Y highway", "the road from X to Y", "N km along
the road from X to Y"."""

from __future__ import annotations

import re

from ..model import Expression, Mention
from .distances import END, HEDGE, NUM, THE, UNIT, measure
from .spatial import drop_nested, left_contexts

_ROAD = r"(?:road|highway|motorway|expressway|route|railway|railroad|rail\s+line|supply\s+line)"
_ROAD_TO_RE = re.compile(
    rf"\b(?:on|along|off|by|beside|near)\s+the\s+(?:(?:main|old|new|\w+-bound)\s+)?{_ROAD}\s+"
    rf"(?:to|towards|toward|into|leading\s+to|linking\s+it\s+to)\s+{THE}{END}", re.I)
#: What a text that ``_ROAD_TO_RE`` matches ends in, but for whitespace.
_ROAD_TO_ENDINGS = ("to", "towards", "toward", "into", "the")
#: One of these is in every road word of ``_ROAD`` ("railroad", "rail line"…), in lower case.
_ROAD_NEEDLES = ("road", "way", "route", "line")
_ROAD_FROM_RE = re.compile(
    rf"\b(?:the\s+)?(?:(?:main|old|new|strategic|international)\s+)?{_ROAD}\s+"
    rf"(?:from|between|linking|connecting)\s+{THE}{END}", re.I)
_ALONG_RE = re.compile(
    rf"(?:{HEDGE})?{NUM}\s*-?\s*{UNIT}\s+(?:further\s+|farther\s+)?(?:along|up|down)\s+the\s+"
    rf"(?:(?:main|old|new)\s+)?{_ROAD}\s+(?:from|out\s+of|leading\s+from)\s+{THE}{END}", re.I)
_PAIR_GAP_RE = re.compile(r"^\s+(?:to|towards|toward|and)\s+(?:the\s+)?$", re.I)
_DASH_GAP_RE = re.compile(r"^\s*[-‐‑–—/]\s*$")
_ROAD_AFTER_RE = re.compile(rf"^\s+{_ROAD}\b", re.I)
#: "from X to Y" as an extent: after a verb of extent or a noun for a stretch of ground
#: (not a movement: "troops moved from X to Y" is not read).
_EXTENT_FROM_RE = re.compile(
    r"\b(?:(?:extend(?:s|ed|ing)?|stretch(?:es|ed|ing)?|r[au]n(?:s|ning)?|spann?(?:s|ed|ing)?|"
    r"reach(?:es|ed|ing)?)|(?:the\s+)?(?:front(?:\s+line)?|frontline|line|area|strip|belt|"
    r"zone|desert|territory|stretch|pocket|salient))\s+(?:\w+\s+){0,2}?from\s+(?:the\s+)?$",
    re.I)


def road_relations(text: str, mentions: list[Mention], sents: list[tuple[int, int]],
                   folded: str, *, drawn: bool) -> list[Expression]:
    """Road relations: "on the road to Z" (``road``), "the X–Y highway" and "the road from X
    to Y" (``corridor``), "N km along the road from X to Y" (``along``) (``folded``:
    ``folded_lower(text)``). Unless they are ``drawn`` (see
    :data:`geoevents.extract.PATH_RELATIONS`), "on the road to Z" is read as ``near`` Z,
    "the X–Y highway" as ``between`` X and Y, and "N km along…" not at all."""
    out: list[Expression] = []
    by_start = sorted(mentions, key=lambda m: m.start)
    for i, m, s0, left, nxt in left_contexts(text, by_start, sents):
        gap = text[m.end : nxt.start] if nxt is not None else ""
        # the three patterns below join this name to the next one: look only when they are
        # a pair ("X to Y", "X and Y")
        pair = nxt is not None and _PAIR_GAP_RE.match(gap)
        # cheap tests before the patterns, which each end in one of a few words (but for
        # whitespace) and most name a road: what ``left`` ends in, in lower case, and
        # whether it may name a road (see folded_lower)
        low = folded[m.start - len(left) : m.start]
        ending = low.rstrip()
        # (asked only where a pattern below that needs it may be tried: at a pair of names
        # or before one of _ROAD_TO_ENDINGS)
        road = ((bool(pair) or ending.endswith(_ROAD_TO_ENDINGS))
                and any(w in low for w in _ROAD_NEEDLES))
        e = None
        if nxt is not None:
            e = _pair_relation(text, m, nxt, left, gap, ending, pair=bool(pair), road=road)
        if e is None:
            e = _road_to(text, by_start, i, s0, left, ending, road=road)
        if e is not None:
            out.append(e)
    kept = drop_nested(out)
    return kept if drawn else _undrawn(kept)


def _pair_relation(text: str, m: Mention, nxt: Mention, left: str, gap: str,
                   ending: str, *, pair: bool, road: bool) -> Expression | None:
    """A relation joining ``m`` to the next mention ``nxt``: "N km along the road from X to
    Y", "the road from X to Y", "a front line ran from X to Y", "the X–Y highway" (``left``:
    the text before ``m``; ``gap``: between the two; ``ending``: ``left`` in lower case
    without its trailing whitespace; ``pair``: whether ``gap`` joins two names
    ("to", "and"); ``road``: whether ``left`` may name a road)."""
    # "N km along the road from X to Y"
    am = (_ALONG_RE.search(left)
          if pair and road and ending.endswith(("from", "of", "the"))
          else None)
    if am:
        got = measure(am.groupdict())
        if got is not None:
            start = m.start - len(left) + am.start()
            return Expression(
                relation="along", text=text[start : nxt.end], start=start, end=nxt.end,
                anchors=[m, nxt], distance_m=got[0], distance_precision_m=got[1],
                hedge=am.group("hedge"))
    # "the road from X to Y", "the highway between X and Y"
    fm = (_ROAD_FROM_RE.search(left) if pair and road and (
        ending.endswith(("from", "between", "linking", "connecting", "the")))
          else None)
    if fm:
        start = m.start - len(left) + fm.start()
        return Expression(relation="corridor", text=text[start : nxt.end], start=start,
                          end=nxt.end, anchors=[m, nxt])
    # "a front line ran from Mosul to Kirkuk", "the area from Azaz to Marea": an extent
    xm = (_EXTENT_FROM_RE.search(left)
          if pair and ending.endswith(("from", "the")) else None)
    if xm and not gap.strip().startswith("and"):
        start = m.start - len(left) + xm.start()
        return Expression(relation="corridor", text=text[start : nxt.end], start=start,
                          end=nxt.end, anchors=[m, nxt], hedge="extent")
    # "the Homs–Palmyra highway"
    if _DASH_GAP_RE.match(gap):
        rm = _ROAD_AFTER_RE.match(text[nxt.end : nxt.end + 40])
        if rm:
            the = re.search(r"\bthe\s+$", left, re.I)
            start = m.start - (len(the.group(0)) if the else 0)
            end = nxt.end + rm.end()
            return Expression(relation="corridor", text=text[start:end], start=start,
                              end=end, anchors=[m, nxt])
    return None


def _road_to(text: str, by_start: list[Mention], i: int, s0: int, left: str,
             ending: str, *, road: bool) -> Expression | None:
    """ "on the Aleppo road", "on the road to Z": the road to mention ``by_start[i]`` from the
    toponym named last before it in its sentence (beginning at ``s0``), if any (``left``,
    ``ending``, ``road``: see :func:`_pair_relation`)."""
    m = by_start[i]
    # "on the Aleppo road": the road to Aleppo
    rm = (_ROAD_AFTER_RE.match(text[m.end : m.end + 40]) if m.role == "toponym"
          else None)
    the = (re.search(r"\b(?:on|along|off|by|near|beside)\s+the\s+$", left, re.I)
           if rm and ending.endswith("the") else None)
    if the and rm and m.role == "toponym":
        start = m.start - len(the.group(0))
        e = Expression(relation="road", text=text[start : m.end + rm.end()], start=start,
                       end=m.end + rm.end(), anchors=[m], hedge="road to")
    else:
        # "on the road to Z"
        tm = (_ROAD_TO_RE.search(left)
              if road and ending.endswith(_ROAD_TO_ENDINGS) else None)
        if not tm:
            return None
        start = m.start - len(left) + tm.start()
        e = Expression(relation="road", text=text[start : m.end], start=start, end=m.end,
                       anchors=[m], hedge="road to")
    # the origin: the place named last before it in the sentence ("Bartella, 20 km
    # east of Mosul, on the road to Erbil": the road from Mosul to Erbil)
    # (walking back through the sentence only: by_start[:i] is all the report before it)
    for j in range(i - 1, -1, -1):
        if by_start[j].start < s0:
            break
        if by_start[j].role == "toponym":
            e.anchors.append(by_start[j])
            break
    return e


def _undrawn(exprs: list[Expression]) -> list[Expression]:
    """What the geometry can draw until it draws roads: ``road`` as ``near``, ``corridor`` as
    ``between``, without the others."""
    interim = []
    for e in exprs:
        if e.relation == "road":
            e.relation = "near"
        elif e.relation == "corridor":
            e.relation = "between"
        else:
            continue
        interim.append(e)
    return interim
