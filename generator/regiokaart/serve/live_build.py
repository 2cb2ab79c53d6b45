"""The build of `regiokaart serve`: one folder kept between builds, where a rebuild writes only the
docs whose content changed and the engine builds only their pages again. It reaches the engine
through the same interface as `regiokaart build` (regiokaart.site.engines).

After a change of one offer, the pages that show it (its own page, its providers' pages, the social
map's lists and cards, the open data) are generated anew like every page, but only the files whose
bytes differ are written to the kept docs folder; MkDocs or ProperDocs then builds just those
(dirty build: a page is built again when its docs file is newer than its page; Zensical, which
cannot, builds every page). Whatever touches every page (the theme, the engine's configuration,
the navigation, a removed page) makes the next build a full one, as does a build that failed
halfway. The search index is made after the pages are shown (index_search), so a changed page is
visible before its search entry is.

An edit inside one offer or organisation is shown sooner (show_edited_record): the file is read
again only around that record (yaml_reread), the record's texts and the rules across files are
checked, and only the record's own page is generated and built; the whole build follows, for the
pages that list the record (the social map, its providers, the open data) and for the check of
everything.

`regiokaart build` does not use this: it builds every page into a new folder and swaps it in.
"""

import contextlib
import dataclasses
import gc
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from regiokaart import resources
from regiokaart.checks.check import check_loaded, site_texts
from regiokaart.checks.validate import data_texts
from regiokaart.dataset import Dataset
from regiokaart.dataset.load import Layer, LoadedData, load_data
from regiokaart.problems import Problem, Severity, has_errors
from regiokaart.routes import NavItem, site_nav
from regiokaart.site import engines
from regiokaart.site.pages import (
    Site,
    build_relations,
    render_abbreviation_definitions,
    render_record_pages,
)
from regiokaart.site.published_privacy import published_check
from regiokaart.site.search import SearchIndexFailed, index_site
from regiokaart.site.stage import (
    content_page_titles,
    count_pages,
    engine_config,
    engine_problem,
    expected_site_files,
    generate_pages,
    site_name_of,
    staged_files,
)
from regiokaart.site.swap import BuildFailed
from regiokaart.source.positions import PathKey, YamlDocument
from regiokaart.source.reread import KeptReads, changed_records


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection in the block (reference counting frees as always)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Names, sizes and times of the files that shape every page (theme_state).
ThemeState = tuple[tuple[str, int, int], ...]


