"""Words of spatial language: numbers, units, compass points, feature words, hedges."""

from __future__ import annotations

from .text import NUMBERS, number_words

#: Number words as each reader reads them are one table, :data:`geoevents.text.NUMBERS`;
#: these are its columns. Cardinal number words below twenty and the tens (the values are the
#: same for every reader); ``NUMBER_WORDS`` is the distance column (extraction's grammar).
CARDINALS: dict[str, int] = {w: int(n.date) for w, n in NUMBERS.items() if n.kind == "cardinal"}
TENS: dict[str, int] = {w: int(n.date) for w, n in NUMBERS.items() if n.kind == "tens"}
NUMBER_WORDS: dict[str, float] = number_words("distance")  # type: ignore[assignment]

#: Unit → metres.
UNITS: dict[str, float] = {
    "km": 1000, "kms": 1000, "kilometre": 1000, "kilometres": 1000, "kilometer": 1000,
    "kilometers": 1000, "m": 1, "metre": 1, "metres": 1, "meter": 1, "meters": 1,
    "mi": 1609.344, "mile": 1609.344, "miles": 1609.344, "yard": 0.9144, "yards": 0.9144,
    "yds": 0.9144,
}

_CARDINAL = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0}
_BASE = {"n": 0.0, "e": 90.0, "s": 180.0, "w": 270.0}


def _points() -> dict[str, tuple[float, float]]:
    """Every spelling of 4-, 8- and 16-point headings → (bearing, ± precision)."""
    out: dict[str, tuple[float, float]] = {}
    inter = {("north", "east"): 45.0, ("south", "east"): 135.0, ("south", "west"): 225.0,
             ("north", "west"): 315.0}
    for name, b in _CARDINAL.items():
        for form in (name, name + "ern", name + "erly", name + "wards", name + "ward"):
            out[form] = (b, 45.0)
        out[name[0]] = (b, 45.0)
    for (a, c), b in inter.items():
        for sep in ("-", "", " "):
            for form in (f"{a}{sep}{c}", f"{a}{sep}{c}ern", f"{a}{sep}{c}erly"):
                out[form] = (b, 22.5)
        out[a[0] + c[0]] = (b, 22.5)
    # 16-point: north-north-east etc.
    for (a, c), b in inter.items():
        for main in (a, c):
            mb = _CARDINAL[main]
            bearing = (mb + b) / 2 if abs(mb - b) <= 180 else ((mb + b + 360) / 2) % 360
            if main == "north" and b == 315.0:
                bearing = 337.5
            for sep in ("-", " ", ""):
                # north-north-east, north-north east, north-northeast, northnortheast, …
                for inner in ("-", " ", ""):
                    for suffix in ("", "ern", "erly"):
                        out[f"{main}{sep}{a}{inner}{c}{suffix}"] = (bearing, 11.25)
            out[main[0] + a[0] + c[0]] = (bearing, 11.25)
    return out


COMPASS: dict[str, tuple[float, float]] = _points()

#: Feature words after a name ("the X neighbourhood") → normalised feature.
SUFFIX_FEATURES: dict[str, str] = {
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "district": "district",
    "quarter": "neighbourhood", "suburb": "neighbourhood", "hilltop": "hill", "hill": "hill",
    "hills": "hill", "heights": "hill", "mountain": "mountain", "mountains": "mountain",
    "village": "village", "town": "town", "city": "city", "base": "base", "airbase": "base",
    "air base": "base", "airport": "airport", "airfield": "airport", "military airport": "airport",
    "bridge": "bridge", "crossing": "crossing", "border crossing": "crossing",
    "checkpoint": "checkpoint", "dam": "dam", "camp": "camp", "square": "landmark",
    "roundabout": "landmark", "junction": "crossing", "citadel": "landmark", "castle": "landmark",
    "fort": "landmark", "palace": "landmark", "hospital": "landmark", "stadium": "landmark",
    "prison": "landmark", "factory": "landmark", "plant": "landmark", "oilfield": "landmark",
    "oil field": "landmark", "gas field": "landmark", "field": "landmark", "valley": "valley",
    "plain": "area", "plains": "area", "region": "region", "area": "area", "front": "area",
    "province": "region", "governorate": "region", "oblast": "region", "prefecture": "region",
    "ridge": "hill", "mine": "landmark", "refinery": "landmark", "power station": "landmark",
    "power plant": "landmark", "military academy": "landmark",
}

