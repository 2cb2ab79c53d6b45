"""The regional report of selfscan-report in a real browser: accessible, self-contained, readable."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Request, expect

from regiokaart.checks.check import check_data
from regiokaart.cli import main
from regiokaart.selfscan.rules import scan_rules
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


def write_exports(
    folder: Path,
    data: Path,
    scans: list[tuple[str, str, dict[str, object]]],
    names: list[str] | None = None,
    **extra: object,
) -> list[Path]:
    """One export per scan (named scan-N.json unless names are given), extra fields set."""
    dataset, problems = check_data(data)
    assert dataset is not None, problems
    version = scan_rules(dataset)["data_version"]
    files = []
    for index, (municipality, date, answers) in enumerate(scans):
        path = folder / (names[index] if names else f"scan-{index}.json")
        body = {
            "format": "regiokaart-zelfscan",
            "format_version": 1,
            "data_version": version,
            "region": dataset.region.name,
            "municipality": municipality,
            "date": date,
            "answers": answers,
            "notes": {},
            **extra,
        }
        path.write_text(json.dumps(body), encoding="utf-8")
        files.append(path)
    return files


def write_report(folder: Path, data: Path, files: list[Path]) -> Path:
    """The report page of these exports."""
    out = folder / "rapport"
    args = ["--out", str(out), "--data", str(data), "--project", str(ROOT)]
    main(["selfscan-report", *map(str, files), *args])
    return out / "index.html"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return write_report(tmp_path, DATA, write_exports(tmp_path, DATA, SCANS))


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


def test_a_right_to_left_override_in_a_file_name_stays_inside_the_name(
    page: Page, tmp_path: Path
) -> None:
    scans = [("Noordstad", "2026-03-01", {"visie-1": 2})]
    tricky = write_exports(tmp_path, DATA, scans, names=["scan\u202e.json"], region="Elders")
    broken = tmp_path / "kapot\u202e.json"
    broken.write_text("{", encoding="utf-8")
    report = write_report(tmp_path, DATA, [*tricky, broken])
    page.goto(report.as_uri())
    warning = page.locator("ul.messages li", has_text="scan voor regio")
    skipped = page.locator("ul.messages li", has_text="geen geldige JSON")
    source = page.locator("ul.sources li", has_text="Noordstad")
    # Left to right as written: the field before the message, the message in its own order.
    assert (
        drawn_at(warning, ": region:") < drawn_at(warning, "Elders") < drawn_at(warning, "Testland")
    )
    assert (
        drawn_at(skipped, ":1:2:") < drawn_at(skipped, "geen geldige") < drawn_at(skipped, "JSON")
    )
    assert (
        drawn_at(source, "Noordstad") < drawn_at(source, "scan van") < drawn_at(source, "nieuwste")
    )
    assert run_axe(page) == []


def drawn_at(item: Locator, text: str) -> tuple[float, float]:
    """Line (top) and place on it (left) of the first character of text in item, in reading
    order for left-to-right text; text may span several text nodes."""
    top, left = item.evaluate(
        """(element, text) => {
                const nodes = [];
                const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) nodes.push(walker.currentNode);
                const whole = nodes.map((n) => n.data).join("");
                let offset = whole.indexOf(text);
                if (offset < 0) throw new Error(`${text} not in ${whole}`);
                for (const node of nodes) {
                    if (offset < node.data.length) {
                        const range = document.createRange();
                        range.setStart(node, offset);
                        range.setEnd(node, offset + 1);
                        const rect = range.getBoundingClientRect();
                        return [Math.round(rect.top), rect.left];
                    }
                    offset -= node.data.length;
                }
            }""",
        text,
    )
    return float(top), float(left)


def test_report_with_five_bundles_does_not_scroll_sideways_at_320_px(
    browser: Browser, tmp_path: Path
) -> None:
    data = ROOT / "data"
    dataset, _ = check_data(data)
    assert dataset is not None
    rules = scan_rules(dataset)
    answers = {q["id"]: [1, 2, 3, 4, "nvt"][i % 5] for i, q in enumerate(rules["questions"])}
    scans = [
        (name, date, answers)
        for name in rules["municipalities"]
        for date in ("2024-11-20", "2025-11-20")
    ]
    names = [f"zelfscan-{n}-{'x' * 40}.json" for n in range(len(scans))]
    report = write_report(tmp_path, data, write_exports(tmp_path, data, scans, names))
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(report.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    expect(page.get_by_role("region", name="Score per bundel in de nieuwste scan")).to_be_visible()
    assert run_axe(page) == []
    context.close()
