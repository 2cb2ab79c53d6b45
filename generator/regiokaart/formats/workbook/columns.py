"""The columns of the coordinators' spreadsheet, derived from the models: one place that says which
sheet holds which kind, what each column is called in Dutch, and how a value becomes a cell and a
cell a value again. Export (sheet_export) and import (sheet_import) both ask this module.

A field of a model is a column; a nested model (source, area) is flattened into a column per field
of its own. A field this table does not name still gets a column, headed by its field name, so a
new optional field of a model needs no change here to travel through the spreadsheet.
"""

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel

from regiokaart.checks.contraindications import contraindications
from regiokaart.csv_cells import FORMULA_STARTS, neutralise_cell
from regiokaart.dataset.load import DATA_FILES
from regiokaart.models.offer import FactSource, Offer
from regiokaart.models.organisation import Organisation
from regiokaart.models.vocabulary import label

LIST_SEPARATOR = " | "  # between the values of a list in one cell; no value in the data holds "|"
YES, NO = "ja", "nee"
EXPLANATION_SHEET = "Uitleg"
CHOICES_SHEET = "Keuzelijsten"  # hidden; the allowed values behind the dropdowns

# field path -> (Dutch header, what the column means). A path not here is headed by its field name.
COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("Id", "vaste sleutel van het record: kleine letters, cijfers en koppeltekens"),
    "name": ("Naam", "de naam zoals de bronnen hem schrijven"),
    "short_name": ("Korte naam", "afkorting of roepnaam"),
    "type": ("Soort organisatie", "wat voor organisatie het is"),
    "aliases": ("Andere namen", "andere namen die de bronnen gebruiken"),
    "categories": ("Categorieën", "categorieën van de landelijke inventarisatie"),
    "summary": ("Samenvatting", "korte omschrijving (één of twee zinnen)"),
    "description": ("Beschrijving", "uitgebreide omschrijving"),
    "goal": ("Doel", "wat het aanbod wil bereiken"),
    "roles": ("Voor wie (rol)", "pleger, slachtoffer, kind, ouder, gezin, partners (het stel), …"),
    "ages": ("Leeftijd", "jeugd (tot 18) en/of volwassenen; leeg: de bron zegt het niet"),
    "genders": ("Geslacht", "man en/of vrouw, alleen als het aanbod daarvoor is"),
    "lvb": ("Ook voor lvb", "ook voor mensen met een (licht) verstandelijke beperking"),
    "target_group_description": ("Doelgroep (toelichting)", "de doelgroep in woorden"),
    "age_min": ("Leeftijd vanaf", "minimumleeftijd in jaren"),
    "age_max": ("Leeftijd tot en met", "maximumleeftijd in jaren"),
    "frameworks": ("Kaders", "vrijwillig, bestuurlijk, civiel- of strafrechtelijk"),
    "phases": ("Fasen", "fasen van veiligheid waarin het aanbod past"),
    "family_profiles": ("Gezinsprofielen", "gezinsprofielen waarvoor het aanbod past"),
    "contraindicated_profiles": ("Contra-indicaties", "gezinsprofielen waarvoor het niet past"),
    "contraindication_note": ("Contra-indicatie (reden)", "waarom het daar niet past"),
    "contraindication_source.document": (
        "Contra-indicatie: bron",
        "id van het document dat zegt dat het aanbod daar niet past",
    ),
    "contraindication_source.section": ("Contra-indicatie: hoofdstuk", "waar in dat document"),
    "contraindication_source.page": ("Contra-indicatie: pagina", "paginanummer in dat document"),
    "formats": (
        "Werkvorm",
        "individueel, groep, partners samen, gezin of systeem, mediation, …; leeg: de bron zegt "
        "het niet",
    ),
    "purpose": (
        "Soort aanbod",
        "clienten (hulp voor cliënten) of professionals (voor professionals en netwerken); leeg: "
        "de bron zegt het niet",
    ),
    "system_oriented": ("Systeemgericht", "werkt met het hele systeem rond het gezin"),
    "with_experts_by_experience": ("Met ervaringsdeskundigen", "ervaringsdeskundigen werken mee"),
    "low_threshold": ("Laagdrempelig", "zonder verwijzing of drempel toegankelijk"),
    "fact_sources": (
        "Bron per gegeven",
        "gegevens uit een andere passage dan de bron van het record, als 'velden: document, "
        "hoofdstuk', bijvoorbeeld 'formats, age_min: focus-op-de-pleger, Bijlage 2, §5'",
    ),
    "access": (
        "Toegang",
        "hoe je verwijst of aanmeldt (wie mag verwijzen, hoe), zoals de bron het zegt",
    ),
    "cost": ("Kosten", "wat het kost en wie betaalt"),
    "duration": ("Duur", "hoe lang het aanbod duurt"),
    "effectiveness": ("Effectiviteit", "oordeel over de effectiviteit zoals de bron het geeft"),
    "effectiveness_note": ("Effectiviteit (toelichting)", "toelichting op het oordeel"),
    "providers": ("Aanbieders", "id's van organisaties (blad Organisaties) die het aanbieden"),
    "provider_description": ("Aanbieders (toelichting)", "de aanbieders in woorden"),
    "area.scope": ("Werkgebied", "landelijk, een of meer regio's, of gemeenten van de regio"),
    "area.regions": ("Regio's", "bij werkgebied 'regio': de regio's"),
    "area.municipalities": ("Gemeenten", "bij werkgebied 'gemeenten': de gemeenten"),
    "ghnt_funded": ("GHNT-financiering", "gefinancierd uit Geweld hoort nergens thuis"),
    "meets_requirements": ("Voldoet aan eisen", "eisen aan aanbod (§1.4) waaraan het voldoet"),
    "website": ("Website", "webadres, beginnend met https://"),
    "email": ("E-mail", "functieadres van de organisatie, nooit van een persoon"),
    "phone": ("Telefoon", "algemeen telefoonnummer van de organisatie"),
    "source.document": ("Bron: document", "id van een document uit sources.yaml"),
    "source.section": ("Bron: hoofdstuk", "hoofdstuk of paragraaf in dat document"),
    "source.page": ("Bron: pagina", "paginanummer in dat document"),
    "peildatum": ("Peildatum", "datum waarop de gegevens zijn nagekeken (JJJJ-MM-DD)"),
    "approach": ("Aanpak", "hoe het aanbod werkt, zoals een databank het beschrijft"),
    "working_elements": ("Werkzame elementen", "wat volgens de bron het effect geeft"),
    "required_expertise": ("Deskundigheid of training", "wat uitvoerders moeten kunnen of volgen"),
    "quality_assurance": ("Kwaliteitsbewaking", "hoe de kwaliteit bewaakt wordt"),
    "preconditions": ("Randvoorwaarden", "wat nodig is om het uit te voeren"),
    "databank.name": ("Databank", "de databank die het aanbod beoordeelt"),
    "databank.assessment": ("Databank: oordeel", "het oordeel in de woorden van de databank"),
    "databank.assessed_on": ("Databank: datum", "datum van het oordeel (JJJJ-MM-DD)"),
    "databank.url": ("Databank: webadres", "de pagina van het aanbod in de databank"),
    "databank.source.document": ("Databank: bron", "id van het document dat het oordeel noemt"),
    "databank.source.section": ("Databank: hoofdstuk", "hoofdstuk of paragraaf in dat document"),
    "databank.source.page": ("Databank: pagina", "paginanummer in dat document"),
}

