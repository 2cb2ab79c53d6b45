"""JSON Schemas stay in step with the models, and every data file points its editor at one."""

import json
from pathlib import Path

import pytest

from regiokaart.cli import main
from regiokaart.dataset.load import DATA_FILES
from regiokaart.schema import render_schemas
from tests.conftest import ROOT


def test_committed_schemas_match_models() -> None:
    rendered = render_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert committed == rendered, "run `regiokaart schema` and commit schemas/"


DATA_AND_NATIONAL = sorted(
    (folder, kind)
    for folder in ("data", "national")
    for kind, data_file in DATA_FILES.items()
    if (ROOT / folder / data_file.name).exists()
)


@pytest.mark.parametrize(("folder", "kind"), DATA_AND_NATIONAL, ids="/".join)
def test_data_file_declares_its_schema(folder: str, kind: str) -> None:
    data_file = DATA_FILES[kind]
    national_differs = data_file.national is not data_file.regional
    schema = (
        f"{kind}.landelijk.schema.json"
        if folder == "national" and national_differs
        else f"{kind}.schema.json"
    )
    first = (ROOT / folder / data_file.name).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{schema}"
    assert (ROOT / "schemas" / schema).is_file()


def test_schema_forbids_unknown_keys_and_lists_vocabulary(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    offers = json.loads((tmp_path / "offers.schema.json").read_text(encoding="utf-8"))
    offer = offers["$defs"]["Offer"]
    assert offer["additionalProperties"] is False
    assert "Goed onderbouwd" in offers["$defs"]["Effectiveness"]["enum"]
    assert offer["properties"]["id"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
