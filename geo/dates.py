"""Spanish (and English) date expressions, resolved against an article's publication date.

News about a border incident rarely writes the year: "el miércoles", "el 12 de mayo",
"ayer". These only mean something against the publication date, so every expression is
resolved relative to it, and carries an ACLED time precision (1 day, 2 week, 3 month or
vaguer, 0 unknown).

Own rules rather than `dateparser`: dateparser returns None for a leading article ("el 12
de mayo", "el miércoles"), for "a principios de noviembre de 2020", "el martes pasado" and
number words ("hace tres días"), and resolves a weekday equal to the base date one week
back. The rules below cover those forms, keep exact character offsets (the event stage
needs to know which date is nearest to a trigger) and are an order of magnitude faster.

Choices:
- A weekday equal to the publication date's weekday is the publication day itself ("el
  jueves" in a Thursday article is that Thursday); "el jueves pasado" is a week earlier.
- A day and month without a year take the publication year, or the year before when the
  month comes after the publication month (news reports the past). A year named in the
  same text ("en 2020, el 27 de septiembre") or passed as `year` wins over that guess.
- A week or month is dated at the middle of the span (ACLED's convention): "la semana
  pasada" is the Wednesday of last week; "noviembre de 2020" the 15th, "a principios de"
  the 5th, "a finales de" the 25th.
- "El día anterior" and "la noche anterior" count back from `anchor` (the date of the
  event told just before), else from the publication date; "al día siguiente" counts on from
  `anchor` only (a day after the publication is no news).
- A range ("la noche del 12 al 13 de septiembre", "entre el 12 y el 13 de mayo") is its first
  day: ACLED dates an overnight event by its start. "El (pasado) día 13" is the 13th of the
  publication month, or of the month before when the 13th is still to come.
- "X came two weeks after Y" dates Y two weeks before the publication date, at week
  precision: the X of such a sentence is the news of the day.
- Speed: each form needs a whole word of its own (a month, "ayer", a weekday) or a digit, so
  a sentence is searched only by the patterns whose words it contains (`DATE_CUES`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from geo.model import new_record
from geo.text import fold

UNKNOWN, DAY, WEEK, MONTH = 0, 1, 2, 3

_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "january": 1, "february": 2, "march": 3, "april": 4, "may": 5,
    "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
}  # fmt: skip
# Abbreviated months ("27 may.", "14 sep", "Sept. 19"): only next to a day number.
_MONTH_ABBREVIATIONS = {
    "ene": 1, "jan": 1, "feb": 2, "mar": 3, "abr": 4, "apr": 4, "may": 5, "jun": 6, "jul": 7,
    "ago": 8, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dic": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5,
    "domingo": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
_UNITS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "veintiun": 21, "veintiuno": 21, "veintiuna": 21,
    "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300,
    "trescientas": 300, "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600,
    "setecientos": 700, "ochocientos": 800, "novecientos": 900, "hundred": 100,
}  # fmt: skip

_alt = "|".join
_MONTH = rf"(?P<month>{_alt(_MONTHS)})"
_SHORT_MONTH = rf"(?P<short_month>{_alt(sorted(_MONTH_ABBREVIATIONS, key=len, reverse=True))})"
_WORD_UNIT = _alt(sorted((w for w in _UNITS if w not in ("a", "an")), key=len, reverse=True))
_WORD_TENS = _alt(_TENS)
_WORD_HUNDREDS = _alt(_HUNDREDS)
# Digits ("6.500", "1,200" as thousands), or number words ("treinta y dos", "doscientos").
NUMBER = (
    rf"(?:\d{{1,3}}(?:[.,]\d{{3}})+|\d+|(?:(?:{_WORD_HUNDREDS})\s+)?"
    rf"(?:(?:{_WORD_TENS})(?:\s+y\s+(?:{_WORD_UNIT}))?|{_WORD_UNIT})|{_WORD_HUNDREDS})"
)


def read_number(words: str) -> int | None:
    """The value of a number written in digits or in Spanish/English words, else None."""
    text = fold(words).strip()
    digits = text.replace(".", "").replace(",", "")
    if digits.isdigit():
        return int(digits)
    total, seen = 0, False
    for word in text.replace("-", " ").split():
        if word in ("y", "and"):
            continue
        for table in (_UNITS, _TENS, _HUNDREDS):
            if word in table:
                total += table[word]
                seen = True
                break
        else:
            return None
    return total if seen else None


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in a text, with its span and what it resolved to."""

    start: int
    end: int
    text: str
    date: date | None
    precision: int
    anchored: bool = False
    """True for "el día anterior"-like forms, which count from the previous event."""


