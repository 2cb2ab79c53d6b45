"""The benchmark's synthetic data stays valid as the models change, and a small run prints every figure
as a number, its ratios agreeing with its times (no timing is asserted here)."""

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import GOALS, ROOT, synthetic_data, write_project
from bench.socialmap_browser import LABELS
from regiokaart.site.build import build_site
from tests.conftest import checked


def test_small_synthetic_region_checks_and_builds(tmp_path: Path) -> None:
    data = synthetic_data(random.Random(3), regions=3, offers=25, organisations=8, modules=2)
    project = tmp_path / "project"
    write_project(project, data)
    dataset = checked(project / "data")
    assert len(dataset.offers) == 25 and len(dataset.organisations) == 8
    result = build_site(project, tmp_path / "site")
    assert result.page_count > 25 + 8


@pytest.mark.browser
def test_browser_part_prints_every_social_map_figure(tmp_path: Path) -> None:
    """The browser part against a small build prints each figure as a number (values not judged).
    Run as its own process: the browser tests' Playwright may already run in this one."""
    data = synthetic_data(random.Random(5), regions=3, offers=60, organisations=10, modules=2)
    project = tmp_path / "project"
    write_project(project, data)
    build_site(project, tmp_path / "site")
    command = [sys.executable, "-m", "bench.socialmap_browser", str(tmp_path / "site")]
    run = subprocess.run(
        [*command, "--clicks", "3", "--words", "hulp"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    for label in LABELS:
        found = [line for line in lines if line.startswith(label)]
        assert len(found) == 1, (label, run.stdout)
        figure = found[0][len(label) :].split()
        assert re.fullmatch(r"\d+(\.\d+)?", figure[0]), found[0]
        assert found[0].rstrip().split("   (")[0].endswith(("ok", "TE HOOG")), found[0]
    biggest = lines[1 : 1 + 5]
    assert all(re.fullmatch(r"\s+\d+ kB  \S+", line) for line in biggest), run.stdout


# label -> what follows it: a time in seconds (with the peak memory of a build), a ratio, or a size.
BUILDS = (
    "regiokaart build (end to end)",
    "bare mkdocs build (same staged docs)",
    "hugo build (same pages, minimal layout)",
)
RATIOS = {
    "build / bare mkdocs": (
        "regiokaart build (end to end)",
        "bare mkdocs build (same staged docs)",
    ),
    "build / hugo": ("regiokaart build (end to end)", "hugo build (same pages, minimal layout)"),
}
MEMORY_RATIOS = {
    "peak memory build / bare mkdocs": (
        "regiokaart build (end to end)",
        "bare mkdocs build (same staged docs)",
    ),
}
NUMBER = r"(\d+(?:\.\d+)?)"


def figure_line(output: str, label: str) -> str:
    found = [line for line in output.splitlines() if line.startswith(label + ":")]
    assert len(found) == 1, (label, output)
    return found[0][len(label) + 1 :].strip()


def agrees(shown: float, top: float, bottom: float, top_step: float, bottom_step: float) -> bool:
    """Whether a ratio printed with 2 decimals can be top / bottom, each printed rounded to step."""
    low = (top - top_step / 2) / (bottom + bottom_step / 2)
    high = (top + top_step / 2) / max(bottom - bottom_step / 2, 1e-9)
    return low - 0.005 <= shown <= high + 0.005


def test_a_small_run_prints_every_figure_as_a_number(tmp_path: Path) -> None:
    """Every part but the browser (its own test above) on a small set; Zensical may be unavailable,
    and then says why."""
    command = [sys.executable, "-m", "bench.run", "--regions", "3", "--offers", "30"]
    command += ["--organisations", "8", "--modules", "2", "--no-browser", "--serve-timeout", "120"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    times, peaks = {}, {}
    for label in BUILDS:
        match = re.fullmatch(rf"{NUMBER} s   piek {NUMBER} MiB", figure_line(out, label))
        assert match, (label, out)
        times[label], peaks[label] = float(match[1]), float(match[2])
    for label, (top, bottom) in RATIOS.items():
        match = re.match(rf"{NUMBER}×   doel ≤ [\d.]+×  (ok|TE HOOG)$", figure_line(out, label))
        assert match, (label, out)
        assert agrees(float(match[1]), times[top], times[bottom], 0.01, 0.01), (label, out)
        assert (match[2] == "ok") == (float(match[1]) <= GOALS[label]), (label, out)
    for label, (top, bottom) in MEMORY_RATIOS.items():
        match = re.match(rf"{NUMBER}×", figure_line(out, label))
        assert match, (label, out)
        assert agrees(float(match[1]), peaks[top], peaks[bottom], 1, 1), (label, out)
    zensical = figure_line(out, "zensical build (regiokaart --engine)")
    if not zensical.startswith("niet beschikbaar: "):
        match = re.fullmatch(rf"{NUMBER} s   piek {NUMBER} MiB", zensical)
        assert match, out
        shown = re.match(NUMBER, figure_line(out, "zensical build / build"))
        assert shown, out
        build = times["regiokaart build (end to end)"]
        assert agrees(float(shown[1]), float(match[1]), build, 0.01, 0.01), out
    assert re.fullmatch(r"\d+", figure_line(out, "pages")), out
    for label in ("site size", "search index (pagefind/)"):
        assert re.fullmatch(rf"{NUMBER} MB", figure_line(out, label)), (label, out)
    site_ratio = re.match(
        rf"{NUMBER}×  \(vandaag \(\w+, landelijke set\): {NUMBER} MB\)",
        figure_line(out, "site size / today"),
    )
    assert site_ratio, out
    size = float(figure_line(out, "site size").split()[0])
    assert agrees(float(site_ratio[1]), size, float(site_ratio[2]), 0.1, 0.1), out
    edit = re.fullmatch(
        rf"{NUMBER} s   doel ≤ 2 s  (ok|TE HOOG)", figure_line(out, "one-offer edit under serve")
    )
    assert edit, out
    assert re.search(r"load \d", figure_line(out, "machine")), out


def test_the_split_keeps_every_record_and_each_region_checks(tmp_path: Path) -> None:
    """bench.federation's split of the national set: every offer, organisation and module in
    exactly one region, and each region's data passes the check on its own."""
    from bench.federation import split_by_region

    data = synthetic_data(random.Random(3), regions=3, offers=30, organisations=12, modules=3)
    split = split_by_region(data)
    assert [part.name for part in split] == ["Regio 01", "Regio 02", "Regio 03"]
    for kind, key in (
        ("offers.yaml", "offers"),
        ("organisations.yaml", "organisations"),
        ("modules.yaml", "modules"),
    ):
        ids = [r["id"] for part in split for r in part.data[kind][key]]  # type: ignore[index]
        assert sorted(ids) == sorted(r["id"] for r in data[kind][key]), kind  # type: ignore[index]
    for part in split:
        project = tmp_path / part.name
        write_project(project, part.data)
        dataset = checked(project / "data")
        assert {o.area.regions[0] for o in dataset.offers.values() if o.area.regions} <= {part.name}


def test_a_small_federated_run_prints_every_figure(tmp_path: Path) -> None:
    """bench.federation at a tiny scale, without the browser: every figure line is printed, with
    a number where it measures (no timing is asserted)."""
    from bench.federation import LABELS

    command = [sys.executable, "-m", "bench.federation", "--regions", "3", "--offers", "30"]
    command += ["--organisations", "12", "--modules", "3", "--no-browser"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    figures = {label: figure_line(out, label) for label in LABELS}
    assert figures["regio's"] == "3"
    assert re.match(r"30\b", figures["aanbod in totaal"]), out
    assert re.match(r"12\b", figures["organisaties in totaal"]), out
    for label in LABELS[3:9]:
        assert re.match(rf"{NUMBER} s\b", figures[label]), (label, out)
    for label in LABELS[5:8]:
        match = re.fullmatch(
            rf"{NUMBER} s   piek {NUMBER} MiB   doel ≤ 15 s, ≤ 300 MB  (ok|TE HOOG)",
            figures[label],
        )
        assert match, (label, out)
    assert "Wegwijzerkring" in figures["wijziging tot landelijk overzicht"], out
    for label in LABELS[9:12]:
        assert figures[label] == "niet gemeten (--no-browser)", (label, out)
    assert figures[LABELS[12]].startswith("zie bench.run"), out
