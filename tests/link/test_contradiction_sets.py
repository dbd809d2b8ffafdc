"""Disagreements between outlets on small multi-article sets, and look-alikes that must stay uncontested.

Every article here is FICTIONAL: invented events, people, groups and outlets, written for these tests in the
style of wire reports (datelines, "officials said", ministry statements, tolls, denials). Real town names are used
only so that the gazetteer can place them. Each set is one kind of disagreement real outlets have: a strike on a
hospital blamed on the other side, tolls that differ or are given as ranges and vague words, rival claims of
responsibility, a town claimed captured and held, talks reported and denied, a truce said to hold and to be broken,
a leader's whereabouts, and one outlet quoting both sides."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fieldbrief.link import link_corpus
from fieldbrief.model import Article, Claim, Corpus, RawDocument, Side
from fieldbrief.pipeline import Pipeline

Items = list[tuple[str, str, str]]  # (outlet, published, text)
Analyse = Callable[[Items], Corpus]


@pytest.fixture(scope="module")
def analyse(pipeline: Pipeline) -> Analyse:
    def run(items: Items) -> Corpus:
        docs = [
            RawDocument(source=f"fictional-{i}.txt", text=t, outlet=o, published=d) for i, (o, d, t) in enumerate(items)
        ]
        articles = [a for a in pipeline.run_documents(docs) if isinstance(a, Article)]
        assert len(articles) == len(items)
        return link_corpus(articles)

    return run


def contested(corpus: Corpus, kind: str | None = None) -> list[Claim]:
    return [c for c in corpus.claims if c.status == "contested" and (kind is None or c.kind == kind)]


def outlets(claim: Claim, side: Side) -> set[str | None]:
    return {m.outlet for m in claim.side(side)}


def only_claim(corpus: Corpus, kind: str, word: str) -> Claim:
    """The one contested claim of a kind whose summary says `word` or whose disputed slot is `word`."""
    claims = [c for c in contested(corpus, kind) if word in c.summary or c.dispute == word]
    assert len(claims) == 1, [c.summary for c in contested(corpus)]
    for m in claims[0].members:
        assert corpus.article(m.article_id).text[m.start : m.end] == m.text
    return claims[0]


# ------------------------------------------------------------------------------------------- disagreements
def test_hospital_strike_blamed_on_the_other_side(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Ajax Wire",
                "2032-03-10",
                "KHARKIV, March 10 - A rocket struck the children's hospital in Kupiansk on "
                "Tuesday, killing four patients, regional officials said. The governor said the rocket was "
                "fired by Russian "
                "forces from across the border. Rescuers were still searching the rubble late on Tuesday.",
            ),
            (
                "Borea News",
                "2032-03-11",
                "MOSCOW, March 11 - The Russian defence ministry denied that its forces had "
                "struck the hospital in Kupiansk. It blamed a Ukrainian air defence missile for the blast, in a "
                "statement "
                "on Wednesday.",
            ),
        ]
    )
    claim = only_claim(corpus, "event", "Kupiansk")
    assert outlets(claim, "affirms") == {"Ajax Wire"} and outlets(claim, "disputes") == {"Borea News"}


def test_a_floor_and_a_range_that_do_not_meet(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Corvo Times",
                "2032-05-02",
                "EL FASHER, Sudan, May 2 - At least 500 people were killed when the "
                "paramilitary Rapid Support Forces stormed the town of Kutum on Friday, a local rights group said. "
                "Survivors described bodies in the streets.",
            ),
            (
                "Delta Report",
                "2032-05-03",
                "The army-aligned governor of North Darfur said between 100 and 300 people "
                "were killed in the attack on Kutum on Friday. The RSF did not respond to a request for comment.",
            ),
        ]
    )
    claim = only_claim(corpus, "number", "killed")
    assert {m.value for m in claim.members} == {"at least 500", "between 100 and 300"}
    assert {m.side for m in claim.members} == {"affirms", "disputes"}


def test_dozens_against_a_dozen(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Ember Post",
                "2032-06-14",
                "Dozens of people were killed in an air strike on a market in the town of "
                "Lashio on Sunday, residents said.",
            ),
            (
                "Fjord Daily",
                "2032-06-14",
                "Myanmar's military said 12 people were killed in the air strike on the "
                "Lashio market on Sunday and blamed rebels for storing weapons there.",
            ),
        ]
    )
    claim = only_claim(corpus, "number", "Lashio")
    assert {m.value for m in claim.members} == {"dozens", "12"}


def test_two_groups_claim_one_bombing(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Gale Wire",
                "2032-07-01",
                "A bomb exploded at a checkpoint in Jalalabad on Monday, killing six "
                "policemen, officials said. The Khorasan Front claimed responsibility for the bombing in a "
                "statement on "
                "Telegram.",
            ),
            (
                "Harbor News",
                "2032-07-02",
                "A second group, the Eastern Brigade, said it carried out the bombing at the "
                "Jalalabad checkpoint and dismissed the Khorasan Front's claim as false.",
            ),
        ]
    )
    claim = only_claim(corpus, "event", "perpetrator")
    assert {m.value for m in claim.members} == {"Khorasan Front", "Eastern Brigade"}
    assert outlets(claim, "affirms") | outlets(claim, "disputes") == {"Gale Wire", "Harbor News"}
    assert outlets(claim, "affirms") != outlets(claim, "disputes")


def test_a_claim_of_responsibility_against_a_government_blaming_another_group(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Iris Times",
                "2032-08-09",
                "The Valley Liberation Army claimed responsibility for the ambush of a convoy "
                "near Myawaddy on Thursday that killed nine soldiers.",
            ),
            (
                "Jade Post",
                "2032-08-10",
                "The junta blamed the Karen National Union for the ambush near Myawaddy, "
                "saying its fighters had attacked the convoy on Thursday.",
            ),
        ]
    )
    claim = only_claim(corpus, "event", "perpetrator")
    assert {m.value for m in claim.members} == {"Valley Liberation Army", "Karen National Union"}


def test_a_village_claimed_captured_and_denied_fallen(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Kite Wire",
                "2032-09-05",
                "Russian troops captured the village of Novoselivka on Saturday, the Russian "
                "defence ministry said, in a statement on its Telegram channel.",
            ),
            (
                "Lumen Daily",
                "2032-09-06",
                "Ukraine's general staff denied that Novoselivka had fallen, saying its troops "
                "had repelled the assault on the village on Saturday.",
            ),
        ]
    )
    claim = only_claim(corpus, "event", "captured")
    assert "Novoselivka" in claim.summary
    assert outlets(claim, "affirms") == {"Kite Wire"} and outlets(claim, "disputes") == {"Lumen Daily"}


def test_talks_reported_and_denied(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Mira News",
                "2032-10-11",
                "CAIRO, Oct 11 - Israeli and Hamas negotiators held indirect talks in Cairo on "
                "Sunday on a new ceasefire, two Egyptian officials said.",
            ),
            (
                "Nova Times",
                "2032-10-12",
                "A Hamas official denied that any talks had taken place in Cairo, saying the "
                "group had sent no delegation.",
            ),
        ]
    )
    claim = only_claim(corpus, "event", "talks")
    assert outlets(claim, "affirms") == {"Mira News"} and outlets(claim, "disputes") == {"Nova Times"}


def test_a_truce_said_to_hold_and_to_be_broken(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Orca Post",
                "2032-11-03",
                "The truce held overnight in Khan Younis, residents said on Tuesday, and "
                "families began returning to their homes.",
            ),
            (
                "Pike Wire",
                "2032-11-03",
                "Shelling continued in Khan Younis overnight despite the truce, residents and medics said on Tuesday.",
            ),
        ]
    )
    claim = only_claim(corpus, "event", "truce")
    assert outlets(claim, "affirms") == {"Orca Post"} and outlets(claim, "disputes") == {"Pike Wire"}


def test_a_commander_said_to_have_fled_abroad_and_to_lead_at_home(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Quill News",
                "2032-12-01",
                "Rebel commander Idris Barakat fled to Chad on Sunday after the fall of the "
                "town, two of his aides said.",
            ),
            (
                "Raven Daily",
                "2032-12-02",
                "A spokesman for the movement said on Monday that Idris Barakat remains in "
                "El Geneina and is leading the defence of the city.",
            ),
        ]
    )
    claim = only_claim(corpus, "whereabouts", "Idris Barakat")
    assert {m.outlet for m in claim.members} == {"Quill News", "Raven Daily"}


def test_one_outlet_quoting_both_sides_is_a_contest(analyse: Analyse) -> None:
    corpus = analyse(
        [
            (
                "Sable Times",
                "2033-01-04",
                "Ukrainian officials said Russian drones attacked the port of Izmail on "
                "Wednesday. Russia's defence ministry denied attacking Izmail, saying it had targeted only "
                "military sites "
                "near Odesa.",
            ),
        ]
    )
    claim = only_claim(corpus, "event", "Izmail")
    assert claim.side("affirms") and claim.side("disputes")


# ------------------------------------------------------------------------------------------- look-alikes
DECOYS: dict[str, Items] = {
    "killed and wounded": [
        (
            "Tern Wire",
            "2033-02-01",
            "Three people were killed in shelling of Kherson on Monday, the regional governor said.",
        ),
        ("Umber Post", "2033-02-01", "Shelling of Kherson on Monday wounded 14 people, the regional governor said."),
    ],
    "reports a week apart": [
        ("Vale News", "2033-03-01", "An air strike on Rafah killed 20 people on Monday, the health ministry said."),
        ("Wren Daily", "2033-03-08", "An air strike on Rafah killed 7 people on Monday, the health ministry said."),
    ],
    "different towns": [
        ("Xeno Times", "2033-04-02", "Drones struck Kharkiv overnight, killing 5 people, officials said."),
        ("Yarrow Post", "2033-04-02", "Drones struck Odesa overnight, killing 11 people, officials said."),
    ],
    "a war's total beside a day's toll": [
        (
            "Zinc Wire",
            "2033-05-05",
            "An air strike killed 12 people in Gaza City on Tuesday, the health ministry "
            "said. More than 30,000 people have been killed in Gaza since the war began, according to the ministry.",
        ),
        (
            "Aster News",
            "2033-05-05",
            "Twelve people were killed in an air strike in Gaza City on Tuesday, medics said.",
        ),
    ],
    "one denial reported twice": [
        ("Birch Times", "2033-06-06", "The Sudanese army denied on Friday that it had bombed a market in Nyala."),
        (
            "Cedar Post",
            "2033-06-06",
            "Sudan's army said on Friday it had not bombed the Nyala market, rejecting accusations by the RSF.",
        ),
    ],
    "one claim of responsibility reported twice": [
        (
            "Dune Wire",
            "2033-07-07",
            "The Khorasan Front claimed responsibility for the bombing of a bus in Kabul on "
            "Tuesday that killed 7 people.",
        ),
        (
            "Elm Daily",
            "2033-07-07",
            "The Khorasan Front said it carried out Tuesday's bombing of a bus in Kabul, in "
            "which seven people were killed.",
        ),
    ],
    "a truce agreed, then holding": [
        ("Fern News", "2033-08-01", "The two sides agreed a truce in Sennar on Sunday, mediators said."),
        ("Gorse Times", "2033-08-02", "The truce in Sennar held overnight, residents said on Monday."),
    ],
    "a floor and a count above it": [
        (
            "Hazel Wire",
            "2033-09-01",
            "At least 20 people were killed when shells hit a bus station in Kherson on Friday, officials said.",
        ),
        (
            "Ivy Post",
            "2033-09-01",
            "Shells hit a bus station in Kherson on Friday, and 25 people were killed, the regional governor said.",
        ),
    ],
    "dozens and a count in range": [
        (
            "Juniper News",
            "2033-10-02",
            "Dozens of people were killed in an air strike on a market in Lashio on Sunday, residents said.",
        ),
        (
            "Kelp Times",
            "2033-10-02",
            "Residents said 40 people were killed in the air strike on the Lashio market on Sunday.",
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(DECOYS))
def test_look_alikes_are_not_contested(analyse: Analyse, name: str) -> None:
    corpus = analyse(DECOYS[name])
    assert contested(corpus) == [], [c.summary for c in contested(corpus)]
