"""`regiokaart export controle`: per provider a workbook "graag controleren", to send to the
organisation that provides offers in the region and read back with `regiokaart import`.

Each workbook is the export workbook (write.py) holding one provider's own offers and its
organisation row, with the fields the source leaves empty marked (a fill and a note), and a first
sheet addressed to the provider (LETTER_SHEET): what to check, what the marks mean, how to send it
back. Import reads that sheet as a sign that the workbook holds only some records, so what it
leaves out is kept.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from regiokaart.formats.workbook.columns import (
    LETTER_SHEET,
    SHEETS,
    SheetKind,
    columns,
    text_cell,
    value_at,
)
from regiokaart.formats.workbook.write import own_records, render_workbook
from regiokaart.models.offer import Offer
from regiokaart.models.organisation import Organisation
from regiokaart.output_folder import ExportKind, write_export_folder
from regiokaart.problems import Problem

CONTROL_FOLDER = ExportKind(
    ".regiokaart-controle",
    "Gemaakt door regiokaart: werkboeken 'graag controleren' per aanbieder.\n",
    earlier="eerdere export van werkboeken per aanbieder",
    option="MAP",
)

# The fields a provider can fill in from what it knows itself, per sheet: an empty one is marked.
# Not the rules and references of the sources (contra-indications, databank, kader, bron).
ASKED: dict[str, tuple[str, ...]] = {
    "Aanbod": (
        "description",
        "goal",
        "roles",
        "ages",
        "lvb",
        "target_group_description",
        "formats",
        "purpose",
        "low_threshold",
        "access",
        "cost",
        "duration",
        "approach",
        "website",
    ),
    "Organisaties": ("description", "website", "email", "phone"),
}
EMPTY_NOTE = "graag invullen: de bron vermeldt dit niet"
EMPTY_FILL = PatternFill(fill_type="solid", fgColor="FFE699")  # light orange, as a highlighter
NOTE_AUTHOR = "regiokaart"


@dataclass
class ControlOutcome:
    problems: list[Problem] = field(default_factory=list)
    workbooks: dict[str, int] = field(default_factory=dict)  # file name -> offers in it
    # own offers without a provider of the region: in no workbook (the maintenance report names them)
    unsent: list[str] = field(default_factory=list)
    written: bool = False


@dataclass(frozen=True)
class ProviderRecords:
    """What one provider's workbook holds: its organisation and the region's offers it provides."""

    organisation: Organisation
    offers: list[Offer]


def provider_records(
    organisations: Sequence[Organisation], offers: Sequence[Offer]
) -> list[ProviderRecords]:
    """Each of the region's own organisations that provides one of its own offers, with those
    offers (in the order of offers.yaml); organisations in their file's order."""
    found = []
    for organisation in organisations:
        provided = [offer for offer in offers if organisation.id in offer.providers]
        if provided:
            found.append(ProviderRecords(organisation, provided))
    return found


def empty_fields(record: BaseModel, kind: SheetKind) -> list[str]:
    """The headers of the asked columns (ASKED) that the record leaves empty."""
    asked = ASKED[kind.sheet]
    return [
        column.header
        for column in columns(kind.model)
        if column.key in asked and _is_empty(value_at(record, column.path))
    ]


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def render_provider_workbook(provider: ProviderRecords, region_name: str) -> bytes:
    """The provider's workbook: the letter, its offers and organisation row with the empty asked
    fields marked, and the explanation and choice lists of every export workbook."""
    records: dict[str, list[BaseModel]] = {
        "Aanbod": list(provider.offers),
        "Organisaties": [provider.organisation],
    }
    book = load_workbook(io.BytesIO(render_workbook(records)))
    missing: list[tuple[str, str, list[str]]] = []  # sheet, record name, empty headers
    for kind in SHEETS:
        sheet = book[kind.sheet]
        for row, record in enumerate(records[kind.sheet], start=2):
            empty = empty_fields(record, kind)
            _mark(sheet, row, empty)
            if empty:
                missing.append((kind.sheet, str(getattr(record, "name", "")), empty))
    letter = book.create_sheet(LETTER_SHEET, 0)
    _write_letter(letter, provider, region_name, missing)
    book.active = 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == LETTER_SHEET
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _mark(sheet: Worksheet, row: int, headers: list[str]) -> None:
    at = {str(cell.value): cell.column for cell in sheet[1]}
    for header in headers:
        cell = sheet.cell(row=row, column=at[header])
        cell.fill = EMPTY_FILL
        cell.comment = Comment(EMPTY_NOTE, NOTE_AUTHOR, width=220, height=60)


