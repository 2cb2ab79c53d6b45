"""A transferable project description that another region can reuse."""

from pydantic import Field

from regiokaart.models.common import OfferRef, OrganisationRef, PastDate, Record, Slug, Source, Text
from regiokaart.models.vocabulary import ModuleStatus, TargetGroup


class Activity(Record):
    title: Text
    description: Text | None = None
    lead: OrganisationRef
    participants: list[OrganisationRef] = Field(default_factory=list)
    planning: Text | None = None


class Role(Record):
    organisation: OrganisationRef
    role: Text


class Module(Record):
    id: Slug
    title: Text
    region: Text
    status: ModuleStatus
    period: Text | None = None
    summary: Text
    problem: Text | None = None
    goal: Text
    subgoals: list[Text] = Field(default_factory=list)
    target_groups: list[TargetGroup] = Field(default_factory=list)
    target_group_description: Text | None = None
    selection_criteria: list[Text] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    partners: list[OrganisationRef] = Field(default_factory=list)
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


class ModulesFile(Record):
    modules: list[Module]
