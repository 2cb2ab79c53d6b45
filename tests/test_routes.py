"""The route table: every page's path declared once, and everything else (files, links, nav) from it."""

import html
import posixpath
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from regiokaart.dataset import Dataset
from regiokaart.routes import (
    BUILD_ONLY,
    NAV,
    ROUTES,
    NavItem,
    NavSpec,
    Page,
    directory_url,
    is_markdown,
    link,
    page_file,
    page_url,
    site_nav,
)
from regiokaart.site.build import build_site
from regiokaart.site.engines import write_config
from regiokaart.site.pages import render_pages
from regiokaart.site.stage import content_page_titles, docs_files
from tests.conftest import FIXTURE, ROOT, checked

TEMPLATES = ROOT / "theme" / "regiokaart"
TODAY = date(2026, 6, 1)
# Where a generated page names another page or file of the site.
URL_ATTRIBUTE = re.compile(r'(?<![\w-])(?:href|src|action|data-rk-socialmap)="([^"]*)"')
JSON_URL = re.compile(r'"url":\s*"([^"]*)"')
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#)", re.IGNORECASE)
# A relative path that a URL carries as it is (no escaping): segments of ASCII letters, digits, '-'
# and '_', with dots only between them (no '.' or '..' segment, no hidden file).
URL_SAFE_PATH = re.compile(
    r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*(?:/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)*"
)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return checked(FIXTURE / "data", TODAY)


@pytest.fixture(scope="module")
def generated(dataset: Dataset) -> dict[str, str | bytes]:
    return render_pages(dataset, TEMPLATES, today=TODAY)


def route_pattern(source: str) -> re.Pattern[str]:
    """A route as a pattern: an id is one path segment, or the rest of the path when the route
    ends in it (files published in folders of their own, such as the open data)."""
    escaped = re.escape(source)
    tail = escaped.endswith(re.escape("{id}"))
    return re.compile(escaped.replace(re.escape("{id}"), r".+" if tail else r"[^/]+"))


def internal_links(pages: Mapping[str, str | bytes]) -> Iterator[tuple[str, str, str]]:
    """(page, link as written, the site URL it resolves to) for every link between files of the
    site: attributes in the pages and "url" values in the JSON they carry or are."""
    for source, body in pages.items():
        if not isinstance(body, str):
            continue
        text = html.unescape(body)  # JSON in data attributes is HTML-escaped
        folder = directory_url(source) if is_markdown(source) else posixpath.dirname(source)
        for found in (*URL_ATTRIBUTE.findall(text), *JSON_URL.findall(text)):
            if not EXTERNAL.match(found):
                yield source, found, resolve(folder, found)


def resolve(folder: str, found: str) -> str:
    """The site URL a relative link in folder points to ('' for the home page)."""
    target = re.split(r"[?#]", found, maxsplit=1)[0]
    joined = posixpath.normpath(posixpath.join(folder, target))
    if joined == ".":
        return ""
    return joined + "/" if target == "" or target.endswith("/") else joined


def unresolved_links(pages: Mapping[str, str | bytes]) -> list[tuple[str, str, str]]:
    urls = {directory_url(source) for source in pages}
    return [found for found in internal_links(pages) if found[2] not in urls]


def is_record_route(page: Page) -> bool:
    return "{id}" in ROUTES[page]


def example_file(page: Page) -> str:
    """The page's file, for a record page that of a record with id 'x'."""
    return page_file(page, "x") if is_record_route(page) else page_file(page)


def example_url(page: Page) -> str:
    return page_url(page, "x") if is_record_route(page) else page_url(page)


# ---------------------------------------------------------------------------------------------
# The table


def test_every_page_kind_has_one_route_of_its_own() -> None:
    assert set(ROUTES) == set(Page)
    assert len(set(ROUTES.values())) == len(ROUTES)
    urls = [directory_url(source) for source in ROUTES.values()]
    assert len(set(urls)) == len(urls), "two routes would give the same URL"


def test_file_and_url_come_from_the_same_declaration() -> None:
    for page in Page:
        file, url = example_file(page), example_url(page)
        assert url == directory_url(file), page
        if not is_markdown(file):
            assert url == file, f"{page}: a file that is not a page is linked as it is"
    assert page_url(Page.STANDARD, 9) == page_url(Page.STANDARD, "9")  # a number id as its text


def test_every_route_is_a_url_safe_relative_path(generated: dict[str, str | bytes]) -> None:
    for page in Page:
        file = example_file(page)
        assert URL_SAFE_PATH.fullmatch(file) and file == file.lower(), (page, ROUTES[page])
    for source in generated:  # with the record ids of the fixture filled in
        assert URL_SAFE_PATH.fullmatch(source), source


def test_a_link_from_any_page_reaches_its_target() -> None:
    """link() between the URLs of every two kinds of page, followed as a browser does."""
    pages = [example_url(page) for page in Page if is_markdown(example_file(page))]
    targets = [example_url(page) for page in Page]
    for source in pages:
        for target in targets:
            assert resolve(source, link(source, target)) == target, (source, target)


