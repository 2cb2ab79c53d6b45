"""The social map: the offers as cards with filters, paged, and the files its script reads.

Every card is rendered here, once, in HTML: the first page of cards is in the map page itself, the
rest in the paged list (sociale-kaart/pagina-N/, for use without script) and in card files of one
page each (sociale-kaart/kaarten/N.html), which the script fetches when a filter shows them. The
filters ship as a compact index (sociale-kaart/filters.json): per facet value the set of offer
numbers (offer_order.py) as a bitset, so filtering 5,000 offers is a few thousand word operations.
"""

import base64
import json
from typing import Any

from regiokaart.checks.contraindications import (
    Contraindication,
    ProfileRule,
    contraindicated_profiles,
    contraindications,
    rule_for,
)
from regiokaart.dataset import Dataset, citation
from regiokaart.dataset.areas import area_places
from regiokaart.dataset.contact import contact_route
from regiokaart.dataset.order import ordered_offers
from regiokaart.dataset.relations import offer_providers
from regiokaart.models.offer import Offer
from regiokaart.models.socialmap_data import SocialMapData, socialmap_data_schema
from regiokaart.models.vocabulary import FamilyProfile, Format, Purpose, label
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages.facets import Facet, facets, offer_facet_values
from regiokaart.site.pages.site import Site, front_matter

# Questions a worker often starts with, each one click that ticks values in two facets.
PRESETS = [
    ("Jeugdige pleger", "rol=pleger&leeftijd=jeugd"),
    ("Volwassen pleger", "rol=pleger&leeftijd=volwassenen"),
    ("Slachtoffer", "rol=slachtoffer"),
    ("Kind in het gezin", "rol=kind&leeftijd=jeugd"),
]
PAGE_SIZE = 25  # cards on a page of the map, of the paged list, and in one card file
INDEX_FORMAT = 1  # version of filters.json, read by theme/assets/js/core/socialmap-filter.js


