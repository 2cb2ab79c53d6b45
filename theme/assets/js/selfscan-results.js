/* The self-scan's results step, drawn from the state: summary, the improvement points ordered by
   the answers, score per bundle, advice per weak bundle, the questions to discuss, the process
   indicators, every answer with its note, and the comparison with earlier exports. Printed, this
   is the report. Every bundle is named in words; every number comes from core/scan-rules.js. The
   text of a bouwsteen is copied from the page, where the build rendered and sanitised it. */

import {
  advice, answerLabel, byDate, countedNames, countedValue, formatChange, formatFigure, formatTenths,
  localToday, scoreBundles,
} from "./core/scan-rules.js";
import { isolate, knownPart } from "./core/export-check.js";
import { el } from "./dom.js";

function links(items) {
  const fragment = [];
  items.forEach((item, index) => {
    if (index) fragment.push(", ");
    fragment.push(el("a", { href: item.url }, item.title));
  });
  return fragment;
}

function has(object, key) {
  return Object.hasOwn(object, key);
}

/** The whole text of a bouwsteen, with its lists, as the build rendered it into the page. */
function bouwsteenText(section, id) {
  const template = section.closest(".rk-scan")?.querySelector("#rk-advice-texts");
  const text = template ? [...template.content.children].find((node) => node.dataset.rkText === id) : null;
  return text ? text.cloneNode(true) : el("div");
}

/** The municipality's own answers and notes on the questions of a bouwsteen in a bundle: the
    weak answers (as they count) and every note, beside the advice. */
function ownAnswers(rules, scan, id, bundle) {
  const rows = [];
  for (const question of rules.questions) {
    if (question.bouwsteen !== id || question.bundle !== bundle) continue;
    const answer = has(scan.answers, question.id) ? scan.answers[question.id] : undefined;
    const value = countedValue(rules, question, answer);
    const weak = value !== null && rules.weak_answers.includes(value);
    const note = has(scan.notes, question.id) ? scan.notes[question.id] : "";
    if (!weak && !note) continue;
    const row = el("li", {}, `${question.text} `);
    row.append(el("strong", {}, answerLabel(rules, question.kind, answer)));
    if (note) row.append(`. Uw notitie: ${note}`);
    rows.push(row);
  }
  if (!rows.length) return [];
  const list = el("ul", { class: "rk-advice-own" });
  list.append(...rows);
  return [el("p", { class: "rk-advice-own" }, "Uw antwoorden en notities:"), list];
}

/** What helps, as the questions and the bouwsteen name it: offers and modules. */
function helps(block) {
  const lines = [];
  if (block.offers.length) lines.push(["Aanbod dat helpt: ", block.offers]);
  if (block.modules.length) lines.push(["Modules die helpen: ", block.modules]);
  return lines.map(([label, items]) => {
    const line = el("p", { class: "rk-advice-links" }, label);
    line.append(...links(items), ".");
    return line;
  });
}

/** One advised bouwsteen: its title as a link, its whole text, the municipality's answers and
    notes, and the offers and modules that help. */
function adviceItem(section, rules, scan, id, bundle, bundleName) {
  const block = rules.bouwstenen[id];
  const item = el("li", { "data-rk-bouwsteen": id });
  const title = el("strong");
  title.append(el("a", { href: block.url }, block.title));
  item.append(title);
  if (bundleName) item.append(` (${bundleName})`);
  item.append(bouwsteenText(section, id), ...ownAnswers(rules, scan, id, bundle), ...helps(block));
  return item;
}

