/* The self-scan's state and every change to it, without DOM, window or storage, so Node can test
   each one. selfscan.js reads the user's input, calls these transitions and draws the result;
   what they need from storage it passes in, and what they ask of storage it carries out.

   The state: the scan in progress, the step shown, the stored earlier versions (history), the
   exports loaded for comparison and the messages to show. Two fields ask the view to touch storage
   before it draws:
   - `request`: a replacement of the scan (clear, restore, undo). The view first keeps the scan in
     progress as an earlier version (requestedVersion), then passes how that went to replaceScan;
     when even that version cannot be kept, nothing changes.
   - `save`: what to write ("step"; "scan", the scan and the step; or "say", as "scan" and say so);
     the view writes it and passes whether that worked to saved().
   A version to keep is {scan, reason, kinds}; how keeping it went is {ok, dropped, history}. */

import { csvText } from "./csv.js";
import {
  checkComparisons, differences, exportObject, futureDateProblem, isolate, kindChangeNotice, kindsOf, knownPart,
  parseExport,
} from "./export-check.js";
import { describeScan, emptyScan, isEmptyScan, pushVersion, sameScan } from "./history.js";
import { answerLabel, formatFigure, isFigure, kindChanges, listedSpelling } from "./scan-rules.js";

const MUNICIPALITY_FIRST = "Kies eerst de gemeente waarvoor u de scan invult.";
const NOT_RESTORED = "De scan is niet teruggezet; uw antwoorden zijn niet veranderd.";
const SAVES = [null, "step", "scan", "say"]; // each writes what the one before it writes, and more

