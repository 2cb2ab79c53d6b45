"""Field types and small models shared by every kind of record."""

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from regiokaart.models import privacy
from regiokaart.models.vocabulary import AreaScope

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # JJJJ-MM-DD; \d would take other digits


class Record(BaseModel):
    """Base of every data model: unknown keys are errors, records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value:
        raise ValueError("geen geldig webadres (verwacht https://…)")
    return value


def _check_email(value: str) -> str:
    # Whether the address is a person's depends on the region's function mailboxes: checked with
    # everything else that reaches the site (validate.check_privacy).
    error = privacy.email_syntax_error(value)
    if error:
        raise ValueError(error)
    return value


def restored_phone(value: str) -> str | None:
    """The phone number that value was before a spreadsheet read it as a number and dropped its
    leading 0 (365399111 for 0365399111) or its + (31365399111), or None when value is not such
    a number. A short number that is complete as it stands (14036, a municipality's) is None."""
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or text.startswith(("0", "140")) or len(text) > 15:
        return None  # 140 and the area code without its 0: a municipality's number, complete
    for restored in ("0" + text, "+" + text):
        with suppress(phonenumbers.NumberParseException):
            if phonenumbers.is_valid_number(phonenumbers.parse(restored, "NL")):
                return restored
    return None


# A phone number as people write one: 036 539 9111, 036-5399111, (036) 539 91 11,
# +31 (0)36 539 9111, 0800-2000, 14 036. Not a date, a negative or decimal number, or other digits
# than 0-9 (a spreadsheet's 2024-01-02, -365399111, 3.65399111e8).
_PHONE = re.compile(r"(?:\+|\(?0|14)[0-9 ()./-]*")


def _check_phone(value: str) -> str:
    digits = re.sub(r"[^0-9]", "", value)
    error = privacy.phone_field_error(value)
    if error:
        raise ValueError(error)
    restored = restored_phone(value)
    if restored:
        raise ValueError(
            f"de {restored[0]} vooraan ontbreekt (bedoelt u {restored}?); een spreadsheet laat "
            "die weg als het nummer als getal in de cel staat"
        )
    if not (3 <= len(digits) <= 13 and _PHONE.fullmatch(value.strip())):
        raise ValueError("geen geldig telefoonnummer")
    return value


def _check_not_future(value: date) -> date:
    if value > date.today():
        raise ValueError(f"datum {value.isoformat()} ligt in de toekomst")
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to a record of another kind; regiokaart.models.references checks every
    such field the same way and is the only place that knows what a reference may point at."""

    kind: str  # a key of regiokaart.models.references.REGISTRIES


DocumentRef = Annotated[Slug, Ref("sources")]
OrganisationRef = Annotated[Slug, Ref("organisations")]
OfferRef = Annotated[Slug, Ref("offers")]
ModuleRef = Annotated[Slug, Ref("modules")]
BouwsteenRef = Annotated[Slug, Ref("bouwstenen")]
Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]
Email = Annotated[str, AfterValidator(_check_email), Field(json_schema_extra={"format": "email"})]
Phone = Annotated[str, AfterValidator(_check_phone)]
PastDate = Annotated[date, AfterValidator(_check_not_future)]
# Far above any real text (the longest in the shipped data has about 2,100 characters), low enough
# that no check has to work through a runaway value.
MAX_TEXT_CHARS = 20_000
Text = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS, strip_whitespace=True)
]


MunicipalityName = Annotated[Text, Ref("municipalities")]


class Source(Record):
    """Where a fact comes from: a document of sources.yaml and the section in it."""

    document: DocumentRef
    section: Text
    page: int | None = None


class Area(Record):
    """Werkgebied: national, one or more regions, or named municipalities of this region."""

    scope: AreaScope
    regions: list[Text] = Field(default_factory=list)
    municipalities: list[MunicipalityName] = Field(default_factory=list)

    @model_validator(mode="after")
    def _matches_scope(self) -> "Area":
        if self.scope is AreaScope.REGIO and not self.regions:
            raise ValueError(
                "scope 'regio' vraagt om minstens één regio in regions (of gebruik scope 'onbekend')"
            )
        if self.scope is AreaScope.GEMEENTEN and not self.municipalities:
            raise ValueError("scope 'gemeenten' vraagt om minstens één gemeente in municipalities")
        if self.scope is not AreaScope.GEMEENTEN and self.municipalities:
            raise ValueError("municipalities hoort alleen bij scope 'gemeenten'")
        return self
