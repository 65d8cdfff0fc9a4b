"""When: time expressions in report text, resolved against the publication date.

:func:`find_dates` finds every time expression of a text ("on Wednesday", "last month",
"since May last year", "24 March 2016", "two days ago", "a three-week offensive") and
resolves it to a calendar period; :func:`date_features` gives each located feature the date
of its sentence (ACLED's ``event_date`` and ``time_precision``); :func:`parse_published`
reads a publication date (``--date YYYY-MM-DD``, :attr:`geoevents.model.Report.date`). The
resolution rules are specified in docs/dates.md.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from .errors import InputError
from .model import Feature
from .text import DisjointSpans, SpanIndex, clause_breaks, number_value, sentences

__all__ = ["DateMention", "date_features", "find_dates", "parse_published"]

Date = datetime.date
_DAY = datetime.timedelta(days=1)

#: ``relation`` values of a :class:`DateMention`.
RELATIONS: tuple[str, ...] = ("on", "since", "until", "before", "after", "duration")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression of a text and the period it stands for.

    Parameters
    ----------
    start, end : int
        Character offsets of the expression in the text (with its preposition and part words:
        "late on Monday", "since May last year").
    text : str
        ``text[start:end]``.
    date : datetime.date or None
        The first day of the period; ``None`` when it cannot be resolved (a relative
        expression without a publication date, an ambiguous or impossible date, a duration).
    end_date : datetime.date or None
        The last day of the period (the publication date for a period that contains it).
    precision : int
        ACLED's time_precision: 1 the day, 2 a few days up to a week, 3 the month or vaguer;
        0 for a duration (not a date).
    relation : str
        ``on`` (the event falls in the period), ``since`` (a state that began then),
        ``until``, ``before``, ``after``, or ``duration`` (a length of time, not a date).
    """

    start: int
    end: int
    text: str
    date: Date | None
    end_date: Date | None
    precision: int
    relation: str


# --------------------------------------------------------------------------- vocabulary

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTHS.update({name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)})
_MONTHS["sept"] = 9

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
                "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONFULL = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October"
            r"|November|December)")
_MON = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October"
        r"|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_DD = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>(?:18|19|20)\d\d)(?!\d)"
#: The number words the patterns accept; their values are the ``date`` column of
#: :data:`geoevents.text.NUMBERS` (``vague`` for "a few", "several", "some", "many").
_NUM = (r"(?:\d{1,3}|a\s+couple(?:\s+of)?|a\s+few|an?|one|two|three|four|five|six|seven"
        r"|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|few|several"
        r"|some|many)")
_NUMW = (r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
         r"|fifteen|twenty|thirty|forty|fifty)")
_UNIT = r"(?:hour|day|night|week|month|year)s?"
#: Words after a four-digit number that make it a quantity, not a year.
_QUANTITY = (r"(?!\s*(?:%|per\s*cent|percent|km\b|kilomet|metre|meter|m\b|mile|feet|ft\b"
             r"|yard|people|civilian|fighter|troop|soldier|men\b|women|children|famil"
             r"|resident|refugee|tonne|ton\b|tons\b|round|shell|rocket|home|house))")

_PREFIX_RE = re.compile(
    r"(?i:(?:\b(?P<prep>since|from|until|till|by|on|in|during|throughout|over|at|as\s+of"
    r"|before|after|of)\s+)?"
    r"(?:\b(?P<mod>early|late|mid|the\s+(?:very\s+)?(?:end|beginning|start|middle|first\s+half"
    r"|second\s+half|first\s+week|last\s+week|first\s+days|last\s+days)\s+of)(?:\s+|-))?"
    r"(?:\b(?P<prep2>on|in)\s+)?)\Z")
_RELATION_OF_PREP = {"since": "since", "from": "since", "until": "until", "till": "until",
                     "by": "until", "before": "before", "after": "after"}


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    regex: re.Pattern[str]
    cue: bool = False  # needs a preposition or a part word before it
    prefix: bool = True  # takes a preposition and part words before it
    #: Where a match may begin: it matches at every position where ``regex`` does (and
    #: perhaps elsewhere). It opens with a character class or literal words, so ``re`` scans
    #: for it in C; ``regex``, whose optional or case-blind openings leave ``re`` trying every
    #: position, is then tried only where it matches (:func:`_matches`).
    starts: re.Pattern[str] | None = None


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


