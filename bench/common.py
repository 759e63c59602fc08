"""What the benchmarks share: the project on the path, a store of the seed documents in a
temporary folder, and a median timing. Servers are started with kg.testing, as the tests do."""
from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build.pipeline import build  # noqa: E402
from kg.config import Config  # noqa: E402


@contextlib.contextmanager
def seed_store():
    """A Config whose store holds the seed documents, built into a temporary folder."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Config.from_env(store_dir=Path(tmp) / "store")
        build(config)
        yield config, Path(tmp)


def median_ms(call, repeat: int) -> float:
    """Median wall time of `call` in milliseconds, after one warm-up call (query processes start lazily)."""
    call()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000
