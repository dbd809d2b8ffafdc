"""Profile fieldbrief's own steps (reading, cleaning, the extraction stages) on the benchmark corpus.

    .venv/bin/python scripts/profile_stages.py [--articles N] [--html FILE]

Runs the pipeline once to warm up, then under pyinstrument, and prints the call tree with spaCy's parse
under `_parse`; the rest is what we add to it (see `fieldbrief bench` for the shares).
"""

from __future__ import annotations

import argparse

from pyinstrument import Profiler

from fieldbrief.bench import default_corpus, load_documents
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--html", help="also write the profile as HTML here")
    args = parser.parse_args()
    documents = load_documents(default_corpus(), args.articles)
    pipeline = Pipeline(Options())
    list(pipeline.run_documents(documents[:2]))
    profiler = Profiler(interval=0.002)
    with profiler:
        for _ in pipeline.run_documents(documents):
            pass
    print(profiler.output_text(unicode=True, color=False))
    if args.html:
        with open(args.html, "w", encoding="utf-8") as out:
            out.write(profiler.output_html())


if __name__ == "__main__":
    main()
