"""Every route of the web app through FastAPI's TestClient, on the seeds: answers, and clear 4xx in one shape."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

PANJSHIR_CLAIM = "Whether Taliban attacked Panjshir"


def error_of(response: Any, status: int) -> dict[str, Any]:
    """The one error shape: {"error": {"status", "code", "message", "details"}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status and error["message"]
    return error


def contested(client: TestClient) -> dict[str, Any]:
    claims = client.get("/api/claims", params={"status": "contested"}).json()["items"]
    return next(c for c in claims if c["summary"].startswith(PANJSHIR_CLAIM))


# -- events: map, timeline, list, facets --------------------------------------------------------------------------


def test_map_has_markers_in_afghanistan(client: TestClient) -> None:
    body = client.get("/api/map").json()
    afghan = [m for m in body["markers"] if m["country"] == "AF"]
    assert {m["place"] for m in afghan} >= {"Panjshir Valley", "Kabul"}
    assert body["located"] == sum(m["events"] for m in body["markers"])
    panjshir = next(m for m in afghan if m["place"] == "Panjshir Valley")
    assert panjshir["geo_precision"] == 2 and panjshir["origins"] == 2  # a valley: an area; both outlets report there
    assert sum(panjshir["types"].values()) == panjshir["events"]
    country = next(m for m in afghan if m["feature"] == "country")
    assert country["geo_precision"] == 3  # a country's centroid is never shown as a pin on a place


def test_map_filters(client: TestClient) -> None:
    every = client.get("/api/map").json()["located"]
    battles = client.get("/api/map", params={"type": "Battles"}).json()
    assert 0 < battles["located"] < every
    assert all(set(m["types"]) == {"Battles"} for m in battles["markers"])
    taliban = client.get("/api/map", params={"actor": "TAL"}).json()["located"]
    by_name = client.get("/api/map", params={"actor": "taliban"}).json()["located"]  # names: any case
    assert taliban > 0 and by_name > 0
    denied = client.get("/api/events", params={"status": "denied"}).json()
    assert denied["total"] >= 1 and all(e["status"] == "denied" for e in denied["items"])
    in_claims = client.get("/api/events", params={"claim_status": "corroborated"}).json()["items"]
    assert in_claims and all(e["claim_status"] == "corroborated" for e in in_claims)
    unclaimed = client.get("/api/events", params={"claim_status": "none"}).json()["items"]
    assert all(e["claim_status"] is None for e in unclaimed)
    kabul = client.get("/api/events", params={"bbox": "34,68.5,35,70"}).json()["items"]
    assert kabul and all(34 <= e["lat"] <= 35 and 68.5 <= e["lon"] <= 70 for e in kabul)


def test_timeline_and_dates(client: TestClient) -> None:
    body = client.get("/api/timeline").json()
    # the seeds carry no publication date: all but one event (the 2001 assassination) are undated
    assert body["total"] == sum(b["total"] for b in body["buckets"]) >= 1
    assert body["undated"] + body["total"] == client.get("/api/events").json()["total"]
    assert body["buckets"][0]["start"].startswith("2001")
    dated = client.get("/api/events", params={"date_from": "2000-01-01", "date_to": "2002-12-31"}).json()
    assert dated["total"] == body["total"]
    weekly = client.get("/api/timeline", params={"unit": "week"}).json()
    assert weekly["unit"] == "week"


def test_events_page_carries_evidence(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 5, "offset": 2}).json()
    assert page["limit"] == 5 and page["offset"] == 2 and len(page["items"]) == 5
    article = client.get(f"/api/articles/{page['items'][0]['article_id']}").json()
    for event in page["items"]:
        if event["article_id"] == article["id"]:
            assert article["text"][event["start"] : event["end"]] == event["evidence"]
    fatal = client.get("/api/events", params={"sort": "fatalities"}).json()
    assert fatal["total"] == page["total"]