_PART = (
    r"(?P<part>a principios|a comienzos|al principio|a inicios|a mediados|a finales|a fines|"
    r"al final|(?<=desde\s)(?:principios|comienzos|inicios|mediados|finales|fines)|"
    r"(?:en\s+)?(?:las\s+primeras\s+semanas|la\s+primera\s+semana|"
    r"los\s+primeros\s+dias|las\s+ultimas\s+semanas|la\s+ultima\s+semana|"
    r"los\s+ultimos\s+dias)|early|mid|late)"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_ABSOLUTE = [  # (pattern, the forms of `_CUES` it needs)
    # "la noche del 12 al 13 de septiembre", "entre el 12 y el 13 de mayo": the first day,
    # when the event began (ACLED dates an overnight event by its start).
    (
        re.compile(
            r"\b(?:(?:la\s+)?(?:noche|madrugada)\s+)?(?:del|entre\s+el)\s+(?P<day>\d{1,2})\s+"
            rf"(?:al|y\s+el)\s+\d{{1,2}}\s+de\s+{_MONTH}\b(?:\s+(?:de|del)\s+{_YEAR}\b)?"
        ),
        frozenset({"month", "digits"}),
    ),
    # "el miércoles 12 de mayo de 2021", "12 de mayo", "primero de mayo"
    (
        re.compile(
            r"\b(?:(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo),?\s+)?"
            rf"(?P<day>\d{{1,2}}|primero)\s+de\s+{_MONTH}\b(?:\s+(?:de|del)\s+{_YEAR}\b)?"
        ),
        frozenset({"month", "day"}),
    ),
    # "May 12, 2021", "May 12"
    (
        re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?"),
        frozenset({"month", "digit"}),
    ),
    # "12 May 2021", "12th of May"
    (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?"
        ),
        frozenset({"month", "digit"}),
    ),
    # "14 sep", "27 may. 2021", "Sept. 19, 2023", "Aug. 3"
    (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})\s+(?:de\s+)?{_SHORT_MONTH}\b\.?(?:,?\s+(?:de\s+)?{_YEAR}\b)?"
        ),
        frozenset({"short_month", "digit"}),
    ),
    (
        re.compile(rf"\b{_SHORT_MONTH}\.\s*(?P<day>\d{{1,2}})\b(?:,?\s+{_YEAR}\b)?"),
        frozenset({"short_month", "digit"}),
    ),
    # "9/11/2020", "09-11-2020": day first, as Spanish writes it.
    (
        re.compile(r"\b(?P<day>\d{1,2})[/.-](?P<num_month>\d{1,2})[/.-](?P<year>(?:19|20)\d{2})\b"),
        frozenset({"in figures"}),
    ),
    (
        re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<num_month>\d{2})-(?P<day>\d{2})\b"),
        frozenset({"in figures"}),
    ),
    # "a principios de noviembre de 2020", "noviembre de 2020", "en noviembre", "early May"
    (
        re.compile(
            rf"\b{_PART}\s+(?:de\s+|del\s+mes\s+de\s+|of\s+)?{_MONTH}\b(?:,?\s+(?:de\s+)?{_YEAR}\b)?"
        ),
        frozenset({"month", "part"}),
    ),
    (re.compile(rf"\b{_MONTH}\s+(?:de\s+|del\s+)?{_YEAR}\b"), frozenset({"month", "year"})),
    (
        re.compile(rf"\b(?:en|desde|durante|in|since)\s+(?:el\s+mes\s+de\s+)?{_MONTH}\b"),
        frozenset({"month"}),
    ),
    # "el pasado día 13", "el día 2": a day of the publication month, or of the month before.
    (
        re.compile(r"\bel\s+(?:pasado\s+)?dia\s+(?P<day>\d{1,2})\b(?!\s+de\s)(?![/.-]\d)"),
        frozenset({"dia", "digit"}),
    ),
]

