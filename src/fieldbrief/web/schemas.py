"""The shapes of the JSON API (they make its OpenAPI description at /api/openapi.json)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    status: int = Field(description="The HTTP status code.")
    code: str = Field(description="A stable code for the kind of error, e.g. not-found, bad-parameter, too-large.")
    message: str = Field(description="What went wrong, for a person.")
    details: list[dict[str, Any]] = Field(default_factory=list, description="Which parameter, and why (validation).")


class ErrorBody(BaseModel):
    """Every 4xx and 5xx answer of the API has this shape."""

    error: ErrorDetail


class MarkerOut(BaseModel):
    lat: float
    lon: float
    place: str
    feature: str | None
    country: str | None
    geo_precision: int = Field(description="ACLED geo_precision: 1 a town, 2 an area near one, 3 a province or wider.")
    events: int
    origins: int = Field(description="Independent origins (copies collapsed) reporting events here.")
    fatalities: int = Field(description="Highest toll any report gives per happening (place, day, type), summed.")
    type: str = Field(description="The most frequent ACLED event type here ('Other': PLOVER types without one).")
    types: dict[str, int]


class MapOut(BaseModel):
    markers: list[MarkerOut]
    located: int = Field(description="Events on the map.")
    unlocated: int = Field(description="Events the filter matches that have no coordinates.")


class BucketOut(BaseModel):
    start: str
    end: str
    total: int
    coarse: int = Field(description="Events whose own date is only known to the week, month or year.")
    types: dict[str, int]


class TimelineOut(BaseModel):
    unit: Literal["day", "week", "month", "year"]
    from_: str | None = Field(alias="from")
    to: str | None
    buckets: list[BucketOut]
    undated: int = Field(description="Events the filter matches (dates aside) that have no date at all.")
    total: int

    model_config = {"populate_by_name": True}


class EventOut(BaseModel):
    id: str
    article_id: str
    type: str
    mode: str | None
    acled_type: str | None
    acled_sub_type: str | None
    status: str
    according_to: str | None
    actor: str | None
    actor_code: str | None
    target: str | None
    target_code: str | None
    place: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    geo_precision: int | None
    day: str | None
    day_end: str | None
    precision: str | None = Field(
        description="day|week|month|year, or 'reported': on or before the article's publication date."
    )
    fatalities: int | None
    captured: int | None = Field(description="People detained, arrested or captured, where the report counts them.")
    evidence: str
    start: int
    end: int
    title: str | None
    outlet: str | None
    published: str | None
    origin_id: str
    claim_status: str | None
    claim_id: str | None


class EventsOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class Count(BaseModel):
    value: str
    events: int
    label: str | None = None


class FacetsOut(BaseModel):
    from_: str | None = Field(alias="from")
    to: str | None
    event_types: list[Count]
    plover_types: list[Count]
    statuses: list[Count]
    claim_statuses: list[Count]
    actors: list[Count]

    model_config = {"populate_by_name": True}


class Paste(BaseModel):
    """An article pasted into the browser: plain text, or an HTML page (its main text is extracted)."""

    content: str = Field(min_length=1, description="The article's text, or a whole HTML page.")
    format: Literal["text", "html"] = "text"
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    published: dt.date | None = Field(default=None, description="Publication date, when the article gives none.")
    url: str | None = Field(default=None, max_length=2000, description="Where it came from, if known (http/https).")


class JobOut(BaseModel):
    id: int
    label: str
    state: Literal["queued", "analysing", "linking", "done", "failed"]
    created: str
    finished: str | None
    total: int = Field(description="Documents read from the input.")
    analysed: int
    added: int
    updated: int
    unchanged: int
    rejected: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    linking: dict[str, Any] = Field(description="Progress of the re-link, then what it changed.")
    error: str | None
