"""One page per offer."""

from typing import Any

from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import AreaScope, label
from regiokaart.pages.relations import Relations
from regiokaart.pages.site import Site, front_matter
from regiokaart.routes import Page, link, page_url

REQUIREMENTS_CHECKLIST = "eisen-aanbod"


def area_label(offer_area: Any, region_name: str) -> str:
    if offer_area.scope is AreaScope.LANDELIJK:
        return "Landelijk"
    if offer_area.scope is AreaScope.REGIO:
        return "Regio " + ", ".join(offer_area.regions) if offer_area.regions else "Regionaal"
    return "Gemeente " + ", ".join(offer_area.municipalities)


def offer_municipalities(offer: Offer, region_name: str, municipalities: list[str]) -> list[str]:
    """The region's municipalities where the offer is available."""
    area = offer.area
    if area.scope is AreaScope.LANDELIJK:
        return list(municipalities)
    if area.scope is AreaScope.REGIO:
        return list(municipalities) if region_name in area.regions else []
    return [m for m in municipalities if m in area.municipalities]


def age_label(offer: Offer) -> str | None:
    if offer.age_min is not None and offer.age_max is not None:
        return f"{offer.age_min} tot {offer.age_max} jaar"
    if offer.age_min is not None:
        return f"vanaf {offer.age_min} jaar"
    if offer.age_max is not None:
        return f"tot {offer.age_max} jaar"
    return None


def yes_no(value: bool | None) -> str:
    return {True: "Ja", False: "Nee", None: "Onbekend"}[value]


def render_offer_page(site: Site, relations: Relations, offer: Offer) -> str:
    dataset = site.dataset
    here = page_url(Page.OFFER, offer.id)
    requirement_texts = {}
    checklist = dataset.checklists.get(REQUIREMENTS_CHECKLIST)
    if checklist:
        requirement_texts = {
            item.id: item.text for group in checklist.groups for item in group.items
        }
    profiles = {p.id: p for p in dataset.vision.family_profiles}
    contraindications = [
        {"label": label(p), "advice": profiles[p].advice if p in profiles else None}
        for p in offer.contraindicated_profiles
    ]
    region = dataset.region
    context = {
        "offer": offer,
        "base": link(here, ""),
        "contraindications": contraindications,
        "facts": [
            ("Doelgroep", ", ".join(label(t) for t in offer.target_groups) or None),
            ("Leeftijd", age_label(offer)),
            ("Kader", ", ".join(label(f) for f in offer.frameworks)),
            ("Fase", ", ".join(label(p) for p in offer.phases) or None),
            ("Past bij gezinsprofiel", ", ".join(label(p) for p in offer.family_profiles) or None),
            ("Systeemgericht", yes_no(offer.system_oriented)),
            ("Met ervaringsdeskundigen", yes_no(offer.with_experts_by_experience)),
            ("Laagdrempelig (zonder verwijzing)", yes_no(offer.low_threshold)),
            ("Toegang", offer.access),
            ("Kosten", offer.cost),
            ("Duur", offer.duration),
            ("Werkgebied", area_label(offer.area, region.name)),
            ("Gefinancierd door Geweld hoort nergens thuis", "Ja" if offer.ghnt_funded else None),
        ],
        "categories": [label(c) for c in offer.categories],
        "providers": site.organisation_links(here, offer.providers),
        "requirements": [
            {"label": label(r), "text": requirement_texts.get(str(r))}
            for r in offer.meets_requirements
        ],
        "requirements_url": link(here, page_url(Page.CHECKLIST, REQUIREMENTS_CHECKLIST))
        if checklist
        else None,
        "bouwstenen": site.bouwsteen_links(here, relations.bouwstenen_by_offer.get(offer.id, [])),
        "modules": site.module_links(here, relations.modules_by_offer.get(offer.id, [])),
        "success_themes": [
            {
                "title": dataset.success_themes[t].title,
                "url": link(here, page_url(Page.SUCCESS_FACTORS)) + f"#{t}",
            }
            for t in relations.success_themes_by_offer.get(offer.id, [])
        ],
        "local_notes": [
            {
                "text": note.text,
                "providers": site.organisation_links(here, note.providers),
                "source": site.source_note(note.source, note.peildatum),
            }
            for note in dataset.local_notes.get(offer.id, [])
        ],
        "region_name": region.name,
        "source": site.source_note(offer.source, offer.peildatum),
        "socialmap_url": link(here, page_url(Page.SOCIAL_MAP)),
    }
    return front_matter(title=offer.name, description=offer.summary) + site.render(
        "offer.md", **context
    )
