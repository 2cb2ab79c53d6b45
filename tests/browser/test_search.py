"""Dutch search stems index and query alike: plural queries find singular pages and vice versa."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from regiokaart.site.build import build_site
from tests.browser.conftest import run_axe, serve
from tests.conftest import ENGINE

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
    build_site(project, site, engine=ENGINE)
    with serve(site) as url:
        yield url


def results(page: Page, base: str, query: str) -> list[str]:
    page.goto(base + "zoeken/?q=" + query)
    expect(page.locator("#rk-search-status")).to_contain_text(re.compile("resulta(at|ten) voor"))
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
    expect(page.locator("#rk-cards-suitable h3").first).to_have_text(
        "Relatietherapie <script>alert(1)</script>"
    )
    assert dialogs == []


# --- The header box and the results page, on the shipped Flevoland portal -----------------------

HEADER_PAGES = ["", "aanbod/mediation/", "organisaties/blijf-groep/", "kennis/cijfers/", "zoeken/"]


@pytest.mark.parametrize("path", HEADER_PAGES, ids=lambda p: p or "home")
def test_header_has_a_search_box_on_every_kind_of_page(
    page: Page, base_url: str, path: str
) -> None:
    page.goto(base_url + path)
    box = page.get_by_role("search").get_by_label("Zoeken in het portaal")
    expect(box).to_be_visible()
    expect(box).to_have_attribute("aria-keyshortcuts", "/")
    expect(page.locator(".rk-header-search__hint kbd")).to_be_visible()


def test_typing_in_the_header_shows_results_with_synonyms(page: Page, base_url: str) -> None:
    page.goto(base_url + "kennis/cijfers/")
    page.locator("#rk-header-q").press_sequentially("huisverboden")
    panel = page.locator("#rk-header-results")
    expect(panel.get_by_role("link", name="Tijdelijk huisverbod nieuwe stijl")).to_be_visible()
    expect(panel.locator("li")).to_have_count(7)  # six results and "Alle N resultaten"
    expect(panel.get_by_role("link", name=re.compile(r"^Alle \d+ resultaten$"))).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(panel.locator("a").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(panel.locator("a").nth(1)).to_be_focused()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.locator("#rk-header-q")).to_be_focused()


def test_slash_focuses_the_header_box_but_not_while_typing(page: Page, base_url: str) -> None:
    page.goto(base_url + "zoeken/")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    expect(page.locator("#rk-header-q")).to_be_focused()
    page.locator("#rk-search-q").fill("a")
    page.locator("#rk-search-q").press("/")
    expect(page.locator("#rk-search-q")).to_have_value("a/")
    expect(page.locator("#rk-search-q")).to_be_focused()


def test_enter_in_the_header_opens_the_results_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "aanbod/mediation/")
    page.keyboard.press("/")
    page.keyboard.type("huisverbod")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=huisverbod$"))
    expect(page.locator("#rk-search-q")).to_have_value("huisverbod")
    expect(page.locator("#rk-search-status")).to_contain_text("resultaten voor “huisverbod”")


def test_kind_filter_narrows_to_offers_and_shows_their_details(page: Page, base_url: str) -> None:
    page.goto(base_url + "zoeken/?q=huisverbod")
    expect(page.locator("#rk-search-status")).to_contain_text("resultaten")
    offers = page.get_by_role("radio", name=re.compile(r"^Aanbod \(\d+\)"))
    expect(offers).to_be_visible()
    count = int(re.findall(r"\d+", offers.evaluate("r => r.parentElement.textContent"))[0])
    offers.check()
    expect(page).to_have_url(re.compile(r"soort=aanbod"))
    expect(page.locator("#rk-search-status")).to_contain_text(f"{count} resultaten")
    items = page.locator("#rk-search-results li")
    expect(items.first.locator(".rk-search-details")).to_contain_text("Effectiviteit: ")
    expect(items.first.locator(".rk-search-details")).to_contain_text("Werkgebied: ")
    hrefs = items.locator("h2 a").evaluate_all("links => links.map(a => a.pathname)")
    assert hrefs and all("/aanbod/" in href for href in hrefs), hrefs


def test_kind_in_the_address_is_restored(page: Page, base_url: str) -> None:
    page.goto(base_url + "zoeken/?q=huisverbod&soort=organisatie")
    expect(page.get_by_role("radio", name=re.compile("^Organisaties"))).to_be_checked()
    expect(page.locator("#rk-search-status")).to_contain_text("(Organisatie)")
    hrefs = page.locator("#rk-search-results h2 a").evaluate_all(
        "links => links.map(a => a.pathname)"
    )
    assert hrefs and all("/organisaties/" in href for href in hrefs), hrefs


def test_more_results_appends_the_next_ten_and_moves_focus(page: Page, base_url: str) -> None:
    page.goto(base_url + "zoeken/?q=pleger")
    status = page.locator("#rk-search-status")
    expect(status).to_contain_text("10 getoond")
    total = int(re.findall(r"\d+", status.inner_text())[0])
    assert total > 20
    items = page.locator("#rk-search-results > li")
    expect(items).to_have_count(10)
    first_titles = items.locator("h2").all_inner_texts()
    page.get_by_role("button", name="Meer resultaten").click()
    expect(items).to_have_count(20)
    expect(items.nth(10).locator("a").first).to_be_focused()
    expect(status).to_contain_text(f"{total} resultaten voor “pleger”. 20 getoond.")
    assert items.locator("h2").all_inner_texts()[:10] == first_titles
    links = items.locator("h2 a").evaluate_all("links => links.map(a => a.href)")
    assert len(set(links)) == 20


def test_misspelling_is_searched_as_the_suggestion_and_the_typed_word_stays_one_click_away(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "zoeken/?q=agresie")
    status = page.locator("#rk-search-status")
    expect(status).to_contain_text("resultaten voor “agressie” (u zocht “agresie”)")
    suggestion = page.locator("#rk-search-suggestion")
    suggestion.get_by_role("link", name="Zoek toch naar “agresie”").click()
    expect(page).to_have_url(re.compile(r"\?q=agresie&letterlijk=ja$"))
    expect(suggestion).to_have_text("Bedoelde u: agressie?")
    expect(status).not_to_contain_text("u zocht")
    suggestion.get_by_role("link", name="agressie").click()
    expect(page).to_have_url(re.compile(r"\?q=agressie$"))
    expect(status).to_contain_text("resultaten voor “agressie”")
    expect(suggestion).to_be_hidden()


def test_header_corrects_too(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator("#rk-header-q").press_sequentially("agresie")
    panel = page.locator("#rk-header-results")
    expect(panel).to_contain_text(re.compile(r"resultaten voor “agressie” \(u zocht “agresie”\)"))
    literal = panel.get_by_role("link", name="Zoek toch naar “agresie”")
    expect(literal).to_have_attribute("href", re.compile(r"zoeken/\?q=agresie&letterlijk=ja$"))
    expect(panel.locator("li a").first).to_contain_text("Agressie")


def test_a_page_called_what_was_asked_comes_first(page: Page, base_url: str) -> None:
    """Names weigh more than text: the organisation Blijf Groep before the offers that name it,
    the measure called THV before the offers after it."""
    for query, first in [("blijf groep", "Blijf Groep"), ("THV", "Tijdelijk huisverbod")]:
        page.goto(base_url + "zoeken/?q=" + query)
        expect(page.locator("#rk-search-results h2").first).to_have_text(first)


def test_a_municipality_narrows_to_the_offers_available_there(page: Page, base_url: str) -> None:
    """Basisvoorziening relatie en scheiding is in Almere and Lelystad only (Regiovisie §5.2)."""
    page.goto(base_url + "zoeken/?q=relatie%20scheiding%20almere&soort=aanbod")
    results = page.locator("#rk-search-results h2")
    expect(results.first).to_have_text("Basisvoorziening relatie en scheiding")
    page.goto(base_url + "zoeken/?q=relatie%20scheiding%20dronten&soort=aanbod")
    expect(page.locator("#rk-search-status")).to_contain_text("resulta")
    assert "Basisvoorziening relatie en scheiding" not in results.all_inner_texts()


def test_a_query_nothing_has_all_words_of_shows_the_pages_with_most(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "zoeken/?q=mediation%20zwanger")
    status = page.locator("#rk-search-status")
    expect(status).to_contain_text("Geen resultaten met alle woorden van “mediation zwanger”")
    expect(status).to_contain_text("met een deel ervan")
    expect(page.locator("#rk-search-results li").first).to_be_visible()


def test_results_page_by_keyboard_only(page: Page, base_url: str) -> None:
    page.goto(base_url + "zoeken/")
    page.locator("#rk-search-q").focus()
    page.keyboard.type("pleger")
    page.keyboard.press("Enter")
    expect(page.locator("#rk-search-status")).to_contain_text("resultaten voor “pleger”")
    page.keyboard.press("Tab")  # from the box to the button
    page.keyboard.press("Tab")  # to the kinds
    expect(page.get_by_role("radio", name=re.compile("^Alles"))).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name=re.compile("^Aanbod"))).to_be_checked()
    expect(page.locator("#rk-search-status")).to_contain_text("(Aanbod)")


@pytest.mark.parametrize("width", [320, 375])
def test_header_search_fits_narrow_screens(page: Page, base_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(base_url + "aanbod/mediation/")
    link = page.locator(".rk-header-search__link")
    expect(link).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    link.click()
    expect(page).to_have_url(re.compile(r"/zoeken/$"))
    expect(page.locator("#rk-search-q")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_open_header_results_and_filtered_results_have_no_axe_violations(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "aanbod/mediation/")
    page.locator("#rk-header-q").press_sequentially("agresie")
    expect(page.locator("#rk-header-results")).to_contain_text("u zocht")
    assert run_axe(page) == []
    page.goto(base_url + "zoeken/?q=agresie&soort=aanbod")
    expect(page.locator("#rk-search-suggestion")).to_be_visible()
    assert run_axe(page) == []


def test_header_search_works_when_the_portal_is_in_a_sub_folder(
    page: Page, shipped_site: Path
) -> None:
    with serve(shipped_site.parent) as url:
        page.goto(url + "site/aanbod/mediation/")
        page.locator("#rk-header-q").press_sequentially("huisverboden")
        first = page.locator("#rk-header-results a").first
        expect(first).to_have_attribute("href", re.compile(r"^/site/"))
        page.locator("#rk-header-q").press("Enter")
        expect(page).to_have_url(re.compile(r"/site/zoeken/\?q=huisverboden$"))
        expect(page.locator("#rk-search-status")).to_contain_text("resultaten voor")
