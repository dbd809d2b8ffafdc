"""When an event happened: the time expression of its own clause, then of its sentence, then the date that
governs its paragraph, then the publication date with precision "reported" ("on or before").

A date that belongs to something else the sentence mentions is not the event's: one inside a comparison
("the deadliest strike since 2008", "for the first time since 2001"), a relative clause or apposition that
describes a participant ("who fought the Soviets 20 years ago", "the Taliban, ousted in 2001", "a leader
responsible for an attack Jan. 7"), or the filing date of a dateline ("KABUL, Afghanistan (Jan. 25, 2013)").
The date of a reporting verb above the event ("forces today confirmed the death of X ... Monday") dates the
report: it counts only when nothing else does.
A date that closes the sentence belongs to its main clause even when the parser hangs it on the last noun
phrase ("detained two men during operations aimed at capturing a leader Saturday"), unless a finite relative
clause holds it. A paragraph that names no date at all continues the story of the article's lead.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from fieldbrief.lexicon.datelines import wire_datelines
from fieldbrief.model import Article, TimeRef
from fieldbrief.nlp import doc_text

# Dependencies that open a clause of their own: a date below one of them belongs to that clause.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp", "conj"})
# Dependencies that describe a participant: dates inside them are its history, not the event's date.
DESCRIPTION_DEPS = frozenset({"relcl", "acl", "appos"})
COMPARISON_WORDS = frozenset({"first", "last", "ever", "record"})
MAX_CLIMB = 12


@dataclass(frozen=True)
class DateContext:
    """What dating needs from one article, computed once."""

    refs: tuple[TimeRef, ...]  # the article's resolved time expressions, filing dates left out
    unresolved: tuple[TimeRef, ...]  # expressions without dates (no publication date to count from)
    paragraphs: tuple[tuple[int, int], ...]
    reported: TimeRef | None  # the publication date as an event date of precision "reported"
    reporting_verbs: frozenset[str]


def date_context(article: Article, reporting_verbs: frozenset[str]) -> DateContext:
    filed = [(d.start, d.end) for d in wire_datelines(article.text)]
    filed += [
        (e.start, e.end)
        for e in article.published_evidence
        if e.field == "text" and e.start is not None and e.end is not None
    ]
    kept = [t for t in article.times if not any(a < t.end and t.start < b for a, b in filed)]
    return DateContext(
        tuple(t for t in kept if t.date_start),
        tuple(t for t in kept if not t.date_start),
        _paragraph_spans(article.text),
        _reported(article),
        reporting_verbs,
    )


def _paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return tuple(spans)


def _reported(article: Article) -> TimeRef | None:
    if not article.published:
        return None
    evidence = article.published_evidence[0] if article.published_evidence else None
    in_text = evidence is not None and evidence.field == "text" and evidence.start is not None
    return TimeRef(
        text=evidence.text if evidence else article.published,
        start=evidence.start if in_text and evidence and evidence.start is not None else -1,
        end=evidence.end if in_text and evidence and evidence.end is not None else -1,
        date_start=article.published,
        date_end=article.published,
        precision="reported",
    )


def event_date(doc: Doc, token: Token, start: int, end: int, ctx: DateContext) -> TimeRef | None:
    """The date of the event triggered by `token`, whose sentence is text[start:end]."""
    in_sentence = [t for t in ctx.refs if start <= t.start < end and _belongs_to_event(doc, t, token, end)]
    of_event = [t for t in in_sentence if not _dates_report(doc, t, token, ctx)]
    own_clause = [t for t in of_event if _clause_of(_attachment(doc, t, end)) == _clause_of(token)]
    for pool in (own_clause, of_event, in_sentence):
        if pool:
            return min(pool, key=lambda t: (_attributive(doc, t), abs(t.start - token.idx)))
    governing = _paragraph_date(doc, start, ctx) or ctx.reported
    if governing is not None:
        return governing
    # Without a publication date a relative expression keeps its text, so the analyst still sees "on Tuesday".
    unresolved = [t for t in ctx.unresolved if start <= t.start < end and _belongs_to_event(doc, t, token, end)]
    return min(unresolved, key=lambda t: abs(t.start - token.idx)) if unresolved else None


def _attributive(doc: Doc, ref: TimeRef) -> bool:
    """ "an overnight operation": a one-word time phrase that modifies a noun says when in the day it happened;
    a day named beside it ("an overnight operation ... Monday") says which day."""
    root = _root(doc, ref)
    return root is not None and len(ref.text.split()) == 1 and root.dep_ in ("amod", "compound")


def _paragraph_date(doc: Doc, start: int, ctx: DateContext) -> TimeRef | None:
    """The nearest date named earlier in the same paragraph by a sentence about events rather than history; for
    a paragraph that names no date, the lead's."""
    index = next((i for i, (a, b) in enumerate(ctx.paragraphs) if a <= start < b), None)
    if index is None:
        return None
    first, last = ctx.paragraphs[index]
    before = [t for t in ctx.refs if first <= t.start < start and _governs(doc, t, ctx)]
    if before:
        return before[-1]
    if any(first <= t.start < last for t in (*ctx.refs, *ctx.unresolved)):
        return None
    return _lead_date(doc, ctx, index)


