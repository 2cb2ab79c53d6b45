"""The pages of the national overview, made from the regions' feeds (gather.py) and the HSDS
aggregate (aggregate.py). Pure: states in, page texts out. No regional page is copied: each page
links to the regional portals, whose addresses come from the federation's list (the address that
was read), never from what a feed claims.

Routes of the overview, one place: NATIONAL_ROUTES. The footer's statements (toegankelijkheid,
privacy) sit where routes.py puts them on every portal, so the theme's footer links hold here too.
"""

import dataclasses
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2

from regiokaart.dates import dutch_date
from regiokaart.federation.aggregate import FILES as OPEN_DATA_FILES
from regiokaart.federation.aggregate import Aggregate, OpenText, write_aggregate
from regiokaart.federation.gather import RegionState
from regiokaart.models.feed import Feed
from regiokaart.models.region import Colours
from regiokaart.routes import ROUTES, NavItem, Page, directory_url, link
from regiokaart.site.pages.site import front_matter
from regiokaart.site.pages.style import render_colours_css

NATIONAL_FILTER = "Landelijk overzicht"  # the search filter regio of the overview's own pages
STALE_FEED_DAYS = 31  # a feed built longer ago is shown as not recently built
RECENT_CHANGES = 5  # the changes a region's page shows


class NationalPage(StrEnum):
    HOME = "home"
    REGIONS = "regions"
    REGION = "region"
    MODULES = "modules"
    OFFERS = "offers"
    SEARCH = "search"
    OPEN_DATA = "open-data"
    OPEN_DATA_FILE = "open-data-file"
    ACCESSIBILITY = "accessibility"
    PRIVACY = "privacy"


NATIONAL_ROUTES: dict[NationalPage, str] = {
    NationalPage.HOME: "index.md",
    NationalPage.REGIONS: "regio/index.md",
    NationalPage.REGION: "regio/{id}.md",
    NationalPage.MODULES: "modules.md",
    NationalPage.OFFERS: "aanbod.md",
    NationalPage.SEARCH: "zoeken.md",
    NationalPage.OPEN_DATA: "open-data/index.md",
    NationalPage.OPEN_DATA_FILE: "open-data/hsds/{id}",
    NationalPage.ACCESSIBILITY: ROUTES[Page.ACCESSIBILITY],
    NationalPage.PRIVACY: ROUTES[Page.PRIVACY],
}
NATIONAL_NAV: list[tuple[str, NationalPage]] = [
    ("Home", NationalPage.HOME),
    ("Regio's", NationalPage.REGIONS),
    ("Modules", NationalPage.MODULES),
    ("Aanbod", NationalPage.OFFERS),
    ("Open data", NationalPage.OPEN_DATA),
    ("Zoeken", NationalPage.SEARCH),
]
STATUS_LABELS = {
    "ok": "Bijgewerkt",
    "verouderd": "Niet bereikt: laatste goede gegevens",
    "ontbreekt": "Niet bereikt: nog geen gegevens",
}


def national_file(page: NationalPage, key: str | None = None) -> str:
    pattern = NATIONAL_ROUTES[page]
    return pattern.format(id=key) if key is not None else pattern


def national_url(page: NationalPage, key: str | None = None) -> str:
    return directory_url(national_file(page, key))


def national_nav() -> list[NavItem]:
    return [{title: national_file(page)} for title, page in NATIONAL_NAV]


@dataclass(frozen=True)
class Overview:
    """What the pages are made from."""

    title: str
    colours: Colours
    states: list[RegionState]
    aggregate: Aggregate
    made: datetime  # when this run gathered


def _environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["nl_date"] = dutch_date
    return env


def _page(
    env: jinja2.Environment,
    template: str,
    page_title: str,
    *,
    searched: bool = True,
    **context: Any,
) -> str:
    """A page of the overview. Each carries the search filter regio, so the national search can
    leave them out of "alle regio's" (theme/main.html). searched=False: a page that repeats what
    the regions' own indexes hold is left out of the overview's index (zoeken: nee), which the
    national search loads with every first search."""
    extra = {} if searched else {"zoeken": "nee"}
    head = front_matter(title=page_title, regio=NATIONAL_FILTER, **extra)
    return head + env.get_template(template).render(**context)


def _address(state: RegionState, location: str) -> str:
    return urljoin(state.base_url, location)


