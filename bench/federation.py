"""Benchmark: the national set as a federation of regional portals, beside its single national build.

Run: .venv/bin/python -m bench.federation [--regions 26 --offers 5000 --organisations 2000
--modules 100 --seed 1] [--no-browser] [--baseline] [--keep DIR]

The data is bench.run's synthetic national set (same seed, same records), split into one project per
region (split_by_region): each has its own data/ (region.yaml, organisations, offers, modules,
glossary) and the same national layer bench.run writes (national/). Then, each command as its own
process (time from start to exit, peak of the summed RSS of its process tree, bench/measure.py):
  - `regiokaart build` of every region, BUILDS_AT_ONCE at a time (the builds run check first);
  - every region's site served from its own loopback origin with CORS, from threads of this process
    (bench.socialmap_browser.serve), and a FEDERATION.yaml listing them;
  - `regiokaart federate FEDERATION.yaml --site OUT`: with an empty store of last good copies, again
    with nothing changed, and after one offer of one region is renamed and that region rebuilt (edit
    -> overview = from writing the file until federate ends; OUT/aanbod/ must show the new name);
  - in Debian's Chromium (`--no-browser` leaves it out): OUT's search page searching all regions for
    the renamed offer's new word, its transfer (every origin) and latency, and that the first result
    links into that region's portal;
  - with `--baseline`, the single national build of bench.run (the whole set as one portal).
"""

import argparse
import contextlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.measure import Measured, run_measured
from bench.run import (
    NATIONAL_FILES,
    BenchFailed,
    build_figure,
    child_environment,
    line,
    measure_repeated,
    regiokaart_command,
    set_arguments,
    synthetic_data,
    write_project,
)
from regiokaart.models.module import ModulesFile
from regiokaart.models.offer import OffersFile
from regiokaart.models.organisation import OrganisationsFile
from regiokaart.models.region import RegionFile

BUILDS_AT_ONCE = 2  # the machine's two cores
GOAL_FEDERATE_SECONDS = 15.0
GOAL_FEDERATE_BYTES = 300_000_000  # 300 MB (286 MiB)
GOAL_SEARCH_BYTES = 300_000  # 300 kB, every origin together
EDITED_WORD = "Wegwijzerkring"  # in no synthetic text (bench.run.WORDS), so one offer has it
TITLE = "Landelijk overzicht (synthetisch)"

# The labels of the printed figures, in order (tests/test_bench.py looks for each).
LABELS = (
    "regio's",
    "aanbod in totaal",
    "organisaties in totaal",
    "build per regio, mediaan",
    "builds samen",
    "federate, eerste run (lege opslag)",
    "federate, niets gewijzigd",
    "federate, na één wijziging",
    "wijziging tot landelijk overzicht",
    "zoeken in alle regio's, tot 1e resultaat",
    "zoeken in alle regio's, de zoekvraag zelf",
    "zoeken in alle regio's, tijd",
    "één landelijke build (alles in één portaal)",
)


# --- the split -------------------------------------------------------------------------------


@dataclass
class RegionData:
    """One region's project: its name, the files write_project writes, and how many references
    to another region's organisation were redirected to one of its own."""

    name: str
    data: dict[str, object]
    redirected: int


def region_of_area(record: dict[str, Any]) -> str | None:
    """The one region a synthetic record's area names; None for a national one."""
    regions = record["area"].get("regions") or []
    return str(regions[0]) if regions else None


