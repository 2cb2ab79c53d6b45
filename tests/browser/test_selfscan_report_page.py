"""The regional report of selfscan-report in a real browser: accessible, self-contained, readable."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from generator.check import check_data
from generator.cli import main
from generator.selfscan_rules import scan_rules
from tests.browser.conftest import run_axe
from tests.conftest import FIXTURE, ROOT

pytestmark = pytest.mark.browser

DATA = FIXTURE / "data"
NINE = "Standaard 9: Beschikbaar hulpaanbod"
ONE_TWO = "Standaarden 1 en 2: Gemeentelijke visie"

# municipality, date, answers (bundle 9: aanbod-in-kaart-1 and gender-1; bundle 1-2: visie-1)
SCANS = [
    ("Noordstad", "2025-03-01", {"aanbod-in-kaart-1": 1, "gender-1": 1, "visie-1": 2}),
    ("Noordstad", "2026-03-01", {"aanbod-in-kaart-1": 2, "gender-1": 3, "visie-1": 3}),
    ("Zuiddorp", "2026-02-01", {"aanbod-in-kaart-1": 2, "gender-1": 2, "visie-1": 4}),
    ("Oostburg", "2026-01-15", {"aanbod-in-kaart-1": 3, "gender-1": 4, "visie-1": "nvt"}),
]


@pytest.fixture
def report(tmp_path: Path) -> Path:
    dataset, problems = check_data(DATA)
    assert dataset is not None, problems
    version = scan_rules(dataset)["data_version"]
    files = []
    for index, (municipality, date, answers) in enumerate(SCANS):
        path = tmp_path / f"scan-{index}.json"
        body = {
            "format": "regiokaart-zelfscan",
            "format_version": 1,
            "data_version": version,
            "region": "Testland",
            "municipality": municipality,
            "date": date,
            "answers": answers,
            "notes": {},
        }
        path.write_text(json.dumps(body), encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "rapport"
    args = ["--out", str(out), "--data", str(DATA), "--project", str(ROOT)]
    assert main(["selfscan-report", *files, *args]) == 0
    return out / "index.html"


def test_report_page_is_accessible_and_shows_bundles_and_averages(page: Page, report: Path) -> None:
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    page.goto(report.as_uri())
    expect(page.locator("h1")).to_have_text("Regionaal overzicht zelfscan – Testland")
    expect(page.locator(".summary")).to_have_text("3 gemeenten, 4 scans")

    # Latest scans, bundle 9: Noordstad 2,5, Zuiddorp 2,0, Oostburg 3,5 → (25 + 20 + 35) / 3 = 2,7.
    # Bundle 1-2: 3 and 4 (Oostburg answered "n.v.t.") → 3,5.
    regional = page.locator("table", has=page.get_by_text("Regionaal gemiddelde en spreiding"))
    nine = regional.locator("tr", has=page.get_by_role("rowheader", name=NINE))
    expect(nine.locator("td").first).to_have_text("2,7")
    one_two = regional.locator("tr", has=page.get_by_role("rowheader", name=ONE_TWO))
    expect(one_two.locator("td").first).to_have_text("3,5")
    expect(nine.locator("td").nth(3)).to_contain_text("2 van 3 gemeenten")

    latest = page.locator("table", has=page.get_by_text("Score per bundel in de nieuwste scan"))
    expect(latest.get_by_role("columnheader", name=NINE)).to_be_visible()
    expect(latest.get_by_role("columnheader", name=ONE_TWO)).to_be_visible()
    noordstad = latest.locator("tr", has=page.get_by_role("rowheader", name="Noordstad"))
    expect(noordstad.locator("td").nth(1)).to_contain_text("2,5 (aandachtspunt)")
    expect(page.get_by_text("1,0 → 2,5 (+1,5)")).to_be_visible()

    assert run_axe(page) == []
    assert all(url.startswith("file://") for url in requests), requests


def test_printed_report_is_accessible(page: Page, report: Path) -> None:
    page.emulate_media(media="print")
    page.goto(report.as_uri())
    expect(page.get_by_role("heading", name=NINE)).to_be_visible()
    assert run_axe(page) == []