def _link(state: RegionState, location: str = "") -> str | None:
    """The address of location in the region's site as a published page links to it: only on the
    web; a region read from a folder has no address a reader can follow."""
    address = _address(state, location)
    return address if address.startswith(("http://", "https://")) else None


def region_name(state: RegionState) -> str:
    return state.name


def _name_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def named_apart(states: list[RegionState]) -> list[RegionState]:
    """The states with names a reader, and the search's filter, can tell apart: a region whose name
    an earlier one has (or the overview's own filter value, NATIONAL_FILTER) gets its address
    after it, "Regio X (https://…)"."""
    taken = {_name_key(NATIONAL_FILTER)}
    named = []
    for state in states:
        name, number = state.name, 1
        while _name_key(name) in taken:
            number += 1
            name = f"{state.name} ({state.url})" + (f" {number}" if number > 2 else "")
        taken.add(_name_key(name))
        named.append(dataclasses.replace(state, name=name))
    return named


def _region_summary(state: RegionState, here: str, today: date) -> dict[str, Any]:
    feed = state.feed
    built = feed.built.date() if feed else None
    return {
        "name": region_name(state),
        "url": link(here, national_url(NationalPage.REGION, state.key)),
        "portal": state.base_url,
        "portal_link": _link(state),
        "status": state.status,
        "status_label": STATUS_LABELS[state.status],
        "fetched": dutch_date(state.fetched.date()) if state.fetched else None,
        "built": dutch_date(built) if built else None,
        "built_days": (today - built).days if built else None,
        "built_later": bool(built and built > today),
        "stale_build": bool(built and (today - built).days > STALE_FEED_DAYS),
        "offers": feed.counts.get("offers", len(feed.offers)) if feed else None,
        "organisations": feed.counts.get("organisations") if feed else None,
        "modules": len(feed.modules) if feed else None,
        "problems": state.problems,
    }


def _changes(feed: Feed) -> list[dict[str, Any]]:
    return [
        {
            "date": dutch_date(change.date),
            "added": len(change.added),
            "changed": len(change.changed),
            "removed": len(change.removed),
        }
        for change in reversed(feed.changes[-RECENT_CHANGES:])
    ]


def _modules(overview: Overview, here: str) -> dict[str, Any]:
    """Modules by quality standard and bouwsteen; those the self-scan ties to none apart."""
    by_block: dict[tuple[int, str, str], list[dict[str, Any]]] = defaultdict(list)
    loose: list[dict[str, Any]] = []
    for state in overview.states:
        if state.feed is None:
            continue
        for module in state.feed.modules:
            entry = {
                "title": module.title,
                "summary": module.summary,
                "region": region_name(state),
                "origin": module.region,
                "url": _link(state, module.url),
                "download": _address(state, module.download),
                "region_url": link(here, national_url(NationalPage.REGION, state.key)),
            }
            placed = False
            for block in module.bouwstenen:
                for standard in block.standards or [0]:
                    by_block[(standard, block.title, block.id)].append(entry)
                    placed = True
            if not placed:
                loose.append(entry)
    standards: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for (standard, title, _), entries in sorted(by_block.items()):
        standards[standard].append({"title": title, "modules": entries})
    return {
        "standards": [{"number": n, "bouwstenen": b} for n, b in sorted(standards.items())],
        "loose": loose,
        "count": sum(len(s.feed.modules) for s in overview.states if s.feed),
    }


