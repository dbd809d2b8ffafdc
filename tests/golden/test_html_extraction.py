"""Main-text extraction on the 19 shared news pages: mean token F1 against the expected body >= 0.90."""

from __future__ import annotations

from pathlib import Path

from conftest import HTML, require
from fieldbrief.model import Article
from fieldbrief.pipeline import Pipeline
from scoring import token_f1

FLOOR = 0.90


def expected_pages() -> dict[Path, str]:
    base = require(HTML)
    pages = {
        p: p.with_suffix(".expected.txt").read_text(encoding="utf-8")
        for p in (base / "article-extraction-benchmark").glob("*.html")
    }
    for directory in sorted((base / "mozilla-readability").iterdir()):
        if directory.is_dir():
            pages[directory / "source.html"] = (directory / "expected.txt").read_text(encoding="utf-8")
    return pages


def test_extraction_floor(pipeline: Pipeline) -> None:
    pages = expected_pages()
    assert len(pages) == 19
    got = {Path(a.source): a for a in pipeline.run_paths([str(p) for p in sorted(pages)]) if isinstance(a, Article)}
    scores = {
        p.parent.name if p.name == "source.html" else p.name: token_f1(got[p].text if p in got else "", exp)
        for p, exp in pages.items()
    }
    mean = sum(scores.values()) / len(scores)
    print(f"shared HTML pages: mean token F1 {mean:.3f}; worst {min(scores, key=scores.__getitem__)}")
    assert mean >= FLOOR, scores


def test_html_metadata(pipeline: Pipeline) -> None:
    page = require(HTML) / "mozilla-readability" / "bbc-1" / "source.html"
    [article] = list(pipeline.run_paths([str(page)]))
    assert isinstance(article, Article)
    assert article.title and article.published and article.outlet
