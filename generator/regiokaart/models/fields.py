"""Every field of a record, declared once: the Dutch label users read and what it means, and what
each output does with it, or why that output leaves it out.

The outputs of an offer or an organisation are its page, the coordinators' workbook
(formats/workbook), the HSDS export (formats/hsds.py) and the social map's filters
(site/pages/facets.py); each asks this module for its labels, columns, targets and keys, and
`regiokaart schema` gives the label and help to an editor (schemas/). The other records only reach
their pages; for them PAGE_ONLY says where. tests/test_fields_shown.py fails when a field has no
decision for an output, and checks that the outputs show the labels declared here.

A label is the page's word for the field. A workbook column is headed by the label unless the
column says otherwise (a list column in the plural, a shorter header), and keeps the headers that
earlier versions wrote, so that an old workbook still imports.
"""

from dataclasses import dataclass

from pydantic import BaseModel

from regiokaart.models.bouwsteen import Bouwsteen, Bundle, Question
from regiokaart.models.glossary import Term as GlossaryTerm
from regiokaart.models.knowledge import (
    Checklist,
    SuccessFactor,
    SuccessTheme,
    VisionPhase,
    VisionProfile,
)
from regiokaart.models.module import Activity, ExternalPartner, Module, Origin, Role
from regiokaart.models.offer import DatabankEntry, LocalNote, Offer
from regiokaart.models.organisation import Organisation
from regiokaart.models.vocabulary import LVB_LABEL

# --- the kinds of decision ----------------------------------------------------------------------


@dataclass(frozen=True)
class Omitted:
    """An output leaves the field out on purpose, for this reason."""

    reason: str


@dataclass(frozen=True)
class Shown:
    """Where the page shows the field (a few words, when it is neither a row nor a heading)."""

    where: str


ROW = Shown("a row of the facts table, headed by the label")
HEADING = Shown("a section headed by the label")


@dataclass(frozen=True)
class InRowOf:
    """The page shows the field inside the row of another field ("alleen mannen" in Voor wie)."""

    field: str


@dataclass(frozen=True)
class Column:
    """The field's column in the workbook: headed by the label unless header says otherwise;
    old_headers are headers earlier versions wrote, still read on import."""

    header: str | None = None
    old_headers: tuple[str, ...] = ()


COLUMN = Column()  # headed by the label


@dataclass(frozen=True)
class SheetColumn:
    """One column of a record held inside the record (its source, its area): header and help."""

    header: str
    help: str


@dataclass(frozen=True)
class Nested:
    """A record inside the record: a workbook column per field of it, by path inside it."""

    columns: dict[str, SheetColumn]


@dataclass(frozen=True)
class Target:
    """HSDS: the field of the service (an offer) or organization (an organisation) that holds it."""

    name: str


@dataclass(frozen=True)
class Term:
    """HSDS: an attribute pointing at a term of this vocabulary of the taxonomy; a yes/no fact is
    the term named by its key, when it is true."""

    vocabulary: str


@dataclass(frozen=True)
class Described:
    """HSDS: a paragraph of the service's description (HSDS has one text for what we say in several
    fields), after the label where the field is not the opening text."""


DESCRIBED = Described()


@dataclass(frozen=True)
class Filter:
    """The social map: the filter this field feeds (its key is the URL parameter and the key in
    filters.json and aanbod.json), titled by the label unless title says otherwise; a yes/no fact
    is the value named by its key, when it is true."""

    key: str
    title: str | None = None


Page = Shown | InRowOf | Omitted
Sheet = Column | Nested | Omitted
Hsds = tuple[Target | Term | Described, ...] | Omitted


