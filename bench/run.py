"""Benchmark: a synthetic national data set built into a portal, against a bare MkDocs build.

Run: .venv/bin/python -m bench.run [--offers 5000 --organisations 2000 --modules 100 --regions 26]
Generates the data through the models (so it is valid), writes YAML, then measures:
  - regiokaart build (check + generate + MkDocs + Pagefind + swap), end to end;
  - a bare `mkdocs build` of the same staged Markdown, for comparison;
  - page count, site size, the social map's data size and the search index size;
  - the social map in headless Chromium (bench/socialmap_browser.py): first-load transfer, time
    until interactive, DOM size, filter and keystroke medians, phone layout shift (--no-browser
    leaves it out).
"""

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from regiokaart import resources
from regiokaart.build import build_site, content_page_titles, docs_files, stage_docs
from regiokaart.check import check_data
from regiokaart.mkdocs.engine import write_config
from regiokaart.models.bouwsteen import BouwstenenFile
from regiokaart.models.glossary import GlossaryFile
from regiokaart.models.knowledge import ChecklistsFile, SuccessFactorsFile, VisionFile
from regiokaart.models.module import ModulesFile
from regiokaart.models.offer import OffersFile
from regiokaart.models.organisation import OrganisationsFile
from regiokaart.models.region import RegionFile
from regiokaart.models.selfscan import SelfscanFile
from regiokaart.models.source import SourcesFile
from regiokaart.models.vocabulary import (
    AgeGroup,
    Category,
    Effectiveness,
    FamilyProfile,
    Framework,
    OrganisationType,
    Phase,
    Role,
)
from regiokaart.pages import render_pages
from regiokaart.routes import site_nav

