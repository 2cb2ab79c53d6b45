"""The home page for the three audiences: local teams, municipalities and other regions."""

from regiokaart.routes import Page, page_url
from regiokaart.site.pages.site import Site, front_matter

# The pages the home page links to for each audience (home.md), by name in lower case.
HOME_LINKS = (
    Page.SEARCH,
    Page.SOCIAL_MAP,
    Page.PROFILES,
    Page.PHASES,
    Page.STANDARDS,
    Page.SELFSCAN,
    Page.CHECKLISTS,
    Page.FIGURES,
    Page.MODULES,
    Page.SUCCESS_FACTORS,
    Page.PARTNERS,
    Page.ORGANISATIONS,
)


def render_home_page(site: Site) -> str:
    dataset = site.dataset
    region = dataset.region
    contact = region.contact
    context = {
        "municipalities": [m.name for m in region.municipalities],
        "centre": region.centre_municipality,
        "contact": contact,
        "contact_org": dataset.organisations[contact.organisation].name,
        "contact_url": page_url(Page.ORGANISATION, contact.organisation),
        "urls": {page.name.lower(): page_url(page) for page in HOME_LINKS},
        "selfscan": True,
        "counts": {
            "offers": len(dataset.offers),
            "organisations": len(dataset.organisations),
            "bouwstenen": len(dataset.bouwstenen),
            "modules": len(dataset.modules),
        },
    }
    return front_matter(
        title=f"Kennisportaal {region.name}",
        description=f"Aanpak huiselijk geweld en kindermishandeling in {region.name}",
        hide=["navigation", "toc"],
    ) + site.render("home.md", **context)