def _lead_date(doc: Doc, ctx: DateContext, before_paragraph: int) -> TimeRef | None:
    """The first governing date of the article, when it is in the first paragraph that names any date."""
    for first, last in ctx.paragraphs[:before_paragraph]:
        dated = [t for t in ctx.refs if first <= t.start < last]
        if dated:
            governing = [t for t in dated if _governs(doc, t, ctx)]
            return governing[0] if governing else None
    return None


def _governs(doc: Doc, ref: TimeRef, ctx: DateContext) -> bool:
    root = _root(doc, ref)
    if root is None or _is_comparison(ref, root) or _on_reporting_verb(root, ctx):
        return False
    sentence_end = root.sent.end_char
    return not _describes_participant(_attachment(doc, ref, sentence_end), None)


def _belongs_to_event(doc: Doc, ref: TimeRef, token: Token, sentence_end: int) -> bool:
    root = _root(doc, ref)
    if root is None or _is_comparison(ref, root):
        return False
    return not _describes_participant(_attachment(doc, ref, sentence_end), token)


def _dates_report(doc: Doc, ref: TimeRef, token: Token, ctx: DateContext) -> bool:
    """The date hangs on a reporting verb that frames the event ("today confirmed the death of ...")."""
    root = _root(doc, ref)
    if root is None or not _on_reporting_verb(root, ctx):
        return False
    return root.head in token.ancestors


def _on_reporting_verb(root: Token, ctx: DateContext) -> bool:
    return root.head.lemma_.lower() in ctx.reporting_verbs


def _root(doc: Doc, ref: TimeRef) -> Token | None:
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attachment(doc: Doc, ref: TimeRef, sentence_end: int) -> Token | None:
    """Where the date attaches: its own root, or for a date that closes the sentence the main verb of the clause
    that holds it (the sentence's, or a finite relative clause's)."""
    root = _root(doc, ref)
    if root is None or _text(doc)[ref.end : sentence_end].strip().strip(" .,;:!?\"'\u201d\u2019)") != "":
        return root
    clause = next((a for a in root.ancestors if a.dep_ == "relcl"), None)
    if clause is not None:  # "an incident where a civilian was killed ... last night": the relative clause's verb
        return clause
    return root.sent.root


def _text(doc: Doc) -> str:
    return doc_text(doc)


def _clause_of(token: Token | None) -> Token | None:
    node = token
    for _ in range(MAX_CLIMB):
        if node is None or node.dep_ in CLAUSE_DEPS or node.head == node:
            return node
        node = node.head
    return node


def _describes_participant(root: Token | None, event: Token | None) -> bool:
    """The date sits in a relative clause, participle or apposition that does not hold the event word."""
    node = root
    for _ in range(MAX_CLIMB):
        if node is None:
            return False
        if node.dep_ in DESCRIPTION_DEPS or _postnominal_adjective(node):
            return event is None or not (node.left_edge.i <= event.i <= node.right_edge.i)
        if node.head == node:
            return False
        node = node.head
    return False


def _postnominal_adjective(token: Token) -> bool:
    """ "a leader responsible for an attack Jan. 7": an adjective phrase after its noun is a reduced relative
    clause ("who was responsible for ..."), the participant's history."""
    return token.dep_ == "amod" and token.i > token.head.i and any(c.dep_ == "prep" for c in token.children)


def _is_comparison(ref: TimeRef, root: Token) -> bool:
    """ "since 2008" after a superlative or "the first time": a record the event sets, not its date."""
    if not ref.text.lower().startswith("since"):
        return False
    before = [t for t in root.sent if t.i < root.i]
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ in COMPARISON_WORDS for t in before)
