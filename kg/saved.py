"""Saved queries: SPARQL files with typed parameters, browsed as a catalogue and run as an API.

Each `queries/NAME.rq` opens with a grlc-style header of `#+ ` lines holding YAML (title,
description, params, pagination; see queries/README.md). A parameter's value is parsed by its
type and bound as an RDF term through pyoxigraph's `substitutions`: it is never pasted into the
query text, so no value can change what the query means."""
from __future__ import annotations

import json
import logging
import re
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from . import execute, params, yamlfile
from .config import Config
from .graph import PREFIXES
from .describe import curie
from .params import RESERVED, TYPES, Param, ParameterError, term
from .results import Outcome, negotiate

log = logging.getLogger(__name__)

DOWNLOADS = ("csv", "tsv")                 # formats that always carry every row
MAX_PAGE = 1_000_000
MIN_TIMEOUT = 1.0   # saved queries are cheap: a shorter limit would only turn answers into timeouts
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FORM = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.IGNORECASE)
_PROJECTION = re.compile(r"\bSELECT\b(.*?)(?:\bWHERE\b|\{)", re.IGNORECASE | re.DOTALL)
_OWN_LIMIT = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*(?:(?:LIMIT|OFFSET)\s+\d+\s*)?$", re.IGNORECASE)


class CatalogueError(Exception):
    """A saved query file is malformed: names the file and what is wrong."""

    def __init__(self, path: Path, message: str):
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


class UnknownQuery(LookupError):
    def __init__(self, name: str, known: list[str]):
        super().__init__(f"no saved query named {name!r}; known: {', '.join(known)}")
        self.name = name


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

    @property
    def kind(self) -> str:
        """The kind of result formats it answers with (see kg.results)."""
        return "graph" if self.form in ("construct", "describe") else "solutions"

    @property
    def variables(self) -> list[str]:
        """The projected variables of a SELECT, as far as the text shows them ([] for SELECT *)."""
        m = _PROJECTION.search(self.sparql) if self.form == "select" else None
        if not m:
            return []
        head = re.sub(r"\((?:[^()]|\([^()]*\))*\bAS\s+[?$](\w+)\s*\)", r" ?\1 ", m.group(1), flags=re.IGNORECASE)
        return list(dict.fromkeys(re.findall(r"[?$](\w+)", head)))


# ---------------------------------------------------------------- reading the catalogue

