"""Helpers shared by test modules (imported as ``from _helpers import …``)."""

from __future__ import annotations

import subprocess


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """The single stderr line of a failed CLI run, asserting exit status 1, no traceback
    and the ``geoevents: error:`` prefix."""
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, err
    assert b"Traceback" not in proc.stderr and b"Traceback" not in proc.stdout
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("geoevents: error: "), err
    return lines[0]
