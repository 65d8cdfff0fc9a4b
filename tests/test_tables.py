"""The one reader of the project's data tables (geoevents/_tables.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import geoevents
from geoevents._tables import read_table

PACKAGE = Path(geoevents.__file__).parent
DATA_TABLES = sorted(PACKAGE.rglob("*.csv"))


def test_comments_and_blank_lines_are_passed_over(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("# a comment before the header, with \"a quote, and a comma\n"
                     "word,note\n"
                     "\n"
                     "# a comment between rows\n"
                     "   \n"
                     "a,one\n"
                     " # not a comment: the # is not the line's first character,x\n"
                     "\"#quoted\",a quoted cell is text\n"
                     "b\n", encoding="utf-8")
    assert read_table(table) == [
        {"word": "a", "note": "one"},
        {"word": " # not a comment: the # is not the line's first character", "note": "x"},
        {"word": "#quoted", "note": "a quoted cell is text"},
        {"word": "b", "note": ""},  # a missing last column is empty
    ]


def test_a_quoted_cell_may_hold_commas_and_line_breaks(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text('word,note\r\na,"one, two\r\nthree"\r\n', encoding="utf-8")
    assert read_table(table) == [{"word": "a", "note": "one, two\nthree"}]  # read as text


@pytest.mark.parametrize("text", ["", "# only a comment\n\n"])
def test_a_table_without_a_header_is_refused(tmp_path: Path, text: str) -> None:
    table = tmp_path / "t.csv"
    table.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="no header"):
        read_table(table)


def test_a_row_longer_than_the_header_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("word,note\na,one, unquoted\n", encoding="utf-8")
    with pytest.raises(ValueError, match="3 cells under a header of 2"):
        read_table(table)


def test_a_name_is_a_file_of_the_package() -> None:
    assert read_table("_sides.csv") == read_table(PACKAGE / "_sides.csv")
    assert read_table("_idioms.csv", package="geoevents.extract") == read_table(
        PACKAGE / "extract" / "_idioms.csv")


def test_the_package_has_data_tables() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in DATA_TABLES}
    assert {"_sides.csv", "_demonyms.csv", "extract/_idioms.csv",
            "gazetteer/_generic_prefixes.csv"} <= names


@pytest.mark.parametrize("path", DATA_TABLES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_data_table_loads(path: Path) -> None:
    """Every CSV of the package loads with a header of named columns and rows, the same rows
    as a CSV reader that drops rows whose first cell starts with "#" (the loaders' old
    filter): no comment of a table hides a row or swallows one."""
    rows = read_table(path)
    text = path.read_text(encoding="utf-8")
    parsed = csv.reader(io.StringIO(text, newline=""))
    header, *old = [r for r in parsed if r and not r[0].startswith("#")]
    assert header and all(header) and len(set(header)) == len(header)
    assert rows
    assert [list(r.values())[:len(o)] for r, o in zip(rows, old, strict=True)] == old
