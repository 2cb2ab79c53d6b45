/* Words of a search query, beyond Pagefind's stemmer: folding, synonym variants and "Bedoelde u …?".
   Pure functions, no DOM. The build writes the data they use (generator/regiokaart/pages/search.py):
   synonym groups from the glossary (zoeken/synoniemen.json) and the words of the data with their
   counts (zoeken/woorden.json); both are folded like foldText (shared vectors in
   tests/fixtures/search/fold.json). */

export const MAX_VARIANTS = 6;
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

/** The queries to search for query: the query itself, then for each word or phrase of a synonym
    group in it the query with that part replaced by each other member of the group; at most max,
    without duplicates. groups: arrays of folded words or phrases ("tijdelijk huisverbod"). */
export function queryVariants(query, groups, max = MAX_VARIANTS) {
  const words = queryWords(query);
  if (!words.length) return [];
  const variants = [words.join(" ")];
  const add = (variant) => {
    if (variants.length < max && !variants.includes(variant)) variants.push(variant);
  };
  for (const group of groups) {
    /* Longest first: a word inside a phrase already found ("huisverbod" in "tijdelijk
       huisverbod") is not replaced on its own. */
    const members = group.map(queryWords).filter((member) => member.length);
    const covered = new Set();
    for (const member of [...members].sort((a, b) => b.length - a.length)) {
      for (let at = findPhrase(words, member); at >= 0; at = findPhrase(words, member, at + 1)) {
        const span = member.map((_, i) => at + i);
        if (span.some((i) => covered.has(i))) continue;
        span.forEach((i) => covered.add(i));
        for (const other of members) {
          if (other !== member) {
            add([...words.slice(0, at), ...other, ...words.slice(at + member.length)].join(" "));
          }
        }
      }
    }
  }
  return variants;
}

function findPhrase(words, phrase, from = 0) {
  for (let at = from; at + phrase.length <= words.length; at += 1) {
    if (phrase.every((word, i) => words[at + i] === word)) return at;
  }
  return -1;
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
    has one. */
export function suggestQuery(query, words) {
  let changed = false;
  const suggested = queryWords(query).map((word) => {
    const better = suggest(word, words);
    if (better) changed = true;
    return better ?? word;
  });
  return changed ? suggested.join(" ") : null;
}
