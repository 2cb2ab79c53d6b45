/* The self-scan's state and its transitions (core/selfscan-state.js), without a browser: each
   transition from a given state to the state the page then draws, and what it asks of storage. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  addComparisons, adoptFromOtherTab, answer, answerableIds, answeredCount, askClear, cancelPending, chooseDate,
  chooseMunicipality, closeComparison, closeKindNotice, compareProblemLines, confirmPending, csvExport, csvExported,
  describe, edited, exportFromBytes, figureProblem, fitToQuestions, focusMoved, formatTime, goTo, initialState,
  jsonExport, jsonExported, noteTooLong, oldBackupVersion, otherTabScan, overwrittenVersion, replaceScan,
  requestedVersion, restoreFromFile, restoreRefused, restoreVersion, resultsStep, saveRequested, saved, scanRecord,
  setFigure, storedKinds, storedScan, storedStep, typedFigure, typeNote, undo, unreadableFile, versionBeforeFitting,
  withHistory, withVersion,
} from "../../theme/assets/js/core/selfscan-state.js";
import { parseExport } from "../../theme/assets/js/core/export-check.js";
import { emptyScan } from "../../theme/assets/js/core/history.js";

const root = new URL("../../", import.meta.url);
const vectors = JSON.parse(readFileSync(new URL("tests/fixtures/selfscan/vectors.json", root), "utf8"));
const schemas = Object.fromEntries(vectors.rules.format_versions.map((v) => [
  String(v), JSON.parse(readFileSync(new URL(`schemas/zelfscan-export.v${v}.schema.json`, root), "utf8")),
]));
const rules = { ...vectors.rules, export_schemas: schemas, history_size: 10 };
const TODAY = "2026-12-01";

const scan = (fields = {}) => ({ ...emptyScan(), municipality: "Almere", date: "2026-11-20", ...fields });
const start = (fields = {}, step = 1) => initialState(rules, scan(fields), step, []);
const kept = (history = [], dropped = 0) => ({ ok: true, dropped, history });
const FULL = { ok: false, dropped: 0 };

/** An export as the page writes it, read back as the page reads a chosen file. */
function exported(body, name = "scan.json") {
  const text = JSON.stringify({
    format: rules.format, format_version: 2, data_version: rules.data_version, region: rules.region,
    municipality: "Almere", date: "2026-11-20", answers: {}, figures: {}, notes: {}, kinds: {}, ...body,
  });
  const parsed = parseExport(rules, name, text, text.length);
  assert.equal(parsed.ok, true, parsed.errors?.join(" "));
  return parsed;
}

/* ---------- rules-derived values and texts ---------- */

