"""A national overview federated from three regional portals (issue #20's "done when"): each region
built with the real build and served from its own loopback origin with CORS, `regiokaart federate`
over them, and Debian's Chromium searching all three from the national search page. Then one
origin stops, and the next run keeps that region's last data and says why."""

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.socialmap_browser import serve
from regiokaart.cli import main
from regiokaart.site.build import build_site
from tests.browser.conftest import run_axe
from tests.conftest import ENGINE, make_mini_project, replace_in

# Each region: its name, and the name its own offer gets (the word searched for is unique to it).
REGIONS = {
    "Testland": "Steungroep voor plegers",
    "Noordkaap": "Kompaswerkgroep voor plegers",
    "Zuiderweide": "Rivierkring voor plegers",
}
SEARCHED = ("Noordkaap", "Kompaswerkgroep")


@dataclass
class Federation:
    root: Path
    urls: dict[str, str]  # region name -> its portal's origin
    stops: dict[str, contextlib.ExitStack] = field(default_factory=dict)

    @property
    def site(self) -> Path:
        return self.root / "landelijk" / "site"

    def federate(self) -> int:
        return main(
            [
                "federate",
                str(self.root / "FEDERATION.yaml"),
                "--site",
                str(self.site),
                "--engine",
                ENGINE,
            ]
        )


def make_region(folder: Path, name: str, offer_name: str) -> Path:
    project = make_mini_project(folder)
    data = project / "data"
    replace_in(data / "region.yaml", "name: Testland", f"name: {name}")
    replace_in(data / "offers.yaml", "name: Steungroep voor plegers", f"name: {offer_name}")
    # Relatietherapie into the national layer, which every region carries the same
    offers = (data / "offers.yaml").read_text(encoding="utf-8")
    start = offers.index("  - id: relatietherapie")
    (data / "offers.yaml").write_text(offers[:start], encoding="utf-8")
    (project / "national" / "offers.yaml").write_text(
        "offers:\n" + offers[start:], encoding="utf-8"
    )
    return project


@pytest.fixture(scope="module")
def federation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    root = tmp_path_factory.mktemp("federatie")
    urls: dict[str, str] = {}
    stops: dict[str, contextlib.ExitStack] = {}
    with contextlib.ExitStack() as all_servers:
        for name, offer in REGIONS.items():
            project = make_region(root / name.lower(), name, offer)
            build_site(project, project / "site", engine=ENGINE)
            stack = contextlib.ExitStack()
            urls[name] = stack.enter_context(serve(project / "site", cors=True))
            stops[name] = stack
            all_servers.callback(stack.close)
        (root / "FEDERATION.yaml").write_text(
            "title: Landelijk overzicht plegeraanpak\nregions:\n"
            + "".join(f"  - url: {url}\n" for url in urls.values()),
            encoding="utf-8",
        )
        found = Federation(root, urls, stops)
        assert found.federate() == 0
        yield found


@pytest.fixture(scope="module")
def national_url(federation: Federation) -> Iterator[str]:
    with serve(federation.site) as url:
        yield url


def test_the_national_search_finds_an_offer_of_one_region_and_links_to_its_portal(
    federation: Federation, national_url: str, page: Page
) -> None:
    region, word = SEARCHED
    page.goto(f"{national_url}zoeken/?q={word}")
    results = page.locator("#rk-national-results > li")
    expect(results.first).to_be_visible(timeout=30_000)
    link = results.first.locator("h2 a")
    expect(link).to_have_text(re.compile(word))
    href = link.get_attribute("href") or ""
    assert href.startswith(f"{federation.urls[region]}aanbod/"), href
    expect(results.first).to_contain_text(region)
    # the other regions do not have it: every result is in that region's portal
    for href in results.locator("h2 a").evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith(federation.urls[region]), href
    link.click()
    expect(page).to_have_url(re.compile(re.escape(federation.urls[region]) + "aanbod/"))
    expect(page.locator("h1")).to_have_text(re.compile(word))


def test_the_region_filter_limits_the_search_to_that_region(
    federation: Federation, national_url: str, page: Page
) -> None:
    # An offer of the national layer, which every region shows on a page of its own
    page.goto(f"{national_url}zoeken/?q=relatietherapie")
    results = page.locator("#rk-national-results > li")
    expect(results.first).to_be_visible(timeout=30_000)
    offer_pages = {f"{url}aanbod/relatietherapie/" for url in federation.urls.values()}

    def shown() -> list[str]:
        return results.locator("h2 a").evaluate_all("links => links.map(a => a.href)")

    assert offer_pages <= set(shown())
    page.get_by_label("Zuiderweide").check()
    expect(page.locator("#rk-national-status")).to_contain_text("in Zuiderweide")
    assert shown() and all(href.startswith(federation.urls["Zuiderweide"]) for href in shown())
    assert f"{federation.urls['Zuiderweide']}aanbod/relatietherapie/" in shown()


