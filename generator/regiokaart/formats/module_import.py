"""Taking over a module that another region's portal published (`regiokaart module import`).

read (a file, or a web address; bounded) → parse and validate the exchange file → map it onto this
region (its own organisations stay references, others become named partners, offers it lacks are
left out, the source document is added) → check the whole region with the module added, in a
temporary copy → back up and write → a short report. Nothing is written unless every step passed.
"""

from collections.abc import Callable, Container
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from regiokaart.checks.check import check_data, check_with_texts
from regiokaart.dataset import Dataset
from regiokaart.dataset.load import DATA_FILES, validate_document
from regiokaart.models.module import ExternalPartner, Module, Origin, Partner
from regiokaart.models.module_exchange import MAX_EXCHANGE_BYTES, ModuleExchange
from regiokaart.models.references import iter_references
from regiokaart.models.source import Document
from regiokaart.problems import Problem, close_match, format_path, has_errors
from regiokaart.source import edit as yaml_edit
from regiokaart.source.positions import (
    MAX_FILE_BYTES,
    YamlDocument,
    parse_yaml_bytes,
    read_regular_file,
)
from regiokaart.source.read_source import is_address, read_path_or_url
from regiokaart.source.write_back import ImportOutcome, write_with_backups

URL_TIMEOUT_SECONDS = 15  # for the whole download, however slowly the server sends
MODULES = DATA_FILES["modules"].name
SOURCES = DATA_FILES["sources"].name


class Conflict(StrEnum):
    """What to do when the region already has a module with the imported module's id."""

    REPLACE = "vervangen"
    BESIDE = "ernaast"
    ABORT = "afbreken"


Ask = Callable[[str], Conflict]


@dataclass(frozen=True)
class DataText:
    """A data file of the region as text, with the positions of its values."""

    document: YamlDocument
    text: str


@dataclass
class Mapped:
    """The module as this region will hold it, and what was changed to get there."""

    module: Module
    named_partners: list[str]  # organisations this region does not know, now named partners
    left_out_offers: list[str]  # names of offers this region does not have
    document: Document | None  # the source document to add to sources.yaml


def import_module(
    source: str,
    data_dir: Path,
    conflict: Conflict | None = None,
    ask: Ask | None = None,
    today: date | None = None,
) -> ImportOutcome:
    """Import the module in the exchange file at source (a path or an http(s) address) into the
    region in data_dir. With a module of the same id present, conflict says what to do, or else
    ask is asked; without either nothing is written."""
    today = today or date.today()
    raw, problem = read_source(source)
    if raw is None:
        return ImportOutcome([problem] if problem else [])
    exchange, document, problems = parse_exchange(raw, source)
    if exchange is None or document is None:
        return ImportOutcome(problems)
    dataset, found = check_data(data_dir, today)
    if dataset is None:
        errors = [p for p in found if has_errors([p])]
        hint = "los eerst de fouten hierboven op (regiokaart check)"
        message = "de gegevens van uw regio bevatten fouten; er is niets overgenomen"
        return ImportOutcome([*errors, Problem(str(data_dir), 1, 1, "", message, hint)])
    mapped = map_module(exchange, dataset, _origin_name(source), today)
    modules_file, sources_file, problems = _read_targets(data_dir)
    if problems:
        return ImportOutcome(problems)
    module_id = mapped.module.id
    replaced: int | None = None
    action = "toegevoegd aan"
    if module_id in dataset.modules:
        existing = _index_of(modules_file, module_id)
        choice = conflict or (ask(_question(mapped.module, data_dir)) if ask else None)
        if choice is None:
            return ImportOutcome([_already_there(data_dir, modules_file, existing, module_id)])
        if choice is Conflict.ABORT:
            return ImportOutcome(report=["Afgebroken; er is niets geschreven."])
        if choice is Conflict.REPLACE:
            replaced, action = existing, "vervangen in"
        else:
            mapped, action = _beside(mapped, dataset, exchange.region), "ernaast geschreven in"
    texts = _new_texts(mapped, modules_file, sources_file, replaced, exchange.region, today)
    expected = {*dataset.modules, mapped.module.id}
    problems = _check_with(data_dir, texts, mapped.module, expected, today)
    if problems:
        return ImportOutcome(problems)
    backups, problems = write_with_backups(data_dir, texts)
    if problems:
        return ImportOutcome(problems)
    return ImportOutcome(
        report=_report(mapped, data_dir, exchange.region, action, backups), written=True
    )


# --- reading -------------------------------------------------------------------------------


