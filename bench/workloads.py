"""What the endpoint benchmark asks: the same SPARQL text to every target.

Each workload is a list of (Accept, query) that the load generator cycles through; parameterised
workloads are spread over many entities (sampled from the graph itself, deterministically), so that
no answer is served from a warm cache alone."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph

from kg.config import Config
from kg.query import saved
from kg.store import values

JSON = "application/sparql-results+json"
TURTLE = "text/turtle"
SAMPLE = 64   # distinct parameter values per workload

PREFIXES = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# A point lookup: everything said about one thing.
POINT = "SELECT ?p ?o WHERE {{ <{x}> ?p ?o }}"
# A two-hop join: who met this actor, and their names.
JOIN = PREFIXES + """SELECT ?meeting ?other ?name WHERE {{
  ?meeting dip:participant <{x}> ; dip:participant ?other .
  ?other rdfs:label ?name
}}"""
# An aggregate: the kinds of things a document's graph holds, counted.
AGGREGATE = """SELECT ?type (COUNT(?s) AS ?n) WHERE {{ GRAPH <{x}> {{ ?s a ?type }} }} GROUP BY ?type ORDER BY ?type"""
# A CONSTRUCT: a document's whole graph (its text, facts and evidence), as Turtle.
CONSTRUCT = """CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{x}> {{ ?s ?p ?o }} }}"""


def _sample(store: pyoxigraph.Store, sparql: str) -> list[str]:
    values = sorted(s[0].value for s in store.query(sparql))
    step = max(1, len(values) // SAMPLE)
    return values[::step][:SAMPLE]


def local_saved(config: Config) -> list:
    """The saved queries that need no other service."""
    return [q for q in sorted(saved.catalogue(config).values(), key=lambda q: q.name) if "SERVICE" not in q.sparql]


def examples(q) -> dict[str, str]:
    """Values for the parameters a saved query requires (their documented examples): its defaults do the rest."""
    return {p.name: p.example for p in q.params if not p.optional and p.example}


def with_defaults(q, config: Config) -> str:
    """A saved query's text with its parameters' defaults (and examples) bound in a VALUES block at the
    start of its group, as the remote store sends them (peers get text; /queries/NAME binds terms)."""
    return values.bind(q.sparql, saved.bind(q, {name: [value] for name, value in examples(q).items()}, config))


def saved_queries(config: Config) -> list[tuple[str, str]]:
    return [(TURTLE if q.kind == "graph" else JSON, with_defaults(q, config)) for q in local_saved(config)]


def workloads(config: Config) -> dict[str, list[tuple[str, str]]]:
    store = pyoxigraph.Store.read_only(str(Path(config.store_dir).resolve()))
    actors = _sample(store, PREFIXES + "SELECT DISTINCT ?a WHERE { ?m dip:participant ?a }")
    things = _sample(store, PREFIXES + "SELECT DISTINCT ?x WHERE { ?x a dip:Meeting }") + actors
    documents = _sample(store, "SELECT ?g WHERE { GRAPH ?g { ?d a <https://w3id.org/dipkg/ontology#SourceDocument> } }")
    point = [(JSON, POINT.format(x=x)) for x in things]
    join = [(JSON, JOIN.format(x=x)) for x in actors]
    aggregate = [(JSON, AGGREGATE.format(x=x)) for x in documents]
    construct = [(TURTLE, CONSTRUCT.format(x=x)) for x in documents]
    mix = [w[i % len(w)] for i in range(SAMPLE) for w in (point, join, aggregate, construct)]
    return {"mix": mix, "point": point, "join": join, "aggregate": aggregate, "construct": construct,
            "saved": saved_queries(config)}
