"""Text helpers shared by the stages that need character offsets to stay exact."""

from __future__ import annotations

import re
import unicodedata

# A sentence ends at . ! ? or … (optionally followed by closing quotes/brackets), then
# whitespace, or at a line break; not at the dot of a title before a name ("Mr. Vardanyan",
# "Gen. Mammadov"), of an initial ("J. Smith") or of a month before a day ("Sept. 19").
# The pattern starts with the one class every end starts with, so that re skips to the
# candidates instead of trying both alternatives at every character. Its group is the space
# after the end, which the next sentence starts past.
_SENTENCE_END = re.compile(r"""[.!?…\n](?:(?<=\n)\n*|[.!?…]*["»”')\]]*(?=\s))(?=(\s*))""")
_TITLE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sr|Sra|Srta|Gen|Gral|Col|Lt|Sgt|Gov|Sen|Rep|Prof|St|Hon)|"
    r"(?<![^\W\d_])[A-Z])\.$"
)
_MONTH_DOT = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|[Ee]ne|[Aa]br|[Aa]go|[Dd]ic)\.$"
)
_NAME_AFTER = re.compile(r"\s+[A-Z]")
_DAY_AFTER = re.compile(r"\s+\d")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of `text`, stripped of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for match in _SENTENCE_END.finditer(text):
        first, end = match.span()
        if text[first] == "\n":
            # The one end that is space, which may follow more: an end that a space before it
            # holds ends nothing.
            end = _strip_end(text, start, first)
        # Every abbreviation is a word of four letters or fewer: most dots follow a longer one.
        elif (
            end - first == 1
            and text[first] == "."
            and not (end >= 6 and text[end - 6 : first].isalpha())
            and _abbreviation(text, end)
        ):
            continue
        if end > start:
            spans.append((start, end))
        start = match.end(1)
    end = _strip_end(text, start, len(text))
    if end > start:
        spans.append((start, end))
    return spans


def _abbreviation(text: str, end: int) -> bool:
    """Whether the dot before `end` closes an abbreviation that a name or a day follows."""
    low = end - 6 if end > 6 else 0
    if _NAME_AFTER.match(text, end):
        return _TITLE.search(text, low, end) is not None
    return _DAY_AFTER.match(text, end) is not None and _MONTH_DOT.search(text, low, end) is not None


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents, one character for one, so offsets still match."""
    return _NON_ASCII.sub(_fold_match, text).lower()


# Letters that carry no combining accent to strip but are read as a plain Latin letter
# (Azerbaijani ə and ı among them).
_PLAIN = str.maketrans(
    {"ı": "i", "ə": "e", "Ə": "e", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d"}
)


class _FoldTable(dict):
    """str.translate's table, filled in the first time each character is met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        stripped = unicodedata.normalize("NFD", char.translate(_PLAIN))[0]
        # The fold must be one lower-case character, or fold() would shift offsets.
        folded = next(
            (c for c in (stripped.lower(), char.lower()) if len(c) == 1 and c.lower() == c), " "
        )
        self[code] = folded
        return folded


_FOLDED = _FoldTable()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match: re.Match) -> str:
    # Each folded character is already lower-case and one long, so .lower() keeps offsets.
    return _FOLDED[ord(match.group())]
