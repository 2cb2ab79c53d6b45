"""The municipality self-scan: questions per bundle of quality standards, and the exports it makes."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal, get_args

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


class QuestionKind(StrEnum):
    """How a question is asked and counted, in the kind the source gives it (KINDS: its meaning)."""

    BEOORDELING = "beoordeling"
    KNELPUNT = "knelpunt"
    GESPREK = "gesprek"
    INDICATOR = "indicator"


@dataclass(frozen=True)
class KindRule:
    """What a kind of question means for the user, the answer it takes and the score."""

    label: str  # "Gespreksvraag"
    noun: str  # as a message names it: "een gespreksvraag (te bespreken, zonder score)"
    meaning: str  # what the user reads at such a question, and the schema's description
    # the 1-4 scale; a trend (and a figure); only a note
    answer: Literal["schaal", "ontwikkeling", "notitie"]
    scored: bool  # counts in the score of its bundle
    reversed: bool = False  # scored the other way round: 4 counts as 1


KINDS: dict[QuestionKind, KindRule] = {
    QuestionKind.BEOORDELING: KindRule(
        label="Beoordeling",
        noun="een beoordeling op de schaal van 1 tot 4",
        meaning="Hoe goed is dit geregeld in uw gemeente? Antwoord op de schaal van 1 (niet) tot "
        "4 (volledig); het antwoord telt mee in de score van de bundel.",
        answer="schaal",
        scored=True,
    ),
    QuestionKind.KNELPUNT: KindRule(
        label="Uitspraak waarbij ja een knelpunt is",
        noun="een uitspraak waarbij ja een knelpunt is (omgekeerd gescoord)",
        meaning="Hier is ja een knelpunt: hoe meer de uitspraak klopt, hoe lager de score. "
        "Volledig telt als 1, grotendeels als 2, beperkt als 3 en niet als 4.",
        answer="schaal",
        scored=True,
        reversed=True,
    ),
    QuestionKind.GESPREK: KindRule(
        label="Gespreksvraag",
        noun="een gespreksvraag (te bespreken, zonder score)",
        meaning="Een open vraag om met de partners te bespreken; ze krijgt geen score. Noteer wat "
        "u bespreekt of afspreekt. De vraag staat bij de resultaten onder Te bespreken.",
        answer="notitie",
        scored=False,
    ),
    QuestionKind.INDICATOR: KindRule(
        label="Procesindicator",
        noun="een procesindicator (cijfer of ontwikkeling, zonder score)",
        meaning="Een procesindicator om te volgen: vul de ontwikkeling in (toenemend, gelijk of "
        "afnemend) en, als u het hebt, een cijfer (een aantal of percentage). Ze krijgt geen "
        "score en staat bij de resultaten onder Procesindicatoren.",
        answer="ontwikkeling",
        scored=False,
    ),
}
# The kind of a question that names none: every question of the scan before kinds existed, and
# every question in an export of format version 1.
IMPLIED_KIND = QuestionKind.BEOORDELING
KIND_DESCRIPTION = "Soort vraag, zoals de bron haar stelt. " + " ".join(
    f"{kind.value}: {rule.meaning}" for kind, rule in KINDS.items()
)


class ScanQuestion(Record):
    id: Slug
    text: Text
    kind: QuestionKind = Field(default=IMPLIED_KIND, description=KIND_DESCRIPTION)
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
EXPORT_FORMAT_VERSION = 2  # what the scan page writes
READ_FORMAT_VERSIONS = (1, 2)  # what the scan page and selfscan-report read
MAX_NOTE_CHARS = 5000
MAX_QUESTIONS = 500
MAX_FIGURE = 1_000_000_000


def _json_number(value: object) -> object:
    # As JSON Schema compares numbers: 1.0 is the answer 1, true is not a number at all.
    if isinstance(value, bool):
        raise ValueError(f"verwacht een getal of tekst, gevonden: {str(value).lower()}")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Answer = Annotated[Literal[1, 2, 3, 4, "nvt"], BeforeValidator(_json_number)]
# The answer to a question on the scale (1-4, "nvt") or to an indicator: a trend, or "nvt" (weet
# niet); selfscan_rules.SCALE and TRENDS name them (a test holds the three together).
AnswerV2 = Annotated[
    Literal[1, 2, 3, 4, "nvt", "toenemend", "gelijk", "afnemend"], BeforeValidator(_json_number)
]
Figure = Annotated[float, Field(ge=0, le=MAX_FIGURE)]
KindName = Literal["beoordeling", "knelpunt", "gesprek", "indicator"]
assert set(get_args(KindName)) == set(QuestionKind), "KindName lists every QuestionKind"


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


def per_question(required: bool = False) -> Any:
    """A field that maps question ids to something: at most MAX_QUESTIONS entries, no other keys;
    empty when left out unless required."""
    limits: dict[str, Any] = {
        "max_length": MAX_QUESTIONS,
        "json_schema_extra": {"additionalProperties": False},
    }
    return Field(**limits) if required else Field(default_factory=dict, **limits)


class SelfscanExportV1(Record):
    """One municipality's scan as exported by the scan page (format version 1)."""

    # Format version 1, as the scan page wrote it before questions had a kind: every question in it
    # is a beoordeling (IMPLIED_KIND). Still read; its JSON Schema stays as it was published.

    model_config = ConfigDict(strict=True)

    format: Literal["regiokaart-zelfscan"]
    format_version: Annotated[Literal[1], BeforeValidator(_json_number)]
    data_version: Name
    region: Name
    municipality: Name
    date: IsoDate
    answers: dict[Slug, Answer] = per_question(required=True)
    notes: dict[Slug, Note] = per_question()


class SelfscanExport(Record):
    """One municipality's scan as exported by the scan page (format version 2): the answers on the
    scale and to the indicators, the indicators' figures, the notes, and the kind of each question
    as it was asked, so that a later version of the scan can say which questions changed kind."""

    # The one definition of the export format: its JSON Schema (selfscan_rules.export_schema) is
    # what the browser checks an import against; strict, so "1" is no answer.

    model_config = ConfigDict(strict=True)

    format: Literal["regiokaart-zelfscan"]
    format_version: Annotated[Literal[2], BeforeValidator(_json_number)]
    data_version: Name
    region: Name
    municipality: Name
    date: IsoDate
    answers: dict[Slug, AnswerV2] = per_question(required=True)
    figures: dict[Slug, Figure] = per_question()
    notes: dict[Slug, Note] = per_question()
    kinds: dict[Slug, KindName] = per_question(required=True)


EXPORT_MODELS: dict[int, type[SelfscanExportV1 | SelfscanExport]] = {
    1: SelfscanExportV1,
    2: SelfscanExport,
}
assert tuple(EXPORT_MODELS) == READ_FORMAT_VERSIONS
