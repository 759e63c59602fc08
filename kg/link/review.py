"""The review file (data/links/wikidata-review.tsv): one line per candidate, for a person to decide.

Tab-separated with a header, so that it opens in a spreadsheet and diffs line by line. The `accept`
column is the person's: `yes` accepts the candidate, `no` rejects it, empty leaves it undecided; a new
run of `kg link wikidata` keeps every decision whose candidate it proposes again."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..errors import InputError

FILE = "wikidata-review.tsv"
YES, NO = ("yes", "y", "x", "true", "1"), ("no", "n", "false", "0")
HEADER = """\
# Candidates for links to Wikidata, proposed by `kg link wikidata`. Write yes in the accept column of
# the right candidate (at most one per entity), or no, then run `kg link --accept`: accepted links move
# to wikidata.yaml beside this file, with who proposed them and when, and the next `kg build` publishes
# them. Nothing here is published until it is accepted.
"""


@dataclass
class Row:
    accept: str
    entity: str          # kind/slug of ours
    name: str            # our label
    candidate: str       # Q…
    candidate_name: str
    score: float
    match: bool          # the service's own verdict
    description: str
    query: str           # the name of ours that found it
    service: str
    proposed: str        # date of the proposal, YYYY-MM-DD

    @property
    def accepted(self) -> bool:
        return self.accept.lower() in YES


COLUMNS = [f.name for f in fields(Row)]


def read(path: Path) -> list[Row]:
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    header = lines[0][1].split("\t")
    if header != COLUMNS:
        raise InputError(path, f"the header must be the columns {' '.join(COLUMNS)}", lines[0][0])
    rows = []
    for n, line in lines[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_MINIMAL))
        if len(cells) != len(COLUMNS):
            raise InputError(path, f"{len(cells)} columns, the header has {len(COLUMNS)}", n)
        row = dict(zip(COLUMNS, cells))
        if row["accept"].strip().lower() not in YES + NO + ("",):
            raise InputError(path, f"accept {row['accept']!r} is not yes, no or empty", n)
        try:
            score = float(row["score"])
        except ValueError:
            raise InputError(path, f"score {row['score']!r} is not a number", n) from None
        rows.append(Row(**{**row, "accept": row["accept"].strip(), "score": score, "match": row["match"] == "true"}))
    return rows


def write(path: Path, rows: list[Row]) -> None:
    out = io.StringIO()
    out.write(HEADER)
    w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(COLUMNS)
    for r in rows:
        d = asdict(r)
        d["match"] = "true" if r.match else "false"
        d["score"] = f"{r.score:g}"
        w.writerow([" ".join(str(d[c]).split()) for c in COLUMNS])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(out.getvalue(), encoding="utf-8")
    tmp.replace(path)


def merge(new: list[Row], old: list[Row]) -> list[Row]:
    """The new proposal, keeping for each candidate proposed again its decision and first proposal date."""
    before = {(r.entity, r.candidate, r.service): r for r in old}
    for r in new:
        kept = before.get((r.entity, r.candidate, r.service))
        if kept is not None:
            r.accept, r.proposed = kept.accept, kept.proposed
    return new
