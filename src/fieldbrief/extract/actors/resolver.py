"""Resolving an event's argument tokens to actors: dictionary match, demonym + generic noun ("Israeli troops"),
context alias ("the resistance" in an article naming the NRF), pronoun resolution, or the phrase as written with its
NER type for actors the dictionary does not know."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.actors.mentions import Mention, find_mentions
from fieldbrief.lexicon import pronouns
from fieldbrief.lexicon.actors import ARMED_TYPES, ActorDictionary, GenericClass
from fieldbrief.lexicon.datelines import dateline_spans
from fieldbrief.model import ActorRef, Statement
from fieldbrief.nlp import doc_text

PERSON_PRONOUNS = pronouns.PERSON  # the pronoun lists are shared with speaker resolution: data/pronouns.toml
GROUP_PRONOUNS = pronouns.GROUP
FIRST_PERSON = pronouns.FIRST_PERSON
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"})


def main_country(places: Iterable[Any]) -> str | None:
    """The country most places in the article lie in (ties: the first named)."""
    counts = Counter(p.country for p in places if getattr(p, "country", None))
    return counts.most_common(1)[0][0] if counts else None


class ActorResolver:
    """Resolves argument tokens of one article to ActorRefs. Built once per article."""

    def __init__(
        self,
        doc: Doc,
        dictionary: ActorDictionary,
        statements: Sequence[Statement] = (),
        country: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # spaCy rebuilds doc.text on every access
        self.dateline_ends = dateline_spans(self.text)
        self.dictionary = dictionary
        self.statements = statements
        self.country = country
        mentions = find_mentions(doc, dictionary)
        named: set[str] = {m.code for m in mentions if m.code and not m.context}
        named |= {parent for c in list(named) if (parent := dictionary.entries[c].member_of)}
        self.mentions = [m for m in mentions if not m.context or m.code in named]
        self._resolve_context_conflicts()
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for t in range(m.start, m.end):
                self.by_token[t] = m

    def _resolve_context_conflicts(self) -> None:
        """A context alias shared by several named actors ("militants") goes to the main country's one."""
        counts: Counter[str | None] = Counter(m.code for m in self.mentions if m.code and not m.context)
        keep: list[Mention] = []
        seen: dict[tuple[int, int], Mention] = {}
        for m in self.mentions:
            if not m.context:
                keep.append(m)
                continue
            prev = seen.get((m.start, m.end))
            if prev is None or self._context_rank(m, counts) > self._context_rank(prev, counts):
                seen[(m.start, m.end)] = m
        self.mentions = sorted(keep + list(seen.values()), key=lambda m: m.start)

    def _context_rank(self, m: Mention, counts: Counter[str | None]) -> tuple[bool, int]:
        entry = self.dictionary.entries[m.code] if m.code else None
        return (bool(entry and entry.country == self.country), counts.get(m.code, 0))

    # -- public
    def resolve(self, token: Token, *, as_target: bool = False) -> ActorRef | None:
        """The actor a phrase headed by `token` denotes, or None for things that are no actors."""
        if token.pos_ == "PRON" or token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON:
            return self.resolve_pronoun(token)
        if self._in_dateline(token):  # "KHARKIV, March 10 - A rocket struck ...": where it was filed, no actor
            return None
        head = self._through_partitive(token)
        ref = self._from_mention(head, as_target=as_target)
        if ref:
            return ref
        ref = self._from_modifiers(head)
        if ref:
            return ref
        ref = self._from_generic(head)
        if ref:
            return ref
        return self._unknown(head)

    def _in_dateline(self, token: Token) -> bool:
        return any(start <= token.idx < end for start, end in self.dateline_ends)

    def ref_for_code(self, code: str, name: str | None = None) -> ActorRef:
        entry = self.dictionary.entries[code]
        acting = self.dictionary.entries[self.dictionary.acting_code(entry)]
        return ActorRef(
            name=name or entry.name,
            actor=acting.code,
            type=entry.type if not entry.is_person else acting.type if acting is not entry else entry.type,
            country=entry.country or acting.country,
        )

    def speaker_ref(self, statement: Statement) -> ActorRef | None:
        code = statement.speaker.actor
        if code and code in self.dictionary.entries:
            entry = self.dictionary.entries[code]
            return ActorRef(name=statement.speaker.name, actor=code, type=entry.type, country=entry.country)
        found = self.dictionary.lookup(statement.speaker.name)
        if found:
            return self.ref_for_code(found.code, statement.speaker.name)
        if statement.speaker.kind == "unnamed":
            return None
        return ActorRef(name=statement.speaker.name)

    def statement_at(self, char: int) -> Statement | None:
        for st in self.statements:  # a statement without a source has no speaker whose "we" or "he" this is
            if st.attribution == "sourced" and st.start <= char < st.end:
                return st
        return None

    # -- steps
    def _through_partitive(self, token: Token) -> Token:
        """'hundreds of fighters', 'a group of soldiers', 'members of the SAS' -> the 'of' object."""
        seen = 0
        while token.lemma_.lower() in self.dictionary.partitives or token.lower_ in self.dictionary.partitives:
            pobj = next(
                (
                    g
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            if pobj is None or seen > 3:
                break
            token, seen = pobj, seen + 1
        return token

    def _from_mention(self, head: Token, *, as_target: bool) -> ActorRef | None:
        m = self.by_token.get(head.i)
        if m is None:
            return None
        if m.metonym and as_target:  # "an attack on Kyiv": the city, not the government
            return ActorRef(name=self.doc[m.start : m.end].text)
        if m.code:
            return self.ref_for_code(m.code, None if not m.context else self._phrase(head))
        gen = self.dictionary.generic_named(self.doc[m.start : head.i + 1].text) if head.i >= m.start else None
        if gen is not None:  # "Rioters (Kenya)": a generic class written as a name, its country in brackets
            return self._generic_ref(gen, head, self._bracketed_country(head))
        return ActorRef(name=self.doc[m.start : m.end].text, type=_ner_type(m.label))

    def _bracketed_country(self, head: Token) -> str | None:
        """The country of ACLED's "Protesters (Pakistan)": an apposition in brackets that names a country."""
        for child in head.children:
            if child.dep_ == "appos" and child.i > 0 and self.doc[child.i - 1].text == "(":
                entry = self.dictionary.lookup(child.text)
                if entry is not None and entry.type == "government" and entry.country:
                    return entry.country
        return None

    def _from_modifiers(self, head: Token) -> ActorRef | None:
        """'Taliban fighters', "Russia's army", 'Israeli jets', 'Sudanese civilians' -> the modifier's actor."""
        lemma = head.lemma_.lower()
        gen = self.dictionary.generics.get(lemma) or self.dictionary.generics.get(head.lower_)
        if lemma not in self.dictionary.agent_heads and gen is None:
            return None
        for child in head.children:
            if child.dep_ not in {"compound", "poss", "amod", "nmod"}:
                continue
            m = self.by_token.get(child.i)
            if m and m.code and lemma in self.dictionary.agent_heads:
                entry = self.dictionary.entries[m.code]
                if entry.type == "government" and gen and gen.country_actor and entry.country:
                    target = self.dictionary.country_actor(entry.country, gen.country_actor)
                    if target:
                        return self.ref_for_code(target.code, self._phrase(head))
                return self.ref_for_code(m.code, self._phrase(head))
            iso2 = self.dictionary.demonyms.get(child.lower_) or (
                self.dictionary.entries[m.code].country
                if m and m.code and self.dictionary.entries[m.code].type == "government"
                else None
            )
            if iso2 and gen:
                return self._generic_ref(gen, head, iso2)
        return None

    def _from_generic(self, head: Token) -> ActorRef | None:
        phrase_key = " ".join(t.lower_ for t in head.lefts if t.dep_ in {"compound", "amod"}) + " " + head.lower_
        gen = (
            self.dictionary.generics.get(phrase_key.strip())
            or self.dictionary.generics.get(head.lemma_.lower())
            or self.dictionary.generics.get(head.lower_)
            or self.dictionary.generic_named(phrase_key)
        )
        if gen is None:
            return None
        if gen.type in ARMED_TYPES and _bare_definite(head):  # "the force": the armed group named just before
            earlier = self._antecedent(head, want_person=False, exclude=None, before=None, armed_only=True)
            if earlier is not None:
                return earlier
        return self._generic_ref(gen, head, self._bracketed_country(head))

    def _generic_ref(self, gen: GenericClass, head: Token, iso2: str | None) -> ActorRef:
        phrase = self._phrase(head)
        country = iso2 or self.country
        if gen.country_actor and iso2:  # a demonym makes it that state's force: "Israeli troops"
            entry = self.dictionary.country_actor(iso2, gen.country_actor)
            if entry:
                return ActorRef(name=phrase, actor=entry.code, type=entry.type, country=iso2)
        code = f"{gen.code}-{country}" if country else gen.code
        return ActorRef(name=phrase, actor=code, type=gen.type, country=country)

    def _unknown(self, head: Token) -> ActorRef | None:
        if head.pos_ not in {"NOUN", "PROPN"}:
            return None
        label = head.ent_type_  # the token's own entity label: no scan over doc.ents per argument
        return ActorRef(name=self._phrase(head), type=_ner_type(label) if label else None)

    def _phrase(self, head: Token) -> str:
        """The noun phrase as written, without leading determiners and trailing clauses."""
        left = [t for t in head.lefts if t.dep_ not in {"punct", "cc", "prep", "relcl", "acl", "appos"}]
        start = min([head.i] + [t.left_edge.i for t in left])
        span: Span = self.doc[start : head.i + 1]
        words = [t.text for t in span]
        while len(words) > 1 and words[0].lower() in DETERMINERS:
            words = words[1:]
        return " ".join(words).replace(" 's", "'s").replace(" - ", "-").replace(" -", "-").replace("- ", "-")

    # -- pronouns
    def resolve_pronoun(self, token: Token) -> ActorRef | None:
        """I/we -> the speaker's side; in indirect speech he/she/it/they -> the speaker; in a direct quote
        they -> the most recent other side; elsewhere the most recent compatible subject, then mention."""
        low = token.lower_
        st = self.statement_at(token.idx)
        if st is not None:
            speaker = self.speaker_ref(st)
            quoted = self._inside_quote(token, st)
            if low in FIRST_PERSON or (not quoted and st.kind != "direct" and self._pronoun_agrees(low, speaker)):
                return speaker
            if quoted and low in GROUP_PRONOUNS:
                exclude = speaker.actor if speaker else None
                return self._antecedent(token, want_person=False, exclude=exclude, before=st.start)
        if low in FIRST_PERSON:
            return None
        return self._antecedent(token, want_person=low in PERSON_PRONOUNS, exclude=None, before=None)

    def other_side(self, token: Token, speaker_code: str | None) -> ActorRef | None:
        """In a speaker's own words, 'they' is the other side: the latest group named that is not the speaker's."""
        return self._antecedent(token, want_person=False, exclude=speaker_code, before=None)

    def _pronoun_agrees(self, low: str, speaker: ActorRef | None) -> bool:
        if speaker is None:
            return False
        entry = self.dictionary.entries.get(speaker.actor or "")
        is_person = entry.is_person if entry else speaker.type in {None, "person", "official"}
        if speaker.actor and entry is None:
            is_person = False
        return (low in PERSON_PRONOUNS) == is_person or (low in GROUP_PRONOUNS and not is_person)

    def _inside_quote(self, token: Token, st: Statement) -> bool:
        if st.kind == "direct":
            return True
        before = self.text[st.start : token.idx]
        return sum(before.count(q) for q in '\u201c"') % 2 == 1 or before.count("\u2018") > before.count("\u2019")

    def _antecedent(
        self, token: Token, *, want_person: bool, exclude: str | None, before: int | None, armed_only: bool = False
    ) -> ActorRef | None:
        """Most recent earlier mention (subjects first within the current and previous sentence)."""
        limit = token.i if before is None else min(token.i, self._token_at(before))
        sent_start = token.sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        candidates = [m for m in self.mentions if m.end <= limit and m.start >= prev_start]
        older = [m for m in self.mentions if m.end <= limit and m.start < prev_start]
        for pool in (self._subjects(candidates), candidates, older):
            for m in reversed(pool):
                ref = self._mention_ref(m)
                if ref is None or (exclude and ref.actor == exclude) or (armed_only and ref.type not in ARMED_TYPES):
                    continue
                if self._is_person_ref(ref, m) == want_person:
                    return ref
        return None

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else len(self.doc)

    def _subjects(self, mentions: list[Mention]) -> list[Mention]:
        return [
            m
            for m in mentions
            if any(self.doc[t].dep_ in {"nsubj", "nsubjpass"} for t in range(m.start, m.end))
            or self.doc[m.end - 1].dep_ in {"nsubj", "nsubjpass"}
        ]

    def _mention_ref(self, m: Mention) -> ActorRef | None:
        if m.code:
            return self.ref_for_code(m.code, self.doc[m.start : m.end].text if m.context else None)
        if m.label in {"PERSON", "ORG"}:
            return ActorRef(name=self.doc[m.start : m.end].text, type=_ner_type(m.label))
        return None

    def _is_person_ref(self, ref: ActorRef, m: Mention) -> bool:
        if m.code:
            entry = self.dictionary.entries[m.code]
            return entry.is_person
        return m.label == "PERSON"


def _bare_definite(head: Token) -> bool:
    """ "the force", "the group": a definite noun with nothing else that says who it is."""
    kids = list(head.children)
    return any(k.dep_ == "det" and k.lower_ in {"the", "this", "that"} for k in kids) and not any(
        k.dep_ in {"compound", "amod", "poss", "nmod", "prep", "acl", "relcl", "appos"} for k in kids
    )


def _ner_type(label: str) -> str | None:
    return {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "government"}.get(label)
