"""Profile fieldbrief's own steps (reading, cleaning, the extraction stages) on the benchmark corpus.

    .venv/bin/python scripts/profile_stages.py [--articles N] [--html FILE] [--reading]

Runs the pipeline once to warm up, then under pyinstrument, and prints the call tree with spaCy's parse
under `_parse`; the rest is what we add to it (see `fieldbrief bench` for the shares). With --reading, only
reading and cleaning (sanitising, HTML extraction, cleaning, language identification), without the parse:
the "read+clean" step of the bench, profiled at a finer grain.
"""

from __future__ import annotations

import argparse

from pyinstrument import Profiler

from fieldbrief.bench import default_corpus, load_documents
from fieldbrief.model import RawDocument
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--html", help="also write the profile as HTML here")
    parser.add_argument("--reading", action="store_true", help="only reading and cleaning, not the parse")
    args = parser.parse_args()
    documents = load_documents(default_corpus(), args.articles)
    pipeline = Pipeline(Options())

    def run(docs: list[RawDocument]) -> None:
        for _ in pipeline._cleaned_chunks(docs) if args.reading else pipeline.run_documents(docs):
            pass  # --reading: what the bench times as read+clean

    run(documents[:2])  # models and resources loaded before profiling
    profiler = Profiler(interval=0.0005 if args.reading else 0.002)
    with profiler:
        run(documents)
    print(profiler.output_text(unicode=True, color=False))
    if args.html:
        with open(args.html, "w", encoding="utf-8") as out:
            out.write(profiler.output_html())


if __name__ == "__main__":
    main()
