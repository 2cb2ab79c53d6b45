"""One page per offer."""

from typing import Any

from regiokaart.checks.contraindications import contraindications
from regiokaart.dataset.areas import area_places
from regiokaart.dataset.contact import ContactRoute, contact_route
from regiokaart.dataset.relations import Relations, offer_providers
from regiokaart.dates import dutch_date
from regiokaart.models.fields import OFFER, place_label
from regiokaart.models.labels import (
    NOT_STATED,
    age_range_label,
    ages_label,
    for_whom_label,
    formats_label,
    purpose_label,
    yes_no,
)
from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import Effectiveness, label
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages.site import Site, front_matter

REQUIREMENTS_CHECKLIST = "eisen-aanbod"

# The labels of the offer's fields (models/fields.py), for the template's rows and headings.
LABELS = {name: declared.label for name, declared in OFFER.items()}


def contact_context(here: str, route: ContactRoute | None) -> dict[str, Any] | None:
    """Plain values for the contact block of the offer page at here."""
    if route is None:
        return None
    return {
        "label": route.label,
        "general": route.general,
        "entries": [
            {
                "name": entry.name,
                "url": link(here, page_url(Page.ORGANISATION, entry.organisation))
                if entry.organisation
                else None,
                "phone": entry.phone,
                "email": entry.email,
                "website": entry.website,
            }
            for entry in route.entries
        ],
    }


# Where to look when the sources do not know an offer's effectiveness: the databanks' search pages.
DATABANK_SEARCH_PAGES = (
    ("NJi Databank Effectieve Jeugdinterventies", "https://www.nji.nl/interventies"),
    (
        "Movisie Databank Effectieve sociale interventies",
        "https://www.movisie.nl/databank-effectieve-sociale-interventies",
    ),
)


def databank_context(site: Site, offer: Offer) -> dict[str, Any]:
    """Plain values for the 'Werkwijze' and 'Uit de databank' sections (empty when not known)."""
    entry = offer.databank
    return {
        "method": [
            (LABELS[name], value)
            for name in ("approach", "required_expertise", "quality_assurance", "preconditions")
            if (value := getattr(offer, name))
        ],
        "working_elements": offer.working_elements,
        "entry": {
            "name": str(entry.name),
            "assessment": entry.assessment,
            "assessed_on": dutch_date(entry.assessed_on) if entry.assessed_on else None,
            "url": entry.url,
            "source": site.source_note(entry.source, None),
        }
        if entry
        else None,
        "search_pages": DATABANK_SEARCH_PAGES
        if offer.effectiveness is Effectiveness.ONBEKEND
        else (),
    }


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
    found = contraindications(offer)
    contra = [
        {
            "label": label(c.profile),
            "reason": c.reason,
            "source": site.source_note(c.source, None),
            "advice": profiles[c.profile].advice if c.profile in profiles else None,
        }
        for c in found
    ]
    region = dataset.region
    context = {
        "offer": offer,
        "base": link(here, ""),
        "contraindications": contra,
        "labels": LABELS,
        "facts": [
            (LABELS[name], value)
            for name, value in (
                ("purpose", purpose_label(offer) or NOT_STATED),
                ("roles", for_whom_label(offer.roles, offer.genders, offer.lvb) or NOT_STATED),
                ("ages", ages_label(offer.ages, age_range_label(offer)) or NOT_STATED),
                ("formats", formats_label(offer) or NOT_STATED),
                ("frameworks", ", ".join(label(f) for f in offer.frameworks)),
                ("phases", ", ".join(label(p) for p in offer.phases) or None),
                ("family_profiles", ", ".join(label(p) for p in offer.family_profiles) or None),
                ("system_oriented", yes_no(offer.system_oriented)),
                ("with_experts_by_experience", yes_no(offer.with_experts_by_experience)),
                ("low_threshold", yes_no(offer.low_threshold)),
                ("cost", offer.cost),
                ("duration", offer.duration),
                ("area", area_places(offer.area, region).label),
                ("ghnt_funded", "Ja" if offer.ghnt_funded else None),
            )
        ],
        "fact_sources": [
            {
                "fields": ", ".join(dict.fromkeys(place_label(Offer, f) for f in fact.fields)),
                "source": site.source_note(offer.fact_source(fact.fields[0]), None),
            }
            for fact in offer.fact_sources
        ],
        "categories": [label(c) for c in offer.categories],
        "providers": site.organisation_links(
            here, [org.id for org in offer_providers(dataset, offer)]
        ),
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
        "contact": contact_context(here, contact_route(offer, dataset)),
        "referral": {
            "access": offer.access,
            "frameworks": ", ".join(label(f) for f in offer.frameworks),
            "source": site.source_note(offer.fact_source("access"), None) if offer.access else None,
        },
        "databank": databank_context(site, offer),
        "source": site.source_note(offer.source, offer.peildatum),
        "socialmap_url": link(here, page_url(Page.SOCIAL_MAP)),
    }
    # For the search index (theme/main.html): the page's kind, the offer's number for the social
    # map's search filter (regiokaart.dataset.order) and what a search result shows of the offer.
    search = {
        "soort": "aanbod",
        "aanbod_nr": site.offer_numbers[offer.id],
        "effectiviteit": str(offer.effectiveness),
        "werkgebied": area_places(offer.area, region).label,
    }
    if found:
        search["contra"] = "Niet geschikt bij " + ", ".join(label(c.profile).lower() for c in found)
    return front_matter(title=offer.name, description=offer.summary, **search) + site.render(
        "offer.md", **context
    )
