"""regiokaart federate: the national overview, as a pipeline: read FEDERATION.yaml -> gather the
regions' feeds (gather.py, last good copies beside the site) -> aggregate their HSDS -> the pages
(pages.py) -> the same engine and theme as a regional portal, the search index, the check for
personal data -> swap in. The site is replaced only when all of it succeeded; a region that could
not be read is a note on its page, never a failed run."""

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from regiokaart import resources
from regiokaart.federation.aggregate import RegionHsds, aggregate
from regiokaart.federation.config import load_federation
from regiokaart.federation.gather import RegionState, gather_regions
from regiokaart.federation.pages import (
    Overview,
    national_nav,
    region_name,
    render_national_pages,
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
    staging_folder,
    swap_in,
)

LAST_GOOD_SUFFIX = ".laatst-goed"  # the folder beside the site with each region's last good copy


@dataclass
class FederateResult:
    site_dir: Path
    states: list[RegionState]
    warnings: list[Problem] = field(default_factory=list)


def last_good_folder(site_dir: Path) -> Path:
    """Where the regions' last good copies are kept: beside the site, never in it (the site is
    replaced as a whole)."""
    return site_dir.parent / f"{site_dir.name}{LAST_GOOD_SUFFIX}"


def region_origins(states: list[RegionState]) -> list[str]:
    """The http(s) origins of the regions' portals, which the search page fetches from."""
    origins = []
    for state in states:
        parts = urlsplit(state.base_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


def federate(
    config: Path, site_dir: Path, *, engine: str = DEFAULT_ENGINE, now: datetime | None = None
) -> FederateResult:
    """Build the national overview of config (FEDERATION.yaml) into site_dir. BuildFailed says
    why not (the configuration cannot be used, the site cannot be written or built)."""
    federation, problems = load_federation(config)
    if federation is None or has_errors(problems):
        raise BuildFailed(problems)
    target = prepare_site_location(config.resolve().parent, site_dir)
    notes = clean_up_earlier_builds(target, site_dir)
    made = now or datetime.now(UTC).replace(microsecond=0)
    states = gather_regions(federation, last_good_folder(target), now=made)
    regions = [
        RegionHsds(
            name=region_name(state),
            key=state.key,
            portal=state.base_url,
            organizations=state.organizations,
            services=state.services,
        )
        for state in states
        if state.feed is not None
    ]
    overview = Overview(federation.title, federation.colours, states, aggregate(regions), made)
    pages = render_national_pages(overview, resources.PAGE_TEMPLATES)
    no_content = config.resolve().parent / ".regiokaart-geen-content"  # no hand-written pages
    expected = expected_site_files(pages, no_content, resources.THEME_DIR)
    try:
        with staging_folder(target, site_dir) as staging:
            stage_docs(no_content, dict(pages), staging / "docs")
            # HTML-escaped once, as every portal's name (site/stage.py site_name_of)
            staged = engine_config(staging, html.escape(federation.title), national_nav())
            built = staging / "site"
            with published_check() as published, connecting_to(region_origins(states)):
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
                            f"{found.finding.message}; de gegevens van een regio horen geen "
                            "persoonsgegevens te bevatten",
                        )
                        for found in published.findings
                    ]
                )
            swap_in(built, target)
    except BuildFailed as failure:
        raise BuildFailed(notes + failure.problems) from None
    return FederateResult(site_dir, states, notes + left_behind(site_dir, staging, target))
