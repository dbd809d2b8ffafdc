"""The web app: explore a stored corpus on a map and a timeline, read claims side by side, follow every fact to
the sentence it came from, and add articles from the browser. FastAPI over the store; offline (every script, style
sheet and map layer is served from the package).

app = create_app("fieldbrief.db")      # then: uvicorn.run(app, host="127.0.0.1", port=8000)

Security: every value that came from an article reaches the page as text (the pages build their DOM with
textContent; server-rendered templates autoescape; JSON answers escape <, > and &); a Content-Security-Policy allows
scripts, styles and connections from the app itself only; requests changing the store must come from the app's own
pages (Origin checked); with `allowed_hosts` the app answers only to those Host names (DNS rebinding); request
bodies are size-limited.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldbrief import __version__
from fieldbrief.errors import FieldbriefError
from fieldbrief.pipeline import Pipeline
from fieldbrief.store import Store
from fieldbrief.store.links import changed_articles
from fieldbrief.web import api, pages
from fieldbrief.web.jobs import Jobs
from fieldbrief.web.state import AppState, TooLarge

DEFAULT_MAX_UPLOAD_BYTES = 20_000_000
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "LICENSE")
CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
ERROR_CODES = {
    400: "bad-parameter",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    415: "unsupported-type",
    422: "invalid-body",
    500: "internal-error",
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
log = logging.getLogger("fieldbrief.web")


class SafeJSONResponse(JSONResponse):
    """JSON with <, >, & and the JS line separators escaped: safe even where a page might embed it in a script."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        for raw, escaped in (
            ("<", "\\u003c"),
            (">", "\\u003e"),
            ("&", "\\u0026"),
            ("\u2028", "\\u2028"),
            ("\u2029", "\\u2029"),
        ):
            text = text.replace(raw, escaped)
        return text.encode("utf-8")


def static_dir() -> Path:
    return Path(str(resources.files("fieldbrief.web").joinpath("static")))


def check_assets() -> None:
    """The vendored map library must be there (the Makefile's setup puts it there from the npm registry)."""
    leaflet = static_dir() / "vendor" / "leaflet"
    missing = [name for name in LEAFLET_FILES if not (leaflet / name).is_file()]
    if missing:
        raise FieldbriefError(
            "web-assets-missing",
            f"the map library is missing from {leaflet} ({', '.join(missing)}): run `make setup` (it vendors Leaflet "
            "from the npm registry)",
        )


def create_app(
    db_path: str | Path,
    *,
    pipeline_factory: Callable[[], Pipeline] = Pipeline,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    allowed_hosts: set[str] | None = None,
    link_on_start: bool = True,
) -> FastAPI:
    """The app over the store at `db_path` (created and migrated if need be).

    `link_on_start`: link, in the background, the articles stored since the links were last computed.
    `allowed_hosts`: the Host names the app answers to (None: any).
    """
    check_assets()
    with Store(db_path):  # create and migrate before any reader opens it
        pass
    app_state = AppState(str(db_path), Jobs(str(db_path), pipeline_factory), max_upload_bytes)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app_state.jobs.start()
        if link_on_start:
            with app_state.reader() as db:
                from fieldbrief.link import LINK_VERSION

                if changed_articles(db, LINK_VERSION):
                    app_state.jobs.submit_relink()
        yield
        app_state.jobs.stop()
        app_state.close()

    app = FastAPI(
        title="fieldbrief",
        version=__version__,
        description="Explore a corpus of conflict reports: events, claims, actors and places, each with its evidence.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load their scripts from a CDN: the app stays offline
        redoc_url=None,
        default_response_class=SafeJSONResponse,
        lifespan=lifespan,
    )
    app.state.fieldbrief = app_state
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.add_middleware(Guard, allowed_hosts=allowed_hosts, max_body_bytes=max_upload_bytes)
    return app


# -- errors: one JSON shape under /api/, a page elsewhere ----------------------------------------------------


def error_response(
    request: Request,
    status: int,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    code = ERROR_CODES.get(status, "error")
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        body = {"error": {"status": status, "code": code, "message": message, "details": details or []}}
        return SafeJSONResponse(body, status_code=status, headers=headers)
    return pages.error_page(request, status, code, message)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path}"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    details = [
        {
            "in": str(e.get("loc", ("?",))[0]),
            "name": ".".join(str(p) for p in e.get("loc", ())[1:]),
            "message": str(e.get("msg", "")),
        }
        for e in exc.errors()
    ]
    in_body = any(d["in"] == "body" for d in details)
    summary = "; ".join(f"{d['name'] or d['in']}: {d['message']}" for d in details)
    return error_response(
        request, 422 if in_body else 400, f"invalid {'body' if in_body else 'parameter'}: {summary}", details
    )


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("error answering %s", request.url.path)
    return error_response(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")


# -- security headers, Host and Origin checks ------------------------------------------------------------------


class Guard:
    """Adds the security headers to every answer; refuses unknown Host names, cross-site writes and bodies over
    the size limit (at once when Content-Length says so, else as soon as the bytes read pass it)."""

    def __init__(
        self, app: ASGIApp, allowed_hosts: set[str] | None = None, max_body_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    ) -> None:
        self.app = app
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if scope["path"].startswith("/api/") and "cache-control" not in headers:
                    headers["cache-control"] = "no-store"
            await send(message)

        headers = Headers(scope=scope)
        host = headers.get("host", "")
        refusal = None
        if self.allowed_hosts is not None and _hostname(host) not in self.allowed_hosts:
            refusal = (400, f"this server does not answer to the host name {_hostname(host)!r}")
        elif scope["method"] not in SAFE_METHODS and not _same_origin(headers.get("origin"), host):
            refusal = (403, "requests that change the store must come from the app's own pages")
        elif _declared_length(headers) > self.max_body_bytes:
            refusal = (413, TooLarge(self.max_body_bytes).detail)
        if refusal is not None:
            status, message = refusal
            body = {"error": {"status": status, "code": ERROR_CODES[status], "message": message, "details": []}}
            await SafeJSONResponse(body, status_code=status)(scope, receive, send_secured)
            return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise TooLarge(self.max_body_bytes)  # an HTTPException: answered as 413 by the handlers
            return message

        await self.app(scope, receive_limited, send_secured)


def _declared_length(headers: Headers) -> int:
    value = headers.get("content-length", "")
    return int(value) if value.isdigit() else 0


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8000
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _same_origin(origin: str | None, host: str) -> bool:
    """No Origin (not a browser's cross-site request), or an Origin naming this very host and port."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()
