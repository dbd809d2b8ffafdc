"""Who did it to whom: the actor and target of an event word, read from the parse and resolved by the actors
stage's `ActorResolver`.

Actor: the subject (inherited along xcomp/conj/advcl, the noun a relative clause describes), a "by"/"from"
agent, a possessor or a modifier of an event noun ("Israeli air strike"), the subject of the clause an event noun
hangs from. Target: the object, an "on/against/at" phrase, the place a phrase names ("the town of Kuma"). A
passive or a bare participle names its patient as the target and no actor without "by" ("the leader
assassinated in 2001"); a dateline's place is never a participant; things, dates and event nouns are no one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from fieldbrief.extract.actors import ActorDictionary, ActorResolver, main_country
from fieldbrief.extract.events.acled import UNARMED_CLASSES, actor_class
from fieldbrief.extract.events.candidates import VIOLENT_TYPES
from fieldbrief.extract.events.counting import Count, count_people
from fieldbrief.extract.events.lexicon import Lexicon, Trigger
from fieldbrief.extract.events.syntax import (
    MAX_FRAME_DEPTH,
    NON_ACTOR_ENTS,
    PARTICIPLE_TAGS,
    PASSIVE_SUBJECT_DEPS,
    QUOTE_MARKS,
    SUBJECT_DEPS,
    SUBJECT_SHARING_DEPS,
    apposed_person,
    bare_number,
    bare_participle,
    children,
    first_child,
    head_lemmas,
    inverted_subject,
    is_passive,
    lemma,
    object_of,
    prep_objects,
    reduced_relative,
)
from fieldbrief.extract.events.triggers import Match
from fieldbrief.lexicon.datelines import dateline_spans
from fieldbrief.model import ActorRef, Article, Place

BULLETS = "\u2022\u00b7*-\u2013\u2014 \t"


class Arguments:
    """Reads the participants of the events of one parsed article."""

    def __init__(self, doc: Doc, article: Article, lex: Lexicon, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.article = article
        self.lex = lex
        self.cues = lex.cues
        self.dictionary = dictionary
        self.country = main_country(article.places)
        self._resolver: ActorResolver | None = None
        self.datelines = dateline_spans(article.text)

    @property
    def resolver(self) -> ActorResolver:
        """Built on first use: articles without trigger words never pay for actor matching."""
        if self._resolver is None:
            self._resolver = ActorResolver(self.doc, self.dictionary, self.article.statements, self.country)
        return self._resolver

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
        elif (
            is_passive(token)
            or (token.dep_ == "acl" and token.tag_ in PARTICIPLE_TAGS)
            or bare_participle(token)
            or (not trig.reciprocal and reduced_relative(token, self.cues.relative_pronouns))
        ):
            patient = bare_participle(token) or reduced_relative(token, self.cues.relative_pronouns)
            target_tok = object_of(token) or (first_child(token, SUBJECT_DEPS) if patient else None)
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
                g for o in children(token, {"dobj"}) for g in prep_objects(o, self.cues.actor_preps)
            ]
            actor_tok, target_tok = (givers[0] if givers else None), actor_tok
        if trig.reciprocal and target_tok is None and actor_tok is not None:
            target_tok = first_child(actor_tok, {"conj"})
        if actor_tok is not None and actor_tok.pos_ == "NOUN" and lemma(actor_tok) in self.lex.event_nouns:
            # "an Israeli air strike hit the house": the event noun's own actor acts
            return self.noun_arguments(actor_tok, trig)[0], self.resolve(target_tok, as_target=True)
        return self._outlet_as_subject(self.agent(actor_tok), actor_tok, token), self.resolve(
            target_tok, as_target=True
        )

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
        return bool(
            words & (self.lex.classes.get("weapons", frozenset()) | self.lex.classes.get("fire", frozenset()))
            or any((w,) in self.lex.modes for w in words)
        )

    def noun_arguments(self, token: Token, trig: Trigger) -> tuple[ActorRef | None, ActorRef | None]:
        actor_tok = first_child(token, {"poss"})
        if actor_tok is None:
            actor_tok = next(
                (c for c in token.children if c.dep_ in {"compound", "amod"} and self.resolver.by_token.get(c.i)), None
            )
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
        if actor is not None and actor.type == "outlet":  # "the BBC's report of fighting": reporting, no part
            actor = None
        if trig.type in VIOLENT_TYPES and actor_tok is not None and actor_tok.head.i == token.i:
            actor = self._armed_force_of(actor, actor_tok)
        return actor, target if target is None or actor is None or target.name != actor.name else None

    def _demonym_modifier(self, token: Token) -> Token | None:
        """ "Israeli air strike": a demonym that modifies the event noun names who acted."""
        return next(
            (
                c
                for c in token.children
                if c.dep_ in {"amod", "compound", "nmod"} and c.lower_ in self.dictionary.demonyms
            ),
            None,
        )

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
                if is_passive(node) or lemma(node) in self.cues.patient_verbs:
                    return None  # "two soldiers died in an ambush": the subject suffered the event
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

    def same_paragraph(self, a: Token, b: Token) -> bool:
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
        if not as_target and (bare_number(token) or lemma(token) in self.cues.time_nouns):
            return None  # "300 fled", "the day saw fighting": a number or a time is no one
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
        heads = [token] + [
            g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"
        ]
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
        if not self.same_paragraph(victim, token):  # the parser runs header lines into the first sentence
            return None, None
        return self.resolve(victim, as_target=True), count_people(victim, token)

    def subject_fits(self, wanted: str, actor: ActorRef | None, token: Token) -> bool:
        if wanted == "armed":
            return self.is_armed_ref(actor) or self._subject_head_armed(token)
        if wanted == "not_civilian":  # no actor, or one that can wield force (a state, a group, a named body)
            return (
                actor is None
                or actor_class(actor) in {"state", "nonstate"}
                or self.is_armed_ref(actor)
                or (actor.type is not None and actor_class(actor) not in UNARMED_CLASSES)
            )
        return actor_class(actor) in UNARMED_CLASSES

    def _subject_head_armed(self, token: Token) -> bool:
        subj = self.subject_token(token)
        return subj is not None and bool(
            head_lemmas(subj, self.dictionary.partitives) & self.lex.classes.get("armed_personnel", frozenset())
        )

    def is_armed_ref(self, ref: ActorRef | None) -> bool:
        return self.dictionary.is_armed(ref)

    def from_speakers_view(self, m: Match, actor: ActorRef | None, speaker: ActorRef | None) -> ActorRef | None:
        """In a speaker's words, 'they' is the other side; a clash with no named side involves the speaker's."""
        if speaker is None or not speaker.actor:
            return actor
        subj = self.subject_token(m.token) if m.pos == "verb" else None
        if (
            actor is not None
            and actor.actor == speaker.actor
            and subj is not None
            and subj.pos_ == "PRON"
            and subj.lower_ in {"they", "them"}
            and self._quoted(subj)
        ):
            return self.resolver.other_side(subj, speaker.actor) or actor
        if actor is None and m.trigger.reciprocal and speaker.actor in self.dictionary.entries:
            side = self.resolver.ref_for_code(speaker.actor)
            # a side of a fight speaks for itself; an outlet reporting fighting takes no part in it
            return side if side.type not in {"outlet", None} else actor
        return actor

    @staticmethod
    def _outlet_as_subject(actor: ActorRef | None, actor_tok: Token | None, token: Token) -> ActorRef | None:
        """An outlet or news agency acts only as the subject of the event itself ("Reuters sued the ministry"),
        never through an "according to" or a clause above ("according to The Associated Press, ... killed")."""
        if actor is None or actor.type != "outlet":
            return actor
        direct = actor_tok is not None and actor_tok.head.i == token.i and actor_tok.dep_ in SUBJECT_DEPS
        return actor if direct else None

    def _quoted(self, token: Token) -> bool:
        before = [t for t in token.sent if t.i < token.i and t.text in QUOTE_MARKS]
        return bool(before)
