"""The sides table's general rules and the current wars' rows (docs/events.md, "Sides"),
on invented sentences: other places, other wars and other words than the dev sequences'."""

from __future__ import annotations

import pytest

from geoevents.events import load_sides
from geoevents.events.sides import general_actors

NEW_KEYS = {"az-government", "am-government", "artsakh", "sd-government", "rsf",
            "mm-government", "mndaa", "tnla", "arakan-army", "kia", "pdf", "ml-government",
            "bf-government", "ne-government", "jnim", "csp", "cd-government", "m23", "adf",
            "et-government", "tplf", "fano", "er-government", "houthis", "ye-government",
            "stc", "saudi-coalition", "il-government", "hamas", "pij", "lna", "ly-government",
            "so-government", "au-forces", "ng-government", "boko-haram", "mz-government",
            "rw-government", "co-government", "eln", "farc-dissidents", "clan-del-golfo",
            "ht-government", "viv-ansanm"}


def sides_of(text: str, country: str | None = None) -> dict[str, str | None]:
    return {a.text: a.side for a in load_sides().find(text, country=country)}


# ---------------------------------------------------------------- (a) the demonym rule

@pytest.mark.parametrize(("text", "actor", "side"), [
    ("Kenyan troops pushed into Ras Kamboni at dawn.", "Kenyan troops", "ke-government"),
    ("The Chadian army shelled positions near Bol.", "Chadian army", "td-government"),
    ("Burundian soldiers were seen near Uvira.", "Burundian soldiers", "bi-government"),
    ("Turkish special forces crossed at Kilis.", "Turkish special forces", "tr-government"),
    ("Zambia's army sent two battalions north.", "Zambia's army", "zm-government"),
    ("Ugandan military units entered Bunia.", "Ugandan military units", "ug-government"),
])
def test_demonym_is_the_state(text: str, actor: str, side: str) -> None:
    assert sides_of(text)[actor] == side


def test_russian_state_forces_stay_russia() -> None:
    assert sides_of("Russian government forces took Tokmak.")["Russian government forces"] \
        == "russia"
    assert sides_of("Russia's 35th Army regrouped.")["Russia's 35th Army"] == "russia"


@pytest.mark.parametrize("text", [
    "Ethnic Uzbek forces held the bazaar in Osh.",
    "Pro-Serbian militias blocked the road to Zvecan.",
    "Anti-Tajik fighters fired on the post.",
])
def test_ethnic_pro_anti_are_not_the_state(text: str) -> None:
    assert not any(s and s.endswith("-government") and s[:2] in ("uz", "rs", "tj")
                   for s in sides_of(text).values())


def test_separatists_and_rebels_of_a_demonym_are_not_the_state() -> None:
    found = sides_of("Cameroonian separatists ambushed a convoy; Cameroonian troops replied.",
                     country="CM")
    assert found["Cameroonian troops"] == "cm-government"
    assert all(v != "cm-government" for k, v in found.items() if "separatist" in k)


# ---------------------------------------------------------------- (b) a name from the text

def test_unknown_group_gets_its_own_name_and_abbreviation() -> None:
    text = ("The Zeta Liberation Front (ZLF) overran Kolvani on Tuesday. Government troops "
            "withdrew; ZLF commanders said the town was theirs.")
    found = load_sides().find(text, country="GE")
    sides = [(a.text, a.side) for a in found]
    assert ("Zeta Liberation Front", "zlf") in sides
    assert ("ZLF", "zlf") in sides
    assert ("Government troops", "ge-government") in sides


def test_unknown_group_never_takes_the_state_side() -> None:
    # "Army" inside a group's own name is not the country's army
    found = sides_of("The Shan Hills Army seized the ridge above Namtu.", country="MM")
    assert found == {"Shan Hills Army": "shan-hills-army"}


def test_unknown_demonym_army_is_a_name_not_a_state() -> None:
    found = sides_of("The Veltrian Armed Forces crossed the river.")
    assert found["Veltrian Armed Forces"] == "veltrian-armed-forces"


def test_headlines_in_title_case_make_no_group() -> None:
    rows = general_actors("Rebels Advance As Northern Army Collapses Near Border Town\n")
    assert not [r for r in rows if r[2].line == -2]


def test_a_known_name_inside_a_longer_one_wins() -> None:
    found = sides_of("U.S.-backed Syrian Democratic Forces entered the stadium.")
    assert set(found.values()) == {"sdf"}


def test_numbered_units_are_the_state_of_the_report() -> None:
    assert sides_of("The 14th Infantry Division held Kassala.", country="SD") == {
        "14th Infantry Division": "sd-government"}
    assert sides_of("The Third Brigade withdrew from Gedaref.", country="SD") == {
        "Third Brigade": "sd-government"}


def test_generic_noun_after_a_name_joins_it() -> None:
    found = load_sides().find("the Kurdish YPG militia took the dam", country="SY")
    assert [(a.text, a.side) for a in found] == [("YPG militia", "sdf")]


# ---------------------------------------------------------------- the wars' rows and @context

