"""Keeping a query's GRAPH patterns to the dataset's named graphs, in the text sent to a remote store.

A store holds graphs that are not the dataset's: the application's own (build stamps, digests,
staging graphs, the union on Virtuoso), the store's system graphs, other applications' data. The
dataset's graphs are known by their IRI prefix (`{base}graph/`), not by a list: a FROM NAMED for each
would make every query grow with the dataset (13,510 of them exhaust Virtuoso's SPARQL compiler).
So each GRAPH pattern is followed, in the group that holds it, by a FILTER on its graph term. A
group's FILTER applies to all of the group's solutions, and each of them binds that term to the
graph the pattern matched in (the pattern is not optional within its group), so the FILTER removes
exactly the matches in other graphs, wherever the pattern stands: in OPTIONAL, MINUS, EXISTS,
UNION, a sub-query or another GRAPH (whose outer variable Virtuoso and Oxigraph both leave unbound:
such solutions are kept as they come). Nothing is wrapped or moved, so a query the store would have
refused is still refused, and line numbers in its messages stay the query's own.

A store that reads GRAPH <iri> only from the named graphs of an explicit dataset (Virtuoso, once it
is given a default graph) is sent the IRI as an expression, GRAPH `<iri>` (its SPARQL extension),
which reads the graph whatever the dataset, as GRAPH ?g does; the FILTER still decides."""
from __future__ import annotations

from typing import Callable

from ..query.lexer import Token, significant

TERMS = ("var", "iri", "pname")


def confine(sparql: str, condition: Callable[[str], str], *, quote_iris: bool = False) -> str:
    """`sparql` with every GRAPH pattern kept to the graphs for which `condition(term)` (a SPARQL
    expression of the pattern's graph term, as written) is true."""
    toks = list(significant(sparql, punctuation=True))
    closes = _braces(toks)
    edits: list[tuple[int, int, str]] = []   # (start, end, replacement) in the original text
    for i, t in enumerate(toks):
        if t.keyword != "GRAPH" or i + 2 not in closes or toks[i + 1].kind not in TERMS:
            continue   # not a graph pattern the store would accept: it says so itself
        term, end = toks[i + 1], toks[closes[i + 2]]
        keep = condition(term.text)
        if term.kind == "var":   # unbound only where an engine leaves the outer one of nested GRAPHs so: kept as is
            keep = f"!BOUND({term.text}) || {keep}"
        elif quote_iris:
            edits.append((term.start, term.start + len(term.text), f"`{term.text}`"))
        edits.append((end.start + 1, end.start + 1, f" FILTER ({keep})"))
    for start, end, text in sorted(edits, reverse=True):
        sparql = sparql[:start] + text + sparql[end:]
    return sparql


def _braces(toks: list[Token]) -> dict[int, int]:
    """The index of the brace that closes each opening brace that is closed, in one pass."""
    opened: list[int] = []
    closes: dict[int, int] = {}
    for i, t in enumerate(toks):
        if t.kind == "punct" and t.text == "{":
            opened.append(i)
        elif t.kind == "punct" and t.text == "}" and opened:
            closes[opened.pop()] = i
    return closes
