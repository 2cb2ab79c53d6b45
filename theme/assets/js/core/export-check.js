/* Reading a self-scan export: JSON, the limits and the schema of its format version written by the
   build (version 1, from before questions had a kind, is still read), then what the current data
   knows: which questions it no longer asks and which it now asks in another kind. Returns values, never throws, so every problem can be shown in the
   page. Every message is a Dutch sentence that names the file: a value from the file is quoted or
   described in words, never written as JavaScript would ("[object Object]", "undefined"). */

import { describe, validate } from "./json-schema.js";
import { jsonTextProblem } from "./json-text.js";
import {
  answerLabel, fittedScan, isAfterLatestDate, kindChanges, listedSpelling, unknownQuestions,
} from "./scan-rules.js";

/* What the user calls each field of an export; the file's keys are English. */
const FIELDS = {
  format: "formaat",
  format_version: "formaatversie",
  data_version: "versie van de vragen",
  region: "regio",
  municipality: "gemeente",
  date: "datum",
  answers: "antwoorden",
  figures: "cijfers",
  notes: "notities",
  kinds: "soorten vragen",
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
  if (path.length === 2 && field === "figures") return `cijfer bij vraag ${keyName(id)}`;
  if (path.length === 2 && field === "kinds") return `soort van vraag ${keyName(id)}`;
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

/** "versie 1" or "versie 1 en 2". */
export function versionsText(versions) {
  if (versions.length === 1) return `versie ${versions[0]}`;
  return `versie ${versions.slice(0, -1).join(", ")} en ${versions[versions.length - 1]}`;
}

/* Why an export's format version is not one this scan reads, in words. */
function versionProblem(rules, data) {
  const reads = `deze zelfscan leest ${versionsText(rules.format_versions)}`;
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
  if (!rules.format_versions.includes(data.format_version)) return fail(name, versionProblem(rules, data));
  const problems = validate(rules.export_schemas[String(data.format_version)], data);
  if (problems.length) {
    const shown = problems.slice(0, 5).map((p) => sentence(`${isolate(name)}: ${fieldLabel(p.path)} ${p.message}`));
    const more = problems.length - 5;
    if (more > 0) shown.push(`${isolate(name)}: en nog ${more} ${more === 1 ? "fout" : "fouten"}.`);
    return { ok: false, errors: shown };
  }
  const scan = {
    municipality: data.municipality, date: data.date, answers: data.answers, figures: data.figures || {}, notes: data.notes || {},
  };
  // Version 1 names no kinds: every question in it was asked as rules.implied_kind.
  const kinds = data.kinds || {};
  return { ok: true, name, scan, kinds, formatVersion: data.format_version, region: data.region, dataVersion: data.data_version };
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

function heldIds(scan) {
  return [...Object.keys(scan.answers), ...Object.keys(scan.figures || {}), ...Object.keys(scan.notes)];
}

/** What in a checked export the current scan does not know: questions, questions now asked in
    another kind, municipality, region. */
export function differences(rules, parsed) {
  const ids = heldIds(parsed.scan);
  return {
    unknownQuestions: unknownQuestions(rules, ids),
    kindChanges: kindChanges(rules, parsed.kinds, ids),
    unknownMunicipality: listedSpelling(rules, parsed.scan.municipality) === null,
    otherRegion: parsed.region !== rules.region,
    otherDataVersion: parsed.dataVersion !== rules.data_version,
  };
}

/** The scan with only what the current questions take, each in its kind (fittedScan). */
export function knownPart(rules, scan) {
  return { ...scan, ...fittedScan(rules, scan.answers, scan.figures || {}, scan.notes) };
}

/** The kind each question a scan holds something for is asked in now: stored with the scan and
    in its export, so that a later version of the scan can tell which questions changed kind. */
export function kindsOf(rules, scan) {
  const held = new Set(heldIds(scan));
  return Object.fromEntries(rules.questions.filter((q) => held.has(q.id)).map((q) => [q.id, q.kind]));
}

function shortText(text, limit = 80) {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit).replace(/\s+\S*$/u, "").replace(/[,;:]$/u, "")} …`;
}

/** Per question that is now asked in another kind (kindChanges), one Dutch sentence: what it was,
    what it is, and what became of the answer, figure and note in scan (before fitting). */
export function kindChangeLines(rules, changes, scan) {
  const texts = new Map(rules.questions.map((q) => [q.id, q.text]));
  const fitted = knownPart(rules, scan);
  return changes.map((change) => {
    const was = rules.kinds[change.was];
    const now = rules.kinds[change.now];
    const parts = [`"${shortText(texts.get(change.id))}" is nu ${now.noun}; het was ${was.noun}`];
    const answer = Object.hasOwn(scan.answers, change.id) ? scan.answers[change.id] : undefined;
    if (answer !== undefined && Object.hasOwn(fitted.answers, change.id)) {
      parts.push(`uw antwoord blijft staan en telt nu als: ${answerLabel(rules, change.now, answer)}`);
    } else if (answer !== undefined) {
      parts.push(`uw antwoord (${answerLabel(rules, change.was, answer)}) telt niet meer mee`);
    }
    if (Object.hasOwn(scan.figures || {}, change.id) && !Object.hasOwn(fitted.figures, change.id)) {
      parts.push("het cijfer is niet overgenomen");
    }
    if (Object.hasOwn(fitted.notes, change.id)) parts.push("uw notitie blijft staan");
    return sentence(parts.join("; "));
  });
}

/** Text from a file or another user (a name, a file name) set apart in a message, so that a
    right-to-left character in it cannot turn the rest of the message around. */
/* Right-to-left letters and the controls of the Unicode bidirectional algorithm. */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\u200E\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

export function isolate(text) {
  return RIGHT_TO_LEFT.test(text) ? `\u2068${text}\u2069` : text;
}

/** What to tell about the questions now asked in another kind than in scan (from a file, an
    earlier version, this browser; where says which): {text, lines}, or null when there are none. */
export function kindChangeNotice(rules, changes, scan, where) {
  if (!changes.length) return null;
  const count = changes.length === 1 ? "1 vraag wordt" : `${changes.length} vragen worden`;
  return {
    text: `Let op: ${count} nu anders gesteld dan ${where}. De scores zijn opnieuw berekend zoals de vragen nu gesteld worden.`,
    lines: kindChangeLines(rules, changes, scan),
  };
}

/** The export object of a scan, in the format version this scan writes. */
export function exportObject(rules, scan, today) {
  return {
    format: rules.format,
    format_version: rules.format_version,
    data_version: rules.data_version,
    region: rules.region,
    municipality: scan.municipality,
    date: scan.date || today,
    answers: scan.answers,
    figures: scan.figures || {},
    notes: scan.notes,
    kinds: kindsOf(rules, scan),
  };
}
