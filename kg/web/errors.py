"""Error responses: a status and a plain sentence a person (or curl) can read, from one handler.

Every client mistake is raised as a ClientError wherever it is found; this module turns it into
the response. A missing store (no build yet) or a remote store that fails is a 503, not a 500."""
from __future__ import annotations

from flask import Flask, Response

from ..errors import ClientError, InputError
from ..store.remote import RemoteError


def problem(status: int, message: str, headers: dict | None = None) -> Response:
    return Response(message.rstrip("\n") + "\n", status=status, headers=headers or {},
                    content_type="text/plain; charset=utf-8")


def register(app: Flask) -> None:
    @app.errorhandler(ClientError)
    def client_error(exc: ClientError):
        return problem(exc.status, exc.message)

    @app.errorhandler(InputError)
    @app.errorhandler(RemoteError)
    def store_unavailable(exc: InputError | RemoteError):
        return problem(503, f"the store is unavailable: {exc}")
