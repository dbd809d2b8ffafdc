"""Cleaning: repeated paragraphs, captions, furniture, learned furniture, metadata; all removals recorded."""

from __future__ import annotations

import pytest

from fieldbrief.clean import clean, language
from fieldbrief.clean.boilerplate import learn_recurring_lines
from fieldbrief.clean.language import detect_language
from fieldbrief.clean.paragraphs import normalise_whitespace, paragraph_key, split_paragraphs
from fieldbrief.model import Article, RawDocument
from fieldbrief.options import Options

# Fictional scraped article written for these tests, with the debris real scrapes carry.
BODY = [
    "Fictional militia leaders said on Monday they had taken the hill town of Example after two days of fighting.",
    "The regional governor denied that the town had fallen, saying troops still held the market.",
    "Aid agencies said hundreds of families had fled towards the coast.",
]
SCRAPE = "\n\n".join(
    [
        "Militia claims hill town as governor denies its fall",
        BODY[0],
        "Fighters from the militia ride through the hills near Example (stock image)",
        "Fighters from the militia ride through the hills near Example (stock image)",
        BODY[1],
        "Pictured: Families leave Example on foot",
        "Pictured: Families leave Example on foot",
        "The regional governor denied that the town had fallen, saying troops still held the market",
        BODY[2],
        BODY[2],
        "Most read in THE SUN",
        "Share this article",
        "By posting your comment you agree to our house rules.",
    ]
)


def cleaned(text: str, **raw: str) -> Article:
    article = clean(RawDocument(source="test", text=text, **raw), Options())
    assert isinstance(article, Article)
    return article


def test_body_kept_once_and_everything_removed_is_recorded() -> None:
    article = cleaned(SCRAPE)
    assert article.text == "\n\n".join(BODY)
    kinds = [(r.kind, r.text) for r in article.removed]
    assert ("caption", "Pictured: Families leave Example on foot") in kinds
    assert ("caption", "Fighters from the militia ride through the hills near Example (stock image)") in kinds
    assert (
        "caption",
        "The regional governor denied that the town had fallen, saying troops still held the market",
    ) in kinds
    assert ("duplicate", BODY[2]) in kinds
    assert ("boilerplate", "Most read in THE SUN") in kinds
    assert ("boilerplate", "Share this article") in kinds
    # nothing disappears silently: every input paragraph is either kept, the title, or recorded
    paragraphs = [p for p in SCRAPE.split("\n\n")]
    assert len(paragraphs) == len(BODY) + 1 + len(article.removed)


def test_headline_becomes_title_and_outlet_from_furniture() -> None:
    article = cleaned(SCRAPE)
    assert article.title == "Militia claims hill town as governor denies its fall"
    assert article.outlet == "The Sun"


def test_lede_with_full_stop_is_not_a_title() -> None:
    article = cleaned("\n".join(BODY))
    assert article.title is None and article.text.startswith(BODY[0])


def test_metadata_from_container_wins() -> None:
    article = cleaned(
        "\n".join(BODY),
        url="https://www.dailymail.co.uk/news/x.html",
        published="2021-08-19T10:00:00Z",
        title="Given title",
    )
    assert (article.outlet, article.published, article.title) == ("Daily Mail", "2021-08-19", "Given title")


def test_published_fallback_option_and_language() -> None:
    article = clean(RawDocument(source="t", text="\n".join(BODY)), Options(published="2024-05-01"))
    assert isinstance(article, Article) and article.published == "2024-05-01" and article.language == "en"
    french = cleaned(
        "Les combattants de la résistance ont juré de poursuivre leur lutte contre les talibans "
        "dans la vallée, selon des responsables locaux interrogés lundi."
    )
    assert french.language == "fr"


def test_short_english_reports_are_english_whatever_the_identifier_guesses() -> None:
    # py3langid alone calls the first of these Nigerian Pidgin; the function-word guard keeps it English.
    for report in (
        "On 2 April 2023, gunmen kidnapped 20 students from a school in Zamfara.",
        "On 9 June 2024, militants shelled a checkpoint near the river crossing.",
        "On 14 June 2031, Unidentified Armed Group (Nigeria) attacked villagers in Bokkos (Plateau), killing 11.",
        "On 16 October 2031, Unidentified Armed Group (Nigeria) attacked villagers in Bokkos (Plateau), killing 14 "
        "civilians.",
    ):
        assert detect_language(report) == "en", report
    assert detect_language("El ejército recuperó el control de la ciudad el martes, dijo un portavoz.") == "es"
    assert detect_language("Die Armee hat die Stadt am Dienstag zurückerobert, sagte der Sprecher.") == "de"
    assert detect_language("Militer menyerang desa di Sagaing, menewaskan 5 warga sipil.") in {"id", "ms"}


def _identifier_first(text: str) -> str:
    """The rule as it was written before the guard went first: the identifier, then the guard."""
    sample = text[: language.SAMPLE_CHARS]
    ranked = language._identifier().rank(sample)
    if ranked[0][0] == "en":
        return "en"
    guard = language._guard()
    english = sum(p for lang, p in ranked if lang == "en" or lang in guard.english_based)
    return "en" if english >= guard.min_probability or guard.looks_english(sample) else str(ranked[0][0])


