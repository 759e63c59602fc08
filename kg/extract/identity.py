"""Identity of extracted facts: deterministic slugs from normalised content, so that two
documents stating the same meeting or agreement mint the same IRI and the graph merges them."""
from __future__ import annotations

import re

from .lexicon import fold, name_fillers

MAX_SLUG = 80


def slug(text: str, limit: int = MAX_SLUG) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0]
    return s or "x"


def person_slug(name: str) -> str:
    """A person's id without the initials sources give or leave out ("Brian A. Nichols", "Brian Nichols":
    brian-nichols), so that documents naming them either way mint one node."""
    parts = name.split()
    kept = [p for p in parts if not re.fullmatch(r"\w\.?", p)]
    return slug(" ".join(kept if len(kept) >= 2 else parts))


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def name_key(text: str, drop: frozenset[str] = frozenset()) -> str:
    """A name reduced to the words that identify it: parties' names and filler removed."""
    filler = name_fillers()      # words that do not tell two names apart (data/lexicons/names.yaml)
    return " ".join(w for w in words(text) if w not in filler and w not in drop)


def names_of(entry) -> list[str]:
    """Every name and alias of a gazetteer entry (actor, office or place), in every language."""
    return [n for v in [*entry.name.values(), *entry.aliases.values()] for n in ([v] if isinstance(v, str) else v)]


def date_slug(date) -> str:
    """A date or a span by where it starts ("" for none)."""
    return date.start.iso if date is not None else ""


def fact_id(*parts: str) -> str:
    return slug("-".join(p for p in parts if p))


class Countries:
    """The countries of a gazetteer as a text names them (names, aliases, demonyms), so that
    names can be compared without them ('U.S.-Peru Trade Promotion Agreement' -> 'trade promotion
    agreement') and the countries a name states can be read off it."""

    def __init__(self, gaz, demonyms: dict[str, dict[str, list[str]]]):
        phrases: dict[str, str] = {}
        for a in gaz.actors.values():
            if a.type == "Country":
                for n in names_of(a):
                    phrases.setdefault(fold(n), a.id)
        for country, by_lang in demonyms.items():
            for ws in by_lang.values():
                for w in ws:
                    phrases.setdefault(fold(w), country)
        self.phrases = phrases
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        self.rx = re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])")

    def strip(self, text: str) -> str:
        return self.rx.sub(" ", fold(text))

    def key(self, text: str) -> str:
        """A name without the countries it names, reduced to the words that identify it."""
        return name_key(self.strip(text))

    def named(self, text: str) -> list[str]:
        """The countries a text names, in order, each once."""
        found = (self.phrases[m.group(0)] for m in self.rx.finditer(fold(text))
                 if m.group(0) != "us" or re.search(r"\bUS\b", text))     # "us", the pronoun
        return list(dict.fromkeys(found))
