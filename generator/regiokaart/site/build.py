"""regiokaart build, as a pipeline (build_site): check the data -> generate the pages -> stage the
docs and the engine's configuration (with the navigation) -> the engine renders and finishes each
page -> the search index -> verify -> swap.

Each page is checked for personal data as the engine writes it (published_privacy.py); a finding
fails the build before the swap. Everything is built in a staging folder beside the site and swapped
in only when every step succeeded (swap.py). Staging (stage.py) is shared with serve: site/ is only ever the old or the new complete site.
content/ and data/ are only read.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from regiokaart import resources
from regiokaart.checks.check import check_data
from regiokaart.models.feed import Feed
from regiokaart.problems import Problem, Severity, has_errors
from regiokaart.routes import Page, page_file
from regiokaart.site.engines import DEFAULT_ENGINE, EngineFailed, render_site
from regiokaart.site.pages.feed import render_feed
from regiokaart.site.previous_feed import build_time, previous_feed
from regiokaart.site.published_privacy import published_check
from regiokaart.site.search import SearchIndexFailed, add_built_pages, page_stream
from regiokaart.site.stage import (
    count_pages,
    engine_problem,
    expected_site_files,
    generate_pages,
    stage_for_engine,
)
from regiokaart.site.swap import (
    BuildFailed,
    clean_up_earlier_builds,
    left_behind,
    prepare_site_location,
    staging_folder,
    swap_in,
)

MISSING_SHOWN = 10


@dataclass
class BuildResult:
    site_dir: Path
    target: Path  # the folder written: site_dir, or where it points when it is a symlink
    page_count: int
    warnings: list[Problem] = field(default_factory=list)


def build_site(
    project: Path,
    site_dir: Path,
    *,
    strict: bool = False,
    engine: str = DEFAULT_ENGINE,
    earlier_feed: str | None = None,
) -> BuildResult:
    """Build the portal of project into site_dir (or where it points); the old site stays until the
    new one is complete, and is replaced in one atomic step. BuildFailed says why not.
    earlier_feed: the path or address of the feed the portal publishes now, for the new feed's
    change log (else the feed of the site replaced; site/previous_feed.py)."""
    project = project.resolve()
    target = prepare_site_location(project, site_dir)
    notes = clean_up_earlier_builds(target, site_dir)
    previous, feed_problems = previous_feed(target, earlier_feed)
    try:
        with staging_folder(target, site_dir) as staging:
            feed = FeedInput(build_time(), previous, feed_problems)
            staged = check_and_stage(project, staging, feed)  # data -> pages -> docs, nav, config
            built = staging / "site"
            with published_check(staged.function_mailboxes) as published:
                render_and_index(staged.config, built, strict=strict, engine=engine)
            verify_staged_site(built, staged.expected, site_dir)
            refuse_personal_data(published.problems(project, staged.expected, site_dir))
            swap_in(built, target)
    except BuildFailed as failure:
        raise BuildFailed(notes + failure.problems) from None
    warnings = notes + staged.warnings + left_behind(site_dir, staging, target)
    return BuildResult(site_dir, target, count_pages(staged.expected), warnings)


@dataclass
class Staged:
    """What the engine needs of a checked and staged project, and what the site must hold."""

    config: Path
    expected: dict[str, str]
    warnings: list[Problem]
    function_mailboxes: list[str] = field(default_factory=list)  # no person's address


@dataclass(frozen=True)
class FeedInput:
    """What the feed (site/pages/feed.py) needs beyond the data."""

    built: datetime
    previous: Feed | None
    problems: list[Problem] = field(default_factory=list)  # reading the previous feed


def check_and_stage(project: Path, staging: Path, feed: FeedInput | None = None) -> Staged:
    """Check the data, generate the pages (and the feed, when given) and stage them for the
    engine. The data and the pages are let go on return, so the engine reuses their memory (the
    build's peak is lower)."""
    dataset, problems = check_data(project / "data")
    if feed is not None:
        problems = feed.problems + problems
    if dataset is None or has_errors(problems):
        raise BuildFailed(problems)
    pages = generate_pages(dataset)
    if feed is not None:
        pages[page_file(Page.FEED)] = render_feed(dataset, built=feed.built, previous=feed.previous)
    expected = expected_site_files(pages, project / "content", resources.THEME_DIR)
    config = stage_for_engine(project, dataset, staging, pages)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    return Staged(config, expected, warnings, list(dataset.region.function_mailboxes))


def render_and_index(
    config: Path, built: Path, *, strict: bool, engine: str = DEFAULT_ENGINE
) -> None:
    """The engine renders the staged configuration (stage_for_engine) into built; Pagefind indexes
    each page as MkDocs writes it (or the pages of the built site after an engine that does not
    hand them over), for the portal's search and the national one (site/search.py)."""
    try:
        with page_stream() as stream:
            render_site(config, built, strict=strict, engine=engine)
            if not stream.pages:  # an engine that does not hand over its pages
                add_built_pages(stream, built)
            stream.write_into(built)
    except (EngineFailed, SearchIndexFailed) as failure:
        raise BuildFailed([engine_problem(failure)]) from None


def refuse_personal_data(problems: list[Problem]) -> None:
    """Fail when a reader would get personal data from a built page (published_privacy.py); the
    problems name where it is written."""
    if problems:
        raise BuildFailed(problems)


def verify_staged_site(built: Path, expected: Mapping[str, str], site_dir: Path) -> None:
    """Fail, naming the files, when the staged site lacks any file the build meant to write
    (e.g. because the staging folder was changed or removed during the build)."""
    missing = [
        (relative, source)
        for relative, source in expected.items()
        if not (built / relative).is_file()
    ]
    if not missing:
        return
    problems = [
        Problem(
            str(site_dir / relative),
            1,
            1,
            "",
            f"ontbreekt na het bouwen (uit {source}); is de tijdelijke map tijdens het bouwen "
            "gewijzigd, of de schijf vol?",
        )
        for relative, source in missing[:MISSING_SHOWN]
    ]
    if len(missing) > MISSING_SHOWN:
        rest = len(missing) - MISSING_SHOWN
        problems.append(Problem(str(site_dir), 1, 1, "", f"en nog {rest} bestand(en) ontbreken"))
    raise BuildFailed(problems)
