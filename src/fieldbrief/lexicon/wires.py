"""News agencies and dateline credits (data/wires.toml), read by the datelines and by linking's origins."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _raw() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(resources.files("fieldbrief.data").joinpath("wires.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def wire_aliases() -> dict[str, str]:
    """Each name a wire goes by -> the wire ("AP" -> "Associated Press")."""
    return {alias: wire for wire, aliases in _raw()["wires"].items() for alias in aliases}


@lru_cache(maxsize=1)
def dateline_credits() -> frozenset[str]:
    """Credits that mark a dateline on their own: every wire's names and the newsrooms listed beside them."""
    return frozenset(wire_aliases()) | frozenset(_raw()["datelines"]["credits"])
