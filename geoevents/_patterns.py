"""Readers of regular-expression source: its top-level alternatives, the group or class
opening at an index, the letters every match begins with, the optional words that open it.
The prefilters of the stages that try many patterns over a text (the theatre's actors, the
sides table, the event reader's group names) read patterns with these."""

from __future__ import annotations

import itertools
import re

__all__ = [
    "class_end",
    "existence_starts_pattern",
    "group_end",
    "literal_prefixes",
    "optional_leads",
    "split_alternatives",
]


def literal_prefixes(pattern: str) -> tuple[str, ...] | None:
    """The lowercase letters every match of ``pattern`` starts with, one string per top-level
    alternative (``"jihadists?|militants?"`` → ``("jihadist", "militant")``), or ``None``
    when an alternative starts with a group or another construct (the rule is always run).
    A cheap substring test on them skips the rules that cannot match a text."""
    out = []
    for alt in split_alternatives(pattern):
        alt = alt.strip()
        if alt.startswith("(?:"):  # a leading group of alternatives: the starts of each
            depth, end = 0, -1
            for i, ch in enumerate(alt):
                depth += ch == "("
                depth -= ch == ")"
                if depth == 0:
                    end = i
                    break
            if end < 0 or alt[end + 1 : end + 2] in ("?", "*", "{"):
                return None
            inner = literal_prefixes(alt[3:end])
            if inner is None:
                return None
            out.extend(inner)
            continue
        m = re.match(r"[A-Za-z]+", alt)
        if not m:
            return None
        word = m.group(0)
        if alt[len(word) : len(word) + 1] in ("?", "*", "{"):
            word = word[:-1]  # the last letter is optional
        if len(word) < 2:
            return None
        out.append(word.lower())
    return tuple(out)


def existence_starts_pattern(pattern: str) -> str:
    """``pattern`` without the optional groups that open its top-level alternatives when each
    of their alternatives is letters and spaces ending in a space (``"(?:the )?(?:Three
    )?Brotherhood Alliance"`` → ``"Brotherhood Alliance"``), for
    :func:`geoevents._match_starts.match_starts` when only whether ``pattern`` matches a text
    is asked, not where: a match holding such a group (``"the Brotherhood Alliance"``) means a
    match right after it, after a space (``"Brotherhood Alliance"``), for a pattern guarded by
    ``(?<!\\w)``. An alternative is kept whole where what follows the groups is empty or
    holds a lookbehind (which the group's text could serve)."""
    return optional_leads(pattern)[0]


def optional_leads(pattern: str) -> tuple[str, tuple[str, ...]]:
    """:func:`existence_starts_pattern` of ``pattern``, and the texts the groups it leaves
    out can match together (``"(?:the )?(?:Three )?Brotherhood"`` → ``("Three ", "the ",
    "the Three ")``): where a match begins at a word, it may begin earlier by one of them
    (read as the pattern reads them, case-insensitively or not), and nowhere else."""
    out, leads = [], set()
    for alt in split_alternatives(pattern):
        rest, groups = alt, []
        while rest.startswith("(?:"):
            end = group_end(rest)
            if end < 0 or rest[end + 1 : end + 2] != "?" or rest[end + 2 : end + 3] in ("?", "+"):
                break
            words = split_alternatives(rest[3:end])
            if not all(a.endswith(" ") and _LETTERS_SPACES_RE.fullmatch(a) for a in words):
                break
            groups.append(words)
            rest = rest[end + 2 :]
        if rest and "(?<" not in rest:
            out.append(rest)
            leads.update("".join(c) for c in itertools.product(*[["", *g] for g in groups]))
        else:
            out.append(alt)
    return "|".join(out), tuple(sorted(leads - {""}))


_LETTERS_SPACES_RE = re.compile(r"[A-Za-z ]+")


#: The characters :func:`group_end` and :func:`split_alternatives` read: they step from one
#: to the next by a search rather than over every character (building the theatre's, the
#: organisations' and the sides table's start indexes: about a third less CPU).
_SYNTAX_RE = re.compile(r"[\\\[()|]")


def group_end(pattern: str) -> int:
    """The index of the ``)`` closing the group that opens at ``pattern[0]``, or -1 (escapes
    and classes read)."""
    depth, i = 0, 0
    search = _SYNTAX_RE.search
    while (m := search(pattern, i)) is not None:
        i = m.start()
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i = class_end(pattern, i)
            if i < 0:
                return -1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def split_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (escapes, classes and groups read)."""
    if "|" not in pattern:
        return [pattern]
    parts, depth, start, i = [], 0, 0, 0
    search = _SYNTAX_RE.search
    while (m := search(pattern, i)) is not None:
        i = m.start()
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i = class_end(pattern, i)
            if i < 0:
                return [pattern]  # not a valid pattern: one alternative, no starts
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def class_end(pattern: str, i: int) -> int:
    """The index of the ``]`` closing the class that opens at ``pattern[i]``, or -1."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 1
        elif pattern[j] == "]":
            return j
        j += 1
    return -1
