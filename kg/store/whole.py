"""SELECT answers read whole from a store that cuts them short without saying so.

Virtuoso sends at most 2^20 rows of a SELECT, whatever its ResultSetMaxRows, and marks nothing: an
answer of exactly that many rows was cut. The reader's directory of names reads more than that over
10 million triples. A cut answer goes on with the same query run again in buckets of its first
variable's values (by the first hex digits of their MD5, even whatever the values), the rows already
given skipped. Only a query whose rows do not depend on each other can be split so: one with ORDER
BY, LIMIT, OFFSET, GROUP BY or an aggregate that is cut raises an error instead of answering wrong."""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterator

from ..query.lexer import significant  # a dependency-free leaf module (see values.py)

HEX = "0123456789abcdef"
MOST_DIGITS = 4   # 65,536 buckets: a bucket still cut then holds one value's rows, which cannot be split
WHOLE_ROWS = {"ORDER", "LIMIT", "OFFSET", "GROUP", "HAVING", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE",
              "GROUP_CONCAT", "FROM"}


def splittable(sparql: str) -> bool:
    """Whether the rows of this SELECT can be gathered from buckets of its first variable."""
    return not any(t.keyword in WHOLE_ROWS for t in significant(sparql))


def bucket(sparql: str, variables: list[str], prefix: str) -> str:
    """The query's rows (as `variables`, in their order) whose first variable has an MD5 (of its
    string; "" when unbound) starting with `prefix`."""
    select = next(t for t in significant(sparql) if t.keyword == "SELECT")
    prologue, body = sparql[:select.start], sparql[select.start:]
    return (f'{prologue}SELECT {" ".join("?" + v for v in variables)} WHERE {{ {{ {body}\n}} '
            f'FILTER (STRSTARTS(MD5(COALESCE(STR(?{variables[0]}), "")), "{prefix}")) }}')


class Whole:
    """A SELECT answer (`.variables`, rows) that goes on past the store's cut of `cut` rows; `again(prefix)`
    runs the query again for one bucket (None: the query cannot be split); `error` is the store's
    exception class, raised when the answer cannot be read whole."""

    def __init__(self, first, cut: int, again: Callable[[str], object] | None, error: type[Exception]):
        self.variables = first.variables
        self._first, self._cut, self._again, self._error = first, cut, again, error

    def __iter__(self) -> Iterator:
        given: Counter = Counter()
        for row in self._first:
            given[hash(tuple(row))] += 1
            yield row
        if given.total() < self._cut:
            return
        if self._again is None:
            raise self._error(f"the store cut the answer at {self._cut:,} rows, and a query with ORDER BY, LIMIT, "
                            "OFFSET, GROUP BY or an aggregate cannot be read again in parts")
        for row in self._buckets(""):
            key = hash(tuple(row))
            if given[key]:
                given[key] -= 1   # given with the cut answer
            else:
                yield row

    def _buckets(self, prefix: str) -> Iterator:
        for digit in HEX:
            rows = list(self._again(prefix + digit))
            if len(rows) < self._cut:
                yield from rows
            elif len(prefix) + 1 < MOST_DIGITS:
                yield from self._buckets(prefix + digit)
            else:
                raise self._error(f"the store cut the answer at {self._cut:,} rows even in parts")
