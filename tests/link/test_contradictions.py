"""Contradictions across small multi-article sets, and the look-alikes that must not be contested. Every article
is FICTIONAL, written for these tests from common real-world patterns: a ministry denying shelling, tolls that
differ between outlets, an outlet updating its own toll, a leader said to have fled, a town claimed by both
sides, an old killing recalled beside today's news."""

from __future__ import annotations

from fieldbrief.link import link_corpus
from fieldbrief.model import Article, Claim, Corpus, RawDocument
from fieldbrief.pipeline import Pipeline


def link(pipeline: Pipeline, items: list[tuple[str, str | None, str]]) -> Corpus:
    """(outlet, published, text) -> the linked corpus of the analysed articles."""
    docs = [
        RawDocument(source=f"fictional-{i}.txt", text=t, outlet=o, published=d) for i, (o, d, t) in enumerate(items)
    ]
    articles = [a for a in pipeline.run_documents(docs) if isinstance(a, Article)]
    assert len(articles) == len(items)
    return link_corpus(articles)


def contested(corpus: Corpus, kind: str | None = None) -> list[Claim]:
    return [c for c in corpus.claims if c.status == "contested" and (kind is None or c.kind == kind)]


def assert_exact_evidence(corpus: Corpus) -> None:
    for claim in corpus.claims:
        for m in claim.members:
            assert corpus.article(m.article_id).text[m.start : m.end] == m.text


def test_ministry_denies_that_its_forces_shelled_a_town(pipeline: Pipeline) -> None:
    a = (
        "Army artillery shelled the town of Dara on Tuesday, residents said, destroying a school and a clinic. "
        '"The shells fell all night," said Nadia Karimi, a nurse at the clinic.'
    )
    b = (
        'The defence ministry denied that its forces shelled Dara. "Our troops did not fire on the town," '
        "ministry spokesman Farhad Noori said on Wednesday."
    )
    corpus = link(pipeline, [("Kilo Press", "2031-05-14", a), ("Lima Daily", "2031-05-15", b)])
    [claim] = contested(corpus, "event")
    assert {corpus.article(m.article_id).outlet for m in claim.side("disputes")} == {"Lima Daily"}
    assert {corpus.article(m.article_id).outlet for m in claim.side("affirms")} == {"Kilo Press"}
    assert "Dara" in claim.summary and claim.dispute == "occurrence"
    assert claim.why and "Lima Daily" in claim.why and "Kilo Press" in claim.why
    assert_exact_evidence(corpus)


def test_twelve_versus_thirteen_dead_in_one_bombing(pipeline: Pipeline) -> None:
    a = "A car bomb exploded outside the police station in Zaranj on Saturday. Police said 12 people were killed."
    b = "Thirteen people were killed when a car bomb hit the police station in Zaranj on Saturday, doctors said."
    corpus = link(pipeline, [("Mike Times", "2031-07-05", a), ("November Post", "2031-07-05", b)])
    [claim] = contested(corpus, "number")
    assert {m.value for m in claim.members if m.value} == {"12", "13"}
    assert "killed" in claim.summary and "Zaranj" in claim.summary
    assert contested(corpus) == [claim]


def test_tolls_of_different_incidents_are_not_a_dispute(pipeline: Pipeline) -> None:
    a = "An airstrike hit a market in Kunduz on Monday. Hospital staff said 30 people were killed in the strike."
    b = "Gunmen attacked a wedding party in Herat on Monday. Police said 7 people were killed in the attack."
    corpus = link(pipeline, [("Oscar News", "2031-03-02", a), ("Papa Wire", "2031-03-02", b)])
    assert contested(corpus) == []


def test_killed_and_wounded_counts_do_not_clash(pipeline: Pipeline) -> None:
    a = "A suicide bomber struck a mosque in Kunduz on Friday. Officials said 9 people were killed."
    b = "A suicide bomber struck a mosque in Kunduz on Friday, and doctors said 25 people were wounded."
    corpus = link(pipeline, [("Quebec Times", "2031-04-04", a), ("Romeo Daily", "2031-04-04", b)])
    assert contested(corpus, "number") == []


def test_an_outlet_updating_its_own_toll_is_no_dispute(pipeline: Pipeline) -> None:
    a = "A landslide buried homes in the village of Sang on Sunday. Officials said 8 people were killed."
    b = "Rescuers in the village of Sang said 15 people were killed after a landslide buried homes on Sunday."
    corpus = link(pipeline, [("Sierra News", "2031-09-07", a), ("Sierra News", "2031-09-08", b)])
    assert contested(corpus) == []


