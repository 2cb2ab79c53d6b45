"""Every field has a decision for every output, and the outputs show what models/fields.py declares.

The declarations (models/fields.py) say per field of an offer, an organisation and a region's
note what its page, the workbook, HSDS and the social map's filters do with it, or why they leave
it out; the records that only reach their pages say where. A field someone adds to a model without
deciding makes the first tests fail. The others build each output from the shipped Flevoland data
and compare it with the declarations, so a declared label is the one users read.
"""

import html
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pydantic import BaseModel

from regiokaart.cli import main
from regiokaart.dataset import Dataset
from regiokaart.dataset.relations import build_relations
from regiokaart.formats import hsds
from regiokaart.formats.workbook.columns import SHEETS, columns
from regiokaart.formats.workbook.write import render_workbook
from regiokaart.models.fields import (
    DECLARED,
    DESCRIBED,
    HEADING,
    MAP_FEATURES,
    OFFER,
    PAGE_ONLY,
    ROW,
    Column,
    Declared,
    Described,
    Filter,
    InRowOf,
    Nested,
    Omitted,
    Shown,
    Target,
    Term,
    place_label,
)
from regiokaart.models.module import Module
from regiokaart.models.offer import FACT_FIELDS, LocalNote, Offer
from regiokaart.models.organisation import Organisation
from regiokaart.models.socialmap_data import CardFilters
from regiokaart.schema import render_schemas
from regiokaart.site.pages import Site, render_record_pages
from regiokaart.site.pages.facets import facets
from tests.conftest import FLEVOLAND_TODAY, ROOT

# Service fields that service_record fills beside offer_fields (formats/hsds.py).
SERVICE_RECORD_FIELDS = {"id", "organization_id", "service_areas"}
# The social map's choices of a family profile, in filters.json beside the facets.
PROFILE_FILTERS = {"past", "contra"}


def filtered_by(key: str) -> list[str]:
    """The offer's fields that feed the social map's filter key."""
    return [n for n, d in OFFER.items() if isinstance(d.facet, Filter) and d.facet.key == key]


def termed(vocabulary: str) -> list[str]:
    """The offer's fields that HSDS gives as terms of vocabulary."""
    return [n for n, d in OFFER.items() if isinstance(d.hsds, tuple) and Term(vocabulary) in d.hsds]


def decisions(declared: Declared) -> dict[str, tuple[object, tuple[type, ...]]]:
    """Per output: the field's decision, and the kinds of decision it may be."""
    return {
        "page": (declared.page, (Shown, InRowOf, Omitted)),
        "sheet": (declared.sheet, (Column, Nested, Omitted)),
        "hsds": (declared.hsds, (tuple, Omitted)),
        "facet": (declared.facet, (Filter, Omitted)),
    }


# --- a decision for every field and output ------------------------------------------------------


@pytest.mark.parametrize("model", list(DECLARED), ids=lambda m: m.__name__)
def test_every_field_has_a_decision_for_every_output(model: type[BaseModel]) -> None:
    declared = DECLARED[model]
    assert list(declared) == list(model.model_fields), "declare the fields in the model's order"
    for name, field in declared.items():
        for output, (decision, kinds) in decisions(field).items():
            assert isinstance(decision, kinds), f"{model.__name__}.{name}: no {output} decided"
            if isinstance(decision, Omitted):
                assert decision.reason.strip(), f"{model.__name__}.{name}: {output} says no why"
        assert field.label and field.help, f"{model.__name__}.{name} needs a label and a help"
        assert field.hsds != (), f"{model.__name__}.{name}: HSDS neither holds it nor says why not"
        if isinstance(field.hsds, tuple):
            assert all(isinstance(d, Target | Term | Described) for d in field.hsds), name


@pytest.mark.parametrize("model", list(PAGE_ONLY), ids=lambda m: m.__name__)
def test_every_field_of_a_record_that_only_reaches_its_page_says_where(
    model: type[BaseModel],
) -> None:
    assert list(PAGE_ONLY[model]) == list(model.model_fields)
    for name, page in PAGE_ONLY[model].items():
        reason = page.reason if isinstance(page, Omitted) else getattr(page, "where", "")
        assert reason.strip(), f"{model.__name__}.{name}"


def test_a_field_shown_in_another_row_names_a_row() -> None:
    for model, fields in DECLARED.items():
        for name, field in fields.items():
            if isinstance(field.page, InRowOf):
                assert fields[field.page.field].page in (ROW, HEADING), f"{model.__name__}.{name}"


def test_every_fact_with_its_own_source_has_a_place_on_the_page() -> None:
    for name in FACT_FIELDS:
        assert not isinstance(OFFER[name].page, Omitted), name
        assert place_label(Offer, name)


def test_yes_no_facts_have_a_key_and_only_they() -> None:
    """A key names a yes/no fact as a value of the map's Kenmerken and as an HSDS kenmerk term."""
    for name, field in OFFER.items():
        is_yes_no = Offer.model_fields[name].annotation in (bool, bool | None)
        one_value = Term("kenmerk") in field.hsds if isinstance(field.hsds, tuple) else False
        assert bool(field.key) == one_value, name
        if field.key:
            assert is_yes_no, name


