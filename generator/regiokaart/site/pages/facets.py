"""The social map's filters: each facet once, with its values, their labels and which values an
offer has. Different facets combine with AND, values within one facet with OR (core/bitset.js and
core/socialmap-filter.js); the page says so. The page, its filter index and aanbod.json all ask
this module, so a facet cannot mean one thing on the page and another in the data. Which field
feeds which facet, under which key and title, is declared with the field (models/fields.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

from regiokaart.dataset import Dataset
from regiokaart.dataset.areas import area_places
from regiokaart.models.fields import MAP_FEATURES, OFFER, Filter
from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import (
    AGE_FACET_LABELS,
    AreaScope,
    Category,
    Effectiveness,
    Format,
    Framework,
    Phase,
    Purpose,
    Role,
    age_facet_values,
    label,
)


@dataclass(frozen=True)
class Facet:
    key: str  # URL parameter and form field name
    title: str
    values: list[tuple[str, str]]  # (value, label) in the order shown
    of_offer: Callable[[Offer], list[str]]  # the values one offer has
    open: bool = True  # shown unfolded (the questions a worker asks first)
    # Whether the offer's source does not state this facet: such offers are shown apart when the
    # facet is chosen ("leeftijd niet vermeld in de bron"), never dropped or included silently.
    unstated: Callable[[Offer], bool] | None = None
    unstated_label: str = ""  # "leeftijd": the facet's name in "… niet vermeld in de bron"


def _field_facet(
    name: str,
    values: list[tuple[str, str]],
    of_offer: Callable[[Offer], list[str]],
    *,
    open: bool = True,
    unstated: Callable[[Offer], bool] | None = None,
) -> Facet:
    """The facet of the offer's field name, with the key and title models/fields.py declares; an
    unstated offer reads "<label> niet vermeld in de bron"."""
    declared = OFFER[name]
    assert isinstance(declared.facet, Filter), f"{name} feeds no filter"
    title = declared.facet.title or declared.label
    unstated_label = declared.label.lower() if unstated else ""
    return Facet(declared.facet.key, title, values, of_offer, open, unstated, unstated_label)


def _features_facet() -> Facet:
    """Kenmerken: a value per yes/no fact (models/fields.py MAP_FEATURES), which an offer has
    when the fact is true."""
    declared = [(name, OFFER[name]) for name in MAP_FEATURES]
    keys = {d.facet.key for _, d in declared if isinstance(d.facet, Filter)}
    assert len(keys) == 1, "the features feed one filter"

    def features(offer: Offer) -> list[str]:
        return [str(d.key) for name, d in declared if getattr(offer, name)]

    values = [(str(d.key), d.label) for _, d in declared]
    return Facet(keys.pop(), "Kenmerken", values, features, open=False)


def facets(dataset: Dataset) -> list[Facet]:
    """The filters in the order shown."""
    region = dataset.region
    municipalities = [m.name for m in region.municipalities]
    return [
        _field_facet(
            "area",
            [(m, m) for m in municipalities],
            lambda offer: list(area_places(offer.area, region).municipalities),
            unstated=lambda offer: offer.area.scope is AreaScope.ONBEKEND,
        ),
        _field_facet(
            "roles",
            [(str(r), label(r)) for r in Role],
            lambda offer: [str(r) for r in offer.roles],
            unstated=lambda offer: not offer.roles,
        ),
        _field_facet(
            "ages",
            list(AGE_FACET_LABELS.items()),
            lambda offer: age_facet_values(offer.ages),
            unstated=lambda offer: not offer.ages,
        ),
        _field_facet(
            "formats",
            [(str(f), label(f)) for f in Format],
            lambda offer: [str(f) for f in offer.formats],
            open=False,
            unstated=lambda offer: not offer.formats,
        ),
        _field_facet(
            "purpose",
            [(str(p), label(p)) for p in Purpose],
            lambda offer: [str(offer.purpose)] if offer.purpose else [],
            open=False,
            unstated=lambda offer: offer.purpose is None,
        ),
        _field_facet(
            "frameworks",
            [(str(f), label(f)) for f in Framework],
            lambda offer: [str(f) for f in offer.frameworks],
            open=False,
        ),
        _field_facet(
            "phases",
            [(str(p), label(p)) for p in Phase],
            lambda offer: [str(p) for p in offer.phases],
            open=False,
        ),
        _field_facet(
            "categories",
            [(str(c), label(c)) for c in Category],
            lambda offer: [str(c) for c in offer.categories],
            open=False,
        ),
        _field_facet(
            "effectiveness",
            [(str(e), str(e)) for e in Effectiveness],
            lambda offer: [str(offer.effectiveness)],
            open=False,
        ),
        _features_facet(),
    ]


def offer_facet_values(facet_list: list[Facet], offer: Offer) -> dict[str, list[str]]:
    """Facet key -> the values the offer has."""
    return {facet.key: facet.of_offer(offer) for facet in facet_list}
