/* Importing a saved scan, as a user sees it: every message of a refused file is one readable Dutch
   sentence that names the file, whatever the file holds; and the comparison of several files
   refuses what selfscan-report refuses, names each file it leaves out and still compares the rest. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { checkComparisons, parseExport } from "../../theme/assets/js/core/export-check.js";
import { countedNames } from "../../theme/assets/js/core/scan-rules.js";

const root = new URL("../../", import.meta.url);
const vectors = JSON.parse(readFileSync(new URL("tests/fixtures/selfscan/vectors.json", root), "utf8"));
const schema = (version) => JSON.parse(readFileSync(new URL(`schemas/zelfscan-export.v${version}.schema.json`, root), "utf8"));
const rules = { ...vectors.rules, export_schemas: Object.fromEntries(vectors.rules.format_versions.map((v) => [String(v), schema(v)])) };
const base = vectors.exports.base;

/* What a message may never show: JavaScript's own words for a value it could not write. */
const UNREADABLE = /\[object|undefined|null|NaN|function |native code/;

function text(body) {
  return typeof body === "string" ? body : JSON.stringify(body);
}

function messagesOf(body, name = "gemeente.json") {
  const written = text(body);
  const result = parseExport(rules, name, written, written.length);
  assert.equal(result.ok, false, `accepted: ${written.slice(0, 200)}`);
  return result.errors;
}

function assertReadable(messages) {
  assert.ok(messages.length > 0);
  for (const message of messages) {
    assert.doesNotMatch(message, UNREADABLE, message);
    assert.match(message, /^gemeente\.json: \S.*[.?!]$/su, message);
    assert.ok(message.length < 400, message);
  }
}

const values = {
  "an object": { a: { b: 1 } },
  "an empty object": {},
  "a list": [1, "twee", null],
  "an empty list": [],
  null: null,
  true: true,
  "a number": 3,
  "a fraction": 2.5,
  "a negative number": -1,
  "a huge number": 1e308,
  "a number too large": "1e400",
  "a long text": "x".repeat(500),
  "a text": "tekst",
};

function withValue(start, field, value) {
  const body = JSON.stringify({ ...start, [field]: "SLOT" });
  return body.replace('"SLOT"', value === "1e400" ? "1e400" : JSON.stringify(value));
}

const FIELDS = ["format_version", "data_version", "region", "municipality", "date", "answers", "notes"];
// Format version 1 (made before questions had a kind) and version 2, with figures and kinds.
for (const [version, start, fields] of [[1, base, FIELDS], [2, vectors.exports.base_v2, [...FIELDS, "figures", "kinds"]]]) {
  for (const field of fields) {
    for (const [kind, value] of Object.entries(values)) {
      const body = withValue(start, field, value);
      const result = parseExport(rules, "gemeente.json", body, body.length);
      if (result.ok) continue; // a text is a valid region, say
      test(`version ${version}: ${kind} as ${field} gives readable messages`, () => assertReadable(result.errors));
    }
    test(`version ${version}: no ${field} at all gives a readable message`, () => {
      const body = { ...start };
      delete body[field];
      if (field === "notes" || field === "figures") return; // these may be left out
      assertReadable(messagesOf(body));
    });
  }
}

for (const [kind, value] of Object.entries(values)) {
  test(`${kind} as an answer and as a note gives readable messages`, () => {
    const answer = JSON.stringify({ ...base, answers: { q1: "SLOT" } }).replace('"SLOT"', value === "1e400" ? "1e400" : JSON.stringify(value));
    if (value !== 3) assertReadable(messagesOf(answer));
    const note = JSON.stringify({ ...base, notes: { q1: "SLOT" } }).replace('"SLOT"', value === "1e400" ? "1e400" : JSON.stringify(value));
    if (typeof value !== "string" || value.length > rules.max_note_chars) assertReadable(messagesOf(note));
  });
}

test("the format version missing, null, an object or text is said in words", () => {
  const plain = (messages) => messages.map((m) => m.replace(/[\u2068\u2069]/g, ""));
  const noVersion = { ...base };
  delete noVersion.format_version;
  assert.deepEqual(plain(messagesOf(noVersion)), ["gemeente.json: de formaatversie ontbreekt; deze zelfscan leest versie 1 en 2."]);
  assert.deepEqual(plain(messagesOf({ ...base, format_version: null })), [
    "gemeente.json: de formaatversie moet een geheel getal zijn, gevonden: een lege waarde; deze zelfscan leest versie 1 en 2.",
  ]);
  assert.deepEqual(plain(messagesOf({ ...base, format_version: { v: 1 } })), [
    "gemeente.json: de formaatversie moet een geheel getal zijn, gevonden: een object; deze zelfscan leest versie 1 en 2.",
  ]);
  assert.deepEqual(plain(messagesOf({ ...base, format_version: "1" })), [
    'gemeente.json: de formaatversie moet een geheel getal zijn, gevonden: "1"; deze zelfscan leest versie 1 en 2.',
  ]);
  assert.deepEqual(plain(messagesOf({ ...base, format_version: 3 })), [
    "gemeente.json: formaatversie 3 wordt niet ondersteund; deze zelfscan leest versie 1 en 2.",
  ]);
});

test("fields every object has by inheritance are named as fields, not as JavaScript", () => {
  for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
    const body = JSON.stringify(base).replace('"answers"', `"${key}": {"x": 1}, "answers"`);
    const messages = messagesOf(body);
    assertReadable(messages);
    assert.ok(messages.some((m) => m.includes(`veld ${key} hoort niet in een export`)), messages);
    if (key === "constructor") continue; // a question id like any other: an unknown question
    const answer = JSON.stringify({ ...base, answers: { q1: 1 } }).replace('"q1"', `"${key}"`);
    assertReadable(messagesOf(answer));
  }
});

