"""The gazetteer builder's working records: a place being assembled (Row) with its names, the words around
division names, and the settings every part of the build shares."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from fieldbrief.extract.gazetteer.keys import NAME_MAIN, data_text, name_key

GEONAMES_SOURCE = "geonames"  # value of the source column for GeoNames populated places (CC BY 4.0)
MIN_MATCH_POPULATION = 15_000  # populated places below this are found only when NER tags them
VILLAGE_BELOW = 5_000  # populated places smaller than this are reported as villages
MAX_ALIAS_CHARS = 40
# a GeoNames alternate name of a town is matched in running text only when it is a spelling variant of the
# main name (rapidfuzz ratio, 0-100: "Avdiivka" for "Avdiyivka", "Kiev" for "Kyiv"), not a translation
SPELLING_VARIANT_RATIO = 75
# other alternate names (translations, historic names) are kept only for places at least this big
ALTERNATE_MIN_POPULATION = 100_000

CENTRE_TRIM = 0.01  # the share of a division's places left out at each end of its extent
# a GeoNames division record is the same division as ours when a name of each is this close (rapidfuzz, 0-100;
# "Lankaran" / "Lənkəran", "Khenj" / "Khenj District" by token set); codes GeoNames reassigned fail it
SAME_DIVISION_RATIO = 80
SAME_DIVISION_TOKEN_SET = 90
# letters NFKD does not decompose, folded before comparing division names
FOLD = str.maketrans({"ə": "a", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ħ": "h", "þ": "th"})

LATIN_NAME = re.compile(r"[a-z][a-z \-']{2,}")


@dataclass
class Row:
    """A place being assembled by the builder, with its names (key -> (matchable, kind))."""

    name: str
    feature: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None
    source: str
    capital: bool = False
    feature_code: str = ""
    admin2: str | None = None
    names: dict[str, tuple[bool, int]] = field(default_factory=dict)

    def add_name(self, text: str, matchable: bool, kind: int = NAME_MAIN) -> None:
        key = name_key(text)
        if not key:
            return
        old_matchable, old_kind = self.names.get(key, (matchable, kind))
        self.names[key] = (old_matchable or matchable, max(old_kind, kind))
        compact = key.replace(" ", "")
        if compact != key and compact not in self.names:
            self.names[compact] = (False, kind)


@dataclass(frozen=True)
class DivisionWords:
    """data/admin_divisions.toml: generic words around division names, and names never matched alone."""

    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    never_alone: frozenset[str]

    @classmethod
    def load(cls) -> DivisionWords:
        raw = tomllib.loads(data_text("admin_divisions.toml"))
        by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
        return cls(
            by_length(raw["prefixes"]), by_length(raw["suffixes"]), frozenset(name_key(w) for w in raw["never_alone"])
        )

    def proper_name(self, name: str) -> str:
        """The name without its generic word: "Basra Governorate" -> "Basra", "Muhafazat Kirkuk" -> "Kirkuk"."""
        lower = name.lower()
        for prefix in self.prefixes:
            if lower.startswith(prefix.lower() + " ") and len(name) > len(prefix) + 2:
                return name[len(prefix) + 1 :].strip()
        for suffix in self.suffixes:
            if lower.endswith(" " + suffix.lower()) and len(name) > len(suffix) + 2:
                return name[: -len(suffix) - 1].strip()
        return name

    def matchable(self, name: str) -> bool:
        key = name_key(name)
        return len(key) > 2 and key not in self.never_alone