/** An advised bouwsteen that is also one of the top improvement points: named, not repeated. */
function adviceReference(rules, id, place) {
  const block = rules.bouwstenen[id];
  const item = el("li", { "data-rk-bouwsteen": id });
  const title = el("strong");
  title.append(el("a", { href: block.url }, block.title));
  item.append(title, `: zie verbeterpunt ${place} hierboven.`);
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

function questionsOf(rules, form) {
  return rules.questions.filter((q) => rules.kinds[q.kind].answer === form);
}

/** Where each advised bouwsteen is advised: the bundle whose advice names it. */
function advisedIn(result) {
  return new Map(result.bundles.flatMap((entry) => entry.bouwstenen.map((id) => [id, entry.bundle])));
}

function renderSummary(section, rules, scan, scores, result) {
  const answered = scores.reduce((sum, s) => sum + s.answered, 0);
  const answerable = rules.questions.filter((q) => rules.kinds[q.kind].answer !== "notitie");
  const given = answerable.filter((q) => has(scan.answers, q.id) || has(scan.figures, q.id)).length;
  const discussed = questionsOf(rules, "notitie").length;
  const toDiscuss = discussed ? ` ${discussed === 1 ? "1 gespreksvraag" : `${discussed} gespreksvragen`} om te bespreken.` : "";
  section.querySelector("#rk-report-meta").textContent =
    `Gemeente ${scan.municipality || "onbekend"}, scan van ${scan.date || localToday()}. ` +
    `${given} van ${answerable.length} vragen beantwoord (${answered} met een score van 1 tot 4).${toDiscuss}`;
  const noAdvice = section.querySelector("#rk-no-advice");
  noAdvice.hidden = result.top.length > 0;
  section.querySelector("#rk-top-intro").hidden = result.top.length === 0;
  noAdvice.textContent = answered
    ? `Geen bundel scoort ${formatTenths(rules.attention_at_most)} of lager: er zijn nu geen verbeterpunten.`
    : "Beantwoord eerst vragen; dan ziet u hier uw belangrijkste verbeterpunten.";
  const nameOf = Object.fromEntries(rules.bundles.map((b) => [b.id, b.name]));
  const bundleOf = advisedIn(result);
  section.querySelector("#rk-top").replaceChildren(
    ...result.top.map((id) => adviceItem(section, rules, scan, id, bundleOf.get(id), nameOf[bundleOf.get(id)])),
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

function renderAdvice(section, rules, scan, result) {
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
      if (!entry.bouwstenen.length) {
        part.append(el("p", {}, "Geen vraag van deze bundel die nog niet hierboven staat, is met niet of beperkt beantwoord."));
        return part;
      }
      const list = el("ul");
      list.append(
        ...entry.bouwstenen.map((id) => {
          const place = result.top.indexOf(id) + 1;
          return place ? adviceReference(rules, id, place) : adviceItem(section, rules, scan, id, entry.bundle, "");
        }),
      );
      part.append(list);
      return part;
    }),
  );
}

/** The questions to discuss (gesprek), per bundle, each with the municipality's note. */
function renderDiscussion(section, rules, scan) {
  const box = section.querySelector("#rk-discuss");
  if (!box) return;
  const parts = [];
  for (const bundle of rules.bundles) {
    const questions = questionsOf(rules, "notitie").filter((q) => q.bundle === bundle.id);
    if (!questions.length) continue;
    const list = el("ul");
    list.append(
      ...questions.map((question) => {
        const item = el("li", { "data-rk-discuss": question.id }, `${question.text} `);
        const note = has(scan.notes, question.id) ? scan.notes[question.id] : "";
        item.append(el("strong", {}, "Te bespreken."), note ? ` Uw notitie: ${note}` : " Nog geen notitie.");
        return item;
      }),
    );
    parts.push(el("p", {}, `${bundle.label}:`), list);
  }
  box.replaceChildren(...parts);
}

/** The process indicators (not scored): trend, figure and note. */
function renderIndicators(section, rules, scan) {
  const body = section.querySelector("#rk-indicators-table tbody");
  if (!body) return;
  body.replaceChildren(
    ...questionsOf(rules, "ontwikkeling").map((question) => {
      const row = el("tr", { "data-rk-indicator": question.id });
      const answer = has(scan.answers, question.id) ? scan.answers[question.id] : undefined;
      row.append(el("th", { scope: "row" }, question.text));
      row.append(el("td", {}, answer === undefined ? "Niet ingevuld" : answerLabel(rules, question.kind, answer)));
      row.append(el("td", {}, has(scan.figures, question.id) ? formatFigure(scan.figures[question.id]) : "–"));
      row.append(el("td", {}, has(scan.notes, question.id) ? scan.notes[question.id] : ""));
      return row;
    }),
  );
}

function answerText(rules, scan, question) {
  const answer = has(scan.answers, question.id) ? scan.answers[question.id] : undefined;
  const label = answerLabel(rules, question.kind, answer);
  if (!has(scan.figures, question.id)) return label;
  const figure = `cijfer ${formatFigure(scan.figures[question.id])}`;
  return answer === undefined ? figure : `${label}; ${figure}`;
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
      row.append(el("td", {}, answerText(rules, scan, question)));
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
      ...knownPart(rules, c.scan), // scored as the questions are asked now
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
    notes.push("Een of meer scans zijn gemaakt met een andere versie van de vragen; alleen vragen die nog bestaan tellen mee, zoals ze nu gesteld worden.");
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
  renderAdvice(section, rules, state.scan, result);
  renderDiscussion(section, rules, state.scan);
  renderIndicators(section, rules, state.scan);
  renderAnswers(section, rules, state.scan);
  renderComparison(section, rules, state);
}
