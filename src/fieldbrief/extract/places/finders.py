"""Finding place mentions in a parsed article: NER entities, gazetteer names NER did not see, datelines, names
before a cue word ("Andar district"), small towns of the countries named (`local_names`), demonyms; then the
qualifiers the text writes beside them (`qualifiers`)."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.gazetteer import NAME_MAIN, Gazetteer, name_key
from fieldbrief.extract.places.local_names import local_mentions
from fieldbrief.extract.places.mentions import (
    APOSTROPHES,
    Mention,
    capitalised,
    cue_before,
    exact_person_names,
    is_capitalised,
    is_demonym,
    landmark_mention,
    longest_known,
    make_mention,
    person_names,
    piece,
    span_key,
)
from fieldbrief.extract.places.qualifiers import QUALIFIER_FEATURES, abbreviations, qualify
from fieldbrief.extract.places.rules import PlaceRules
from fieldbrief.lexicon.datelines import dateline_places
from fieldbrief.nlp import doc_text
from fieldbrief.nlp.columns import Decided, columns, entities

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# labels the small model puts on places too ("Tajikistan" NORP, "Panjshir" ORG, "Vuhledar" PRODUCT): such an
# entity is a place when it is exactly the name of one that phrase matching would accept
EXACT_NAME_LABELS = frozenset({"ORG", "NORP", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"})
# labels of entities that are no names: the small model sometimes puts them on a capitalised place name
# ("Zinda Jan district" DATE), so gazetteer phrase matching looks inside them
NON_NAME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# inside a longer name the gazetteer does not know, a known name this short is a syllable of it, not a place: the
# "Pa" of the Myanmar village "Pa Zi Gyi" (a town in Burkina Faso, and Pennsylvania's abbreviation)
MAX_FRAGMENT_CHARS = 2
MAX_CUED_NAME_TOKENS = 6  # "Nad - e Ali district": tokens of a name found by the cue word after it
LANDMARK_MAX_TOKENS = 5  # tokens of the longest landmark name looked up (data/places.toml [landmarks])
CUED_FEATURES = frozenset({"district", "province", "village", "valley"})
TITLE_CASE = Decided()  # string hash -> str.istitle, what spaCy's `Token.is_title` says (decided once per process)


def _strip_the(span: Span) -> tuple[int, int]:
    start = span.start + 1 if columns(span.doc).lowers[span.start] == "the" and len(span) > 1 else span.start
    return start, span.end


def _span_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text`, cut from the doc's text (spaCy joins the span's tokens one by one)."""
    cols = columns(doc)
    if end <= start:
        return ""
    return doc_text(doc)[cols.char_starts[start] : cols.char_end(end - 1)]


