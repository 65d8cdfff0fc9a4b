"""The embedded gazetteer and overlays."""

from __future__ import annotations

import sqlite3

import pytest
from geopy.distance import geodesic

from geoevents._normalize import name_key
from geoevents.errors import GazetteerError
from geoevents.gazetteer import Gazetteer, is_current, overlay_dir, read_overlay


def test_lookup_palmyra_alternate_name(gaz):
    cands = gaz.lookup(name_key("Palmyra"))
    ids = [p.id for p in cands]
    assert "geonames:163808" in ids
    tadmur = next(p for p in cands if p.id == "geonames:163808")
    assert tadmur.country == "SY" and tadmur.population > 10_000
    assert len({p.country for p in cands}) > 1  # homonyms elsewhere are candidates too


def test_countries_demonyms_and_regions(gaz):
    syria = gaz.country("SY")
    assert syria is not None and syria.id == "geonames:163843" and syria.kind == "country"
    assert gaz.demonym("Syrian") == "SY" and gaz.demonym("Ukrainians") == "UA"
    assert gaz.demonym("Table") is None
    homs = [p for p in gaz.lookup(name_key("Homs Governorate")) if p.kind == "admin1"]
    assert homs, "first-level region missing"
    # located from the places it contains: its point lies in Syria, near Homs city
    assert homs[0].country == "SY"
    assert geodesic((homs[0].lat, homs[0].lon), (34.7268, 36.7234)).km < 250
    assert "contains" in homs[0].coord_method


def test_common_word_frequencies(gaz):
    assert gaz.word_zipf("despite") > 4.0
    assert gaz.word_zipf("tadmur") < 2.0


def test_overlays_are_loaded_and_cited(gaz):
    rows = [r for f in sorted(overlay_dir().glob("*.csv")) for r in read_overlay(f)]
    assert rows
    for place, _alts in rows:
        assert place.source and place.id.startswith("overlay:")
    bagram = gaz.lookup(name_key("Bagram Air Base"))
    assert bagram and bagram[0].id == "overlay:af-bagram-airbase"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("id,name,kind,lat,lon,source\nx,X,hill,95,10,me\n", "line 2"),
        ("id,name,kind,lat,lon,source\nx,X,hill,north,10,me\n", "line 2"),
        ("id,name,kind,lat,lon,source\nx,X,hill,10,10,\n", "line 2"),
        ("id,name,lat,lon,source\nx,X,10,10,me\n", "kind"),
    ],
)
def test_bad_overlay_rows_name_file_and_line(tmp_path, body, message):
    f = tmp_path / "bad.csv"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        read_overlay(f)
    assert "bad.csv" in str(err.value) and message in str(err.value)


def test_stale_gazetteer_is_detected(tmp_path, gazetteer_path):
    copy = tmp_path / "g.sqlite"
    copy.write_bytes(gazetteer_path.read_bytes())
    assert is_current(copy)
    con = sqlite3.connect(copy)
    con.execute("UPDATE meta SET v = 'schema=0' WHERE k = 'fingerprint'")
    con.commit()
    con.close()
    assert not is_current(copy)
    with pytest.raises(GazetteerError):
        Gazetteer.open(copy, auto_build=False)
    (tmp_path / "junk.sqlite").write_bytes(b"not a database")
    assert not is_current(tmp_path / "junk.sqlite")


def test_nearest_comparable(gaz):
    homs = next(p for p in gaz.lookup("homs") if p.country == "SY" and p.kind == "city")
    d = gaz.nearest_comparable(homs)
    # Hama (about 40 km north) is the nearest settlement at least half Homs's size
    assert d is not None and 30_000 < d < 60_000


@pytest.mark.parametrize(
    ("written", "gazetteer_name"),
    [("Deir ez-Zor", "Dayr az Zawr"), ("Jisr al-Shughur", "Jisr ash Shughūr"),
     ("Al-Bukamal", "Ālbū Kamāl"), ("Tal Abyad", "Tall Abyaḑ"), ("Jebel Zawiya", "Jabal Zawiyah"),
     ("Hayy al-Gharf", "Hai el-Gharf"), ("Kharkov", "Kharkiv")],
)
def test_skeleton_pairs(written, gazetteer_name):
    from geoevents._normalize import skeleton

    assert skeleton(written) == skeleton(gazetteer_name)


def test_skeleton_keeps_different_names_apart():
    from geoevents._normalize import skeleton

    assert skeleton("Homs") != skeleton("Hama")
    assert skeleton("Raqqa") != skeleton("Daraa")


@pytest.mark.parametrize(
    ("written", "country"),
    [("Jisr al-Shughur", "SY"), ("Deir ez-Zor", "SY"), ("Al-Bukamal", "SY"),
     ("Tal Abyad", "SY"), ("Sievierodonetsk", "UA")],
)
def test_transliterated_names_are_found(gaz, written, country):
    from geoevents.pipeline import locate

    feats = locate(f"Shelling was reported in {written} on Friday.", gaz)
    assert [f.country for f in feats] == [country], [(f.text, f.place) for f in feats]


