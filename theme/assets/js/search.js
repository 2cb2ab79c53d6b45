/* The results page (#rk-search-form on zoeken/): results in pages of PAGE_SIZE, narrowed by kind of
   page (the Pagefind filter "soort"). The query and the kind are in the address (?q=…&soort=…), so
   a search can be shared. A query with an evident typing error is searched as the suggestion, and
   the page says so, with a link to search what was typed (?letterlijk=ja). Searching itself is
   pagefind-search.js, shared with the header. */

import { el } from "./dom.js";
import { findPages } from "./pagefind-search.js";

export const PAGE_SIZE = 10;
const KIND_LABELS = {
  aanbod: "Aanbod",
  organisatie: "Organisatie",
  module: "Module",
  bouwsteen: "Bouwsteen",
  kennis: "Kennis",
};

/** One result: its title as a link, its kind and facts, and the excerpt with the hits marked. */
function resultItem(item) {
  const li = el("li");
  const heading = el("h2");
  heading.append(el("a", { href: item.url }, item.meta?.title || item.url));
  li.append(heading);
  const kind = item.filters?.soort?.[0];
  const details = [KIND_LABELS[kind]];
  if (item.meta?.effectiviteit) details.push(`Effectiviteit: ${item.meta.effectiviteit}`);
  if (item.meta?.werkgebied) details.push(`Werkgebied: ${item.meta.werkgebied}`);
  if (item.meta?.contra) details.push(item.meta.contra);
  li.append(el("p", { class: "rk-search-details" }, details.filter(Boolean).join(" · ")));
  const excerpt = el("p");
  /* Pagefind's excerpt is escaped page text with <mark> around the hits. */
  excerpt.innerHTML = item.excerpt;
  li.append(excerpt);
  return li;
}

/** The address of this page for a search (shareable). */
function pageAddress(query, kind, literal = false) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (kind) params.set("soort", kind);
  if (literal) params.set("letterlijk", "ja");
  const encoded = params.toString();
  return window.location.pathname + (encoded ? `?${encoded}` : "");
}

