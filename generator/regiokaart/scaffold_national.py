"""regiokaart new-landelijk: a folder for the national overview of the regional portals, ready to
be published from CI.

It holds FEDERATION.yaml (the title and the regions' portal addresses, with the optional limits
explained), LEESMIJ.md for the national coordinator, and CI workflows for GitHub Actions and
GitLab CI that install this version of regiokaart as a region's do (scaffold.py), run `regiokaart
federate` on a schedule and publish the overview to Pages. A region that cannot be read is shown
from its last good copy, kept in a folder beside the site (federation/site.py last_good_folder);
each workflow keeps that folder in its CI cache from run to run. The starter files are
regiokaart/starter/landelijk-*; the folder is written as a region folder is (scaffold.create_region:
beside the target, renamed into place).
"""

import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from regiokaart.federation import config
from regiokaart.federation.site import last_good_folder
from regiokaart.problems import Problem
from regiokaart.scaffold import SOURCE_PLACEHOLDER, Installer, starter_templates, workflow_values

# starter file -> where it goes in the new folder
NATIONAL_STARTER_FILES = {
    "landelijk-FEDERATION.yaml": "FEDERATION.yaml",
    "landelijk-LEESMIJ.md": "LEESMIJ.md",
    "landelijk-github.yml": ".github/workflows/landelijk.yml",
    "landelijk-gitlab-ci.yml": ".gitlab-ci.yml",
}
# The folder each workflow builds the overview in: GitLab Pages publishes public/, GitHub's
# upload-pages-artifact takes any folder (site/, as a region's build).
SITE_FOLDERS = {"landelijk-github.yml": "site", "landelijk-gitlab-ci.yml": "public"}
NATIONAL_WORKFLOWS = tuple(NATIONAL_STARTER_FILES[name] for name in SITE_FOLDERS)
MAX_TITLE = 120


def parse_national(title: str, urls: list[str]) -> tuple[str, list[str], list[Problem]]:
    """The overview's title and the regions' portal addresses (normalised as FEDERATION.yaml
    knows them) from the command line, or what is wrong with them."""
    problems = []
    name = " ".join(title.split())
    if not 0 < len(name) <= MAX_TITLE or any(_is_control(c) for c in name):
        shown = json.dumps(name[:MAX_TITLE], ensure_ascii=False)
        problems.append(
            Problem(
                "--titel",
                1,
                1,
                "",
                f"ongeldige titel: {shown}",
                f"hoogstens {MAX_TITLE} tekens, zonder stuurtekens",
            )
        )
    if len(urls) > config.MAX_REGIONS:
        message = f"{len(urls)} regio's; hoogstens {config.MAX_REGIONS}"
        return name, [], [*problems, Problem("--regio-url", 1, 1, "", message)]
    addresses: list[str] = []
    for given in urls:
        address, problem = _portal_address(given)
        if problem is not None:
            problems.append(problem)
        elif address in addresses:
            shown = json.dumps(given[:200], ensure_ascii=False)
            problems.append(Problem("--regio-url", 1, 1, "", f"{shown} staat er dubbel in"))
        else:
            addresses.append(address)
    return name, addresses, problems


def _is_control(character: str) -> bool:
    return unicodedata.category(character).startswith("C")


def _portal_address(given: str) -> tuple[str, Problem | None]:
    """A region's portal address as FEDERATION.yaml normalises it, or why it is none. Only web
    addresses: the overview is built in CI, where no region's folder is at hand."""
    shown = json.dumps(given[:200], ensure_ascii=False)
    hint = (
        "het adres van een regionaal portaal, bijvoorbeeld https://regio.example.nl/kennisportaal"
    )
    value = given.strip()
    if not value.lower().startswith(("https://", "http://")):
        return "", Problem(
            "--regio-url", 1, 1, "", f"geen webadres met https:// of http://: {shown}", hint
        )
    try:
        return config.normalise_address(value), None
    except ValueError as error:
        return "", Problem("--regio-url", 1, 1, "", f"{shown}: {error}", hint)


def render_national_folder(title: str, regions: list[str], installer: Installer) -> dict[str, str]:
    """Relative path -> text of every file of a new national overview folder; its CI installs
    regiokaart as installer says."""
    sites = {starter: Path(folder) for starter, folder in SITE_FOLDERS.items()}
    # the folder of last good copies, as federate places it beside the site (relative, as the site)
    last_good = {starter: str(last_good_folder(site)) for starter, site in sites.items()}
    federation = {
        # JSON strings are YAML scalars: a title with a colon or quote stays one value
        "title": json.dumps(title, ensure_ascii=False),
        "regions": [json.dumps(url, ensure_ascii=False) for url in regions],
        "version": installer.version,
        "max_regions": config.MAX_REGIONS,
        "deadline_seconds": config.DEFAULT_DEADLINE_SECONDS,
        "max_deadline_seconds": config.MAX_DEADLINE_SECONDS,
        "max_region_bytes": config.DEFAULT_MAX_REGION_BYTES,
        "min_region_bytes": config.MIN_REGION_BYTES,
        "max_max_region_bytes": config.MAX_REGION_BYTES,
    }
    readme = {
        "title": title,
        "source": installer.source,
        "version": installer.version,
        "placeholder": installer.source == SOURCE_PLACEHOLDER,
        "github_site": str(sites["landelijk-github.yml"]),
        "github_last_good": last_good["landelijk-github.yml"],
        "gitlab_last_good": last_good["landelijk-gitlab-ci.yml"],
    }
    environment = starter_templates()
    files = {}
    for starter, target in NATIONAL_STARTER_FILES.items():
        values: Mapping[str, object]
        if starter in SITE_FOLDERS:
            values = {
                **workflow_values(installer),
                "site": str(sites[starter]),
                "last_good": last_good[starter],
            }
        elif starter.endswith(".yaml"):
            values = federation
        else:
            values = readme
        files[target] = environment.get_template(starter).render(**values)
    built = [f"{site}/" for site in sites.values()] + [f"{path}/" for path in last_good.values()]
    files[".gitignore"] = (
        "# Het gebouwde overzicht en de laatste goede gegevens per regio (regiokaart federate)\n"
        + "\n".join(built)
        + "\n.staging-*\n"
    )
    return files
