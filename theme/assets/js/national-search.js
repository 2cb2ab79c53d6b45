/* The national overview's search page ([data-rk-national-search]): one search over the Pagefind
   indexes of all regional portals. The national site's own Pagefind bundle is the engine; each
   region's index (the JSON list in #rk-national-indexes) is merged into one instance of it under
   the filter regio = the region's name, so its results link into the region's portal. A region
   whose index does not load is left out and named in the status line; the others are searched.
   Every decision is in core/national-search-state.js; this view wires the form, Pagefind and the
   list to it. The query and region are in the address (?q=…&regio=…): a search can be shared, and
   Back returns to the search before. Nothing is sent anywhere but Pagefind's fetches of the
   indexes, which start at the first search. */

import { el } from "./dom.js";
import { RANKING, siteRoot } from "./pagefind-search.js";
import {
  addressFor, afterSearchError, fromAddress, hasMore, isRegion, loadingMore, moreFound, nextPage, readIndexes,
  regionsToMerge, resultRecord, searchFailed, searchFound, searching, searchOptions, setApart, startState, statusText,
  UNREACHABLE,
} from "./core/national-search-state.js";

/* A region's index that has not loaded by then counts as unreachable: a host that drops packets
   would otherwise hold up every search until the browser gives up on it. */
export const MERGE_TIMEOUT_MS = 10000;
/* Pagefind searches in this page rather than in its web worker: the worker is a second copy of
   its engine (pagefind-worker.js, 41 kB) that the first search would load on top of pagefind.js,
   and a search over the regions' small merged indexes takes milliseconds. (The Content-Security-
   Policy allows the WebAssembly compiled in the page: 'wasm-unsafe-eval', site/csp.py.) */
const INSTANCE_OPTIONS = { noWorker: true };

let pagefind = null;

/* The national site's Pagefind bundle, the same module the header search uses; this page searches
   in an instance of its own, so the header keeps searching the overview alone. */
function loadPagefind() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", siteRoot()).href);
    pagefind.catch(() => {
      pagefind = null; // try again on the next search
    });
  }
  return pagefind;
}

/* Whether the region's index merged in time. */
function mergeRegion(instance, index) {
  const options = { baseUrl: index.site, mergeFilter: { regio: index.name }, ranking: RANKING };
  const merged = instance.mergeIndex(index.pagefind, options).then(
    () => true,
    () => false,
  );
  const late = new Promise((resolve) => setTimeout(resolve, MERGE_TIMEOUT_MS, false));
  return Promise.race([merged, late]);
}

/* One result: its title (a link when its address is http(s)), its region and effectiveness, and
   the excerpt with the hits marked (built from text, never parsed as HTML). */
function resultItem(record) {
  const li = el("li");
  const heading = el("h2");
  heading.append(record.url ? el("a", { href: record.url }, record.title) : record.title);
  const excerpt = el("p");
  excerpt.append(...record.excerpt.map((part) => (part.marked ? el("mark", {}, part.text) : part.text)));
  li.append(heading, el("p", { class: "rk-search-details" }, record.details), excerpt);
  return li;
}

/** Start the national search page. */
export function initNationalSearch(root) {
  new NationalSearch(root).start();
}

class NationalSearch {
  constructor(root) {
    const $ = (selector) => root.querySelector(selector);
    this.form = $("#rk-national-form");
    this.input = $("#rk-national-q");
    this.status = $("#rk-national-status");
    this.list = $("#rk-national-results");
    this.more = $("#rk-national-more");
    this.radios = Array.from(this.form.querySelectorAll('input[name="regio"]'));
    this.pageUrl = root.ownerDocument.baseURI;
    this.indexes = readIndexes($("#rk-national-indexes")?.textContent ?? "", this.pageUrl);
    this.state = startState("", this.indexes);
    this.opened = null; // the open Pagefind instance: a promise of {instance, merged}
    this.ticket = 0;
  }