@dataclass(frozen=True)
class Declared:
    """One field: its label and help, and a decision for each output."""

    label: str  # the page's word for it, also in HSDS's texts and terms and the map's filters
    help: str  # what it holds, as the workbook's Uitleg sheet and an editor (schemas/) say it
    page: Page
    sheet: Sheet
    hsds: Hsds
    facet: Filter | Omitted
    # A yes/no fact's word in the map's filter, its URL and HSDS's kenmerk terms alike.
    key: str | None = None

    @property
    def header(self) -> str:
        """The workbook's header of the field's column (of a field that has one column)."""
        if isinstance(self.sheet, Column) and self.sheet.header:
            return self.sheet.header
        return self.label


# --- reasons given more than once ---------------------------------------------------------------

NOT_FILTERED = Omitted(
    "the social map filters on closed lists and yes/no facts; a text or a number is found with "
    "the search"
)
NO_FILTER_OF_ORGANISATIONS = Omitted("the social map filters offers, not organisations")
NO_SOURCE_IN_HSDS = Omitted("HSDS 3.0 has no field for the passage a fact comes from")
ABOUT_THE_RECORD = Omitted(
    "it says where the record comes from or when it was checked, not what the offer is"
)
NOTE_NOT_FILTERED = Omitted("the social map filters on an offer's own facts; a note adds none")
SOURCE_NOTE = Shown("the source note at the end of the page")
IN_SOURCE_NOTE = Shown("in the source note at the end of the page ('peildatum …')")
ADDRESS = Shown("the page's address (its last part)")
TITLE = Shown("the page's title")

SOURCE_COLUMNS = {
    "document": SheetColumn("Bron: document", "id van een document uit sources.yaml"),
    "section": SheetColumn("Bron: hoofdstuk", "hoofdstuk of paragraaf in dat document"),
    "page": SheetColumn("Bron: pagina", "paginanummer in dat document"),
}
AREA_COLUMNS = {
    "scope": SheetColumn("Werkgebied", "landelijk, een of meer regio's, of gemeenten van de regio"),
    "regions": SheetColumn("Regio's", "bij werkgebied 'regio': de regio's"),
    "municipalities": SheetColumn("Gemeenten", "bij werkgebied 'gemeenten': de gemeenten"),
}
PEILDATUM_HELP = "datum waarop de gegevens zijn nagekeken (JJJJ-MM-DD)"

# --- offers -------------------------------------------------------------------------------------

