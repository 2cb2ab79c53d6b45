"""What regiokaart's own accessibility tests cover, declared once: the browser tests take their page
types, rules and width from here (tests/browser/test_accessibility.py, test_narrow.py, conftest.py
run_axe), and the toegankelijkheidsverklaring lists the same as its evidence (site/pages/lawful.py).
tests/test_lawful_pages.py fails when a declared test is gone or the test set-up runs other tests on
the other engines than declared here."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TestedPage:
    """A page type that axe-core checks: key, the test's id (with an example page of the shipped
    portal in tests/browser/test_accessibility.py EXAMPLES); name, as the statement says it."""

    key: str
    name: str


# One page of each type is opened in the shipped portal and checked by axe-core, and at 320 px.
TESTED_PAGES = (
    TestedPage("home", "de startpagina"),
    TestedPage("social map", "de sociale kaart"),
    TestedPage("offer", "de pagina van een aanbod"),
    TestedPage(
        "offer with contra-indication",
        "de pagina van een aanbod dat bij een gezinsprofiel niet past",
    ),
    TestedPage("organisation", "de pagina van een organisatie"),
    TestedPage("organisations", "het overzicht van de organisaties"),
    TestedPage("bouwsteen", "de pagina van een bouwsteen"),
    TestedPage("quality standard", "de pagina van een kwaliteitsstandaard"),
    TestedPage("standards overview", "het overzicht van de kwaliteitsstandaarden"),
    TestedPage("module", "de pagina van een module"),
    TestedPage("modules", "het overzicht van de modules"),
    TestedPage("checklist", "de pagina van een checklist"),
    TestedPage("checklists", "het overzicht van de checklists"),
    TestedPage("glossary", "de begrippen"),
    TestedPage("success factors", "de succesfactoren"),
    TestedPage("phases", "gefaseerd samenwerken"),
    TestedPage("profiles", "de gezinsprofielen"),
    TestedPage("figures", "de cijfers"),
    TestedPage("partners", "initiatieven en partners"),
    TestedPage("search", "de zoekresultaten"),
    TestedPage("about (hand-written)", "een pagina die de regio zelf schrijft (Over dit portaal)"),
    TestedPage("open data", "open data"),
    TestedPage("maintenance (not in the nav)", "het onderhoudsoverzicht"),
    TestedPage("coverage (not in the nav)", "het overzicht van de dekking van het aanbod"),
    TestedPage("accessibility statement (in the footer)", "deze toegankelijkheidsverklaring"),
    TestedPage("privacy statement (in the footer)", "de privacyverklaring"),
)

# axe-core's rules for WCAG 2.0 and 2.1, levels A and AA: the rules run_axe asks for.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
STANDARD = "WCAG 2.1, niveau A en AA"

# The width at which no page may scroll sideways (WCAG 2.1 success criterion 1.4.10, Reflow).
NARROW_WIDTH = 320


@dataclass(frozen=True)
class BrowserTest:
    """One browser test beyond the page types: test, its node id (tests/browser/...);
    what, what it shows, as the statement says it."""

    test: str
    what: str


# States of pages that axe-core also checks, beyond one page of each type.
STATE_TESTS = (
    BrowserTest(
        "tests/browser/test_accessibility.py::"
        "test_filtered_social_map_with_contraindication_has_no_axe_violations",
        "de sociale kaart met filters, ook met aanbod dat niet bij het gekozen gezinsprofiel past",
    ),
    BrowserTest(
        "tests/browser/test_accessibility.py::test_print_view_of_module_has_no_axe_violations",
        "de afdrukweergave van een module",
    ),
    BrowserTest(
        "tests/browser/test_selfscan.py::test_scan_states_have_no_axe_violations",
        "de zelfscan in elke stap, met de uitslag en met de vensters om te wissen",
    ),
)

# What is done with the keyboard alone, without a mouse.
KEYBOARD_TESTS = (
    BrowserTest(
        "tests/browser/test_search.py::test_results_page_by_keyboard_only",
        "met alleen het toetsenbord zoeken en een resultaat openen",
    ),
    BrowserTest(
        "tests/browser/test_socialmap.py::test_filters_work_by_keyboard_alone",
        "met alleen het toetsenbord de sociale kaart filteren",
    ),
    BrowserTest(
        "tests/browser/test_selfscan.py::test_whole_scan_by_keyboard_alone_without_any_request",
        "met alleen het toetsenbord de hele zelfscan invullen",
    ),
)

# The engines that build the portal (regiokaart build --engine): the whole browser suite runs on
# the first; OTHER_ENGINE_TESTS run on the others as well (scripts/test.sh).
ENGINES = ("MkDocs", "Zensical", "ProperDocs")
OTHER_ENGINE_TESTS = (
    BrowserTest("tests/browser/test_accessibility.py", "axe-core op elke paginasoort"),
    BrowserTest("tests/browser/test_narrow.py", f"geen zijwaarts scrollen op {NARROW_WIDTH} px"),
    BrowserTest(
        "tests/browser/test_csp.py",
        "elke paginasoort werkt binnen haar Content-Security-Policy",
    ),
    BrowserTest("tests/browser/test_hidden.py", "wat verborgen hoort te zijn, is ook verborgen"),
    *KEYBOARD_TESTS,
    STATE_TESTS[-1],
)
