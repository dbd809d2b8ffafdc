"""The learned event typing on the shipped weights, on sentences written for these tests (fictional events, not
in the training set): one or two per ACLED sub-event type, negatives that look like events, and the rules'
status kept whatever the classifier reads."""

from __future__ import annotations

from collections import defaultdict

import pytest

from fieldbrief.extract.events import load_model, rules_only
from fieldbrief.extract.events import model_for as events_model_for
from fieldbrief.model import Article, Event, RawDocument
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline
from fieldbrief.stage import Context

PUBLISHED = "2024-03-08"

# (sentence, ACLED sub-event type of its first coded event)
PER_CLASS = [
    (
        "Soldiers and fighters of the Popular Front clashed outside the town of Kolmar on Tuesday, leaving nine dead.",
        "Armed clash",
    ),
    ("Rebels ambushed an army patrol near the Bura river crossing, and a gun battle lasted until dusk.", "Armed clash"),
    (
        "Government troops recaptured the town of Kolmar from the Popular Front after a week of fighting.",
        "Government regains territory",
    ),
    (
        "Fighters of the Popular Front seized the town of Kolmar after the army garrison fled.",
        "Non-state actor overtakes territory",
    ),
    (
        "Doctors said dozens of residents of Kolmar were treated for chlorine gas poisoning after the shelling.",
        "Chemical weapon",
    ),
    ("Government helicopters dropped barrels of chlorine gas on the town of Tesso, residents said.", "Chemical weapon"),
    ("Warplanes bombed the market in Kolmar on Sunday, killing 14 people, witnesses said.", "Air/drone strike"),
    ("A drone strike hit a pickup carrying Popular Front commanders near Kolmar.", "Air/drone strike"),
    (
        "A suicide bomber blew himself up at the gate of the police academy in Kolmar, killing six cadets.",
        "Suicide bomb",
    ),
    (
        "Artillery shells landed on residential streets of Kolmar overnight, killing a family of four.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A roadside bomb destroyed a police truck on the Kolmar highway, killing two officers.",
        "Remote explosive/landmine/IED",
    ),
    ("An attacker threw a grenade into a crowded bar in Kolmar, wounding eleven people.", "Grenade"),
    ("Survivors said militiamen raped several women during the raid on the village of Tesso.", "Sexual violence"),
    ("Gunmen stormed the village of Tesso at night and shot dead 12 farmers in their homes.", "Attack"),
    ("Armed men kidnapped 15 pupils from a primary school in Tesso on Monday.", "Abduction/forced disappearance"),
    ("Hundreds of nurses marched peacefully through Kolmar to demand unpaid wages.", "Peaceful protest"),
    (
        "Police fired tear gas to break up a student rally in Kolmar and arrested 20 protesters.",
        "Protest with intervention",
    ),
    (
        "Security forces opened fire on demonstrators in Kolmar, killing five protesters.",
        "Excessive force against protesters",
    ),
    ("Protesters in Kolmar set fire to the governor's office and threw stones at the police.", "Violent demonstration"),
    ("A mob in Tesso beat to death a man accused of stealing a goat.", "Mob violence"),
    ("The government and the Popular Front signed a ceasefire agreement in the capital on Friday.", "Agreement"),
    ("Police in Kolmar arrested a human rights lawyer at his home before dawn.", "Arrests"),
    ("The Popular Front announced that its two wings had merged under a new commander.", "Change to group/activity"),
    (
        "The army deployed thousands of additional troops to the Kolmar region ahead of the vote.",
        "Change to group/activity",
    ),
    ("Bomb disposal experts defused an explosive device found outside the Kolmar courthouse.", "Disrupted weapons use"),
    ("Soldiers found a cache of rifles and grenades buried near the village of Tesso.", "Disrupted weapons use"),
    (
        "The Popular Front set up a new base in the forest east of Kolmar, residents said.",
        "Headquarters or base established",
    ),
    ("Fighters looted shops in the Kolmar market and burned the town's clinic.", "Looting/property destruction"),
    (
        "The Popular Front withdrew from the town of Kolmar without a fight, handing it to the army.",
        "Non-violent transfer of territory",
    ),
]

