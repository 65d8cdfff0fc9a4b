"""read_reports: saved web pages, JSON Lines and CSV/TSV files of reports, and their errors."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from geoevents.errors import InputError
from geoevents.read import read_report, read_reports

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("read_reports tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def error_of(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_reports(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


# --------------------------------------------------------------------------- plain text


def test_txt_is_read_report(tmp_path):
    path = write(tmp_path, "kobani.txt", "Shelling hit Kobani overnight.\r\nTwo people died.\n")
    assert read_reports(path) == [read_report(path)]
    assert read_reports(path)[0].text == "Shelling hit Kobani overnight.\nTwo people died.\n"


def test_unknown_suffix_is_plain_text(tmp_path):
    path = write(tmp_path, "wire.MD", "Fighting near Palmyra, a monitor said.")
    assert read_reports(path) == [read_report(path)]


# --------------------------------------------------------------------------- web pages


def test_html_page_text_and_metadata(no_network):
    (report,) = read_reports(INPUTS / "mosul_page.html")
    assert report.source == str(INPUTS / "mosul_page.html")
    assert report.title == "Fighting reaches the eastern edge of Mosul"
    assert report.date == "2016-11-01"
    assert report.url == "https://ledger.example.org/2016/11/mosul-eastern-edge"
    assert report.label == "mosul_page"
    paragraphs = report.text.split("\n\n")
    assert paragraphs[1].startswith("Government troops pushed into the outskirts of Mosul")
    assert paragraphs[1].endswith("about 5 km east of the city.")
    assert any(p.startswith("Residents reached by telephone") for p in paragraphs)
    assert paragraphs[-1].endswith("the main highway towards Erbil.")
    assert len(paragraphs) >= 4
    # Paragraphs are kept whole: the line breaks of the HTML source are not in the text.
    assert "the column met sniper fire" in report.text
    for boilerplate in ("Subscribe", "newsletter", "World desk", "Copyright", "All rights",
                        "Privacy policy", "Cookie", "About the Ledger"):
        assert boilerplate not in report.text


def test_html_suffix_case_and_htm(tmp_path):
    page = (INPUTS / "mosul_page.html").read_bytes()
    for name in ("PAGE.HTM", "page.Html"):
        (report,) = read_reports(write(tmp_path, name, page))
        assert "Gogjali" in report.text
        assert report.date == "2016-11-01"


PAGE = """<!DOCTYPE html>
<html><head>
<title>{title}</title>
{head}
</head><body>
<nav><a href="/">Home</a> <a href="/syria">Syria</a></nav>
<article>
<p>Government forces and their allies advanced on Palmyra from the west on Wednesday,
taking a ridge that overlooks the ancient ruins, a monitoring group said.</p>
<p>The group said air strikes hit positions near the citadel and the airport east of
the town, and that the road to Homs was open again.</p>
</article>
<footer>Copyright 2016 Example Wire</footer>
</body></html>
"""


def test_html_canonical_link_and_no_date(tmp_path):
    head = ('<link rel="canonical" href="https://wire.example.net/syria/palmyra?id=7&amp;b=2">\n'
            '<meta property="og:url" content="https://m.wire.example.net/palmyra">')
    path = write(tmp_path, "palmyra.html", PAGE.format(title="Palmyra ridge taken", head=head))
    (report,) = read_reports(path)
    # The canonical address, as written (not re-ordered or normalised).
    assert report.url == "https://wire.example.net/syria/palmyra?id=7&b=2"
    # A footer's "Copyright 2016" is not a publication date.
    assert report.date is None
    assert "Copyright" not in report.text
    assert report.text.startswith("Government forces and their allies advanced on Palmyra")


def test_html_hostile_metadata_kept_verbatim(tmp_path):
    head = '<meta property="og:url" content="javascript:alert(1)">'
    title = "&lt;script&gt;alert(1)&lt;/script&gt; Palmyra"
    path = write(tmp_path, "hostile.html", PAGE.format(title=title, head=head))
    (report,) = read_reports(path)
    assert report.title == "<script>alert(1)</script> Palmyra"
    assert report.url == "javascript:alert(1)"


def test_html_without_article_text(tmp_path):
    nav_only = ("<html><head><title>Index</title></head><body><nav><ul>"
                "<li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
                "<footer>Copyright 2016</footer></body></html>")
    for name, page in (("nav.html", nav_only), ("blank.html", "<html><body>\n</body></html>"),
                       ("script.htm", "<html><body><script>var x = 1;</script></body></html>")):
        message = error_of(write(tmp_path, name, page))
        assert message.endswith(": no article text found in the HTML page")


def test_html_wrong_encoding_and_binary(tmp_path):
    latin = PAGE.format(title="Raqqa", head="").replace("allies", "alliés").encode("latin-1")
    message = error_of(write(tmp_path, "latin.html", latin))
    assert "not valid UTF-8" in message
    (report,) = read_reports(tmp_path / "latin.html", encoding="latin-1")
    assert "alliés" in report.text
    assert "binary file" in error_of(write(tmp_path, "img.html", b"\x89PNG\r\n\x1a\n\x00\x00"))


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_records_with_metadata():
    path = INPUTS / "reports.jsonl"
    reports = read_reports(path)
    # The blank line and the record whose text is only spaces are skipped.
    assert [r.id for r in reports] == ["palmyra-advance", "reports-2", "reports-4"]
    first, second, third = reports
    assert first.title == "Troops close in on Palmyra"
    assert first.date == "2016-03-24"
    assert first.url == "https://wire.example.net/palmyra-advance"
    assert first.text.startswith("Syrian army units backed by air strikes")
    assert first.source == str(path)
    assert second.url == "https://wire.example.net/kobani-crossing"  # from "link"
    assert second.date == "2014-10-20"  # the date as written, not moved to UTC
    assert "\r" not in second.text
    assert second.text.startswith("The Mürşitpınar border crossing north of Kobani")
    assert "Turkey.\nVolunteers" in second.text
    assert (third.title, third.date, third.url) == (None, None, None)
    assert "«Nobody can breathe here»" in third.text
    assert "أهل القيارة" in third.text


def test_jsonl_custom_text_column_and_other_keys(tmp_path):
    lines = [
        {"story": "Clashes were reported in Manbij.", "Title": "Manbij", "ID": 17},
        {"story": "A convoy left Kobani for Raqqa.", "body": "ignored", "date": "2016-06-01"},
    ]
    path = write(tmp_path, "wire.ndjson", "\n".join(json.dumps(x) for x in lines) + "\n")
    reports = read_reports(path, text_column="story")
    assert [r.text for r in reports] == [x["story"] for x in lines]
    assert reports[0].title == "Manbij"  # key names match ignoring case
    assert reports[0].id == "17"  # a number as id
    assert reports[1].id == "wire-2"
    assert reports[1].date == "2016-06-01"
    # Without text_column, "body" wins over an unknown key.
    assert [r.text for r in read_reports(path)] == ["ignored"]


def test_jsonl_body_and_content_fallbacks(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"content": "Fighting in Deir ez-Zor."}\n')
    assert read_reports(path)[0].text == "Fighting in Deir ez-Zor."
    path = write(tmp_path, "b.jsonl", '{"body": "Shelling in Aleppo.", "content": "x"}\n')
    assert read_reports(path)[0].text == "Shelling in Aleppo."


def test_jsonl_id_dedupe(tmp_path):
    rows = [{"id": "Mosul 1", "text": "a in Mosul."}, {"id": "mosul-1", "text": "b in Mosul."},
            {"id": "MOSUL 1", "text": "c in Mosul."}, {"id": "mosul-1-2", "text": "d."},
            {"text": "e."}, {"id": "", "text": "f."}]
    path = write(tmp_path, "Mosul Wire.jsonl", "\n".join(json.dumps(r) for r in rows))
    ids = [r.id for r in read_reports(path)]
    assert ids == ["mosul-1", "mosul-1-2", "mosul-1-3", "mosul-1-2-2", "mosul-wire-5",
                   "mosul-wire-6"]
    assert len(set(ids)) == len(ids)


def test_jsonl_null_text_skipped(tmp_path):
    path = write(tmp_path, "r.jsonl", '{"text": null}\n{"title": "x"}\n{"text": "Raqqa."}\n')
    (report,) = read_reports(path)
    assert (report.text, report.id) == ("Raqqa.", "r-3")


def test_jsonl_malformed_line(tmp_path):
    path = write(tmp_path, "reports.jsonl",
                 '{"text": "Mosul."}\n\n{"text": "Palmyra." "title": "x"}\n')
    message = error_of(path)
    assert message == f"{path}: line 3: not valid JSON (Expecting ',' delimiter)"


def test_jsonl_line_not_an_object(tmp_path):
    path = write(tmp_path, "r.jsonl", '{"text": "Mosul."}\n["Palmyra"]\n')
    assert error_of(path) == f"{path}: line 2: not a JSON object (found an array)"
    path = write(tmp_path, "s.jsonl", '"Kobani"\n')
    assert error_of(path) == f"{path}: line 1: not a JSON object (found a string)"


def test_jsonl_text_not_a_string(tmp_path):
    path = write(tmp_path, "r.jsonl", '{"text": "Mosul."}\n{"text": ["Palmyra"]}\n')
    assert error_of(path) == f"{path}: line 2: the text ('text') is not a string (found an array)"


def test_jsonl_deeply_nested_line(tmp_path):
    path = write(tmp_path, "deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n")
    assert "line 1: not valid JSON" in error_of(path)


def test_jsonl_missing_text_column(tmp_path):
    path = write(tmp_path, "r.jsonl", '{"headline": "Mosul", "when": "2016"}\n')
    message = error_of(path)
    assert message == (f"{path}: no 'text', 'body' or 'content' column "
                       "(columns: 'headline', 'when')")
    message = error_of(path, text_column="story")
    assert message == f"{path}: no column 'story' (columns: 'headline', 'when')"


def test_jsonl_no_record_with_text(tmp_path):
    path = write(tmp_path, "r.jsonl", '{"text": ""}\n{"text": " \\n "}\n')
    assert error_of(path) == f"{path}: no report with text in column 'text'"


def test_jsonl_binary_text_in_a_record(tmp_path):
    path = write(tmp_path, "r.jsonl", '{"text": "Mosul."}\n{"text": "PK\\u0003\\u0004\\u0000"}\n')
    assert error_of(path) == f"{path}: line 2: binary data in the text, not a text report"


def test_jsonl_hostile_metadata_kept_verbatim(tmp_path):
    record = {"text": "Shelling near Kobani.", "title": "<script>alert('x')</script>",
              "url": "javascript:alert(1)", "id": "<b>id</b>"}
    path = write(tmp_path, "r.jsonl", json.dumps(record))
    (report,) = read_reports(path)
    assert report.title == "<script>alert('x')</script>"
    assert report.url == "javascript:alert(1)"
    assert report.id == "b-id-b"  # ids are always slugs


def test_metadata_of_the_wrong_type(tmp_path):
    path = write(tmp_path, "r.jsonl", '{"text": "Mosul.", "title": {"en": "x"}}\n')
    assert error_of(path) == f"{path}: line 1: 'title' is not text (found an object)"


# --------------------------------------------------------------------------- CSV and TSV


def test_csv_records_with_metadata():
    path = INPUTS / "reports.csv"
    reports = read_reports(path)
    # The all-empty row is skipped; the repeated id gets -2.
    assert [r.id for r in reports] == ["mosul-bridge", "reports-2", "mosul-bridge-2"]
    first, second, third = reports
    assert first.title == "Fourth bridge over the Tigris damaged"
    assert first.date == "2016-11-08"
    assert first.url == "https://desk.example.com/mosul-bridge"
    # A quoted field keeps its line break.
    assert first.text == ("Coalition aircraft struck the fourth bridge in Mosul overnight, "
                          "officials said.\nEngineers on the eastern bank reported that the span "
                          "near the old city was no longer passable.")
    assert second.date is None  # 03/04/2016: day or month first? Not guessed.
    assert second.url is None
    assert second.title == "Shelling near Bashiqa"
    assert third.date == "2016-11-09"


def test_tsv_custom_text_column_without_optional_columns():
    path = INPUTS / "reports.tsv"
    reports = read_reports(path, text_column="story")
    assert [r.text for r in reports] == [
        "Fighters set up new checkpoints on the road east of Kobani, a local council member "
        "said.",
        "A convoy carrying flour and medicine reached Palmyra from Homs along the desert "
        "highway.",
    ]
    assert [r.id for r in reports] == ["reports-1", "reports-2"]
    assert all(r.title is None and r.date is None and r.url is None for r in reports)


def test_csv_minimal_with_crlf_bom_and_unicode(tmp_path):
    content = "\ufefftext\r\n\"Fighting in Kobanî, ‘Ayn al-‘Arab’.\r\nSecond line.\"\r\n\r\n"
    path = write(tmp_path, "wire.CSV", content)
    (report,) = read_reports(path)
    assert report.text == "Fighting in Kobanî, ‘Ayn al-‘Arab’.\nSecond line."
    assert (report.id, report.title, report.date, report.url) == ("wire-1", None, None, None)


def test_csv_cells_are_never_interpreted(tmp_path):
    content = ('Text,Title,Date,Link,Id\n'
               '"Fighting near Palmyra.","=HYPERLINK(""http://x"",""y"")",NaN,'
               'javascript:alert(1),007\n'
               '"Clashes in Mosul.",<script>alert(1)</script>,null,,\n')
    path = write(tmp_path, "cells.csv", content)
    first, second = read_reports(path)
    assert first.title == '=HYPERLINK("http://x","y")'
    assert first.url == "javascript:alert(1)"
    assert first.id == "007"
    assert first.date is None
    assert second.title == "<script>alert(1)</script>"
    assert second.date is None
    assert second.url is None
    assert second.id == "cells-2"


def test_csv_dates(tmp_path):
    dates = {
        "2016-11-01": "2016-11-01",
        "2016-11-01T08:00:00Z": "2016-11-01",
        "2016/11/01": "2016-11-01",
        "24 March 2016": "2016-03-24",
        "March 24, 2016": "2016-03-24",
        "Thursday, 24 March 2016": "2016-03-24",
        "24 Mar 2016": "2016-03-24",
        "03/04/2016": None,
        "March 2016": None,
        "24 March": None,
        "2016-02-30": None,
        "yesterday": None,
        "2016": None,
    }
    rows = "".join(f'"Shelling in Mosul.","{d}"\n' for d in dates)
    path = write(tmp_path, "dates.csv", "text,date\n" + rows)
    assert [r.date for r in read_reports(path)] == list(dates.values())


def test_csv_missing_text_column(tmp_path):
    path = write(tmp_path, "r.csv", "headline,when\nMosul,2016\n")
    assert error_of(path) == (f"{path}: no 'text', 'body' or 'content' column "
                              "(columns: 'headline', 'when')")
    assert error_of(path, text_column="story") == (
        f"{path}: no column 'story' (columns: 'headline', 'when')")


def test_csv_wrong_field_count(tmp_path):
    path = write(tmp_path, "r.csv", "text,title\n\"Mosul.\",a\n\"Palmyra.\",b,c\n")
    assert error_of(path) == f"{path}: line 3: malformed CSV (3 fields, the header has 2)"
    path = write(tmp_path, "s.tsv", "text\ttitle\nMosul.\n")
    assert error_of(path) == f"{path}: line 2: malformed TSV (1 fields, the header has 2)"


def test_csv_bad_quoting(tmp_path):
    path = write(tmp_path, "r.csv", 'text\n"Mosul." after the quote\n')
    message = error_of(path)
    assert message.startswith(f"{path}: line 2: malformed CSV (")
    path = write(tmp_path, "s.csv", 'text\n"Mosul, never closed\n')
    assert "malformed CSV" in error_of(path)


def test_csv_long_field(tmp_path):
    text = "Fighting was reported in Mosul. " * 10_000  # over the csv module's default limit
    path = write(tmp_path, "long.csv", f'text\n"{text}"\n')
    assert read_reports(path)[0].text == text


def test_csv_header_only_and_no_text(tmp_path):
    path = write(tmp_path, "r.csv", "text,title\n")
    assert error_of(path) == f"{path}: no report with text in column 'text'"
    path = write(tmp_path, "s.csv", "text,title\n ,a\n")
    assert error_of(path) == f"{path}: no report with text in column 'text'"


def test_csv_duplicate_text_column(tmp_path):
    path = write(tmp_path, "r.csv", "text,text\na,b\n")
    assert "the column 'text' appears more than once" in error_of(path)


# --------------------------------------------------------------------------- whole-file checks


@pytest.mark.parametrize("name", ["r.jsonl", "r.csv", "r.tsv", "r.html"])
def test_empty_file(tmp_path, name):
    assert error_of(write(tmp_path, name, "")).endswith(": empty report")
    assert error_of(write(tmp_path, name, " \n\n")).endswith(": empty report")


@pytest.mark.parametrize("name", ["r.jsonl", "r.csv", "r.html"])
def test_binary_file(tmp_path, name):
    data = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256))
    assert error_of(write(tmp_path, name, data)).endswith(": binary file, not a text report")


@pytest.mark.parametrize("name", ["r.jsonl", "r.csv"])
def test_wrong_encoding(tmp_path, name):
    body = ('{"text": "Bombardement à Alep."}\n' if name.endswith(".jsonl")
            else 'text\n"Bombardement à Alep."\n')
    path = write(tmp_path, name, body.encode("latin-1"))
    assert "not valid UTF-8 (byte 0xe0" in error_of(path)
    assert read_reports(path, encoding="latin-1")[0].text == "Bombardement à Alep."


def test_utf16_with_encoding(tmp_path):
    path = write(tmp_path, "r.csv", 'text,title\n"Raids on Idlib.",Idlib\n'.encode("utf-16"))
    assert "binary file" in error_of(path)
    (report,) = read_reports(path, encoding="utf-16")
    assert (report.text, report.title) == ("Raids on Idlib.", "Idlib")


def test_missing_file_and_directory(tmp_path):
    assert error_of(tmp_path / "nothing.csv") == f"{tmp_path / 'nothing.csv'}: no such file"
    folder = tmp_path / "pages.html"
    folder.mkdir()
    assert error_of(folder) == f"{folder}: is a directory, not a report file"


def test_size_limit_before_parsing(tmp_path):
    path = write(tmp_path, "big.jsonl", '{"text": "Mosul."}\n' + "{not json}\n" * 100)
    message = error_of(path, max_bytes=100)
    assert "too large" in message
    assert "not valid JSON" not in message


# --------------------------------------------------------------------------- text headers


def _txt(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "dispatch.txt"
    p.write_text(body, encoding="utf-8")
    return p


def test_text_header_gives_title_date_and_url(tmp_path: Path) -> None:
    p = _txt(tmp_path, "Army nears Palmyra\nDate: 24 March 2016\nURL: https://example.org/a\n\n"
             "Troops advanced to within two kilometres of Palmyra.\n")
    (r,) = read_reports(p)
    assert (r.title, r.date, r.url) == ("Army nears Palmyra", "2016-03-24",
                                        "https://example.org/a")
    assert r.text.startswith("Army nears Palmyra\nDate:")  # the text itself is unchanged
    assert read_report(p) == r


def test_text_without_a_date_line_has_no_header(tmp_path: Path) -> None:
    p = _txt(tmp_path, "Army nears Palmyra\nURL: https://example.org/a\n\nTroops advanced.\n")
    (r,) = read_reports(p)
    assert (r.title, r.date, r.url) == (None, None, None)


def test_text_header_is_not_guessed(tmp_path: Path) -> None:
    p = _txt(tmp_path, "Date: 03/04/2016\nSource: javascript:alert(1)\n\nShelling hit Homs.\n")
    (r,) = read_reports(p)
    assert r.date is None and r.url is None and r.title is None
    late = _txt(tmp_path, "\n".join(f"Line {i}." for i in range(8)) + "\nDate: 2016-03-24\n")
    assert read_reports(late)[0].date is None  # only the first lines are a header
