"""Writing outputs: GeoJSON FeatureCollection text and files written atomically.

The lowest layer of the writers: :mod:`~geoevents.export`, :mod:`~geoevents.timeline`,
:mod:`~geoevents.frontline`, :mod:`~geoevents.site` and the CLI write through it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import OutputError


def dumps_collection(features: Iterable[dict[str, Any]]) -> str:
    """A FeatureCollection of GeoJSON Feature dicts as text: compact, one feature per line
    (so that files diff cleanly), UTF-8 characters as they are, ending in a newline."""
    rows = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            for f in features]
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
