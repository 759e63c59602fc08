"""The `kg` command: build, serve, query and dump the knowledge graph; ingest and evaluate documents.

Commands read and print here; the modules they call return data and raise errors that name their
cause (InputError for files, ClientError for a query or its parameters). Exit status: 0 done,
1 refused or failed, 2 a usage mistake (an unknown option, a bad parameter or KG_* setting)."""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click

from .config import Config, ConfigError
from .errors import ClientError, InputError

DUMP_FORMATS = ("turtle", "ntriples", "nt.gz", "trig", "nquads", "ontology")


def _config(store: Path | None = None, store_url: str | None = None, **overrides) -> Config:
    try:
        return Config.from_env(store_dir=store, store_url=store_url, **overrides)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _fail(command: str, message: str, code: int = 1) -> None:
    click.echo(f"kg {command}: error: {message}", err=True)
    sys.exit(code)


@click.group(help=__doc__.split("\n")[0])
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
def main(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


FOLDER = click.Path(path_type=Path, file_okay=False)
CONFIDENCE = f"Leave out extracted facts less sure than this (default: KG_MIN_CONFIDENCE, {Config.min_confidence})."
STORE_URL = click.option("--store-url", metavar="URL",
                         help="A remote SPARQL 1.1 store's query endpoint instead of the store folder (KG_STORE_URL).")


@main.command(help="Build the graph into a persistent store (swapped in atomically).")
@click.option("--documents", type=FOLDER,
              help="Folder of documents (default: data/documents and the documents `kg ingest` added, data/inbox).")
@click.option("--store", type=FOLDER, help="Store folder (default: var/store).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help=CONFIDENCE)
@STORE_URL
def build(documents: Path | None, store: Path | None, min_confidence: float | None, store_url: str | None) -> None:
    _build(_config(store, store_url, min_confidence=min_confidence), documents)


def _build(config: Config, documents: Path | None = None) -> None:
    from .build.pipeline import BuildError
    from .build.pipeline import build as run_build
    from .store.remote import RemoteError

    try:
        # Without --documents: the seed documents and those `kg ingest` added (KG_INBOX_DIR).
        report = run_build(config, documents_dir=documents, inbox=None if documents else config.inbox_dir)
    except (InputError, BuildError, RemoteError) as exc:
        click.echo(f"kg build: error: {exc}", err=True)
        _fail("build", "nothing was written; the previous store is unchanged.")
    if not config.store_url:
        from .linked import dumps

        dumps.prepare(config)   # the downloads ready before the first request
    facts = ", ".join(f"{n} {k}" for k, n in report.facts.items())
    click.echo(f"built {report.store} from {report.documents} documents: {report.quads} quads ({facts}) "
               f"in {report.seconds:.1f}s; SHACL report clean")


@main.command(help="Serve the graph (SPARQL endpoint, saved queries, Linked Data) with gunicorn.")
@click.option("--store", type=FOLDER, help="Store folder (default: var/store); built first if missing.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True)
@STORE_URL
def serve(store: Path | None, host: str, port: int, workers: int, store_url: str | None) -> None:
    from .web.server import serve as run_server

    config = _config(store, store_url)
    if not config.store_url and not config.store_dir.exists():
        click.echo(f"kg serve: no store at {config.store_dir}; building it first", err=True)
        _build(config)
    run_server(config, host=host, port=port, workers=workers)


# What each --format of `kg query` means for each kind of result (a table of triples is their Turtle).
QUERY_FORMATS = {"solutions": {"table": "json", "csv": "csv", "json": "json"},
                 "graph": {"table": "turtle", "csv": "ntriples", "json": "jsonld"}}


@main.command(help="Run a saved query (queries/NAME.rq) on the local store and print every row.")
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of the query (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--store", type=FOLDER, help="Store folder (default: var/store).")
def query(name: str, params: tuple[str, ...], fmt: str, store: Path | None) -> None:
    from .query import saved
    from .query.run import run
    from .vocab import PREFIXES

    config = _config(store)
    values: dict[str, list[str]] = {}
    for item in params:
        key, eq, value = item.partition("=")
        if not eq or not key:
            _fail("query", f"--param {item!r} is not of the form name=value", 2)
        values.setdefault(key.strip(), []).append(value)
    try:
        q = saved.get(config, name)
        subs = saved.bind(q, values, config)
        outcome = run(config, saved.text_of(config, q), format=QUERY_FORMATS[q.kind][fmt], substitutions=subs,
                      prefixes=PREFIXES)
    except ClientError as exc:
        _fail("query", exc.message, 2 if exc.status in (400, 404) else 1)
    except InputError as exc:
        _fail("query", str(exc))
    if fmt == "table" and outcome.kind == "select":
        click.echo(table(json.loads(outcome.body), config.base_iri), nl=False)
        click.echo(f"({outcome.count} row{'s' if outcome.count != 1 else ''})")
    else:
        out = click.get_binary_stream("stdout")
        out.write(outcome.body if outcome.body.endswith(b"\n") else outcome.body + b"\n")
        out.flush()
    if outcome.truncated:
        click.echo(f"kg query: warning: cut at {config.max_results} results (KG_MAX_RESULTS)", err=True)


CELL_WIDTH = 60  # a table is for reading; --format csv or json gives whole values


def table(results: dict, base_iri: str) -> str:
    """SPARQL JSON results as an aligned text table, IRIs shortened as a person reads them."""
    from .iris import Iris

    if "boolean" in results:
        return ("true" if results["boolean"] else "false") + "\n"
    iris = Iris(base_iri)
    names = results["head"]["vars"]
    rows = [[iris.short(b[v]["value"]) if v in b and b[v]["type"] == "uri" else b.get(v, {}).get("value", "")
             for v in names] for b in results["results"]["bindings"]]
    rows = [[" ".join(c.split()) for c in r] for r in rows]
    rows = [[c if len(c) <= CELL_WIDTH else c[:CELL_WIDTH - 1] + "…" for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n"

    return line(names) + line(["-" * w for w in widths]) + "".join(line(r) for r in rows)


@main.command(help="Write the graph (or the ontology) to standard output or a file.")
@click.option("--format", "-f", "fmt", type=click.Choice(DUMP_FORMATS), default="turtle", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="File to write (atomically).")
@click.option("--store", type=FOLDER, help="Store folder (default: var/store).")
def dump(fmt: str, output: Path | None, store: Path | None) -> None:
    from .linked import dumps
    from .store import open_store
    from .store.remote import RemoteError

    config = _config(store)
    try:
        opened = open_store(config)
        _ = opened.generation  # a remote store is asked which build it holds: none, or no answer, is said here
    except (InputError, RemoteError) as exc:
        _fail("dump", str(exc))
    if output is not None:
        dumps.save(opened, dumps.by_format(fmt), output, config.base_iri)
        return
    try:
        out = click.get_binary_stream("stdout")
        dumps.write(opened, dumps.by_format(fmt), out, config.base_iri)
        out.flush()
    except BrokenPipeError:  # `kg dump | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@main.command(help="Add documents (text with a metadata header, or saved HTML pages) to the inbox that `kg build` reads.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--documents", type=FOLDER, help="Folder to add them to (default: data/inbox, KG_INBOX_DIR).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help=CONFIDENCE)
def ingest(files: tuple[Path, ...], documents: Path | None, min_confidence: float | None) -> None:
    from .build.documents import load
    from .build.ingest import ingest as add
    from .extract.preview import preview

    config = _config(min_confidence=min_confidence)
    folder = documents or config.inbox_dir
    refused = 0
    for path in files:
        try:
            target, new, meta = add(folder, path)
        except InputError as exc:
            refused += 1
            click.echo(f"kg ingest: refused {path}: {exc.message}", err=True)
            continue
        facts = ", ".join(f"{k}: {meta[k]}" for k in ("title", "date", "language") if meta.get(k))
        click.echo(f"{'added' if new else 'already there'}: {target} ({facts or 'no metadata'}) from {path}")
        click.echo(preview(config, load(target)))
    if refused:
        _fail("ingest", f"{refused} file(s) refused; the others were added. Run `kg build` to extract their facts.")
    click.echo("Run `kg build` to extract their facts into the graph.")


@main.group(invoke_without_command=True, help="Link our entities to Wikidata: `kg link wikidata` proposes "
            "candidates into a review file; `kg link --accept` moves the accepted ones, with provenance, "
            "into data/links/wikidata.yaml for the next build to publish.")
@click.option("--accept", is_flag=True, help="Accept the candidates marked yes in the review file.")
@click.option("--threshold", type=click.FloatRange(0, 100),
              help="With --accept: also accept, unreviewed, an entity's single candidate scoring at least this.")
@click.pass_context
def link(ctx: click.Context, accept: bool, threshold: float | None) -> None:
    if ctx.invoked_subcommand is not None:
        if accept or threshold is not None:
            raise click.UsageError("--accept and --threshold go without a subcommand: kg link --accept")
        return
    if not accept:
        if threshold is not None:
            raise click.UsageError("--threshold only applies with --accept")
        click.echo(ctx.get_help())
        ctx.exit(2)
    from .build.gazetteer import LINKS_FILE
    from .link.accept import accept as run_accept

    config = _config()
    try:
        outcome = run_accept(config, threshold)
    except InputError as exc:
        _fail("link", str(exc))
    for r in outcome.accepted:
        how = "marked yes" if r.accepted else f"score {r.score:g} >= threshold {threshold:g}"
        click.echo(f"accepted: {r.entity} = {r.candidate} ({r.candidate_name}; {how}; proposed by {r.service})")
    for r, reason in outcome.refused:
        click.echo(f"kg link: refused {r.entity} = {r.candidate}: {reason}", err=True)
    click.echo(f"{len(outcome.accepted)} link(s) written to {config.links_dir / LINKS_FILE}; "
               f"{outcome.undecided} entit{'y' if outcome.undecided == 1 else 'ies'} still undecided in the review file. "
               + ("Run `kg build` to publish them." if outcome.accepted else ""))
    if outcome.refused:
        sys.exit(1)


@link.command("wikidata", help="Ask a reconciliation service for Wikidata candidates of our entities that have no item "
              "(answers are cached: a second run needs no network), and write them to data/links/wikidata-review.tsv.")
@click.option("--service", metavar="URL", help="Reconciliation service (default: KG_RECONCILE_SERVICE, Wikidata's).")
@click.option("--store", type=FOLDER, help="Store folder (default: var/store).")
def link_wikidata(service: str | None, store: Path | None) -> None:
    from .link.wikidata import propose

    config = _config(store)
    url = service or config.reconcile_service
    try:
        done = propose(config, url)
    except InputError as exc:
        _fail("link", str(exc))
    except ClientError as exc:
        _fail("link", exc.message + " (answers received so far are cached; run again to go on)")
    found = len({r.entity for r in done.rows})
    click.echo(f"asked {url} about {done.entities} entities without a Wikidata item "
               f"({done.requests} request(s), the rest from the cache {config.reconcile_cache_dir})")
    click.echo(f"wrote {len(done.rows)} candidate(s) for {found} entit{'y' if found == 1 else 'ies'} to {done.path} "
               f"({sum(1 for r in done.rows if r.accept)} already decided). Mark the right ones yes, "
               "then run `kg link --accept`.")


@main.command(help="Score the extractor against gold facts: the real sets first, then the internal sets.")
@click.option("--documents", type=FOLDER, help="Folder of documents to score (with --gold).")
@click.option("--gold", type=FOLDER, help="Folder of gold facts, one YAML per document (the corpus-real schema).")
@click.option("--split", type=click.Choice(["all", "dev", "test"]), default="all", show_default=True,
              help="Half of the set to score.")
@click.option("--sweep", is_flag=True, help="Also print precision and recall per minimum confidence.")
@click.option("--verbose", is_flag=True, help="List the facts missed and the predictions that state no gold fact.")
def evaluate(documents: Path | None, gold: Path | None, split: str, sweep: bool, verbose: bool) -> None:
    from .extract import evaluate as ev

    config = _config()
    if bool(documents) != bool(gold):
        raise click.UsageError("--documents and --gold go together")
    # The real sets: corpus-real in full, then data/real, held out, by its summary alone.
    named = [(gold.parent.name or "set", documents, gold, True)] if documents else \
        [(name, folder / "documents", folder / "gold", details) for name, folder, details in
         (("corpus-real", ev.REAL, True), ("data/real (held out: summary only)", ev.REAL_HELD_OUT, False))
         if (folder / "gold").is_dir()]
    if not documents and not (ev.REAL / "gold").is_dir():
        click.echo(f"corpus-real: skipped ({ev.REAL} not found)\n")
    for n, (name, docs_dir, gold_dir, details) in enumerate(named):
        try:
            click.echo(("\n" if n else "") + ev.report_named(name, docs_dir, gold_dir, config, split, sweep and details, verbose, details))
        except InputError as exc:
            _fail("evaluate", str(exc), 2)
    if documents:
        return
    result = ev.evaluate(config)
    click.echo("\nInternal sets (gazetteer-id gold): extractor (curated layer off) against curated, gold and "
               "held-out annotations")
    click.echo(ev.table(result))
    if verbose:
        click.echo(ev.errors(result["all"], hidden=ev.held_out_documents()))


if __name__ == "__main__":
    main()
