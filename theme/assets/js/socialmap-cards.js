/* The social map's cards, as the server rendered them: those already on the page, and the card
   files (sociale-kaart/kaarten/N.html, one page of cards each), fetched when a filter shows an
   offer whose card is not here yet. The script never builds a card itself: a card looks the same
   with and without script, and all its text was escaped once, by the generator. */

/** A card store for the map at root; `base` is the URL of the card files' folder. */
export function cardStore(root, base, pageSize) {
  const cards = new Map();
  const loading = new Map();

  function keep(list) {
    for (const card of list.querySelectorAll("li[data-rk-nr]")) cards.set(Number(card.dataset.rkNr), card);
  }

  /* A card file's links are relative to the file; on the map they must lead to the same pages. */
  function fromFile(text, url) {
    const body = new DOMParser().parseFromString(text, "text/html").body;
    for (const link of body.querySelectorAll("a[href]")) link.setAttribute("href", new URL(link.getAttribute("href"), url).href);
    return body;
  }

  function loadChunk(chunk) {
    if (!loading.has(chunk)) {
      const url = new URL(`${chunk}.html`, base);
      const request = fetch(url)
        .then((response) => {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then((text) => keep(fromFile(text, url)))
        .catch((error) => {
          loading.delete(chunk);
          throw error;
        });
      loading.set(chunk, request);
    }
    return loading.get(chunk);
  }

  keep(root);

  return {
    /** The cards of these offer numbers, in order (fresh copies), once their files are loaded. */
    async get(numbers) {
      const missing = new Set(numbers.filter((n) => !cards.has(n)).map((n) => Math.floor(n / pageSize)));
      await Promise.all([...missing].map(loadChunk));
      return numbers.filter((n) => cards.has(n)).map((n) => cards.get(n).cloneNode(true));
    },
    /** Whether every card of these numbers is already here (no fetch needed). */
    has(numbers) {
      return numbers.every((n) => cards.has(n));
    },
  };
}
