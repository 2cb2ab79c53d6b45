"""Clean output: the region's name reads right wherever the portal shows it, the home page is
titled by the portal's name alone, and no Markdown-only attribute is left in the pages."""

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from regiokaart.site.build import build_site
from tests.conftest import make_mini_project, replace_in

NAMES = ["Test & Land", "<script>x</script>"]


class Strings(HTMLParser):
    """A page as a browser reads it: its text and attribute values (character references
    resolved), the <title>, and the attributes of every element with an id or a class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.values: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.values += values.values()
        self.elements.append((tag, values))
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False

    def handle_data(self, data: str) -> None:
        self.texts.append(" ".join(data.split()))
        if self.in_title:
            self.title += data


def read(page: Path) -> Strings:
    strings = Strings()
    strings.feed(page.read_text(encoding="utf-8"))
    strings.close()
    return strings


@pytest.fixture(scope="module", params=NAMES)
def named_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """A real build of the small fixture region, renamed."""
    name: str = request.param
    project = make_mini_project(tmp_path_factory.mktemp("named") / "project")
    replace_in(project / "data" / "region.yaml", "name: Testland", f"name: {json.dumps(name)}")
    build_site(project, project / "site")
    return name, project / "site"


def test_the_region_name_reads_right_in_header_title_and_navigation(
    named_site: tuple[str, Path],
) -> None:
    name, site = named_site
    portal = f"Kennisportaal {name}"
    home = read(site / "index.html")
    assert home.title.strip() == portal
    assert portal in home.texts  # the header's title and the drawer's title
    logos = [attrs for tag, attrs in home.elements if "md-logo" in attrs.get("class", "")]
    assert len(logos) == 2  # header and navigation drawer
    for attrs in logos:
        assert attrs["title"] == portal and attrs["aria-label"] == portal
    assert any(name in text for text in home.texts if text.startswith("Aanpak huiselijk geweld"))
    offer = read(site / "aanbod" / "steungroep" / "index.html")
    assert offer.title.strip() == f"Steungroep voor plegers - {portal}"


def test_the_region_name_is_escaped_once_everywhere(named_site: tuple[str, Path]) -> None:
    _, site = named_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        if "pagefind" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        assert "<script>x</script>" not in html, page  # the name never becomes markup
        strings = read(page)
        for value in strings.texts + strings.values:
            # Escaped twice, a browser would show the escape itself.
            assert "&amp;" not in value and "&lt;script" not in value, (page, value)


def test_data_files_hold_the_region_name_as_it_is(named_site: tuple[str, Path]) -> None:
    name, site = named_site
    contacts = json.loads((site / "open-data" / "hsds" / "json" / "contacts.json").read_text())
    assert f"Contactpunt regio {name}" in {contact["name"] for contact in contacts}
    for download in (site / "downloads" / "modules").glob("*.yaml"):
        assert yaml.safe_load(download.read_text(encoding="utf-8"))["region"] == name


def test_home_page_is_titled_by_the_portal_name_alone(shipped_site: Path) -> None:
    assert read(shipped_site / "index.html").title.strip() == "Kennisportaal Flevoland"
    for page in ("aanbod/caring-dads/index.html", "over/index.html", "zoeken/index.html"):
        title = read(shipped_site / page).title.strip()
        first, _, portal = title.rpartition(" - ")
        assert portal == "Kennisportaal Flevoland" and first and first != portal, title


def test_no_markdown_attribute_is_left_in_the_pages(shipped_site: Path) -> None:
    left = [
        page.relative_to(shipped_site).as_posix()
        for page in shipped_site.rglob("*.html")
        if "pagefind" not in page.parts
        and any("markdown" in attrs for _, attrs in read(page).elements)
    ]
    assert left == []