ROOT = Path(__file__).resolve().parent.parent
SOURCE = {"document": "synthetisch", "section": "benchmark"}
PEILDATUM = date(2026, 1, 1)
WORDS = [
    "veiligheid",
    "gezin",
    "pleger",
    "slachtoffer",
    "hulp",
    "traject",
    "gesprek",
    "netwerk",
    "wijkteam",
    "begeleiding",
    "herstel",
    "risico",
    "systeem",
    "training",
    "groep",
    "ouder",
    "kind",
    "partner",
    "geweld",
    "zorg",
    "aanpak",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def synthetic_data(
    rng: random.Random, regions: int, offers: int, organisations: int, modules: int
) -> dict[str, object]:
    """Plain data for every file, validated by the file models before it is returned."""
    region_names = [f"Regio {i + 1:02d}" for i in range(regions)]
    orgs = [
        {
            "id": f"organisatie-{i:05d}",
            "name": f"Organisatie {i:05d}",
            "type": rng.choice(list(OrganisationType)).value,
            "description": sentence(rng, 25),
            "area": {"scope": "regio", "regions": [rng.choice(region_names)]},
            "website": f"https://organisatie-{i:05d}.example.nl/",
            "source": SOURCE,
            "peildatum": PEILDATUM,
        }
        for i in range(organisations)
    ]
    offer_list = []
    for i in range(offers):
        contra = [FamilyProfile.INTIEME_TERREUR.value] if i % 17 == 0 else []
        offer_list.append(
            {
                "id": f"aanbod-{i:05d}",
                "name": f"Aanbod {i:05d} {rng.choice(WORDS)}",
                "categories": [c.value for c in rng.sample(list(Category), rng.randint(1, 2))],
                "summary": sentence(rng, 20),
                "description": sentence(rng, 80),
                "goal": sentence(rng, 15),
                "roles": [r.value for r in rng.sample(list(Role), rng.randint(1, 2))],
                "ages": [a.value for a in rng.sample(list(AgeGroup), rng.randint(0, 2))],
                "frameworks": [f.value for f in rng.sample(list(Framework), rng.randint(1, 2))],
                "phases": [p.value for p in rng.sample(list(Phase), 1)],
                "contraindicated_profiles": contra,
                "contraindication_note": "Geen gezamenlijke gesprekken bij intieme terreur."
                if contra
                else None,
                "system_oriented": rng.random() < 0.5,
                "low_threshold": rng.random() < 0.3,
                "effectiveness": rng.choice(list(Effectiveness)).value,
                "providers": [orgs[rng.randrange(len(orgs))]["id"]],
                "area": {"scope": "regio", "regions": [rng.choice(region_names)]}
                if i % 5
                else {"scope": "landelijk"},
                "source": SOURCE,
                "peildatum": PEILDATUM,
            }
        )
    module_list = [
        {
            "id": f"module-{i:03d}",
            "title": f"Module {i:03d}",
            "region": rng.choice(region_names),
            "status": "pilot",
            "summary": sentence(rng, 20),
            "goal": sentence(rng, 30),
            "selection_criteria": [sentence(rng, 6) for _ in range(3)],
            "activities": [
                {
                    "title": sentence(rng, 4),
                    "lead": orgs[rng.randrange(len(orgs))]["id"],
                    "planning": "Q1",
                }
                for _ in range(5)
            ],
            "partners": [orgs[rng.randrange(len(orgs))]["id"] for _ in range(4)],
            "targets": ["15 gezinnen"],
            "reuse_preconditions": [sentence(rng, 8) for _ in range(3)],
            "workflow": [sentence(rng, 6) for _ in range(5)],
            "source": SOURCE,
            "peildatum": PEILDATUM,
        }
        for i in range(modules)
    ]
    bundles = [
        ("1-2", [1, 2]),
        ("3-6", [3, 6]),
        ("4-5-7-8", [4, 5, 7, 8]),
        ("9", [9]),
        ("10", [10]),
    ]
    data: dict[str, object] = {
        "sources.yaml": {
            "documents": [{"id": "synthetisch", "title": "Synthetische benchmarkgegevens"}]
        },
        "region.yaml": {
            "region": {
                "name": "Nederland (synthetisch)",
                "municipalities": [
                    {"name": name, "organisation": orgs[i]["id"]}
                    for i, name in enumerate(region_names)
                ],
                "centre_municipality": region_names[0],
                "colours": {"primary": "#1d4f91", "accent": "#2e7d32"},
                "contact": {"organisation": orgs[0]["id"], "phone": "0800-2000"},
                "source": SOURCE,
                "peildatum": PEILDATUM,
            }
        },
        "organisations.yaml": {"organisations": orgs},
        "offers.yaml": {"offers": offer_list},
        "modules.yaml": {"modules": module_list},
        "bouwstenen.yaml": {
            "bundles": [
                {"id": b, "title": f"Bundel {b}", "standards": s, "source": SOURCE}
                for b, s in bundles
            ],
            "standards": [{"number": n, "bundle": b} for b, s in bundles for n in s],
            "bouwstenen": [
                {
                    "id": f"bouwsteen-{i:02d}",
                    "title": f"Bouwsteen {i:02d}",
                    "bundle": bundles[i % 5][0],
                    "text": sentence(rng, 60),
                    "questions": [
                        {"id": f"bouwsteen-{i:02d}-{q}", "text": sentence(rng, 10)[:-1] + "?"}
                        for q in range(3)
                    ],
                    "offers": [offer_list[rng.randrange(len(offer_list))]["id"]],
                    "source": SOURCE,
                    "peildatum": PEILDATUM,
                }
                for i in range(30)
            ],
        },
        "glossary.yaml": {
            "terms": [
                {
                    "id": "thv",
                    "term": "Tijdelijk huisverbod",
                    "abbreviation": "THV",
                    "definition": "Maatregel.",
                    "source": SOURCE,
                }
            ]
        },
        "checklists.yaml": {
            "checklists": [
                {
                    "id": "eisen-aanbod",
                    "title": "Eisen",
                    "groups": [
                        {
                            "title": "Eisen",
                            "items": [{"id": "systeemgericht", "text": "Systeemgericht"}],
                        }
                    ],
                    "source": SOURCE,
                }
            ]
        },
        "success_factors.yaml": {
            "themes": [
                {
                    "id": "wijkteams",
                    "title": "Wijkteams",
                    "factors": [{"text": sentence(rng, 20)}],
                    "source": SOURCE,
                }
            ]
        },
        "selfscan.yaml": {
            "version": 1,
            "title": "Zelfscan",
            "steps": [
                {
                    "bundle": bundle,
                    "questions": [
                        {
                            "id": f"bouwsteen-{i:02d}-{q}",
                            "text": "Vraag?",
                            "bouwsteen": f"bouwsteen-{i:02d}",
                            "source": SOURCE,
                        }
                        for i in range(30)
                        if bundles[i % 5][0] == bundle
                        for q in range(3)
                    ],
                }
                for bundle, _ in bundles
            ],
        },
        "vision.yaml": {
            "phases": [{"number": 1, "title": "Directe veiligheid", "phase": "directe-veiligheid"}],
            "family_profiles": [
                {
                    "id": "intieme-terreur",
                    "number": 1,
                    "title": "Intieme terreur",
                    "text": "Machtsverschil.",
                }
            ],
            "source": SOURCE,
        },
    }
    models = {
        "sources.yaml": SourcesFile,
        "region.yaml": RegionFile,
        "organisations.yaml": OrganisationsFile,
        "offers.yaml": OffersFile,
        "modules.yaml": ModulesFile,
        "bouwstenen.yaml": BouwstenenFile,
        "glossary.yaml": GlossaryFile,
        "checklists.yaml": ChecklistsFile,
        "success_factors.yaml": SuccessFactorsFile,
        "selfscan.yaml": SelfscanFile,
        "vision.yaml": VisionFile,
    }
    for name, model in models.items():
        model.model_validate(data[name])
    return data


# The synthetic national layer, written beside the region's data as national/ (see
# regiokaart.load.national_layer_for); the rest is the region's own.
NATIONAL_FILES = ("sources.yaml", "bouwstenen.yaml", "checklists.yaml", "success_factors.yaml")
NATIONAL_FILES += ("selfscan.yaml", "vision.yaml")


def write_project(project: Path, data: dict[str, object]) -> None:
    """A region folder with the repository's content and the given data, in two layers."""
    project.mkdir(parents=True)
    shutil.copytree(ROOT / "content", project / "content")
    (project / "data").mkdir()
    (project / "national").mkdir()
    for name, content in data.items():
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        folder = "national" if name in NATIONAL_FILES else "data"
        (project / folder / name).write_text(text, encoding="utf-8")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--regions", type=int, default=26)
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-browser", action="store_true", help="leave out the browser part")
    parser.add_argument("--clicks", type=int, default=15, help="browser part: filter clicks")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="regiokaart-bench-"))
    try:
        project = work / "project"
        data = synthetic_data(
            random.Random(args.seed), args.regions, args.offers, args.organisations, args.modules
        )
        write_project(project, data)

        started = time.perf_counter()
        dataset, problems = check_data(project / "data")
        check_seconds = time.perf_counter() - started
        assert dataset is not None, [p.format() for p in problems[:5]]

        started = time.perf_counter()
        result = build_site(project, work / "site")
        build_seconds = time.perf_counter() - started

        # The same Markdown and configuration, staged once more, built by a bare `mkdocs build`
        # for comparison.
        bare = work / "bare"
        pages = render_pages(dataset, resources.PAGE_TEMPLATES)
        stage_docs(project / "content", pages, bare / "docs")
        config = bare / "mkdocs.yml"
        write_config(
            resources.BASE_CONFIG,
            config,
            docs_dir=bare / "docs",
            site_dir=bare / "site",
            site_name="Kennisportaal",
            nav=site_nav(
                docs_files(pages, project / "content"), content_page_titles(project / "content")
            ),
        )
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(config),
                "-d",
                str(bare / "site"),
            ],
            check=True,
        )
        bare_seconds = time.perf_counter() - started

        site = work / "site"
        print(
            f"data set: {args.regions} regions, {args.offers} offers, {args.organisations} organisations, {args.modules} modules"
        )
        print(f"regiokaart check:               {check_seconds:6.1f} s")
        print(f"regiokaart build (end to end):  {build_seconds:6.1f} s")
        print(f"bare mkdocs build (same pages): {bare_seconds:6.1f} s")
        print(f"pages:                          {result.page_count}")
        print(f"site size:                      {mb(folder_size(site))}")
        print(
            f"social map page (HTML):         {mb((site / 'sociale-kaart' / 'index.html').stat().st_size)}"
        )
        print(
            f"social map data (aanbod.json):  {mb((site / 'sociale-kaart' / 'aanbod.json').stat().st_size)}"
        )
        print(f"search index (pagefind/):       {mb(folder_size(site / 'pagefind'))}")
        if not args.no_browser:
            # Imported here: Playwright is a test tool, not needed for the build figures.
            from bench import socialmap_browser

            sys.stdout.flush()
            status = socialmap_browser.main([str(site), "--clicks", str(args.clicks)])
            if status:
                return status
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
