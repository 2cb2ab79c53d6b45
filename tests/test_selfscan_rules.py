"""The self-scan's rules: shared vectors (also checked by tests/js/scan-rules.test.js) and the rules
the build derives from a region's data: kinds of question, scores, advice ordered by the answers,
and exports of both format versions."""

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from regiokaart.models.selfscan import (
    EXPORT_FORMAT_VERSION,
    EXPORT_MODELS,
    IMPLIED_KIND,
    KINDS,
    READ_FORMAT_VERSIONS,
    QuestionKind,
    SelfscanExportV1,
)
from regiokaart.problems import Severity
from regiokaart.selfscan.exports import read_exports
from regiokaart.selfscan.rules import (
    SCALE,
    TRENDS,
    advice,
    answer_label,
    average_tenths,
    bundle_name,
    counted_names,
    export_schema,
    fitted_scan,
    format_change,
    format_figure,
    format_tenths,
    is_after_latest_date,
    kind_changes,
    municipality_key,
    scan_rules,
    score_bundles,
)
from regiokaart.source.positions import read_yaml
from tests.conftest import FIXTURE, ROOT, checked

VECTORS = json.loads((ROOT / "tests/fixtures/selfscan/vectors.json").read_text(encoding="utf-8"))
RULES = VECTORS["rules"]


@pytest.mark.parametrize("case", VECTORS["scores"], ids=lambda c: c["name"])
def test_scores_match_the_shared_vectors(case: dict[str, Any]) -> None:
    scores = score_bundles(RULES, case["answers"])
    seen = [
        {
            "bundle": s.bundle,
            "tenths": s.tenths,
            "answered": s.answered,
            "total": s.total,
            "attention": s.attention,
            "shown": format_tenths(s.tenths),
        }
        for s in scores
    ]
    assert seen == case["expected"]


@pytest.mark.parametrize("case", VECTORS["scores"], ids=lambda c: c["name"])
def test_advice_matches_the_shared_vectors(case: dict[str, Any]) -> None:
    assert advice(RULES, case["answers"]) == case["advice"]


@pytest.mark.parametrize("case", VECTORS["changes"], ids=lambda c: c["shown"])
def test_changes_match_the_shared_vectors(case: dict[str, Any]) -> None:
    assert format_change(case["older"], case["newer"]) == case["shown"]


@pytest.mark.parametrize("case", VECTORS["averages"], ids=lambda c: str(c["values"]))
def test_averages_match_the_shared_vectors(case: dict[str, Any]) -> None:
    assert average_tenths(case["values"]) == case["tenths"]


@pytest.mark.parametrize(
    "case", VECTORS["labels"]["cases"], ids=lambda c: f"{c['kind']} {c['value']}"
)
def test_answer_labels_match_the_shared_vectors(case: dict[str, Any]) -> None:
    assert answer_label(RULES, case["kind"], case["value"]) == case["label"]


@pytest.mark.parametrize("case", VECTORS["figures"]["cases"], ids=lambda c: c["shown"])
def test_figures_match_the_shared_vectors(case: dict[str, Any]) -> None:
    assert format_figure(case["value"]) == case["shown"]


@pytest.mark.parametrize("case", VECTORS["kinds"]["cases"], ids=lambda c: c["name"])
def test_scans_are_fitted_to_the_kinds_as_the_shared_vectors_say(case: dict[str, Any]) -> None:
    answers, figures, notes = fitted_scan(RULES, case["answers"], case["figures"], case["notes"])
    assert {"answers": answers, "figures": figures, "notes": notes} == case["fitted"]
    held = [*case["answers"], *case["figures"], *case["notes"]]
    assert kind_changes(RULES, case["kinds"], held) == case["changes"]


def _export_text(case: dict[str, Any]) -> str:
    if "json" in case:
        return str(case["json"])
    body = copy.deepcopy(VECTORS["exports"][case.get("of", "base")])
    body.update(case.get("set", {}))
    for name in case.get("remove", []):
        del body[name]
    return json.dumps(body)


@pytest.mark.parametrize("case", VECTORS["exports"]["cases"], ids=lambda c: c["name"])
def test_exports_are_judged_as_the_shared_vectors_say(case: dict[str, Any], tmp_path: Path) -> None:
    """As selfscan-report reads a file: JSON, limits, format, schema (the browser: parseExport)."""
    path = tmp_path / "scan.json"
    path.write_text(_export_text(case), encoding="utf-8")
    scans, problems = read_exports([str(path)], RULES, today=date(9999, 12, 31))
    errors = [p.format() for p in problems if p.severity is Severity.ERROR]
    assert (len(scans) == 1) == case["valid"], errors
    assert bool(errors) != case["valid"], errors


