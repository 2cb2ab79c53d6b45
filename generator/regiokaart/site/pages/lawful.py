"""The pages Dutch law asks of a public site, linked from the footer of every page and not in the
navigation: the toegankelijkheidsverklaring (toegankelijkheid/), in the structure of the model
statement of Logius, from region.yaml and regiokaart's own tests (site/pages/evidence.py); and the
privacyverklaring (privacy/), from what the portal keeps in the browser (site/pages/browser_storage.py).
"""

from typing import Any

from regiokaart.dates import dutch_date
from regiokaart.models.region import AccessibilityStatement, ComplianceStatus
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages import browser_storage, evidence
from regiokaart.site.pages.site import Site, front_matter

# What each nalevingsstatus means (digitoegankelijk.nl, "De status"): the name and what it says.
STATUS_MEANINGS: dict[ComplianceStatus, tuple[str, str]] = {
    ComplianceStatus.A: (
        "voldoet volledig",
        "uit een volledig onderzoek van minder dan 3 jaar oud blijkt dat aan alle eisen wordt "
        "voldaan",
    ),
    ComplianceStatus.B: (
        "voldoet gedeeltelijk",
        "uit een volledig onderzoek van minder dan 3 jaar oud blijkt dat nog niet aan alle eisen "
        "wordt voldaan; voor elke afwijking zijn maatregelen beschreven",
    ),
    ComplianceStatus.C: (
        "eerste maatregelen genomen",
        "er is nog geen volledig onderzoek; een onderzoek is binnen 6 maanden gepland",
    ),
    ComplianceStatus.D: (
        "geen maatregelen genomen",
        "er is geen volledig onderzoek en er is ook geen onderzoek gepland",
    ),
    ComplianceStatus.E: ("voldoet niet", "er is geen toegankelijkheidsverklaring"),
}


def render_accessibility_page(site: Site) -> str:
    """The toegankelijkheidsverklaring (toegankelijkheid/)."""
    statement = site.dataset.region.accessibility
    here = page_url(Page.ACCESSIBILITY)
    context = {
        **_responsible(site, statement, here),
        "date": dutch_date(statement.date) if statement.date else None,
        "status": statement.status,
        "status_name": STATUS_MEANINGS[statement.status][0] if statement.status else None,
        "statuses": [
            {"code": code.value, "name": name, "meaning": meaning}
            for code, (name, meaning) in STATUS_MEANINGS.items()
        ],
        "known_issues": statement.known_issues,
        "standard": evidence.STANDARD,
        "tested_pages": [page.name for page in evidence.TESTED_PAGES],
        "state_tests": [test.what for test in evidence.STATE_TESTS],
        "keyboard_tests": [test.what for test in evidence.KEYBOARD_TESTS],
        "narrow_width": evidence.NARROW_WIDTH,
        "engines": evidence.ENGINES,
        "other_engine_tests": [test.what for test in evidence.OTHER_ENGINE_TESTS],
        "privacy_url": link(here, page_url(Page.PRIVACY)),
    }
    return front_matter(title="Toegankelijkheidsverklaring") + site.render(
        "accessibility.md", **context
    )


def render_privacy_page(site: Site) -> str:
    """The privacyverklaring (privacy/)."""
    statement = site.dataset.region.accessibility
    here = page_url(Page.PRIVACY)
    region = site.dataset.region.name
    stored = [
        {
            "key": item.pattern.replace("{regio}", region).replace("{id}", "…"),
            "holds": item.holds,
            "removed_by": item.removed_by,
        }
        for item in browser_storage.STORED_ITEMS
    ]
    context = {
        **_responsible(site, statement, here),
        "stored": stored,
        "selfscan_url": link(here, page_url(Page.SELFSCAN)),
        "checklists_url": link(here, page_url(Page.CHECKLISTS)),
        "search_url": link(here, page_url(Page.SEARCH)),
        "accessibility_url": link(here, page_url(Page.ACCESSIBILITY)),
    }
    return front_matter(title="Privacyverklaring") + site.render("privacy.md", **context)


def _responsible(site: Site, statement: AccessibilityStatement, here: str) -> dict[str, Any]:
    """The organisation responsible for the portal and its contact, as both statements name them
    (None where region.yaml leaves them out)."""
    organisation = None
    if statement.organisation is not None:
        org = site.dataset.organisations[statement.organisation]
        organisation = {
            "name": org.name,
            "url": link(here, page_url(Page.ORGANISATION, org.id)),
        }
    known = "contact" not in statement.missing_fields()
    return {"organisation": organisation, "contact": statement.contact if known else None}
