"""Browse pages: /documents, /actors, /meetings, /agreements, /commitments, each a saved query's list
(queries/*.rq, so the same list is an API) read as a reader's table: one row per thing, sortable,
filtered by the query's own parameters, a page at a time. Index paths such as /id/actor/ lead here."""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request

from ..errors import ClientError
from ..query import params, saved
from ..vocab import DIP
from . import context, tables

bp = Blueprint("browse", __name__)

PAGE_SIZE = 25


@dataclass(frozen=True)
class Browse:
    path: str            # the page (and its index path /id/<kind>/)
    kind: str
    query: str           # the saved query behind it
    title: str
    lead: str
    sort: str            # the default sort: a column, "-column" for descending
    hide: tuple = ()     # columns a reader does not need here (the query's own parameters, classes)
    headings: tuple = ()  # (column, heading) where the variable's name does not read well


PAGES = {b.path: b for b in (
    Browse("documents", "document", "documents", "Documents",
           "The source documents: official statements, readouts, fact sheets and news items, with what each states.",
           "-date", ("title", "sourceUrl")),
    Browse("actors", "actor", "actor-list", "Actors",
           "People, organisations and countries, with how many meetings, agreements and commitments of the "
           "documents each takes part in.", "-facts", ("type", "country"), (("class", "type"), ("of", "country"))),
    Browse("meetings", "meeting", "meeting-list", "Meetings",
           "Meetings, calls and visits, with their date as the sources give it, or the date of the document that "
           "reports them.", "-date", (), (("reported", "source dated"), ("document", "sources"))),
    Browse("agreements", "agreement", "agreement-list", "Agreements",
           "Treaties, memoranda, declarations and programmes, with the status and date each source gives them.",
           "-date", ("status",), (("stated", "status"), ("reported", "source dated"))),
    Browse("commitments", "commitment", "commitment-list", "Commitments",
           "What the actors committed to, by topic, with the sentence that says so.", "-date", ("topic",),
           (("subject", "topic"), ("reported", "source dated"))),
)}
KINDS = {b.kind: b for b in PAGES.values()}
DATE_COLUMNS = ("date", "reported")


def _sort_key(table: tables.Table, column: str, row: int):
    """Rows sort by a column's first value: dates and numbers as such, names as the reader reads them."""
    cells = table.rows[row][[c.name for c in table.columns].index(column)]
    raw = table.keys[row].get(column)
    if raw is None:
        return (1, "")
    if column in DATE_COLUMNS:
        return (0, raw)
    if raw.lstrip("-").isdigit():
        return (0, int(raw))
    return (0, (cells[0].text if cells else raw).casefold())


def _undated_by_report(table: tables.Table) -> None:
    """A fact with no date of its own sorts by the date of the document that reports it."""
    if "reported" in [c.name for c in table.columns]:
        for keys in table.keys:
            keys.setdefault("date", keys.get("reported"))


def listing(b: Browse, values: dict, sort: str, page: int):
    config = context.config()
    query = saved.get(config, b.query)
    outcome, _ = saved.run(config, query, values, format="json")
    table = tables.reader().table(json.loads(outcome.body), query.group, hide=b.hide)
    _undated_by_report(table)
    headings = dict(b.headings)
    for c in table.columns:
        c.heading = headings.get(c.name, c.heading)
    names = [c.name for c in table.columns]
    column = sort.lstrip("-")
    if column not in names:
        raise ClientError(400, f"sorts by one of: {', '.join(names)} (a leading '-' for descending)", "parameter 'sort'")
    for c in table.columns:
        c.sortable = True
    desc = sort.startswith("-")
    present = [i for i in range(len(table.rows)) if table.keys[i].get(column) is not None]
    absent = [i for i in range(len(table.rows)) if table.keys[i].get(column) is None]
    order = sorted(present, key=lambda i: _sort_key(table, column, i), reverse=desc) + absent  # no value: last
    pages = max(1, -(-len(order) // PAGE_SIZE))
    if page > pages:
        raise ClientError(404, f"there are {pages} page(s) of {b.path}", "parameter 'page'")
    shown = order[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    total = len(order)
    table.rows, table.keys = [table.rows[i] for i in shown], [table.keys[i] for i in shown]
    return query, table, total, pages


def _filters(b: Browse, query: saved.SavedQuery) -> list[dict]:
    """The query's parameters as the page's filters, each with the choices a reader picks from."""
    out = []
    for p in query.params:
        if p.enum:
            choices = [(v, v.replace("-", " ")) for v in p.enum]
        elif p.type == "topic":
            choices = [(t, t.replace("-", " ")) for t in sorted(params.topics(context.config()))]
        elif p.name == "country":
            reader = tables.reader()
            countries = [iri for iri, types in reader.lex.types.items() if DIP.Country.value in types]
            choices = sorted(((context.iris().short(i), reader.iri(i).text) for i in countries), key=lambda c: c[1])
        else:
            continue
        out.append({"name": p.name, "label": p.name, "choices": choices, "value": request.args.get(p.name, "")})
    return out


@bp.get("/<any(documents, actors, meetings, agreements, commitments):path>")
def page(path: str):
    b = PAGES[path]
    values = {k: v for k, v in request.args.to_dict(flat=False).items() if k not in ("sort", "page") and v != [""]}
    sort = request.args.get("sort") or b.sort
    number = saved.page_number(request.args.get("page"))
    query, table, total, pages = listing(b, values, sort, number)
    given = {k: v[0] for k, v in values.items()}

    def url(**changes):
        args = {**given, "sort": sort, "page": number, **changes}
        args = {k: v for k, v in args.items() if v not in (None, "") and not (k == "page" and v == 1)
                and not (k == "sort" and v == b.sort)}
        return f"{request.script_root}/{b.path}" + ("?" + urlencode(args) if args else "")

    def sort_url(column: str) -> str:
        return url(sort=("-" if sort == column else "") + column, page=1)

    api = f"{request.script_root}/queries/{query.name}" + ("?" + urlencode(given) if given else "")
    return render_template("browse.html", b=b, query=query, table=table, total=total, page=number, pages=pages,
                           sort=sort, sort_url=sort_url, url=url, filters=_filters(b, query), api=api, title=b.title)


@bp.get("/id/<any(document, actor, meeting, agreement, commitment):kind>/")
@bp.get("/page/id/<any(document, actor, meeting, agreement, commitment):kind>/")
def index(kind: str):
    """An index path (the IRIs' common prefix) leads to the list of those things."""
    return redirect(f"{request.script_root}/{KINDS[kind].path}", 303)
