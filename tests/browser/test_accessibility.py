"""axe-core finds no WCAG 2.1 A/AA violation on one page of every type (and in the states that matter)."""

import pytest
from playwright.sync_api import Page, expect

from regiokaart.routes import Page as Route
from regiokaart.routes import page_url
from regiokaart.site.pages.evidence import TESTED_PAGES
from tests.browser.conftest import run_axe

pytestmark = pytest.mark.browser

# One page of each type that regiokaart declares tested (site/pages/evidence.py TESTED_PAGES, which
# the toegankelijkheidsverklaring lists), in the shipped portal.
EXAMPLES = {
    "home": "",
    "social map": "sociale-kaart/",
    "offer": "aanbod/mediation/",
    "offer with contra-indication": "aanbod/project-integrale-behandeling-en-begeleiding-pibb/",
    "organisation": "organisaties/blijf-groep/",
    "organisations": "organisaties/",
    "bouwsteen": "bouwstenen/benut-huisverbod-effectief/",
    "quality standard": "kwaliteitsstandaarden/9/",
    "standards overview": "kwaliteitsstandaarden/",
    "module": "modules/plegeraanpak-flevoland-outreachend-en-betrokken/",
    "modules": "modules/",
    "checklist": "checklists/gender/",
    "checklists": "checklists/",
    "glossary": "begrippen/",
    "success factors": "kennis/succesfactoren/",
    "phases": "kennis/gefaseerd-werken/",
    "profiles": "kennis/gezinsprofielen/",
    "figures": "kennis/cijfers/",
    "partners": "kennis/initiatieven-en-partners/",
    "search": "zoeken/?q=plegers",
    "about (hand-written)": "over/",
    "open data": "open-data/",
    "maintenance (not in the nav)": "onderhoud/",
    "coverage (not in the nav)": "dekking/",
    "accessibility statement (in the footer)": page_url(Route.ACCESSIBILITY),
    "privacy statement (in the footer)": page_url(Route.PRIVACY),
}
PAGES = {tested.key: EXAMPLES[tested.key] for tested in TESTED_PAGES}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violations(page: Page, base_url: str, path: str) -> None:
    response = page.goto(base_url + path)
    assert response is not None and response.ok
    if path.startswith("zoeken"):
        expect(page.locator("#rk-search-results li").first).to_be_visible()
    assert run_axe(page) == []


def test_filtered_social_map_with_contraindication_has_no_axe_violations(
    page: Page, base_url: str
) -> None:
    # The unsuitable offers come apart, after the others: on the last page (99 is clamped to it).
    page.goto(base_url + "sociale-kaart/?gemeente=Almere&profiel=intieme-terreur&pagina=99")
    expect(page.locator("#rk-cards-unsuitable > li").first).to_be_visible()
    assert run_axe(page) == []


def test_print_view_of_module_has_no_axe_violations(page: Page, base_url: str) -> None:
    page.emulate_media(media="print")
    page.goto(base_url + PAGES["module"])
    assert run_axe(page) == []
