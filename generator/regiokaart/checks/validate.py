"""Rules across records and files: unique ids, references, freshness and privacy.

Returns problems and never raises; only the command line decides what they mean for the exit code.
"""

from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date
from typing import Any

from regiokaart.checks.contraindications import RULES
from regiokaart.checks.freshness import STALE_AFTER_WORDS, is_stale
from regiokaart.checks.statement import check_accessibility_statement
from regiokaart.dataset import Dataset
from regiokaart.dataset.contact import contact_route
from regiokaart.dataset.layers import RECORD_LISTS, file_records, known_records
from regiokaart.dataset.load import DATA_FILES, Layer, LoadedData, LoadedFile
from regiokaart.models.privacy import SiteText, TextKind, scan_site_text
from regiokaart.models.references import KIND_WORDS, iter_references
from regiokaart.problems import Problem, Severity, close_match, format_path
from regiokaart.source.positions import PathKey, YamlDocument, value_at

# Contact fields hold one value, checked as a whole (a phone number by its model, see privacy.py).
CONTACT_FIELDS = {"email": TextKind.EMAIL, "phone": TextKind.PHONE}


def validate_data(loaded: LoadedData, today: date | None = None) -> list[Problem]:
    """Every cross-file problem in what was loaded."""
    today = today or date.today()
    problems: list[Problem] = []
    problems += check_national_layer(loaded)
    problems += check_unique_ids(loaded)
    problems += check_references(loaded)
    problems += check_standards(loaded)
    problems += check_selfscan(loaded)
    problems += check_rule_sources(loaded)
    problems += check_freshness(loaded, today)
    problems += check_accessibility_statement(loaded)
    return problems


