"""Reading a workbook (.xlsx) or CSV file within bounds, for `regiokaart import`.

A workbook is a zip archive of XML parts. The archive is measured before any part is parsed: the
number of parts, each part's unpacked size and compression ratio, and their total, all from the
archive's directory, so a zip bomb is refused unopened. The parts are then streamed through expat
a chunk at a time, and every limit is checked as the bytes arrive: a row, a cell, a text or a
nesting level past its limit stops the reading there. Only rows that hold a value are kept, so a
sheet declared a million rows high (LibreOffice saves a formatted empty last row) costs no more
than its real rows. A CSV file has the same limits on rows, columns and cells.

Every refusal is a `Refusal`: one Dutch message, with the sheet, row and column where known.
"""

import contextlib
import io
import posixpath
import pyexpat
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Any

MAX_FILE_BYTES = 10_000_000  # the file on disk, workbook or CSV; a region's export is ~50 kB
MAX_PARTS = 1_000  # a workbook from Excel or LibreOffice has a few dozen
MAX_PART_BYTES = 50_000_000  # one part unpacked; the sheet of 5.000 offers is ~15 MB
MAX_UNPACKED_BYTES = 100_000_000  # all parts unpacked
MAX_RATIO = 100  # unpacked : packed, for a part over RATIO_FROM_BYTES; a sheet packs ~6-10 : 1
RATIO_FROM_BYTES = 1_000_000
# What a file may hold is bounded by what import then does with it: it checks the whole region
# with the new records, and that check (as `regiokaart check`) holds every value of the data files
# with its place, about 1.3 kB a value and 8 kB a record, and each character of text several times
# over (4 bytes each time for an emoji). A region's own export holds ~100 rows, ~1,400 values and
# ~75,000 characters; at these limits, some 30 to 50 times that, the whole import of the largest
# workbooks took 155 MB (most records) and 215 MB (most text, all emoji) at its peak, under 300 MB
# (tests/test_sheet_bounds.py: test_the_largest_import_stays_under_300_mb). At the earlier limits
# (20,000 rows, 300,000 cells, 20 million characters) 11,500 new offers took 600 MB.
MAX_ROWS = 5_000  # rows holding a value, under the header, per sheet
MAX_VALUES = 60_000  # in the whole file; a cell holds one value, a list in a cell one for each item
MAX_CELLS = MAX_VALUES  # cells holding a value, counted as they are read (each holds a value)
MAX_TEXT_CHARS = 2_000_000  # in those cells, a shared text counted each time a cell uses it
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # what one cell of Excel holds
MAX_STYLES = 64_000  # cell formats; what Excel allows
MAX_XML_DEPTH = 100  # a workbook's parts nest about 10 deep
MAX_LINES = 1_048_576  # CSV records, empty ones too: the rows a spreadsheet has
MAX_FIELDS = 16_384  # CSV fields in one record, empty ones too: the columns a spreadsheet has

_CHUNK = 1 << 16
_MAIN = frozenset(
    {
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",  # Strict Open XML
    }
)
_MAX_SHEET_ROW = 1_048_576
_MAX_SHEET_COLUMN = 16_384
_MAX_FORMAT_CODE = 255  # Excel's limit; a longer one is no date format


class Refusal(Exception):
    """Why a file is not read, in Dutch; with the sheet, row and column (from 1) where known."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        sheet: str = "",
        row: int = 0,
        column: int = 0,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.sheet = sheet
        self.row = row
        self.column = column


class _Formula:
    def __repr__(self) -> str:
        return "FORMULA"


FORMULA: Any = _Formula()  # the value of a cell that holds a formula, which is not read

Row = tuple[int, list[Any]]  # a row's number and its values from column A on; None is empty


def thousands(number: int) -> str:
    """20.000 for 20000, as a Dutch reader writes it."""
    return f"{number:,}".replace(",", ".")


def column_letter(column: int) -> str:
    """The letters a spreadsheet shows above a column: A for 1, AA for 27."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# the column of each of a sheet's 16.384 column letters, looked up for every cell read
