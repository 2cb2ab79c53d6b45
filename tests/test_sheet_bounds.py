"""`regiokaart import` of hostile workbooks and CSV files: each is refused within bounds, with one
Dutch message that says where, exit code 1, no traceback and nothing written; a value outside the
table is reported, never dropped. The workbooks are the region's own export with one part changed,
built here: a zip bomb packs a 400 MB cell into a few hundred kB."""

import random
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from openpyxl.utils import get_column_letter
from pydantic import BaseModel

from regiokaart.dataset.load import Layer, load_data
from regiokaart.formats.workbook import bounds as sheet_bounds
from regiokaart.formats.workbook import read as sheet_import
from regiokaart.formats.workbook.bounds import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TEXT_CHARS,
    MAX_VALUES,
    Refusal,
    Workbook,
    column_letter,
    thousands,
)
from regiokaart.formats.workbook.columns import (
    SHEETS,
    SheetKind,
    columns,
    from_cell,
    to_cell,
    value_at,
)
from regiokaart.formats.workbook.write import choice_cells, explanation_cells, render_workbook
from regiokaart.models.offer import Offer
from regiokaart.models.target_migration import ages_from_range
from regiokaart.source.positions import parse_yaml_text
from tests.conftest import ROOT, fifo_at
from tests.test_sheet import refused, run

# The columns of the exported Aanbod sheet (its fields, then what the rules derive), and the
# first three letters past them.
AANBOD_WIDTH = len(columns(Offer)) + len(SHEETS[0].derived)
PAST, PAST2, PAST3 = (get_column_letter(AANBOD_WIDTH + n) for n in (1, 2, 3))
AANBOD = "xl/worksheets/sheet2.xml"  # export writes Uitleg, Aanbod, Organisaties, Keuzelijsten
MB = 1 << 20


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The region's own export, written once for the tests here, which only read it."""
    folder = tmp_path_factory.mktemp("export")
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "national", folder / "national")
    target = folder / "aanbod.xlsx"
    assert run("export", "xlsx", target, "--data", folder / "data") == 0
    return target


@pytest.fixture
def region(flevoland_copy: Path) -> Path:
    return flevoland_copy


