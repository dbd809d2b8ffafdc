"""The actor dictionary: who is who, under one code (data/actors.toml and data/outlets.toml, extendable with
`--actors FILE`). spaCy-free, so the extraction stages, linking and exports share one home for these facts.

The dictionary gives named actors (with aliases and, for people, the body they act for), per-country
governments, militaries and police (generated from [[country]] rows with their demonyms and metonyms), outlets,
and ACLED-style generic classes ("gunmen", "civilians"). Matching names in a parsed text is the extraction
layer's business (`fieldbrief.extract.actors` indexes `ActorDictionary.aliases` for it); here a whole name is
looked up (`lookup`), exactly or as a close spelling variant.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from fieldbrief.model import ActorRef

DICTIONARY_FILE = "actors.toml"
OUTLETS_FILE = "outlets.toml"
ARMED_TYPES = frozenset({"military", "military unit", "police", "rebel group", "militia", "unidentified armed group"})
STATE_ARMED_TYPES = frozenset({"military", "military unit", "police"})
PERSON_TYPES = frozenset({"official", "person"})
FUZZY_MIN_SCORE = 90  # rapidfuzz ratio for spelling variants not listed as aliases
FUZZY_MIN_CHARS = 6  # shorter names are matched exactly only (acronyms, short surnames)
MAX_KEPT_LOOKUPS = 100_000  # `lookup` answers kept per dictionary: a stream of any size keeps memory bounded


@dataclass(frozen=True)
class Period:
    """A government's period as ACLED names state actors after it: "2019-" from 2019-05-20 on."""

    label: str
    start: str  # ISO date, inclusive
    end: str | None = None  # ISO date, exclusive; None: still running

    def covers(self, date: str) -> bool:
        return self.start <= date and (self.end is None or date < self.end)


@dataclass(frozen=True)
class ActorEntry:
    code: str
    name: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    role: str | None = None
    member_of: str | None = None
    formerly_of: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()  # for a state's government, military and police: ACLED's periods

    @property
    def is_person(self) -> bool:
        return self.type in PERSON_TYPES

    def period_on(self, date: str | None) -> Period | None:
        """The period an ISO date falls in (None for an undated event or a date outside every period)."""
        return next((p for p in self.periods if p.covers(date)), None) if date else None


@dataclass(frozen=True)
class GenericClass:
    code: str
    name: str
    type: str
    terms: frozenset[str]
    country_actor: str | None = None


@dataclass(frozen=True)
class Alias:
    """One way of writing an actor's name: plain, a context alias (valid only where the actor is named in the
    same article: "the resistance") or a metonym (a capital standing for its government, an actor only as a
    subject)."""

    text: str
    code: str
    context: bool = False
    metonym: bool = False


