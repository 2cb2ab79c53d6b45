/* regiokaart in the browser: starts each feature only where the page's markup asks for it, so every
   page works without script and the script only enhances it. Loaded as a module (deferred, same
   origin, no build step); browsers without modules keep the plain pages.
   Nothing typed or ticked here is sent anywhere: state lives in localStorage and in the URL only. */

import { initChecklists } from "./checklists.js";
import { initHeaderSearch } from "./header-search.js";
import { initPrint } from "./print.js";
import { initSearch } from "./search.js";
import { initSelfScan } from "./selfscan.js";
import { initSocialMap } from "./socialmap.js";

/* [selector, init, scope]: "each" starts init on every matching element; "page" starts it once,
   on the document, when anything on the page matches. */
const FEATURES = [
  ["[data-rk-scan]", initSelfScan, "each"],
  ["[data-rk-print], details.rk-chart-data", initPrint, "page"],
  ["[data-rk-storage], [data-rk-clear]", initChecklists, "page"],
  ["[data-rk-socialmap]", initSocialMap, "each"],
  ["#rk-search-form", initSearch, "each"],
  ["[data-rk-header-search]", initHeaderSearch, "each"],
];

/* One feature that fails must not stop the others; the error is still reported as uncaught. */
function start(init, root) {
  try {
    init(root);
  } catch (error) {
    window.reportError(error);
  }
}

for (const [selector, init, scope] of FEATURES) {
  const roots = document.querySelectorAll(selector);
  if (scope === "page") {
    if (roots.length) start(init, document);
  } else {
    for (const root of roots) start(init, root);
  }
}