def _entity_mentions(doc: Doc, gaz: Gazetteer, rules: PlaceRules, person_words: frozenset[str]) -> list[Mention]:
    found: list[Mention] = []
    covered = -1  # the end of a name that ran on past its entity ("Democratic Republic of the" + "Congo")
    cols = columns(doc)
    texts, lowers = cols.texts, cols.lowers
    for ent in entities(doc):
        start, end = _strip_the(ent)
        if start < covered:
            continue
        longer = _running_on(doc, start, end, gaz, rules)
        if longer is not None:
            found.append(make_mention(doc, start, longer[0], longer[1], rules, ent.label_))
            covered = longer[0]
            continue
        if end - start > 1 and texts[end - 1].islower() and lowers[end - 1] in rules.cue_features:
            end -= 1  # "Kandahar province": the lower-case cue word is no part of the name, but a cue
        end = _hyphen_joined(doc, start, end, gaz)
        key = span_key(doc[start:end])
        if (
            not key
            or is_demonym(_span_text(doc, ent.start, ent.end), rules)
            or is_demonym(_span_text(doc, start, end), rules)
        ):
            continue
        if key in rules.direction_words:
            continue  # "the West", "the South": no place to point at
        if key in rules.landmarks:
            landmark = landmark_mention(doc, start, end, key, rules)
            found.extend([landmark] if landmark else [])
            continue
        if ent.label_ in EXACT_NAME_LABELS:
            if key in gaz.matchable and key not in rules.never_alone:
                mention = make_mention(doc, start, end, key, rules, ent.label_)
                mention.weak = True
                found.append(mention)
            elif ent.label_ == "ORG" and not gaz.candidates(key):  # "Beni Suef" (ORG) is no org of "Beni"
                found.extend(_embedded_places(doc, start, end, gaz, rules))
            continue
        if ent.label_ not in PLACE_LABELS:
            continue
        if gaz.candidates(key):
            found.append(make_mention(doc, start, end, key, rules, ent.label_))
            continue
        if any(texts[t] in rules.org_heads for t in range(start, end)):
            continue  # an organisation tagged as a place ("the Feinstein Center for Human Rights")
        whole = longest_known(doc, start, end, gaz, rules, require_matchable=True)
        if whole is not None and " " in whole[1]:  # "South Asia" of "South Asia Earthquake": before the
            found.append(make_mention(doc, start, whole[0], whole[1], rules, ent.label_))  # bare "Asia"
            start = whole[0]
        while start < end and lowers[start] in rules.direction_words | {"the"}:
            start += 1
        i = start
        while i < end:  # the important names inside the entity, longest first from the left
            hit = longest_known(doc, i, end, gaz, rules, require_matchable=True)
            if hit and len(hit[1]) > MAX_FRAGMENT_CHARS:
                found.append(make_mention(doc, i, hit[0], hit[1], rules, ent.label_))
                i = hit[0]
            else:
                i += 1
    return found


def _running_on(doc: Doc, start: int, end: int, gaz: Gazetteer, rules: PlaceRules) -> tuple[int, str] | None:
    """A matchable name of several words that starts with the entity and runs on past its end, across tokens NER
    split off or labelled otherwise: "Democratic Republic of the" + "Congo", "French" (NORP) + "Guiana",
    "Rio Grande" + "do Sul". Returned as (end, key) when it is longer than the entity."""
    limit = min(len(doc), end + 3 * gaz.max_words)
    hit = longest_known(doc, start, limit, gaz, rules, require_matchable=True)
    if hit is None or hit[0] <= end or " " not in hit[1] or hit[1] in rules.never_alone:
        return None
    if not is_capitalised(doc[hit[0] - 1]):
        return None  # "Punjab province": a lower-case cue word is no part of the name
    return hit


def _embedded_places(doc: Doc, start: int, end: int, gaz: Gazetteer, rules: PlaceRules) -> list[Mention]:
    """ "U.S. Centers for Disease Control", "Vancouver Coastal Health Authority", "Walker County Sheriff's
    Office": the places an organisation is named after, mentioned associatively (geoparsing corpora mark them;
    an event is never placed there). They are weak mentions: a small town needs the article's country."""
    found: list[Mention] = []
    i = start
    while i < end:
        hit = longest_known(doc, i, end, gaz, rules, require_matchable=True)
        # "Northern Alliance": a one-word town name that ends the organisation's name is its head noun
        last_word = hit is not None and hit[0] == end == i + 1 and i > start and not _names_a_state(hit[1], gaz)
        if hit is None or last_word or hit[1] in rules.never_alone or hit[1] in rules.common_words:
            i += 1
            continue
        mention = make_mention(doc, i, hit[0], hit[1], rules, "ORG")
        mention.embedded = mention.weak = True
        found.append(mention)
        i = hit[0]
    return found


