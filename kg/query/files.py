"""The SPARQL files the application runs itself, read once per process.

Every SPARQL text lives under queries/: the saved queries at the top (the public catalogue, see
saved.py), and the queries behind the Linked Data descriptions (queries/linked/) and the web pages
(queries/pages/) in folders of their own."""
from __future__ import annotations

from functools import lru_cache

from ..config import ROOT

QUERIES = ROOT / "queries"


@lru_cache(maxsize=None)
def sparql(name: str) -> str:
    """The text of queries/NAME (e.g. "linked/describe.rq")."""
    return (QUERIES / name).read_text(encoding="utf-8")