OFFER: dict[str, Declared] = {
    "id": Declared(
        "Id",
        "vaste sleutel van het record: kleine letters, cijfers en koppeltekens",
        page=ADDRESS,
        sheet=COLUMN,
        hsds=(Target("id"),),  # as a UUID derived from it
        facet=NOT_FILTERED,
    ),
    "name": Declared(
        "Naam",
        "de naam zoals de bronnen hem schrijven",
        page=TITLE,
        sheet=COLUMN,
        hsds=(Target("name"),),
        facet=NOT_FILTERED,
    ),
    "aliases": Declared(
        "Andere namen",
        "andere namen die de bronnen gebruiken",
        page=Omitted(
            "not on the page: they match the record to the sources that use another name "
            "(tests/test_fidelity.py); the workbook and HSDS carry them"
        ),
        sheet=COLUMN,
        hsds=(Target("alternate_name"),),
        facet=NOT_FILTERED,
    ),
    "categories": Declared(
        "Categorie",
        "categorieën van de landelijke inventarisatie",
        page=Shown("tags under the summary"),
        sheet=Column("Categorieën"),
        hsds=(Term("categorie"),),
        facet=Filter("categorie"),
    ),
    "summary": Declared(
        "Samenvatting",
        "korte omschrijving (één of twee zinnen)",
        page=Shown("the lead paragraph under the title"),
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "description": Declared(
        "Beschrijving",
        "uitgebreide omschrijving",
        page=HEADING,
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "goal": Declared(
        "Doel",
        "wat het aanbod wil bereiken",
        page=HEADING,
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "roles": Declared(
        "Voor wie",
        "pleger, slachtoffer, kind, ouder, gezin, partners (het stel), …",
        page=ROW,
        # The page's row also says gender and lvb; the column holds the roles only.
        sheet=Column("Voor wie (rol)"),
        hsds=(Term("rol"),),
        facet=Filter("rol"),
    ),
    "ages": Declared(
        "Leeftijd",
        "jeugd (tot 18) en/of volwassenen; leeg: de bron zegt het niet",
        page=ROW,
        sheet=COLUMN,
        hsds=(Term("leeftijd"),),
        facet=Filter("leeftijd"),
    ),
    "genders": Declared(
        "Geslacht",
        "man en/of vrouw, alleen als het aanbod daarvoor is",
        page=InRowOf("roles"),
        sheet=COLUMN,
        hsds=(Term("geslacht"),),
        facet=Omitted(
            "not a filter: only a handful of offers are for one gender, and their page says so "
            "in Voor wie"
        ),
    ),
    "lvb": Declared(
        LVB_LABEL,
        "ook voor mensen met een (licht) verstandelijke beperking",
        page=InRowOf("roles"),
        sheet=Column("Ook voor lvb"),
        hsds=(Term("kenmerk"),),
        facet=Filter("kenmerk"),
        key="lvb",
    ),
    "target_group_description": Declared(
        "Doelgroep volgens de bron",
        "de doelgroep in woorden",
        page=ROW,
        sheet=Column("Doelgroep (toelichting)"),
        hsds=(Target("eligibility_description"),),
        facet=NOT_FILTERED,
    ),
    "age_min": Declared(
        "Leeftijd vanaf",
        "minimumleeftijd in jaren",
        page=InRowOf("ages"),
        sheet=COLUMN,
        hsds=(Target("minimum_age"),),
        facet=Omitted("the age filter asks the age groups (ages), which the range implies"),
    ),
    "age_max": Declared(
        "Leeftijd tot en met",
        "maximumleeftijd in jaren",
        page=InRowOf("ages"),
        sheet=COLUMN,
        hsds=(Target("maximum_age"),),
        facet=Omitted("the age filter asks the age groups (ages), which the range implies"),
    ),
    "formats": Declared(
        "Werkvorm",
        "individueel, groep, partners samen, gezin of systeem, mediation, …; leeg: de bron zegt "
        "het niet",
        page=ROW,
        sheet=COLUMN,
        hsds=(Term("werkvorm"),),
        facet=Filter("werkvorm"),
    ),
    "purpose": Declared(
        "Soort aanbod",
        "clienten (hulp voor cliënten) of professionals (voor professionals en netwerken); leeg: "
        "de bron zegt het niet",
        page=ROW,
        sheet=COLUMN,
        hsds=(Term("soort"),),
        facet=Filter("soort"),
    ),
    "fact_sources": Declared(
        "Bron per gegeven",
        "gegevens uit een andere passage dan de bron van het record, als 'velden: document, "
        "hoofdstuk', bijvoorbeeld 'formats, age_min: focus-op-de-pleger, Bijlage 2, §5'",
        page=Shown("a source note under the facts table for each passage"),
        sheet=COLUMN,
        hsds=NO_SOURCE_IN_HSDS,
        facet=ABOUT_THE_RECORD,
    ),
    "frameworks": Declared(
        "Kader",
        "vrijwillig, bestuurlijk, civiel- of strafrechtelijk",
        page=ROW,
        sheet=Column("Kaders"),
        hsds=(Term("kader"),),
        facet=Filter("kader"),
    ),
    "phases": Declared(
        "Fase",
        "fasen van veiligheid waarin het aanbod past",
        page=ROW,
        sheet=Column("Fasen"),
        hsds=(Term("fase"),),
        facet=Filter("fase"),
    ),
    "family_profiles": Declared(
        "Past bij gezinsprofiel",
        "gezinsprofielen waarvoor het aanbod past",
        page=ROW,
        sheet=Column("Gezinsprofielen"),
        hsds=(Term("gezinsprofiel"),),
        facet=Filter("past"),  # the map's choice of a family profile, not a facet
    ),
    "contraindicated_profiles": Declared(
        "Contra-indicatie",
        "gezinsprofielen waarvoor het niet past",
        page=HEADING,  # with those the rules derive (checks/contraindications.py)
        sheet=Column("Contra-indicaties"),
        hsds=(Term("contra-indicatie"),),
        facet=Filter("contra"),  # the map's choice of a family profile, not a facet
    ),
    "contraindication_note": Declared(
        "Contra-indicatie (reden)",
        "waarom het daar niet past",
        page=Shown("the reason in the Contra-indicatie box"),
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "contraindication_source": Declared(
        "Bron van de contra-indicatie",
        "de passage die zegt dat het aanbod daar niet past",
        page=Shown("the source note in the Contra-indicatie box"),
        sheet=Nested(
            {
                "document": SheetColumn(
                    "Contra-indicatie: bron",
                    "id van het document dat zegt dat het aanbod daar niet past",
                ),
                "section": SheetColumn("Contra-indicatie: hoofdstuk", "waar in dat document"),
                "page": SheetColumn("Contra-indicatie: pagina", "paginanummer in dat document"),
            }
        ),
        hsds=NO_SOURCE_IN_HSDS,
        facet=ABOUT_THE_RECORD,
    ),
    "system_oriented": Declared(
        "Systeemgericht",
        "werkt met het hele systeem rond het gezin",
        page=ROW,
        sheet=COLUMN,
        hsds=(Term("kenmerk"),),
        facet=Filter("kenmerk"),
        key="systeemgericht",
    ),
    "with_experts_by_experience": Declared(
        "Met ervaringsdeskundigen",
        "ervaringsdeskundigen werken mee",
        page=ROW,
        sheet=COLUMN,
        hsds=(Term("kenmerk"),),
        facet=Filter("kenmerk"),
        key="ervaringsdeskundigen",
    ),
    "low_threshold": Declared(
        "Laagdrempelig (zonder verwijzing)",
        "zonder verwijzing of drempel toegankelijk",
        page=ROW,
        sheet=Column(old_headers=("Laagdrempelig",)),
        hsds=(Term("kenmerk"),),
        facet=Filter("kenmerk"),
        key="laagdrempelig",
    ),
    "access": Declared(
        "Hoe verwijs je?",
        "hoe je verwijst of aanmeldt (wie mag verwijzen, hoe), zoals de bron het zegt",
        page=HEADING,
        sheet=Column("Toegang"),
        hsds=(Target("application_process"),),
        facet=NOT_FILTERED,
    ),
    "cost": Declared(
        "Kosten",
        "wat het kost en wie betaalt",
        page=ROW,
        sheet=COLUMN,
        hsds=(Target("fees_description"),),
        facet=NOT_FILTERED,
    ),
    "duration": Declared(
        "Duur",
        "hoe lang het aanbod duurt",
        page=ROW,
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "effectiveness": Declared(
        "Effectiviteit",
        "oordeel over de effectiviteit zoals de bron het geeft",
        page=ROW,
        sheet=COLUMN,
        hsds=(Term("effectiviteit"),),
        facet=Filter("effectiviteit"),
    ),
    "effectiveness_note": Declared(
        "Effectiviteit (toelichting)",
        "toelichting op het oordeel",
        page=InRowOf("effectiveness"),
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "approach": Declared(
        "Aanpak",
        "hoe het aanbod werkt, zoals een databank het beschrijft",
        page=ROW,  # of the table Werkwijze
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "working_elements": Declared(
        "Werkzame elementen",
        "wat volgens de bron het effect geeft",
        page=ROW,
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "required_expertise": Declared(
        "Benodigde deskundigheid of training",
        "wat uitvoerders moeten kunnen of volgen",
        page=ROW,
        sheet=Column("Deskundigheid of training"),
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "quality_assurance": Declared(
        "Kwaliteitsbewaking",
        "hoe de kwaliteit bewaakt wordt",
        page=ROW,
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "preconditions": Declared(
        "Randvoorwaarden",
        "wat nodig is om het uit te voeren",
        page=ROW,
        sheet=COLUMN,
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "databank": Declared(
        "Databank",
        "de databank die het aanbod beoordeelt, met haar oordeel",
        page=ROW,  # of the section Uit de databank; PAGE_ONLY[DatabankEntry] has its parts
        sheet=Nested(
            {
                "name": SheetColumn("Databank", "de databank die het aanbod beoordeelt"),
                "assessment": SheetColumn(
                    "Databank: oordeel", "het oordeel in de woorden van de databank"
                ),
                "assessed_on": SheetColumn("Databank: datum", "datum van het oordeel (JJJJ-MM-DD)"),
                "url": SheetColumn("Databank: webadres", "de pagina van het aanbod in de databank"),
                "source.document": SheetColumn(
                    "Databank: bron", "id van het document dat het oordeel noemt"
                ),
                "source.section": SheetColumn(
                    "Databank: hoofdstuk", "hoofdstuk of paragraaf in dat document"
                ),
                "source.page": SheetColumn("Databank: pagina", "paginanummer in dat document"),
            }
        ),
        hsds=(Target("accreditations"), Term("databank")),
        facet=Omitted("not a filter: the effectiveness filter asks what the databanks conclude"),
    ),
    "providers": Declared(
        "Aanbieders",
        "id's van organisaties (blad Organisaties) die het aanbieden",
        page=HEADING,
        sheet=COLUMN,
        # HSDS links a service to one organisation; a text names them all (formats/hsds.py).
        hsds=(Target("organization_id"), DESCRIBED),
        facet=Omitted("not a filter: the card names the providers, and the search finds them"),
    ),
    "provider_description": Declared(
        "Uitvoering door",
        "de aanbieders in woorden",
        page=ROW,
        sheet=Column("Aanbieders (toelichting)"),
        hsds=(DESCRIBED,),
        facet=NOT_FILTERED,
    ),
    "area": Declared(
        "Werkgebied",
        "landelijk, een of meer regio's, of gemeenten",
        page=ROW,
        sheet=Nested(AREA_COLUMNS),
        hsds=(Target("service_areas"),),
        facet=Filter("gemeente", title="Gemeente"),  # the region's places inside the area
    ),
    "ghnt_funded": Declared(
        "Gefinancierd door Geweld hoort nergens thuis",
        "gefinancierd uit Geweld hoort nergens thuis (GHNT)",
        page=ROW,  # only when it is
        sheet=Column(old_headers=("GHNT-financiering",)),
        hsds=(Term("kenmerk"),),
        facet=Omitted("not a filter: who pays for an offer does not decide whether it fits"),
        key="ghnt-gefinancierd",
    ),
    "meets_requirements": Declared(
        "Kwaliteitseisen waarvan bekend is dat het aanbod eraan voldoet",
        "eisen aan aanbod (§1.4) waaraan het voldoet",
        page=HEADING,
        sheet=Column("Voldoet aan eisen"),
        hsds=(Term("eis"),),
        facet=Omitted("not a filter: most sources do not say which requirements an offer meets"),
    ),
    "website": Declared(
        "Website",
        "webadres, beginnend met https://",
        page=ROW,
        sheet=COLUMN,
        hsds=(Target("url"),),
        facet=NOT_FILTERED,
    ),
    "source": Declared(
        "Bron",
        "het document en de passage waar de gegevens vandaan komen",
        page=SOURCE_NOTE,
        sheet=Nested(SOURCE_COLUMNS),
        hsds=NO_SOURCE_IN_HSDS,
        facet=ABOUT_THE_RECORD,
    ),
    "peildatum": Declared(
        "Peildatum",
        PEILDATUM_HELP,
        page=IN_SOURCE_NOTE,
        sheet=COLUMN,
        hsds=(Target("assured_date"),),
        facet=ABOUT_THE_RECORD,
    ),
}

# --- organisations ------------------------------------------------------------------------------

OFFERS_ONLY = Omitted(
    "the workbook holds the region's own offers and organisations; a note on a national offer is "
    "edited in data/offers.yaml"
)

ORGANISATION: dict[str, Declared] = {
    "id": Declared(
        "Id",
        OFFER["id"].help,
        page=ADDRESS,
        sheet=COLUMN,
        hsds=(Target("id"),),  # as a UUID derived from it
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "name": Declared(
        "Naam",
        OFFER["name"].help,
        page=TITLE,
        sheet=COLUMN,
        hsds=(Target("name"),),
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "short_name": Declared(
        "Korte naam",
        "afkorting of roepnaam",
        page=Shown("'Ook bekend als' under the title"),
        sheet=COLUMN,
        hsds=(Target("alternate_name"),),
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "type": Declared(
        "Soort organisatie",
        "wat voor organisatie het is",
        page=ROW,
        sheet=COLUMN,
        # Also the description when there is none: HSDS requires one.
        hsds=(Term("organisatietype"),),
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "description": Declared(
        "Beschrijving",
        OFFER["description"].help,
        page=Shown("the text under the facts table"),
        sheet=COLUMN,
        hsds=(Target("description"),),
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "area": Declared(
        "Werkgebied",
        OFFER["area"].help,
        page=ROW,
        sheet=Nested(AREA_COLUMNS),
        hsds=Omitted("HSDS 3.0 gives an organization no area; its services have theirs"),
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "website": Declared(
        "Website",
        OFFER["website"].help,
        page=ROW,
        sheet=COLUMN,
        hsds=(Target("website"),),
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "email": Declared(
        "E-mail",
        "functieadres van de organisatie, nooit van een persoon",
        page=ROW,
        sheet=COLUMN,
        hsds=(Target("email"),),
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "phone": Declared(
        "Telefoon",
        "algemeen telefoonnummer van de organisatie",
        page=ROW,
        sheet=COLUMN,
        hsds=(Target("phones"),),
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "source": Declared(
        "Bron",
        OFFER["source"].help,
        page=SOURCE_NOTE,
        sheet=Nested(SOURCE_COLUMNS),
        hsds=NO_SOURCE_IN_HSDS,
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
    "peildatum": Declared(
        "Peildatum",
        PEILDATUM_HELP,
        page=IN_SOURCE_NOTE,
        sheet=COLUMN,
        hsds=Omitted("HSDS 3.0 has no date of checking for an organization (a service has one)"),
        facet=NO_FILTER_OF_ORGANISATIONS,
    ),
}

# --- a region's notes on national offers --------------------------------------------------------

LOCAL_NOTE: dict[str, Declared] = {
    "offer": Declared(
        "Aanbod",
        "id van het landelijke aanbod waar de aantekening bij hoort",
        page=Shown("the note is a section 'In regio …' of the page of this offer"),
        sheet=OFFERS_ONLY,
        hsds=Omitted(
            "a note is no record of its own in HSDS: its providers join the offer's service"
        ),
        facet=NOTE_NOT_FILTERED,
    ),
    "text": Declared(
        "Aanvulling van de regio",
        "hoe het aanbod in de regio werkt",
        page=Shown("the text of the section 'In regio …'"),
        sheet=OFFERS_ONLY,
        hsds=Omitted(
            "a service has one description, the offer's own; the region's remark would read as "
            "the national offer's"
        ),
        facet=NOTE_NOT_FILTERED,
    ),
    "providers": Declared(
        "Aanbieder in de regio",
        "id's van organisaties die het aanbod in de regio uitvoeren",
        page=Shown("the list 'Aanbieder in de regio' in the section, and under Aanbieders"),
        sheet=OFFERS_ONLY,
        hsds=(Target("organization_id"), DESCRIBED),  # as the offer's providers
        facet=NOTE_NOT_FILTERED,
    ),
    "source": Declared(
        "Bron",
        OFFER["source"].help,
        page=Shown("the source note of the section"),
        sheet=OFFERS_ONLY,
        hsds=NO_SOURCE_IN_HSDS,
        facet=NOTE_NOT_FILTERED,
    ),
    "peildatum": Declared(
        "Peildatum",
        PEILDATUM_HELP,
        page=Shown("in the source note of the section"),
        sheet=OFFERS_ONLY,
        hsds=Omitted("HSDS's assured_date is the offer's own"),
        facet=NOTE_NOT_FILTERED,
    ),
}

DECLARED: dict[type[BaseModel], dict[str, Declared]] = {
    Offer: OFFER,
    Organisation: ORGANISATION,
    LocalNote: LOCAL_NOTE,
}

# --- records that only reach their pages --------------------------------------------------------

LINKS = Shown("as links")
PAGE_ONLY: dict[type[BaseModel], dict[str, Page]] = {
    DatabankEntry: {
        "name": Shown("the row Databank of the section Uit de databank"),
        "assessment": Shown("the row Beoordeling of the section Uit de databank"),
        "assessed_on": Shown("the row Beoordeeld op of the section Uit de databank"),
        "url": Shown("the link on the databank's name"),
        "source": Shown("the source note of the section Uit de databank"),
    },
    Bouwsteen: {
        "id": ADDRESS,
        "title": TITLE,
        "bundle": Shown("the bundle it belongs to, linked"),
        "text": Shown("the text under the title"),
        "questions": Shown("the self-scan's questions, and the bouwsteen page"),
        "offers": LINKS,
        "organisations": LINKS,
        "source": SOURCE_NOTE,
        "peildatum": IN_SOURCE_NOTE,
    },
    Bundle: {
        "id": Shown("the anchor of its heading on the standards page"),
        "title": Shown("headings of the standards and the self-scan"),
        "standards": Shown("links to the standards"),
        "section": Omitted(
            "not on the page: the source note gives the bundle's passage (source.section)"
        ),
        "points": Shown("the list of what the standard asks"),
        "source": SOURCE_NOTE,
    },
    Question: {
        "id": Shown("the question's anchor on the bouwsteen page"),
        "text": Shown("the self-scan's questions"),
    },
    Module: {
        "id": ADDRESS,
        "title": TITLE,
        "region": Shown("the tag Regio"),
        "status": Shown("the tag Status"),
        "period": Shown("the tag Periode"),
        "summary": Shown("the lead paragraph"),
        "problem": Shown("the section Probleem"),
        "goal": Shown("the section Doel"),
        "subgoals": Shown("the list Subdoelen"),
        "target_roles": Shown("'Voor wie' in the section Doelgroep"),
        "ages": Shown("'Leeftijd' in the section Doelgroep"),
        "genders": Shown("in 'Voor wie'"),
        "lvb": Shown("in 'Voor wie'"),
        "target_group_description": Shown("the text of the section Doelgroep"),
        "selection_criteria": Shown("the list Selectiecriteria"),
        "activities": Shown("the table Activiteiten en planning"),
        "roles": Shown("the partner infographic and list"),
        "partners": Shown("the partner infographic and list"),
        "duration": Shown("the section Duur"),
        "targets": Shown("the list Beoogde resultaten"),
        "monitoring": Shown("the section Monitoring"),
        "evaluation": Shown("the section Evaluatie"),
        "experts_by_experience": Shown("the section Participatie van ervaringsdeskundigen"),
        "reuse_preconditions": Shown("the checklist Voorwaarden voor hergebruik"),
        "workflow": Shown("the workflow infographic and its table"),
        "offers": Shown("links under Samenhangend aanbod"),
        "source": SOURCE_NOTE,
        "peildatum": IN_SOURCE_NOTE,
        "origin": Shown("the line 'Overgenomen uit regio …'"),
    },
    Activity: {
        "title": Shown("a row of the activities table"),
        "description": Shown("under the activity's title"),
        "lead": Shown("the column Trekker"),
        "participants": Shown("the column Betrokken"),
        "planning": Shown("the column Planning"),
    },
    Role: {
        "organisation": Shown("a partner in the infographic and list"),
        "role": Shown("the partner's role in the infographic and list"),
    },
    ExternalPartner: {
        "name": Shown("the partner's name, without a link"),
        "region": Shown("'(uit regio …)' after the name"),
    },
    Origin: {
        "region": Shown("the line 'Overgenomen uit regio …'"),
        "source": Shown("the line 'Overgenomen uit regio …'"),
        "peildatum": Shown("the line 'Overgenomen uit regio …'"),
        "imported": Shown("the line 'Overgenomen uit regio …'"),
    },
    GlossaryTerm: {
        "id": Shown("the term's anchor on the glossary page"),
        "term": Shown("the glossary page"),
        "abbreviation": Shown("the glossary page and the tooltips of abbreviations"),
        "definition": Shown("the glossary page"),
        "url": Shown("a link on the glossary page"),
        "synonyms": Omitted("not on the page: the search tries them as other words for the term"),
        "source": Shown("'Bron: …' under the definition"),
    },
    Checklist: {
        "id": ADDRESS,
        "title": TITLE,
        "intro": Shown("the text under the title"),
        "groups": Shown("fieldsets of checkboxes"),
        "source": SOURCE_NOTE,
    },
    SuccessTheme: {
        "id": Shown("the theme's anchor"),
        "title": Shown("the theme's heading"),
        "factors": Shown("the list under the heading"),
        "source": SOURCE_NOTE,
    },
    SuccessFactor: {
        "text": Shown("an item of the theme's list"),
        "offers": LINKS,
        "regions": Shown("after the factor"),
    },
    VisionPhase: {
        "number": Omitted("not on the page: the infographic shows the phases in their order"),
        "title": Shown("the phases infographic"),
        "plan": Shown("after the title, in brackets"),
        "text": Shown("the phases infographic"),
        "phase": Omitted(
            "not on the page: it records which of the offers' Fase values this phase is; "
            "nothing reads it yet"
        ),
    },
    VisionProfile: {
        "id": Shown("the profile's anchor and the social map's profile choice"),
        "number": Shown("the profile's number"),
        "title": Shown("the profile's heading"),
        "text": Shown("the profile's text"),
        "advice": Shown("the advice on the profiles page, the map and offer pages"),
    },
}


# --- questions the outputs ask ------------------------------------------------------------------


def label_of(model: type[BaseModel], name: str) -> str:
    """The Dutch label of a field."""
    return DECLARED[model][name].label


def place_label(model: type[BaseModel], name: str) -> str:
    """The label under which the page shows a field: its own, or the one of the row it is in."""
    page = DECLARED[model][name].page
    return label_of(model, page.field) if isinstance(page, InRowOf) else label_of(model, name)


def sheet_columns(model: type[BaseModel]) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Path in the record ("source.document") -> (header, help, old headers) of each workbook
    column of a record kind; empty for a kind without declarations."""
    found: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for name, declared in DECLARED.get(model, {}).items():
        sheet = declared.sheet
        if isinstance(sheet, Column):
            found[name] = (declared.header, declared.help, sheet.old_headers)
        elif isinstance(sheet, Nested):
            for path, column in sheet.columns.items():
                found[f"{name}.{path}"] = (column.header, column.help, ())
    return found


# The yes/no facts the social map's filter Kenmerken offers, in the order shown.
MAP_FEATURES = ("low_threshold", "with_experts_by_experience", "system_oriented", "lvb")


def describe_schema(schema: dict[str, object]) -> dict[str, object]:
    """A JSON Schema of data files with the Dutch label (title) and help (description) on every
    declared field, for an editor to show."""
    definitions = schema.get("$defs", {})
    assert isinstance(definitions, dict)
    for model, fields in DECLARED.items():
        properties = definitions.get(model.__name__, {}).get("properties", {})
        for name, declared in fields.items():
            if name in properties:
                properties[name]["title"] = declared.label
                properties[name]["description"] = declared.help
    return schema
