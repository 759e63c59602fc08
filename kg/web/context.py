"""What a request handler needs: the configuration, this process's store, the IRIs it serves, and
the format the client asked for."""
from __future__ import annotations

from flask import current_app, request

from ..config import Config
from ..iris import Iris
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


def wanted(kind: str, html: str | None = None) -> Format:
    """The format to answer this request with (`format` parameter, then Accept): see results.negotiate."""
    return negotiate(kind, request.headers.get("Accept"), request.args.get("format"), html)
