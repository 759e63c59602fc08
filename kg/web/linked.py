"""Linked Data: dereferenceable IRIs, the ontology's documentation, dumps and the VoID description.

Cool URIs: the things the graph names (actors, meetings, topics… `/id/…`, `/ontology/topic/…`)
are slash IRIs, so a GET on one answers `303 See Other` to a document about it: `/page/{path}`
(HTML) or `/data/{path}.{ext}` (RDF), chosen by the Accept header or `?format=`. Named graphs
(`/graph/…`) and the ontology (`/ontology`, whose terms are hash IRIs) are documents themselves
and answer 200 directly, negotiated (Vary: Accept). IRIs are minted under the configured base
IRI, and the server answers their paths on its own host, so a local run dereferences them too."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from flask import Blueprint, Response, jsonify, redirect, render_template, request, send_file
from pyoxigraph import NamedNode, RdfFormat, Variable, serialize

from .. import describe, ontology_doc, void
from ..config import TOPIC_NS
from ..dumps import DUMPS, Cache, built_at, by_file
from ..graph import DIP, PREFIXES, RDF, Iris
from ..results import FORMATS, Format, NotAcceptable, by_name, write_graph
from . import context
from .errors import problem

bp = Blueprint("linked", __name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
RDF_TYPES = [m for f in FORMATS if f.kind == "graph" for m in (f.media_type, *f.aliases) if "/" in m]


class BadFormat(Exception):
    """The client asked for a format this resource cannot be sent in."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


@bp.errorhandler(BadFormat)
def _bad_format(exc: BadFormat):
    return problem(exc.status, exc.message)


def choose(html_first: bool = True) -> str | Format:
    """'html' or the RDF format to answer with: `?format=` wins over Accept."""
    name = request.args.get("format")
    if name is not None:
        if name.strip().lower() in ("html", *HTML_TYPES):
            return "html"
        try:
            return by_name(name, "graph")
        except NotAcceptable as exc:
            raise BadFormat(f"format: {exc} or html", 400) from None
    offers = [*HTML_TYPES, *RDF_TYPES] if html_first else [*RDF_TYPES, *HTML_TYPES]
    if not request.accept_mimetypes:
        return "html" if html_first else by_name(offers[0], "graph")
    best = request.accept_mimetypes.best_match(offers)
    if best is None:
        raise BadFormat(f"none of the media types in Accept ({request.headers.get('Accept')}) is available; "
                        "offered: text/html, " + ", ".join(f.media_type for f in FORMATS if f.kind == "graph"), 406)
    return "html" if best in HTML_TYPES else by_name(best, "graph")


def _linker() -> describe.Linker:
    return describe.Linker(context.config(), request.script_root)


def _builder(store, iri: str) -> describe.Builder:
    """The page model of `iri` from its description (linked datasets from the VoID description's static part)."""
    return describe.Builder(iri, describe.description(store, iri), describe.Names.of(store, context.config()),
                            _linker(), void.linked_datasets())


def _iri(path: str) -> str | None:
    """The IRI a local path names (`id/actor/x` -> `{base}id/actor/x`), None if it names none."""
    if path.startswith(("id/", "graph/")):
        iri = context.config().base_iri + path
    elif path.startswith("ontology/topic/"):
        iri = TOPIC_NS + path[len("ontology/topic/"):]
    else:
        return None
    try:
        NamedNode(iri)
    except ValueError:  # not an IRI at all (a space, a bracket…): nothing can be described by it
        return None
    return iri


def _conditional(resp: Response, key: str) -> Response:
    """ETag and Last-Modified from the store generation: a rebuild changes them, nothing else does."""
    store = context.store()
    resp.set_etag(hashlib.sha256(f"{store.generation}|{key}".encode()).hexdigest()[:32])
    resp.last_modified = built_at(store)
    resp.cache_control.no_cache = True
    resp.vary.add("Accept")
    return resp.make_conditional(request)


def _not_found(what: str):
    if choose() == "html":
        return render_template("missing.html", title="Not found", what=what), 404
    return problem(404, f"not found: {what} is not described in this dataset")


def _rdf(triples, fmt: Format) -> Response:
    return Response(write_graph(fmt, triples, PREFIXES), mimetype=fmt.media_type)


def _alternates(href) -> list[dict]:
    """The RDF formats a page links to as alternates; `href(format)` gives each one's URL."""
    return [{"href": href(f), "type": f.media_type, "name": f.name}
            for f in FORMATS if f.name in ("turtle", "jsonld", "ntriples", "rdfxml")]


# ---------------------------------------------------------------- things: 303 to a document


def _see_other(path: str):
    iri = _iri(path)
    fmt = choose()
    if iri is None or not describe.exists(context.store(), iri):
        return _not_found(iri or "/" + path)
    target = f"{request.script_root}/page/{quote(path)}" if fmt == "html" else \
        f"{request.script_root}/data/{quote(path)}.{fmt.extension}"
    resp = redirect(target, 303)
    resp.vary.add("Accept")
    return resp


@bp.get("/id/<path:rest>")
def entity(rest):
    return _see_other("id/" + rest)


@bp.get("/ontology/topic/<path:slug>")
def topic(slug):
    return _see_other("ontology/topic/" + slug)


@bp.get("/data/<path:path>")
def data(path):
    stem, dot, ext = path.rpartition(".")
    try:
        fmt = by_name(ext, "graph") if dot else None
    except NotAcceptable:
        fmt = None
    if fmt is None or fmt.extension != ext.lower():
        raise BadFormat(f"path: /data/{path} must end in one of "
                        + ", ".join("." + f.extension for f in FORMATS if f.kind == "graph"), 404)
    iri = _iri(stem)
    store = context.store()
    if iri is None or not describe.exists(store, iri):
        return _not_found(iri or "/" + stem)
    return _conditional(_rdf(describe.description(store, iri), fmt), path)


