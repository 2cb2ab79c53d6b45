"""The portal's organisations and offers as Open Referral HSDS 3.0: JSON documents and the tabular
data package (CSV files with datapackage.json). Pure: a Dataset in, file names and texts out.

Identifiers are UUIDs (version 5) derived from our own ids under NAMESPACE, so a re-export gives
every record the same id as before, as long as the slug in the data stays the same:

    organisation   uuid5(NAMESPACE, "organisation:<organisation id>")
    service        uuid5(NAMESPACE, "service:<offer id>")
    service area   uuid5(NAMESPACE, "service_area:<offer id>:<area name>")
    phone          uuid5(NAMESPACE, "phone:organisation:<organisation id>"), "phone:contact:region"
    contact        uuid5(NAMESPACE, "contact:region")  (the region's public contact point)
    taxonomy       uuid5(NAMESPACE, "taxonomy:regiokaart")
    taxonomy term  uuid5(NAMESPACE, "taxonomy_term:<vocabulary>") for a vocabulary,
                   uuid5(NAMESPACE, "taxonomy_term:<vocabulary>:<value>") for one of its values
    attribute      uuid5(NAMESPACE, "attribute:<organisation|service>:<our id>:<vocabulary>:<value>")
    metadata       uuid5(NAMESPACE, "metadata:<organisation|service>:<our id>")
    no provider    uuid5(NAMESPACE, "unknown-organisation")  (see unknown_provider)

Our vocabularies (models/vocabulary.py) become the taxonomy "regiokaart": one parent term per
vocabulary, one child term per value, with the Dutch label users read. Whatever an offer says in
those vocabularies (effectiveness, frameworks, phases, target groups, ...) becomes an attribute of
its service pointing at a term; the taxonomy is published with the export. Which field of an offer
becomes which service field, term or paragraph of the description, and which fields stay out and
why, is declared with the field (models/fields.py); this module asks it.

The export holds together: every service, phone or contact that names an organization_id
names a published organisation; the tabular package declares each link between
its tables as a foreign key (Column.references); each organisation and service carries its
provenance as HSDS metadata (which source, which peildatum, the region or the national layer).
"""

import csv
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Literal, TextIO

from regiokaart.checks.contraindications import contraindicated_profiles, contraindications
from regiokaart.csv_cells import neutralise_cell
from regiokaart.dataset import Dataset, citation
from regiokaart.dataset.areas import area_places
from regiokaart.dataset.relations import offer_providers
from regiokaart.models.fields import OFFER, Omitted, Target, Term, label_of, place_label
from regiokaart.models.offer import Offer
from regiokaart.models.organisation import Organisation
from regiokaart.models.vocabulary import (
    AgeGroup,
    Category,
    Databank,
    Effectiveness,
    FamilyProfile,
    Format,
    Framework,
    Gender,
    OrganisationType,
    Phase,
    Purpose,
    Requirement,
    Role,
    label,
)
from regiokaart.output_folder import ExportKind

# Fixed for good: changing it changes every exported id.
NAMESPACE = uuid.UUID("de2224f8-e65e-46c6-a0cf-2110b56fc9a6")
TAXONOMY_NAME = "regiokaart"
# Raise when a vocabulary changes meaning (not when a value is added).
# 2: doelgroep split into rol, leeftijd, geslacht and kenmerk lvb; 3: kenmerk
# met-ervaringsdeskundigen is ervaringsdeskundigen, the key the social map uses (models/fields.py).
TAXONOMY_VERSION = "3"
LANGUAGE = "nl"
EXPORT_MARKER = ".regiokaart-hsds-export"  # marks a folder as ours to write into again
EXPORT_FOLDER = ExportKind(
    EXPORT_MARKER,
    "Gemaakt door regiokaart: HSDS-export.\n",
    earlier="eerdere HSDS-export",
    option="MAP",
)
STATUS = "active"  # every offer the portal shows is current; HSDS service.status

Record = dict[str, Any]


def stable_id(key: str) -> str:
    """The UUID of the record our key names (see the module docstring for the keys)."""
    return str(uuid.uuid5(NAMESPACE, key))


# ---------------------------------------------------------------------------------------------
# The taxonomy of our vocabularies


