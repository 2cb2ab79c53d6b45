/* The search box in the header ([data-rk-header-search]): results as you type, a few links below
   the box and a link to all results. A query with an evident typing error shows the results of the
   suggestion, and says so. Without script the box is a form that opens the results page.
   Keys: "/" anywhere (outside a text field) goes to the box, ArrowDown into the list, ArrowUp and
   ArrowDown within it, Escape closes the list and returns to the box. */

import { el } from "./dom.js";
import { findPages, resultsPageUrl } from "./pagefind-search.js";

export const MAX_SHOWN = 6;
export const DEBOUNCE_MS = 150;

/** Start one header search box. */
export function initHeaderSearch(root) {
  const doc = root.ownerDocument;
  const input = root.querySelector(".rk-header-search__input");
  const panel = root.querySelector(".rk-header-search__panel");
  const status = panel.querySelector("[role=status]");
  const list = panel.querySelector("ul");

  const state = {
    open: false,
    query: "",
    searched: "", // what was searched: the query, or its suggestion when corrected
    corrected: false,
    partial: false, // no page has every word; the results have the most
    items: [],
    total: 0,
    suggestion: null,
    failed: false,
  };
  let sequence = 0;
  let timer = null;

  function render() {
    panel.hidden = !state.open;
    status.replaceChildren(...statusParts());
    list.replaceChildren(...state.items.map(resultItem));
    if (state.total > 0) {
      const all = el("a", { href: resultsPageUrl(state.query) }, `Alle ${state.total} resultaten`);
      const li = el("li", { class: "rk-header-search__all" });
      li.append(all);
      list.append(li);
    }
  }

  function statusParts() {
    if (state.failed) return ["Zoeken is niet gelukt."];
    const { total } = state;
    const count = `${total} ${total === 1 ? "resultaat" : "resultaten"}`;
    if (state.corrected) {
      const literal = el("a", { href: resultsPageUrl(state.query, "", true) }, `Zoek toch naar “${state.query}”`);
      return [`${count} voor “${state.searched}” (u zocht “${state.query}”). `, literal];
    }
    const parts = [total ? `${count}.` : `Geen resultaten voor “${state.query}”.`];
    if (total && state.partial) parts[0] = `Geen resultaten met alle woorden; ${count} met een deel ervan.`;
    if (state.suggestion) {
      const link = el("a", { href: resultsPageUrl(state.suggestion) }, state.suggestion);
      parts.push(" Bedoelde u: ", link, "?");
    }
    return parts;
  }

  function resultItem(item) {
    const li = el("li");
    const link = el("a", { href: item.url });
    link.append(el("span", { class: "rk-header-search__title" }, item.meta?.title || item.url));
    const details = [item.meta?.effectiviteit, item.meta?.werkgebied, item.meta?.contra].filter(Boolean).join(" · ");
    if (details) link.append(el("span", { class: "rk-header-search__details" }, details));
    li.append(link);
    return li;
  }

  function close() {
    sequence += 1; // a search still under way no longer opens the list
    state.open = false;
    render();
  }

  async function run(query) {
    const mine = ++sequence;
    if (!query) {
      state.open = false;
      render();
      return;
    }
    try {
      const found = await findPages(query, { correct: true, names: true });
      const items = await Promise.all(found.results.slice(0, MAX_SHOWN).map((r) => r.data()));
      if (mine !== sequence) return; // a newer query was typed meanwhile
      Object.assign(state, { open: true, query, items, failed: false });
      Object.assign(state, { total: found.results.length, suggestion: found.suggestion });
      Object.assign(state, { searched: found.searched, corrected: found.corrected, partial: found.partial });
    } catch {
      if (mine !== sequence) return;
      Object.assign(state, { open: true, query, items: [], total: 0, failed: true });
    }
    render();
  }

  function links() {
    return Array.from(panel.querySelectorAll("a"));
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => run(input.value.trim()), DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.open) {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && state.open && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  panel.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(doc.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      input.focus();
    } else if (event.key === "ArrowDown" && at >= 0) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
  root.addEventListener("focusout", (event) => {
    if (state.open && !root.contains(event.relatedTarget)) close();
  });
  doc.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target) || !input.getClientRects().length) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

/* Whether a key goes into a field (then "/" is just a slash). */
function isTyping(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
  if (target.tagName !== "INPUT") return false;
  return !["checkbox", "radio", "button", "submit", "reset", "file", "range", "color"].includes(
    target.type,
  );
}
