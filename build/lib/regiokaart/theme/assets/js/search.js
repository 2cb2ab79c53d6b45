/* Search (#rk-search-form) with Pagefind, self-hosted in pagefind/ at the site root: loaded on first
   use, with result links relative to this site so the portal also works in a sub-folder. */

import { el } from "./dom.js";

/** Start the search form; the query is in the page address (?q=…), so a search can be shared. */
export function initSearch(form) {
  const doc = form.ownerDocument;
  const input = form.querySelector("#rk-search-q");
  const status = doc.getElementById("rk-search-status");
  const list = doc.getElementById("rk-search-results");
  let pagefind = null;

  /* The search page is one folder below the site root. */
  function load() {
    if (!pagefind) {
      const siteRoot = new URL("../", window.location.href);
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (module) => {
        await module.options({ baseUrl: siteRoot.pathname });
        return module;
      });
    }
    return pagefind;
  }

  function result(item) {
    const li = el("li");
    const heading = el("h2");
    heading.append(el("a", { href: item.url }, item.meta?.title || item.url));
    li.append(heading);
    const excerpt = el("p");
    /* Pagefind's excerpt is escaped page text with <mark> around the hits. */
    excerpt.innerHTML = item.excerpt;
    li.append(excerpt);
    return li;
  }

  async function run(query) {
    list.replaceChildren();
    if (!query) {
      status.textContent = "";
      return;
    }
    status.textContent = "Zoeken…";
    try {
      const module = await load();
      const search = await module.search(query);
      const items = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
      status.textContent = `${search.results.length} resultaten voor “${query}”.`;
      list.append(...items.map(result));
    } catch {
      status.textContent = "Zoeken is niet gelukt. Probeer het opnieuw of gebruik de navigatie.";
    }
  }

  input.value = new URLSearchParams(window.location.search).get("q") ?? "";
  run(input.value.trim());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value.trim();
    window.history.replaceState(null, "", window.location.pathname + (query ? `?q=${encodeURIComponent(query)}` : ""));
    run(query);
  });
}
