"""Organisation pages and their overview, linked both ways with offers and modules."""

from regiokaart.dataset.areas import area_places
from regiokaart.dataset.relations import Relations
from regiokaart.models.organisation import Organisation
from regiokaart.models.vocabulary import label
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages.site import Site, front_matter


def render_organisation_page(site: Site, relations: Relations, org: Organisation) -> str:
    dataset = site.dataset
    here = page_url(Page.ORGANISATION, org.id)
    context = {
        "org": org,
        "type": label(org.type),
        "area": area_places(org.area, dataset.region).label,
        "offers": site.offer_links(here, relations.offers_by_organisation.get(org.id, [])),
        "modules": site.module_links(here, relations.modules_by_organisation.get(org.id, [])),
        "bouwstenen": site.bouwsteen_links(
            here, relations.bouwstenen_by_organisation.get(org.id, [])
        ),
        "source": site.source_note(org.source, org.peildatum),
        "overview_url": link(here, page_url(Page.ORGANISATIONS)),
    }
    return front_matter(title=org.name, soort="organisatie") + site.render(
        "organisation.md", **context
    )


def render_organisations_index(site: Site, relations: Relations) -> str:
    here = page_url(Page.ORGANISATIONS)
    groups: dict[str, list[dict[str, object]]] = {}
    for org in sorted(site.dataset.organisations.values(), key=lambda o: o.name.lower()):
        groups.setdefault(label(org.type), []).append(
            {
                "name": org.name,
                "url": link(here, page_url(Page.ORGANISATION, org.id)),
                "offers": len(relations.offers_by_organisation.get(org.id, [])),
                "modules": len(relations.modules_by_organisation.get(org.id, [])),
                "website": org.website,
            }
        )
    context = {"groups": sorted(groups.items())}
    return front_matter(title="Organisaties") + site.render("organisations.md", **context)
