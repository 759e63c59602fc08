"""/sparql: the query operation of the SPARQL 1.1 Protocol, read-only, under limits.

GET with `query`, POST as a form or as application/sparql-query; `default-graph-uri` and
`named-graph-uri`; `format` and `timeout` parameters. Without a query it answers with its Service
Description (or the query editor, for a browser). Every query gets one `kg.access` log line.

Queries are answered by `Direct`, a thin WSGI layer in front of Flask (installed by the app
factory): Flask's request machinery costs several times what the rest of a short query costs in
the web worker. The Flask view answers everything else on /sparql (the service description,
the editor, CORS preflight, other methods); both answer a query with the same `answer()`."""
from __future__ import annotations

import hashlib
import logging
import time
from types import SimpleNamespace

from flask import Blueprint, Flask, Response, g, render_template, request
from werkzeug.wrappers import Request

from ..config import Config
from ..errors import ClientError
from ..query.results import HTML, Outcome
from ..query.run import run
from ..vocab import PREFIXES
from . import context, protocol, security
from .errors import UNAVAILABLE, problem, response_for
from .service_description import service_description

bp = Blueprint("sparql", __name__)
access = logging.getLogger("kg.access")

TRUNCATED = "X-SPARQL-Results-Truncated"   # "true" when the result-size cap cut the result
LIMIT = "X-SPARQL-Max-Results"             # the cap in force, sent with every result
ALLOWED = "GET, HEAD, POST, OPTIONS"


def allow_any_origin(response: Response, *expose: str) -> Response:
    """Any origin may query: the data is public and the endpoint read-only. Browsers let scripts
    read only the headers named here (the result headers, and what a caller adds, e.g. Link)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = ", ".join([*expose, TRUNCATED, LIMIT, "Content-Type"])
    return response


bp.after_request(allow_any_origin)


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"])
def endpoint():
    if request.method == "OPTIONS":
        return preflight()
    g.started = time.monotonic()
    if request.method not in ("GET", "HEAD", "POST"):
        raise ClientError(405, f"method {request.method} is not allowed on /sparql: query with GET or POST")
    response = answer(request, context.config(), g)
    return response if response is not None else _service_description()


def answer(req: Request, config: Config, record) -> Response | None:
    """The answer to a query request, or None if it holds no query. What the access log tells is
    set on `record` (the query, its outcome)."""
    q = protocol.parse(req, config.max_request_bytes)
    if q.query is None:
        return None
    record.query = q.query
    # Relative IRIs in the query resolve against the endpoint's own URL, as other servers do
    # (put together here: request.base_url converts it to an IRI, a cost paid on every query).
    base = f"{req.scheme}://{req.host}{req.script_root}{req.path}"
    record.outcome = run(config, q.query, accept=req.headers.get("Accept"), format=q.format,
                         default_graphs=q.default_graphs, named_graphs=q.named_graphs, timeout=q.timeout,
                         base_iri=base, prefixes=PREFIXES)
    response = result_response(record.outcome, config.max_results)
    response.headers["Vary"] = "Accept"
    return response


class Direct:
    """WSGI: queries on /sparql answered without Flask's request machinery, everything else passed
    on to Flask. A GET that turns out to hold no query is passed on too (nothing was read from it)."""

    def __init__(self, app: Flask):
        self.app, self.flask_app = app.wsgi_app, app

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if environ.get("PATH_INFO") != "/sparql" or not (
                method == "POST" or (method in ("GET", "HEAD") and "query" in environ.get("QUERY_STRING", ""))):
            return self.app(environ, start_response)
        config: Config = self.flask_app.config["KG"]
        req = Request(environ)
        req.max_content_length = config.max_request_bytes
        record = SimpleNamespace(started=time.monotonic())
        security.follow(environ)   # as the app's before_request does: the query layer watches the client
        try:
            response = answer(req, config, record)
        except (ClientError, *UNAVAILABLE) as exc:   # the app's one error handler's answer
            response = response_for(exc)
        except Exception:   # logged as Flask logs what it does not handle
            self.flask_app.logger.exception("Exception on /sparql [%s]", method)
            response = problem(500, "the server failed to answer this query")
        finally:
            security.forget()
        if response is None:
            return self.app(environ, start_response)
        log(req, security.headers(allow_any_origin(response), "/sparql"), record)
        return response(environ, start_response)


def result_response(outcome: Outcome, max_results: int) -> Response:
    """A query's result: its media type (UTF-8 for text), the cap in force, and whether it cut the result."""
    media = outcome.format.media_type
    response = Response(outcome.body, content_type=media + ("; charset=utf-8" if media.startswith("text/") else ""))
    response.headers[LIMIT] = str(max_results)
    if outcome.truncated:
        response.headers[TRUNCATED] = "true"
    return response


def _service_description() -> Response:
    fmt = context.wanted("graph", html="also")
    if fmt == HTML:
        return Response(render_template("editor.html"), content_type="text/html; charset=utf-8")
    body = service_description(request.base_url, context.config(), context.store().named_graphs(), fmt)
    response = Response(body, content_type=fmt.media_type)
    response.headers["Vary"] = "Accept"
    return response


def preflight() -> Response:
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = ALLOWED
    response.headers["Access-Control-Allow-Headers"] = (request.headers.get("Access-Control-Request-Headers")
                                                        or "Accept, Content-Type")
    response.headers["Access-Control-Max-Age"] = "86400"
    response.headers["Allow"] = ALLOWED
    return response


@bp.after_request
def _logged(response: Response) -> Response:
    if "started" not in g:
        return response
    if response.status_code == 405:
        response.headers["Allow"] = ALLOWED
    log(request, response, g)
    return response


def log(req: Request, response: Response, record) -> None:
    """One line per query (answered or refused): who, status, time, what kind and how much came back."""
    ms = (time.monotonic() - record.started) * 1000
    parts = [req.remote_addr or "-", req.method, "/sparql", f"status={response.status_code}", f"ms={ms:.1f}"]
    outcome = getattr(record, "outcome", None)
    if outcome is not None:
        parts += [f"kind={outcome.kind}", f"format={outcome.format.name}", f"results={outcome.count}",
                  f"truncated={'yes' if outcome.truncated else 'no'}"]
    parts.append(f"bytes={response.calculate_content_length() or 0}")
    query = getattr(record, "query", None)
    if query is not None:  # a short fingerprint, to tell queries apart without logging their text
        parts.append("query=" + hashlib.sha1(query.encode()).hexdigest()[:10])
    access.info(" ".join(parts))
