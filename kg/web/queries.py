"""/queries: the catalogue of saved queries, each run at /queries/NAME as an API; /openapi.json.

The catalogue answers JSON to programs and an HTML page to browsers. A saved query answers with the
same content negotiation as /sparql (Accept or `format`), or an HTML table for a browser; a
paginated one answers a page at a time, announced with Link headers as grlc does."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, render_template, request

from ..errors import ClientError, InputError
from ..query import params, saved
from ..query.results import FORMATS, HTML
from . import context, openapi, tables
from .sparql import allow_any_origin, result_response

bp = Blueprint("queries", __name__)


@bp.after_request
def cors(response: Response) -> Response:
    """The saved queries are a public, read-only API: any origin may call it and read its paging."""
    return allow_any_origin(response, "Link")


def _url(query_name: str | None = None, params: dict | None = None, **reserved) -> str:
    """The URL of the catalogue or of a query; `params` are the query's own (any name, even `name`)."""
    path = f"{request.script_root}/queries" + (f"/{query_name}" if query_name else "")
    query = urlencode([(k, v) for k, v in {**(params or {}), **reserved}.items() if v not in (None, "")])
    return path + ("?" + query if query else "")


def _entry(q: saved.SavedQuery) -> dict:
    """A saved query as the catalogue shows it to programs."""
    formats = [f.name for f in FORMATS if f.kind == q.kind]
    return {
        "name": q.name, "title": q.title, "description": q.description,
        "url": request.host_url.rstrip("/") + _url(q.name),
        "parameters": [{"name": p.name, "type": p.type, "required": not p.optional, "default": p.default,
                        "example": p.example, "description": p.description, **({"enum": list(p.enum)} if p.enum else {})}
                       for p in q.params],
        "pagination": q.pagination,
        "variables": q.variables,
        "federated": q.federated,
        "service": q.service,
        "formats": {f: request.host_url.rstrip("/") + _url(q.name, format=f) for f in formats + ["html"]},
        "sparql": q.sparql,
    }


@bp.route("/queries")
def index():
    config = context.config()
    fmt = context.wanted("json", html="also")
    queries = sorted(saved.catalogue(config).values(), key=lambda q: q.name)
    if fmt == HTML:
        response = Response(render_template("queries.html", queries=queries, url=_url, title="Saved queries"),
                            content_type="text/html; charset=utf-8")
    else:
        response = jsonify({"queries": [_entry(q) for q in queries],
                            "openapi": request.host_url.rstrip("/") + request.script_root + "/openapi.json"})
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/queries/<name>")
def run_query(name: str):
    config = context.config()
    query = saved.get(config, name)
    values = {k: request.args.getlist(k) for k in request.args}
    fmt = context.wanted(query.kind, html="also")
    page = saved.page_number(request.args.get("page"))
    timeout = saved.timeout_seconds(request.args.get("timeout"), config)
    if fmt == HTML:
        return _html(config, query, values, page, timeout)
    outcome, paging = saved.run(config, query, values, format=fmt.name, page=page, timeout=timeout)
    response = result_response(outcome, config.max_results)
    response.headers["Vary"] = "Accept"
    if outcome.format.name in saved.DOWNLOADS:
        response.headers["Content-Disposition"] = f'attachment; filename="{query.name}.{outcome.format.extension}"'
    if paging:
        response.headers["Link"] = _links(query.name, paging)
    return response


def _page_url(name: str, number: int) -> str:
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "page"] + [("page", str(number))]
    return request.host_url.rstrip("/") + _url(name) + "?" + urlencode(args)


def _links(name: str, p: saved.Page) -> str:
    """grlc-style Link header: first, prev, next, and last when known."""
    rels = [("first", 1)]
    if p.number > 1:
        rels.append(("prev", min(p.number - 1, p.last or p.number - 1)))
    if p.has_next:
        rels.append(("next", p.number + 1))
    if p.last:
        rels.append(("last", p.last))
    return ", ".join(f'<{_page_url(name, n)}>; rel="{rel}"' for rel, n in rels)


def _html(config, query: saved.SavedQuery, values: dict, page: int, timeout: float) -> Response:
    """The query's page: its form, its results as a reader's table (labels linked to their pages,
    dates as dates, one row per fact), links to each format. A required parameter not yet given is
    a form to fill in, not an error."""
    given = {k: v[0] for k, v in values.items() if v and k not in saved.RESERVED}
    table, graph, paging, error, status, boolean = None, None, None, None, 200, None
    missing = [p.name for p in query.params if not p.optional and not given.get(p.name)]
    try:
        saved.check_service(config, query)
        if not missing:
            outcome, paging = saved.run(config, query, values, page=page, timeout=timeout,
                                        format="json" if query.kind == "solutions" else "turtle")
            if query.kind == "graph":
                graph = outcome.body.decode("utf-8")
            else:
                results = json.loads(outcome.body)
                if "boolean" in results:
                    boolean = results["boolean"]
                else:
                    table = tables.reader().table(results, query.group)
    except ClientError as exc:  # shown in the page, beside the form that can mend it
        error, status = exc.message, exc.status
    formats = [f for f in FORMATS if f.kind == query.kind]
    links = {f.name: _url(query.name, given, format=f.name) for f in formats}
    pager = None
    if paging:
        pager = {"page": paging.number, "last": paging.last,
                 "prev": _url(query.name, given, format="html", page=paging.number - 1) if paging.number > 1 else None,
                 "next": _url(query.name, given, format="html", page=paging.number + 1) if paging.has_next else None}
    body = render_template("query.html", q=query, given=given, table=table, boolean=boolean, graph=graph,
                           error=error, missing=missing, links=links, pager=pager, title=query.title)
    response = Response(body, status=status, content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept, Accept-Language"
    return response


@bp.route("/openapi.json")
def openapi_json():
    config = context.config()
    queries = sorted(saved.catalogue(config).values(), key=lambda q: q.name)
    try:
        topics = sorted(params.topics(config))
    except (InputError, OSError):  # no store yet: the document still describes the API, less the topic list
        topics = []
    server = request.host_url.rstrip("/") + request.script_root
    return jsonify(openapi.document(queries, server, topics, config.base_iri))