def test_the_national_search_works_by_keyboard_alone(
    federation: Federation, national_url: str, page: Page
) -> None:
    region, word = SEARCHED
    page.goto(f"{national_url}zoeken/")
    for _ in range(40):  # from the top of the page: the skip link, the header, the form
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "rk-national-q":
            break
    page.keyboard.type(word)
    page.keyboard.press("Enter")
    expect(page.locator("#rk-national-results > li").first).to_be_visible(timeout=30_000)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#rk-national-results') !== null"):
            break
    assert (page.evaluate("document.activeElement.href") or "").startswith(federation.urls[region])
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(re.compile(word))


def shown_links(page: Page) -> list[str]:
    """The addresses of the national search's results, once the search has ended."""
    expect(page.locator("#rk-national-status")).to_contain_text("in alle regio's", timeout=30_000)
    return page.locator("#rk-national-results h2 a").evaluate_all("links => links.map(a => a.href)")


def test_the_national_search_finds_the_regions_modules_not_the_knowledge_they_share(
    federation: Federation, national_url: str, page: Page
) -> None:
    """Each portal gives the overview its own offers, organisations and modules to search
    (pagefind-landelijk/), not the pages of the national layer that every portal has alike."""
    page.goto(f"{national_url}zoeken/?q=nazorg+na+huisverbod")
    found = shown_links(page)
    for url in federation.urls.values():
        assert f"{url}modules/nazorg-na-huisverbod/" in found, found
    # A bouwsteen of the national layer: each portal's own search finds its page ...
    bouwsteen = "Breng het aanbod in kaart"
    portal = federation.urls["Testland"]
    page.goto(f"{portal}zoeken/?q={bouwsteen}")
    result = page.locator("#rk-search-results a[href*='/bouwstenen/aanbod-in-kaart/']").first
    expect(result).to_be_visible(timeout=30_000)
    # ... the national search over all portals finds the offers that name it, not its pages
    page.goto(f"{national_url}zoeken/?q={bouwsteen}")
    found = shown_links(page)
    assert f"{portal}aanbod/steungroep/" in found, found
    shared = ("/bouwstenen/", "/kwaliteitsstandaarden/", "/begrippen/", "/kennis/")
    assert not [href for href in found if any(part in href for part in shared)], found


@pytest.mark.parametrize(
    "path", ["", "regio/", "modules/", "aanbod/", "zoeken/?q=kompaswerkgroep", "open-data/"]
)
def test_every_national_page_type_is_accessible(
    federation: Federation, national_url: str, page: Page, path: str
) -> None:
    page.goto(f"{national_url}{path}")
    if path.startswith("zoeken"):
        expect(page.locator("#rk-national-results > li").first).to_be_visible(timeout=30_000)
    assert run_axe(page) == []
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_overview_lists_each_region_module_and_offer(federation: Federation) -> None:
    offers = (federation.site / "aanbod" / "index.html").read_text(encoding="utf-8")
    for name, offer in REGIONS.items():
        assert f'href="{federation.urls[name]}aanbod/steungroep/"' in offers
        assert offer in offers
    # the national offer once, with the three regions
    assert offers.count(">Relatietherapie") == 1
    modules = (federation.site / "modules" / "index.html").read_text(encoding="utf-8")
    for url in federation.urls.values():
        assert (
            f"regiokaart module import {url}downloads/modules/nazorg-na-huisverbod.yaml" in modules
        )


def test_a_stopped_origin_keeps_its_last_data_and_the_run_says_why(
    federation: Federation, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    federation.stops["Noordkaap"].close()
    assert federation.federate() == 0
    out = capsys.readouterr().out
    assert re.search(r"Noordkaap: niet bereikt: laatste goede gegevens van \d{4}-\d\d-\d\d", out), (
        out
    )
    assert "1 niet bereikt" in out
    offers = (federation.site / "aanbod" / "index.html").read_text(encoding="utf-8")
    assert "Kompaswerkgroep voor plegers" in offers
    region_pages = list((federation.site / "regio").glob("*/index.html"))
    page = next(
        p.read_text(encoding="utf-8")
        for p in region_pages
        if "Noordkaap" in p.read_text(encoding="utf-8")
    )
    assert "Niet bereikt: laatste goede gegevens" in page
    assert "Waarom niet bijgewerkt" in page
