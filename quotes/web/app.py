"""The Starlette app behind ``quotes serve``: check a draft against the archive, browse speakers, search.

Every page is a Jinja2 template with autoescaping on: article and draft text is data, never markup. Pages
load no script (the Content-Security-Policy forbids any) and nothing from outside (one stylesheet, served
here). The engine, with its models, is made once per app, on the first check; the archive is opened for
each request (SQLite connections stay in their thread).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path, PurePath
from typing import Any, Protocol

import attrs
import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import Message

from ..checks import CheckReport
from ..errors import QuotesError
from ..reading import read_article
from ..store import Hit, Store, StoreCounts
from . import archive
from .views import check_summary, finding_views, marked_draft

__all__ = ["DEFAULT_MAX_UPLOAD", "LOOPBACK_HOSTS", "Checker", "create_app"]

DEFAULT_MAX_UPLOAD = 2 * 1024 * 1024
"""The largest draft taken, pasted or uploaded, in bytes (a bigger one is refused with 413)."""

FORM_OVERHEAD = 64 * 1024
"""Room for the form's other fields and multipart boundaries on top of the draft itself."""

LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
"""Host names a server bound to loopback answers to (others are refused: no DNS rebinding)."""

DRAFT_SUFFIXES = (".txt", ".text", ".html", ".htm")
"""The files a draft may be uploaded as."""

SEARCH_LIMIT = 50
SPEAKER_LIMIT = 500

_HERE = Path(__file__).resolve().parent

_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'")
_HEADERS = {"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY", "Cache-Control": "no-store"}


class Checker(Protocol):
    """What the app needs of an engine: :meth:`quotes.Engine.check` with an archive."""

    def check(self, draft: Any, *, store: Any = ..., date: Any = ...) -> CheckReport:  # pragma: no cover
        ...


class _BadInput(Exception):
    """A request the page answers with a message: ``status`` and a sentence for the reader."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@attrs.frozen
class Draft:
    """A draft as the form gave it: a name, the text or the uploaded bytes, and the date to check at."""

    name: str
    data: str | bytes
    date: dt.date | None


class _Site:
    """The app's state: the archive's path, the engine (made on first use), the templates."""

    def __init__(self, store_path: Path, engine: Checker | Callable[[], Checker] | None, max_upload_bytes: int) -> None:
        self.store_path = store_path
        self.max_upload_bytes = max_upload_bytes
        self._engine: Checker | None = None
        self._make: Callable[[], Checker] | None = None
        if engine is None:
            self._make = _default_engine
        elif hasattr(engine, "check"):
            self._engine = engine
        else:
            self._make = engine
        self._lock = threading.Lock()
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(_HERE / "templates"), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters["kb"] = lambda n: f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:g} MB"

    def engine(self) -> Checker:
        if self._engine is None:
            with self._lock:
                if self._engine is None and self._make is not None:
                    self._engine = self._make()
        assert self._engine is not None
        return self._engine

    def check(self, draft: Draft) -> CheckReport:
        """The draft checked against the archive; one check at a time (the models are shared)."""
        engine = self.engine()
        with self._lock:
            return engine.check((draft.name, draft.data), store=self.store_path, date=draft.date)

    def counts(self) -> StoreCounts:
        with Store(self.store_path, create=False) as store:
            return store.counts()

    def search(self, words: str, *, speaker: str | None, since: str | None, until: str | None,
               limit: int) -> tuple[Hit, ...]:
        with Store(self.store_path, create=False) as store:
            return store.search(words, speaker=speaker, since=since, until=until, limit=limit)

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        body = self.env.get_template(template).render(max_upload=self.max_upload_bytes, **context)
        return HTMLResponse(body, status_code=status, headers=_HEADERS)


def _default_engine() -> Checker:
    from ..engine import Engine

    return Engine()


def _date(value: str | None, what: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _BadInput(400, f"The {what} must be a date as YYYY-MM-DD (got {value.strip()[:40]!r}).") from None


async def _body(request: Request, cap: int) -> bytes:
    """The request's body, refused with 413 as soon as it passes ``cap`` bytes (the length it announces first)."""
    announced = request.headers.get("content-length")
    too_big = _BadInput(413, f"The draft is too large: at most {cap - FORM_OVERHEAD:,} bytes are taken. "
                             "Split it, or start the server with a larger --max-upload.")
    if announced and announced.isdigit() and int(announced) > cap:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def _draft_of(request: Request, limit: int) -> Draft:
    """The draft the form sends: an uploaded file if one was chosen, else the pasted text; refused with a
    message when too large (413), not text (400) or empty (400)."""
    body = await _body(request, limit + FORM_OVERHEAD)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    again = Request(request.scope, replay)
    try:
        form = await again.form(max_files=1, max_fields=10, max_part_size=limit + FORM_OVERHEAD)
    except (MultiPartException, HTTPException) as exc:
        detail = getattr(exc, "message", None) or getattr(exc, "detail", "")
        raise _BadInput(400, f"The form could not be read ({detail}).") from None
    try:
        given = form.get("date")
        date = _date(given if isinstance(given, str) else None, "date")
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            name = PurePath(upload.filename.replace("\\", "/")).name
            if PurePath(name).suffix.lower() not in DRAFT_SUFFIXES:
                raise _BadInput(400, f"{name}: not a draft file; upload a text (.txt) or HTML (.html) file.")
            data = await upload.read(limit + 1)
            if len(data) > limit:
                raise _BadInput(413, f"{name}: the file is too large ({upload.size or len(data):,} bytes); at most "
                                     f"{limit:,} bytes are taken.")
            try:
                article = read_article(data, name=name)
            except QuotesError as exc:
                raise _BadInput(400, f"{name}: {exc}.") from None
            if not article.text.strip():
                raise _BadInput(400, f"{name}: the file holds no text: there is nothing to check.")
            return Draft(PurePath(name).stem or "draft", data, date)
        field = form.get("text")
        text = field if isinstance(field, str) else ""
        if len(text.encode("utf-8", "surrogatepass")) > limit:
            raise _BadInput(413, f"The pasted draft is too large; at most {limit:,} bytes are taken.")
        if not text.strip():
            raise _BadInput(400, "The draft is empty: paste its text or choose a file, then check it.")
        given_name = form.get("name")
        named = given_name.strip()[:80] if isinstance(given_name, str) else ""
        return Draft(named or "draft", text, date)
    finally:
        await form.close()


