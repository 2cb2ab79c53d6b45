"""Staging a project for the engine: the generated pages and content/ as the docs folder, the
engine's configuration with the navigation beside it, and the list of every file the built site
must then hold. build (site/build.py) and serve (serve/live_build.py) both stage through here.
"""

import html
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

import jinja2
import yaml

from regiokaart import resources
from regiokaart.dataset import Dataset
from regiokaart.problems import Problem
from regiokaart.routes import (
    MARKDOWN_SUFFIXES,
    NavItem,
    directory_url,
    footer_links,
    is_markdown,
    site_nav,
)
from regiokaart.site import search, second_core
from regiokaart.site.engines import HOOKS, STAGED_CONFIG, EngineFailed, write_config
from regiokaart.site.pages import (
    make_site,
    open_data_files,
    render_abbreviation_definitions,
    render_open_data_pages,
    render_other_pages,
)
from regiokaart.site.swap import BuildFailed

# The search indexes' scripts and entries (site/search.py); their chunks are named by content.
SEARCH_INDEX = tuple(
    f"{index}/{name}" for index, names in search.REQUIRED_FILES.items() for name in names
)


def generate_pages(dataset: Dataset) -> dict[str, str | bytes]:
    """The generated pages and assets (as site.pages.render_pages makes them); a broken page
    template is a located problem."""
    try:
        site = make_site(dataset, resources.PAGE_TEMPLATES)
        # The open data (HSDS export and workbook, a third of the work at national scale) is made
        # on the second core while this process makes the other pages.
        with second_core.beside(lambda: open_data_files(dataset, site.today)) as open_data:
            pages = render_other_pages(site)
            pages.update(render_open_data_pages(site, open_data()))
    except jinja2.TemplateError as error:
        raise BuildFailed([template_problem(error)]) from None
    return pages


def template_problem(error: jinja2.TemplateError) -> Problem:
    """A located message for a broken page template in theme/regiokaart/."""
    name = getattr(error, "name", None) or getattr(error, "filename", None) or "theme/regiokaart"
    line = getattr(error, "lineno", None) or 1
    where = f"theme/regiokaart/{Path(name).name}" if name != "theme/regiokaart" else name
    return Problem(where, line, 1, "", f"fout in paginasjabloon: {error.message or error}")


def docs_files(pages: Mapping[str, str | bytes], content: Path) -> set[str]:
    """Every file the staged docs folder will hold, relative to it."""
    return set(pages) | {path.relative_to(content).as_posix() for path in files_in(content)}


def content_page_titles(content: Path) -> dict[str, str]:
    """The hand-written pages of content/ (file -> nav title): each page's first '# ' heading, or
    else its file name. HTML-escaped, since the theme prints nav titles as they are."""
    titles = {}
    for path in files_in(content):
        relative = path.relative_to(content).as_posix()
        if is_markdown(relative) and not excluded_from_docs(relative):
            titles[relative] = html.escape(first_heading(path) or title_from_name(path))
    return titles


def first_heading(path: Path) -> str | None:
    """The text of a Markdown file's first '# ' heading; None without one or when unreadable."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                text = line[2:].strip().rstrip("#").strip() if line.startswith("# ") else ""
                if text:
                    return text
    except OSError:
        return None
    return None


def title_from_name(path: Path) -> str:
    """werkwijze-en-aanpak.md -> 'Werkwijze en aanpak'."""
    words = path.stem.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else path.name


def stage_for_engine(
    project: Path,
    dataset: Dataset,
    folder: Path,
    pages: Mapping[str, str | bytes] | None = None,
    *,
    hooks: tuple[Path, ...] = HOOKS,
) -> Path:
    """Everything the engine is handed, staged in folder: docs/ (content/ and the generated pages)
    and the configuration beside it, whose path is returned. The build stages through this, and
    the benchmark hands a bare engine the same (bench/run.py), with only the hooks of the hand-off
    (HAND_OFF_HOOKS) rather than regiokaart's own finishing of pages. pages: when already made."""
    content = project / "content"
    if pages is None:
        pages = generate_pages(dataset)
    docs = folder / "docs"
    stage_docs(content, dict(pages), docs, render_abbreviation_definitions(dataset))
    nav = site_nav(docs_files(pages, content), content_page_titles(content))
    return engine_config(folder, site_name_of(dataset), nav, hooks=hooks)


def engine_config(
    folder: Path, site_name: str, nav: list[NavItem], *, hooks: tuple[Path, ...] = HOOKS
) -> Path:
    """The configuration for folder/docs -> folder/site, written to folder/mkdocs.yml; a base
    configuration that cannot be read is a located problem."""
    config = folder / STAGED_CONFIG
    try:
        write_config(
            resources.BASE_CONFIG,
            config,
            docs_dir=folder / "docs",
            site_dir=folder / "site",
            site_name=site_name,
            nav=nav,
            hooks=hooks,
            # theme/partials/footer.html; generator false: no "Made with Material for MkDocs",
            # English on a Dutch page
            extra={"rk_footer": footer_links(), "generator": False},
        )
    except (EngineFailed, yaml.YAMLError) as failure:
        raise BuildFailed(
            [engine_problem(f"MkDocs kon het portaal niet bouwen: {failure}")]
        ) from None
    return config