def test_second_level_regions_are_located_from_their_places(gaz):
    counties = [p for p in gaz.lookup(name_key("Rapides Parish")) if p.kind == "admin2"]
    assert counties and counties[0].country == "US"
    # Rapides Parish, Louisiana: around Alexandria (31.31 N, 92.45 W)
    assert geodesic((counties[0].lat, counties[0].lon), (31.31, -92.45)).km < 60


def _first(gaz, name: str, kind: str | None = None):
    cands = [p for p in gaz.lookup(name_key(name)) if kind is None or p.kind == kind]
    assert cands, f"no {kind or 'candidate'} for {name!r}"
    return cands[0]


@pytest.mark.parametrize(("name", "lat", "lon", "km"), [
    # the conventional reference points (CIA World Factbook; GeoNames uses the same ones)
    ("Russia", 60.0, 100.0, 1.0),
    ("Canada", 60.0, -95.0, 1.0),
    ("China", 35.0, 105.0, 1.0),
    # the geographic centre of the contiguous United States, near Lebanon, Kansas
    ("United States", 39.83, -98.58, 2.0),
])
def test_country_reference_points(gaz, name: str, lat: float, lon: float, km: float) -> None:
    p = _first(gaz, name, "country")
    assert geodesic((p.lat, p.lon), (lat, lon)).km <= km
    assert p.coord_method


def test_a_factbook_point_off_the_country_is_not_used(gaz) -> None:
    # the Factbook gives Kuwait 29.5 N, 45.75 E, some 80 km west of the country
    p = _first(gaz, "Kuwait", "country")
    assert "centroid" in p.coord_method
    assert geodesic((p.lat, p.lon), (29.5, 45.75)).km > 50


def test_shared_demonym_goes_to_the_most_populous_country(gaz) -> None:
    assert gaz.demonym("American") == "US"  # not the Northern Mariana Islands
    assert _first(gaz, "America", "country").country == "US"
    assert _first(gaz, "Democratic Republic of Congo", "country").country == "CD"


def test_historical_regions_from_compass_named_provinces(gaz) -> None:
    darfur = _first(gaz, "Darfur", "region")
    assert darfur.country == "SD" and "North Darfur" in darfur.source
    assert geodesic((darfur.lat, darfur.lon), (13.0, 24.5)).km < 300  # western Sudan
    kivu = _first(gaz, "Kivu", "region")
    assert kivu.country == "CD" and "Nord-Kivu" in kivu.source
    # a generic word is not made a region: Western, Eastern and Northern Cape stay apart
    assert not [p for p in gaz.lookup("cape") if p.kind == "region"]


def test_un_world_regions(gaz) -> None:
    west_africa = _first(gaz, "West Africa", "region")
    assert west_africa.id == "m49:011" and west_africa.name == "Western Africa"
    assert geodesic((west_africa.lat, west_africa.lon), (12.0, -2.0)).km < 1000
    polynesia = _first(gaz, "Polynesia", "region")
    assert polynesia.lat < 0 and abs(polynesia.lon) > 140  # in the Pacific, not at lon 0


def test_region_point_ignores_a_miscoded_place(gaz) -> None:
    # one GeoNames place coded to Jiangsu lies at 100 E, 1,800 km away
    jiangsu = _first(gaz, "Jiangsu", "admin1")
    assert geodesic((jiangsu.lat, jiangsu.lon), (32.06, 118.78)).km < 250  # Nanjing


def test_nearest_comparable_looks_across_the_antimeridian(gaz) -> None:
    """Tubou (Lau islands, 178.8° W) has Levuka (179.3° E) as its nearest comparable town,
    ~200 km away across ±180: the search box wraps."""
    from geoevents._geodesy import distance_m

    (tubou,) = [p for p in gaz.lookup("tubou") if p.id == "geonames:4035863"]
    (levuka,) = [p for p in gaz.lookup("levuka") if p.id == "geonames:2204417"]
    d = gaz.nearest_comparable(tubou, radius_m=300_000)
    assert d is not None
    assert d == pytest.approx(distance_m(tubou.lat, tubou.lon, levuka.lat, levuka.lon), rel=0.01)


