"""References for resolution: "the city", "the town", "there" linked to a place named before
them (docs/resolution.md)."""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import Counter
from collections.abc import Callable

from .model import Extraction, Mention, Place
from .text import sentence_index

#: How well a settlement's size fits the noun used for it ("the city" → a city).
_NOUN_FIT = {
    "city": {"city": 3.0, "town": 1.5, "village": 0.0},
    "town": {"town": 3.0, "village": 2.0, "city": 0.5},
    "village": {"village": 3.0, "town": 1.5, "city": 0.0},
}


def link_references(ex: Extraction) -> None:
    """Link "the city", "the town" (and implicit anchors) to a settlement named before them.

    Each candidate is scored on how its size fits the noun (a city for "the city"), whether it
    was named in the same or the previous sentence (+1.5), how often the report names it
    (+0.25 a mention, at most +1) and whether it is the settlement the report names most
    (+1); the best wins. References are read in text order, the settlements named before
    each kept up to date as the reading goes (linear in the mentions, not quadratic).
    """
    # settlements named, and facilities named after one ("Kunduz airport" names Kunduz)
    named_at: list[tuple[Mention, Place]] = [
        (m, p) for m in ex.mentions
        for p in [m.place if m.place is not None and m.place.is_settlement else m.host]
        if p is not None
    ]
    counts = Counter(p.id for _, p in named_at)
    focus_id = None
    if counts:
        top = max(counts.values())
        focus_id = next(p.id for _, p in named_at if counts[p.id] == top)
    implicit = [a for e in ex.expressions for a in e.anchors if a.feature == "implicit"]
    sent_starts = [s for s, _ in ex.sentences]
    sent_index = sentence_index(ex.sentences)

    subjects = {id(e.subject) for e in ex.expressions if e.subject is not None}
    # the anchor of a place located from it ("Bartella" in "Bazwaya, 4 km north-west of
    # Bartella") is not what "there" points back to: the place located is
    helpers = {id(a) for e in ex.expressions if e.subject is not None for a in e.anchors}
    there_ok = [m.role in ("toponym", "named") and not m.modifier
                and (m.place is not None or id(m) in subjects) and id(m) not in helpers
                for m in ex.mentions]
    mention_starts = [m.start for m in ex.mentions]
    by_start = all(a <= b for a, b in itertools.pairwise(mention_starts))
    before = _NamedBefore(named_at, counts, focus_id, sent_index)
    refs = [m for m in ex.mentions if m.role == "reference"] + implicit
    for ref in sorted(refs, key=lambda r: r.start):  # the same links in any order
        si = sent_index(ref.start)
        if ref.feature == "there":
            # "there": the place last named or located before it, in this sentence or the
            # one before — a text-derived place too ("the village of Bazwaya, 4 km
            # north-west of Bartella … 2 km east of there")
            lo = (bisect.bisect_left(mention_starts, sent_starts[si - 1] if si else 0)
                  if by_start else 0)
            hi = bisect.bisect_left(mention_starts, ref.start) if by_start else len(
                ex.mentions)
            prior = next((m for m, ok in zip(reversed(ex.mentions[lo:hi]),
                                             reversed(there_ok[lo:hi]), strict=True)
                          if ok and m.end <= ref.start and si - sent_index(m.start) <= 1),
                         None)
            ref.antecedent = prior
            ref.confidence = 0.6 if prior else 0.0
            continue
        latest = before.upto(ref.start)
        if not latest:
            focus = next((m for m, p in named_at if p.id == focus_id and m.place is p), None)
            ref.antecedent, ref.confidence = focus, (0.5 if focus else 0.0)
            continue
        ranked = before.best_two(ref.feature or "", si)
        (s0, best_m, best_p), second = ranked[0], ranked[1:]
        ref.antecedent = best_m if best_m.place is best_p else _stand_in(best_m, best_p)
        margin = s0 - (second[0][0] if second else 0.0)
        ref.confidence = round(min(0.9, 0.5 + 0.15 * margin), 3)


