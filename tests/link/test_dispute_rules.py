"""The rules a desk editor applies before calling two reports a dispute, each on a small FICTIONAL set (invented
outlets, people and events; real town names only so that the gazetteer places them; future years): what is no
dispute (a vague count and a figure, counts a few apart, two names of one weapon or one captor, a side holding out
while fighting goes on), what a denial is about (who did it, who holds a place, where someone is), who a phrase
names ("its forces", "hit by", "could have been fired by", a cause and the party owning it), and when reports in
different words are one incident or one controversy."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

from fieldbrief.lexicon.actors import load_dictionary
from fieldbrief.link import link_corpus
from fieldbrief.link.claims import facts
from fieldbrief.link.claims.frames import article_frames
from fieldbrief.link.claims.records import Frame
from fieldbrief.link.entities import resolve
from fieldbrief.link.lexicon import lexicon
from fieldbrief.link.origins import find_origins
from fieldbrief.model import Article, Claim, Corpus, RawDocument
from fieldbrief.pipeline import Pipeline

Items = list[tuple[str, str | None, str]]


def analyse(pipeline: Pipeline, items: Items) -> list[Article]:
    docs = [
        RawDocument(source=f"fictional-{i}.txt", text=t, outlet=o, published=d) for i, (o, d, t) in enumerate(items)
    ]
    articles = [a for a in pipeline.run_documents(docs) if isinstance(a, Article)]
    assert len(articles) == len(items)
    return articles


def link(pipeline: Pipeline, items: Items) -> Corpus:
    return link_corpus(analyse(pipeline, items))


def contested(corpus: Corpus) -> list[Claim]:
    return [c for c in corpus.claims if c.status == "contested"]


def show(corpus: Corpus) -> list[str]:
    return [f"{c.dispute}: {c.summary} {[(m.side, m.outlet, m.value) for m in c.members]}" for c in contested(corpus)]


def outlets(corpus: Corpus, claim: Claim, side: str) -> set[str]:
    return {corpus.article(m.article_id).outlet or "" for m in claim.side(side)}


def one_contest(corpus: Corpus, dispute: str | None = None) -> Claim:
    claims = contested(corpus)
    assert len(claims) == 1, show(corpus)
    if dispute is not None:
        assert claims[0].dispute == dispute, show(corpus)
    return claims[0]


def split(corpus: Corpus, claim: Claim, one: set[str], other: set[str]) -> None:
    """The outlets of `one` on one side of the claim and those of `other` on the other."""
    a, d = outlets(corpus, claim, "affirms"), outlets(corpus, claim, "disputes")
    assert (a, d) in ((one, other), (other, one)), show(corpus)


# ------------------------------------------------------------------------------------------- no dispute
def test_a_vague_count_is_no_denial_of_a_larger_figure(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Aster Post",
                "2036-04-13",
                "A missile strike on the centre of Sumy killed 34 people on Sunday and injured 117 others, the "
                "regional governor said.",
            ),
            ("Birch Wire", "2036-04-13", "The missile strike on the centre of Sumy on Sunday left dozens injured."),
        ],
    )
    assert not [c for c in contested(corpus) if c.dispute == "toll"], show(corpus)


def test_counts_a_few_apart_are_one_count_rounded_or_revised(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Cedar Times",
                "2036-03-23",
                "The attack on the concert hall in Krasnogorsk on Friday killed 144 people, the emergencies "
                "ministry said.",
            ),
            (
                "Dune News",
                "2036-03-23",
                "Gunmen killed 145 people in the attack on the concert hall in Krasnogorsk on Friday, the "
                "investigative committee said.",
            ),
        ],
    )
    assert not [c for c in contested(corpus) if c.dispute == "toll"], show(corpus)


def test_a_rocket_may_be_an_air_defence_missile(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Elm Daily",
                "2036-11-16",
                "Two farm workers were killed when an S-300 rocket hit a grain store in Przewodow on Tuesday.",
            ),
            (
                "Fern Post",
                "2036-11-16",
                "The blast in Przewodow on Tuesday was caused by a Ukrainian air defence missile, the president said.",
            ),
        ],
    )
    assert not [c for c in contested(corpus) if c.dispute == "weapon"], show(corpus)


def test_holding_out_while_fighting_goes_on_is_one_account(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Gale News",
                "2036-01-13",
                "Heavy fighting continues in Siversk, a Ukrainian army spokesman said on Friday.",
            ),
            (
                "Heath Wire",
                "2036-01-13",
                'Ukraine said on Friday that its forces were still holding out in Siversk after a "hot" night.',
            ),
        ],
    )
    assert contested(corpus) == [], show(corpus)


def test_two_names_of_one_captor_are_no_dispute(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            ("Iris Post", "2036-12-08", "Rebels captured the city of Homs on Sunday, residents said."),
            ("Jade Wire", "2036-12-08", "Anti-regime forces seized the city of Homs on Sunday, two officers said."),
        ],
    )
    assert not [c for c in contested(corpus) if c.dispute == "control"], show(corpus)


# ------------------------------------------------------------------------------------------- what a denial is about
def test_a_capture_denied_stands_with_the_fighting_not_the_capture(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Kelp Times",
                "2036-01-13",
                "Russia's defence ministry said its forces had captured the town of Siversk on Thursday evening.",
            ),
            (
                "Lark News",
                "2036-01-13",
                "A Ukrainian military spokesman denied that Russian forces had seized control of Siversk.",
            ),
        ],
    )
    claim = one_contest(corpus, "control")
    split(corpus, claim, {"Kelp Times"}, {"Lark News"})


def test_a_denial_of_rumours_of_flight_disputes_whereabouts_not_a_happening(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Moss Daily",
                "2036-12-08",
                "President Halim Darwish boarded a plane in Damascus and left the country, two senior officers said "
                "on Sunday.",
            ),
            (
                "Nook Post",
                "2036-12-08",
                "The presidency denied rumours that President Halim Darwish had fled the country amid an offensive "
                "by anti-government forces toward Damascus.",
            ),
        ],
    )
    assert not [c for c in contested(corpus) if c.dispute == "occurrence"], show(corpus)


def test_a_denial_of_accusations_is_about_who_did_it(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Oak Wire",
                "2036-06-06",
                "Russian forces blew up the dam at Nova Kakhovka on Tuesday, the Ukrainian army said.",
            ),
            (
                "Pine Times",
                "2036-06-06",
                "The Kremlin denied accusations that Russian forces had blown up the dam at Nova Kakhovka and "
                "blamed Ukrainian forces.",
            ),
        ],
    )
    assert [c.dispute for c in contested(corpus)] == ["perpetrator"], show(corpus)


def test_a_blame_for_something_else_blames_no_one_for_the_attack(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Quill News",
                "2036-04-12",
                "RSF fighters attacked the Zamzam camp on Friday, killing hundreds of people, aid groups said.",
            ),
            (
                "Reed Post",
                "2036-04-12",
                "The RSF denied responsibility for any attack on the Zamzam camp and accused the army of staging "
                "videos.",
            ),
        ],
    )
    values = {m.value for c in corpus.claims if c.dispute == "perpetrator" for m in c.members}
    assert not any("army" in (v or "").lower() for v in values), show(corpus)


# ------------------------------------------------------------------------------------------- who a phrase names
def test_a_harm_passive_names_its_agent(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Sage Daily",
                "2036-03-17",
                "A Russian air strike destroyed the drama theatre in Mariupol on Wednesday, killing hundreds of "
                "people sheltering inside, city officials said.",
            ),
            (
                "Teal News",
                "2036-03-17",
                "The drama theatre in Mariupol was demolished by Ukrainian forces on Wednesday, the Russian "
                "defence ministry said.",
            ),
        ],
    )
    claim = one_contest(corpus, "perpetrator")
    split(corpus, claim, {"Sage Daily"}, {"Teal News"})


def test_what_could_have_been_asserts_no_one_s_part(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Umber Wire",
                "2036-11-16",
                "The missile that killed two farmers in Przewodow on Tuesday could have been fired by Russian "
                "forces, the newspaper wrote.",
            ),
            (
                "Vale Times",
                "2036-11-16",
                "The missile that killed two farmers in Przewodow on Tuesday was fired by Ukrainian air defence, "
                "the president said.",
            ),
        ],
    )
    assert not [c for c in contested(corpus) if c.dispute == "perpetrator"], show(corpus)


def test_a_bare_cause_is_the_party_others_name_with_it(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Wisp News",
                "2036-05-26",
                "The Israeli strike killed 45 people in Rafah on May 25 when it set ablaze a tent camp, the health "
                "ministry said.",
            ),
            (
                "Yew Post",
                "2036-05-26",
                "Secondary explosions of Hamas munitions caused the fire at the tent camp in Rafah on May 25, the "
                "military spokesman said.",
            ),
            (
                "Zinc Daily",
                "2036-05-26",
                "The fire at the tent camp in Rafah on May 25 was caused by a secondary explosion, an army "
                "official said.",
            ),
        ],
    )
    claim = one_contest(corpus, "perpetrator")
    split(corpus, claim, {"Wisp News"}, {"Yew Post", "Zinc Daily"})


def test_two_victims_named_with_appositions_are_two(pipeline: Pipeline) -> None:
    [article] = analyse(
        pipeline,
        [
            (
                "Aster Post",
                "2036-11-16",
                "Jan Nowak, 62, the foreman of a grain store, and Piotr Lis, 60, a tractor driver, were killed on "
                "Tuesday when a rocket hit the village of Przewodow.",
            )
        ],
    )
    assert [e.fatalities for e in article.events if e.fatalities is not None] == [2]


def test_a_place_owning_an_offensive_or_a_claim_stands_for_its_government(pipeline: Pipeline) -> None:
    [article] = analyse(
        pipeline,
        [
            (
                "Birch Wire",
                "2036-01-13",
                "Fighting raged in the town of Bakhmut, a hotspot of fighting in Moscow's offensive, while Kyiv's "
                "claims of gains were disputed.",
            )
        ],
    )
    roles = {p.name: p.role for p in article.places}
    assert roles.get("Moscow") == "associative" and roles.get("Kyiv") == "associative", roles
    assert roles.get("Bakhmut") == "literal", roles


# ------------------------------------------------------------------------------------------- one controversy
def test_one_controversy_in_reports_of_different_days_is_one_contest(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Cedar Times",
                "2036-04-12",
                "RSF fighters attacked the Zamzam camp on Friday, killing 300 people, the United Nations said.",
            ),
            (
                "Dune News",
                "2036-04-19",
                "The RSF, which seized the camp in North Darfur a week ago, has denied any role in the killings.",
            ),
        ],
    )
    one_contest(corpus)


def test_a_country_s_generic_force_is_that_country_s_side(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            (
                "Elm Daily",
                "2036-04-15",
                "Myanmar's military has admitted carrying out an air attack on the village of Pazigyi in Sagaing "
                "on Tuesday.",
            ),
            ("Fern Post", "2036-04-15", "Myanmar army jets bombed the village of Pazigyi on Tuesday, residents said."),
        ],
    )
    assert not [c for c in contested(corpus) if c.dispute == "perpetrator"], show(corpus)


def test_the_words_of_a_story_are_those_of_a_large_share_of_its_statements() -> None:
    p = dataclasses.replace(facts.params(lexicon()), distinctive_share=0.2, min_block_for_share=10)
    story = [
        SimpleNamespace(words=frozenset({"resistance", "fighter", f"w{i}", "region" if i % 2 else f"v{i}"}))
        for i in range(10)
    ]
    found = facts._story_words(story, list(range(10)), p)  # type: ignore[arg-type]
    assert found == {"resistance", "fighter", "region"}
    assert facts._story_words(story[:4], list(range(4)), p) == frozenset()  # too few statements to tell


# ------------------------------------------------------------------------------------------- one voice, two sides
def frames_of(articles: list[Article]) -> list[Frame]:
    """The claim frames of every article, as linking reads them."""
    lex = lexicon()
    origins = find_origins(articles, lex)
    entities, mentions = resolve(articles, None)
    by_id = {e.id: e for e in entities}
    out: list[Frame] = []
    for article in articles:
        out += article_frames(article, origins, mentions.get(article.id, []), by_id, load_dictionary(None), lex)[0]
    return out


def test_we_in_a_spokesman_s_quote_is_the_body_he_speaks_for(pipeline: Pipeline) -> None:
    """ "X, a spokesman for the army" said earlier in the article: his "we conducted the attack" is the army's
    admission, agreeing with the reports that blame the army, not a party of its own that could dispute them."""
    items: Items = [
        (
            "Aster Post",
            "2036-05-02",
            "Sudan's army said on Wednesday it carried out the air strike on a market in Kutum on Tuesday that "
            "killed at least 40 people.",
        ),
        (
            "Birch Wire",
            "2036-05-02",
            "Omar Haddad, a spokesman for the army, confirmed the raid on the market in Kutum on Tuesday. "
            '"During the market day, we conducted the attack. Fighters were killed," Omar Haddad told state '
            "television.",
        ),
        (
            "Cedar Times",
            "2036-05-02",
            'Army spokesman Omar Haddad said: "We conducted the attack on the market in Kutum."',
        ),
    ]
    articles = analyse(pipeline, items)
    ours = [f for f in frames_of(articles) if f.slot == "perpetrator" and "we conducted" in f.text.lower()]
    assert [f.value for f in ours] == ["SDN", "SDN"], [(f.value, f.text) for f in ours]
    assert not [c for c in contested(link_corpus(articles)) if c.dispute == "perpetrator"]


def test_a_spokesman_denying_carrying_out_an_attack_owns_nothing(pipeline: Pipeline) -> None:
    """ "the group categorically denies carrying out an attack": a denial by the body the spokesman speaks for,
    never its claim of the attack ("carrying out" inside a denial)."""
    items: Items = [
        (
            "Aster Post",
            "2036-06-10",
            'Taliban spokesman Qari Nadeem told reporters that the group "categorically denies carrying out an '
            'attack" on the checkpoint in Kunduz on Monday.',
        )
    ]
    ours = [f for f in frames_of(analyse(pipeline, items)) if f.slot == "perpetrator"]
    assert ours and all(str(f.value).startswith("not:") for f in ours), [(f.value, f.text) for f in ours]


def test_a_cause_of_one_account_without_its_party_is_the_party_others_name_with_that_account(
    pipeline: Pipeline,
) -> None:
    """ "mines planted by the rebels" and "their weapons storage exploded" tell one account (the dead were killed
    by the victims' side's own explosives), one naming its party: they stand together against the air strike."""
    corpus = link(
        pipeline,
        [
            (
                "Aster Post",
                "2036-04-30",
                "An army spokesman said on Wednesday that many of the dead at the market in Kutum were killed by "
                "mines planted by the rebels around the area.",
            ),
            (
                "Birch Wire",
                "2036-04-30",
                '"We hit their weapons storage at the market in Kutum, which exploded, and people died due to that," '
                "an army officer said on Wednesday.",
            ),
            (
                "Cedar Times",
                "2036-04-30",
                "Residents said an army air strike killed 40 people at the market in Kutum on Tuesday.",
            ),
        ],
    )
    split(corpus, one_contest(corpus, "perpetrator"), {"Aster Post", "Birch Wire"}, {"Cedar Times"})


def test_a_sentence_naming_two_weapons_used_together_disputes_neither(pipeline: Pipeline) -> None:
    """ "a plane dropped a bomb, and then a helicopter opened fire" reports an air attack and gunfire: no dispute
    with "an air strike" (though gunfire alone is another weapon than an air strike)."""
    corpus = link(
        pipeline,
        [
            (
                "Aster Post",
                "2036-04-30",
                "A local told the paper that an army plane dropped a bomb on the market in Kutum on Tuesday, and then "
                "a helicopter opened fire on people fleeing the scene, killing 40 people.",
            ),
            (
                "Birch Wire",
                "2036-04-30",
                "An army air strike on the market in Kutum killed 40 people on Tuesday, residents said.",
            ),
        ],
    )
    assert not [c for c in contested(corpus) if c.dispute == "weapon"], show(corpus)


def test_what_a_sentence_says_of_the_dead_with_words_between(pipeline: Pipeline) -> None:
    """ "members of that terrorist group were killed" counts combatants, "as many as 40 people, including many
    children" civilians: one victims dispute."""
    corpus = link(
        pipeline,
        [
            (
                "Aster Post",
                "2036-04-30",
                "An army air strike on the market in Kutum on Tuesday killed as many as 40 people, including many "
                "children, residents said.",
            ),
            (
                "Birch Wire",
                "2036-04-30",
                '"We later found out that members of that terrorist group were killed at the market in Kutum," an '
                "army spokesman said on Wednesday.",
            ),
        ],
    )
    split(corpus, one_contest(corpus, "victims"), {"Aster Post"}, {"Birch Wire"})


