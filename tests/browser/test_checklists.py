"""Checklists are ticked, kept in this browser only, cleared on request; the status is announced."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import checklists_started as started

pytestmark = pytest.mark.browser


def test_tick_reload_and_clear(page: Page, base_url: str) -> None:
    page.goto(base_url + "checklists/eisen-aanbod/")
    box = started(page).get_by_label("Systeemgericht", exact=False).first
    box.check()
    expect(page.locator(".rk-status")).to_have_text("Opgeslagen in deze browser.")
    page.reload()
    started(page)
    expect(page.get_by_label("Systeemgericht", exact=False).first).to_be_checked()
    page.get_by_role("button", name="Wis mijn vinkjes…").click()
    page.get_by_role("button", name="Ja, wis mijn vinkjes").click()
    expect(page.locator(".rk-status")).to_have_text("Uw vinkjes zijn gewist.")
    page.reload()
    expect(page.get_by_label("Systeemgericht", exact=False).first).not_to_be_checked()


def test_clearing_ticks_asks_first_and_can_be_undone_after_a_reload(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "checklists/eisen-aanbod/")
    started(page)
    confirm = page.get_by_role("button", name="Ja, wis mijn vinkjes")
    restore = page.get_by_role("button", name="Zet mijn vinkjes terug")
    expect(confirm).to_be_hidden()
    expect(restore).to_be_hidden()
    page.get_by_role("button", name="Wis mijn vinkjes…").click()
    expect(page.locator(".rk-status")).to_have_text("Er zijn geen vinkjes om te wissen.")
    expect(confirm).to_be_hidden()

    boxes = page.locator('.rk-checklist input[type="checkbox"]')
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.get_by_role("button", name="Wis mijn vinkjes…").click()
    expect(confirm).to_be_visible()
    page.get_by_role("button", name="Annuleren").click()
    expect(confirm).to_be_hidden()
    expect(boxes.nth(0)).to_be_checked()
    expect(page.get_by_role("button", name="Wis mijn vinkjes…")).to_be_focused()

    page.get_by_role("button", name="Wis mijn vinkjes…").click()
    confirm.click()
    expect(boxes.nth(0)).not_to_be_checked()
    expect(page.locator("[data-rk-clear-undo]")).to_contain_text("2 vinkjes zijn gewist.")
    page.reload()
    started(page)
    expect(boxes.nth(2)).not_to_be_checked()
    expect(restore).to_be_visible()
    restore.click()
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(2)).to_be_checked()
    expect(restore).to_be_hidden()
    expect(page.locator(".rk-status")).to_have_text("Uw vinkjes staan weer terug.")
    page.reload()
    expect(boxes.nth(2)).to_be_checked()


def test_offer_page_shows_requirements_it_meets(page: Page, base_url: str) -> None:
    page.goto(base_url + "aanbod/outreachend-en-betrokken/")
    section = page.locator("h2", has_text="Kwaliteitseisen").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(section).to_contain_text("Systeemgericht")
