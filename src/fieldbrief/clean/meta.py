"""Article metadata: outlet (from URL, site name or telling furniture), publication date, title."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from fieldbrief.clean.paragraphs import ends_sentence


@dataclass(frozen=True)
class OutletIndex:
    by_domain: dict[str, str]
    by_name: dict[str, str]


@lru_cache(maxsize=1)
def load_outlets() -> OutletIndex:
    raw = resources.files("fieldbrief.data").joinpath("outlets.toml").read_text(encoding="utf-8")
    by_domain: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for outlet in tomllib.loads(raw)["outlet"]:
        for domain in outlet.get("domains", []):
            by_domain[domain.lower()] = outlet["name"]
        for name in [outlet["name"], *outlet.get("names", [])]:
            by_name[name.casefold()] = outlet["name"]
    return OutletIndex(by_domain, by_name)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    parts = host.split(".")
    index = load_outlets()
    for i in range(len(parts) - 1):
        name = index.by_domain.get(".".join(parts[i:]))
        if name:
            return name
    return None


def canonical_outlet(name: str | None) -> str | None:
    """A site name as the page gives it, mapped to our display name when we know the outlet."""
    if not name or not name.strip():
        return None
    return load_outlets().by_name.get(name.strip().casefold(), name.strip())


# A headline is short, has no sentence-final full stop, and is followed by the article.
HEADLINE_MAX_CHARS = 300
_NOT_HEADLINE_START = ("•", "-", "*", "–", "—", "by ", "updated", "published")


def looks_like_headline(first: str, rest: list[str]) -> bool:
    if not rest or len(first) > HEADLINE_MAX_CHARS or len(first.split()) < 3:
        return False
    if first.lower().startswith(_NOT_HEADLINE_START):
        return False
    return not ends_sentence(first) or first.endswith("?")
