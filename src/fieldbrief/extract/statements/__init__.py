"""Statements: who said what, in direct, indirect and mixed speech, with the speaker resolved.

Two sources of evidence are combined. Quotation marks are scanned on the raw text (straight and curly,
telling apostrophes from closing single quotes, letting a quote that runs to the end of its paragraph
reopen in the next one). The dependency parse gives the reporting frames: a reporting verb from
data/cues.toml with its subject (the speaker) and its clausal complement, object or prepositional object
(the content), or an "according to X" phrase; a parenthetical attribution ("The strikes, officials said,
killed 12") takes the clause it interrupts. A content that lies inside a quote is that direct quote; one
that contains quoted fragments is mixed; otherwise it is indirect. Quotes that continue an attributed one
(the next paragraph, or the second half of a split quote) inherit its speaker, and the halves of a quote split
by its attribution are one statement, whose `parts` are the speaker's own words (utterances.py). A transcript's
turn ("PENCE: Gennifer Flowers will not be attending ...") is its speaker's words, verbatim (turns.py). Passive
hedges ("it is believed that") and subjects that are evidence rather than sources ("reports claim") give no
statement. A negated or hypothetical cue ("did not say that", "would claim that") gives one whose `factuality` says
so (frames.factuality); an attribution the learned tagger finds without a source the parse gives is `unattributed`
("reportedly") or `unresolved` (combine.py). Neither is anyone's claim (`Statement.claimed`): linking leaves them.

Speakers are resolved in text order: names to the first full name (surnames, "Mr Saleh"), pronouns and
definite descriptions ("she", "the Russian official", "the militant group") to the most recent compatible
speaker or named mention outside quotes, and indefinite sources ("a source told The Sun Online") to an
unnamed speaker with the outlet they spoke to. A body keeps its named owner ("Russia's Defence Ministry", so the
actor dictionary can tell whose it is); a dateline (lexicon/datelines.py) is never a speaker nor part of one.
"""

from __future__ import annotations

from spacy.tokens import Doc

from fieldbrief.extract.statements.assemble import continuations, drop_nested, drop_restatements, statement_of
from fieldbrief.extract.statements.combine import combine
from fieldbrief.extract.statements.cues import Cues, cues_for, load_cues
from fieldbrief.extract.statements.frames import FrameFinder
from fieldbrief.extract.statements.quotes import Quote, scan_quotes
from fieldbrief.extract.statements.speakers import SpeakerResolver
from fieldbrief.extract.statements.tagger import TaggerWeights, tag
from fieldbrief.extract.statements.text import DocIndex
from fieldbrief.extract.statements.turns import holds_label, stage_direction
from fieldbrief.extract.statements.utterances import join_split_quotes
from fieldbrief.model import Article, Statement
from fieldbrief.stage import Context, Stage

__all__ = ["STAGE", "Cues", "Quote", "extract", "load_cues", "run", "scan_quotes"]


def extract(doc: Doc, article: Article, cues: Cues, weights: TaggerWeights | None = None) -> list[Statement]:
    """The article's statements; `weights`: the tagger's, where not the shipped ones (training chooses its
    thresholds by what the whole stage scores)."""
    quotes = scan_quotes(article.text)
    index = DocIndex(doc)
    finder = FrameFinder(doc, article.text, index, cues, quotes)
    frames = combine(finder.frames(), tag(doc, index, quotes, weights), finder, doc, cues)
    frames.sort(key=lambda f: f.cue.i)
    resolver = SpeakerResolver(doc, index, article, cues, quotes)
    statements: list[Statement] = []
    for frame in frames:
        speaker = resolver.resolve(frame)
        if speaker is not None:
            statements.append(statement_of(article, frame, speaker, cues, index))
    statements.sort(key=lambda s: s.start)
    statements.extend(continuations(article, statements, quotes))
    statements = [s for s in statements if not _printers(s, finder.turn_labels)]
    statements.sort(key=lambda s: s.start)
    statements = join_split_quotes(article, drop_nested(statements), quotes)  # each span once, then joined
    return drop_restatements(drop_nested(statements))


def _printers(statement: Statement, turn_labels: list[tuple[int, int]]) -> bool:
    """Transcript furniture read as someone's words: a span holding a turn's label, a stage direction."""
    return holds_label(statement.start, statement.end, turn_labels) or stage_direction(statement.content)


def run(doc: Doc, article: Article, ctx: Context) -> None:
    article.statements = extract(doc, article, cues_for(ctx))


# 11: negated and hypothetical statements kept with their factuality, sourceless ones with their attribution;
# 10: a role ("the mayor") refers back only to a person given it, a plural to no one person, "forced X to admit"
# is X's, "answered questions" says nothing; 9: transcript turns ("PENCE: ...") are their speaker's words, and no
# label or stage direction is anyone's;
# 8: a refusal to speak ("declined to comment") is speech, not an intention; 7: a headline's verb the entity
# recogniser ran into a name cut from it ("Obama Says" -> "Obama");
# 6: deeds proposed as cues refused ([verbs.acts]); 5: the rules' negated and hypothetical cues refused, quotes
# joined past a long attribution; 4: split quotes joined into one statement (parts); 3: the tagger's encoder (the
# fingerprint reads no weights)
STAGE = Stage("statements", "11", run)
