"""`regiokaart import` attacked as a clumsy or hostile coordinator would: odd phone cells, rows with
an error beside rows that refer to them, CSV files named like LibreOffice's, choices in any case,
provider workbooks with errors."""

import csv
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from regiokaart.cli import main
from tests.conftest import tree_digest


def run(*argv: str | Path) -> int:
    return main([str(a) for a in argv])


@pytest.fixture
def book(flevoland_copy: Path, tmp_path: Path) -> Path:
    target = tmp_path / "aanbod.xlsx"
    assert run("export", "xlsx", target, "--data", flevoland_copy) == 0
    return target


def edit_row(
    path: Path, sheet: str, record_id: str, values: dict[str, Any], *, copy: bool = False
) -> int:
    """Set cells of a record's row (None empties a cell); with copy, of a new row copied from it."""
    workbook = openpyxl.load_workbook(path)
    ws = workbook[sheet]
    headers = {str(c.value): c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == record_id)
    if copy:
        new = ws.max_row + 1
        for column in range(1, ws.max_column + 1):
            ws.cell(new, column).value = ws.cell(row, column).value
        row = new
    for header, value in values.items():
        ws.cell(row, headers[header]).value = value  # ws.cell(r, c, None) would leave it as it was
    workbook.save(path)
    return row


def imported(path: Path, data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = run("import", path, "--data", data)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, (out + err).splitlines()


def at(lines: list[str], place: str) -> list[str]:
    return [line for line in lines if f"{place}: " in line]


def write_sheet_csv(book: Path, sheet_name: str, target: Path) -> None:
    """A sheet of the workbook as a CSV file (;), dates as JJJJ-MM-DD."""
    sheet = openpyxl.load_workbook(book)[sheet_name]
    with target.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        for values in sheet.iter_rows(values_only=True):
            cells = [v.date().isoformat() if isinstance(v, datetime) else v for v in values]
            writer.writerow(["" if v is None else v for v in cells])


def organisation(data: Path, record_id: str) -> dict[str, Any]:
    found = yaml.safe_load((data / "organisations.yaml").read_text(encoding="utf-8"))
    return next(o for o in found["organisations"] if o["id"] == record_id)


@pytest.mark.parametrize(
    ("cell", "restored"),
    [(365399111, "0365399111"), (365399111.0, "0365399111"), (31365399111, "+31365399111")],
)
def test_a_phone_number_stored_as_number_is_restored_and_said(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str], cell: Any, restored: str
) -> None:
    row = edit_row(book, "Organisaties", "gemeente-urk", {"Telefoon": cell})
    code, lines = imported(book, flevoland_copy, capsys)
    assert code == 0
    [said] = at(lines, f"aanbod.xlsx, blad Organisaties, rij {row}, kolom Telefoon")
    assert "waarschuwing: het telefoonnummer stond als getal in de cel" in said and restored in said
    assert organisation(flevoland_copy, "gemeente-urk")["phone"] == restored


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("0", "geen geldig telefoonnummer"),
        ("3136539911112345", "geen geldig telefoonnummer"),
        # what else a spreadsheet makes of a cell, and digits that are not 0-9
        (-365399111, "geen geldig telefoonnummer"),
        (365399111.5, "geen geldig telefoonnummer"),
        (datetime(2024, 1, 2), "geen geldig telefoonnummer"),
        ("3.65399111e8", "geen geldig telefoonnummer"),
        (
            "\uff10\uff13\uff16\uff15\uff13\uff19\uff19\uff11\uff11\uff11",
            "geen geldig telefoonnummer",
        ),
    ],
)
def test_a_phone_cell_that_is_no_number_is_an_error_and_nothing_is_written(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str], cell: Any, message: str
) -> None:
    row = edit_row(book, "Organisaties", "gemeente-urk", {"Telefoon": cell})
    before = tree_digest(flevoland_copy)
    code, lines = imported(book, flevoland_copy, capsys)
    assert code == 1 and tree_digest(flevoland_copy) == before
    assert at(lines, f"blad Organisaties, rij {row}, kolom Telefoon") == [
        f"aanbod.xlsx, blad Organisaties, rij {row}, kolom Telefoon: {message}"
    ]


