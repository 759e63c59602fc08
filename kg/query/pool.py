"""A pool of query processes that can be killed.

pyoxigraph has no way to cancel a running query, so every query runs in a separate, pre-started
process that opens the store read-only; a query past its deadline is stopped by killing its
process (SIGKILL: the work really ends), and a fresh process takes its place. Requests cross a
socket pair as pickles; an answer as two messages, a small pickled header and then the result's
body as the raw bytes it was serialised to (never pickled: a large result is not copied again).

Run as `python -m kg.query.pool FD PARENT [--isolate]`: the child side. With --isolate (for every
query that has no allow-listed SERVICE) the child moves into a network namespace of its own where
nothing can be reached: a wall behind the query check (kg.query.guard) that does not depend on it."""
from __future__ import annotations

import ctypes
import logging
import os
import pickle
import queue
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection

from . import limits, watch
from .results import Outcome

log = logging.getLogger(__name__)
STARTUP_SECONDS = 30.0


class Busy(Exception):
    """No query process became free before the request's deadline."""


class Died(RuntimeError):
    """The query process ended without answering (crashed, killed from outside, or stopped by one of
    its limits): `returncode` and the tail of its standard error tell which (see limits.refusal)."""

    def __init__(self, message: str, returncode: int | None = None, stderr: str = ""):
        super().__init__(message)
        self.returncode, self.stderr = returncode, stderr


class Abandoned(Exception):
    """The client closed its connection while its query ran (see watch.py)."""


# ---------------------------------------------------------------- parent side

class Executor:
    """One query process and the socket that talks to it."""

    def __init__(self, isolate: bool):
        mine, theirs = socket.socketpair()
        # The child's standard error is kept, to tell the limit that stopped it (see limits.refusal).
        self.stderr = tempfile.TemporaryFile()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kg.query.pool", str(theirs.fileno()), str(os.getpid())]
                + (["--isolate"] if isolate else []),
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stderr=self.stderr)
        finally:
            theirs.close()
        self.conn = Connection(mine.detach())
        self._answered = select.poll()   # made once: Connection.poll() builds a selector on every call
        self._answered.register(self.conn.fileno(), select.POLLIN)
        if not self.conn.poll(STARTUP_SECONDS):
            self.kill()
            raise Died(f"query process did not start within {STARTUP_SECONDS:g} s")
        try:
            _, self.pid, self.isolated = pickle.loads(self.conn.recv_bytes())
        except EOFError:
            self.kill()
            raise Died("query process exited while starting (see the log above)") from None

    def call(self, request: dict, timeout: float, client=None):
        """The child's reply, or TimeoutError if none came within `timeout` seconds; Abandoned if
        `client` (the requester's socket) closed meanwhile."""
        try:
            self.conn.send_bytes(pickle.dumps(request))
            if self._ready(timeout, client):
                status, value = pickle.loads(self.conn.recv_bytes())
                if status == "ok":   # the body follows, as it was written
                    kind, fmt, count, truncated = value
                    value = Outcome(kind, fmt, self.conn.recv_bytes(), count, truncated)
                return status, value
        except watch.ClientGone:
            raise Abandoned from None
        except (EOFError, OSError):
            raise self.died() from None
        raise TimeoutError

    def _ready(self, timeout: float, client) -> bool:
        """Whether the reply came within `timeout` seconds; with a client to watch, ClientGone if it left."""
        if client is None:   # the poller made once: Connection.poll() builds a selector on every call
            return bool(self._answered.poll(max(timeout, 0) * 1000))
        return watch.reply_ready(self.conn, max(timeout, 0), client)

    def died(self) -> Died:
        """How the process ended, once it has: exit status and the end of what it wrote to stderr."""
        try:
            self.proc.wait(2)
        except subprocess.TimeoutExpired:
            pass
        self.stderr.seek(0, os.SEEK_END)
        self.stderr.seek(max(self.stderr.tell() - (1 << 18), 0))   # a Rust backtrace may follow the cause
        tail = self.stderr.read().decode("utf-8", "replace")
        ended = limits.how_it_ended(self.proc.returncode)
        log.warning("query process %s %s: %s", self.proc.pid, ended, limits.cause(tail))
        return Died(f"query process {self.proc.pid} {ended}", self.proc.returncode, tail)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.conn.close()
        self.stderr.close()


