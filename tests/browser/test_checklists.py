"""Checklists are ticked, kept in this browser only, cleared on request; the status is announced."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_tick_reload_and_clear(page: Page, base_url: str) -> None:
    page.goto(base_url + "checklists/eisen-aanbod/")
    box = page.get_by_label("Systeemgericht", exact=False).first
    box.check()
    expect(page.locator(".rk-status")).to_have_text("Opgeslagen in deze browser.")
    page.reload()
    expect(page.get_by_label("Systeemgericht", exact=False).first).to_be_checked()
    page.get_by_role("button", name="Wis mijn vinkjes").click()
    expect(page.locator(".rk-status")).to_have_text("Uw vinkjes zijn gewist.")
    page.reload()
    expect(page.get_by_label("Systeemgericht", exact=False).first).not_to_be_checked()


def test_offer_page_shows_requirements_it_meets(page: Page, base_url: str) -> None:
    page.goto(base_url + "aanbod/outreachend-en-betrokken/")
    section = page.locator("h2", has_text="Kwaliteitseisen").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(section).to_contain_text("Systeemgericht")
