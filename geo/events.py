"""What happened at each place an article names, and when: clause rules, Spanish and English.

A place named in a sentence becomes an incident only when a trigger word (combates,
artillería, amenazaron al pastor, tomaron posiciones...) shares its clause and the place is
where things happened, not who spoke or acted. Everything else is a mention, so the map's
mentions layer still shows every place the article names.

Choices (ACLED codebook where it has one):
- A remote weapon makes the event Explosions/Remote violence whoever the target is; then
  Violence against civilians; then Battles; then Strategic developments.
- Incursions (invadieron, avanzaron, tomaron posiciones, cruzaron la frontera) are
  Strategic developments / Non-violent transfer of territory: no fighting is reported.
- Blockades (bloqueo, cortaron la carretera) are Strategic developments / Other.
- An unspecified ceasefire violation is Battles / Armed clash: on this border that is the
  usual form of a violation, and ACLED codes the violence, not the word.
- A province, region or country in a clause that names a finer place only situates it.
- Statements are never incidents. A place in the speaker's part of a sentence ("el
  Ministerio de Relaciones Exteriores de Azerbaiyán dijo", "dijo el Kremlin"), or naming an
  actor ("tropas de Azerbaiyán"), is a mention. A country is an incident location only after
  a locative cue ("en Armenia"). A dateline ("Ereván, 14 sep (EFE).-") is a mention.
- A trigger in a clause naming no place (an "orphan": "un soldado murió en los combates") is
  linked to the one place where the article reports the same kind of event on the same
  explicitly stated date ("el Paso Lachin, donde tuvieron lugar los enfrentamientos del
  miércoles"); the orphan's sentence becomes another excerpt of that incident.
- An event takes the date nearest its trigger in its own clause; else a date of its sentence
  that is not another clause's event's, nor a concession's ("pese a la tregua del sábado"),
  nor the speaker's ("informó el jueves de que") unless it is the only one; a "cuando"
  clause takes the date just before it. Two dates in one clause date each place by the
  nearest. Else the date of the event (or the toll: "49 militares murieron el martes") the
  article last dated, else the publication date, both at week precision; an event dated only
  by publication takes the date the article states for the same place and type in another
  sentence. "El día anterior" counts from the event last dated.
- A clause after a colon with a trigger but no place tells of the places the clause before
  it introduced ("el segundo ataque contra Ganja: el domingo, otro misil...").
- "Lejos de X" and "acusó a X de" do not make X where things happened.
- A report by a town's own people ("las autoridades locales de Sotk dicen que...") whose
  clause names no place is about that town.
- Regaining territory ("liberó varias aldeas", "recaptured") is Battles / Government regains
  territory, as ACLED codes it, not a transfer of territory.
- Figures: the largest count stated in the sentence ("cuatro armenios y tres azerbaiyanos
  murieron" is 7) goes to the event nearest to it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from functools import partial, reduce
from itertools import chain
from operator import or_
from typing import NamedTuple

from geo.dates import (
    ANCHORED_FORMS,
    DATE_CUES,
    DAY,
    FIGURE_FORMS,
    NUMBER,
    UNKNOWN,
    WEEK,
    DateExpression,
    find_dates,
    read_number,
    word_forms,
)
from geo.model import (
    AREA_KINDS,
    SETTLEMENT_KINDS,
    Article,
    Event,
    Excerpt,
    LocatedMention,
    Place,
    new_record,
)
from geo.text import fold, split_sentences

# Kinds that give way to a finer place in the same clause: ACLED codes the most specific
# location ("cerca de Tegh, en la provincia de Syunik" is an event at Tegh).
_COARSE = AREA_KINDS | {"country"}
# Where armed events of the conflict are placed, and the events a crowd makes anywhere.
_WAR_COUNTRIES = frozenset({"AM", "AZ", "GE", "IR", "TR", ""})
_CAPITAL_POPULATION = 1_000_000
_CROWD_EVENTS = frozenset({"Protests", "Riots"})

MENTION = "Mention"
"""`event_type` of a place only named; its sub-type says whether in a statement."""
STATEMENT, PLACE_NAMED = "Statement", "Place named"

_CIVILIANS = (
    r"civil(?:es)?|pastor(?:es)?|agricultor(?:es)?|campesin[oa]s?|aldean[oa]s?|residentes?|"
    r"vecin[oa]s?|pobladores|poblacion\s+civil|habitantes|ninos|mujeres|civilians?|shepherds?|"
    r"farmers?|villagers?|residents?"
)
_VERB_TO = (
    r"(?:\s+(?:a|al|contra|a\s+(?:la|las|los|un|una|unos)|contra\s+(?:el|la|los|las|un|una)))?"
)

# (event type, sub-event type, pattern), most specific first: a place takes the first that
# its clause contains.
_TRIGGERS = [
    ("Explosions/Remote violence", "Air/drone strike",
     r"dron(?:es)?|drones?|uav|bayraktar|ataques?\s+aereos?|bombardeos?\s+aereos?|avion(?:es)?\s+de\s+combate|"
     r"air\s*strikes?|drone\s+strikes?"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack",
     r"artilleria|morteros?|bombarde\w*|cohetes?|misil(?:es)?|obus(?:es)?|proyectil(?:es)?|lanzacohetes|"
     r"shell(?:ing|ed)|artillery|mortars?|rockets?|missiles?"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED",
     r"minas?\s+(?:terrestres?|antipersona)|(?:piso|activo|detono)\s+una\s+mina|"
     r"artefactos?\s+explosivos?|landmines?"),
    ("Violence against civilians", "Abduction/forced disappearance",
     r"secuestr\w+|abduct\w+"),
    ("Violence against civilians", "Attack",
     rf"(?:amenaz|atac|dispar|agred|golpe|hiri|mat)\w*(?:\s+\S+){{0,4}}?\s+(?:{_CIVILIANS})|"
     rf"(?:{_CIVILIANS})\s+(?:\w+\s+){{0,3}}(?:heridos?|heridas?|muertos?|asesinad\w+|"
     r"amenazad\w+|killed|wounded|injured)|fired\s+(?:at|on)\s+civilians"),
    ("Battles", "Government regains territory",
     r"(?:liber|recuper)(?:o|aron|ado|ada|ados|adas)\s+(?:[^\W\d]+\s+){0,5}?(?:aldeas?|pueblos?|"
     r"localidad(?:es)?|ciudad(?:es)?|territorios?|alturas|asentamientos|distritos?|villages?|"
     r"towns?|territory|heights)|(?:liberated|recaptured|retook|regained)\s+(?:control\s+of\s+)?"
     r"(?:the\s+)?(?:[^\W\d]+\s+){0,3}?(?:villages?|towns?|territory|heights|city|district)"),
    ("Riots", "Violent demonstration",
     r"disturbios\s+(?:con|entre)|(?:se\s+produjeron|estallaron|hubo)\s+disturbios|(?:manifestantes|protestantes)\s+(?:[^\W\d]+\s+){0,4}?(?:lanzaron|arrojaron|"
     r"quemaron|asaltaron|irrumpieron)|enfrentamientos?\s+(?:[^\W\d]+\s+){0,3}?(?:con|entre)\s+"
     r"(?:[^\W\d]+\s+){0,3}?(?:policia|agentes|antidisturbios)|riots?|rioters|violent\s+protests?"),
    # Before battles: "miles de manifestantes protestaron contra la ofensiva" is a protest.
    ("Protests", "Peaceful protest",
     r"manifestantes|manifestacion(?:es)?|protestas|(?<!nota\sde\s)protesta\s+(?:frente|ante|masiva|"
     r"multitudinaria|callejera|convocada|pacifica)|protestar(?:on)?|protestaban|se\s+manifest\w+|"
     r"se\s+concentraron|concentraciones|marcharon|marchas?\s+(?:de\s+protesta|a\s+pie)|mitin(?:es)?|"
     r"desobediencia\s+civil|(?:campamento|acampada|huelga)\s+de\s+protesta|protesters|protests|demonstrators|demonstrations|rall(?:y|ies|ied)|"
     r"marched|"
     # A crowd gathering: "tens of thousands gathered", "miles de personas se congregaron".
     r"(?:thousands|hundreds|crowds?|miles|cientos|centenares|millares)\s+(?:[^\W\d]+\s+){0,2}?"
     r"(?:gathered|assembled|took\s+to\s+the\s+streets|se\s+congregaron|se\s+reunieron|"
     r"salieron\s+a\s+las?\s+calles?)"),
    ("Battles", "Armed clash",
     r"(?<!de\s)combates?|enfrentamientos?|choques?|tirote\w+|escaramuzas?|"
     r"intercambios?\s+de\s+(?:disparos|fuego)|fuego\s+cruzado|abrieron\s+fuego|dispararon|"
     r"disparos|dispar(?:o|ado|ados|an|ando)|atacaron|ataco|ataques?\s+armados?|"
     r"somet\w+\s+a\s+(?:intenso\s+)?fuego|bajo\s+(?:el\s+)?fuego|francotirador\w*|"
     r"armas\s+de\s+(?:pequeno|grueso)\s+calibre|ofensivas?|"
     r"romp\w+\s+(?:las\s+)?lineas|broke\s+(?:through\s+)?(?:the\s+)?(?:[^\W\d]+\s+)?lines|"
     r"operacion\s+(?:militar|antiterrorista)|"
     r"(?:soldados?|militar(?:es)?|efectivos|servicemen|soldiers?)\s+(?:[^\W\d]+\s+){0,2}?"
     r"(?:murio|murieron|muert[oa]s?|fallecio|fallecieron|perdio\s+la\s+vida|"
     r"perdieron\s+la\s+vida|(?:was|were)\s+killed|died|herid[oa]s?|(?:was|were)\s+wounded)|"
     r"(?:murio|murieron|fallecio|fallecieron)\s+(?:[^\W\d]+\s+){0,3}?(?:soldados?|militares?|efectivos)|"
     r"fired\s+(?:on|at|upon)|came\s+under\s+fire|under\s+fire|small[-\s]arms\s+fire|sniper\s+fire|subjected\s+to\s+fire|"
     r"offensives?|(?:military|anti-terror(?:ist)?)\s+operations?|"
     r"ataques?\s+contra\s+(?:las?\s+|los?\s+)?posiciones|"
     r"viola\w*\s+(?:del?\s+|el\s+)?alto\s+el\s+fuego|clash\w*|fighting|skirmish\w*|"
     r"firefights?|shootouts?|gunfights?|exchange\s+of\s+fire|opened\s+fire|ceasefire\s+violations?|"
     r"violated\s+the\s+ceasefire"),
    ("Strategic developments", "Arrests",
     r"capturaron|capturo|capturad[oa]s?|detuvieron|detuvo|detiene|detienen|detenid[oa]s?|"
     r"arrestad[oa]s?|arrestaron|arresto|apresaron|captured|detained|arrested|"
     r"taken\s+into\s+custody"),
    ("Strategic developments", "Headquarters or base established",
     r"(?:establec|instal|levant|constru)\w+\s+(?:\w+\s+){0,2}(?:bases?|puestos?|"
     r"campamentos?|fortificaciones|trincheras|posiciones)|set\s+up\s+(?:a\s+)?(?:base|post|camp)"),
    ("Strategic developments", "Non-violent transfer of territory",
     r"(?:traspaso|entrega|cesion|devolucion|handover|transfer)\s+(?:de\s+|of\s+)?(?:las?\s+|los?\s+|the\s+)?"
     r"(?:[^\W\d]+\s+){0,2}?(?:aldeas?|pueblos?|territorios?|distritos?|localidades|asentamientos|"
     r"villages?|territory|districts?)|pas(?:o|aron)\s+a\s+control|invadi\w*|invasion|avanz\w+|incursion\w*|tom\w+\s+(?:el\s+control|posiciones)|"
     r"cruz\w+\s+la\s+frontera|penetr\w+|se\s+adentr\w+|ocuparon|ocupacion|"
     r"viola\w*\s+(?:la\s+)?(?:integridad\s+territorial|frontera)|invad\w+|advanc\w+|"
     r"crossed\s+(?:the\s+border|into)|took\s+(?:up\s+)?positions|incursions?"),
    ("Strategic developments", "Other",
     r"bloque\w+|cort\w+\s+(?:la\s+|el\s+)?(?:carretera|ruta|corredor|paso)|"
     r"cierre\s+del?\s+(?:corredor|carretera|paso)|blockad\w+|blocked"),
]  # fmt: skip
_TRIGGER_RES = [(t, s, re.compile(rf"\b(?:{p})\b")) for t, s, p in _TRIGGERS]
_PEACEFUL = "Peaceful protest"
_BLOCKADE_RANK = next(
    rank
    for rank, (event_type, sub_type, _) in enumerate(_TRIGGERS)
    if (event_type, sub_type) == ("Strategic developments", "Other")
)
_BLOCKADE = _TRIGGER_RES[_BLOCKADE_RANK][2]
# Who blocks a road in protest, as opposed to an army or a government's "activists".
_RESIDENTS = re.compile(
    r"\b(?:vecin|resident|poblador|habitant|aldean|manifestant|villager|protester|local\s+people)"
)
# For an attack on civilians, strings one of which every match also contains, beside one of
# `_TRIGGER_NEEDLES`: the verb or the harm ("disparó contra los vecinos", "civiles heridos").
_TRIGGER_ALSO = {
    4: ("amenaz", "atac", "dispar", "agred", "golpe", "hiri", "mat", "herid", "muert", "asesinad",
        "killed", "wounded", "injured", "fired"),
}  # fmt: skip
# Strings that every match of the trigger of the same rank contains: a sentence with none of
# them is not searched for that trigger, so most sentences are scanned by few patterns. The
# rarer word of a phrase is the one listed ("cruz" of "cruzaron la frontera", "viola" of
# "violaron el alto el fuego", "murieron" of "soldados murieron"), as the border, the
# ceasefire and the military are in most articles.
_TRIGGER_NEEDLES = [
    ("dron", "uav", "bayraktar", "aereo", "avion", "strike"),
    ("artiller", "mortero", "mortar", "bombarde", "cohete", "misil", "obus", "proyectil", "shell",
     "missile", "rocket"),
    ("mina", "artefacto", "landmine"),
    ("secuestr", "abduct"),
    ("civil", "pastor", "agricultor", "campesin", "aldean", "resident", "vecin", "pobladores",
     "habitantes", "ninos", "mujeres", "shepherd", "farmer", "villager"),
    ("liber", "recuper", "recaptur", "retook", "regained"),
    ("disturbio", "manifestante", "protestante", "enfrentamiento", "riot", "violent"),
    ("manifesta", "protest", "concentra", "marcha", "mitin", "desobediencia", "demonstrat",
     "rall", "marched", "gathered", "assembled", "streets", "congregaron", "reunieron", "calle",
     "calles"),
    ("combate", "enfrentamiento", "choque", "tirote", "escaramuza", "intercambio", "cruzado",
     "abrieron", "somet", "bajo", "viola", "dispar", "atac", "ataque", "clash", "fighting",
     "skirmish", "firefight", "shootout", "gunfight", "exchange", "opened", "fired", "under",
     "arms", "sniper", "subjected", "francotirador", "calibre", "ofensiv", "offensive",
     "operacion", "operation", "muri", "muert", "fallec", "perdi", "killed", "died", "herid",
     "wounded", "lineas", "lines"),
    ("captur", "detuv", "detien", "detenid", "arrest", "apresaron", "detained", "custody"),
    ("establec", "instal", "levant", "constru", "set"),
    ("traspaso", "entrega", "cesion", "devolucion", "handover", "transfer", "invad", "invasion",
     "avanz", "incursion", "control", "posiciones", "cruz", "penetr", "adentr", "ocup", "viola",
     "advanc", "crossed", "positions"),
    ("bloque", "cort", "cierre", "block"),
]  # fmt: skip

# Verbs of speech, and the participles of their perfect tense ("ha dicho").
_SPEECH_VERBS = (
    "dijo", "dijeron", "dice", "dicen", "afirmo", "afirmaron", "afirma", "declaro",
    "declararon", "senalo", "senalaron", "indico", "indicaron", "informo", "informaron",
    "informa", "anuncio", "anunciaron", "aseguro", "aseguraron", "agrego", "agregaron",
    "anadio", "anadieron", "sostuvo", "denuncio", "denunciaron", "denuncia", "acuso",
    "acusaron", "acusa", "acusan", "advirtio", "pidio", "pidieron", "insto", "instaron",
    "exigio", "exigieron", "llamo", "llamaron", "condeno", "condenaron", "expreso", "comunico",
    "detallo", "reporto", "explico", "manifesto", "subrayo", "asegura", "aseguran", "afirman",
    "declara", "declaran", "senala", "senalan", "indica", "indican", "anuncia", "anuncian",
    "informan", "denuncian", "sostiene", "sostienen", "advierte", "advierten", "explica",
    "insiste", "insistio", "reconoce", "reconocen", "reconocio", "reconocieron", "niega",
    "niegan", "nego", "negaron", "confirmo", "confirmaron", "califico", "preciso", "respondio",
    "said", "says", "stated", "told", "announced", "called", "urged", "accused", "added",
    "reported", "warned", "claimed", "claims", "alleged", "denied", "confirmed", "insisted",
    "noted",
)  # fmt: skip
_SPEECH_PARTICIPLES = (
    "dicho", "afirmado", "declarado", "senalado", "indicado", "informado", "anunciado",
    "asegurado", "denunciado", "acusado", "advertido", "pedido", "instado", "exigido",
    "condenado", "expresado", "explicado", "subrayado", "reiterado", "sostenido", "precisado",
    "detallado",
)  # fmt: skip


def _trie(words) -> str:
    """A pattern matching any of `words`, letter by letter ("dij(?:o|eron)"): re tries a flat
    list of alternatives one by one at every position, so a trie is searched several times
    faster. Between word boundaries only one word can match at a place, so order does not matter."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(tree)


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if "" not in node:
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{'|'.join(branches)})?" if branches else ""


