/* Reading a search query beyond Pagefind's stemmer: folding, the parts of a query with what to
   search for each (synonyms, places), the ranking of pages over those parts, and "Bedoelde u …?".
   Pure functions, no DOM. The build writes the data they use (generator/regiokaart/pages/search.py):
   the search vocabulary (zoeken/synoniemen.json: synonym groups from search.yaml and the glossary,
   words to ignore, places with the offers available there) and the words of the data with their
   counts (zoeken/woorden.json); both folded like foldText (shared vectors in
   tests/fixtures/search/fold.json). The portal's search box, its results page and the social map
   all read a query this way (pagefind-search.js). */

import { decodeSet, numbers } from "./bitset.js";

export const MAX_ALTERNATIVES = 8;
/* A word of a synonym group shorter than this is searched only when typed: Pagefind also finds
   the words it begins, so "art" searched for "agressietraining" would find "artikel". */
export const MIN_EXPANSION_LENGTH = 4;
export const MAX_DISTANCE = 2;
const MIN_SUGGEST_LENGTH = 4; // shorter words have too many neighbours at distance 2

/** Lower case without diacritics ("Agressié" -> "agressie"), as Pagefind matches words. */
export function foldText(text) {
  return String(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The folded words of a query ("Tijdelijk  Huisverbod" -> ["tijdelijk", "huisverbod"]). */
export function queryWords(query) {
  return foldText(query).split(/\s+/).filter(Boolean);
}

/**
 * The vocabulary as the build writes it, ready to read queries with.
 * @param {{groepen?: string[][], negeren?: string[], plaatsen?: Object<string, number[]|string>,
 *   aantal?: number}} json zoeken/synoniemen.json
 * @param {Object<string, number>|null} words zoeken/woorden.json's woorden (word: how often the
 *   data has it), to search a synonym only when its words occur; null: search every synonym
 */
export function readVocabulary(json = {}, words = null) {
  const phrases = new Map(); // first word -> [{words, group?, place?}]
  const add = (phrase, entry) => {
    if (!phrase.length) return;
    if (!phrases.has(phrase[0])) phrases.set(phrase[0], []);
    phrases.get(phrase[0]).push({ words: phrase, ...entry });
  };
  const ignore = new Set((json.negeren ?? []).map(foldText));
  for (const group of json.groepen ?? []) {
    const members = group.map(queryWords).filter((member) => member.length);
    for (const member of members) {
      /* An ignored word stays ignored: "om" is no Openbaar Ministerie in "hulp om te stoppen". */
      if (!(member.length === 1 && ignore.has(member[0]))) add(member, { group: members });
    }
  }
  const total = json.aantal ?? 0;
  for (const [place, encoded] of Object.entries(json.plaatsen ?? {})) {
    add(queryWords(place), { place: numbers(decodeSet(encoded, total)) });
  }
  return { phrases, ignore, words };
}

/* Whether the data has every word of a phrase (the words of woorden.json: runs of letters, at
   least 3). Pagefind searches a word it does not have as the longest word it has that begins it
   ("koppeltherapie": "koppel"), so a synonym that does not occur would find other things. */
function occurs(phrase, vocabulary) {
  if (!vocabulary.words) return true;
  const words = (phrase.match(/[a-z]+/g) ?? []).filter((word) => word.length >= 3);
  return words.every((word) => (vocabulary.words[word] ?? 0) > 0);
}

/* The longest phrase of the vocabulary at words[at], or null. */
function phraseAt(words, at, vocabulary) {
  let best = null;
  for (const entry of vocabulary.phrases.get(words[at]) ?? []) {
    const fits = entry.words.every((word, i) => words[at + i] === word);
    if (fits && (!best || entry.words.length > best.words.length)) best = entry;
  }
  return best;
}

/**
 * The parts of a query, each searched on its own: a phrase of a synonym group with its other
 * members, a place with the offers available there, or a single word. The longest phrase wins
 * ("tijdelijk huisverbod" is one part, not two). Ignored words (de, voor, …) are left out unless
 * the query has nothing else.
 * @returns {Array<{typed: string, alternatives: string[], place: number[]|null}>} per part what
 *   was typed, what to search for it (typed first, at most MAX_ALTERNATIVES), and for a place the
 *   numbers of the offers available there (then the place's name is searched as text as well).
 */
export function queryConcepts(query, vocabulary = readVocabulary()) {
  const words = queryWords(query);
  const parts = [];
  for (let at = 0; at < words.length; ) {
    const entry = phraseAt(words, at, vocabulary);
    const length = entry ? entry.words.length : 1;
    const typed = words.slice(at, at + length).join(" ");
    const synonyms = [];
    for (const member of entry?.group ?? []) {
      const text = member.join(" ");
      if (member.length === 1 && text.length < MIN_EXPANSION_LENGTH) continue;
      if (text !== typed && !synonyms.includes(text) && occurs(text, vocabulary)) synonyms.push(text);
    }
    const searchTyped = occurs(typed, vocabulary) || !synonyms.length;
    const alternatives = [...(searchTyped ? [typed] : []), ...synonyms].slice(0, MAX_ALTERNATIVES);
    const ignored = !entry && vocabulary.ignore.has(typed);
    parts.push({ typed, alternatives, place: entry?.place ?? null, ignored });
    at += length;
  }
  const kept = parts.some((part) => !part.ignored) ? parts.filter((part) => !part.ignored) : parts;
  return kept.map(({ typed, alternatives, place }) => ({ typed, alternatives, place }));
}

/**
 * Pages ranked over the parts of a query: those found for every part first, then those found
 * for most parts; among equals first the pages in preferred (the offers available in a place the
 * query names), then the higher score: the sum of each part's best score, times weight(id).
 * @param {Array<Map<string, number>>} scores per part, page id -> score
 * @param {{weight?: (id: string) => number, preferred?: Set<string>}} options
 * @returns {{ranked: Array<{id: string, matched: number, score: number}>, complete: number}}
 *   complete: how many pages (the first of ranked) were found for every part
 */
export function rankPages(scores, { weight = () => 1, preferred = new Set() } = {}) {
  const pages = new Map();
  for (const part of scores) {
    for (const [id, score] of part) {
      const page = pages.get(id) ?? { id, matched: 0, score: 0 };
      page.matched += 1;
      page.score += score;
      pages.set(id, page);
    }
  }
  for (const page of pages.values()) page.score *= weight(page.id);
  const first = (a, b) => Number(preferred.has(b.id)) - Number(preferred.has(a.id));
  const ranked = [...pages.values()].sort(
    (a, b) =>
      b.matched - a.matched || first(a, b) || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const complete = ranked.filter((page) => page.matched === scores.length).length;
  return { ranked, complete };
}

/* A name as compared with a query: folded words without punctuation or ignored words. */
function nameOf(text, vocabulary) {
  const words = foldText(text)
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .split(/\s+/)
    .filter((word) => word && !vocabulary.ignore.has(word));
  return words.join(" ");
}

/**
 * The names a query asks for by name: the query's parts as typed, and for a query of one part
 * each of its synonyms ("THV": "tijdelijk huisverbod"). A page called so is what was asked for.
 * @returns {Set<string>} names as pageName gives them
 */
export function queryNames(parts, vocabulary = readVocabulary()) {
  const names = new Set([nameOf(parts.map((part) => part.typed).join(" "), vocabulary)]);
  if (parts.length === 1) for (const text of parts[0].alternatives) names.add(nameOf(text, vocabulary));
  names.delete("");
  return names;
}

/** A page's title as queryNames gives names ("De Waag" -> "waag"). */
export function pageName(title, vocabulary = readVocabulary()) {
  return nameOf(title ?? "", vocabulary);
}

/** Edit distance with transpositions (optimal string alignment), or max + 1 when above max. */
export function editDistance(a, b, max = MAX_DISTANCE) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** The occurring word closest to word (distance at most 2, the most frequent among equals), or
    null when word occurs itself or nothing is close. words: {word: count}, folded. */
export function suggest(word, words) {
  const folded = foldText(word);
  if (folded.length < MIN_SUGGEST_LENGTH || Object.hasOwn(words, folded)) return null;
  let best = null;
  for (const [candidate, count] of Object.entries(words)) {
    const distance = editDistance(folded, candidate);
    if (distance > MAX_DISTANCE) continue;
    if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
      best = { word: candidate, distance, count };
    }
  }
  return best ? best.word : null;
}

/** The query with each word that does not occur replaced by its suggestion, or null when no word
    has one. A word that does not occur in the portal and is this close to one that does is an
    evident typing error: the portal searches the suggestion instead (and says so). */
export function suggestQuery(query, words) {
  let changed = false;
  const suggested = queryWords(query).map((word) => {
    const better = suggest(word, words);
    if (better) changed = true;
    return better ?? word;
  });
  return changed ? suggested.join(" ") : null;
}
