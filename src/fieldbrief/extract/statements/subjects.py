"""Reading a reporting frame's subject from the parse: a cue's own subject, a subject inherited from the clause
above, one before the cue in its paragraph; passives, bare participles; the paragraph and quotes around a token."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from fieldbrief.extract.statements.cues import Cues
from fieldbrief.extract.statements.quotes import PARAGRAPH, Quote, QuoteIndex
from fieldbrief.extract.statements.text import FINITE_TAGS, DocIndex
from fieldbrief.extract.statements.turns import headline_label, transcript_turns
from fieldbrief.lexicon.datelines import dateline_at

# a cue without a subject of its own takes the governing verb's through these links: "X met Y, hailing ...",
# "X was quoted as saying ...", "X issued a statement saying ...", "X went on to say ..."
INHERIT_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "acl", "prep", "dobj", "pobj"})
CLIMB_STEPS = 4


class FrameReader:
    """One parsed article, read for reporting frames: its paragraphs, quotes and the subjects of cues."""

    def __init__(self, doc: Doc, text: str, index: DocIndex, cues: Cues, quotes: list[Quote]) -> None:
        self.doc = doc
        self.index = index
        self.text: str = text
        self.cues = cues
        self.quotes = quotes
        self.quote_index = QuoteIndex(quotes)
        self.phrase_starts = frozenset(p[0] for p in cues.attribution)
        self.paragraph_starts = [m.start() for m in PARAGRAPH.finditer(text)]
        self.turns = transcript_turns(doc, text, index.ents, cues.furniture_labels, cues.titles)
        self.headline = headline_label(doc, text, index.ents)
        self.turn_labels = [t.label_span for t in self.turns]
        # a turn's words, and a headline's claim, are the speaker's: reporting verbs inside are quoted speech
        self.turn_bodies = [(t.start, t.end) for t in (*self.turns, *([self.headline] if self.headline else []))]

    def _paragraph(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.paragraph_starts, offset) - 1
        start = self.paragraph_starts[i] if i >= 0 else 0
        end = self.text.find("\n", start)
        return start, len(self.text) if end < 0 else end

    def quoted(self, token: Token) -> bool:
        """A cue inside a quote or a transcript's turn is quoted speech, not the article's attribution."""
        in_turn = any(start <= token.idx < end for start, end in self.turn_bodies)
        return in_turn or self.quote_index.around(token.idx) is not None

    # -- verbs

    def source_of(self, cue: Token) -> Token | None:
        """The head of the source of a cue the learned tagger found: the subject of a verb (or of the verb it
        depends on), the agent of a passive ("was criticised by X"), the object of "according to", the owner
        of a noun ("Trump's plan", "criticism from X"), the label of a headline ("Poll: ...")."""
        if cue.lower_ in self.phrase_starts or cue.lemma_.lower() == "accord":
            return self._phrase_object(cue)
        if cue.pos_ in {"VERB", "AUX"}:
            agent = next((g for c in cue.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if self._is_passive(cue):
                return agent
            subject = self._subject(cue)
            paragraph = self._paragraph(cue.idx)
            if subject is not None and self._paragraph(subject.idx) == paragraph:
                return subject
            named = self._subject_before(cue, paragraph[0]) if self._finite(cue) else None
            return named if named is not None and self._named_subject(named) else None
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

    @staticmethod
    def _phrase_object(cue: Token) -> Token | None:
        """Whom "according to" names: the object of its preposition, else the last noun under it, where the
        parser read a noun for a verb ("according to show insiders": "show" a verb, "insiders" its object)."""
        found = next((g for c in cue.children for g in c.children if g.dep_ == "pobj"), None)
        prep = next((c for c in cue.children if c.dep_ == "prep"), None)
        if found is not None or prep is None:
            return found
        return next((t for t in reversed(list(prep.subtree)) if t.pos_ in {"NOUN", "PROPN"}), None)

    def _own_subject(self, verb: Token) -> Token | None:
        """The verb's subject, or that of the verb it is coordinated with ("they shrug and think ...")."""
        for holder in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
            subject = self._nsubj(holder)
            if subject is not None:
                return subject
        return None

    def _nsubj(self, verb: Token, dep: str = "nsubj") -> Token | None:
        """The verb's subject; never the place of a dateline the parser took for one ("MOSCOW, March 11 - The
        ministry denied ...": the ministry speaks), nor quoted words beside the real subject."""
        subjects = [c for c in verb.children if c.dep_ == dep and not c.is_punct]  # ("― Trump boasted")
        if len(subjects) > 1:  # the parser took a verbless last sentence of a quote for a second subject:
            # '"He is great. One of the brightest," Dorne said' (quoted words never speak)
            subjects = [c for c in subjects if not self.quoted(c)] or subjects
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

    @staticmethod
    def _named_subject(token: Token) -> bool:
        """A noun right before a verb the parse left without a subject speaks only where it names someone and
        is not the object of a preposition ("in Florida shows ..." is a place, not a source); a person is
        ("... the editorial board of the Post Trump said that")."""
        if token.ent_type_ == "PERSON":
            return True
        return token.ent_type_ in {"ORG", "NORP"} and token.dep_ != "pobj"

    @staticmethod
    def _finite(verb: Token) -> bool:
        """A finite verb or a progressive ("is questioning"): one the parse left without a subject has it right
        before ("... the Washington Post Trump said that ...", read as the Post's name)."""
        if verb.tag_ in FINITE_TAGS:
            return True
        return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)

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
                if subject.tag_ in {"WP", "WDT"}:  # "the department which reported ...", parsed as no relcl
                    before = self._subject_before(subject, self._paragraph(subject.idx)[0])
                    return before if before is not None and before.pos_ != "PRON" else subject
                if inherited and subject.lower_ == "it":  # "it is hard to say whether ...": no one speaks
                    return None
                return subject
            if verb.dep_ not in INHERIT_SUBJECT_DEPS or verb.head.i == verb.i:
                return None
            controller = self._object_controller(verb)
            if controller is not None:
                return controller
            verb, inherited = verb.head, True
        return None

    def _object_controller(self, verb: Token) -> Token | None:
        """'The senator forced Stumpf to admit that ...': Stumpf admits. The infinitive's subject is the direct
        object of the implicative verb it completes ([verbs] implicative in cues.toml)."""
        if verb.dep_ != "xcomp" or verb.tag_ != "VB" or verb.head.lemma_.lower() not in self.cues.implicative_verbs:
            return None
        return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)

    def _is_bare_participle(self, verb: Token) -> bool:
        """'Asked whether ..., X said': a past participle without 'have' is passive; the question is not X's. A
        reporting verb with a subject of its own is a past tense the tagger took for a participle ("Trump
        tweeted that ...")."""
        if verb.tag_ != "VBN" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            return False
        return verb.lemma_.lower() not in self.cues.clause_verbs or self._nsubj(verb) is None

    @staticmethod
    def _is_passive(verb: Token) -> bool:
        return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
