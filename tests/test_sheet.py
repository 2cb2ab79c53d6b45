"""`regiokaart export xlsx` and `regiokaart import`: the coordinators' spreadsheet round trip."""

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from regiokaart.cli import main
from regiokaart.formats.workbook.columns import COLUMNS, columns
from regiokaart.models.offer import Offer
from regiokaart.models.organisation import Organisation
from regiokaart.models.vocabulary import Effectiveness
from regiokaart.source import edit as yaml_edit
from regiokaart.source.positions import parse_yaml_text
from tests.conftest import ROOT, checked, replace_in, tree_digest

MISSPELT = "Effectief volgens eerste aanwijzing"
OFFERS_COMMENT = "# Eigen aanbod van Flevoland, bijgehouden door de coördinator\n"


@pytest.fixture
def region(flevoland_copy: Path) -> Path:
    """A writable copy of Flevoland's data/, with the national layer beside it and a comment in
    offers.yaml above a record that the tests change."""
    data = flevoland_copy
    replace_in(
        data / "offers.yaml", "- id: meldcodetour\n", OFFERS_COMMENT + "- id: meldcodetour\n"
    )
    return data


def run(*argv: str | Path) -> int:
    return main([str(a) for a in argv])


def export(region: Path, tmp_path: Path) -> Path:
    target = tmp_path / "aanbod.xlsx"
    assert run("export", "xlsx", target, "--data", region) == 0
    return target


def header_index(sheet: Worksheet) -> dict[str, int]:
    return {str(cell.value): cell.column for cell in sheet[1]}


def row_of(sheet: Worksheet, record_id: str) -> int:
    return next(row for row in range(2, sheet.max_row + 1) if sheet.cell(row, 1).value == record_id)


def set_cells(book_path: Path, sheet_name: str, record_id: str, values: dict[str, Any]) -> int:
    """Change cells of one record's row (a new row for an unknown id); returns the row."""
    book = openpyxl.load_workbook(book_path)
    sheet = book[sheet_name]
    headers = header_index(sheet)
    try:
        row = row_of(sheet, record_id)
    except StopIteration:
        row = sheet.max_row + 1
        sheet.cell(row, headers["Id"], record_id)
    for header, value in values.items():
        sheet.cell(row, headers[header], value)
    book.save(book_path)
    return row


NEW_OFFER = {
    "Naam": "Praatgroep na huisverbod",
    "Samenvatting": "Wekelijkse groep voor plegers na een tijdelijk huisverbod.",
    "Kaders": "vrijwillig | bestuurlijk",
    "Effectiviteit": "Onbekend",
    "Aanbieders": "gemeente-almere",
    "Werkgebied": "gemeenten",
    "Gemeenten": "Almere | Lelystad",
    "Bron: document": "regiovisie-flevoland",
    "Bron: hoofdstuk": "§3.2",
    "Peildatum": "2026-01-05",
}


# --- export ------------------------------------------------------------------------------------


def test_export_writes_a_readable_workbook(region: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export(region, tmp_path))
    assert book.sheetnames == ["Uitleg", "Aanbod", "Organisaties", "Keuzelijsten"]
    assert book["Keuzelijsten"].sheet_state == "hidden"
    offers, organisations = book["Aanbod"], book["Organisaties"]
    assert offers.freeze_panes == "A2" and organisations.freeze_panes == "A2"
    headers = header_index(offers)
    for dutch in (
        "Naam",
        "Effectiviteit",
        "Werkgebied",
        "Gemeenten",
        "Bron: document",
        "Peildatum",
    ):
        assert dutch in headers
    assert "effectiveness" not in headers and "name" not in headers
    # only the region's own records: 41 offers and 58 organisations, none of the national layer
    own = {
        name: len(yaml.safe_load((region / f"{name}.yaml").read_text(encoding="utf-8"))[name])
        for name in ("offers", "organisations")
    }
    assert own == {"offers": 41, "organisations": 58}  # the region's own, not the national layer
    assert offers.max_row == 1 + own["offers"]
    assert organisations.max_row == 1 + own["organisations"]
    row = row_of(offers, "kansrijke-start")

    def cell(header: str) -> Any:
        return offers.cell(row, headers[header]).value

    assert cell("Naam") == "Kansrijke Start"
    assert cell("Voor wie (rol)") == "kind | ouder | professional"
    assert cell("Leeftijd") == "jeugd"
    assert cell("Effectiviteit") == "Onbekend"
    assert cell("Werkgebied") == "gemeenten" and cell("Gemeenten") == "Almere"
    assert cell("Bron: document") == "regiovisie-flevoland"
    assert cell("Met ervaringsdeskundigen") == "nee"
    assert cell("Systeemgericht") is None  # not given
    assert cell("Peildatum") == datetime(2026, 11, 24)  # a real date
    # a dropdown for Effectiviteit, from the hidden list of allowed values
    column = openpyxl.utils.get_column_letter(headers["Effectiviteit"])
    validation = next(v for v in offers.data_validations.dataValidation if f"{column}2" in v.sqref)
    assert validation.type == "list" and validation.showErrorMessage
    sheet_name, cells = validation.formula1.split("!")
    choices = [row[0].value for row in book[sheet_name.strip("'")][cells.replace("$", "")]]
    assert choices == [str(value) for value in Effectiveness]  # every allowed value, in order
    explanation = [[c.value for c in row] for row in book["Uitleg"].iter_rows()]
    text = "\n".join(str(v) for row in explanation for v in row if v)
    assert "nooit de landelijke laag" in text
    assert "gescheiden door '|'" in text
    effectiveness = next(r for r in explanation if r[:2] == ["Aanbod", "Effectiviteit"])
    assert effectiveness[3] == "ja" and "Effectief volgens eerste aanwijzingen" in effectiveness[4]