@dataclass
class ActorDictionary:
    entries: dict[str, ActorEntry]
    generics: dict[str, GenericClass]  # term -> class
    demonyms: dict[str, str]  # lower-case demonym -> ISO2
    country_codes: dict[str, str]  # ISO2 -> ISO3
    aliases: list[Alias]
    agent_heads: frozenset[str]
    partitives: frozenset[str]
    fuzzy_names: list[str] = field(default_factory=list)
    fuzzy_codes: list[str] = field(default_factory=list)
    exact_names: dict[str, str] = field(default_factory=dict)  # normalised alias -> code
    _lookups: dict[str, ActorEntry | None] = field(default_factory=dict)  # names already looked up (per process)
    _answers: dict[str, ActorEntry | None] = field(default_factory=dict)  # `lookup` by name as written
    # indexes other layers derive from this dictionary once (the extraction layer's alias index): kept here so
    # they live as long as the dictionary does
    derived: dict[str, Any] = field(default_factory=dict)

    def acting_code(self, entry: ActorEntry) -> str:
        """The code of the body a person or unit acts for (Lavrov -> RUS-GOV); the entry's own otherwise."""
        if entry.is_person and entry.member_of and entry.member_of in self.entries:
            return entry.member_of
        return entry.code

    def actor_type(self, code: str | None) -> str | None:
        """The type of the actor a code names ("military", "rebel group", "civilians" for "CIV-SD"), if known."""
        if not code:
            return None
        entry = self.entries.get(code)
        if entry is not None:
            return entry.type
        generic = next((g for g in self.generics.values() if code == g.code or code.startswith(f"{g.code}-")), None)
        return generic.type if generic is not None else None

    def generic_named(self, name: str) -> GenericClass | None:
        """The generic class a whole name denotes: a term or the class's own name, in the singular or plural
        ("Rioters", "Unidentified Armed Group", "Civilians" -- ACLED writes its generic actors as names)."""
        key = normalise(name)
        for form in (key, key[:-1] if key.endswith("s") else key):
            gen = self.generics.get(form) or self.generic_names.get(form)
            if gen is not None:
                return gen
        return None

    @cached_property
    def generic_names(self) -> dict[str, GenericClass]:
        names: dict[str, GenericClass] = {}
        for gen in self.generics.values():
            name = normalise(gen.name)
            names[name] = gen
            names[name[:-1] if name.endswith("s") else name] = gen
        return names

    def country_actor(self, iso2: str, suffix: str) -> ActorEntry | None:
        iso3 = self.country_codes.get(iso2)
        return self.entries.get(f"{iso3}-{suffix}") if iso3 else None

    def lookup(self, name: str) -> ActorEntry | None:
        """A name as a whole (a speaker's name): exact alias, then a close spelling variant. Answers are kept per
        name as written (names recur within and across articles), at most MAX_KEPT_LOOKUPS of them."""
        if name in self._answers:
            return self._answers[name]
        if len(self._answers) >= MAX_KEPT_LOOKUPS:
            self._answers.clear()
        found = self._answers[name] = self._lookup(name)
        return found

    def _lookup(self, name: str) -> ActorEntry | None:
        key = normalise(name)
        if not key:
            return None
        code = self.exact_names.get(key) or self.exact_names.get(re.sub(r"^the ", "", key)) or self._owned(key)
        if code:
            return self.entries[code]
        if len(key) < FUZZY_MIN_CHARS or not self.fuzzy_names:
            return None
        if key not in self._lookups:  # fuzzy matching is the slow part; names recur across articles
            self._lookups[key] = self._fuzzy(key)
        return self._lookups[key]

    def _owned(self, key: str) -> str | None:
        """ "Israel's military", "Britain's Ministry of Defence": a country's body named with the country as owner
        is the body its demonym names ("Israeli military"), or a body of that country named alone."""
        m = re.match(r"^(?:the )?(.+?)'s (.+)$", key)
        iso2 = self.country_by_name.get(m[1]) if m else None
        if m is None or iso2 is None:
            return None
        for demonym in self.demonyms_of.get(iso2, ()):
            if code := self.exact_names.get(f"{demonym} {m[2]}"):
                return code
        code = self.exact_names.get(m[2])
        return code if code and self.entries[code].country == iso2 else None

    @cached_property
    def demonyms_of(self) -> dict[str, list[str]]:
        """ISO2 -> the country's demonyms (lower case)."""
        out: dict[str, list[str]] = {}
        for demonym, iso2 in self.demonyms.items():
            out.setdefault(iso2, []).append(demonym)
        return out

    @cached_property
    def country_by_name(self) -> dict[str, str]:
        """A country's names (lower case) -> its ISO2, from the governments the [[country]] rows generate."""
        return {
            normalise(alias): entry.country
            for entry in self.entries.values()
            if entry.code.endswith("-GOV") and entry.type == "government" and entry.country
            for alias in entry.aliases
        }

    def _fuzzy(self, key: str) -> ActorEntry | None:
        found = process.extract(key, self.fuzzy_names, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=5)
        for name, _, index in found:
            if given_names_agree(key, name):
                return self.entries[self.fuzzy_codes[index]]
        return None

    def is_armed(self, ref: ActorRef | None) -> bool:
        return bool(ref and ref.type in ARMED_TYPES)


def given_names_agree(a: str, b: str) -> bool:
    """ "Rahim Dashti" is not "Fahim Dashty": where both names have a given name, it must be spelled alike."""
    x, y = a.split(), b.split()
    if len(x) < 2 or len(y) < 2:
        return True
    return fuzz.ratio(x[0], y[0]) >= FUZZY_MIN_SCORE


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"'s$", "", text.strip())
    return re.sub(r"\s+", " ", text).lower()


