"""/sparql: the query operation of the SPARQL 1.1 Protocol, read-only, under limits.

GET with `query`, POST as a form or as application/sparql-query; `default-graph-uri` and
`named-graph-uri`; `format` and `timeout` parameters. Without a query it answers with its Service
Description (or the query editor, for a browser). Every query gets one `kg.access` log line."""
from __future__ import annotations

import hashlib
import logging
import time

from flask import Blueprint, Response, g, render_template, request

from ..errors import ClientError
from ..query.results import HTML, Outcome
from ..query.run import run
from . import context, protocol
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
    config = context.config()
    q = protocol.parse(request, config.max_request_bytes)
    if q.query is None:
        return _service_description(q)
    g.query = q.query
    # Relative IRIs in the query resolve against the endpoint's own URL, as other servers do
    # (put together here: request.base_url converts it to an IRI, a cost paid on every query).
    base = f"{request.scheme}://{request.host}{request.script_root}{request.path}"
    g.outcome = run(config, q.query, accept=request.headers.get("Accept"), format=q.format,
                    default_graphs=q.default_graphs, named_graphs=q.named_graphs, timeout=q.timeout,
                    base_iri=base)
    response = result_response(g.outcome, config.max_results)
    response.headers["Vary"] = "Accept"
    return response


def result_response(outcome: Outcome, max_results: int) -> Response:
    """A query's result: its media type (UTF-8 for text), the cap in force, and whether it cut the result."""
    media = outcome.format.media_type
    response = Response(outcome.body, content_type=media + ("; charset=utf-8" if media.startswith("text/") else ""))
    response.headers[LIMIT] = str(max_results)
    if outcome.truncated:
        response.headers[TRUNCATED] = "true"
    return response


def _service_description(q: protocol.QueryRequest) -> Response:
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
    """One line per query (answered or refused): who, status, time, what kind and how much came back."""
    if "started" not in g:
        return response
    if response.status_code == 405:
        response.headers["Allow"] = ALLOWED
    ms = (time.monotonic() - g.started) * 1000
    parts = [request.remote_addr or "-", request.method, "/sparql", f"status={response.status_code}", f"ms={ms:.1f}"]
    outcome = g.get("outcome")
    if outcome is not None:
        parts += [f"kind={outcome.kind}", f"format={outcome.format.name}", f"results={outcome.count}",
                  f"truncated={'yes' if outcome.truncated else 'no'}"]
    parts.append(f"bytes={response.calculate_content_length() or 0}")
    if "query" in g:  # a short fingerprint, to tell queries apart without logging their text
        parts.append("query=" + hashlib.sha1(g.query.encode()).hexdigest()[:10])
    access.info(" ".join(parts))
    return response
