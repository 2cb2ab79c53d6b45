/* The one place that loads Pagefind (self-hosted in pagefind/ at the site root) and searches it.
   The header search, the results page and the social map all call findPages, so a query means the
   same everywhere: the query is read into parts (core/query-words.js: synonyms, places, words to
   ignore), each part is searched with all its alternatives, and the pages found for every part
   come first, ranked by their summed score. A query with a word that does not occur in the data
   gets a suggestion from the words that do. Everything is loaded on first use, relative to the
   site root, so the portal also works in a sub-folder. */

import {
  pageName,
  queryConcepts,
  queryNames,
  rankPages,
  readVocabulary,
  suggestQuery,
} from "./core/query-words.js";

/* Names and titles weigh more than body text. Pagefind counts a word in an h1 (a page's name) 7
   times and one in other headings 6 to 2 times, and a page whose title (its name, from the h1)
   has the word gets a boost of metaWeights.title: Pagefind's default 5, pinned here (10 let a
   title that merely begins with the word, "Gezinsprofielen" for "gezin", win too often). On top
   of that, a page called exactly what was asked for comes first (namesFirst). */
export const RANKING = { metaWeights: { title: 5 } };
/* The portal is first of all a map of the offers: among pages about as relevant, an offer comes
   before an organisation, module, bouwsteen or page of knowledge that names the same words. */
export const OFFER_WEIGHT = 2;
const OFFER_FILTER = "aanbod-nr"; // the number of an offer page (main.html; offer_order.py)
export const NAMES_CHECKED = 10; // the first results whose names are compared with the query

let pagefind = null;
const jsonFiles = new Map();
let vocabulary = null;
let offerPages = null;

/** The site root, from the header's data-rk-base (the engine's base_url, relative to the page). */
export function siteRoot(doc = document) {
  const base = doc.querySelector("[data-rk-base]")?.dataset.rkBase ?? ".";
  return new URL(base.endsWith("/") ? base : `${base}/`, doc.baseURI);
}