NEGATIVES = [
    "A bus carrying traders overturned on the Kolmar highway, killing 16 passengers.",
    "An earthquake struck the hills around Kolmar, killing at least 30 people.",
    "A fire in the Kolmar market destroyed hundreds of stalls; officials blamed an electrical fault.",
    "Two rival drug gangs exchanged gunshots in a Kolmar nightclub, police said.",
    "The foreign minister flew to Kolmar for talks with the regional governor.",
    "The two presidents met in Kolmar and discussed trade and the border.",
    "Analysts warned that the Popular Front could attack the capital next year.",
    "The striker fired his team into the lead in the derby in Kolmar.",
]

# (sentence, status the rules read): the classifier never changes status
STATUSES = [
    ("The army denied that its troops had shelled the village of Tesso.", "denied"),
    ("Rebels reportedly attacked the police post outside Kolmar overnight.", "hedged"),
    ("The Popular Front vowed to attack the provincial capital before the rains.", "planned"),
    ("Soldiers attacked a police post outside Kolmar overnight, residents said.", "claimed"),
]


def _first_coded(events: list[Event]) -> Event | None:
    return next((e for e in events if e.acled is not None), None)


@pytest.fixture(scope="module")
def results(pipeline: Pipeline) -> dict[str, Article]:
    texts = [t for t, _ in PER_CLASS] + NEGATIVES + [t for t, _ in STATUSES]
    docs = [RawDocument(source=f"case-{i}", text=t, published=PUBLISHED) for i, t in enumerate(texts)]
    out = {}
    for text, art in zip(texts, pipeline.run_documents(docs), strict=True):
        assert isinstance(art, Article), art
        out[text] = art
    return out


@pytest.fixture(scope="module")
def rules_results() -> dict[str, Article]:
    rules = Pipeline(Options())
    rules_only(rules.context)
    texts = [t for t, _ in STATUSES]
    docs = [RawDocument(source=f"case-{i}", text=t, published=PUBLISHED) for i, t in enumerate(texts)]
    return {t: a for t, a in zip(texts, rules.run_documents(docs), strict=True) if isinstance(a, Article)}


def test_the_model_ships_and_loads_once_per_process() -> None:
    model = load_model()
    assert model is not None and len(model.vocabulary) > 1000
    assert set(model.heads["acled"].labels) >= {"none", "Armed clash", "Arrests", "Peaceful protest"}
    ctx = Context(Options())
    assert events_model_for(ctx) is events_model_for(ctx)


def test_every_sub_event_type_on_examples_of_our_own(results: dict[str, Article]) -> None:
    """26 classes: chance would get one in 26 right. Every class needs a right example, and nearly all must be."""
    right: dict[str, list[bool]] = defaultdict(list)
    wrong = []
    for text, sub_event in PER_CLASS:
        event = _first_coded(results[text].events)
        got = event.acled.sub_event_type if event is not None and event.acled is not None else None
        right[sub_event].append(got == sub_event)
        if got != sub_event:
            wrong.append((sub_event, got, text))
    assert all(any(hits) for hits in right.values()), wrong
    assert sum(sum(h) for h in right.values()) >= len(PER_CLASS) - 2, wrong


@pytest.mark.parametrize("text", NEGATIVES)
def test_look_alike_negatives_carry_no_acled_type(results: dict[str, Article], text: str) -> None:
    assert _first_coded(results[text].events) is None, [(e.type, e.acled) for e in results[text].events]


@pytest.mark.parametrize(("text", "status"), STATUSES)
def test_status_is_the_rules_whatever_the_classifier_reads(
    results: dict[str, Article], rules_results: dict[str, Article], text: str, status: str
) -> None:
    with_model = [(e.type, e.status) for e in results[text].events if e.type == "ASSAULT"]
    rules = [(e.type, e.status) for e in rules_results[text].events if e.type == "ASSAULT"]
    assert rules == [("ASSAULT", status)]
    assert with_model == rules
