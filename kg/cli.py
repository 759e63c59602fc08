"""The `kg` command: build, serve, query, dump … the knowledge graph."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .config import Config
from .errors import InputError


def _config(args) -> Config:
    return Config.from_env(store_dir=getattr(args, "store", None))


def cmd_build(args) -> int:
    from .build import BuildError, build

    config = _config(args)
    try:
        report = build(config, documents_dir=args.documents, store_dir=args.store)
    except (InputError, BuildError) as exc:
        print(f"kg build: error: {exc}", file=sys.stderr)
        print("kg build: nothing was written; the previous store is unchanged.", file=sys.stderr)
        return 1
    facts = ", ".join(f"{n} {k}" for k, n in report.facts.items())
    print(f"built {report.store} from {report.documents} documents: {report.quads} quads ({facts}) "
          f"in {report.seconds:.1f}s; SHACL report clean")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description=__doc__)
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph into a persistent store (atomically swapped in)")
    b.add_argument("--documents", type=Path, help="folder of documents (default: data/documents)")
    b.add_argument("--store", type=Path, help="store folder (default: var/store)")
    b.set_defaults(func=cmd_build)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
