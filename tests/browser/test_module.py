"""A module's reuse kit: clean print view, downloadable YAML that loads again, preconditions checklist."""

import urllib.request

import pytest
import yaml
from playwright.sync_api import Page, expect

from regiokaart.models.module import ModulesFile

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


def test_downloaded_yaml_is_a_valid_modules_file(page: Page, base_url: str) -> None:
    page.goto(base_url + MODULE)
    href = page.get_by_role(
        "link", name="Download deze module als gegevensbestand (YAML)"
    ).get_attribute("href")
    assert href is not None
    url = page.url + href if not href.startswith("http") else href
    with urllib.request.urlopen(url) as response:
        text = response.read().decode("utf-8")
    parsed = ModulesFile.model_validate(yaml.safe_load(text))
    assert [m.id for m in parsed.modules] == ["plegeraanpak-flevoland-outreachend-en-betrokken"]
    assert parsed.modules[0].targets


def test_preconditions_are_kept_in_the_browser_after_reload(page: Page, base_url: str) -> None:
    page.goto(base_url + MODULE)
    first = page.locator(".rk-checklist input").first
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
