"""Safe text for pages: Markdown from data is rendered, sanitised and given abbreviation tooltips."""

import html
import re
import threading
from collections.abc import Mapping

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "code",
    "br",
    "blockquote",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
_TAG = re.compile(r"(<[^>]+>)")


# One parser for all fields (building one costs more than converting a short text), one per thread;
# reset() before each text gives the same result as a new one. Sanitised results are kept by text,
# so a text that occurs on many pages (or again in the next build of `serve`) is converted once.
_PARSERS = threading.local()
_CLEAN: dict[str, str] = {}
_CLEAN_LIMIT = 200_000  # texts kept; beyond it the memo starts anew


def render_markdown(text: str | None, abbreviations: Mapping[str, str] | None = None) -> Markup:
    """Markdown from a data field as sanitised HTML: no scripts, styles, attributes or raw HTML."""
    if not text:
        return Markup("")
    clean = _CLEAN.get(text)
    if clean is None:
        clean = _sanitised_markdown(text)
        if len(_CLEAN) >= _CLEAN_LIMIT:
            _CLEAN.clear()
        _CLEAN[text] = clean
    return Markup(add_abbreviations(clean, abbreviations or {}))


# Lines of plain words: each starts with a letter and ends in no space, with no character Markdown
# or HTML gives a meaning to. Such a text is one paragraph as it is (tests/test_markdown_reuse.py
# holds this to the parser on random texts), the most common kind of text in the data.
_PLAIN_LINES = re.compile(
    r"[A-Za-z\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f ,.;:'()?/%-]*[A-Za-z0-9\u00c0-\u024f,.;:'()?/%-])?"
    r"(?:\n[A-Za-z\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f ,.;:'()?/%-]*[A-Za-z0-9\u00c0-\u024f,.;:'()?/%-])?)*"
)


def _sanitised_markdown(text: str) -> str:
    if _PLAIN_LINES.fullmatch(text):
        return f"<p>{text}</p>"
    # Raw HTML in data is shown as text, never interpreted.
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = markdown.Markdown(output_format="html")
    rendered = parser.reset().convert(html.escape(text, quote=False))
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def render_plain(text: str | None, abbreviations: Mapping[str, str] | None = None) -> Markup:
    """Plain text from a data field, escaped, with abbreviation tooltips."""
    if not text:
        return Markup("")
    return Markup(add_abbreviations(html.escape(text), abbreviations or {}))


def add_abbreviations(safe_html: str, abbreviations: Mapping[str, str]) -> str:
    """Wrap whole-word abbreviations in text (never inside tags or <abbr>) in <abbr title>."""
    if not abbreviations:
        return safe_html
    pattern = _abbreviation_pattern(tuple(sorted(abbreviations, key=len, reverse=True)))
    titles = {html.escape(key): title for key, title in abbreviations.items()}
    parts = _TAG.split(safe_html)
    inside_abbr = False
    for index, part in enumerate(parts):
        if part.startswith("<"):
            lowered = part.lower()
            if lowered.startswith("<abbr"):
                inside_abbr = True
            elif lowered.startswith("</abbr"):
                inside_abbr = False
            continue
        if not inside_abbr and part:
            parts[index] = pattern.sub(
                lambda m: f'<abbr title="{html.escape(titles[m.group(0)])}">{m.group(0)}</abbr>',
                part,
            )
    return "".join(parts)


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _abbreviation_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    if keys not in _PATTERNS:
        alternatives = "|".join(re.escape(html.escape(k)) for k in keys)
        _PATTERNS[keys] = re.compile(rf"(?<![\w&+-])(?:{alternatives})(?![\w+])")
    return _PATTERNS[keys]
