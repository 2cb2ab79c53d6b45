/* The social map ([data-rk-socialmap="url of aanbod.json"]): filters, counts and search words over
   all offers. One state object, kept in the page address so a selection can be shared; render(state)
   draws the cards, the contra-indication and the counts from it. Without script the table stays. */

import { el } from "./dom.js";
import {
  contraCounts,
  emptyState,
  facetCounts,
  queryFromState,
  selectOffers,
  stateFromQuery,
} from "./core/socialmap-filter.js";

function card(offer, state, unsuitable) {
  const item = el("li", { class: unsuitable ? "rk-card rk-card-unsuitable" : "rk-card" });
  const heading = el("h3");
  heading.append(el("a", { href: offer.url }, offer.naam));
  item.append(heading);
  if (unsuitable) {
    const warning = el("p", { class: "rk-card-warning" });
    warning.append(el("strong", {}, "Niet geschikt bij dit gezinsprofiel."));
    if (offer.contra_reden) warning.append(` ${offer.contra_reden}`);
    item.append(warning);
  } else if (state.profiel && offer.past.includes(state.profiel)) {
    item.append(el("p", { class: "rk-card-suits" }, "Past bij dit gezinsprofiel volgens de bron."));
  }
  item.append(el("p", {}, offer.samenvatting));
  const meta = [];
  if (offer.aanbieders.length) meta.push(offer.aanbieders.join(", "));
  meta.push(offer.werkgebied, `Effectiviteit: ${offer.effectiviteit_label}`);
  item.append(el("p", { class: "rk-meta" }, meta.join(" · ")));
  if (offer.contact) {
    const className = offer.contact.algemeen ? "rk-card-contact rk-card-contact-general" : "rk-card-contact";
    item.append(el("p", { class: className }, offer.contact.tekst));
  }
  return item;
}

/** Start the social map in root; it fetches its offers from the URL in data-rk-socialmap. */
export function initSocialMap(root) {
  const form = root.querySelector("#rk-filters");
  const status = root.querySelector("#rk-status");
  const cards = root.querySelector("#rk-cards");
  const suitableList = root.querySelector("#rk-cards-suitable");
  const unsuitableList = root.querySelector("#rk-cards-unsuitable");
  const unsuitableTitle = root.querySelector("#rk-unsuitable-title");
  const contra = root.querySelector("#rk-contra");
  const table = root.querySelector("#rk-table");
  const facets = Array.from(form.querySelectorAll("fieldset[data-rk-facet]"), (fs) =>
    fs.getAttribute("data-rk-facet"),
  ).filter((key) => key !== "profiel");
  const profileRadios = Array.from(form.querySelectorAll('input[name="profiel"]'));
  const profiles = profileRadios.map((radio) => radio.value).filter(Boolean);
  const boxes = (key) => form.querySelectorAll(`input[name="${CSS.escape(key)}"]`);
  const countTarget = (key, value) => form.querySelector(`[data-rk-count="${CSS.escape(`${key}:${value}`)}"]`);

  let offers = [];
  let state = emptyState(facets);

  /* The form shows the state (on start and after "Wis alle filters"). */
  function writeForm() {
    form.elements.q.value = state.q;
    for (const radio of profileRadios) radio.checked = radio.value === state.profiel;
    for (const key of facets) {
      for (const box of boxes(key)) box.checked = state.filters[key].includes(box.value);
    }
  }

  /* What the user chose in the form, as a state. */
  function readForm() {
    const next = emptyState(facets);
    next.q = form.elements.q.value.trim();
    next.profiel = form.querySelector('input[name="profiel"]:checked')?.value ?? "";
    for (const key of facets) {
      next.filters[key] = Array.from(boxes(key)).filter((box) => box.checked).map((box) => box.value);
    }
    return next;
  }

  function writeUrl() {
    const query = queryFromState(state, facets);
    window.history.replaceState(null, "", window.location.pathname + (query ? `?${query}` : ""));
  }

  function renderCounts() {
    const counts = facetCounts(offers, state, facets);
    for (const key of facets) {
      for (const box of boxes(key)) {
        const target = countTarget(key, box.value);
        if (target) target.textContent = `(${counts[key][box.value] ?? 0})`;
      }
    }
    const { visible } = selectOffers(offers, state, facets);
    const excluded = contraCounts(visible, profiles);
    for (const profile of profiles) {
      const target = countTarget("profiel", profile);
      if (target) target.textContent = excluded[profile] ? `(${excluded[profile]} niet geschikt)` : "";
    }
  }

  function render() {
    const { suitable, unsuitable } = selectOffers(offers, state, facets);
    suitableList.replaceChildren(...suitable.map((offer) => card(offer, state, false)));
    unsuitableList.replaceChildren(...unsuitable.map((offer) => card(offer, state, true)));
    unsuitableList.hidden = unsuitableTitle.hidden = unsuitable.length === 0;
    contra.hidden = !state.profiel;
    for (const block of contra.querySelectorAll("[data-rk-contra]")) {
      block.hidden = block.getAttribute("data-rk-contra") !== state.profiel;
    }
    let message = `${suitable.length} van ${offers.length} aanbod${state.profiel ? " passend of niet uitgesloten" : ""}.`;
    if (unsuitable.length) message += ` ${unsuitable.length} niet geschikt bij het gekozen gezinsprofiel.`;
    status.textContent = message;
    renderCounts();
    root.dispatchEvent(new CustomEvent("rk-rendered"));
  }

  function update() {
    state = readForm();
    writeUrl();
    render();
  }

  function start(data) {
    offers = data;
    form.hidden = false;
    cards.hidden = false;
    table.hidden = true;
    state = stateFromQuery(window.location.search, facets);
    writeForm();
    render();
    root.setAttribute("data-rk-ready", "");
    form.addEventListener("change", update);
    form.addEventListener("input", (event) => {
      if (event.target.name === "q") update();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      update();
    });
    root.querySelector("#rk-reset").addEventListener("click", () => {
      state = emptyState(facets);
      writeForm();
      update();
      form.elements.q.focus();
    });
  }

  fetch(root.getAttribute("data-rk-socialmap"))
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then((data) => start(data.aanbod))
    .catch(() => {
      status.textContent =
        "De filters konden niet worden geladen; hieronder staat het volledige aanbod als tabel.";
    });
}
