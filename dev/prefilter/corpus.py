"""The pre-filter's labelled documents, read from ../shared/data (nothing of theirs is copied into the project).

Every document is (source, key, label, text, split). Labels are 1 for conflict, political violence or crisis
content, 0 for other news; ``None`` marks a document we judged borderline (reported apart, never scored).
Splits are fixed by a hash of the document's key (60 % train, 20 % validation, 20 % test), except where a
whole source is kept for the test only (see README.md beside this file).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DATA = SHARED / "data"
DEVSETS = Path(__file__).resolve().parents[2] / ".." / "devsets"

# GeoWebNews (general web news, 2018), by article index: reports of armed conflict or political violence, and
# the borderline ones (diplomatic rows, arms sales, migration, terrorism policy) left out of both figures.
GWN_CONFLICT = {1, 17, 19, 92, 129}
GWN_BORDERLINE = {31, 45, 49, 61, 66, 77, 85, 87, 94, 125, 126, 134, 135, 153, 162, 178}


# PLOVER types that report conflict, political violence or crisis (the synthetic stories of these are positives).
PLOVER_CONFLICT = {"ASSAULT", "COERCE", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "RETREAT", "AID"}


@dataclass(frozen=True)
class Document:
    source: str
    key: str
    label: int | None
    text: str
    split: str


def split_of(key: str) -> str:
    bucket = int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10
    return "train" if bucket < 6 else "val" if bucket < 8 else "test"


def isaf() -> Iterator[Document]:
    for line in (DATA / "isaf-dev" / "releases.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        key = f"isaf:{row['n']}"
        yield Document("isaf", key, 1, row["text"], split_of(key))


def plover() -> Iterator[Document]:
    """Synthetic stories of political events between actors: those of the conflict types are positives; the
    cooperative and verbal types (agree, consult, support...) are neither, kept apart and reported."""
    with zipfile.ZipFile(DATA / "plover" / "synthetic_events.csv.zip") as archive:
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open(archive.namelist()[0]), encoding="utf-8")))
    for i, row in enumerate(rows):
        key = f"plover:{i}"
        label = 1 if row["label"] in PLOVER_CONFLICT else None
        yield Document(f"plover-{row['label']}", key, label, f"{row['title']}\n\n{row['text']}", split_of(key))


def polnear() -> Iterator[Document]:
    """US election news of 2016: political, not conflict. The dev split is the test; train is train/val."""
    for part in ("train", "dev"):
        for path in sorted((DATA / "polnear" / part / "text").glob("*.txt")):
            key = f"polnear:{path.stem}"
            split = "test" if part == "dev" else ("val" if split_of(key) != "train" else "train")
            yield Document("polnear", key, 0, path.read_text(encoding="utf-8"), split)


def geoparsing(name: str, source: str) -> Iterator[Document]:
    root = ET.parse(DATA / "geoparsing" / name).getroot()
    for i, article in enumerate(root):
        text = article.findtext("text") or ""
        title = article.findtext("title") or ""
        key = f"{source}:{i}"
        yield Document(source, key, 0, f"{title}\n\n{text}".strip(), split_of(key))


def gwn() -> Iterator[Document]:
    """General web news: kept for the test only, labelled by us from each article's title and opening."""
    root = ET.parse(DATA / "geoparsing" / "GWN.xml").getroot()
    for i, article in enumerate(root):
        label = None if i in GWN_BORDERLINE else int(i in GWN_CONFLICT)
        text = f"{article.findtext('title') or ''}\n\n{article.findtext('text') or ''}".strip()
        yield Document("gwn", f"gwn:{i}", label, text, "test")


def seeds() -> Iterator[Document]:
    for path in sorted((SHARED / "corpus" / "seeds").glob("*.txt")):
        yield Document("seeds", f"seeds:{path.stem}", 1, path.read_text(encoding="utf-8"), "test")


def multi_outlet() -> Iterator[Document]:
    """Real reports of other incidents by many outlets (../devsets/multi-outlet, outside the repository): half
    the incidents help choose the threshold, the other half are test."""
    path = DEVSETS / "multi-outlet" / "articles.jsonl"
    if not path.exists():
        return
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        incident = row["id"].split("-")[0]  # whole incidents go to one split: validation or test
        split = "val" if int(hashlib.sha1(incident.encode()).hexdigest(), 16) % 2 == 0 else "test"
        yield Document("multi-outlet", f"multi:{row['id']}", 1, row["text"], split)


def documents() -> list[Document]:
    return [
        *isaf(),
        *plover(),
        *polnear(),
        *geoparsing("lgl.xml", "lgl"),
        *geoparsing("GeoVirus.xml", "geovirus"),
        *gwn(),
        *seeds(),
        *multi_outlet(),
    ]
