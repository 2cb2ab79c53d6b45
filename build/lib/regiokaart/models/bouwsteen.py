"""Building blocks for municipalities, grouped by the quality standards of the Kwaliteitskader."""

from typing import Annotated

from pydantic import Field

from regiokaart.models.common import (
    OfferRef,
    OrganisationRef,
    PastDate,
    Record,
    Ref,
    Slug,
    Source,
    Text,
)
from regiokaart.models.vocabulary import BundleId

BundleRef = Annotated[BundleId, Ref("bundles")]


class Bundle(Record):
    id: BundleId
    title: Text
    standards: list[int] = Field(min_length=1)
    section: Text | None = None
    points: list[Text] = Field(default_factory=list)  # what the standards themselves ask
    source: Source


class Standard(Record):
    number: int = Field(ge=1, le=10)
    bundle: BundleRef
    title: Text | None = None


class Question(Record):
    id: Slug
    text: Text


class Bouwsteen(Record):
    id: Slug
    title: Text
    bundle: BundleRef
    text: Text
    questions: list[Question] = Field(default_factory=list)
    offers: list[OfferRef] = Field(default_factory=list)
    organisations: list[OrganisationRef] = Field(default_factory=list)
    source: Source
    peildatum: PastDate


class BouwstenenFile(Record):
    """The national layer's file: the Kwaliteitskader's bundles and standards and the bouwstenen."""

    bundles: list[Bundle] = Field(min_length=1)
    standards: list[Standard] = Field(min_length=1)
    bouwstenen: list[Bouwsteen]


class RegionalBouwstenenFile(Record):
    """A region's own bouwstenen beside the national ones (the standards are the same everywhere)."""

    bouwstenen: list[Bouwsteen]
