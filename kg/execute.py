"""Running one SPARQL query against the store under the endpoint's limits.

The contract every caller relies on (the /sparql endpoint, saved queries, `kg query`):
`run(...)` returns a results.Outcome or raises QueryRejected (a client mistake: 4xx) or
QueryTimeout (the query ran past its time budget)."""
from __future__ import annotations

import re

from .config import Config
from .results import NotAcceptable, Outcome, render
from .store.embedded import current


class QueryRejected(Exception):
    """The client's query cannot be run: malformed, an update, or a forbidden SERVICE."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


class QueryTimeout(Exception):
    def __init__(self, seconds: float):
        super().__init__(f"query exceeded the time limit of {seconds:g} s and was stopped")
        self.seconds = seconds


_UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                     re.IGNORECASE)


def run(config: Config, sparql: str, *, accept: str | None = None, format: str | None = None,
        default_graphs=None, named_graphs=None, substitutions=None, timeout: float | None = None,
        max_results: int | None = None, prefixes: dict[str, str] | None = None) -> Outcome:
    if _UPDATE.match(sparql):
        raise QueryRejected("SPARQL Update is not accepted: this endpoint is read-only", 403)
    store = current(config.store_dir)
    try:
        result = store.query(sparql, default_graphs=default_graphs, named_graphs=named_graphs,
                             substitutions=substitutions)
        return render(result, accept=accept, format=format,
                      max_results=config.max_results if max_results is None else min(max_results, config.max_results),
                      prefixes=prefixes)
    except SyntaxError as exc:
        raise QueryRejected(f"malformed query: {exc}") from None
    except NotAcceptable as exc:
        raise QueryRejected(str(exc), 406) from None
