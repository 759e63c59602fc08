"""The `kg` command: build, serve, query and dump the knowledge graph; ingest and evaluate documents."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .config import Config, ConfigError
from .errors import InputError


def _config(args) -> Config:
    return Config.from_env(store_dir=getattr(args, "store", None), min_confidence=getattr(args, "min_confidence", None))


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


def cmd_serve(args) -> int:
    from .web.server import serve

    config = _config(args)
    if not config.store_dir.exists():
        print(f"kg serve: no store at {config.store_dir}; building it first", file=sys.stderr)
        if cmd_build(argparse.Namespace(documents=None, store=args.store)) != 0:
            return 1
    serve(config, host=args.host, port=args.port, workers=args.workers)
    return 0


def cmd_query(args) -> int:
    from .saved import cli_query

    return cli_query(_config(args), args)


def cmd_dump(args) -> int:
    from .dumps import cli_dump

    return cli_dump(_config(args), args)


def cmd_ingest(args) -> int:
    from .ingest import cli_ingest

    return cli_ingest(_config(args), args)


def cmd_evaluate(args) -> int:
    from .extract.evaluate import cli_evaluate

    return cli_evaluate(_config(args), args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description=__doc__)
    p.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph into a persistent store (atomically swapped in)")
    b.add_argument("--documents", type=Path, help="folder of documents (default: data/documents)")
    b.add_argument("--store", type=Path, help="store folder (default: var/store)")
    b.add_argument("--min-confidence", type=float, help="leave out extracted facts less sure than this (default: KG_MIN_CONFIDENCE or 0.4)")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="serve the graph (SPARQL endpoint, saved queries, Linked Data) with gunicorn")
    s.add_argument("--store", type=Path, help="store folder (default: var/store); built first if missing")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=2)
    s.set_defaults(func=cmd_serve)

    q = sub.add_parser("query", help="run a saved query (queries/NAME.rq) on the local store")
    q.add_argument("name")
    q.add_argument("--param", action="append", default=[], metavar="k=v", help="a parameter of the query")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.add_argument("--store", type=Path)
    q.set_defaults(func=cmd_query)

    d = sub.add_parser("dump", help="write the graph (or part of it) to standard output or a file")
    d.add_argument("--format", "-f", default="turtle")
    d.add_argument("--output", "-o", type=Path)
    d.add_argument("--store", type=Path)
    d.set_defaults(func=cmd_dump)

    i = sub.add_parser("ingest", help="add documents (text with a metadata header, or saved HTML pages) to data/")
    i.add_argument("files", nargs="+", type=Path)
    i.add_argument("--documents", type=Path, help="folder to add them to (default: data/documents)")
    i.add_argument("--min-confidence", type=float, help="list the facts extracted at least this sure (default: KG_MIN_CONFIDENCE or 0.4)")
    i.set_defaults(func=cmd_ingest)

    e = sub.add_parser("evaluate", help="score the extractor against gold facts (the real set first, then the internal sets)")
    e.add_argument("--documents", type=Path, help="folder of documents to score (with --gold)")
    e.add_argument("--gold", type=Path, help="folder of gold facts, one YAML per document (corpus-real schema)")
    e.add_argument("--split", choices=("all", "dev", "test"), default="all", help="half of the set to score")
    e.add_argument("--sweep", action="store_true", help="also print precision/recall per minimum confidence")
    e.add_argument("--verbose", action="store_true", help="list misses and wrong predictions")
    e.set_defaults(func=cmd_evaluate)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
