"""Every page type runs under its Content-Security-Policy: loading and using it breaks no rule of it."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from regiokaart.site.build import build_site
from regiokaart.site.csp import script_hash
from tests.browser.conftest import checklists_started, serve
from tests.browser.test_accessibility import PAGES as AXE_PAGES
from tests.conftest import ENGINE

pytestmark = pytest.mark.browser

PAGES = {
    **AXE_PAGES,
    "self-scan": "zelfscan/",
    "social map, intimate terror": "sociale-kaart/?profiel=intieme-terreur&pagina=99",
}

# Runs before any script of the page; the browser fires the event for every blocked load or run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} ${event.sample}`.trim()
  );
}, true);
"""


# Counts the social map's renders from now on (it fires rk-rendered on its root after each).
COUNT_RENDERS = """() => {
  window.__rkRenders = 0;
  document.querySelector("[data-rk-socialmap]").addEventListener("rk-rendered", () => {
    window.__rkRenders += 1;
  });
}"""


def use(page: Page, path: str) -> None:
    """Do what a visitor does on this page, so that its scripts run their whole course."""
    if path.startswith("zoeken/"):
        expect(page.locator("#rk-search-results li").first).to_be_visible()
        page.locator("#rk-search-q").fill("huisverbod")
        page.locator("#rk-search-q").press("Enter")
        expect(page.locator("#rk-search-status")).to_contain_text("resultaten voor “huisverbod”")
    elif path.startswith("sociale-kaart/?profiel"):
        expect(page.locator("#rk-cards-unsuitable > li").first).to_be_visible()
    elif path == "sociale-kaart/":
        expect(page.locator("[data-rk-socialmap][data-rk-ready]")).to_be_attached()
        page.evaluate(COUNT_RENDERS)
        page.get_by_label(re.compile(r"^Urk")).check()
        expect(page).to_have_url(re.compile(r"gemeente=Urk"))
        # The address changes at once, the cards of the choice come after: waited for, so that
        # what follows is done on them (under load an abbreviation of the cards before was gone).
        page.wait_for_function("window.__rkRenders > 0")
    elif path == "zelfscan/":
        page.get_by_label("Gemeente", exact=True).select_option("Almere")
        page.get_by_role("button", name="Volgende stap").click()
        page.locator('input[name^="antwoord-"]:visible').first.check()
        expect(page.locator("#rk-scan-status")).to_have_text("Opgeslagen in deze browser.")
        page.get_by_role("button", name="Resultaten").click()
        expect(page.locator("#rk-results-title")).to_be_focused()
    elif page.locator(".rk-checklist input").count():
        checklists_started(page).locator(".rk-checklist input").first.check()
        expect(page.locator(".rk-checklist input").first).to_be_checked()
    # The explanation of an abbreviation (assets/js/abbreviations.js, which takes the title away);
    # Material's own scripts: the header and back-to-top on scrolling.
    abbreviation = page.locator("article abbr:visible").first
    if abbreviation.count():
        abbreviation.hover()
    page.mouse.wheel(0, 4000)
    page.wait_for_load_state("networkidle")


def open_recording(page: Page, url: str) -> list[str]:
    """Open url with every CSP violation recorded in window.__cspViolations; the console errors."""
    console_errors: list[str] = []
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(url)
    assert response is not None and response.ok
    return console_errors


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_runs_under_its_policy_without_violations(
    page: Page, base_url: str, path: str
) -> None:
    console_errors = open_recording(page, base_url + path)
    policy = page.locator('head > meta[http-equiv="Content-Security-Policy"]')
    expect(policy).to_have_attribute("content", re.compile(r"^default-src 'self'; script-src"))
    use(page, path)
    assert page.evaluate("window.__cspViolations") == []
    assert console_errors == []
    # The hashed inline scripts ran: our class before the first paint, Material's scope.
    assert page.evaluate("document.documentElement.classList.contains('rk-js')")
    assert page.evaluate("typeof __md_scope") == "object"


def test_an_inline_script_without_its_hash_is_blocked_and_seen(page: Page, base_url: str) -> None:
    """The test above can fail: drop the hash of our inline script and the browser reports it."""

    def drop_our_hash(route: Route) -> None:
        response = route.fetch()
        body = response.text()
        ours = re.search(r'<script>(if \("noModule".*?)</script>', body)
        assert ours is not None
        route.fulfill(response=response, body=body.replace(script_hash(ours.group(1)), ""))

    page.route(re.compile(r"/zelfscan/$"), drop_our_hash)
    console_errors = open_recording(page, base_url + "zelfscan/")
    violations = page.evaluate("window.__cspViolations")
    assert [v.split(" ")[:3] for v in violations] == [["script-src-elem", "blocked", "inline"]]
    assert any("Content Security Policy" in text for text in console_errors)
    assert not page.evaluate("document.documentElement.classList.contains('rk-js')")


def test_search_runs_under_the_policy_without_a_worker(page: Page, base_url: str) -> None:
    """Pagefind compiles its WebAssembly in the page when it has no worker: 'wasm-unsafe-eval'."""
    page.add_init_script("delete window.Worker;")
    open_recording(page, base_url + "zoeken/?q=plegers")
    expect(page.locator("#rk-search-results li").first).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []


def test_a_card_file_opened_by_itself_runs_under_the_policy(page: Page, base_url: str) -> None:
    """A social map card file is a fragment that the map's script fetches, and a file anyone can
    open by itself: then the policy is in the head the browser makes up, and a script is blocked."""
    open_recording(page, base_url + "sociale-kaart/kaarten/0.html")
    expect(page.locator("li.rk-card").first).to_be_visible()
    policy = page.locator('head > meta[http-equiv="Content-Security-Policy"]')
    expect(policy).to_have_attribute("content", re.compile(r"^default-src 'self'; script-src"))
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "document.title = 'uitgevoerd';";
            document.head.append(script);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.title() != "uitgevoerd"
    violations = page.evaluate("window.__cspViolations")
    assert [v.split(" ")[:3] for v in violations] == [["script-src-elem", "blocked", "inline"]]


@pytest.fixture(scope="module")
def site_with_a_script_in_content(
    tmp_path_factory: pytest.TempPathFactory, mini_project_factory: Path
) -> Iterator[str]:
    project = mini_project_factory
    (project / "content" / "ingevoegd.md").write_text(
        '# Ingevoegd\n\n<script>document.title = "uitgevoerd";</script>\n\nTekst.\n',
        encoding="utf-8",
    )
    site = tmp_path_factory.mktemp("csp") / "site"
    build_site(project, site, engine=ENGINE)
    with serve(site) as url:
        yield url


def test_a_script_that_slipped_into_the_content_is_blocked(
    page: Page, site_with_a_script_in_content: str
) -> None:
    open_recording(page, site_with_a_script_in_content + "ingevoegd/")
    expect(page.locator("h1")).to_have_text("Ingevoegd")
    assert page.title() != "uitgevoerd"
    violations = page.evaluate("window.__cspViolations")
    assert [v.split(" ")[:3] for v in violations] == [["script-src-elem", "blocked", "inline"]]
    assert page.evaluate("document.documentElement.classList.contains('rk-js')")
