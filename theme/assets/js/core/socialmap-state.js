/* The social map's state and every change to it, without DOM or window, so Node can test each
   one. socialmap.js reads the form, calls these transitions and draws the result.

   The state is the choice of core/socialmap-filter.js ({q, profiel, pagina, filters}, the part in
   the page address) with the words found for q: `words` is {q, set, suggestion, failed}, the offers
   the portal's search index finds for q (core/bitset.js), null as set when there are no words. The
   words arrive later than the choice (the search is asynchronous), so a new choice keeps the words
   it had until wordsFound replaces them. */

import { fromNumbers } from "./bitset.js";
import { emptyState, pageOf, selection, stateFromQuery, unstatedText } from "./socialmap-filter.js";

/** No search words, so no set of offers found for them. */
export const NO_WORDS = Object.freeze({ q: "", set: null, suggestion: null, failed: false });

/** The state at the start: the choice in the page address when it has one (a shared link), else
    the one in the form (the browser may keep what was ticked when the user comes back). */
export function startState(facets, search, formChoice) {
  const fromUrl = new URLSearchParams(search).toString() !== "";
  return { ...(fromUrl ? stateFromQuery(search, facets) : formChoice), words: NO_WORDS };
}

/** What the user chose in the form (a choice on page 1). */
export function choose(state, choice) {
  return { ...choice, words: state.words };
}

/** "Wis alle filters": nothing chosen. */
export function clearAll(state, facets) {
  return choose(state, emptyState(facets));
}

/** "Snel kiezen": the preset's values (a query string, "facet=value&…") ticked in choice (the
    form's), keeping what is already chosen there. */
export function addPreset(state, choice, preset) {
  const filters = { ...choice.filters };
  for (const [key, value] of new URLSearchParams(preset)) {
    if (filters[key] && !filters[key].includes(value)) filters[key] = [...filters[key], value];
  }
  return choose(state, { ...choice, filters });
}

/** A chip removed: the search words. */
export function removeWords(state) {
  return { ...state, q: "", pagina: 1 };
}

/** A chip removed: the family profile. */
export function removeProfile(state) {
  return { ...state, profiel: "", pagina: 1 };
}

/** A chip removed: one ticked value of a facet. */
export function removeValue(state, key, value) {
  const filters = { ...state.filters, [key]: state.filters[key].filter((v) => v !== value) };
  return { ...state, filters, pagina: 1 };
}

/** "Bedoelde u: …?": search the suggestion instead. */
export function useSuggestion(state) {
  return { ...state, q: state.words.suggestion, pagina: 1 };
}

/** Another page of the results (kept within the pages there are when drawn: atPage). */
export function toPage(state, page) {
  return { ...state, pagina: page };
}

/** The page shown, as shownPage clamped it. */
export function atPage(state, page) {
  return state.pagina === page ? state : { ...state, pagina: page };
}

/** Whether the words in state.q still have to be searched. */
export function needsWords(state) {
  return state.q !== state.words.q;
}

/** The words for q as the search found them: per offer number (filter "aanbod-nr"), the pages
    found; the suggestion for a typing error. total is the number of offers. */
export function foundWords(q, found, total) {
  const counts = found.filters?.["aanbod-nr"] ?? {};
  const hits = Object.keys(counts)
    .filter((n) => counts[n] > 0)
    .map(Number);
  return { q, set: fromNumbers(hits, total), suggestion: found.suggestion ?? null, failed: false };
}

/** The words for q when searching failed: they select nothing away (the filters still work). */
export function failedWords(q) {
  return { ...NO_WORDS, q, failed: true };
}

/** The words found for a search; an answer that comes after the words were changed again (or
    cleared, which starts no search) belongs to no state and is dropped. */
export function wordsFound(state, words) {
  return words.q === state.q ? { ...state, words } : state;
}

/**
 * What the state shows: selection()'s groups (visible, suitable, unstated, unstatedBy,
 * unsuitable) and, of them in that order, the page's offer numbers (items), the page (clamped)
 * and the number of pages.
 */
export function shownPage(index, state, facets, pageSize) {
  const picked = selection(index, state, facets, state.words.set);
  const ordered = picked.suitable.concat(picked.unstated, picked.unsuitable);
  return { ...picked, ...pageOf(ordered, state.pagina, pageSize) };
}

/** Per offer number on the page, the list its card goes in: "suitable", "unstated" or "unsuitable". */
export function cardGroups(shown) {
  const excluded = new Set(shown.unsuitable);
  const notStated = new Set(shown.unstated);
  return (nr) => {
    if (excluded.has(nr)) return "unsuitable";
    return notStated.has(nr) ? "unstated" : "suitable";
  };
}

/** Whether a card says it suits the chosen profile: it is not excluded, and suits (the card's
    profiles, space separated) names it. */
export function showsSuits(state, unsuitable, suits) {
  return Boolean(state.profiel) && !unsuitable && (suits ?? "").split(" ").includes(state.profiel);
}

/** The status line: how many offers are shown, which are apart and why, and whether the words failed. */
export function statusText(index, state, shown) {
  const count = shown.suitable.length;
  let message = count === index.total ? `${count} aanbod.` : `${count} van ${index.total} aanbod.`;
  if (state.profiel) message = `${count} van ${index.total} aanbod passend of niet uitgesloten.`;
  if (shown.unstated.length) {
    message += ` ${shown.unstated.length} apart omdat de bron het gekozen filter niet vermeldt (${unstatedText(index, shown.unstatedBy)}).`;
  }
  if (shown.unsuitable.length) {
    message += ` ${shown.unsuitable.length} niet geschikt bij het gekozen gezinsprofiel: die staan apart, na het andere aanbod.`;
  }
  if (state.words.failed) message += " Zoeken op woorden lukte niet; de filters werken wel.";
  return message;
}

/** The note above the offers whose source does not say whether they fit. */
export function unstatedNote(index, shown) {
  return `Aanbod waarvan de bron niet zegt of het past: ${unstatedText(index, shown.unstatedBy)}. Controleer het bij de aanbieder.`;
}

/** The count beside a profile: how many of the offers shown it excludes; empty when none. */
export function excludedText(count) {
  return count ? `(${count} niet geschikt)` : "";
}

/** Beside a facet's title: how many of its values are ticked; empty when none. */
export function chosenText(state, key) {
  const chosen = state.filters[key]?.length ?? 0;
  return chosen ? `(${chosen} gekozen)` : "";
}
