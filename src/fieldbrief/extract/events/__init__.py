"""The events stage: PLOVER events with actor, target, place, date, status and source; their type, mode and
ACLED sub-event decided by a learned classifier beside the rules.

Rules over spaCy's dependency parse, driven by data/plover.toml, find the event clauses and read them; the
classifier (weights in fieldbrief/models/events) decides, per sentence, whether there is an event at all and of
which PLOVER type, mode and ACLED sub-event. One module per concern:

- lexicon: plover.toml parsed once (trigger readings, modes, status cues, word classes, the ACLED rules);
- triggers: the reading a token takes (first in file order whose conditions hold, later ones as fallbacks);
- arguments: actor and target through the actors stage's resolver;
- status: asserted, claimed (according to whom), denied, planned or hedged;
- casualties: casualty words fold into the violent event of their clause as fatalities and victims;
- counting: killed and captured counts from the noun phrase that names the people;
- placing, dating: the event's place and date;
- acled: the rules' ACLED type; classifier: the learned decision over it;
- collapse: the same event told twice in one article is one record;
- finder: the sentence-by-sentence walk that puts them together.

Entry point: `find_events(doc, article, lex, dictionary, model)`; `STAGE` runs it in the pipeline.
"""

from __future__ import annotations

from spacy.tokens import Doc

from fieldbrief.extract.actors import ActorDictionary, dictionary_for
from fieldbrief.extract.events.classifier import EventModel, load_model
from fieldbrief.extract.events.collapse import ref_key
from fieldbrief.extract.events.finder import EventFinder
from fieldbrief.extract.events.lexicon import Lexicon, Trigger, lexicon_for, load_lexicon
from fieldbrief.model import Article, Event, content_id
from fieldbrief.stage import Context, Stage

__all__ = ["STAGE", "EventModel", "Lexicon", "Trigger", "find_events", "load_lexicon", "load_model", "rules_only"]


MODEL = "events:model"


def find_events(
    doc: Doc, article: Article, lex: Lexicon, dictionary: ActorDictionary, model: EventModel | None = None
) -> list[Event]:
    """The events of one parsed article (its places, times and statements already found); without a model, the
    rules alone decide types and ACLED sub-events."""
    events = EventFinder(doc, article, lex, dictionary, model).events()
    for event in events:
        event.id = content_id(article.id, event.type, str(event.start), ref_key(event.actor), ref_key(event.target))
    return events


def model_for(ctx: Context) -> EventModel | None:
    """The classifier, loaded once per process (None: no weights shipped, or `rules_only` was asked)."""
    model: EventModel | None = ctx.resource(MODEL, load_model)
    return model


def rules_only(ctx: Context) -> None:
    """Run this context's events stage without the classifier (training reads the rules' candidates so)."""
    ctx.resources[MODEL] = None


def run(doc: Doc, article: Article, ctx: Context) -> None:
    article.events = find_events(doc, article, lexicon_for(ctx), dictionary_for(ctx), model_for(ctx))


STAGE = Stage("events", "2", run)
