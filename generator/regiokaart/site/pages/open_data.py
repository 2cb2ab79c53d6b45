"""The "Open data" page and the files it publishes: everything on the portal in formats others can
reuse (Open Referral HSDS 3.0 as JSON and as tables, the social map's data with its schema)."""

from dataclasses import dataclass
from datetime import date

from regiokaart.dataset import Dataset
from regiokaart.formats.hsds import render_export
from regiokaart.formats.workbook.columns import SHEETS
from regiokaart.formats.workbook.write import render_workbook
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages.site import Site, front_matter

HSDS_FOLDER = "hsds"


@dataclass(frozen=True)
class PublishedFile:
    path: str  # inside the open data folder
    title: str
    description: str


WORKBOOK = "aanbod-en-organisaties.xlsx"
WORKBOOK_SCOPE = (
    "Dit werkboek bevat al het aanbod en alle organisaties van het portaal: de landelijke laag en "
    "de regio samen. Een coördinator die de gegevens van de regio bewerkt, maakt een eigen werkboek "
    "met 'regiokaart export xlsx'."
)


def open_data_files(dataset: Dataset, today: date) -> dict[str, str | bytes]:
    """Path inside the open data folder -> content, for every file the page offers."""
    files: dict[str, str | bytes] = {
        f"{HSDS_FOLDER}/{path}": text for path, text in render_export(dataset).items()
    }
    # each sheet's list has the name of the Dataset's records of that kind (offers, organisations)
    sheets = {sheet.sheet: list(getattr(dataset, sheet.key).values()) for sheet in SHEETS}
    files[WORKBOOK] = render_workbook(sheets, WORKBOOK_SCOPE, made=today)
    return files


# What each HSDS file is, as the page says it.
HSDS_FILES = {
    "json/organizations.json": (
        "Organisaties",
        "alle organisaties, met telefoon, website en herkomst (bron en peildatum)",
    ),
    "json/services.json": (
        "Aanbod (diensten)",
        "elk aanbod met zijn organisatie, werkgebied, kenmerken "
        "(effectiviteit, kader, fase, voor wie, leeftijd) en herkomst (bron en peildatum)",
    ),
    "json/contacts.json": ("Contactpunt", "de algemene contactroute van de regio"),
    "json/taxonomies.json": ("Taxonomie", "de woordenlijsten van regiokaart"),
    "json/taxonomy_terms.json": ("Termen", "elke waarde van die woordenlijsten, met haar naam"),
    "tabular/datapackage.json": (
        "Tabellen: data package",
        "beschrijft de CSV-bestanden hieronder, hun verwijzingen naar elkaar en de licentie "
        "als de regio die heeft vastgelegd (Frictionless Data); de herkomst van elke organisatie "
        "en elk aanbod staat in metadata.csv",
    ),
}


def render_open_data_page(site: Site, files: dict[str, str | bytes], today: date) -> str:
    dataset = site.dataset
    here = page_url(Page.OPEN_DATA)

    def url(path: str) -> str:
        return link(here, page_url(Page.OPEN_DATA_FILE, path))

    hsds = [
        {"url": url(f"{HSDS_FOLDER}/{path}"), "name": path, "title": title, "text": text}
        for path, (title, text) in HSDS_FILES.items()
    ]
    tables = sorted(
        path.removeprefix(f"{HSDS_FOLDER}/")
        for path in files
        if path.startswith(f"{HSDS_FOLDER}/tabular/") and path.endswith(".csv")
    )
    dates: list[date] = [o.peildatum for o in dataset.offers.values()]
    dates += [o.peildatum for o in dataset.organisations.values()]
    context = {
        "hsds": hsds,
        "tables": [
            {"url": url(f"{HSDS_FOLDER}/{t}"), "name": t.removeprefix("tabular/")} for t in tables
        ],
        "hsds_readme": url(f"{HSDS_FOLDER}/LEESMIJ.txt"),
        "workbook": url(WORKBOOK),
        "socialmap_data": link(here, page_url(Page.SOCIAL_MAP_DATA)),
        "socialmap_schema": link(here, page_url(Page.SOCIAL_MAP_SCHEMA)),
        "offers": len(dataset.offers),
        "organisations": len(dataset.organisations),
        "oldest": min(dates).strftime("%d-%m-%Y") if dates else None,
        "newest": max(dates).strftime("%d-%m-%Y") if dates else None,
        "made": today.strftime("%d-%m-%Y"),
        "licence": dataset.region.data_licence,
    }
    return front_matter(title="Open data") + site.render("open_data.md", **context)
