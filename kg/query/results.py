"""Query results in the formats SPARQL clients expect, chosen by content negotiation.

SELECT results are serialised by pyoxigraph when they fit under the result-size cap (native code,
several times faster than writing term by term); the writers here (JSON, XML, CSV, TSV as the W3C
specifications define them) cut a result at the cap, and write ASK results and results of other
stores. Graph results (CONSTRUCT, DESCRIBE) stream through pyoxigraph's RDF serialisers, counted
and cut on the way."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)

from ..errors import ClientError
from .wellformed import check_xml

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    name: str          # the value of the `format` parameter
    media_type: str
    kind: str          # "solutions" (SELECT, ASK) or "graph" (CONSTRUCT, DESCRIBE)
    extension: str
    aliases: tuple[str, ...] = ()


FORMATS = [
    Format("json", "application/sparql-results+json", "solutions", "srj", ("application/json", "srj")),
    Format("xml", "application/sparql-results+xml", "solutions", "srx", ("application/xml", "text/xml", "srx")),
    Format("csv", "text/csv", "solutions", "csv"),
    Format("tsv", "text/tab-separated-values", "solutions", "tsv"),
    Format("turtle", "text/turtle", "graph", "ttl", ("ttl", "application/x-turtle", "n3", "text/n3")),  # N3: what SPARQLWrapper asks
    Format("ntriples", "application/n-triples", "graph", "nt", ("nt", "n-triples", "text/plain")),
    Format("jsonld", "application/ld+json", "graph", "jsonld", ("json-ld", "json", "application/json")),
    Format("rdfxml", "application/rdf+xml", "graph", "rdf", ("rdf", "xml", "rdf-xml", "application/xml", "text/xml")),
    Format("trig", "application/trig", "graph", "trig"),
    Format("nquads", "application/n-quads", "graph", "nq", ("nq", "n-quads")),
    Format("json", "application/json", "json", "json"),   # documents about the service (catalogues, lists)
]
HTML = Format("html", "text/html", "html", "html", ("application/xhtml+xml",))
RESULTS_FORMATS = {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML, "csv": QueryResultsFormat.CSV,
                   "tsv": QueryResultsFormat.TSV}
RDF_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
               "rdfxml": RdfFormat.RDF_XML, "trig": RdfFormat.TRIG, "nquads": RdfFormat.N_QUADS}
DEFAULTS = {"solutions": "json", "graph": "turtle", "json": "json"}


def _matches(f: Format, key: str) -> bool:
    return key in (f.name, f.media_type, f.extension, *f.aliases)


def by_name(name: str, kind: str) -> Format | None:
    """The format of this kind that a `format` value names (a short name, an extension or a media type)."""
    key = name.strip().lower()
    return next((f for f in FORMATS if f.kind == kind and _matches(f, key)), None)


def known(name: str) -> bool:
    """Whether `name` names a format of any kind of result."""
    key = name.strip().lower()
    return any(_matches(f, key) for f in FORMATS)


def _accept(header: str) -> list[str]:
    """The media ranges of an Accept header, best first (by q, then by order); q=0 left out."""
    out = []
    for i, part in enumerate(header.split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        out.append((bits[0].lower(), q, -i))
    return [m for m, q, _ in sorted(out, key=lambda x: (x[1], x[2]), reverse=True) if q > 0]


@lru_cache(maxsize=512)   # clients send the same few Accept headers again and again
def negotiate(kind: str, accept: str | None = None, format: str | None = None, html: str | None = None) -> Format:
    """The one content negotiation of the app: the format to answer a request with.

    `kind` is the kind of data ("solutions" for SELECT and ASK, "graph" for RDF, "json" for the
    service's own lists); `html` says whether a
    page is offered too: "first" (a page is the default representation, as for an entity), "also"
    (offered, but data is the default, as for an API) or None. One policy everywhere: a `format`
    parameter wins over Accept, and one naming no format is a 400, one naming a format of another
    kind a 406; Accept is read best first, and when it names nothing offered the default is sent
    (HTTP allows either; clients often send one Accept for every query form)."""
    offers = [f for f in FORMATS if f.kind == kind]
    default = HTML if html == "first" else by_name(DEFAULTS[kind], kind)
    if html:
        offers = [HTML, *offers] if html == "first" else [*offers, HTML]
    if format:
        key = format.strip().lower()
        chosen = next((f for f in offers if _matches(f, key)), None)
        if chosen:
            return chosen
        names = ", ".join(f.name for f in offers)
        if known(key):
            raise ClientError(406, f"{format!r} cannot carry this result (one of: {names})", "parameter 'format'")
        raise ClientError(400, f"{format!r} is not a format this server writes (one of: {names}, or a media type)",
                          "parameter 'format'")
    for media in _accept(accept or ""):
        if media in ("*/*", "application/*"):
            return default
        if media.endswith("/*"):  # text/*: the default if it is one, else the first offer of that type
            major = media[:-1]
            return default if default.media_type.startswith(major) else \
                next((f for f in offers if f.media_type.startswith(major)), default)
        chosen = next((f for f in offers if media == f.media_type or media in f.aliases), None)
        if chosen:
            return chosen
    return default


# ---------------------------------------------------------------- SELECT / ASK writers

def _json_term(t) -> dict:
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, Triple):
        return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                            "object": _json_term(t.object)}}
    raise TypeError(t)


def _xml_term(t) -> str:
    if isinstance(t, NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    if isinstance(t, Triple):
        return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate>"
                f"<object>{_xml_term(t.object)}</object></triple>")
    raise TypeError(t)


def _csv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, BlankNode):
        return "_:" + t.value
    if isinstance(t, Triple):
        return str(t)
    return t.value


def _tsv_term(t) -> str:
    return "" if t is None else str(t)  # pyoxigraph prints terms in N-Triples/Turtle syntax


def write_solutions(fmt: Format, variables: list[str], rows: list[list]) -> bytes:
    if fmt.name == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},   # compact, as pyoxigraph's
                          ensure_ascii=False, separators=(",", ":")).encode()
    if fmt.name == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row) if t is not None]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode()
    if fmt.name == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        w.writerows([_csv_term(t) for t in row] for row in rows)
        return buf.getvalue().encode()
    if fmt.name == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"{fmt.name} cannot carry solutions")


def write_boolean(fmt: Format, value: bool) -> bytes:
    if fmt.name == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt.name == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if fmt.name in ("csv", "tsv"):
        return f"{'_askResult' if fmt.name == 'csv' else '?_askResult'}\n{'true' if value else 'false'}\n".encode()
    raise ValueError(f"{fmt.name} cannot carry a boolean")


def write_graph(fmt: Format, triples, prefixes: dict[str, str] | None = None) -> bytes:
    rdf_format = RDF_FORMATS[fmt.name]
    if fmt.name in ("trig", "nquads"):
        triples = (Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples)
    kwargs = {"prefixes": prefixes} if prefixes and fmt.name in ("turtle", "trig", "rdfxml") else {}
    return serialize(triples, format=rdf_format, **kwargs) or b""


# ---------------------------------------------------------------- native SELECT serialisation

NATIVE_BYTES = 64 << 20   # a natively serialised SELECT result larger than this is written again, cut


class _Bounded(io.RawIOBase):
    """A byte sink for pyoxigraph's serialisers that refuses to grow past `limit` bytes."""

    def __init__(self, limit: int):
        self.buffer, self.limit, self.overflowed = bytearray(), limit, False

    def writable(self) -> bool:
        return True

    def write(self, chunk) -> int:
        if len(self.buffer) + len(chunk) > self.limit:
            self.overflowed = True
            raise OSError("the result is too large to serialise at once")
        self.buffer += chunk
        return len(chunk)


def count_solutions(fmt: Format, body: bytes) -> int:
    """The rows of a serialised SELECT result."""
    if fmt.name == "tsv":   # terms are written in N-Triples syntax: a line break is always escaped
        return body.count(b"\n") - 1
    if fmt.name == "xml":   # '<' is always escaped inside values
        return body.count(b"<result>")
    if fmt.name == "csv":
        return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8"), newline=""))) - 1
    if b"{}" not in body:
        # pyoxigraph writes JSON compactly, and a '"' inside a string is always escaped: '[{"' and
        # ',{"' then only ever open a solution (a term object follows a ':'). A solution with no
        # binding ('{}') has no such mark: those few results are parsed to be counted.
        return body.count(b'[{"') + body.count(b',{"')
    return sum(1 for _ in parse_query_results(body, format=RESULTS_FORMATS[fmt.name]))


def native_solutions(result, fmt: Format, cap: int) -> Outcome | None:
    """The SELECT result serialised by pyoxigraph, or None if it holds more than `cap` rows (or is
    too large to hold at once): then it must be written again, cut."""
    sink = _Bounded(NATIVE_BYTES)
    try:
        result.serialize(sink, format=RESULTS_FORMATS[fmt.name])
    except OSError:
        if sink.overflowed:
            return None
        raise   # an evaluation error met while streaming (a SERVICE that failed…)
    body = bytes(sink.buffer)
    rows = count_solutions(fmt, body)
    return Outcome("select", fmt, body, rows, False) if rows <= cap else None


# ---------------------------------------------------------------- one entry point

@dataclass
class Outcome:
    kind: str            # "select", "ask" or "graph"
    format: Format
    body: bytes
    count: int           # rows or triples written
    truncated: bool      # the result-size cap was hit


def kind_of(result) -> str:
    from pyoxigraph import QueryBoolean

    if isinstance(result, QueryBoolean):
        return "ask"
    if hasattr(result, "variables"):   # pyoxigraph's solutions, or a remote store's answer read whole
        return "select"
    return "graph"


def _graph(result, fmt: Format, cap: float, prefixes: dict[str, str] | None) -> Outcome:
    """Triples streamed into pyoxigraph's serialiser, counted on the way and cut at the cap."""
    triples = iter(result)
    written = 0

    def counted():
        nonlocal written
        for t in triples if cap == float("inf") else islice(triples, int(cap)):
            written += 1
            yield t

    body = write_graph(fmt, counted(), prefixes)
    truncated = cap != float("inf") and next(triples, None) is not None
    return Outcome("graph", fmt, body, written, truncated)


def render(result, *, accept: str | None = None, format: str | None = None, max_results: int | None = None,
           prefixes: dict[str, str] | None = None, again=None) -> Outcome:
    """Serialise a pyoxigraph result in the negotiated format, cut at `max_results`; never an XML
    answer that is not well-formed.

    `again`, when given, evaluates the same query anew: a SELECT result is then serialised natively
    first, and written here, cut, only if it turned out to exceed the cap."""
    outcome = _render(result, accept=accept, format=format, max_results=max_results, prefixes=prefixes, again=again)
    check_xml(outcome.format.name, outcome.body)
    return outcome


def _render(result, *, accept, format, max_results, prefixes, again) -> Outcome:
    kind = kind_of(result)
    fmt = negotiate("graph" if kind == "graph" else "solutions", accept, format)
    if kind == "ask":
        return Outcome(kind, fmt, write_boolean(fmt, bool(result)), 1, False)
    cap = max_results if max_results is not None else float("inf")
    if kind == "graph":
        return _graph(result, fmt, cap, prefixes)
    if again is not None:
        native = native_solutions(result, fmt, cap)
        if native is not None:
            return native
        result = again()
    items = list(islice(iter(result), int(cap) + 1)) if cap != float("inf") else list(result)
    truncated = len(items) > cap
    if truncated:
        items = items[: int(cap)]
    variables = [v.value for v in result.variables]
    rows = [[s[v] for v in variables] for s in items]
    return Outcome(kind, fmt, write_solutions(fmt, variables, rows), len(rows), truncated)
