/* regiokaart in the browser: starts each feature only where the page's markup asks for it, so every
   page works without script and the script only enhances it. Loaded as a module (deferred, same
   origin, no build step); browsers without modules keep the plain pages. A feature's module is
   loaded only on a page that has its markup, so a page transfers only the script it uses; the
   header search, on every page, comes with this module.
   Nothing typed or ticked here is sent anywhere: state lives in localStorage and in the URL only. */

import { initHeaderSearch } from "./header-search.js";

/* [selector, load, scope]: load gives the feature's start function; "each" starts it on every
   matching element, "page" once, on the document, when anything on the page matches. */
const FEATURES = [
  ["[data-rk-scan]", () => import("./selfscan.js").then((m) => m.initSelfScan), "each"],
  ["[data-rk-print], details.rk-chart-data", () => import("./print.js").then((m) => m.initPrint), "page"],
  ["[data-rk-storage], [data-rk-clear]", () => import("./checklists.js").then((m) => m.initChecklists), "page"],
  ["[data-rk-socialmap]", () => import("./socialmap.js").then((m) => m.initSocialMap), "each"],
  ["#rk-search-form", () => import("./search.js").then((m) => m.initSearch), "each"],
  ["[data-rk-national-search]", () => import("./national-search.js").then((m) => m.initNationalSearch), "each"],
  ["article abbr[title]", () => import("./abbreviations.js").then((m) => m.initAbbreviations), "page"],
  ["[data-rk-back]", () => import("./back-link.js").then((m) => m.initBackLink), "each"],
  // On every page, and "/" must work at once: loaded with this module, not on demand.
  ["[data-rk-header-search]", () => Promise.resolve(initHeaderSearch), "each"],
];

/* One feature that fails must not stop the others; the error is still reported as uncaught. */
function start(init, root) {
  try {
    init(root);
  } catch (error) {
    window.reportError(error);
  }
}

/* A feature's module that did not arrive (a connection dropped on a phone, a page read while
   `regiokaart serve` swaps in a rebuild) is asked for once more, a moment later, before the
   failure is reported. */
const RETRY_MS = 1000;
function loadOrRetry(load) {
  return load().catch(() => new Promise((resolve) => setTimeout(resolve, RETRY_MS)).then(load));
}

for (const [selector, load, scope] of FEATURES) {
  const roots = Array.from(document.querySelectorAll(selector));
  if (!roots.length) continue;
  loadOrRetry(load).then(
    (init) => (scope === "page" ? start(init, document) : roots.forEach((root) => start(init, root))),
    (error) => window.reportError(error),
  );
}
