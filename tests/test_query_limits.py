"""The query processes' limits, unit by unit: setrlimit in a process of its own, and how the parent
names a death (issue 12, items 1 and 9)."""
from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from kg.query import limits

SPIN = "from kg.query import limits; limits.no_core_files(); limits.apply(None, 1)\nwhile True: pass"
HOG = "from kg.query import limits; limits.apply(64, None)\nx = bytearray(256 * 1024 * 1024)"
RUST_HOG = ("from kg.query import limits; import pyoxigraph; limits.no_core_files(); limits.apply(64, None)\n"
            "s = pyoxigraph.Store()\n"
            "list(s.query('SELECT (STRLEN(?x9) AS ?n) WHERE { BIND(\"' + 'x' * 1000000 + '\" AS ?x0) '"
            " + ''.join(f'BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1}) ' for i in range(9)) + '}'))")


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_a_query_process_past_its_cpu_seconds_is_killed_by_sigxcpu_and_named():
    done = run(SPIN)
    assert done.returncode == -signal.SIGXCPU
    error = limits.refusal(done.returncode, done.stderr, 1024, 1)
    assert error.status == 503 and "CPU limit of 1 s" in error.message and "KG_QUERY_CPU" in error.message


@pytest.mark.parametrize("code", [HOG, RUST_HOG], ids=["python", "pyoxigraph"])
def test_a_query_process_past_its_memory_is_stopped_and_named(code):
    done = run(code)
    assert done.returncode != 0
    error = limits.refusal(done.returncode, done.stderr, 64, 30)
    assert error.status == 503 and "memory limit of 64 MB" in error.message and error.retry_after


@pytest.mark.parametrize("returncode, says", [(-signal.SIGSEGV, "SIGSEGV"), (-signal.SIGKILL, "SIGKILL"), (3, "status 3")])
def test_other_deaths_are_named_not_left_empty(returncode, says):
    error = limits.refusal(returncode, "", 1024, 30)
    assert error.status == 503 and says in error.message and "()" not in error.message


def test_the_cause_is_found_above_a_backtrace():
    stderr = "memory allocation of 408813568 bytes failed\nstack backtrace:\n" + "  frame\n" * 500
    assert limits.cause(stderr) == "memory allocation of 408813568 bytes failed"