# Headers of columns an earlier version exported, with what replaced them.
LEGACY_HEADERS = {
    "Doelgroepen": "gesplitst in 'Voor wie (rol)' (pleger, slachtoffer, kind, …) en 'Leeftijd' "
    "(jeugd, volwassenen), met 'Geslacht' en 'Ook voor lvb'; exporteer opnieuw met "
    "regiokaart export xlsx",
}

# Columns of long texts: wide, with wrapped text.
LONG_TEXT_FIELDS = frozenset(
    {"summary", "description", "goal", "target_group_description", "contraindication_note"}
    | {"effectiveness_note", "provider_description", "access", "cost"}
    | {"approach", "required_expertise", "quality_assurance", "preconditions"}
)


@dataclass(frozen=True)
class DerivedColumn:
    """A column that shows what the rules derive from a record, after its own columns: written
    on export, skipped on import (editing it changes nothing)."""

    header: str
    meaning: str
    of_record: Callable[[Any], str | None]


def _contraindications_cell(offer: Offer) -> str | None:
    found = contraindications(offer)
    return LIST_SEPARATOR.join(f"{label(c.profile)}: {c.reason}" for c in found) or None


OFFER_DERIVED = (
    DerivedColumn(
        "Niet geschikt bij (afgeleid)",
        "gezinsprofielen waarbij het aanbod niet past, met de reden: uit de werkvorm volgens de "
        "regels van de bronnen en uit de eigen contra-indicaties; alleen lezen, wijzigen doet niets",
        _contraindications_cell,
    ),
)


