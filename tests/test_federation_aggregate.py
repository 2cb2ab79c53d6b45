"""regiokaart federate, aggregating: the regions' real HSDS exports (Flevoland and three small
regions sharing a national layer) become one set in which each id is one record, identical
records are merged with the provenance of every region, differing ones are re-keyed with every
reference rewritten, every record is valid HSDS 3.0 and every link resolves; organisations of
different regions that look alike are reported."""

import copy
import csv
import io
import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from regiokaart.dataset import Dataset
from regiokaart.federation.aggregate import (
    Aggregate,
    RegionHsds,
    aggregate,
    federated_id,
    federated_metadata_id,
    kvk_numbers,
    name_key,
    published_by,
    render_aggregate,
    website_key,
)
from regiokaart.formats.hsds import NATIONAL_LAYER, TABLES, UNKNOWN_PROVIDER_ID, collect, stable_id
from tests.conftest import FIXTURE, checked, replace_in
from tests.test_hsds import FOREIGN_KEYS, OFFICIAL, dangling_references, validator

Record = dict[str, Any]

# A national layer the three small regions share: an organisation and an offer of its own.
NATIONAL_ORGANISATIONS = """\
organisations:
  - id: landelijke-hulplijn
    name: Landelijke Hulplijn
    type: overig
    area: {scope: landelijk}
    website: https://www.hulplijn.example.nl/
    source: {document: testbron, section: "4"}
    peildatum: 2026-01-15
"""
NATIONAL_OFFERS = """\
offers:
  - id: landelijke-chat
    name: Landelijke chat
    categories: [laagdrempelig]
    summary: Anoniem chatten.
    roles: [pleger]
    frameworks: [vrijwillig]
    effectiveness: Onbekend
    providers: [landelijke-hulplijn]
    area: {scope: landelijk}
    source: {document: testbron, section: "4"}
    peildatum: 2026-01-15
"""


def organisation_yaml(slug: str, name: str, website: str | None = None) -> str:
    link = f"\n    website: {website}" if website else ""
    return f"""
  - id: {slug}
    name: {name}
    type: overig
    area: {{scope: landelijk}}{link}
    source: {{document: testbron, section: "5"}}
    peildatum: 2026-01-15
"""


# What each small region adds to the fixture's organisations, or changes in them.
OWN_ORGANISATIONS = {
    "Testland": [],
    "Proefland": [
        organisation_yaml(
            "zorgpunt-proefland", "Zorgpunt Proefland", "https://www.zorgpunt.example.nl/start/"
        ),
        organisation_yaml("brug-proefland", "Stichting De Brug", "https://debrug.example.nl"),
        organisation_yaml("praktijk-oost", "Praktijk Oost"),
        # alike, but in one region only: that region's own business
        organisation_yaml("hulppunt-a", "Hulppunt A", "https://hulppunt.example.nl"),
        organisation_yaml("hulppunt-b", "Hulppunt B", "https://hulppunt.example.nl/"),
    ],
    "Zuidland": [
        organisation_yaml("zorgpunt", "Zorgpunt Zuid", "http://zorgpunt.example.nl/start"),
        organisation_yaml("de-brug-zuid", "De Brug B.V.", "https://www.debrug.example.nl/"),
        organisation_yaml("praktijk-west", "Praktijk West"),
    ],
}
KEYS = {
    "Flevoland": "flevoland",
    "Testland": "testland",
    "Proefland": "proefland",
    "Zuidland": "zuidland",
}


def small_region(root: Path, name: str) -> Dataset:
    """The fixture region as name, with the shared national layer and its own edits."""
    data = root / "data"
    shutil.copytree(FIXTURE / "data", data)
    shutil.copytree(FIXTURE / "national", root / "national")
    (root / "national" / "organisations.yaml").write_text(NATIONAL_ORGANISATIONS, "utf-8")
    (root / "national" / "offers.yaml").write_text(NATIONAL_OFFERS, "utf-8")
    replace_in(data / "region.yaml", "name: Testland", f"name: {name}")
    organisations = data / "organisations.yaml"
    if name == "Proefland":  # the same slug for other content
        replace_in(organisations, "name: Veilig Thuis Testland", "name: Veilig Thuis Proefland")
    if name == "Zuidland":  # a municipality the other regions have as it is
        replace_in(organisations, "name: Gemeente Zuiddorp", "name: Gemeente Zuiddorp-Zuid")
    with organisations.open("a", encoding="utf-8") as stream:
        stream.write("".join(OWN_ORGANISATIONS[name]))
    return checked(data, today=date(2026, 2, 1))


