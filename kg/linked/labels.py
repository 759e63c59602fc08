"""Which of a thing's labels a reader sees: one rule for every page, table and title."""
from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal

LANGUAGES = ("en", "es")   # the dataset's languages, in the order a reader who states none gets them


def pick(literals: Iterable[Literal | None], languages: Iterable[str] = LANGUAGES) -> str | None:
    """The label in the first of `languages` that has one, then an untagged one, then any other;
    among equals the smallest value, so that the choice is the same every time."""
    order = [lang.lower() for lang in languages]

    def rank(lit: Literal):
        lang = (lit.language or "").lower().split("-")[0]
        return (order.index(lang) if lang in order else len(order) + (0 if not lang else 1), lit.value)

    found = [lit for lit in literals if lit is not None]
    return min(found, key=rank).value if found else None
