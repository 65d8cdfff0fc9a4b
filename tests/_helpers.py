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
