"""Generated pages: one module per page type; each takes data and returns text, no I/O and no
processes."""

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from regiokaart.dataset import Dataset
from regiokaart.dataset.relations import Relations, build_relations
from regiokaart.models.offer import Offer
from regiokaart.models.organisation import Organisation
from regiokaart.routes import Page, page_file
from regiokaart.site.pages.bouwsteen import (
    render_bouwsteen_page,
    render_standard_page,
    render_standards_index,
)
from regiokaart.site.pages.checklist import render_checklist_page, render_checklists_index
from regiokaart.site.pages.coverage import render_coverage_page
from regiokaart.site.pages.glossary import render_abbreviation_definitions, render_glossary_page
from regiokaart.site.pages.home import render_home_page
from regiokaart.site.pages.knowledge import (
    render_figures_page,
    render_partners_page,
    render_phases_page,
    render_profiles_page,
    render_success_factors_page,
)
from regiokaart.site.pages.lawful import render_accessibility_page, render_privacy_page
from regiokaart.site.pages.maintenance import render_maintenance_page
from regiokaart.site.pages.module import (
    render_module_page,
    render_module_yaml,
    render_modules_index,
)
from regiokaart.site.pages.offer import render_offer_page
from regiokaart.site.pages.open_data import open_data_files, render_open_data_page
from regiokaart.site.pages.organisation import render_organisation_page, render_organisations_index
from regiokaart.site.pages.search import (
    render_search_page,
    render_search_synonyms,
    render_search_words,
)
from regiokaart.site.pages.selfscan import render_selfscan_page
from regiokaart.site.pages.site import Site
from regiokaart.site.pages.socialmap import (
    page_count,
    render_filter_index,
    render_socialmap_cards,
    render_socialmap_data,
    render_socialmap_list_page,
    render_socialmap_page,
    render_socialmap_schema,
)
from regiokaart.site.pages.style import render_region_css

__all__ = [
    "Site",
    "build_relations",
    "make_site",
    "open_data_files",
    "render_abbreviation_definitions",
    "render_open_data_pages",
    "render_other_pages",
    "render_pages",
    "render_record_pages",
]


def render_pages(
    dataset: Dataset, templates: Path, today: date | None = None
) -> dict[str, str | bytes]:
    """Relative path in the docs folder -> page text, for every generated page and asset; each
    path is its page's route (regiokaart.routes). The build makes the same, with the open data on
    the second core (site/build.py generate_pages)."""
    site = make_site(dataset, templates, today)
    pages = render_other_pages(site)
    pages.update(render_open_data_pages(site, open_data_files(dataset, site.today)))
    return pages


def make_site(dataset: Dataset, templates: Path, today: date | None = None) -> Site:
    """What every page shares, for pages made as on today (default: the computer's date)."""
    return Site(dataset, templates, today or date.today())


def render_open_data_pages(site: Site, published: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """The open data files (open_data_files) where they are published, and their page."""
    pages: dict[str, str | bytes] = {
        page_file(Page.OPEN_DATA_FILE, path): content for path, content in published.items()
    }
    pages[page_file(Page.OPEN_DATA)] = render_open_data_page(site, published, site.today)
    return pages


def render_record_pages(
    site: Site,
    relations: Relations,
    offers: Iterable[Offer],
    organisations: Iterable[Organisation],
) -> dict[str, str]:
    """The own page of each of these offers and organisations."""
    pages: dict[str, str] = {}
    for offer in offers:
        pages[page_file(Page.OFFER, offer.id)] = render_offer_page(site, relations, offer)
    for org in organisations:
        pages[page_file(Page.ORGANISATION, org.id)] = render_organisation_page(site, relations, org)
    return pages


def render_other_pages(site: Site) -> dict[str, str | bytes]:
    """Every generated page and asset but the open data (render_open_data_pages)."""
    dataset = site.dataset
    relations = build_relations(dataset)
    pages: dict[str, str | bytes] = {
        page_file(Page.HOME): render_home_page(site),
        page_file(Page.SOCIAL_MAP): render_socialmap_page(site),
        page_file(Page.SOCIAL_MAP_DATA): render_socialmap_data(dataset),
        page_file(Page.SOCIAL_MAP_SCHEMA): render_socialmap_schema(),
        page_file(Page.SOCIAL_MAP_FILTERS): render_filter_index(dataset),
        page_file(Page.ORGANISATIONS): render_organisations_index(site, relations),
        page_file(Page.STANDARDS): render_standards_index(site),
        page_file(Page.MODULES): render_modules_index(site),
        page_file(Page.CHECKLISTS): render_checklists_index(site),
        page_file(Page.GLOSSARY): render_glossary_page(site),
        page_file(Page.SUCCESS_FACTORS): render_success_factors_page(site),
        page_file(Page.PHASES): render_phases_page(site),
        page_file(Page.PROFILES): render_profiles_page(site),
        page_file(Page.FIGURES): render_figures_page(site),
        page_file(Page.PARTNERS): render_partners_page(site),
        page_file(Page.SEARCH): render_search_page(site),
        page_file(Page.SEARCH_SYNONYMS): render_search_synonyms(dataset),
        page_file(Page.SEARCH_WORDS): render_search_words(dataset),
        page_file(Page.SELFSCAN): render_selfscan_page(site),
        page_file(Page.REGION_CSS): render_region_css(dataset),
    }
    for number in range(1, page_count(dataset) + 1):
        pages[page_file(Page.SOCIAL_MAP_CARDS, number - 1)] = render_socialmap_cards(
            site, number - 1
        )
        if number > 1:
            pages[page_file(Page.SOCIAL_MAP_LIST, number)] = render_socialmap_list_page(
                site, number
            )
    pages.update(
        render_record_pages(
            site, relations, dataset.offers.values(), dataset.organisations.values()
        )
    )
    for block in dataset.bouwstenen.values():
        pages[page_file(Page.BOUWSTEEN, block.id)] = render_bouwsteen_page(site, block)
    for number in sorted(dataset.standards):
        pages[page_file(Page.STANDARD, number)] = render_standard_page(site, number)
    for module in dataset.modules.values():
        pages[page_file(Page.MODULE, module.id)] = render_module_page(site, module)
        pages[page_file(Page.MODULE_DOWNLOAD, module.id)] = render_module_yaml(
            module, dataset, site.today
        )
    for checklist in dataset.checklists.values():
        pages[page_file(Page.CHECKLIST, checklist.id)] = render_checklist_page(site, checklist)
    pages[page_file(Page.MAINTENANCE)] = render_maintenance_page(site)
    pages[page_file(Page.COVERAGE)] = render_coverage_page(site)
    pages[page_file(Page.ACCESSIBILITY)] = render_accessibility_page(site)
    pages[page_file(Page.PRIVACY)] = render_privacy_page(site)
    return pages
