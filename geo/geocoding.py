"""Resolution: put each mention on the map with a geocoder, using the article as context.

The geocoder is any geopy Geocoder whose `geocode` takes the keyword-only hints
`exactly_one`, `feature_kind` and `near` (ours all do: the place table, the cache, the
chain). Each mention is geocoded with the feature kind its cue suggests; then the article's
region (the median point of its first answers, countries and areas left out) is passed as
`near` for the mentions whose first answer lies over 100 km from it, so that a same-named
place abroad, or in the other country, gives way to the one next door. A town or village
the article's named provinces hold beats a namesake elsewhere ("distrito de Kəlbəcər ...
İstisu" is not Jermuk).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer import (
    FOCUS_COUNTRIES,
    SPANISH_SPEAKING,
    VILLAGE_PREFIXES,
    distance_km,
    name_key,
    word_key,
)
from geo.geocoders import place_from_location
from geo.model import (
    AREA_KINDS,
    GEO_EXACT,
    GEO_NEAR,
    GEO_REGION,
    SETTLEMENT_KINDS,
    Article,
    LocatedMention,
    Mention,
    Place,
    new_located,
)
from geo.places import (
    AIRPORT,
    AIRPORT_CUE,
    NAMED_CUE,
    NAMING_VERBS,
    NEIGHBOURHOOD_CUE,
    OUTLET_CUE,
)

# Cue word (as `geo.places` records it) → the kind of place it introduces.
CUE_KINDS = {
    "provincia": "admin1",
    "distrito": "admin1",
    "región": "region",
    "aldea": "village",
    "aldeas": "village",
    "localidades": "city",
    "pueblo": "village",
    "localidad": "city",
    "ciudad": "city",
    "lago": "lake",
    "monte": "mountain",
    "corredor": "road",
    "paso": "road",
    "carretera": "road",
    "puente": "road",
    "río": "river",
    "calle": "street",
    "aeropuerto": "city",
    "mar": "sea",
    "valle": "region",
}
# Cues that put the event next to the place named rather than on it.
NEAR_CUES = ("cerca de", AIRPORT_CUE)
_PART_OF_REGION = frozenset({"road", "lake", "sea", "mountain", "river"})
_LOCAL_KINDS = frozenset({"city", "village", "lake", "mountain", "road"})
# What a name no service knows may be put roughly where the text says (None: no cue of kind).
_ROUGHLY_PLACED = frozenset({None, *SETTLEMENT_KINDS, "mountain"})
_TOWNS_AND_AREAS = SETTLEMENT_KINDS | AREA_KINDS
_FAR_KM = 100.0
_FAR_BOX = _FAR_KM / 111.2 / 2**0.5
_LIST_KM = 50.0
_BESIDE_CHARS = 120
_VILLAGES_OF = ("aldeas", "localidades")
_TOWN = 10_000
_SENTENCE_MENTIONS = 8
# Words between a place and the other name the text gives it ("Vardenis, que los azerbaiyanos
# llaman Basarkechar", "El templo de Goris, que Bakú llama templo de Gerusi").
_NAMING_WORDS = 8
_PARAGRAPH_CHARS = 400
_CUED_FAR_KM = 800.0
# A town abroad is chosen by a country named near it unless the place first found is this
# many times as populous and the town goes by the name only among its variants; by a town,
# only by one named this many characters from it.
_OVERSHADOWS = 10
_NEAR_ANCHOR_KM = 300.0
# The word the table's English names of such features end in, by cue.
_NAMED_WITH_KIND = {"paso": "Pass", "puerto": "Pass", "puente": "Bridge", "lago": "Lake"}
_NAMED_WITH_IT = 80
_APPOSITION_CHARS = 40
# What an apposition may place a name by ("Martuni, a orillas del lago Sevan").
_BESIDE_KINDS = frozenset({"admin1", "city", "village", "lake", "mountain"})
# An apposition that says where: a bracket, or a comma and a preposition of place, with no
# clause of its own ("Agarak, y que se dirigen a Ereván").
_BESIDE = re.compile(
    r"\s*\(\s*|,\s+(?:a|al|en|junto|cerca|frente|on|in|at|near|by|off)\b"
    r"(?:(?!\b(?:que|which|where|donde)\b)[^.,;:()])*"
)
_CHAIN_GAPS = frozenset({"-", "–"})
_STREET_TOWN = re.compile(r",?\s+(?:de|en|in)\s+|,\s+")
_GLOSS = re.compile(r" ?\( ?")
_GLOSS_STARTS = ("(", " (")
"""How every `_GLOSS` starts."""
_GLOSS_CHARS = 30
_IN_TOWN = re.compile(r"\b(?:in|en|at|de|del|of)\s+$", re.IGNORECASE)
_POSSESSIVES = frozenset({"'s ", "’s "})
_RIVER_CHARS = 80
# A place farther than this from every stretch of a river named with it is not on it.
_RIVER_REACH_KM = 150.0
_FEATURE_KINDS = frozenset({"river", "lake", "mountain", "road"})
# Features a village that shares their name is not (a crossing or a road takes its village's).
_NATURAL_KINDS = frozenset({"river", "lake", "mountain"})
# Cues of names whose reading says nothing of the article's region: a paper's town, and a
# neighbourhood named like a town elsewhere.
_ASIDE_CUES = (OUTLET_CUE, NEIGHBOURHOOD_CUE)
# "el distrito azerbaiyano de Tovuz", "la provincia fronteriza de Tavush".
_ADJECTIVE = r"(?:\s+[a-záéíóúñ]+)?"
# What sets the area a town lies in after it: "Zar in Kalbajar", "Gapanli, en el distrito de
# Terter", "Zar (Kalbajar)".
_IN_AREA = re.compile(
    r",?\s+(?:in|en)\s+(?:(?:el|la|the)\s+)?(?:(?:distrito|provincia|regi[oó]n)"
    + _ADJECTIVE
    + r"\s+de\s+)?"
    r"|,\s+|\s*\(\s*"
    # "Nij, la aldea del distrito de Gabala", "Nij, a village in the Gabala district", "Getashén
    # y Martunashén, dos aldeas del distrito de Janlar"
    r"|,\s+(?:(?:la|una|el|un|a|the|las|los|dos|tres|cuatro|two|three|four)\s+)?"
    r"(?:aldeas?|pueblos?|localidad(?:es)?|ciudad(?:es)?|villages?|towns?|city|cities)\s+"
    r"(?:del|de\s+la|de|in\s+the|in|of\s+the|of)\s+(?:(?:distrito|provincia|regi[oó]n)"
    + _ADJECTIVE
    + r"\s+de\s+)?"
)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:y|e|and)\s+)?|\s(?:y|e|and)\s+)")
_VILLAGE_WORD = re.compile(r"\b(?:aldeas?|pueblos?|villages?)\b")
_LETTER = re.compile(r"[^\W\d_]")


def locate(article: Article, mentions: list[Mention], geocoder: Geocoder) -> list[LocatedMention]:
    """One LocatedMention per mention, in order; a mention no service can place stays unresolved.

    A name written twice with the same cue is geocoded once per article, and a name keeps one
    sense: written bare after a cue elsewhere ("el lago Seván" ... "el Seván"), it takes the
    cued kind. A prefixed village the table lacks ("Verin Shorzha") is put near the village
    its second word names, with precision 2.
    """
    ask = _asker(geocoder)
    names = {(m.text, m.cue): None for m in mentions}
    kinds = _kinds_by_name(names)
    for name in names:
        if name[1].endswith(_VILLAGES_OF):
            # "the border villages of Tavush and Syunik", "los pueblos de Armenia": the areas
            kinds[name] = _area_kind(ask, name[0]) or kinds[name]
    first = {}
    for name in names:
        if name[1] == OUTLET_CUE:
            first[name] = _outlet_town(ask, name[0], kinds[name])
        else:
            found = ask(_query(*name), True, kinds[name], None)
            if not found and name[1] in _NAMED_WITH_KIND:
                # "el paso de Omar": the table has the pass as "Omar Pass", not as "Omar",
                # which is a first name.
                found = ask(f"{name[0]} {_NAMED_WITH_KIND[name[1]]}", True, kinds[name], None)
            first[name] = found[0] if found else _UNRESOLVED
    # Where a paper is, or a town a neighbourhood is named like, says nothing of the article's
    # region.
    near = region_of([first[name] for name in names if name[1] not in _ASIDE_CUES])
    provinces = {p.name for p, _ in first.values() if p is not None and p.kind == "admin1"}
    final = {}
    for (text, cue), (read_first, provenance) in first.items():
        place = read_first
        if near and place and place.kind != "country" and cue != OUTLET_CUE and _far(place, near):
            found = ask(_query(text, cue), True, kinds[text, cue], near)
            place, provenance = found[0] if found else _UNRESOLVED
        if place is None:
            if _is_prefixed(text):
                found = ask(text.split(None, 1)[1], True, "village", near)
                place, provenance = found[0] if found else _UNRESOLVED
                if place is not None and near and _far(place, near):
                    # "Hin Shen" in an article about Shusha is not by Lori's Shnogh, which
                    # GeoNames also calls "Shen": it is placed roughly, as unknown.
                    place, provenance = _UNRESOLVED
                final[text, cue] = (place, precision(NEAR_CUES[0], place), provenance)
                continue
        elif provinces and place.kind in SETTLEMENT_KINDS:
            # A name first read as a province ("Martuni") is no context for itself.
            named = provinces - {read_first.name}
            if named and place.admin1 not in named:
                # Asked without `near`: the province decides, and the answer is the same for
                # every article.
                for answer in ask(text, False, kinds[text, cue], None):
                    if answer[0].kind in SETTLEMENT_KINDS and answer[0].admin1 in named:
                        place, provenance = answer
                        break
        final[text, cue] = (place, precision(cue, place), provenance)
    _neighbourhoods_in_their_towns(article.text, mentions, final)
    _gather_lists(article.text, mentions, final, ask, kinds)
    _rivers_by_sentence(article.text, mentions, final, ask)
    _same_as_gloss(article.text, mentions, final, ask, kinds)
    _abroad_by_named_country(article.text, mentions, final, ask, kinds)
    _by_the_place_beside(article.text, mentions, final, ask, kinds)
    if near:
        for name, (place, _, _) in final.items():
            if _far_namesake(place, kinds[name], near):
                final[name] = (None, GEO_REGION, "")
    _forget_namesakes_outside_their_area(article.text, mentions, final, kinds)
    _place_unknown_beside_known(article.text, mentions, final, near)
    _gloss_rough_places(article.text, mentions, final)
    return [new_located(m, *final[m.text, m.cue]) for m in mentions]


def _outlet_town(ask: _Asker, text: str, kind: str | None) -> tuple[Place | None, str]:
    """The town in a Spanish-language paper's name: one where Spanish is spoken, of those that
    bear it ("La Tribuna de Toledo" is Spain's Toledo, not Ohio's, three times bigger)."""
    answers = ask(text, False, kind, None)
    spoken = [answer for answer in answers if answer[0].country in SPANISH_SPEAKING]
    return (spoken or answers or [_UNRESOLVED])[0]


def _far_namesake(place: Place | None, kind: str | None, near: tuple[float, float]) -> bool:
    """Whether a cued name found only far from the article's region is a namesake, better
    placed roughly than there: "la aldea de Xyzt" half a world away, a town of that name
    outside the region ("the village of Ağdam" by Tovuz is not Karabakh's Aghdam), or a
    village far away for "los picos de Gyzylgaya"."""
    if place is None or place.kind == "country":
        return False
    if kind == "village":
        limit = _CUED_FAR_KM if place.kind == "village" else _FAR_KM
    elif kind in _NATURAL_KINDS and place.kind not in (kind, *AREA_KINDS):
        # A region is no namesake of the range that makes it: "the Caucasus mountains".
        limit = _FAR_KM
    else:
        return False
    return distance_km(place.lat, place.lon, *near) > limit


def _forget_namesakes_outside_their_area(
    text: str, mentions: list[Mention], final: dict, kinds: dict
) -> None:
    """A village found far from the province or district the text puts it in ("the village of
    Zar in Kalbajar district" is not Kotayk's Zar; "las aldeas de Agdam y Dondar Gushchu, en
    el distrito de Tovuz" is no town of Karabakh), or a town abroad ("la comunidad udí de Nij,
    en el distrito de Qabala" is not Serbia's Niš), is a namesake: the place is taken as
    unknown, so that it goes roughly into that area. So are the places listed before it."""
    for index in range(len(mentions) - 1):
        mention, after = mentions[index], mentions[index + 1]
        area = final[after.text, after.cue][0]
        if (
            area is None
            or not (area.kind == "admin1" or _feature_kind(after.cue) in AREA_KINDS)
            or not _IN_AREA.fullmatch(text, mention.end, after.start)
        ):
            continue
        # A list takes the area from words ("Agdam y Dondar Gushchu, en el distrito de Tovuz"),
        # not from a comma alone, after which the area may be one more item of it.
        listed = index
        worded = _LETTER.search(text, mention.end, after.start) is not None
        while (
            worded
            and listed
            and _LIST_GAP.fullmatch(text, mentions[listed - 1].end, mentions[listed].start)
        ):
            listed -= 1
        # "Ağdam, una aldea del distrito de Tovuz" is no district of Karabakh either.
        village = _VILLAGE_WORD.search(text, mention.end, after.start) is not None
        for item in mentions[listed : index + 1]:
            place = final[item.text, item.cue][0]
            if place is None:
                continue
            # No district lies in another: "la azerbaiyana de Agdam, en el distrito de Tovuz"
            # is a village of Tovuz, not Karabakh's Aghdam district (a list's first items may
            # be districts: "Vayots Dzor, Goris y Kapan, en Syunik").
            district = worded and item is mention and place.kind == area.kind == "admin1"
            if (
                (
                    place.kind in SETTLEMENT_KINDS
                    or district
                    or (village and place.kind in AREA_KINDS)
                )
                and (
                    village
                    or district
                    or "village" in (place.kind, kinds[item.text, item.cue])
                    or place.country != area.country
                )
                and place.admin1 != area.name
                and distance_km(place.lat, place.lon, area.lat, area.lon) > _LIST_KM
            ):
                final[item.text, item.cue] = (None, GEO_REGION, "")


def _place_unknown_beside_known(
    text: str, mentions: list[Mention], final: dict, region: tuple[float, float] | None
) -> None:
    """A village or hill no service knows goes, roughly, where the text puts it, rather than
    nowhere (see `_rough_place`); written again bare ("Sus, on the road to Shusha"), it keeps
    the place its cued mention got, so cued mentions are placed first."""
    known = _known(final)
    placed: dict[str, tuple] = {
        text: final[text, cue] for text, cue in known if cue == NEIGHBOURHOOD_CUE
    }
    for index in sorted(range(len(mentions)), key=lambda i: not mentions[i].cue):
        mention = mentions[index]
        name = (mention.text, mention.cue)
        if name in known:
            continue
        rough = placed.get(mention.text) or _rough_place(
            text, mentions, index, final, known, region
        )
        if rough is not None:
            final[name] = placed[mention.text] = rough


def _rough_place(
    text: str,
    mentions: list[Mention],
    index: int,
    final: dict,
    known: dict,
    region: tuple[float, float] | None,
) -> tuple[Place, int, str] | None:
    """Where the text puts the unknown mention at `index`: a street in the town named after it;
    a village next to a town listed with it, at ACLED's precision 2 ("las aldeas de Aghavno y
    Sus", "la carretera Ahmadbeyli-Füzuli-Şuşa"), else in the province or district its
    sentence names beside it, at precision 3 ("la aldea de Khramort, en el distrito de
    Askerán", even when the table knows Askerán only as a town), else, when the text calls it
    a village or town or says it is near ("cerca de la aldea de Chankatagh", "nearby
    Srashen"), in the district its paragraph names before it, else the one the article names
    most, else the article's region, at precision 3. A hill goes where a village would ("la
    colina de Lele Tepe, entre Fizuli y Jabrayil")."""
    mention = mentions[index]
    if mention.cue in _ASIDE_CUES:
        # A newspaper's town is where the paper is, not near what it reports; a neighbourhood
        # is placed in its town by `_neighbourhoods_in_their_towns`, or nowhere.
        return None
    feature_kind = _feature_kind(mention.cue)
    if feature_kind == "street":
        city = _city_of_street(text, mentions, index, known)
        if city is None:
            return None
        town, _, service = final[city.text, city.cue]
        where = f"in {town.name}, which the text names after it"
        return _beside(mention, town, where, kind="road"), GEO_NEAR, f"{service}, by city"
    if feature_kind not in _ROUGHLY_PLACED:
        return None
    kind = feature_kind if feature_kind == "mountain" else "village"
    named = _named_otherwise(text, mentions, index, known)
    if named is not None:
        return final[named.text, named.cue]
    town = _listed_town(text, mentions, index, known) or _town_near(text, mentions, index, known)
    if town is not None:
        beside, _, service = final[town.text, town.cue]
        where = f"next to {beside.name}, which the text names with it"
        return _beside(mention, beside, where, kind=kind), GEO_NEAR, f"{service}, by list"
    beside = [
        other
        for other in mentions[max(0, index - 3) : index + 4]
        if other is not mention
        and (area := known.get((other.text, other.cue))) is not None
        and (area.kind in AREA_KINDS or _feature_kind(other.cue) in AREA_KINDS)
        and abs(other.start - mention.start) <= _BESIDE_CHARS
        and _one_sentence(text, other, mention)
    ]
    if beside:
        nearest = min(beside, key=lambda other: abs(other.start - mention.start))
        area, _, service = final[nearest.text, nearest.cue]
        where = f"somewhere in {area.name}, which the text names beside it"
        place = _beside(mention, area, where, kind=kind, inside=True)
        return place, GEO_REGION, f"{service}, by area"
    if (
        region is None
        or not (feature_kind or mention.cue.startswith(NEAR_CUES[0]) or _is_prefixed(mention.text))
        or _abroad_beside(text, mentions, index, known)
    ):
        return None
    before = _district_before(text, mentions, index, known)
    if before is not None:
        where = f"somewhere in {before.name}, which the paragraph names before it"
        return _beside(mention, before, where, kind=kind, inside=True), GEO_REGION, "paragraph"
    district = _district_of_article(mentions, known)
    if district is not None:
        where = f"somewhere in {district.name}, which the article names most"
        place = _beside(mention, district, where, kind=kind, inside=True)
        return place, GEO_REGION, "article's district"
    place = _somewhere(
        mention, *region, country="", admin1="", where="somewhere in the article's region",
        kind=kind,
    )  # fmt: skip
    return place, GEO_REGION, "article's region"


def _district_before(text: str, mentions: list[Mention], index: int, known: dict) -> Place | None:
    """The province or district named last before the mention at `index` in its paragraph
    ("aldeas del distrito de Terter. Un proyectil impactó en la localidad de Gapanli")."""
    mention = mentions[index]
    for other in reversed(mentions[max(0, index - _SENTENCE_MENTIONS) : index]):
        if not _one_paragraph(text, other, mention):
            return None
        place = known.get((other.text, other.cue))
        if place is not None and place.kind == "admin1":
            return place
    return None


def _district_of_article(mentions: list[Mention], known: dict) -> Place | None:
    """The province or district the article names most, when it names one more than once and
    more often than any other."""
    counts = Counter(
        place for m in mentions if (place := known.get((m.text, m.cue))) and place.kind == "admin1"
    ).most_common(2)
    if not counts or counts[0][1] < 2 or (len(counts) == 2 and counts[1][1] == counts[0][1]):
        return None
    return counts[0][0]


def _neighbourhoods_in_their_towns(text: str, mentions: list[Mention], final: dict) -> None:
    """A neighbourhood is in the town named right after it ("el barrio Bellavista, en
    Santiago", not Peru's Bellavista; "el barrio de Kreuzberg, en Berlín") or in the one whose
    name ends its own ("barrio Alta Córdoba"), whether or not a service knows its name, and
    never in the article's region. Placed before towns abroad are read by the countries named
    near them, of which it then says nothing."""
    known = _known(final)
    for index, mention in enumerate(mentions):
        if mention.cue != NEIGHBOURHOOD_CUE:
            continue
        town = _town_after(mentions, index, known)
        if town is not None and not _STREET_TOWN.fullmatch(text, mention.end, town.start):
            town = None
        if town is None and (mention.text, mention.cue) not in known:
            # "Nueva Julfa" is Isfahan's, not Julfa's: only an unknown name goes by its end.
            town = next((m for m in mentions if _ends_with_town(mention, m, known)), None)
        if town is not None:
            beside, _, service = final[town.text, town.cue]
            where = f"in {beside.name}, which the text names with it"
            place = _beside(mention, beside, where, kind="city")
            final[mention.text, mention.cue] = (place, GEO_NEAR, f"{service}, by city")


def _known(final: dict) -> dict[tuple[str, str], Place]:
    """The places found so far, by (text, cue)."""
    return {name: place for name, (place, _, _) in final.items() if place is not None}


def _ends_with_town(mention: Mention, other: Mention, known: dict) -> bool:
    """Whether `other` is a town found by name that ends the name of `mention`."""
    place = known.get((other.text, other.cue))
    return (
        place is not None
        and place.kind in SETTLEMENT_KINDS
        and mention.text.endswith(" " + other.text)
    )


def _town_after(mentions: list[Mention], index: int, known: dict) -> Mention | None:
    """The mention right after the one at `index` when it is a town found by name."""
    if index + 1 == len(mentions):
        return None
    after = mentions[index + 1]
    place = known.get((after.text, after.cue))
    return after if place is not None and place.kind in SETTLEMENT_KINDS else None


def _city_of_street(text: str, mentions: list[Mention], index: int, known: dict) -> Mention | None:
    """The town a street or square is in: named right after it ("la Plaza de la República de
    Ereván", "la calle Armenia, en Palermo"), else the town its sentence names nearest to it
    ("frente al Ayuntamiento de Valencia, en la plaza del Ayuntamiento", "in Republic Square
    and on Freedom Square in Yerevan"), else the last its paragraph named before it. The town
    whose street it is comes first ("Yerevan's Republic Square")."""
    street = mentions[index]
    after = _town_after(mentions, index, known)
    if after is not None and _STREET_TOWN.fullmatch(text, street.end, after.start):
        return after
    if index and text[mentions[index - 1].end : street.start] in _POSSESSIVES:
        owner = mentions[index - 1]  # "Yerevan's Republic Square"
        if (place := known.get((owner.text, owner.cue))) and place.kind in SETTLEMENT_KINDS:
            return owner
    towns = [
        other
        for other in mentions[max(0, index - _SENTENCE_MENTIONS) : index + _SENTENCE_MENTIONS]
        if (place := known.get((other.text, other.cue))) is not None
        and place.kind in SETTLEMENT_KINDS
        and other is not street
    ]
    in_sentence = [other for other in towns if _one_sentence(text, other, street)]
    # A town the sentence says something is in, over one that qualifies a noun ("In Mexico
    # City, where a Khojaly monument stood in Tlaxcoaque Square").
    located_in = [o for o in in_sentence if _IN_TOWN.search(text, max(0, o.start - 5), o.start)]
    if located_in or in_sentence:
        return min(located_in or in_sentence, key=lambda o: abs(o.start - street.start))
    before = [o for o in towns if o.end <= street.start and _one_paragraph(text, o, street)]
    return before[-1] if before else None


def _named_otherwise(text: str, mentions: list[Mention], index: int, known: dict) -> Mention | None:
    """The place an unknown name is another name of ("Vardenis, que los azerbaiyanos llaman
    Basarkechar"): the last one named before it in its sentence, the namer left out ("Goris,
    which Baku calls Gerusi")."""
    mention = mentions[index]
    if not mention.cue.endswith(NAMED_CUE):
        return None
    for other in reversed(mentions[max(0, index - _SENTENCE_MENTIONS) : index]):
        if not _one_sentence(text, other, mention):
            break
        between = text[other.end : mention.start].split()
        if between and between[0] in NAMING_VERBS:
            continue  # the one who names it, right before the verb ("que Bakú llama")
        if len(between) > _NAMING_WORDS:
            break  # "un equipo de Madrid excavó la cueva, a la que los armenios llaman Azokh"
        place = known.get((other.text, other.cue))
        if place is not None and place.kind != "country":
            return other
    return None


def _town_near(text: str, mentions: list[Mention], index: int, known: dict) -> Mention | None:
    """The known town the text says the mention at `index` is near ("la aldea de Xyz, cerca de
    Goris", "the village of Xyz, near Kapan"), if any."""
    after = _town_after(mentions, index, known)
    if after is None or not after.cue.startswith(NEAR_CUES[0]):
        return None
    between = text[mentions[index].end : after.start]
    return after if between.startswith(",") and len(between) <= _APPOSITION_CHARS else None


def _abroad_beside(text: str, mentions: list[Mention], index: int, known: dict) -> bool:
    """Whether the sentence of the mention at `index` names a place outside the focus countries
    ("la capital del departamento del Quindío, en Colombia")."""
    return any(
        (place := known.get((other.text, other.cue))) is not None
        and place.country not in FOCUS_COUNTRIES
        and _one_sentence(text, other, mentions[index])
        for other in mentions[max(0, index - _SENTENCE_MENTIONS) : index + _SENTENCE_MENTIONS]
    )


def _beside(mention: Mention, anchor: Place, where: str, *, kind: str, inside: bool = False):
    """The rough place of a name no service knows at a known place, or in it (`inside`)."""
    admin1 = anchor.name if inside else anchor.admin1
    return _somewhere(
        mention, anchor.lat, anchor.lon, country=anchor.country, admin1=admin1, where=where,
        kind=kind,
    )  # fmt: skip


def _somewhere(
    mention: Mention, lat: float, lon: float, *, country: str, admin1: str, where: str, kind: str
) -> Place:
    """The rough place of a name no service knows, saying how it was put there."""
    return Place(
        name=mention.text,
        lat=lat,
        lon=lon,
        kind=kind,
        country=country,
        admin1=admin1,
        source=f"approximate: {where}",
    )


def _listed_town(text: str, mentions: list[Mention], index: int, known: dict) -> Mention | None:
    """The nearest mention of a known town in the list or chain the mention at `index` is in;
    `known` holds the places found by name, not those put roughly beside others."""
    for step in (-1, 1, -2, 2, -3, 3):
        other = index + step
        if not 0 <= other < len(mentions):
            continue
        low, high = sorted((index, other))
        if not all(
            _LIST_GAP.fullmatch(text, mentions[i].end, mentions[i + 1].start)
            or text[mentions[i].end : mentions[i + 1].start] in _CHAIN_GAPS
            for i in range(low, high)
        ):
            continue
        place = known.get((mentions[other].text, mentions[other].cue))
        if place is not None and place.kind in SETTLEMENT_KINDS:
            return mentions[other]
    return None


def _same_as_gloss(text: str, mentions: list[Mention], final: dict, ask, kinds: dict) -> None:
    """A town glossed in brackets by another name ("Zod (Sotk)", "Basarkechar (Vardenis)",
    "Martuni (Khojavend)") is one place: the one both names name, else, when one of the two
    is unknown, the other's."""
    for first, second in _glossed(text, mentions):
        names = (first.text, first.cue), (second.text, second.cue)
        places = [final[name][0] for name in names]
        if places[0] is not None and places[0].kind in _FEATURE_KINDS:
            # "el río Aras (Araks para los armenios)": the gloss is another name of the river
            # when the table gives it that name, whatever else it names.
            if any(p.name == places[0].name for p, _ in ask(second.text, False, None, None)):
                final[names[1]] = final[names[0]]
            continue
        if any(p is not None and p.kind not in SETTLEMENT_KINDS for p in places):
            continue  # "Kapan (Syunik)", "Armavir (Rusia)": where it lies, not another name
        if None in places:
            known = next((name for name, p in zip(names, places, strict=True) if p), None)
            if known is None:
                continue
            place, _, service = final[known]
        else:
            answers = [ask(n[0], False, kinds[n], None) for n in names]
            both = {(p.name, p.lat, p.lon) for p, _ in answers[1]}
            place, service = next(
                ((p, s) for p, s in answers[0] if (p.name, p.lat, p.lon) in both), (None, "")
            )
            if place is None or place.kind not in SETTLEMENT_KINDS:
                continue
        for name in names:
            final[name] = (place, precision(name[1], place), service)


def _glossed(text: str, mentions: list[Mention]):
    """Each pair of mentions written "first (second)", or with the gloss's words after it in
    the brackets: "Aras (Araks para los armenios)"."""
    for first, second, after in zip(mentions, mentions[1:], [*mentions[2:], None], strict=False):
        if not text.startswith(_GLOSS_STARTS, first.end):
            continue  # most names: no bracket after them
        close = text.find(")", second.end, second.end + _GLOSS_CHARS)
        if (
            close >= 0
            and (after is None or after.start > close)
            and "(" not in text[second.end : close]
            and _GLOSS.fullmatch(text, first.end, second.start)
        ):
            yield first, second


def _gloss_rough_places(text: str, mentions: list[Mention], final: dict) -> None:
    """A name put roughly somewhere lends that place to its gloss in brackets ("the village
    of Garghabazar (Qarğabazar)"), and the other way round."""
    for first, second in _glossed(text, mentions):
        names = (first.text, first.cue), (second.text, second.cue)
        places = [final[name][0] for name in names]
        if places.count(None) == 1:
            known = names[places[1] is not None]
            if final[known][0].kind in SETTLEMENT_KINDS:
                final[names[places[0] is not None]] = final[known]


def _abroad_by_named_country(
    text: str, mentions: list[Mention], final: dict, ask, kinds: dict
) -> None:
    """A town whose name places in several countries share is the one in the country the text
    names with it: right after it ("Armavir, una ciudad del sur de Rusia", "Glendale
    (California)"), or, for a town abroad, nearest to it ("llegaron a Valencia" after Madrid and
    Barcelona is Spain's)."""
    # Only a name no other country shares, or only a far smaller town of it, tells the country
    # ("Madrid", not "Barcelona", which Venezuela's 400,000 share).
    anchors: dict[tuple[str, str], Place] = {}
    for name, (place, _, _) in final.items():
        if place is None or place.country in FOCUS_COUNTRIES:
            continue
        if place.kind == "country" or place.kind in AREA_KINDS:
            anchors[name] = place
        elif place.kind in SETTLEMENT_KINDS:
            answers = ask(name[0], False, kinds[name], None)
            if all(
                answer.country == place.country
                or place.population > _OVERSHADOWS * answer.population
                for answer, _ in answers
            ):
                anchors[name] = place
    if not anchors:
        return
    placed = [
        (m.start, name, anchors[name]) for m in mentions if (name := (m.text, m.cue)) in anchors
    ]
    placed_starts = [start for start, _, _ in placed]
    written: dict[tuple[str, str], list[int]] = {}
    for index, mention in enumerate(mentions):
        written.setdefault((mention.text, mention.cue), []).append(index)
    for name, indexes in written.items():
        place = final[name][0]
        if place is None or place.kind not in _TOWNS_AND_AREAS:
            continue
        home = place.country in FOCUS_COUNTRIES or place.kind in AREA_KINDS
        if home:
            # At home, only a country or a place abroad named in apposition moves it.
            named = [_apposition(text, mentions, index, anchors) for index in indexes]
            if None in named:
                continue
        answers = [
            answer
            for answer in ask(name[0], False, kinds[name], None)
            if answer[0].kind in SETTLEMENT_KINDS
        ]
        if len(answers) < 2 and not home:
            continue  # no other town of that name to choose
        countries = {answer.country for answer, _ in answers}
        if home:
            context = [(0, anchor) for anchor in named if anchor.country in countries]
        else:
            context = [
                found
                for index in indexes
                if (found := _nearest_anchor(placed, placed_starts, mentions[index], countries))
            ]
        if not context:
            continue
        gap, anchor = min(context, key=lambda pair: pair[0])
        if anchor.country == place.country and (
            anchor.kind not in SETTLEMENT_KINDS or gap > _NAMED_WITH_IT
        ):
            continue  # in the right country, and no town named with it to choose by
        there = [answer for answer in answers if answer[0].country == anchor.country]
        namesakes = [a for a in there if name_key(a[0].name) == name_key(name[0])]
        if anchor.kind in SETTLEMENT_KINDS and namesakes:
            # Of the towns of that name there, the one nearest the town named with it, when
            # near it: "Watertown and Glendale" lie a continent apart.
            there = sorted(
                namesakes, key=lambda a: distance_km(a[0].lat, a[0].lon, anchor.lat, anchor.lon)
            )
            if (
                place.country == anchor.country
                and distance_km(there[0][0].lat, there[0][0].lon, anchor.lat, anchor.lon)
                > _NEAR_ANCHOR_KM
            ):
                continue
        chosen, service = there[0]
        if (
            not home
            and place.population > _OVERSHADOWS * chosen.population
            and chosen.source.startswith("GeoNames")
            and name_key(chosen.name) != name_key(name[0])
        ):
            continue  # "Viena" near "Francia" is Vienna, not Vienne, which GeoNames also calls so
        final[name] = (chosen, precision(name[1], chosen), service)


def _by_the_place_beside(text: str, mentions: list[Mention], final: dict, ask, kinds: dict) -> None:
    """A name is the place of that name by the one its apposition names ("Martuni, a orillas
    del lago Sevan", "Martuni, on the southern shore of Lake Sevan", "Martuni (Gegharkunik)"),
    when it was read as another far from it: the article's region, or the old name of a
    district elsewhere, loses to what the text says beside the name."""
    for index in range(len(mentions) - 1):
        mention, after = mentions[index], mentions[index + 1]
        name = (mention.text, mention.cue)
        place, anchor = final[name][0], final[after.text, after.cue][0]
        if (
            place is None
            or place.kind not in _TOWNS_AND_AREAS
            or anchor is None
            or anchor.kind not in _BESIDE_KINDS
            or len(between := text[mention.end : after.start]) > _APPOSITION_CHARS
            or not _BESIDE.fullmatch(between)
            or _by(place, anchor)
        ):
            continue
        beside = [
            answer
            for answer in ask(name[0], False, kinds[name], None)
            if answer[0].kind in SETTLEMENT_KINDS and _by(answer[0], anchor)
        ]
        if beside:
            chosen, service = min(
                beside, key=lambda a: distance_km(a[0].lat, a[0].lon, anchor.lat, anchor.lon)
            )
            final[name] = (chosen, precision(name[1], chosen), service)


def _by(place: Place, anchor: Place) -> bool:
    """Whether a place lies in a province, or near a town, lake or mountain."""
    if anchor.kind == "admin1":
        return place.admin1 == anchor.name or place == anchor
    return distance_km(place.lat, place.lon, anchor.lat, anchor.lon) <= _LIST_KM


def _nearest_anchor(
    placed: list[tuple[int, tuple[str, str], Place]],
    starts: list[int],
    mention: Mention,
    countries: set[str],
) -> tuple[int, Place] | None:
    """(distance in characters, place) of the anchor nearest the mention whose country is one
    of `countries`, walking out from the mention's position."""
    right = bisect_left(starts, mention.start)
    left = right - 1
    name = (mention.text, mention.cue)
    while left >= 0 or right < len(placed):
        before = mention.start - starts[left] if left >= 0 else None
        after = starts[right] - mention.start if right < len(placed) else None
        if after is None or (before is not None and before <= after):
            _, other, anchor = placed[left]
            left -= 1
            gap = before
        else:
            _, other, anchor = placed[right]
            right += 1
            gap = after
        if other != name and anchor.country in countries:
            return gap, anchor
    return None


def _apposition(text: str, mentions: list[Mention], index: int, anchors: dict) -> Place | None:
    """The place abroad named right after the mention at `index`, set off by a comma or a
    bracket ("Armavir, una ciudad del sur de Rusia", "Glendale (California)"), if any."""
    if index + 1 == len(mentions):
        return None
    mention, after = mentions[index], mentions[index + 1]
    anchor = anchors.get((after.text, after.cue))
    if anchor is None:
        return None
    between = text[mention.end : after.start]
    if len(between) > _APPOSITION_CHARS or not between.lstrip().startswith((",", "(")):
        return None
    return anchor if "." not in between else None


def _between(text: str, one: Mention, other: Mention) -> str:
    """The text between two mentions, in either order."""
    return text[min(one.end, other.end) : max(one.start, other.start)]


def _one_sentence(text: str, one: Mention, other: Mention) -> bool:
    return "." not in _between(text, one, other)


def _one_paragraph(text: str, earlier: Mention, later: Mention) -> bool:
    """Whether `earlier` is named shortly before `later`, with no line break between them."""
    gap = text[earlier.end : later.start]
    return len(gap) <= _PARAGRAPH_CHARS and "\n" not in gap


def _rivers_by_sentence(text: str, mentions: list[Mention], final: dict, ask) -> None:
    """A river is put on the stretch nearest the other places named close to it in its
    sentences ("puentes sobre el río Aras, que en ese tramo separa Irán de Najicheván"), not the
    article's; a place named far before it is more often who speaks ("En Ereván, el gobierno
    insiste en que la vía ... junto al río Aras"), and one past a line break, a dateline
    ("... huyen hacia el Araxes\nABC | Madrid"). A place far from every stretch of the river
    is not on it (a namesake, or the far end of a road named with it)."""
    points_of: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for index, mention in enumerate(mentions):
        name = (mention.text, mention.cue)
        place = final[name][0]
        if place is None or place.kind != "river":
            continue
        points_of.setdefault(name, []).extend(
            (other_place.lat, other_place.lon)
            for other in mentions[max(0, index - _SENTENCE_MENTIONS) : index + _SENTENCE_MENTIONS]
            if other is not mention
            and (other_place := final[other.text, other.cue][0]) is not None
            and other_place.kind in _TOWNS_AND_AREAS
            and abs(other.start - mention.start) <= _RIVER_CHARS
            and _one_sentence(text, other, mention)
            and "\n" not in _between(text, other, mention)
        )
    for name, points in points_of.items():
        place = final[name][0]
        stretches = [p for p, _ in ask(name[0], True, "river", None) if p.name == place.name]
        points = [
            point
            for point in points
            if any(distance_km(*point, s.lat, s.lon) <= _RIVER_REACH_KM for s in stretches)
        ]
        if not points:
            continue
        found = ask(name[0], True, "river", _median_point(points))
        if found and found[0][0].name == place.name:
            final[name] = (found[0][0], GEO_NEAR, found[0][1])


def _gather_lists(text: str, mentions: list[Mention], final: dict, ask, kinds: dict) -> None:
    """In a list of towns, a bare name read as an area is a town too, and a town far from the
    others, which lie close together, takes its namesake near them ("Bağanis Ayrım, Aşağı
    Əskipara, Xeyrimli y Qızılhacılı": the Qızılhacılı of Qazax, not of Goranboy; "the towns
    of Martuni and Askeran": Karabakh's Martuni, not Gegharkunik's)."""
    groups: list[list[Mention]] = []
    for previous, mention in zip([None, *mentions], mentions, strict=False):
        if previous is not None and _LIST_GAP.fullmatch(text, previous.end, mention.start):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    for group in groups:
        if len(group) < 2:
            continue  # no list: most mentions stand alone
        names = list(dict.fromkeys((m.text, m.cue) for m in group))
        if len(names) < 2:
            continue
        for name in names:
            place = final[name][0]
            others = [final[n][0] for n in names if n != name]
            points = [
                (p.lat, p.lon) for p in others if p is not None and p.kind in SETTLEMENT_KINDS
            ]
            if not points or len(points) < len(others):
                continue
            if place is not None and place.kind in AREA_KINDS and not name[1] and len(points) > 1:
                # Among towns a bare name is a town ("Kapan, Jermuk, Martuni y Goris"), though
                # a province may stand beside one town ("en Syunik y Kapan").
                found = ask(name[0], True, "city", None)
                if found and found[0][0].kind in SETTLEMENT_KINDS:
                    place, service = found[0]
                    final[name] = (place, precision(name[1], place), service)
            if place is None or place.kind not in SETTLEMENT_KINDS:
                continue
            centre = _median([lat for lat, _ in points]), _median([lon for _, lon in points])
            if distance_km(place.lat, place.lon, *centre) <= _LIST_KM or any(
                distance_km(*point, *centre) > _LIST_KM for point in points
            ):
                continue  # in the cluster already, or a list of towns far apart
            near = [
                (distance_km(answer[0].lat, answer[0].lon, *centre), index, answer)
                for index, answer in enumerate(ask(name[0], False, kinds[name], centre))
                if answer[0].kind in SETTLEMENT_KINDS
            ]
            km, _, (closest, service) = min(near, default=(_LIST_KM, 0, (None, "")))
            if closest is not None and km < _LIST_KM:
                final[name] = (closest, precision(name[1], closest), service)


def region_of(answers: list[tuple[Place | None, str]]) -> tuple[float, float] | None:
    """The median point of the local places among the answers, those of the focus countries
    when there are any, else their provinces and regions: the article's region.

    Each name counts once however often it is written, so a repeated capital does not pull.
    """
    places = [p for p, _ in answers if p is not None]
    local = [p for p in places if p.kind in _LOCAL_KINDS]
    # A story of the region told from Buenos Aires or Moscow is still about the region, and
    # so is one that names only districts of it and a village a foreign town shares a name
    # with ("Sus village", Iran's Shush).
    points = (
        [(p.lat, p.lon) for p in local if p.country in FOCUS_COUNTRIES]
        or [(p.lat, p.lon) for p in places if p.kind in AREA_KINDS and p.country in FOCUS_COUNTRIES]
        or [(p.lat, p.lon) for p in local]
    )
    return _median_point(points) if points else None


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return _median([lat for lat, _ in points]), _median([lon for _, lon in points])


def _median(values: list[float]) -> float:
    """`statistics.median`, without its generality: it is asked once an article."""
    values.sort()
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def precision(cue: str, place: Place | None) -> int:
    """ACLED geo precision: 1 the place itself, 2 near it or part of a region, 3 larger."""
    if place is None or place.kind in ("admin1", "region", "country"):
        return GEO_REGION
    if cue.startswith(NEAR_CUES) or place.kind in _PART_OF_REGION:
        return GEO_NEAR
    return GEO_EXACT


def _kinds_by_name(names: dict[tuple[str, str], None]) -> dict[tuple[str, str], str | None]:
    """The feature kind of each (text, cue): its own cue's, else that of the same name cued
    first: an article about "el lago Sevan" that ends in "la ciudad de Sevan" means the lake
    by "Sevan" alone."""
    own = {name: _feature_kind(name[1]) for name in names}
    cued: dict[str, str] = {}
    for name, kind in own.items():
        # A street named after a place ("la calle Armenia") lends its kind to no other mention.
        if kind and kind != "street":
            cued.setdefault(name_key(name[0]), kind)
    if not cued:
        return own
    return {name: kind or cued.get(name_key(name[0])) for name, kind in own.items()}


def _area_kind(ask: _Asker, name: str) -> str | None:
    """The kind of the country, province or region the name is its own name of ("Tavush",
    "Lachin District", "Karabaj", "Kvemo Kartli"), not its centre's ("Kapan" is also a name of
    Syunik), so that "the villages of" it are its villages, not a village of its name."""
    found = ask(name, True, None, None)
    place = found[0][0] if found else None
    key = name_key(name)
    if (
        place is None
        or (place.kind != "country" and place.kind not in AREA_KINDS)
        or not name_key(place.name).startswith(key)
    ):
        return None
    towns = ask(name, False, "city", None)
    if any(
        town.kind in SETTLEMENT_KINDS
        and town.country in FOCUS_COUNTRIES
        and town.population >= _TOWN
        and name_key(town.name) == key
        for town, _ in towns
    ):
        return None  # "las aldeas de Agdam y Dondar Gushchu": Agdam is a town too
    return place.kind


def _query(text: str, cue: str) -> str:
    """What to ask a geocoder for a mention: an airport's town ("Zangilan International
    Airport" is asked as "Zangilan")."""
    return AIRPORT.split(text, maxsplit=1)[0] if cue == AIRPORT_CUE else text


def _is_prefixed(text: str) -> bool:
    first, _, rest = text.partition(" ")
    return bool(rest) and word_key(first) in VILLAGE_PREFIXES


@lru_cache(maxsize=1024)
def _feature_kind(cue: str) -> str | None:
    return CUE_KINDS.get(cue.rsplit(" ", 1)[-1]) if cue else None


def _far(place: Place, near: tuple[float, float]) -> bool:
    if abs(place.lat - near[0]) < _FAR_BOX and abs(place.lon - near[1]) < _FAR_BOX:
        return False  # a box inside the circle, at any latitude
    return distance_km(place.lat, place.lon, near[0], near[1]) > _FAR_KM


_UNRESOLVED: tuple[None, str] = (None, "")
_Asker = Callable[[str, bool, str | None, tuple[float, float] | None], Sequence[tuple[Place, str]]]


def _asker(geocoder: Geocoder) -> _Asker:
    """A function (query, exactly_one, feature_kind, near) -> [(place, provenance), ...].

    A geocoder may offer `place_answers`, answering what its `geocode` would as (place, service)
    pairs with no Location in between, or None where it cannot (then `geocode` is asked).
    """
    answers = getattr(geocoder, "place_answers", None)

    def ask(query, exactly_one, feature_kind, near):
        if answers is not None:
            found = answers(query, exactly_one=exactly_one, feature_kind=feature_kind, near=near)
            if found is not None:
                return found
        return _geocode(geocoder, query, exactly_one, feature_kind, near)

    return ask


def _geocode(
    geocoder: Geocoder,
    query: str,
    exactly_one: bool,
    feature_kind: str | None,
    near: tuple[float, float] | None,
) -> list[tuple[Place, str]]:
    try:
        found = geocoder.geocode(
            query, exactly_one=exactly_one, feature_kind=feature_kind, near=near
        )
    except GeocoderServiceError:
        return []
    if found is None:
        return []
    return [_place(found)] if exactly_one else [_place(location) for location in found]


_PLACES: dict[int, tuple[Location, Place, str]] = {}
_PLACES_KEPT = 4096


def _place(location: Location) -> tuple[Place, str]:
    """`place_from_location` and the service, remembered: geocoders that cache hand back the
    same Location.

    Keyed by identity (a Location is not hashable); holding the Location keeps its id unique.
    """
    kept = _PLACES.get(id(location))
    if kept is not None and kept[0] is location:
        return kept[1], kept[2]
    if len(_PLACES) >= _PLACES_KEPT:
        _PLACES.clear()
    place, service = place_from_location(location), location.raw.get("service", "")
    _PLACES[id(location)] = (location, place, service)
    return place, service
