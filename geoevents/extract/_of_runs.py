"""A run of capitalised words joined by "of" that the gazetteer does not know as a whole,
whose words before "of" and after it each name a place, is two names, a place and its
parent: "Makwanpur District of the Central Nepal", "Tehsil Maidan of Lower Dir"
(docs/resolution.md, round eleven)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from .._lexicon import NAME_MODIFIERS
from .._tables import read_table
from ..model import Place
from .tokens import Tok

#: Whether tokens ``i:j`` of a run, with these candidates, are a place's name in that run
#: (``mentions._acceptable`` with the word frequencies and the gazetteer bound).
Acceptable = Callable[[list[Tok], int, int, list[Place]], bool]


def split_at_of(runs: list[list[Tok]], spans: dict[tuple[int, int, int], str],
                found: dict[str, list[Place]], acceptable: Acceptable
                ) -> list[list[Tok]] | None:
    """The runs with each one split at its first "of" whose words before it are a known,
    ``acceptable`` place name with only modifier or unit words around it ("Chitwan
    District"), whose words after it hold one, and that no known name spans ("Isle of Man",
    "Gulf of Aden" stay whole); None when no run splits. ``spans``: each span's name key by
    (run, first token, past the last); ``found``: the candidates of each key."""
    by_run: dict[int, list[tuple[int, int, str]]] = {}
    for (ri, i, j), key in spans.items():
        if found.get(key):
            by_run.setdefault(ri, []).append((i, j, key))
    out: list[list[Tok]] = []
    changed = False
    for ri, run in enumerate(runs):
        cut = _cut(run, by_run.get(ri, ()), found, acceptable)
        if cut is None:
            out.append(run)
            continue
        changed = True
        out += [run[: cut[0]], run[cut[1]:]]
    return out if changed else None


def _cut(run: list[Tok], known: list[tuple[int, int, str]] | tuple,
         found: dict[str, list[Place]], acceptable: Acceptable) -> tuple[int, int] | None:
    """Where ``run`` splits (the "of", the first capitalised token after it), or None."""
    if not known:
        return None
    n = len(run)
    for k in range(1, n - 1):
        if run[k].lower != "of":
            continue
        if any(i < k < j for i, j, _ in known):
            return None  # a known name across the "of"
        left = run[:k]
        if not any(j <= k and _alone(left, i, j) and acceptable(left, i, j, found[key])
                   for i, j, key in known):
            continue
        m = k + 1
        while m < n and not run[m].cap:
            m += 1  # "of the"
        right = run[m:]
        # and a place after it, with modifiers only: its parent ("Queens of the Stone Age"
        # is a band's name)
        if any(i >= m and acceptable(right, i - m, j - m, found[key]) for i, j, key in known):
            return k, m
        return None
    return None


def _alone(left: list[Tok], i: int, j: int) -> bool:
    """Whether the words before "of" are the name ``left[i:j]`` and words of a place's kind or
    modifiers only ("Sindhuli District", "Tehsil Maidan"): not a person's first name before a
    surname that is also a place ("Craig Kaser of Terremark Partners")."""
    words = _unit_words()
    return all(t.lower in NAME_MODIFIERS or t.lower in words for t in left[:i] + left[j:])


@functools.cache
def _unit_words() -> frozenset[str]:
    """The administrative-unit words of ``_unit_words.csv`` (tehsil, upazila, woreda…)."""
    return frozenset(r["word"].lower() for r in read_table("_unit_words.csv"))
