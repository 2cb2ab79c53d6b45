"""The self-scan's rules, in one place: kinds of question, scale, score and rounding,
'aandachtspunt', advice, the export formats and their limits.

`scan_rules(dataset)` turns the data into plain JSON-ready rules. The build writes them into the scan
page; the browser (`theme/assets/js/core/scan-rules.js`) and `selfscan-report` apply the same rules
to them, and `tests/fixtures/selfscan/vectors.json` holds cases that both test suites check: scores,
advice, the spellings of one municipality, the dates a scan can have and the exports accepted.

Each question has a kind (models.selfscan.KINDS). Only assessments count in a score: a
beoordeling as answered, a knelpunt the other way round (4 counts as 1). A gesprek is a point to
discuss, an indicator a trend and a figure; neither is scored. A score is the mean of the answers
1-4 as they count per bundle, rounded half up to one decimal and kept as an integer number of
tenths (25 is 2,5), so Python and JavaScript round alike and compare exactly.
"""

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from regiokaart.dataset import Dataset
from regiokaart.models.selfscan import (
    EXPORT_FORMAT,
    EXPORT_FORMAT_VERSION,
    EXPORT_MODELS,
    IMPLIED_KIND,
    KINDS,
    MAX_FIGURE,
    MAX_NOTE_CHARS,
    READ_FORMAT_VERSIONS,
    SelfscanFile,
)

SCALE: dict[int | str, str] = {
    1: "Niet",
    2: "Beperkt",
    3: "Grotendeels",
    4: "Volledig",
    "nvt": "Weet niet / n.v.t.",
}
# The answer to an indicator: how it develops, or "weet niet".
TRENDS: dict[str, str] = {
    "toenemend": "Toenemend",
    "gelijk": "Gelijk",
    "afnemend": "Afnemend",
    "nvt": "Weet niet",
}
SCORED = (1, 2, 3, 4)  # answers that count in a score; "nvt" does not
WEAK_ANSWERS = (1, 2)  # answers (as they count) that make a bouwsteen a candidate for advice
ATTENTION_AT_MOST = 25  # a bundle scoring 2,5 or lower (in tenths) is an aandachtspunt
ADVICE_PER_BUNDLE = 3  # bouwstenen advised per weak bundle
TOP_ADVICE = 3  # "uw drie belangrijkste verbeterpunten"
HISTORY_SIZE = 10  # earlier versions of a scan the browser keeps
MAX_EXPORT_BYTES = 1_000_000  # a full scan with long notes is far below this
MAX_NESTING = 32  # an export nests three levels; deeper data is no export and is not walked further
# Far below Python's 4,300-digit limit on int(), past which json.loads raises; an answer has 1.
MAX_NUMBER_DIGITS = 100
# A scan is dated today at the latest: a typo in the date ("2062" for "2026") would make it the
# newest scan of its municipality for decades. Days after today a scan's date may be.
MAX_DAYS_AHEAD = 0

# Two spellings of one municipality (" almere", "ALMERE") are one when their keys are the same:
# the name composed (NFC), without format characters anywhere (a soft hyphen, a zero-width space,
# a direction mark: Unicode category Cf), without white space at either end, in lower case. The
# characters are listed here as ranges of code points, so that the browser removes exactly the
# same ones, whatever Unicode version it knows.
MUNICIPALITY_NAMES: dict[str, Any] = {
    "unicode_form": "NFC",
    "ignored": [
        [0xAD, 0xAD],
        [0x600, 0x605],
        [0x61C, 0x61C],
        [0x6DD, 0x6DD],
        [0x70F, 0x70F],
        [0x890, 0x891],
        [0x8E2, 0x8E2],
        [0x180E, 0x180E],
        [0x200B, 0x200F],
        [0x202A, 0x202E],
        [0x2060, 0x2064],
        [0x2066, 0x206F],
        [0xFEFF, 0xFEFF],
        [0xFFF9, 0xFFFB],
        [0x110BD, 0x110BD],
        [0x110CD, 0x110CD],
        [0x13430, 0x13438],
        [0x1BCA0, 0x1BCA3],
        [0x1D173, 0x1D17A],
        [0xE0001, 0xE0001],
        [0xE0020, 0xE007F],
    ],
    "trimmed": [  # white space, as Python's str.isspace() knows it
        [0x9, 0xD],
        [0x1C, 0x20],
        [0x85, 0x85],
        [0xA0, 0xA0],
        [0x1680, 0x1680],
        [0x2000, 0x200A],
        [0x2028, 0x2029],
        [0x202F, 0x202F],
        [0x205F, 0x205F],
        [0x3000, 0x3000],
    ],
}

