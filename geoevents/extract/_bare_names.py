"""Names the gazetteer holds only after a generic word or an article ("Brega" for "Marsa el
Brega"): which runs of a text to try with the prefixes of
:mod:`geoevents.gazetteer.prefixed` (docs/events.md, "Round eight")."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from ..model import Place
from .tokens import Tok


def bare_names(runs: Sequence[Sequence[Tok]], spans: Mapping[tuple[int, int, int], str],
               found: Mapping[str, list[Place]], zipf: Mapping[str, float],
               skip: Collection[int]) -> list[str]:
    """The keys of the whole runs of one or two words that found nothing, none of whose
    words is a common English word (Zipf 3 or more), and that are not in ``skip`` (runs
    said to speak or ending in a surname).

    Parameters
    ----------
    runs : sequence of sequence of Tok
    spans : mapping
        (run, first token, end token) → normalised key.
    found : mapping
        Key → candidates, as looked up so far.
    zipf : mapping
        Lower-cased word → its Zipf frequency.
    skip : collection of int
        Indices of the runs not to try.

    Returns
    -------
    list of str
    """
    out: list[str] = []
    for ri, run in enumerate(runs):
        n = len(run)
        key = spans.get((ri, 0, n))
        if key is None or n > 2 or ri in skip or found.get(key):
            continue
        if all(t.text.isalpha() and zipf.get(t.lower, 0.0) < 3.0 for t in run):
            out.append(key)
    return out
