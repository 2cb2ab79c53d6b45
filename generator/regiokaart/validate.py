"""Rules across records and files: unique ids, references, freshness and privacy.

Returns problems and never raises; only the command line decides what they mean for the exit code.
"""

from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date
from typing import Any

from regiokaart.freshness import STALE_AFTER_WORDS, is_stale
from regiokaart.load import LoadedData
from regiokaart.privacy import SiteText, TextKind, scan_site_text
from regiokaart.problems import Problem, Severity, close_match, format_path
from regiokaart.yamlsource import PathKey, YamlDocument

# Contact fields hold one value, checked as a whole (a phone number by its model, see privacy.py).
CONTACT_FIELDS = {"email": TextKind.EMAIL, "phone": TextKind.PHONE}


def validate_data(loaded: LoadedData, today: date | None = None) -> list[Problem]:
    """Every cross-file problem in what was loaded."""
    today = today or date.today()
    problems: list[Problem] = []
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
    """Each id once in its list, and so each natural key: a municipality's name, a standard's number,
    the number of a phase or a family profile."""
    problems = []
    files = loaded.files
    for kind, attr in ID_LISTS.items():
        ids = [((attr, i, "id"), record.id) for i, record in _records(loaded, kind, attr)]
        problems += _duplicates(loaded.documents[kind], "id", ids)
    if "bouwstenen" in files:
        doc, bouwstenen = loaded.documents["bouwstenen"], files["bouwstenen"]
        bundles = [(("bundles", i, "id"), str(b.id)) for i, b in enumerate(bouwstenen.bundles)]
        problems += _duplicates(doc, "id", bundles)
        numbers = [
            (("standards", i, "number"), s.number) for i, s in enumerate(bouwstenen.standards)
        ]
        problems += _duplicates(doc, "kwaliteitsstandaard", numbers)
        questions = [
            (("bouwstenen", i, "questions", j, "id"), question.id)
            for i, block in enumerate(bouwstenen.bouwstenen)
            for j, question in enumerate(block.questions)
        ]
        problems += _duplicates(doc, "vraag-id", questions)
    if "checklists" in files:
        # Unique within a checklist: its page and the ticks kept in the browser are per checklist.
        for i, checklist in enumerate(files["checklists"].checklists):
            items = [
                (("checklists", i, "groups", j, "items", k, "id"), item.id)
                for j, group in enumerate(checklist.groups)
                for k, item in enumerate(group.items)
            ]
            problems += _duplicates(loaded.documents["checklists"], "id", items)
    if "vision" in files:
        doc, vision = loaded.documents["vision"], files["vision"]
        phases = [(("phases", i, "number"), p.number) for i, p in enumerate(vision.phases)]
        problems += _duplicates(doc, "nummer", phases)
        profiles = list(enumerate(vision.family_profiles))
        problems += _duplicates(
            doc, "id", [(("family_profiles", i, "id"), str(p.id)) for i, p in profiles]
        )
        problems += _duplicates(
            doc, "nummer", [(("family_profiles", i, "number"), p.number) for i, p in profiles]
        )
        if vision.house_bans is not None:
            counts = [
                (("house_bans", "counts", i, "municipality"), count.municipality)
                for i, count in enumerate(vision.house_bans.counts)
            ]
            problems += _duplicates(doc, "gemeente", counts, _same_name)
    if "region" in files:
        municipalities = [
            (("region", "municipalities", i, "name"), municipality.name)
            for i, municipality in enumerate(files["region"].region.municipalities)
        ]
        problems += _duplicates(loaded.documents["region"], "gemeente", municipalities, _same_name)
    return problems


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
    """Warn (not fail) on records whose peildatum is stale (regiokaart.freshness)."""
    problems = []
    for kind, doc in loaded.documents.items():
        if kind not in loaded.files:
            continue
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


def check_privacy(
    texts: Iterable[SiteText], function_mailboxes: Collection[str] = ()
) -> list[Problem]:
    """Fail on mobile numbers and personal e-mail addresses in texts that reach the site (see
    check.site_texts: the data, content/, the theme); the rules are in regiokaart/privacy.py."""
    return [
        Problem(text.file, found.line, found.column, text.field, found.message)
        for text in texts
        for found in scan_site_text(text, function_mailboxes)
    ]


def data_texts(documents: Iterable[YamlDocument]) -> Iterator[SiteText]:
    """Every string in the data files, located at its value."""
    for doc in documents:
        for path, value in _walk(doc.data):
            if isinstance(value, str):
                line, column = doc.locate(path)
                kind = CONTACT_FIELDS.get(str(path[-1]), TextKind.TEXT) if path else TextKind.TEXT
                yield SiteText(doc.file, value, line, column, format_path(path), kind)


def function_mailboxes(loaded: LoadedData) -> list[str]:
    """The region's own function mailboxes (region.yaml), which are no person's address."""
    region_file = loaded.files.get("region")
    return list(region_file.region.function_mailboxes) if region_file else []
