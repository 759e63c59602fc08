"""A lexer for SPARQL 1.1 text, after the terminals of the W3C grammar (§19.8), in linear time.

It does not parse: it tells code from strings, comments and IRIs, so that a policy can find keywords
(FROM, INSERT…) without being fooled by text that merely contains them. Runs of name characters
(keywords, prefixed names, numbers) are taken whole and split afterwards, which keeps the scan linear
on any input: a query is checked before it runs, in the web worker, so the check must not be a way
to tie the worker up."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
         "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
PN_CHARS_U = f"[{_BASE}_]"
PN_CHARS = f"[{_BASE}_\\-0-9\u00B7\u0300-\u036F\u203F-\u2040]"
PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
PN_PREFIX = f"[{_BASE}](?:(?:{PN_CHARS}|\\.)*{PN_CHARS})?"
PN_LOCAL = f"(?:{PN_CHARS_U}|:|[0-9]|{PLX})(?:(?:{PN_CHARS}|\\.|:|{PLX})*(?:{PN_CHARS}|:|{PLX}))?"
VARNAME = f"(?:{PN_CHARS_U}|[0-9])(?:{PN_CHARS_U}|[0-9\u00B7\u0300-\u036F\u203F-\u2040])*+"
UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
IRIREF = f"<(?:[^<>\"{{}}|^`\\\\\\x00-\\x20]|{UCHAR})*+>"
_NAME_RUN = f"(?:[{_BASE}_\\-0-9\u00B7\u0300-\u036F\u203F-\u2040.:%]|\\\\[_~.\\-!$&'()*+,;=/?#@%])++"

_TOKEN = re.compile(f"""
  (?P<ws>\\s++)
| (?P<comment>\\#[^\\r\\n]*+)
| (?P<iri>{IRIREF})
| (?P<string>'''(?:'{{0,2}}(?:[^'\\\\]|\\\\.))*+'''
            |\"\"\"(?:"{{0,2}}(?:[^"\\\\]|\\\\.))*+\"\"\"
            |'(?:[^'\\\\\\n\\r]|\\\\.)*+'
            |"(?:[^"\\\\\\n\\r]|\\\\.)*+")
| (?P<var>[?$]{VARNAME})
| (?P<name>{_NAME_RUN})
| (?P<punct>[^\\s\\w#<"'?$.:%\\\\\\-]++|.)
""", re.VERBOSE | re.DOTALL)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?")


@dataclass(frozen=True)
class Token:
    kind: str    # ws, comment, iri, string, var, pname, word; number and punct when asked for
    text: str
    start: int   # offset in the query text

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str, punctuation: bool = False) -> Iterator[Token]:
    """Every token; punctuation (operators, brackets) and numbers only when asked for, since the
    query check needs neither."""
    for m in _TOKEN.finditer(text):
        kind, value, start = m.lastgroup, m.group(), m.start()
        if kind == "punct":
            if punctuation:
                yield from (Token("punct", c, start + i) for i, c in enumerate(value))
        elif kind != "name":
            yield Token(kind, value, start)
        elif ":" in value:
            # A prefixed name (or blank node label) never ends with '.': that is the triple's full stop.
            yield Token("pname", value.rstrip("."), start)
        elif punctuation and _NUMBER.fullmatch(value):
            yield Token("number", value, start)
        else:  # keywords glued to numbers or dots ("1.SERVICE", "true.FILTER") are keywords all the same
            for w in _WORD.finditer(value):
                yield Token("word", w.group(), start + w.start())


def code(text: str) -> Iterator[tuple[str, int]]:
    """The runs of code outside strings, IRIs, comments and variables: (text, offset) of each
    punctuation or name run, as written (operators glued to names or numbers included)."""
    for m in _TOKEN.finditer(text):
        if m.lastgroup in ("punct", "name"):
            yield m.group(), m.start()


def significant(text: str, punctuation: bool = False) -> Iterator[Token]:
    """The tokens a parser sees: no white space, no comments."""
    return (t for t in tokens(text, punctuation) if t.kind not in ("ws", "comment"))


def _uchar(m: re.Match) -> str:
    return chr(int(m.group()[2:], 16))


def iri_value(text: str) -> str:
    """The IRI an IRIREF denotes (\\u escapes decoded, as the parser does)."""
    return re.sub(UCHAR, _uchar, text[1:-1])


def pname_parts(text: str) -> tuple[str, str]:
    """(prefix, local name) of a prefixed name, its local escapes (\\/ \\# …) removed."""
    prefix, _, local = text.partition(":")
    return prefix, re.sub(r"\\(.)", r"\1", local)


def position(text: str, offset: int) -> str:
    """'line L, column C' of an offset, counted as the parser's messages count them."""
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"
