"""The regions' HSDS records gathered into one open data set for the national overview, and the
organisations of different regions that look like the same one. Pure: records in, records and
file texts out (into the text streams it is given, write_aggregate).

Every region carries the national layer, and its ids are derived from slugs under one NAMESPACE
(formats/hsds.py), so the same id turns up in several regions: often the same record, sometimes
not (a national offer's service areas and first provider depend on the region; two regions may
use one slug for different things). The rule, for organisations, services and every record nested
in them (phones, contacts, attributes, service areas, taxonomy terms, ...):

    same id, same content (provenance aside) in every region that has it
        -> one record, which holds the provenance of each of those regions;
    same id, different content
        -> the regions are grouped by content, and each group's record gets the id
           uuid5(NAMESPACE, "federation:<key of the group's first region>:<old id>"); every
           reference to the old id in those regions' records is rewritten to it.

Content is compared record by record, a nested record by its id; a re-keyed record changes the
content of the records that refer to it, so the comparison is repeated until nothing changes
(groups only ever split, so it ends). Provenance (HSDS metadata) is always the region's own: its
id becomes uuid5(NAMESPACE, "federation:metadata:<region key>:<old id>") and its updated_by says
which region published it (published_by).

A record holds the aggregate's version of each record nested in it, which may be larger than the
region's copy (an organisation with its contacts where a service held its name and description).
Records that nest one another over and over would so grow without bound, doubling at each step:
nested records are taken over to MAX_NESTED_RECORDS deep, and the records a region is the first to
publish may grow to GROWTH times what it publishes (and GROWTH_SLACK characters); beyond that they
are taken over as the region publishes them.

Memory: the aggregate holds each region's records once. A record the rule does not change is
shared with the region's copy, not copied; the services (most of the data) are assembled one at a
time as they are read (AssembledRecords), so write_aggregate writes the files of the open data in
one pass without holding a second copy of every region's data.
"""

import contextlib
import copy
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO, overload
from urllib.parse import urlsplit

from regiokaart.formats.hsds import (
    LAST_ACTION_TYPE,
    NATIONAL_LAYER,
    TABLES,
    UNKNOWN_PROVIDER_ID,
    Export,
    datapackage,
    region_body,
    stable_id,
    table_header,
    table_row,
    table_rows,
    table_writer,
    taxonomy_record,
    taxonomy_terms,
    unknown_provider,
)

Record = dict[str, Any]
PROVENANCE = "metadata"  # the key of a record's HSDS metadata
# The table of a nested record by the key that holds it; any other key is the table's own name.
_NESTED_TABLE = {"organization": "organizations", "taxonomy_term": "taxonomy_terms"}
# HSDS nests some five records deep (a service's location's address's attribute's term).
MAX_NESTED_RECORDS = 10
GROWTH = 4
GROWTH_SLACK = 1_000_000  # characters, about


@dataclass(frozen=True)
class RegionHsds:
    """One region's published HSDS documents."""

    name: str  # the region's name (from its feed)
    key: str  # a stable folder-safe key of the region
    portal: str  # the region's portal URL
    organizations: list[Record]
    services: list[Record]


@dataclass(frozen=True)
class SharedOrganisation:
    """Distinct organisations of different regions that look like the same one (a report row)."""

    reason: str  # Dutch: "zelfde website x.nl", "zelfde KvK-nummer 123", "zelfde naam 'x'"
    entries: list[tuple[str, str, str]]  # (region name, organisation name, its id in the aggregate)


@dataclass(frozen=True)
class Aggregate:
    """The regions' records as one set, with the report of organisations that look alike."""

    organizations: list[Record]
    services: Sequence[Record]  # AssembledRecords: each assembled when it is read
    shared: list[SharedOrganisation]
    # In Dutch: what could not be taken over as a region published it, and what was done instead.
    problems: list[str] = field(default_factory=list)


def federated_id(region_key: str, old_id: str) -> str:
    """The id of a region's record whose id other regions use for different content."""
    return stable_id(f"federation:{region_key}:{old_id}")


def federated_metadata_id(region_key: str, old_id: str) -> str:
    """The id of a region's provenance record in the aggregate."""
    return stable_id(f"federation:metadata:{region_key}:{old_id}")


