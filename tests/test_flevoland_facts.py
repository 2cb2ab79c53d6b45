"""The Flevoland portal says the same before and after a change to how pages are built.

The real build of the shipped region (the session's shipped_site, shared with the browser tests) is
reduced to what a reader gets, independent of markup: for every HTML page its main heading, its
headings, the visible text of the article (whitespace collapsed), its links (text and href, resolved
against the site root), image alt texts and abbreviation tooltips; for every generated data file its
parsed content (JSON, YAML, CSV rows, workbook cell values, sitemap URLs). That snapshot is compared
with tests/golden/flevoland/facts.json.gz.

Left out, because they vary between builds or are not what the pages say: Pagefind's folders (hashed
file names; it indexes the text compared here), Material's own assets (assets/javascripts,
stylesheets, images: hashed names that change with Material's version), files copied unchanged from
theme/ (code, not facts), everything outside the article (header, navigation, footer: the navigation
is pruned on purpose), the <title> element, and a sitemap's <lastmod>. The build date is not left out
but pinned: shipped_site generates the pages as on FLEVOLAND_TODAY.

After an intended change of what the portal says:
    REGIOKAART_UPDATE_FACTS=1 .venv/bin/python -m pytest tests/test_flevoland_facts.py
then review the test's report of what changed (run it once more without the variable before).
"""

import csv
import difflib
import gzip
import hashlib
import io
import json
import os
import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

import openpyxl
import pytest
import yaml

