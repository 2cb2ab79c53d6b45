"""The pages Dutch law asks of a public site: the toegankelijkheidsverklaring (from region.yaml and
regiokaart's own tests, declared in site/pages/evidence.py) and the privacyverklaring (from what the
portal keeps in the browser, site/pages/browser_storage.py), built for every region and linked from
the footer of every page."""

import ast
import html
import re
import shlex
from pathlib import Path

import pytest

from regiokaart import resources
from regiokaart.checks.check import check_data
from regiokaart.cli import main
from regiokaart.dataset import Dataset
from regiokaart.problems import Severity
from regiokaart.routes import FOOTER, ROUTES, Page, is_markdown, page_file, page_url, site_nav
from regiokaart.site.pages import browser_storage as storage
from regiokaart.site.pages import make_site, render_pages
from regiokaart.site.pages.evidence import (
    AXE_TAGS,
    KEYBOARD_TESTS,
    NARROW_WIDTH,
    OTHER_ENGINE_TESTS,
    STANDARD,
    STATE_TESTS,
    TESTED_PAGES,
)
from regiokaart.site.pages.lawful import (
    STATUS_MEANINGS,
    render_accessibility_page,
    render_privacy_page,
)
from tests.conftest import ROOT, checked, checked_with_warnings, make_mini_project, replace_in

UNKNOWN = "nog niet ingevuld"
STATEMENT_FIELDS = ("organisation", "contact", "date", "status", "known_issues")

# A complete statement for the small fixture region (tests/fixtures/mini).
FILLED_IN = """  accessibility:
    organisation: gemeente-noordstad
    contact:
      email: info@noordstad.example.nl
      phone: "14 0123"
      website: https://www.noordstad.example.nl/toegankelijkheid
    date: 2026-01-10
    status: C
    known_issues:
      - De infographic <Cijfers> heeft nog geen tekstalternatief.
"""


def with_statement(data: Path, block: str) -> Path:
    """data with block (YAML under region:) added to its region.yaml."""
    replace_in(data / "region.yaml", "  source:", block + "  source:")
    return data


