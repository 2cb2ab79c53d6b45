"""The coordinator's maintenance page (onderhoud/): the report of regiokaart.formats.maintenance on the
portal, not in the navigation."""

from regiokaart.formats.maintenance import maintenance_rows
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages.site import Site, front_matter


def render_maintenance_page(site: Site) -> str:
    """The report as a page of the portal (onderhoud/), not in the navigation."""
    here = page_url(Page.MAINTENANCE)
    pages = {"aanbod": Page.OFFER, "organisatie": Page.ORGANISATION}
    rows = [
        {**row, "url": link(here, page_url(pages[row["soort"]], row["id"]))}
        for row in maintenance_rows(site.dataset, site.today)
    ]
    made = site.today.strftime("%d-%m-%Y")
    return front_matter(title="Onderhoud van de gegevens") + site.render(
        "maintenance.md", rows=rows, made=made
    )
