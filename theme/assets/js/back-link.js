/* A link back to a page that keeps its state in its address ([data-rk-back], the social map's back
   link on an offer page): it goes back to that state. Without script it is the plain link. */

import { backTarget } from "./core/back-link.js";

/** Point link at the address the visitor came from, when that is the page it links to. */
export function initBackLink(link) {
  link.href = backTarget(link.href, document.referrer);
}