def parse(path: Path) -> SavedQuery:
    path = Path(path)
    name = path.stem
    if not _NAME.match(name):
        raise CatalogueError(path, "a saved query's file name must be lower-case letters, digits and hyphens")
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
        raise CatalogueError(path, f"the #+ header is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise CatalogueError(path, "the #+ header must be a YAML mapping (title:, description:, params:…)")
    unknown = set(meta) - {"title", "description", "params", "pagination"}
    if unknown:
        raise CatalogueError(path, f"unknown header key(s): {', '.join(sorted(unknown))}")
    for key in ("title", "description"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise CatalogueError(path, f"the header needs a `{key}`")
    sparql = "\n".join(body).strip() + "\n"
    form = _FORM.search(re.sub(r"#[^\n]*", "", sparql))
    if not form:
        raise CatalogueError(path, "no SELECT, CONSTRUCT, DESCRIBE or ASK in the query")
    pagination = meta.get("pagination")
    if pagination is not None and (not isinstance(pagination, int) or isinstance(pagination, bool) or pagination < 1):
        raise CatalogueError(path, "`pagination` must be a positive integer (rows per page)")
    if pagination and _OWN_LIMIT.search(sparql):
        raise CatalogueError(path, "a paginated query must not end with its own LIMIT/OFFSET")
    query = SavedQuery(name, meta["title"].strip(), " ".join(meta["description"].split()),
                       _params(path, meta.get("params") or {}, sparql), pagination, sparql,
                       form.group(1).lower(), path)
    projected = query.variables
    for p in query.params:
        if query.form == "select" and projected and p.name not in projected:
            # pyoxigraph substitutes only variables of a SELECT's projection.
            raise CatalogueError(path, f"parameter {p.name!r}: ?{p.name} must be in the SELECT projection")
    return query


def _params(path: Path, raw, sparql: str) -> tuple[Param, ...]:
    if not isinstance(raw, dict):
        raise CatalogueError(path, "`params` must map each parameter name to {type:, default:, example:, description:}")
    out = []
    for name, spec in raw.items():
        where = f"parameter {name!r}"
        if not isinstance(spec, dict):
            raise CatalogueError(path, f"{where} must be a mapping such as {{type: iri, example: …}}")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(name)) or name in RESERVED:
            raise CatalogueError(path, f"{where}: a name must be a SPARQL variable name and not one of {RESERVED}")
        if not re.search(rf"[?$]{name}\b", sparql):
            raise CatalogueError(path, f"{where}: the query has no variable ?{name} to bind")
        extra = set(spec) - {"type", "default", "example", "description", "required", "enum"}
        if extra:
            raise CatalogueError(path, f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        if spec.get("type") not in TYPES:
            raise CatalogueError(path, f"{where}: type must be one of {', '.join(TYPES)}")
        enum = tuple(str(v) for v in spec.get("enum") or ())
        if enum and spec["type"] != "string":
            raise CatalogueError(path, f"{where}: only a string parameter may have an enum")
        p = Param(name, spec["type"], " ".join(str(spec.get("description") or "").split()),
                  None if spec.get("default") is None else str(spec["default"]),
                  None if spec.get("example") is None else str(spec["example"]),
                  bool(spec.get("required", True)), enum)
        for key in ("default", "example"):
            value = getattr(p, key)
            if value is not None:
                try:
                    term(p, value, "https://w3id.org/dipkg/", topics=None)
                except ParameterError as exc:
                    raise CatalogueError(path, f"{where}: its {key} is invalid: {exc.message}") from None
        out.append(p)
    return tuple(out)


@lru_cache(maxsize=8)
def _catalogue(queries_dir: str, stamp: tuple) -> dict[str, SavedQuery]:
    found = {}
    for path in sorted(Path(queries_dir).glob("*.rq")):
        try:
            q = parse(path)
        except CatalogueError as exc:
            log.warning("saved query skipped: %s", exc)
            continue
        found[q.name] = q
    return found


def catalogue(config: Config) -> dict[str, SavedQuery]:
    """Every well-formed saved query by name (malformed files are logged and left out)."""
    d = Path(config.queries_dir)
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(d.glob("*.rq"))) if d.is_dir() else ()
    return _catalogue(str(d), stamp)


def get(config: Config, name: str) -> SavedQuery:
    queries = catalogue(config)
    if name not in queries:
        raise UnknownQuery(name, sorted(queries))
    return queries[name]


def bind(query: SavedQuery, values: dict[str, list[str]], config: Config) -> dict:
    """Substitutions for the query from request values ({name: [values]}), or a ParameterError."""
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
        raise ParameterError("page", f"expected a page number from 1 to {MAX_PAGE}")
    return int(raw)


def timeout_seconds(raw: str | None, config: Config) -> float:
    """A request may lower the time limit, never raise it."""
    if raw in (None, ""):
        return config.query_timeout
    try:
        return min(execute.requested_timeout(raw, MIN_TIMEOUT), config.query_timeout)
    except ValueError as exc:
        raise ParameterError("timeout", str(exc)) from None


def text_of(config: Config, query: SavedQuery) -> str:
    """The text to run: a Wikidata SERVICE is pointed at the configured endpoint."""
    return config.federated(query.sparql)


def run(config: Config, query: SavedQuery, values: dict[str, list[str]], *, accept: str | None = None,
        format: str | None = None, page: int = 1, timeout: float | None = None) -> tuple[Outcome, Page | None]:
    """Run a saved query; a paginated SELECT answers one page unless a download (CSV, TSV) is asked for."""
    subs = bind(query, values, config)
    try:
        fmt = negotiate(query.kind, accept, format)
    except ValueError as exc:
        raise execute.QueryRejected(str(exc), 406) from None
    sparql = text_of(config, query)
    kwargs = dict(format=fmt.name, substitutions=subs, timeout=timeout, prefixes=PREFIXES)
    if not query.pagination or query.form != "select":
        if page != 1:
            raise ParameterError("page", f"query {query.name!r} is not paged: it answers every row at once")
        return execute.run(config, sparql, **kwargs), None
    if fmt.name in DOWNLOADS:
        return execute.run(config, sparql, **kwargs), None
    size = min(query.pagination, config.max_results)
    # One row more than a page tells whether a next page exists; LIMIT and OFFSET are our integers.
    outcome = execute.run(config, f"{sparql}LIMIT {size + 1} OFFSET {(page - 1) * size}\n", max_results=size, **kwargs)
    has_next = outcome.truncated
    last = page if outcome.count and not has_next else _last_page(config, sparql, subs, size, timeout)
    return replace(outcome, truncated=False), Page(page, size, has_next, last)


_PROLOGUE = re.compile(r"((?:\s|#[^\n]*|PREFIX\s+[^:\s]*:\s*<[^>]*>|BASE\s*<[^>]*>)*)(.*)", re.IGNORECASE | re.DOTALL)


def _last_page(config: Config, sparql: str, subs: dict, size: int, timeout: float | None) -> int:
    """The number of the last page, from a COUNT of the query's rows (the query as a subquery)."""
    prologue, body = _PROLOGUE.match(sparql).groups()
    bound = " ".join(str(v) for v in subs)  # substituted variables must stay in the projection
    count = (f"{prologue}SELECT {bound} (COUNT(*) AS ?_rows) WHERE {{\n{{\n{body}}}\n}}"
             + (f" GROUP BY {bound}\n" if bound else "\n"))
    outcome = execute.run(config, count, format="json", substitutions=subs, timeout=timeout)
    rows = json.loads(outcome.body)["results"]["bindings"]
    total = int(rows[0]["_rows"]["value"]) if rows else 0
    return max(1, -(-total // size))


# ---------------------------------------------------------------- kg query

# What each --format means for each kind of result (a table of triples is their Turtle).
CLI_FORMATS = {"solutions": {"table": "json", "csv": "csv", "json": "json"},
               "graph": {"table": "turtle", "csv": "ntriples", "json": "jsonld"}}


def cli_query(config: Config, args) -> int:
    """`kg query NAME [--param k=v ...] [--format table|csv|json]`: every row, on the local store."""
    from .errors import InputError

    values: dict[str, list[str]] = {}
    for item in args.param:
        key, eq, value = item.partition("=")
        if not eq or not key:
            print(f"kg query: error: --param {item!r} is not of the form name=value", file=sys.stderr)
            return 2
        values.setdefault(key.strip(), []).append(value)
    try:
        query = get(config, args.name)
        subs = bind(query, values, config)
        fmt = CLI_FORMATS[query.kind][args.format]
        outcome = execute.run(config, text_of(config, query), format=fmt, substitutions=subs, prefixes=PREFIXES)
    except (UnknownQuery, ParameterError) as exc:
        print(f"kg query: error: {exc.args[0]}", file=sys.stderr)
        return 2
    except (execute.QueryRejected, execute.QueryTimeout, InputError) as exc:
        print(f"kg query: error: {exc}", file=sys.stderr)
        return 1
    if args.format == "table" and outcome.kind == "select":
        sys.stdout.write(table(json.loads(outcome.body), config.base_iri))
        print(f"({outcome.count} row{'s' if outcome.count != 1 else ''})")
    else:
        sys.stdout.buffer.write(outcome.body if outcome.body.endswith(b"\n") else outcome.body + b"\n")
        sys.stdout.flush()
    if outcome.truncated:
        print(f"kg query: warning: cut at {config.max_results} results (KG_MAX_RESULTS)", file=sys.stderr)
    return 0


CELL_WIDTH = 60  # a table is for reading; --format csv or json gives whole values


def short(term: dict, base_iri: str) -> str:
    """A term as a person reads it: IRIs of this graph as paths, others with the usual prefixes."""
    value = term["value"]
    if term["type"] != "uri":
        return value
    compact = curie(value)
    if compact != value:
        return compact
    return value[len(base_iri):] if value.startswith(base_iri) else value


def table(results: dict, base_iri: str) -> str:
    if "boolean" in results:
        return ("true" if results["boolean"] else "false") + "\n"
    names = results["head"]["vars"]
    rows = [[short(b[v], base_iri) if v in b else "" for v in names] for b in results["results"]["bindings"]]
    rows = [[" ".join(c.split()) for c in r] for r in rows]
    rows = [[c if len(c) <= CELL_WIDTH else c[:CELL_WIDTH - 1] + "…" for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n"
    return line(names) + line(["-" * w for w in widths]) + "".join(line(r) for r in rows)
