"""The OpenAPI 3 document of the saved queries: one GET operation per query, its parameters typed.

Generic API tools (Swagger UI, client generators, schemathesis) read it from /openapi.json."""
from __future__ import annotations

from ..query.results import FORMATS
from ..query.saved import MAX_PAGE, MIN_TIMEOUT, Param, SavedQuery
from ..vocab import TOPIC_NS

TERM = {"type": "object", "required": ["type", "value"],
        "properties": {"type": {"type": "string", "enum": ["uri", "literal", "bnode", "triple"]},
                       "value": {}, "xml:lang": {"type": "string"}, "datatype": {"type": "string"}}}
RESULTS = {"type": "object", "required": ["head"],
           "properties": {"head": {"type": "object", "properties": {"vars": {"type": "array", "items": {"type": "string"}}}},
                          "results": {"type": "object", "required": ["bindings"], "properties": {
                              "bindings": {"type": "array", "items": {
                                  "type": "object", "additionalProperties": {"$ref": "#/components/schemas/RdfTerm"}}}}},
                          "boolean": {"type": "boolean"}}}
TEXT = {"type": "string"}
CATALOGUE = {"type": "object", "required": ["queries"], "properties": {
    "queries": {"type": "array", "items": {"type": "object", "required": ["name", "title", "description", "url"],
                                           "properties": {"name": TEXT, "title": TEXT, "description": TEXT,
                                                          "url": {"type": "string", "format": "uri"}}}},
    "openapi": {"type": "string", "format": "uri"}}}
# Errors are a plain sentence; a browser (format=html) gets it inside the query's page.
PROBLEM = {"description": "", "content": {"text/plain": {"schema": TEXT}, "text/html": {"schema": TEXT}}}
ERRORS = {
    "BadRequest": "A parameter is missing, unknown or not of its type; the message names it.",
    "Forbidden": "The query calls a SERVICE endpoint that this server does not allow; the message says how to "
                 "allow it (KG_SERVICE_ALLOWLIST).",
    "BadGateway": "The other service a federated query calls failed or could not be reached.",
    "NotAcceptable": "No format of this kind of result matches the Accept header or the `format` parameter.",
    "Unavailable": "The query ran past its time limit, or the store is being replaced; try again.",
}


def _schema(p: Param, topics: list[str]) -> dict:
    if p.type == "iri":
        schema = {"type": "string", "format": "uri"}
    elif p.type == "langstring":
        schema = {"type": "string", "pattern": r"^[^@]*@[A-Za-z]{2,3}(-[A-Za-z]{2})?$"}
    elif p.type == "date":
        schema = {"type": "string", "anyOf": [{"format": "date"}, {"pattern": r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"}]}
    elif p.type == "integer":
        schema = {"type": "integer", "format": "int64", "minimum": -(10**18 - 1), "maximum": 10**18 - 1}
    elif p.type == "topic":
        schema = {"type": "string", **({"enum": topics + [TOPIC_NS + t for t in topics]} if topics else {})}
    else:
        schema = {"type": "string", **({"enum": list(p.enum)} if p.enum else {})}
    if p.default is not None:
        schema["default"] = int(p.default) if p.type == "integer" else p.default
    return schema


HOW = {"iri": "A full IRI, or a path relative to the base IRI ({base}).",
       "string": "Text.", "langstring": "Text and its language as text@language, e.g. Perú@es.",
       "date": "A date YYYY-MM-DD, a month YYYY-MM or a year YYYY.", "integer": "An integer.",
       "topic": "A topic of the topic scheme: its id (migration) or its IRI."}


def _parameter(p: Param, topics: list[str], base_iri: str) -> dict:
    out = {"name": p.name, "in": "query", "required": not p.optional,
           "description": " ".join(filter(None, [p.description, HOW[p.type].format(base=base_iri)])),
           "schema": _schema(p, topics)}
    if p.example is not None:
        out["example"] = int(p.example) if p.type == "integer" else p.example
    return out


def _operation(q: SavedQuery, topics: list[str], base_iri: str) -> dict:
    formats = [f for f in FORMATS if f.kind == q.kind]
    params = [_parameter(p, topics, base_iri) for p in q.params]
    params.append({"name": "format", "in": "query", "required": False,
                   "description": "The result format; overrides the Accept header. `html` is a page for people.",
                   "schema": {"type": "string", "enum": [f.name for f in formats] + ["html"]}})
    if q.pagination:
        params.append({"name": "page", "in": "query", "required": False,
                       "description": f"The page of {q.pagination} rows to answer (CSV and TSV carry every row).",
                       "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}})
    params.append({"name": "timeout", "in": "query", "required": False,
                   "description": "Seconds the query may run, to lower the server's limit (never to raise it).",
                   "schema": {"type": "number", "minimum": MIN_TIMEOUT}})
    content = {f.media_type: {"schema": {"$ref": "#/components/schemas/SparqlResults"} if f.name == "json" else {}}
               for f in formats}
    content["text/html"] = {"schema": TEXT}
    ok = {"description": "The results" + (f", one page of {q.pagination} rows at a time" if q.pagination else ""),
          "content": content}
    if q.pagination:
        ok["headers"] = {"Link": {"description": 'The first, previous, next and last pages (rel="first"…).',
                                  "schema": TEXT}}
    columns = f" Columns: {', '.join(q.variables)}." if q.variables else ""
    calls = (f" Federated: calls {q.service}, which this server reaches only when KG_SERVICE_ALLOWLIST lists it "
             "(else 403, saying so; 502 when it cannot be reached)." if q.federated else "")
    federated = {"x-federated-service": q.service} if q.federated else {}
    return {"operationId": q.name.replace("-", "_"), "summary": q.title, "description": q.description + columns + calls,
            **federated,
            "tags": ["saved queries"], "parameters": params,
            "responses": {"200": ok, "400": {"$ref": "#/components/responses/BadRequest"},
                          "403": {"$ref": "#/components/responses/Forbidden"},
                          "406": {"$ref": "#/components/responses/NotAcceptable"},
                          **({"502": {"$ref": "#/components/responses/BadGateway"}} if q.federated else {}),
                          "503": {"$ref": "#/components/responses/Unavailable"}}}


def document(queries: list[SavedQuery], server: str, topics: list[str], base_iri: str) -> dict:
    paths = {"/queries": {"get": {
        "operationId": "catalogue", "summary": "The catalogue of saved queries", "tags": ["catalogue"],
        "parameters": [{"name": "format", "in": "query", "required": False,
                        "schema": {"type": "string", "enum": ["json", "html"]}}],
        "responses": {"200": {"description": "Every saved query with its parameters",
                              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Catalogue"}},
                                          "text/html": {"schema": TEXT}}},
                      "400": {"$ref": "#/components/responses/BadRequest"}}}}}
    for q in queries:
        paths[f"/queries/{q.name}"] = {"get": _operation(q, topics, base_iri)}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Diplomatic relations knowledge graph (Peru – United States): saved queries",
                 "version": "1.0.0",
                 "description": "Ready-made SPARQL queries over the graph, called with typed URL parameters that are "
                                "bound as RDF terms. Results negotiate their format like the /sparql endpoint."},
        "servers": [{"url": server}],
        "tags": [{"name": "catalogue"}, {"name": "saved queries"}],
        "paths": paths,
        "components": {
            "schemas": {"SparqlResults": RESULTS, "RdfTerm": TERM, "Catalogue": CATALOGUE},
            "responses": {name: {**PROBLEM, "description": text} for name, text in ERRORS.items()},
        },
    }