def test_plain_english_needs_no_identifier_and_answers_stay_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "\n".join(BODY),
        "On 2 April 2023, gunmen kidnapped 20 students from a school in Zamfara.",
        "Unidentified Armed Group (Nigeria) attacked villagers in Bokkos (Plateau)",
        "Les combattants ont juré de poursuivre leur lutte dans la vallée, selon des responsables locaux.",
        "El ejército recuperó el control de la ciudad el martes, dijo un portavoz.",
        "The army said: « Nous tenons la ville », and the mayor of the town agreed with them.",
    ]
    assert [detect_language(t) for t in texts] == [_identifier_first(t) for t in texts]

    def no_identifier() -> None:
        raise AssertionError("the identifier was asked about plain English")

    monkeypatch.setattr(language, "_identifier", no_identifier)
    assert detect_language("\n".join(BODY)) == "en"


def test_paragraph_keys_ignore_quote_style_case_and_final_punctuation() -> None:
    assert paragraph_key("\u201cWe hold the bridge,\u201d the commander\u2019s aide said.") == paragraph_key(
        '"we hold the bridge," the commander\'s aide said'
    )


def test_body_sentence_with_pictured_marker_is_kept() -> None:
    sentence = "The commander (pictured) said his men would hold the bridge until reinforcements arrived."
    assert cleaned(sentence + "\n" + BODY[0]).text.startswith(sentence)


def test_whitespace_normalised() -> None:
    assert normalise_whitespace("a\u00a0 b\r\n\u200bc\t d ") == "a b\nc d"


def test_learned_furniture_needs_independent_articles() -> None:
    footer = "Reporting by Example Desk; editing by Nobody"
    stories = [(f"Story {i} is about event number {i} in a fictional place.\n{footer}") for i in range(3)]
    learned = learn_recurring_lines([("Example Wire", s) for s in stories], min_articles=3)
    assert learned == {"Example Wire": {footer.casefold()}}
    # three copies of one story are re-posts, not furniture: nothing is learned from them
    copies = [("Example Wire", "\n".join(BODY))] * 3
    assert learn_recurring_lines(copies, min_articles=3) == {}


def test_learned_lines_removed_as_boilerplate() -> None:
    footer = "Reporting by Example Desk; editing by Nobody"
    article = clean(
        RawDocument(source="t", text="\n".join([*BODY, footer]), outlet="Example Wire"),
        Options(),
        {"Example Wire": {footer.casefold()}},
    )
    assert isinstance(article, Article)
    assert footer not in article.text
    assert article.removed[-1].kind == "boilerplate" and article.removed[-1].reason.startswith("learned")


def test_seeds_cleaning_gold(seed_articles: dict[str, Article], seeds_gold: dict[str, dict]) -> None:
    """Every check under `cleaning` in ../shared/gold/seeds.json holds."""
    for name, gold in seeds_gold.items():
        article = seed_articles[name]
        checks = gold["cleaning"]
        removed_texts = [r.text for r in article.removed]
        for line in checks.get("each_kept_once", []):
            kept = article.text.count(line)
            assert kept == 1 or (kept == 0 and any(line in r for r in removed_texts)), line
        for line in checks.get("removed", []):
            assert line not in article.text and line in removed_texts, line
        for line in checks.get("captions_marked", []):
            assert line not in article.text
            assert any(r.kind == "caption" and r.text == line for r in article.removed), line
        assert article.outlet == gold["outlet"]


def test_seeds_daily_mail_captions_and_duplicates(seed_articles: dict[str, Article]) -> None:
    article = seed_articles["dailymail_panjshir_resistance.txt"]
    # every paragraph of the body appears exactly once
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs))
    assert "(stock image)" not in article.text and "(pictured)" not in article.text
    assert "Pictured:" not in article.text
    # the reporting itself stays: the quote and the closing line of the article
    assert "'The Taliban doesn't control the whole territory of Afghanistan,' Lavrov told reporters" in article.text
    assert article.text.rstrip().endswith("most recently last month.") or "Russia says" in article.text


def test_hard_wrapped_lines_are_one_paragraph() -> None:
    # fictional release, wrapped with line separators mid-sentence as scraped press pages often are
    text = (
        "For Immediate Release\n\nA fictional security force killed a\u2028suspected insurgent and detained two\u2028"
        "others in Example province last night.\u2028\u2028The force then left.\nHeadline Of Another Item\nThe end."
    )
    assert split_paragraphs(text) == [
        "For Immediate Release",
        "A fictional security force killed a suspected insurgent and detained two others in Example province last "
        "night.",
        "The force then left.",
        "Headline Of Another Item",  # the next line starts with a capital: no wrap
        "The end.",
    ]


def test_furniture_inside_quote_marks_is_furniture() -> None:
    # fictional: an interview printed as one quotation over its paragraphs, the byline's follow line quoted with it
    body = "Fictional governor Ana Roe spoke to the station on Sunday about the flooded bridge and the repairs."
    quoted = '"GOVERNOR ROE: The bridge reopens in May, whatever the weather does before then.'
    article = cleaned("\n\n".join([body, quoted, '"Follow Ivo Dorne on Twitter @ivodorne."']))
    assert article.text == "\n\n".join([body, quoted])
    assert [(r.kind, r.text) for r in article.removed] == [("boilerplate", '"Follow Ivo Dorne on Twitter @ivodorne."')]
