"""`regiokaart import`: a workbook (or CSV) written by `regiokaart export xlsx`, edited by a
coordinator, back into the region's YAML files.

read the sheets (bounded: sheet_bounds) → each row to a record, each problem located as a
spreadsheet user looks for it (blad, rij, kolom) → compare with the region's own records → new file
texts in which an unchanged record keeps its exact text → check the whole region with them, in a
temporary copy → back up and write → report what was added, changed and removed. Nothing is written
unless every step passed. The sheets Uitleg and Keuzelijsten are not read; where they differ from
what export writes, a warning names the first changed cell. A provider's workbook (`regiokaart export
controle`, with the sheet "Graag controleren", also not read) holds only some records: the records
it leaves out are kept. Each step lets go of what the next no longer needs, so that the check of
the whole region has the memory.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from regiokaart.checks.check import check_with_texts
from regiokaart.dataset.load import (
    DATA_FILES,
    Layer,
    LoadedFile,
    describe_error,
    load_data,
    validate_document,
)
from regiokaart.formats.workbook import bounds as sheet_bounds
from regiokaart.formats.workbook.bounds import (
    FORMULA,
    MAX_FILE_BYTES,
    Refusal,
    Row,
    Workbook,
    column_letter,
    csv_rows,
    thousands,
)
from regiokaart.formats.workbook.columns import (
    CHOICES_SHEET,
    EXPLANATION_SHEET,
    LEGACY_HEADERS,
    LETTER_SHEET,
    LIST_SEPARATOR,
    SHEETS,
    CellError,
    Column,
    SheetKind,
    columns,
    from_cell,
    restored_in,
    value_at,
)
from regiokaart.problems import Problem, Severity, close_match, has_errors
from regiokaart.source import edit as yaml_edit
from regiokaart.source.positions import YamlDocument, parse_yaml_text, read_regular_file
from regiokaart.source.write_back import ImportOutcome, write_with_backups

MAX_PROBLEMS = 100  # of a sheet; past them, one more says that there are more


@dataclass
class Table:
    """One sheet (or CSV file) as read: its header row and its rows with their row numbers."""

    kind: SheetKind
    place: str  # "blad Aanbod, " for a workbook, "" for a CSV file
    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    # formula cells (their rows are skipped) and values in a column without a header
    problems: list[Problem] = field(default_factory=list)
    partial: bool = False  # a provider's workbook (LETTER_SHEET): holds only some records
    # a CSV file saved per sheet, <workbook>-<sheet>.csv: the workbook's name (a provider's
    # workbook is named after the provider, and its sheet too holds only some records)
    workbook: str = ""


@dataclass
class Rows:
    """The records of one kind as the sheet gives them, with the row each came from."""

    kind: SheetKind
    records: list[BaseModel]
    row_of: dict[str, int]  # id -> row number
    partial: bool = False  # the records left out are kept, not removed (Table.partial)
    workbook: str = ""  # Table.workbook
    # ids of rows with an error and no stand-in: the region keeps its record of that id for the
    # check (a row that holds an error is never written)
    failed: set[str] = field(default_factory=set)
    # of those without a stand-in: the row number and the values that could be read, to check
    # with the region's record of the id (pending_stand_ins)
    pending: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    complete: bool = True  # False: rows were not read (missing columns, too many errors)


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Edited:
    """One kind's data file as import would write it, with what is needed once its records are
    let go: what changed, and the row each record came from by its place in the new text."""

    kind: SheetKind
    text: str | None  # None: unchanged
    changes: Changes
    row_of: dict[str, int]  # id -> row number
    ids: list[str]  # the ids of the records in the new text, in its order


class _Refused(Exception):
    """The file cannot be read at all; carries the problems saying why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems


def import_sheet(source: Path, data_dir: Path, today: date | None = None) -> ImportOutcome:
    """Read the workbook or CSV file at source into the region whose data files are in data_dir."""
    display = source.name
    try:
        read, problems = read_records(source, display)
    except _Refused as refused:
        return ImportOutcome(refused.problems, [NOTHING_WRITTEN])
    if not all(rows.complete for rows in read):  # the region cannot be checked without them
        return ImportOutcome(problems, [NOTHING_WRITTEN])
    # With errors in the file the region is still checked, with the rows that could be read, so
    # that every problem comes in this one run; nothing is written then.
    failed = set().union(*(rows.failed for rows in read))
    outcome = _import_records(data_dir, read, display, today, write=not has_errors(problems))
    found = [p for p in outcome.problems if not _about_failed_row(p, failed)]
    outcome.problems = _one_per_cell(problems + found)
    return outcome