# Police acting on a protest: ACLED's "Protest with intervention".
_INTERVENTION = re.compile(
    r"\b(?:detuv\w+|detien\w+|detenid\w*|arrest\w+|desaloj\w+|dispers\w+|gases?\s+lacrimogenos?|"
    r"antidisturbios|detained|tear\s+gas)\b"
)
_SPEECH = re.compile(
    rf"\b(?:{_trie(_SPEECH_VERBS)}|(?:ha|han|habia|habian)\s+{_trie(_SPEECH_PARTICIPLES)})\b"
)
_QUOTE = re.compile(r'«[^»]*»|“[^”]*”|"[^"]*"')
_THAT = re.compile(r"\s*(?:que|that|de\s+que|:|«|\"|“)")
_DATELINE = re.compile(
    r"^[^()\n]{0,60}\([^()]{2,40}\)\s*\.?\s*[-–—]+|^[^()\n,]{1,40},\s*\d{1,2}\s+[^\W\d]+\.?\s*"
    r"\([^()]{2,40}\)"
)
# "GORIS, Armenia — ...", "YEREVAN — ...": the wire style of English papers.
_CAPITALS_DATELINE = re.compile(
    r"[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ .'-]{1,30}(?:,\s*[^\W\d][^,—–\n]{0,30})?\s*[—–]"
)
_ACCORDING = re.compile(r"\b(?:segun|according\s+to)\b[^,;]*")
# Every alternative starts with a character of its own, so that re skips to those.
_CLAUSE_BREAK = re.compile(
    r";|:(?!\d)|,\s+(?=(?:donde|cuando|mientras|pero|aunque|tras|pese|a\s+pesar|where|when|"
    r"while|but|despite)\b)"
)
# Searched instead in a sentence with "donde" or "where", which begin a clause after a space.
_CLAUSE_OR_WHERE_BREAK = re.compile(rf"{_CLAUSE_BREAK.pattern}|\s(?=(?:donde|where)\b)")
# "lejos de Nagorno Karabaj": where things did not happen; "acusó a Ereván de ...": the
# accused acts, it is not where things happened.
_NOT_SITE = re.compile(
    r"\b(?:(?:lejos\s+de|far\s+from)(?:\s+(?:el|la|los|las|the))?|"
    r"(?:acus\w+|culp\w+|accus\w+|blam\w+|pidi\w+|pid\w+|ped\w+|inst\w+|exig\w+|urg\w+|"
    r"asked|urged|called\s+on)\s+(?:a\s+|al\s+)?)\s*$"
)
_NOT_SITE_NEEDLES = ("lejos", "far", "acus", "culp", "accus", "blam", "pid", "ped", "inst",
                     "exig", "urg", "asked", "called")  # fmt: skip
