/* Checklists ([data-rk-storage]) whose ticks stay in this browser, and their clear buttons
   ([data-rk-clear]). Nothing is sent anywhere. */

import { readJson, remove, writeJson } from "./storage.js";

function readTicks(key) {
  const stored = readJson(key, {});
  return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
}

function statusNodes(root, key) {
  return root.querySelectorAll(`[data-rk-status="${CSS.escape(key)}"]`);
}

function announce(root, key, message) {
  for (const node of statusNodes(root, key)) node.textContent = message;
}

function initList(root, list) {
  const key = list.getAttribute("data-rk-storage");
  const ticks = readTicks(key);
  for (const box of list.querySelectorAll('input[type="checkbox"]')) {
    box.checked = Boolean(ticks[box.id]);
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
}

function initClearButton(root, button) {
  button.addEventListener("click", () => {
    const key = button.getAttribute("data-rk-clear");
    remove(key);
    const boxes = root.querySelectorAll(`[data-rk-storage="${CSS.escape(key)}"] input[type="checkbox"]`);
    for (const box of boxes) box.checked = false;
    announce(root, key, "Uw vinkjes zijn gewist.");
  });
}

/** Restore and keep the ticks of every checklist under root; wire its clear buttons. */
export function initChecklists(root) {
  for (const list of root.querySelectorAll("[data-rk-storage]")) initList(root, list);
  for (const button of root.querySelectorAll("[data-rk-clear]")) initClearButton(root, button);
}