def test_two_outlets_reporting_the_same_denial_agree(pipeline: Pipeline) -> None:
    a = "The interior ministry denied that police had attacked protesters in Taloqan on Monday."
    b = "Police did not attack protesters in Taloqan, the interior ministry said on Monday, denying the reports."
    corpus = link(pipeline, [("Tango Post", "2031-10-02", a), ("Uniform Times", "2031-10-02", b)])
    assert contested(corpus) == []


def test_wire_copy_alone_disagrees_with_nothing(pipeline: Pipeline) -> None:
    wire = (
        "Rebels attacked an army post near Faizabad on Thursday, killing four soldiers, the army said. The "
        "rebels said they had captured two armoured vehicles during the attack, which lasted several hours."
    )
    corpus = link(
        pipeline,
        [
            ("Victor Wire", "2031-11-06", wire),
            ("Whiskey Daily", "2031-11-06", wire),
            ("Xray Online", "2031-11-07", wire),
        ],
    )
    assert contested(corpus) == []
    assert len(corpus.origins) == 1


def test_fled_the_country_versus_remains_in_the_capital(pipeline: Pipeline) -> None:
    a = "Opposition leader Karim Jalali fled the country on Monday, two of his aides said."
    b = "A party spokesman said on Tuesday that Karim Jalali remains in Kabul and will address supporters."
    corpus = link(pipeline, [("Yankee Times", "2031-06-09", a), ("Zulu Post", "2031-06-10", b)])
    [claim] = contested(corpus, "whereabouts")
    assert "Karim Jalali" in claim.summary
    assert {m.value for m in claim.members} >= {"in Kabul"}
    assert_exact_evidence(corpus)


def test_captured_versus_remains_under_our_control(pipeline: Pipeline) -> None:
    a = "Rebel fighters captured the town of Khanabad on Wednesday after hours of fighting, residents said."
    b = (
        "The army repelled the attack on Khanabad and the town remains under our control, a military spokesman "
        "said on Wednesday."
    )
    corpus = link(pipeline, [("Alpha Wire", "2031-12-03", a), ("Bravo Daily", "2031-12-03", b)])
    claims = contested(corpus, "event")
    capture = [c for c in claims if "captured" in c.summary]
    assert len(capture) == 1, [c.summary for c in claims]
    assert "Khanabad" in capture[0].summary
    assert {corpus.article(m.article_id).outlet for m in capture[0].side("disputes")} == {"Bravo Daily"}


def test_a_killing_recalled_from_years_ago_joins_no_dispute_of_today(pipeline: Pipeline) -> None:
    a = (
        "The rebels denied on Sunday that there had been any fighting in the province of Khost. Their founder was "
        "killed in an attack in Khost in 1998, a loss his followers still mourn."
    )
    b = "Government troops attacked rebel positions in Khost on Saturday, the army said."
    corpus = link(pipeline, [("Charlie Post", "2031-08-03", a), ("Delta Wire", "2031-08-03", b)])
    [claim] = contested(corpus, "event")
    assert not [m for m in claim.members if "1998" in m.text]
    assert {corpus.article(m.article_id).outlet for m in claim.side("affirms")} == {"Delta Wire"}


def test_undated_articles_do_not_merge_across_an_explicit_past_year(pipeline: Pipeline) -> None:
    a = "The rebel commander was killed in an attack on the town of Khost in 1998."
    b = "Fighters attacked the town of Khost, the rebel commander said, but there was no attack on the bridge."
    corpus = link(pipeline, [("Echo Post", None, a), ("Foxtrot Wire", None, b)])
    for claim in corpus.claims:
        assert len({m.article_id for m in claim.members}) == 1 or not [m for m in claim.members if "1998" in m.text]


def assert_status_matches_sides(corpus: Corpus) -> None:
    """Contested only with a member on each side; otherwise corroborated or single-source by origins."""
    for claim in corpus.claims:
        two_sided = bool(claim.side("affirms")) and bool(claim.side("disputes"))
        expected = "contested" if two_sided else "corroborated" if len(claim.origins) >= 2 else "single-source"
        assert claim.status == expected, (claim.summary, [(m.side, m.outlet) for m in claim.members])