  start() {
    /* A region without a usable index cannot be chosen. */
    for (const radio of this.radios) radio.disabled = Boolean(radio.value) && !isRegion(this.indexes, radio.value);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.searchFromForm();
    });
    for (const radio of this.radios) radio.addEventListener("change", () => this.searchFromForm());
    this.more.addEventListener("click", () => this.showMore());
    window.addEventListener("popstate", () => this.searchFromAddress());
    this.searchFromAddress();
  }

  searchFromAddress() {
    const { query, region } = fromAddress(window.location.search, this.indexes);
    this.input.value = query;
    this.search(query, region);
  }

  /* A new search is a new entry in the history, so Back returns to the one before. */
  searchFromForm() {
    const chosen = { query: this.input.value.trim(), region: this.radios.find((r) => r.checked)?.value ?? "" };
    const { pathname, search } = window.location;
    const address = addressFor(pathname, chosen);
    if (address !== addressFor(pathname, fromAddress(search, this.indexes))) {
      window.history.pushState(null, "", address);
    }
    this.search(chosen.query, chosen.region);
  }

  async search(query, region) {
    const ticket = ++this.ticket;
    this.state = searching(this.state, query, region, this.indexes);
    this.render();
    if (!this.state.busy) return;
    try {
      const results = await this.find();
      const records = await this.records(nextPage({ ...this.state, results }));
      if (ticket !== this.ticket) return;
      this.state = searchFound(this.state, results, records);
    } catch {
      if (ticket !== this.ticket) return;
      this.state = searchFailed(this.state);
    }
    this.render();
  }

  async showMore() {
    const ticket = this.ticket;
    const next = nextPage(this.state);
    this.state = loadingMore(this.state);
    this.render();
    const records = await this.records(next);
    if (ticket !== this.ticket) return;
    this.state = moreFound(this.state, records);
    const before = this.list.children.length;
    this.render();
    /* Keyboard and screen reader users continue at the first new result. */
    this.list.children[before]?.querySelector("a")?.focus();
  }

  /* The records of results; null for one whose data did not come (its host went away). */
  records(results) {
    return Promise.all(
      results.map((result) =>
        result.data().then(
          (data) => resultRecord(data, this.indexes, this.pageUrl),
          () => null,
        ),
      ),
    );
  }

  /* Pagefind's results for the state's query and region; when searching throws, the state module
     decides whether to open the indexes again (and without which regions) and search once more. */
  async find() {
    const opened = this.open();
    const { instance, merged } = await opened;
    try {
      const found = await instance.search(this.state.query, searchOptions(this.state, this.indexes));
      return found.results;
    } catch (error) {
      if (opened !== this.opened) return this.find(); // another search already opened them again
      const next = afterSearchError(this.state, merged);
      this.state = next.state;
      if (!next.retry) throw error;
      this.close();
      return this.find();
    }
  }

  open() {
    if (!this.opened) {
      const opening = this.openIndexes();
      this.opened = opening;
      opening.catch(() => {
        if (this.opened === opening) this.opened = null; // try again on the next search
      });
    }
    return this.opened;
  }

  close() {
    this.opened?.then(({ instance }) => instance.destroy(), () => {});
    this.opened = null;
  }

  /* A Pagefind instance over the national bundle and every region's index not set apart. A region
     whose index does not merge is set apart and the instance opened again without it: Pagefind
     keeps a merged index that failed, and then every search of that instance throws. */
  async openIndexes() {
    const module = await loadPagefind();
    for (;;) {
      const regions = regionsToMerge(this.indexes, this.state);
      const instance = module.createInstance({ ...INSTANCE_OPTIONS, baseUrl: siteRoot().pathname, ranking: RANKING });
      try {
        await instance.filters(); // the national bundle loads, or nothing can be searched
      } catch (error) {
        instance.destroy();
        throw error;
      }
      const loaded = await Promise.all(regions.map((index) => mergeRegion(instance, index)));
      const failed = regions.filter((_, i) => !loaded[i]).map((index) => index.name);
      if (!failed.length) return { instance, merged: regions.map((index) => index.name) };
      this.state = setApart(this.state, failed, UNREACHABLE);
      instance.destroy();
    }
  }

  render() {
    const { state } = this;
    for (const radio of this.radios) radio.checked = radio.value === state.region;
    this.status.textContent = statusText(state, this.indexes);
    if (this.list.children.length > state.items.length) this.list.replaceChildren();
    this.list.append(...state.items.slice(this.list.children.length).map(resultItem));
    this.more.hidden = !hasMore(state);
  }
}
