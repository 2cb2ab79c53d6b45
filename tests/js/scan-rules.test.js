/* The self-scan's rules in the browser against the shared vectors that tests/test_selfscan_rules.py
   checks in Python: same kinds, scores, rounding, aandachtspunt, advice, labels, figures, fitting to
   the kinds, municipality names, dates and export judgement (both format versions). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  advice, answerLabel, averageTenths, byDate, countedNames, fittedScan, formatChange, formatFigure, formatTenths,
  isAfterLatestDate, kindChanges, localToday, municipalityKey, scoreBundles, unknownQuestions,
} from "../../theme/assets/js/core/scan-rules.js";
import {
  differences, exportObject, fieldLabel, isolate, kindChangeLines, kindChangeNotice, kindsOf, knownPart, parseExport,
  sentence, versionsText,
} from "../../theme/assets/js/core/export-check.js";
import { unsupportedKeywords, validate } from "../../theme/assets/js/core/json-schema.js";

const root = new URL("../../", import.meta.url);
const vectors = JSON.parse(readFileSync(new URL("tests/fixtures/selfscan/vectors.json", root), "utf8"));
const schemas = Object.fromEntries(vectors.rules.format_versions.map((v) => [
  String(v), JSON.parse(readFileSync(new URL(`schemas/zelfscan-export.v${v}.schema.json`, root), "utf8")),
]));
const rules = { ...vectors.rules, export_schemas: schemas };

for (const c of vectors.scores) {
  test(`scores: ${c.name}`, () => {
    const seen = scoreBundles(rules, c.answers).map((s) => ({
      bundle: s.bundle, tenths: s.tenths, answered: s.answered, total: s.total, attention: s.attention,
      shown: formatTenths(s.tenths),
    }));
    assert.deepEqual(seen, c.expected);
  });
  test(`advice: ${c.name}`, () => {
    assert.deepEqual(advice(rules, c.answers), c.advice);
  });
}

for (const c of vectors.labels.cases) {
  test(`label of ${JSON.stringify(c.value)} to a ${c.kind} is ${c.label}`, () => {
    assert.equal(answerLabel(rules, c.kind, c.value), c.label);
  });
}

for (const c of vectors.figures.cases) {
  test(`figure ${c.value} is shown as ${c.shown}`, () => assert.equal(formatFigure(c.value), c.shown));
}

for (const c of vectors.kinds.cases) {
  test(`kinds: ${c.name}`, () => {
    assert.deepEqual(fittedScan(rules, c.answers, c.figures, c.notes), c.fitted);
    const held = [...Object.keys(c.answers), ...Object.keys(c.figures), ...Object.keys(c.notes)];
    assert.deepEqual(kindChanges(rules, c.kinds, held), c.changes);
  });
}

for (const c of vectors.changes) {
  test(`change ${c.older} -> ${c.newer} is ${c.shown}`, () => assert.equal(formatChange(c.older, c.newer), c.shown));
}

for (const c of vectors.averages) {
  test(`average of ${c.values}`, () => assert.equal(averageTenths(c.values), c.tenths));
}

function exportCase(c) {
  if ("json" in c) return c.json;
  const body = structuredClone(vectors.exports[c.of ?? "base"]);
  Object.assign(body, c.set || {});
  for (const name of c.remove || []) delete body[name];
  return JSON.stringify(body);
}

for (const c of vectors.exports.cases) {
  test(`export: ${c.name} is ${c.valid ? "valid" : "refused"}`, () => {
    const text = exportCase(c);
    const result = parseExport(rules, "scan.json", text, text.length);
    assert.equal(result.ok, c.valid, JSON.stringify(result.errors));
    if (!c.valid) assert.match(result.errors[0], /^scan\.json: .+\.$/);
  });
}

for (const c of vectors.municipality_names.keys) {
  test(`municipality key of ${JSON.stringify(c.written)} is ${c.key}`, () => {
    assert.equal(municipalityKey(rules, c.written), c.key);
  });
}

for (const c of vectors.municipality_names.counted) {
  test(`counted names: ${c.name}`, () => assert.deepEqual(countedNames(rules, c.written), c.counted));
}

/* As the comparison judges the date of a scan: the export check, then the day it is. */
function dateVerdict(value, today) {
  const text = JSON.stringify({ ...vectors.exports.base, date: value });
  const parsed = parseExport(rules, "scan.json", text, text.length);
  if (!parsed.ok) {
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0], /^scan\.json: datum /);
    return "invalid";
  }
  return isAfterLatestDate(rules, value, today) ? "future" : "valid";
}

for (const c of vectors.dates.cases) {
  test(`date ${JSON.stringify(c.date)} is ${c.verdict}`, () => {
    assert.equal(dateVerdict(c.date, c.today ?? vectors.dates.today), c.verdict);
  });
}

