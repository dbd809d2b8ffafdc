"""The events stage, one construction at a time, on sentences written for these tests (fictional events)."""

from __future__ import annotations

import pytest
from _pytest.mark.structures import ParameterSet

from fieldbrief.extract.events import Trigger, load_lexicon
from fieldbrief.model import Article, Event, RawDocument
from fieldbrief.pipeline import Pipeline

PUBLISHED = "2023-03-10"  # a Friday


def analyze(pipeline: Pipeline, text: str, published: str = PUBLISHED) -> Article:
    (out,) = list(pipeline.run_documents([RawDocument(source="test", text=text, published=published)]))
    assert isinstance(out, Article), out
    for event in out.events:
        assert out.text[event.start : event.end] == event.evidence
    return out


def main_event(events: list[Event]) -> Event | None:
    """The story's main event: the first one in the text that is not denied."""
    kept = [e for e in events if e.status != "denied"] or list(events)
    return min(kept, key=lambda e: e.start) if kept else None


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
        # not confirming is not denying: the attack is left open
        ("The ministry did not confirm that soldiers attacked the police post outside the town of Kuma.", "hedged"),
        ("The ministry denied that soldiers attacked the police post outside the town of Kuma.", "denied"),
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
    text = (
        "Government troops shelled the town of Tawila on Monday.\n\n"
        "Residents fled after the shelling. Government troops shelled Tawila on Monday, killing two children."
    )
    events = [e for e in analyze(pipeline, text).events if e.type == "ASSAULT"]
    assert len(events) == 1
    assert events[0].fatalities == 2


def test_one_death_told_again_by_a_pronoun_counts_once(pipeline: Pipeline) -> None:
    text = (  # fictional
        "Afghan and coalition forces today confirmed the death of Badar, a rebel commander, after an operation "
        "in Example district, Ghazni province, on Monday. As the security force approached, he opened fire. "
        "The security force returned fire, killing him."
    )
    events = [e for e in analyze(pipeline, text).events if e.type == "ASSAULT" and e.fatalities]
    assert sum(e.fatalities or 0 for e in events) == 1


def test_a_death_on_the_other_side_is_not_the_same_one(pipeline: Pipeline) -> None:
    text = (  # fictional
        "Government troops killed a rebel commander in Example district, Ghazni province, on Monday. "
        "Rebel fighters then ambushed a soldier near Example, killing him."
    )
    events = [e for e in analyze(pipeline, text).events if e.type == "ASSAULT" and e.fatalities]
    assert sum(e.fatalities or 0 for e in events) == 2


