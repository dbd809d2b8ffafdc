"""Reporting frames from rules over the dependency parse: a cue from data/cues.toml with its subject and its
content (clausal complement, object, prepositional object, neighbouring quote, the clause a parenthetical
attribution interrupts, or the clause an "according to X" phrase modifies)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.statements.cues import Cues
from fieldbrief.extract.statements.quotes import DOUBLE_MARKS, PARAGRAPH, SINGLE_MARKS, Quote
from fieldbrief.extract.statements.text import (
    DIRECT_TRAILING,
    EDGE_PUNCT,
    FINITE_TAGS,
    SUBJECT_DEPS,
    DocIndex,
    finite_clause,
    negated,
    trim,
    words_of,
)
from fieldbrief.lexicon.datelines import dateline_at
from fieldbrief.model import StatementKind

QUOTE_LEAD_IN = re.compile(r"\s*(?:\w+\s+){0,2}")
# a cue without a subject of its own takes the governing verb's through these links: "X met Y, hailing ...",
# "X was quoted as saying ...", "X issued a statement saying ...", "X went on to say ..."
INHERIT_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "acl", "prep", "dobj", "pobj"})
CLIMB_STEPS = 4
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should"})
NOTHING_SAID = frozenset({"nothing", "none"})
INTRODUCTION_WORDS = 8  # at most this many words between a cue and the colon that introduces a paragraph
BREAK = re.compile(r"[.;:!?\"\u201c\u201d]")
ADJACENT_CHARS = 60  # at most this much text between a cue and a quote the parse left unattached
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
CLAUSE_BREAKS = frozenset("\u2014\u2013:;")
# a quoted paragraph signed with a dash and a name: '"We will not leave." ― Amina Karimi' (a reader's voice,
# an epigraph, a pull quote): up to four capitalised words, closing the paragraph
DASH_SIGNATURE = re.compile(
    r"[ \t]*[\u2015\u2014\u2013][ \t]*(?P<name>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3})[ \t.]*$",
    re.MULTILINE,
)


@dataclass
class Frame:
    """A reporting frame found in the parse, before its speaker is resolved."""

    cue: Token
    cue_text: str
    subject: Token | None
    start: int  # content, as character offsets
    end: int
    kind: StatementKind
    quote: Quote | None = None
    addressee: Token | None = None  # "told X": the outlet an unnamed source spoke to
    introduced: bool = False  # "X said:" closing its paragraph: the content is the next paragraph


class FrameFinder:
    """Reporting frames in one parsed article."""

    def __init__(self, doc: Doc, text: str, index: DocIndex, cues: Cues, quotes: list[Quote]) -> None:
        self.doc = doc
        self.index = index
        self.text: str = text
        self.cues = cues
        self.quotes = quotes
        self.phrase_starts = frozenset(p[0] for p in cues.attribution)
        self.paragraph_starts = [m.start() for m in PARAGRAPH.finditer(text)]

    def frames(self) -> list[Frame]:
        found: list[Frame] = []
        for token in self.doc:
            lemma = token.lemma_.lower()
            if token.pos_ in {"VERB", "AUX"} and (lemma in self.cues.clause_verbs or lemma in self.cues.object_verbs):
                frame = self._verb_frame(token, lemma)
            elif token.lower_ in self.phrase_starts:
                frame = self._attribution_frame(token)
            else:
                continue
            if frame is not None and not self.quoted(token):
                found.append(frame)
        found.extend(self._signed_quotes())
        return found

    def _signed_quotes(self) -> list[Frame]:
        """'"...." ― Name' closing a paragraph that opens with the quote: the named person's words."""
        found = []
        for q in self.quotes:
            if not (q.closed and q.opens_paragraph):
                continue
            m = DASH_SIGNATURE.match(self.text, q.stop)
            if m is None:
                continue
            dash = self.doc.char_span(m.start(), m.start("name"), alignment_mode="expand")
            name = self.doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
            words = [t for t in name if not t.is_punct] if name is not None else []
            if dash is None or not len(dash) or not words:
                continue
            frame = self.classify(dash[0], m.group(0).strip()[0], words[-1], q.start, q.end)
            if frame is not None:
                found.append(frame)
        return found

    def known_cue(self, cue: Token) -> bool:
        """A cue the rules know: a reporting verb of cues.toml or the first word of an attribution phrase."""
        lemma = cue.lemma_.lower()
        verb = cue.pos_ in {"VERB", "AUX"} and (lemma in self.cues.clause_verbs or lemma in self.cues.object_verbs)
        return verb or cue.lower_ in self.phrase_starts

    def rejects(self, cue: Token, content: Span) -> bool:
        """What the rules never take for a statement, whoever proposes it: a negated or hypothetical cue ("did
        not say whether", "would announce"), a passive hedge ("it is believed", "asked whether"), a cue of
        quotes with no quote, nothing said ("said nothing"), an object a verb takes without reporting ("claimed
        twenty lives", "confirmed the date"), a belief with no proposition ("expects the committee to
        approve"), a reporting verb of cues.toml with an infinitive ("vowed to fight on": the rules' choice;
        intentions come from the verbs of wanting and planning)."""
        lemma = cue.lemma_.lower()
        if cue.pos_ not in {"VERB", "AUX"}:
            return False
        if cue.tag_ == "VB" and not any(c.dep_ in SUBJECT_DEPS for c in cue.children):
            return True  # "vowed to crush the rulers and to defend the town": what someone means to do
        if (
            negated(cue)
            or self._is_passive(cue)
            or self._is_bare_participle(cue)
            or lemma in self.cues.quote_only_verbs
        ):
            return True
        if any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in HYPOTHETICAL_MODALS for c in cue.children):
            return True
        if content.root.lower_ in NOTHING_SAID:
            return True
        obj = content.root if content.root.dep_ == "dobj" and content.root.head.i == cue.i else None
        heads = self.cues.object_heads.get(lemma)
        if obj is not None and heads is not None and obj.lemma_.lower() not in heads:
            return True
        if (
            obj is not None
            and lemma in self.cues.restricted_object_verbs
            and not self._reported_object(cue, obj, False)
        ):
            return True  # "confirmed the date of the summit"
        infinitive = content[0].tag_ == "TO"
        if infinitive and self.known_cue(cue):
            return True  # "vowed to fight on", "claims to be president", "expects to win": no report of fact
        return lemma in self.cues.belief_verbs and not infinitive and not finite_clause(content.root)

    def source_of(self, cue: Token) -> Token | None:
        """The head of the source of a cue the learned tagger found: the subject of a verb (or of the verb it
        depends on), the agent of a passive ("was criticised by X"), the object of "according to", the owner
        of a noun ("Trump's plan", "criticism from X"), the label of a headline ("Poll: ...")."""
        if cue.lower_ in self.phrase_starts or cue.lemma_.lower() == "accord":
            return next((g for c in cue.children for g in c.children if g.dep_ == "pobj"), None)
        if cue.pos_ in {"VERB", "AUX"}:
            agent = next((g for c in cue.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if self._is_passive(cue):
                return agent
            subject = self._subject(cue)
            paragraph = self._paragraph(cue.idx)
            return subject if subject is not None and self._paragraph(subject.idx) == paragraph else None
        if cue.pos_ in {"NOUN", "PROPN"}:
            for child in cue.children:
                if child.dep_ == "poss" and child.i < cue.i:
                    return child
                if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
                    return next((g for g in child.children if g.dep_ == "pobj"), None)
            if cue.dep_ in {"dobj", "attr"} and cue.head.pos_ in {"VERB", "AUX"}:
                return self._subject(cue.head)  # "X expressed concern that ...", "X made a promise to ..."
            return None
        if cue.text == ":":  # "Poll: voters ...", "WALLACE: If I may ..."
            before = [t for t in self.index.sentence(cue) if t.i < cue.i and not t.is_punct]
            heads = [t for t in before if not (before[0].i <= t.head.i < cue.i) or t.head.i == t.i]
            return heads[-1] if heads else None
        return None

    def quoted(self, token: Token) -> bool:
        """A cue inside a quote is quoted speech, not the article's attribution."""
        return any(q.start <= token.idx < q.end for q in self.quotes)

    # -- verbs
    def _verb_frame(self, verb: Token, lemma: str) -> Frame | None:
        if self._is_passive(verb) or self._is_bare_participle(verb):
            return None
        # a belief is only attributed to its own grammatical subject ("Schiff expected that ..."), never to
        # the subject of a verb it depends on
        subject = self._own_subject(verb) if lemma in self.cues.belief_verbs else self._subject(verb)
        paragraph = self._paragraph(verb.idx)
        if self._paragraph(verb.head.idx) != paragraph or (
            subject is not None and self._paragraph(subject.idx) != paragraph
        ):
            subject = self._subject_before(verb, paragraph[0])  # a heading or bullet run into this paragraph
        if subject is None or self._paragraph(subject.idx) != paragraph:
            return None
        introduced = self._introduced_paragraph(verb) if lemma in self.cues.clause_verbs else None
        if introduced is not None:
            frame = self.classify(verb, verb.text, subject, *introduced, within_paragraph=False)
            if frame is not None:
                frame.introduced = True
                return frame
        span = None if lemma in self.cues.quote_only_verbs else self._content_tokens(verb, lemma)
        before = self._quote_before_break(verb, span) if span is not None else None
        if before is not None:
            frame = self.classify(verb, verb.text, subject, before.start, before.end)
        elif span is not None:
            frame = self.classify(verb, verb.text, subject, span[0].idx, span[-1].idx + len(span[-1]))
        elif (quote := self._adjacent_quote(verb) if lemma in self.cues.clause_verbs else None) is not None:
            frame = self.classify(verb, verb.text, subject, quote.start, quote.end)
        elif lemma in self.cues.clause_verbs and (host := self._parenthetical_host(verb)) is not None:
            frame = self.classify(verb, verb.text, subject, host.start_char, host.end_char, parenthetical=True)
        else:
            return None
        if frame is not None:
            frame.addressee = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
        return frame

    def _introduced_paragraph(self, verb: Token) -> tuple[int, int] | None:
        """'He said:' / 'The ministry said in a statement:' closing its paragraph: the next paragraph is what
        was said (a statement or transcript quoted as a block)."""
        _, p_end = self._paragraph(verb.idx)
        lead = self.text[verb.idx + len(verb) : p_end].rstrip()
        if not lead.endswith(":") or len(lead.split()) > INTRODUCTION_WORDS or "." in lead or '"' in lead:
            return None
        nxt = p_end + 1
        while nxt < len(self.text) and self.text[nxt].isspace():
            nxt += 1
        if nxt >= len(self.text):
            return None
        start, end = self._paragraph(nxt)
        return (start, end) if end > start else None

    def _own_subject(self, verb: Token) -> Token | None:
        """The verb's subject, or that of the verb it is coordinated with ("they shrug and think ...")."""
        for holder in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
            subject = self._nsubj(holder)
            if subject is not None:
                return subject
        return None

    def _nsubj(self, verb: Token, dep: str = "nsubj") -> Token | None:
        """The verb's subject; never the place of a dateline the parser took for one ("MOSCOW, March 11 - The
        ministry denied ...": the ministry speaks)."""
        subjects = [c for c in verb.children if c.dep_ == dep]
        if len(subjects) > 1:
            sentence = self.index.sentence(verb)
            dateline_end = dateline_at(self.text, sentence.start_char, sentence.end_char)
            if dateline_end is not None:
                subjects = [c for c in subjects if c.idx >= dateline_end] or subjects
        return subjects[0] if subjects else None

    def _subject_before(self, verb: Token, paragraph_start: int) -> Token | None:
        """Where the parser ran a paragraph into the one before, the noun right before the verb (past
        auxiliaries and adverbs) is its subject: "...taking up arms\n\nMinister X has confirmed that ..."."""
        for token in reversed(self.doc[: verb.i]):
            if token.idx < paragraph_start:
                return None
            if token.dep_ in {"aux", "auxpass", "neg", "advmod"} or token.tag_ in {"MD", "RB"}:
                continue
            return token if token.pos_ in {"NOUN", "PROPN", "PRON"} else None
        return None

    def _quote_before_break(self, verb: Token, span: Span) -> Quote | None:
        """'X amended his testimony once — "I now do recall," he said': a quote closing right before the
        cue, set off from the rest of the left-hand complement by a dash or colon, is all that was said."""
        if span[-1].i > verb.i:
            return None
        quote = self._adjacent_quote(verb)
        if quote is None or quote.stop > verb.idx or quote.open <= span[0].idx:
            return None
        lead = self.text[span[0].idx : quote.open].rstrip()
        return quote if lead[-1:] in CLAUSE_BREAKS else None

    @staticmethod
    def _is_bare_participle(verb: Token) -> bool:
        """'Asked whether ..., X said': a past participle without 'have' is passive; the question is not X's."""
        return verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)

    @staticmethod
    def _is_passive(verb: Token) -> bool:
        return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)

    def _subject(self, verb: Token) -> Token | None:
        """The verb's subject; for participles, infinitives and coordinated verbs, the governing verb's."""
        inherited = False
        for _ in range(CLIMB_STEPS):
            subject = self._nsubj(verb)
            if subject is None and verb.lemma_.lower() in self.cues.quoted_passive:
                subject = self._nsubj(verb, "nsubjpass")
            if subject is not None:
                if subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
                    return verb.head
                if inherited and subject.lower_ == "it":  # "it is hard to say whether ...": no one speaks
                    return None
                return subject
            if verb.dep_ not in INHERIT_SUBJECT_DEPS or verb.head.i == verb.i:
                return None
            verb, inherited = verb.head, True
        return None

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
    def _attribution_frame(self, first: Token) -> Frame | None:
        for phrase in self.cues.attribution:
            last = first.i + len(phrase) - 1
            if last >= len(self.doc) or any(self.doc[first.i + k].lower_ != w for k, w in enumerate(phrase)):
                continue
            speaker = next((c for c in self.doc[last].children if c.dep_ == "pobj"), None)
            if speaker is None:
                return None
            sent = self.index.sentence(first)
            phrase_end = speaker.right_edge.i + 1
            before = self.doc[sent.start : first.i]
            after = self.doc[phrase_end : sent.end]
            part = after if len(words_of(after)) >= len(words_of(before)) else before
            cue = self.doc[first.i : last + 1].text
            if len(words_of(before)) >= 1 and len(words_of(after)) >= 2 and first.i - sent.start > 1:
                # "The ceasefire, according to the mediators, is holding": the whole interrupted clause
                return self.classify(first, cue, speaker, sent.start_char, sent.end_char, parenthetical=True)
            if len(words_of(part)) < 3:
                return None
            return self.classify(first, cue, speaker, part.start_char, part.end_char)
        return None

    # -- direct, mixed or indirect
    def _through_following_quote(self, end: int, limit: int) -> int:
        """'X admits US gun laws are his "biggest frustration"': the parse may stop before a quote that
        completes the content; a closed quote right after it (or after a word or two) belongs to it."""
        for q in self.quotes:
            if end <= q.open < limit and q.closed and QUOTE_LEAD_IN.fullmatch(self.text, end, q.open):
                return q.stop
        return end

    def _paragraph(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.paragraph_starts, offset) - 1
        start = self.paragraph_starts[i] if i >= 0 else 0
        end = self.text.find("\n", start)
        return start, len(self.text) if end < 0 else end

    def classify(
        self,
        cue: Token,
        cue_text: str,
        subject: Token,
        start: int,
        end: int,
        *,
        parenthetical: bool = False,
        within_paragraph: bool = True,
    ) -> Frame | None:
        """The frame of a content span: direct inside a quote, mixed around quoted words, else indirect.
        `within_paragraph`: the span is cut to the cue's paragraph (the parser's sentences may run over a
        paragraph break); the learned tagger's neighbouring-sentence contents are not."""
        p_start, p_end = self._paragraph(cue.idx if within_paragraph else end - 1)
        if within_paragraph:
            start, end = max(start, p_start), min(end, p_end)
        if start <= cue.idx < end and not parenthetical:
            return None
        start, end = trim(self.text, start, end, EDGE_PUNCT)
        dateline_end = dateline_at(self.text, start, end)
        if dateline_end is not None:
            start = dateline_end  # "LONDON — The talks ...": the place line is the outlet's, not the source's
        inner_start, inner_end = trim(self.text, start, end, EDGE_PUNCT + "".join(DOUBLE_MARKS | SINGLE_MARKS))
        if inner_end <= inner_start:
            return None
        for q in self.quotes:
            if q.start <= inner_start and inner_end <= q.end:
                q_start, q_end = trim(self.text, q.start, q.end, DIRECT_TRAILING)
                return Frame(cue, cue_text, subject, q_start, q_end, "direct", q)
        end = self._through_following_quote(end, p_end)
        inside = [q for q in self.quotes if start <= q.open and q.end <= end + 1 and q.closed]
        if inside:
            end = max(end, max(q.stop for q in inside))
            start = min(start, min(q.open for q in inside))
            return Frame(cue, cue_text, subject, start, end, "mixed")
        return Frame(cue, cue_text, subject, inner_start, inner_end, "indirect")
