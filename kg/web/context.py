"""What a request handler needs: the configuration, this process's store, the IRIs it serves, the
reader's language, and the format the client asked for."""
from __future__ import annotations

from flask import current_app, g, request

from ..config import Config
from ..iris import Iris
from ..linked import labels
from ..query.results import Format, negotiate
from ..store import Store, open_store


def config() -> Config:
    return current_app.config["KG"]


def store() -> Store:
    """This worker's store: the embedded one read-only (reopened after a rebuild), or the remote one."""
    return open_store(config())


def iris() -> Iris:
    return Iris(config().base_iri)


def href(iri: str) -> str:
    """A link to `iri`: on this server (under its script root) when it serves it, else the IRI itself."""
    return iris().href(iri, request.script_root)


def language() -> str:
    """The reader's language, from Accept-Language: one of the dataset's (English unless Spanish is
    preferred). Pages that use it say so with Vary: Accept-Language (see app.py)."""
    if "language" not in g:
        g.language = request.accept_languages.best_match(labels.LANGUAGES, default=labels.LANGUAGES[0])
    return g.language


def languages() -> tuple[str, ...]:
    """The order in which the label picker tries languages for this reader."""
    return labels.order(language())


def wanted(kind: str, html: str | None = None) -> Format:
    """The format to answer this request with (`format` parameter, then Accept): see results.negotiate."""
    return negotiate(kind, request.headers.get("Accept"), request.args.get("format"), html)


def request_root() -> str:
    """The script root the server answers under (links in pages start with it)."""
    return request.script_root
