"""The self-scan in a real browser: answering, saving, restoring, clearing, export/import, compare, privacy."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.check import check_data
from generator.cli import main
from generator.selfscan_scores import format_score, score_per_standard
from tests.browser.conftest import run_axe
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SCAN = "zelfscan/"


@pytest.fixture(scope="module")
def selfscan():  # type: ignore[no-untyped-def]
    dataset, _ = check_data(ROOT / "data")
    assert dataset is not None
    return dataset.selfscan


def start(page: Page, base_url: str, municipality: str = "Almere") -> None:
    page.goto(base_url + SCAN)
    page.get_by_label("Gemeente", exact=True).select_option(municipality)
    page.get_by_role("button", name="Volgende stap").click()
    expect(page.locator("#rk-step-1-title")).to_be_focused()


def answer(page: Page, question_id: str, value: str) -> None:
    page.locator(f'input[name="antwoord-{question_id}"][value="{value}"]').check()


def goto_results(page: Page) -> None:
    page.get_by_role("button", name="Resultaten").click()
    expect(page.locator("#rk-results-title")).to_be_focused()


def export_json(page: Page, tmp_path: Path, name: str = "export.json") -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name="Exporteer als JSON").click()
    target = tmp_path / name
    info.value.save_as(target)
    return target


def score_table(page: Page) -> list[str]:
    return page.locator("#rk-score-table tbody tr td:nth-child(2)").all_text_contents()


def test_answers_are_saved_and_restored_after_reload(page: Page, base_url: str, selfscan) -> None:  # type: ignore[no-untyped-def]
    start(page, base_url)
    first = selfscan.steps[0].questions[0].id
    answer(page, first, "3")
    page.locator(f"#notitie-{first}").fill("Bespreken in het regio-overleg")
    expect(page.locator("#rk-scan-status")).to_have_text("Opgeslagen in deze browser.")
    expect(page.locator("#rk-progress-text")).to_have_text(
        re.compile(r"^1 van \d+ vragen beantwoord$")
    )
    page.reload()
    expect(page.locator("#rk-step-1-title")).to_be_visible()
    expect(page.locator(f'input[name="antwoord-{first}"][value="3"]')).to_be_checked()
    expect(page.locator(f"#notitie-{first}")).to_have_value("Bespreken in het regio-overleg")
    expect(page.get_by_label("Gemeente", exact=True)).to_have_value("Almere")


def test_closing_the_tab_and_coming_back_keeps_the_scan(
    browser: Browser, base_url: str, selfscan
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    start(page, base_url, "Urk")
    answer(page, selfscan.steps[0].questions[1].id, "2")
    expect(page.locator("#rk-scan-status")).to_have_text("Opgeslagen in deze browser.")
    page.close()
    again = context.new_page()
    again.goto(base_url + SCAN)
    expect(
        again.locator(f'input[name="antwoord-{selfscan.steps[0].questions[1].id}"][value="2"]')
    ).to_be_checked()
    expect(again.get_by_label("Gemeente", exact=True)).to_have_value("Urk")
    context.close()


def test_next_without_municipality_shows_an_announced_error(page: Page, base_url: str) -> None:
    page.goto(base_url + SCAN)
    page.get_by_role("button", name="Volgende stap").click()
    expect(page.locator("#rk-scan-alert")).to_have_text(
        "Kies eerst de gemeente waarvoor u de scan invult."
    )
    expect(page.get_by_label("Gemeente", exact=True)).to_be_focused()
    expect(page.get_by_label("Gemeente", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#rk-step-1-title")).to_be_hidden()


def test_results_score_per_standard_and_advice_for_weak_answers(
    page: Page, base_url: str, selfscan
) -> None:  # type: ignore[no-untyped-def]
    start(page, base_url)
    answers: dict[str, int | str] = {}
    for index, question in enumerate(selfscan.steps[0].questions):
        value = [1, 4, 3, "nvt"][index % 4]
        answers[question.id] = value
        answer(page, question.id, str(value))
    goto_results(page)
    expected = [format_score(s.mean) for s in score_per_standard(selfscan, answers)]
    assert score_table(page) == expected
    assert expected[0] != "–" and expected[8] == "–"
    weak = [q for q, v in answers.items() if v == 1]
    advice = page.locator("[data-rk-advice]:visible")
    expect(advice).to_have_count(len(weak))
    expect(advice.first).to_contain_text("Uw antwoord: 1. Niet")
    expect(page.locator("#rk-score-chart svg[role=img]")).to_have_attribute(
        "aria-label", re.compile("standaard 1")
    )


def test_clear_removes_answers_and_notes(page: Page, base_url: str, selfscan) -> None:  # type: ignore[no-untyped-def]
    start(page, base_url)
    first = selfscan.steps[0].questions[0].id
    answer(page, first, "4")
    page.locator(f"#notitie-{first}").fill("notitie")
    goto_results(page)
    page.get_by_role("button", name="Wis mijn antwoorden").click()
    expect(page.get_by_role("button", name="Ja, wis alle antwoorden en notities")).to_be_focused()
    page.get_by_role("button", name="Ja, wis alle antwoorden en notities").click()
    expect(page.locator("#rk-scan-status")).to_have_text("Uw antwoorden en notities zijn gewist.")
    expect(page.locator("#rk-step-0-title")).to_be_focused()
    page.reload()
    expect(page.get_by_label("Gemeente", exact=True)).to_have_value("")
    stored = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('regiokaart:zelfscan'))"
    )
    assert all(
        page.evaluate(f"JSON.parse(localStorage.getItem('{k}')).answers") == {} for k in stored
    )


def test_export_import_round_trip_restores_the_same_scan(
    page: Page, base_url: str, selfscan, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    start(page, base_url, "Zeewolde")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Datum van de scan").fill("2025-11-20")
    page.get_by_role("button", name="Volgende stap").click()
    for index, question in enumerate(selfscan.steps[0].questions[:6]):
        answer(page, question.id, ["1", "2", "3", "4", "nvt", "2"][index])
    page.locator(f"#notitie-{selfscan.steps[0].questions[0].id}").fill(
        'Regel "met" aanhalingstekens; en puntkomma'
    )
    goto_results(page)
    exported = json.loads(export_json(page, tmp_path, "eerste.json").read_text(encoding="utf-8"))
    assert exported["format"] == "regiokaart-zelfscan" and exported["format_version"] == 1
    assert exported["municipality"] == "Zeewolde" and exported["date"] == "2025-11-20"
    assert exported["data_version"] and exported["region"] == "Flevoland"
    assert len(exported["answers"]) == 6

    page.get_by_role("button", name="Wis mijn antwoorden").click()
    page.get_by_role("button", name="Ja, wis alle antwoorden en notities").click()
    expect(page.locator("#rk-step-0-title")).to_be_focused()
    page.get_by_label("Zet een geëxporteerde scan terug als huidige scan (JSON)").set_input_files(
        tmp_path / "eerste.json"
    )
    expect(page.locator("#rk-scan-status")).to_contain_text("staat nu als huidige scan")
    goto_results(page)
    again = json.loads(export_json(page, tmp_path, "tweede.json").read_text(encoding="utf-8"))
    assert again == exported


def test_compare_with_last_years_scan_shows_change_per_standard(
    page: Page, base_url: str, selfscan, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    questions = selfscan.steps[0].questions
    start(page, base_url, "Lelystad")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Datum van de scan").fill("2025-11-24")
    page.get_by_role("button", name="Volgende stap").click()
    last_year = {q.id: 1 for q in questions[:4]}
    for qid, value in last_year.items():
        answer(page, qid, str(value))
    goto_results(page)
    export_json(page, tmp_path, "vorig-jaar.json")

    page.get_by_role("button", name="Stap 1").click()
    this_year = {q.id: 3 for q in questions[:4]}
    for qid, value in this_year.items():
        answer(page, qid, str(value))
    goto_results(page)
    page.get_by_label(re.compile("Vergelijk met eerdere scans")).set_input_files(
        tmp_path / "vorig-jaar.json"
    )
    expect(page.locator("#rk-compare")).to_be_visible()
    before = score_per_standard(selfscan, last_year)
    after = score_per_standard(selfscan, this_year)
    assert before[0].mean is not None and after[0].mean is not None
    change = "+" + format_score(after[0].mean - before[0].mean)
    expect(page.locator('[data-rk-diff="1"]')).to_have_text(change)
    expect(page.locator('[data-rk-diff="2"]')).to_have_text(change)
    expect(page.locator('[data-rk-diff="9"]')).to_have_text("–")
    expect(page.locator("#rk-compare-table thead")).to_contain_text("Lelystad 2025-11-24")


def test_bad_import_gives_a_clear_message_and_loses_nothing(
    page: Page, base_url: str, selfscan, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    start(page, base_url)
    first = selfscan.steps[0].questions[0].id
    answer(page, first, "2")
    goto_results(page)
    newer = tmp_path / "nieuwer.json"
    newer.write_text(
        json.dumps({"format": "regiokaart-zelfscan", "format_version": 2, "answers": {}}),
        encoding="utf-8",
    )
    broken = tmp_path / "kapot.json"
    broken.write_text("{ dit is geen json", encoding="utf-8")
    page.get_by_label(re.compile("Vergelijk met eerdere scans")).set_input_files([newer, broken])
    alert = page.locator("#rk-scan-alert")
    expect(alert).to_contain_text("nieuwer.json: formaatversie 2 wordt niet ondersteund")
    expect(alert).to_contain_text("kapot.json: dit is geen geldig JSON-bestand.")
    expect(alert).to_contain_text("Uw eigen antwoorden zijn niet veranderd.")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Zet een geëxporteerde scan terug als huidige scan (JSON)").set_input_files(
        newer
    )
    expect(alert).to_contain_text("formaatversie 2")
    page.get_by_role("button", name="Stap 1").click()
    expect(page.locator(f'input[name="antwoord-{first}"][value="2"]')).to_be_checked()


def test_whole_scan_by_keyboard_alone_without_any_request(
    page: Page, base_url: str, selfscan
) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + SCAN)
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    select = page.get_by_label("Gemeente", exact=True)
    select.focus()
    page.keyboard.press("ArrowDown")  # first municipality
    expect(select).not_to_have_value("")
    next_button = page.locator("#rk-next")
    expected: dict[str, int | str] = {}
    for step_number, step in enumerate(selfscan.steps, start=1):
        next_button.focus()
        page.keyboard.press("Enter")
        expect(page.locator(f"#rk-step-{step_number}-title")).to_be_focused()
        for index, question in enumerate(step.questions):
            page.keyboard.press("Tab")  # into the radio group: its first option
            assert page.evaluate("document.activeElement.name") == f"antwoord-{question.id}"
            presses = (
                index % 4
            )  # 0 -> Space checks option 1; n -> ArrowRight n times checks option n+1
            if presses == 0:
                page.keyboard.press("Space")
            for _ in range(presses):
                page.keyboard.press("ArrowRight")
            expected[question.id] = presses + 1
            page.keyboard.press("Tab")  # bouwsteen link
            page.keyboard.press("Tab")  # note
            assert page.evaluate("document.activeElement.id") == f"notitie-{question.id}"
    next_button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#rk-results-title")).to_be_focused()
    assert score_table(page) == [
        format_score(s.mean) for s in score_per_standard(selfscan, expected)
    ]
    expect(page.locator("#rk-progress-text")).to_have_text(
        f"{len(expected)} van {len(expected)} vragen beantwoord"
    )
    origin = urlsplit(base_url).netloc
    network = [u for u in requests if urlsplit(u).scheme in ("http", "https")]
    assert network == [], f"requests after the page loaded (origin {origin}): {network}"


@pytest.mark.parametrize("state", ["empty step", "step with error", "results", "print view"])
def test_scan_states_have_no_axe_violations(
    page: Page, base_url: str, selfscan, state: str
) -> None:  # type: ignore[no-untyped-def]
    if state == "step with error":
        page.goto(base_url + SCAN)
        page.get_by_role("button", name="Volgende stap").click()
        expect(page.locator("#rk-scan-alert")).not_to_be_empty()
    else:
        start(page, base_url)
        if state in ("results", "print view"):
            answer(page, selfscan.steps[0].questions[0].id, "1")
            goto_results(page)
            expect(page.locator("[data-rk-advice]:visible")).to_have_count(1)
        if state == "print view":
            page.emulate_media(media="print")
            expect(page.locator(".rk-privacy")).to_be_hidden()
    assert run_axe(page) == []


def test_report_command_accepts_exports_made_in_the_browser(
    page: Page, base_url: str, selfscan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    files = []
    for municipality, value in (("Almere", "1"), ("Dronten", "3"), ("Urk", "4")):
        page.goto(base_url + SCAN)
        page.evaluate("localStorage.clear()")
        start(page, base_url, municipality)
        for question in selfscan.steps[0].questions:
            answer(page, question.id, value)
        goto_results(page)
        files.append(export_json(page, tmp_path, f"{municipality}.json"))
    out = tmp_path / "rapport"
    assert (
        main(
            [
                "selfscan-report",
                *map(str, files),
                "--out",
                str(out),
                "--data",
                str(ROOT / "data"),
                "--project",
                str(ROOT),
            ]
        )
        == 0
    )
    html = (out / "index.html").read_text(encoding="utf-8")
    for municipality in ("Almere", "Dronten", "Urk"):
        assert municipality in html
    report_page = page.context.new_page()
    report_page.goto(out.joinpath("index.html").as_uri())
    rows = report_page.locator("tbody tr").first.locator("td")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("1,0")
    expect(rows.nth(2)).to_contain_text("4,0")
    assert run_axe(report_page) == []
