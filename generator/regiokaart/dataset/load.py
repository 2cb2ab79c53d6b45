"""Reads the two layers of data into validated models: the national layer that ships with regiokaart
(national/) and a region's own folder (data/). The only module that reads them."""

import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from regiokaart import resources
from regiokaart.models.bouwsteen import BouwstenenFile, RegionalBouwstenenFile
from regiokaart.models.common import ISO_DATE_PATTERN
from regiokaart.models.glossary import GlossaryFile
from regiokaart.models.knowledge import (
    ChecklistsFile,
    RegionalVisionFile,
    SuccessFactorsFile,
    VisionFile,
)
from regiokaart.models.module import PARTNER_TAGS, ModulesFile
from regiokaart.models.offer import OffersFile, RegionalOffersFile
from regiokaart.models.organisation import OrganisationsFile
from regiokaart.models.region import RegionFile
from regiokaart.models.search import SearchFile
from regiokaart.models.selfscan import RegionalSelfscanFile, SelfscanFile
from regiokaart.models.source import SourcesFile
from regiokaart.models.target_migration import (
    AGE_WORDS,
    LEGACY_FIELD,
    MISPLACED_VALUE_HINTS,
    age_or_none,
    legacy_warning,
    migrate_target_groups,
    replacement_text,
)
from regiokaart.models.vocabulary import AgeGroup, Role
from regiokaart.problems import Problem, Severity, close_match, format_path
from regiokaart.source.positions import PathKey, YamlDocument, read_yaml
from regiokaart.source.project import folder_problem, present
from regiokaart.source.reread import changed_records

# An earlier load's model is kept with at most this many records validated anew (see
# validate_document); more is an edit of the file as a whole.
MAX_REVALIDATED = 10

ReadYaml = Callable[[Path, str], tuple[YamlDocument, list[Problem]]]


class Layer(StrEnum):
    NATIONAL = "landelijk"  # the same for every region; ships with regiokaart
    REGIONAL = "regio"  # the region's own folder; adds to the national layer and overrides it


@dataclass(frozen=True)
class DataFile:
    """A data file: its name, and the model it has in each layer (None: not in that layer)."""

    name: str
    national: type[BaseModel] | None
    regional: type[BaseModel] | None
    required_in_region: bool = False

    def model(self, layer: Layer) -> type[BaseModel] | None:
        return self.national if layer is Layer.NATIONAL else self.regional


DATA_FILES: dict[str, DataFile] = {
    "sources": DataFile("sources.yaml", SourcesFile, SourcesFile),
    "region": DataFile("region.yaml", None, RegionFile, required_in_region=True),
    "organisations": DataFile("organisations.yaml", OrganisationsFile, OrganisationsFile),
    "offers": DataFile("offers.yaml", OffersFile, RegionalOffersFile),
    "bouwstenen": DataFile("bouwstenen.yaml", BouwstenenFile, RegionalBouwstenenFile),
    "modules": DataFile("modules.yaml", None, ModulesFile),
    "glossary": DataFile("glossary.yaml", GlossaryFile, GlossaryFile),
    "checklists": DataFile("checklists.yaml", ChecklistsFile, ChecklistsFile),
    "success_factors": DataFile("success_factors.yaml", SuccessFactorsFile, SuccessFactorsFile),
    "vision": DataFile("vision.yaml", VisionFile, RegionalVisionFile),
    "selfscan": DataFile("selfscan.yaml", SelfscanFile, RegionalSelfscanFile),
    "search": DataFile("search.yaml", SearchFile, SearchFile),
}


@dataclass
class LoadedFile:
    """One data file of one layer: its YAML document and, when it is valid, its model."""

    kind: str
    layer: Layer
    document: YamlDocument
    model: Any  # None when the file is not valid


@dataclass
class LoadedData:
    """Every data file of both layers, national first, with the YAML documents to locate values."""

    data_dir: Path
    national_dir: Path
    files: list[LoadedFile] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[LoadedFile]:
        """The valid files of a kind, national first."""
        return [f for f in self.files if f.kind == kind and f.model is not None]

    def complete(self, kind: str) -> bool:
        """Every file of the kind is valid, so its records can be relied on."""
        return all(f.model is not None for f in self.files if f.kind == kind)

    def file(self, kind: str, layer: Layer) -> LoadedFile | None:
        return next((f for f in self.files if f.kind == kind and f.layer is layer), None)

    @property
    def documents(self) -> list[YamlDocument]:
        return [f.document for f in self.files]