@dataclass(frozen=True)
class Vocabulary:
    """One of our vocabularies as a branch of the taxonomy."""

    code: str  # also the attribute's link_type
    name: str
    description: str
    values: Sequence[str]  # a closed list's values (StrEnum), or the keys of yes/no facts
    value_label: Callable[[Any], str] = label


def _contraindicated(value: StrEnum) -> str:
    return f"Contra-indicatie: {label(value)}"


# The yes/no facts of an offer that are kenmerk terms (an offer gets the term when the fact is
# true), in the order the taxonomy has always listed them; a new one goes at the end. Each term's
# code and name are the fact's key and label (models/fields.py).
FEATURES = ("system_oriented", "with_experts_by_experience", "low_threshold", "ghnt_funded", "lvb")
FEATURE_LABELS = {str(OFFER[name].key): OFFER[name].label for name in FEATURES}


def _feature_label(key: str) -> str:
    return FEATURE_LABELS[key]


VOCABULARIES = (
    Vocabulary("categorie", "Categorie", "Categorie van het plegeraanbod", list(Category)),
    Vocabulary("rol", "Voor wie", "Voor wie het aanbod is (rol)", list(Role)),
    Vocabulary(
        "leeftijd",
        "Leeftijd",
        "Voor welke leeftijd het aanbod is (geen term: de bron zegt het niet)",
        list(AgeGroup),
    ),
    Vocabulary(
        "geslacht", "Geslacht", "Aanbod alleen of juist voor mannen of vrouwen", list(Gender)
    ),
    Vocabulary("kader", "Kader", "Het kader waarin het aanbod werkt", list(Framework)),
    Vocabulary("fase", "Fase", "De fase van veiligheid waarin het aanbod past", list(Phase)),
    Vocabulary(
        "gezinsprofiel",
        "Gezinsprofiel",
        "Gezinsprofiel waarbij het aanbod past",
        list(FamilyProfile),
    ),
    Vocabulary(
        "werkvorm",
        "Werkvorm",
        "Hoe het aanbod werkt (geen term: de bron zegt het niet)",
        list(Format),
    ),
    Vocabulary(
        "soort",
        "Soort aanbod",
        "Hulp voor cliënten of een dienst voor professionals en netwerken",
        list(Purpose),
    ),
    Vocabulary(
        "contra-indicatie",
        "Contra-indicatie",
        "Gezinsprofiel waarbij het aanbod juist niet past (contra-indicatie)",
        list(FamilyProfile),
        _contraindicated,
    ),
    Vocabulary(
        "effectiviteit",
        "Effectiviteit",
        "Beoordeling van de effectiviteit, in de woorden van de bron (Erkenningscommissie)",
        list(Effectiveness),
    ),
    Vocabulary(
        "eis", "Eis", "Eis aan plegeraanbod waaraan het aanbod bekend voldoet", list(Requirement)
    ),
    Vocabulary(
        "kenmerk", "Kenmerk", "Kenmerk van het aanbod", list(FEATURE_LABELS), _feature_label
    ),
    Vocabulary("databank", "Databank", "Databank die het aanbod beoordeelt", list(Databank)),
    Vocabulary("organisatietype", "Soort organisatie", "Soort organisatie", list(OrganisationType)),
)
VOCABULARY = {vocabulary.code: vocabulary for vocabulary in VOCABULARIES}


def taxonomy_record() -> Record:
    return {
        "id": stable_id(f"taxonomy:{TAXONOMY_NAME}"),
        "name": TAXONOMY_NAME,
        "description": (
            "De vaste lijsten (vocabulaires) van regiokaart, het kennisportaal huiselijk geweld en "
            "kindermishandeling: categorie, voor wie (rol), leeftijd, geslacht, kader, fase, gezinsprofiel, effectiviteit, "
            "eisen, kenmerken en soort organisatie."
        ),
        "version": TAXONOMY_VERSION,
    }


def _term_id(vocabulary: str, value: str | None = None) -> str:
    key = f"taxonomy_term:{vocabulary}" if value is None else f"taxonomy_term:{vocabulary}:{value}"
    return stable_id(key)


