"""Every page's path, declared once: the file render_pages writes, the URL links use and the nav.

A route is the page's source file in the docs folder ("aanbod/{id}.md"); its URL follows from it by
the engine's directory-URL rule ("aanbod/{id}/"), so the two cannot disagree. Pages ask this table
for both and never spell a path themselves; the nav names pages by the same table.
"""

from collections.abc import Collection, Mapping
from enum import StrEnum
from pathlib import PurePosixPath

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # pages for the engine


class Page(StrEnum):
    """Every kind of generated page or file."""

    HOME = "home"
    SOCIAL_MAP = "social-map"
    SOCIAL_MAP_DATA = "social-map-data"
    SOCIAL_MAP_SCHEMA = "social-map-schema"
    SOCIAL_MAP_LIST = "social-map-list"
    SOCIAL_MAP_FILTERS = "social-map-filters"
    SOCIAL_MAP_CARDS = "social-map-cards"
    OPEN_DATA = "open-data"
    OPEN_DATA_FILE = "open-data-file"
    MAINTENANCE = "maintenance"
    COVERAGE = "coverage"
    OFFER = "offer"
    ORGANISATIONS = "organisations"
    ORGANISATION = "organisation"
    BOUWSTEEN = "bouwsteen"
    STANDARDS = "standards"
    STANDARD = "standard"
    MODULES = "modules"
    MODULE = "module"
    MODULE_DOWNLOAD = "module-download"
    CHECKLISTS = "checklists"
    CHECKLIST = "checklist"
    SUCCESS_FACTORS = "success-factors"
    PHASES = "phases"
    PROFILES = "profiles"
    FIGURES = "figures"
    PARTNERS = "partners"
    GLOSSARY = "glossary"
    SEARCH = "search"
    SEARCH_SYNONYMS = "search-synonyms"
    SEARCH_WORDS = "search-words"
    SELFSCAN = "selfscan"
    ACCESSIBILITY = "accessibility"
    PRIVACY = "privacy"
    REGION_CSS = "region-css"
    FEED = "feed"


# The source file of each page in the docs folder; "{id}" for one page per record.
ROUTES: dict[Page, str] = {
    Page.HOME: "index.md",
    Page.SOCIAL_MAP: "sociale-kaart/index.md",
    Page.SOCIAL_MAP_DATA: "sociale-kaart/aanbod.json",
    Page.SOCIAL_MAP_SCHEMA: "sociale-kaart/aanbod.schema.json",
    # The map without script, paged: page 1 is the map itself; id: the page number from 2.
    Page.SOCIAL_MAP_LIST: "sociale-kaart/pagina-{id}.md",
    Page.SOCIAL_MAP_FILTERS: "sociale-kaart/filters.json",  # the compact filter index
    Page.SOCIAL_MAP_CARDS: "sociale-kaart/kaarten/{id}.html",  # id: the chunk's number
    Page.OPEN_DATA: "open-data/index.md",
    Page.OPEN_DATA_FILE: "open-data/{id}",
    Page.MAINTENANCE: "onderhoud.md",  # for the coordinator; not in NAV  # id: the file's path in the open data folder
    Page.COVERAGE: "dekking.md",  # for the coordinator; not in NAV
    Page.OFFER: "aanbod/{id}.md",
    Page.ORGANISATIONS: "organisaties/index.md",
    Page.ORGANISATION: "organisaties/{id}.md",
    Page.BOUWSTEEN: "bouwstenen/{id}.md",
    Page.STANDARDS: "kwaliteitsstandaarden/index.md",
    Page.STANDARD: "kwaliteitsstandaarden/{id}.md",
    Page.MODULES: "modules/index.md",
    Page.MODULE: "modules/{id}.md",
    Page.MODULE_DOWNLOAD: "downloads/modules/{id}.yaml",
    Page.CHECKLISTS: "checklists/index.md",
    Page.CHECKLIST: "checklists/{id}.md",
    Page.SUCCESS_FACTORS: "kennis/succesfactoren.md",
    Page.PHASES: "kennis/gefaseerd-werken.md",
    Page.PROFILES: "kennis/gezinsprofielen.md",
    Page.FIGURES: "kennis/cijfers.md",
    Page.PARTNERS: "kennis/initiatieven-en-partners.md",
    Page.GLOSSARY: "begrippen.md",
    Page.SEARCH: "zoeken.md",
    Page.SEARCH_SYNONYMS: "zoeken/synoniemen.json",
    Page.SEARCH_WORDS: "zoeken/woorden.json",
    Page.SELFSCAN: "zelfscan.md",
    Page.ACCESSIBILITY: "toegankelijkheid.md",  # not in NAV: in the footer (FOOTER)
    Page.PRIVACY: "privacy.md",  # not in NAV: in the footer (FOOTER)
    Page.REGION_CSS: "assets/css/region.css",  # named in mkdocs.yml's extra_css too
    Page.FEED: "feed.json",  # what a national overview reads (models/feed.py)
}