# "trasladado al hospital de Goris", "later transferred to Baku": where the wounded were taken
# is not where it happened.
_TAKEN_TO = re.compile(
    r"\b(?:traslad|evacu|llevad|hospitaliz|ingresad|transferr|taken|airlift|flown)\w*"
    r"(?:\s+(?:later|luego|despues|by\s+helicopter|en\s+helicoptero))?"
    r"\s+(?:a|al|hasta|en|to|in)\s+(?:(?:el|la|un|una|the|a)\s+)?"
    r"(?:(?:hospital|clinica|clinic|centro\s+medico)(?:\s+\w+)?\s+(?:de|del|en|in|of)\s+)?$"
)
_TAKEN_TO_NEEDLES = ("traslad", "evacu", "llevad", "hospitaliz", "ingresad", "transferr", "taken",
                     "airlift", "flown")  # fmt: skip
_TAKEN_TO_CHARS = 60
# The ends of a road named by them ("the Yerevan-Meghri highway", "la carretera Goris-Kapan")
# and the places a road is said to link ("la carretera que une Ereván con Tiflis").
_HYPHENS = frozenset("-–")
_ROAD_WORD = r"\s+(?:highway|road|railway|motorway|pipeline|route)\b"
_ROAD_WORD_AFTER = re.compile(_ROAD_WORD)
_ROAD_END_AFTER = re.compile(rf"[-–][^\W\d]+(?:[-–][^\W\d]+)*{_ROAD_WORD}")
_LINKED_BY = re.compile(
    r"\b(?:une|unia|unen|conecta|conectaba|enlaza|link\w*|connect\w*)\s+(?:a\s+)?"
    r"(?:[^\W\d]+\s+){0,3}?(?:(?:con|y|with|and|to)\s+)?(?:[^\W\d]+\s+)?$"
)
_LINKED_CHARS = 40
# "Bakú cerró el paso", "Moscow sent troops": a place that decides or acts is a government.
_ACTS = re.compile(
    r"\s+(?:cerro|cerraron|decidio|rechazo|acepto|ordeno|prohibio|suspendio|retiro|envio|"
    r"desplego|autorizo|impuso|propuso|firmo|ratifico|closed|decided|rejected|accepted|ordered|"
    r"banned|suspended|withdrew|sent|deployed|authorized|imposed|proposed|signed)\b"
)
# "a Moscow-brokered truce", "Turkish-backed": the place qualifies who acted.
_ACTOR_SUFFIX = re.compile(r"[-‐‑](?:brokered|backed|led|mediated|sponsored|allied|based)\b")
_WHEN = re.compile(r"\s*(?:cuando|when)\b")
_LOCAL_SOURCE = re.compile(
    r"\b(?:autoridades(?:\s+locales)?|alcalde(?:sa)?|jefe\s+de\s+la\s+comunidad|vecinos|"
    r"residentes|local\s+authorities|mayor|residents|villagers)\s+(?:de|del|of)"
    r"(?:\s+(?:la|el|the))?(?:\s+(?:aldea|localidad|comunidad|pueblo|ciudad|village|town)"
    r"\s+(?:de|of))?\s*$"
)
_PLACE_WORD = (
    r"(?:(?:el|la|los|las)\s+(?:ciudad|localidad|aldeas?|pueblos?|distrito|region|villa)\s+de\s+)?"
)
# A verb or noun whose object is the place right after it: (event type, sub-type, pattern).
_TAKINGS = [
    ("Battles", "Government regains territory", re.compile(
        r"\b(?:tom(?:aron|o|ado|ada)|conquist(?:aron|o|ado|ada)|reconquist(?:aron|o|ado|ada)|"
        r"captur(?:aron|o|ado|ada)|recuper(?:aron|o|ado|ada)|toma\s+de|captura\s+de|"
        r"recuperacion\s+de|retook|recaptured|captured|seized|took\s+control\s+of|"
        rf"capture\s+of)\s+(?:el\s+control\s+de\s+)?{_PLACE_WORD}$")),
    ("Strategic developments", "Non-violent transfer of territory", re.compile(
        r"\b(?:(?:tropas|fuerzas|soldados|ejercito|militares|unidades)\s+(?:[^\W\d]+\s+){0,2}?"
        r"(?:entraron|entro|ha\s+entrado|han\s+entrado)\s+(?:[^\W\d]+\s+){0,4}?en|"
        r"entrega\s+de|traspaso\s+de|cesion\s+de|devolucion\s+de|"
        r"entreg(?:o|aron|ara|aran|ar)|devolv(?:io|ieron|er)|handover\s+of|handed\s+over|"
        rf"(?:troops|forces|army|units)\s+entered)\s+{_PLACE_WORD}$")),
]  # fmt: skip
# Strings one of which every match of `_TAKINGS` contains.
_TAKING_NEEDLES = ("tom", "conquist", "captur", "recuper", "retook", "seized", "took", "entr",
                   "traspaso", "cesion", "devol", "handover", "handed")  # fmt: skip
# What joins the places of a list: "Ağdam el 20 de noviembre y en Kalbajar".
_LIST_JOIN = re.compile(rf"(?:,|\by|\be|\band)\s+(?:en\s+|in\s+|a\s+)?{_PLACE_WORD}$")
# A town named by what it is ("las colinas que rodean la ciudad"), not by its name.
_THE_TOWN = re.compile(
    r"\b(?:la\s+(?:ciudad|localidad|aldea|villa)|el\s+(?:pueblo|municipio|poblado)|"
    r"the\s+(?:town|city|village))\b(?!\s+(?:de|of)\b)"
)
# What a protest is for or against: "para pedir protección para la población de Karabaj".
_TOPIC = re.compile(
    r"\b(?:por|para|contra|sobre|over|against|for|about)\s+(?:[^\W\d]+\s+){0,5}?"
    r"(?:(?:de|del|en|of|in)\s+)?$"
)
_DOCUMENT_DATE = re.compile(
    r"\b(?:acuerdo|tregua|alto\s+el\s+fuego|declaracion|pacto|armisticio|agreement|ceasefire|"
    r"cease-fire|truce|deal|declaration)(?:\s+[^\W\d]+){0,4}\s+(?:de|del|of)\s+$"
)
_DOCUMENT_NEEDLES = ("acuerdo", "tregua", "alto", "declara", "pacto", "armisticio", "agreement",
                     "cease", "truce", "deal")  # fmt: skip