def taxonomy_terms() -> list[Record]:
    """Every term of the taxonomy: a parent per vocabulary, then its values."""
    taxonomy_id = stable_id(f"taxonomy:{TAXONOMY_NAME}")
    common = {"taxonomy": TAXONOMY_NAME, "taxonomy_id": taxonomy_id, "language": LANGUAGE}
    terms: list[Record] = []
    for vocabulary in VOCABULARIES:
        terms.append(
            {
                "id": _term_id(vocabulary.code),
                "code": vocabulary.code,
                "name": vocabulary.name,
                "description": vocabulary.description,
                **common,
            }
        )
        for value in vocabulary.values:
            name = vocabulary.value_label(value)
            terms.append(
                {
                    "id": _term_id(vocabulary.code, value),
                    "code": f"{vocabulary.code}:{value}",
                    "name": name,
                    "description": f"{vocabulary.name}: {name}",
                    "parent_id": _term_id(vocabulary.code),
                    **common,
                }
            )
    return terms


_TERMS = {term["id"]: term for term in taxonomy_terms()}

# ---------------------------------------------------------------------------------------------
# Records


def _attributes(entity: str, our_id: str, values: Iterable[tuple[str, str]]) -> list[Record]:
    """An attribute per (vocabulary, value), linking the record to the value's term."""
    link_id = stable_id(f"{_KEY_OF_ENTITY[entity]}:{our_id}")
    records = []
    for vocabulary, value in values:
        term_id = _term_id(vocabulary, value)
        records.append(
            {
                "id": stable_id(f"attribute:{entity}:{our_id}:{vocabulary}:{value}"),
                "link_id": link_id,
                "taxonomy_term_id": term_id,
                "link_type": vocabulary,
                "link_entity": entity,
                "taxonomy_term": _TERMS[term_id],
            }
        )
    return records


Entity = Literal["organization", "service"]  # an HSDS table that holds records of ours
_KEY_OF_ENTITY = {"organization": "organisation", "service": "service"}
# The kind of Dataset.national that holds an entity's national ids.
_LAYER_KIND = {"organization": "organisations", "service": "offers"}


def _without_empty(record: Record) -> Record:
    return {key: value for key, value in record.items() if value not in (None, "", [])}


# ---------------------------------------------------------------------------------------------
# Provenance (HSDS metadata)

# What happened on a record's peildatum: it was checked against its source (the peildatum is "de
# dag waarop het voor het laatst is gecontroleerd"). HSDS names create, update and delete as
# examples of last_action_type, not as a closed list; none of them says "checked".
LAST_ACTION_TYPE = "verified"
# Who answers for a record of the national layer; the region's own records: "regio <name>".
# HSDS's updated_by asks for a person; a portal names the responsible body, never a person.
NATIONAL_LAYER = "landelijke laag van regiokaart"


def region_body(name: str) -> str:
    """Who answers for a region's own records, as HSDS metadata names it (updated_by)."""
    return f"regio {name}"


def metadata_record(dataset: Dataset, entity: Entity, record: Organisation | Offer) -> Record:
    """The provenance of one organisation or offer as an HSDS metadata record: on its peildatum
    it was checked against its source, by the region or in the national layer. It names no field
    and no earlier value (the portal keeps no history), so both are empty."""
    key = _KEY_OF_ENTITY[entity]
    national = record.id in dataset.national.get(_LAYER_KIND[entity], frozenset())
    return {
        "id": stable_id(f"metadata:{key}:{record.id}"),
        "resource_id": stable_id(f"{key}:{record.id}"),
        "resource_type": entity,
        "last_action_date": record.peildatum.isoformat(),
        "last_action_type": LAST_ACTION_TYPE,
        "field_name": "",
        "previous_value": "",
        "replacement_value": citation(dataset, record.source),
        "updated_by": NATIONAL_LAYER if national else region_body(dataset.region.name),
    }


# ---------------------------------------------------------------------------------------------
# Organisations, contacts and services


