"""The questions every output asks of the data, answered once in regiokaart.dataset: who provides
an offer (with the region's local notes), which places an area covers, and the contact route. The
offer page, the organisation page, the social map's card, aanbod.json, HSDS and the maintenance
report give the same answer, in the same order."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from regiokaart import resources
from regiokaart.dataset import Dataset
from regiokaart.dataset.areas import NATIONAL, area_places
from regiokaart.dataset.contact import RouteKind, contact_route
from regiokaart.dataset.relations import offer_providers
from regiokaart.formats.hsds import collect, stable_id
from regiokaart.formats.maintenance import maintenance_rows
from regiokaart.models.common import Area
from regiokaart.models.vocabulary import AreaScope
from regiokaart.routes import Page, page_file
from regiokaart.site.pages import render_pages
from regiokaart.site.pages.facets import facets
from tests.conftest import checked, replace_in

TODAY = date(2026, 11, 25)

WIJKTEAM = (
    "  - id: wijkteam-noordstad\n"
    "    name: Wijkteam Noordstad\n"
    "    type: welzijn\n"
    "    area: {scope: gemeenten, municipalities: [Noordstad]}\n"
    "    website: https://wijkteam.example.nl/\n"
    "    source: {document: testbron, section: '1'}\n"
    "    peildatum: 2026-01-15\n"
)


def with_local_note(data: Path, offer: str, providers: str = "[wijkteam-noordstad]") -> None:
    """The fixture region with a local team, and a note on offer that names providers."""
    with (data / "organisations.yaml").open("a", encoding="utf-8") as stream:
        stream.write(WIJKTEAM)
    with (data / "offers.yaml").open("a", encoding="utf-8") as stream:
        stream.write(
            "local_notes:\n"
            f"  - offer: {offer}\n"
            "    text: In Noordstad loopt het via het wijkteam.\n"
            f"    providers: {providers}\n"
            "    source: {document: testbron, section: '3'}\n"
            "    peildatum: 2026-01-15\n"
        )


def card_meta(page: str, offer: str) -> str:
    """The meta line (providers · area · effectiveness) of an offer's card on a social map page."""
    card = next(c for c in page.split('<li class="rk-card"')[1:] if f"aanbod/{offer}/" in c)
    found = re.search(r'<p class="rk-meta">(.*?)</p>', card)
    assert found, card
    return found.group(1)


def provider_links(page: str) -> list[str]:
    """The organisations under the offer page's heading Aanbieders, in order."""
    block = page.split("<h2>Aanbieders</h2>")[1].split("</ul>")[0]
    return re.findall(r'<a href="[^"]*">([^<]*)</a>', block)


@pytest.fixture
def noted(mini_data: Path) -> Dataset:
    with_local_note(mini_data, "steungroep")
    return checked(mini_data, TODAY)


def test_the_providers_of_an_offer_start_with_those_the_regions_notes_name(
    noted: Dataset,
) -> None:
    offer = noted.offers["steungroep"]
    assert offer.providers == ["veilig-thuis-testland"]
    assert [o.id for o in offer_providers(noted, offer)] == [
        "wijkteam-noordstad",
        "veilig-thuis-testland",
    ]


def test_every_output_lists_the_local_provider_in_the_same_order(noted: Dataset) -> None:
    names = ["Wijkteam Noordstad", "Veilig Thuis Testland"]
    pages = render_pages(noted, resources.PAGE_TEMPLATES, today=TODAY)

    socialmap = str(pages[page_file(Page.SOCIAL_MAP)])
    assert card_meta(socialmap, "steungroep").startswith(", ".join(names) + " · ")
    records = json.loads(pages[page_file(Page.SOCIAL_MAP_DATA)])["aanbod"]
    assert next(r for r in records if r["id"] == "steungroep")["aanbieders"] == names

    offer_page = str(pages[page_file(Page.OFFER, "steungroep")])
    assert provider_links(offer_page) == names
    team_page = str(pages[page_file(Page.ORGANISATION, "wijkteam-noordstad")])
    assert 'href="../../aanbod/steungroep/"' in team_page

    route = contact_route(noted.offers["steungroep"], noted)
    assert route is not None and route.kind is RouteKind.PROVIDER
    assert [entry.name for entry in route.entries] == names

    # HSDS links a service to its first provider and names them all in the description; the
    # published file is the same export.
    service = next(s for s in collect(noted).services if s["name"] == "Steungroep voor plegers")
    assert service["organization_id"] == stable_id("organisation:wijkteam-noordstad")
    assert service["description"].endswith("Aanbieders: " + ", ".join(names) + ".")
    published = next(text for path, text in pages.items() if path.endswith("json/services.json"))
    assert service in json.loads(published)