#: ``(?<!\w.)`` after a character: it begins a word (the ``\b`` the rules open with).
_WORD_START = r"(?<!\w.)"
_WD_STARTS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: A weekday, "the" or a digit: what a day-month date may begin with (dmy, dm).
_DAY_STARTS = _r(r"[\dMTWFSt](?:(?<=t)he\s|(?<=[MTWFS])(?:onday|uesday|ednesday|hursday"
                 r"|riday|aturday|unday)|(?<=\d))")
#: A weekday or a month: what a month-day date may begin with (mdy, md).
_MON_STARTS = _r(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr"
                 r"|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_MONFULL_STARTS = _r(r"January|February|March|April|May|June|July|August|September|October"
                     r"|November|December")
#: The first letters of the number words of ``_NUMW`` (digits, one, two… eleven…), in both
#: cases; ``ſ`` matches ``s`` case-blind.
_NUMW_FIRST = r"\dtTfFsSſeEnNoO"


_RULES: tuple[_Rule, ...] = (
    _Rule("iso", _r(r"\b(?P<year>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})\b"),
          starts=_r(rf"\d{_WORD_START}\d{{3}}[-/]")),
    _Rule("numeric", _r(r"\b(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})"
                        r"\b"), starts=_r(rf"\d{_WORD_START}\d?[/.\-]")),
    _Rule("dmy", _r(rf"(?:{_WD},?\s+)?(?:the\s+)?{_DD}(?:\s+of)?\s+{_MON},?\s+{_YEAR}"),
          starts=_DAY_STARTS),
    _Rule("mdy", _r(rf"(?:{_WD},?\s+)?{_MON}\s+{_DD},?\s+{_YEAR}"), starts=_MON_STARTS),
    _Rule("dm", _r(rf"(?:{_WD},?\s+)?(?:the\s+)?\b{_DD}(?:\s+of)?\s+{_MON}\b"),
          starts=_DAY_STARTS),
    _Rule("md", _r(rf"(?:{_WD},?\s+)?\b{_MON}\s+{_DD}(?!\s*(?:km|%|-|–))"),
          starts=_MON_STARTS),
    _Rule("my", _r(rf"\b{_MONFULL},?\s+(?:of\s+)?{_YEAR}"), starts=_MONFULL_STARTS),
    _Rule("mrel", _r(rf"\b{_MONFULL}\s+(?:of\s+)?(?P<ry>(?i:last|this|next))\s+year\b"),
          starts=_MONFULL_STARTS),
    _Rule("lm", _r(rf"\b(?P<lm>(?i:last|this\s+past|next|this\s+coming))\s+{_MONFULL}\b"),
          starts=_r(rf"[lLtTnN]{_WORD_START}(?i:ast|his|ext)\s")),
    _Rule("mon", _r(rf"\b{_MONFULL}\b(?![-‑]\d)"), cue=True, starts=_MONFULL_STARTS),
    _Rule("decade", _r(r"\b(?i:the)\s+(?P<dec>(?:18|19|20)\d0)['’]?s\b"),
          starts=_r(rf"[tT]{_WORD_START}(?i:he)\s")),
    _Rule("year", _r(rf"\b{_YEAR}{_QUANTITY}"), cue=True,
          starts=_r(rf"1{_WORD_START}[89]|2{_WORD_START}0")),
    _Rule("wd", _r(rf"(?<!Good\s)(?<!Black\s)(?<!Holy\s)"
                   rf"(?:\b(?P<wrel>(?i:last|next|this\s+past|this\s+coming|past))\s+)?"
                   rf"\b{_WD}(?:['’]s)?"
                   r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night|midnight)))?\b"),
          starts=_r(r"[lLnNtTpPMWFS](?:(?<=[MTWFS])(?:onday|uesday|ednesday|hursday|riday"
                    r"|aturday|unday)|(?i:(?<=[lp])ast|(?<=n)ext|(?<=t)his))")),
    _Rule("dby", _r(r"(?i:\bthe\s+day\s+before\s+yesterday\b)"),
          starts=_r(rf"[tT]{_WORD_START}(?i:he\s)")),
    _Rule("today", _r(r"(?i:\b(?:earlier\s+|later\s+)?today\b|\bthis\s+(?:morning|afternoon"
                      r"|evening)\b|\btonight\b|\bearlier\s+in\s+the\s+day\b)"),
          starts=_r(rf"[eElLtT]{_WORD_START}(?i:arlier\s|ater\s|oday|his\s|onight)")),
    _Rule("yesterday", _r(r"(?i:\byesterday(?:\s+(?:morning|afternoon|evening))?\b"
                          r"|\blast\s+night\b|\bovernight\b)"),
          starts=_r(rf"[yYlLoO]{_WORD_START}(?i:esterday|ast\s|vernight)")),
    _Rule("tomorrow", _r(r"(?i:\btomorrow(?:\s+(?:morning|afternoon|evening|night))?\b)"),
          starts=_r(rf"[tT]{_WORD_START}(?i:omorrow)")),
    _Rule("ago", _r(rf"(?i:\b(?:(?P<n>{_NUM})\s+)?(?P<unit>day|week|month|year)s?\s+ago\b)"),
          starts=_r(rf"[{_NUMW_FIRST}aAmMdDwWyY]{_WORD_START}(?i:\w*(?:\s+(?:couple|few)"
                    r"(?:\s+of)?)?\s+(?:(?:day|week|month|year)s?\s+)?ago)")),
    _Rule("anaphor", _r(
        r"(?i:\bthe\s+(?:day|night)\s+before(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)"
        r"|\bthe\s+previous\s+(?:day|night)\b|\bthe\s+(?:next|following)\s+(?:day|morning"
        r"|night)\b|\bthe\s+day\s+after(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)"
        r"|\b(?:that|the)\s+same\s+(?:day|night)\b|\bthat\s+(?:day|night)\b"
        rf"|\b(?P<an>{_NUMW}|an?)\s+(?P<aunit>day|week)s?\s+(?P<adir>later|earlier)\b)"),
        starts=_r(rf"[{_NUMW_FIRST}aA]{_WORD_START}(?:(?i:he|hat)\s|\w*\s+(?i:day|week))")),
    _Rule("period", _r(r"(?i:\b(?P<prel>last|this|next|earlier\s+this|later\s+this"
                       r"|the\s+previous|previous|earlier\s+in\s+the|later\s+in\s+the)\s+"
                       r"(?P<punit>week|month|year|weekend)\b)"),
          starts=_r(rf"[lLtTnNeEpP]{_WORD_START}(?i:ast|his|ext|arlier|ater|he|revious)\s")),
    _Rule("the_period", _r(r"(?i:\bthe\s+(?P<punit>week|month|year|weekend)\b(?![-‑]))"),
          cue=True, starts=_r(rf"[tT]{_WORD_START}(?i:he\s+(?:week|month|year))")),
    _Rule("window", _r(rf"(?i:\b(?:the\s+(?:past|last|previous)|past)\s+(?:(?P<wn>{_NUM})\s+)?"
                       r"(?P<wunit>hour|day|week|month|year)s?\b)"),
          starts=_r(rf"[tTpP]{_WORD_START}(?i:he|ast)\s")),
    _Rule("window", _r(r"(?i:\b(?:the\s+)?last\s+(?P<wn>\d{1,3}|two|three|four|five|six|seven"
                       r"|eight|nine|ten|twelve|few|several)\s+(?P<wunit>hour|day|week|month"
                       r"|year)s\b)"), starts=_r(rf"[tTlL]{_WORD_START}(?i:he|ast)\s")),
    _Rule("recent", _r(r"(?i:\brecent\s+(?P<wunit>day|week|month)s\b)"),
          starts=_r(rf"[rR]{_WORD_START}(?i:ecent)\s")),
    _Rule("coming", _r(r"(?i:\b(?:the\s+)?(?:coming|next\s+few)\s+(?P<wunit>day|week|month)s\b)"),
          starts=_r(rf"[tTcCnN]{_WORD_START}(?i:he|oming|ext)\s")),
    # durations: lengths of time, not dates
    _Rule("duration", _r(
        r"(?i:\bfor\s+(?:(?:almost|nearly|about|around|roughly|some|more\s+than|over|at\s+least"
        rf"|another|a\s+further)\s+)?(?:(?:{_NUM})\s+)?(?:more\s+)?{_UNIT}\b)"),
        prefix=False, starts=_r(rf"[fF]{_WORD_START}(?i:or)\s")),
    _Rule("duration", _r(rf"(?i:\b{_NUMW}[-‑](?:hour|day|night|week|month|year)s?"
                         r"(?:[-‑]long|[-‑]old)?\b)"), prefix=False,
          starts=_r(rf"[{_NUMW_FIRST}]{_WORD_START}\w*[-‑]"
                    r"(?i:hour|day|night|week|month|year)")),
    _Rule("duration", _r(r"(?i:\b(?:hour|day|week|month|year)s?[-‑]long\b)"), prefix=False,
          starts=_r(rf"[hHdDwWmMyY]{_WORD_START}(?i:(?:our|ay|eek|onth|ear)s?[-‑])")),
    _Rule("duration", _r(rf"(?i:\b(?:{_NUM})\s+(?:more\s+)?{_UNIT}(?=\s+(?:of|into)\b))"),
          prefix=False, starts=_r(rf"[{_NUMW_FIRST}aAmM]{_WORD_START}\w*(?:\s+(?i:couple|few)"
                                  r"(?:\s+of)?)?\s+(?i:more\s+)?(?i:hour|day|night|week|month"
                                  r"|year)")),
    _Rule("duration", _r(rf"(?i:\b(?:within|in|after|under)\s+(?:(?:less|more)\s+than\s+)?"
                         rf"(?:{_NUM})\s+{_UNIT}\b(?!\s+ago))"), prefix=False,
          # (?i) "i" also matches "İ" and "ı"
          starts=_r(rf"[wWiIİıaAuU]{_WORD_START}(?i:ithin|n|fter|nder)\s")),
)


