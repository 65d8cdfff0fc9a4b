"""Helpers shared by test modules (imported as ``from _helpers import …``)."""

from __future__ import annotations

import subprocess


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    """A CLI run printed no Python traceback."""
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stdout


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """The single stderr line of a failed CLI run, asserting exit status 1, no traceback,
    the ``geoevents: error:`` prefix and a final newline."""
    err = proc.stderr.decode("utf-8")
    no_traceback(proc)
    assert proc.returncode == 1, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("geoevents: error: "), err
    assert err.endswith("\n")
    return lines[0]


def status_of(gaz, text: str, needle: str) -> tuple[str | None, str | None]:
    """The control status and side the real pipeline gives the feature whose text is
    ``needle`` (case-insensitive) in ``text``, asserting there is one."""
    from geoevents.events import annotate
    from geoevents.pipeline import locate

    feats = annotate(text, locate(text, gaz))
    found = [f for f in feats if f.text.lower() == needle.lower()]
    assert found, f"no feature {needle!r}: {[f.text for f in feats]}"
    return found[0].status, found[0].side
