"""/sparql: the query operation of the SPARQL 1.1 Protocol, read-only, under limits.

GET with `query`, POST as a form or as application/sparql-query; `default-graph-uri` and
`named-graph-uri`; `format` and `timeout` parameters. Without a query it answers with its Service
Description (or the query editor, for a browser). Every query gets one `kg.access` log line."""
from __future__ import annotations

import hashlib
import logging
import time

from flask import Blueprint, Response, render_template, request

from .. import execute
from ..errors import InputError
from ..results import NotAcceptable, Outcome, negotiate
from . import context, description, protocol
from .errors import problem

bp = Blueprint("sparql", __name__)
access = logging.getLogger("kg.access")

TRUNCATED = "X-SPARQL-Results-Truncated"   # "true" when the result-size cap cut the result
LIMIT = "X-SPARQL-Max-Results"             # the cap in force, sent with every result
ALLOWED = "GET, HEAD, POST, OPTIONS"
GRAPH_TYPES = ["text/turtle", "application/rdf+xml", "application/ld+json", "application/n-triples",
               "application/trig", "application/n-quads"]


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
    started = time.monotonic()
    if request.method not in ("GET", "HEAD", "POST"):
        return _logged(started, problem(405, f"method {request.method} is not allowed on /sparql: "
                                             "query with GET or POST", {"Allow": ALLOWED}))
    config = context.config()
    try:
        q = protocol.parse(request, config.max_request_bytes)
    except protocol.ProtocolError as exc:
        return _logged(started, problem(exc.status, exc.message))
    if q.query is None:
        return service_description(q)
    outcome = None
    try:
        outcome = execute.run(config, q.query, accept=request.headers.get("Accept"), format=q.format,
                              default_graphs=q.default_graphs, named_graphs=q.named_graphs, timeout=q.timeout)
    except execute.QueryRejected as exc:
        response = problem(exc.status, exc.message)
    except execute.QueryTimeout as exc:
        response = problem(503, f"{exc}; make the query cheaper (a LIMIT, fewer joins) or ask with a "
                                f"lower timeout (the endpoint allows at most {config.query_timeout:g} s)")
    else:
        response = result_response(outcome, config.max_results)
    response.headers["Vary"] = "Accept"
    return _logged(started, response, outcome, q.query)


def result_response(outcome: Outcome, max_results: int) -> Response:
    """A query's result: its media type (UTF-8 for text), the cap in force, and whether it cut the result."""
    media = outcome.format.media_type
    response = Response(outcome.body, content_type=media + ("; charset=utf-8" if media.startswith("text/") else ""))
    response.headers[LIMIT] = str(max_results)
    if outcome.truncated:
        response.headers[TRUNCATED] = "true"
    return response


def service_description(q: protocol.QueryRequest) -> Response:
    html = request.accept_mimetypes.best_match(GRAPH_TYPES + ["text/html"]) == "text/html"
    if html and not q.format:
        return Response(render_template("editor.html"), content_type="text/html; charset=utf-8")
    try:
        fmt = negotiate("graph", request.headers.get("Accept"), q.format)
    except NotAcceptable as exc:
        return problem(406, f"{exc}; the service description is RDF")
    try:
        graphs = context.store().named_graphs()
    except (InputError, OSError) as exc:
        return problem(503, f"the store is unavailable: {exc}")
    body = description.describe(request.base_url, context.config(), graphs, fmt)
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


def _logged(started: float, response: Response, outcome=None, query: str | None = None) -> Response:
    """One line per query: who, status, time, what kind and how much came back."""
    ms = (time.monotonic() - started) * 1000
    parts = [request.remote_addr or "-", request.method, "/sparql", f"status={response.status_code}", f"ms={ms:.1f}"]
    if outcome is not None:
        parts += [f"kind={outcome.kind}", f"format={outcome.format.name}", f"results={outcome.count}",
                  f"truncated={'yes' if outcome.truncated else 'no'}"]
    parts.append(f"bytes={response.calculate_content_length() or 0}")
    if query is not None:  # a short fingerprint, to tell queries apart without logging their text
        parts.append("query=" + hashlib.sha1(query.encode()).hexdigest()[:10])
    access.info(" ".join(parts))
    return response