test("today is the day of this computer's clock, not of Greenwich", () => {
  assert.equal(localToday(new Date(2026, 0, 1, 0, 30)), "2026-01-01");
  assert.equal(localToday(new Date(2026, 11, 31, 23, 59)), "2026-12-31");
  const early = new Date(2000, 5, 1);
  early.setFullYear(99); // new Date(99, ...) would be 1999
  assert.equal(localToday(early), "0099-06-01");
});

test("the export schemas use only keywords the browser checks", () => {
  for (const schema of Object.values(schemas)) assert.deepEqual(unsupportedKeywords(schema), []);
  assert.throws(() => validate({ type: "object", oneOf: [] }, {}), /onbekende sleutelwoorden: oneOf/);
});

test("messages name the field and say what is wrong, in Dutch", () => {
  const body = { ...vectors.exports.base, answers: { q1: 7 }, date: "2026-02-30" };
  const result = parseExport(rules, "gemeente.json", JSON.stringify(body), 10);
  assert.equal(result.ok, false);
  const plain = result.errors.map((e) => e.replace(/[\u2068\u2069]/g, ""));
  assert.ok(plain.includes('gemeente.json: antwoord op vraag q1 moet een van 1, 2, 3, 4, "nvt" zijn, gevonden: 7.'), plain);
  assert.ok(plain.includes('gemeente.json: datum "2026-02-30" is geen bestaande datum (verwacht JJJJ-MM-DD).'), plain);
  const missing = parseExport(rules, "m.json", JSON.stringify({ ...vectors.exports.base, municipality: undefined }), 10);
  assert.deepEqual(missing.errors.map((e) => e.replace(/[\u2068\u2069]/g, "")), ["m.json: gemeente ontbreekt."]);
  const huge = JSON.stringify(vectors.exports.base).replace('"q1":1', `"q1":${"9".repeat(400)}`);
  assert.match(parseExport(rules, "h.json", huge, 10).errors[0], /^h\.json: een getal van 400 cijfers; /);
  const infinite = JSON.stringify(vectors.exports.base).replace('"q1":1', '"q1":1e400');
  assert.match(parseExport(rules, "i.json", infinite, 10).errors[0], /gevonden: een te groot getal\.$/);
});

test("broken JSON, a list, a newer format version and a huge file each get their own message", () => {
  const errors = (name, text, size) => parseExport(rules, name, text, size).errors.map((e) => e.replace(/[\u2068\u2069]/g, ""));
  assert.deepEqual(errors("a.json", "{ kapot", 7), ["a.json: dit is geen geldig JSON-bestand."]);
  assert.deepEqual(errors("b.json", "[1]", 3), ["b.json: dit is geen export van de zelfscan."]);
  const newer = JSON.stringify({ format: "regiokaart-zelfscan", format_version: 3 });
  assert.deepEqual(errors("c.json", newer, 10), [
    "c.json: formaatversie 3 wordt niet ondersteund; deze zelfscan leest versie 1 en 2.",
  ]);
  assert.match(parseExport(rules, "d.json", "{}", 12_000_000).errors[0], /groter dan 1000 kB/);
  const deep = "[".repeat(200000) + "]".repeat(200000);
  assert.equal(parseExport(rules, "e.json", deep, deep.length).ok, false);
});

test("a note longer than the limit and too many answers are refused", () => {
  const long = { ...vectors.exports.base, notes: { q1: "x".repeat(5001) } };
  assert.equal(parseExport(rules, "n.json", JSON.stringify(long), 6000).ok, false);
  const answers = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`v${i}`, 1]));
  const many = { ...vectors.exports.base, answers };
  assert.equal(parseExport(rules, "m.json", JSON.stringify(many), 6000).ok, false);
});

test("differences name unknown questions, another municipality, region and data version", () => {
  const body = { ...vectors.exports.base, municipality: "Utrecht", region: "Utrecht", answers: { q1: 2, oud: 3 }, notes: { weg: "x" } };
  const parsed = parseExport(rules, "u.json", JSON.stringify(body), 100);
  assert.ok(parsed.ok);
  assert.deepEqual(differences(rules, parsed), {
    unknownQuestions: ["oud", "weg"], kindChanges: [], unknownMunicipality: true, otherRegion: true, otherDataVersion: false,
  });
  assert.deepEqual(knownPart(rules, parsed.scan).answers, { q1: 2 });
  assert.deepEqual(knownPart(rules, parsed.scan).notes, {});
  const stored = { municipality: "Almere", date: "", answers: { q1: 7, q2: "nvt", q3: "3" }, figures: {}, notes: { q1: 5, q2: "ja" } };
  assert.deepEqual(knownPart(rules, stored), { ...stored, answers: { q2: "nvt" }, notes: { q2: "ja" } });
});