_COLUMNS = {column_letter(column): column for column in range(1, _MAX_SHEET_COLUMN + 1)}


def _small_number(text: str) -> int | None:
    """The number that text writes in at most 9 digits 0-9, else None."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def _holds_value(value: Any) -> bool:
    return value is not None and value != ""


class _Counts:
    """What a whole file holds so far, against the limits that span its sheets."""

    def __init__(self) -> None:
        self.cells = 0
        self.text = 0

    def add(self, value: Any, sheet: str, row: int, column: int) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            message = f"meer dan {thousands(MAX_CELLS)} gevulde cellen; er is niets gelezen"
            raise Refusal(message, sheet=sheet, row=row, column=column)
        if isinstance(value, str):
            self.text += len(value)
            if self.text > MAX_TEXT_CHARS:
                message = (
                    f"meer dan {thousands(MAX_TEXT_CHARS)} tekens in de cellen; er is niets gelezen"
                )
                raise Refusal(message, sheet=sheet, row=row, column=column)


def _too_long(sheet: str, row: int, column: int) -> Refusal:
    limit = thousands(MAX_CELL_CHARS)
    message = f"cel met meer dan {limit} tekens (wat een cel in Excel hoogstens bevat)"
    return Refusal(message, sheet=sheet, row=row, column=column)


def _too_many_rows(sheet: str, row: int) -> Refusal:
    message = f"meer dan {thousands(MAX_ROWS)} rijen met gegevens; er is niets gelezen"
    return Refusal(message, sheet=sheet, row=row)


def _past_last_column(sheet: str, row: int, column: int) -> Refusal:
    message = f"waarde voorbij kolom {column_letter(MAX_COLUMNS)}: hoogstens {MAX_COLUMNS} kolommen"
    return Refusal(message, sheet=sheet, row=row, column=column)


# --- the archive --------------------------------------------------------------------------------

_UNREADABLE = "geen leesbaar werkboek (.xlsx)"
_SAVE_AGAIN = "bewaar het in uw spreadsheetprogramma opnieuw als Excel-werkmap (.xlsx)"
_BOMB = "dit is geen gewoon werkboek; een zip-bom?"


def _measure(infos: list[zipfile.ZipInfo]) -> dict[str, tuple[str, str | None]]:
    """What is wrong with each part as the archive's directory describes it, before any is read:
    its packing, its unpacked size and its compression ratio."""
    wrong: dict[str, tuple[str, str | None]] = {}
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.flag_bits & 0x1:
            wrong[info.filename] = ("is versleuteld", "bewaar het werkboek zonder wachtwoord")
        elif info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            wrong[info.filename] = (
                "is ingepakt op een manier die een werkboek niet gebruikt",
                None,
            )
        elif info.file_size > MAX_PART_BYTES:
            size, limit = thousands(info.file_size), thousands(MAX_PART_BYTES)
            wrong[info.filename] = (f"is uitgepakt {size} bytes; hoogstens {limit}", _BOMB)
        elif info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            message = f"pakt uit tot {ratio:.0f} keer zijn ingepakte grootte; hoogstens {MAX_RATIO}"
            wrong[info.filename] = (message, _BOMB)
    return wrong


class _Stream:
    """One part of the archive fed to expat a chunk at a time: no DTD (so no entities), no element
    nested deeper than MAX_XML_DEPTH, and no more bytes than the archive's directory said."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        info: zipfile.ZipInfo,
        where: str,
        sheet: str = "",
    ) -> None:
        self.archive = archive
        self.info = info
        self.where = where
        self.sheet = sheet

    def too_deep(self) -> Refusal:
        message = f"de XML van {self.where} is dieper genest dan {MAX_XML_DEPTH} niveaus"
        return Refusal(message, _BOMB, sheet=self.sheet)

    def chunks(
        self,
        start: Callable[[str, dict[str, str]], None],
        end: Callable[[str], None],
        text: Callable[[str], None] | None = None,
    ) -> Iterator[None]:
        """Parses the part, yielding after each chunk so that a caller can take what it finished.
        The handlers get expat's names ("namespace local"), and start must call too_deep past
        MAX_XML_DEPTH levels."""
        parser = pyexpat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True

        def no_dtd(*_: Any) -> None:
            message = f"{self.where} bevat een DTD (<!DOCTYPE …>), die een werkboek niet heeft"
            raise Refusal(message, _BOMB, sheet=self.sheet)

        parser.StartDoctypeDeclHandler = no_dtd
        parser.EntityDeclHandler = no_dtd
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        unpacked = 0
        try:
            with self.archive.open(self.info) as stream:
                while chunk := stream.read(_CHUNK):
                    unpacked += len(chunk)
                    if unpacked > min(self.info.file_size, MAX_PART_BYTES):
                        message = f"{self.where} is groter dan het archief zegt"
                        raise Refusal(message, _BOMB, sheet=self.sheet)
                    parser.Parse(chunk, False)
                    yield
                parser.Parse(b"", True)
                yield
        except pyexpat.ExpatError as error:
            message = (
                f"{self.where} is geen geldige XML (regel {error.lineno}, teken {error.offset + 1})"
            )
            raise Refusal(message, _SAVE_AGAIN, sheet=self.sheet) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            message = f"{self.where} kan niet uitgepakt worden"
            raise Refusal(message, _SAVE_AGAIN, sheet=self.sheet) from None

    def parse(
        self,
        start: Callable[[str, dict[str, str], list[str]], None],
        end: Callable[[str, list[str]], None] = lambda _name, _names: None,
        text: Callable[[str], None] | None = None,
        any_namespace: bool = False,
    ) -> None:
        """Parses the whole part; the handlers get an element's local name ("" outside the
        spreadsheet namespace unless any_namespace) and the local names from the root to it."""
        names: list[str] = []

        def on_start(name: str, attributes: dict[str, str]) -> None:
            space, _, local = name.rpartition(" ")
            names.append(local if any_namespace or space in _MAIN else "")
            if len(names) > MAX_XML_DEPTH:
                raise self.too_deep()
            start(names[-1], attributes, names)

        def on_end(_name: str) -> None:  # expat's; the local name is names[-1]
            end(names[-1], names)
            names.pop()

        for _ in self.chunks(on_start, on_end, text):
            pass


