"""The social map's files: the filter index says for every offer exactly what its facets say, every
offer has one card in the card files and on one page of the paged list, and the map page holds
the first page of cards in its HTML (before any script)."""

import base64
import json
import re
from datetime import date

import pytest

from regiokaart import resources
from regiokaart.checks.contraindications import contraindicated_profiles
from regiokaart.dataset import Dataset
from regiokaart.dataset.order import ordered_offers
from regiokaart.models.vocabulary import FamilyProfile
from regiokaart.routes import Page, page_file
from regiokaart.site.pages import render_pages
from regiokaart.site.pages.facets import facets, offer_facet_values
from regiokaart.site.pages.socialmap import PAGE_SIZE, encode_numbers, page_count

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def pages(flevoland: Dataset) -> dict[str, str | bytes]:
    return render_pages(flevoland, resources.PAGE_TEMPLATES, today=TODAY)


def decode(encoded: str | list[int], total: int) -> set[int]:
    """Read a set as the browser does (core/bitset.js), independently of the encoder."""
    if isinstance(encoded, list):
        return set(encoded)
    bits = base64.b64decode(encoded)
    return {n for n in range(total) if bits[n // 8] >> (n % 8) & 1}


def test_sets_are_encoded_as_a_list_or_a_bitset_and_read_back_the_same() -> None:
    assert encode_numbers([3, 1], 5000) == [1, 3]  # short: a list
    many = list(range(0, 5000, 3))
    encoded = encode_numbers(many, 5000)
    assert isinstance(encoded, str) and len(encoded) < len(json.dumps(many))
    assert decode(encoded, 5000) == set(many)


def test_filter_index_gives_every_offer_exactly_its_facet_values(
    flevoland: Dataset, pages: dict[str, str | bytes]
) -> None:
    index = json.loads(pages[page_file(Page.SOCIAL_MAP_FILTERS)])
    offers = ordered_offers(flevoland)
    total = index["aantal"]
    assert total == len(offers) == 86
    facet_list = facets(flevoland)
    assert list(index["facetten"]) == [f.key for f in facet_list]
    for facet in facet_list:
        entry = index["facetten"][facet.key]
        everywhere = decode(entry["alle"], total)
        for value, _ in facet.values:
            members = everywhere | decode(entry["waarden"][value], total)
            expected = {
                n
                for n, offer in enumerate(offers)
                if value in offer_facet_values(facet_list, offer)[facet.key]
            }
            assert members == expected, (facet.key, value)
    # Flevoland's regional offers are in every municipality: kept once, in `alle`.
    assert decode(index["facetten"]["gemeente"]["alle"], total)
    for profile in FamilyProfile:
        contra = decode(index["contra"][str(profile)], total)
        assert contra == {n for n, o in enumerate(offers) if profile in contraindicated_profiles(o)}
    assert decode(index["contra"]["intieme-terreur"], total), "the seeds have contra-indications"


CARD = re.compile(r'<li class="rk-card" data-rk-nr="(\d+)"')


def test_every_offer_has_one_card_in_the_card_files_and_in_the_paged_list(
    flevoland: Dataset, pages: dict[str, str | bytes]
) -> None:
    count = page_count(flevoland)
    assert count == -(-86 // PAGE_SIZE)
    offers = ordered_offers(flevoland)
    in_files: list[int] = []
    for chunk in range(count):
        body = str(pages[page_file(Page.SOCIAL_MAP_CARDS, chunk)])
        numbers = [int(n) for n in CARD.findall(body)]
        assert numbers == list(range(chunk * PAGE_SIZE, min(86, (chunk + 1) * PAGE_SIZE)))
        in_files += numbers
    assert in_files == list(range(86))
    in_pages = [int(n) for n in CARD.findall(str(pages[page_file(Page.SOCIAL_MAP)]))]
    for number in range(2, count + 1):
        page = str(pages[page_file(Page.SOCIAL_MAP_LIST, number)])
        assert f"Pagina {number} van {count}" in page
        in_pages += [int(n) for n in CARD.findall(page)]
    assert in_pages == list(range(86))
    # The card shows the offer's name, in name order.
    first = str(pages[page_file(Page.SOCIAL_MAP)])
    assert first.index(offers[0].name) < first.index(offers[1].name)


def test_the_map_page_has_its_first_cards_and_no_hidden_table(
    pages: dict[str, str | bytes],
) -> None:
    page = str(pages[page_file(Page.SOCIAL_MAP)])
    assert len(CARD.findall(page)) == PAGE_SIZE
    assert "<table" not in page
    assert 'href="../sociale-kaart/pagina-2/" rel="next"' in page  # the paged list, without script
    assert "86 aanbod." in page
    # Counts before anything is chosen are in the HTML too (no shift when the script starts).
    assert re.search(r'data-rk-count="gemeente:Almere">\(\d+\)<', page)
