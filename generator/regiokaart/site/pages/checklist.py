"""Checklists that users tick (kept in their browser only) and print."""

from regiokaart.models.knowledge import Checklist
from regiokaart.models.vocabulary import Requirement, label
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages.browser_storage import CHECKLIST, storage_key
from regiokaart.site.pages.site import Site, front_matter


def render_checklist_page(site: Site, checklist: Checklist) -> str:
    here = page_url(Page.CHECKLIST, checklist.id)
    requirement_ids = {str(r) for r in Requirement}
    offers_meeting: dict[str, list[dict[str, str]]] = {}
    for offer in site.dataset.offers.values():
        for requirement in offer.meets_requirements:
            offers_meeting.setdefault(str(requirement), []).append(
                {"title": offer.name, "url": link(here, page_url(Page.OFFER, offer.id))}
            )
    groups = [
        {
            "title": group.title,
            "entries": [
                {
                    "id": item.id,
                    "text": item.text,
                    "label": label(Requirement(item.id)) if item.id in requirement_ids else None,
                    "offers": offers_meeting.get(item.id, []),
                }
                for item in group.items
            ],
        }
        for group in checklist.groups
    ]
    context = {
        "checklist": checklist,
        "groups": groups,
        "storage_key": storage_key(CHECKLIST, id=checklist.id),
        "source": site.source_note(checklist.source, None),
        "overview_url": link(here, page_url(Page.CHECKLISTS)),
    }
    return front_matter(title=checklist.title) + site.render("checklist.md", **context)


def render_checklists_index(site: Site) -> str:
    here = page_url(Page.CHECKLISTS)
    items = [
        {
            "title": c.title,
            "url": link(here, page_url(Page.CHECKLIST, c.id)),
            "count": sum(len(g.items) for g in c.groups),
        }
        for c in site.dataset.checklists.values()
    ]
    return front_matter(title="Checklists") + site.render("checklists.md", checklists=items)
