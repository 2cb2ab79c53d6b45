// The national search's state (core/national-search-state.js), without a browser: the regions'
// index list as the page gives it (and as a hostile one might), the page address, a search and its
// pages, the regions left out when their index fails, the record shown per result and the status.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  addressFor, afterSearchError, excerptParts, fromAddress, hasMore, isRegion, loadingMore, moreFound, nextPage,
  PAGE_SIZE, readIndexes, regionsToMerge, resultRecord, SEARCH_ERROR, searchFailed, searchFound, searching,
  searchOptions, setApart, startState, statusText, UNREACHABLE, webUrl,
} from "../../theme/assets/js/core/national-search-state.js";

const PAGE = "https://landelijk.example/zoeken/";

/* The list as the federation writes it: a region that was reached, one that was not at the last run. */
const LIST = [
  { name: "Flevoland", pagefind: "https://flevoland.example/pagefind/", portal: "https://flevoland.example/", status: "ok" },
  { name: "Utrecht", pagefind: "http://127.0.0.1:9002/pagefind/", portal: "http://127.0.0.1:9002/", status: "verouderd" },
];
const INDEXES = readIndexes(JSON.stringify(LIST), PAGE);
const names = (indexes) => indexes.map((index) => index.name);

/* Pagefind's results: only their number and order matter to the state. */
const results = (n) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, data: () => null }));
const record = (title) => ({ title, url: `https://flevoland.example/${title}/`, details: "Flevoland", excerpt: [] });
const records = (n, from = 0) => Array.from({ length: n }, (_, i) => record(`r${from + i}`));

describe("the regions' indexes from the page", () => {
  test("each region with its index and the site its pages' links start with", () => {
    assert.deepEqual(INDEXES, [
      { name: "Flevoland", pagefind: "https://flevoland.example/pagefind/", site: "https://flevoland.example/" },
      { name: "Utrecht", pagefind: "http://127.0.0.1:9002/pagefind/", site: "http://127.0.0.1:9002/" },
    ]);
    assert.equal(isRegion(INDEXES, "Utrecht"), true);
    assert.equal(isRegion(INDEXES, ""), false);
  });

  test("a portal in a sub-folder, a same-site index, an address without its last slash, the national index", () => {
    const indexes = readIndexes(
      JSON.stringify([
        { name: "Drenthe", pagefind: "https://regio.example/drenthe/pagefind", status: "ok" },
        { name: "Zeeland", pagefind: "/zeeland/_pagefind/", status: "ok" },
        { name: "Limburg", pagefind: "https://limburg.example/zoekindex/", status: "ok" },
        { name: "Groningen", pagefind: "https://regio.example/groningen/pagefind-landelijk/", status: "ok" },
      ]),
      PAGE,
    );
    assert.deepEqual(indexes, [
      { name: "Drenthe", pagefind: "https://regio.example/drenthe/pagefind/", site: "https://regio.example/drenthe/" },
      { name: "Zeeland", pagefind: "https://landelijk.example/zeeland/_pagefind/", site: "https://landelijk.example/zeeland/" },
      // the folder that holds the index, whatever its name; never the national site
      { name: "Limburg", pagefind: "https://limburg.example/zoekindex/", site: "https://limburg.example/" },
      {
        name: "Groningen",
        pagefind: "https://regio.example/groningen/pagefind-landelijk/",
        site: "https://regio.example/groningen/",
      },
    ]);
  });

  test("text that is no list gives no regions", () => {
    for (const text of ["", "nope", "{}", "null", '"x"', "42", '{"name": "Flevoland"}']) {
      assert.deepEqual(readIndexes(text, PAGE), [], text);
    }
  });

  test("an entry without a name, a usable index or a searchable status is left out", () => {
    const ok = LIST[0];
    const entries = [
      null,
      "Flevoland",
      ["Flevoland"],
      { ...ok, name: "" },
      { ...ok, name: "   " },
      { ...ok, name: 7 },
      { ...ok, pagefind: undefined },
      { ...ok, pagefind: 42 },
      { ...ok, pagefind: "javascript:alert(1)//pagefind/" },
      { ...ok, pagefind: " JavaScript:alert(1)" },
      { ...ok, pagefind: "data:text/html,<script>alert(1)</script>" },
      { ...ok, pagefind: "file:///etc/pagefind/" },
      { ...ok, pagefind: "ftp://flevoland.example/pagefind/" },
      { ...ok, pagefind: "https://user:secret@flevoland.example/pagefind/" },
      { ...ok, pagefind: "https://flevoland.example/pagefind/?x=1" },
      { ...ok, pagefind: "https://flevoland.example/pagefind/#x" },
      { ...ok, pagefind: "https://[bad/pagefind/" },
      { ...ok, status: "geen-index" },
      { ...ok, status: undefined },
      { ...ok, status: "OK" },
    ];
    for (const entry of entries) {
      assert.deepEqual(readIndexes(JSON.stringify([entry]), PAGE), [], JSON.stringify(entry));
    }
  });

  test("a name or index given twice counts once, the first; names are trimmed", () => {
    const indexes = readIndexes(
      JSON.stringify([
        { ...LIST[0], name: " Flevoland " },
        { ...LIST[0], pagefind: "https://ander.example/pagefind/" },
        { ...LIST[1], name: "Utrecht", pagefind: "https://flevoland.example/pagefind" },
        LIST[1],
      ]),
      PAGE,
    );
    assert.deepEqual(
      indexes.map((index) => [index.name, index.pagefind]),
      [
        ["Flevoland", "https://flevoland.example/pagefind/"],
        ["Utrecht", "http://127.0.0.1:9002/pagefind/"],
      ],
    );
  });
});

