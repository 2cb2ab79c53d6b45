"""The self-scan's rules, in one place: scale, score and rounding, 'aandachtspunt', advice, limits.

`scan_rules(dataset)` turns the data into plain JSON-ready rules. The build writes them into the scan
page; the browser (`theme/assets/js/core/scan-rules.js`) and `selfscan-report` apply the same rules
to them, and `tests/fixtures/selfscan/vectors.json` holds cases that both test suites check: scores,
advice, the spellings of one municipality, the dates a scan can have and the exports accepted.

A score is the mean of the answers 1-4 per bundle, rounded half up to one decimal and kept as an
integer number of tenths (25 is 2,5), so Python and JavaScript round alike and compare exactly.
"""

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from regiokaart.dataset import Dataset
from regiokaart.models.selfscan import (
    EXPORT_FORMAT,
    EXPORT_FORMAT_VERSION,
    MAX_NOTE_CHARS,
    SelfscanExport,
    SelfscanFile,
)

SCALE: dict[int | str, str] = {
    1: "Niet",
    2: "Beperkt",
    3: "Grotendeels",
    4: "Volledig",
    "nvt": "Weet niet / n.v.t.",
}
SCORED = (1, 2, 3, 4)  # answers that count in a score; "nvt" does not
WEAK_ANSWERS = (1, 2)  # answers that make a bouwsteen a candidate for advice
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
    """Changes whenever a question is added, removed or reworded; stored in every export."""
    digest = hashlib.sha256()
    for step in selfscan.steps:
        for question in step.questions:
            digest.update(f"{step.bundle}|{question.id}|{question.text}\n".encode())
    return f"{selfscan.version}-{digest.hexdigest()[:10]}"


def advice_sentence(text: str, limit: int = 220) -> str:
    """The first sentence of a bouwsteen's text, as plain text, cut at a word when it runs long.

    A sentence ends at . ? or ! before a space, or at a colon outside brackets that opens a list.
    """
    plain = re.sub(r"\s+", " ", re.sub(r"(^|\n)\s*[-*]\s+", " ", text)).strip()
    plain = re.sub(r"[*_`]", "", plain)
    depth, end = 0, len(plain)
    for index, char in enumerate(plain):
        depth += {"(": 1, ")": -1}.get(char, 0)
        following = plain[index + 1 : index + 3]
        if char in ".?!" and (following[:1] in ("", " ")):
            end = index + 1
            break
        if char == ":" and depth <= 0 and following[:1] == " " and following[1:].isupper():
            plain = plain[:index] + "."
            end = index + 1
            break
    sentence = plain[:end]
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return sentence


def export_schema() -> dict[str, Any]:
    """The JSON Schema of a scan export (format version in its $id), from the model."""
    schema = SelfscanExport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://regiokaart.nl/schemas/zelfscan-export.v{EXPORT_FORMAT_VERSION}.json"
    schema["title"] = f"regiokaart: export van de zelfscan, formaatversie {EXPORT_FORMAT_VERSION}"
    return schema


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
        {"id": q.id, "bundle": str(step.bundle), "text": q.text, "bouwsteen": q.bouwsteen}
        for step in selfscan.steps
        for q in step.questions
    ]
    bouwstenen: dict[str, Any] = {}
    for step in selfscan.steps:
        for q in step.questions:
            block = dataset.bouwstenen[q.bouwsteen]
            entry = bouwstenen.setdefault(
                block.id,
                {
                    "title": block.title,
                    "sentence": advice_sentence(block.text),
                    "offers": [],
                    "modules": [],
                },
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
        "data_version": selfscan_data_version(selfscan),
        "region": dataset.region.name,
        "municipalities": [m.name for m in dataset.region.municipalities],
        "scale": [{"value": value, "label": label} for value, label in SCALE.items()],
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
        "max_days_ahead": MAX_DAYS_AHEAD,
        "municipality_names": MUNICIPALITY_NAMES,
        "bundles": bundles,
        "questions": questions,
        "bouwstenen": bouwstenen,
        "export_schema": export_schema(),
    }


