"""The privacy rule on what a reader gets: the text of every built HTML file, as a browser shows it.

`regiokaart check` scans the sources (privacy.py), and the engine renders them afterwards; markup
joins what the source check saw apart: a comment (06-1234<!-- -->5678), an entity (06&#45;12345678,
j.jansen&#64;…), emphasis (06-1234*5*678), a tag, a line break inside a paragraph, or a link target
that is percent-encoded (mailto:j.jansen%40…) or broken by a tab or a line break (which a browser
drops from a URL). So each HTML file of the new site is read as a reader gets it (reader_text: tags
out, comments dropped, entities decoded, a textarea's content as written, <bdo dir="rtl"> as the
right-to-left override it is, link targets and the texts of alt, title and aria-label decoded) and
scanned with the same rule, which reads across invisible characters and reads reversed text the
other way round too (privacy.py), while the engine writes it: a file
with a finding is withheld (written as a notice instead), and the build fails before the new site is
swapped in. Each finding is then located in its source (source_problems): the line of the file of
content/ it came from, or the data value, by reading those the same way; otherwise the built page is
named.

Not scanned: the JSON, CSV and YAML downloads. They hold the data's strings as written, which the
source check scans with the same rule; no renderer joins anything in them (the social map shows its
JSON as text, and its HTML card files are scanned here).

Bounded: each step is a regular expression that reads a character a bounded number of times (a match
either ends at '>' or at the end of the page, a run of white space is read from its start only), so
the work is linear in the length of each page (tests/test_published_privacy.py, hostile pages).
"""

import contextlib
import dataclasses
import html
import os
import re
import urllib.parse
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from regiokaart import resources
from regiokaart.checks.validate import data_texts
from regiokaart.dataset.load import LoadedData, load_data
from regiokaart.models.privacy import (
    RIGHT_TO_LEFT_OVERRIDE,
    Finding,
    SiteText,
    find_personal_data,
    line_columns,
)
from regiokaart.problems import Problem
from regiokaart.safe_text import render_markdown

# --- the text a reader gets -----------------------------------------------------------------------

