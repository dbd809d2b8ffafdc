"""Classify the geoparsing dev sets' misses (LGL, GeoVirus) on the current checkout. Not shipped.

    .venv/bin/python dev/geo/misses.py [GeoVirus|lgl] [--reuse]

Runs `fieldbrief analyze` once over the corpus (cached under /tmp unless --reuse), scores it as
../shared/tools/score.py geo does (same name, within 161 km) and sorts each miss into one kind:
  point      the right place (same GeoNames id or same name and kind) but our point lies > 161 km from gold
  division   a country or first-level division named, our point > 161 km away (the point disagreement)
  sense      a place of that name found, but another place (> 161 km, not a country or division)
  unresolved the span was found as a place without coordinates
  missed     no place with that surface name in the output; split into in-gazetteer / not in gazetteer
Prints counts by kind, then by kind and name, so that the commonest fixable misses show first.
"""

from __future__ import annotations

import collections
import json
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def gold_of(corpus: str, tmp: str) -> dict[str, list[tuple[str, float, float]]]:
    root = ET.parse(os.path.join(SHARED, "data", "geoparsing", corpus + ".xml")).getroot()
    gold: dict[str, list[tuple[str, float, float]]] = {}
    for n, art in enumerate(root.iter("article")):
        key = f"{corpus}-{art.get('docid') or n}"
        with open(os.path.join(tmp, key + ".txt"), "w") as f:
            f.write(art.findtext("text") or "")
        gold[key] = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            if tag is not None and tag.findtext("lat"):
                gold[key].append(
                    (t.findtext("phrase") or "", float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0))
                )
        for t in art.iter("location"):
            if t.findtext("lat"):
                gold[key].append(
                    (t.findtext("name") or "", float(t.findtext("lat") or 0), float(t.findtext("lon") or 0))
                )
    return gold


def in_gazetteer(phrase: str, lat: float, lon: float) -> str:
    """Whether the gazetteer knows the name at all, and as a place near the gold point; matchable or NER-only."""
    import sqlite3

    from fieldbrief.extract.gazetteer.keys import name_key

    con = sqlite3.connect("src/fieldbrief/data/gazetteer.sqlite")
    rows = con.execute(
        "select n.matchable, p.lat, p.lon from names n join places p on p.id = n.place where n.key = ?",
        (name_key(phrase),),
    ).fetchall()
    if not rows:
        return "unknown name"
    near = [r for r in rows if km((lat, lon), (r[1], r[2])) <= 161]
    if not near:
        return "known, other place"
    return "known, matchable" if any(r[0] == 1 for r in near) else "known, NER only"


def main() -> None:
    corpus = next((a for a in sys.argv[1:] if not a.startswith("--")), "GeoVirus")
    tmp = f"/tmp/geo_misses_{corpus}"
    os.makedirs(tmp, exist_ok=True)
    gold = gold_of(corpus, tmp)
    out = os.path.join(tmp, "out.jsonl")
    if "--reuse" not in sys.argv or not os.path.exists(out):
        paths = sorted(os.path.join(tmp, k + ".txt") for k in gold)
        subprocess.run([".venv/bin/fieldbrief", "analyze", *paths, "--format", "jsonl", "--out", out], check=True)
    with open(out) as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    kinds: collections.Counter[str] = collections.Counter()
    names: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    hits = total = 0
    detail = []
    for d in docs:
        key = os.path.basename(d.get("source", ""))[:-4]
        places = d.get("places", [])
        for phrase, lat, lon in gold.get(key, []):
            total += 1
            same = [p for p in places if p.get("name", "").lower() == phrase.lower()]
            located = [p for p in same if p.get("lat") is not None]
            if any(km((lat, lon), (p["lat"], p["lon"])) <= 161 for p in located):
                hits += 1
                continue
            if located:
                p = located[0]
                dist = km((lat, lon), (p["lat"], p["lon"]))
                if p.get("feature") in ("country", "province") and (p.get("feature") == "country" or dist < 1500):
                    kind = f"division:{p.get('feature')}"
                else:
                    kind = "sense"
                detail.append((kind, key, phrase, p.get("feature"), p.get("country"), round(dist)))
            elif same:
                kind = "unresolved"
            else:
                kind = "missed:" + in_gazetteer(phrase, lat, lon)
            kinds[kind] += 1
            names[kind][phrase] += 1
    print(f"{corpus}: {hits}/{total} = {hits / total:.3f}")
    for kind, n in kinds.most_common():
        print(f"{kind:18} {n:4}  " + "; ".join(f"{k} {v}" for k, v in names[kind].most_common(25)))
    with open(os.path.join(tmp, "detail.tsv"), "w") as f:
        for row in detail:
            f.write("\t".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main()