# -- ACLED -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("An Israeli air strike killed seven people in a house in Gaza City on Sunday.", "Air/drone strike"),
        ("Gunmen abducted 12 villagers in Zamfara state on Wednesday night.", "Abduction/forced disappearance"),
        ("Police arrested 20 opposition supporters in Mandalay on Thursday.", "Arrests"),
        ("Police fired tear gas at protesters in Khartoum on Monday.", "Protest with intervention"),
        ("Hundreds of protesters marched peacefully through Yangon on Monday.", "Peaceful protest"),
        (
            "A roadside bomb exploded near an army patrol in Kidal, wounding two soldiers.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_acled_mapping(pipeline: Pipeline, text: str, sub_event: str) -> None:
    events = analyze(pipeline, text).events
    assert [e.acled.sub_event_type if e.acled else None for e in events] == [sub_event], [
        (e.type, e.mode, e.acled) for e in events
    ]


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
        (
            "On 3 March 2023, the Wadi militia shelled residential areas in Tawila, killing 5 civilians.",
            "Shelling/artillery/missile attack",
        ),
        (
            "On 8 March 2023, a landmine exploded near the village of Kuma, killing two herders.",
            "Remote explosive/landmine/IED",
        ),
        (
            "On 15 March 2023, security forces fired live ammunition at protesters in Maridi, killing 3.",
            "Excessive force against protesters",
        ),
        ("On 17 March 2023, rioters burned a police station in Maridi.", "Violent demonstration"),
        ("On 18 March 2023, a mob lynched a suspected thief in Maridi.", "Mob violence"),
        ("On 25 March 2023, armed men attacked the village of Kuma, killing 7 civilians.", "Attack"),
        ("On 5 April 2023, rebel forces shot down an army drone over Maridi.", "Disrupted weapons use"),
        (
            "On 14 March 2023, militia fighters raped two women in the village of Kuma, local officials said.",
            "Sexual violence",
        ),
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
    assert (
        only(
            analyze(pipeline, "Hundreds of nurses began a strike in Maridi on Monday over unpaid wages.").events,
            "PROTEST",
        ).mode
        == "strike"
    )
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


# -- ACLED notes: short reports in ACLED's own style (fictional), two or three per sub-event type ------------------
ACLED_NOTES: list[tuple[str, str]] = [
    (
        "On 4 June 2023, Rapid Support Forces (RSF) and Military Forces of Sudan (2019-) clashed in "
        "Bahri (Khartoum). 6 RSF fighters were killed.",
        "Armed clash",
    ),
    (
        "On 17 February 2024, Military Forces of Ukraine (2019-) repelled an assault by Military Forces "
        "of Russia (2000-) near Krynky (Kherson). Fatalities unknown.",
        "Armed clash",
    ),
    (
        "On 9 October 2023, Arakan Army (AA) fought Military Forces of Myanmar (2021-) near Paletwa "
        "(Chin). 4 soldiers were killed.",
        "Armed clash",
    ),
    (
        "On 22 March 2024, Al Shabaab attacked a Military Forces of Somalia (2022-) base in Mahas "
        "(Hiraan), sparking an armed clash. 11 fatalities were reported.",
        "Armed clash",
    ),
    (
        "On 14 August 2023, Military Forces of Somalia (2022-) recaptured the town of Adale (Middle "
        "Shabelle) from Al Shabaab after heavy fighting. 5 fatalities.",
        "Government regains territory",
    ),
    (
        "On 2 November 2023, Military Forces of the Democratic Republic of Congo (2019-) retook "
        "Kitshanga (North Kivu) from M23: March 23 Movement.",
        "Government regains territory",
    ),
    (
        "On 27 October 2023, Three Brotherhood Alliance seized the town of Chinshwehaw (Shan-North) from"
        " Military Forces of Myanmar (2021-). 3 fatalities.",
        "Non-state actor overtakes territory",
    ),
    (
        "On 26 October 2023, Rapid Support Forces (RSF) captured the army garrison in Nyala (South "
        "Darfur) after days of fighting. 12 fatalities.",
        "Non-state actor overtakes territory",
    ),
    (
        "On 1 December 2023, JNIM: Group for Support of Islam and Muslims took control of the town of "
        "Boulkessi (Boucle du Mouhoun), forcing Military Forces of Burkina Faso (2022-) to withdraw.",
        "Non-state actor overtakes territory",
    ),
    (
        "On 3 May 2024, Military Forces of Russia (2000-) used chemical weapons against Military Forces "
        "of Ukraine (2019-) positions near Avdiivka (Donetsk). [size=no report]",
        "Chemical weapon",
    ),
    (
        "On 19 January 2024, Military Forces of Russia (2000-) dropped munitions containing tear gas on "
        "Ukrainian trenches near Robotyne (Zaporizhia).",
        "Chemical weapon",
    ),
    (
        "On 11 January 2024, Military Forces of Myanmar (2021-) conducted an airstrike on Kanan village "
        "(Sagaing), killing 17 civilians.",
        "Air/drone strike",
    ),
    (
        "On 5 March 2024, Military Forces of Israel (2022-) carried out an air strike on a house in "
        "Rafah (Gaza Strip). 9 people were killed.",
        "Air/drone strike",
    ),
    (
        "On 20 September 2023, Military Forces of Ukraine (2019-) launched drones at an oil depot in "
        "Novorossiysk (Krasnodar). No fatalities were reported.",
        "Air/drone strike",
    ),
    (
        "On 13 July 2023, a suicide bomber from Al Shabaab detonated an explosive vest at a restaurant "
        "in Mogadishu (Banadir). 8 people were killed.",
        "Suicide bomb",
    ),
    (
        "On 6 March 2024, a suicide bomber blew himself up near a bank in Kandahar (Kandahar). 21 "
        "fatalities were reported.",
        "Suicide bomb",
    ),
    (
        "On 30 July 2023, Islamic State Khorasan Province (ISKP) carried out a suicide bombing at a "
        "rally in Bajaur (Khyber Pakhtunkhwa). 54 fatalities.",
        "Suicide bomb",
    ),
    (
        "On 8 April 2024, Military Forces of Russia (2000-) shelled Nikopol (Dnipropetrovsk) with "
        "artillery. 2 civilians were killed.",
        "Shelling/artillery/missile attack",
    ),
    (
        "On 15 May 2023, Rapid Support Forces (RSF) fired artillery at residential areas of Omdurman "
        "(Khartoum), killing 4 civilians.",
        "Shelling/artillery/missile attack",
    ),
    (
        "On 7 February 2024, Military Forces of Russia (2000-) launched missiles at Kharkiv (Kharkiv). 5 fatalities.",
        "Shelling/artillery/missile attack",
    ),
    (
        "On 18 September 2023, an IED planted by JNIM: Group for Support of Islam and Muslims exploded "
        "under a military vehicle near Djibo (Sahel). 6 soldiers were killed.",
        "Remote explosive/landmine/IED",
    ),
    (
        "On 2 February 2024, a landmine exploded near Paletwa (Chin), killing a farmer. [size=no report]",
        "Remote explosive/landmine/IED",
    ),
    (
        "On 25 April 2023, a roadside bomb struck a police patrol in Jalalabad (Nangarhar). 2 police "
        "officers were killed.",
        "Remote explosive/landmine/IED",
    ),
    (
        "On 10 August 2023, Unidentified Armed Group (Somalia) threw a grenade at a checkpoint in Baidoa"
        " (Bay). 3 people were injured.",
        "Grenade",
    ),
    (
        "On 28 November 2023, an unidentified assailant hurled a grenade at a market in Srinagar (Jammu "
        "and Kashmir), injuring 7 civilians.",
        "Grenade",
    ),
    ("On 21 June 2023, Rapid Support Forces (RSF) raped three women in El Geneina (West Darfur).", "Sexual violence"),
    ("On 12 March 2024, members of CODECO militia sexually assaulted a girl in Djugu (Ituri).", "Sexual violence"),
    (
        "On 16 October 2023, Unidentified Armed Group (Nigeria) attacked villagers in Bokkos (Plateau), "
        "killing 14 civilians.",
        "Attack",
    ),
    (
        "On 4 January 2024, ADF: Allied Democratic Forces killed 11 civilians with machetes in Beni (North Kivu).",
        "Attack",
    ),
    (
        "On 19 May 2023, a Jalisco Cartel New Generation gunman shot dead a journalist in Zitacuaro (Michoacan).",
        "Attack",
    ),
    (
        "On 7 July 2023, Israeli settlers attacked Palestinian farmers near Turmus Ayya (Ramallah), injuring 3.",
        "Attack",
    ),
    (
        "On 23 August 2023, Unidentified Armed Group (Nigeria) abducted 25 passengers on the Kaduna-"
        "Abuja road (Kaduna).",
        "Abduction/forced disappearance",
    ),
    (
        "On 9 December 2023, Taliban kidnapped a former army officer in Khost (Khost). His whereabouts remain unknown.",
        "Abduction/forced disappearance",
    ),
    (
        "On 30 March 2024, gunmen of the Sinaloa Cartel abducted 4 men from a ranch in Culiacan (Sinaloa).",
        "Abduction/forced disappearance",
    ),
    (
        "On 1 May 2024, Protesters (Pakistan) held a rally in Lahore (Punjab) to demand higher wages. "
        "[size=around 500]",
        "Peaceful protest",
    ),
    (
        "On 14 September 2023, Protesters (India) staged a sit-in outside the collectorate in Madurai "
        "(Tamil Nadu) against water shortages. [size=no report]",
        "Peaceful protest",
    ),
    (
        "On 8 March 2024, women demonstrated in Kabul (Kabul) against restrictions on education. [size=dozens]",
        "Peaceful protest",
    ),
    (
        "On 11 July 2023, Police Forces of Kenya (2022-) dispersed Protesters (Kenya) with tear gas in "
        "Kisumu (Kisumu). [size=no report]",
        "Protest with intervention",
    ),
    (
        "On 26 February 2024, Protesters (Pakistan) marched in Karachi (Sindh); Police Forces of "
        "Pakistan (2018-) arrested 12 of them.",
        "Protest with intervention",
    ),
    (
        "On 20 October 2023, Police Forces of Guinea (2021-) opened fire on Protesters (Guinea) in Conakry, killing 2.",
        "Excessive force against protesters",
    ),
    (
        "On 13 June 2023, Military Forces of Myanmar (2021-) shot at peaceful Protesters (Myanmar) in "
        "Mandalay (Mandalay). 3 protesters were killed.",
        "Excessive force against protesters",
    ),
    (
        "On 12 July 2023, Rioters (Kenya) burned tyres and threw stones at police in Nairobi (Nairobi). "
        "[size=no report]",
        "Violent demonstration",
    ),
    (
        "On 3 November 2023, Rioters (India) torched vehicles and attacked a police station in Imphal (Manipur).",
        "Violent demonstration",
    ),
    (
        "On 27 June 2023, Rioters (France) looted shops and set fire to cars in Nanterre (Ile-de-France).",
        "Violent demonstration",
    ),
    ("On 5 August 2023, a mob lynched a man accused of theft in Goma (North Kivu). 1 fatality.", "Mob violence"),
    ("On 18 April 2024, Rioters (India) beat two cattle traders to death in Palwal (Haryana).", "Mob violence"),
    (
        "On 20 May 2023, Military Forces of Sudan (2019-) and Rapid Support Forces (RSF) signed a short-"
        "term ceasefire agreement in Jeddah.",
        "Agreement",
    ),
    (
        "On 24 November 2023, Hamas and Military Forces of Israel (2022-) agreed to a truce and a "
        "prisoner exchange in the Gaza Strip.",
        "Agreement",
    ),
    (
        "On 6 June 2023, Police Forces of India (2014-) arrested 9 suspected militants in Anantnag "
        "(Jammu and Kashmir).",
        "Arrests",
    ),
    ("On 15 January 2024, Taliban detained two journalists in Herat (Herat).", "Arrests"),
    (
        "On 2 October 2023, Military Forces of Myanmar (2021-) arrested a village administrator in Monywa (Sagaing).",
        "Arrests",
    ),
    (
        "On 9 September 2023, National Unity Government of Myanmar (2021-) announced the formation of a "
        "new battalion of the People's Defence Force in Sagaing.",
        "Change to group/activity",
    ),
    (
        "On 11 April 2024, Military Forces of Sudan (2019-) deployed reinforcements to El Fasher (North "
        "Darfur). [size=no report]",
        "Change to group/activity",
    ),
    (
        "On 22 July 2023, Military Forces of Ukraine (2019-) shot down 14 Russian drones over Odesa (Odesa).",
        "Disrupted weapons use",
    ),
    (
        "On 3 February 2024, Police Forces of Afghanistan (2021-) defused an IED planted on a road in Kunduz (Kunduz).",
        "Disrupted weapons use",
    ),
    (
        "On 30 August 2023, Wagner Group established a military base near Menaka (Menaka).",
        "Headquarters or base established",
    ),
    (
        "On 12 December 2023, M23: March 23 Movement set up a headquarters in Kiwanja (North Kivu).",
        "Headquarters or base established",
    ),
    (
        "On 18 May 2023, Rapid Support Forces (RSF) looted the central market in El Obeid (North Kordofan).",
        "Looting/property destruction",
    ),
    (
        "On 29 January 2024, Military Forces of Israel (2022-) demolished 4 Palestinian homes in Masafer"
        " Yatta (Hebron).",
        "Looting/property destruction",
    ),
    (
        "On 13 November 2023, MINUSMA: United Nations Multidimensional Integrated Stabilization Mission "
        "in Mali withdrew from its base in Tessalit (Kidal) and handed it over to Military Forces of "
        "Mali (2021-).",
        "Non-violent transfer of territory",
    ),
    (
        "On 1 September 2023, Al Shabaab withdrew from the village of El Dhere (Galgaduud) without fighting.",
        "Non-violent transfer of territory",
    ),
    (
        "On 25 December 2023, Rapid Support Forces (RSF) blockaded the road between Al Fasher and Kutum "
        "(North Darfur).",
        "Other",
    ),
]
# notes the pipeline does not map yet, by a phrase of theirs: recorded and counted by the floor test, not hidden
ACLED_NOTE_GAPS = {
    "retook Kitshanga": "the small model tags 'retook' as a noun",
    "announced the formation of a new battalion": "no MOBILIZE reading for 'formation'",
    "dropped munitions containing tear gas": "riot-control gas used on troops reads as crowd control",
    "Israeli settlers attacked Palestinian farmers": "the classifier reads settlers who attack farmers as mob violence",
    # (our events set has both readings: an ACLED coder decides by how organised the settlers were)
    "beat two cattle traders to death": "the classifier reads this beating as no ACLED event (cattle theft and "
    "rustling are among the negatives of our set)",
}
ACLED_NOTES_FLOOR = 0.8  # share of the notes whose main event must have the intended sub-event type


def _note_params() -> list[ParameterSet]:
    params = []
    for text, sub_event in ACLED_NOTES:
        gap = next((why for phrase, why in ACLED_NOTE_GAPS.items() if phrase in text), None)
        marks = [pytest.mark.xfail(reason=gap, strict=False)] if gap else []
        params.append(pytest.param(text, sub_event, marks=marks))
    return params


@pytest.fixture(scope="module")
def note_types(pipeline: Pipeline) -> dict[str, str | None]:
    """The main event's ACLED sub-event type of every note, from one pipeline run."""
    docs = [RawDocument(source=f"note-{i}", text=text, published=PUBLISHED) for i, (text, _) in enumerate(ACLED_NOTES)]
    out: dict[str, str | None] = {}
    for (text, _), art in zip(ACLED_NOTES, pipeline.run_documents(docs), strict=True):
        assert isinstance(art, Article)
        event = main_event(art.events)
        out[text] = event.acled.sub_event_type if event is not None and event.acled is not None else None
    return out


@pytest.mark.parametrize(("text", "sub_event"), _note_params())
def test_acled_note_main_event(note_types: dict[str, str | None], text: str, sub_event: str) -> None:
    assert note_types[text] == sub_event


def test_acled_notes_floor(note_types: dict[str, str | None]) -> None:
    right = sum(note_types[text] == sub_event for text, sub_event in ACLED_NOTES)
    assert len(ACLED_NOTES) >= 60
    assert right / len(ACLED_NOTES) >= ACLED_NOTES_FLOOR, (right, len(ACLED_NOTES))


def test_a_protest_and_its_dispersal_in_one_sentence_are_a_protest_with_intervention(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "On 2 May 2023, students marched in Maridi; police detained 6 of them.")
    assert [e.type for e in art.events] == ["PROTEST", "COERCE"]
    protest = art.events[0]
    assert protest.acled is not None and protest.acled.sub_event_type == "Protest with intervention"


def test_acled_generic_names_take_their_class_and_bracketed_country(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "On 4 May 2023, Rioters (Kenya) torched two vehicles in Kisumu.")
    event = only(art.events, "ASSAULT")
    assert event.actor is not None and (event.actor.type, event.actor.country) == ("rioters", "KE")
    assert event.acled is not None and event.acled.sub_event_type == "Violent demonstration"


def test_rioters_who_beat_people_are_mob_violence(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "On 6 May 2023, Rioters (Kenya) beat a suspected thief to death in Kisumu.")
    event = only(art.events, "ASSAULT")
    assert event.acled is not None and event.acled.sub_event_type == "Mob violence"


# -- wire datelines -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "dateline", ["MARIDI, March 9 - ", "MARIDI (Wirenews) - ", "NORTH MARIDI, South Sudan, March 9 \u2014 "]
)
def test_a_dateline_place_is_never_the_actor(pipeline: Pipeline, dateline: str) -> None:
    art = analyze(pipeline, dateline + "A rocket struck the market in Yei on Thursday, killing three traders.")
    event = only(art.events, "ASSAULT")
    assert event.actor is None or "MARIDI" not in event.actor.name, event.actor
    assert event.acled is not None and event.acled.event_type != "Protests"
    assert event.place is None or event.place.name == "Yei", event.place  # where it happened, not where filed