def _phrase_mentions(
    doc: Doc, gaz: Gazetteer, rules: PlaceRules, taken: set[int], person_words: frozenset[str]
) -> list[Mention]:
    """Gazetteer names on capitalised tokens that no entity covers."""
    found: list[Mention] = []
    i, n = 0, len(doc)
    # No name or landmark read below is longer than this many tokens: the scan for the limit stops there.
    reach = max(3 * gaz.max_words, LANDMARK_MAX_TOKENS) + 1
    in_name = _in_name_entities(doc)
    for start in np.flatnonzero(capitalised(doc) & ~in_name).tolist():  # the tokens a name can start at
        if start < i or start in taken:
            continue  # inside the name found last, or inside another mention
        i = start
        limit, stop = i, min(n, i + reach)
        while limit < stop and limit not in taken and not in_name[limit]:
            limit += 1
        landmark = _longest_landmark(doc, i, limit, rules)
        if landmark:
            mention = landmark_mention(doc, i, landmark[0], landmark[1], rules)
            found.extend([mention] if mention else [])
            i = landmark[0]
            continue
        hit = longest_known(doc, i, limit, gaz, rules, require_matchable=True)
        if hit and hit[1] not in person_words and _accept_bare(doc, i, hit[0], hit[1], gaz, rules):
            found.append(make_mention(doc, i, hit[0], hit[1], rules))
            i = hit[0]
        else:
            i += 1
    return found


def _in_name_entities(doc: Doc) -> np.ndarray:
    """Which tokens lie inside an entity that is a name (any label but those of dates, times and numbers)."""
    cols = columns(doc)
    in_name: np.ndarray = (cols.ent_type != 0) & ~np.isin(cols.ent_type, cols.codes(NON_NAME_LABELS))
    return in_name


def _longest_landmark(doc: Doc, start: int, limit: int, rules: PlaceRules) -> tuple[int, str] | None:
    if piece(doc[start]) not in rules.landmark_starts:
        return None
    for end in range(min(limit, start + LANDMARK_MAX_TOKENS), start, -1):
        key = span_key(doc[start:end])
        if key in rules.landmarks:
            return end, key
    return None


def _accept_bare(doc: Doc, start: int, end: int, key: str, gaz: Gazetteer, rules: PlaceRules) -> bool:
    """A gazetteer match that NER did not see: multi-word names pass; a single word must look like a name
    of its own, not the tail of a longer one ("Arab Spring", "Elizabeth Warren") nor a short head of one. At
    the start of a sentence, where every word is capitalised, only a country or division ("Nigeria reported")
    or a place the text qualifies ("Buffalo, New York") passes."""
    if end - start > 1:
        return True
    token = doc[start]
    if key in rules.never_alone or token.pos_ != "PROPN" or is_demonym(token.text, rules):
        return False
    if len(key) <= MAX_FRAGMENT_CHARS and end < len(doc) and is_capitalised(doc[end]):
        return False  # a syllable of a longer name ("Pa Zi Gyi")
    if token.is_sent_start:
        return _names_a_state(key, gaz) or _qualified(doc, end, gaz, rules)
    before = doc[start - 1]
    return not (is_capitalised(before) and not before.is_sent_start and before.pos_ in ("PROPN", "ADJ"))


def _names_a_state(key: str, gaz: Gazetteer) -> bool:
    return any(c.feature in QUALIFIER_FEATURES and c.name_kind == NAME_MAIN for c in gaz.candidates(key))


def _qualified(doc: Doc, end: int, gaz: Gazetteer, rules: PlaceRules) -> bool:
    """Followed by a comma and a country or division: "Buffalo, New York", "Springfield, Ill."."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    hit = longest_known(doc, end + 1, min(len(doc), end + 5), gaz, rules, require_matchable=False)
    return hit is not None and any(c.feature in QUALIFIER_FEATURES for c in gaz.candidates(hit[1]))


def _hyphen_joined(doc: Doc, start: int, end: int, gaz: Gazetteer) -> int:
    """The end of a name NER split at a hyphen ("Guinea" of "Guinea-Bissau"), when the joined name is known."""
    cols = columns(doc)
    joined = (
        end + 1 < len(doc)
        and cols.texts[end] in "-‐‑"
        and not cols.whitespace[end - 1]
        and not cols.whitespace[end]
        and bool(gaz.candidates(span_key(doc[start : end + 2])))
    )
    return end + 2 if joined else end


def _inside_org_name(doc: Doc, mention: Mention, rules: PlaceRules) -> bool:
    """ "Front of Afghanistan", "State of Iraq and the Levant": the place belongs to an organisation's name."""
    i = mention.start
    while i >= 2 and doc[i - 1].lower_ in {"and", "the"}:
        i -= 1
    if i < 2 or doc[i - 1].lower_ != "of":
        return False
    head = doc[i - 2]
    return head.text in rules.org_heads or head.ent_type_ == "ORG"


