"""Privacy on what a reader gets (issue 21): every way of writing a mobile number or a personal
e-mail address (tests/privacy_variants.py), written out or split by markup that the page joins
again, fails `regiokaart build` with a message at the line that holds it, in a data field and in a
hand-written page, and the previous site stays as it was; `regiokaart serve` never shows such a page.
"""

import contextlib
import io
import json
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiokaart.cli import main
from regiokaart.models.privacy import find_personal_data
from regiokaart.serve.live_build import LiveBuild
from regiokaart.site.build import BuildFailed
from regiokaart.site.finish import finish_site
from regiokaart.site.published_privacy import (
    WITHHELD_PAGE,
    PageFinding,
    PublishedCheck,
    loosened_text,
    published_check,
    reader_text,
    source_problems,
)
from tests.conftest import make_mini_project, replace_in, tree_digest
from tests.privacy_variants import (
    ADDRESS,
    MARKUP_SPLITS,
    MOBILE,
    SHOWN_LITERALLY,
    WRITINGS,
    Variant,
)

PAGE_HINT = "zo leest een bezoeker het op "

# --- a real build of a small region with each variant --------------------------------------------


@dataclass
class Outcome:
    code: int
    messages: list[str]
    site_unchanged: bool
    staging_left: bool


def build(project: Path) -> tuple[int, list[str]]:
    """`regiokaart build` of project into project/site: the exit code and what it printed."""
    output = io.StringIO()
    with contextlib.redirect_stderr(output), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", "--project", str(project), "--site", str(project / "site")])
    return code, output.getvalue().splitlines()


def content_page(index: int) -> str:
    return f"variant-{index:02d}.md"


def write_content_pages(project: Path, variants: list[Variant]) -> None:
    """One hand-written page per variant: the variant starts on line 3."""
    for index, variant in enumerate(variants):
        text = f"# Variant {index}\n\nBel ons: {variant.markup}\n"
        (project / "content" / content_page(index)).write_text(text, encoding="utf-8")


def remove_content_pages(project: Path) -> None:
    for page in (project / "content").glob("variant-*.md"):
        page.unlink()


ORGANISATIONS_BEFORE = 3  # in the fixture's organisations.yaml


def add_organisations(project: Path, variants: list[Variant]) -> dict[int, int]:
    """One organisation per variant, the variant its description; index -> the description's
    line in organisations.yaml."""
    path = project / "data" / "organisations.yaml"
    text = path.read_text(encoding="utf-8")
    lines = {}
    for index, variant in enumerate(variants):
        lines[index] = text.count("\n") + 4
        text += (
            f"  - id: variant-{index}\n"
            f"    name: Variant {index}\n"
            "    type: gemeente\n"
            f"    description: {json.dumps(variant.markup, ensure_ascii=False)}\n"
            "    area: {scope: regio, regions: [Testland]}\n"
            '    source: {document: testbron, section: "1"}\n'
            "    peildatum: 2026-01-15\n"
        )
    path.write_text(text, encoding="utf-8")
    return lines


IN_DATA = [v for v in MARKUP_SPLITS if not v.content_only]
SHOWN_AS_WRITTEN = [v for v in IN_DATA if not v.from_data]


@dataclass
class Builds:
    """The outcomes of the builds of one small region, each after a good build of it."""

    content_splits: Outcome
    content_writings: Outcome
    data_splits: Outcome
    data_writings: Outcome
    split_lines: dict[int, int]  # variant -> its description's line in organisations.yaml
    writing_lines: dict[int, int]
    shown_as_written: tuple[int, Path]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """One small region built with every variant in its hand-written pages, then in its data (the
    writings and the splits apart: check refuses the writings before anything is built)."""
    project = make_mini_project(tmp_path_factory.mktemp("privacy") / "project")
    organisations = (project / "data" / "organisations.yaml").read_text(encoding="utf-8")
    code, messages = build(project)
    assert code == 0, messages  # the small region itself builds: no false finding

    def outcome() -> Outcome:
        before = tree_digest(project / "site")
        code, messages = build(project)
        return Outcome(
            code,
            messages,
            tree_digest(project / "site") == before,
            bool(list(project.parent.glob(".staging-*")) + list(project.glob(".staging-*"))),
        )

    write_content_pages(project, MARKUP_SPLITS)
    content_splits = outcome()
    remove_content_pages(project)
    write_content_pages(project, WRITINGS)
    content_writings = outcome()
    remove_content_pages(project)

    split_lines = add_organisations(project, IN_DATA)
    data_splits = outcome()
    (project / "data" / "organisations.yaml").write_text(organisations, encoding="utf-8")
    writing_lines = add_organisations(project, WRITINGS)
    data_writings = outcome()
    (project / "data" / "organisations.yaml").write_text(organisations, encoding="utf-8")

    add_organisations(project, SHOWN_AS_WRITTEN)
    code, messages = build(project)
    assert code == 0, messages
    return Builds(
        content_splits,
        content_writings,
        data_splits,
        data_writings,
        split_lines,
        writing_lines,
        (code, project / "site"),
    )


