"""Datelines and date lines in the styles wire services and press offices use (fictional reports)."""

from __future__ import annotations

import pytest

from fieldbrief.lexicon.calendar import find_dates
from fieldbrief.lexicon.datelines import (
    date_line,
    dateline_at,
    dateline_places,
    labelled_date,
    leading_date,
    release_numbers,
    wire_datelines,
)


@pytest.mark.parametrize(
    ("text", "place", "date", "credit"),
    [
        # press office, with and without the year
        ("KABUL, Afghanistan (Jan. 25, 2013)\nDuring a fictional raid ...", "KABUL", (2013, 1, 25), None),
        ("KABUL, Afghanistan (Sept. 1) - A fictional patrol ...", "KABUL", (None, 9, 1), None),
        ("KABUL, Afghanistan (Nov. 1. 2011)\nA fictional force ...", "KABUL", (2011, 11, 1), None),
        # Reuters: place, day and month, credit
        ("KYIV, April 8 (Reuters) - Fictional shelling hit ...", "KYIV", (None, 4, 8), "Reuters"),
        # AP: place and credit, no date
        ("WASHINGTON (AP) \u2014 A fictional senator said ...", "WASHINGTON", None, "AP"),
        ("GAZA CITY, Oct 12 (AP) \u2014 Fictional strikes ...", "GAZA CITY", (None, 10, 12), "AP"),
        ("HEMPSTEAD, N.Y., Sept. 26 (UPI) \u2014 A fictional candidate ...", "HEMPSTEAD", (None, 9, 26), "UPI"),
        # AFP writes the place in title case
        ("Kabul (AFP) - A fictional convoy ...", "Kabul", None, "AFP"),
        ("KABUL, Afghanistan (SEPT. 1) - A fictional patrol ...", "KABUL", (None, 9, 1), None),
    ],
)
def test_wire_and_press_office_datelines(
    text: str, place: str, date: tuple[int | None, int, int] | None, credit: str | None
) -> None:
    (found,) = wire_datelines(text)
    assert found.place is not None and text[found.place[0] : found.place[1]] == place
    assert found.credit == credit
    if date is None:
        assert found.date is None
    else:
        assert found.date is not None and (found.date.year, found.date.month, found.date.day) == date
        assert text[found.date.start : found.date.end].split()[0].rstrip(".").upper() in (
            "JAN",
            "SEPT",
            "APRIL",
            "NOV",
            "OCT",
        )


@pytest.mark.parametrize(
    ("text", "place", "credit", "date", "rest"),
    [
        # South Asian outlets: agencies (and the filing date) in parentheses, closed by a colon
        ("ISLAMABAD, Jan 13 (APP): A fictional minister said ...", "ISLAMABAD", "APP", (None, 1, 13), "A fictional"),
        (
            "Velgrad, Norland, (Daily Post / Vale News - 13th Jan, 2031 ) :Norland said on Friday ...",
            "Velgrad",
            "Daily Post / Vale News",
            (2031, 1, 13),
            "Norland said",
        ),
    ],
)
def test_datelines_closed_by_a_colon_after_the_credit(
    text: str, place: str, credit: str, date: tuple[int | None, int, int], rest: str
) -> None:
    (found,) = wire_datelines(text)
    assert found.place is not None and text[found.place[0] : found.place[1]] == place
    assert found.credit == credit
    assert found.date is not None and (found.date.year, found.date.month, found.date.day) == date
    assert text[found.end :].startswith(rest)


def test_a_colon_alone_closes_no_dateline() -> None:
    assert wire_datelines("The talks (in Geneva): a fictional account.") == []
    assert wire_datelines("WARNING: fictional strikes are expected.") == []


