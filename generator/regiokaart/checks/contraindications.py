"""When an offer does not fit a family profile: the one rule per profile, declared here with the
passage that states it, and the offer's own contra-indications that its source states.

The rule reads facts of the offer (its formats, werkvorm), never a conclusion set by hand: an offer
whose format brings victim and perpetrator together does not fit intieme terreur, whoever typed it
in. Every output that says whether an offer fits a profile (the social map and its filter index,
the offer page, aanbod.json, HSDS, the workbook, the search index) asks `contraindications`.
"""

from dataclasses import dataclass

from regiokaart.models.common import Source
from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import FamilyProfile, Format, label


@dataclass(frozen=True)
class ProfileRule:
    """Offers with one of these formats do not fit the profile, for the reason the source gives."""

    profile: FamilyProfile
    formats: frozenset[Format]
    reason: str
    source: Source
    quote: str  # the source's own sentence, shown with the reason
    when_unstated: str  # what to check when the source does not give an offer's formats


RULES: tuple[ProfileRule, ...] = (
    ProfileRule(
        profile=FamilyProfile.INTIEME_TERREUR,
        formats=frozenset({Format.PARTNERS_SAMEN, Format.GEZIN_SYSTEEM, Format.MEDIATION}),
        reason=(
            "Bij intieme terreur worden slachtoffer en pleger niet samen gesproken; dit aanbod "
            "brengt hen samen ({formats})."
        ),
        source=Source(
            document="regiovisie-flevoland",
            section="§2.2 Visie op de aanpak: uitgangspunten die we hanteren",
        ),
        quote=(
            "Als het gaat om intieme terreur is het bijvoorbeeld van belang het gesprek met "
            "slachtoffer en pleger niet gezamenlijk te voeren, terwijl bij gezinnen in de stress "
            "dat wel van meerwaarde is"
        ),
        when_unstated="vraag de aanbieder of slachtoffer en pleger samen gesproken worden",
    ),
)


@dataclass(frozen=True)
class Contraindication:
    """An offer does not fit a profile: why, and which passage says so."""

    profile: FamilyProfile
    reason: str
    source: Source
    by_rule: bool  # True: derived from the offer's formats by a rule; False: the offer's own source


def contraindications(offer: Offer) -> list[Contraindication]:
    """Every profile the offer does not fit, in the order of FamilyProfile; the offer's own source
    first where both say it."""
    found: dict[FamilyProfile, Contraindication] = {}
    for profile in offer.contraindicated_profiles:
        if offer.contraindication_note and offer.contraindication_source:
            found[profile] = Contraindication(
                profile, offer.contraindication_note, offer.contraindication_source, by_rule=False
            )
    for rule in RULES:
        matching = [f for f in offer.formats if f in rule.formats]
        if matching and rule.profile not in found:
            formats = ", ".join(label(f).lower() for f in matching)
            found[rule.profile] = Contraindication(
                rule.profile, rule.reason.format(formats=formats), rule.source, by_rule=True
            )
    return [found[p] for p in FamilyProfile if p in found]


def contraindicated_profiles(offer: Offer) -> list[FamilyProfile]:
    return [c.profile for c in contraindications(offer)]


def rule_for(profile: FamilyProfile) -> ProfileRule | None:
    return next((r for r in RULES if r.profile is profile), None)
