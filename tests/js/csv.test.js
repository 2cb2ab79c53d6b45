/* The browser's CSV export neutralises formula cells exactly as generator/regiokaart/csv_cells.py does: both
   check the shared vectors in tests/fixtures/selfscan/csv_cells.json. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";

import { csvText, neutraliseCell } from "../../theme/assets/js/core/csv.js";

const vectorsFile = new URL("../fixtures/selfscan/csv_cells.json", import.meta.url);

test("every shared vector is neutralised as the Python side does", () => {
  assert.ok(existsSync(vectorsFile), "tests/fixtures/selfscan/csv_cells.json is missing");
  const vectors = JSON.parse(readFileSync(vectorsFile, "utf8"));
  assert.ok(vectors.length >= 8);
  for (const { in: input, out } of vectors) assert.equal(neutraliseCell(input), out, JSON.stringify(input));
});

test("csvText quotes, doubles quotes, starts with a BOM and ends lines with CRLF", () => {
  const text = csvText([["a", 'b "c"; d', null], ["=1+1", 3, "-2"]]);
  assert.equal(text, '\ufeff"a";"b ""c""; d";""\r\n"\'=1+1";"3";"\'-2"\r\n');
});