def _local_name(name: str) -> str:
    """The local name of an element of the spreadsheet namespace, "" for any other."""
    space, _, local = name.rpartition(" ")
    return local if space in _MAIN else ""


class Workbook:
    """An .xlsx archive, measured on opening; its sheets are read on demand, a row at a time."""

    def __init__(self, raw: bytes) -> None:
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            raise Refusal(_UNREADABLE, _SAVE_AGAIN) from None
        if len(infos) > MAX_PARTS:
            count, limit = thousands(len(infos)), thousands(MAX_PARTS)
            message = f"het werkboek bestaat uit {count} delen; hoogstens {limit}"
            raise Refusal(message, _BOMB)
        self.parts = {info.filename: info for info in infos}
        wrong = _measure(infos)
        self.sheet_parts: dict[str, str] = {}  # sheet name -> part
        self.sheet_names: list[str] = []
        self.date1904 = False
        self.strings_part = self.styles_part = ""
        if wrong:
            with contextlib.suppress(Refusal):  # the parts are then named by their path
                self._read_structure(wrong)
            name, (message, hint) = next(iter(wrong.items()))
            raise Refusal(f"{self._part_name(name)} {message}", hint, sheet=self._sheet_of(name))
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED_BYTES:
            size, limit = thousands(total), thousands(MAX_UNPACKED_BYTES)
            raise Refusal(f"het werkboek is uitgepakt {size} bytes; hoogstens {limit}", _BOMB)
        self._read_structure({})
        self.counts = _Counts()
        self._strings: list[str | None] | None = None  # None in the list: longer than a cell holds
        # the styles (by their number as a cell's s="…" writes it) that show a date or a duration
        self._date_styles: frozenset[str] = frozenset()
        self._timedelta_styles: frozenset[str] = frozenset()

    def _sheet_of(self, part: str) -> str:
        return next((name for name, path in self.sheet_parts.items() if path == part), "")

    def _part_name(self, part: str) -> str:
        sheet = self._sheet_of(part)
        return "het blad" if sheet else f"deel {part}"

    def _stream(self, part: str, sheet: str = "") -> _Stream:
        info = self.parts.get(part)
        if info is None:
            where = f"blad {sheet}" if sheet else f"deel {part}"
            raise Refusal(f"{where} ontbreekt in het werkboek", _SAVE_AGAIN, sheet=sheet)
        return _Stream(self.archive, info, "het blad" if sheet else f"deel {part}", sheet)

    def _read_structure(self, wrong: dict[str, Any]) -> None:
        """The sheets' names and parts, and the parts of the shared texts and the styles."""
        book = _relations(self, "", wrong).get("officeDocument", ["xl/workbook.xml"])[0]
        if book in wrong:
            raise Refusal(_UNREADABLE)
        ids: list[tuple[str, str]] = []

        def start(name: str, attributes: dict[str, str], names: list[str]) -> None:
            if name == "sheet" and names[-3:] == ["workbook", "sheets", "sheet"]:
                if len(ids) >= MAX_PARTS:
                    raise Refusal(f"meer dan {thousands(MAX_PARTS)} bladen", _BOMB)
                relation = next((v for k, v in attributes.items() if k.endswith(" id")), "")
                ids.append((attributes.get("name", ""), relation))
            elif name == "workbookPr" and names[-2:] == ["workbook", "workbookPr"]:
                self.date1904 = attributes.get("date1904", "") in ("1", "true")

        self._stream(book).parse(start)
        targets = _relations(self, book, wrong, by_id=True)
        for name, relation in ids:
            self.sheet_names.append(name)
            if relation in targets:
                self.sheet_parts[name] = targets[relation][0]
        relations = _relations(self, book, wrong)
        self.strings_part = relations.get("sharedStrings", [""])[0]
        self.styles_part = relations.get("styles", [""])[0]

    # The shared texts and the styles are read once, when a sheet is first read.
    def _prepare(self) -> None:
        if self._strings is not None:
            return
        self._strings = self._read_strings() if self.strings_part else []
        if self.styles_part:
            self._read_styles()

    def _read_strings(self) -> list[str | None]:
        reader = _StringsReader(self.strings_part)
        self._stream(self.strings_part).parse(reader.start, reader.end, reader.text)
        return reader.strings

    def _read_styles(self) -> None:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        custom: dict[int, str] = {}
        formats: list[int] = []

        def start(name: str, attributes: dict[str, str], names: list[str]) -> None:
            if name == "numFmt" and names[-2:-1] == ["numFmts"]:
                if len(custom) >= MAX_STYLES:
                    message = (
                        f"deel {self.styles_part}: meer dan {thousands(MAX_STYLES)} getalnotaties"
                    )
                    raise Refusal(message, _BOMB)
                code = attributes.get("formatCode", "")
                identifier = _small_number(attributes.get("numFmtId", ""))
                if identifier is not None and len(code) <= _MAX_FORMAT_CODE:
                    custom[identifier] = code
            elif name == "xf" and names[-2:-1] == ["cellXfs"]:
                if len(formats) >= MAX_STYLES:
                    message = (
                        f"deel {self.styles_part}: meer dan {thousands(MAX_STYLES)} celopmaken"
                    )
                    raise Refusal(message, _BOMB)
                formats.append(_small_number(attributes.get("numFmtId", "0")) or 0)

        self._stream(self.styles_part).parse(start)
        dates, timedeltas = set(), set()
        for index, identifier in enumerate(formats):
            code = custom.get(identifier) or BUILTIN_FORMATS.get(identifier)
            if code and is_date_format(code):
                dates.add(str(index))
                if is_timedelta_format(code):
                    timedeltas.add(str(index))
        self._date_styles = frozenset(dates)
        self._timedelta_styles = frozenset(timedeltas)

    def rows(self, sheet: str) -> Iterator[Row]:
        """The rows of a sheet that hold a value, in order, as they are read; raises Refusal."""
        self._prepare()
        part = self.sheet_parts.get(sheet)
        if part is None:
            raise Refusal(f"blad {sheet} ontbreekt in het werkboek", _SAVE_AGAIN, sheet=sheet)
        stream = self._stream(part, sheet)
        reader = _SheetReader(self, sheet, stream)
        for _ in stream.chunks(reader.start, reader.end, reader.text):
            yield from reader.done
            reader.done.clear()

    def first_value(self, sheet: str) -> tuple[int, int] | None:
        """The row and column of the first value in a sheet, if it holds any."""
        for number, values in self.rows(sheet):
            column = next(i for i, value in enumerate(values, start=1) if _holds_value(value))
            return number, column
        return None

    def close(self) -> None:
        self.archive.close()


