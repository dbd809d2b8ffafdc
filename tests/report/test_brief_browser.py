"""The seeds' brief rendered to HTML and opened in a real headless browser (Debian's chromium), offline.

chromium is part of the test set-up (`make test` installs it): its absence fails the test, it never skips.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from lxml import html as lxml_html
from report_corpus import make_corpus

from chromium_support import CHROMIUM, OFFLINE_FLAGS, require
from fieldbrief.link import link_corpus
from fieldbrief.model import Article
from fieldbrief.report.brief import brief_html


def open_in_browser(page: Path, profile: Path, screenshot: Path) -> str:
    """The DOM chromium built from the page (and a screenshot of it)."""
    base = [require(CHROMIUM), *OFFLINE_FLAGS, f"--user-data-dir={profile}"]
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True)
    subprocess.run(
        [*base, "--window-size=1200,1600", f"--screenshot={screenshot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert screenshot.stat().st_size > 10_000
    return dom.stdout


def check_page(html: str, tmp_path: Path, name: str) -> lxml_html.HtmlElement:
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    dom = open_in_browser(page, tmp_path / "profile", tmp_path / f"{name}.png")
    assert "<svg" in dom and "Situation brief" in dom
    return lxml_html.fromstring(dom)


def test_seed_brief_in_browser(seed_articles: dict[str, Article], tmp_path: Path) -> None:
    articles = list(seed_articles.values())
    corpus = link_corpus(articles)
    located = {(e.place.lat, e.place.lon) for a in articles for e in a.events if e.place and e.place.lat is not None}
    assert located, "the seeds' events should have places with coordinates"
    root = check_page(brief_html(corpus), tmp_path, "seeds")
    circles = root.xpath("//*[local-name()='svg']//*[local-name()='circle'][@class='event']")
    assert len(circles) == len({(round(lat, 3), round(lon, 3)) for lat, lon in located})
    assert all(float(c.get("r")) > 0 for c in circles)
    contested = root.get_element_by_id("contested").text_content()
    assert "Nazary" in contested and "Mujahid" in contested
    corroborated = root.get_element_by_id("corroborated").text_content()
    assert "Daily Mail" in corroborated and "The Sun" in corroborated
    assert re.search(r"Contested: ", root.get_element_by_id("situation").text_content())


def test_fictional_brief_in_browser(tmp_path: Path) -> None:
    root = check_page(brief_html(make_corpus()), tmp_path, "fictional")
    assert len(root.xpath("//*[local-name()='circle'][@class='event']")) == 1
    assert "Varen Pass" in root.get_element_by_id("c-cl-pass").text_content()