test("the steps, the questions that take an answer and how many have one", () => {
  assert.equal(resultsStep(rules), 4);
  assert.deepEqual(answerableIds(rules), ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q12"]);
  const some = scan({ answers: { q1: 1, q11: "nvt" }, figures: { q12: 5 }, notes: { q2: "x" } });
  assert.equal(answeredCount(rules, some), 2);
  assert.equal(describe(rules, some), "Almere, scan van 2026-11-20: 3 van 11 vragen beantwoord, 1 notitie");
});

test("a moment is named in Dutch, and an unreadable one as such", () => {
  assert.match(formatTime("2026-03-03T12:00:00Z"), /^3 maart 2026/);
  assert.equal(formatTime("gisteren"), "onbekend moment");
});

/* ---------- what is stored ---------- */

test("a stored scan is read field by field; what is not one is left out", () => {
  assert.deepEqual(storedScan(null), emptyScan());
  assert.deepEqual(storedScan([1]), emptyScan());
  const stored = { municipality: "Almere", date: 3, answers: { q1: 2 }, figures: [], notes: { q1: "n" }, step: 2 };
  assert.deepEqual(storedScan(stored), { ...emptyScan(), municipality: "Almere", answers: { q1: 2 }, notes: { q1: "n" } });
  assert.notEqual(storedScan(stored).answers, stored.answers);
  assert.deepEqual(storedScan({ date: "2026-01-02", figures: { q12: 3 } }), { ...emptyScan(), date: "2026-01-02", figures: { q12: 3 } });
});

test("the kinds of a stored scan, none for one stored before questions had a kind", () => {
  assert.deepEqual(storedKinds({ kinds: { q1: "knelpunt" } }), { q1: "knelpunt" });
  assert.deepEqual(storedKinds({ answers: {} }), {});
  assert.deepEqual(storedKinds(null), {});
});

test("a stored step is kept within the steps there are", () => {
  assert.equal(storedStep(2, 4), 2);
  assert.equal(storedStep(9, 4), 4);
  assert.equal(storedStep(-1, 4), 0);
  assert.equal(storedStep("2", 4), 0);
  assert.equal(storedStep(undefined, 4), 0);
});

test("the scan is stored with the kind each question it holds is asked in now", () => {
  const some = scan({ answers: { q10: 2 }, notes: { q11: "n" } });
  assert.deepEqual(scanRecord(rules, some), { ...some, kinds: { q10: "knelpunt", q11: "gesprek" } });
});

test("a version is added on top with its kinds; an empty scan adds nothing", () => {
  const keep = { scan: scan({ answers: { q1: 1 } }), reason: "voor het wissen", kinds: { q1: "beoordeling" } };
  const versions = withVersion(rules, [], keep, "t1");
  assert.deepEqual(versions, [{ scan: { ...keep.scan, kinds: keep.kinds }, reason: "voor het wissen", savedAt: "t1" }]);
  assert.equal(withVersion(rules, versions, { ...keep, scan: emptyScan() }, "t2"), versions);
});

test("the state at the start: the stored scan on its stored step, the first without a municipality", () => {
  const history = [{ scan: scan(), reason: "r", savedAt: "t" }];
  const state = initialState(rules, scan({ answers: { q1: 1 } }), 2, history);
  assert.equal(state.step, 2);
  assert.equal(state.history, history);
  assert.deepEqual(state.scan.answers, { q1: 1 });
  assert.equal(state.pending, null);
  assert.equal(state.save, null);
  assert.equal(initialState(rules, scan(), 9, []).step, 4);
  assert.equal(initialState(rules, { answers: { q1: 1 } }, 2, []).step, 0);
  assert.deepEqual(initialState(rules, null, null, []).scan, emptyScan());
});

test("the versions are replaced as stored (by this tab or another)", () => {
  const history = [{ scan: scan(), reason: "r", savedAt: "t" }];
  assert.equal(withHistory(start(), history).history, history);
});

test("the backup slot of the first version of this page becomes an earlier version", () => {
  assert.equal(oldBackupVersion(null), null);
  const keep = oldBackupVersion({ municipality: "Almere", answers: { q1: 2 }, step: 3 });
  assert.deepEqual(keep.scan, { ...emptyScan(), municipality: "Almere", answers: { q1: 2 } });
  assert.deepEqual(keep.kinds, {});
  assert.match(keep.reason, /eerdere versie van deze pagina/);
});

/* ---------- fitting a stored scan to the questions as they are asked now ---------- */

test("a scan that fits the questions is left as it is", () => {
  const state = start({ answers: { q1: 1, q10: 2 } });
  assert.equal(versionBeforeFitting(rules, state.scan, { q10: "knelpunt" }), null);
  assert.equal(fitToQuestions(rules, state, { q10: "knelpunt" }), state);
});

test("answers to questions no longer asked are kept as a version first, then dropped", () => {
  const state = start({ answers: { q1: 1, zz: 3 } });
  const keep = versionBeforeFitting(rules, state.scan, {});
  assert.deepEqual(keep, { scan: state.scan, reason: "met antwoorden op vragen die deze zelfscan niet meer stelt", kinds: {} });
  assert.equal(fitToQuestions(rules, state, {}, FULL), state, "nothing changes when the version cannot be kept");
  assert.equal(fitToQuestions(rules, state, {}, null), state);
  const history = [{ scan: state.scan, reason: keep.reason, savedAt: "t" }];
  const fitted = fitToQuestions(rules, state, {}, kept(history));
  assert.deepEqual(fitted.scan.answers, { q1: 1 });
  assert.equal(fitted.history, history);
  assert.equal(fitted.save, "scan");
  assert.equal(fitted.kindNotice, null);
});

test("a question asked in another kind: the user is told, and where the old scan is when answers went", () => {
  const changedOnly = fitToQuestions(rules, start({ answers: { q10: 4 } }), {});
  assert.deepEqual(changedOnly.scan.answers, { q10: 4 });
  assert.match(changedOnly.kindNotice.text, /^Let op: 1 vraag wordt nu anders gesteld dan toen u deze scan invulde\./);
  assert.doesNotMatch(changedOnly.kindNotice.text, /Eerdere versies/);
  assert.equal(changedOnly.kindNotice.lines.length, 1);
  assert.equal(changedOnly.save, "scan");

  const state = start({ answers: { q12: 1 } });
  assert.equal(versionBeforeFitting(rules, state.scan, {}).reason, "voordat enkele vragen een andere soort kregen");
  const dropped = fitToQuestions(rules, state, {}, kept());
  assert.deepEqual(dropped.scan.answers, {});
  assert.match(dropped.kindNotice.text, / Uw scan zoals hij was, staat bij "Eerdere versies" op de startstap\.$/);
});

/* ---------- another tab ---------- */

test("another tab's scan is taken when it differs and can be read", () => {
  const state = start({ answers: { q1: 1 } });
  assert.equal(otherTabScan(rules, state, "{broken"), null);
  assert.equal(otherTabScan(rules, state, JSON.stringify(scanRecord(rules, state.scan))), null);
  const theirs = otherTabScan(rules, state, JSON.stringify({ ...state.scan, answers: { q1: 2, zz: 1 } }));
  assert.deepEqual(theirs.answers, { q1: 2 });
});

test("another tab's scan replaces this one; a change not yet saved here is kept as a version", () => {
  const state = { ...start({ answers: { q1: 1 } }, 2), undo: { message: "m", scan: scan(), step: 1 } };
  const keep = overwrittenVersion(rules, state);
  assert.deepEqual(keep, { scan: state.scan, reason: "wijzigingen in dit tabblad, overschreven vanuit een ander tabblad", kinds: { q1: "beoordeling" } });
  const history = [{ scan: state.scan, reason: keep.reason, savedAt: "t" }];
  const adopted = adoptFromOtherTab(state, scan({ answers: { q1: 2 } }), kept(history));
  assert.deepEqual(adopted.scan.answers, { q1: 2 });
  assert.equal(adopted.step, 2);
  assert.equal(adopted.undo, null);
  assert.equal(adopted.history, history);
  assert.equal(adopted.message, "Deze scan is in een ander tabblad gewijzigd; u ziet nu die versie.");
  const cleared = adoptFromOtherTab(state, emptyScan());
  assert.equal(cleared.step, 0);
  assert.equal(cleared.history, state.history);
});

/* ---------- saving and focus ---------- */

test("a save is asked for and its result taken: the step alone, the scan, or the scan said aloud", () => {
  const state = start();
  assert.equal(saveRequested(state).save, "say");
  assert.equal(saveRequested({ ...state, save: "step" }).save, "say");
  const step = saved({ ...state, save: "step", saveFailed: true }, true);
  assert.deepEqual([step.save, step.saveFailed, step.message], [null, true, ""]);
  const quiet = saved({ ...state, save: "scan", message: "blijft" }, false);
  assert.deepEqual([quiet.save, quiet.saveFailed, quiet.message], [null, true, "blijft"]);
  assert.equal(saved({ ...state, save: "say" }, true).message, "Opgeslagen in deze browser.");
  const failed = saved({ ...state, save: "say", message: "oud" }, false);
  assert.deepEqual([failed.saveFailed, failed.message], [true, ""]);
  assert.equal(saved({ ...state, saveFailed: true }, true).saveFailed, false, "a save as the page goes (none asked)");
});

test("the focus asked for is given once", () => {
  const state = start();
  assert.equal(focusMoved(state), state);
  assert.equal(focusMoved({ ...state, focus: "step" }).focus, null);
});

/* ---------- the form ---------- */

test("choosing a municipality ends the error about it; the date is taken as it is", () => {
  const wrong = { ...start(), fieldError: true, alert: "Kies eerst de gemeente waarvoor u de scan invult." };
  const chosen = chooseMunicipality(wrong, "Lelystad");
  assert.deepEqual([chosen.scan.municipality, chosen.fieldError, chosen.alert], ["Lelystad", false, ""]);
  const none = chooseMunicipality(wrong, "");
  assert.deepEqual([none.scan.municipality, none.fieldError], ["", true]);
  assert.equal(chooseDate(start(), "2026-01-05").scan.date, "2026-01-05");
});

test("an answer on the scale is a number; nvt and a trend are kept as they are", () => {
  const state = start({ answers: { q1: 1 } });
  const next = answer(answer(answer(state, "q2", "3"), "q12", "toenemend"), "q1", "nvt");
  assert.deepEqual(next.scan.answers, { q1: "nvt", q2: 3, q12: "toenemend" });
  assert.deepEqual(state.scan.answers, { q1: 1 }, "the state before is not changed");
});

test("a typed figure is a number from 0 to the largest figure; anything else is said to be none", () => {
  const typed = (text, number, badInput = false) => typedFigure(rules, { badInput, text, number });
  assert.deepEqual(typed("12,5", 12.5), { value: 12.5, invalid: false });
  assert.deepEqual(typed("0", 0), { value: 0, invalid: false });
  assert.deepEqual(typed("", Number.NaN), { value: null, invalid: false });
  assert.deepEqual(typed("  ", Number.NaN), { value: null, invalid: false });
  assert.deepEqual(typed("-1", -1), { value: null, invalid: true });
  assert.deepEqual(typed("1e12", 1e12), { value: null, invalid: true });
  assert.deepEqual(typed("", Number.NaN, true), { value: null, invalid: true });
  assert.equal(figureProblem(rules), "Een cijfer is een getal van 0 tot en met 1.000.000.000; dit cijfer is niet opgeslagen.");
});

test("a figure is stored, or removed when the field is emptied", () => {
  const state = setFigure(start({ figures: { q12: 1 } }), "q12", 7);
  assert.deepEqual(state.scan.figures, { q12: 7 });
  assert.deepEqual(setFigure(state, "q12", null).scan.figures, {});
});

test("a note is stored as typed, removed when only spaces, and cut off at the field's limit", () => {
  const state = typeNote(start(), "q1", "Bespreken", 500);
  assert.deepEqual(state.scan.notes, { q1: "Bespreken" });
  assert.equal(state.message, "");
  assert.deepEqual(typeNote(state, "q1", "   ", 500).scan.notes, {});
  const full = typeNote(state, "q2", "x".repeat(5), 5);
  assert.equal(full.message, "Een notitie kan hoogstens 5 tekens hebben; wat daarna kwam is niet overgenomen.");
  assert.equal(noteTooLong("xxxx", 5), false);
  assert.equal(noteTooLong("xxxxx", -1), false, "a field without a limit");
});

test("a changed field ends the offer to undo and is saved aloud", () => {
  const state = { ...start(), undo: { message: "m", scan: scan(), step: 1 }, save: "step" };
  const next = edited(state);
  assert.deepEqual([next.undo, next.save], [null, "say"]);
});

/* ---------- steps ---------- */

test("past the start only with a municipality; the steps are kept within those there are", () => {
  const none = goTo(rules, start({ municipality: "" }, 0), 1);
  assert.deepEqual([none.step, none.fieldError, none.focus, none.save], [0, true, "municipality", null]);
  assert.equal(none.alert, "Kies eerst de gemeente waarvoor u de scan invult.");
  const chosen = goTo(rules, { ...chooseMunicipality(none, "Almere"), alert: none.alert }, 2);
  assert.deepEqual([chosen.step, chosen.fieldError, chosen.alert, chosen.focus, chosen.save], [2, false, "", "step", "step"]);
  assert.equal(goTo(rules, chosen, 9).step, 4);
  assert.equal(goTo(rules, chosen, -1).step, 0);
  assert.equal(goTo(rules, { ...chosen, alert: "Iets anders." }, 1).alert, "Iets anders.");
  assert.equal(goTo(rules, { ...chosen, save: "say" }, 1).save, "say", "a save of the scan also writes the step");
  assert.equal(goTo(rules, start({ municipality: "" }, 0), 0).step, 0, "the start needs no municipality");
});

/* ---------- clearing, restoring, undoing ---------- */

test("clearing asks first; nothing to clear is said", () => {
  const empty = askClear(rules, start());
  assert.equal(empty.message, "Er is niets om te wissen.");
  assert.equal(empty.pending, null);
  const asked = askClear(rules, { ...start({ answers: { q1: 1 } }), dialogMessage: "oud" });
  assert.equal(asked.pending.title, "Alle antwoorden en notities wissen?");
  assert.equal(asked.pending.text[0], "U wist deze scan: Almere, scan van 2026-11-20: 1 van 11 vragen beantwoord, 0 notities.");
  assert.equal(asked.pending.offerExport, true);
  assert.equal(asked.dialogMessage, "");
  assert.equal(asked.request, null, "nothing happens before the user says yes");
});

test("yes clears the scan after keeping it as a version; it can be undone", () => {
  const state = { ...start({ answers: { q1: 1 } }, 2), comparisons: [{}] };
  const confirmed = confirmPending(askClear(rules, state));
  assert.equal(confirmed.pending, null);
  assert.deepEqual(requestedVersion(rules, confirmed), { scan: state.scan, reason: "voor het wissen", kinds: { q1: "beoordeling" } });
  const history = [{ scan: state.scan, reason: "voor het wissen", savedAt: "t" }];
  const cleared = replaceScan(rules, confirmed, kept(history));
  assert.deepEqual(cleared.scan, emptyScan());
  assert.equal(cleared.step, 0);
  assert.deepEqual(cleared.undo, { message: "Uw antwoorden en notities zijn gewist.", scan: state.scan, step: 2 });
  assert.deepEqual([cleared.message, cleared.alert, cleared.focus, cleared.save], ["", "", "undo", "scan"]);
  assert.deepEqual(cleared.comparisons, []);
  assert.equal(cleared.history, history);
  assert.equal(cleared.request, null);

  const back = replaceScan(rules, undo(cleared), kept());
  assert.deepEqual(back.scan, state.scan);
  assert.equal(back.step, 2);
  assert.equal(back.undo, null);
  assert.equal(back.message, "Uw vorige scan staat weer terug: Almere, scan van 2026-11-20: 1 van 11 vragen beantwoord, 0 notities.");
  assert.equal(back.focus, "step");
});

test("when not even the version fits in storage, nothing is replaced and the user is told", () => {
  const state = { ...start({ answers: { q1: 1 } }), comparisons: [{}] };
  const full = replaceScan(rules, confirmPending(askClear(rules, state)), FULL);
  assert.equal(full.scan, state.scan);
  assert.match(full.alert, /^De browser heeft geen ruimte meer/);
  assert.equal(full.focus, "alert");
  assert.equal(full.save, null);
  assert.deepEqual(full.comparisons, [], "the comparison closes with the dialog's yes");
});

test("versions dropped to make room are counted in the message", () => {
  const state = { ...start(), request: { next: scan({ answers: { q2: 2 } }), reason: "r", message: "Vervangen." } };
  const done = replaceScan(rules, state, kept([], 2));
  assert.equal(done.message, "Vervangen. Om ruimte te maken zijn de 2 oudste eerdere versies verwijderd.");
  assert.equal(done.undo, null, "an empty scan is not offered back");
  assert.equal(done.focus, "step");
  assert.equal(done.step, 1);
});

test("undo without anything to undo, and an undo back to a scan without municipality", () => {
  const state = start();
  assert.equal(undo(state), state);
  const withUndo = { ...start({ answers: { q1: 1 } }, 3), undo: { message: "m", scan: { ...emptyScan(), notes: { q1: "n" } }, step: 3 } };
  const back = replaceScan(rules, undo(withUndo), kept());
  assert.equal(back.step, 0);
});

test("the dialog's no changes nothing; yes without a question does nothing", () => {
  const asked = askClear(rules, start({ answers: { q1: 1 } }));
  const cancelled = cancelPending(asked);
  assert.deepEqual([cancelled.pending, cancelled.request, cancelled.message], [null, null, "Er is niets veranderd."]);
  const state = start();
  assert.equal(confirmPending(state), state);
});

test("a file from another municipality is not restored", () => {
  const state = start({ answers: { q1: 1 } });
  const next = restoreFromFile(rules, state, exported({ municipality: "Zwolle" }, "z.json"), TODAY);
  assert.equal(next.alert, 'z.json: de gemeente "Zwolle" hoort niet bij deze zelfscan (Almere, Lelystad, Súdwest-Fryslân). De scan is niet teruggezet; uw antwoorden zijn niet veranderd.');
  assert.equal(next.pending, null);
  assert.equal(next.request, null);
});

test("a file restored over nothing, with nothing to tell, is restored at once under the region's spelling", () => {
  const state = { ...start(), alert: "oud" };
  const next = restoreFromFile(rules, state, exported({ municipality: "almere", answers: { q1: 2 } }), TODAY);
  assert.equal(next.pending, null);
  assert.equal(next.alert, "");
  assert.equal(next.request.next.municipality, "Almere");
  const done = replaceScan(rules, next, kept());
  assert.deepEqual(done.scan.answers, { q1: 2 });
  assert.equal(done.message, "De scan uit scan.json staat nu als huidige scan.");
  assert.equal(done.kindNotice, null);
});

test("a file that replaces a scan asks first, and says what differs", () => {
  const state = start({ answers: { q1: 1 } });
  const parsed = exported({
    date: "2027-01-01", region: "Drenthe", answers: { q1: 3, q10: 4, a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 }, kinds: { q10: "beoordeling" },
  }, "d.json");
  const next = restoreFromFile(rules, state, parsed, TODAY);
  const text = next.pending.text;
  assert.equal(next.pending.title, "Scan uit een bestand terugzetten?");
  assert.match(text[0], /^Uw huidige scan \(Almere, scan van 2026-11-20: 1 van 11 vragen beantwoord, 0 notities\) wordt vervangen door de scan uit d\.json: /);
  assert.match(text[1], /^Let op: de datum van deze scan, 2027-01-01, ligt in de toekomst\./);
  assert.match(text[2], /^Let op: 6 antwoord\(en\) of notitie\(s\) .* \(a, b, c, d, e, …\)\. Die worden niet overgenomen\.$/);
  assert.match(text[3], /^Let op: 1 vraag wordt nu anders gesteld dan in dit bestand\./);
  assert.match(text.at(-2), /^Let op: het bestand komt uit de zelfscan van Drenthe, niet van Flevoland\.$/);
  assert.match(text.at(-1), /blijft bewaard bij "Eerdere versies"/);
  assert.equal(next.pending.offerExport, true);
  const done = replaceScan(rules, confirmPending(next), kept());
  assert.deepEqual(done.scan.answers, { q1: 3, q10: 4 });
  assert.match(done.kindNotice.text, /anders gesteld dan in dit bestand/);
  assert.equal(done.undo.message, "De scan uit d.json staat nu als huidige scan.");
});

test("a file of another version of the questions, restored over nothing, asks and says so", () => {
  const next = restoreFromFile(rules, start(), exported({ data_version: "0-old", answers: { q1: 1 } }), TODAY);
  assert.match(next.pending.text[0], /^U hebt nog niets ingevuld\. de scan uit scan\.json wordt uw huidige scan: /);
  assert.equal(next.pending.text[1], "Het bestand is gemaakt met een andere versie van de vragen; alle antwoorden horen bij vragen die nog bestaan.");
  assert.equal(next.pending.offerExport, false);
  assert.equal(next.pending.text.length, 2);
});

test("a file that cannot be restored is said so", () => {
  const next = restoreRefused(start(), ["x.json: dit is geen geldig JSON-bestand."]);
  assert.equal(next.alert, "x.json: dit is geen geldig JSON-bestand. De scan is niet teruggezet; uw antwoorden zijn niet veranderd.");
});

test("an earlier version is restored: at once over nothing, else after asking, with its kinds fitted", () => {
  const older = { scan: scan({ answers: { q1: 4 } }), reason: "voor het wissen", savedAt: "2026-03-03T12:00:00Z" };
  const oldKinds = { scan: { ...scan({ answers: { q10: 4, q12: 2 } }), kinds: {} }, reason: "r", savedAt: "x" };
  const state = withHistory(start(), [older, oldKinds]);
  assert.equal(restoreVersion(rules, state, 5), state);
  const atOnce = restoreVersion(rules, state, 0);
  assert.equal(atOnce.pending, null);
  assert.match(atOnce.request.message, /^De versie van 3 maart 2026.* staat nu als huidige scan\.$/);
  assert.equal(atOnce.request.reason, "voor het terugzetten van een eerdere versie");
  const asked = restoreVersion(rules, state, 1);
  assert.equal(asked.pending.title, "Eerdere versie terugzetten?");
  assert.match(asked.pending.text[0], /de versie van onbekend moment wordt uw huidige scan/);
  assert.match(asked.pending.text[1], /^Let op: 2 vragen worden nu anders gesteld dan in deze versie\./);
  assert.deepEqual(asked.pending.replacement.next.answers, { q10: 4 });
  const done = replaceScan(rules, confirmPending(asked), kept());
  assert.equal(done.kindNotice.lines.length, 2);
});

/* ---------- exports and comparison ---------- */

test("the JSON export needs a municipality; it is the export object, named after the scan", () => {
  assert.equal(jsonExport(rules, start({ municipality: "" }), TODAY), null);
  const file = jsonExport(rules, start({ municipality: "Súdwest-Fryslân", date: "", answers: { q1: 2 } }), TODAY);
  assert.equal(file.name, "zelfscan-s-dwest-frysl-n-2026-12-01.json");
  assert.equal(file.type, "application/json");
  assert.ok(file.text.endsWith("}\n"));
  const data = JSON.parse(file.text);
  assert.deepEqual([data.format_version, data.date, data.answers, data.kinds], [2, TODAY, { q1: 2 }, { q1: "beoordeling" }]);
});

test("after the JSON export: made, or why not, in the dialog when one is open", () => {
  const refusal = "Kies eerst de gemeente op de startstap; een export zonder gemeente kan niet worden teruggezet.";
  const none = start({ municipality: "" });
  assert.equal(jsonExported(none).alert, refusal);
  assert.equal(jsonExported({ ...none, pending: {} }).dialogMessage, refusal);
  assert.equal(jsonExported(start()).message, "JSON-bestand gemaakt.");
  const inDialog = jsonExported({ ...start(), pending: {} });
  assert.equal(inDialog.dialogMessage, "Het JSON-bestand is gemaakt. U kunt nu verder met wissen of annuleren.");
  assert.equal(inDialog.message, "");
});

test("the CSV export has a row per question, with labels, figures and notes", () => {
  const some = scan({ municipality: "", date: "", answers: { q1: 2, q12: "gelijk" }, figures: { q12: 12.5 }, notes: { q11: "Afspraak" } });
  const file = csvExport(rules, some, TODAY);
  assert.equal(file.name, "zelfscan-gemeente-2026-12-01.csv");
  assert.equal(file.type, "text/csv;charset=utf-8");
  const cells = (line) => line.split(";").map((cell) => cell.slice(1, -1));
  const lines = file.text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean).map(cells);
  assert.equal(lines.length, 1 + rules.questions.length);
  assert.deepEqual(lines[0], ["bundel", "gemeente", "datum", "vraag_id", "vraag", "soort", "antwoord", "antwoord_tekst", "cijfer", "notitie"]);
  assert.deepEqual(lines[1], ["Standaarden 1 en 2: Visie", "", TODAY, "q1", "Vraag 1", "Beoordeling", "2", "2. Beperkt", "", ""]);
  assert.deepEqual(lines[2].slice(6), ["", "", "", ""], "an unanswered question has no label");
  const row = (id) => lines.find((line) => line[3] === id);
  assert.deepEqual(row("q11").slice(5), ["Gespreksvraag", "", "Te bespreken", "", "Afspraak"]);
  assert.deepEqual(row("q12").slice(6), ["gelijk", "Gelijk", "12,5", ""]);
  assert.equal(csvExported(start()).message, "CSV-bestand gemaakt.");
});

