"""Name normalisation shared by the gazetteer build and the extractor.

``name_key`` folds case, diacritics, apostrophes, ʿayn/hamza marks and punctuation so that
"Palmýra", "PALMYRA" and "Palmyra's" meet. Letters of scripts without Latin decomposition
(Arabic, Cyrillic, …) are kept as they are, so names in those scripts match their GeoNames
alternate names exactly.
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = "'’‘`´ʿʾʼʹ′\u02bb\u02bc"
_MARK_RE = re.compile(f"[{re.escape(_MARKS)}]")
_SEP_RE = re.compile(r"[\s\-‐‑‒–—_.,/()\"“”]+")
_ARTICLE_RE = re.compile(r"\b(?:al|el|ad|ash|as|at|az|ar|an|ad|ed|es|ez|et|ur|ul|adh|ath|dh)\s+")


def strip_diacritics(text: str) -> str:
    """Remove combining marks after canonical decomposition (ḩ → h, ü → u)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: str) -> str:
    """Return the lookup key of a place name.

    Examples
    --------
    >>> name_key("Dayr az-Zawr")
    'dayr az zawr'
    >>> name_key("Palmyra's")
    'palmyra'
    """
    text = text.strip()
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    if text.isascii():
        text = text.lower()
    else:
        text = strip_diacritics(text).casefold()
        text = text.replace("ß", "ss").replace("ı", "i").replace("ø", "o").replace("đ", "d")
    return _SEP_RE.sub(" ", _MARK_RE.sub("", text)).strip()


def loose_key(text: str) -> str:
    """A looser key: articles dropped and doubled letters collapsed ("Ash-Shaddadi" → "shadadi")."""
    key = name_key(text)
    key = _ARTICLE_RE.sub("", key + " ").strip()
    key = re.sub(r"(.)\1+", r"\1", key)
    return key.replace(" ", "")
