"""Whether an event happened according to the text and according to whom: the strongest cue on the event word
or the verbs that frame it. Negated or governed by a denial -> denied; governed by a plan verb or a future ->
planned; hedged by an adverb, a modal or "it is believed", or left open by a negated reporting verb ("did not
confirm that") -> hedged; inside a statement or under a reporting
verb -> claimed, according to the speaker; otherwise asserted by the outlet."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from fieldbrief.extract.events.arguments import Arguments
from fieldbrief.extract.events.lexicon import Lexicon
from fieldbrief.extract.events.syntax import FRAME_DEPS, MAX_FRAME_DEPTH, REPORTED_DEPS, lemma, prep_objects
from fieldbrief.model import ActorRef, Article, EventStatus, Statement

STATUS_RANK: dict[str, int] = {"denied": 4, "planned": 3, "hedged": 2, "claimed": 1, "asserted": 0}


class StatusReader:
    """Status and source of the events of one article."""

    def __init__(self, article: Article, lex: Lexicon, args: Arguments) -> None:
        self.article = article
        self.cues = lex.cues
        self.args = args
        self.reporting = lex.reporting_verbs | lex.cues.claim_verbs

    def status(self, token: Token) -> tuple[EventStatus, str | None, ActorRef | None]:
        """The strongest status cue on the event word or the verbs that frame it; the source if any."""
        status: EventStatus = "asserted"
        speaker: ActorRef | None = None
        below = token
        for node in self.frame_chain(token):
            found = self._node_status(node, node == token)
            if found and STATUS_RANK[found] > STATUS_RANK[status]:
                status = found
            if speaker is None and node is not token and below.dep_ in REPORTED_DEPS and lemma(node) in self.reporting:
                speaker = self._speaker_of(node)
            below = node
        statement = self._statement_at(token.idx)
        if statement is not None:  # inside someone's words, however the sentence is built ("according to X")
            speaker = self.args.resolver.speaker_ref(statement) or speaker
            speaker = (
                ActorRef(statement.speaker.name, speaker.actor, speaker.type, speaker.country)
                if speaker
                else ActorRef(statement.speaker.name)
            )
        if speaker is not None and status == "asserted":
            status = "claimed"
        return status, speaker.name if speaker else None, speaker

    def frame_chain(self, token: Token) -> Iterator[Token]:
        node = token
        yield node
        for _ in range(MAX_FRAME_DEPTH + 1):
            # "reports that X happened": the clause of a claim noun is framed by what is said of the claim
            reported = node.dep_ == "acl" and lemma(node.head) in self.cues.claim_nouns
            if (node.dep_ not in FRAME_DEPS and not reported) or node.head == node:
                return
            node = node.head
            yield node

    def _node_status(self, node: Token, is_trigger: bool) -> EventStatus | None:
        c = self.cues
        kids = list(node.children)
        low = lemma(node)
        if any(k.dep_ == "neg" or (k.dep_ == "det" and lemma(k) in c.negation) for k in kids):
            # "the ministry did not confirm that ...", "would not say whether ...": left open, not denied
            return "hedged" if not is_trigger and low in self.reporting else "denied"
        if not is_trigger and low in c.denial_verbs:
            return "denied"
        if not is_trigger and low in c.claim_nouns and self._called_false(node):
            return "denied"
        if (not is_trigger and low in c.plan_verbs) or any(k.dep_ == "aux" and k.lower_ in c.future_aux for k in kids):
            return "planned"
        if any(k.lower_ in c.hedge_adverbs for k in kids) or any(
            k.dep_ == "aux" and k.lower_ in c.hedge_modals for k in kids
        ):
            return "hedged"
        if not is_trigger and low in c.hedge_verbs:
            return "hedged"
        if not is_trigger and low in c.claim_verbs:
            return "claimed"
        return None

    def _called_false(self, claim: Token) -> bool:
        """ "reports that ... were false", "false claims that ...", "calling the reports fabricated"."""
        falsity = self.cues.falsity
        said_of = [c for c in claim.head.children if c.dep_ in {"acomp", "attr", "oprd", "xcomp"}]
        return any(lemma(c) in falsity or c.lower_ in falsity for c in said_of) or any(
            c.dep_ == "amod" and (lemma(c) in falsity or c.lower_ in falsity) for c in claim.children
        )

    def _speaker_of(self, verb: Token) -> ActorRef | None:
        subj = self.args.subject_token(verb) or next(iter(prep_objects(verb, frozenset({"by"}))), None)
        if subj is None or subj.dep_ == "expl" or lemma(subj) in {"it", "report", "reports"}:
            return None
        if subj.ent_type_ == "" and subj.pos_ == "NOUN" and lemma(subj) in self.cues.claim_nouns:
            return None
        return self.args.resolve(subj)

    def _statement_at(self, char: int) -> Statement | None:
        for st in self.article.statements:  # what someone is said to have said ("X did not say ..." is no source)
            if st.claimed and st.start <= char < st.end:
                return st
        return None
