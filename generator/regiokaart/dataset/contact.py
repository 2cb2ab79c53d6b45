"""How to get to an offer: the one rule behind the offer page, the social map's cards, the check's
warning and the maintenance report.

An offer's own website first; else the contact details of its providers (in the order of
regiokaart.dataset.relations.offer_providers: the region's providers named in its local notes before
the offer's own, since they are who runs it here). An offer that runs only in other regions (and
that the region's notes do not bring here) names its providers and its regions, never this
region's general route as if it were its contact. Else the region's general route from region.yaml
(for example Veilig Thuis), labelled as such.
"""

from dataclasses import dataclass
from enum import StrEnum

from regiokaart.dataset import Dataset
from regiokaart.dataset.areas import area_places
from regiokaart.dataset.relations import offer_providers
from regiokaart.models.offer import Offer
from regiokaart.models.organisation import Organisation


class RouteKind(StrEnum):
    OFFER = "aanbod"  # the offer's own website
    PROVIDER = "aanbieder"  # the providers' contact details
    ELSEWHERE = "elders"  # runs only in other regions: its providers there, without a route here
    REGION = "regio"  # the region's general route


@dataclass(frozen=True)
class ContactEntry:
    """One way in: an organisation (or the offer itself) with what the data knows of it."""

    name: str
    organisation: str | None = None  # id, when the entry is an organisation
    phone: str | None = None
    email: str | None = None
    website: str | None = None

    def details(self) -> list[str]:
        return [value for value in (self.phone, self.email, self.website) if value]


@dataclass(frozen=True)
class ContactRoute:
    kind: RouteKind
    label: str  # as users read it: "Contact" or "Algemene route in regio X"
    entries: tuple[ContactEntry, ...]

    @property
    def general(self) -> bool:
        """Whether this is the region's general route rather than the offer's own contact."""
        return self.kind is RouteKind.REGION

    def summary(self) -> str:
        """One line: 'Algemene route in regio X: Veilig Thuis X, 0800-2000, …'."""
        parts = "; ".join(", ".join([e.name, *e.details()]) for e in self.entries)
        return f"{self.label}: {parts}"


def general_route_label(region_name: str) -> str:
    return f"Algemene route in regio {region_name}"


def contact_route(offer: Offer, dataset: Dataset) -> ContactRoute | None:
    """The way to the offer (see the module docstring), or None when neither the offer, its
    providers nor the region have any contact details."""
    if offer.website:
        return ContactRoute(
            RouteKind.OFFER, "Contact", (ContactEntry(offer.name, website=offer.website),)
        )
    providers = offer_providers(dataset, offer)
    reachable = [entry for entry in map(_organisation_entry, providers) if entry.details()]
    places = area_places(offer.area, dataset.region)
    elsewhere = places.elsewhere and not dataset.local_notes.get(offer.id)
    if reachable and not elsewhere:
        return ContactRoute(RouteKind.PROVIDER, "Contact via de aanbieder", tuple(reachable))
    if elsewhere:
        named = reachable or [ContactEntry(org.name, org.id) for org in providers]
        regions = ", ".join(places.named)
        label = f"Alleen in regio {regions}, niet in regio {dataset.region.name}"
        if not named:
            return ContactRoute(
                RouteKind.ELSEWHERE, label, (ContactEntry("de bron noemt geen aanbieder"),)
            )
        return ContactRoute(RouteKind.ELSEWHERE, f"{label}; aanbieder daar", tuple(named))
    region_entry = region_contact(dataset)
    if region_entry is None:
        return None
    return ContactRoute(RouteKind.REGION, general_route_label(dataset.region.name), (region_entry,))


def region_contact(dataset: Dataset) -> ContactEntry | None:
    """The region's general route: region.yaml's contact, else its organisation's details."""
    contact = dataset.region.contact
    organisation = dataset.organisations.get(contact.organisation)
    name = organisation.name if organisation else contact.organisation
    entry = ContactEntry(
        name,
        contact.organisation if organisation else None,
        contact.phone,
        contact.email,
        contact.website,
    )
    if entry.details():
        return entry
    if organisation is None:
        return None
    found = _organisation_entry(organisation)
    return found if found.details() else None


def _organisation_entry(org: Organisation) -> ContactEntry:
    return ContactEntry(org.name, org.id, org.phone, org.email, org.website)