def test_a_record_route_needs_an_id_and_a_single_page_none() -> None:
    for page in Page:
        with pytest.raises(ValueError):
            page_file(page) if is_record_route(page) else page_file(page, "x")
    assert is_record_route(Page.OFFER) and not is_record_route(Page.HOME)


def test_every_generated_file_is_at_a_route(generated: dict[str, str | bytes]) -> None:
    patterns = [route_pattern(source) for source in ROUTES.values()]
    for source in generated:
        assert any(p.fullmatch(source) for p in patterns), f"{source} is at no route"
    singles = {
        source for page, source in ROUTES.items() if "{id}" not in source and page not in BUILD_ONLY
    }
    assert singles <= set(generated)


@pytest.fixture(scope="module")
def built_site(mini_project_factory: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture region built with the real build, with one hand-written page of its own."""
    (mini_project_factory / "content" / "werkwijze.md").write_text(
        "# Werkwijze in de regio\n\nZo werken we samen.\n", encoding="utf-8"
    )
    site = tmp_path_factory.mktemp("routes") / "site"
    build_site(mini_project_factory, site)
    return site


def test_the_engine_puts_every_generated_file_where_its_route_says(
    built_site: Path, generated: dict[str, str | bytes]
) -> None:
    """What a link made from the table points to is there in the built site: a page's URL is a
    folder with its index.html, any other file is at its URL."""
    for source in [*generated, *(ROUTES[page] for page in BUILD_ONLY)]:
        url = directory_url(source)
        built = built_site / url / "index.html" if is_markdown(source) else built_site / url
        assert built.is_file(), f"{source}: nothing at {url!r}"


def test_base_configuration_has_no_hand_written_nav_and_loads_the_region_css() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "nav" not in config
    assert page_url(Page.REGION_CSS) in config["extra_css"]


# ---------------------------------------------------------------------------------------------
# Links


def test_every_internal_link_of_the_fixture_is_a_generated_page(
    generated: dict[str, str | bytes],
) -> None:
    links = list(internal_links(generated))
    assert len(links) > 100
    assert {resolved for _, _, resolved in links} >= {
        page_url(Page.SOCIAL_MAP),
        page_url(Page.SOCIAL_MAP_DATA),
        page_url(Page.OFFER, "steungroep"),
        page_url(Page.ORGANISATION, "veilig-thuis-testland"),
        page_url(Page.SEARCH),
    }
    assert unresolved_links(generated) == []


def test_no_page_spells_a_path_of_another_prefix(generated: dict[str, str | bytes]) -> None:
    """Every link under a known prefix resolves to a route of that prefix (e.g. no 'aanbod/x/'
    that is not an offer's route)."""
    prefixes = {source.split("/")[0] + "/" for source in ROUTES.values() if "/" in source}
    patterns = [route_pattern(directory_url(source)) for source in ROUTES.values()]
    for page, found, resolved in internal_links(generated):
        if any(resolved.startswith(prefix) for prefix in prefixes):
            assert any(p.fullmatch(resolved) for p in patterns), (page, found)


def test_changing_a_route_moves_the_page_and_every_link_to_it(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ROUTES, Page.OFFER, "hulp/{id}.md")
    monkeypatch.setitem(ROUTES, Page.SOCIAL_MAP, "kaart/index.md")
    monkeypatch.setitem(ROUTES, Page.SOCIAL_MAP_DATA, "gegevens/aanbod.json")
    monkeypatch.setitem(ROUTES, Page.SOCIAL_MAP_SCHEMA, "gegevens/aanbod.schema.json")
    monkeypatch.setitem(ROUTES, Page.SOCIAL_MAP_LIST, "kaart/blad-{id}.md")
    monkeypatch.setitem(ROUTES, Page.SOCIAL_MAP_FILTERS, "gegevens/filters.json")
    monkeypatch.setitem(ROUTES, Page.SOCIAL_MAP_CARDS, "gegevens/kaarten/{id}.html")
    pages = render_pages(dataset, TEMPLATES, today=TODAY)
    assert "hulp/steungroep.md" in pages and "kaart/index.md" in pages
    assert not any(source.startswith(("aanbod/", "sociale-kaart/")) for source in pages)
    assert 'href="../../hulp/steungroep/"' in str(pages["organisaties/veilig-thuis-testland.md"])
    assert 'href="kaart/"' in str(pages["index.md"])
    assert 'data-rk-socialmap="../gegevens/filters.json"' in str(pages["kaart/index.md"])
    assert 'data-rk-cards="../gegevens/kaarten/"' in str(pages["kaart/index.md"])
    cards = "".join(
        str(body) for source, body in pages.items() if source.startswith("gegevens/kaarten/")
    )
    assert 'href="../../hulp/steungroep/"' in cards  # relative to the card file's folder
    assert '"url":"../hulp/steungroep/"' in str(pages["gegevens/aanbod.json"])
    old_path = re.compile(r"(?<![\w-])(?:aanbod|sociale-kaart)/")
    for source, body in pages.items():
        assert not old_path.search(str(body)), source
    assert unresolved_links(pages) == []


# ---------------------------------------------------------------------------------------------
# The nav


def declared_nav(spec: NavSpec) -> list[NavItem]:
    """NAV as the engine is given it when every page in it is there: each page as its route's file."""
    return [
        {title: page_file(entry) if isinstance(entry, Page) else declared_nav(entry)}
        for title, entry in spec
    ]


def nav_files(nav: list[NavItem]) -> Iterator[tuple[str, str]]:
    for item in nav:
        for title, entry in item.items():
            if isinstance(entry, str):
                yield title, entry
            else:
                yield from nav_files(entry)


def make_content(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "content_files",
    [
        {},
        {"over.md": "# Over\n"},
        {"over.md": "# Over\n", "werkwijze.md": "Tekst\n\n# Onze werkwijze\n", "logo.png": "x"},
        {"extra/notities-regio.md": "Geen kop\n", ".verborgen.md": "# Nee\n"},
    ],
    ids=["no-content", "about", "about-and-more", "nested-and-hidden"],
)
def test_every_nav_entry_is_a_generated_page_or_a_content_file(
    generated: dict[str, str | bytes], tmp_path: Path, content_files: dict[str, str]
) -> None:
    content = make_content(tmp_path / "content", content_files)
    nav = site_nav(docs_files(generated, content), content_page_titles(content))
    entries = list(nav_files(nav))
    assert entries
    for title, source in entries:
        assert source in generated or (content / source).is_file(), (title, source)
    markdown = {name for name in content_files if name.endswith(".md") and "/." not in name}
    listed = {source for _, source in entries}
    assert {name for name in markdown if not name.startswith(".")} <= listed
    assert ".verborgen.md" not in listed


def test_nav_has_the_sections_then_content_pages_then_about(
    generated: dict[str, str | bytes], tmp_path: Path
) -> None:
    content = make_content(
        tmp_path / "content",
        {
            "over.md": "# Over dit kennisportaal\n",
            "werkwijze.md": "---\ntitle: x\n---\n\n# Werkwijze & afspraken\n",
            "route-naar-hulp.md": "Zonder kop.\n",
        },
    )
    nav = site_nav(docs_files(generated, content), content_page_titles(content))
    tops = [next(iter(item)) for item in nav]
    assert tops == [
        *(title for title, _ in NAV),
        "Route naar hulp",
        "Werkwijze &amp; afspraken",  # the theme prints nav titles unescaped
        "Over dit portaal",
    ]
    assert nav[-1] == {"Over dit portaal": "over.md"}


def test_nav_leaves_out_pages_that_are_not_there(generated: dict[str, str | bytes]) -> None:
    without_scan = {source: body for source, body in generated.items() if source != "zelfscan.md"}
    nav = site_nav(set(without_scan), {})
    assert "zelfscan.md" not in {source for _, source in nav_files(nav)}
    assert "Over dit portaal" not in {title for title, _ in nav_files(nav)}
    assert site_nav(set(), {}) == []


def test_the_repository_content_gives_the_declared_nav_and_the_about_page(
    generated: dict[str, str | bytes],
) -> None:
    content = ROOT / "content"
    nav = site_nav(docs_files(generated, content), content_page_titles(content))
    assert nav == [*declared_nav(NAV), {"Over dit portaal": "over.md"}]


def test_engine_configuration_is_the_base_plus_the_build(tmp_path: Path) -> None:
    target = tmp_path / "staging" / "mkdocs.yml"
    target.parent.mkdir()
    nav: list[NavItem] = [{"Home": "index.md"}]
    write_config(
        ROOT / "mkdocs.yml",
        target,
        docs_dir=tmp_path / "docs",
        site_dir=tmp_path / "site",
        site_name="Kennisportaal &amp; co",
        nav=nav,
    )
    base: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    written: dict[str, Any] = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert written["nav"] == nav
    assert written["docs_dir"] == str(tmp_path / "docs")
    assert written["site_dir"] == str(tmp_path / "site")
    assert written["site_name"] == "Kennisportaal &amp; co"
    assert Path(written["theme"]["custom_dir"]) == (ROOT / "theme").resolve()
    for key in ("markdown_extensions", "extra_css", "extra_javascript", "plugins"):
        assert written[key] == base[key]


def test_a_hand_written_page_is_in_the_built_nav(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="werkwijze/"' in home and "Werkwijze in de regio" in home
    assert 'href="over/"' in home and "Over dit portaal" in home
    assert home.index("Werkwijze in de regio") < home.index("Over dit portaal")