def _problem(
    doc: YamlDocument,
    path: PathKey,
    message: str,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Problem:
    line, column = doc.locate(path)
    return Problem(doc.file, line, column, format_path(path), message, hint, severity)


# What the national layer must hold for any region's portal to be built.
NATIONAL_KINDS = ("bouwstenen", "vision", "selfscan")


def check_national_layer(loaded: LoadedData) -> list[Problem]:
    """The national layer has the standards, the vision and the scan (a broken installation or a
    national/ folder beside the data that misses a file)."""
    present = {f.kind for f in loaded.files if f.layer is Layer.NATIONAL}
    return [
        Problem(
            str(loaded.national_dir / DATA_FILES[kind].name),
            1,
            1,
            "",
            "ontbreekt in de landelijke laag; installeer regiokaart opnieuw of vul de map aan",
        )
        for kind in NATIONAL_KINDS
        if kind not in present
    ]


def check_unique_ids(loaded: LoadedData) -> list[Problem]:
    """Each id once in its file, and so each natural key: a municipality's name, a standard's
    number, the number of a phase or a family profile. (The same id in the region's file as in the
    national layer is not a duplicate: the region's record takes the national one's place.)"""
    problems = []
    for loaded_file in loaded.files:
        if loaded_file.model is not None:
            problems += _duplicates_in_file(loaded_file)
    return problems


def _duplicates_in_file(loaded_file: LoadedFile) -> list[Problem]:
    doc, model, kind = loaded_file.document, loaded_file.model, loaded_file.kind
    problems = []
    if kind in RECORD_LISTS:
        attr = RECORD_LISTS[kind]
        ids = [((attr, i, "id"), record.id) for i, record in file_records(loaded_file)]
        problems += _duplicates(doc, "id", ids)
    if kind == "bouwstenen":
        bundles = [
            (("bundles", i, "id"), str(b.id)) for i, b in enumerate(model_list(model, "bundles"))
        ]
        problems += _duplicates(doc, "id", bundles)
        numbers = [
            (("standards", i, "number"), s.number)
            for i, s in enumerate(model_list(model, "standards"))
        ]
        problems += _duplicates(doc, "kwaliteitsstandaard", numbers)
        questions = [
            (("bouwstenen", i, "questions", j, "id"), question.id)
            for i, block in enumerate(model.bouwstenen)
            for j, question in enumerate(block.questions)
        ]
        problems += _duplicates(doc, "vraag-id", questions)
    if kind == "checklists":
        # Unique within a checklist: its page and the ticks kept in the browser are per checklist.
        for i, checklist in enumerate(model.checklists):
            items = [
                (("checklists", i, "groups", j, "items", k, "id"), item.id)
                for j, group in enumerate(checklist.groups)
                for k, item in enumerate(group.items)
            ]
            problems += _duplicates(doc, "id", items)
    if kind == "vision":
        phases = [
            (("phases", i, "number"), p.number) for i, p in enumerate(model_list(model, "phases"))
        ]
        problems += _duplicates(doc, "nummer", phases)
        profiles = list(enumerate(model_list(model, "family_profiles")))
        problems += _duplicates(
            doc, "id", [(("family_profiles", i, "id"), str(p.id)) for i, p in profiles]
        )
        problems += _duplicates(
            doc, "nummer", [(("family_profiles", i, "number"), p.number) for i, p in profiles]
        )
        if model.house_bans is not None:
            counts = [
                (("house_bans", "counts", i, "municipality"), count.municipality)
                for i, count in enumerate(model.house_bans.counts)
            ]
            problems += _duplicates(doc, "gemeente", counts, _same_name)
    if kind == "region":
        municipalities = [
            (("region", "municipalities", i, "name"), municipality.name)
            for i, municipality in enumerate(model.region.municipalities)
        ]
        problems += _duplicates(doc, "gemeente", municipalities, _same_name)
    return problems


def model_list(model: Any, attr: str) -> list[Any]:
    """A list of a file model that only one layer's model has (bundles are national only)."""
    return list(getattr(model, attr, []))


def _same_name(name: str | int) -> str | int:
    """A name as it is compared: 'Noordoostpolder' and 'noordoostpolder ' are one municipality."""
    return " ".join(name.casefold().split()) if isinstance(name, str) else name


def _duplicates(
    doc: YamlDocument,
    what: str,
    entries: Iterable[tuple[PathKey, str | int]],
    same: Callable[[str | int], str | int] = lambda key: key,
) -> list[Problem]:
    """A problem at each key met before in entries ((path of the key, key) in list order)."""
    problems = []
    first: dict[str | int, PathKey] = {}
    for path, key in entries:
        earlier = first.setdefault(same(key), path)
        if earlier != path:
            shown = f"'{key}'" if isinstance(key, str) else str(key)
            line = doc.locate(earlier)[0]
            problems.append(
                _problem(doc, path, f"{what} {shown} komt dubbel voor (eerder op regel {line})")
            )
    return problems


def check_references(loaded: LoadedData) -> list[Problem]:
    """Every reference declared on the models (regiokaart.models.references) points at a record that
    exists in either layer. A link in a list of the national layer may point at what this region
    does not have; it is left out of the portal (regiokaart.dataset.layers)."""
    known = known_records(loaded)
    problems = []
    for loaded_file in loaded.files:
        if loaded_file.model is None:
            continue
        for reference in iter_references(loaded_file.model):
            existing = known.get(reference.kind)
            if existing is None or reference.value in existing:
                continue
            if loaded_file.layer is Layer.NATIONAL and reference.in_list:
                continue
            problems.append(
                _problem(
                    loaded_file.document,
                    reference.path,
                    f"onbekende {KIND_WORDS[reference.kind]} '{reference.value}'",
                    close_match(reference.value, existing),
                )
            )
    return problems


def check_rule_sources(loaded: LoadedData) -> list[Problem]:
    """Every rule of regiokaart.checks.contraindications names its passage; the document must be one of
    the sources, or the portal could not say where the rule comes from."""
    sources = list(loaded.of_kind("sources"))
    if not sources or any(f.model is None for f in sources):
        return []  # the file's own problems come first
    documents = known_records(loaded).get("sources") or set()
    where = sources[0].document.file
    return [
        Problem(
            where,
            1,
            1,
            "",
            f"de regel voor {rule.profile} noemt document '{rule.source.document}', dat niet in "
            "de bronnen staat",
            "zet het in sources.yaml van de landelijke laag, zoals in de laag die met regiokaart "
            "meekomt",
        )
        for rule in RULES
        if rule.source.document not in documents
    ]


def check_standards(loaded: LoadedData) -> list[Problem]:
    """The bundles of the Kwaliteitskader hold exactly their standards, and all ten are there."""
    found: list[Problem] = []
    for loaded_file in loaded.of_kind("bouwstenen"):
        if loaded_file.layer is not Layer.NATIONAL:
            continue
        doc, model = loaded_file.document, loaded_file.model
        numbers: dict[int, str] = {}
        for i, bundle in enumerate(model.bundles):
            expected = [int(n) for n in str(bundle.id).split("-")]
            if sorted(bundle.standards) != expected:
                found.append(
                    _problem(
                        doc,
                        ("bundles", i, "standards"),
                        f"bundel {bundle.id} hoort de standaarden {expected} te hebben",
                    )
                )
            for number in bundle.standards:
                numbers[number] = str(bundle.id)
        for i, standard in enumerate(model.standards):
            if numbers.get(standard.number) != str(standard.bundle):
                found.append(
                    _problem(
                        doc,
                        ("standards", i, "bundle"),
                        f"standaard {standard.number} hoort niet bij bundel {standard.bundle}",
                    )
                )
        missing = sorted(set(range(1, 11)) - {s.number for s in model.standards})
        if missing:
            found.append(
                _problem(doc, ("standards",), f"kwaliteitsstandaard(en) ontbreken: {missing}")
            )
    return found


def check_selfscan(loaded: LoadedData) -> list[Problem]:
    """One step per bundle in a file, and each question id once in the whole scan (a region's own
    question may not take the id of a national one: answers are kept by question id)."""
    found: list[Problem] = []
    seen_questions: dict[str, tuple[LoadedFile, PathKey]] = {}
    for loaded_file in loaded.of_kind("selfscan"):
        doc = loaded_file.document
        seen_bundles: dict[str, int] = {}
        for i, step in enumerate(loaded_file.model.steps):
            bundle = str(step.bundle)
            if bundle in seen_bundles:
                found.append(
                    _problem(
                        doc,
                        ("steps", i, "bundle"),
                        f"bundel {bundle} heeft al een stap (stap {seen_bundles[bundle] + 1})",
                    )
                )
            seen_bundles.setdefault(bundle, i)
            for j, question in enumerate(step.questions):
                path: PathKey = ("steps", i, "questions", j, "id")
                if question.id in seen_questions:
                    first_file, first_path = seen_questions[question.id]
                    line = first_file.document.locate(first_path)[0]
                    where = "" if first_file is loaded_file else f"{first_file.document.file}, "
                    found.append(
                        _problem(
                            doc,
                            path,
                            f"vraag-id '{question.id}' komt dubbel voor (eerder in {where}regel {line})"
                            if where
                            else f"vraag-id '{question.id}' komt dubbel voor (eerder op regel {line})",
                        )
                    )
                seen_questions.setdefault(question.id, (loaded_file, path))
    return found


def _walk(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


def check_freshness(loaded: LoadedData, today: date) -> list[Problem]:
    """Warn (not fail) on records whose peildatum is stale (regiokaart.checks.freshness)."""
    problems = []
    for loaded_file in loaded.files:
        if loaded_file.model is None:
            continue
        doc = loaded_file.document
        for path, value in _walk(doc.data):
            if (
                path
                and path[-1] == "peildatum"
                and isinstance(value, date)
                and is_stale(value, today)
            ):
                problems.append(
                    _problem(
                        doc,
                        path,
                        f"peildatum {value.isoformat()} is ouder dan {STALE_AFTER_WORDS}; "
                        "controleer de gegevens",
                        severity=Severity.WARNING,
                    )
                )
    return problems


def offer_locations(loaded: LoadedData) -> dict[str, tuple[LoadedFile, PathKey]]:
    """Where each offer of the portal is written: the file and path of its record (a regional
    record in place of a national one with its id, as regiokaart.dataset.layers combines them)."""
    found: dict[str, tuple[LoadedFile, PathKey]] = {}
    for loaded_file in loaded.of_kind("offers"):
        for i, record in file_records(loaded_file):
            found[record.id] = (loaded_file, ("offers", i, "id"))
    return found


def check_contact_routes(loaded: LoadedData, dataset: Dataset) -> list[Problem]:
    """Warn (not fail) on offers without any way to get there (regiokaart.dataset.contact): no website of
    their own, no provider with contact details, and no general route of the region. The region's
    own offers are named one by one; national offers, which the region cannot edit, in one warning
    at the region's contact."""
    locations = offer_locations(loaded)
    problems = []
    national = []
    for offer in dataset.offers.values():
        if contact_route(offer, dataset) is not None or offer.id not in locations:
            continue
        loaded_file, path = locations[offer.id]
        if loaded_file.layer is Layer.NATIONAL:
            national.append(offer.id)
            continue
        problems.append(
            _problem(
                loaded_file.document,
                path,
                f"aanbod '{offer.id}' heeft geen contactroute",
                "geef het aanbod een website, een aanbieder met website, telefoon of e-mail, "
                "of geef de regio een contact met telefoon of website (region.yaml)",
                severity=Severity.WARNING,
            )
        )
    regions = loaded.of_kind("region")
    if national and regions:
        problems.append(
            _problem(
                regions[0].document,
                ("region", "contact"),
                f"{len(national)} landelijke aanbiedingen hebben geen contactroute, "
                "omdat de regio geen algemene route heeft",
                "geef het contact van de regio een telefoonnummer, e-mailadres of website",
                severity=Severity.WARNING,
            )
        )
    return problems


def check_privacy(
    texts: Iterable[SiteText], function_mailboxes: Collection[str] = ()
) -> list[Problem]:
    """Fail on mobile numbers and personal e-mail addresses in texts that reach the site (see
    check.site_texts: the data, content/, the theme); the rules are in regiokaart/models/privacy.py."""
    return [
        Problem(text.file, found.line, found.column, text.field, found.message)
        for text in texts
        for found in scan_site_text(text, function_mailboxes)
    ]


def data_texts(documents: Iterable[YamlDocument], within: PathKey = ()) -> Iterator[SiteText]:
    """Every string in the data files (with within: in the value at that path of each), located
    at its value."""
    for doc in documents:
        for path, value in _walk(value_at(doc.data, within), within):
            if isinstance(value, str):
                line, column = doc.locate(path)
                kind = CONTACT_FIELDS.get(str(path[-1]), TextKind.TEXT) if path else TextKind.TEXT
                yield SiteText(doc.file, value, line, column, format_path(path), kind)


def function_mailboxes(loaded: LoadedData) -> list[str]:
    """The region's own function mailboxes (region.yaml), which are no person's address."""
    return [
        mailbox
        for region_file in loaded.of_kind("region")
        for mailbox in region_file.model.region.function_mailboxes
    ]