def read_source(source: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of the exchange file at a path or an http(s) address, at most MAX_EXCHANGE_BYTES
    and, for an address, within URL_TIMEOUT_SECONDS in all."""
    return read_path_or_url(
        source, max_bytes=MAX_EXCHANGE_BYTES, seconds=URL_TIMEOUT_SECONDS, what="modulebestand"
    )


def parse_exchange(
    raw: bytes, display: str
) -> tuple[ModuleExchange | None, YamlDocument | None, list[Problem]]:
    """The exchange file in raw, or the located problems that keep it from being read."""
    document, problems = parse_yaml_bytes(raw, display)
    if not document.complete:
        return None, None, problems
    model, found = validate_document(document, ModuleExchange)
    problems += found
    if not isinstance(model, ModuleExchange):
        return None, None, problems
    problems += _unnamed_references(model, document)
    if has_errors(problems):
        return None, None, problems
    return model, document, problems


def _unnamed_references(exchange: ModuleExchange, document: YamlDocument) -> list[Problem]:
    """A problem for each organisation, offer or document the module names by an id that the
    file does not give a name for: another region could not tell what it is."""
    carried = {
        "organisations": {o.id for o in exchange.organisations},
        "offers": {o.id for o in exchange.offers},
        "sources": {d.id for d in exchange.documents},
    }
    lists = {"organisations": "organisations", "offers": "offers", "sources": "documents"}
    problems = []
    for reference in iter_references(exchange.modules[0], ("modules", 0)):
        ids = carried.get(reference.kind)
        if ids is None or reference.value in ids:
            continue
        line, column = document.locate(reference.path)
        message = f"'{reference.value}' staat niet in '{lists[reference.kind]}' van dit bestand"
        problems.append(
            Problem(
                document.file,
                line,
                column,
                format_path(reference.path),
                message,
                close_match(reference.value, ids),
            )
        )
    return problems


def _origin_name(source: str) -> str:
    """Where the module came from as its page may show it: a file's name (never the folders of
    the computer it was on), or the web address without a user name or password."""
    if not is_address(source):
        return Path(source).name
    parts = urlsplit(source)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


# --- mapping onto this region --------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def map_module(exchange: ModuleExchange, dataset: Dataset, source: str, today: date) -> Mapped:
    """The exchange file's module as this region holds it: an organisation with the same id and
    name here stays a reference, any other becomes a partner named 'uit regio …'; offers this
    region does not have (same id and name) are left out; the source document is added under a
    free id when this region has another document with its id."""
    module = exchange.modules[0]
    names = {o.id: o.name for o in exchange.organisations}
    named: dict[str, None] = {}

    def partner(value: Partner) -> Partner:
        if isinstance(value, ExternalPartner):
            return value
        local = dataset.organisations.get(value)
        if local is not None and _same(local.name, names[value]):
            return value
        named[names[value]] = None
        return ExternalPartner(name=names[value], region=exchange.region)

    offer_names = {o.id: o.name for o in exchange.offers}
    kept = [
        o
        for o in module.offers
        if o in dataset.offers and _same(dataset.offers[o].name, offer_names[o])
    ]
    left_out = [offer_names[o] for o in module.offers if o not in kept]
    document = next(d for d in exchange.documents if d.id == module.source.document)
    local_document = dataset.documents.get(document.id)
    if local_document is not None and _same(local_document.title, document.title):
        to_add = None
    else:
        to_add = document
        if local_document is not None:
            to_add = document.model_copy(update={"id": _free_id(document.id, dataset.documents)})
    activities = [
        a.model_copy(
            update={"lead": partner(a.lead), "participants": [partner(p) for p in a.participants]}
        )
        for a in module.activities
    ]
    roles = [r.model_copy(update={"organisation": partner(r.organisation)}) for r in module.roles]
    partners = [partner(p) for p in module.partners]
    origin = Origin(
        region=exchange.region, source=source, peildatum=module.peildatum, imported=today
    )
    updated = module.model_copy(
        update={
            "activities": activities,
            "roles": roles,
            "partners": partners,
            "offers": kept,
            "source": module.source.model_copy(
                update={"document": to_add.id if to_add else document.id}
            ),
            "origin": origin,
        }
    )
    return Mapped(updated, list(named), left_out, to_add)


def _free_id(wanted: str, taken: Container[str]) -> str:
    """wanted-2, wanted-3, … : the first not in taken."""
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def _beside(mapped: Mapped, dataset: Dataset, region: str) -> Mapped:
    """The module under a free id, its title saying where it came from."""
    module = mapped.module
    title = f"{module.title} (uit regio {region})"
    changed = module.model_copy(update={"id": _free_id(module.id, dataset.modules), "title": title})
    return replace(mapped, module=changed)


# --- the region's files --------------------------------------------------------------------


def _read_targets(data_dir: Path) -> tuple[DataText | None, DataText | None, list[Problem]]:
    """The region's modules.yaml and sources.yaml as text with positions (None: not there)."""
    documents: list[DataText | None] = []
    problems: list[Problem] = []
    for name in (MODULES, SOURCES):
        path = data_dir / name
        if not (path.exists() or path.is_symlink()):
            documents.append(None)
            continue
        raw, problem = read_regular_file(path, str(path), MAX_FILE_BYTES)
        if raw is None:
            problems += [problem] if problem else []
            documents.append(None)
            continue
        document, found = parse_yaml_bytes(raw, str(path))
        problems += found
        documents.append(DataText(document, raw.decode("utf-8")))
    return documents[0], documents[1], problems


