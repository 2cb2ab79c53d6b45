"""The file a portal publishes for each module (downloads/modules/<id>.yaml) and another region
reads with `regiokaart module import`: the module plus the names of what it refers to by id, so a
region that does not have those records still knows what they are."""

from datetime import date
from typing import Literal

from pydantic import Field

from regiokaart.models.common import Record, Slug, Text, Url
from regiokaart.models.module import Module
from regiokaart.models.source import Document

EXCHANGE_FORMAT = "regiokaart-module"
EXCHANGE_VERSION = 1
# Far above a real module (the largest shipped one is about 25 kB), low enough to read at once.
MAX_EXCHANGE_BYTES = 2_000_000


class NamedRecord(Record):
    """An organisation or offer of the publishing region, as far as another region needs it."""

    id: Slug
    name: Text
    website: Url | None = None


class ModuleExchange(Record):
    format: Literal["regiokaart-module"]
    version: Literal[1]
    region: Text  # the name of the publishing region
    exported: date  # the day the portal was built (a clock ahead elsewhere is no error here)
    modules: list[Module] = Field(min_length=1, max_length=1)
    organisations: list[NamedRecord] = Field(default_factory=list)
    offers: list[NamedRecord] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