def test_facets(client: TestClient) -> None:
    facets = client.get("/api/facets").json()
    assert {f["value"] for f in facets["statuses"]} <= {"asserted", "claimed", "denied", "planned", "hedged"}
    assert any(a["value"] == "TAL" for a in facets["actors"])
    assert [c["value"] for c in facets["claim_statuses"]] == ["contested", "corroborated", "single-source"]
    assert sum(t["events"] for t in facets["event_types"]) == client.get("/api/events").json()["total"]


def test_outline_and_summary(client: TestClient) -> None:
    outline = client.get("/api/outline")
    assert outline.headers["content-type"].startswith("application/geo+json")
    features = outline.json()["features"]
    afghanistan = next(f for f in features if f["properties"]["iso_a3"] == "AFG")
    lon, lat = afghanistan["geometry"]["coordinates"][0][0]
    assert 60 < lon < 75 and 29 < lat < 39
    summary = client.get("/api/summary").json()
    assert summary["articles"] == 2 and summary["claims"]["contested"] >= 1 and summary["links_pending"] == 0


# -- articles, claims, actors, places --------------------------------------------------------------------------


def test_articles_and_search(client: TestClient) -> None:
    page = client.get("/api/articles").json()
    assert page["total"] == 2 and {a["outlet"] for a in page["items"]} == {"Daily Mail", "The Sun"}
    hits = client.get("/api/articles", params={"q": "Panjshir AND Lavrov"}).json()
    assert hits["total"] == 1 and "\x02" in hits["items"][0]["snippet"]
    # a query FTS5 cannot parse is read as its words rather than refused
    assert client.get("/api/articles", params={"q": 'Lavrov "'}).json()["total"] == 1
    article = client.get(f"/api/articles/{page['items'][0]['id'][:8]}").json()  # a unique prefix is enough
    assert article["text"] and article["statements"] and article["origin"]["id"]
    assert all(article["text"][s["start"] : s["end"]] == s["content"] for s in article["statements"])


def test_claims(client: TestClient) -> None:
    claim = contested(client)
    assert claim["sides"]["affirms"] and claim["sides"]["disputes"]
    assert {m["speaker"] for m in claim["sides"]["disputes"]} == {"Zabihullah Mujahid"}
    detail = client.get(f"/api/claims/{claim['id']}").json()
    member = detail["sides"]["disputes"][0]
    article = client.get(f"/api/articles/{member['article_id']}").json()
    assert article["text"][member["start"] : member["end"]] == member["text"]
    flat = " ".join(article["text"].split())
    assert member["before"].strip() and (member["before"] + member["text"]).strip() in flat  # the sentence around it
    corroborated = client.get("/api/claims", params={"status": "corroborated"}).json()
    assert corroborated["items"] and all(len(c["origins"]) >= 2 for c in corroborated["items"])
    single = client.get("/api/claims", params={"status": "single-source", "q": "lavrov"}).json()
    assert single["items"] and all(c["status"] == "single-source" for c in single["items"])
    assert all(
        "lavrov" in (c["summary"] + " ".join(m["text"] + (m["speaker"] or "") for m in c["members"])).lower()
        for c in single["items"]
    )


def test_actors(client: TestClient) -> None:
    page = client.get("/api/actors", params={"kind": "person"}).json()
    assert page["items"] and all(a["kind"] == "person" for a in page["items"])
    lavrov = client.get("/api/actors", params={"q": "Lavrov"}).json()["items"][0]
    view = client.get(f"/api/actors/{lavrov['id']}").json()
    assert view["entity"]["name"] == "Sergei Lavrov"
    assert view["statements"]["total"] >= 1
    assert all(s["speaker"] == "Sergei Lavrov" for s in view["statements"]["items"])
    taliban = client.get("/api/actors", params={"q": "TAL"}).json()["items"]
    view = client.get(f"/api/actors/{next(a['id'] for a in taliban if a['actor'] == 'TAL')}").json()
    assert view["events"]["total"] >= 1 and view["timeline"]["unit"] in ("day", "week", "month", "year")


