"""The coordinator's maintenance report: what to update first, as plain rows (also for the workbook).

The region's own records come first: those the coordinator can change in data/. The national
layer's records follow, marked with where to report them (NATIONAL_LAYER)."""

import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from regiokaart.checks.freshness import STALE_AFTER_WORDS, is_stale
from regiokaart.checks.link_check import external_urls
from regiokaart.csv_cells import neutralise_cell, render_csv
from regiokaart.dataset import Dataset
from regiokaart.dataset.contact import contact_route
from regiokaart.dataset.relations import offer_providers
from regiokaart.models.vocabulary import Effectiveness

# Columns of a report row, in the order the report and a workbook sheet show them.
COLUMNS = ("laag", "prioriteit", "soort", "id", "naam", "probleem", "peildatum")

# The value of "laag": the region's own record, or one of the national layer and who changes it.
OWN_LAYER = "regio"
NATIONAL_LAYER = "landelijk: melden bij de beheerders van regiokaart"
NATIONAL_ADVICE = (
    "Deze gegevens komen uit de landelijke laag die met regiokaart meekomt; de regio wijzigt ze "
    "niet in data/. Meld wat niet klopt bij de beheerders van regiokaart, of zet een eigen versie "
    "met hetzelfde id in data/ (bij aanbod volstaat vaak een local_notes-regel met de aanbieders "
    "in de regio)."
)

# What matters most comes first: a family that cannot reach an offer, then missing facts, then age.
PRIORITY = {
    "geen contactroute": 1,
    "website antwoordt niet": 2,
    "alleen de algemene route van de regio": 3,
    "geen aanbieder": 4,
    "effectiviteit onbekend": 5,
    "peildatum verouderd": 6,
}


def maintenance_rows(
    dataset: Dataset, today: date, dead_links: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """One row per thing to update: the region's own records first, then the national layer's;
    within each by priority, then peildatum (oldest first), then name. Plain values only, so a
    workbook sheet can take them as they are. dead_links (web address -> why it does not answer;
    see regiokaart.checks.link_check) adds a row for each record that gives one."""
    rows = []
    files = {"aanbod": "offers", "organisatie": "organisations"}

    def add(kind: str, record: Any, problem: str) -> None:
        national = record.id in dataset.national.get(files[kind], frozenset())
        rows.append(
            {
                "laag": NATIONAL_LAYER if national else OWN_LAYER,
                "prioriteit": PRIORITY[problem.split(" (")[0]],
                "soort": kind,
                "id": record.id,
                "naam": record.name,
                "probleem": problem,
                "peildatum": record.peildatum.isoformat(),
            }
        )

    for offer in dataset.offers.values():
        route = contact_route(offer, dataset)
        if route is None:
            add("aanbod", offer, "geen contactroute")
        elif route.general:
            add("aanbod", offer, "alleen de algemene route van de regio")
        if not offer_providers(dataset, offer):
            add("aanbod", offer, "geen aanbieder")
        if offer.effectiveness is Effectiveness.ONBEKEND:
            add("aanbod", offer, "effectiviteit onbekend")
    records_of: dict[str, Mapping[str, Any]] = {
        "aanbod": dataset.offers,
        "organisatie": dataset.organisations,
    }
    for url, reason in (dead_links or {}).items():
        for kind, record_id in external_urls(dataset).get(url, []):
            add(kind, records_of[kind][record_id], f"website antwoordt niet ({url}: {reason})")
    for kind, records in (("aanbod", dataset.offers), ("organisatie", dataset.organisations)):
        for record in records.values():
            if is_stale(record.peildatum, today):
                add(kind, record, f"peildatum verouderd (ouder dan {STALE_AFTER_WORDS})")
    return sorted(
        rows,
        key=lambda r: (r["laag"] != OWN_LAYER, r["prioriteit"], r["peildatum"], r["naam"].lower()),
    )


def is_own(row: dict[str, Any]) -> bool:
    """Whether a report row is about the region's own record (not the national layer's)."""
    return bool(row["laag"] == OWN_LAYER)


def render_maintenance_csv(rows: list[dict[str, Any]]) -> str:
    """The report for a spreadsheet (regiokaart.csv_cells: no cell runs as a formula)."""
    return render_csv([COLUMNS, *([row[c] for c in COLUMNS] for row in rows)])


def render_maintenance_workbook(rows: list[dict[str, Any]]) -> bytes:
    """The report as a workbook of one sheet "Onderhoud", with a frozen header row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Onderhoud"
    sheet.append([column.capitalize() for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [neutralise_cell(str(row[c])) if c != "prioriteit" else row[c] for c in COLUMNS]
        )
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFG", (30, 11, 12, 40, 50, 50, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render_maintenance_report(
    rows: list[dict[str, Any]], suffix: str, region_name: str, today: date
) -> str | bytes:
    """The report in the format its file name asks for: .csv, .xlsx, or else Markdown."""
    if suffix.lower() == ".csv":
        return render_maintenance_csv(rows)
    if suffix.lower() == ".xlsx":
        return render_maintenance_workbook(rows)
    return render_maintenance_markdown(rows, region_name, today)


def render_maintenance_markdown(rows: list[dict[str, Any]], region_name: str, today: date) -> str:
    own = [row for row in rows if is_own(row)]
    national = [row for row in rows if not is_own(row)]
    lines = [
        f"# Onderhoudsrapport regio {region_name}",
        "",
        f"Stand van {today.isoformat()}: {len(rows)} punt(en): {len(own)} in de eigen gegevens "
        f"van de regio, {len(national)} in de landelijke laag; het belangrijkste eerst.",
        "",
        "## Eigen gegevens van de regio",
        "",
        *_markdown_table(own, "Niets bij te werken in de eigen gegevens."),
        "",
        "## Landelijke laag: melden bij de beheerders van regiokaart",
        "",
        NATIONAL_ADVICE,
        "",
        *_markdown_table(national, "Niets te melden over de landelijke laag."),
    ]
    return "\n".join(lines) + "\n"


def _markdown_table(rows: list[dict[str, Any]], empty: str) -> list[str]:
    if not rows:
        return [empty]
    lines = ["| Prioriteit | Soort | Naam | Probleem | Peildatum |", "|---|---|---|---|---|"]
    for row in rows:
        name = str(row["naam"]).replace("|", "\\|")
        lines.append(
            f"| {row['prioriteit']} | {row['soort']} | {name} ({row['id']}) | "
            f"{row['probleem']} | {row['peildatum']} |"
        )
    return lines