test("strange keys are quoted, cut when long", () => {
  const body = { ...base, answers: { "": 1, [`a${"b".repeat(300)}`]: 1, "a.b": 1 } };
  const messages = messagesOf(body);
  assertReadable(messages);
  assert.ok(messages.some((m) => m.includes('antwoord op vraag ""')), messages);
  assert.ok(messages.some((m) => m.includes('antwoord op vraag "a.b"')), messages);
  assert.ok(messages.every((m) => m.length < 200), messages);
});

test("whole files that are no export give one readable message each", () => {
  for (const body of ["", "   ", "null", "true", "3", '"tekst"', "[]", "[{}]", "{}", "{ kapot", "\uFEFF", "NaN", "undefined", "[object Object]"]) {
    const messages = messagesOf(body);
    assert.equal(messages.length, 1, body);
    assertReadable(messages);
  }
});

test("data nested a hundred thousand deep is refused with a message, not a crash", () => {
  for (const field of ["answers", "notes", "municipality"]) {
    const deep = "[".repeat(100000) + "]".repeat(100000);
    const body = JSON.stringify({ ...base, [field]: "SLOT" }).replace('"SLOT"', deep);
    const messages = messagesOf(body);
    assertReadable(messages);
    assert.match(messages[0], /te diep genest/);
  }
  const objects = `${'{"a":'.repeat(50000)}1${"}".repeat(50000)}`;
  assertReadable(messagesOf(objects));
});

test("more than five problems end with how many more, in words", () => {
  const answers = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, 9]));
  const messages = messagesOf({ ...base, answers });
  assert.equal(messages.length, 6);
  assert.equal(messages[5], "gemeente.json: en nog 2 fouten.");
  const six = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`q${i + 1}`, 9]));
  assert.equal(messagesOf({ ...base, answers: six })[5], "gemeente.json: en nog 1 fout.");
});

/* ---------- the comparison of several files ---------- */

function read(name, body) {
  const written = text(body);
  return parseExport(rules, name, written, written.length);
}

test("a comparison leaves out a broken file and a scan from the future, names both and compares the rest", () => {
  const results = [
    read("almere-2025.json", { ...base, municipality: " almere", date: "2025-11-20" }),
    read("kapot.json", "{ dit is geen json"),
    read("toekomst.json", { ...base, date: "2099-01-01" }),
    read("diep.json", JSON.stringify(base).replace('"Bespreken"', "[".repeat(100000) + "]".repeat(100000))),
    read("almere-2026.json", { ...base, municipality: "Almere", date: "2026-03-01" }),
    read("fout.json", { ...base, answers: { q1: 7, q2: 9 } }),
  ];
  const { loaded, errors } = checkComparisons(rules, results, "2026-03-01");
  assert.deepEqual(loaded.map((r) => r.name), ["almere-2025.json", "almere-2026.json"]);
  assert.equal(errors.length, 4, "one line per file left out");
  assert.match(errors[0], /^kapot\.json: dit is geen geldig JSON-bestand\.$/);
  assert.equal(errors[1], "toekomst.json: de datum 2099-01-01 ligt in de toekomst; controleer de datum van de scan.");
  assert.match(errors[2], /^diep\.json: de JSON is te diep genest/);
  assert.match(errors[3], /^fout\.json: antwoord op vraag q1 .+\. fout\.json: antwoord op vraag q2 .+\.$/);
  // " almere" and "Almere" are one municipality, as selfscan-report counts them.
  assert.deepEqual(countedNames(rules, loaded.map((r) => r.scan.municipality)), ["Almere", "Almere"]);
});

test("today's scan is compared, tomorrow's is not", () => {
  const results = [read("vandaag.json", { ...base, date: "2026-03-01" }), read("morgen.json", { ...base, date: "2026-03-02" })];
  const { loaded, errors } = checkComparisons(rules, results, "2026-03-01");
  assert.deepEqual(loaded.map((r) => r.name), ["vandaag.json"]);
  assert.deepEqual(errors, ["morgen.json: de datum 2026-03-02 ligt in de toekomst; controleer de datum van de scan."]);
});
