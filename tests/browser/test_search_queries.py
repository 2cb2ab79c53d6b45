"""Search answers the question asked: the queries of tests/search_queries.yaml (what a wijkteam
worker types, with the offers the sources say answer it) run on the results page of the shipped
portal, and the first result must be one of those offers for at least 90 % of them."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser.conftest import run_axe
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))[
    "queries"
]
GOAL = 0.9
STATUS_DONE = re.compile(r"resulta(at|ten)")


def first_result(page: Page, base_url: str, query: str) -> str:
    """The address (from the site root) of the first result for query on the results page, or ""
    when there is none."""
    page.goto(base_url + "zoeken/?q=" + quote(query))
    expect(page.locator("#rk-search-status")).to_contain_text(STATUS_DONE)
    links = page.locator("#rk-search-results h2 a")
    if not links.count():
        return ""
    return links.first.evaluate("a => new URL(a.href).pathname").lstrip("/")


def offer_of(address: str) -> str | None:
    """The offer id of an offer page's address (aanbod/<id>/), else None."""
    match = re.fullmatch(r"aanbod/([^/]+)/", address)
    return match.group(1) if match else None


def test_the_queries_list_is_sound(shipped_site: Path) -> None:
    assert len(QUERIES) >= 20
    assert len({q["query"] for q in QUERIES}) == len(QUERIES)
    for query in QUERIES:
        assert query["reason"].strip(), query["query"]
        for offer in query["expected"]:
            assert (shipped_site / "aanbod" / offer / "index.html").is_file(), (query, offer)


def test_first_result_answers_at_least_90_percent_of_the_queries(
    page: Page, base_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    misses = []
    for query in QUERIES:
        first = first_result(page, base_url, query["query"])
        if offer_of(first) not in query["expected"]:
            misses.append(f"  {query['query']!r}: eerste resultaat {first or '(geen)'}")
    hits = len(QUERIES) - len(misses)
    figure = (
        f"Zoekvragen: {hits} van {len(QUERIES)} eerste resultaten goed ({hits / len(QUERIES):.0%})"
    )
    with capsys.disabled():
        print("\n" + "\n".join([figure, *misses]))
    assert hits >= GOAL * len(QUERIES), "\n".join([figure, *misses])


def test_an_evident_typing_error_shows_the_suggestion_first(page: Page, base_url: str) -> None:
    page.goto(base_url + "zoeken/?q=huisverbot")
    status = page.locator("#rk-search-status")
    expect(status).to_contain_text(
        re.compile(r"resultaten voor “huisverbod” \(u zocht “huisverbot”\)")
    )
    titles = page.locator("#rk-search-results h2").all_inner_texts()
    assert titles, "no results for the suggestion"
    # Every result shown is one for huisverbod: nothing unrelated comes before (or among) them.
    details = page.locator("#rk-search-results > li").all_inner_texts()
    assert all(re.search("huisverbod|THV", text, re.IGNORECASE) for text in details), details
    first = first_result_address(page)
    assert offer_of(first) in {"tijdelijk-huisverbod", "tijdelijk-huisverbod-nieuwe-stijl"}, first
    literal = page.locator("#rk-search-suggestion").get_by_role(
        "link", name="Zoek toch naar “huisverbot”"
    )
    expect(literal).to_be_visible()
    assert run_axe(page) == []
    literal.click()
    expect(page).to_have_url(re.compile(r"\?q=huisverbot&letterlijk=ja$"))
    expect(status).to_contain_text("voor “huisverbot”")
    expect(status).not_to_contain_text("u zocht")
    expect(page.locator("#rk-search-suggestion")).to_have_text("Bedoelde u: huisverbod?")


def first_result_address(page: Page) -> str:
    return (
        page.locator("#rk-search-results h2 a")
        .first.evaluate("a => new URL(a.href).pathname")
        .lstrip("/")
    )
