"""The coverage page (dekking/): per municipality and category or werkvorm, where offers are missing."""

import re
from datetime import date
from pathlib import Path

from regiokaart import resources
from regiokaart.models.vocabulary import Category, Format, label
from regiokaart.routes import Page, page_file, site_nav
from regiokaart.site.pages import render_pages
from regiokaart.site.pages.coverage import (
    NO_OFFER,
    ONLY_UNKNOWN,
    category_coverage,
    format_coverage,
    make_cell,
)
from tests.conftest import checked, replace_in
from tests.test_maintenance import _files

TODAY = date(2026, 11, 25)
# The fixture region Testland: Noordstad and Zuiddorp. "steungroep" (laagdrempelig and
# ervaringsdeskundigen, effectiveness Onbekend) works in Noordstad only; "relatietherapie"
# (specialistisch, partners samen, Goed onderbouwd) everywhere.


def page_of(data: Path) -> str:
    pages = render_pages(checked(data, TODAY), resources.PAGE_TEMPLATES, today=TODAY)
    return str(pages[page_file(Page.COVERAGE)])


def cells(page: str, row_label: str) -> list[str]:
    """The texts of a table row's cells (tags removed), by its row header."""
    row = re.search(rf'<tr><th scope="row">{re.escape(row_label)}</th>(.*?)</tr>', page)
    assert row, row_label
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row[1])]


def test_the_page_says_where_there_is_no_offer_or_only_unknown_effectiveness(
    mini_data: Path,
) -> None:
    page = page_of(mini_data)
    low = cells(page, label(Category.LAAGDREMPELIG))
    assert low[0].startswith(ONLY_UNKNOWN) and "peildatum oudste 15-01-2026" in low[0]
    assert low[1] == NO_OFFER
    assert [c.split("peildatum")[0] for c in cells(page, label(Category.SPECIALISTISCH))] == [
        "1 aanbod",
        "1 aanbod",
    ]
    assert cells(page, label(Category.ZORG_EN_STRAF)) == [NO_OFFER, NO_OFFER]
    assert cells(page, label(Format.GROEP)) == [NO_OFFER, NO_OFFER]
    together = cells(page, label(Format.PARTNERS_SAMEN))
    assert all(c.startswith("1 aanbod") and "oudste 15-01-2024" in c for c in together)
    assert all(c.endswith("; 1 ouder dan 12 maanden") for c in together)  # checked in 2024
    assert "ouder dan" not in low[0]  # checked in January 2026


def test_an_offer_for_a_municipality_fills_its_gap(mini_data: Path) -> None:
    replace_in(
        mini_data / "offers.yaml",
        "area: {scope: gemeenten, municipalities: [Noordstad]}",
        "area: {scope: gemeenten, municipalities: [Noordstad, Zuiddorp]}",
    )
    low = cells(page_of(mini_data), label(Category.LAAGDREMPELIG))
    assert [c.split("peildatum")[0].strip() for c in low] == [ONLY_UNKNOWN + " (1 aanbod)"] * 2
    replace_in(
        mini_data / "offers.yaml", "effectiveness: Onbekend", "effectiveness: Goed beschreven"
    )
    dataset = checked(mini_data, TODAY)
    row = next(r for r in category_coverage(dataset) if r.label == label(Category.LAAGDREMPELIG))
    assert [cell.status for cell in row.cells] == ["1 aanbod", "1 aanbod"]


def test_oldest_and_median_peildatum(mini_data: Path) -> None:
    dataset = checked(mini_data, TODAY)
    offers = list(dataset.offers.values())
    cell = make_cell(offers)
    assert (cell.offers, cell.unknown) == (2, 1)
    assert cell.oldest == date(2024, 1, 15) and cell.median == date(2024, 1, 15)
    assert cell.status == "2 aanbod, waarvan 1 met onbekende effectiviteit"
    empty = make_cell([])
    assert (empty.status, empty.oldest, empty.median) == (NO_OFFER, None, None)
    rows = format_coverage(dataset)
    assert [r.label for r in rows] == [label(f) for f in Format]
    assert all(len(r.cells) == len(dataset.region.municipalities) for r in rows)


def test_an_accessible_table_outside_the_nav(mini_data: Path) -> None:
    page = page_of(mini_data)
    assert page.count("<caption>") == 2
    assert '<th scope="col">Noordstad</th><th scope="col">Zuiddorp</th>' in page
    assert page.count('<th scope="row">') == len(Category) + len(Format)
    assert page.count('class="rk-table-wrap" role="region" tabindex="0"') == 2
    # a gap is said in text, not only by its colour
    assert f'<td class="rk-coverage-none"><strong>{NO_OFFER}</strong></td>' in page
    assert "data-pagefind-ignore" in page
    pages = render_pages(checked(mini_data, TODAY), resources.PAGE_TEMPLATES, today=TODAY)
    entries = [e for item in site_nav(set(pages), {}) for e in _files(item)]
    assert page_file(Page.COVERAGE) not in entries