# A summary of what goes on, not an event: "casi a diario", "desde finales de septiembre".
_HABITUAL = re.compile(
    r"\b(?:a\s+diario|cada\s+dia|todos\s+los\s+dias|daily|every\s+day|regularly|repeatedly|"
    r"a\s+menudo|constantemente)\b"
)
_HABITUAL_NEEDLES = ("dia", "daily", "day", "regularly", "repeatedly", "menudo", "constantemente")
# A running total ("eleva a 604 el total reconocido desde el 27 de septiembre") sums events.
_CUMULATIVE = re.compile(r"\b(?:total|acumulad\w+|elevan?\s+a)\b")
_SINCE = re.compile(r"\b(?:desde|since)\s+(?:[^\W\d]+\s+){0,3}$")
_SINCE_NEEDLES = ("desde", "since")
_TRANSFER = "Non-violent transfer of territory"
_LIST_CARRY = 120
_AND = re.compile(r"\s(?:y|e|and)\s")
_RECENT_DAYS = 366
_DISPLACED = re.compile(
    r"\b(?:personas|refugiad[oa]s|desplazad[oa]s|evacuad[oa]s|familias|people|refugees|"
    r"displaced|evacuees|families)\b"
)
_IN_YEAR = re.compile(
    r"\b(?:en|in|desde|since|durante|during)\s+(?:el\s+ano\s+)?((?:19|20)\d{2})\b"
)
# "El año pasado, Azerbaiyán recuperó Nagorno Karabaj": a year before the article's.
_LAST_YEAR = re.compile(r"\b(?:el\s+ano\s+pasado|el\s+pasado\s+ano|last\s+year)\b")
_LAST_YEAR_NEEDLES = ("pasado", "last")
_CONCESSION = re.compile(r"\s*(?:pese|a\s+pesar|aunque|despite|although)\b")
_RELATIVE_START = re.compile(r"\s*(?:,\s*)?(?:en\s+)?(?:donde|where|(?:el|la|los|las)\s+que)\b")
_SPEAKER_START = re.compile(r";|:(?!\d)|[«»\"“”]|,\s+(?:y|pero)\s")
_LOCATIVE = re.compile(
    r"\b(?:en|hacia|dentro\s+de|territorio\s+de|fronteras?\s+de|contra|in|into|inside|near|"
    r"cerca\s+de)(?:\s+(?:el|la|los|las|del|de|the))*\s*$"
)
_ACTOR_HEADS = {
    "ministerio", "ministro", "ministra", "gobierno", "presidente", "presidenta", "canciller",
    "cancilleria", "portavoz", "vocero", "ejercito", "fuerzas", "tropas", "soldados",
    "militares", "defensa", "embajada", "embajador", "oficina", "ombudsman", "defensor",
    "asamblea", "parlamento", "consejo", "servicio", "servicios", "agencia", "autoridades",
    "lider", "jefe", "dirigentes", "delegacion", "representante", "representantes",
    "comandante", "mando", "guardia", "policia", "primer", "ministry", "government",
    "president", "spokesman", "spokesperson", "army", "forces", "troops", "embassy",
    "official", "officials", "leader", "leaders", "minister", "authorities", "chief",
    # What a side wields or intends: "los drones de Bakú", "los planes de Bakú".
    "drones", "artilleria", "misiles", "cohetes", "aviones", "aviacion", "tanques",
    "francotiradores", "planes", "agresion", "ofensiva",
}  # fmt: skip
# Words directly before a name that make it a group's, not a place ("partido Armenia Próspera").
_NAMED_GROUPS = frozenset(
    {"movimiento", "partido", "alianza", "bloque", "coalicion", "plataforma", "movement",
     "party", "alliance", "bloc", "coalition"}
)  # fmt: skip
# Words before "de" that make what follows a place, whatever came before them.
_PLACE_HEADS = {
    "cerca", "territorio", "frontera", "fronteras", "alrededores", "afueras", "zona", "region",
    "provincia", "provincias", "aldea", "pueblo", "ciudad", "lago", "distrito", "localidad",
    "comunidad", "near", "outskirts",
}  # fmt: skip
_KILLED = (
    r"(?:muert[oa]s?|murieron|murio|fallecid[oa]s?|fallecieron|fallecio|asesinad[oa]s?|"
    r"perdieron\s+la\s+vida|perdio\s+la\s+vida|killed|dead|died)"
)
_HURT = r"(?:heridos?|heridas?|lesionad[oa]s?|wounded|injured|hurt)"
_COUNT = rf"(?:(?:al\s+menos|por\s+lo\s+menos|unos|unas|at\s+least|some)\s+)?(?P<n>{NUMBER})"


def _figure_patterns(outcome: str, verbs: str) -> list[re.Pattern]:
    word = rf"(?!{_KILLED}|{_HURT})[^\W\d]+"  # a word between a count and its outcome
    return [
        # "cuatro militares armenios y tres azerbaiyanos murieron" counts both.
        re.compile(
            rf"\b{_COUNT}\s+(?:{word}\s+){{0,3}}?(?:(?:y|and)\s+(?P<m>{NUMBER})\s+"
            rf"(?:{word}\s+){{0,2}}?)?(?:resultaron\s+|fueron\s+)?{outcome}\b"
        ),
        re.compile(rf"\b(?:{verbs})\s+(?:a\s+)?{_COUNT}\b"),
    ]


_OUTCOME = re.compile(rf"{_KILLED}|{_HURT}|muerte|mat(?:aron|o|ando)|hiri(?:eron|o|endo)|killing")
# Strings one of which every match of `_OUTCOME` contains.
_OUTCOME_NEEDLES = ("muert", "muri", "fallec", "asesinad", "perdi", "kill", "dead", "died",
                    "herid", "lesionad", "wounded", "injured", "hurt", "mat", "hiri")  # fmt: skip
_FATALITIES = _figure_patterns(
    _KILLED,
    r"mataron|mato|matando|murieron|murio|fallecieron|fallecio|la\s+muerte\s+de|"
    r"resultaron\s+muertos|killing|killed",
)
_WOUNDED = _figure_patterns(
    _HURT, r"hirieron|hirio|hiriendo|resultaron\s+heridos|wounding|injuring|wounded|injured"
)
# (field, patterns, strings one of which every match of the patterns contains)
_FIGURES = [
    ("fatalities", _FATALITIES, ("muert", "murie", "murio", "fallec", "asesinad", "perdi",
                                 "killed", "dead", "died", "mataron", "mato", "matando",
                                 "killing")),
    ("wounded", _WOUNDED, ("herid", "lesionad", "wound", "injur", "hurt", "hiri")),
]  # fmt: skip


class _Context(NamedTuple):
    """What a sentence's dates count from: the date of the event the sentence before told
    (`anchor`), else the last date of that sentence (`before`), else the date of the story
    so far; and a year the article names when it has no publication date."""

    anchor: date | None
    before: _Sentence | partial[_Sentence] | None
    story: date | None
    year: int | None


class _Trigger(NamedTuple):
    start: int
    end: int
    event_type: str
    sub_event_type: str
    rank: int


@dataclass(slots=True)
class _Found:
    """An event while the article is read; `dated_by` says where its date came from:
    "stated" in its sentence, the "story" told before it, or "published"."""

    event: Event
    dated_by: str
    trigger: str = ""
    place: tuple | None = None
    """The `_key_of` its location, None for an orphan."""

    @property
    def explicit(self) -> bool:
        return self.dated_by == "stated"


def detect_events(
    article: Article, located: list[LocatedMention], *, named: bool = True
) -> list[Event]:
    """One event per located place per sentence: an incident, or a mention of the place.

    Mentions that geocoding left unresolved (`place is None`) have no point to map and are
    skipped. With `named=False` only incidents are made, for callers that show no place
    merely named (`extract`): no incident depends on those mentions, and they are a fifth to
    a third of the work.
    """
    mentions = sorted(
        (lm for lm in located if lm.place is not None), key=lambda lm: lm.mention.start
    )
    year = _year_named(article.text) if article.published is None else None
    found: list[_Found] = []
    orphans: list[_Found] = []
    narrative: date | None = None
    anchor: date | None = None
    previous: _Sentence | partial[_Sentence] | None = None
    folded = fold(article.text)
    spans = split_sentences(article.text)
    keys = {id(lm): _key_of(lm) for lm in mentions}
    focus = _focus(mentions, keys)
    by_sentence = _by_sentence(mentions, spans)
    settled = _last_settlements(by_sentence)
    for index, (start, end) in enumerate(spans):
        sentence = folded[start:end]
        # A sentence is searched only by the patterns whose words it contains.
        flags = _sentence_flags(sentence)
        in_sentence = by_sentence.get(index, [])
        if not (flags & _FLAGS["outcome"] or _RANKS[flags & _TRIGGER_FLAGS]) and not (
            in_sentence and (named or flags & _FLAGS["taking"])
        ):
            # No word of an event, a toll or a taking, and no place to name (or none asked
            # for): nothing to read, and the sentence is built only if the next one counts
            # from its dates (and only if it has any).
            previous = (
                partial(
                    _Sentence,
                    article,
                    sentence,
                    start,
                    end,
                    [],
                    _Context(anchor, previous, narrative, year),
                    flags,
                    keys,
                    None,
                )
                if flags & _DATE_FLAGS
                else None
            )
            anchor = None
            continue
        context = _Context(anchor, previous, narrative, year)
        referent = focus or settled.get(index - 1) or settled.get(index - 2)
        reader = previous = _Sentence(
            article, sentence, start, end, in_sentence, context, flags, keys, referent
        )
        sentence_found, sentence_orphans = reader.events(narrative, named)
        found += sentence_found
        orphans += sentence_orphans
        dated = [f for f in sentence_found + sentence_orphans if f.explicit and f.event.is_incident]
        anchor = dated[0].event.event_date if dated else None
        narrative = anchor or reader.toll_date() or narrative
    _date_from_same_place(found)
    found = _without_told_again(found, article.text, spans)
    found += _link_orphans(orphans, found)
    events = _regions_situate(found)
    return events if named else [event for event in events if event.is_incident]


class _lazy:
    """A property computed on first read and then kept in the instance: functools.cached_property
    without the lock Python 3.11 takes on every first read, which cost more than most of these
    properties do."""

    def __init__(self, method):
        self.method, self.name = method, method.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.method(instance)
        return value


