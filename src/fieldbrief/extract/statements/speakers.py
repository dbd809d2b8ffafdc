"""Speaker resolution in text order: names to the first full name, pronouns and descriptions to the most
recent compatible speaker or mention outside quotes, indefinite sources to an unnamed speaker with the
outlet they spoke to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.statements.antecedents import Antecedents, Candidate
from fieldbrief.extract.statements.cues import Cues
from fieldbrief.extract.statements.frames import Frame
from fieldbrief.extract.statements.quotes import Quote, QuoteIndex
from fieldbrief.extract.statements.text import FINITE_TAGS, SUBJECT_DEPS, DocIndex
from fieldbrief.lexicon import pronouns
from fieldbrief.lexicon.datelines import dateline_spans
from fieldbrief.model import Article, Speaker, SpeakerKind
from fieldbrief.nlp.columns import columns

ISSUER_PREPS = frozenset({"from", "by", "of"})
NEGATIVE_DETS = frozenset({"no", "neither"})
FIRST_PERSON_POSSESSIVES = (pronouns.FIRST_PERSON | pronouns.SECOND_PERSON) & pronouns.POSSESSIVE
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
AGE_DESCRIPTION = re.compile(r"\w+-year-old$")
LABEL_KIND: dict[str, SpeakerKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "organisation",
    "NORP": "organisation",
}
LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")  # (strip_the)
POSSESSIVE_END = re.compile(r"(?:'s|\u2019s)$")


@dataclass
class SpeakerResolver(Antecedents):
    """Resolves frame subjects to speakers, in text order, remembering who has spoken."""

    doc: Doc
    index: DocIndex
    article: Article
    cues: Cues
    quotes: list[Quote]
    candidates: list[Candidate] = field(default_factory=list)
    full_names: dict[str, str] = field(default_factory=dict)  # lower-case name token -> first full name
    genders: dict[str, str] = field(default_factory=dict)  # full name -> "f" | "m"
    roles: dict[str, set[str]] = field(default_factory=dict)  # full name -> roles the text gives ("minister")
    person_words: set[str] = field(default_factory=set)  # words of names tagged PERSON somewhere
    datelines: list[tuple[int, int]] = field(default_factory=list)  # where the outlet says where it filed from
    speaker_surnames: set[str] = field(default_factory=set)  # last words (lower case) of the persons heard so far
    quote_index: QuoteIndex = field(init=False)

    def __post_init__(self) -> None:
        self.quote_index = QuoteIndex(self.quotes)
        self.datelines = dateline_spans(self.article.text)
        persons = [e for e in self.index.ents if e.label_ == "PERSON"]
        self.person_words = {t.lower_ for e in persons for t in e if t.pos_ == "PROPN"}
        for ent in persons:
            words = self._name_words(ent)
            if len(words) >= 2:
                full = " ".join(words)
                for w in words:
                    self.full_names.setdefault(w.lower(), full)
        for ent in self.index.ents:
            outside = not self._in_quote(ent.start_char) and not self._in_dateline(ent.start_char)
            if ent.label_ in LABEL_KIND and outside:
                self._remember_mention(ent)

    # -- names
    def _name_words(self, span: Span | list[Token]) -> list[str]:
        words = [t.text for t in before_headline_verb(list(span)) if not t.is_punct or t.text == "-"]
        while words and (words[0].lower().rstrip(".") in self.cues.titles or words[0].lower() == "the"):
            words = words[1:]
        while words and words[-1] in {*pronouns.POSSESSIVE_ENDINGS, "'"}:
            words = words[:-1]
        return words

    def _in_quote(self, offset: int) -> bool:
        return self.quote_index.around(offset) is not None

    def _np(self, head: Token) -> str:
        """The noun phrase as written, less a dateline the parser ran into it ("BANGKOK - Norland's army")."""
        return noun_phrase(head, after=self._dateline_end(head.left_edge.idx) or 0)

    def _in_dateline(self, offset: int) -> bool:
        """A dateline says where the outlet filed from: its place never speaks nor is referred back to."""
        return self._dateline_end(offset) is not None

    def _dateline_end(self, offset: int) -> int | None:
        """The end of the dateline the offset lies in, if it lies in one."""
        return next((end for start, end in self.datelines if start <= offset < end), None)

    def _remember_mention(self, ent: Span) -> None:
        tokens = before_headline_verb(list(ent))  # read once: spaCy builds them on every access
        named = ent if len(tokens) == len(ent) else self.doc[ent.start : tokens[-1].i + 1]
        text, root = named.text, named.root
        kind = self._kind_of(text, LABEL_KIND[ent.label_])
        name = self.full_name(" ".join(self._name_words(tokens))) if kind == "person" else strip_the(text)
        if not name:
            return
        context = self._words_before(ent, root) if kind == "person" else []
        gender = self._gender(name, context) if kind == "person" else None
        if kind == "person":
            self._remember_roles(name, context, root)
        if gender and kind == "person":
            self.genders.setdefault(name, gender)
        subject = any(t.dep_ in SUBJECT_DEPS for t in tokens) or root.head.dep_ in SUBJECT_DEPS
        self.candidates.append(
            Candidate(ent.start_char, self._sentence(root), Speaker(name, text, kind), gender, False, subject)
        )

    def _remember_roles(self, name: str, words_before: list[str], root: Token) -> None:
        """The roles the text gives a person: in the words before the name ("Defence Minister Tomas Varga") or in
        an apposition ("Tomas Varga, the defence minister", "the mayor, Ana Roe")."""
        words = {w.lower() for w in words_before} | {c.lemma_.lower() for c in root.children if c.dep_ == "appos"}
        if root.dep_ == "appos":
            words.add(root.head.lemma_.lower())
        roles = words & self.cues.role_nouns
        if roles:
            self.roles.setdefault(name, set()).update(roles)

    def _words_before(self, ent: Span, root: Token) -> list[str]:
        """The words of the entity's phrase before it ("the Russian Foreign Minister" of "Sergei Lavrov"): those
        of its root's subtree that come before it. A subtree is the run of tokens between its edges wherever
        the sentence is projective; elsewhere spaCy walks it."""
        tree = columns(self.doc).tree
        if tree.unsure[root.i]:
            return [t.text for t in root.subtree if t.i < ent.start]
        return [t.text for t in self.doc[int(tree.left_edge[root.i]) : ent.start]]

    def _kind_of(self, name: str, kind: SpeakerKind) -> SpeakerKind:
        low = strip_the(name).lower()
        if self.outlet_name(name):
            return "outlet"
        if kind != "person" and " " not in low and (low in self.full_names or low in self.person_words):
            return "person"  # the small model tags some surnames ORG ("Lavrov told")
        if kind != "person" and low and low.split()[-1] in self.speaker_surnames:
            return "person"  # "Aye Zaw Htun, a spokesman, confirmed ... Aye Zaw Htun told": one person throughout
        return kind

    def outlet_name(self, name: str) -> str | None:
        low = name.lower().strip()
        found = (
            self.cues.outlet_names.get(low)
            or self.cues.outlet_names.get(strip_the(low))
            or self.cues.outlet_names.get("the " + low)
        )
        if found:
            return found
        words = name.split()
        if len(words) >= 2 and words[-1].lower() in self.cues.outlet_words and words[-1][:1].isupper():
            return strip_the(name)
        return None

    # -- resolution
    def resolve(self, frame: Frame) -> Speaker | None:
        if frame.label is not None and frame.subject is not None:
            return self._labelled(frame.label, frame.subject, frame)
        if frame.attribution != "sourced":  # no source to resolve: say so, never guess one
            return Speaker(frame.attribution, "", "unnamed")
        head = frame.subject
        if head is not None and head.lower_ in pronouns.FIRST_PERSON and not self._in_quote(head.idx):
            return self._author(head)  # "I think ...", "we saw ..." outside quotes: the article's author
        if head is not None and head.lower_ in self.cues.quantifiers and head.pos_ != "NOUN":
            return Speaker(head.text.lower(), self._np(head), "unnamed", outlet=self.article.outlet)
        if (
            head is not None
            and head.lemma_.lower() in self.cues.document_nouns
            and head.lower_ not in self.cues.non_speakers
        ):
            document = self._document(head)  # "the review found", "a transcript shows"
            if document is not None:
                self._remember_speaker(document, head, frame)
                return document
        if head is not None and head.lower_ in self.cues.non_speakers:
            issuer = self._issuer(head)  # "a statement from the ministry said": the ministry speaks
            if issuer is None or head.lower_ not in self.cues.channel_nouns:
                document = self._document(head)
                if document is not None:
                    self._remember_speaker(document, head, frame)
                    return document
            head = issuer
        if head is None or self._in_dateline(head.idx):
            return None
        if head.pos_ == "PRON" or head.lower_ in pronouns.THIRD_PERSON:
            speaker = self._pronoun(head, frame)
        else:
            speaker = self._noun_phrase(head, frame)
        if speaker is not None:
            self._remember_speaker(speaker, head, frame)
        return speaker

    def _labelled(self, label: str, head: Token, frame: Frame) -> Speaker:
        """A transcript turn's or a headline's speaker: the label read as a name, capitals as capitalised words
        ("PENCE" -> "Mike Pence" where the article names him, else "Pence")."""
        words = [w.capitalize() if w.isupper() else w for w in label.split()]
        speaker = Speaker(self.full_name(" ".join(words)), label, "person")
        self._remember_speaker(speaker, head, frame)
        return speaker

    def _author(self, head: Token) -> Speaker:
        outlet = self.article.outlet
        name = f"the author ({outlet})" if outlet else "the author"
        return Speaker(name, head.text, "person", outlet=outlet)

    # -- documents
    def _document(self, head: Token) -> Speaker | None:
        """'A new Quinnipiac poll shows', 'the FBI's report found', 'a study by Harvard researchers': the
        document, named with who published it where the text says; 'the poll' is the last poll named."""
        noun = head.lemma_.lower()
        if head.lower_ not in self.cues.document_nouns and noun not in self.cues.document_nouns:
            return None
        mention = self._np(head)
        publisher = self._publisher(head)
        det = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
        if publisher is None and det is None and head.lower_ in self.cues.hearsay_nouns:
            return None  # "reports claim that ...": hearsay, no source
        if publisher is None and det in DEFINITE_DETS:
            earlier = [c for c in self.candidates if c.offset < head.idx and c.speaker.kind == "document"
                       and c.noun == noun]  # fmt: skip
            if earlier:
                return replace(earlier[-1].speaker, mention=mention)
        name = f"{publisher} {noun}" if publisher else strip_the(mention)
        return Speaker(name, mention, "document", publisher=publisher)

    def _publisher(self, head: Token) -> str | None:
        """Who published a document: its owner ("the FBI's report", "its survey"), the name it is labelled
        with ("a Quinnipiac University poll") or the one it is by or from ("a report from the UN")."""
        for child in head.children:
            if child.dep_ == "poss":
                if child.pos_ == "PRON":
                    low = child.lower_
                    person, plural = low in pronouns.PERSON, low in pronouns.PLURAL
                    owner = self._antecedent(child, person=person, gender=pronouns.gender(low), plural=plural)
                    return owner.name if owner is not None else None
                return strip_the(self._proper_chain(child).text)
        names = [c for c in head.lefts if c.dep_ in {"compound", "nmod", "amod"} and (c.pos_ == "PROPN" or c.ent_type_)]
        if names:
            first = min(t.left_edge.i for t in names)
            return strip_the(self.doc[first : names[-1].i + 1].text)
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}):
            issuer = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if issuer is not None and (issuer.pos_ == "PROPN" or issuer.ent_type_ in LABEL_KIND
                                       or issuer.lower_ in self.cues.institution_nouns):  # fmt: skip
                return strip_the(self._proper_chain(issuer).text)
        return None

    def _issuer(self, head: Token) -> Token | None:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ISSUER_PREPS):
            issuer = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if issuer is not None and (
                issuer.pos_ == "PROPN"
                or issuer.lower_ in self.cues.group_nouns
                or issuer.lower_ in self.cues.institution_nouns
                or issuer.lower_ in self.cues.person_nouns
            ):
                return issuer
        return None

    def _remember_speaker(self, speaker: Speaker, head: Token, frame: Frame) -> None:
        gender = self.genders.get(speaker.name)
        if gender is None and speaker.kind == "person":
            gender = self._gender(speaker.name, [t.text for t in head.subtree] + [head.text])
            if gender:
                self.genders[speaker.name] = gender
        noun = head.lemma_.lower() if speaker.kind in {"unnamed", "document"} else ""
        self.candidates.append(Candidate(head.idx, self._sentence(head), speaker, gender, True, True, noun))
        if speaker.kind == "person":  # looked up for every later mention (`_kind_of`): kept as a set
            self.speaker_surnames.update(speaker.name.lower().split()[-1:])

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
            return Speaker(strip_the(name_span.text), name_span.text, kind)
        return self._description(head, frame)

    def _described_as_person(self, head: Token) -> bool:
        """ "Eswar Prasad, a trade professor", "regime spokesperson Aung Lin": a name the tagger left untagged or
        took for an organisation, given a person's title beside it."""
        return any(
            c.dep_ in {"appos", "compound"} and c.pos_ == "NOUN" and c.lemma_.lower() in self.cues.person_nouns
            for c in head.children
        )

    def _is_title(self, span: Span) -> bool:
        return span.root.lower_ in self.cues.person_nouns or span.root.lemma_.lower() in self.cues.person_nouns

    def _titled(self, title: Span, head: Token, frame: Frame) -> Speaker:
        """A bare title as subject ("Foreign Minister said"): whoever the article names with that title
        ("Foreign Minister Sergei Lavrov"), else someone described before, else the title itself."""
        words = [t.lower_ for t in title]
        for ent in self.index.ents:
            before = self.doc[max(ent.start - len(words), 0) : ent.start]
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
        span = self.doc[start : token.i + 1]
        ent = self.index.ent_of.get(token.i)
        if ent is not None and ent.label_ == "PERSON":
            span = self.doc[max(start, ent.start) if ent.start <= start else ent.start : token.i + 1]
        elif ent is not None and ent.label_ in LABEL_KIND and ent.start < start:
            span = self.doc[ent.start : token.i + 1]  # "the People's Daily": the whole name, possessive inside
        if (ent is None or ent.label_ != "PERSON") and (owner := self._owner(span)) is not None:
            span = self.doc[owner.left_edge.i : token.i + 1]  # "Russia's Defence Ministry": whose body it is
        while len(span) > 1 and (span[0].lower_ == "the" or self._in_dateline(span[0].idx)):
            span = span[1:]
        return span

    def _owner(self, span: Span) -> Token | None:
        """The named owner right before a name ("Russia's" in "Russia's Defence Ministry"); not a pronoun
        ("its ministry"): that is a back-reference, resolved where documents and someones are."""
        owner = next((c for c in span[-1].children if c.dep_ == "poss" and c.i < span.start), None)
        if owner is None or owner.pos_ == "PRON" or owner.right_edge.i != span.start - 1:
            return None
        return owner if owner.pos_ == "PROPN" or owner.ent_type_ in LABEL_KIND else None

    def _description(self, head: Token, frame: Frame) -> Speaker | None:
        """A common-noun subject: an anonymous source, or a description of someone named before."""
        noun = head.lower_
        lemma = head.lemma_.lower()
        det = next((c.lower_ for c in head.children if c.dep_ in {"det", "poss"}), None)
        if det in NEGATIVE_DETS:
            return None  # "no group has claimed responsibility"
        definite = det in DEFINITE_DETS or (det is None and head.tag_ == "NNP")
        phrase = strip_the(self._np(head))
        possessor = next((c for c in head.children if c.dep_ == "poss"), None)
        if (
            possessor is not None
            and possessor.lower_ not in FIRST_PERSON_POSSESSIVES
            and (noun in self.cues.person_nouns or lemma in self.cues.person_nouns)
        ):
            return self._someones(head, possessor)
        if (noun in self.cues.person_nouns or lemma in self.cues.person_nouns) and head.tag_ == "NNS":
            return self._unnamed(head, frame)  # "executives say", "the experts praised": many, none of them named
        if noun in self.cues.person_nouns or lemma in self.cues.person_nouns:
            if definite or det is None and not head.tag_.endswith("S") and lemma not in self.cues.source_nouns:
                found = self._antecedent(
                    head, person=True, gender=self._gender("", [noun]), noun=lemma, outside=(frame.start, frame.end)
                )
                if found is not None:
                    return replace(found, mention=self._np(head))
            if noun in self.cues.source_nouns or lemma in self.cues.source_nouns:
                return self._unnamed(head, frame)
            if lemma in self.cues.role_nouns:  # "the mayor", named nowhere: a later "the minister" is not them
                self.roles.setdefault(phrase, set()).add(lemma)
            return Speaker(phrase, self._np(head), "person")
        if noun in self.cues.institution_nouns or lemma in self.cues.institution_nouns:
            return Speaker(phrase, self._np(head), "organisation")  # "the army": as written, not a back-reference
        if noun in self.cues.group_nouns or lemma in self.cues.group_nouns:
            if definite:
                found = self._antecedent(head, person=False, gender=None)
                if found is not None:
                    return replace(found, mention=self._np(head))
            return Speaker(phrase, self._np(head), "organisation")
        if AGE_DESCRIPTION.search(phrase) and definite:  # "the 42-year-old": someone named before
            found = self._antecedent(head, person=True, gender=None)
            return replace(found, mention=self._np(head)) if found is not None else Speaker(phrase, phrase, "person")
        if head.pos_ != "NOUN" or frame.cue.lemma_.lower() in self.cues.inference_verbs:
            return None  # "the move signals that ...": an inanimate subject inferring, not a source
        if definite:
            return Speaker(phrase, self._np(head), "person")
        return self._unnamed(head, frame)

    def _someones(self, head: Token, possessor: Token) -> Speaker:
        """'his spokesman', "the ministry's spokesman": someone speaking for the possessor, not the possessor."""
        if possessor.pos_ == "PRON":
            low = possessor.lower_
            owner = self._antecedent(
                possessor, person=low in pronouns.PERSON, gender=pronouns.gender(low), plural=low in pronouns.PLURAL
            )
            owner_name = owner.name if owner is not None else None
        else:
            owner_name = strip_the(self._proper_chain(possessor).text)
        name = f"{head.lemma_.lower()} of {owner_name}" if owner_name else self._np(head)
        return Speaker(name, self._np(head), "person")

    def _unnamed(self, head: Token, frame: Frame) -> Speaker:
        outlet = self._addressed_outlet(frame) or self.article.outlet
        noun = head.lemma_.lower() if head.lower_ not in {"sources"} else "source"
        name = f"unnamed {noun} ({outlet})" if outlet else f"unnamed {noun}"
        return Speaker(name, self._np(head), "unnamed", outlet=outlet)

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
        if low not in pronouns.THIRD_PERSON:
            return None
        holder = self._channel_holder(frame)
        if holder is not None:
            return holder
        gender = pronouns.gender(low)
        found = self._antecedent(head, person=low in pronouns.PERSON, gender=gender, plural=low in pronouns.PLURAL)
        if found is None:
            return Speaker(head.text, head.text, "person" if low in pronouns.PERSON else "organisation")
        return replace(found, mention=head.text)

    def _channel_holder(self, frame: Frame) -> Speaker | None:
        """'In a tweet from the group's account, they said': the account's holder speaks."""
        cue = frame.cue
        for prep in (c for c in cue.children if c.dep_ == "prep" and c.i < cue.i):
            for token in prep.subtree:
                if token.dep_ == "poss" and token.pos_ in {"NOUN", "PROPN"}:
                    phrase = strip_the(self._np(token))
                    kind: SpeakerKind = "person" if token.ent_type_ == "PERSON" else "organisation"
                    return Speaker(self.full_name(phrase) if kind == "person" else phrase, phrase, kind)
        return None


def before_headline_verb(tokens: list[Token]) -> list[Token]:
    """An entity's tokens before a finite verb whose subject they hold: the entity recogniser runs a title-case
    headline's name into its verb ("Obama Says Talks Will Resume" tagged a person whole), which would otherwise
    name the speaker "Obama Says" throughout the article."""
    for k in range(1, len(tokens)):
        verb = tokens[k]
        if verb.tag_ in FINITE_TAGS and any(t.head.i == verb.i and t.dep_ in SUBJECT_DEPS for t in tokens[:k]):
            return tokens[:k]
    return tokens


def strip_the(text: str) -> str:
    return POSSESSIVE_END.sub("", LEADING_THE.sub("", text.strip()))


def noun_phrase(head: Token, after: int = 0) -> str:
    """A noun phrase as written: the head with its left modifiers (no clauses, no appositions), none of them
    before the character offset `after`."""
    left = [t for t in head.lefts if t.dep_ not in {"punct", "cc", "prep", "relcl", "acl", "appos", "case"}]
    start = min([head.i] + [t.left_edge.i for t in left])
    while start < head.i and head.doc[start].idx < after:
        start += 1
    return head.doc[start : head.i + 1].text
