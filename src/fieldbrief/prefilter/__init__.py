"""The relevance pre-filter: a cheap first pass that tells whether an article is worth parsing at all.

A linear model (logistic regression) over the word unigrams and bigrams of the cleaned text and the number of
distinct terms of armed conflict it names (the lexicon, data/prefilter.toml, read as features "names at least
k terms" whose weights the model learns), trained by `make train-prefilter` (dev/prefilter/) and shipped in
`fieldbrief/models/prefilter/` with its PROVENANCE.md. Scoring takes well under a millisecond an article (the spaCy
parse ~100 ms); an article below the threshold is not parsed and becomes a coded Rejection (`off-topic`,
with its score), so it is never lost silently: `analyze` reports it with the other rejections, `ingest`
stores it.

The threshold was chosen for recall on the validation split (never the test split): the model keeps 98 % of
its conflict articles and every real (not synthetic) one of them (dev/prefilter/README.md).
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from fieldbrief.model import Article, Rejection

# Words: letters (any script), with inner apostrophes or hyphens; numbers are left out (they do not say
# what an article is about and would make the vocabulary grow with every date).
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# The model reads at most this many characters: what an article is about is said early, and a very long
# text must not cost more than a short one to pass or skip.
MAX_CHARS = 12_000
MODEL_PACKAGE = "fieldbrief.models"
MODEL_DIR = "prefilter"


def features(text: str) -> set[str]:
    """The article's features: its distinct lower-cased words and word pairs (bigrams as 'a b')."""
    words = WORD.findall(text[:MAX_CHARS].lower())
    return {*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))}


def lexicon_features(present: set[str], terms: frozenset[str], levels: int) -> set[str]:
    """The lexicon's features of an article with these word features: "#lexicon>=k" for every k up to `levels`
    that the number of distinct terms it names reaches (no word feature contains '#')."""
    named = len(terms & present)
    return {f"#lexicon>={k}" for k in range(1, min(named, levels) + 1)}


@dataclass(frozen=True)
class RelevanceModel:
    """Weights per feature, a bias, and the decision threshold on the probability of relevance."""

    weights: dict[str, float]
    bias: float
    threshold: float
    version: str
    terms: frozenset[str] = field(default_factory=frozenset)  # the lexicon's conflict terms...
    levels: int = 0  # ...counted up to this many as features (0: no lexicon features)

    def present(self, text: str) -> set[str]:
        """The features the model reads: the words and word pairs, and the lexicon's counts."""
        words = features(text)
        return words | lexicon_features(words, self.terms, self.levels) if self.levels else words

    def score(self, text: str) -> float:
        """Probability that the text reports conflict, political violence or a crisis (0..1)."""
        return self._score(self.present(text))

    def _score(self, present: set[str]) -> float:
        if not present:
            return 0.0
        # binary features, L2-normalised: an article's length does not by itself make it relevant
        total = sum(self.weights.get(f, 0.0) for f in present) / math.sqrt(len(present))
        return 1.0 / (1.0 + math.exp(-(total + self.bias)))

    def relevant(self, text: str, threshold: float | None = None) -> tuple[bool, float]:
        """Whether to parse the text, and the model's score."""
        score = self.score(text)
        return score >= (self.threshold if threshold is None else threshold), score

    def to_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "bias": self.bias,
            "threshold": self.threshold,
            "lexicon_levels": self.levels,  # the lexicon's counts it was trained with (its terms: data/prefilter.toml)
            "weights": self.weights,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> RelevanceModel:
        weights = data["weights"]
        assert isinstance(weights, dict)
        return cls(
            weights={str(k): float(v) for k, v in weights.items()},
            bias=float(data["bias"]),  # type: ignore[arg-type]
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
            version=str(data["version"]),
            levels=int(data.get("lexicon_levels", 0)),  # type: ignore[call-overload]
        )


def lexicon() -> tuple[frozenset[str], int]:
    """The lexicon's terms and how many distinct ones the model counts (data/prefilter.toml)."""
    data = tomllib.loads(resources.files("fieldbrief.data").joinpath("prefilter.toml").read_text(encoding="utf-8"))
    return frozenset(data["terms"]), int(data["levels"])


@lru_cache(maxsize=1)
def shipped_model() -> RelevanceModel:
    """The model shipped with the package, with the lexicon (read once per process)."""
    path = resources.files(MODEL_PACKAGE).joinpath(MODEL_DIR, "model.json")
    model = RelevanceModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    terms, _ = lexicon()  # counted up to the levels the model was trained with
    return replace(model, terms=terms)


def screen(outcomes: list[Article | Rejection], threshold: float | None = None) -> list[Article | Rejection]:
    """The outcomes with every article the model finds off-topic replaced by an `off-topic` Rejection that
    says why (its score, the threshold) and what it was (its title), so that nothing is lost silently."""
    model = shipped_model()
    limit = model.threshold if threshold is None else threshold
    out: list[Article | Rejection] = []
    for outcome in outcomes:
        if isinstance(outcome, Article) and outcome.language == "en":
            keep, score = model.relevant(outcome.text, limit)
            if not keep:
                title = f"; title: {outcome.title[:120]!r}" if outcome.title else ""
                reason = f"pre-filter: relevance {score:.3f} below {limit:.3f}, not parsed{title}"
                outcome = Rejection(source=outcome.source, code="off-topic", reason=reason)  # data/rejections.toml
        out.append(outcome)
    return out
