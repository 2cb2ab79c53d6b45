"""The social map's filters: each facet once, with its values, their labels and which values an
offer has. Different facets combine with AND, values within one facet with OR (core/bitset.js and
core/socialmap-filter.js); the page says so. The page, its filter index and aanbod.json all ask
this module, so a facet cannot mean one thing on the page and another in the data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from regiokaart.dataset import Dataset
from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import (
    AGE_FACET_LABELS,
    LVB_LABEL,
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
from regiokaart.site.pages.offer import offer_municipalities


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


def _features(offer: Offer) -> list[str]:
    flags = (
        ("laagdrempelig", offer.low_threshold),
        ("ervaringsdeskundigen", offer.with_experts_by_experience),
        ("systeemgericht", offer.system_oriented),
        ("lvb", offer.lvb),
    )
    return [name for name, flag in flags if flag]


def facets(dataset: Dataset) -> list[Facet]:
    """The filters in the order shown."""
    region = dataset.region.name
    municipalities = [m.name for m in dataset.region.municipalities]
    return [
        Facet(
            "gemeente",
            "Gemeente",
            [(m, m) for m in municipalities],
            lambda offer: offer_municipalities(offer, region, municipalities),
            unstated=lambda offer: offer.area.scope is AreaScope.ONBEKEND,
            unstated_label="werkgebied",
        ),
        Facet(
            "rol",
            "Voor wie",
            [(str(r), label(r)) for r in Role],
            lambda offer: [str(r) for r in offer.roles],
            unstated=lambda offer: not offer.roles,
            unstated_label="voor wie",
        ),
        Facet(
            "leeftijd",
            "Leeftijd",
            list(AGE_FACET_LABELS.items()),
            lambda offer: age_facet_values(offer.ages),
            unstated=lambda offer: not offer.ages,
            unstated_label="leeftijd",
        ),
        Facet(
            "werkvorm",
            "Werkvorm",
            [(str(f), label(f)) for f in Format],
            lambda offer: [str(f) for f in offer.formats],
            open=False,
            unstated=lambda offer: not offer.formats,
            unstated_label="werkvorm",
        ),
        Facet(
            "soort",
            "Soort aanbod",
            [(str(p), label(p)) for p in Purpose],
            lambda offer: [str(offer.purpose)] if offer.purpose else [],
            open=False,
            unstated=lambda offer: offer.purpose is None,
            unstated_label="soort aanbod",
        ),
        Facet(
            "kader",
            "Kader",
            [(str(f), label(f)) for f in Framework],
            lambda offer: [str(f) for f in offer.frameworks],
            open=False,
        ),
        Facet(
            "fase",
            "Fase",
            [(str(p), label(p)) for p in Phase],
            lambda offer: [str(p) for p in offer.phases],
            open=False,
        ),
        Facet(
            "categorie",
            "Categorie",
            [(str(c), label(c)) for c in Category],
            lambda offer: [str(c) for c in offer.categories],
            open=False,
        ),
        Facet(
            "effectiviteit",
            "Effectiviteit",
            [(str(e), str(e)) for e in Effectiveness],
            lambda offer: [str(offer.effectiveness)],
            open=False,
        ),
        Facet(
            "kenmerk",
            "Kenmerken",
            [
                ("laagdrempelig", "Laagdrempelig (zonder verwijzing)"),
                ("ervaringsdeskundigen", "Met ervaringsdeskundigen"),
                ("systeemgericht", "Systeemgericht"),
                ("lvb", LVB_LABEL),
            ],
            _features,
            open=False,
        ),
    ]


def offer_facet_values(facet_list: list[Facet], offer: Offer) -> dict[str, list[str]]:
    """Facet key -> the values the offer has."""
    return {facet.key: facet.of_offer(offer) for facet in facet_list}
