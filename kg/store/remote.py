"""A store behind SPARQL 1.1 endpoints: the Protocol for queries and updates, the Graph Store Protocol
(GSP) for data. It answers like the embedded store: `query` returns solutions (pyoxigraph's
QuerySolutions, or the same read whole: whole.py), a QueryBoolean or an iterator of Triples, so the
code above reads either store the same way.

What differs between stores is settled here, not in the callers:

- The default graph. The application's default graph is the union of the named graphs, each triple
  once. `kg build` (remote_build.py) writes that union: into the store's own default graph for stores
  that follow the specification (oxigraph serve, Fuseki…), and into a named graph of its own for
  stores whose default graph is every graph they hold, system graphs included (Virtuoso). A query
  with no dataset of its own is then sent with that graph as its default graph.
- The named graphs. A store holds graphs that are not the dataset's (the application's own, the
  store's); a query with no dataset of its own has its GRAPH patterns kept to the dataset's graphs,
  known by their IRI prefix, by a FILTER written into its text (graphs.py), whatever their number.
- The build being read (`generation`): a stamp the build writes last into a small graph of its own,
  read again at most every STAMP_SECONDS, so that every front end keys its caches on the same build.
- Result and error shapes: Virtuoso answers ASK as a one-row SELECT, stops a query at its time limit
  with a partial result and a header, and words its errors as SQL states; each is turned into what the
  embedded store would have said (a boolean, a timeout, a 400 for a malformed query).
- Answer sizes: Virtuoso cuts a SELECT at 2^20 rows without a word, and cannot send a graph of some
  millions of triples at once; a cut answer is read again in parts (whole.py), a big graph in slices."""
from __future__ import annotations

import base64
import http.client
import io
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Iterator

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from ..errors import InputError
from ..query.lexer import significant  # a dependency-free leaf module (see values.py)
from . import graphs, values, whole

# What to ask for, by query form: a store may answer a CONSTRUCT in a results format if let choose.
SOLUTIONS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
RESULTS = {"application/sparql-results+json": QueryResultsFormat.JSON,
           "application/sparql-results+xml": QueryResultsFormat.XML,
           "text/tab-separated-values": QueryResultsFormat.TSV}
GRAPHS = {"application/n-triples": RdfFormat.N_TRIPLES, "text/turtle": RdfFormat.TURTLE,
          "application/rdf+xml": RdfFormat.RDF_XML, "text/plain": RdfFormat.N_TRIPLES}

# Graphs the application keeps for itself in the store, outside the dataset's own IRIs.
INTERNAL = "urn:x-dipkg:"
BUILD_GRAPH = INTERNAL + "build"       # one node per build: its stamp, time and union graph
DIGESTS_GRAPH = INTERNAL + "digests"   # a digest of each graph as the last build wrote it
STAMP, UNION, MODIFIED, DIGEST = (NamedNode(INTERNAL + n) for n in ("stamp", "union", "modified", "digest"))
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
STAMP_SECONDS = 2.0     # how stale a front end's idea of the current build may be
SLICE_SECONDS = 600.0   # one predicate of a big graph being dumped (the dump is written once per build)
# The time limit of the queries the app runs for itself (descriptions, pages, VoID and counts, the last
# two once per build); /sparql and saved queries pass the request's own. Gunicorn allows a request 120 s.
INTERNAL_SECONDS = 120.0