function loadPagefind() {
  if (!pagefind) {
    const root = siteRoot();
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
      await module.options({ baseUrl: root.pathname, ranking: RANKING });
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

/* The vocabulary and the words of the data, read once. */
async function loadVocabulary() {
  vocabulary ??= Promise.all([loadJson("synoniemen.json", {}), loadJson("woorden.json", {})]).then(
    ([json, words]) => ({ known: readVocabulary(json, words.woorden ?? null), words: words.woorden ?? {} }),
  );
  return vocabulary;
}

/* The ids of all offer pages (the Pagefind filter soort), searched once. */
function loadOfferPages(module) {
  offerPages ??= module
    .search(null, { filters: { soort: "aanbod" } })
    .then((response) => new Set(response.results.map((result) => result.id)));
  offerPages.catch(() => {
    offerPages = null;
  });
  return offerPages;
}

/* One part of a query: each alternative searched (a place: also the offers available there), a
   page's score its best over them, and the numbers of the offer pages found. A place only narrows
   what the other parts find, so it scores nothing beside them ("help for a pleger in <place>" is
   not about the offers that mention the place most); alone, the pages that mention it come first. */
async function searchPart(module, part, filters, alone) {
  const searches = part.alternatives.map((text) => module.search(text, { filters }));
  if (part.place) {
    const offers = { ...filters, [OFFER_FILTER]: { any: part.place.map(String) } };
    searches.push(module.search(null, { filters: offers }));
  }
  const responses = await Promise.all(searches);
  const scores = new Map();
  const results = new Map();
  const offers = new Set();
  const available = new Set(part.place ? responses.at(-1).results.map((result) => result.id) : []);
  responses.forEach((response, i) => {
    const narrowing = part.place && (!alone || i === responses.length - 1);
    for (const result of response.results) {
      const score = narrowing ? 0 : result.score;
      if (!scores.has(result.id) || scores.get(result.id) < score) scores.set(result.id, score);
      results.set(result.id, result);
    }
    for (const [number, count] of Object.entries(response.filters?.[OFFER_FILTER] ?? {})) {
      if (count > 0) offers.add(number);
    }
  });
  return { scores, results, offers, available };
}

/**
 * Search the portal.
 * @param {string} query what the user typed
 * @param {{filters?: Object<string, string|string[]>, correct?: boolean, names?: boolean}} options
 *   filters: Pagefind filters, e.g. {soort: "aanbod"}; correct: search the suggestion instead of
 *   a query with an evident typing error (a word that occurs nowhere, close to one that does);
 *   names: put a page called what was asked for first (loads the data of the first results)
 * @returns {Promise<{results: Array<{id: string, score: number, data: () => Promise<object>}>,
 *   partial: boolean, filters: Object<string, Object<string, number>>, searched: string,
 *   corrected: boolean, suggestion: string|null, parts: Array<object>}>}
 *   results: the pages found for every part of the query, best first (an offer available in a
 *   place the query names before other pages, and an offer's score counts OFFER_WEIGHT times),
 *   or when there are none, those found for most parts (partial is then true; still only where
 *   a place the query names has them); call data() for url, meta.title, excerpt,
 *   meta.effectiviteit, meta.werkgebied, meta.contra, filters. filters: {"aanbod-nr": {n: 1}} for each offer
 *   page found for every part. searched: the query searched; corrected: it is the suggestion, not
 *   what was typed. suggestion: what was typed with each word that does not occur in the data
 *   replaced by the closest word that does, or null. parts: the parts of the query searched.
 */
export async function findPages(query, { filters = {}, correct = false, names = false } = {}) {
  const { known, words } = await loadVocabulary();
  const typed = (query ?? "").trim();
  const suggestion = suggestQuery(typed, words);
  const corrected = Boolean(correct && suggestion);
  const searched = corrected ? suggestion : typed;
  const parts = queryConcepts(searched, known);
  const found = { results: [], partial: false, filters: {}, searched, corrected, suggestion, parts };
  if (!parts.length) return found;
  const module = await loadPagefind();
  const [offerIds, ...hits] = await Promise.all([
    loadOfferPages(module),
    ...parts.map((part) => searchPart(module, part, filters, parts.every((p) => p.place))),
  ]);
  const weight = (id) => (offerIds.has(id) ? OFFER_WEIGHT : 1);
  const preferred = new Set(hits.flatMap((hit) => [...hit.available]));
  const { ranked, complete } = rankPages(
    hits.map((hit) => hit.scores),
    { weight, preferred },
  );
  /* Without a page for every part, those for most parts; a place still narrows them. */
  const places = hits.filter((_, i) => parts[i].place);
  const pages = complete
    ? ranked.slice(0, complete)
    : ranked.filter(({ id }) => places.every((hit) => hit.scores.has(id)));
  found.partial = !complete && pages.length > 0;
  found.results = pages.map(({ id, score }) => {
    const result = hits.find((hit) => hit.results.has(id)).results.get(id);
    return { id, score, data: () => result.data() };
  });
  if (names) found.results = await namesFirst(found.results, queryNames(parts, known), known);
  const everywhere = hits.reduce((both, hit) => both.filter((n) => hit.offers.has(n)), [...hits[0].offers]);
  found.filters = { [OFFER_FILTER]: Object.fromEntries(everywhere.map((n) => [n, 1])) };
  return found;
}

/* The results among the first NAMES_CHECKED whose page is called what was asked for ("Blijf
   Groep", "THV": "Tijdelijk huisverbod"), first; the others in their order. */
async function namesFirst(results, asked, known) {
  const head = results.slice(0, NAMES_CHECKED);
  const titles = await Promise.all(head.map(async (result) => (await result.data()).meta?.title));
  const named = head.filter((_, i) => asked.has(pageName(titles[i], known)));
  return [...named, ...results.filter((result) => !named.includes(result))];
}

/** The address of the results page for query (and kind, when given), from the site root; with
    literal, the query is searched as typed even when it looks like a typing error. */
export function resultsPageUrl(query, kind = "", literal = false) {
  const url = new URL("zoeken/", siteRoot());
  url.searchParams.set("q", query);
  if (kind) url.searchParams.set("soort", kind);
  if (literal) url.searchParams.set("letterlijk", "ja");
  return url.href;
}