def national_layer_for(data_dir: Path) -> Path:
    """The national layer a region uses: a national/ folder beside its data/ when there is one (a
    region that keeps a copy, or tries a newer version), otherwise the one that ships with
    regiokaart. Anything called national/ there counts: when it is no folder that can be read,
    loading says so instead of silently taking the shipped layer."""
    beside = data_dir.parent / "national"
    return beside if present(beside) else resources.NATIONAL_DIR


def load_data(
    data_dir: Path,
    national_dir: Path | None = None,
    display_root: Path | None = None,
    read: ReadYaml = read_yaml,
    before: "LoadedData | None" = None,
) -> tuple[LoadedData, list[Problem]]:
    """Load and validate every data file of both layers; returns what loaded and every problem.
    read reads one file (read_yaml; regiokaart serve passes one that remembers earlier reads, and
    an earlier load as before, whose valid models are kept for the records read as the same)."""
    national_dir = national_dir if national_dir is not None else national_layer_for(data_dir)
    loaded = LoadedData(data_dir, national_dir)
    problems: list[Problem] = []
    readable: list[Layer] = []
    for layer, folder in ((Layer.NATIONAL, national_dir), (Layer.REGIONAL, data_dir)):
        unreadable = folder_problem(folder, _display_name(folder, display_root))
        if unreadable is not None:
            problems.append(unreadable)
            loaded.files.extend(_unread_files(layer, folder, display_root))
            continue
        readable.append(layer)
        for kind, data_file in DATA_FILES.items():
            model = data_file.model(layer)
            path = folder / data_file.name
            if model is None or not (data_file.required_in_region or present(path)):
                continue
            document, found = read(path, _display_name(path, display_root))
            problems.extend(found)
            validated = None
            if document.complete:
                earlier = before.file(kind, layer) if before is not None else None
                validated, found = validate_document(document, model, earlier)
                problems.extend(found)
                problems.extend(legacy_target_groups(document, kind))
            loaded.files.append(LoadedFile(kind, layer, document, validated))
    if Layer.REGIONAL in readable:
        problems.extend(unknown_files(data_dir, display_root))
    return loaded, problems


def _unread_files(layer: Layer, folder: Path, display_root: Path | None) -> Iterator[LoadedFile]:
    """Every file a layer may have, as not valid: of a folder that cannot be read nothing is
    known, so no rule across files relies on it (and no record seems to be missing)."""
    for kind, data_file in DATA_FILES.items():
        if data_file.model(layer) is not None:
            document = YamlDocument(_display_name(folder / data_file.name, display_root))
            yield LoadedFile(kind, layer, document, None)


