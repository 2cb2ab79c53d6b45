// The social map's pure rules: address <-> state, matching, counts per filter value, profile split.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  contraCounts,
  emptyState,
  facetCounts,
  matches,
  matchesFacet,
  matchesText,
  queryFromState,
  selectOffers,
  stateFromQuery,
} from "../../theme/assets/js/core/socialmap-filter.js";

const FACETS = ["gemeente", "doelgroep", "kader"];

function offer(id, filters, { zoektekst = id, past = [], contra = [] } = {}) {
  return { id, filters, zoektekst, past, contra };
}

const OFFERS = [
  offer("training", { gemeente: ["Noordstad"], doelgroep: ["plegers", "lvb"], kader: ["vrijwillig"] }, {
    zoektekst: "agressie training voor plegers met lvb",
    past: ["situationeel"],
  }),
  offer("mediation", { gemeente: ["Noordstad", "Zuidwijk"], doelgroep: ["gezin"], kader: ["vrijwillig"] }, {
    zoektekst: "mediation voor ouders en gezin",
    contra: ["intieme-terreur"],
  }),
  offer("reclassering", { gemeente: ["Zuidwijk"], doelgroep: ["plegers"], kader: ["strafrechtelijk"] }, {
    zoektekst: "toezicht door de reclassering",
    past: ["intieme-terreur"],
  }),
  offer("steungroep", { gemeente: [], doelgroep: ["slachtoffers"], kader: ["vrijwillig"] }, {
    zoektekst: "steungroep voor slachtoffers",
    past: ["intieme-terreur"],
    contra: ["situationeel"],
  }),
];

function state(overrides = {}) {
  const base = emptyState(FACETS);
  return { ...base, ...overrides, filters: { ...base.filters, ...overrides.filters } };
}

const ids = (offers) => offers.map((o) => o.id);

describe("state in the page address", () => {
  test("an empty address is the empty state", () => {
    assert.deepEqual(stateFromQuery("", FACETS), {
      q: "",
      profiel: "",
      filters: { gemeente: [], doelgroep: [], kader: [] },
    });
  });

  test("repeated parameters select several values; unknown parameters are ignored", () => {
    const s = stateFromQuery("?gemeente=Noordstad&gemeente=Zuidwijk&kleur=rood&profiel=intieme-terreur", FACETS);
    assert.deepEqual(s.filters.gemeente, ["Noordstad", "Zuidwijk"]);
    assert.equal(s.profiel, "intieme-terreur");
    assert.equal(Object.hasOwn(s.filters, "kleur"), false);
  });

  test("the query is decoded", () => {
    assert.equal(stateFromQuery("q=huis+verbod%26co", FACETS).q, "huis verbod&co");
  });

  test("only what is chosen is written, facets in their given order", () => {
    const s = state({ q: "", filters: { kader: ["vrijwillig"], gemeente: ["Noordstad"] } });
    assert.equal(queryFromState(s, FACETS), "gemeente=Noordstad&kader=vrijwillig");
    assert.equal(queryFromState(emptyState(FACETS), FACETS), "");
  });

  test("writing and reading again gives the same state, special characters included", () => {
    const s = state({
      q: "a&b=c ë",
      profiel: "intieme-terreur",
      filters: { gemeente: ["Noord stad", "Zuid&wijk"], doelgroep: ["lvb"] },
    });
    assert.deepEqual(stateFromQuery(`?${queryFromState(s, FACETS)}`, FACETS), s);
  });
});

