"""JSON Schemas stay in step with the models, and every data file points its editor at one."""

import json
from pathlib import Path

import pytest

from regiokaart.cli import main
from regiokaart.load import DATA_FILES
from regiokaart.schema import render_schemas
from tests.conftest import ROOT


def test_committed_schemas_match_models() -> None:
    rendered = render_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert committed == rendered, "run `regiokaart schema` and commit schemas/"


@pytest.mark.parametrize("kind", sorted(DATA_FILES))
def test_data_file_declares_its_schema(kind: str) -> None:
    name = DATA_FILES[kind][0]
    first = (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
    assert (ROOT / "schemas" / f"{kind}.schema.json").is_file()


def test_schema_forbids_unknown_keys_and_lists_vocabulary(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    offers = json.loads((tmp_path / "offers.schema.json").read_text(encoding="utf-8"))
    offer = offers["$defs"]["Offer"]
    assert offer["additionalProperties"] is False
    assert "Goed onderbouwd" in offers["$defs"]["Effectiveness"]["enum"]
    assert offer["properties"]["id"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
