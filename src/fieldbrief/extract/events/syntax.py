"""Small readings of spaCy's dependency parse that every concern of the events stage shares."""

from __future__ import annotations

from spacy.tokens import Token

from fieldbrief.lexicon import quotes
from fieldbrief.model import ActorRef
from fieldbrief.nlp.columns import entities

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
# clause links along which a word inherits the subject of the verb that governs it ("tried to attack")
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp"})
# links from an event word up to the verbs whose meaning frames it (plans, denials, hedges, reports); not advcl
# or relcl: "he vowed to resist after Ghani fled" does not make the flight a plan
FRAME_DEPS = frozenset(
    {"xcomp", "ccomp", "conj", "pcomp", "acomp", "dobj", "pobj", "prep", "attr", "nsubjpass", "parataxis"}
)
# the link into a reporting verb that makes what is below it the speaker's words
REPORTED_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
# paths along which one event word governs another ("refused to hand over", "call for dialogue")
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl"})
QUOTE_MARKS = quotes.QUOTE_MARKS | {"``", "''"}  # and the parser's own tokens for quotes
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nn", "npadvmod"})
# entity types that never denote a participant ("On 3 March": a date, not a target)
NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
MAX_FRAME_DEPTH = 5
# the small model tags some past participles after a noun as past tenses ("the leader assassinated in 2001")
PARTICIPLE_TAGS = frozenset({"VBN", "VBD"})


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def first_child(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the prepositions of `token` that are in `preps` ("attack on X" -> X)."""
    out = []
    for p in token.children:
        if p.dep_ in {"prep", "agent", "dative"} and p.lower_ in preps:
            out.extend(children(p, {"pobj"}))
    return out


def is_passive(token: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in token.children)


def object_of(token: Token) -> Token | None:
    """The direct object: dobj, or the passive subject, or (for a bare particle verb) the particle's object."""
    obj = first_child(token, OBJECT_DEPS - {"attr"})
    if obj is None and is_passive(token):
        obj = first_child(token, PASSIVE_SUBJECT_DEPS)
    if obj is None and token.dep_ == "acl" and token.tag_ in PARTICIPLE_TAGS:  # "the leader assassinated in 2001"
        obj = token.head
    if obj is None and token.dep_ == "conj" and token.tag_ == "VBN" and is_passive(token.head):
        obj = first_child(token.head, PASSIVE_SUBJECT_DEPS)  # "He was engaged and killed": the shared subject
    return obj


def head_lemmas(token: Token, partitives: frozenset[str]) -> set[str]:
    """The lemmas that say what a noun phrase is: its head, modifiers and partitive 'of' object."""
    out = {lemma(token), token.lower_}
    for c in token.children:
        if c.dep_ in MODIFIER_DEPS:
            out.update({lemma(c), c.lower_})
        if c.dep_ == "prep" and c.lower_ == "of" and (lemma(token) in partitives or token.like_num):
            for g in children(c, {"pobj"}):
                out |= head_lemmas(g, partitives)
    return out


def inverted_subject(token: Token) -> Token | None:
    """The subject after the verb in an inversion: "headed for the valley are a group of soldiers"."""
    for aux in token.children:
        if aux.i > token.i and (aux.dep_ in {"aux", "auxpass"} or (aux.dep_ == "conj" and lemma(aux) == "be")):
            attr = first_child(aux, {"attr", "nsubj"})
            if attr is not None:
                return attr
    return None


def bare_participle(token: Token) -> bool:
    """ "the leader assassinated in 2001": a past participle with no auxiliary is passive, its subject the patient
    (a passive without "by" names no actor). Conjoined participles share the first verb's auxiliaries."""
    if token.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass", "dobj"} for c in token.children):
        return False
    if token.dep_ == "conj":
        return token.head.tag_ == "VBN" and bare_participle(token.head)
    return True


def apposed_person(token: Token) -> str | None:
    """The person named in apposition to a role noun: "Russia's ambassador ... Dmitry Zhirnov"."""
    if token.ent_type_ == "PERSON":
        return None
    for c in token.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON":
            ent = next((e for e in entities(token.doc) if e.start <= c.i < e.end), None)
            return ent.text if ent is not None else c.text
    return None


def describes_other(token: Token, other: Token) -> bool:
    """`token` sits in a relative clause or participle that describes someone, and `other` is outside it."""
    node = token
    for _ in range(MAX_FRAME_DEPTH):
        if node.dep_ in {"relcl", "acl"}:
            return not node.left_edge.i <= other.i <= node.right_edge.i
        if node.head == node:
            return False
        node = node.head
    return False


def in_noun_modifier(token: Token) -> bool:
    """A clause that describes a noun ("militias that partnered with the US", "people who want to join")."""
    node = token
    for _ in range(MAX_FRAME_DEPTH):
        if node.dep_ in {"relcl", "acl"}:
            return True
        if node.dep_ not in {"xcomp", "conj", "ccomp"} or node.head == node:
            return False
        node = node.head
    return False


def is_actor(ref: ActorRef | None) -> bool:
    """A participant that is someone: a dictionary actor or a named person, group or state."""
    return ref is not None and (ref.actor is not None or ref.type is not None)


def is_generic_gerund(token: Token) -> bool:
    """ "experience in fighting the terrorists": an -ing form inside a noun's prepositional phrase is no event."""
    return (
        token.tag_ == "VBG"
        and token.dep_ in {"pcomp", "pobj"}
        and token.head.dep_ == "prep"
        and token.head.head.pos_ in {"NOUN", "PROPN"}
    )


def reduced_relative(token: Token, relative_pronouns: frozenset[str]) -> bool:
    """ "the leader assassinated in 2001": the small parser reads a past participle after its noun as a relative
    clause whose subject is that noun. With no relative pronoun, object or auxiliary, the noun is the patient."""
    if token.dep_ != "relcl" or token.tag_ not in {"VBD", "VBN"}:
        return False
    if any(c.dep_ in {"dobj", "aux", "auxpass", "ccomp", "xcomp"} for c in token.children):
        return False
    subject = first_child(token, SUBJECT_DEPS)
    return subject is None or (lemma(subject) not in relative_pronouns and subject.pos_ != "PRON")


def bare_number(token: Token) -> bool:
    """ "300 fled", "two were killed": a number standing alone, with no "of" phrase saying who."""
    if not (token.like_num or token.pos_ == "NUM"):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
