"""The columns of the coordinators' spreadsheet, derived from the models: one place that says which
sheet holds which kind, and how a value becomes a cell and a cell a value again. Export (write.py)
and import (read.py) both ask this module; what each column is called in Dutch and what it means is
declared with the field (models/fields.py).

A field of a model is a column; a nested model (source, area) is flattened into a column per field
of its own. A field models/fields.py does not declare still gets a column, headed by its field
name, so a new optional field of a model travels through the spreadsheet before it has a label.
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
from regiokaart.models.common import Phone, restored_phone
from regiokaart.models.fields import sheet_columns
from regiokaart.models.offer import FactSource, Offer
from regiokaart.models.organisation import Organisation
from regiokaart.models.vocabulary import label

LIST_SEPARATOR = " | "  # between the values of a list in one cell; no value in the data holds "|"
YES, NO = "ja", "nee"
EXPLANATION_SHEET = "Uitleg"
CHOICES_SHEET = "Keuzelijsten"  # hidden; the allowed values behind the dropdowns
# The first sheet of a provider's workbook (formats/workbook/providers.py): a letter, not read. A
# workbook with it holds some of the region's records: import keeps the records it leaves out.
LETTER_SHEET = "Graag controleren"

# Headers of columns an earlier version exported, with what replaced them. (A header that was
# only renamed is read as before: models/fields.py keeps it as the column's old header.)
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

# Every declared column of the sheets: field path -> (Dutch header, what the column means).
COLUMNS: dict[str, tuple[str, str]] = {
    path: (header, meaning)
    for kind in SHEETS
    for path, (header, meaning, _) in sheet_columns(kind.model).items()
}


@dataclass(frozen=True)
class Column:
    """One column: the field (or nested field) it holds and what kind of value that is."""

    path: tuple[str, ...]
    header: str
    meaning: str
    required: bool
    value: str  # "text", "phone", "int", "bool", "date", "enum" or "passage" (a FactSource)
    is_list: bool
    choices: tuple[str, ...]  # allowed values of an enum column
    old_headers: tuple[str, ...] = ()  # what earlier versions headed it; still read

    @property
    def key(self) -> str:
        return ".".join(self.path)

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header import reads as this column: its own, then the old ones."""
        return (self.header, *self.old_headers)

    @property
    def long(self) -> bool:
        return self.path[-1] in LONG_TEXT_FIELDS


Declared = dict[str, tuple[str, str, tuple[str, ...]]]  # path -> (header, help, old headers)


def columns(model: type[BaseModel]) -> list[Column]:
    """The columns of a model's sheet, in the order of its fields; a record inside a record (the
    source, the databank entry and its source) gives a column per field of its own."""
    return _columns(model, sheet_columns(model), (), True)


def _columns(
    model: type[BaseModel], declared: Declared, prefix: tuple[str, ...], required: bool
) -> list[Column]:
    found: list[Column] = []
    for name, info in model.model_fields.items():
        annotation = _without_none(info.annotation)
        needed = required and info.is_required()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found += _columns(annotation, declared, (*prefix, name), needed)
        else:
            found.append(_column((*prefix, name), info.annotation, needed, declared))
    return found


def _column(path: tuple[str, ...], annotation: Any, required: bool, declared: Declared) -> Column:
    phone = annotation == Phone or Phone in typing.get_args(annotation)
    annotation = _without_none(annotation)
    is_list = typing.get_origin(annotation) is list
    if is_list:
        annotation = _without_none(typing.get_args(annotation)[0])
    value, choices = ("phone", ()) if phone else _value_kind(annotation)
    key = ".".join(path)
    header, meaning, old_headers = declared.get(key, (key, "", ()))
    return Column(path, header, meaning, required, value, is_list, choices, old_headers)


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
    if column.value == "phone":
        return restored_phone(_text(cell)) or _text(cell)
    if column.value == "enum":  # onbekend for Onbekend, as ja/nee is read in any case
        text = _text(cell).strip()
        return next((c for c in column.choices if c.casefold() == text.casefold()), text)
    return _text(cell)


def restored_in(column: Column, cell: Any) -> str | None:
    """What a phone cell held before the spreadsheet dropped its leading 0 (or +), or None: a
    phone number typed into a General cell is stored as a number without it. from_cell reads the
    cell as restored; the import says so."""
    if column.value != "phone" or cell is None or isinstance(cell, bool):
        return None
    return restored_phone(_text(cell))


def _text(cell: Any) -> str:
    """A cell as text, with the apostrophe that export put before a formula-like text taken off;
    a logical cell as a spreadsheet shows it (WAAR, ONWAAR)."""
    if isinstance(cell, bool):
        return "WAAR" if cell else "ONWAAR"
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime | date):
        cell = cell.isoformat()[:10]
    text = str(cell)
    if text.startswith("'") and (text[1:].startswith(FORMULA_STARTS) or text[1:2] == "'"):
        return text[1:]
    return text