def page_count(dataset: Dataset) -> int:
    """Pages of PAGE_SIZE cards (at least one, which may be empty)."""
    return max(1, -(-len(dataset.offers) // PAGE_SIZE))


def list_page_url(number: int) -> str:
    """Page `number` (from 1) of the paged list; page 1 is the map itself."""
    return page_url(Page.SOCIAL_MAP) if number == 1 else page_url(Page.SOCIAL_MAP_LIST, number)


def reasons(contra: list[Contraindication]) -> str | None:
    """Why an offer does not fit, in one text (the card and aanbod.json)."""
    return " ".join(c.reason for c in contra) or None


def card_context(site: Site, offer: Offer, number: int, here: str) -> dict[str, Any]:
    """What one card shows, with links relative to the page at here."""
    dataset = site.dataset
    route = contact_route(offer, dataset)
    contra = contraindications(offer)
    providers = ", ".join(org.name for org in offer_providers(dataset, offer))
    return {
        "number": number,
        "name": offer.name,
        "url": link(here, page_url(Page.OFFER, offer.id)),
        "summary": site.plain(offer.summary),
        "meta": " · ".join(
            [
                *([providers] if providers else []),
                area_places(offer.area, dataset.region).label,
                f"Effectiviteit: {offer.effectiveness}",
            ]
        ),
        "for_professionals": offer.purpose is Purpose.PROFESSIONALS,
        "suits": " ".join(str(p) for p in offer.family_profiles),
        "contra": " ".join(str(c.profile) for c in contra),
        "contra_labels": ", ".join(label(c.profile).lower() for c in contra),
        "contra_reason": reasons(contra),
        "contact": {"text": route.summary(), "general": route.general} if route else None,
    }


def cards_of_page(site: Site, number: int, here: str) -> list[dict[str, Any]]:
    offers = site.ordered_offers
    start = (number - 1) * PAGE_SIZE
    return [
        card_context(site, offer, start + i, here)
        for i, offer in enumerate(offers[start : start + PAGE_SIZE])
    ]


def pager_context(number: int, pages: int, here: str) -> dict[str, Any]:
    return {
        "number": number,
        "pages": pages,
        "previous": link(here, list_page_url(number - 1)) if number > 1 else None,
        "next": link(here, list_page_url(number + 1)) if number < pages else None,
    }


def facet_counts(facet_list: list[Facet], offers: list[Offer]) -> dict[str, dict[str, int]]:
    """Per facet, per value: how many offers have it (the counts before anything is chosen)."""
    counts: dict[str, dict[str, int]] = {facet.key: {} for facet in facet_list}
    for offer in offers:
        for key, values in offer_facet_values(facet_list, offer).items():
            for value in set(values):
                counts[key][value] = counts[key].get(value, 0) + 1
    return counts


def rule_context(site: Site, rule: ProfileRule) -> dict[str, str]:
    """A profile's contra-indication rule as the map states it: the formats, the source's
    sentence and where it stands."""
    return {
        "formats": ", ".join(label(f).lower() for f in Format if f in rule.formats),
        "quote": rule.quote,
        "when_unstated": rule.when_unstated,
        "source": citation(site.dataset, rule.source),
    }


def render_socialmap_page(site: Site) -> str:
    dataset = site.dataset
    here = page_url(Page.SOCIAL_MAP)
    offers = site.ordered_offers
    facet_list = facets(dataset)
    counts = facet_counts(facet_list, offers)
    profiles = {p.id: p for p in dataset.vision.family_profiles}
    contra_texts = {
        str(p): {
            "title": label(p),
            "advice": profiles[p].advice if p in profiles else None,
            "offers": sum(1 for o in offers if p in contraindicated_profiles(o)),
            "rule": rule_context(site, rule) if (rule := rule_for(p)) else None,
            "format_unstated": sum(1 for o in offers if not o.formats),
        }
        for p in FamilyProfile
    }
    context = {
        "facets": [
            {
                "key": f.key,
                "title": f.title,
                "open": f.open,
                "values": [(v, t, counts[f.key].get(v, 0)) for v, t in f.values],
            }
            for f in facet_list
        ],
        "profiles": [(str(p), label(p), contra_texts[str(p)]["offers"]) for p in FamilyProfile],
        "contra_texts": contra_texts,
        "total": len(offers),
        "cards": cards_of_page(site, 1, here),
        "pager": pager_context(1, page_count(dataset), here),
        "index_url": link(here, page_url(Page.SOCIAL_MAP_FILTERS)),
        "cards_url": link(here, page_url(Page.SOCIAL_MAP_CARDS, 0)).removesuffix("0.html"),
        "page_size": PAGE_SIZE,
        "profiles_url": link(here, page_url(Page.PROFILES)),
        "presets": PRESETS,
        "search_url": link(here, page_url(Page.SEARCH)),
    }
    return front_matter(title="Sociale kaart", hide=["navigation", "toc"]) + site.render(
        "socialmap.md", **context
    )


def render_socialmap_list_page(site: Site, number: int) -> str:
    """Page `number` (from 2) of all offers as cards, for use without script."""
    here = page_url(Page.SOCIAL_MAP_LIST, number)
    pages = page_count(site.dataset)
    context = {
        "total": len(site.dataset.offers),
        "cards": cards_of_page(site, number, here),
        "pager": pager_context(number, pages, here),
        "map_url": link(here, page_url(Page.SOCIAL_MAP)),
    }
    title = f"Sociale kaart: al het aanbod, pagina {number} van {pages}"
    return front_matter(title=title, hide=["navigation", "toc"], zoeken="nee") + site.render(
        "socialmap_list.md", **context
    )


def render_socialmap_cards(site: Site, chunk: int) -> str:
    """The cards of page chunk + 1 as an HTML fragment, with links relative to the fragment's
    folder (the script resolves them against the fragment's URL)."""
    folder = page_url(Page.SOCIAL_MAP_CARDS, chunk).rpartition("/")[0] + "/"
    cards = cards_of_page(site, chunk + 1, folder)
    return site.render("socialmap_cards.html", cards=cards)


def encode_numbers(numbers: list[int], total: int) -> str | list[int]:
    """A set of offer numbers: a short list as it is, a larger one as a base64 bitset (bit n of
    byte n // 8 set for offer n), whichever is smaller."""
    if len(numbers) * 5 < (total + 7) // 8 * 4 // 3:
        return sorted(numbers)
    bits = bytearray((total + 7) // 8)
    for n in numbers:
        bits[n // 8] |= 1 << (n % 8)
    return base64.b64encode(bytes(bits)).decode("ascii")


def render_filter_index(dataset: Dataset) -> str:
    """filters.json: for every facet value, and for every family profile (suits, contra), the
    numbers of the offers that have it. A facet's `alle` holds offers that have every value of
    the facet (a regional offer is in every municipality), so they are not repeated per value."""
    offers = ordered_offers(dataset)
    total = len(offers)
    facet_list = facets(dataset)
    index: dict[str, Any] = {"versie": INDEX_FORMAT, "aantal": total, "per_pagina": PAGE_SIZE}
    facet_index: dict[str, Any] = {}
    for facet in facet_list:
        all_values = {v for v, _ in facet.values}
        everywhere: list[int] = []
        per_value: dict[str, list[int]] = {v: [] for v, _ in facet.values}
        for number, offer in enumerate(offers):
            values = set(facet.of_offer(offer)) & all_values
            if len(all_values) > 1 and values == all_values:
                everywhere.append(number)
                continue
            for value in values:
                per_value[value].append(number)
        facet_index[facet.key] = {
            "alle": encode_numbers(everywhere, total),
            "waarden": {v: encode_numbers(n, total) for v, n in per_value.items()},
        }
        if facet.unstated:
            facet_index[facet.key]["onbekend"] = encode_numbers(
                [n for n, o in enumerate(offers) if facet.unstated(o)], total
            )
            facet_index[facet.key]["onbekend_label"] = facet.unstated_label
    index["facetten"] = facet_index
    index["past"] = {
        str(p): encode_numbers([n for n, o in enumerate(offers) if p in o.family_profiles], total)
        for p in FamilyProfile
    }
    index["contra"] = {
        str(p): encode_numbers(
            [n for n, o in enumerate(offers) if p in contraindicated_profiles(o)], total
        )
        for p in FamilyProfile
    }
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def offer_record(dataset: Dataset, facet_list: list[Facet], offer: Offer) -> dict[str, Any]:
    """One offer in aanbod.json, the open data file of the map."""
    route = contact_route(offer, dataset)
    contra = contraindications(offer)
    return {
        "id": offer.id,
        "naam": offer.name,
        "url": link(page_url(Page.SOCIAL_MAP), page_url(Page.OFFER, offer.id)),
        "samenvatting": offer.summary,
        "aanbieders": [org.name for org in offer_providers(dataset, offer)],
        "werkgebied": area_places(offer.area, dataset.region).label,
        "effectiviteit_label": str(offer.effectiveness),
        "contra_reden": reasons(contra),
        "contact": {"tekst": route.summary(), "algemeen": route.general} if route else None,
        "filters": offer_facet_values(facet_list, offer),
        "past": [str(p) for p in offer.family_profiles],
        "contra": [str(c.profile) for c in contra],
    }


def render_socialmap_data(dataset: Dataset) -> str:
    facet_list = facets(dataset)
    records = [offer_record(dataset, facet_list, offer) for offer in ordered_offers(dataset)]
    # Through the model, so the file is always what its published schema says.
    data = SocialMapData.model_validate({"aanbod": records}).model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render_socialmap_schema() -> str:
    return json.dumps(socialmap_data_schema(), ensure_ascii=False, indent=2) + "\n"
