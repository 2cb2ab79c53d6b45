"""regiokaart export hsds: every record valid against the official HSDS 3.0 schemas (vendored in
vendor/hsds-3.0, read without network), stable ids, the taxonomy, provenance, the tabular data
package with its foreign keys and licence, and a command that never writes over a user's folder."""

import copy
import csv
import io
import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from regiokaart.cli import main
from regiokaart.csv_cells import FORMULA_STARTS
from regiokaart.dataset import Dataset
from regiokaart.dataset.relations import offer_providers
from regiokaart.formats.hsds import (
    EXPORT_MARKER,
    LAST_ACTION_TYPE,
    NATIONAL_LAYER,
    STATUS,
    TABLES,
    UNKNOWN_PROVIDER_ID,
    UNKNOWN_PROVIDER_NOTE,
    collect,
    datapackage,
    render_export,
    stable_id,
)
from tests.conftest import ROOT

SCHEMAS = ROOT / "vendor" / "hsds-3.0" / "schema"
BASE = "https://hsds.invalid/schema/"  # never fetched: every $ref resolves in the registry


def _no_network(uri: str) -> Resource[Any]:
    raise LookupError(f"schema {uri} is not vendored")


def _load_schemas() -> dict[str, dict[str, Any]]:
    return {path.stem: json.loads(path.read_text("utf-8")) for path in SCHEMAS.glob("*.json")}


OFFICIAL = _load_schemas()
REGISTRY: Registry[Any] = Registry(retrieve=_no_network).with_resources(
    (BASE + f"{name}.json", Resource.from_contents(schema, default_specification=DRAFT202012))
    for name, schema in OFFICIAL.items()
)


def validator(table: str) -> Draft202012Validator:
    """A validator of one HSDS table's official schema, its $refs resolved from the vendored files."""
    return Draft202012Validator(
        {"$ref": BASE + f"{table}.json"}, registry=REGISTRY, format_checker=FormatChecker()
    )


@pytest.fixture(scope="module")
def files(flevoland: Dataset) -> dict[str, str]:
    return render_export(flevoland)


def _documents(files: dict[str, str], name: str) -> list[dict[str, Any]]:
    documents = json.loads(files[f"json/{name}.json"])
    assert isinstance(documents, list)
    return documents


JSON_FILES = [
    ("organizations", "organization"),
    ("services", "service"),
    ("contacts", "contact"),
    ("taxonomies", "taxonomy"),
    ("taxonomy_terms", "taxonomy_term"),
]


def test_the_schemas_are_vendored_with_their_licence() -> None:
    assert {"organization", "service", "taxonomy_term", "attribute"} <= set(OFFICIAL)
    assert "Attribution Share-Alike 4.0" in (SCHEMAS.parent / "LICENSE").read_text("utf-8")
    assert "https://openreferral.org/" in (SCHEMAS.parent / "README.md").read_text("utf-8")


@pytest.mark.parametrize(("name", "table"), JSON_FILES)
def test_every_document_is_valid_hsds(files: dict[str, str], name: str, table: str) -> None:
    documents = _documents(files, name)
    assert documents
    check = validator(table)
    for document in documents:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(document)]
        assert not errors, (document.get("name"), errors)


def test_validation_catches_a_broken_record(files: dict[str, str]) -> None:
    """The validation itself works: $refs are followed into nested records, required fields and
    formats are checked."""
    service = _documents(files, "services")[0]
    check = validator("service")
    check.validate(service)
    broken = _broken_services(service)
    expected = [
        [],
        ["status"],
        ["id"],
        ["organization"],
        ["attributes", 0, "taxonomy_term"],
        ["metadata", 0],
    ]
    for record, path in zip(broken, expected, strict=True):
        with pytest.raises(ValidationError) as failed:
            check.validate(record)
        assert list(failed.value.absolute_path) == path


