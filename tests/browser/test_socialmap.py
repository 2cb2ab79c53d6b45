"""The social map in a real browser: facets, counts, URL state, contra-indication, keyboard, no-JS table."""

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


def offers_data(site: Path) -> list[dict[str, object]]:
    return json.loads((site / "sociale-kaart" / "aanbod.json").read_text(encoding="utf-8"))[
        "aanbod"
    ]


def open_map(page: Page, base_url: str, query: str = "") -> None:
    page.goto(base_url + "sociale-kaart/" + query)
    expect(page.locator("#rk-filters")).to_be_visible()
    expect(page.locator("#rk-status")).not_to_be_empty()


def shown(page: Page, list_id: str = "rk-cards-suitable") -> list[str]:
    return page.locator(f"#{list_id} > li h3 a").all_text_contents()


def test_filter_by_municipality_updates_cards_counts_and_url(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    open_map(page, base_url)
    assert len(shown(page)) == len(offers)
    expected = sorted(o["naam"] for o in offers if "Urk" in o["filters"]["gemeente"])
    assert 0 < len(expected) < len(offers)
    expect(page.locator('[data-rk-count="gemeente:Urk"]')).to_have_text(f"({len(expected)})")
    page.get_by_label(re.compile(r"^Urk")).check()
    expect(page.locator("#rk-status")).to_contain_text(f"{len(expected)} van {len(offers)}")
    assert sorted(shown(page)) == expected
    assert parse_qs(urlsplit(page.url).query) == {"gemeente": ["Urk"]}


def test_filters_combine_and_counts_follow_other_facets(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    open_map(page, base_url, "?gemeente=Almere")
    in_almere = [o for o in offers if "Almere" in o["filters"]["gemeente"]]
    voluntary = [o for o in in_almere if "vrijwillig" in o["filters"]["kader"]]
    expect(page.locator('[data-rk-count="kader:vrijwillig"]')).to_have_text(f"({len(voluntary)})")
    page.locator('input[name="kader"][value="strafrechtelijk"]').check()
    both = sorted(o["naam"] for o in in_almere if "strafrechtelijk" in o["filters"]["kader"])
    assert sorted(shown(page)) == both
    assert parse_qs(urlsplit(page.url).query) == {
        "gemeente": ["Almere"],
        "kader": ["strafrechtelijk"],
    }


def test_shared_url_restores_the_filtered_view(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    open_map(page, base_url, "?gemeente=Lelystad&rol=pleger&q=groep")
    expect(page.locator('input[name="gemeente"][value="Lelystad"]')).to_be_checked()
    expect(page.locator('input[name="rol"][value="pleger"]')).to_be_checked()
    expect(page.locator("#rk-q")).to_have_value("groep")
    expected = sorted(
        o["naam"]
        for o in offers_data(shipped_site)
        if "Lelystad" in o["filters"]["gemeente"]
        and "pleger" in o["filters"]["rol"]
        and "groep" in o["zoektekst"]
    )
    assert expected and sorted(shown(page)) == expected


def test_intimate_terror_shows_contraindication_and_marks_unsuitable_offers(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    contra = sorted(
        o["naam"]
        for o in offers
        if "intieme-terreur" in o["contra"] and "Almere" in o["filters"]["gemeente"]
    )
    assert "Mediation" in contra
    open_map(page, base_url, "?gemeente=Almere")
    expect(page.locator("#rk-contra")).to_be_hidden()
    page.get_by_label(re.compile(r"^Intieme terreur")).check()
    note = page.locator('[data-rk-contra="intieme-terreur"]')
    expect(note).to_be_visible()
    expect(note).to_contain_text("mediation")
    expect(note).to_contain_text("gecontra-indiceerd")
    assert sorted(shown(page, "rk-cards-unsuitable")) == contra
    assert not set(contra) & set(shown(page))
    mediation = page.locator("#rk-cards-unsuitable > li", has_text="Mediation")
    expect(mediation).to_contain_text("Niet geschikt bij dit gezinsprofiel.")
    assert "profiel=intieme-terreur" in page.url


def test_filters_work_by_keyboard_alone(page: Page, base_url: str, shipped_site: Path) -> None:
    open_map(page, base_url)
    page.locator("#rk-q").focus()
    page.keyboard.type("huisverbod")
    expect(page.locator("#rk-status")).not_to_contain_text(f"{len(offers_data(shipped_site))} van")
    page.keyboard.press("Tab")  # first radio of Gezinsprofiel (the checked one)
    expect(page.locator("#profiel-geen")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#profiel-intieme-terreur")).to_be_checked()
    expect(page.locator('[data-rk-contra="intieme-terreur"]')).to_be_visible()
    page.keyboard.press("Tab")  # the "Wat zijn gezinsprofielen?" link
    page.keyboard.press("Tab")  # first municipality
    focused = page.evaluate("document.activeElement.name")
    assert focused == "gemeente"
    page.keyboard.press("Space")
    expect(page.locator('input[name="gemeente"]').first).to_be_checked()
    expect(page).to_have_url(re.compile(r"gemeente=Almere"))
    page.locator("#rk-reset").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#rk-q")).to_have_value("")
    expect(page).to_have_url(base_url + "sociale-kaart/")


def test_without_javascript_the_complete_table_is_there(
    browser: Browser, base_url: str, shipped_site: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "sociale-kaart/")
    rows = page.locator("#rk-table tbody tr")
    expect(rows).to_have_count(len(offers_data(shipped_site)))
    expect(page.locator("#rk-filters")).to_be_hidden()
    expect(page.locator("#rk-table caption")).to_contain_text("Al het aanbod")
    context.close()


def test_card_links_open_the_offer_page(page: Page, base_url: str) -> None:
    open_map(page, base_url, "?q=caring")
    page.locator("#rk-cards-suitable h3 a", has_text="Caring Dads").click()
    expect(page).to_have_url(base_url + "aanbod/caring-dads/")
    expect(page.locator("h1")).to_have_text("Caring Dads")


def test_every_card_says_how_to_get_there(page: Page, base_url: str, shipped_site: Path) -> None:
    offers = offers_data(shipped_site)
    open_map(page, base_url)
    contacts = page.locator("#rk-cards-suitable > li .rk-card-contact")
    expect(contacts).to_have_count(len(offers))
    general = page.locator("#rk-cards-suitable > li .rk-card-contact-general")
    expected = sum(1 for o in offers if o["contact"]["algemeen"])  # type: ignore[index]
    assert expected > 0
    expect(general).to_have_count(expected)
    expect(general.first).to_have_text(re.compile(r"^Algemene route in regio Flevoland: "))