def stage_docs(
    content: Path, pages: dict[str, str | bytes], docs: Path, content_suffix: str = ""
) -> None:
    """Write the docs folder the engine builds: hand-written content (with content_suffix appended
    to its Markdown, e.g. abbreviation definitions) and the generated pages; a name clash is an
    error. content/ itself is only read."""
    docs.mkdir(parents=True)
    for relative, body in _staged(content, pages, content_suffix):
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def staged_files(
    content: Path, pages: Mapping[str, str | bytes], content_suffix: str = ""
) -> dict[str, bytes]:
    """Every file of the docs folder (relative path -> bytes): content/ with content_suffix
    appended to its Markdown, and the generated pages; a generated page may not replace a file of
    content/."""
    return dict(_staged(content, pages, content_suffix))


def _staged(
    content: Path, pages: Mapping[str, str | bytes], content_suffix: str = ""
) -> Iterator[tuple[str, bytes]]:
    """staged_files one file at a time (each page encoded when it is written, never all at
    once); the clash of a page with a file of content/ is found before the first."""
    sources = {path.relative_to(content).as_posix(): path for path in files_in(content)}
    clashes = [
        Problem(
            f"content/{relative}",
            1,
            1,
            "",
            "botst met een gegenereerde pagina; kies een andere naam",
        )
        for relative in pages
        if relative in sources
    ]
    if clashes:
        raise BuildFailed(clashes)
    for relative, path in sources.items():
        body = path.read_bytes()
        if relative.endswith(".md"):
            body += content_suffix.encode("utf-8")
        yield relative, body
    for relative, page in pages.items():
        yield relative, page.encode("utf-8") if isinstance(page, str) else page


def site_name_of(dataset: Dataset) -> str:
    """HTML-escaped once, here, like page.meta (pages/site.py front_matter): Material prints the
    name as it is; our overrides of the places where it escaped it again are
    theme/partials/header.html and nav.html."""
    return html.escape(f"Kennisportaal {dataset.region.name}")


def engine_problem(failure: Exception | str) -> Problem:
    """A failure of the engine or the search index, as a problem of the build."""
    return Problem("mkdocs.yml", 1, 1, "", str(failure))


# ---------------------------------------------------------------------------------------------
# What the new site must hold


def expected_site_files(
    pages: Mapping[str, str | bytes], content: Path, theme: Path
) -> dict[str, str]:
    """Every file the new site must hold -> what it is made from: the generated pages and files,
    content/, the theme's static files and the search index."""
    sources = {relative: f"gegenereerd {relative}" for relative in pages}
    for path in files_in(content):
        relative = path.relative_to(content).as_posix()
        sources.setdefault(relative, f"content/{relative}")
    expected = {
        output_path(relative): source
        for relative, source in sorted(sources.items())
        if not excluded_from_docs(relative)
    }
    for path in files_in(theme):
        relative = path.relative_to(theme).as_posix()
        if is_theme_static_file(relative):
            expected.setdefault(relative, f"theme/{relative}")
    expected.update((relative, "de zoekindex (Pagefind)") for relative in SEARCH_INDEX)
    return expected


def files_in(folder: Path) -> list[Path]:
    """The files below folder, sorted; none when it is not a folder."""
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []


# MkDocs' rules (mkdocs/structure/files.py, 1.6), with use_directory_urls: true as in mkdocs.yml.


def output_path(relative: str) -> str:
    """x.md -> x/index.html, x/index.md (or README.md) -> x/index.html; other files as they are."""
    return f"{directory_url(relative)}index.html" if is_markdown(relative) else relative


def excluded_from_docs(relative: str) -> bool:
    """MkDocs leaves out dot files and folders and a top-level templates/ folder."""
    parts = PurePosixPath(relative).parts
    return any(part.startswith(".") for part in parts) or parts[0] == "templates"


def is_theme_static_file(relative: str) -> bool:
    """MkDocs copies a theme's files except templates, Markdown, Python, dot files and readmes."""
    name = relative.lower()
    parts = PurePosixPath(name).parts
    return not (
        any(part.startswith(".") for part in parts)
        or name.endswith((".html", ".py", ".pyc", *MARKDOWN_SUFFIXES))
        or "readme" in name
        or name == "mkdocs_theme.yml"
        or parts[0] == "locales"
    )


def count_pages(expected: Mapping[str, str]) -> int:
    """The number of pages among the files the site must hold (expected_site_files)."""
    return sum(1 for relative in expected if PurePosixPath(relative).name == "index.html")
