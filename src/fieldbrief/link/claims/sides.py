"""Reading an article for frames: its sentences as views, who each assertion is from (voices) and which side each
actor named is on (sides)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from fieldbrief.lexicon import pronouns
from fieldbrief.lexicon.actors import ARMED_TYPES, ActorDictionary
from fieldbrief.link.claims.records import (
    ARTICLES,
    POSSESSIVES,
    PRONOUNS,
    Frame,
    Scene,
    View,
    Voice,
    country_names,
    multiword_generics,
    parse_day,
    singular,
    unnamed_name,
)
from fieldbrief.link.entities import Mention
from fieldbrief.link.lexicon import Lexicon
from fieldbrief.link.origins import Origins, paragraph_spans
from fieldbrief.model import Article, Entity

PHRASE_BREAKS = re.compile(r"[,;:()\[\]\"“”—–]")  # what ends a noun phrase between two words


class ArticleSides:
    """One article read for frames: its sentences as views, the voice of each assertion and the side of each actor."""

    def __init__(
        self,
        article: Article,
        origins: Origins,
        mentions: list[tuple[Mention, str]],
        entities: dict[str, Entity],
        dictionary: ActorDictionary,
        lex: Lexicon,
    ) -> None:
        self.article = article
        self.origins = origins
        self.entities = entities
        self.dictionary = dictionary
        self.lex = lex
        self.wire = origins.wire_of.get(article.id)
        self.published = parse_day(article.published)
        self.views = self._views(mentions)
        self._described: dict[str, str | None] = {}
        self.scenes: list[Scene] = []
        self.frames: list[Frame] = []

    # -- views
    def _views(self, mentions: list[tuple[Mention, str]]) -> list[View]:
        a = self.article
        paras = paragraph_spans(a.text)
        out = []
        ordered = sorted(a.sentences, key=lambda x: x.start)
        # an event's evidence may open on punctuation before its sentence's first word (a quotation mark)
        firsts = {e.start: next((x.start for x in ordered if x.end > e.start), e.start) for e in a.events}
        for s in ordered:
            words_raw = s.lemmas.split()
            offsets = (
                [s.start + o for o in s.offsets] if len(s.offsets) == len(words_raw) else [s.start] * len(words_raw)
            )

            said = [st for st in a.statements if st.start < s.end and s.start < st.end]

            def inside(pos: int, s: Any = s) -> bool:
                return bool(s.start <= pos < s.end)

            out.append(
                View(
                    start=s.start,
                    end=s.end,
                    words=[w.lower() for w in words_raw],
                    names=words_raw,
                    offsets=offsets,
                    paragraph=next((i for i, (ps, pe) in enumerate(paras) if ps <= s.start < pe), 0),
                    events=[e for e in a.events if s.start <= max(e.start, firsts.get(e.start, e.start)) < s.end],
                    # what someone is said to have said: not "X did not say ...", nor words with no source
                    statements=[st for st in said if st.claimed],
                    figures=[f for f in a.figures if inside(f.start)],
                    places=[p for p in a.places if inside(p.start) and p.role != "associative"],
                    times=[t for t in a.times if inside(t.start)],
                    mentions=[(m, eid) for m, eid in mentions if inside(m.start)],
                    subject=s.subject,
                    predicate=s.predicate,
                    negated=s.negated,
                    unsaid=[(st.start, st.end) for st in said if st.factuality != "asserted"],
                    text=a.text,
                )
            )
        return out

    # -- voices
    def voice_for(
        self, view: View, start: int, source: str | None = None, source_span: tuple[int, int] | None = None
    ) -> tuple[Voice, str | None]:
        """(voice, speaker as written) for what a sentence says at `start`."""
        if source:
            code = None
            if source_span is not None:
                code = next(
                    (m.code for m, _ in view.mentions if source_span[0] <= m.start < source_span[1] and m.code), None
                )
            return self.cited(source, code), source
        statement = next((st for st in view.statements if st.start <= start < st.end), None) or next(
            (st for st in view.statements), None
        )
        if statement is not None and statement.speaker.kind != "outlet":
            sp = statement.speaker
            if sp.name.lower() in PRONOUNS | {"they", "it", "we", "i"} or self._dateline(sp.name):
                return self._own(), None
            name = unnamed_name(sp.name) if sp.kind == "unnamed" else sp.name
            return self.cited(name, sp.actor), name
        event = next((e for e in view.events if e.according_to and not self._dateline(e.according_to)), None)
        if event is not None and event.according_to:
            name = unnamed_name(event.according_to)
            return self.cited(name, None), name
        return self._own(), None

    def _dateline(self, name: str) -> bool:
        """ "MOSCOW" taken for a speaker: the filing place of a wire dateline, no voice of its own."""
        return name.isupper() and any(p.name == name for p in self.article.places)

    def cited(self, name: str, code: str | None) -> Voice:
        """One key for one source however it is written: a known body's code; a body's description without its
        country or generic words ("the Hamas-run health ministry" = "Gaza's health ministry"); ordinary people and
        unnamed officials as the outlet's own sources ("residents" of two outlets are two sources)."""
        entry = self.dictionary.entries.get(code) if code else self.dictionary.lookup(name)
        words = [
            w.strip(".,'’\"").lower().removesuffix("'s").removesuffix("’s") for w in name.replace("-", " ").split()
        ]
        words = [w for w in words if w]
        state_body = (
            entry is not None
            and entry.type in {"government", "military", "police"}
            and bool(words)
            and bool(self.dictionary.generics.get(words[-1].rstrip("s")) or self.dictionary.generics.get(words[-1]))
        )
        if entry is not None and entry.type not in {"civilians", "outlet"} and not state_body:
            return Voice("body:" + self.dictionary.acting_code(entry), name, True)
        content = [
            w
            for w in words
            if w not in self.lex.generic_source_words
            and w != "unnamed"
            and not (self.dictionary.demonyms.get(w) or self._country_named(w))
        ]
        head = singular(words[-1]) if words else ""
        if not content or head in self.lex.ordinary_sources or singular(content[-1]) in self.lex.ordinary_sources:
            return Voice(f"own:{self._own_key()}:{head}", name, True)
        # the head noun: "the defence ministry", "Russia's Defence Ministry" and "the ministry" are one voice
        return Voice("body:" + singular(content[-1]), name, True)

    def _ordinary(self, name: str) -> bool:
        """Ordinary people or an unnamed official: no body of their own."""
        return self.cited(name, None).key.startswith("own:")

    def _country_named(self, word: str) -> str | None:
        return country_names(self.dictionary).get(word)

    def _main_country(self) -> str | None:
        """The country most places of the article lie in; places standing for a body ("Russia's defence ministry",
        or marked associative by the places stage) are not where things happen."""
        text = self.article.text
        counts = Counter(
            p.country
            for p in self.article.places
            if p.country and p.role != "associative" and not text.startswith(pronouns.POSSESSIVE_ENDINGS, p.end)
        )
        return counts.most_common(1)[0][0] if counts else None

    def _own_key(self) -> str:
        return self.wire or self.article.outlet or self.origins.origin_of[self.article.id]

    def _own(self) -> Voice:
        shown = self.wire or self.article.outlet or "the outlet"
        return Voice(f"own:{self._own_key()}", shown, False)

    # -- sides
    def side_of_code(self, code: str | None) -> str | None:
        """The body an actor acts for, at the level sources dispute ("RUS" for Russia's army and government)."""
        if not code:
            return None
        entry = self.dictionary.entries.get(code)
        if entry is not None:
            code = self.dictionary.acting_code(entry)
        parts = code.split("-")
        if len(parts) == 2 and parts[1] in {"GOV", "MIL", "POL"} and len(parts[0]) == 3:
            return parts[0]
        if len(parts) == 2 and parts[0] in {"GOV", "MIL", "POL"} and len(parts[1]) == 2:
            return self.dictionary.country_codes.get(parts[1], parts[1])
        return code

    def side_of_word(self, word: str) -> str | None:
        iso2 = self.dictionary.demonyms.get(word) or self._country_named(word)
        return self.dictionary.country_codes.get(iso2) if iso2 else None

    def actors_between(self, view: View, first: int, last: int) -> list[tuple[int, str, str]]:
        """(word index, side, as written) of actors named between two word indices: dictionary mentions and
        demonyms ("Israeli", "Ukrainian")."""
        out: list[tuple[int, str, str]] = []
        lo = view.offsets[first] if first < len(view.offsets) else view.end
        hi = view.offsets[last] if last < len(view.offsets) else view.end
        for mention, eid in view.mentions:
            if lo <= mention.start < hi:
                at = view.word_at(mention.start)
                if "make" in view.words[at + 1 : at + 3]:
                    continue
                entity = self.entities.get(eid)
                written = mention.text.lower().removeprefix("the ")
                if " " in written and written in self.dictionary.generics:  # "anti-regime forces": the term's class
                    side = self.side_of_noun(written, self._scene_country(view))
                else:
                    side = self.side_of_code(mention.code or (entity.actor if entity else None))
                if side is None and entity is not None:
                    # a name that is a generic class of the actor dictionary ("anti-regime forces": rebels), or a
                    # country's ("Myanmar's military": the Myanmar military)
                    side = self.side_of_noun(
                        entity.name.lower().removeprefix("the "), self._scene_country(view)
                    ) or self._owned_generic(entity.name)
                if side is None and entity is not None and (entity.kind != "person" or self._body_name(entity.name)):
                    side = f"name:{entity.name.lower()}"
                if side:
                    out.append((view.word_at(mention.start), side, mention.text))
        country = view.scene.country if view.scene is not None else self._main_country()
        taken = {view.word_at(m.start) for m, _ in view.mentions}
        for i in range(max(first, 0), min(last, len(view.words))):
            if i in taken or "make" in view.words[i + 1 : i + 3]:
                continue  # "US-made rockets": who made a weapon is no party to its use
            side = self.side_of_word(view.words[i])
            if (
                side is None
                and view.names[i][:1].islower()
                and not (i + 1 < len(view.words) and self.dictionary.generics.get(view.words[i + 1]))
            ):
                side = self._generic_side(view, i, country, out)
            if side:
                out.append((i, side, view.names[i]))
        return sorted(out)

    def _generic_term_ending(self, view: View, i: int, country: str | None) -> str | None:
        """The side of a generic term of several words that ends at word i ("anti-regime forces")."""
        terms = multiword_generics(self.dictionary)
        for k in range(max(0, i - 3), i):
            text = " ".join(view.names[k : i + 1]).lower().replace(" - ", " ").replace("-", " ")
            for written in (text, text + "s"):
                if written in terms:
                    return self.side_of_noun(terms[written], country)
        return None

    def _owned_generic(self, name: str) -> str | None:
        """ "Myanmar's military", "Sudan's army": a generic class of a named country, as that country's side."""
        owner, sep, noun = name.lower().removeprefix("the ").partition("'s ")
        iso2 = (self.dictionary.demonyms.get(owner) or self._country_named(owner)) if sep else None
        return self.side_of_noun(noun, iso2) if iso2 else None

    def _scene_country(self, view: View) -> str | None:
        return view.scene.country if view.scene is not None else self._main_country()

    def _body_name(self, name: str) -> bool:
        """A name that is a group's, not a person's ("the Eastern Brigade", "the Sahel Liberation Front")."""
        last = name.split()[-1].lower() if name.split() else ""
        return last in self.lex.body_words

    def _generic_side(self, view: View, i: int, country: str | None, named: list[tuple[int, str, str]]) -> str | None:
        """A generic noun ("the army", "militants", "its fighters") as a side: the side named right before it
        ("Russian forces"), the speaker's for "its"/"our", else the generic class in the incident's country."""
        side = self.side_of_noun(view.words[i], country)
        if side is None:
            return None
        longer = self._generic_term_ending(view, i, country)  # "anti-regime forces": rebels, not the army
        if longer is not None:
            return longer
        if any(j in (i - 1, i - 2) for j, _, _ in named):
            return None  # "Russian forces": the demonym already named the side
        if i > 0 and view.words[i - 1] in POSSESSIVES:
            # "its forces", "his fighters": the speaker's, and nobody's we know when the speaker is unknown (not the
            # forces of the country the incident is in)
            spoken = self._speaker_side(view)
            return spoken[0] if spoken else None
        return side

    def _speaker_side(self, view: View) -> tuple[str, str] | None:
        for statement in view.statements:
            sp = statement.speaker
            entry = self.dictionary.entries.get(sp.actor) if sp.actor else self.dictionary.lookup(sp.name)
            side = self.side_of_code(entry.code) if entry else None
            if side is None:
                words = sp.name.lower().replace("'s", "").split()
                side = next((s for w in words if (s := self.side_of_word(w))), None)
            if side:
                return side, sp.name
        for event in view.events:
            if event.according_to:
                entry = self.dictionary.lookup(event.according_to)
                if entry is not None and (side := self.side_of_code(entry.code)):
                    return side, event.according_to
        for statement in view.statements:
            owner = self._owner_of_speaker(view, statement.speaker.mention or statement.speaker.name)
            if owner is not None:
                return owner, statement.speaker.name
        for statement in view.statements:
            side = self._described_side(statement.speaker.name)
            if side is not None:
                return side, statement.speaker.name
        country = view.scene.country if view.scene is not None else self._main_country()
        for statement in view.statements:
            sp = statement.speaker
            if sp.kind == "organisation" and sp.name and not self._ordinary(sp.name):
                words = sp.name.lower().replace("'s", "").split()
                side = next(
                    (
                        s
                        for w in reversed(words)
                        if (s := self.side_of_noun(w.rstrip("s"), country) or self.side_of_noun(w, country))
                    ),
                    None,
                )
                return (side, sp.name) if side else (f"name:{sp.name.lower().removeprefix('the ')}", sp.name)
        return None

    def _owner_of_speaker(self, view: View, mention: str) -> str | None:
        """The side a speaker's sentence says it belongs to: "Russia's defence ministry", "the chief of the Wagner
        group" (a generic speaker is otherwise taken for the incident's country)."""
        if not mention:
            return None
        at = self.article.text.find(mention, view.start, view.end)
        if at < 0:
            return None
        first, last = view.word_at(at), view.word_at(at + len(mention))
        words = view.words
        side = self._possessor_side(view, first)
        if side is not None:
            return side
        if last < len(words) and words[last] == "of":
            actors = self.actors_between(view, last + 1, min(last + 7, len(words)))
            named = [a for a in actors if not a[1].startswith("name:")]
            if named:
                return named[-1][1]  # "the chief of Russia's Wagner group": the group
        return None

    def _possessor_side(self, view: View, first: int) -> str | None:
        """The side of a possessor that opens a speaker's noun phrase: "Russia's Ivan Petrov", "Russia's top general
        Ivan Petrov" (over lower-case title words only: "Russia's claims, Ivan Petrov said" owns no one)."""
        k = first - 1
        while k >= max(0, first - 4):
            if view.is_possessor(k):
                return self.side_of_word(view.words[k])
            if not view.names[k].islower() or PHRASE_BREAKS.search(view.written(k)):
                return None
            k -= 1
        return None

    def _described_side(self, name: str) -> str | None:
        """The side the article describes a speaker with where it names him: "Omar Haddad, a spokesman for the
        army", "army spokesman Omar Haddad" (his "we" is the army's, not a party of his own)."""
        if not name or name in self._described:
            return self._described.get(name)
        side = None
        text, heads = self.article.text, self.dictionary.agent_heads
        for view in self.views:
            at = text.find(name, view.start, view.end)
            while side is None and at >= 0:
                first, last = view.word_at(at), view.word_at(at + len(name))
                words = view.words
                if first >= 2 and words[first - 1] in heads:  # "army spokesman Omar Haddad", "Regime spokesman"
                    side = self._body_side(view, max(0, first - 3), first - 1)
                # "Omar Haddad, a spokesman for the army": an article, an office within three words, then for/of
                if side is None and last < len(words) and words[last] in ARTICLES:
                    office = next((k for k in range(last + 1, min(last + 4, len(words))) if words[k] in heads), None)
                    if office is not None and office + 1 < len(words) and words[office + 1] in {"for", "of"}:
                        side = self._body_side(view, office + 2, min(office + 5, len(words)))
                at = text.find(name, at + len(name), view.end)
            if side is not None:
                break
        if side is not None and side.startswith("name:"):
            side = None
        self._described[name] = side
        return side

    def _body_side(self, view: View, first: int, last: int) -> str | None:
        """The side of the body a speaker is described with: a generic noun ("the military") is the article's main
        country's (the sentence's own place may be a mis-read one), else the actor named there."""
        for k in range(first, last):
            if self.dictionary.generics.get(view.words[k]) and (
                side := self.side_of_noun(view.words[k], self._main_country())
            ):
                return side
        named = self.actors_between(view, first, last)
        return named[0][1] if named else None

    def side_of_noun(self, word: str, country: str | None) -> str | None:
        """A generic actor noun ("militants", "the army") as a side, with the incident's country."""
        gen = self.dictionary.generics.get(word)
        if gen is None or gen.type not in ARMED_TYPES | {"government"}:
            return None
        if gen.country_actor and country:
            return self.dictionary.country_codes.get(country, country)
        return f"{gen.code}-{country}" if country else gen.code

    # -- scenes
