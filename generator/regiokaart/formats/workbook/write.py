"""`regiokaart export xlsx`: the region's own offers and organisations as a workbook a coordinator
can read and edit, to be read back by `regiokaart import` (sheet_import)."""

import io
import re
import zipfile
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from regiokaart.dataset.load import Layer, load_data
from regiokaart.formats.workbook.columns import (
    CHOICES_SHEET,
    EXPLANATION_SHEET,
    LIST_SEPARATOR,
    NO,
    SHEETS,
    YES,
    Column,
    SheetKind,
    columns,
    text_cell,
    to_cell,
    value_at,
)
from regiokaart.problems import Problem, describe_os_error, has_errors
from regiokaart.safe_write import write_atomically

WIDE, NARROW = 60, 22  # column widths, in characters


@dataclass
class ExportOutcome:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # sheet -> rows written
    written: bool = False


@dataclass
class OwnRecords:
    """The region's own records per sheet (never the national layer's), as a workbook holds them,
    with the region's name; or the problems that keep them from a workbook."""

    problems: list[Problem]
    records: dict[str, list[BaseModel]] = field(default_factory=dict)
    region_name: str = ""


def own_records(data_dir: Path) -> OwnRecords:
    """Read the region's own records for a workbook: errors in the data, or a list value holding
    the separator (it could not be read back as the same list), are problems."""
    loaded, problems = load_data(data_dir)
    errors = [p for p in problems if has_errors([p])]
    if errors:
        return OwnRecords(errors)
    records: dict[str, list[BaseModel]] = {}
    for kind in SHEETS:
        own = [f for f in loaded.of_kind(kind.kind) if f.layer is Layer.REGIONAL]
        records[kind.sheet] = [r for f in own for r in getattr(f.model, kind.key)]
    region_name = loaded.of_kind("region")[0].model.region.name
    return OwnRecords(_separator_problems(records, data_dir), records, region_name)


def export_workbook(data_dir: Path, target: Path) -> ExportOutcome:
    """Write the region's own records (never the national layer's) to target as a workbook."""
    own = own_records(data_dir)
    if own.problems:
        return ExportOutcome(own.problems)
    records = own.records
    content = render_workbook(records)
    try:
        write_atomically(target, content)
    except OSError as error:
        reason = describe_os_error(error)
        return ExportOutcome(
            [Problem(str(target), 1, 1, "", f"kan niet geschreven worden: {reason}")]
        )
    return ExportOutcome(counts={s: len(r) for s, r in records.items()}, written=True)


def _separator_problems(records: dict[str, list[BaseModel]], data_dir: Path) -> list[Problem]:
    """A list value holding the separator could not be read back as the same list."""
    found = []
    mark = LIST_SEPARATOR.strip()
    for kind in SHEETS:
        for record in records[kind.sheet]:
            for column in columns(kind.model):
                value = value_at(record, column.path)
                if column.is_list and value and any(mark in str(item) for item in value):
                    found.append(
                        Problem(
                            str(data_dir / kind.file_name),
                            1,
                            1,
                            f"{getattr(record, 'id', '')}.{column.key}",
                            f"een waarde in deze lijst bevat '{mark}', het scheidingsteken van "
                            "het werkblad; er is niets geschreven",
                        )
                    )
    return found


def render_workbook(
    records: dict[str, list[BaseModel]], scope: str | None = None, made: date | None = None
) -> bytes:
    """The workbook as bytes: a sheet per kind, the explanation (opening with scope: which records
    it holds; the region's own by default), and the hidden choice lists. With made, the file says
    it was made that day and is the same bytes every time (a build publishes it)."""
    book = Workbook()
    book.remove(book.active)
    choices = _ChoiceLists(book.create_sheet(CHOICES_SHEET))
    for kind in SHEETS:
        _fill_sheet(book.create_sheet(kind.sheet), kind, records[kind.sheet], choices)
    _fill_explanation(book.create_sheet(EXPLANATION_SHEET, 0), scope or OWN_RECORDS)
    book.move_sheet(CHOICES_SHEET, offset=len(book.sheetnames))
    choices.sheet.sheet_state = "hidden"
    book.active = 1  # the first kind's sheet
    out = io.BytesIO()
    book.save(out)
    return out.getvalue() if made is None else reproducible(out.getvalue(), made)


