"""Building blocks for municipalities, grouped by the quality standards of the Kwaliteitskader."""

from pydantic import Field

from regiokaart.models.common import PastDate, Record, Slug, Source, Text
from regiokaart.models.vocabulary import BundleId


class Bundle(Record):
    id: BundleId
    title: Text
    standards: list[int] = Field(min_length=1)
    section: Text | None = None
    points: list[Text] = Field(default_factory=list)  # what the standards themselves ask
    source: Source


class Standard(Record):
    number: int = Field(ge=1, le=10)
    bundle: BundleId
    title: Text | None = None


class Question(Record):
    id: Slug
    text: Text


class Bouwsteen(Record):
    id: Slug
    title: Text
    bundle: BundleId
    text: Text
    questions: list[Question] = Field(default_factory=list)
    offers: list[Slug] = Field(default_factory=list)
    organisations: list[Slug] = Field(default_factory=list)
    source: Source
    peildatum: PastDate


class BouwstenenFile(Record):
    bundles: list[Bundle] = Field(min_length=1)
    standards: list[Standard] = Field(min_length=1)
    bouwstenen: list[Bouwsteen]