class _Sentence:
    """One sentence: its clauses, triggers, speakers, dates and figures."""

    def __init__(self, article, folded, start, end, located, context, flags, keys, referent):
        self.article, self.start, self.located, self.keys = article, start, located, keys
        self.referent = referent
        """The town "la ciudad" means here: the article's focus, else the last one named in
        the sentence before, else in the one before that."""
        self.text = article.text[start:end]
        self.folded = folded
        self.context = context
        self._actors: dict[int, bool] = {}
        self.flags = flags
        self.ranks = _RANKS[flags & _TRIGGER_FLAGS]
        self.date_forms = _FORMS[flags & _DATE_FLAGS]

    def has(self, kind: str) -> bool:
        """Whether the sentence has a string of `kind` (`_SENTENCE_STRINGS`): a pattern is
        searched only in a sentence that has one of the strings every match of it contains."""
        return bool(self.flags & _FLAGS[kind])

    @_lazy
    def excerpt(self) -> Excerpt:
        return new_record(
            Excerpt,
            article_id=self.article.id,
            title=self.article.title,
            published=self.article.published,
            source=self.article.source,
            url=self.article.url,
            sentence=self.text,
            highlights=tuple(
                (lm.mention.start - self.start, lm.mention.end - self.start) for lm in self.located
            ),
        )

    # Dates, speakers and speech are read only when a trigger or a place needs them.
    @_lazy
    def dates(self) -> list[DateExpression]:
        context = self.context
        anchor = context.anchor
        if anchor is None and self.date_forms & ANCHORED_FORMS:
            # "El día anterior" counts from the event just told; failing that, from the date
            # last written ("completó el viernes el traspaso. Ese mismo día..."), read only then.
            anchor = _last_date(context.before) or context.story
        found = find_dates(
            self.text,
            self.article.published,
            anchor=anchor,
            year=context.year,
            folded=self.folded,
            forms=self.date_forms,
        )
        return [d for d in found if d.date]

    @_lazy
    def triggers(self) -> dict[int, re.Match]:
        """The first match of the trigger of each rank in the sentence, for the ranks whose
        words it contains and that match: a part of the sentence that ends before its start
        holds no match of it, and a part that holds it has it first, so most sentences and
        clauses search no pattern again."""
        firsts = {}
        for rank in self.ranks:
            match = _TRIGGER_RES[rank][2].search(self.folded)
            if match:
                firsts[rank] = match
        return firsts

    @_lazy
    def speakers(self) -> list[tuple[int, int]]:
        speakers = (
            _speaker_spans(self.folded, self.triggers, self.speech, self.has("according"))
            if self.speech or self.has("according")
            else []
        )
        # Both forms of a Spanish dateline have the agency in brackets.
        dateline = ("(" in self.folded and _DATELINE.match(self.folded)) or (
            _CAPITALS_DATELINE.match(self.text)
        )
        if dateline:
            speakers.append(dateline.span())
        return speakers

    @_lazy
    def quotes(self) -> list[tuple[int, int]]:
        if not any(quote in self.folded for quote in '«“"'):
            return []
        return [m.span() for m in _QUOTE.finditer(self.folded)]

    def _quote_of(self, offset: int) -> tuple[int, int] | None:
        return next(((s, e) for s, e in self.quotes if s <= offset < e), None)

    @_lazy
    def speech(self) -> list[re.Match]:
        """The verbs of speech of the sentence."""
        return list(_SPEECH.finditer(self.folded)) if self.has("speech") else []

    @_lazy
    def outcome(self) -> bool:
        return self.has("outcome") and bool(_OUTCOME.search(self.folded))

    @_lazy
    def figures(self) -> dict[str, list[re.Match]]:
        """The counts of dead and of wounded the sentence states, as matches."""
        return {
            field: [m for p in patterns for m in p.finditer(self.folded)] if self.has(field) else []
            for field, patterns, _ in _FIGURES
        }

    def names_actor(self, offset: int) -> bool:
        if offset not in self._actors:
            self._actors[offset] = _names_actor(self.text, offset, self.folded)
        return self._actors[offset]

    def events(self, narrative: date | None, named: bool) -> tuple[list[_Found], list[_Found]]:
        taken = self._taken_places()
        if not self.triggers and not taken:
            # Most sentences: no clause tells of an event.
            return (self._mentions(set()) if named else []), []
        incidents: list[_Found] = []
        orphans: list[_Found] = []
        clauses = [
            (start, end, antecedent, _first_trigger(self.folded, self.triggers, start, end))
            for start, end, antecedent in self._clauses()
        ]
        lenders = self._date_lenders(clauses) if taken or any(c[3] for c in clauses) else []
        introduced: tuple[int, int] | None = None
        for clause_start, clause_end, antecedent, trigger in clauses:
            if trigger is None:
                sites = self._sites(clause_start, clause_end) if taken else []
                objects = [lm for lm in sites if id(lm) in taken]
                if not objects:
                    # "Es el segundo ataque contra Ganja: el domingo, otro misil...": a clause
                    # after a colon tells of the places the clause before it introduced.
                    introduced = (clause_start, clause_end)
                    continue
                places, trigger = objects, taken[id(objects[0])]
            else:
                places = self._sites(clause_start, clause_end)
            if trigger.rank == _BLOCKADE_RANK and _RESIDENTS.search(
                self.folded, clause_start, clause_end
            ):
                # "vecinos de Kirants bloquearon la carretera", "residents ... blocked the
                # highway in protest": people blocking their own road protest.
                trigger = trigger._replace(event_type="Protests", sub_event_type=_PEACEFUL)
            if self.quotes:
                # A slogan or a title ("carteles con la leyenda «Syunik no se negocia»")
                # names no site of what the words outside it tell.
                quoted = self._quote_of(trigger.start)
                places = [
                    lm
                    for lm in places
                    if self._quote_of(lm.mention.start - self.start) in (None, quoted)
                ]
            if not places and self.folded[clause_start - 1 : clause_start] == ":":
                places = self._sites(*introduced) if introduced else []
            if not places:
                places = self._local_sources()
            if (
                not places
                and self.referent
                and _THE_TOWN.search(self.folded, clause_start, clause_end)
            ):
                places = [self.referent]
            introduced = None
            if antecedent is not None and antecedent not in places:
                places.append(antecedent)
            if any(lm.place.kind not in _COARSE for lm in places):
                # A province only situates a finer place, unless it was itself taken.
                places = [lm for lm in places if lm.place.kind not in _COARSE or id(lm) in taken]
            if trigger.event_type not in _CROWD_EVENTS:
                # Fighting, shelling and handovers happen in the conflict's lands, not in the
                # capitals that speak for it ("que Bakú recuperó") nor abroad ("la Cumbre de
                # Washington"): there, only crowds gather.
                places = [lm for lm in places if _in_the_war(lm.place)]
            if trigger.event_type == "Protests":
                # "para pedir protección para la población de Karabaj": what a protest is for
                # or against is not where it is.
                places = [lm for lm in places if not self._protest_topic(lm, clause_start)]
            if trigger.event_type == "Protests" and places:
                # A protest is where the people gathered: the place nearest to the word.
                at = self.start + trigger.start
                places = [min(places, key=lambda lm: abs(lm.mention.start - at))]
            own = [d for d in lenders if clause_start <= d.start < clause_end]
            dates = (
                own
                or [
                    d
                    for d in lenders
                    if not any(s <= d.start < e and t for s, e, _, t in clauses)
                    # A clause after a semicolon tells its own: its date is not this clause's.
                    and not (d.start >= clause_end and ";" in self.folded[clause_start : d.start])
                ]
            )
            if not own and _WHEN.match(self.folded, clause_start):
                # "la invasión del 12 de mayo, cuando tomaron posiciones": that date.
                dates = [d for d in lenders if d.end <= clause_start][-1:] or dates
            if not dates and self._in_past_year(clause_end):
                continue  # "Shusha, que Azerbaiyán tomó en 2020": history, not news
            since = [
                d for d in dates if self.has("since") and _SINCE.search(self.folded, 0, d.start)
            ]
            if (
                (self.has("habitual") and _HABITUAL.search(self.folded, clause_start, clause_end))
                or (dates and len(since) == len(dates) and all(d.precision > DAY for d in since))
                or (since and _CUMULATIVE.search(self.folded, clause_start, clause_end))
            ):
                continue  # "bombardeada casi a diario", "bajo fuego desde finales de septiembre"
            if trigger.sub_event_type == _TRANSFER and _DISPLACED.search(
                self.folded, clause_start, clause_end
            ):
                continue  # "70.000 personas cruzaron a Armenia": people fleeing take no land
            word = self.folded[trigger.start : trigger.end]
            if not places:
                at = (trigger.start, trigger.start)
                when, precision, dated_by = self._date(dates, at, narrative)
                orphans.append(_Found(self._event(None, trigger, when, precision), dated_by, word))
            for lm in places:
                # Two dates in one clause ("atacado el martes Aygepar y bombardeado Chinari
                # la noche del lunes"): each place takes the one nearest to it.
                own_trigger = taken.get(id(lm), trigger)
                offset = lm.mention.start - self.start
                if own_trigger.start > offset and _AND.search(
                    self.folded, lm.mention.end - self.start, own_trigger.start
                ):
                    # "rompieron las líneas en torno a Askerán y bombardearon Stepanakert":
                    # a place told before the clause's event, and a second verb after it,
                    # takes the event told before it.
                    own_trigger = (
                        _last_trigger(self.folded, self.triggers, clause_start, offset)
                        or own_trigger
                    )
                at = (own_trigger.start, own_trigger.start)
                if len(own) > 1:
                    at = (lm.mention.start - self.start, lm.mention.end - self.start)
                when, precision, dated_by = self._date(dates, at, narrative)
                event = self._event(lm, own_trigger, when, precision)
                incidents.append(_Found(event, dated_by, word, self.keys[id(lm)]))
        self._assign_figures(incidents or orphans)
        found = _unique(incidents)
        return (found + self._mentions({f.place for f in found}) if named else found), orphans

    def _mentions(self, sites: set[tuple]) -> list[_Found]:
        """A mention of each place of the sentence that is not one of the `sites` of its
        events, made for the first time the sentence names the place (`_unique`'s choice)."""
        kept: dict[tuple, _Found] = {}
        for lm in self.located:
            place = self.keys[id(lm)]
            if place not in sites and place not in kept:
                kept[place] = _Found(self._mention(lm), "", "", place)
        return list(kept.values())

    def _clauses(self):
        """(start, end, antecedent place) of each clause; relative clauses ("donde ...")
        carry the place they refer back to."""
        breaks = _CLAUSE_OR_WHERE_BREAK if self.has("where") else _CLAUSE_BREAK
        cuts = [0] + [m.end() for m in breaks.finditer(self.folded)] + [len(self.folded)]
        for clause_start, clause_end in zip(cuts, cuts[1:], strict=False):
            antecedent = None
            if _RELATIVE_START.match(self.folded, clause_start):
                before = [
                    lm
                    for lm in self.located
                    if lm.mention.end - self.start <= clause_start
                    and clause_start - (lm.mention.end - self.start) <= 60
                ]
                antecedent = before[-1] if before else None
            yield clause_start, clause_end, antecedent

    def _sites(self, clause_start: int, clause_end: int) -> list[LocatedMention]:
        """The places of the clause where things happened."""
        return [lm for lm in self._places(clause_start, clause_end) if self._is_site(lm)]

    def _places(self, clause_start: int, clause_end: int) -> list[LocatedMention]:
        return [
            lm for lm in self.located if clause_start <= lm.mention.start - self.start < clause_end
        ]

    def _taken_places(self) -> dict[int, _Trigger]:
        """The places the sentence says were taken or handed over ("tomaron Şuşa", "la entrega
        de Lachín"), by `id`; a list carries the verb on ("entraron en Ağdam el 20 de
        noviembre y en Kalbajar el día 25")."""
        taken: dict[int, _Trigger] = {}
        if not self.has("taking"):
            return taken
        previous: tuple[LocatedMention, _Trigger] | None = None
        for lm in self.located:
            offset = lm.mention.start - self.start
            trigger = None
            for event_type, sub_type, pattern in _TAKINGS:
                match = pattern.search(self.folded, max(0, offset - 80), offset)
                if match:
                    trigger = _Trigger(match.start(), match.end(), event_type, sub_type, -1)
                    break
            if trigger is None and previous is not None:
                # Past a place told of on the way ("entraron en Lachín, que los armenios
                # llaman Berdzor, y en las aldeas de Zabukh y Sus").
                gap_start = previous[0].mention.end - self.start
                if offset - gap_start <= _LIST_CARRY and _LIST_JOIN.search(
                    self.folded, gap_start, offset
                ):
                    trigger = previous[1]
            if trigger:
                previous = (lm, trigger)
                taken[id(lm)] = trigger
        return taken

    def _in_past_year(self, clause_end: int) -> bool:
        """Whether the sentence up to the clause's end sets what it tells in a year before the
        article's ("El año pasado, tras una ofensiva, ...")."""
        published = self.article.published
        folded = self.folded
        return published is not None and (
            (
                "year" in self.date_forms
                and any(
                    int(year) < published.year for year in _IN_YEAR.findall(folded, 0, clause_end)
                )
            )
            or (self.has("last year") and _LAST_YEAR.search(folded, 0, clause_end) is not None)
        )

    def _local_sources(self) -> list[LocatedMention]:
        """Towns and villages whose own people tell what happened ("las autoridades locales
        de Sotk dicen que varias casas resultaron dañadas"): a report naming no other place
        is about theirs."""
        return [
            lm
            for lm in self.located
            if lm.place.kind not in _COARSE
            and _LOCAL_SOURCE.search(
                self.folded,
                max(0, lm.mention.start - self.start - 50),
                lm.mention.start - self.start,
            )
        ]

    def _protest_topic(self, lm: LocatedMention, clause_start: int) -> bool:
        """Whether a protest's clause names the place as what it is for or against."""
        offset = lm.mention.start - self.start
        return bool(_TOPIC.search(self.folded, max(clause_start, offset - 60), offset))

    def _is_site(self, lm: LocatedMention) -> bool:
        """Whether the place is where things happened, not the speaker or an actor."""
        offset = lm.mention.start - self.start
        if any(s <= offset < e for s, e in self.speakers) or self.names_actor(offset):
            return False
        after = lm.mention.end - self.start
        if _ACTOR_SUFFIX.match(self.folded, after) or _ACTS.match(self.folded, after):
            return False
        if self.has("not site") and _NOT_SITE.search(self.folded, max(0, offset - 20), offset):
            return False
        if self.has("taken to") and _TAKEN_TO.search(
            self.folded, max(0, offset - _TAKEN_TO_CHARS), offset
        ):
            return False
        if _ROAD_END_AFTER.match(self.folded, after) or (
            self.folded[offset - 1 : offset] in _HYPHENS
            and _ROAD_WORD_AFTER.match(self.folded, after)
        ):
            return False  # "the Yerevan-Meghri highway": where a road runs, not where it is
        if self.has("links") and _LINKED_BY.search(
            self.folded, max(0, offset - _LINKED_CHARS), offset
        ):
            return False  # "la carretera que une Ereván con Tiflis"
        if lm.place.kind == "country":
            return bool(_LOCATIVE.search(self.folded, 0, offset))
        return True

    def _date_lenders(self, clauses: list[tuple]) -> list[DateExpression]:
        """The dates that may date an event: not those of a concession ("pese a la tregua
        del sábado"), nor the speaker's ("informó el jueves de que") when the sentence has
        others; a date in a clause with an event of its own is that event's alone."""
        # "el acuerdo de alto el fuego de noviembre de 2020" dates the agreement, not an event.
        lenders = [
            d
            for d in self.dates
            if not (self.has("document") and _DOCUMENT_DATE.search(self.folded, 0, d.start))
        ]
        if lenders and len(clauses) > 1:
            concessions = [(s, e) for s, e, *_ in clauses if _CONCESSION.match(self.folded, s)]
            lenders = [d for d in lenders if not any(s <= d.start < e for s, e in concessions)]
        if len(lenders) > 1 and self.located:
            unspoken = [d for d in lenders if not any(s <= d.start < e for s, e in self.speakers)]
            lenders = unspoken or lenders
        return lenders

    def _date(
        self, dates, span: tuple[int, int], narrative: date | None
    ) -> tuple[date | None, int, str]:
        if dates:
            # Of news and history in one clause ("entraron el viernes en Lachín, que tomaron en
            # mayo de 1992, y en Sus"), the news dates the event.
            recent = self._recent(dates) if len(dates) > 1 else dates
            nearest = min(recent or dates, key=lambda d: _distance(d, *span))
            return nearest.date, nearest.precision, "stated"
        if narrative:
            return narrative, WEEK, "story"
        published = self.article.published
        return published, (WEEK if published else UNKNOWN), "published"

    def _recent(self, dates: list[DateExpression]) -> list[DateExpression]:
        """The dates within a year before the article's (all of them when it has none)."""
        published = self.article.published
        if published is None:
            return dates
        return [d for d in dates if (published - d.date).days <= _RECENT_DAYS]

    def toll_date(self) -> date | None:
        """The date of a stated toll ("49 militares murieron el martes"), which dates the
        story even when the sentence names no place or trigger."""
        if not self.outcome or not self.dates:
            return None
        tolls = [m.start() for field in ("fatalities", "wounded") for m in self.figures[field]]
        if not tolls:
            return None
        return min(self.dates, key=lambda d: min(_distance(d, at) for at in tolls)).date

    def _event(self, lm, trigger: _Trigger, when, precision) -> Event:
        sub_type = trigger.sub_event_type
        if trigger.event_type == "Protests" and _INTERVENTION.search(self.folded):
            sub_type = "Protest with intervention"
        return new_record(
            Event,
            article_id=self.article.id,
            location=lm,
            event_type=trigger.event_type,
            sub_event_type=sub_type,
            event_date=when,
            time_precision=precision,
            excerpt=self.excerpt,
            fatalities=None,
            wounded=None,
            is_incident=True,
        )

    def _mention(self, lm: LocatedMention) -> Event:
        offset = lm.mention.start - self.start
        spoken = bool(self.speech) or self.names_actor(offset)
        if self.dates:
            nearest = min(self.dates, key=lambda d: _distance(d, offset))
            when, precision = nearest.date, nearest.precision
        else:
            when, precision = self.article.published, WEEK if self.article.published else UNKNOWN
        return new_record(
            Event,
            article_id=self.article.id,
            location=lm,
            event_type=MENTION,
            sub_event_type=STATEMENT if spoken else PLACE_NAMED,
            event_date=when,
            time_precision=precision,
            excerpt=self.excerpt,
            fatalities=None,
            wounded=None,
            is_incident=False,
        )

    def _assign_figures(self, found: list[_Found]) -> None:
        if not found or not self.outcome:
            return
        for field in ("fatalities", "wounded"):
            counts = [(_count(m), m.start()) for m in self.figures[field]]
            counts = [(n, at) for n, at in counts if n is not None and not 1900 <= n <= 2100]
            if not counts:
                continue
            count, at = max(counts)
            target = min(found, key=lambda f: _event_distance(f.event, self.start, at))
            target.event = replace(target.event, **{field: count})


