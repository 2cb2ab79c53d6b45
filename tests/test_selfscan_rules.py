"""The self-scan's rules: shared vectors (also checked by tests/js/scan-rules.test.js) and the rules
the build derives from a region's data."""

import copy
import json
from typing import Any

import pytest
from pydantic import ValidationError

from regiokaart.check import check_data
from regiokaart.models.selfscan import SelfscanExport
from regiokaart.selfscan_rules import (
    advice,
    advice_sentence,
    average_tenths,
    bundle_name,
    export_schema,
    format_change,
    format_tenths,
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


def _export_case(case: dict[str, Any]) -> object:
    if "json" in case:
        return json.loads(case["json"])
    body = copy.deepcopy(VECTORS["exports"]["base"])
    body.update(case.get("set", {}))
    for name in case.get("remove", []):
        del body[name]
    return body


@pytest.mark.parametrize("case", VECTORS["exports"]["cases"], ids=lambda c: c["name"])
def test_exports_are_judged_as_the_shared_vectors_say(case: dict[str, Any]) -> None:
    body = _export_case(case)
    if case["valid"]:
        SelfscanExport.model_validate(body)
    else:
        with pytest.raises(ValidationError):
            SelfscanExport.model_validate(body)


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
