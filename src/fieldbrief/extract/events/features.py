"""What the classifier reads in a sentence: its words, a few arcs of its parse, and what the rules found there.

Features are strings (looked up in the model's vocabulary, unknown ones ignored): lemmas and lemma bigrams, names
replaced by their entity label ("<GPE>"), numbers by "<num>"; the root, subject-verb, verb-object and
verb-preposition-object arcs; negation and modal auxiliaries; every trigger reading (type and word), also those
the rules' gates held back; and for every rule candidate its PLOVER type, mode,
ACLED sub-event, trigger word, the classes of its actor and target, its status and whether it counts dead.
Written once here, used alike by training (dev/events/train.py) and the stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from fieldbrief.extract.actors import ActorDictionary
from fieldbrief.extract.events.acled import actor_class, target_class
from fieldbrief.extract.events.candidates import Found
from fieldbrief.extract.events.lexicon import Lexicon
from fieldbrief.extract.events.syntax import lemma
from fieldbrief.extract.events.triggers import Match

# entity labels that stand in for the words they cover: a name says little about the kind of event
PLACEHOLDER_ENTS = frozenset(
    {"PERSON", "GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}
)
ARC_DEPS = {"nsubj": "s", "nsubjpass": "sp", "dobj": "o", "attr": "o", "agent": "ag"}


def word(token: Token) -> str:
    if token.ent_type_ in PLACEHOLDER_ENTS:
        return f"<{token.ent_type_}>"
    if token.like_num:
        return "<num>"
    return token.lemma_.lower()


def sentence_features(
    tokens: Iterable[Token], matches: Sequence[Match], found: Sequence[Found], lex: Lexicon, dictionary: ActorDictionary
) -> list[str]:
    """The features of one sentence (or any run of tokens), its trigger readings and the rules' events."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    lemmas = [word(t) for t in words]
    feats = ["bias"]
    feats += [f"w:{w}" for w in lemmas]
    feats += [f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    feats += [f"e:{t.ent_type_}" for t in words if t.ent_type_ and t.ent_iob_ == "B"]
    for t in words:
        if t.dep_ == "ROOT":
            feats.append(f"r:{word(t)}")
        arc = ARC_DEPS.get(t.dep_)
        if arc:
            feats.append(f"{arc}:{word(t.head)}|{word(t)}")
        elif t.dep_ == "pobj" and t.head.dep_ == "prep":
            feats.append(f"p:{word(t.head.head)}|{t.head.lower_}|{word(t)}")
        elif t.dep_ == "neg":
            feats.append("neg")
        elif t.tag_ == "MD":
            feats.append(f"md:{t.lower_}")
    feats += [f"m:{m.trigger.type}|{lemma(m.token)}" for m in matches]
    feats += [f"mt:{m.trigger.type}" for m in matches]
    feats += candidate_features(found, lex, dictionary)
    return feats


def candidate_features(found: Sequence[Found], lex: Lexicon, dictionary: ActorDictionary) -> list[str]:
    if not found:
        return ["rt:none"]
    feats = [f"nc:{min(len(found), 3)}"]
    for f in found:
        e = f.event
        sub = e.acled.sub_event_type if e.acled else "none"
        feats += [
            f"rt:{e.type}",
            f"rm:{e.type}|{e.mode}",
            f"ra:{sub}",
            f"tr:{f.word}",
            f"tt:{e.type}|{f.word}",
            f"ac:{actor_class(e.actor)}",
            f"tc:{target_class(e.target, lex, dictionary)}",
            f"st:{e.status}",
            f"at:{e.type}|{actor_class(e.actor)}",
        ]
        if f.casualty:
            feats.append(f"cas:{f.casualty}")
        if e.fatalities:
            feats.append("fatal")
    return feats
