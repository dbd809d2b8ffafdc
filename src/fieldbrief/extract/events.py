"""The events stage: PLOVER events with actor, target, place, date, status and source, from the parse.

Rules over spaCy's dependency parse, driven by data/plover.toml (trigger words and their readings, modes,
status cues, the PLOVER -> ACLED mapping; the file's header documents every key). For each sentence:

1. find trigger tokens: a verb, event noun or adjective whose reading's conditions hold (first reading in
   file order wins: particles/objects for multi-word verbs, object classes, modifiers for nouns);
2. arguments: actor (subject, "by"/"from" agent, possessor, light verb's subject, the subject of the clause
   the word sits in), target (object, "on/against" phrases), through the actors stage's `ActorResolver`;
3. status: negated or governed by a denial -> denied; governed by a plan verb or future -> planned; hedged
   by an adverb, modal or "it is believed" -> hedged; inside a statement or under a reporting verb ->
   claimed (according_to the speaker); otherwise asserted by the outlet;
4. casualty words ("killing 5 civilians") fold into the violent event of their clause as fatalities;
5. place and date from the article's places and times in the sentence (else the article's focus place);
6. ACLED type by the ordered [[acled]] rules; duplicates within the article collapse to one record.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.actors import STATE_ARMED_TYPES, ActorDictionary, ActorResolver, dictionary_for, main_country
from fieldbrief.extract.event_counts import SINGULAR_PRONOUNS, Count, count_people
from fieldbrief.extract.event_dates import date_context, event_date
from fieldbrief.lexicon.datelines import dateline_spans
from fieldbrief.model import AcledType, ActorRef, Article, Event, EventStatus, Place, Statement, TimeRef, content_id
from fieldbrief.stage import Context, Stage

LEXICON_FILE = "plover.toml"
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
# clause links along which a word inherits the subject of the verb that governs it ("tried to attack")
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp"})
# links from an event word up to the verbs whose meaning frames it (plans, denials, hedges, reports); not advcl
# or relcl: "he vowed to resist after Ghani fled" does not make the flight a plan
FRAME_DEPS = frozenset({"xcomp", "ccomp", "conj", "pcomp", "acomp", "dobj", "pobj", "prep", "attr", "nsubjpass",
                        "parataxis"})
# the link into a reporting verb that makes what is below it the speaker's words
REPORTED_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
# paths along which one event word governs another ("refused to hand over", "call for dialogue")
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl"})
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"})
BULLETS = "\u2022\u00b7*-\u2013\u2014 \t"
UNARMED_CLASSES = frozenset({"civilians", "protesters", "rioters", "mob"})
# entity types that never denote a participant ("On 3 March": a date, not a target)
NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
INTERVENTION_TYPES = frozenset({"ASSAULT", "COERCE"})  # what a state does to a protest: force, arrests
# endings the small model's lemmatiser leaves on verbs it does not know well ("raped" -> "rap", "staged" -> "stag")
INFLECTIONS = ("ies", "ied", "ing", "ed", "es", "s", "d")
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nn", "npadvmod"})
MAX_FRAME_DEPTH = 5
VIOLENT_TYPES = frozenset({"ASSAULT"})
STATUS_RANK: dict[str, int] = {"denied": 4, "planned": 3, "hedged": 2, "claimed": 1, "asserted": 0}


# ------------------------------------------------------------------------------------------- the lexicon
@dataclass(frozen=True)
class Trigger:
    """One reading of some words (a [[trigger]] table of plover.toml)."""

    index: int
    type: str
    mode: str | None = None
    default_mode: str | None = None
    acled: str | None = None
    objects: frozenset[str] | None = None
    no_object: bool = False
    subject: str | None = None
    modifiers_exclude: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    casualty: str | None = None
    recipient: bool = False
    swallow: bool = False
    defer: bool = False
    defer_to: frozenset[str] = frozenset()
    reciprocal: bool = False
    dyadic: bool = False
    counts: str | None = None  # "captured": the object's number is a detention count
    promised: str | None = None
    named_places: bool = False


@dataclass(frozen=True)
class Phrase:
    """A trigger word with the other words it needs: ("call", ("for",)) or noun ("strike", ("air",))."""

    trigger: Trigger
    extras: tuple[str, ...]


@dataclass(frozen=True)
class Cues:
    negation: frozenset[str]
    denial_verbs: frozenset[str]
    plan_verbs: frozenset[str]
    future_aux: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_modals: frozenset[str]
    claim_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    threat_verbs: frozenset[str]
    light_verbs: frozenset[str]
    target_preps: frozenset[str]
    noun_target_preps: frozenset[str]
    actor_preps: frozenset[str]
    relative_pronouns: frozenset[str]


@dataclass(frozen=True)
class AcledRule:
    conditions: dict[str, Any]
    result: AcledType


@dataclass
class Lexicon:
    verbs: dict[str, list[Phrase]]
    nouns: dict[str, list[Phrase]]
    adjectives: dict[str, list[Phrase]]
    classes: dict[str, frozenset[str]]
    modes: dict[tuple[str, ...], str]  # cue lemmas -> mode
    mode_acled: dict[tuple[str, ...], str]
    cues: Cues
    acled_rules: list[AcledRule]
    reporting_verbs: frozenset[str] = frozenset()

    @cached_property
    def event_nouns(self) -> frozenset[str]:
        """Nouns that are events on their own ("attack", not the "convoy" of "aid convoy")."""
        return frozenset(head for head, phrases in self.nouns.items() if any(not p.extras for p in phrases))


def _words(value: Iterable[str]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in value)


def _read_data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("fieldbrief.data").joinpath(name).read_text(encoding="utf-8"))


def _trigger(index: int, row: dict[str, Any], classes: dict[str, frozenset[str]]) -> Trigger:
    objects = row.get("objects")
    return Trigger(
        index=index,
        type=row["type"],
        mode=row.get("mode"),
        default_mode=row.get("default_mode"),
        acled=row.get("acled"),
        objects=classes[objects] if isinstance(objects, str) else _words(objects) if objects else None,
        no_object=bool(row.get("no_object", False)),
        subject=row.get("subject"),
        modifiers_exclude=_words(row.get("modifiers_exclude", ())),
        preps=_words(row.get("preps", ())),
        casualty=row.get("casualty"),
        recipient=bool(row.get("recipient", False)),
        swallow=bool(row.get("swallow", False)),
        defer=bool(row.get("defer", False)),
        defer_to=frozenset(row.get("defer_to", ())),
        reciprocal=bool(row.get("reciprocal", False)),
        dyadic=bool(row.get("dyadic", False)),
        counts=row.get("counts"),
        promised=row.get("promised"),
        named_places=bool(row.get("named_places", False)),
    )


def _index_phrases(target: dict[str, list[Phrase]], trigger: Trigger, phrases: Iterable[str], head_last: bool) -> None:
    for phrase in phrases:
        words = phrase.lower().split()
        head, extras = (words[-1], tuple(words[:-1])) if head_last else (words[0], tuple(words[1:]))
        target.setdefault(head, []).append(Phrase(trigger, extras))


def load_lexicon() -> Lexicon:
    """data/plover.toml (and the reporting verbs of data/cues.toml), parsed once per process."""
    raw = _read_data(LEXICON_FILE)
    classes = {name: _words(words) for name, words in raw.get("objects", {}).items()}
    verbs: dict[str, list[Phrase]] = {}
    nouns: dict[str, list[Phrase]] = {}
    adjectives: dict[str, list[Phrase]] = {}
    for i, row in enumerate(raw.get("trigger", [])):
        trig = _trigger(i, row, classes)
        _index_phrases(verbs, trig, row.get("verbs", ()), head_last=False)
        _index_phrases(nouns, trig, row.get("nouns", ()), head_last=True)
        _index_phrases(adjectives, trig, row.get("adjectives", ()), head_last=True)
    c = raw["cues"]
    cues = Cues(**{name: _words(c.get(name, ())) for name in Cues.__dataclass_fields__})
    rules = [
        AcledRule({k: v for k, v in row.items() if k not in {"event_type", "sub_event_type"}},
                  AcledType(row["event_type"], row["sub_event_type"]))
        for row in raw.get("acled", [])
    ]
    reporting = _words(_read_data("cues.toml").get("verbs", {}).get("clause", ()))
    return Lexicon(
        verbs=verbs, nouns=nouns, adjectives=adjectives, classes=classes,
        modes={tuple(k.lower().split()): v for k, v in raw.get("modes", {}).items()},
        mode_acled={tuple(k.lower().split()): v for k, v in raw.get("mode_acled", {}).items()},
        cues=cues, acled_rules=rules, reporting_verbs=reporting,
    )


def lexicon_for(ctx: Context) -> Lexicon:
    lexicon: Lexicon = ctx.resource("events:lexicon", load_lexicon)
    return lexicon


# ------------------------------------------------------------------------------------------- helpers
def lemma(token: Token) -> str:
    return token.lemma_.lower()


def children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def first_child(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the prepositions of `token` that are in `preps` ("attack on X" -> X)."""
    out = []
    for p in token.children:
        if p.dep_ in {"prep", "agent", "dative"} and p.lower_ in preps:
            out.extend(children(p, {"pobj"}))
    return out


