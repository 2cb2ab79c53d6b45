"""The benchmark's synthetic data stays valid as the models change (no timing is asserted here)."""

import random
from pathlib import Path

from bench.run import synthetic_data, write_project
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
