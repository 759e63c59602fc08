"""Which of a thing's labels a reader sees: one rule for every page, table and title."""
from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal

LANGUAGES = ("en", "es")   # the dataset's languages, in the order a reader who states none gets them
BRIEF = 90                 # characters: a longer label (a whole sentence) is cut where a reader scans a list


def order(language: str | None) -> tuple[str, ...]:
    """The dataset's languages with the reader's first (a language the dataset lacks changes nothing)."""
    lang = (language or "").lower().split("-")[0]
    return (lang, *(x for x in LANGUAGES if x != lang)) if lang in LANGUAGES else LANGUAGES


def pick_literal(literals: Iterable[Literal | None], languages: Iterable[str] = LANGUAGES) -> Literal | None:
    """The label in the first of `languages` that has one, then an untagged one, then any other;
    among equals the smallest value, so that the choice is the same every time."""
    order_ = [lang.lower() for lang in languages]

    def rank(lit: Literal):
        lang = (lit.language or "").lower().split("-")[0]
        return (order_.index(lang) if lang in order_ else len(order_) + (0 if not lang else 1), lit.value)

    found = [lit for lit in literals if lit is not None]
    return min(found, key=rank) if found else None


def pick(literals: Iterable[Literal | None], languages: Iterable[str] = LANGUAGES) -> str | None:
    """The value of pick_literal()."""
    found = pick_literal(literals, languages)
    return found.value if found else None


def brief(text: str, limit: int = BRIEF) -> str:
    """`text` cut at a word before `limit` characters, with an ellipsis: a label that is a whole
    sentence (as some extracted facts have) reads as a name in a list; pages give it whole."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.–-")
    return cut + "…"


def distinct(literals: Iterable[Literal]) -> list[Literal]:
    """Literals with the same text once (an alias given in both languages is one alias), in order."""
    seen, out = set(), []
    for lit in literals:
        key = " ".join(lit.value.split()).casefold()
        if key not in seen:
            seen.add(key)
            out.append(lit)
    return out
