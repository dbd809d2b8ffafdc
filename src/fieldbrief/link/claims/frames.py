"""Claim frames: what each sentence of an article asserts, as actor - predicate - target - polarity - slot values.

A frame comes from the records the stages made, never from re-reading text: the events stage's events (type, actor,
target, place, date, status, who says so), the statements stage's speakers, the figures stage's counts (with their
qualifiers and sources), the places and times stages' records, and the sentences stage's lemmas and main clause.
Each frame fills one slot of the incident its sentence is about:

    occurrence   an event asserted or denied ("jets bombed the hospital" / "denied bombing the hospital")
    toll         killed | injured | captured | missing, as a range ("at least 50" is 50 and up)
    attackers    how many attacked
    weapon       what hit ("a drone", "artillery shells", "a glide bomb"; "not rocket fire" denies rockets)
    perpetrator  who did it (a claim of responsibility, a blame, an attacker named in the event, a cause that names
                 one: "a misfired rocket launched by X"; "X denied any role" denies X)
    victims      civilians or combatants
    control      who holds a place (a capture, a hold, "fighting continues")
    whereabouts  where a named person is
    fact         any other statement, for corroboration only

A sentence that names no incident of its own inherits one from its article: the incident of the sentence before it
in its paragraph, else the article's lead incident (see `scenes`).
"""

from __future__ import annotations

from fieldbrief.lexicon.actors import ActorDictionary
from fieldbrief.link.claims.blame import BlameReader
from fieldbrief.link.claims.control import PlaceReader
from fieldbrief.link.claims.records import REPORTING_LEMMAS, Frame, Scene, View
from fieldbrief.link.claims.slots import DENIED_SLOTS, HARM_WORDS, SLOTTED, event_figure, figure_range, figure_shown
from fieldbrief.link.entities import Mention
from fieldbrief.link.lexicon import Lexicon
from fieldbrief.link.origins import Origins
from fieldbrief.model import Article, Entity, Figure, FigureKind


