"""The loose (transliteration) match of place names: names with the same skeleton that reach
a string similarity once articles are dropped, and a cheap upper bound of that similarity."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from rapidfuzz.distance import Indel

from .._normalize import ARTICLES, name_key

#: Loose (transliteration) matches may use the alternate names of places this large…
LOOSE_ALT_MIN_POPULATION = 100_000
#: …at this string similarity (a place's own name: 0.8).
LOOSE_ALT_MIN_SIMILARITY = 0.85


@functools.lru_cache(maxsize=131072)
def bare(name: str) -> str:
    """A name key without articles and spaces, for similarity scores (memoised)."""
    key = name_key(name)
    if key.isalnum():  # one word (most keys)
        return "" if key in ARTICLES else key
    return "".join([w for w in key.split() if w not in ARTICLES])


class LooseBound:
    """``keep`` of :meth:`~geoevents.gazetteer.store.Gazetteer._matches` for the loose lookup:
    could a name key (``key``, of skeleton ``skel``) reach the similarity ``need`` with one
    of the names looked up under that skeleton (``mine_of[skel]``, bare)? An upper bound of
    difflib's ratio, so no match is lost: the length bound (difflib's ``real_quick_ratio``),
    then the longest-common-subsequence ratio (rapidfuzz's Indel similarity, which is never
    below difflib's matching-blocks ratio). The exact test stays with the caller."""

    def __init__(self, mine_of: dict[str, list[str]], need: float) -> None:
        self.mine_of = mine_of
        self.need = need - 1e-9  # slack for rounding: a bound must never reject a match
        self.seen: dict[tuple[str, str], bool] = {}

    def __call__(self, skel: str, key: str) -> bool:
        """True when some looked-up name may match ``key`` at ``need`` or better
        (:meth:`kept` of one row)."""
        return bool(self.kept(((skel, key),)))

    def kept(self, rows: Iterable[Sequence]) -> list:
        """The rows ``(skel, key, …)`` for which :meth:`__call__` is true, in their order (the
        same test in one loop: a loose query returns thousands of rows, most rejected)."""
        seen, may_match = self.seen, self._may_match
        out = []
        for r in rows:
            pair = r[:2]
            verdict = seen.get(pair)
            if verdict is None:
                verdict = seen[pair] = may_match(r[0], bare(r[1]))
            if verdict:
                out.append(r)
        return out

    def _may_match(self, skel: str, theirs: str) -> bool:
        """The bound for ``theirs`` (a bare name key) and the names looked up under
        ``skel``."""
        lb = len(theirs)
        need = self.need
        for m in self.mine_of.get(skel, ()):
            total = len(m) + lb
            if not total or (2.0 * min(len(m), lb) / total >= need
                             and Indel.normalized_similarity(m, theirs) >= need):
                return True
        return False


#: The lowest similarity at which a name is a spelling variant of another (:func:`is_variant`):
#: a little below the loose lookup's 0.8, for what name keys and articles change.
VARIANT_MIN_SIMILARITY = 0.75


def similarity(a: str, b: str) -> float:
    """The similarity (0–1) of two names once articles and spaces are dropped (:func:`bare`):
    1 for the same name written alike ("Al Arish", "Arīsh")."""
    x, y = bare(a), bare(b)
    if x == y:
        return 1.0
    return Indel.normalized_similarity(x, y)


def is_variant(text_name: str, place_name: str) -> bool:
    """Whether ``place_name`` is a spelling variant of ``text_name`` (what a loose match
    finds): alike at :data:`VARIANT_MIN_SIMILARITY` or better, but not the same name. A name
    quite unlike (an exonym, a translation: "North Sinai" for Shamāl Sīnā') is another name,
    not a variant."""
    return VARIANT_MIN_SIMILARITY <= similarity(text_name, place_name) < 1.0