def test_places(client: TestClient) -> None:
    page = client.get("/api/places").json()
    panjshir = next(p for p in page["items"] if p["name"] == "Panjshir Valley")
    view = client.get(f"/api/places/{panjshir['key']}").json()
    assert view["feature"] == "valley" and view["country"] == "AF"
    assert view["events"]["total"] == panjshir["events"] >= 1
    mention = view["mentions"]["items"][0]
    article = client.get(f"/api/articles/{mention['article_id']}").json()
    assert article["text"][mention["start"] : mention["end"]] == mention["name"]
    assert client.get("/api/places", params={"q": "kabul"}).json()["items"][0]["name"] == "Kabul"


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/map", "/api/timeline", "/api/events", "/api/claims/{claim_id}", "/api/jobs/upload"):
        assert path in spec["paths"]
    assert "ErrorBody" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # no interactive docs: they would load scripts from a CDN


# -- pages ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/claims", "/articles", "/actors", "/places", "/add"])
def test_pages(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/js/common.js">' in page.text and "https://" not in page.text


def test_detail_pages(client: TestClient) -> None:
    claim = contested(client)
    assert PANJSHIR_CLAIM in client.get(f"/claims/{claim['id']}").text
    article = client.get("/api/articles").json()["items"][0]
    assert f'data-article="{article["id"]}"' in client.get(f"/articles/{article['id']}").text
    actor = client.get("/api/actors").json()["items"][0]
    assert client.get(f"/actors/{actor['id']}").status_code == 200
    assert client.get("/places/@35.4,69.85").status_code == 200
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert "BSD" in client.get("/static/vendor/leaflet/LICENSE").text


# -- bad requests: clear 4xx, one JSON shape -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/map?date_from=yesterday", 400, "date_from"),
        ("/api/map?date_from=2021-09-01&date_to=2021-08-01", 400, "after"),
        ("/api/map?status=rumoured", 400, "status"),
        ("/api/map?claim_status=likely", 400, "claim_status"),
        ("/api/map?bbox=1,2,3", 400, "bbox"),
        ("/api/map?bbox=50,0,10,5", 400, "south"),
        ("/api/map?lat=35", 400, "lon"),
        ("/api/map?lat=95&lon=0", 400, "lat"),
        ("/api/timeline?unit=decade", 400, "unit"),
        ("/api/events?limit=0", 400, "limit"),
        ("/api/events?limit=100000", 400, "limit"),
        ("/api/events?offset=-1", 400, "offset"),
        ("/api/events?sort=random", 400, "sort"),
        ("/api/events?article=not-an-id", 400, "article"),
        ("/api/claims?status=maybe", 400, "status"),
        ("/api/actors?kind=robot", 400, "kind"),
        ("/api/places/nowhere", 400, "place key"),
        ("/api/articles/0000000000000000", 404, "no article"),
        ("/api/articles/../../etc", 404, ""),
        ("/api/claims/0000", 404, "no claim"),
        ("/api/actors/0000", 404, "no actor"),
        ("/api/places/@1.5,1.5", 404, "no place"),
        ("/api/jobs/999", 404, "no job"),
        ("/api/jobs/first", 400, "job_id"),
        ("/api/no-such-route", 404, "nothing at"),
    ],
)
def test_bad_requests(client: TestClient, path: str, status: int, words: str) -> None:
    error = error_of(client.get(path), status)
    assert words in error["message"]
    assert error["code"] == {400: "bad-parameter", 404: "not-found"}[status]


def test_bad_search_query_and_methods(client: TestClient) -> None:
    error = error_of(client.get("/api/articles", params={"q": '"'}), 400)
    assert "search query" in error["message"]
    error = error_of(client.delete("/api/claims"), 405)
    assert error["code"] == "method-not-allowed"
    validation = error_of(client.get("/api/map", params={"status": "rumoured"}), 400)
    assert validation["details"][0]["in"] == "query" and validation["details"][0]["name"].startswith("status")


def test_missing_page_is_a_page(client: TestClient) -> None:
    page = client.get("/articles/ffffffffffffffff", headers={"accept": "text/html"})
    assert (
        page.status_code == 404 and "no article" in page.text and page.headers["content-type"].startswith("text/html")
    )
