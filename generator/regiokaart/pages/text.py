"""Safe text for pages: Markdown from data is rendered, sanitised and given abbreviation tooltips."""

import html
import re
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


def render_markdown(text: str | None, abbreviations: Mapping[str, str] | None = None) -> Markup:
    """Markdown from a data field as sanitised HTML: no scripts, styles, attributes or raw HTML."""
    if not text:
        return Markup("")
    # Raw HTML in data is shown as text, never interpreted.
    rendered = markdown.markdown(html.escape(text, quote=False), output_format="html")
    clean = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(add_abbreviations(clean, abbreviations or {}))


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
