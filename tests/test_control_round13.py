"""Control statements, round thirteen (issue 14): sentences written for these tests, in other
words and about other places and wars than the development sequences, one group per class
of mechanism (docs/events.md, "Round thirteen"). Features come from the real pipeline; a
report's date, where a case gives one, is its publication date."""

from __future__ import annotations

import pytest
from _helpers import status_in

CASES = {
    # a demonym before a word for a state that is no military noun ("the Iraqi regime", "the
    # Eritrean government") names that country's state, not the report country's regime
    "demonym_regime": [
        ("1980-11-01", "TEHRAN, Nov 1 - The Iraqi regime continues to occupy Khorramshahr, "
         "the ministry said.", "Khorramshahr", "IR", ("held", "iq-government")),
        ("1999-03-10", "ADDIS ABABA, March 10 - The Eritrean government continues to occupy "
         "Sheraro, the foreign ministry said.", "Sheraro", "ET", ("held", "er-government")),
    ],
    # the state's own words for its soldiers after a demonym ("Georgian national guardsmen",
    # "Croatian guardsmen", "Russian tanks") are that state's forces
    "demonym_guardsmen": [
        ("1992-08-19", "TBILISI, Aug 19 - Georgian national guardsmen were in control of "
         "Ochamchire on Wednesday after four days of fighting.", "Ochamchire", "GE",
         ("held", "ge-government")),
        ("1991-08-20", "Croatian guardsmen entered Pakrac on Tuesday.", "Pakrac", "HR",
         ("held", "hr-government")),
        ("2022-02-27", "KYIV, Feb 27 - Russian tanks entered Kupiansk on Sunday.", "Kupiansk",
         "UA", ("held", "russia")),
    ],
    # the forces of a ministry named by its office ("units of the interior ministry",
    # "interior ministry troops") are the report country's state forces, and the subject
    # of the main clause after a fronted clause that names another actor
    "ministry_units": [
        ("2014-07-05", "Units of the interior ministry entered Mykolaivka on Saturday.",
         "Mykolaivka", "UA", ("held", "ua-government")),
        ("1995-01-10", "After the last rebel column left the town, troops of the interior "
         "ministry entered Argun.", "Argun", "RU", ("held", "russia")),
        ("2014-07-05", "After the last column of Russian armour left the area, interior "
         "ministry troops entered Mykolaivka.", "Mykolaivka", "UA", ("held", "ua-government")),
    ],
    # a garrison or the defenders of a place, named with their side, hold it: "the Syrian
    # army garrison of X", "Ukrainian defenders of X", "the Bosnian army garrison in X"
    "garrison_of": [
        ("2016-03-01", "The Syrian army garrison of Deir ez-Zor was holding all its positions "
         "on Tuesday.", "Deir ez-Zor", "SY", ("held", "sy-government")),
        ("2022-03-10", "KYIV - Ukrainian defenders of Chernihiv repelled another assault on "
         "Tuesday.", "Chernihiv", "UA", ("held", "ua-government")),
        ("1993-04-10", "The Bosnian army garrison in Srebrenica was running out of ammunition.",
         "Srebrenica", "BA", ("held", "ba-government")),
    ],
    # a side's flag flying over a place: the place is that side's ("the Iraqi flag now flies
    # over X", "the rebels' flag still flew over X")
    "flag_flies_over": [
        ("2017-07-10", "The Iraqi flag now flies over Tal Afar, officials said.", "Tal Afar",
         "IQ", ("held", "iq-government")),
        ("2014-07-07", "For the first time in three months the Ukrainian flag flies over "
         "Kramatorsk.", "Kramatorsk", "UA", ("held", "ua-government")),
        ("2015-01-20", "The flag of the Houthis was flying over Dhamar on Tuesday.", "Dhamar",
         "YE", ("held", "houthis")),
    ],
    # a country named as the speaker and "its forces" after it: that country's forces, not
    # the state of the report's dateline
    "country_speaker_its_forces": [
        ("1979-02-20", "HANOI, Feb 20 - China said on Tuesday that its troops had entered "
         "Lang Son.", "Lang Son", "VN", ("held", "cn-government")),
        ("1980-09-30", "TEHRAN, Sept 30 - Iraq said its forces had captured Mehran.",
         "Mehran", "IR", ("held", "iq-government")),
    ],
    # an alliance has its years: Ethiopia and Eritrea fought together in Tigray (2020-22),
    # not in their border war of 1998-2000, where one's hold is no claim of the other's camp
    "alliance_years": [
        ("1999-06-10", "The Ethiopian army, which continues to occupy Keren, has announced a "
         "victory, a claim the Eritrean forces called a lie.", "Keren", "ER",
         ("held", "et-government")),
    ],
    # the demonym of a state that no longer exists (ISO 3166-3): its forces are that state's
    # side by the <iso2>-government rule, not the report country's
    "former_state_demonyms": [
        ("1980-01-05", "Soviet troops entered Herat on Saturday.", "Herat", "AF",
         ("held", "su-government")),
    ],
    # the SFRY's army ("the federal army", the JNA) in the wars of 1991-92 is Yugoslavia's
    # side, not the report country's; in Kosovo 1998 the FRY's army is Serbia's
    "yugoslav_army": [
        ("1991-08-27", "ZAGREB, Aug 27 - Yugoslav troops captured Kijevo on Monday.",
         "Kijevo", "HR", ("held", "yu-government")),
        ("1991-10-03", "The federal army said it had taken Dubrovnik airport and entered "
         "Cavtat.", "Cavtat", "HR", ("held", "yu-government")),
        ("1991-06-28", "Federal army tanks entered Dravograd on Friday.", "Dravograd", "SI",
         ("held", "yu-government")),
        ("1998-07-20", "Yugoslav army troops entered Orahovac on Monday.", "Orahovac", "XK",
         ("held", "rs-government")),
    ],
    # the forces of a breakaway republic named with its demonym ("Abkhaz forces") are its
    # side, not the state they fight
    "breakaway_demonym": [
        ("1993-07-05", "Abkhaz forces now hold Pitsunda.", "Pitsunda", "GE",
         ("held", "abkhazia")),
        ("1993-07-05", "Abkhazian fighters captured New Athos on Sunday.", "New Athos", "GE",
         ("held", "abkhazia")),
        ("1993-07-05", "Abkhaz separatist forces said they had taken New Athos.", "New Athos",
         "GE", ("held", "abkhazia")),
    ],
}


@pytest.mark.parametrize(("date", "text", "needle", "country", "expected"),
                         [c for cases in CASES.values() for c in cases])
def test_control_round13(gaz, date, text, needle, country, expected):
    assert status_in(gaz, date, text, needle, country) == expected
