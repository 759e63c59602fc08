"""How alike two names are, whatever their accents, case and punctuation: "Gonzalez Olaechea" is
"González-Olaechea", "EE. UU." is "EE.UU.", and "peru" is "Perú"."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_NOT_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def normal(text: str) -> str:
    """Lowercase, without accents, punctuation or repeated spaces; dots inside abbreviations removed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"(?<=\w)\.(?=\w)", "", plain)  # EE.UU. -> EEUU.
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def similarity(query: str, name: str) -> float:
    """0 to 1: 1 for the same normalised text; else the better of the words they share (as shares of
    each side's words, so that "Javier" finds "Javier González-Olaechea") and the character-level
    ratio (for typos, weighed less: short words look alike), a little under 1 in any case."""
    a, b = normal(query), normal(name)
    if not a or not b:
        return 0.0
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return 1.0
    words_a, words_b = a.split(), b.split()
    shared = len(set(words_a) & set(words_b))
    by_words = (shared / len(set(words_a)) + shared / len(set(words_b))) / 2
    chars = SequenceMatcher(None, a, b)
    if 0.8 * chars.real_quick_ratio() <= by_words or 0.8 * chars.quick_ratio() <= by_words:
        return 0.95 * by_words  # ratio() is at most these bounds: no need to compute it
    return 0.95 * max(by_words, 0.8 * chars.ratio())