def _relations(
    book: Workbook, part: str, wrong: dict[str, Any], by_id: bool = False
) -> dict[str, list[str]]:
    """The relations of a part ("" for the package) by kind (the end of their type), or by id:
    each to a list of the parts it names."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in book.parts or rels in wrong:
        return {}
    found: dict[str, list[str]] = {}
    count = [0]

    def start(element: str, attributes: dict[str, str], _names: list[str]) -> None:
        if element != "Relationship" or attributes.get("TargetMode") == "External":
            return
        target = attributes.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        path = posixpath.normpath(path)
        key = attributes.get("Id", "") if by_id else attributes.get("Type", "").rpartition("/")[2]
        found.setdefault(key, []).append(path)
        count[0] += 1
        if count[0] > MAX_PARTS:  # more than there are parts to relate to
            raise Refusal(f"deel {rels}: meer dan {thousands(MAX_PARTS)} relaties", _BOMB)

    book._stream(rels).parse(start, any_namespace=True)
    return found


class _StringsReader:
    """The handlers that read the shared texts (sharedStrings.xml), each at most a cell long; a
    longer one is kept as None, refused when a cell uses it."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.strings: list[str | None] = []
        self.parts: list[str] = []
        self.collect = False
        self.length = 0
        self.total = 0

    def start(self, name: str, _attributes: dict[str, str], names: list[str]) -> None:
        if name == "si":
            self.parts = []
            self.length = 0
        elif name == "t" and (names[-2:-1] == ["si"] or names[-3:-1] == ["si", "r"]):
            self.collect = True

    def text(self, data: str) -> None:
        if self.collect:
            self.length += len(data)
            if self.length <= MAX_CELL_CHARS:
                self.parts.append(data)
            else:
                self.parts = []

    def end(self, name: str, _names: list[str]) -> None:
        if name == "t":
            self.collect = False
        elif name == "si":
            if len(self.strings) >= MAX_CELLS:
                message = f"deel {self.part}: meer dan {thousands(MAX_CELLS)} gedeelde teksten"
                raise Refusal(message, _BOMB)
            if self.length > MAX_CELL_CHARS:
                self.strings.append(None)
                return
            self.total += self.length
            if self.total > MAX_TEXT_CHARS:
                message = f"deel {self.part}: meer dan {thousands(MAX_TEXT_CHARS)} tekens"
                raise Refusal(message, _BOMB)
            self.strings.append("".join(self.parts).replace("x005F_", ""))


