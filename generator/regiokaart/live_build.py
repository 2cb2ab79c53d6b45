"""The build of `regiokaart serve`: one folder kept between builds, where a rebuild writes only the
docs whose content changed and the engine builds only their pages again.

After a change of one offer, the pages that show it (its own page, its providers' pages, the social
map's lists and cards, the open data) are generated anew like every page, but only the files whose
bytes differ are written to the kept docs folder; MkDocs then builds just those (dirty build: a
page is built again when its docs file is newer than its page). Whatever touches every page (the
theme, the engine's configuration, the navigation, a removed page) makes the next build a full one,
as does a build that failed halfway. The search index is made after the pages are shown
(index_search), so a changed page is visible before its search entry is.

`regiokaart build` does not use this: it builds every page into a new folder and swaps it in.
"""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from regiokaart import resources
from regiokaart.build import (
    BuildFailed,
    content_page_titles,
    count_pages,
    engine_config,
    engine_problem,
    expected_site_files,
    generate_pages,
    site_name_of,
    staged_files,
)
from regiokaart.check import check_data
from regiokaart.mkdocs.engine import EngineFailed, render_site
from regiokaart.pages import render_abbreviation_definitions
from regiokaart.problems import Problem, Severity
from regiokaart.routes import site_nav
from regiokaart.search import SearchIndexFailed, index_site


@dataclass
class LiveBuild:
    """The kept folder of one serve session (docs/ and site/ in folder) and what its last build
    wrote there."""

    project: Path
    folder: Path
    _staged: dict[str, bytes] = field(default_factory=dict)
    _engine_inputs: tuple[object, ...] | None = None  # None: site/ is no complete build of docs/

    @property
    def docs(self) -> Path:
        return self.folder / "docs"

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def build(self) -> tuple[int, list[Problem]]:
        """Check, generate and build the pages that changed (or all); the page count and the
        warnings. BuildFailed with the problems when the data or the engine fails."""
        dataset, problems = check_data(self.project / "data")
        if dataset is None:
            raise BuildFailed(problems)
        content = self.project / "content"
        pages = generate_pages(self.project, dataset)
        staged = staged_files(content, pages, render_abbreviation_definitions(dataset))
        nav = site_nav(set(staged), content_page_titles(content))
        site_name = site_name_of(dataset)
        engine_inputs = (nav, site_name, theme_state())
        dirty = engine_inputs == self._engine_inputs and set(staged) >= set(self._staged)
        self._engine_inputs = None  # until this build has completed
        if dirty:
            write_changed(self.docs, staged, self._staged)
        else:
            shutil.rmtree(self.folder, ignore_errors=True)
            write_changed(self.docs, staged, {})
        self._staged = staged
        config = engine_config(self.folder, site_name, nav)
        try:
            render_site(config, self.site, dirty=dirty)
        except EngineFailed as failure:
            raise BuildFailed([engine_problem(failure)]) from None
        self._engine_inputs = engine_inputs
        expected = expected_site_files(pages, content, resources.THEME_DIR)
        warnings = [p for p in problems if p.severity is Severity.WARNING]
        return count_pages(expected), warnings

    def index_search(self) -> None:
        """The search index of the site as it is now (BuildFailed when Pagefind fails)."""
        try:
            index_site(self.site)
        except SearchIndexFailed as failure:
            raise BuildFailed([engine_problem(failure)]) from None


def write_changed(docs: Path, staged: dict[str, bytes], before: dict[str, bytes]) -> None:
    """Write the files of staged whose bytes differ from before (what docs holds); the others keep
    their file and its time, so the engine knows them unchanged."""
    for relative, body in staged.items():
        if before.get(relative) != body:
            target = docs / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)


def theme_state() -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of the files that shape every page: the theme and mkdocs.yml."""
    paths = [resources.BASE_CONFIG, *sorted(resources.THEME_DIR.rglob("*"))]
    state = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        state.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(state)
