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


def feature_of(gaz, text: str, needle: str, *, last: bool = False):
    """The feature the real pipeline makes of ``text`` whose text is ``needle``
    (case-insensitive): the first such, or the ``last``; asserting there is one."""
    from geoevents.events import annotate
    from geoevents.pipeline import locate

    feats = annotate(text, locate(text, gaz))
    found = [f for f in feats if f.text.lower() == needle.lower()]
    assert found, f"no feature {needle!r}: {[f.text for f in feats]}"
    return found[-1] if last else found[0]


def status_of(gaz, text: str, needle: str, *, last: bool = False
              ) -> tuple[str | None, str | None]:
    """The control status and side of :func:`feature_of`."""
    f = feature_of(gaz, text, needle, last=last)
    return f.status, f.side


def place_claim(status: str, side: str, date: str, *, lat: float, lon: float,
                event_type: str | None = "Battles", counterpart: str | None = None,
                report: str = "r"):
    """A claim about the one place ``p`` at (``lat``, ``lon``), dated to the day, quoted from
    ``report``: the unit the front-line policy tests build their sequences from."""
    from shapely.geometry import Point

    from geoevents.timeline import Claim, Source

    sources = (Source(report, f"p-{date}", None, date, None, None, "p quote"),)
    return Claim(place_key="p", place="p", status=status, side=side, counterpart=counterpart,
                 date=date, date_precision=1, lat=lat, lon=lon, uncertainty_m=1000.0,
                 geometry=Point(lon, lat), event_type=event_type, negated=False,
                 sources=sources)
