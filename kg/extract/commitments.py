"""Commitments stated by a sentence: explicit pledges or agreements to act, with who committed."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .actors import Mentions
from .dates import DatePhrase
from .rules import _SPANS, Found, Rules, _after, _matcher
from .text import Sentence


class CommitmentRules(Rules):
    """Commitments: pledges and agreements to act, one per clause, with who made them."""

    def __init__(self, lang, vocab, gaz=None):
        super().__init__(lang, vocab, gaz)
        self.commitment = _matcher(vocab, "commitment", lang.commitments["triggers"])
        self.continuation = _matcher(vocab, "continuation", lang.commitments["continuations"])

    def prepare(self, doc: Doc, mentions: Mentions | None = None) -> None:
        super().prepare(doc, mentions)
        self._commitment_hits = sorted((s, e) for _, s, e in self.commitment(doc))

    def commitments(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc, reference=None) -> list[Found]:
        lo, hi = sent.span.start, sent.span.end
        not_after = set(self.lang.commitments.get("not_after", []))
        hits = [(s, e) for s, e in self._commitment_hits if lo <= s and e <= hi and not (s > lo and doc[s - 1].lower_ in not_after)]
        if not hits:
            return []
        # "a growing group of nations committed to …": a participle describing a noun, not a commitment.
        participles = set(self.lang.commitments.get("participles", []))
        auxiliaries = set(self.lang.commitments.get("auxiliaries", []))
        refs = self.actors_in(mentions, lo, hi)
        hits = [(s, e) for s, e in hits if not (doc[s].lower_ in participles and s > lo and doc[s - 1].is_alpha and
                                                doc[s - 1].is_lower and doc[s - 1].lower_ not in auxiliaries and
                                                not any(r.start <= s - 1 < r.end for r in refs))]
        if not hits:
            return []
        # In direct speech a future is an opinion ("“La relación … seguirá creciendo”, afirmó …"):
        # only the words of committing state a commitment there.
        quoted = self.quoted(doc, lo, hi)
        hits = [(s, e) for s, e in hits if s not in quoted or self.cue(self.lang.commitments["in_quotes"], doc[s:e])]
        # "acordaron volver a reunirse", "agreed to meet again": a meeting planned, not a commitment.
        hits = [(s, e) for s, e in hits if not any(ps == s for ps, _ in self._plan_hits if self.cue(self.lang.commitments["meeting_plans"], doc[ps:_]))]
        if not hits:
            return []
        # When it was made: a day the text gives, not the deadline it sets ("durante el primer semestre de 2026").
        date = next((d.value for d in dates if d.value is not None and not d.year_only and d.kind not in _SPANS
                     and not _after(d.value, reference)), None)
        channels = [c.split() for c in self.lang.commitments.get("channels", [])]
        out: list[Found] = []
        for (s, e), start, end in self.commitment_clauses(doc, hits, lo, hi):
            # The giver with the subject: who channels it ("… a través de la Oficina … (INL)").
            subject = [r for r in refs if start <= r.start and r.end <= s or r.start > e and r.end <= end and
                       self.after_channel(doc, r.start, channels)]
            if out and not subject:
                subject = out[0].refs      # "… committed to deepen … and to expand …": the same subject
            clause = doc[start:end]
            what = re.sub(r"^[-•–*·\s]+", "", (sent.span if not out and end == hi else clause).text)
            if len(what) > 160:
                what = what[:160].rsplit(" ", 1)[0] + "…"
            f = Found("commitment", sent, clause.start_char if out else sent.start, clause.end_char if end < hi else sent.end,
                      subject, what, confidence=0.75 if subject else 0.6, trigger=s, others=[r for r in refs if r not in subject])
            f.date = date
            f.aliases = [doc[e - 1:end].text if re.search(r"(ar|er|ir)$", doc[e - 1].lower_) else doc[e:end].text]
            out.append(f)
        return out

    def commitment_clauses(self, doc: Doc, hits, lo: int, hi: int):
        """The commitments a sentence joins: '… committed to deepen X, and to expand Y', '… se
        comprometieron a fortalecer X y a facilitar Y', '… agreed to launch X, and Paraguay committed
        to Y'. Yields (trigger, clause start, clause end)."""
        joins = {"and", "y", "e", ";"}
        # A second trigger counts after a conjunction only ("agreed to work … and committed to …").
        kept = [hits[0]]
        for s, e in hits[1:]:
            if s >= kept[-1][1] and any(t.lower_ in joins for t in doc[kept[-1][1]:s]):
                kept.append((s, e))
        # A continuation with no trigger of its own: "and to expand …", "y a facilitar …".
        longest: dict[int, int] = {}
        for _, s, e in self.continuation(doc):
            if lo <= s and e <= hi and s >= hits[0][1] and not any(k[0] - 3 <= s < k[1] for k in kept):
                longest[e] = min(s, longest.get(e, s))
        clauses = [(lo, *kept[0])]
        for s, e, trigger in sorted([(s, e, True) for s, e in kept[1:]] + [(s, e, False) for e, s in longest.items()]):
            start = s
            if trigger:     # the clause opens at its conjunction: "…, and Paraguay committed to …"
                start = max((j for j in range(clauses[-1][2], s) if doc[j].lower_ in joins), default=s)
            clauses.append((start, s, e))
        for n, (start, s, e) in enumerate(clauses):
            end = clauses[n + 1][0] if n + 1 < len(clauses) else hi
            while end > start + 1 and doc[end - 1].text == ",":
                end -= 1
            yield (s, e), start, end

    def quoted(self, doc: Doc, lo: int, hi: int) -> set[int]:
        """Tokens inside quotation marks."""
        out, opener = set(), None
        pairs = {"“": "”", "«": "»", '"': '"'}
        for j in range(lo, hi):
            t = doc[j].text
            if opener is not None and t == pairs[opener]:
                opener = None
            elif opener is None and t in pairs:
                opener = t
            elif opener is not None:
                out.add(j)
        return out if opener is None else set()

    @staticmethod
    def after_channel(doc: Doc, i: int, channels: list[list[str]]) -> bool:
        j = i
        while j > 0 and doc[j - 1].lower_ in ("the", "el", "la", "los", "las"):
            j -= 1
        return any(j >= len(c) and [t.lower_ for t in doc[j - len(c):j]] == c for c in channels)