def published_by(updated_by: str, region: str) -> str:
    """Who answers for a record, and which region published it: the region's own record keeps
    "regio <name>"; any other gets ", gepubliceerd door regio <name>" after it
    ("landelijke laag van regiokaart, gepubliceerd door regio X")."""
    own = region_body(region)
    return updated_by if updated_by == own else f"{updated_by}, gepubliceerd door {own}"


def aggregate(regions: Sequence[RegionHsds]) -> Aggregate:
    """One set of organisations and services from every region's, by the rule of the module
    docstring, with the organisations of different regions that look alike."""
    keys = [region.key for region in regions]
    if len(set(keys)) != len(keys):
        raise ValueError("every region needs a key of its own")
    problems: list[str] = []
    documents = [_usable(region, problems) for region in regions]
    new_ids = _new_ids(documents, keys)
    published = [
        _with_own_provenance(_rewritten(docs, ids), region)
        for docs, ids, region in zip(documents, new_ids, regions, strict=True)
    ]
    found = _Found.of(published)
    names = [region.name for region in regions]
    grown = found.grown_too_much(published)
    problems += [
        f"regio {names[r]}: haar records nesten elkaar zo vaak dat ze samen te groot worden; "
        "overgenomen zoals de regio ze publiceert"
        for r in sorted(grown)
    ]
    organizations = [
        found.assembled(i, whole=found.regions[i][0] not in grown)
        for i in found.ids_of("organizations")
    ]
    services = AssembledRecords(found, found.ids_of("services"), frozenset(grown))
    publishers = {i: [names[r] for r in found.regions[i]] for i in found.ids_of("organizations")}
    # 'Aanbieder onbekend' is no organisation, under whichever id a region's version has here.
    placeholders = {ids.get(UNKNOWN_PROVIDER_ID, UNKNOWN_PROVIDER_ID) for ids in new_ids}
    shared = shared_organisations(
        [o for o in organizations if o["id"] not in placeholders], publishers, names
    )
    return Aggregate(organizations, services, shared, problems)


