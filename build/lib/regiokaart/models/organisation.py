"""A partner organisation that runs or coordinates offers and modules."""

from regiokaart.models.common import Area, Email, PastDate, Phone, Record, Slug, Source, Text, Url
from regiokaart.models.vocabulary import OrganisationType


class Organisation(Record):
    id: Slug
    name: Text
    short_name: Text | None = None
    type: OrganisationType
    description: Text | None = None
    area: Area
    website: Url | None = None
    email: Email | None = None
    phone: Phone | None = None
    source: Source
    peildatum: PastDate


class OrganisationsFile(Record):
    organisations: list[Organisation]
