"""The coordinator's maintenance page (onderhoud/): the report of regiokaart.formats.maintenance on the
portal, not in the navigation."""

from regiokaart.formats.maintenance import NATIONAL_ADVICE, is_own, maintenance_rows
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
        "maintenance.md",
        rows=rows,
        own=[row for row in rows if is_own(row)],
        national=[row for row in rows if not is_own(row)],
        national_advice=NATIONAL_ADVICE,
        made=made,
    )