def visible_text(page: str) -> str:
    """The page's text as read: inline tags left out, others a space."""
    inline = re.sub(r"</?(?:a|strong|em|code)\b[^>]*>", "", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", inline))


def statement_warnings(problems: list) -> list:  # type: ignore[type-arg]
    return [p for p in problems if p.field == "region.accessibility"]


# --- what region.yaml says, or that it says nothing ------------------------------------------


def test_a_region_that_states_nothing_gets_unknown_everywhere_and_one_warning(
    mini_data: Path,
) -> None:
    dataset, problems = checked_with_warnings(mini_data)
    [warning] = statement_warnings(problems)
    assert warning.severity is Severity.WARNING
    for field in STATEMENT_FIELDS:
        assert f"({field}" in warning.message, warning.message
    assert warning.format().startswith(f"{mini_data / 'region.yaml'}:2:3: region.accessibility:")
    site = make_site(dataset, resources.PAGE_TEMPLATES)
    statement = visible_text(render_accessibility_page(site))
    # organisation (twice), date, status (twice), known issues, contact
    assert statement.count(UNKNOWN) == 7, statement
    assert "Status A" not in statement and "De status van dit portaal is nog niet ingevuld" in (
        " ".join(statement.split())
    )
    assert visible_text(render_privacy_page(site)).count(UNKNOWN) == 2  # organisation, contact


def test_a_filled_in_statement_shows_every_fact_and_warns_of_nothing(mini_data: Path) -> None:
    dataset, problems = checked_with_warnings(with_statement(mini_data, FILLED_IN))
    assert statement_warnings(problems) == []
    site = make_site(dataset, resources.PAGE_TEMPLATES)
    page = render_accessibility_page(site)
    text = " ".join(visible_text(page).split())
    assert UNKNOWN not in text
    assert "Verantwoordelijke organisatie Gemeente Noordstad" in text
    assert '<a href="../organisaties/gemeente-noordstad/">' in page
    assert "Datum van deze verklaring 10 januari 2026" in text
    assert "De status van dit portaal is C: eerste maatregelen genomen." in text
    assert '<a href="mailto:info@noordstad.example.nl">' in page
    assert '<a href="tel:140123">14 0123</a>' in page
    # a value from the data is text, never markup
    assert "&lt;Cijfers&gt;" in page and "<Cijfers>" not in page
    privacy = render_privacy_page(site)
    assert UNKNOWN not in privacy and '<a href="mailto:info@noordstad.example.nl">' in privacy


def test_none_known_is_said_apart_from_not_filled_in(mini_data: Path) -> None:
    block = FILLED_IN.split("    known_issues:")[0] + "    known_issues: []\n"
    dataset = checked(with_statement(mini_data, block))
    text = visible_text(render_accessibility_page(make_site(dataset, resources.PAGE_TEMPLATES)))
    assert "Er zijn geen onderdelen bekend die nog niet toegankelijk zijn." in text
    assert UNKNOWN not in text


@pytest.mark.parametrize(
    ("block", "missing"),
    [
        ("  accessibility: {status: B}\n", ["organisation", "contact", "date", "known_issues"]),
        (
            "  accessibility: {status: B, date: 2026-01-10, contact: {}}\n",
            ["organisation", "contact", "known_issues"],
        ),
    ],
    ids=["status only", "empty contact"],
)
def test_the_warning_names_exactly_what_is_left_out(
    mini_data: Path, block: str, missing: list[str]
) -> None:
    _, problems = checked_with_warnings(with_statement(mini_data, block))
    [warning] = statement_warnings(problems)
    assert re.findall(rf"\(({'|'.join(STATEMENT_FIELDS)})\b", warning.message) == missing
    assert warning.format().startswith(f"{mini_data / 'region.yaml'}:")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("email: j.jansen@noordstad.example.nl", "persoonlijk e-mailadres"),
        ('phone: "06-12345678"', "mobiel"),
    ],
    ids=["personal e-mail", "mobile number"],
)
def test_the_contact_is_an_organisations_never_a_persons(
    mini_data: Path, line: str, message: str
) -> None:
    block = f"  accessibility:\n    contact:\n      {line}\n"
    dataset, problems = check_data(with_statement(mini_data, block))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert dataset is None and errors
    assert all(p.field.startswith("region.accessibility.contact") for p in errors), errors
    assert any(message in p.message for p in errors), errors


def test_the_responsible_organisation_must_exist(mini_data: Path) -> None:
    block = "  accessibility: {organisation: gemeente-noordsatd}\n"
    dataset, problems = check_data(with_statement(mini_data, block))
    assert dataset is None
    [error] = [p for p in problems if p.severity is Severity.ERROR]
    assert error.field == "region.accessibility.organisation"
    assert error.hint == "bedoelde u 'gemeente-noordstad'?"


# --- the evidence: the portal's own tests, declared once --------------------------------------


def test_the_statement_lists_the_evidence_from_its_declaration(mini_data: Path) -> None:
    site = make_site(checked(mini_data), resources.PAGE_TEMPLATES)
    text = " ".join(visible_text(render_accessibility_page(site)).split())
    for tested in TESTED_PAGES:
        assert tested.name in text, tested
    for test in (*STATE_TESTS, *KEYBOARD_TESTS, *OTHER_ENGINE_TESTS):
        assert test.what in text, test
    assert STANDARD in text and f"{NARROW_WIDTH} px" in text
    for code, (name, meaning) in STATUS_MEANINGS.items():
        assert f"{code.value}: {name}: {meaning}." in text


def test_the_browser_tests_take_their_page_types_rules_and_width_from_the_declaration() -> None:
    from tests.browser import conftest as browser_conftest
    from tests.browser import test_accessibility, test_narrow

    assert list(test_accessibility.EXAMPLES) == [tested.key for tested in TESTED_PAGES]
    assert list(test_accessibility.PAGES) == [tested.key for tested in TESTED_PAGES]
    assert test_narrow.WIDTH == NARROW_WIDTH
    assert "AXE_TAGS" in Path(browser_conftest.__file__).read_text(encoding="utf-8")
    assert set(AXE_TAGS) == {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}  # WCAG 2.1 A and AA
    assert "WCAG 2.1" in STANDARD and "A en AA" in STANDARD