def is_passive(token: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in token.children)


def object_of(token: Token) -> Token | None:
    """The direct object: dobj, or the passive subject, or (for a bare particle verb) the particle's object."""
    obj = first_child(token, OBJECT_DEPS - {"attr"})
    if obj is None and is_passive(token):
        obj = first_child(token, PASSIVE_SUBJECT_DEPS)
    if obj is None and token.dep_ == "acl" and token.tag_ == "VBN":  # "the leader assassinated in 2001"
        obj = token.head
    if obj is None and token.dep_ == "conj" and token.tag_ == "VBN" and is_passive(token.head):
        obj = first_child(token.head, PASSIVE_SUBJECT_DEPS)  # "He was engaged and killed": the shared subject
    return obj


def head_lemmas(token: Token, partitives: frozenset[str]) -> set[str]:
    """The lemmas that say what a noun phrase is: its head, modifiers and partitive 'of' object."""
    out = {lemma(token), token.lower_}
    for c in token.children:
        if c.dep_ in MODIFIER_DEPS:
            out.update({lemma(c), c.lower_})
        if c.dep_ == "prep" and c.lower_ == "of" and (lemma(token) in partitives or token.like_num):
            for g in children(c, {"pobj"}):
                out |= head_lemmas(g, partitives)
    return out


# ------------------------------------------------------------------------------------------- matching
@dataclass
class Match:
    token: Token
    trigger: Trigger
    pos: str  # verb | noun | adj
    fallbacks: tuple[Trigger, ...] = ()  # later readings, tried when this one's argument conditions fail


def _verb_extras_hold(token: Token, extras: tuple[str, ...]) -> bool:
    if not extras:
        return True
    near = set()
    for c in token.children:
        if c.dep_ in {"ccomp", "xcomp", "advcl", "conj", "nsubj", "nsubjpass", "punct", "cc"}:
            continue
        near.update({lemma(c), c.lower_})
        for g in c.children:
            if g.dep_ in {"pobj", "compound", "amod", "dobj", "prt", "prep"}:
                near.update({lemma(g), g.lower_})
    return all(e in near for e in extras)


def _noun_extras_hold(token: Token, extras: tuple[str, ...]) -> bool:
    if not extras:
        return True
    start = token.i - len(extras)
    if start < token.sent.start:
        return False
    words = token.doc[start:token.i]
    return all(e in {lemma(w), w.lower_} for e, w in zip(extras, words, strict=True))


def _object_holds(token: Token, trig: Trigger, lex: Lexicon, dictionary: ActorDictionary) -> bool:
    obj = object_of(token)
    if trig.no_object:
        return obj is None or obj.i == token.head.i
    if trig.objects is None:
        return True
    candidates = [obj] if obj is not None else []
    candidates += prep_objects(token, frozenset({"of", "to", "over", "into", "from", "up", "off", "on"}))
    for prt in children(token, {"prt"}):
        candidates += children(prt, {"pobj"})
    if trig.named_places and any(c.ent_type_ in PLACE_ENTS for c in candidates):  # "retook Kitshanga"
        return True
    return any(head_lemmas(c, dictionary.partitives) & trig.objects for c in candidates)


def _excluded(token: Token, trig: Trigger, pos: str) -> bool:
    mods = {lemma(c) for c in token.children if c.dep_ in MODIFIER_DEPS | {"poss", "nummod"}}
    mods |= {c.lower_ for c in token.children}
    if mods & trig.modifiers_exclude:
        return True
    if pos == "noun":  # "the September 11 attacks": a past event named by its date, not an event here
        return any(c.ent_type_ == "DATE" and c.dep_ in MODIFIER_DEPS | {"nummod"} for c in token.children)
    return False


