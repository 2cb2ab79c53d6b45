/* The social map's rules, without DOM or window: the state in the page address, which offers match
   the filters and the search words, the count per filter value, and the split by family profile.

   A state is { q: "words", profiel: "profile or empty", filters: { facet: [selected values] } }.
   An offer is a record of sociale-kaart/aanbod.json: { filters: { facet: [values] }, zoektekst,
   past: [profiles it suits], contra: [profiles it must not be used with], … }. */

/** A state with nothing chosen. */
export function emptyState(facets) {
  return { q: "", profiel: "", filters: Object.fromEntries(facets.map((key) => [key, []])) };
}

/** The state in a query string ("?gemeente=A&gemeente=B&q=…"); unknown parameters are ignored. */
export function stateFromQuery(search, facets) {
  const params = new URLSearchParams(search);
  const state = emptyState(facets);
  state.q = params.get("q") ?? "";
  state.profiel = params.get("profiel") ?? "";
  for (const key of facets) state.filters[key] = params.getAll(key);
  return state;
}

/** The query string (without "?") for a state: only what is chosen, facets in the given order. */
export function queryFromState(state, facets) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.profiel) params.set("profiel", state.profiel);
  for (const key of facets) {
    for (const value of state.filters[key] ?? []) params.append(key, value);
  }
  return params.toString();
}

/** Nothing selected in a facet matches all; otherwise the offer has at least one selected value. */
export function matchesFacet(offer, key, selected) {
  if (!selected || selected.length === 0) return true;
  const values = offer.filters[key] ?? [];
  return selected.some((value) => values.includes(value));
}

/** Every word of q (case-insensitive) occurs in the offer's lower-case search text. */
export function matchesText(offer, q) {
  if (!q) return true;
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((word) => offer.zoektekst.includes(word));
}

/** The offer matches the words and every facet of the state, ignoring the facet `except`. */
export function matches(offer, state, facets, except = null) {
  if (!matchesText(offer, state.q)) return false;
  return facets.every((key) => key === except || matchesFacet(offer, key, state.filters[key]));
}

/**
 * The offers the state selects, split by the chosen family profile: `unsuitable` are those with a
 * contra-indication for it, `suitable` the rest, those that suit the profile first (else in order).
 */
export function selectOffers(offers, state, facets) {
  const visible = offers.filter((offer) => matches(offer, state, facets));
  const profile = state.profiel;
  const unsuitable = profile ? visible.filter((offer) => offer.contra.includes(profile)) : [];
  const suitable = visible.filter((offer) => !unsuitable.includes(offer));
  if (profile) {
    suitable.sort((a, b) => Number(b.past.includes(profile)) - Number(a.past.includes(profile)));
  }
  return { visible, suitable, unsuitable };
}

/**
 * Per facet, per value: how many offers that match the words and the other facets have that value
 * (a facet's own selection does not narrow its own counts). Values no such offer has are absent;
 * read them as 0.
 */
export function facetCounts(offers, state, facets) {
  const counts = {};
  for (const key of facets) {
    const perValue = {};
    for (const offer of offers) {
      if (!matches(offer, state, facets, key)) continue;
      for (const value of new Set(offer.filters[key] ?? [])) perValue[value] = (perValue[value] ?? 0) + 1;
    }
    counts[key] = perValue;
  }
  return counts;
}

/** How many of the offers each profile excludes (contra-indication), for the given profiles. */
export function contraCounts(offers, profiles) {
  return Object.fromEntries(
    profiles.map((profile) => [profile, offers.filter((offer) => offer.contra.includes(profile)).length]),
  );
}
