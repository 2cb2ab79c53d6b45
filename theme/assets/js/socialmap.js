/* The social map ([data-rk-socialmap="url of filters.json"]): its view. Filters, counts, search
   words and pages over all offers; the state and every change to it are in
   core/socialmap-state.js. The state is kept in the page address so a selection can be shared;
   render() draws the status, chips, counts, contra-indication, cards and pager from it. The page
   works without script: the first cards and a paged list are in the HTML, and the filters show
   only when the script runs (html.rk-js). Contract for bench/: the root gets data-rk-ready when it
   is interactive and fires "rk-rendered" after every render. */

import { el } from "./dom.js";
import {
  addPreset, atPage, cardGroups, choose, chosenText, clearAll, excludedText, failedWords, foundWords, NO_WORDS,
  needsWords, removeProfile, removeValue, removeWords, shownPage, showsSuits, startState, statusText, toPage,
  unstatedNote, useSuggestion, wordsFound,
} from "./core/socialmap-state.js";
import { activeCount, contraCounts, emptyState, facetCounts, queryFromState, readIndex } from "./core/socialmap-filter.js";
import { cardStore } from "./socialmap-cards.js";

/** Start the social map in root. */
export function initSocialMap(root) {
  new SocialMap(root).load();
}

function findView(root) {
  const $ = (selector) => root.querySelector(selector);
  return {
    form: $("#rk-filters"),
    status: $("#rk-status"),
    suggest: $("#rk-suggest"),
    chips: $("#rk-chips"),
    suitableList: $("#rk-cards-suitable"),
    unsuitableList: $("#rk-cards-unsuitable"),
    unsuitableTitle: $("#rk-unsuitable-title"),
    unstatedList: $("#rk-cards-unstated"),
    unstatedTitle: $("#rk-unstated-title"),
    unstatedNote: $("#rk-unstated-note"),
    resultsTitle: $("#rk-results-title"),
    contra: $("#rk-contra"),
    pager: $("#rk-pager"),
    toggle: $("#rk-filters-toggle"),
    activeLabel: $("#rk-active-count"),
    reset: $("#rk-reset"),
    done: $("#rk-filters-done"),
  };
}

class SocialMap {
  constructor(root) {
    this.root = root;
    this.view = findView(root);
    const { form } = this.view;
    this.facets = Array.from(form.querySelectorAll("fieldset[data-rk-facet]"), (fs) => fs.dataset.rkFacet).filter(
      (key) => key !== "profiel",
    );
    this.profileRadios = Array.from(form.querySelectorAll('input[name="profiel"]'));
    this.pageSize = Number(root.dataset.rkPageSize) || 25;
    this.store = cardStore(root, new URL(root.dataset.rkCards, window.location.href), this.pageSize);
    this.index = null;
    this.state = { ...emptyState(this.facets), words: NO_WORDS };
    this.searchTicket = 0;
    this.renderTicket = 0;
  }

  load() {
    window.history.scrollRestoration = "manual";
    window.addEventListener("pagehide", () => {
      window.history.replaceState({ ...window.history.state, rkScrollY: window.scrollY }, "");
    });
    fetch(this.root.dataset.rkSocialmap)
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((json) => this.start(json))
      .catch(() => {
        this.root.classList.add("rk-socialmap-static");
        this.view.status.textContent = "De filters konden niet worden geladen; hieronder staat al het aanbod, met pagina's.";
      });
  }

  async start(json) {
    this.index = readIndex(json);
    this.state = startState(this.facets, window.location.search, this.readForm());
    this.writeForm();
    this.listen();
    await this.update(this.state);
    // Back from an offer: where the reader was in the list, once the list is drawn again (the
    // browser's own restoring comes before the cards are there, and lands further down).
    const returning = window.history.state?.rkScrollY;
    if (typeof returning === "number") window.scrollTo(0, returning);
    this.root.setAttribute("data-rk-ready", "");
  }

  listen() {
    const { form, toggle, resultsTitle } = this.view;
    const fromForm = () => this.update(choose(this.state, this.readForm()));
    form.addEventListener("change", (event) => {
      if (event.target.name !== "q") fromForm();
    });
    form.addEventListener("input", (event) => {
      if (event.target.name === "q") fromForm();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      fromForm();
    });
    this.view.reset.addEventListener("click", () => {
      this.redraw(clearAll(this.state, this.facets));
      form.elements.q.focus();
    });
    toggle.addEventListener("click", () => this.setOpen(!form.classList.contains("rk-open")));
    for (const preset of form.querySelectorAll("[data-rk-preset]")) {
      preset.addEventListener("click", () => this.redraw(addPreset(this.state, this.readForm(), preset.dataset.rkPreset)));
    }
    this.view.done.addEventListener("click", () => {
      this.setOpen(false);
      resultsTitle.focus();
    });
  }

