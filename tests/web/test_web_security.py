"""What came from an article is escaped in every context; security headers on every answer; Host and Origin checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from fieldbrief.web import create_app
from fieldbrief.web.app import CSP
from web.web_helpers import XSS_OUTLET, XSS_TEXT, XSS_TITLE, wait_for_job


@pytest.fixture
def xss_client(client: TestClient) -> tuple[TestClient, str]:
    response = client.post(
        "/api/jobs", json={"content": XSS_TEXT, "title": XSS_TITLE, "outlet": XSS_OUTLET, "published": "2021-08-25"}
    )
    job = wait_for_job(client, response.json()["id"])
    assert job["state"] == "done", job
    return client, job["articles"][0]["id"]


def test_json_answers_escape_markup(xss_client: tuple[TestClient, str]) -> None:
    client, article_id = xss_client
    for path in (f"/api/articles/{article_id}", "/api/events", "/api/claims", "/api/jobs", "/api/articles?q=pwned"):
        response = client.get(path)
        assert response.status_code == 200
        raw = response.content.decode("utf-8")
        assert "<" not in raw and ">" not in raw and "\\u003cscript\\u003e" in raw, path
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["title"] == XSS_TITLE and "</script><script>" in article["text"]  # escaped, not altered
    assert any("</script>" in s["content"] for s in article["statements"])


def test_pages_escape_the_article_title(xss_client: tuple[TestClient, str]) -> None:
    client, article_id = xss_client
    page = client.get(f"/articles/{article_id}").text
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.pwned=&#39;title&#39;&lt;/script&gt;" in page
    root = lxml_html.fromstring(page)
    assert root.findtext(".//title").startswith(XSS_TITLE)  # parsed back: the same text, as text
    assert root.findtext(".//h1") == XSS_TITLE
    scripts = [s.get("src") for s in root.iter("script")]
    assert all(src and src.startswith("/static/") for src in scripts)  # no inline script at all
    assert not root.xpath("//img")


def test_claim_page_escapes_the_summary(xss_client: tuple[TestClient, str]) -> None:
    client, article_id = xss_client
    claims = client.get(f"/api/articles/{article_id}").json()["claims"]
    claim = next(c for c in claims if "<script>" in c["summary"])
    page = client.get(f"/claims/{claim['claim_id']}").text
    assert "<script>window" not in page
    assert "&lt;script&gt;window.pwned=&#39;quote&#39;&lt;/script&gt;" in page


@pytest.mark.parametrize("path", ["/", "/api/map", "/static/app.css", "/api/nothing", "/nowhere", "/api/openapi.json"])
def test_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "default-src 'none'" in CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_no_template_or_script_reaches_outside(client: TestClient) -> None:
    """Every page, script and style sheet is served by the app: nothing names another host."""
    static = Path(__file__).resolve().parents[2] / "src" / "fieldbrief" / "web"
    for path in [*static.glob("templates/*.html"), *static.glob("static/*.css"), *static.glob("static/js/*.js")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=[\"']?(https?:)?//", text), path
        assert not re.search(
            r"\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function", text
        ), path


def test_unknown_host_is_refused(seeds_copy: Path) -> None:
    app = create_app(seeds_copy, allowed_hosts={"127.0.0.1", "localhost"}, link_on_start=False)
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/summary").status_code == 200
        rebound = local.get("/api/summary", headers={"host": "attacker.example"})
        assert rebound.status_code == 400 and "host name" in rebound.json()["error"]["message"]


def test_cross_site_writes_are_refused(client: TestClient) -> None:
    response = client.post("/api/jobs", json={"content": "text"}, headers={"origin": "http://attacker.example"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    same = client.post(
        "/api/jobs",
        json={"content": "Fictional report: nothing happened today in Kessora."},
        headers={"origin": "http://testserver"},
    )
    assert same.status_code == 202
    text_plain = client.post("/api/jobs", content=b'{"content": "x"}', headers={"content-type": "text/plain"})
    assert text_plain.status_code == 422  # a form a page elsewhere can send without asking is not JSON here
