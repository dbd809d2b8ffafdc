"""The label codes of the events set: ACLED sub-event types (short codes used in the label files) and the
PLOVER type and mode each implies unless a label line says otherwise (see README.md)."""

from __future__ import annotations

from dataclasses import dataclass

NONE = "none"


@dataclass(frozen=True)
class Code:
    event_type: str
    sub_event_type: str
    plover: str
    mode: str | None = None


CODES: dict[str, Code] = {
    "AC": Code("Battles", "Armed clash", "ASSAULT"),
    "GRT": Code("Battles", "Government regains territory", "ASSAULT"),
    "NSO": Code("Battles", "Non-state actor overtakes territory", "ASSAULT"),
    "CW": Code("Explosions/Remote violence", "Chemical weapon", "ASSAULT", "unconventional"),
    "AIR": Code("Explosions/Remote violence", "Air/drone strike", "ASSAULT", "aerial"),
    "SB": Code("Explosions/Remote violence", "Suicide bomb", "ASSAULT", "suicide-attack"),
    "SH": Code("Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", "heavy-weapons"),
    "IED": Code("Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT", "explosives"),
    "GR": Code("Explosions/Remote violence", "Grenade", "ASSAULT", "explosives"),
    "SV": Code("Violence against civilians", "Sexual violence", "ASSAULT", "sexual"),
    "ATT": Code("Violence against civilians", "Attack", "ASSAULT"),
    "ABD": Code("Violence against civilians", "Abduction/forced disappearance", "ASSAULT", "abduct"),
    "PP": Code("Protests", "Peaceful protest", "PROTEST", "demo"),
    "PWI": Code("Protests", "Protest with intervention", "PROTEST", "demo"),
    "EXF": Code("Protests", "Excessive force against protesters", "ASSAULT"),
    "VD": Code("Riots", "Violent demonstration", "PROTEST", "riot"),
    "MOB": Code("Riots", "Mob violence", "ASSAULT"),
    "AGR": Code("Strategic developments", "Agreement", "AGREE"),
    "ARR": Code("Strategic developments", "Arrests", "COERCE", "arrest"),
    "CHG": Code("Strategic developments", "Change to group/activity", "MOBILIZE"),
    "DWU": Code("Strategic developments", "Disrupted weapons use", "COERCE", "seize"),
    "HQ": Code("Strategic developments", "Headquarters or base established", "MOBILIZE", "troops"),
    "LOOT": Code("Strategic developments", "Looting/property destruction", "ASSAULT", "destroy"),
    "NVT": Code("Strategic developments", "Non-violent transfer of territory", "RETREAT", "withdraw"),
    "OTH": Code("Strategic developments", "Other", "COERCE"),
}
SUB_EVENT_TYPES: dict[str, str] = {c.sub_event_type: c.event_type for c in CODES.values()}


@dataclass(frozen=True)
class Label:
    acled: str  # ACLED sub-event type, or "none"
    plover: str  # PLOVER type, or "none"
    mode: str | None


def parse_label(spec: str) -> Label:
    """ "AC", "AIR ASSAULT drone", "NONE", "NONE CONSULT visit" -> a Label."""
    parts = spec.split()
    code = parts[0].upper()
    if code == "NONE":
        acled, plover, mode = NONE, NONE, None
    else:
        if code not in CODES:
            raise ValueError(f"unknown label code {code!r}")
        c = CODES[code]
        acled, plover, mode = c.sub_event_type, c.plover, c.mode
    if len(parts) > 1:
        plover, mode = parts[1].upper(), (parts[2] if len(parts) > 2 else None)
    return Label(acled, plover, mode)
