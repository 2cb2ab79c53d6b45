"""The Content-Security-Policy of a page: its inline scripts' hashes, placed first in <head>."""

import base64
import hashlib
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from regiokaart.site import csp
from regiokaart.site.build import build_site
from regiokaart.site.csp import (
    POLICY_META,
    add_policy,
    inline_script_hashes,
    policy_for,
    script_hash,
)
from regiokaart.site.finish import UnreadablePage, finish_page, finish_site, is_document

PAGE = """<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width">
    <title>Test</title>
    <script>document.documentElement.classList.add("rk-js");</script>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script src="assets/js/main.js" type="module"></script>
  </head>
  <body><p>Tekst</p></body>
</html>
"""


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


class _Metas(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Metas()
    parser.feed(page)
    return parser.tags


def policy_in(page: str) -> str:
    policies = [
        attrs["content"]
        for tag, attrs in tags_of(page)
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(policies) == 1
    assert policies[0] is not None
    return policies[0]


def test_policy_allows_only_the_site_and_the_hashed_inline_script() -> None:
    policy = policy_in(add_policy(PAGE))
    ours = sha256('document.documentElement.classList.add("rk-js");')
    assert policy == (
        f"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {ours}; style-src 'self'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def test_data_blocks_and_external_scripts_get_no_hash() -> None:
    assert inline_script_hashes(PAGE) == [
        sha256('document.documentElement.classList.add("rk-js");')
    ]


def test_an_extra_inline_script_gets_its_own_hash() -> None:
    extra = "console.log('hallo')"
    page = PAGE.replace("</body>", f'<script type="module">{extra}</script></body>')
    policy = policy_in(add_policy(page))
    assert sha256(extra) in policy
    assert policy.count("'sha256-") == 2


def test_the_same_script_twice_is_hashed_once() -> None:
    page = PAGE.replace("<body>", "<body><script>x()</script><script>x()</script>")
    assert inline_script_hashes(page).count(sha256("x()")) == 1


def test_policy_comes_right_after_the_charset_before_any_script_or_style() -> None:
    tags = tags_of(add_policy(PAGE))
    names = [tag for tag, _ in tags]
    assert names[:4] == ["html", "head", "meta", "meta"]
    assert tags[2][1] == {"charset": "utf-8"}
    assert tags[3][1]["http-equiv"] == "Content-Security-Policy"


def test_without_a_leading_charset_the_policy_opens_the_head() -> None:
    page = add_policy("<html><head><title>x</title><script>a()</script></head></html>")
    assert page.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="')


def test_a_page_without_head_gets_the_policy_after_the_doctype() -> None:
    page = add_policy("<!DOCTYPE html>\n<p>Hallo</p><script>a()</script>")
    assert page.startswith('<!DOCTYPE html><meta http-equiv="Content-Security-Policy"')
    assert sha256("a()") in policy_in(page)


def test_the_rest_of_the_page_is_unchanged() -> None:
    page = add_policy(PAGE)
    start = page.index("<meta http-equiv")
    end = page.index(">", start) + 1
    assert page[:start] + page[end:] == PAGE


def test_script_text_is_hashed_as_written_not_unescaped() -> None:
    # A script is raw text: the browser hashes "&amp;" and "<b>" as they stand.
    text = 'if (a &amp;&amp; b) document.title = "<b>";'
    assert inline_script_hashes(f"<head><script>{text}</script></head>") == [sha256(text)]


def test_line_endings_are_hashed_as_the_browser_reads_them() -> None:
    assert script_hash("a()\r\nb()\rc()") == sha256("a()\nb()\nc()")


def test_the_attribute_is_escaped_and_reads_back_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(csp.FIXED_DIRECTIVES, "report-to", ['"a&amp;b<c>"'])
    page = add_policy("<head></head>")
    assert policy_in(page) == policy_for([])
    assert policy_for([]).endswith('; report-to "a&amp;b<c>"')
    meta = next(attrs for tag, attrs in tags_of(page) if tag == "meta")
    assert set(meta) == {"http-equiv", "content"}


def test_a_script_inside_the_page_content_is_not_hashed_so_it_stays_blocked() -> None:
    page = PAGE.replace(
        "<body>",
        '<body><script>theme()</script><div class="md-content"><div data-pagefind-body>'
        "<div><script>injected()</script></div><script>alsoInjected()</script>"
        "</div></div><script>afterwards()</script>",
    )
    hashes = inline_script_hashes(page)
    assert sha256("theme()") in hashes and sha256("afterwards()") in hashes
    assert sha256("injected()") not in hashes and sha256("alsoInjected()") not in hashes


def test_script_text_in_comments_titles_and_textareas_is_no_script() -> None:
    page = (
        "<HTML><HEAD><TITLE><script>t()</script></TITLE><!-- a > <script>c()</script> -->"
        "<SCRIPT>real()</Script ></HEAD><body><textarea><script>x()</script></textarea>"
        '<p title="a>b"><script type="text/plain">y()</script></body></HTML>'
    )
    assert inline_script_hashes(page) == [sha256("real()")]


@pytest.mark.parametrize(
    "page",
    ['<a "' * 50_000, "<a " * 50_000, "<" * 200_000, "<title " * 30_000, "<!--" * 50_000],
    ids=["open quotes", "open tags", "angles", "open titles", "comments"],
)
def test_broken_markup_takes_linear_time(page: str) -> None:
    # About 0.02 s each; a scan that backtracks over the rest of the page at every "<" takes seconds.
    started = time.perf_counter()
    add_policy(page)
    assert time.perf_counter() - started < 1


def test_every_html_file_of_a_site_gets_its_policy(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(PAGE.replace("\n", "\r\n").encode())
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "style.css").write_text("body{}", encoding="utf-8")
    finish_site(tmp_path)
    nested = (tmp_path / "a" / "index.html").read_bytes().decode()
    assert "Content-Security-Policy" in nested, "CR LF line ends make the same hashes"
    assert policy_in(nested) == policy_in((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert (tmp_path / "style.css").read_text(encoding="utf-8") == "body{}"


def test_a_page_that_is_not_utf8_stops_the_build_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "oud.html").write_bytes("<p>café</p>".encode("latin-1"))
    with pytest.raises(UnreadablePage, match=r"oud\.html: het bestand is geen UTF-8"):
        finish_site(tmp_path)


def test_every_html_file_of_a_built_site_carries_its_policy(mini_project: Path) -> None:
    """Every .html file, whatever made it: a page, a hand-written page, the social map's card
    files (fragments that a browser can also open by themselves), and any kind of file to come."""
    site = mini_project / "site"
    # A whole page written by hand, which MkDocs copies as it is.
    handwritten = '<!DOCTYPE html>\n<html lang="nl"><head><title>Los</title></head><body>\n'
    handwritten += "<script>document.title = 'x';</script></body></html>\n"
    (mini_project / "content" / "los.html").write_text(handwritten, encoding="utf-8")
    build_site(mini_project, site)
    pages = sorted(site.rglob("*.html"))
    assert site / "los.html" in pages and len(pages) > 5
    fragments = [p for p in pages if not is_document(p.read_text(encoding="utf-8"))]
    cards = sorted((site / "sociale-kaart" / "kaarten").glob("*.html"))
    assert cards and set(cards) <= set(fragments), fragments
    for page in pages:
        text = page.read_text(encoding="utf-8")
        policy = policy_in(text)  # exactly one, in every file
        assert csp.has_policy(text), f"{page}: the policy is not at the start"
        hashes = inline_script_hashes(text)
        if page not in fragments:
            assert hashes, f"{page} has no inline script: Material's base.html changed?"
        for source in hashes:
            assert source in policy, page


def test_a_card_file_opened_by_itself_gets_its_policy_in_the_head() -> None:
    """The policy comes first in a fragment, so the browser puts it in the <head> it makes up."""
    fragment = '<ul>\n<li class="rk-card"><a href="../../aanbod/x/">X</a></li>\n</ul>\n'
    finished = finish_page(fragment)
    assert finished.startswith(POLICY_META)
    assert policy_in(finished) == policy_for([])
    assert finished.endswith(fragment)
    assert finish_page(finished) == finished
