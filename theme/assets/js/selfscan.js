/* The self-scan ([data-rk-scan]): its view. The state and every change to it are in
   core/selfscan-state.js; this module reads the user's input, calls those transitions, carries out
   what they ask of storage and draws the state with render(). The form is output and input, never
   the store. Answers stay in this browser: the scan in localStorage, earlier versions beside it,
   so that clearing and restoring can always be undone, also after a reload. The rules (kinds of
   question, scores, advice, export format) come from the build. */

import { parseExport } from "./core/export-check.js";
import { readHistory } from "./core/history.js";
import { localToday } from "./core/scan-rules.js";
import {
  addComparisons, adoptFromOtherTab, answer, answerableIds, answeredCount, askClear, cancelPending, chooseDate,
  chooseMunicipality, closeComparison, closeKindNotice, compareProblemLines, confirmPending, csvExport, csvExported,
  describe, edited, exportFromBytes, figureProblem, fitToQuestions, focusMoved, formatTime, goTo, initialState,
  jsonExport, jsonExported, noteTooLong, oldBackupVersion, otherTabScan, overwrittenVersion, replaceScan,
  requestedVersion, restoreFromFile, restoreRefused, restoreVersion, resultsStep, saveRequested, saved, scanRecord,
  setFigure, storedKinds, typedFigure, typeNote, undo, unreadableFile, versionBeforeFitting, withHistory, withVersion,
} from "./core/selfscan-state.js";
import { el } from "./dom.js";
import { renderResults } from "./selfscan-results.js";
import { readJson, remove, writeJson, writeList } from "./storage.js";

const SAVE_DELAY = 400;

function download({ name, type, text }) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function initSelfScan(root) {
  const rules = JSON.parse(root.getAttribute("data-rk-scan"));
  try {
    new SelfScan(root, rules).start();
  } finally {
    root.classList.add("rk-ready");
  }
}

class SelfScan {
  constructor(root, rules) {
    this.root = root;
    this.rules = rules;
    this.key = `regiokaart:zelfscan:${rules.region}`;
    this.versionsKey = `${this.key}:versies`;
    this.stepKey = `${this.key}:stap`; // apart from the scan, so moving between steps never rewrites it
    this.oldBackupKey = `${this.key}:vorige`; // the single backup slot of the first version of this page
    this.view = findView(root);
    this.state = null;
    this.saveTimer = null; // a save waiting while the user types a note
    this.returnFocus = null; // the element that opened the dialog
    this.drawn = { notice: null, versions: null }; // drawn last; unchanged, not drawn (and announced) again
  }

  start() {
    const stored = readJson(this.key);
    this.state = initialState(this.rules, stored, readJson(this.stepKey, stored?.step), this.readVersions());
    this.migrateOldBackup();
    this.fitToQuestions(storedKinds(stored));
    this.listen();
    for (const element of this.root.querySelectorAll("[data-rk-needs-script]:not([data-rk-step])")) element.hidden = false;
    for (const element of this.root.querySelectorAll(".rk-scan-steps, .rk-progress, .rk-step-nav")) element.hidden = false;
    this.render();
  }

  /* ---------- storage: the scan, and earlier versions beside it ---------- */

  readVersions() {
    return readHistory(readJson(this.versionsKey, []), this.rules.history_size);
  }

  /** Add a version ({scan, reason, kinds}) to the stored versions, read fresh: another tab may
      have added some. How that went, as the transitions take it: {ok, dropped, history}. */
  storeVersion(keep) {
    const current = this.readVersions();
    const versions = withVersion(this.rules, current, keep, new Date().toISOString());
    if (versions === current) return { ok: true, dropped: 0, history: current };
    const written = writeList(this.versionsKey, versions);
    return { ok: written.ok, dropped: written.dropped, history: written.list };
  }

  migrateOldBackup() {
    const keep = oldBackupVersion(readJson(this.oldBackupKey));
    if (!keep) return;
    const kept = this.storeVersion(keep);
    if (!kept.ok) return;
    remove(this.oldBackupKey);
    this.state = withHistory(this.state, kept.history);
  }

