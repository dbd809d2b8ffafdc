"""The rejection and note codes (data/rejections.toml): what each means and what the user can do."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Code:
    code: str
    meaning: str
    action: str


@lru_cache(maxsize=1)
def _load() -> dict[str, dict[str, Code]]:
    raw = tomllib.loads(resources.files("fieldbrief.data").joinpath("rejections.toml").read_text("utf-8"))
    return {
        kind: {code: Code(code, entry["meaning"], entry["action"]) for code, entry in raw[kind].items()}
        for kind in ("rejection", "note")
    }


def rejection_codes() -> dict[str, Code]:
    return _load()["rejection"]


def note_codes() -> dict[str, Code]:
    return _load()["note"]
