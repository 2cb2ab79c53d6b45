"""The coordinator's maintenance report: what to update first, as plain rows (also for the workbook)."""

from datetime import date
from typing import Any

from regiokaart.contact import contact_route
from regiokaart.csv_cells import render_csv
from regiokaart.dataset import Dataset
from regiokaart.freshness import STALE_AFTER_WORDS, is_stale
from regiokaart.models.vocabulary import Effectiveness

# Columns of a report row, in the order the report and a workbook sheet show them.
COLUMNS = ("prioriteit", "soort", "id", "naam", "probleem", "peildatum")

# What matters most comes first: a family that cannot reach an offer, then missing facts, then age.
PRIORITY = {
    "geen contactroute": 1,
    "alleen de algemene route van de regio": 2,
    "geen aanbieder": 3,
    "effectiviteit onbekend": 4,
    "peildatum verouderd": 5,
}


def maintenance_rows(dataset: Dataset, today: date) -> list[dict[str, Any]]:
    """One row per thing to update, sorted by priority, then peildatum (oldest first), then name;
    plain values only, so a workbook sheet can take them as they are."""
    rows = []

    def add(kind: str, record: Any, problem: str) -> None:
        rows.append(
            {
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
        if not offer.providers and not dataset.local_notes.get(offer.id):
            add("aanbod", offer, "geen aanbieder")
        if offer.effectiveness is Effectiveness.ONBEKEND:
            add("aanbod", offer, "effectiviteit onbekend")
    for kind, records in (("aanbod", dataset.offers), ("organisatie", dataset.organisations)):
        for record in records.values():
            if is_stale(record.peildatum, today):
                add(kind, record, f"peildatum verouderd (ouder dan {STALE_AFTER_WORDS})")
    return sorted(rows, key=lambda r: (r["prioriteit"], r["peildatum"], r["naam"].lower()))


def render_maintenance_csv(rows: list[dict[str, Any]]) -> str:
    """The report for a spreadsheet (regiokaart.csv_cells: no cell runs as a formula)."""
    return render_csv([COLUMNS, *([row[c] for c in COLUMNS] for row in rows)])


def render_maintenance_markdown(rows: list[dict[str, Any]], region_name: str, today: date) -> str:
    lines = [
        f"# Onderhoudsrapport regio {region_name}",
        "",
        f"Stand van {today.isoformat()}: {len(rows)} punt(en), het belangrijkste eerst.",
        "",
        "| Prioriteit | Soort | Naam | Probleem | Peildatum |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        name = str(row["naam"]).replace("|", "\\|")
        lines.append(
            f"| {row['prioriteit']} | {row['soort']} | {name} ({row['id']}) | "
            f"{row['probleem']} | {row['peildatum']} |"
        )
    return "\n".join(lines) + "\n"