def organisation_record(
    dataset: Dataset, organisation: Organisation, contacts: Sequence[Record] = ()
) -> Record:
    """An HSDS organization document with its phone, contacts, attributes and provenance."""
    org_id = stable_id(f"organisation:{organisation.id}")
    phones = []
    if organisation.phone:
        phones.append(
            {
                "id": stable_id(f"phone:organisation:{organisation.id}"),
                "organization_id": org_id,
                "number": organisation.phone,
                "type": "voice",
            }
        )
    return _without_empty(
        {
            "id": org_id,
            "name": organisation.name,
            "alternate_name": organisation.short_name,
            # Required by HSDS; the kind of organisation says at least something when we have no text.
            "description": organisation.description or label(organisation.type),
            "email": organisation.email,
            "website": organisation.website,
            "phones": phones,
            "contacts": list(contacts),
            "attributes": _attributes(
                "organization", organisation.id, [("organisatietype", organisation.type)]
            ),
            "metadata": [metadata_record(dataset, "organization", organisation)],
        }
    )


def region_contact(dataset: Dataset) -> Record:
    """The region's public contact point (a role, never a person) as a contact of its organisation."""
    contact = dataset.region.contact
    contact_id = stable_id("contact:region")
    phones = []
    if contact.phone:
        phones.append(
            {
                "id": stable_id("phone:contact:region"),
                "contact_id": contact_id,
                "number": contact.phone,
                "type": "voice",
            }
        )
    return _without_empty(
        {
            "id": contact_id,
            "organization_id": stable_id(f"organisation:{contact.organisation}"),
            "name": f"Contactpunt regio {dataset.region.name}",
            "email": contact.email,
            "phones": phones,
        }
    )


# The offer's fields HSDS gives as terms: (field, vocabulary), declared in models/fields.py.
_TERM_FIELDS = [
    (name, decision.vocabulary)
    for name, declared in OFFER.items()
    if not isinstance(declared.hsds, Omitted)
    for decision in declared.hsds
    if isinstance(decision, Term)
]
# The order of a service's attributes by vocabulary, as exports have always had it.
_ATTRIBUTE_ORDER = {
    code: index
    for index, code in enumerate(
        (
            *("categorie", "rol", "leeftijd", "geslacht", "kader", "fase", "gezinsprofiel"),
            *("contra-indicatie", "werkvorm", "soort", "effectiviteit", "eis", "kenmerk"),
            "databank",
        )
    )
}

# The terms of a field that holds more than a value or a list of our vocabularies.
_TERMS_OF: dict[str, Callable[[Offer], Sequence[str]]] = {
    "contraindicated_profiles": contraindicated_profiles,  # with those the rules derive
    "databank": lambda offer: [offer.databank.name] if offer.databank else [],
}


def _terms_of(offer: Offer, name: str) -> Sequence[str]:
    if name in _TERMS_OF:
        return _TERMS_OF[name](offer)
    value = getattr(offer, name)
    key = OFFER[name].key
    if key:  # a yes/no fact: its term when true
        return [key] if value else []
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def offer_terms(offer: Offer) -> list[tuple[str, str]]:
    """What the offer says in our vocabularies, as (vocabulary, value) pairs: by vocabulary in
    _ATTRIBUTE_ORDER, a list in the offer's order, the yes/no facts in FEATURES' order."""
    found = [
        (name, vocabulary, value)
        for name, vocabulary in _TERM_FIELDS
        for value in _terms_of(offer, name)
    ]
    found.sort(
        key=lambda term: (
            _ATTRIBUTE_ORDER[term[1]],
            FEATURES.index(term[0]) if term[0] in FEATURES else 0,
        )
    )
    return [(vocabulary, value) for _, vocabulary, value in found]


def offer_description(offer: Offer) -> str:
    """The offer's texts as one (HSDS has one description field): the summary and description,
    then the others, each after the label the page shows it under (models/fields.py)."""

    def labelled(name: str, text: str | None) -> str | None:
        return f"{place_label(Offer, name)}: {text}" if text else None

    contra = label_of(Offer, "contraindicated_profiles")
    parts = [
        offer.summary,
        offer.description,
        labelled("goal", offer.goal),
        labelled("duration", offer.duration),
        *(f"{contra} bij {label(c.profile).lower()}: {c.reason}" for c in contraindications(offer)),
        labelled("effectiveness_note", offer.effectiveness_note),
        # What the intervention databanks describe, where a source gives it.
        labelled("approach", offer.approach),
        labelled("working_elements", "; ".join(offer.working_elements)),
        labelled("required_expertise", offer.required_expertise),
        labelled("quality_assurance", offer.quality_assurance),
        labelled("preconditions", offer.preconditions),
        labelled("provider_description", offer.provider_description),
    ]
    return "\n\n".join(part for part in parts if part)