def _about_failed_row(problem: Problem, failed: set[str]) -> bool:
    """A problem of the region check about a reference to a record whose row has an error (and
    so is not in the region checked): that row's own problem says what to fix."""
    return problem.message.startswith("onbekend") and any(
        f"'{i}'" in problem.message for i in failed
    )


def _one_per_cell(problems: list[Problem]) -> list[Problem]:
    """One problem per cell: what more was found in a cell joins its first problem, in its place
    (a dict keeps the order in which its keys came)."""
    kept: dict[tuple[str, str, int], Problem] = {}
    for number, problem in enumerate(problems):
        in_cell = ", kolom " in problem.place
        key = (problem.file, problem.place, 0 if in_cell else number)
        first = kept.get(key)
        if first is None:
            kept[key] = problem
        elif problem.message not in first.message:
            worst = Severity.ERROR if Severity.ERROR in (first.severity, problem.severity) else None
            kept[key] = replace(
                first,
                message=f"{first.message}; {problem.message}",
                hint="; ".join(h for h in (first.hint, problem.hint) if h) or None,
                severity=worst or first.severity,
            )
    return list(kept.values())


def _import_records(
    data_dir: Path, read: list[Rows], display: str, today: date | None, *, write: bool = True
) -> ImportOutcome:
    """The records read (emptied as it goes) into the region, if the whole region checks; with
    write False only checked."""
    # Each step lets go of what the next one no longer needs: the region as it was once the new
    # texts are made, the sheet's records once the texts are found to hold them. The check of the
    # whole region with the new texts, last, needs the memory.
    made, problems = _new_texts(data_dir, read)
    if made is None:
        return ImportOutcome(problems)
    edited, problems = _verified(data_dir, read, made)
    if problems:
        return ImportOutcome(problems, [NOTHING_WRITTEN])
    texts = {e.kind.file_name: e.text for e in edited if e.text is not None}
    if not texts and not write:
        return ImportOutcome(report=[NOTHING_WRITTEN])
    if not texts:
        return ImportOutcome(report=["Geen wijzigingen; er is niets geschreven."], written=True)
    _, errors = check_with_texts(data_dir, texts, today)
    if errors or not write:
        located = [_in_sheet(p, edited, display) for p in errors]
        return ImportOutcome(located, [NOTHING_WRITTEN])
    backups, problems = write_with_backups(data_dir, texts)
    if problems:
        return ImportOutcome(problems)
    return ImportOutcome(report=_report(edited, backups), written=True)


NOTHING_WRITTEN = "Er is niets geschreven; de YAML-bestanden zijn ongewijzigd."


# --- reading ------------------------------------------------------------------------------------


def read_tables(source: Path, display: str) -> tuple[list[Table], list[Problem]]:
    """The sheets of a workbook, or the one table of a CSV file, with the values found outside
    them (on a sheet that is not read); raises _Refused."""
    suffix = source.suffix.lower()
    if suffix == ".ods":
        raise _Refused(
            [
                Problem(
                    display,
                    1,
                    1,
                    "",
                    "een .ods-bestand (OpenDocument) kan niet gelezen worden",
                    "open het in LibreOffice, kies Bestand > Opslaan als… en als bestandstype "
                    "Excel 2007-365 (.xlsx); lees dat bestand in",
                )
            ]
        )
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        message = "verwacht een werkboek (.xlsx) of een CSV-bestand (.csv)"
        raise _Refused([Problem(display, 1, 1, "", message)])
    raw, problem = read_regular_file(source, display, MAX_FILE_BYTES, "bestand")
    if raw is None:
        raise _Refused([problem] if problem else [])
    if suffix == ".csv":
        return [_csv_table(raw, source, display)], []
    return _workbook_tables(raw, display)


def _workbook_tables(raw: bytes, display: str) -> tuple[list[Table], list[Problem]]:
    try:
        book = Workbook(raw)
    except Refusal as refusal:
        raise _Refused([_refused_at(display, refusal, [])]) from None
    try:
        missing = [kind.sheet for kind in SHEETS if kind.sheet not in book.sheet_names]
        if missing:
            found = ", ".join(book.sheet_names)
            raise _Refused(
                [
                    Problem(
                        display,
                        1,
                        1,
                        "",
                        f"blad '{sheet}' ontbreekt",
                        close_match(sheet, book.sheet_names) or f"gevonden bladen: {found}",
                    )
                    for sheet in missing
                ]
            )
        tables = [
            Table(
                kind,
                f"blad {kind.sheet}, ",
                *_read_rows(book.rows(kind.sheet), display, kind.sheet),
                partial=LETTER_SHEET in book.sheet_names,
            )
            for kind in SHEETS
        ]
        elsewhere = _values_on_other_sheets(book, display)
        return tables, elsewhere + _changed_unread_sheets(book, display)
    finally:
        book.close()


