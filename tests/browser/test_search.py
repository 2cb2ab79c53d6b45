"""Dutch search stems index and query alike: plural queries find singular pages and vice versa."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from regiokaart.build import build_site
from tests.browser.conftest import serve

pytestmark = pytest.mark.browser

PAGES = {
    "alleen-gemeente": "# Alleen enkelvoud\n\nDe wethouder van de gemeente opent het loket.\n",
    "alleen-pleger": "# Enkelvoud pleger\n\nEen pleger krijgt direct hulp van het loket.\n",
    "alleen-plegers": "# Meervoud plegers\n\nAlle plegers krijgen direct hulp van het loket.\n",
}


@pytest.fixture(scope="module")
def search_site(
    tmp_path_factory: pytest.TempPathFactory, mini_project_factory: Path
) -> Iterator[str]:
    project = mini_project_factory
    for name, text in PAGES.items():
        (project / "content" / f"{name}.md").write_text(text, encoding="utf-8")
    site = tmp_path_factory.mktemp("search") / "site"
    build_site(project, site)
    with serve(site) as url:
        yield url


def results(page: Page, base: str, query: str) -> list[str]:
    page.goto(base + "zoeken/?q=" + query)
    expect(page.locator("#rk-search-status")).to_contain_text("resultaten")
    return [
        href.strip("/").split("/")[-1]
        for href in page.locator("#rk-search-results a").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname)"
        )
    ]


def test_plural_query_finds_page_with_only_the_singular(page: Page, search_site: str) -> None:
    found = results(page, search_site, "gemeenten")
    assert "alleen-gemeente" in found
    page.locator("#rk-search-results a", has_text="Alleen enkelvoud").click()
    expect(page.locator("h1")).to_have_text("Alleen enkelvoud")


def test_plural_query_still_finds_the_plural_and_the_singular(page: Page, search_site: str) -> None:
    found = results(page, search_site, "plegers")
    assert {"alleen-plegers", "alleen-pleger"} <= set(found)


def test_singular_query_finds_the_plural(page: Page, search_site: str) -> None:
    found = results(page, search_site, "pleger")
    assert {"alleen-plegers", "alleen-pleger"} <= set(found)


def test_page_with_the_word_is_found_and_unrelated_pages_are_not(
    page: Page, search_site: str
) -> None:
    found = results(page, search_site, "wethouder")
    assert found == ["alleen-gemeente"]


def test_markup_in_data_stays_text_in_results_and_pages(page: Page, search_site: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    found = results(page, search_site, "relatietherapie")
    assert "relatietherapie" in found
    expect(page.locator("#rk-search-results")).to_contain_text("<script>")
    page.goto(search_site + "aanbod/relatietherapie/")
    expect(page.locator("h1")).to_have_text("Relatietherapie <script>alert(1)</script>")
    assert page.title().startswith("Relatietherapie <script>")
    page.goto(search_site + "sociale-kaart/?q=relatietherapie")
    expect(page.locator("#rk-cards-suitable h3")).to_have_text(
        "Relatietherapie <script>alert(1)</script>"
    )
    assert dialogs == []
