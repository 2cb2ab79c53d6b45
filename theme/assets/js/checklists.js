/* Checklists ([data-rk-storage]) whose ticks stay in this browser, and their clear controls
   ([data-rk-clear]): clearing asks first, and the cleared ticks are kept beside the list so they
   can be put back, also after a reload. Nothing is sent anywhere. */

import { readJson, remove, writeJson } from "./storage.js";

function readTicks(key) {
  const stored = readJson(key, {});
  return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
}

function clearedKey(key) {
  return `${key}:gewist`;
}

function announce(root, key, message) {
  for (const node of root.querySelectorAll(`[data-rk-status="${CSS.escape(key)}"]`)) node.textContent = message;
}

function boxesOf(root, key) {
  return root.querySelectorAll(`[data-rk-storage="${CSS.escape(key)}"] input[type="checkbox"]`);
}

function showTicks(root, key) {
  const ticks = readTicks(key);
  for (const box of boxesOf(root, key)) box.checked = Boolean(ticks[box.id]);
}

function initList(root, list) {
  const key = list.getAttribute("data-rk-storage");
  for (const box of list.querySelectorAll('input[type="checkbox"]')) {
    box.addEventListener("change", () => {
      /* Read again: another list with the same key (or another tab) may have changed it. */
      const current = readTicks(key);
      if (box.checked) current[box.id] = true;
      else delete current[box.id];
      announce(
        root,
        key,
        writeJson(key, current) ? "Opgeslagen in deze browser." : "Opslaan is niet gelukt in deze browser.",
      );
    });
  }
  showTicks(root, key);
}

/** The clear control of one list: state {confirming, cleared ticks}, drawn by render(). */
function initClear(root, control) {
  const key = control.getAttribute("data-rk-clear");
  const confirm = control.querySelector("[data-rk-clear-confirm]");
  const undo = control.querySelector("[data-rk-clear-undo]");
  const state = { confirming: false, cleared: readTicks(clearedKey(key)), focus: null };

  function render() {
    const count = Object.keys(state.cleared).length;
    confirm.hidden = !state.confirming;
    undo.hidden = state.confirming || count === 0;
    undo.querySelector("[data-rk-clear-undo-text]").textContent =
      `${count === 1 ? "1 vinkje is" : `${count} vinkjes zijn`} gewist. Was dit niet de bedoeling?`;
    if (state.focus) state.focus.focus();
    state.focus = null;
  }

  control.querySelector("[data-rk-clear-ask]").addEventListener("click", () => {
    if (!Object.keys(readTicks(key)).length) {
      announce(root, key, "Er zijn geen vinkjes om te wissen.");
      return;
    }
    state.confirming = true;
    state.focus = confirm;
    render();
  });
  control.querySelector("[data-rk-clear-no]").addEventListener("click", () => {
    state.confirming = false;
    state.focus = control.querySelector("[data-rk-clear-ask]");
    announce(root, key, "Er is niets veranderd.");
    render();
  });
  control.querySelector("[data-rk-clear-yes]").addEventListener("click", () => {
    const ticks = readTicks(key);
    state.confirming = false;
    if (!writeJson(clearedKey(key), ticks)) {
      announce(root, key, "De browser kan uw vinkjes niet bewaren om ze terug te zetten; er is niets gewist.");
      render();
      return;
    }
    remove(key);
    state.cleared = ticks;
    state.focus = undo;
    showTicks(root, key);
    announce(root, key, "Uw vinkjes zijn gewist.");
    render();
  });
  control.querySelector("[data-rk-clear-restore]").addEventListener("click", () => {
    const merged = { ...state.cleared, ...readTicks(key) };
    if (!writeJson(key, merged)) {
      announce(root, key, "Terugzetten is niet gelukt in deze browser.");
      return;
    }
    remove(clearedKey(key));
    state.cleared = {};
    showTicks(root, key);
    state.focus = control.querySelector("[data-rk-clear-ask]");
    announce(root, key, "Uw vinkjes staan weer terug.");
    render();
  });
  render();
}

/** Restore and keep the ticks of every checklist under root; wire its clear controls. Each list
    then carries data-rk-ready: the module is loaded on demand, after the page itself, so a test
    (or bench/) knows when a tick is kept. */
export function initChecklists(root) {
  for (const list of root.querySelectorAll("[data-rk-storage]")) {
    initList(root, list);
    list.setAttribute("data-rk-ready", "");
  }
  for (const control of root.querySelectorAll("[data-rk-clear]")) initClear(root, control);
}
