"""CSV for spreadsheets: `;`-separated, UTF-8 with BOM, CRLF, and no cell that a spreadsheet runs.

A cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return, which some spreadsheets skip
before such a sign) is read as a formula by Excel and LibreOffice: `=HYPERLINK("…")` in a
municipality's name would become a live link. Following OWASP's advice such a cell gets a leading
apostrophe, which spreadsheets show as plain text. Writers should therefore not put signed numbers
in a CSV: "-0,5" would come out as "'-0,5".

`tests/fixtures/selfscan/csv_cells.json` holds cases that the Python and the JavaScript tests check.
"""

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int


def neutralise_cell(text: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render_csv(rows: Iterable[Sequence[Cell]]) -> str:
    """Rows as CSV text for a spreadsheet: BOM, `;` between cells, CRLF, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise_cell(str(cell)) for cell in row])
    return "\ufeff" + out.getvalue()
