// Offer sets as bitsets, as the social map's filters.json encodes them.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  and,
  andNot,
  count,
  countBoth,
  decodeSet,
  emptySet,
  fromNumbers,
  fullSet,
  has,
  numbers,
  or,
} from "../../theme/assets/js/core/bitset.js";

/* What generator/regiokaart/site/pages/socialmap.py writes for a large set: bit n of byte n // 8. */
function pythonBitset(list, total) {
  const bytes = new Uint8Array(Math.ceil(total / 8));
  for (const n of list) bytes[n >> 3] |= 1 << (n & 7);
  return Buffer.from(bytes).toString("base64");
}

describe("sets of offer numbers", () => {
  test("a list and a base64 bitset of the same numbers decode alike, across word edges", () => {
    const list = [0, 7, 8, 31, 32, 33, 63, 64, 99];
    const fromList = decodeSet(list, 100);
    const fromBits = decodeSet(pythonBitset(list, 100), 100);
    assert.deepEqual(numbers(fromList), list);
    assert.deepEqual(numbers(fromBits), list);
  });

  test("numbers outside 0..total-1 are left out", () => {
    assert.deepEqual(numbers(fromNumbers([-1, 3, 10, 2.5], 10)), [3]);
  });

  test("the full set has exactly total members, also when total is not a multiple of 32", () => {
    for (const total of [1, 31, 32, 33, 5000]) assert.equal(count(fullSet(total)), total);
    assert.equal(count(emptySet(40)), 0);
  });

  test("and, or, andNot and countBoth agree with plain set logic", () => {
    const a = fromNumbers([1, 2, 3, 40, 41], 64);
    const b = fromNumbers([2, 3, 4, 41, 63], 64);
    assert.deepEqual(numbers(and(a, b)), [2, 3, 41]);
    assert.deepEqual(numbers(or(a, b)), [1, 2, 3, 4, 40, 41, 63]);
    assert.deepEqual(numbers(andNot(a, b)), [1, 40]);
    assert.equal(countBoth(a, b), 3);
    assert.deepEqual(numbers(a), [1, 2, 3, 40, 41], "the arguments are unchanged");
  });

  test("has answers for members and non-members", () => {
    const set = fromNumbers([5, 37], 64);
    assert.equal(has(set, 37), true);
    assert.equal(has(set, 36), false);
    assert.equal(has(set, 999), false);
  });
});
