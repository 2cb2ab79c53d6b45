"""How a record's values read in Dutch, on one line: who an offer or module is for, its ages, its
formats. The pages share them (the offer page, the module page); the labels of the fields
themselves are in models/fields.py."""

from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import LVB_LABEL, AgeGroup, Gender, Role, label

# What a fact that a worker filters on shows when its source does not state it.
NOT_STATED = "Niet vermeld in de bron"


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


def age_range_label(offer: Offer) -> str | None:
    """The age range in years; age_max is the oldest age that takes part."""
    if offer.age_min is not None and offer.age_max is not None:
        return f"{offer.age_min} tot en met {offer.age_max} jaar"
    if offer.age_min is not None:
        return f"vanaf {offer.age_min} jaar"
    if offer.age_max is not None:
        return f"tot en met {offer.age_max} jaar"
    return None


def formats_label(offer: Offer) -> str | None:
    return ", ".join(label(f) for f in offer.formats) or None


def purpose_label(offer: Offer) -> str | None:
    return label(offer.purpose) if offer.purpose else None


def yes_no(value: bool | None) -> str:
    return {True: "Ja", False: "Nee", None: "Onbekend"}[value]
