/* Earlier versions of a scan, newest first, so that every destructive action can be undone, also
   after a reload. Pure: the self-scan stores the list; these functions only compute the next one. */

/* A scan: the municipality and date, the answers (1-4 or "nvt" on the scale, a trend for an
   indicator), the indicators' figures and the notes, each by question id. */
export function emptyScan() {
  return { municipality: "", date: "", answers: {}, figures: {}, notes: {} };
}

/** True when nothing has been typed: no answer, figure or note (a chosen municipality or date
    alone is quickly chosen again and is no reason to ask or to keep a version). */
export function isEmptyScan(scan) {
  return !Object.keys(scan.answers).length && !Object.keys(scan.figures || {}).length && !Object.keys(scan.notes).length;
}

function canonical(scan) {
  const sorted = (object) => Object.fromEntries(Object.keys(object).sort().map((k) => [k, object[k]]));
  return JSON.stringify([scan.municipality, scan.date, sorted(scan.answers), sorted(scan.figures || {}), sorted(scan.notes)]);
}

export function sameScan(a, b) {
  return canonical(a) === canonical(b);
}

/** The history with scan on top (newest first, at most limit). An equal earlier version moves to
    the top instead of taking a second place; an empty scan leaves the history as it is. */
export function pushVersion(history, scan, reason, savedAt, limit) {
  if (isEmptyScan(scan)) return history;
  if (history.length && sameScan(history[0].scan, scan)) return history;
  const others = history.filter((version) => !sameScan(version.scan, scan));
  return [{ scan, reason, savedAt }, ...others].slice(0, limit);
}

export function removeVersion(history, index) {
  return history.filter((_, i) => i !== index);
}

/** "<gemeente>, scan van <datum>: 12 van 51 vragen beantwoord, 3 notities" for dialogs and lists;
    a question with an answer or a figure (an indicator) is answered. */
export function describeScan(scan, questionCount) {
  const answered = new Set([...Object.keys(scan.answers), ...Object.keys(scan.figures || {})]).size;
  const notes = Object.keys(scan.notes).length;
  const who = scan.municipality || "geen gemeente gekozen";
  const when = scan.date ? `, scan van ${scan.date}` : "";
  const noteText = notes === 1 ? "1 notitie" : `${notes} notities`;
  return `${who}${when}: ${answered} van ${questionCount} vragen beantwoord, ${noteText}`;
}

/** A stored history read back: only well-formed entries survive, so a damaged store loses nothing else. */
export function readHistory(stored, limit) {
  if (!Array.isArray(stored)) return [];
  return stored
    .filter((entry) => entry && typeof entry === "object" && entry.scan && typeof entry.scan === "object")
    .map((entry) => ({
      scan: { ...emptyScan(), ...entry.scan },
      reason: String(entry.reason || ""),
      savedAt: String(entry.savedAt || ""),
    }))
    .slice(0, limit);
}
