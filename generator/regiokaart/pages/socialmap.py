"""The social map: every offer as a card with faceted filters, and a complete table without JavaScript."""

import json
from typing import Any

from regiokaart.contact import contact_route
from regiokaart.dataset import Dataset
from regiokaart.models.offer import Offer
from regiokaart.models.socialmap_data import SocialMapData, socialmap_data_schema
from regiokaart.models.vocabulary import (
    AGE_FACET_LABELS,
    Category,
    Effectiveness,
    FamilyProfile,
    Framework,
    Phase,
    Role,
    age_facet_values,
    label,
)
from regiokaart.pages.offer import area_label, offer_municipalities
from regiokaart.pages.site import Site, front_matter
from regiokaart.routes import Page, link, page_url


def facet_definitions(dataset: Dataset) -> list[dict[str, Any]]:
    """The filters in the order shown, with their URL parameter and possible values."""
    municipalities = [m.name for m in dataset.region.municipalities]
    return [
        {"key": "gemeente", "title": "Gemeente", "values": [(m, m) for m in municipalities]},
        {"key": "rol", "title": "Voor wie", "values": [(str(r), label(r)) for r in Role]},
        {"key": "leeftijd", "title": "Leeftijd", "values": list(AGE_FACET_LABELS.items())},
        {"key": "kader", "title": "Kader", "values": [(str(f), label(f)) for f in Framework]},
        {"key": "fase", "title": "Fase", "values": [(str(p), label(p)) for p in Phase]},
        {
            "key": "categorie",
            "title": "Categorie",
            "values": [(str(c), label(c)) for c in Category],
        },
        {
            "key": "effectiviteit",
            "title": "Effectiviteit",
            "values": [(str(e), str(e)) for e in Effectiveness],
        },
        {
            "key": "kenmerk",
            "title": "Kenmerken",
            "values": [
                ("laagdrempelig", "Laagdrempelig (zonder verwijzing)"),
                ("ervaringsdeskundigen", "Met ervaringsdeskundigen"),
                ("systeemgericht", "Systeemgericht"),
            ],
        },
    ]


def offer_record(dataset: Dataset, offer: Offer) -> dict[str, Any]:
    """What the filter script needs of one offer; all text is inserted with textContent."""
    region = dataset.region
    municipalities = [m.name for m in region.municipalities]
    features = [
        name
        for name, flag in (
            ("laagdrempelig", offer.low_threshold),
            ("ervaringsdeskundigen", offer.with_experts_by_experience),
            ("systeemgericht", offer.system_oriented),
        )
        if flag
    ]
    return {
        "id": offer.id,
        "naam": offer.name,
        "url": link(page_url(Page.SOCIAL_MAP), page_url(Page.OFFER, offer.id)),
        "samenvatting": offer.summary,
        "aanbieders": [dataset.organisations[o].name for o in offer.providers],
        "werkgebied": area_label(offer.area, region.name),
        "effectiviteit_label": str(offer.effectiveness),
        "contra_reden": offer.contraindication_note,
        "contact": contact_record(dataset, offer),
        "filters": {
            "gemeente": offer_municipalities(offer, region.name, municipalities),
            "rol": [str(r) for r in offer.roles],
            "leeftijd": age_facet_values(offer.ages),
            "kader": [str(f) for f in offer.frameworks],
            "fase": [str(p) for p in offer.phases],
            "categorie": [str(c) for c in offer.categories],
            "effectiviteit": [str(offer.effectiveness)],
            "kenmerk": features,
        },
        "past": [str(p) for p in offer.family_profiles],
        "contra": [str(p) for p in offer.contraindicated_profiles],
        "zoektekst": " ".join(
            [
                offer.name,
                *offer.aliases,
                offer.summary,
                offer.goal or "",
                offer.target_group_description or "",
            ]
            + [dataset.organisations[o].name for o in offer.providers]
        ).lower(),
    }


def contact_record(dataset: Dataset, offer: Offer) -> dict[str, Any] | None:
    """The offer's contact route as the card shows it: one line, and whether it is the region's."""
    route = contact_route(offer, dataset)
    if route is None:
        return None
    return {"tekst": route.summary(), "algemeen": route.general}


def render_socialmap_data(dataset: Dataset) -> str:
    records = [
        offer_record(dataset, offer)
        for offer in sorted(dataset.offers.values(), key=lambda o: o.name.lower())
    ]
    # Through the model, so the file is always what its published schema says.
    data = SocialMapData.model_validate({"aanbod": records}).model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render_socialmap_schema() -> str:
    return json.dumps(socialmap_data_schema(), ensure_ascii=False, indent=2) + "\n"


def render_socialmap_page(site: Site) -> str:
    dataset = site.dataset
    profiles = {p.id: p for p in dataset.vision.family_profiles}
    contra_texts = {
        str(p): {
            "title": label(p),
            "advice": profiles[p].advice if p in profiles else None,
            "offers": sum(1 for o in dataset.offers.values() if p in o.contraindicated_profiles),
        }
        for p in FamilyProfile
    }
    here = page_url(Page.SOCIAL_MAP)
    offers = sorted(dataset.offers.values(), key=lambda o: o.name.lower())
    rows = [
        {
            "name": o.name,
            "url": link(here, page_url(Page.OFFER, o.id)),
            "summary": o.summary,
            "providers": ", ".join(dataset.organisations[p].name for p in o.providers),
            "frameworks": ", ".join(label(f) for f in o.frameworks),
            "area": area_label(o.area, dataset.region.name),
            "contra": ", ".join(label(p) for p in o.contraindicated_profiles),
        }
        for o in offers
    ]
    context = {
        "facets": facet_definitions(dataset),
        "profiles": [(str(p), label(p)) for p in FamilyProfile],
        "contra_texts": contra_texts,
        "rows": rows,
        "total": len(rows),
        "data_url": link(here, page_url(Page.SOCIAL_MAP_DATA)),
        "profiles_url": link(here, page_url(Page.PROFILES)),
    }
    return front_matter(title="Sociale kaart", hide=["navigation", "toc"]) + site.render(
        "socialmap.md", **context
    )