class _SheetReader:
    """The handlers that turn a sheet's XML into rows, checking the limits as it goes. They run
    for every element of a sheet, so they go by depth: worksheet 1, sheetData 2, row 3, c 4; v, f
    and is 5; is/t and is/r 6; is/r/t 7. A phonetic reading (is/rPh/t) is no part of the value."""

    def __init__(self, book: Workbook, sheet: str, stream: _Stream) -> None:
        self.book = book
        self.sheet = sheet
        self.stream = stream
        self.locals: dict[str, str] = {}  # expat's name -> local name ("" outside the namespace)
        self.depth = 0
        self.in_sheet_data = self.in_row = self.in_cell = self.in_text = self.in_run = False
        self.done: list[Row] = []
        self.data_rows = 0
        self.row = 0
        self.row_text = "0"
        self.values: dict[int, Any] = {}
        self.column = 0
        self.kind = "n"
        self.style = "0"
        self.formula = False
        self.collect = False
        self.parts: list[str] = []
        self.length = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = self.locals.get(name)
        if local is None:
            local = self.locals[name] = _local_name(name)
        depth = self.depth = self.depth + 1
        if depth == 4:
            if self.in_row and local == "c":
                self._start_cell(attributes)
        elif depth == 5:
            if self.in_cell:
                if local == "v":
                    self.collect = True
                elif local == "is":
                    self.in_text = True
                elif local == "f":
                    self.formula = True
        elif depth == 6:
            if self.in_text:
                if local == "t":
                    self.collect = True
                elif local == "r":
                    self.in_run = True
        elif depth == 7:
            if self.in_run and local == "t":
                self.collect = True
        elif depth == 3:
            if self.in_sheet_data and local == "row":
                self._start_row(attributes.get("r"))
        elif depth == 2:
            self.in_sheet_data = local == "sheetData"
        elif depth > MAX_XML_DEPTH:
            raise self.stream.too_deep()

    def end(self, _name: str) -> None:  # expat's; the depth says where the element ends
        depth = self.depth
        self.depth = depth - 1
        if depth == 4:
            if self.in_cell:
                self._end_cell()
        elif depth == 5:
            self.collect = self.in_text = False
        elif depth == 6:
            self.collect = self.in_run = False
        elif depth == 7:
            self.collect = False
        elif depth == 3:
            if self.in_row:
                self._end_row()
        elif depth == 2:
            self.in_sheet_data = False

    def _refusal(self, message: str, column: int = 0) -> Refusal:
        return Refusal(message, _SAVE_AGAIN, sheet=self.sheet, row=self.row, column=column)

    def _start_row(self, reference: str | None) -> None:
        if reference is None:
            number = self.row + 1
        else:
            given = _small_number(reference)
            if given is None:
                raise self._refusal(f"ongeldig rijnummer '{reference[:20]}'")
            number = given
        if not self.row < number <= _MAX_SHEET_ROW:
            raise self._refusal(f"rij {number} staat na rij {self.row}; ongeldige volgorde")
        self.row = number
        self.row_text = str(number)
        self.in_row = True
        self.column = 0
        self.values = {}

    def _start_cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        if reference is None:
            column = self.column + 1
        else:
            letters = reference.rstrip("0123456789")
            column = _COLUMNS.get(letters, 0)
            if not column or reference[len(letters) :] != self.row_text:
                raise self._refusal(f"ongeldige celverwijzing '{reference[:20]}'")
        if column <= self.column:
            raise self._refusal("cellen staan niet op volgorde in de rij", column)
        self.in_cell = True
        self.column = column
        self.kind = attributes.get("t", "n")
        self.style = attributes.get("s", "0")
        self.formula = self.collect = False
        self.parts = []
        self.length = 0

    def text(self, data: str) -> None:
        if not self.collect:
            return
        self.length += len(data)
        if self.length > MAX_CELL_CHARS:
            raise _too_long(self.sheet, self.row, self.column)
        self.parts.append(data)

    def _end_cell(self) -> None:
        self.in_cell = self.collect = False
        value = FORMULA if self.formula else self._value("".join(self.parts))
        if not _holds_value(value):
            return
        if self.column > MAX_COLUMNS:
            raise _past_last_column(self.sheet, self.row, self.column)
        self.book.counts.add(value, self.sheet, self.row, self.column)
        self.values[self.column] = value

    def _end_row(self) -> None:
        self.in_row = False
        if not self.values:
            return
        self.data_rows += 1
        if self.data_rows > MAX_ROWS + 1:  # the header and MAX_ROWS rows under it
            raise _too_many_rows(self.sheet, self.row)
        values: list[Any] = [None] * max(self.values)
        for column, value in self.values.items():
            values[column - 1] = value
        self.done.append((self.row, values))

    def _value(self, text: str) -> Any:
        kind = self.kind
        if kind == "inlineStr" or kind == "str" or kind == "e":
            return text
        if not text:
            return None
        if kind == "s":
            strings = self.book._strings or []
            index = _small_number(text)
            if index is None or index >= len(strings):
                raise self._refusal(
                    f"verwijst naar gedeelde tekst {text[:20]}, die er niet is", self.column
                )
            shared = strings[index]
            if shared is None:
                raise _too_long(self.sheet, self.row, self.column)
            return shared
        if kind == "b":
            return {"1": True, "0": False}.get(text.strip(), text)
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            try:
                return from_ISO8601(text)
            except (ValueError, OverflowError, TypeError):
                return text
        return self._number(text.strip())

    def _number(self, text: str) -> Any:
        try:
            number: int | float = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            raise self._refusal(f"'{text[:20]}' is geen getal", self.column) from None
        if self.style not in self.book._date_styles:
            return number
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

        epoch = MAC_EPOCH if self.book.date1904 else WINDOWS_EPOCH
        try:
            return from_excel(number, epoch, timedelta=self.style in self.book._timedelta_styles)
        except (OverflowError, ValueError):
            return number