def match_token(token: Token, lex: Lexicon, dictionary: ActorDictionary) -> Match | None:
    """The first reading (in file order) of this token whose conditions hold, with the later ones as fallbacks."""
    pos, table = _table_for(token, lex)
    if table is None or (pos == "noun" and token.dep_ == "compound"):  # "riot police", "attack helicopter"
        return None
    phrases = _phrases_for(token, pos, table)
    if not phrases:
        return None
    readings = []
    for phrase in sorted(phrases, key=lambda p: p.trigger.index):
        trig = phrase.trigger
        extras_ok = (_verb_extras_hold(token, phrase.extras) if pos == "verb"
                     else _noun_extras_hold(token, phrase.extras))
        if not extras_ok or _excluded(token, trig, pos):
            continue
        if pos == "verb" and not _object_holds(token, trig, lex, dictionary):
            continue
        if pos == "noun" and trig.preps and not prep_objects(token, trig.preps):
            continue
        if trig not in readings:
            readings.append(trig)
    return Match(token, readings[0], pos, tuple(readings[1:])) if readings else None


def _phrases_for(token: Token, pos: str, table: dict[str, list[Phrase]]) -> list[Phrase]:
    """Readings by lemma, surface form, hyphenated compound ("sit-in") or a repaired verb lemma."""
    found = table.get(lemma(token)) or table.get(token.lower_)
    if found:
        return found
    hyphenated = hyphen_word(token)
    if hyphenated and hyphenated in table:
        return table[hyphenated]
    if pos == "verb" and token.tag_ in {"VBD", "VBN", "VBG", "VBZ"}:
        return next((table[b] for b in verb_bases(token.lower_) if b in table), [])
    return []


def hyphen_word(token: Token) -> str | None:
    """"sit - in" as one word when the parser split a hyphenated noun and kept the last part as the head."""
    i = token.i
    doc = token.doc
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return f"{doc[i - 2].lower_}-{token.lower_}"
    return None


def verb_bases(word: str) -> list[str]:
    """Candidate base forms of an inflected verb ("raped" -> "rape", "kidnapped" -> "kidnap")."""
    out = []
    for ending in INFLECTIONS:
        if not word.endswith(ending) or len(word) - len(ending) < 2:
            continue
        stem = word[: -len(ending)]
        if ending in {"ies", "ied"}:
            out.append(stem + "y")
            continue
        out += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:  # doubled consonant: "kidnapped"
            out.append(stem[:-1])
    return out


def _table_for(token: Token, lex: Lexicon) -> tuple[str, dict[str, list[Phrase]] | None]:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in {"aux", "auxpass"}):
        return "verb", lex.verbs
    if token.pos_ in {"NOUN", "PROPN"}:
        return "noun", lex.nouns
    if token.pos_ == "ADJ":
        return "adj", lex.adjectives
    return "", None


# ------------------------------------------------------------------------------------------- the stage
@dataclass
class Found:
    """An event before duplicates collapse, with the token that triggered it."""

    event: Event
    token: Token
    casualty: str | None = None
    victims: ActorRef | None = None
    victim_count: Count | None = None
    acled_hint: str | None = None  # the trigger's forced ACLED key or a mode cue's ("Grenade")
    reciprocal: bool = False

    @property
    def word(self) -> str:
        return lemma(self.token)


