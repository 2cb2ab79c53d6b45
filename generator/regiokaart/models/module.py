"""A transferable project description that another region can reuse."""

from datetime import date
from typing import Annotated, Any

from pydantic import ConfigDict, Discriminator, Field, Tag, model_validator

from regiokaart.models.common import (
    OfferRef,
    OrganisationRef,
    PastDate,
    Record,
    Slug,
    Source,
    Text,
)
from regiokaart.models.target_migration import convert_legacy, legacy_schema
from regiokaart.models.vocabulary import AgeGroup, Gender, ModuleStatus
from regiokaart.models.vocabulary import Role as TargetRole


class ExternalPartner(Record):
    """A partner that is not an organisation of this region: named, with the region it is from
    (a module taken over from another region's portal)."""

    name: Text
    region: Text


# The branch of a partner value: an id of this region's organisation, or a named partner. The
# tags appear in pydantic's error locations; load.py leaves them out of the field path.
ORGANISATION_TAG = "organisatie-id"
EXTERNAL_TAG = "partner-met-naam"
PARTNER_TAGS = frozenset({ORGANISATION_TAG, EXTERNAL_TAG})


def _partner_kind(value: Any) -> str:
    return EXTERNAL_TAG if isinstance(value, dict | ExternalPartner) else ORGANISATION_TAG


Partner = Annotated[
    Annotated[OrganisationRef, Tag(ORGANISATION_TAG)]
    | Annotated[ExternalPartner, Tag(EXTERNAL_TAG)],
    Discriminator(_partner_kind),
]


class Activity(Record):
    title: Text
    description: Text | None = None
    lead: Partner
    participants: list[Partner] = Field(default_factory=list)
    planning: Text | None = None


class Role(Record):
    organisation: Partner
    role: Text


class Origin(Record):
    """Where a module taken over from another region came from."""

    region: Text  # the region whose portal published it
    source: Text  # the file name or web address it was imported from
    peildatum: date  # of the module in that region's data
    imported: PastDate


class Module(Record):
    model_config = ConfigDict(
        **Record.model_config, json_schema_extra=legacy_schema("target_roles")
    )

    id: Slug
    title: Text
    region: Text
    status: ModuleStatus
    period: Text | None = None
    summary: Text
    problem: Text | None = None
    goal: Text
    subgoals: list[Text] = Field(default_factory=list)
    # Who the module is for; `roles` are the organisations' roles in the project.
    target_roles: list[TargetRole] = Field(default_factory=list)
    ages: list[AgeGroup] = Field(default_factory=list)  # empty: the source does not say
    genders: list[Gender] = Field(default_factory=list)
    lvb: bool = False
    target_group_description: Text | None = None
    selection_criteria: list[Text] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    duration: Text | None = None
    targets: list[Text] = Field(default_factory=list)
    monitoring: Text | None = None
    evaluation: Text | None = None
    experts_by_experience: Text | None = None
    reuse_preconditions: list[Text] = Field(default_factory=list)
    workflow: list[Text] = Field(default_factory=list)
    offers: list[OfferRef] = Field(default_factory=list)
    source: Source
    peildatum: PastDate
    origin: Origin | None = None

    @model_validator(mode="before")
    @classmethod
    def _old_target_groups(cls, data: Any) -> Any:
        return convert_legacy(data, roles_key="target_roles")


class ModulesFile(Record):
    modules: list[Module]