describe("the page address", () => {
  test("query and region from the address; an unknown region is all regions", () => {
    assert.deepEqual(fromAddress("?q=+agressie+&regio=Flevoland", INDEXES), { query: "agressie", region: "Flevoland" });
    assert.deepEqual(fromAddress("?q=x&regio=Atlantis", INDEXES), { query: "x", region: "" });
    assert.deepEqual(fromAddress("", INDEXES), { query: "", region: "" });
    assert.deepEqual(fromAddress("?regio=Utrecht", []), { query: "", region: "" });
  });

  test("the address of a search, and back", () => {
    const search = { query: "huiselijk geweld & kind", region: "Utrecht" };
    const address = addressFor("/zoeken/", search);
    assert.equal(address, "/zoeken/?q=huiselijk+geweld+%26+kind&regio=Utrecht");
    assert.deepEqual(fromAddress(address.slice("/zoeken/".length), INDEXES), search);
    assert.equal(addressFor("/zoeken/", { query: "", region: "" }), "/zoeken/");
    assert.equal(addressFor("/zoeken/", { query: "", region: "Flevoland" }), "/zoeken/?regio=Flevoland");
  });
});

describe("a search and its pages", () => {
  test("the state at the start is the search in the address, nothing found", () => {
    const state = startState("?q=agressie&regio=Utrecht", INDEXES);
    assert.deepEqual([state.query, state.region, state.busy, state.items, state.apart], ["agressie", "Utrecht", false, [], {}]);
  });

  test("a search is busy until found; without a query or regions there is nothing to search", () => {
    const before = searchFound(startState("", INDEXES), results(3), records(3));
    const next = searching(before, "agressie", "Flevoland", INDEXES);
    assert.deepEqual([next.query, next.region, next.busy, next.results, next.items, next.loaded], ["agressie", "Flevoland", true, [], [], 0]);
    assert.equal(searching(before, "", "", INDEXES).busy, false);
    assert.equal(searching(before, "x", "", []).busy, false);
    assert.equal(searching(before, "x", "Atlantis", INDEXES).region, "", "an unknown region is all regions");
  });

  test("pages of PAGE_SIZE: the first with the results, then 'Meer resultaten' until all are loaded", () => {
    assert.equal(PAGE_SIZE, 10);
    const all = results(23);
    let state = searching(startState("", INDEXES), "x", "", INDEXES);
    assert.deepEqual(nextPage({ ...state, results: all }), all.slice(0, 10));
    state = searchFound(state, all, records(10));
    assert.deepEqual([state.busy, state.loaded, state.items.length, hasMore(state)], [false, 10, 10, true]);
    assert.deepEqual(nextPage(state), all.slice(10, 20));
    state = loadingMore(state);
    assert.equal(hasMore(state), false, "no second click while loading");
    state = moreFound(state, records(10, 10));
    assert.deepEqual(nextPage(state), all.slice(20));
    state = moreFound(loadingMore(state), records(3, 20));
    assert.deepEqual([state.loaded, state.items.length, hasMore(state)], [23, 23, false]);
    assert.deepEqual(nextPage(state), []);
  });

  test("a result whose data did not come is counted, not shown, and paging goes on after it", () => {
    const state = searchFound(searching(startState("", INDEXES), "x", "", INDEXES), results(12), [...records(9), null]);
    assert.deepEqual([state.loaded, state.items.length, state.unloaded, hasMore(state)], [10, 9, 1, true]);
    assert.equal(nextPage(state).length, 2);
  });

  test("a failed search shows no more and starts the next afresh", () => {
    const state = searchFailed({ ...searching(startState("", INDEXES), "x", "", INDEXES), results: results(30), searchErrors: 2 });
    assert.deepEqual([state.busy, state.failed, state.searchErrors, hasMore(state)], [false, true, 0, false]);
    assert.equal(searching(state, "y", "", INDEXES).failed, false);
  });

  test("the filter: the chosen region, or all regions (not the overview's own pages)", () => {
    const state = startState("", INDEXES);
    assert.deepEqual(searchOptions({ ...state, region: "Utrecht" }, INDEXES), { filters: { regio: "Utrecht" } });
    assert.deepEqual(searchOptions(state, INDEXES), { filters: { regio: { any: ["Flevoland", "Utrecht"] } } });
  });
});

