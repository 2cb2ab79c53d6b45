"""regiokaart selfscan-report: three municipalities side by side; bad files are located, never a traceback."""

import csv
import json
from pathlib import Path

import pytest

from generator.check import check_data
from generator.cli import main
from generator.pages.selfscan import selfscan_data_version
from tests.conftest import FIXTURE, ROOT

DATA = FIXTURE / "data"


def export(
    tmp_path: Path, name: str, municipality: str, answers: dict[str, object], **extra: object
) -> Path:
    dataset, _ = check_data(DATA)
    assert dataset is not None
    body = {
        "format": "regiokaart-zelfscan",
        "format_version": 1,
        "data_version": selfscan_data_version(dataset.selfscan),
        "region": "Testland",
        "municipality": municipality,
        "date": "2026-03-01",
        "answers": answers,
        "notes": {},
        **extra,
    }
    path = tmp_path / name
    path.write_text(json.dumps(body, indent=2), encoding="utf-8")
    return path


def run(files: list[Path], out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(
        [
            "selfscan-report",
            *map(str, files),
            "--out",
            str(out),
            "--data",
            str(DATA),
            "--project",
            str(ROOT),
        ]
    )
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_three_exports_make_an_overview_and_a_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        export(
            tmp_path, "a.json", "Noordstad", {"aanbod-in-kaart-1": 1, "gender-1": 2, "visie-1": 4}
        ),
        export(
            tmp_path,
            "b.json",
            "Zuiddorp",
            {"aanbod-in-kaart-1": 4, "gender-1": "nvt", "visie-1": 3},
        ),
        export(tmp_path, "c.json", "Oostburg", {"aanbod-in-kaart-1": 3, "gender-1": 3}),
    ]
    code, output = run(files, tmp_path / "rapport", capsys)
    assert code == 0, output
    html = (tmp_path / "rapport" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    rows = list(
        csv.reader(
            (tmp_path / "rapport" / "zelfscan-regio.csv")
            .read_text(encoding="utf-8-sig")
            .splitlines(),
            delimiter=";",
        )
    )
    assert rows[0] == [
        "kwaliteitsstandaard",
        "gemeente",
        "datum",
        "gemiddelde_score",
        "beantwoord",
        "vragen",
    ]
    by_key = {(r[0], r[1]): r[3:] for r in rows[1:]}
    assert by_key[("9", "Noordstad")] == ["1,5", "2", "2"]
    assert by_key[("9", "Zuiddorp")] == ["4,0", "1", "2"]
    assert by_key[("1", "Oostburg")] == ["–", "0", "1"]
    assert by_key[("2", "Noordstad")] == ["4,0", "1", "1"]
    assert len(rows) == 1 + 10 * 3
    assert html.count("(aandachtspunt)") == 1  # Noordstad, standard 9


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{\n  "format": "regiokaart-zelfscan",\n  oops\n}', ":3:3: geen geldige JSON"),
        (None, ":6:19: municipality: verwacht tekst, gevonden een getal"),
        ("[]", ":1:1: verwacht bovenaan een mapping"),
    ],
)
def test_bad_file_gets_a_located_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, fragment: str
) -> None:
    good = export(tmp_path, "goed.json", "Noordstad", {"visie-1": 2})
    bad = tmp_path / "fout.json"
    if content is None:
        export(tmp_path, "fout.json", "Noordstad", {"visie-1": 2})
        bad.write_text(
            bad.read_text(encoding="utf-8").replace('"Noordstad"', "12"), encoding="utf-8"
        )
    else:
        bad.write_text(content, encoding="utf-8")
    code, output = run([good, bad], tmp_path / "rapport", capsys)
    assert code == 1
    assert f"{bad}{fragment}" in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "rapport").exists()


def test_wrong_format_version_and_answer_value_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(tmp_path, "x.json", "Noordstad", {"visie-1": 7}, format_version=2)
    code, output = run([path], tmp_path / "rapport", capsys)
    assert code == 1
    assert "format_version: ongeldige waarde 2" in output
    assert "answers.visie-1: ongeldige waarde 7" in output


def test_report_never_overwrites_a_folder_the_user_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mijn-map"
    out.mkdir()
    (out / "index.html").write_text("mijn eigen pagina", encoding="utf-8")
    code, output = run([export(tmp_path, "a.json", "Noordstad", {"visie-1": 2})], out, capsys)
    assert code == 1
    assert "geen eerder zelfscan-rapport" in output
    assert (out / "index.html").read_text(encoding="utf-8") == "mijn eigen pagina"
    report = tmp_path / "rapport"
    assert run([export(tmp_path, "a.json", "Noordstad", {"visie-1": 2})], report, capsys)[0] == 0
    assert run([export(tmp_path, "a.json", "Noordstad", {"visie-1": 3})], report, capsys)[0] == 0, (
        "an earlier report may be replaced"
    )


def test_export_from_other_question_version_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(
        tmp_path,
        "oud.json",
        "Noordstad",
        {"visie-1": 2, "vraag-bestaat-niet": 3},
        data_version="0-oud",
    )
    code, output = run([path], tmp_path / "rapport", capsys)
    assert code == 0
    assert (
        "waarschuwing: gemaakt met een andere versie van de vragen; onbekende vragen genegeerd: vraag-bestaat-niet"
        in output
    )
