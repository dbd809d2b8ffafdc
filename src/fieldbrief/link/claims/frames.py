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

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from fieldbrief.lexicon.actors import ARMED_TYPES, ActorDictionary
from fieldbrief.lexicon.numbers import number_words
from fieldbrief.link.entities import Mention
from fieldbrief.link.lexicon import Lexicon
from fieldbrief.link.origins import Origins, cited_wire, paragraph_spans
from fieldbrief.model import Article, Entity, Event, Figure, FigureKind, Place, Statement, TimeRef

Window = tuple[dt.date, dt.date]
INF = math.inf
PRONOUNS = frozenset({"he", "she", "him", "her"})
LOCATIVES = frozenset({"in", "of", "near", "outside", "at", "around", "into", "on", "to", "from", "toward", "towards"})
POSSESSIVES = frozenset({"its", "his", "her", "their", "our"})
ARTICLES = frozenset({"a", "an", "the"})
REPORTING_LEMMAS = frozenset({"say", "tell", "report", "claim", "add", "announce", "accord", "state"})


def place_key(place: Place) -> str | None:
    """Places below country level, keyed so that "Panjshir", "the valley" and "Panjshir Valley" agree."""
    if place.feature == "country" or not place.country:
        return None
    core = place.admin1 if place.feature in {"province", "region"} else (place.canonical or place.name)
    return f"{place.country}/{core}".lower()


_MULTIWORD: dict[int, dict[str, str]] = {}


def _multiword_generics(dictionary: ActorDictionary) -> dict[str, str]:
    """Generic terms of several words as lemmas join them ("anti regime forces" -> "anti-regime forces")."""
    if id(dictionary) not in _MULTIWORD:
        _MULTIWORD[id(dictionary)] = {t.replace("-", " "): t for t in dictionary.generics if " " in t or "-" in t}
    return _MULTIWORD[id(dictionary)]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def unnamed_name(name: str) -> str:
    """ "unnamed official (Reuters)" -> "an unnamed official": the outlet it spoke to is the origin's business."""
    return name.split(" (", 1)[0].strip()


def parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# ------------------------------------------------------------------------------------------- records
@dataclass(frozen=True)
class Voice:
    """Who a frame's assertion is from: a cited body, or the outlet (or wire) reporting on its own."""

    key: str  # sources with one key are one source
    shown: str  # as readers know it ("the health ministry", "Reuters", "Borea News")
    cited: bool