#: Name prefixes that carry their own feature ("Jabal X", "Hayy X").
PREFIX_FEATURES: dict[str, str] = {
    "jabal": "mountain", "jebel": "mountain", "jbel": "mountain", "jabel": "mountain",
    "mount": "mountain", "hayy": "neighbourhood", "hay": "neighbourhood",
    "hai": "neighbourhood", "haiy": "neighbourhood", "tal": "hill", "tall": "hill",
    "tell": "hill", "tel": "hill", "wadi": "valley", "qalat": "landmark", "qalaat": "landmark",
    "khirbet": "village", "khirbat": "village", "kafr": "village", "kfar": "village",
}

#: "the village of X" heads.
OF_FEATURES: dict[str, str] = {
    "village": "village", "town": "town", "city": "city", "district": "district",
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "hamlet": "village",
    "settlement": "village", "suburb": "neighbourhood", "region": "region",
    "province": "region", "governorate": "region", "oblast": "region",
}

#: Words that may stand beside a place name in a capitalised run without making it another name.
NAME_MODIFIERS: frozenset[str] = frozenset(
    {"city", "town", "village", "province", "governorate", "district", "region", "oblast",
     "state", "county", "countryside", "old", "new", "upper", "lower", "greater", "central",
     "north", "south", "east", "west", "northern", "southern", "eastern", "western", "the",
     "of", "rural", "airport", "area"}
)

#: Lower-case words allowed inside a capitalised name ("Dayr az Zawr", "Gulf of Aden").
CONNECTORS: frozenset[str] = frozenset(
    {"al", "el", "ad", "ash", "as", "at", "az", "ar", "an", "ed", "es", "ez", "en", "ul", "ur",
     "de", "del", "la", "le", "les", "of", "the", "du", "des", "di", "da", "do", "dos", "das",
     "van", "von", "bin", "ibn", "bani", "um", "umm", "abu", "bou"}
)

#: Prepositions and conjunctions that open a clause. Written capitalised in mid-sentence
#: ("Protest: In Makeni, …", "On 12 May, In Khulna, …" in terse event notes), such a word
#: opens its clause as a sentence's first word does, and is no part of the name after it.
CLAUSE_OPENERS: frozenset[str] = frozenset(
    {"in", "on", "near", "from", "into", "outside", "inside", "around", "across", "along",
     "between", "during", "after", "before", "since", "while", "when", "where", "and", "but",
     "or", "by", "for", "with", "within", "without", "against", "towards", "toward",
     "through", "throughout", "amid", "amidst", "among", "despite", "following", "over",
     "upon", "via", "meanwhile", "elsewhere", "also", "later", "then"}
)

#: Capitalised words that are never places on their own.
NOT_PLACES: frozenset[str] = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "president", "minister", "general", "colonel", "captain", "mr",
     "mrs", "ms", "dr", "god", "allah", "islamic", "state", "army", "reuters", "afp", "ap",
     "i", "is", "isis", "isil", "un", "nato", "eu",
     # months of the Islamic, Hindu/Nepali and other calendars and the feasts that date
     # reports in conflict zones ("during Ramadan", "after Eid", "on Ashura"): some gazetteer
     # lists each as another name of a village
     "ramadan", "ramazan", "muharram", "ashura", "eid", "shawwal", "nowruz", "navruz",
     "diwali", "dashain", "tihar", "holi", "christmas", "easter", "lent", "passover",
     "hanukkah", "yom", "kippur"}
)

#: Armed groups and organisations whose names are also place names somewhere ("Taliban" is a
#: village in Turkey, "Wagner" a town in Brazil): never places in a conflict report.
ACTORS: frozenset[str] = frozenset(
    {"taliban", "wagner", "hezbollah", "hizbollah", "hamas", "houthi", "houthis", "ansar allah",
     "daesh", "daish", "al qaeda", "al qaida", "al shabaab", "al shabab", "shabaab",
     "boko haram", "peshmerga", "ypg", "ypj", "sdf", "pkk", "rsf", "hts", "nusra",
     "al nusra", "jabhat al nusra", "hayat tahrir al sham", "azov", "akhmat", "kataib",
     "hashd", "janjaweed", "m23", "wagner group", "islamic state", "fsa", "free syrian army",
     "syrian democratic forces", "popular mobilisation forces", "pmf", "idf", "afp",
     "reuters", "associated press", "unesco", "unicef", "unhcr", "icrc", "red cross", "msf",
     "amnesty", "human rights watch", "sohr", "isw", "acled", "nato", "pentagon", "kremlin"}
)

TITLES: frozenset[str] = frozenset(
    {"president", "minister", "general", "colonel", "captain", "commander", "sheikh", "mr", "mrs",
     "dr", "king", "prince", "emir", "lieutenant", "major", "sergeant", "director", "spokesman",
     "spokesperson", "prime", "foreign", "defence", "defense", "secretary", "governor", "mayor"}
)
