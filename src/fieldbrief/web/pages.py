"""The pages: HTML shells (Jinja2, autoescaped) whose scripts fill them from the JSON API.

What the server writes into a page from an article (a title in <title> and <h1>, an id in a data- attribute) goes
through Jinja2's autoescaping; everything else reaches the page through the API and textContent.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from fieldbrief.store import browse

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
NAV = (
    ("explore", "/", "Map & timeline"),
    ("claims", "/claims", "Claims"),
    ("articles", "/articles", "Articles"),
    ("actors", "/actors", "Actors"),
    ("places", "/places", "Places"),
    ("add", "/add", "Add articles"),
)

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, page: str, title: str, status: int = 200, **context: Any) -> Response:
    return TEMPLATES.TemplateResponse(
        request, template, {"page": page, "title": title, "nav": NAV, **context}, status_code=status
    )


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    return render(
        request,
        "error.html",
        "error",
        f"{status} {code}",
        status=status,
        status_code=status,
        code=code,
        message=message,
    )


def _reader(request: Request) -> Any:
    return request.app.state.fieldbrief.reader()


@router.get("/", response_class=HTMLResponse)
def explore(request: Request) -> Response:
    return render(request, "explore.html", "explore", "Map & timeline")


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request) -> Response:
    return render(request, "claims.html", "claims", "Claims")


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: str) -> Response:
    with _reader(request) as db:
        row = db.execute("SELECT summary, status FROM claims WHERE id = ?", (claim_id,)).fetchone()
    if row is None:
        return error_page(request, 404, "not-found", f"no claim with id {claim_id!r}")
    return render(
        request,
        "claim.html",
        "claims",
        f"{row['status']}: {row['summary']}",
        claim_id=claim_id,
        summary=row["summary"],
        status_name=row["status"],
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request) -> Response:
    return render(request, "articles.html", "articles", "Articles")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> Response:
    with _reader(request) as db:
        found = browse.resolve_article_id(db, article_id)
        row = _row(db, "SELECT id, title, outlet, published FROM articles WHERE id = ?", found)
    if row is None:
        return error_page(request, 404, "not-found", f"no article with id {article_id!r}")
    return render(request, "article.html", "articles", row["title"] or "(untitled article)", article=row)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> Response:
    return render(request, "actors.html", "actors", "Actors")


@router.get("/actors/{entity_id}", response_class=HTMLResponse)
def actor(request: Request, entity_id: str) -> Response:
    with _reader(request) as db:
        row = _row(db, "SELECT id, name, kind, actor FROM entities WHERE id = ?", entity_id)
    if row is None:
        return error_page(request, 404, "not-found", f"no actor with id {entity_id!r}")
    return render(request, "actor.html", "actors", row["name"], entity=row)


@router.get("/places", response_class=HTMLResponse)
def places(request: Request) -> Response:
    return render(request, "places.html", "places", "Places")


@router.get("/places/{key}", response_class=HTMLResponse)
def place(request: Request, key: str) -> Response:
    if browse.parse_place_key(key) is None:
        return error_page(request, 404, "not-found", f"no place {key!r}")
    return render(request, "place.html", "places", "Place", place_key=key)


@router.get("/add", response_class=HTMLResponse)
def add(request: Request) -> Response:
    limit = request.app.state.fieldbrief.max_upload_bytes
    return render(request, "add.html", "add", "Add articles", max_upload_bytes=limit)


def _row(db: sqlite3.Connection, sql: str, key: str | None) -> sqlite3.Row | None:
    if key is None:
        return None
    row: sqlite3.Row | None = db.execute(sql, (key,)).fetchone()
    return row
