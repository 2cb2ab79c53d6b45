"""regiokaart build: validate -> generate pages -> stage with content/ -> MkDocs -> swap into site/.

The previous site folder is replaced only when every step succeeded; content/ and data/ are only read.
"""

import html
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.check import check_data
from generator.mkdocs.engine import EngineFailed, render_site
from generator.pages import render_abbreviation_definitions, render_pages
from generator.problems import Problem, Severity
from generator.search import SearchIndexFailed, index_site


class BuildFailed(Exception):
    """The build stopped; problems say why. Nothing outside the staging folder was changed."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class BuildResult:
    site_dir: Path
    page_count: int
    warnings: list[Problem] = field(default_factory=list)


def build_site(project: Path, site_dir: Path, *, strict: bool = False) -> BuildResult:
    """Build the portal of project into site_dir, atomically."""
    project = project.resolve()
    site_dir = site_dir if site_dir.is_absolute() else (Path.cwd() / site_dir)
    dataset, problems = check_data(project / "data")
    if dataset is None:
        raise BuildFailed(problems)
    try:
        pages = render_pages(dataset, project / "theme" / "regiokaart")
    except jinja2.TemplateError as error:
        raise BuildFailed([template_problem(project, error)]) from None
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=site_dir.parent))
    try:
        docs = staging / "docs"
        stage_docs(project / "content", pages, docs, render_abbreviation_definitions(dataset))
        built = staging / "site"
        try:
            render_site(
                project / "mkdocs.yml",
                docs,
                built,
                site_name=html.escape(f"Kennisportaal {dataset.region.name}"),
                strict=strict,
            )
            index_site(built)
        except (EngineFailed, SearchIndexFailed) as failure:
            raise BuildFailed([Problem("mkdocs.yml", 1, 1, "", str(failure))]) from None
        count = sum(1 for _ in built.rglob("index.html"))
        swap_in(built, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    return BuildResult(site_dir, count, warnings)


def template_problem(project: Path, error: jinja2.TemplateError) -> Problem:
    """A located message for a broken page template in theme/regiokaart/."""
    name = getattr(error, "name", None) or getattr(error, "filename", None) or "theme/regiokaart"
    line = getattr(error, "lineno", None) or 1
    where = f"theme/regiokaart/{Path(name).name}" if name != "theme/regiokaart" else name
    return Problem(where, line, 1, "", f"fout in paginasjabloon: {error.message or error}")


def stage_docs(
    content: Path, pages: dict[str, str | bytes], docs: Path, content_suffix: str = ""
) -> None:
    """Copy hand-written content (with content_suffix appended to its Markdown, e.g. abbreviation
    definitions) and add generated pages; a name clash is an error. content/ itself is only read."""
    if content.is_dir():
        shutil.copytree(content, docs)
        for page in docs.rglob("*.md"):
            with page.open("a", encoding="utf-8") as handle:
                handle.write(content_suffix)
    else:
        docs.mkdir(parents=True)
    clashes = []
    for relative, body in pages.items():
        target = docs / relative
        if target.exists():
            clashes.append(
                Problem(
                    f"content/{relative}",
                    1,
                    1,
                    "",
                    "botst met een gegenereerde pagina; kies een andere naam",
                )
            )
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            target.write_bytes(body)
        else:
            target.write_text(body, encoding="utf-8")
    if clashes:
        raise BuildFailed(clashes)


def swap_in(built: Path, site_dir: Path) -> None:
    """Replace site_dir by built with two renames, so readers never see a half-written site."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
        site_dir.rename(old)
    built.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
