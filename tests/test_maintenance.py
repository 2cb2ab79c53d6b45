"""The coordinator's maintenance report (regiokaart.formats.maintenance)."""

from datetime import date
from pathlib import Path

import openpyxl
import pytest
import yaml

from regiokaart import resources
from regiokaart.checks.link_check import looks_offline, parse_failures
from regiokaart.cli import main
from regiokaart.dataset import Dataset
from regiokaart.formats.maintenance import (
    COLUMNS,
    NATIONAL_LAYER,
    OWN_LAYER,
    maintenance_rows,
    render_maintenance_csv,
    render_maintenance_markdown,
)
from regiokaart.routes import Page, page_file, site_nav
from regiokaart.site.pages import render_pages
from tests.browser.conftest import serve
from tests.conftest import FLEVOLAND_TODAY, ROOT, checked, replace_in


def test_rows_are_plain_and_most_urgent_first(mini_data: Path) -> None:
    replace_in(mini_data / "offers.yaml", "    providers: [veilig-thuis-testland]\n", "")
    dataset = checked(mini_data, date(2026, 11, 25))
    rows = maintenance_rows(dataset, date(2026, 11, 25))
    assert all(set(row) == set(COLUMNS) for row in rows)
    problems = [(row["id"], row["probleem"]) for row in rows]
    assert problems[0] == ("steungroep", "alleen de algemene route van de regio")
    assert ("steungroep", "geen aanbieder") in problems
    assert ("steungroep", "effectiviteit onbekend") in problems
    assert ("relatietherapie", "peildatum verouderd (ouder dan 12 maanden)") in problems
    assert [row["prioriteit"] for row in rows] == sorted(row["prioriteit"] for row in rows)
    assert render_maintenance_csv(rows).startswith("\ufefflaag;prioriteit;soort;id;naam;")


def test_the_regions_own_records_come_before_the_national_layer(flevoland: Dataset) -> None:
    rows = maintenance_rows(flevoland, FLEVOLAND_TODAY)
    layers = [row["laag"] for row in rows]
    own = layers.count(OWN_LAYER)
    assert 0 < own < len(rows)
    assert layers == [OWN_LAYER] * own + [NATIONAL_LAYER] * (len(rows) - own)
    for row in rows:  # the layer is where the record comes from
        kind = {"aanbod": "offers", "organisatie": "organisations"}[row["soort"]]
        assert (row["laag"] == NATIONAL_LAYER) == (row["id"] in flevoland.national[kind])
    assert flevoland.national["offers"] and not flevoland.national["offers"] & {
        row["id"] for row in rows if row["laag"] == OWN_LAYER
    }
    text = render_maintenance_markdown(rows, "Flevoland", FLEVOLAND_TODAY)
    own_part, national_part = text.split("## Landelijke laag: melden bij")
    first_own = next(row for row in rows if row["laag"] == OWN_LAYER)
    first_national = next(row for row in rows if row["laag"] == NATIONAL_LAYER)
    assert f"({first_own['id']})" in own_part and f"({first_own['id']})" not in national_part
    assert f"({first_national['id']})" in national_part
    assert f"({first_national['id']})" not in own_part


def test_a_regional_version_of_a_national_record_is_the_regions_own(flevoland: Dataset) -> None:
    def ids(folder: str, kind: str) -> set[str]:
        text = (ROOT / folder / f"{kind}.yaml").read_text(encoding="utf-8")
        return {record["id"] for record in yaml.safe_load(text)[kind]}

    for kind in ("offers", "organisations"):
        national, own = ids("national", kind), ids("data", kind)
        assert flevoland.national[kind] == national - own
    assert "de-waag" in ids("national", "organisations")  # Flevoland has its own version
    assert "de-waag" not in flevoland.national["organisations"]


def test_check_writes_the_report(mini_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "onderhoud.md"
    assert main(["check", "--data", str(mini_data), "--onderhoud", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Onderhoudsrapport regio Testland")
    assert "peildatum verouderd" in text


def test_the_report_as_a_workbook_and_kept_when_written_again(
    mini_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "onderhoud.xlsx"
    assert main(["check", "--data", str(mini_data), "--onderhoud", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    sheet = book["Onderhoud"]
    assert [c.value for c in sheet[1]] == [c.capitalize() for c in COLUMNS]
    assert sheet.freeze_panes == "A2"
    problems = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "peildatum verouderd (ouder dan 12 maanden)" in problems
    first = out.read_bytes()
    assert main(["check", "--data", str(mini_data), "--onderhoud", str(out)]) == 0
    assert (tmp_path / "onderhoud.xlsx.vorige").read_bytes() == first


def test_the_portal_has_the_report_as_a_page_outside_the_nav(mini_data: Path) -> None:
    today = date(2026, 11, 25)
    dataset = checked(mini_data, today)
    pages = render_pages(dataset, resources.PAGE_TEMPLATES, today=today)
    page = str(pages[page_file(Page.MAINTENANCE)])
    rows = maintenance_rows(dataset, today)
    assert rows and page.count("<tr><td>") == len(rows)
    assert 'href="../aanbod/relatietherapie/"' in page
    assert "data-pagefind-ignore" in page
    staged = set(pages)
    entries = [e for item in site_nav(staged, {}) for e in _files(item)]
    assert page_file(Page.MAINTENANCE) not in entries


def _files(item: object) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, dict):
        return [f for value in item.values() for f in _files(value)]
    if isinstance(item, list):
        return [f for value in item for f in _files(value)]
    return []


def test_links_names_a_website_that_does_not_answer(
    mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve(tmp_path) as base:  # a local web server: no real network needed
        (tmp_path / "bestaat.html").write_text("ok", encoding="utf-8")
        replace_in(
            mini_data / "organisations.yaml",
            "website: https://veiligthuis.example.nl/",
            f"website: {base}weg.html",
        )
        out = tmp_path / "onderhoud.csv"
        assert main(["check", "--data", str(mini_data), "--onderhoud", str(out), "--links"]) == 0
    report = out.read_text(encoding="utf-8-sig")
    dead = [line for line in report.splitlines() if "website antwoordt niet" in line]
    assert len(dead) == 1, report
    assert "veilig-thuis-testland" in dead[0] and "weg.html: 404" in dead[0]
    assert dead[0].startswith("regio;2;")  # right after offers nobody can reach


def test_links_only_with_a_report(mini_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(mini_data), "--links"]) == 2
    assert "--links: alleen samen met --onderhoud" in capsys.readouterr().err


def test_parse_failures_reads_linkcheckers_csv() -> None:
    csv_text = (
        "# created by LinkChecker\n"
        "urlname;parentname;base;result;warningstring;infostring;valid;url\n"
        'http://a.example/x;file:///w.html;;"ConnectionError: no (Caused by y)";;;False;u\n'
        "http://b.example/;file:///w.html;;404 Not Found;;;False;u\n"
        "http://elders.example/;file:///w.html;;404 Not Found;;;False;u\n"
    )
    wanted = {"http://a.example/x", "http://b.example/"}
    assert parse_failures(csv_text, wanted) == {
        "http://a.example/x": "ConnectionError: no",
        "http://b.example/": "404 Not Found",
    }


def test_all_addresses_failing_to_connect_means_no_network() -> None:
    wanted = ["http://a.example/", "http://b.example/"]
    refused = dict.fromkeys(wanted, "ConnectionError: HTTPConnectionPool(host='a.example')")
    assert looks_offline(refused, wanted)
    assert not looks_offline({**refused, "http://b.example/": "404 Not Found"}, wanted)
    assert not looks_offline({"http://a.example/": refused["http://a.example/"]}, wanted)