def _values_on_other_sheets(book: Workbook, display: str) -> list[Problem]:
    """A problem for each sheet that is not read but holds a value, at its first value."""
    read = {kind.sheet for kind in SHEETS} | {EXPLANATION_SHEET, CHOICES_SHEET, LETTER_SHEET}
    problems = []
    for sheet in book.sheet_names:
        if sheet in read:
            continue
        try:
            first = book.first_value(sheet)
        except Refusal as refusal:
            raise _Refused([_refused_at(display, refusal, [])]) from None
        if first is not None:
            message = "dit blad wordt niet gelezen, maar bevat gegevens"
            hint = f"zet ze in {_DATA_SHEETS}, of verwijder het blad"
            problems.append(_unread_sheet_problem(display, sheet, first, message, hint))
    return problems


_DATA_SHEETS = " of ".join(f"blad {kind.sheet}" for kind in SHEETS)


def _unread_sheet_problem(
    display: str,
    sheet: str,
    cell: tuple[int, int],
    message: str,
    hint: str,
    severity: Severity = Severity.ERROR,
) -> Problem:
    row, column = cell
    place = f"blad {sheet}, rij {row}, kolom {column_letter(column)}"
    return Problem(display, row, column, "", message, hint, severity, place=place)


def _changed_unread_sheets(book: Workbook, display: str) -> list[Problem]:
    """A warning for each of the sheets Uitleg and Keuzelijsten that differs from what export
    writes, at its first changed cell: nothing typed there is read, so nothing of it is taken over."""
    from regiokaart.formats.workbook.write import choice_cells, explanation_cells

    problems = []
    for sheet, written in ((EXPLANATION_SHEET, explanation_cells), (CHOICES_SHEET, choice_cells)):
        if sheet not in book.sheet_names:
            continue
        try:
            changed = _first_difference(book.rows(sheet), written())
        except Refusal as refusal:
            raise _Refused([_refused_at(display, refusal, [])]) from None
        if changed is not None:
            message = "dit blad wordt niet gelezen; wat hier veranderd is, wordt niet overgenomen"
            hint = f"gegevens horen in {_DATA_SHEETS}"
            problems.append(
                _unread_sheet_problem(display, sheet, changed, message, hint, Severity.WARNING)
            )
    return problems


def _first_difference(rows: Iterator[Row], written: list[list[Any]]) -> tuple[int, int] | None:
    """The row and column of the first cell, row by row, where the rows read differ from the rows
    written (a list of values per row from row 1); the reading stops there."""
    expected = {
        number: values
        for number, values in enumerate(written, start=1)
        if any(_holds_value(value) for value in values)
    }
    pending = iter(sorted(expected))  # the rows written that are not yet read
    following = next(pending, None)
    for number, values in rows:
        if following is not None and following < number:  # a row written is empty now
            return following, _first_column(expected[following])
        if following == number:
            following = next(pending, None)
        wanted = expected.get(number, [])
        for index in range(max(len(values), len(wanted))):
            if _cell(values, index) != _cell(wanted, index):
                return number, index + 1
    if following is not None:
        return following, _first_column(expected[following])
    return None


def _holds_value(value: Any) -> bool:
    return value is not None and value != ""


def _cell(values: list[Any], index: int) -> Any:
    """The value of a cell as read: None for an empty one."""
    value = values[index] if index < len(values) else None
    return value if _holds_value(value) else None


def _first_column(values: list[Any]) -> int:
    return next(i for i, value in enumerate(values, start=1) if _holds_value(value))