class EventFinder:
    """Finds the events of one parsed article."""

    def __init__(self, doc: Doc, article: Article, lex: Lexicon, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.article = article
        self.lex = lex
        self.cues = lex.cues
        self.dictionary = dictionary
        self.country = main_country(article.places)
        self._resolver: ActorResolver | None = None
        # where a wire report was filed ("KHARKIV, March 10 -") is where an event happened only failing all else
        self.datelines = dateline_spans(article.text)
        self.filed_at = {id(p) for p in article.places if any(a <= p.start < b for a, b in self.datelines)}
        self.focus = focus_place([p for p in article.places if id(p) not in self.filed_at]) or focus_place(
            article.places)
        self.reporting = lex.reporting_verbs | lex.cues.claim_verbs
        self.dating = date_context(article, self.reporting)

    @property
    def resolver(self) -> ActorResolver:
        """Built on first use: articles without trigger words never pay for actor matching."""
        if self._resolver is None:
            self._resolver = ActorResolver(self.doc, self.dictionary, self.article.statements, self.country)
        return self._resolver

    # -- top level
    def events(self) -> list[Event]:
        found: list[Found] = []
        for sent in self.doc.sents:
            found.extend(self.sentence_events(sent))
        return collapse(found)

    def sentence_events(self, sent: Span) -> list[Found]:
        matches = [m for t in sent if (m := match_token(t, self.lex, self.dictionary))]
        matches = self._drop_governed(matches)
        found = fold_casualties([f for m in matches if (f := self.build_any(m, sent)) is not None])
        for f in found:
            f.event.acled = acled_type(f.event, f.acled_hint, self.lex, self.dictionary, f.victims)
        self._mark_interventions(found)
        return found

    def _mark_interventions(self, found: list[Found]) -> None:
        """ACLED codes a protest and the force a state uses on it in the same sentence as one protest event:
        "protesters marched; police arrested 12 of them" is a protest with intervention (the rules' reading of
        the state's act aimed at protesters); the state's act stays a record of its own."""
        force = [f.event for f in found if f.event.type in INTERVENTION_TYPES and f.event.status != "denied"
                 and actor_class(f.event.actor) == "state"]
        if not force:
            return
        for f in found:
            protest = f.event
            if protest.type != "PROTEST" or protest.acled is None or protest.acled.event_type != "Protests":
                continue
            for act in force:
                on_protest = replace(act, target=ActorRef(name="protesters", type="protesters"),
                                     fatalities=act.fatalities or protest.fatalities)
                acled = acled_type(on_protest, None, self.lex, self.dictionary)
                if acled is not None and acled.event_type == "Protests":
                    protest.acled = acled
                    break

    def _drop_governed(self, matches: list[Match]) -> list[Match]:
        """Swallowing words take the events below them; deferring words give way to them."""
        by_token = {m.token.i: m for m in matches}
        keep = []
        for m in matches:
            gov = self._governing_match(m.token, by_token)
            if m.pos == "noun" and self._is_argument_of_same_event(m, by_token):
                continue
            if gov is not None and (gov.trigger.swallow or (m.pos == "noun" and not gov.trigger.defer
                                                            and not gov.trigger.casualty
                                                            and not self._has_own_actor(m.token))):
                continue
            if is_generic_gerund(m.token):
                continue
            if any(self._defers_to(m, o, by_token) for o in matches if o is not m):
                continue
            keep.append(m)
        return keep

    def _defers_to(self, m: Match, other: Match, by_token: dict[int, Match]) -> bool:
        """"agreed to lift the curfew": the word gives way to an event it governs (of any type, or the listed)."""
        if not (m.trigger.defer or other.trigger.type in m.trigger.defer_to):
            return False
        return self._governing_match(other.token, by_token) is m

    def _governing_match(self, token: Token, by_token: dict[int, Match]) -> Match | None:
        node = token
        for _ in range(MAX_FRAME_DEPTH):
            if node.dep_ not in GOVERNING_DEPS or node.head == node:
                return None
            node = node.head
            if node.i in by_token:
                return by_token[node.i]
        return None

    @staticmethod
    def _is_argument_of_same_event(m: Match, by_token: dict[int, Match]) -> bool:
        """"A roadside bomb exploded": the noun is the subject of the verb that reports the same event."""
        head = by_token.get(m.token.head.i)
        return (head is not None and head is not m and head.trigger.type == m.trigger.type
                and m.token.dep_ in {"nsubj", "nsubjpass", "dobj"})

    def _has_own_actor(self, token: Token) -> bool:
        return any(c.dep_ == "poss" for c in token.children) or bool(prep_objects(token, self.cues.actor_preps))

    # -- one event
    def build_any(self, m: Match, sent: Span) -> Found | None:
        """The event of the first reading whose conditions on its arguments hold ("strike" by troops or by
        teachers)."""
        for trig in (m.trigger, *m.fallbacks):
            found = self.build(Match(m.token, trig, m.pos), sent)
            if found is not None:
                return found
        return None

    def build(self, m: Match, sent: Span) -> Found | None:
        token, trig = m.token, m.trigger
        actor, target = self.arguments(m)
        if trig.subject and not self._subject_fits(trig.subject, actor, token):
            return None
        victims, victim_count = self.victims(token) if trig.casualty else (None, None)
        counted = victim_count is not None and victim_count.value is not None
        if not (self._worth_coding(m, actor, target) or (trig.casualty == "kill" and counted)):
            return None  # "two were killed" names no one, but counts the dead
        status, according_to, speaker = self.status(token)
        actor = self._from_speakers_view(m, actor, speaker)
        evidence_start, evidence_end = self.evidence_span(sent, token)
        event = Event(
            type=self.type_for(trig, token, status),
            status=status,
            start=evidence_start,
            end=evidence_end,
            evidence=self.article.text[evidence_start:evidence_end],
            mode=trig.mode or self.mode_from_cues(token) or trig.default_mode,
            actor=actor,
            target=target,
            place=self.place_for(token, evidence_start, evidence_end),
            date=self.date_for(token, evidence_start, evidence_end),
            according_to=according_to,
        )
        found = Found(event, token, casualty=trig.casualty, acled_hint=trig.acled or self.cue_near(token, True),
                      reciprocal=trig.reciprocal)
        if trig.casualty:
            found.victims, found.victim_count = victims, victim_count
            if trig.casualty == "kill" and found.victim_count is not None:
                event.fatalities, event.fatalities_text = found.victim_count.value, found.victim_count.text
            if event.target is None:
                event.target = found.victims
        taken_tok = object_of(token) if trig.counts == "captured" and m.pos == "verb" else None
        if taken_tok is not None and self._same_paragraph(taken_tok, token):
            taken = count_people(taken_tok, token)
            if taken is not None:
                event.captured, event.captured_text = taken.value, taken.text
        return found

    def type_for(self, trig: Trigger, token: Token, status: EventStatus) -> str:
        """PLOVER codes a promise apart from the deed: "will withdraw" is CONCEDE, "agreed to sign" AGREE. A
        threat ("threatened to withdraw") is no promise."""
        if trig.promised is None or status != "planned":
            return trig.type
        if any(lemma(node) in self.cues.threat_verbs for node in self.frame_chain(token)):
            return trig.type
        return trig.promised

    def _worth_coding(self, m: Match, actor: ActorRef | None, target: ActorRef | None) -> bool:
        """Precision: non-violent events need an actor and are no background in a relative clause ("militias
        that partnered with the US"); violent verbs need an actor or a target; violent nouns one of them or
        to be what their clause is about ("fighting broke out", "no fighting in X")."""
        if m.trigger.type not in VIOLENT_TYPES:
            return (actor is not None and not in_noun_modifier(m.token)
                    and (not m.trigger.dyadic or is_actor(target)))
        if actor is not None or target is not None:
            return True
        return m.pos == "noun" and m.trigger.casualty is None and self._noun_is_anchored(m.token)

    def _from_speakers_view(self, m: Match, actor: ActorRef | None, speaker: ActorRef | None) -> ActorRef | None:
        """In a speaker's words, 'they' is the other side; a clash with no named side involves the speaker's."""
        if speaker is None or not speaker.actor:
            return actor
        subj = self.subject_token(m.token) if m.pos == "verb" else None
        if (actor is not None and actor.actor == speaker.actor and subj is not None and subj.pos_ == "PRON"
                and subj.lower_ in {"they", "them"} and self._quoted(subj)):
            return self.resolver.other_side(subj, speaker.actor) or actor
        if actor is None and m.trigger.reciprocal:
            if speaker.actor in self.dictionary.entries:
                return self.resolver.ref_for_code(speaker.actor)
            return speaker
        return actor

    def _quoted(self, token: Token) -> bool:
        before = [t for t in token.sent if t.i < token.i and t.text in QUOTE_MARKS]
        return bool(before)

    def _noun_is_anchored(self, token: Token) -> bool:
        """An event noun that is itself what a clause is about: a subject, an object, negated, with a place."""
        if token.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "ROOT"}:
            return True
        return any(c.dep_ == "det" and lemma(c) in self.cues.negation for c in token.children)

    def _subject_fits(self, wanted: str, actor: ActorRef | None, token: Token) -> bool:
        if wanted == "armed":
            return self.is_armed_ref(actor) or self._subject_head_armed(token)
        if wanted == "not_civilian":  # no actor, or one that can wield force (a state, a group, a named body)
            return actor is None or actor_class(actor) in {"state", "nonstate"} or self.is_armed_ref(actor) or (
                actor.type is not None and actor_class(actor) not in UNARMED_CLASSES)
        return actor_class(actor) in UNARMED_CLASSES

    def _subject_head_armed(self, token: Token) -> bool:
        subj = self.subject_token(token)
        return subj is not None and bool(head_lemmas(subj, self.dictionary.partitives)
                                         & self.lex.classes.get("armed_personnel", frozenset()))

    def is_armed_ref(self, ref: ActorRef | None) -> bool:
        return self.dictionary.is_armed(ref)

    # -- arguments
    def arguments(self, m: Match) -> tuple[ActorRef | None, ActorRef | None]:
        if m.pos == "verb":
            return self.verb_arguments(m.token, m.trigger)
        return self.noun_arguments(m.token, m.trigger)

    def verb_arguments(self, token: Token, trig: Trigger) -> tuple[ActorRef | None, ActorRef | None]:
        actor_tok = self.subject_token(token)
        target_tok = None
        inverted = inverted_subject(token)
        if inverted is not None:  # "headed for the valley are a group of soldiers"
            actor_tok = inverted
        elif trig.casualty and lemma(token) in {"die", "perish"}:
            return None, self.resolve(actor_tok, as_target=True)
        elif trig.subject in {"armed", "unarmed"} and is_passive(token):  # "fighters are headed to the front"
            actor_tok = first_child(token, PASSIVE_SUBJECT_DEPS)
        elif is_passive(token) or (token.dep_ == "acl" and token.tag_ == "VBN") or bare_participle(token):
            target_tok = object_of(token) or (first_child(token, SUBJECT_DEPS) if bare_participle(token) else None)
            agents = prep_objects(token, frozenset({"by"}))
            actor_tok = agents[0] if agents else None
        else:
            obj = first_child(token, {"dobj"})
            instrument = obj is not None and self._is_instrument(obj)
            target_tok = obj if obj is not None and not trig.objects and not instrument else None
            if target_tok is None:  # "fired rockets at X": the weapon's "at" phrase when the verb has none
                candidates = prep_objects(token, self.cues.target_preps)
                candidates += prep_objects(obj, self.cues.target_preps) if obj is not None and instrument else []
                target_tok = next((c for c in candidates if c.ent_type_ not in NON_ACTOR_ENTS), None)
        if trig.recipient:
            givers = prep_objects(token, self.cues.actor_preps) or [
                g for o in children(token, {"dobj"}) for g in prep_objects(o, self.cues.actor_preps)]
            actor_tok, target_tok = (givers[0] if givers else None), actor_tok
        if trig.reciprocal and target_tok is None and actor_tok is not None:
            target_tok = first_child(actor_tok, {"conj"})
        if actor_tok is not None and actor_tok.pos_ == "NOUN" and lemma(actor_tok) in self.lex.event_nouns:
            # "an Israeli air strike hit the house": the event noun's own actor acts
            return self.noun_arguments(actor_tok, trig)[0], self.resolve(target_tok, as_target=True)
        return self.agent(actor_tok), self.resolve(target_tok, as_target=True)

    def agent(self, token: Token | None) -> ActorRef | None:
        """The actor: someone, not a thing ("an airstrike hit the market" has no named actor). When the subject
        is no one but has an apposition, the apposition acts: the parser takes "Balkh province" for the subject
        of "In Chimtal district, Balkh province, an Afghan security force detained ..."."""
        ref = self._someone(token)
        appos = first_child(token, {"appos"}) if ref is None and token is not None else None
        return self._someone(appos) if appos is not None else ref

    def _someone(self, token: Token | None) -> ActorRef | None:
        ref = self.resolve(token)
        return ref if ref is not None and (ref.actor or ref.type or token is None or token.pos_ == "PROPN") else None

    def _is_instrument(self, token: Token) -> bool:
        """'fired rockets at X', 'fired tear gas': the object is the weapon, the target comes with a preposition."""
        words = head_lemmas(token, self.dictionary.partitives)
        return bool(words & (self.lex.classes.get("weapons", frozenset()) | self.lex.classes.get("fire", frozenset()))
                    or any((w,) in self.lex.modes for w in words))

    def noun_arguments(self, token: Token, trig: Trigger) -> tuple[ActorRef | None, ActorRef | None]:
        actor_tok = first_child(token, {"poss"})
        if actor_tok is None:
            actor_tok = next((c for c in token.children if c.dep_ in {"compound", "amod"}
                              and self.resolver.by_token.get(c.i)), None)
        agents = prep_objects(token, self.cues.actor_preps)
        if actor_tok is None and agents:
            actor_tok = agents[0]
        if actor_tok is None:
            actor_tok = self._clause_subject(token)
        targets = prep_objects(token, self.cues.noun_target_preps)
        target_tok = targets[0] if targets else None
        if trig.reciprocal and target_tok is not None and actor_tok is None:
            actor_tok = first_child(target_tok, {"conj"})
        if actor_tok is None:
            actor_tok = self._demonym_modifier(token)
        actor, target = self.resolve(actor_tok), self.resolve(target_tok, as_target=True)
        if trig.type in VIOLENT_TYPES and actor_tok is not None and actor_tok.head.i == token.i:
            actor = self._armed_force_of(actor, actor_tok)
        return actor, target if target is None or actor is None or target.name != actor.name else None

    def _demonym_modifier(self, token: Token) -> Token | None:
        """"Israeli air strike": a demonym that modifies the event noun names who acted."""
        return next((c for c in token.children if c.dep_ in {"amod", "compound", "nmod"}
                     and c.lower_ in self.dictionary.demonyms), None)

    def _armed_force_of(self, actor: ActorRef | None, modifier: Token) -> ActorRef | None:
        """A state named by a modifier of a violent noun ("Israeli air strike", "Russian shelling") acts through
        its military, not its government."""
        iso2 = self.dictionary.demonyms.get(modifier.lower_) or (actor.country if actor else None)
        if iso2 is None or (actor is not None and actor.type != "government"):
            return actor
        military = self.dictionary.country_actor(iso2, "MIL")
        if military is None:
            return actor
        return ActorRef(name=modifier.text, actor=military.code, type=military.type, country=iso2)

    def _clause_subject(self, token: Token) -> Token | None:
        """The subject of the verb an event noun hangs from ("reiterated his call", "following a meeting")."""
        node = token
        for _ in range(MAX_FRAME_DEPTH):
            if node.dep_ not in {"dobj", "pobj", "prep", "pcomp", "attr", "xcomp", "advcl", "conj"}:
                return None
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                subj = self.subject_token(node)
                if subj is not None:
                    return subj
        return None

    def subject_token(self, token: Token) -> Token | None:
        """The subject, inherited along xcomp/conj/advcl chains; the noun a relative clause or participle modifies."""
        node = token
        for _ in range(MAX_FRAME_DEPTH):
            subj = self._filed_subject_skipped(node) or inverted_subject(node)
            if subj is not None and subj.dep_ != "expl":
                if lemma(subj) in self.cues.relative_pronouns and node.dep_ == "relcl":
                    return node.head
                return subj
            if node.dep_ == "relcl":
                return node.head
            if node.dep_ == "acl" and node.tag_ == "VBG":  # "fighters heading to the front"
                return node.head
            if node.dep_ not in SUBJECT_SHARING_DEPS or node.head == node:
                return None
            node = node.head
            if is_passive(node) and node.dep_ != "conj":
                return None
        return None

    def _same_paragraph(self, a: Token, b: Token) -> bool:
        first, last = sorted((a.idx, b.idx))
        return "\n" not in self.article.text[first:last]

    def _filed_subject_skipped(self, node: Token) -> Token | None:
        """The subject of a verb; the parser also makes a dateline's place one ("KABUL, Afghanistan (Dec. 16) -
        An Afghan force arrested ..."), which never is: another subject or the place's apposition is."""
        for subject in children(node, SUBJECT_DEPS):
            if not self._in_dateline(subject):
                return subject
            appos = next((c for c in children(subject, {"appos"}) if not self._in_dateline(c)), None)
            if appos is not None:  # "KABUL, Afghanistan (Jan. 25) - A security force arrested ...": hung on the place
                return appos
        return None

    def _in_dateline(self, token: Token) -> bool:
        return any(a <= token.idx < b for a, b in self.datelines)

    def resolve(self, token: Token | None, *, as_target: bool = False) -> ActorRef | None:
        if token is None or token.dep_ == "expl" or token.ent_type_ in NON_ACTOR_ENTS:
            return None
        if lemma(token) in self.cues.relative_pronouns and token.head.dep_ == "relcl":
            token = token.head.head
        if token.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"} and token.ent_type_ == "":
            return None
        if token.pos_ == "NOUN" and lemma(token) in self.lex.event_nouns:  # "repelled 14 attacks": an event, no one
            return None
        place = self._place_named_by(token) if as_target else None
        if place is not None:  # "shelled the town of Tawila": the place itself is the target
            return ActorRef(name=place.canonical or place.name, type="place", country=place.country)
        ref = self.resolver.resolve(token, as_target=as_target)
        if ref is None:
            return None
        person = apposed_person(token)
        name = person or ref.name.lstrip(BULLETS).strip()
        return ActorRef(name=name or ref.name, actor=ref.actor, type=ref.type, country=ref.country)

    def _place_named_by(self, token: Token) -> Place | None:
        """The place a target phrase names: the head itself or its 'of' phrase ("the town of Kuma")."""
        heads = [token] + [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                           for g in p.children if g.dep_ == "pobj"]
        for head in heads:
            for place in self.article.places:
                if place.start <= head.idx < place.end:
                    return place
        return None

    def victims(self, token: Token) -> tuple[ActorRef | None, Count | None]:
        """Who a casualty word reports harmed, and how many: "killing 5 civilians", "30 fighters were killed",
        "the death of Hemat"."""
        victim = object_of(token) if lemma(token) not in {"die", "perish"} else first_child(token, SUBJECT_DEPS)
        if token.pos_ == "ADJ" or token.pos_ == "NOUN":
            victim = token.head if token.dep_ in {"amod", "acomp", "oprd"} else first_child(token, {"nummod"})
            if token.dep_ == "acomp":
                victim = first_child(token.head, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
            if victim is None and token.pos_ == "NOUN":
                victim = next(iter(prep_objects(token, frozenset({"of"}))), None)
        if victim is None:
            return None, None
        if not self._same_paragraph(victim, token):  # the parser runs header lines into the first sentence
            return None, None
        return self.resolve(victim, as_target=True), count_people(victim, token)

    # -- status and source
    def status(self, token: Token) -> tuple[EventStatus, str | None, ActorRef | None]:
        """The strongest status cue on the event word or the verbs that frame it; the source if any."""
        status: EventStatus = "asserted"
        speaker: ActorRef | None = None
        below = token
        for node in self.frame_chain(token):
            found = self._node_status(node, node == token)
            if found and STATUS_RANK[found] > STATUS_RANK[status]:
                status = found
            if speaker is None and node is not token and below.dep_ in REPORTED_DEPS and lemma(node) in self.reporting:
                speaker = self._speaker_of(node)
            below = node
        statement = self._statement_at(token.idx)
        if statement is not None:  # inside someone's words, however the sentence is built ("according to X")
            speaker = self.resolver.speaker_ref(statement) or speaker
            speaker = (ActorRef(statement.speaker.name, speaker.actor, speaker.type, speaker.country) if speaker
                       else ActorRef(statement.speaker.name))
        if speaker is not None and status == "asserted":
            status = "claimed"
        return status, speaker.name if speaker else None, speaker

    def frame_chain(self, token: Token) -> Iterator[Token]:
        node = token
        yield node
        for _ in range(MAX_FRAME_DEPTH + 1):
            if node.dep_ not in FRAME_DEPS or node.head == node:
                return
            node = node.head
            yield node

    def _node_status(self, node: Token, is_trigger: bool) -> EventStatus | None:
        c = self.cues
        kids = list(node.children)
        if any(k.dep_ == "neg" or (k.dep_ == "det" and lemma(k) in c.negation) for k in kids):
            return "denied"
        low = lemma(node)
        if not is_trigger and low in c.denial_verbs:
            return "denied"
        if (not is_trigger and low in c.plan_verbs) or any(
                k.dep_ == "aux" and k.lower_ in c.future_aux for k in kids):
            return "planned"
        if any(k.lower_ in c.hedge_adverbs for k in kids) or any(
                k.dep_ == "aux" and k.lower_ in c.hedge_modals for k in kids):
            return "hedged"
        if not is_trigger and low in c.hedge_verbs:
            return "hedged"
        if not is_trigger and low in c.claim_verbs:
            return "claimed"
        return None

    def _speaker_of(self, verb: Token) -> ActorRef | None:
        subj = self.subject_token(verb) or next(iter(prep_objects(verb, frozenset({"by"}))), None)
        if subj is None or subj.dep_ == "expl" or lemma(subj) in {"it", "report", "reports"}:
            return None
        if subj.ent_type_ == "" and subj.pos_ == "NOUN" and lemma(subj) in self.cues.claim_nouns:
            return None
        return self.resolve(subj)

    def _statement_at(self, char: int) -> Statement | None:
        for st in self.article.statements:
            if st.start <= char < st.end:
                return st
        return None

    # -- mode, place, date, evidence
    def mode_from_cues(self, token: Token) -> str | None:
        return self.cue_near(token, False)

    def cue_near(self, token: Token, acled: bool) -> str | None:
        """A mode (or ACLED sub-event) named around the event word: its modifiers, instrument, subject, object."""
        table = self.lex.mode_acled if acled else self.lex.modes
        near: list[Token] = []
        for c in token.children:
            if c.dep_ in {"ccomp", "advcl", "conj", "relcl"}:
                continue
            near.extend(c.subtree)
        subj = self.subject_token(token)
        if subj is not None:
            near.extend(subj.subtree)
        lemmas = [lemma(t) for t in near]
        for size in (2, 1):
            for i in range(len(lemmas) - size + 1):
                mode = table.get(tuple(lemmas[i:i + size]))
                if mode:
                    return mode
        return None

    def place_for(self, token: Token, start: int, end: int) -> Place | None:
        located = [p for p in self.article.places if start <= p.start < end and p.lat is not None]
        in_sentence = [p for p in located if id(p) not in self.filed_at] or located
        if not in_sentence:
            return self.focus
        left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        inside = [p for p in in_sentence if left <= p.start < right]
        pool = inside or in_sentence
        return min(pool, key=lambda p: (p.feature == "country", abs(p.start - token.idx)))

    def date_for(self, token: Token, start: int, end: int) -> TimeRef | None:
        return event_date(self.doc, token, start, end, self.dating)

    def evidence_span(self, sent: Span, token: Token) -> tuple[int, int]:
        """The sentence around the event word, cut at line breaks (the parser runs bullets and headlines on)."""
        text = self.article.text
        start = max(sent.start_char, text.rfind("\n", 0, token.idx) + 1)
        line_end = text.find("\n", token.idx)
        end = sent.end_char if line_end < 0 else min(sent.end_char, line_end)
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start] in BULLETS:
            start += 1
        return start, end


