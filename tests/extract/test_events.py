"""The events stage, one construction at a time, on sentences written for these tests (fictional events)."""

from __future__ import annotations

import pytest

from fieldbrief.extract.events import Trigger, load_lexicon
from fieldbrief.model import Article, Event, RawDocument
from fieldbrief.pipeline import Pipeline

PUBLISHED = "2023-03-10"  # a Friday


def analyze(pipeline: Pipeline, text: str, published: str = PUBLISHED) -> Article:
    (out,) = list(pipeline.run_documents([RawDocument(source="test", text=text, published=published)]))
    assert isinstance(out, Article), out
    for event in out.events:
        assert out.text[event.start:event.end] == event.evidence
    return out


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.evidence) for e in events]
    return found[0]


# -- the lexicon ------------------------------------------------------------------------------------------
def test_lexicon_loads_every_trigger_table() -> None:
    lex = load_lexicon()
    assert "shell" in lex.verbs and "airstrike" in lex.nouns
    assert all(isinstance(p.trigger, Trigger) for phrases in lex.verbs.values() for p in phrases)
    assert lex.acled_rules and lex.cues.negation


# -- status --------------------------------------------------------------------------------------------------
def test_negation_makes_a_denied_event(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "Local officials in Maridi insisted on Sunday that there had been no fighting in the town.")
    assert only(art.events, "ASSAULT").status == "denied"


def test_denial_by_a_speaker(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "The rebel commander Tomas Okello denied that his men attacked the aid convoy near Yei.")
    event = only(art.events, "ASSAULT")
    assert event.status == "denied"
    assert event.according_to and "Okello" in event.according_to


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("It is believed that militants attacked the police post outside the town of Kuma overnight.", "hedged"),
        ("Militants reportedly attacked the police post outside the town of Kuma overnight.", "hedged"),
        ("It was claimed that the soldiers retreated from the hill above the town of Kuma.", "claimed"),
        ("The rebels vowed to attack the provincial capital before the rainy season begins.", "planned"),
        ("Soldiers attacked the police post outside the town of Kuma overnight, residents said.", "claimed"),
        ("Soldiers attacked the police post outside the town of Kuma overnight, killing three officers.", "asserted"),
    ],
)
def test_status_cues(pipeline: Pipeline, text: str, status: str) -> None:
    events = analyze(pipeline, text).events
    assert [e.status for e in events] == [status], [(e.type, e.status) for e in events]


def test_according_to_comes_from_the_enclosing_statement(pipeline: Pipeline) -> None:
    text = '"Our fighters ambushed an army convoy near the river," said Hassan Dube, a rebel spokesman.'
    art = analyze(pipeline, text)
    event = only(art.events, "ASSAULT")
    assert event.status == "claimed"
    assert event.according_to == "Hassan Dube"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Fighters attacked the town of Kuma, the rebel commander said, adding that the army had fled.", "commander"),
        ("Rebels attacked a police post in Kuma on Monday, according to local residents.", "resident"),
        ("Soldiers shelled the village of Kuma overnight, a source told The Daily Ledger.", "source"),
        ("Government troops attacked rebel positions near Kuma, said Peter Lado, a local official.", "Peter Lado"),
    ],
)
def test_events_inside_a_statement_are_claimed_by_its_speaker(pipeline: Pipeline, text: str, speaker: str) -> None:
    """Trailing, interrupting and "according to" attribution, named and unnamed sources alike."""
    art = analyze(pipeline, text)
    event = only(art.events, "ASSAULT")
    assert event.status == "claimed"
    assert event.according_to is not None and speaker.lower() in event.according_to.lower()
    assert any(st.speaker.name == event.according_to for st in art.statements)


# -- CONCEDE and SUPPORT -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The provincial government lifted the curfew in Kuma on Monday.", "CONCEDE"),
        ("Authorities eased restrictions on movement in the northern districts.", "CONCEDE"),
        ("The army declared a unilateral ceasefire on Sunday.", "CONCEDE"),
        ("The rebels withdrew their demand for a separate state.", "CONCEDE"),
        ("The interior ministry reopened the border crossing with its neighbour.", "CONCEDE"),
        ("The government agreed to halt construction of the dam.", "CONCEDE"),
        ("The junta agreed to release 200 political prisoners.", "CONCEDE"),
        ("The rebels released 12 hostages on Friday.", "RETREAT"),
        ("The militia withdrew its fighters from the town of Kuma.", "RETREAT"),
        ("The president praised the army for its restraint.", "SUPPORT"),
        ("The council welcomed the decision to hold elections in June.", "SUPPORT"),
        ("Ministers expressed support for the peace process.", "SUPPORT"),
        ("The two countries restored diplomatic relations after a decade.", "SUPPORT"),
        ("Parliament approved the plan to send peacekeepers.", "SUPPORT"),
    ],
)
def test_concessions_and_support(pipeline: Pipeline, text: str, type_: str) -> None:
    assert [e.type for e in analyze(pipeline, text).events] == [type_]