@dataclass
class LiveBuild:
    """The kept folder of one serve session (docs/ and site/ in folder) and what its last build
    wrote there."""

    project: Path
    folder: Path
    engine: str = engines.DEFAULT_ENGINE
    _staged: dict[str, bytes] = field(default_factory=dict)
    # None: site/ is no complete build of docs/
    _engine_inputs: tuple[list[NavItem], str, ThemeState] | None = None
    _reads: KeptReads = field(default_factory=KeptReads)
    # What the last complete build was made from: its files as read, and their Dataset.
    _loaded: LoadedData | None = None
    _dataset: Dataset | None = None

    @property
    def docs(self) -> Path:
        return self.folder / "docs"

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def build(self) -> tuple[int, list[Problem]]:
        """Check, generate and build the pages that changed (or all); the page count and the
        warnings. BuildFailed with the problems when the data or the engine fails."""
        self._dataset = None  # until this build has completed
        loaded, problems = load_data(
            self.project / "data", read=self._reads.read, before=self._loaded
        )
        dataset, problems = check_loaded(loaded, problems, lambda: site_texts(loaded, self.project))
        if dataset is None:
            raise BuildFailed(problems)
        content = self.project / "content"
        pages = generate_pages(dataset)
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
            with published_check(dataset.region.function_mailboxes) as published:
                engines.render_site(config, self.site, engine=self.engine, dirty=dirty)
        except engines.EngineFailed as failure:
            raise BuildFailed([engine_problem(failure)]) from None
        expected = expected_site_files(pages, content, resources.THEME_DIR)
        # A page with personal data is written withheld (published_privacy.py); the next build is
        # a full one, so it is checked again.
        personal = published.problems(self.project, expected, self.site, loaded)
        if personal:  # a page that would give a reader personal data
            raise BuildFailed(personal)
        self._engine_inputs = engine_inputs
        self._loaded, self._dataset = loaded, dataset
        warnings = [p for p in problems if p.severity is Severity.WARNING]
        return count_pages(expected), warnings

    def show_edited_record(self, today: date | None = None) -> str | None:
        """When the data changed since the last complete build only inside one offer or
        organisation (of the region's own data), and that record and the rules across files pass
        the check: build that record's own page (the docs file is returned). None otherwise, with
        nothing written; the whole build that follows says what is wrong, if anything."""
        if self._loaded is None or self._dataset is None or self._engine_inputs is None:
            return None
        if not engines.engine_named(self.engine).incremental:
            return None  # it would build every page: no sooner than the whole build
        # The cyclic garbage collector would walk the whole dataset several times over for the
        # few objects made here (half of the time at national scale); the whole build after this
        # collects as always.
        with collection_paused():
            return self._show_edited_record(today)

    def _show_edited_record(self, today: date | None) -> str | None:
        assert self._loaded is not None and self._dataset is not None
        assert self._engine_inputs is not None
        nav, site_name, theme = self._engine_inputs
        if theme != theme_state():
            return None  # every page changes: the whole build
        loaded, problems = load_data(
            self.project / "data", read=self._reads.read, before=self._loaded
        )
        edited = edited_record(self._loaded, loaded)
        if edited is None:
            return None
        document, path = edited
        dataset, problems = check_loaded(
            loaded, problems, lambda: (list(data_texts([document], path)), []), today
        )
        if dataset is None or has_errors(problems):
            return None
        offers, organisations = changed_offers_and_organisations(self._dataset, dataset)
        if len(offers) + len(organisations) != 1:
            return None
        site = Site(dataset, resources.PAGE_TEMPLATES, today or date.today())
        pages = render_record_pages(site, build_relations(dataset), offers, organisations)
        staged = {relative: body.encode("utf-8") for relative, body in pages.items()}
        if not set(staged) <= set(self._staged):
            return None
        self._engine_inputs = None  # until the page is built
        write_changed(self.docs, staged, self._staged)
        self._staged.update(staged)
        try:
            with published_check(dataset.region.function_mailboxes) as published:
                config = engine_config(self.folder, site_name, nav)
                engines.render_site(config, self.site, engine=self.engine, dirty=True)
        except engines.EngineFailed:
            return None  # the whole build that follows is a full one, and says what failed
        if published.findings:
            return None  # the page is withheld; the whole build that follows says where
        self._engine_inputs = (nav, site_name, theme)
        return next(iter(staged))

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


def edited_record(before: LoadedData, after: LoadedData) -> tuple[YamlDocument, PathKey] | None:
    """The document and path of the one record that differs between two loads of the same data,
    when that is all that differs: each other file read as the same document (KeptReads gives an
    unchanged file's document again), and the changed file of the region's own data with the same
    record objects but one (yaml_reread.changed_records)."""
    if [(f.kind, f.layer) for f in before.files] != [(f.kind, f.layer) for f in after.files]:
        return None
    edited: list[tuple[YamlDocument, PathKey]] = []
    for old, new in zip(before.files, after.files, strict=True):
        paths = changed_records(old.document.data, new.document.data)
        if paths is None or (paths and (new.model is None or new.layer is not Layer.REGIONAL)):
            return None
        edited += [(new.document, path) for path in paths]
    return edited[0] if len(edited) == 1 else None


def changed_offers_and_organisations(
    before: Dataset, after: Dataset
) -> tuple[list[Any], list[Any]]:
    """The offers and organisations of after that differ from before, when nothing else differs
    (the same ids, the same other records); otherwise two empty lists."""
    if before.offers.keys() != after.offers.keys():
        return [], []
    if before.organisations.keys() != after.organisations.keys():
        return [], []
    rest = dataclasses.replace(after, offers=before.offers, organisations=before.organisations)
    if rest != before:
        return [], []
    offers = [o for i, o in after.offers.items() if o != before.offers[i]]
    organisations = [o for i, o in after.organisations.items() if o != before.organisations[i]]
    return offers, organisations


def theme_state() -> ThemeState:
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
