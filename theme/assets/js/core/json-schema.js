/* A small JSON Schema validator for the keywords the export schemas use (generated from the Python
   models, schemas/zelfscan-export.v1.schema.json and .v2.schema.json). A keyword it does not know is an error, so the
   schema can never silently ask more than the browser checks. */

const TYPES = {
  object: "een object", string: "tekst", integer: "een geheel getal", number: "een getal",
  array: "een lijst", boolean: "true of false", null: "null",
};
const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "default"]);
export const SUPPORTED = new Set([
  "type", "const", "enum", "minLength", "maxLength", "pattern", "format", "required", "properties",
  "additionalProperties", "patternProperties", "propertyNames", "maxProperties", "minimum", "maximum",
]);

/** Keywords in a schema (at any depth) that this validator does not support. */
export function unsupportedKeywords(schema) {
  const found = new Set();
  const walk = (node) => {
    for (const [key, value] of Object.entries(node)) {
      if (!SUPPORTED.has(key) && !ANNOTATIONS.has(key)) found.add(key);
      if (key === "properties" || key === "patternProperties") Object.values(value).forEach(walk);
      else if (key === "additionalProperties" || key === "propertyNames") {
        if (value && typeof value === "object") walk(value);
      }
    }
  };
  walk(schema);
  return [...found].sort();
}

function typeOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Whether text is an existing date written JJJJ-MM-DD, from 0001-01-01 on (there is no year 0;
    Python's date, which selfscan-report reads it with, agrees). */
export function isCalendarDate(text) {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads the years 0-99 as 1900-1999
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/* A UTF-16 surrogate that is not half of a pair: no character at all (Python refuses it too). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A value from a file as a message can show it: text in quotes and cut when long, a number as
    it is, and what has no short form (an object, a list, null) in words. */
export function describe(value) {
  if (value === null) return "een lege waarde";
  if (Array.isArray(value)) return "een lijst";
  if (typeof value === "string") {
    const text = JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "een te groot getal";
  if (typeof value === "boolean") return String(value);
  return "een object"; // all that JSON has left
}

/** Problems of value against schema, as [{path, message}] in Dutch, path the list of keys from
    the top of the file to the value; [] when it is valid. */
export function validate(schema, value, path = []) {
  const unsupported = unsupportedKeywords(schema);
  if (unsupported.length) throw new Error(`schema gebruikt onbekende sleutelwoorden: ${unsupported.join(", ")}`);
  return check(schema, value, path);
}

function check(schema, value, path) {
  const problems = [];
  const add = (message) => problems.push({ path, message });
  const type = typeOf(value);
  if (schema.type && !(schema.type === type || (schema.type === "number" && type === "integer"))) {
    add(`moet ${TYPES[schema.type] ?? schema.type} zijn, gevonden: ${describe(value)}`);
    return problems;
  }
  if ("const" in schema && value !== schema.const) add(`moet ${describe(schema.const)} zijn, gevonden: ${describe(value)}`);
  if (schema.enum && !schema.enum.includes(value)) {
    add(`moet een van ${schema.enum.map(describe).join(", ")} zijn, gevonden: ${describe(value)}`);
  }
  if (type === "string") {
    const length = [...value].length; // characters (code points), as JSON Schema and Python count
    if (LONE_SURROGATE.test(value)) add("bevat een ongeldig teken");
    if (schema.minLength !== undefined && length < schema.minLength) add("mag niet leeg zijn");
    if (schema.maxLength !== undefined && length > schema.maxLength) add(`is langer dan ${schema.maxLength} tekens`);
    if (schema.format === "date") {
      if (!isCalendarDate(value)) add(`${describe(value)} is geen bestaande datum (verwacht JJJJ-MM-DD)`);
    } else if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) {
      add(`${describe(value)} bevat tekens die hier niet mogen`);
    }
  }
  if (type === "integer" || type === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) add(`moet minstens ${schema.minimum} zijn, gevonden: ${describe(value)}`);
    if (schema.maximum !== undefined && value > schema.maximum) add(`mag hoogstens ${schema.maximum} zijn, gevonden: ${describe(value)}`);
  }
  if (type === "object") problems.push(...checkObject(schema, value, path));
  return problems;
}

function checkObject(schema, value, path) {
  const problems = [];
  const keys = Object.keys(value);
  for (const name of schema.required || []) {
    if (!Object.hasOwn(value, name)) problems.push({ path: [...path, name], message: "ontbreekt" });
  }
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
    problems.push({ path, message: `heeft er meer dan ${schema.maxProperties}` });
  }
  const patterns = Object.entries(schema.patternProperties || {}).map(([p, s]) => [new RegExp(p, "u"), s]);
  for (const key of keys) {
    const at = [...path, key];
    if (schema.propertyNames) {
      problems.push(...check(schema.propertyNames, key, at).map((p) => ({ ...p, message: `(de naam) ${p.message}` })));
    }
    let matched = false;
    if (schema.properties && Object.hasOwn(schema.properties, key)) {
      matched = true;
      problems.push(...check(schema.properties[key], value[key], at));
    }
    for (const [pattern, sub] of patterns) {
      if (pattern.test(key)) {
        matched = true;
        problems.push(...check(sub, value[key], at));
      }
    }
    if (!matched && schema.additionalProperties === false) {
      problems.push({ path: at, message: "hoort niet in een export" });
    } else if (!matched && schema.additionalProperties && typeof schema.additionalProperties === "object") {
      problems.push(...check(schema.additionalProperties, value[key], at));
    }
  }
  return problems;
}
