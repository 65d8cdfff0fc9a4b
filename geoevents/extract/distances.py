"""Numbers and distances as the spatial and road grammars write them: pattern pieces, and
what a matched number or range and unit measure."""

from __future__ import annotations

import re

from .._lexicon import NUMBER_WORDS, UNITS

_NUM_WORDS = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True))
NUM_RAW = rf"(?:\d+(?:[.,]\d+)?|{_NUM_WORDS})"
#: A number, or a range of two ("10-15", "10–15", "10 to 15", "between 10 and 15"): the
#: range's low end is ``lo`` (or ``lob`` after "between"), its high end ``num``.
NUM = (rf"(?:\bbetween\s+(?P<lob>{NUM_RAW})\s+and\s+|\b(?P<lo>\d+(?:[.,]\d+)?|{_NUM_WORDS})"
        rf"\s*(?:-|‐|‑|–|—|to)\s*)?\b(?P<num>{NUM_RAW})")
UNIT = r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b\.?"
HEDGE_WORDS = ("about", "around", "some", "nearly", "almost", "roughly", "approximately",
                "just", "only", "less than", "more than", "up to", "at least", "under", "over",
                "barely")
HEDGE = r"(?P<hedge>" + "|".join(HEDGE_WORDS) + r")\s+"
THE = r"(?:the\s+)?"
END = r"\s*$"


def parse_number(word: str) -> float | None:
    """A number written in digits or words ("two" → 2, "1,5" → 1.5, "a few" → 3)."""
    w = " ".join(word.strip().lower().split())
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    try:
        return float(w.replace(",", "."))
    except ValueError:
        return None


def distance_precision(written: str, unit_m: float) -> float:
    """Half the precision of a written distance, in metres (Chapman & Wieczorek 2020).

    "10.5" → 0.25 units; "15" → 0.5; "10" → 0.5 (a power of ten uses the next lower power);
    "100" → 5; "140" → 5; number words count as written integers.
    """
    w = written.strip().lower()
    value = parse_number(w)
    if value is None:
        return 0.0
    if not w[0].isdigit():
        w = str(int(value)) if value >= 1 and value == int(value) else str(value)
    if "." in w or "," in w:
        frac = re.split(r"[.,]", w)[1]
        step = 10.0 ** -len(frac)
        if frac.endswith("5"):
            step *= 5  # "10.5" is written to the half: precision 0.5, uncertainty 0.25
        return 0.5 * step * unit_m
    digits = w.lstrip("0") or "0"
    trailing = len(digits) - len(digits.rstrip("0"))
    if value >= 1 and digits.rstrip("0") == "1":
        # a power of ten: the next lower power
        return 0.5 * 10 ** (trailing - 1) * unit_m
    return 0.5 * 10**trailing * unit_m


def measure(g: dict[str, str | None], unit_key: str = "unit") -> tuple[float, float] | None:
    """(distance, distance uncertainty) in metres of a matched number or range and unit.

    A single number: its value and half its precision (:func:`distance_precision`). A range
    ("10-15 km", "10 to 15 km", "between 10 and 15 km"): the midpoint, and half the range
    plus the larger precision of its two numbers (10–15 km → 12.5 km ± 2.5 + 0.5 km).
    """
    unit = UNITS.get((g.get(unit_key) or "km").lower().rstrip("."), 1000.0)
    num = g.get("num") or ""
    hi = parse_number(num)
    if hi is None:
        return None
    lo_text = g.get("lo") or g.get("lob")
    lo = parse_number(lo_text) if lo_text else None
    if lo is None or lo_text is None:
        return hi * unit, distance_precision(num, unit)
    lo, hi = sorted((lo, hi))
    prec = max(distance_precision(lo_text, unit), distance_precision(num, unit))
    return (lo + hi) / 2 * unit, (hi - lo) / 2 * unit + prec