def _read_rows(
    rows: Iterator[Row], display: str, sheet: str
) -> tuple[list[str], list[tuple[int, list[Any]]], list[Problem]]:
    """The headers (row 1) and the rows under them of a sheet or CSV file, with a problem for
    each formula cell and for each column without a header that holds a value."""
    place = f"blad {sheet}, " if sheet else ""
    headers: list[str] = []
    table: list[tuple[int, list[Any]]] = []
    problems: list[Problem] = []
    outside: dict[int, tuple[int, int]] = {}  # column -> (first row with a value, how many)
    unreported = 0  # formulas past MAX_PROBLEMS
    try:
        for number, values in rows:
            formulas = [i for i, v in enumerate(values, start=1) if v is FORMULA]
            unreported += max(0, len(problems) + len(formulas) - MAX_PROBLEMS)
            for index in formulas[: max(0, MAX_PROBLEMS - len(problems))]:
                where = f"{place}rij {number}, kolom {_column_name(headers, index)}"
                problems.append(
                    Problem(
                        display,
                        number,
                        index,
                        "",
                        "formules worden niet gelezen",
                        "zet de uitkomst als gewone waarde in de cel",
                        place=where,
                    )
                )
            if number == 1:
                headers = _headers([None if v is FORMULA else v for v in values])
                continue
            for index, value in enumerate(values[len(headers) :], start=len(headers) + 1):
                if value is not None and str(value).strip():
                    first, count = outside.get(index, (number, 0))
                    outside[index] = (first, count + 1)
            if not formulas and any(v is not None and str(v).strip() for v in values):
                table.append((number, values))
    except Refusal as refusal:
        raise _Refused([_refused_at(display, refusal, headers)]) from None
    if unreported:
        message = f"nog {thousands(unreported)} formules meer"
        problems.append(Problem(display, 1, 1, "", message, place=place.removesuffix(", ")))
    for index, (first, count) in sorted(outside.items()):
        more = count - 1
        also = f"; ook in {more} andere {'rij' if more == 1 else 'rijen'}" if more else ""
        problems.append(
            Problem(
                display,
                first,
                index,
                "",
                f"waarde buiten de tabel: deze kolom heeft geen kop{also}",
                "geef de kolom een kop uit het blad Uitleg, of haal de waarde weg",
                place=f"{place}rij {first}, kolom {column_letter(index)}",
            )
        )
    return headers, table, problems


def _column_name(headers: list[str], index: int) -> str:
    """A column as its user sees it: its header, or else its letters."""
    header = headers[index - 1] if index <= len(headers) else ""
    return header or column_letter(index)


def _refused_at(display: str, refusal: Refusal, headers: list[str]) -> Problem:
    """The problem of a refusal, placed at the sheet, row and column where it was found."""
    parts = [f"blad {refusal.sheet}"] if refusal.sheet else []
    if refusal.row:
        parts.append(f"rij {thousands(refusal.row)}")
    if refusal.column:
        parts.append(f"kolom {_column_name(headers, refusal.column)}")
    return Problem(
        display,
        refusal.row or 1,
        refusal.column or 1,
        "",
        refusal.message,
        refusal.hint,
        place=", ".join(parts),
    )


def _headers(values: list[Any]) -> list[str]:
    headers = [str(v).strip() if v is not None else "" for v in values]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def _csv_table(raw: bytes, source: Path, display: str) -> Table:
    headers, rows, problems = _read_rows(csv_rows(raw), display, "")
    kind, workbook = _csv_kind(source, headers, display)
    return Table(kind, "", headers, rows, problems, workbook=workbook)


def _csv_kind(source: Path, headers: list[str], display: str) -> tuple[SheetKind, str]:
    """The kind a CSV file holds, and the workbook it was saved from (or ""). A CSV file per sheet
    is named by LibreOffice <workbook>-<sheet>.csv: that sheet says the kind, whatever words the
    workbook's name holds (aanbod-en-organisaties-Organisaties.csv holds organisations), unless
    the columns are another sheet's. Else the columns say it, else a word in the name
    (aanbod.csv)."""
    scores = [
        (len(set(headers) & {h for c in columns(k.model) for h in c.headers}), k) for k in SHEETS
    ]
    best_score, best = max(scores, key=lambda pair: pair[0])
    by_columns = best if best_score and [s for s, _ in scores].count(best_score) == 1 else None
    workbook, dash, sheet = source.stem.rpartition("-")
    named = next((k for k in SHEETS if dash and sheet.casefold() == k.sheet.casefold()), None)
    if named is not None and by_columns not in (None, named):
        message = (
            f"de naam van het bestand zegt blad {named.sheet}, maar de kolommen zijn die van "
            f"blad {by_columns.sheet}"
        )
        hint = f"noem het bestand naar zijn blad: {workbook}-{by_columns.sheet}.csv"
        raise _Refused([Problem(display, 1, 1, "", message, hint)])
    if named is not None:
        return named, workbook
    unread = (EXPLANATION_SHEET, CHOICES_SHEET, LETTER_SHEET)
    if dash and by_columns is None and sheet.casefold() in {n.casefold() for n in unread}:
        message = f"dit is het blad {sheet} van het werkboek; dat wordt niet gelezen"
        raise _Refused([Problem(display, 1, 1, "", message, f"lees het werkboek {workbook}.xlsx")])
    if by_columns is not None:
        return by_columns, ""
    stem = source.stem.lower()
    for kind in SHEETS:
        if any(word in stem for word in kind.csv_names):
            return kind, ""
    names = " of ".join(f"{k.sheet.lower()}.csv" for k in SHEETS)
    message = "niet te zien welke gegevens dit CSV-bestand bevat"
    raise _Refused([Problem(display, 1, 1, "", message, f"noem het bestand {names}")])