test("a version 1 export still imports, scored as the questions are asked now, and names the questions whose kind changed", () => {
  const old = { ...vectors.exports.base, answers: { q1: 2, q10: 4, q11: 3, q12: 1 }, notes: { q11: "Met Veilig Thuis bespreken" } };
  const parsed = parseExport(rules, "oud.json", JSON.stringify(old), 200);
  assert.ok(parsed.ok, JSON.stringify(parsed.errors));
  const diff = differences(rules, parsed);
  assert.deepEqual(diff.kindChanges.map((c) => [c.id, c.now]), [["q10", "knelpunt"], ["q11", "gesprek"], ["q12", "indicator"]]);
  const fitted = knownPart(rules, parsed.scan);
  assert.deepEqual(fitted.answers, { q1: 2, q10: 4 });
  assert.deepEqual(fitted.notes, { q11: "Met Veilig Thuis bespreken" });
  // The 4 to q10 (yes is a problem) now counts as 1: the bundle is (2 + 1) / 2.
  assert.equal(scoreBundles(rules, fitted.answers)[0].tenths, 15);
  const lines = kindChangeLines(rules, diff.kindChanges, parsed.scan);
  assert.equal(lines.length, 3);
  for (const line of lines) assert.match(line, /^"Vraag 1\d .+" is nu een .+; het was een beoordeling op de schaal van 1 tot 4.+\.$/u);
  assert.match(lines[0], /uw antwoord blijft staan en telt nu als: Volledig \(telt als 1\)/u);
  assert.match(lines[1], /uw antwoord \(3\. Grotendeels\) telt niet meer mee; uw notitie blijft staan\.$/u);
  assert.match(lines[2], /uw antwoord \(1\. Niet\) telt niet meer mee\.$/u);
  const notice = kindChangeNotice(rules, diff.kindChanges, parsed.scan, "in dit bestand");
  assert.equal(notice.text, "Let op: 3 vragen worden nu anders gesteld dan in dit bestand. De scores zijn opnieuw berekend zoals de vragen nu gesteld worden.");
  assert.deepEqual(notice.lines, lines);
  assert.equal(kindChangeNotice(rules, [], parsed.scan, "in dit bestand"), null);
});

test("an export round-trips through parseExport unchanged, with the kind of each question it holds", () => {
  const scan = {
    municipality: "Almere", date: "", answers: { q1: 1, q7: "nvt", q10: 3, q12: "gelijk" }, figures: { q12: 40.5 },
    notes: { q1: "a \"b\"; c", q11: "Bespreken" },
  };
  const exported = exportObject(rules, scan, "2026-11-25");
  assert.equal(exported.date, "2026-11-25");
  assert.equal(exported.format_version, rules.format_version);
  assert.deepEqual(exported.kinds, { q1: "beoordeling", q7: "beoordeling", q10: "knelpunt", q11: "gesprek", q12: "indicator" });
  assert.deepEqual(kindsOf(rules, scan), exported.kinds);
  const text = JSON.stringify(exported);
  const parsed = parseExport(rules, "x.json", text, text.length);
  assert.ok(parsed.ok, JSON.stringify(parsed.errors));
  assert.deepEqual(parsed.scan, { ...scan, date: "2026-11-25" });
  assert.deepEqual(differences(rules, parsed).kindChanges, []);
});

test("labels, unknown ids, versions and date order", () => {
  assert.equal(answerLabel(rules, "beoordeling", 3), "3. Grotendeels");
  assert.equal(answerLabel(rules, "knelpunt", undefined), "Niet beantwoord");
  assert.equal(versionsText([1]), "versie 1");
  assert.equal(versionsText([1, 2, 3]), "versie 1, 2 en 3");
  assert.deepEqual(unknownQuestions(rules, ["q1", "x", "x"]), ["x"]);
  const scans = [{ date: "2026-01-01", n: 1 }, { date: "2025-01-01", n: 2 }, { date: "2026-01-01", n: 3 }];
  assert.deepEqual(byDate(scans).map((s) => s.n), [2, 1, 3]);
});

test("field labels, sentences and isolated names", () => {
  assert.equal(fieldLabel(["answers", "q1"]), "antwoord op vraag q1");
  assert.equal(fieldLabel(["notes", "q1"]), "notitie bij vraag q1");
  assert.equal(fieldLabel(["data_version"]), "versie van de vragen");
  assert.equal(fieldLabel([]), "het bestand");
  assert.equal(fieldLabel(["extra"]), "veld extra");
  assert.equal(fieldLabel(["__proto__"]), "veld __proto__");
  assert.equal(fieldLabel(["constructor"]), "veld constructor");
  assert.equal(fieldLabel(["answers.q1"]), 'veld "answers.q1"');
  assert.equal(fieldLabel(["answers", ""]), 'antwoord op vraag ""');
  assert.equal(sentence("klaar"), "klaar.");
  assert.equal(sentence("klaar?"), "klaar?");
  assert.equal(isolate("a\u202eb"), "\u2068a\u202eb\u2069");
  assert.equal(isolate("\u05e9\u05dc\u05d5\u05dd.json"), "\u2068\u05e9\u05dc\u05d5\u05dd.json\u2069");
  assert.equal(isolate("Súdwest-Fryslân"), "Súdwest-Fryslân");
});