def _broken_services(service: dict[str, Any]) -> list[dict[str, Any]]:
    no_status = copy.deepcopy(service)
    del no_status["status"]
    bad_status = {**copy.deepcopy(service), "status": "actief"}
    bad_id = {**copy.deepcopy(service), "id": "aanbod-1"}
    nested = copy.deepcopy(service)
    del nested["organization"]["description"]  # required in organization.json
    term = copy.deepcopy(service)
    del term["attributes"][0]["taxonomy_term"]["name"]  # required in taxonomy_term.json
    provenance = copy.deepcopy(service)
    del provenance["metadata"][0]["updated_by"]  # required in metadata.json
    return [no_status, bad_status, bad_id, nested, term, provenance]


def test_every_offer_is_a_service_with_a_status(flevoland: Dataset, files: dict[str, str]) -> None:
    services = {s["id"]: s for s in _documents(files, "services")}
    assert len(services) == len(flevoland.offers)
    for offer in flevoland.offers.values():
        service = services[stable_id(f"service:{offer.id}")]
        assert service["name"] == offer.name
        assert service["status"] == STATUS == "active"


def test_ids_are_distinct_uuids_and_stable(flevoland: Dataset, files: dict[str, str]) -> None:
    again = render_export(flevoland)
    assert again == files
    ids = [row["id"] for table in _tables(files).values() for row in table]
    assert len(ids) == len(set(ids))
    for value in ids:
        assert str(uuid.UUID(value)) == value
    assert stable_id("service:chatfunctie-veilig-thuis") == (
        "0806cac3-3892-5a0c-ae2f-29eeed5b3e09"
    ), "the namespace or the key scheme changed: every earlier export's ids would change"


def test_effectiveness_is_an_attribute_with_an_existing_term(
    flevoland: Dataset, files: dict[str, str]
) -> None:
    terms = {t["id"]: t for t in _documents(files, "taxonomy_terms")}
    taxonomy = _documents(files, "taxonomies")[0]
    assert taxonomy["name"] == "regiokaart" and taxonomy["version"]
    services = {s["id"]: s for s in _documents(files, "services")}
    for offer in flevoland.offers.values():
        attributes = services[stable_id(f"service:{offer.id}")]["attributes"]
        effectiveness = [a for a in attributes if a["link_type"] == "effectiviteit"]
        assert len(effectiveness) == 1
        term = terms[effectiveness[0]["taxonomy_term_id"]]
        assert term["code"] == f"effectiviteit:{offer.effectiveness}"
        assert term["taxonomy_id"] == taxonomy["id"]
        assert terms[term["parent_id"]]["code"] == "effectiviteit"
        frameworks = {terms[a["taxonomy_term_id"]]["code"] for a in attributes}
        assert {f"kader:{f}" for f in offer.frameworks} <= frameworks


def test_a_databank_entry_is_an_accreditation_and_an_attribute(
    flevoland: Dataset, files: dict[str, str]
) -> None:
    with_entry = [o for o in flevoland.offers.values() if o.databank is not None]
    assert with_entry  # the sources name some (Oranje huis aanpak, Maatje achter de voordeur)
    terms = {t["id"]: t for t in _documents(files, "taxonomy_terms")}
    services = {s["id"]: s for s in _documents(files, "services")}
    for offer in flevoland.offers.values():
        service = services[stable_id(f"service:{offer.id}")]
        codes = {terms[a["taxonomy_term_id"]]["code"] for a in service["attributes"]}
        if offer.databank is None:
            assert "accreditations" not in service or not service["accreditations"]
            assert not any(code.startswith("databank:") for code in codes)
            continue
        assert service["accreditations"].startswith(str(offer.databank.name))
        assert (
            offer.databank.assessment is None
            or offer.databank.assessment in service["accreditations"]
        )
        assert f"databank:{offer.databank.name}" in codes


def test_every_attribute_points_at_a_published_term(files: dict[str, str]) -> None:
    tables = _tables(files)
    terms = {row["id"] for row in tables["taxonomy_terms"]}
    linked = {row["id"] for row in tables["services"]} | {
        row["id"] for row in tables["organizations"]
    }
    for row in tables["attributes"]:
        assert row["taxonomy_term_id"] in terms
        assert row["link_id"] in linked