def test_every_field_has_a_column() -> None:
    for model in (Offer, Organisation):
        paths = {c.path[0] for c in columns(model)}
        assert paths == set(model.model_fields)
    headers = [c.header for c in columns(Offer)]
    assert len(headers) == len(set(headers))


def test_an_unknown_field_gets_its_name_as_header() -> None:
    class Extended(BaseModel):
        id: str
        waiting_weeks: int | None = None
        languages: list[str] = []

    found = {c.key: c for c in columns(Extended)}
    assert "waiting_weeks" not in COLUMNS
    assert (
        found["waiting_weeks"].header == "waiting_weeks" and found["waiting_weeks"].value == "int"
    )
    assert found["languages"].is_list and not found["languages"].required


def test_columns_are_sized_and_long_texts_wrap(region: Path, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(export(region, tmp_path))["Aanbod"]
    headers = header_index(sheet)
    letter = openpyxl.utils.get_column_letter
    description = letter(headers["Beschrijving"])
    assert sheet.column_dimensions[description].width == 60
    assert sheet.column_dimensions[letter(headers["Id"])].width == 22
    assert sheet[f"{description}2"].alignment.wrap_text
    assert not sheet[f"{letter(headers['Id'])}2"].alignment.wrap_text
    assert sheet[f"{letter(headers['Peildatum'])}2"].number_format == "yyyy-mm-dd"


def test_formula_like_text_is_exported_as_text(region: Path, tmp_path: Path) -> None:
    formula = '=HYPERLINK("https://example.org","klik")'
    aliases = "  aliases:\n  - \"'=een\"\n  - '@twee'\n  - \"'drie\"\n"
    replace_in(
        region / "offers.yaml", "  name: Kansrijke Start\n", f"  name: '{formula}'\n{aliases}"
    )
    path = export(region, tmp_path)
    sheet = openpyxl.load_workbook(path)["Aanbod"]
    cell = sheet.cell(row_of(sheet, "kansrijke-start"), header_index(sheet)["Naam"])
    assert cell.value == "'" + formula and cell.data_type == "s"
    aliases_cell = sheet.cell(cell.row, header_index(sheet)["Andere namen"])
    assert aliases_cell.value == "''=een | @twee | 'drie"
    before = tree_digest(region)
    assert run("import", path, "--data", region) == 0  # and it reads back as the same text
    assert tree_digest(region) == before


# --- round trip --------------------------------------------------------------------------------


def test_round_trip_without_edits_changes_nothing(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    before = tree_digest(region)
    capsys.readouterr()
    assert run("import", path, "--data", region) == 0
    assert tree_digest(region) == before
    out, err = capsys.readouterr()
    assert "Geen wijzigingen" in out
    assert err == ""  # no warning on the sheets Uitleg and Keuzelijsten as export wrote them
    assert not (region / ".backup").exists()


NOT_READ = (
    "waarschuwing: dit blad wordt niet gelezen; wat hier veranderd is, wordt niet overgenomen "
    "(gegevens horen in blad Aanbod of blad Organisaties)"
)


@pytest.mark.parametrize(
    ("sheet", "cells", "where"),
    [
        ("Uitleg", {"B7": "Almere doet ook mee", "C20": "anders"}, "blad Uitleg, rij 7, kolom B"),
        ("Uitleg", {"A1": None}, "blad Uitleg, rij 1, kolom A"),
        ("Uitleg", {"C500": "nog een kolom"}, "blad Uitleg, rij 500, kolom C"),
        ("Keuzelijsten", {"A9": "Effectief volgens mij"}, "blad Keuzelijsten, rij 9, kolom A"),
    ],
    ids=["typed", "emptied", "below", "choices"],
)
def test_a_change_on_a_sheet_that_is_not_read_is_a_warning(
    region: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sheet: str,
    cells: dict[str, str | None],
    where: str,
) -> None:
    """Uitleg and Keuzelijsten are not read: a change there is named at its first changed cell (one
    warning a sheet), and the rest of the workbook is imported."""
    path = export(region, tmp_path)
    set_cells(path, "Aanbod", "meldcodetour", {"Doel": "Beter"})
    book = openpyxl.load_workbook(path)
    for cell, value in cells.items():
        book[sheet][cell] = value
    book.save(path)
    capsys.readouterr()
    assert run("import", path, "--data", region) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"aanbod.xlsx, {where}: {NOT_READ}",
        "0 fout(en), 1 waarschuwing(en)",
    ]
    assert "Gewijzigd: Meldcodetour (velden: Doel)." in out


def test_errors_are_located_in_the_sheet_then_a_fix_is_written(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    row = set_cells(path, "Aanbod", "meldcodetour", {"Effectiviteit": MISSPELT, "Doel": "Beter"})
    set_cells(path, "Aanbod", "praatgroep-na-huisverbod", NEW_OFFER)
    before = tree_digest(region)
    old_offers = (region / "offers.yaml").read_bytes()
    capsys.readouterr()
    assert run("import", path, "--data", region) == 1
    out, err = capsys.readouterr()
    assert (
        f"aanbod.xlsx, blad Aanbod, rij {row}, kolom Effectiviteit: '{MISSPELT}' is geen "
        "toegestane waarde (bedoelde u 'Effectief volgens eerste aanwijzingen'?)"
    ) in err.splitlines()
    assert "1 fout(en)" in err and "Traceback" not in err
    assert "niets geschreven" in out
    assert tree_digest(region) == before

    set_cells(path, "Aanbod", "meldcodetour", {"Effectiviteit": MISSPELT + "en"})
    assert run("import", path, "--data", region) == 0
    out = capsys.readouterr().out
    assert "Toegevoegd: Praatgroep na huisverbod." in out
    assert "Gewijzigd: Meldcodetour (velden: Doel, Effectiviteit)." in out
    dataset = checked(region)
    new = dataset.offers["praatgroep-na-huisverbod"]
    assert [m for m in new.area.municipalities] == ["Almere", "Lelystad"]
    assert new.peildatum == date(2026, 1, 5)
    assert dataset.offers["meldcodetour"].goal == "Beter"
    text = (region / "offers.yaml").read_text(encoding="utf-8")
    assert OFFERS_COMMENT + "- id: meldcodetour\n" in text  # the comment above a changed record
    assert text.startswith("# yaml-language-server: $schema=../schemas/offers.schema.json\n")
    ids = [line[len("- id: ") :] for line in text.splitlines() if line.startswith("- id: ")]
    assert ids[-1] == "praatgroep-na-huisverbod" and ids[0] == "kansrijke-start"
    backups = list((region / ".backup").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("offers.yaml.")
    assert backups[0].read_bytes() == old_offers
    assert f"Reservekopie: {backups[0]}" in out
    # records that did not change keep their exact text
    old_text = old_offers.decode("utf-8")
    first = old_text[: old_text.index("- id: nu-niet-zwanger")]
    assert text.startswith(first)


def test_every_problem_comes_in_one_run_one_message_per_cell(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sheet's checks and the region's checks together: a bad date (said once, not also
    "verplicht"), a misspelled municipality, an unknown provider, and a mobile number beside a
    personal e-mail in one row; a choice value in lower case is read as its choice."""
    path = export(region, tmp_path)
    # in one row: an unreadable date (a required cell) and a misspelled municipality
    date_row = set_cells(
        path,
        "Aanbod",
        "nu-niet-zwanger",
        {"Peildatum": "31-02-2026", "Werkgebied": "gemeenten", "Gemeenten": "Dronten | Zeewolt"},
    )
    new_row = set_cells(
        path,
        "Aanbod",
        "praatgroep-na-huisverbod",
        {
            **NEW_OFFER,
            "Aanbieders": "gemeente-almeer",
            "Gemeenten": "Almeer | Lelystad",
            "Effectiviteit": "onbekend",
        },
    )
    contact_row = set_cells(
        path,
        "Organisaties",
        "gemeente-almere",
        {"Telefoon": "06-12345678", "E-mail": "jan.jansen@almere.nl"},
    )
    before = tree_digest(region)
    capsys.readouterr()
    assert run("import", path, "--data", region) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()

    def said(sheet: str, row: int, column: str) -> list[str]:
        return [line for line in lines if f"blad {sheet}, rij {row}, kolom {column}: " in line]

    assert said("Aanbod", date_row, "Peildatum") == [
        f"aanbod.xlsx, blad Aanbod, rij {date_row}, kolom Peildatum: "
        "'31-02-2026' is geen datum: verwacht JJJJ-MM-DD"
    ]
    [misspelled] = said("Aanbod", date_row, "Gemeenten")
    assert "Zeewolt" in misspelled and "Zeewolde" in misspelled
    [municipality] = said("Aanbod", new_row, "Gemeenten")
    assert "Almeer" in municipality and "Almere" in municipality
    [provider] = said("Aanbod", new_row, "Aanbieders")
    assert "onbekende organisatie 'gemeente-almeer'" in provider
    assert "gemeente-almere" in provider  # the close match
    assert not said("Aanbod", new_row, "Effectiviteit")  # onbekend is Onbekend
    [phone] = said("Organisaties", contact_row, "Telefoon")
    [email] = said("Organisaties", contact_row, "E-mail")
    assert "mobiel nummer" in phone and "persoonlijk e-mailadres" in email
    assert "6 fout(en)" in err and "Traceback" not in err
    assert "niets geschreven" in out
    assert tree_digest(region) == before


def test_a_removed_row_is_a_removed_record(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["Aanbod"]
    sheet.delete_rows(row_of(sheet, "kansrijke-start"))
    book.save(path)
    assert run("import", path, "--data", region) == 0
    assert "Verwijderd: Kansrijke Start." in capsys.readouterr().out
    text = (region / "offers.yaml").read_text(encoding="utf-8")
    assert "kansrijke-start" not in text and "id: nu-niet-zwanger" in text


def test_an_unknown_organisation_is_located_in_the_sheet(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    row = set_cells(path, "Aanbod", "kansrijke-start", {"Aanbieders": "gemeente-almeer"})
    before = tree_digest(region)
    capsys.readouterr()
    assert run("import", path, "--data", region) == 1
    err = capsys.readouterr().err
    assert f"aanbod.xlsx, blad Aanbod, rij {row}, kolom Aanbieders: " in err
    assert "gemeente-almeer" in err
    assert tree_digest(region) == before


# --- CSV ---------------------------------------------------------------------------------------


def write_csv(book_path: Path, sheet_name: str, target: Path, delimiter: str) -> None:
    sheet = openpyxl.load_workbook(book_path)[sheet_name]
    with target.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        for row in sheet.iter_rows(values_only=True):
            writer.writerow(
                [
                    v.date().isoformat() if isinstance(v, datetime) else ("" if v is None else v)
                    for v in row
                ]
            )


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_of_offers_is_imported(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], delimiter: str
) -> None:
    path = export(region, tmp_path)
    set_cells(path, "Aanbod", "kansrijke-start", {"Duur": "Twee jaar;\nin fasen"})
    target = tmp_path / "export.csv"  # no kind in the name: the columns tell
    write_csv(path, "Aanbod", target, delimiter)
    old_organisations = (region / "organisations.yaml").read_bytes()
    assert run("import", target, "--data", region) == 0
    assert "Gewijzigd: Kansrijke Start (velden: Duur)." in capsys.readouterr().out
    dataset = checked(region)
    assert dataset.offers["kansrijke-start"].duration == "Twee jaar;\nin fasen"
    assert (region / "organisations.yaml").read_bytes() == old_organisations


def test_csv_errors_name_row_and_column(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    row = set_cells(path, "Aanbod", "kansrijke-start", {"Effectiviteit": MISSPELT})
    target = tmp_path / "aanbod.csv"
    write_csv(path, "Aanbod", target, ";")
    capsys.readouterr()
    assert run("import", target, "--data", region) == 1
    err = capsys.readouterr().err
    assert f"aanbod.csv, rij {row}, kolom Effectiviteit: '{MISSPELT}' is geen toegestane" in err


# --- files that cannot be read -----------------------------------------------------------------


def refused(region: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = tree_digest(region)
    capsys.readouterr()
    assert run("import", path, "--data", region) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert tree_digest(region) == before
    return err


def test_a_file_that_is_no_workbook(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "aanbod.xlsx"
    path.write_text("geen werkboek", encoding="utf-8")
    assert "aanbod.xlsx:1:1: geen leesbaar werkboek (.xlsx)" in refused(region, path, capsys)
    ods = tmp_path / "aanbod.ods"
    ods.write_bytes(b"PK")
    assert "Opslaan als… en als bestandstype Excel 2007-365 (.xlsx)" in refused(region, ods, capsys)


def test_wrong_sheet_names(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    book = openpyxl.load_workbook(path)
    book["Aanbod"].title = "Aanbood"
    book.save(path)
    err = refused(region, path, capsys)
    assert "blad 'Aanbod' ontbreekt (bedoelde u 'Aanbood'?)" in err


def test_missing_required_column(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["Organisaties"]
    sheet.delete_cols(header_index(sheet)["Soort organisatie"])
    book.save(path)
    err = refused(region, path, capsys)
    assert "blad Organisaties, rij 1: verplichte kolom 'Soort organisatie' ontbreekt" in err


def test_too_many_rows(
    region: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("regiokaart.formats.workbook.bounds.MAX_ROWS", 10)
    err = refused(region, export(region, tmp_path), capsys)
    assert "blad Aanbod, rij 12: meer dan 10 rijen met gegevens" in err


def test_a_formula_cell_is_not_read(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    row = set_cells(path, "Aanbod", "kansrijke-start", {"Leeftijd vanaf": "=1+1"})
    err = refused(region, path, capsys)
    assert f"blad Aanbod, rij {row}, kolom Leeftijd vanaf: formules worden niet gelezen" in err


def test_a_databank_entry_goes_through_the_sheet_and_back(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    row = set_cells(
        path,
        "Aanbod",
        "meldcodetour",
        {
            "Werkzame elementen": "contact | herhaling",
            "Databank": "Movisie Databank Effectieve sociale interventies",
            "Databank: oordeel": "Goed beschreven",
            "Databank: datum": "2025-03-01",
            "Databank: bron": "regiovisie-flevoland",
            "Databank: hoofdstuk": "Bijlage 2",
        },
    )
    assert row > 1
    capsys.readouterr()
    assert run("import", path, "--data", region) == 0, capsys.readouterr().err
    assert "Gewijzigd:" in capsys.readouterr().out
    dataset = checked(region)
    offer = dataset.offers["meldcodetour"]
    assert offer.working_elements == ["contact", "herhaling"]
    assert offer.databank is not None and offer.databank.assessment == "Goed beschreven"
    assert offer.databank.source.section == "Bijlage 2"
    again = tmp_path / "opnieuw.xlsx"
    assert run("export", "xlsx", again, "--data", region) == 0
    capsys.readouterr()
    before = tree_digest(region)
    assert run("import", again, "--data", region) == 0
    assert tree_digest(region) == before  # the nested entry reads back as it was written


def test_an_old_doelgroepen_column_says_what_replaced_it(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(region, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["Aanbod"]
    sheet.cell(1, header_index(sheet)["Voor wie (rol)"]).value = "Doelgroepen"
    book.save(path)
    err = refused(region, path, capsys)
    assert "kolom Doelgroepen: onbekende kolom (gesplitst in 'Voor wie (rol)'" in err


def test_records_replaced_at_once_are_as_replaced_one_by_one() -> None:
    """Import replaces and removes every changed record of a file in one go; the text is the one
    that replacing them one at a time, reading the file again after each, gives."""
    text = (ROOT / "data" / "offers.yaml").read_text(encoding="utf-8")
    document, _ = parse_yaml_text(text, "offers.yaml")
    count = len(document.data["offers"])
    items: dict[int, dict[str, Any] | None] = {
        0: {"id": "eerste", "name": "Eerste"},
        1: None,
        7: {"id": "zevende", "summary": "twee\nregels"},
        count - 2: None,
        count - 1: {"id": "laatste"},
    }
    one_by_one = text
    for index in sorted(items, reverse=True):
        current, _ = parse_yaml_text(one_by_one, "offers.yaml")
        one_by_one = yaml_edit.replace_item(
            one_by_one, current, "offers", index, items[index], None
        )
    assert yaml_edit.replace_items(text, document, "offers", items) == one_by_one
    ids = [o["id"] for o in yaml.safe_load(one_by_one)["offers"]]
    assert len(ids) == count - 2 and ids[0] == "eerste" and ids[-1] == "laatste"
