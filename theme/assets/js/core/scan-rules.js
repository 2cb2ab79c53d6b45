/* The self-scan's rules, applied in the browser exactly as generator/regiokaart/selfscan_rules.py applies them.
   The rules themselves (scale, thresholds, bundles, questions, bouwstenen) are data the build writes
   into the page; tests/fixtures/selfscan/vectors.json holds cases both test suites check.
   Scores are integers in tenths (25 is 2,5), rounded half up with integer arithmetic only. */

export function isScored(rules, answer) {
  return Number.isInteger(answer) && rules.scored.includes(answer);
}

/** The mean total/count in tenths, rounded half up. */
export function meanTenths(total, count) {
  return Math.floor((total * 20 + count) / (2 * count));
}

/** The mean of several scores in tenths, rounded half up; null when there are none. */
export function averageTenths(values) {
  if (!values.length) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return Math.floor((sum * 2 + values.length) / (2 * values.length));
}

export function isAttention(rules, tenths) {
  return tenths !== null && tenths <= rules.attention_at_most;
}

/** One score per bundle, in the order of the scan; answers to unknown questions are ignored. */
export function scoreBundles(rules, answers) {
  const rows = new Map(rules.bundles.map((b) => [b.id, { bundle: b.id, sum: 0, answered: 0, total: 0 }]));
  for (const question of rules.questions) {
    const row = rows.get(question.bundle);
    row.total += 1;
    const answer = answers[question.id];
    if (isScored(rules, answer)) {
      row.sum += answer;
      row.answered += 1;
    }
  }
  return [...rows.values()].map(({ bundle, sum, answered, total }) => {
    const tenths = answered ? meanTenths(sum, answered) : null;
    return { bundle, tenths, answered, total, attention: isAttention(rules, tenths) };
  });
}

/** Dutch decimal notation, e.g. 2,5; a dash when there is no score. */
export function formatTenths(tenths) {
  if (tenths === null || tenths === undefined) return "–";
  return `${Math.floor(tenths / 10)},${tenths % 10}`;
}

/** The change from an older to a newer score: +0,5, -1,0 or 0,0; a dash when one is missing. */
export function formatChange(older, newer) {
  if (older === null || newer === null || older === undefined || newer === undefined) return "–";
  const change = newer - older;
  const sign = change > 0 ? "+" : change < 0 ? "-" : "";
  return sign + formatTenths(Math.abs(change));
}

/** How much each bouwsteen would help: 2 per question answered 1, 1 per question answered 2
    (only the questions of bundle, when given). */
export function bouwsteenWeights(rules, answers, bundle = null) {
  const weights = {};
  for (const question of rules.questions) {
    if (bundle !== null && question.bundle !== bundle) continue;
    const answer = answers[question.id];
    if (isScored(rules, answer) && rules.weak_answers.includes(answer)) {
      weights[question.bouwsteen] = (weights[question.bouwsteen] || 0) + 3 - answer;
    }
  }
  return weights;
}

/** Per weak bundle the bouwstenen that help most (each once: under the first weak bundle that asks
    about it), and the top few over all weak bundles. */
export function advice(rules, answers) {
  const order = [...new Set(rules.questions.map((q) => q.bouwsteen))];
  const bundles = [];
  const ranked = []; // [-weight, bundle score, order, bouwsteen]
  const advised = new Set();
  for (const score of scoreBundles(rules, answers)) {
    if (!score.attention) continue;
    const weights = bouwsteenWeights(rules, answers, score.bundle);
    const candidates = Object.keys(weights)
      .filter((b) => !advised.has(b))
      .sort((a, b) => weights[b] - weights[a] || order.indexOf(a) - order.indexOf(b))
      .slice(0, rules.advice_per_bundle);
    candidates.forEach((b) => advised.add(b));
    bundles.push({ bundle: score.bundle, tenths: score.tenths, bouwstenen: candidates });
    ranked.push(...candidates.map((b) => [-weights[b], score.tenths, order.indexOf(b), b]));
  }
  ranked.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  return { bundles, top: ranked.slice(0, rules.top_advice).map((entry) => entry[3]) };
}