def test_a_promise_is_a_concession_and_a_threat_is_not(pipeline: Pipeline) -> None:
    promised = only(analyze(pipeline, "The militia promised to withdraw its fighters from Kuma.").events, "CONCEDE")
    assert promised.status == "planned"
    threat = analyze(pipeline, "The rebels threatened to withdraw from the talks in Kuma.").events
    assert [(e.type, e.status) for e in threat] == [("RETREAT", "planned")]


@pytest.mark.parametrize(
    "text",
    [
        "He lifted the wounded man onto the truck.",
        "The envoy hailed a constructive meeting in the capital.",
    ],
)
def test_no_concession_or_support_without_its_object(pipeline: Pipeline, text: str) -> None:
    assert not [e for e in analyze(pipeline, text).events if e.type in {"CONCEDE", "SUPPORT"}]


# -- arguments, fatalities, place, date ---------------------------------------------------------------------
def test_actor_and_target_from_the_parse(pipeline: Pipeline) -> None:
    event = only(analyze(pipeline, "Rebels ambushed an army convoy on the road to the town of Kuma.").events, "ASSAULT")
    assert event.actor is not None and event.actor.name == "Rebels"
    assert event.target is not None and "convoy" in event.target.name


def test_passive_with_agent(pipeline: Pipeline) -> None:
    text = "The market in the town of Kuma was shelled by government forces on Tuesday."
    event = only(analyze(pipeline, text).events, "ASSAULT")
    assert event.actor is not None and "forces" in event.actor.name
    assert event.mode == "heavy-weapons"


def test_fatalities_from_a_passive_casualty(pipeline: Pipeline) -> None:
    text = "30 Taliban fighters were killed in clashes with government troops in Kandahar province."
    event = only(analyze(pipeline, text).events, "ASSAULT")
    assert event.fatalities == 30
    assert event.actor is not None and event.actor.actor == "TAL"


def test_casualty_folds_into_the_attack_of_its_sentence(pipeline: Pipeline) -> None:
    text = "On 3 March 2023, RSF shelled residential areas in El Fasher, killing 5 civilians."
    art = analyze(pipeline, text)
    event = only(art.events, "ASSAULT")
    assert len(art.events) == 1
    assert event.fatalities == 5
    assert event.actor is not None and event.actor.actor == "RSF"
    assert event.place is not None and event.place.country == "SD"
    assert event.date is not None and event.date.date_start == "2023-03-03"
    assert event.acled is not None and event.acled.sub_event_type == "Shelling/artillery/missile attack"


def test_place_and_relative_date_of_a_press_release(pipeline: Pipeline) -> None:
    text = "Ukrainian forces repelled 14 attacks near Bakhmut on Tuesday, the General Staff reported."
    event = only(analyze(pipeline, text).events, "ASSAULT")
    assert event.place is not None and event.place.country == "UA"
    assert event.date is not None and event.date.date_start == "2023-03-07"
    assert event.actor is not None and event.actor.actor == "UKR-MIL"


def test_several_events_in_one_sentence(pipeline: Pipeline) -> None:
    text = "Soldiers arrested six suspects and later burned their houses in the village of Kuma."
    types = sorted(e.type for e in analyze(pipeline, text).events)
    assert types == ["ASSAULT", "COERCE"]


def test_the_same_event_twice_is_one_record(pipeline: Pipeline) -> None:
    text = ("Government troops shelled the town of Tawila on Monday.\n\n"
            "Residents fled after the shelling. Government troops shelled Tawila on Monday, killing two children.")
    events = [e for e in analyze(pipeline, text).events if e.type == "ASSAULT"]
    assert len(events) == 1
    assert events[0].fatalities == 2