def test_contraindications_have_their_own_label(files: dict[str, str]) -> None:
    names = {t["code"]: t["name"] for t in _documents(files, "taxonomy_terms")}
    assert names["contra-indicatie:intieme-terreur"] == "Contra-indicatie: Intieme terreur"
    assert names["gezinsprofiel:intieme-terreur"] == "Intieme terreur"


def test_service_areas_follow_the_area(flevoland: Dataset, files: dict[str, str]) -> None:
    services = {s["id"]: s for s in _documents(files, "services")}
    for offer in flevoland.offers.values():
        names = [
            a["name"] for a in services[stable_id(f"service:{offer.id}")].get("service_areas", [])
        ]
        match offer.area.scope:
            case "landelijk":
                assert names == ["Nederland"]
            case "regio":
                assert names == offer.area.regions
            case "gemeenten":
                assert names == offer.area.municipalities
            case _:
                assert names == []


# ---------------------------------------------------------------------------------------------
# The tabular data package


def _tables(files: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    return {
        name.removeprefix("tabular/").removesuffix(".csv"): list(csv.DictReader(io.StringIO(text)))
        for name, text in files.items()
        if name.endswith(".csv")
    }


def test_datapackage_lists_every_csv_with_its_header(files: dict[str, str]) -> None:
    package = json.loads(files["tabular/datapackage.json"])
    csvs = {name.removeprefix("tabular/") for name in files if name.endswith(".csv")}
    assert {r["path"] for r in package["resources"]} == csvs
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO(files[f"tabular/{resource['path']}"])))
        assert header == [field["name"] for field in resource["schema"]["fields"]]


@pytest.mark.parametrize("table", list(TABLES))
def test_tables_follow_the_official_table_schemas(files: dict[str, str], table: str) -> None:
    """Names, types, formats and file name as in the official schema (the type is its
    datapackage_type where it gives one: date, datetime, number); required columns present and
    filled; every row valid against the official schema (a cell the schema's missingValues names,
    by default the empty cell, is a missing value)."""
    package = json.loads(files["tabular/datapackage.json"])
    resource = next(r for r in package["resources"] if r["name"] == table)
    official = OFFICIAL[table.removesuffix("s") if table != "taxonomies" else "taxonomy"]
    assert resource["path"].lower() == official["path"].lower()
    properties = official["properties"]
    for field in resource["schema"]["fields"]:
        expected = properties[field["name"]]
        assert field["type"] == expected.get("datapackage_type", expected["type"]), field
        assert field.get("format") == expected.get("format"), field
    required = set(official.get("required", []))
    required |= _tabular_required(official["name"])
    columns = {field["name"] for field in resource["schema"]["fields"]}
    assert required <= columns, required - columns
    check = validator(official["name"])
    number = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "number"}
    dates = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "date"}
    missing = resource["schema"].get("missingValues", [""])
    for row in _tables(files)[table]:
        record: dict[str, Any] = {
            k: float(v) if k in number else v for k, v in row.items() if v not in missing
        }
        for name in dates & set(record):
            assert date.fromisoformat(record[name]).isoformat() == record[name], (table, row)
        assert required <= set(record), (table, row)
        errors = [e.message for e in check.iter_errors(record)]
        assert not errors, (table, row, errors)


def _tabular_required(table: str) -> set[str]:
    """Columns schema.csv calls required in the tabular format (a link the JSON nests instead)."""
    with (SCHEMAS / "schema.csv").open(encoding="utf-8", newline="") as stream:
        return {
            row["name"]
            for row in csv.DictReader(stream)
            if row["table_name"] == table and row["constraints_tablular_required"] == "true"
        }


