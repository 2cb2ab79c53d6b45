"""One page per offer."""

from typing import Any

from regiokaart.dataset.contact import ContactRoute, contact_route
from regiokaart.checks.contraindications import contraindications
from regiokaart.dates import dutch_date
from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import (
    LVB_LABEL,
    AgeGroup,
    AreaScope,
    Effectiveness,
    Gender,
    Role,
    label,
)
from regiokaart.dataset.relations import Relations
from regiokaart.site.pages.site import Site, front_matter
from regiokaart.routes import Page, link, page_url

REQUIREMENTS_CHECKLIST = "eisen-aanbod"


def area_label(offer_area: Any, region_name: str) -> str:
    if offer_area.scope is AreaScope.LANDELIJK:
        return "Landelijk"
    if offer_area.scope is AreaScope.REGIO:
        return "Regio " + ", ".join(offer_area.regions) if offer_area.regions else "Regionaal"
    if offer_area.scope is AreaScope.GEMEENTEN:
        return "Gemeente " + ", ".join(offer_area.municipalities)
    return "Werkgebied onbekend"


def offer_municipalities(offer: Offer, region_name: str, municipalities: list[str]) -> list[str]:
    """The region's municipalities where the offer is available."""
    area = offer.area
    if area.scope is AreaScope.LANDELIJK:
        return list(municipalities)
    if area.scope is AreaScope.REGIO:
        return list(municipalities) if region_name in area.regions else []
    return [m for m in municipalities if m in area.municipalities]


def for_whom_label(roles: list[Role], genders: list[Gender], lvb: bool) -> str | None:
    """Who an offer (or module) is for, on one line: roles, then gender and lvb when said."""
    parts = [label(r) for r in roles]
    if genders:
        parts.append("alleen " + " en ".join(label(g).lower() for g in genders))
    if lvb:
        parts.append(LVB_LABEL[0].lower() + LVB_LABEL[1:])
    return ", ".join(parts) or None


def ages_label(ages: list[AgeGroup], range_label: str | None = None) -> str | None:
    """The age groups, with the age range in years when the source gives one."""
    groups = ", ".join(label(a) for a in ages)
    if groups and range_label:
        return f"{groups} ({range_label})"
    return groups or range_label


def age_label(offer: Offer) -> str | None:
    """The age range in years; age_max is the oldest age that takes part."""
    if offer.age_min is not None and offer.age_max is not None:
        return f"{offer.age_min} tot en met {offer.age_max} jaar"
    if offer.age_min is not None:
        return f"vanaf {offer.age_min} jaar"
    if offer.age_max is not None:
        return f"tot en met {offer.age_max} jaar"
    return None


# The facts of fact_sources (models.offer.FACT_FIELDS) as the page names them.
FACT_LABELS = {
    "formats": "Werkvorm",
    "purpose": "Soort aanbod",
    "roles": "Voor wie",
    "ages": "Leeftijd",
    "age_min": "Leeftijd",
    "age_max": "Leeftijd",
    "access": "Hoe verwijs je?",
}

# What a fact that a worker filters on shows when its source does not state it.
NOT_STATED = "Niet vermeld in de bron"


def formats_label(offer: Offer) -> str | None:
    return ", ".join(label(f) for f in offer.formats) or None


def purpose_label(offer: Offer) -> str | None:
    return label(offer.purpose) if offer.purpose else None


def yes_no(value: bool | None) -> str:
    return {True: "Ja", False: "Nee", None: "Onbekend"}[value]


def contact_context(site: Site, here: str, route: ContactRoute | None) -> dict[str, Any] | None:
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
            (name, value)
            for name, value in (
                ("Aanpak", offer.approach),
                ("Benodigde deskundigheid of training", offer.required_expertise),
                ("Kwaliteitsbewaking", offer.quality_assurance),
                ("Randvoorwaarden", offer.preconditions),
            )
            if value
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
        "facts": [
            (FACT_LABELS["purpose"], purpose_label(offer) or NOT_STATED),
            (
                FACT_LABELS["roles"],
                for_whom_label(offer.roles, offer.genders, offer.lvb) or NOT_STATED,
            ),
            (FACT_LABELS["ages"], ages_label(offer.ages, age_label(offer)) or NOT_STATED),
            (FACT_LABELS["formats"], formats_label(offer) or NOT_STATED),
            ("Kader", ", ".join(label(f) for f in offer.frameworks)),
            ("Fase", ", ".join(label(p) for p in offer.phases) or None),
            ("Past bij gezinsprofiel", ", ".join(label(p) for p in offer.family_profiles) or None),
            ("Systeemgericht", yes_no(offer.system_oriented)),
            ("Met ervaringsdeskundigen", yes_no(offer.with_experts_by_experience)),
            ("Laagdrempelig (zonder verwijzing)", yes_no(offer.low_threshold)),
            ("Kosten", offer.cost),
            ("Duur", offer.duration),
            ("Werkgebied", area_label(offer.area, region.name)),
            ("Gefinancierd door Geweld hoort nergens thuis", "Ja" if offer.ghnt_funded else None),
        ],
        "fact_sources": [
            {
                "fields": ", ".join(dict.fromkeys(FACT_LABELS[f] for f in fact.fields)),
                "source": site.source_note(offer.fact_source(fact.fields[0]), None),
            }
            for fact in offer.fact_sources
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
        "contact": contact_context(site, here, contact_route(offer, dataset)),
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
        "werkgebied": area_label(offer.area, region.name),
    }
    if found:
        search["contra"] = "Niet geschikt bij " + ", ".join(label(c.profile).lower() for c in found)
    return front_matter(title=offer.name, description=offer.summary, **search) + site.render(
        "offer.md", **context
    )
