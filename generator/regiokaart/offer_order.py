"""The one order of offers, by name: the social map's cards, its paged list and its filter index.

An offer's number is its place in this order. The search index files every offer page under the
Pagefind filter `aanbod-nr` with that number, so the social map can turn a search into its offers
without loading a result's page.
"""

from regiokaart.dataset import Dataset
from regiokaart.models.offer import Offer

SEARCH_FILTER = "aanbod-nr"


def ordered_offers(dataset: Dataset) -> list[Offer]:
    """Every offer, by name (case-insensitive), then id for equal names."""
    return sorted(dataset.offers.values(), key=lambda o: (o.name.lower(), o.id))


def offer_numbers(dataset: Dataset) -> dict[str, int]:
    """Offer id -> its number (0-based place in ordered_offers)."""
    return {offer.id: number for number, offer in enumerate(ordered_offers(dataset))}
