"""The extractor's words and patterns, read from data/lexicons (one folder per language).

A pattern is a line of tokens in a small syntax (data/lexicons/README.md) turned into spaCy
Matcher patterns here, so that linguists edit YAML, not code."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .. import yamlfile
from ..config import ROOT
from ..dates import lexicon as date_lexicon

LEXICONS = ROOT / "data" / "lexicons"
LANGUAGES = ("es", "en")


# A regular expression made of letters, alternatives and classes only ("~^(reunió|reunieron)$",
# "~^re[uú]n(ió|ieron)$"): it spells words out, and matches them like words.
_WORDS = re.compile(r"[\w|()\[\]^$'’-]+")


def fold(text: str) -> str:
    """Lower case without accents, a typographic apostrophe a straight one ("Charge d’Affaires"): what the
    pipeline puts in each token's NORM (kg.extract.text)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def token_pattern(line: str) -> list[dict]:
    """'~^reuni(ó|eron)$ ?a|con *3 word' -> spaCy Matcher token dicts (case-insensitive; @Cap: a capitalised word).
    Words match with or without their accents ("se reunió", "se reunio": real texts drop them);
    a regular expression over parts of words matches as written ("~^\\w+(rá|rán)$" is not "para")."""
    out = []
    for tok in line.split():
        if tok.startswith("*") and tok[1:].isdigit():
            out.append({"OP": "{0,%s}" % tok[1:]})
            continue
        spec: dict = {}
        if tok.startswith("?") and len(tok) > 1:
            spec["OP"], tok = "?", tok[1:]
        if tok == "@Cap":
            spec["TEXT"] = {"REGEX": r"^[A-ZÀ-ÖØ-Þ]"}     # ("President", and an acronym: "met US Trade Representative …")
        elif tok.startswith("~") and _WORDS.fullmatch(tok[1:]):
            spec["NORM"] = {"REGEX": fold(tok[1:])}
        elif tok.startswith("~"):
            spec["LOWER"] = {"REGEX": tok[1:]}
        elif "|" in tok:
            spec["NORM"] = {"IN": [fold(w) for w in tok.split("|")]}
        else:
            spec["NORM"] = fold(tok)
        out.append(spec)
    return out


@dataclass
class Language:
    code: str
    meetings: dict = field(default_factory=dict)
    commitments: dict = field(default_factory=dict)
    agreements: dict = field(default_factory=dict)
    actors: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)
    text: dict = field(default_factory=dict)

    def titles(self) -> dict[str, str]:
        """Title phrase (lower case) -> role."""
        return {t.lower(): role for role, words in self.actors["titles"].items() for t in words}


@lru_cache(maxsize=None)
def language(code: str) -> Language:
    folder = LEXICONS / code
    return Language(code, *(yamlfile.read(folder / f"{name}.yaml") for name in ("meetings", "commitments", "agreements", "actors", "topics", "names", "text")))


@lru_cache(maxsize=1)
def known_agreements() -> list[dict]:
    return yamlfile.read(LEXICONS / "agreements.yaml") or []


@lru_cache(maxsize=1)
def name_fillers() -> frozenset[str]:
    return frozenset((yamlfile.read(LEXICONS / "names.yaml") or {}).get("filler", []))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, dict[str, list[str]]]:
    return yamlfile.read(LEXICONS / "demonyms.yaml") or {}


@lru_cache(maxsize=1)
def date_names() -> frozenset[str]:
    """Month and weekday names of the date lexicon (longer than three letters): capitalised, they
    still start no name ("On Tuesday, …", "… Accords on December 10")."""
    return frozenset(w for table in ("months", "weekdays") for w in date_lexicon()[table] if len(w) > 3)