# --------------------------------------------------------------------------- calendar helpers

def _safe_date(year: int, month: int, day: int) -> Date | None:
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def _month_span(year: int, month: int) -> tuple[Date, Date]:
    return Date(year, month, 1), Date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _number(word: str | None) -> int | None:
    """The value of a number word or numeral; ``None`` for a vague one ("a few")."""
    value = number_value(word, reader="date")
    return None if value is None else int(value)


def _weekday(name: str) -> int:
    return _WEEKDAYS.index(name.lower())


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _before(p: Date, wd: int, *, strict: bool) -> Date:
    back = (p.weekday() - wd) % 7
    return p - datetime.timedelta(days=back or (7 if strict else 0))


def _after(p: Date, wd: int) -> Date:
    return p + datetime.timedelta(days=(wd - p.weekday()) % 7 or 7)


def _recent_month(p: Date, month: int, *, strict: bool) -> int:
    """The year of the most recent ``month`` on or before (``strict``: before) ``p``'s month."""
    return p.year if (month < p.month or (month == p.month and not strict)) else p.year - 1


# --------------------------------------------------------------------------- resolution

Period = tuple[Date | None, Date | None, int]


def _day(d: Date | None) -> Period:
    return d, d, 1


def _resolve(kind: str, m: re.Match[str], p: Date | None) -> Period:
    """The period (first day, last day, precision) a matched expression stands for."""
    g = m.groupdict()
    if kind == "iso":
        return _day(_safe_date(int(g["year"]), int(g["m"]), int(g["d"])))
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["year"])
        readings = {d for d in (_safe_date(y, b, a), _safe_date(y, a, b)) if d}
        return _day(readings.pop() if len(readings) == 1 else None)
    if kind in ("dmy", "mdy"):
        return _day(_safe_date(int(g["year"]), _month(g["mon"]), int(g["day"])))
    if kind in ("dm", "md"):
        return _day(_yearless(p, _month(g["mon"]), int(g["day"]), g["wd"]))
    if kind == "my":
        start, end = _month_span(int(g["year"]), _month(g["mon"]))
        return start, end, 3
    if kind == "decade":
        dec = int(g["dec"])
        return Date(dec, 1, 1), Date(dec + 9, 12, 31), 3
    if kind == "year":
        y = int(g["year"])
        return Date(y, 1, 1), Date(y, 12, 31), 3
    if p is None:  # everything below is relative to the publication date
        unit = (g.get("punit") or g.get("unit") or g.get("wunit") or "day").lower()
        if kind in ("mrel", "lm", "mon") or unit in ("month", "year"):
            return None, None, 3
        if kind in ("wd", "today", "yesterday", "dby", "tomorrow") or (
                kind == "ago" and unit == "day"):
            return None, None, 1
        return None, None, 2
    return _relative(kind, g, p)


