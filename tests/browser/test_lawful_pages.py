"""The statements are reached from the footer, also by keyboard; and the privacy statement holds:
what the portal keeps in the browser is what it lists (site/pages/browser_storage.py), and nothing
else, no cookie."""

import re

import pytest
from playwright.sync_api import Page, expect

from regiokaart.routes import FOOTER
from regiokaart.site.pages import browser_storage as storage
from tests.browser.conftest import checklists_started

pytestmark = pytest.mark.browser

MODULE = "modules/plegeraanpak-flevoland-outreachend-en-betrokken/"


@pytest.mark.parametrize("title", [title for title, _ in FOOTER])
def test_the_footer_leads_to_each_statement_by_keyboard(
    page: Page, base_url: str, title: str
) -> None:
    page.goto(base_url + "aanbod/mediation/")
    link = page.locator("footer .rk-footer-links").get_by_role("link", name=title, exact=True)
    expect(link).to_be_visible()
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"verklaring$"))
    expect(page.locator("footer .rk-footer-links a")).to_have_count(len(FOOTER))


def pattern_regex(pattern: str, region: str) -> re.Pattern[str]:
    parts = re.split(r"(\{regio\}|\{id\})", pattern)
    values = {"{regio}": re.escape(region), "{id}": "[a-z0-9-]+"}
    return re.compile("".join(values.get(part, re.escape(part)) for part in parts))


def test_the_browser_keeps_only_what_the_privacy_statement_lists(page: Page, base_url: str) -> None:
    page.goto(base_url + "zelfscan/")
    page.get_by_label("Gemeente", exact=True).select_option("Almere")
    page.get_by_role("button", name="Volgende stap").click()
    expect(page.locator("#rk-step-1-title")).to_be_focused()
    page.goto(base_url + "checklists/eisen-aanbod/")
    checklists_started(page).locator('.rk-checklist input[type="checkbox"]').first.check()
    page.get_by_role("button", name="Wis mijn vinkjes…").click()
    page.get_by_role("button", name="Ja, wis mijn vinkjes").click()
    page.goto(base_url + MODULE)
    checklists_started(page).locator('.rk-checklist input[type="checkbox"]').first.check()
    page.wait_for_function(  # the module page has no status line: wait for the tick to be kept
        "(prefix) => Object.keys(localStorage).some((key) => key.startsWith(prefix))",
        arg=storage.MODULE_CONDITIONS.split("{id}")[0],
    )
    for path in ("", "sociale-kaart/?gemeente=Almere", "zoeken/?q=huisverbod", "privacy/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")

    keys = page.evaluate("Object.keys(localStorage)")
    declared = [pattern_regex(item.pattern, "Flevoland") for item in storage.STORED_ITEMS]
    assert [key for key in keys if not any(d.fullmatch(key) for d in declared)] == []
    for used in (storage.SELFSCAN, storage.SELFSCAN_STEP, storage.CHECKLIST_CLEARED):
        assert any(pattern_regex(used, "Flevoland").fullmatch(key) for key in keys), used
    assert any(pattern_regex(storage.MODULE_CONDITIONS, "").fullmatch(key) for key in keys)
    assert page.evaluate("sessionStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    assert page.context.cookies() == []
