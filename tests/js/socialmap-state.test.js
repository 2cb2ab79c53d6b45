// The social map's state and its transitions (core/socialmap-state.js), without a browser: each
// choice the user makes, the words found later, and what the page then shows and says.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { fromNumbers, numbers } from "../../theme/assets/js/core/bitset.js";
import { emptyState, readIndex } from "../../theme/assets/js/core/socialmap-filter.js";
import {
  addPreset, atPage, cardGroups, choose, chosenText, clearAll, excludedText, failedWords, foundWords, NO_WORDS,
  needsWords, removeProfile, removeValue, removeWords, shownPage, showsSuits, startState, statusText, toPage,
  unstatedNote, useSuggestion, wordsFound,
} from "../../theme/assets/js/core/socialmap-state.js";

const FACETS = ["gemeente", "rol", "leeftijd"];

/* Six offers, numbered in name order (as in socialmap-filter.test.js, and one whose source does
   not say for whom or for which age):
   0 agressietraining: Noordstad, pleger, jeugd
   1 mediation:        everywhere, gezin, volwassenen; contra intieme-terreur
   2 reclassering:     Zuidwijk, pleger, volwassenen; suits intieme-terreur
   3 steungroep:       everywhere, slachtoffer, jeugd + volwassenen
   4 jeugdreclassering: Noordstad, pleger, jeugd; suits intieme-terreur
   5 inloop:           everywhere; for whom and age not stated */
const INDEX = readIndex({
  versie: 1,
  aantal: 6,
  per_pagina: 2,
  facetten: {
    gemeente: { alle: [1, 3, 5], waarden: { Noordstad: [0, 4], Zuidwijk: [2] } },
    rol: { alle: [], waarden: { pleger: [0, 2, 4], gezin: [1], slachtoffer: [3] }, onbekend: [5], onbekend_label: "voor wie" },
    leeftijd: { alle: [], waarden: { jeugd: [0, 3, 4], volwassenen: [1, 2, 3] }, onbekend: [5], onbekend_label: "leeftijd" },
  },
  past: { "intieme-terreur": [2, 4] },
  contra: { "intieme-terreur": [1] },
});

function choice(filters = {}, extra = {}) {
  const chosen = emptyState(FACETS);
  Object.assign(chosen.filters, filters);
  return Object.assign(chosen, extra);
}

const words = (q, hits, suggestion = null) => ({ q, set: fromNumbers(hits, INDEX.total), suggestion, failed: false });

describe("the state at the start", () => {
  test("a shared address gives the choice; without one, the form's choice", () => {
    const form = choice({ rol: ["gezin"] });
    const shared = startState(FACETS, "?rol=pleger&pagina=2", form);
    assert.deepEqual(shared.filters.rol, ["pleger"]);
    assert.equal(shared.pagina, 2);
    assert.equal(shared.words, NO_WORDS);
    const fromForm = startState(FACETS, "", form);
    assert.deepEqual(fromForm, { ...form, words: NO_WORDS });
    assert.deepEqual(startState(FACETS, "?", form).filters.rol, ["gezin"], "an empty query is no address");
  });
});

describe("the user's choices", () => {
  const before = { ...choice({ rol: ["pleger"] }, { q: "agressie", pagina: 3 }), words: words("agressie", [0]) };

  test("the form's choice is taken on page 1; the words found so far stay until new ones are found", () => {
    const next = choose(before, choice({ leeftijd: ["jeugd"] }, { q: "training" }));
    assert.deepEqual(next.filters, { gemeente: [], rol: [], leeftijd: ["jeugd"] });
    assert.equal(next.pagina, 1);
    assert.equal(next.words, before.words);
    assert.equal(needsWords(next), true);
    assert.equal(needsWords(before), false);
  });

  test("clearing all chooses nothing", () => {
    const next = clearAll(before, FACETS);
    assert.deepEqual(next, { ...choice(), words: before.words });
  });

  test("a preset ticks its values beside what the form already has, once each", () => {
    const form = choice({ rol: ["pleger"] });
    const next = addPreset(before, form, "rol=pleger&rol=slachtoffer&leeftijd=jeugd&onbekend=x");
    assert.deepEqual(next.filters, { gemeente: [], rol: ["pleger", "slachtoffer"], leeftijd: ["jeugd"] });
    assert.deepEqual(form.filters.rol, ["pleger"], "the form's choice is not changed");
    assert.equal(next.words, before.words);
  });

  test("a chip removes its words, its profile or its value, and goes back to page 1", () => {
    const chosen = { ...before, profiel: "intieme-terreur", filters: { ...before.filters, rol: ["pleger", "gezin"] } };
    assert.deepEqual([removeWords(chosen).q, removeWords(chosen).pagina], ["", 1]);
    assert.deepEqual([removeProfile(chosen).profiel, removeProfile(chosen).pagina], ["", 1]);
    const less = removeValue(chosen, "rol", "pleger");
    assert.deepEqual([less.filters.rol, less.pagina], [["gezin"], 1]);
    assert.deepEqual(chosen.filters.rol, ["pleger", "gezin"], "the state before is not changed");
  });

  test("the suggestion is searched instead of the words typed", () => {
    const next = useSuggestion({ ...before, words: words("agresie", [], "agressie") });
    assert.deepEqual([next.q, next.pagina], ["agressie", 1]);
  });

  test("another page; a page past the end is shown as the last", () => {
    assert.equal(toPage(before, 2).pagina, 2);
    assert.equal(atPage(before, 3), before);
    assert.equal(atPage(before, 1).pagina, 1);
  });
});

