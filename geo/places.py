"""Recognition: find every place named in an article, with exact character offsets.

A mention is the longest run of words whose key is a name in the place table, starting with a
capital letter (a lower-case Spanish word never becomes a place). Guards keep out the usual
false friends of a gazetteer matcher:

- a name that is also a frequent Spanish or English word ("Gran", "Vale", "Ara") is taken only
  when it names an important place (country, province, hand-table feature, capital, big city)
  or a Spanish cue introduces it ("la aldea de Ara");
- a minor place glued to another capitalised word is part of a person's or an organisation's
  name ("Vladimir Putin", "Ara Ayvazian"), unless a cue introduces it;
- demonyms ("armenio", "azerbaiyana") and organisations ("UE", "OTSC", "Unión Europea") are
  not in the table, so they are never mentions; nor is the "Unión Soviética", which is no
  current place. A place inside an organisation's name does count ("Ministerio de Relaciones
  Exteriores de Azerbaiyán"), and so does metonymy ("Ereván dijo", "el Kremlin").

A capitalised name after a place cue ("la aldea de Xyz") is a mention even when the table
lacks it: it is reported and left unresolved.
"""

from __future__ import annotations

import re

from geo.gazetteer import PARTICLES, PlaceTable, word_key
from geo.model import Article, Mention

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ‘`][^\W\d_]+)*")
_JOINERS = frozenset({" ", "-", "‐", "‑", "–"})

# Cue words, folded, mapped to the canonical cue recorded on the mention.
_KIND_CUES = {
    "provincia": "provincia",
    "provincias": "provincia",
    "region": "región",
    "regiones": "región",
    "distrito": "distrito",
    "distritos": "distrito",
    "raion": "distrito",
    "rayon": "distrito",
    "marz": "provincia",
    "aldea": "aldea",
    "aldeas": "aldea",
    "pueblo": "pueblo",
    "pueblos": "pueblo",
    "localidad": "localidad",
    "localidades": "localidad",
    "poblado": "pueblo",
    "poblados": "pueblo",
    "asentamiento": "localidad",
    "asentamientos": "localidad",
    "comunidad": "localidad",
    "comunidades": "localidad",
    "municipio": "localidad",
    "villa": "localidad",
    "ciudad": "ciudad",
    "ciudades": "ciudad",
    "capital": "ciudad",
    "lago": "lago",
    "lagos": "lago",
    "laguna": "lago",
    "embalse": "lago",
    "monte": "monte",
    "montes": "monte",
    "montana": "monte",
    "cerro": "monte",
    "pico": "monte",
    "colina": "monte",
    "corredor": "corredor",
    "paso": "paso",
    "carretera": "carretera",
    "autopista": "carretera",
    "ruta": "carretera",
    "puente": "puente",
    "rio": "río",
    "valle": "valle",
}
_NEAR_CUES = {
    "cerca": "cerca de",
    "inmediaciones": "cerca de",
    "proximidades": "cerca de",
    "afueras": "cerca de",
    "alrededores": "cerca de",
    "cercanias": "cerca de",
    "proximo": "cerca de",
    "proxima": "cerca de",
    "junto": "cerca de",
    "aeropuerto": "aeropuerto",
}
_ARTICLE = r"(?:(?:la|el|los|las)\s+)?"
_DE = rf"(?:(?:de|del|a|al)\s+{_ARTICLE})?"
# A kind cue may carry adjectives before its "de": "la región separatista de", "la aldea
# armenia de". Cue words are lower case: a capitalised one belongs to a name ("Comunidad de
# Estados Independientes"), except a near cue opening a sentence ("Cerca de Goris").
_CUE = re.compile(
    rf"(?:\b(?P<near>(?i:{'|'.join(_NEAR_CUES)}))\s+{_DE})?"
    rf"(?:\b(?P<kind>{'|'.join(_KIND_CUES)})(?:\s+{_DE}|(?:\s+[a-zñ]+){{1,2}}\s+(?:de|del)\s+{_ARTICLE}))?$"
)
_LIST_GAP = re.compile(r"\s*(?:,|\by\b|\be\b)\s*$")
_SENTENCE_START = frozenset('.!?¿¡«"“”(:;—–\n')
_CUE_WINDOW = 48


def find_mentions(article: Article, table: PlaceTable) -> list[Mention]:
    """Every place named in the article, in text order, longest match first."""
    text = article.text
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    mentions: list[Mention] = []
    last_cue, last_end = "", -1
    i = 0
    while i < len(tokens):
        start, end = tokens[i]
        if not text[start].isupper():
            i += 1
            continue
        cue = _cue_before(text, start)
        if not cue and last_cue and _LIST_GAP.match(text, last_end, start):
            cue = last_cue
        length = _match(text, tokens, i, table, cue)
        if cue:
            length = max(length, _capitalised_run(text, tokens, i, table))
        if not length:
            i += 1
            continue
        mention_end = tokens[i + length - 1][1]
        cue = cue or _KIND_CUES.get(_strip_accents(text[start:end].lower()), "")
        mentions.append(Mention(article.id, text[start:mention_end], start, mention_end, cue))
        last_cue, last_end = cue, mention_end
        i += length
    return mentions


def _cue_before(text: str, start: int) -> str:
    window = text[max(0, start - _CUE_WINDOW) : start]
    match = _CUE.search(_strip_accents(window))
    if not match or not (match["near"] or match["kind"]):
        return ""
    parts = [_NEAR_CUES[match["near"].lower()]] if match["near"] else []
    if match["kind"]:
        parts.append(_KIND_CUES[match["kind"]])
    return " ".join(parts)


_ACCENTS = str.maketrans("áéíóúüñÁÉÍÓÚ", "aeiouunAEIOU")


def _strip_accents(text: str) -> str:
    return text.translate(_ACCENTS)


def _match(text: str, tokens: list[tuple[int, int]], i: int, table: PlaceTable, cue: str) -> int:
    """Length in words of the longest acceptable table name starting at token i, or 0."""
    first = word_key(text[tokens[i][0] : tokens[i][1]])
    for sequence in table.by_first_word.get(first, ()):
        n = len(sequence)
        if i + n > len(tokens) or not _words_match(text, tokens, i, sequence):
            continue
        key = " ".join(sequence)
        if cue or _acceptable(text, tokens, i, n, key, table):
            return n
    return 0


def _words_match(text: str, tokens: list[tuple[int, int]], i: int, sequence: tuple) -> bool:
    for j in range(1, len(sequence)):
        (_, prev_end), (start, end) = tokens[i + j - 1], tokens[i + j]
        if text[prev_end:start] not in _JOINERS:
            return False
        word = text[start:end]
        if word_key(word) != sequence[j]:
            return False
        if not word[0].isupper() and word.lower() not in PARTICLES:
            return False
    return True


def _acceptable(
    text: str, tokens: list[tuple[int, int]], i: int, n: int, key: str, table: PlaceTable
) -> bool:
    if _glued_name(text, tokens, i + n, i + n - 1, table):
        return False
    if table.any_important(key):
        return True
    return not table.is_common(key) and not _glued_name(text, tokens, i - 1, i, table)


def _glued_name(
    text: str, tokens: list[tuple[int, int]], other: int, this: int, table: PlaceTable
) -> bool:
    """True when token `other`, next to `this` across one space, is a capitalised non-word."""
    if not 0 <= other < len(tokens):
        return False
    left, right = (tokens[other], tokens[this]) if other < this else (tokens[this], tokens[other])
    if text[left[1] : right[0]] != " ":
        return False
    word = text[tokens[other][0] : tokens[other][1]]
    key = word_key(word)
    if not word[0].isupper() or key in table.common_words or key in table.by_first_word:
        return False
    return other > this or not _sentence_initial(text, tokens[other][0])


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_START


def _capitalised_run(text: str, tokens: list[tuple[int, int]], i: int, table: PlaceTable) -> int:
    """Words of the capitalised name after a cue (at most four), known to the table or not.

    "la aldea de Karin Tak" names one place even if the table knows a "Karin" elsewhere.
    """
    n = 1
    while (
        n < 4
        and i + n < len(tokens)
        and text[tokens[i + n - 1][1] : tokens[i + n][0]] in _JOINERS
        and text[tokens[i + n][0]].isupper()
        and word_key(text[tokens[i + n][0] : tokens[i + n][1]]) not in table.common_words
    ):
        n += 1
    return n
