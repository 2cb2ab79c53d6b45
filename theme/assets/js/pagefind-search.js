/* The one place that loads Pagefind (self-hosted in pagefind/ at the site root) and searches it.
   The header search, the results page and the social map all call findPages, so a query means the
   same everywhere: each synonym variant of the query is searched and the results are joined, and
   a query with a word that does not occur in the data gets a "Bedoelde u …?" from the words that do. Everything is
   loaded on first use, relative to the site root, so the portal also works in a sub-folder. */

import { queryVariants, suggestQuery } from "./core/query-words.js";

let pagefind = null;
const jsonFiles = new Map();

/** The site root, from the header's data-rk-base (the engine's base_url, relative to the page). */
export function siteRoot(doc = document) {
  const base = doc.querySelector("[data-rk-base]")?.dataset.rkBase ?? ".";
  return new URL(base.endsWith("/") ? base : `${base}/`, doc.baseURI);
}

function loadPagefind() {
  if (!pagefind) {
    const root = siteRoot();
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
      await module.options({ baseUrl: root.pathname });
      await module.filters(); // loads the filter index, without which results carry no counts
      return module;
    });
    pagefind.catch(() => {
      pagefind = null; // try again on the next search
    });
  }
  return pagefind;
}

/* A small file the build writes next to the results page (zoeken/…), or fallback when missing. */
function loadJson(name, fallback) {
  if (!jsonFiles.has(name)) {
    const url = new URL(`zoeken/${name}`, siteRoot());
    jsonFiles.set(
      name,
      fetch(url)
        .then((response) => (response.ok ? response.json() : fallback))
        .catch(() => fallback),
    );
  }
  return jsonFiles.get(name);
}

/* Counts per filter key and value, summed over the variants' responses. */
function sumCounts(responses, field) {
  const total = {};
  for (const response of responses) {
    for (const [key, values] of Object.entries(response[field] ?? {})) {
      total[key] ??= {};
      for (const [value, count] of Object.entries(values)) {
        total[key][value] = (total[key][value] ?? 0) + count;
      }
    }
  }
  return total;
}

/**
 * Search the portal.
 * @param {string} query what the user typed
 * @param {{filters?: Object<string, string|string[]>}} options Pagefind filters, e.g. {soort: "aanbod"}
 * @returns {Promise<{results: Array<{id: string, score: number, data: () => Promise<object>}>,
 *   filters: Object<string, Object<string, number>>, totalFilters: Object<string, Object<string, number>>,
 *   variants: string[], suggestion: string|null}>}
 *   results: Pagefind's results of every variant, each page once, best score first (call data()
 *   for url, meta.title, excerpt, meta.effectiviteit, meta.werkgebied, filters); filters: per
 *   filter key and value the number of results with the given filters (summed over the variants,
 *   so a page found by two variants counts twice); totalFilters: the same without the given
 *   filters (for choosing a filter); variants: the queries searched; suggestion: the query with each
 *   word that does not occur in the data replaced by the closest word that does, or null.
 */
export async function findPages(query, { filters = {} } = {}) {
  const { groepen = [] } = await loadJson("synoniemen.json", {});
  const variants = queryVariants(query ?? "", groepen);
  if (!variants.length) return { results: [], filters: {}, totalFilters: {}, variants, suggestion: null };
  const module = await loadPagefind();
  const responses = await Promise.all(variants.map((variant) => module.search(variant, { filters })));
  const best = new Map();
  for (const response of responses) {
    for (const result of response.results) {
      const known = best.get(result.id);
      if (!known || known.score < result.score) best.set(result.id, result);
    }
  }
  const results = [...best.values()].sort((a, b) => b.score - a.score);
  /* Pagefind finds something for most misspellings (a stem, a part of the word), often nothing
     useful: a word that does not occur in the portal's texts gets a suggestion in any case. */
  const { woorden = {} } = await loadJson("woorden.json", {});
  const suggestion = suggestQuery(query, woorden);
  return {
    results,
    filters: sumCounts(responses, "filters"),
    totalFilters: sumCounts(responses, "totalFilters"),
    variants,
    suggestion,
  };
}

/** The address of the results page for query (and kind, when given), from the site root. */
export function resultsPageUrl(query, kind = "") {
  const url = new URL("zoeken/", siteRoot());
  url.searchParams.set("q", query);
  if (kind) url.searchParams.set("soort", kind);
  return url.href;
}