def _in_the_war(place: Place) -> bool:
    """Whether armed events of the conflict can be placed there: Armenia, Azerbaijan and their
    neighbours' border lands (or a place put roughly in them), not a capital of a million."""
    return place.country in _WAR_COUNTRIES and place.population < _CAPITAL_POPULATION


def _focus(mentions: list[LocatedMention], keys: dict[int, tuple]) -> LocatedMention | None:
    """The town or village an article is about: named three times or more, and more than any
    other."""
    counts: dict[tuple, list[LocatedMention]] = {}
    for lm in mentions:
        if lm.place.kind in SETTLEMENT_KINDS:
            counts.setdefault(keys[id(lm)], []).append(lm)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if ranked and len(ranked[0]) >= 3 and (len(ranked) == 1 or len(ranked[1]) < len(ranked[0])):
        return ranked[0][0]
    return None


def _by_sentence(
    mentions: list[LocatedMention], spans: list[tuple[int, int]]
) -> dict[int, list[LocatedMention]]:
    """The mentions of each sentence that has any, by the sentence's index."""
    starts = [start for start, _ in spans]
    found: dict[int, list[LocatedMention]] = {}
    for lm in mentions:
        index = bisect_right(starts, lm.mention.start) - 1
        if index >= 0 and lm.mention.start < spans[index][1]:
            found.setdefault(index, []).append(lm)
    return found


