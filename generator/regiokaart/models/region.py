"""The region the portal is about: name, municipalities, colours, public contact."""

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
    source: Source
    peildatum: PastDate


class RegionFile(Record):
    region: Region