Rules = dict[str, Any]


def bundle_name(standards: Iterable[int]) -> str:
    """'Standaard 9' or 'Standaarden 4, 5, 7 en 8': how every chart, table and print names a bundle."""
    numbers = [str(n) for n in standards]
    if len(numbers) == 1:
        return f"Standaard {numbers[0]}"
    return "Standaarden " + ", ".join(numbers[:-1]) + f" en {numbers[-1]}"


def selfscan_data_version(selfscan: SelfscanFile) -> str:
    """Changes whenever a question is added, removed, reworded or asked in another kind; stored
    in every export."""
    digest = hashlib.sha256()
    for step in selfscan.steps:
        for question in step.questions:
            digest.update(f"{step.bundle}|{question.id}|{question.kind}|{question.text}\n".encode())
    return f"{selfscan.version}-{digest.hexdigest()[:10]}"


def export_schema(version: int = EXPORT_FORMAT_VERSION) -> dict[str, Any]:
    """The JSON Schema of a scan export of a format version (in its $id), from its model."""
    schema = EXPORT_MODELS[version].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://regiokaart.nl/schemas/zelfscan-export.v{version}.json"
    schema["title"] = f"regiokaart: export van de zelfscan, formaatversie {version}"
    return schema


def kind_rules() -> dict[str, dict[str, Any]]:
    """Every kind of question with its label, meaning, answer form and how it is scored."""
    return {
        str(kind): {
            "label": rule.label,
            "noun": rule.noun,
            "meaning": rule.meaning,
            "answer": rule.answer,
            "scored": rule.scored,
            "reversed": rule.reversed,
        }
        for kind, rule in KINDS.items()
    }


def scan_rules(dataset: Dataset) -> Rules:
    """Everything the score, the advice and the export check need, as plain JSON-ready data."""
    selfscan = dataset.selfscan
    bundles = []
    for step in selfscan.steps:
        bundle = dataset.bundles[str(step.bundle)]
        name = bundle_name(bundle.standards)
        bundles.append(
            {
                "id": str(bundle.id),
                "name": name,
                "title": bundle.title,
                "label": f"{name}: {bundle.title}",
                "standards": list(bundle.standards),
            }
        )
    questions = [
        {
            "id": q.id,
            "bundle": str(step.bundle),
            "text": q.text,
            "kind": str(q.kind),
            "bouwsteen": q.bouwsteen,
        }
        for step in selfscan.steps
        for q in step.questions
    ]
    bouwstenen: dict[str, Any] = {}
    for step in selfscan.steps:
        for q in step.questions:
            block = dataset.bouwstenen[q.bouwsteen]
            entry = bouwstenen.setdefault(
                block.id,
                {"title": block.title, "text": block.text, "offers": [], "modules": []},
            )
            for offer in [*q.offers, *block.offers]:
                if offer not in entry["offers"]:
                    entry["offers"].append(offer)
            for module in q.modules:
                if module not in entry["modules"]:
                    entry["modules"].append(module)
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "format_versions": list(READ_FORMAT_VERSIONS),
        "data_version": selfscan_data_version(selfscan),
        "region": dataset.region.name,
        "municipalities": [m.name for m in dataset.region.municipalities],
        "kinds": kind_rules(),
        "implied_kind": str(IMPLIED_KIND),
        "scale": [{"value": value, "label": label} for value, label in SCALE.items()],
        "trends": [{"value": value, "label": label} for value, label in TRENDS.items()],
        "scored": list(SCORED),
        "weak_answers": list(WEAK_ANSWERS),
        "attention_at_most": ATTENTION_AT_MOST,
        "advice_per_bundle": ADVICE_PER_BUNDLE,
        "top_advice": TOP_ADVICE,
        "history_size": HISTORY_SIZE,
        "max_export_bytes": MAX_EXPORT_BYTES,
        "max_nesting": MAX_NESTING,
        "max_number_digits": MAX_NUMBER_DIGITS,
        "max_note_chars": MAX_NOTE_CHARS,
        "max_figure": MAX_FIGURE,
        "max_days_ahead": MAX_DAYS_AHEAD,
        "municipality_names": MUNICIPALITY_NAMES,
        "bundles": bundles,
        "questions": questions,
        "bouwstenen": bouwstenen,
        "export_schemas": {str(v): export_schema(v) for v in READ_FORMAT_VERSIONS},
    }


