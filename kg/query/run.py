"""Running one SPARQL query against the store under the endpoint's limits.

The contract every caller relies on (the /sparql endpoint, saved queries, `kg query`):
`run(...)` returns a results.Outcome or raises ClientError: 4xx for the client's mistake, 502 when
a SERVICE endpoint failed, 503 when the query ran past its time budget and was stopped or when the
store or the query processes are unavailable.

Before it runs, a query is checked (guard: read-only, SERVICE only to allow-listed endpoints); it
then runs in one of this process's killable query processes (pool): one without any network unless
the query calls an allow-listed SERVICE."""
from __future__ import annotations

import atexit
import math
import os
import threading
import time

from ..config import Config
from ..errors import ClientError
from . import admission, limits, watch
from .guard import check, vouch
from .pool import Abandoned, Busy, Died, Pool
from .results import Outcome

POOL_SIZE = 4   # light-lane query processes per serving process; admission.HEAVY heavy-lane ones beside them


_pools: dict[tuple[int, bool], Pool] = {}
_pools_lock = threading.Lock()


def pool(networked: bool = False, warm: int = 0, warmup: dict | None = None) -> Pool:
    """This process's query processes: without network, or (for allow-listed SERVICE) with it."""
    key = (os.getpid(), networked)  # a forked child starts its own
    with _pools_lock:
        p = _pools.get(key)
        if p is None:
            p = _pools[key] = Pool(POOL_SIZE + admission.HEAVY, isolate=not networked, warm=warm, warmup=warmup)
        return p


def pools() -> dict[str, dict]:
    """What /health reports: this process's pools and their state."""
    return {("federation" if networked else "queries"): {**p.stats(), **gate(p).stats()}
            for (pid, networked), p in list(_pools.items()) if pid == os.getpid()}


_gates: dict[int, admission.Gate] = {}


def gate(p: Pool, queue: int | None = None) -> admission.Gate:
    """The admission gate of a pool (see admission.py), its queue as long as `queue` when given."""
    with _pools_lock:
        g = _gates.get(id(p))
        if g is None:
            g = _gates[id(p)] = admission.Gate(POOL_SIZE, admission.HEAVY, queue or Config.query_queue)
        if queue:
            g.queue = queue
        return g


@atexit.register
def shutdown() -> None:
    for (pid, _), p in list(_pools.items()):
        if pid == os.getpid():
            p.shutdown()


def warmup(config: Config) -> dict:
    """What a new query process answers before it takes queries: it opens the store."""
    return {"store_dir": str(config.store_dir), "sparql": "ASK {}", "accept": None, "format": None,
            "default_graphs": None, "named_graphs": None, "substitutions": None, "prefixes": None,
            "base_iri": None, "max_results": 1, "memory": config.query_memory, "cpu": config.query_cpu}


def requested_timeout(raw: str, minimum: float = 0.0) -> float:
    """The `timeout` a request asks for, in seconds; run() caps it at the configured limit."""
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0 and seconds >= minimum):
        floor = f"at least {minimum:g}" if minimum else "a positive number of"
        raise ClientError(400, f"{raw!r} is not {floor} seconds", "parameter 'timeout'")
    return seconds


def timed_out(seconds: float) -> ClientError:
    return ClientError(503, f"the query exceeded the time limit of {seconds:g} s and was stopped; make it cheaper "
                            "(a LIMIT, fewer joins, narrower parameters) or ask again later")


def run(config: Config, sparql: str, *, accept: str | None = None, format: str | None = None,
        default_graphs=None, named_graphs=None, substitutions=None, timeout: float | None = None,
        max_results: int | None = None, prefixes: dict[str, str] | None = None,
        base_iri: str | None = None) -> Outcome:
    seconds = config.query_timeout if timeout is None else min(timeout, config.query_timeout)
    # The budget counts from the request's arrival (see watch.follow): waiting for a thread or a slot is in it.
    now = time.monotonic()
    deadline = min(watch.arrived() or now, now) + seconds
    found = check(sparql, config.service_allowlist)
    networked = bool(found.services)  # every one of them allow-listed, or check() had refused
    if networked:
        vouch(found)
    if config.store_url:  # a remote store evaluates it, under the same limits (see remote.py)
        from .remote import run_remote

        return run_remote(config, sparql, seconds, accept=accept, format=format, default_graphs=default_graphs,
                          named_graphs=named_graphs, substitutions=substitutions, max_results=max_results,
                          prefixes=prefixes, base_iri=base_iri)
    protocol_dataset = bool(default_graphs) or bool(named_graphs)
    request = {
        "store_dir": str(config.store_dir), "sparql": sparql, "accept": accept, "format": format,
        # A dataset given by the protocol replaces the query's own FROM / FROM NAMED entirely.
        # Without one, the default graph is the store's: the union of the named graphs.
        "default_graphs": list(default_graphs or []) if protocol_dataset else None,
        "named_graphs": list(named_graphs or []) if protocol_dataset else None,
        "substitutions": substitutions, "prefixes": prefixes, "base_iri": base_iri,
        "max_results": config.max_results if max_results is None else min(max_results, config.max_results),
        "memory": config.query_memory, "cpu": config.query_cpu,
    }
    p = pool(networked)
    p.warmup = p.warmup or warmup(config)
    client = watch.current()
    return gate(p, config.query_queue).admit(
        sparql, deadline,
        lambda cut: _attempt(p, request, found, networked, cut, deadline, seconds, config, client))


def _attempt(p: Pool, request: dict, found, networked: bool, cut: float | None, deadline: float, seconds: float,
             config: Config, client) -> Outcome:
    """Run the query once in one of the pool's processes, until its deadline or for at most `cut`
    seconds: past a cut that comes first, TimeoutError (admission moves it on); past the deadline,
    the time-limit 503."""
    try:
        ex = p.acquire(deadline)
    except Busy:
        raise ClientError(503, f"every query process is busy; none became free within {seconds:g} s, "
                               "try again later") from None
    except Died as exc:
        raise ClientError(503, f"query processes are unavailable: {exc}") from None
    if not networked and not ex.isolated:
        try:  # this machine gives the query process no network namespace: the text check must hold alone
            vouch(found)
        except ClientError:
            p.release(ex)
            raise
    until = deadline if cut is None else min(deadline, time.monotonic() + cut)
    try:
        status, value = ex.call(request, until - time.monotonic(), client)
    except TimeoutError:
        p.discard(ex)  # kills the process: the query really stops
        if until < deadline:
            raise
        raise timed_out(seconds) from None
    except Abandoned:
        p.discard(ex)
        raise ClientError(499, "the client closed its connection; its query was stopped") from None
    except Died as exc:
        p.discard(ex)
        raise limits.refusal(exc.returncode, exc.stderr, config.query_memory, config.query_cpu) from None
    p.release(ex)
    if status == "ok":
        return value
    raise value