def accreditation(offer: Offer) -> str | None:
    """The databank's assessment (HSDS 'accreditations'): which databank, what, when, where."""
    entry = offer.databank
    if entry is None:
        return None
    text = str(entry.name) + (f": {entry.assessment}" if entry.assessment else "")
    if entry.assessed_on:
        text += f" ({entry.assessed_on.isoformat()})"
    return text + (f" {entry.url}" if entry.url else "")


# The service's fields we fill from an offer, in the order of HSDS's schema
# (vendor/hsds-3.0/schema/service.json).
SERVICE_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "url",
    "status",
    "application_process",
    "fees_description",
    "accreditations",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
)
# The offer's fields that HSDS holds in a service field of its own: (field, service field).
_SERVICE_TARGETS = [
    (name, decision.name)
    for name, declared in OFFER.items()
    if not isinstance(declared.hsds, Omitted)
    for decision in declared.hsds
    if isinstance(decision, Target) and decision.name in SERVICE_FIELDS
]


def _service_value(offer: Offer, name: str) -> Any:
    """A field's value as its service field holds it."""
    value = getattr(offer, name)
    if name == "databank":
        return accreditation(offer)
    if isinstance(value, list):
        return "; ".join(value)
    return value.isoformat() if isinstance(value, date) else value


def offer_fields(offer: Offer) -> Record:
    """The service's own fields from an offer: each that models/fields.py maps to a field of
    the service, the description (offer_description) and the status."""
    found = {target: _service_value(offer, name) for name, target in _SERVICE_TARGETS}
    found |= {"description": offer_description(offer), "status": STATUS}
    return {target: found.get(target) for target in SERVICE_FIELDS}


UNKNOWN_PROVIDER_ID = stable_id("unknown-organisation")
# What the description of a service whose provider the sources do not name says about it.
UNKNOWN_PROVIDER_NOTE = "Aanbieder: onbekend; de bronnen noemen (nog) geen aanbieder."


def unknown_provider() -> Record:
    """The organisation of services whose provider our sources do not name. HSDS's JSON could
    leave such a service without one, but its tables cannot: service.organization_id is
    required in the tabular format (schema.csv, constraints_tablular_required), so the export
    publishes this record, which says that it is none. Its key has no "organisation:" prefix,
    so no slug can take its id."""
    return {
        "id": UNKNOWN_PROVIDER_ID,
        "name": "Aanbieder onbekend",
        "description": (
            "Geen echte organisatie: hieraan zijn de diensten gekoppeld waarvan de bronnen van "
            "regiokaart (nog) geen aanbieder noemen, omdat HSDS in tabellen bij elke dienst een "
            "organisatie vraagt. Zie de beschrijving van de dienst."
        ),
    }


def service_record(dataset: Dataset, offer: Offer) -> Record:
    """An HSDS service document: the offer with its organisation, areas, attributes and
    provenance."""
    service_id = stable_id(f"service:{offer.id}")
    providers = offer_providers(dataset, offer)
    # HSDS links a service to one organisation: the first provider (the region's own, when its
    # notes name one); a text names them all, or says that the sources name none.
    organisation = organisation_record(dataset, providers[0]) if providers else unknown_provider()
    description = offer_description(offer)
    if len(providers) > 1:
        description += "\n\nAanbieders: " + ", ".join(org.name for org in providers) + "."
    if not providers:
        description = "\n\n".join(part for part in (description, UNKNOWN_PROVIDER_NOTE) if part)
    areas = [
        {
            "id": stable_id(f"service_area:{offer.id}:{name}"),
            "service_id": service_id,
            "name": name,
        }
        for name in area_places(offer.area, dataset.region).named
    ]
    return _without_empty(
        {
            "id": service_id,
            "organization_id": organisation["id"],
            **offer_fields(offer),
            "description": description,
            "service_areas": areas,
            "organization": organisation,
            "attributes": _attributes("service", offer.id, offer_terms(offer)),
            "metadata": [metadata_record(dataset, "service", offer)],
        }
    )


