/* The social map's rules, without DOM or window: the state in the page address, which offers the
   filters and the search words select, the count per filter value, the split by family profile and
   the page of results to show.

   A state is { q: "words", profiel: "profile or empty", pagina: 1, filters: { facet: [values] } }.
   The index is sociale-kaart/filters.json, read once with readIndex: per facet value the set of
   offer numbers that have it (core/bitset.js). Values within one facet combine with OR, facets with
   AND; the search words give one more set (from the search index) that is ANDed too. */

import { and, andNot, countBoth, decodeSet, emptySet, fullSet, numbers, or } from "./bitset.js";

/** A state with nothing chosen. */
export function emptyState(facets) {
  return { q: "", profiel: "", pagina: 1, filters: Object.fromEntries(facets.map((key) => [key, []])) };
}

/** The state in a query string ("?gemeente=A&gemeente=B&q=…"); unknown parameters are ignored. */
export function stateFromQuery(search, facets) {
  const params = new URLSearchParams(search);
  const state = emptyState(facets);
  state.q = (params.get("q") ?? "").trim();
  state.profiel = params.get("profiel") ?? "";
  const page = Number.parseInt(params.get("pagina") ?? "1", 10);
  state.pagina = Number.isFinite(page) && page > 0 ? page : 1;
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
  if (state.pagina > 1) params.set("pagina", String(state.pagina));
  return params.toString();
}

/** How many choices are active: the words, the profile and every ticked value. */
export function activeCount(state) {
  const ticked = Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
  return ticked + (state.q ? 1 : 0) + (state.profiel ? 1 : 0);
}

/**
 * filters.json, decoded: per facet, per value, the set of offers that have it; per facet that a
 * source may leave unsaid, the set of offers whose source does not state it (`unstated`) and the
 * facet's name in "… niet vermeld in de bron" (`unstatedLabels`).
 */
export function readIndex(json) {
  const total = json.aantal;
  const facets = {};
  const unstated = {};
  const unstatedLabels = {};
  for (const [key, facet] of Object.entries(json.facetten)) {
    const everywhere = decodeSet(facet.alle, total);
    facets[key] = Object.fromEntries(
      Object.entries(facet.waarden).map(([value, set]) => [value, or(everywhere, decodeSet(set, total))]),
    );
    if (facet.onbekend !== undefined) {
      unstated[key] = decodeSet(facet.onbekend, total);
      unstatedLabels[key] = facet.onbekend_label ?? key;
    }
  }
  const sets = (group) => Object.fromEntries(Object.entries(group).map(([key, set]) => [key, decodeSet(set, total)]));
  return {
    total,
    pageSize: json.per_pagina,
    facets,
    unstated,
    unstatedLabels,
    past: sets(json.past),
    contra: sets(json.contra),
  };
}

/** The offers with at least one of the selected values of a facet; null when none is selected. */
export function facetSet(index, key, selected) {
  let set = null;
  for (const value of selected ?? []) {
    const valueSet = index.facets[key]?.[value];
    if (!valueSet) continue;
    set = set ? or(set, valueSet) : valueSet;
  }
  if (set === null && selected?.length) return emptySet(index.total);
  return set;
}

/** The offers that match the words (textSet, or null for no words) and every facet but `except`. */
export function matchingSet(index, state, facets, textSet, except = null) {
  let set = textSet ?? fullSet(index.total);
  for (const key of facets) {
    if (key === except) continue;
    const chosen = facetSet(index, key, state.filters[key]);
    if (chosen) set = and(set, chosen);
  }
  return set;
}

/**
 * The offers that match the words and every chosen facet, or whose source does not state a chosen
 * facet: those are not dropped, and not mixed in with what matches either (see selection).
 */
export function matchingOrUnstatedSet(index, state, facets, textSet) {
  let set = textSet ?? fullSet(index.total);
  for (const key of facets) {
    const chosen = facetSet(index, key, state.filters[key]);
    if (!chosen) continue;
    const unstated = index.unstated?.[key];
    set = and(set, unstated ? or(chosen, unstated) : chosen);
  }
  return set;
}

/**
 * The offers the state selects, in the order shown:
 * - `suitable`: those that match (by number: help for clients first); with a profile, those that
 *   suit it first;
 * - `unstated`: those whose source does not state a chosen facet, with per facet how many
 *   (`unstatedBy`: facet -> count);
 * - `unsuitable`: with a profile, those of both groups with a contra-indication for it.
 */
export function selection(index, state, facets, textSet) {
  const visible = matchingSet(index, state, facets, textSet);
  const unstatedSet = andNot(matchingOrUnstatedSet(index, state, facets, textSet), visible);
  const unstatedBy = {};
  for (const key of facets) {
    const unstated = index.unstated?.[key];
    if (!unstated || !state.filters[key]?.length) continue;
    const count = countBoth(unstatedSet, unstated);
    if (count) unstatedBy[key] = count;
  }
  const profile = state.profiel;
  const contra = profile && index.contra[profile];
  if (!contra) return { visible, suitable: numbers(visible), unstated: numbers(unstatedSet), unstatedBy, unsuitable: [] };
  const suitable = andNot(visible, contra);
  const past = index.past[profile];
  const first = past ? numbers(and(suitable, past)) : [];
  const rest = past ? numbers(andNot(suitable, past)) : numbers(suitable);
  return {
    visible,
    suitable: [...first, ...rest],
    unstated: numbers(andNot(unstatedSet, contra)),
    unstatedBy,
    unsuitable: numbers(and(or(visible, unstatedSet), contra)),
  };
}

/** "leeftijd niet vermeld in de bron: 12; voor wie niet vermeld in de bron: 3" */
export function unstatedText(index, unstatedBy) {
  return Object.entries(unstatedBy)
    .map(([key, count]) => `${index.unstatedLabels[key] ?? key} niet vermeld in de bron: ${count}`)
    .join("; ");
}

/**
 * Per facet, per value: how many offers that match the words and the other facets have that value
 * (a facet's own selection does not narrow its own counts, so ticking more widens as shown).
 */
export function facetCounts(index, state, facets, textSet) {
  const counts = {};
  for (const key of facets) {
    const base = matchingSet(index, state, facets, textSet, key);
    counts[key] = Object.fromEntries(
      Object.entries(index.facets[key] ?? {}).map(([value, set]) => [value, countBoth(base, set)]),
    );
  }
  return counts;
}

/** How many of the visible offers each family profile excludes (contra-indication). */
export function contraCounts(index, visible) {
  return Object.fromEntries(Object.entries(index.contra).map(([profile, set]) => [profile, countBoth(visible, set)]));
}

/** Page `pagina` (from 1, clamped) of a list: its items and the number of pages. */
export function pageOf(list, pagina, size) {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const page = Math.min(Math.max(1, pagina), pages);
  return { items: list.slice((page - 1) * size, page * size), page, pages };
}
