"""regiokaart federate: the national overview, as a pipeline: read FEDERATION.yaml -> gather the
regions' feeds (gather.py, last good copies beside the site) -> aggregate their HSDS -> the pages
(pages.py) -> the same engine and theme as a regional portal, the search index, the check for
personal data -> swap in. The site is replaced only when all of it succeeded; a region that could
not be read is a note on its page, never a failed run."""

import html
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from regiokaart import resources
from regiokaart.federation import last_good
from regiokaart.federation.aggregate import OpenText, RegionHsds, aggregate
from regiokaart.federation.config import Federation, is_web_address, load_federation
from regiokaart.federation.gather import RegionState, gather_regions
from regiokaart.federation.pages import (
    Overview,
    named_apart,
    national_nav,
    open_data_files,
    region_name,
    render_national_pages,
    write_open_data,
)
from regiokaart.problems import Problem, has_errors
from regiokaart.site.build import render_and_index, verify_staged_site
from regiokaart.site.csp import connecting_to
from regiokaart.site.engines import DEFAULT_ENGINE
from regiokaart.site.published_privacy import published_check
from regiokaart.site.stage import engine_config, expected_site_files, stage_docs
from regiokaart.site.swap import (
    BuildFailed,
    clean_up_earlier_builds,
    left_behind,
    prepare_site_location,
    site_problem,
    staging_folder,
    swap_in,
)


@dataclass
class FederateResult:
    site_dir: Path
    states: list[RegionState]
    warnings: list[Problem] = field(default_factory=list)


def last_good_folder(site_dir: Path) -> Path:
    """Where the regions' last good copies are kept: beside the site, never in it (the site is
    replaced as a whole)."""
    return last_good.store_beside(site_dir)


def unusable_for_regions(target: Path, federation: Federation) -> str | None:
    """Why the real site folder target cannot hold the overview of federation, or None: the site
    is replaced as a whole, so it may not be a region's folder, hold one or lie in one, nor be a
    store of last good copies (the run would lose what it keeps there)."""
    for region in federation.regions:
        if is_web_address(region.url):
            continue
        folder = Path(os.path.realpath(region.url))
        if target == folder:
            return f"is de map van een regio in het federatiebestand ({region.url})"
        if target in folder.parents:
            return f"bevat de map van een regio in het federatiebestand ({region.url})"
        if folder in target.parents:
            return f"ligt in de map van een regio in het federatiebestand ({region.url})"
    for folder in (target, *target.parents):
        if folder.name.endswith(last_good.STORE_SUFFIX):
            where = "is" if folder == target else "ligt in"
            return f"{where} een map met laatst goede kopieën ({folder}); kies een andere map"
    return None


def region_origins(states: list[RegionState]) -> list[str]:
    """The http(s) origins of the regions' portals, which the search page fetches from."""
    origins = []
    for state in states:
        parts = urlsplit(state.base_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


def overview_of(federation: Federation, gathered: list[RegionState], made: datetime) -> Overview:
    """What the overview's pages are made from: the regions as gathered, their HSDS aggregated.
    The states in it hold no records (the aggregate has them)."""
    regions = [
        RegionHsds(
            name=region_name(state),
            key=state.key,
            portal=state.base_url,
            organizations=state.organizations,
            services=state.services,
        )
        for state in gathered
        if state.feed is not None
    ]
    states = [replace(state, organizations=[], services=[]) for state in gathered]
    return Overview(federation.title, federation.colours, states, aggregate(regions), made)


def _text_file(docs: Path) -> OpenText:
    """Opens a file of the docs folder for writing text (UTF-8, newlines as written)."""

    def open_text(relative: str) -> TextIO:
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("w", encoding="utf-8", newline="")

    return open_text


def federate(
    config: Path, site_dir: Path, *, engine: str = DEFAULT_ENGINE, now: datetime | None = None
) -> FederateResult:
    """Build the national overview of config (FEDERATION.yaml) into site_dir. BuildFailed says
    why not (the configuration cannot be used, the site cannot be written or built)."""
    federation, problems = load_federation(config)
    if federation is None or has_errors(problems):
        raise BuildFailed(problems)
    unusable = unusable_for_regions(Path(os.path.realpath(site_dir)), federation)
    if unusable is not None:
        raise BuildFailed([site_problem(site_dir, unusable)])
    target = prepare_site_location(config.resolve().parent, site_dir)
    notes = clean_up_earlier_builds(target, site_dir)
    made = now or datetime.now(UTC).replace(microsecond=0)
    gathered = named_apart(gather_regions(federation, last_good_folder(target), now=made))
    overview = overview_of(federation, gathered, made)
    del gathered  # the aggregate holds the regions' records now
    states = overview.states
    pages = render_national_pages(overview, resources.PAGE_TEMPLATES)
    no_content = config.resolve().parent / ".regiokaart-geen-content"  # no hand-written pages
    made_files = {**pages, **dict.fromkeys(open_data_files(), "")}
    expected = expected_site_files(made_files, no_content, resources.THEME_DIR)
    try:
        with staging_folder(target, site_dir) as staging:
            stage_docs(no_content, pages, staging / "docs")
            pages.clear()  # on disk now
            write_open_data(overview, _text_file(staging / "docs"))
            # the regions' records are in the files now: let them go before the engine runs
            del overview
            # HTML-escaped once, as every portal's name (site/stage.py site_name_of)
            staged = engine_config(staging, html.escape(federation.title), national_nav())
            built = staging / "site"
            # The regions' function mailboxes are in their data as in their own pages.
            mailboxes = [m for s in states if s.feed for m in s.feed.region.function_mailboxes]
            with published_check(mailboxes) as published, connecting_to(region_origins(states)):
                render_and_index(staged, built, strict=False, engine=engine)
            verify_staged_site(built, expected, site_dir)
            if published.findings:
                raise BuildFailed(
                    [
                        Problem(
                            str(site_dir / found.page),
                            1,
                            1,
                            "",
                            f"{found.finding.withheld}; de gegevens van een regio horen geen "
                            "persoonsgegevens te bevatten",
                        )
                        for found in published.findings
                    ]
                )
            swap_in(built, target)
    except BuildFailed as failure:
        raise BuildFailed(notes + failure.problems) from None
    return FederateResult(site_dir, states, notes + left_behind(site_dir, staging, target))