_WEEKDAY = re.compile(
    r"\b(?:(?P<qual>el\s+proximo|el\s+pasado|el|este|esta|del|al|on|last|next|this|(?:en\s+)?la\s+(?:noche|manana|tarde|"
    r"madrugada)\s+(?:del|de\s+este))\s+)?"
    r"(?P<weekday>lunes|martes|miercoles|jueves|viernes|sabado|domingo|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b(?:\s+(?P<when>pasado|anterior|proximo|"
    r"que\s+viene|night|morning))?"
)

# Relative forms: the pattern, then (days back, precision, counts from anchor).
_RELATIVE = [
    (r"\b(?:el\s+dia\s+(?:anterior|antes)|la\s+(?:noche|tarde|manana|madrugada)\s+anterior|"
     r"la\s+vispera|the\s+(?:previous|preceding)\s+(?:day|night)|the\s+(?:day|night)\s+before)\b",
     1, DAY, True),
    (r"\b(?:ese\s+mismo\s+dia|el\s+mismo\s+dia|ese\s+dia|the\s+same\s+day|that\s+day)\b",
     0, DAY, True),
    (r"\b(?:(?:al|el)\s+dia\s+siguiente|al\s+otro\s+dia|un\s+dia\s+despues|"
     r"the\s+(?:next|following)\s+day|a\s+day\s+later)\b", -1, DAY, True),
    (r"\b(?:anteayer|antier|anteanoche|antes\s+de\s+ayer|the\s+day\s+before\s+yesterday)\b",
     2, DAY, False),
    (r"\b(?:ayer|anoche|yesterday|last\s+night)\b", 1, DAY, False),
    (r"\b(?:hoy|esta\s+(?:manana|tarde|noche|madrugada)|today|this\s+(?:morning|afternoon|"
     r"evening)|tonight)\b", 0, DAY, False),
    (r"\b(?:la\s+semana\s+pasada|la\s+pasada\s+semana|last\s+week)\b", "last_week", WEEK, False),
    (r"\b(?:esta\s+semana|this\s+week|earlier\s+this\s+week)\b", "this_week", WEEK, False),
    (r"\b(?:el\s+(?:pasado\s+)?fin\s+de\s+semana(?:\s+pasado)?|(?:over\s+)?the\s+weekend|"
     r"last\s+weekend)\b", "weekend", WEEK, False),
    (r"\b(?:el\s+mes\s+pasado|el\s+pasado\s+mes|last\s+month)\b", "last_month", MONTH, False),
    (r"\b(?:(?:a\s+principios\s+de\s+|en\s+)?este\s+mes|earlier\s+this\s+month|this\s+month)\b",
     "this_month", MONTH, False),
    (rf"\bhace\s+(?P<n>{NUMBER})\s+(?P<unit>horas?|dias?|semanas?|meses|mes)\b", "ago", DAY, False),
    (rf"\b(?P<n>{NUMBER})\s+(?P<unit>hours?|days?|weeks?|months?)\s+ago\b", "ago", DAY, False),
    # "The incident came two weeks after the assault": what came is the news of the day.
    (rf"\b(?:came|comes|se\s+produce|se\s+produjo|llega|llego)\s+(?P<n>{NUMBER})\s+"
     rf"(?P<unit>days?|weeks?|months?|dias|semanas|meses)\s+(?:after|despues\s+de)\b", "ago",
     DAY, False),
]  # fmt: skip
# Words one of which every match of each relative form contains whole, in the order of
# `_RELATIVE`: a sentence with none of them is not searched for the form.
_RELATIVE_NEEDLES = [
    ("anterior", "antes", "vispera", "previous", "preceding", "before"),
    ("mismo", "ese", "same", "that"),
    ("siguiente", "otro", "despues", "next", "following", "later"),
    ("anteayer", "antier", "anteanoche", "antes", "before"),
    ("ayer", "anoche", "yesterday", "night"),
    ("hoy", "manana", "tarde", "noche", "madrugada", "today", "this", "tonight"),
    ("semana", "week"),
    ("semana", "week"),
    ("semana", "weekend"),
    ("mes", "month"),
    ("mes", "month"),
    ("hace",),
    ("ago",),
    ("after", "despues"),
]
_RELATIVE_RE = [(re.compile(p), back, prec, anch) for p, back, prec, anch in _RELATIVE]
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")
_TWO_NUMBERS = re.compile(r"\d\D+\d")
# What every date written in figures holds ("9/11/2020", "2020-11-09"), with no space in it.
_IN_FIGURES = re.compile(r"\d[/.-]\d+[/.-]\d")
_WORD = re.compile(r"\w+")


