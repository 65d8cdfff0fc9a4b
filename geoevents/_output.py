"""Writing outputs: GeoJSON FeatureCollection text, files written atomically, standard output.

The lowest layer of the writers: :mod:`~geoevents.export`, :mod:`~geoevents.timeline`,
:mod:`~geoevents.frontline`, :mod:`~geoevents.site` and the CLI write through it.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import OutputError

#: How every FeatureCollection geoevents writes begins.
COLLECTION_HEAD = '{"type":"FeatureCollection","features":[\n'


def dumps_collection(features: Iterable[dict[str, Any]]) -> str:
    """A FeatureCollection of GeoJSON Feature dicts as text: compact, one feature per line
    (so that files diff cleanly), UTF-8 characters as they are, ending in a newline."""
    rows = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            for f in features]
    body = ",\n".join(rows)
    return COLLECTION_HEAD + body + ("\n" if rows else "") + "]}\n"


#: Output names that mean standard output.
STDOUT_NAMES = frozenset({"-", "/dev/stdout"})


def is_stdout(path: str | Path) -> bool:
    """Whether the output ``path`` means standard output (``-`` or ``/dev/stdout``)."""
    return str(path) in STDOUT_NAMES


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether ``a`` and ``b`` both exist and are one file (through links and any spelling)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def write_stdout(text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to standard output, as UTF-8 whatever the locale unless ``encoding``
    says otherwise (then a character it lacks becomes ``?``).

    Raises
    ------
    OutputError
        When standard output cannot be written (a full disk); a closed pipe raises
        :class:`BrokenPipeError`, for the caller to end quietly.
    """
    _write_stdout_bytes(text.encode(encoding, "strict" if encoding == "utf-8" else "replace"))


def _write_stdout_bytes(data: bytes) -> None:
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"standard output: cannot write ({exc.strerror or exc})") from None


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (as UTF-8) to ``path``, so that no partial file is ever left: see
    :func:`write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to ``path``, so that no partial file is ever left.

    A regular file is written through a temporary file in its folder, which then replaces
    it. ``-`` and ``/dev/stdout`` are standard output. A symlink is written through: its
    target is replaced (atomically) and the link stays. An existing character device or
    FIFO (``/dev/null``, a named pipe with a reader) is written into, never replaced; a
    block device, a socket or a FIFO that nobody reads is refused. With ``durable`` the
    temporary file is flushed to disk before it replaces the old one (a batch's partitions:
    a power cut leaves the old file or the new one).

    Raises
    ------
    OutputError
        When the folder does not exist or cannot be written, the path is a directory or a
        file that is refused, or the write fails.
    """
    if is_stdout(path):
        _write_stdout_bytes(data)
        return
    target = Path(path)
    try:
        mode = os.stat(target).st_mode  # through links
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{target}: is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        _write_into(target, data, mode)
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    _replace_file(Path(path), target, data, durable=durable)


def _write_into(target: Path, data: bytes, mode: int) -> None:
    """Write ``data`` into an existing character device or FIFO (never a block device)."""
    if stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        what = "a block device" if stat.S_ISBLK(mode) else "a socket"
        raise OutputError(f"{target}: is {what}, not written")
    flags = os.O_WRONLY | (os.O_NONBLOCK if stat.S_ISFIFO(mode) else 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"{target}: a named pipe that nobody reads, not written") from None
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None


def _replace_file(shown: Path, target: Path, data: bytes, *, durable: bool) -> None:
    """Write ``target`` through a temporary file beside it; messages name ``shown``."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{shown}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
