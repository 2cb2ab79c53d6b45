"""Generated pages: one module per page type; each returns text, no I/O."""

from datetime import date
from pathlib import Path

from regiokaart.dataset import Dataset
from regiokaart.pages.bouwsteen import (
    render_bouwsteen_page,
    render_standard_page,
    render_standards_index,
)
from regiokaart.pages.checklist import render_checklist_page, render_checklists_index
from regiokaart.pages.glossary import render_abbreviation_definitions, render_glossary_page

__all__ = ["render_abbreviation_definitions", "render_pages"]
from regiokaart.pages.home import render_home_page
from regiokaart.pages.knowledge import (
    render_figures_page,
    render_partners_page,
    render_phases_page,
    render_profiles_page,
    render_success_factors_page,
)
from regiokaart.pages.module import (
    module_download_path,
    render_module_page,
    render_module_yaml,
    render_modules_index,
)
from regiokaart.pages.offer import render_offer_page
from regiokaart.pages.organisation import render_organisation_page, render_organisations_index
from regiokaart.pages.relations import build_relations
from regiokaart.pages.search import render_search_page
from regiokaart.pages.selfscan import render_selfscan_page
from regiokaart.pages.site import Site
from regiokaart.pages.socialmap import DATA_FILE, render_socialmap_data, render_socialmap_page
from regiokaart.pages.style import render_region_css


def render_pages(
    dataset: Dataset, templates: Path, today: date | None = None
) -> dict[str, str | bytes]:
    """Relative path in the docs folder -> page text, for every generated page and asset."""
    site = Site(dataset, templates, today or date.today())
    relations = build_relations(dataset)
    pages: dict[str, str | bytes] = {
        "index.md": render_home_page(site),
        "sociale-kaart/index.md": render_socialmap_page(site),
        DATA_FILE: render_socialmap_data(dataset),
        "organisaties/index.md": render_organisations_index(site, relations),
        "kwaliteitsstandaarden/index.md": render_standards_index(site),
        "modules/index.md": render_modules_index(site),
        "checklists/index.md": render_checklists_index(site),
        "begrippen.md": render_glossary_page(site),
        "kennis/succesfactoren.md": render_success_factors_page(site),
        "kennis/gefaseerd-werken.md": render_phases_page(site),
        "kennis/gezinsprofielen.md": render_profiles_page(site),
        "kennis/cijfers.md": render_figures_page(site),
        "kennis/initiatieven-en-partners.md": render_partners_page(site),
        "zoeken.md": render_search_page(site),
        "zelfscan.md": render_selfscan_page(site),
        "assets/css/region.css": render_region_css(dataset),
    }
    for offer in dataset.offers.values():
        pages[f"aanbod/{offer.id}.md"] = render_offer_page(site, relations, offer)
    for org in dataset.organisations.values():
        pages[f"organisaties/{org.id}.md"] = render_organisation_page(site, relations, org)
    for block in dataset.bouwstenen.values():
        pages[f"bouwstenen/{block.id}.md"] = render_bouwsteen_page(site, block)
    for number in sorted(dataset.standards):
        pages[f"kwaliteitsstandaarden/{number}.md"] = render_standard_page(site, number)
    for module in dataset.modules.values():
        pages[f"modules/{module.id}.md"] = render_module_page(site, module)
        pages[module_download_path(module.id)] = render_module_yaml(module, dataset.region.name)
    for checklist in dataset.checklists.values():
        pages[f"checklists/{checklist.id}.md"] = render_checklist_page(site, checklist)
    return pages
