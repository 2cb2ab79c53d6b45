// The social map's pure rules: address <-> state, AND across facets and OR within one, counts per
// filter value, the split by family profile and paging, over an index as filters.json writes it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { fromNumbers, numbers } from "../../theme/assets/js/core/bitset.js";
import {
  activeCount,
  contraCounts,
  emptyState,
  facetCounts,
  pageOf,
  queryFromState,
  readIndex,
  selection,
  stateFromQuery,
  unstatedText,
} from "../../theme/assets/js/core/socialmap-filter.js";

const FACETS = ["gemeente", "rol", "leeftijd"];

/* Five offers, numbered in name order:
   0 agressietraining: Noordstad, pleger, jeugd
   1 mediation:        everywhere (regional), gezin, volwassenen; contra intieme-terreur
   2 reclassering:     Zuidwijk, pleger, volwassenen; suits intieme-terreur
   3 steungroep:       everywhere, slachtoffer, jeugd + volwassenen + alle-leeftijden
   4 jeugdreclassering: Noordstad, pleger, jeugd; suits intieme-terreur */
const JSON_INDEX = {
  versie: 1,
  aantal: 5,
  per_pagina: 2,
  facetten: {
    gemeente: { alle: [1, 3], waarden: { Noordstad: [0, 4], Zuidwijk: [2] } },
    rol: { alle: [], waarden: { pleger: [0, 2, 4], gezin: [1], slachtoffer: [3] } },
    leeftijd: {
      alle: [],
      waarden: { jeugd: [0, 3, 4], volwassenen: [1, 2, 3], "alle-leeftijden": [3], onbekend: [] },
    },
  },
  past: { "intieme-terreur": [2, 4], "gezin-in-de-stress": [] },
  contra: { "intieme-terreur": [1], "gezin-in-de-stress": [] },
};
const INDEX = readIndex(JSON_INDEX);

function state(filters = {}, extra = {}) {
  const s = emptyState(FACETS);
  Object.assign(s.filters, filters);
  return Object.assign(s, extra);
}

describe("state in the page address", () => {
  test("round trip keeps words, profile, every value and the page", () => {
    const s = state({ gemeente: ["Noordstad", "Zuidwijk"], rol: ["pleger"] }, { q: "agressie", profiel: "intieme-terreur", pagina: 3 });
    const query = queryFromState(s, FACETS);
    assert.equal(query, "q=agressie&profiel=intieme-terreur&gemeente=Noordstad&gemeente=Zuidwijk&rol=pleger&pagina=3");
    assert.deepEqual(stateFromQuery(`?${query}`, FACETS), s);
  });

  test("page 1 is not written, and a bad page number reads as 1", () => {
    assert.equal(queryFromState(state(), FACETS), "");
    assert.equal(stateFromQuery("?pagina=abc", FACETS).pagina, 1);
    assert.equal(stateFromQuery("?pagina=-2", FACETS).pagina, 1);
  });

  test("active choices count words, profile and ticked values", () => {
    assert.equal(activeCount(state()), 0);
    assert.equal(activeCount(state({ rol: ["pleger"], leeftijd: ["jeugd"] }, { q: "x", profiel: "p" })), 4);
  });
});

describe("which offers the filters select", () => {
  test("nothing chosen selects every offer in name order", () => {
    assert.deepEqual(selection(INDEX, state(), FACETS, null).suitable, [0, 1, 2, 3, 4]);
  });

  test("a youth offender in Noordstad: facets combine with AND", () => {
    const chosen = state({ rol: ["pleger"], leeftijd: ["jeugd"], gemeente: ["Noordstad"] });
    assert.deepEqual(selection(INDEX, chosen, FACETS, null).suitable, [0, 4]);
    // Adults only: the perpetrator offer for adults is in Zuidwijk, not Noordstad.
    const adults = state({ rol: ["pleger"], leeftijd: ["volwassenen"], gemeente: ["Noordstad"] });
    assert.deepEqual(selection(INDEX, adults, FACETS, null).suitable, []);
  });

  test("values within one facet combine with OR", () => {
    assert.deepEqual(selection(INDEX, state({ rol: ["gezin", "slachtoffer"] }), FACETS, null).suitable, [1, 3]);
  });

  test("a regional offer (the facet's 'alle') is in every municipality", () => {
    assert.deepEqual(selection(INDEX, state({ gemeente: ["Zuidwijk"] }), FACETS, null).suitable, [1, 2, 3]);
  });

  test("an unknown value selects nothing rather than everything", () => {
    assert.deepEqual(selection(INDEX, state({ rol: ["bestaat-niet"] }), FACETS, null).suitable, []);
  });

  test("the search words' set narrows like one more facet", () => {
    const words = fromNumbers([2, 3], 5);
    assert.deepEqual(selection(INDEX, state({ rol: ["pleger"] }), FACETS, words).suitable, [2]);
  });

  test("a profile puts the offers that suit it first and the contra-indicated ones apart", () => {
    const chosen = selection(INDEX, state({}, { profiel: "intieme-terreur" }), FACETS, null);
    assert.deepEqual(chosen.suitable, [2, 4, 0, 3]);
    assert.deepEqual(chosen.unsuitable, [1]);
    assert.deepEqual(numbers(chosen.visible), [0, 1, 2, 3, 4]);
  });
});