describe("the search words", () => {
  test("the offers found, by number, with the suggestion; a failed search selects nothing away", () => {
    const found = foundWords("agressie", { filters: { "aanbod-nr": { 0: 2, 4: 1, 3: 0 } }, suggestion: "agressief" }, INDEX.total);
    assert.deepEqual(numbers(found.set), [0, 4]);
    assert.deepEqual([found.q, found.suggestion, found.failed], ["agressie", "agressief", false]);
    const nothing = foundWords("xyz", {}, INDEX.total);
    assert.deepEqual([numbers(nothing.set), nothing.suggestion], [[], null]);
    assert.deepEqual(failedWords("x"), { q: "x", set: null, suggestion: null, failed: true });
  });

  test("the words found are kept with the state", () => {
    const state = { ...choice({}, { q: "x" }), words: NO_WORDS };
    const found = words("x", [1]);
    assert.equal(wordsFound(state, found).words, found);
    assert.equal(needsWords(wordsFound(state, found)), false);
  });

  test("words that come after the search box was cleared are dropped (clearing starts no search)", () => {
    const cleared = { ...choice({}, { q: "" }), words: NO_WORDS };
    assert.equal(needsWords(cleared), false);
    assert.equal(wordsFound(cleared, words("agressie", [1])), cleared);
    const retyped = { ...choice({}, { q: "agressief" }), words: NO_WORDS };
    assert.equal(wordsFound(retyped, words("agressie", [1])).words, NO_WORDS);
  });
});

describe("what the state shows", () => {
  test("the page of offers, in the order shown, and the list each card goes in", () => {
    const state = { ...choice({ rol: ["pleger"] }, { profiel: "intieme-terreur", pagina: 9 }), words: NO_WORDS };
    const shown = shownPage(INDEX, state, FACETS, 2);
    assert.deepEqual([shown.suitable, shown.unstated, shown.unsuitable], [[2, 4, 0], [5], []]);
    assert.deepEqual([shown.items, shown.page, shown.pages], [[0, 5], 2, 2]);
    const group = cardGroups({ unstated: [5], unsuitable: [1] });
    assert.deepEqual([0, 1, 5].map(group), ["suitable", "unsuitable", "unstated"]);
  });

  test("the words narrow what is shown", () => {
    const state = { ...choice(), words: words("x", [3, 4]) };
    assert.deepEqual(shownPage(INDEX, state, FACETS, 10).items, [3, 4]);
  });

  test("a card says it suits the chosen profile when it is not excluded and names it", () => {
    const state = choice({}, { profiel: "intieme-terreur" });
    assert.equal(showsSuits(state, false, "gezin-in-de-stress intieme-terreur"), true);
    assert.equal(showsSuits(state, true, "intieme-terreur"), false);
    assert.equal(showsSuits(state, false, undefined), false);
    assert.equal(showsSuits(choice(), false, ""), false);
  });

  test("the status says how many are shown, which are apart and why, and a failed search", () => {
    const plain = { ...choice(), words: NO_WORDS };
    assert.equal(statusText(INDEX, plain, shownPage(INDEX, plain, FACETS, 25)), "6 aanbod.");
    const narrowed = { ...choice({ rol: ["pleger"] }), words: failedWords("x") };
    assert.equal(
      statusText(INDEX, narrowed, shownPage(INDEX, narrowed, FACETS, 25)),
      "3 van 6 aanbod. 1 apart omdat de bron het gekozen filter niet vermeldt (voor wie niet vermeld in de bron: 1). Zoeken op woorden lukte niet; de filters werken wel.",
    );
    const profile = { ...choice({}, { profiel: "intieme-terreur" }), words: NO_WORDS };
    assert.equal(
      statusText(INDEX, profile, shownPage(INDEX, profile, FACETS, 25)),
      "5 van 6 aanbod passend of niet uitgesloten. 1 niet geschikt bij het gekozen gezinsprofiel: die staan apart, na het andere aanbod.",
    );
    assert.equal(
      unstatedNote(INDEX, shownPage(INDEX, narrowed, FACETS, 25)),
      "Aanbod waarvan de bron niet zegt of het past: voor wie niet vermeld in de bron: 1. Controleer het bij de aanbieder.",
    );
  });

  test("the counts beside a profile and a facet", () => {
    assert.equal(excludedText(3), "(3 niet geschikt)");
    assert.equal(excludedText(0), "");
    assert.equal(excludedText(undefined), "");
    const chosen = choice({ rol: ["pleger", "gezin"] });
    assert.equal(chosenText(chosen, "rol"), "(2 gekozen)");
    assert.equal(chosenText(chosen, "gemeente"), "");
    assert.equal(chosenText(chosen, "profiel"), "");
  });
});
