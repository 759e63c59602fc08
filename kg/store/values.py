"""Binding variables to RDF terms in the text of a query sent over the SPARQL Protocol.

The embedded store binds a saved query's parameters with pyoxigraph's `substitutions`; the Protocol
has nothing like it, so the same binding is written as a VALUES block at the start of the query's
top-level group, where it joins everything the group matches. Only terms are written, each in its
canonical N-Triples form (an IRI pyoxigraph has checked, a literal with quotes, backslashes and line
ends escaped), so no value can close the block or add to the query."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode

# The one SPARQL lexer of the project: a leaf module with no dependencies, so importing it from this
# lower layer pulls nothing of the query layer with it.
from ..query.lexer import Token, significant

FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
MODIFIERS = ("GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES")


def block(substitutions: dict) -> str:
    for term in substitutions.values():
        if not isinstance(term, (NamedNode, Literal)):  # a blank node would be a fresh one in the text
            raise ValueError(f"only IRIs and literals can be bound over the Protocol, not {term!r}")
    names = " ".join(str(v) for v in substitutions)   # pyoxigraph writes a Variable as ?name
    terms = " ".join(str(t) for t in substitutions.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def _closing(toks: list[Token], at: int) -> int:
    """The index of the brace that closes the one at `at` (braces in strings and IRIs are other tokens)."""
    depth = 0
    for i in range(at, len(toks)):
        depth += {"{": 1, "}": -1}.get(toks[i].text, 0) if toks[i].kind == "punct" else 0
        if depth == 0:
            return i
    raise ValueError("unbalanced braces in the query")


def _end(t: Token) -> int:
    return t.start + len(t.text)


def bind(sparql: str, substitutions: dict | None) -> str:
    """`sparql` with each variable of `substitutions` bound to its term."""
    if not substitutions:
        return sparql
    values = block(substitutions)
    toks = list(significant(sparql, punctuation=True))
    at = next((i for i, t in enumerate(toks) if t.keyword in FORMS), None)
    if at is None:
        raise ValueError("no SELECT, CONSTRUCT, DESCRIBE or ASK in the query")
    i = at + 1
    if toks[at].keyword == "CONSTRUCT":
        if i < len(toks) and toks[i].text == "{":
            i = _closing(toks, i) + 1          # past the template
        else:                                   # CONSTRUCT WHERE { T }: the template is the pattern
            group = next(k for k in range(i, len(toks)) if toks[k].text == "{")
            close = _closing(toks, group)
            pattern = sparql[_end(toks[group]):toks[close].start]
            return (f"{sparql[:_end(toks[at])]} {{{pattern}}}{sparql[_end(toks[at]):_end(toks[group])]} {values}"
                    f"{sparql[_end(toks[group]):]}")
    depth = 0
    for k in range(i, len(toks)):
        t = toks[k]
        if t.kind == "punct" and t.text in "()":
            depth += 1 if t.text == "(" else -1
        elif t.kind == "punct" and t.text == "{" and depth == 0:
            close = _closing(toks, k)
            inner = toks[k + 1] if k + 1 < close else None
            if inner is not None and inner.keyword == "SELECT":  # a sub-query alone: VALUES cannot sit beside it
                return (f"{sparql[:_end(t)]} {values} {{{sparql[_end(t):toks[close].start]}}}"
                        f"{sparql[toks[close].start:]}")
            return f"{sparql[:_end(t)]} {values} {sparql[_end(t):]}"
        elif depth == 0 and t.keyword in MODIFIERS:   # DESCRIBE without WHERE, then modifiers
            return f"{sparql[:t.start]}WHERE {{ {values} }} {sparql[t.start:]}"
    return f"{sparql}\nWHERE {{ {values} }}\n"      # DESCRIBE ?x alone (after a possible comment)