def inverted_subject(token: Token) -> Token | None:
    """The subject after the verb in an inversion: "headed for the valley are a group of soldiers"."""
    for aux in token.children:
        if aux.i > token.i and (aux.dep_ in {"aux", "auxpass"} or (aux.dep_ == "conj" and lemma(aux) == "be")):
            attr = first_child(aux, {"attr", "nsubj"})
            if attr is not None:
                return attr
    return None


def bare_participle(token: Token) -> bool:
    """"the leader assassinated in 2001": a past participle with no auxiliary is passive, its subject the patient
    (a passive without "by" names no actor). Conjoined participles share the first verb's auxiliaries."""
    if token.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass", "dobj"} for c in token.children):
        return False
    if token.dep_ == "conj":
        return token.head.tag_ == "VBN" and bare_participle(token.head)
    return True


def apposed_person(token: Token) -> str | None:
    """The person named in apposition to a role noun: "Russia's ambassador ... Dmitry Zhirnov"."""
    if token.ent_type_ == "PERSON":
        return None
    for c in token.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON":
            ent = next((e for e in token.doc.ents if e.start <= c.i < e.end), None)
            return ent.text if ent is not None else c.text
    return None


def describes_other(token: Token, other: Token) -> bool:
    """`token` sits in a relative clause or participle that describes someone, and `other` is outside it."""
    node = token
    for _ in range(MAX_FRAME_DEPTH):
        if node.dep_ in {"relcl", "acl"}:
            return not node.left_edge.i <= other.i <= node.right_edge.i
        if node.head == node:
            return False
        node = node.head
    return False