# --- rows to records ----------------------------------------------------------------------------


def read_records(source: Path, display: str) -> tuple[list[Rows], list[Problem]]:
    """The records of each sheet (or of the CSV file), with every problem of the file; raises
    _Refused. A sheet's rows are let go once they are records."""
    tables, elsewhere = read_tables(source, display)
    read, problems, counted = [], [], 0
    while tables:
        rows, found, counted = _table_records(tables.pop(0), display, counted)
        read.append(rows)
        problems += found
    return read, problems + elsewhere


def _table_records(table: Table, display: str, counted: int) -> tuple[Rows, list[Problem], int]:
    """The records of a table, its problems, and the values of the file counted so far (counted
    before it); raises _Refused past sheet_bounds.MAX_VALUES."""
    kind = table.kind
    cols = columns(kind.model)
    by_header = {header: c for c in cols for header in c.headers}  # old headers read as before
    problems: list[Problem] = []

    def problem(row: int, header: str | None, message: str, hint: str | None = None) -> Problem:
        column = f", kolom {header}" if header else ""
        index = table.headers.index(header) + 1 if header in table.headers else 1
        return Problem(
            display, row, index, "", message, hint, place=f"{table.place}rij {row}{column}"
        )

    derived = {d.header for d in kind.derived}  # shown on export, never read back
    seen: set[str] = set()
    for header in table.headers:
        same = by_header[header].headers if header in by_header else (header,)
        if seen.intersection(same):
            problems.append(problem(1, header, "deze kolom staat er twee keer"))
        seen.add(header)
        if header not in by_header and header not in derived:
            hint = (
                LEGACY_HEADERS.get(header)
                or close_match(header, by_header)
                or "zie het blad Uitleg voor de kolommen"
            )
            problems.append(problem(1, header or "(leeg)", "onbekende kolom", hint))
    for column in cols:
        if not set(column.headers) & set(table.headers):
            required = "verplichte " if column.required else ""
            hint = "voeg haar toe, of exporteer opnieuw met regiokaart export xlsx"
            problems.append(problem(1, None, f"{required}kolom '{column.header}' ontbreekt", hint))
    if problems:  # the rows cannot be read without their columns
        return Rows(kind, [], {}, complete=False), problems + table.problems, counted
    problems += table.problems
    rows = Rows(kind, [], {}, table.partial, workbook=table.workbook)
    first_row: dict[str, int] = {}  # id -> the first row that holds it, with an error or not
    errors, counted_up_to = 0, 0  # the errors (not warnings) in problems[:counted_up_to]
    for number, values in table.rows:
        errors += sum(p.severity is Severity.ERROR for p in problems[counted_up_to:])
        counted_up_to = len(problems)
        if errors >= MAX_PROBLEMS:
            message = f"meer dan {MAX_PROBLEMS} fouten; de rijen vanaf hier zijn niet nagekeken"
            hint = "los eerst deze fouten op; de controle van de hele regio volgt daarna"
            problems.append(problem(number, None, message, hint))
            rows.complete = False
            break
        data: dict[str, Any] = {}
        said: dict[str | None, list[tuple[str, str | None]]] = {}  # column -> its problems
        bad: list[Column] = []  # the columns of the cells with a problem
        for header, cell in zip(table.headers, values, strict=False):
            if header in derived:
                continue
            column = by_header[header]
            try:
                value = from_cell(column, cell)
            except CellError as cell_error:
                said.setdefault(header, []).append((str(cell_error), None))
                bad.append(column)
                continue
            restored = restored_in(column, cell)
            if restored:
                problems.append(_restored_warning(problem(number, header, ""), cell, restored))
            if value is None:
                continue
            counted += len(value) if isinstance(value, list) else 1
            if counted > sheet_bounds.MAX_VALUES:
                raise _Refused([problem(number, header, *_too_many_values())])
            _put(data, column.path, value)
        row_id = _row_id(data)  # before _row_record takes out the cells in error
        record = _row_record(kind, cols, data, said, bad)
        # one problem per cell, its messages together; "verplicht; de cel is leeg" is not said
        # of a cell whose value could not be read
        for where, messages in said.items():
            text = "; ".join(dict.fromkeys(message for message, _ in messages))
            why = "; ".join(dict.fromkeys(h for _, h in messages if h)) or None
            problems.append(problem(number, where, text, why))
        record_id = str(getattr(record, "id", "")) if record else row_id
        if record_id in first_row:
            message = f"id '{record_id}' staat ook in rij {first_row[record_id]}"
            problems.append(problem(number, "Id", message))
            continue
        if record_id:
            first_row[record_id] = number
        if said or record is None:
            rows.failed.add(record_id)
        if record is None:
            rows.pending[record_id] = (number, data)  # data: without the cells in error
        else:
            rows.row_of[record_id] = number
            rows.records.append(record)
    return rows, problems, counted