@dataclass(frozen=True)
class BundleScore:
    bundle: str
    tenths: int | None  # mean of the answers 1-4, rounded half up, in tenths; None: none answered
    answered: int  # questions answered 1-4 ("weet niet / n.v.t." left out)
    total: int  # questions of this bundle

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


def score_bundles(rules: Rules, answers: Mapping[str, object]) -> list[BundleScore]:
    """One score per bundle, in the order of the scan; questions the rules do not know are ignored."""
    sums = {b["id"]: 0 for b in rules["bundles"]}
    answered = dict.fromkeys(sums, 0)
    totals = dict.fromkeys(sums, 0)
    for question in rules["questions"]:
        bundle = question["bundle"]
        totals[bundle] += 1
        answer = answers.get(question["id"])
        if is_scored(answer):
            assert isinstance(answer, int)
            sums[bundle] += answer
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


def format_tenths(tenths: int | None) -> str:
    """Dutch decimal notation, e.g. 2,5; a dash when there is no score."""
    if tenths is None:
        return "–"
    return f"{tenths // 10},{tenths % 10}"


def format_change(older: int | None, newer: int | None) -> str:
    """The change from an older to a newer score, e.g. +0,5, -1,0 or 0,0; a dash when one is missing."""
    if older is None or newer is None:
        return "–"
    change = newer - older
    sign = "+" if change > 0 else "-" if change < 0 else ""
    return sign + format_tenths(abs(change))


def bouwsteen_weights(
    rules: Rules, answers: Mapping[str, object], bundle: str | None = None
) -> dict[str, int]:
    """How much each bouwsteen would help: 2 per question answered 1, 1 per question answered 2
    (only the questions of bundle, when given)."""
    weights: dict[str, int] = {}
    for question in rules["questions"]:
        if bundle is not None and question["bundle"] != bundle:
            continue
        answer = answers.get(question["id"])
        if is_scored(answer) and answer in WEAK_ANSWERS:
            assert isinstance(answer, int)
            weights[question["bouwsteen"]] = weights.get(question["bouwsteen"], 0) + 3 - answer
    return weights


def advice(rules: Rules, answers: Mapping[str, object]) -> dict[str, Any]:
    """Per weak bundle the bouwstenen that help most, and the top few over all weak bundles.

    A bundle is weak when its score is an aandachtspunt. Its bouwstenen are ranked by their weight
    in that bundle (bouwsteen_weights), ties in the order of the scan. Each bouwsteen is advised
    once: under the first weak bundle that asks about it.
    """
    order = list(dict.fromkeys(q["bouwsteen"] for q in rules["questions"]))
    bundles: list[dict[str, Any]] = []
    ranked: list[tuple[int, int, int, str]] = []  # (-weight, bundle score, order, bouwsteen)
    advised: set[str] = set()
    for score in score_bundles(rules, answers):
        if not score.attention:
            continue
        assert score.tenths is not None
        weights = bouwsteen_weights(rules, answers, score.bundle)
        candidates = sorted(
            (b for b in weights if b not in advised), key=lambda b: (-weights[b], order.index(b))
        )[: rules["advice_per_bundle"]]
        advised.update(candidates)
        bundles.append({"bundle": score.bundle, "tenths": score.tenths, "bouwstenen": candidates})
        ranked += [(-weights[b], score.tenths, order.index(b), b) for b in candidates]
    return {"bundles": bundles, "top": [b for *_, b in sorted(ranked)[: rules["top_advice"]]]}


def unknown_questions(rules: Rules, ids: Iterable[str]) -> list[str]:
    """Ids of answers or notes in an export that this version of the scan does not ask."""
    known = {q["id"] for q in rules["questions"]}
    return sorted({i for i in ids if i not in known})


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