def test_no_csv_cell_starts_a_formula(flevoland: Dataset) -> None:
    first = next(iter(flevoland.offers.values()))
    hostile = first.model_copy(update={"name": '=HYPERLINK("https://example.org")'})
    offers = {**flevoland.offers, first.id: hostile}
    files = render_export(_with(flevoland, offers=offers))
    for name, text in files.items():
        if name.endswith(".csv"):
            for row in csv.reader(io.StringIO(text)):
                for cell in row:
                    assert not cell.startswith(FORMULA_STARTS), (name, cell)
    assert "'=HYPERLINK" in files["tabular/services.csv"]
    # The JSON keeps the text as it is: no spreadsheet reads it.
    assert any(s["name"].startswith("=HYPERLINK") for s in json.loads(files["json/services.json"]))


def _with(dataset: Dataset, **changes: Any) -> Dataset:
    from dataclasses import replace

    return replace(dataset, **changes)


def test_one_organisation_per_service_the_first_provider(flevoland: Dataset) -> None:
    """The first provider; where the sources name none, the description says so and the service
    is linked to the published 'Aanbieder onbekend' (HSDS's tables require an organisation)."""
    export = collect(flevoland)
    services = {s["id"]: s for s in export.services}
    published = {org["id"]: org for org in export.organizations}
    unknown = 0
    for offer in flevoland.offers.values():
        service = services[stable_id(f"service:{offer.id}")]
        assert service["organization"]["id"] == service["organization_id"]
        assert service["organization_id"] in published
        if offer_providers(flevoland, offer):
            first = offer_providers(flevoland, offer)[0].id
            assert service["organization_id"] == stable_id(f"organisation:{first}")
            assert UNKNOWN_PROVIDER_NOTE not in service["description"]
        else:
            unknown += 1
            assert service["organization_id"] == UNKNOWN_PROVIDER_ID
            assert service["description"].endswith("\n\n" + UNKNOWN_PROVIDER_NOTE)
    assert unknown  # Flevoland's sources leave some providers unnamed: the case is tested
    assert published[UNKNOWN_PROVIDER_ID]["name"] == "Aanbieder onbekend"
    assert "metadata" not in published[UNKNOWN_PROVIDER_ID]  # it has no source


def test_aanbieder_onbekend_only_when_a_service_needs_it(flevoland: Dataset) -> None:
    named = {
        key: offer for key, offer in flevoland.offers.items() if offer_providers(flevoland, offer)
    }
    export = collect(_with(flevoland, offers=named))
    assert UNKNOWN_PROVIDER_ID not in {org["id"] for org in export.organizations}


# ---------------------------------------------------------------------------------------------
# Provenance


def test_every_organisation_and_service_has_its_provenance(
    flevoland: Dataset, files: dict[str, str]
) -> None:
    """One metadata record per record: its peildatum, its source (document and section), who
    answers for it (the region or the national layer, never a person), in the JSON and in
    metadata.csv."""
    rows = {row["id"]: row for row in _tables(files)["metadata"]}
    national = flevoland.national
    records: list[tuple[str, str, str, str, dict[str, Any]]] = [
        ("organizations", "organization", "organisation", "organisations", flevoland.organisations),
        ("services", "service", "service", "offers", flevoland.offers),
    ]
    layers = set()
    for name, entity, key, kind, ours in records:
        documents = {d["id"]: d for d in _documents(files, name)}
        for our_id, record in ours.items():
            [metadata] = documents[stable_id(f"{key}:{our_id}")]["metadata"]
            assert metadata["id"] == stable_id(f"metadata:{key}:{our_id}")
            assert metadata["resource_id"] == stable_id(f"{key}:{our_id}")
            assert metadata["resource_type"] == entity
            assert metadata["last_action_date"] == record.peildatum.isoformat()
            assert metadata["last_action_type"] == LAST_ACTION_TYPE
            document = flevoland.documents[record.source.document]
            assert metadata["replacement_value"] == f"{document.title}, {record.source.section}"
            by = NATIONAL_LAYER if our_id in national[kind] else "regio Flevoland"
            assert metadata["updated_by"] == by
            layers.add(by)
            assert rows.pop(metadata["id"]) == metadata  # the table holds the same
    assert layers == {NATIONAL_LAYER, "regio Flevoland"}  # both layers are tested
    assert not rows, "metadata.csv holds a record no organisation or service has"


