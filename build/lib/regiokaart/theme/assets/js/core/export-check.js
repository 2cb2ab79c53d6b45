/* Reading a self-scan export: JSON, the versioned schema written by the build, then what the
   current data knows. Returns values, never throws, so every problem can be shown in the page. */

import { validate } from "./json-schema.js";
import { unknownQuestions } from "./scan-rules.js";

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

/** "antwoord op vraag q1" for the path "answers.q1"; the whole file when the path is empty. */
export function fieldLabel(path) {
  const [field, id] = path.split(".", 2);
  if (field === "(het hele bestand)") return "het bestand";
  if (id !== undefined && field === "answers") return `antwoord op vraag ${id}`;
  if (id !== undefined && field === "notes") return `notitie bij vraag ${id}`;
  return FIELDS[field] ?? `veld ${path}`;
}

/** A message as one sentence, ending with a full stop. */
export function sentence(text) {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function fail(name, message) {
  return { ok: false, errors: [sentence(`${isolate(name)}: ${message}`)] };
}

/** Parse and check an export's text; byteLength is the file's size (checked before parsing). */
export function parseExport(rules, name, text, byteLength) {
  if (byteLength > rules.max_export_bytes) {
    const limit = Math.round(rules.max_export_bytes / 1000);
    return fail(name, `het bestand is groter dan ${limit} kB en is dus geen export van de zelfscan.`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return fail(name, "dit is geen geldig JSON-bestand.");
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== rules.format) {
    return fail(name, "dit is geen export van de zelfscan.");
  }
  if (data.format_version !== rules.format_version) {
    return fail(
      name,
      `formaatversie ${JSON.stringify(data.format_version)} wordt niet ondersteund; deze zelfscan leest versie ${rules.format_version}.`,
    );
  }
  const problems = validate(rules.export_schema, data);
  if (problems.length) {
    const shown = problems.slice(0, 5).map((p) => sentence(`${isolate(name)}: ${fieldLabel(p.path)} ${p.message}`));
    if (problems.length > 5) shown.push(`${isolate(name)}: en nog ${problems.length - 5} fouten.`);
    return { ok: false, errors: shown };
  }
  const scan = { municipality: data.municipality, date: data.date, answers: data.answers, notes: data.notes || {} };
  return { ok: true, name, scan, region: data.region, dataVersion: data.data_version };
}

/** What in a checked export the current scan does not know: questions, municipality, region. */
export function differences(rules, parsed) {
  const ids = [...Object.keys(parsed.scan.answers), ...Object.keys(parsed.scan.notes)];
  return {
    unknownQuestions: unknownQuestions(rules, ids),
    unknownMunicipality: !rules.municipalities.includes(parsed.scan.municipality),
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