KVK = {
    "praktijk-oost": ("NL-KVK", "Handelsregister", "1234 5678"),
    "praktijk-west": (None, "KvK-nummer", "12345678"),
}


def with_kvk(organizations: list[Record]) -> list[Record]:
    """Our export names no KvK number yet: the two practices get one as HSDS would hold it."""
    result = []
    for organization in organizations:
        for slug, (scheme, kind, number) in KVK.items():
            if organization["id"] == stable_id(f"organisation:{slug}"):
                identifier = {
                    "id": stable_id(f"test:kvk:{slug}"),
                    "organization_id": organization["id"],
                    "identifier_type": kind,
                    "identifier": number,
                }
                if scheme:
                    identifier["identifier_scheme"] = scheme
                organization = {**organization, "organization_identifiers": [identifier]}
        result.append(organization)
    return result


def region_of(name: str, dataset: Dataset) -> RegionHsds:
    export = collect(dataset)
    return RegionHsds(
        name=name,
        key=KEYS[name],
        portal=f"https://{KEYS[name]}.example.nl",
        organizations=with_kvk(export.organizations),
        services=export.services,
    )


@pytest.fixture(scope="module")
def regions(flevoland: Dataset, tmp_path_factory: pytest.TempPathFactory) -> list[RegionHsds]:
    found = [region_of("Flevoland", flevoland)]
    for name in ("Testland", "Proefland", "Zuidland"):
        dataset = small_region(tmp_path_factory.mktemp(name.lower()), name)
        assert dataset.region.name == name
        found.append(region_of(name, dataset))
    return found


@pytest.fixture(scope="module")
def result(regions: list[RegionHsds]) -> Aggregate:
    return aggregate(regions)


@pytest.fixture(scope="module")
def files(result: Aggregate) -> dict[str, str]:
    return render_aggregate(result, "Landelijk overzicht")


def by_id(records: list[Record]) -> dict[str, Record]:
    return {record["id"]: record for record in records}