@dataclass(frozen=True)
class SheetKind:
    """A kind of record with its own sheet: the data file and list it lives in, and its model."""

    sheet: str
    kind: str  # a key of load.DATA_FILES
    key: str  # the list in that file
    model: type[BaseModel]
    csv_names: tuple[str, ...]  # words in a CSV file's name that say it holds this kind
    derived: tuple[DerivedColumn, ...] = ()

    @property
    def file_name(self) -> str:
        return DATA_FILES[self.kind].name


SHEETS = (
    SheetKind("Aanbod", "offers", "offers", Offer, ("aanbod", "offers"), OFFER_DERIVED),
    SheetKind("Organisaties", "organisations", "organisations", Organisation, ("organisat",)),
)


@dataclass(frozen=True)
class Column:
    """One column: the field (or nested field) it holds and what kind of value that is."""

    path: tuple[str, ...]
    header: str
    meaning: str
    required: bool
    value: str  # "text", "int", "bool", "date", "enum" or "passage" (a FactSource)
    is_list: bool
    choices: tuple[str, ...]  # allowed values of an enum column

    @property
    def key(self) -> str:
        return ".".join(self.path)

    @property
    def long(self) -> bool:
        return self.path[-1] in LONG_TEXT_FIELDS


def columns(
    model: type[BaseModel], prefix: tuple[str, ...] = (), required: bool = True
) -> list[Column]:
    """The columns of a model's sheet, in the order of its fields; a record inside a record (the
    source, the databank entry and its source) gives a column per field of its own."""
    found: list[Column] = []
    for name, info in model.model_fields.items():
        annotation = _without_none(info.annotation)
        needed = required and info.is_required()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found += columns(annotation, (*prefix, name), needed)
        else:
            found.append(_column((*prefix, name), info.annotation, needed))
    return found


def _column(path: tuple[str, ...], annotation: Any, required: bool) -> Column:
    annotation = _without_none(annotation)
    is_list = typing.get_origin(annotation) is list
    if is_list:
        annotation = _without_none(typing.get_args(annotation)[0])
    value, choices = _value_kind(annotation)
    key = ".".join(path)
    header, meaning = COLUMNS.get(key, (key, ""))
    return Column(path, header, meaning, required, value, is_list, choices)


