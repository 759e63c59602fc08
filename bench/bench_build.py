"""`kg build` time at 1×, 10×, 100× the seed documents: it should grow linearly with the corpus.

The larger corpora repeat the seed documents (and their curated annotations) under new
identifiers, so every copy is a document of its own (its own graph, text and evidence) while the
facts it states merge with those of the other copies, as a growing corpus's facts do. Each build is
the real command (`kg build`), timed with its own CPU and peak memory."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from kg.config import Config
from kg.testing import KG


def corpus(folder: Path, copies: int, config: Config) -> int:
    docs, notes = folder / "documents", folder / "annotations"
    docs.mkdir(parents=True)
    notes.mkdir()
    n = 0
    for path in sorted(config.documents_dir.glob("*.txt")):
        note = config.annotations_dir / f"{path.stem}.yaml"
        for i in range(copies):
            name = path.stem if i == 0 else f"{path.stem}-r{i}"
            shutil.copy(path, docs / f"{name}.txt")
            if note.exists():
                text = re.sub(r"(?m)^document: .*$", f"document: {name}", note.read_text(), count=1)
                (notes / f"{name}.yaml").write_text(text)
            n += 1
    return n


def timed(cmd: list[str], env: dict) -> tuple[float, float, float, str]:
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{' '.join(cmd)} failed: {out[-2000:]}")
    return time.monotonic() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.strip()


def main(args) -> int:
    config = Config.from_env()
    lines = ["| corpus | documents | quads | wall s | CPU s | CPU s per document | peak MiB |", "|---|---:|---:|---:|---:|---:|---:|"]
    base = None
    for copies in [int(x) for x in args.scales.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            n = corpus(tmp, copies, config)
            env = {**os.environ, "KG_ANNOTATIONS_DIR": str(tmp / "annotations")}
            wall, cpu, mib, out = timed([KG, "build", "--documents", str(tmp / "documents"),
                                         "--store", str(tmp / "store")], env)
        quads = re.search(r": (\d+) quads", out)
        base = base or cpu / n
        lines.append(f"| {copies}× | {n} | {quads.group(1) if quads else '?'} | {wall:.1f} | {cpu:.1f} | "
                     f"{cpu / n:.3f} ({cpu / n / base:.2f}× the 1× figure) | {mib:.0f} |")
        print(lines[-1], flush=True)
    print("\n".join(lines))
    return 0


def add_arguments(p) -> None:
    p.add_argument("--scales", default="1,10,100", help="copies of the seed corpus (default 1,10,100)")
