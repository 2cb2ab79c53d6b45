/* CSV as the project writes it everywhere: ";"-separated, quoted, BOM and CRLF for Excel, and no
   cell that a spreadsheet would run as a formula (same rule as generator/regiokaart/csv_cells.py). */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that starts with =, +, -, @, tab or carriage return gets a leading apostrophe. */
export function neutraliseCell(value) {
  const text = value === undefined || value === null ? "" : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text) {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows of cells as CSV text, every cell neutralised and quoted. */
export function csvText(rows) {
  return `\ufeff${rows.map((row) => row.map((cell) => quote(neutraliseCell(cell))).join(";")).join("\r\n")}\r\n`;
}