@pytest.mark.parametrize(
    "text",
    [
        "NEWS RELEASE\n\nA fictional release follows.",  # a heading in capitals is no dateline
        "U.S. - officials said nothing.",  # an initialism opening a sentence
        "The fictional ministry said on Monday that talks had failed.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert wire_datelines(text) == []


def test_dateline_places_and_dateline_at_share_one_parser() -> None:
    text = "Headline of a fictional story\nKHARKIV, March 10 - A rocket struck a fictional depot."
    (span,) = dateline_places(text)
    assert text[span[0] : span[1]] == "KHARKIV"
    start = text.index("KHARKIV")
    end = dateline_at(text, start, len(text))
    assert end is not None and text[end:].startswith("A rocket")


@pytest.mark.parametrize(
    ("line", "label", "date"),
    [
        ("Published: 25 January 2013", "published", (2013, 1, 25)),
        ("Updated 10:32 GMT, Jan 25, 2013", "updated", (2013, 1, 25)),
        ("Posted on January 25, 2013 by a fictional desk", "posted", (2013, 1, 25)),
        ("First published on Mon 23 Aug 2021 10.45 BST", "published", (2021, 8, 23)),
    ],
)
def test_labelled_date_lines(line: str, label: str, date: tuple[int, int, int]) -> None:
    found = labelled_date(line)
    assert found is not None and found.label == label and found.date is not None
    assert (found.date.year, found.date.month, found.date.day) == date


def test_a_line_that_is_a_date_and_a_leading_date() -> None:
    found = date_line("Monday 23 August 2021 10:45 BST | By A. Fictional")
    assert found is not None and found.date is not None and found.date.as_date() is not None
    assert date_line("Fictional forces took the town on August 15") is None  # a sentence, not a date line
    lead = leading_date("Apr. 23: Fictional operations in the east")
    assert (
        lead is not None and lead.date is not None and (lead.date.month, lead.date.day, lead.date.year) == (4, 23, None)
    )


def test_release_numbers_carry_year_and_month() -> None:
    found = release_numbers("2010-09-CA-005 For Immediate Release; also 2013-01-S-025 and 2009-12-CA\u2013072")
    assert [(n.year, n.month) for n in found] == [(2010, 9), (2013, 1), (2009, 12)]
    assert release_numbers("2013-13-S-025 is no release number") == []


def test_find_dates_settles_overlaps_and_skips_impossible_days() -> None:
    dates = find_dates("On 2021-08-15 and on Monday, August 23 2021, but not on 30 February 2021.")
    assert [(d.year, d.month, d.day) for d in dates] == [(2021, 8, 15), (2021, 8, 23)]


@pytest.mark.parametrize(
    ("text", "dateline", "place", "credit"),
    [
        # Scraped wire copy (fictional sentences): the dash lost, mangled, or the dateline run into a paragraph.
        ("FICTIONVILLE (AP) \ufffd A fictional militia said", "FICTIONVILLE (AP) \ufffd ", "FICTIONVILLE", "AP"),
        ("NEW FICTION CITY (AP) The fictional senate passed", "NEW FICTION CITY (AP)", "NEW FICTION CITY", "AP"),
        ("PORT IMAGINE (AP) &quot; An on-again talk", "PORT IMAGINE (AP) &quot; ", "PORT IMAGINE", "AP"),
        ("By A. Fictional. LAKETOWN (Reuters) - The owner", "LAKETOWN (Reuters) - ", "LAKETOWN", "Reuters"),
        ("an invented ending. RIVERTON, N.M. (AP) - Documents", "RIVERTON, N.M. (AP) - ", "RIVERTON", "AP"),
        ("(CNN) \u2014 After a fictional drought", "(CNN) \u2014 ", None, "CNN"),
    ],
)
def test_scraped_credit_datelines(text: str, dateline: str, place: str | None, credit: str) -> None:
    found = wire_datelines(text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == dateline and found[0].credit == credit
    assert (text[slice(*found[0].place)] if found[0].place else None) == place


@pytest.mark.parametrize(
    "text",
    [
        "He said so. FICTIONAL NATO (North Fictional Treaty) The alliance met",  # a credit nobody files under
        "FICTIONAL HEADLINE The army moved",  # capitals without a credit or a dash
        "(Fictional Photo) - a caption",  # a credit we do not know
    ],
)
def test_no_dateline_without_a_known_credit_where_the_form_is_loose(text: str) -> None:
    assert wire_datelines(text) == []
