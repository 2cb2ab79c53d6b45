/* Abbreviations explained: every <abbr title> in the content (the glossary's abbreviations in texts
   from the data, regiokaart/safe_text.py, and Markdown's on hand-written pages). Without script the
   browser shows the title on hover. With it, the first of each abbreviation outside a control
   (IN_CONTROL) on a page can be reached with Tab, and every one's
   explanation shows on focus and on hover, stays while the pointer is on the abbreviation or on the
   explanation, and goes with Escape without moving focus or pointer (WCAG 1.4.13). A screen reader
   reads the explanation as the abbreviation's description (aria-describedby), shown or not.
   State: which abbreviation is explained and why (focus, pointer), and whether Escape dismissed
   it; render() shows and places the explanation from it. */

import { el } from "./dom.js";

// A control that holds an abbreviation (a link's text, a checkbox's label) is what Tab reaches; a
// focusable abbreviation inside it would be a control in a control. Those keep their title.
const IN_CONTROL = "a[href], button, label, summary, [role='button'], [role='link'], [role='tab']";
const HIDE_DELAY = 300; // ms to move the pointer from the abbreviation onto its explanation
const GAP = 6; // px between an abbreviation and its explanation, and from the window's edge

/** Make the abbreviations under root reachable and explained. */
export function initAbbreviations(root) {
  const abbreviations = Array.from(root.querySelectorAll("article abbr[title]")).filter(
    (abbr) => !abbr.parentElement.closest(IN_CONTROL),
  );
  if (!abbreviations.length) return;
  const tips = describe(abbreviations);
  // focused, hovered: the abbreviation with focus, under the pointer; last: the one most recently
  // entered either way (its explanation may be under the pointer: onTip); dismissed: by Escape.
  const state = { focused: null, hovered: null, last: null, onTip: false, dismissed: null };
  let hideTimer = 0;
  const render = () => renderTips(tips, shownFor(state));
  const renderNow = () => {
    window.clearTimeout(hideTimer);
    render();
  };
  const renderSoon = () => {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(render, HIDE_DELAY);
  };
  const enter = (abbr, how) => {
    if (state.last !== abbr || !(state.focused || state.hovered || state.onTip)) state.dismissed = null;
    state[how] = abbr;
    state.last = abbr;
    renderNow();
  };
  for (const abbr of abbreviations) {
    abbr.addEventListener("focus", () => enter(abbr, "focused"));
    abbr.addEventListener("pointerenter", () => enter(abbr, "hovered"));
    abbr.addEventListener("blur", () => {
      state.focused = null;
      renderNow();
    });
    abbr.addEventListener("pointerleave", () => {
      state.hovered = null;
      renderSoon();
    });
  }
  for (const tip of tips.values()) {
    tip.addEventListener("pointerenter", () => {
      state.onTip = true;
      renderNow();
    });
    tip.addEventListener("pointerleave", () => {
      state.onTip = false;
      renderSoon();
    });
  }
  document.addEventListener("keydown", (event) => {
    const shown = shownFor(state);
    if (event.key !== "Escape" || !shown) return;
    state.dismissed = shown;
    renderNow();
  });
  window.addEventListener("resize", render);
}

/* One tooltip per explanation, at the end of the page; each abbreviation is described by its own.
   The title goes, or the browser would show its own tooltip beside this one. */
function describe(abbreviations) {
  const tips = new Map();
  const layer = el("div", { class: "rk-tooltips" });
  for (const abbr of abbreviations) {
    const text = abbr.title;
    if (!tips.has(text)) {
      const tip = el("div", { class: "rk-tooltip", role: "tooltip", id: `rk-uitleg-${tips.size + 1}`, hidden: "" }, text);
      tips.set(text, tip);
      layer.append(tip);
      // Tab reaches the first of each on the page; a repeat is explained on hover and read out
      // by a screen reader, but is no stop of its own (45 stops on a page of 31 links otherwise).
      abbr.setAttribute("tabindex", "0");
    }
    abbr.removeAttribute("title");
    abbr.setAttribute("aria-describedby", tips.get(text).id);
    abbr.classList.add("rk-abbr");
  }
  document.body.append(layer);
  return tips;
}

/* The abbreviation explained now: the one with focus, else the one under the pointer (or the one
   whose explanation is under it), unless Escape dismissed it. */
function shownFor(state) {
  const target = state.focused ?? state.hovered ?? (state.onTip ? state.last : null);
  return target && target !== state.dismissed ? target : null;
}

function renderTips(tips, abbr) {
  const id = abbr?.getAttribute("aria-describedby");
  for (const tip of tips.values()) {
    tip.hidden = tip.id !== id;
    if (!tip.hidden) place(tip, abbr);
  }
}

/* Below the abbreviation (above it when there is no room), inside the window's width. */
function place(tip, abbr) {
  const box = abbr.getBoundingClientRect();
  const width = tip.offsetWidth;
  const height = tip.offsetHeight;
  const room = document.documentElement.clientWidth;
  const left = Math.max(GAP, Math.min(box.left, room - width - GAP));
  const below = box.bottom + GAP + height <= window.innerHeight;
  const top = below ? box.bottom + GAP : box.top - GAP - height;
  tip.style.left = `${left + window.scrollX}px`;
  tip.style.top = `${top + window.scrollY}px`;
}
