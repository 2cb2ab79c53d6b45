"""The coordinator's coverage page (dekking/), not in the navigation: per municipality and category,
and per municipality and werkvorm, how many offers the region has, where there is none or only
offers of unknown effectiveness, and how old their peildata are.

An offer counts for a municipality when its area covers it (dataset.areas.area_places: the same
answer as the social map's municipality filter); national offers count as well as the region's.
"""

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from regiokaart.checks.freshness import STALE_AFTER_WORDS, is_stale
from regiokaart.dataset import Dataset
from regiokaart.dataset.areas import area_places
from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import Category, Effectiveness, Format, label
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages.site import Site, front_matter

NO_OFFER = "geen aanbod"
ONLY_UNKNOWN = "alleen onbekende effectiviteit"


@dataclass(frozen=True)
class Cell:
    """The offers of one municipality in one category (or werkvorm)."""

    offers: int
    unknown: int  # of them, with effectiveness "Onbekend"
    oldest: date | None  # the oldest peildatum of the offers counted
    median: date | None  # their median peildatum (the lower middle one for an even count)
    stale: int = 0  # of them, with a peildatum older than checks.freshness allows

    @property
    def status(self) -> str:
        """'geen aanbod', 'alleen onbekende effectiviteit' or how many offers there are."""
        if not self.offers:
            return NO_OFFER
        if self.unknown == self.offers:
            return ONLY_UNKNOWN
        unknown = f", waarvan {self.unknown} met onbekende effectiviteit" if self.unknown else ""
        return f"{self.offers} aanbod{unknown}"

    @property
    def gap(self) -> str | None:
        """'none' or 'unknown' where the cell asks for attention, for the page to mark."""
        if not self.offers:
            return "none"
        return "unknown" if self.unknown == self.offers else None


@dataclass(frozen=True)
class CoverageRow:
    label: str
    cells: tuple[Cell, ...]  # one per municipality, in the region's order


@dataclass(frozen=True)
class CoverageTable:
    id: str  # the anchor of its heading
    title: str
    dimension: str  # what its rows are: Categorie, Werkvorm
    rows: list[CoverageRow]

    @property
    def gaps(self) -> int:
        """How many cells ask for attention: no offer, or only offers of unknown effectiveness."""
        return sum(1 for row in self.rows for cell in row.cells if cell.gap)


def make_cell(offers: Iterable[Offer], today: date | None = None) -> Cell:
    """The cell of these offers; with today, how many of them are overdue for a check."""
    counted = list(offers)
    dates = sorted(offer.peildatum for offer in counted)
    unknown = sum(1 for offer in counted if offer.effectiveness is Effectiveness.ONBEKEND)
    return Cell(
        offers=len(counted),
        unknown=unknown,
        oldest=dates[0] if dates else None,
        median=statistics.median_low(dates) if dates else None,
        stale=sum(1 for d in dates if is_stale(d, today)) if today else 0,
    )


def coverage(
    dataset: Dataset,
    values: Iterable[StrEnum],
    of_offer: Callable[[Offer], Iterable[StrEnum]],
    today: date | None = None,
) -> list[CoverageRow]:
    """A row per value (a category, a werkvorm), a cell per municipality of the region: the offers
    whose of_offer holds the value and whose area covers the municipality."""
    municipalities = [m.name for m in dataset.region.municipalities]
    where = {
        offer.id: set(area_places(offer.area, dataset.region).municipalities)
        for offer in dataset.offers.values()
    }
    rows = []
    for value in values:
        having = [offer for offer in dataset.offers.values() if value in of_offer(offer)]
        cells = tuple(
            make_cell((offer for offer in having if name in where[offer.id]), today)
            for name in municipalities
        )
        rows.append(CoverageRow(label(value), cells))
    return rows


def category_coverage(dataset: Dataset, today: date | None = None) -> list[CoverageRow]:
    return coverage(dataset, list(Category), lambda offer: offer.categories, today)


def format_coverage(dataset: Dataset, today: date | None = None) -> list[CoverageRow]:
    return coverage(dataset, list(Format), lambda offer: offer.formats, today)


def render_coverage_page(site: Site) -> str:
    """The coverage page (dekking/), not in the navigation."""
    dataset = site.dataset
    here = page_url(Page.COVERAGE)
    tables = [
        CoverageTable(
            "per-categorie",
            "Aanbod per categorie en gemeente",
            "Categorie",
            category_coverage(dataset, site.today),
        ),
        CoverageTable(
            "per-werkvorm",
            "Aanbod per werkvorm en gemeente",
            "Werkvorm",
            format_coverage(dataset, site.today),
        ),
    ]
    return front_matter(title="Dekking van het aanbod") + site.render(
        "coverage.md",
        tables=tables,
        municipalities=[m.name for m in dataset.region.municipalities],
        offer_count=len(dataset.offers),
        made=site.today.strftime("%d-%m-%Y"),
        stale_after=STALE_AFTER_WORDS,
        maintenance_url=link(here, page_url(Page.MAINTENANCE)),
        social_map_url=link(here, page_url(Page.SOCIAL_MAP)),
        no_offer=NO_OFFER,
        only_unknown=ONLY_UNKNOWN,
    )