@bp.get("/page/<path:path>")
def page(path):
    iri = _iri(path)
    store = context.store()
    if iri is None or not describe.exists(store, iri):
        return _not_found(iri or "/" + path)
    builder = _builder(store, iri)
    alternates = _alternates(lambda f: f"{request.script_root}/data/{quote(path)}.{f.extension}")
    if DIP.SourceDocument in builder.objects(iri, RDF.type):
        doc = describe.document_page(store, builder)
        html = render_template("document.html", doc=doc, page=doc.page, title=doc.page.title,
                               alternates=alternates, thing=iri)
    else:
        html = render_template("entity.html", page=builder.page(), title=builder.label(iri),
                               alternates=alternates, thing=iri)
    return _conditional(Response(html, mimetype="text/html"), "page/" + path)


# ---------------------------------------------------------------- documents: 200, negotiated


@bp.get("/graph/<path:rest>")
def named_graph(rest):
    iri = _iri("graph/" + rest)
    store = context.store()
    fmt = choose()
    if iri is None or iri not in store.named_graphs():
        return _not_found(iri or "/graph/" + rest)
    if fmt != "html":
        return _conditional(_rdf((q.triple for q in store.quads(iri)), fmt), f"graph/{rest}|{fmt.name}")
    builder = _builder(store, iri)
    size = next(iter(store.query(describe.sparql("graph-size.rq"), substitutions={Variable("graph"): NamedNode(iri)})))
    downloads = _alternates(lambda f: f"{request.script_root}/graph/{quote(rest)}?format={f.name}")
    html = render_template("entity.html", page=builder.page(), title=builder.label(iri), alternates=downloads,
                           thing=iri, graph_size=int(size["triples"].value))
    return _conditional(Response(html, mimetype="text/html"), f"graph/{rest}|html")


@bp.get("/ontology")
def ontology():
    store, config = context.store(), context.config()
    fmt = choose()
    graph = Iris(config.base_iri).graph("ontology").value
    if fmt != "html":
        return _conditional(_rdf((q.triple for q in store.quads(graph)), fmt), f"ontology|{fmt.name}")
    doc = ontology_doc.build(store, config, describe.Names.of(store, config), _linker())
    alternates = _alternates(lambda f: f"{request.script_root}/ontology?format={f.name}")
    html = render_template("ontology.html", doc=doc, title=doc.titles.get("en", "Ontology"), alternates=alternates)
    return _conditional(Response(html, mimetype="text/html"), "ontology|html")


@bp.get("/ontology/shapes")
def shapes():
    """The SHACL shapes every build satisfies (the ontology's rdfs:seeAlso)."""
    path = context.config().ontology_dir / "shapes.ttl"
    return send_file(path, mimetype="text/turtle", conditional=True)


# ---------------------------------------------------------------- dumps


def _dump_entries(cache: Cache) -> list[dict]:
    return [{"file": d.file, "format": d.name, "url": f"{request.script_root}/dumps/{d.file}",
             "media_type": d.media_type, "compressed": d.gzipped, "bytes": cache.path(d).stat().st_size,
             "content": d.content} for d in DUMPS]


@bp.get("/dumps")
def dumps():
    cache = Cache(context.config(), context.store())
    entries = _dump_entries(cache)
    wanted = request.args.get("format") or request.accept_mimetypes.best_match(["application/json", "text/html"])
    if wanted in ("html", "text/html"):
        return render_template("dumps.html", dumps=entries, title="Dumps")
    if wanted not in ("json", "application/json", None):
        raise BadFormat(f"format: {wanted!r} is not available for the list of dumps (one of: json, html)", 400)
    return jsonify(dumps=entries, void=f"{request.script_root}/.well-known/void")


@bp.get("/dumps/<name>")
def dump_file(name):
    dump = by_file(name)
    if dump is None:
        return problem(404, f"not found: no dump named {name!r}; available: " + ", ".join(d.file for d in DUMPS))
    cache = Cache(context.config(), context.store())
    # A .gz file is sent as it is (application/gzip), so that every client saves a real .gz file;
    # the others are sent gzip-encoded to clients that accept it, and decoded by them on the fly.
    encode = not dump.gzipped and request.accept_encodings.quality("gzip") > 0
    path = cache.gzip_path(dump) if encode else cache.path(dump)
    resp = send_file(path, mimetype=dump.media_type, conditional=True, etag=cache.etag(dump, "gzip" if encode else ""),
                     last_modified=cache.modified, download_name=dump.file, max_age=None)
    if encode:
        resp.headers["Content-Encoding"] = "gzip"
    if not dump.gzipped:
        resp.vary.add("Accept-Encoding")
    resp.cache_control.no_cache = True
    return resp


# ---------------------------------------------------------------- VoID


@bp.get("/.well-known/void")
def well_known_void():
    store, config = context.store(), context.config()
    fmt = choose(html_first=False)
    d = void.current(config, store)
    triples = sorted(d.triples, key=lambda t: (t.subject != d.dataset, t.subject.value, t.predicate.value))
    if fmt == "html":
        turtle = serialize(triples, format=RdfFormat.TURTLE, prefixes=void.VOID_PREFIXES).decode()
        html = render_template("void.html", d=d, turtle=turtle, title="Dataset description",
                               names=describe.Names.of(store, config), linker=_linker())
        return _conditional(Response(html, mimetype="text/html"), "void|html")
    body = write_graph(fmt, triples, void.VOID_PREFIXES)
    return _conditional(Response(body, mimetype=fmt.media_type), f"void|{fmt.name}")