def split_by_region(data: dict[str, object]) -> list[RegionData]:
    """bench.run's national set as one data set per region, every reference kept inside it.

    An organisation, a regional offer and a module belong to the region their area (a module: its
    region) names; an offer with a national area to its provider's region, which lists it. The
    synthetic set draws providers, leads, partners and the municipalities' organisations from the
    whole country; a reference to another region's organisation is redirected to one of the
    region's own (the same one each time: by the organisation's number), so the regions together
    hold exactly the records of the single national build. The national layer (NATIONAL_FILES) and
    the glossary are the same in every region."""
    national_region = data["region.yaml"]["region"]  # type: ignore[index]
    organisations = data["organisations.yaml"]["organisations"]  # type: ignore[index]
    offers = data["offers.yaml"]["offers"]  # type: ignore[index]
    modules = data["modules.yaml"]["modules"]  # type: ignore[index]
    number = {org["id"]: i for i, org in enumerate(organisations)}
    home = {org["id"]: region_of_area(org) for org in organisations}
    split = []
    for municipality in national_region["municipalities"]:
        name = municipality["name"]
        own = [org for org in organisations if home[org["id"]] == name]
        if not own:
            raise BenchFailed(f"{name} heeft geen eigen organisaties; kies meer --organisations")
        redirected = 0

        def inside(org_id: str, name: str = name, own: list[Any] = own) -> str:
            nonlocal redirected
            if home[org_id] == name:
                return org_id
            redirected += 1
            return str(own[number[org_id] % len(own)]["id"])

        def region_of(offer: dict[str, Any]) -> str:
            return region_of_area(offer) or str(home[offer["providers"][0]])

        own_offers = [
            {**offer, "providers": [inside(p) for p in offer["providers"]]}
            for offer in offers
            if region_of(offer) == name
        ]
        own_modules = [
            {
                **module,
                "activities": [{**a, "lead": inside(a["lead"])} for a in module["activities"]],
                "partners": list(dict.fromkeys(inside(p) for p in module["partners"])),
            }
            for module in modules
            if module["region"] == name
        ]
        contact = inside(municipality["organisation"])
        region = {
            **national_region,
            "name": name,
            "municipalities": [{**municipality, "organisation": contact}],
            "centre_municipality": name,
            "contact": {**national_region["contact"], "organisation": contact},
        }
        files: dict[str, object] = {
            key: value for key, value in data.items() if key in NATIONAL_FILES
        }
        files["glossary.yaml"] = data["glossary.yaml"]
        files["region.yaml"] = {"region": region}
        files["organisations.yaml"] = {"organisations": own}
        files["offers.yaml"] = {"offers": own_offers}
        files["modules.yaml"] = {"modules": own_modules}
        for file_name, model in (
            ("region.yaml", RegionFile),
            ("organisations.yaml", OrganisationsFile),
            ("offers.yaml", OffersFile),
            ("modules.yaml", ModulesFile),
        ):
            model.model_validate(files[file_name])
        split.append(RegionData(name, files, redirected))
    return split


# --- the regions -----------------------------------------------------------------------------


@dataclass
class Region:
    name: str
    project: Path
    site: Path
    offers: list[dict[str, Any]]
    organisations: int
    url: str = ""  # its portal's origin once served, ending in /


def write_regions(split: Sequence[RegionData], folder: Path) -> list[Region]:
    regions = []
    for number, part in enumerate(split, 1):
        project = folder / f"regio-{number:02d}"
        write_project(project / "project", part.data)
        offers = part.data["offers.yaml"]["offers"]  # type: ignore[index]
        organisations = len(part.data["organisations.yaml"]["organisations"])  # type: ignore[index]
        regions.append(
            Region(part.name, project / "project", project / "site", offers, organisations)
        )
    return regions


def build_command(region: Region) -> list[str]:
    return regiokaart_command("build", str(region.project), "--site", str(region.site))


def build_region(region: Region) -> Measured:
    run = run_measured(build_command(region), env=child_environment())
    if run.returncode != 0:
        raise BenchFailed(f"regiokaart build van {region.name} mislukt:\n{run.output[-3000:]}")
    return run


def build_all(regions: Sequence[Region]) -> tuple[list[Measured], float]:
    """Every region's build, BUILDS_AT_ONCE at a time: each build, and the seconds of them all."""
    started = time.perf_counter()
    with ThreadPoolExecutor(BUILDS_AT_ONCE) as pool:
        runs = list(pool.map(build_region, regions))
    return runs, time.perf_counter() - started


@contextlib.contextmanager
def served(regions: Sequence[Region]) -> Iterator[None]:
    """Each region's site on its own loopback origin, readable from any origin, while the block
    runs; region.url is set."""
    from bench.socialmap_browser import serve  # Playwright is imported with it

    with contextlib.ExitStack() as stack:
        for region in regions:
            region.url = stack.enter_context(serve(region.site, cors=True))
        yield