def test_a_phone_number_typed_without_its_0_is_restored_and_said_so(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text, not a number (as every cell of a CSV file): the warning does not blame the cell."""
    row = edit_row(book, "Organisaties", "gemeente-urk", {"Telefoon": "365399111"})
    code, lines = imported(book, flevoland_copy, capsys)
    assert code == 0
    [said] = at(lines, f"blad Organisaties, rij {row}, kolom Telefoon")
    assert "het telefoonnummer mist de 0 vooraan (365399111); gelezen als 0365399111" in said
    assert organisation(flevoland_copy, "gemeente-urk")["phone"] == "0365399111"


def test_a_csv_file_whose_name_and_columns_disagree_is_refused_once(
    book: Path, flevoland_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "werkboek-Organisaties.csv"
    write_sheet_csv(book, "Aanbod", target)
    code, lines = imported(target, flevoland_copy, capsys)
    assert code == 1
    assert lines[-2:] == [
        "werkboek-Organisaties.csv:1:1: de naam van het bestand zegt blad Organisaties, maar de "
        "kolommen zijn die van blad Aanbod (noem het bestand naar zijn blad: "
        "werkboek-Aanbod.csv)",
        "1 fout(en), 0 waarschuwing(en)",
    ]
    # a name that merely ends in the word of an unread sheet: the columns say what it holds
    other = tmp_path / "aanbod-met-uitleg.csv"
    write_sheet_csv(book, "Aanbod", other)
    code, lines = imported(other, flevoland_copy, capsys)
    assert code == 0, lines


def test_a_short_municipal_number_is_kept_as_it_is(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_row(book, "Organisaties", "gemeente-urk", {"Telefoon": 14036})
    code, lines = imported(book, flevoland_copy, capsys)
    assert code == 0 and not [line for line in lines if "kolom Telefoon" in line]
    assert organisation(flevoland_copy, "gemeente-urk")["phone"] == "14036"


def test_a_reference_to_a_new_row_with_an_error_is_not_said_twice(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The new organisation's row says what to fix; an offer naming it is not also 'onbekend',
    but a misspelled provider in the same cell still is."""
    new = {"Id": "nieuwe-stichting", "Naam": "Nieuwe Stichting", "Peildatum": "gisteren"}
    org_row = edit_row(book, "Organisaties", "gemeente-dronten", new, copy=True)
    providers = {"Aanbieders": "nieuwe-stichting | nieuwe-stichtin"}
    offer_row = edit_row(book, "Aanbod", "meldcodetour", providers)
    code, lines = imported(book, flevoland_copy, capsys)
    assert code == 1
    assert at(lines, f"blad Organisaties, rij {org_row}, kolom Peildatum") == [
        f"aanbod.xlsx, blad Organisaties, rij {org_row}, kolom Peildatum: "
        "'gisteren' is geen datum: verwacht JJJJ-MM-DD"
    ]
    [provider] = at(lines, f"blad Aanbod, rij {offer_row}, kolom Aanbieders")
    assert "'nieuwe-stichtin'" in provider and "'nieuwe-stichting'" not in provider
    assert "2 fout(en), 0 waarschuwing(en)" in lines


def test_a_row_with_an_invalid_id_says_every_cell_in_one_run(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {"Id": "Meldcode Tour!", "Effectiviteit": "heel goed", "Peildatum": "gisteren"}
    row = edit_row(book, "Aanbod", "meldcodetour", bad, copy=True)
    before = tree_digest(flevoland_copy)
    code, lines = imported(book, flevoland_copy, capsys)
    assert code == 1 and tree_digest(flevoland_copy) == before
    for column in ("Id", "Effectiviteit", "Peildatum"):
        assert len(at(lines, f"aanbod.xlsx, blad Aanbod, rij {row}, kolom {column}")) == 1
    assert "3 fout(en), 0 waarschuwing(en)" in lines


@pytest.mark.parametrize(
    "values",
    [
        {"Effectiviteit": "ONBEKEND"},
        {"Effectiviteit": "  onbekend\u00a0"},
        {"Voor wie (rol)": "KIND | Ouder | professional", "Leeftijd": "JEUGD"},
    ],
)
def test_choices_in_any_case_are_the_choices_they_name(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str], values: dict[str, str]
) -> None:
    edit_row(book, "Aanbod", "kansrijke-start", values)  # as exported, apart from the case
    code, lines = imported(book, flevoland_copy, capsys)
    assert (code, lines) == (0, ["Geen wijzigingen; er is niets geschreven."])


def test_a_turkish_capital_i_is_not_taken_for_an_i(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = edit_row(book, "Aanbod", "kansrijke-start", {"Werkgebied": "LANDEL\u0130JK"})
    code, lines = imported(book, flevoland_copy, capsys)
    [said] = at(lines, f"blad Aanbod, rij {row}, kolom Werkgebied")
    assert code == 1 and "geen toegestane waarde (bedoelde u 'landelijk'?)" in said


def test_an_error_in_a_providers_workbook_writes_nothing(
    flevoland_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "controle"
    assert run("export", "controle", folder, "--data", flevoland_copy) == 0
    path = folder / "gemeente-almere.xlsx"
    bad = {"Peildatum": "gisteren", "Werkgebied": "gemeenten", "Gemeenten": "Zeewolt"}
    row = edit_row(path, "Aanbod", "kansrijke-start", bad)
    before = tree_digest(flevoland_copy)
    code, lines = imported(path, flevoland_copy, capsys)
    assert code == 1 and tree_digest(flevoland_copy) == before
    [municipality] = at(lines, f"blad Aanbod, rij {row}, kolom Gemeenten")
    assert "'Zeewolt'" in municipality and "'Zeewolde'" in municipality
    assert len(at(lines, f"blad Aanbod, rij {row}, kolom Peildatum")) == 1
    assert not [line for line in lines if "Verwijderd" in line or "onbekend aanbod" in line]


# --- found by attacking, then fixed ------------------------------------------------------------


def test_an_error_joined_to_a_warning_stays_an_error(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_row(book, "Organisaties", "gemeente-urk", {"Telefoon": 612345678})  # a mobile number
    code, lines = imported(book, flevoland_copy, capsys)
    assert code == 1 and "1 fout(en), 0 waarschuwing(en)" in lines


def test_the_same_id_twice_is_said_when_one_row_has_an_error(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = edit_row(book, "Aanbod", "meldcodetour", {"Peildatum": "gisteren"}, copy=True)
    first = edit_row(
        book, "Aanbod", "meldcodetour", {"Werkgebied": "gemeenten", "Gemeenten": "Zeewolt"}
    )
    code, lines = imported(book, flevoland_copy, capsys)
    assert code == 1
    assert at(lines, f"blad Aanbod, rij {second}, kolom Id")  # id 'meldcodetour' staat ook in rij …
    assert at(lines, f"blad Aanbod, rij {first}, kolom Gemeenten")  # Zeewolt is checked too


def test_many_restored_phone_numbers_are_only_warnings(
    book: Path, flevoland_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for number in range(60):
        new = {"Id": f"stichting-{number}", "Naam": f"Stichting {number}"}
        edit_row(book, "Organisaties", "gemeente-dronten", new, copy=True)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Organisaties"]
    column = next(c.column for c in sheet[1] if c.value == "Telefoon")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, column).value = 365399111
    workbook.save(book)
    code, lines = imported(book, flevoland_copy, capsys)
    assert code == 0 and not [line for line in lines if "meer dan 100 fouten" in line]


def test_a_providers_sheet_saved_as_csv_removes_nothing(
    flevoland_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "controle"
    assert run("export", "controle", folder, "--data", flevoland_copy) == 0
    target = tmp_path / "de-schoor-Aanbod.csv"  # as LibreOffice names the sheet Aanbod as CSV
    write_sheet_csv(folder / "de-schoor.xlsx", "Aanbod", target)
    shutil.rmtree(folder)
    before = own_offer_ids(flevoland_copy)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream, delimiter=";"))
    table[1][table[0].index("Duur")] = "Tien weken"  # the provider's answer
    changed = table[1][0]
    with target.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(table)
    code, lines = imported(target, flevoland_copy, capsys)
    assert code == 0, lines
    assert not [line for line in lines if "Verwijderd" in line]
    assert own_offer_ids(flevoland_copy) == before  # the other providers' offers are all kept
    offers = yaml.safe_load((flevoland_copy / "offers.yaml").read_text(encoding="utf-8"))
    assert next(o for o in offers["offers"] if o["id"] == changed)["duration"] == "Tien weken"


def own_offer_ids(data: Path) -> list[str]:
    offers = yaml.safe_load((data / "offers.yaml").read_text(encoding="utf-8"))
    return [offer["id"] for offer in offers["offers"]]