def tables(files: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    return {
        name.removeprefix("tabular/").removesuffix(".csv"): list(csv.DictReader(io.StringIO(text)))
        for name, text in files.items()
        if name.endswith(".csv")
    }


def strings(value: Any) -> Iterator[str]:
    """Every text anywhere in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)


def without_metadata(value: Any) -> Any:
    if isinstance(value, list):
        return [without_metadata(item) for item in value]
    if isinstance(value, dict):
        return {k: without_metadata(v) for k, v in value.items() if k != "metadata"}
    return value


def named(records: list[Record], name: str) -> list[Record]:
    return [record for record in records if record.get("name") == name]


# ---------------------------------------------------------------------------------------------
# Valid HSDS, unique ids, every link resolving


@pytest.mark.parametrize(
    ("name", "table"), [("organizations", "organization"), ("services", "service")]
)
def test_every_document_is_valid_hsds(files: dict[str, str], name: str, table: str) -> None:
    documents = json.loads(files[f"json/{name}.json"])
    assert documents
    check = validator(table)
    for document in documents:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(document)]
        assert not errors, (document.get("name"), errors)


@pytest.mark.parametrize("table", list(TABLES))
def test_every_row_is_valid_hsds(files: dict[str, str], table: str) -> None:
    package = json.loads(files["tabular/datapackage.json"])
    resource = next(r for r in package["resources"] if r["name"] == table)
    header = next(csv.reader(io.StringIO(files[f"tabular/{table}.csv"])))
    assert header == [f["name"] for f in resource["schema"]["fields"]]
    numbers = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "number"}
    missing = resource["schema"].get("missingValues", [""])
    check = validator(
        OFFICIAL[table.removesuffix("s") if table != "taxonomies" else "taxonomy"]["name"]
    )
    rows = tables(files)[table]
    assert rows
    for row in rows:
        record = {k: float(v) if k in numbers else v for k, v in row.items() if v not in missing}
        errors = [e.message for e in check.iter_errors(record)]
        assert not errors, (table, row, errors)


def test_ids_are_unique_in_every_table(files: dict[str, str]) -> None:
    for table, rows in tables(files).items():
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), table
    documents = {
        name: json.loads(files[f"json/{name}.json"]) for name in ("organizations", "services")
    }
    for name, records in documents.items():
        assert len(by_id(records)) == len(records), name


def test_every_foreign_key_resolves_in_the_tables(files: dict[str, str]) -> None:
    found = tables(files)
    assert all(found[table] for table, _ in FOREIGN_KEYS)  # each relation has rows to check
    assert dangling_references(json.loads(files["tabular/datapackage.json"]), found) == []


def wrong_links(organizations: list[Record], services: list[Record]) -> list[str]:
    """Every link in the JSON documents that does not lead where it should: a nested record's
    link to the record holding it, a service's organization_id to a published organisation
    that is the one it holds, an attribute's term to the term it holds."""
    published = by_id(organizations)
    wrong = []

    def held(record: Record, entity: str) -> None:
        for attribute in record.get("attributes", []):
            if (attribute["link_id"], attribute["link_entity"]) != (record["id"], entity):
                wrong.append(f"attribute {attribute['id']} link_id {attribute['link_id']}")
            if attribute["taxonomy_term_id"] != attribute["taxonomy_term"]["id"]:
                wrong.append(f"attribute {attribute['id']} taxonomy_term_id")
        for entry in record.get("metadata", []):
            if (entry["resource_id"], entry["resource_type"]) != (record["id"], entity):
                wrong.append(f"metadata {entry['id']} resource_id {entry['resource_id']}")

    for organization in organizations:
        held(organization, "organization")
        for phone in organization.get("phones", []):
            if phone.get("organization_id") != organization["id"]:
                wrong.append(f"phone {phone['id']} organization_id {phone.get('organization_id')}")
        for contact in organization.get("contacts", []):
            if contact["organization_id"] != organization["id"]:
                wrong.append(f"contact {contact['id']} organization_id")
            for phone in contact.get("phones", []):
                if phone["contact_id"] != contact["id"]:
                    wrong.append(f"phone {phone['id']} contact_id {phone['contact_id']}")
    for service in services:
        held(service, "service")
        if service["organization_id"] not in published:
            wrong.append(f"service {service['id']} organization_id {service['organization_id']}")
        elif service["organization"] != published[service["organization_id"]]:
            wrong.append(f"service {service['id']} holds another organisation")
        for area in service.get("service_areas", []):
            if area["service_id"] != service["id"]:
                wrong.append(f"service_area {area['id']} service_id {area['service_id']}")
    return wrong


def test_every_link_in_the_documents_resolves(result: Aggregate) -> None:
    assert wrong_links(result.organizations, result.services) == []


def test_a_link_left_to_an_old_id_is_caught(result: Aggregate, regions: list[RegionHsds]) -> None:
    """The check itself works: put back the old id in any one reference of a re-keyed record of
    Proefland (as re-keying would leave it had it forgotten that kind of reference) and it is found."""
    old = stable_id("organisation:veilig-thuis-testland")
    new = federated_id("proefland", old)
    service = next(s for s in result.services if s["organization_id"] == new)
    cases = {
        "services.organization_id": lambda s, o: s.update(organization_id=old),
        "organization.id": lambda s, o: s["organization"].update(id=old),
        "attributes.link_id": lambda s, o: o["attributes"][0].update(link_id=old),
        "metadata.resource_id": lambda s, o: o["metadata"][0].update(resource_id=old),
        "phones.organization_id": lambda s, o: o["phones"][0].update(organization_id=old),
        "contacts.organization_id": lambda s, o: o["contacts"][0].update(organization_id=old),
    }
    for case, mutate in cases.items():
        organizations = copy.deepcopy(result.organizations)
        services = [copy.deepcopy(s) if s is service else s for s in result.services]
        changed = next(s for s in services if s["id"] == service["id"])
        mutate(changed, by_id(organizations)[new])
        assert wrong_links(organizations, services), case


def test_no_old_id_of_a_record_re_keyed_everywhere_is_left(
    result: Aggregate, files: dict[str, str]
) -> None:
    """Veilig Thuis Testland differs in each small region (its contact names the region; in
    Proefland it has another name): its old id, and that of the regions' contact, is nowhere."""
    gone = [stable_id("organisation:veilig-thuis-testland"), stable_id("contact:region")]
    texts = set(strings([result.organizations, result.services]))
    assert not set(gone) & texts
    assert not any(old in text for old in gone for text in files.values())


# ---------------------------------------------------------------------------------------------
# Merged when equal, re-keyed when not


def test_an_identical_record_of_several_regions_is_one_with_every_provenance(
    result: Aggregate,
) -> None:
    """The national layer's organisation and offer, and a municipality three regions publish
    alike: one record each, under its own id, with a provenance record of each region."""
    cases = [
        (result.organizations, "organisation:gemeente-noordstad", "regio {}"),
        (
            result.organizations,
            "organisation:landelijke-hulplijn",
            NATIONAL_LAYER + ", gepubliceerd door regio {}",
        ),
        (
            result.services,
            "service:landelijke-chat",
            NATIONAL_LAYER + ", gepubliceerd door regio {}",
        ),
    ]
    for records, key, by in cases:
        found = by_id(records)[stable_id(key)]
        assert [m["updated_by"] for m in found["metadata"]] == [
            by.format(name) for name in ("Testland", "Proefland", "Zuidland")
        ], key
        assert len(named(records, found["name"])) == 1, key
        old = stable_id(f"metadata:{key}")
        assert [m["id"] for m in found["metadata"]] == [
            federated_metadata_id(region, old) for region in ("testland", "proefland", "zuidland")
        ]


def test_a_record_that_differs_gets_an_id_per_group_of_regions(result: Aggregate) -> None:
    """Gemeente Zuiddorp is the same in Testland and Proefland and renamed in Zuidland: two
    records, the first under an id of the group's first region, with both regions' provenance."""
    old = stable_id("organisation:gemeente-zuiddorp")
    organizations = by_id(result.organizations)
    assert old not in organizations
    shared = organizations[federated_id("testland", old)]
    assert shared["name"] == "Gemeente Zuiddorp"
    assert [m["updated_by"] for m in shared["metadata"]] == ["regio Testland", "regio Proefland"]
    own = organizations[federated_id("zuidland", old)]
    assert own["name"] == "Gemeente Zuiddorp-Zuid"
    assert [m["updated_by"] for m in own["metadata"]] == ["regio Zuidland"]
    assert federated_id("proefland", old) not in organizations


@pytest.mark.parametrize("flevoland_first", [True, False])
def test_a_record_is_re_keyed_with_what_refers_to_it(
    result: Aggregate, regions: list[RegionHsds], flevoland_first: bool
) -> None:
    """Each small region's Veilig Thuis Testland is its own record, and so is each region's
    Steungroep, whose provider it is (the offer is the same, the organisation it names is not);
    each points at its own region's organisation, contact and phones. Also when an organisation
    is met before the contact that sets it apart (without Flevoland, whose contact comes first)."""
    if not flevoland_first:
        result = aggregate(regions[1:])
    old = stable_id("organisation:veilig-thuis-testland")
    organizations = by_id(result.organizations)
    services = by_id(result.services)
    for key, name, region in [
        ("testland", "Veilig Thuis Testland", "Testland"),
        ("proefland", "Veilig Thuis Proefland", "Proefland"),
        ("zuidland", "Veilig Thuis Testland", "Zuidland"),
    ]:
        organization = organizations[federated_id(key, old)]
        assert organization["name"] == name
        [contact] = organization["contacts"]
        assert contact["id"] == federated_id(key, stable_id("contact:region"))
        assert contact["name"] == f"Contactpunt regio {region}"
        assert contact["phones"][0]["contact_id"] == contact["id"]
        service = services[federated_id(key, stable_id("service:steungroep"))]
        assert service["organization_id"] == organization["id"]
        assert [m["updated_by"] for m in service["metadata"]] == [f"regio {region}"]
    assert stable_id("service:steungroep") not in services


def test_records_with_the_same_id_are_merged_only_when_equal(
    result: Aggregate, regions: list[RegionHsds]
) -> None:
    """Every record kept under an id of the regions' own was, in each region that publishes it,
    the same apart from provenance; Flevoland's records, which no other region shares, all keep
    their id."""
    inputs: dict[str, list[Record]] = {}
    for region in regions:
        for record in [*region.organizations, *region.services]:
            inputs.setdefault(record["id"], []).append(without_metadata(record))
    kept = [r for r in [*result.organizations, *result.services] if r["id"] in inputs]
    merged = set()
    for record in kept:
        versions = inputs[record["id"]]
        assert all(version == versions[0] for version in versions), record["name"]
        if len(versions) > 1:
            merged.add(record["id"])
    assert merged == {
        stable_id(key)
        for key in (
            "organisation:gemeente-noordstad",
            "organisation:landelijke-hulplijn",
            "service:landelijke-chat",
        )
    }
    flevoland = regions[0]
    ours = {r["id"] for r in [*result.organizations, *result.services]}
    assert {r["id"] for r in [*flevoland.organizations, *flevoland.services]} <= ours


def test_every_service_names_each_region_that_publishes_it(
    result: Aggregate, regions: list[RegionHsds]
) -> None:
    """Each region's every service is in the aggregate once, with that region's provenance: its
    peildatum and source as the region gave them, updated_by naming the region."""
    services = by_id(result.services)
    for region in regions:
        for service in region.services:
            [entry] = service["metadata"]
            candidates = [
                service["id"],
                *(federated_id(key, service["id"]) for key in KEYS.values()),
            ]
            found = [
                (s, m)
                for s in (services[c] for c in candidates if c in services)
                for m in s["metadata"]
                if m["id"] == federated_metadata_id(region.key, entry["id"])
            ]
            assert len(found) == 1, (region.name, service["name"])
            [(published, provenance)] = found
            assert provenance["resource_id"] == published["id"]
            assert provenance["updated_by"] == published_by(entry["updated_by"], region.name)
            assert provenance["updated_by"].endswith(f"regio {region.name}")
            for field in ("last_action_date", "last_action_type", "replacement_value"):
                assert provenance[field] == entry[field]
    assert all(s["metadata"] for s in result.services)
    assert len(result.services) < sum(len(r.services) for r in regions)  # some were merged


def test_who_published_a_record() -> None:
    assert published_by("regio Flevoland", "Flevoland") == "regio Flevoland"
    assert (
        published_by("landelijke laag van regiokaart", "Flevoland")
        == "landelijke laag van regiokaart, gepubliceerd door regio Flevoland"
    )
    assert published_by("regio Testland", "Flevoland") == (
        "regio Testland, gepubliceerd door regio Flevoland"
    )


def test_the_regions_records_are_not_changed(regions: list[RegionHsds]) -> None:
    before = copy.deepcopy(regions)
    again = aggregate(regions)
    assert regions == before
    assert again == aggregate(regions)  # and the outcome is the same every time


def _scribble(value: Any) -> None:
    """Change every object and list in value in place."""
    if isinstance(value, dict):
        for item in list(value.values()):
            _scribble(item)
        value["gekrabbeld"] = True
    elif isinstance(value, list):
        for item in value:
            _scribble(item)
        value.append("gekrabbeld")


def test_what_the_aggregate_gives_shares_nothing_with_the_regions(
    regions: list[RegionHsds],
) -> None:
    # The aggregate keeps the regions' records where its rule leaves them as they are (it holds
    # no second copy); what it gives out is the caller's to change.
    regions = copy.deepcopy(regions)
    regions[0].services[0]["metadata"][0]["meer"] = {"genest": ["waarde"]}  # a value in provenance
    before = copy.deepcopy(regions)
    result = aggregate(regions)
    services = list(result.services)
    for record in [*result.organizations, *services]:
        _scribble(record)
    assert regions == before
    assert services != list(result.services)  # each read is a new copy
    assert list(result.services) == list(aggregate(before).services)


def test_a_service_without_provenance_or_organisation(regions: list[RegionHsds]) -> None:
    """A service without provenance is left out; one whose organisation its region does not
    publish is linked to 'Aanbieder onbekend'; both said in Dutch. An organisation a service
    holds but the region does not list is published."""
    testland = regions[1]
    first, second, third = copy.deepcopy(testland.services)
    del first["metadata"]
    second["organization_id"] = stable_id("organisation:bestaat-niet")
    del second["organization"]
    elsewhere = stable_id("organisation:elders")
    third["organization_id"] = elsewhere
    third["organization"] = {"id": elsewhere, "name": "Elders", "description": "Alleen hier."}
    organizations = copy.deepcopy(testland.organizations)
    holder = next(o for o in organizations if o.get("phones"))
    holder["phones"][0]["organization_id"] = stable_id("organisation:ook-niet")
    phone_holder = holder["id"]
    changed = RegionHsds(
        "Testland", "testland", testland.portal, organizations, [first, second, third]
    )
    found = aggregate([changed])
    assert found.problems == [
        f"regio Testland: dienst '{first['name']}' heeft geen herkomst (metadata) en is niet "
        "opgenomen",
        f"regio Testland: dienst '{second['name']}' noemt een organisatie die de regio niet "
        "publiceert; gekoppeld aan 'Aanbieder onbekend'",
        "regio Testland: 1 verwijzing naar een organisatie die de regio niet publiceert "
        "weggelaten (organization_id)",
    ]
    services = by_id(found.services)
    published = by_id(found.organizations)
    assert first["id"] not in services
    assert services[second["id"]]["organization_id"] == UNKNOWN_PROVIDER_ID
    assert published[UNKNOWN_PROVIDER_ID]["name"] == "Aanbieder onbekend"
    assert published[elsewhere]["name"] == "Elders"
    [phone] = published[phone_holder]["phones"]
    assert "organization_id" not in phone
    assert wrong_links(found.organizations, found.services) == [
        f"phone {phone['id']} organization_id None"
    ]
    assert aggregate([testland]).problems == []


# ---------------------------------------------------------------------------------------------
# Organisations that look alike


def rows_naming(result: Aggregate, reason: str) -> list[list[tuple[str, str, str]]]:
    return [row.entries for row in result.shared if reason in row.reason.split("; ")]


def test_organisations_with_the_same_website_kvk_number_or_name_are_reported(
    result: Aggregate,
) -> None:
    def entry(region: str, name: str, slug: str) -> tuple[str, str, str]:
        return (region, name, stable_id(f"organisation:{slug}"))

    assert rows_naming(result, "zelfde website zorgpunt.example.nl/start") == [
        [
            entry("Proefland", "Zorgpunt Proefland", "zorgpunt-proefland"),
            entry("Zuidland", "Zorgpunt Zuid", "zorgpunt"),
        ]
    ]
    assert rows_naming(result, "zelfde KvK-nummer 12345678") == [
        [
            entry("Proefland", "Praktijk Oost", "praktijk-oost"),
            entry("Zuidland", "Praktijk West", "praktijk-west"),
        ]
    ]
    assert rows_naming(result, "zelfde naam 'de brug'") == [
        [
            entry("Proefland", "Stichting De Brug", "brug-proefland"),
            entry("Zuidland", "De Brug B.V.", "de-brug-zuid"),
        ]
    ]
    # Alike in two ways: one row with both reasons.
    [both] = [row for row in result.shared if "zelfde naam 'de brug'" in row.reason]
    assert both.reason == "zelfde website debrug.example.nl; zelfde naam 'de brug'"
    # The re-keyed Veilig Thuis Testland: alike in all three by website, in two also by name.
    old = stable_id("organisation:veilig-thuis-testland")
    [website] = rows_naming(result, "zelfde website veiligthuis.example.nl")
    assert website == [
        ("Testland", "Veilig Thuis Testland", federated_id("testland", old)),
        ("Proefland", "Veilig Thuis Proefland", federated_id("proefland", old)),
        ("Zuidland", "Veilig Thuis Testland", federated_id("zuidland", old)),
    ]
    [name] = rows_naming(result, "zelfde naam 'veilig thuis testland'")
    assert [entry[2] for entry in name] == [
        federated_id("testland", old),
        federated_id("zuidland", old),
    ]


def test_one_record_in_several_regions_is_no_duplicate_of_itself(result: Aggregate) -> None:
    """Nor are organisations alike within one region reported."""
    reported = {entry[2] for row in result.shared for entry in row.entries}
    for key in ("gemeente-noordstad", "landelijke-hulplijn", "hulppunt-a", "hulppunt-b"):
        assert stable_id(f"organisation:{key}") not in reported
    assert UNKNOWN_PROVIDER_ID not in reported
    for row in result.shared:
        assert len({entry[2] for entry in row.entries}) > 1, row
        assert len({entry[0] for entry in row.entries}) > 1, row


def test_aanbieder_onbekend_is_never_reported(regions: list[RegionHsds]) -> None:
    """Not even when two regions' versions of it differ, so that each has an id of its own."""
    testland = regions[1]
    found = []
    for key, description in (("a", "De bronnen noemen geen aanbieder."), ("b", "Onbekend.")):
        unknown = {
            "id": UNKNOWN_PROVIDER_ID,
            "name": "Aanbieder onbekend",
            "description": description,
        }
        service = copy.deepcopy(testland.services[0])
        service.update(organization_id=UNKNOWN_PROVIDER_ID, organization=unknown)
        found.append(RegionHsds(key.upper(), key, "", [unknown], [service]))
    result = aggregate(found)
    assert [o["id"] for o in result.organizations] == [
        federated_id("a", UNKNOWN_PROVIDER_ID),
        federated_id("b", UNKNOWN_PROVIDER_ID),
    ]
    assert result.shared == []


def test_a_kvk_number_is_read_from_the_scheme_or_the_type() -> None:
    """Only an identifier whose scheme or type names the KvK counts: the same VAT number is not
    reported."""

    def organisation(name: str, scheme: str | None, kind: str, number: str) -> Record:
        identifier = {
            "id": stable_id(f"test:{name}"),
            "identifier_type": kind,
            "identifier": number,
        }
        if scheme:
            identifier["identifier_scheme"] = scheme
        return {
            "id": stable_id(f"organisation:{name}"),
            "name": name,
            "description": name,
            "organization_identifiers": [identifier],
        }

    assert kvk_numbers(organisation("a", "NL-KVK", "nummer", "1234.5678")) == ["12345678"]
    assert kvk_numbers(organisation("b", None, "Kamer van Koophandel", "12345678")) == ["12345678"]
    assert kvk_numbers(organisation("c", None, "BTW-nummer", "12345678")) == []
    regions = [
        RegionHsds("A", "a", "", [organisation("Een", None, "BTW", "NL001")], []),
        RegionHsds("B", "b", "", [organisation("Twee", None, "BTW", "NL001")], []),
    ]
    assert aggregate(regions).shared == []
    # One organisation (of two regions) naming its number twice is not alike with itself.
    twice = organisation("Drie", "NL-KVK", "KvK", "87654321")
    twice["organization_identifiers"] += [
        {**twice["organization_identifiers"][0], "id": stable_id("test:again")}
    ]
    regions += [RegionHsds("C", "c", "", [twice], []), RegionHsds("D", "d", "", [twice], [])]
    assert aggregate(regions).shared == []


def test_how_websites_and_names_are_compared() -> None:
    assert website_key("https://www.Example.NL/Pad/") == "example.nl/Pad"
    assert website_key("http://example.nl:8080/pad?x=1#y") == "example.nl/pad"
    assert website_key("www.example.nl") == "example.nl"
    assert website_key("") is None
    assert name_key("Stichting  De Brug") == name_key("De Brug B.V.") == "de brug"
    assert name_key("Veilig Thuis-Flevoland") == "veilig thuis flevoland"
    assert name_key("'s-Hertogenbosch N.V.") == "s hertogenbosch"
    assert name_key("Stichting") is None


# ---------------------------------------------------------------------------------------------
# The files


def test_the_files_and_their_readme(files: dict[str, str]) -> None:
    assert set(files) == {
        "LEESMIJ.txt",
        "json/organizations.json",
        "json/services.json",
        "tabular/datapackage.json",
        *(f"tabular/{table}.csv" for table in TABLES),
    }
    readme = files["LEESMIJ.txt"]
    assert readme.startswith("Open Referral HSDS 3.0: Landelijk overzicht\n")
    assert f"'{NATIONAL_LAYER}, gepubliceerd door regio <naam>'" in readme
    assert "dezelfde id en dezelfde inhoud" in readme and "eigen id" in readme
    package = json.loads(files["tabular/datapackage.json"])
    assert (
        package["title"]
        == "Hulpaanbod huiselijk geweld en kindermishandeling: Landelijk overzicht (HSDS 3.0)"
    )
    assert "licenses" not in package
    metadata = tables(files)["metadata"]
    assert any(
        row["updated_by"] == f"{NATIONAL_LAYER}, gepubliceerd door regio Zuidland"
        for row in metadata
    )


def test_the_files_hold_the_aggregates_records_in_its_order(
    result: Aggregate, files: dict[str, str]
) -> None:
    assert json.loads(files["json/organizations.json"]) == result.organizations
    assert json.loads(files["json/services.json"]) == list(result.services)
    found = tables(files)
    assert [row["id"] for row in found["services"]] == [s["id"] for s in result.services]
    records = [*result.organizations, *result.services]
    assert [row["id"] for row in found["metadata"]] == [
        entry["id"] for record in records for entry in record.get("metadata", [])
    ]
    assert [row["id"] for row in found["attributes"]] == [
        attribute["id"] for record in records for attribute in record.get("attributes", [])
    ]
    assert [row["id"] for row in found["service_areas"]] == [
        area["id"] for service in result.services for area in service.get("service_areas", [])
    ]


def test_the_terms_table_holds_each_term_as_the_attributes_name_it(
    result: Aggregate, files: dict[str, str]
) -> None:
    rows = by_id(tables(files)["taxonomy_terms"])
    count = 0
    for record in [*result.organizations, *result.services]:
        for attribute in record.get("attributes", []):
            term = attribute["taxonomy_term"]
            assert {k: v for k, v in rows[term["id"]].items() if v} == term
            count += 1
    assert count
    assert sum(bool(row["parent_id"]) for row in rows.values()) > len(rows) / 2


def test_a_term_of_another_taxonomy_loses_only_the_links_that_lead_nowhere(
    regions: list[RegionHsds],
) -> None:
    testland = regions[1]
    services = copy.deepcopy(testland.services)
    attribute = services[0]["attributes"][0]
    term = {
        "id": stable_id("test:term"),
        "name": "Elders",
        "description": "Een term van een andere taxonomie",
        "parent_id": stable_id("test:parent"),
        "taxonomy_id": stable_id("test:taxonomy"),
    }
    attribute.update(taxonomy_term_id=term["id"], taxonomy_term=term)
    changed = RegionHsds("Testland", "testland", "", testland.organizations, services)
    files = render_aggregate(aggregate([changed]), "Proef")
    found = tables(files)
    row = by_id(found["taxonomy_terms"])[term["id"]]
    assert (row["name"], row["parent_id"], row["taxonomy_id"]) == ("Elders", "", "")
    assert dangling_references(json.loads(files["tabular/datapackage.json"]), found) == []
    assert json.loads(files["json/services.json"])[0]["attributes"][0]["taxonomy_term"] == term
