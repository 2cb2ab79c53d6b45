"""The coordinators' spreadsheet as people really edit it: in real LibreOffice Calc (headless,
tests/libreoffice), saved as LibreOffice saves it, and read back with `regiokaart import`."""

from pathlib import Path

import openpyxl
import pytest

from regiokaart.cli import main
from tests.conftest import checked, tree_digest
from tests.libreoffice import calc
from tests.test_sheet import NEW_OFFER, export, header_index, row_of

ALMERE_PHONE = "0365399111"


def run(*argv: str | Path) -> int:
    return main([str(a) for a in argv])


def imported(path: Path, region: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = run("import", path, "--data", region)
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out + out.err


def rows(path: Path, sheet: str) -> dict[str, int]:
    """The row of each record's id on a sheet."""
    book = openpyxl.load_workbook(path, read_only=True)
    found = {
        str(row[0].value): row[0].row
        for row in book[sheet].iter_rows(min_row=2)
        if row and row[0].value
    }
    book.close()
    return found


def test_rows_deleted_inserted_moved_and_sorted_in_libreoffice(
    flevoland_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    region = flevoland_copy
    book = export(region, tmp_path)
    offers = rows(book, "Aanbod")
    organisations_before = (region / "organisations.yaml").read_bytes()
    typed = {"Id": "praatgroep-na-huisverbod", **NEW_OFFER}
    edited = tmp_path / "bewerkt.xlsx"
    calc(
        book,
        edited,
        "xlsx",
        [
            ["delete_row", "Aanbod", offers["kansrijke-start"]],
            ["insert_row", "Aanbod", 3, typed],
            ["move_row", "Aanbod", 2, 12],
            ["sort", "Organisaties", "Naam", True],
        ],
    )
    # LibreOffice moved and sorted the rows (the test would pass without these edits otherwise)
    assert rows(edited, "Aanbod")["praatgroep-na-huisverbod"] == 2  # row 2 went under it
    assert list(rows(edited, "Organisaties")) != list(rows(book, "Organisaties"))
    code, said = imported(edited, region, capsys)
    assert code == 0, said
    assert "Aanbod: Toegevoegd: Praatgroep na huisverbod. Verwijderd: Kansrijke Start." in said
    assert "Organisaties: geen wijzigingen." in said
    # a sorted sheet leaves the YAML file as it was: the order is the file's, not the sheet's
    assert (region / "organisations.yaml").read_bytes() == organisations_before
    dataset = checked(region)
    new = dataset.offers["praatgroep-na-huisverbod"]
    assert new.summary == NEW_OFFER["Samenvatting"]
    assert str(new.peildatum) == NEW_OFFER["Peildatum"]
    assert "kansrijke-start" not in dataset.offers


def test_a_phone_number_typed_into_the_exported_workbook_keeps_its_0(
    flevoland_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The phone column is exported as text, so what LibreOffice reads from the typing stays
    as typed; also in a row far under the records, where a new organisation would go."""
    region = flevoland_copy
    book = export(region, tmp_path)
    row = rows(book, "Organisaties")["gemeente-almere"]
    edited = tmp_path / "bewerkt.xlsx"
    calc(
        book,
        edited,
        "xlsx",
        [
            ["type", "Organisaties", row, "Telefoon", ALMERE_PHONE],
            ["type", "Organisaties", 400, "Telefoon", ALMERE_PHONE],
        ],
    )
    sheet = openpyxl.load_workbook(edited)["Organisaties"]
    column = header_index(sheet)["Telefoon"]
    assert sheet.cell(row, column).value == ALMERE_PHONE
    assert sheet.cell(400, column).value == ALMERE_PHONE  # a cell of a new row is text too
    sheet.parent.close()


def test_a_phone_number_typed_into_a_general_cell_is_restored_and_said(
    flevoland_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell set back to General (or a workbook of the coordinator's own): LibreOffice stores
    0365399111 as the number 365399111. Import restores the 0 and says where; a mobile number
    restored so is refused as one."""
    region = flevoland_copy
    book = export(region, tmp_path)
    general = openpyxl.load_workbook(book)
    sheet = general["Organisaties"]
    column = header_index(sheet)["Telefoon"]
    almere, lelystad = row_of(sheet, "gemeente-almere"), row_of(sheet, "gemeente-lelystad")
    for row in (almere, lelystad):
        sheet.cell(row, column).number_format = "General"
    general.save(book)
    edited = tmp_path / "bewerkt.xlsx"
    calc(book, edited, "xlsx", [["type", "Organisaties", almere, "Telefoon", ALMERE_PHONE]])
    stored = openpyxl.load_workbook(edited)["Organisaties"].cell(almere, column).value
    assert stored == int(ALMERE_PHONE)  # as LibreOffice stored it: a number without its 0
    code, said = imported(edited, region, capsys)
    assert code == 0, said
    place = f"bewerkt.xlsx, blad Organisaties, rij {almere}, kolom Telefoon: "
    assert f"{place}waarschuwing: het telefoonnummer stond als getal in de cel (365399111)" in said
    assert checked(region).organisations["gemeente-almere"].phone == ALMERE_PHONE

    mobile = tmp_path / "mobiel.xlsx"
    calc(book, mobile, "xlsx", [["type", "Organisaties", lelystad, "Telefoon", "0612345678"]])
    before = tree_digest(region)
    code, said = imported(mobile, region, capsys)
    assert code == 1
    assert f"mobiel.xlsx, blad Organisaties, rij {lelystad}, kolom Telefoon: " in said
    assert "mobiel nummer" in said
    assert tree_digest(region) == before


def test_a_csv_file_per_sheet_as_libreoffice_names_it(
    flevoland_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """LibreOffice saves each sheet as <workbook>-<sheet>.csv; the published workbook's name holds
    "aanbod", and its Organisaties file is still read as organisations."""
    region = flevoland_copy
    book = export(region, tmp_path)
    row = rows(book, "Organisaties")["gemeente-almere"]
    target = tmp_path / "aanbod-en-organisaties.csv"
    calc(book, target, "csv", [["type", "Organisaties", row, "Telefoon", ALMERE_PHONE]])
    written = sorted(p.name for p in tmp_path.glob("aanbod-en-organisaties-*.csv"))
    assert written == [
        f"aanbod-en-organisaties-{sheet}.csv"
        for sheet in ("Aanbod", "Keuzelijsten", "Organisaties", "Uitleg")
    ]
    offers_before = (region / "offers.yaml").read_bytes()
    code, said = imported(tmp_path / "aanbod-en-organisaties-Organisaties.csv", region, capsys)
    assert code == 0, said
    assert "Gewijzigd: Gemeente Almere (velden: Telefoon)." in said
    assert (region / "offers.yaml").read_bytes() == offers_before
    assert checked(region).organisations["gemeente-almere"].phone == ALMERE_PHONE
    code, said = imported(tmp_path / "aanbod-en-organisaties-Aanbod.csv", region, capsys)
    assert code == 0, said
    assert "Geen wijzigingen; er is niets geschreven." in said
    code, said = imported(tmp_path / "aanbod-en-organisaties-Uitleg.csv", region, capsys)
    assert code == 1
    assert "dit is het blad Uitleg van het werkboek; dat wordt niet gelezen" in said
    assert "lees het werkboek aanbod-en-organisaties.xlsx" in said


def test_an_ods_file_is_refused_with_what_to_do(
    flevoland_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    region = flevoland_copy
    ods = tmp_path / "aanbod.ods"
    calc(export(region, tmp_path), ods, "ods")
    assert ods.read_bytes().startswith(b"PK")  # a real OpenDocument file
    before = tree_digest(region)
    code, said = imported(ods, region, capsys)
    assert code == 1
    assert "aanbod.ods" in said and "kan niet gelezen worden" in said
    assert "Excel 2007-365 (.xlsx)" in said
    assert tree_digest(region) == before