# ---------------------------------------------------------------------------------------------
# Foreign keys: every link between the tables resolves

# The links HSDS makes between our tables, as foreign keys: (table, column) -> referenced table.
FOREIGN_KEYS = {
    ("services", "organization_id"): "organizations",
    ("service_areas", "service_id"): "services",
    ("phones", "organization_id"): "organizations",
    ("phones", "contact_id"): "contacts",
    ("contacts", "organization_id"): "organizations",
    ("attributes", "taxonomy_term_id"): "taxonomy_terms",
    ("taxonomy_terms", "parent_id"): "",  # Frictionless: "" is the table itself
    ("taxonomy_terms", "taxonomy_id"): "taxonomies",
}
# Links whose table depends on the row, which Frictionless cannot declare: (table, column) -> the
# column that names the entity (an HSDS table name in the singular).
POLYMORPHIC = {
    ("attributes", "link_id"): "link_entity",
    ("metadata", "resource_id"): "resource_type",
}


def dangling_references(
    package: dict[str, Any], tables: dict[str, list[dict[str, str]]]
) -> list[str]:
    """Every filled cell of a foreign key the package declares whose value the referenced table
    does not hold (an empty cell is no reference), and the same for the polymorphic links."""
    dangling = []
    for resource in package["resources"]:
        name = resource["name"]
        for key in resource["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"] or name
            known = {row[key["reference"]["fields"]] for row in tables[target]}
            for row in tables[name]:
                if row[key["fields"]] and row[key["fields"]] not in known:
                    dangling.append(f"{name}.{key['fields']} {row[key['fields']]}")
    for (name, column), entity in POLYMORPHIC.items():
        for row in tables[name]:
            if row[column] not in {r["id"] for r in tables[row[entity] + "s"]}:
                dangling.append(f"{name}.{column} {row[column]}")
    return dangling


def test_the_package_declares_every_link_as_a_foreign_key(files: dict[str, str]) -> None:
    package = json.loads(files["tabular/datapackage.json"])
    declared = {
        (resource["name"], key["fields"]): key["reference"]["resource"]
        for resource in package["resources"]
        for key in resource["schema"].get("foreignKeys", [])
    }
    assert declared == FOREIGN_KEYS
    names = {resource["name"] for resource in package["resources"]}
    assert set(declared.values()) - {""} <= names
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            link = (resource["name"], field["name"])
            if field["name"].endswith("_id"):
                assert link in declared or link in POLYMORPHIC, link


def test_every_reference_resolves_in_the_flevoland_export(files: dict[str, str]) -> None:
    """Over the real data (data/ with national/): every foreign key of the package, every row."""
    package = json.loads(files["tabular/datapackage.json"])
    tables = _tables(files)
    assert all(tables[table] for table, _ in FOREIGN_KEYS)  # each relation has rows to check
    assert dangling_references(package, tables) == []
    # The JSON documents too: wherever an organization_id stands, it is a published organisation.
    published = {org["id"] for org in _documents(files, "organizations")}
    found = [
        value
        for name, _ in JSON_FILES
        for value in _values_of("organization_id", _documents(files, name))
    ]
    assert len(found) > len(_documents(files, "services"))  # services, phones and contacts
    assert set(found) <= published


def _values_of(key: str, value: Any) -> list[Any]:
    """Every value of key anywhere in a JSON value."""
    if isinstance(value, list):
        return [found for item in value for found in _values_of(key, item)]
    if isinstance(value, dict):
        own = [value[key]] if key in value else []
        return own + [found for item in value.values() for found in _values_of(key, item)]
    return []