  setOpen(open) {
    this.view.form.classList.toggle("rk-open", open);
    this.view.toggle.setAttribute("aria-expanded", String(open));
  }

  /* ---------- the form: input, and output of the state ---------- */

  boxes(key) {
    return this.view.form.querySelectorAll(`input[name="${CSS.escape(key)}"]`);
  }

  countTarget(key, value) {
    return this.view.form.querySelector(`[data-rk-count="${CSS.escape(`${key}:${value}`)}"]`);
  }

  /* The label a user reads for a choice, without its count. */
  choiceLabel(input) {
    const labelled = this.view.form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    const copy = labelled.cloneNode(true);
    for (const count of copy.querySelectorAll(".rk-count")) count.remove();
    return copy.textContent.trim();
  }

  /* The form shows the state (on start, after a chip is removed and after "Wis alle filters"). */
  writeForm() {
    const { form } = this.view;
    form.elements.q.value = this.state.q;
    for (const radio of this.profileRadios) radio.checked = radio.value === this.state.profiel;
    for (const key of this.facets) {
      for (const box of this.boxes(key)) box.checked = this.state.filters[key].includes(box.value);
    }
  }

  /* What the user chose in the form, as a choice (on page 1). */
  readForm() {
    const { form } = this.view;
    const next = emptyState(this.facets);
    next.q = form.elements.q.value.trim();
    next.profiel = form.querySelector('input[name="profiel"]:checked')?.value ?? "";
    for (const key of this.facets) {
      next.filters[key] = Array.from(this.boxes(key))
        .filter((box) => box.checked)
        .map((box) => box.value);
    }
    return next;
  }

  urlFor(someState) {
    const query = queryFromState(someState, this.facets);
    return window.location.pathname + (query ? `?${query}` : "");
  }

  /* ---------- changes: take a new state, find its words, draw it ---------- */

  /* A change made outside the form: the form shows it too. */
  redraw(next) {
    this.state = next;
    this.writeForm();
    return this.update(next);
  }

  /* The search words as a set of offers, from the portal's search index: the same stemming,
     accent folding, synonyms and "bedoelde u" as the search box in the header. */
  async searchWords(q) {
    if (!q) return NO_WORDS;
    try {
      const { findPages } = await import("./pagefind-search.js");
      const found = await findPages(q, { filters: { soort: "aanbod" } });
      return foundWords(q, found, this.index.total);
    } catch {
      return failedWords(q);
    }
  }

  /* Take a new state: find its words if they changed (the newest search wins), then draw it. */
  async update(next) {
    this.state = next;
    window.history.replaceState(window.history.state, "", this.urlFor(this.state));
    if (needsWords(this.state)) {
      const ticket = ++this.searchTicket;
      const found = await this.searchWords(this.state.q);
      if (ticket !== this.searchTicket) return;
      this.state = wordsFound(this.state, found);
    }
    try {
      await this.render();
    } catch {
      this.view.status.textContent = "Het aanbod kon niet worden geladen. Gebruik de pagina's hieronder of laad de pagina opnieuw.";
    }
  }

  /* ---------- render: draw the whole state ---------- */

  async render() {
    const ticket = ++this.renderTicket;
    const shown = shownPage(this.index, this.state, this.facets, this.pageSize);
    this.state = atPage(this.state, shown.page);
    this.renderChips();
    this.renderCounts(shown.visible);
    this.renderStatus(shown);
    this.renderContra();
    const cards = await this.store.get(shown.items);
    if (ticket !== this.renderTicket) return;
    this.renderCards(cards, shown);
    this.renderPager(shown.page, shown.pages);
    this.root.dispatchEvent(new CustomEvent("rk-rendered"));
  }