# An attribute section of a tag: a quoted value only after '=' (as a browser reads it), so a stray
# quote cannot hide the text after the tag; ends at '>' or the end of the page, so it never fails
# and never backtracks.
_ATTRIBUTES = r"((?:[^>=\"']+|=\s*\"[^\"]*\"?|=\s*'[^']*'?|[=\"'])*)"
_SPACE_OR_END = r"(?=[\t\n\f\r />]|\Z)"
# What a browser does not show, and tags; the text is what lies between the matches. Comments as in
# HTML5: '<!-->' and '<!--->' end at once, '--!>' ends one too. A textarea's content is raw text (a
# comment or a tag in it is shown as written): its element is one match, its content a group.
# (Not a title's: in SVG a title is a tooltip whose comments are comments.)
_MARKUP = re.compile(
    r"<(?:!--(?:-?>|.*?(?:--!?>|\Z))"
    rf"|[sS](?:(?i:cript){_SPACE_OR_END}[^>]*(?:>|\Z).*?(?:</(?i:script){_SPACE_OR_END}[^>]*(?:>|\Z)|\Z)"
    rf"|(?i:tyle){_SPACE_OR_END}[^>]*(?:>|\Z).*?(?:</(?i:style){_SPACE_OR_END}[^>]*(?:>|\Z)|\Z))"
    rf"|((?i:textarea)){_SPACE_OR_END}{_ATTRIBUTES}(?:>|\Z)"
    rf"(.*?)(?:</(?i:textarea){_SPACE_OR_END}[^>]*(?:>|\Z)|\Z)"
    r"|[!?][^>]*(?:>|\Z)"
    r"|/(?![A-Za-z])[^>]*(?:>|\Z)"
    rf"|/?([A-Za-z][^\t\n\f\r />]*){_ATTRIBUTES}(?:>|\Z))",
    re.DOTALL,
)
# The pieces of _MARKUP.split per match: the text before it, then a textarea's name, attributes and
# content, then a tag's name and attributes (None where that part of the pattern took no part).
_GROUPS = 6
# Elements that start a new line: the text on either side is not read as one. Other elements (span,
# em, a, code, wbr, unknown ones) run on, as a browser shows them.
_BREAKING_NAMES = """
address article aside audio blockquote body br button canvas caption dd details dialog div dl dt
fieldset figcaption figure footer form g h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe input
legend li link main math meta nav ol option p pre section select summary svg table tbody td text
textarea tfoot th thead title tr ul video
"""
BREAKING_ELEMENTS = frozenset(_BREAKING_NAMES.split())
# Attributes a reader gets as text: link targets (href, with mailto: and tel:, and a form's action)
# and what a screen reader or a tooltip says. Matched in lower case; 'content' is a meta tag's
# (description).
_READ_ATTRIBUTE = re.compile(
    r"[\s\"'/](href|action|formaction|alt|title|aria-label|aria-description|placeholder|content)"
    r"\s*=\s*(?:\"([^\"]*)\"?|'([^']*)'?|([^\s>\x00]+))"
)
_URLS = frozenset({"href", "action", "formaction"})
_URL_DROPPED = re.compile("[\t\n\r]+")  # what a browser's URL parser takes out of a URL
# <bdo dir="rtl"> shows its text right to left, as U+202E does; it is read as one.
_RIGHT_TO_LEFT = re.compile(r"(?<![\w-])dir\s*=\s*[\"']?rtl(?![\w-])", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[\t\n\r\f][ \t\n\r\f]*| [ \t\n\r\f]+")  # one space stays
_BREAK = "\x00"  # a browser drops NUL from text, so the page's own cannot be taken for a break


def reader_text(page: str) -> str:
    """The text of an HTML page or fragment as a reader gets it: what a browser shows (tags out,
    comments, scripts and styles dropped, entities decoded, white space collapsed, a line break
    where an element such as p or td starts or ends, a textarea's content as written,
    <bdo dir="rtl"> as U+202E), then, one a line, the decoded link targets (without tabs and line
    breaks) and alt, title and aria-label texts. Invisible characters are left in: the privacy rule
    reads across them."""
    pieces = _MARKUP.split(page.replace(_BREAK, ""))
    shown = [pieces[0]]
    attributes = []
    for index in range(1, len(pieces), _GROUPS):
        textarea, textarea_attributes, content, name, tag_attributes, text = pieces[
            index : index + _GROUPS
        ]
        if textarea:
            shown += [_BREAK, content, _BREAK, text]
            attributes.append(textarea_attributes)
        else:
            shown += [tag_mark(name, tag_attributes, _BREAK), text]
            attributes.append(tag_attributes)
    read = _HTML_SPACE.sub(" ", html.unescape("".join(shown))).replace(_BREAK, "\n")
    values = [
        (name, html.unescape(double or single or bare))
        for name, double, single, bare in _READ_ATTRIBUTE.findall(
            _BREAK.join([a for a in attributes if a]).lower()
        )
    ]
    targets = "\n".join([_URL_DROPPED.sub("", v) if n in _URLS else v for n, v in values])
    return f"{read}\n{urllib.parse.unquote(targets)}"


def tag_mark(name: str | None, attributes: str | None, line_break: str) -> str:
    """What a tag puts in the text a reader gets: line_break where an element such as p starts or
    ends, U+202E where <bdo dir="rtl"> starts, else nothing."""
    if not name:
        return ""
    lowered = name.lower()
    if lowered in BREAKING_ELEMENTS:
        return line_break
    if lowered == "bdo" and attributes and _RIGHT_TO_LEFT.search(attributes):
        return RIGHT_TO_LEFT_OVERRIDE
    return ""


# --- the check while the engine writes ------------------------------------------------------------


# What the engine writes in place of a page (or a fragment, such as a card file of the social map)
# that holds personal data: under `regiokaart serve` it is what the reader sees until it is fixed.
WITHHELD_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Pagina niet gepubliceerd</title>
</head>
<body>
<h1>Pagina niet gepubliceerd</h1>
<p>Deze pagina bevat een mobiel telefoonnummer of een persoonlijk e-mailadres en wordt daarom niet
gepubliceerd. De meldingen van de build noemen waar het staat.</p>
</body>
</html>
"""
WITHHELD_FRAGMENT = (
    "<p>Niet gepubliceerd: bevat een mobiel telefoonnummer of een persoonlijk e-mailadres.</p>\n"
)


@dataclass(frozen=True)
class PageFinding:
    """Personal data on a built page: the page's path in the site, and the finding in its text."""

    page: str
    finding: Finding


@dataclass
class PublishedCheck:
    """The check of one build: the region's function mailboxes (no person's address) and what the
    pages written so far hold."""

    function_mailboxes: Collection[str] = ()
    findings: list[PageFinding] = field(default_factory=list)

    def problems(
        self,
        project: Path,
        sources: Mapping[str, str],
        site_dir: Path,
        loaded: LoadedData | None = None,
    ) -> list[Problem]:
        """The findings so far as located problems (source_problems); the data is read again
        unless loaded is given."""
        if not self.findings:
            return []

        def texts() -> Iterable[SiteText]:
            return data_texts((loaded or load_data(project / "data")[0]).documents)

        return source_problems(self.findings, project, sources, site_dir, texts)

    def page_is_clean(self, page: str, text: str) -> bool:
        """Whether a reader gets no personal data from the page; what it holds is kept."""
        found = find_personal_data(reader_text(text), self.function_mailboxes)
        self.findings += [PageFinding(page, finding) for finding in found]
        return not found


# The check of the build in progress, fed by the engine's hooks (mkdocs/finish_pages.py) and by
# page_finish.finish_file (copied HTML files, an engine without hooks).
_current: PublishedCheck | None = None


@contextlib.contextmanager
def published_check(function_mailboxes: Collection[str] = ()) -> Iterator[PublishedCheck]:
    """A PublishedCheck that every page written while it is open goes through."""
    global _current
    check, before = PublishedCheck(list(function_mailboxes)), _current
    _current = check
    try:
        yield check
    finally:
        _current = before


def page_is_clean(page: str, text: str) -> bool:
    """Whether a reader gets no personal data from a page the engine writes (page: its path in the
    site); a finding is kept for the open check. True when no check is open."""
    return _current is None or _current.page_is_clean(page, text)


# --- where a finding comes from -------------------------------------------------------------------

HINT = (
    "zo leest een bezoeker het op {page}; opmaak in de bron (commentaar, entiteit, nadruk, tag, "
    "regelovergang of gecodeerde link) verbergt het alleen voor de controle van de bron"
)
NOT_FOUND_HINT = (
    "zo leest een bezoeker het op {page}; in content/, de gegevens en het thema is niet gevonden "
    "waar het staat"
)
CONTENT_PREFIX = "content/"
THEME_SUFFIXES = frozenset({".html", ".md"})  # templates of pages and of their frame


def source_problems(
    findings: list[PageFinding],
    project: Path,
    sources: Mapping[str, str],
    site_dir: Path,
    read_data_texts: Callable[[], Iterable[SiteText]],
) -> list[Problem]:
    """A located problem for each piece of personal data the pages hold, read where it is written
    as a reader of its page gets it: at each place in the file of content/ the page came from that
    holds it, or else at each data value, or else at each place in the theme; otherwise at the
    (first) built page. sources: each page's path in the site -> what it is made from
    (build.expected_site_files); read_data_texts: the texts of the data, read only when needed."""
    pages: dict[str, dict[str, None]] = {}  # what was found -> the pages it is on, in order
    for found in findings:
        pages.setdefault(found.finding.key or found.finding.message, {})[found.page] = None
    in_content: dict[str, dict[str, list[Problem]]] = {}
    elsewhere: list[dict[str, list[Problem]]] = []  # in the data, in the theme: read when needed
    readers = [lambda: data_problems(read_data_texts()), theme_problems]
    problems: dict[tuple[str, int, int, str, str], Problem] = {}
    for found in findings:
        source, key = sources.get(found.page, ""), found.finding.key
        on_pages = list(pages[key or found.finding.message])
        located, hint = [], HINT.format(page=found.page)
        if key and source.startswith(CONTENT_PREFIX):
            if source not in in_content:
                in_content[source] = file_problems(project / source)
            located = in_content[source].get(key, [])
        for index, read in enumerate(readers):
            if located or not key:
                break
            if index == len(elsewhere):
                elsewhere.append(read())
            located, hint = elsewhere[index].get(key, []), HINT.format(page=listed(on_pages))
        if not located:
            located = [Problem(str(site_dir / on_pages[0]), 1, 1, "", found.finding.message)]
            hint = NOT_FOUND_HINT.format(page=listed(on_pages))
        for problem in located:
            where = (problem.file, problem.line, problem.column, problem.field, problem.message)
            problems.setdefault(where, dataclasses.replace(problem, hint=hint))
    return list(problems.values())


def listed(pages: list[str], shown: int = 3) -> str:
    """'a/index.html, b/index.html en 4 andere pagina's'."""
    rest = len(pages) - shown
    more = f" en {rest} andere pagina's" if rest > 1 else " en 1 andere pagina" if rest == 1 else ""
    return ", ".join(pages[:shown]) + more


def file_problems(path: Path) -> dict[str, list[Problem]]:
    """The personal data in a hand-written file (content/, the theme), read as a reader of its page
    gets it: a problem at each place, by what was found (Finding.key); none when unreadable."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return {}
    loosened, origin = loosened_text(text)
    found = [f for f in find_personal_data(loosened) if f.key]
    starts = sorted({origin[f.start]: f for f in found}.items())
    by_key: dict[str, list[Problem]] = {}
    shown = display_name(path)
    places = line_columns(text, [start for start, _ in starts])
    for (_, finding), (line, column) in zip(starts, places, strict=True):
        by_key.setdefault(finding.key, []).append(Problem(shown, line, column, "", finding.message))
    return by_key


def theme_problems() -> dict[str, list[Problem]]:
    """file_problems of the theme's templates and the engine's configuration."""
    files = [p for p in sorted(resources.THEME_DIR.rglob("*")) if p.suffix in THEME_SUFFIXES]
    by_key: dict[str, list[Problem]] = {}
    for path in [*files, resources.BASE_CONFIG]:
        for key, problems in file_problems(path).items():
            by_key.setdefault(key, []).extend(problems)
    return by_key


def data_problems(texts: Iterable[SiteText]) -> dict[str, list[Problem]]:
    """The personal data in the texts of the data, each read as a reader gets it on a page: a
    problem at each value, by what was found (Finding.key)."""
    by_key: dict[str, list[Problem]] = {}
    for text in texts:
        found: dict[str, Finding] = {}  # one problem for each thing found in a value
        for finding in find_personal_data(reader_text(as_published(text.text))):
            found.setdefault(finding.key, finding)
        for key, finding in found.items():
            if key:
                problem = Problem(text.file, text.line, text.column, text.field, finding.message)
                by_key.setdefault(key, []).append(problem)
    return by_key


def as_published(value: str) -> str:
    """A data value in HTML as the pages may show it: as Markdown, as plain text and as a link (a
    value with a line break or a tab is no link target)."""
    plain = html.escape(value)
    target = _URL_DROPPED.sub(" ", plain)
    return f'{render_markdown(value)}<p>{plain}</p><a href="{target}"></a>'


def display_name(path: Path) -> str:
    """path as check shows it: relative to the working folder when inside it (content/over.md)."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return os.fspath(path)


# A source (Markdown with HTML) read as its page is: what the markup does, undone. Over-reading is
# harmless here (only a finding already made on the page is looked for), so every '*', '`', '~',
# '_' at a word's edge and '%XX' counts as markup.
_SOURCE_MARKUP = re.compile(
    r"(?P<comment><!--(?:-?>|.*?(?:--!?>|\Z))|\{#.*?(?:#\}|\Z))"  # and a template's comment
    r"|(?P<autolink><[^\s<>]*[:@][^\s<>]*>)"
    rf"|</?(?P<name>[A-Za-z][^\t\n\f\r />]*)(?P<attributes>{_ATTRIBUTES[1:-1]})(?:>|\Z)"
    r"|(?P<bogus><[!?][^>]*(?:>|\Z)|</(?![A-Za-z])[^>]*(?:>|\Z))"
    r"|(?P<entity>&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?))"
    r"|(?P<percent>(?:%[0-9A-Fa-f]{2})+)"
    r"|\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|(?P<link>\[)(?=[^\[\]\n]*\]\()"
    r"|\]\((?P<target>[^()\s]*)(?:\s+(?:\"(?P<title>[^\"]*)\"|'(?P<title2>[^']*)'))?\s*\)"
    r"|(?P<marker>[*~`]+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9]))"
    # from the start of a run of white space only, so a long run is not read again from each space
    r"|(?<![ \t\r\f])(?P<paragraph>[ \t\r\f]*\n[ \t\r\f]*\n\s*)"
    r"|(?<![ \t\r\f])(?P<space>[ \t\r\f]*\n[ \t\r\f]*)",
    re.DOTALL,
)


def loosened_text(source: str) -> tuple[str, list[int]]:
    """source (Markdown or HTML) as a reader of its page gets it, and for each character the offset
    in source it comes from: comments and tags out (<bdo dir="rtl"> as U+202E), entities, escapes
    and percent-encoding decoded, emphasis markers dropped, a line break inside a paragraph a space;
    link targets, titles and attributes after the text (without tabs and line breaks), one a
    line."""
    parts: list[str] = []
    origin: list[int] = []
    after: list[tuple[str, int]] = []

    def add(text: str, start: int, verbatim: bool = False) -> None:
        parts.append(text)
        origin.extend(range(start, start + len(text)) if verbatim else [start] * len(text))

    done = 0
    for match in _SOURCE_MARKUP.finditer(source):
        add(source[done : match.start()], done, verbatim=True)
        done = match.end()
        kind, start = match.lastgroup, match.start()
        if kind == "autolink":
            after.append((match.group()[1:-1], start))
        elif kind in ("name", "attributes"):
            add(tag_mark(match.group("name"), match.group("attributes"), "\n"), start)
            after.append((match.group("attributes") or "", start))
        elif kind == "entity":
            add(html.unescape(match.group()), start)
        elif kind == "percent":
            add(urllib.parse.unquote(match.group()), start)
        elif kind == "escaped":
            add(match.group("escaped"), start)
        elif kind in ("target", "title", "title2"):
            after.extend((part, start) for part in match.group("target", "title", "title2") if part)
        elif kind == "paragraph":
            add("\n", start)
        elif kind == "space":
            add(" ", start)
    add(source[done:], done, verbatim=True)
    for text, start in after:
        add("\n" + urllib.parse.unquote(_URL_DROPPED.sub("", html.unescape(text))), start)
    return "".join(parts), origin
