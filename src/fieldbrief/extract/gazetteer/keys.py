"""Name keys: how a place name is normalised for lookup, and the kinds of names the gazetteer stores."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

# the kind of a name (stored per name; resolution trusts main names most). A qualifier is an abbreviation that
# names its division only after a place and a comma ("Springfield, Pa."): alone it is a word or another place
NAME_MAIN, NAME_VARIANT, NAME_ALTERNATE, NAME_QUALIFIER = 2, 1, 0, -1

_ACRONYM = re.compile(r"(?:[A-Z]\.){2,4}|[A-Z]{2,4}")
_QUOTES = re.compile(r"[’'`ʿʾ‘ʼ]")
_SEPARATORS = re.compile(r"[\-‐‑–—_.,/]+")


@lru_cache(maxsize=1 << 16)  # the same few thousand names recur in every article: fold each once per process
def name_key(text: str) -> str:
    """The lookup key of a place name: case, diacritics, hyphens, apostrophes and a leading "the" ignored.

    Short all-capital acronyms ("US", "U.S.", "UAE", "N.S.W.") keep their case (prefixed "="), so that the
    pronoun "us" and the word "car" never look like places.
    """
    stripped = text.strip()
    if _ACRONYM.fullmatch(stripped):
        return "=" + stripped.replace(".", "")
    folded = unicodedata.normalize("NFKD", stripped)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = _SEPARATORS.sub(" ", _QUOTES.sub("", folded))
    words = folded.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def data_text(name: str) -> str:
    return resources.files("fieldbrief.data").joinpath(name).read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header line; lines starting with # are comments."""
    lines = [ln for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, (cell.strip() for cell in ln.split("\t")), strict=False)) for ln in lines[1:]]