def _row_record(
    kind: SheetKind,
    cols: list[Column],
    data: dict[str, Any],
    said: dict[str | None, list[tuple[str, str | None]]],
    bad: list[Column],
) -> BaseModel | None:
    """The record of a row, its problems added to said. A row with a problem gets a stand-in
    when it can: the record without the cells that hold a problem, so that the region check
    still sees the row's other values (a personal e-mail beside a mobile number); None if not."""
    for _ in range(3):  # each round takes out the cells of the last one's problems
        for column in bad:
            _drop(data, column.path)
        try:
            return kind.model.model_validate(data)
        except ValidationError as exc:
            bad = []
            for error in exc.errors():
                where, message, why = _explain(error, cols)
                found = _column_for(tuple(p for p in error["loc"] if isinstance(p, str)), cols)
                if error["type"] == "missing" and where in said:
                    continue  # the cell is not empty: its value could not be read
                said.setdefault(where, []).append((message, why))
                if found is not None and error["type"] != "missing":
                    bad.append(found)
            if not bad:
                return None
    return None


def _row_id(data: dict[str, Any]) -> str:
    return str(data.get("id", ""))


def _drop(data: dict[str, Any], path: tuple[str, ...]) -> None:
    for part in path[:-1]:
        data = data.get(part, {})
        if not isinstance(data, dict):
            return
    data.pop(path[-1], None)


def _restored_warning(at: Problem, cell: Any, restored: str) -> Problem:
    lost = "+" if restored.startswith("+") else "0"
    number = isinstance(cell, int | float)
    was = f"stond als getal in de cel ({cell})" if number else f"mist de {lost} vooraan ({cell})"
    message = f"het telefoonnummer {was}; gelezen als {restored}, met de {lost} vooraan terug"
    hint = (
        "zet de cel op Tekst (Opmaak > Cellen > Tekst) en typ het nummer opnieuw"
        if number
        else "zet de 0 (of +) vooraan in de cel"
    )
    return replace(at, message=message, hint=hint, severity=Severity.WARNING)


def _too_many_values() -> tuple[str, str]:
    message = f"meer dan {thousands(sheet_bounds.MAX_VALUES)} waarden in het bestand"
    separator = LIST_SEPARATOR.strip()
    hint = f"een lijst in één cel telt per waarde; de waarden zijn gescheiden door '{separator}'"
    return f"{message}; er is niets gelezen", hint


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


def _explain(error: Any, cols: list[Column]) -> tuple[str | None, str, str | None]:
    """A pydantic error on a row as (column header, message, hint)."""
    names = tuple(part for part in error["loc"] if isinstance(part, str))
    column = _column_for(names, cols)
    kind = error["type"]
    value = error.get("input")
    if kind in {"enum", "literal_error"} and column is not None:
        hint = (
            close_match(value, column.choices) or "zie het blad Uitleg voor de toegestane waarden"
        )
        return column.header, f"'{value}' is geen toegestane waarde", hint
    if kind == "missing":
        return (column.header if column else None), "verplicht; de cel is leeg", None
    message, explained = describe_error(error)
    return (column.header if column else None), message, explained


def _column_for(names: tuple[str, ...], cols: list[Column]) -> Column | None:
    """The column of a field path: its own, or the first of a nested model's columns."""
    for length in range(len(names), 0, -1):
        for column in cols:
            if column.path == names[:length]:
                return column
    if names:
        return next((c for c in cols if c.path[0] == names[0]), None)
    return None


# --- the region's files -------------------------------------------------------------------------


def _new_texts(
    data_dir: Path, read: list[Rows]
) -> tuple[list[tuple[str | None, Changes]] | None, list[Problem]]:
    """The new text of each kind's data file (None: unchanged) and what changes in it; None and
    the problems when the region's own data hold errors."""
    loaded, found = load_data(data_dir)
    errors = [p for p in found if has_errors([p])]
    if errors:
        hint = "los eerst de fouten hierboven op (regiokaart check)"
        message = "de gegevens van uw regio bevatten fouten; er is niets overgenomen"
        return None, [*errors, Problem(str(data_dir), 1, 1, "", message, hint)]
    own = {
        kind.kind: next(
            (f for f in loaded.files if f.kind == kind.kind and f.layer is Layer.REGIONAL), None
        )
        for kind in SHEETS
    }
    organisations = next(kind for kind in SHEETS if kind.kind == "organisations")
    providers = {_id(r) for r in _records_of(_model_of(own[organisations.kind]), organisations)}
    made = []
    for rows in read:
        # a sheet of a provider's workbook, saved as CSV (<provider id>-Aanbod.csv), holds that
        # provider's records only, as the workbook does: the others are kept
        rows.partial = rows.partial or rows.workbook in providers
        made.append(_new_text(data_dir, rows, own[rows.kind.kind]))
    return made, []


