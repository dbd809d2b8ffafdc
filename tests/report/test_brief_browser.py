"""The seeds' brief rendered to HTML and opened in a real headless browser (Debian's chromium), offline.

chromium is part of the test set-up (`make test` installs it): its absence fails the test, it never skips.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html
from report_corpus import make_corpus

from fieldbrief.model import Article, Claim, ClaimMember, Corpus
from fieldbrief.report.brief import brief_html

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",  # nothing listens there: any network request would fail
)


def chromium() -> str:
    path = shutil.which(CHROMIUM)
    if path is None:
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does) to check the brief")
    return path


def open_in_browser(page: Path, profile: Path, screenshot: Path) -> str:
    """The DOM chromium built from the page (and a screenshot of it)."""
    base = [chromium(), *FLAGS, f"--user-data-dir={profile}"]
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True)
    subprocess.run([*base, "--window-size=1200,1600", f"--screenshot={screenshot}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert screenshot.stat().st_size > 10_000
    return dom.stdout


def sentence_with(article: Article, word: str) -> tuple[int, int]:
    """The sentence of the article that names `word` (for a claim made by hand until the link stage lands)."""
    at = article.text.index(word)
    start = max(article.text.rfind(". ", 0, at) + 2, article.text.rfind("\n", 0, at) + 1)
    end = article.text.find(".", at) + 1
    return start, end


def seeds_corpus(articles: list[Article]) -> Corpus:
    # TODO(report): use fieldbrief.link.link_corpus once the link package lands
    sides = []
    for name, side in (("Nazary", "affirms"), ("Mujahid", "disputes")):
        article = next(a for a in articles if name in a.text)
        start, end = sentence_with(article, name)
        sides.append(ClaimMember(article.id, article.id, article.outlet, "sentence", None, article.text[start:end],
                                 start, end, side, name))  # type: ignore[arg-type]
    claim = Claim("seeds-contested", "Whether the Taliban attacked Panjshir", "event", "contested", sides,
                  sorted({m.article_id for m in sides}), why="attack repelled vs no fighting yet")
    return Corpus(articles, claims=[claim])


def check_page(html: str, tmp_path: Path, name: str) -> lxml_html.HtmlElement:
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    dom = open_in_browser(page, tmp_path / "profile", tmp_path / f"{name}.png")
    assert "<svg" in dom and "Situation brief" in dom
    return lxml_html.fromstring(dom)


def test_seed_brief_in_browser(seed_articles: dict[str, Article], tmp_path: Path) -> None:
    articles = list(seed_articles.values())
    corpus = seeds_corpus(articles)
    located = {(e.place.lat, e.place.lon) for a in articles for e in a.events if e.place and e.place.lat is not None}
    assert located, "the seeds' events should have places with coordinates"
    root = check_page(brief_html(corpus), tmp_path, "seeds")
    circles = root.xpath("//*[local-name()='svg']//*[local-name()='circle'][@class='event']")
    assert len(circles) == len({(round(lat, 3), round(lon, 3)) for lat, lon in located})
    assert all(float(c.get("r")) > 0 for c in circles)
    contested = root.get_element_by_id("contested").text_content()
    assert "Nazary" in contested and "Mujahid" in contested
    assert re.search(r"Contested: ", root.get_element_by_id("situation").text_content())


def test_fictional_brief_in_browser(tmp_path: Path) -> None:
    root = check_page(brief_html(make_corpus()), tmp_path, "fictional")
    assert len(root.xpath("//*[local-name()='circle'][@class='event']")) == 1
    assert "Varen Pass" in root.get_element_by_id("c-cl-pass").text_content()
