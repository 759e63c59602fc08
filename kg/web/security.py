"""What every response gets, in one place: security headers on pages, CORS on the Linked Data,
no raw control characters in HTML, and the client's connection followed while its query runs.

- Pages (text/html) carry a Content-Security-Policy that allows only this server's own scripts,
  styles, images and fetches (plus the one inline script of the editor, by its hash), and may not
  be framed; every response carries X-Content-Type-Options: nosniff and a Referrer-Policy.
- The Linked Data (things, documents, dumps, the VoID description) may be read by scripts from any
  origin, as /sparql may: the data is public and read-only.
- Text from the data shown in a page never carries C0 control characters raw (they are not allowed
  in HTML): each is shown as its Unicode control picture (U+0001 as ␁).
- The query layer is told the client's socket and when the request arrived (kg.query.watch)."""
from __future__ import annotations

import base64
import hashlib
import re

from flask import Flask, Response, request
from markupsafe import Markup

from ..query import watch

# The editor's one inline script (templates/editor.html), allowed by its hash.
EDITOR_INLINE = 'document.documentElement.classList.add("js")'
_HASH = base64.b64encode(hashlib.sha256(EDITOR_INLINE.encode()).digest()).decode()
CSP = ("default-src 'self'; "
       f"script-src 'self' 'sha256-{_HASH}'; "
       "style-src 'self' 'unsafe-inline'; "    # YASGUI sets style attributes
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
PAGE_HEADERS = {"Content-Security-Policy": CSP, "X-Frame-Options": "DENY"}
EVERY_RESPONSE = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}

# Paths of the Linked Data: readable by scripts of any origin.
LINKED = ("/id/", "/data/", "/page/", "/graph/", "/dumps", "/ontology", "/.well-known/void")
EXPOSED = "ETag, Last-Modified, Link, Location, Content-Disposition, Content-Encoding, Content-Type"

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def visible(text: str) -> str:
    """C0 control characters (and DEL) as their control pictures; tab, line feed and return kept."""
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() != "\x7f" else "\u2421", text)


def _finalize(value):
    """Jinja's last step for every {{ value }}: control characters made visible, escaping kept."""
    if isinstance(value, Markup):
        return Markup(visible(str(value)))
    if isinstance(value, str):
        return visible(value)
    return value


def headers(response: Response, path: str) -> Response:
    """The headers every response gets, by its media type and path."""
    for name, value in EVERY_RESPONSE.items():
        response.headers.setdefault(name, value)
    if response.mimetype == "text/html":
        for name, value in PAGE_HEADERS.items():
            response.headers.setdefault(name, value)
    if path.startswith(LINKED) and "Access-Control-Allow-Origin" not in response.headers:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED
    return response


def follow(environ: dict) -> None:
    """Name the requester's socket and arrival to the query layer for this request (kg.query.watch)."""
    watch.follow(environ.get("gunicorn.socket"), environ.get("kg.arrived"))


def forget(_exc=None) -> None:
    watch.follow(None, None)


def register(app: Flask) -> None:
    app.jinja_env.finalize = _finalize
    app.before_request(lambda: follow(request.environ))
    app.teardown_request(forget)
    app.after_request(lambda response: headers(response, request.path))
