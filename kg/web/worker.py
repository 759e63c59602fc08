"""gunicorn's threaded worker, with the request read in full before a thread takes it.

gunicorn's gthread worker hands a connection to a request thread as soon as it opens (or its first
byte arrives), and the thread then reads the request line, headers and body itself: clients that
send slowly, or open connections and send nothing, hold the threads, and a few of them stall every
other request (health checks included). This worker keeps every connection in its event loop
until the whole request has arrived (headers, and the body up to the size /sparql accepts, plain
or chunked), and only then gives it to a thread, with the bytes already read. A request that is not
complete within READ_SECONDS of the connection's first byte (or of its previous response) gets
408 and is closed; a connection that never sends anything is closed at the same deadline. Nothing
else about gunicorn changes: its parser reads the buffered bytes, its limits apply as before.

The moment a request was complete is passed to the app as `environ["kg.arrived"]`
(time.monotonic()): the query's time budget counts from it, waiting for a thread included."""
from __future__ import annotations

import errno
import selectors
import threading
import time
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

READ_SECONDS = 10.0        # to send a whole request, from its first byte (or from connecting)
MAX_HEAD = 1 << 20         # bytes of request line and headers gathered at most (gunicorn refuses past its limits)
BODY_LIMIT = 1_000_000     # set from KG_MAX_REQUEST_BYTES by `kg serve`: a longer body is handed over at once
_LATE = f"the request did not arrive in full within {READ_SECONDS:g} seconds\n".encode()
TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    b"Content-Length: " + str(len(_LATE)).encode() + b"\r\n\r\n" + _LATE)

_here = threading.local()


def _head_end(buf: bytes | bytearray) -> tuple[int, int]:
    """(end of the headers, start of the body), or (-1, -1) while the headers are incomplete."""
    crlf, lf = buf.find(b"\r\n\r\n"), buf.find(b"\n\n")
    if crlf >= 0 and (lf < 0 or crlf <= lf):
        return crlf, crlf + 4
    if lf >= 0:
        return lf, lf + 2
    return -1, -1


def _chunked_complete(body: memoryview, limit: int) -> bool:
    """Whether a chunked body has arrived in full (or is malformed or too long: the app answers)."""
    pos, total, n = 0, 0, len(body)
    while True:
        eol = bytes(body[pos:pos + 1024]).find(b"\n")
        if eol < 0:
            return n - pos > 1024       # a size line this long is malformed
        line = bytes(body[pos:pos + eol]).split(b";")[0].strip()
        try:
            size = int(line, 16)
        except ValueError:
            return True                 # malformed: handed over, refused by the app with a reason
        if size < 0:
            return True
        total += size
        if total > limit:
            return True
        pos += eol + 1
        if size == 0:                   # trailers, up to an empty line
            while True:
                eol = bytes(body[pos:pos + 8192]).find(b"\n")
                if eol < 0:
                    return n - pos > 8192
                if bytes(body[pos:pos + eol]).strip() == b"":
                    return True
                pos += eol + 1
        if n < pos + size + 2:
            return False
        pos += size
        pos += 2 if bytes(body[pos:pos + 2]) == b"\r\n" else 1


def complete(buf: bytes | bytearray, limit: int = BODY_LIMIT) -> bool:
    """Whether `buf` holds a whole request (or enough of a bad or oversized one for it to be refused)."""
    end, start = _head_end(buf)
    if end < 0:
        return len(buf) > MAX_HEAD
    length, chunked = None, False
    for line in bytes(buf[:end]).split(b"\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
        elif name == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return True
    if chunked:
        return _chunked_complete(memoryview(buf)[start:], limit)
    if length is None:
        return True
    return length > limit or len(buf) - start >= length


class BufferingWorker(ThreadWorker):
    """gthread, except that a thread gets a connection only once its request has arrived in full."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading: dict[TConn, float] = {}   # connection -> deadline

    def load_wsgi(self):
        super().load_wsgi()
        app = self.wsgi

        def stamped(environ, start_response):
            environ["kg.arrived"] = getattr(_here, "arrived", None)
            return app(environ, start_response)

        self.wsgi = stamped

    # ------------------------------------------------------------ reading in the event loop

    def accept(self, listener):
        try:
            client_sock, client_addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, client_sock, client_addr, listener.getsockname())  # non-blocking
        self._read(conn, bytearray())

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection's next request is starting: gather it before a thread takes it."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._read(conn, bytearray())
        self._on_readable(conn, client)

    def _read(self, conn, buffered: bytearray) -> None:
        conn.kg_buffer = buffered
        self.reading[conn] = time.monotonic() + READ_SECONDS
        conn.sock.setblocking(False)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))
        if complete(buffered, BODY_LIMIT) and buffered:
            self._hand_over(conn)

    def _on_readable(self, conn, client):
        """Gather what arrived; hand the connection over once its request is complete. Runs in the
        event loop: whatever goes wrong here drops this connection, never the worker."""
        try:
            self._gather(conn)
        except Exception:
            self.log.exception("dropping a connection whose request could not be read")
            if conn in self.reading:
                self._drop(conn)

    def _gather(self, conn) -> None:
        if conn not in self.reading:
            return
        try:
            while True:
                data = conn.sock.recv(65536)
                if not data:          # the client closed before its request was complete
                    self._drop(conn)
                    return
                conn.kg_buffer += data
                if len(data) < 65536:
                    break
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self._drop(conn)
            return
        if complete(conn.kg_buffer, BODY_LIMIT):
            self._hand_over(conn)

    def _hand_over(self, conn) -> None:
        self.reading.pop(conn, None)
        self.poller.unregister(conn.sock)
        conn.init()                   # the parser (no TLS here); the socket becomes blocking
        conn.parser.unreader.unread(bytes(conn.kg_buffer))
        conn.kg_buffer = bytearray()
        conn.data_ready = True
        conn.kg_arrived = time.monotonic()
        self.enqueue_req(conn)

    def _drop(self, conn, answer: bytes | None = None) -> None:
        self.reading.pop(conn, None)
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        if answer:
            try:
                conn.sock.send(answer)
            except OSError:
                pass
        self.nr_conns -= 1
        conn.close()

    def murder_keepalived(self, force=False):
        super().murder_keepalived(force)
        now = time.monotonic()
        for conn, deadline in list(self.reading.items()):
            if force or deadline <= now:
                self._drop(conn, TIMEOUT_RESPONSE if conn.kg_buffer else None)

    # ------------------------------------------------------------ after a response

    def finish_request(self, conn, fs):
        """Bytes of a next request already read (pipelined) are gathered in the loop too."""
        if (not fs.cancelled() and fs.exception() is None and fs.result() and self.alive
                and conn.parser is not None and conn.parser.unreader.buf.getvalue()):
            try:
                self._read(conn, bytearray(conn.parser.unreader.take_buffered()))
            except Exception:
                self.log.exception("dropping a connection whose next request could not be read")
                self._drop(conn)
            return
        super().finish_request(conn, fs)

    def handle(self, conn):
        _here.arrived = getattr(conn, "kg_arrived", None)
        try:
            return super().handle(conn)
        finally:
            _here.arrived = None