@pytest.mark.parametrize("case", VECTORS["municipality_names"]["keys"], ids=lambda c: c["key"])
def test_municipality_keys_match_the_shared_vectors(case: dict[str, Any]) -> None:
    assert municipality_key(case["written"], RULES["municipality_names"]) == case["key"]


@pytest.mark.parametrize("case", VECTORS["municipality_names"]["counted"], ids=lambda c: c["name"])
def test_counted_names_match_the_shared_vectors(case: dict[str, Any]) -> None:
    assert counted_names(RULES, case["written"]) == case["counted"]


def _date_verdict(value: str, today: date) -> str:
    """As selfscan-report judges the date of a scan: the export model, then the day it is."""
    body = {**VECTORS["exports"]["base"], "date": value}
    try:
        SelfscanExportV1.model_validate(body)
    except ValidationError as error:
        assert [e["loc"] for e in error.errors()] == [("date",)], error
        return "invalid"
    return "future" if is_after_latest_date(RULES, value, today) else "valid"


@pytest.mark.parametrize("case", VECTORS["dates"]["cases"], ids=lambda c: repr(c["date"]))
def test_dates_are_judged_as_the_shared_vectors_say(case: dict[str, Any]) -> None:
    today = date.fromisoformat(case.get("today", VECTORS["dates"]["today"]))
    assert _date_verdict(case["date"], today) == case["verdict"]


def test_the_vectors_limits_and_names_are_the_rules_the_build_writes() -> None:
    """The browser's tests read the rules from the vectors: these must be the real ones."""
    built = scan_rules(checked(FIXTURE / "data"))
    for key in (
        "format",
        "format_version",
        "format_versions",
        "max_export_bytes",
        "max_nesting",
        "max_number_digits",
        "max_days_ahead",
        "max_figure",
        "municipality_names",
        "kinds",
        "implied_kind",
        "scale",
        "trends",
        "scored",
        "weak_answers",
    ):
        assert RULES[key] == built[key], key


@pytest.mark.parametrize("version", READ_FORMAT_VERSIONS)
def test_the_committed_export_schemas_are_the_models(version: int) -> None:
    path = ROOT / f"schemas/zelfscan-export.v{version}.schema.json"
    committed = json.loads(path.read_text("utf-8"))
    assert committed == export_schema(version)
    assert committed["$id"].endswith(f"zelfscan-export.v{version}.json")


def test_format_version_1_is_still_read_and_its_schema_is_as_published() -> None:
    """Exports made before questions had a kind: version 1 is read, and its schema is the one
    published with it (it holds no kinds and no figures)."""
    assert 1 in READ_FORMAT_VERSIONS and max(READ_FORMAT_VERSIONS) == EXPORT_FORMAT_VERSION
    v1 = export_schema(1)
    assert set(v1["properties"]) == {
        "format",
        "format_version",
        "data_version",
        "region",
        "municipality",
        "date",
        "answers",
        "notes",
    }
    assert v1["properties"]["format_version"]["const"] == 1
    assert EXPORT_MODELS[1] is SelfscanExportV1


def test_the_export_takes_exactly_the_answers_the_scale_and_the_trends_name() -> None:
    allowed = EXPORT_MODELS[EXPORT_FORMAT_VERSION].model_json_schema()["properties"]["answers"]
    (values,) = allowed["patternProperties"].values()
    assert set(values["enum"]) == set(SCALE) | set(TRENDS)


def test_every_kind_is_declared_once_with_its_meaning() -> None:
    assert set(KINDS) == set(QuestionKind)
    for kind, rule in KINDS.items():
        assert rule.label and rule.noun and len(rule.meaning) > 40, kind
        assert rule.reversed <= rule.scored, (
            f"{kind}: only a scored kind counts the other way round"
        )
    assert KINDS[IMPLIED_KIND].scored and not KINDS[IMPLIED_KIND].reversed
    # The scan's own schema tells an editor what each kind means.
    description = json.loads((ROOT / "schemas/selfscan.landelijk.schema.json").read_text("utf-8"))
    text = json.dumps(description, ensure_ascii=False)
    for rule in KINDS.values():
        assert json.dumps(rule.meaning, ensure_ascii=False)[1:-1] in text


def test_vector_rules_have_the_shape_the_build_writes() -> None:
    built = scan_rules(checked(FIXTURE / "data"))
    for key, value in RULES.items():
        assert key in built, key
        if isinstance(value, list) and value and isinstance(value[0], dict):
            assert set(value[0]) == set(built[key][0]), key


@pytest.fixture(scope="module")
def shipped_rules() -> dict[str, Any]:
    return scan_rules(checked(ROOT / "data"))