/** Ids of answers or notes that this version of the scan does not ask. */
export function unknownQuestions(rules, ids) {
  const known = new Set(rules.questions.map((q) => q.id));
  return [...new Set(ids)].filter((id) => !known.has(id)).sort();
}

/** The label of an answer value as the scale names it, e.g. "3. Grotendeels". */
export function answerLabel(rules, value) {
  const option = rules.scale.find((o) => o.value === value);
  if (!option) return "Niet beantwoord";
  return typeof value === "number" ? `${value}. ${option.label}` : option.label;
}

/** Scans ordered from oldest to newest by date; equal dates keep the order given. */
export function byDate(scans) {
  return scans
    .map((scan, index) => ({ scan, index }))
    .sort((a, b) => (a.scan.date < b.scan.date ? -1 : a.scan.date > b.scan.date ? 1 : a.index - b.index))
    .map(({ scan }) => scan);
}

/* ---------- municipality names and dates, as selfscan-report reads them ---------- */

function inRanges(char, ranges) {
  const code = char.codePointAt(0);
  return ranges.some(([start, end]) => start <= code && code <= end);
}

/** name without the white space of rules.municipality_names.trimmed at either end. */
export function trimmedName(rules, name) {
  const chars = Array.from(name); // code points, as Python counts them
  const trimmed = rules.municipality_names.trimmed;
  let start = 0;
  let end = chars.length;
  while (start < end && inRanges(chars[start], trimmed)) start += 1;
  while (end > start && inRanges(chars[end - 1], trimmed)) end -= 1;
  return chars.slice(start, end).join("");
}

/** What all spellings of one municipality share: composed, without the invisible characters of
    rules.municipality_names.ignored, trimmed, in lower case (selfscan_rules.municipality_key). */
export function municipalityKey(rules, name) {
  const names = rules.municipality_names;
  const visible = Array.from(name.normalize(names.unicode_form)).filter((c) => !inRanges(c, names.ignored));
  return trimmedName(rules, visible.join("")).toLowerCase();
}

/** The region's spelling of a municipality written as name, or null when it is not listed. */
export function listedSpelling(rules, name) {
  const key = municipalityKey(rules, name);
  return rules.municipalities.find((m) => municipalityKey(rules, m) === key) ?? null;
}

/** The name each spelling in written counts under: the region's own spelling when the
    municipality is listed, else the first spelling of it in written, without outer white space. */
export function countedNames(rules, written) {
  const listed = new Map();
  for (const municipality of rules.municipalities) {
    const key = municipalityKey(rules, municipality);
    if (!listed.has(key)) listed.set(key, municipality);
  }
  const first = new Map();
  return written.map((name) => {
    const key = municipalityKey(rules, name);
    if (listed.has(key)) return listed.get(key);
    if (!first.has(key)) first.set(key, trimmedName(rules, name));
    return first.get(key);
  });
}

function isoDate(year, month, day) {
  const pad = (number, size) => String(number).padStart(size, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Today in this computer's time zone, JJJJ-MM-DD (as selfscan-report takes the computer's date). */
export function localToday(now = new Date()) {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Whether a scan dated iso (an existing date, JJJJ-MM-DD) is later than a scan can be made on
    today (JJJJ-MM-DD): more than rules.max_days_ahead days after it. Dates written so compare
    as text. */
export function isAfterLatestDate(rules, iso, today) {
  const [year, month, day] = today.split("-").map(Number);
  const latest = new Date(0);
  latest.setUTCFullYear(year, month - 1, day + rules.max_days_ahead); // the years 0-99 as written
  return iso > isoDate(latest.getUTCFullYear(), latest.getUTCMonth() + 1, latest.getUTCDate());
}
