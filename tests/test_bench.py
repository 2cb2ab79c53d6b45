"""The benchmark's synthetic data stays valid as the models change (no timing is asserted here)."""

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import ROOT, synthetic_data, write_project
from bench.socialmap_browser import LABELS
from regiokaart.build import build_site
from regiokaart.check import check_data


def test_small_synthetic_region_checks_and_builds(tmp_path: Path) -> None:
    data = synthetic_data(random.Random(3), regions=3, offers=25, organisations=8, modules=2)
    project = tmp_path / "project"
    write_project(project, data)
    dataset, problems = check_data(project / "data")
    assert dataset is not None, [p.format() for p in problems[:5]]
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
