"""Adding articles through the API (paste, upload of text, HTML, JSON Lines and WARC), analysis in the background,
and the incremental re-link: claims recomputed around what changed, equal to a full link where they overlap."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fieldbrief.corpus import linked_corpus
from fieldbrief.link import LINK_VERSION, link_corpus
from fieldbrief.model import Article
from fieldbrief.pipeline import Pipeline
from fieldbrief.store import Store
from fieldbrief.store.links import changed_articles
from fieldbrief.web.relink import relink
from web.web_helpers import XSS_OUTLET, XSS_TEXT, XSS_TITLE, copy_store, wait_for_job

FICTIONAL = (
    "Fictional report. Rebels of the Northern Front attacked an army post in Kessora on Tuesday, killing 12 "
    'soldiers, the army said. "We repelled the attack," said General Tomas Vell, the army spokesman.'
)


def paste(client: TestClient, **body: object) -> dict:
    response = client.post("/api/jobs", json=body)
    assert response.status_code == 202, response.text
    return wait_for_job(client, response.json()["id"])


def upload(client: TestClient, filename: str, data: bytes, **params: str) -> dict:
    response = client.post(
        "/api/jobs/upload",
        params={"filename": filename, **params},
        content=data,
        headers={"content-type": "application/octet-stream"},
    )
    assert response.status_code == 202, response.text
    return wait_for_job(client, response.json()["id"])


def test_paste_text_is_analysed_stored_and_linked(client: TestClient) -> None:
    before = client.get("/api/summary").json()
    job = paste(client, content=XSS_TEXT, title=XSS_TITLE, outlet=XSS_OUTLET, published="2021-08-25")
    assert job["state"] == "done", job
    assert (job["total"], job["analysed"], job["added"]) == (1, 1, 1)
    assert job["articles"][0]["title"] == XSS_TITLE and job["articles"][0]["events"] >= 1
    linking = job["linking"]
    assert linking["changed"] == 1 and not linking["full"] and linking["claims_added"]
    after = client.get("/api/summary").json()
    assert after["articles"] == before["articles"] + 1 and after["links_pending"] == 0
    article = client.get(f"/api/articles/{job['articles'][0]['id']}").json()
    assert article["title"] == XSS_TITLE and article["outlet"] == XSS_OUTLET and article["published"] == "2021-08-25"
    assert article["claims"], "the new article's statements and events are in claims"
    # the seeds' contested claim is still there, its evidence intact
    contested = client.get("/api/claims", params={"status": "contested"}).json()["items"]
    speakers = [{m["speaker"] for side in c["sides"].values() for m in side} for c in contested]
    assert any({"Ali Nazary", "Zabihullah Mujahid"} <= said for said in speakers)
    # dated now: the new article's events are on the timeline at its publication date, unless they carry their own
    assert client.get("/api/timeline", params={"article": article["id"]}).json()["total"] == len(article["events"])
    again = paste(client, content=XSS_TEXT, title=XSS_TITLE, outlet=XSS_OUTLET, published="2021-08-25")
    assert again["unchanged"] == 1 and again["linking"]["changed"] == 0  # nothing changed: nothing re-linked


def test_paste_html_page(client: TestClient) -> None:
    page = (
        f"<html><head><title>Fictional clashes</title></head><body><article><h1>Fictional clashes</h1>"
        f"<p>{FICTIONAL}</p><p>More fighting was reported later in the day near Kessora.</p></article>"
        "<script>window.pwned = 1</script></body></html>"
    )
    job = paste(client, content=page, format="html", outlet="Fictional Courier")
    assert job["added"] == 1, job
    article = client.get(f"/api/articles/{job['articles'][0]['id']}").json()
    assert "Northern Front" in article["text"] and "pwned" not in article["text"]


def test_uploads(client: TestClient) -> None:
    text = upload(client, "fictional.txt", FICTIONAL.encode(), published="2024-03-07", outlet="Fictional Courier")
    assert text["added"] == 1 and text["articles"][0]["outlet"] == "Fictional Courier"
    lines = [
        json.dumps(
            {"text": FICTIONAL.replace("Kessora", "Varen"), "title": "Fictional one", "published": "2024-03-08"}
        ),
        "{not json",
        json.dumps({"html": f"<p>{FICTIONAL.replace('Tuesday', 'Monday')}</p>", "outlet": "Fictional Post"}),
    ]
    jsonl = upload(client, "batch.jsonl", "\n".join(lines).encode())
    assert (jsonl["total"], jsonl["added"]) == (3, 2)
    assert [r["code"] for r in jsonl["rejected"]] == ["invalid-json"]
    warc = upload(
        client,
        "crawl.warc.gz",
        warc_bytes(
            f"<html><body><article><p>{FICTIONAL}</p><p>"
            "Residents said the fighting lasted hours.</p></article></body>"
            "</html>"
        ),
    )
    assert warc["added"] + warc["unchanged"] == 1, warc
    jobs = client.get("/api/jobs").json()
    assert [j["id"] for j in jobs] == sorted((j["id"] for j in jobs), reverse=True)
    rejected = client.get("/api/summary").json()["rejections"]
    assert rejected >= 1


def warc_bytes(html: str) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://fictional.example/report", "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
    )
    return out.getvalue()


@pytest.mark.parametrize(
    ("filename", "data", "status", "words"),
    [
        ("report.pdf", b"%PDF-1.4", 415, "no reader for .pdf"),
        ("../etc/passwd.txt", b"text", 400, "plain file name"),
        ("big.txt", b"x" * 200_001, 413, "200,000-byte limit"),
    ],
)
def test_bad_uploads(client: TestClient, filename: str, data: bytes, status: int, words: str) -> None:
    response = client.post("/api/jobs/upload", params={"filename": filename}, content=data)
    assert response.status_code == status, response.text
    assert words in response.json()["error"]["message"]


def test_upload_without_a_length_is_still_limited(client: TestClient) -> None:
    def chunks():  # sent chunked: no Content-Length to refuse it by
        for _ in range(30):
            yield b"y" * 10_000

    response = client.post("/api/jobs/upload", params={"filename": "big.txt"}, content=chunks())
    assert response.status_code == 413 and response.json()["error"]["code"] == "too-large"


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"content": ""}, 422, "content"),
        ({"content": "text", "format": "pdf"}, 422, "format"),
        ({"content": "text", "published": "last week"}, 422, "published"),
        ({"content": "text", "url": "javascript:alert(1)"}, 400, "http"),
        ({"content": "x" * 200_001}, 413, "limit"),
    ],
)
def test_bad_pastes(client: TestClient, body: dict, status: int, words: str) -> None:
    response = client.post("/api/jobs", json=body)
    assert response.status_code == status, response.text
    assert words in response.json()["error"]["message"]
    assert client.post("/api/jobs", content=b"{", headers={"content-type": "application/json"}).status_code == 422


# -- the incremental re-link ----------------------------------------------------------------------------------------


def test_relink_equals_a_full_link_on_the_seeds(
    seed_articles: dict[str, Article], pipeline: Pipeline, tmp_path: Path
) -> None:
    first, second = seed_articles.values()
    with Store(tmp_path / "s.db") as store:
        store.add(first, pipeline.provenance)
        linked_corpus(store)
        assert changed_articles(store.db, LINK_VERSION) == []
        store.add(second, pipeline.provenance)
        assert changed_articles(store.db, LINK_VERSION) == [second.id]
        report = relink(store)
        assert report.changed == 1 and not report.full
        assert changed_articles(store.db, LINK_VERSION) == []
        stored = {r[0]: r[1] for r in store.db.execute("SELECT id, status FROM claims")}
        origins = {tuple(r) for r in store.db.execute("SELECT article_id, origin_id FROM origins")}
        # `fieldbrief claims` still relinks in full: the links are not from a full run
        assert not store.links_are_current(LINK_VERSION)
    full = link_corpus([first, second])
    assert stored == {c.id: c.status for c in full.claims}
    assert origins == {(aid, o.id) for o in full.origins for aid in o.article_ids}


def test_relink_leaves_unrelated_claims_alone(
    synthetic_db: Path, seed_articles: dict[str, Article], pipeline: Pipeline, tmp_path: Path
) -> None:
    with Store(copy_store(synthetic_db, tmp_path)) as store:
        before = {r[0]: r[1] for r in store.db.execute("SELECT id, record FROM claims")}
        article = seed_articles["thesun_lions_of_panjshir.txt"]
        store.add(article, pipeline.provenance)
        report = relink(store)
        after = {r[0]: r[1] for r in store.db.execute("SELECT id, record FROM claims")}
        new = {cid for cid in after if cid not in before}
        members = {
            r[0]
            for r in store.db.execute(
                f"SELECT DISTINCT article_id FROM claim_members WHERE claim_id IN ({','.join('?' * len(new))})",
                sorted(new),
            )
        }
    assert report.changed == 1 and report.neighbours == 0  # fictional towns and actors: nothing related
    assert all(after.get(cid) == record for cid, record in before.items())  # every fictional claim as it was
    assert new and members == {article.id}
