"""The portal's feed (feed.json at the site root; models/feed.py): what a national overview reads.

Its change log compares each record's digest with the feed of the build before (the site being
replaced, or the published feed the build is given): ids added, changed and removed, dated, with
removals kept as tombstones. The first build of a portal logs every record as added.
"""

import hashlib
import json
from datetime import date, datetime
from typing import Any

from regiokaart import resources
from regiokaart.dataset import Dataset
from regiokaart.formats.hsds import stable_id
from regiokaart.models.feed import (
    CHANGES_KEPT,
    FEED_FORMAT,
    FEED_VERSION,
    TOMBSTONES_KEPT,
    Feed,
    FeedBouwsteen,
    FeedChange,
    FeedHsds,
    FeedModule,
    FeedOffer,
    FeedRegion,
    FeedSearch,
    Tombstone,
)
from regiokaart.models.module import Module
from regiokaart.routes import Page, page_url
from regiokaart.site.pages.open_data import HSDS_FOLDER
from regiokaart.site.search import NATIONAL_INDEX

DIGEST_CHARS = 16  # 64 bits: no two records of a region collide by chance


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def record_digests(dataset: Dataset) -> dict[str, str]:
    """ "<kind>:<id>" -> a digest of what the portal publishes of that record (an offer with the
    region's notes on it), in key order."""
    digests: dict[str, str] = {}
    for offer in dataset.offers.values():
        notes = [note.model_dump(mode="json") for note in dataset.local_notes.get(offer.id, [])]
        digests[f"offer:{offer.id}"] = _digest([offer.model_dump(mode="json"), notes])
    for kind, records in (("organisation", dataset.organisations), ("module", dataset.modules)):
        for record in records.values():
            digests[f"{kind}:{record.id}"] = _digest(record.model_dump(mode="json"))
    return dict(sorted(digests.items()))


def data_version(digests: dict[str, str]) -> str:
    return _digest(digests)


def change_log(
    previous: Feed | None, digests: dict[str, str], version: str, day: date
) -> tuple[list[FeedChange], list[Tombstone]]:
    """The changes and tombstones of the new feed: the previous feed's, with this build's change
    (when it has one) added; the most recent CHANGES_KEPT and TOMBSTONES_KEPT."""
    if previous is None:
        return [FeedChange(date=day, data_version=version, added=list(digests))], []
    old = previous.records
    added = [key for key in digests if key not in old]
    changed = [key for key in digests if key in old and old[key] != digests[key]]
    removed = sorted(key for key in old if key not in digests)
    changes = list(previous.changes)
    if added or changed or removed:
        changes.append(
            FeedChange(
                date=day, data_version=version, added=added, changed=changed, removed=removed
            )
        )
    tombstones = [stone for stone in previous.tombstones if stone.id not in digests]
    tombstones += [Tombstone(id=key, removed=day) for key in removed]
    return changes[-CHANGES_KEPT:], tombstones[-TOMBSTONES_KEPT:]


def module_bouwstenen(dataset: Dataset, module: Module) -> list[FeedBouwsteen]:
    """The bouwstenen a module helps with: those of the self-scan questions that name it, each
    with the quality standards of its bundle."""
    ids = {
        question.bouwsteen: None
        for step in dataset.selfscan.steps
        for question in step.questions
        if module.id in question.modules
    }
    found = []
    for block_id in ids:
        block = dataset.bouwstenen.get(block_id)
        if block is None:
            continue
        bundle = dataset.bundles.get(str(block.bundle))
        standards = list(bundle.standards) if bundle else []
        found.append(FeedBouwsteen(id=block.id, title=block.title, standards=standards))
    return found


def build_feed(dataset: Dataset, *, built: datetime, previous: Feed | None) -> Feed:
    digests = record_digests(dataset)
    version = data_version(digests)
    changes, tombstones = change_log(previous, digests, version, built.date())
    national_offers = dataset.national.get("offers", frozenset())
    region = dataset.region

    def hsds(path: str) -> str:
        return page_url(Page.OPEN_DATA_FILE, f"{HSDS_FOLDER}/{path}")

    return Feed(
        format=FEED_FORMAT,
        version=FEED_VERSION,
        generator=f"regiokaart {resources.version()}",
        region=FeedRegion(
            name=region.name,
            municipalities=[m.name for m in region.municipalities],
            licence=region.data_licence,
            function_mailboxes=list(region.function_mailboxes),
        ),
        built=built,
        data_version=version,
        counts={
            "offers": len(dataset.offers),
            "organisations": len(dataset.organisations),
            "modules": len(dataset.modules),
        },
        hsds=FeedHsds(
            organizations=hsds("json/organizations.json"),
            services=hsds("json/services.json"),
            datapackage=hsds("tabular/datapackage.json"),
        ),
        search=FeedSearch(pagefind=f"{NATIONAL_INDEX}/"),
        offers=[
            FeedOffer(
                id=offer.id,
                name=offer.name,
                url=page_url(Page.OFFER, offer.id),
                effectiveness=str(offer.effectiveness),
                national=offer.id in national_offers,
                hsds_id=stable_id(f"service:{offer.id}"),
            )
            for offer in dataset.offers.values()
        ],
        modules=[
            FeedModule(
                id=module.id,
                title=module.title,
                summary=module.summary,
                status=str(module.status),
                region=module.region,
                bouwstenen=module_bouwstenen(dataset, module),
                url=page_url(Page.MODULE, module.id),
                download=page_url(Page.MODULE_DOWNLOAD, module.id),
            )
            for module in dataset.modules.values()
        ],
        records=digests,
        changes=changes,
        tombstones=tombstones,
    )


def render_feed(dataset: Dataset, *, built: datetime, previous: Feed | None) -> str:
    feed = build_feed(dataset, built=built, previous=previous)
    return feed.model_dump_json(exclude_none=True) + "\n"
