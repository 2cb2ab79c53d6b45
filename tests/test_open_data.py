"""The "Open data" page and what it publishes; aanbod.json with its JSON Schema."""

import io
import json
import re
from urllib.parse import urljoin

import openpyxl
import pytest
from jsonschema import Draft202012Validator

from regiokaart import resources
from regiokaart.dataset import Dataset
from regiokaart.routes import Page, page_file
from regiokaart.site.pages import render_pages
from tests.conftest import FLEVOLAND_TODAY, ROOT

TODAY = FLEVOLAND_TODAY


@pytest.fixture(scope="module")
def pages(flevoland: Dataset) -> dict[str, str | bytes]:
    return render_pages(flevoland, resources.PAGE_TEMPLATES, today=TODAY)


def test_aanbod_json_follows_its_published_schema(pages: dict[str, str | bytes]) -> None:
    schema = json.loads(str(pages[page_file(Page.SOCIAL_MAP_SCHEMA)]))
    assert schema == json.loads((ROOT / "schemas" / "aanbod.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema)
    data = json.loads(str(pages[page_file(Page.SOCIAL_MAP_DATA)]))
    assert len(data["aanbod"]) == 86
    assert list(validator.iter_errors(data)) == []
    broken = {"aanbod": [{**data["aanbod"][0], "onbekend": 1}]}
    assert list(validator.iter_errors(broken))  # the schema does say no to what is not in it
    missing = {"aanbod": [{k: v for k, v in data["aanbod"][0].items() if k != "contact"}]}
    assert list(validator.iter_errors(missing))


def test_the_page_links_every_published_file(pages: dict[str, str | bytes]) -> None:
    page = str(pages[page_file(Page.OPEN_DATA)])
    published = [p for p in pages if p.startswith("open-data/") and p != page_file(Page.OPEN_DATA)]
    assert any(p.endswith("services.json") for p in published)
    assert any(p.endswith("datapackage.json") for p in published)
    assert any(p.endswith("tabular/metadata.csv") for p in published)
    assert "herkomst (bron en peildatum)" in page  # the list says where provenance is
    # every link as the site path it resolves to from the page (open-data/)
    linked = {
        urljoin("/open-data/", href).lstrip("/") for href in re.findall(r'href="([^"]+)"', page)
    }
    for path in published:
        assert path in linked, path
    assert "sociale-kaart/aanbod.json" in linked
    assert "sociale-kaart/aanbod.schema.json" in linked


def test_the_page_says_licence_peildatum_and_how_to_reuse(
    flevoland: Dataset, pages: dict[str, str | bytes]
) -> None:
    page = str(pages[page_file(Page.OPEN_DATA)])
    dates = [o.peildatum for o in (*flevoland.offers.values(), *flevoland.organisations.values())]
    assert min(dates).strftime("%d-%m-%Y") in page and "25-11-2026" in page
    assert "geen licentie vastgelegd" in page  # Flevoland has not chosen one
    assert "regiokaart module import" in page
    licensed = flevoland.region.model_copy(update={"data_licence": "CC BY 4.0 & <meer>"})
    dataset = Dataset(**{**flevoland.__dict__, "region": licensed})
    licensed_pages = render_pages(dataset, resources.PAGE_TEMPLATES, today=TODAY)
    page = str(licensed_pages["open-data/index.md"])
    assert "hergebruiken onder: CC BY 4.0 &amp; &lt;meer&gt;" in page
    assert "geen licentie vastgelegd" not in page
    # The data package says it too (no known licence id: in its description, tests/test_hsds.py).
    package = json.loads(str(licensed_pages["open-data/hsds/tabular/datapackage.json"]))
    assert "CC BY 4.0 & <meer>" in package["description"]


def test_the_open_data_page_is_in_the_nav(pages: dict[str, str | bytes]) -> None:
    from regiokaart.routes import site_nav

    sections = [entry for item in site_nav(set(pages), {}) for entry in item.values()]
    entries = [entry for section in sections if isinstance(section, list) for entry in section]
    assert {"Open data": page_file(Page.OPEN_DATA)} in entries


def test_the_published_workbook_holds_the_whole_portal(
    flevoland: Dataset, pages: dict[str, str | bytes]
) -> None:
    content = pages["open-data/aanbod-en-organisaties.xlsx"]
    assert isinstance(content, bytes)
    book = openpyxl.load_workbook(io.BytesIO(content))
    offers = book["Aanbod"]
    ids = [row[0] for row in offers.iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(ids) == sorted(flevoland.offers)  # national and regional
    assert offers.freeze_panes == "A2"
    assert "landelijke laag en de regio samen" in str(book["Uitleg"]["A1"].value)


def test_the_published_workbook_is_the_same_bytes_every_build(flevoland: Dataset) -> None:
    first = render_pages(flevoland, resources.PAGE_TEMPLATES, today=TODAY)
    second = render_pages(flevoland, resources.PAGE_TEMPLATES, today=TODAY)
    path = "open-data/aanbod-en-organisaties.xlsx"
    assert first[path] == second[path]
    book = openpyxl.load_workbook(io.BytesIO(first[path]))  # type: ignore[arg-type]
    assert book.properties.modified.date() == TODAY