def test_a_negation_of_only_one_cause_denies_nothing(pipeline: Pipeline) -> None:
    """ "people were killed not because of our attack only" admits the attack: even where the events stage reads
    the sentence's event as denied, linking reads no denial of the happening."""
    items: Items = [
        (
            "Aster Post",
            "2036-04-30",
            '"According to the information we got, people were killed not because of our attack only," an army '
            "spokesman said of the strike on the market in Kutum on Tuesday.",
        )
    ]
    articles = analyse(pipeline, items)
    assert articles[0].events
    articles[0].events = [dataclasses.replace(e, status="denied") for e in articles[0].events]
    ours = [f.value for f in frames_of(articles) if f.slot == "occurrence"]
    assert ours and set(ours) == {"affirms"}, ours


def test_a_claim_reported_as_refuted_is_its_claimant_s(pipeline: Pipeline) -> None:
    """ "The inquiry also rejects Russian claims that the school was destroyed by Ukrainian troops": the blame of
    Ukraine is the claimants' (Russia's), on the other side from the inquiry that blames Russia."""
    text = (
        "About 40 people were killed by a Russian air strike on a school in Zaporizhzhia on Tuesday, according to "
        "an inquiry by the Birch Wire. The inquiry also rejects Russian claims that the school was destroyed by "
        "Ukrainian troops."
    )
    frames = [f for f in frames_of(analyse(pipeline, [("Aster Post", "2036-04-30", text)])) if f.slot == "perpetrator"]
    claimed = [f for f in frames if f.value == "UKR"]
    inquiry = {f.voice.key for f in frames if f.value == "RUS"}
    assert claimed and inquiry, [(f.value, f.voice.key, f.text) for f in frames]
    assert not {f.voice.key for f in claimed} & inquiry, [(f.value, f.voice.key, f.text) for f in frames]