def best_answers(rules: dict[str, Any]) -> dict[str, Any]:
    """The answer that counts as 4 to every scored question, and a trend to every indicator."""
    answers: dict[str, Any] = {}
    for q in rules["questions"]:
        rule = rules["kinds"][q["kind"]]
        if rule["scored"]:
            answers[q["id"]] = 1 if rule["reversed"] else 4
        elif rule["answer"] == "ontwikkeling":
            answers[q["id"]] = "toenemend"
    return answers


def test_rules_of_the_shipped_data_score_five_bundles_named_in_words(
    shipped_rules: dict[str, Any],
) -> None:
    rules = shipped_rules
    assert [b["name"] for b in rules["bundles"]] == [
        "Standaarden 1 en 2",
        "Standaarden 3 en 6",
        "Standaarden 4, 5, 7 en 8",
        "Standaard 9",
        "Standaard 10",
    ]
    assert all(b["title"] for b in rules["bundles"])
    assert [s.tenths for s in score_bundles(rules, best_answers(rules))] == [40] * 5
    assert set(rules["bouwstenen"]) == {q["bouwsteen"] for q in rules["questions"]}


def test_only_assessments_count_and_a_knelpunt_counts_the_other_way_round(
    shipped_rules: dict[str, Any],
) -> None:
    """Behaviour on the shipped scan, whatever its questions are: a bundle's total is its scored
    questions; answering a gesprek or an indicator changes no score; a yes to a knelpunt lowers it."""
    rules = shipped_rules
    kinds = rules["kinds"]
    scored = [q for q in rules["questions"] if kinds[q["kind"]]["scored"]]
    totals = {s.bundle: s.total for s in score_bundles(rules, {})}
    for bundle in totals:
        assert totals[bundle] == sum(q["bundle"] == bundle for q in scored)
    best = best_answers(rules)
    unscored = {q["id"]: 1 for q in rules["questions"] if not kinds[q["kind"]]["scored"]}
    assert unscored, "the shipped scan has gesprekken and indicators to answer"
    assert score_bundles(rules, {**best, **unscored}) == score_bundles(rules, best)
    knelpunten = [q for q in scored if kinds[q["kind"]]["reversed"]]
    assert knelpunten, "the shipped scan has a knelpunt to answer"
    for question in knelpunten:
        yes = score_bundles(rules, {**best, question["id"]: 4})
        no = score_bundles(rules, {**best, question["id"]: 1})
        bundle = [b["id"] for b in rules["bundles"]].index(question["bundle"])
        assert yes[bundle].tenths is not None and no[bundle].tenths is not None
        assert yes[bundle].tenths < no[bundle].tenths, question["id"]


def test_advice_carries_the_whole_text_of_each_bouwsteen(shipped_rules: dict[str, Any]) -> None:
    dataset = checked(ROOT / "data")
    for block_id, block in shipped_rules["bouwstenen"].items():
        assert block["text"] == dataset.bouwstenen[block_id].text


def test_advice_is_ordered_by_the_answers_lowest_first(shipped_rules: dict[str, Any]) -> None:
    """Each weak bundle's advice, and the top, never put a bouwsteen whose lowest answer is higher
    before one whose lowest answer is lower."""
    rules = shipped_rules
    kinds = rules["kinds"]
    scored = [q for q in rules["questions"] if kinds[q["kind"]]["scored"]]
    for shift in range(4):
        answers = {q["id"]: [1, 2, 2, 3, 4, "nvt"][(i + shift) % 6] for i, q in enumerate(scored)}
        result = advice(rules, answers)
        lowest: dict[tuple[str, str], int] = {}
        for q in scored:
            value = answers[q["id"]]
            if isinstance(value, int):
                counted = 5 - value if kinds[q["kind"]]["reversed"] else value
                key = (q["bundle"], q["bouwsteen"])
                lowest[key] = min(lowest.get(key, 4), counted)
        assert result["bundles"] and result["top"], "these answers leave bundles to advise on"
        bundle_of = {b: e["bundle"] for e in result["bundles"] for b in e["bouwstenen"]}
        for entry in result["bundles"]:
            seen = [lowest[(entry["bundle"], b)] for b in entry["bouwstenen"]]
            assert seen == sorted(seen), entry
        top = [lowest[(bundle_of[b], b)] for b in result["top"]]
        assert top == sorted(top), result["top"]
        assert all(value in rules["weak_answers"] for value in top)


def test_bundle_name() -> None:
    assert bundle_name([9]) == "Standaard 9"
    assert bundle_name([4, 5, 7, 8]) == "Standaarden 4, 5, 7 en 8"


def test_json_export_keeps_positions_for_messages(tmp_path: Any) -> None:
    path = tmp_path / "e.json"
    path.write_text('{\n  "answers": {"q1": 7}\n}\n', encoding="utf-8")
    document, problems = read_yaml(path, "e.json")
    assert not problems
    assert document.locate(("answers", "q1"))[0] == 2
