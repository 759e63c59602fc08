"""Errors worded so that a person can find and fix the cause.

Two kinds: InputError for what the build reads (it names the file and line), and ClientError for
what a request asks that the server will not or cannot answer (it carries the HTTP status and names
the parameter, header or query position at fault). The web layer turns a ClientError into one kind
of response in one place (kg/web/errors.py); the CLI prints it."""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: names the file (and line or fact) at fault."""

    def __init__(self, path: Path | str | None, message: str, line: int | None = None):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = message
        where = "" if self.path is None else str(self.path) + (f":{line}" if line else "") + ": "
        super().__init__(where + message)


class ClientError(Exception):
    """A request that gets an answer other than its result.

    `status` is the HTTP status: 4xx for the client's mistake (a malformed query, a bad parameter,
    a format that cannot carry the result…), 502 when a SERVICE endpoint failed, 503 when the
    query cannot be served now (time limit, busy, store missing); `where` names what it applies to
    (`parameter 'actor'`, `Accept`, `line 3, column 7`), and is already part of `message`."""

    def __init__(self, status: int, message: str, where: str | None = None, retry_after: int | None = None):
        self.status, self.where, self.retry_after = status, where, retry_after
        self.message = f"{where}: {message}" if where else message
        super().__init__(self.message)

    def __reduce__(self):  # crosses the socket to and from query processes as a pickle
        return _rebuild, (self.status, self.message, self.where, self.retry_after)


def _rebuild(status: int, message: str, where: str | None, retry_after: int | None = None) -> ClientError:
    error = ClientError(status, message, retry_after=retry_after)
    error.where = where
    return error
