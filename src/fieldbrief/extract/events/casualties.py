"""Casualty words ("killing 5 civilians", "30 fighters were killed") fold into the violent event of their sentence as
its fatalities and victims; alone, they are an event of their own only when they count the dead."""

from __future__ import annotations

from fieldbrief.extract.events.candidates import VIOLENT_TYPES, Found
from fieldbrief.extract.events.counting import Count
from fieldbrief.extract.events.syntax import describes_other
from fieldbrief.model import Event


def add_fatalities(event: Event, count: Count) -> None:
    """Deaths a casualty word reports, added to its violent event: unknown once any part is vague."""
    if event.fatalities_text is None:
        event.fatalities, event.fatalities_text = count.value, count.text
        return
    event.fatalities = None if event.fatalities is None or count.value is None else event.fatalities + count.value
    event.fatalities_text = f"{event.fatalities_text}; {count.text}"


def fold_casualties(found: list[Found]) -> list[Found]:
    """Casualty words belong to the violent event of their sentence (fatalities, victims) when there is one."""
    violent = [f for f in found if f.casualty is None and f.event.type in VIOLENT_TYPES]
    out = []
    for f in found:
        if f.casualty is None:
            out.append(f)
            continue
        if not violent:
            if f.victims is not None or f.event.fatalities is not None:
                out.append(f)
            continue
        hosts = [v for v in violent if not describes_other(v.token, f.token) and not describes_other(f.token, v.token)]
        if not hosts:  # "killed a commander who fought the Soviets": the fighting is the victim's past
            if f.victims is not None or f.event.fatalities is not None:
                out.append(f)
            continue
        host = min(hosts, key=lambda v: abs(v.token.i - f.token.i))
        host.victims = host.victims or f.victims
        if f.casualty == "kill" and f.victim_count is not None:
            add_fatalities(host.event, f.victim_count)
        if f.victims is not None and host.event.actor is None and host.event.target is not None and host.reciprocal:
            host.event.actor = f.victims  # "30 fighters were killed in clashes with troops": one side of the clash
        elif host.event.target is None and f.victims is not None:
            host.event.target = f.victims
    return out
