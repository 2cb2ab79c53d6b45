/* The national search's state and every decision about it, without DOM, window or fetch, so Node
   can test each one. national-search.js reads the form and the page, calls these and draws.

   The regions' search indexes come from the page (a JSON list the federation writes); each is
   merged into the national site's Pagefind under the filter regio = its name. Those indexes live
   on other hosts, so what they return is not trusted: a result's address becomes a link only
   when it is http(s), and its excerpt is read as text with hits marked, never as HTML.

   The state: the query and region searched (the part in the page address), Pagefind's results for
   them and the records shown of those, and per region whose index could not be searched, why. */

export const PAGE_SIZE = 10;
export const UNREACHABLE = "niet bereikbaar"; // the index did not load (network, CORS, too slow)
export const SEARCH_ERROR = "fout bij zoeken"; // searching with the index merged threw

const SEARCHABLE = new Set(["ok", "verouderd"]); // verouderd: not reached at the last run; try anyway
const WEB = new Set(["http:", "https:"]);

/* ---------- the regions' indexes ---------- */

/** The address of an index (absolute, ending in "/"), or null when it is not http(s) on the web
    or same-site (resolved against pageUrl), or carries credentials, a query or a fragment. */
function indexUrl(value, pageUrl) {
  if (typeof value !== "string") return null;
  let url;
  try {
    url = new URL(value, pageUrl);
  } catch {
    return null;
  }
  if (!WEB.has(url.protocol) || url.username || url.password || url.search || url.hash) return null;
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.href;
}

function readIndex(entry, pageUrl) {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return null;
  const name = typeof entry.name === "string" ? entry.name.trim() : "";
  const pagefind = indexUrl(entry.pagefind, pageUrl);
  if (!name || !pagefind || !SEARCHABLE.has(entry.status)) return null;
  /* A portal's feed names an index folder at its site's root (pagefind-landelijk/, before that
     pagefind/), so the site is the folder that holds it. */
  const site = new URL("../", pagefind).href;
  return { name, pagefind, site };
}

/**
 * The regions' indexes from the page's JSON list ([{name, pagefind, portal, status}]), in its
 * order: [{name, pagefind, site}], pagefind the index's address and site the address its pages'
 * links start with (given to Pagefind as baseUrl, so the two agree). An entry without a name, a
 * usable address or a searchable status is left out, as is a second entry with the same name or
 * index; text that is no such list gives none.
 */
export function readIndexes(text, pageUrl) {
  let list;
  try {
    list = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const indexes = [];
  const names = new Set();
  const addresses = new Set();
  for (const index of list.map((entry) => readIndex(entry, pageUrl))) {
    if (!index || names.has(index.name) || addresses.has(index.pagefind)) continue;
    names.add(index.name);
    addresses.add(index.pagefind);
    indexes.push(index);
  }
  return indexes;
}

/** Whether name is one of the regions. */
export function isRegion(indexes, name) {
  return indexes.some((index) => index.name === name);
}

/* ---------- the page address ---------- */

/** The search in a page address (?q=…&regio=…): a region that is not one of the indexes' is all. */
export function fromAddress(search, indexes) {
  const params = new URLSearchParams(search);
  const region = params.get("regio") ?? "";
  return { query: (params.get("q") ?? "").trim(), region: isRegion(indexes, region) ? region : "" };
}

/** The address of the page at pathname for a search (shareable). */
export function addressFor(pathname, { query, region }) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (region) params.set("regio", region);
  const encoded = params.toString();
  return pathname + (encoded ? `?${encoded}` : "");
}

/* ---------- the state and its changes ---------- */

/** The state at the start: the search in the page address, nothing found yet. */
export function startState(search, indexes) {
  return {
    ...fromAddress(search, indexes),
    busy: false,
    failed: false, // the search did not succeed at all
    results: [], // Pagefind's results, best first; each has data()
    loaded: 0, // how many of the results had their data asked for
    items: [], // the records shown (resultRecord), of the results loaded
    unloaded: 0, // results loaded whose data did not come
    apart: {}, // region → why its index is not searched (UNREACHABLE, SEARCH_ERROR)
    searchErrors: 0, // searches of the open indexes that threw since the last that did not
  };
}

