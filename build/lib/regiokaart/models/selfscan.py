"""The municipality self-scan: questions per bundle of quality standards, and the exports it makes."""

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints

from regiokaart.models.bouwsteen import BundleRef
from regiokaart.models.common import (
    ISO_DATE_PATTERN,
    BouwsteenRef,
    ModuleRef,
    OfferRef,
    Record,
    Slug,
    Source,
    Text,
)


class ScanQuestion(Record):
    id: Slug
    text: Text
    bouwsteen: BouwsteenRef
    group: Text | None = None  # a heading inside the step, e.g. "Gender in het plegeraanbod"
    offers: list[OfferRef] = Field(default_factory=list)
    modules: list[ModuleRef] = Field(default_factory=list)
    source: Source


class ScanStep(Record):
    bundle: BundleRef
    intro: Text | None = None
    questions: list[ScanQuestion] = Field(min_length=1)


class SelfscanFile(Record):
    version: int = Field(ge=1)
    title: Text
    intro: Text | None = None
    steps: list[ScanStep] = Field(min_length=1)


class RegionalSelfscanFile(Record):
    """A region's own questions, added to the national scan's step of the same bundle."""

    steps: list[ScanStep] = Field(min_length=1)


EXPORT_FORMAT = "regiokaart-zelfscan"
EXPORT_FORMAT_VERSION = 1
MAX_NOTE_CHARS = 5000
MAX_QUESTIONS = 500


def _json_number(value: object) -> object:
    # As JSON Schema compares numbers: 1.0 is the answer 1, true is not a number at all.
    if isinstance(value, bool):
        raise ValueError(f"verwacht een getal of tekst, gevonden: {str(value).lower()}")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Answer = Annotated[Literal[1, 2, 3, 4, "nvt"], BeforeValidator(_json_number)]


def _check_calendar_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is geen bestaande datum (verwacht JJJJ-MM-DD)") from None
    return value


IsoDate = Annotated[
    str,
    StringConstraints(pattern=ISO_DATE_PATTERN),
    AfterValidator(_check_calendar_date),
    Field(json_schema_extra={"format": "date"}),
]
# Names are shown in messages and headings: no control characters, no bidirectional controls (a
# right-to-left override would turn the rest of a message around) and no invisible characters.
NAME_PATTERN = (
    "^[^\\u0000-\\u001f\\u007f\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff]+$"
)
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NAME_PATTERN)]
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE_CHARS)]


class SelfscanExport(Record):
    """One municipality's scan as exported by the scan page (format version 1)."""

    # The one definition of the export format: its JSON Schema (selfscan_rules.export_schema) is
    # what the browser checks an import against; strict, so "1" is no answer.

    model_config = ConfigDict(strict=True)

    format: Literal["regiokaart-zelfscan"]
    format_version: Annotated[Literal[1], BeforeValidator(_json_number)]
    data_version: Name
    region: Name
    municipality: Name
    date: IsoDate
    answers: dict[Slug, Answer] = Field(
        max_length=MAX_QUESTIONS, json_schema_extra={"additionalProperties": False}
    )
    notes: dict[Slug, Note] = Field(
        default_factory=dict,
        max_length=MAX_QUESTIONS,
        json_schema_extra={"additionalProperties": False},
    )
