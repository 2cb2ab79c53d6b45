/* "Terug naar de sociale kaart" on an offer page: back to the social map as the visitor left it.
   The social map keeps its filters, search words and page in its address (core/socialmap-filter.js),
   and the browser hands that address to the next page as its referrer. */

/** Where the back link goes: the address the visitor came from when that is the page the link
    points to (with the choice in its query), else the link as it is. Both are absolute URLs;
    "…/index.html" and "…/" are the same page. */
export function backTarget(href, referrer) {
  let to;
  let from;
  try {
    to = new URL(href);
    from = new URL(referrer);
  } catch {
    return href;
  }
  const page = (url) => url.pathname.replace(/\/index\.html$/, "/");
  if (from.origin !== to.origin || page(from) !== page(to) || !from.search) return href;
  return `${to.origin}${to.pathname}${from.search}`;
}
