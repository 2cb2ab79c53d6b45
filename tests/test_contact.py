"""Always a way to act: every offer says how to get there (regiokaart.dataset.contact)."""

import json
from datetime import date
from pathlib import Path

import pytest

from regiokaart import resources
from regiokaart.checks.check import check_data
from regiokaart.dataset.areas import area_places
from regiokaart.dataset.contact import RouteKind, contact_route
from regiokaart.models.common import Area
from regiokaart.models.vocabulary import AreaScope
from regiokaart.problems import Severity
from regiokaart.routes import Page, page_file
from regiokaart.site.pages import render_pages
from tests.conftest import ROOT, checked, checked_with_warnings, replace_in

TODAY = date(2026, 11, 25)


def without_providers(data: Path) -> None:
    """Neither offer of the fixture keeps a provider; neither has a website of its own."""
    replace_in(
        data / "offers.yaml",
        "    providers: [veilig-thuis-testland]\n",
        "",
        count=2,
    )


@pytest.fixture(scope="module")
def flevoland_pages() -> dict[str, str | bytes]:
    return render_pages(checked(ROOT / "data", TODAY), resources.PAGE_TEMPLATES, today=TODAY)


def test_every_flevoland_offer_page_shows_a_contact_route(
    flevoland_pages: dict[str, str | bytes],
) -> None:
    offers = {p: t for p, t in flevoland_pages.items() if p.startswith("aanbod/")}
    assert len(offers) > 50
    for path, text in offers.items():
        assert isinstance(text, str)
        assert '<h2 id="contact">Contact</h2>' in text, path
        block = text.split('id="contact"')[1].split("</section>")[0]
        # An offer elsewhere names its providers there (linked to their pages), never this
        # region's route; every other offer gives a way to reach it.
        elsewhere = "<strong>Alleen in regio " in block and "niet in regio Flevoland" in block
        assert "tel:" in block or "https://" in block or elsewhere, path
        assert not (elsewhere and "Algemene route" in block), path


def test_flevoland_cards_carry_the_route(flevoland_pages: dict[str, str | bytes]) -> None:
    data = json.loads(flevoland_pages[page_file(Page.SOCIAL_MAP_DATA)])
    assert all(record["contact"]["tekst"] for record in data["aanbod"])
    general = [r for r in data["aanbod"] if r["contact"]["algemeen"]]
    assert general
    assert all(
        r["contact"]["tekst"].startswith("Algemene route in regio Flevoland: Veilig Thuis")
        for r in general
    )


def test_provider_contact_comes_before_the_general_route(mini_data: Path) -> None:
    dataset = checked(mini_data, TODAY)
    route = contact_route(dataset.offers["steungroep"], dataset)
    assert route is not None and route.kind is RouteKind.PROVIDER
    assert route.entries[0].name == "Veilig Thuis Testland"


def test_offer_without_own_or_provider_contact_shows_the_general_route(mini_data: Path) -> None:
    without_providers(mini_data)
    dataset = checked(mini_data, TODAY)
    route = contact_route(dataset.offers["steungroep"], dataset)
    assert route is not None and route.general
    assert route.summary() == (
        "Algemene route in regio Testland: Veilig Thuis Testland, 0800-2000, "
        "https://veiligthuis.example.nl/"
    )
    pages = render_pages(dataset, resources.PAGE_TEMPLATES, today=TODAY)
    page = pages[page_file(Page.OFFER, "steungroep")]
    assert isinstance(page, str)
    assert "Gebruik de algemene route van de regio." in page
    assert "<strong>Algemene route in regio Testland:</strong>" in page
    assert 'href="tel:0800-2000"' in page
    records = json.loads(pages[page_file(Page.SOCIAL_MAP_DATA)])["aanbod"]
    card = next(r for r in records if r["id"] == "steungroep")
    assert card["contact"] == {"tekst": route.summary(), "algemeen": True}


def test_offers_without_any_route_are_a_warning_with_file_and_line(mini_data: Path) -> None:
    without_providers(mini_data)
    replace_in(
        mini_data / "region.yaml",
        'contact: {organisation: veilig-thuis-testland, phone: "0800-2000", '
        'website: "https://veiligthuis.example.nl/"}',
        "contact: {organisation: gemeente-noordstad}",
    )
    _, problems = checked_with_warnings(mini_data, TODAY)  # a warning, not an error
    found = [p for p in problems if "contactroute" in p.message]
    assert {p.severity for p in found} == {Severity.WARNING}
    assert sorted(p.message for p in found) == [
        "aanbod 'relatietherapie' heeft geen contactroute",
        "aanbod 'steungroep' heeft geen contactroute",
    ]
    steungroep = next(p for p in found if "steungroep" in p.message)
    assert steungroep.file.endswith("offers.yaml")
    assert steungroep.line == 2


def test_flevoland_has_no_offer_without_a_route() -> None:
    _, problems = check_data(ROOT / "data", today=TODAY)
    assert not [p for p in problems if "contactroute" in p.message]


def test_unknown_area_reads_werkgebied_onbekend(mini_data: Path) -> None:
    region = checked(mini_data, TODAY).region
    assert area_places(Area(scope=AreaScope.ONBEKEND), region).label == "Werkgebied onbekend"
