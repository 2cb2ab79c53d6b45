"""Edit a workbook with real LibreOffice Calc, as a coordinator does, and save it as LibreOffice
saves it. Run by Debian's own Python (/usr/bin/python3), which has LibreOffice's UNO bridge
(python3-uno); tests/libreoffice/__init__.py starts it.

Reads a JSON object on stdin: {"source": path, "target": path, "filter": "xlsx" | "ods" | "csv",
"edits": [...]}. Each edit is a list, its first item its name:
  ["delete_row", sheet, row]                 delete a whole row (rows count from 1)
  ["insert_row", sheet, row, {header: text}] insert a row above row and type into its cells
  ["move_row", sheet, row, to]               cut a row and insert it above row `to`
  ["sort", sheet, header, descending]        sort the data rows by a column (row 1 is the header)
  ["type", sheet, row, header, text]         type text into a cell as a user does (Calc reads a
                                             number, a date or text from it by the cell's format)
  ["clear", sheet, row, header]              empty a cell
"csv" saves every sheet as its own CSV file (UTF-8, ';'), named by LibreOffice: <target
stem>-<sheet>.csv. The first line of stdout is "ok" when everything was done.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

CONNECT_SECONDS = 180  # the first start makes a profile; under load it takes a while
FILTERS = {
    "xlsx": ("Calc MS Excel 2007 XML", ""),
    "ods": ("calc8", ""),
    # separator ;, quote ", UTF-8 (76), from line 1, …, last token -1: every sheet its own file
    "csv": ("Text - txt - csv (StarCalc)", "59,34,76,1,,0,false,true,false,false,false,-1"),
}


def props(**values):
    found = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        found.append(prop)
    return tuple(found)


def start(profile: Path, pipe: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation={profile.as_uri()}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # soffice starts soffice.bin: the whole group is stopped at the end
    )


def connect(pipe: str, office: subprocess.Popen):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None and office.returncode != 0:
                raise SystemExit(f"LibreOffice stopped with {office.returncode}") from None
            if time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not answer") from None
            time.sleep(0.5)


def column_of(sheet, header: str) -> int:
    """The index (from 0) of the column headed header in row 1."""
    for index in range(0, 300):
        if sheet.getCellByPosition(index, 0).getString() == header:
            return index
    raise SystemExit(f"no column {header!r}")


def last_column(sheet) -> int:
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.getRangeAddress().EndColumn


def last_row(sheet) -> int:
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.getRangeAddress().EndRow


TEXT_FORMAT = 256  # com.sun.star.util.NumberFormat.TEXT


def typist(document):
    """Types into cells as a user does: Calc reads what is typed by the cell's format. A General
    cell gets Calc's own reading of the text (setFormula: 0365399111 becomes the number
    365399111, 2026-01-05 a date); a Text cell keeps the text as typed.

    Typing through Calc's input line instead (the dispatch command .uno:EnterString, which keeps
    the text in a Text cell in the same way) takes headless LibreOffice 7.4 down now and then
    after a few cells, so the cell's format is asked here."""
    formats = document.getNumberFormats()

    def type_into(cell, text: str) -> None:
        number_format = formats.getByKey(cell.getPropertyValue("NumberFormat"))
        if number_format.getPropertyValue("Type") & TEXT_FORMAT:
            cell.setString(text)
        else:
            cell.setFormula(text)

    return type_into


def edit(document, type_into, step: list) -> None:
    name, sheet_name, *rest = step
    sheets = document.getSheets()
    sheet = sheets.getByName(sheet_name)
    rows = sheet.getRows()
    if name == "delete_row":
        rows.removeByIndex(rest[0] - 1, 1)
    elif name == "insert_row":
        row, values = rest
        rows.insertByIndex(row - 1, 1)
        for header, text in values.items():
            type_into(sheet.getCellByPosition(column_of(sheet, header), row - 1), text)
    elif name == "move_row":
        row, to = rest
        rows.insertByIndex(to - 1, 1)
        source = row if to <= row else row - 1  # the row moved down when inserted above it
        width = last_column(sheet)
        address = sheet.getCellRangeByPosition(0, source, width, source).getRangeAddress()
        sheet.moveRange(sheet.getCellByPosition(0, to - 1).getCellAddress(), address)
        rows.removeByIndex(source, 1)
    elif name == "sort":
        header, descending = rest
        area = sheet.getCellRangeByPosition(0, 0, last_column(sheet), last_row(sheet))
        field = uno.createUnoStruct("com.sun.star.table.TableSortField")
        field.Field = column_of(sheet, header)
        field.IsAscending = not descending
        descriptor = props(
            SortFields=uno.Any("[]com.sun.star.table.TableSortField", (field,)),
            ContainsHeader=True,
        )
        uno.invoke(area, "sort", (descriptor,))
    elif name == "type":
        row, header, text = rest
        type_into(sheet.getCellByPosition(column_of(sheet, header), row - 1), text)
    elif name == "clear":
        row, header = rest
        sheet.getCellByPosition(column_of(sheet, header), row - 1).setString("")
    else:
        raise SystemExit(f"unknown edit {name!r}")


def main() -> None:
    job = json.load(sys.stdin)
    with tempfile.TemporaryDirectory(prefix="regiokaart-calc-") as scratch:
        pipe = f"regiokaart-{os.getpid()}"
        office = start(Path(scratch) / "profile", pipe)
        try:
            context = connect(pipe, office)
            desktop = context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context
            )
            source = Path(job["source"]).resolve().as_uri()
            document = desktop.loadComponentFromURL(source, "_blank", 0, props(Hidden=True))
            if document is None:
                raise SystemExit(f"LibreOffice did not open {source}")
            type_into = typist(document)
            for step in job["edits"]:
                edit(document, type_into, step)
            filter_name, options = FILTERS[job["filter"]]
            target = Path(job["target"]).resolve().as_uri()
            arguments = {"FilterName": filter_name, "Overwrite": True}
            if options:
                arguments["FilterOptions"] = options
            document.storeToURL(target, props(**arguments))
            document.close(True)
            with contextlib.suppress(Exception):  # the bridge goes down as LibreOffice stops
                desktop.terminate()
            office.wait(timeout=60)
        finally:
            if office.poll() is None:
                os.killpg(office.pid, signal.SIGKILL)
                office.wait()
    print("ok")


if __name__ == "__main__":
    main()