  renderChips() {
    const { state, view } = this;
    const items = [];
    const chip = (text, remove) => {
      const button = el("button", { type: "button", class: "rk-chip" }, text);
      button.append(el("span", { class: "rk-visually-hidden" }, " (filter verwijderen)"));
      button.addEventListener("click", () => {
        this.redraw(remove(this.state));
        (view.chips.querySelector("button") ?? view.resultsTitle).focus();
      });
      items.push(el("li"));
      items.at(-1).append(button);
    };
    if (state.q) chip(`Zoekwoorden: ${state.q}`, removeWords);
    if (state.profiel) {
      const radio = this.profileRadios.find((r) => r.value === state.profiel);
      if (radio) chip(`Gezinsprofiel: ${this.choiceLabel(radio)}`, removeProfile);
    }
    for (const key of this.facets) {
      for (const box of this.boxes(key)) {
        if (!state.filters[key].includes(box.value)) continue;
        chip(this.choiceLabel(box), (current) => removeValue(current, key, box.value));
      }
    }
    view.chips.replaceChildren(...items);
    view.chips.hidden = items.length === 0;
    view.activeLabel.textContent = `(${activeCount(state)} actief)`;
    for (const summary of view.form.querySelectorAll("[data-rk-chosen]")) {
      summary.textContent = chosenText(state, summary.dataset.rkChosen);
    }
  }

  renderCounts(visible) {
    const counts = facetCounts(this.index, this.state, this.facets, this.state.words.set);
    for (const key of this.facets) {
      for (const box of this.boxes(key)) {
        const target = this.countTarget(key, box.value);
        if (target) target.textContent = `(${counts[key][box.value] ?? 0})`;
      }
    }
    const excluded = contraCounts(this.index, visible);
    for (const radio of this.profileRadios) {
      const target = radio.value && this.countTarget("profiel", radio.value);
      if (target) target.textContent = excludedText(excluded[radio.value]);
    }
  }

  renderStatus(shown) {
    const { status, suggest } = this.view;
    const { suggestion } = this.state.words;
    status.textContent = statusText(this.index, this.state, shown);
    suggest.replaceChildren();
    suggest.hidden = !suggestion;
    if (!suggestion) return;
    const link = el("a", { href: this.urlFor(useSuggestion(this.state)) }, suggestion);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      this.redraw(useSuggestion(this.state));
    });
    suggest.append("Bedoelde u: ", link, "?");
  }

  renderContra() {
    const { contra } = this.view;
    contra.hidden = !this.state.profiel;
    for (const block of contra.querySelectorAll("[data-rk-contra]")) {
      block.hidden = block.dataset.rkContra !== this.state.profiel;
    }
  }

  /* The page's cards, each in its list: suitable, unstated, unsuitable. */
  renderCards(cards, shown) {
    const view = this.view;
    const groupOf = cardGroups(shown);
    const group = (name) => cards.filter((card) => groupOf(Number(card.dataset.rkNr)) === name);
    view.suitableList.replaceChildren(...group("suitable").map((card) => this.showCard(card, false)));
    view.unstatedList.replaceChildren(...group("unstated").map((card) => this.showCard(card, false)));
    view.unstatedList.hidden = view.unstatedTitle.hidden = view.unstatedNote.hidden = view.unstatedList.childElementCount === 0;
    view.unstatedNote.textContent = unstatedNote(this.index, shown);
    view.unsuitableList.replaceChildren(...group("unsuitable").map((card) => this.showCard(card, true)));
    view.unsuitableList.hidden = view.unsuitableTitle.hidden = view.unsuitableList.childElementCount === 0;
  }

  /* A card as this state shows it: marked when the chosen profile excludes it or it suits it. */
  showCard(card, unsuitable) {
    card.classList.toggle("rk-card-unsuitable", unsuitable);
    const suits = card.querySelector(".rk-card-suits");
    if (suits) suits.hidden = !showsSuits(this.state, unsuitable, card.dataset.rkSuits);
    return card;
  }

  renderPager(page, pages) {
    const { pager, resultsTitle } = this.view;
    pager.hidden = pages < 2;
    const step = (text, target, rel) => {
      if (target < 1 || target > pages) return el("span", { class: "md-button rk-pager-off", "aria-hidden": "true" }, text);
      const link = el("a", { class: "md-button", href: this.urlFor(toPage(this.state, target)), rel }, text);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        this.update(toPage(this.state, target)).then(() => resultsTitle.focus());
      });
      return link;
    };
    pager.replaceChildren(
      step("Vorige", page - 1, "prev"),
      el("span", { class: "rk-pager-where" }, `Pagina ${page} van ${pages}`),
      step("Volgende", page + 1, "next"),
    );
  }
}