# --- CSV ----------------------------------------------------------------------------------------

_QUOTED = re.compile(r'"([^"]*+(?:""[^"]*+)*+)"')
_QUOTED_SPAN = re.compile(r'"[^"\n]*"')


def csv_rows(raw: bytes) -> Iterator[Row]:
    """The records of a CSV file (UTF-8, ";" or ",") that hold a value, numbered as a spreadsheet
    numbers its rows; blank cells are None. Raises Refusal."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refusal("bestand is geen UTF-8; bewaar het als CSV UTF-8") from None
    if "\x00" in text:
        raise Refusal("bestand bevat een nulteken; bewaar het als CSV UTF-8")
    delimiter = _delimiter(text)
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*+")
    counts = _Counts()
    position, end, row, data_rows = 0, len(text), 1, 0
    values: dict[int, str] = {}
    column = 0
    while position < end or column:
        column += 1
        if column > MAX_FIELDS:
            message = f"meer dan {thousands(MAX_FIELDS)} velden in één rij; er is niets gelezen"
            raise Refusal(message, row=row)
        quoted = text.startswith('"', position)
        match = (_QUOTED if quoted else unquoted).match(text, position)
        if match is None:
            message = 'een aanhalingsteken (") wordt niet gesloten'
            raise Refusal(message, 'sluit de tekst in de cel af met een "', row=row, column=column)
        if match.end() - match.start() > MAX_CELL_CHARS + 2:
            raise _too_long("", row, column)
        value = match[1].replace('""', '"') if quoted else match[0]
        if value.strip():
            if column > MAX_COLUMNS:
                raise _past_last_column("", row, column)
            counts.add(value, "", row, column)
            values[column] = value
        position = match.end()
        if text.startswith(delimiter, position):
            position += 1
            continue
        if position < end and text[position] not in "\r\n":
            message = "tekst na een sluitend aanhalingsteken"
            raise Refusal(message, 'schrijf een " in een cel als ""', row=row, column=column)
        position += 2 if text.startswith("\r\n", position) else 1
        if values:
            data_rows += 1
            if data_rows > MAX_ROWS + 1:
                raise _too_many_rows("", row)
            record: list[Any] = [None] * max(values)
            for index, cell in values.items():
                record[index - 1] = cell
            yield row, record
            values = {}
        row += 1
        column = 0
        if row > MAX_LINES and position < end:
            raise Refusal(f"meer dan {thousands(MAX_LINES)} regels; er is niets gelezen")


def _delimiter(text: str) -> str:
    """ ";" or ",": whichever the header row holds more of, outside quotes (";" if neither)."""
    header = _QUOTED_SPAN.sub("", text[: text.find("\n") if "\n" in text[:100_000] else 100_000])
    return "," if header.count(",") > header.count(";") else ";"
