"""Fuzzing the endpoint with Hypothesis (issue 12): SPARQL from a small grammar and random bytes on
/sparql, saved-query parameters, paths and headers. Whatever comes in, the answer is never a 5xx
(but a deliberate, bounded 503: a time or resource limit) and its body is well-formed for its media
type (parsed back: JSON, XML, CSV, Turtle, N-Triples, JSON-LD, RDF/XML; pages hold no raw control
characters).

In-process (the real app and its query processes, through Flask's test client), derandomized: the
default run tries a few dozen cases per target; the `_long` variants (slow) a few hundred."""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import quote_from_bytes
from xml.dom.minidom import parseString

import pytest
import rdflib
from conftest import in_process, web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.query import saved

QUICK, LONG = 20, 400
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
RDF_PARSERS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
               "application/rdf+xml": "xml", "application/trig": "trig", "application/n-quads": "nquads"}


def fuzzing(examples: int):
    return settings(max_examples=examples, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def fuzzed(built):
    """The app with a short time limit, so that an expensive generated query ends soon."""
    with in_process(built.with_(query_timeout=3.0)) as url:
        yield url


def check(r) -> None:
    """Never a 5xx but a bounded 503 naming its limit; a body well-formed for its media type."""
    assert r.status_code < 500 or (r.status_code == 503 and ("limit" in r.text or "busy" in r.text)), \
        (r.status_code, r.text[:500])
    media = r.headers.get("Content-Type", "").split(";")[0].strip()
    body = r.content
    if r.status_code == 304 or not body:
        return
    if media in ("application/sparql-results+json", "application/json"):
        json.loads(body)
    elif media in ("application/sparql-results+xml", "application/xml"):
        parseString(body)
    elif media == "text/csv":
        list(csv.reader(io.StringIO(body.decode("utf-8"))))
    elif media == "text/tab-separated-values":
        body.decode("utf-8")
    elif media in RDF_PARSERS:
        rdflib.Dataset().parse(data=body, format=RDF_PARSERS[media])
    elif media == "text/html":
        assert not CONTROL.search(body), "a raw control character in a page"
        body.decode("utf-8")
    elif media == "text/plain":
        body.decode("utf-8")


# ---------------------------------------------------------------- SPARQL from a small grammar

IRIS = st.sampled_from(["<https://w3id.org/dipkg/id/actor/peru>", "<http://schema.org/text>", "rdfs:label",
                        "<urn:x>", "<s>", "<>", "dip:Meeting", "a", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"])
VARS = st.sampled_from(["?s", "?p", "?o", "?x", "?label", "$y"])
TEXT = st.text(st.characters(codec="utf-8", exclude_characters='"\\\n\r'), max_size=12)
LITERALS = st.one_of(
    TEXT.map(lambda t: f'"{t}"'),
    st.sampled_from(['"Perú"@es', '"x"^^xsd:string', '"\\u0001\\u001b"', '"a\\tb"', '"2024-05-10"^^xsd:date',
                     "'''multi\nline'''", '"\\uFFFE"']),
    st.integers(-10**6, 10**6).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda f: repr(f).replace("e+", "e")),
    st.sampled_from(["true", "false"]),
)
TERMS = st.one_of(IRIS, VARS, LITERALS)


def expressions(depth: int = 2):
    base = st.one_of(VARS, LITERALS)
    if depth == 0:
        return base
    sub = expressions(depth - 1)
    return st.one_of(
        base,
        st.tuples(sub, st.sampled_from(["+", "-", "*", "/", "=", "!=", "<", ">=", "&&", "||"]), sub).map(" ".join),
        st.tuples(st.sampled_from(["STR", "STRLEN", "UCASE", "LANG", "DATATYPE", "BOUND", "isIRI", "ABS", "!"]), sub)
        .map(lambda t: f"{t[0]}({t[1]})" if t[0] != "BOUND" else f"BOUND({'?x'})"),
        st.tuples(sub, sub).map(lambda t: f"CONCAT({t[0]}, {t[1]})"),
        st.tuples(sub, TEXT).map(lambda t: f'REGEX(STR({t[0]}), "{re.escape(t[1])}")'),
        st.tuples(sub, sub).map(lambda t: f"COALESCE({t[0]}, {t[1]})"),
    )


def patterns(depth: int = 2):
    triple = st.tuples(st.one_of(IRIS, VARS), st.one_of(IRIS, VARS), TERMS).map(lambda t: " ".join(t) + " .")
    if depth == 0:
        return triple
    sub = patterns(depth - 1)
    return st.one_of(
        triple,
        st.lists(sub, min_size=1, max_size=3).map(lambda ps: "{ " + " ".join(ps) + " }"),
        st.tuples(sub, sub).map(lambda t: f"{{ {t[0]} }} UNION {{ {t[1]} }}"),
        sub.map(lambda p: f"OPTIONAL {{ {p} }}"),
        sub.map(lambda p: f"MINUS {{ {p} }}"),
        expressions().map(lambda e: f"FILTER({e})"),
        st.tuples(expressions(), st.sampled_from(["?b1", "?b2"])).map(lambda t: f"BIND({t[0]} AS {t[1]})"),
        st.lists(LITERALS, min_size=1, max_size=3).map(lambda vs: "VALUES ?v { " + " ".join(vs) + " }"),
        sub.map(lambda p: f"GRAPH ?g {{ {p} }}"),
    )


PROLOGUE = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
            "PREFIX dip: <https://w3id.org/dipkg/ontology#> ")
QUERIES = st.tuples(
    st.sampled_from(["SELECT *", "SELECT DISTINCT ?s ?o", "SELECT (COUNT(*) AS ?n)", "ASK", "CONSTRUCT { ?s ?p ?o }",
                     "DESCRIBE ?s", "SELECT ?s (SAMPLE(?o) AS ?one)"]),
    st.lists(patterns(), min_size=1, max_size=3),
    st.sampled_from(["", " LIMIT 5", " ORDER BY ?s LIMIT 3", " OFFSET 2 LIMIT 2", " GROUP BY ?s", " LIMIT 0"]),
).map(lambda t: PROLOGUE + f"{t[0]} WHERE {{ {' '.join(t[1])} }}{t[2] if 'SAMPLE' not in t[0] else ' GROUP BY ?s'}")
FORMATS = st.sampled_from([None, "json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml", "trig",
                           "nquads", "n3", "html", "bogus"])


def _sparql(url, query, fmt):
    params = {"query": query, **({"format": fmt} if fmt else {})}
    check(web.get(url + "/sparql", params=params))


@fuzzing(QUICK)
@given(query=QUERIES, fmt=FORMATS)
def test_generated_sparql(fuzzed, query, fmt):
    _sparql(fuzzed, query, fmt)


@pytest.mark.slow
@fuzzing(LONG)
@given(query=QUERIES, fmt=FORMATS)
def test_generated_sparql_long(fuzzed, query, fmt):
    _sparql(fuzzed, query, fmt)


# ---------------------------------------------------------------- random bytes on /sparql

def _bytes(url, raw, as_body, ctype):
    if as_body:
        check(web.post(url + "/sparql", data=raw, headers={"Content-Type": ctype}))
    else:
        check(web.get(url + "/sparql?query=" + quote_from_bytes(raw)))


BYTES = st.one_of(st.binary(max_size=300), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
CTYPES = st.sampled_from(["application/sparql-query", "application/x-www-form-urlencoded",
                          "application/sparql-query; charset=latin1", "text/plain", ""])


@fuzzing(QUICK)
@given(raw=BYTES, as_body=st.booleans(), ctype=CTYPES)
def test_random_bytes(fuzzed, raw, as_body, ctype):
    _bytes(fuzzed, raw, as_body, ctype)


@pytest.mark.slow
@fuzzing(LONG)
@given(raw=BYTES, as_body=st.booleans(), ctype=CTYPES)
def test_random_bytes_long(fuzzed, raw, as_body, ctype):
    _bytes(fuzzed, raw, as_body, ctype)


# ---------------------------------------------------------------- saved-query parameters

NAMES = sorted(p.stem for p in saved.Config().queries_dir.glob("*.rq") if p.stem != "wikidata-actors")
VALUES = st.one_of(st.text(max_size=40), st.sampled_from(["id/actor/peru", "https://w3id.org/dipkg/id/actor/peru",
                                                          "2024-13-45", "Perú@es", "@", "-1", "99999999999999999999",
                                                          "security", "%ff", "\x00", "<script>", "' OR 1=1"]))


def _saved(url, name, values, fmt, page):
    q = saved.get(saved.Config(), name)
    params = {p.name: v for p, v in zip(q.params, values)}
    params.update({k: v for k, v in (("format", fmt), ("page", page)) if v is not None})
    check(web.get(url + f"/queries/{name}", params=params))


SAVED = dict(name=st.sampled_from(NAMES), values=st.lists(VALUES, min_size=3, max_size=3),
             fmt=st.sampled_from([None, "json", "xml", "csv", "html", "turtle", "x"]),
             page=st.sampled_from([None, "1", "2", "0", "-1", "abc", "1e9"]))


@fuzzing(QUICK)
@given(**SAVED)
def test_saved_query_parameters(fuzzed, name, values, fmt, page):
    _saved(fuzzed, name, values, fmt, page)


@pytest.mark.slow
@fuzzing(LONG)
@given(**SAVED)
def test_saved_query_parameters_long(fuzzed, name, values, fmt, page):
    _saved(fuzzed, name, values, fmt, page)


# ---------------------------------------------------------------- paths and headers

PREFIXES = st.sampled_from(["/id/", "/id/actor/", "/data/", "/data/id/actor/", "/page/", "/page/id/document/",
                            "/graph/", "/graph/document/", "/queries/", "/dumps/", "/ontology/topic/", "/", "/sparql/"])
SEGMENT = st.text(st.characters(codec="utf-8", exclude_characters="?#"), max_size=30)
SUFFIX = st.sampled_from(["", ".ttl", ".nt", ".jsonld", ".rdf", ".html", ".gz", "/", "/..", "%00", "%ff"])
HEADER_VALUE = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=60)
HEADERS = st.fixed_dictionaries({}, optional={
    "Accept": st.one_of(HEADER_VALUE, st.sampled_from(["text/turtle", "text/html;q=0", "*/*;q=abc", "application/*",
                                                       "text/*, application/ld+json;q=0.5", ""])),
    "Accept-Encoding": st.sampled_from(["gzip", "identity", "gzip;q=0", "br, x"]),
    "If-None-Match": HEADER_VALUE, "If-Modified-Since": HEADER_VALUE, "Origin": HEADER_VALUE,
    "Range": st.sampled_from(["bytes=0-10", "bytes=-5", "bytes=9999999-", "bytes=a-b"]),
    "X-Forwarded-For": HEADER_VALUE,
})


def _path(url, prefix, segment, suffix, headers):
    path = prefix + quote_from_bytes(segment.encode("utf-8"), safe="/") + suffix
    check(web.get(url + path, headers=headers, allow_redirects=False))


@fuzzing(QUICK)
@given(prefix=PREFIXES, segment=SEGMENT, suffix=SUFFIX, headers=HEADERS)
def test_paths_and_headers(fuzzed, prefix, segment, suffix, headers):
    _path(fuzzed, prefix, segment, suffix, headers)


@pytest.mark.slow
@fuzzing(LONG)
@given(prefix=PREFIXES, segment=SEGMENT, suffix=SUFFIX, headers=HEADERS)
def test_paths_and_headers_long(fuzzed, prefix, segment, suffix, headers):
    _path(fuzzed, prefix, segment, suffix, headers)