# Files only `regiokaart build` writes (site/build.py), not serve: the feed's change log compares
# with the build before.
BUILD_ONLY: frozenset[Page] = frozenset({Page.FEED})

# The navigation: a title and a page, or a section title and its entries. Hand-written pages of
# content/ follow (see site_nav).
NavSpec = list[tuple[str, "Page | NavSpec"]]
NAV: NavSpec = [
    ("Home", Page.HOME),
    (
        "Wijkteams",
        [
            ("Sociale kaart", Page.SOCIAL_MAP),
            ("Gezinsprofielen", Page.PROFILES),
            ("Gefaseerd samenwerken", Page.PHASES),
        ],
    ),
    (
        "Gemeenten",
        [
            ("Kwaliteitsstandaarden", Page.STANDARDS),
            ("Zelfscan", Page.SELFSCAN),
            ("Checklists", Page.CHECKLISTS),
            ("Cijfers", Page.FIGURES),
        ],
    ),
    (
        "Andere regio's",
        [
            ("Modules", Page.MODULES),
            ("Succesfactoren", Page.SUCCESS_FACTORS),
            ("Initiatieven en partners", Page.PARTNERS),
            ("Organisaties", Page.ORGANISATIONS),
            ("Open data", Page.OPEN_DATA),
        ],
    ),
    ("Begrippen", Page.GLOSSARY),
    ("Zoeken", Page.SEARCH),
]
# The hand-written page that closes the nav under its own title, when content/ has it.
ABOUT_PAGE = ("Over dit portaal", "over.md")

# The statements every public site must link from each page: in the footer of every page (the
# theme's partials/footer.html draws them from footer_links), not in the navigation.
FOOTER: list[tuple[str, Page]] = [
    ("Toegankelijkheid", Page.ACCESSIBILITY),
    ("Privacy", Page.PRIVACY),
]

# What the engine is given: [{title: file}, {section: [...]}], as in mkdocs.yml.
NavItem = dict[str, "str | list[NavItem]"]


def page_file(page: Page, record_id: str | int | None = None) -> str:
    """The page's source file in the docs folder, e.g. 'aanbod/x.md'."""
    pattern = ROUTES[page]
    if ("{id}" in pattern) != (record_id is not None):
        raise ValueError(f"route {page} is {pattern!r}; record id given: {record_id!r}")
    return pattern.format(id=record_id) if record_id is not None else pattern


def page_url(page: Page, record_id: str | int | None = None) -> str:
    """The page's URL from the site root, e.g. 'aanbod/x/' ('' for the home page)."""
    return directory_url(page_file(page, record_id))


def directory_url(source: str) -> str:
    """The URL of a docs file with directory URLs: x.md -> x/, x/index.md -> x/, other files as
    they are (the engine's rule, MkDocs' use_directory_urls: true)."""
    if not is_markdown(source):
        return source
    path = PurePosixPath(source)
    folder = path.parent if path.stem in ("index", "README") else path.parent / path.stem
    return "" if str(folder) == "." else f"{folder}/"


def is_markdown(source: str) -> bool:
    """Whether a docs file is a page the engine renders (else it is copied as it is)."""
    return PurePosixPath(source).suffix.lower() in MARKDOWN_SUFFIXES


def link(from_url: str, target: str) -> str:
    """Relative URL from a page's URL (e.g. 'aanbod/x/') to a target URL ('organisaties/y/')."""
    depth = len([part for part in from_url.split("/") if part])
    return "../" * depth + target


def footer_links() -> list[dict[str, str]]:
    """The footer's links as the theme gets them (config.extra.rk_footer): [{title, url}], each
    url from the site root."""
    return [{"title": title, "url": page_url(page)} for title, page in FOOTER]


def site_nav(staged: Collection[str], content_titles: Mapping[str, str]) -> list[NavItem]:
    """The nav for a docs folder holding staged (generated and hand-written files): NAV, then each
    hand-written page of content_titles (file -> title) and the about page last. An entry whose
    file is not staged is left out, and so is a section left empty."""
    nav = _nav_items(NAV, staged)
    about_title, about_file = ABOUT_PAGE
    for source, title in sorted(content_titles.items()):
        if source != about_file and source in staged:
            nav.append({title: source})
    if about_file in content_titles and about_file in staged:
        nav.append({about_title: about_file})
    return nav


def _nav_items(spec: NavSpec, staged: Collection[str]) -> list[NavItem]:
    items: list[NavItem] = []
    for title, entry in spec:
        if isinstance(entry, Page):
            if page_file(entry) in staged:
                items.append({title: page_file(entry)})
        elif section := _nav_items(entry, staged):
            items.append({title: section})
    return items
