"""The benchmarks, one command: `python bench/run.py [BENCH] [options]`; without BENCH (as `make
bench` runs it), all of them on the seed graph, each in a short form. Each prints its figures side
by side with a peer measured in the same run and keeps a copy under bench/results/ (git-ignored).

    endpoint   the SPARQL endpoint under load (1/8/32 clients) next to oxigraph serve and rdflib-endpoint
    breakdown  where one request's CPU goes (web layer, guard, pool, hop, evaluation, serialisation)
    dumps      serving the dumps next to pyoxigraph's own dump rate, and the server's memory meanwhile
    build      `kg build` time at 1×, 10×, 100× the documents
    extract    extraction speed next to spaCy's tokenizer
    saved      saved queries (/queries/NAME) next to /sparql with the same query
    ceiling    a Flask app answering from a dictionary under the same gunicorn: the most the stack allows

`python bench/run.py results` runs what bench/RESULTS.md reports (RESULTS below; about an hour on
two cores, most of it loading the 10-million-triple graph the first time) and writes every table
into one file, bench/results/RESULTS-<time>.md."""
from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

# Each is bench/bench_NAME.py, runnable alone too.
BENCHES = ["endpoint", "breakdown", "dumps", "build", "extract", "saved", "ceiling"]
QUICK = {"endpoint": ["--rounds", "2", "--duration", "2"], "build": ["--scales", "1,10"], "ceiling": ["--rounds", "1"]}
RESULTS = [["endpoint", "--graph", "seed", "--rounds", "5"], ["endpoint", "--graph", "10M", "--rounds", "3"],
           ["breakdown"], ["ceiling"], ["dumps", "--graph", "10M"], ["build"]]


def results() -> int:
    out = HERE / "results" / time.strftime("RESULTS-%Y%m%dT%H%M%S.md")
    out.parent.mkdir(exist_ok=True)
    failed = 0
    with open(out, "w") as f:
        for argv in RESULTS:
            f.write(f"\n## `python bench/run.py {' '.join(argv)}`\n\n")
            f.flush()
            proc = subprocess.Popen([sys.executable, __file__, *argv], stdout=subprocess.PIPE, text=True)
            for line in proc.stdout:
                sys.stdout.write(line)
                f.write(line)
            failed += proc.wait() != 0
    print(f"written to {out}")
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if argv == ["results"]:
        return results()
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="bench")
    for name in BENCHES:
        module = importlib.import_module(f"bench_{name}")
        module.add_arguments(sub.add_parser(name, help=(module.__doc__ or "").split("\n")[0]))
    args = p.parse_args(argv)
    if args.bench:
        module = importlib.import_module(f"bench_{args.bench}")
        return module.main(args)
    failed = 0
    for name in BENCHES:   # all of them, each in a short form (about ten minutes in all)
        print(f"== {name}", flush=True)
        failed += main([name, *QUICK.get(name, [])]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