def _without_none(annotation: Any) -> Any:
    """X for X | None and for Annotated[X, …]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation


def _value_kind(annotation: Any) -> tuple[str, tuple[str, ...]]:
    if annotation is FactSource:
        return "passage", ()
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return "enum", tuple(str(member.value) for member in annotation)
        if issubclass(annotation, bool):
            return "bool", ()
        if issubclass(annotation, int):
            return "int", ()
        if issubclass(annotation, date):
            return "date", ()
    return "text", ()


# --- values to cells ----------------------------------------------------------------------------


def value_at(record: BaseModel, path: tuple[str, ...]) -> Any:
    current: Any = record
    for part in path:
        current = getattr(current, part, None)
        if current is None:
            return None
    return current


def to_cell(column: Column, value: Any) -> Any:
    """A field's value as a cell holds it: None for not given, lists joined, ja/nee, real dates,
    and text neutralised so that no spreadsheet runs it."""
    if value is None or value == []:
        return None
    if column.is_list:
        return text_cell(LIST_SEPARATOR.join(_plain(item) for item in value))
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int | date):
        return value
    return text_cell(_plain(value))


def _plain(value: Any) -> str:
    if isinstance(value, FactSource):
        return f"{', '.join(value.fields)}: {value.document}, {value.section}"
    return str(value.value) if isinstance(value, Enum) else str(value)


def _passage(text: str) -> dict[str, Any]:
    """'formats, age_min: document, section' as the fields of a FactSource."""
    fields, colon, rest = text.partition(":")
    document, comma, section = rest.partition(",")
    if not (colon and comma and fields.strip() and document.strip() and section.strip()):
        raise CellError(
            f"'{text}' is geen bron per gegeven: verwacht 'velden: document, hoofdstuk'"
        )
    return {
        "fields": [f.strip() for f in fields.split(",") if f.strip()],
        "document": document.strip(),
        "section": section.strip(),
    }


def text_cell(text: str) -> str:
    """text neutralised for a spreadsheet. A text that starts with an apostrophe gets one more, so
    that reading back (which drops one leading apostrophe) gives exactly the text again."""
    return "'" + text if text.startswith("'") else neutralise_cell(text)


# --- cells to values ----------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read as its column's kind of value; the message is Dutch."""


def from_cell(column: Column, cell: Any) -> Any:
    """The value of a cell for its column's field, or None when the cell is empty."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if column.is_list:
        text = _text(cell)
        items = [item.strip() for item in text.split(LIST_SEPARATOR.strip())]
        if column.value == "text":  # already read as text: an apostrophe is not taken off twice
            return [item for item in items if item] or None
        return [_scalar(column, item) for item in items if item] or None
    return _scalar(column, cell)


def _scalar(column: Column, cell: Any) -> Any:
    if column.value == "passage":
        return _passage(_text(cell))
    if column.value == "bool":
        if isinstance(cell, bool):
            return cell
        word = _text(cell).strip().lower()
        if word in (YES, NO):
            return word == YES
        raise CellError(f"'{_text(cell)}' is geen ja of nee")
    if column.value == "int":
        if isinstance(cell, bool):
            raise CellError(f"verwacht een geheel getal, gevonden '{cell}'")
        if isinstance(cell, int):
            return cell
        if isinstance(cell, float) and cell.is_integer():
            return int(cell)
        text = _text(cell).strip()
        if text.lstrip("-").isdigit() and text.isascii():
            return int(text)
        raise CellError(f"verwacht een geheel getal, gevonden '{text}'")
    if column.value == "date":
        if isinstance(cell, datetime):
            if cell.time() != datetime.min.time():
                raise CellError(f"verwacht een datum zonder tijd, gevonden '{cell}'")
            return cell.date()
        if isinstance(cell, date):
            return cell
        text = _text(cell).strip()
        try:
            return date.fromisoformat(text) if len(text) == 10 else date.fromisoformat("x")
        except ValueError:
            raise CellError(f"'{text}' is geen datum: verwacht JJJJ-MM-DD") from None
    return _text(cell).strip() if column.value == "enum" else _text(cell)


def _text(cell: Any) -> str:
    """A cell as text, with the apostrophe that export put before a formula-like text taken off."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime | date):
        cell = cell.isoformat()[:10]
    text = str(cell)
    if text.startswith("'") and (text[1:].startswith(FORMULA_STARTS) or text[1:2] == "'"):
        return text[1:]
    return text