def rebuilt(source: Path, target: Path, parts: dict[str, Iterable[bytes] | None]) -> Path:
    """source with the parts named replaced (added when new; None: left out), each written a
    chunk at a time, so that a part of 400 MB never is in memory whole."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in parts:
                new.writestr(info.filename, old.read(info.filename))
        for name, chunks in parts.items():
            if chunks is not None:
                with new.open(name, "w", force_zip64=True) as out:
                    for chunk in chunks:
                        out.write(chunk)
    return target


def part(source: Path, name: str) -> bytes:
    with zipfile.ZipFile(source) as archive:
        return archive.read(name)


def aanbod(
    source: Path,
    *,
    in_row_2: Iterable[bytes] = (),
    rows: Iterable[bytes] = (),
    dimension: bytes | None = None,
) -> Iterator[bytes]:
    """The Aanbod sheet of source, with cells added at the end of row 2, rows added after the
    last, and another declared dimension."""
    text = part(source, AANBOD)
    declared = re.search(rb'<dimension ref="A1:[A-Z]+42" />', text)
    assert b"<is><t>Id</t></is>" in text and declared, "the shipped Aanbod sheet: 41 offers"
    if dimension is not None:
        text = text.replace(declared[0], b'<dimension ref="%s" />' % dimension)
    head, tail = text.split(b"</sheetData>")
    end_of_row_2 = head.index(b"</row>", head.index(b'<row r="2"'))
    yield head[:end_of_row_2]
    yield from in_row_2
    yield head[end_of_row_2:]
    yield from rows
    yield b"</sheetData>" + tail


def inline(reference: str, text: bytes) -> bytes:
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (reference.encode(), text)


def megabytes(count: int, byte: bytes = b"a") -> Iterator[bytes]:
    chunk = byte * MB
    for _ in range(count):
        yield chunk


def with_part(source: Path, target: Path, name: str, kind: str, chunks: Iterable[bytes]) -> Path:
    """source with a new part related to the workbook (sharedStrings, worksheet)."""
    relations = part(source, "xl/_rels/workbook.xml.rels")
    kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    relation = f'<Relationship Type="{kinds}/{kind}" Target="/{name}" Id="rId99" />'
    types = part(source, "[Content_Types].xml")
    content = f"application/vnd.openxmlformats-officedocument.spreadsheetml.{kind}+xml"
    override = f'<Override PartName="/{name}" ContentType="{content}"/>'
    parts: dict[str, Iterable[bytes] | None] = {
        "xl/_rels/workbook.xml.rels": [
            relations.replace(b"</Relationships>", relation.encode() + b"</Relationships>")
        ],
        "[Content_Types].xml": [types.replace(b"</Types>", override.encode() + b"</Types>")],
        name: chunks,
    }
    return rebuilt(source, target, parts)


def with_sheet(source: Path, target: Path, name: str, sheet_data: bytes) -> Path:
    """source with another sheet after the others."""
    book_xml = part(source, "xl/workbook.xml").replace(
        b"</sheets>", b'<sheet name="%s" sheetId="9" r:id="rId99" /></sheets>' % name.encode()
    )
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    sheet += b"<sheetData>" + sheet_data + b"</sheetData></worksheet>"
    with_part(source, target, "xl/worksheets/sheet9.xml", "worksheet", [sheet])
    replaced = target.with_suffix(".tmp")
    target.rename(replaced)
    return rebuilt(replaced, target, {"xl/workbook.xml": [book_xml]})


SHARED = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


# --- the archive, measured before anything is parsed ---------------------------------------------


def cell_of_400_mb(book: Path, target: Path) -> Path:
    """A zip bomb: a cell of 400 MB beyond the table, packed into ~0.5 MB. Before the archive was
    measured, import took 850 MB and then said "Geen wijzigingen"."""
    cell = [b'<c r="GS2" t="inlineStr"><is><t>', *megabytes(400), b"</t></is></c>"]
    return rebuilt(book, target, {AANBOD: aanbod(book, in_row_2=cell)})


def test_a_zip_bomb_cell_is_refused_from_the_archive_directory(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cell_of_400_mb(book, tmp_path / "aanbod.xlsx")
    assert path.stat().st_size < MB
    err = refused(region, path, capsys)
    assert "aanbod.xlsx, blad Aanbod: het blad is uitgepakt 419." in err
    assert "bytes; hoogstens 50.000.000 (dit is geen gewoon werkboek; een zip-bom?)" in err
    assert err.count("aanbod.xlsx") == 1


def test_a_part_that_unpacks_far_beyond_its_size_is_refused(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two million cells in one row: 30 MB, under the size of a part, packed 360 : 1."""
    cells = (b"<c><v>1</v></c>" * 100_000 for _ in range(20))
    row = [b'<row r="43">', *cells, b"</row>"]
    path = rebuilt(book, tmp_path / "aanbod.xlsx", {AANBOD: aanbod(book, rows=row)})
    err = refused(region, path, capsys)
    assert "blad Aanbod: het blad pakt uit tot" in err
    assert "keer zijn ingepakte grootte; hoogstens 100" in err


def styles_of_270_mb(book: Path, target: Path) -> Path:
    """Five million cell formats in 0.8 MB: the attack that took import to 3.75 GB and a
    MemoryError."""
    styles = part(book, "xl/styles.xml")
    declared = re.search(rb'<cellXfs count="\d+">', styles)
    assert declared
    head, tail = styles.split(declared[0])
    xf = b'<xf numFmtId="14" fontId="0" fillId="0" borderId="0"/>' * 100_000
    chunks = [head + declared[0], *(xf for _ in range(50)), tail]
    return rebuilt(book, target, {"xl/styles.xml": chunks})


