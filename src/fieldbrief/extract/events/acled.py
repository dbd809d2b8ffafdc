"""The rules' ACLED type of an event: the ordered [[acled]] rules of plover.toml over the event's type, mode, the
trigger's ACLED key and the classes of its actor, target and victims; a state's force against a protest in the
same sentence makes that protest a protest with intervention (or excessive force)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from fieldbrief.extract.actors import STATE_ARMED_TYPES, ActorDictionary
from fieldbrief.extract.events.candidates import Found
from fieldbrief.extract.events.lexicon import Lexicon
from fieldbrief.model import AcledType, ActorRef, Event

UNARMED_CLASSES = frozenset({"civilians", "protesters", "rioters", "mob"})
INTERVENTION_TYPES = frozenset({"ASSAULT", "COERCE"})  # what a state does to a protest: force, arrests
INTERVENTION_SUB_EVENTS = frozenset({"Protest with intervention", "Excessive force against protesters"})


def actor_class(ref: ActorRef | None) -> str:
    if ref is None or ref.type is None:
        return "unknown"
    if ref.type in STATE_ARMED_TYPES or ref.type == "government":
        return "state"
    if ref.type in UNARMED_CLASSES:
        return ref.type
    if ref.type in {"rebel group", "militia", "unidentified armed group", "political party"}:
        return "nonstate"
    return "unknown"


def target_class(ref: ActorRef | None, lex: Lexicon, dictionary: ActorDictionary) -> str:
    if ref is None:
        return "unknown"
    if dictionary.is_armed(ref):
        return "armed"
    if ref.type in {"civilians", "protesters", "place"}:
        return ref.type
    words = set(re.findall(r"[a-z]+", ref.name.lower()))
    words |= {w[:-1] for w in words if w.endswith("s")}
    if words & {"protester", "protestor", "demonstrator"}:
        return "protesters"
    if words & (lex.classes.get("armed_personnel", frozenset()) | lex.classes.get("military_objects", frozenset())):
        return "armed"
    if words & lex.classes.get("civilian_objects", frozenset()):
        return "civilians"
    return "unknown"


def acled_type(
    event: Event, trigger_acled: str | None, lex: Lexicon, dictionary: ActorDictionary, victims: ActorRef | None = None
) -> AcledType | None:
    facts: dict[str, Any] = {
        "victims": target_class(victims, lex, dictionary),
        "type": event.type,
        "mode": event.mode,
        "acled": trigger_acled,
        "actor": actor_class(event.actor),
        "target": target_class(event.target, lex, dictionary),
        "fatalities": bool(event.fatalities),
        "state_actor": actor_class(event.actor) == "state",
    }
    for rule in lex.acled_rules:
        if rule.holds(facts):
            return rule.result
    return None


def mark_interventions(found: list[Found], lex: Lexicon, dictionary: ActorDictionary) -> None:
    """ACLED codes a protest and the force a state uses on it in the same sentence as one protest event:
    "protesters marched; police arrested 12 of them" is a protest with intervention (the rules' reading of
    the state's act aimed at protesters); the state's act stays a record of its own."""
    force = [
        f.event
        for f in found
        if f.event.type in INTERVENTION_TYPES and f.event.status != "denied" and actor_class(f.event.actor) == "state"
    ]
    if not force:
        return
    for f in found:
        protest = f.event
        if protest.type != "PROTEST" or protest.acled is None or protest.acled.event_type != "Protests":
            continue
        for act in force:
            on_protest = replace(
                act,
                target=ActorRef(name="protesters", type="protesters"),
                fatalities=act.fatalities or protest.fatalities,
            )
            acled = acled_type(on_protest, None, lex, dictionary)
            if acled is not None and acled.event_type == "Protests":
                protest.acled = acled
                break
