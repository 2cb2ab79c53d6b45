// Query words beyond the stemmer: folding, synonym variants, "Bedoelde u …?".
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import {
  editDistance,
  foldText,
  queryVariants,
  queryWords,
  suggest,
  suggestQuery,
} from "../../theme/assets/js/core/query-words.js";

const FOLD = JSON.parse(
  readFileSync(new URL("../fixtures/search/fold.json", import.meta.url), "utf-8"),
);

const GROUPS = [
  ["tijdelijk huisverbod", "huisverbod", "huisverboden"],
  ["pleger", "plegers", "plegeraanbod", "plegeraanpak"],
];

describe("foldText", () => {
  for (const [input, folded] of FOLD.vectors) {
    test(`${input} -> ${folded} (shared with the build)`, () => {
      assert.equal(foldText(input), folded);
    });
  }
  test("query words are folded and split on any white space", () => {
    assert.deepEqual(queryWords("  Tijdelijk\tHUISVERBOD "), ["tijdelijk", "huisverbod"]);
  });
});

describe("queryVariants", () => {
  test("an empty query has no variants", () => {
    assert.deepEqual(queryVariants("   ", GROUPS), []);
  });
  test("a query without synonyms is searched as it is", () => {
    assert.deepEqual(queryVariants("Agressie", GROUPS), ["agressie"]);
  });
  test("an irregular plural brings the singular and the phrase of its group", () => {
    assert.deepEqual(queryVariants("huisverboden", GROUPS), [
      "huisverboden",
      "tijdelijk huisverbod",
      "huisverbod",
    ]);
  });
  test("only the matching word is replaced; the rest of the query stays", () => {
    assert.deepEqual(queryVariants("plegeraanbod Almere", GROUPS), [
      "plegeraanbod almere",
      "pleger almere",
      "plegers almere",
      "plegeraanpak almere",
    ]);
  });
  test("a phrase member is replaced as a whole", () => {
    assert.deepEqual(queryVariants("tijdelijk huisverbod", GROUPS), [
      "tijdelijk huisverbod",
      "huisverbod",
      "huisverboden",
    ]);
  });
  test("never more than the cap, and no duplicates", () => {
    const variants = queryVariants("pleger huisverboden", GROUPS, 4);
    assert.equal(variants.length, 4);
    assert.equal(new Set(variants).size, 4);
  });
  test("accents in the query do not stop synonyms", () => {
    assert.ok(queryVariants("huisverbóden", GROUPS).includes("huisverbod"));
  });
});

describe("editDistance", () => {
  test("insertions, deletions, substitutions and transpositions cost one each", () => {
    assert.equal(editDistance("agresie", "agressie"), 1);
    assert.equal(editDistance("agressie", "agresie"), 1);
    assert.equal(editDistance("pelger", "pleger"), 1);
    assert.equal(editDistance("plegr", "pleger"), 1);
    assert.equal(editDistance("plegar", "pleger"), 1);
  });
  test("stops above the maximum", () => {
    assert.equal(editDistance("kind", "kindermishandeling"), 3);
    assert.equal(editDistance("abcdef", "uvwxyz"), 3);
  });
});

describe("suggest", () => {
  const WORDS = { agressie: 50, agressief: 5, pleger: 80, plegers: 40, regio: 30, regie: 10 };
  test("a misspelt word gets the closest occurring word", () => {
    assert.equal(suggest("agresie", WORDS), "agressie");
    assert.equal(suggest("Agresie", WORDS), "agressie");
  });
  test("the more frequent word wins among equally close ones", () => {
    assert.equal(suggest("regia", WORDS), "regio");
  });
  test("a word that occurs, a short word or a far word gets nothing", () => {
    assert.equal(suggest("pleger", WORDS), null);
    assert.equal(suggest("agr", WORDS), null);
    assert.equal(suggest("huisverbod", WORDS), null);
  });
  test("a query is corrected word by word, or null when nothing is to correct", () => {
    assert.equal(suggestQuery("agresie pleegr", WORDS), "agressie pleger");
    assert.equal(suggestQuery("agressie", WORDS), null);
  });
});
