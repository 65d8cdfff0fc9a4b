"""Overlay CSVs: curated places read at every run (the shipped ``data/gazetteer/*.csv`` and the
user overlay), in the schema of ``data/gazetteer/README.md``."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from .._lexicon import SUFFIX_FEATURES
from ..errors import GazetteerError
from ..model import Place

OVERLAY_COLUMNS = (
    "id", "name", "alt_names", "kind", "lat", "lon", "country", "extent_m", "source", "note",
)
_REQUIRED = ("id", "name", "kind", "lat", "lon", "source")
#: The kinds of an overlay entry (``data/gazetteer/README.md``).
OVERLAY_KINDS = (
    "neighbourhood", "district", "hill", "mountain", "base", "airport", "bridge", "crossing",
    "checkpoint", "dam", "camp", "landmark", "valley", "area", "city", "town", "village",
)


def known_kind(text: str) -> str | None:
    """The overlay kind ``text`` names: one of :data:`OVERLAY_KINDS` in any case, or a word
    the extractor reads as one ("neighborhood", "quarter" → ``neighbourhood``); ``None``
    when it names none."""
    low = " ".join(text.split()).lower()
    kind = low if low in OVERLAY_KINDS else SUFFIX_FEATURES.get(low)
    return kind if kind in OVERLAY_KINDS else None


def check_extent(text: str) -> float | None:
    """The ``extent_m`` field as a number of metres (``None`` when empty).

    Raises
    ------
    ValueError
        When it is not a finite positive number below 20,000 km.
    """
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value < 2e7):
        raise ValueError(f"extent_m {text.strip()!r} must be a positive number of metres")
    return value


def read_overlay(path: Path | str, *, label: str | None = None) -> list[tuple[Place, list[str]]]:
    """Read one overlay CSV (schema: :data:`OVERLAY_COLUMNS`).

    ``label`` starts each row's ``source`` (default: the file name).

    Raises
    ------
    GazetteerError
        Naming the file and line of the first malformed row.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read overlay ({exc})") from None
    return parse_overlay(text, str(path), label if label is not None else path.name)


def parse_overlay(text: str, where: str, label: str) -> list[tuple[Place, list[str]]]:
    """Overlay rows from CSV text; errors name ``where`` and the line."""
    # (the csv module's own line reading: str.splitlines would also end a line at U+2028
    # and other separators inside a quoted name)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise GazetteerError(f"{where}: overlay lacks column(s) {', '.join(missing)}")
    out = []
    for line, row in enumerate(reader, start=2):
        try:
            if any(not (row.get(c) or "").strip() for c in _REQUIRED):
                raise ValueError("empty required field")
            lat, lon = float(row["lat"]), float(row["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError("coordinate out of range")
            extent = check_extent(row.get("extent_m") or "")
        except (ValueError, TypeError) as exc:
            raise GazetteerError(f"{where}, line {line}: {exc}") from None
        place = Place(id=f"overlay:{row['id'].strip()}", name=row["name"].strip(), lat=lat,
                      lon=lon, kind=row["kind"].strip(),
                      country=(row.get("country") or "").strip().upper() or None,
                      source=f"{label}: {row['source'].strip()}",
                      coord_method="overlay row", extent_m=extent)
        alts = [a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip()]
        out.append((place, alts))
    return out
