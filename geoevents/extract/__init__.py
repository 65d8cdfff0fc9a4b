"""Extraction: place mentions and spatial expressions from English report text.

A pure function of the text and the gazetteer (used only for lookups): :func:`extract`
returns the mentions (:mod:`.mentions`, :mod:`.named`) and the spatial expressions that
relate them (:mod:`.spatial`, :mod:`.roads`).
"""

from __future__ import annotations

from ..gazetteer import Gazetteer
from ..model import Extraction
from ..text import SpanReach, folded_lower, furniture_lines, sentences
from ._capitals import BARE_CAPITAL, capitals
from ._common_nouns import drop_unsupported_common_nouns
from ._organisations import drop_organisations, region_cues
from ._parents import split_parents
from ._short_forms import add_short_form_countries
from .distances import distance_precision, measure, parse_number
from .landmarks import landmarks
from .mentions import ORG_WORDS, demonyms, merge, toponyms
from .named import named, references
from .roads import road_relations
from .spatial import anchorless, attach_subjects, expressions
from .tokens import tokens

__all__ = [
    "BARE_CAPITAL",
    "ORG_WORDS",
    "PATH_RELATIONS",
    "Extraction",
    "distance_precision",
    "extract",
    "folded_lower",
    "furniture_lines",
    "measure",
    "parse_number",
    "sentences",
]

#: Whether :mod:`geoevents.geometry` draws ``road``, ``corridor`` and ``along`` (it does).
#: Without it, "on the road to Z" is read as ``near`` Z, "the X–Y highway" as ``between`` X
#: and Y, and "N km along the road from X to Y" is not read.
PATH_RELATIONS = True


def extract(text: str, gaz: Gazetteer) -> Extraction:
    """Find place mentions and spatial expressions in ``text``.

    Parameters
    ----------
    text : str
        The report text.
    gaz : Gazetteer
        Used for name lookups, demonyms and common-word frequencies.

    Returns
    -------
    Extraction
    """
    skip = furniture_lines(text)
    sents = sentences(text)
    toks = tokens(text, sents, skip)
    # the country of each capitalised word that is a demonym ("Syrian": "SY"), asked once
    demonym = {w: gaz.demonym(w) for w in {t.text for t in toks if t.cap}}
    cues: dict[str, int] = {}
    for t in toks:
        if t.cap:
            iso = demonym[t.text]
            if iso:
                cues[iso] = cues.get(iso, 0) + 1
    low = folded_lower(text)  # for the cheap tests before some patterns
    found = (toponyms(text, toks, gaz) + named(text, skip, gaz, low)
             + references(text, skip, low))
    merged = split_parents(text, merge(found + demonyms(toks, gaz, demonym)), gaz)
    add_short_form_countries(merged, gaz)  # "Congo": both Congos
    drop_unsupported_common_nouns(text, merged, gaz)  # "The Post" newspaper: no town abroad
    merged = capitals(text, drop_organisations(text, merged), gaz)  # "the capital of X"
    # a country or a region named inside an organisation's name ("Jeay Sindh Quami Mahaz")
    for iso, n in region_cues(text, merged, gaz).items():
        cues[iso] = cues.get(iso, 0) + n
    mentions = [m for m in merged if not m.modifier]
    marks = landmarks(text, skip, mentions)
    if marks:
        merged = sorted(merged + marks, key=lambda m: m.start)
        mentions = sorted(mentions + marks, key=lambda m: m.start)
    exprs = expressions(text, mentions, sents, low)
    paths = road_relations(text, mentions, sents, low, drawn=PATH_RELATIONS)
    # a road relation is read over the shorter expressions it contains or overlaps
    crossed = SpanReach((p.start, p.end) for p in paths)
    exprs = [e for e in exprs if not crossed.overlaps(e.start, e.end)] + paths
    exprs += anchorless(text, skip, exprs, low)
    exprs.sort(key=lambda e: e.start)
    attach_subjects(text, mentions, exprs)
    return Extraction(merged, exprs, sents, skip, cues, text)
