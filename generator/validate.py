"""Rules across records and files: unique ids, references, freshness and privacy.

Returns problems and never raises; only the command line decides what they mean for the exit code.
"""

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from generator.load import LoadedData
from generator.models.common import EMAIL_PATTERN, MOBILE_PATTERN, is_role_mailbox
from generator.problems import Problem, Severity, close_match, format_path
from generator.yamlsource import PathKey, YamlDocument

STALE_AFTER = timedelta(days=365)
# Fields whose values are checked by the models themselves (no double report).
CONTACT_FIELDS = {"email", "phone"}


def validate_data(loaded: LoadedData, today: date | None = None) -> list[Problem]:
    """Every cross-file problem in what was loaded."""
    today = today or date.today()
    problems: list[Problem] = []
    problems += check_privacy(loaded.documents.values())
    problems += check_unique_ids(loaded)
    problems += check_references(loaded)
    problems += check_freshness(loaded, today)
    return problems


def _records(loaded: LoadedData, kind: str, attr: str) -> Iterator[tuple[int, Any]]:
    file_model = loaded.files.get(kind)
    if file_model is None:
        return iter(())
    return enumerate(getattr(file_model, attr))


def _problem(
    doc: YamlDocument,
    path: PathKey,
    message: str,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Problem:
    line, column = doc.locate(path)
    return Problem(doc.file, line, column, format_path(path), message, hint, severity)


# kind -> list attribute holding records with an id
ID_LISTS = {
    "sources": "documents",
    "organisations": "organisations",
    "offers": "offers",
    "bouwstenen": "bouwstenen",
    "modules": "modules",
    "glossary": "terms",
    "checklists": "checklists",
    "success_factors": "themes",
}


def check_unique_ids(loaded: LoadedData) -> list[Problem]:
    problems = []
    for kind, attr in ID_LISTS.items():
        seen: dict[str, int] = {}
        doc = loaded.documents[kind]
        for index, record in _records(loaded, kind, attr):
            path: PathKey = (attr, index, "id")
            if record.id in seen:
                first_line = doc.locate((attr, seen[record.id], "id"))[0]
                problems.append(
                    _problem(
                        doc,
                        path,
                        f"id '{record.id}' komt dubbel voor (eerder op regel {first_line})",
                    )
                )
            else:
                seen[record.id] = index
    questions: dict[str, PathKey] = {}
    doc = loaded.documents["bouwstenen"]
    for index, block in _records(loaded, "bouwstenen", "bouwstenen"):
        for q_index, question in enumerate(block.questions):
            path = ("bouwstenen", index, "questions", q_index, "id")
            if question.id in questions:
                first_line = doc.locate(questions[question.id])[0]
                problems.append(
                    _problem(
                        doc,
                        path,
                        f"vraag-id '{question.id}' komt dubbel voor (eerder op regel {first_line})",
                    )
                )
            else:
                questions[question.id] = path
    return problems


def _ids(loaded: LoadedData, kind: str) -> set[str]:
    return {record.id for _, record in _records(loaded, kind, ID_LISTS[kind])}


def _check_ref(
    doc: YamlDocument, path: PathKey, value: str, known: set[str], what: str
) -> Problem | None:
    if value in known:
        return None
    return _problem(doc, path, f"onbekende {what} '{value}'", close_match(value, known))


def check_references(loaded: LoadedData) -> list[Problem]:
    """Offer -> organisation, module -> organisation, bouwsteen -> bundle/offer, source -> document, ..."""
    found: list[Problem | None] = []
    orgs = _ids(loaded, "organisations")
    offers = _ids(loaded, "offers")
    documents = _ids(loaded, "sources")
    region_file = loaded.files.get("region")
    municipalities = {m.name for m in region_file.region.municipalities} if region_file else set()
    has = loaded.files.__contains__

    for kind, doc in loaded.documents.items():
        if kind in loaded.files and "sources" in loaded.files:
            for path, value in _source_documents(doc.data):
                found.append(_check_ref(doc, path, value, documents, "bron"))
    for kind, doc in loaded.documents.items():
        if kind in loaded.files and has("region"):
            for path, value in _area_municipalities(doc.data):
                found.append(_check_ref(doc, path, value, municipalities, "gemeente van de regio"))

    if has("offers") and has("organisations"):
        doc = loaded.documents["offers"]
        for i, offer in _records(loaded, "offers", "offers"):
            for j, org in enumerate(offer.providers):
                found.append(
                    _check_ref(doc, ("offers", i, "providers", j), org, orgs, "organisatie")
                )
    if has("modules") and has("organisations"):
        doc = loaded.documents["modules"]
        for i, module in _records(loaded, "modules", "modules"):
            for j, org in enumerate(module.partners):
                found.append(
                    _check_ref(doc, ("modules", i, "partners", j), org, orgs, "organisatie")
                )
            for j, role in enumerate(module.roles):
                found.append(
                    _check_ref(
                        doc,
                        ("modules", i, "roles", j, "organisation"),
                        role.organisation,
                        orgs,
                        "organisatie",
                    )
                )
            for j, activity in enumerate(module.activities):
                found.append(
                    _check_ref(
                        doc,
                        ("modules", i, "activities", j, "lead"),
                        activity.lead,
                        orgs,
                        "organisatie",
                    )
                )
                for k, org in enumerate(activity.participants):
                    found.append(
                        _check_ref(
                            doc,
                            ("modules", i, "activities", j, "participants", k),
                            org,
                            orgs,
                            "organisatie",
                        )
                    )
            if has("offers"):
                for j, offer_id in enumerate(module.offers):
                    found.append(
                        _check_ref(doc, ("modules", i, "offers", j), offer_id, offers, "aanbod")
                    )
    if has("bouwstenen"):
        found += _check_bouwstenen(
            loaded, orgs if has("organisations") else None, offers if has("offers") else None
        )
    if has("selfscan"):
        found += _check_selfscan(loaded, offers if has("offers") else None)
    if has("success_factors") and has("offers"):
        doc = loaded.documents["success_factors"]
        for i, theme in _records(loaded, "success_factors", "themes"):
            for j, factor in enumerate(theme.factors):
                for k, offer_id in enumerate(factor.offers):
                    found.append(
                        _check_ref(
                            doc,
                            ("themes", i, "factors", j, "offers", k),
                            offer_id,
                            offers,
                            "aanbod",
                        )
                    )
    if has("region") and has("organisations") and region_file:
        doc = loaded.documents["region"]
        region = region_file.region
        for i, municipality in enumerate(region.municipalities):
            found.append(
                _check_ref(
                    doc,
                    ("region", "municipalities", i, "organisation"),
                    municipality.organisation,
                    orgs,
                    "organisatie",
                )
            )
        found.append(
            _check_ref(
                doc,
                ("region", "contact", "organisation"),
                region.contact.organisation,
                orgs,
                "organisatie",
            )
        )
        found.append(
            _check_ref(
                doc,
                ("region", "centre_municipality"),
                region.centre_municipality,
                municipalities,
                "gemeente van de regio",
            )
        )
    return [p for p in found if p is not None]


def _check_bouwstenen(
    loaded: LoadedData, orgs: set[str] | None, offers: set[str] | None
) -> list[Problem | None]:
    found: list[Problem | None] = []
    doc = loaded.documents["bouwstenen"]
    file_model = loaded.files["bouwstenen"]
    bundles = {str(b.id) for b in file_model.bundles}
    numbers: dict[int, str] = {}
    for i, bundle in enumerate(file_model.bundles):
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
    for i, standard in enumerate(file_model.standards):
        if numbers.get(standard.number) != str(standard.bundle):
            found.append(
                _problem(
                    doc,
                    ("standards", i, "bundle"),
                    f"standaard {standard.number} hoort niet bij bundel {standard.bundle}",
                )
            )
    missing = sorted(set(range(1, 11)) - {s.number for s in file_model.standards})
    if missing:
        found.append(_problem(doc, ("standards",), f"kwaliteitsstandaard(en) ontbreken: {missing}"))
    for i, block in enumerate(file_model.bouwstenen):
        found.append(
            _check_ref(doc, ("bouwstenen", i, "bundle"), str(block.bundle), bundles, "bundel")
        )
        if offers is not None:
            for j, offer_id in enumerate(block.offers):
                found.append(
                    _check_ref(doc, ("bouwstenen", i, "offers", j), offer_id, offers, "aanbod")
                )
        if orgs is not None:
            for j, org in enumerate(block.organisations):
                found.append(
                    _check_ref(doc, ("bouwstenen", i, "organisations", j), org, orgs, "organisatie")
                )
    return found


def _check_selfscan(loaded: LoadedData, offers: set[str] | None) -> list[Problem | None]:
    """Each scan question points at an existing bouwsteen (and offers and modules); ids are unique."""
    found: list[Problem | None] = []
    doc = loaded.documents["selfscan"]
    blocks = _ids(loaded, "bouwstenen") if "bouwstenen" in loaded.files else None
    modules = _ids(loaded, "modules") if "modules" in loaded.files else None
    bundles = (
        {str(b.id) for b in loaded.files["bouwstenen"].bundles}
        if "bouwstenen" in loaded.files
        else None
    )
    seen_questions: dict[str, PathKey] = {}
    seen_bundles: dict[str, int] = {}
    for i, step in enumerate(loaded.files["selfscan"].steps):
        bundle = str(step.bundle)
        if bundles is not None:
            found.append(_check_ref(doc, ("steps", i, "bundle"), bundle, bundles, "bundel"))
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
            path: PathKey = ("steps", i, "questions", j)
            if question.id in seen_questions:
                first = doc.locate((*seen_questions[question.id], "id"))[0]
                found.append(
                    _problem(
                        doc,
                        (*path, "id"),
                        f"vraag-id '{question.id}' komt dubbel voor (eerder op regel {first})",
                    )
                )
            seen_questions.setdefault(question.id, path)
            if blocks is not None:
                found.append(
                    _check_ref(doc, (*path, "bouwsteen"), question.bouwsteen, blocks, "bouwsteen")
                )
            if offers is not None:
                for k, offer_id in enumerate(question.offers):
                    found.append(_check_ref(doc, (*path, "offers", k), offer_id, offers, "aanbod"))
            if modules is not None:
                for k, module_id in enumerate(question.modules):
                    found.append(
                        _check_ref(doc, (*path, "modules", k), module_id, modules, "module")
                    )
    return found


def _walk(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


def _source_documents(data: Any) -> Iterator[tuple[PathKey, str]]:
    for path, value in _walk(data):
        if (
            path
            and path[-1] == "source"
            and isinstance(value, dict)
            and isinstance(value.get("document"), str)
        ):
            yield (*path, "document"), value["document"]


def _area_municipalities(data: Any) -> Iterator[tuple[PathKey, str]]:
    for path, value in _walk(data):
        if (
            path
            and path[-1] == "area"
            and isinstance(value, dict)
            and isinstance(value.get("municipalities"), list)
        ):
            for index, name in enumerate(value["municipalities"]):
                if isinstance(name, str):
                    yield (*path, "municipalities", index), name


def check_freshness(loaded: LoadedData, today: date) -> list[Problem]:
    """Warn (not fail) on records whose peildatum is more than 12 months old."""
    problems = []
    for kind, doc in loaded.documents.items():
        if kind not in loaded.files:
            continue
        for path, value in _walk(doc.data):
            if (
                path
                and path[-1] == "peildatum"
                and isinstance(value, date)
                and today - value > STALE_AFTER
            ):
                problems.append(
                    _problem(
                        doc,
                        path,
                        f"peildatum {value.isoformat()} is ouder dan 12 maanden; controleer de gegevens",
                        severity=Severity.WARNING,
                    )
                )
    return problems


def check_privacy(documents: Iterable[YamlDocument]) -> list[Problem]:
    """Fail on mobile numbers and personal e-mail addresses anywhere in the data."""
    problems = []
    for doc in documents:
        for path, value in _walk(doc.data):
            if not isinstance(value, str) or (path and path[-1] in CONTACT_FIELDS):
                continue
            if MOBILE_PATTERN.search(value):
                problems.append(
                    _problem(
                        doc,
                        path,
                        "bevat een mobiel telefoonnummer; publiceer alleen contactgegevens van een organisatie of functie",
                    )
                )
            for address in EMAIL_PATTERN.findall(value):
                if not is_role_mailbox(address):
                    problems.append(
                        _problem(
                            doc,
                            path,
                            f"bevat een persoonlijk e-mailadres ({address}); publiceer alleen een algemeen adres",
                        )
                    )
    return problems