def test_an_attack_asserted_and_another_denied_in_one_sentence_is_no_contest(pipeline: Pipeline) -> None:
    a = "Militants shelled the village of Sang on Monday, a police officer said, but there was no attack on the dam."
    b = "Gunmen raided the village of Sang, a farmer said, although there was no fighting at the school."
    corpus = link(pipeline, [("Golf Times", "2031-02-03", a), ("Hotel News", None, b)])
    assert contested(corpus) == []
    assert_status_matches_sides(corpus)
    # each event of a sentence stays in a claim on its own side, none lost to the shared evidence span
    sides = {m.record_id: m.side for c in corpus.claims for m in c.members if m.kind == "event"}
    for article in corpus.articles:
        for event in article.events:
            assert sides.get(event.id) == ("disputes" if event.status == "denied" else "affirms"), event.evidence


def test_every_claim_status_matches_its_sides(pipeline: Pipeline) -> None:
    a = (
        "Army artillery shelled the town of Dara on Tuesday, residents said. The rebel commander was killed in an "
        "attack on the town of Dara in 1998. Fighters attacked the town of Dara, a resident said, but there was "
        "no attack on the bridge."
    )
    b = (
        "The defence ministry denied that its forces shelled Dara. Fighters attacked the town of Dara, the rebel "
        "commander said on Wednesday."
    )
    corpus = link(pipeline, [("Kilo Press", "2031-05-14", a), ("Lima Daily", None, b), ("Mike Times", None, a)])
    assert corpus.claims
    assert_status_matches_sides(corpus)
    for claim in corpus.claims:
        dated = [m for m in claim.members if "1998" in m.text]
        assert not (dated and [m for m in claim.members if m.outlet == "Lima Daily"]), claim.summary


def test_what_a_speaker_did_not_say_is_no_claim_of_theirs(pipeline: Pipeline) -> None:
    said = "Mayor Talia Brennan said that the bridge at Norvale had collapsed."
    unsaid = "Mayor Talia Brennan did not say that the bridge at Norvale had collapsed."
    corpus = link(pipeline, [("Golf Wire", "2031-05-02", said), ("Hotel Daily", "2031-05-02", unsaid)])
    by_outlet = {a.outlet: a for a in corpus.articles}
    [negated] = by_outlet["Hotel Daily"].statements
    assert negated.factuality == "negated"
    members = [m for c in corpus.claims for m in c.members]
    assert not [m for m in members if m.record_id == negated.id]  # kept as a statement, never as a claim
    assert not [c for c in corpus.claims if c.status == "corroborated"]  # nor does it corroborate the saying
    [claimed] = by_outlet["Golf Wire"].statements
    assert [m.record_id for m in members if m.article_id == by_outlet["Golf Wire"].id] == [claimed.id]


TOLL_REPORTED = "Twelve people were killed in an air strike on the market in Norvale on Monday, the ministry said."


def against_the_toll(pipeline: Pipeline, other: str) -> tuple[Corpus, Article]:
    """The corpus of a fictional report of the toll beside `other`, and `other`'s article, whose one statement the
    ministry did not make."""
    corpus = link(pipeline, [("Golf Wire", "2031-05-02", TOLL_REPORTED), ("Hotel Daily", "2031-05-02", other)])
    hotel = next(a for a in corpus.articles if a.outlet == "Hotel Daily")
    assert [s.factuality for s in hotel.statements] == ["negated"]
    return corpus, hotel


def test_a_toll_someone_did_not_confirm_agrees_with_no_report_of_it(pipeline: Pipeline) -> None:
    corpus, hotel = against_the_toll(
        pipeline,
        "The ministry did not confirm that twelve people were killed in an air strike on the market in Norvale on "
        "Monday.",
    )
    # not a second report of the toll, nor the ministry disputing the strike: nobody asserts what it holds
    assert not [m for c in corpus.claims for m in c.members if m.article_id == hotel.id]
    assert corpus.claims and all(len({m.article_id for m in c.members}) == 1 for c in corpus.claims)


def test_what_was_not_said_leaves_the_rest_of_its_sentence_asserted(pipeline: Pipeline) -> None:
    corpus, hotel = against_the_toll(
        pipeline,
        "Twelve people were killed in an air strike on the market in Norvale on Monday, but the ministry did not "
        "say who carried it out.",
    )
    [strike] = [c for c in corpus.claims if c.kind == "event"]
    assert strike.status == "corroborated" and hotel.id in {m.article_id for m in strike.members}
