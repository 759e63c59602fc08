"""Admission control: how many queries run at once in a server process, how many may wait, and a
fast lane that keeps cheap queries answered while heavy ones hold every general slot.

Per pool of query processes (see run.pool):
- `slots` queries run at once in the general lane, each with its whole time budget;
- when they are all taken, a query whose text is not known to be heavy may take one of `reserve`
  fast-lane processes, for at most FAST_SECONDS: most queries end well within that, so a cheap
  query is answered at once even while heavy ones run. One that does not is stopped there, its text
  remembered as heavy, and it queues for a general slot with what is left of its budget;
- at most `queue` queries wait for a general slot; the wait counts in the query's time budget
  (the deadline is fixed when the request arrived), and a query still waiting at its deadline
  gets the time-limit 503;
- a query that finds the queue full is refused at once: 503 with Retry-After.

Known-heavy texts are remembered by a fingerprint of their tokens (comments and spacing do not
count), a few thousand of them, least recently seen forgotten first."""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from ..errors import ClientError
from .lexer import significant

RESERVE = 2          # fast-lane query processes per pool, beside the general slots
FAST_SECONDS = 1.0   # the most a query may run in the fast lane
REMEMBERED = 4096    # heavy query texts remembered
RETRY_AFTER = 2      # seconds a refused client is asked to wait

GENERAL, FAST = "general", "fast"
T = TypeVar("T")


def fingerprint(sparql: str) -> str:
    """A query text's identity for the heavy list: its tokens, without comments or spacing."""
    return hashlib.sha1("\x1f".join(t.text for t in significant(sparql)).encode()).hexdigest()


class Gate:
    def __init__(self, slots: int, reserve: int = RESERVE, queue: int = 8):
        self.slots, self.reserve, self.queue = slots, reserve, queue
        self._cond = threading.Condition()
        self.running = {GENERAL: 0, FAST: 0}
        self.waiting = 0
        self.refused = 0
        self._heavy: OrderedDict[str, None] = OrderedDict()

    # ------------------------------------------------------------ the heavy list

    def is_heavy(self, fp: str) -> bool:
        with self._cond:
            if fp in self._heavy:
                self._heavy.move_to_end(fp)
                return True
            return False

    def mark_heavy(self, fp: str) -> None:
        with self._cond:
            self._heavy[fp] = None
            self._heavy.move_to_end(fp)
            while len(self._heavy) > REMEMBERED:
                self._heavy.popitem(last=False)

    # ------------------------------------------------------------ lanes

    def enter(self, fp: str, deadline: float, fast: bool = True) -> str:
        """A lane for this query, once there is room in it; ClientError (503) if there is none."""
        heavy = self.is_heavy(fp)
        with self._cond:
            if self.running[GENERAL] < self.slots and self.waiting == 0:
                self.running[GENERAL] += 1
                return GENERAL
            if fast and not heavy and self.running[FAST] < self.reserve:
                self.running[FAST] += 1
                return FAST
            if self.waiting >= self.queue:
                self.refused += 1
                raise ClientError(503, f"the server is busy: {self.running[GENERAL]} queries are running and "
                                       f"{self.waiting} are waiting for a query process; try again in a moment",
                                  retry_after=RETRY_AFTER)
            self.waiting += 1
            try:
                while self.running[GENERAL] >= self.slots:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise ClientError(503, "every query process stayed busy for the whole time budget of this "
                                               "query, which includes the wait; try again in a moment",
                                          retry_after=RETRY_AFTER)
                    self._cond.wait(left)
                self.running[GENERAL] += 1
                return GENERAL
            finally:
                self.waiting -= 1

    def leave(self, lane: str) -> None:
        with self._cond:
            self.running[lane] -= 1
            self._cond.notify_all()

    def admit(self, sparql: str, deadline: float, attempt: Callable[[float | None], T]) -> T:
        """Run `attempt(cut)` in a lane: until `deadline` in the general lane (cut None), for at most
        FAST_SECONDS of running in the fast lane. An attempt cut there raises TimeoutError; the
        query then waits for a general slot and is attempted again."""
        fp = fingerprint(sparql)
        lane = self.enter(fp, deadline)
        try:
            if lane == FAST:
                try:
                    return attempt(FAST_SECONDS)
                except TimeoutError:
                    self.mark_heavy(fp)
                self.leave(lane)
                lane = None
                lane = self.enter(fp, deadline, fast=False)
            return attempt(deadline)
        finally:
            if lane is not None:
                self.leave(lane)

    def stats(self) -> dict:
        with self._cond:
            return {"running": self.running[GENERAL], "fast_lane": self.running[FAST], "waiting": self.waiting,
                    "slots": self.slots, "reserve": self.reserve, "queue": self.queue, "refused": self.refused,
                    "heavy_known": len(self._heavy)}
