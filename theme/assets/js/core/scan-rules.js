/* The self-scan's rules, applied in the browser exactly as generator/regiokaart/selfscan_rules.py applies them.
   The rules themselves (kinds of question, scale, thresholds, bundles, questions, bouwstenen) are
   data the build writes into the page; tests/fixtures/selfscan/vectors.json holds cases both test
   suites check. Only questions of a scored kind count, a reversed kind the other way round (4
   counts as 1). Scores are integers in tenths (25 is 2,5), rounded half up with integer
   arithmetic only. */

export function isScored(rules, answer) {
  return Number.isInteger(answer) && rules.scored.includes(answer);
}

export function isScoredKind(rules, question) {
  return rules.kinds[question.kind].scored;
}

/** An answer as it counts in a score: as given, the other way round for a reversed kind, null
    when the question is not scored or the answer is no 1-4. */
export function countedValue(rules, question, answer) {
  if (!isScoredKind(rules, question) || !isScored(rules, answer)) return null;
  if (rules.kinds[question.kind].reversed) return rules.scored[0] + rules.scored[rules.scored.length - 1] - answer;
  return answer;
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

/** One score per bundle, in the order of the scan, over its scored questions; answers to
    unknown questions are ignored. */
export function scoreBundles(rules, answers) {
  const rows = new Map(rules.bundles.map((b) => [b.id, { bundle: b.id, sum: 0, answered: 0, total: 0 }]));
  for (const question of rules.questions) {
    if (!isScoredKind(rules, question)) continue;
    const row = rows.get(question.bundle);
    row.total += 1;
    const value = countedValue(rules, question, ownValue(answers, question.id));
    if (value !== null) {
      row.sum += value;
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

/** An indicator's figure in Dutch notation, as written: 12, 12,5 or 0,25 (ten decimals at most). */
export function formatFigure(value) {
  return value.toFixed(10).replace(/0+$/u, "").replace(/\.$/u, "").replace(".", ",");
}

/** The change from an older to a newer score: +0,5, -1,0 or 0,0; a dash when one is missing. */
export function formatChange(older, newer) {
  if (older === null || newer === null || older === undefined || newer === undefined) return "–";
  const change = newer - older;
  const sign = change > 0 ? "+" : change < 0 ? "-" : "";
  return sign + formatTenths(Math.abs(change));
}

/* A value of an object from a file or from storage, never one every object inherits. */
function ownValue(object, key) {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Per bouwsteen asked about in bundle, how its scored questions were answered in all answerSets
    together, as the answers count: {lowest, tenths (the mean), weak (answers 1 or 2)}; bouwstenen
    without an answer 1-4 are left out. In the order of the scan. */
export function bouwsteenStandings(rules, answerSets, bundle) {
  const values = new Map();
  for (const answers of answerSets) {
    for (const question of rules.questions) {
      if (question.bundle !== bundle) continue;
      const value = countedValue(rules, question, ownValue(answers, question.id));
      if (value === null) continue;
      if (!values.has(question.bouwsteen)) values.set(question.bouwsteen, []);
      values.get(question.bouwsteen).push(value);
    }
  }
  const standings = new Map();
  for (const [bouwsteen, counted] of values) {
    standings.set(bouwsteen, {
      lowest: Math.min(...counted),
      tenths: meanTenths(counted.reduce((a, b) => a + b, 0), counted.length),
      weak: counted.filter((value) => rules.weak_answers.includes(value)).length,
    });
  }
  return standings;
}

function scanOrder(rules) {
  return [...new Set(rules.questions.map((q) => q.bouwsteen))];
}

/** The bouwstenen with a weak answer, ordered by the answers: the lowest answer first, then the
    lowest mean, then in the order of the scan. */
export function rankBouwstenen(rules, standings) {
  const order = scanOrder(rules);
  return [...standings.keys()]
    .filter((b) => standings.get(b).weak > 0)
    .sort((a, b) => {
      const x = standings.get(a);
      const y = standings.get(b);
      return x.lowest - y.lowest || x.tenths - y.tenths || order.indexOf(a) - order.indexOf(b);
    });
}

/** Per weak bundle the bouwstenen that help most, ordered by the answers (each once: under the
    first weak bundle that asks about it), and the top few over all weak bundles ordered the same
    way, a tie going to the lower bundle score. */
export function advice(rules, answers) {
  const order = scanOrder(rules);
  const bundles = [];
  const ranked = []; // [lowest, mean, bundle score, order, bouwsteen]
  const advised = new Set();
  for (const score of scoreBundles(rules, answers)) {
    if (!score.attention) continue;
    const standings = bouwsteenStandings(rules, [answers], score.bundle);
    const candidates = rankBouwstenen(rules, standings)
      .filter((b) => !advised.has(b))
      .slice(0, rules.advice_per_bundle);
    candidates.forEach((b) => advised.add(b));
    bundles.push({ bundle: score.bundle, tenths: score.tenths, bouwstenen: candidates });
    ranked.push(...candidates.map((b) => [standings.get(b).lowest, standings.get(b).tenths, score.tenths, order.indexOf(b), b]));
  }
  ranked.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3]);
  return { bundles, top: ranked.slice(0, rules.top_advice).map((entry) => entry[4]) };
}

/** Ids of answers, figures or notes that this version of the scan does not ask. */
export function unknownQuestions(rules, ids) {
  const known = new Set(rules.questions.map((q) => q.id));
  return [...new Set(ids)].filter((id) => !known.has(id)).sort();
}

/** An answer as the scan names it for a question of kind: "3. Grotendeels" on the scale,
    "Volledig (telt als 1)" where the scale counts the other way round, "Toenemend" for an
    indicator; a gesprek is "Te bespreken", an unanswered question "Niet beantwoord". */
export function answerLabel(rules, kind, value) {
  const rule = rules.kinds[kind];
  if (rule.answer === "notitie") return "Te bespreken";
  const options = rule.answer === "schaal" ? rules.scale : rules.trends;
  const option = options.find((o) => o.value === value);
  if (!option) return "Niet beantwoord";
  if (!isScored(rules, value)) return option.label;
  if (rule.reversed) return `${option.label} (telt als ${rules.scored[0] + rules.scored[rules.scored.length - 1] - value})`;
  return `${value}. ${option.label}`;
}

/** Whether answer is an answer to a question of kind: 1-4 or "nvt" on the scale, a trend or
    "nvt" to an indicator; a gesprek takes no answer (only a note). */
export function fitsKind(rules, kind, answer) {
  const form = rules.kinds[kind].answer;
  if (form === "schaal") return isScored(rules, answer) || answer === "nvt";
  if (form === "ontwikkeling") return typeof answer === "string" && rules.trends.some((t) => t.value === answer);
  return false;
}

/** A number an indicator's figure can be: 0 up to rules.max_figure. */
export function isFigure(rules, value) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= rules.max_figure;
}

/** The kinds of question that take a figure: those answered with a trend. */
export function figureKinds(rules) {
  return new Set(Object.entries(rules.kinds).filter(([, rule]) => rule.answer === "ontwikkeling").map(([kind]) => kind));
}

/** The answers, figures and notes that the questions of this scan take, each in its kind: what
    does not fit (an answer 1-4 to a question that is now a gesprek, a figure to a question that is
    no indicator, anything for a question the scan no longer asks) is left out. */
export function fittedScan(rules, answers, figures, notes) {
  const kinds = new Map(rules.questions.map((q) => [q.id, q.kind]));
  const withFigures = figureKinds(rules);
  const keep = (object, valid) =>
    Object.fromEntries(Object.entries(object).filter(([id, value]) => kinds.has(id) && valid(kinds.get(id), value)));
  return {
    answers: keep(answers, (kind, value) => fitsKind(rules, kind, value)),
    figures: keep(figures, (kind, value) => withFigures.has(kind) && isFigure(rules, value)),
    notes: keep(notes, (kind, value) => typeof value === "string"),
  };
}

/** The questions among ids (those an export or a stored scan holds something for) that the scan
    now asks in another kind than kinds says they were asked in, in the order of the scan. A
    question kinds names no kind for was asked as rules.implied_kind (format version 1). */
export function kindChanges(rules, kinds, ids) {
  const held = new Set(ids);
  const changes = [];
  for (const question of rules.questions) {
    const stated = ownValue(kinds, question.id);
    const was = typeof stated === "string" && Object.hasOwn(rules.kinds, stated) ? stated : rules.implied_kind;
    if (held.has(question.id) && was !== question.kind) changes.push({ id: question.id, was, now: question.kind });
  }
  return changes;
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
