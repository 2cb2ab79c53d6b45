"""The details a phone or a keyboard runs into (issue 19, item 5): the navigation in the drawer on
every page, the way back to the social map as it was left, a skip link, abbreviations explained by
keyboard and to a screen reader, and a checklist that prints one mark per item."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import run_axe
from tests.browser.test_accessibility import PAGES

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
# Pages that keep the navigation out of their wide layout on a computer (hide: navigation), and
# pages that show it beside the content (one in a section, whose title the drawer shows too).
DRAWER_PAGES = {
    "home": "",
    "social map": "sociale-kaart/",
    "glossary": "begrippen/",
    "phases": "kennis/gefaseerd-werken/",
}
# A page with a glossary abbreviation in a text from the data (OM: Openbaar Ministerie).
WITH_ABBREVIATION = "aanbod/spreekuur-huiselijk-geweld-reclassering-en-veilig-thuis/"


@pytest.mark.parametrize("path", DRAWER_PAGES.values(), ids=DRAWER_PAGES.keys())
def test_the_menu_on_a_phone_holds_the_site_navigation(
    browser: Browser, base_url: str, path: str
) -> None:
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    page.goto(base_url + path)
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).not_to_be_in_viewport()
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(drawer).to_be_in_viewport()
    navigation = drawer.get_by_role("navigation", name="Navigatie")
    expect(navigation.get_by_role("link", name="Home", exact=True)).to_be_visible()
    expect(navigation.get_by_role("link", name="Begrippen", exact=True)).to_be_visible()
    expect(navigation.get_by_role("link", name="Over dit portaal", exact=True)).to_be_visible()
    assert run_axe(page) == []
    context.close()


def test_on_a_computer_the_wide_pages_keep_their_width(page: Page, base_url: str) -> None:
    page.goto(base_url)
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    page.goto(base_url + "begrippen/")
    expect(page.locator(".md-sidebar--primary")).to_be_visible()


def test_back_link_returns_to_the_social_map_with_its_filters(page: Page, base_url: str) -> None:
    page.goto(base_url + "sociale-kaart/")
    expect(page.locator("[data-rk-socialmap][data-rk-ready]")).to_be_attached()
    page.get_by_label(re.compile(r"^Almere")).check()
    page.get_by_text("Kader", exact=False).first.click()  # unfold the group
    page.locator('input[name="kader"][value="vrijwillig"]').check()
    expect(page.locator("#rk-chips")).to_contain_text("Almere")
    chosen = parse_qs(urlsplit(page.url).query)
    assert chosen == {"gemeente": ["Almere"], "kader": ["vrijwillig"]}
    page.locator("#rk-cards-suitable > li h3 a").first.click()
    back = page.get_by_role("link", name="Terug naar de sociale kaart")
    expect(back).to_have_attribute("href", re.compile(r"\?"))
    back.click()
    expect(page.locator("[data-rk-socialmap][data-rk-ready]")).to_be_attached()
    assert parse_qs(urlsplit(page.url).query) == chosen
    expect(page.get_by_label(re.compile(r"^Almere"))).to_be_checked()
    expect(page.locator('input[name="kader"][value="vrijwillig"]')).to_be_checked()
    expect(page.locator("#rk-chips")).to_contain_text("Almere")


def test_back_from_an_offer_on_a_phone_returns_to_the_card_that_was_tapped(
    browser: Browser, base_url: str
) -> None:
    """The browser puts the page back where it was before the script has drawn the list again;
    with a profile the drawn list is not the page's own, and Families First ended up a screen
    higher than the reader left it."""
    context = browser.new_context(
        viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(base_url + "sociale-kaart/?profiel=intieme-terreur&gemeente=Almere&rol=gezin")
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-rk-socialmap][data-rk-ready]")).to_be_attached()
    card = page.locator("#rk-cards-suitable a", has_text="Families First").first
    card.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -200)")
    top = card.evaluate("(a) => a.getBoundingClientRect().top")
    card.tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Families First")
    page.wait_for_load_state("networkidle")
    page.go_back()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-rk-socialmap][data-rk-ready]")).to_be_attached()
    page.wait_for_timeout(500)  # anything the browser itself still restores
    assert card.evaluate("(a) => a.getBoundingClientRect().top") == pytest.approx(top, abs=2)
    context.close()


def test_the_keyboard_skips_the_filters_to_the_offers(page: Page, base_url: str) -> None:
    page.goto(base_url + "sociale-kaart/")
    expect(page.locator("[data-rk-socialmap][data-rk-ready]")).to_be_attached()
    page.locator("#rk-filters").evaluate("(form) => form.scrollIntoView()")
    skip = page.get_by_role("link", name="Direct naar het aanbod")
    skip.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the first offer, not the 50 filters before it
    first = page.locator("#rk-cards-suitable > li h3 a").first
    expect(first).to_be_focused()


@pytest.mark.parametrize(
    ("came_from", "back_to"),
    [
        ("sociale-kaart/?gemeente=Almere&pagina=2", "sociale-kaart/?gemeente=Almere&pagina=2"),
        ("sociale-kaart/index.html?q=agressie", "sociale-kaart/?q=agressie"),
        ("sociale-kaart/", "sociale-kaart/"),
        ("organisaties/?gemeente=Almere", "sociale-kaart/"),
        ("sociale-kaart/pagina-2/?gemeente=Almere", "sociale-kaart/"),
    ],
)
def test_back_link_follows_only_the_social_map_it_came_from(
    page: Page, base_url: str, came_from: str, back_to: str
) -> None:
    page.goto(base_url + PAGES["offer"], referer=base_url + came_from)
    expect(page.locator("html.rk-js")).to_be_attached()
    back = page.get_by_role("link", name="Terug naar de sociale kaart")
    expect(back).to_have_js_property("href", base_url + back_to)


def test_back_link_without_script_is_the_plain_link(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "sociale-kaart/?gemeente=Almere")
    page.locator(".rk-cards-static a, #rk-cards-suitable a").first.click()
    page.get_by_role("link", name="Terug naar de sociale kaart").click()
    assert page.url == base_url + "sociale-kaart/"
    context.close()


SKIP_PAGES = {**PAGES, "not found": "404.html"}


@pytest.mark.parametrize("path", SKIP_PAGES.values(), ids=SKIP_PAGES.keys())
def test_the_first_tab_reaches_the_skip_link_and_enter_moves_to_the_content(
    page: Page, base_url: str, path: str
) -> None:
    page.goto(base_url + path)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_have_css("opacity", "1")  # shown while it has focus, not before
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["width"] > 0
    page.keyboard.press("Enter")
    content = page.locator("#rk-inhoud")
    expect(content).to_be_focused()
    assert content.evaluate("(c) => c.closest('article') !== null")
    page.keyboard.press("Tab")  # the keyboard goes on from the content, not in the header
    assert content.evaluate(
        """(content) => content.contains(document.activeElement)
            || !!(content.compareDocumentPosition(document.activeElement)
                  & Node.DOCUMENT_POSITION_FOLLOWING)"""
    )


def test_skip_link_is_hidden_until_it_has_focus(page: Page, base_url: str) -> None:
    page.goto(base_url)
    expect(page.get_by_role("link", name="Naar de inhoud")).to_have_css("opacity", "0")


def test_an_abbreviation_is_reached_by_tab_explained_and_read_out(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + WITH_ABBREVIATION)
    abbreviation = page.locator("article abbr.rk-abbr", has_text=re.compile(r"^OM$")).first
    expect(abbreviation).to_have_attribute("tabindex", "0")  # the script has run
    explanation = page.get_by_role("tooltip")
    expect(explanation).to_be_hidden()
    for _ in range(200):  # Tab from the top until the abbreviation has focus
        page.keyboard.press("Tab")
        if abbreviation.evaluate("(a) => a === document.activeElement"):
            break
    expect(abbreviation).to_be_focused()
    expect(abbreviation).to_have_accessible_description("Openbaar Ministerie")
    expect(explanation).to_be_visible()
    expect(explanation).to_have_text("Openbaar Ministerie")
    assert run_axe(page) == []
    page.keyboard.press("Escape")  # dismissed without moving focus
    expect(explanation).to_be_hidden()
    expect(abbreviation).to_be_focused()
    expect(abbreviation).to_have_accessible_description("Openbaar Ministerie")  # still read out
    abbreviation.blur()
    abbreviation.focus()  # back again: explained again
    expect(explanation).to_have_text("Openbaar Ministerie")
    abbreviation.blur()
    expect(explanation).to_be_hidden()


def test_an_abbreviation_in_a_link_or_label_is_no_second_tab_stop(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + PAGES["module"])
    expect(page.locator("article abbr.rk-abbr").first).to_be_attached()  # the script has run
    in_controls = page.locator("article label abbr, article a[href] abbr")
    assert in_controls.count() > 0
    for index in range(in_controls.count()):
        abbreviation = in_controls.nth(index)
        expect(abbreviation).not_to_have_attribute("tabindex", "0")
        expect(abbreviation).to_have_attribute("title", re.compile(r"."))  # the browser's tooltip


def test_a_repeated_abbreviation_is_explained_but_no_second_tab_stop(
    page: Page, base_url: str
) -> None:
    """MDA++ five times on one page: Tab reaches the first, every one is read out and explained
    on hover."""
    page.goto(base_url + "aanbod/casusregieteam-mda-plus-plus/")
    abbreviations = page.locator("article abbr.rk-abbr")
    expect(abbreviations.first).to_have_attribute("aria-describedby", re.compile(r"."))
    seen: dict[str, int] = {}
    for index in range(abbreviations.count()):
        abbreviation = abbreviations.nth(index)
        described_by = abbreviation.get_attribute("aria-describedby") or ""
        seen[described_by] = seen.get(described_by, 0) + 1
        stop = abbreviation.get_attribute("tabindex") == "0"
        assert stop == (seen[described_by] == 1), (index, described_by)
    assert max(seen.values()) >= 5  # the page does repeat one
    repeat = abbreviations.nth(
        next(
            i
            for i in range(abbreviations.count())
            if abbreviations.nth(i).get_attribute("tabindex") is None
        )
    )
    repeat.hover()
    expect(page.get_by_role("tooltip")).to_be_visible()
    expect(repeat).to_have_accessible_description(re.compile(r"\w"))


def test_the_explanation_stays_while_the_pointer_is_on_it(page: Page, base_url: str) -> None:
    page.goto(base_url + WITH_ABBREVIATION)
    abbreviation = page.locator("article abbr.rk-abbr").first
    abbreviation.hover()
    explanation = page.get_by_role("tooltip")
    expect(explanation).to_be_visible()
    explanation.hover()  # moving onto the explanation keeps it (WCAG 1.4.13, hoverable)
    page.wait_for_timeout(600)
    expect(explanation).to_be_visible()
    page.mouse.move(1, 1)
    expect(explanation).to_be_hidden()


def test_the_explanation_fits_a_320_px_screen(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + WITH_ABBREVIATION)
    abbreviations = page.locator("article abbr.rk-abbr")
    expect(abbreviations.first).to_be_attached()
    for index in range(abbreviations.count()):
        abbreviations.nth(index).hover()  # a repeat is no tab stop; hovered, it is explained
        box = page.get_by_role("tooltip").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_a_printed_checklist_has_one_mark_per_item(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGES["checklist"])
    page.emulate_media(media="print")
    items = page.locator("ul.rk-checklist > li")
    assert items.count() > 3
    marks = items.evaluate_all(
        """(items) => items.map((li) => {
            const bullet = getComputedStyle(li).display === 'list-item'
                && getComputedStyle(li).listStyleType !== 'none';
            const boxes = [...li.querySelectorAll(':scope > input[type=checkbox]')]
                .filter((box) => box.checkVisibility());
            return Number(bullet) + boxes.length;
        })"""
    )
    assert marks == [1] * items.count()
