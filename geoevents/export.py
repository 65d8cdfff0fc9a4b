"""GeoJSON export (RFC 7946): lon/lat WGS84, right-hand-rule polygons, no ``crs`` member.

The output is deterministic: the same features give byte-identical text, one feature per
line so that generated files diff cleanly.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._errors import OutputError
from .geometry import to_geojson_geometry
from .model import Feature


def feature_dict(f: Feature) -> dict[str, Any]:
    """One GeoJSON Feature (``id`` at the top level and in the properties)."""
    return {"type": "Feature", "id": f.id, "geometry": to_geojson_geometry(f.geometry),
            "properties": f.properties()}


def to_geojson(features: Sequence[Feature]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of ``features``."""
    return {"type": "FeatureCollection", "features": [feature_dict(f) for f in features]}


def dumps(features: Sequence[Feature]) -> str:
    """Serialise features as GeoJSON text, one feature per line, ending in a newline."""
    rows = [json.dumps(feature_dict(f), ensure_ascii=False, separators=(",", ":"),
                       allow_nan=False) for f in features]
    body = ",\n".join(rows)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if rows else "") + "]}\n"


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so no partial file is ever left.

    Raises
    ------
    OutputError
        When the folder does not exist or cannot be written.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist")
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