def letter_lines(
    provider: ProviderRecords, region_name: str, missing: list[tuple[str, str, list[str]]]
) -> list[str]:
    """The text of the letter sheet, a paragraph per line."""
    name = provider.organisation.name
    count = len(provider.offers)
    return [
        f"Graag controleren: de gegevens van {name} in de sociale kaart van regio {region_name}",
        f"Aan {name},",
        f"Regio {region_name} publiceert een kennisportaal over de aanpak van huiselijk geweld en "
        "kindermishandeling, met een sociale kaart voor wijkteams en andere professionals. Daarin "
        f"staat uw organisatie, met het aanbod dat u biedt ({count} op blad Aanbod). Wilt u "
        "controleren of wat er staat klopt, en "
        "aanvullen wat ontbreekt? Dan kunnen professionals en gezinnen uw aanbod vinden en u "
        "bereiken.",
        "Blad Aanbod: het aanbod van uw organisatie, één rij per aanbod. Blad Organisaties: de "
        "gegevens van uw organisatie zelf (website, telefoon, e-mail).",
        f"Gekleurde cellen met een opmerking ('{EMPTY_NOTE}') zijn leeg omdat onze bron het niet "
        "vermeldt. Vul in wat u weet; laat leeg wat niet van toepassing is. Wat niet klopt, "
        "verbetert u in de cel zelf.",
        "Laat de kolom Id staan zoals hij is, en verwijder geen rijen of bladen: een aanbod dat u "
        "niet meer biedt, noemt u in uw antwoord. Blad Uitleg zegt per kolom wat erin hoort en "
        "welke waarden mogen; bij vaste waarden kiest u uit een lijst in de cel. Een lijst van "
        "waarden staat in één cel, gescheiden door '|'.",
        "Alleen contactgegevens van de organisatie of van een functie (een algemeen nummer, "
        "info@…), geen mobiele nummers of persoonlijke e-mailadressen: die worden niet "
        "gepubliceerd.",
        "Terugsturen: bewaar het bestand als Excel-werkboek (.xlsx; in LibreOffice: Opslaan als, "
        "Excel 2007-365) en stuur het terug aan wie het u stuurde, de coördinator van de sociale "
        f"kaart van regio {region_name}. Die leest het in en controleert het voordat iets op het "
        "portaal komt.",
        "Graag in te vullen:" if missing else "Er ontbreekt niets; graag alleen controleren.",
        *(f"{sheet}, {record}: {', '.join(headers)}" for sheet, record, headers in missing),
    ]


def _write_letter(
    sheet: Worksheet,
    provider: ProviderRecords,
    region_name: str,
    missing: list[tuple[str, str, list[str]]],
) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, line in enumerate(letter_lines(provider, region_name, missing), start=1):
        cell = sheet.cell(row=row, column=1, value=text_cell(line))
        cell.alignment = wrap
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110


def export_provider_workbooks(data_dir: Path, out: Path) -> ControlOutcome:
    """Write a workbook per provider of the region (`<organisation id>.xlsx`) into out: a new or
    empty folder, or an earlier export of these workbooks."""
    read = own_records(data_dir)
    if read.problems:
        return ControlOutcome(read.problems)
    own: dict[str, list[Any]] = dict(read.records)
    region_name = read.region_name
    providers = provider_records(own["Organisaties"], own["Aanbod"])
    if not providers:
        message = (
            "geen organisatie van de regio is aanbieder van eigen aanbod; er is niets geschreven"
        )
        return ControlOutcome([Problem(str(data_dir / "offers.yaml"), 1, 1, "providers", message)])
    files = {
        f"{p.organisation.id}.xlsx": render_provider_workbook(p, region_name) for p in providers
    }
    problems = write_export_folder(out, files, CONTROL_FOLDER)
    if problems:
        return ControlOutcome(problems)
    counts = {f"{p.organisation.id}.xlsx": len(p.offers) for p in providers}
    sent = {offer.id for p in providers for offer in p.offers}
    unsent = [offer.id for offer in own["Aanbod"] if offer.id not in sent]
    return ControlOutcome(workbooks=counts, unsent=unsent, written=True)