describe("regions whose index is not searched", () => {
  test("a region set apart keeps its first reason and is not merged again", () => {
    let state = setApart(startState("", INDEXES), ["Utrecht"], UNREACHABLE);
    state = setApart(state, ["Utrecht", "Flevoland"], SEARCH_ERROR);
    assert.deepEqual(state.apart, { Utrecht: UNREACHABLE, Flevoland: SEARCH_ERROR });
    assert.deepEqual(names(regionsToMerge(INDEXES, setApart(startState("", INDEXES), ["Utrecht"], UNREACHABLE))), ["Flevoland"]);
    assert.deepEqual(names(regionsToMerge(INDEXES, startState("", INDEXES))), ["Flevoland", "Utrecht"]);
  });

  test("a chosen region set apart is not searched", () => {
    const state = setApart(startState("", INDEXES), ["Utrecht"], UNREACHABLE);
    assert.equal(searching(state, "x", "Utrecht", INDEXES).busy, false);
    assert.equal(searching(state, "x", "Flevoland", INDEXES).busy, true);
    assert.equal(searching(state, "x", "", INDEXES).busy, true);
  });

  test("after a search threw: open again as it was, then without the merged regions, then give up", () => {
    const merged = ["Flevoland", "Utrecht"];
    const first = afterSearchError(startState("", INDEXES), merged);
    assert.deepEqual([first.retry, first.state.apart], [true, {}]);
    const second = afterSearchError(first.state, merged);
    assert.deepEqual([second.retry, second.state.apart], [true, { Flevoland: SEARCH_ERROR, Utrecht: SEARCH_ERROR }]);
    assert.deepEqual(regionsToMerge(INDEXES, second.state), []);
    const third = afterSearchError(second.state, []);
    assert.equal(third.retry, false);
  });

  test("a search that succeeds in between starts the count again", () => {
    const once = afterSearchError(startState("", INDEXES), ["Flevoland"]).state;
    const found = searchFound(once, results(1), records(1));
    assert.deepEqual(afterSearchError(found, ["Flevoland"]).state.apart, {}, "opened again as it was first");
  });
});

