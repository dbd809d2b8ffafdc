"""A short human summary of analysed articles, and the batch's one-line tally."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from fieldbrief.model import Article, Rejection


def tally_line(articles: int, rejections: Sequence[Rejection]) -> str:
    """'N articles, M rejected: code (count), ...' — the line every batch command ends with."""
    line = f"{articles} article{'s' if articles != 1 else ''}, {len(rejections)} rejected"
    if rejections:
        reasons = Counter(r.code for r in rejections)
        line += ": " + ", ".join(f"{code} ({n})" for code, n in reasons.most_common())
    return line


def article_summary(article: Article, max_items: int = 5) -> list[str]:
    """A few lines a person can read: what the article is, what was cleaned, what was found."""
    removed = Counter(r.kind for r in article.removed)
    head = f"{article.outlet or 'unknown outlet'} · {article.published or 'undated'} · {article.id}"
    lines = [article.title or article.text[:90].replace("\n", " ") + "…", f"  {head}  ({article.source})"]
    lines.append(f"  {publication_line(article)}")
    lines.append(
        f"  {len(article.text)} chars kept; removed: "
        + (", ".join(f"{n} {kind}" for kind, n in sorted(removed.items())) or "nothing")
        + f"; language {article.language}"
    )
    lines.append(
        f"  {len(article.statements)} statements, {len(article.events)} events, "
        f"{len(article.places)} place mentions, {len(article.times)} time expressions"
    )
    for statement in article.statements[:max_items]:
        lines.append(f"    {statement.speaker.name} ({statement.marked(statement.cue)}): {_short(statement.content)}")
    for event in article.events[:max_items]:
        actor = event.actor.name if event.actor else "?"
        where = f" in {event.place.canonical or event.place.name}" if event.place else ""
        lines.append(f"    {event.type} [{event.status}] {actor}{where}: {_short(event.evidence)}")
    for error in article.errors:
        lines.append(f"  ! stage {error.stage} failed: {error.error}")
    return lines


def publication_line(article: Article) -> str:
    """Where the publication date came from, or that there is none (relative dates then stay unresolved)."""
    if not article.published:
        return "publication date: none given and none in the text (relative dates left unresolved)"
    evidence = " + ".join(f"{e.field} {_short(e.text, 50)!r}" for e in article.published_evidence)
    return f"publication date: {article.published} ({article.published_from}: {evidence})"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
