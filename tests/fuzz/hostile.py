"""A generated corpus of hostile inputs mixed with good articles, and what must come out of each.

`build_corpus(folder, hostile=N, seed=S)` writes about N bad or hostile inputs (files, and records inside
container files) of every kind issue 13 lists and more, and one good fictional article per three of them,
some on their own and some inside the same containers as bad records. Each case says what fieldbrief must
make of it: an article (found by the unique marker word in its text) or a rejection (found by its file and
record index, with the codes allowed). Every text is fictional; the generator is deterministic for a seed.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# -- good fictional articles ---------------------------------------------------------------------------------

PLACES = ("Kessora", "Varen", "Tolmey", "Ardish", "Norvale", "Pellin", "Drasta", "Umbrek", "Sallow Ford")
GROUPS = ("the Northern Front", "the Valley Brigade", "the river militia", "the Union Guard", "the Free Hills Army")
OFFICIALS = ("General Tomas Vell", "Minister Ada Korran", "Colonel Rhys Mabon", "spokeswoman Lia Dorne")
TEMPLATES = (
    "{group} attacked an army post in {place} on {day}, killing {n} soldiers, {official} said.",
    "{official} told reporters that {group} had withdrawn from {place} after {n} hours of fighting.",
    "Residents of {place} said shops stayed closed on {day} as {group} patrolled the main road.",
    "Aid workers said {n} families had fled {place} since {day}, when shelling hit the market.",
    "{official} denied that {group} controlled the bridge at {place}.",
    "The council in {place} called for talks with {group} and asked for calm before {day}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def fictional_article(rng: random.Random, marker: str, sentences: int = 5) -> str:
    """A distinct fictional report carrying its marker word."""
    lines = [f"Fictional report {marker} from {rng.choice(PLACES)}."]
    for _ in range(sentences):
        lines.append(
            rng.choice(TEMPLATES).format(
                group=rng.choice(GROUPS),
                place=rng.choice(PLACES),
                day=rng.choice(DAYS),
                n=rng.randint(2, 400),
                official=rng.choice(OFFICIALS),
            )
        )
    return "\n\n".join(lines)


def html_page(text: str, title: str = "Fictional report", head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body><article>{body}</article></body></html>"
    )


# -- what must come out --------------------------------------------------------------------------------------


@dataclass
class Expect:
    outcome: str  # "article" | "rejection"
    marker: str | None = None  # articles: the marker word in the text
    codes: frozenset[str] | None = None  # rejections: the codes allowed (None: any registered code)
    record: int | None = None  # a record inside a container: its index


@dataclass
class Case:
    path: str  # relative to the corpus folder (os.fsdecode for non-UTF-8 names)
    kind: str
    hostile: int  # bad or hostile inputs in this case (a container may hold several, and good records too)
    good: int
    expect: list[Expect] = field(default_factory=list)


def article(marker: str) -> Expect:
    return Expect("article", marker=marker)


def rejected(*codes: str, record: int | None = None) -> Expect:
    return Expect("rejection", codes=frozenset(codes) if codes else None, record=record)


# -- the generator -------------------------------------------------------------------------------------------


class Corpus:
    def __init__(self, folder: Path, seed: int) -> None:
        self.folder = folder
        self.rng = random.Random(seed)
        self.cases: list[Case] = []
        self.counter = 0

    def marker(self) -> str:
        self.counter += 1
        return f"Marker{self.counter:05d}"

    def story(self) -> tuple[str, str]:
        marker = self.marker()
        return marker, fictional_article(self.rng, marker, self.rng.randint(3, 7))

    def name(self, kind: str, suffix: str) -> str:
        return f"{len(self.cases):05d}-{kind}{suffix}"

    def write(self, name: str | bytes, data: bytes, kind: str, hostile: int, good: int, expect: list[Expect]) -> None:
        path = os.path.join(os.fsencode(self.folder), os.fsencode(name))
        with open(path, "wb") as fh:
            fh.write(data)
        self.cases.append(Case(os.fsdecode(name), kind, hostile, good, expect))

    def special(self, name: str, make: Callable[[str], None], kind: str, expect: list[Expect]) -> None:
        make(str(self.folder / name))
        self.cases.append(Case(name, kind, 1, 0, expect))

    # good articles, in every container kind
    def good(self) -> None:
        marker, text = self.story()
        form = self.rng.choice(("txt", "html", "jsonl", "json", "rss", "warc", "txt.gz"))
        name = self.name("good", "." + form)
        if form == "txt":
            data = text.encode()
        elif form == "html":
            data = html_page(text).encode()
        elif form == "jsonl":
            data = (
                json.dumps({"text": text, "title": "Fictional", "url": f"https://example.org/{marker}"}) + "\n"
            ).encode()
        elif form == "json":
            data = json.dumps([{"html": html_page(text), "outlet": "Example Wire"}]).encode()
        elif form == "rss":
            data = feed([(f"https://example.org/{marker}", text)]).encode()
        elif form == "warc":
            name = self.name("good", ".warc.gz")
            data = warc_gz([response(f"https://example.org/{marker}", html_page(text).encode())])
        else:
            data = gzip.compress(text.encode())
        self.write(name, data, "good", 0, 1, [article(marker)])


def feed(items: list[tuple[str, str]], extra: str = "") -> str:
    entries = "".join(
        f"<item><title>Fictional</title><link>{link}</link><description><![CDATA[{html_page(text)}]]>"
        "</description></item>"
        for link, text in items
    )
    return (
        f'<?xml version="1.0"?>{extra}<rss version="2.0"><channel><title>Example Wire</title>{entries}</channel></rss>'
    )


def response(
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra: list[tuple[str, str]] | None = None,
) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)
    return buffer.getvalue()


def request(url: str) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], protocol="HTTP/1.1", is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=headers))
    return buffer.getvalue()


def warc_gz(records: list[bytes]) -> bytes:
    return b"".join(gzip.compress(r) for r in records)


def without_header(record: bytes, name: bytes) -> bytes:
    return b"\r\n".join(line for line in record.split(b"\r\n") if not line.startswith(name))


def zeros_gzip(megabytes: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    return b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()


# -- the hostile kinds ---------------------------------------------------------------------------------------
# Each takes the corpus and writes one case (a file, or a container holding hostile and good records).

Kind = Callable[[Corpus], None]


def text_kinds() -> dict[str, Kind]:
    def text_file(name: str, data: bytes, expect: Expect | None = None) -> Kind:
        return lambda c: c.write(c.name(name, ".txt"), data, name, 1, 0, [expect or rejected()])

    def valid(name: str, wrap: Callable[[str], bytes], suffix: str = ".txt") -> Kind:
        def make(c: Corpus) -> None:
            marker, text = c.story()
            c.write(c.name(name, suffix), wrap(text), name, 1, 0, [article(marker)])

        return make

    return {
        "empty": text_file("empty", b"", rejected("empty")),
        "whitespace": text_file("whitespace", b" \n\t\r\n  \n", rejected("empty")),
        "binary": lambda c: c.write(
            c.name("binary", ".txt"),
            c.rng.randbytes(c.rng.randint(10, 3000)),
            "binary",
            1,
            0,
            [rejected("binary", "undecodable", "empty")],
        ),
        "nul-bytes": valid("nul", lambda t: t.encode().replace(b". ", b".\x00 ", 3)),
        "zero-width-only": text_file("zero-width", "\u200b\u200c\u200d\ufeff".encode() * 50, rejected("empty")),
        "too-short": text_file("short", b"Fictional.", rejected("empty")),
        "utf16-bom": valid("utf16-bom", lambda t: t.encode("utf-16")),
        "utf16-le": valid("utf16-le", lambda t: t.encode("utf-16-le")),
        "utf16-be": valid("utf16-be", lambda t: t.encode("utf-16-be")),
        "utf32-bom": valid("utf32-bom", lambda t: t.encode("utf-32")),
        "utf32-le": valid("utf32-le", lambda t: t.encode("utf-32-le")),
        "utf8-bom": valid("utf8-bom", lambda t: b"\xef\xbb\xbf" + t.encode()),
        "cp1252": valid("cp1252", lambda t: (t + " The minister\u2019s caf\u00e9 \u2013 \u20ac5.").encode("cp1252")),
        "latin1-stray": valid("latin1-stray", lambda t: t.encode().replace(b"Fictional", b"Fict\xefonal \xe9", 1)),
        "mixed-utf8-latin1": valid(
            "mixed", lambda t: (t + " Caf\u00e9 \u2014 na").encode() + b"\xefve \x93quoted\x94 \xe2\x80 end."
        ),
        "encoded-surrogate": valid("enc-surrogate", lambda t: t.encode() + b" \xed\xa0\x80 tail."),
        "rich-markup": valid("markup", lambda t: ("[/bold] [link=https://x]y[/link] [red]" + t).encode()),
        "ansi-escapes": valid("ansi", lambda t: ("\x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\ \x1b[2J" + t).encode()),
        "bidi-override": valid("bidi", lambda t: ("\u202egnp.exe\u202c " + t).encode()),
        "control-chars": valid("controls", lambda t: (t + "\x07\x08\x0b\x1b[31m").encode()),
        "zalgo": valid("zalgo", lambda t: (t + " Z" + "\u0301\u0302\u0303" * 2000).encode()),
        "emoji": valid("emoji", lambda t: (t + " \U0001f4a5\U0001f3f3\ufe0f\u200d\U0001f308").encode()),
        "crlf": valid("crlf", lambda t: t.replace("\n", "\r\n").encode()),
        "cr-only": valid("cr", lambda t: t.replace("\n", "\r").encode()),
        "no-spaces": valid("no-spaces", lambda t: (t + "\n\n" + "x" * 20_000).encode()),
        "longish-line": valid("longish-line", lambda t: (t.replace("\n\n", " ") + " word" * 2_000).encode()),
        "regex-bait": valid(
            "regex-bait",
            lambda t: (t + "\n\n" + "KABUL, " * 300 + "\n\n" + '"' * 500 + "\n\n" + "THE ARMY SAID " * 300).encode(),
        ),
        "unsupported": lambda c: c.write(
            c.name("unsupported", ".pdf"), b"%PDF-1.4 fictional", "unsupported", 1, 0, [rejected("unsupported-type")]
        ),
        "no-extension": lambda c: c.write(
            c.name("noext", ""), b"Fictional text.", "no-extension", 1, 0, [rejected("unsupported-type")]
        ),
    }


def json_kinds() -> dict[str, Kind]:
    def jsonl_case(name: str, bad_lines: list[tuple[str, Expect]]) -> Kind:
        """A JSON Lines file: a good line, the bad lines, another good line."""

        def make(c: Corpus) -> None:
            first, text1 = c.story()
            last, text2 = c.story()
            lines = [json.dumps({"text": text1})]
            expect = [article(first)]
            for line, expectation in bad_lines:
                if expectation.outcome == "rejection":
                    expectation = Expect("rejection", codes=expectation.codes, record=len(lines))
                lines.append(line)
                expect.append(expectation)
            lines.append(json.dumps({"text": text2}))
            expect.append(article(last))
            c.write(c.name(name, ".jsonl"), ("\n".join(lines) + "\n").encode(), name, len(bad_lines), 2, expect)

        return make

    def valid_line(name: str, make_line: Callable[[str, str], str]) -> Kind:
        def make(c: Corpus) -> None:
            marker, text = c.story()
            c.write(c.name(name, ".jsonl"), (make_line(marker, text) + "\n").encode(), name, 1, 0, [article(marker)])

        return make

    deep = "[" * 5000 + "]" * 5000
    return {
        "json-big-number": jsonl_case(
            "bignum", [('{"text": "x", "n": ' + "9" * 5000 + "}", rejected("json-number-too-long"))]
        ),
        "json-big-float": jsonl_case(
            "bigfloat", [('{"text": "x", "n": 1.' + "5" * 5000 + "}", rejected("json-number-too-long"))]
        ),
        "json-deep-array": jsonl_case("deep", [('{"text": "x", "n": ' + deep + "}", rejected("json-too-deep"))]),
        "json-deep-object": jsonl_case("deepobj", [('{"a":' * 3000 + "1" + "}" * 3000, rejected("json-too-deep"))]),
        "json-moderately-deep": jsonl_case(
            "deep80", [('{"text": "x", "n": ' + "[" * 80 + "]" * 80 + "}", rejected("json-too-deep"))]
        ),
        "json-truncated": jsonl_case("truncated", [('{"text": "unfinished', rejected("invalid-json"))]),
        "json-not-object": jsonl_case(
            "notobj", [("[1, 2, 3]", rejected("invalid-json")), ('"text"', rejected("invalid-json"))]
        ),
        "json-missing-text": jsonl_case(
            "missing", [('{"title": "no body"}', rejected("missing-text")), ('{"text": 42}', rejected("missing-text"))]
        ),
        "json-garbage": jsonl_case(
            "garbage", [("\x00\x01\x02 garbage", rejected("binary", "invalid-json")), ("}{", rejected("invalid-json"))]
        ),
        "json-nan": jsonl_case("nan", [('{"text": NaN}', rejected("missing-text"))]),
        "json-surrogates": valid_line(
            "surrogates", lambda m, t: json.dumps({"text": t + " \ud800 x", "title": "T \udc00", "outlet": "O \udbff"})
        ),
        "json-paired-surrogates": valid_line(
            "paired", lambda m, t: json.dumps({"text": t + " \U0001f4a5"}, ensure_ascii=True)
        ),
        "json-bad-url": valid_line("badurl", lambda m, t: json.dumps({"text": t, "url": "http://[::1"})),
        "json-bad-port": valid_line(
            "badport", lambda m, t: json.dumps({"text": t, "url": "http://example.org:99999999/x"})
        ),
        "json-js-url": valid_line("jsurl", lambda m, t: json.dumps({"text": t, "url": "javascript:alert(1)"})),
        "json-markup-meta": valid_line(
            "markupmeta", lambda m, t: json.dumps({"text": t, "title": "[/bold] \x1b[2J", "outlet": "[/red]"})
        ),
        "json-wrong-types": valid_line(
            "types", lambda m, t: json.dumps({"text": t, "title": {"a": 1}, "published": [2024], "outlet": True})
        ),
        "json-huge-title": valid_line("hugetitle", lambda m, t: json.dumps({"text": t, "title": "T" * 50_000})),
        "json-huge-date": valid_line(
            "hugedate", lambda m, t: json.dumps({"text": t, "published": "2024-01-01 " * 5000})
        ),
        "json-bad-date": valid_line("baddate", lambda m, t: json.dumps({"text": t, "published": "2021-13-45"})),
        "json-html-hostile": valid_line(
            "htmlhostile",
            lambda m, t: json.dumps({"html": html_page(t, "<script>x()</script>") + "<script>alert(1)</script>"}),
        ),
        "json-dup-keys": valid_line("dupkeys", lambda m, t: '{"text": 1, "text": ' + json.dumps(t) + "}"),
        "jsonl-bom": valid_line("bom", lambda m, t: "\ufeff" + json.dumps({"text": t})),
        "jsonl-crlf": valid_line("crlf", lambda m, t: json.dumps({"text": t}) + "\r\n\r\n"),
        "jsonl-u2028": valid_line(
            "u2028", lambda m, t: json.dumps({"text": t + " \u2028 x \u2029 y"}, ensure_ascii=False)
        ),
        "jsonl-utf16": lambda c: _utf16_jsonl(c),
        "json-file-deep": lambda c: c.write(
            c.name("deepfile", ".json"),
            ("[" * 100_000 + "]" * 100_000).encode(),
            "json-file-deep",
            1,
            0,
            [rejected("json-too-deep")],
        ),
        "json-file-empty-array": lambda c: c.write(
            c.name("emptyarray", ".json"), b"[]", "json-file-empty-array", 1, 0, [rejected("no-articles")]
        ),
        "json-file-scalar": lambda c: c.write(
            c.name("scalar", ".json"), b"42", "json-file-scalar", 1, 0, [rejected("invalid-json")]
        ),
        "json-file-invalid": lambda c: c.write(
            c.name("invalid", ".json"), b"{not json", "json-file-invalid", 1, 0, [rejected("invalid-json")]
        ),
        "jsonl-empty": lambda c: c.write(
            c.name("emptyl", ".jsonl"), b"\n\n\n", "jsonl-empty", 1, 0, [rejected("empty")]
        ),
    }


def _utf16_jsonl(c: Corpus) -> None:
    marker, text = c.story()
    data = (json.dumps({"text": text}) + "\n").encode("utf-16")
    c.write(c.name("utf16", ".jsonl"), data, "jsonl-utf16", 1, 0, [article(marker)])


def warc_kinds() -> dict[str, Kind]:
    def warc_case(name: str, bad: list[tuple[bytes, Expect]], compress: bool = True) -> Kind:
        """A WARC: a good page, the bad records, another good page."""

        def make(c: Corpus) -> None:
            first, text1 = c.story()
            last, text2 = c.story()
            records = [response(f"https://example.org/{first}", html_page(text1).encode())]
            expect = [article(first)]
            for record, expectation in bad:
                if expectation.outcome == "rejection":
                    expectation = Expect("rejection", codes=expectation.codes, record=len(records))
                records.append(record)
                expect.append(expectation)
            records.append(response(f"https://example.org/{last}", html_page(text2).encode()))
            expect.append(article(last))
            data = warc_gz(records) if compress else b"".join(records)
            suffix = ".warc.gz" if compress else ".warc"
            c.write(c.name(name, suffix), data, name, len(bad), 2, expect)

        return make

    page = html_page("Fictional page.\n\nA second fictional paragraph that is long enough to keep.").encode()
    good = response("https://example.org/x", page)
    bomb_body = response("https://example.org/bomb", zeros_gzip(64), extra=[("Content-Encoding", "gzip")])

    def whole(c: Corpus, name: str, data: bytes, expect: Expect) -> None:
        c.write(c.name(name, ".warc.gz" if data[:2] == b"\x1f\x8b" else ".warc"), data, name, 1, 0, [expect])

    return {
        "warc-no-target-uri": warc_case(
            "nouri", [(without_header(good, b"WARC-Target-URI"), rejected("invalid-warc"))]
        ),
        "warc-bad-length": warc_case(
            "badlen",
            [(good.replace(b"Content-Length: ", b"Content-Length: x", 1), rejected("invalid-warc"))],
            compress=False,
        ),
        "warc-garbage-between": warc_case(
            "garbage", [(b"this is not a record\r\n" * 30, rejected("invalid-warc"))], compress=False
        ),
        "warc-image": warc_case(
            "image",
            [(response("https://example.org/i.png", b"\x89PNG" * 10, "image/png"), rejected("unsupported-type"))],
        ),
        "warc-404": warc_case(
            "notfound", [(response("https://example.org/404", page, status="404 Not Found"), rejected("http-error"))]
        ),
        "warc-request": warc_case("request", [(request("https://example.org/r"), Expect("none"))]),
        "warc-gzip-body": _gzip_body_warc,
        "warc-brotli-body": warc_case(
            "brotli",
            [
                (
                    response("https://example.org/br", b"\x8b\x02", extra=[("Content-Encoding", "br")]),
                    rejected("unsupported-type"),
                )
            ],
        ),
        "warc-body-bomb": warc_case("bodybomb", [(bomb_body, rejected("too-large"))]),
        "warc-chunked": warc_case(
            "chunked",
            [
                (
                    response(
                        "https://example.org/ch", b"5\r\nhello\r\n0\r\n\r\n", extra=[("Transfer-Encoding", "chunked")]
                    ),
                    rejected("empty", "no-main-text"),
                )
            ],
        ),
        "warc-binary-html": warc_case(
            "binhtml", [(response("https://example.org/b", bytes(range(256)) * 8), rejected("binary", "undecodable"))]
        ),
        "warc-empty": lambda c: whole(c, "empty", b"", rejected("empty")),
        "warc-garbage": lambda c: whole(c, "garbage", b"not a warc\n" * 50, rejected("invalid-warc")),
        "warc-only-requests": lambda c: whole(
            c, "requests", request("https://example.org/a") + request("https://example.org/b"), rejected("no-articles")
        ),
        "warc-truncated-gzip": lambda c: whole(
            c, "truncgz", warc_gz([good])[:-30], rejected("corrupt-gzip", "invalid-warc")
        ),
        "warc-truncated-record": lambda c: whole(c, "truncrec", good[:-200], rejected("invalid-warc")),
        "warc-single-stream-gzip": _single_stream_warc,
        "warc-random-bytes": lambda c: whole(
            c, "random", gzip.compress(c.rng.randbytes(2000)), rejected("invalid-warc")
        ),
    }


def _gzip_body_warc(c: Corpus) -> None:
    """Pages stored with their HTTP Content-Encoding (gzip, deflate) and chunked transfer coding."""
    first, text1 = c.story()
    second, text2 = c.story()
    third, text3 = c.story()
    page1, page2 = html_page(text1).encode(), html_page(text2).encode()
    deflater = zlib.compressobj(wbits=-15)
    chunked = b"".join(
        b"%x\r\n%s\r\n" % (len(page2[i : i + 500]), page2[i : i + 500]) for i in range(0, len(page2), 500)
    )
    records = [
        response(f"https://example.org/{first}", gzip.compress(page1), extra=[("Content-Encoding", "gzip")]),
        response(
            f"https://example.org/{second}",
            chunked + b"0\r\n\r\n",
            extra=[("Transfer-Encoding", "chunked")],
        ),
        response(
            f"https://example.org/{third}",
            deflater.compress(html_page(text3).encode()) + deflater.flush(),
            extra=[("Content-Encoding", "deflate")],
        ),
    ]
    c.write(
        c.name("encodings", ".warc.gz"),
        warc_gz(records),
        "warc-content-encodings",
        1,
        0,
        [article(first), article(second), article(third)],
    )


def _single_stream_warc(c: Corpus) -> None:
    """A .warc.gz compressed as one stream (not one member per record): legal gzip, still readable."""
    first, text1 = c.story()
    second, text2 = c.story()
    records = [
        response(f"https://example.org/{m}", html_page(t).encode()) for m, t in ((first, text1), (second, text2))
    ]
    c.write(
        c.name("onestream", ".warc.gz"),
        gzip.compress(b"".join(records)),
        "warc-single-stream-gzip",
        1,
        0,
        [article(first), article(second)],
    )


def html_kinds() -> dict[str, Kind]:
    def valid(name: str, wrap: Callable[[str], str], encoding: str = "utf-8") -> Kind:
        def make(c: Corpus) -> None:
            marker, text = c.story()
            c.write(c.name(name, ".html"), wrap(text).encode(encoding), name, 1, 0, [article(marker)])

        return make

    def bad(name: str, data: bytes, *codes: str) -> Kind:
        return lambda c: c.write(c.name(name, ".html"), data, name, 1, 0, [rejected(*codes)])

    return {
        "html-deep": bad(
            "deep",
            (
                "<html><body>" + "<div>" * 3000 + "<p>Fictional text here.</p>" + "</div>" * 3000 + "</body></html>"
            ).encode(),
            "html-too-deep",
        ),
        "html-script-only": bad(
            "script", b"<html><body><script>alert(1)</script></body></html>", "no-main-text", "empty"
        ),
        "html-empty-body": bad("emptybody", b"<html><body></body></html>", "no-main-text", "empty"),
        "html-not-html": bad("nothtml", b"\x00\x01 binary pretending", "binary", "empty", "no-main-text"),
        "html-binary": bad("binary", bytes(range(256)) * 8, "binary"),
        "html-unclosed": valid(
            "unclosed", lambda t: "<html><body>" + "".join(f"<p><b><i>{p}" for p in t.split("\n\n"))
        ),
        "html-entities": valid(
            "entities", lambda t: html_page(t + "\n\n" + "&amp;&lt;&#x1F4A5;&#0;&#xD800;&bogus; " * 200)
        ),
        "html-huge-attribute": valid(
            "attr", lambda t: html_page(t).replace("<article>", "<article data-x='" + "a" * 500_000 + "'>")
        ),
        "html-comments": valid(
            "comments", lambda t: html_page(t).replace("<article>", "<!--" + "-" * 100_000 + "-->" + "<article>")
        ),
        "html-cp1251-declared": valid(
            "cp1251", lambda t: html_page(t + "\n\nМосква сообщила.", head='<meta charset="windows-1251">'), "cp1251"
        ),
        "html-lying-charset": valid("liar", lambda t: html_page(t + " café", head='<meta charset="shift_jis">')),
        "html-xss": valid(
            "xss",
            lambda t: html_page(t, "<script>alert(1)</script>").replace(
                "<article>", "<article><img src=x onerror=alert(1)><svg onload=alert(2)>"
            ),
        ),
        "html-utf16": valid("utf16", lambda t: html_page(t), "utf-16"),
        "html-gz": lambda c: _gz_html(c),
    }


def _gz_html(c: Corpus) -> None:
    marker, text = c.story()
    c.write(c.name("gz", ".html.gz"), gzip.compress(html_page(text).encode()), "html-gz", 1, 0, [article(marker)])


LAUGHS = (
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    + "".join(f'<!ENTITY {x} "{("&" + p + ";") * 20}">' for p, x in zip("abcdef", "bcdefg", strict=True))
    + "]>"
)
XXE = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'


def feed_kinds() -> dict[str, Kind]:
    def feed_case(
        name: str, extra: str = "", hostile_item: str | None = None, expect_item: Expect | None = None
    ) -> Kind:
        def make(c: Corpus) -> None:
            marker, text = c.story()
            xml = feed([(f"https://example.org/{marker}", text)], extra)
            expect = [article(marker)]
            if hostile_item is not None:
                xml = xml.replace("</channel>", hostile_item + "</channel>")
                expect.append(expect_item or rejected())
            c.write(c.name(name, ".rss"), xml.encode(), name, 1, 1, expect)

        return make

    def whole(name: str, data: bytes, *codes: str) -> Kind:
        return lambda c: c.write(c.name(name, ".rss"), data, name, 1, 0, [rejected(*codes)])

    return {
        "feed-billion-laughs": feed_case(
            "laughs",
            LAUGHS,
            "<item><title>&g;</title><link>https://example.org/l</link><description>&g;</description></item>",
            Expect("any"),
        ),
        "feed-xxe": feed_case(
            "xxe",
            XXE,
            "<item><title>&xxe;</title><link>https://example.org/x</link><description>&xxe; body</description></item>",
            Expect("any"),
        ),
        "feed-item-without-content": feed_case(
            "nocontent",
            "",
            "<item><title>Only a title</title><link>https://example.org/n</link></item>",
            rejected("missing-text", record=1),
        ),
        "feed-js-link": feed_case(
            "jslink",
            "",
            "<item><title>T</title><link>javascript:alert(1)</link><description>Short.</description></item>",
            Expect("any"),
        ),
        "feed-itemless": whole(
            "itemless",
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>',
            "no-articles",
        ),
        "feed-empty": whole("empty", b"", "empty"),
        "feed-garbage": whole("garbage", b"<<<not xml>>> \x00\x01", "invalid-feed", "no-articles"),
        "feed-path-content": whole("path", b"/dev/zero", "invalid-feed", "no-articles"),
        "feed-html-error-page": whole(
            "errorpage", b"<html><body><h1>502 Bad Gateway</h1></body></html>", "invalid-feed", "no-articles"
        ),
    }


def gzip_kinds() -> dict[str, Kind]:
    def make_bomb(c: Corpus) -> None:
        data = zeros_gzip(64) * 2  # 128 MB of zeros from ~130 KB: past the ratio floor, ratio ~1000
        c.write(c.name("bomb", ".txt.gz"), data, "gzip-bomb", 1, 0, [rejected("decompression-bomb", "too-large")])

    def valid_gz(c: Corpus) -> None:
        marker, text = c.story()
        c.write(
            c.name("valid", ".jsonl.gz"),
            gzip.compress((json.dumps({"text": text}) + "\n").encode()),
            "gzip-jsonl",
            1,
            0,
            [article(marker)],
        )

    return {
        "gzip-bomb": make_bomb,
        "gzip-truncated": lambda c: c.write(
            c.name("trunc", ".txt.gz"),
            gzip.compress(b"Fictional text. " * 500)[:-40],
            "gzip-truncated",
            1,
            0,
            [rejected("corrupt-gzip")],
        ),
        "gzip-not-gzip": lambda c: c.write(
            c.name("notgz", ".txt.gz"), b"plain text, not compressed", "gzip-not-gzip", 1, 0, [rejected("corrupt-gzip")]
        ),
        "gzip-jsonl": valid_gz,
        "gzip-corrupt": lambda c: c.write(
            c.name("corrupt", ".jsonl.gz"),
            b"\x1f\x8b\x08\x00" + c.rng.randbytes(500),
            "gzip-corrupt",
            1,
            0,
            [rejected("corrupt-gzip")],
        ),
    }


def filesystem_kinds() -> dict[str, Kind]:
    def fifo(c: Corpus) -> None:
        c.special(c.name("fifo", ".txt"), os.mkfifo, "fifo", [rejected("not-a-file")])

    def devzero(c: Corpus) -> None:
        c.special(c.name("devzero", ".txt"), lambda p: os.symlink("/dev/zero", p), "dev-zero", [rejected("not-a-file")])

    def loop(c: Corpus) -> None:
        c.special(c.name("loop", ".txt"), lambda p: os.symlink(p, p), "symlink-loop", [rejected("symlink-loop")])

    def broken(c: Corpus) -> None:
        c.special(
            c.name("broken", ".txt"), lambda p: os.symlink(p + ".missing", p), "broken-link", [rejected("not-found")]
        )

    def folder_named_txt(c: Corpus) -> None:
        name = c.name("folder", ".txt")
        os.mkdir(c.folder / name)
        marker, text = c.story()
        (c.folder / name / "inner.txt").write_text(text)
        c.cases.append(Case(name + "/inner.txt", "folder-named-txt", 1, 0, [article(marker)]))

    def bad_name(c: Corpus) -> None:
        marker, text = c.story()
        c.write(
            c.name("badname", "").encode() + b"-\xff\xfe.txt", text.encode(), "non-utf8-name", 1, 0, [article(marker)]
        )

    def markup_name(c: Corpus) -> None:
        marker, text = c.story()
        c.write(c.name("[bold]x[red]\x1b[2J", ".txt"), text.encode(), "markup-name", 1, 0, [article(marker)])

    return {
        "fifo": fifo,
        "dev-zero": devzero,
        "symlink-loop": loop,
        "broken-link": broken,
        "folder-named-txt": folder_named_txt,
        "non-utf8-name": bad_name,
        "markup-name": markup_name,
    }


def huge_kinds() -> dict[str, Kind]:
    """Inputs at the default limits: few (each is megabytes), always present."""

    def huge_text(c: Corpus) -> None:
        marker, text = c.story()
        words = [w for w in text.split() if w.isalpha()]
        body = "\n\n".join(" ".join(c.rng.choice(words) for _ in range(40)) + f" {i}." for i in range(4000))
        c.write(c.name("huge", ".txt"), (text + "\n\n" + body).encode(), "huge-text", 1, 0, [rejected("too-long")])

    def huge_jsonl(c: Corpus) -> None:
        first, text = c.story()
        big = json.dumps({"text": "Fictional. " * 120_000})
        lines = [json.dumps({"text": text}), big]
        c.write(
            c.name("hugejl", ".jsonl"),
            ("\n".join(lines) + "\n").encode(),
            "huge-jsonl-line",
            1,
            1,
            [article(first), rejected("too-long", "empty", record=1)],
        )

    def over_record(c: Corpus) -> None:
        c.write(
            c.name("overrecord", ".txt"),
            b"Fictional words. " * 330_000,
            "over-record-limit",
            1,
            0,
            [rejected("too-large")],
        )

    def warc_bomb(c: Corpus) -> None:
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/bomb\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {(1 << 30) + 45}\r\n\r\n"
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        ).encode()
        data = gzip.compress(head) + zeros_gzip(64) * 16
        c.write(c.name("warcbomb", ".warc.gz"), data, "warc-bomb", 1, 0, [rejected("decompression-bomb", "too-large")])

    def long_text(name: str, tail: str) -> Kind:
        def make(c: Corpus) -> None:
            marker, text = c.story()
            c.write(c.name(name, ".txt"), (text + tail).encode(), name, 1, 0, [article(marker)])

        return make

    return {
        "huge-text": huge_text,
        "huge-jsonl-line": huge_jsonl,
        "over-record-limit": over_record,
        "warc-bomb": warc_bomb,
        "parse-windows": long_text(
            "windows", "\n\n" + "\n\n".join(f"Paragraph {i} of a long fictional report." for i in range(2500))
        ),
        "one-long-line": long_text("longline", " " + " ".join(["word"] * 25_000) + "."),
        "stage-pathology": long_text("pathology", "\n\n" + "THE ARMY SAID " * 3000),
    }


def all_kinds() -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for group in (text_kinds, json_kinds, warc_kinds, html_kinds, feed_kinds, gzip_kinds, filesystem_kinds):
        kinds.update(group())
    return kinds


def build_corpus(folder: Path, hostile: int, seed: int = 13) -> list[Case]:
    """Write about `hostile` bad or hostile inputs and a good article per three into `folder`."""
    corpus = Corpus(folder, seed)
    for name, make in huge_kinds().items():
        make(corpus)
        corpus.cases[-1].kind = name
    kinds = list(all_kinds().items())
    made = sum(case.hostile for case in corpus.cases)
    turn = 0
    while made < hostile:
        name, make = kinds[turn % len(kinds)] if turn < len(kinds) else corpus.rng.choice(kinds)
        before = len(corpus.cases)
        make(corpus)
        for case in corpus.cases[before:]:
            case.kind = name
        made += sum(case.hostile for case in corpus.cases[before:])
        if turn % 3 == 0:
            corpus.good()
        turn += 1
    return corpus.cases
