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

Our vocabularies (models/vocabulary.py) become the taxonomy "regiokaart": one parent term per
vocabulary, one child term per value, with the Dutch label users read. Whatever an offer says in
those vocabularies (effectiveness, frameworks, phases, target groups, ...) becomes an attribute of
its service pointing at a term; the taxonomy is published with the export. Which field of an offer
becomes which service field, term or paragraph of the description, and which fields stay out and
why, is declared with the field (models/fields.py); this module asks it.
"""

import csv
import io
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from regiokaart.checks.contraindications import contraindicated_profiles, contraindications
from regiokaart.csv_cells import neutralise_cell
from regiokaart.dataset import Dataset
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


_KEY_OF_ENTITY = {"organization": "organisation", "service": "service"}


def _without_empty(record: Record) -> Record:
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def organisation_record(organisation: Organisation, contacts: Sequence[Record] = ()) -> Record:
    """An HSDS organization document with its phone, contacts and attributes."""
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


def unknown_provider() -> Record:
    """The organisation of services whose provider our sources do not name: HSDS's tables need
    one for every service. Its key has no "organisation:" prefix, so no slug can take its id."""
    return {
        "id": stable_id("unknown-organisation"),
        "name": "Aanbieder onbekend",
        "description": (
            "De bronnen van regiokaart noemen (nog) geen aanbieder van deze diensten; "
            "zie de beschrijving van de dienst."
        ),
    }


def service_record(dataset: Dataset, offer: Offer) -> Record:
    """An HSDS service document: the offer with its organisation, areas and attributes."""
    service_id = stable_id(f"service:{offer.id}")
    providers = offer_providers(dataset, offer)
    # HSDS links a service to one organisation: the first provider (the region's own, when its
    # notes name one); a text names them all.
    organisation = organisation_record(providers[0]) if providers else unknown_provider()
    description = offer_description(offer)
    if len(providers) > 1:
        description += "\n\nAanbieders: " + ", ".join(org.name for org in providers) + "."
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
        }
    )


# ---------------------------------------------------------------------------------------------
# The tabular data package


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"  # the HSDS (and Frictionless) type
    format: str | None = None  # uuid, email, uri


def _uuid(name: str) -> Column:
    return Column(name, format="uuid")


# The columns we fill, in the order of the official table schemas (each a subset of them; the
# tests check names, types and formats against the vendored schemas).
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
        _uuid("organization_id"),
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
        Column("assured_date"),
    ],
    "service_areas": [_uuid("id"), _uuid("service_id"), Column("name")],
    "phones": [
        _uuid("id"),
        _uuid("organization_id"),
        _uuid("contact_id"),
        Column("number"),
        Column("type"),
    ],
    "contacts": [
        _uuid("id"),
        _uuid("organization_id"),
        Column("name"),
        Column("email", format="email"),
    ],
    "attributes": [
        _uuid("id"),
        _uuid("link_id"),
        _uuid("taxonomy_term_id"),
        Column("link_type"),
        Column("link_entity"),
    ],
    "taxonomies": [_uuid("id"), Column("name"), Column("description"), Column("version")],
    "taxonomy_terms": [
        _uuid("id"),
        Column("code"),
        Column("name"),
        Column("description"),
        _uuid("parent_id"),
        Column("taxonomy"),
        Column("language"),
        _uuid("taxonomy_id"),
    ],
}


@dataclass(frozen=True)
class Export:
    """The records of one export, each kind as a list of HSDS documents."""

    organizations: list[Record]
    services: list[Record]
    contacts: list[Record]
    taxonomies: list[Record]
    taxonomy_terms: list[Record]


def collect(dataset: Dataset) -> Export:
    """Every organisation and offer of the portal (national layer and region merged)."""
    contacts = [region_contact(dataset)]

    def contacts_of(organisation: Organisation) -> list[Record]:
        org_id = stable_id(f"organisation:{organisation.id}")
        return [contact for contact in contacts if contact["organization_id"] == org_id]

    return Export(
        organizations=[
            organisation_record(o, contacts_of(o)) for o in dataset.organisations.values()
        ],
        services=[service_record(dataset, offer) for offer in dataset.offers.values()],
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
    }


def _cell(value: Any) -> str:
    return "" if value is None else neutralise_cell(str(value))


def render_table(columns: Sequence[Column], records: Iterable[Record]) -> str:
    """A CSV table (comma, UTF-8, CRLF: the Frictionless default); no cell starts a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    for record in records:
        writer.writerow([_cell(record.get(column.name)) for column in columns])
    return out.getvalue()


def datapackage(region: str) -> Record:
    """The Frictionless descriptor of the CSV files."""
    resources = []
    for table, columns in TABLES.items():
        fields = [
            _without_empty({"name": c.name, "type": c.type, "format": c.format}) for c in columns
        ]
        resources.append(
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n"},
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "regiokaart-hsds",
        "title": f"Hulpaanbod huiselijk geweld en kindermishandeling, regio {region} (HSDS 3.0)",
        "resources": resources,
    }


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
           werkgebieden en attributen), contacts.json, taxonomies.json en taxonomy_terms.json.
tabular/   dezelfde gegevens als tabellen: één CSV-bestand per tabel met datapackage.json
           (Frictionless Data). Een cel die met =, +, - of @ begint, krijgt een apostrof ervoor,
           zodat een spreadsheet hem niet als formule uitvoert.

Ids zijn UUID's die uit de ids van regiokaart worden afgeleid: een nieuwe export geeft elk record
dezelfde id, zolang de id in de gegevens niet verandert. Elke dienst heeft status 'active'. HSDS
koppelt een dienst aan één organisatie: dat is de eerste aanbieder (bij meer aanbieders noemt de
beschrijving ze allemaal); noemen de bronnen geen aanbieder, dan is dat de organisatie 'Aanbieder
onbekend'. Effectiviteit, kader, fase,
voor wie (rol), leeftijd, geslacht, categorie, gezinsprofiel, contra-indicatie, eisen en kenmerken staan als attributen bij
de dienst; ze verwijzen naar de termen van de taxonomie 'regiokaart' (versie {version}), die in
taxonomies.json en taxonomy_terms.json staat.

Gemaakt met 'regiokaart export hsds'. Een nieuwe export in deze map vervangt deze bestanden.
"""


def render_export(dataset: Dataset) -> dict[str, str]:
    """Every file of the export, by its path inside the export folder."""
    export = collect(dataset)
    region = dataset.region.name
    files = {
        "LEESMIJ.txt": README.format(
            region=region, underline="=" * (58 + len(region)), version=TAXONOMY_VERSION
        ),
        "json/organizations.json": _json(export.organizations),
        "json/services.json": _json(export.services),
        "json/contacts.json": _json(export.contacts),
        "json/taxonomies.json": _json(export.taxonomies),
        "json/taxonomy_terms.json": _json(export.taxonomy_terms),
    }
    for table, records in table_rows(export).items():
        files[f"tabular/{table}.csv"] = render_table(TABLES[table], records)
    files["tabular/datapackage.json"] = _json(datapackage(region))
    return files