def test_every_declared_test_exists() -> None:
    for test in (*STATE_TESTS, *KEYBOARD_TESTS, *OTHER_ENGINE_TESTS):
        file, _, name = test.test.partition("::")
        tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
        if name:
            functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
            assert name in functions, test.test


def test_the_test_set_up_runs_the_declared_tests_on_the_other_engines() -> None:
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    loop = script.split("for engine in", 1)[1].split("done", 1)[0]
    command = shlex.split(loop.replace("\\\n", " ").split("\n", 1)[1])
    run = [word for word in command if word.startswith("tests/")]
    assert run == [test.test for test in OTHER_ENGINE_TESTS]


# --- what stays in the browser, declared once ---------------------------------------------------


def test_the_scripts_use_the_declared_storage_keys() -> None:
    js = ROOT / "theme" / "assets" / "js"
    selfscan = (js / "selfscan.js").read_text(encoding="utf-8")
    assert "this.key = `" + storage.SELFSCAN.replace("{regio}", "${rules.region}") + "`" in selfscan
    for pattern in (storage.SELFSCAN_VERSIONS, storage.SELFSCAN_STEP, storage.SELFSCAN_OLD_BACKUP):
        assert "`${this.key}" + pattern.removeprefix(storage.SELFSCAN) + "`" in selfscan, pattern
    checklists = (js / "checklists.js").read_text(encoding="utf-8")
    suffix = storage.CHECKLIST_CLEARED.removeprefix(storage.CHECKLIST)
    assert "return `${key}" + suffix + "`;" in checklists
    # the scripts store only through storage.js (localStorage), never a cookie
    for script in js.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert "sessionStorage" not in text and "document.cookie" not in text, script
        if script.name != "storage.js":
            assert ".setItem(" not in text and "globalThis.localStorage" not in text, script


def test_the_pages_store_under_the_declared_keys(mini_data: Path) -> None:
    dataset = checked(mini_data)
    pages = render_pages(dataset, resources.PAGE_TEMPLATES)
    checklist = next(iter(dataset.checklists.values()))
    page = str(pages[page_file(Page.CHECKLIST, checklist.id)])
    key = storage.storage_key(storage.CHECKLIST, id=checklist.id)
    assert f'data-rk-storage="{key}"' in page and f'data-rk-clear="{key}"' in page
    privacy = visible_text(str(pages[page_file(Page.PRIVACY)]))
    for item in storage.STORED_ITEMS:
        shown = item.pattern.replace("{regio}", dataset.region.name).replace("{id}", "…")
        assert shown in privacy and item.holds in privacy and item.removed_by in privacy


def test_the_privacy_statement_names_the_regions_own_scan_key(flevoland: Dataset) -> None:
    text = visible_text(render_privacy_page(make_site(flevoland, resources.PAGE_TEMPLATES)))
    assert "regiokaart:zelfscan:Flevoland:versies" in text
    for claim in ("Geen cookies.", "Geen statistieken", "Geen verzoeken aan andere partijen"):
        assert claim in text


# --- in every region, from the footer of every page ---------------------------------------------


def test_flevoland_gets_both_pages_and_says_what_its_sources_do_not(flevoland: Dataset) -> None:
    pages = render_pages(flevoland, resources.PAGE_TEMPLATES)
    statement = visible_text(str(pages[page_file(Page.ACCESSIBILITY)]))
    assert "Kennisportaal Flevoland" in statement
    # data/region.yaml leaves the statement out: its sources name none of it
    assert flevoland.region.accessibility.missing_fields() == list(STATEMENT_FIELDS)
    assert UNKNOWN in statement
    assert "Privacyverklaring" in str(pages[page_file(Page.PRIVACY)])


def test_the_statements_are_in_the_footer_not_in_the_navigation(mini_data: Path) -> None:
    pages = render_pages(checked(mini_data), resources.PAGE_TEMPLATES)
    nav_files = re.findall(r"'([^']+\.md)'", str(site_nav(set(pages), {})))
    for _, page in FOOTER:
        assert page_file(page) in pages
        assert page_file(page) not in nav_files
    assert [page for _, page in FOOTER] == [Page.ACCESSIBILITY, Page.PRIVACY]