def in_noun_modifier(token: Token) -> bool:
    """A clause that describes a noun ("militias that partnered with the US", "people who want to join")."""
    node = token
    for _ in range(MAX_FRAME_DEPTH):
        if node.dep_ in {"relcl", "acl"}:
            return True
        if node.dep_ not in {"xcomp", "conj", "ccomp"} or node.head == node:
            return False
        node = node.head
    return False


def is_actor(ref: ActorRef | None) -> bool:
    """A participant that is someone: a dictionary actor or a named person, group or state."""
    return ref is not None and (ref.actor is not None or ref.type is not None)


def is_generic_gerund(token: Token) -> bool:
    """"experience in fighting the terrorists": an -ing form inside a noun's prepositional phrase is no event."""
    return (token.tag_ == "VBG" and token.dep_ in {"pcomp", "pobj"} and token.head.dep_ == "prep"
            and token.head.head.pos_ in {"NOUN", "PROPN"})


def add_fatalities(event: Event, count: Count) -> None:
    """Deaths a casualty word reports, added to its violent event: unknown once any part is vague."""
    if event.fatalities_text is None:
        event.fatalities, event.fatalities_text = count.value, count.text
        return
    event.fatalities = None if event.fatalities is None or count.value is None else event.fatalities + count.value
    event.fatalities_text = f"{event.fatalities_text}; {count.text}"


