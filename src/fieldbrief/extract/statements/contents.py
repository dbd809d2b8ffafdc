"""Reading a reporting frame's content from the parse: the clausal complement, object or prepositional object
of a cue, a neighbouring quote, the clause a parenthetical attribution interrupts, cut at its proper ends."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from fieldbrief.extract.statements.quotes import Quote
from fieldbrief.extract.statements.subjects import FrameReader
from fieldbrief.extract.statements.text import (
    FINITE_TAGS,
    SUBJECT_DEPS,
    finite_clause,
    negated,
    words_of,
)

QUOTE_LEAD_IN = re.compile(r"\s*(?:\w+\s+){0,2}")
BREAK = re.compile(r"[.;:!?\"\u201c\u201d]")
ADJACENT_CHARS = 60  # at most this much text between a cue and a quote the parse left unattached
PRESENT_TAGS = frozenset({"VBP", "VBZ"})


class ContentReader(FrameReader):
    """The content spans of cues."""

    def _content_tokens(self, verb: Token, lemma: str) -> Span | None:
        """The tokens of what was said: clausal complement, object, prepositional object or -ing clause."""
        children = list(verb.children)
        if lemma in self.cues.clause_verbs:
            comp = self._complement(verb) or self._clause_in_channel(verb)
            if comp is not None and lemma in self.cues.belief_verbs and not finite_clause(comp):
                return None  # "wonder at what point ...", "expects them to win": no proposition held
            if (
                comp is not None
                and negated(verb)
                and any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in comp.children)
            ):
                return None  # "did not say whether the border would reopen": nothing was said
            if comp is not None:
                span = self._subtree(comp, skip_marks=True)
                start = self._after_leading_time(span) if comp.i > verb.i else span.start
                end = self._relative_clause_end(verb, span.end)
                return self.doc[start : self._reported_conj_end(verb, end)]
        if lemma in self.cues.object_verbs:
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            heads = self.cues.object_heads.get(lemma)
            if obj is not None and obj.pos_ != "PRON" and (heads is None or obj.lemma_.lower() in heads):
                span = self._subtree(obj)
                end = self._as_phrase_end(verb, span.end, lemma)
                if lemma not in self.cues.restricted_object_verbs or self._reported_object(verb, obj, end > span.end):
                    return self.doc[span.start : end]
        preps = self.cues.prep_objects.get(lemma)
        if preps:
            for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in preps):
                obj = next((g for g in prep.children if g.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None:
                    return self._subtree(obj)
        if lemma in self.cues.gerund_verbs:
            ger = next((c for c in children if c.dep_ in {"xcomp", "ccomp"} and c.tag_ == "VBG"), None)
            if ger is not None:
                return self._subtree(ger)
        return None

    def _complement(self, verb: Token) -> Token | None:
        """The clausal complement in the cue's paragraph, the nearest on the right first ("X said that ...")
        then on the left ("'...,' X said")."""
        p_start, p_end = self._paragraph(verb.idx)
        comps = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} and p_start <= c.idx < p_end]
        right = [c for c in comps if c.i > verb.i]
        if right:
            return right[0]
        left = comps[-1] if comps else None
        if left is None or any(c.dep_ == "xcomp" for c in verb.children):
            return None  # "...; they continue to escalate": the verb has a complement of its own
        if any(t.text == ";" for t in self.doc[left.right_edge.i + 1 : verb.i]):
            return None  # a semicolon separates two clauses, not a report from its source
        return left

    @staticmethod
    def _parenthetical_host(verb: Token) -> Span | None:
        """'The strikes, officials said, killed 12 people': the clause the attribution interrupts. Its part
        on the far side of the attribution, or all of it when the attribution sits in the middle."""
        head = verb.head
        if verb.dep_ != "parataxis" or head.pos_ not in {"VERB", "AUX"}:
            return None
        doc = verb.doc
        host = doc[head.left_edge.i : head.right_edge.i + 1]
        left, right = verb.left_edge.i, verb.right_edge.i + 1
        if not words_of(doc[right : host.end]):
            return doc[host.start : left]
        if not words_of(doc[host.start : left]):
            return doc[right : host.end]
        return host

    @staticmethod
    def _clause_in_channel(verb: Token) -> Token | None:
        """'said in a statement that ...': the parser hangs the that-clause on the channel noun."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
            for token in prep.subtree:
                if token.dep_ in {"acl", "ccomp", "relcl"} and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in token.children
                ):
                    return token
        return None

    def _as_phrase_end(self, verb: Token, end: int, lemma: str) -> int:
        """'hailed the deal as a breakthrough', 'dismissed the report as lies', 'accused the army of looting':
        the as-phrase (or the verb's content preposition) belongs to the object."""
        preps = {"as"} | self.cues.prep_objects.get(lemma, frozenset())
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in preps and prep.i >= end:
                return prep.right_edge.i + 1
        return end

    def _reported_object(self, verb: Token, obj: Token, extended: bool) -> bool:
        """'confirmed the deaths of three soldiers', 'announced a ceasefire' report something; 'did not reveal
        the location', 'would announce the investigations', 'accused the Democrats' do not: the verb is
        asserted (not negated, not modal or infinitive) and the object names an event or carries its own
        content (a clause or a prepositional phrase)."""
        aux = [c for c in verb.children if c.dep_ == "aux"]
        if negated(verb) or any(c.tag_ in {"MD", "TO"} for c in aux) or verb.dep_ in {"xcomp", "relcl"}:
            return False
        if extended or obj.lemma_.lower() in self.cues.event_nouns:
            return True
        content_preps = self.cues.prep_objects.get(verb.lemma_.lower(), frozenset())
        return any(
            c.dep_ in {"acl", "relcl"} or (c.dep_ == "prep" and c.lower_ in content_preps) for c in obj.children
        )  # "confirmed reports that ...", "accused the army of looting"

    def _adjacent_quote(self, verb: Token) -> Quote | None:
        """A quote the parse did not attach: 'X said: "..."' or '"...," X added'."""
        p_start, p_end = self._paragraph(verb.idx)
        verb_end = verb.idx + len(verb)
        for q in self.quotes:
            if verb_end <= q.open < p_end:
                between = self.text[verb_end : q.open]
                if len(between) <= ADJACENT_CHARS and between.rstrip()[-1:] in {":", ","} and "." not in between:
                    return q
            elif p_start <= q.open and q.stop <= verb.idx and q.closed:
                between = self.text[q.stop : verb.idx]
                if len(between) <= ADJACENT_CHARS and not BREAK.search(between) and self.text[q.end - 1] in ",?!":
                    return q
        return None

    def _reported_conj_end(self, verb: Token, end: int) -> int:
        """'X told reporters that they are ready and have shown intent': a subjectless verb coordinated with a
        past-tense cue but in the present tense goes on with the content (the parser hangs it on the cue)."""
        if verb.tag_ != "VBD":
            return end
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.i >= end):
            if any(c.dep_ in SUBJECT_DEPS for c in conj.children):
                break
            finite = [conj, *(c for c in conj.children if c.dep_ == "aux")]
            if any(t.tag_ in PRESENT_TAGS for t in finite):
                end = max(end, conj.right_edge.i + 1)
        return end

    def _after_leading_time(self, span: Span) -> int:
        """'said on Monday (that) it would ...': the parser often hangs the cue's time on the complement;
        the date belongs to the saying, not to what was said."""
        start = span.start
        while start < span.end - 1:
            token = self.doc[start]
            if token.ent_type_ in {"DATE", "TIME"} or (
                token.dep_ == "prep" and self.doc[start + 1].ent_type_ in {"DATE", "TIME"}
            ):
                start += 1
            elif token.dep_ == "mark" or token.text == ",":
                start += 1 if start > span.start else 0
                break
            else:
                break
        if start == span.start:
            return start
        while start < span.end - 1 and (self.doc[start].text == "," or self.doc[start].dep_ == "mark"):
            start += 1
        return start

    def _relative_clause_end(self, verb: Token, end: int) -> int:
        """'The leader, who said that he would boycott the vote, registered as a candidate': a cue in a
        relative clause set off by commas says no more than the clause; the verb after its closing comma
        (with no subject of its own) is the main clause's."""
        if verb.dep_ != "relcl":
            return end
        for token in self.doc[verb.i + 1 : end - 1]:
            after = self.doc[token.i + 1]
            if (
                token.text == ","
                and after.pos_ in {"VERB", "AUX"}
                and after.tag_ in FINITE_TAGS | {"VBN"}
                and not any(c.dep_ in SUBJECT_DEPS for c in after.children)
            ):
                return token.i
        return end

    def _subtree(self, head: Token, *, skip_marks: bool = False) -> Span:
        start, end = head.left_edge.i, head.right_edge.i + 1
        if skip_marks:
            while start < head.i and self.doc[start].dep_ == "mark" and self.doc[start].head.i == head.i:
                start += 1
        return self.doc[start:end]

    # -- "according to X"

    def _through_following_quote(self, end: int, limit: int) -> int:
        """'X admits US gun laws are his "biggest frustration"': the parse may stop before a quote that
        completes the content; a closed quote right after it (or after a word or two) belongs to it."""
        for q in self.quotes:
            if end <= q.open < limit and q.closed and QUOTE_LEAD_IN.fullmatch(self.text, end, q.open):
                return q.stop
        return end
