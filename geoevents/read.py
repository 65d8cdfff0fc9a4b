"""Reading reports: bytes from a file or standard input become a :class:`Report`, or a clear error.

Report files are untrusted. Anything that is not a readable, non-empty text of sensible size
raises :class:`~geoevents._errors.InputError` with a one-line message naming the file and
the problem; nothing is partially processed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ._errors import InputError
from .model import Report

#: Default largest report accepted, in bytes (raise with ``max_bytes`` / ``--max-size``).
MAX_BYTES = 10_000_000


def read_report(
    path: str | Path,
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Report:
    """Read a report from ``path`` (``"-"`` for standard input).

    Parameters
    ----------
    path : str or Path
        The file, or ``"-"``.
    encoding : str, optional
        The text encoding; UTF-8 (with or without BOM) when omitted.
    max_bytes : int
        Larger inputs are refused.

    Returns
    -------
    Report

    Raises
    ------
    InputError
        Missing file, directory, unreadable, empty, binary, too large or wrongly encoded.
    """
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{name}: no such file")
        if p.is_dir():
            raise InputError(f"{name}: is a directory, not a report file")
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"{name}: too large ({size / 1e6:.1f} MB; the limit is "
                    f"{max_bytes / 1e6:g} MB, raise it with --max-size)"
                )
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except PermissionError:
            raise InputError(f"{name}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode_report(data, name, encoding=encoding, max_bytes=max_bytes)


def decode_report(data: bytes, name: str, *, encoding: str | None = None,
                  max_bytes: int = MAX_BYTES) -> Report:
    """Check and decode the bytes of a report (see :func:`read_report`)."""
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: too large (over {max_bytes / 1e6:g} MB; raise the limit with --max-size)"
        )
    if not data.strip():
        raise InputError(f"{name}: empty report")
    if encoding is None and _looks_binary(data[:8192]):
        raise InputError(f"{name}: binary file, not a text report")
    enc = encoding or "utf-8-sig"
    try:
        text = data.decode(enc)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        hint = "; pass --encoding latin-1 (or the file's encoding)" if encoding is None else ""
        raise InputError(
            f"{name}: not valid {encoding or 'UTF-8'} (byte 0x{bad} at offset {exc.start}){hint}"
        ) from None
    if _looks_binary(text[:8192]):  # also for UTF-16/32, whose bytes hold NULs
        raise InputError(f"{name}: binary file, not a text report")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: empty report")
    return Report(text=text, source=name)


def _looks_binary(head: bytes | str) -> bool:
    codes = head if isinstance(head, bytes) else [ord(c) for c in head]
    return 0 in codes or _control_share(codes) > 0.1


def _control_share(data) -> float:
    if not data:
        return 0.0
    bad = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(data)
