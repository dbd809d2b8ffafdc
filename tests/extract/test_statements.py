"""The statements stage on sentences written for these tests (fictional people and events)."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

import pytest
from spacy.language import Language

from fieldbrief.extract.statements import Cues, Quote, extract, load_cues, scan_quotes
from fieldbrief.extract.statements.assemble import drop_nested
from fieldbrief.extract.statements.frames import Frame
from fieldbrief.extract.statements.speakers import SpeakerResolver
from fieldbrief.extract.statements.text import DocIndex
from fieldbrief.model import Article, Speaker, Statement, StatementKind


class Analyse(Protocol):
    def __call__(self, text: str, outlet: str | None = None) -> list[Statement]: ...


@pytest.fixture(scope="module")
def analyse(nlp: Language, cues: Cues) -> Analyse:
    def run(text: str, outlet: str | None = None) -> list[Statement]:
        article = Article(source="test", text=text, outlet=outlet)
        found = extract(nlp(text), article, cues)
        for st in found:
            assert text[st.start : st.end] == st.content
            assert st.sentence_start is not None and st.sentence_end is not None
            assert st.sentence_start <= st.start and st.end <= st.sentence_end
            assert st.id
            # the parts are the speaker's own words: in order, inside the content, from its start to its end
            assert st.parts[0][0] == st.start and st.parts[-1][1] == st.end
            assert all(a < b <= c < d for (a, b), (c, d) in zip(st.parts, st.parts[1:], strict=False))
        return found

    return run


def only(statements: list[Statement]) -> Statement:
    assert len(statements) == 1, [(s.speaker.name, s.content) for s in statements]
    return statements[0]


# -- quotation marks -------------------------------------------------------------------------------------
def test_apostrophes_do_not_open_or_close_quotes() -> None:
    text = "'The army's convoys haven't reached the fighters' camps yet,' she said."
    quotes = scan_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start : quotes[0].end] == "The army's convoys haven't reached the fighters' camps yet,"


def test_curly_and_straight_quotes_are_found() -> None:
    text = 'He called it \u201ca disgrace\u201d and \u2018a lie\u2019 and "a farce".'
    assert [text[q.start : q.end] for q in scan_quotes(text)] == ["a disgrace", "a lie", "a farce"]


def test_quote_left_open_runs_to_paragraph_end() -> None:
    text = 'She said: "We have no water.\n\nThe town was silent.'
    quote = only_quote(text)
    assert text[quote.start : quote.end] == "We have no water."
    assert not quote.closed


def only_quote(text: str) -> Quote:
    quotes = scan_quotes(text)
    assert len(quotes) == 1
    return quotes[0]


# -- direct speech -----------------------------------------------------------------------------------------
def test_quote_first(analyse: Analyse) -> None:
    st = only(
        analyse(
            "'We will not withdraw from the northern villages,' Defence Minister Elena Markova told "
            "reporters on Monday."
        )
    )
    assert st.kind == "direct"
    assert st.content == "We will not withdraw from the northern villages"
    assert st.speaker.name == "Elena Markova"
    assert st.speaker.kind == "person"
    assert st.cue == "told"


def test_speaker_first_with_colon(analyse: Analyse) -> None:
    st = only(analyse('Colonel Pavel Orlov said: "Our units have secured the bridge and the road."'))
    assert st.kind == "direct"
    assert st.content == "Our units have secured the bridge and the road."
    assert st.speaker.name == "Pavel Orlov"


def test_imperative_quote_after_colon(analyse: Analyse) -> None:
    st = only(analyse('On the radio, Halima Osei said: "Stay indoors. Do not approach the river."'))
    assert st.content == "Stay indoors. Do not approach the river."
    assert st.speaker.name == "Halima Osei"


def test_multi_paragraph_quote_reopens_at_each_paragraph(analyse: Analyse) -> None:
    text = (
        'Aid worker Jonas Weber said: "The convoy left the depot at dawn with twelve trucks.\n\n'
        '"We lost contact with the drivers at noon.\n\n'
        '"Nobody has heard from them since."\n\n'
        "The agency did not comment."
    )
    found = analyse(text)
    assert [s.content for s in found] == [
        "The convoy left the depot at dawn with twelve trucks.",
        "We lost contact with the drivers at noon.",
        "Nobody has heard from them since.",
    ]
    assert {s.speaker.name for s in found} == {"Jonas Weber"}


def test_split_quote_is_one_statement(analyse: Analyse) -> None:
    text = '"The talks are over," Hamid Karimi said. "We will return home tomorrow."'
    st = only(analyse(text))
    assert st.content == 'The talks are over," Hamid Karimi said. "We will return home tomorrow.'
    assert [text[a:b] for a, b in st.parts] == ["The talks are over", "We will return home tomorrow."]
    assert st.words(text) == "The talks are over We will return home tomorrow."
    assert (st.speaker.name, st.kind) == ("Hamid Karimi", "direct")


def test_quote_that_never_closes(analyse: Analyse) -> None:
    text = 'Nadia Aziz said: "The hospital has no power and the generators are broken.\n\nThe city was dark.'
    st = only(analyse(text))
    assert st.content == "The hospital has no power and the generators are broken."
    assert st.kind == "direct"


def test_nested_quotes_stay_in_the_outer_quote(analyse: Analyse) -> None:
    st = only(analyse("Omar Farouk said: \"The guards shouted 'leave now' and we ran to the trucks.\""))
    assert st.content == "The guards shouted 'leave now' and we ran to the trucks."
    assert st.kind == "direct"


def test_quoted_paragraphs_signed_with_a_dash(analyse: Analyse) -> None:
    text = (
        "Readers of the Corrin Herald on the ferry plan.\n\n"
        "\u201cThe ferry is the only way my children get to school. Cutting it cuts us off.\u201d"
        " \u2015 Marta Delgado\n"
        "\u201cI have waited twenty years for a bridge.\u201d\u2015 Tomas Ibarra.\n"
    )
    found = analyse(text)
    ferry = "The ferry is the only way my children get to school. Cutting it cuts us off."
    assert [(s.speaker.name, s.kind, s.cue, s.content) for s in found] == [
        ("Marta Delgado", "direct", "\u2015", ferry),
        ("Tomas Ibarra", "direct", "\u2015", "I have waited twenty years for a bridge."),
    ]


def test_a_dash_inside_a_paragraph_signs_nothing(analyse: Analyse) -> None:
    text = "The sign read \u201cno entry\u201d \u2014 Marta Delgado ignored it and walked on."
    assert not [s for s in analyse(text) if s.speaker.name == "Marta Delgado" and s.content == "no entry"]


def test_unattributed_scare_quotes_are_not_statements(analyse: Analyse) -> None:
    assert analyse("The group is banned as an 'extremist' organisation in several countries.") == []


# -- indirect speech -------------------------------------------------------------------------------------
def test_said_that(analyse: Analyse) -> None:
    st = only(analyse("Governor Tomas Lind said that the flood had destroyed three bridges."))
    assert st.kind == "indirect"
    assert st.content == "the flood had destroyed three bridges"
    assert st.speaker.name == "Tomas Lind"


def test_said_without_that(analyse: Analyse) -> None:
    st = only(analyse("Tomas Lind said the flood had destroyed three bridges."))
    assert st.content == "the flood had destroyed three bridges"


def test_told_someone_that(analyse: Analyse) -> None:
    st = only(analyse("Amira Haddad told the council that the clinic would reopen next week."))
    assert st.content == "the clinic would reopen next week"
    assert st.cue == "told"
    assert st.speaker.name == "Amira Haddad"


def test_according_to_at_start_and_end(analyse: Analyse) -> None:
    first = only(analyse("According to Mayor Ruth Adler, forty families fled the town overnight."))
    assert first.content == "forty families fled the town overnight"
    assert first.speaker.name == "Ruth Adler"
    assert first.cue == "According to"
    last = only(analyse("Forty families fled the town overnight, according to Ruth Adler."))
    assert last.content == "Forty families fled the town overnight"


def test_according_to_evidence_is_no_speaker(analyse: Analyse) -> None:
    assert analyse("According to images shared online, the bridge was destroyed on Sunday.") == []


def test_according_to_a_census_is_a_document(analyse: Analyse) -> None:
    st = only(analyse("According to the latest census, the city has two million residents."))
    assert (st.mode, st.speaker.kind, st.speaker.name) == ("document", "document", "latest census")


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        (
            "Idris Bello claimed that his fighters had taken the airport.",
            "claimed",
            "his fighters had taken the airport",
        ),
        ("Idris Bello confirmed that two soldiers had been captured.", "confirmed", "two soldiers had been captured"),
        (
            "Idris Bello denied that his fighters had shelled the market.",
            "denied",
            "his fighters had shelled the market",
        ),
        ("Idris Bello insisted that the convoy carried only food.", "insisted", "the convoy carried only food"),
        ("Idris Bello vowed that the road would stay open.", "vowed", "the road would stay open"),
        ("Idris Bello warned that supplies were running low.", "warned", "supplies were running low"),
        (
            "Idris Bello reiterated his call for a ceasefire in the south.",
            "reiterated",
            "his call for a ceasefire in the south",
        ),
        ("Idris Bello hailed the agreement as a breakthrough.", "hailed", "the agreement as a breakthrough"),
        ("Idris Bello rejected the proposal for a buffer zone.", "rejected", "the proposal for a buffer zone"),
        ("Idris Bello dismissed the reports of heavy losses.", "dismissed", "the reports of heavy losses"),
        ("Idris Bello denied the allegations of torture.", "denied", "the allegations of torture"),
        ("The Eastern Brigade claimed responsibility for the ambush.", "claimed", "responsibility for the ambush"),
    ],
)
def test_reporting_verbs(analyse: Analyse, sentence: str, cue: str, content: str) -> None:
    st = only(analyse(sentence))
    assert (st.cue, st.content) == (cue, content)


def test_claim_with_other_objects_is_no_statement(analyse: Analyse) -> None:
    assert analyse("The floods claimed the lives of twenty people.") == []


@pytest.mark.parametrize(
    ("sentence", "channel"),
    [
        ("Pavel Orlov said in a tweet that the bridge was open.", "tweet"),
        ("Pavel Orlov said on Twitter that the bridge was open.", "tweet"),
        ("Pavel Orlov said in an interview with a local radio station that the bridge was open.", "interview"),
        ("Pavel Orlov told a press conference that the bridge was open.", "press conference"),
        ("Pavel Orlov said on state television that the bridge was open.", "state television"),
        ("Pavel Orlov said at his daily briefing that the bridge was open.", "briefing"),
        ("Pavel Orlov said in a statement that the bridge was open.", "statement"),
        ("Pavel Orlov said that the bridge was open.", None),
    ],
)
def test_channels(analyse: Analyse, sentence: str, channel: str | None) -> None:
    st = only(analyse(sentence))
    assert st.channel == channel
    assert st.content == "the bridge was open"


def test_headline_form(analyse: Analyse) -> None:
    st = only(analyse("Rebels seize second airport in the north, Russia says"))
    assert st.content == "Rebels seize second airport in the north"
    assert st.speaker.name == "Russia"
    assert st.speaker.kind == "organisation"


def test_mixed_quote(analyse: Analyse) -> None:
    st = only(analyse("Laura Berg told reporters that the ceasefire was 'holding well' in the east."))
    assert st.kind == "mixed"
    assert st.content == "the ceasefire was 'holding well' in the east"


def test_hedges_without_speaker_are_not_statements(analyse: Analyse) -> None:
    text = (
        "It is believed that the rebels retreated overnight. Reports claim that the bridge fell. "
        "Last week, it was claimed that the garrison had surrendered."
    )
    assert analyse(text) == []


def test_said_without_content_is_no_statement(analyse: Analyse) -> None:
    assert analyse("The minister said nothing and left the room.") == []


def test_infinitive_promises_are_not_statements(analyse: Analyse) -> None:
    assert analyse("The fighters have vowed to continue their campaign in the hills.") == []


# -- speakers ----------------------------------------------------------------------------------------------
def test_pronoun_resolves_to_person_named_two_sentences_earlier(analyse: Analyse) -> None:
    text = (
        "Minister Karl Holm arrived in the capital on Tuesday. The streets were quiet after the storm. "
        "'We will rebuild every school,' he said."
    )
    st = only(analyse(text))
    assert st.speaker.name == "Karl Holm"
    assert st.speaker.mention == "he"


def test_she_skips_a_male_speaker(analyse: Analyse) -> None:
    text = (
        "Anna Petrova, the agency's spokeswoman, said the aid had arrived. David Cole, the mission chief, "
        "said the roads were open. She said that more trucks would follow."
    )
    found = analyse(text)
    assert [s.speaker.name for s in found] == ["Anna Petrova", "David Cole", "Anna Petrova"]


def test_surname_and_title_resolve_to_full_name(analyse: Analyse) -> None:
    text = (
        "Sarah Mensah said the vote would go ahead. Later, Ms Mensah added that observers had arrived. "
        "Mensah insisted that the count would be fair."
    )
    found = analyse(text)
    assert [s.speaker.name for s in found] == ["Sarah Mensah"] * 3
    assert [s.speaker.mention for s in found] == ["Sarah Mensah", "Ms Mensah", "Mensah"]


def test_description_resolves_to_named_speaker(analyse: Analyse) -> None:
    text = (
        "Foreign Minister Ivan Sokolov confirmed that talks would resume in May. "
        "Speaking later, the Russian official also said that the delegations had agreed on an agenda."
    )
    found = analyse(text)
    assert [s.speaker.name for s in found] == ["Ivan Sokolov", "Ivan Sokolov"]
    assert found[1].speaker.mention == "the Russian official"


def test_bare_title_resolves_to_the_titled_name(analyse: Analyse) -> None:
    text = "Interior Minister said that the border would close.\n\nInterior Minister Lukas Brandt spoke in the capital."
    assert only(analyse(text)).speaker.name == "Lukas Brandt"


def test_states_and_organisations_speak(analyse: Analyse) -> None:
    found = analyse("Russia said its embassy would stay open. The Taliban said the road to the north was closed.")
    assert [(s.speaker.name, s.speaker.kind) for s in found] == [
        ("Russia", "organisation"),
        ("Taliban", "organisation"),
    ]


def test_group_description_and_it_resolve_to_the_group(analyse: Analyse) -> None:
    text = (
        "The Taliban said the road to the north was closed. The militant group also claimed that its "
        "fighters controlled the pass. It said that talks were possible."
    )
    assert [s.speaker.name for s in analyse(text)] == ["Taliban"] * 3


def test_unnamed_source_keeps_the_outlet(analyse: Analyse) -> None:
    text = (
        "A source told The Sun Online that the convoy had turned back.\n\n"
        "The source said: 'They ran out of fuel near the pass.'"
    )
    found = analyse(text, outlet="The Sun")
    assert [s.speaker.name for s in found] == ["unnamed source (The Sun Online)"] * 2
    assert all(s.speaker.kind == "unnamed" and s.speaker.outlet == "The Sun Online" for s in found)


def test_unnamed_officials_take_the_article_outlet(analyse: Analyse) -> None:
    st = only(analyse("Officials said the airport would reopen on Friday.", outlet="Reuters"))
    assert st.speaker.kind == "unnamed"
    assert st.speaker.outlet == "Reuters"
    assert "Reuters" in st.speaker.name


def test_outlet_as_speaker(analyse: Analyse) -> None:
    st = only(analyse("The brigade had withdrawn from the valley before dawn, The Daily Herald reports."))
    assert st.speaker.kind == "outlet"
    assert st.speaker.name == "Daily Herald"
    assert st.content == "The brigade had withdrawn from the valley before dawn"


def test_possessor_of_the_account_speaks_for_they(analyse: Analyse) -> None:
    text = 'In a post on the Eastern Brigade\'s account, they said: "We hold the ridge."'
    assert only(analyse(text)).speaker.name == "Eastern Brigade"


def test_nested_report_by_the_same_speaker_is_part_of_the_statement(analyse: Analyse) -> None:
    text = "The Taliban said it had sent fighters to the valley after they claimed that local officials refused."
    st = only(analyse(text))
    assert st.content.startswith("it had sent fighters")


def test_cues_data_lists_denials() -> None:
    cues = load_cues()
    for verb in ("deny", "reject", "dismiss", "refute"):
        assert verb in cues.clause_verbs and verb in cues.object_verbs


# -- harder constructions ----------------------------------------------------------------------------------
def test_quote_split_mid_sentence_is_one_statement(analyse: Analyse) -> None:
    text = '"The bridge is gone," Hamid Karimi said, "and the road is flooded."'
    st = only(analyse(text))
    assert st.content == 'The bridge is gone," Hamid Karimi said, "and the road is flooded.'
    assert [text[a:b] for a, b in st.parts] == ["The bridge is gone", "and the road is flooded."]
    assert (st.speaker.name, st.kind) == ("Hamid Karimi", "direct")


def test_a_quote_ending_in_a_verbless_sentence_keeps_its_speaker(analyse: Analyse) -> None:
    # the parser takes the quote's last, verbless sentence for a second subject of "said" (fictional)
    text = '"He would be a fine mayor. One of the brightest members of the council," Rep. Jane Dorne said.'
    st = only(analyse(text))
    assert st.content == "He would be a fine mayor. One of the brightest members of the council"
    assert (st.speaker.name, st.kind) == ("Jane Dorne", "direct")


def test_quote_in_three_parts_is_one_statement(analyse: Analyse) -> None:
    text = '"The water is rising," Mayor Lena Ortiz said, "and the dam is old." "We opened the shelters."'
    st = only(analyse(text))
    assert st.speaker.name == "Lena Ortiz"
    assert [text[a:b] for a, b in st.parts] == ["The water is rising", "and the dam is old.", "We opened the shelters."]


def test_quote_with_its_own_attribution_is_not_joined_to_the_one_before(analyse: Analyse) -> None:
    text = '"The water is rising," Mayor Lena Ortiz said. "We opened the shelters," she added.'
    found = analyse(text)
    assert [s.content for s in found] == ["The water is rising", "We opened the shelters"]


def test_quotes_of_two_speakers_are_not_joined(analyse: Analyse) -> None:
    text = '"The bridge is gone," Hamid Karimi said. "It was never safe," his neighbour Rosa Lind replied.'
    found = analyse(text)
    assert [(s.speaker.name, s.content) for s in found] == [
        ("Hamid Karimi", "The bridge is gone"),
        ("Rosa Lind", "It was never safe"),
    ]
    assert all(len(s.parts) == 1 for s in found)


def test_quote_after_other_narration_is_not_joined(analyse: Analyse) -> None:
    text = '"The bridge is gone," Hamid Karimi said. The army denied it on Monday. "We will rebuild it," Karimi added.'
    found = analyse(text)
    assert [s.content for s in found if s.kind == "direct"] == ["The bridge is gone", "We will rebuild it"]


def test_trailing_unattributed_quote_in_the_sentence_is_no_continuation(analyse: Analyse) -> None:
    found = analyse('"We are not leaving," Hamid Karimi said, calling the offer "an insult".')
    assert found[0].content == "We are not leaving"
    # the trailing quote is no direct continuation; "calling the offer 'an insult'" is his own statement
    assert all(s.kind != "direct" or s.content == "We are not leaving" for s in found)
    assert {s.speaker.name for s in found} == {"Hamid Karimi"}


def test_quote_paragraph_after_an_attributed_quote(analyse: Analyse) -> None:
    found = analyse('"We held the line," said Captain Ines Moreau.\n\n"Nobody retreated, nobody surrendered."')
    # a paragraph is its own statement (a desk cites it apart), the speaker's all the same
    assert [s.content for s in found] == ["We held the line", "Nobody retreated, nobody surrendered."]
    assert {s.speaker.name for s in found} == {"Ines Moreau"}
    assert all(len(s.parts) == 1 for s in found)


def _said(name: str, text: str, words: str, kind: StatementKind = "indirect") -> Statement:
    start = text.index(words)
    return Statement(Speaker(name, name, "person"), "said", kind, words, start, start + len(words))


def test_overlapping_readings_of_one_speaker_are_one_statement() -> None:
    text = 'Ines Moreau said the "convoy reached the border at dawn" and the crossing was calm.'
    short = _said("Ines Moreau", text, 'the "convoy reached the border', "mixed")
    whole = _said("Ines Moreau", text, "convoy reached the border at dawn", "direct")
    other = _said("Omar Farouk", text, "the border at dawn")
    assert drop_nested([short, whole, other]) == [whole, other]  # the longer kept; another speaker's stays


def test_a_span_two_cues_claim_is_the_one_in_its_own_sentence() -> None:
    text = '"The bridge is gone," Hamid Karimi said. "It was never safe," his neighbour Rosa Lind replied.'
    quote = "It was never safe"
    start = text.index(quote)
    karimi = replace(_said("Hamid Karimi", text, quote, "direct"), sentence_start=0, sentence_end=63)
    lind = replace(_said("Rosa Lind", text, quote, "direct"), sentence_start=start - 1, sentence_end=len(text))
    assert drop_nested([karimi, lind]) == [lind]


def test_quoted_as_saying(analyse: Analyse) -> None:
    st = only(analyse("Rebel commander Yusuf Dar was quoted as saying that his men would not disarm."))
    assert (st.speaker.name, st.content) == ("Yusuf Dar", "his men would not disarm")


def test_statement_saying(analyse: Analyse) -> None:
    st = only(analyse("The Northland Defence Ministry issued a statement saying that the drills had ended."))
    assert st.content == "the drills had ended"
    assert st.speaker.kind == "organisation"
    assert "Ministry" in st.speaker.name


def test_statement_from_an_organisation(analyse: Analyse) -> None:
    st = only(analyse("A statement from the Northland Defence Ministry said the drills had ended."))
    assert st.content == "the drills had ended"
    assert "Ministry" in st.speaker.name
    assert st.channel == "statement"


def test_inanimate_inference_is_no_statement(analyse: Analyse) -> None:
    assert analyse("The move signals that the talks have failed.") == []
    assert analyse("It is hard to say whether the truce will hold.") == []


def test_plural_common_noun_is_an_unnamed_source(analyse: Analyse) -> None:
    st = only(analyse("Protesters said the police had fired tear gas.", outlet="Reuters"))
    assert st.speaker.kind == "unnamed"
    assert st.content == "the police had fired tear gas"


def test_apposition_names_the_speaker(analyse: Analyse) -> None:
    st = only(analyse("The foreign minister, Ivan Sokolov, said that the embassy would reopen."))
    assert st.speaker.name == "Ivan Sokolov"


def test_journalists_question_is_not_the_speakers_statement(analyse: Analyse) -> None:
    st = only(analyse('Asked whether the army would withdraw, Ivan Sokolov said: "Not this year."'))
    assert st.content == "Not this year."


def test_someones_spokesman_is_not_that_someone(analyse: Analyse) -> None:
    text = "Opposition leader Marta Kowal left the country. Her spokesman said she would return in May."
    st = only(analyse(text))
    assert st.speaker.name == "spokesman of Marta Kowal"


def test_institution_keeps_its_own_name(analyse: Analyse) -> None:
    text = "Ruritania said the talks had stalled. The army said it had moved two brigades to the border."
    found = analyse(text)
    assert [s.speaker.name for s in found] == ["Ruritania", "army"]


def test_negated_speaker_is_no_statement(analyse: Analyse) -> None:
    assert analyse("No group has claimed responsibility for the attack.") == []


def test_quote_completing_the_content_is_part_of_it(analyse: Analyse) -> None:
    st = only(analyse("Lena Vogel admits the blockade was her 'greatest failure'."))
    assert st.kind == "mixed"
    assert st.content == "the blockade was her 'greatest failure'"


def test_attribution_after_the_clause(analyse: Analyse) -> None:
    st = only(analyse("The troops withdrew from the town overnight, officials said.", outlet="Reuters"))
    assert st.content == "The troops withdrew from the town overnight"
    assert st.speaker.name == "unnamed official (Reuters)"


def test_attribution_interrupting_the_clause(analyse: Analyse) -> None:
    st = only(analyse("The strikes, officials said, killed 12 people in the market."))
    assert st.content.startswith("The strikes") and st.content.endswith("killed 12 people in the market")
    middle = only(analyse("The ceasefire, according to the mediators, is holding."))
    assert middle.content.startswith("The ceasefire") and middle.content.endswith("is holding")


def test_surname_prefers_the_namesake_who_spoke(analyse: Analyse) -> None:
    text = (
        "General Karim Haddad died in the war. His son Omar Haddad said the valley would hold. "
        "Haddad added that his fighters had enough food."
    )
    assert [s.speaker.name for s in analyse(text)] == ["Omar Haddad", "Omar Haddad"]


def test_beliefs_held_by_a_named_source(analyse: Analyse) -> None:
    st = only(analyse("Mayor Ruth Adler believes the dam will hold."))
    assert (st.speaker.name, st.content, st.mode) == ("Ruth Adler", "the dam will hold", "belief")
    assert analyse("The mayor expects to win the vote.") == []


# -- second pass: precision on political news ----------------------------------------------------------------
def test_time_of_the_saying_is_not_content(analyse: Analyse) -> None:
    st = only(analyse("The ministry said on Tuesday it would send 300 more police officers to the border."))
    assert st.content == "it would send 300 more police officers to the border"


def test_quote_set_off_by_a_dash_before_the_cue_is_the_content(analyse: Analyse) -> None:
    st = only(analyse("Yet Hallam has already changed his account once \u2014 \u201cI now remember it,\u201d he said."))
    assert (st.kind, st.content) == ("direct", "I now remember it")


def test_dateline_is_not_content(analyse: Analyse) -> None:
    st = only(analyse("VELGRAD \u2014 The border crossing will reopen next week, officials said."))
    assert st.content == "The border crossing will reopen next week"


def test_relative_clause_cue_stops_at_the_clause(analyse: Analyse) -> None:
    st = only(
        analyse(
            "The opposition leader, who said last month that he would boycott the vote, registered as a "
            "candidate on Sunday."
        )
    )
    assert st.content == "he would boycott the vote"


@pytest.mark.parametrize(
    "sentence",
    [
        "That said, the army has not left the northern province.",
        "The said agreement expired last year.",
        "It did not reveal the location of the crash.",
        "The minister confirmed the date of the summit.",
        "The country would announce the investigations after the vote.",
        "Hong Kong is tense; the authorities continue to escalate the crisis.",
        "The public has begun to wonder at what point enough is enough.",
        "Marta Kowal expects the committee to approve the budget.",
    ],
)
def test_not_attributions(analyse: Analyse, sentence: str) -> None:
    assert analyse(sentence) == []


def test_propositional_objects_of_announce_and_confirm(analyse: Analyse) -> None:
    found = analyse(
        "The army confirmed the deaths of three soldiers in the ambush. "
        "The council announced a ceasefire in the eastern districts."
    )
    assert [s.content for s in found] == [
        "the deaths of three soldiers in the ambush",
        "a ceasefire in the eastern districts",
    ]


def test_accused_of_keeps_the_charge(analyse: Analyse) -> None:
    st = only(analyse("Grisham also accused the opposition of being blinded by hatred."))
    assert st.content == "the opposition of being blinded by hatred"


def test_belief_shared_by_coordinated_verbs(analyse: Analyse) -> None:
    st = only(analyse("The witnesses never cite evidence but feel that the minister is dangerous."))
    assert st.content == "the minister is dangerous"


def test_age_description_resolves_to_the_named_person(analyse: Analyse) -> None:
    text = "Prime Minister Jonas Ekberg met the delegation on Friday. The 42-year-old said the talks had gone well."
    st = only(analyse(text))
    assert (st.speaker.name, st.speaker.mention) == ("Jonas Ekberg", "The 42-year-old")


def test_former_title_resolves_to_the_named_person(analyse: Analyse) -> None:
    text = "Former President Alma Ruiz attended the rally. The former president said the government had lied."
    assert only(analyse(text)).speaker.name == "Alma Ruiz"


def test_courtesy_title_makes_a_person(analyse: Analyse) -> None:
    st = only(analyse("Mr Varga, speaking at a news conference, said the attackers had crossed the border."))
    assert (st.speaker.kind, st.channel) == ("person", "press conference")


def test_name_with_an_appositive_profession_is_a_person(analyse: Analyse) -> None:
    st = only(analyse("Eswar Prasad, a trade professor at Cornell, said the deal had failed."))
    assert st.speaker.kind == "person"


def test_plural_indefinite_people_are_unnamed_sources(analyse: Analyse) -> None:
    st = only(analyse("Executives say they have no choice but to postpone hiring.", outlet="Test Wire"))
    assert st.speaker.kind == "unnamed"


def test_heading_run_into_the_next_paragraph_is_no_speaker(analyse: Analyse) -> None:
    text = '6. "The Halden problem"\n\nMorrow testified that he did not always follow advice from Halden.'
    st = only(analyse(text))
    assert st.speaker.name == "Morrow"
    assert st.content == "he did not always follow advice from Halden"


def test_interrupting_attribution_keeps_both_parts(analyse: Analyse) -> None:
    st = only(analyse("Within weeks of the election, Dalton said, the new cabinet had already lost two ministers."))
    assert st.content.startswith("Within weeks of the election")
    assert st.content.endswith("the new cabinet had already lost two ministers")


def test_a_trailing_description_is_not_someone_named_in_the_content(analyse: Analyse) -> None:
    [st] = analyse("Rebel gunmen shelled the town of Maridi overnight, killing two civilians, the governor said.")
    assert st.speaker.name == "governor" and st.content.startswith("Rebel gunmen")
    text = (
        "Governor Anna Loro visited the hospital on Monday. Gunmen shelled the town of Maridi overnight, "
        "killing two civilians, the governor said."
    )
    assert [s.speaker.name for s in analyse(text)] == ["Anna Loro"]


# -- datelines, owners and persons in speaker names ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the parser takes the place line for a second subject
        (
            "Velgrad, Norland, (Daily Post / Vale News - 13th Jan, 2031 ) :Norland said on Friday its forces had "
            "taken the town.",
            "Norland",
        ),  # fmt: skip
        # the parser runs the place line into the subject's noun phrase
        ("VELGRAD - Norland's army said on Monday it had hit a fuel depot.", "Norland's army"),
    ],
)
def test_a_dateline_is_never_a_speaker(analyse: Analyse, text: str, speaker: str) -> None:
    st = only(analyse(text))
    assert (st.speaker.name, st.speaker.mention) == (speaker, speaker)


def test_a_subject_inside_a_dateline_gives_no_speaker(nlp: Language, cues: Cues) -> None:
    """Where the parser leaves the dateline's place as a verb's only subject, nobody is found to speak."""
    text = "Velgrad, Norland, (Daily Post / Vale News - 13th Jan, 2031 ) :Officials said the town had fallen."
    doc = nlp(text)
    resolver = SpeakerResolver(doc, DocIndex(doc), Article(source="test", text=text), cues, [])
    cue = next(t for t in doc if t.text == "said")
    frame = Frame(cue, "said", doc[0], text.index("the town"), len(text) - 1, "indirect")
    assert resolver.resolve(frame) is None
    officials = next(t for t in doc if t.text == "Officials")
    assert resolver.resolve(replace(frame, subject=officials)) is not None


def test_a_dateline_credit_is_no_antecedent(analyse: Analyse) -> None:
    text = 'VELGRAD, March 3 (Reuters) - The fictional depot burned for hours. "We will rebuild," it said.'
    assert [s.speaker.name for s in analyse(text)] == ["it"]


@pytest.mark.parametrize("cue", ["said", "added"])
def test_a_pronoun_after_a_quote_resolves_whatever_the_cue(analyse: Analyse, cue: str) -> None:
    text = (
        "General Arno Veld said on Monday the army had hit a depot. At least 12 people were killed, according "
        f'to a witness. "We hit their storage," he {cue}.'
    )
    said = [s for s in analyse(text) if s.content == "We hit their storage"]
    assert [(s.speaker.name, s.speaker.mention, s.cue) for s in said] == [("Arno Veld", "he", cue)]


def test_a_name_after_a_persons_title_is_a_person(analyse: Analyse) -> None:
    st = only(analyse("Rebel spokesperson Tun Aye Zaw told reporters that the army had struck the camp."))
    assert st.speaker.kind == "person"


def test_a_person_stays_a_person_when_named_again(analyse: Analyse) -> None:
    text = (
        "Aye Zaw Htun, a spokesman for the rebels, confirmed the raid on Tuesday. "
        '"We attacked the depot," Aye Zaw Htun told a local radio station.'
    )
    assert [s.speaker.kind for s in analyse(text)] == ["person", "person"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Norland's Defence Ministry said its forces had captured the fictional town.", "Norland's Defence Ministry"),
        ("Norland's defence ministry has said Vale struck a fictional prison.", "Norland's defence ministry"),
        ("A statement from Norland's Foreign Ministry said the talks were over.", "Norland's Foreign Ministry"),
    ],
)
def test_a_body_keeps_its_owner(analyse: Analyse, text: str, speaker: str) -> None:
    assert only(analyse(text)).speaker.name == speaker


def test_an_owning_pronoun_is_not_kept_as_a_name(analyse: Analyse) -> None:
    found = analyse("Norland's army denied the report. Its General Staff said no rocket had been fired.")
    (st,) = [s for s in found if s.content == "no rocket had been fired"]
    assert st.speaker.name == "General Staff"


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        ("Karlov Says Talks Will Resume in Norland.", "Karlov"),  # tagged "Karlov Says"
        ("Torvald Says Talks Will Resume in Norland.", "Torvald"),  # tagged "Torvald Says Talks Will Resume"
    ],
)
def test_a_headline_verb_the_entity_recogniser_ran_into_a_name_is_no_part_of_it(
    analyse: Analyse, headline: str, speaker: str
) -> None:
    """Fictional. A title-case headline's name and verb are one person to the small model; the speaker is the
    name alone, in the headline and wherever the name comes back."""
    text = f'{headline}\n\n{speaker.split()[-1]} told reporters that the talks would resume next week. "We are ready."'
    found = analyse(text)
    assert found and {st.speaker.name for st in found if st.speaker} == {speaker}
