"""The region the portal is about: name, municipalities, colours, public contact, and what its
toegankelijkheidsverklaring states."""

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from regiokaart.models import privacy
from regiokaart.models.common import (
    Email,
    MunicipalityName,
    OrganisationRef,
    PastDate,
    Phone,
    Record,
    Source,
    Text,
    Url,
)

HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


def _check_address(value: str) -> str:
    error = privacy.email_syntax_error(value)
    if error:
        raise ValueError(error)
    return value


# A whole address (plegeraanpak@flevoland.nl), not only a local part: the same local part at another
# domain can still be a person's.
MailboxAddress = Annotated[
    str, AfterValidator(_check_address), Field(json_schema_extra={"format": "email"})
]


class Municipality(Record):
    name: Text
    organisation: OrganisationRef


class Colours(Record):
    primary: HexColour
    accent: HexColour


class Contact(Record):
    organisation: OrganisationRef
    phone: Phone | None = None
    email: Email | None = None
    website: Url | None = None


class ComplianceStatus(StrEnum):
    """The nalevingsstatus of a toegankelijkheidsverklaring (the model statement of Logius,
    digitoegankelijk.nl/toegankelijkheidsverklaring/status)."""

    A = "A"  # voldoet volledig
    B = "B"  # voldoet gedeeltelijk
    C = "C"  # eerste maatregelen genomen
    D = "D"  # geen maatregelen genomen
    E = "E"  # voldoet niet (geen verklaring)


class StatementContact(Record):
    """Where a visitor reports what does not work: a mailbox, number or form of an organisation or
    a role, never a person's (the privacy check reads these as every contact field)."""

    email: Email | None = None
    phone: Phone | None = None
    website: Url | None = None


class AccessibilityStatement(Record):
    """What the region states in the portal's toegankelijkheidsverklaring. A field left out is
    unknown: the page says "nog niet ingevuld" and `regiokaart check` warns (missing_fields)."""

    organisation: OrganisationRef | None = None  # responsible for the portal
    contact: StatementContact | None = None
    date: PastDate | None = None  # the day the statement was made or last reviewed
    status: ComplianceStatus | None = None
    # What is not yet accessible, one item per problem; [] says there are none known (left out:
    # not filled in).
    known_issues: list[Text] | None = None

    def missing_fields(self) -> list[str]:
        """The fields left out (a contact without any way to reach it too), in the model's order."""
        contact_given = self.contact is not None and self.contact.model_dump(exclude_none=True)
        return [
            name
            for name in type(self).model_fields
            if getattr(self, name) is None or (name == "contact" and not contact_given)
        ]


class Region(Record):
    name: Text
    municipalities: list[Municipality] = Field(min_length=1)
    centre_municipality: MunicipalityName
    colours: Colours
    contact: Contact
    # The region's own function mailboxes (plegeraanpak@…): not a role word such as info@, yet no
    # person's address; the privacy check lets exactly these addresses through.
    function_mailboxes: list[MailboxAddress] = Field(default_factory=list)
    # Under which licence others may reuse the portal's data (the "Open data" page says it), e.g.
    # "CC BY 4.0"; none given: the page asks to contact the region.
    data_licence: Text | None = None
    # The toegankelijkheidsverklaring's own facts (toegankelijkheid/); left out: all unknown.
    accessibility: AccessibilityStatement = Field(default_factory=AccessibilityStatement)
    source: Source
    peildatum: PastDate


class RegionFile(Record):
    region: Region
