"""What the portal keeps in a visitor's browser (localStorage), declared once: the pages that store
take their keys from here, and the privacy statement lists them from here.

The checklists get their key from the page (data-rk-storage); the scripts add a suffix to it
(theme/assets/js/checklists.js) or build the self-scan's keys from the region's name
(theme/assets/js/selfscan.js), which tests/test_lawful_pages.py holds to these patterns."""

from dataclasses import dataclass


@dataclass(frozen=True)
class StoredItem:
    """One kind of key in localStorage: its pattern ({regio}: the region's name, {id}: a record's
    id), what it holds and how a visitor removes it, as the privacy statement says them."""

    pattern: str
    holds: str
    removed_by: str


SELFSCAN = "regiokaart:zelfscan:{regio}"
SELFSCAN_VERSIONS = SELFSCAN + ":versies"
SELFSCAN_STEP = SELFSCAN + ":stap"
SELFSCAN_OLD_BACKUP = SELFSCAN + ":vorige"
CHECKLIST = "regiokaart:checklist:{id}"
CHECKLIST_CLEARED = CHECKLIST + ":gewist"  # theme/assets/js/checklists.js clearedKey
MODULE_CONDITIONS = "regiokaart:voorwaarden:{id}"

_SCAN_WIPE = "de knop “Wis mijn antwoorden…” op de pagina Zelfscan"
STORED_ITEMS = (
    StoredItem(
        SELFSCAN,
        "de antwoorden en aantekeningen van de zelfscan, met de gemeente en de datum",
        _SCAN_WIPE,
    ),
    StoredItem(
        SELFSCAN_VERSIONS,
        "eerdere versies van de zelfscan (om een wissen of terugzetten ongedaan te maken)",
        _SCAN_WIPE,
    ),
    StoredItem(SELFSCAN_STEP, "bij welke stap van de zelfscan u was", _SCAN_WIPE),
    StoredItem(
        SELFSCAN_OLD_BACKUP,
        "een reservekopie van de zelfscan uit een eerdere versie van het portaal; wordt bij het "
        "openen van de zelfscan overgezet naar de eerdere versies en dan verwijderd",
        "het openen van de pagina Zelfscan",
    ),
    StoredItem(
        CHECKLIST,
        "welke punten van een checklist u hebt afgevinkt",
        "de knop “Wis mijn vinkjes…” op de pagina van die checklist",
    ),
    StoredItem(
        CHECKLIST_CLEARED,
        "de vinkjes van een checklist die u hebt gewist (om ze terug te kunnen zetten)",
        "de knop “Zet mijn vinkjes terug” op de pagina van die checklist",
    ),
    StoredItem(
        MODULE_CONDITIONS,
        "welke voorwaarden voor hergebruik van een module u hebt afgevinkt",
        "de vinkjes op de pagina van die module weer uit te zetten",
    ),
)


def storage_key(pattern: str, **values: str) -> str:
    """The key of pattern for these values, e.g. storage_key(CHECKLIST, id="gender")."""
    return pattern.format(**values)
