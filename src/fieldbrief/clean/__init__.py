"""Cleaning already-scraped text: repeated paragraphs, captions, site furniture, metadata.

Every paragraph that leaves the body is recorded in `Article.removed` with its kind and the rule that
removed it, so an analyst can audit what the cleaner did; nothing disappears silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from fieldbrief.clean.boilerplate import Furniture, load_furniture, match_pattern
from fieldbrief.clean.language import detect_language
from fieldbrief.clean.meta import (
    canonical_outlet,
    looks_like_headline,
    outlet_from_url,
)
from fieldbrief.clean.paragraphs import ends_sentence, paragraph_key, split_paragraphs
from fieldbrief.clean.published import publication_date
from fieldbrief.model import Article, RawDocument, Rejection, Removal
from fieldbrief.options import Options

# An unpunctuated line that restates a body sentence this closely is a caption ("restating" captions).
RESTATE_SIMILARITY = 92
RESTATE_MIN_CHARS = 40
_BULLETS = ("•", "-", "*", "–", "—", "·")


@dataclass
class _Sorting:
    """The running state of one article's paragraphs as they are kept or removed."""

    kept: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    seen: dict[str, bool] = field(default_factory=dict)  # paragraph key -> whether its first copy was kept
    outlet_hint: str | None = None


def clean(raw: RawDocument, options: Options, learned: dict[str, set[str]] | None = None) -> Article | Rejection:
    """Turn one RawDocument (text already extracted) into an Article, or reject it with a reason."""
    paragraphs = split_paragraphs(raw.text or "")
    if not paragraphs:
        return Rejection(raw.source, "empty", "no text after whitespace normalisation")
    title = raw.title.strip() if raw.title and raw.title.strip() else None
    if title is None and looks_like_headline(paragraphs[0], paragraphs[1:]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    outlet = outlet_from_url(raw.url) or canonical_outlet(raw.outlet)
    sorting = sort_paragraphs(paragraphs, load_furniture(), (learned or {}).get(outlet or "", set()))
    text = "\n\n".join(sorting.kept)
    if len(text) < options.min_chars:
        return Rejection(raw.source, "empty", f"only {len(text)} characters of article text after cleaning")
    publication = publication_date(title, text, raw.published, raw.published_from, options.published, raw.fetched)
    return Article(
        source=raw.source,
        text=text,
        url=raw.url,
        title=title,
        outlet=outlet or sorting.outlet_hint or options.outlet,
        published=publication.date if publication else None,
        published_from=publication.source if publication else None,
        published_evidence=list(publication.evidence) if publication else [],
        language=detect_language(text),
        removed=sorting.removed,
    )


def sort_paragraphs(paragraphs: Sequence[str], furniture: Furniture, learned: set[str]) -> _Sorting:
    """Decide for each paragraph: keep, or remove as boilerplate, caption or duplicate."""
    sorting = _Sorting()
    keys = [paragraph_key(p) for p in paragraphs]
    repeats = Counter(keys)
    sentences = [k for p, k in zip(paragraphs, keys, strict=True) if ends_sentence(p)]
    for paragraph, key in zip(paragraphs, keys, strict=True):
        pattern = match_pattern(paragraph, furniture)
        if sorting.seen.get(key) and not ends_sentence(paragraph):
            sorting.removed.append(Removal("caption", paragraph, "restates-body-sentence"))
        elif key in sorting.seen:
            sorting.removed.append(Removal("duplicate", paragraph, "repeated-paragraph"))
        elif pattern is not None:
            sorting.removed.append(Removal(pattern.kind, paragraph, f"pattern:{pattern.name}"))  # type: ignore[arg-type]
            sorting.outlet_hint = sorting.outlet_hint or pattern.outlet
        elif key in learned:
            sorting.removed.append(Removal("boilerplate", paragraph, "learned:recurs-across-outlet"))
        elif (reason := caption_reason(paragraph, key, repeats[key], sentences, furniture)) is not None:
            sorting.removed.append(Removal("caption", paragraph, reason))
        else:
            sorting.kept.append(paragraph)
            sorting.seen.setdefault(key, True)
        sorting.seen.setdefault(key, False)
    return sorting


def caption_reason(paragraph: str, key: str, copies: int, sentences: list[str], furniture: Furniture) -> str | None:
    """Why an unpunctuated line is a photo caption, or None when it is not one.

    Captions carry no final full stop; scrapes of some sites print each one twice, mark them
    "(pictured)"/"(stock image)", or repeat a body sentence under the photo.
    """
    if ends_sentence(paragraph) or paragraph.startswith(_BULLETS):
        return None
    if any(marker in key for marker in furniture.caption_markers):
        return "caption-marker"
    if copies > 1:
        return "repeated-unpunctuated-line"
    # score_cutoff lets rapidfuzz skip alignments that cannot reach the bar (the same answer, ~4x faster).
    if len(key) >= RESTATE_MIN_CHARS and any(
        key != s and (key in s or fuzz.partial_ratio(key, s, score_cutoff=RESTATE_SIMILARITY) >= RESTATE_SIMILARITY)
        for s in sentences
    ):
        return "restates-body-sentence"
    return None


__all__ = ["clean", "sort_paragraphs", "caption_reason"]