def test_a_note_brings_an_offer_of_another_region_here_with_its_local_provider_first(
    mini_data: Path,
) -> None:
    replace_in(
        mini_data / "offers.yaml",
        "    area: {scope: landelijk}\n",
        "    area: {scope: regio, regions: [Anderland]}\n",
    )
    elsewhere = checked(mini_data, TODAY)
    route = contact_route(elsewhere.offers["relatietherapie"], elsewhere)
    assert route is not None and route.kind is RouteKind.ELSEWHERE
    assert route.label == "Alleen in regio Anderland, niet in regio Testland; aanbieder daar"

    with_local_note(mini_data, "relatietherapie")
    here = checked(mini_data, TODAY)
    route = contact_route(here.offers["relatietherapie"], here)
    assert route is not None and route.kind is RouteKind.PROVIDER
    assert [entry.name for entry in route.entries] == [
        "Wijkteam Noordstad",
        "Veilig Thuis Testland",
    ]


def test_the_maintenance_report_asks_for_a_provider_until_someone_provides_it(
    mini_data: Path,
) -> None:
    replace_in(mini_data / "offers.yaml", "    providers: [veilig-thuis-testland]\n", "")
    # A note that names no provider says how the offer works here, not who runs it.
    with_local_note(mini_data, "steungroep", providers="[]")
    rows = maintenance_rows(checked(mini_data, TODAY), TODAY)
    assert ("steungroep", "geen aanbieder") in [(r["id"], r["probleem"]) for r in rows]


def test_a_note_naming_a_provider_answers_the_maintenance_reports_question(
    mini_data: Path,
) -> None:
    replace_in(mini_data / "offers.yaml", "    providers: [veilig-thuis-testland]\n", "")
    with_local_note(mini_data, "steungroep")
    rows = maintenance_rows(checked(mini_data, TODAY), TODAY)
    assert ("steungroep", "geen aanbieder") not in [(r["id"], r["probleem"]) for r in rows]


@pytest.mark.parametrize(
    ("area", "named", "municipalities", "label"),
    [
        (Area(scope=AreaScope.LANDELIJK), (NATIONAL,), ("Noordstad", "Zuiddorp"), "Landelijk"),
        (
            Area(scope=AreaScope.REGIO, regions=["Testland", "Anderland"]),
            ("Testland", "Anderland"),
            ("Noordstad", "Zuiddorp"),
            "Regio Testland, Anderland",
        ),
        (Area(scope=AreaScope.REGIO, regions=["Anderland"]), ("Anderland",), (), "Regio Anderland"),
        (
            Area(scope=AreaScope.GEMEENTEN, municipalities=["Zuiddorp"]),
            ("Zuiddorp",),
            ("Zuiddorp",),
            "Gemeente Zuiddorp",
        ),
        (Area(scope=AreaScope.ONBEKEND), (), (), "Werkgebied onbekend"),
    ],
)
def test_an_area_names_its_places_and_covers_the_regions_municipalities_inside_them(
    mini_data: Path,
    area: Area,
    named: tuple[str, ...],
    municipalities: tuple[str, ...],
    label: str,
) -> None:
    places = area_places(area, checked(mini_data, TODAY).region)
    assert (places.named, places.municipalities, places.label) == (named, municipalities, label)
    # Only an area that names places, none of them here, is elsewhere (an unknown one is not).
    assert places.elsewhere == (named == ("Anderland",))


def test_the_map_the_offer_page_and_hsds_read_the_same_places(flevoland: Dataset) -> None:
    municipality = next(f for f in facets(flevoland) if f.key == "gemeente")
    services = {s["id"]: s for s in collect(flevoland).services}
    pages = render_pages(flevoland, resources.PAGE_TEMPLATES, today=TODAY)
    records = {r["id"]: r for r in json.loads(pages[page_file(Page.SOCIAL_MAP_DATA)])["aanbod"]}
    scopes = set()
    for offer in flevoland.offers.values():
        places = area_places(offer.area, flevoland.region)
        scopes.add(offer.area.scope)
        assert municipality.of_offer(offer) == list(places.municipalities), offer.id
        service = services[stable_id(f"service:{offer.id}")]
        assert [a["name"] for a in service.get("service_areas", [])] == list(places.named)
        assert records[offer.id]["werkgebied"] == places.label, offer.id
        row = f'<th scope="row">Werkgebied</th><td>{places.label}</td>'
        assert row in str(pages[page_file(Page.OFFER, offer.id)]), offer.id
    assert len(scopes) >= 3  # the shipped data has national, regional and unknown areas