def _yearless(p: Date | None, month: int, day: int, weekday: str | None) -> Date | None:
    if p is None:
        return None
    if weekday:
        wd = _weekday(weekday)
        fits = [d for y in (p.year - 1, p.year, p.year + 1)
                if (d := _safe_date(y, month, day)) and d.weekday() == wd]
        return min(fits, key=lambda d: (abs((d - p).days), d > p)) if fits else None
    for y in range(p.year, p.year - 9, -1):  # 29 February: back to the last leap year
        d = _safe_date(y, month, day)
        if d is not None and d <= p:
            return d
    return None


def _relative(kind: str, g: dict[str, str | None], p: Date) -> Period:
    if kind == "wd":
        wd = _weekday(g["wd"] or "")
        rel = " ".join((g["wrel"] or "").lower().split())
        if rel in ("next", "this coming"):
            return _day(_after(p, wd))
        return _day(_before(p, wd, strict=rel in ("last", "this past", "past")))
    if kind == "today":
        return _day(p)
    if kind == "yesterday":
        return _day(p - _DAY)
    if kind == "dby":
        return _day(p - 2 * _DAY)
    if kind == "tomorrow":
        return _day(p + _DAY)
    if kind in ("mon", "lm", "mrel"):
        month = _month(g["mon"] or "")
        if kind == "mrel":
            year = p.year + {"last": -1, "this": 0, "next": 1}[(g["ry"] or "").lower()]
        elif kind == "lm" and (g["lm"] or "").lower().split()[-1] in ("next", "coming"):
            year = p.year if month > p.month else p.year + 1
        else:
            year = _recent_month(p, month, strict=kind == "lm")
        start, end = _month_span(year, month)
        return start, end, 3
    if kind in ("period", "the_period"):
        rel = " ".join((g.get("prel") or "the").lower().split())
        return _period(p, rel, (g["punit"] or "").lower())
    if kind == "ago":
        return _ago(p, _number(g["n"]) if g["n"] else None, (g["unit"] or "").lower())
    if kind in ("window", "recent"):
        n = _number(g.get("wn")) if g.get("wn") else (None if kind == "recent" else 1)
        return _window(p, n, (g["wunit"] or "").lower())
    if kind == "coming":
        days = {"day": 7, "week": 42, "month": 180}[(g["wunit"] or "").lower()]
        return p + _DAY, p + datetime.timedelta(days=days), 2 if days <= 7 else 3
    raise AssertionError(kind)  # pragma: no cover