/** Start the results page. */
export function initSearch(form) {
  const doc = form.ownerDocument;
  const input = form.querySelector("#rk-search-q");
  const status = doc.getElementById("rk-search-status");
  const suggestionLine = doc.getElementById("rk-search-suggestion");
  const list = doc.getElementById("rk-search-results");
  const more = doc.getElementById("rk-search-more");
  const kindInputs = Array.from(form.querySelectorAll('input[name="soort"]'));
  const counts = Array.from(form.querySelectorAll("[data-rk-kind-count]"));

  /* What is drawn; changed only by the functions below, drawn by render(). */
  const state = {
    query: "",
    kind: "",
    busy: false,
    failed: false,
    results: [], // Pagefind's results for query and kind
    items: [], // the loaded data of the results shown
    kindCounts: null, // {"": all, aanbod: n, …} or null before the first search
    literal: false, // search what was typed, even when it looks like a typing error
    searched: "", // the query searched: what was typed, or its suggestion
    corrected: false, // searched is the suggestion for a typing error in query
    partial: false, // no page has every part of the query; results have the most
    suggestion: null,
  };
  let sequence = 0;

  function render() {
    for (const kindInput of kindInputs) kindInput.checked = kindInput.value === state.kind;
    for (const count of counts) {
      const n = state.kindCounts?.[count.dataset.rkKindCount];
      count.textContent = n === undefined ? "" : `(${n})`;
    }
    status.textContent = statusText();
    suggestionLine.replaceChildren(...suggestionParts());
    suggestionLine.hidden = !suggestionLine.childNodes.length;
    const drawn = list.children.length;
    if (drawn > state.items.length) list.replaceChildren();
    list.append(...state.items.slice(list.children.length).map(resultItem));
    more.hidden = state.busy || state.items.length >= state.results.length;
    return drawn;
  }

  function statusText() {
    if (state.failed) return "Zoeken is niet gelukt. Probeer het opnieuw of gebruik de navigatie.";
    if (!state.query) return "";
    if (state.busy && !state.items.length) return "Zoeken…";
    const total = state.results.length;
    const kind = state.kind ? ` (${KIND_LABELS[state.kind] ?? state.kind})` : "";
    const typed = state.corrected ? ` (u zocht “${state.query}”)` : "";
    const count = `${total} ${total === 1 ? "resultaat" : "resultaten"}`;
    const found = state.partial
      ? `Geen resultaten met alle woorden van “${state.searched}”${typed}${kind}. ${count} met een deel ervan, de meeste woorden eerst.`
      : `${count} voor “${state.searched}”${typed}${kind}.`;
    return total > state.items.length ? `${found} ${state.items.length} getoond.` : found;
  }

  /* Under the status: after a corrected typing error, a link to search what was typed; when the
     query was searched as typed, the suggestion. */
  function suggestionParts() {
    if (state.busy || state.failed) return [];
    if (state.corrected) {
      const link = el("a", { href: pageAddress(state.query, state.kind, true) }, `Zoek toch naar “${state.query}”`);
      return [link];
    }
    if (!state.suggestion) return [];
    const link = el("a", { href: pageAddress(state.suggestion, state.kind) }, state.suggestion);
    return ["Bedoelde u: ", link, "?"];
  }

  /* A page's kind is only known once its data is loaded, so each kind is searched on its own. */
  async function kindCountsFor(query, all, options) {
    const perKind = { "": all.results.length };
    const kinds = Object.keys(KIND_LABELS);
    const found = await Promise.all(kinds.map((soort) => findPages(query, { ...options, filters: { soort } })));
    kinds.forEach((kind, i) => (perKind[kind] = found[i].results.length));
    return perKind;
  }

  async function search(query, kind, literal = false) {
    const mine = ++sequence;
    Object.assign(state, { query, kind, literal, busy: Boolean(query), failed: false, results: [], items: [] });
    Object.assign(state, { suggestion: null, kindCounts: query ? state.kindCounts : null });
    Object.assign(state, { searched: query, corrected: false, partial: false });
    render();
    if (!query) return;
    try {
      const options = { correct: !literal };
      const all = await findPages(query, { ...options, names: !kind });
      const found = kind ? await findPages(query, { ...options, names: true, filters: { soort: kind } }) : all;
      const kindCounts = await kindCountsFor(query, all, options);
      const items = await Promise.all(found.results.slice(0, PAGE_SIZE).map((r) => r.data()));
      if (mine !== sequence) return;
      Object.assign(state, { results: found.results, items, kindCounts, suggestion: all.suggestion });
      Object.assign(state, { searched: all.searched, corrected: all.corrected, partial: found.partial });
    } catch {
      if (mine !== sequence) return;
      state.failed = true;
    }
    state.busy = false;
    render();
  }

  async function showMore() {
    const mine = sequence;
    state.busy = true;
    render();
    const next = state.results.slice(state.items.length, state.items.length + PAGE_SIZE);
    try {
      const items = await Promise.all(next.map((r) => r.data()));
      if (mine !== sequence) return;
      state.items = [...state.items, ...items];
    } catch {
      if (mine !== sequence) return;
      state.failed = true;
    }
    state.busy = false;
    const before = render();
    /* Keyboard and screen reader users continue at the first new result. */
    list.children[before]?.querySelector("a")?.focus();
  }

  function searchFromForm() {
    const query = input.value.trim();
    const kind = kindInputs.find((kindInput) => kindInput.checked)?.value ?? "";
    /* The box searches what it holds; as typed only when it is still the query searched as typed. */
    const literal = state.literal && query === state.query;
    window.history.replaceState(null, "", pageAddress(query, kind, literal));
    search(query, kind, literal);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    searchFromForm();
  });
  for (const kindInput of kindInputs) kindInput.addEventListener("change", searchFromForm);
  more.addEventListener("click", showMore);

  const params = new URLSearchParams(window.location.search);
  const kind = params.get("soort") ?? "";
  const query = (params.get("q") ?? "").trim();
  input.value = query;
  search(query, kindInputs.some((k) => k.value === kind) ? kind : "", params.get("letterlijk") === "ja");
}