class RemoteError(Exception):
    """The store refused the request or could not be reached; `status` is its HTTP status (0: none)."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


class RemoteTimeout(RemoteError):
    """The query ran past its time limit (ours, or the store's own)."""


@dataclass(frozen=True)
class Dialect:
    name: str
    union_graph: bool                  # the store's default graph is every graph: keep the union in a graph
    hidden_graphs: tuple[str, ...] = ()  # the store's own graphs, which are not the dataset's
    dirty_reads: bool = False          # readers see a write before it is committed
    quoted_graphs: bool = False        # GRAPH <iri> reads outside an explicit dataset only as GRAPH `<iri>`
    answer_rows: int | None = None     # the most rows one answer carries: one of so many was cut (None: no limit)


STANDARD = Dialect("standard", union_graph=False)
VIRTUOSO = Dialect("virtuoso", union_graph=True,
                   hidden_graphs=("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                                  "http://localuriqaserver/sparql"),
                   # It answers at most 2^20 rows, saying nothing, and fails to send a graph of some millions
                   # of triples through the GSP ("The result vector is too large"): a big graph is read in
                   # slices, a cut answer again in parts (whole.py).
                   dirty_reads=True, quoted_graphs=True, answer_rows=2 ** 20)


@dataclass(frozen=True)
class Build:
    stamp: str
    modified: int          # epoch seconds
    union: str | None      # the graph holding the union, for Dialect.union_graph stores


class _Body(io.RawIOBase):
    """A response body that stops being read at the deadline (the socket timeout bounds each read)."""

    def __init__(self, response, deadline: float | None):
        self.response, self.deadline = response, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TimeoutError("the store's answer did not arrive in time")
        return self.response.readinto(buffer)

    def close(self) -> None:
        self.response.close()
        super().close()


class RemoteStore:
    def __init__(self, endpoint: str, *, update: str = "", gsp: str = "", user: str = "", password: str = "",
                 timeout: float = 60.0, graphs: str = ""):
        """`graphs` is the IRI prefix of the dataset's named graphs (`{base}graph/`); without it every
        graph but the store's own and the application's internal ones is the dataset's."""
        self.endpoint, self.update_url, self.gsp_url = endpoint, update or endpoint, gsp or endpoint
        self.timeout, self.graphs = timeout, graphs
        self._auth: list = []
        if user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.endpoint, self.update_url, self.gsp_url}:
                passwords.add_password(None, url, user, password)
            self._auth = [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
        self._plain = urllib.request.build_opener()
        self._open: set[str] = set()   # endpoints that asked for no credentials
        self._opener = urllib.request.build_opener(*self._auth)
        self._dialect: Dialect | None = None
        self._build: tuple[float, Build | None] = (0.0, None)
        self._cache: dict[tuple, object] = {}   # (stamp, what) -> value: a build never changes
        self._lock = threading.Lock()

    _instances: dict[tuple, "RemoteStore"] = {}

    @classmethod
    def for_config(cls, config) -> "RemoteStore":
        """This process's store for the configuration (one, so that its build stamp is read once for all)."""
        key = (config.store_url, config.store_update_url, config.store_gsp_url, config.store_user,
               config.store_password, config.base_iri, config.query_timeout)
        if key not in cls._instances:
            cls._instances[key] = cls(config.store_url, update=config.store_update_url, gsp=config.store_gsp_url,
                                      user=config.store_user, password=config.store_password,
                                      timeout=max(config.query_timeout, INTERNAL_SECONDS),
                                      graphs=_base(config.base_iri) + "graph/")
        return cls._instances[key]

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r})"

    # ------------------------------------------------------------ HTTP

    def request(self, url: str, *, data: bytes | None = None, method: str = "GET", headers: dict | None = None,
                params: list | None = None, timeout: float | None = None):
        """An open response (to be read and closed by the caller); RemoteError for anything but 2xx."""
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        if self._auth and data and url.split("?")[0] not in self._open:
            self._authorize(req)
        try:
            response = self._opener.open(req, timeout=self.timeout if timeout is None else max(timeout, 0.001))
        except urllib.error.HTTPError as exc:
            message = exc.read().decode("utf-8", "replace").strip()
            if self._dialect is None:
                self._detect(exc.headers)
            raise self._error(exc.code, message, url.split("?")[0]) from None
        except TimeoutError:
            raise RemoteTimeout(f"{url} did not answer in time") from None
        except http.client.HTTPException as exc:  # an answer HTTP cannot read
            raise RemoteError(f"{url.split('?')[0]} answered in a way that cannot be read: {exc}") from None
        except OSError as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise RemoteTimeout(f"{url} did not answer in time") from None
            raise RemoteError(f"{url.split('?')[0]} could not be reached: {reason}") from None
        if self._dialect is None:
            self._detect(response.headers)
        return response

    def _authorize(self, req: urllib.request.Request) -> None:
        """Credentials sent with a request that has a body. Answered by a challenge (401), such a request
        breaks off while its body is still being sent (Virtuoso closes the connection); so the challenge
        is fetched first by a GET without a body, which nothing executes unauthenticated."""
        try:
            self._plain.open(urllib.request.Request(req.full_url, method="GET"), timeout=self.timeout).close()
            challenge = ""
        except urllib.error.HTTPError as exc:
            challenge = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
        except OSError:
            return   # the request itself will say what is wrong
        if not challenge:   # an endpoint that asks no credentials is not asked again
            self._open.add(req.full_url.split("?")[0])
            return
        scheme, _, rest = challenge.partition(" ")
        digest, basic = self._auth
        if scheme.lower() == "digest":
            found = digest.get_authorization(req, urllib.request.parse_keqv_list(
                [p for p in urllib.request.parse_http_list(rest) if "=" in p]))
            if found:
                req.add_unredirected_header("Authorization", f"Digest {found}")
        elif scheme.lower() == "basic":
            user, password = basic.passwd.find_user_password(None, req.full_url)
            if user is not None:
                token = base64.b64encode(f"{user}:{password}".encode()).decode()
                req.add_unredirected_header("Authorization", f"Basic {token}")

    def _detect(self, headers) -> None:
        self._dialect = VIRTUOSO if (headers.get("Server") or "").startswith("Virtuoso") else STANDARD

    @property
    def dialect(self) -> Dialect:
        if self._dialect is None:
            self.request(self.endpoint, params=[("query", "ASK {}")]).close()
        return self._dialect

    def _error(self, status: int, message: str, url: str) -> RemoteError:
        """The store's error as the embedded store words it: a malformed query is the client's (400)."""
        text = message[:2000] or "(no message)"
        if "S1TAT" in text or "exceeds the limit" in text:   # Virtuoso: stopped, or refused as too long
            return RemoteTimeout(f"the store stopped the query at its time limit: {text}", status)
        if status in (400, 406, 415) or "37000" in text:      # 37000: Virtuoso's SPARQL syntax error
            return RemoteError(text, 400)
        return RemoteError(f"{url} answered {status}: {text}", status)

    # ------------------------------------------------------------ queries

    def query(self, sparql: str, *, default_graphs=None, named_graphs=None, substitutions=None, base_iri=None,
              timeout: float | None = None):
        """One query, with `substitutions` bound in a VALUES block (see values.py); the default graph is
        the union of the named graphs unless the query or the caller gives a dataset. A SELECT answer
        the store cuts short comes whole (see whole.py)."""
        text = values.bind(sparql, substitutions)
        dataset = {"default_graphs": default_graphs, "named_graphs": named_graphs, "base_iri": base_iri,
                   "timeout": timeout}
        result = self._query(text, **dataset)
        cut = self.dialect.answer_rows
        if not cut or not getattr(result, "variables", None):
            return result
        names = [v.value for v in result.variables]
        again = (lambda prefix: self._query(whole.bucket(text, names, prefix), **dataset)) \
            if whole.splittable(text) else None
        return whole.Whole(result, cut, again, RemoteError)

    def _query(self, text: str, *, default_graphs, named_graphs, base_iri, timeout):
        params = [("default-graph-uri", g) for g in default_graphs or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        dialect = self.dialect
        head = ""   # on the query's first line, so that the line numbers of the store's errors stay the query's own
        if default_graphs is None and named_graphs is None and not _has_dataset(text):
            if dialect.union_graph:
                # In the text, not as a parameter: Virtuoso echoes each parameter's graph as a response header.
                head = f"define input:default-graph-uri <{self.build().union}> "
            text = graphs.confine(text, self._ours, quote_iris=dialect.quoted_graphs)
        if base_iri and not _declares(text, "BASE"):   # a second BASE is a syntax error to Virtuoso
            head += f"BASE <{base_iri}> "
        params.insert(0, ("query", head + text))
        seconds = self.timeout if timeout is None else timeout
        if dialect.name == VIRTUOSO.name:
            params.append(("timeout", str(int(seconds * 1000))))   # its own limit, in milliseconds
        deadline = time.monotonic() + seconds
        response = self.request(self.endpoint, method="POST", data=urllib.parse.urlencode(params).encode(),
                                headers={"Content-Type": "application/x-www-form-urlencoded",
                                         "Accept": GRAPH_ACCEPT if _form(text) in GRAPH_FORMS else SOLUTIONS_ACCEPT},
                                timeout=seconds)
        if response.headers.get("X-SQL-State") == "S1TAT":  # Virtuoso's "anytime" answer: a partial result
            response.close()
            raise RemoteTimeout("the store stopped the query at its time limit and offered a partial result")
        media = response.headers.get_content_type()
        body = io.BufferedReader(_Body(response, deadline), 1 << 16)
        if media in RESULTS:
            result = parse_query_results(body, RESULTS[media])
            if dialect.name == VIRTUOSO.name and [v.value for v in getattr(result, "variables", [])] == ["__ASK_RETVAL"]:
                answer = any(s[0] is not None and s[0].value == "1" for s in result)  # its ASK, as a SELECT
                return parse_query_results(io.BytesIO(b'{"boolean": %s}' % (b"true" if answer else b"false")),
                                           QueryResultsFormat.JSON)
            return result
        if media in GRAPHS:
            return (q.triple for q in parse(body, format=GRAPHS[media]))
        response.close()
        raise RemoteError(f"{self.endpoint} answered with {media}, which is not a SPARQL result format")

    def update(self, sparql: str, timeout: float | None = None) -> None:
        self.request(self.update_url, method="POST", data=urllib.parse.urlencode([("update", sparql)]).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=timeout).close()

    # ------------------------------------------------------------ the build being read

    def build(self) -> Build:
        """The current build's stamp (re-read at most every STAMP_SECONDS); InputError if none was written."""
        read_at, build = self._build
        if build is None or time.monotonic() - read_at > STAMP_SECONDS:
            rows = self.query(f"SELECT ?b ?p ?o WHERE {{ GRAPH <{BUILD_GRAPH}> {{ ?b ?p ?o }} }}",
                              default_graphs=[], named_graphs=[BUILD_GRAPH])
            builds: dict[str, dict] = {}
            for r in rows:
                builds.setdefault(r["b"].value, {})[r["p"].value] = r["o"]
            # The latest complete one: a build writes its node before it removes the previous one, and
            # a store with dirty reads may show a node half written.
            needed = [STAMP.value, MODIFIED.value] + ([UNION.value] if self.dialect.union_graph else [])
            complete = [b for b in builds.values() if all(n in b for n in needed)]
            if not complete:
                raise InputError(None, f"{self.endpoint} holds no build: run `kg build --store-url URL` first")
            found = max(complete, key=lambda b: b[STAMP.value].value)
            modified = datetime.fromisoformat(found[MODIFIED.value].value.replace("Z", "+00:00"))
            union = found[UNION.value].value if UNION.value in found else None
            build = Build(found[STAMP.value].value, int(modified.timestamp()), union)
            self._build = (time.monotonic(), build)
        return build

    def refresh(self) -> None:
        """Read the build stamp again on next use (a build has just written one)."""
        self._build = (0.0, None)

    @property
    def generation(self) -> str:
        return f"{self.endpoint}#{self.build().stamp}"

    def built_at(self) -> int:
        return self.build().modified

    def _once(self, what: str, compute):
        try:
            key = (self.build().stamp, what)
        except InputError:  # a store `kg build` did not load (any SPARQL endpoint): nothing to key a cache on
            return compute()
        if key not in self._cache:
            with self._lock:
                self._cache = {k: v for k, v in self._cache.items() if k[0] == key[0]}
            self._cache[key] = compute()
        return self._cache[key]

    def named_graphs(self) -> list[str]:
        return self._once("graphs", self._named_graphs)

    def _named_graphs(self) -> list[str]:
        # The build's list of its graphs (one digest each) is read in an instant; finding the graphs
        # by their triples scans the whole store (30 s at 10 million triples on Virtuoso).
        listed = [*self.query(f"SELECT ?g WHERE {{ GRAPH <{DIGESTS_GRAPH}> {{ ?g <{DIGEST.value}> ?d }} "
                            f"FILTER ({self._ours('?g')}) }}", default_graphs=[], named_graphs=[DIGESTS_GRAPH])]
        rows = listed or self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER ({self._ours('?g')}) }}",
                                    default_graphs=[])  # a store kg build did not write: every graph, filtered here
        return sorted(r["g"].value for r in rows)

    def _ours(self, graph: str) -> str:
        """A SPARQL condition that holds when `graph` (a term as written in a query) is one of the dataset's graphs."""
        if self.graphs:
            return f"STRSTARTS(STR({graph}), {Literal(self.graphs)})"
        hidden = ", ".join(f"<{g}>" for g in self.dialect.hidden_graphs)
        return f"!STRSTARTS(STR({graph}), {Literal(INTERNAL)})" + (f" && {graph} NOT IN ({hidden})" if hidden else "")

    def triple_count(self) -> int:
        # The default graph is the union, each triple once (see kg build): a plain count is the distinct count.
        return self._once("triples", lambda: int(next(iter(self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value))

    # ------------------------------------------------------------ the Graph Store Protocol

    def graph_params(self, graph: str | None) -> list:
        return [("graph", graph)] if graph else [("default", "")]

    def put(self, graph: str | None, body: bytes, method: str = "PUT", timeout: float | None = None) -> None:
        self.request(self.gsp_url, method=method, data=body, params=self.graph_params(graph),
                     headers={"Content-Type": "application/n-triples"}, timeout=timeout).close()

    def triples(self, graph: str | None) -> Iterator:
        """The triples of one graph (None: the union default graph), streamed from the store."""
        if graph is None and self.dialect.union_graph:
            graph = self.build().union
            if self.dialect.answer_rows and self.triple_count() > self.dialect.answer_rows:
                return self._sliced(graph)
        try:
            response = self.request(self.gsp_url, params=self.graph_params(graph), headers={"Accept": GRAPH_ACCEPT})
        except RemoteError as exc:
            if exc.status == 404:  # an empty graph, for stores that do not keep empty graphs
                return iter(())
            raise
        media = response.headers.get_content_type()
        if media not in GRAPHS:
            response.close()
            raise RemoteError(f"{self.gsp_url} answered with {media}, which is not an RDF format")
        return (q.triple for q in parse(io.BufferedReader(_Body(response, None), 1 << 16), format=GRAPHS[media]))

    def _sliced(self, graph: str) -> Iterator[Triple]:
        """A graph too big for one answer, read one predicate at a time (an index range each); a
        predicate the store cuts short is read again in parts, as any cut answer (whole.py)."""
        dataset = {"default_graphs": [], "named_graphs": [graph], "timeout": SLICE_SECONDS}
        predicates = self.query(f"SELECT DISTINCT ?p WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", **dataset)
        for p in sorted(r["p"].value for r in predicates):
            rows = self.query(f"SELECT ?s ?o WHERE {{ GRAPH <{graph}> {{ ?s <{p}> ?o }} }}", **dataset)
            yield from (Triple(r["s"], NamedNode(p), r["o"]) for r in rows)

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """The quads of one named graph, or of all of them (never the derived default graph)."""
        for g in [graph] if graph else self.named_graphs():
            name = NamedNode(g)
            yield from (Quad(t.subject, t.predicate, t.object, name) for t in self.triples(g))

    def dump(self, output, format: RdfFormat, *, graph: str | None = None, prefixes: dict | None = None) -> None:
        """Stream one named graph, or the whole dataset (as triples the union; in a quads format every
        named graph) from the store into `output`: nothing is held but the parser's buffer."""
        kwargs = {"prefixes": prefixes} if prefixes else {}
        if graph is None and format in (RdfFormat.TRIG, RdfFormat.N_QUADS):
            serialize(self.quads(), output, format=format, **kwargs)
        elif graph is None:
            serialize(self._counted(self.triples(None), self.triple_count()), output, format=format, **kwargs)
        else:
            serialize(self.triples(graph), output, format=format, **kwargs)

    def _counted(self, triples: Iterator, expected: int) -> Iterator:
        """`triples`, and an error at the end unless there were `expected` of them: a store may cut a
        long answer without saying so (Virtuoso at ResultSetMaxRows), and a dump must not be."""
        n = 0
        for t in triples:
            n += 1
            yield t
        if n != expected:
            raise RemoteError(f"{self.gsp_url} sent {n} of the {expected} triples of the union; the store cut its "
                              "answer (Virtuoso: raise ResultSetMaxRows)")

    def load(self, quads: Iterable[Quad]) -> None:
        """Add quads, one GSP POST per graph (a build replaces graphs instead: see remote_build.py)."""
        by_graph: dict[str | None, list] = {}
        for q in quads:
            by_graph.setdefault(None if isinstance(q.graph_name, DefaultGraph) else q.graph_name.value, []).append(q.triple)
        for graph, triples in by_graph.items():
            self.put(graph, serialize(triples, format=RdfFormat.N_TRIPLES), method="POST")


def _base(iri: str) -> str:
    return iri if iri.endswith(("/", "#")) else iri + "/"


def _form(sparql: str) -> str | None:
    return next((t.keyword for t in significant(sparql) if t.keyword in values.FORMS), None)


def _declares(sparql: str, keyword: str) -> bool:
    return any(t.keyword == keyword for t in significant(sparql))


def _has_dataset(sparql: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED), which the Protocol's parameters would replace."""
    return _declares(sparql, "FROM")