describe("the record shown for a result", () => {
  const data = {
    url: "https://flevoland.example/aanbod/agressietraining/",
    meta: { title: "Agressietraining", effectiviteit: "Effectief volgens goede onderbouwing" },
    filters: { soort: ["aanbod"] },
    excerpt: "een <mark>training</mark> voor plegers",
  };

  test("title, link into the portal, region from the index, effectiveness and the excerpt", () => {
    assert.deepEqual(resultRecord(data, INDEXES, PAGE), {
      title: "Agressietraining",
      url: "https://flevoland.example/aanbod/agressietraining/",
      details: "Flevoland · Effectiviteit: Effectief volgens goede onderbouwing",
      excerpt: [
        { text: "een ", marked: false },
        { text: "training", marked: true },
        { text: " voor plegers", marked: false },
      ],
    });
  });

  test("the region of the portal whose site the address starts with, the longest; else the page's filter", () => {
    const nested = readIndexes(
      JSON.stringify([
        { name: "Regio", pagefind: "https://regio.example/pagefind/", status: "ok" },
        { name: "Drenthe", pagefind: "https://regio.example/drenthe/pagefind/", status: "ok" },
      ]),
      PAGE,
    );
    const at = (url, filters) => resultRecord({ url, filters }, nested, PAGE).details;
    assert.equal(at("https://regio.example/drenthe/x/"), "Drenthe");
    assert.equal(at("https://regio.example/drentheland/x/"), "Regio");
    assert.equal(at("https://elders.example/x/", { regio: ["Landelijk overzicht"] }), "Landelijk overzicht");
    assert.equal(at("https://elders.example/x/", { regio: "geen lijst" }), "");
    assert.equal(at("https://elders.example/x/"), "");
  });

  test("no title: the address is the title; no effectiveness: the region alone", () => {
    const plain = resultRecord({ url: "https://flevoland.example/a/", meta: {} }, INDEXES, PAGE);
    assert.deepEqual([plain.title, plain.details, plain.excerpt], ["https://flevoland.example/a/", "Flevoland", []]);
    assert.equal(resultRecord({}, INDEXES, PAGE).title, "Pagina zonder titel");
  });

  test("a relative address is resolved against the page", () => {
    assert.equal(resultRecord({ url: "/regio/flevoland/" }, INDEXES, PAGE).url, "https://landelijk.example/regio/flevoland/");
  });

  test("a hostile index: no javascript:, data: or other address becomes a link; the title is text", () => {
    for (const url of [
      "javascript:alert(document.cookie)",
      " JaVaScRiPt:alert(1)",
      "\tjava\nscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "http://[broken",
      42,
      null,
    ]) {
      const shown = resultRecord({ url, meta: { title: "<img src=x onerror=alert(1)>" } }, INDEXES, PAGE);
      assert.equal(shown.url, null, String(url));
      assert.equal(shown.title, "<img src=x onerror=alert(1)>");
    }
    assert.equal(resultRecord({ url: "javascript:alert(1)" }, INDEXES, PAGE).title, "javascript:alert(1)");
    assert.equal(webUrl("HTTPS://Flevoland.example/a", PAGE), "https://flevoland.example/a");
  });

  test("no data (its index failed to give it) is no record; odd fields are ignored", () => {
    assert.equal(resultRecord(null, INDEXES, PAGE), null);
    assert.equal(resultRecord("x", INDEXES, PAGE), null);
    const odd = resultRecord({ url: "https://flevoland.example/a/", meta: { title: 5, effectiviteit: {} }, excerpt: 7 }, INDEXES, PAGE);
    assert.deepEqual([odd.title, odd.details, odd.excerpt], ["https://flevoland.example/a/", "Flevoland", []]);
  });
});

describe("the excerpt, read as text with the hits marked", () => {
  test("Pagefind's escaped text: entities decoded as innerHTML would", () => {
    assert.deepEqual(excerptParts("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#x27; <mark>e</mark>&nbsp;f"), [
      { text: "a <b> & \"c\" 'd' ", marked: false },
      { text: "e", marked: true },
      { text: "\u00a0f", marked: false },
    ]);
    assert.deepEqual(excerptParts("&bogus; &#0; &#xD800; &#x110000; &"), [{ text: "&bogus; &#0; &#xD800; &#x110000; &", marked: false }]);
  });

  test("a hostile fragment's own markup stays text; only <mark> marks", () => {
    const parts = excerptParts('<img src=x onerror="alert(1)"><mark>hit</mark><a href="javascript:x">klik</a>');
    assert.deepEqual(parts, [
      { text: '<img src=x onerror="alert(1)">', marked: false },
      { text: "hit", marked: true },
      { text: '<a href="javascript:x">klik</a>', marked: false },
    ]);
    assert.deepEqual(excerptParts("<mark>a<mark>b</mark>c</mark></mark>"), [
      { text: "a", marked: true },
      { text: "b", marked: true },
      { text: "c", marked: false },
    ]);
    assert.deepEqual(excerptParts("&lt;script&gt;"), [{ text: "<script>", marked: false }]);
    assert.deepEqual(excerptParts(undefined), []);
    assert.deepEqual(excerptParts(""), []);
  });
});

