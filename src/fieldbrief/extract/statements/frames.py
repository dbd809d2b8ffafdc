"""Reporting frames from rules over the dependency parse: a cue from data/cues.toml with its subject and its
content (clausal complement, object, prepositional object, neighbouring quote, the clause a parenthetical
attribution interrupts, or the clause an "according to X" phrase modifies). The subject is read in subjects.py,
the content in contents.py; here the frames are found, judged (negations, hypotheticals) and classified."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
from spacy.symbols import AUX, VERB
from spacy.tokens import Span, Token

from fieldbrief.extract.statements.contents import ContentReader
from fieldbrief.extract.statements.cues import Cues
from fieldbrief.extract.statements.quotes import QUOTE_MARK, Quote
from fieldbrief.extract.statements.text import (
    DIRECT_TRAILING,
    EDGE_PUNCT,
    SUBJECT_DEPS,
    finite_clause,
    trim,
    words_of,
)
from fieldbrief.extract.statements.turns import holds_label
from fieldbrief.lexicon.datelines import dateline_at
from fieldbrief.lexicon.quotes import DOUBLE_MARKS, SINGLE_MARKS
from fieldbrief.model import Attribution, Factuality, StatementKind
from fieldbrief.nlp.columns import columns

VERB_POS = np.array([VERB, AUX], dtype=np.uint64)  # spaCy part-of-speech ids, as the columns hold them
VERB_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should"})
NOTHING_SAID = frozenset({"nothing", "none"})
ALTERNATIVES = frozenset({"or", "nor"})  # "would not confirm or deny": the second verb shares the first's negation
INTRODUCTION_WORDS = 8  # at most this many words between a cue and the colon that introduces a paragraph
CLAUSE_BREAKS = frozenset("\u2014\u2013:;")
# a quoted paragraph signed with a dash and a name: '"We will not leave." ― Amina Karimi' (a reader's voice,
# an epigraph, a pull quote): up to four capitalised words, closing the paragraph
DASH_SIGNATURE = re.compile(
    r"[ \t]*[\u2015\u2014\u2013][ \t]*(?P<name>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3})[ \t.]*$",
    re.MULTILINE,
)


def factuality(cue: Token) -> Factuality:
    """Whether a reporting verb says that something was said: "negated" ("did not say that", "never claimed
    that", "isn't saying if"), "hypothetical" ("would claim that", "could confirm that"), else "asserted"; a verb
    coordinated with one and without an auxiliary of its own shares it ("did not confirm or deny that")."""
    for verb in (cue, cue.head) if _shares_auxiliaries(cue) else (cue,):
        if _negated_verb_group(verb) or any(c.dep_ == "preconj" and c.lower_ == "neither" for c in verb.children):
            return "negated"
        if verb.dep_ == "conj" and _coordinator(verb) == "nor":
            return "negated"  # "neither confirmed nor denied that ..."
        if any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children):
            return "hypothetical"
    return "asserted"


def _negated_verb_group(verb: Token) -> bool:
    """A negation among the verb's auxiliaries and adverbs ("did not immediately say", "has never said"), not one
    the parser hung on it from elsewhere ('"Probably not," Ms. Moore said': her words, not a negated saying)."""
    for neg in (c for c in verb.children if c.dep_ == "neg"):
        between = verb.doc[neg.i + 1 : verb.i] if neg.i < verb.i else verb.doc[verb.i + 1 : neg.i]
        if all(t.dep_ in VERB_GROUP_DEPS for t in between) and not any(t.is_punct for t in between):
            return True
    return False


def _shares_auxiliaries(verb: Token) -> bool:
    """'confirm or deny': the second verb of an alternative ("or", "nor"), with no subject or auxiliary of its
    own ("did not travel but said that ..." says it)."""
    if verb.dep_ != "conj" or verb.head.pos_ not in {"VERB", "AUX"}:
        return False
    own = SUBJECT_DEPS | {"aux", "auxpass", "neg"}
    return _coordinator(verb) in ALTERNATIVES and not any(c.dep_ in own for c in verb.children)


def _coordinator(conj: Token) -> str | None:
    """The conjunction before a coordinated verb ("or" in "confirm or deny")."""
    return next((t.lower_ for t in reversed(conj.doc[conj.head.i + 1 : conj.i]) if t.dep_ == "cc"), None)


def addressee(cue: Token, cues: Cues) -> Token | None:
    """Whom a verb of asking asks, where an infinitive follows it: "North Korea" in "urged North Korea to resume
    talks", "Congress" in "called on Congress to act"."""
    if cue.lemma_.lower() not in cues.directive_verbs:
        return None
    heads = [c for c in cue.children if c.dep_ in {"dobj", "dative", "nsubj"} and c.i > cue.i]
    heads += [g for c in cue.children if c.dep_ == "prep" and c.lower_ in {"on", "upon"} for g in c.children
              if g.dep_ == "pobj"]  # fmt: skip
    for head in heads:
        if infinitive_after(cue, head) is not None:
            return head
    return None


def infinitive_after(cue: Token, asked: Token) -> int | None:
    """The 'to' of the infinitive after the addressee of a cue, past the cue's prepositional phrases between
    them ("told his supporters at a rally to vote")."""
    doc = asked.doc
    after = asked.right_edge.i + 1
    phrases = [c for c in cue.children if c.dep_ in {"prep", "npadvmod"} and c.i >= after]
    for phrase in phrases:
        if phrase.i == after:
            after = phrase.right_edge.i + 1
    return after if after < len(doc) and doc[after].tag_ == "TO" else None


def directive(cue: Token, content: Span, cues: Cues) -> bool:
    """'urged North Korea to resume talks', 'told his supporters to go and vote': a verb of asking whose content
    is the infinitive after its addressee (with or without the addressee); what the speaker asked of someone,
    not what the speaker means to do."""
    asked = addressee(cue, cues)
    to = infinitive_after(cue, asked) if asked is not None else None
    return to is not None and content.start <= to < content.end


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
    label: str | None = None  # a transcript turn's printed label ("PENCE"): the speaker's name (turns.py)
    attribution: Attribution = "sourced"  # "unattributed"/"unresolved": no source the text gives or we found


class FrameFinder(ContentReader):
    """Reporting frames in one parsed article."""

    def frames(self) -> list[Frame]:
        found: list[Frame] = []
        verbs, phrases = self._cue_tokens()
        for i in np.flatnonzero(verbs | phrases).tolist():
            token = self.doc[i]
            frame = self._verb_frame(token, token.lemma_.lower()) if verbs[i] else self._attribution_frame(token)
            if frame is not None and not self.quoted(token):
                found.append(frame)
        found.extend(self._signed_quotes())
        # a label the parser read into the sentence before it is no one's words ("KELLER" in "say")
        found = [f for f in found if not holds_label(f.start, f.end, self.turn_labels)]
        return found + self._transcript_frames() + self._headline_frames()

    def _transcript_frames(self) -> list[Frame]:
        """'PENCE: Gennifer Flowers will not be attending ...': a transcript turn is its speaker's words (turns.py)."""
        return [Frame(t.colon, ":", t.last_label_token, t.start, t.end, "direct", label=t.label) for t in self.turns]

    def _headline_frames(self) -> list[Frame]:
        """'Sokolova: No Troops Crossed the River': the person's claim, in the newsroom's words (turns.py)."""
        h = self.headline
        if h is None:
            return []
        frame = self.classify(h.colon, ":", h.last_label_token, h.start, h.end)
        return [] if frame is None else [replace(frame, label=h.label)]

    def _cue_tokens(self) -> tuple[np.ndarray, np.ndarray]:
        """Per token: a verb whose lemma is a reporting verb of cues.toml; a word that starts an attribution
        phrase ("according"). Read from the doc's columns, each distinct string decided once."""
        cols = columns(self.doc)
        reporting = self.cues.reporting_verbs
        lemmas = cols.words_in(cols.lemma, lambda lemma: lemma.lower() in reporting, self.cues.reporting_lemmas)
        verbs = lemmas & np.isin(cols.pos, VERB_POS)
        phrases = cols.words_in(cols.lower, self.phrase_starts.__contains__, self.cues.phrase_words)
        return verbs, phrases

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
        verb = cue.pos_ in {"VERB", "AUX"} and lemma in self.cues.reporting_verbs
        return verb or cue.lower_ in self.phrase_starts

    def rejects(self, cue: Token, content: Span) -> bool:
        """What the rules never take for a statement, whoever proposes it (`rejection` says why)."""
        return self.rejection(cue, content) is not None

    def rejection(self, cue: Token, content: Span) -> str | None:
        """Why the rules never take this for a statement, whoever proposes it; None when they would: a passive
        hedge ("it is believed", "asked whether"), a cue of quotes with no quote, nothing said ("said nothing"),
        an object a verb takes without reporting ("claimed twenty lives", "confirmed the date"), a belief with no
        proposition ("expects the committee to approve"), a reporting verb of cues.toml with an infinitive ("vowed
        to fight on": the rules' choice; intentions come from the verbs of wanting and planning). A negated or
        hypothetical cue is kept, with its `factuality`."""
        lemma = cue.lemma_.lower()
        if cue.pos_ not in {"VERB", "AUX"}:
            return None
        if cue.tag_ == "VB" and not any(c.dep_ in SUBJECT_DEPS for c in cue.children):
            return "bare-infinitive"  # "vowed to crush the rulers and to defend the town": what someone means to do
        if self._is_passive(cue):
            return "passive"
        if self._is_bare_participle(cue):
            return "participle"
        if lemma in self.cues.quote_only_verbs:
            return "quote-only"
        if content.root.lower_ in NOTHING_SAID:
            return "nothing-said"
        obj = content.root if content.root.dep_ == "dobj" and content.root.head.i == cue.i else None
        heads = self.cues.object_heads.get(lemma)
        if obj is not None and heads is not None and obj.lemma_.lower() not in heads:
            return "object-head"
        if (
            obj is not None
            and lemma in self.cues.restricted_object_verbs
            and not self._reported_object(cue, obj, False)
        ):
            return "object-not-reported"  # "confirmed the date of the summit"
        infinitive = content[0].tag_ == "TO"
        if infinitive and self.known_cue(cue) and not directive(cue, content, self.cues):
            return "infinitive"  # "vowed to fight on", "claims to be president", "expects to win": no report of fact
        if lemma in self.cues.belief_verbs and not infinitive and not finite_clause(content.root):
            return "belief-no-proposition"
        if lemma in self.cues.act_verbs and self._deed(cue, lemma, content):
            return "deed"  # "the rebels attacked the army base": what was attacked, not what was said
        return None

    def _deed(self, cue: Token, lemma: str, content: Span) -> bool:
        """A verb of deeds ([verbs.acts]) reports a deed, not speech, unless it introduces a clause ("the inquiry
        found that ..."), a quote, or a judgement of its object (a judging verb: "attacked her rival as a fraud",
        "for her vote"), or its source is a document ("a 2014 study found 31 cases")."""
        if finite_clause(content.root) or QUOTE_MARK.search(content.text):
            return False
        judging = lemma in self.cues.judging_verbs
        if judging and any(c.dep_ == "prep" and c.lower_ in self.cues.judgement_preps for c in cue.children):
            return False
        source = self.source_of(cue)
        return source is None or source.lemma_.lower() not in self.cues.document_nouns

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
            if self._describes_a_speaker(verb, quote):
                return None
            frame = self.classify(verb, verb.text, subject, quote.start, quote.end)
        elif lemma in self.cues.clause_verbs and (host := self._parenthetical_host(verb)) is not None:
            frame = self.classify(verb, verb.text, subject, host.start_char, host.end_char, parenthetical=True)
        else:
            return None
        if frame is not None:
            frame.addressee = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
        return frame

    def _describes_a_speaker(self, verb: Token, quote: Quote) -> bool:
        """'"...," said Ann Roe, the mayor, who has argued with the county for years. "..."': a verb in a
        relative clause describing someone takes neither the quote before it (the main verb's) nor the one after
        its sentence (which goes on with the main attribution's speaker: assemble.continuations); only a quote
        it introduces ("the mayor, who told reporters: '...'")."""
        return verb.dep_ == "relcl" and not verb.idx < quote.open < self.index.sentence(verb).end_char

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

    def classify(
        self,
        cue: Token,
        cue_text: str,
        subject: Token | None,
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
