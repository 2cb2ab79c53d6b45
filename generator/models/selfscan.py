"""The municipality self-scan: questions per bundle of quality standards, and the exports it makes."""

from datetime import date
from typing import Literal

from pydantic import Field

from generator.models.common import Record, Slug, Source, Text
from generator.models.vocabulary import BundleId


class ScanQuestion(Record):
    id: Slug
    text: Text
    bouwsteen: Slug
    group: Text | None = None  # a heading inside the step, e.g. "Gender in het plegeraanbod"
    offers: list[Slug] = Field(default_factory=list)
    modules: list[Slug] = Field(default_factory=list)
    source: Source


class ScanStep(Record):
    bundle: BundleId
    intro: Text | None = None
    questions: list[ScanQuestion] = Field(min_length=1)


class SelfscanFile(Record):
    version: int = Field(ge=1)
    title: Text
    intro: Text | None = None
    steps: list[ScanStep] = Field(min_length=1)


EXPORT_FORMAT = "regiokaart-zelfscan"
EXPORT_FORMAT_VERSION = 1
Answer = Literal[1, 2, 3, 4, "nvt"]


class SelfscanExport(Record):
    """One municipality's scan as exported by the scan page (format version 1)."""

    format: Literal["regiokaart-zelfscan"]
    format_version: Literal[1]
    data_version: Text
    region: Text
    municipality: Text
    date: date
    answers: dict[Slug, Answer]
    notes: dict[Slug, str] = Field(default_factory=dict)
