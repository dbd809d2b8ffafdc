"""The publication date and its evidence, in order of trust (fictional releases and pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldbrief.clean import clean
from fieldbrief.clean.published import from_text, iso_date, publication_date
from fieldbrief.model import Article, RawDocument
from fieldbrief.options import Options
from fieldbrief.read import extract_main_text, read_paths

BODY = (
    "A fictional security force detained two suspected insurgents during an operation in the fictional district of "
    "Example yesterday. The force recovered weapons and ammunition at the scene, a fictional spokesman said."
)


def release(*header: str) -> str:
    return "\n\n".join([*header, BODY])


def test_press_office_dateline_with_its_year() -> None:
    text = release("2013-01-S-025", "KABUL, Afghanistan (Jan. 25, 2013)")
    found = from_text(None, text)
    assert found is not None and (found.date, found.source) == ("2013-01-25", "dateline")
    (evidence,) = found.evidence
    assert evidence.field == "text" and text[evidence.start : evidence.end] == "KABUL, Afghanistan (Jan. 25, 2013)"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (("2010-09-CA-005", "KABUL, Afghanistan (Sept. 1) -"), "2010-09-01"),
        # a release numbered in December, dated in January: the year turns
        (("2010-12-CA-090", "KABUL, Afghanistan (Jan. 2) -"), "2011-01-02"),
        # a release numbered in January, dated the last day of December: the year before
        (("2011-01-S-001", "KABUL, Afghanistan (Dec. 31) -"), "2010-12-31"),
        # a full date elsewhere in the header gives the year
        (("Fictional Command Morning Update, Feb. 21, 2011", "KABUL, Afghanistan (Feb. 21)"), "2011-02-21"),
    ],
)
def test_a_dateline_without_year_is_completed_from_the_document(header: tuple[str, ...], expected: str) -> None:
    text = release(*header)
    found = from_text(None, text)
    assert found is not None and (found.date, found.source) == (expected, "inferred")
    dateline, completion = found.evidence
    assert dateline.field == completion.field == "text"
    assert text[completion.start : completion.end] == completion.text  # the release number or the header date


def test_no_evidence_of_the_year_means_no_date() -> None:
    assert from_text(None, release("KABUL, Afghanistan (Feb. 07)")) is None  # never guessed from today's date
    assert from_text(None, release("For Immediate Release")) is None


def test_a_leading_date_in_the_headline_with_a_release_number() -> None:
    found = from_text("Apr. 23: Fictional operations in the east", release("2010-04-CA-067"))
    assert found is not None and (found.date, found.source) == ("2010-04-23", "inferred")
    assert [e.field for e in found.evidence] == ["title", "text"]


def test_labelled_lines_and_date_lines() -> None:
    text = "\n\n".join(["By A. Fictional", "Published: 25 January 2013", BODY, "Updated: 27 January 2013"])
    found = from_text("A fictional headline", text)
    assert found is not None and (found.date, found.source) == ("2013-01-25", "dateline")  # published before updated
    only_updated = from_text(None, "\n\n".join([BODY, "Last updated 27 January 2013 10:05 GMT"]))
    assert only_updated is not None and only_updated.date == "2013-01-27"
    line = from_text("A fictional headline", "\n\n".join(["Monday 23 August 2021 10:45 BST", BODY]))
    assert line is not None and line.date == "2021-08-23"


def test_a_fetch_date_completes_a_year_on_or_before_it() -> None:
    text = release("KYIV, Dec. 30 (Reuters) - Fictional shelling.")
    found = publication_date(None, text, fetched="2022-01-03")
    assert found is not None and (found.date, found.source) == ("2021-12-30", "inferred")
    assert found.evidence[-1].field == "warc"


def test_order_of_trust() -> None:
    text = release("KABUL, Afghanistan (Jan. 25, 2013)")
    given = publication_date(None, text, given="2013-01-20")
    assert given is not None and (given.date, given.source) == ("2013-01-20", "input")
    user = publication_date(None, text, given="2013-01-21", given_from="metadata", fallback="2013-01-22")
    assert user is not None and (user.date, user.source) == ("2013-01-22", "input")  # --published over metadata
    page = publication_date(None, text, given="2013-01-21T08:00:00Z", given_from="metadata")
    assert page is not None and (page.date, page.source) == ("2013-01-21", "metadata")


def test_given_dates_in_other_forms_and_never_relative() -> None:
    assert iso_date("2021-08-19T10:00:00Z") == "2021-08-19"
    assert iso_date("Thu, 19 Aug 2021 10:00:00 GMT") == "2021-08-19"
    assert iso_date("2021/08/19") == "2021-08-19"
    assert iso_date("3 hours ago") is None and iso_date("August 2021") is None and iso_date("not a date") is None


def test_clean_records_the_date_and_its_evidence() -> None:
    article = clean(RawDocument(source="t", text=release("2013-01-S-025", "KABUL, Afghanistan (Jan. 25)")), Options())
    assert isinstance(article, Article)
    assert (article.published, article.published_from) == ("2013-01-25", "inferred")
    record = article.to_json()
    assert record["published_from"] == "inferred" and len(record["published_evidence"]) == 2


PAGE = (
    "<html><head><title>Fictional clash</title><meta property='article:published_time' content='2024-03-05T09:00:00Z'>"
    "</head><body><article><h1>Fictional clash</h1>"
    + "".join(f"<p>{BODY} Paragraph {i} tells more of the fictional operation.</p>" for i in range(5))
    + "</article></body></html>"
)


def test_a_page_whose_only_date_is_in_its_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (raw,) = [extract_main_text(d) for d in read_paths([str(tmp_path / "page.html")])]
    assert isinstance(raw, RawDocument)
    article = clean(raw, Options())
    assert isinstance(article, Article)
    assert (article.published, article.published_from) == ("2024-03-05", "metadata")
    assert article.published_evidence[0].field == "metadata"


def test_a_year_in_the_body_is_no_publication_date(tmp_path: Path) -> None:
    # htmldate's extensive search would turn "in 2001" into 2001-01-01 and call it the page's metadata
    history = "<p>The fictional siege began in 2001, residents said, and the town never recovered.</p>"
    page = PAGE.replace("<meta property='article:published_time' content='2024-03-05T09:00:00Z'>", "")
    page = page.replace("</article>", history + "</article>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (raw,) = [extract_main_text(d) for d in read_paths([str(tmp_path / "page.html")])]
    assert isinstance(raw, RawDocument) and "2001" in (raw.text or "")
    article = clean(raw, Options())
    assert isinstance(article, Article)
    assert (article.published, article.published_from) == (None, None)
