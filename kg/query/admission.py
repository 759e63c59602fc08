"""Admission control: how many queries run at once in a server process, in which lane, how many
may wait, and who is refused at once; so that cheap queries stay fast while heavy ones run.

Per pool of query processes (see run.pool), two lanes:
- the light lane: `slots` processes for queries not known to be heavy, each stopped after at most
  LIGHT_SECONDS of running. Nearly every query ends well within that. One that does not is
  stopped there, its text remembered as heavy (for HEAVY_MEMORY seconds), and it moves to
- the heavy lane: `heavy` processes for queries known to be heavy, each with the rest of its
  whole time budget. Heavy queries never hold the light lane's processes, so however many of them
  come, a cheap query finds a light process within a light query's time.
- at most `queue` queries wait (for either lane); the wait counts in the query's time budget (the
  deadline is fixed when the request arrived), and a query still waiting at its deadline gets a
  503 that says so. A query that finds the queue full is refused at once: 503 with Retry-After.

Known-heavy texts are remembered by a fingerprint of their tokens (comments and spacing do not
count), a few thousand of them, the least recently seen forgotten first."""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from ..errors import ClientError
from .lexer import significant

HEAVY = 2               # heavy-lane query processes per pool, beside the light lane's
LIGHT_SECONDS = 2.0     # the most a query may run in the light lane
HEAVY_MEMORY = 600.0    # seconds a text stays known as heavy after it was last seen so
REMEMBERED = 4096       # heavy texts remembered at most
RETRY_AFTER = 2         # seconds a refused client is asked to wait

T = TypeVar("T")
LIGHT, HEAVY_LANE = "light", "heavy"


def fingerprint(sparql: str) -> str:
    """A query text's identity for the heavy list: its tokens, without comments or spacing."""
    return hashlib.sha1("\x1f".join(t.text for t in significant(sparql)).encode()).hexdigest()


class Gate:
    def __init__(self, slots: int, heavy: int = HEAVY, queue: int = 8):
        self.slots, self.heavy, self.queue = slots, heavy, queue
        self._cond = threading.Condition()
        self.running = {LIGHT: 0, HEAVY_LANE: 0}
        self.waiting = 0
        self.refused = 0
        self._heavy: OrderedDict[str, float] = OrderedDict()   # fingerprint -> when last seen heavy

    def _size(self, lane: str) -> int:
        return self.slots if lane == LIGHT else self.heavy

    # ------------------------------------------------------------ the heavy list

    def is_heavy(self, fp: str) -> bool:
        with self._cond:
            seen = self._heavy.get(fp)
            if seen is None:
                return False
            if time.monotonic() - seen > HEAVY_MEMORY:
                del self._heavy[fp]
                return False
            return True

    def mark_heavy(self, fp: str) -> None:
        with self._cond:
            self._heavy[fp] = time.monotonic()
            self._heavy.move_to_end(fp)
            while len(self._heavy) > REMEMBERED:
                self._heavy.popitem(last=False)

    # ------------------------------------------------------------ lanes

    def enter(self, lane: str, deadline: float) -> str:
        """Room in `lane`, once there is some; ClientError (503) if the queue is full or the wait
        outlasts the query's deadline."""
        with self._cond:
            if self.running[lane] < self._size(lane):
                self.running[lane] += 1
                return lane
            if self.waiting >= self.queue:
                self.refused += 1
                raise ClientError(503, f"the server is busy: {sum(self.running.values())} queries are running and "
                                       f"{self.waiting} are waiting for a query process; try again in a moment",
                                  retry_after=RETRY_AFTER)
            self.waiting += 1
            try:
                while self.running[lane] >= self._size(lane):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise ClientError(503, "every query process stayed busy for the whole time budget of this "
                                               "query, which includes the wait; try again in a moment",
                                          retry_after=RETRY_AFTER)
                    self._cond.wait(left)
                self.running[lane] += 1
                return lane
            finally:
                self.waiting -= 1

    def leave(self, lane: str) -> None:
        with self._cond:
            self.running[lane] -= 1
            self._cond.notify_all()

    def admit(self, sparql: str, deadline: float, attempt: Callable[[float | None], T]) -> T:
        """Run `attempt(cut)`: in the light lane for at most `cut` seconds of running, or in the heavy
        lane until the deadline (cut None). An attempt cut in the light lane raises TimeoutError;
        the query is then known as heavy, and attempted again in the heavy lane."""
        fp = fingerprint(sparql)
        lane = self.enter(HEAVY_LANE if self.is_heavy(fp) else LIGHT, deadline)
        try:
            if lane == LIGHT:
                try:
                    return attempt(LIGHT_SECONDS)
                except TimeoutError:
                    self.mark_heavy(fp)
                self.leave(lane)
                lane = None
                lane = self.enter(HEAVY_LANE, deadline)
            return attempt(None)
        finally:
            if lane is not None:
                self.leave(lane)

    def stats(self) -> dict:
        with self._cond:
            return {"light": self.running[LIGHT], "heavy": self.running[HEAVY_LANE], "waiting": self.waiting,
                    "light_slots": self.slots, "heavy_slots": self.heavy, "queue": self.queue,
                    "refused": self.refused, "heavy_known": len(self._heavy)}