# Each word some date form needs, with the forms that need it: "month", "short_month",
# "weekday", "part" (of a month), "day" (of a month), "dia" or the index of a form of
# `_RELATIVE`. The patterns match these words only whole (between word boundaries), so a
# text contains one of a form's matches only if one of its runs of word characters is a word
# of the form. A digit in the text gives "digit" and "day", two numbers "digits", a
# four-digit year "year", a date in figures "in figures".
_CUES: dict[str, set] = {month: {"month"} for month in _MONTHS}
_CUES["primero"] = {"day"}
_CUES["dia"] = {"dia"}
for _needle in ("principios", "principio", "comienzos", "inicios", "mediados", "finales",
                "fines", "final", "primeras", "primera", "primeros", "ultimas", "ultima",
                "ultimos", "early", "mid", "late"):  # fmt: skip
    _CUES[_needle] = {"part"}
for _needle in _MONTH_ABBREVIATIONS:
    _CUES.setdefault(_needle, set()).add("short_month")
for _needle in WEEKDAYS:
    _CUES.setdefault(_needle, set()).add("weekday")
for _form, _needles in enumerate(_RELATIVE_NEEDLES):
    for _needle in _needles:
        _CUES.setdefault(_needle, set()).add(_form)
ANCHORED_FORMS = frozenset(form for form, (*_, anchored) in enumerate(_RELATIVE) if anchored)
"""The forms of `DATE_CUES` that count from `anchor` ("el día anterior", "ese mismo día")."""
DATE_CUES: dict[str, frozenset] = {word: frozenset(forms) for word, forms in _CUES.items()}
"""The forms each cue word needs."""
FIGURE_FORMS = frozenset({"digit", "day", "year", "in figures"})
"""The forms `word_forms` gives for the figures of a text rather than for its cue words."""


def word_forms(folded: str) -> frozenset:
    """The forms a folded text gives: those of its runs of word characters that are
    `DATE_CUES`, "digit" and "day" when it has a digit, "year" when it has a four-digit year,
    "in figures" when it has a date in figures. No form spans a space, so a caller that has the
    words of a text may pass the union of their forms to `find_dates` as `forms`: a form whose
    words the text lacks is not searched for."""
    forms = {form for run in _WORD.findall(folded) for form in DATE_CUES.get(run, ())}
    if _DIGIT.search(folded):
        forms |= {"digit", "day"}
        if _ANY_YEAR.search(folded):
            forms.add("year")
            if _IN_FIGURES.search(folded):
                forms.add("in figures")
    return frozenset(forms)