# -- actors and targets that hold on real text -------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "According to The Daily Ledger, the fighting near Kuma killed 12 people, the deadliest clash in five wars.",
        "The fighting near Kuma killed 12 people, according to The Daily Ledger.",
    ],
)
def test_an_outlet_that_reports_an_event_is_not_its_actor(pipeline: Pipeline, text: str) -> None:
    for event in analyze(pipeline, text).events:
        assert event.actor is None or "Ledger" not in event.actor.name, event.actor


def test_an_outlet_is_an_actor_as_the_subject_of_the_event_itself(pipeline: Pipeline) -> None:
    art = analyze(pipeline, "The Sun sued the interior ministry of South Sudan over the closure of its office in Juba.")
    assert any(e.actor is not None and "Sun" in e.actor.name for e in art.events), art.events


@pytest.mark.parametrize(
    "text",
    [
        "Two days later, 300 fled the town of Kuma after the shelling.",
        "The day saw heavy fighting around the town of Kuma.",
        "They attacked the village of Kuma on Tuesday, killing four.",
    ],
)
def test_numbers_time_phrases_and_unresolved_pronouns_are_never_actors(pipeline: Pipeline, text: str) -> None:
    for event in analyze(pipeline, text).events:
        assert event.actor is None, (event.type, event.actor)


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Okello is the son of Tomas Okello, the rebel leader assassinated in 2001 near Yei.", "leader"),
        ("Last week two soldiers died in an ambush near Yei.", "soldiers"),
    ],
)
def test_a_victim_is_never_the_actor_of_the_attack_on_them(pipeline: Pipeline, text: str, victim: str) -> None:
    events = [e for e in analyze(pipeline, text).events if e.type == "ASSAULT"]
    assert events
    for event in events:
        assert event.actor is None or victim not in event.actor.name, event.actor
    assert any(e.target is not None and victim in e.target.name for e in events)
