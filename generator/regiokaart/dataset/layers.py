"""How the national and the regional layer combine: the one rule for every kind of record.

Records of a kind are the national ones followed by the region's; a regional record with the id of
a national one takes its place (a region's own version of a national offer or organisation). What
a national record links to but the region does not have is dropped from that record: links from
the national layer are optional, never errors in another region.
"""

from collections.abc import Iterator
from typing import Any

from regiokaart.dataset.load import Layer, LoadedData, LoadedFile

# kind -> the list in its file that holds the records with an id
RECORD_LISTS = {
    "sources": "documents",
    "organisations": "organisations",
    "offers": "offers",
    "bouwstenen": "bouwstenen",
    "modules": "modules",
    "glossary": "terms",
    "checklists": "checklists",
    "success_factors": "themes",
}


def file_records(loaded_file: LoadedFile) -> Iterator[tuple[int, Any]]:
    """(index, record) of the records with an id in one valid file."""
    return enumerate(getattr(loaded_file.model, RECORD_LISTS[loaded_file.kind], []))


def known_records(loaded: LoadedData) -> dict[str, set[str] | None]:
    """What a reference of each kind may point at, over both layers; None where a file of the
    kind is invalid (its records are unknown, so references to them are not judged)."""
    known: dict[str, set[str] | None] = {}
    for kind in RECORD_LISTS:
        known[kind] = (
            {record.id for f in loaded.of_kind(kind) for _, record in file_records(f)}
            if loaded.complete(kind)
            else None
        )
    known["bundles"] = (
        {str(b.id) for f in loaded.of_kind("bouwstenen") for b in getattr(f.model, "bundles", [])}
        if loaded.complete("bouwstenen")
        else None
    )
    regions = loaded.of_kind("region")
    known["municipalities"] = (
        {m.name for f in regions for m in f.model.region.municipalities}
        if regions and loaded.complete("region")
        else None
    )
    return known


def merged_records(loaded: LoadedData, kind: str, prepare: Any = None) -> list[Any]:
    """The records of a kind from both layers: national first, a regional record with the id of
    a national one in its place. prepare(record, layer) may adjust each record first."""
    by_id: dict[str, Any] = {}
    for loaded_file in loaded.of_kind(kind):
        for _, record in file_records(loaded_file):
            by_id[record.id] = prepare(record, loaded_file.layer) if prepare else record
    return list(by_id.values())


def national_ids(loaded: LoadedData, kind: str) -> frozenset[str]:
    """The ids of a kind's records that come from the national layer (a region's record with the
    same id takes the place of one, so that id is the region's own)."""
    by_layer: dict[Layer, set[str]] = {Layer.NATIONAL: set(), Layer.REGIONAL: set()}
    for loaded_file in loaded.of_kind(kind):
        by_layer[loaded_file.layer].update(record.id for _, record in file_records(loaded_file))
    return frozenset(by_layer[Layer.NATIONAL] - by_layer[Layer.REGIONAL])


def is_national(loaded_file: LoadedFile) -> bool:
    return loaded_file.layer is Layer.NATIONAL
