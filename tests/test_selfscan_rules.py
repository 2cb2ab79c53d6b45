"""The self-scan's rules: shared vectors (also checked by tests/js/scan-rules.test.js) and the rules
the build derives from a region's data."""

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from regiokaart.check import check_data
from regiokaart.models.selfscan import SelfscanExport
from regiokaart.problems import Severity
from regiokaart.selfscan_exports import read_exports
from regiokaart.selfscan_rules import (
    advice,
    advice_sentence,
    average_tenths,
    bundle_name,
    counted_names,
    export_schema,
    format_change,
    format_tenths,
    is_after_latest_date,
    municipality_key,
    scan_rules,
    score_bundles,
)
from regiokaart.yamlsource import read_yaml
from tests.conftest import FIXTURE, ROOT

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


def _export_text(case: dict[str, Any]) -> str:
    if "json" in case:
        return str(case["json"])
    body = copy.deepcopy(VECTORS["exports"]["base"])
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
        SelfscanExport.model_validate(body)
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
    dataset, _ = check_data(FIXTURE / "data")
    assert dataset is not None
    built = scan_rules(dataset)
    for key in (
        "format",
        "format_version",
        "max_export_bytes",
        "max_nesting",
        "max_number_digits",
        "max_days_ahead",
        "municipality_names",
    ):
        assert RULES[key] == built[key], key


def test_the_committed_export_schema_is_the_models() -> None:
    committed = json.loads((ROOT / "schemas/zelfscan-export.v1.schema.json").read_text("utf-8"))
    assert committed == export_schema()
    assert committed["$id"].endswith("zelfscan-export.v1.json")


def test_vector_rules_have_the_shape_the_build_writes() -> None:
    dataset, _ = check_data(FIXTURE / "data")
    assert dataset is not None
    built = scan_rules(dataset)
    for key, value in RULES.items():
        assert key in built, key
        if isinstance(value, list) and value and isinstance(value[0], dict):
            assert set(value[0]) == set(built[key][0]), key


def test_rules_of_the_shipped_data_score_five_bundles_named_in_words() -> None:
    dataset, _ = check_data(ROOT / "data")
    assert dataset is not None
    rules = scan_rules(dataset)
    assert [b["name"] for b in rules["bundles"]] == [
        "Standaarden 1 en 2",
        "Standaarden 3 en 6",
        "Standaarden 4, 5, 7 en 8",
        "Standaard 9",
        "Standaard 10",
    ]
    assert all(b["title"] for b in rules["bundles"])
    every = {q["id"]: 4 for q in rules["questions"]}
    assert [s.tenths for s in score_bundles(rules, every)] == [40] * 5
    assert len(rules["questions"]) == sum(len(s.questions) for s in dataset.selfscan.steps)
    assert set(rules["bouwstenen"]) == {q["bouwsteen"] for q in rules["questions"]}


def test_each_advised_bouwsteen_is_one_sentence_of_plain_text() -> None:
    dataset, _ = check_data(ROOT / "data")
    assert dataset is not None
    for block in scan_rules(dataset)["bouwstenen"].values():
        sentence = block["sentence"]
        assert 10 < len(sentence) <= 225, sentence
        assert sentence[-1] in ".?!…", sentence
        assert "\n" not in sentence and not sentence.startswith("-")


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Doe dit. En dan dat.", "Doe dit."),
        ("- Eerste punt van een lijst\n- tweede", "Eerste punt van een lijst tweede"),
        ("Stel eisen (bron: Regioplan): Het aanbod is goed.", "Stel eisen (bron: Regioplan)."),
        ("Kijk naar **dit** en 1.5 keer dat.", "Kijk naar dit en 1.5 keer dat."),
    ],
)
def test_advice_sentence(text: str, sentence: str) -> None:
    assert advice_sentence(text) == sentence


def test_bundle_name() -> None:
    assert bundle_name([9]) == "Standaard 9"
    assert bundle_name([4, 5, 7, 8]) == "Standaarden 4, 5, 7 en 8"


def test_json_export_keeps_positions_for_messages(tmp_path: Any) -> None:
    path = tmp_path / "e.json"
    path.write_text('{\n  "answers": {"q1": 7}\n}\n', encoding="utf-8")
    document, problems = read_yaml(path, "e.json")
    assert not problems
    assert document.locate(("answers", "q1"))[0] == 2
