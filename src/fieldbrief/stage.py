"""The stage protocol: a named, versioned function from (Doc, Article) to records on the Article.

Each extraction module exposes one `STAGE`; `pipeline.STAGES` lists them in order, in one place.
Stage name and version are stored with what they produced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from fieldbrief.deadline import paused
from fieldbrief.model import Article
from fieldbrief.options import Options


@dataclass
class Context:
    """What stages share within one process: the options and resources loaded once (gazetteer, actors)."""

    options: Options
    resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, key: str, build: Callable[[], Any]) -> Any:
        """Load a resource once per process (e.g. the gazetteer) and reuse it for every article."""
        if key not in self.resources:
            with paused():  # loading is not the article's time (see deadline.py)
                self.resources[key] = build()
        return self.resources[key]


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    run: Callable[[Doc, Article, Context], None]  # fills its records on the article
