"""Text helpers shared by the stages that need character offsets to stay exact."""

from __future__ import annotations

import re
import unicodedata

# A sentence ends at . ! ? or … (optionally followed by closing quotes/brackets), then
# whitespace, or at a line break. Abbreviations like "Sr." are rare enough in news
# about the region that a simple rule serves better than a model.
_SENTENCE_END = re.compile(r"""[.!?…]+["»”')\]]*(?=\s)|\n+""")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of `text`, stripped of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append_stripped(text, start, match.end(), spans)
        start = match.end()
    _append_stripped(text, start, len(text), spans)
    return spans


def _append_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents, one character for one, so offsets still match."""
    return "".join(_fold_char(c) for c in text)


# Letters that carry no combining accent to strip but are read as a plain Latin letter
# (Azerbaijani ə and ı among them).
_PLAIN = str.maketrans(
    {"ı": "i", "ə": "e", "Ə": "e", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d"}
)


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char.translate(_PLAIN))[0].lower()
    return base if len(base) == 1 else char