@dataclass(slots=True)
class Scene:
    """An incident as one article reports it: what kind of happening, where, when, who, what was hit."""

    id: str
    article_id: str
    published: dt.date | None
    family: str | None = None  # "violence" (PLOVER ASSAULT, COERCE) or None (unknown)
    country: str | None = None
    places: set[str] = field(default_factory=set)  # place keys below country level
    points: list[tuple[float, float]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # place names as written, lower case (resolved or not)
    regions: set[str] = field(default_factory=set)  # the provinces its places lie in, keyed as place_key keys them
    window: Window | None = None  # the dates the text gives for the happening
    participants: set[str] = field(default_factory=set)  # sides taking part
    facilities: set[str] = field(default_factory=set)  # what was hit ("market", "checkpoint")
    place_shown: str | None = None  # the place as the article writes it
    incident: str | None = None  # the corpus-level incident it joins (incidents.py)
    background: bool = False  # a past happening the article recalls


@dataclass(slots=True)
class Frame:
    slot: str
    key: str  # what within the slot ("killed"; a place for control; a person for whereabouts)
    value: Any
    shown: str  # the value as written
    article_id: str
    origin_id: str
    outlet: str | None
    published: str | None
    wire: str | None
    start: int
    end: int
    text: str
    member_kind: str  # statement | event | sentence
    record_id: str | None
    voice: Voice
    scene: Scene
    actor: str | None = None  # sides, for roles
    target: str | None = None
    update: bool = False  # a toll that revises an earlier one ("rose to 35")
    stance: str | None = None  # capture | hold | contest (control); truce
    weak: bool = False  # a perpetrator only named as an event's actor, not claimed or blamed
    victims: str | None = None  # civilians | combatants, for a toll whose noun says which
    counted: str | None = None  # the noun a toll counts ("soldier"); None: people in general
    vague: bool = False  # a toll given as a vague quantity ("dozens"), which bounds it only from below
    cause: str | None = None  # the cause a perpetrator frame was read from ("secondary explosion"), as lemmas
    negation: str | None = None  # the word that negates a weapon ("not" rocket fire, "no" aircraft)
    words: frozenset[str] = frozenset()  # content lemmas
    proper: frozenset[str] = frozenset()  # those of them that are proper nouns
    names: frozenset[str] = frozenset()  # entity ids
    speaker: str | None = None
    actor_shown: str | None = None  # the actor as written, for a happening's one-line question
    evidence: tuple[int, int] | None = None  # the record's own span (a statement's content), else the sentence


@dataclass
class View:
    """One sentence and the records inside it."""

    start: int
    end: int
    words: list[str]  # lemmas, lower case
    names: list[str]  # lemmas as recorded (proper nouns capitalised)
    offsets: list[int]  # absolute character offset of each word
    paragraph: int
    events: list[Event]
    statements: list[Statement]
    figures: list[Figure]
    places: list[Place]
    times: list[TimeRef]
    mentions: list[tuple[Mention, str]]
    subject: tuple[int, int] | None = None
    predicate: str | None = None
    negated: bool = False
    scene: Scene | None = None
    wire: str | None = None  # "" once looked up and none found

    def word_at(self, offset: int) -> int:
        """The index of the word at (or after) a character offset."""
        for i, o in enumerate(self.offsets):
            if o >= offset:
                return i
        return len(self.offsets)


_COUNTRY_NAMES: dict[int, dict[str, str]] = {}


def country_names(dictionary: ActorDictionary) -> dict[str, str]:
    """Lower-case one-word country names -> ISO2 ("russia" -> "RU"), from the dictionary's generated governments."""
    key = id(dictionary)
    if key not in _COUNTRY_NAMES:
        names: dict[str, str] = {}
        for iso2, iso3 in dictionary.country_codes.items():
            entry = dictionary.entries.get(f"{iso3}-GOV")
            if entry is None:
                continue
            for alias in (entry.name.removeprefix("Government of "), *entry.aliases):
                if " " not in alias.strip():
                    names.setdefault(alias.strip().lower(), iso2)
        _COUNTRY_NAMES[key] = names
    return _COUNTRY_NAMES[key]


# ------------------------------------------------------------------------------------------- reading an article
class ArticleFrames:
    """Builds one article's scenes and frames."""

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
                    statements=[st for st in a.statements if st.start < s.end and s.start < st.end],
                    figures=[f for f in a.figures if inside(f.start)],
                    places=[p for p in a.places if inside(p.start) and p.role != "associative"],
                    times=[t for t in a.times if inside(t.start)],
                    mentions=[(m, eid) for m, eid in mentions if inside(m.start)],
                    subject=s.subject,
                    predicate=s.predicate,
                    negated=s.negated,
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
        head = _singular(words[-1]) if words else ""
        if not content or head in self.lex.ordinary_sources or _singular(content[-1]) in self.lex.ordinary_sources:
            return Voice(f"own:{self._own_key()}:{head}", name, True)
        # the head noun: "the defence ministry", "Russia's Defence Ministry" and "the ministry" are one voice
        return Voice("body:" + _singular(content[-1]), name, True)

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
            if p.country and p.role != "associative" and not text.startswith(("'s", "’s"), p.end)
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
        terms = _multiword_generics(self.dictionary)
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
        if first >= 2 and words[first - 1] == "'s" and (side := self.side_of_word(words[first - 2])):
            return side
        if last < len(words) and words[last] == "of":
            actors = self.actors_between(view, last + 1, min(last + 7, len(words)))
            named = [a for a in actors if not a[1].startswith("name:")]
            if named:
                return named[-1][1]  # "the chief of Russia's Wagner group": the group
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
    def build_scenes(self) -> None:
        """Assign every sentence the article-local incident it reports (see the module docstring)."""
        lead: Scene | None = None
        last_in_paragraph: dict[int, Scene] = {}
        for view in self.views:
            scene = None
            background = False
            violent = False
            for event in view.events:
                if self._happening(event):
                    here = self._background(view, event)
                    joined = self._join(self._event_scene(view, event), here)
                    harm = self.lex.family(event.type) == "violence"
                    if not violent or harm:  # a sentence of harm reports the violence ("a stampede occurred when
                        scene, background, violent = joined, here, harm  # thousands surrounded an aid convoy")
            if scene is None:
                inherited = last_in_paragraph.get(view.paragraph) or lead
                scene = self._place_scene(view, inherited)
            if scene is None:
                continue
            view.scene = scene
            if not background:  # a past happening recalled ("killed in 2001") leads no sentence after it
                last_in_paragraph[view.paragraph] = scene
                lead = lead or scene
        fallback = lead or self._join(self._default_scene())
        for view in self.views:
            view.scene = view.scene or fallback

    def _background(self, view: View, event: Event) -> bool:
        """A happening dated only by year or month, or weeks before publication: background, not the news."""
        date = own_date(view, event)
        if date is None or not date.date_start:
            return False
        if date.precision in ("year", "month"):
            return True
        day = parse_day(date.date_start)
        return bool(day and self.published and (self.published - day).days > BACKGROUND_DAYS)

    def _happening(self, event: Event) -> bool:
        return event.type not in self.lex.discourse_types and event.status not in self.lex.unasserted_statuses

    def _new_scene(self) -> Scene:
        return Scene(f"{self.article.id}:{len(self.scenes)}", self.article.id, self.published)

    def _event_scene(self, view: View, event: Event) -> Scene:
        scene = self._new_scene()
        scene.family = self.lex.family(event.type)
        places = [event.place] if event.place is not None and event.place.country else []
        places += [p for p in view.places if p.feature != "country"]
        self._locate(scene, view, places)
        date = own_date(view, event)
        if date is not None and date.date_start:
            start, end = parse_day(date.date_start), parse_day(date.date_end or date.date_start)
            if start and end:
                scene.window = (start, max(start, end))
        for ref in (event.actor, event.target):
            side = self.side_of_code(ref.actor) if ref is not None else None
            if side:
                scene.participants.add(side)
        scene.facilities = self._facilities(view)
        return scene

    def _place_scene(self, view: View, inherited: Scene | None) -> Scene | None:
        """A sentence with no happening of its own: the inherited incident, unless it names another place."""
        places = [p for p in view.places if p.feature != "country" and place_key(p)]
        keys = {k for p in places if (k := place_key(p))}
        written = self._written_places(view)
        if inherited is not None and (not keys or keys & inherited.places or not inherited.places):
            if not inherited.places:  # what the incident's later sentences say of where it happened
                self._locate(inherited, view, places)
            else:
                inherited.names |= written
            return inherited
        if not keys and not written:
            return None
        scene = self._new_scene()
        scene.family = inherited.family if inherited is not None else None
        self._locate(scene, view, places)
        return self._join(scene)

    def _default_scene(self) -> Scene:
        scene = self._new_scene()
        counts = Counter(k for p in self.article.places if p.role != "associative" and (k := place_key(p)))
        if counts:
            key = counts.most_common(1)[0][0]
            place = next(p for p in self.article.places if place_key(p) == key)
            scene.places.add(key)
            scene.names.add(place.name.lower())
            scene.place_shown = place.name
            scene.country = place.country
            if place.lat is not None and place.lon is not None:
                scene.points.append((place.lat, place.lon))
        return scene

    def _locate(self, scene: Scene, view: View, places: Iterable[Place]) -> None:
        places = list(places)
        below = [p for p in places if p.feature != "country" and p.country]
        # a country only from where things happen: mentions of countries name speakers and sides as often
        scene.country = scene.country or (below[0].country if below else None)
        for place in places:
            key = place_key(place)
            if key:
                scene.places.add(key)
                if place.admin1:
                    scene.regions.add(f"{place.country}/{place.admin1}".lower())
                scene.names.add(place.name.lower())
                if place.canonical:
                    scene.names.add(place.canonical.lower())
                if place.lat is not None and place.lon is not None:
                    scene.points.append((place.lat, place.lon))
                scene.place_shown = scene.place_shown or place.name
        scene.names |= self._written_places(view)

    def _written_places(self, view: View) -> set[str]:
        """Capitalised names written where a place goes ("the town of Konna", "in Kutkai") that no stage resolved:
        they still name the same place in every article that writes them."""
        out = set()
        times = [(t.start, t.end) for t in view.times]
        for i in range(1, len(view.names)):
            name = view.names[i]
            if not name[:1].isupper() or view.words[i - 1] not in LOCATIVES or self.side_of_word(view.words[i]):
                continue
            if any(s <= view.offsets[i] < e for s, e in times) or any(
                view.offsets[i] == m.start and m.code for m, _ in view.mentions
            ):
                continue  # "on Monday", "of the Taliban"
            out.add(name.lower())
        return out

    def _facilities(self, view: View) -> set[str]:
        return self.lex.facilities.labels(view.words)

    def _join(self, scene: Scene, background: bool = False) -> Scene:
        """The article's earlier scene this one can be, or this one as a new scene of the article. A happening of
        the past joins only another of the same past."""
        scene.background = background
        for other in self.scenes:
            if other.background == background and scenes_agree(other, scene, same_article=True):
                other.places |= scene.places
                other.names |= scene.names
                other.points += scene.points
                other.participants |= scene.participants
                other.facilities |= scene.facilities
                other.family = other.family or scene.family
                other.window = other.window or scene.window
                other.country = other.country or scene.country
                other.place_shown = other.place_shown or scene.place_shown
                return other
        self.scenes.append(scene)
        return scene


def own_date(view: View, event: Event) -> TimeRef | None:
    """The date an event's own sentence gives it. Not one it takes from an earlier sentence of its paragraph (the
    scenes follow the paragraph themselves, and a year recalled before must not date what follows), nor
    "reported" (no expression dates it: only the publication date bounds it, the scene's `published`)."""
    date = event.date
    if date is None or date.precision == "reported":
        return None
    if date.start >= 0 and not view.start <= date.start < view.end:
        return None
    return date


def windows_meet(a: Window | None, b: Window | None, slack_days: int) -> bool:
    if a is None or b is None:
        return True
    slack = dt.timedelta(days=slack_days)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def places_agree(a: Scene, b: Scene, near_km: float = 40.0) -> bool | None:
    """True: one place; False: different places; None: nothing to tell (a side names none)."""
    if a.places and b.places:
        if a.places & b.places or a.places & b.regions or b.places & a.regions:
            return True  # one place, or a province and a place inside it ("North Darfur", "Zamzam camp")
        if a.points and b.points and min(km(p, q) for p in a.points for q in b.points) <= near_km:
            return True
        return bool(a.names & b.names)
    if a.names and b.names:
        return bool(a.names & b.names) or None
    return None


def scenes_agree(a: Scene, b: Scene, same_article: bool = False, slack_days: int = 3) -> bool:
    """Whether two scenes can be one incident: family, country, place, time and what was hit all compatible."""
    return scene_fit(a, b, same_article, slack_days) == "yes"


def scene_fit(a: Scene, b: Scene, same_article: bool = False, slack_days: int = 3) -> str:
    """ "no": different happenings (family, country, place or dates differ); "soft": nothing rules it out but they
    name different targets; "yes": one happening as far as the records tell."""
    if a.family and b.family and a.family != b.family:
        return "no"
    if a.country and b.country and a.country != b.country:
        return "no"
    place = places_agree(a, b)
    if place is False:
        return "no"
    if not windows_meet(a.window, b.window, slack_days):
        return "no"
    if (
        place is None
        and not same_article
        and not (a.participants & b.participants and a.family == b.family and a.family is not None)
    ):
        return "no"
    if a.facilities and b.facilities and not a.facilities & b.facilities:
        return "soft"
    return "yes"


# ------------------------------------------------------------------------------------------- frames
SLOTTED = frozenset({"toll", "attackers", "weapon", "perpetrator", "victims", "control", "whereabouts"})
# slots whose frames in a sentence say what a denial in it is about (see FrameBuilder._denials_of_a_slot)
DENIED_SLOTS = frozenset({"perpetrator", "control", "whereabouts"})
HARM_WORDS = frozenset(
    {
        "kill",
        "die",
        "dead",
        "death",
        "wound",
        "injure",
        "hit",
        "strike",
        "destroy",
        "explode",
        "explosion",
        "blast",
        "bomb",
        "shell",
        "attack",
        "damage",
        "fire",
        "massacre",
        "toll",
    }
)
BACKGROUND_DAYS = 30  # a happening dated this long before publication is background
NEAR = 10  # words between a responsibility phrase and the actor it names


def figure_shown(figure: Figure) -> str:
    """A figure as a reader compares it: its qualifier as written, its numbers in digits ("more than 200",
    "12" for "a dozen", "22" for "Twenty-two"); vague counts as written ("dozens")."""
    if figure.qualifier == "vague":
        return figure.text.lower()
    if figure.qualifier == "between":
        return f"between {figure.low} and {figure.high}"
    number = figure.low if figure.low is not None else figure.high
    words = figure.text.lower().split()
    qualifier = []
    for word in words:
        if any(ch.isdigit() for ch in word) or word in {"a", "an", "single", "lone"}:
            break
        qualifier.append(word)
    if figure.qualifier == "exact" or not qualifier:
        return str(number)
    return (
        " ".join([*qualifier[: max(1, len(qualifier))], str(number)])
        if len(qualifier) < len(words)
        else (f"{figure.qualifier.replace('_', ' ')} {number}")
    )


def event_figure(kind: FigureKind, value: int, text: str, start: int, end: int) -> Figure:
    """An event's count ("more than 30" read as 31) as a figure: its bound from the phrase it was read from."""
    phrase = " ".join(text.lower().split())
    bound = next((b for p, b in number_words().bounds.items() if phrase.startswith(p + " ")), None)
    if bound in ("at_least", "above"):
        return Figure(kind, value, None, "at_least", text, start, end)
    if bound == "about":
        return Figure(kind, value, value, "about", text, start, end)
    return Figure(kind, value, value, "exact", text, start, end)


def figure_range(figure: Figure) -> tuple[float, float]:
    """The numbers a figure allows: "at least 50" is 50 and up, "about 60" 48 to 72, "dozens" 24 to 99."""
    low, high = figure.low, figure.high
    if figure.qualifier == "at_least":
        return float(low or 0), INF
    if figure.qualifier == "at_most":
        return 0.0, float(high if high is not None else INF)
    if figure.qualifier == "about":
        value = float(low if low is not None else high or 0)
        return value * 0.8, value * 1.2
    return float(low if low is not None else 0), float(high if high is not None else low or 0)


class FrameBuilder(ArticleFrames):
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

    def _frame(
        self,
        view: View,
        slot: str,
        key: str,
        value: Any,
        shown: str,
        *,
        voice: Voice | None = None,
        speaker: str | None = None,
        start: int | None = None,
        kind: str | None = None,
        record: str | None = None,
        **extra: Any,
    ) -> Frame:
        at = view.start if start is None else start
        if voice is None:
            voice, speaker = self.voice_for(view, at)
        statement = next((st for st in view.statements if st.start <= at < st.end), None) or next(
            iter(view.statements), None
        )
        member_kind = kind or ("statement" if statement is not None else "sentence")
        record_id = record or (statement.id if statement is not None and member_kind == "statement" else None)
        evidence = None
        if member_kind == "statement" and statement is not None and statement.end > statement.start:
            evidence = (statement.start, statement.end)
        elif member_kind == "event" and record is not None:
            event = next((e for e in view.events if e.id == record), None)
            said = [st for st in view.statements if event and event.start <= st.start < event.end]
            if len(said) == 1 and len(view.events) == 1 and said[0].end > said[0].start:
                evidence = (said[0].start, said[0].end)  # a reported happening: what its one source said of it
            elif event is not None and event.end > event.start:
                evidence = (event.start, event.end)
        assert view.scene is not None
        frame = Frame(
            slot=slot,
            key=key,
            value=value,
            shown=shown,
            article_id=self.article.id,
            origin_id=self.origins.origin_at(self.article.id, view.start),
            outlet=self.article.outlet,
            published=self.article.published,
            wire=self._wire_of(view),
            start=view.start,
            end=view.end,
            text=self.article.text[view.start : view.end],
            member_kind=member_kind,
            record_id=record_id,
            voice=voice,
            scene=view.scene,
            speaker=speaker,
            evidence=evidence,
            **extra,
        )
        self.frames.append(frame)
        return frame

    def _wire_of(self, view: View) -> str | None:
        """The wire a sentence cites ("told Reuters"), else the article's; found once per sentence."""
        if view.wire is None:
            view.wire = cited_wire(self.article.text[view.start : view.end]) or self.wire or ""
        return view.wire or None

    # -- occurrence
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

    def surface(self, view: View, i: int, j: int) -> str:
        """Words i..j of a sentence as written."""
        end = view.offsets[j] if j < len(view.offsets) else view.end
        return self.article.text[view.offsets[i] : end].strip(" ,.;:'\"“”")

    def counted_surface(self, view: View, figure: Figure) -> str | None:
        at = view.word_at(figure.end)
        return self.surface(view, at, at + 1) if at < len(view.words) else None

    # -- weapons
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
    def _perpetrators(self, view: View) -> None:
        found: set[str] = set()
        matches = list(self.lex.responsibility.find(view.words))
        denied = [(i, j) for i, j, label in matches if label == "deny"]
        for i, j, label in matches:
            if label == "own" and any(di <= i <= dj for di, dj in denied):
                continue  # "denies carrying out the attack" owns nothing
            if any(w in self.lex.hedges for w in view.names[max(0, i - 3) : i]):  # as written: "May 25" is no modal
                continue  # "could have been fired by Putin's forces" asserts no one's part
            side_shown = self._responsible(view, i, j, label)
            if side_shown is None:
                continue
            value, shown = side_shown
            if value in found:
                continue
            found.add(value)
            claimant = self._claimant(view, i) if label in ("blame", "cause") else None
            self._frame(
                view,
                "perpetrator",
                "perpetrator",
                value,
                shown,
                start=view.offsets[i] if i < len(view.offsets) else view.start,
                cause=" ".join(view.words[i:j]) if label == "cause" else None,
                voice=claimant,  # None: the sentence's own
                speaker=claimant.shown if claimant else None,
            )
        subject = (
            view.subject
            if view.predicate in self.lex.violent_predicates and not view.negated and not self._hedged_predicate(view)
            else None
        )
        if subject is not None:
            first, last = view.word_at(subject[0]), view.word_at(subject[1])
            owner = view.words[first] if first < len(view.words) else ""
            spoken = self._speaker_side(view) if owner in {"its", "our", "their"} else None
            if spoken is not None and spoken[0] not in found and f"not:{spoken[0]}" not in found:
                # "the army said its soldiers killed the men": the speaker owns the deed
                found.add(spoken[0])
                self._frame(view, "perpetrator", "perpetrator", spoken[0], spoken[1])
        for event in view.events:
            if event.type not in self.lex.violent_types or event.status in ("denied", "planned", "hedged"):
                continue
            side = self.side_of_code(event.actor.actor) if event.actor else None
            if side is None or side in found or any(v.endswith(side) for v in found):
                continue
            found.add(side)
            voice, speaker = self.voice_for(view, event.start)
            self._frame(
                view,
                "perpetrator",
                "perpetrator",
                side,
                event.actor.name if event.actor else side,
                voice=voice,
                speaker=speaker,
                weak=True,
                target=self.side_of_code(event.target.actor) if event.target else None,
            )
        if subject is not None and not any(not v.startswith("not:") for v in found):
            # the parse's subject of a violent main verb, where no event names one ("soldiers killed them")
            actors = self.actors_between(view, first, last)
            if actors:
                _, side, shown = actors[0]
                self._frame(view, "perpetrator", "perpetrator", side, shown, weak=True)

    def _claimant(self, view: View, i: int) -> Voice | None:
        """Whose claim a blame at word i reports when the sentence reports someone's claim ("refutes Russian claims
        that the theatre was demolished by Ukrainian forces"): the claimant's, not the sentence's speaker's."""
        words = view.words
        for k in range(i - 1, max(0, i - 10), -1):
            if words[k] == "that" and words[k - 1] in self.lex.claim_nouns:
                named = self.actors_between(view, max(0, k - 4), k - 1)
                if named:
                    _, side, shown = named[-1]
                    return Voice(f"body:{side}", shown, True)
                return None
        return None

    def _responsible(self, view: View, i: int, j: int, label: str) -> tuple[str, str] | None:
        actors = self.actors_between(view, max(0, i - NEAR), min(len(view.words), j + NEAR))
        before = [a for a in actors if a[0] < i]
        after = [a for a in actors if a[0] >= j]
        inside = [a for a in actors if i <= a[0] < j]
        speaker = self._speaker_side(view)
        if label == "own" and i > 0 and view.words[i - 1] == "be":  # "was carried out by X" names X after
            by = [a for a in after if a[0] > 0 and view.words[a[0] - 1] == "by"]
            return (by[0][1], by[0][2]) if by else None
        if label == "own":
            who = before[-1] if before else None
            if who is None and speaker is not None:  # "said it carried out the bombing"
                return speaker
            return (who[1], who[2]) if who else None
        if label == "deed":
            doer = [a for a in before if a[0] >= i - 3]
            return (doer[-1][1], doer[-1][2]) if doer else None
        if label == "blame":
            who = after[0] if after else None
            if who is None or self._blamed_for_something_else(view, who[0]) or self._bare_class(view, who[0]):
                return None
            return who[1], who[2]
        if label == "deny":
            named = [a for a in inside + after if a[0] <= j + 2]
            if named and "claim" in view.words[i:j]:  # "dismissed the Khorasan Front's claim"
                return f"not:{named[0][1]}", f"not {named[0][2]}"
            if "claim" in view.words[i : j + 3]:
                # "Ukraine rejected the claim", "refuting Kremlin claims": someone else's claim, whatever it was
                # about, not a denial of one's own part
                return None
            # who denies: the actor named right before the denial ("as the Kremlin continued to deny involvement"),
            # else the speaker ("the ministry said ... denied")
            close = [a for a in before if a[0] >= i - 5 and not a[1].startswith("name:")]
            denier = (close[-1][1], close[-1][2]) if close else speaker or (before[-1][1:] if before else None)
            return (f"not:{denier[0]}", f"not {denier[1]}") if denier else None
        # a cause: the actor it names, else the cause itself ("a stampede")
        # the party a cause names: right before or inside it ("Ukraine's air defence"), or owning what it names
        # right after it ("secondary explosions of Hamas munitions"); not whoever the sentence names next
        owner = [a for a in after[:1] if a[0] <= j + 3 and {"of", "from", "by"} & set(view.words[j : a[0]])]
        named_inside = [a for a in inside if not self.dictionary.generics.get(view.words[a[0]])]  # not "aircraft"
        near = [a for a in named_inside + before if a[0] >= i - 3] or owner
        if near:
            return near[-1][1], near[-1][2]
        phrase = " ".join(view.words[i:j])
        return f"cause:{phrase}", phrase

    def _hedged_predicate(self, view: View) -> bool:
        """ "could have been fired by Russian forces": a main verb under a modal asserts no one's deed."""
        at = view.words.index(view.predicate) if view.predicate in view.words else -1
        return at > 0 and any(w in self.lex.hedges for w in view.names[max(0, at - 3) : at])  # not "May 25"

    def _bare_class(self, view: View, at: int) -> bool:
        """State forces with no side named before them ("hit by bullets from occupation forces", "shelled by
        tanks"): whose forces a blame means, the words do not say (they are rarely the incident country's own).
        Other classes keep their side ("accused rebels of killing villagers")."""
        word = view.words[at] if at < len(view.words) else ""
        generic = self.dictionary.generics.get(word)
        if generic is None or not generic.country_actor:
            return False
        return not any(self.side_of_word(w) for w in view.words[max(0, at - 2) : at])

    def _blamed_for_something_else(self, view: View, at: int) -> bool:
        """ "accused the army of staging videos": a blame whose deed ("of"/"for" what) is no harm blames no one for
        the attack. A blame without such a deed ("blamed Russia") is for the happening reported."""
        words = view.words
        deed = next((k + 1 for k in range(at + 1, min(at + 5, len(words))) if words[k] in ("of", "for")), None)
        if deed is None:
            return False
        harm = HARM_WORDS | self.lex.violent_predicates | frozenset(self.lex.setting("frames", "main")["deeds"])
        return not any(w in harm for w in words[deed : deed + 4])

    # -- control of a place

    def _control(self, view: View) -> None:
        place = self._place_of(view)
        captured_people = {view.word_at(f.start) for f in view.figures if f.kind == "captured"}
        for i, j, label in self.lex.control.find(view.words):
            if any(j <= k <= j + 3 for k in captured_people):
                continue  # "captured 300 soldiers": people, not a place
            if label == "capture" and any(w in self.lex.control_denials for w in view.words[max(0, i - 8) : i]):
                label = "contest"  # "denied that Russian forces had seized the town": the town is fought over
            value = self._controller(view, i, j, label)
            if value is None:
                continue
            named = self._named_in_phrase(view, i, j)
            where = (f"?/{named.lower()}", named) if named else self._place_near(view, j) or place
            if where is None:
                continue
            side, who = value
            text = {"capture": f"captured by {who}", "hold": f"held by {who}"}.get(label, "still fought over")
            self._frame(
                view,
                "control",
                where[0],
                side,
                text,
                stance=label,
                start=view.offsets[i] if i < len(view.offsets) else view.start,
            )
            return

    def _place_near(self, view: View, j: int) -> tuple[str, str] | None:
        """The place a control phrase is about: the nearest named after it ("took control of the town of X")."""
        at = view.offsets[j] if j < len(view.offsets) else view.end
        after = sorted((p for p in view.places if p.start >= at and place_key(p)), key=lambda p: p.start)
        if after and after[0].start - at <= 60:
            return place_key(after[0]) or "", after[0].name
        written = [
            view.names[k]
            for k in range(j, min(j + 8, len(view.words)))
            if view.names[k][:1].isupper() and view.words[k] in self._written_places(view)
        ]
        return (f"?/{written[0].lower()}", written[0]) if written else None

    def _named_in_phrase(self, view: View, i: int, j: int) -> str | None:
        """A capitalised name inside a control phrase's wildcard ("denied that Novoselivka had fallen") that is no
        actor and no country: the place the phrase is about."""
        for k in range(i, j):
            name = view.names[k]
            if k + 1 < len(view.words) and view.words[k + 1] == "'s":
                continue  # "denied Moscow's claims": who claims, not where
            if k == 0 and view.words[k] not in self._written_places(view):
                continue  # a sentence's first word is capitalised whatever it is ("Severe fighting is going on")
            if (
                name[:1].isupper()
                and not self.side_of_word(view.words[k])
                and not any(view.offsets[k] == m.start for m, _ in view.mentions)
            ):
                return name
        return None

    def _place_of(self, view: View) -> tuple[str, str] | None:
        places = [p for p in view.places if place_key(p)]
        if not places:
            places = [
                p
                for p in self.article.places
                if place_key(p) and p.name.lower() in (view.scene.names if view.scene else set())
            ]
        if places:
            return place_key(places[0]) or "", places[0].name
        written = sorted(self._written_places(view))
        if written:
            return f"?/{written[0]}", written[0].title()
        scene = view.scene
        if scene is not None and scene.places:
            return sorted(scene.places)[0], scene.place_shown or sorted(scene.places)[0]
        return None

    def _controller(self, view: View, i: int, j: int, label: str) -> tuple[str, str] | None:
        if label == "contest":
            return "contested", "nobody"
        actors = self.actors_between(view, max(0, i - NEAR), min(len(view.words), j + NEAR))
        before = [a for a in actors if a[0] < i]
        inside = [a for a in actors if i <= a[0] < j]
        after = [a for a in actors if a[0] >= j]
        country = view.scene.country if view.scene else None
        if label == "capture" and view.words[i] == "fall" and after:
            who: tuple[int, str, str] | None = after[0]
        elif inside:
            who = inside[0]
        elif label == "hold" and view.words[j - 1] == "of" and after:
            who = after[0]  # "in the hands of the military"
        else:
            who = before[-1] if before else None
        if who is None:
            nouns = view.words[j : j + 3] if view.words[i] == "fall" else view.words[max(0, i - 4) : i]
            if view.words[i] != "fall" and any(w in POSSESSIVES for w in nouns):
                # "the ministry said its forces had captured the town": the forces are the speaker's, not those
                # of the country the town is in
                return self._speaker_side(view)
            side = next((s for w in reversed(nouns) if (s := self.side_of_noun(w, country))), None)
            if side is None:
                spoken = self._speaker_side(view)
                return (spoken[0], spoken[1]) if spoken else None
            return side, side
        return who[1], who[2]

    # -- whereabouts of people
    def _whereabouts(self, view: View) -> None:
        persons = [(m, eid) for m, eid in view.mentions if (e := self.entities.get(eid)) and e.kind == "person"]
        for i, j, label in self.lex.whereabouts.find(view.words):
            who = self._person_before(view, persons, i)
            if who is None:
                continue
            eid, name = who
            end = view.offsets[j] if j < len(view.offsets) else view.end
            after = [p for p in view.places if end - 1 <= p.start <= end + 12]  # right after the phrase
            dest = (
                after[0]
                if after
                and (
                    label == "presence"
                    or view.words[j - 1] in {"to", "for", "in"}
                    or view.words[i] in self.lex.departure_verbs
                )
                else None
            )
            if label == "departure" or (
                dest is not None and dest.feature == "country" and view.words[i] in self.lex.departure_verbs
            ):
                value: tuple[Any, ...] = ("abroad", dest.country if dest is not None else None)
                shown = "left the country" + (
                    f" (to {dest.name})" if dest is not None and dest.feature == "country" else ""
                )
            elif dest is not None:
                value = ("at", place_key(dest) or dest.name.lower(), dest.lat, dest.lon, dest.country)
                shown = f"in {dest.canonical or dest.name}"
            else:
                continue
            self._frame(view, "whereabouts", eid, value, shown, start=view.offsets[i])
            self._last_person = (eid, name)

    def _person_before(self, view: View, persons: list[tuple[Mention, str]], i: int) -> tuple[str, str] | None:
        at = view.offsets[i] if i < len(view.offsets) else view.end
        before = [(m, eid) for m, eid in persons if m.start < at]
        if before:
            m, eid = before[-1]
            return eid, m.text
        if any(w in PRONOUNS for w in view.words[max(0, i - 3) : i]) or (
            view.subject is not None
            and any(w in PRONOUNS for w in self.article.text[view.subject[0] : view.subject[1]].lower().split())
        ):
            return self._recent_person(view)
        return None

    def _recent_person(self, view: View) -> tuple[str, str] | None:
        for other in reversed([v for v in self.views if v.start <= view.start]):
            for _, eid in reversed(other.mentions):
                entity = self.entities.get(eid)
                if entity is not None and entity.kind == "person":
                    return eid, entity.name
        return None

    # -- everything else a sentence states
    def _fact(self, view: View) -> None:
        proper = frozenset(w for w, n in zip(view.words, view.names, strict=True) if n[:1].isupper())
        words = frozenset(
            w
            for w in self.lex.canonical_words(view.words)
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
