"""regiokaart serve in Chromium: a failed rebuild shows its located problems over the open page, which
keeps the last good site, and the page reloads without them once the data is fixed."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from regiokaart.serve.server import BuildStatus
from tests.browser.conftest import run_axe
from tests.conftest import make_mini_project, replace_in
from tests.test_serve import fetch, free_port, running, start_serve, wait_for

pytestmark = pytest.mark.browser

# Generous, so that only a rebuild that never shows up fails; never a time to meet.
REBUILD_MS = 120_000

# Records the portal's Content-Security-Policy violations caused by serve's own script or endpoints.
RECORD_CSP_VIOLATIONS = """
window.serveViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  if (`${event.sourceFile} ${event.blockedURI}`.includes('__regiokaart__')) {
    window.serveViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  }
});
"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`regiokaart serve` on a small project; yields the project and its address."""
    project = make_mini_project(tmp_path / "project")
    port = free_port()
    process = start_serve(project, port)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Testland" in fetch(base))
        yield project, base
    finally:
        process.terminate()
        output = process.communicate(timeout=120)[0]  # generous: a loaded machine
    assert "Traceback" not in output


def test_a_failed_rebuild_is_shown_over_the_page_until_it_is_fixed(
    page: Page, served: tuple[Path, str]
) -> None:
    project, base = served
    offers = project / "data" / "offers.yaml"
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto(base + "aanbod/relatietherapie/")
    page.evaluate("window.stillTheSamePage = true")
    overlay = page.get_by_role("alert")

    replace_in(offers, "effectiveness: Goed onderbouwd", 'effectiveness: "<b>Goed</b>"')
    expect(overlay).to_contain_text(
        "offers.yaml:31:20: offers[1].effectiveness: ongeldige waarde '<b>Goed</b>'",
        timeout=REBUILD_MS,
    )
    expect(overlay).to_contain_text("Bouwen mislukt")
    expect(overlay).to_have_attribute("lang", "nl")
    expect(overlay.locator("b")).to_have_count(0)  # the value is text, never HTML
    assert page.evaluate("window.stillTheSamePage"), "the last good page stays open"
    assert not run_axe(page), "the overlay is accessible (contrast, names)"

    close = overlay.get_by_role("button", name="Sluiten")
    close.focus()
    expect(close).to_be_focused()
    page.keyboard.press("Enter")
    expect(overlay).to_have_count(0)

    replace_in(offers, "effectiveness: Onbekend", "effectiveness: Onbekendd")
    expect(overlay).to_contain_text(
        "offers.yaml:15:20:", timeout=REBUILD_MS
    )  # new problems: shown again
    expect(overlay).to_contain_text("offers.yaml:31:20:")
    assert page.evaluate("window.serveViolations") == []  # before the reload empties it

    replace_in(offers, 'effectiveness: "<b>Goed</b>"', "effectiveness: Goed onderbouwd")
    replace_in(offers, "effectiveness: Onbekendd", "effectiveness: Onbekend")
    page.wait_for_function("() => window.stillTheSamePage === undefined", timeout=REBUILD_MS)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Relatietherapie")
    expect(overlay).to_have_count(0)
    assert page.evaluate("window.serveViolations") == []


def test_an_edited_offer_shows_on_its_open_page_and_then_on_its_providers_page(
    page: Page, served: tuple[Path, str]
) -> None:
    """The offer's own page first (LiveBuild.show_edited_record), the pages that list it after."""
    project, base = served
    page.goto(base + "aanbod/steungroep/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Steungroep voor plegers")
    page.evaluate("window.stillTheSamePage = true")

    replace_in(
        project / "data" / "offers.yaml",
        "name: Steungroep voor plegers",
        "name: Lotgenotengroep voor plegers",
    )
    page.wait_for_function("() => window.stillTheSamePage === undefined", timeout=REBUILD_MS)
    expect(heading).to_have_text("Lotgenotengroep voor plegers", timeout=REBUILD_MS)
    expect(page.get_by_role("alert")).to_have_count(0)

    provider = page.context.new_page()
    provider.goto(base + "organisaties/veilig-thuis-testland/")
    expect(provider.get_by_role("link", name="Lotgenotengroep voor plegers")).to_be_visible(
        timeout=REBUILD_MS
    )


def test_a_page_read_during_a_build_reloads_even_when_the_build_ends_before_it_asks(
    page: Page, tmp_path: Path
) -> None:
    """The page carries the number of good builds when serve read it, so a build that ended
    between reading the page and the overlay's first question still reloads it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="nl"><head><title>T</title></head>'
        "<body><h1>Testportaal</h1></body></html>",
        encoding="utf-8",
    )
    status = BuildStatus()
    with running(site, status) as port:
        base = f"http://127.0.0.1:{port}/"
        served: list[str] = []

        def read_then_build_ends(route: Route) -> None:
            response = route.fetch()  # read by serve while the build still runs
            served.append(response.text())
            if len(served) == 1:
                status.succeeded()  # the build ends before the page has asked anything
            route.fulfill(response=response)

        page.route(base, read_then_build_ends)
        page.goto(base)
        for _ in range(REBUILD_MS // 100):  # Playwright handles the page's requests meanwhile
            if len(served) >= 2:
                break
            page.wait_for_timeout(100)
        expect(page.get_by_role("heading", level=1)).to_have_text("Testportaal")
        assert len(served) == 2, "reloaded once, after the build that ended"
        assert 'data-build="0"' in served[0] and 'data-build="1"' in served[1]
