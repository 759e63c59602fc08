"""One event, one node across documents: a meeting announced in one text and reported in another,
or reported by two texts that date it differently (one to the day, one not at all), is one
meeting. Facts with the same id already are one node; this finds the meetings whose ids differ
because one text left out the date or told the plan rather than the event.

Two meetings of different documents are the same event when their people are the same (one's
within the other's, two at least, or one person with the same countries), their kinds and places
do not contradict each other, and their dates fit: the held one falls on the planned one's day or
span, or, where a date is missing, within a window after the text that announced it (or around
the day of the text that reports it). Each meeting joins at most one node per other document, the
best fitting, so a trip announced once does not fold its several meetings into one."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..build.facts import DocumentFacts, Meeting
from ..dates import DateRange, PartialDate

ANNOUNCED_WITHIN = 60      # days after an announcement that an undated planned meeting may be held
SAME_DAY_SLACK = 1         # days between a planned day and the reported one (time zones, late reports)
REPORTED_WITHIN = 3        # days between a text's date and an undated meeting it reports


def _span(date) -> tuple[dt.date, dt.date] | None:
    """The days a date covers, if there is one."""
    return date.days if date is not None else None


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], slack: int = 0) -> bool:
    pad = dt.timedelta(days=slack)
    return a[0] - pad <= b[1] and b[0] - pad <= a[1]


class Reconciler:
    """Pairs of meetings of different documents that are one event, joined under one id."""

    def __init__(self, is_person: Callable[[str], bool], countries: set[str]):
        self.is_person, self.countries = is_person, countries

    def people(self, m: Meeting) -> frozenset[str]:
        return frozenset(a for a in m.participants if self.is_person(a))

    def same_people(self, a: Meeting, b: Meeting) -> int:
        """How many people the two share when one's people are all the other's (0: not the same)."""
        pa, pb = self.people(a), self.people(b)
        small, large = sorted((pa, pb), key=len)
        if not small or not small <= large:
            return 0
        if len(small) == 1:     # one traveller: the countries must say it is the same encounter
            ca, cb = ({x for x in m.participants if x in self.countries} for m in (a, b))
            if len(ca) < 2 or ca != cb:
                return 0
        return len(small)

    @staticmethod
    def dates_fit(a: Meeting, da: PartialDate | None, b: Meeting, db: PartialDate | None) -> bool:
        """Whether two meetings' dates (and their texts' dates) allow one event."""
        if a.status == "scheduled" and b.status == "held":
            planned, announced, held, reported = a, da, b, db
        elif b.status == "scheduled" and a.status == "held":
            planned, announced, held, reported = b, db, a, da
        else:       # both told the same way: the undated one on or near the other's day
            if (a.date is None) == (b.date is None):
                return False    # both dated and different ids: two events; both undated: nothing says one
            dated, text = (a, db) if a.date is not None else (b, da)
            return text is not None and _span(text) is not None and \
                _overlap(_span(dated.date), _span(text), REPORTED_WITHIN)
        if planned.date is not None and held.date is not None:
            return _overlap(_span(planned.date), _span(held.date), SAME_DAY_SLACK)
        when = _span(held.date) or _span(reported)
        if when is None:
            return False
        if planned.date is not None:
            return _overlap(_span(planned.date), when, REPORTED_WITHIN)
        if announced is None:
            return False
        start = _span(announced)[0]
        return _overlap((start, start + dt.timedelta(days=ANNOUNCED_WITHIN)), when)

    def fit(self, a: Meeting, da, b: Meeting, db) -> int:
        """How well two meetings of different documents fit as one event (0: they do not)."""
        if a.id.startswith("event-") or b.id.startswith("event-"):
            return 0        # named events: their names already make their ids
        if a.kind and b.kind and a.kind != b.kind or a.place and b.place and a.place != b.place:
            return 0
        if isinstance(a.date, DateRange) and isinstance(b.date, DateRange) and a.date != b.date:
            return 0
        shared = self.same_people(a, b)
        return shared if shared and self.dates_fit(a, da, b, db) else 0

    def join(self, all_facts: list[DocumentFacts], dated: dict[str, PartialDate | None], keep: set[str]) -> dict[str, str]:
        """Rename the meetings that are one event to one id (a curated fact's, in `keep`, else the
        held and dated one's); returns the renaming."""
        told = [(facts.document, m) for facts in all_facts for m in facts.meetings]
        pairs = []
        for i, (doc_a, a) in enumerate(told):
            for doc_b, b in told[i + 1:]:
                if doc_a != doc_b and a.id != b.id:
                    score = self.fit(a, dated.get(doc_a), b, dated.get(doc_b))
                    if score:
                        pairs.append((score, doc_a, a, doc_b, b))
        node: dict[str, str] = {}                      # fact id -> node
        documents: dict[str, set[str]] = {}            # node -> the documents it holds

        def find(x: str) -> str:
            while node.get(x, x) != x:
                x = node[x]
            return x

        for _, doc_a, a, doc_b, b in sorted(pairs, key=lambda p: -p[0]):
            ra, rb = find(a.id), find(b.id)
            da_, db_ = documents.setdefault(ra, {doc_a}), documents.setdefault(rb, {doc_b})
            if ra == rb or da_ & db_:
                continue    # one node per document: a trip's several meetings stay apart
            node[rb] = ra
            documents[ra] = da_ | db_
        groups: dict[str, list[Meeting]] = {}
        for _, m in told:
            groups.setdefault(find(m.id), []).append(m)
        renamed = {}
        for members in groups.values():
            ids = {m.id for m in members}
            if len(ids) < 2:
                continue
            best = min(members, key=lambda m: (m.id not in keep, m.status != "held", m.date is None))
            renamed.update({i: best.id for i in ids if i != best.id})
        for _, m in told:
            m.id = renamed.get(m.id, m.id)
        return renamed