def _last_settlements(
    by_sentence: dict[int, list[LocatedMention]],
) -> dict[int, LocatedMention]:
    """The last town or village named in each sentence that names one, by its index."""
    settled = {}
    for index, located in by_sentence.items():
        settlements = [lm for lm in located if lm.place.kind in SETTLEMENT_KINDS]
        if settlements:
            settled[index] = settlements[-1]
    return settled


def _last_date(sentence: _Sentence | partial[_Sentence] | None) -> date | None:
    """The last date of a sentence, built here when it was left unread (a `partial`)."""
    if isinstance(sentence, partial):
        sentence = sentence()
    dates = sentence.dates if sentence is not None else []
    return dates[-1].date if dates else None


def _count(match: re.Match) -> int | None:
    first = read_number(match["n"])
    second = read_number(match["m"]) if match.groupdict().get("m") else 0
    return None if first is None or second is None else first + second


# (string, flag) for every string a sentence is checked for: trigger words with the rank of
# their trigger, words of an outcome, of speech or attribution ("segun"), and the strings of
# the patterns `_Sentence` searches only in sentences that contain them.
_SENTENCE_STRINGS = (
    [(n, ("trigger", rank)) for rank, strings in enumerate(_TRIGGER_NEEDLES) for n in strings]
    + [(n, ("trigger also", rank)) for rank, strings in _TRIGGER_ALSO.items() for n in strings]
    + [(n, "outcome") for n in _OUTCOME_NEEDLES]
    + [(n, "speech") for n in (*_SPEECH_VERBS, *_SPEECH_PARTICIPLES)]
    + [(n, "according") for n in ("segun", "according")]
    + [(n, "habitual") for n in _HABITUAL_NEEDLES]
    + [(n, "last year") for n in _LAST_YEAR_NEEDLES]
    + [(n, "where") for n in ("donde", "where")]
    + [(n, "taking") for n in _TAKING_NEEDLES]
    + [(n, "not site") for n in _NOT_SITE_NEEDLES]
    + [(n, "taken to") for n in _TAKEN_TO_NEEDLES]
    + [(n, "links") for n in ("une", "unia", "unen", "conect", "enlaza", "link", "connect")]
    + [(n, "document") for n in _DOCUMENT_NEEDLES]
    + [(n, "since") for n in _SINCE_NEEDLES]
    + [(n, field) for field, _, needles in _FIGURES for n in needles]
)
# Every form `word_forms` gives.
_DATE_FORMS = sorted({*chain.from_iterable(DATE_CUES.values()), *FIGURE_FORMS}, key=str)
# A bit for each flag, and ("date", form) for each form of `word_forms`: a sentence's flags
# are one int, the `|` of its words', rather than a set of values merged and sorted through.
_FLAGS = {
    flag: 1 << bit
    for bit, flag in enumerate(
        dict.fromkeys([flag for _, flag in _SENTENCE_STRINGS] + [("date", f) for f in _DATE_FORMS])
    )
}
_TRIGGER_FLAGS = sum(_FLAGS["trigger", rank] for rank in range(len(_TRIGGERS))) | sum(
    _FLAGS["trigger also", rank] for rank in _TRIGGER_ALSO
)
_DATE_FLAGS = sum(_FLAGS["date", form] for form in _DATE_FORMS)


def _sentence_flags(sentence: str) -> int:
    """The flags of a folded sentence: those of the `_SENTENCE_STRINGS` it contains, and
    ("date", form) for the `word_forms` it gives.

    No string has a space, so a sentence contains one when one of its space-separated words
    does; news repeats its words, so each word is searched only the first time it is met.
    """
    return reduce(or_, map(_WORD_FLAGS.__getitem__, sentence.split()), 0)


def _word_flags(word: str) -> int:
    flags = 0
    for start in range(len(word)):
        node = _STRINGS_TRIE
        for char in word[start:]:
            node = node.get(char)
            if node is None:
                break
            flags |= node.get("", 0)
    for form in word_forms(word):
        flags |= _FLAGS["date", form]
    return flags


def _ranks(flags: int) -> tuple[int, ...]:
    """The ranks of the triggers whose strings the flags show, in order: an attack on
    civilians also needs the verb or the harm."""
    return tuple(
        rank
        for rank in range(len(_TRIGGERS))
        if flags & _FLAGS["trigger", rank]
        and (rank not in _TRIGGER_ALSO or flags & _FLAGS["trigger also", rank])
    )


def _forms(flags: int) -> frozenset:
    return frozenset(form for form in _DATE_FORMS if flags & _FLAGS["date", form])


class _Memo(dict):
    """`function` of each key, computed the first time the key is met: a dict looked up
    through `__missing__` costs half an `lru_cache` call, and every word of every sentence is
    looked up. Emptied when it grows past a newspaper's vocabulary."""

    def __init__(self, function):
        self.function = function

    def __missing__(self, key):
        if len(self) >= 1 << 16:
            self.clear()
        value = self[key] = self.function(key)
        return value


_WORD_FLAGS = _Memo(_word_flags)
_IS_LETTER = _Memo(lambda char: char.isalnum() and not char.isdecimal())
"""Whether a character is part of a word `_word_before` reads: a word character, not a digit."""
_RANKS = _Memo(_ranks)
"""By the trigger flags of a sentence."""
_FORMS = _Memo(_forms)
"""By the date flags of a sentence."""

# `_SENTENCE_STRINGS` letter by letter, the flags of a string under "" at its last letter: a
# word met for the first time is read once from each letter rather than once for each string.
_STRINGS_TRIE: dict = {}
for _string, _flag in _SENTENCE_STRINGS:
    _node = _STRINGS_TRIE
    for _char in _string:
        _node = _node.setdefault(_char, {})
    _node[""] = _node.get("", 0) | _FLAGS[_flag]


def _first_trigger(
    folded: str, triggers: dict[int, re.Match], start: int, end: int
) -> _Trigger | None:
    """The most specific trigger within [start, end), the earliest of its kind; `triggers`
    are the sentence's `_Sentence.triggers`.

    A match within [start, end) is also one in the whole sentence, so it starts at or after
    the first: the patterns read nothing past the end of what they match but the word
    boundary there, and no part searched ends inside a word."""
    for rank, first in triggers.items():
        if first.start() >= end:
            continue
        event_type, sub_type, pattern = _TRIGGER_RES[rank]
        inside = start <= first.start() and first.end() <= end
        match = first if inside else pattern.search(folded, start, end)
        while match and _backdrop(folded, match):
            match = pattern.search(folded, match.end(), end)  # "proveedor de drones"
        if match:
            return _Trigger(match.start(), match.end(), event_type, sub_type, rank)
    return None


def _last_trigger(
    folded: str, triggers: dict[int, re.Match], start: int, end: int
) -> _Trigger | None:
    """The trigger that starts last within [start, end), of any kind; see `_first_trigger`."""
    last: _Trigger | None = None
    for rank, first in triggers.items():
        if first.start() >= end:
            continue
        event_type, sub_type, pattern = _TRIGGER_RES[rank]
        for match in pattern.finditer(folded, start, end):
            if (last is None or match.start() > last.start) and not _backdrop(folded, match):
                last = _Trigger(match.start(), match.end(), event_type, sub_type, rank)
    return last


def _backdrop(folded: str, match: re.Match) -> bool:
    """Weapons traded ("proveedor de drones"), the backdrop ("en plena ofensiva") or a blockade
    that lasts rather than starts ("tras diez meses de bloqueo", "remained blocked")."""
    return bool(
        _TRADED.search(folded, max(0, match.start() - 30), match.start())
        or _AMID.search(folded, max(0, match.start() - 20), match.start())
        or (
            match.re is _BLOCKADE
            and (
                _LASTING.search(folded, max(0, match.start() - 12), match.start())
                or _NOT_BLOCKADE.match(folded, match.start())
            )
        )
    )