def test_a_dangling_reference_is_caught(files: dict[str, str]) -> None:
    """The check itself works: a service pointing at an unpublished organisation, a term whose
    parent is gone (the self reference), a phone of a removed contact and an attribute of a
    removed service are each found."""
    package = json.loads(files["tabular/datapackage.json"])
    elsewhere = stable_id("organisation:bestaat-niet")
    cases = [
        ("services", lambda t: t["services"][0].update(organization_id=elsewhere), "services."),
        ("parent", lambda t: t["taxonomy_terms"].pop(0), "taxonomy_terms.parent_id"),
        ("contact", lambda t: t["contacts"].clear(), "phones.contact_id"),
        ("service", lambda t: t["services"].pop(0), "attributes.link_id"),
    ]
    for case, mutate, expected in cases:
        tables = copy.deepcopy(_tables(files))
        mutate(tables)
        dangling = dangling_references(package, tables)
        assert any(d.startswith(expected) for d in dangling), (case, dangling)


# ---------------------------------------------------------------------------------------------
# The licence


def test_a_known_licence_is_named_by_its_id() -> None:
    package = datapackage("Testland", "CC BY 4.0")
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "CC BY 4.0",
        }
    ]
    assert datapackage("Testland", "cc0 1.0")["licenses"][0]["name"] == "CC0-1.0"
    assert datapackage("Testland", "CC BY-SA 4.0")["licenses"][0]["name"] == "CC-BY-SA-4.0"


def test_another_licence_text_is_in_the_description() -> None:
    """Frictionless asks a licence for an Open Definition id or a path: a text without either
    is not a licence entry, but the package still says it."""
    package = datapackage("Testland", "Vrij te gebruiken met bronvermelding")
    assert "licenses" not in package
    assert "Vrij te gebruiken met bronvermelding" in package["description"]


def test_no_licence_no_licenses(flevoland: Dataset, files: dict[str, str]) -> None:
    assert flevoland.region.data_licence is None  # Flevoland has not chosen one
    package = json.loads(files["tabular/datapackage.json"])
    assert "licenses" not in package and "description" not in package
    licensed = flevoland.region.model_copy(update={"data_licence": "CC BY 4.0"})
    again = json.loads(render_export(_with(flevoland, region=licensed))["tabular/datapackage.json"])
    assert again["licenses"][0]["name"] == "CC-BY-4.0"


# ---------------------------------------------------------------------------------------------
# The command


def test_command_writes_the_export_and_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hsds"
    assert main(["export", "hsds", str(out), "--data", str(ROOT / "data")]) == 0
    assert "HSDS 3.0-export geschreven" in capsys.readouterr().out
    assert (out / EXPORT_MARKER).is_file()
    first = (out / "json" / "services.json").read_text("utf-8")
    assert "Nederland" in (out / "tabular" / "service_areas.csv").read_text("utf-8")
    assert "landelijke laag en de regio samen" in (out / "LEESMIJ.txt").read_text("utf-8")
    assert main(["export", "hsds", str(out), "--data", str(ROOT / "data")]) == 0
    assert (out / "json" / "services.json").read_text("utf-8") == first


def test_command_refuses_a_users_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mijn-map"
    out.mkdir()
    (out / "notities.txt").write_text("van mij", encoding="utf-8")
    assert main(["export", "hsds", str(out), "--data", str(ROOT / "data")]) == 1
    err = capsys.readouterr().err
    assert "geen eerdere HSDS-export" in err and "Geen export gemaakt." in err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["notities.txt"]


def test_command_refuses_a_file_as_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bestand"
    out.write_text("x", encoding="utf-8")
    assert main(["export", "hsds", str(out), "--data", str(ROOT / "data")]) == 1
    assert "is een bestand, geen map" in capsys.readouterr().err
    assert out.read_text("utf-8") == "x"


def test_command_stops_on_data_errors(
    mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini_data / "region.yaml").write_text("region: {}\n", encoding="utf-8")
    out = tmp_path / "hsds"
    assert main(["export", "hsds", str(out), "--data", str(mini_data)]) == 1
    err = capsys.readouterr().err
    assert "Geen export gemaakt: herstel eerst de fouten hierboven." in err
    assert "Traceback" not in err
    assert not out.exists()


def test_command_outside_a_region_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "hsds", "uit"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "uit").exists()


def test_command_without_map_is_a_dutch_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["export", "hsds"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "regiokaart export hsds: fout: ontbreekt: MAP"
    )
