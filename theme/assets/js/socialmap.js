/* The social map ([data-rk-socialmap="url of filters.json"]): filters, counts, search words and
   pages over all offers. One state object, kept in the page address so a selection can be shared;
   render() draws the status, chips, counts, contra-indication, cards and pager from it. The page
   works without script: the first cards and a paged list are in the HTML, and the filters show
   only when the script runs (html.rk-js). Contract for bench/: the root gets data-rk-ready when it
   is interactive and fires "rk-rendered" after every render. */

import { el } from "./dom.js";
import { fromNumbers } from "./core/bitset.js";
import {
  activeCount,
  contraCounts,
  emptyState,
  facetCounts,
  pageOf,
  queryFromState,
  readIndex,
  selection,
  stateFromQuery,
  unstatedText,
} from "./core/socialmap-filter.js";
import { cardStore } from "./socialmap-cards.js";

const NO_WORDS = { q: "", set: null, suggestion: null, failed: false };

/** Start the social map in root. */
export function initSocialMap(root) {
  const $ = (selector) => root.querySelector(selector);
  const form = $("#rk-filters");
  const status = $("#rk-status");
  const suggest = $("#rk-suggest");
  const chips = $("#rk-chips");
  const suitableList = $("#rk-cards-suitable");
  const unsuitableList = $("#rk-cards-unsuitable");
  const unsuitableTitle = $("#rk-unsuitable-title");
  const unstatedList = $("#rk-cards-unstated");
  const unstatedTitle = $("#rk-unstated-title");
  const unstatedNote = $("#rk-unstated-note");
  const resultsTitle = $("#rk-results-title");
  const contra = $("#rk-contra");
  const pager = $("#rk-pager");
  const toggle = $("#rk-filters-toggle");
  const activeLabel = $("#rk-active-count");
  const facets = Array.from(form.querySelectorAll("fieldset[data-rk-facet]"), (fs) => fs.dataset.rkFacet).filter(
    (key) => key !== "profiel",
  );
  const profileRadios = Array.from(form.querySelectorAll('input[name="profiel"]'));
  const boxes = (key) => form.querySelectorAll(`input[name="${CSS.escape(key)}"]`);
  const countTarget = (key, value) => form.querySelector(`[data-rk-count="${CSS.escape(`${key}:${value}`)}"]`);
  const pageSize = Number(root.dataset.rkPageSize) || 25;
  const store = cardStore(root, new URL(root.dataset.rkCards, window.location.href), pageSize);

  let index = null;
  let state = emptyState(facets);
  let words = NO_WORDS;
  let searchTicket = 0;
  let renderTicket = 0;

  /* The label a user reads for a choice, without its count. */
  function choiceLabel(input) {
    const labelled = form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    const copy = labelled.cloneNode(true);
    for (const count of copy.querySelectorAll(".rk-count")) count.remove();
    return copy.textContent.trim();
  }

  /* The form shows the state (on start, after a chip is removed and after "Wis alle filters"). */
  function writeForm() {
    form.elements.q.value = state.q;
    for (const radio of profileRadios) radio.checked = radio.value === state.profiel;
    for (const key of facets) {
      for (const box of boxes(key)) box.checked = state.filters[key].includes(box.value);
    }
  }

  /* What the user chose in the form, as a state (on page 1). */
  function readForm() {
    const next = emptyState(facets);
    next.q = form.elements.q.value.trim();
    next.profiel = form.querySelector('input[name="profiel"]:checked')?.value ?? "";
    for (const key of facets) {
      next.filters[key] = Array.from(boxes(key))
        .filter((box) => box.checked)
        .map((box) => box.value);
    }
    return next;
  }

  function urlFor(someState) {
    const query = queryFromState(someState, facets);
    return window.location.pathname + (query ? `?${query}` : "");
  }

  /* The search words as a set of offers, from the portal's search index: the same stemming,
     accent folding, synonyms and "bedoelde u" as the search box in the header. */
  async function searchWords(q) {
    if (!q) return NO_WORDS;
    try {
      const { findPages } = await import("./pagefind-search.js");
      const found = await findPages(q, { filters: { soort: "aanbod" } });
      const counts = found.filters?.["aanbod-nr"] ?? {};
      const hits = Object.keys(counts)
        .filter((n) => counts[n] > 0)
        .map(Number);
      return { q, set: fromNumbers(hits, index.total), suggestion: found.suggestion ?? null, failed: false };
    } catch {
      return { ...NO_WORDS, q, failed: true };
    }
  }

  function renderChips() {
    const items = [];
    const chip = (text, remove) => {
      const button = el("button", { type: "button", class: "rk-chip" }, text);
      button.append(el("span", { class: "rk-visually-hidden" }, " (filter verwijderen)"));
      button.addEventListener("click", () => {
        remove();
        writeForm();
        update({ ...state, pagina: 1 });
        (chips.querySelector("button") ?? resultsTitle).focus();
      });
      items.push(el("li"));
      items.at(-1).append(button);
    };
    if (state.q) chip(`Zoekwoorden: ${state.q}`, () => (state.q = ""));
    if (state.profiel) {
      const radio = profileRadios.find((r) => r.value === state.profiel);
      if (radio) chip(`Gezinsprofiel: ${choiceLabel(radio)}`, () => (state.profiel = ""));
    }
    for (const key of facets) {
      for (const box of boxes(key)) {
        if (!state.filters[key].includes(box.value)) continue;
        chip(choiceLabel(box), () => (state.filters[key] = state.filters[key].filter((v) => v !== box.value)));
      }
    }
    chips.replaceChildren(...items);
    chips.hidden = items.length === 0;
    const active = activeCount(state);
    activeLabel.textContent = `(${active} actief)`;
    for (const summary of form.querySelectorAll("[data-rk-chosen]")) {
      const chosen = state.filters[summary.dataset.rkChosen]?.length ?? 0;
      summary.textContent = chosen ? `(${chosen} gekozen)` : "";
    }
  }

  function renderCounts(visible) {
    const counts = facetCounts(index, state, facets, words.set);
    for (const key of facets) {
      for (const box of boxes(key)) {
        const target = countTarget(key, box.value);
        if (target) target.textContent = `(${counts[key][box.value] ?? 0})`;
      }
    }
    const excluded = contraCounts(index, visible);
    for (const radio of profileRadios) {
      const target = radio.value && countTarget("profiel", radio.value);
      if (target) target.textContent = excluded[radio.value] ? `(${excluded[radio.value]} niet geschikt)` : "";
    }
  }

  function renderStatus(shown, unstated, unstatedBy, unsuitable) {
    let message = shown === index.total ? `${shown} aanbod.` : `${shown} van ${index.total} aanbod.`;
    if (state.profiel) message = `${shown} van ${index.total} aanbod passend of niet uitgesloten.`;
    if (unstated) message += ` ${unstated} apart omdat de bron het gekozen filter niet vermeldt (${unstatedText(index, unstatedBy)}).`;
    if (unsuitable) message += ` ${unsuitable} niet geschikt bij het gekozen gezinsprofiel: die staan apart, na het andere aanbod.`;
    if (words.failed) message += " Zoeken op woorden lukte niet; de filters werken wel.";
    status.textContent = message;
    suggest.replaceChildren();
    suggest.hidden = !words.suggestion;
    if (words.suggestion) {
      const link = el("a", { href: urlFor({ ...state, q: words.suggestion, pagina: 1 }) }, words.suggestion);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        state.q = words.suggestion;
        writeForm();
        update({ ...state, pagina: 1 });
      });
      suggest.append("Bedoelde u: ", link, "?");
    }
  }

  function renderContra() {
    contra.hidden = !state.profiel;
    for (const block of contra.querySelectorAll("[data-rk-contra]")) {
      block.hidden = block.dataset.rkContra !== state.profiel;
    }
  }

  function renderPager(page, pages) {
    pager.hidden = pages < 2;
    const step = (text, target, rel) => {
      if (target < 1 || target > pages) return el("span", { class: "md-button rk-pager-off", "aria-hidden": "true" }, text);
      const link = el("a", { class: "md-button", href: urlFor({ ...state, pagina: target }), rel }, text);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        update({ ...state, pagina: target }).then(() => resultsTitle.focus());
      });
      return link;
    };
    pager.replaceChildren(
      step("Vorige", page - 1, "prev"),
      el("span", { class: "rk-pager-where" }, `Pagina ${page} van ${pages}`),
      step("Volgende", page + 1, "next"),
    );
  }

  /* A card as this state shows it: marked when the chosen profile excludes it or it suits it. */
  function showCard(card, unsuitable) {
    const profile = state.profiel;
    card.classList.toggle("rk-card-unsuitable", unsuitable);
    const suits = card.querySelector(".rk-card-suits");
    if (suits) suits.hidden = !(profile && !unsuitable && (card.dataset.rkSuits ?? "").split(" ").includes(profile));
    return card;
  }

  async function render() {
    const ticket = ++renderTicket;
    const { visible, suitable, unstated, unstatedBy, unsuitable } = selection(index, state, facets, words.set);
    const ordered = suitable.concat(unstated, unsuitable);
    const { items, page, pages } = pageOf(ordered, state.pagina, pageSize);
    state.pagina = page;
    renderChips();
    renderCounts(visible);
    renderStatus(suitable.length, unstated.length, unstatedBy, unsuitable.length);
    renderContra();
    const cards = await store.get(items);
    if (ticket !== renderTicket) return;
    const excluded = new Set(unsuitable);
    const notStated = new Set(unstated);
    const isExcluded = (card) => excluded.has(Number(card.dataset.rkNr));
    const isUnstated = (card) => notStated.has(Number(card.dataset.rkNr));
    suitableList.replaceChildren(...cards.filter((c) => !isExcluded(c) && !isUnstated(c)).map((c) => showCard(c, false)));
    unstatedList.replaceChildren(...cards.filter(isUnstated).map((c) => showCard(c, false)));
    unstatedList.hidden = unstatedTitle.hidden = unstatedNote.hidden = unstatedList.childElementCount === 0;
    unstatedNote.textContent = `Aanbod waarvan de bron niet zegt of het past: ${unstatedText(index, unstatedBy)}. Controleer het bij de aanbieder.`;
    unsuitableList.replaceChildren(...cards.filter(isExcluded).map((c) => showCard(c, true)));
    unsuitableList.hidden = unsuitableTitle.hidden = unsuitableList.childElementCount === 0;
    renderPager(page, pages);
    root.dispatchEvent(new CustomEvent("rk-rendered"));
  }

  /* Take a new state: find its words if they changed (the newest search wins), then draw it. */
  async function update(next) {
    state = next;
    window.history.replaceState(null, "", urlFor(state));
    if (state.q !== words.q) {
      const ticket = ++searchTicket;
      const found = await searchWords(state.q);
      if (ticket !== searchTicket) return;
      words = found;
    }
    try {
      await render();
    } catch {
      status.textContent = "Het aanbod kon niet worden geladen. Gebruik de pagina's hieronder of laad de pagina opnieuw.";
    }
  }

  function setOpen(open) {
    form.classList.toggle("rk-open", open);
    toggle.setAttribute("aria-expanded", String(open));
  }

  async function start(json) {
    index = readIndex(json);
    const fromUrl = new URLSearchParams(window.location.search).toString() !== "";
    state = fromUrl ? stateFromQuery(window.location.search, facets) : readForm();
    writeForm();
    form.addEventListener("change", (event) => {
      if (event.target.name !== "q") update(readForm());
    });
    form.addEventListener("input", (event) => {
      if (event.target.name === "q") update(readForm());
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      update(readForm());
    });
    $("#rk-reset").addEventListener("click", () => {
      state = emptyState(facets);
      writeForm();
      update(state);
      form.elements.q.focus();
    });
    toggle.addEventListener("click", () => setOpen(!form.classList.contains("rk-open")));
    /* "Snel kiezen": ticks the preset's values, keeping what is already chosen. */
    for (const preset of form.querySelectorAll("[data-rk-preset]")) {
      preset.addEventListener("click", () => {
        const next = readForm();
        for (const [key, value] of new URLSearchParams(preset.dataset.rkPreset)) {
          if (next.filters[key] && !next.filters[key].includes(value)) next.filters[key].push(value);
        }
        state = next;
        writeForm();
        update(state);
      });
    }
    $("#rk-filters-done").addEventListener("click", () => {
      setOpen(false);
      resultsTitle.focus();
    });
    await update(state);
    root.setAttribute("data-rk-ready", "");
  }

  fetch(root.dataset.rkSocialmap)
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(start)
    .catch(() => {
      root.classList.add("rk-socialmap-static");
      status.textContent = "De filters konden niet worden geladen; hieronder staat het aanbod op naam, met pagina's.";
    });
}