describe("matching", () => {
  test("a facet with nothing selected matches every offer, also one without that facet", () => {
    assert.equal(matchesFacet(OFFERS[3], "gemeente", []), true);
    assert.equal(matchesFacet({ filters: {} }, "gemeente", []), true);
  });

  test("values within one facet combine with OR", () => {
    assert.equal(matchesFacet(OFFERS[0], "gemeente", ["Zuidwijk", "Noordstad"]), true);
    assert.equal(matchesFacet(OFFERS[2], "gemeente", ["Noordstad"]), false);
    assert.equal(matchesFacet({ filters: {} }, "gemeente", ["Noordstad"]), false);
  });

  test("every word must occur, case-insensitively, in any order", () => {
    assert.equal(matchesText(OFFERS[0], "Plegers  AGRESSIE"), true);
    assert.equal(matchesText(OFFERS[0], "plegers mediation"), false);
    assert.equal(matchesText(OFFERS[0], ""), true);
    assert.equal(matchesText(OFFERS[0], "train"), true, "a word matches inside a longer word");
  });

  test("facets combine with AND, and the excepted facet is ignored", () => {
    const s = state({ filters: { gemeente: ["Noordstad"], kader: ["strafrechtelijk"] } });
    assert.deepEqual(ids(OFFERS.filter((o) => matches(o, s, FACETS))), []);
    assert.deepEqual(ids(OFFERS.filter((o) => matches(o, s, FACETS, "kader"))), ["training", "mediation"]);
    assert.deepEqual(ids(OFFERS.filter((o) => matches(o, s, FACETS, "gemeente"))), ["reclassering"]);
  });

  test("the search words narrow as well", () => {
    const s = state({ q: "voor", filters: { kader: ["vrijwillig"] } });
    assert.deepEqual(ids(OFFERS.filter((o) => matches(o, s, FACETS))), ["training", "mediation", "steungroep"]);
  });
});

describe("selection by family profile", () => {
  test("without a profile nothing is unsuitable and the order is kept", () => {
    const { suitable, unsuitable } = selectOffers(OFFERS, state(), FACETS);
    assert.deepEqual(ids(suitable), ["training", "mediation", "reclassering", "steungroep"]);
    assert.deepEqual(unsuitable, []);
  });

  test("a profile puts contra-indicated offers apart and the offers that suit it first", () => {
    const { visible, suitable, unsuitable } = selectOffers(OFFERS, state({ profiel: "intieme-terreur" }), FACETS);
    assert.equal(visible.length, 4);
    assert.deepEqual(ids(unsuitable), ["mediation"]);
    assert.deepEqual(ids(suitable), ["reclassering", "steungroep", "training"]);
  });

  test("the profile split only applies to the offers the filters select", () => {
    const s = state({ profiel: "situationeel", filters: { doelgroep: ["plegers"] } });
    const { suitable, unsuitable } = selectOffers(OFFERS, s, FACETS);
    assert.deepEqual(ids(suitable), ["training", "reclassering"]);
    assert.deepEqual(unsuitable, []);
  });

  test("the offers passed in are not reordered", () => {
    const offers = [...OFFERS];
    selectOffers(offers, state({ profiel: "intieme-terreur" }), FACETS);
    assert.deepEqual(ids(offers), ids(OFFERS));
  });
});

describe("counts", () => {
  test("without a selection each value counts the offers that have it", () => {
    const counts = facetCounts(OFFERS, state(), FACETS);
    assert.deepEqual(counts.gemeente, { Noordstad: 2, Zuidwijk: 2 });
    assert.deepEqual(counts.doelgroep, { plegers: 2, lvb: 1, gezin: 1, slachtoffers: 1 });
    assert.deepEqual(counts.kader, { vrijwillig: 3, strafrechtelijk: 1 });
  });

  test("a facet's own selection does not narrow its counts, other facets and words do", () => {
    const counts = facetCounts(OFFERS, state({ filters: { gemeente: ["Zuidwijk"] } }), FACETS);
    assert.deepEqual(counts.gemeente, { Noordstad: 2, Zuidwijk: 2 });
    assert.deepEqual(counts.kader, { vrijwillig: 1, strafrechtelijk: 1 });
    const withWords = facetCounts(OFFERS, state({ q: "plegers" }), FACETS);
    assert.deepEqual(withWords.gemeente, { Noordstad: 1 });
  });

  test("a value listed twice on one offer counts that offer once", () => {
    const counts = facetCounts([offer("dubbel", { gemeente: ["Noordstad", "Noordstad"] })], state(), FACETS);
    assert.equal(counts.gemeente.Noordstad, 1);
  });

  test("contra-indications are counted per profile, zero included", () => {
    assert.deepEqual(contraCounts(OFFERS, ["intieme-terreur", "situationeel", "anders"]), {
      "intieme-terreur": 1,
      situationeel: 1,
      anders: 0,
    });
  });
});
