/* Reading a self-scan export: JSON, the versioned schema written by the build, then what the
   current data knows. Returns values, never throws, so every problem can be shown in the page. */

import { validate } from "./json-schema.js";
import { unknownQuestions } from "./scan-rules.js";

function fail(name, message) {
  return { ok: false, errors: [`${name}: ${message}`] };
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
    return { ok: false, errors: problems.slice(0, 5).map((p) => `${name}: ${p.path}: ${p.message}`) };
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

/** The scan without what the current questions do not ask (shown to the user before applying). */
export function knownPart(rules, scan) {
  const known = new Set(rules.questions.map((q) => q.id));
  const keep = (object) => Object.fromEntries(Object.entries(object).filter(([id]) => known.has(id)));
  return { ...scan, answers: keep(scan.answers), notes: keep(scan.notes) };
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