describe("offers whose source does not state a chosen facet", () => {
  /* Six offers: 5 states no age and no role; 1 is contra-indicated for intieme terreur. */
  const WITH_UNSTATED = readIndex({
    ...JSON_INDEX,
    aantal: 6,
    facetten: {
      ...JSON_INDEX.facetten,
      gemeente: { alle: [1, 3, 5], waarden: { Noordstad: [0, 4], Zuidwijk: [2] }, onbekend: [] },
      rol: { ...JSON_INDEX.facetten.rol, onbekend: [5], onbekend_label: "voor wie" },
      leeftijd: { ...JSON_INDEX.facetten.leeftijd, onbekend: [5], onbekend_label: "leeftijd" },
    },
    past: { "intieme-terreur": [2, 4] },
    contra: { "intieme-terreur": [1] },
  });

  test("are kept apart with their count per facet, never mixed in or dropped", () => {
    const chosen = selection(WITH_UNSTATED, state({ rol: ["pleger"], leeftijd: ["jeugd"] }), FACETS, null);
    assert.deepEqual(chosen.suitable, [0, 4]);
    assert.deepEqual(chosen.unstated, [5]);
    assert.deepEqual(chosen.unstatedBy, { rol: 1, leeftijd: 1 });
    assert.equal(
      unstatedText(WITH_UNSTATED, chosen.unstatedBy),
      "voor wie niet vermeld in de bron: 1; leeftijd niet vermeld in de bron: 1",
    );
  });

  test("an offer that contradicts another chosen facet is not shown as unstated", () => {
    const elsewhere = selection(WITH_UNSTATED, state({ gemeente: ["Zuidwijk"], leeftijd: ["jeugd"] }), FACETS, null);
    assert.deepEqual(elsewhere.suitable, [3]);
    assert.deepEqual(elsewhere.unstated, [5]);
    const nobody = selection(WITH_UNSTATED, state({ rol: ["slachtoffer"] }), FACETS, fromNumbers([0, 1], 6));
    assert.deepEqual(nobody.unstated, []);
  });

  test("nothing chosen: no unstated group", () => {
    const all = selection(WITH_UNSTATED, state(), FACETS, null);
    assert.deepEqual(all.unstated, []);
    assert.deepEqual(all.unstatedBy, {});
  });

  test("a contra-indication under the chosen profile wins over unstated", () => {
    const index = readIndex({
      ...JSON_INDEX,
      aantal: 6,
      facetten: { ...JSON_INDEX.facetten, rol: { ...JSON_INDEX.facetten.rol, onbekend: [1, 5] } },
      contra: { "intieme-terreur": [1] },
    });
    const chosen = selection(index, state({ rol: ["pleger"] }, { profiel: "intieme-terreur" }), FACETS, null);
    assert.deepEqual(chosen.unstated, [5]);
    assert.deepEqual(chosen.unsuitable, [1]);
  });
});

describe("counts", () => {
  test("a facet's counts ignore its own choice and follow the others", () => {
    const counts = facetCounts(INDEX, state({ rol: ["pleger"], gemeente: ["Noordstad"] }), FACETS, null);
    assert.deepEqual(counts.rol, { pleger: 2, gezin: 1, slachtoffer: 1 });
    assert.deepEqual(counts.gemeente, { Noordstad: 2, Zuidwijk: 1 });
    assert.deepEqual(counts.leeftijd, { jeugd: 2, volwassenen: 0, "alle-leeftijden": 0, onbekend: 0 });
  });

  test("contra counts are taken over the visible offers", () => {
    const visible = selection(INDEX, state({ rol: ["gezin"] }), FACETS, null).visible;
    assert.deepEqual(contraCounts(INDEX, visible), { "intieme-terreur": 1, "gezin-in-de-stress": 0 });
  });
});

describe("paging", () => {
  test("a page holds page-size items and the page number is clamped", () => {
    assert.deepEqual(pageOf([1, 2, 3, 4, 5], 2, 2), { items: [3, 4], page: 2, pages: 3 });
    assert.deepEqual(pageOf([1, 2, 3, 4, 5], 9, 2), { items: [5], page: 3, pages: 3 });
    assert.deepEqual(pageOf([], 1, 2), { items: [], page: 1, pages: 1 });
  });
});