def _model_of(loaded: LoadedFile | None) -> BaseModel | None:
    return loaded.model if loaded is not None else None


def _verified(
    data_dir: Path, read: list[Rows], made: list[tuple[str | None, Changes]]
) -> tuple[list[Edited], list[Problem]]:
    """Each kind's new file, found to hold exactly the sheet's records; a kind's records are let go
    (read and made are emptied) once that is known."""
    edited, problems = [], []
    while read:
        rows, (text, changes) = read.pop(0), made.pop(0)
        ids: list[str] = []
        if text is not None:
            ids, problem = _written_as_read(rows, text, data_dir)
            problems += [problem] if problem is not None else []
        edited.append(Edited(rows.kind, text, changes, rows.row_of, ids))
    return edited, problems


def _new_text(data_dir: Path, rows: Rows, loaded: LoadedFile | None) -> tuple[str | None, Changes]:
    """The new text of the kind's data file (None: unchanged) and what changes in it. Unchanged
    records keep their exact text; changed ones are replaced where they stand (keeping the comment
    lines above them), removed ones taken out, new ones added at the end. The file is read once
    more at most, however many records change."""
    kind = rows.kind
    key = kind.key
    path = data_dir / kind.file_name
    document = loaded.document if loaded is not None else None
    old = {_id(r): r for r in _records_of(_model_of(loaded), kind)}
    _add_pending_stand_ins(rows, old)
    new = {_id(r): r for r in rows.records}
    changes = Changes()
    text = "" if document is None or not path.exists() else path.read_text(encoding="utf-8")
    index = _indices(document, key)
    replaced: dict[int, dict[str, Any] | None] = {}
    for record_id, record in old.items():
        if record_id not in new:
            if rows.partial or record_id in rows.failed:
                continue
            replaced[index[record_id]] = None
            changes.removed.append(_name(record))
        elif _dump(new[record_id]) != _dump(record):
            replaced[index[record_id]] = _item(new[record_id])
            fields = _changed_headers(record, new[record_id], kind)
            changes.changed.append(f"{_name(new[record_id])} (velden: {', '.join(fields)})")
    current = document
    if replaced:
        assert document is not None
        text = yaml_edit.replace_items(text, document, key, replaced)
    comment = f"Toegevoegd met regiokaart import op {date.today().isoformat()}"
    added = [record for record_id, record in new.items() if record_id not in old]
    if added and (current is None or not text.strip()):
        schema = f"../schemas/{kind.file_name.removesuffix('.yaml')}.schema.json"
        text = yaml_edit.new_file(key, schema, _item(added[0]), comment)
        replaced = {}
        current, _ = parse_yaml_text(text, str(path))
        changes.added.append(_name(added.pop(0)))
    if added:
        if replaced:  # the new records go after the records as they now stand
            current, _ = parse_yaml_text(text, str(path))
        assert current is not None
        # all at once, each made only as it is written: one by one, each would read the file
        # again (500 records: 50 s, not 2 s)
        text = yaml_edit.add_items(text, current, key, (_item(r) for r in added), comment)
        changes.added += [_name(record) for record in added]
    if not (changes.added or changes.changed or changes.removed):
        return None, changes
    return text, changes


def _add_pending_stand_ins(rows: Rows, old: dict[str, BaseModel]) -> None:
    """A stand-in for each row with an error that had none (a required cell in error): the
    region's record of its id with the row's readable values over it, so that the region check
    sees them too (a misspelled municipality beside an unreadable date). Only ever checked: a
    file with an error writes nothing."""
    while rows.pending:
        record_id, (number, data) = rows.pending.popitem()
        if record_id not in old:
            continue
        try:
            stand_in = rows.kind.model.model_validate(_merged(old[record_id].model_dump(), data))
        except ValidationError:
            continue
        rows.records.append(stand_in)
        rows.row_of[record_id] = number