_YEAR_NAMED = re.compile(r"\b(?:en|in|durante)\s+(?:el\s+ano\s+)?((?:19|20)\d{2})\b")
_AGO_PRECISION = {"hor": DAY, "hou": DAY, "dia": DAY, "day": DAY, "sem": WEEK, "wee": WEEK,
                  "mes": MONTH, "mon": MONTH}  # fmt: skip
_PART_DAY = {"principio": 5, "comienzo": 5, "inicio": 5, "early": 5, "mediado": 15,
             "mid": 15, "final": 25, "fine": 25, "late": 25, "primeras semanas": 10,
             "primera semana": 4, "primeros dias": 3, "ultimas semanas": 20,
             "ultima semana": 27, "ultimos dias": 28}  # fmt: skip


def find_dates(
    text: str,
    published: date | None = None,
    *,
    anchor: date | None = None,
    year: int | None = None,
    folded: str | None = None,
    forms: frozenset | set | None = None,
) -> list[DateExpression]:
    """Every date expression in `text`, in order, resolved against `published`.

    `anchor` is the date of the event told just before (for "el día anterior"); `year` a
    year the article names, used for a day and month without one; `folded` is
    `geo.text.fold(text)` when the caller has it already, `forms` the union of the
    `word_forms` of its words when the caller has them.
    """
    folded = fold(text) if folded is None else folded
    # Every form contains a word of its own (a month, "ayer", a year...): a pattern whose
    # word the sentence lacks is not run.
    forms = word_forms(folded) if forms is None else frozenset(forms)
    if not forms:
        return []
    if "month" in forms and "digit" in forms and _TWO_NUMBERS.search(folded):
        forms |= {"digits"}
    absolute, relative, weekdays = _searched(forms)
    found: list[DateExpression] = []
    for pattern in absolute:
        for match in pattern.finditer(folded):
            if _free(found, match):
                when, precision = _absolute(match, folded, published, year, "year" in forms)
                if when or precision:
                    found.append(_expression(match, text, when, precision))
    for pattern, back, precision, anchored in relative:
        for match in pattern.finditer(folded):
            if _free(found, match):
                base = (anchor or published) if anchored else published
                if isinstance(back, int) and back < 0 and anchor is None:
                    base = None  # "al día siguiente" of nothing told: the day is unknown
                if back == "ago":
                    precision = _AGO_PRECISION[match["unit"][:3]]
                when = _relative(match, back, base)
                found.append(_expression(match, text, when, precision, anchored))
    if weekdays:
        for match in _WEEKDAY.finditer(folded):
            if _free(found, match) and (match["qual"] or _is_english(match["weekday"])):
                found.append(_expression(match, text, _weekday(match, published), DAY))
    found.sort(key=lambda found_date: found_date.start)
    return found


@functools.cache
def _searched(forms: frozenset) -> tuple[list, list, bool]:
    """The absolute patterns, relative forms and whether weekdays are searched in a text of
    the `forms`, in the order they take their spans."""
    return (
        [pattern for pattern, needs in _ABSOLUTE if needs <= forms],
        [relative for form, relative in enumerate(_RELATIVE_RE) if form in forms],
        "weekday" in forms,
    )


def _free(found: list[DateExpression], match: re.Match) -> bool:
    """Whether the match overlaps no date found before it."""
    start, end = match.span()
    return all(end <= f.start or start >= f.end for f in found)


def _expression(
    match: re.Match, text: str, when: date | None, precision: int, anchored: bool = False
) -> DateExpression:
    start, end = match.span()
    return new_record(
        DateExpression,
        start=start,
        end=end,
        text=text[start:end],
        date=when,
        precision=precision if when else UNKNOWN,
        anchored=anchored,
    )