def footer_links(page: str) -> list[str]:
    footer = page.split('<footer class="md-footer">', 1)
    assert len(footer) == 2, "no footer"
    nav = re.search(r'<nav class="rk-footer-links"[^>]*>(.*?)</nav>', footer[1], re.S)
    assert nav, "no statements in the footer"
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav.group(1))


def assert_footer_leads_to_both_statements(site: Path, html_file: Path) -> None:
    links = footer_links(html_file.read_text(encoding="utf-8"))
    assert [title for _, title in links] == [title for title, _ in FOOTER], html_file
    here = html_file.parent
    for (href, _), (_, page) in zip(links, FOOTER, strict=True):
        target = (here / href / "index.html").resolve()
        assert target == (site / page_url(page) / "index.html").resolve(), (html_file, href)
        assert target.is_file()


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_mini_project(tmp_path_factory.mktemp("lawful") / "project")
    assert main(["build", str(project)]) == 0
    return project / "site"


def test_every_page_type_links_both_statements_from_its_footer(mini_site: Path) -> None:
    checked_types = []
    for page, route in ROUTES.items():
        if not is_markdown(route):
            continue
        url = page_url(page, "*") if "{id}" in route else page_url(page)
        built = sorted(mini_site.glob(url)) if url else [mini_site]
        if not built:
            continue  # a page type this small region has none of
        checked_types.append(page)
        assert_footer_leads_to_both_statements(mini_site, built[0] / "index.html")
    # the types every region has, a hand-written page and the page for a wrong address
    assert {Page.HOME, Page.OFFER, Page.ACCESSIBILITY, Page.PRIVACY} <= set(checked_types)
    assert_footer_leads_to_both_statements(mini_site, mini_site / "over" / "index.html")
    links = footer_links((mini_site / "404.html").read_text(encoding="utf-8"))
    assert [title for _, title in links] == [title for title, _ in FOOTER]


def test_the_page_for_a_wrong_address_speaks_dutch_and_leads_home(mini_site: Path) -> None:
    """A wijkteam worker who follows an old link gets a Dutch page with a way on (Material's
    own says "404 - Not found")."""
    page = (mini_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in page
    assert "<h1>Pagina niet gevonden</h1>" in page and "Not found" not in page
    home = re.search(r'<a href="([^"]*)">Naar de startpagina</a>', page)
    assert home is not None and home[1] in {"/", "/."}  # the server's root: 404.html is served
    # for any address, so a relative link would lead nowhere


def test_a_new_region_has_both_statements_linked_from_every_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "utrecht"
    assert main(["new", str(folder), "--regio", "Utrecht", "--gemeenten", "Utrecht,Zeist"]) == 0
    capsys.readouterr()
    assert main(["build", str(folder)]) == 0
    assert "region.accessibility: waarschuwing:" in capsys.readouterr().err
    site = folder / "site"
    statement = visible_text((site / "toegankelijkheid" / "index.html").read_text("utf-8"))
    assert "Kennisportaal Utrecht" in statement and UNKNOWN in statement
    privacy = visible_text((site / "privacy" / "index.html").read_text("utf-8"))
    assert "regiokaart:zelfscan:Utrecht" in privacy
    pages = [p for p in site.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 100
    for html_file in pages:
        assert_footer_leads_to_both_statements(site, html_file)


def test_the_starters_example_statement_passes_check_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "utrecht"
    assert main(["new", str(folder), "--regio", "Utrecht", "--gemeenten", "Utrecht,Zeist"]) == 0
    region = folder / "data" / "region.yaml"
    text = region.read_text(encoding="utf-8")
    assert "#accessibility:" in text
    uncommented = re.sub(r"(?m)^  #(accessibility:|  )", r"  \1", text)
    region.write_text(uncommented, encoding="utf-8")
    dataset, problems = check_data(folder / "data")
    assert dataset is not None, [p.format() for p in problems]
    assert statement_warnings(problems) == []
    assert dataset.region.accessibility.organisation == "gemeente-utrecht"


def test_the_footer_partial_draws_the_declared_links_only() -> None:
    footer = (ROOT / "theme" / "partials" / "footer.html").read_text(encoding="utf-8")
    assert "config.extra.rk_footer" in footer
    for title, page in FOOTER:  # no title or path written in the theme: the route table's only
        assert title not in footer and page_url(page) not in footer