# -- ACLED -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("An Israeli air strike killed seven people in a house in Gaza City on Sunday.", "Air/drone strike"),
        ("Gunmen abducted 12 villagers in Zamfara state on Wednesday night.", "Abduction/forced disappearance"),
        ("Police arrested 20 opposition supporters in Mandalay on Thursday.", "Arrests"),
        ("Police fired tear gas at protesters in Khartoum on Monday.", "Protest with intervention"),
        ("Hundreds of protesters marched peacefully through Yangon on Monday.", "Peaceful protest"),
        ("A roadside bomb exploded near an army patrol in Kidal, wounding two soldiers.",
         "Remote explosive/landmine/IED"),
    ],
)
def test_acled_mapping(pipeline: Pipeline, text: str, sub_event: str) -> None:
    events = analyze(pipeline, text).events
    assert [e.acled.sub_event_type if e.acled else None for e in events] == [sub_event], [
        (e.type, e.mode, e.acled) for e in events]


# -- precision -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The finance minister said the economy grew by three percent last year despite the drought.",
        "Teachers held a general strike rate review in the capital, the union said in a statement.",
        "The museum remembers the September 11 attacks with a new exhibition opening in spring.",
        "He has years of experience in fighting wildfires in the dry hills of the region.",
    ],
)
def test_no_event_for_ordinary_sentences(pipeline: Pipeline, text: str) -> None:
    assert analyze(pipeline, text).events == []


def test_ids_are_stable(pipeline: Pipeline) -> None:
    text = "Rebels ambushed an army convoy on the road to the town of Kuma on Monday."
    first, second = analyze(pipeline, text), analyze(pipeline, text)
    assert [e.id for e in first.events] == [e.id for e in second.events]
    assert all(e.id for e in first.events)


# -- second pass: readings that depend on the actor, ACLED notes, arguments ---------------------------------------
@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("On 3 March 2023, the Wadi militia shelled residential areas in Tawila, killing 5 civilians.",
         "Shelling/artillery/missile attack"),
        ("On 8 March 2023, a landmine exploded near the village of Kuma, killing two herders.",
         "Remote explosive/landmine/IED"),
        ("On 15 March 2023, security forces fired live ammunition at protesters in Maridi, killing 3.",
         "Excessive force against protesters"),
        ("On 17 March 2023, rioters burned a police station in Maridi.", "Violent demonstration"),
        ("On 18 March 2023, a mob lynched a suspected thief in Maridi.", "Mob violence"),
        ("On 25 March 2023, armed men attacked the village of Kuma, killing 7 civilians.", "Attack"),
        ("On 5 April 2023, rebel forces shot down an army drone over Maridi.", "Disrupted weapons use"),
        ("On 14 March 2023, militia fighters raped two women in the village of Kuma, local officials said.",
         "Sexual violence"),
    ],
)
def test_acled_notes(pipeline: Pipeline, text: str, sub_event: str) -> None:
    event = analyze(pipeline, text).events[0]
    assert event.acled is not None and event.acled.sub_event_type == sub_event, event


def test_a_date_is_no_target(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "On 7 March 2023, soldiers fired shots at a bus near the village of Kuma.")
    event = only(art.events, "ASSAULT")
    assert event.target is not None and "March" not in event.target.name


def test_strike_by_workers_is_a_protest_and_by_an_army_an_attack(pipeline: Pipeline) -> None:
    assert only(analyze(pipeline, "Hundreds of nurses began a strike in Maridi on Monday over unpaid wages.").events,
                "PROTEST").mode == "strike"
    art = analyze(pipeline, "The army launched a strike on rebel positions near Maridi on Monday.")
    assert only(art.events, "ASSAULT").mode == "aerial"


def test_a_demonym_on_a_violent_noun_names_the_military(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "An Israeli air strike hit a house in Rafah on Tuesday, killing four people, medics said.")
    event = only(art.events, "ASSAULT")
    assert event.actor is not None and event.actor.actor == "ISR-MIL"


def test_event_nouns_are_no_targets(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "Government troops repelled 14 attacks near the town of Kuma on Monday.")
    event = only(art.events, "ASSAULT")
    assert event.target is None or "attack" not in event.target.name


def test_a_bare_participle_has_no_actor(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "Omar is the nephew of Tomas Rell, the rebel commander ambushed near Kuma in 1998.")
    assert all(e.actor is None or "commander" not in e.actor.name for e in art.events)


def test_a_hyphenated_noun_and_a_misread_verb_still_trigger(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "On 3 April 2023, residents staged a sit-in in front of the governor's office in Maridi.")
    assert only(art.events, "PROTEST").acled is not None
