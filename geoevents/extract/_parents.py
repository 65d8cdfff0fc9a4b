"""A place written with the region or town that holds it, in one name: "Borno's Gwoza area",
"Gulariya of Bardiya", "Chakwal of Punjab province" — split into the place and its parent
(docs/resolution.md, "Round seven")."""

from __future__ import annotations

import re

from .._lexicon import (
    ACTORS,
    COMPASS,
    NAME_MODIFIERS,
    NOT_PLACES,
    OF_FEATURES,
    SUFFIX_FEATURES,
    TITLES,
)
from .._normalize import name_key
from ..gazetteer import Gazetteer
from ..model import Mention, Place
from .mentions import ORG_WORDS, outweighs_word
from .tokens import is_cap

#: "<Parent>'s <Child>": the first possessive of the name.
_POSSESSIVE_RE = re.compile(r"(?P<parent>.+?)[’']s\s+(?P<child>.+)", re.S)
#: "<Child> of (the) <Parent>": the first "of" of the name.
_OF_RE = re.compile(r"(?P<child>.+?)\s+of\s+(?:the\s+)?(?P<parent>.+)", re.S)
#: A preposition that says where, or a feature word before "of" ("the village of"), just
#: before "<Child> of <Parent>" ("in Gulariya of Bardiya"): the name is a place's, not a
#: person's ("Jim Carter of Springfield").
_LOCATIVE_RE = re.compile(r"\b(?:in|at|near|from|around|outside|inside|into|across|within|"
                          rf"(?:{'|'.join(OF_FEATURES)})\s+of)\s+(?:the\s+)?$", re.I)
#: The feature words after a name, the longest first.
_FEATURE_WORDS = "|".join(sorted((re.escape(k) for k in SUFFIX_FEATURES), key=len, reverse=True))
#: A feature word ending a part of the name.
_FEATURE_END_RE = re.compile(r"\s+(" + _FEATURE_WORDS + r")$", re.I)
#: A feature word just after the name ("Durgauli of the Tikapur district").
FEATURE_AFTER_RE = re.compile(r"\s+(" + _FEATURE_WORDS + r")\b", re.I)
#: Words of a unit that holds places: a parent named with one of them is a place in any
#: text ("the people of Kurigram district"), and may be a spelling variant ("Dhanusha
#: district": Dhanusa).
_UNIT_WORDS = frozenset({"district", "city", "town", "village", "region", "area", "province"})
#: Kinds of place that may hold another.
_HOLDING_KINDS = frozenset({"country", "admin1", "admin2", "region"})
#: The most frequent English words a place's name may hold ("Kech", not "Youth"), and a
#: name's words that give no cue alone (:mod:`._organisations`).
COMMON_ZIPF = 4.0
#: A part of the name (its text, where it begins, its name without a feature word, the
#: feature).
_Part = tuple[str, int, str, str | None]


def _part(text: str, start: int, *, feature_ok: bool) -> _Part:
    """A part of a name beginning at ``start``, with the feature word ending it split off when
    ``feature_ok``."""
    f = _FEATURE_END_RE.search(text) if feature_ok else None
    if f is None:
        return text, start, text, None
    return text, start, text[: f.start()], SUFFIX_FEATURES[f.group(1).lower()]


def _plain(name: str, gaz: Gazetteer) -> bool:
    """Whether ``name`` may be a place's name: capitalised, no title, actor, calendar word
    or demonym in it."""
    words = name.split()
    if not words or not is_cap(words[0]) or name_key(name) in ACTORS:
        return False
    return not any(w.lower() in TITLES or w.lower() in NOT_PLACES or gaz.demonym(w)
                   for w in words)


def _child_name(name: str, gaz: Gazetteer) -> bool:
    """Whether ``name`` may be the held place's own name: plain (:func:`_plain`), with no
    word of an organisation's name and no common English word but a place name's modifiers
    ("East", "Old")."""
    if not _plain(name, gaz):
        return False
    for w in name.split():
        low = w.lower()
        if low in NAME_MODIFIERS or low in COMPASS:
            continue
        if low in ORG_WORDS or gaz.word_zipf(low) >= COMMON_ZIPF:
            return False
    return True


def _common(name: str, cands: list[Place], gaz: Gazetteer) -> bool:
    """Whether ``name`` is one common English word more likely the word than a place
    ("Capital", not "Syria" or "Moscow": :func:`.mentions.outweighs_word`)."""
    z = gaz.word_zipf(name.lower()) if " " not in name else 0.0
    return z >= COMMON_ZIPF and not outweighs_word(cands, name, z)


