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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ._date_rules import (
    MONTH_NAMES,
    MONTHS,
    PREFIX_RE,
    RELATION_OF_PREP,
    RULES,
    WEEKDAYS,
    Rule,
)
from .errors import InputError
from .model import Feature
from .text import (
    DisjointSpans,
    SpanIndex,
    clause_breaks,
    folded_lower,
    number_value,
    sentences,
)

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
    return WEEKDAYS.index(name.lower())


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


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
    "dmy": MONTH_NAMES, "mdy": MONTH_NAMES, "dm": MONTH_NAMES, "md": MONTH_NAMES,
    "my": MONTH_NAMES, "mrel": MONTH_NAMES, "lm": MONTH_NAMES, "mon": MONTH_NAMES,
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


#: What every match of the anaphor rule holds: "the day|night|previous|next|following|same"
#: or "that same|day|night" (a pattern opening with a literal, which ``re`` looks for fast),
#: else "day(s)|week(s) later|earlier" (looked for only in a text holding "later" or
#: "earlier").
_ANAPHOR_THE = re.compile(r"th(?:e\s+(?:day|night|previous|next|following|same)"
                          r"|at\s+(?:same|day|night))")
_ANAPHOR_LATER = re.compile(r"(?:day|week)s?\s+(?:later|earlier)")
#: A pretest of :data:`_FOLDED_NEEDS`: words one of which the folded text holds, a pattern
#: found in it, or a test of it.
_Need = tuple[str, ...] | re.Pattern[str] | Callable[[str], bool]


#: For a few rules whose start pattern stops at most words (each named by a piece of its
#: pattern): words one of which, or a pattern that, every match holds in the
#: :func:`~geoevents.text.folded_lower` text (where the match's ASCII letters are in lower
#: case, at the same place), or a test it passes; a text without it is spared the rule.
_FOLDED_NEEDS: tuple[tuple[str, _Need], ...] = (
    (r"(?P<lm>(?i:last|this\s+past|next|this\s+coming))", ("last", "past", "next", "coming")),
    (r"(?P<dec>(?:18|19|20)\d0)", re.compile(r"(?:18|19|20)\d0")),
    (r"(?:the\s+(?:past|last|previous)|past)\s+", ("past", "last", "previous")),
    (r"\b(?:the\s+)?last\s+(?P<wn>", ("last",)),
    (r"[-‑](?:hour|day|night|week|month|year)s?(?:[-‑]long|[-‑]old)?",
     re.compile(r"[-‑](?:hour|day|night|week|month|year)")),
    (r"\b(?:hour|day|week|month|year)s?[-‑]long\b", ("-long", "‑long")),
    (r"(?:hour|day|night|week|month|year)s?(?=\s+(?:of|into)\b)",
     re.compile(r"(?:hour|day|night|week|month|year)s?\s+(?:of|into)\b")),
    # dmy, dm: a day's number and a month (and for dmy a year), which a digit, a weekday or
    # "the" that the start pattern stops at rarely begins
    (r"|Dec)\.?),?\s+(?P<year>", re.compile(
        r"\d(?:st|nd|rd|th)?(?:\s+of)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
        r"[a-z]*\.?,?\s+(?:18|19|20)\d\d")),
    (r"\b(?P<day>", re.compile(
        r"\d(?:st|nd|rd|th)?(?:\s+of)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")),
    (r"\bthe\s+previous\s+(?:day|night)\b", lambda folded: bool(
        _ANAPHOR_THE.search(folded) or (("later" in folded or "earlier" in folded)
                                        and _ANAPHOR_LATER.search(folded)))),
)
#: :data:`_FOLDED_NEEDS` by the rule's place in ``RULES``.
_FOLDED_NEEDS_AT = {i: need for piece, need in _FOLDED_NEEDS
                    for i, rule in enumerate(RULES) if piece in rule.regex.pattern}
assert all(sum(piece in rule.regex.pattern for rule in RULES) == 1
           for piece, _ in _FOLDED_NEEDS), "each piece names one rule"


def _passes(need: _Need, folded: str) -> bool:
    """Whether a folded text passes a pretest of :data:`_FOLDED_NEEDS`."""
    if isinstance(need, tuple):
        return any(w in folded for w in need)
    if isinstance(need, re.Pattern):
        return need.search(folded) is not None
    return need(folded)


def _candidates(text: str) -> list[_Candidate]:
    out = []
    low = text.lower()
    folded: str | None = None
    # each list of needed words looked for once (in the text, in its lower case)
    seen: dict[tuple[tuple[str, ...], bool], bool] = {}

    def lacks(needs: tuple[str, ...] | None, lower: bool) -> bool:
        if needs is None:
            return False
        if (needs, lower) not in seen:
            seen[needs, lower] = any(w in (low if lower else text) for w in needs)
        return not seen[needs, lower]

    for order, rule in enumerate(RULES):
        if lacks(_NEEDS.get(rule.kind), False) or lacks(_NEEDS_LOWER.get(rule.kind), True):
            continue
        need = _FOLDED_NEEDS_AT.get(order)
        if need is not None:
            if folded is None:
                folded = folded_lower(text)
            if not _passes(need, folded):
                continue
        for m in _matches(rule, text):
            start, relation = m.start(), "on"
            if rule.kind == "duration":
                relation = "duration"
            elif rule.prefix:
                pm = PREFIX_RE.search(text, max(0, start - 40), start)
                if pm is not None:
                    prep = (pm["prep"] or pm["prep2"] or "").lower()
                    if rule.cue and not (prep or pm["mod"]):
                        continue
                    if pm.start() < start:
                        start = pm.start()
                    relation = RELATION_OF_PREP.get(" ".join(prep.split()), "on")
                elif rule.cue:
                    continue
            out.append(_Candidate(start, m.end(), order, rule.kind, m, relation))
    return out


def _matches(rule: Rule, text: str) -> Iterator[re.Match[str]]:
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


def _clause_of(sent: tuple[int, int], breaks: list[tuple[int, int]], pos: int
               ) -> tuple[int, int]:
    """The clause of ``pos`` in the sentence ``sent``, cut at ``breaks`` (its
    :func:`~geoevents.text.clause_breaks` for the dates reader)."""
    start, end = sent
    for cut_start, cut_end in breaks:
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
    """Fill ``date``, ``date_precision`` and ``date_text`` of each feature, in place (as every
    stage after extraction fills the fields it owns: README, "The pipeline").

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
        The same features, in the same order, each with a line added to ``explain``.
    """
    mentions = find_dates(text, published=published)
    sents = SpanIndex(sentences(text))
    starts = [d.start for d in mentions]  # in text order, not overlapping: so are the ends
    ends = [d.end for d in mentions]
    fills = []
    # a sentence's clause breaks and relative clauses, read once for all its features
    cuts: dict[tuple[int, int], tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    for f in features:
        sent = _sentence_of(text, sents, f)
        read = cuts.get(sent)
        if read is None:
            read = cuts[sent] = (clause_breaks(text, sent[0], sent[1], reader="dates"),
                                 _relative_clauses(text, sent))
        clause = _clause_of(sent, read[0], f.start)
        relatives = [r for r in read[1] if not r[0] <= f.start < r[1]]
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
        fills.append((f, date, precision, words, note))
    for f, date, precision, words, note in fills:  # every feature read before any is filled
        f.date, f.date_precision, f.date_text = date, precision, words
        f.explain = [*f.explain, note]
    return list(features)


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
