"""`kg ingest FILE...`: add documents to the documents folder, ready for `kg build` to extract.

Plain text comes with a YAML front-matter block (title, publisher, date, language, source) and is
checked as the build will read it; a text without one gets a block with its detected language.
An HTML page saved from a browser loses its boilerplate (scripts, styles, navigation, header,
footer) and keeps its article; its metadata comes from <title>, Open Graph and article meta tags,
<time> and <html lang>. Each document is written as data/documents/<slug>.txt."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from . import documents
from .config import Config
from .dates import parse_iso
from .errors import InputError
from .extract.identity import slug
from .extract.preview import preview

SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "template", "iframe", "button", "select"}
BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr",
          "table", "blockquote", "figcaption", "figure", "dd", "dt", "pre", "hr", "time"}
VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"}
DATE_META = ("article:published_time", "og:article:published_time", "date", "dc.date", "dcterms.date", "pubdate",
             "publish_date", "datepublished", "dc.date.issued")


@dataclass
class Page:
    lang: str | None = None
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    times: list[str] = field(default_factory=list)
    canonical: str | None = None
    parts: dict[str, list[str]] = field(default_factory=lambda: {"article": [], "main": [], "body": []})


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.skipping = 0
        self.open: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.page.lang = a["lang"]
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.page.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.page.canonical = a["href"]
        elif tag == "time" and a.get("datetime"):
            self.page.times.append(a["datetime"])
        elif tag == "title":
            self.in_title = True
        if tag in VOID:
            if tag in ("br", "hr"):
                self._text("\n\n")
            return
        self.open.append(tag)
        if tag in SKIP:
            self.skipping += 1
        if tag in BLOCKS:
            self._text("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag not in self.open:
            return
        while self.open:  # close what the page left open inside
            t = self.open.pop()
            if t in SKIP:
                self.skipping -= 1
            if t == tag:
                break
        if tag in BLOCKS:
            self._text("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.page.title = (self.page.title or "") + data
            return
        if not self.skipping:
            self._text(re.sub(r"\s+", " ", data))

    def _text(self, text):
        if "body" in self.open or "head" not in self.open:
            self.page.parts["body"].append(text)
        for part in ("article", "main"):
            if part in self.open:
                self.page.parts[part].append(text)


def _paragraphs(chunks: list[str]) -> str:
    text = "".join(chunks)
    paras = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def _date(*candidates: str | None) -> str | None:
    for c in candidates:
        m = re.match(r"\s*(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4})", c or "")
        if m:
            try:
                return parse_iso(m.group(1)).iso
            except ValueError:
                continue
    return None


def _language(tag: str | None, text: str) -> str | None:
    code = (tag or "").split("-")[0].strip().lower()
    if code in documents.known_languages():
        return code
    return documents.detect_language(text)


def from_html(raw: str) -> tuple[dict, str]:
    reader = _Reader()
    reader.feed(raw)
    reader.close()
    p = reader.page
    body = next((b for b in (_paragraphs(p.parts[k]) for k in ("article", "main", "body")) if b), "")
    title = p.meta.get("og:title") or (p.title or "").strip() or None
    meta = {
        "title": " ".join(title.split()) if title else None,
        "publisher": p.meta.get("og:site_name") or p.meta.get("publisher") or p.meta.get("author") or None,
        "date": _date(*(p.meta.get(k) for k in DATE_META), *p.times),
        "language": _language(p.lang or p.meta.get("og:locale") or p.meta.get("language"), body),
        "source": p.meta.get("og:url") or p.canonical or None,
    }
    return meta, body


def _looks_like_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or re.match(r"\s*(<!doctype html|<html)", text, re.I) is not None


def front_matter(meta: dict) -> str:
    fields = {k: meta.get(k) for k in documents.FIELDS}
    if meta.get("note"):
        fields["note"] = meta["note"]
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def prepare(path: Path) -> tuple[str, str, dict]:
    """(file name, content, metadata) of the document to write for one input file. Raises InputError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if b"\x00" in raw[:4096]:
        raise InputError(path, "not a text or HTML file (binary content)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        if not _looks_like_html(path, raw[:2048].decode("latin-1")):
            raise InputError(path, "not valid UTF-8 text; save it as UTF-8 and try again") from None
        text = raw.decode("cp1252", errors="replace")  # old pages without a declared charset
    if _looks_like_html(path, text):
        meta, body = from_html(text)
        if not body.strip():
            raise InputError(path, "this HTML page has no readable text")
        content = front_matter(meta) + body + "\n"
    else:
        doc = documents.load(path)  # front matter checked as the build will check it
        meta = {"title": doc.title, "publisher": doc.publisher, "date": doc.date.iso if doc.date else None,
                "language": doc.language, "source": doc.source, "note": doc.note}
        if doc.has_front_matter:
            content = text.removeprefix("\ufeff")
        else:
            meta["note"] = "ingested without front matter; language detected"
            content = front_matter(meta) + text
        if not doc.text.strip():
            raise InputError(path, "the document has no text")
    return slug(path.stem, 60), content, meta


def write(folder: Path, stem: str, content: str) -> tuple[Path, bool]:
    """The path written (a new name if a different document already has this one), and whether it is new."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        target = folder / (f"{stem}.txt" if n == 1 else f"{stem}-{n}.txt")
        if target.exists():
            if target.read_text(encoding="utf-8", errors="replace") == content:
                return target, False
            continue
        target.write_text(content, encoding="utf-8")
        return target, True
    raise InputError(folder, f"too many documents named {stem}")


def cli_ingest(config: Config, args) -> int:
    folder = Path(args.documents or config.documents_dir)
    refused = 0
    for path in args.files:
        try:
            stem, content, meta = prepare(path)
            target, new = write(folder, stem, content)
            # Read back as the build will: what was written must build.
            documents.load(target)
        except InputError as exc:
            refused += 1
            print(f"kg ingest: refused {path}: {exc.message}", file=sys.stderr)
            continue
        facts = ", ".join(f"{k}: {meta[k]}" for k in ("title", "date", "language") if meta.get(k))
        print(f"{'added' if new else 'already there'}: {target} ({facts or 'no metadata'}) from {path}")
        print(preview(config, documents.load(target)))
    if refused:
        print(f"kg ingest: {refused} file(s) refused; the others were added. Run `kg build` to extract their facts.",
              file=sys.stderr)
        return 1
    print("Run `kg build` to extract their facts into the graph.")
    return 0