def located_in_content(outcome: Outcome, index: int) -> list[str]:
    return [m for m in outcome.messages if f"{content_page(index)}:" in m]


def says_what(variant: Variant, message: str) -> bool:
    if variant.key.startswith("+"):
        return "bevat een mobiel telefoonnummer (" in message
    return "bevat een persoonlijk e-mailadres (" in message and variant.key in message.lower()


def assert_failed_cleanly(outcome: Outcome) -> None:
    assert outcome.code == 1, outcome.messages
    assert outcome.site_unchanged, "the previous site stays as it was"
    assert not outcome.staging_left
    assert not any("Traceback" in m for m in outcome.messages)


@pytest.mark.parametrize("index", range(len(MARKUP_SPLITS)))
def test_a_split_in_a_hand_written_page_fails_the_build_at_its_line(
    builds: Builds, index: int
) -> None:
    variant = MARKUP_SPLITS[index]
    assert_failed_cleanly(builds.content_splits)
    located = located_in_content(builds.content_splits, index)
    assert located, f"{variant.description}: {builds.content_splits.messages}"
    first_line = 3 + variant.markup.count("\n")
    for message in located:
        line = int(message.split(f"{content_page(index)}:")[1].split(":")[0])
        assert 3 <= line <= first_line, message
        assert says_what(variant, message), message
        # found on the page, not in the source: the page check refused it
        assert f"{PAGE_HINT}{content_page(index).removesuffix('.md')}/index.html" in message


@pytest.mark.parametrize("index", range(len(WRITINGS)))
def test_a_writing_in_a_hand_written_page_fails_the_build_at_its_line(
    builds: Builds, index: int
) -> None:
    variant = WRITINGS[index]
    assert_failed_cleanly(builds.content_writings)
    located = located_in_content(builds.content_writings, index)
    assert len(located) == 1, builds.content_writings.messages
    assert f"{content_page(index)}:3:" in located[0]
    assert says_what(variant, located[0]), located[0]


PRIVACY_MESSAGES = ("bevat een mobiel telefoonnummer (", "bevat een persoonlijk e-mailadres (")


def data_messages(outcome: Outcome, line: int, organisation: int) -> list[str]:
    """The privacy rule's messages at the description of an added organisation (an invisible
    character there has its own message too, from the reading of the data)."""
    where = f"organisations.yaml:{line}:"
    field = f"organisations[{ORGANISATIONS_BEFORE + organisation}].description: "
    return [
        m
        for m in outcome.messages
        if where in m and field in m and any(said in m for said in PRIVACY_MESSAGES)
    ]


@pytest.mark.parametrize("index", range(len(IN_DATA)))
def test_a_split_in_a_data_field_fails_the_build_at_the_value_unless_shown_as_written(
    builds: Builds, index: int
) -> None:
    variant = IN_DATA[index]
    located = data_messages(builds.data_splits, builds.split_lines[index], index)
    if not variant.from_data:  # shown as written (raw HTML in data is escaped): not joined
        assert located == []
        return
    assert_failed_cleanly(builds.data_splits)
    assert len(located) == 1, f"{variant.description}: {builds.data_splits.messages}"
    assert says_what(variant, located[0]), located[0]
    assert PAGE_HINT in located[0]  # found on a page: the page check refused it