# A blockade told as a state, by its noun or its lasting ("el bloqueo del corredor", "meses de
# bloqueo", "remained blocked", "mantiene cortada"), or a word that is no blockade ("los
# bloques de pisos").
_LASTING = re.compile(r"\b(?:el|del|al|un|su|de|the|a|its|remained|remains|sigue|permanece)\s+$")
_NOT_BLOCKADE = re.compile(r"bloques?\b")
# The backdrop of what is told: "en plena ofensiva rusa en Ucrania", "amid the war".
_AMID = re.compile(r"\b(?:en\s+plen[oa]|en\s+medio\s+de(?:l|\s+la)?|amid|amidst)\s+$")
# Weapons bought, sold or owned are no attack: "el principal proveedor de drones".
_TRADED = re.compile(
    r"\b(?:proveedor(?:es)?|venta|ventas|compra|compras|suministro|fabricante|fabricacion|"
    r"exportacion|importacion|arsenal|contrato|supplier|sale|sales|purchase|supply)\s+"
    r"(?:de\s+|of\s+)?(?:[^\W\d]+\s+){0,2}$"
)


def _speaker_spans(
    folded: str, triggers: dict[int, re.Match], speech: list[re.Match], may_cite: bool
) -> list[tuple[int, int]]:
    """Spans of a sentence that say who spoke: before "dijo que", after "», dijo", "según";
    `speech` are its verbs of speech, `may_cite` whether it has "segun" or "according"."""
    spans = [m.span() for m in _ACCORDING.finditer(folded)] if may_cite else []
    for verb in speech:
        before = folded[: verb.start()].rstrip()
        comma = before.rfind(",")
        # "..., the ministry said in a statement": an attribution after a clause that
        # reports something, with no "que"/"that" to introduce content.
        after_report = (
            comma > 0
            and not _THAT.match(folded, verb.end())
            and _first_trigger(folded, triggers, 0, comma) is not None
        )
        if after_report:
            spans.append((comma, _next_break(folded, verb.end())))
        elif before.rstrip(",").rstrip().endswith(("»", '"', "”")):
            spans.append((verb.start(), _next_break(folded, verb.end())))
        elif before.endswith((" y", " e", " and")):
            # "afirmó que ... y anunció": the speaker named before the first verb.
            spans.append(verb.span())
        else:
            starts = [m.end() for m in _SPEAKER_START.finditer(folded, 0, verb.start())]
            # "informó ante el Parlamento en Ereván que ...": where the speaker spoke.
            end = verb.end()
            ahead = _SPOKEN_WHERE.match(folded, end)
            if ahead and _first_trigger(folded, triggers, end, ahead.end()) is None:
                end = ahead.end()
            spans.append((starts[-1] if starts else 0, end))
    return spans


_SPOKEN_WHERE = re.compile(r"[^,;:.«»\"“”]{0,60}?\s(?:que|that)\b")


_BREAK = re.compile(r"[;:«»\"“”]|,\s+(?:y|pero)\s")


def _next_break(folded: str, position: int) -> int:
    match = _BREAK.search(folded, position)
    return match.start() if match else len(folded)


def _names_actor(text: str, offset: int, folded: str) -> bool:
    """Whether the place at `offset` qualifies an actor: "Ministerio de ... de Azerbaiyán",
    "el primer ministro interino de Armenia", "tropas de Azerbaiyán"; `folded` is
    `fold(text)`, whose words are those of `text` folded."""
    # Words are read back from the place, and only as far as needed: most places follow no "de".
    window = max(0, offset - 80)
    span = _word_before(text, window, offset)
    if span is not None and folded[span[0] : span[1]] in _NAMED_GROUPS:
        return True  # "el movimiento 'Tavush por la Patria'", "the Armenia Alliance"
    if span is None or folded[span[0] : span[1]] not in ("de", "del", "of", "la", "los"):
        return False
    while span is not None and folded[span[0] : span[1]] in _LINKS:
        span = _word_before(text, window, span[0])
    if span is None:
        return False
    last = folded[span[0] : span[1]]
    if last in _PLACE_HEADS:
        return False
    before = _word_before(text, window, span[0])
    if last in _ACTOR_HEADS or (before and folded[before[0] : before[1]] in _ACTOR_HEADS):
        return True
    # A chain of capitalised words ("Ministerio de Defensa de ...") that an actor heads.
    while span is not None:
        start, end = span
        word = folded[start:end]
        if not (text[start].isupper() or word in ("de", "del", "la", "los", "las", "y", "of")):
            return False
        if word in _ACTOR_HEADS:
            return True
        span = _word_before(text, window, start)
    return False


_LINKS = ("de", "del", "of", "la", "los", "las", "the")


def _word_before(text: str, window: int, end: int) -> tuple[int, int] | None:
    """The (start, end) of the last word (run of letters) of text[window:end], if any.

    Most words are letters after a space: one `rfind` finds where they start."""
    while end > window and not _IS_LETTER[text[end - 1]]:
        end -= 1
    if end == window:
        return None
    start = text.rfind(" ", window, end) + 1 or window
    if not text[start:end].isalpha():
        start = end - 1
        while start > window and _IS_LETTER[text[start - 1]]:
            start -= 1
    return start, end


def _distance(found: DateExpression, start: int, end: int | None = None) -> int:
    """Characters between a date and a position or span of the sentence."""
    end = start if end is None else end
    if found.start <= end and start < found.end:
        return 0
    return min(abs(found.start - end), abs(start - found.end))


def _event_distance(event: Event, sentence_start: int, at: int) -> int:
    if event.location is None:
        return 0
    return abs(event.location.mention.start - sentence_start - at)


def _unique(found: list[_Found]) -> list[_Found]:
    """One event per place and type within a sentence."""
    seen: set = set()
    kept = []
    for f in found:
        key = (f.place, f.event.event_type)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def _year_named(text: str) -> int | None:
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text)]
    return max(years) if years else None


def _key_of(lm: LocatedMention) -> tuple:
    return lm.place.name, round(lm.place.lat, 3), round(lm.place.lon, 3)


def _date_from_same_place(found: list[_Found]) -> None:
    """An event dated only by publication takes the date the article states elsewhere for the
    same place and type (a headline's "invadieron Syunik" is the body's 12 May)."""
    stated: dict[tuple, _Found] = {}
    for f in found:
        if f.explicit and f.event.is_incident:
            stated.setdefault((f.place, f.event.event_type), f)
    for f in found:
        source = stated.get((f.place, f.event.event_type))
        if (
            f.dated_by == "published"
            and source is not None
            and source.event.excerpt != f.event.excerpt
        ):
            f.event = replace(
                f.event,
                event_date=source.event.event_date,
                time_precision=source.event.time_precision,
            )


def _is_heading(text: str, start: int, end: int) -> bool:
    """A whole line with no full stop: the article's title or a subheading."""
    return (
        text[end : end + 1] in ("\n", "")
        and text[start - 1 : start] in ("\n", "")
        and text[end - 1] not in ".!?…"
    )


def _without_told_again(
    found: list[_Found], text: str, spans: list[tuple[int, int]]
) -> list[_Found]:
    """Drop a heading's undated incidents at a place the text reports a dated one at
    ("Jankendi bajo el fuego" over "el martes, la artillería alcanzó Jankendi"); the
    headings are looked for only when there is an undated incident."""
    if all(f.explicit or not f.event.is_incident for f in found):
        return found
    headings = {text[s:e] for s, e in spans if _is_heading(text, s, e)}
    if not headings:
        return found
    dated_places = {
        f.place
        for f in found
        if f.explicit and f.event.is_incident and f.event.excerpt.sentence not in headings
    }
    return [
        f
        for f in found
        if not (
            f.event.is_incident
            and not f.explicit
            and f.event.excerpt.sentence in headings
            and f.place in dated_places
        )
    ]


def _regions_situate(found: list[_Found]) -> list[Event]:
    """The events, a region's incidents made mentions when the article places incidents of
    the same kind in towns or villages: "los combates en Nagorno Karabaj" situate what it
    places at Martakert or Talish, and a region is where ACLED puts only what nothing finer
    places. (A road such as the Lachin corridor runs along the region, not in it.)"""
    finer = {
        f.event.event_type
        for f in found
        if f.event.is_incident and f.event.location.place.kind in SETTLEMENT_KINDS
    }
    return [
        replace(f.event, event_type=MENTION, sub_event_type=PLACE_NAMED, is_incident=False)
        if f.event.is_incident
        and f.event.location.place.kind == "region"
        and f.event.event_type in finer
        else f.event
        for f in found
    ]


def _link_orphans(orphans: list[_Found], found: list[_Found]) -> list[_Found]:
    """Place a placeless trigger at the one place the article reports the same event at."""
    linked = []
    for orphan in orphans:
        same = [
            f
            for f in found
            if f.event.is_incident
            and f.event.event_type == orphan.event.event_type
            and f.event.event_date == orphan.event.event_date
        ]
        for narrowed in (
            same,
            [f for f in same if f.explicit],
            [f for f in same if f.explicit and f.trigger[:6] == orphan.trigger[:6]],
        ):
            places = {f.place for f in narrowed}
            if len(places) == 1:
                target = narrowed[0].event
                linked.append(
                    _Found(
                        replace(
                            orphan.event,
                            location=target.location,
                            sub_event_type=target.sub_event_type,
                        ),
                        orphan.dated_by,
                        orphan.trigger,
                        narrowed[0].place,
                    )
                )
                break
    return linked