def _merged(under: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(under)
    for key, value in over.items():
        below = merged.get(key)
        if isinstance(value, dict) and isinstance(below, dict):
            value = _merged(below, value)
        merged[key] = value
    return merged


def _written_as_read(rows: Rows, text: str, data_dir: Path) -> tuple[list[str], Problem | None]:
    """The ids of the records in a new file text, in its order, and a problem when the text does
    not hold exactly the records of the sheet: a fault in the editing here, never the user's."""
    name = rows.kind.file_name
    document, _ = parse_yaml_text(text, name)
    model = _file_model(document, rows.kind)
    del document
    written = _records_of(model, rows.kind)
    ids = [_id(record) for record in written]
    by_id = {_id(record): record for record in written}
    # a provider's workbook (partial) holds some of the records: the others stay as they were
    # and the rows with an error (rows.failed) keep the region's record of their id, if any
    kept = by_id.keys() if rows.partial else rows.row_of.keys() | rows.failed
    held = rows.row_of.keys() <= by_id.keys() <= kept
    if held and all(_dump(by_id[_id(record)]) == _dump(record) for record in rows.records):
        return ids, None
    message = "de records kwamen anders in het bestand terecht dan bedoeld; niets geschreven"
    return ids, Problem(str(data_dir / name), 1, 1, "", message)


def _file_model(document: YamlDocument, kind: SheetKind) -> BaseModel | None:
    """The region's data file of kind validated, if it is valid."""
    if not document.complete:
        return None
    model = DATA_FILES[kind.kind].model(Layer.REGIONAL)
    assert model is not None
    validated, _ = validate_document(document, model)
    return validated


def _records_of(model: BaseModel | None, kind: SheetKind) -> list[BaseModel]:
    return list(getattr(model, kind.key, [])) if model is not None else []


def _id(record: BaseModel) -> str:
    return str(getattr(record, "id", ""))


def _name(record: BaseModel) -> str:
    return str(getattr(record, "name", _id(record)))


def _dump(record: BaseModel) -> Any:
    return record.model_dump(mode="json")


def _item(record: BaseModel) -> dict[str, Any]:
    return yaml_edit.plain(record.model_dump(exclude_none=True, exclude_defaults=True))


def _indices(document: YamlDocument | None, key: str) -> dict[str, int]:
    """The place of each record in the list key of document, by id (the first, for an id that
    is there twice)."""
    items = document.data.get(key, []) if document and isinstance(document.data, dict) else []
    found: dict[str, int] = {}
    for index, item in enumerate(items):
        record_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(record_id, str):
            found.setdefault(record_id, index)
    return found


def _changed_headers(old: BaseModel, new: BaseModel, kind: SheetKind) -> list[str]:
    return [
        c.header
        for c in columns(kind.model)
        if _json(value_at(old, c.path)) != _json(value_at(new, c.path))
    ]


def _json(value: Any) -> Any:
    return yaml_edit.plain(value)


_RECORD_PATH = re.compile(r"^(\w+)\[(\d+)\]\.?(.*)$")


def _in_sheet(problem: Problem, edited: list[Edited], display: str) -> Problem:
    """A problem the region check found in a new file text, located in the sheet when it is about
    a record from a row (an unknown organisation in Aanbieders)."""
    match = _RECORD_PATH.match(problem.field)
    for done in edited:
        name = done.kind.file_name
        if match is None or done.text is None or not problem.file.endswith(name):
            continue
        if match[1] != done.kind.key:
            continue
        index = int(match[2])
        row = done.row_of.get(done.ids[index]) if index < len(done.ids) else None
        if row is None:
            continue
        names = tuple(p for p in re.split(r"[.\[\]]", match[3]) if p and not p.isdigit())
        column = _column_for(names, columns(done.kind.model))
        where = f", kolom {column.header}" if column else ""
        place = f"blad {done.kind.sheet}, " if display.lower().endswith((".xlsx", ".xlsm")) else ""
        return Problem(
            display,
            row,
            1,
            "",
            problem.message,
            problem.hint,
            problem.severity,
            place=f"{place}rij {row}{where}",
        )
    return problem


def _report(edited: list[Edited], backups: list[Path]) -> list[str]:
    lines = []
    for done in edited:
        sheet, change = done.kind.sheet, done.changes
        parts = []
        if change.added:
            parts.append("Toegevoegd: " + ", ".join(change.added) + ".")
        if change.changed:
            parts.append("Gewijzigd: " + "; ".join(change.changed) + ".")
        if change.removed:
            parts.append("Verwijderd: " + ", ".join(change.removed) + ".")
        lines.append(f"{sheet}: " + (" ".join(parts) if parts else "geen wijzigingen."))
    lines += [f"Reservekopie: {backup}" for backup in backups]
    return lines
