"""/search?q=: the site's search box, as a page for people and JSON for programs (Accept or format)."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from ..linked import labels
from ..linked.highlight import anchor
from ..linked.search import Index
from ..query.results import HTML
from . import context, tables

bp = Blueprint("search", __name__)

LIMIT = 50


def results(q: str) -> list[dict]:
    """The ranked results of `q`, named in the reader's language, each linked to its page (a quote's
    to its highlighted sentence in its document)."""
    store = context.store()
    reader = tables.reader()
    out = []
    for hit in Index.of(store).search(q, LIMIT):
        thing = reader.iri(hit.thing)
        e = hit.entry
        found = {"iri": hit.thing, "href": thing.href, "label": thing.text, "lang": thing.lang, "kind": hit.kind,
                 "field": e.field, "score": round(hit.score, 3)}
        if e.field == "quote":
            doc = reader.document(e.document)
            found["quote"] = {"text": e.text, "href": f"{doc.href}#{anchor(e.annotation)}",
                              "document": {"title": doc.text, "href": doc.href, "derived": doc.derived}}
        elif labels.brief(e.text) != thing.text:
            found["matched"] = {"text": e.text, "lang": e.lang}
        out.append(found)
    return out


@bp.get("/search")
def search():
    q = " ".join(request.args.get("q", "").split())[:200]
    fmt = context.wanted("json", html="first")
    found = results(q) if q else []
    if fmt == HTML:
        return render_template("search.html", q=q, search_q=q, results=found, title=f"Search: {q}" if q else "Search")
    response = jsonify(query=q, count=len(found), results=found)
    response.vary.add("Accept")
    return response