test("a chosen file's bytes: UTF-8 JSON is checked; other bytes, and a check that fails, are refused", () => {
  const body = JSON.stringify({ format: rules.format, format_version: 1, data_version: "1", region: "R", municipality: "Almere", date: "2026-01-01", answers: {} });
  const bytes = new TextEncoder().encode(body);
  assert.equal(exportFromBytes(rules, "a.json", bytes, bytes.length).ok, true);
  assert.deepEqual(exportFromBytes(rules, "b.json", new Uint8Array([0xff, 0xfe, 0x00]), 3).errors,
    ["b.json: het bestand is geen UTF-8-tekst en dus geen export van de zelfscan."]);
  assert.deepEqual(exportFromBytes({ ...rules, export_schemas: undefined }, "c.json", bytes, bytes.length).errors,
    ["c.json: dit bestand kon niet worden gecontroleerd en is dus niet gebruikt."]);
  assert.deepEqual(unreadableFile("d.json").errors, ["d.json: het bestand kon niet worden gelezen; kies het opnieuw."]);
});

test("files for comparison: the good ones join, the others are listed with why not", () => {
  const one = addComparisons(rules, start(), [exported({}, "a.json")], TODAY);
  assert.equal(one.comparisons.length, 1);
  assert.equal(one.message, "1 scan geladen voor de vergelijking; de tabel staat ze op datum.");
  assert.deepEqual(compareProblemLines(one), []);
  const more = addComparisons(rules, one, [exported({}, "b.json"), exported({ date: "2027-01-01" }, "c.json"), exported({}, "d.json")], TODAY);
  assert.equal(more.comparisons.length, 3);
  assert.equal(more.message, "2 scans geladen voor de vergelijking; de tabel staat ze op datum.");
  assert.deepEqual(compareProblemLines(more), [
    "c.json: de datum 2027-01-01 ligt in de toekomst; controleer de datum van de scan.",
    "Dat bestand staat niet in de vergelijking; uw eigen antwoorden zijn niet veranderd.",
  ]);
  const none = addComparisons(rules, more, [{ ok: false, errors: ["x.json: kapot."] }, { ok: false, errors: ["y.json: leeg."] }], TODAY);
  assert.equal(none.message, "");
  assert.equal(none.comparisons.length, 3);
  assert.equal(compareProblemLines(none).at(-1), "Die bestanden staan niet in de vergelijking; uw eigen antwoorden zijn niet veranderd.");
  const closed = closeComparison(none);
  assert.deepEqual([closed.comparisons, closed.compareProblems, closed.message], [[], [], "De vergelijking is gesloten."]);
});

test("the notice about questions asked in another kind is closed", () => {
  const closed = closeKindNotice({ ...start(), kindNotice: { text: "t", lines: [] } });
  assert.deepEqual([closed.kindNotice, closed.focus], [null, "step"]);
});