class _NamedBefore:
    """The settlements named before a point of the text, each by its latest mention, for
    :func:`link_references`: advanced in text order, ranked without rescoring them all.

    A candidate's score is its size's fit to the noun, +1.5 when its latest mention is in the
    reference's sentence or the one before, plus the report's count and focus bonuses; ties
    go to the later mention. Candidates named in those two sentences are scored apart; the
    rest come from one heap per noun table, ordered by their score without the 1.5.
    """

    def __init__(self, named_at: list[tuple[Mention, Place]], counts: Counter,
                 focus_id: str | None, sent_index: Callable[[int], int]) -> None:
        # by end (ties in list order): a mention counts once it has ended
        order = sorted(range(len(named_at)), key=lambda i: named_at[i][0].end)
        self._named_at, self._order, self._next = named_at, order, 0
        self._counts, self._focus, self._sent = counts, focus_id, sent_index
        self.latest: dict[str, int] = {}  # place id → index in named_at of its latest mention
        self._by_sentence: dict[int, dict[str, int]] = {}
        self._heaps: dict[str, tuple[dict[str, float], list[tuple[float, int, str, int]]]] = {}

    def upto(self, pos: int) -> dict[str, int]:
        """Take in the mentions that end at or before ``pos``; the latest mention by place."""
        order, named_at = self._order, self._named_at
        while self._next < len(order) and named_at[order[self._next]][0].end <= pos:
            i = order[self._next]
            self._next += 1
            pid = named_at[i][1].id
            if self.latest.get(pid, -1) > i:
                continue  # a mention earlier in the list: the later one stays latest
            self.latest[pid] = i
            self._by_sentence.setdefault(self._sent(named_at[i][0].start), {})[pid] = i
            for table, heap in self._heaps.values():
                heapq.heappush(heap, self._entry(table, pid, i))
        return self.latest

    def _score(self, table: dict[str, float], p: Place, recent: bool) -> float:
        s = table.get(p.kind, 1.5)
        s += 1.5 if recent else 0.0
        s += min(1.0, 0.25 * self._counts[p.id]) + (1.0 if p.id == self._focus else 0.0)
        return s

    def _entry(self, table: dict[str, float], pid: str, i: int) -> tuple[float, int, str, int]:
        m, p = self._named_at[i]
        return (-self._score(table, p, False), -m.start, pid, i)

    def best_two(self, noun: str, si: int) -> list[tuple[float, Mention, Place]]:
        """The two best candidates (score, mention, place) for a reference by ``noun`` in
        sentence ``si``, best first, as sorting every candidate by (score, mention start)
        would."""
        named_at, latest = self._named_at, self.latest
        table = _NOUN_FIT.get(noun, {})
        scored: list[tuple[float, int, int]] = []  # (score, start, index)
        recent: set[str] = set()
        for k in (si - 1, si):
            for pid, i in self._by_sentence.get(k, {}).items():
                if latest.get(pid) == i and pid not in recent and self._sent(
                        named_at[i][0].start) >= si - 1:
                    recent.add(pid)
                    m, p = named_at[i]
                    scored.append((self._score(table, p, True), m.start, i))
        if noun not in self._heaps:
            heap = [self._entry(table, pid, i) for pid, i in latest.items()]
            heapq.heapify(heap)
            self._heaps[noun] = (table, heap)
        heap = self._heaps[noun][1]
        popped, rest = [], []
        while heap and len(rest) < 2:
            entry = heapq.heappop(heap)
            _, _, pid, i = entry
            if latest.get(pid) != i:
                continue  # superseded by a later mention of the place: drop for good
            popped.append(entry)
            if pid not in recent:
                rest.append((-entry[0], -entry[1], i))
        for entry in popped:
            heapq.heappush(heap, entry)
        best = sorted(scored + rest, key=lambda t: (t[0], t[1]), reverse=True)[:2]
        return [(s, *named_at[i]) for s, _, i in best]


def _stand_in(m: Mention, p: Place) -> Mention:
    """A mention standing for the settlement a facility is named after."""
    return Mention(text=m.text, start=m.start, end=m.end, role="toponym", name=p.name,
                   place=p, confidence=0.7)

