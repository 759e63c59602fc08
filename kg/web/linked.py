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

from ..errors import ClientError
from ..linked import entity, ontology, void
from ..linked.dumps import DUMPS, Cache, built_at, by_file
from ..query.files import sparql
from ..query.results import FORMATS, HTML, Format, by_name, write_graph
from ..vocab import DESCRIPTION_PREFIXES, DIP, PREFIXES, RDF
from . import context
from .errors import problem

bp = Blueprint("linked", __name__)
GRAPH_FORMATS = [f for f in FORMATS if f.kind == "graph"]


def _linker() -> entity.Linker:
    return entity.Linker(context.config(), request.script_root)


def _builder(store, iri: str) -> entity.Builder:
    """The page model of `iri` from its description (linked datasets from the VoID description's static part)."""
    return entity.Builder(iri, entity.description(store, iri), entity.Names.of(store, context.config()),
                          _linker(), void.linked_datasets(), context.languages())


def _conditional(resp: Response, key: str) -> Response:
    """ETag and Last-Modified from the store generation: a rebuild changes them, nothing else does."""
    store = context.store()
    resp.set_etag(hashlib.sha256(f"{store.generation}|{key}".encode()).hexdigest()[:32])
    resp.last_modified = built_at(store)
    resp.cache_control.no_cache = True
    resp.vary.add("Accept")
    return resp.make_conditional(request)


def _not_found(what: str, fmt: Format):
    if fmt == HTML:
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
    iri = context.iris().iri(path)
    fmt = context.wanted("graph", html="first")
    if iri is None or not entity.exists(context.store(), iri):
        return _not_found(iri or "/" + path, fmt)
    target = f"{request.script_root}/page/{quote(path)}" if fmt == HTML else \
        f"{request.script_root}/data/{quote(path)}.{fmt.extension}"
    resp = redirect(target, 303)
    resp.vary.add("Accept")
    return resp


@bp.get("/id/<path:rest>")
def thing(rest):
    return _see_other("id/" + rest)


@bp.get("/ontology/topic/<path:slug>")
def topic(slug):
    return _see_other("ontology/topic/" + slug)


@bp.get("/data/<path:path>")
def data(path):
    stem, dot, ext = path.rpartition(".")
    fmt = by_name(ext, "graph") if dot else None
    if fmt is None or fmt.extension != ext.lower():
        raise ClientError(404, f"/data/{path} must end in one of " + ", ".join("." + f.extension for f in GRAPH_FORMATS),
                          "path")
    iri = context.iris().iri(stem)
    store = context.store()
    if iri is None or not entity.exists(store, iri):
        return _not_found(iri or "/" + stem, fmt)
    return _conditional(_rdf(entity.description(store, iri), fmt), path)


@bp.get("/page/<path:path>")
def page(path):
    iri = context.iris().iri(path)
    store = context.store()
    if iri is None or not entity.exists(store, iri):
        return _not_found(iri or "/" + path, HTML)
    builder = _builder(store, iri)
    alternates = _alternates(lambda f: f"{request.script_root}/data/{quote(path)}.{f.extension}")
    if DIP.SourceDocument in builder.objects(iri, RDF.type):
        doc = entity.document_page(store, builder)
        html = render_template("document.html", doc=doc, page=doc.page, title=doc.page.title,
                               alternates=alternates, thing=iri,
                               derived=bool(builder.objects(iri, DIP.derivedTitle)))
    else:
        model = builder.page()
        model.statements = entity.statements(store, builder)
        html = render_template("entity.html", page=model, title=builder.label(iri), alternates=alternates, thing=iri)
    return _conditional(Response(html, mimetype="text/html"), f"page/{path}|{context.language()}")


# ---------------------------------------------------------------- documents: 200, negotiated


@bp.get("/graph/<path:rest>")
def named_graph(rest):
    iri = context.iris().iri("graph/" + rest)
    store = context.store()
    fmt = context.wanted("graph", html="first")
    if iri is None or iri not in store.named_graphs():
        return _not_found(iri or "/graph/" + rest, fmt)
    if fmt != HTML:
        return _conditional(_rdf((q.triple for q in store.quads(iri)), fmt), f"graph/{rest}|{fmt.name}")
    builder = _builder(store, iri)
    size = next(iter(store.query(sparql("linked/graph-size.rq"), substitutions={Variable("graph"): NamedNode(iri)})))
    downloads = _alternates(lambda f: f"{request.script_root}/graph/{quote(rest)}?format={f.name}")
    html = render_template("entity.html", page=builder.page(), title=builder.label(iri), alternates=downloads,
                           thing=iri, graph_size=int(size["triples"].value))
    return _conditional(Response(html, mimetype="text/html"), f"graph/{rest}|html")


@bp.get("/ontology")
def ontology_page():
    store, config = context.store(), context.config()
    fmt = context.wanted("graph", html="first")
    graph = context.iris().graph("ontology").value
    if fmt != HTML:
        return _conditional(_rdf((q.triple for q in store.quads(graph)), fmt), f"ontology|{fmt.name}")
    doc = ontology.build(store, config, entity.Names.of(store, config), _linker())
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
    if context.wanted("json", html="also") == HTML:
        return render_template("dumps.html", dumps=entries, title="Dumps")
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
    fmt = context.wanted("graph", html="also")
    d = void.current(config, store)
    triples = sorted(d.triples, key=lambda t: (t.subject != d.dataset, t.subject.value, t.predicate.value))
    if fmt == HTML:
        turtle = serialize(triples, format=RdfFormat.TURTLE, prefixes=DESCRIPTION_PREFIXES).decode()
        html = render_template("void.html", d=d, turtle=turtle, title="Dataset description",
                               names=entity.Names.of(store, config), linker=_linker())
        return _conditional(Response(html, mimetype="text/html"), "void|html")
    body = write_graph(fmt, triples, DESCRIPTION_PREFIXES)
    return _conditional(Response(body, mimetype=fmt.media_type), f"void|{fmt.name}")
