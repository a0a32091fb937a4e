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
lacks it: it is reported and left unresolved. So is a village name opened by an Armenian or
Azerbaijani prefix ("Verin Shorzha", "Nerkin Hand").

English texts work too: English cues ("the village of X", "near X", "Syunik province", "the
Lachin corridor") are recorded under the Spanish cue they match, and a possessive "'s" is no
part of a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from geo.dates import WEEKDAYS
from geo.gazetteer import (
    CALENDAR_KEYS,
    PARTICLES,
    VILLAGE_PREFIXES,
    PlaceTable,
    name_key,
    word_key,
)
from geo.model import SETTLEMENT_KINDS, Article, Mention, new_mention
from geo.text import fold

# An apostrophe inside a word belongs to it ("Geghark'unik"), but not an English possessive
# ("Armenia's").
_LETTERS = r"[^\W\d_]+(?:['’ʼ‘`](?!s\b)[^\W\d_]+)*"
_WORD = re.compile(_LETTERS)
_UPPER = "".join(re.escape(chr(c)) for c in range(0x530) if chr(c).isupper())
# The look-behind comes after the capital so the scan only tests it at capitals (twice as fast).
_CAPITALISED = re.compile(rf"[{_UPPER}](?<![^\W\d_'’ʼ‘`].)[^\W\d_]*(?:['’ʼ‘`](?!s\b)[^\W\d_]+)*")
_HYPHENS = frozenset("-‐‑–")
_JOINERS = frozenset({" ", "-", "‐", "‑", "–"})

# A neighbourhood, of no kind the table holds: "el barrio de Kreuzberg" (not "los barrios de
# Ereván", the city's).
NEIGHBOURHOOD_CUE = "barrio"
# A place's head, whose name may follow it as an apposition, not as a list's next place.
_HEAD_CUE = "alcalde"
# Cue words, folded, mapped to the canonical cue recorded on the mention.
_KIND_CUES = {
    "provincia": "provincia",
    "provincias": "provincia",
    "region": "región",
    "región": "región",
    "regiones": "región",
    "distrito": "distrito",
    "distritos": "distrito",
    "raion": "distrito",
    "rayon": "distrito",
    "marz": "provincia",
    "aldea": "aldea",
    "aldeas": "aldeas",
    "pueblo": "pueblo",
    "pueblos": "aldeas",
    "localidad": "localidad",
    "localidades": "localidades",
    "poblado": "pueblo",
    "poblados": "aldeas",
    "asentamiento": "localidad",
    "asentamientos": "localidades",
    "comunidad": "localidad",
    "comunidades": "localidades",
    "municipio": "localidad",
    "villa": "localidad",
    "barrio": NEIGHBOURHOOD_CUE,
    "ciudad": "ciudad",
    "ciudades": "ciudad",
    "capital": "ciudad",
    "lago": "lago",
    "lagos": "lago",
    "laguna": "lago",
    "embalse": "lago",
    "embalses": "lago",
    "presa": "lago",
    "presas": "lago",
    "monte": "monte",
    "montes": "monte",
    "montana": "monte",
    "montaña": "monte",
    "cerro": "monte",
    "pico": "monte",
    "picos": "monte",
    "alturas": "monte",
    "heights": "monte",
    "peaks": "monte",
    "colina": "monte",
    "cordillera": "monte",
    "sierra": "monte",
    "macizo": "monte",
    "mar": "mar",
    "golfo": "mar",
    "corredor": "corredor",
    "paso": "paso",
    "carretera": "carretera",
    "autopista": "carretera",
    "ruta": "carretera",
    "puente": "puente",
    "rio": "río",
    "río": "río",
    "valle": "valle",
    "desfiladero": "valle",
    "garganta": "valle",
    "cañon": "valle",
    "cañón": "valle",
    # Who lives in or runs a place: no kind, but the capitalised name after them is a place.
    "vecinos": "vecinos",
    "habitantes": "vecinos",
    "residentes": "vecinos",
    "pobladores": "vecinos",
    "alcalde": _HEAD_CUE,
    "alcaldesa": _HEAD_CUE,
    "alcaldía": "vecinos",
    # Another name for the place just named ("Vardenis, que los azerbaiyanos llaman X").
    "llama": "llama",
    "llaman": "llama",
    "llamaba": "llama",
    "llamaban": "llama",
    "denomina": "llama",
    "denominan": "llama",
    "calls": "llama",
    "call": "llama",
    "escriben": "llama",
    "escribe": "llama",
    "rebautizó": "llama",
    "rebautizaron": "llama",
    "renamed": "llama",
    "spell": "llama",
    # Landmarks: the name after them is a place, of no kind the table holds.
    "monasterio": "monasterio",
    "fortaleza": "monasterio",
    "monastery": "monasterio",
    "fortress": "monasterio",
    # English
    "province": "provincia",
    "provinces": "provincia",
    "district": "distrito",
    "districts": "distrito",
    "village": "aldea",
    "villages": "aldeas",
    "town": "localidad",
    "towns": "localidades",
    "settlement": "localidad",
    "settlements": "localidades",
    "city": "ciudad",
    "lake": "lago",
    "reservoir": "lago",
    "dam": "lago",
    "dams": "lago",
    "mount": "monte",
    "range": "monte",
    "mountains": "monte",
    "mountain": "monte",
    "corridor": "corredor",
    "road": "carretera",
    "highway": "carretera",
    "bridge": "puente",
    "pass": "paso",
    "river": "río",
    "rivers": "río",
    "lakes": "lago",
    "reservoirs": "lago",
    "valley": "valle",
    "neighbourhood": NEIGHBOURHOOD_CUE,
    "neighborhood": NEIGHBOURHOOD_CUE,
    "suburb": NEIGHBOURHOOD_CUE,
    "residents": "vecinos",
    "inhabitants": "vecinos",
    "villagers": "vecinos",
}
_NEAR_CUES = {
    "cerca": "cerca de",
    "inmediaciones": "cerca de",
    "proximidades": "cerca de",
    "afueras": "cerca de",
    "alrededores": "cerca de",
    "cercanias": "cerca de",
    "cercanías": "cerca de",
    "proximo": "cerca de",
    "próximo": "cerca de",
    "proxima": "cerca de",
    "próxima": "cerca de",
    "junto": "cerca de",
    "norte": "cerca de",
    "sur": "cerca de",
    "este": "cerca de",
    "oeste": "cerca de",
    "noreste": "cerca de",
    "noroeste": "cerca de",
    "sureste": "cerca de",
    "sudeste": "cerca de",
    "suroeste": "cerca de",
    "sudoeste": "cerca de",
    "kilómetros": "cerca de",
    "kilometros": "cerca de",
    "km": "cerca de",
    "aeropuerto": "aeropuerto",
    "puerto": "puerto",
}
_NEAR = "cerca de"
NAMED_CUE = "llama"
NAMING_VERBS = frozenset(word for word, cue in _KIND_CUES.items() if cue == NAMED_CUE)
AIRPORT_CUE = "aeropuerto"
# Near cues that need no "de" (English): "near Goris", "outside the village of Sotk".
_NEAR_BARE = {"near": "cerca de", "outside": "cerca de", "nearby": "cerca de"}
# Prepositions that put what follows in a place: a town named like a word after one is the town.
_IN_A_PLACE = frozenset({"en", "desde", "hasta", "hacia", "in", "from", "towards", "toward"})
_THROUGH = frozenset({"por", "vía", "via", "through"})
_NATURAL_CUES = frozenset({"lago", "monte"})
# Kind words written after the name (English): "Syunik province", "the Lachin corridor".
_POST_CUES = frozenset(
    {"province", "district", "region", "village", "town", "city", "corridor", "river", "lake"}
    | {"provinces", "districts", "villages", "towns", "reservoir", "range", "mountains"}
    | {"settlement", "settlements", "rivers", "lakes", "reservoirs", "bridge", "road", "highway"}
    | {"neighbourhood", "neighborhood", "suburb", "pass", "dam", "dams"}
)
_ARTICLES = frozenset({"la", "el", "los", "las", "the"})
_INDEFINITE = frozenset({"una", "un"})
_MASCULINE_ARTICLES = frozenset({"el", "del", "al"})
_A_VILLAGE_OF = {"aldea": "aldeas", "pueblo": "aldeas", "localidad": "localidades"}
_KIND_SUFFIXES = frozenset({"Province", "District", "Region", "River", "Lake", "Reservoir"})
# An airport named after a town is one name with it, placed at the town: "Zangilan
# International Airport" (resolution asks for the town before it).
AIRPORT = re.compile(r" (?:International )?Airport\b")
_PLURAL_KINDS = frozenset(
    {"provinces", "districts", "villages", "towns", "rivers", "lakes", "reservoirs", "settlements"}
)
_REPUBLIC = frozenset({"República", "Republic"})
_FEMININE = ("a", "ión", "ion", "dad", "tad", "tud")
_DE = frozenset({"de", "del", "a", "al", "of", "como", "like"})
_MAX_ADJECTIVES = 2
_ACRONYM = 3
_APOSTROPHES = ("'", "’", "ʼ")
# The name follows on the same line: "sale a la calle\n\nUnas trescientas personas" names no street.
_STREET = re.compile(
    r"\b(?:[Cc]alle|[Aa]venida|[Pp]laza|[Pp]aseo|[Bb]ulevar)[^\S\n]+"
    r"(?:del?[^\S\n]+(?:(?:la|las|los)[^\S\n]+)?)?"
)
# Each street word but its first letter: `str.find` finds them faster than a regex scan. The
# English ones follow the name.
_STREET_STEMS = ("alle", "venida", "laza", "aseo", "ulevar", "treet", "venue", "quare")
# The English street words, which follow the name: "Valle" ends no street's name.
_ENGLISH_STREETS = frozenset({"Street", "Avenue", "Square"})
# An English street's name, right before its capitalised street word: "Republic Square".
_NAMED_STREET = re.compile(
    r"(?<![\w'’])(?!(?:The|In|On|At|From|To|Near|By|And|A|An)\b)"
    r"(?:[A-Z][\w-]*(?:['’](?!s )[\w-]+)* ){1,3}$"
)
_STREET_CHARS = 22
# A lower-case street word and "de" with no article: "la calle de Areni" is a street of Areni.
_OF_A_TOWN = re.compile(r"\b[a-z]+ de $")
_ROAD_CODE = re.compile(r"[-‐‑]?\d{1,3}\b")
# Dotted abbreviations of place names ("EE.UU.", "EE. UU.").
_DOTTED = re.compile(r"(?:[A-Z]{1,3}\.\s?){1,2}[A-Z]{1,3}\.")
# A saint's abbreviated title opening a town's name: "St. Petersburg", "St. Louis".
_ABBREVIATED_SAINT = re.compile(r"(?:St|Ste|Sta|Sto)\. [A-Z][^\W\d_]+")
_LIST_GAP = re.compile(r"\s*(?:,|\by\b|\be\b|\band\b)\s*$")
# Two places joined with the preposition repeated ("en Chinari y en X", "de Aghavno, de Sus"): a
# list too, though the cue of the first is carried over only when the repeated preposition is
# its "de".
_PREPOSITION_GAP = re.compile(r"(?:,|\s+(?:y|e|and))\s+(?:en|de|in)\s+$")
# What may follow an unknown name inside a list of places: more of the list, or its end.
_LIST_END = re.compile(r"\s*[,.;:)—–]|\s+(?:[ye]|and)\s|\s*$|[-‐‑–](?=[^\W\d_])")
_SENTENCE_START = frozenset('.!?¿¡«"“”(:;—–\n')
_CUE_WINDOW = 64
_CUE_WORDS = 8
_OPENERS = "\"“«‘'("
# "Lake Parz", "Mount Kaputjugh": a capitalised lake or mountain word is the cue of the name
# after it, as "lago" is in "el lago Parz" (not "Sierra", "Cordillera": "Sierra Nevada").
_TITLED_NATURAL = frozenset({"Lake", "Mount", "Lago", "Monte", "Laguna", "Cerro", "Pico"})
_CUE_TAIL = _ARTICLES | _DE | frozenset(_KIND_CUES) | frozenset(_NEAR_BARE) | _TITLED_NATURAL
_LONGEST_PARTICLE = max(map(len, PARTICLES))
_CONJUNCTIONS = frozenset({"y", "e", "o", "u", "and", "or"})
# English adjectives of peoples the table has no country of: "Kurdish", "Turkish".
_ISH_ADJECTIVE = re.compile(r"[A-Z][a-z]+ish")
# The label that opens a byline: what follows are the names of people.
_BYLINE = re.compile(
    r"\s*(?:Por|By|Textos?|Fotos?|Fotografías?|Ilustraci(?:ón|ones)|Imágenes|Redacción"
    r"|Words|Photos?|Photographs?)(?::\s*|\s+(?=[A-ZÁÉÍÓÚÑ]))"
)


def find_mentions(article: Article, table: PlaceTable) -> list[Mention]:
    """Every place named in the article, in text order, longest match first."""
    text, article_id = article.text, article.id
    mentions: list[Mention] = []
    unknown: dict[str, bool] = {}
    by_key, facts, important_keys = table.by_key, table.word_facts, table.important_keys
    important_villages, lowercase_tails = table.important_villages, table.lowercase_tails
    last_cue, last_end, last_minor = "", -1, False
    streets = _street_cues(text)
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        if start < last_end:
            continue
        street, named_end = streets.get(start, (None, -1)) if streets else (None, -1)
        if (
            street is not None
            and street >= start - _STREET_CHARS
            and not (_OF_A_TOWN.search(text, street, start) and _a_town(match[0], table))
        ):
            # "la plaza Armenia", "Avenida Bakú", "Republic Square": a street named after a
            # place is not there ("la calle de Areni" is the village's). A capitalised street
            # word is part of the name, and so is a lower-case one before "de": "la plaza de
            # la República" is the square's name, "la plaza Armenia" Armenia Square.
            run_end = named_end if named_end > 0 else _capitalised_run(text, start, end, table)
            begin = street if text[street].isupper() or " de" in text[street:start] else start
            found = text[begin:run_end]
            # A street the table knows is its metonymy: "Downing Street" is London.
            street_cue = "" if named_end > 0 and name_key(found) in by_key else "calle"
            mentions.append(new_mention(article_id, found, begin, run_end, street_cue))
            last_cue, last_end, last_minor = "", run_end, True
            continue
        following = text[end : end + 1]
        joined = following in _JOINERS
        if following == ".":
            dotted = _DOTTED.match(text, start) or _ABBREVIATED_SAINT.match(text, start)
            if dotted and name_key(dotted[0]) in by_key:
                mentions.append(new_mention(article_id, dotted[0], start, dotted.end(), ""))
                last_cue, last_end, last_minor = "", dotted.end(), False
                continue
        word = match[0]
        key, longest, single, prefix, _, important, common, common_word, kind_cue = facts.get(
            word
        ) or _learn(table, word)
        if longest and not joined:
            longest = 1 if single else 0  # alone here: only a one-word name can match
        elif longest > 1 and not text[end + 1 : end + 2].isupper():
            # A lower-case word that is no particle ends every name; that one is longer than
            # any particle, a slice tells faster than reading the word.
            long_word = text[end + 1 : end + 2 + _LONGEST_PARTICLE].isalpha()
            after = None if long_word else _WORD.match(text, end + 1)
            if after is None or after[0].lower() not in PARTICLES:
                longest = 1 if single else 0
        gap = start - last_end
        if gap > 8:
            listed = repeated = False
        else:
            repeated = gap > 4 and _PREPOSITION_GAP.match(text, last_end, start) is not None
            if repeated:
                # "los vecinos de Davit Bek y de Aravus": the repeated "de" repeats the cue too.
                listed = text[start - 3 : start - 1] in ("de", "of")
            else:
                # "El alcalde de Movses, Samvel Hovsepián, dijo": a head's name follows his
                # place, no list does.
                listed = (
                    0 < gap <= 5
                    and _LIST_GAP.match(text, last_end, start) is not None
                    and last_cue != _HEAD_CUE
                )
        cue = ""
        if start > 1 and text[start - 1] == " ":  # cheap test first: a cue's last word before
            space = text.rfind(" ", start - 16 if start > 16 else 0, start - 1)
            if text[space + 1 : start - 1] in _CUE_TAIL:
                cue = _cue_before(text, start, space)
                if not cue and (single or not common_word) and text[space + 1 : start - 1] == "de":
                    cue = _outlet_of(text, space)
        carried = not cue and listed
        if carried:
            cue = last_cue
        prefixed = prefix and _word_after(text, end) is not None
        # Asked only across a gap short enough to be a hyphen or a bracket: slicing out a long
        # one at every capitalised word was a tenth of recognition.
        joined = gap <= _JOIN_CHARS and _joined(text, last_end, start, bool(last_cue))
        if not (longest or cue or listed or repeated or prefixed or joined):
            # An unknown name with a kind word after it: "in Zabikh settlement", "Srashen, una
            # aldea de 150 habitantes".
            if common_word:
                continue
            if text[end + 1 : end + 2].islower():
                cue = _cue_after(text, end) or _situated(text, start, end)
            elif text[end : end + 1] == ",":
                cue = (
                    _apposed_kind(text, end)
                    or _situated(text, start, end)
                    or _dateline(text, start, end)
                )
            if not cue:
                continue
        if longest > 1:
            mention_end, name = _match(text, start, end, longest, key, table, cue)
            if kind_cue in _NATURAL_CUES and mention_end > end:
                # "Lake Sevan", "Mount Aragats": the kind word is the cue of the name after
                # it, as "lago" is in "el lago Sevan", when that name alone is the place's (a
                # pass's is its name: "Paso Lachin").
                rest = name_key(text[end + 1 : mention_end])
                if set(by_key.get(rest, ())) & set(by_key[name]):
                    start, name = end + 1, rest
                    cue = f"{_NEAR} {kind_cue}" if cue.startswith(_NEAR) else kind_cue
        elif single and (
            cue
            or _acceptable(text, start, end, important, common, table)
            or _cue_after(text, end)
            or _situated(text, start, end)
            or _route_end(text, start, mentions)
        ):
            # A kind word after it makes a place of a frequent word too: "a resident of Sus
            # village".
            mention_end, name = end, key
        else:
            mention_end, name = 0, ""
        if name in lowercase_tails and text[mention_end + 1 : mention_end + 2].islower():
            mention_end, name = _lowercase_tail(text, start, mention_end, name, table)
        # A country opens no village's name: "entrega a Azerbaiyán Agdam" is two places.
        glued = (
            text[mention_end + 1 : mention_end + 2].isupper()
            and name not in table.country_keys
            and _glued_place(text, mention_end, table)
        )
        if (
            kind_cue
            and not name
            and (
                _name_follows(text, end, table)
                or (word in _TITLED_NATURAL and text[end + 1 : end + 2].isupper())
            )
        ):
            continue  # "near Lake Sev", "Mount Kaputjugh": the kind word is the next name's cue
        if carried and not name and table.is_demonym(key):
            continue  # a people opens no item of a list: "call it Shusha and Armenians Shushi"
        if cue or prefixed or glued:
            # After a prefix the next word belongs to the name even if common ("Nerkin Hand").
            first_end = _word_after(text, end)[1] if prefixed else end
            run_end = _capitalised_run(text, start, first_end, table)
            if run_end > mention_end and not (
                carried and not (repeated or prefixed) and not _LIST_END.match(text, run_end)
            ):
                # A cue carried along a list brings no unknown name that ends no item of it
                # ("the village of Ağdam, Azerbaijani officials said"), unless its preposition
                # is repeated too ("los vecinos de Davit Bek y de Aravus dicen") or a village's
                # prefix opens it ("Hin Shen y Mets Shen bajan").
                mention_end, name = run_end, ""
        elif (
            not mention_end and ((listed or repeated) and last_minor or joined) and not common_word
        ):
            # A list's unknown item, or one word chained by hyphens to a place ("la pista
            # Khankendi-Khalfali-Turshsu") or glossing a cued one ("the village of Garghabazar
            # (Qarğabazar)"; not "GORIS (Reuters)").
            run_end = _capitalised_run(text, start, end, table) if listed or repeated else end
            mention_end = run_end if _LIST_END.match(text, run_end) else 0
        if not mention_end:
            continue
        if not name:
            code = _ROAD_CODE.match(text, mention_end)
            if code:
                mention_end = code.end()  # "la carretera M2", "la H-26": a road's number
            elif mention_end - start == 1:
                continue  # a lone capital after a cue is an initial, not a name
        cue = cue or kind_cue
        if not cue and name and text[start - 4 if start > 3 else 0 : start] in _RIVER_ARTICLES:
            cue = _river_cue(name, table)
        if name and mention_end > end:
            last = text.rfind(" ", end, mention_end)
            suffix = text[last + 1 : mention_end] if last > 0 else ""
            if suffix in _KIND_SUFFIXES and name_key(text[start:last]) in by_key:
                # "Gegharkunik Province", "Kalbajar District": the name, with its kind as cue
                mention_end, cue = last, cue or _KIND_CUES[suffix.lower()]
        if text[mention_end + 1 : mention_end + 2].isalpha():
            # "Syunik province", "the Martuni District"; "near Susuzlug village" is "cerca de" a
            # village; the kind word after a name beats the one before ("Zabikh settlement of
            # Lachin district").
            kind = _cue_after(text, mention_end)
            if kind:
                cue = f"{_NEAR} {kind}" if cue.startswith(_NEAR) else kind
                if _WORD.match(text, mention_end + 1)[0] in _PLURAL_KINDS:
                    _cue_the_list(text, mentions, start, kind)  # "the Arpa and Vorotan rivers"
        if name and _final_apostrophe(text, start, mention_end, name, table):
            mention_end += 1  # "Syunik'", "Geghark'unik'": the transliteration's last letter
        elif (
            name
            and text[mention_end : mention_end + 1] == " "
            and (airport := AIRPORT.match(text, mention_end))
        ):
            mention_end, cue = airport.end(), AIRPORT_CUE
        if not name and cue and (kind_word := _kind_word_of_name(text, start, mention_end, by_key)):
            start = kind_word  # "el mar Negro", "el golfo Pérsico": "Negro" alone names no sea
        found = text[start:mention_end]
        if not name and name_key(found) not in by_key:
            if table.is_demonym(name_key(found)) or _ISH_ADJECTIVE.fullmatch(found):
                # "residents of the Armenian villages", "the Kurdish villages": the people
                continue
            unknown[found] = False
        elif common_word and cue and mention_end == end and name not in important_keys:
            unknown.setdefault(found, True)  # a frequent word made a place by its cue: "Sus"
        mentions.append(new_mention(article_id, found, start, mention_end, cue))
        last_minor = name not in important_keys or name in important_villages
        last_cue, last_end = cue, mention_end
    return _repeat_unknown(article, mentions, unknown) if unknown else mentions


_FACTS_KEPT = 100_000


def _street_cues(text: str) -> dict[int, tuple[int, int]]:
    """Where a street's name may start (after "la calle", "Plaza de la"; before "Square") →
    where the whole name starts and, when a street word ends it, where it ends ("Republic
    Square"); found once an article, as most articles name no street."""
    cues = {}
    for stem in _STREET_STEMS:
        at = text.find(stem, 1)
        while at >= 0:
            street = _STREET.match(text, at - 1)
            if street:
                cues[street.end()] = (street.start(), -1)
            elif (
                text[at - 1 : at + len(stem)] in _ENGLISH_STREETS
                and not text[at + len(stem) : at + len(stem) + 1].isalpha()  # not "Gallego"
                and (named := _NAMED_STREET.search(text, 0, at - 1))
            ):
                cues[named.start()] = (named.start(), at + len(stem))
            at = text.find(stem, at + 1)
    return cues


_FOREIGN_DIGRAPH = re.compile(r"[SsKkZzGg]h")


def _learn(table: PlaceTable, word: str) -> tuple:
    """What recognition asks about a word as written, worked out once per table and word:
    key, most words of a name it opens, is a name, is a village prefix, glues to a name
    (capitalised, it would be a person's or an organisation's), is an important name, needs
    a cue (`PlaceTable.needs_cue`), is a common word, the cue it is."""
    facts = table.word_facts
    if len(facts) >= _FACTS_KEPT:
        facts.clear()
    key = word_key(word)
    # Written with a digraph Spanish never writes, a word is frequent only as spelt: "Armash" is
    # no "armas", nor "Kish" "kiss" ("Il" and "Marí" stay "ill" and "Mary").
    common = key in table.common_words and (
        fold(word) in table.common_spellings or not _FOREIGN_DIGRAPH.search(word)
    )
    learnt = facts[word] = (
        key,
        table.longest_name.get(key, 0),
        key in table.by_key,
        key in VILLAGE_PREFIXES,
        not common and key not in table.longest_name,
        key in table.important_keys,
        common or key not in table.bare_keys,
        common,
        _KIND_CUES.get(word.lower(), ""),
    )
    return learnt


def _facts(table: PlaceTable, word: str) -> tuple:
    """`_learn`'s answers about a word, learnt once."""
    return table.word_facts.get(word) or _learn(table, word)


def _lowercase_tail(text: str, start: int, end: int, name: str, table: PlaceTable) -> tuple:
    """(end, key) of the longer name of the table that the lower-case words after a country's or
    an area's name make: "la Albania caucásica" is no Albania. A kind word is the cue after the
    name ("the Guria region"), not part of it."""
    found = (end, name)
    first = _WORD.match(text, end + 1)
    if first is None or first[0].lower() in _POST_CUES or first[0].lower() in _KIND_CUES:
        return found
    tails = table.lowercase_tails[name]
    for _ in range(_TAIL_WORDS):
        word = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if word is None:
            break
        end = word.end()
        key = name_key(text[start:end])
        if key in tails:
            found = (end, key)
    return found


_TAIL_WORDS = 3


def _cue_the_list(text: str, mentions: list[Mention], start: int, cue: str) -> None:
    """Give `cue` to the uncued names listed before the one at `start`."""
    for index in range(len(mentions) - 1, -1, -1):
        before = mentions[index]
        if before.cue or not _LIST_GAP.fullmatch(text, before.end, start):
            return
        mentions[index] = new_mention(before.article_id, before.text, before.start, before.end, cue)
        start = before.start


def _a_town(word: str, table: PlaceTable) -> bool:
    """Whether the table knows a town or village by that word."""
    return any(
        table.places[i].kind in SETTLEMENT_KINDS for i in table.indexes(_facts(table, word)[0])
    )


def _kind_word_of_name(text: str, start: int, end: int, by_key: dict) -> int | None:
    """Where the name starts when the lower-case word before `start` belongs to it: the table
    knows "mar Negro" but not "Negro"."""
    before = _word_before(text, start)
    if (
        before
        and text[before[0] : before[1]].islower()
        and name_key(text[before[0] : end]) in by_key
    ):
        return before[0]
    return None


def _name_follows(text: str, end: int, table: PlaceTable) -> bool:
    """Whether a capitalised word the table knows comes right after `end`."""
    after = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return after is not None and after[0][0].isupper() and _facts(table, after[0])[2]


def _glued_place(text: str, end: int, table: PlaceTable) -> bool:
    """True when a place name runs on into another capitalised place word ("Baghanis Ayrum")."""
    after = _word_after(text, end) if end else None
    if after is None or not text[after[0]].isupper():
        return False
    word = text[after[0] : after[1]]
    return _facts(table, word)[2]


def _repeat_unknown(
    article: Article, mentions: list[Mention], unknown: dict[str, bool]
) -> list[Mention]:
    """A name the table lacks, once reported as a place, is one wherever the article repeats it;
    a frequent word (`unknown[name]` true) only where no word of a sentence follows ("Sus and
    Zabukh", not "Sus vecinos").

    Longer names first, so that where two of them start at one place ("La" and "La
    Carretera" in a headline) only the longer is taken.
    """
    text = article.text
    # Mentions are in text order and never overlap: the one starting last at or before a
    # position is the only one that can cover it.
    starts = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    extra: list[Mention] = []

    def taken(at: int) -> bool:
        before = bisect_right(starts, at) - 1
        return (before >= 0 and ends[before] > at) or any(m.start <= at < m.end for m in extra)

    for name in sorted(unknown, key=lambda name: (-len(name), name)):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            alone = not (start and text[start - 1].isalpha()) and not (
                end < len(text) and text[end].isalpha()
            )
            if (
                alone
                and not taken(start)
                and not taken(end - 1)
                and not (unknown[name] and _LIST_END.match(text, end) is None)
            ):
                extra.append(new_mention(article.id, name, start, end, ""))
            start = text.find(name, end)
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions


def _outlet_of(text: str, space: int) -> str:
    """The cue of a newspaper's title before "de" ("Diario de Jerez", "La Gaceta de Salamanca",
    "El Heraldo de Chihuahua"): a place inside an outlet's name is one, of no kind the cue can
    tell (a town, a province, a region) nor near the places the article is about."""
    words = text[space - 12 if space > 12 else 0 : space].split()
    return OUTLET_CUE if words and words[-1] in _OUTLET_WORDS else ""


OUTLET_CUE = "diario"


# Title words of local newspapers, capitalised as in their names.
_OUTLET_WORDS = frozenset(
    {"Diario", "Gaceta", "Heraldo", "Periódico", "Correo", "Faro", "Eco", "Informador"}
    | {"Adelantado", "Tribuna", "Semanario", "Siglo", "Sol", "Norte", "Noticias", "Voz"}
)


def _cue_before(text: str, start: int, space: int) -> str:
    """The cue phrase just before a name: "[cerca de la] aldea [armenia] de", read right to left.

    `space` is the position of the space before the word that ends the cue.
    """
    previous = text[space + 1 : start - 1]
    if previous not in _KIND_CUES and space > 0:
        # "de"/"la" after a capitalised word ("Ministerio de") opens no cue, except "Cerca de".
        opens = text.rfind(" ", space - 20 if space > 20 else 0, space) + 1
        before = text[opens:space]
        # A kind word opening a sentence is still one: "Pobladores de Berkaber dijeron".
        if (
            before[:1].isupper()
            and before[-1:].isalpha()
            and before.lower() not in _NEAR_CUES
            and (before.lower() not in _KIND_CUES or not _sentence_initial(text, opens))
        ):
            return ""
    # An opening quote or bracket is no part of a cue word ('"corredor de Zangezur"'). The
    # longest cue ("cerca de la aldea [two adjectives] de la") reads eight words back.
    window = text[max(0, start - _CUE_WINDOW) : start].rsplit(None, _CUE_WORDS)
    words = [w.lstrip(_OPENERS) for w in window[-_CUE_WORDS:]]
    k = len(words)
    if not k:
        return ""
    if words[k - 1] in _ARTICLES:
        if k < 2 or words[k - 2] not in _DE:
            return ""  # an article without "de" opens no cue
        k, de = k - 2, True
    else:
        de = words[k - 1] in _DE
        k -= de
    kind = _KIND_CUES.get(words[k - 1].lower()) if k else None
    if kind is None and de:
        for skip in range(1, _MAX_ADJECTIVES + 1):
            if k - skip < 1 or not words[k - skip].isalpha() or not words[k - skip].islower():
                break
            if words[k - skip] in _NEAR_CUES:
                break  # "un pueblo al sur de Kapan": Kapan is where it lies near, no village
            kind = _KIND_CUES.get(words[k - skip - 1])
            if kind:
                k -= skip
                break
    if kind:
        k -= 1
        if de and kind in _A_VILLAGE_OF and k and words[k - 1] in _INDEFINITE:
            # "una aldea fronteriza de Tavush" is a village in Tavush, as "las aldeas de
            # Tavush" are; "la aldea de Sus" is Sus.
            return _A_VILLAGE_OF[kind]
        article = k and words[k - 1] in _ARTICLES
        k -= article
        de = k and words[k - 1] in _DE
        k -= de
        if kind == "pueblo" and k and words[k - 1].lower().startswith("defensor"):
            return ""  # "el defensor del pueblo de Karabaj" is the ombudsman, no village
    if not k:
        near = None
    elif de:
        near = _NEAR_CUES.get(words[k - 1].lower())
    else:
        near = _NEAR_BARE.get(words[k - 1].lower())
    if near and kind:
        return f"{near} {kind}"
    return near or kind or ""


def _match(
    text: str, start: int, end: int, count: int, key: str, table: PlaceTable, cue: str
) -> tuple[int, str]:
    """End and key of the longest acceptable table name made of the word at start (whose key
    is `key`) and up to count - 1 words joined to it by one joiner each."""
    facts, name_starts = table.word_facts, table.name_starts
    ends, keys = [end], [key]
    while len(keys) < count and end < len(text) and text[end] in _JOINERS:
        word = _WORD.match(text, end + 1)
        if word is None:
            break
        written = word[0]
        if not written[0].isupper() and written.lower() not in PARTICLES:
            break
        key = f"{key} {(facts.get(written) or _learn(table, written))[0]}"
        if key not in name_starts:
            break  # no name goes on like this
        end = word.end()
        ends.append(end)
        keys.append(key)
    for n in range(len(keys), 0, -1):
        key = keys[n - 1]
        if key in table.by_key:
            if cue:
                return ends[n - 1], key
            important = key in table.important_keys
            common = not important and table.needs_cue(key)
            if _acceptable(text, start, ends[n - 1], important, common, table):
                return ends[n - 1], key
    return 0, ""


def _acceptable(
    text: str, start: int, end: int, important: bool, common: bool, table: PlaceTable
) -> bool:
    """Whether the name at start:end, whose key is `important` or `common`, is taken bare."""
    if _dateline(text, start, end) or _names_a_paper(text, end):
        return True
    if text[end : end + 1] == " " and text[start:end] in table.country_adjectives:
        after = _WORD.match(text, end + 1)
        if after and after[0] not in _CONJUNCTIONS and not _cue_after(text, end):
            return False  # "Kazakh grain", "the Kazakh President"; not "the Kazakh district"
    if end + 1 < len(text) and text[end] == " " and text[end + 1].isupper():
        after = _WORD.match(text, end + 1)
        if (
            after
            and _glues(after[0], table)
            and not (
                important
                and (_title_case(text, start, table) or _named_as_a_place(text, start, end, table))
            )
            and not _after_place_preposition(text, start)
        ):
            return False
    if end - start <= _ACRONYM and text[start:end].isupper():
        # A short all-capitals word is an acronym ("OC Media", "EU"), unless a place is written
        # so letter for letter: the key's merged letters make "EU" the key of "EEUU".
        return text[start:end] in table.capitals_names
    if _header_field(text, start, end, common):
        return True
    if _after_saint(text, start - 1):
        return False  # a saint's name: "la iglesia del Santo Salvador", not Brazil's Salvador
    if important:
        return not (common and _qualifies_a_name(text, start, end, table))
    if common:
        return _in_a_town(text, start, end, table)
    before = _word_before(text, start)
    if before is None:
        return True
    word = text[before[0] : before[1]]
    if word.lower() in _MASCULINE_ARTICLES and not text.startswith(" de ", end):
        # Spanish names a town with no article: "el Pyunik", "del Shirak" are football
        # clubs; "el Martuni de Karabaj" tells one Martuni from another.
        return False
    return not (
        word[0].isupper() and _glues(word, table) and not _sentence_initial(text, before[0])
    )


def _named_as_a_place(text: str, start: int, end: int, table: PlaceTable) -> bool:
    """Whether an important name after "de" or "of" is a country's or one of several words,
    which no first name is: "el presidente de Azerbaiyán Ilham Aliyev", "la república de Nagorno
    Karabaj Rubén Vardanián" (not "Lo dijo Israel Katz", "el hijo de Santiago Abascal")."""
    name = text[start:end]
    before = _word_before(text, start)
    return (
        before is not None
        and text[before[0] : before[1]] in _OF
        and (" " in name or name_key(name) in table.country_keys)
    )


_OF = frozenset({"de", "del", "of"})


def _after_place_preposition(text: str, start: int) -> bool:
    """Whether a place preposition comes right before `start`: "en Ereván Oskanián insistió"
    is Oskanián in Yerevan, whatever capitalised word follows the town."""
    before = _word_before(text, start)
    return before is not None and text[before[0] : before[1]].lower() in _IN_A_PLACE


def _in_a_town(text: str, start: int, end: int, table: PlaceTable) -> bool:
    """Whether a town that needs a cue is named by a place preposition instead: a town named
    like a word ("en Rosario", "desde Mar del Plata", "in San Francisco") or by a variant only
    GeoNames gives it abroad ("en Krasnovodsk"), capitalised mid-sentence and not in a
    headline ("dijo Rosario" or "a Victoria" may be people). After "de" or "a", only a name of
    several words is ("un vecino de Dos Hermanas"), and not a saint's ("la iglesia de San
    Francisco"), as "la hija de Rosario" is a person's."""
    before = _word_before(text, start)
    if before is None:
        return False
    preposition = text[before[0] : before[1]].lower()
    key = name_key(text[start:end])
    if preposition in _THROUGH:
        # "pasaron por Sujumi", "via Batumi"; "por" also names an agent, who may be named
        # like a word ("criticado por Victoria").
        if table.is_common(key):
            return False
    elif preposition not in _IN_A_PLACE and not (
        preposition in _DE
        and " " in text[start:end]
        and not _after_saint(text, text.find(" ", start))
    ):
        return False
    if key in CALENDAR_KEYS:
        return False  # "in May", "from Monday"
    return not _title_case(text, start, table) and any(
        table.places[i].kind in SETTLEMENT_KINDS
        and (table.is_own_name(key, i) or not table.is_common(key))
        for i in table.indexes(key)
    )


def _qualifies_a_name(text: str, start: int, end: int, table: PlaceTable) -> bool:
    """Whether a name that is also a Spanish feminine adjective ("armenia", as "armenio" is a
    word; not "Moscú") ends a name of two or more capitalised words whose first is a feminine
    noun: then it is that adjective ("la Iglesia Apostólica Armenia", "la Unión General
    Armenia"), not after "República" nor a masculine noun ("el Fondo Nacional Armenia"), nor
    in English ("Lydian Armenia")."""
    name = text[start:end]
    if not name.endswith("a") or word_key(name[:-1] + "o") not in table.common_words:
        return False
    before = _word_before(text, start)
    if before is None:
        return False
    word = text[before[0] : before[1]]
    if not word[0].isupper() or word in _REPUBLIC or _facts(table, word)[2]:
        return False
    head = _head_of_name(text, before[0])
    return (
        head is not None
        and head.lower().endswith(_FEMININE)
        and not _title_case(text, start, table)
    )


def _head_of_name(text: str, start: int) -> str | None:
    """The first word of the run of capitalised words that ends with the word at `start`, when
    the run starts mid-sentence (after a lower-case word)."""
    while True:
        before = _word_before(text, start)
        if before is None:
            return None
        if not text[before[0]].isupper():
            return _WORD.match(text, start)[0]
        start = before[0]


def _final_apostrophe(text: str, start: int, end: int, key: str, table: PlaceTable) -> bool:
    """Whether an apostrophe right after the name keyed `key` ends it rather than closing a
    quotation: no letter follows, the name does not open with a quotation mark, and the table
    spells it so."""
    if text[end : end + 1] not in _APOSTROPHES or text[end + 1 : end + 2].isalpha():
        return False
    if text[start - 1 : start] in (*_APOSTROPHES, "‘"):
        return False
    return any(
        name.endswith(_APOSTROPHES) for index in table.indexes(key) for name in table.names[index]
    )


def _title_case(text: str, at: int, table: PlaceTable) -> bool:
    """Whether the line around `at` capitalises most of its words, as English headlines do
    ("Azerbaijan Detains Former Karabakh Leader"): a capital there glues nothing. Some of them
    are words, not names: a byline ("Texto: Laia Ferrer Puig") is names only, and its label
    ("Texto: Florencia Berro | Fotos: Martín Acosta") makes it no headline."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if _BYLINE.match(line):
        return False
    words = [w for w in _WORD.findall(line) if len(w) > 3 and not w.isupper()]
    capitals = [w for w in words if w[0].isupper()]
    return (
        len(words) >= 3
        and len(capitals) >= 0.7 * len(words)
        and sum(word_key(w) in table.common_words for w in capitals) >= 2
    )


def _glues(word: str, table: PlaceTable) -> bool:
    """True when `word`, capitalised next to a name, makes it a person's or an organisation's:
    it is neither a common word nor the start of a name."""
    return _facts(table, word)[4]


def _word_after(text: str, end: int) -> tuple[int, int] | None:
    """The capitalised word right after `end` across one space, if any."""
    if end + 1 < len(text) and text[end] == " " and text[end + 1].isupper():
        word = _WORD.match(text, end + 1)
        if word:
            return word.span()
    return None


def _word_before(text: str, start: int) -> tuple[int, int] | None:
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalpha():
        return None
    low = start - 40 if start > 40 else 0
    begin = text.rfind(" ", low, start - 1) + 1 or low
    if not text[begin : start - 1].isalpha() or (begin and text[begin - 1].isalpha()):
        begin = start - 2  # the word does not start after a space: find where it starts
        while begin > 0 and text[begin - 1].isalpha():
            begin -= 1
    return begin, start - 1


def _sentence_initial(text: str, start: int) -> bool:
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return at < 0 or text[at] in _SENTENCE_START


def _capitalised_run(text: str, start: int, end: int, table: PlaceTable) -> int:
    """End of the capitalised name after a cue (at most four words), known to the table or not.

    "la aldea de Karin Tak" names one place even if the table knows a "Karin" elsewhere.
    """
    facts = table.word_facts
    # A frequent word alone names nothing after a cue; the word after it is part of the name
    # even if frequent too: "la región de Los Ríos", "la provincia de Río Negro".
    head = text[start:end]
    *_, head_common, _ = _facts(table, head)
    lone_word = " " not in head and head_common
    for _ in range(3):
        if end >= len(text) or text[end] not in _JOINERS:
            break
        word = _WORD.match(text, end + 1)
        if word is None:
            break
        written = word[0]
        _, _, single, _, _, important, _, common_word, _ = facts.get(written) or _learn(
            table, written
        )
        if not written[0].isupper() or (
            common_word and not important and not _after_saint(text, end) and not lone_word
        ):
            break
        lone_word = False
        if text[end] in _HYPHENS and (single or name_key(text[start:end]) in table.by_key):
            break  # places joined: "la ruta Goris-Kapan", "la carretera Ahmadbeyli-Füzuli-Şuşa"
        end = word.end()
    return end


_GLOSS_OPENERS = frozenset({" (", "("})
_JOIN_CHARS = max(map(len, _GLOSS_OPENERS))
_SAINTS = frozenset({"San", "Santa", "Santo", "Saint", "St."})


def _after_saint(text: str, end: int) -> bool:
    """Whether the word ending at `end` names a saint, whose name any word may be ("la Plaza de
    San Pedro")."""
    return text[text.rfind(" ", max(0, end - 8), end) + 1 : end] in _SAINTS


def _joined(text: str, last_end: int, start: int, cued: bool) -> bool:
    """Whether a name starts right after a place and a hyphen ("Khankendi-Khalfali") or, when
    that place was cued, a bracket ("the village of Garghabazar (Qarğabazar)")."""
    gap = text[last_end:start] if last_end >= 0 else ""
    return gap in _HYPHENS or (cued and gap in _GLOSS_OPENERS)


def _apposed_kind(text: str, end: int) -> str:
    """The kind an apposition gives the name before it: "Srashen, una aldea de 150
    habitantes", "Nij, a village in the Gabala district" (not "a village elder")."""
    match = _APPOSED_KIND.match(text, end)
    return _KIND_CUES[(match[1] or match[2]).lower()] if match else ""


# After "the", "la", "el" the place follows ("la aldea del distrito de ..."): "Azerinform, la
# aldea fue atacada" names the village of the sentence before.
_APPOSED_KIND = re.compile(
    r",\s+(?:(?:una?|a|an)\s+(?:(?:pequeña|pequeño|small|tiny|remote|border|fronteriza)\s+)?"
    r"(aldea|pueblo|localidad|ciudad|village|town|city)\b"
    r"(?!\s+(?:elders?|chiefs?|heads?|schools?|council|hall|officials?|leaders?|mayors?)\b)"
    r"|(?:la|el|the)\s+(aldea|pueblo|localidad|ciudad|village|town|city)"
    r"(?=\s+(?:de|del|of|in|near|donde|where)\b))"
)


def _dateline(text: str, start: int, end: int) -> str:
    """A town's cue for a name a date follows at the start of a line or of a part of the
    header, as a paper's dateline writes it: "Salta, sábado 8 de enero de 1994", "El Litoral |
    Santa Fe, martes 17 de mayo", "TUCSON, Oct. 5" (not "Domingo, 5 de octubre", nor a
    byline's "Ana García, 12 de marzo")."""
    if text[end : end + 1] != "," or not _DATELINE_DATE.match(text, end):
        return ""
    if _around(text, start, end)[0] not in _HEADER_BREAKS:
        return ""
    return "" if fold(text[start:end]) in WEEKDAYS else "ciudad"


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The characters before `start` and after `end`, past spaces; a line break at the ends."""
    before, after = start - 1, end
    while before >= 0 and text[before] == " ":
        before -= 1
    while after < len(text) and text[after] == " ":
        after += 1
    return text[before] if before >= 0 else "\n", text[after] if after < len(text) else "\n"


_HEADER_BREAKS = frozenset("\n|·—–-")
_DATELINE_DATE = re.compile(
    r",\s+(?:[^\W\d_]+,?\s+)?(?:\d{1,2}\s+(?:de\s+)?"
    r"(?:ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic|jan|apr|aug|dec)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b)",
    re.IGNORECASE,
)


# The word after a town in an English paper's name, which news names as a place inside it:
# "The Fresno Bee", "the Chicago Tribune".
_PAPER_WORDS = frozenset(
    {"Times", "Post", "Herald", "Tribune", "Bee", "Globe", "Chronicle", "Gazette", "Journal"}
    | {"Star", "Sun", "Courier", "Observer", "Examiner", "Inquirer", "Register", "Telegraph"}
    | {"Daily", "News"}
)


def _names_a_paper(text: str, end: int) -> bool:
    """Whether the name ending at `end` opens an English paper's name ("The Fresno Bee")."""
    after = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return after is not None and after[0] in _PAPER_WORDS


def _header_field(text: str, start: int, end: int, common: bool) -> bool:
    """Whether the name fills a field of a page's header on its own: in brackets after the
    paper's name ("La Voz del Sur (Jerez) | Mundo"), or between bars after it, unless it is
    one frequent word, as a section's name is ("La Prensa Austral | Punta Arenas | Lunes", not
    "| Cine |"). The first field is the paper's own name ("Los Andes | ...")."""
    opener, closer = _around(text, start, end)
    if opener == "(":
        return closer == ")"
    return opener == "|" and closer in "|\n" and not (common and " " not in text[start:end])


def _route_end(text: str, start: int, mentions: list[Mention]) -> bool:
    """Whether the name at `start` ends a route from the place just found: "una historia que
    va de Tiflis a Perm", "from Goris to Kapan"."""
    if not mentions or text[mentions[-1].end : start] not in _ROUTE_GAPS:
        return False
    before = _word_before(text, mentions[-1].start)
    return before is not None and text[before[0] : before[1]].lower() in _ROUTE_OPENERS


_ROUTE_GAPS = frozenset({" a ", " hasta ", " to "})
_ROUTE_OPENERS = frozenset({"de", "desde", "from"})


def _river_cue(key: str, table: PlaceTable) -> str:
    """A river's cue for a name an article comes before when the table holds a river of that
    name: "a lo largo del Araks", "cruza el Araks", "along the Aras"; a town takes no article
    (the Araks villages of Armavir had been taken)."""
    places = table.places
    return "río" if any(places[i].kind == "river" for i in table.indexes(key)) else ""


_RIVER_ARTICLES = frozenset({"del ", " el ", " al ", "the "})


def _situated(text: str, start: int, end: int) -> str:
    """A village's cue for a name the text sets in a district or province, after a
    preposition: "contra sus posiciones de Kojanabi, en el distrito de Tovuz", "the attacks
    on Gushchular in the Shusha district" (not "Los equipos de ACNUR en la región de", an
    acronym, nor "on Friday in Tavush province", a common word). It also takes bare a name the
    table holds but needs a cue for: "venía de Cárdenas, en la provincia de Matanzas"."""
    before = _word_before(text, start)
    if (
        before is None
        or text[before[0] : before[1]] not in _PLACE_PREPOSITIONS
        or text[start:end].isupper()
        or not _SITUATED.match(text, end)
    ):
        return ""
    return "aldea"


_PLACE_PREPOSITIONS = frozenset(
    {"de", "en", "a", "hasta", "desde", "y", "e"}
    | {"of", "in", "on", "at", "near", "to", "from", "and"}
)
_SITUATED = re.compile(
    r",?\s+(?:en\s+(?:el\s+(?:distrito|municipio|raión|rayón)|la\s+(?:provincia|región|comarca))"
    r"\s+del?\s+[A-Z]|in\s+the\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+"
    r"(?:district|province|region|raion|rayon)\b)"
)


def _cue_after(text: str, end: int) -> str:
    """An English kind word right after the name: "Syunik province", "the Lachin corridor",
    "the Martuni District"."""
    if text[end : end + 1] == " " and text[end + 1 : end + 2].isalpha():
        word = _WORD.match(text, end + 1)
        if word and (word[0] in _POST_CUES or word[0] in _KIND_SUFFIXES):
            return _KIND_CUES[word[0].lower()]
    return ""