from regiokaart.site.search import REQUIRED_FILES
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "flevoland" / "facts.json.gz"
UPDATE = "REGIOKAART_UPDATE_FACTS"
# Not compared (see the module's docstring for why).
SKIPPED_FOLDERS = (
    *(f"{index}/" for index in REQUIRED_FILES),  # pagefind/, pagefind-landelijk/
    *("assets/javascripts/", "assets/stylesheets/", "assets/images/"),
)
SHOWN_PAGES = 5  # differing pages shown in full on failure

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
HIDDEN_TAGS = frozenset({"script", "style", "template"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
ORIGIN = "https://site.invalid"


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Capture:
    """Text gathered for one open element (a link, heading or abbreviation)."""

    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag = tag
        self.attrs = attrs
        self.parts: list[str] = []


class ReaderView(HTMLParser):
    """What a reader gets from one HTML page: only the content of its <article> (or, for a
    fragment without one, the whole file)."""

    def __init__(self, url: str, whole: bool):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.whole = whole
        self.article_depth = 0
        self.hidden_depth = 0
        self.blocks: list[str] = []
        self.open: list[_Capture] = []
        self.headings: list[list[str]] = []
        self.links: list[list[str]] = []
        self.images: list[str] = []
        self.abbreviations: set[tuple[str, str]] = set()
        self.forms: list[str] = []
        self.description = ""

    @property
    def inside(self) -> bool:
        return (self.whole or self.article_depth > 0) and self.hidden_depth == 0

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attr_list}
        if tag == "meta" and attrs.get("name") == "description":
            self.description = collapse(attrs.get("content", ""))
        if tag == "article":
            self.article_depth += 1
        if tag in HIDDEN_TAGS:
            self.hidden_depth += 1
        if not self.inside:
            return
        if tag in BLOCK_TAGS:
            self.blocks.append("\n")
        if tag == "img":
            self.images.append(collapse(attrs.get("alt", "")))
        elif tag == "form":
            self.forms.append(resolve(attrs.get("action", ""), self.url))
        elif (tag == "a" and "href" in attrs) or tag in HEADINGS or tag == "abbr":
            self.open.append(_Capture(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # <br/>, <img/>: nothing to close

    def handle_endtag(self, tag: str) -> None:
        if self.inside:
            if tag in BLOCK_TAGS:
                self.blocks.append("\n")
            for index in range(len(self.open) - 1, -1, -1):
                if self.open[index].tag == tag:
                    self.finish(self.open.pop(index))
                    break
        if tag in HIDDEN_TAGS and self.hidden_depth:
            self.hidden_depth -= 1
        if tag == "article" and self.article_depth:
            self.article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.blocks.append(data)
            for capture in self.open:
                capture.parts.append(data)

    def finish(self, capture: _Capture) -> None:
        text = collapse("".join(capture.parts))
        if capture.tag == "a":
            label = text or collapse(capture.attrs.get("aria-label", ""))
            self.links.append([label, resolve(capture.attrs["href"], self.url)])
        elif capture.tag == "abbr":
            self.abbreviations.add((text, collapse(capture.attrs.get("title", ""))))
        else:
            self.headings.append([capture.tag, capture.attrs.get("id", ""), text])

    def facts(self) -> dict[str, Any]:
        h1 = next((text for tag, _, text in self.headings if tag == "h1"), "")
        return {
            "h1": h1,
            "headings": self.headings,
            "text": collapse("".join(self.blocks)),
            "links": self.links,
            "images": self.images,
            "abbreviations": sorted(self.abbreviations),
            "forms": self.forms,
            "description": self.description,
        }


def resolve(href: str, url: str) -> str:
    """An href as the reader's browser resolves it, written from the site's root (/x/y/#z); a
    folder's index.html is the folder; other schemes (https:, mailto:, tel:) stay as they are."""
    href = href.strip()
    if SCHEME.match(href):
        return href
    parts = urlsplit(urljoin(ORIGIN + url, href))
    path = parts.path.removesuffix("index.html")
    return (
        path
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def page_facts(site: Path, relative: str) -> dict[str, Any]:
    view = ReaderView("/" + relative, whole=False)
    view.feed((site / relative).read_text(encoding="utf-8"))
    view.close()
    if not view.blocks and not view.headings:  # a fragment (social map cards): no <article>
        view = ReaderView("/" + relative, whole=True)
        view.feed((site / relative).read_text(encoding="utf-8"))
        view.close()
    return view.facts()


def csv_rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def workbook_cells(data: bytes) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return {
        sheet.title: [[plain(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def plain(value: Any) -> Any:
    """A value as JSON can hold it (dates and times as ISO text)."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def xml_content(data: bytes) -> Any:
    root = ET.fromstring(data)
    if root.tag.endswith("urlset"):  # a sitemap: its URLs, not the build's <lastmod>
        return sorted(e.text or "" for e in root.iter() if e.tag.endswith("loc"))
    return ET.canonicalize(data.decode("utf-8"), strip_text=True)


def css_content(data: bytes) -> str:
    """CSS without comments and optional whitespace (minified and written out read the same)."""
    text = re.sub(r"/\*.*?\*/", "", data.decode("utf-8"), flags=re.S)
    text = re.sub(r"\s*([{};:,>])\s*", r"\1", collapse(text))
    return text.replace(";}", "}")


def file_content(name: str, data: bytes) -> Any:
    """A generated non-HTML file by what it holds; bytes (as a hash) only where nothing parses it."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".gz":
        return file_content(name[: -len(suffix)], gzip.decompress(data))  # gzip's header has a date
    if suffix == ".json":
        return json.loads(data)
    if suffix in (".yaml", ".yml"):
        return plain(yaml.safe_load(data))
    if suffix == ".csv":
        return csv_rows(data)
    if suffix == ".xlsx":
        return workbook_cells(data)
    if suffix in (".xml", ".svg"):
        return xml_content(data)
    if suffix == ".css":
        return css_content(data)
    if suffix in (".txt", ".md"):
        return collapse(data.decode("utf-8"))
    return "sha256:" + hashlib.sha256(data).hexdigest()


def copied_from_theme(relative: str) -> bool:
    return (ROOT / "theme" / relative).is_file()


def site_files(site: Path) -> Iterator[str]:
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not relative.startswith(SKIPPED_FOLDERS):
            yield relative


def site_facts(site: Path) -> dict[str, Any]:
    """The snapshot of a built site: pages by URL and generated files by path."""
    pages: dict[str, Any] = {}
    files: dict[str, Any] = {}
    for relative in site_files(site):
        if relative.endswith(".html"):
            pages[relative.removesuffix("index.html")] = page_facts(site, relative)
        elif not copied_from_theme(relative):
            files[relative] = file_content(relative, (site / relative).read_bytes())
    return {"pages": pages, "files": files}


def encode(facts: dict[str, Any]) -> bytes:
    text = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


# ---------------------------------------------------------------------------------------------
# A readable report of what changed


def sentences(text: str) -> list[str]:
    lines = []
    for sentence in re.split(r"(?<=[.!?:])\s+", text):
        lines += textwrap.wrap(sentence, 100) or [""]
    return lines


def as_lines(value: Any) -> list[str]:
    if isinstance(value, str):
        return sentences(value)
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).splitlines()


def short_diff(before: Any, after: Any, limit: int = 30) -> str:
    lines = list(
        difflib.unified_diff(as_lines(before), as_lines(after), "before", "after", n=1, lineterm="")
    )
    more = f"\n    … {len(lines) - limit} more diff lines" if len(lines) > limit else ""
    return (
        "\n".join("    " + textwrap.shorten(line, 240, placeholder=" …") for line in lines[:limit])
        + more
    )


def differences(kind: str, expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    report = []
    gone = sorted(set(expected) - set(actual))
    new = sorted(set(actual) - set(expected))
    if gone:
        report.append(f"{kind} no longer there ({len(gone)}): {', '.join(gone[:20])}")
    if new:
        report.append(f"{kind} new ({len(new)}): {', '.join(new[:20])}")
    changed = [key for key in sorted(set(expected) & set(actual)) if expected[key] != actual[key]]
    if changed:
        report.append(f"{kind} changed ({len(changed)}): {', '.join(changed[:20])}")
    for key in changed[:SHOWN_PAGES]:
        before, after = expected[key], actual[key]
        if kind == "pages":
            for field in sorted(set(before) | set(after)):
                if before.get(field) != after.get(field):
                    report.append(
                        f"  {key} {field}:\n{short_diff(before.get(field), after.get(field))}"
                    )
        else:
            report.append(f"  {key}:\n{short_diff(before, after)}")
    return report


def test_flevoland_pages_and_facts_stay_the_same(shipped_site: Path) -> None:
    facts = site_facts(shipped_site)
    assert len(facts["pages"]) > 200 and facts["files"], "the build produced too little to compare"
    if os.environ.get(UPDATE):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(encode(facts))
    expected = json.loads(gzip.decompress(GOLDEN.read_bytes()))
    # Through JSON, as the golden file went: tuples become lists and so compare equal.
    actual = json.loads(json.dumps(facts, ensure_ascii=False))
    report = differences("pages", expected["pages"], actual["pages"])
    report += differences("files", expected["files"], actual["files"])
    if report:
        pytest.fail(
            "The Flevoland portal says something else than tests/golden/flevoland/facts.json.gz.\n"
            + "\n".join(report)
            + f"\nIf intended: {UPDATE}=1 python -m pytest tests/test_flevoland_facts.py",
            pytrace=False,
        )
