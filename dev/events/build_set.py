"""Re-create the real-text part of the events set from its public origins, with our labels.

The repository holds only our labels and references (dev/events/data/real_labels.tsv: source, document,
sentence, sha1 key); the sentences are read from where they were published and checked against their keys:

- isaf: ../shared/data/isaf-dev/releases.jsonl (ISAF press releases, US government works, public domain),
  split into sentences by dev/events/segment.py;
- gsr: ../shared/data/plover/PLOVER_GSR_CAMEO.json (PLOVER gold-standard records, CC BY-SA 4.0), one sentence
  per record, document = index in the array;
- voa: Voice of America stories (US government works, public domain) as kept in ahalterman/NGEC-2025,
  data/voa_benchmark/voa_stories.jsonl at commit e724678a26faf5ad6760dd2010878944242c0b3e. Give that file with
  --voa-stories (sentences are found in the story's text by their key); without it, --voa-sentences reads the
  sentences as copied from that file into a JSON Lines file of {"story", "text"} (what was done here).

Writes JSON Lines rows {id, source, doc, split, text, label} to --out (default ../devsets/events/real.jsonl).
Split (by document, fixed before any training): ISAF releases with (n / 6) % 3 == 0, PLOVER records with an even
index and the even-numbered VOA stories (in order of first use) are dev; the rest is train.

Run: .venv/bin/python dev/events/build_set.py [--voa-stories PATH | --voa-sentences PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from segment import key, sentences  # noqa: E402

SHARED = HERE.parents[1].parent / "shared"
DEVSETS = HERE.parents[1].parent / "devsets" / "events"
# where the copies of the VOA sentences may be kept beside the checkout (see README.md)
VOA_COPIES = (SHARED / "data" / "events" / "voa_sentences.jsonl", DEVSETS / "voa_sentences.jsonl")
LABELS = HERE / "data" / "real_labels.tsv"


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def isaf_sentences(shared: Path) -> dict[tuple[str, str], str]:
    out = {}
    for line in (shared / "data" / "isaf-dev" / "releases.jsonl").read_text(encoding="utf-8").splitlines():
        release = json.loads(line)
        text = release["text"]
        for i, (start, end) in enumerate(sentences(text)):
            out[(str(release["n"]), str(i))] = " ".join(text[start:end].split())
    return out


def gsr_sentences(shared: Path) -> dict[tuple[str, str], str]:
    records = json.loads((shared / "data" / "plover" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    return {(str(i), "0"): " ".join(r["text"].split()) for i, r in enumerate(records) if r.get("text")}


def voa_from_stories(path: Path, wanted: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """Sentences of the original stories whose keys we labelled (any segmentation: keys decide)."""
    stories = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            story = json.loads(line)
            stories[str(story["id"])] = story["text"]
    out = {}
    for row in wanted:
        text = stories.get(row["doc"], "")
        for start, end in sentences(text):
            if key(text[start:end]) == row["key"]:
                out[(row["doc"], row["sentence"])] = " ".join(text[start:end].split())
    return out


def voa_from_copies(path: Path) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            n = counts.get(row["story"], 0)
            counts[row["story"]] = n + 1
            out[(row["story"], str(n))] = " ".join(row["text"].split())
    return out


def is_dev(source: str, doc: str, voa_order: dict[str, int]) -> bool:
    if source == "isaf":
        return (int(doc) // 6) % 3 == 0
    if source == "gsr":
        return int(doc) % 2 == 0
    return voa_order[doc] % 2 == 0


def build(shared: Path, voa: dict[tuple[str, str], str]) -> Iterator[dict[str, str]]:
    texts = {"isaf": isaf_sentences(shared), "gsr": gsr_sentences(shared), "voa": voa}
    rows = read_labels()
    voa_order: dict[str, int] = {}
    for row in rows:
        if row["source"] == "voa":
            voa_order.setdefault(row["doc"], len(voa_order))
    missing = mismatched = 0
    for row in rows:
        text = texts[row["source"]].get((row["doc"], row["sentence"]))
        if text is None:
            missing += 1
            continue
        if key(text) != row["key"]:
            mismatched += 1
            continue
        yield {
            "id": f"{row['source']}:{row['doc']}:{row['sentence']}",
            "source": row["source"],
            "doc": row["doc"],
            "split": "dev" if is_dev(row["source"], row["doc"], voa_order) else "train",
            "text": text,
            "label": row["label"],
        }
    if missing or mismatched:
        sys.stderr.write(f"build_set: {missing} labelled sentences not found, {mismatched} not matching their key\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--voa-stories", type=Path, help="voa_stories.jsonl of ahalterman/NGEC-2025 at e724678")
    parser.add_argument(
        "--voa-sentences", type=Path, default=next((p for p in VOA_COPIES if p.exists()), VOA_COPIES[-1])
    )
    parser.add_argument("--out", type=Path, default=DEVSETS / "real.jsonl")
    args = parser.parse_args(argv)
    voa_rows = [r for r in read_labels() if r["source"] == "voa"]
    if args.voa_stories:
        voa = voa_from_stories(args.voa_stories, voa_rows)
    elif args.voa_sentences.exists():
        voa = voa_from_copies(args.voa_sentences)
    else:
        sys.stderr.write("build_set: no VOA text given; its sentences are left out\n")
        voa = {}
    out = list(build(args.shared, voa))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in out:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    dev = sum(r["split"] == "dev" for r in out)
    sys.stdout.write(f"{len(out)} real sentences ({dev} dev, {len(out) - dev} train) -> {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
