"""`python -m fieldbrief.extract.gazetteer build [--out PATH]`: (re)build the gazetteer file."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from fieldbrief.extract.gazetteer.build import build_gazetteer
from fieldbrief.extract.gazetteer.lookup import DB_NAME, default_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldbrief.extract.gazetteer")
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--out", type=Path, default=None, help=f"where to write it (default: data/{DB_NAME})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out = build_gazetteer(args.out or default_path())
    seconds = time.perf_counter() - started
    sys.stdout.write(f"gazetteer written to {out} ({out.stat().st_size / 1e6:.1f} MB) in {seconds:.0f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