describe("the status line", () => {
  const asked = (query, region = "") => searching(startState("", INDEXES), query, region, INDEXES);

  test("nothing asked, searching, failed", () => {
    assert.equal(statusText(startState("", INDEXES), INDEXES), "");
    assert.equal(statusText(asked("x"), INDEXES), "Zoeken…");
    assert.equal(
      statusText(searchFailed(asked("x")), INDEXES),
      "Zoeken is niet gelukt. Probeer het opnieuw, of bekijk het aanbod en de modules per regio.",
    );
    assert.equal(statusText(asked("x"), []), "Er is geen regio om in te zoeken.");
  });

  test("how many, where, and how many shown", () => {
    assert.equal(
      statusText(searchFound(asked("agressie"), results(12), records(10)), INDEXES),
      "12 resultaten voor “agressie” in alle regio's. 10 getoond.",
    );
    assert.equal(
      statusText(searchFound(asked("agressie", "Flevoland"), results(3), records(3)), INDEXES),
      "3 resultaten voor “agressie” in Flevoland.",
    );
    assert.equal(statusText(searchFound(asked("x", "Utrecht"), results(1), records(1)), INDEXES), "1 resultaat voor “x” in Utrecht.");
    assert.equal(statusText(searchFound(asked("xyz"), [], []), INDEXES), "Geen resultaten voor “xyz” in alle regio's.");
    const more = loadingMore(searchFound(asked("x"), results(12), records(10)));
    assert.equal(statusText(more, INDEXES), "12 resultaten voor “x” in alle regio's. 10 getoond.", "loading more keeps the count");
  });

  test("results whose data did not come", () => {
    assert.equal(
      statusText(searchFound(asked("x"), results(2), [record("a"), null]), INDEXES),
      "2 resultaten voor “x” in alle regio's. 1 getoond. 1 resultaat kon niet worden geladen.",
    );
    assert.equal(
      statusText(searchFound(asked("x"), results(2), [null, null]), INDEXES),
      "2 resultaten voor “x” in alle regio's. 0 getoond. 2 resultaten konden niet worden geladen.",
    );
  });

  test("the regions not searched, by reason, in all regions; a chosen one that could not be searched", () => {
    const three = readIndexes(JSON.stringify([...LIST, { name: "Zeeland", pagefind: "https://zeeland.example/pagefind/", status: "ok" }]), PAGE);
    let state = setApart(asked("x"), ["Zeeland", "Utrecht"], UNREACHABLE);
    assert.equal(statusText(state, three), "Zoeken…", "while searching, only that");
    state = searchFound(state, results(4), records(4));
    assert.equal(statusText(state, three), "4 resultaten voor “x” in alle regio's. Niet doorzocht: Utrecht, Zeeland (niet bereikbaar).");
    state = setApart(state, ["Flevoland"], SEARCH_ERROR);
    assert.equal(
      statusText(searchFound(state, [], []), three),
      "Geen resultaten voor “x” in alle regio's. Niet doorzocht: Flevoland (fout bij zoeken); Utrecht, Zeeland (niet bereikbaar).",
    );
    const chosen = searching(state, "x", "Utrecht", three);
    assert.equal(
      statusText(chosen, three),
      "Utrecht kon niet worden doorzocht (niet bereikbaar). Probeer het later opnieuw of kies een andere regio.",
    );
    const other = searchFound(setApart(asked("x", "Flevoland"), ["Utrecht"], UNREACHABLE), results(1), records(1));
    assert.equal(statusText(other, three), "1 resultaat voor “x” in Flevoland.", "another region's failure is not this search's");
  });

  test("the query is shown as typed (the status is text, not HTML)", () => {
    assert.equal(
      statusText(searchFound(asked("<b>x</b>"), [], []), INDEXES),
      "Geen resultaten voor “<b>x</b>” in alle regio's.",
    );
  });
});
