"""Names the gazetteer holds only after a generic word or an article ("Brega" for "Marsa el
Brega"): which runs of a text to try with the prefixes of
:mod:`geoevents.gazetteer.prefixed`, and in which countries a candidate so found may lie
(docs/events.md, "Round eight")."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from ..model import Place
from .tokens import Tok


def bare_names(runs: Sequence[Sequence[Tok]], spans: Mapping[tuple[int, int, int], str],
               found: Mapping[str, list[Place]], zipf: Mapping[str, float],
               skip: Collection[int]) -> list[str]:
    """The keys of the whole runs of one or two words that found nothing, each word
    written as a name (a capital, then lower-case letters only) and none a common English
    word (Zipf 3 or more), and that are not in ``skip`` (runs said to speak or ending in a
    surname).

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
        if all(t.text.isalpha() and t.text[1:].islower() and zipf.get(t.lower, 0.0) < 3.0
               for t in run):
            out.append(key)
    return out


def report_countries(found: Mapping[str, list[Place]]) -> frozenset[str]:
    """The countries the report's other names speak of: a country named, or the country of
    each name's first (most populous) candidate.

    Parameters
    ----------
    found : mapping
        Key → candidates, as looked up.

    Returns
    -------
    frozenset of str
        ISO codes.
    """
    out: set[str] = set()
    for cands in found.values():
        if cands:
            out.add(cands[0].country)
            out.update(c.country for c in cands if c.kind == "country")
    return frozenset(c for c in out if c)
