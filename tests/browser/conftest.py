"""Real browser tests: the portal is built with real MkDocs (shipped_site, tests/conftest.py) and
served on localhost to Debian's Chromium.

REGIOKAART_ENGINE=zensical builds every site these tests open with Zensical instead (regiokaart
build --engine zensical). All of them pass on Zensical 0.0.73; one that fails on a later version for a
reason of Zensical's gets pytest.mark.xfail(ENGINE == "zensical", strict=True, reason=...)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from bench.socialmap_browser import CHROMIUM, LAUNCH_ARGS, serve
from regiokaart.site.pages.evidence import AXE_TAGS
from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def base_url(shipped_site: Path) -> Iterator[str]:
    with serve(shipped_site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing; run `bash scripts/test.sh`, which installs it")
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh context per test: empty localStorage, no shared state."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def run_axe(page: Page) -> list[dict[str, object]]:
    """Violations of WCAG 2.0/2.1 A and AA on the current page, as reported by axe-core."""
    # A transition still running (Material slides its tabs away on scroll) has half-faded text.
    page.evaluate(
        "async () => { await Promise.all(document.getAnimations().map(a => a.finished)); }"
    )
    # Evaluated by the test driver, not added as an inline <script>: the page's CSP blocks those.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})""",
        list(AXE_TAGS),  # the rules the toegankelijkheidsverklaring names (site/pages/evidence.py)
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def checklists_started(page: Page) -> Page:
    """page, once its checklists' script has run: the module is loaded after the page, so a tick
    made before that is not kept (on a loaded machine, a test's first tick was)."""
    # generous: only a script that never runs fails here
    expect(page.locator("[data-rk-storage][data-rk-ready]").first).to_be_attached(timeout=60_000)
    return page


def next_page(page: Page) -> bool:
    """Follow the social map's "Volgende" and wait until the next page is drawn (the pager is drawn
    after the cards, with or without script); False on the last page."""
    following = page.locator("#rk-pager a[rel=next]")
    if not following.count():
        return False
    where = page.locator("#rk-pager .rk-pager-where")
    before = where.inner_text()
    following.click()
    expect(where).not_to_have_text(before)
    return True