def _holds(cands: list[Place], key: str) -> bool:
    """Whether a name's candidates may hold a place: a region, or a settlement of that very
    name."""
    return any(p.kind in _HOLDING_KINDS or (p.is_settlement and name_key(p.name) == key)
               for p in cands)


def _lookup(gaz: Gazetteer, name: str, *, loose: bool = True) -> list[Place]:
    """A name's candidates: exact, else (``loose``) its spelling variants'."""
    key = name_key(name)
    return gaz.lookup(key) or (gaz.lookup_loose([key]).get(key, []) if loose else [])


def _unit(part: _Part) -> bool:
    """Whether a part of a name ends in a word of a unit (:data:`_UNIT_WORDS`)."""
    return part[3] is not None and part[0].split()[-1].lower() in _UNIT_WORDS


def _mention(part: _Part, cands: list[Place]) -> Mention:
    text, start, name, feature = part
    role = "named" if feature is not None or not cands else "toponym"
    return Mention(text=text, start=start, end=start + len(text), role=role, name=name,
                   feature=feature, candidates=tuple(cands))


def _split(text: str, m: Mention, bound: int) -> tuple[_Part, _Part, bool] | None:
    """The child and parent parts of a named mention, and whether its form is "<Child> of
    <Parent>" (else "<Parent>'s <Child>"), or None (``bound``: where the next mention
    begins)."""
    poss = _POSSESSIVE_RE.fullmatch(m.text)
    if poss is not None and m.feature is not None:
        child = _part(poss.group("child"), m.start + poss.start("child"), feature_ok=True)
        parent = _part(poss.group("parent"), m.start, feature_ok=False)
        return child, parent, False
    of = _OF_RE.fullmatch(m.text)
    if of is None or " of " in of.group("parent"):
        return None
    p_text, p_start = of.group("parent"), m.start + of.start("parent")
    after = FEATURE_AFTER_RE.match(text, m.end) if m.feature is None else None
    if after is not None and after.end() <= bound:  # "Durgauli of the Tikapur" + " district"
        p_text = text[p_start : after.end()]
    child = _part(of.group("child"), m.start, feature_ok=False)
    return child, _part(p_text, p_start, feature_ok=True), True


def split_parents(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Split each named mention the gazetteer does not know that holds a place and its parent
    ("Borno's Gwoza area", "Gulariya of Bardiya") into the two, when the parent is a name the
    gazetteer knows as a region or a settlement: "<Parent>'s <Child> <feature word>", and
    "<Child> of (the) <Parent>" after a preposition that says where ("in", "at", "near"…).
    The child is a name of its own (no common word, no word of an organisation's name); in
    "<X> of <Parent> <unit word>" with any other X ("the People of Kurigram district"), the
    parent alone is kept. Returns the mentions, sorted; the others unchanged.

    Parameters
    ----------
    text : str
        The report text.
    mentions : list of Mention
        The merged mentions (:func:`.mentions.merge`), disjoint.
    gaz : Gazetteer
        For the names' candidates and words' frequencies.
    """
    out: list[Mention] = []
    changed = False
    for i, m in enumerate(mentions):
        parts = None
        if m.role == "named" and not m.candidates and not m.modifier and (
                " of " in m.text or "s " in m.text):
            bound = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
            parts = _parts(text, m, bound, gaz)
        if parts is None:
            out.append(m)
        else:
            out.extend(parts)
            changed = True
    return sorted(out, key=lambda x: x.start) if changed else out


def _parts(text: str, m: Mention, bound: int, gaz: Gazetteer) -> list[Mention] | None:
    """The child and parent mentions of one named mention (the parent alone in "<X> of
    <Parent> <unit word>"), or None: see :func:`split_parents`."""
    split = _split(text, m, bound)
    if split is None:
        return None
    child, parent, of_form = split
    key = name_key(parent[2])
    cands = _lookup(gaz, parent[2], loose=_unit(parent)) if _plain(parent[2], gaz) else []
    if not _holds(cands, key) or _common(parent[2], cands, gaz):
        return None  # "Babarmahal of the Capital"
    if not of_form and gaz.lookup(name_key(f"{parent[2]}’s {child[2]}")):
        return None  # "Cox's Bazar district": one name
    if _child_name(child[2], gaz) and (
            not of_form or _LOCATIVE_RE.search(text, max(0, m.start - 16), m.start)):
        return [_mention(child, _lookup(gaz, child[2])), _mention(parent, cands)]
    return [_mention(parent, cands)] if of_form and _unit(parent) else None
