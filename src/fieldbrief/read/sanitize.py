"""The one gate every RawDocument passes before cleaning: strings that could not be written out (lone UTF-16
surrogates), URLs that do not parse, metadata that is not metadata. Each repair is recorded as a Note.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from fieldbrief.model import Note, RawDocument

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f]")  # all but tab, breaks, form feed
_SPACES = re.compile(r"\s+")
MAX_META_CHARS = 1000  # a title or outlet name longer than this is not one
MAX_DATE_CHARS = 64  # nor is a publication date
_URL_SCHEMES = ("http", "https")


def sanitize(doc: RawDocument) -> RawDocument:
    """The document with every string safe to write and every metadata field plausible; repairs noted."""
    notes = list(doc.notes)
    surrogates: list[str] = []
    values: dict[str, str | None] = {}
    for name in ("source", "text", "html", "url", "title", "published", "outlet", "container", "fetched"):
        value = getattr(doc, name)
        if value is not None and _has_surrogates(value):
            value, count = _SURROGATE.subn("\ufffd", value)
            surrogates.append(f"{count} in {name}")
        values[name] = value
    if surrogates:
        notes.append(Note("lone-surrogates", "lone UTF-16 surrogates replaced with U+FFFD: " + ", ".join(surrogates)))
    if values["text"] is not None:
        values["text"], removed = _TEXT_CONTROL.subn("", values["text"])
        if removed:
            notes.append(Note("control-characters", f"{removed} control characters (NUL, ESC...) removed"))
    for name in ("title", "outlet"):
        values[name] = _one_line(values[name], name, notes)
    values["published"] = _date_text(values["published"], notes)
    values["fetched"] = _date_text(values["fetched"], notes)
    values["url"] = _url(values["url"], notes)
    return replace(doc, notes=notes, **values)  # type: ignore[arg-type]


def _has_surrogates(value: str) -> bool:
    """Whether the string holds a lone surrogate: exactly the strings UTF-8 cannot encode (an encoder in C,
    several times faster than a regex scan of a whole HTML page)."""
    if value.isascii():  # known without a scan
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _one_line(value: str | None, name: str, notes: list[Note]) -> str | None:
    """Metadata is one line of text: control characters and line breaks become spaces; overlong is cut."""
    if value is None:
        return None
    value = _SPACES.sub(" ", _CONTROL.sub(" ", value)).strip()
    if len(value) > MAX_META_CHARS:
        notes.append(Note("metadata-truncated", f"the {name} was {len(value):,} characters: cut to {MAX_META_CHARS}"))
        value = value[: MAX_META_CHARS - 1] + "…"
    return value or None


def _date_text(value: str | None, notes: list[Note]) -> str | None:
    if value is None:
        return None
    value = _SPACES.sub(" ", _CONTROL.sub(" ", value)).strip()
    if len(value) > MAX_DATE_CHARS:
        notes.append(Note("invalid-date", f"dropped a {len(value):,}-character publication date"))
        return None
    return value or None


def _url(value: str | None, notes: list[Note]) -> str | None:
    """An absolute http(s) URL that parses, or None (noted): a malformed URL must not cost the article."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    shown = value if len(value) <= 80 else value[:79] + "…"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 — parsing the port raises on a malformed one
        ok = parts.scheme.lower() in _URL_SCHEMES and bool(parts.hostname) and not _CONTROL.search(value)
    except ValueError:
        ok = False
    if not ok:
        notes.append(Note("invalid-url", f"dropped a URL that is not a valid http(s) URL: {shown!r}"))
        return None
    return value
