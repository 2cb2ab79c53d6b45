// "Terug naar de sociale kaart" (core/back-link.js): back to the social map with the choice the
// visitor made there, and the plain link whenever the visitor came from anywhere else.
import assert from "node:assert/strict";
import { test } from "node:test";

import { backTarget } from "../../theme/assets/js/core/back-link.js";

const MAP = "https://portaal.example/sociale-kaart/";

test("from the social map with filters: back to those filters", () => {
  const from = "https://portaal.example/sociale-kaart/?gemeente=Almere&rol=pleger&pagina=2";
  assert.equal(backTarget(MAP, from), from);
});

test("the social map's index.html is the same page; the link keeps its own path", () => {
  const from = "https://portaal.example/sociale-kaart/index.html?q=agressie";
  assert.equal(backTarget(MAP, from), `${MAP}?q=agressie`);
});

test("a fragment in the referrer is not taken along", () => {
  assert.equal(backTarget(MAP, `${MAP}?rol=pleger#rk-results-title`), `${MAP}?rol=pleger`);
});

test("from the social map without a choice: the plain link", () => {
  assert.equal(backTarget(MAP, MAP), MAP);
});

test("from another page, another site or nowhere: the plain link", () => {
  assert.equal(backTarget(MAP, "https://portaal.example/organisaties/?rol=pleger"), MAP);
  assert.equal(backTarget(MAP, "https://portaal.example/sociale-kaart/pagina/2/?rol=pleger"), MAP);
  assert.equal(backTarget(MAP, "https://elders.example/sociale-kaart/?rol=pleger"), MAP);
  assert.equal(backTarget(MAP, ""), MAP);
});