# ---------------------------------------------------------------------------------------------
# The tabular data package


@dataclass(frozen=True)
class Column:
    name: str
    # The Frictionless type: HSDS's datapackage_type where it gives one (date, number), else its
    # JSON type.
    type: str = "string"
    format: str | None = None  # uuid, email, uri
    references: str | None = None  # the table whose id this column holds: a foreign key


def _uuid(name: str, references: str | None = None) -> Column:
    return Column(name, format="uuid", references=references)


# The columns we fill, in the order of the official table schemas (each a subset of them; the
# tests check names, types and formats against the vendored schemas). Two links have no foreign
# key, because the table they point into depends on the row: attributes.link_id (an organisation
# or a service, as link_entity says) and metadata.resource_id (as resource_type says); Frictionless
# declares a foreign key into one resource only.
TABLES: dict[str, list[Column]] = {
    "organizations": [
        _uuid("id"),
        Column("name"),
        Column("alternate_name"),
        Column("description"),
        Column("email", format="email"),
        Column("website", format="uri"),
    ],
    "services": [
        _uuid("id"),
        _uuid("organization_id", "organizations"),
        Column("name"),
        Column("alternate_name"),
        Column("description"),
        Column("url", format="uri"),
        Column("status"),
        Column("application_process"),
        Column("fees_description"),
        Column("eligibility_description"),
        Column("minimum_age", "number"),
        Column("maximum_age", "number"),
        Column("assured_date", "date"),
    ],
    "service_areas": [_uuid("id"), _uuid("service_id", "services"), Column("name")],
    "phones": [
        _uuid("id"),
        _uuid("organization_id", "organizations"),
        _uuid("contact_id", "contacts"),
        Column("number"),
        Column("type"),
    ],
    "contacts": [
        _uuid("id"),
        _uuid("organization_id", "organizations"),
        Column("name"),
        Column("email", format="email"),
    ],
    "attributes": [
        _uuid("id"),
        _uuid("link_id"),
        _uuid("taxonomy_term_id", "taxonomy_terms"),
        Column("link_type"),
        Column("link_entity"),
    ],
    "taxonomies": [_uuid("id"), Column("name"), Column("description"), Column("version")],
    "taxonomy_terms": [
        _uuid("id"),
        Column("code"),
        Column("name"),
        Column("description"),
        _uuid("parent_id", "taxonomy_terms"),
        Column("taxonomy"),
        Column("language"),
        _uuid("taxonomy_id", "taxonomies"),
    ],
    "metadata": [
        _uuid("id"),
        _uuid("resource_id"),
        Column("resource_type"),
        Column("last_action_date", "date"),
        Column("last_action_type"),
        Column("field_name"),
        Column("previous_value"),
        Column("replacement_value"),
        Column("updated_by"),
    ],
}
# Tables whose empty cells are empty texts, not missing values: HSDS requires metadata's
# field_name and previous_value, which our provenance leaves empty (metadata_record).
EMPTY_IS_TEXT = frozenset({"metadata"})


@dataclass(frozen=True)
class Export:
    """The records of one export, each kind as a list of HSDS documents."""

    organizations: list[Record]
    services: list[Record]
    contacts: list[Record]
    taxonomies: list[Record]
    taxonomy_terms: list[Record]


def collect(dataset: Dataset) -> Export:
    """Every organisation and offer of the portal (national layer and region merged), and the
    organisation 'Aanbieder onbekend' when a service is linked to it."""
    contacts = [region_contact(dataset)]

    def contacts_of(organisation: Organisation) -> list[Record]:
        org_id = stable_id(f"organisation:{organisation.id}")
        return [contact for contact in contacts if contact["organization_id"] == org_id]

    organizations = [
        organisation_record(dataset, o, contacts_of(o)) for o in dataset.organisations.values()
    ]
    services = [service_record(dataset, offer) for offer in dataset.offers.values()]
    if any(service["organization_id"] == UNKNOWN_PROVIDER_ID for service in services):
        organizations.append(unknown_provider())
    return Export(
        organizations=organizations,
        services=services,
        contacts=contacts,
        taxonomies=[taxonomy_record()],
        taxonomy_terms=taxonomy_terms(),
    )