def create_app(
    store_path: str | os.PathLike[str],
    *,
    engine: Checker | Callable[[], Checker] | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    allowed_hosts: Sequence[str] | None = LOOPBACK_HOSTS,
) -> Starlette:
    """The web app over the archive at ``store_path`` (which must exist: a
    :class:`~quotes.store.StoreError` says how to make one).

    ``engine``: what checks drafts (an :class:`quotes.Engine`, or a function that makes one, called once, on
    the first check; default: ``quotes.Engine()``). ``max_upload_bytes``: the largest draft taken.
    ``allowed_hosts``: the ``Host`` names answered (default: loopback names; None: any, for a server bound
    to another interface).
    """
    path = Path(store_path).expanduser()
    with Store(path, create=False):
        pass
    if max_upload_bytes < 1:
        raise QuotesError(f"'max_upload_bytes' must be at least 1 (got {max_upload_bytes})")
    site = _Site(path, engine, max_upload_bytes)

    def guarded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except _BadInput as exc:
                return site.page("message.html", exc.status, title="Cannot do that", message=exc.message)
            except QuotesError as exc:
                return site.page("message.html", 400, title="Cannot do that", message=str(exc))
        return run

    async def home(request: Request) -> Response:
        counts = await run_in_threadpool(site.counts)
        return site.page("index.html", counts=counts, store=path.name)

    async def check(request: Request) -> Response:
        draft = await _draft_of(request, site.max_upload_bytes)
        report = await run_in_threadpool(site.check, draft)
        return site.page("check.html", report=report, pieces=marked_draft(report), findings=finding_views(report),
                         summary=check_summary(report), store=path.name)

    async def speakers(request: Request) -> Response:
        rows = await run_in_threadpool(archive.speakers, path)
        return site.page("speakers.html", speakers=rows, store=path.name)

    async def speaker(request: Request) -> Response:
        sid = request.path_params["id"]
        row = await run_in_threadpool(archive.speaker_by_id, path, sid)
        if row is None:
            raise _BadInput(404, f"No speaker with the id {sid} has statements in this archive.")
        hits = await run_in_threadpool(lambda: site.search("", speaker=row.key, since=None, until=None,
                                                             limit=SPEAKER_LIMIT))
        mine = [h for h in hits if (h.speaker.kind, h.speaker.name, h.speaker.person_id) ==
                (row.kind, row.name, row.person_id)]
        return site.page("speaker.html", speaker=row, hits=mine, truncated=len(hits) >= SPEAKER_LIMIT,
                         store=path.name)

    async def search(request: Request) -> Response:
        q = request.query_params
        words, who = q.get("q", "")[:500], q.get("speaker", "")[:200]
        since, until = _date(q.get("since"), "'since' date"), _date(q.get("until"), "'until' date")
        asked = bool(words.strip() or who.strip() or since or until)
        hits: tuple[Hit, ...] = ()
        ids: dict[tuple[str, str | None, str | None], int] = {}
        if asked:
            lo, hi = since.isoformat() if since else None, until.isoformat() if until else None
            hits = await run_in_threadpool(lambda: site.search(words, speaker=who or None, since=lo, until=hi,
                                                               limit=SEARCH_LIMIT))
            rows = await run_in_threadpool(archive.speakers, path)
            ids = {(r.kind, r.name, r.person_id): r.id for r in rows}
        links = [ids.get((h.speaker.kind, h.speaker.name, h.speaker.person_id)) for h in hits]
        return site.page("search.html", q=words, speaker=who, since=since.isoformat() if since else "",
                         until=until.isoformat() if until else "", asked=asked, results=list(zip(hits, links)),
                         limit=SEARCH_LIMIT, store=path.name)

    async def style(request: Request) -> Response:
        return Response((_HERE / "static" / "style.css").read_bytes(), media_type="text/css",
                        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=3600"})

    async def not_found(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "status_code", 404)
        what = "No such page." if code == 404 else ("That method is not allowed here." if code == 405 else str(exc))
        return site.page("message.html", code, title="Not here", message=what)

    async def failed(request: Request, exc: Exception) -> Response:
        return site.page("message.html", 500, title="Something went wrong",
                         message=f"The server met an error it did not expect ({type(exc).__name__}); "
                                 "the server's log has the details.")

    routes = [
        Route("/", guarded(home)),
        Route("/check", guarded(check), methods=["POST"]),
        Route("/speakers", guarded(speakers)),
        Route("/speakers/{id:int}", guarded(speaker)),
        Route("/search", guarded(search)),
        Route("/style.css", style),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))] if allowed_hosts else []
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={HTTPException: not_found, 500: failed})