def test_a_huge_styles_part_is_refused(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = styles_of_270_mb(book, tmp_path / "aanbod.xlsx")
    assert path.stat().st_size < MB
    err = refused(region, path, capsys)
    assert re.search(
        r"aanbod\.xlsx:1:1: deel xl/styles\.xml is uitgepakt 270\.\d{3}\.\d{3} bytes", err
    )


def test_a_huge_shared_strings_part_is_refused(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chunks = [SHARED, *(b"<si><t>a</t></si>" * 100_000 for _ in range(300)), b"</sst>"]
    path = with_part(
        book, tmp_path / "aanbod.xlsx", "xl/sharedStrings.xml", "sharedStrings", chunks
    )
    err = refused(region, path, capsys)
    assert "deel xl/sharedStrings.xml is uitgepakt 510.0" in err


def test_many_parts_are_refused(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts: dict[str, Iterable[bytes] | None] = {f"x/{i}.xml": [b""] for i in range(2_000)}
    path = rebuilt(book, tmp_path / "aanbod.xlsx", parts)
    err = refused(region, path, capsys)
    assert "aanbod.xlsx:1:1: het werkboek bestaat uit 2.012 delen; hoogstens 1.000" in err


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_UNPACKED_BYTES", 100_000, "bytes; hoogstens 100.000 (dit is geen gewoon werkboek"),
        ("MAX_STYLES", 3, "deel xl/styles.xml: meer dan 3 celopmaken"),
        ("MAX_CELLS", 1_000, "meer dan 1.000 gevulde cellen; er is niets gelezen"),
        # the export fills 1.334 cells with 1.413 values: a list in a cell counts each value
        ("MAX_VALUES", 1_400, "meer dan 1.400 waarden in het bestand; er is niets gelezen"),
        ("MAX_TEXT_CHARS", 10_000, "meer dan 10.000 tekens in de cellen; er is niets gelezen"),
    ],
)
def test_limits_that_span_the_file(
    book: Path,
    region: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
    message: str,
) -> None:
    monkeypatch.setattr(sheet_bounds, limit, value)
    assert message in refused(region, book, capsys)


def test_a_part_packed_in_another_way_is_refused(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "aanbod.xlsx"
    with zipfile.ZipFile(book) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_BZIP2) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename))
    err = refused(region, target, capsys)
    assert "is ingepakt op een manier die een werkboek niet gebruikt" in err


# --- the XML, streamed -----------------------------------------------------------------------------


