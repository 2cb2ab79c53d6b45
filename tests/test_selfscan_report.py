"""regiokaart selfscan-report: the regional overview for the working group.

Latest scan per municipality with its trend, regional average and spread per bundle, the bundles
weak in most municipalities with the bouwstenen that help; every bad file or --out path one located
Dutch message and exit 1 while the good files are still reported; CSV cells that cannot run as
formulas; files written without following a planted symlink.

The fixture region (tests/fixtures/mini/data) asks three questions: aanbod-in-kaart-1 and gender-1 in
bundle 9, visie-1 in bundle 1-2, all for the bouwsteen aanbod-in-kaart. Its municipalities are
Noordstad and Zuiddorp; others are reported with a warning.
"""

import contextlib
import csv
import json
import os
import re
import signal
import stat
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from types import FrameType

import pytest

from regiokaart import safe_write
from regiokaart.cli import main
from regiokaart.problems import visible
from regiokaart.selfscan.exports import Scan, read_exports
from regiokaart.selfscan.report import REPORT_MARKER, helpful_bouwstenen
from regiokaart.selfscan.rules import Rules, listed_spelling, scan_rules, score_bundles
from regiokaart.source.positions import read_regular_file
from tests.conftest import FIXTURE, ROOT, checked, data_file, replace_in

DATA = FIXTURE / "data"
NINE = "Standaard 9: Beschikbaar hulpaanbod"
ONE_TWO = "Standaarden 1 en 2: Gemeentelijke visie"
CSV_VECTORS = ROOT / "tests" / "fixtures" / "selfscan" / "csv_cells.json"


def rules_of(data: Path) -> Rules:
    return scan_rules(checked(data))


@pytest.fixture(scope="module")
def rules() -> Rules:
    return rules_of(DATA)


def export_text(
    rules: Rules, municipality: str, answers: dict[str, object], date: str, **extra: object
) -> str:
    body = {
        "format": "regiokaart-zelfscan",
        "format_version": 1,
        "data_version": rules["data_version"],
        "region": "Testland",
        "municipality": municipality,
        "date": date,
        "answers": answers,
        "notes": {},
        **extra,
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


def write_export(
    folder: Path,
    rules: Rules,
    municipality: str,
    answers: dict[str, object],
    date: str = "2026-03-01",
    name: str | None = None,
    **extra: object,
) -> Path:
    path = folder / (name or f"{municipality.lower()}-{date}.json")
    path.write_text(export_text(rules, municipality, answers, date, **extra), encoding="utf-8")
    return path


def run(
    files: list[Path],
    out: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str] | None = None,
) -> tuple[int, str]:
    """The command's exit code and output; args default to the fixture data and this project."""
    if args is None:
        args = ["--data", str(DATA), "--project", str(ROOT)]
    code = main(["selfscan-report", *map(str, files), "--out", str(out), *args])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return code, output


def error_lines(output: str) -> list[str]:
    """The problem lines that are errors (file:line:col: … without 'waarschuwing')."""
    return [
        line for line in output.splitlines() if line.count(":") >= 3 and "waarschuwing:" not in line
    ]


def one_error(output: str) -> str:
    lines = error_lines(output)
    assert len(lines) == 1, output
    return lines[0]


def position_of(text: str, needle: str) -> str:
    """'line:column' (1-based) of the first needle in text, as a reader of the file would count."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


INLINE = {"a", "bdi", "span", "strong"}  # no word break around these


class _Page(HTMLParser):
    """The text of a page and its tables (caption and cell texts), whitespace normalised."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: list[str] | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in INLINE:
            return
        if tag in {"style", "title"}:
            self._skip = True
        elif tag == "table":
            self._rows = []
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in INLINE:
            return
        if tag in {"style", "title"}:
            self._skip = False
        elif tag == "caption" and self._caption is not None:
            self._current_caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in {"td", "th"} and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self.tables[self._current_caption] = self._rows
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data)
        for target in (self._caption, self._cell):
            if target is not None:
                target.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def read_page(out: Path) -> _Page:
    page = _Page()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    return page


def table(page: _Page, caption_start: str) -> list[list[str]]:
    matches = [rows for caption, rows in page.tables.items() if caption.startswith(caption_start)]
    assert len(matches) == 1, list(page.tables)
    return matches[0]


