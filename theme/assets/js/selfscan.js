/* The self-scan ([data-rk-scan]). One state object, changed only by the small actions below and
   drawn by render(); the form is output and input, never the store. Answers stay in this browser:
   the scan in localStorage, earlier versions beside it, so that clearing and restoring can always be
   undone, also after a reload. The rules (kinds of question, scores, advice, export format) come
   from the build. Each question is answered in its kind: on the scale, as a trend with a figure
   (an indicator) or only with a note (a gesprek). A scan stored or exported before a question got
   another kind is fitted to the questions as they are asked now, and the user is told which. */

import { csvText } from "./core/csv.js";
import {
  checkComparisons, differences, exportObject, futureDateProblem, isolate, kindChangeNotice, kindsOf, knownPart,
  parseExport,
} from "./core/export-check.js";
import {
  describeScan, emptyScan, isEmptyScan, pushVersion, readHistory, sameScan,
} from "./core/history.js";
import {
  answerLabel, formatFigure, isFigure, kindChanges, listedSpelling, localToday,
} from "./core/scan-rules.js";
import { el } from "./dom.js";
import { renderResults } from "./selfscan-results.js";
import { readJson, remove, writeJson } from "./storage.js";

const SAVE_DELAY = 400;

function fileBase(scan) {
  const name = (scan.municipality || "gemeente").toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return `zelfscan-${name}-${scan.date || localToday()}`;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function storedStep(step, last) {
  return Number.isInteger(step) ? Math.min(Math.max(step, 0), last) : 0;
}

function isObject(value) {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

/** The scan as stored by this and earlier versions of the page (which kept the step in it too). */
function storedScan(stored) {
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
function storedKinds(stored) {
  return isObject(stored) && isObject(stored.kinds) ? stored.kinds : {};
}

function heldIds(scan) {
  return [...Object.keys(scan.answers), ...Object.keys(scan.figures), ...Object.keys(scan.notes)];
}

/** A figure typed in a number field, as the scan stores it: a number, or null when the field is
    empty or holds no figure (below 0, too large, no number). */
function typedFigure(rules, input) {
  if (input.validity.badInput || input.value.trim() === "") return null;
  const value = input.valueAsNumber;
  return isFigure(rules, value) ? value : null;
}

export function initSelfScan(root) {
  const rules = JSON.parse(root.getAttribute("data-rk-scan"));
  try {
    startSelfScan(root, rules);
  } finally {
    root.classList.add("rk-ready");
  }
}

function startSelfScan(root, rules) {
  const key = `regiokaart:zelfscan:${rules.region}`;
  const versionsKey = `${key}:versies`;
  const stepKey = `${key}:stap`; // apart from the scan, so moving between steps never rewrites it
  const oldBackupKey = `${key}:vorige`; // the single backup slot of the first version of this page
  const questionIds = rules.questions.map((q) => q.id);
  // The questions that take an answer (on the scale or as a trend); a gesprek takes only a note.
  const answerable = rules.questions.filter((q) => rules.kinds[q.kind].answer !== "notitie").map((q) => q.id);
  const resultsStep = rules.bundles.length + 1;
  const view = findView(root);

  const stored = readJson(key);
  const state = {
    scan: storedScan(stored),
    step: storedStep(readJson(stepKey, stored?.step), resultsStep),
    history: readHistory(readJson(versionsKey, []), rules.history_size),
    comparisons: [], // checked exports loaded for comparison, in memory only
    compareProblems: [], // per file of the last choice that is not compared, why not
    pending: null, // a destructive action waiting for the user's yes: {title, text, confirm, offerExport, run}
    undo: null, // after a destructive action: {message, scan, step} to go back to
    kindNotice: null, // questions now asked in another kind than the scan had them: {text, lines}
    message: "",
    alert: "",
    dialogMessage: "",
    saveFailed: false,
    fieldError: false,
    focus: null, // what to focus after the next render: "step", "undo" or "municipality"
    returnFocus: null, // the element that opened the dialog
  };
  if (!state.scan.municipality) state.step = 0;
  let saveTimer = null; // a save waiting while the user types a note
  migrateOldBackup();
  keepOnlyKnownQuestions(storedKinds(stored));

  /* ---------- storage: the scan, and earlier versions beside it ---------- */

  function now() {
    return new Date().toISOString();
  }

  /** Add scan to the stored versions (read fresh: another tab may have added some), with the kinds
      its questions were answered in (by default: as they are asked now). When storage is full the
      oldest versions make room, never the one just added. */
  function storeVersion(scan, reason, kinds = kindsOf(rules, scan)) {
    const current = readHistory(readJson(versionsKey, []), rules.history_size);
    let versions = pushVersion(current, { ...scan, kinds }, reason, now(), rules.history_size);
    if (versions === current) {
      state.history = current;
      return { ok: true, dropped: 0 };
    }
    let dropped = 0;
    while (!writeJson(versionsKey, versions)) {
      if (versions.length <= 1) return { ok: false, dropped: 0 };
      versions = versions.slice(0, -1);
      dropped += 1;
    }
    state.history = versions;
    return { ok: true, dropped };
  }

  function migrateOldBackup() {
    const backup = readJson(oldBackupKey);
    if (!backup) return;
    const kept = storeVersion(storedScan(backup), "vorige antwoorden (bewaard door een eerdere versie van deze pagina)", storedKinds(backup));
    if (kept.ok) remove(oldBackupKey);
  }

  /** Answers to questions this version of the scan no longer asks, or no longer asks in the kind
      they were given in, are kept as an earlier version, so that counts and exports only hold what
      the scan asks; the user is told which questions changed kind. */
  function keepOnlyKnownQuestions(kinds) {
    const known = knownPart(rules, state.scan);
    const changes = kindChanges(rules, kinds, heldIds(state.scan));
    const dropped = !sameScan(known, state.scan);
    if (!dropped && !changes.length) return;
    if (dropped) {
      const reason = changes.length
        ? "voordat enkele vragen een andere soort kregen"
        : "met antwoorden op vragen die deze zelfscan niet meer stelt";
      if (!storeVersion(state.scan, reason, kinds).ok) return;
    }
    const notice = kindChangeNotice(rules, changes, state.scan, "toen u deze scan invulde");
    if (notice && dropped) notice.text += ' Uw scan zoals hij was, staat bij "Eerdere versies" op de startstap.';
    if (notice) state.kindNotice = notice;
    state.scan = known;
    saveScan();
  }

  function saveScan() {
    window.clearTimeout(saveTimer);
    saveTimer = null;
    const ok = writeJson(key, { ...state.scan, kinds: kindsOf(rules, state.scan) });
    state.saveFailed = !ok;
    saveStep();
    return ok;
  }

  function saveStep() {
    writeJson(stepKey, state.step);
  }

  function saveAndSay() {
    state.message = saveScan() ? "Opgeslagen in deze browser." : "";
  }

  function saveSoon() {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => update(saveAndSay), SAVE_DELAY);
  }

  /** A note typed just before leaving is saved as the page goes, not lost with the timer. */
  function saveIfPending() {
    if (saveTimer !== null) saveScan();
  }

  /** Another tab changed the scan: show that version; a change not yet saved here is kept as a version. */
  function adoptFromOtherTab(text) {
    let theirs;
    try {
      theirs = knownPart(rules, storedScan(JSON.parse(text))); // the other tab runs this page too
    } catch {
      return;
    }
    if (sameScan(theirs, state.scan)) return;
    if (saveTimer !== null) {
      window.clearTimeout(saveTimer);
      saveTimer = null;
      storeVersion(state.scan, "wijzigingen in dit tabblad, overschreven vanuit een ander tabblad");
    }
    state.scan = theirs;
    if (!theirs.municipality) state.step = 0;
    state.undo = null;
    state.message = "Deze scan is in een ander tabblad gewijzigd; u ziet nu die versie.";
  }

  /* ---------- actions: each changes state, then render() draws it ---------- */

  function describe(scan) {
    return describeScan(scan, answerable.length);
  }

  /** Replace the scan in progress, keeping it as an earlier version first, and offer to undo.
      When even that version cannot be stored, nothing changes. */
  function replaceScan(next, reason, message) {
    const previous = state.scan;
    const kept = storeVersion(previous, reason);
    if (!kept.ok) {
      state.alert = "De browser heeft geen ruimte meer om uw huidige scan als eerdere versie te bewaren, dus er is niets veranderd. Exporteer uw scan als JSON-bestand om hem te bewaren.";
      state.focus = "alert";
      return false;
    }
    state.undo = isEmptyScan(previous) ? null : { message, scan: previous, step: state.step };
    state.scan = next;
    if (!next.municipality) state.step = 0;
    saveScan();
    const room = kept.dropped ? ` Om ruimte te maken zijn de ${kept.dropped} oudste eerdere versies verwijderd.` : "";
    state.message = (state.undo ? "" : message) + room;
    state.alert = "";
    state.focus = state.undo ? "undo" : "step";
    return true;
  }

  function goTo(step, moveFocus) {
    if (step > 0 && !state.scan.municipality) {
      state.step = 0;
      state.fieldError = true;
      state.alert = "Kies eerst de gemeente waarvoor u de scan invult.";
      state.focus = "municipality";
      return;
    }
    state.fieldError = false;
    if (state.alert === "Kies eerst de gemeente waarvoor u de scan invult.") state.alert = "";
    state.step = Math.max(0, Math.min(step, resultsStep));
    if (moveFocus) state.focus = "step";
    saveStep();
  }

  function ask(pending) {
    state.pending = pending;
    state.dialogMessage = "";
  }

  function askClear() {
    if (isEmptyScan(state.scan)) {
      state.message = "Er is niets om te wissen.";
      return;
    }
    ask({
      title: "Alle antwoorden en notities wissen?",
      text: [
        `U wist deze scan: ${describe(state.scan)}.`,
        "Wilt u hem bewaren, exporteer hem dan eerst als bestand. Na het wissen kunt u het ongedaan maken; de scan blijft ook bewaard bij \"Eerdere versies\" op de startstap.",
      ],
      confirm: "Ja, wis alle antwoorden en notities",
      offerExport: true,
      run() {
        replaceScan(emptyScan(), "voor het wissen", "Uw antwoorden en notities zijn gewist.");
        state.comparisons = [];
      },
    });
  }

  /** Ask before next replaces the scan in progress; kindNotice (questions now asked in another
      kind than next had them) is shown once it has. */
  function askRestore(title, next, source, notes, reason, message, kindNotice = null) {
    const run = () => {
      if (replaceScan(next, reason, message)) state.kindNotice = kindNotice;
    };
    const nothingToLose = isEmptyScan(state.scan);
    if (nothingToLose && !notes.length) {
      run();
      return;
    }
    ask({
      title,
      text: nothingToLose
        ? [`U hebt nog niets ingevuld. ${source} wordt uw huidige scan: ${describe(next)}.`, ...notes]
        : [
          `Uw huidige scan (${describe(state.scan)}) wordt vervangen door ${source}: ${describe(next)}.`,
          ...notes,
          "Uw huidige scan blijft bewaard bij \"Eerdere versies\"; u kunt hem daarna terugzetten.",
        ],
      confirm: "Ja, zet deze scan terug",
      offerExport: !nothingToLose,
      run,
    });
  }

  function restoreFromFile(parsed) {
    const diff = differences(rules, parsed);
    if (diff.unknownMunicipality) {
      state.alert = `${isolate(parsed.name)}: de gemeente "${isolate(parsed.scan.municipality)}" hoort niet bij deze zelfscan (${rules.municipalities.join(", ")}). De scan is niet teruggezet; uw antwoorden zijn niet veranderd.`;
      return;
    }
    // Under the region's own spelling, as the report counts it: the form offers only that one.
    const scan = { ...knownPart(rules, parsed.scan), municipality: listedSpelling(rules, parsed.scan.municipality) };
    const notes = [];
    if (futureDateProblem(rules, parsed, localToday())) {
      notes.push(`Let op: de datum van deze scan, ${parsed.scan.date}, ligt in de toekomst. Pas de datum aan op de startstap: het regionale overzicht neemt een export met een datum in de toekomst niet mee.`);
    }
    if (diff.unknownQuestions.length) {
      notes.push(`Let op: ${diff.unknownQuestions.length} antwoord(en) of notitie(s) in het bestand horen bij vragen die deze zelfscan niet (meer) stelt (${diff.unknownQuestions.slice(0, 5).join(", ")}${diff.unknownQuestions.length > 5 ? ", …" : ""}). Die worden niet overgenomen.`);
    } else if (diff.otherDataVersion && !diff.kindChanges.length) {
      notes.push("Het bestand is gemaakt met een andere versie van de vragen; alle antwoorden horen bij vragen die nog bestaan.");
    }
    const kindNotice = kindChangeNotice(rules, diff.kindChanges, parsed.scan, "in dit bestand");
    if (kindNotice) notes.push(kindNotice.text, ...kindNotice.lines);
    if (diff.otherRegion) notes.push(`Let op: het bestand komt uit de zelfscan van ${isolate(parsed.region)}, niet van ${rules.region}.`);
    const name = isolate(parsed.name);
    askRestore(
      "Scan uit een bestand terugzetten?",
      scan,
      `de scan uit ${name}`,
      notes,
      `voor het terugzetten van ${name}`,
      `De scan uit ${name} staat nu als huidige scan.`,
      kindNotice,
    );
    state.alert = "";
  }

  function restoreVersion(index) {
    const version = state.history[index];
    if (!version) return;
    const kept = storedScan(version.scan);
    const kindNotice = kindChangeNotice(rules, kindChanges(rules, storedKinds(version.scan), heldIds(kept)), kept, "in deze versie");
    askRestore(
      "Eerdere versie terugzetten?",
      knownPart(rules, kept),
      `de versie van ${formatTime(version.savedAt)}`,
      kindNotice ? [kindNotice.text, ...kindNotice.lines] : [],
      "voor het terugzetten van een eerdere versie",
      `De versie van ${formatTime(version.savedAt)} staat nu als huidige scan.`,
      kindNotice,
    );
  }

  function undo() {
    if (!state.undo) return;
    const { scan: back, step } = state.undo;
    if (!replaceScan(back, "voor het ongedaan maken", "")) return;
    state.undo = null;
    state.step = back.municipality ? step : 0;
    saveStep();
    state.message = `Uw vorige scan staat weer terug: ${describe(back)}.`;
    state.focus = "step";
  }

  function confirmPending() {
    const pending = state.pending;
    state.pending = null;
    pending.run();
  }

  function cancelPending() {
    state.pending = null;
    state.message = "Er is niets veranderd.";
  }

  function exportJson() {
    if (!state.scan.municipality) {
      const refusal = "Kies eerst de gemeente op de startstap; een export zonder gemeente kan niet worden teruggezet.";
      if (state.pending) state.dialogMessage = refusal;
      else state.alert = refusal;
      return false;
    }
    const data = exportObject(rules, state.scan, localToday());
    download(`${fileBase(state.scan)}.json`, "application/json", `${JSON.stringify(data, null, 2)}\n`);
    return true;
  }

  function exportCsv() {
    const scan = state.scan;
    const bundleName = Object.fromEntries(rules.bundles.map((b) => [b.id, b.label]));
    const rows = [["bundel", "gemeente", "datum", "vraag_id", "vraag", "soort", "antwoord", "antwoord_tekst", "cijfer", "notitie"]];
    for (const q of rules.questions) {
      const answer = Object.hasOwn(scan.answers, q.id) ? scan.answers[q.id] : undefined;
      const figure = Object.hasOwn(scan.figures, q.id) ? formatFigure(scan.figures[q.id]) : "";
      const discussed = rules.kinds[q.kind].answer === "notitie";
      rows.push([
        bundleName[q.bundle], scan.municipality, scan.date || localToday(), q.id, q.text, rules.kinds[q.kind].label,
        answer ?? "", answer === undefined && !discussed ? "" : answerLabel(rules, q.kind, answer), figure,
        scan.notes[q.id] || "",
      ]);
    }
    download(`${fileBase(scan)}.csv`, "text/csv;charset=utf-8", csvText(rows));
  }

  /** One chosen file read and checked: parseExport's result, or the message why it cannot be.
      Never throws, so one bad file never stops the others. */
  async function readFile(file) {
    const refused = (reason) => ({ ok: false, errors: [`${isolate(file.name)}: ${reason}`] });
    if (file.size > rules.max_export_bytes) return parseExport(rules, file.name, "", file.size);
    let bytes;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      return refused("het bestand kon niet worden gelezen; kies het opnieuw.");
    }
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return refused("het bestand is geen UTF-8-tekst en dus geen export van de zelfscan.");
    }
    try {
      return parseExport(rules, file.name, text, file.size);
    } catch {
      return refused("dit bestand kon niet worden gecontroleerd en is dus niet gebruikt.");
    }
  }

  function readFiles(files) {
    return Promise.all(Array.from(files, readFile));
  }

  function addComparisons(results) {
    const { loaded, errors } = checkComparisons(rules, results, localToday());
    state.comparisons = [...state.comparisons, ...loaded];
    state.compareProblems = errors;
    if (loaded.length) state.message = `${loaded.length === 1 ? "1 scan" : `${loaded.length} scans`} geladen voor de vergelijking; de tabel staat ze op datum.`;
    else state.message = "";
  }

  /* ---------- events: read the user's input into state ---------- */

  view.form.addEventListener("submit", (event) => event.preventDefault());
  view.form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.type === "file") return;
    if (target.name === "municipality") {
      state.scan.municipality = target.value;
      if (target.value) {
        state.fieldError = false;
        state.alert = "";
      }
    } else if (target.name === "date") {
      state.scan.date = target.value;
    } else if (target.name.startsWith("antwoord-")) {
      // 1-4 on the scale; "nvt" or a trend (toenemend, gelijk, afnemend) as it is
      state.scan.answers[target.name.slice("antwoord-".length)] = /^[0-9]+$/.test(target.value) ? Number(target.value) : target.value;
    } else if (target.name.startsWith("cijfer-")) {
      if (!changeFigure(target)) return;
    }
    state.undo = null;
    update(saveAndSay);
  });

  /** A figure typed in: stored when it is one (or removed when the field is empty); when it is
      not, said why, unless quiet (while typing). The field keeps what was typed. False when the
      scan did not change. */
  function changeFigure(input, quiet = false) {
    const id = input.name.slice("cijfer-".length);
    const value = typedFigure(rules, input);
    const invalid = input.validity.badInput || (value === null && input.value.trim() !== "");
    if (invalid) {
      if (!quiet) {
        input.setAttribute("aria-invalid", "true");
        view.status.textContent = `Een cijfer is een getal van 0 tot en met ${rules.max_figure.toLocaleString("nl-NL")}; dit cijfer is niet opgeslagen.`;
      }
      return false;
    }
    input.removeAttribute("aria-invalid");
    if (value === null) delete state.scan.figures[id];
    else state.scan.figures[id] = value;
    return true;
  }
  view.form.addEventListener("input", (event) => {
    const target = event.target;
    if (target.name?.startsWith("cijfer-")) {
      if (changeFigure(target, true)) saveSoon();
      return;
    }
    if (target.tagName !== "TEXTAREA") return;
    const id = target.name.slice("notitie-".length);
    if (target.value.trim()) state.scan.notes[id] = target.value;
    else delete state.scan.notes[id];
    if (target.maxLength > 0 && target.value.length >= target.maxLength) {
      state.message = `Een notitie kan hoogstens ${target.maxLength} tekens hebben; wat daarna kwam is niet overgenomen.`;
      view.status.textContent = state.message;
    }
    saveSoon();
  });
  window.addEventListener("pagehide", saveIfPending);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saveIfPending();
  });
  window.addEventListener("storage", (event) => {
    if (event.key === key && event.newValue !== null) update(() => adoptFromOtherTab(event.newValue));
    else if (event.key === versionsKey) update(() => { state.history = readHistory(readJson(versionsKey, []), rules.history_size); });
  });
  view.prev.addEventListener("click", () => update(() => goTo(state.step - 1, true)));
  view.next.addEventListener("click", () => update(() => goTo(state.step + 1, true)));
  for (const button of root.querySelectorAll("[data-rk-goto]")) {
    button.addEventListener("click", () => update(() => goTo(Number(button.dataset.rkGoto), true)));
  }
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-rk-action]");
    if (!button) return;
    const action = button.dataset.rkAction;
    if (action === "export-json") {
      update(() => {
        if (!exportJson()) return;
        if (state.pending) state.dialogMessage = "Het JSON-bestand is gemaakt. U kunt nu verder met wissen of annuleren.";
        else state.message = "JSON-bestand gemaakt.";
      });
    } else if (action === "export-csv") {
      exportCsv();
      update(() => { state.message = "CSV-bestand gemaakt."; });
    } else if (action === "clear") {
      update(askClear);
    } else if (action === "compare-clear") {
      update(() => {
        state.comparisons = [];
        state.compareProblems = [];
        state.message = "De vergelijking is gesloten.";
      });
    } else if (action === "restore-version") {
      update(() => restoreVersion(Number(button.dataset.rkIndex)));
    }
  });
  view.restoreInput.addEventListener("change", async (event) => {
    const [file] = event.target.files;
    event.target.value = "";
    if (!file) return;
    const [parsed] = await readFiles([file]);
    update(() => {
      if (parsed.ok) restoreFromFile(parsed);
      else state.alert = `${parsed.errors.join(" ")} De scan is niet teruggezet; uw antwoorden zijn niet veranderd.`;
    });
  });
  view.compareInput.addEventListener("change", async (event) => {
    const files = Array.from(event.target.files);
    event.target.value = "";
    if (files.length) {
      const results = await readFiles(files);
      update(() => addComparisons(results));
    }
  });
  view.undoButton.addEventListener("click", () => update(undo));
  view.kindNoticeClose.addEventListener("click", () => update(() => {
    state.kindNotice = null;
    state.focus = "step";
  }));
  view.dialogConfirm.addEventListener("click", () => update(confirmPending));
  view.dialogCancel.addEventListener("click", () => update(cancelPending));
  view.dialog.addEventListener("cancel", (event) => {
    event.preventDefault(); // Escape: the same as "Annuleren", drawn by render()
    update(cancelPending);
  });
  window.addEventListener("beforeprint", () => renderResults(view.results, rules, state));

  function update(change) {
    change();
    render();
  }

  /* ---------- render: draw the whole state ---------- */

  function render() {
    renderInputs();
    for (const section of view.steps) section.hidden = Number(section.dataset.rkStep) !== state.step;
    for (const button of root.querySelectorAll("[data-rk-goto]")) {
      if (Number(button.dataset.rkGoto) === state.step) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
    }
    view.prev.hidden = state.step === 0;
    view.next.hidden = state.step === resultsStep;
    const answered = answerable.filter((id) => Object.hasOwn(state.scan.answers, id) || Object.hasOwn(state.scan.figures, id)).length;
    view.progress.value = answered;
    view.progressText.textContent = `${answered} van ${answerable.length} vragen beantwoord`;
    view.status.textContent = state.message;
    view.alert.textContent = state.alert;
    renderCompareProblems();
    view.saveFailed.hidden = !state.saveFailed;
    if (state.fieldError) view.municipality.setAttribute("aria-invalid", "true");
    else view.municipality.removeAttribute("aria-invalid");
    view.municipalityError.hidden = !state.fieldError;
    view.undoBox.hidden = !state.undo;
    view.undoText.textContent = state.undo ? `${state.undo.message} Was dit niet de bedoeling?` : "";
    renderKindNotice();
    renderVersions();
    renderResults(view.results, rules, state);
    renderDialog();
    applyFocus();
  }

  function renderInputs() {
    const form = view.form;
    if (form.elements.municipality.value !== state.scan.municipality) form.elements.municipality.value = state.scan.municipality;
    if (form.elements.date.value !== state.scan.date) form.elements.date.value = state.scan.date;
    for (const id of questionIds) {
      const answer = state.scan.answers[id];
      for (const radio of form.querySelectorAll(`input[name="antwoord-${id}"]`)) {
        radio.checked = answer !== undefined && String(answer) === radio.value;
      }
      const figure = form.elements[`cijfer-${id}`];
      if (figure && document.activeElement !== figure) {
        const shown = Object.hasOwn(state.scan.figures, id) ? String(state.scan.figures[id]) : "";
        if (figure.value !== shown) figure.value = shown;
        figure.removeAttribute("aria-invalid");
      }
      const note = form.elements[`notitie-${id}`];
      const text = state.scan.notes[id] || "";
      if (note && note.value !== text && document.activeElement !== note) note.value = text;
    }
  }

  let drawnNotice = null;
  function renderKindNotice() {
    const drawn = JSON.stringify(state.kindNotice);
    if (drawn === drawnNotice) return; // unchanged: not drawn (and announced) again
    drawnNotice = drawn;
    view.kindNotice.hidden = !state.kindNotice;
    view.kindNoticeText.textContent = state.kindNotice ? state.kindNotice.text : "";
    view.kindNoticeList.replaceChildren(...(state.kindNotice ? state.kindNotice.lines.map((line) => el("li", {}, line)) : []));
  }

  function renderCompareProblems() {
    const count = state.compareProblems.length;
    const left = count === 1 ? "Dat bestand staat" : "Die bestanden staan";
    const lines = count ? [...state.compareProblems, `${left} niet in de vergelijking; uw eigen antwoorden zijn niet veranderd.`] : [];
    const drawn = view.compareProblems.textContent;
    if (drawn === lines.join("")) return; // unchanged: not announced again
    view.compareProblems.replaceChildren(...lines.map((line) => el("p", {}, line)));
  }

  let drawnVersions = null;
  function renderVersions() {
    // Redrawn only when the versions change, so focus on one of their buttons survives a render.
    const drawn = JSON.stringify(state.history);
    if (drawn === drawnVersions) return;
    drawnVersions = drawn;
    view.versionsEmpty.hidden = state.history.length > 0;
    view.versions.replaceChildren(
      ...state.history.map((version, index) => {
        const item = el("li");
        item.append(
          el("p", {}, `${formatTime(version.savedAt)}, ${version.reason}: ${describe(version.scan)}.`),
        );
        const button = el("button", { type: "button", class: "md-button", "data-rk-action": "restore-version", "data-rk-index": String(index) }, "Zet deze versie terug");
        button.append(el("span", { class: "rk-visually-hidden" }, ` (${formatTime(version.savedAt)})`));
        item.append(button);
        return item;
      }),
    );
  }

  function renderDialog() {
    const { dialog } = view;
    if (!state.pending) {
      if (dialog.open) dialog.close();
      return;
    }
    view.dialogTitle.textContent = state.pending.title;
    view.dialogText.replaceChildren(...state.pending.text.map((line) => el("p", {}, line)));
    view.dialogConfirm.textContent = state.pending.confirm;
    view.dialogExport.hidden = !state.pending.offerExport;
    view.dialogStatus.textContent = state.dialogMessage;
    if (!dialog.open) {
      state.returnFocus = document.activeElement;
      dialog.showModal();
      view.dialogCancel.focus();
    }
  }

  function applyFocus() {
    const focus = state.focus === "alert" ? null : state.focus; // an alert is announced where it is
    state.focus = null;
    if (!focus) {
      if (!state.pending && state.returnFocus && !view.dialog.open) {
        if (document.contains(state.returnFocus) && state.returnFocus.checkVisibility?.()) state.returnFocus.focus();
        state.returnFocus = null;
      }
      return;
    }
    state.returnFocus = null;
    if (focus === "step") root.querySelector(`[data-rk-step="${state.step}"] h2`).focus();
    else if (focus === "undo") view.undoBox.focus();
    else if (focus === "municipality") view.municipality.focus();
  }

  for (const element of root.querySelectorAll("[data-rk-needs-script]:not([data-rk-step])")) element.hidden = false;
  for (const element of root.querySelectorAll(".rk-scan-steps, .rk-progress, .rk-step-nav")) element.hidden = false;
  render();
}

