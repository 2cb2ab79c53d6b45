/* The self-scan's results step, drawn from the state: summary, score per bundle, advice per weak
   bundle, every answer with its note, and the comparison with earlier exports. Printed, this is the
   report. Every bundle is named in words; every number comes from core/scan-rules.js. */

import {
  advice, answerLabel, byDate, countedNames, formatChange, formatTenths, localToday, scoreBundles,
} from "./core/scan-rules.js";
import { isolate } from "./core/export-check.js";
import { el } from "./dom.js";

function links(items) {
  const fragment = [];
  items.forEach((item, index) => {
    if (index) fragment.push(", ");
    fragment.push(el("a", { href: item.url }, item.title));
  });
  return fragment;
}

/** One advised bouwsteen: its title as a link, its sentence, and the offers and modules that help. */
function adviceItem(rules, id, bundleName) {
  const block = rules.bouwstenen[id];
  const item = el("li");
  const title = el("strong");
  title.append(el("a", { href: block.url }, block.title));
  item.append(title);
  if (bundleName) item.append(` (${bundleName})`);
  item.append(`: ${block.sentence}`);
  const helps = [];
  if (block.offers.length) helps.push(["Aanbod dat helpt: ", block.offers.slice(0, 4)]);
  if (block.modules.length) helps.push(["Modules die helpen: ", block.modules.slice(0, 4)]);
  for (const [label, items] of helps) {
    const line = el("span", { class: "rk-advice-links" }, label);
    line.append(...links(items), ".");
    item.append(" ", line);
  }
  return item;
}

function scoreCell(score) {
  const cell = el("td", { class: "rk-score-cell" });
  const track = el("span", { class: "rk-bar-track", "aria-hidden": "true" });
  const fill = el("span", { class: "rk-bar-fill" });
  fill.style.width = `${score.tenths === null ? 0 : (score.tenths / 40) * 100}%`;
  track.append(fill);
  cell.append(el("span", { class: "rk-score-value" }, formatTenths(score.tenths)), track);
  return cell;
}

function verdict(rules, score) {
  if (score.tenths === null) return "Nog niet beantwoord";
  return score.attention ? `Aandachtspunt (${formatTenths(rules.attention_at_most)} of lager)` : "Geen aandachtspunt";
}

function renderSummary(section, rules, scan, scores, result) {
  const answered = scores.reduce((sum, s) => sum + s.answered, 0);
  const given = rules.questions.filter((q) => q.id in scan.answers).length;
  section.querySelector("#rk-report-meta").textContent =
    `Gemeente ${scan.municipality || "onbekend"}, scan van ${scan.date || localToday()}. ` +
    `${given} van ${rules.questions.length} vragen beantwoord (${answered} met een score van 1 tot 4).`;
  const noAdvice = section.querySelector("#rk-no-advice");
  noAdvice.hidden = result.top.length > 0;
  noAdvice.textContent = answered
    ? `Geen bundel scoort ${formatTenths(rules.attention_at_most)} of lager: er zijn nu geen verbeterpunten.`
    : "Beantwoord eerst vragen; dan ziet u hier uw belangrijkste verbeterpunten.";
  const nameOf = Object.fromEntries(rules.bundles.map((b) => [b.id, b.name]));
  const bundleOf = Object.fromEntries(rules.questions.map((q) => [q.bouwsteen, q.bundle]));
  section.querySelector("#rk-top").replaceChildren(
    ...result.top.map((id) => adviceItem(rules, id, nameOf[bundleOf[id]])),
  );
}

function renderScores(section, rules, scores) {
  const byId = Object.fromEntries(rules.bundles.map((b) => [b.id, b]));
  section.querySelector("#rk-score-table tbody").replaceChildren(
    ...scores.map((score) => {
      const row = el("tr", { "data-rk-bundle": score.bundle });
      row.append(el("th", { scope: "row" }, byId[score.bundle].label));
      row.append(scoreCell(score));
      row.append(el("td", {}, `${score.answered} van ${score.total}`));
      row.append(el("td", {}, verdict(rules, score)));
      return row;
    }),
  );
}