def test_well_known_regions_table_is_well_formed(gaz) -> None:
    """Every row of _regions.csv names a definition and at least two members, all countries
    or all subdivisions, every one of which the built gazetteer holds; no name twice."""
    import csv

    from geoevents.gazetteer import REGIONS_TABLE

    with open(REGIONS_TABLE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 10
    countries = {cc for (cc,) in gaz._con.execute(
        "SELECT country FROM places WHERE kind = 'country'")}
    keys: list[str] = []
    for row in rows:
        members = row["members"].split()
        assert len(members) >= 2 and row["definition"].strip(), row["name"]
        assert len(set(members)) == len(members), row["name"]
        subdivisions = [m for m in members if m.startswith("geonames:")]
        assert len(subdivisions) in (0, len(members)), row["name"]  # never mixed
        for m in members:
            if m.startswith("geonames:"):
                kinds = {p.kind for p in gaz._embedded_places([m]).values()}
                assert kinds & {"admin1", "admin2"}, (row["name"], m)
            else:
                assert m in countries, (row["name"], m)
        keys += [name_key(row["name"])] + [name_key(a) for a in row["aliases"].split("|") if a]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("name", "region_id", "lat", "lon", "km"), [
    ("Donbas", "region:donbas", 48.3, 38.5, 250),          # Donetsk and Luhansk oblasts
    ("Donbass", "region:donbas", 48.3, 38.5, 250),
    ("Iraqi Kurdistan", "region:kurdistan-region", 36.2, 44.3, 200),  # Erbil, Duhok, Sulaymaniyah
    ("Levant", "region:levant", 33.0, 36.5, 400),
    ("Middle East", "region:middle-east", 29.0, 43.0, 1000),
    ("USSR", "region:soviet-union", 58.0, 80.0, 2000),
    ("Horn of Africa", "region:horn-of-africa", 8.0, 42.0, 800),
    ("Mindanao", "region:mindanao", 7.5, 125.0, 200),
    ("Nyanza", "region:nyanza-province", -0.5, 34.6, 150),  # Kenya's province until 2013
])
def test_well_known_regions(gaz, name: str, region_id: str, lat: float, lon: float,
                            km: float) -> None:
    (region,) = [p for p in gaz.lookup(name_key(name)) if p.id == region_id]
    assert region.kind == "region" and "geoevents well-known regions" in region.source
    assert region.coord_method  # says how the point was obtained
    assert geodesic((region.lat, region.lon), (lat, lon)).km < km
    assert region.extent_m > 50_000


def test_well_known_region_aliases_match_exactly_only(gaz) -> None:
    """A curated alias is never a loose (transliteration) match: "Baltic Sea" is not the
    Baltic states by way of "Baltics"."""
    assert [p.id for p in gaz.lookup("baltics")] == ["region:baltic-states"]
    assert not [p for p in gaz.lookup_loose(["Baltic Sea"]).get("Baltic Sea", [])
                if p.id.startswith("region:")]


def test_well_known_regions_resolve_in_context(gaz) -> None:
    """The Levant and the Middle East of foreign news are the regions, not the US villages
    of those names (population 2,257 and 1,872) — and Moscow stays Russia's."""
    from geoevents.pipeline import analyse

    text = ("Iran has widened its influence across the Levant and the wider Middle East, "
            "officials in Washington said. Veterans of the Soviet Union's war in Afghanistan "
            "met in Moscow.")
    ex, _ = analyse(text, gaz)
    placed = {m.text: m.place for m in ex.mentions if m.place is not None}
    assert placed["Levant"].id == "region:levant"
    assert placed["Middle East"].id == "region:middle-east"
    assert placed["Soviet Union"].id == "region:soviet-union"
    assert placed["Moscow"].country == "RU"


def test_known_regions_skip_what_the_sources_lack(tmp_path) -> None:
    """A member missing from the sources is named in the source text; a region left with
    fewer than two members is not added."""
    from geoevents.gazetteer import known_regions

    table = tmp_path / "regions.csv"
    table.write_text(
        "name,aliases,members,definition\n"
        "Testland,,AA BB ZZ,\"AA, BB and ZZ\"\n"
        "Lonely,,AA ZZ,\"AA and ZZ\"\n"
        "Twin Provinces,Twins,geonames:1 geonames:2,\"provinces 1 and 2\"\n",
        encoding="utf-8")
    countries = {"AA": (10.0, 10.0, 100_000.0, 5.0e4), "BB": (10.0, 12.0, 100_000.0, 5.0e4)}
    subs = {"geonames:1": ([1.0, 1.2], [1.0, 1.1], 100, "XX"),
            "geonames:2": ([2.0], [2.0], 50, "XX")}
    out = known_regions(countries, {"AA": 3, "BB": 4}, subs, path=table)
    by_name = {r["place"].name: r for r in out}
    assert set(by_name) == {"Testland", "Twin Provinces"}
    testland = by_name["Testland"]["place"]
    assert "not in the sources: ZZ" in testland.source and testland.population == 7
    assert testland.lat == pytest.approx(10.0, abs=0.1) and 10.5 < testland.lon < 11.5
    twins = by_name["Twin Provinces"]
    assert twins["aliases"] == ["Twins"] and twins["place"].population == 150
    assert twins["place"].country == "XX" and testland.country is None  # shared country only
    assert twins["place"].coord_method.startswith("centre of the 3 GeoNames places")