def table_rows(export: Export) -> dict[str, list[Record]]:
    """The records flattened into the tables of the tabular format."""
    phones = [phone for org in export.organizations for phone in org.get("phones", [])]
    phones += [phone for contact in export.contacts for phone in contact.get("phones", [])]
    attributes = [a for org in export.organizations for a in org.get("attributes", [])]
    attributes += [a for service in export.services for a in service.get("attributes", [])]
    return {
        "organizations": export.organizations,
        "services": export.services,
        "service_areas": [a for s in export.services for a in s.get("service_areas", [])],
        "phones": phones,
        "contacts": export.contacts,
        "attributes": attributes,
        "taxonomies": export.taxonomies,
        "taxonomy_terms": export.taxonomy_terms,
        # 'Aanbieder onbekend' has no source, so no provenance
        "metadata": [
            m for r in (*export.organizations, *export.services) for m in r.get("metadata", [])
        ],
    }


def _cell(value: Any) -> str:
    return "" if value is None else neutralise_cell(str(value))


def table_writer(out: TextIO) -> Any:
    """A CSV writer into out (comma, UTF-8, CRLF: the Frictionless default; out opened with
    newline="")."""
    return csv.writer(out, lineterminator="\r\n")


def table_header(columns: Sequence[Column]) -> list[str]:
    return [column.name for column in columns]


def table_row(columns: Sequence[Column], record: Record) -> list[str]:
    """A record's row of a table; no cell starts a formula."""
    return [_cell(record.get(column.name)) for column in columns]


def render_table(columns: Sequence[Column], records: Iterable[Record]) -> str:
    """A CSV table (table_writer); no cell starts a formula."""
    out = io.StringIO()
    writer = table_writer(out)
    writer.writerow(table_header(columns))
    for record in records:
        writer.writerow(table_row(columns, record))
    return out.getvalue()


# The licences a region's data_licence can name that a data package names by their Open
# Definition id (for these the same as SPDX's), with where their text is. Another text has no id;
# Frictionless asks a licence for an id or a path, so the package's description gives it instead.
KNOWN_LICENCES = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
}


def licence_id(text: str) -> str | None:
    """The id of a licence text of KNOWN_LICENCES ("CC BY 4.0" -> "CC-BY-4.0"), else None."""
    code = re.sub(r"[\s-]+", "-", text.strip()).upper()
    return code if code in KNOWN_LICENCES else None


def _foreign_key(table: str, column: Column) -> Record:
    # Frictionless (Table Schema 1.0): a key into the table's own resource names resource "".
    resource = "" if column.references == table else column.references
    return {"fields": column.name, "reference": {"resource": resource, "fields": "id"}}


def table_schema(table: str) -> Record:
    """The Table Schema of one of TABLES: its fields, primary key and foreign keys."""
    columns = TABLES[table]
    schema: Record = {
        "fields": [
            _without_empty({"name": c.name, "type": c.type, "format": c.format}) for c in columns
        ],
        "primaryKey": "id",
    }
    keys = [_foreign_key(table, c) for c in columns if c.references]
    if keys:
        schema["foreignKeys"] = keys
    if table in EMPTY_IS_TEXT:
        schema["missingValues"] = []
    return schema


def datapackage(region: str, licence: str | None) -> Record:
    """The Frictionless descriptor of the CSV files; licence is the region's data_licence."""
    resources = [
        {
            "name": table,
            "path": f"{table}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n"},
            "schema": table_schema(table),
        }
        for table in TABLES
    ]
    package: Record = {
        "profile": "tabular-data-package",
        "name": "regiokaart-hsds",
        "title": f"Hulpaanbod huiselijk geweld en kindermishandeling, regio {region} (HSDS 3.0)",
    }
    known = licence_id(licence) if licence else None
    if known:
        package["licenses"] = [{"name": known, "path": KNOWN_LICENCES[known], "title": licence}]
    elif licence:
        package["description"] = f"Regio {region} stelt de gegevens beschikbaar onder: {licence}."
    package["resources"] = resources
    return package


def _json(value: Any) -> str:
    # Without indentation: the services file is the largest of the site (8 kB per offer with it).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