function isObject(value) {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

function heldIds(scan) {
  return [...Object.keys(scan.answers), ...Object.keys(scan.figures), ...Object.keys(scan.notes)];
}

/** A copy of object without key (the order of the other keys kept, as the export shows them). */
function without(object, key) {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

/* A save asked for while another waits: the one that writes the most. */
function needsSave(state, what) {
  return SAVES.indexOf(what) > SAVES.indexOf(state.save) ? what : state.save;
}

/** The last step: the results, after one step per bundle. */
export function resultsStep(rules) {
  return rules.bundles.length + 1;
}

/** The questions that take an answer (on the scale or as a trend); a gesprek takes only a note. */
export function answerableIds(rules) {
  return rules.questions.filter((q) => rules.kinds[q.kind].answer !== "notitie").map((q) => q.id);
}

/** "<gemeente>, scan van <datum>: 12 van 51 vragen beantwoord, 3 notities". */
export function describe(rules, scan) {
  return describeScan(scan, answerableIds(rules).length);
}

/** How many of the questions that take an answer have one (or a figure). */
export function answeredCount(rules, scan) {
  return answerableIds(rules).filter((id) => Object.hasOwn(scan.answers, id) || Object.hasOwn(scan.figures, id)).length;
}

/** A moment (ISO) as the page names it: "3 maart 2026 om 14:05". */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "onbekend moment";
  return date.toLocaleString("nl-NL", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/* ---------- what is stored: read back, and written ---------- */

/** The scan as stored by this and earlier versions of the page (which kept the step in it too). */
export function storedScan(stored) {
  const scan = emptyScan();
  if (!isObject(stored)) return scan;
  if (typeof stored.municipality === "string") scan.municipality = stored.municipality;
  if (typeof stored.date === "string") scan.date = stored.date;
  if (isObject(stored.answers)) scan.answers = { ...stored.answers };
  if (isObject(stored.figures)) scan.figures = { ...stored.figures };
  if (isObject(stored.notes)) scan.notes = { ...stored.notes };
  return scan;
}

/** The kind each question of a stored scan was answered in; a scan stored before questions had
    a kind names none, and every question in it was asked as an assessment (rules.implied_kind). */
export function storedKinds(stored) {
  return isObject(stored) && isObject(stored.kinds) ? stored.kinds : {};
}

/** The step stored, within the steps there are (the first when none is stored). */
export function storedStep(step, last) {
  return Number.isInteger(step) ? Math.min(Math.max(step, 0), last) : 0;
}

/** The scan as it is stored: with the kind each question it holds is asked in now. */
export function scanRecord(rules, scan) {
  return { ...scan, kinds: kindsOf(rules, scan) };
}

/** The versions with keep ({scan, reason, kinds}) on top, as they are to be stored; the same list
    when there is nothing to add (see history.js pushVersion). */
export function withVersion(rules, history, keep, savedAt) {
  return pushVersion(history, { ...keep.scan, kinds: keep.kinds }, keep.reason, savedAt, rules.history_size);
}

/** The state at the start: what this browser stored (the scan, its step, the versions, read). */
export function initialState(rules, stored, step, history) {
  const scan = storedScan(stored);
  return {
    scan,
    step: scan.municipality ? storedStep(step, resultsStep(rules)) : 0,
    history,
    comparisons: [], // checked exports loaded for comparison, in memory only
    compareProblems: [], // per file of the last choice that is not compared, why not
    pending: null, // a destructive action waiting for the user's yes: {title, text, confirm, offerExport, replacement}
    request: null, // a replacement to carry out now: {next, reason, message, kindNotice?, clearComparisons?, undoStep?}
    save: null, // what the view writes before it draws: "step", "scan" or "say"
    undo: null, // after a destructive action: {message, scan, step} to go back to
    kindNotice: null, // questions now asked in another kind than the scan had them: {text, lines}
    message: "",
    alert: "",
    dialogMessage: "",
    saveFailed: false,
    fieldError: false,
    focus: null, // what to focus after the next render: "step", "undo", "municipality" or "alert"
  };
}

/** The versions as stored now (after keeping one, or when another tab changed them). */
export function withHistory(state, history) {
  return { ...state, history };
}

function keptVersion(state, kept) {
  return kept?.ok ? withHistory(state, kept.history) : state;
}

/** The single backup slot of the first version of this page, to keep as an earlier version;
    null when there is none. */
export function oldBackupVersion(backup) {
  if (!backup) return null;
  return {
    scan: storedScan(backup),
    reason: "vorige antwoorden (bewaard door een eerdere versie van deze pagina)",
    kinds: storedKinds(backup),
  };
}

/** The version to keep before fitToQuestions drops answers from the scan; null when it drops none. */
export function versionBeforeFitting(rules, scan, kinds) {
  if (sameScan(knownPart(rules, scan), scan)) return null;
  const reason = kindChanges(rules, kinds, heldIds(scan)).length
    ? "voordat enkele vragen een andere soort kregen"
    : "met antwoorden op vragen die deze zelfscan niet meer stelt";
  return { scan, reason, kinds };
}

/** Answers to questions this version of the scan no longer asks, or no longer asks in the kind
    they were given in (kinds), are dropped once versionBeforeFitting's version is kept, so that
    counts and exports only hold what the scan asks; the user is told which questions changed
    kind. Unchanged when there is nothing to fit, or when the version could not be kept. */
export function fitToQuestions(rules, state, kinds, kept = null) {
  const known = knownPart(rules, state.scan);
  const changes = kindChanges(rules, kinds, heldIds(state.scan));
  const dropped = !sameScan(known, state.scan);
  if (!dropped && !changes.length) return state;
  if (dropped && !kept?.ok) return state;
  const notice = kindChangeNotice(rules, changes, state.scan, "toen u deze scan invulde");
  const told = notice && dropped
    ? { ...notice, text: `${notice.text} Uw scan zoals hij was, staat bij "Eerdere versies" op de startstap.` }
    : notice;
  return { ...keptVersion(state, kept), kindNotice: told ?? state.kindNotice, scan: known, save: needsSave(state, "scan") };
}

/** The scan another tab stored (its text), when it differs from the one in progress; else null. */
export function otherTabScan(rules, state, text) {
  let theirs;
  try {
    theirs = knownPart(rules, storedScan(JSON.parse(text))); // the other tab runs this page too
  } catch {
    return null;
  }
  return sameScan(theirs, state.scan) ? null : theirs;
}

/** A change typed here but not yet saved, to keep before another tab's scan takes its place. */
export function overwrittenVersion(rules, state) {
  return {
    scan: state.scan,
    reason: "wijzigingen in dit tabblad, overschreven vanuit een ander tabblad",
    kinds: kindsOf(rules, state.scan),
  };
}

/** Show the scan another tab stored (otherTabScan); kept tells how keeping an unsaved change
    went (null when there was none). */
export function adoptFromOtherTab(state, theirs, kept = null) {
  return {
    ...keptVersion(state, kept),
    scan: theirs,
    step: theirs.municipality ? state.step : 0,
    undo: null,
    message: "Deze scan is in een ander tabblad gewijzigd; u ziet nu die versie.",
  };
}

/** Ask for a save (the scan, and say so) once the user stops typing. */
export function saveRequested(state) {
  return { ...state, save: needsSave(state, "say") };
}

/** What state.save asked for is written; ok tells whether the scan was. */
export function saved(state, ok) {
  if (state.save === "step") return { ...state, save: null };
  const next = { ...state, save: null, saveFailed: !ok };
  if (state.save === "say") next.message = ok ? "Opgeslagen in deze browser." : "";
  return next;
}

/** The focus asked for has moved (or was not asked). */
export function focusMoved(state) {
  return state.focus === null ? state : { ...state, focus: null };
}

/* ---------- the form: what the user changes ---------- */

function withScan(state, change) {
  return { ...state, scan: { ...state.scan, ...change } };
}

export function chooseMunicipality(state, value) {
  const next = withScan(state, { municipality: value });
  return value ? { ...next, fieldError: false, alert: "" } : next;
}

export function chooseDate(state, value) {
  return withScan(state, { date: value });
}

/** An answer as the form gives it: 1-4 on the scale as a number; "nvt" or a trend (toenemend,
    gelijk, afnemend) as it is. */
export function answer(state, id, value) {
  return withScan(state, { answers: { ...state.scan.answers, [id]: /^[0-9]+$/.test(value) ? Number(value) : value } });
}

/** A figure typed in a number field ({badInput, text, number}, as the field holds it): value is
    the number the scan stores, or null when the field is empty or holds no figure (below 0, too
    large, no number); invalid when what was typed is not a figure. */
export function typedFigure(rules, field) {
  const empty = field.text.trim() === "";
  const value = field.badInput || empty || !isFigure(rules, field.number) ? null : field.number;
  return { value, invalid: field.badInput || (value === null && !empty) };
}

/** Why a typed figure is not stored. */
export function figureProblem(rules) {
  return `Een cijfer is een getal van 0 tot en met ${rules.max_figure.toLocaleString("nl-NL")}; dit cijfer is niet opgeslagen.`;
}

/** A figure stored (typedFigure's value), or removed when value is null. */
export function setFigure(state, id, value) {
  const figures = value === null ? without(state.scan.figures, id) : { ...state.scan.figures, [id]: value };
  return withScan(state, { figures });
}

/** A note cut off at the field's limit (maxLength, 0 or less when there is none). */
export function noteTooLong(text, maxLength) {
  return maxLength > 0 && text.length >= maxLength;
}

/** A note typed; one of only spaces is no note. At the field's limit the user is told. */
export function typeNote(state, id, text, maxLength) {
  const notes = text.trim() ? { ...state.scan.notes, [id]: text } : without(state.scan.notes, id);
  const next = withScan(state, { notes });
  if (noteTooLong(text, maxLength)) {
    next.message = `Een notitie kan hoogstens ${maxLength} tekens hebben; wat daarna kwam is niet overgenomen.`;
  }
  return next;
}

/** A field was changed (and left): the offer to undo ends, and the scan is saved. */
export function edited(state) {
  return { ...state, undo: null, save: needsSave(state, "say") };
}

/** Go to a step (the start, a bundle, the results); past the start only with a municipality. */
export function goTo(rules, state, step) {
  if (step > 0 && !state.scan.municipality) {
    return { ...state, step: 0, fieldError: true, alert: MUNICIPALITY_FIRST, focus: "municipality" };
  }
  return {
    ...state,
    fieldError: false,
    alert: state.alert === MUNICIPALITY_FIRST ? "" : state.alert,
    step: Math.max(0, Math.min(step, resultsStep(rules))),
    focus: "step",
    save: needsSave(state, "step"),
  };
}

/* ---------- destructive actions: asked first, carried out by replaceScan, undoable ---------- */

function ask(state, pending) {
  return { ...state, pending, dialogMessage: "" };
}

export function askClear(rules, state) {
  if (isEmptyScan(state.scan)) return { ...state, message: "Er is niets om te wissen." };
  return ask(state, {
    title: "Alle antwoorden en notities wissen?",
    text: [
      `U wist deze scan: ${describe(rules, state.scan)}.`,
      "Wilt u hem bewaren, exporteer hem dan eerst als bestand. Na het wissen kunt u het ongedaan maken; de scan blijft ook bewaard bij \"Eerdere versies\" op de startstap.",
    ],
    confirm: "Ja, wis alle antwoorden en notities",
    offerExport: true,
    replacement: {
      next: emptyScan(),
      reason: "voor het wissen",
      message: "Uw antwoorden en notities zijn gewist.",
      clearComparisons: true,
    },
  });
}

/** Ask before restore.next replaces the scan in progress (at once when there is nothing to lose
    or tell); restore.kindNotice (questions now asked in another kind than next had them) is shown
    once it has. */
function askRestore(rules, state, restore) {
  const { title, next, source, notes, reason, message, kindNotice } = restore;
  const replacement = { next, reason, message, kindNotice };
  const nothingToLose = isEmptyScan(state.scan);
  if (nothingToLose && !notes.length) return { ...state, request: replacement };
  return ask(state, {
    title,
    text: nothingToLose
      ? [`U hebt nog niets ingevuld. ${source} wordt uw huidige scan: ${describe(rules, next)}.`, ...notes]
      : [
        `Uw huidige scan (${describe(rules, state.scan)}) wordt vervangen door ${source}: ${describe(rules, next)}.`,
        ...notes,
        "Uw huidige scan blijft bewaard bij \"Eerdere versies\"; u kunt hem daarna terugzetten.",
      ],
    confirm: "Ja, zet deze scan terug",
    offerExport: !nothingToLose,
    replacement,
  });
}

/* What the user is told about an export before it is restored. */
function restoreNotes(rules, parsed, diff, kindNotice, today) {
  const notes = [];
  if (futureDateProblem(rules, parsed, today)) {
    notes.push(`Let op: de datum van deze scan, ${parsed.scan.date}, ligt in de toekomst. Pas de datum aan op de startstap: het regionale overzicht neemt een export met een datum in de toekomst niet mee.`);
  }
  if (diff.unknownQuestions.length) {
    notes.push(`Let op: ${diff.unknownQuestions.length} antwoord(en) of notitie(s) in het bestand horen bij vragen die deze zelfscan niet (meer) stelt (${diff.unknownQuestions.slice(0, 5).join(", ")}${diff.unknownQuestions.length > 5 ? ", …" : ""}). Die worden niet overgenomen.`);
  } else if (diff.otherDataVersion && !diff.kindChanges.length) {
    notes.push("Het bestand is gemaakt met een andere versie van de vragen; alle antwoorden horen bij vragen die nog bestaan.");
  }
  if (kindNotice) notes.push(kindNotice.text, ...kindNotice.lines);
  if (diff.otherRegion) notes.push(`Let op: het bestand komt uit de zelfscan van ${isolate(parsed.region)}, niet van ${rules.region}.`);
  return notes;
}

/** Restore a checked export (parseExport's result) as the scan in progress. */
export function restoreFromFile(rules, state, parsed, today) {
  const diff = differences(rules, parsed);
  if (diff.unknownMunicipality) {
    return {
      ...state,
      alert: `${isolate(parsed.name)}: de gemeente "${isolate(parsed.scan.municipality)}" hoort niet bij deze zelfscan (${rules.municipalities.join(", ")}). ${NOT_RESTORED}`,
    };
  }
  // Under the region's own spelling, as the report counts it: the form offers only that one.
  const next = { ...knownPart(rules, parsed.scan), municipality: listedSpelling(rules, parsed.scan.municipality) };
  const kindNotice = kindChangeNotice(rules, diff.kindChanges, parsed.scan, "in dit bestand");
  const name = isolate(parsed.name);
  const asked = askRestore(rules, state, {
    title: "Scan uit een bestand terugzetten?",
    next,
    source: `de scan uit ${name}`,
    notes: restoreNotes(rules, parsed, diff, kindNotice, today),
    reason: `voor het terugzetten van ${name}`,
    message: `De scan uit ${name} staat nu als huidige scan.`,
    kindNotice,
  });
  return { ...asked, alert: "" };
}

/** A file chosen to restore that is no export of this scan (errors say why). */
export function restoreRefused(state, errors) {
  return { ...state, alert: `${errors.join(" ")} ${NOT_RESTORED}` };
}

/** Restore the earlier version at index of the history. */
export function restoreVersion(rules, state, index) {
  const version = state.history[index];
  if (!version) return state;
  const kept = storedScan(version.scan);
  const changes = kindChanges(rules, storedKinds(version.scan), heldIds(kept));
  const kindNotice = kindChangeNotice(rules, changes, kept, "in deze versie");
  return askRestore(rules, state, {
    title: "Eerdere versie terugzetten?",
    next: knownPart(rules, kept),
    source: `de versie van ${formatTime(version.savedAt)}`,
    notes: kindNotice ? [kindNotice.text, ...kindNotice.lines] : [],
    reason: "voor het terugzetten van een eerdere versie",
    message: `De versie van ${formatTime(version.savedAt)} staat nu als huidige scan.`,
    kindNotice,
  });
}

/** Go back to the scan before the last destructive action. */
export function undo(state) {
  if (!state.undo) return state;
  return {
    ...state,
    request: { next: state.undo.scan, reason: "voor het ongedaan maken", message: "", undoStep: state.undo.step },
  };
}

/** The user said yes: the action asked about is carried out. */
export function confirmPending(state) {
  if (!state.pending) return state;
  return { ...state, pending: null, request: state.pending.replacement };
}

export function cancelPending(state) {
  return { ...state, pending: null, message: "Er is niets veranderd." };
}

/** The scan in progress, to keep as an earlier version before state.request replaces it. */
export function requestedVersion(rules, state) {
  return { scan: state.scan, reason: state.request.reason, kinds: kindsOf(rules, state.scan) };
}

/* The scan replaced: the one before it can be undone, unless there was nothing in it. */
function replaced(rules, state, replacement, kept) {
  const previous = state.scan;
  const undoable = isEmptyScan(previous) ? null : { message: replacement.message, scan: previous, step: state.step };
  const room = kept.dropped ? ` Om ruimte te maken zijn de ${kept.dropped} oudste eerdere versies verwijderd.` : "";
  const next = {
    ...keptVersion(state, kept),
    undo: undoable,
    scan: replacement.next,
    step: replacement.next.municipality ? state.step : 0,
    save: needsSave(state, "scan"),
    message: (undoable ? "" : replacement.message) + room,
    alert: "",
    focus: undoable ? "undo" : "step",
  };
  if (replacement.kindNotice !== undefined) next.kindNotice = replacement.kindNotice;
  if (replacement.undoStep === undefined) return next;
  return {
    ...next,
    undo: null,
    step: replacement.next.municipality ? replacement.undoStep : 0,
    message: `Uw vorige scan staat weer terug: ${describe(rules, replacement.next)}.`,
    focus: "step",
  };
}

/** Carry out state.request, now that requestedVersion was kept (kept tells how that went). When
    even that version could not be stored, nothing changes and the user is told. */
export function replaceScan(rules, state, kept) {
  const replacement = state.request;
  const done = { ...state, request: null };
  const next = kept.ok
    ? replaced(rules, done, replacement, kept)
    : {
      ...done,
      alert: "De browser heeft geen ruimte meer om uw huidige scan als eerdere versie te bewaren, dus er is niets veranderd. Exporteer uw scan als JSON-bestand om hem te bewaren.",
      focus: "alert",
    };
  return replacement.clearComparisons ? { ...next, comparisons: [] } : next;
}

/* ---------- exports and comparison ---------- */

function fileBase(scan, today) {
  const name = (scan.municipality || "gemeente").toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return `zelfscan-${name}-${scan.date || today}`;
}

/** The scan's JSON export as a file to download ({name, type, text}); null without a municipality,
    which an export needs to be restored. */
export function jsonExport(rules, state, today) {
  if (!state.scan.municipality) return null;
  const data = exportObject(rules, state.scan, today);
  return { name: `${fileBase(state.scan, today)}.json`, type: "application/json", text: `${JSON.stringify(data, null, 2)}\n` };
}

/** After jsonExport: the file is made, or why it is not; in the dialog when one is open. */
export function jsonExported(state) {
  if (!state.scan.municipality) {
    const refusal = "Kies eerst de gemeente op de startstap; een export zonder gemeente kan niet worden teruggezet.";
    return state.pending ? { ...state, dialogMessage: refusal } : { ...state, alert: refusal };
  }
  return state.pending
    ? { ...state, dialogMessage: "Het JSON-bestand is gemaakt. U kunt nu verder met wissen of annuleren." }
    : { ...state, message: "JSON-bestand gemaakt." };
}

/** The scan as a CSV file to download: one row per question, in the order of the scan. */
export function csvExport(rules, scan, today) {
  const bundleName = Object.fromEntries(rules.bundles.map((b) => [b.id, b.label]));
  const rows = [["bundel", "gemeente", "datum", "vraag_id", "vraag", "soort", "antwoord", "antwoord_tekst", "cijfer", "notitie"]];
  for (const q of rules.questions) {
    const given = Object.hasOwn(scan.answers, q.id) ? scan.answers[q.id] : undefined;
    const figure = Object.hasOwn(scan.figures, q.id) ? formatFigure(scan.figures[q.id]) : "";
    const discussed = rules.kinds[q.kind].answer === "notitie";
    rows.push([
      bundleName[q.bundle], scan.municipality, scan.date || today, q.id, q.text, rules.kinds[q.kind].label,
      given ?? "", given === undefined && !discussed ? "" : answerLabel(rules, q.kind, given), figure,
      scan.notes[q.id] || "",
    ]);
  }
  return { name: `${fileBase(scan, today)}.csv`, type: "text/csv;charset=utf-8", text: csvText(rows) };
}

export function csvExported(state) {
  return { ...state, message: "CSV-bestand gemaakt." };
}

function refused(name, reason) {
  return { ok: false, errors: [`${isolate(name)}: ${reason}`] };
}

/** A chosen file that could not be read at all, as parseExport would answer. */
export function unreadableFile(name) {
  return refused(name, "het bestand kon niet worden gelezen; kies het opnieuw.");
}

/** A chosen file's bytes read and checked: parseExport's result, or why it cannot be. Never
    throws, so one bad file never stops the others. */
export function exportFromBytes(rules, name, bytes, size) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refused(name, "het bestand is geen UTF-8-tekst en dus geen export van de zelfscan.");
  }
  try {
    return parseExport(rules, name, text, size);
  } catch {
    return refused(name, "dit bestand kon niet worden gecontroleerd en is dus niet gebruikt.");
  }
}

/** The files read for comparison (parseExport's results): the good ones join the comparison, the
    others are listed with why not. */
export function addComparisons(rules, state, results, today) {
  const { loaded, errors } = checkComparisons(rules, results, today);
  const count = loaded.length === 1 ? "1 scan" : `${loaded.length} scans`;
  return {
    ...state,
    comparisons: [...state.comparisons, ...loaded],
    compareProblems: errors,
    message: loaded.length ? `${count} geladen voor de vergelijking; de tabel staat ze op datum.` : "",
  };
}

export function closeComparison(state) {
  return { ...state, comparisons: [], compareProblems: [], message: "De vergelijking is gesloten." };
}

export function closeKindNotice(state) {
  return { ...state, kindNotice: null, focus: "step" };
}

/** The lines under the comparison about the files left out of it. */
export function compareProblemLines(state) {
  const count = state.compareProblems.length;
  if (!count) return [];
  const left = count === 1 ? "Dat bestand staat" : "Die bestanden staan";
  return [...state.compareProblems, `${left} niet in de vergelijking; uw eigen antwoorden zijn niet veranderd.`];
}
