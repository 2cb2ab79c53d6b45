/* Sets of offer numbers as bitsets (Uint32Array, bit n of word n >> 5 for offer n), as the social
   map's filters.json gives them: a short set as a list of numbers, a larger one as base64 of the
   bytes (bit n of byte n >> 3). Operations return new sets; none changes its arguments. */

/** The number of 32-bit words for `total` offers. */
function words(total) {
  return (total + 31) >> 5;
}

/** An empty set for `total` offers. */
export function emptySet(total) {
  return new Uint32Array(words(total));
}

/** The set of all `total` offers. */
export function fullSet(total) {
  const set = new Uint32Array(words(total)).fill(0xffffffff);
  const rest = total & 31;
  if (rest) set[set.length - 1] = (2 ** rest - 1) >>> 0;
  return set;
}

/** The set of the given offer numbers. */
export function fromNumbers(list, total) {
  const set = emptySet(total);
  for (const n of list) {
    if (Number.isInteger(n) && n >= 0 && n < total) set[n >> 5] |= 1 << (n & 31);
  }
  return set;
}

/** A set as filters.json writes it: an array of numbers or a base64 bitset. */
export function decodeSet(encoded, total) {
  if (Array.isArray(encoded)) return fromNumbers(encoded, total);
  const bytes = Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0));
  const set = emptySet(total);
  for (let i = 0; i < bytes.length && i >> 2 < set.length; i++) set[i >> 2] |= bytes[i] << ((i & 3) * 8);
  return set;
}

/** Offers in both sets. */
export function and(a, b) {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

/** Offers in either set. */
export function or(a, b) {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] | b[i];
  return out;
}

/** Offers in a but not in b. */
export function andNot(a, b) {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & ~b[i];
  return out;
}

function bitCount(word) {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How many offers are in the set. */
export function count(set) {
  let total = 0;
  for (const word of set) total += bitCount(word);
  return total;
}

/** How many offers are in both sets (without making the intersection). */
export function countBoth(a, b) {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += bitCount(a[i] & b[i]);
  return total;
}

/** Whether offer n is in the set. */
export function has(set, n) {
  return n >= 0 && n >> 5 < set.length && (set[n >> 5] & (1 << (n & 31))) !== 0;
}

/** The offer numbers in the set, ascending. */
export function numbers(set) {
  const out = [];
  for (let i = 0; i < set.length; i++) {
    let word = set[i];
    while (word) {
      const low = word & -word;
      out.push((i << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
  return out;
}