def focus_place(places: Sequence[Place]) -> Place | None:
    """The place the article is about: the most named below country level, else the most named country."""
    resolved = [p for p in places if p.lat is not None]
    if not resolved:
        return None
    def key(p: Place) -> str:
        return (p.canonical or p.name).lower()
    counts = Counter(key(p) for p in resolved)
    fine = [p for p in resolved if p.feature != "country"]
    pool = fine or resolved
    return max(pool, key=lambda p: (counts[key(p)], -resolved.index(p)))


def fold_casualties(found: list[Found]) -> list[Found]:
    """Casualty words belong to the violent event of their sentence (fatalities, victims) when there is one."""
    violent = [f for f in found if f.casualty is None and f.event.type in VIOLENT_TYPES]
    out = []
    for f in found:
        if f.casualty is None:
            out.append(f)
            continue
        if not violent:
            if f.victims is not None or f.event.fatalities is not None:
                out.append(f)
            continue
        hosts = [v for v in violent if not describes_other(v.token, f.token) and not describes_other(f.token, v.token)]
        if not hosts:  # "killed a commander who fought the Soviets": the fighting is the victim's past
            if f.victims is not None or f.event.fatalities is not None:
                out.append(f)
            continue
        host = min(hosts, key=lambda v: abs(v.token.i - f.token.i))
        host.victims = host.victims or f.victims
        if f.casualty == "kill" and f.victim_count is not None:
            add_fatalities(host.event, f.victim_count)
        if f.victims is not None and host.event.actor is None and host.event.target is not None and host.reciprocal:
            host.event.actor = f.victims  # "30 fighters were killed in clashes with troops": one side of the clash
        elif host.event.target is None and f.victims is not None:
            host.event.target = f.victims
    return out


