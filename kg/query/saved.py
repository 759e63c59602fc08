"""Saved queries: SPARQL files with typed parameters, browsed as a catalogue and run as an API.

Each `queries/NAME.rq` opens with a grlc-style header of `#+ ` lines holding YAML (title,
description, params, pagination; see queries/README.md). A parameter's value is parsed by its
type and bound as an RDF term through pyoxigraph's `substitutions`: it is never pasted into the
query text, so no value can change what the query means. The query text is read with the
project's SPARQL lexer, so that comments, strings and IRIs never pass for keywords."""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from .. import yamlfile
from ..config import DEFAULT_BASE_IRI, WIKIDATA_SPARQL, Config
from ..errors import ClientError, InputError
from ..vocab import PREFIXES
from . import params
from .lexer import Token, significant
from .params import RESERVED, TYPES, Param, term
from .results import Outcome, negotiate
from .run import requested_timeout
from .run import run as run_query

log = logging.getLogger(__name__)

DOWNLOADS = ("csv", "tsv")                 # formats that always carry every row
MAX_PAGE = 1_000_000
MIN_TIMEOUT = 1.0   # saved queries are cheap: a shorter limit would only turn answers into timeouts
FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    pagination: int | None
    sparql: str                   # the query text after the header
    form: str                     # select, construct, describe or ask
    path: Path
    variables: tuple[str, ...] = ()   # a SELECT's projection as written (empty for SELECT *)
    group: str | None = None          # the column whose rows are one fact, gathered into one row for a reader
    service: str | None = None        # the endpoint of another service the query calls (SERVICE), if any

    @property
    def federated(self) -> bool:
        return self.service is not None

    @property
    def kind(self) -> str:
        """The kind of result formats it answers with (see results.py)."""
        return "graph" if self.form in ("construct", "describe") else "solutions"


# ---------------------------------------------------------------- reading the query text

def _form(toks: list[Token]) -> int | None:
    """The index of the query form's keyword (SELECT, CONSTRUCT…), after the prologue."""
    return next((i for i, t in enumerate(toks) if t.keyword in FORMS), None)


def _projection(toks: list[Token], at: int) -> tuple[str, ...]:
    """The variables a SELECT projects: bare ones, and the names given by `(expression AS ?name)`."""
    out, depth = [], 0
    for prev, t in zip(toks[at:], toks[at + 1:]):
        if t.text == "{" or (depth == 0 and t.keyword == "WHERE"):
            break
        depth += {"(": 1, ")": -1}.get(t.text, 0) if t.kind == "punct" else 0
        if t.kind == "var" and (depth == 0 or prev.keyword == "AS"):
            out.append(t.text[1:])
    return tuple(dict.fromkeys(out))


def _ends_with_limit(toks: list[Token]) -> bool:
    """Whether the query ends with its own LIMIT and/or OFFSET."""
    tail = [t.keyword or t.kind for t in toks[-4:]]
    return tail[-2:] in (["LIMIT", "number"], ["OFFSET", "number"])


def prologue_end(sparql: str) -> int:
    """The offset where the query's prologue (BASE and PREFIX declarations) ends."""
    toks = list(significant(sparql, punctuation=True))
    at = _form(toks)
    return toks[at].start if at is not None else 0


# ---------------------------------------------------------------- reading the catalogue

