/* Reading a self-scan export: JSON, the limits and the versioned schema written by the build, then
   what the current data knows. Returns values, never throws, so every problem can be shown in the
   page. Every message is a Dutch sentence that names the file: a value from the file is quoted or
   described in words, never written as JavaScript would ("[object Object]", "undefined"). */

import { describe, validate } from "./json-schema.js";
import { jsonTextProblem } from "./json-text.js";
import { isAfterLatestDate, listedSpelling, unknownQuestions } from "./scan-rules.js";

/* What the user calls each field of an export; the file's keys are English. */
const FIELDS = {
  format: "formaat",
  format_version: "formaatversie",
  data_version: "versie van de vragen",
  region: "regio",
  municipality: "gemeente",
  date: "datum",
  answers: "antwoorden",
  notes: "notities",
};

/* A key from the file as a message shows it: as it is when it is short and plain, else quoted. */
function keyName(key) {
  return /^[A-Za-z0-9_-]{1,40}$/.test(key) ? key : isolate(describe(key));
}

/** What the user calls the value at path (the keys from the top of the file): "antwoord op vraag
    q1" for ["answers", "q1"], "gemeente" for ["municipality"], "het bestand" for []. */
export function fieldLabel(path) {
  const [field, id] = path;
  if (path.length === 0) return "het bestand";
  if (path.length === 2 && field === "answers") return `antwoord op vraag ${keyName(id)}`;
  if (path.length === 2 && field === "notes") return `notitie bij vraag ${keyName(id)}`;
  if (path.length === 1 && Object.hasOwn(FIELDS, field)) return FIELDS[field];
  return `veld ${path.map(keyName).join(" › ")}`;
}

/** A message as one sentence, ending with a full stop. */
export function sentence(text) {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function fail(name, message) {
  return { ok: false, errors: [sentence(`${isolate(name)}: ${message}`)] };
}

/* Why an export's format version is not the one this scan reads, in words. */
function versionProblem(rules, data) {
  const reads = `deze zelfscan leest versie ${rules.format_version}`;
  if (!Object.hasOwn(data, "format_version")) return `de formaatversie ontbreekt; ${reads}.`;
  const version = data.format_version;
  if (Number.isInteger(version)) return `formaatversie ${version} wordt niet ondersteund; ${reads}.`;
  return `de formaatversie moet een geheel getal zijn, gevonden: ${describe(version)}; ${reads}.`;
}

/** Parse and check an export's text; byteLength is the file's size (checked before parsing). */
export function parseExport(rules, name, text, byteLength) {
  if (byteLength > rules.max_export_bytes) {
    const limit = Math.round(rules.max_export_bytes / 1000);
    return fail(name, `het bestand is groter dan ${limit} kB en is dus geen export van de zelfscan.`);
  }
  const json = text.startsWith("\uFEFF") ? text.slice(1) : text; // a byte order mark, as Python allows
  if (!json.trim()) return fail(name, "het bestand is leeg en dus geen export van de zelfscan.");
  let data;
  try {
    data = JSON.parse(json);
  } catch {
    return fail(name, "dit is geen geldig JSON-bestand.");
  }
  const textProblem = jsonTextProblem(json, rules);
  if (textProblem) return fail(name, textProblem);
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== rules.format) {
    return fail(name, "dit is geen export van de zelfscan.");
  }
  if (data.format_version !== rules.format_version) return fail(name, versionProblem(rules, data));
  const problems = validate(rules.export_schema, data);
  if (problems.length) {
    const shown = problems.slice(0, 5).map((p) => sentence(`${isolate(name)}: ${fieldLabel(p.path)} ${p.message}`));
    const more = problems.length - 5;
    if (more > 0) shown.push(`${isolate(name)}: en nog ${more} ${more === 1 ? "fout" : "fouten"}.`);
    return { ok: false, errors: shown };
  }
  const scan = { municipality: data.municipality, date: data.date, answers: data.answers, notes: data.notes || {} };
  return { ok: true, name, scan, region: data.region, dataVersion: data.data_version };
}

/** A scan dated later than a scan can be made (after today): selfscan-report skips such a file,
    and the comparison does too. The message, or null when the date can be. */
export function futureDateProblem(rules, parsed, today) {
  if (!isAfterLatestDate(rules, parsed.scan.date, today)) return null;
  return sentence(`${isolate(parsed.name)}: de datum ${parsed.scan.date} ligt in de toekomst; controleer de datum van de scan`);
}

/** The files read for a comparison (parseExport's results), as selfscan-report takes them: the
    scans to compare, and per file that is left out one line that names it and says why (the
    others still count). */
export function checkComparisons(rules, results, today) {
  const loaded = [];
  const errors = [];
  for (const result of results) {
    const problem = result.ok ? futureDateProblem(rules, result, today) : null;
    if (!result.ok) errors.push(result.errors.join(" "));
    else if (problem) errors.push(problem);
    else loaded.push(result);
  }
  return { loaded, errors };
}

/** What in a checked export the current scan does not know: questions, municipality, region. */
export function differences(rules, parsed) {
  const ids = [...Object.keys(parsed.scan.answers), ...Object.keys(parsed.scan.notes)];
  return {
    unknownQuestions: unknownQuestions(rules, ids),
    unknownMunicipality: listedSpelling(rules, parsed.scan.municipality) === null,
    otherRegion: parsed.region !== rules.region,
    otherDataVersion: parsed.dataVersion !== rules.data_version,
  };
}

/** The scan with only what the current questions ask: answers on the scale and notes as text. */
export function knownPart(rules, scan) {
  const known = new Set(rules.questions.map((q) => q.id));
  const values = new Set(rules.scale.map((option) => option.value));
  const keep = (object, valid) =>
    Object.fromEntries(Object.entries(object).filter(([id, value]) => known.has(id) && valid(value)));
  return {
    ...scan,
    answers: keep(scan.answers, (value) => values.has(value)),
    notes: keep(scan.notes, (value) => typeof value === "string"),
  };
}

/** Text from a file or another user (a name, a file name) set apart in a message, so that a
    right-to-left character in it cannot turn the rest of the message around. */
/* Right-to-left letters and the controls of the Unicode bidirectional algorithm. */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\u200E\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

export function isolate(text) {
  return RIGHT_TO_LEFT.test(text) ? `\u2068${text}\u2069` : text;
}

/** The export object of a scan, in the versioned format. */
export function exportObject(rules, scan, today) {
  return {
    format: rules.format,
    format_version: rules.format_version,
    data_version: rules.data_version,
    region: rules.region,
    municipality: scan.municipality,
    date: scan.date || today,
    answers: scan.answers,
    notes: scan.notes,
  };
}