# ------------------------------------------------------------------------------------------- loading
def _read_toml(path: Path | None, package_file: str | None = None) -> dict[str, Any]:
    if path is not None:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    assert package_file is not None
    text = resources.files("fieldbrief.data").joinpath(package_file).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _entry(row: dict[str, Any]) -> ActorEntry:
    return ActorEntry(
        code=str(row["code"]).upper(),
        name=str(row["name"]),
        type=str(row.get("type", "person")),
        country=row.get("country"),
        aliases=tuple(row.get("aliases", ())),
        context_aliases=tuple(row.get("context_aliases", ())),
        role=row.get("role"),
        member_of=row.get("member_of"),
        formerly_of=tuple(row.get("formerly_of", ())),
    )


def _country_entries(row: dict[str, Any]) -> list[tuple[ActorEntry, tuple[str, ...]]]:
    """The three actors a [[country]] row generates, each with its metonyms (capital-for-government)."""
    iso2, iso3, name = row["iso2"], row["iso3"], row["name"]
    periods = tuple(Period(p["label"], p["from"], p.get("until")) for p in row.get("acled_periods", ()))
    gov = ActorEntry(
        f"{iso3}-GOV",
        f"Government of {name}",
        "government",
        iso2,
        aliases=(name, *row.get("long_names", ())),
        periods=periods,
    )
    mil = ActorEntry(
        f"{iso3}-MIL",
        f"Military Forces of {name}",
        "military",
        iso2,
        aliases=tuple(row.get("armed_forces", ())),
        periods=periods,
    )
    pol = ActorEntry(f"{iso3}-POL", f"Police Forces of {name}", "police", iso2, periods=periods)
    return [(gov, tuple(row.get("metonyms", ()))), (mil, ()), (pol, ())]


def _outlet_entries() -> list[ActorEntry]:
    try:
        data = _read_toml(None, OUTLETS_FILE)
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        return []
    out = []
    for row in data.get("outlet", []):
        slug = re.sub(r"[^A-Z0-9]+", "", str(row["name"]).upper())
        out.append(ActorEntry(f"OUT-{slug}", row["name"], "outlet", aliases=tuple(row.get("names", ()))))
    return out


def load_dictionary(user_file: Path | None = None) -> ActorDictionary:
    """The shipped dictionary merged with the user's (same code: the user's entry wins)."""
    shipped = _read_toml(None, DICTIONARY_FILE)
    layers = [shipped] + ([_read_toml(user_file)] if user_file else [])
    entries: dict[str, ActorEntry] = {e.code: e for e in _outlet_entries()}
    metonyms: dict[str, tuple[str, ...]] = {}
    generics: dict[str, GenericClass] = {}
    demonyms: dict[str, str] = {}
    countries: dict[str, str] = {}
    agent_heads: set[str] = set()
    partitives: set[str] = set()
    for layer in layers:
        for row in layer.get("country", []):
            countries[row["iso2"]] = row["iso3"]
            for dem in row.get("demonyms", ()):
                demonyms[dem.lower()] = row["iso2"]
            for entry, mets in _country_entries(row):
                entries[entry.code] = entry
                metonyms[entry.code] = mets
        for row in layer.get("actor", []):
            entry = _entry(row)
            entries[entry.code] = entry
        for row in layer.get("generic", []):
            gen = GenericClass(
                row["code"],
                row["name"],
                row["type"],
                frozenset(t.lower() for t in row["terms"]),
                row.get("country_actor"),
            )
            for term in gen.terms:
                generics[term] = gen
        agent_heads.update(layer.get("agent_heads", ()))
        partitives.update(layer.get("partitives", ()))
    aliases: list[Alias] = []
    for entry in entries.values():  # in this order: an earlier alias wins over an equally long later one
        aliases += [Alias(text, entry.code) for text in (entry.name, *entry.aliases)]
        aliases += [Alias(text, entry.code, context=True) for text in entry.context_aliases]
        aliases += [Alias(text, entry.code, metonym=True) for text in metonyms.get(entry.code, ())]
    exact: dict[str, str] = {}
    for alias in aliases:
        if not alias.context and not alias.metonym:
            exact.setdefault(normalise(alias.text), alias.code)
    fuzzy = [(k, c) for k, c in exact.items() if len(k) >= FUZZY_MIN_CHARS]
    return ActorDictionary(
        entries=entries,
        generics=generics,
        demonyms=demonyms,
        country_codes=countries,
        aliases=aliases,
        agent_heads=frozenset(agent_heads),
        partitives=frozenset(partitives),
        fuzzy_names=[k for k, _ in fuzzy],
        fuzzy_codes=[c for _, c in fuzzy],
        exact_names=exact,
    )