def _period(p: Date, rel: str, unit: str) -> Period:
    """"this/last/next week|month|year|weekend" (``rel`` "the": the publication's own)."""
    shift = {"last": -1, "the previous": -1, "previous": -1, "next": 1}.get(rel, 0)
    later = rel in ("later this", "later in the")
    if unit == "weekend":
        if shift == 1:
            sat = _after(p, 5)
        else:
            sat = _before(p, 5, strict=False)
            if p.weekday() == 6:  # a Sunday: its weekend began yesterday
                sat = p - _DAY
            if shift == -1 and p.weekday() in (5, 6):
                sat -= datetime.timedelta(days=7)
        return sat, sat + _DAY, 2
    if unit == "week":
        monday = p - datetime.timedelta(days=p.weekday()) + datetime.timedelta(days=7 * shift)
        start, end, precision = monday, monday + datetime.timedelta(days=6), 2
    elif unit == "month":
        start, end = _month_span(*_add_months(p.year, p.month, shift))
        precision = 3
    else:
        start, end, precision = Date(p.year + shift, 1, 1), Date(p.year + shift, 12, 31), 3
    if later:  # the rest of the period after publication
        return (p + _DAY, end, precision) if p < end else (None, None, precision)
    return start, end, precision


def _ago(p: Date, n: int | None, unit: str) -> Period:
    if unit == "day":
        if n is None:  # "a few days ago", "days ago"
            return p - datetime.timedelta(days=7), p - 2 * _DAY, 2
        return _day(p - datetime.timedelta(days=n))
    if unit == "week":
        if n is None:
            return p - datetime.timedelta(days=42), p - datetime.timedelta(days=14), 3
        centre = p - datetime.timedelta(days=7 * n)
        return centre - 3 * _DAY, min(p, centre + 3 * _DAY), 2
    if n is None:
        return None, None, 3
    if unit == "month":
        start, end = _month_span(*_add_months(p.year, p.month, -n))
        return start, end, 3
    return Date(p.year - n, 1, 1), Date(p.year - n, 12, 31), 3


