"""The home page for the three audiences: local teams, municipalities and other regions."""

from regiokaart.pages.relations import organisation_path
from regiokaart.pages.site import Site, front_matter


def render_home_page(site: Site) -> str:
    dataset = site.dataset
    region = dataset.region
    contact = region.contact
    context = {
        "municipalities": [m.name for m in region.municipalities],
        "centre": region.centre_municipality,
        "contact": contact,
        "contact_org": dataset.organisations[contact.organisation].name,
        "contact_url": organisation_path(contact.organisation),
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
