"""Error responses of the HTTP API: a status and a plain sentence a person (or curl) can read."""
from __future__ import annotations

from flask import Response


def problem(status: int, message: str, headers: dict | None = None) -> Response:
    return Response(message.rstrip("\n") + "\n", status=status, headers=headers or {},
                    content_type="text/plain; charset=utf-8")