/** A new search: nothing found yet; busy unless there is nothing to search. */
export function searching(state, query, region, indexes) {
  const chosen = isRegion(indexes, region) ? region : "";
  const busy = Boolean(query) && indexes.length > 0 && !state.apart[chosen];
  return { ...state, query, region: chosen, busy, failed: false, results: [], loaded: 0, items: [], unloaded: 0 };
}

/** The results found, with the records of the first page (null for one whose data did not come). */
export function searchFound(state, results, records) {
  return { ...moreFound({ ...state, results, loaded: 0, items: [], unloaded: 0 }, records), searchErrors: 0 };
}

/** The search did not succeed; the next starts afresh. */
export function searchFailed(state) {
  return { ...state, busy: false, failed: true, searchErrors: 0 };
}

/** The results whose data is to be loaded next: the next page. */
export function nextPage(state) {
  return state.results.slice(state.loaded, state.loaded + PAGE_SIZE);
}

/** Whether there are results beyond those loaded ("Meer resultaten"). */
export function hasMore(state) {
  return !state.busy && !state.failed && state.loaded < state.results.length;
}

export function loadingMore(state) {
  return { ...state, busy: true };
}

/** The records of the next page; a result whose data did not come (null) is counted, not shown. */
export function moreFound(state, records) {
  const shown = records.filter(Boolean);
  return {
    ...state,
    busy: false,
    loaded: state.loaded + records.length,
    items: [...state.items, ...shown],
    unloaded: state.unloaded + records.length - shown.length,
  };
}

/* ---------- regions whose index is not searched ---------- */

/** The regions named set apart, each with the reason (a region already apart keeps its first). */
export function setApart(state, names, reason) {
  const apart = { ...state.apart };
  for (const name of names) apart[name] ??= reason;
  return { ...state, apart };
}

/** The indexes to merge: those of the regions not set apart. */
export function regionsToMerge(indexes, state) {
  return indexes.filter((index) => !state.apart[index.name]);
}

/** Pagefind's options for the search: the chosen region, or all regions (which leaves out the
    national overview's own pages, whose filter regio is their own). */
export function searchOptions(state, indexes) {
  const regio = state.region || { any: indexes.map((index) => index.name) };
  return { filters: { regio } };
}

/**
 * What to do after searching the open indexes threw, merged the regions in them: retry is
 * whether to open the indexes again (without the regions then set apart) and search once more.
 * The first time they are opened again as they were (an instance can break, as a crashed web
 * worker did, without its indexes being at fault); the second time without the merged regions, as Pagefind does not say which
 * index failed; with none merged there is nothing left to leave out.
 */
export function afterSearchError(state, merged) {
  const errors = { ...state, searchErrors: state.searchErrors + 1 };
  if (errors.searchErrors === 1) return { state: errors, retry: true };
  if (merged.length) return { state: setApart(errors, merged, SEARCH_ERROR), retry: true };
  return { state: errors, retry: false };
}

/* ---------- a result ---------- */

/** url as an absolute http(s) address (resolved against pageUrl), or null: a javascript:, data:
    or other address from an index is never made a link. */
export function webUrl(url, pageUrl) {
  if (typeof url !== "string") return null;
  try {
    const resolved = new URL(url, pageUrl);
    return WEB.has(resolved.protocol) ? resolved.href : null;
  } catch {
    return null;
  }
}

/* The region a page belongs to: that of the index whose site its address starts with (the
   longest, for a portal in another's sub-folder). Pagefind's mergeFilter only filters; a merged
   page's data carries its own filters, which on a regional portal have no regio. */
