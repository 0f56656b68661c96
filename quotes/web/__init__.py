"""``quotes serve``: a local web page for the copy desk over an archive (``docs/web.md``).

Paste or upload a draft and see it marked up with each finding in place and its evidence beside it; browse
the archive's speakers, their statements and variants; search statements. Needs the ``web`` extra
(``pip install 'newsroom-quotes[web]'``: Starlette, Jinja2, uvicorn, python-multipart).

Modules: ``views`` (what the pages show, as records), ``archive`` (the speakers' counts, read-only),
``app`` (the Starlette app: routes, limits, headers).
"""

from __future__ import annotations

from .app import DEFAULT_MAX_UPLOAD, LOOPBACK_HOSTS, Checker, create_app

__all__ = ["DEFAULT_MAX_UPLOAD", "LOOPBACK_HOSTS", "Checker", "create_app"]
