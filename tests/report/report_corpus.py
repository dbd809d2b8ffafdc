"""A small fictional corpus for the brief and export tests: three articles, located and dated events, statements,
one contested and one corroborated claim, built from spans of the articles' own text (no link stage needed)."""

from __future__ import annotations

from fieldbrief.model import (
    AcledType,
    ActorRef,
    Article,
    Claim,
    ClaimMember,
    Corpus,
    Event,
    Origin,
    Place,
    Speaker,
    Statement,
    TimeRef,
)

TEXT_A = (
    "Rebels of the Northern Front attacked an army post in Kessora on Tuesday, killing 12 soldiers. "
    "'We repelled the attack,' said General Tomas Vell, the army spokesman. "
    "The Northern Front says it now controls the Varen Pass."
)
TEXT_B = (
    "Fighters of the Northern Front struck an army post in Kessora this week. "
    "Officials said 13 soldiers died. "
    "The interior ministry denied that the Varen Pass had fallen, saying troops still held it."
)
TEXT_C = "Rebels of the Northern Front attacked an army post in Kessora on Tuesday, killing 12 soldiers. More later."


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def kessora(text: str) -> Place:
    start, end = span(text, "Kessora")
    return Place("Kessora", start, end, 12.5, 30.25, "town", "SD", "North Darfur", canonical="Kessora")


def varen(text: str) -> Place:
    start, end = span(text, "Varen Pass")
    return Place("Varen Pass", start, end, 13.1, 31.0, "region", "SD", None, canonical="Varen Pass")


def attack(text: str, sentence: str, event_id: str, fatalities: int, when: TimeRef | None) -> Event:
    start, end = span(text, sentence)
    return Event(
        type="ASSAULT",
        status="asserted",
        start=start,
        end=end,
        evidence=sentence,
        mode="firearms",
        acled=AcledType("Battles", "Armed clash"),
        actor=ActorRef("Northern Front", "NF"),
        target=ActorRef("army", "SDN-MIL"),
        place=kessora(text),
        date=when,
        fatalities=fatalities,
        id=event_id,
    )


def article_a() -> Article:
    article = Article(
        source="a.txt", text=TEXT_A, outlet="Daily Courier", title="Post attacked", published="2024-03-07"
    )
    sentence = TEXT_A.split(". ")[0] + "."
    tuesday = TimeRef("on Tuesday", *span(TEXT_A, "on Tuesday"), "2024-03-05", "2024-03-05", "day")
    article.events = [attack(TEXT_A, sentence, "ev-a1", 12, tuesday)]
    quote = "We repelled the attack,"
    article.statements = [
        Statement(
            Speaker("Tomas Vell", "General Tomas Vell", "person", "SDN-MIL"),
            "said",
            "direct",
            quote,
            *span(TEXT_A, quote),
            id="st-a1",
        )
    ]
    article.places = [kessora(TEXT_A), varen(TEXT_A)]
    article.times = [tuesday]
    return article


def article_b() -> Article:
    article = Article(
        source="b.txt", text=TEXT_B, outlet="Frontier Times", title="Soldiers killed", published="2024-03-08"
    )
    sentence = "Fighters of the Northern Front struck an army post in Kessora this week."
    week = TimeRef("this week", *span(TEXT_B, "this week"), "2024-03-04", "2024-03-10", "week")
    article.events = [attack(TEXT_B, sentence, "ev-b1", 13, week)]
    article.places = [kessora(TEXT_B), varen(TEXT_B)]
    article.times = [week]
    return article


def article_c() -> Article:
    """A wire copy of article A's lead, published by another outlet: same origin as A."""
    article = Article(source="c.txt", text=TEXT_C, outlet="Metro Wire", title="Post attacked", published="2024-03-07")
    sentence = TEXT_C.split(". ")[0] + "."
    article.events = [attack(TEXT_C, sentence, "ev-c1", 12, None)]
    article.places = [kessora(TEXT_C)]
    return article


def member(
    article: Article,
    part: str,
    side: str = "affirms",
    speaker: str | None = None,
    value: str | None = None,
    record_id: str | None = None,
    origin: str | None = None,
) -> ClaimMember:
    start, end = span(article.text, part)
    return ClaimMember(
        article.id,
        origin or article.id,
        article.outlet,
        "event" if record_id else "sentence",
        record_id,
        part,
        start,
        end,
        side,
        speaker,
        value,
    )  # type: ignore[arg-type]


def make_corpus() -> Corpus:
    a, b, c = article_a(), article_b(), article_c()
    origins = [Origin(a.id, [a.id, c.id], 0.97), Origin(b.id, [b.id], 1.0)]
    held = "The Northern Front says it now controls the Varen Pass."
    denied = "The interior ministry denied that the Varen Pass had fallen, saying troops still held it."
    contested = Claim(
        id="cl-pass",
        summary="The Northern Front controls the Varen Pass",
        kind="statement",
        status="contested",
        members=[
            member(a, held, "affirms", "Northern Front"),
            member(b, denied, "disputes", "interior ministry"),
        ],
        origins=[a.id, b.id],
        why="assertion vs denial",
    )
    corroborated = Claim(
        id="cl-attack",
        summary="The Northern Front attacked an army post in Kessora",
        kind="event",
        status="corroborated",
        members=[
            member(a, a.events[0].evidence, record_id="ev-a1"),
            member(b, b.events[0].evidence, record_id="ev-b1"),
            member(c, c.events[0].evidence, record_id="ev-c1", origin=a.id),
        ],
        origins=[a.id, b.id],
        event_type="ASSAULT",
    )
    return Corpus([a, b, c], origins=origins, claims=[contested, corroborated])


def hostile_corpus() -> Corpus:
    """Article text and metadata that try to inject markup and script into the brief."""
    text = "Militants <script>alert('x')</script> attacked a checkpoint in Kessora. <img src=x onerror=alert(1)>"
    article = Article(
        source="evil.txt",
        text=text,
        outlet="<b>Evil</b> Outlet",
        title="<script>bad()</script>",
        published="2024-01-02",
        url="javascript:alert(1)",
    )
    sentence = text.split(". ")[0] + "."
    start, end = span(text, sentence)
    article.events = [
        Event(
            "ASSAULT",
            "asserted",
            start,
            end,
            sentence,
            actor=ActorRef("<i>Militants</i>"),
            place=kessora(text),
            id="ev-evil",
        )
    ]
    article.places = [kessora(text)]
    claim = Claim(
        "cl-evil",
        "<script>claim()</script>",
        "fact",
        "contested",
        [member(article, sentence), member(article, "<img src=x onerror=alert(1)>", "disputes")],
        [article.id],
        why="<u>why</u>",
    )
    return Corpus([article], claims=[claim])