def _window(p: Date, n: int | None, unit: str) -> Period:
    """"the past N units": from N units before ``p`` to ``p`` (a vague N: a week, six
    weeks or six months)."""
    if unit == "hour":
        days = -(-(n or 24) // 24)
        return p - datetime.timedelta(days=days), p, 2
    if n is None:
        days = {"day": 7, "week": 42, "month": 182, "year": 3 * 365}[unit]
    else:
        days = n * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        if unit == "day":
            days = max(days, 1)
    return p - datetime.timedelta(days=days), p, 2 if days <= 7 else 3


_ANAPHOR_SHIFT = (("before", -1), ("previous", -1), ("earlier", -1), ("next", 1),
                  ("following", 1), ("after", 1), ("later", 1))


def _anaphor(m: re.Match[str], antecedent: Date | None) -> Period:
    if antecedent is None:
        return None, None, 1
    g = m.groupdict()
    words = m.group(0).lower()
    if g["an"]:
        n = _number(g["an"]) or 1
        unit = 7 if (g["aunit"] or "").lower() == "week" else 1
        sign = 1 if (g["adir"] or "").lower() == "later" else -1
        d = antecedent + datetime.timedelta(days=sign * n * unit)
        return d, d, 1 if unit == 1 else 2
    sign = next((s for w, s in _ANAPHOR_SHIFT if w in words), 0)
    return _day(antecedent + datetime.timedelta(days=sign))


# --------------------------------------------------------------------------- find_dates

@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    order: int
    kind: str
    match: re.Match[str]
    relation: str


#: Words one of which every match of a rule kind contains (case-sensitive where the rule is):
#: a rule is not run over a text holding none of them. Kinds not listed always run.
_NEEDS: dict[str, tuple[str, ...]] = {
    "dmy": _MONTH_NAMES, "mdy": _MONTH_NAMES, "dm": _MONTH_NAMES, "md": _MONTH_NAMES,
    "my": _MONTH_NAMES, "mrel": _MONTH_NAMES, "lm": _MONTH_NAMES, "mon": _MONTH_NAMES,
    "wd": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_NEEDS_LOWER: dict[str, tuple[str, ...]] = {
    "dby": ("yesterday",), "tomorrow": ("tomorrow",), "ago": ("ago",),
    "recent": ("recent",), "coming": ("coming", "next few"),
    "today": ("today", "this morning", "this afternoon", "this evening", "tonight",
              "earlier in the day"),
    "yesterday": ("yesterday", "last night", "overnight"),
    "anaphor": ("day", "night", "week", "morning"),
    "period": ("week", "month", "year"), "the_period": ("week", "month", "year"),
    "window": ("hour", "day", "week", "month", "year"),
    "duration": ("hour", "day", "night", "week", "month", "year"),
}


def _candidates(text: str) -> list[_Candidate]:
    out = []
    low = text.lower()
    for order, rule in enumerate(_RULES):
        needs = _NEEDS.get(rule.kind)
        if needs is not None and not any(w in text for w in needs):
            continue
        needs = _NEEDS_LOWER.get(rule.kind)
        if needs is not None and not any(w in low for w in needs):
            continue
        for m in _matches(rule, text):
            start, relation = m.start(), "on"
            if rule.kind == "duration":
                relation = "duration"
            elif rule.prefix:
                pm = _PREFIX_RE.search(text, max(0, start - 40), start)
                if pm is not None:
                    prep = (pm["prep"] or pm["prep2"] or "").lower()
                    if rule.cue and not (prep or pm["mod"]):
                        continue
                    if pm.start() < start:
                        start = pm.start()
                    relation = _RELATION_OF_PREP.get(" ".join(prep.split()), "on")
                elif rule.cue:
                    continue
            out.append(_Candidate(start, m.end(), order, rule.kind, m, relation))
    return out


def _matches(rule: _Rule, text: str) -> Iterator[re.Match[str]]:
    """``rule.regex.finditer(text)``, trying the regex only where ``rule.starts`` matches
    (every rule's matches are non-empty, so the next is looked for from where one ends)."""
    if rule.starts is None:
        yield from rule.regex.finditer(text)
        return
    search, match = rule.starts.search, rule.regex.match
    pos = 0
    while (s := search(text, pos)) is not None:
        m = match(text, s.start())
        if m is None:
            pos = s.start() + 1
        else:
            yield m
            pos = m.end()


def find_dates(text: str, *, published: Date | None) -> list[DateMention]:
    """Every time expression of ``text``, resolved against the publication date.

    Parameters
    ----------
    text : str
        The report text.
    published : datetime.date or None
        The publication date: what "on Wednesday", "last month" and "two days ago" count
        from. ``None``: relative expressions stay unresolved (``date`` ``None``); absolute
        dates (with a year) still resolve.

    Returns
    -------
    list of DateMention
        In text order, not overlapping (the longest expression wins: "Wednesday, 23 March
        2016" is one mention). The rules are in the module's documentation.
    """
    chosen: list[_Candidate] = []
    taken = DisjointSpans()  # every candidate matched some text: none is empty
    for c in sorted(_candidates(text), key=lambda c: (c.start - c.end, c.order, c.start)):
        if not taken.overlapping(c.start, c.end):
            chosen.append(c)
            taken.add(c.start, c.end)
    chosen.sort(key=lambda c: c.start)

    out: list[DateMention] = []
    antecedent: Date | None = None
    for c in chosen:
        if c.kind == "duration":
            first, last, precision = None, None, 0
        elif c.kind == "anaphor":
            first, last, precision = _anaphor(c.match, antecedent)
        else:
            first, last, precision = _resolve(c.kind, c.match, published)
        if (published is not None and first is not None and last is not None
                and first <= published < last):
            last = published
        if first is not None and precision == 1 and c.relation == "on":
            antecedent = first
        out.append(DateMention(c.start, c.end, text[c.start:c.end], first, last, precision,
                               c.relation))
    return out


# --------------------------------------------------------------------------- date_features

def _sentence_of(text: str, sentences: SpanIndex, f: Feature) -> tuple[int, int]:
    span = sentences.at(f.start)
    if span is not None:
        return span
    if f.quote and (i := text.rfind(f.quote, 0, f.start + len(f.quote))) >= 0:
        return i, i + len(f.quote)
    return f.start, f.end


def _clause_of(text: str, sent: tuple[int, int], pos: int) -> tuple[int, int]:
    start, end = sent
    for cut_start, cut_end in clause_breaks(text, sent[0], sent[1], reader="dates"):
        if cut_end <= pos:
            start = cut_end
        elif cut_start >= pos:
            end = cut_start
            break
    return start, end


_RELATIVE_RE = re.compile(r",\s+(?:which|who|whom|whose|where)\b[^,;]*", re.I)


def _relative_clauses(text: str, sent: tuple[int, int]) -> list[tuple[int, int]]:
    """Spans of the sentence's non-restrictive relative clauses (", which its fighters seized
    in May 2015"): their dates belong to them, not to the places of the main clause."""
    return [(m.start(), m.end()) for m in _RELATIVE_RE.finditer(text, sent[0], sent[1])]


def _usable(d: DateMention, published: Date | None) -> bool:
    return d.date is not None and (published is None or d.date <= published)


def date_features(text: str, features: Sequence[Feature], *, published: Date | None
                  ) -> list[Feature]:
    """Copies of ``features`` with ``date``, ``date_precision`` and ``date_text`` filled.

    A feature takes the date of the time expression nearest its mention (before or after)
    in its clause, else in its sentence (leaving out the dates of relative clauses that do
    not hold the mention: in "IS still held Palmyra, which its fighters seized in May 2015",
    Palmyra's claim is not dated May 2015): a dated event ("on Wednesday", relation ``on``) is
    preferred to a ``since``/``until``/``before``/``after`` date in the same scope; a
    ``since`` date ("which IS has held since May last year") dates the claim of control
    the sentence makes, the start of the holding. Durations are never dates, and a date
    after publication (a plan, "next week") dates nothing: events are reported once they
    happened.

    A sentence with no time expression takes the publication date with precision 2 and the
    date text "report date": the event happened on or before publication, in the days
    before it (ACLED codes such events with the report's date). A sentence whose only time
    expressions cannot be resolved ("03/04/2016", "on Wednesday" without a publication
    date, a future date) leaves the date unknown (``None``) rather than falling back to the
    publication date. With neither, everything stays ``None``.

    Parameters
    ----------
    text : str
        The report text the features' offsets refer to.
    features : sequence of Feature
        Located features (:func:`geoevents.pipeline.locate`); not modified.
    published : datetime.date or None
        The report's publication date (:func:`parse_published`).

    Returns
    -------
    list of Feature
        One copy per feature, in the same order, with a line added to ``explain``.
    """
    mentions = find_dates(text, published=published)
    sents = SpanIndex(sentences(text))
    starts = [d.start for d in mentions]  # in text order, not overlapping: so are the ends
    ends = [d.end for d in mentions]
    out = []
    for f in features:
        sent = _sentence_of(text, sents, f)
        clause = _clause_of(text, sent, f.start)
        relatives = [r for r in _relative_clauses(text, sent) if not r[0] <= f.start < r[1]]
        near = mentions[bisect.bisect_right(ends, sent[0]) : bisect.bisect_left(starts, sent[1])]
        in_sentence = [d for d in near
                       if d.relation != "duration" and d.start < sent[1] and d.end > sent[0]
                       and not any(r[0] <= d.start < r[1] for r in relatives)]
        best = _choose(f, in_sentence, clause, published)
        if best is not None:
            date, precision, words = best.date.isoformat(), best.precision, best.text
            note = (f"date {date} (precision {precision}) from “{words}”"
                    + (f", {best.relation}" if best.relation != "on" else ""))
        elif not in_sentence and published is not None:
            date, precision, words = published.isoformat(), 2, "report date"
            note = (f"date: no time expression in the sentence → the report date {date} "
                    "(precision 2: on or before publication)")
        else:
            date = precision = words = None
            note = ("date unknown: " + ", ".join(f"“{d.text}”" for d in in_sentence)
                    + " give no date on or before publication" if in_sentence else
                    "date unknown: no time expression and no publication date")
        out.append(replace(f, date=date, date_precision=precision, date_text=words,
                           explain=[*f.explain, note]))
    return out


def _choose(f: Feature, found: list[DateMention], clause: tuple[int, int],
            published: Date | None) -> DateMention | None:
    """The date mention for feature ``f``: nearest in its clause, then in its sentence;
    relation ``on`` first."""
    def gap(d: DateMention) -> tuple[int, int]:
        distance = max(0, d.start - f.end, f.start - d.end)
        return distance, 0 if d.start >= f.end else 1  # a tie: the one after the mention

    usable = [d for d in found if _usable(d, published)]
    in_clause = [d for d in usable if d.start < clause[1] and d.end > clause[0]]
    for scope in (in_clause, usable):
        for pick in (lambda d: d.relation == "on", lambda d: d.relation != "on"):
            group = [d for d in scope if pick(d)]
            if group:
                return min(group, key=gap)
    return None


# --------------------------------------------------------------------------- parse_published

_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_published(value: str | None) -> Date | None:
    """A publication date from ``YYYY-MM-DD`` (the CLI's ``--date``, :attr:`Report.date`).

    Parameters
    ----------
    value : str or None
        The date as written; surrounding whitespace is ignored.

    Returns
    -------
    datetime.date or None
        ``None`` when ``value`` is ``None``.

    Raises
    ------
    geoevents.errors.InputError
        When ``value`` is not a real calendar date written ``YYYY-MM-DD``.
    """
    if value is None:
        return None
    s = value.strip()
    if _ISO_RE.fullmatch(s):
        try:
            return Date.fromisoformat(s)
        except ValueError:
            pass
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise InputError(f"--date: expected YYYY-MM-DD, not '{shown}'")