class Pool:
    """Up to `size` query processes for this process's threads; `warm` of them started ahead."""

    def __init__(self, size: int, isolate: bool, warm: int = 0, warmup: dict | None = None):
        self.size, self.isolate, self.warm = size, isolate, min(warm, size)
        self._idle: queue.LifoQueue = queue.LifoQueue()   # LIFO: the most recently used stays hot
        self._lock = threading.Lock()
        self._live = 0                                     # started or starting
        self._spawns: queue.Queue = queue.Queue()
        self.isolated: bool | None = None
        self.warmup = warmup   # a request each new process answers first (it opens the store)
        # One long-lived thread starts every child: the children's parent-death signal is tied to
        # the thread that started them, so it must not be a short-lived one.
        threading.Thread(target=self._spawn_loop, name="kg-executor-spawner", daemon=True).start()
        self._top_up()

    def _spawn_loop(self) -> None:
        while True:
            self._spawns.get()
            try:
                ex = Executor(self.isolate)
                self.isolated = ex.isolated
                if self.warmup:  # so that its first real query does not pay for opening the store
                    try:
                        ex.call(self.warmup, STARTUP_SECONDS)
                    except BaseException:
                        ex.kill()
                        raise
            except Exception as exc:  # reported to the waiting request, not lost
                log.error("cannot start a query process: %s", exc)
                with self._lock:
                    self._live -= 1
                self._idle.put(exc)
                continue
            self._idle.put(ex)

    def _top_up(self) -> None:
        with self._lock:
            while self._live < self.warm:
                self._live += 1
                self._spawns.put(None)

    def acquire(self, deadline: float) -> Executor:
        while True:
            try:
                item = self._idle.get_nowait()
            except queue.Empty:
                with self._lock:
                    if self._live < self.size:
                        self._live += 1
                        self._spawns.put(None)
                try:
                    item = self._idle.get(timeout=max(deadline - time.monotonic(), 0))
                except queue.Empty:
                    raise Busy from None
            if isinstance(item, Exception):
                raise Died(str(item))
            if item.alive():
                return item
            self.discard(item)  # died while idle (killed from outside): try another

    def release(self, ex: Executor) -> None:
        self._idle.put(ex)

    def discard(self, ex: Executor) -> None:
        """Kill a process (its query ran too long or it broke) and start a replacement."""
        ex.kill()
        with self._lock:
            self._live -= 1
        self._top_up()

    def stats(self) -> dict:
        return {"size": self.size, "live": self._live, "idle": self._idle.qsize(),
                "network_isolated": self.isolated}

    def shutdown(self) -> None:
        while True:
            try:
                item = self._idle.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, Executor):
                item.kill()


# ---------------------------------------------------------------- child side

def _die_with_parent(parent: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if hasattr(libc, "prctl"):  # Linux
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: SIGKILL when the parent goes
    if os.getppid() != parent:     # it went before the line above
        os._exit(1)


def _isolate_network() -> bool:
    """Enter an empty network namespace: no route anywhere, not even loopback."""
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "unshare"):  # not Linux: the query check stands alone (see kg.execute)
        return False
    if libc.unshare(0x40000000) == 0:  # CLONE_NEWNET (root)
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(0x10000000 | 0x40000000) != 0:  # CLONE_NEWUSER | CLONE_NEWNET (unprivileged)
        return False
    try:  # keep our own identity inside, so the store's files stay readable
        for path, text in (("/proc/self/setgroups", "deny"), ("/proc/self/uid_map", f"{uid} {uid} 1"),
                           ("/proc/self/gid_map", f"{gid} {gid} 1")):
            with open(path, "w") as f:
                f.write(text)
    except OSError:
        pass
    return True


def _answer(request: dict):
    from pathlib import Path

    from ..errors import ClientError, InputError
    from ..store.embedded import current
    from .results import render

    try:
        store = current(Path(request["store_dir"]))

        def evaluate():
            return store.query(request["sparql"], default_graphs=request["default_graphs"],
                               named_graphs=request["named_graphs"], substitutions=request["substitutions"],
                               base_iri=request.get("base_iri"))

        return "ok", render(evaluate(), accept=request["accept"], format=request["format"],
                            max_results=request["max_results"], prefixes=request["prefixes"], again=evaluate)
    except SyntaxError as exc:
        return "error", ClientError(400, f"malformed query: {exc}")
    except MemoryError:
        return "error", limits.memory_exceeded(request.get("memory"))
    except ClientError as exc:
        return "error", exc
    except InputError as exc:
        return "error", ClientError(503, f"the store is unavailable: {exc}")
    except OSError as exc:  # a SERVICE endpoint could not be reached or answered badly
        return "error", ClientError(502, f"a SERVICE endpoint failed: {type(exc).__name__}: {exc}")
    except Exception as exc:  # an evaluation error: the query's fault (unbound SERVICE, bad cast…)
        return "error", ClientError(400, f"query evaluation failed: {type(exc).__name__}: {exc}")


def main(argv: list[str]) -> int:
    fd, parent = int(argv[0]), int(argv[1])
    _die_with_parent(parent)
    isolated = _isolate_network() if "--isolate" in argv else False
    conn = Connection(fd)
    limits.no_core_files()
    from ..store import embedded  # noqa: F401

    conn.send_bytes(pickle.dumps(("ready", os.getpid(), isolated)))
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except EOFError:  # the parent closed the socket: its pool is gone
            return 0
        limits.apply(request.get("memory"), request.get("cpu"))
        status, value = _answer(request)
        if status == "ok":
            conn.send_bytes(pickle.dumps((status, (value.kind, value.format, value.count, value.truncated))))
            conn.send_bytes(value.body)
        else:
            conn.send_bytes(pickle.dumps((status, value)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