def unknown_files(data_dir: Path, display_root: Path | None = None) -> Iterator[Problem]:
    """A warning for each YAML file in the region's folder that regiokaart does not read: a typo
    in a file name would otherwise leave its records out without a word."""
    known = [data_file.name for data_file in DATA_FILES.values()]
    try:
        names = sorted(p.name for p in data_dir.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError:
        return
    for name in names:
        if name not in known:
            yield Problem(
                _display_name(data_dir / name, display_root),
                1,
                1,
                "",
                "wordt niet gelezen: geen bekend gegevensbestand",
                close_match(name, known) or "bekend: " + ", ".join(known),
                Severity.WARNING,
            )


# The kinds of file whose records may still have the old target_groups, with the field that holds
# the roles now (a module's `roles` are the roles in the project).
_ROLES_KEY = {"offers": "roles", "modules": "target_roles"}


def legacy_target_groups(document: YamlDocument, kind: str) -> Iterator[Problem]:
    """A warning at each old `target_groups` field: what it is split into, and what to write
    instead. The models still read it (target_migration), so the portal is built as before."""
    roles_key = _ROLES_KEY.get(kind)
    records = document.data.get(kind) if isinstance(document.data, dict) else None
    if roles_key is None or not isinstance(records, list):
        return
    for index, record in enumerate(records):
        if not isinstance(record, dict) or LEGACY_FIELD not in record:
            continue
        try:
            fields = migrate_target_groups(
                record[LEGACY_FIELD] or [],
                age_or_none(record.get("age_min")),
                age_or_none(record.get("age_max")),
            )
        except (ValueError, TypeError):
            continue  # validation already reports the value it does not know
        path = (kind, index, LEGACY_FIELD)
        line, column = document.locate(path, key=True)
        yield Problem(
            document.file,
            line,
            column,
            format_path(path),
            legacy_warning(roles_key),
            "schrijf in plaats hiervan: " + replacement_text(fields, roles_key),
            Severity.WARNING,
        )


def _display_name(path: Path, root: Path | None) -> str:
    """The data file as the user knows it: a symbolic link is named, not followed."""
    base = root if root is not None else Path.cwd()
    try:
        return str((path.parent.resolve() / path.name).relative_to(base.resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links before 3.13
        return str(path)


def validate_document(
    document: YamlDocument, model: type[BaseModel], earlier: LoadedFile | None = None
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a document's data against its file model, translating errors into problems. With
    an earlier valid read of the file whose records are the very objects of this one but a few
    (yaml_reread), only those few are validated; the same model as validating all."""
    kept = _revalidated(document, model, earlier) if earlier is not None else None
    if kept is not None:
        return kept, []
    if not isinstance(document.data, dict):
        expected = ", ".join(f"'{k}'" for k in model.model_fields)
        found = _type_name(document.data)
        return None, [
            Problem(
                document.file,
                1,
                1,
                "",
                f"verwacht bovenaan een mapping met {expected}, gevonden: {found}",
            )
        ]
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        return None, [_problem_from_error(document, model, error) for error in exc.errors()]


def _revalidated(
    document: YamlDocument, model: type[BaseModel], earlier: LoadedFile
) -> BaseModel | None:
    """earlier's model with the records that changed validated anew, or None (validate all)."""
    if earlier.model is None or type(earlier.model) is not model:
        return None
    paths = changed_records(earlier.document.data, document.data)
    if paths is None or len(paths) > MAX_REVALIDATED:
        return None
    updated: dict[str, list[Any]] = {}
    for key, index in paths:
        item_model = _list_item_model(model, str(key))
        if item_model is None:
            return None
        records = updated.setdefault(str(key), list(getattr(earlier.model, str(key))))
        try:
            records[int(index)] = item_model.model_validate(document.data[key][index])
        except ValidationError:
            return None  # validated whole, for problems located as always
    return earlier.model.model_copy(update=updated)


def _list_item_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of the items of model's list field key (Offer for OffersFile.offers)."""
    field = model.model_fields.get(key)
    if field is None or typing.get_origin(field.annotation) is not list:
        return None
    (item,) = typing.get_args(field.annotation)
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None


def _problem_from_error(document: YamlDocument, model: type[BaseModel], error: Any) -> Problem:
    kind = error["type"]
    loc = tuple(error["loc"])
    # A missing field's name is never one of pydantic's type tags, even when it is called "date".
    path = (
        (*_data_path(document, loc[:-1]), loc[-1])
        if kind == "missing"
        else _data_path(document, loc)
    )
    hint = None
    if kind == "extra_forbidden":
        line, column = document.locate(path, key=True)
        allowed = _allowed_keys(model, path[:-1])
        message = f"onbekend veld '{path[-1]}'"
        hint = close_match(path[-1], allowed)
        if not hint and allowed:
            hint = "toegestaan: " + ", ".join(sorted(allowed))
    elif kind == "missing":
        line, column = document.locate(path[:-1])
        message = f"verplicht veld '{path[-1]}' ontbreekt"
    else:
        line, column = document.locate(path)
        message, hint = _message(error)
    return Problem(document.file, line, column, format_path(path), message, hint)


def _data_path(document: YamlDocument, loc: tuple[Any, ...]) -> PathKey:
    """The part of a pydantic error location that exists in the data (drops validator names)."""
    path: list[str | int] = []
    for part in loc:
        candidate = (*path, part)
        if candidate in document.values or candidate in document.keys:
            path.append(part)
        elif isinstance(part, str) and (
            "[" in part or part in {"str", "int", "bool", "date"} or part in PARTNER_TAGS
        ):
            continue
        else:
            path.append(part)
            break
    return tuple(path)


def describe_error(error: Any) -> tuple[str, str | None]:
    """A pydantic error's message and hint in Dutch, as check reports them."""
    return _message(error)


def _message(error: Any) -> tuple[str, str | None]:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = _short(value)
    if kind in {"enum", "literal_error"}:
        texts, options = _expected_options(str(ctx.get("expected", "")))
        hint = (
            _misplaced_hint(value, texts)
            or close_match(value, texts)
            or ("toegestaan: " + ", ".join(options) if options else None)
        )
        return f"ongeldige waarde {shown}", hint
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^[a-z0-9]"):
            return f"ongeldige id {shown}: alleen kleine letters, cijfers en koppeltekens", None
        if pattern.startswith("^#"):
            return f"ongeldige kleur {shown}: verwacht #rrggbb", None
        if pattern == ISO_DATE_PATTERN:
            return f"geen geldige datum {shown}: verwacht JJJJ-MM-DD", None
        forbidden = _forbidden_character(value)
        if forbidden:
            return f"bevat {forbidden}; dat mag niet in een naam", None
        return f"ongeldige waarde {shown}", None
    if kind == "string_unicode":
        return f"tekst bevat een ongeldig teken ({_lone_surrogate(value)})", None
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, "), None
    if kind == "assertion_error":
        return str(error["msg"]), None
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"geen geldige datum {shown}: verwacht JJJJ-MM-DD", None
    if kind in {"string_type", "string_sub_type"}:
        return f"verwacht tekst, gevonden {_type_name(value)}", None
    if kind == "string_too_short":
        return "mag niet leeg zijn", None
    if kind == "string_too_long":
        length = f"{_thousands(len(value))} tekens, " if isinstance(value, str) else ""
        return f"te lang: {length}hoogstens {_thousands(ctx.get('max_length'))}", None
    if kind in {"list_type", "tuple_type"}:
        return f"verwacht een lijst, gevonden {_type_name(value)}", None
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"verwacht een mapping (sleutel: waarde), gevonden {_type_name(value)}", None
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"verwacht een geheel getal, gevonden {shown}", None
    if kind in {"float_type", "float_parsing", "finite_number"}:
        return f"verwacht een getal, gevonden {shown}", None
    if kind in {"bool_type", "bool_parsing"}:
        return f"verwacht true of false, gevonden {shown}", None
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length')} element(en) bevatten", None
    if kind == "too_long":
        items = "sleutels" if isinstance(value, dict) else "elementen"
        count = len(value) if isinstance(value, dict | list | tuple) else ctx.get("actual_length")
        return f"bevat {count} {items}; hoogstens {ctx.get('max_length')} toegestaan", None
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "minstens" if kind.startswith("greater") else "hoogstens"
        return f"waarde {shown} moet {word} {bound} zijn", None
    return f"ongeldige waarde {shown} ({error['msg']})", None


def _misplaced_hint(value: Any, options: list[str]) -> str | None:
    """Where an old target group, age or gender written among the roles belongs instead; among
    the ages, the age group an old word means."""
    if not isinstance(value, str):
        return None
    if set(options) & {str(r) for r in Role}:
        return MISPLACED_VALUE_HINTS.get(value.lower())
    if set(options) & {str(a) for a in AgeGroup} and value.lower() in AGE_WORDS:
        return f"bedoelde u '{AGE_WORDS[value.lower()]}'?"
    return None


def _expected_options(expected: str) -> tuple[list[str], list[str]]:
    """The text options and all options in pydantic's "1, 2, 3, 4 or 'nvt'"."""
    found = re.findall(r"'([^']*)'|(-?\d+)", expected)
    return [text for text, _ in found if text], [text or number for text, number in found]


# What a name may not hold (NAME_PATTERN in generator.models.selfscan), named in the message: these
# characters are invisible, or turn the text around them.
_FORBIDDEN_IN_NAME = re.compile(
    r"(?P<control>[\u0000-\u001f\u007f])|(?P<bidi>[\u202a-\u202e\u2066-\u2069])"
)


def _forbidden_character(value: Any) -> str | None:
    """'een stuurteken (U+000A)' or 'een teken dat de schrijfrichting verandert (U+202E)'."""
    match = _FORBIDDEN_IN_NAME.search(value) if isinstance(value, str) else None
    if match is None:
        return None
    what = "een stuurteken" if match["control"] else "een teken dat de schrijfrichting verandert"
    return f"{what} ({_code_point(match[0])})"


def _lone_surrogate(value: Any) -> str:
    """'U+D800, een losse helft van een tekenpaar' for text that cannot be UTF-8."""
    surrogate = re.search(r"[\ud800-\udfff]", value) if isinstance(value, str) else None
    where = f"{_code_point(surrogate.group())}, " if surrogate else ""
    return f"{where}een losse helft van een tekenpaar"


def _thousands(number: Any) -> str:
    """20.000 for 20000, as a Dutch reader writes it."""
    return f"{number:,}".replace(",", ".") if isinstance(number, int) else str(number)


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def _short(value: Any) -> str:
    """A value as a message shows it: as it is written in the file (null, true), cut when long."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()
    if isinstance(value, dict | list | tuple):  # never Python's notation of it
        return f"({_type_name(value)})"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _type_name(value: Any) -> str:
    if value is None:
        return "niets"
    names = {
        dict: "een mapping",
        list: "een lijst",
        str: "tekst",
        int: "een getal",
        float: "een getal",
        bool: "true/false",
    }
    return names.get(type(value), type(value).__name__)


def _allowed_keys(model: type[BaseModel], path: PathKey) -> list[str]:
    """Field names of the model found at path inside a file model."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The BaseModel class inside list[...] / X | None / Annotated[...], if any."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation
    for arg in typing.get_args(annotation):
        inner = _inner_model(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return None