@dataclass(frozen=True)
class BundleScore:
    bundle: str
    tenths: int | None  # mean of the answers 1-4 as they count, half up, in tenths; None: none
    answered: int  # scored questions answered 1-4 ("weet niet / n.v.t." left out)
    total: int  # scored questions of this bundle (gesprek and indicator questions are not scored)

    @property
    def attention(self) -> bool:
        return is_attention(self.tenths)


def mean_tenths(total: int, count: int) -> int:
    """The mean total/count in tenths, rounded half up, in integers only (as the browser does)."""
    return (total * 20 + count) // (2 * count)


def average_tenths(values: Iterable[int]) -> int | None:
    """The mean of scores in tenths (several municipalities' scores), rounded half up; None if none."""
    items = list(values)
    if not items:
        return None
    return (sum(items) * 2 + len(items)) // (2 * len(items))


def is_attention(tenths: int | None) -> bool:
    return tenths is not None and tenths <= ATTENTION_AT_MOST


def is_scored(answer: object) -> bool:
    return type(answer) is int and answer in SCORED


def is_scored_kind(rules: Rules, question: Mapping[str, Any]) -> bool:
    return bool(rules["kinds"][question["kind"]]["scored"])


def counted_value(rules: Rules, question: Mapping[str, Any], answer: object) -> int | None:
    """An answer as it counts in a score: as given, the other way round for a reversed kind (4
    counts as 1), None when the question is not scored or the answer is no 1-4."""
    if not is_scored_kind(rules, question) or not is_scored(answer):
        return None
    assert isinstance(answer, int)
    if rules["kinds"][question["kind"]]["reversed"]:
        return rules["scored"][0] + rules["scored"][-1] - answer
    return answer


def score_bundles(rules: Rules, answers: Mapping[str, object]) -> list[BundleScore]:
    """One score per bundle, in the order of the scan, over its scored questions; questions the
    rules do not know are ignored."""
    sums = {b["id"]: 0 for b in rules["bundles"]}
    answered = dict.fromkeys(sums, 0)
    totals = dict.fromkeys(sums, 0)
    for question in rules["questions"]:
        if not is_scored_kind(rules, question):
            continue
        bundle = question["bundle"]
        totals[bundle] += 1
        value = counted_value(rules, question, answers.get(question["id"]))
        if value is not None:
            sums[bundle] += value
            answered[bundle] += 1
    return [
        BundleScore(
            bundle,
            mean_tenths(sums[bundle], answered[bundle]) if answered[bundle] else None,
            answered[bundle],
            totals[bundle],
        )
        for bundle in sums
    ]


def answer_label(rules: Rules, kind: str, value: object) -> str:
    """An answer as the scan names it for a question of kind: "3. Grotendeels" on the scale,
    "Volledig (telt als 1)" where the scale counts the other way round, "Toenemend" for an
    indicator; a gesprek is "Te bespreken", an unanswered question "Niet beantwoord"."""
    rule = rules["kinds"][kind]
    if rule["answer"] == "notitie":
        return "Te bespreken"
    options = rules["scale"] if rule["answer"] == "schaal" else rules["trends"]
    # of the same type too: in Python 1 == True, and true is no answer
    option = next(
        (o for o in options if o["value"] == value and type(o["value"]) is type(value)), None
    )
    if option is None:
        return "Niet beantwoord"
    if not is_scored(value):
        return str(option["label"])
    if rule["reversed"]:
        counted = rules["scored"][0] + rules["scored"][-1] - value
        return f"{option['label']} (telt als {counted})"
    return f"{value}. {option['label']}"


def format_tenths(tenths: int | None) -> str:
    """Dutch decimal notation, e.g. 2,5; a dash when there is no score."""
    if tenths is None:
        return "–"
    return f"{tenths // 10},{tenths % 10}"


def format_figure(value: float) -> str:
    """An indicator's figure in Dutch notation, as written: 12, 12,5 or 0,25 (ten decimals at most)."""
    return f"{value:.10f}".rstrip("0").rstrip(".").replace(".", ",")


