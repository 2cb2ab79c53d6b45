"""The social map in a real browser: AND/OR facets, counts, the address, contra-indication,
search words with the portal's stemming, paging, keyboard, phone layout, and no script at all.

What to expect is read from aanbod.json (the open data file, which says per offer which facet
values it has), not from the script's own index."""

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import next_page

pytestmark = pytest.mark.browser

PAGE_SIZE = 25


def offers_data(site: Path) -> list[dict[str, object]]:
    return json.loads((site / "sociale-kaart" / "aanbod.json").read_text(encoding="utf-8"))[
        "aanbod"
    ]


def names(offers: list[dict[str, object]], **facets: str) -> list[str]:
    """Names of the offers having every given facet value, in the map's order (by name)."""
    return [
        str(o["naam"])
        for o in offers
        if all(value in o["filters"][key] for key, value in facets.items())  # type: ignore[index]
    ]


def open_map(page: Page, base_url: str, query: str = "") -> None:
    page.goto(base_url + "sociale-kaart/" + query)
    expect(page.locator("[data-rk-socialmap][data-rk-ready]")).to_be_attached()


def shown(page: Page, list_id: str = "rk-cards-suitable") -> list[str]:
    return page.locator(f"#{list_id} > li h3 a").all_text_contents()


def test_filter_by_municipality_updates_cards_counts_and_url(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    open_map(page, base_url)
    expect(page.locator("#rk-cards-suitable > li h3 a")).to_have_text(
        [str(o["naam"]) for o in offers[:PAGE_SIZE]]
    )
    expected = names(offers, gemeente="Urk")
    assert 0 < len(expected) < len(offers)
    expect(page.locator('[data-rk-count="gemeente:Urk"]')).to_have_text(f"({len(expected)})")
    page.get_by_label(re.compile(r"^Urk")).check()
    expect(page.locator("#rk-status")).to_contain_text(f"{len(expected)} van {len(offers)}")
    expect(page.locator("#rk-cards-suitable > li h3 a")).to_have_text(expected[:PAGE_SIZE])
    assert parse_qs(urlsplit(page.url).query) == {"gemeente": ["Urk"]}
    expect(page.locator("#rk-chips")).to_contain_text("Urk")
    expect(page.locator("#rk-active-count")).to_have_text("(1 actief)")


def test_facets_combine_with_and_and_values_within_a_facet_with_or(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    open_map(page, base_url, "?gemeente=Almere")
    expect(page.locator("#rk-filters-rule")).to_contain_text("een van")
    in_almere = names(offers, gemeente="Almere")
    voluntary = names(offers, gemeente="Almere", kader="vrijwillig")
    page.get_by_text("Kader", exact=False).first.click()  # unfold the group
    expect(page.locator('[data-rk-count="kader:vrijwillig"]')).to_have_text(f"({len(voluntary)})")
    page.locator('input[name="kader"][value="strafrechtelijk"]').check()
    criminal = names(offers, gemeente="Almere", kader="strafrechtelijk")
    expect(page.locator("#rk-status")).to_contain_text(f"{len(criminal)} van")
    # the cards follow the count: waited for, as a reader sees them a moment later on a busy machine
    expect(page.locator("#rk-cards-suitable > li h3 a")).to_have_text(criminal[:PAGE_SIZE])
    page.locator('input[name="kader"][value="bestuurlijk"]').check()  # OR within Kader
    either = [n for n in in_almere if n in criminal or n in names(offers, kader="bestuurlijk")]
    assert len(either) > len(criminal)
    expect(page.locator("#rk-status")).to_contain_text(f"{len(either)} van")
    assert parse_qs(urlsplit(page.url).query) == {
        "gemeente": ["Almere"],
        "kader": ["bestuurlijk", "strafrechtelijk"],  # in the form's order
    }


def test_a_chip_removes_its_filter_with_one_tap(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    open_map(page, base_url, "?gemeente=Urk&kader=vrijwillig")
    chips = page.locator("#rk-chips button")
    expect(chips).to_have_count(2)
    page.locator("#rk-chips button", has_text="Urk").click()
    expect(chips).to_have_count(1)
    expect(page.locator('input[name="gemeente"][value="Urk"]')).not_to_be_checked()
    voluntary = names(offers, kader="vrijwillig")
    expect(page.locator("#rk-status")).to_contain_text(f"{len(voluntary)} van")
    assert parse_qs(urlsplit(page.url).query) == {"kader": ["vrijwillig"]}
    expect(chips.first).to_be_focused()


def test_intimate_terror_shows_contraindication_and_marks_unsuitable_offers(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    # In Almere, or where the source does not say (shown apart, and contra-indicated all the same).
    contra = [
        str(o["naam"])
        for o in offers
        if "intieme-terreur" in o["contra"]  # type: ignore[operator]
        and ("Almere" in o["filters"]["gemeente"] or o["werkgebied"] == "Werkgebied onbekend")  # type: ignore[index, operator]
    ]
    assert "Mediation" in contra
    open_map(page, base_url, "?gemeente=Almere")
    expect(page.locator("#rk-contra")).to_be_hidden()
    page.get_by_label(re.compile(r"^Intieme terreur")).check()
    note = page.locator('[data-rk-contra="intieme-terreur"]')
    expect(note).to_be_visible()
    expect(note).to_contain_text("mediation")
    expect(note).to_contain_text("slachtoffer en pleger niet gezamenlijk te voeren")
    # The unsuitable offers come after the others, on the last page(s), each with its reason.
    unsuitable: list[str] = []
    while True:
        cards = page.locator("#rk-cards-unsuitable > li")
        for card in cards.all():
            expect(card).to_contain_text("Niet geschikt bij intieme terreur.")
        unsuitable += cards.locator("h3 a").all_text_contents()
        if not next_page(page):
            break
    assert unsuitable == contra
    assert "profiel=intieme-terreur" in page.url


def test_filters_work_by_keyboard_alone(page: Page, base_url: str, shipped_site: Path) -> None:
    open_map(page, base_url)
    page.locator("#profiel-geen").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#profiel-intieme-terreur")).to_be_checked()
    expect(page.locator('[data-rk-contra="intieme-terreur"]')).to_be_visible()
    page.keyboard.press("Tab")  # the summary of the first filter group (Gemeente, unfolded)
    page.keyboard.press("Tab")  # its first municipality
    assert page.evaluate("document.activeElement.name") == "gemeente"
    page.keyboard.press("Space")
    expect(page.locator('input[name="gemeente"]').first).to_be_checked()
    expect(page).to_have_url(re.compile(r"gemeente=Almere"))
    page.locator("#rk-reset").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#rk-q")).to_be_focused()
    expect(page).to_have_url(base_url + "sociale-kaart/")
    expect(page.locator("#rk-chips")).to_be_hidden()


def test_pages_of_results_reach_every_offer(page: Page, base_url: str, shipped_site: Path) -> None:
    offers = offers_data(shipped_site)
    open_map(page, base_url)
    pages = -(-len(offers) // PAGE_SIZE)
    expect(page.locator("#rk-pager")).to_contain_text(f"Pagina 1 van {pages}")
    every = [str(o["naam"]) for o in offers]
    cards = page.locator("#rk-cards-suitable > li h3 a")
    # the cards come from card files after the pager is drawn: each page waited for
    expect(cards).to_have_text(every[:PAGE_SIZE])
    for number in range(2, pages + 1):
        page.locator("#rk-pager a", has_text="Volgende").click()
        expect(page.locator("#rk-pager")).to_contain_text(f"Pagina {number} van {pages}")
        expect(page).to_have_url(re.compile(rf"pagina={number}"))
        expect(cards).to_have_text(every[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    expect(page.locator("#rk-results-title")).to_be_focused()
    assert page.evaluate("document.getElementsByTagName('*').length") < 5000


def test_without_javascript_the_cards_and_a_paged_list_are_there(
    browser: Browser, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "sociale-kaart/")
    expect(page.locator("#rk-filters")).to_be_hidden()
    expect(page.locator("#rk-filters-toggle")).to_be_hidden()
    expect(page.locator("#rk-status")).to_have_text(f"{len(offers)} aanbod.")
    seen = shown(page)
    while next_page(page):
        seen += shown(page)
    assert seen == [str(o["naam"]) for o in offers]
    context.close()


def test_card_links_open_the_offer_page_also_from_a_loaded_card_file(
    page: Page, base_url: str
) -> None:
    open_map(page, base_url, "?pagina=2")
    link = page.locator("#rk-cards-suitable h3 a").first
    name = link.inner_text()
    link.click()
    expect(page.locator("h1")).to_have_text(name)
    assert "/aanbod/" in page.url


def test_every_card_says_how_to_get_there(page: Page, base_url: str, shipped_site: Path) -> None:
    offers = offers_data(shipped_site)[:PAGE_SIZE]
    open_map(page, base_url)
    contacts = page.locator("#rk-cards-suitable > li .rk-card-contact")
    expect(contacts).to_have_count(len(offers))
    general = page.locator("#rk-cards-suitable > li .rk-card-contact-general")
    expected = sum(1 for o in offers if o["contact"]["algemeen"])  # type: ignore[index]
    assert expected > 0
    expect(general).to_have_count(expected)
    expect(general.first).to_have_text(re.compile(r"^Algemene route in regio Flevoland: "))


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_the_count_and_first_card_are_on_the_first_screen(
    browser: Browser, base_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 640}, locale="nl-NL")
    page = context.new_page()
    page.add_init_script(
        """window.__shift = 0; new PerformanceObserver((list) => { for (const e of list.getEntries())
        if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});"""
    )
    open_map(page, base_url)
    page.wait_for_load_state("networkidle")
    toggle = page.locator("#rk-filters-toggle")
    expect(toggle).to_have_text("Filters (0 actief)")
    expect(page.locator("#rk-filters")).to_be_hidden()
    first_card = page.locator("#rk-cards-suitable > li h3").first
    for target in (page.locator("#rk-status"), first_card):
        box = target.bounding_box()
        assert box and box["y"] + box["height"] <= 640, (target, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("window.__shift") < 0.1
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.locator('input[name="gemeente"][value="Lelystad"]').check()
    page.locator("#rk-filters-done").click()
    expect(page.locator("#rk-filters")).to_be_hidden()
    expect(toggle).to_have_text("Filters (1 actief)")
    expect(page.locator("#rk-chips button")).to_have_text(re.compile("Lelystad"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_a_youth_offender_in_lelystad_is_two_clicks(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    expected = names(offers, rol="pleger", leeftijd="jeugd", gemeente="Lelystad")
    either = set(names(offers, rol="pleger")) | set(names(offers, leeftijd="jeugd"))
    assert 0 < len(expected) < len(either), "AND must narrow where OR would not"
    open_map(page, base_url)
    page.get_by_role("button", name="Jeugdige pleger").click()  # one click: Pleger and Jeugd
    page.get_by_label(re.compile(r"^Lelystad")).check()  # the second
    expect(page.locator("#rk-status")).to_contain_text(f"{len(expected)} van {len(offers)}")
    expect(page.locator("#rk-cards-suitable > li h3 a")).to_have_text(expected[:PAGE_SIZE])
    expect(page.locator('input[name="rol"][value="pleger"]')).to_be_checked()
    expect(page.locator('input[name="leeftijd"][value="jeugd"]')).to_be_checked()
    assert parse_qs(urlsplit(page.url).query) == {
        "gemeente": ["Lelystad"],
        "rol": ["pleger"],
        "leeftijd": ["jeugd"],
    }
    # Every card shown is for a young perpetrator: none for adults only.
    adults_only = set(names(offers, leeftijd="volwassenen")) - set(names(offers, leeftijd="jeugd"))
    assert not adults_only & set(shown(page))


def test_search_words_on_the_map_stem_like_the_portal_search(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    open_map(page, base_url, "?q=huisverbod")
    status = page.locator("#rk-status")
    expect(status).to_have_text(re.compile(r"^\d+ van 86 aanbod"))
    singular = shown(page)
    assert singular and any("huisverbod" in name.lower() for name in singular)
    page.locator("#rk-q").fill("huisverboden")  # irregular plural, a synonym from the glossary
    expect(page.locator("#rk-cards-suitable > li h3 a")).to_have_text(singular)
    page.locator("#rk-q").fill("agresie")
    suggestion = page.locator("#rk-suggest a")
    expect(suggestion).to_have_text("agressie")
    suggestion.click()
    expect(page.locator("#rk-q")).to_have_value("agressie")
    expect(page.locator("#rk-cards-suitable > li h3 a", has_text="Agressie").first).to_be_visible()
