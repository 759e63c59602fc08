"""Error responses: a status and a plain sentence a person (or curl) can read, from one handler.

Every client mistake is raised as a ClientError wherever it is found; this module turns it into
the response (for Flask's views, and for the queries /sparql answers in front of Flask). A missing
store (no build yet) or a remote store that fails is a 503, not a 500."""
from __future__ import annotations

from flask import Flask, Response

from ..errors import ClientError, InputError
from ..store.remote import RemoteError

UNAVAILABLE = (InputError, RemoteError)   # the store is not there, or does not answer


def problem(status: int, message: str, headers: dict | None = None) -> Response:
    return Response(message.rstrip("\n") + "\n", status=status, headers=headers or {},
                    content_type="text/plain; charset=utf-8")


def response_for(exc: ClientError | InputError | RemoteError) -> Response:
    """The answer to an error the app expects: a ClientError says its status, message and when to try
    again; an InputError or RemoteError here is a store that is not there or does not answer."""
    if isinstance(exc, UNAVAILABLE):
        return problem(503, f"the store is unavailable: {exc}")
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    return problem(exc.status, exc.message, headers)


def register(app: Flask) -> None:
    for error in (ClientError, *UNAVAILABLE):
        app.register_error_handler(error, response_for)
