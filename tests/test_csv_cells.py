"""CSV cells a spreadsheet cannot run as a formula; the same vectors are checked by tests/js/csv.test.js."""

import json

from regiokaart.csv_cells import neutralise_cell, render_csv
from tests.conftest import ROOT

CSV_VECTORS = ROOT / "tests" / "fixtures" / "selfscan" / "csv_cells.json"


def test_csv_cells_follow_the_shared_vectors() -> None:
    vectors = json.loads(CSV_VECTORS.read_text(encoding="utf-8"))
    starts = {v["in"][:1] for v in vectors if v["in"] != v["out"]}
    assert starts == {"=", "+", "-", "@", "\t", "\r"}, "every dangerous start has a vector"
    for vector in vectors:
        assert neutralise_cell(vector["in"]) == vector["out"], vector


def test_render_csv_is_semicolons_bom_and_crlf_and_neutralises_every_cell() -> None:
    text = render_csv([["naam", "score"], ["=1+2", 3], ["a;b", "-"]])
    assert text == "\ufeffnaam;score\r\n'=1+2;3\r\n\"a;b\";'-\r\n"
