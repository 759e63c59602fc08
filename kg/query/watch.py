"""Watching the client while its query runs: a client that closes its connection gets its query
stopped (its query process is killed and replaced), instead of leaving it to run to the time limit.

The web layer names the requester's socket for the request's duration (`follow`); while a
request waits for its query's reply, the socket is polled beside the query process's: end of
file (or a reset) on it means the client has gone. Bytes on it (a pipelined next request) are
not a departure: the socket is then no longer watched for this query."""
from __future__ import annotations

import contextvars
import socket
import time
from multiprocessing.connection import wait

_client: contextvars.ContextVar = contextvars.ContextVar("kg_client", default=(None, None))


class ClientGone(Exception):
    """The client closed its connection."""


def follow(sock: socket.socket | None, arrived: float | None = None) -> None:
    """For the request this thread now serves: the client's socket (None: nothing to watch) and when
    the request arrived (time.monotonic(); None: now). The web layer sets and clears it."""
    _client.set((sock, arrived))


def current() -> socket.socket | None:
    return _client.get()[0]


def arrived() -> float | None:
    return _client.get()[1]


def gone(sock: socket.socket) -> bool | None:
    """True: the peer closed; False: it sent more bytes; None: nothing to read yet."""
    try:
        data = sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except (BlockingIOError, InterruptedError):
        return None
    except OSError:  # reset, or the socket is already closed
        return True
    return not data


def reply_ready(conn, timeout: float, client: socket.socket | None = None) -> bool:
    """Whether `conn` has a reply within `timeout` seconds; ClientGone if `client` closes first."""
    if client is None:
        return conn.poll(timeout)
    try:
        if client.fileno() < 0:   # already closed on this side
            return conn.poll(timeout)
    except OSError:
        return conn.poll(timeout)
    deadline = time.monotonic() + timeout
    watched = [conn, client]
    while True:
        left = deadline - time.monotonic()
        ready = wait(watched, max(left, 0))
        if conn in ready:
            return True
        if client in ready:
            state = gone(client)
            if state:
                raise ClientGone
            if state is False:  # a pipelined request, not a departure: stop watching
                watched = [conn]
        if left <= 0:
            return False
