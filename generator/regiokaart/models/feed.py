"""The feed a regional portal publishes at its root (feed.json) and a national overview reads
(`regiokaart federate`): what the region is, where its open data and search index are, its offers
and modules in brief, and what changed since earlier builds. Format `regiokaart-feed`, version 1;
the JSON Schema is schemas/feed.v1.schema.json.

Every location in a feed is a path relative to the feed itself (the site root), so a portal can
move or sit in a sub-folder; a reader resolves it against the URL it fetched the feed from, and
never follows one to another origin. A reader of version 1 ignores keys it does not know, so a
region on a newer regiokaart is still read.
"""

import re
from datetime import date, datetime
from typing import Annotated, Literal
from urllib.parse import unquote

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from regiokaart.models.common import Slug, Url
from regiokaart.models.common import Text as DataText
from regiokaart.source.positions import hidden_character_message

FEED_FORMAT = "regiokaart-feed"
FEED_VERSION = 1
FEED_FILE = "feed.json"  # at the site root
# Far above a region's feed (the shipped region's is about 48 kB; 500 offers about 250 kB),
# low enough to read at once: what a reader fetches per region at most.
MAX_FEED_BYTES = 5_000_000
CHANGES_KEPT = 100  # the most recent builds with a change
TOMBSTONES_KEPT = 10_000  # the most recent removals
MAX_COUNTS = 100  # kinds of record counted; a region counts three


def _no_hidden_characters(value: str) -> str:
    """A region's build refuses control and invisible characters in its data (they turn a line of
    output or a sentence on a page around), so a feed made from checked data holds none."""
    message = hidden_character_message(value)
    if message:
        raise ValueError(message)
    return value


# A text of the feed, as a text of the region's data may be.
Text = Annotated[DataText, AfterValidator(_no_hidden_characters)]


# A path inside the site: no scheme (no colon at all), no leading slash, no "..", also not as a
# server reads it: most decode %2e%2e and %5c before they resolve the path, so on a host shared by
# several regions that would reach another region's site.
def _inside_site(value: str) -> str:
    for read in (value, unquote(value)):
        if ".." in re.split(r"[/\\]", read):
            raise ValueError(
                "een plaats in de feed mag niet buiten de site wijzen ('..', ook niet als %2e%2e)"
            )
    return value


Location = Annotated[
    str,
    StringConstraints(
        pattern=r"^[^\s\\?#:/\x00-\x1f\x7f][^\s\\?#:\x00-\x1f\x7f]*$", max_length=500
    ),
    AfterValidator(_inside_site),
]
# "<kind>:<id>": offer:…, organisation:…, module:…
RecordKey = Annotated[
    str, StringConstraints(pattern=r"^(offer|organisation|module):[a-z0-9]+(?:-[a-z0-9]+)*$")
]


class FeedRecord(BaseModel):
    """Base of the feed's parts: immutable; keys a newer version adds are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class FeedRegion(FeedRecord):
    name: Text
    municipalities: list[Text] = Field(default_factory=list)
    licence: Text | None = None  # of the open data; none: the region has not said
    # The region's function mailboxes without a role word (region.yaml), which its data may name:
    # a reader checks the data for personal addresses with these allowed, as the region's build did.
    function_mailboxes: list[Text] = Field(default_factory=list)


class FeedHsds(FeedRecord):
    """The region's Open Referral HSDS 3.0 files."""

    organizations: Location
    services: Location
    datapackage: Location


class FeedSearch(FeedRecord):
    # the folder of the Pagefind index a national search merges (pagefind-entry.json and chunks)
    pagefind: Location


class FeedOffer(FeedRecord):
    id: Slug
    name: Text
    url: Location  # its page on the portal
    effectiveness: Text  # in the source's words (models/vocabulary.py Effectiveness)
    national: bool  # from the national inventory, which every region carries
    hsds_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f-]{36}$")]


class FeedBouwsteen(FeedRecord):
    id: Slug
    title: Text
    standards: list[int] = Field(default_factory=list)


class FeedModule(FeedRecord):
    id: Slug
    title: Text
    summary: Text
    status: Text
    region: Text  # the region the module names as its own (a module taken over keeps its origin's)
    bouwstenen: list[FeedBouwsteen] = Field(default_factory=list)
    url: Location  # its page on the portal
    download: Location  # the file `regiokaart module import` takes over


class FeedChange(FeedRecord):
    """What one build changed against the build before it."""

    date: date
    data_version: Text
    added: list[RecordKey] = Field(default_factory=list)
    changed: list[RecordKey] = Field(default_factory=list)
    removed: list[RecordKey] = Field(default_factory=list)


class Tombstone(FeedRecord):
    id: RecordKey
    removed: date


class Feed(FeedRecord):
    format: Literal["regiokaart-feed"]
    version: Literal[1]
    generator: Text  # "regiokaart <version>"
    region: FeedRegion
    portal: Annotated[Url, StringConstraints(max_length=2000)] | None = (
        None  # where the region publishes its portal; none: where the feed is
    )
    built: datetime
    data_version: Text  # changes exactly when the published records change
    # offers, organisations, modules
    counts: dict[Annotated[str, StringConstraints(max_length=100)], Annotated[int, Field(ge=0)]] = (
        Field(max_length=MAX_COUNTS)
    )
    hsds: FeedHsds
    search: FeedSearch
    offers: list[FeedOffer] = Field(default_factory=list)
    modules: list[FeedModule] = Field(default_factory=list)
    # The digest of each record, for the next build to see what changed.
    records: dict[RecordKey, Annotated[str, StringConstraints(max_length=64)]] = Field(
        default_factory=dict
    )
    changes: list[FeedChange] = Field(default_factory=list, max_length=CHANGES_KEPT)
    tombstones: list[Tombstone] = Field(default_factory=list, max_length=TOMBSTONES_KEPT)
