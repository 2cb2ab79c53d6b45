"""regiokaart new: a region folder that passes `regiokaart check` and builds at once.

It holds only what is the region's own (the national layer ships with regiokaart): data/ with the
region file, its municipalities as organisations, an empty offers file with a commented example and
a source to name; content/over.md; LEESMIJ.md for the coordinator; schemas/ for the editor. The
starter files are in regiokaart/starter/. The folder is written beside the target and renamed into
place, so a failure leaves nothing half-made.
"""

import json
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from regiokaart import resources
from regiokaart.problems import Problem, describe_os_error
from regiokaart.schema import render_schemas

# starter file -> where it goes in the new region folder
STARTER_FILES = {
    "region.yaml": "data/region.yaml",
    "organisations.yaml": "data/organisations.yaml",
    "offers.yaml": "data/offers.yaml",
    "sources.yaml": "data/sources.yaml",
    "over.md": "content/over.md",
    "LEESMIJ.md": "LEESMIJ.md",
}
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


def render_region_folder(name: str, municipality_names: list[str], today: date) -> dict[str, str]:
    """Relative path -> text of every file of a new region folder."""
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
    plain = {"name": name, "municipality_names": ", ".join(municipality_names)}
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources.STARTER_DIR),
        autoescape=False,  # YAML and Markdown, not HTML; values are quoted or checked above
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    files = {}
    for starter, target in STARTER_FILES.items():
        values = quoted if starter.endswith(".yaml") else plain
        files[target] = environment.get_template(starter).render(**values)
    for schema_name, text in render_schemas().items():
        files[f"schemas/{schema_name}"] = text
    files[".gitignore"] = (
        "# De gebouwde website; maak hem opnieuw met regiokaart build\nsite/\n.staging-*\n"
        "# Reservekopieën van regiokaart module import (om een overname terug te draaien)\n"
        "data/.backup/\n"
    )
    return files


def create_region(folder: Path, files: dict[str, str]) -> None:
    """Write files as a new region folder; folder must not exist or be empty."""
    reason = _unusable_reason(folder)
    if reason:
        raise ScaffoldFailed([Problem(str(folder), 1, 1, "", reason)])
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.nieuw-", dir=folder.parent))
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
