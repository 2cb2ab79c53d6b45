"""The coordinator's maintenance report (regiokaart.maintenance)."""

from datetime import date
from pathlib import Path

from regiokaart.check import check_data
from regiokaart.cli import main
from regiokaart.maintenance import COLUMNS, maintenance_rows, render_maintenance_csv
from tests.conftest import replace_in


def test_rows_are_plain_and_most_urgent_first(mini_data: Path) -> None:
    replace_in(mini_data / "offers.yaml", "    providers: [veilig-thuis-testland]\n", "")
    dataset, _ = check_data(mini_data, today=date(2026, 11, 25))
    assert dataset is not None
    rows = maintenance_rows(dataset, date(2026, 11, 25))
    assert all(set(row) == set(COLUMNS) for row in rows)
    problems = [(row["id"], row["probleem"]) for row in rows]
    assert problems[0] == ("steungroep", "alleen de algemene route van de regio")
    assert ("steungroep", "geen aanbieder") in problems
    assert ("steungroep", "effectiviteit onbekend") in problems
    assert ("relatietherapie", "peildatum verouderd (ouder dan 12 maanden)") in problems
    assert [row["prioriteit"] for row in rows] == sorted(row["prioriteit"] for row in rows)
    assert render_maintenance_csv(rows).startswith("\ufeffprioriteit;soort;id;naam;")


def test_check_writes_the_report(mini_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "onderhoud.md"
    assert main(["check", "--data", str(mini_data), "--onderhoud", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Onderhoudsrapport regio Testland")
    assert "peildatum verouderd" in text