def _dateline_mentions(doc: Doc, gaz: Gazetteer, rules: PlaceRules, text: str) -> list[Mention]:
    """ "KYIV (Reuters) -": the filing place in capitals, looked up title-cased (not as an acronym)."""
    found: list[Mention] = []
    for start_char, end_char in dateline_places(text):
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            continue
        for end in range(span.end, span.start, -1):  # the longest known name from the start
            key = name_key(doc[span.start : end].text.title())
            if key and gaz.candidates(key):
                mention = make_mention(doc, span.start, end, key, rules, "GPE")
                mention.locative = True
                found.append(mention)
                break
    return found


def _cued_mentions(doc: Doc, gaz: Gazetteer, rules: PlaceRules, taken: set[int]) -> list[Mention]:
    """ "Nad-e Ali district", "Musa Qal’ah district": a capitalised name right before a cue word of an
    administrative or village feature is looked up whatever NER made of it (the small model tags "Ali" PERSON)
    and whether or not the name is big enough to be matched alone."""
    found: list[Mention] = []
    cols = columns(doc)
    cue_words = [word for word, features in rules.cue_features.items() if CUED_FEATURES & features]
    for at in np.flatnonzero(np.isin(cols.lower, cols.codes(cue_words))).tolist():
        if at == 0 or at in taken:
            continue
        cue = doc[at]
        start = cue.i
        while (
            start > 0
            and cue.i - start < MAX_CUED_NAME_TOKENS
            and (start - 1) not in taken
            and (_name_part(doc[start - 1], rules))
        ):
            start -= 1
        while start < cue.i and not is_capitalised(doc[start]):
            start += 1  # a name never starts with a connector
        for first in range(start, cue.i):
            key = span_key(doc[first : cue.i])
            if is_capitalised(doc[first]) and key and key not in rules.direction_words and gaz.candidates(key):
                found.append(make_mention(doc, first, cue.i, key, rules))
                taken.update(range(first, cue.i + 1))
                break
    return found


def _name_part(token: Token, rules: PlaceRules) -> bool:
    """A token that can be inside a place name: capitalised, a connector ("of", "e"), or the rest of a word
    split at an apostrophe ("Panjwa" + "’i")."""
    if is_capitalised(token) or token.lower_ in rules.connectors:
        return True
    return bool(APOSTROPHES.match(token.text)) and token.i > 0 and not token.doc[token.i - 1].whitespace_


def _demonym_mentions(doc: Doc, rules: PlaceRules, taken: set[int]) -> list[Mention]:
    """ "Russian forces", "the Afghans", "Sri Lankan": capitalised demonyms outside other place mentions."""
    found: list[Mention] = []
    cols = columns(doc)
    n = len(doc)
    after = 0  # the first token after the demonym found last
    lowers = cols.lowers
    for i in np.flatnonzero(cols.words_in(cols.orth, str.istitle, TITLE_CASE)).tolist():
        if i < after or i in taken:
            continue
        lower = lowers[i]
        size = 0
        # a pair can be a demonym only if its first word starts one of several words ("Sri Lankan")
        pair = lower in rules.demonym_firsts and i + 1 < n and i + 1 not in taken and f"{lower} {lowers[i + 1]}"
        if pair and is_demonym(pair, rules):
            size = 2
        elif is_demonym(lower, rules):  # also when NER tags it GPE ("Ukrainian troops")
            size = 1
        if size:
            key = " ".join(lowers[i : i + size])
            found.append(Mention(i, i + size, key, frozenset(), i + size, label=doc[i].ent_type_, demonym=True))
            after = i + size
    return found


