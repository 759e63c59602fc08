"""The load generator: `wrk` (Debian), driven by bench/wrk.lua, with its own CPU use measured so that
a run can show it was not the bottleneck."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

LUA = Path(__file__).resolve().parent / "wrk.lua"


@dataclass
class Run:
    requests: int
    seconds: float
    errors: int          # connection errors, timeouts and non-2xx answers
    p50: float           # milliseconds
    p95: float
    p99: float
    cpu: float           # the load generator's CPU seconds (user + system)
    server_cpu: float = 0.0  # the server's CPU seconds meanwhile (filled in by the caller)


def require() -> str:
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("wrk is not installed: `make bench-deps` (Debian package wrk)")
    return path


def run(endpoint: str, queries: list[tuple[str, str]], clients: int, seconds: float, timeout: float = 30) -> Run:
    """`clients` connections (kept alive) sending `queries` round-robin by GET for `seconds`."""
    url = urlsplit(endpoint)
    with tempfile.NamedTemporaryFile("w", suffix=".tsv") as f:
        for accept, query in queries:
            f.write(f"{accept}\t{url.path}?{urlencode({'query': query})}\n")
        f.flush()
        cmd = [require(), "-t", str(min(clients, 2)), "-c", str(clients), "-d", f"{seconds:g}s",
               "--timeout", f"{timeout:g}s", "-s", str(LUA), f"{url.scheme}://{url.netloc}/"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env={**os.environ, "WRK_REQUESTS": f.name})
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
    line = next((x for x in out.splitlines() if x.startswith("WRK ")), None)
    if os.waitstatus_to_exitcode(status) or line is None:
        raise RuntimeError(f"wrk failed: {out}")
    r = json.loads(line[4:])
    return Run(r["requests"], r["duration_us"] / 1e6,
               r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"],
               r["p50"] / 1000, r["p95"] / 1000, r["p99"] / 1000, usage.ru_utime + usage.ru_stime)
