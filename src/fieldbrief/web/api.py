"""The JSON API under /api/: what every page of the app reads, described at /api/openapi.json.

Thin: parameters are checked here, the queries live in `fieldbrief.store.queries` and `fieldbrief.store.browse`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.store import browse, queries
from fieldbrief.store.links import changed_articles
from fieldbrief.store.queries import CLAIM_STATUSES, EVENT_STATUSES, UNCLAIMED, EventFilter
from fieldbrief.web.jobs import documents_from_upload
from fieldbrief.web.outline import outline_geojson
from fieldbrief.web.schemas import ErrorBody, EventsOut, FacetsOut, JobOut, MapOut, Paste, TimelineOut
from fieldbrief.web.state import AppState, read_body

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter is missing or wrong."},
    404: {"model": ErrorBody, "description": "Nothing with that id."},
}
SAFE_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
UPLOAD_NAME = re.compile(r"^[^/\\\x00-\x1f]{1,200}$")

router = APIRouter(prefix="/api", responses=ERRORS)


def state(request: Request) -> AppState:
    app_state: AppState = request.app.state.fieldbrief
    return app_state


def db(request: Request) -> Iterator[sqlite3.Connection]:
    with state(request).reader() as connection:
        yield connection


Db = Annotated[sqlite3.Connection, Depends(db)]
State = Annotated[AppState, Depends(state)]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Text = Annotated[str | None, Query(max_length=500)]


def event_filter(
    date_from: Annotated[dt.date | None, Query(description="First day (YYYY-MM-DD), inclusive.")] = None,
    date_to: Annotated[dt.date | None, Query(description="Last day (YYYY-MM-DD), inclusive.")] = None,
    type: Annotated[list[str], Query(max_length=100, description="ACLED event type, PLOVER type or 'Other'.")] = [],  # noqa: B006
    status: Annotated[list[Literal["asserted", "claimed", "denied", "planned", "hedged"]], Query()] = [],  # noqa: B006
    claim_status: Annotated[
        list[Literal["contested", "corroborated", "single-source", "none"]],
        Query(description="The status of the claim an event belongs to; 'none' for events in no claim."),
    ] = [],  # noqa: B006
    actor: Annotated[list[str], Query(max_length=200, description="Actor code or name, as actor or target.")] = [],  # noqa: B006
    bbox: Annotated[str | None, Query(description="south,west,north,east in degrees.")] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90, description="One location (with lon).")] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    article: Annotated[str | None, Query(pattern=r"^[0-9a-f]{16}$", description="One article's events.")] = None,
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, "date_from is after date_to")
    if (lat is None) != (lon is None):
        raise HTTPException(400, "give both lat and lon, or neither")
    assert set(EVENT_STATUSES) >= set(status) and set(CLAIM_STATUSES) | {UNCLAIMED} >= set(claim_status)
    return EventFilter(
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        types=tuple(type),
        statuses=tuple(status),
        claim_statuses=tuple(claim_status),
        actors=tuple(a for a in actor if a.strip()),
        bbox=_bbox(bbox) if bbox else None,
        at=(lat, lon) if lat is not None and lon is not None else None,
        article_id=article,
    )


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        south, west, north, east = (float(v) for v in text.split(","))
    except ValueError:
        raise HTTPException(400, "bbox is four numbers: south,west,north,east") from None
    if not (-90 <= south <= north <= 90 and -540 <= west <= 540 and -540 <= east <= 540):
        raise HTTPException(400, "bbox is south,west,north,east with -90 <= south <= north <= 90")
    return south, _wrap(west), north, _wrap(east)


def _wrap(lon: float) -> float:
    """A longitude from a map panned round the world, back into -180..180."""
    return lon if -180 <= lon <= 180 else ((lon + 180) % 360) - 180


Filter = Annotated[EventFilter, Depends(event_filter)]


# -- events --------------------------------------------------------------------------------------------------


@router.get("/map", response_model=MapOut, summary="Events on the map, grouped by location")
def get_map(db: Db, f: Filter) -> dict[str, Any]:
    found = queries.markers(db, f)
    return {
        "markers": [m.to_json() for m in found],
        "located": sum(m.events for m in found),
        "unlocated": queries.unlocated_count(db, f),
    }


@router.get("/timeline", response_model=TimelineOut, summary="Events per day, week, month or year, by type")
def get_timeline(
    db: Db, f: Filter, unit: Annotated[Literal["day", "week", "month", "year"] | None, Query()] = None
) -> dict[str, Any]:
    return queries.timeline(db, f, unit)


@router.get("/events", response_model=EventsOut, summary="Events, one page at a time")
def get_events(
    db: Db,
    f: Filter,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[Literal["date", "date-asc", "fatalities"], Query()] = "date",
) -> dict[str, Any]:
    return queries.events_page(db, f, limit, offset, sort)


@router.get("/facets", response_model=FacetsOut, summary="The values each filter can take")
def get_facets(db: Db) -> dict[str, Any]:
    return queries.facets(db)


@router.get("/outline", summary="Country outlines (GeoJSON, Natural Earth 1:110m)")
def get_outline() -> Response:
    return Response(
        outline_geojson(), media_type="application/geo+json", headers={"Cache-Control": "public, max-age=86400"}
    )


@router.get("/summary", summary="What the store holds, and whether its links are current")
def get_summary(db: Db, app_state: State) -> dict[str, Any]:
    from fieldbrief.link import LINK_VERSION

    out = browse.summary(db)
    out["links_pending"] = len(changed_articles(db, LINK_VERSION))
    out["jobs_running"] = app_state.jobs.busy()
    return out


# -- articles ------------------------------------------------------------------------------------------------


@router.get("/articles", summary="Articles, newest first, or full-text search (FTS5) best first")
def get_articles(
    db: Db,
    q: Annotated[str | None, Query(max_length=500, description="FTS5 query, e.g. Panjshir AND resistance.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    try:
        return browse.articles_page(db, q, limit, offset)
    except browse.BadQuery as exc:
        raise HTTPException(400, str(exc)) from None


@router.get("/articles/{article_id}", summary="One article: text, records, removals, origin, claims")
def get_article(db: Db, article_id: str) -> dict[str, Any]:
    found = browse.resolve_article_id(db, article_id)
    view = browse.article_view(db, found) if found else None
    if view is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return view


# -- claims --------------------------------------------------------------------------------------------------


@router.get("/claims", summary="Claims: contested first, then by independent origins; searchable")
def get_claims(
    db: Db,
    status: Annotated[Literal["contested", "corroborated", "single-source"] | None, Query()] = None,
    q: Text = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    return browse.claims_page(db, status, q, limit, offset)


@router.get("/claims/{claim_id}", summary="One claim, each side with its outlets, speakers and evidence in context")
def get_claim(db: Db, claim_id: str) -> dict[str, Any]:
    view = browse.claim_view(db, claim_id)
    if view is None:
        raise HTTPException(404, f"no claim with id {claim_id!r}")
    return view


# -- actors and places ---------------------------------------------------------------------------------------


@router.get("/actors", summary="People, groups and states across articles, in the most articles first")
def get_actors(
    db: Db,
    q: Text = None,
    kind: Annotated[Literal["person", "organisation", "state", "outlet", "unnamed", "other"] | None, Query()] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return browse.actors_page(db, q, kind, limit, offset)


@router.get("/actors/{entity_id}", summary="What one actor said and did, over time")
def get_actor(db: Db, entity_id: str, limit: Limit = 100) -> dict[str, Any]:
    view = browse.actor_view(db, entity_id, limit)
    if view is None:
        raise HTTPException(404, f"no actor with id {entity_id!r}")
    return view


@router.get("/places", summary="Places mentioned, in the most articles first")
def get_places(db: Db, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return browse.places_page(db, q, limit, offset)


@router.get("/places/{key}", summary="One place: its resolution, mentions, and the events there over time")
def get_place(db: Db, key: str, limit: Limit = 100) -> dict[str, Any]:
    if browse.parse_place_key(key) is None:
        raise HTTPException(400, "a place key is @lat,lon or ~name")
    view = browse.place_view(db, key, limit)
    if view is None:
        raise HTTPException(404, f"no place {key!r}")
    return view


# -- adding articles -------------------------------------------------------------------------------------------


@router.post(
    "/jobs",
    status_code=202,
    response_model=JobOut,
    summary="Analyse a pasted article in the background",
    responses={413: {"model": ErrorBody, "description": "The request is over the size limit."}},
)
def post_paste(paste: Paste, app_state: State) -> dict[str, Any]:
    if paste.url and not SAFE_URL.match(paste.url):
        raise HTTPException(400, "url must be an http:// or https:// address")
    digest = hashlib.sha256(paste.content.encode("utf-8")).hexdigest()[:12]
    doc = RawDocument(
        source=paste.url or f"paste:{digest}",
        text=paste.content if paste.format == "text" else None,
        html=paste.content if paste.format == "html" else None,
        url=paste.url,
        title=paste.title or None,
        published=paste.published.isoformat() if paste.published else None,
        outlet=paste.outlet or None,
    )
    return app_state.jobs.submit([doc], f"pasted {paste.format}: {paste.title or digest}").to_json()


@router.post(
    "/jobs/upload",
    status_code=202,
    response_model=JobOut,
    summary="Analyse an uploaded file in the background (the request body is the file)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    responses={
        413: {"model": ErrorBody, "description": "The file is over the size limit."},
        415: {"model": ErrorBody, "description": "No reader for the file's type."},
    },
)
async def post_upload(
    request: Request,
    filename: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="The file's name: its suffix picks the reader (.txt, .html, .jsonl, .json, .warc, .warc.gz).",
        ),
    ],
    published: Annotated[dt.date | None, Query(description="Publication date for articles that give none.")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    app_state = state(request)
    if not UPLOAD_NAME.match(filename):
        raise HTTPException(400, "filename must be a plain file name")
    documents = documents_from_upload(filename, await read_body(request, app_state.max_upload_bytes))
    if len(documents) == 1 and isinstance(documents[0], Rejection) and documents[0].code == "unsupported-type":
        raise HTTPException(415, documents[0].reason)
    job = app_state.jobs.submit(documents, f"upload: {filename}", published.isoformat() if published else None, outlet)
    return job.to_json()


@router.get("/jobs", response_model=list[JobOut], summary="Analysis jobs, newest first")
def get_jobs(app_state: State) -> list[dict[str, Any]]:
    return [j.to_json() for j in app_state.jobs.all()]


@router.get("/jobs/{job_id}", response_model=JobOut, summary="One job's progress")
def get_job(job_id: int, app_state: State) -> dict[str, Any]:
    job = app_state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return job.to_json()