class AssembledRecords(Sequence[Record]):
    """Records of the aggregate, each assembled (_Found.assembled) when it is read: a new copy at
    every read. Equal to any sequence of the same records."""

    def __init__(self, found: "_Found", ids: list[str], grown: frozenset[int]) -> None:
        self._found, self._ids, self._grown = found, ids, grown

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        record_id = self._ids[index]
        return self._found.assembled(
            record_id, whole=self._found.regions[record_id][0] not in self._grown
        )

    def __iter__(self) -> Iterator[Record]:
        for index in range(len(self)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or len(other) != len(self):
            return False
        return all(mine == theirs for mine, theirs in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"AssembledRecords({len(self)} records)"


# ---------------------------------------------------------------------------------------------
# A region's documents

Documents = dict[str, list[Record]]  # "organizations" and "services"
TOP_TABLES = ("organizations", "services")


def _is_record(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str)


def _records(documents: Documents) -> Iterator[tuple[str, Record]]:
    """Every record in a region's documents with its table, each before the records it holds,
    organisations before services; provenance records not included."""
    for table in TOP_TABLES:
        for record in documents[table]:
            yield from _walk(table, record)


def _walk(table: str, record: Record) -> Iterator[tuple[str, Record]]:
    yield table, record
    for key, value in record.items():
        if key == PROVENANCE:
            continue
        for child in value if isinstance(value, list) else [value]:
            if _is_record(child):
                yield from _walk(_NESTED_TABLE.get(key, key), child)


def _usable(region: RegionHsds, problems: list[str]) -> Documents:
    """The region's documents as the aggregate can take them: a service without provenance left
    out (a fact without source and date is not published); a service whose organisation the
    region does not publish linked to 'Aanbieder onbekend'; another record's organization_id
    that leads nowhere left out. Each said in problems. The region's records are not changed;
    what stays as it is, is shared with them."""
    organizations = list(region.organizations)
    known = {o["id"] for o in organizations if _is_record(o)}
    known |= {s["organization"]["id"] for s in region.services if _is_record(s.get("organization"))}
    services = []
    for service in region.services:
        named = f"regio {region.name}: dienst '{service.get('name', service['id'])}'"
        if not any(_is_record(entry) for entry in service.get(PROVENANCE) or []):
            problems.append(f"{named} heeft geen herkomst (metadata) en is niet opgenomen")
            continue
        if service.get("organization_id") not in known:
            problems.append(
                f"{named} noemt een organisatie die de regio niet publiceert; "
                "gekoppeld aan 'Aanbieder onbekend'"
            )
            service = {
                **service,
                "organization_id": UNKNOWN_PROVIDER_ID,
                "organization": unknown_provider(),
            }
        services.append(service)
    if UNKNOWN_PROVIDER_ID in {s["organization_id"] for s in services} - known:
        organizations.append(unknown_provider())
        known.add(UNKNOWN_PROVIDER_ID)
    dropped: list[str] = []
    documents = {
        "organizations": _known_organisations(organizations, known, dropped),
        "services": _known_organisations(services, known, dropped),
    }
    if dropped:
        count = len(dropped)
        problems.append(
            f"regio {region.name}: {count} verwijzing{'en' if count > 1 else ''} naar een "
            "organisatie die de regio niet publiceert weggelaten (organization_id)"
        )
    return documents


def _same_list(items: list[Any], value: list[Any]) -> list[Any]:
    """value when items holds the very same objects, else items: a list is copied only where
    something in it changed."""
    return value if all(new is old for new, old in zip(items, value, strict=True)) else items


def _same_dict(items: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
    """As _same_list, for an object with the same keys."""
    return value if all(items[key] is old for key, old in value.items()) else items


def _known_organisations(value: Any, known: set[str], dropped: list[str]) -> Any:
    """value without any organization_id that names none of known (the services' are known by
    now), copied only where one is left out; each one left out is added to dropped."""
    if isinstance(value, list):
        return _same_list([_known_organisations(item, known, dropped) for item in value], value)
    if not isinstance(value, dict):
        return value
    kept = {}
    for key, item in value.items():
        if key == "organization_id" and item not in known:
            dropped.append(str(item))
        else:
            kept[key] = _known_organisations(item, known, dropped)
    return value if len(kept) == len(value) and _same_dict(kept, value) is value else kept


def _rewritten(value: Any, ids: Mapping[str, str]) -> Any:
    """value with every text that is a re-keyed id replaced by the new id, copied only where one
    is."""
    if not ids or isinstance(value, bool | int | float | None):
        return value
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, list):
        return _same_list([_rewritten(item, ids) for item in value], value)
    if isinstance(value, dict):
        return _same_dict({key: _rewritten(item, ids) for key, item in value.items()}, value)
    return value


def _with_own_provenance(documents: Documents, region: RegionHsds) -> Documents:
    """documents with each provenance record made the region's own: an id of its own and
    updated_by naming the region. The records that change are copies; documents is not changed."""
    return {table: [_owned(record, region) for record in documents[table]] for table in documents}


def _owned(record: Record, region: RegionHsds) -> Record:
    """record with its provenance made the region's own (_with_own_provenance), and that of every
    record it holds (the records _walk visits); record itself when it holds no provenance."""
    changed: Record = {}
    for key, value in record.items():
        if key == PROVENANCE:
            if isinstance(value, list) and any(_is_record(entry) for entry in value):
                changed[key] = [
                    _owned_entry(entry, region) if _is_record(entry) else entry for entry in value
                ]
        elif isinstance(value, list):
            items = [_owned(child, region) if _is_record(child) else child for child in value]
            if _same_list(items, value) is not value:
                changed[key] = items
        elif _is_record(value):
            owned = _owned(value, region)
            if owned is not value:
                changed[key] = owned
    return {**record, **changed} if changed else record


def _owned_entry(entry: Record, region: RegionHsds) -> Record:
    return {
        **entry,
        "id": federated_metadata_id(region.key, entry["id"]),
        "updated_by": published_by(str(entry.get("updated_by", "")), region.name),
    }


# ---------------------------------------------------------------------------------------------
# Which ids are re-keyed


def _content(record: Record) -> Record:
    """A record's content as compared: without its id and provenance, a nested record by its id
    (it is compared on its own)."""
    return {key: _by_id(item) for key, item in record.items() if key not in ("id", PROVENANCE)}


def _by_id(value: Any) -> Any:
    if _is_record(value):
        return {"record": value["id"]}
    if isinstance(value, list):
        return [_by_id(item) for item in value]
    if isinstance(value, dict):
        return {key: _by_id(item) for key, item in value.items()}
    return value


def _new_ids(documents: Sequence[Documents], keys: Sequence[str]) -> list[dict[str, str]]:
    """For each region, its ids that other regions use for different content, with their new id."""
    # Per region, the content of each id as its first occurrence has it (an organisation before
    # the copy a service holds, which may leave out its contacts).
    contents: list[dict[str, Any]] = []
    for docs in documents:
        own: dict[str, Any] = {}
        for _, record in _records(docs):
            own.setdefault(record["id"], _content(record))
        contents.append(own)
    holders: dict[str, list[int]] = {}
    for region, own in enumerate(contents):
        for record_id in own:
            holders.setdefault(record_id, []).append(region)
    shared = {record_id: found for record_id, found in holders.items() if len(found) > 1}
    # Per region, the shared records whose content holds an id (nested or as a reference): they
    # are compared again when that id is re-keyed in the region, and only they. Comparing every
    # record again until nothing changes would take a round per link of a chain of references.
    mentioned_by: list[dict[str, list[str]]] = []
    for own in contents:
        mentions: dict[str, list[str]] = {}
        for record_id, content in own.items():
            if record_id in shared:
                for text in dict.fromkeys(_strings(content)):
                    if text in shared:
                        mentions.setdefault(text, []).append(record_id)
        mentioned_by.append(mentions)
    ids: list[dict[str, str]] = [{} for _ in documents]
    pending = dict.fromkeys(shared)  # in order, once each
    while pending:  # groups only split, so this ends
        record_id = next(iter(pending))
        del pending[record_id]
        groups: dict[str, list[int]] = {}
        for region in shared[record_id]:
            compared = _rewritten(contents[region][record_id], ids[region])
            groups.setdefault(json.dumps(compared, sort_keys=True), []).append(region)
        if len(groups) == 1:
            continue
        for members in groups.values():
            new_id = federated_id(keys[members[0]], record_id)
            for region in members:
                if ids[region].get(record_id) != new_id:
                    ids[region][record_id] = new_id
                    pending.update(dict.fromkeys(mentioned_by[region].get(record_id, [])))
    return ids


def _strings(value: Any) -> Iterator[str]:
    """Every text in a JSON value that _rewritten may rewrite (not the keys of an object)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | dict):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


# ---------------------------------------------------------------------------------------------
# The aggregate's records


@dataclass(frozen=True)
class _Found:
    """Each record of the (rewritten) regions once: as the first region has it, with the
    provenance of every region that has it."""

    first: dict[str, Record]
    table: dict[str, str]
    provenance: dict[str, dict[str, Record]]  # by record id, then provenance id
    regions: dict[str, list[int]]  # the regions that publish each record, by their index

    @classmethod
    def of(cls, regions: Sequence[Documents]) -> "_Found":
        found = cls({}, {}, {}, {})
        for index, documents in enumerate(regions):
            seen: set[str] = set()
            for table, record in _records(documents):
                record_id = record["id"]
                if record_id in seen:
                    continue  # a copy held elsewhere: the first occurrence is the region's own
                seen.add(record_id)
                found.first.setdefault(record_id, record)
                found.table.setdefault(record_id, table)
                entries = found.provenance.setdefault(record_id, {})
                for entry in record.get(PROVENANCE) or []:
                    if _is_record(entry):
                        entries.setdefault(entry["id"], entry)
                found.regions.setdefault(record_id, []).append(index)
        return found

    def ids_of(self, table: str) -> list[str]:
        return [record_id for record_id, name in self.table.items() if name == table]

    def assembled(
        self, record_id: str, within: frozenset[str] = frozenset(), *, whole: bool = True
    ) -> Record:
        """The record with every nested record as the aggregate has it (whole; else as the first
        region publishes it), and its provenance from every region. A copy: no two places share
        a dict."""
        record = self.first[record_id]
        within = within | {record_id} if whole else frozenset(self.first)
        result = {key: self._value(value, within) for key, value in record.items()}
        entries = list(self.provenance[record_id].values())
        if entries:
            result[PROVENANCE] = [copy.deepcopy(entry) for entry in entries]
        return result

    def _value(self, value: Any, within: frozenset[str]) -> Any:
        if isinstance(value, list):
            return [self._value(item, within) for item in value]
        if self._taken_over(value, len(within)) and value["id"] not in within:
            return self.assembled(value["id"], within)
        if isinstance(value, dict):
            return {key: self._value(item, within) for key, item in value.items()}
        return value

    def _taken_over(self, value: Any, depth: int) -> bool:
        """Whether value is a nested record that assembled replaces by the aggregate's version."""
        return _is_record(value) and depth < MAX_NESTED_RECORDS and value["id"] in self.first

    def grown_too_much(self, regions: Sequence[Documents]) -> set[int]:
        """The regions whose records (those each is the first to publish) would grow beyond
        GROWTH times what it publishes, and GROWTH_SLACK, when assembled whole."""
        sizes: dict[tuple[str, int], int] = {}
        grown: dict[int, int] = {}
        for record_id in (*self.ids_of("organizations"), *self.ids_of("services")):
            owner = self.regions[record_id][0]
            grown[owner] = grown.get(owner, 0) + self._size(record_id, 0, sizes)
        return {
            index
            for index, size in grown.items()
            if size > GROWTH * _size_as_written(regions[index]) + GROWTH_SLACK
        }

    def _size(self, record_id: str, depth: int, sizes: dict[tuple[str, int], int]) -> int:
        """About how many characters the record takes assembled at depth (more, not less: the
        records it nests are counted also where assembled leaves one as written)."""
        key = (record_id, depth)
        if key not in sizes:
            sizes[key] = 0  # a record that holds itself: it is in there as written
            sizes[key] = 2 + sum(
                len(name) + 4 + self._weight(value, depth + 1, sizes)
                for name, value in self.first[record_id].items()
            )
        return sizes[key]

    def _weight(self, value: Any, depth: int, sizes: dict[tuple[str, int], int]) -> int:
        if isinstance(value, list):
            return 2 + sum(1 + self._weight(item, depth, sizes) for item in value)
        if self._taken_over(value, depth):
            return self._size(value["id"], depth, sizes)
        if isinstance(value, dict):
            return 2 + sum(
                len(name) + 4 + self._weight(item, depth, sizes) for name, item in value.items()
            )
        return len(value) + 2 if isinstance(value, str) else 8


def _size_as_written(documents: Documents) -> int:
    """About how many characters a region's documents take as JSON."""
    return len(_compact(documents))


# ---------------------------------------------------------------------------------------------
# Organisations of different regions that look alike

# Legal forms left out of a name when comparing (after dots are removed: b.v. -> bv).
LEGAL_FORMS = frozenset(
    {"stichting", "vereniging", "coöperatie", "cooperatie", "bv", "nv", "vof", "cv", "ua"}
)
_KVK = re.compile(r"\bkvk\b|kamer van koophandel")


def website_key(url: str) -> str | None:
    """A website as compared: lowercase host without "www.", path without trailing slash;
    scheme, port, query and fragment ignored. None when there is no host."""
    text = url.strip()
    try:
        parts = urlsplit(text if "://" in text else "//" + text)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return None
    return host + parts.path.rstrip("/") if host else None


def name_key(name: str) -> str | None:
    """A name as compared: casefolded, dots and apostrophes removed, other punctuation a space,
    legal forms (LEGAL_FORMS) left out, whitespace collapsed. None when nothing is left."""
    text = re.sub(r"[.'’]", "", name.casefold())
    words = [word for word in re.split(r"[\W_]+", text) if word and word not in LEGAL_FORMS]
    return " ".join(words) or None


def kvk_numbers(organization: Record) -> list[str]:
    """The organisation's KvK numbers: its organization_identifiers whose identifier_scheme or
    identifier_type names the KvK (Kamer van Koophandel), spaces and dots removed."""
    numbers = []
    for entry in organization.get("organization_identifiers") or []:
        if not isinstance(entry, dict):
            continue
        kind = f"{entry.get('identifier_scheme') or ''} {entry.get('identifier_type') or ''}"
        number = re.sub(r"[\s.]", "", str(entry.get("identifier") or ""))
        if _KVK.search(kind.casefold()) and number:
            numbers.append(number)
    return numbers


def _likeness(organization: Record) -> list[tuple[int, str, str]]:
    """What makes an organisation look like another: (order, key, reason) for each KvK number,
    its website and its name."""
    numbers = dict.fromkeys(kvk_numbers(organization))  # each once
    found = [(0, number, f"zelfde KvK-nummer {number}") for number in numbers]
    website = website_key(str(organization.get("website") or ""))
    if website:
        found.append((1, website, f"zelfde website {website}"))
    name = name_key(str(organization.get("name") or ""))
    if name:
        found.append((2, name, f"zelfde naam '{name}'"))
    return found


def shared_organisations(
    organizations: Sequence[Record], publishers: Mapping[str, list[str]], regions: Sequence[str]
) -> list[SharedOrganisation]:
    """Distinct organisations that look like the same one (same KvK number, website or name; see
    _likeness) and are published by more than one region between them. Two organisations alike
    in more than one way are one row, with every reason."""
    groups: dict[tuple[int, str], tuple[str, list[str]]] = {}
    for organization in organizations:
        for order, key, reason in _likeness(organization):
            groups.setdefault((order, key), (reason, []))[1].append(organization["id"])
    rows: dict[tuple[str, ...], list[str]] = {}  # the ids of organisations alike: the reasons
    for _, (reason, alike) in sorted(groups.items()):
        published = {region for i in alike for region in publishers[i]}
        if len(alike) > 1 and len(published) > 1:
            rows.setdefault(tuple(alike), []).append(reason)
    position = {name: index for index, name in enumerate(regions)}
    by_id = {o["id"]: o for o in organizations}
    return [
        SharedOrganisation(
            "; ".join(reasons),
            sorted(
                (
                    (region, str(by_id[i].get("name", "")), i)
                    for i in ids
                    for region in publishers[i]
                ),
                key=lambda entry: (position[entry[0]], entry[1], entry[2]),
            ),
        )
        for ids, reasons in rows.items()
    ]


# ---------------------------------------------------------------------------------------------
# Files


def _compact(value: Any) -> str:
    """value as the aggregate's JSON files write it: UTF-8 text, no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json(value: Any) -> str:
    return _compact(value) + "\n"


def _found_terms(records: Sequence[Record], found: dict[str, Record]) -> None:
    """Add the taxonomy terms the records' attributes hold to found (by id, the first of each)."""
    for record in records:
        for attribute in record.get("attributes") or []:
            term = attribute.get("taxonomy_term")
            if _is_record(term):
                found.setdefault(term["id"], term)


def _terms(found: dict[str, Record]) -> list[Record]:
    """The taxonomy terms of the tables: those the regions' attributes hold (found, _found_terms),
    then the rest of regiokaart's taxonomy (the parents among them). A reference to a term or
    taxonomy the tables do not hold (a term of another taxonomy) is left out of its row."""
    found = dict(found)
    for term in taxonomy_terms():
        found.setdefault(term["id"], term)
    taxonomy = taxonomy_record()["id"]
    rows = []
    for term in found.values():
        row = dict(term)
        if row.get("parent_id") not in found:
            row.pop("parent_id", None)
        if row.get("taxonomy_id") != taxonomy:
            row.pop("taxonomy_id", None)
        rows.append(row)
    return rows


README = """\
Open Referral HSDS 3.0: {title}
{underline}

Deze map bevat de organisaties en het aanbod van de regionale portalen samen, zoals elke regio
ze publiceert, in HSDS 3.0, de Human Services Data Specification van Open Referral
(https://openreferral.org/).

json/      organizations.json en services.json (elke dienst met zijn organisatie, werkgebieden,
           attributen en herkomst).
tabular/   dezelfde gegevens als tabellen: één CSV-bestand per tabel met datapackage.json
           (Frictionless Data), met de taxonomie 'regiokaart'. Een cel die met =, +, - of @
           begint, krijgt een apostrof ervoor, zodat een spreadsheet hem niet als formule uitvoert.

Herkomst: elk record heeft een metadata-record van elke regio die het publiceert, met haar
peildatum (last_action_date, '{action}': gecontroleerd aan de bron) en haar bron
(replacement_value). updated_by zegt wie voor het record verantwoordelijk is en welke regio het
publiceert: 'regio <naam>' voor het eigen aanbod van een regio, en anders bijvoorbeeld
'{national}, gepubliceerd door regio <naam>'.

Dubbele records: de landelijke laag staat in elke regio, met dezelfde id. Publiceren regio's een
record met dezelfde id en dezelfde inhoud (de herkomst niet meegerekend), dan staat het hier één
keer onder die id, met de herkomst van elk van die regio's. Verschilt de inhoud (een landelijk aanbod met een
ander werkgebied of een andere aanbieder per regio, of twee regio's die dezelfde id voor iets
anders gebruiken), dan krijgt elke groep regio's met dezelfde inhoud een eigen id, afgeleid van
de eerste regio van de groep en de oude id; elke verwijzing in de records van die regio's wijst
naar de nieuwe id. Organisaties van verschillende regio's die alleen op elkaar lijken (zelfde
website, KvK-nummer of naam) worden niet samengevoegd.

Een dienst zonder herkomst wordt niet opgenomen. Een dienst waarvan de regio de organisatie niet
publiceert, is gekoppeld aan 'Aanbieder onbekend'; een andere verwijzing naar zo'n organisatie
(organization_id) is weggelaten. De licentie van de gegevens is die van elke regio: zie de
export op het portaal van de regio.

Gemaakt met 'regiokaart federate'.
"""


# The files of the aggregate's open data, by their path inside its folder.
FILES = (
    "LEESMIJ.txt",
    "json/organizations.json",
    "json/services.json",
    *(f"tabular/{table}.csv" for table in TABLES),
    "tabular/datapackage.json",
)
OpenText = Callable[
    [str], contextlib.AbstractContextManager[TextIO]
]  # a file of FILES, opened for writing


def write_aggregate(aggregate: Aggregate, title: str, open_text: OpenText) -> None:
    """Write every file of FILES, each into the stream open_text gives for its path (opened with
    newline="", so the tables keep their CRLF): the JSON documents, the tables with their data
    package, and LEESMIJ.txt. One pass over the services, each assembled once."""
    organizations = aggregate.organizations
    heading = f"Open Referral HSDS 3.0: {title}"
    with contextlib.ExitStack() as stack:
        out = {path: stack.enter_context(open_text(path)) for path in FILES}
        out["LEESMIJ.txt"].write(
            README.format(
                title=title,
                underline="=" * len(heading),
                action=LAST_ACTION_TYPE,
                national=NATIONAL_LAYER,
            )
        )
        out["json/organizations.json"].write(_json(organizations))
        tables = {table: table_writer(out[f"tabular/{table}.csv"]) for table in TABLES}
        for table, writer in tables.items():
            writer.writerow(table_header(TABLES[table]))
        terms: dict[str, Record] = {}

        def write_rows(export: Export) -> None:
            for table, records in table_rows(export).items():
                tables[table].writerows(table_row(TABLES[table], record) for record in records)
            _found_terms([*export.organizations, *export.services], terms)

        contacts = [c for o in organizations for c in o.get("contacts") or []]
        write_rows(Export(organizations, [], contacts, [taxonomy_record()], []))
        services = out["json/services.json"]
        services.write("[")
        for index, service in enumerate(aggregate.services):
            services.write(("," if index else "") + _compact(service))
            write_rows(Export([], [service], [], [], []))
        services.write("]\n")
        write_rows(Export([], [], [], [], _terms(terms)))
        package = datapackage(title, None)
        package["name"] = "regiokaart-federatie-hsds"
        package["title"] = f"Hulpaanbod huiselijk geweld en kindermishandeling: {title} (HSDS 3.0)"
        out["tabular/datapackage.json"].write(_json(package))


def render_aggregate(aggregate: Aggregate, title: str) -> dict[str, str]:
    """Every file of the aggregate's open data (write_aggregate), by its path inside the folder."""
    texts: dict[str, io.StringIO] = {}

    @contextlib.contextmanager
    def open_text(path: str) -> Iterator[TextIO]:
        texts[path] = io.StringIO(newline="")
        yield texts[path]

    write_aggregate(aggregate, title, open_text)
    return {path: text.getvalue() for path, text in texts.items()}