function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "onbekend moment";
  return date.toLocaleString("nl-NL", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

function findView(root) {
  const byId = (id) => root.querySelector(`#${id}`);
  return {
    form: byId("rk-scan-form"),
    steps: Array.from(root.querySelectorAll("[data-rk-step]")),
    prev: byId("rk-prev"),
    next: byId("rk-next"),
    progress: byId("rk-progress"),
    progressText: byId("rk-progress-text"),
    status: byId("rk-scan-status"),
    alert: byId("rk-scan-alert"),
    saveFailed: byId("rk-save-failed"),
    municipality: byId("rk-municipality"),
    municipalityError: byId("rk-municipality-error"),
    undoBox: byId("rk-scan-undo"),
    undoText: byId("rk-undo-text"),
    undoButton: byId("rk-undo"),
    kindNotice: byId("rk-kind-notice"),
    kindNoticeText: byId("rk-kind-notice-text"),
    kindNoticeList: byId("rk-kind-notice-list"),
    kindNoticeClose: byId("rk-kind-notice-close"),
    versions: byId("rk-versions"),
    versionsEmpty: byId("rk-versions-empty"),
    restoreInput: byId("rk-import-restore"),
    compareInput: byId("rk-import-compare"),
    compareProblems: byId("rk-compare-problems"),
    results: root.querySelector(".rk-results"),
    dialog: byId("rk-scan-dialog"),
    dialogTitle: byId("rk-dialog-title"),
    dialogText: byId("rk-dialog-text"),
    dialogStatus: byId("rk-dialog-status"),
    dialogConfirm: byId("rk-dialog-confirm"),
    dialogExport: byId("rk-dialog-export"),
    dialogCancel: byId("rk-dialog-cancel"),
  };
}