def test_one_weapon_slot_may_hold_two_controversies(pipeline: Pipeline) -> None:
    """Gunfire against "a stampede", and tank shelling against "no knowledge of shelling": both are held apart,
    the second is not lost behind the first."""
    corpus = link(
        pipeline,
        [
            (
                "Aster Post",
                "2036-04-30",
                "More than 50 people were killed after soldiers opened fire on crowds waiting for an aid convoy in "
                "Kutum on Tuesday, witnesses said. Reports said victims were also shelled by tanks.",
            ),
            (
                "Birch Wire",
                "2036-04-30",
                "The army said most of the people who died at the aid convoy in Kutum on Tuesday were killed in a "
                "stampede.",
            ),
            (
                "Cedar Times",
                "2036-04-30",
                "Residents said soldiers opened fire on the crowd at the aid convoy in Kutum on Tuesday. The army says "
                "it has no knowledge of shelling in the area of the convoy in Kutum.",
            ),
        ],
    )

    def side_of(claim: Claim, words: str) -> set[str]:
        return {m.side for m in claim.members if words in corpus.article(m.article_id).text[m.start : m.end]}

    held = [
        c
        for c in contested(corpus)
        if side_of(c, "shelled by tanks")
        and side_of(c, "no knowledge of shelling")
        and not side_of(c, "shelled by tanks") & side_of(c, "no knowledge of shelling")
    ]
    assert held, show(corpus)
