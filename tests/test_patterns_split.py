"""The readers of regular-expression source that step from one syntax character to the next
(``_patterns.split_alternatives``, ``_patterns.group_end``) read escapes, classes and groups
as a character-by-character reading does."""

from __future__ import annotations

import random

from geoevents._patterns import class_end, group_end, split_alternatives


def _split_char_by_char(pattern: str) -> list[str]:
    """The reference: every character read in turn."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i = class_end(pattern, i)
            if i < 0:
                return [pattern]
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


def _group_end_char_by_char(pattern: str) -> int:
    depth, i = 0, 0
    while i < len(pattern):
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


def test_split_reads_escapes_classes_and_groups() -> None:
    assert split_alternatives(r"rebels?|militants?") == ["rebels?", "militants?"]
    assert split_alternatives(r"a\|b|c") == [r"a\|b", "c"]
    assert split_alternatives(r"[|]|x") == ["[|]", "x"]
    assert split_alternatives(r"[]|]|x") == ["[]|]", "x"]
    assert split_alternatives(r"(?:the |a )?army|(?:navy)") == ["(?:the |a )?army", "(?:navy)"]
    assert split_alternatives(r"\[|x") == [r"\[", "x"]
    assert split_alternatives("a|b\\") == ["a", "b\\"]
    assert split_alternatives(r"[abc|d") == [r"[abc|d"]  # not a valid pattern: whole
    assert split_alternatives(r"no alternatives (here)") == [r"no alternatives (here)"]
    assert split_alternatives("|") == ["", ""]


def test_group_end_reads_escapes_and_classes() -> None:
    assert group_end("(a(b)c)d") == 6
    assert group_end("(a[)]b)") == 6
    assert group_end(r"(a\)b)") == 5
    assert group_end("(ab") == -1
    assert group_end("([ab") == -1
    assert group_end("(a|b)|c") == 4


def test_same_as_reading_every_character() -> None:
    rnd = random.Random(18)
    alphabet = "ab|()[]\\^?:- "
    for _ in range(20_000):
        pattern = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        assert split_alternatives(pattern) == _split_char_by_char(pattern), pattern
        assert group_end(pattern) == _group_end_char_by_char(pattern), pattern
