"""The project's data tables: the CSV files shipped in the package (``geoevents/_sides.csv``,
``geoevents/extract/_idioms.csv``, ``geoevents/gazetteer/_generic_prefixes.csv`` …), each a
header row and rows, with comment lines and blank lines between them."""

from __future__ import annotations

import csv
import io
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["read_table"]


def read_table(source: str | Path | Traversable, *,
               package: str = "geoevents") -> list[dict[str, str]]:
    """The rows of a data table, each keyed by the columns of its header.

    A line whose first character is ``#`` is a comment (a ``#`` after spaces, or inside a
    quoted cell, is text) and a line of nothing but white space is blank: both are passed
    over before the CSV is read, so the header is the first other line, wherever the
    comments stand. A row shorter than the header has its missing last columns empty (an
    optional column left out).

    Parameters
    ----------
    source
        The file's name in ``package`` (``"_sides.csv"``), or a path or a package resource
        (:func:`importlib.resources.files`) to read. UTF-8.
    package
        The package that holds a file given by its name.

    Returns
    -------
    list of dict

    Raises
    ------
    ValueError
        When the table has no header, or a row has more cells than the header names.
    """
    if isinstance(source, str):
        source = resources.files(package).joinpath(source)
    text = source.read_text(encoding="utf-8")
    lines = [line for line in io.StringIO(text, newline="")
             if not line.startswith("#") and line.strip()]
    reader = csv.reader(lines)
    header = next(reader, None)
    if not header:
        raise ValueError(f"{source}: a data table with no header row")
    rows = []
    for row in reader:
        if len(row) > len(header):
            raise ValueError(f"{source}: a row of {len(row)} cells under a header of "
                             f"{len(header)}: {','.join(row)[:80]!r}")
        rows.append(dict(zip(header, row + [""] * (len(header) - len(row)), strict=True)))
    return rows
