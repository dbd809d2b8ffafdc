"""The same event told twice in one article is one record: same type, actor and polarity with compatible
targets and dates, ACLED's unit (one actor, mode, place and day), or the same toll told again."""

from __future__ import annotations

import re
from collections.abc import Iterable

from fieldbrief.extract.events.candidates import Found
from fieldbrief.extract.events.counting import SINGULAR_PRONOUNS
from fieldbrief.model import ActorRef, Event, Place


def ref_key(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return (ref.actor or ref.name).lower()


def _compatible(a: str, b: str) -> bool:
    return not a or not b or a == b


def _place_key(e: Event) -> str:
    return (e.place.canonical or e.place.name).lower() if e.place else ""


def _date_key(e: Event) -> str:
    """The day an event is dated to; none for a date that only says "reported on or before"."""
    return (e.date.date_start or "") if e.date and e.date.precision != "reported" else ""


def same_event(a: Found, b: Found) -> bool:
    """Same type, actor and polarity; the same target, or the same word with targets and dates not in conflict."""
    x, y = a.event, b.event
    if x.type == y.type and _restates_toll(x, y):
        return True
    if x.type != y.type or ref_key(x.actor) != ref_key(y.actor) or (x.status == "denied") != (y.status == "denied"):
        return False
    if not _compatible(_date_key(x), _date_key(y)):
        return False
    if ref_key(x.target) == ref_key(y.target):
        return True
    if a.word == b.word and _compatible(ref_key(x.target), ref_key(y.target)):
        return True
    # ACLED's unit: one actor, mode, place and day ("an airstrike hit the market ... 30 killed in the airstrike")
    same_place = _place_key(x) != "" and _place_key(x) == _place_key(y)
    return x.mode == y.mode and same_place and bool(_date_key(x) or _date_key(y))


def _restates_toll(x: Event, y: Event) -> bool:
    """ "Forces killed five insurgents ... As a result, five insurgents were killed": the same toll of the same
    people, told twice, with no actor, date or status that tells the two apart."""
    if x.fatalities is None or x.fatalities != y.fatalities or (x.status == "denied") != (y.status == "denied"):
        return False
    if not (_compatible(_date_key(x), _date_key(y)) and _same_area(x.place, y.place)):
        return False
    # one person told again by a pronoun ("forces today confirmed the death of Hemat ... the security force
    # returned fire, killing him") dies once, whoever vouches for it and whatever words name the same force
    if x.fatalities == 1 and SINGULAR_PRONOUNS & {_victim_word(x), _victim_word(y)}:
        return _same_side(x.actor, y.actor)
    return (
        x.status == y.status and _compatible(ref_key(x.actor), ref_key(y.actor)) and _victim_word(x) == _victim_word(y)
    )


def _same_side(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Two actor phrases that can name one force: either unknown, or of one kind and country ("Afghan and
    coalition forces", "the security force"); never troops and insurgents."""
    if a is None or b is None:
        return True
    return a.type == b.type and _compatible(a.country or "", b.country or "")


def _same_area(a: Place | None, b: Place | None) -> bool:
    """Places that can name where one event happened: either unknown, the same, or in the same province."""
    if a is None or b is None:
        return True
    return (a.canonical or a.name) == (b.canonical or b.name) or (a.admin1 is not None and a.admin1 == b.admin1)


def _victim_word(e: Event) -> str:
    """The word that names the dead: "five insurgents" -> "insurgent"; one person told again by a pronoun
    ("killed a Taliban leader ... killing him") is the same one."""
    words = re.findall(r"[a-z]+", (e.fatalities_text or "").lower())
    return words[-1].rstrip("s") if words else ""


def collapse(found: Iterable[Found]) -> list[Event]:
    """The same event mentioned twice in one article is one record (the first mention, completed)."""
    kept: list[Found] = []
    for f in found:
        e = f.event
        match = next((k for k in kept if same_event(k, f)), None)
        if match is None:
            kept.append(f)
            continue
        first = match.event
        first.target = first.target or e.target
        first.date = first.date or e.date
        if first.fatalities_text is None:
            first.fatalities, first.fatalities_text = e.fatalities, e.fatalities_text
        if first.captured_text is None:
            first.captured, first.captured_text = e.captured, e.captured_text
        first.actor = first.actor or e.actor
    return [k.event for k in kept]