  /** Answers the scan no longer asks (for) are kept as an earlier version first. */
  fitToQuestions(kinds) {
    const keep = versionBeforeFitting(this.rules, this.state.scan, kinds);
    this.state = fitToQuestions(this.rules, this.state, kinds, keep && this.storeVersion(keep));
    this.commit();
  }

  /** Write what state.save asks for: the step, or the scan and the step. True unless writing the
      scan failed. */
  write(what) {
    if (what === "step") {
      writeJson(this.stepKey, this.state.step);
      return true;
    }
    this.cancelSave();
    const ok = writeJson(this.key, scanRecord(this.rules, this.state.scan));
    writeJson(this.stepKey, this.state.step);
    return ok;
  }

  cancelSave() {
    window.clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  saveSoon() {
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.update(saveRequested), SAVE_DELAY);
  }

  /** A note typed just before leaving is saved as the page goes, not lost with the timer. */
  saveIfPending() {
    if (this.saveTimer !== null) this.state = saved(this.state, this.write("scan"));
  }

  /** Another tab stored this scan (text): show it; a change not yet saved here is kept as a version. */
  adopted(state, text) {
    const theirs = otherTabScan(this.rules, state, text);
    if (!theirs) return state;
    if (this.saveTimer === null) return adoptFromOtherTab(state, theirs);
    this.cancelSave();
    return adoptFromOtherTab(state, theirs, this.storeVersion(overwrittenVersion(this.rules, state)));
  }

  /** Carry out what the state asks of storage: a replacement of the scan, a save. */
  commit() {
    if (this.state.request) {
      this.state = replaceScan(this.rules, this.state, this.storeVersion(requestedVersion(this.rules, this.state)));
    }
    if (this.state.save) this.state = saved(this.state, this.write(this.state.save));
  }

  update(change) {
    this.state = change(this.state);
    this.commit();
    this.render();
  }

  /* ---------- events: read the user's input, pass it to a transition ---------- */

