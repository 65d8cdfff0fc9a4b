"""Overlay CSVs: curated places read at every run (the shipped ``data/gazetteer/*.csv`` and the
user overlay), in the schema of ``data/gazetteer/README.md``."""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import GazetteerError
from ..model import Place

OVERLAY_COLUMNS = (
    "id", "name", "alt_names", "kind", "lat", "lon", "country", "extent_m", "source", "note",
)
_REQUIRED = ("id", "name", "kind", "lat", "lon", "source")


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
    reader = csv.DictReader(text.splitlines())
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
            extent = float(row["extent_m"]) if (row.get("extent_m") or "").strip() else None
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
