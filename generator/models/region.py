"""The region the portal is about: name, municipalities, colours, public contact."""

from typing import Annotated

from pydantic import Field, StringConstraints

from generator.models.common import Email, PastDate, Phone, Record, Slug, Source, Text, Url

HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Municipality(Record):
    name: Text
    organisation: Slug


class Colours(Record):
    primary: HexColour
    accent: HexColour


class Contact(Record):
    organisation: Slug
    phone: Phone | None = None
    email: Email | None = None
    website: Url | None = None


class Region(Record):
    name: Text
    municipalities: list[Municipality] = Field(min_length=1)
    centre_municipality: Text
    colours: Colours
    contact: Contact
    source: Source
    peildatum: PastDate


class RegionFile(Record):
    region: Region