  listen() {
    const { view, rules } = this;
    view.form.addEventListener("submit", (event) => event.preventDefault());
    view.form.addEventListener("change", (event) => this.changed(event.target));
    view.form.addEventListener("input", (event) => this.typed(event.target));
    window.addEventListener("pagehide", () => this.saveIfPending());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.saveIfPending();
    });
    window.addEventListener("storage", (event) => {
      if (event.key === this.key && event.newValue !== null) this.update((state) => this.adopted(state, event.newValue));
      else if (event.key === this.versionsKey) this.update((state) => withHistory(state, this.readVersions()));
    });
    view.prev.addEventListener("click", () => this.update((state) => goTo(rules, state, state.step - 1)));
    view.next.addEventListener("click", () => this.update((state) => goTo(rules, state, state.step + 1)));
    for (const button of this.root.querySelectorAll("[data-rk-goto]")) {
      button.addEventListener("click", () => this.update((state) => goTo(rules, state, Number(button.dataset.rkGoto))));
    }
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-rk-action]");
      if (button) this.act(button);
    });
    view.restoreInput.addEventListener("change", (event) => this.restoreChosen(event.target));
    view.compareInput.addEventListener("change", (event) => this.compareChosen(event.target));
    view.undoButton.addEventListener("click", () => this.update(undo));
    view.kindNoticeClose.addEventListener("click", () => this.update(closeKindNotice));
    view.dialogConfirm.addEventListener("click", () => this.update(confirmPending));
    view.dialogCancel.addEventListener("click", () => this.update(cancelPending));
    view.dialog.addEventListener("cancel", (event) => {
      event.preventDefault(); // Escape: the same as "Annuleren", drawn by render()
      this.update(cancelPending);
    });
    window.addEventListener("beforeprint", () => renderResults(view.results, rules, this.state));
  }

  /** A field changed (and left); a figure that is no figure is not taken, and the field says so. */
  changed(target) {
    if (target.type === "file") return;
    let state = this.state;
    if (target.name === "municipality") {
      state = chooseMunicipality(state, target.value);
    } else if (target.name === "date") {
      state = chooseDate(state, target.value);
    } else if (target.name.startsWith("antwoord-")) {
      state = answer(state, target.name.slice("antwoord-".length), target.value);
    } else if (target.name.startsWith("cijfer-")) {
      const value = this.figureIn(target, false);
      if (value === undefined) return;
      state = setFigure(state, target.name.slice("cijfer-".length), value);
    }
    this.update(() => edited(state));
  }

  /** Typing a figure or a note: taken at once, saved (and drawn) once the user stops typing. */
  typed(target) {
    if (target.name?.startsWith("cijfer-")) {
      const value = this.figureIn(target, true);
      if (value === undefined) return;
      this.state = setFigure(this.state, target.name.slice("cijfer-".length), value);
      this.saveSoon();
      return;
    }
    if (target.tagName !== "TEXTAREA") return;
    this.state = typeNote(this.state, target.name.slice("notitie-".length), target.value, target.maxLength);
    if (noteTooLong(target.value, target.maxLength)) this.view.status.textContent = this.state.message;
    this.saveSoon();
  }

  /** The figure in a number field for the scan (null: none), or undefined when what was typed is
      no figure; then the field says so, unless quiet (while typing). The field keeps what was typed. */
  figureIn(input, quiet) {
    const field = { badInput: input.validity.badInput, text: input.value, number: input.valueAsNumber };
    const figure = typedFigure(this.rules, field);
    if (figure.invalid) {
      if (!quiet) {
        input.setAttribute("aria-invalid", "true");
        this.view.status.textContent = figureProblem(this.rules);
      }
      return undefined;
    }
    input.removeAttribute("aria-invalid");
    return figure.value;
  }

  /** A button with data-rk-action. */
  act(button) {
    const { rules } = this;
    const action = button.dataset.rkAction;
    if (action === "export-json") {
      this.update((state) => {
        const file = jsonExport(rules, state, localToday());
        if (file) download(file);
        return jsonExported(state);
      });
    } else if (action === "export-csv") {
      download(csvExport(rules, this.state.scan, localToday()));
      this.update(csvExported);
    } else if (action === "clear") {
      this.update((state) => askClear(rules, state));
    } else if (action === "compare-clear") {
      this.update(closeComparison);
    } else if (action === "restore-version") {
      this.update((state) => restoreVersion(rules, state, Number(button.dataset.rkIndex)));
    }
  }

  /** One chosen file read and checked (exportFromBytes). Never throws, so one bad file never
      stops the others. */
  async readFile(file) {
    if (file.size > this.rules.max_export_bytes) return parseExport(this.rules, file.name, "", file.size);
    let bytes;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      return unreadableFile(file.name);
    }
    return exportFromBytes(this.rules, file.name, bytes, file.size);
  }

  async restoreChosen(input) {
    const [file] = input.files;
    input.value = "";
    if (!file) return;
    const parsed = await this.readFile(file);
    this.update((state) => (parsed.ok
      ? restoreFromFile(this.rules, state, parsed, localToday())
      : restoreRefused(state, parsed.errors)));
  }

  async compareChosen(input) {
    const files = Array.from(input.files);
    input.value = "";
    if (!files.length) return;
    const results = await Promise.all(files.map((file) => this.readFile(file)));
    this.update((state) => addComparisons(this.rules, state, results, localToday()));
  }

  /* ---------- render: draw the whole state ---------- */

  render() {
    const { view, state, rules } = this;
    this.renderInputs();
    for (const section of view.steps) section.hidden = Number(section.dataset.rkStep) !== state.step;
    for (const button of this.root.querySelectorAll("[data-rk-goto]")) {
      if (Number(button.dataset.rkGoto) === state.step) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
    }
    view.prev.hidden = state.step === 0;
    view.next.hidden = state.step === resultsStep(rules);
    const answered = answeredCount(rules, state.scan);
    view.progress.value = answered;
    view.progressText.textContent = `${answered} van ${answerableIds(rules).length} vragen beantwoord`;
    view.status.textContent = state.message;
    view.alert.textContent = state.alert;
    this.renderCompareProblems();
    view.saveFailed.hidden = !state.saveFailed;
    if (state.fieldError) view.municipality.setAttribute("aria-invalid", "true");
    else view.municipality.removeAttribute("aria-invalid");
    view.municipalityError.hidden = !state.fieldError;
    view.undoBox.hidden = !state.undo;
    view.undoText.textContent = state.undo ? `${state.undo.message} Was dit niet de bedoeling?` : "";
    this.renderKindNotice();
    this.renderVersions();
    renderResults(view.results, rules, state);
    this.renderDialog();
    this.applyFocus();
  }

  /* The form shows the scan; a field the user is typing in keeps what it holds. */
  renderInputs() {
    const { form } = this.view;
    const { scan } = this.state;
    if (form.elements.municipality.value !== scan.municipality) form.elements.municipality.value = scan.municipality;
    if (form.elements.date.value !== scan.date) form.elements.date.value = scan.date;
    for (const { id } of this.rules.questions) {
      const given = scan.answers[id];
      for (const radio of form.querySelectorAll(`input[name="antwoord-${id}"]`)) {
        radio.checked = given !== undefined && String(given) === radio.value;
      }
      const figure = form.elements[`cijfer-${id}`];
      if (figure && document.activeElement !== figure) {
        const shown = Object.hasOwn(scan.figures, id) ? String(scan.figures[id]) : "";
        if (figure.value !== shown) figure.value = shown;
        figure.removeAttribute("aria-invalid");
      }
      const note = form.elements[`notitie-${id}`];
      const text = scan.notes[id] || "";
      if (note && note.value !== text && document.activeElement !== note) note.value = text;
    }
  }

  renderKindNotice() {
    const { view } = this;
    const notice = this.state.kindNotice;
    const drawn = JSON.stringify(notice);
    if (drawn === this.drawn.notice) return; // unchanged: not drawn (and announced) again
    this.drawn.notice = drawn;
    view.kindNotice.hidden = !notice;
    view.kindNoticeText.textContent = notice ? notice.text : "";
    view.kindNoticeList.replaceChildren(...(notice ? notice.lines.map((line) => el("li", {}, line)) : []));
  }

  renderCompareProblems() {
    const lines = compareProblemLines(this.state);
    if (this.view.compareProblems.textContent === lines.join("")) return; // unchanged: not announced again
    this.view.compareProblems.replaceChildren(...lines.map((line) => el("p", {}, line)));
  }

  renderVersions() {
    // Redrawn only when the versions change, so focus on one of their buttons survives a render.
    const { history } = this.state;
    const drawn = JSON.stringify(history);
    if (drawn === this.drawn.versions) return;
    this.drawn.versions = drawn;
    this.view.versionsEmpty.hidden = history.length > 0;
    this.view.versions.replaceChildren(
      ...history.map((version, index) => {
        const item = el("li");
        item.append(
          el("p", {}, `${formatTime(version.savedAt)}, ${version.reason}: ${describe(this.rules, version.scan)}.`),
        );
        const button = el("button", { type: "button", class: "md-button", "data-rk-action": "restore-version", "data-rk-index": String(index) }, "Zet deze versie terug");
        button.append(el("span", { class: "rk-visually-hidden" }, ` (${formatTime(version.savedAt)})`));
        item.append(button);
        return item;
      }),
    );
  }

  renderDialog() {
    const { view } = this;
    const { pending } = this.state;
    if (!pending) {
      if (view.dialog.open) view.dialog.close();
      return;
    }
    view.dialogTitle.textContent = pending.title;
    view.dialogText.replaceChildren(...pending.text.map((line) => el("p", {}, line)));
    view.dialogConfirm.textContent = pending.confirm;
    view.dialogExport.hidden = !pending.offerExport;
    view.dialogStatus.textContent = this.state.dialogMessage;
    if (!view.dialog.open) {
      this.returnFocus = document.activeElement;
      view.dialog.showModal();
      view.dialogCancel.focus();
    }
  }

  /* Focus what the last change asked for; after the dialog closes, where it was opened from. */
  applyFocus() {
    const { focus } = this.state;
    this.state = focusMoved(this.state);
    if (!focus || focus === "alert") { // an alert is announced where it is
      const back = this.returnFocus;
      if (!this.state.pending && back && !this.view.dialog.open) {
        if (document.contains(back) && back.checkVisibility?.()) back.focus();
        this.returnFocus = null;
      }
      return;
    }
    this.returnFocus = null;
    if (focus === "step") this.root.querySelector(`[data-rk-step="${this.state.step}"] h2`).focus();
    else if (focus === "undo") this.view.undoBox.focus();
    else if (focus === "municipality") this.view.municipality.focus();
  }
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
