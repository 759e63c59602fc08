"""Identity of extracted facts: deterministic slugs from normalised content, so that two
documents stating the same meeting or agreement mint the same IRI and the graph merges them."""
from __future__ import annotations

import re
import unicodedata

from ..dates import DateRange, PartialDate

MAX_SLUG = 80
# Words that do not tell two names apart ("the", "de"…): dropped before comparing names.
_FILLER = frozenset("the a an of on for and between with el la los las de del y e entre sobre para con en al".split())


def fold(text: str) -> str:
    """Lower case without accents: 'Perú' and 'Peru' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str, limit: int = MAX_SLUG) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0]
    return s or "x"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def name_key(text: str, drop: frozenset[str] = frozenset()) -> str:
    """A name reduced to the words that identify it: parties' names and filler removed."""
    return " ".join(w for w in words(text) if w not in _FILLER and w not in drop)


def date_slug(date) -> str:
    if isinstance(date, PartialDate):
        return date.iso
    if isinstance(date, DateRange):
        return date.start.iso
    return ""


def fact_id(*parts: str) -> str:
    return slug("-".join(p for p in parts if p))