def _index_of(modules: DataText | None, module_id: str) -> int:
    data = modules.document.data if modules else None
    items = data.get("modules", []) if isinstance(data, dict) else []
    return next(
        (
            i
            for i, item in enumerate(items)
            if isinstance(item, dict) and item.get("id") == module_id
        ),
        0,
    )


def _question(module: Module, data_dir: Path) -> str:
    return (
        f"Module '{module.id}' staat al in {data_dir / MODULES}. "
        "Vervangen, ernaast schrijven of afbreken?"
    )


def _already_there(data_dir: Path, modules: DataText | None, index: int, module_id: str) -> Problem:
    line, column = modules.document.locate(("modules", index)) if modules else (1, 1)
    return Problem(
        str(data_dir / MODULES),
        line,
        column,
        f"modules[{index}]",
        f"module '{module_id}' bestaat al; er is niets geschreven",
        "geef --vervang om haar te vervangen, of --ernaast om de nieuwe ernaast te schrijven",
    )


def _new_texts(
    mapped: Mapped,
    modules: DataText | None,
    sources: DataText | None,
    replaced: int | None,
    region: str,
    today: date,
) -> dict[str, str]:
    """File name -> new text of each data file that changes (sources.yaml first)."""
    comment = f"Overgenomen uit regio {region} op {today.isoformat()} (regiokaart module import)"
    texts = {}
    if mapped.document is not None:
        record = yaml_edit.plain(mapped.document.model_dump(exclude_none=True))
        texts[SOURCES] = (
            yaml_edit.add_item(sources.text, sources.document, "documents", record, comment)
            if sources is not None
            else yaml_edit.new_file("documents", "../schemas/sources.schema.json", record, comment)
        )
    item = yaml_edit.plain(mapped.module.model_dump(exclude_none=True, exclude_defaults=True))
    if modules is None:
        texts[MODULES] = yaml_edit.new_file(
            "modules", "../schemas/modules.schema.json", item, comment
        )
    elif replaced is not None:
        texts[MODULES] = yaml_edit.replace_item(
            modules.text, modules.document, "modules", replaced, item, comment
        )
    else:
        texts[MODULES] = yaml_edit.add_item(
            modules.text, modules.document, "modules", item, comment
        )
    return texts


def _check_with(
    data_dir: Path, texts: dict[str, str], module: Module, expected: set[str], today: date
) -> list[Problem]:
    """The errors `regiokaart check` would find with texts written, in a copy of the region."""
    dataset, errors = check_with_texts(data_dir, texts, today)
    if dataset is not None and (
        dataset.modules.get(module.id) != module or set(dataset.modules) != expected
    ):
        # yaml_edit wrote something other than the module: a fault here, never the user's
        message = "de module kwam anders in modules.yaml terecht dan bedoeld; niets geschreven"
        errors.append(Problem(str(data_dir / MODULES), 1, 1, "", message))
    if errors:
        errors.append(
            Problem(
                str(data_dir),
                1,
                1,
                "",
                "met deze module zouden de gegevens van uw regio fouten bevatten; niets geschreven",
            )
        )
    return errors


def _report(
    mapped: Mapped, data_dir: Path, region: str, action: str, backups: list[Path]
) -> list[str]:
    module = mapped.module
    lines = [f"Module '{module.title}' {action} {data_dir / MODULES} als '{module.id}'."]
    if mapped.named_partners:
        count = len(mapped.named_partners)
        lines.append(
            f"{count} {'partner' if count == 1 else 'partners'} die uw regio niet kent, "
            f"met naam 'uit regio {region}': " + ", ".join(mapped.named_partners) + "."
        )
    if mapped.left_out_offers:
        lines.append(
            "Weggelaten aanbod dat uw regio niet heeft: " + ", ".join(mapped.left_out_offers) + "."
        )
    if mapped.document is not None:
        lines.append(
            f"Bron '{mapped.document.title}' toegevoegd aan {data_dir / SOURCES} "
            f"(id '{mapped.document.id}')."
        )
    for backup in backups:
        lines.append(f"Reservekopie van het oude bestand: {backup}")
    return lines


def ask_on_terminal(question: str) -> Conflict:
    """Ask on the terminal what to do with a module that is already there."""
    answers = {
        "v": Conflict.REPLACE,
        "vervangen": Conflict.REPLACE,
        "e": Conflict.BESIDE,
        "ernaast": Conflict.BESIDE,
        "a": Conflict.ABORT,
        "afbreken": Conflict.ABORT,
        "": Conflict.ABORT,
    }
    while True:
        try:
            answer = input(f"{question} [v/e/A] ").strip().lower()
        except EOFError:
            return Conflict.ABORT
        if answer in answers:
            return answers[answer]
        print("Antwoord met v (vervangen), e (ernaast) of a (afbreken).")
