"""Links between records both ways (an organisation's offers, the bouwstenen that name an offer, ...),
and who provides an offer.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from regiokaart.dataset import Dataset
from regiokaart.models.module import ExternalPartner
from regiokaart.models.offer import Offer
from regiokaart.models.organisation import Organisation


@dataclass
class Relations:
    offers_by_organisation: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    modules_by_organisation: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    bouwstenen_by_organisation: dict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    bouwstenen_by_offer: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    modules_by_offer: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    success_themes_by_offer: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def offer_providers(dataset: Dataset, offer: Offer) -> list[Organisation]:
    """Who provides the offer in this region, each once: first the providers the region's local
    notes name (in the notes' order; they are who runs it here, also when the offer itself runs
    elsewhere), then the offer's own. The one answer for the pages, the social map's cards,
    aanbod.json, the contact route, HSDS and the maintenance report."""
    local = [org for note in dataset.local_notes.get(offer.id, []) for org in note.providers]
    ids = dict.fromkeys([*local, *offer.providers])
    return [dataset.organisations[org] for org in ids if org in dataset.organisations]


def module_organisations(module: object) -> list[str | ExternalPartner]:
    """Every organisation a module names: partners, roles, activity leads and participants, in
    order; an organisation of this region by its id, a partner from another region as it is."""
    seen: dict[str | ExternalPartner, None] = {}
    for org in getattr(module, "partners", []):
        seen[org] = None
    for role in getattr(module, "roles", []):
        seen[role.organisation] = None
    for activity in getattr(module, "activities", []):
        seen[activity.lead] = None
        for org in activity.participants:
            seen[org] = None
    return list(seen)


def build_relations(dataset: Dataset) -> Relations:
    relations = Relations()
    for offer in dataset.offers.values():
        for provider in offer_providers(dataset, offer):
            relations.offers_by_organisation[provider.id].append(offer.id)
    for module in dataset.modules.values():
        for named in module_organisations(module):
            if isinstance(named, str):
                relations.modules_by_organisation[named].append(module.id)
        for offer_id in module.offers:
            relations.modules_by_offer[offer_id].append(module.id)
    for block in dataset.bouwstenen.values():
        for offer_id in block.offers:
            relations.bouwstenen_by_offer[offer_id].append(block.id)
        for org in block.organisations:
            relations.bouwstenen_by_organisation[org].append(block.id)
    for theme in dataset.success_themes.values():
        for factor in theme.factors:
            for offer_id in factor.offers:
                if theme.id not in relations.success_themes_by_offer[offer_id]:
                    relations.success_themes_by_offer[offer_id].append(theme.id)
    return relations
