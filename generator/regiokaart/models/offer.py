"""A help offer for perpetrators (plegeraanbod): one row of the social map."""

from typing import Any

from pydantic import ConfigDict, Field, model_validator

from regiokaart.models.common import (
    Area,
    DocumentRef,
    OfferRef,
    OrganisationRef,
    PastDate,
    Record,
    Slug,
    Source,
    Text,
    Url,
)
from regiokaart.models.target_migration import ages_from_range, convert_legacy, legacy_schema
from regiokaart.models.vocabulary import (
    AgeGroup,
    Category,
    Databank,
    Effectiveness,
    FamilyProfile,
    Format,
    Framework,
    Gender,
    Phase,
    Purpose,
    Requirement,
    Role,
)


class DatabankEntry(Record):
    """An offer's entry in a databank of interventions: which one, what it says, and where."""

    name: Databank
    assessment: Text | None = None  # as the databank words it, e.g. "Goed onderbouwd"
    assessed_on: PastDate | None = None
    url: Url | None = None
    source: Source  # the document that says the offer is in the databank


# The facts an offer states about itself that may come from another passage than the record's own
# source; fact_sources names that passage per field.
FACT_FIELDS = ("formats", "purpose", "roles", "ages", "age_min", "age_max", "access")


class FactSource(Record):
    """The passage that states some facts of an offer, when it is not the record's own source."""

    fields: list[Text] = Field(min_length=1)  # names of FACT_FIELDS
    document: DocumentRef
    section: Text


class Offer(Record):
    model_config = ConfigDict(**Record.model_config, json_schema_extra=legacy_schema())

    id: Slug
    name: Text
    aliases: list[Text] = Field(default_factory=list)  # other names the sources use
    categories: list[Category] = Field(default_factory=list)
    summary: Text
    description: Text | None = None
    goal: Text | None = None
    roles: list[Role] = Field(default_factory=list)  # voor wie: pleger, slachtoffer, ouder, …
    ages: list[AgeGroup] = Field(default_factory=list)  # empty: the source does not say
    genders: list[Gender] = Field(default_factory=list)  # empty: men and women alike
    lvb: bool = False  # also for people with a (mild) intellectual disability
    target_group_description: Text | None = None
    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    # Werkvorm and purpose: facts from the source; empty or None when it does not say (onbekend).
    formats: list[Format] = Field(default_factory=list)
    purpose: Purpose | None = None
    fact_sources: list[FactSource] = Field(default_factory=list)
    frameworks: list[Framework] = Field(min_length=1)
    phases: list[Phase] = Field(default_factory=list)
    family_profiles: list[FamilyProfile] = Field(default_factory=list)
    contraindicated_profiles: list[FamilyProfile] = Field(default_factory=list)
    contraindication_note: Text | None = None
    contraindication_source: Source | None = None
    system_oriented: bool | None = None
    with_experts_by_experience: bool = False
    low_threshold: bool | None = None
    access: Text | None = None
    cost: Text | None = None
    duration: Text | None = None
    effectiveness: Effectiveness
    effectiveness_note: Text | None = None
    # What the databanks describe of an intervention; filled only where a source says so.
    approach: Text | None = None  # aanpak
    working_elements: list[Text] = Field(default_factory=list)  # werkzame elementen
    required_expertise: Text | None = None  # benodigde deskundigheid of training
    quality_assurance: Text | None = None  # kwaliteitsbewaking
    preconditions: Text | None = None  # randvoorwaarden
    databank: DatabankEntry | None = None
    providers: list[OrganisationRef] = Field(default_factory=list)
    provider_description: Text | None = None
    area: Area
    ghnt_funded: bool = False
    meets_requirements: list[Requirement] = Field(default_factory=list)
    website: Url | None = None
    source: Source
    peildatum: PastDate

    @model_validator(mode="before")
    @classmethod
    def _old_target_groups(cls, data: Any) -> Any:
        return convert_legacy(data)

    @model_validator(mode="after")
    def _consistent(self) -> "Offer":
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(
                "de leeftijd vanaf (age_min) is groter dan de leeftijd tot en met (age_max)"
            )
        both = set(self.family_profiles) & set(self.contraindicated_profiles)
        if both:
            names = ", ".join(sorted(both))
            raise ValueError(
                f"gezinsprofiel staat zowel bij passend als bij contra-indicatie: {names}"
            )
        if self.contraindicated_profiles and not (
            self.contraindication_note and self.contraindication_source
        ):
            raise ValueError(
                "contraindicated_profiles vraagt om een contraindication_note met de reden en een "
                "contraindication_source met de passage die het zegt"
            )
        if (self.age_min is not None or self.age_max is not None) and set(self.ages) != set(
            ages_from_range(self.age_min, self.age_max)
        ):
            raise ValueError(
                "ages past niet bij age_min/age_max (age_max is de hoogste leeftijd die meedoet: "
                "'12 tot 18 jaar' is age_min 12, age_max 17)"
            )
        for fact in self.fact_sources:
            unknown = [f for f in fact.fields if f not in FACT_FIELDS]
            if unknown:
                raise ValueError(
                    f"fact_sources noemt {', '.join(unknown)}; mogelijk: {', '.join(FACT_FIELDS)}"
                )
        return self

    def fact_source(self, field: str) -> Source:
        """The passage that states this fact: the one fact_sources names, else the record's own."""
        for fact in self.fact_sources:
            if field in fact.fields:
                return Source(document=fact.document, section=fact.section)
        return self.source


class OffersFile(Record):
    """The national inventory of offers."""

    offers: list[Offer]


class LocalNote(Record):
    """What a region adds to an offer it does not own (a national one): how it works here, and
    who provides it here."""

    offer: OfferRef
    text: Text
    providers: list[OrganisationRef] = Field(default_factory=list)
    source: Source
    peildatum: PastDate


class RegionalOffersFile(Record):
    """A region's own offers, and its notes on offers of the national layer."""

    offers: list[Offer] = Field(default_factory=list)
    local_notes: list[LocalNote] = Field(default_factory=list)
