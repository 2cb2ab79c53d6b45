"""MkDocs hooks for the staged configuration: generated pages are HTML already, so MkDocs need not
parse them as Markdown.

Every page regiokaart generates is one HTML block, `<div class="rk-page ...">...</div>`, made from
escaped and sanitised data (theme/regiokaart/). Python-Markdown would take it through html.parser
twice (its raw-HTML block finder and MkDocs' anchor finder) only to hand the same HTML back; these
hooks hand MkDocs an empty Markdown text for such a page and put the HTML back as its content. Pages
written by hand (content/) are Markdown and go through Markdown as before. An engine that does not
run these hooks (Zensical) renders the same pages through Markdown, with the same result.
"""

from typing import Any

GENERATED_PAGE_START = '<div class="rk-page'
# page.file.src_uri -> the page's HTML, between on_page_markdown and on_page_content of one page
_html: dict[str, str] = {}


def is_generated_html(markdown: str) -> bool:
    """Whether a page's Markdown is one of regiokaart's generated HTML pages."""
    body = markdown.strip()
    return body.startswith(GENERATED_PAGE_START) and body.endswith("</div>")


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if not is_generated_html(markdown):
        return markdown
    _html[page.file.src_uri] = markdown
    return ""


def on_page_content(html: str, page: Any, **_: Any) -> str:
    generated = _html.pop(page.file.src_uri, None)
    if generated is None:
        return html
    page.present_anchor_ids = None  # not parsed: MkDocs then checks no links to its anchors
    return generated