def format_change(older: int | None, newer: int | None) -> str:
    """The change from an older to a newer score, e.g. +0,5, -1,0 or 0,0; a dash when one is missing."""
    if older is None or newer is None:
        return "–"
    change = newer - older
    sign = "+" if change > 0 else "-" if change < 0 else ""
    return sign + format_tenths(abs(change))


@dataclass(frozen=True)
class Standing:
    """How a bouwsteen's questions in one bundle were answered, as the answers count."""

    lowest: int  # the lowest answer
    tenths: int  # the mean of the answers, rounded half up, in tenths
    weak: int  # answers among the weak answers (1 or 2)


def bouwsteen_standings(
    rules: Rules, answer_sets: Iterable[Mapping[str, object]], bundle: str
) -> dict[str, Standing]:
    """Per bouwsteen asked about in bundle, how its scored questions were answered in all
    answer_sets together (one scan's answers, or the latest scans of several municipalities);
    bouwstenen without an answer 1-4 are left out."""
    values: dict[str, list[int]] = {}
    for answers in answer_sets:
        for question in rules["questions"]:
            if question["bundle"] != bundle:
                continue
            value = counted_value(rules, question, answers.get(question["id"]))
            if value is not None:
                values.setdefault(question["bouwsteen"], []).append(value)
    return {
        bouwsteen: Standing(
            min(counted),
            mean_tenths(sum(counted), len(counted)),
            sum(value in rules["weak_answers"] for value in counted),
        )
        for bouwsteen, counted in values.items()
    }


def rank_bouwstenen(rules: Rules, standings: Mapping[str, Standing]) -> list[str]:
    """The bouwstenen with a weak answer, ordered by the answers: the lowest answer first, then the
    lowest mean, then in the order of the scan."""
    order = list(dict.fromkeys(q["bouwsteen"] for q in rules["questions"]))
    weak = [b for b, standing in standings.items() if standing.weak]
    return sorted(weak, key=lambda b: (standings[b].lowest, standings[b].tenths, order.index(b)))


def advice(rules: Rules, answers: Mapping[str, object]) -> dict[str, Any]:
    """Per weak bundle the bouwstenen that help most, and the top few over all weak bundles.

    A bundle is weak when its score is an aandachtspunt. Its bouwstenen with a weak answer are
    ordered by the answers (rank_bouwstenen); each is advised once: under the first weak bundle
    that asks about it. The top is ordered the same way over all weak bundles, a tie going to the
    lower bundle score.
    """
    order = list(dict.fromkeys(q["bouwsteen"] for q in rules["questions"]))
    bundles: list[dict[str, Any]] = []
    ranked: list[tuple[int, int, int, int, str]] = []  # lowest, mean, bundle, order, bouwsteen
    advised: set[str] = set()
    for score in score_bundles(rules, answers):
        if not score.attention:
            continue
        assert score.tenths is not None
        standings = bouwsteen_standings(rules, [answers], score.bundle)
        candidates = [b for b in rank_bouwstenen(rules, standings) if b not in advised]
        candidates = candidates[: rules["advice_per_bundle"]]
        advised.update(candidates)
        bundles.append({"bundle": score.bundle, "tenths": score.tenths, "bouwstenen": candidates})
        ranked += [
            (standings[b].lowest, standings[b].tenths, score.tenths, order.index(b), b)
            for b in candidates
        ]
    return {"bundles": bundles, "top": [b for *_, b in sorted(ranked)[: rules["top_advice"]]]}


def unknown_questions(rules: Rules, ids: Iterable[str]) -> list[str]:
    """Ids of answers, figures or notes in an export that this version of the scan does not ask."""
    known = {q["id"] for q in rules["questions"]}
    return sorted({i for i in ids if i not in known})


def fits_kind(rules: Rules, kind: str, answer: object) -> bool:
    """Whether answer is an answer to a question of kind: 1-4 or "nvt" on the scale, a trend or
    "nvt" to an indicator; a gesprek takes no answer (only a note)."""
    form = rules["kinds"][kind]["answer"]
    if form == "schaal":
        return is_scored(answer) or answer == "nvt"
    if form == "ontwikkeling":
        return isinstance(answer, str) and any(t["value"] == answer for t in rules["trends"])
    return False