def test_deep_nesting_is_refused(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cell = [
        b'<c r="%s2" t="inlineStr"><is>' % PAST.encode(),
        b"<r>" * 20_000,
        b"</r>" * 20_000,
        b"</is></c>",
    ]
    path = rebuilt(book, tmp_path / "aanbod.xlsx", {AANBOD: aanbod(book, in_row_2=cell)})
    err = refused(region, path, capsys)
    assert "blad Aanbod: de XML van het blad is dieper genest dan 100 niveaus" in err


def test_a_dtd_is_refused(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laughs = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    laughs += b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(8))
    laughs += b"]>"
    sheet = b"".join(aanbod(book, in_row_2=[inline(f"{PAST}2", b"&i;")]))
    path = rebuilt(book, tmp_path / "aanbod.xlsx", {AANBOD: [laughs, sheet]})
    err = refused(region, path, capsys)
    assert "blad Aanbod: het blad bevat een DTD" in err


def test_a_cell_longer_than_excel_allows_is_refused(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cell = inline(f"{PAST}2", b"b" * 40_000)
    path = rebuilt(book, tmp_path / "aanbod.xlsx", {AANBOD: aanbod(book, in_row_2=[cell])})
    err = refused(region, path, capsys)
    assert f"blad Aanbod, rij 2, kolom {PAST}: cel met meer dan 32.767 tekens" in err


def test_a_shared_text_longer_than_a_cell_is_refused_where_a_cell_uses_it(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strings = SHARED + b"<si><t>kort</t></si><si><r><t>" + b"c" * 40_000 + b"</t></r></si></sst>"
    shared = with_part(
        book, tmp_path / "gedeeld.xlsx", "xl/sharedStrings.xml", "sharedStrings", [strings]
    )
    cell = b'<c r="%s2" t="s"><v>1</v></c>' % PAST.encode()
    path = rebuilt(shared, tmp_path / "aanbod.xlsx", {AANBOD: aanbod(book, in_row_2=[cell])})
    err = refused(region, path, capsys)
    assert f"blad Aanbod, rij 2, kolom {PAST}: cel met meer dan 32.767 tekens" in err


def test_a_value_past_the_last_column_is_refused(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read before up to column 200, and the rest dropped without a word."""
    beyond = column_letter(MAX_COLUMNS + 1)
    row = b'<row r="43">' + inline(f"{beyond}43", b"vergeten") + b"</row>"
    path = rebuilt(book, tmp_path / "aanbod.xlsx", {AANBOD: aanbod(book, rows=[row])})
    err = refused(region, path, capsys)
    assert f"blad Aanbod, rij 43, kolom {beyond}: waarde voorbij kolom GR" in err


def rows_of_values(first: int, count: int) -> Iterator[bytes]:
    for number in range(first, first + count):
        yield b'<row r="%d">%s%s</row>' % (
            number,
            inline(f"A{number}", b"rij-%d" % number),
            inline(f"B{number}", b"Naam"),
        )


def test_a_sheet_of_100_000_rows_is_refused_at_the_limit(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sheet declares 42 rows (openpyxl believed it and read no further) and ends in broken
    XML: the refusal at the limit shows that the rest of the sheet was never read."""
    rows = [*rows_of_values(43, 100_000), b"<row <<< niet af"]
    path = rebuilt(book, tmp_path / "aanbod.xlsx", {AANBOD: aanbod(book, rows=rows)})
    err = refused(region, path, capsys)
    limit, beyond = thousands(MAX_ROWS), thousands(MAX_ROWS + 2)
    assert f"aanbod.xlsx, blad Aanbod, rij {beyond}: meer dan {limit} rijen met gegevens" in err
    assert "geen geldige XML" not in err


def test_rows_are_yielded_as_they_are_read(book: Path, tmp_path: Path) -> None:
    rows = [*rows_of_values(43, 100_000), b"<row <<< niet af"]
    path = rebuilt(book, tmp_path / "aanbod.xlsx", {AANBOD: aanbod(book, rows=rows)})
    workbook = Workbook(path.read_bytes())
    numbers = []
    with pytest.raises(Refusal) as refusal:
        for number, _ in workbook.rows("Aanbod"):
            numbers.append(number)
    assert refusal.value.row == MAX_ROWS + 2
    assert 0 < len(numbers) <= MAX_ROWS + 1 and numbers[-1] < MAX_ROWS + 2


def test_an_empty_formatted_last_row_is_no_row(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """LibreOffice, after a row is deleted, saves row 1.048.576 formatted and empty, and declares
    the sheet that high. Refused before as more than 20.000 rows."""
    last = b'<row r="1048576" s="1" customFormat="1" ht="12.8"><c r="A1048576" s="1"/></row>'
    sheet = aanbod(book, rows=[last], dimension=b"A1:AMJ1048576")
    path = rebuilt(book, tmp_path / "aanbod.xlsx", {AANBOD: sheet})
    capsys.readouterr()
    assert run("import", path, "--data", region) == 0, capsys.readouterr().err
    assert "Geen wijzigingen" in capsys.readouterr().out


# --- nothing outside the table is ignored -----------------------------------------------------------


def test_a_value_in_a_column_without_header_is_reported(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cells = [inline(f"{PAST2}2", b"belangrijke opmerking")]
    rows = [b'<row r="60">' + inline(f"{PAST3}60", b"nog een") + b"</row>"]
    sheet = aanbod(book, in_row_2=cells, rows=rows)
    path = rebuilt(book, tmp_path / "aanbod.xlsx", {AANBOD: sheet})
    err = refused(region, path, capsys)
    assert (
        f"blad Aanbod, rij 2, kolom {PAST2}: waarde buiten de tabel: deze kolom heeft geen kop"
        in err
    )
    assert f"blad Aanbod, rij 60, kolom {PAST3}: waarde buiten de tabel" in err


def test_a_value_on_a_sheet_that_is_not_read_is_reported(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b'<row r="3"><c r="B3" t="inlineStr"><is><t>Nieuw aanbod</t></is></c></row>'
    path = with_sheet(book, tmp_path / "aanbod.xlsx", "Blad1", data)
    err = refused(region, path, capsys)
    assert "blad Blad1, rij 3, kolom B: dit blad wordt niet gelezen, maar bevat gegevens" in err


def test_an_empty_extra_sheet_is_fine(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = with_sheet(
        book, tmp_path / "aanbod.xlsx", "Blad1", b'<row r="1"><c r="A1" s="1"/></row>'
    )
    capsys.readouterr()
    assert run("import", path, "--data", region) == 0, capsys.readouterr().err


def test_shared_texts_rich_text_and_phonetics_read_as_the_export(
    book: Path, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel and LibreOffice keep texts in a shared table, some in runs of formatting; a
    phonetic reading (rPh) is no part of the value."""
    texts: list[bytes] = []

    def shared(match: re.Match[bytes]) -> bytes:
        texts.append(match[2])
        return b'<c r="%s" t="s"><v>%d</v></c>' % (match[1], len(texts) - 1)

    sheet = re.sub(
        rb'<c r="(\w+)" s="\d+" t="inlineStr"><is><t>(.*?)</t></is></c>',
        shared,
        part(book, AANBOD),
    )
    items = [
        b'<si><r><rPr><b/></rPr><t>%s</t></r><r><t xml:space="preserve">%s%s</t></r>'
        b'<rPh sb="0" eb="1"><t>x</t></rPh></si>' % (head, space, rest)
        for head, space, rest in (text.partition(b" ") for text in texts)
    ]
    strings = SHARED + b"".join(items) + b"</sst>"
    with_strings = with_part(
        book, tmp_path / "gedeeld.xlsx", "xl/sharedStrings.xml", "sharedStrings", [strings]
    )
    path = rebuilt(with_strings, tmp_path / "aanbod.xlsx", {AANBOD: [sheet]})
    assert len(texts) > 500
    capsys.readouterr()
    assert run("import", path, "--data", region) == 0, capsys.readouterr().err
    assert "Geen wijzigingen" in capsys.readouterr().out


def test_many_new_rows_read_the_data_file_a_few_times(
    book: Path,
    region: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """New records are added in one go: one by one, each read the whole file again, and 20.000
    new rows, within the limits then, would have taken a day."""
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Aanbod"]
    template = [cell.value for cell in sheet[3]]
    for number in range(60):
        sheet.append([f"nieuw-aanbod-{number}", f"Nieuw aanbod {number}", *template[2:]])
    path = tmp_path / "aanbod.xlsx"
    workbook.save(path)
    reads = []

    def counted(text: str, name: str) -> Any:
        reads.append(name)
        return parse_yaml_text(text, name)

    monkeypatch.setattr(sheet_import, "parse_yaml_text", counted)
    capsys.readouterr()
    assert run("import", path, "--data", region) == 0, capsys.readouterr().err
    assert "Toegevoegd: Nieuw aanbod 0, Nieuw aanbod 1," in capsys.readouterr().out
    assert len(reads) < 10
    offers = yaml.safe_load((region / "offers.yaml").read_text(encoding="utf-8"))["offers"]
    assert [o["id"] for o in offers[-60:]] == [f"nieuw-aanbod-{n}" for n in range(60)]


def test_many_errors_and_changes_read_the_data_file_a_few_times(
    book: Path,
    region: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Changed records are replaced in one go, and each error the region check finds is placed in
    the sheet without reading the new file again: one read per change and per error made 2.400
    new rows with 24.000 unknown organisations take more than three minutes."""
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Aanbod"]
    headers = {cell.value: cell.column for cell in sheet[1]}
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, headers["Doel"], f"Nieuw doel {row}")
    template = [cell.value for cell in sheet[3]]
    for number in range(30):
        sheet.append([f"nieuw-aanbod-{number}", f"Nieuw aanbod {number}", *template[2:]])
        sheet.cell(sheet.max_row, headers["Aanbieders"], f"onbekend-{number} | ook-onbekend")
    path = tmp_path / "aanbod.xlsx"
    workbook.save(path)
    reads = []

    def counted(text: str, name: str) -> Any:
        reads.append(name)
        return parse_yaml_text(text, name)

    monkeypatch.setattr(sheet_import, "parse_yaml_text", counted)
    err = refused(region, path, capsys)
    # one problem per cell, each holding both unknown organisations
    assert (
        "aanbod.xlsx, blad Aanbod, rij 72, kolom Aanbieders: onbekende organisatie 'onbekend-29'; "
        "onbekende organisatie 'ook-onbekend'"
    ) in err
    assert "30 fout(en)" in err
    assert len(reads) < 10


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Id;Naam\n" + "x;y\n" * 100_000,
            f"aanbod.csv, rij {thousands(MAX_ROWS + 2)}: meer dan {thousands(MAX_ROWS)} rijen met",
        ),
        (
            "Id;Naam\nx;y" + ";" * (MAX_COLUMNS - 1) + "vergeten\n",
            "aanbod.csv, rij 2, kolom GS: waarde voorbij kolom GR",
        ),
        ("Id;Naam\nx;y;" + "b" * 40_000 + "\n", "rij 2, kolom C: cel met meer dan 32.767 tekens"),
        ('Id;Naam\nx;"y\n' + "tekst\n" * 1_000, 'rij 2, kolom Naam: een aanhalingsteken (")'),
        ("Id;Naam\n" + ";" * 3_000_000, "rij 2: meer dan 16.384 velden in één rij"),
        ("Id;Naam\n" + "a" * 9_000_000, "rij 2, kolom Id: cel met meer dan 32.767 tekens"),
        ("Id;Naam\n" + "\n" * 2_000_000 + "x;y\n", "meer dan 1.048.576 regels"),
        ("Id;Naam\nx;y;opmerking\n", "aanbod.csv, rij 2, kolom C: waarde buiten de tabel"),
        ("x" * 10_000_001, "aanbod.csv:1:1: bestand is groter dan 10.000.000 bytes"),
    ],
    ids=["rows", "columns", "cell", "quote", "fields", "line", "lines", "outside", "size"],
)
def test_csv_is_read_within_bounds(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    path = tmp_path / "aanbod.csv"
    path.write_text(text, encoding="utf-8")
    assert message in refused(region, path, capsys)


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_file_that_never_ends_is_refused(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = tmp_path / "aanbod.csv"
    if kind == "device":
        path.symlink_to("/dev/zero")
        assert "aanbod.csv:1:1: is een apparaat, geen bestand" in refused(region, path, capsys)
    else:
        with fifo_at(path):
            err = refused(region, path, capsys)
        assert "aanbod.csv:1:1: is een pijp (FIFO), geen bestand" in err


# --- memory ----------------------------------------------------------------------------------------

_PEAK = """
import resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stderr)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_of_import(path: Path, region: Path) -> tuple[int, str, int]:
    """`regiokaart import` as the only child of a fresh process, under 1 GB of address space: its
    exit code, what it printed on stderr and its peak memory (resident set) in MB."""
    command = [sys.executable, "-m", "regiokaart.cli", "import", str(path), "--data", str(region)]
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_PEAK), *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    code, kilobytes = done.stdout.split()
    return int(code), done.stderr, int(kilobytes) // 1024


def heavy_within_limits(book: Path, target: Path) -> Path:
    """Near what the limits let a file under 10 MB hold: nearly MAX_CELLS shared texts, as long
    as MAX_TEXT_CHARS lets them be, each with an emoji (so that Python keeps four bytes a
    character), each used by one of the 24 cells of the rows. (At the earlier limits: 280.000
    texts of 69 characters.) The rows are no records: the import is refused."""
    count = (sheet_bounds.MAX_CELLS - 2_000) // 24_000 * 24_000
    length = (sheet_bounds.MAX_TEXT_CHARS - 100_000) // count
    text = ("😀 %06d " + "x" * (length - 9)).encode()
    assert len((text % 0).decode()) * count < sheet_bounds.MAX_TEXT_CHARS
    assert count < sheet_bounds.MAX_CELLS
    texts = (
        b"".join(b"<si><t>" + text % (block * 1_000 + i) + b"</t></si>" for i in range(1_000))
        for block in range(count // 1_000)
    )
    shared = with_part(
        book,
        target.with_name("gedeeld.xlsx"),
        "xl/sharedStrings.xml",
        "sharedStrings",
        [SHARED, *texts, b"</sst>"],
    )
    rows = (
        b'<row r="%d">%s</row>'
        % (
            number,
            b"".join(
                b'<c r="%s%d" t="s"><v>%d</v></c>'
                % (column_letter(column).encode(), number, (number - 2) * 24 + column - 1)
                for column in range(1, 25)
            ),
        )
        for number in range(2, 2 + count // 24)
    )
    header = re.search(rb'<row r="1">.*?</row>', part(book, AANBOD))
    assert header is not None
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    chunks = [sheet + b"<sheetData>" + header[0], *rows, b"</sheetData></worksheet>"]
    return rebuilt(shared, target, {AANBOD: chunks})


def csv_of_many_fields(book: Path, target: Path) -> Path:
    """3.3 million fields on one line of 9.9 MB: 354 MB before the fields were counted as read."""
    path = target.with_suffix(".csv")
    path.write_text("Id;Naam\n" + "ab;" * 3_300_000, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "attack",
    [cell_of_400_mb, styles_of_270_mb, heavy_within_limits, csv_of_many_fields],
    ids=["cell-of-400-MB", "styles-of-270-MB", "heavy-within-limits", "csv-of-many-fields"],
)
def test_memory_stays_under_300_mb(
    book: Path, region: Path, tmp_path: Path, attack: Callable[[Path, Path], Path]
) -> None:
    path = attack(book, tmp_path / "aanbod.xlsx")
    assert path.stat().st_size < 10_000_000
    code, err, peak = peak_of_import(path, region)
    assert code == 1 and "Traceback" not in err and path.name in err, err
    assert peak < 300, f"{peak} MB"


# --- the largest workbooks the limits let through, imported whole ---------------------------------


def _counted(kind: SheetKind, records: list[BaseModel]) -> tuple[int, int]:
    """The values and the characters of text that import counts for records, as export writes
    them: a list in a cell counts each of its values."""
    values = chars = 0
    for record in records:
        for column in columns(kind.model):
            cell = to_cell(column, value_at(record, column.path))
            if cell is None:
                continue
            value = from_cell(column, cell)
            values += len(value) if isinstance(value, list) else 1
            chars += len(cell) if isinstance(cell, str) else 0
    return values, chars


def _totals(records: dict[str, list[BaseModel]]) -> tuple[int, int]:
    """The values and characters import counts in a workbook of records, with the cells of the
    sheets Uitleg and Keuzelijsten, which the reader counts too (as the limit on cells is the
    limit on values, and a cell holds at least one value, this bounds the cells as well)."""
    counts = [_counted(kind, records[kind.sheet]) for kind in SHEETS]
    unread = [
        v for cells in (explanation_cells(), choice_cells()) for row in cells for v in row if v
    ]
    return (
        sum(values for values, _ in counts) + len(unread),
        sum(chars for _, chars in counts) + sum(len(value) for value in unread),
    )


def _own_records(region: Path) -> dict[str, list[BaseModel]]:
    loaded, _ = load_data(region)
    own = [f for f in loaded.files if f.layer is Layer.REGIONAL and f.model is not None]
    return {
        k.sheet: [r for f in own if f.kind == k.kind for r in getattr(f.model, k.key)]
        for k in SHEETS
    }


def _required_only(record: BaseModel) -> BaseModel:
    fields = type(record).model_fields
    return type(record).model_validate(
        {name: getattr(record, name) for name, info in fields.items() if info.is_required()}
    )


def most_records(region: Path, target: Path) -> Path:
    """The region's export with as many new records as the limits let through: organisations and
    offers of only their required columns, up to MAX_ROWS per sheet and MAX_VALUES in all."""
    records = _own_records(region)
    offers, organisations = SHEETS
    offer = _required_only(records[offers.sheet][0])
    organisation = _required_only(records[organisations.sheet][0])
    room = MAX_VALUES - _totals(records)[0]
    per_organisation = _counted(organisations, [organisation])[0]
    count = MAX_ROWS - len(records[organisations.sheet])
    room -= count * per_organisation
    records[organisations.sheet] += [
        organisation.model_copy(update={"id": f"organisatie-{n}", "name": f"Organisatie {n}"})
        for n in range(count)
    ]
    count = min(room // _counted(offers, [offer])[0], MAX_ROWS - len(records[offers.sheet]))
    records[offers.sheet] += [
        offer.model_copy(update={"id": f"aanbod-{n}", "name": f"Aanbod {n}"}) for n in range(count)
    ]
    values = _totals(records)[0]
    assert MAX_VALUES - 20 < values <= MAX_VALUES, values
    target.write_bytes(render_workbook(records))
    return target


def most_text(region: Path, target: Path) -> Path:
    """The region's export with new offers that fill every column the region's offers fill
    somewhere, their long texts random emoji (four bytes a character for Python, and no zip
    bomb), up to MAX_TEXT_CHARS and MAX_VALUES."""
    records = _own_records(region)
    offers = SHEETS[0]
    own = records[offers.sheet]
    filled = {
        name: next(
            (v for o in own if (v := getattr(o, name)) not in (None, [], False)),
            getattr(own[0], name),
        )
        for name in Offer.model_fields
    }
    filled["ages"] = ages_from_range(filled["age_min"], filled["age_max"]) or filled["ages"]
    full = Offer.model_validate({**filled, "contraindicated_profiles": []})
    long = [c.path[0] for c in columns(Offer) if c.long and len(c.path) == 1]
    values, chars = _totals(records)
    # without its long texts, and with the longest id and name of the new offers
    short = full.model_copy(
        update={"id": "aanbod-9999", "name": "Aanbod 9999", **dict.fromkeys(long)}
    )
    per_offer, per_offer_chars = _counted(offers, [short])
    count = (MAX_VALUES - values) // (per_offer + len(long))
    length = (MAX_TEXT_CHARS - chars - count * per_offer_chars) // (count * len(long))
    emoji = random.Random(0)

    def text() -> str:
        return "".join(chr(0x1F600 + emoji.randrange(64)) for _ in range(length))

    records[offers.sheet] += [
        full.model_copy(
            update={"id": f"aanbod-{n}", "name": f"Aanbod {n}", **{f: text() for f in long}}
        )
        for n in range(count)
    ]
    values, chars = _totals(records)
    assert MAX_VALUES - per_offer - len(long) < values <= MAX_VALUES, values
    assert MAX_TEXT_CHARS * 0.99 < chars <= MAX_TEXT_CHARS, chars
    target.write_bytes(render_workbook(records))
    return target


@pytest.mark.parametrize("largest", [most_records, most_text], ids=["records", "text"])
def test_the_largest_import_stays_under_300_mb(
    region: Path, tmp_path: Path, largest: Callable[[Path, Path], Path]
) -> None:
    """A workbook at the limits, every row a new record, imported: the whole region is checked
    with them and written. At the earlier limits (20.000 rows), 11.500 new offers took 600 MB."""
    path = largest(region, tmp_path / "aanbod.xlsx")
    assert path.stat().st_size < sheet_bounds.MAX_FILE_BYTES
    code, err, peak = peak_of_import(path, region)
    assert code == 0, err
    assert peak < 300, f"{peak} MB"
    offers = yaml.safe_load((region / "offers.yaml").read_text(encoding="utf-8"))["offers"]
    assert offers[-1]["id"].startswith("aanbod-")
