"""Field types and small models shared by every kind of record."""

import re
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from generator.models.vocabulary import AreaScope

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # JJJJ-MM-DD; \d would take other digits
MOBILE_PATTERN = re.compile(
    r"(?<![\d+])(?:(?:\+|00)31[\s.-]?(?:\(0\))?[\s.-]?6|06)(?:[\s.-]?\d){8}(?!\d)"
)
EMAIL_PATTERN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Local parts of e-mail addresses that belong to a role or an organisation, not to a person.
ROLE_MAILBOXES = (
    "info",
    "contact",
    "secretariaat",
    "aanmelden",
    "aanmelding",
    "algemeen",
    "post",
    "mail",
    "servicedesk",
    "klantenservice",
    "helpdesk",
    "communicatie",
    "pers",
    "receptie",
    "team",
    "vragen",
    "advies",
    "hulp",
    "loket",
    "zorgloket",
    "meldpunt",
    "bureau",
    "office",
    "administratie",
    "planning",
    "intake",
    "redactie",
    "webmaster",
    "privacy",
)


class Record(BaseModel):
    """Base of every data model: unknown keys are errors, records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value:
        raise ValueError("geen geldig webadres (verwacht https://…)")
    return value


def _check_email(value: str) -> str:
    if not EMAIL_PATTERN.fullmatch(value):
        raise ValueError("geen geldig e-mailadres")
    if not is_role_mailbox(value):
        raise ValueError(
            "dit lijkt een persoonlijk e-mailadres; publiceer alleen een algemeen adres "
            "van de organisatie of een functie (zoals info@…)"
        )
    return value


def _check_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if MOBILE_PATTERN.search(value):
        raise ValueError(
            "dit is een mobiel nummer; publiceer alleen een algemeen nummer van de organisatie"
        )
    if not 3 <= len(digits) <= 13:
        raise ValueError("geen geldig telefoonnummer")
    return value


def _check_not_future(value: date) -> date:
    if value > date.today():
        raise ValueError(f"datum {value.isoformat()} ligt in de toekomst")
    return value


def is_role_mailbox(address: str) -> bool:
    """True when the local part names a role or organisation mailbox rather than a person."""
    local = address.split("@", 1)[0].lower()
    return any(local == role or local.startswith(role) for role in ROLE_MAILBOXES)


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]
Email = Annotated[str, AfterValidator(_check_email), Field(json_schema_extra={"format": "email"})]
Phone = Annotated[str, AfterValidator(_check_phone)]
PastDate = Annotated[date, AfterValidator(_check_not_future)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Source(Record):
    """Where a fact comes from: a document of sources.yaml and the section in it."""

    document: Slug
    section: Text
    page: int | None = None


class Area(Record):
    """Werkgebied: national, one or more regions, or named municipalities of this region."""

    scope: AreaScope
    regions: list[Text] = Field(default_factory=list)
    municipalities: list[Text] = Field(default_factory=list)

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
