"""A module's reuse kit: clean print view, downloadable YAML that loads again, preconditions checklist."""

import re
import urllib.request
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from regiokaart.models.module_exchange import ModuleExchange
from tests.browser.conftest import checklists_started
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

MODULE = "modules/plegeraanpak-flevoland-outreachend-en-betrokken/"


def test_print_view_shows_only_the_module(page: Page, base_url: str) -> None:
    page.goto(base_url + MODULE)
    expect(page.locator(".md-header")).to_be_visible()
    expect(page.locator(".rk-reuse")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".rk-reuse"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Plegeraanpak Flevoland: outreachend en betrokken!")
    expect(page.locator(".rk-chart-data table").first).to_be_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_downloaded_yaml_is_an_exchange_file_naming_what_it_refers_to(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + MODULE)
    href = page.get_by_role(
        "link", name="Download deze module als gegevensbestand (YAML)"
    ).get_attribute("href")
    assert href is not None
    url = page.url + href if not href.startswith("http") else href
    with urllib.request.urlopen(url) as response:
        text = response.read().decode("utf-8")
    assert "regiokaart module import" in text.split("\nformat:")[0]  # the Dutch comment header
    parsed = ModuleExchange.model_validate(yaml.safe_load(text))
    assert parsed.format == "regiokaart-module" and parsed.version == 1
    assert [m.id for m in parsed.modules] == ["plegeraanpak-flevoland-outreachend-en-betrokken"]
    assert parsed.modules[0].targets
    names = {o.id: o.name for o in parsed.organisations}
    assert names["reclassering-nederland"] == "Reclassering Nederland"
    assert [d.id for d in parsed.documents] == [parsed.modules[0].source.document]


def test_preconditions_are_kept_in_the_browser_after_reload(page: Page, base_url: str) -> None:
    page.goto(base_url + MODULE)
    first = checklists_started(page).locator(".rk-checklist input").first
    expect(first).not_to_be_checked()
    first.check()
    page.reload()
    expect(page.locator(".rk-checklist input").first).to_be_checked()
    expect(page.locator(".rk-checklist input").nth(1)).not_to_be_checked()


def test_workflow_and_partner_infographics_have_text_alternatives(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + MODULE)
    charts = page.locator("svg.rk-chart[role=img]")
    assert charts.count() >= 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        labelled = chart.get_attribute("aria-labelledby") or ""
        title_id, desc_id = labelled.split()
        assert page.locator(f"[id='{title_id}']").text_content()
        assert page.locator(f"[id='{desc_id}']").text_content()


MODULES = [m["id"] for m in yaml.safe_load((ROOT / "data" / "modules.yaml").read_text())["modules"]]
MOST_PAGES = 6

# Words of organisation names laid out over more than one line box: "Reclas-/sering". A name's own
# hyphen is a place to break, as in any text ("Noord-/Holland"): each part up to and with its
# hyphen counts as a word.
BROKEN_NAMES = """() => [...document.querySelectorAll('.rk-activities .rk-name a')].flatMap((a) => {
    const text = a.firstChild;
    return [...text.data.matchAll(/[^\\s-]+-?|-/g)].filter((word) => {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
    }).map((word) => word[0]);
})"""

# Columns of a shown table in which no body cell has text.
EMPTY_COLUMNS = """() => [...document.querySelectorAll('.rk-module table')]
    .filter((t) => t.checkVisibility())
    .flatMap((t) => [...t.tHead.rows[0].cells].filter((_, i) =>
        [...t.tBodies[0].rows].every((r) => !(r.cells[i]?.textContent.trim()))
    ).map((c) => c.textContent))"""

# The smallest text in the partner hub as drawn, in CSS pixels.
SMALLEST_HUB_TEXT = """() => Math.min(...[...document.querySelectorAll('svg.rk-chart--hub text')].map(
    (t) => parseFloat(t.getAttribute('font-size')) * t.ownerSVGElement.getScreenCTM().a))"""


def pdf_page_count(pdf: bytes) -> int:
    """Page objects in a PDF (/Type /Page, not the /Type /Pages tree above them)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def test_every_module_of_the_data_is_in_the_site(shipped_site: Path) -> None:
    built = sorted(p.name for p in (shipped_site / "modules").iterdir() if p.is_dir())
    assert built == sorted(MODULES)


@pytest.mark.parametrize("module_id", MODULES)
def test_printed_module_is_a_short_clean_document(
    page: Page, base_url: str, module_id: str
) -> None:
    page.goto(base_url + f"modules/{module_id}/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert 1 <= pdf_page_count(pdf) <= MOST_PAGES

    text = page.locator(".rk-module").inner_text()
    title = page.locator("h1").inner_text()
    source = page.locator(".rk-print-source")
    expect(source).to_be_visible()
    assert re.fullmatch(r"Bron: .+, .+ · peildatum \d{1,2} \w+ \d{4}", source.inner_text())
    headings = {
        h: text.find(f"\n{h}\n") for h in page.locator(".rk-module h2:visible").all_inner_texts()
    }
    assert (
        text.index(title) < text.index("Bron: ") < text.index("peildatum") < min(headings.values())
    )
    order = [
        "Doel",
        "Doelgroep",
        "Activiteiten en planning",
        "Partners en rollen",
        "Voorwaarden voor hergebruik",
        "Beoogde resultaten",
    ]
    shown = [headings[h] for h in order if h in headings]
    assert -1 not in shown and shown == sorted(shown)
    assert text.rindex("Peildatum:") > headings["Voorwaarden voor hergebruik"]

    assert page.evaluate(EMPTY_COLUMNS) == []
    assert page.evaluate(BROKEN_NAMES) == []
    for hidden in (".md-header", ".md-footer", ".md-sidebar--primary", ".rk-reuse"):
        expect(page.locator(hidden).first).to_be_hidden()

    items = page.locator(".rk-checklist li")
    for index in range(items.count()):
        expect(items.nth(index).locator("input")).to_be_hidden()
        mark = items.nth(index).evaluate("(li) => getComputedStyle(li, '::before').content")
        assert mark == '"☐"'
        assert items.nth(index).inner_text().strip()

    charts = page.locator("svg.rk-chart--hub")
    if charts.count():
        spokes = charts.locator("text.rk-chart-text").all_text_contents()
        assert title.casefold() not in [s.casefold() for s in spokes]
        assert charts.locator("circle.rk-node").count() >= 1
        assert page.evaluate(SMALLEST_HUB_TEXT) >= 11


def test_printed_preconditions_mark_what_is_checked(page: Page, base_url: str) -> None:
    page.goto(base_url + MODULE)
    checklists_started(page).locator(".rk-checklist input").first.check()
    page.emulate_media(media="print")
    marks = page.locator(".rk-checklist li").evaluate_all(
        "(items) => items.map((li) => getComputedStyle(li, '::before').content)"
    )
    assert marks[0] == '"☑"' and set(marks[1:]) == {'"☐"'}


def test_module_run_by_itself_is_not_its_own_partner(page: Page, base_url: str) -> None:
    page.goto(base_url + "modules/drakentemmers/")
    section = page.locator(".rk-module")
    expect(section).to_contain_text("Uitgevoerd door Drakentemmers zelf")
    assert page.locator("svg.rk-chart--hub text.rk-chart-text").all_text_contents() == []


@pytest.mark.parametrize("module_id", MODULES)
def test_module_at_phone_width_fits_and_keeps_names_whole(
    browser: Browser, base_url: str, module_id: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + f"modules/{module_id}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.evaluate(BROKEN_NAMES) == []
    page.set_viewport_size({"width": 360, "height": 640})
    if page.locator("svg.rk-chart--hub").count():
        assert page.evaluate(SMALLEST_HUB_TEXT) >= 11
    context.close()
