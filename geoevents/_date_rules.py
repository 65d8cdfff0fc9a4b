"""The date rules of :mod:`geoevents.dates`: their vocabulary, patterns and where each may
begin (what they read is documented with :func:`geoevents.dates.find_dates`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
MONTHS = {name: i + 1 for i, name in enumerate(MONTH_NAMES)}
MONTHS.update({name[:3]: i + 1 for i, name in enumerate(MONTH_NAMES)})
MONTHS["sept"] = 9

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
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

PREFIX_RE = re.compile(
    r"(?i:(?:\b(?P<prep>since|from|until|till|by|on|in|during|throughout|over|at|as\s+of"
    r"|before|after|of)\s+)?"
    r"(?:\b(?P<mod>early|late|mid|the\s+(?:very\s+)?(?:end|beginning|start|middle|first\s+half"
    r"|second\s+half|first\s+week|last\s+week|first\s+days|last\s+days)\s+of)(?:\s+|-))?"
    r"(?:\b(?P<prep2>on|in)\s+)?)\Z")
RELATION_OF_PREP = {"since": "since", "from": "since", "until": "until", "till": "until",
                     "by": "until", "before": "before", "after": "after"}


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    regex: re.Pattern[str]
    cue: bool = False  # needs a preposition or a part word before it
    prefix: bool = True  # takes a preposition and part words before it
    #: Where a match may begin: it matches at every position where ``regex`` does (and
    #: perhaps elsewhere). It opens with a character class or literal words, so ``re`` scans
    #: for it in C; ``regex``, whose optional or case-blind openings leave ``re`` trying every
    #: position, is then tried only where it matches.
    starts: re.Pattern[str] | None = None


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


#: ``(?<!\w.)`` after a character: it begins a word (the ``\b`` the rules open with).
_WORD_START = r"(?<!\w.)"
_WD_STARTS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: A weekday, "the" or a digit: what a day-month date may begin with (dmy, dm).
_DAY_STARTS = _r(r"[\dMTWFSt](?:(?<=t)he\s+\d|(?<=[MTWFS])(?:onday|uesday|ednesday|hursday"
                 r"|riday|aturday|unday)|(?<=\d)\d?(?:st|nd|rd|th)?\s)")
#: A weekday or a month: what a month-day date may begin with (mdy, md).
_MON_STARTS = _r(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr"
                 r"|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_MONFULL_STARTS = _r(r"January|February|March|April|May|June|July|August|September|October"
                     r"|November|December")
#: The first letters of the number words of ``_NUMW`` (digits, one, two… eleven…), in both
#: cases; ``ſ`` matches ``s`` case-blind.
_NUMW_FIRST = r"\dtTfFsSſeEnNoO"


RULES: tuple[Rule, ...] = (
    Rule("iso", _r(r"\b(?P<year>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})\b"),
          starts=_r(rf"\d{_WORD_START}\d{{3}}[-/]")),
    Rule("numeric", _r(r"\b(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})"
                        r"\b"), starts=_r(rf"\d{_WORD_START}\d?[/.\-]")),
    Rule("dmy", _r(rf"(?:{_WD},?\s+)?(?:the\s+)?{_DD}(?:\s+of)?\s+{_MON},?\s+{_YEAR}"),
          starts=_DAY_STARTS),
    Rule("mdy", _r(rf"(?:{_WD},?\s+)?{_MON}\s+{_DD},?\s+{_YEAR}"), starts=_MON_STARTS),
    Rule("dm", _r(rf"(?:{_WD},?\s+)?(?:the\s+)?\b{_DD}(?:\s+of)?\s+{_MON}\b"),
          starts=_DAY_STARTS),
    Rule("md", _r(rf"(?:{_WD},?\s+)?\b{_MON}\s+{_DD}(?!\s*(?:km|%|-|–))"),
          starts=_MON_STARTS),
    Rule("my", _r(rf"\b{_MONFULL},?\s+(?:of\s+)?{_YEAR}"), starts=_MONFULL_STARTS),
    Rule("mrel", _r(rf"\b{_MONFULL}\s+(?:of\s+)?(?P<ry>(?i:last|this|next))\s+year\b"),
          starts=_MONFULL_STARTS),
    Rule("lm", _r(rf"\b(?P<lm>(?i:last|this\s+past|next|this\s+coming))\s+{_MONFULL}\b"),
          starts=_r(rf"[lLtTnN]{_WORD_START}(?i:ast|his|ext)\s")),
    Rule("mon", _r(rf"\b{_MONFULL}\b(?![-‑]\d)"), cue=True, starts=_MONFULL_STARTS),
    Rule("decade", _r(r"\b(?i:the)\s+(?P<dec>(?:18|19|20)\d0)['’]?s\b"),
          starts=_r(rf"[tT]{_WORD_START}(?i:he\s+(?:18|19|20)\d0)")),
    Rule("year", _r(rf"\b{_YEAR}{_QUANTITY}"), cue=True,
          starts=_r(rf"1{_WORD_START}[89]|2{_WORD_START}0")),
    Rule("wd", _r(rf"(?<!Good\s)(?<!Black\s)(?<!Holy\s)"
                   rf"(?:\b(?P<wrel>(?i:last|next|this\s+past|this\s+coming|past))\s+)?"
                   rf"\b{_WD}(?:['’]s)?"
                   r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night|midnight)))?\b"),
          starts=_r(r"[lLnNtTpPMWFS](?:(?<=[MTWFS])(?:onday|uesday|ednesday|hursday|riday"
                    r"|aturday|unday)|(?i:(?<=[lp])ast|(?<=n)ext|(?<=t)his))")),
    Rule("dby", _r(r"(?i:\bthe\s+day\s+before\s+yesterday\b)"),
          starts=_r(rf"[tT]{_WORD_START}(?i:he\s+day\s)")),
    Rule("today", _r(r"(?i:\b(?:earlier\s+|later\s+)?today\b|\bthis\s+(?:morning|afternoon"
                      r"|evening)\b|\btonight\b|\bearlier\s+in\s+the\s+day\b)"),
          starts=_r(rf"[eElLtT]{_WORD_START}(?i:arlier\s|ater\s|oday|his\s|onight)")),
    Rule("yesterday", _r(r"(?i:\byesterday(?:\s+(?:morning|afternoon|evening))?\b"
                          r"|\blast\s+night\b|\bovernight\b)"),
          starts=_r(rf"[yYlLoO]{_WORD_START}(?i:esterday|ast\s|vernight)")),
    Rule("tomorrow", _r(r"(?i:\btomorrow(?:\s+(?:morning|afternoon|evening|night))?\b)"),
          starts=_r(rf"[tT]{_WORD_START}(?i:omorrow)")),
    Rule("ago", _r(rf"(?i:\b(?:(?P<n>{_NUM})\s+)?(?P<unit>day|week|month|year)s?\s+ago\b)"),
          starts=_r(rf"[{_NUMW_FIRST}aAmMdDwWyY]{_WORD_START}(?i:\w*(?:\s+(?:couple|few)"
                    r"(?:\s+of)?)?\s+(?:(?:day|week|month|year)s?\s+)?ago)")),
    Rule("anaphor", _r(
        r"(?i:\bthe\s+(?:day|night)\s+before(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)"
        r"|\bthe\s+previous\s+(?:day|night)\b|\bthe\s+(?:next|following)\s+(?:day|morning"
        r"|night)\b|\bthe\s+day\s+after(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)"
        r"|\b(?:that|the)\s+same\s+(?:day|night)\b|\bthat\s+(?:day|night)\b"
        rf"|\b(?P<an>{_NUMW}|an?)\s+(?P<aunit>day|week)s?\s+(?P<adir>later|earlier)\b)"),
        starts=_r(rf"[{_NUMW_FIRST}aA]{_WORD_START}(?:(?i:he\s+(?:day|night|previous|next"
                  r"|following|same)|hat\s+(?:same|day|night))|\w*\s+(?i:day|week))")),
    Rule("period", _r(r"(?i:\b(?P<prel>last|this|next|earlier\s+this|later\s+this"
                       r"|the\s+previous|previous|earlier\s+in\s+the|later\s+in\s+the)\s+"
                       r"(?P<punit>week|month|year|weekend)\b)"),
          starts=_r(rf"[lLtTnNeEpP]{_WORD_START}(?i:(?:ast|his|ext|revious)\s+(?:week|month|year)"
                    r"|he\s+previous\s+(?:week|month|year)"
                    r"|(?:arlier|ater)\s+(?:this|in\s+the)\s+(?:week|month|year))")),
    Rule("the_period", _r(r"(?i:\bthe\s+(?P<punit>week|month|year|weekend)\b(?![-‑]))"),
          cue=True, starts=_r(rf"[tT]{_WORD_START}(?i:he\s+(?:week|month|year))")),
    Rule("window", _r(rf"(?i:\b(?:the\s+(?:past|last|previous)|past)\s+(?:(?P<wn>{_NUM})\s+)?"
                       r"(?P<wunit>hour|day|week|month|year)s?\b)"),
          starts=_r(rf"[tTpP]{_WORD_START}(?i:he\s+(?:past|last|previous)|ast)\s")),
    Rule("window", _r(r"(?i:\b(?:the\s+)?last\s+(?P<wn>\d{1,3}|two|three|four|five|six|seven"
                       r"|eight|nine|ten|twelve|few|several)\s+(?P<wunit>hour|day|week|month"
                       r"|year)s\b)"), starts=_r(rf"[tTlL]{_WORD_START}(?i:he\s+last|ast)\s")),
    Rule("recent", _r(r"(?i:\brecent\s+(?P<wunit>day|week|month)s\b)"),
          starts=_r(rf"[rR]{_WORD_START}(?i:ecent)\s")),
    Rule("coming", _r(r"(?i:\b(?:the\s+)?(?:coming|next\s+few)\s+(?P<wunit>day|week|month)s\b)"),
          starts=_r(rf"[tTcCnN]{_WORD_START}(?i:he\s+(?:coming|next)|oming|ext)\s")),
    # durations: lengths of time, not dates
    Rule("duration", _r(
        r"(?i:\bfor\s+(?:(?:almost|nearly|about|around|roughly|some|more\s+than|over|at\s+least"
        rf"|another|a\s+further)\s+)?(?:(?:{_NUM})\s+)?(?:more\s+)?{_UNIT}\b)"),
        prefix=False, starts=_r(rf"[fF]{_WORD_START}(?i:or)\s")),
    Rule("duration", _r(rf"(?i:\b{_NUMW}[-‑](?:hour|day|night|week|month|year)s?"
                         r"(?:[-‑]long|[-‑]old)?\b)"), prefix=False,
          starts=_r(rf"[{_NUMW_FIRST}]{_WORD_START}\w*[-‑]"
                    r"(?i:hour|day|night|week|month|year)")),
    Rule("duration", _r(r"(?i:\b(?:hour|day|week|month|year)s?[-‑]long\b)"), prefix=False,
          starts=_r(rf"[hHdDwWmMyY]{_WORD_START}(?i:(?:our|ay|eek|onth|ear)s?[-‑])")),
    Rule("duration", _r(rf"(?i:\b(?:{_NUM})\s+(?:more\s+)?{_UNIT}(?=\s+(?:of|into)\b))"),
          prefix=False, starts=_r(rf"[{_NUMW_FIRST}aAmM]{_WORD_START}\w*(?:\s+(?i:couple|few)"
                                  r"(?:\s+of)?)?\s+(?i:more\s+)?(?i:hour|day|night|week|month"
                                  r"|year)")),
    Rule("duration", _r(rf"(?i:\b(?:within|in|after|under)\s+(?:(?:less|more)\s+than\s+)?"
                         rf"(?:{_NUM})\s+{_UNIT}\b(?!\s+ago))"), prefix=False,
          # (?i) "i" also matches "İ" and "ı"
          starts=_r(rf"[wWiIİıaAuU]{_WORD_START}(?i:ithin|n|fter|nder)\s+(?i:[\daotfsenml])")),
)
