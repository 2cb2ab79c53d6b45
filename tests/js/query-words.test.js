// Reading a query beyond the stemmer: folding, parts with synonyms and places, ranking, names, "Bedoelde u …?".
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import {
  editDistance,
  foldText,
  MAX_ALTERNATIVES,
  pageName,
  queryConcepts,
  queryNames,
  queryWords,
  rankPages,
  readVocabulary,
  suggest,
  suggestQuery,
} from "../../theme/assets/js/core/query-words.js";

const FOLD = JSON.parse(
  readFileSync(new URL("../fixtures/search/fold.json", import.meta.url), "utf-8"),
);

/* As zoeken/synoniemen.json has them (offers numbered 0..9). */
const VOCABULARY = {
  groepen: [
    ["tijdelijk huisverbod", "huisverbod", "huisverboden", "thv"],
    ["pleger", "plegers", "plegeraanbod", "plegeraanpak"],
    ["agressietraining", "agressie training", "agressieregulatie", "art"],
    ["openbaar ministerie", "om"],
  ],
  negeren: ["de", "een", "voor", "in", "om", "te"],
  aantal: 10,
  plaatsen: { almere: [1, 2, 5], lelystad: [2], "nieuw amsterdam": [7] },
};
const KNOWN = readVocabulary(VOCABULARY);
const alternatives = (query, known = KNOWN) => queryConcepts(query, known).map((part) => part.alternatives);

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

describe("queryConcepts", () => {
  test("an empty query has no parts", () => {
    assert.deepEqual(queryConcepts("   ", KNOWN), []);
  });
  test("a word without synonyms is searched as it is", () => {
    assert.deepEqual(alternatives("Agressie"), [["agressie"]]);
  });
  test("a word brings the other members of its group", () => {
    assert.deepEqual(alternatives("huisverboden"), [["huisverboden", "tijdelijk huisverbod", "huisverbod"]]);
  });
  test("the longest phrase is one part, not two", () => {
    assert.deepEqual(alternatives("tijdelijk huisverbod"), [["tijdelijk huisverbod", "huisverbod", "huisverboden"]]);
  });
  test("each part of a query is searched on its own", () => {
    assert.deepEqual(alternatives("agressietraining plegers"), [
      ["agressietraining", "agressie training", "agressieregulatie"],
      ["plegers", "pleger", "plegeraanbod", "plegeraanpak"],
    ]);
  });
  test("a short word of a group is searched only when typed", () => {
    assert.ok(!alternatives("huisverbod")[0].includes("thv"));
    assert.deepEqual(alternatives("THV"), [["thv", "tijdelijk huisverbod", "huisverbod", "huisverboden"]]);
  });
  test("ignored words are left out, unless the query has nothing else", () => {
    assert.deepEqual(alternatives("hulp voor een pleger"), [["hulp"], ["pleger", "plegers", "plegeraanbod", "plegeraanpak"]]);
    assert.deepEqual(alternatives("de een"), [["de"], ["een"]]);
  });
  test("an ignored word is no abbreviation: om stays out, Openbaar Ministerie does not come in", () => {
    assert.deepEqual(alternatives("hulp om te stoppen"), [["hulp"], ["stoppen"]]);
    assert.deepEqual(alternatives("openbaar ministerie"), [["openbaar ministerie"]]);
  });
  test("a municipality is a place with the offers available there", () => {
    const parts = queryConcepts("pleger Almere", KNOWN);
    assert.deepEqual(parts[1], { typed: "almere", alternatives: ["almere"], place: [1, 2, 5] });
    assert.equal(parts[0].place, null);
    assert.deepEqual(queryConcepts("nieuw amsterdam", KNOWN)[0].place, [7]);
  });
  test("places may come as a bitset, as filters.json writes them", () => {
    const known = readVocabulary({ aantal: 10, plaatsen: { urk: "JAA=" } }); // offers 2 and 5
    assert.deepEqual(queryConcepts("urk", known)[0].place, [2, 5]);
  });
  test("a synonym is searched only when the data has its words", () => {
    const words = { agressie: 10, training: 3, agressieregulatie: 0, agressietraining: 0 };
    const known = readVocabulary(VOCABULARY, words);
    assert.deepEqual(alternatives("agressietraining", known), [["agressie training"]]);
    assert.deepEqual(alternatives("agressieregulatie", known), [["agressie training"]]);
  });
  test("what was typed is searched when no synonym occurs either", () => {
    const known = readVocabulary(VOCABULARY, { iets: 1 });
    assert.deepEqual(alternatives("agressietraining", known), [["agressietraining"]]);
    assert.deepEqual(alternatives("onbekend", known), [["onbekend"]]);
  });
  test("never more than MAX_ALTERNATIVES", () => {
    const group = Array.from({ length: 20 }, (_, i) => `woord${"x".repeat(i)}`);
    const known = readVocabulary({ groepen: [group] });
    assert.equal(alternatives("woord", known)[0].length, MAX_ALTERNATIVES);
  });
  test("accents in the query do not stop synonyms", () => {
    assert.ok(alternatives("huisverbóden")[0].includes("huisverbod"));
  });
});

describe("rankPages", () => {
  const parts = [
    new Map([
      ["a", 5],
      ["b", 9],
      ["c", 1],
    ]),
    new Map([
      ["a", 5],
      ["c", 1],
      ["d", 50],
    ]),
  ];
  test("pages found for every part come first, by their summed score", () => {
    const { ranked, complete } = rankPages(parts);
    assert.equal(complete, 2);
    assert.deepEqual(
      ranked.map((page) => [page.id, page.matched, page.score]),
      [
        ["a", 2, 10],
        ["c", 2, 2],
        ["d", 1, 50],
        ["b", 1, 9],
      ],
    );
  });
  test("a weight multiplies a page's score", () => {
    const { ranked } = rankPages(parts, { weight: (id) => (id === "c" ? 10 : 1) });
    assert.deepEqual(ranked.slice(0, 2).map((page) => page.id), ["c", "a"]);
  });
  test("preferred pages come first among those found for as many parts", () => {
    const { ranked } = rankPages(parts, { preferred: new Set(["c", "b"]) });
    assert.deepEqual(ranked.map((page) => page.id), ["c", "a", "b", "d"]);
  });
  test("no parts, no pages", () => {
    assert.deepEqual(rankPages([]), { ranked: [], complete: 0 });
  });
});

describe("queryNames and pageName", () => {
  test("a query names what was typed, and for one part its synonyms", () => {
    const names = queryNames(queryConcepts("THV", KNOWN), KNOWN);
    assert.ok(names.has("thv") && names.has("tijdelijk huisverbod"));
    assert.ok(names.has(pageName("Tijdelijk huisverbod", KNOWN)));
  });
  test("ignored words and punctuation do not count", () => {
    assert.ok(queryNames(queryConcepts("de waag", KNOWN), KNOWN).has(pageName("De Waag", KNOWN)));
    assert.equal(pageName("Outreachend en betrokken!", KNOWN), "outreachend en betrokken");
  });
  test("a query of several parts names only all of them together", () => {
    const names = queryNames(queryConcepts("blijf groep", KNOWN), KNOWN);
    assert.deepEqual([...names], ["blijf groep"]);
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
