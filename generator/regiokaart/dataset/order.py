"""The one order of offers: help for clients first, then offers whose source does not say, then
services for professionals and networks; by name within each. The social map's cards, its paged
list and its filter index use it.

An offer's number is its place in this order. The search index files every offer page under the
Pagefind filter `aanbod-nr` with that number, so the social map can turn a search into its offers
without loading a result's page.
"""

from regiokaart.dataset import Dataset
from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import Purpose

SEARCH_FILTER = "aanbod-nr"


# Purpose -> place; an offer whose source does not say comes between the two.
PURPOSE_ORDER = {Purpose.CLIENTEN: 0, None: 1, Purpose.PROFESSIONALS: 2}


def ordered_offers(dataset: Dataset) -> list[Offer]:
    """Every offer by purpose, then by name (case-insensitive), then id for equal names."""
    return sorted(
        dataset.offers.values(), key=lambda o: (PURPOSE_ORDER[o.purpose], o.name.lower(), o.id)
    )


def offer_numbers(dataset: Dataset) -> dict[str, int]:
    """Offer id -> its number (0-based place in ordered_offers)."""
    return {offer.id: number for number, offer in enumerate(ordered_offers(dataset))}