function regionOfUrl(url, indexes) {
  if (!url) return null;
  const sites = indexes.filter((index) => url.startsWith(index.site));
  sites.sort((a, b) => b.site.length - a.site.length);
  return sites[0]?.name ?? null;
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(text) {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, name) => {
    if (name[0] !== "#") return ENTITIES[name] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : whole;
  });
}

/**
 * An excerpt as [{text, marked}]: Pagefind's excerpt is escaped text with <mark> around the hits,
 * but a fragment from another host can bring its own unescaped text (Pagefind escapes a fragment's
 * content only when the fragment has no raw_content), so only <mark> and </mark> are read as
 * markup; everything else is text, and entities are decoded as innerHTML would.
 */
export function excerptParts(excerpt) {
  if (typeof excerpt !== "string") return [];
  const parts = [];
  let marked = false;
  for (const piece of excerpt.split(/(<\/?mark>)/)) {
    if (piece === "<mark>" || piece === "</mark>") marked = piece === "<mark>";
    else if (piece) parts.push({ text: decodeEntities(piece), marked });
  }
  return parts;
}

const text = (value) => (typeof value === "string" ? value.trim() : "");

/**
 * The record shown for a result, from Pagefind's data: {title, url, details, excerpt}. url is an
 * absolute http(s) address or null (then the title is shown as text); title the page's title,
 * else its address; details the region and, where given, the effectiveness; excerpt
 * excerptParts. null when there is no data (its index failed to give it).
 */
export function resultRecord(data, indexes, pageUrl) {
  if (!data || typeof data !== "object") return null;
  const url = webUrl(data.url, pageUrl);
  const title = text(data.meta?.title) || text(data.url) || "Pagina zonder titel";
  const filtered = Array.isArray(data.filters?.regio) ? text(data.filters.regio[0]) : "";
  const region = regionOfUrl(url, indexes) ?? filtered;
  const effect = text(data.meta?.effectiviteit);
  const details = [region, effect && `Effectiviteit: ${effect}`].filter(Boolean).join(" · ");
  return { title, url, details, excerpt: excerptParts(data.excerpt) };
}

/* ---------- the status line ---------- */

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/* "Niet doorzocht: Utrecht, Zeeland (niet bereikbaar); Drenthe (fout bij zoeken).", regions in
   the order of the indexes, grouped by reason; empty when every region was searched. */
function apartNote(state, indexes) {
  const byReason = new Map();
  for (const { name } of indexes) {
    const reason = state.apart[name];
    if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), name]);
  }
  if (!byReason.size) return "";
  const groups = Array.from(byReason, ([reason, names]) => `${names.join(", ")} (${reason})`);
  return `Niet doorzocht: ${groups.join("; ")}.`;
}

/** The status line: searching, how many results where, which are shown, and which regions could
    not be searched. */
export function statusText(state, indexes) {
  if (state.failed) return "Zoeken is niet gelukt. Probeer het opnieuw, of bekijk het aanbod en de modules per regio.";
  if (!state.query) return "";
  if (!indexes.length) return "Er is geen regio om in te zoeken.";
  const reason = state.apart[state.region];
  if (state.region && reason) {
    return `${state.region} kon niet worden doorzocht (${reason}). Probeer het later opnieuw of kies een andere regio.`;
  }
  if (state.busy && !state.items.length) return "Zoeken…";
  const where = state.region ? `in ${state.region}` : "in alle regio's";
  const total = state.results.length;
  const lines = [
    total
      ? `${count(total, "resultaat", "resultaten")} voor “${state.query}” ${where}.`
      : `Geen resultaten voor “${state.query}” ${where}.`,
  ];
  if (state.items.length < total) lines.push(`${state.items.length} getoond.`);
  if (state.unloaded) {
    lines.push(`${count(state.unloaded, "resultaat kon", "resultaten konden")} niet worden geladen.`);
  }
  if (!state.region) lines.push(apartNote(state, indexes));
  return lines.filter(Boolean).join(" ");
}