def find_mentions(doc: Doc, gaz: Gazetteer, rules: PlaceRules, text: str | None = None) -> list[Mention]:
    """Every place name of the article (`text`: the doc's text, when the caller has it at hand)."""
    person_words = exact_person_names(doc, rules.generic_words)
    datelines = _dateline_mentions(doc, gaz, rules, doc_text(doc) if text is None else text)
    in_dateline = {t for m in datelines for t in range(m.start, m.end)}
    mentions = datelines + [
        m
        for m in _entity_mentions(doc, gaz, rules, person_words)
        if not in_dateline.intersection(range(m.start, m.end))
    ]
    persons = person_names(doc, gaz, rules.generic_words)
    for mention in mentions:
        mention.person = mention.key in persons
    taken = {t for m in mentions for t in range(m.start, m.cue_end)}
    mentions += _cued_mentions(doc, gaz, rules, taken)
    mentions += _phrase_mentions(doc, gaz, rules, taken, person_words)
    mentions += local_mentions(doc, gaz, rules, mentions, person_words)
    for mention in mentions:  # "Front of Afghanistan", "University of Pennsylvania": the organisation's place
        if _inside_org_name(doc, mention, rules):
            mention.embedded = True
    for mention in mentions:
        _drop_organisation_cue(doc, mention, gaz, rules)
        _absorb_cue_name(doc, mention, gaz)
    mentions = qualify(doc, sorted(mentions, key=lambda m: m.start), gaz, rules)
    mentions = abbreviations(doc, mentions, gaz, rules)
    mentions = [m for m in mentions if not _generic_facility(m, gaz, rules)]
    taken = {t for m in mentions for t in range(m.start, m.cue_end)}
    mentions += _demonym_mentions(doc, rules, taken)
    return sorted(mentions, key=lambda m: m.start)


def _drop_organisation_cue(doc: Doc, mention: Mention, gaz: Gazetteer, rules: PlaceRules) -> None:
    """ "Ohio State University", "Columbia State Community College", "Duke plays Michigan State": a capitalised cue
    word that also heads organisations' names ("State") names an organisation after the place, not the place's
    feature, unless the gazetteer knows the name with it ("Mon State", "Borno State") or the text puts it in a
    place-like context of its own ("fighting in Kano State", "Matias Romero, Oaxaca State, Mexico"). Neither a
    cue nor part of the name then."""
    if mention.cue_end == mention.end or mention.country:
        return
    word = doc[mention.end]
    if word.text not in rules.org_heads:
        return
    longer = mention.cue_end < len(doc) and is_capitalised(doc[mention.cue_end])  # "Ohio State University"
    in_organisation = word.ent_type_ == "ORG" or longer
    place_like = mention.locative or (mention.start > 0 and doc[mention.start - 1].text == ",")
    if gaz.candidates(f"{mention.key} {piece(word)}") or (place_like and not in_organisation):
        return
    mention.cues, mention.cue_end = cue_before(doc, mention.start, rules), mention.end


def _generic_facility(mention: Mention, gaz: Gazetteer, rules: PlaceRules) -> bool:
    """ "Airport", "City Park": generic words that NER does not call a place name the story's facility, not a
    tiny town of that name (which would also count as evidence of its country)."""
    if mention.label in ("GPE", "LOC") or mention.qualifier or not mention.key:
        return False
    if not all(word in rules.generic_words for word in mention.key.split(" ")):
        return False
    return all(c.population < rules.exact_label_min_population for c in gaz.candidates(mention.key))


def _absorb_cue_name(doc: Doc, mention: Mention, gaz: Gazetteer) -> None:
    """ "Zinda Jan district": when the name with its cue word is a gazetteer name of its own and the bare name
    has no place of the cue's kind, the name with its cue word is the mention. "Kandahar province" stays
    "Kandahar" with the cue: the bare name has a province."""
    if mention.cue_end > mention.end and not mention.country:
        if any(c.feature in mention.cues for c in gaz.candidates(mention.key)):
            return
        key = f"{mention.key} {piece(doc[mention.end])}"
        if gaz.candidates(key):
            mention.key, mention.end = key, mention.cue_end