def read_csv(out: Path) -> list[dict[str, str]]:
    raw = (out / "zelfscan-regio.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()), "Excel needs the BOM to read UTF-8"
    with (out / "zelfscan-regio.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=";"))


# ---------------------------------------------------------------------------------------------
# The working group's scenario


def six_municipalities(folder: Path, rules: Rules) -> tuple[list[Path], Path]:
    """Five good exports (Noordstad also a year older), and one broken one."""
    files = [
        write_export(folder, rules, "Noordstad", {"aanbod-in-kaart-1": 1, "gender-1": 2, "visie-1": 2}, "2025-03-01"),
        write_export(folder, rules, "Noordstad", {"aanbod-in-kaart-1": 2, "gender-1": 3, "visie-1": 3}),
        write_export(folder, rules, "Zuiddorp", {"aanbod-in-kaart-1": 2, "gender-1": 2, "visie-1": 4}),
        write_export(folder, rules, "Oostburg", {"aanbod-in-kaart-1": 1, "gender-1": 3, "visie-1": 2}),
        write_export(folder, rules, "Westerveld", {"aanbod-in-kaart-1": 3, "gender-1": "nvt", "visie-1": 1}),
        write_export(folder, rules, "Lindendal", {"aanbod-in-kaart-1": 4, "gender-1": 4, "visie-1": 3}),
    ]  # fmt: skip
    broken = folder / "kapotstad.json"
    text = export_text(rules, "Kapotstad", {"visie-1": 2}, "2026-02-01")
    broken.write_text(text.replace('"region"', "region", 1), encoding="utf-8")
    return [*files[:3], broken, *files[3:]], broken


def test_six_municipalities_one_broken_one_a_year_older(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    files, broken = six_municipalities(tmp_path, rules)
    out = tmp_path / "rapport"
    code, output = run(files, out, capsys)

    assert code == 1, output
    errors = error_lines(output)
    where = position_of(broken.read_text(encoding="utf-8"), "region")
    assert errors == [
        f'{broken}:{where}: geen geldige JSON: naam tussen dubbele aanhalingstekens (") verwacht'
    ]
    assert "Regionaal overzicht van 5 gemeenten, 6 scans geschreven" in output

    page = read_page(out)
    assert "5 gemeenten, 6 scans" in page.text
    assert "scans van 1 maart 2025 tot en met 1 maart 2026" in page.text
    assert not any("Kapotstad" in row[0] for row in table(page, "Score per bundel in de nieuwste"))

    # Latest scans, bundle 9: Noordstad (2+3)/2 = 2,5, Zuiddorp 2,0, Oostburg 2,0, Westerveld 3,0
    # (nvt does not count), Lindendal 4,0; regional average 13,5/5 = 2,7; 2,5 and lower is an
    # aandachtspunt: Noordstad, Oostburg and Zuiddorp, 3 of 5, so more than half.
    # Bundle 1-2: 3, 4, 2, 1, 3 → 2,6; aandachtspunt in Oostburg and Westerveld only.
    regional = {row[0]: row[1:] for row in table(page, "Regionaal gemiddelde en spreiding")[1:]}
    assert regional[NINE] == [
        "2,7",
        "2,0 (Oostburg, Zuiddorp)",
        "4,0 (Lindendal)",
        "3 van 5 gemeenten met een score (Noordstad, Oostburg, Zuiddorp)",
    ]
    assert regional[ONE_TWO] == [
        "2,6",
        "1,0 (Westerveld)",
        "4,0 (Zuiddorp)",
        "2 van 5 gemeenten met een score (Oostburg, Westerveld)",
    ]

    latest = {row[0]: row[1:] for row in table(page, "Score per bundel in de nieuwste scan")[1:]}
    assert latest["Noordstad"][:2] == ["1 maart 2026", "2,5 (aandachtspunt) (2 van 2 beantwoord)"]
    assert latest["Westerveld (niet in de lijst van Testland)"][1] == "3,0 (1 van 2 beantwoord)"

    trend = table(page, "Noordstad: score per bundel per scan")
    assert trend[0] == ["Scan van", NINE, ONE_TWO]
    assert trend[1] == ["1 maart 2025", "1,5 (aandachtspunt)", "2,0 (aandachtspunt)"]
    assert trend[-1] == ["Verandering (oudste → nieuwste)", "1,5 → 2,5 (+1,0)", "2,0 → 3,0 (+1,0)"]
    assert len(table(page, "Score per bundel in de nieuwste scan")) == 1 + 5

    assert "Bundels die in de meeste gemeenten aandacht vragen" in page.text
    assert (
        f"{NINE} Regionaal gemiddelde 2,7. Aandachtspunt in 3 van 5 gemeenten met een score: Noordstad, Oostburg, Zuiddorp."
        in page.text
    )
    assert "Breng het aanbod in kaart Weet welk aanbod er is, zoals de steungroep." in page.text
    assert f"{ONE_TWO} Regionaal gemiddelde" not in page.text, "weak in 2 of 5 only"
    assert f"{broken}:{where}: geen geldige JSON" in page.text, "skipped files are listed"

    rows = read_csv(out)
    assert len(rows) == 6 * 2
    older = [r for r in rows if r["gemeente"] == "Noordstad" and r["datum"] == "2025-03-01"]
    assert {r["nieuwste_scan"] for r in older} == {"nee"}
    assert {r["bundel"]: r["score"] for r in older} == {NINE: "1,5", ONE_TWO: "2,0"}


def test_municipalities_are_counted_once_however_many_scans(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        write_export(tmp_path, rules, "Noordstad", {"visie-1": 2}, "2025-01-10"),
        write_export(tmp_path, rules, "Noordstad", {"visie-1": 3}, "2026-01-10"),
        write_export(tmp_path, rules, "Zuiddorp", {"visie-1": 3}),
        write_export(tmp_path, rules, "Oostburg", {"visie-1": 4}),
    ]
    code, output = run(files, tmp_path / "rapport", capsys)
    assert code == 0, output
    assert "3 gemeenten, 4 scans" in read_page(tmp_path / "rapport").text


def test_latest_scan_is_the_latest_date_then_the_later_file(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = write_export(tmp_path, rules, "Noordstad", {"visie-1": 4}, "2026-05-01", name="a.json")
    older = write_export(tmp_path, rules, "Noordstad", {"visie-1": 1}, "2026-01-01", name="b.json")
    low = write_export(tmp_path, rules, "Zuiddorp", {"visie-1": 1}, "2026-02-01", name="c.json")
    high = write_export(tmp_path, rules, "Zuiddorp", {"visie-1": 3}, "2026-02-01", name="d.json")

    def latest_scores(order: list[Path], out: Path) -> set[tuple[str, str]]:
        code, output = run(order, out, capsys)
        assert code == 0, output
        assert f"{order[-2]}:" in output and "telt als nieuwste" in output
        # The other file's name last, so that an odd character in it can only turn the name.
        assert f"dat telt als nieuwste: {order[-1]}\n" in output
        return {
            (r["gemeente"], r["score"])
            for r in read_csv(out)
            if r["bundel"] == ONE_TWO and r["nieuwste_scan"] == "ja"
        }

    # Noordstad: the later date, whatever the order; Zuiddorp (one date): the later file.
    assert latest_scores([newer, older, low, high], tmp_path / "r1") == {
        ("Noordstad", "4,0"),
        ("Zuiddorp", "3,0"),
    }
    assert latest_scores([older, newer, high, low], tmp_path / "r2") == {
        ("Noordstad", "4,0"),
        ("Zuiddorp", "1,0"),
    }


def test_attention_is_the_same_rule_on_the_number_shown(
    mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bundle 9 gets 20 questions, so a mean of 2,45 (49/20) can occur: shown rounded half up as
    # 2,5, it must be an aandachtspunt exactly like a mean of 2,50 (50/20); 2,55 shows 2,6: not.
    extra = "".join(
        f'      - {{id: extra-{n}, text: "Extra vraag {n}?", bouwsteen: aanbod-in-kaart, source: {{document: testbron, section: "4"}}}}\n'
        for n in range(18)
    )
    replace_in(
        data_file(mini_data, "selfscan.yaml"), '  - bundle: "1-2"\n', extra + '  - bundle: "1-2"\n'
    )
    rules = rules_of(mini_data)
    nine = [q["id"] for q in rules["questions"] if q["bundle"] == "9"]
    assert len(nine) == 20

    def answers(total: int) -> dict[str, object]:
        threes = total - 2 * len(nine)  # all 2, then this many raised to 3
        return {q: 3 if i < threes else 2 for i, q in enumerate(nine)}

    files = [
        write_export(tmp_path, rules, "Noordstad", answers(49)),
        write_export(tmp_path, rules, "Zuiddorp", answers(50)),
        write_export(tmp_path, rules, "Oostburg", answers(51)),
    ]
    out = tmp_path / "rapport"
    code, output = run(files, out, capsys, ["--data", str(mini_data), "--project", str(ROOT)])
    assert code == 0, output
    latest = {
        row[0]: row[2] for row in table(read_page(out), "Score per bundel in de nieuwste")[1:]
    }
    assert latest["Noordstad"].startswith("2,5 (aandachtspunt)")
    assert latest["Zuiddorp"].startswith("2,5 (aandachtspunt)")
    assert latest["Oostburg (niet in de lijst van Testland)"].startswith("2,6 (20 van 20")
    flags = {
        (r["gemeente"], r["score"], r["aandachtspunt"])
        for r in read_csv(out)
        if r["bundel"] == NINE
    }
    assert flags == {
        ("Noordstad", "2,5", "ja"),
        ("Zuiddorp", "2,5", "ja"),
        ("Oostburg", "2,6", "nee"),
    }
    # The regional average (25 + 25 + 26) / 3 = 25,3 tenths shows as 2,5: an aandachtspunt too.
    regional = {row[0]: row[1] for row in table(read_page(out), "Regionaal gemiddelde")[1:]}
    assert regional[NINE] == "2,5 (aandachtspunt)"


def test_without_a_bundle_weak_in_most_the_lowest_is_named_when_it_is_weak_somewhere(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        write_export(tmp_path, rules, "Noordstad", {"aanbod-in-kaart-1": 1, "gender-1": 3, "visie-1": 4}),
        write_export(tmp_path, rules, "Zuiddorp", {"aanbod-in-kaart-1": 3, "gender-1": 4, "visie-1": 4}),
        write_export(tmp_path, rules, "Oostburg", {"aanbod-in-kaart-1": 4, "gender-1": 3, "visie-1": 3}),
    ]  # fmt: skip
    code, output = run(files, tmp_path / "rapport", capsys)
    assert code == 0, output
    text = read_page(tmp_path / "rapport").text
    assert "in de meeste gemeenten aandacht vragen" not in text
    assert "Aandachtspunten Geen bundel is in de meeste gemeenten een aandachtspunt." in text
    # Bundle 9: 2,0, 3,5 and 3,5 → 3,0; bundle 1-2: 4, 4, 3 → 3,7. Bundle 9 scores lowest.
    assert (
        f"Laagst scorend: {NINE} Regionaal gemiddelde 3,0. "
        "Aandachtspunt in 1 van 3 gemeenten met een score: Noordstad."
    ) in text
    assert "Breng het aanbod in kaart Weet welk aanbod er is" in text


def test_every_bundle_is_named_in_words_in_every_table(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        write_export(tmp_path, rules, "Noordstad", {"visie-1": 1}, "2025-03-01"),
        write_export(tmp_path, rules, "Noordstad", {"visie-1": 2}),
    ]
    code, output = run(files, tmp_path / "rapport", capsys)
    assert code == 0, output
    page = read_page(tmp_path / "rapport")
    assert len(page.tables) == 3
    for caption, rows in page.tables.items():
        named = [cell for row in rows for cell in row if cell in {NINE, ONE_TWO}]
        assert set(named) == {NINE, ONE_TWO}, caption
    assert "Kwaliteitsstandaard" not in page.text


def test_warnings_for_other_questions_region_and_municipality(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_export(
        tmp_path,
        rules,
        "Noordstadt",
        {"visie-1": 2, "vraag-bestaat-niet": 3},
        data_version="0-oud",
        region="Elders",
    )
    out = tmp_path / "rapport"
    code, output = run([path], out, capsys)
    assert code == 0, output
    text = path.read_text(encoding="utf-8")
    version_at, region_at = position_of(text, '"0-oud"'), position_of(text, '"Elders"')
    assert (
        f"{path}:{version_at}: data_version: waarschuwing: gemaakt met een andere versie van de vragen; onbekende vragen genegeerd: vraag-bestaat-niet"
        in output
    )
    assert f"{path}:{region_at}: region: waarschuwing: scan voor regio 'Elders'" in output
    assert "staat niet in de lijst van Testland; wel meegenomen (bedoelde u 'Noordstad'?)" in output
    assert "Noordstadt (niet in de lijst van Testland)" in read_page(out).text
    assert {r["score"] for r in read_csv(out) if r["bundel"] == ONE_TWO} == {"2,0"}


def test_one_point_zero_is_the_answer_one_and_true_is_no_answer(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    # The export model compares numbers as JSON Schema does (1.0 is 1) and refuses booleans.
    one = write_export(tmp_path, rules, "Noordstad", {"visie-1": 1.0})
    true = write_export(tmp_path, rules, "Zuiddorp", {"visie-1": True})
    code, output = run([one, true], tmp_path / "rapport", capsys)
    assert code == 1
    where = position_of(true.read_text(encoding="utf-8"), "true")
    assert one_error(output) == (
        f"{true}:{where}: answers.visie-1: verwacht een getal of tekst, gevonden: true"
    )
    assert [r["score"] for r in read_csv(tmp_path / "rapport") if r["bundel"] == ONE_TWO] == ["1,0"]


# ---------------------------------------------------------------------------------------------
# Bad input files: one located message each, the good file still reported


def _deep(folder: Path, rules: Rules) -> tuple[Path, str]:
    path = folder / "diep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return path, ":1:1: JSON is te diep genest"


def _unclosed_deep(folder: Path, rules: Rules) -> tuple[Path, str]:
    path = folder / "diep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    return path, ":1:1: JSON is te diep genest"


def _deep_inside_an_export(folder: Path, rules: Rules) -> tuple[Path, str]:
    path = folder / "diep.json"
    text = export_text(rules, "Zuiddorp", {}, "2026-03-01")
    path.write_text(text.replace('"answers": {}', '"answers": ' + "[" * 500 + "]" * 500))
    return path, ":1:1: JSON is te diep genest"


def _long_number(folder: Path, rules: Rules) -> tuple[Path, str]:
    path = folder / "getal.json"
    number = "7" * 5000
    text = export_text(rules, "Zuiddorp", {"visie-1": 0}, "2026-03-01")
    text = text.replace('"visie-1": 0', f'"visie-1": {number}')
    path.write_text(text, encoding="utf-8")
    where = position_of(text, number)
    return (
        path,
        f":{where}: getal van 5000 cijfers; een export bevat alleen antwoorden 1 tot en met 4",
    )


MakeBad = Callable[[Path, Rules], tuple[Path, str]]


def _file(name: str, content: str | bytes, fragment: str) -> MakeBad:
    def make(folder: Path, rules: Rules) -> tuple[Path, str]:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path, fragment

    make.__name__ = name
    return make


def _export_with(
    name: str,
    needle: str,
    fragment: str,
    answers: dict[str, object] | None = None,
    date: str = "2026-03-01",
    **extra: object,
) -> MakeBad:
    """An export with one field changed; the problem is expected where needle stands."""

    def make(folder: Path, rules: Rules) -> tuple[Path, str]:
        text = export_text(rules, "Zuiddorp", answers or {"visie-1": 2}, date, **extra)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path, f":{position_of(text, needle)}: {fragment}"

    make.__name__ = name
    return make


def _too_big(folder: Path, rules: Rules) -> tuple[Path, str]:
    path = folder / "groot.json"
    path.write_text(" " * rules["max_export_bytes"] + "{}", encoding="utf-8")
    return path, ":1:1: bestand is groter dan 1.000.000 bytes"


def _sparse_giant(folder: Path, rules: Rules) -> tuple[Path, str]:
    # 8 GiB without using the disk: finishing at all shows that at most the limit is read.
    path = folder / "reus.json"
    with path.open("wb") as stream:
        stream.truncate(8 << 30)
    return path, ":1:1: bestand is groter dan"


def _directory(folder: Path, rules: Rules) -> tuple[Path, str]:
    path = folder / "map.json"
    path.mkdir()
    return path, ":1:1: is een map, geen exportbestand"


def _fifo(folder: Path, rules: Rules) -> tuple[Path, str]:
    path = folder / "pijp.json"
    os.mkfifo(path)
    return path, ":1:1: is een pijp (FIFO), geen exportbestand"


def _missing(folder: Path, rules: Rules) -> tuple[Path, str]:
    return folder / "bestaat-niet.json", ":1:1: bestand ontbreekt"


BAD_FILES = [
    _file("geen-export.json", '{"foo": 1}', ":1:1: dit is geen export van de zelfscan (het veld 'format' ontbreekt)"),
    _file("lijst.json", "[1, 2]", ":1:1: dit is geen export van de zelfscan (verwacht een JSON-object, gevonden: een lijst)"),
    _file("tekst.json", '"hallo"', ":1:1: dit is geen export van de zelfscan (verwacht een JSON-object, gevonden: tekst)"),
    _file("leeg.json", "", ":1:1: bestand is leeg"),
    _file("syntax.json", '{\n  "format": "regiokaart-zelfscan",\n  oops\n}', ":3:3: geen geldige JSON: naam tussen dubbele aanhalingstekens"),
    _file("latin1.json", b'{\n  "municipality": "Sn\xe9ek"\n}', ":2:22: bestand is geen UTF-8"),
    _deep,
    _unclosed_deep,
    _deep_inside_an_export,
    _long_number,
    _too_big,
    _sparse_giant,
    _directory,
    _fifo,
    _missing,
    _export_with("versie3.json", '3,\n  "data_version"', "format_version: formaatversie 3 wordt niet ondersteund; dit programma leest versie 1 en 2", format_version=3),
    _export_with("versie2-zonder-soorten.json", "{", "kinds: verplicht veld 'kinds' ontbreekt", format_version=2),
    _export_with("ander-formaat.json", '"iets-anders"', "format: dit is geen export van de zelfscan (format is 'iets-anders', verwacht 'regiokaart-zelfscan')", format="iets-anders"),
    _export_with("waar.json", "true", "answers.visie-1: verwacht een getal of tekst, gevonden: true", answers={"visie-1": True}),
    _export_with("nan.json", "NaN", "geen geldige JSON: NaN bestaat niet in JSON", answers={"visie-1": float("nan")}),
    _export_with("datum.json", '"2026-02-30"', "date: 2026-02-30 is geen bestaande datum (verwacht JJJJ-MM-DD)", date="2026-02-30"),
    _export_with("versie-als-tekst.json", '"1",\n  "data_version"', "format_version: ongeldige waarde '1' (toegestaan: 1, 2)", format_version="1", answers={"visie-1": 7}),
    _export_with("twee-fouten.json", '"2026-02-30"', "date: 2026-02-30 is geen bestaande datum (verwacht JJJJ-MM-DD) (en nog 1 fout in dit bestand)", date="2026-02-30", answers={"visie-1": 7}),
]  # fmt: skip


@pytest.mark.parametrize("make", BAD_FILES, ids=lambda make: make.__name__.strip("_"))
def test_a_bad_file_gets_one_located_message_and_the_rest_is_reported(
    make: MakeBad, tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    bad, fragment = make(tmp_path, rules)
    out = tmp_path / "rapport"
    with fails_after(20):
        code, output = run([bad, good], out, capsys)
    assert code == 1
    assert one_error(output).startswith(f"{bad}{fragment}"), output
    assert [r["gemeente"] for r in read_csv(out)] == ["Noordstad", "Noordstad"]


def test_a_duplicated_key_is_located_where_it_is_repeated(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    text = export_text(rules, "Zuiddorp", {"visie-1": 2}, "2026-03-01")
    text = text.replace('  "notes"', '  "municipality": "Noordstad",\n  "notes"')
    path = tmp_path / "dubbel.json"
    path.write_text(text, encoding="utf-8")
    code, output = run([path], tmp_path / "rapport", capsys)
    assert code == 1
    where = position_of(text, '"municipality": "Noordstad"')
    assert one_error(output) == (
        f"{path}:{where}: municipality: sleutel 'municipality' komt dubbel voor (eerder op regel 6)"
    )
    assert not (tmp_path / "rapport").exists(), "no good file, no report"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_reported(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    path.chmod(0)
    code, output = run([path], tmp_path / "rapport", capsys)
    assert code == 1
    assert f"{path}:1:1: bestand kan niet gelezen worden: geen toestemming" in output


def test_a_file_the_system_refuses_to_open_is_reported(
    tmp_path: Path,
    rules: Rules,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same as above for a test run as root, which may read any file.
    path = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    real_open = os.open

    def refuse(file: object, *args: object, **kwargs: object) -> int:
        if Path(str(file)) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    code, output = run([path], tmp_path / "rapport", capsys)
    assert code == 1
    assert one_error(output) == (
        f"{path}:1:1: bestand kan niet gelezen worden: geen toestemming "
        "(de gebruiker die regiokaart start moet het bestand kunnen lezen: recht r)"
    )


def test_an_input_file_that_is_a_symbolic_link_is_refused_and_the_others_reported(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README: selfscan-report never follows a symbolic link. A link in a folder of exports
    (from a zip, a share) can lead to any file of the user who runs it."""
    good = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    target = write_export(elsewhere, rules, "Zuiddorp", {"visie-1": 4}, name="doel.json")
    link = tmp_path / "zuiddorp.json"
    link.symlink_to(target)
    chained = tmp_path / "via-via.json"
    chained.symlink_to(link)
    dangling = tmp_path / "weg.json"
    dangling.symlink_to(tmp_path / "bestaat-niet.json")
    out = tmp_path / "rapport"
    code, output = run([good, link, chained, dangling, target], out, capsys)
    assert code == 1
    refusal = "is een symbolische koppeling; selfscan-report volgt geen koppelingen, geef het exportbestand zelf op"
    assert sorted(error_lines(output)) == sorted(
        f"{path}:1:1: {refusal}" for path in (link, chained, dangling)
    )
    assert "meer dan eens" not in output, "a refused link does not make its target a duplicate"
    assert sorted((r["gemeente"], r["score"]) for r in read_csv(out) if r["bundel"] == ONE_TWO) == [
        ("Noordstad", "2,0"),
        ("Zuiddorp", "4,0"),
    ]


@contextlib.contextmanager
def fails_after(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (a FIFO opened for reading waits for a writer)."""

    def stuck(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------------------------
# The project and the output folder


def test_outside_a_project_one_message_says_how_to_point_at_one(
    tmp_path: Path,
    rules: Rules,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    export = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, output = run([export], tmp_path / "rapport", capsys, args=[])
    assert code == 1
    assert one_error(output) == (
        f"data:1:1: geen projectgegevens gevonden in {elsewhere.resolve()}/data/ (region.yaml ontbreekt) "
        "(wijs de gegevens aan met --data MAP of de projectmap met --project MAP, of start het commando in de projectmap)"
    )
    assert "bestand ontbreekt" not in output
    assert not (tmp_path / "rapport").exists()


def test_an_installation_without_the_template_says_where_it_was_sought(
    tmp_path: Path,
    rules: Rules,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    export = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    monkeypatch.setattr("regiokaart.resources.PAGE_TEMPLATES", tmp_path / "kapot")
    code, output = run([export], tmp_path / "rapport", capsys, ["--data", str(DATA)])
    assert code == 1
    line = one_error(output)
    assert line.startswith(
        f"{tmp_path}/kapot/selfscan_report.html:1:1: sjabloon voor het rapport niet gevonden"
    )
    assert "installeer regiokaart opnieuw" in line
    assert not (tmp_path / "rapport").exists()


def test_data_defaults_to_the_project_data(
    mini_project: Path,
    tmp_path: Path,
    rules: Rules,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    export = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "rapport"
    code, output = run([export], out, capsys, ["--project", str(mini_project)])
    assert code == 0, output
    assert "Regionaal overzicht zelfscan – Testland" in read_page(out).text


def _under_a_file(tmp_path: Path) -> Path:
    (tmp_path / "een-bestand").write_text("x", encoding="utf-8")
    return tmp_path / "een-bestand" / "rapport"


def _a_file(tmp_path: Path) -> Path:
    (tmp_path / "rapport.txt").write_text("x", encoding="utf-8")
    return tmp_path / "rapport.txt"


def _a_symlink(tmp_path: Path) -> Path:
    (tmp_path / "doel").mkdir()
    (tmp_path / "koppeling").symlink_to(tmp_path / "doel")
    return tmp_path / "koppeling"


def _a_folder_of_the_user(tmp_path: Path) -> Path:
    (tmp_path / "mijn-map").mkdir()
    (tmp_path / "mijn-map" / "index.html").write_text("mijn eigen pagina", encoding="utf-8")
    return tmp_path / "mijn-map"


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (_under_a_file, "--out: kan de map niet maken: {tmp}/een-bestand is een bestand"),
        (_a_file, "--out: is een bestand, geen map"),
        (_a_symlink, "--out: is een symbolische koppeling; geef een gewone map op"),
        (_a_folder_of_the_user, "--out: map bestaat al en is geen eerder zelfscan-rapport"),
    ],
    ids=["under-a-file", "a-file", "a-symlink", "a-folder-of-the-user"],
)
def test_a_bad_out_path_gets_a_located_message(
    make: Callable[[Path], Path],
    fragment: str,
    tmp_path: Path,
    rules: Rules,
    capsys: pytest.CaptureFixture[str],
) -> None:
    export = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    out = make(tmp_path)
    before = _snapshot(tmp_path)
    code, output = run([export], out, capsys)
    assert code == 1
    assert one_error(output).startswith(f"{out}:1:1: {fragment.format(tmp=tmp_path)}"), output
    assert "Geen rapport gemaakt." in output
    assert _snapshot(tmp_path) == before, "nothing written anywhere"


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_out_folder_is_reported(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    locked = tmp_path / "dicht"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        code, output = run([export], locked, capsys)
        code2, output2 = run([export], locked / "rapport", capsys)
    finally:
        locked.chmod(stat.S_IRWXU)
    assert (code, code2) == (1, 1)
    assert f"{locked}:1:1: --out: kan niet schrijven in {locked}/: geen toestemming" in output
    assert (
        f"{locked}/rapport:1:1: --out: kan de map niet maken of lezen: geen toestemming" in output2
    )


def test_a_folder_the_system_will_not_write_in_is_reported(
    tmp_path: Path,
    rules: Rules,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same as above for a test run as root, which may write anywhere.
    export = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})
    out = tmp_path / "rapport"

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_write, "_new_file", refuse)  # where each file is first created
    code, output = run([export], out, capsys)
    assert code == 1
    assert one_error(output) == f"{out}:1:1: --out: kan niet schrijven in {out}/: geen toestemming"


def test_an_earlier_report_is_replaced_and_a_users_folder_never(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapport"
    assert run([write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})], out, capsys)[0] == 0
    assert (out / REPORT_MARKER).is_file()
    assert run([write_export(tmp_path, rules, "Noordstad", {"visie-1": 4})], out, capsys)[0] == 0
    assert {r["score"] for r in read_csv(out) if r["bundel"] == ONE_TWO} == {"4,0"}


def test_planted_symlinks_in_the_report_folder_are_never_followed(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapport"
    out.mkdir()
    (out / REPORT_MARKER).write_text("earlier report\n", encoding="utf-8")
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("niet overschrijven", encoding="utf-8")
    other = tmp_path / "ander-slachtoffer.txt"
    other.write_text("ook niet", encoding="utf-8")
    (out / ".index.html.tmp").symlink_to(victim)  # the temporary name an older version used
    (out / "index.html").symlink_to(other)
    code, output = run([write_export(tmp_path, rules, "Noordstad", {"visie-1": 2})], out, capsys)
    assert code == 0, output
    assert victim.read_text(encoding="utf-8") == "niet overschrijven"
    assert other.read_text(encoding="utf-8") == "ook niet"
    assert not (out / "index.html").is_symlink(), "the link itself was replaced by the report"
    assert "Regionaal overzicht zelfscan" in (out / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# CSV cells


def test_a_formula_in_a_municipality_name_is_plain_text_in_the_csv(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ['=HYPERLINK("http://x")', "+31", "@SUM(A1)", "-1", "<b>vet</b>"]
    files = [
        write_export(tmp_path, rules, name, {"visie-1": 2}, name=f"{n}.json")
        for n, name in enumerate(names)
    ]
    out = tmp_path / "rapport"
    code, output = run(files, out, capsys)
    assert code == 0, output
    rows = read_csv(out)
    assert {r["gemeente"] for r in rows} == {
        '\'=HYPERLINK("http://x")',
        "'+31",
        "'@SUM(A1)",
        "'-1",
        "<b>vet</b>",
    }
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<b>vet</b>" not in html and "&lt;b&gt;vet&lt;/b&gt;" in html


# ---------------------------------------------------------------------------------------------
# Advice: which bouwstenen help a weak bundle most


def _scan(answers: dict[str, object], rules: Rules) -> Scan:
    return Scan("x.json", 0, "X", "2026-01-01", answers, tuple(score_bundles(rules, answers)))


def test_helpful_bouwstenen_are_ordered_by_the_answers_of_all_weak_scans(rules: Rules) -> None:
    kinds = rules["kinds"]  # the kinds as the build declares them
    small: Rules = {
        "bundles": [{"id": "a"}, {"id": "b"}],
        "kinds": kinds,
        "scored": rules["scored"],
        "weak_answers": rules["weak_answers"],
        "questions": [
            {"id": "q1", "bundle": "a", "bouwsteen": "eerste", "kind": "beoordeling"},
            {"id": "q2", "bundle": "a", "bouwsteen": "tweede", "kind": "beoordeling"},
            {"id": "q3", "bundle": "a", "bouwsteen": "derde", "kind": "beoordeling"},
            {"id": "q4", "bundle": "a", "bouwsteen": "vierde", "kind": "knelpunt"},
            {"id": "q5", "bundle": "b", "bouwsteen": "vierde", "kind": "beoordeling"},
            {"id": "q6", "bundle": "a", "bouwsteen": "vijfde", "kind": "beoordeling"},
            {"id": "q7", "bundle": "a", "bouwsteen": "zesde", "kind": "gesprek"},
        ],
        "advice_per_bundle": 3,
    }
    scans = [
        _scan({"q1": 2, "q2": 1, "q3": 2, "q4": 1, "q5": 1, "q6": 3, "q7": 1}, small),
        _scan({"q1": 2, "q2": 3, "q3": 1, "q4": 3, "q5": 1, "q6": 4, "q7": 1}, small),
    ]
    # Both scans together, as the answers count (q4 is a knelpunt: 1 counts as 4, 3 as 2):
    # eerste [2, 2], tweede [1, 3], derde [2, 1], vierde [4, 2], vijfde [3, 4] (no weak answer),
    # zesde a gesprek (not scored). The lowest answer first: tweede (1, mean 2,0) and derde
    # (1, mean 1,5), derde first; then eerste (2, mean 2,0) and vierde (2, mean 3,0). Three at most.
    # q5 belongs to bundle b and does not count in a.
    assert helpful_bouwstenen(small, "a", scans) == ["derde", "tweede", "eerste"]
    assert helpful_bouwstenen(small, "b", scans) == ["vierde"]
    assert helpful_bouwstenen(small, "a", []) == []


# ---------------------------------------------------------------------------------------------
# Kinds of question: a knelpunt counts the other way round, a gesprek and an indicator not at all;
# an export made before the questions had a kind is scored as they are asked now.

KINDS_SCAN = """steps:
  - bundle: "9"
    questions:
      - id: eigen-knelpunt
        text: Ervaart het wijkteam dat plegers moeilijk te motiveren zijn?
        kind: knelpunt
        bouwsteen: eisen-aan-aanbod
        source: {document: testbron, section: "4"}
      - id: eigen-gesprek
        text: Wat geeft Veilig Thuis mee bij de overdracht?
        kind: gesprek
        bouwsteen: eisen-aan-aanbod
        source: {document: testbron, section: "4"}
      - id: eigen-indicator
        text: Toename hulpverlening aan plegers
        kind: indicator
        bouwsteen: eisen-aan-aanbod
        source: {document: testbron, section: "4"}
"""
KINDS_BOUWSTEEN = """bouwstenen:
  - id: eisen-aan-aanbod
    title: Stel eisen aan het aanbod
    bundle: "9"
    text: |-
      Stel de volgende eisen aan het aanbod:

      - Het aanbod is systeemgericht.
      - Er is aandacht voor gender <script>x</script>.
    source: {document: testbron, section: "4"}
    peildatum: 2026-01-15
"""


@pytest.fixture
def kinds_data(mini_data: Path) -> Path:
    """The small region with a question of each kind besides the assessments, for a bouwsteen of
    its own whose text has a list."""
    (mini_data / "selfscan.yaml").write_text(KINDS_SCAN, encoding="utf-8")
    (mini_data / "bouwstenen.yaml").write_text(KINDS_BOUWSTEEN, encoding="utf-8")
    return mini_data


def kinds_export(
    rules: Rules, municipality: str, version: int, **fields: object
) -> dict[str, object]:
    body: dict[str, object] = {
        "format": "regiokaart-zelfscan",
        "format_version": version,
        "data_version": rules["data_version"],
        "region": "Testland",
        "municipality": municipality,
        "date": "2026-03-01",
        "answers": {},
        "notes": {},
        **fields,
    }
    if version > 1:
        held = {**body["answers"], **body["notes"], **body.get("figures", {})}  # type: ignore[dict-item]
        body.setdefault(
            "kinds", {q["id"]: q["kind"] for q in rules["questions"] if q["id"] in held}
        )
    return body


def write_json(path: Path, body: dict[str, object]) -> Path:
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def test_an_export_of_format_version_1_is_scored_as_the_questions_are_asked_now(
    kinds_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scan exported before the questions had a kind counts as the same answers given today: the
    yes to the knelpunt lowers the score, the answers 1-4 to the gesprek and the indicator do not
    count; a warning names each question whose kind changed and what became of its answer."""
    rules = rules_of(kinds_data)
    today = {"aanbod-in-kaart-1": 3, "gender-1": 2, "eigen-knelpunt": 4}
    old = write_json(
        tmp_path / "oud.json",
        kinds_export(
            rules,
            "Noordstad",
            1,
            answers={**today, "eigen-gesprek": 1, "eigen-indicator": 3},
            notes={"eigen-gesprek": "Vragen in het overleg"},
        ),
    )
    new = write_json(tmp_path / "nieuw.json", kinds_export(rules, "Noordstad", 2, answers=today))
    args = ["--data", str(kinds_data), "--project", str(ROOT)]
    code, output = run([old], tmp_path / "oud", capsys, args)
    assert code == 0, output
    assert run([new], tmp_path / "nieuw", capsys, args)[0] == 0
    scores = {r["bundel"]: r["score"] for r in read_csv(tmp_path / "oud")}
    assert scores == {r["bundel"]: r["score"] for r in read_csv(tmp_path / "nieuw")}
    expected = score_bundles(rules, today)
    assert [s.total for s in expected] == [3, 1], "three scored questions in 9, one in 1-2"
    warning = next(line for line in output.splitlines() if "anders gesteld" in line)
    assert warning.startswith(f"{old}:"), warning
    assert (
        "3 vragen worden nu anders gesteld dan in deze export; de scores zijn opnieuw berekend"
        in warning
    )
    nouns = {kind: rule["noun"] for kind, rule in rules["kinds"].items()}
    was = nouns["beoordeling"]
    knelpunt = "'Ervaart het wijkteam dat plegers moeilijk te motiveren zijn?'"
    assert (
        f"eigen-knelpunt ({knelpunt}) is nu {nouns['knelpunt']}, was {was}; eigen-gesprek"
        in warning
    )
    gesprek = "'Wat geeft Veilig Thuis mee bij de overdracht?'"
    lost = "het antwoord telt niet meer mee"
    assert f"eigen-gesprek ({gesprek}) is nu {nouns['gesprek']}, was {was}; {lost}" in warning
    indicator = "'Toename hulpverlening aan plegers'"
    assert f"eigen-indicator ({indicator}) is nu {nouns['indicator']}, was {was}; {lost}" in warning


def test_an_export_in_todays_kinds_gets_no_warning_about_kinds(
    kinds_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = rules_of(kinds_data)
    body = kinds_export(
        rules,
        "Zuiddorp",
        2,
        answers={"eigen-knelpunt": 2, "eigen-indicator": "afnemend"},
        figures={"eigen-indicator": 7.5},
        notes={"eigen-gesprek": "Afspraak in maart"},
    )
    code, output = run(
        [write_json(tmp_path / "z.json", body)],
        tmp_path / "out",
        capsys,
        ["--data", str(kinds_data), "--project", str(ROOT)],
    )
    assert code == 0, output
    assert "anders gesteld" not in output
    assert "waarschuwing" not in output, output


def test_indicators_are_shown_per_municipality_and_not_scored(
    kinds_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = rules_of(kinds_data)
    files = [
        write_json(
            tmp_path / "noordstad.json",
            kinds_export(
                rules,
                "Noordstad",
                2,
                answers={"eigen-indicator": "toenemend", "gender-1": 2},
                figures={"eigen-indicator": 12},
            ),
        ),
        write_json(
            tmp_path / "zuiddorp.json",
            kinds_export(
                rules, "Zuiddorp", 2, answers={"gender-1": 2}, notes={"eigen-indicator": "volgt"}
            ),
        ),
    ]
    out = tmp_path / "out"
    code, output = run(files, out, capsys, ["--data", str(kinds_data), "--project", str(ROOT)])
    assert code == 0, output
    indicators = table(read_page(out), "Procesindicatoren per gemeente")
    assert indicators == [
        ["Procesindicator", "Noordstad", "Zuiddorp"],
        ["Toename hulpverlening aan plegers", "Toenemend (12)", "–"],
    ]
    # Both municipalities score bundle 9 alike: the indicator is no part of it.
    rows = {(r["gemeente"], r["bundel"]): r for r in read_csv(out)}
    assert rows[("Noordstad", NINE)]["score"] == rows[("Zuiddorp", NINE)]["score"]
    assert rows[("Noordstad", NINE)]["vragen"] == str(score_bundles(rules, {})[0].total)


def test_the_advice_of_the_report_carries_the_whole_text_with_its_list(
    kinds_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = rules_of(kinds_data)
    files = [
        write_json(
            tmp_path / f"{name}.json",
            kinds_export(rules, name, 2, answers={"aanbod-in-kaart-1": 2, "eigen-knelpunt": 4}),
        )
        for name in ("Noordstad", "Zuiddorp")
    ]
    out = tmp_path / "out"
    code, output = run(files, out, capsys, ["--data", str(kinds_data), "--project", str(ROOT)])
    assert code == 0, output
    html = (out / "index.html").read_text(encoding="utf-8")
    # The bouwsteen answered lowest (the yes to the knelpunt counts as 1) comes first.
    first, second = html.index("Stel eisen aan het aanbod"), html.index("Breng het aanbod in kaart")
    assert first < second
    assert "<li>Het aanbod is systeemgericht.</li>" in html
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


# ---------------------------------------------------------------------------------------------
# Findings of the tester: names, dates, messages, counts, headings


def test_one_municipality_written_differently_is_counted_once(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        write_export(tmp_path, rules, " Noordstad", {"visie-1": 1}, "2025-01-01", name="a.json"),
        write_export(tmp_path, rules, "noordstad", {"visie-1": 2}, "2025-06-01", name="b.json"),
        write_export(tmp_path, rules, "Noordstad", {"visie-1": 3}, "2026-03-01", name="c.json"),
        write_export(tmp_path, rules, "ZUIDDORP ", {"visie-1": 4}, "2026-03-01", name="d.json"),
        write_export(tmp_path, rules, "Oostburg", {"visie-1": 2}, "2026-01-01", name="e.json"),
        write_export(tmp_path, rules, " oostBURG", {"visie-1": 1}, "2026-02-01", name="f.json"),
    ]
    out = tmp_path / "rapport"
    code, output = run(files, out, capsys)
    assert code == 0, output

    page = read_page(out)
    assert "3 gemeenten, 6 scans" in page.text
    latest = {row[0]: row[1:] for row in table(page, "Score per bundel in de nieuwste scan")[1:]}
    assert list(latest) == ["Noordstad", "Oostburg (niet in de lijst van Testland)", "Zuiddorp"]
    assert latest["Noordstad"][2].startswith("3,0")
    assert latest["Oostburg (niet in de lijst van Testland)"][2].startswith("1,0")
    # Bundle 1-2 over the latest scans: 3, 1 and 4 → 2,7, one entry per municipality.
    regional = {row[0]: row[1:] for row in table(page, "Regionaal gemiddelde en spreiding")[1:]}
    assert regional[ONE_TWO][0] == "2,7"
    trend = table(page, "Noordstad: score per bundel per scan")
    assert [row[0] for row in trend[1:-1]] == ["1 januari 2025", "1 juni 2025", "1 maart 2026"]

    def at(path: Path, written: str) -> str:
        return f"{path}:{position_of(path.read_text(encoding='utf-8'), json.dumps(written))}"

    a, b, _, d, _, f = files
    for path, written, counted in [
        (a, " Noordstad", "Noordstad"),
        (b, "noordstad", "Noordstad"),
        (d, "ZUIDDORP ", "Zuiddorp"),
        (f, " oostBURG", "Oostburg"),
    ]:
        assert (
            f"{at(path, written)}: municipality: waarschuwing: gemeente geschreven als '{written}', "
            f"geteld als '{counted}'"
        ) in output
    assert output.count("geschreven als") == 4, output
    assert "gemeente 'Oostburg' staat niet in de lijst van Testland" in output
    assert "gemeente ' oostBURG' staat niet in de lijst van Testland" in output
    assert "staat niet in de lijst" not in "".join(
        line for line in output.splitlines() if "oordstad" in line or "UIDDORP" in line
    )
    assert {r["gemeente"] for r in read_csv(out)} == {"Noordstad", "Oostburg", "Zuiddorp"}
    sources = (out / "index.html").read_text(encoding="utf-8")
    assert "<li><bdi>Oostburg</bdi>, scan van 1 februari 2026 (nieuwste)" in sources


@pytest.mark.parametrize(
    "written",
    [
        " noordSTAD\u00a0",  # a no-break space too
        "Noord\u200bstad",  # a zero-width space: invisible
        "\u200fNoordstad",  # a right-to-left mark: invisible
    ],
)
def test_spellings_of_one_municipality_match_the_list(written: str) -> None:
    assert listed_spelling(written, ["Noordstad", "Zuiddorp"]) == "Noordstad"


def test_composed_and_decomposed_accents_are_one_spelling() -> None:
    composed = unicodedata.normalize("NFC", "Súdwest-Fryslân")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert listed_spelling(decomposed, [composed]) == composed
    assert listed_spelling("Noordstadt", ["Noordstad"]) is None


def test_a_scan_dated_in_the_future_is_skipped_and_the_others_reported(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    now = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2}, "2026-03-01")
    future = write_export(tmp_path, rules, "Noordstad", {"visie-1": 4}, "2999-01-01")
    out = tmp_path / "rapport"
    code, output = run([now, future], out, capsys)
    assert code == 1
    where = position_of(future.read_text(encoding="utf-8"), '"2999-01-01"')
    assert one_error(output) == (
        f"{future}:{where}: date: datum 2999-01-01 ligt in de toekomst; controleer de datum van de scan"
    )
    assert [(r["datum"], r["score"]) for r in read_csv(out) if r["bundel"] == ONE_TWO] == [
        ("2026-03-01", "2,0")
    ]


def test_today_is_no_future_and_tomorrow_is(tmp_path: Path, rules: Rules) -> None:
    today = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2}, "2026-03-01")
    tomorrow = write_export(tmp_path, rules, "Zuiddorp", {"visie-1": 2}, "2026-03-02")
    scans, problems = read_exports([str(today), str(tomorrow)], rules, today=date(2026, 3, 1))
    assert [scan.file for scan in scans] == [str(today)]
    assert [(p.file, p.field, p.message) for p in problems] == [
        (
            str(tomorrow),
            "date",
            "datum 2026-03-02 ligt in de toekomst; controleer de datum van de scan",
        )
    ]


def test_file_names_and_message_lines_are_isolated_from_the_text_around_them(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    # A right-to-left override in a file name would turn the rest of its line around.
    tricky = write_export(
        tmp_path, rules, "Noordstad", {"visie-1": 2}, name="scan\u202enosj.json", region="Elders"
    )
    broken = tmp_path / "kapot\u202e.json"
    broken.write_text("{", encoding="utf-8")
    out = tmp_path / "rapport"
    code, output = run([tricky, broken], out, capsys)
    assert code == 1, output
    html = (out / "index.html").read_text(encoding="utf-8")
    assert f"<bdi>{tricky}</bdi>" in html, "in the list of sources"
    # In message lines the override itself is written out (\u202e), so it cannot act at all.
    assert f"<li><bdi>{visible(str(tricky))}</bdi>:" in html, "in its warning line"
    assert f"<li><bdi>{visible(str(broken))}</bdi>:1:2: geen geldige JSON" in html
    assert "\\u202e" in visible(str(broken))
    assert "<bdi>Noordstad</bdi>" in html, "municipality names come from outside too"


BAD_EXPORTS = [
    ("501 answers", {"answers": {f"q{n}": 1 for n in range(501)}}, '{\n    "q0"', "answers: bevat 501 sleutels; hoogstens 500 toegestaan"),
    ("501 notes", {"notes": {f"q{n}": "x" for n in range(501)}}, '{\n    "q0"', "notes: bevat 501 sleutels; hoogstens 500 toegestaan"),
    ("lone surrogate in a note", {"notes": {"visie-1": "a\ud800b"}}, "{", "notes: tekst bevat een ongeldig teken (U+D800, een losse helft van een tekenpaar)"),
    ("lone surrogate in a question id", {"answers": {"a\udc00": 1}}, "{", "answers: tekst bevat een ongeldig teken (U+DC00, een losse helft van een tekenpaar)"),
    ("right-to-left override", {"municipality": "Noord\u202estad"}, '"Noord', "municipality: bevat een teken dat de schrijfrichting verandert (U+202E); dat mag niet in een naam"),
    ("line break", {"municipality": "Noord\nstad"}, '"Noord', "municipality: bevat een stuurteken (U+000A); dat mag niet in een naam"),
    ("date without leading zeros", {"date": "2026-3-1"}, '"2026-3-1"', "date: geen geldige datum '2026-3-1': verwacht JJJJ-MM-DD"),
    ("answer 7", {"answers": {"visie-1": 7}}, "7\n  }", "answers.visie-1: ongeldige waarde 7 (toegestaan: 1, 2, 3, 4, nvt)"),
    ("answer a mapping", {"answers": {"visie-1": {"x": 1}}}, "{\n      \"x\"", "answers.visie-1: ongeldige waarde (een mapping) (toegestaan: 1, 2, 3, 4, nvt)"),
    ("format_version null", {"format_version": None}, "null", "format_version: ongeldige waarde null (toegestaan: 1, 2)"),
    ("a too long question id", {"answers": {"a" * 121: 1}}, "1\n  }", "answers.aaaaaaaa"),
    ("no date at all", {"date": None}, "{", "date: verplicht veld 'date' ontbreekt"),
    ("format null", {"format": None}, "null", "format: dit is geen export van de zelfscan (format is null, verwacht 'regiokaart-zelfscan')"),
]  # fmt: skip
ENGLISH = re.compile(
    r"\b(Input|should|valid|Dictionary|List|String|characters|items|not more|error|None|True|False|inf)\b"
)


@pytest.mark.parametrize(
    ("change", "needle", "expected"),
    [case[1:] for case in BAD_EXPORTS],
    ids=[case[0] for case in BAD_EXPORTS],
)
def test_every_message_about_an_export_is_dutch(
    change: dict[str, object], needle: str, expected: str, tmp_path: Path, rules: Rules
) -> None:
    body = json.loads(export_text(rules, "Zuiddorp", {"visie-1": 2}, "2026-03-01"))
    body.update(change)
    body = {key: value for key, value in body.items() if value is not None or key != "date"}
    text = json.dumps(body, indent=2)  # ASCII: a lone surrogate is written as \ud800
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    scans, problems = read_exports([str(path)], rules)
    assert scans == [] and len(problems) == 1, problems
    line = problems[0].format()
    assert line.startswith(f"{path}:{position_of(text, needle)}: {expected}"), line
    assert not ENGLISH.search(line.removeprefix(str(path))), line


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("7" * 5000, "getal van 5000 cijfers"),
        ("7" * 5000 + ".0", "getal van 5001 cijfers"),
        ("-" + "7" * 4999 + ".5", "getal van 5000 cijfers"),
        ("1e400", "getal 1e400 is te groot"),
    ],
    ids=["integer", "decimal", "negative decimal", "exponent"],
)
def test_a_giant_number_says_what_it_is(
    number: str, expected: str, tmp_path: Path, rules: Rules
) -> None:
    text = export_text(rules, "Zuiddorp", {"visie-1": 0}, "2026-03-01")
    text = text.replace('"visie-1": 0', f'"visie-1": {number}')
    path = tmp_path / "getal.json"
    path.write_text(text, encoding="utf-8")
    scans, problems = read_exports([str(path)], rules)
    assert scans == [] and len(problems) == 1
    line = problems[0].format()
    assert line.startswith(f"{path}:{position_of(text, number)}: {expected}"), line
    assert line.endswith("een export bevat alleen antwoorden 1 tot en met 4"), line
    assert "null" not in line and "inf" not in line


def test_skipped_files_are_announced_at_the_top(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    files, _ = six_municipalities(tmp_path, rules)
    out = tmp_path / "rapport"
    run(files, out, capsys)
    html = (out / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<p class="notice">(.*?)</p>', html, re.S)
    assert notice, "a notice under the summary"
    assert html.index('class="notice"') < html.index("<nav"), "at the top"
    # Oostburg, Westerveld and Lindendal are not in the list of Testland: three warnings.
    assert notice.group(1) == (
        "1 bestand overgeslagen en 3 waarschuwingen; "
        'zie <a href="#bronnen">Bronbestanden en meldingen</a>.'
    )
    assert "1 bestand overgeslagen en 3 waarschuwingen; zie Bronbestanden en meldingen." in (
        read_page(out).text
    )

    def notice_of(files: list[Path], out: Path) -> str:
        run(files, out, capsys)
        found = re.search(r'<p class="notice">(.*?);', (out / "index.html").read_text("utf-8"))
        return found.group(1) if found else ""

    listed = [f for f in files if f.name.startswith(("noordstad", "zuiddorp"))]
    broken = [f for f in files if "kapot" in f.name]
    assert notice_of([*listed, *broken], tmp_path / "r1") == "1 bestand overgeslagen"
    assert notice_of(listed, tmp_path / "r2") == ""


def test_only_municipalities_with_a_score_count_in_a_bundle(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bundle 9: Noordstad and Westerveld answered nothing (and "n.v.t."), Zuiddorp and Oostburg
    # are weak, Lindendal is not: an aandachtspunt in 2 of the 3 municipalities with a score.
    files = [
        write_export(tmp_path, rules, "Noordstad", {"visie-1": 3}),
        write_export(tmp_path, rules, "Westerveld", {"gender-1": "nvt", "visie-1": 3}),
        write_export(tmp_path, rules, "Zuiddorp", {"aanbod-in-kaart-1": 1, "gender-1": 2, "visie-1": 4}),
        write_export(tmp_path, rules, "Oostburg", {"aanbod-in-kaart-1": 2, "visie-1": 4}),
        write_export(tmp_path, rules, "Lindendal", {"aanbod-in-kaart-1": 4, "visie-1": 4}),
    ]  # fmt: skip
    out = tmp_path / "rapport"
    code, output = run(files, out, capsys)
    assert code == 0, output
    page = read_page(out)
    regional = {row[0]: row[1:] for row in table(page, "Regionaal gemiddelde en spreiding")[1:]}
    assert regional[NINE][3] == "2 van 3 gemeenten met een score (Oostburg, Zuiddorp)"
    assert regional[ONE_TWO][3] == "0 van 5 gemeenten met een score"
    assert "Bundels die in de meeste gemeenten aandacht vragen" in page.text
    assert (
        f"{NINE} Regionaal gemiddelde 2,5 (aandachtspunt). "
        "Aandachtspunt in 2 van 3 gemeenten met een score: Oostburg, Zuiddorp."
    ) in page.text


def _three(tmp_path: Path, rules: Rules, nine: list[tuple[int, int]], one_two: int) -> list[Path]:
    return [
        write_export(
            tmp_path, rules, name, {"aanbod-in-kaart-1": a, "gender-1": g, "visie-1": one_two}
        )
        for name, (a, g) in zip(["Noordstad", "Zuiddorp", "Oostburg"], nine, strict=True)
    ]


def test_when_no_bundle_is_weak_anywhere_the_page_says_so(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _three(tmp_path, rules, [(4, 4), (4, 3), (3, 4)], 4)
    out = tmp_path / "rapport"
    code, output = run(files, out, capsys)
    assert code == 0, output
    text = read_page(out).text
    assert "in de meeste gemeenten aandacht vragen" not in text
    assert "Geen bundel is in een van de gemeenten een aandachtspunt." in text
    assert "Laagst scorend" not in text and "zwakste" not in text
    assert "Bouwstenen die daar het meest helpen" not in text


def test_when_the_lowest_bundle_is_weak_nowhere_it_is_not_called_the_weakest(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bundle 9: 1,5, 4,0 and 4,0 → 3,2, an aandachtspunt in Noordstad; bundle 1-2: 3,0 everywhere,
    # lower on average but an aandachtspunt nowhere.
    files = _three(tmp_path, rules, [(1, 2), (4, 4), (4, 4)], 3)
    out = tmp_path / "rapport"
    code, output = run(files, out, capsys)
    assert code == 0, output
    text = read_page(out).text
    assert "in de meeste gemeenten aandacht vragen" not in text
    assert "Geen bundel is in de meeste gemeenten een aandachtspunt." in text
    assert "Laagst scorend" not in text and "zwakste" not in text
    assert "Per bundel in de regio" in text


def test_trend_rows_on_one_date_name_their_file(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    older = write_export(tmp_path, rules, "Noordstad", {"visie-1": 1}, "2025-03-01", name="o.json")
    first = write_export(tmp_path, rules, "Noordstad", {"visie-1": 2}, name="eerste.json")
    second = write_export(tmp_path, rules, "Noordstad", {"visie-1": 3}, name="tweede.json")
    out = tmp_path / "rapport"
    code, output = run([older, first, second], out, capsys)
    assert code == 0, output
    trend = table(read_page(out), "Noordstad: score per bundel per scan")
    assert [row[0] for row in trend[1:-1]] == [
        "1 maart 2025",
        f"1 maart 2026 ({first})",
        f"1 maart 2026 ({second})",
    ]


def test_wide_tables_scroll_inside_a_named_focusable_region(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        write_export(tmp_path, rules, "Noordstad", {"visie-1": 1}, "2025-03-01"),
        write_export(tmp_path, rules, "Noordstad", {"visie-1": 2}),
    ]
    out = tmp_path / "rapport"
    run(files, out, capsys)
    html = (out / "index.html").read_text(encoding="utf-8")
    wrapped = re.findall(
        r'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="([\w-]+)">\s*'
        r'<table>\s*<caption id="([\w-]+)">',
        html,
    )
    assert len(wrapped) == html.count("<table") == 3
    assert all(label == caption for label, caption in wrapped)
    assert len({label for label, _ in wrapped}) == 3


def test_a_file_name_that_is_not_utf8_is_shown_not_a_crash(
    tmp_path: Path, rules: Rules, capsys: pytest.CaptureFixture[str]
) -> None:
    # A name from a zip or a Windows share in Latin-1: Python gives it a lone surrogate.
    name = os.fsdecode(str(tmp_path).encode() + b"/sn\xe9ek.json")
    Path(name).write_text(export_text(rules, "Noordstad", {"visie-1": 2}, "2026-03-01"), "utf-8")
    out = tmp_path / "rapport"
    code, output = run([Path(name)], out, capsys)
    assert code == 0, output
    assert f"<bdi>{tmp_path}/sn\ufffdek.json</bdi>" in (out / "index.html").read_text("utf-8")


def test_an_export_swapped_for_a_link_after_the_check_is_still_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_exports refuses a link by name; a link put in the file's place after that check and
    before the opening is refused by the opening itself (O_NOFOLLOW)."""
    secret = tmp_path / "geheim.json"
    secret.write_text('{"geheim": 1}')
    export = tmp_path / "almere.json"
    export.symlink_to(secret)
    real_lstat = os.lstat

    def checked_before_the_swap(path: object) -> os.stat_result:
        return real_lstat(secret) if Path(str(path)) == export else real_lstat(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "lstat", checked_before_the_swap)
    raw, problem = read_regular_file(
        export, "almere.json", 1000, "exportbestand", follow_link=False
    )
    assert raw is None
    assert problem is not None
    assert problem.format() == "almere.json:1:1: is een symbolische koppeling, geen exportbestand"