def parse(path: Path, base_iri: str = DEFAULT_BASE_IRI) -> SavedQuery:
    """A saved query file, checked; InputError names the file and what is wrong."""
    path = Path(path)
    name = path.stem
    if not _NAME.match(name):
        raise InputError(path, "a saved query's file name must be lower-case letters, digits and hyphens")
    text = path.read_text(encoding="utf-8")
    header, body = [], []
    for line in text.splitlines():
        if not body and line.startswith("#+"):
            header.append(line[3:] if line.startswith("#+ ") else line[2:])
        else:
            body.append(line)
    try:
        meta = yamlfile.loads("\n".join(header)) or {}
    except yaml.YAMLError as exc:
        raise InputError(path, f"the #+ header is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise InputError(path, "the #+ header must be a YAML mapping (title:, description:, params:…)")
    unknown = set(meta) - {"title", "description", "params", "pagination", "group", "federated"}
    if unknown:
        raise InputError(path, f"unknown header key(s): {', '.join(sorted(unknown))}")
    for key in ("title", "description"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise InputError(path, f"the header needs a `{key}`")
    sparql = "\n".join(body).strip() + "\n"
    toks = list(significant(sparql, punctuation=True))
    at = _form(toks)
    if at is None:
        raise InputError(path, "no SELECT, CONSTRUCT, DESCRIBE or ASK in the query")
    form = toks[at].keyword.lower()
    pagination = meta.get("pagination")
    if pagination is not None and (not isinstance(pagination, int) or isinstance(pagination, bool) or pagination < 1):
        raise InputError(path, "`pagination` must be a positive integer (rows per page)")
    if pagination and _ends_with_limit(toks):
        raise InputError(path, "a paginated query must not end with its own LIMIT/OFFSET")
    variables = {t.text[1:] for t in toks if t.kind == "var"}
    projection = _projection(toks, at) if form == "select" else ()
    group = meta.get("group")
    if group is not None and (not isinstance(group, str) or group not in projection):
        raise InputError(path, "`group` must name a column of the SELECT (the fact each row is about)")
    service = meta.get("federated")
    services = [t.text[1:-1] for prev, t in zip(toks, toks[1:]) if prev.keyword in ("SERVICE", "SILENT") and t.kind == "iri"]
    if service is not None and service not in services:
        raise InputError(path, f"`federated` names {service!r}, which the query's SERVICE clauses do not call")
    if services and service is None:
        raise InputError(path, f"the query calls {services[0]}: say so with `federated:` in the header")
    query = SavedQuery(name, meta["title"].strip(), " ".join(meta["description"].split()),
                       _params(path, meta.get("params") or {}, variables, base_iri), pagination, sparql, form, path,
                       projection, group, service)
    for p in query.params:
        if query.form == "select" and query.variables and p.name not in query.variables:
            # pyoxigraph substitutes only variables of a SELECT's projection.
            raise InputError(path, f"parameter {p.name!r}: ?{p.name} must be in the SELECT projection")
    return query


def _params(path: Path, raw, variables: set[str], base_iri: str) -> tuple[Param, ...]:
    if not isinstance(raw, dict):
        raise InputError(path, "`params` must map each parameter name to {type:, default:, example:, description:}")
    out = []
    for name, spec in raw.items():
        where = f"parameter {name!r}"
        if not isinstance(spec, dict):
            raise InputError(path, f"{where} must be a mapping such as {{type: iri, example: …}}")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(name)) or name in RESERVED:
            raise InputError(path, f"{where}: a name must be a SPARQL variable name and not one of {RESERVED}")
        if name not in variables:
            raise InputError(path, f"{where}: the query has no variable ?{name} to bind")
        extra = set(spec) - {"type", "default", "example", "description", "required", "enum"}
        if extra:
            raise InputError(path, f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        if spec.get("type") not in TYPES:
            raise InputError(path, f"{where}: type must be one of {', '.join(TYPES)}")
        enum = tuple(str(v) for v in spec.get("enum") or ())
        if enum and spec["type"] != "string":
            raise InputError(path, f"{where}: only a string parameter may have an enum")
        p = Param(name, spec["type"], " ".join(str(spec.get("description") or "").split()),
                  None if spec.get("default") is None else str(spec["default"]),
                  None if spec.get("example") is None else str(spec["example"]),
                  bool(spec.get("required", True)), enum)
        for key in ("default", "example"):
            value = getattr(p, key)
            if value is not None:
                try:
                    term(p, value, base_iri, topics=None)
                except ClientError as exc:
                    raise InputError(path, f"its {key} is invalid: {exc.message}") from None
        out.append(p)
    return tuple(out)


@lru_cache(maxsize=8)
def _catalogue(queries_dir: str, base_iri: str, stamp: tuple) -> dict[str, SavedQuery]:
    found = {}
    for path in sorted(Path(queries_dir).glob("*.rq")):
        try:
            q = parse(path, base_iri)
        except InputError as exc:
            log.warning("saved query skipped: %s", exc)
            continue
        found[q.name] = q
    return found


def catalogue(config: Config) -> dict[str, SavedQuery]:
    """Every well-formed saved query by name (malformed files are logged and left out)."""
    d = Path(config.queries_dir)
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(d.glob("*.rq"))) if d.is_dir() else ()
    return _catalogue(str(d), config.base_iri, stamp)


def get(config: Config, name: str) -> SavedQuery:
    queries = catalogue(config)
    if name not in queries:
        raise ClientError(404, f"no saved query named {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


def bind(query: SavedQuery, values: dict[str, list[str]], config: Config) -> dict:
    """Substitutions for the query from request values ({name: [values]}); ClientError (400) if one is wrong."""
    return params.bind(query.params, values, config, query.name)


# ---------------------------------------------------------------- running

@dataclass(frozen=True)
class Page:
    number: int
    size: int
    has_next: bool
    last: int | None    # known when cheap: this page is the last, or the rows were counted


def page_number(raw: str | None) -> int:
    if raw in (None, ""):
        return 1
    if not re.fullmatch(r"\d{1,7}", raw.strip()) or not 1 <= int(raw) <= MAX_PAGE:
        raise ClientError(400, f"expected a page number from 1 to {MAX_PAGE}", "parameter 'page'")
    return int(raw)


def timeout_seconds(raw: str | None, config: Config) -> float:
    """A request may lower the time limit, never raise it."""
    if raw in (None, ""):
        return config.query_timeout
    return min(requested_timeout(raw, MIN_TIMEOUT), config.query_timeout)


def text_of(config: Config, query: SavedQuery) -> str:
    """The text to run: a Wikidata SERVICE is pointed at the configured endpoint."""
    return config.federated(query.sparql)


def service_endpoint(config: Config, query: SavedQuery) -> str | None:
    """Where the query's SERVICE goes on this server (Wikidata's may be pointed at a mirror)."""
    return config.wikidata_endpoint if query.service == WIKIDATA_SPARQL else query.service


def check_service(config: Config, query: SavedQuery) -> None:
    """A federated query on a server that does not call its service: a 403 that says how to enable it."""
    endpoint = service_endpoint(config, query)
    if endpoint and endpoint not in config.service_allowlist:
        raise ClientError(403, f"saved query {query.name!r} calls another service, {endpoint}, and this server "
                               "calls no other service unless told to: its administrator enables it by listing "
                               f"the endpoint in KG_SERVICE_ALLOWLIST (for example KG_SERVICE_ALLOWLIST={endpoint}) "
                               "and restarting the server")


def run(config: Config, query: SavedQuery, values: dict[str, list[str]], *, accept: str | None = None,
        format: str | None = None, page: int = 1, timeout: float | None = None) -> tuple[Outcome, Page | None]:
    """Run a saved query; a paginated SELECT answers one page unless a download (CSV, TSV) is asked for."""
    check_service(config, query)
    subs = bind(query, values, config)
    fmt = negotiate(query.kind, accept, format)
    sparql = text_of(config, query)
    kwargs = dict(format=fmt.name, substitutions=subs, timeout=timeout, prefixes=PREFIXES)
    if not query.pagination or query.form != "select":
        if page != 1:
            raise ClientError(400, f"query {query.name!r} is not paged: it answers every row at once", "parameter 'page'")
        return run_query(config, sparql, **kwargs), None
    if fmt.name in DOWNLOADS:
        return run_query(config, sparql, **kwargs), None
    size = min(query.pagination, config.max_results)
    # One row more than a page tells whether a next page exists; LIMIT and OFFSET are our integers.
    outcome = run_query(config, f"{sparql}LIMIT {size + 1} OFFSET {(page - 1) * size}\n", max_results=size, **kwargs)
    has_next = outcome.truncated
    last = page if outcome.count and not has_next else _last_page(config, sparql, subs, size, timeout)
    return replace(outcome, truncated=False), Page(page, size, has_next, last)


def _last_page(config: Config, sparql: str, subs: dict, size: int, timeout: float | None) -> int:
    """The number of the last page, from a COUNT of the query's rows (the query as a subquery)."""
    at = prologue_end(sparql)
    prologue, body = sparql[:at], sparql[at:]
    bound = " ".join(str(v) for v in subs)  # substituted variables must stay in the projection
    count = (f"{prologue}SELECT {bound} (COUNT(*) AS ?_rows) WHERE {{\n{{\n{body}}}\n}}"
             + (f" GROUP BY {bound}\n" if bound else "\n"))
    outcome = run_query(config, count, format="json", substitutions=subs, timeout=timeout)
    rows = json.loads(outcome.body)["results"]["bindings"]
    total = int(rows[0]["_rows"]["value"]) if rows else 0
    return max(1, -(-total // size))