README = """\
Open Referral HSDS 3.0-export van regiokaart, regio {region}
{underline}

Deze map bevat alle organisaties en al het aanbod van het portaal van regio {region}: de
landelijke laag en de regio samen, zoals het portaal ze toont. Het formaat is HSDS 3.0, de Human
Services Data Specification van Open Referral (https://openreferral.org/).

json/      HSDS-documenten: organizations.json en services.json (elke dienst met zijn organisatie,
           werkgebieden, attributen en herkomst), contacts.json, taxonomies.json en
           taxonomy_terms.json.
tabular/   dezelfde gegevens als tabellen: één CSV-bestand per tabel met datapackage.json
           (Frictionless Data). Een cel die met =, +, - of @ begint, krijgt een apostrof ervoor,
           zodat een spreadsheet hem niet als formule uitvoert.

Ids zijn UUID's die uit de ids van regiokaart worden afgeleid: een nieuwe export geeft elk record
dezelfde id, zolang de id in de gegevens niet verandert. Elke dienst heeft status 'active'.

HSDS koppelt een dienst aan één organisatie: dat is de eerste aanbieder (bij meer aanbieders noemt
de beschrijving ze allemaal). Noemen de bronnen geen aanbieder, dan zegt de beschrijving dat en is
de dienst gekoppeld aan de organisatie 'Aanbieder onbekend': geen echte organisatie, maar HSDS
vraagt in tabellen bij elke dienst een organisatie. Elke organization_id in de export is de id
van een organisatie in organizations.json en organizations.csv.

Effectiviteit, kader, fase, voor wie (rol), leeftijd, geslacht, categorie, gezinsprofiel,
contra-indicatie, eisen en kenmerken staan als attributen bij de dienst; ze verwijzen naar de
termen van de taxonomie 'regiokaart' (versie {version}), die in taxonomies.json en
taxonomy_terms.json staat.

Herkomst: elke organisatie en elke dienst heeft één metadata-record (in de JSON onder
'metadata', in de tabellen in metadata.csv). Daarin staat:
  last_action_date   de peildatum: de dag waarop het record voor het laatst is gecontroleerd;
  last_action_type   '{action}': gecontroleerd aan de bron;
  replacement_value  de bron: document en hoofdstuk of paragraaf;
  updated_by         wie voor het record verantwoordelijk is: 'regio {region}' of
                     '{national}' (nooit een persoon).
field_name en previous_value zijn leeg: het metadata-record gaat over de organisatie of dienst
als geheel, en regiokaart bewaart geen eerdere waarden. 'Aanbieder onbekend' heeft geen bron en dus geen metadata.

datapackage.json noemt de verwijzingen tussen de tabellen (foreignKeys), zodat een programma ze
kan controleren. Twee verwijzingen hebben er geen, omdat de tabel waarin ze wijzen per rij
verschilt: attributes.link_id (een organisatie of een dienst, zie link_entity) en
metadata.resource_id (zie resource_type). Kolommen met een datum (assured_date,
last_action_date) hebben het type date (JJJJ-MM-DD). In metadata.csv is een lege cel een lege
tekst, geen ontbrekende waarde. Heeft de regio een licentie vastgelegd, dan noemt
datapackage.json die.

Gemaakt met 'regiokaart export hsds'. Een nieuwe export in deze map vervangt deze bestanden.
"""


def render_export(dataset: Dataset) -> dict[str, str]:
    """Every file of the export, by its path inside the export folder."""
    export = collect(dataset)
    region = dataset.region.name
    files = {
        "LEESMIJ.txt": README.format(
            region=region,
            underline="=" * (58 + len(region)),
            version=TAXONOMY_VERSION,
            action=LAST_ACTION_TYPE,
            national=NATIONAL_LAYER,
        ),
        "json/organizations.json": _json(export.organizations),
        "json/services.json": _json(export.services),
        "json/contacts.json": _json(export.contacts),
        "json/taxonomies.json": _json(export.taxonomies),
        "json/taxonomy_terms.json": _json(export.taxonomy_terms),
    }
    for table, records in table_rows(export).items():
        files[f"tabular/{table}.csv"] = render_table(TABLES[table], records)
    files["tabular/datapackage.json"] = _json(datapackage(region, dataset.region.data_licence))
    return files
