"""regiokaart new: a region folder that passes `regiokaart check` and builds at once.

It holds only what is the region's own (the national layer ships with regiokaart): data/ with the
region file, its municipalities as organisations, an empty offers file with a commented example and
a source to name; content/over.md; LEESMIJ.md for the coordinator; schemas/ for the editor; and CI
workflows for GitHub Actions and GitLab CI that install this version of regiokaart from its
repository, check, build (handed the feed.json the portal publishes, for its change log) and
publish the site to Pages. The starter files are in regiokaart/starter/. The folder is written
beside the target and renamed into place, so a failure leaves nothing half-made; it gets the
modes mkdir and open give under the umask (a web server or a colleague may read the site built in
it, where the umask allows).
"""

import json
import os
import re
import shutil
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from regiokaart import resources
from regiokaart.models.feed import MAX_FEED_BYTES
from regiokaart.problems import Problem, Severity, describe_os_error
from regiokaart.safe_write import make_new_folder
from regiokaart.schema import render_schemas

# starter file -> where it goes in the new region folder
STARTER_FILES = {
    "region.yaml": "data/region.yaml",
    "organisations.yaml": "data/organisations.yaml",
    "offers.yaml": "data/offers.yaml",
    "sources.yaml": "data/sources.yaml",
    "over.md": "content/over.md",
    "LEESMIJ.md": "LEESMIJ.md",
    "github-portaal.yml": ".github/workflows/portaal.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}
WORKFLOWS = ("github-portaal.yml", "gitlab-ci.yml")
REGION_WORKFLOWS = tuple(STARTER_FILES[name] for name in WORKFLOWS)
# The published feed.json the region's CI hands to `regiokaart build --vorige-feed` (a build in a
# fresh clone has no earlier site): fetched from PORTAAL, the address where the portal is
# published (empty until Pages is set up), and kept only when the portal answered 200 with a
# non-empty file, whole (curl ended well: not cut off, not over the size a feed may have); else the
# change log of feed.json starts with this build. Not following a redirect keeps out a login page
# (Pages with access control) or a move. Both workflows run this text, then build with
# --vorige-feed only when vorige-feed.json is there.
FETCH_PUBLISHED_FEED = f"""\
rm -f vorige-feed.json
if [ -n "${{PORTAAL:-}}" ] &&
  code="$(curl --silent --show-error --max-time 60 --max-filesize {MAX_FEED_BYTES} \\
    --output vorige-feed.json --write-out '%{{http_code}}' "${{PORTAAL%/}}/feed.json")" &&
  [ "$code" = 200 ] && [ -s vorige-feed.json ]; then
  echo "Gepubliceerde feed.json opgehaald van ${{PORTAAL%/}}/feed.json"
else
  rm -f vorige-feed.json
  echo "Geen gepubliceerde feed.json opgehaald; het wijzigingenoverzicht begint opnieuw."
fi"""
# Where the CI of a region installs regiokaart from when `regiokaart new` is given no
# --regiokaart-bron and regiokaart itself was not installed from a git repository: regiokaart is
# not on PyPI, so this is a place holder (example.org is reserved; it never answers), and `new`
# warns that the workflows need the real address.
SOURCE_PLACEHOLDER = "https://example.org/VUL-IN/regiokaart.git"
SOURCE_SCHEMES = ("https", "http", "ssh", "file")
MAX_MUNICIPALITIES = 100  # the largest Dutch region has about 30
# What a name may hold: letters (with accents), digits, space and the punctuation of Dutch place
# names ('s-Hertogenbosch, Súdwest-Fryslân, Bergen (NH)); nothing a YAML or Markdown file reads.
NAME = re.compile(r"^['’]?[^\W_](?:[\w '’.()\-]*[\w.)])?$")
MAX_NAME = 80


@dataclass(frozen=True)
class Municipality:
    name: str
    organisation: str  # id of its organisation record
    organisation_name: str


class ScaffoldFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def slug(text: str) -> str:
    """'Súdwest-Fryslân' -> 'sudwest-fryslan', as ids are written."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def parse_names(region: str, municipalities: str) -> tuple[str, list[str], list[Problem]]:
    """The region's name and its municipalities from the command line, or what is wrong with them."""
    problems = []
    name = " ".join(region.split())
    if not _good_name(name):
        problems.append(_option_problem("--regio", name, "regio"))
    names = [" ".join(part.split()) for part in municipalities.split(",")]
    names = [n for n in names if n]
    if not names:
        problems.append(
            Problem("--gemeenten", 1, 1, "", "noem minstens één gemeente, gescheiden door komma's")
        )
    if len(names) > MAX_MUNICIPALITIES:
        problems.append(
            Problem(
                "--gemeenten", 1, 1, "", f"{len(names)} gemeenten; hoogstens {MAX_MUNICIPALITIES}"
            )
        )
        names = []
    seen: dict[str, str] = {}
    for entry in names:
        if not _good_name(entry):
            problems.append(_option_problem("--gemeenten", entry, "gemeente"))
        elif slug(entry) in seen:
            problems.append(
                Problem(
                    "--gemeenten",
                    1,
                    1,
                    "",
                    f"'{entry}' staat er dubbel in (als '{seen[slug(entry)]}')",
                )
            )
        seen.setdefault(slug(entry), entry)
    return name, names, problems


def _good_name(name: str) -> bool:
    return 0 < len(name) <= MAX_NAME and NAME.match(name) is not None and slug(name) != ""


def _option_problem(option: str, value: str, what: str) -> Problem:
    shown = json.dumps(value[:MAX_NAME], ensure_ascii=False)
    return Problem(
        option,
        1,
        1,
        "",
        f"ongeldige naam van een {what}: {shown}",
        f"gebruik letters, cijfers, spaties en - ' . ( ); hoogstens {MAX_NAME} tekens",
    )


@dataclass(frozen=True)
class Installer:
    """What the CI workflows of a region install: regiokaart at its version, from source (a git
    repository), as one pip requirement."""

    source: str
    version: str

    @property
    def requirement(self) -> str:
        """'regiokaart @ git+https://…/regiokaart.git@v0.1.0' (the tag of this version)."""
        ref = f"@v{self.version}" if re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", self.version) else ""
        return f"regiokaart @ git+{self.source}{ref}"


def installed_from() -> str | None:
    """The git repository this regiokaart was installed from (pip's direct_url.json), or None."""
    try:
        text = metadata.distribution("regiokaart").read_text("direct_url.json")
        record = json.loads(text) if text else {}
    except (metadata.PackageNotFoundError, ValueError, OSError):
        return None
    url = record.get("url") if isinstance(record, dict) else None
    vcs = record.get("vcs_info") if isinstance(record, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str):
        source, problem = parse_source(url)
        return source if problem is None else None
    return None


def parse_source(given: str) -> tuple[str, Problem | None]:
    """The git repository of --regiokaart-bron (a leading 'git+' dropped), or what is wrong with
    it. It goes into a pip requirement, a YAML string and a shell variable, so it is a plain URL
    without spaces, quotes, '$' or a version of its own."""
    url = given.strip().removeprefix("git+")
    parts = urlsplit(url)
    if parts.scheme == "file" and not parts.netloc:
        # older pip (23.2) refuses 'git+file:///…' in a requirement and takes 'file://localhost/…'
        url = f"file://localhost{parts.path}"
        parts = urlsplit(url)
    fine = (
        parts.scheme in SOURCE_SCHEMES
        and parts.netloc
        and parts.path not in ("", "/")
        and "@" not in parts.path
        and not parts.query
        and not parts.fragment
        and re.fullmatch(r"[A-Za-z0-9._~:/@%+-]+", url) is not None
    )
    if fine:
        return url, None
    shown = json.dumps(given[:200], ensure_ascii=False)
    return url, Problem(
        "--regiokaart-bron",
        1,
        1,
        "",
        f"geen adres van een git-repository: {shown}",
        "bijvoorbeeld https://github.com/organisatie/regiokaart.git, zonder versie erachter "
        "(de versie is die van deze regiokaart)",
    )


def choose_installer(
    given: str | None, workflows: tuple[str, ...] = REGION_WORKFLOWS
) -> tuple[Installer, list[Problem]]:
    """Where the CI workflows (by default a region's) install regiokaart from: --regiokaart-bron,
    else the repository this regiokaart was installed from, else the place holder with a warning."""
    version = resources.version()
    if given is not None:
        source, problem = parse_source(given)
        return Installer(source, version), [problem] if problem else []
    installed = installed_from()
    if installed is not None:
        return Installer(installed, version), []
    return Installer(SOURCE_PLACEHOLDER, version), [
        Problem(
            "--regiokaart-bron",
            1,
            1,
            "",
            f"niet opgegeven: de CI-workflows ({', '.join(workflows)}) "
            f"installeren regiokaart nu van {SOURCE_PLACEHOLDER}",
            "vervang dat adres in beide bestanden door de git-repository van regiokaart, of maak "
            "de map opnieuw met --regiokaart-bron URL",
            severity=Severity.WARNING,
        )
    ]


def render_region_folder(
    name: str,
    municipality_names: list[str],
    today: date,
    installer: Installer | None = None,
) -> dict[str, str]:
    """Relative path -> text of every file of a new region folder; its CI installs regiokaart as
    installer says (by default from the place holder)."""
    if installer is None:
        installer = Installer(SOURCE_PLACEHOLDER, resources.version())
    municipalities = [
        Municipality(m, f"gemeente-{slug(m)}", f"Gemeente {m}") for m in municipality_names
    ]
    document = f"gegevens-{slug(name)}"
    quoted = {
        # JSON strings are YAML scalars: names with a colon or quote stay one value
        "name": json.dumps(name, ensure_ascii=False),
        "centre": json.dumps(municipality_names[0], ensure_ascii=False),
        "document": document,
        "document_title": json.dumps(f"Gegevens van regio {name}", ensure_ascii=False),
        "publisher": json.dumps(f"Regio {name}", ensure_ascii=False),
        "today": today.isoformat(),
        "municipalities": [
            Municipality(
                json.dumps(m.name, ensure_ascii=False),
                m.organisation,
                json.dumps(m.organisation_name, ensure_ascii=False),
            )
            for m in municipalities
        ],
    }
    plain = {
        "name": name,
        "municipality_names": ", ".join(municipality_names),
        "source": installer.source,
        "version": installer.version,
        "placeholder": installer.source == SOURCE_PLACEHOLDER,
    }
    workflow = {**workflow_values(installer), "fetch_published_feed": FETCH_PUBLISHED_FEED}
    environment = starter_templates()
    files = {}
    for starter, target in STARTER_FILES.items():
        values: Mapping[str, object]
        if starter in WORKFLOWS:
            values = workflow
        elif starter.endswith(".yaml"):
            values = quoted
        else:
            values = plain
        files[target] = environment.get_template(starter).render(**values)
    for schema_name, text in render_schemas().items():
        files[f"schemas/{schema_name}"] = text
    files[".gitignore"] = (
        "# De gebouwde website; maak hem opnieuw met regiokaart build (GitLab CI bouwt in public/)\n"
        "site/\npublic/\n.staging-*\n"
        "# Reservekopieën van regiokaart module import (om een overname terug te draaien)\n"
        "data/.backup/\n"
    )
    return files


def workflow_values(installer: Installer) -> dict[str, str]:
    """What a CI workflow template needs to install regiokaart as installer says."""
    return {
        # a JSON string is a YAML string; the source has no '$', so neither CI expands anything
        "requirement": json.dumps(installer.requirement),
        "source": installer.source,
        "version": installer.version,
    }


def starter_templates() -> jinja2.Environment:
    """The starter files as Jinja2 templates; values are quoted or checked before they go in."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources.STARTER_DIR),
        autoescape=False,  # YAML, Markdown and shell, not HTML
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def create_region(folder: Path, files: dict[str, str]) -> None:
    """Write files as a new region folder; folder must not exist or be empty."""
    reason = _unusable_reason(folder)
    if reason:
        raise ScaffoldFailed([Problem(str(folder), 1, 1, "", reason)])
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        # mkdir's mode under the umask, not mkdtemp's 0700: the site built in it is to be read
        staging = make_new_folder(folder.parent, f".{folder.name}.nieuw-")
    except OSError as error:
        raise ScaffoldFailed(
            [Problem(str(folder), 1, 1, "", f"kan de map niet maken: {describe_os_error(error)}")]
        ) from None
    try:
        for relative, text in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if folder.is_dir():
            folder.rmdir()  # empty, checked above; fails (and stops) if something arrived since
        os.rename(staging, folder)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ScaffoldFailed(
            [
                Problem(
                    str(folder), 1, 1, "", f"kan de map niet schrijven: {describe_os_error(error)}"
                )
            ]
        ) from None


def _unusable_reason(folder: Path) -> str | None:
    if folder.is_symlink() and not folder.exists():
        return "is een symbolische koppeling naar iets dat niet bestaat"
    if folder.exists() and not folder.is_dir():
        return "is een bestand, geen map"
    if folder.is_dir():
        try:
            empty = next(folder.iterdir(), None) is None
        except OSError as error:
            return f"kan de map niet lezen: {describe_os_error(error)}"
        if not empty:
            return (
                "de map is niet leeg; kies een nieuwe of lege map, dan wordt er niets overschreven"
            )
    return None