function renderAdvice(section, rules, result) {
  const byId = Object.fromEntries(rules.bundles.map((b) => [b.id, b]));
  const box = section.querySelector("#rk-advice");
  if (!result.bundles.length) {
    box.replaceChildren(el("p", {}, `Er is geen bundel met een score van ${formatTenths(rules.attention_at_most)} of lager.`));
    return;
  }
  box.replaceChildren(
    ...result.bundles.map((entry) => {
      const part = el("section", { class: "rk-advice", "data-rk-advice": entry.bundle });
      part.append(el("h4", {}, `${byId[entry.bundle].label} (score ${formatTenths(entry.tenths)})`));
      const list = el("ul");
      list.append(...entry.bouwstenen.map((id) => adviceItem(rules, id, "")));
      part.append(list);
      return part;
    }),
  );
}

function renderAnswers(section, rules, scan) {
  const rows = [];
  for (const bundle of rules.bundles) {
    const head = el("tr", { class: "rk-group-row" });
    head.append(el("th", { scope: "colgroup", colspan: "3" }, bundle.label));
    rows.push(head);
    for (const question of rules.questions.filter((q) => q.bundle === bundle.id)) {
      const row = el("tr");
      row.append(el("th", { scope: "row" }, question.text));
      row.append(el("td", {}, answerLabel(rules, scan.answers[question.id])));
      row.append(el("td", {}, scan.notes[question.id] || ""));
      rows.push(row);
    }
  }
  section.querySelector("#rk-answers-table tbody").replaceChildren(...rows);
}

function renderComparison(section, rules, state) {
  const box = section.querySelector("#rk-compare");
  box.hidden = state.comparisons.length === 0;
  if (box.hidden) return;
  const current = { ...state.scan, date: state.scan.date || localToday() };
  // Each scan under the name selfscan-report counts it: one municipality however it is written.
  const [currentName, ...names] = countedNames(rules, [current.municipality, ...state.comparisons.map((c) => c.scan.municipality)]);
  const entries = byDate([
    ...state.comparisons.map((c, index) => ({
      ...c.scan,
      municipality: names[index],
      label: `${isolate(names[index])}, ${c.scan.date} (${isolate(c.name)})`,
      other: c.dataVersion !== rules.data_version,
    })),
    { ...current, municipality: currentName, label: `Huidige scan (${current.municipality || "geen gemeente"}, ${current.date})`, current: true },
  ]);
  const scores = entries.map((entry) => scoreBundles(rules, entry.answers));
  const oldest = entries[0];
  const newest = entries[entries.length - 1];
  const head = el("tr");
  head.append(el("th", { scope: "col" }, "Bundel"));
  for (const entry of entries) head.append(el("th", { scope: "col" }, entry.label));
  head.append(el("th", { scope: "col" }, `Verandering van ${oldest.date} (oudste) naar ${newest.date} (nieuwste)`));
  section.querySelector("#rk-compare-table thead").replaceChildren(head);
  section.querySelector("#rk-compare-table tbody").replaceChildren(
    ...rules.bundles.map((bundle, index) => {
      const row = el("tr");
      row.append(el("th", { scope: "row" }, bundle.label));
      for (const score of scores) row.append(el("td", {}, formatTenths(score[index].tenths)));
      const change = formatChange(scores[0][index].tenths, scores[scores.length - 1][index].tenths);
      row.append(el("td", { "data-rk-diff": bundle.id }, change));
      return row;
    }),
  );
  const notes = [];
  const places = [...new Set(entries.map((e) => e.municipality))];
  if (places.length > 1) {
    notes.push(`Let op: u vergelijkt verschillende gemeenten (${places.map(isolate).join(", ")}). Een verschil is dan geen vooruitgang of achteruitgang van één gemeente.`);
  }
  if (entries.some((e) => e.other)) {
    notes.push("Een of meer scans zijn gemaakt met een andere versie van de vragen; alleen vragen die nog bestaan tellen mee.");
  }
  const note = section.querySelector("#rk-compare-note");
  note.textContent = notes.join(" ");
  note.hidden = notes.length === 0;
}

/** Draw the results step from the state. */
export function renderResults(section, rules, state) {
  const scores = scoreBundles(rules, state.scan.answers);
  const result = advice(rules, state.scan.answers);
  renderSummary(section, rules, state.scan, scores, result);
  renderScores(section, rules, scores);
  renderAdvice(section, rules, result);
  renderAnswers(section, rules, state.scan);
  renderComparison(section, rules, state);
}
