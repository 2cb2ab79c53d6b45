"""A region made with `regiokaart new`, with a local note on a national offer: its pages pass axe
and fit 320 px like Flevoland's."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from regiokaart.cli import main
from tests.browser.conftest import run_axe, serve
from tests.browser.test_narrow import WIDTH, overflowing
from tests.conftest import ENGINE

pytestmark = pytest.mark.browser

NOTE = """local_notes:
  - offer: chatfunctie-veilig-thuis
    text: In Zeist helpt het wijkteam bij het **eerste gesprek** na een chat.
    providers: [gemeente-zeist]
    source: {document: gegevens-utrecht, section: Aanbod}
    peildatum: 2026-11-01
"""

PAGES = {
    "home": "",
    "offer with a local note": "aanbod/chatfunctie-veilig-thuis/",
    "municipality": "organisaties/gemeente-zeist/",
    "social map": "sociale-kaart/",
    "about (from the starter)": "over/",
}


@pytest.fixture(scope="module")
def region_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("nieuw") / "utrecht"
    assert main(["new", str(folder), "--regio", "Utrecht", "--gemeenten", "Utrecht,Zeist"]) == 0
    offers = folder / "data" / "offers.yaml"
    offers.write_text(offers.read_text(encoding="utf-8") + NOTE, encoding="utf-8")
    assert main(["build", str(folder), "--engine", ENGINE]) == 0
    with serve(folder / "site") as url:
        yield url


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_new_region_page_has_no_axe_violations(page: Page, region_url: str, path: str) -> None:
    response = page.goto(region_url + path)
    assert response is not None and response.ok
    assert run_axe(page) == []


def test_local_note_is_shown_with_its_provider(page: Page, region_url: str) -> None:
    page.goto(region_url + PAGES["offer with a local note"])
    note = page.locator(".rk-local-note")
    expect(note.get_by_role("heading", name="In regio Utrecht")).to_be_visible()
    expect(note.locator("strong", has_text="eerste gesprek")).to_be_visible()
    note.get_by_role("link", name="Gemeente Zeist").click()
    expect(page).to_have_url(re.compile(r"/organisaties/gemeente-zeist/$"))
    # expect waits for the new page; is_visible() would look before it is there
    expect(page.get_by_role("link", name="Chatfunctie Veilig Thuis").first).to_be_visible()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_new_region_page_fits_320_px(browser: Browser, region_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.goto(region_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, overflowing(page)
    context.close()
