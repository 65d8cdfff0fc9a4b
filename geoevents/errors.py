"""Exceptions raised by geoevents: catch :class:`GeoeventsError` for every error a user can cause.

Every error a user can cause (a missing file, a binary file, a malformed overlay) is a
:class:`GeoeventsError`; the CLI turns it into a one-line message and exit status 1.
"""

from __future__ import annotations


class GeoeventsError(Exception):
    """Base class of all errors geoevents reports to its users."""


class InputError(GeoeventsError):
    """A report or data file cannot be read (missing, empty, binary, wrong encoding, too large)."""


class GazetteerError(GeoeventsError):
    """The gazetteer cannot be built or opened, or an overlay file is malformed."""


class OutputError(GeoeventsError):
    """An output file cannot be written."""