@pytest.mark.parametrize("index", range(len(WRITINGS)))
def test_a_writing_in_a_data_field_fails_the_build_at_the_value(builds: Builds, index: int) -> None:
    variant = WRITINGS[index]
    assert_failed_cleanly(builds.data_writings)
    located = data_messages(builds.data_writings, builds.writing_lines[index], index)
    assert len(located) == 1, builds.data_writings.messages
    assert says_what(variant, located[0]), located[0]


def test_what_a_browser_shows_as_written_builds(mini_project: Path) -> None:
    """No false finding: a textarea's content is raw text (a comment or a tag there is shown as
    written), so no number is joined there."""
    for index, markup in enumerate(SHOWN_LITERALLY):
        text = f"# Letterlijk {index}\n\nZo staat het er: {markup}\n"
        (mini_project / "content" / f"letterlijk-{index}.md").write_text(text, encoding="utf-8")
    code, messages = build(mini_project)
    assert code == 0, messages


class TextOfPage(HTMLParser):
    """The text of a page by the standard library's parser: a reader independent of ours."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@pytest.mark.parametrize("index", range(len(SHOWN_AS_WRITTEN)))
def test_markup_in_a_data_field_is_shown_as_written_and_builds(builds: Builds, index: int) -> None:
    """Why a comment, an entity or a tag in a data field is no leak: the page shows it as written."""
    code, site = builds.shown_as_written
    assert code == 0
    parser = TextOfPage()
    parser.feed((site / f"organisaties/variant-{index}/index.html").read_text(encoding="utf-8"))
    assert SHOWN_AS_WRITTEN[index].markup in "".join(parser.parts)


# --- every HTML file a reader gets is checked ----------------------------------------------------


def test_every_html_file_of_the_site_is_checked(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    page_is_clean = PublishedCheck.page_is_clean

    def record(self: PublishedCheck, page: str, text: str) -> bool:
        checked.append(page)
        return page_is_clean(self, page, text)

    monkeypatch.setattr(PublishedCheck, "page_is_clean", record)
    (mini_project / "content" / "los.html").write_text("<p>Een los HTML-bestand.</p>\n")
    code, messages = build(mini_project)
    assert code == 0, messages
    site = mini_project / "site"
    html_files = {
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if "pagefind" not in path.relative_to(site).parts
    }
    # pages, the theme's 404.html, copied HTML files and the social map's card files
    assert {"index.html", "404.html", "los.html"} <= html_files
    assert any(page.startswith("sociale-kaart/kaarten/") for page in html_files)
    assert sorted(checked) == sorted(html_files)


def test_an_engine_without_hooks_has_its_pages_checked_after_the_build(tmp_path: Path) -> None:
    """Zensical: page_finish.finish_site reads every page once; a page with personal data is
    written as a notice instead."""
    (tmp_path / "a").mkdir()
    leak = "<!doctype html><html><head><title>x</title></head><body><p>06-1234<!-- -->5678</p>"
    (tmp_path / "a" / "index.html").write_text(leak, encoding="utf-8")
    clean = "<!doctype html><html><head><title>y</title></head><body><p>Bel 0800-2000</p>"
    (tmp_path / "index.html").write_text(clean, encoding="utf-8")
    with published_check() as check:
        finish_site(tmp_path)
    assert [(f.page, f.finding.key) for f in check.findings] == [("a/index.html", MOBILE)]
    withheld = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert "Pagina niet gepubliceerd" in withheld and "5678" not in withheld
    assert "0800-2000" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_a_split_in_the_theme_fails_the_build_once_at_its_line(
    mini_project: Path, shipped_copy: Path
) -> None:
    main_html = shipped_copy / "theme" / "main.html"
    lines = main_html.read_text(encoding="utf-8").splitlines()
    footer = "{% block footer %}<p>Bel 06-1234{# niet getoond #}5678</p>{{ super() }}{% endblock %}"
    main_html.write_text("\n".join([*lines, footer, ""]), encoding="utf-8")
    code, messages = build(mini_project)
    assert code == 1, messages
    located = [m for m in messages if "mobiel telefoonnummer" in m]
    assert len(located) == 1, messages  # one place, however many pages show it
    assert f"main.html:{len(lines) + 1}:" in located[0]
    assert PAGE_HINT in located[0] and "andere pagina's" in located[0]


def test_personal_data_found_nowhere_in_the_sources_is_named_at_its_page(tmp_path: Path) -> None:
    found = find_personal_data("Bel 06-12345678")
    findings = [PageFinding(page, found[0]) for page in ("a/index.html", "b/index.html")]
    problems = source_problems(findings, tmp_path, {}, tmp_path / "site", list)
    assert [p.format() for p in problems] == [
        f"{tmp_path / 'site' / 'a' / 'index.html'}:1:1: bevat een mobiel telefoonnummer "
        "(06-12345678); publiceer alleen contactgegevens van een organisatie of functie (zo leest "
        "een bezoeker het op a/index.html, b/index.html; in content/, de gegevens en het thema is "
        "niet gevonden waar het staat)"
    ]


# --- regiokaart serve ----------------------------------------------------------------------------


def test_serve_never_shows_a_page_with_personal_data(mini_project: Path, tmp_path: Path) -> None:
    live = LiveBuild(mini_project, tmp_path / "live")
    live.build()
    page = mini_project / "content" / "bereikbaar.md"
    page.write_text("# Bereikbaar\n\nBel 06-1234<!-- -->5678.\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        live.build()
    messages = [p.format() for p in failed.value.problems]
    assert any("bereikbaar.md:3:" in m and "mobiel telefoonnummer" in m for m in messages), messages
    shown = (live.site / "bereikbaar" / "index.html").read_text(encoding="utf-8")
    assert "Pagina niet gepubliceerd" in shown
    assert find_personal_data(reader_text(shown)) == []

    page.write_text("# Bereikbaar\n\nBel 0800-2000.\n", encoding="utf-8")
    live.build()
    assert "0800-2000" in (live.site / "bereikbaar" / "index.html").read_text(encoding="utf-8")


def test_serve_does_not_show_an_edited_record_with_personal_data_first(
    mini_project: Path, tmp_path: Path
) -> None:
    live = LiveBuild(mini_project, tmp_path / "live")
    live.build()
    replace_in(
        mini_project / "data" / "organisations.yaml",
        "description: Advies- en meldpunt voor **huiselijk geweld**.",
        "description: Bel 06-1234*5*678.",
    )
    assert live.show_edited_record() is None
    page = live.site / "organisaties" / "veilig-thuis-testland" / "index.html"
    assert find_personal_data(reader_text(page.read_text(encoding="utf-8"))) == []
    with pytest.raises(BuildFailed) as failed:
        live.build()
    messages = [p.format() for p in failed.value.problems]
    assert any(
        "organisations.yaml:17:" in m and "organisations[2].description: bevat een mobiel" in m
        for m in messages
    ), messages
    assert find_personal_data(reader_text(page.read_text(encoding="utf-8"))) == []


# --- the shipped portal --------------------------------------------------------------------------


def test_the_shipped_portal_builds_with_no_page_withheld(shipped_site: Path) -> None:
    """The Flevoland portal, with the phone numbers and addresses of its organisations, passes."""
    texts = {
        path.relative_to(shipped_site).as_posix(): path.read_text(encoding="utf-8")
        for path in shipped_site.rglob("*.html")
        if "pagefind" not in path.relative_to(shipped_site).parts
    }
    assert len(texts) > 200
    assert not [page for page, text in texts.items() if "Pagina niet gepubliceerd" in text]
    read = "\n".join(reader_text(text) for text in texts.values())
    assert "0800-2000" in read, "the scan reads the organisations' numbers, and lets them pass"
    assert "mailto:" in read, "and the link targets"


# --- what a reader gets of a page ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("<p>06-1234<!-- -->5678</p>", "06-12345678"),
        ("<p>06-1234<!-->5678</p>", "06-12345678"),  # HTML5: '<!-->' is a whole comment
        ("<p>06-1234<!--->5678</p>", "06-12345678"),
        ("<p>06-1234<!-- a --!>5678</p>", "06-12345678"),
        ("<p>06&#45;12345678</p>", "06-12345678"),
        ("<p>06-<em>1234</em><span class='x'>5678</span></p>", "06-12345678"),
        ('<p><span a"b>06-12345678</span></p>', "06-12345678"),  # a stray quote hides nothing
        ("<p>06-1234\n   5678</p>", "06-1234 5678"),
        ('<a href="mailto:j.jansen%40gemeente.example.nl">mail</a>', ADDRESS),
        ('<a href="tel:%2B31612345678">bel</a>', "+31612345678"),
        ('<img alt="06&#45;12345678" src="a.png">', "06-12345678"),
        ('<abbr title="06&#45;12345678">x</abbr>', "06-12345678"),
        ('<meta name="description" content="06&#45;12345678">', "06-12345678"),
        # a browser's URL parser drops tabs and line breaks from a link target
        ('<a href="tel:0612&#9;345678">bel</a>', "tel:0612345678"),
        ('<a href="mailto:j.jansen@gem\r\neente.example.nl">mail</a>', ADDRESS),
        ('<form action="mailto:j.jansen&#64;gemeente.example.nl"></form>', ADDRESS),
        ("<textarea>06&#45;12345678</textarea>", "06-12345678"),  # raw text, entities decoded
        ('<bdo dir="rtl">87654321-60</bdo>', "\u202e87654321-60"),  # read as an override
        ("<BDO DIR=RTL>87654321-60</BDO>", "\u202e87654321-60"),
    ],
)
def test_reader_text_is_what_a_browser_shows(page: str, shown: str) -> None:
    assert shown in reader_text(page)


@pytest.mark.parametrize(
    "page",
    [
        "<table><tr><td>06</td><td>12345678</td></tr></table>",  # two cells
        "<ul><li>06</li><li>12345678</li></ul>",
        "<p>06</p><p>12345678</p>",
        "06<br>12345678",
        "<script>const n = '06-12345678';</script>",  # not shown
        "<style>/* 06-12345678 */</style>",
        "<p>&lt;!-- 06-1234 --&gt;5678 is shown as written</p>",
        "<p>Bel 0800-2000 of 088 123 4567, mail info@veiligthuis.example.nl</p>",
        *SHOWN_LITERALLY,
        "<p>87654321-60 read the wrong way round is no number</p>",
        '<p><bdo dir="ltr">87654321-60</bdo></p>',
    ],
)
def test_reader_text_joins_only_what_a_browser_joins(page: str) -> None:
    assert find_personal_data(reader_text(page)) == []


def test_a_region_function_mailbox_passes_on_a_page() -> None:
    page = '<a href="mailto:plegeraanpak%40veiligthuis.example.nl">plegeraanpak</a>'
    check = PublishedCheck(["Plegeraanpak@Veiligthuis.example.nl"])
    assert check.page_is_clean("a/index.html", page)
    assert not PublishedCheck().page_is_clean("a/index.html", page)


def test_withheld_page_holds_nothing_personal() -> None:
    assert find_personal_data(reader_text(WITHHELD_PAGE)) == []


# Linear in the length of any input: hypothesis' deadline catches superlinear work (as in
# test_privacy.py), with no timing assert of our own; quadratic work on these would take hours.
HOSTILE_UNITS = [
    "<a",
    '<a title="',
    "<!--",
    "<!",
    "</",
    "&#",
    "&",
    "<script>",
    "[",
    "](",
    "%4",
    "*",
    " ",
    " \n",
    "\t",
    "<a =  ",
    '](a "',
    "_",
    "a@",
    "06 ",
    "\u202e06 ",
    "<bdo dir=rtl>",
    "\u200ba@",
    '<a href="\t',
    "<textarea>",
    "<textarea><!--",
    "ë@ë.",
]


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_reading_a_hostile_page_is_bounded(unit: str) -> None:
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]

    @settings(max_examples=1, deadline=timedelta(seconds=10), database=None)
    @given(st.just(text))
    def read(page: str) -> None:
        find_personal_data(reader_text(page))
        loosened_text(page)

    read()


def test_loosened_source_keeps_each_character_at_its_place() -> None:
    source = "# Kop\n\nBel *ons*: 06&#45;1234<!-- -->5678\n"
    loosened, origin = loosened_text(source)
    assert len(origin) == len(loosened)
    [finding] = find_personal_data(loosened)
    assert source[origin[finding.start] :].startswith("06&#45;")


def test_no_check_is_open_outside_a_build() -> None:
    """A page written outside a build (a bare engine in the benchmark) is left as it is."""
    from regiokaart.site.finish import finish_published_page

    page = "<html><head></head><body>06-1234<!-- -->5678</body></html>"
    assert "5678" in finish_published_page(page, "x/index.html")
