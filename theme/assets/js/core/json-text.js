/* What an export's JSON text may not hold although JSON.parse reads it: a key written twice in
   one object (JSON.parse silently keeps the last), nesting deeper than rules.max_nesting and a
   number of more than rules.max_number_digits digits. selfscan-report refuses the same
   (selfscan_exports.py), so a file is an export for both or for neither. One pass, no recursion:
   any text JSON.parse accepted takes linear time and no stack. */

/* A string (with its escapes), a number, or a bracket or colon: in valid JSON this finds every
   token that matters here, and never one inside a string. The string pattern is unrolled, so
   that a long note is matched without backtracking. */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|[{}[\]:]/g;

function shortKey(key) {
  const text = JSON.stringify(key);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The first reason, in Dutch, why text (which JSON.parse accepted) is no export; null if none. */
export function jsonTextProblem(text, rules) {
  const open = []; // per open object its keys so far (a Set), per open list null
  let previous = "";
  for (const [token] of text.matchAll(TOKEN)) {
    const first = token[0];
    if (first === "{" || first === "[") {
      open.push(first === "{" ? new Set() : null);
      if (open.length > rules.max_nesting) return "de JSON is te diep genest; dit is geen export van de zelfscan";
    } else if (first === "}" || first === "]") {
      open.pop();
    } else if (first === ":") {
      const keys = open[open.length - 1];
      const key = JSON.parse(previous);
      if (keys.has(key)) return `de sleutel ${shortKey(key)} komt twee keer voor in hetzelfde object`;
      keys.add(key);
    } else if (first !== '"') {
      const digits = token.split(/[eE]/)[0].replace(/[^0-9]/g, "").length;
      if (digits > rules.max_number_digits) {
        return `een getal van ${digits} cijfers; een export bevat alleen antwoorden 1 tot en met 4`;
      }
    }
    previous = token;
  }
  return null;
}