def _ref_key(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return (ref.actor or ref.name).lower()


def _compatible(a: str, b: str) -> bool:
    return not a or not b or a == b


def _place_key(e: Event) -> str:
    return (e.place.canonical or e.place.name).lower() if e.place else ""


def _date_key(e: Event) -> str:
    """The day an event is dated to; none for a date that only says "reported on or before"."""
    return (e.date.date_start or "") if e.date and e.date.precision != "reported" else ""


def same_event(a: Found, b: Found) -> bool:
    """Same type, actor and polarity; the same target, or the same word with targets and dates not in conflict."""
    x, y = a.event, b.event
    if x.type == y.type and _restates_toll(x, y):
        return True
    if x.type != y.type or _ref_key(x.actor) != _ref_key(y.actor) or (x.status == "denied") != (y.status == "denied"):
        return False
    if not _compatible(_date_key(x), _date_key(y)):
        return False
    if _ref_key(x.target) == _ref_key(y.target):
        return True
    if a.word == b.word and _compatible(_ref_key(x.target), _ref_key(y.target)):
        return True
    # ACLED's unit: one actor, mode, place and day ("an airstrike hit the market ... 30 killed in the airstrike")
    same_place = _place_key(x) != "" and _place_key(x) == _place_key(y)
    return x.mode == y.mode and same_place and bool(_date_key(x) or _date_key(y))


def _restates_toll(x: Event, y: Event) -> bool:
    """ "Forces killed five insurgents ... As a result, five insurgents were killed": the same toll of the same
    people, told twice, with no actor, date or status that tells the two apart."""
    if x.fatalities is None or x.fatalities != y.fatalities or x.status != y.status:
        return False
    if not (_compatible(_ref_key(x.actor), _ref_key(y.actor)) and _compatible(_date_key(x), _date_key(y))
            and _same_area(x.place, y.place)):
        return False
    told_again = x.fatalities == 1 and SINGULAR_PRONOUNS & {_victim_word(x), _victim_word(y)}
    return bool(told_again) or _victim_word(x) == _victim_word(y)


def _same_area(a: Place | None, b: Place | None) -> bool:
    """Places that can name where one event happened: either unknown, the same, or in the same province."""
    if a is None or b is None:
        return True
    return (a.canonical or a.name) == (b.canonical or b.name) or (a.admin1 is not None and a.admin1 == b.admin1)


def _victim_word(e: Event) -> str:
    """The word that names the dead: "five insurgents" -> "insurgent"; one person told again by a pronoun
    ("killed a Taliban leader ... killing him") is the same one."""
    words = re.findall(r"[a-z]+", (e.fatalities_text or "").lower())
    return words[-1].rstrip("s") if words else ""


def collapse(found: Iterable[Found]) -> list[Event]:
    """The same event mentioned twice in one article is one record (the first mention, completed)."""
    kept: list[Found] = []
    for f in found:
        e = f.event
        match = next((k for k in kept if same_event(k, f)), None)
        if match is None:
            kept.append(f)
            continue
        first = match.event
        first.target = first.target or e.target
        first.date = first.date or e.date
        if first.fatalities_text is None:
            first.fatalities, first.fatalities_text = e.fatalities, e.fatalities_text
        if first.captured_text is None:
            first.captured, first.captured_text = e.captured, e.captured_text
        first.actor = first.actor or e.actor
    return [k.event for k in kept]


# ------------------------------------------------------------------------------------------- ACLED
def actor_class(ref: ActorRef | None) -> str:
    if ref is None or ref.type is None:
        return "unknown"
    if ref.type in STATE_ARMED_TYPES or ref.type == "government":
        return "state"
    if ref.type in UNARMED_CLASSES:
        return ref.type
    if ref.type in {"rebel group", "militia", "unidentified armed group", "political party"}:
        return "nonstate"
    return "unknown"


def target_class(ref: ActorRef | None, lex: Lexicon, dictionary: ActorDictionary) -> str:
    if ref is None:
        return "unknown"
    if dictionary.is_armed(ref):
        return "armed"
    if ref.type in {"civilians", "protesters", "place"}:
        return ref.type
    words = set(re.findall(r"[a-z]+", ref.name.lower()))
    words |= {w[:-1] for w in words if w.endswith("s")}
    if words & {"protester", "protestor", "demonstrator"}:
        return "protesters"
    if words & (lex.classes.get("armed_personnel", frozenset()) | lex.classes.get("military_objects", frozenset())):
        return "armed"
    if words & lex.classes.get("civilian_objects", frozenset()):
        return "civilians"
    return "unknown"


def acled_type(event: Event, trigger_acled: str | None, lex: Lexicon, dictionary: ActorDictionary,
               victims: ActorRef | None = None) -> AcledType | None:
    facts: dict[str, Any] = {
        "victims": target_class(victims, lex, dictionary),
        "type": event.type,
        "mode": event.mode,
        "acled": trigger_acled,
        "actor": actor_class(event.actor),
        "target": target_class(event.target, lex, dictionary),
        "fatalities": bool(event.fatalities),
        "state_actor": actor_class(event.actor) == "state",
    }
    for rule in lex.acled_rules:
        if all(_condition_holds(facts[k], v) for k, v in rule.conditions.items()):
            return rule.result
    return None


def _condition_holds(fact: Any, wanted: Any) -> bool:
    if isinstance(wanted, list):
        return fact in wanted
    return bool(fact) == bool(wanted)


# ------------------------------------------------------------------------------------------- entry point
def find_events(doc: Doc, article: Article, lex: Lexicon, dictionary: ActorDictionary) -> list[Event]:
    finder = EventFinder(doc, article, lex, dictionary)
    events = finder.events()
    for event in events:
        event.id = content_id(article.id, event.type, str(event.start), _ref_key(event.actor), _ref_key(event.target))
    return events


def run(doc: Doc, article: Article, ctx: Context) -> None:
    lex = lexicon_for(ctx)
    article.events = find_events(doc, article, lex, dictionary_for(ctx))


STAGE = Stage("events", "1", run)


