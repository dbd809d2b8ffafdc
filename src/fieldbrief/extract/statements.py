"""Statements: who said what, in direct, indirect and mixed speech, with the speaker resolved.

Two sources of evidence are combined. Quotation marks are scanned on the raw text (straight and curly,
telling apostrophes from closing single quotes, letting a quote that runs to the end of its paragraph
reopen in the next one). The dependency parse gives the reporting frames: a reporting verb from
data/cues.toml with its subject (the speaker) and its clausal complement, object or prepositional object
(the content), or an "according to X" phrase; a parenthetical attribution ("The strikes, officials said,
killed 12") takes the clause it interrupts. A content that lies inside a quote is that direct quote; one
that contains quoted fragments is mixed; otherwise it is indirect. Quotes that continue an attributed one
(the next paragraph, or the second half of a split quote) inherit its speaker. Passive hedges ("it is
believed that") and subjects that are evidence rather than sources ("reports claim") give no statement.

Speakers are resolved in text order: names to the first full name (surnames, "Mr Saleh"), pronouns and
definite descriptions ("she", "the Russian official", "the militant group") to the most recent compatible
speaker or named mention outside quotes, and indefinite sources ("a source told The Sun Online") to an
unnamed speaker with the outlet they spoke to.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from fieldbrief.lexicon.datelines import dateline_at
from fieldbrief.model import Article, Speaker, SpeakerKind, Statement, StatementKind, content_id
from fieldbrief.stage import Context, Stage

CUES_FILE = "cues.toml"
OUTLETS_FILE = "outlets.toml"

DOUBLE_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb')
SINGLE_MARKS = frozenset("'\u2018\u2019")
OPENING_MARKS = frozenset("\u201c\u2018\u00ab")
CLOSING_MARKS = frozenset("\u201d\u2019\u00bb")
QUOTE_MARK = re.compile("[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]")
PARAGRAPH = re.compile(r"[^\n]+")
PLURAL_POSSESSIVE = re.compile(r" [a-z]")
QUOTE_LEAD_IN = re.compile(r"\s*(?:\w+\s+){0,2}")
BEFORE_OPENING = frozenset("([{/\u2014\u2013-:") | DOUBLE_MARKS | SINGLE_MARKS
AFTER_CLOSING = frozenset(".,;:!?)]}/\u2014\u2013-\u2026") | DOUBLE_MARKS | SINGLE_MARKS
EDGE_PUNCT = " \t\n\r,;:.\u2014\u2013-\u2026"
DIRECT_TRAILING = " \t\n\r,;:\u2014\u2013-"

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# a cue without a subject of its own takes the governing verb's through these links: "X met Y, hailing ...",
# "X was quoted as saying ...", "X issued a statement saying ...", "X went on to say ..."
INHERIT_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "acl", "prep", "dobj", "pobj"})
CLIMB_STEPS = 4
ISSUER_PREPS = frozenset({"from", "by", "of"})
NEGATIVE_DETS = frozenset({"no", "neither"})
POSSESSIVE_GENDER = {"his": "m", "her": "f"}
FIRST_PERSON_POSSESSIVES = frozenset({"my", "our", "your"})
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
WORD = re.compile(r"\w+")
BREAK = re.compile(r"[.;:!?\"\u201c\u201d]")
ADJACENT_CHARS = 60  # at most this much text between a cue and a quote the parse left unattached
RESTATEMENT_OVERLAP = 0.8  # share of a statement's words found in a longer one by the same speaker
RESTATEMENT_MIN_WORDS = 4  # shorter statements ("No.", "We will win.") are never taken for restatements
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
AGE_DESCRIPTION = re.compile(r"\w+-year-old$")
FINITE_TAGS = frozenset({"VBP", "VBZ", "VBD", "MD"})
WH_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who", "which"})
CLAUSE_BREAKS = frozenset("\u2014\u2013:;")
SENTENCE_WINDOW = 3  # sentences back in which a subject or a speaker is preferred as antecedent
LABEL_KIND: dict[str, SpeakerKind] = {"PERSON": "person", "ORG": "organisation", "GPE": "organisation",
                                      "NORP": "organisation"}


# ------------------------------------------------------------------------------------------- cue data
@dataclass(frozen=True)
class Cues:
    """data/cues.toml, parsed once per process."""

    clause_verbs: frozenset[str]
    object_verbs: frozenset[str]
    object_heads: dict[str, frozenset[str]]
    prep_objects: dict[str, frozenset[str]]
    gerund_verbs: frozenset[str]
    inference_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    quote_only_verbs: frozenset[str]
    restricted_object_verbs: frozenset[str]
    event_nouns: frozenset[str]
    attribution: tuple[tuple[str, ...], ...]
    quoted_passive: frozenset[str]
    non_speakers: frozenset[str]
    person_nouns: frozenset[str]
    source_nouns: frozenset[str]
    group_nouns: frozenset[str]
    institution_nouns: frozenset[str]
    titles: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    female_first_names: frozenset[str]
    female_endings: tuple[str, ...]
    male_endings: tuple[str, ...]
    outlet_names: dict[str, str]  # lower-case name -> display name
    outlet_words: frozenset[str]
    channels: tuple[tuple[re.Pattern[str], str], ...]


def _lower_set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def _read_data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("fieldbrief.data").joinpath(name).read_text(encoding="utf-8"))


def load_cues() -> Cues:
    data = _read_data(CUES_FILE)
    verbs, speakers, gender, outlets = data["verbs"], data["speakers"], data["gender"], data["outlets"]
    outlet_names = {n.lower(): n for n in outlets.get("names", ())}
    for row in _read_data(OUTLETS_FILE).get("outlet", []):
        for name in (row["name"], *row.get("names", ())):
            outlet_names.setdefault(name.lower(), name)
    return Cues(
        clause_verbs=_lower_set(verbs["clause"]) | _lower_set(verbs.get("belief", ())),
        object_verbs=_lower_set(verbs["object"]),
        object_heads={k: _lower_set(v) for k, v in verbs.get("object_heads", {}).items()},
        prep_objects={k: _lower_set(v) for k, v in verbs.get("prep_objects", {}).items()},
        gerund_verbs=_lower_set(verbs.get("gerund", {}).get("lemmas", ())),
        inference_verbs=_lower_set(verbs.get("inference", ())),
        belief_verbs=_lower_set(verbs.get("belief", ())),
        quote_only_verbs=_lower_set(verbs.get("quote_only", ())),
        restricted_object_verbs=_lower_set(verbs.get("propositional_object", {}).get("verbs", ())),
        event_nouns=_lower_set(verbs.get("propositional_object", {}).get("nouns", ())),
        attribution=tuple(tuple(p.lower().split()) for p in data["phrases"]["attribution"]),
        quoted_passive=_lower_set(data["phrases"].get("quoted_passive", ())),
        non_speakers=_lower_set(speakers["non_speakers"]),
        person_nouns=_lower_set(speakers["person_nouns"]),
        source_nouns=_lower_set(speakers["source_nouns"]),
        group_nouns=_lower_set(speakers["group_nouns"]),
        institution_nouns=_lower_set(speakers.get("institution_nouns", ())),
        titles=_lower_set(t.rstrip(".") for t in speakers["titles"]),
        female_words=_lower_set(gender["female_words"]),
        male_words=_lower_set(gender["male_words"]),
        female_first_names=_lower_set(gender["female_first_names"]),
        female_endings=tuple(gender["female_surname_endings"]),
        male_endings=tuple(gender["male_surname_endings"]),
        outlet_names=outlet_names,
        outlet_words=_lower_set(outlets["words"]),
        channels=tuple((re.compile(c["pattern"], re.IGNORECASE), c["label"]) for c in data["channels"]),
    )


def cues_for(ctx: Context) -> Cues:
    cues: Cues = ctx.resource("statements.cues", load_cues)
    return cues


# ------------------------------------------------------------------------------------------- quotes
@dataclass(frozen=True)
class Quote:
    """A quoted passage: `start`/`end` bound the words inside the marks (end: the closing mark)."""

    open: int  # offset of the opening mark
    start: int
    end: int
    closed: bool  # False: ran to the end of its paragraph (it may reopen in the next one)
    opens_paragraph: bool

    @property
    def stop(self) -> int:
        """Offset just after the closing mark (or the paragraph end)."""
        return self.end + 1 if self.closed else self.end


def _mark_role(text: str, i: int, para_start: int, para_end: int) -> str:
    """'open', 'close', 'either' or 'none' (an apostrophe) for the quote mark at text[i]."""
    mark = text[i]
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < para_end else " "
    if mark in SINGLE_MARKS and prev.isalnum() and nxt.isalnum():
        return "none"  # doesn't, Afghanistan's
    if mark in OPENING_MARKS:
        return "open"
    left = prev.isspace() or prev in BEFORE_OPENING
    right = nxt.isspace() or nxt in AFTER_CLOSING
    if mark in CLOSING_MARKS and not (left and not right):
        return "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either" if mark in DOUBLE_MARKS else "none"


def scan_quotes(text: str) -> list[Quote]:
    """Outermost quoted passages, paragraph by paragraph. Marks of the other kind inside a quote are nested
    quotes and stay part of it; a quote left open runs to its paragraph's end."""
    quotes: list[Quote] = []
    for para in PARAGRAPH.finditer(text):
        p_start, p_end = para.start(), para.end()
        current: tuple[bool, int] | None = None  # (is double, offset of the opening mark)
        for m in QUOTE_MARK.finditer(text, p_start, p_end):
            i = m.start()
            role = _mark_role(text, i, p_start, p_end)
            double = text[i] in DOUBLE_MARKS
            if current is None:
                if role in {"open", "either"}:
                    current = (double, i)
            elif current[0] == double and role in {"close", "either"} and not _plural_possessive(text, i, p_end):
                quotes.append(Quote(current[1], current[1] + 1, i, True, _opens(text, p_start, current[1])))
                current = None
        if current is not None:
            end = p_start + len(text[p_start:p_end].rstrip())
            quotes.append(Quote(current[1], current[1] + 1, end, False, _opens(text, p_start, current[1])))
    return quotes


