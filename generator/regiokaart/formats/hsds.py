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
its service pointing at a term; the taxonomy is published with the export.
"""

import csv
import io
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from regiokaart.checks.contraindications import contraindicated_profiles, contraindications
from regiokaart.csv_cells import neutralise_cell
from regiokaart.dataset import Dataset
from regiokaart.models.common import Area
from regiokaart.models.offer import Offer
from regiokaart.models.organisation import Organisation
from regiokaart.models.vocabulary import (
    LVB_LABEL,
    AgeGroup,
    AreaScope,
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

# Fixed for good: changing it changes every exported id.
NAMESPACE = uuid.UUID("de2224f8-e65e-46c6-a0cf-2110b56fc9a6")
TAXONOMY_NAME = "regiokaart"
# Raise when a vocabulary changes meaning (not when a value is added).
TAXONOMY_VERSION = "2"  # 2: doelgroep split into rol, leeftijd, geslacht and kenmerk lvb
LANGUAGE = "nl"
NATIONAL_AREA = "Nederland"
EXPORT_MARKER = ".regiokaart-hsds-export"  # marks a folder as ours to write into again
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
    values: Sequence[StrEnum]
    value_label: Callable[[StrEnum], str] = label


def _contraindicated(value: StrEnum) -> str:
    return f"Contra-indicatie: {label(value)}"


def _feature_label(value: StrEnum) -> str:
    return FEATURE_LABELS[Feature(value)]


class Feature(StrEnum):
    """The yes/no fields of an offer, as terms: an offer gets the term when the field is true."""

    SYSTEEMGERICHT = "systeemgericht"
    ERVARINGSDESKUNDIGEN = "met-ervaringsdeskundigen"
    LAAGDREMPELIG = "laagdrempelig"
    GHNT = "ghnt-gefinancierd"
    LVB = "lvb"


FEATURE_LABELS = {
    Feature.SYSTEEMGERICHT: "Systeemgericht",
    Feature.ERVARINGSDESKUNDIGEN: "Met ervaringsdeskundigen",
    Feature.LAAGDREMPELIG: "Laagdrempelig",
    Feature.GHNT: "Gefinancierd uit de GHNT-middelen",
    Feature.LVB: LVB_LABEL,
}

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
    Vocabulary("kenmerk", "Kenmerk", "Kenmerk van het aanbod", list(Feature), _feature_label),
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


def _term_id(vocabulary: str, value: StrEnum | None = None) -> str:
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


def _attributes(entity: str, our_id: str, values: Iterable[tuple[str, StrEnum]]) -> list[Record]:
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


def area_names(area: Area) -> list[str]:
    """The names of the places an area covers; none when it is unknown."""
    if area.scope is AreaScope.LANDELIJK:
        return [NATIONAL_AREA]
    if area.scope is AreaScope.REGIO:
        return list(area.regions)
    if area.scope is AreaScope.GEMEENTEN:
        return list(area.municipalities)
    return []


def offer_terms(offer: Offer) -> list[tuple[str, StrEnum]]:
    """What the offer says in our vocabularies, as (vocabulary, value) pairs."""
    features = {
        Feature.SYSTEEMGERICHT: offer.system_oriented,
        Feature.ERVARINGSDESKUNDIGEN: offer.with_experts_by_experience,
        Feature.LAAGDREMPELIG: offer.low_threshold,
        Feature.GHNT: offer.ghnt_funded,
        Feature.LVB: offer.lvb,
    }
    return [
        *(("categorie", value) for value in offer.categories),
        *(("rol", value) for value in offer.roles),
        *(("leeftijd", value) for value in offer.ages),
        *(("geslacht", value) for value in offer.genders),
        *(("kader", value) for value in offer.frameworks),
        *(("fase", value) for value in offer.phases),
        *(("gezinsprofiel", value) for value in offer.family_profiles),
        *(("contra-indicatie", value) for value in contraindicated_profiles(offer)),
        *(("werkvorm", value) for value in offer.formats),
        *((("soort", offer.purpose),) if offer.purpose else ()),
        ("effectiviteit", offer.effectiveness),
        *(("eis", value) for value in offer.meets_requirements),
        *(("kenmerk", feature) for feature, present in features.items() if present),
        *((("databank", offer.databank.name),) if offer.databank else ()),
    ]


def offer_description(offer: Offer) -> str:
    """Summary, description and goal as one text (HSDS has one description field)."""
    parts = [offer.summary, offer.description, f"Doel: {offer.goal}" if offer.goal else None]
    if offer.duration:
        parts.append(f"Duur: {offer.duration}")
    parts += [
        f"Contra-indicatie bij {label(c.profile).lower()}: {c.reason}"
        for c in contraindications(offer)
    ]
    if offer.effectiveness_note:
        parts.append(f"Effectiviteit: {offer.effectiveness_note}")
    # What the intervention databanks describe, where a source gives it.
    parts += [
        f"Aanpak: {offer.approach}" if offer.approach else None,
        "Werkzame elementen: " + "; ".join(offer.working_elements)
        if offer.working_elements
        else None,
        f"Benodigde deskundigheid of training: {offer.required_expertise}"
        if offer.required_expertise
        else None,
        f"Kwaliteitsbewaking: {offer.quality_assurance}" if offer.quality_assurance else None,
        f"Randvoorwaarden: {offer.preconditions}" if offer.preconditions else None,
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


def offer_fields(offer: Offer) -> Record:
    """The service's own fields from an offer. The extension point for new Offer fields: map one
    here when HSDS has a field for it, or give it a vocabulary in VOCABULARIES and a line in
    offer_terms when it is a closed list."""
    return {
        "name": offer.name,
        "alternate_name": "; ".join(offer.aliases),
        "description": offer_description(offer),
        "url": offer.website,
        "status": STATUS,
        "application_process": offer.access,
        "fees_description": offer.cost,
        "accreditations": accreditation(offer),
        "eligibility_description": offer.target_group_description,
        "minimum_age": offer.age_min,
        "maximum_age": offer.age_max,
        "assured_date": offer.peildatum.isoformat(),
    }


def providers_of(dataset: Dataset, offer: Offer) -> list[str]:
    """The offer's providers, then those the region's notes add, each once."""
    ids = [*offer.providers]
    for note in dataset.local_notes.get(offer.id, []):
        ids.extend(note.providers)
    return [org for org in dict.fromkeys(ids) if org in dataset.organisations]


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
    providers = [dataset.organisations[org] for org in providers_of(dataset, offer)]
    # HSDS links a service to one organisation: the first provider; a text names them all.
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
        for name in area_names(offer.area)
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
