"""No sideways scrolling at 320 px (WCAG 2.1 reflow), on one page of every type and in the scan's results."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from regiokaart.site.pages.evidence import NARROW_WIDTH
from tests.browser.conftest import run_axe
from tests.browser.test_accessibility import PAGES

pytestmark = pytest.mark.browser

WIDTH = NARROW_WIDTH  # as the toegankelijkheidsverklaring says it (site/pages/evidence.py)


def overflowing(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Rendered elements (also transparent ones, which still widen the page) past the right edge."""
    return page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > width + 0.5 && e.checkVisibility())
            .slice(0, 5).map((e) => `${e.localName}.${[...e.classList].join('.')}`)""",
        WIDTH,
    )


@pytest.mark.parametrize("path", [*PAGES.values(), "zelfscan/"], ids=[*PAGES.keys(), "self-scan"])
def test_page_does_not_scroll_sideways_at_320_px(
    browser: Browser, base_url: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{path} is {width} px wide: {overflowing(page)}"
    context.close()


def test_coverage_tables_scroll_in_their_own_container_at_320_px(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.goto(base_url + PAGES["coverage (not in the nav)"])
    wraps = page.locator(".rk-coverage .rk-table-wrap")
    expect(wraps).to_have_count(2)
    wrap = wraps.first
    inner, outer = wrap.evaluate("(e) => [e.scrollWidth, e.clientWidth]")
    assert inner > outer  # the table is wider than the screen: it scrolls inside its container
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, overflowing(page)
    wrap.focus()  # and by keyboard
    page.keyboard.press("ArrowRight")
    expect(wrap).not_to_have_js_property("scrollLeft", 0)
    context.close()


def test_scan_results_comparison_and_dialog_fit_320_px(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.goto(base_url + "zelfscan/")
    rules = page.evaluate("JSON.parse(document.querySelector('[data-rk-scan]').dataset.rkScan)")
    answers = {q["id"]: [1, 2, 3, 4, "nvt"][i % 5] for i, q in enumerate(rules["questions"])}
    kinds = {q["id"]: q["kind"] for q in rules["questions"]}
    stored = {"municipality": "Almere", "date": "2026-11-20", "answers": answers, "notes": {}}
    stored["step"] = len(rules["bundles"]) + 1
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"regiokaart:zelfscan:{rules['region']}", json.dumps(stored)],
    )
    page.reload()
    expect(page.locator("#rk-results-title")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, overflowing(page)
    export = {
        "format": rules["format"],
        "format_version": rules["format_version"],
        "data_version": rules["data_version"],
        "region": rules["region"],
        "municipality": "Lelystad",
        "date": "2025-11-20",
        "answers": answers,
        "kinds": kinds,
    }
    comparison = tmp_path / "lelystad-met-een-lange-bestandsnaam-2025.json"
    comparison.write_text(json.dumps(export), encoding="utf-8")
    page.get_by_label(
        "Kies exports om mee te vergelijken (JSON, meerdere bestanden mogelijk)"
    ).set_input_files(comparison)
    expect(page.locator("#rk-compare-note")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, overflowing(page)
    assert run_axe(page) == []
    page.get_by_role("button", name="Wis mijn antwoorden…").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, overflowing(page)
    assert run_axe(page) == []
    context.close()