def is_figure(rules: Rules, value: object) -> bool:
    """A number an indicator's figure can be: 0 up to rules["max_figure"] (true is no number)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    return 0 <= value <= rules["max_figure"]


def figure_kinds(rules: Rules) -> set[str]:
    """The kinds of question that take a figure: those answered with a trend."""
    return {kind for kind, rule in rules["kinds"].items() if rule["answer"] == "ontwikkeling"}


def fitted_scan(
    rules: Rules,
    answers: Mapping[str, object],
    figures: Mapping[str, object],
    notes: Mapping[str, object],
) -> tuple[dict[str, object], dict[str, float], dict[str, str]]:
    """The answers, figures and notes that the questions of this scan take, each in its kind:
    what does not fit (an answer 1-4 to a question that is now a gesprek, a figure to a question
    that is no indicator, anything for a question the scan no longer asks) is left out."""
    kinds = {q["id"]: q["kind"] for q in rules["questions"]}
    kept_answers = {
        i: a for i, a in answers.items() if i in kinds and fits_kind(rules, kinds[i], a)
    }
    kept_figures = {
        i: float(f)
        for i, f in figures.items()
        if isinstance(f, int | float)
        and is_figure(rules, f)
        and kinds.get(i) in figure_kinds(rules)
    }
    kept_notes = {i: n for i, n in notes.items() if i in kinds and isinstance(n, str)}
    return kept_answers, kept_figures, kept_notes


def kind_changes(
    rules: Rules, kinds: Mapping[str, str], ids: Iterable[str]
) -> list[dict[str, str]]:
    """The questions among ids (those an export or a stored scan holds something for) that the
    scan now asks in another kind than kinds says they were asked in, in the order of the scan.
    A question kinds names no kind for was asked as rules["implied_kind"] (format version 1)."""
    held = set(ids)
    changes = []
    for question in rules["questions"]:
        stated = kinds.get(question["id"])
        was = stated if stated in rules["kinds"] else rules["implied_kind"]
        if question["id"] in held and was != question["kind"]:
            changes.append({"id": question["id"], "was": was, "now": question["kind"]})
    return changes


def _in_ranges(char: str, ranges: Iterable[Sequence[int]]) -> bool:
    code = ord(char)
    return any(start <= code <= end for start, end in ranges)


def trimmed_name(name: str, names: Mapping[str, Any] = MUNICIPALITY_NAMES) -> str:
    """name without the white space of names["trimmed"] at either end."""
    start, end = 0, len(name)
    while start < end and _in_ranges(name[start], names["trimmed"]):
        start += 1
    while end > start and _in_ranges(name[end - 1], names["trimmed"]):
        end -= 1
    return name[start:end]


def municipality_key(name: str, names: Mapping[str, Any] = MUNICIPALITY_NAMES) -> str:
    """What all spellings of one municipality share (see MUNICIPALITY_NAMES)."""
    composed = unicodedata.normalize(names["unicode_form"], name)
    visible = "".join(c for c in composed if not _in_ranges(c, names["ignored"]))
    return trimmed_name(visible, names).lower()


def listed_spelling(
    name: str, municipalities: Iterable[str], names: Mapping[str, Any] = MUNICIPALITY_NAMES
) -> str | None:
    """The region's spelling of a municipality written as name, or None when it is not listed."""
    key = municipality_key(name, names)
    return next((m for m in municipalities if municipality_key(m, names) == key), None)


def counted_names(rules: Rules, written: Iterable[str]) -> list[str]:
    """The name each spelling in written counts under: the region's own spelling when the
    municipality is listed, else the first spelling of it in written, without outer white space."""
    names = rules["municipality_names"]
    listed: dict[str, str] = {}
    for municipality in rules["municipalities"]:
        listed.setdefault(municipality_key(municipality, names), municipality)
    first: dict[str, str] = {}
    counted = []
    for name in written:
        key = municipality_key(name, names)
        counted.append(listed.get(key) or first.setdefault(key, trimmed_name(name, names)))
    return counted


def is_after_latest_date(rules: Rules, iso: str, today: date) -> bool:
    """Whether a scan dated iso (an existing date, JJJJ-MM-DD) is later than a scan can be made
    on today: more than rules["max_days_ahead"] days after it."""
    return date.fromisoformat(iso) > today + timedelta(days=rules["max_days_ahead"])