def write_federation(regions: Sequence[Region], path: Path) -> None:
    lines = [f"title: {TITLE}", "regions:", *(f"  - url: {r.url}" for r in regions)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def federate(config: Path, out: Path, what: str) -> Measured:
    """`regiokaart federate` as its own process; it must have read every region fresh."""
    command = regiokaart_command("federate", str(config), "--site", str(out))
    run = run_measured(command, env=child_environment())
    if run.returncode != 0 or "niet bereikt" in run.output:
        raise BenchFailed(f"regiokaart federate ({what}) mislukt:\n{run.output[-3000:]}")
    return run


@dataclass
class Edit:
    region: Region
    offer_id: str
    new_name: str
    build: Measured
    federate: Measured
    seconds: float  # from writing the file until federate ended


def pick_offer(regions: Sequence[Region]) -> tuple[Region, dict[str, Any]]:
    """The offer to rename: the first regional offer of the region with the most offers."""
    region = max(regions, key=lambda r: (len(r.offers), r.name))
    offer = next((o for o in region.offers if o["area"]["scope"] == "regio"), region.offers[0])
    return region, offer


def edit_and_federate(region: Region, offer: dict[str, Any], config: Path, out: Path) -> Edit:
    """Rename offer in region's data/offers.yaml, rebuild the region, federate; the overview's
    offer list must then show the new name."""
    old = offer["name"]
    new = f"{old.rsplit(' ', 1)[0]} {EDITED_WORD}"
    offers = region.project / "data" / "offers.yaml"
    text = offers.read_text(encoding="utf-8")
    if text.count(f"name: {old}\n") != 1:
        raise BenchFailed(f"de naam {old!r} staat niet precies één keer in {offers}")
    started = time.perf_counter()
    offers.write_text(text.replace(f"name: {old}\n", f"name: {new}\n"), encoding="utf-8")
    build = build_region(region)
    run = federate(config, out, "na één wijziging")
    seconds = time.perf_counter() - started
    overview = (out / "aanbod" / "index.html").read_text(encoding="utf-8")
    if new not in overview:
        raise BenchFailed(f"{out}/aanbod/index.html toont de nieuwe naam {new!r} niet")
    return Edit(region, offer["id"], new, build, run, seconds)


# --- the browser -----------------------------------------------------------------------------

SEARCH_PAGE = "zoeken/"
RESULTS = "#rk-national-results > li"
SEARCH_TIMEOUT_MS = 60_000
BIGGEST = 5  # responses listed under a transfer

# Installed before the page's scripts: when the first result appears (ms since navigation start).
FIRST_RESULT_SCRIPT = """
(() => {
  const seen = () => {
    if (document.querySelector("#rk-national-results > li")) {
      window.__rkFirstResultAt = performance.now();
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document, { subtree: true, childList: true });
})();
"""

# On the loaded page: the word searched through the form, ms from submitting until the first
# result is in the list and painted (one animation frame), and that moment (epoch ms).
SUBMIT_SCRIPT = """
async (arg) => {
  const list = document.querySelector("#rk-national-results");
  const input = document.querySelector("#rk-national-q");
  const shown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (list.querySelector("li")) { observer.disconnect(); resolve(); }
    });
    observer.observe(list, { childList: true });
  });
  const t0 = performance.now();
  input.value = arg.word;
  document.querySelector("#rk-national-form").requestSubmit();
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("timeout")), arg.timeout); });
  try {
    await Promise.race([shown, late]);
  } catch (error) {
    return { error: `no result within ${arg.timeout} ms` };
  } finally {
    clearTimeout(timer);
  }
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const at = performance.now();
  return { ms: at - t0, at: performance.timeOrigin + at };
}
"""


@dataclass
class Transfer:
    """Response bodies (uncompressed, as the browser got them) until a moment, by origin."""

    sizes: list[tuple[str, int]]  # (address, bytes) of each response counted
    later: int  # bytes of responses that ended after the moment

    @property
    def total(self) -> int:
        return sum(size for _, size in self.sizes)

    def of_origin(self, origin: str) -> int:
        return sum(size for url, size in self.sizes if url.startswith(origin))

    def origins(self) -> set[str]:
        return {origin_of(url) for url, _ in self.sizes}

    def by_kind(self, leave_out: str) -> dict[str, tuple[int, int]]:
        """kind -> (responses, bytes), of every origin but leave_out; largest first."""
        found: dict[str, tuple[int, int]] = {}
        for url, size in self.sizes:
            if not url.startswith(leave_out):
                count, total = found.get(kind_of(url), (0, 0))
                found[kind_of(url)] = (count + 1, total + size)
        return dict(sorted(found.items(), key=lambda item: -item[1][1]))


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def kind_of(url: str) -> str:
    """What a response is: a Pagefind file by its kind (pf_meta, pf_index, ...), else its name's
    ending."""
    name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    if ".pf_" in name:
        return name.rsplit(".", 1)[-1]
    if name.startswith(("pagefind", "wasm.")):
        return name
    return name.rsplit(".", 1)[-1] if "." in name else "html"


@dataclass
class SearchFigures:
    first: Transfer  # loading zoeken/?q=WORD until the first result
    first_ms: float  # navigation start until the first result
    own: Transfer  # zoeken/ loaded, then the search submitted, until the first result
    own_ms: float  # submitting until the first result painted
    first_link: str
    national: str  # the overview's own origin, ending in /
    problems: list[str]


def _ended_at(request: Any) -> float | None:
    """When the response ended, in epoch ms (Playwright's timing), or None when it did not."""
    timing = request.timing
    if timing.get("responseEnd", -1) < 0:
        return None
    return float(timing["startTime"] + timing["responseEnd"])


def transfer_until(finished: Sequence[Any], moment: float) -> Transfer:
    from bench.socialmap_browser import _body_size

    sizes = []
    later = 0
    for request in finished:
        size = _body_size(request)
        ended = _ended_at(request)
        if ended is not None and ended > moment:
            later += size
        else:
            sizes.append((request.url, size))
    return Transfer(sizes, later)


def measure_search(out: Path, word: str) -> SearchFigures:
    """The national search for word in Chromium, twice, each in a fresh context (empty cache)."""
    from playwright.sync_api import sync_playwright

    from bench.socialmap_browser import CHROMIUM, DESKTOP, LAUNCH_ARGS, Traffic, serve

    if not Path(CHROMIUM).exists():
        raise BenchFailed(f"Chromium van Debian ({CHROMIUM}) ontbreekt; draai scripts/setup.sh")
    problems: list[str] = []
    with serve(out) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            # 1. The address with the word: the page and the search together.
            context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
            page = context.new_page()
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.add_init_script(FIRST_RESULT_SCRIPT)
            traffic = Traffic(page)
            page.goto(f"{base}{SEARCH_PAGE}?q={word}", wait_until="load")
            page.locator(RESULTS).first.wait_for(state="visible", timeout=SEARCH_TIMEOUT_MS)
            first_ms = float(page.evaluate("window.__rkFirstResultAt"))
            moment = float(page.evaluate("performance.timeOrigin + window.__rkFirstResultAt"))
            first_link = str(page.locator(f"{RESULTS} h2 a").first.get_attribute("href") or "")
            traffic.wait_idle(page)
            first = transfer_until(traffic.finished, moment)
            context.close()
            # 2. The page first (until the network is quiet), then the search through the form.
            context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
            page = context.new_page()
            page.on("pageerror", lambda error: problems.append(str(error)))
            traffic = Traffic(page)
            page.goto(f"{base}{SEARCH_PAGE}", wait_until="load")
            traffic.wait_idle(page)
            loaded = len(traffic.finished)
            result = page.evaluate(SUBMIT_SCRIPT, {"word": word, "timeout": SEARCH_TIMEOUT_MS})
            if "error" in result:
                raise BenchFailed(f"landelijk zoeken naar {word!r}: {result['error']}")
            traffic.wait_idle(page)
            own = transfer_until(traffic.finished[loaded:], float(result["at"]))
            context.close()
        finally:
            browser.close()
    return SearchFigures(first, first_ms, own, float(result["ms"]), first_link, base, problems)


# --- the report ------------------------------------------------------------------------------


def mib(measured: Measured) -> float:
    return measured.peak_mib or 0.0


def federate_figure(run: Measured) -> str:
    fast = run.seconds <= GOAL_FEDERATE_SECONDS
    small = run.peak_bytes is not None and run.peak_bytes <= GOAL_FEDERATE_BYTES
    verdict = "ok" if fast and small else "TE HOOG"
    goal = f"doel ≤ {GOAL_FEDERATE_SECONDS:g} s, ≤ {GOAL_FEDERATE_BYTES / 1e6:.0f} MB  {verdict}"
    return f"{build_figure(run)}   {goal}"


def kb(size: int) -> str:
    return f"{size / 1000:.0f} kB"


def print_transfer(label: str, transfer: Transfer, national: str) -> None:
    """The transfer against its goal; under it the overview's largest responses and the regions'
    responses by kind."""
    regions = len(transfer.origins() - {national})
    verdict = "ok" if transfer.total <= GOAL_SEARCH_BYTES else "TE HOOG"
    line(
        label,
        f"{kb(transfer.total):>8}   ({len(transfer.sizes)} verzoeken, {regions} regio's)   "
        f"doel ≤ {GOAL_SEARCH_BYTES / 1000:.0f} kB  {verdict}",
    )
    site = transfer.of_origin(national)
    print(f"    landelijke site {kb(site)}, grootste:")
    own = sorted(
        (item for item in transfer.sizes if item[0].startswith(national)), key=lambda i: -i[1]
    )
    for url, size in own[:BIGGEST]:
        print(f"    {kb(size):>8}  {url[len(national) :]}")
    print(f"    regio's {kb(transfer.total - site)}:")
    for kind, (count, size) in transfer.by_kind(national).items():
        print(f"    {kb(size):>8}  {count}× {kind}")
    if transfer.later:
        print(f"    daarna nog {kb(transfer.later)} (niet meegeteld)")


def print_search(figures: SearchFigures | str, edit: Edit) -> None:
    if isinstance(figures, str):
        for label in LABELS[9:12]:
            line(label, figures)
        return
    print_transfer(LABELS[9], figures.first, figures.national)
    print_transfer(LABELS[10], figures.own, figures.national)
    line(
        LABELS[11],
        f"{figures.own_ms:7.0f} ms na verzenden   ({figures.first_ms:.0f} ms vanaf het laden "
        "van zoeken/?q=…)",
    )
    right = figures.first_link.startswith(f"{edit.region.url}aanbod/")
    where = "in het portaal van" if right else "NIET in het portaal van"
    print(f"    1e resultaat {figures.first_link} ligt {where} {edit.region.name}")
    for problem in figures.problems[:3]:
        print(f"    JavaScript-fout: {problem}")


# --- the run ---------------------------------------------------------------------------------


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = set_arguments(__doc__)
    parser.add_argument("--no-browser", action="store_true", help="leave out the browser part")
    parser.add_argument(
        "--baseline", action="store_true", help="also the single national build (bench.run's)"
    )
    parser.add_argument(
        "--keep", type=Path, default=None, help="work in DIR (new or empty) and keep it"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.keep is not None:
        if args.keep.exists() and any(args.keep.iterdir()):
            print(f"--keep: {args.keep} is niet leeg", file=sys.stderr)
            return 2
        args.keep.mkdir(parents=True, exist_ok=True)
    work = args.keep or Path(tempfile.mkdtemp(prefix="regiokaart-federatie-"))
    try:
        return run(args, work.resolve())
    except BenchFailed as failure:
        print(f"benchmark mislukt: {failure}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> int:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    line("machine", f"{os.cpu_count()} cores, belasting {load} (1, 5, 15 min) bij de start")
    data = synthetic_data(
        random.Random(args.seed), args.regions, args.offers, args.organisations, args.modules
    )
    split = split_by_region(data)
    regions = write_regions(split, work / "regio")
    line(LABELS[0], str(len(regions)))
    counts = [len(region.offers) for region in regions]
    line(
        LABELS[1],
        f"{sum(counts)}   (per regio {min(counts)}–{max(counts)}; met een landelijk werkgebied "
        "bij de regio van hun aanbieder)",
    )
    redirected = sum(part.redirected for part in split)
    line(
        LABELS[2],
        f"{sum(region.organisations for region in regions)}   ({redirected} verwijzingen naar "
        "een organisatie in een andere regio omgezet naar een eigen)",
    )

    builds, seconds = build_all(regions)
    times = [b.seconds for b in builds]
    peaks = [mib(b) for b in builds]
    line(
        LABELS[3],
        f"{statistics.median(times):7.2f} s   piek {statistics.median(peaks):.0f} MiB   "
        f"(langste {max(times):.1f} s, hoogste piek {max(peaks):.0f} MiB)",
    )
    line(
        LABELS[4],
        f"{seconds:7.2f} s   ({BUILDS_AT_ONCE} tegelijk; opgeteld {sum(times):.1f} s)",
    )

    config = work / "landelijk" / "FEDERATION.yaml"
    out = work / "landelijk" / "site"
    with served(regions):
        write_federation(regions, config)
        first = federate(config, out, "eerste run")
        line(LABELS[5], federate_figure(first))
        again = federate(config, out, "niets gewijzigd")
        line(LABELS[6], federate_figure(again))
        region, offer = pick_offer(regions)
        edit = edit_and_federate(region, offer, config, out)
        line(LABELS[7], federate_figure(edit.federate))
        line(
            LABELS[8],
            f"{edit.seconds:7.2f} s   (build van {region.name} {edit.build.seconds:.1f} s + "
            f"federate {edit.federate.seconds:.1f} s; aanbod/ toont {edit.new_name!r})",
        )
        if args.no_browser:
            search: SearchFigures | str = "niet gemeten (--no-browser)"
        else:
            sys.stdout.flush()
            search = measure_search(out, EDITED_WORD.lower())
        print_search(search, edit)

    if args.baseline:
        project = work / "landelijk-in-een"
        write_project(project, data)
        single = measure_repeated(
            regiokaart_command(
                "build", str(project), "--site", str(work / "landelijk-in-een-site")
            ),
            1,
            "regiokaart build (landelijk in één)",
        )
        line(LABELS[12], build_figure(single))
    else:
        line(LABELS[12], "zie bench.run (of --baseline)")
    if isinstance(search, SearchFigures) and not search.first_link.startswith(
        f"{edit.region.url}aanbod/"
    ):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
