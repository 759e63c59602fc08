"""Each query process's own limits on memory and CPU, and what its death means to the client.

The child side (`apply`) sets them before every query with setrlimit: RLIMIT_DATA caps the heap a
process may hold (an allocation past it fails: pyoxigraph aborts with "memory allocation of N bytes
failed", Python raises MemoryError), RLIMIT_CPU caps the CPU seconds of the query about to run (the
kernel sends SIGXCPU past it). No core files are written. The parent side (`refusal`) reads how a
query process ended (its exit status and the tail of its standard error) and names the limit that
stopped it in a 503, or says plainly that it crashed; the pool then replaces the process."""
from __future__ import annotations

import math
import resource
import signal

from ..errors import ClientError

MEMORY_EXHAUSTED = "memory allocation of"   # what Rust's allocator prints before it aborts
STACK_EXHAUSTED = "has overflowed its stack"


def apply(memory_mb: int | None, cpu_seconds: float | None) -> None:
    """In the query process, before a query: at most `memory_mb` of heap, `cpu_seconds` more CPU."""
    if memory_mb:
        limit = int(memory_mb) * 1024 * 1024
        _set(resource.RLIMIT_DATA, limit)
    if cpu_seconds:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        used = usage.ru_utime + usage.ru_stime
        _set(resource.RLIMIT_CPU, math.ceil(used + cpu_seconds))


def no_core_files() -> None:
    _set(resource.RLIMIT_CORE, 0)


def _set(which: int, soft: int) -> None:
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(which, (soft, hard))


def memory_exceeded(memory_mb: int) -> ClientError:
    return ClientError(503, f"the query exceeded the memory limit of {memory_mb} MB per query (KG_QUERY_MEMORY) "
                            "and was stopped; make it smaller (fewer or shorter values, a LIMIT)", retry_after=1)


def cpu_exceeded(cpu_seconds: float) -> ClientError:
    return ClientError(503, f"the query exceeded the CPU limit of {cpu_seconds:g} s per query (KG_QUERY_CPU) "
                            "and was stopped; make it cheaper (a LIMIT, fewer joins, narrower parameters)",
                       retry_after=1)


def cause(stderr: str) -> str:
    """The line of a dead process's standard error that says why (a Rust panic or allocation
    failure, a Python exception), else its last line."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        if MEMORY_EXHAUSTED in line or STACK_EXHAUSTED in line or "panicked" in line or "Error" in line[:80]:
            return line.strip()[:500]
    return lines[-1].strip()[:500] if lines else "(nothing on its standard error)"


def how_it_ended(returncode: int | None) -> str:
    if returncode is None:
        return "closed its connection"
    if returncode < 0:
        try:
            return f"was killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was killed by signal {-returncode}"
    return f"exited with status {returncode}"


def refusal(returncode: int | None, stderr: str, memory_mb: int, cpu_seconds: float) -> ClientError:
    """The 503 for a query whose process died: the limit it ran into, or a crash named as such."""
    if returncode == -signal.SIGXCPU:
        return cpu_exceeded(cpu_seconds)
    if MEMORY_EXHAUSTED in stderr or "MemoryError" in stderr:
        return memory_exceeded(memory_mb)
    if STACK_EXHAUSTED in stderr or returncode == -signal.SIGSEGV:
        return ClientError(503, f"the query process crashed on this query ({how_it_ended(returncode)}, most likely "
                                "out of stack: the query nests too deeply or chains too many operators); "
                                "simplify it", retry_after=1)
    return ClientError(503, f"the query process ended without answering ({how_it_ended(returncode)}); "
                            "the query was not completed, try again", retry_after=1)