# --- the workbook -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", SHEETS, ids=lambda k: k.sheet)
def test_every_workbook_column_is_declared(kind: Any) -> None:
    """No column falls back to its field name: a field inside a record (its source, its area)
    is declared by the field that holds it."""
    declared = DECLARED[kind.model]
    for column in columns(kind.model):
        field = declared[column.path[0]]
        assert not isinstance(field.sheet, Omitted), column.key
        if len(column.path) > 1:
            assert isinstance(field.sheet, Nested), column.key
            assert ".".join(column.path[1:]) in field.sheet.columns, column.key
        else:
            assert isinstance(field.sheet, Column), column.key
        assert column.header != column.key, f"{column.key} has no Dutch header"


def test_the_workbook_shows_the_declared_headers_and_help(flevoland: Dataset) -> None:
    records: dict[str, list[BaseModel]] = {
        "Aanbod": list(flevoland.offers.values()),
        "Organisaties": list(flevoland.organisations.values()),
    }
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(records)))
    explained = {
        (row[0], row[1]): row[2] for row in book["Uitleg"].iter_rows(values_only=True) if row[1]
    }
    for kind in SHEETS:
        shown = [cell.value for cell in book[kind.sheet][1]]
        declared = DECLARED[kind.model]
        expected = []
        for field in declared.values():
            if isinstance(field.sheet, Column):
                expected.append((field.header, field.help))
            elif isinstance(field.sheet, Nested):
                expected += [(c.header, c.help) for c in field.sheet.columns.values()]
        derived = [d.header for d in kind.derived]
        assert shown == [header for header, _ in expected] + derived
        for header, help_text in expected:
            assert explained[(kind.sheet, header)] == help_text


def test_old_headers_are_no_other_column() -> None:
    for kind in SHEETS:
        cols = columns(kind.model)
        headers = [c.header for c in cols]
        old = [h for c in cols for h in c.old_headers]
        assert not set(old) & set(headers)
        assert len(old) == len(set(old))


@pytest.fixture
def region(flevoland_copy: Path) -> Path:
    return flevoland_copy


