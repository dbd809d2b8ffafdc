"""The events of one parsed article, sentence by sentence: trigger words, their arguments and status, casualty
words folded into their violent event, the rules' ACLED type; then duplicates collapse."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.actors import ActorDictionary
from fieldbrief.extract.events.acled import INTERVENTION_SUB_EVENTS, acled_type, mark_interventions
from fieldbrief.extract.events.arguments import BULLETS, Arguments
from fieldbrief.extract.events.candidates import VIOLENT_TYPES, Found
from fieldbrief.extract.events.casualties import fold_casualties
from fieldbrief.extract.events.classifier import NONE, EventModel
from fieldbrief.extract.events.collapse import collapse
from fieldbrief.extract.events.counting import count_people
from fieldbrief.extract.events.dating import date_context, event_date
from fieldbrief.extract.events.features import sentence_features
from fieldbrief.extract.events.lexicon import Lexicon, Trigger
from fieldbrief.extract.events.placing import focus_place, place_for
from fieldbrief.extract.events.status import StatusReader
from fieldbrief.extract.events.syntax import (
    GOVERNING_DEPS,
    MAX_FRAME_DEPTH,
    in_noun_modifier,
    is_actor,
    is_generic_gerund,
    lemma,
    object_of,
    prep_objects,
)
from fieldbrief.extract.events.triggers import Match, match_token, trigger_positions
from fieldbrief.model import AcledType, ActorRef, Article, Event, EventStatus, TimeRef


class EventFinder:
    """Finds the events of one parsed article."""

    def __init__(
        self, doc: Doc, article: Article, lex: Lexicon, dictionary: ActorDictionary, model: EventModel | None = None
    ) -> None:
        self.doc = doc
        self.model = model
        self.article = article
        self.lex = lex
        self.cues = lex.cues
        self.dictionary = dictionary
        self.args = Arguments(doc, article, lex, dictionary)
        self.status_reader = StatusReader(article, lex, self.args)
        # where a wire report was filed ("KHARKIV, March 10 -") is where an event happened only failing all else
        self.filed_at = {id(p) for p in article.places if any(a <= p.start < b for a, b in self.args.datelines)}
        self.focus = focus_place([p for p in article.places if id(p) not in self.filed_at]) or focus_place(
            article.places
        )
        self.dating = date_context(article, self.status_reader.reporting)
        self.trigger_at = trigger_positions(doc, lex)

    def events(self) -> list[Event]:
        found: list[Found] = []
        for sent in self.doc.sents:
            found.extend(self.sentence_events(sent))
        return collapse(found)

    def sentence_events(self, sent: Span) -> list[Found]:
        matches, found = self.candidates(sent)
        if self.model is not None and matches:
            found = self.decide(sent, matches, found, self.model)
        return found

    def candidates(self, sent: Span) -> tuple[list[Match], list[Found]]:
        """The trigger readings of a sentence and the events the rules make of them (what the classifier reads)."""
        matches = self._drop_governed(
            [m for t in self._trigger_tokens(sent) if (m := match_token(t, self.lex, self.dictionary))]
        )
        found = fold_casualties([f for m in matches if (f := self.build_any(m, sent)) is not None])
        for f in found:
            f.event.acled = acled_type(f.event, f.acled_hint, self.lex, self.dictionary, f.victims)
        mark_interventions(found, self.lex, self.dictionary)
        return matches, found

    def _trigger_tokens(self, sent: Span) -> list[Token]:
        """The sentence's words that can be trigger words (the rest no reading of plover.toml can match)."""
        at, doc = self.trigger_at, self.doc
        first, last = bisect_left(at, sent.start), bisect_left(at, sent.end)
        return [doc[i] for i in at[first:last]]

    # -- the classifier's decision over the rules' candidates (see classifier.py)
    def decide(self, sent: Span, matches: list[Match], found: list[Found], model: EventModel) -> list[Found]:
        reading = model.read(sentence_features(sent, matches, found, self.lex, self.dictionary))
        limits = model.thresholds
        if any(f.event.acled is not None and f.event.acled.sub_event_type in INTERVENTION_SUB_EVENTS for f in found):
            return found  # ACLED's convention the rules encode: a protest and the force used on it are one event
        if not reading.is_event:
            for f in found:
                f.event.acled = None
            if reading.plover == NONE and reading.plover_p >= limits.drop:
                # a toll with no one behind it ("a bus crash killed 22") is no event; a denial stays the rules'
                found = [f for f in found if not f.casualty or f.event.status == "denied"]
            return self._first_of_type(found, reading.plover)
        carriers = self.lex.acled_plover.get(reading.acled, ("ASSAULT",))
        main = next((f for f in found if f.event.type in carriers), None)
        if main is None and found:
            return found  # the rules read another kind of event here: their reading stands
        if main is None:
            main = self.vouched_event(sent, matches, carriers) if reading.acled_p >= limits.new_event else None
            if (
                main is None
                and reading.acled_p >= limits.new_root
                and reading.plover in carriers
                and reading.plover_p >= limits.agree
            ):
                main = self.model_event(sent, reading.plover if reading.plover in carriers else carriers[0])
            if main is None:
                return found
            found = [main]
        main.event.acled = AcledType(
            self.lex.acled_event_types.get(reading.acled, "Strategic developments"), reading.acled
        )
        if reading.mode and reading.mode_p >= limits.mode:
            mode_type, _, mode = reading.mode.partition("|")
            if mode_type == main.event.type:
                main.event.mode = mode
        return [main] + [f for f in found if f is not main]

    @staticmethod
    def _first_of_type(found: list[Found], type_: str) -> list[Found]:
        """The candidate of the type the classifier reads first: it is the sentence's main event."""
        main = next((f for f in found if f.event.type == type_), None)
        return found if main is None else [main] + [f for f in found if f is not main]

    def vouched_event(self, sent: Span, matches: list[Match], carriers: tuple[str, ...]) -> Found | None:
        """The event of a trigger reading the rules' gates held back ("five activists were arrested": no actor),
        when the classifier reads an event its type can carry."""
        for m in matches:
            for trig in (m.trigger, *m.fallbacks):
                if trig.type in carriers and not trig.casualty:
                    found = self.build(Match(m.token, trig, m.pos), sent, vouched=True)
                    if found is not None:
                        return found
        return None

    def model_event(self, sent: Span, type_: str) -> Found | None:
        """An event the rules did not find, read at the sentence's main verb with the rules' arguments and status."""
        token = sent.root if sent.root.pos_ in {"VERB", "AUX"} else next((t for t in sent if t.pos_ == "VERB"), None)
        if token is None:
            return None
        actor, target = self.args.verb_arguments(token, Trigger(index=-1, type=type_))
        status, according_to, _ = self.status_reader.status(token)
        start, end = self.evidence_span(sent, token)
        event = Event(
            type=type_,
            status=status,
            start=start,
            end=end,
            evidence=self.article.text[start:end],
            actor=actor,
            target=target,
            place=place_for(self.article.places, self.filed_at, self.focus, token, start, end),
            date=self.date_for(token, start, end),
            according_to=according_to,
        )
        return Found(event, token)

    def _drop_governed(self, matches: list[Match]) -> list[Match]:
        """Swallowing words take the events below them; deferring words give way to them."""
        by_token = {m.token.i: m for m in matches}
        keep = []
        for m in matches:
            gov = self._governing_match(m.token, by_token)
            if m.pos == "noun" and self._is_argument_of_same_event(m, by_token):
                continue
            if gov is not None and (
                gov.trigger.swallow
                or (
                    m.pos == "noun"
                    and not gov.trigger.defer
                    and not gov.trigger.casualty
                    and not self._has_own_actor(m.token)
                )
            ):
                continue
            if is_generic_gerund(m.token):
                continue
            if any(self._defers_to(m, o, by_token) for o in matches if o is not m):
                continue
            keep.append(m)
        return keep

    def _defers_to(self, m: Match, other: Match, by_token: dict[int, Match]) -> bool:
        """ "agreed to lift the curfew": the word gives way to an event it governs (of any type, or the listed)."""
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
        """ "A roadside bomb exploded": the noun is the subject of the verb that reports the same event."""
        head = by_token.get(m.token.head.i)
        return (
            head is not None
            and head is not m
            and head.trigger.type == m.trigger.type
            and m.token.dep_ in {"nsubj", "nsubjpass", "dobj"}
        )

    def _has_own_actor(self, token: Token) -> bool:
        return any(c.dep_ == "poss" for c in token.children) or bool(prep_objects(token, self.cues.actor_preps))

    def build_any(self, m: Match, sent: Span) -> Found | None:
        """The event of the first reading whose conditions on its arguments hold ("strike" by troops or by
        teachers)."""
        for trig in (m.trigger, *m.fallbacks):
            found = self.build(Match(m.token, trig, m.pos), sent)
            if found is not None:
                return found
        return None

    def build(self, m: Match, sent: Span, *, vouched: bool = False) -> Found | None:
        """The event of a trigger reading; `vouched`: the classifier read an event of this kind in the sentence,
        so the rules' precision gate (an actor for non-violent events) is not needed; what the reading says of its
        subject still holds (armed men marching are no protest)."""
        token, trig = m.token, m.trigger
        actor, target = self.args.arguments(m)
        if trig.subject and not self.args.subject_fits(trig.subject, actor, token):
            return None
        victims, victim_count = self.args.victims(token) if trig.casualty else (None, None)
        counted = victim_count is not None and victim_count.value is not None
        if not (vouched or self._worth_coding(m, actor, target) or (trig.casualty == "kill" and counted)):
            return None  # "two were killed" names no one, but counts the dead
        status, according_to, speaker = self.status_reader.status(token)
        actor = self.args.from_speakers_view(m, actor, speaker)
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
            place=place_for(self.article.places, self.filed_at, self.focus, token, evidence_start, evidence_end),
            date=self.date_for(token, evidence_start, evidence_end),
            according_to=according_to,
        )
        found = Found(
            event,
            token,
            casualty=trig.casualty,
            acled_hint=trig.acled or self.cue_near(token, True),
            reciprocal=trig.reciprocal,
        )
        if trig.casualty:
            found.victims, found.victim_count = victims, victim_count
            if trig.casualty == "kill" and found.victim_count is not None:
                event.fatalities, event.fatalities_text = found.victim_count.value, found.victim_count.text
            if event.target is None:
                event.target = found.victims
        taken_tok = object_of(token) if trig.counts == "captured" and m.pos == "verb" else None
        if taken_tok is not None and self.args.same_paragraph(taken_tok, token):
            taken = count_people(taken_tok, token)
            if taken is not None:
                event.captured, event.captured_text = taken.value, taken.text
        return found

    def type_for(self, trig: Trigger, token: Token, status: EventStatus) -> str:
        """PLOVER codes a promise apart from the deed: "will withdraw" is CONCEDE, "agreed to sign" AGREE. A
        threat ("threatened to withdraw") is no promise."""
        if trig.promised is None or status != "planned":
            return trig.type
        if any(lemma(node) in self.cues.threat_verbs for node in self.status_reader.frame_chain(token)):
            return trig.type
        return trig.promised

    def _worth_coding(self, m: Match, actor: ActorRef | None, target: ActorRef | None) -> bool:
        """Precision: non-violent events need an actor and are no background in a relative clause ("militias
        that partnered with the US"); violent verbs need an actor or a target; violent nouns one of them or
        to be what their clause is about ("fighting broke out", "no fighting in X")."""
        if m.trigger.type not in VIOLENT_TYPES:
            return actor is not None and not in_noun_modifier(m.token) and (not m.trigger.dyadic or is_actor(target))
        if actor is not None or target is not None:
            return True
        return m.pos == "noun" and m.trigger.casualty is None and self._noun_is_anchored(m.token)

    def _noun_is_anchored(self, token: Token) -> bool:
        """An event noun that is itself what a clause is about: a subject, an object, negated, with a place."""
        if token.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "ROOT"}:
            return True
        return any(c.dep_ == "det" and lemma(c) in self.cues.negation for c in token.children)

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
        subj = self.args.subject_token(token)
        if subj is not None:
            near.extend(subj.subtree)
        lemmas = [lemma(t) for t in near]
        for size in (2, 1):
            for i in range(len(lemmas) - size + 1):
                mode = table.get(tuple(lemmas[i : i + size]))
                if mode:
                    return mode
        return None

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
