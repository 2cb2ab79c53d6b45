"""No page asks anything of another origin: no web fonts, no CDN scripts; it works offline."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "sociale-kaart/?gemeente=Almere&profiel=intieme-terreur",
    "aanbod/caring-dads/",
    "modules/blijf-veilig-na-de-opvang/",
    "zoeken/?q=huisverbod",
    "kennis/cijfers/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_request_stays_on_the_site_origin(page: Page, base_url: str, path: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("zoeken"):
        expect(page.locator("#rk-search-results li").first).to_be_visible()
    origin = urlsplit(base_url).netloc
    assert requests, "the page made no request at all"
    foreign = [
        url
        for url in requests
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != origin
    ]
    assert foreign == []


def test_portal_works_with_other_origins_blocked(page: Page, base_url: str) -> None:
    origin = urlsplit(base_url).netloc
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc == origin else route.abort()
        ),
    )
    page.goto(base_url + "sociale-kaart/?profiel=intieme-terreur&pagina=99")  # the last page
    expect(page.locator("#rk-cards-unsuitable > li").first).to_be_visible()