class FrameBuilder(BlameReader, PlaceReader):
    """The frames of one article, slot by slot (see the module docstring)."""

    def build(self) -> list[Frame]:
        self.build_scenes()
        for view in self.views:
            self._occurrences(view)
            self._figures(view)
            self._victims(view)
            self._weapons(view)
            self._perpetrators(view)
            self._control(view)
            self._whereabouts(view)
            self._denials_of_a_slot(view)
            if not any(f.start >= view.start and f.end <= view.end and f.slot in SLOTTED for f in self.frames[-8:]):
                self._fact(view)  # a sentence that fills a slot is compared through it (facts.py)
        return self.frames

    def _denials_of_a_slot(self, view: View) -> None:
        """A denial that is about who did it, who holds a place or where someone is disputes that slot, not
        whether anything happened: "Ukraine denied that Russian forces had seized the town" disputes control,
        "Moscow rejected claims that its forces blew up the dam, blaming Kyiv" the perpetrator, "the presidency
        denied rumours that he fled" his whereabouts. The denied event's occurrence frame goes; the slot's frames
        stay. A denial of one's own part alone ("denied attacking the port") stays a denial of the happening."""
        mine = [f for f in self.frames[-16:] if f.start == view.start and f.end == view.end]
        about = [f for f in mine if f.slot in DENIED_SLOTS and not f.weak]  # a bare event actor says nothing of it
        # "it was definitely not rocket fire": the weapon is denied, not the happening ("no aircraft flew over the
        # town" denies the happening)
        about += [f for f in mine if f.slot == "weapon" and f.negation == "not"]
        # "X denied attacking the port" denies the happening itself (its own part in it is no other slot's value);
        # "X denied accusations that its forces blew up the dam" denies who did it
        accused = any(w in self.lex.accusations for w in view.words)
        if not accused and not any(f.slot != "perpetrator" or not str(f.value).startswith("not:") for f in about):
            return
        for f in mine:
            if f.slot == "occurrence" and f.value == "denies":
                self.frames.remove(f)

    def _occurrences(self, view: View) -> None:
        for event in view.events:
            if not self._happening(event):
                continue
            actor = self.side_of_code(event.actor.actor) if event.actor else None
            target = self.side_of_code(event.target.actor) if event.target else None
            voice, speaker = self.voice_for(view, event.start)
            polarity = "denies" if event.status == "denied" and not self._only_exclusive(view) else "affirms"
            if polarity == "denies" and not (event.actor or event.target or view.places or self._facilities(view)):
                continue  # "it was not rocket fire": a denial of nothing in particular (a weapon, a wording)
            self._frame(
                view,
                "occurrence",
                self.lex.family(event.type),
                polarity,
                event.evidence,
                voice=voice,
                speaker=speaker,
                kind="event",
                record=event.id,
                actor=actor,
                target=target,
                actor_shown=event.actor.name if event.actor is not None and actor else None,
            )
        self._topics(view)

    def _only_exclusive(self, view: View) -> bool:
        """ "killed not because of our attack only", "not only by the strike": the negation denies that one cause
        was all of it (the attack is admitted), not that anything happened."""
        words = view.words
        for i, w in enumerate(words):
            if w == "not" and any(x in self.lex.exclusives for x in words[i + 1 : i + 7]):
                return True
        return False

    def _topics(self, view: View) -> None:
        """Happenings named by a noun ("talks were held", "denied that any talks had taken place") and whether a
        truce holds ("the truce held", "shelling continued despite the truce")."""
        coded = {self.lex.family(e.type) for e in view.events if self._happening(e)}
        for i, _, topic in self.lex.topics.find(view.words):
            if topic in coded:
                continue
            before = view.words[:i]
            denied = any(w in self.lex.negations for w in before[-3:]) or any(
                w in {"deny", "refute", "dismiss", "reject"} for w in before
            )
            self._frame(
                view,
                "occurrence",
                topic,
                "denies" if denied else "affirms",
                self.surface(view, i, i + 1),
                start=view.offsets[i],
            )
            coded.add(topic)
        found = {label for _, _, label in self.lex.truce.find(view.words)}
        if found:
            value = "denies" if "broken" in found else "affirms"
            self._frame(view, "occurrence", "truce", value, "truce broken" if value == "denies" else "truce held")

    # -- counts

    def _figures(self, view: View) -> None:
        for figure in view.figures:
            if figure.cumulative:
                continue
            voice, speaker = self.voice_for(view, figure.start, figure.source, figure.source_span)
            slot = "attackers" if figure.kind == "attackers" else "toll"
            classes = self.lex.victims.labels([figure.counted]) if figure.counted else set()
            self._frame(
                view,
                slot,
                figure.kind,
                figure_range(figure),
                figure_shown(figure),
                voice=voice,
                speaker=speaker,
                start=figure.start,
                update=figure.update,
                counted=figure.counted,
                victims=next(iter(classes)) if len(classes) == 1 else None,
                vague=figure.qualifier == "vague",
            )

        # the events stage's counts (killed, captured) where the figures stage read none of that kind
        counted: set[FigureKind] = {f.kind for f in view.figures if not f.cumulative}
        for event in view.events:
            counts: tuple[tuple[FigureKind, int | None, str | None], ...] = (
                ("killed", event.fatalities, event.fatalities_text),
                ("captured", event.captured, event.captured_text),
            )
            for kind, value, text in counts:
                if value is None or kind in counted or event.status in ("denied", "planned", "hedged"):
                    continue
                counted.add(kind)
                figure = event_figure(kind, value, text or str(value), event.start, event.end)
                voice, speaker = self.voice_for(view, event.start)
                self._frame(
                    view,
                    "toll",
                    kind,
                    figure_range(figure),
                    figure_shown(figure),
                    voice=voice,
                    speaker=speaker,
                    start=event.start,
                )

    def _victims(self, view: View) -> None:
        """Who was killed: what a sentence says of the dead ("were gunmen", "including children"), else the noun
        its count counts ("30 civilians")."""
        killed = [f for f in view.figures if f.kind == "killed" and not f.cumulative]
        harm = bool(killed) or any(w in {"kill", "die", "dead"} for w in view.words)
        if not harm:
            return
        said = self.lex.victim_phrases.find(view.words)
        killings: list[Figure | None] = list(killed) or [None]
        for figure in killings:
            at = view.word_at(figure.start) if figure is not None else 0
            stop = next(
                (k for k in range(at + 1, len(view.words)) if view.words[k] in REPORTING_LEMMAS), len(view.words)
            )
            skip = (
                (view.word_at(figure.source_span[0]), view.word_at(figure.source_span[1]))
                if (figure is not None and figure.source_span)
                else (0, 0)
            )
            after = [(i, j, label) for i, j, label in said if at <= i < stop and not skip[0] <= i < skip[1]]
            counted = self.lex.victims.labels([figure.counted]) if figure is not None and figure.counted else set()
            classes = {label for _, _, label in after} or counted
            if len(classes) != 1:
                continue
            value = classes.pop()
            shown = next((self.surface(view, i, j) for i, j, label in after if label == value), None)
            if shown is None and figure is not None and figure.counted:
                shown = self.counted_surface(view, figure)
            start = figure.start if figure is not None else view.start
            voice, speaker = self.voice_for(
                view, start, figure.source if figure else None, figure.source_span if figure else None
            )
            self._frame(view, "victims", "killed", value, shown or value, voice=voice, speaker=speaker, start=start)

    def _weapons(self, view: View) -> None:
        harm = any(w in HARM_WORDS for w in view.words) or bool(view.figures)
        if not harm:
            return
        seen = set()
        for i, j, label in self.lex.weapons.find(view.words):
            negation = next((w for w in view.words[max(0, i - 3) : i] if w in self.lex.negations), None)
            negated = negation is not None
            value = f"not:{label}" if negated else label
            if value in seen:
                continue
            seen.add(value)
            written = self.surface(view, i, j)
            self._frame(
                view,
                "weapon",
                "weapon",
                value,
                written if not negated else f"not {written}",
                start=view.offsets[i] if i < len(view.offsets) else view.start,
                negation=negation,
            )

    # -- perpetrators

    def _fact(self, view: View) -> None:
        # what nobody asserts ("did not say that the bridge fell") is no part of the fact the sentence states
        asserted = [k for k, at in enumerate(view.offsets) if not view.unsaid_at(at)]
        proper = frozenset(view.words[k] for k in asserted if view.names[k][:1].isupper())
        words = frozenset(
            w
            for w in self.lex.canonical_words([view.words[k] for k in asserted])
            if w.replace("_", "").isalpha() and w not in self.lex.stopwords and len(w) > 1
        )
        if len(words) < 3:
            return
        actor = target = None
        if view.subject is not None:
            actor = next(
                (
                    s
                    for _, s, _ in self.actors_between(
                        view, view.word_at(view.subject[0]), view.word_at(view.subject[1])
                    )
                ),
                None,
            )
        record = next((s for s in self.article.sentences if s.start == view.start), None)
        if record is not None and record.object is not None:
            target = next(
                (
                    s
                    for _, s, _ in self.actors_between(
                        view, view.word_at(record.object[0]), view.word_at(record.object[1])
                    )
                ),
                None,
            )
        # "denied that its forces shelled Dara" says the opposite of "forces shelled Dara" in other words
        denied = view.negated or any(e.status == "denied" for e in view.events)
        polarity = "denies" if denied else "affirms"
        self._frame(
            view,
            "fact",
            "",
            polarity,
            "",
            actor=actor,
            target=target,
            words=words,
            proper=proper,
            names=frozenset(eid for _, eid in view.mentions),
        )


def article_frames(
    article: Article,
    origins: Origins,
    mentions: list[tuple[Mention, str]],
    entities: dict[str, Entity],
    dictionary: ActorDictionary,
    lex: Lexicon,
) -> tuple[list[Frame], list[Scene]]:
    builder = FrameBuilder(article, origins, mentions, entities, dictionary, lex)
    frames = builder.build()
    return frames, builder.scenes