def _plural_possessive(text: str, i: int, para_end: int) -> bool:
    """A plural possessive inside a single-quoted passage ("'the fighters' camps are full,' he said"): an
    s' followed by a lower-case word, with another closing single mark later in the paragraph."""
    if text[i] not in SINGLE_MARKS or text[i - 1:i] != "s" or not PLURAL_POSSESSIVE.match(text, i + 1):
        return False
    return any(_mark_role(text, m.start(), 0, para_end) == "close" and text[m.start()] in SINGLE_MARKS
               for m in QUOTE_MARK.finditer(text, i + 1, para_end))


def _opens(text: str, para_start: int, offset: int) -> bool:
    return not text[para_start:offset].strip()


# ------------------------------------------------------------------------------------------- frames
class DocIndex:
    """Sentences and entities of a parsed article, computed once (spaCy rebuilds them on every access)."""

    def __init__(self, doc: Doc) -> None:
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.ents: tuple[Span, ...] = tuple(doc.ents)
        self.ent_of = {i: e for e in self.ents for i in range(e.start, e.end)}

    def sentence_number(self, token: Token) -> int:
        return max(bisect_right(self.sent_starts, token.i) - 1, 0)

    def sentence(self, token: Token) -> Span:
        return self.sents[self.sentence_number(token)]


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
            if frame is not None and not self._quoted(token):
                found.append(frame)
        return found

    def _quoted(self, token: Token) -> bool:
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
        if self._paragraph(verb.head.idx) != paragraph or (subject is not None
                                                          and self._paragraph(subject.idx) != paragraph):
            subject = self._subject_before(verb, paragraph[0])  # a heading or bullet run into this paragraph
        if subject is None or self._paragraph(subject.idx) != paragraph:
            return None
        span = None if lemma in self.cues.quote_only_verbs else self._content_tokens(verb, lemma)
        before = self._quote_before_break(verb, span) if span is not None else None
        if before is not None:
            frame = self._classify(verb, verb.text, subject, before.start, before.end)
        elif span is not None:
            frame = self._classify(verb, verb.text, subject, span[0].idx, span[-1].idx + len(span[-1]))
        elif (quote := self._adjacent_quote(verb) if lemma in self.cues.clause_verbs else None) is not None:
            frame = self._classify(verb, verb.text, subject, quote.start, quote.end)
        elif lemma in self.cues.clause_verbs and (host := self._parenthetical_host(verb)) is not None:
            frame = self._classify(verb, verb.text, subject, host.start_char, host.end_char, parenthetical=True)
        else:
            return None
        if frame is not None:
            frame.addressee = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
        return frame

    @staticmethod
    def _own_subject(verb: Token) -> Token | None:
        """The verb's subject, or that of the verb it is coordinated with ("they shrug and think ...")."""
        for holder in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
            subject = next((c for c in holder.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
        return None

    def _subject_before(self, verb: Token, paragraph_start: int) -> Token | None:
        """Where the parser ran a paragraph into the one before, the noun right before the verb (past
        auxiliaries and adverbs) is its subject: "...taking up arms\n\nMinister X has confirmed that ..."."""
        for token in reversed(self.doc[:verb.i]):
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
        lead = self.text[span[0].idx:quote.open].rstrip()
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
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None and verb.lemma_.lower() in self.cues.quoted_passive:
                subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
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
            if comp is not None and lemma in self.cues.belief_verbs and not _finite_clause(comp):
                return None  # "wonder at what point ...", "expects them to win": no proposition held
            if comp is not None and _negated(verb) and any(c.dep_ == "mark" and c.lower_ in {"whether", "if"}
                                                           for c in comp.children):
                return None  # "did not say whether the border would reopen": nothing was said
            if comp is not None:
                span = self._subtree(comp, skip_marks=True)
                start = self._after_leading_time(span) if comp.i > verb.i else span.start
                end = self._relative_clause_end(verb, span.end)
                return self.doc[start:self._reported_conj_end(verb, end)]
        if lemma in self.cues.object_verbs:
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            heads = self.cues.object_heads.get(lemma)
            if obj is not None and obj.pos_ != "PRON" and (heads is None or obj.lemma_.lower() in heads):
                span = self._subtree(obj)
                end = self._as_phrase_end(verb, span.end, lemma)
                if lemma not in self.cues.restricted_object_verbs or self._reported_object(verb, obj, end > span.end):
                    return self.doc[span.start:end]
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
        if any(t.text == ";" for t in self.doc[left.right_edge.i + 1:verb.i]):
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
        host = doc[head.left_edge.i:head.right_edge.i + 1]
        left, right = verb.left_edge.i, verb.right_edge.i + 1
        if not _words(doc[right:host.end]):
            return doc[host.start:left]
        if not _words(doc[host.start:left]):
            return doc[right:host.end]
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
        if _negated(verb) or any(c.tag_ in {"MD", "TO"} for c in aux) or verb.dep_ in {"xcomp", "relcl"}:
            return False
        if extended or obj.lemma_.lower() in self.cues.event_nouns:
            return True
        content_preps = self.cues.prep_objects.get(verb.lemma_.lower(), frozenset())
        return any(c.dep_ in {"acl", "relcl"} or (c.dep_ == "prep" and c.lower_ in content_preps)
                   for c in obj.children)  # "confirmed reports that ...", "accused the army of looting"

    def _adjacent_quote(self, verb: Token) -> Quote | None:
        """A quote the parse did not attach: 'X said: "..."' or '"...," X added'."""
        p_start, p_end = self._paragraph(verb.idx)
        verb_end = verb.idx + len(verb)
        for q in self.quotes:
            if verb_end <= q.open < p_end:
                between = self.text[verb_end:q.open]
                if len(between) <= ADJACENT_CHARS and between.rstrip()[-1:] in {":", ","} and "." not in between:
                    return q
            elif p_start <= q.open and q.stop <= verb.idx and q.closed:
                between = self.text[q.stop:verb.idx]
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
            if token.ent_type_ in {"DATE", "TIME"} or (token.dep_ == "prep" and self.doc[start + 1].ent_type_
                                                        in {"DATE", "TIME"}):
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
        for token in self.doc[verb.i + 1:end - 1]:
            after = self.doc[token.i + 1]
            if (token.text == "," and after.pos_ in {"VERB", "AUX"} and after.tag_ in FINITE_TAGS | {"VBN"}
                    and not any(c.dep_ in SUBJECT_DEPS for c in after.children)):
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
            before = self.doc[sent.start:first.i]
            after = self.doc[phrase_end:sent.end]
            part = after if len(_words(after)) >= len(_words(before)) else before
            cue = self.doc[first.i:last + 1].text
            if len(_words(before)) >= 1 and len(_words(after)) >= 2 and first.i - sent.start > 1:
                # "The ceasefire, according to the mediators, is holding": the whole interrupted clause
                return self._classify(first, cue, speaker, sent.start_char, sent.end_char, parenthetical=True)
            if len(_words(part)) < 3:
                return None
            return self._classify(first, cue, speaker, part.start_char, part.end_char)
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

    def _classify(
        self, cue: Token, cue_text: str, subject: Token, start: int, end: int, *, parenthetical: bool = False
    ) -> Frame | None:
        p_start, p_end = self._paragraph(cue.idx)  # the parser's sentences may run over a paragraph break
        start, end = max(start, p_start), min(end, p_end)
        if start <= cue.idx < end and not parenthetical:
            return None
        start, end = _trim(self.text, start, end, EDGE_PUNCT)
        dateline_end = dateline_at(self.text, start, end)
        if dateline_end is not None:
            start = dateline_end  # "LONDON — The talks ...": the place line is the outlet's, not the source's
        inner_start, inner_end = _trim(self.text, start, end, EDGE_PUNCT + "".join(DOUBLE_MARKS | SINGLE_MARKS))
        if inner_end <= inner_start:
            return None
        for q in self.quotes:
            if q.start <= inner_start and inner_end <= q.end:
                q_start, q_end = _trim(self.text, q.start, q.end, DIRECT_TRAILING)
                return Frame(cue, cue_text, subject, q_start, q_end, "direct", q)
        end = self._through_following_quote(end, p_end)
        inside = [q for q in self.quotes if start <= q.open and q.end <= end + 1 and q.closed]
        if inside:
            end = max(end, max(q.stop for q in inside))
            start = min(start, min(q.open for q in inside))
            return Frame(cue, cue_text, subject, start, end, "mixed")
        return Frame(cue, cue_text, subject, inner_start, inner_end, "indirect")


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _finite_clause(head: Token) -> bool:
    """A clause with its own subject and a finite verb, not an indirect question."""
    if head.dep_ == "parataxis":
        return True  # a clause set off by punctuation: a thought quoted ("I am done, she thought")
    has_subject = any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in head.children)
    finite = any(t.tag_ in FINITE_TAGS for t in (head, *(c for c in head.children if c.dep_ in {"aux", "auxpass"})))
    question = any(t.lower_ in WH_WORDS for t in head.doc[head.left_edge.i:head.i] if t.dep_ != "nsubj")
    return has_subject and finite and not question


def _trim(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _words(span: Span) -> list[Token]:
    return [t for t in span if not t.is_punct and not t.is_space]


# ------------------------------------------------------------------------------------------- speakers
@dataclass
class Candidate:
    """Someone a later pronoun or description may refer to: a named mention or an earlier speaker."""

    offset: int
    sentence: int
    speaker: Speaker
    gender: str | None  # "f", "m" or None
    is_speaker: bool
    is_subject: bool
    noun: str = ""  # for unnamed sources: the noun ("source", "official")


@dataclass
class SpeakerResolver:
    """Resolves frame subjects to speakers, in text order, remembering who has spoken."""

    doc: Doc
    index: DocIndex
    article: Article
    cues: Cues
    quotes: list[Quote]
    candidates: list[Candidate] = field(default_factory=list)
    full_names: dict[str, str] = field(default_factory=dict)  # lower-case name token -> first full name
    genders: dict[str, str] = field(default_factory=dict)  # full name -> "f" | "m"
    person_words: set[str] = field(default_factory=set)  # words of names tagged PERSON somewhere

    def __post_init__(self) -> None:
        persons = [e for e in self.index.ents if e.label_ == "PERSON"]
        self.person_words = {t.lower_ for e in persons for t in e if t.pos_ == "PROPN"}
        for ent in persons:
            words = self._name_words(ent)
            if len(words) >= 2:
                full = " ".join(words)
                for w in words:
                    self.full_names.setdefault(w.lower(), full)
        for ent in self.index.ents:
            if ent.label_ in LABEL_KIND and not self._in_quote(ent.start_char):
                self._remember_mention(ent)

    # -- names
    def _name_words(self, span: Span | list[Token]) -> list[str]:
        words = [t.text for t in span if not t.is_punct or t.text == "-"]
        while words and (words[0].lower().rstrip(".") in self.cues.titles or words[0].lower() == "the"):
            words = words[1:]
        while words and words[-1] in {"'s", "\u2019s", "'"}:
            words = words[:-1]
        return words

    def full_name(self, name: str) -> str:
        """"Lavrov" -> "Sergei Lavrov": a one-word name (after titles) is the last speaker of that name, else
        the first full name using it."""
        words = name.split()
        while words and words[0].lower().rstrip(".") in self.cues.titles:
            words = words[1:]
        if len(words) != 1:
            return " ".join(words)
        word = words[0].lower()
        for c in reversed(self.candidates):
            if c.is_speaker and c.speaker.kind == "person" and c.speaker.name.lower().split()[-1:] == [word]:
                return c.speaker.name
        return self.full_names.get(word, words[0])

    def _gender(self, name: str, context: Iterable[str]) -> str | None:
        words = {w.lower() for w in context}
        if words & self.cues.female_words:
            return "f"
        if words & self.cues.male_words:
            return "m"
        if name in self.genders:
            return self.genders[name]
        parts = name.lower().split()
        if parts and parts[0] in self.cues.female_first_names:
            return "f"
        if parts and len(parts[-1]) > 4 and parts[-1].endswith(self.cues.female_endings):
            return "f"
        if parts and parts[-1].endswith(self.cues.male_endings):
            return "m"
        return None

    def _in_quote(self, offset: int) -> bool:
        return any(q.start <= offset < q.end for q in self.quotes)

    def _sentence(self, token: Token) -> int:
        return self.index.sentence_number(token)

    def _remember_mention(self, ent: Span) -> None:
        kind = self._kind_of(ent.text, LABEL_KIND[ent.label_])
        name = self.full_name(" ".join(self._name_words(ent))) if kind == "person" else _strip_the(ent.text)
        if not name:
            return
        context = [t.text for t in ent.root.subtree if t.i < ent.start] if kind == "person" else []
        gender = self._gender(name, context) if kind == "person" else None
        if gender and kind == "person":
            self.genders.setdefault(name, gender)
        subject = any(t.dep_ in SUBJECT_DEPS for t in ent) or ent.root.head.dep_ in SUBJECT_DEPS
        self.candidates.append(Candidate(ent.start_char, self._sentence(ent.root),
                                         Speaker(name, ent.text, kind), gender, False, subject))

    def _kind_of(self, name: str, kind: SpeakerKind) -> SpeakerKind:
        low = _strip_the(name).lower()
        if self.outlet_name(name):
            return "outlet"
        if kind != "person" and " " not in low and (low in self.full_names or low in self.person_words):
            return "person"  # the small model tags some surnames ORG ("Lavrov told")
        return kind

    def outlet_name(self, name: str) -> str | None:
        low = name.lower().strip()
        found = (self.cues.outlet_names.get(low) or self.cues.outlet_names.get(_strip_the(low))
                 or self.cues.outlet_names.get("the " + low))
        if found:
            return found
        words = name.split()
        if len(words) >= 2 and words[-1].lower() in self.cues.outlet_words and words[-1][:1].isupper():
            return _strip_the(name)
        return None

    # -- resolution
    def resolve(self, frame: Frame) -> Speaker | None:
        head = frame.subject
        if head is not None and head.lower_ in self.cues.non_speakers:
            head = self._issuer(head)  # "a statement from the ministry said": the ministry speaks
        if head is None:
            return None
        if head.pos_ == "PRON" or head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            speaker = self._pronoun(head, frame)
        else:
            speaker = self._noun_phrase(head, frame)
        if speaker is not None:
            self._remember_speaker(speaker, head, frame)
        return speaker

    def _issuer(self, head: Token) -> Token | None:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ISSUER_PREPS):
            issuer = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if issuer is not None and (issuer.pos_ == "PROPN" or issuer.lower_ in self.cues.group_nouns
                                       or issuer.lower_ in self.cues.institution_nouns
                                       or issuer.lower_ in self.cues.person_nouns):
                return issuer
        return None

    def _remember_speaker(self, speaker: Speaker, head: Token, frame: Frame) -> None:
        gender = self.genders.get(speaker.name)
        if gender is None and speaker.kind == "person":
            gender = self._gender(speaker.name, [t.text for t in head.subtree] + [head.text])
            if gender:
                self.genders[speaker.name] = gender
        noun = head.lemma_.lower() if speaker.kind == "unnamed" else ""
        self.candidates.append(Candidate(head.idx, self._sentence(head), speaker, gender, True, True, noun))

    def _noun_phrase(self, head: Token, frame: Frame) -> Speaker | None:
        name_span = self._named_span(head)
        if name_span is not None and not name_span.root.ent_type_ and self._is_title(name_span):
            return self._titled(name_span, head, frame)
        if name_span is not None:
            titled = name_span[0].lower_.rstrip(".") in self.cues.titles
            ent_label = "PERSON" if titled else name_span.root.ent_type_ or "ORG"
            kind = self._kind_of(name_span.text, LABEL_KIND.get(ent_label, "organisation"))
            if kind == "person":
                return Speaker(self.full_name(" ".join(self._name_words(name_span))), name_span.text, kind)
            if kind == "outlet":
                return Speaker(self.outlet_name(name_span.text) or name_span.text, name_span.text, kind)
            if self._described_as_person(head):  # "Eswar Prasad, a trade professor": tagged ORG, a person
                return Speaker(self.full_name(" ".join(self._name_words(name_span))), name_span.text, "person")
            return Speaker(_strip_the(name_span.text), name_span.text, kind)
        return self._description(head, frame)

    def _described_as_person(self, head: Token) -> bool:
        return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in self.cues.person_nouns
                   for c in head.children)

    def _is_title(self, span: Span) -> bool:
        return span.root.lower_ in self.cues.person_nouns or span.root.lemma_.lower() in self.cues.person_nouns

    def _titled(self, title: Span, head: Token, frame: Frame) -> Speaker:
        """A bare title as subject ("Foreign Minister said"): whoever the article names with that title
        ("Foreign Minister Sergei Lavrov"), else someone described before, else the title itself."""
        words = [t.lower_ for t in title]
        for ent in self.index.ents:
            before = self.doc[max(ent.start - len(words), 0):ent.start]
            if ent.label_ == "PERSON" and [t.lower_ for t in before] == words:
                return Speaker(self.full_name(" ".join(self._name_words(ent))), title.text, "person")
        found = self._description(head, frame)
        return found if found is not None else Speaker(title.text, title.text, "person")

    def _named_span(self, head: Token) -> Span | None:
        """The name a subject gives: its own entity or proper-noun chain, or an apposition's."""
        appositions = [c for c in head.children if c.dep_ == "appos"]
        named = [t for t in (head, *appositions) if t.ent_type_ in LABEL_KIND]
        proper = [t for t in (head, *appositions) if t.pos_ == "PROPN" or self._capitalised_inside(t)]
        if named or proper:
            return self._proper_chain((named or proper)[0])
        return None

    def _capitalised_inside(self, token: Token) -> bool:
        """A capitalised word inside a sentence is a name even where the tagger says noun ("Trump thought")."""
        inside = token.i > self.index.sentence(token).start
        return token.is_title and inside and token.lower_.rstrip(".") not in self.cues.titles

    def _proper_chain(self, token: Token) -> Span:
        start = token.i
        for child in reversed(list(token.lefts)):
            if child.dep_ in {"compound", "det"} and child.i == start - 1 and child.pos_ in {"PROPN", "DET"}:
                start = child.i
        span = self.doc[start:token.i + 1]
        ent = self.index.ent_of.get(token.i)
        if ent is not None and ent.label_ == "PERSON":
            span = self.doc[max(start, ent.start) if ent.start <= start else ent.start:token.i + 1]
        elif ent is not None and ent.label_ in LABEL_KIND and ent.start < start:
            span = self.doc[ent.start:token.i + 1]  # "the People's Daily": the whole name, possessive inside
        while len(span) > 1 and span[0].lower_ == "the":
            span = span[1:]
        return span

    def _description(self, head: Token, frame: Frame) -> Speaker | None:
        """A common-noun subject: an anonymous source, or a description of someone named before."""
        noun = head.lower_
        lemma = head.lemma_.lower()
        det = next((c.lower_ for c in head.children if c.dep_ in {"det", "poss"}), None)
        if det in NEGATIVE_DETS:
            return None  # "no group has claimed responsibility"
        definite = det in DEFINITE_DETS or (det is None and head.tag_ == "NNP")
        phrase = _strip_the(_phrase(head))
        possessor = next((c for c in head.children if c.dep_ == "poss"), None)
        if (possessor is not None and possessor.lower_ not in FIRST_PERSON_POSSESSIVES
                and (noun in self.cues.person_nouns or lemma in self.cues.person_nouns)):
            return self._someones(head, possessor)
        if (noun in self.cues.person_nouns or lemma in self.cues.person_nouns) and not definite \
                and head.tag_ == "NNS":
            return self._unnamed(head, frame)  # "executives say", "Islamist politicians acknowledged"
        if noun in self.cues.person_nouns or lemma in self.cues.person_nouns:
            if definite or det is None and not head.tag_.endswith("S") and lemma not in self.cues.source_nouns:
                found = self._antecedent(head, person=True, gender=self._gender("", [noun]), noun=lemma,
                                         outside=(frame.start, frame.end))
                if found is not None:
                    return replace(found, mention=_phrase(head))
            if noun in self.cues.source_nouns or lemma in self.cues.source_nouns:
                return self._unnamed(head, frame)
            return Speaker(phrase, _phrase(head), "person")
        if noun in self.cues.institution_nouns or lemma in self.cues.institution_nouns:
            return Speaker(phrase, _phrase(head), "organisation")  # "the army": as written, not a back-reference
        if noun in self.cues.group_nouns or lemma in self.cues.group_nouns:
            if definite:
                found = self._antecedent(head, person=False, gender=None)
                if found is not None:
                    return replace(found, mention=_phrase(head))
            return Speaker(phrase, _phrase(head), "organisation")
        if AGE_DESCRIPTION.search(phrase) and definite:  # "the 42-year-old": someone named before
            found = self._antecedent(head, person=True, gender=None)
            return replace(found, mention=_phrase(head)) if found is not None else Speaker(phrase, phrase, "person")
        if head.pos_ != "NOUN" or frame.cue.lemma_.lower() in self.cues.inference_verbs:
            return None  # "the move signals that ...": an inanimate subject inferring, not a source
        if definite:
            return Speaker(phrase, _phrase(head), "person")
        return self._unnamed(head, frame)

    def _someones(self, head: Token, possessor: Token) -> Speaker:
        """'his spokesman', "the ministry's spokesman": someone speaking for the possessor, not the possessor."""
        if possessor.pos_ == "PRON":
            low = possessor.lower_
            owner = self._antecedent(possessor, person=low in {"his", "her"}, gender=POSSESSIVE_GENDER.get(low),
                                     plural=low == "their")
            owner_name = owner.name if owner is not None else None
        else:
            owner_name = _strip_the(self._proper_chain(possessor).text)
        name = f"{head.lemma_.lower()} of {owner_name}" if owner_name else _phrase(head)
        return Speaker(name, _phrase(head), "person")

    def _unnamed(self, head: Token, frame: Frame) -> Speaker:
        outlet = self._addressed_outlet(frame) or self.article.outlet
        noun = head.lemma_.lower() if head.lower_ not in {"sources"} else "source"
        name = f"unnamed {noun} ({outlet})" if outlet else f"unnamed {noun}"
        return Speaker(name, _phrase(head), "unnamed", outlet=outlet)

    def _addressed_outlet(self, frame: Frame) -> str | None:
        target = frame.addressee
        if target is None:
            to = next((c for c in frame.cue.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            target = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
        if target is None:
            return None
        return self.outlet_name(self._proper_chain(target).text)

    def _pronoun(self, head: Token, frame: Frame) -> Speaker | None:
        low = head.lower_
        if low not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return None
        holder = self._channel_holder(frame)
        if holder is not None:
            return holder
        gender = "f" if low in {"she", "her"} else "m" if low in {"he", "him"} else None
        found = self._antecedent(head, person=low in PERSON_PRONOUNS, gender=gender,
                                 plural=low in {"they", "them"})
        if found is None:
            return Speaker(head.text, head.text, "person" if low in PERSON_PRONOUNS else "organisation")
        return replace(found, mention=head.text)

    def _channel_holder(self, frame: Frame) -> Speaker | None:
        """'In a tweet from the group's account, they said': the account's holder speaks."""
        cue = frame.cue
        for prep in (c for c in cue.children if c.dep_ == "prep" and c.i < cue.i):
            for token in prep.subtree:
                if token.dep_ == "poss" and token.pos_ in {"NOUN", "PROPN"}:
                    phrase = _strip_the(_phrase(token))
                    kind: SpeakerKind = "person" if token.ent_type_ == "PERSON" else "organisation"
                    return Speaker(self.full_name(phrase) if kind == "person" else phrase, phrase, kind)
        return None

    def _antecedent(
        self, head: Token, *, person: bool, gender: str | None, noun: str = "", plural: bool = False,
        outside: tuple[int, int] | None = None,
    ) -> Speaker | None:
        """The most recent compatible candidate: speakers and subjects of the last few sentences first.

        `outside`: the content this description attributes; "X was shelled, the governor said" is not X speaking.
        """
        here = self._sentence(head)
        if noun in self.cues.source_nouns:  # "the source" is the unnamed source quoted before
            unnamed = [c for c in self.candidates if c.offset < head.idx and c.noun == noun]
            if unnamed:
                return unnamed[-1].speaker
        before = [c for c in self.candidates if c.offset < head.idx and self._compatible(c, person, gender, plural)
                  and not (outside and outside[0] <= c.offset < outside[1])]
        recent = [c for c in before if here - c.sentence <= SENTENCE_WINDOW]
        for pool in ([c for c in recent if c.is_speaker or c.is_subject], recent, before):
            if pool:
                return max(pool, key=lambda c: c.offset).speaker
        if gender == "f":  # "she" with no known woman: someone whose gender the text does not give
            return self._antecedent(head, person=person, gender="?", noun=noun)
        return None

    @staticmethod
    def _compatible(c: Candidate, person: bool, gender: str | None, plural: bool) -> bool:
        kind = c.speaker.kind
        if person:
            if kind != "person":
                return False
            if gender == "f":
                return c.gender == "f"
            if gender == "?":
                return c.gender is None
            return gender is None or c.gender != ("f" if gender == "m" else "m")
        if plural and kind == "unnamed":
            return True
        return kind in {"organisation", "outlet"} or (plural and kind == "unnamed")


def _strip_the(text: str) -> str:
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    return re.sub(r"(?:'s|\u2019s)$", "", text)


def _phrase(head: Token) -> str:
    """A noun phrase as written: the head with its left modifiers (no clauses, no appositions)."""
    left = [t for t in head.lefts if t.dep_ not in {"punct", "cc", "prep", "relcl", "acl", "appos", "case"}]
    start = min([head.i] + [t.left_edge.i for t in left])
    return head.doc[start:head.i + 1].text


# ------------------------------------------------------------------------------------------- statements
def _channel(text: str, sentence: tuple[int, int], content: tuple[int, int], cues: Cues) -> str | None:
    frame_text = text[sentence[0]:content[0]] + " " + text[content[1]:sentence[1]]
    for pattern, label in cues.channels:
        if pattern.search(frame_text):
            return label
    return None


def _sentence_span(frame: Frame, index: DocIndex, text: str) -> tuple[int, int]:
    sent = index.sentence(frame.cue)
    start, end = min(sent.start_char, frame.start), max(sent.end_char, frame.end)
    if frame.quote is not None:
        start, end = min(start, frame.quote.open), max(end, frame.quote.stop)
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _statement(article: Article, frame: Frame, speaker: Speaker, cues: Cues, index: DocIndex) -> Statement:
    sentence = _sentence_span(frame, index, article.text)
    return Statement(
        speaker=speaker,
        cue=frame.cue_text,
        kind=frame.kind,
        content=article.text[frame.start:frame.end],
        start=frame.start,
        end=frame.end,
        channel=_channel(article.text, sentence, (frame.start, frame.end), cues),
        sentence_start=sentence[0],
        sentence_end=sentence[1],
        id=content_id(article.id, str(frame.start), str(frame.end)),
    )


def _continuations(article: Article, statements: list[Statement], quotes: list[Quote]) -> Iterator[Statement]:
    """Quotes that go on from an attributed direct quote by the same speaker: the next paragraph of a quote
    left open, a paragraph that is all quote right after one ending in that speaker's quote, or the second
    half of a quote split by its attribution ("'...,' he said. '...'" / "'...,' he said, '...'")."""
    direct = sorted((s for s in statements if s.kind == "direct"), key=lambda s: s.start)
    text = article.text
    for q in quotes:
        if any(s.start <= q.start and q.end <= s.end + 1 for s in statements):
            continue
        previous = [s for s in direct if s.end <= q.open]
        if not previous or not _continues(text, previous[-1], q, quotes):
            continue
        last = previous[-1]
        start, end = _trim(text, q.start, q.end, DIRECT_TRAILING)
        if end <= start:
            continue
        st = Statement(replace(last.speaker), last.cue, "direct", text[start:end], start, end, last.channel,
                       q.open, q.stop, content_id(article.id, str(start), str(end)))
        direct.append(st)
        direct.sort(key=lambda s: s.start)
        yield st


def _continues(text: str, last: Statement, q: Quote, quotes: list[Quote]) -> bool:
    own = next((o for o in quotes if o.start <= last.start and last.end <= o.end), None)
    if own is None:
        return False
    gap = text[own.stop:q.open]
    if "\n" not in gap:  # split quote: only the attribution (or nothing) between the halves
        tail = gap.rstrip()[-1:]
        return len(gap) <= ADJACENT_CHARS and (not tail or tail in ",.:") and (last.sentence_end or 0) >= own.stop
    if text[max(own.stop, last.sentence_end or 0):q.open].strip() or not q.opens_paragraph:
        return False
    if not own.closed:  # a quote that runs on into the next paragraph reopens there
        return True
    ended_paragraph = not text[max(last.sentence_end or own.stop, own.stop):q.open].strip()
    whole_paragraph = q.closed and not text[q.stop:_line_end(text, q.stop)].strip(EDGE_PUNCT)
    return ended_paragraph and whole_paragraph


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _word_set(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def _drop_restatements(statements: list[Statement]) -> list[Statement]:
    """A summary line that restates a longer statement of the same speaker (bullets, standfirsts) adds no
    claim: keep the longer one."""
    words = [_word_set(s.content) for s in statements]
    kept = []
    for i, st in enumerate(statements):
        restated = any(
            j != i and o.speaker.name == st.speaker.name and len(words[j]) > len(words[i])
            and len(words[i] & words[j]) >= RESTATEMENT_OVERLAP * len(words[i])
            for j, o in enumerate(statements)
        )
        if not restated or len(words[i]) < RESTATEMENT_MIN_WORDS:
            kept.append(st)
    return kept


def _drop_nested(statements: list[Statement]) -> list[Statement]:
    """A report inside another's content by the same speaker ("X said it acted after they claimed ...")
    is part of the outer statement; duplicates of one span are kept once."""
    kept: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    for st in statements:
        if (st.start, st.end) in seen:
            continue
        nested = any(o is not st and o.start <= st.start and st.end <= o.end and o.speaker.name == st.speaker.name
                     and (o.start, o.end) != (st.start, st.end) for o in statements)
        if not nested:
            kept.append(st)
            seen.add((st.start, st.end))
    return kept


def extract(doc: Doc, article: Article, cues: Cues) -> list[Statement]:
    quotes = scan_quotes(article.text)
    index = DocIndex(doc)
    frames = sorted(FrameFinder(doc, article.text, index, cues, quotes).frames(), key=lambda f: f.cue.i)
    resolver = SpeakerResolver(doc, index, article, cues, quotes)
    statements: list[Statement] = []
    for frame in frames:
        speaker = resolver.resolve(frame)
        if speaker is not None:
            statements.append(_statement(article, frame, speaker, cues, index))
    statements.sort(key=lambda s: s.start)
    statements.extend(_continuations(article, statements, quotes))
    statements.sort(key=lambda s: s.start)
    return _drop_restatements(_drop_nested(statements))


def run(doc: Doc, article: Article, ctx: Context) -> None:
    article.statements = extract(doc, article, cues_for(ctx))


STAGE = Stage("statements", "1", run)