@pytest.mark.parametrize(("text", "country", "side"), [
    ("the army", "SD", "sd-government"), ("the militia", "SD", "rsf"),
    ("Rapid Support Forces", "SD", "rsf"), ("the junta", "MM", "mm-government"),
    ("the military", "MM", "mm-government"), ("the Tatmadaw", None, "mm-government"),
    ("the junta", "ML", "ml-government"), ("FAMa", None, "ml-government"),
    ("Tuareg-led rebels", None, "csp"), ("the rebels", "ML", "csp"),
    ("JNIM", None, "jnim"), ("IS Sahel", None, "islamic-state"),
    ("Africa Corps", None, "russia"), ("Akhmat fighters", None, "russia"),
    ("DPR forces", None, "russia"), ("territorial defence units", "UA", "ua-government"),
    ("FARDC", None, "cd-government"), ("Wazalendo fighters", None, "cd-government"),
    ("AFC/M23", None, "m23"), ("the rebels", "CD", "m23"), ("ADF rebels", None, "adf"),
    ("ENDF", None, "et-government"), ("Tigray Defence Forces", None, "tplf"),
    ("Fano militias", None, "fano"), ("Eritrean troops", None, "er-government"),
    ("Ansar Allah", None, "houthis"), ("the rebels", "YE", "houthis"),
    ("Southern Transitional Council", None, "stc"), ("Saudi-led coalition", None,
                                                     "saudi-coalition"),
    ("the IDF", None, "il-government"), ("Hamas gunmen", None, "hamas"),
    ("Islamic Jihad", None, "pij"), ("Haftar's forces", None, "lna"),
    ("forces loyal to the Tripoli government", None, "ly-government"),
    ("al-Shabaab", "SO", "al-shabaab"), ("al-Shabab", "MZ", "islamic-state"),
    ("ATMIS", None, "au-forces"), ("Macawisley", None, "so-government"),
    ("ISWAP", None, "islamic-state"), ("Boko Haram", None, "boko-haram"),
    ("CJTF", None, "ng-government"), ("FADM", None, "mz-government"),
    ("Rwandan troops", None, "rw-government"), ("ELN", None, "eln"),
    ("FARC dissidents", None, "farc-dissidents"), ("Gulf Clan", None, "clan-del-golfo"),
    ("Viv Ansanm", None, "viv-ansanm"), ("the gangs", "HT", "viv-ansanm"),
    ("Kenyan-led mission", None, "ht-government"), ("Haitian National Police", None,
                                                    "ht-government"),
    ("ethnic Armenian forces", None, "artsakh"), ("Armenian forces", "AZ", "artsakh"),
    ("Armenian forces", "AM", "am-government"), ("Azeri troops", None, "az-government"),
    ("MNDAA", None, "mndaa"), ("Ta'ang National Liberation Army", None, "tnla"),
    ("Arakan Army", None, "arakan-army"), ("Kachin Independence Army", None, "kia"),
    ("People's Defence Forces", None, "pdf"), ("resistance fighters", "MM", "pdf"),
    ("separatists", "AZ", "artsakh"),
])
def test_war_rows(text: str, country: str | None, side: str) -> None:
    found = load_sides().find(text, country=country)
    assert len(found) == 1, found
    assert found[0].side == side


def test_militia_outside_sudan_is_not_the_government() -> None:
    assert sides_of("the militia burned the market", country="CF") == {"militia": None}


def test_every_row_of_the_current_wars_cites_a_source() -> None:
    table = load_sides()
    rows = [r for r in table.rules if r.side in NEW_KEYS or any(
        f"={k}" in r.side for k in NEW_KEYS)]
    assert len(rows) > 40
    assert [r.pattern[:40] for r in rows if not r.source] == []


def test_the_keys_are_those_decided() -> None:
    keys = {r.side for r in load_sides().rules if not r.generic}
    assert NEW_KEYS <= keys | {"am-government"}


def test_an_actors_name_does_not_run_across_a_paragraph_break() -> None:
    from geoevents.events.sides import general_actors

    text = ("Thousands have fled, according to the United Nations.\n\n"
            "Coalition aircraft struck positions south of the town on Sunday.")
    names = [text[s:e] for s, e, _ in general_actors(text)]
    assert not any("\n" in n for n in names), names


# ------------------------------------------------------ (c) past wars' rows (round fifteen)

@pytest.mark.parametrize(("text", "actor"), [
    ("The Sandinista Front said it had taken Jinotega.", "Sandinista Front"),
    ("Sandinista columns entered Chinandega at dawn.", "Sandinista columns"),
    ("The FSLN holds the barrios east of Matagalpa.", "FSLN"),
    ("Frente Sandinista fighters overran the post at Ocotal.", "Frente Sandinista"),
])
def test_the_sandinista_front_is_one_side(text: str, actor: str) -> None:
    found = {a.text: a.side for a in load_sides().find(text, country="NI")}
    assert [s for t, s in found.items() if actor in t] == ["fsln"], found


@pytest.mark.parametrize(("text", "actor"), [
    ("UNITA shelled Kuito overnight.", "UNITA"),
    ("Savimbi's rebels cut the road to Malanje.", "Savimbi's rebels"),
    ("The National Union for the Total Independence of Angola took Mbanza Congo.",
     "National Union for the Total Independence of Angola"),
])
def test_unita_is_one_side(text: str, actor: str) -> None:
    found = {a.text: a.side for a in load_sides().find(text, country="AO")}
    assert [s for t, s in found.items() if actor in t] == ["unita"], found
