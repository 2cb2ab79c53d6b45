"""`regiokaart export controle`: a workbook "graag controleren" per provider, read back by import."""

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from regiokaart.cli import main
from regiokaart.formats.workbook.columns import LETTER_SHEET
from regiokaart.formats.workbook.providers import ASKED, EMPTY_FILL, EMPTY_NOTE

PROVIDER = "ggd-flevoland"


@pytest.fixture
def region(flevoland_copy: Path) -> Path:
    return flevoland_copy


def run(*argv: str | Path) -> int:
    return main([str(a) for a in argv])


def records(data: Path, name: str) -> list[dict[str, Any]]:
    key = name.removesuffix(".yaml")
    return list(yaml.safe_load((data / name).read_text(encoding="utf-8"))[key])


def exported(region: Path, tmp_path: Path) -> Path:
    out = tmp_path / "controle"
    assert run("export", "controle", out, "--data", region) == 0
    return out


def test_a_workbook_per_provider_with_only_its_offers(region: Path, tmp_path: Path) -> None:
    out = exported(region, tmp_path)
    offers = records(region, "offers.yaml")
    organisations = {org["id"] for org in records(region, "organisations.yaml")}
    providers = {p for offer in offers for p in offer.get("providers", []) if p in organisations}
    assert {path.name for path in out.glob("*.xlsx")} == {f"{p}.xlsx" for p in providers}
    assert {path.stem for path in out.glob("*.xlsx")} < organisations  # only providers
    book = openpyxl.load_workbook(out / f"{PROVIDER}.xlsx")
    assert book.sheetnames[0] == LETTER_SHEET
    letter = "\n".join(str(row[0]) for row in book[LETTER_SHEET].iter_rows(values_only=True))
    assert "GGD Flevoland" in letter and "Terugsturen" in letter and EMPTY_NOTE in letter
    ids = [row[0] for row in book["Aanbod"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert ids == [o["id"] for o in offers if PROVIDER in o.get("providers", [])]
    orgs = [row[0] for row in book["Organisaties"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert orgs == [PROVIDER]


@pytest.mark.parametrize(
    ("sheet", "file"), [("Aanbod", "offers.yaml"), ("Organisaties", "organisations.yaml")]
)
def test_empty_fields_are_marked_and_filled_ones_are_not(
    region: Path, tmp_path: Path, sheet: str, file: str
) -> None:
    book = openpyxl.load_workbook(exported(region, tmp_path) / f"{PROVIDER}.xlsx")
    by_id = {record["id"]: record for record in records(region, file)}
    page = book[sheet]
    headers = {cell.value: cell.column for cell in page[1]}
    keys = {
        "Beschrijving": "description",
        "Website": "website",
        "Toegang": "access",
        "Kosten": "cost",
        "E-mail": "email",
        "Telefoon": "phone",
    }
    marked = unmarked = 0
    for row in range(2, page.max_row + 1):
        record = by_id[page.cell(row, 1).value]
        for header, key in keys.items():
            if header not in headers or key not in ASKED[sheet]:
                continue
            cell = page.cell(row, headers[header])
            if record.get(key) in (None, "", []):
                assert cell.value is None
                assert cell.comment is not None and cell.comment.text == EMPTY_NOTE
                assert cell.fill.fgColor.rgb == EMPTY_FILL.fgColor.rgb
                marked += 1
            else:
                assert cell.comment is None and cell.fill.fgColor.rgb != EMPTY_FILL.fgColor.rgb
                unmarked += 1
        assert page.cell(row, headers["Id"]).comment is None  # never a required, filled column
    assert marked  # GGD Flevoland's sources leave contact details out
    if sheet == "Aanbod":
        assert unmarked


def test_a_filled_field_imports_and_only_that_field_changes(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = exported(region, tmp_path) / f"{PROVIDER}.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Aanbod"]
    headers = {cell.value: cell.column for cell in sheet[1]}
    cell = next(
        sheet.cell(row, headers["Kosten"])
        for row in range(2, sheet.max_row + 1)
        if sheet.cell(row, headers["Kosten"]).comment is not None
    )
    offer_id = sheet.cell(cell.row, 1).value
    cell.value = "Gratis voor inwoners van Flevoland"
    book.save(path)
    offers_before = records(region, "offers.yaml")
    organisations_before = (region / "organisations.yaml").read_bytes()
    capsys.readouterr()
    assert run("import", path, "--data", region) == 0
    out, err = capsys.readouterr()
    assert "(velden: Kosten)" in out and "Verwijderd" not in out
    assert err == ""  # the letter, Uitleg and Keuzelijsten are not read, and not changed
    offers_after = records(region, "offers.yaml")
    assert [o["id"] for o in offers_after] == [o["id"] for o in offers_before]  # none removed
    changed = [(b, a) for b, a in zip(offers_before, offers_after, strict=True) if b != a]
    assert len(changed) == 1
    before, after = changed[0]
    assert before["id"] == offer_id
    assert after == {**before, "cost": "Gratis voor inwoners van Flevoland"}
    assert (region / "organisations.yaml").read_bytes() == organisations_before


def test_a_row_left_out_of_a_providers_workbook_is_kept(region: Path, tmp_path: Path) -> None:
    path = exported(region, tmp_path) / f"{PROVIDER}.xlsx"
    book = openpyxl.load_workbook(path)
    book["Aanbod"].delete_rows(2)
    book.save(path)
    before = (region / "offers.yaml").read_bytes()
    assert run("import", path, "--data", region) == 0
    assert (region / "offers.yaml").read_bytes() == before


def test_the_folder_is_guarded(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mijn-map"
    mine.mkdir()
    (mine / "notities.txt").write_text("van mij", encoding="utf-8")
    assert run("export", "controle", mine, "--data", region) == 1
    assert "geen eerdere export van werkboeken per aanbieder" in capsys.readouterr().err
    assert [p.name for p in mine.iterdir()] == ["notities.txt"]
    out = exported(region, tmp_path)
    assert run("export", "controle", out, "--data", region) == 0  # an earlier export: again
