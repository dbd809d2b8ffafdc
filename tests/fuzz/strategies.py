"""Hypothesis strategies for hostile inputs: text with every kind of character, JSON of any shape, tag soup,
feeds, WARC records with broken framing, damaged gzip. All generated text is synthetic."""

from __future__ import annotations

import gzip
import json
from typing import Any

from hypothesis import strategies as st

# Any code point, lone surrogates and controls included: what a scraper can hand us in a JSON string.
ANY_CHAR = st.characters(codec=None)
NASTY = st.sampled_from(
    [
        "\x00",
        "\x1b[2J",
        "\x1b]8;;http://evil\x1b\\",
        "[/bold]",
        "[link=x]",
        "\u202e",
        "\u2028",
        "\ufeff",
        "\ud800",
        "\udfff",
        "\u0301" * 50,
        "KABUL, ",
        '"',
        "said",
        "THE ARMY SAID ",
        "\r\n",
        "\t",
        "<script>",
        "&amp;",
        "&#0;",
        "{{ 7*7 }}",
        "%s",
        "\\",
        "=cmd|' /C calc'!A0",
        "http://[::1",
        "\U0001f4a5",
    ]
)
WORDS = st.sampled_from(
    ["Fictional", "militia", "fighters", "attacked", "Example", "town", "on", "Monday", "said", "the", "army", "."]
)


def hostile_text(max_size: int = 400) -> st.SearchStrategy[str]:
    """Text mixing ordinary words, nasty fragments and arbitrary characters."""
    piece = st.one_of(WORDS, WORDS, WORDS, NASTY, st.text(ANY_CHAR, max_size=8), st.just("\n\n"))
    return st.lists(piece, max_size=max_size // 4).map(" ".join)


@st.composite
def hostile_article(draw: st.DrawFn) -> str:
    """A fictional English report with hostile fragments spliced in between and inside its sentences."""
    import random

    from hostile import fictional_article  # the corpus generator's own fictional reports

    text = fictional_article(random.Random(draw(st.integers(0, 10_000))), "Marker00001", draw(st.integers(1, 8)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(NASTY, hostile_text(60))) + text[at:]
    return text


def json_values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), hostile_text(60)
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
        max_leaves=max_leaves,
    )


@st.composite
def article_objects(draw: st.DrawFn) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key in ("text", "html", "url", "title", "published", "outlet"):
        if draw(st.booleans()):
            obj[key] = draw(st.one_of(hostile_text(), json_values(4)))
    return obj


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True)  # ASCII escapes: lone surrogates survive as \ud800


@st.composite
def jsonl_bytes(draw: st.DrawFn) -> bytes:
    lines = draw(
        st.lists(
            st.one_of(
                article_objects().map(_dump),
                json_values().map(_dump),
                st.integers(1, 300).map(lambda n: "[" * n + "]" * n),
                st.integers(1, 6000).map(lambda n: '{"text": "x", "n": ' + "9" * n + "}"),
                st.text(ANY_CHAR, max_size=40).map(lambda s: s.encode("utf-8", "surrogatepass").decode("latin-1")),
            ),
            max_size=6,
        )
    )
    return "\n".join(lines).encode("utf-8", "surrogatepass")


TAGS = st.sampled_from(["p", "div", "article", "script", "style", "b", "table", "td", "h1", "a", "br", "svg", "html"])


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    parts = draw(
        st.lists(
            st.one_of(
                TAGS.map(lambda t: f"<{t}>"),
                TAGS.map(lambda t: f"</{t}>"),
                hostile_text(80),
                st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "<meta charset='utf-16'>", "&#x110000;", "<"]),
                st.integers(1, 400).map(lambda n: "<div>" * n),
            ),
            max_size=30,
        )
    )
    return "".join(parts).encode("utf-8", "surrogatepass")


@st.composite
def feed_bytes(draw: st.DrawFn) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>{body}</description></item>"
        for title, link, body in draw(
            st.lists(st.tuples(hostile_text(30), st.text(max_size=20), hostile_text(120)), max_size=4)
        )
    )
    head = draw(
        st.sampled_from(
            [
                "",
                '<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>',
                '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
            ]
        )
    )
    xml = f'<?xml version="1.0"?>{head}<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    cut = draw(st.integers(0, len(xml)))
    return xml[: cut if draw(st.booleans()) else len(xml)].encode("utf-8", "surrogatepass")


@st.composite
def warc_bytes(draw: st.DrawFn) -> bytes:
    """WARC records with random types, headers and framing, some compressed per record, maybe truncated."""
    records = []
    for _ in range(draw(st.integers(0, 4))):
        body = draw(st.one_of(html_bytes(), st.binary(max_size=200)))
        http = draw(
            st.sampled_from(
                [
                    b"",
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                    b"HTTP/1.1 404 X\r\n\r\n",
                    b"HTTP/1.1\r\n",
                    b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n",
                    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                ]
            )
        )
        block = http + body
        length = draw(st.sampled_from([str(len(block)), str(len(block) + 7), "0", "-3", "x", ""]))
        headers = [
            b"WARC/1.0",
            b"WARC-Type: " + draw(st.sampled_from([b"response", b"request", b"resource", b"metadata", b""])),
        ]
        if draw(st.booleans()):
            headers.append(
                b"WARC-Target-URI: " + draw(st.sampled_from([b"https://example.org/a", b"<http://[::1>", b""]))
            )
        headers.append(
            b"Content-Type: " + draw(st.sampled_from([b"application/http; msgtype=response", b"text/html", b""]))
        )
        headers.append(b"Content-Length: " + length.encode())
        record = b"\r\n".join(headers) + b"\r\n\r\n" + block + b"\r\n\r\n"
        if draw(st.booleans()):
            record = draw(st.binary(max_size=30)) + record
        records.append(gzip.compress(record) if draw(st.booleans()) else record)
    data = b"".join(records)
    return data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data


def gzip_of(inner: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Compressed, and sometimes cut short or corrupted."""

    @st.composite
    def make(draw: st.DrawFn) -> bytes:
        data = gzip.compress(draw(inner))
        damage = draw(st.sampled_from(["none", "truncate", "flip"]))
        if damage == "truncate":
            return data[: draw(st.integers(0, len(data)))]
        if damage == "flip" and len(data) > 12:
            at = draw(st.integers(10, len(data) - 1))
            return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
        return data

    return make()