def resolve_date(
    text: str,
    published: date | None = None,
    *,
    anchor: date | None = None,
    year: int | None = None,
) -> tuple[date | None, int]:
    """The first resolvable date in `text` and its precision, else (None, UNKNOWN)."""
    for found in find_dates(text, published, anchor=anchor, year=year):
        if found.date:
            return found.date, found.precision
    return None, UNKNOWN


def _is_english(weekday: str) -> bool:
    return weekday.endswith("day")


def _absolute(
    match: re.Match, folded: str, published: date | None, year: int | None, year_written: bool
) -> tuple[date | None, int]:
    """The date of an absolute form; `year_written` whether the text has a four-digit year,
    which a year named before the match needs."""
    groups = match.groupdict()
    if not any(groups.get(key) for key in ("num_month", "month", "short_month")):
        return _day_of_month(int(groups["day"]), published)
    if groups.get("num_month"):
        month = int(groups["num_month"])
    elif groups.get("short_month"):
        month = _MONTH_ABBREVIATIONS[groups["short_month"]]
    else:
        month = _MONTHS[groups["month"]]
    if not 1 <= month <= 12:
        return None, UNKNOWN
    day, precision = 15, MONTH
    if groups.get("day"):
        day = 1 if groups["day"] == "primero" else int(groups["day"])
        precision = DAY
    elif groups.get("part"):
        day = next(v for k, v in _PART_DAY.items() if k in groups["part"])
    when_year = int(groups["year"]) if groups.get("year") else None
    if when_year is None:
        named = (
            [int(m[1]) for m in _YEAR_NAMED.finditer(folded, 0, match.start())]
            if year_written
            else []
        )
        when_year = named[-1] if named else year
    if when_year is None and published:
        when_year = published.year - (1 if month > published.month else 0)
    if when_year is None:
        return None, precision
    try:
        return date(when_year, month, day), precision
    except ValueError:
        return None, UNKNOWN


def _day_of_month(day: int, published: date | None) -> tuple[date | None, int]:
    if published is None:
        return None, DAY
    month = published.year * 12 + published.month - 1 - (1 if day > published.day else 0)
    try:
        return date(month // 12, month % 12 + 1, day), DAY
    except ValueError:
        return None, UNKNOWN


def _relative(match: re.Match, back: int | str, base: date | None) -> date | None:
    if base is None:
        return None
    if isinstance(back, int):
        return base - timedelta(days=back)
    if back == "ago":
        count = read_number(match["n"]) or 0
        unit = match["unit"]
        if unit.startswith(("semana", "week")):
            return base - timedelta(weeks=count)
        if unit.startswith(("mes", "month")):
            return _middle_of_month(base, -count)
        if unit.startswith(("hora", "hour")):
            return base
        return base - timedelta(days=count)
    if back in ("last_week", "this_week"):
        wednesday = base - timedelta(days=base.weekday() - 2)
        return wednesday - timedelta(weeks=1) if back == "last_week" else min(wednesday, base)
    if back == "weekend":
        return base - timedelta(days=(base.weekday() - 5) % 7)
    return min(_middle_of_month(base, -1 if back == "last_month" else 0), base)


def _middle_of_month(base: date, months: int) -> date:
    index = base.year * 12 + base.month - 1 + months
    return date(index // 12, index % 12 + 1, 15)


def _weekday(match: re.Match, published: date | None) -> date | None:
    if published is None:
        return None
    weekday = WEEKDAYS[match["weekday"]]
    when = match["when"] or ""
    if when.startswith(("proximo", "que")) or (match["qual"] or "").endswith(("proximo", "next")):
        return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    back = (published.weekday() - weekday) % 7
    if back == 0 and (when in ("pasado", "anterior") or match["qual"] in ("last", "el pasado")):
        back = 7
    return published - timedelta(days=back)
