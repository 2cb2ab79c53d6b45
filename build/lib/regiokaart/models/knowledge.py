"""Knowledge from the sources: checklists, success factors and the regional vision."""

from pydantic import Field

from regiokaart.models.common import OfferRef, Record, Slug, Source, Text
from regiokaart.models.vocabulary import FamilyProfile, Phase


class ChecklistItem(Record):
    id: Slug
    text: Text


class ChecklistGroup(Record):
    title: Text
    items: list[ChecklistItem] = Field(min_length=1)


class Checklist(Record):
    id: Slug
    title: Text
    intro: Text | None = None
    groups: list[ChecklistGroup] = Field(min_length=1)
    source: Source


class ChecklistsFile(Record):
    checklists: list[Checklist]


class SuccessFactor(Record):
    text: Text
    offers: list[OfferRef] = Field(default_factory=list)
    regions: list[Text] = Field(default_factory=list)


class SuccessTheme(Record):
    id: Slug
    title: Text
    factors: list[SuccessFactor] = Field(min_length=1)
    source: Source


class SuccessFactorsFile(Record):
    themes: list[SuccessTheme]


class VisionPhase(Record):
    number: int = Field(ge=1)
    title: Text
    plan: Text | None = None
    text: Text | None = None
    phase: Phase | None = None


class VisionProfile(Record):
    id: FamilyProfile
    number: int = Field(ge=1)
    title: Text
    text: Text
    advice: Text | None = None


class Principle(Record):
    title: Text
    text: Text | None = None


class HouseBanCount(Record):
    municipality: Text
    count: int = Field(ge=0)


class HouseBans(Record):
    year: int
    counts: list[HouseBanCount] = Field(min_length=1)
    note: Text | None = None
    source: Source


class VisionFile(Record):
    """The phases and family profiles (national layer); a region adds principles and local figures."""

    phases: list[VisionPhase] = Field(min_length=1)
    family_profiles: list[VisionProfile] = Field(min_length=1)
    principles: list[Principle] = Field(default_factory=list)
    house_bans: HouseBans | None = None
    source: Source


class RegionalVisionFile(Record):
    """A region's own vision: its principles and local figures, with their source."""

    principles: list[Principle] = Field(default_factory=list)
    house_bans: HouseBans | None = None
    source: Source