def _offers(overview: Overview) -> list[dict[str, Any]]:
    """Every offer once: a national one with every region that carries it, a region's own with
    its region; by name."""
    national: dict[str, dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []
    for state in overview.states:
        if state.feed is None:
            continue
        name = region_name(state)
        for offer in state.feed.offers:
            carried = {"name": name, "url": _link(state, offer.url)}
            if offer.national:
                row = national.setdefault(
                    offer.id,
                    {"name": offer.name, "effectiveness": offer.effectiveness, "regions": []},
                )
                row["regions"].append(carried)
                row["national"] = True
            else:
                rows.append(
                    {
                        "name": offer.name,
                        "effectiveness": offer.effectiveness,
                        "regions": [carried],
                        "national": False,
                    }
                )
    rows += national.values()
    return sorted(rows, key=lambda row: (row["name"].casefold(), row["regions"][0]["name"]))


def search_indexes(overview: Overview) -> str:
    """The regions' search indexes, as the search page's script reads them (JSON in the page)."""
    entries = [
        {
            "name": region_name(state),
            "pagefind": _address(state, state.feed.search.pagefind),
            "portal": state.base_url,
            "status": state.status,
        }
        for state in overview.states
        if state.feed is not None
    ]
    # In a <script type="application/json">: "</" and "<!--" may not end or open anything.
    text = json.dumps(entries, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def open_data_files() -> list[str]:
    """The overview's open data files (write_open_data), by their path in the docs folder."""
    return [national_file(NationalPage.OPEN_DATA_FILE, path) for path in OPEN_DATA_FILES]


def write_open_data(overview: Overview, open_text: OpenText) -> None:
    """Write the open data files (open_data_files) of the overview's aggregate, each into the
    stream open_text gives for its path in the docs folder; not among the pages of
    render_national_pages, as they are the largest files (written in one pass, never held whole)."""
    write_aggregate(
        overview.aggregate,
        overview.title,
        lambda path: open_text(national_file(NationalPage.OPEN_DATA_FILE, path)),
    )


def render_national_pages(overview: Overview, templates: Path) -> dict[str, str | bytes]:
    """Every page of the overview but the open data files (write_open_data)."""
    env = _environment(templates)
    today = overview.made.date()
    pages: dict[str, str | bytes] = {}
    made = dutch_date(today)

    def regions(here: str) -> list[dict[str, Any]]:
        return [_region_summary(state, here, today) for state in overview.states]

    here = national_url(NationalPage.HOME)
    pages[national_file(NationalPage.HOME)] = _page(
        env,
        "national_home.md",
        overview.title,
        title=overview.title,
        regions=regions(here),
        made=made,
        links={
            p.value: link(here, national_url(p))
            for p in NationalPage
            if p.value != "region" and p.value != "open-data-file"
        },
    )
    here = national_url(NationalPage.REGIONS)
    pages[national_file(NationalPage.REGIONS)] = _page(
        env, "national_regions.md", "Regio's", regions=regions(here), made=made
    )
    for state in overview.states:
        here = national_url(NationalPage.REGION, state.key)
        pages[national_file(NationalPage.REGION, state.key)] = _page(
            env,
            "national_region.md",
            region_name(state),
            region=_region_summary(state, here, today),
            feed=state.feed,
            changes=_changes(state.feed) if state.feed else [],
            municipalities=state.feed.region.municipalities if state.feed else [],
            licence=state.feed.region.licence if state.feed else None,
            feed_url=_link(state, "feed.json"),
        )
    here = national_url(NationalPage.MODULES)
    # The modules and offers of every region: each is in its region's index already.
    pages[national_file(NationalPage.MODULES)] = _page(
        env,
        "national_modules.md",
        "Modules uit alle regio's",
        searched=False,
        **_modules(overview, here),
    )
    pages[national_file(NationalPage.OFFERS)] = _page(
        env,
        "national_offers.md",
        "Aanbod in alle regio's",
        searched=False,
        offers=_offers(overview),
    )
    pages[national_file(NationalPage.SEARCH)] = _page(
        env,
        "national_search.md",
        "Zoeken in alle regio's",
        regions=[region_name(s) for s in overview.states if s.feed is not None],
        indexes=search_indexes(overview),
    )
    here = national_url(NationalPage.OPEN_DATA)
    pages[national_file(NationalPage.OPEN_DATA)] = _page(
        env,
        "national_open_data.md",
        "Open data",
        files=[
            {"name": path, "url": link(here, national_url(NationalPage.OPEN_DATA_FILE, path))}
            for path in sorted(OPEN_DATA_FILES)
        ],
        organizations=len(overview.aggregate.organizations),
        services=len(overview.aggregate.services),
        shared=overview.aggregate.shared,
        problems=overview.aggregate.problems,
        made=made,
    )
    pages[national_file(NationalPage.ACCESSIBILITY)] = _page(
        env, "national_accessibility.md", "Toegankelijkheid", title=overview.title
    )
    pages[national_file(NationalPage.PRIVACY)] = _page(
        env,
        "national_privacy.md",
        "Privacy",
        title=overview.title,
        regions=[{"name": region_name(s), "portal": s.base_url} for s in overview.states],
    )
    pages[ROUTES[Page.REGION_CSS]] = render_colours_css(overview.colours)
    return pages