def reproducible(workbook: bytes, made: date) -> bytes:
    """The same workbook with the time of saving replaced by made: in the zip entries and in
    docProps/core.xml, where openpyxl writes the current time."""
    stamp = datetime.combine(made, datetime.min.time())
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    text = re.sub(rf"(<{tag}[^>]*>)[^<]*(</{tag}>)", rf"\g<1>{iso}\g<2>", text)
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(entry.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()


def choice_lists() -> list[tuple[str, ...]]:
    """The columns of the hidden sheet Keuzelijsten: the allowed values of each closed vocabulary
    that a dropdown points at, in the order the sheets first need them."""
    found: list[tuple[str, ...]] = []
    for kind in SHEETS:
        for column in columns(kind.model):
            if _has_choice_list(column) and column.choices not in found:
                found.append(column.choices)
    return found


def choice_cells() -> list[list[str | None]]:
    """The values of the sheet Keuzelijsten as written, a list per row from row 1 (None: empty)."""
    lists = choice_lists()
    height = max((len(choices) for choices in lists), default=0)
    return [
        [text_cell(choices[row]) if row < len(choices) else None for choices in lists]
        for row in range(height)
    ]


def _has_choice_list(column: Column) -> bool:
    """A single value of a closed vocabulary: its dropdown points at a list of Keuzelijsten."""
    return not column.is_list and column.value == "enum"


class _ChoiceLists:
    """The sheet Keuzelijsten, and the range of each list in it for a dropdown to point at."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        _write_cells(sheet, choice_cells())
        name = quote_sheetname(CHOICES_SHEET)
        self.ranges: dict[tuple[str, ...], str] = {}
        for index, choices in enumerate(choice_lists(), start=1):
            column = get_column_letter(index)
            self.ranges[choices] = f"{name}!${column}$1:${column}${len(choices)}"

    def range_for(self, choices: tuple[str, ...]) -> str:
        return self.ranges[choices]


def _write_cells(sheet: Worksheet, rows: list[list[str | None]]) -> None:
    """rows (a list of values per row, from row 1) into sheet, each value into its own cell."""
    for number, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=number, column=index, value=value)


def _fill_sheet(
    sheet: Worksheet, kind: SheetKind, records: list[BaseModel], choices: _ChoiceLists
) -> None:
    cols = columns(kind.model)
    bold = Font(bold=True)
    for index, column in enumerate(cols, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = bold
    for index, derived in enumerate(kind.derived, start=len(cols) + 1):
        sheet.cell(row=1, column=index, value=derived.header).font = Font(bold=True, italic=True)
        sheet.column_dimensions[get_column_letter(index)].width = WIDE
        for row, record in enumerate(records, start=2):
            value = derived.of_record(record)
            cell = sheet.cell(row=row, column=index, value=text_cell(value) if value else None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    # Each column's cells share one style: openpyxl registers it for the first cell, and the others
    # get a copy of that cell's style reference (registering it anew per cell costs seconds for
    # thousands of rows, and gives the same file).
    column_style: dict[int, StyleArray] = {}
    for row, record in enumerate(records, start=2):
        for index, column in enumerate(cols, start=1):
            cell = sheet.cell(
                row=row, column=index, value=to_cell(column, value_at(record, column.path))
            )
            style = column_style.get(index)
            if style is not None:
                cell._style = copy(style)
                continue
            cell.alignment = wrap if column.long else top
            cell.number_format = _number_format(column)
            column_style[index] = cell._style
    last_row = max(len(records) + 1, 1000)  # room for new rows with the same dropdowns
    for index, column in enumerate(cols, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDE if column.long else NARROW
        # also the cells of new rows: typed into a Text cell, 0365399111 keeps its 0
        sheet.column_dimensions[letter].number_format = _number_format(column)
        validation = _validation(column, choices)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last_row}")
    sheet.freeze_panes = "A2"
    width = len(cols) + len(kind.derived)
    sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{len(records) + 1}"


def _number_format(column: Column) -> str:
    """A column's cell format: dates as dates, numbers as numbers, everything else as text, so
    that what a user types there stays as typed (a phone number keeps its 0, a section 3.10 its
    last digit)."""
    return {"date": "yyyy-mm-dd", "int": "General"}.get(column.value, "@")


def _validation(column: Column, choices: _ChoiceLists) -> DataValidation | None:
    """A dropdown for a single value of a closed vocabulary or ja/nee; a list of several values
    in one cell cannot be checked by the spreadsheet, the import checks it."""
    if _has_choice_list(column):
        formula = choices.range_for(column.choices)
    elif column.is_list:
        return None
    elif column.value == "bool":
        formula = f'"{YES},{NO}"'
    else:
        return None
    validation = DataValidation(type="list", formula1=formula, allow_blank=not column.required)
    validation.error = "Kies een waarde uit de lijst (zie het blad Uitleg)."
    validation.errorTitle = column.header
    validation.showErrorMessage = True
    return validation


OWN_RECORDS = (
    "Dit werkboek bevat alleen de eigen gegevens van de regio (data/), nooit de landelijke laag."
)
EXPLANATION_INTRO = [
    "Elk blad is één soort gegevens; elke rij is één record, herkend aan zijn Id. Rijen "
    "toevoegen, wijzigen of verwijderen mag; lees het werkboek terug met 'regiokaart import'.",
    f"Een lijst van waarden staat in één cel, gescheiden door '{LIST_SEPARATOR.strip()}' "
    "(dat teken komt in geen enkele waarde voor).",
    f"Ja/nee-kolommen: '{YES}' of '{NO}'. Een lege cel betekent: niet opgegeven. "
    "Datums als datum of als tekst JJJJ-MM-DD.",
    "Tekstkolommen staan op de opmaak Tekst: wat u typt blijft zoals getypt (een telefoonnummer "
    "houdt zijn 0). Keuzewaarden mogen in hoofd- of kleine letters.",
    "Formules worden niet gelezen; een tekst die met =, +, - of @ begint staat er met een "
    "apostrof voor en wordt zonder die apostrof teruggelezen.",
    "Lokale aantekeningen bij landelijk aanbod (local_notes in offers.yaml) staan niet in dit "
    "werkboek en blijven bij het terugzetten zoals ze zijn.",
    "De volgorde in de YAML-bestanden blijft; nieuwe records komen achteraan.",
]


EXPLANATION_HEADERS = ("Blad", "Kolom", "Betekenis", "Verplicht", "Waarden")


def explanation_cells(scope: str = OWN_RECORDS) -> list[list[str | None]]:
    """The values of the sheet Uitleg as written, a list per row from row 1 (None: empty): which
    records the workbook holds (scope), how to edit it, and each column of each sheet with its
    meaning and allowed values."""
    rows: list[list[str | None]] = [[line] for line in (scope, *EXPLANATION_INTRO)]
    rows += [[], list(EXPLANATION_HEADERS)]
    for kind in SHEETS:
        for column in columns(kind.model):
            required = YES if column.required else NO
            values = [kind.sheet, column.header, column.meaning, required, _allowed(column)]
            rows.append([text_cell(value) for value in values])
        for derived in kind.derived:
            values = [kind.sheet, derived.header, derived.meaning, NO, "alleen lezen"]
            rows.append([text_cell(value) for value in values])
    return rows


def _fill_explanation(sheet: Worksheet, scope: str) -> None:
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    rows = explanation_cells(scope)
    _write_cells(sheet, rows)
    headers = rows.index(list(EXPLANATION_HEADERS)) + 1
    for row in sheet.iter_rows(min_row=headers):
        for cell in row:
            if cell.row == headers:
                cell.font = bold
            else:
                cell.alignment = wrap
    sheet.freeze_panes = f"A{headers + 1}"
    for letter, width in zip("ABCDE", (14, 28, 60, 10, 60), strict=True):
        sheet.column_dimensions[letter].width = width


def _allowed(column: Column) -> str:
    kinds = {
        "text": "tekst",
        "phone": "telefoonnummer als tekst (met de 0 vooraan)",
        "int": "geheel getal",
        "bool": f"{YES} of {NO}",
        "date": "datum (JJJJ-MM-DD)",
        "passage": "velden: document, hoofdstuk",
    }
    allowed = ", ".join(column.choices) if column.value == "enum" else kinds[column.value]
    if column.is_list:
        return f"lijst, gescheiden door '{LIST_SEPARATOR.strip()}': {allowed}"
    return allowed