def test_a_workbook_with_the_old_headers_still_imports(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "aanbod.xlsx"
    assert main(["export", "xlsx", str(path), "--data", str(region)]) == 0
    book = openpyxl.load_workbook(path)
    renamed = {}
    for cell in book["Aanbod"][1]:
        column = next((c for c in columns(Offer) if c.header == cell.value), None)
        if column and column.old_headers:
            renamed[cell.value] = cell.value = column.old_headers[0]
    book.save(path)
    assert set(renamed.values()) == {"Laagdrempelig", "GHNT-financiering"}
    capsys.readouterr()
    assert main(["import", str(path), "--data", str(region)]) == 0, capsys.readouterr().err
    assert "Geen wijzigingen" in capsys.readouterr().out


def test_a_column_under_its_old_and_new_header_is_there_twice(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "aanbod.xlsx"
    assert main(["export", "xlsx", str(path), "--data", str(region)]) == 0
    book = openpyxl.load_workbook(path)
    sheet = book["Aanbod"]
    sheet.cell(1, sheet.max_column + 1).value = "Laagdrempelig"
    book.save(path)
    capsys.readouterr()
    assert main(["import", str(path), "--data", str(region)]) == 1
    assert "kolom Laagdrempelig: deze kolom staat er twee keer" in capsys.readouterr().err


# --- HSDS ---------------------------------------------------------------------------------------


# What the databanks describe of an intervention: no offer of the shipped data has it yet.
DATABANK_TEXTS = {
    "approach": "Wekelijkse gesprekken volgens een vast protocol.",
    "working_elements": ["contact", "herhaling"],
    "required_expertise": "Een training van twee dagen.",
    "quality_assurance": "Intervisie elke maand.",
    "preconditions": "Een vaste ruimte.",
}


@pytest.fixture(scope="module")
def offers(flevoland: Dataset) -> list[Offer]:
    """The shipped offers, and one of them as a databank describes it too."""
    rated = next(o for o in flevoland.offers.values() if o.databank)
    described = Offer.model_validate({**rated.model_dump(), **DATABANK_TEXTS})
    return [*flevoland.offers.values(), described]


def offers_with(offers: list[Offer], name: str) -> list[Offer]:
    having = [o for o in offers if getattr(o, name) not in (None, [], False, "")]
    assert having, f"no offer has {name}: the test cannot check it"
    return having


@pytest.fixture(scope="module")
def services(flevoland: Dataset, offers: list[Offer]) -> dict[int, dict[str, Any]]:
    return {id(offer): hsds.service_record(flevoland, offer) for offer in offers}


def test_hsds_holds_each_field_where_declared(
    offers: list[Offer], services: dict[int, dict[str, Any]]
) -> None:
    for name, field in OFFER.items():
        if isinstance(field.hsds, Omitted):
            continue
        having = offers_with(offers, name)
        for decision in field.hsds:
            if isinstance(decision, Target):
                assert decision.name in hsds.SERVICE_FIELDS or (
                    decision.name in SERVICE_RECORD_FIELDS
                ), name
                assert any(services[id(o)].get(decision.name) for o in having), name
            elif isinstance(decision, Term):
                assert decision.vocabulary in hsds.VOCABULARY, name
                assert any(
                    a["link_type"] == decision.vocabulary
                    for o in having
                    for a in services[id(o)]["attributes"]
                ), name
            elif decision is DESCRIBED and name != "providers":
                offer = having[0]
                value = getattr(offer, name)
                texts = value if isinstance(value, list) else [value]
                if name == "contraindicated_profiles" or name == "contraindication_note":
                    continue  # through the rules (checks/contraindications.py)
                for text in texts:
                    assert str(text) in services[id(offer)]["description"], name


def test_hsds_kenmerk_terms_are_the_yes_no_facts_with_their_labels() -> None:
    assert set(hsds.FEATURES) == set(termed("kenmerk"))
    terms = {
        t["code"]: t["name"] for t in hsds.taxonomy_terms() if t["code"].startswith("kenmerk:")
    }
    assert terms == {f"kenmerk:{OFFER[n].key}": OFFER[n].label for n in hsds.FEATURES}


def test_hsds_description_labels_its_paragraphs(offers: list[Offer]) -> None:
    for name in ("goal", "duration", "approach", "provider_description", "effectiveness_note"):
        offer = offers_with(offers, name)[0]
        description = hsds.offer_description(offer)
        assert f"{place_label(Offer, name)}: {getattr(offer, name)}" in description


# --- the social map's filters -------------------------------------------------------------------


def test_the_map_filters_on_the_declared_keys_and_titles(flevoland: Dataset) -> None:
    shown = {facet.key: facet for facet in facets(flevoland)}
    declared_keys = set()
    for name, field in OFFER.items():
        if not isinstance(field.facet, Filter):
            continue
        declared_keys.add(field.facet.key)
        if field.facet.key in PROFILE_FILTERS:
            continue
        facet = shown[field.facet.key]
        if field.key:  # a yes/no fact: one value of the facet
            assert (field.key, field.label) in facet.values, name
        else:
            assert facet.title == (field.facet.title or field.label), name
    assert set(shown) <= declared_keys
    assert set(MAP_FEATURES) == set(filtered_by("kenmerk"))
    assert list(CardFilters.model_fields) == list(shown)


def test_the_map_and_hsds_name_a_yes_no_fact_alike(flevoland: Dataset) -> None:
    features = next(f for f in facets(flevoland) if f.key == "kenmerk")
    kenmerk = hsds.VOCABULARY["kenmerk"]
    for value, _ in features.values:
        assert value in kenmerk.values


# --- the pages ----------------------------------------------------------------------------------


def page_of(dataset: Dataset, record: Offer | Organisation) -> str:
    site = Site(dataset, ROOT / "theme" / "regiokaart", FLEVOLAND_TODAY)
    pages = render_record_pages(
        site,
        build_relations(dataset),
        [record] if isinstance(record, Offer) else [],
        [record] if isinstance(record, Organisation) else [],
    )
    return next(iter(pages.values()))


@pytest.mark.parametrize("model", [Offer, Organisation], ids=lambda m: m.__name__)
def test_the_page_shows_each_row_and_heading_under_its_label(
    flevoland: Dataset, offers: list[Offer], model: type[Offer] | type[Organisation]
) -> None:
    records: list[Any] = offers if model is Offer else list(flevoland.organisations.values())
    for name, field in DECLARED[model].items():
        if field.page not in (ROW, HEADING):
            continue
        page = page_of(flevoland, offers_with(records, name)[0])
        text = html.escape(field.label, quote=False)
        if field.page is ROW:
            assert f'<th scope="row">{text}</th>' in page, name
        else:
            assert f">{text}</h2>" in page, name


def test_the_page_names_a_fact_source_by_the_row_it_is_in(flevoland: Dataset) -> None:
    offer = next(o for o in flevoland.offers.values() if o.fact_sources)
    page = page_of(flevoland, offer)
    for fact in offer.fact_sources:
        for name in fact.fields:
            assert place_label(Offer, name) in page


# --- the schemas --------------------------------------------------------------------------------


def test_the_schemas_give_an_editor_each_label_and_help() -> None:
    schemas = render_schemas()
    found: dict[type[BaseModel], dict[str, Any]] = {
        Offer: json.loads(schemas["offers.schema.json"])["$defs"]["Offer"],
        LocalNote: json.loads(schemas["offers.schema.json"])["$defs"]["LocalNote"],
        Organisation: json.loads(schemas["organisations.schema.json"])["$defs"]["Organisation"],
    }
    for model, schema in found.items():
        for name, field in DECLARED[model].items():
            assert schema["properties"][name]["title"] == field.label
            assert schema["properties"][name]["description"] == field.help


def test_a_page_only_model_is_no_output_of_the_workbook() -> None:
    """Modules and the other page-only records are not in the workbook or HSDS."""
    assert Module not in {kind.model for kind in SHEETS}
    assert not set(PAGE_ONLY) & set(DECLARED)
