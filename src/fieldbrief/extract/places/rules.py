"""The rules of the places stage, parsed once per process from data/places.toml, data/demonyms.tsv and the
speech verbs of data/cues.toml (a place that speaks is a government, not a place)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources

from fieldbrief.extract.gazetteer import name_key, read_tsv


@dataclass(frozen=True)
class PlaceRules:
    """data/places.toml and data/demonyms.tsv, parsed once per process."""

    cue_features: dict[str, frozenset[str]]  # cue word -> feature types it points to
    back_reference: dict[str, str]  # "valley" -> feature
    back_reference_chars: int
    direction_words: frozenset[str]
    exact_label_min_population: int
    party_letters: frozenset[str]  # "D", "R" of "D-Pa.": a division after one is a politician's state
    connectors: frozenset[str]
    org_heads: frozenset[str]
    never_alone: frozenset[str]  # name keys
    demonyms: dict[str, str]  # lower-case demonym -> ISO2
    region_demonyms: dict[str, str]  # lower-case demonym -> name key of its region ("european" -> "europe")
    scoring: dict[str, float]
    feature_prior: dict[str, float]
    name_kind_penalty: dict[int, float]  # gazetteer name kind -> penalty
    foreign: dict[str, float]  # when a winner in a country outside the article's focus is trusted
    locatives: frozenset[str]  # prepositions of a place-like context ("in", "at", "near")
    person_major_population: int
    common_words: frozenset[str]  # name keys of towns that are mostly ordinary words
    generic_words: frozenset[str]  # nouns of facilities: "Airport", "City Park" are no towns
    landmarks: dict[str, tuple[str, str]]  # name key -> (city name key, ISO2)
    landmark_starts: frozenset[str]  # first words of the landmarks' keys
    agent_verbs: frozenset[str]  # lemmas whose subject is an agent: "Moscow said", "China imposed"
    agent_heads: frozenset[str]  # nouns a place name modifies as an institution: "Russia's foreign ministry"
    feature_code_prior: dict[str, float]  # GeoNames feature code -> prior adjustment
    relation_prepositions: frozenset[str]  # "talks with Washington"
    relation_heads: frozenset[str]
    place_heads: frozenset[str]  # nouns a demonym modifies as a place: "the Syrian border"
    # first words of the demonyms of several words ("sri" of "sri lankan"), built from demonyms and region_demonyms:
    # only a word among them can start a demonym of two words
    demonym_firsts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        spaced = [d for d in (*self.demonyms, *self.region_demonyms) if " " in d]
        object.__setattr__(self, "demonym_firsts", frozenset(d.split(" ")[0] for d in spaced))


def _cue_features(raw: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    cue_features: dict[str, set[str]] = {}
    for feature, words in raw.items():
        for word in words:
            cue_features.setdefault(word.lower(), set()).add(feature)
    return {w: frozenset(f) for w, f in cue_features.items()}


def _speech_verbs() -> frozenset[str]:
    cues = tomllib.loads(resources.files("fieldbrief.data").joinpath("cues.toml").read_text("utf-8"))
    return frozenset(cues["verbs"]["clause"]) | frozenset(cues["verbs"]["belief"])


def load_rules() -> PlaceRules:
    raw = tomllib.loads(resources.files("fieldbrief.data").joinpath("places.toml").read_text("utf-8"))
    words = raw["mentions"]
    roles = raw["roles"]
    scoring = {k: float(v) for k, v in raw["scoring"].items() if not isinstance(v, dict)}
    return PlaceRules(
        cue_features=_cue_features(raw["feature_cues"]),
        back_reference=dict(raw["back_reference"]["words"]),
        back_reference_chars=int(raw["back_reference"]["max_chars"]),
        direction_words=frozenset(w.lower() for w in words["direction_words"]),
        exact_label_min_population=int(words["exact_label_min_population"]),
        party_letters=frozenset(words["party_letters"]),
        connectors=frozenset(w.lower() for w in words["name_connectors"]),
        org_heads=frozenset(words["org_heads"]),
        never_alone=frozenset(name_key(w) for w in words["never_alone"]),
        demonyms={row["demonym"].lower(): row["country"] for row in read_tsv("demonyms.tsv") if row["country"]},
        region_demonyms={
            row["demonym"].lower(): name_key(row["place"]) for row in read_tsv("demonyms.tsv") if row.get("place")
        },
        scoring=scoring,
        feature_prior={k: float(v) for k, v in raw["scoring"]["feature_prior"].items()},
        name_kind_penalty={int(k): float(v) for k, v in raw["scoring"]["name_kind_penalty"].items()},
        foreign={k: float(v) for k, v in raw["scoring"]["foreign"].items()},
        locatives=frozenset(w.lower() for w in words["locative_prepositions"]),
        person_major_population=int(words["person_major_population"]),
        common_words=frozenset(name_key(w) for w in words["common_words"]),
        generic_words=frozenset(name_key(w) for w in words["generic_words"]),
        landmarks={name_key(name): _city_country(value) for name, value in raw["landmarks"].items()},
        landmark_starts=frozenset(name_key(name).split(" ")[0] for name in raw["landmarks"]),
        agent_verbs=_speech_verbs() | frozenset(roles["agent_verbs"]),
        agent_heads=frozenset(w.lower() for w in roles["agent_heads"]),
        feature_code_prior={k: float(v) for k, v in raw["scoring"]["feature_code_prior"].items()},
        relation_prepositions=frozenset(roles["relation_prepositions"]),
        relation_heads=frozenset(roles["relation_heads"]),
        place_heads=frozenset(roles["place_heads"]),
    )


def _city_country(value: str) -> tuple[str, str]:
    city, _, country = value.partition("|")
    return name_key(city), country.strip()
