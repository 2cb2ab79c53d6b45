"""The lock files agree with pyproject.toml: every direct dependency pinned, within its range, hashed.

After a change in pyproject.toml's dependencies, refresh them with `bash scripts/lock.sh`.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = [
    Requirement(text)
    for text in PYPROJECT["project"]["dependencies"] + PYPROJECT["build-system"]["requires"]
]
TEST = RUNTIME + [
    Requirement(text) for text in PYPROJECT["project"]["optional-dependencies"]["test"]
]
LOCKS = {"requirements.lock": RUNTIME, "requirements-test.lock": TEST}


def lock_entries(path: Path) -> list[tuple[Requirement, list[str]]]:
    """Each requirement in a lock file with its hashes (continuation lines joined)."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    entries = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        hashes = re.findall(r"--hash=(\S+)", line)
        entries.append((Requirement(re.sub(r"\s*--hash=\S+", "", line)), hashes))
    return entries


def pins_of(path: Path) -> dict[str, list[str]]:
    """The pinned versions per package name (more than one where markers choose)."""
    pins: dict[str, list[str]] = {}
    for requirement, _ in lock_entries(path):
        (version,) = (spec.version for spec in requirement.specifier if spec.operator == "==")
        pins.setdefault(canonicalize_name(requirement.name), []).append(version)
    return pins


def disagreements(wanted: list[Requirement], pins: dict[str, list[str]]) -> list[str]:
    """The requirements that the pins leave out or pin at a version outside their range."""
    problems = []
    for requirement in wanted:
        versions = pins.get(canonicalize_name(requirement.name))
        if not versions:
            problems.append(f"{requirement}: not in the lock")
        for version in versions or []:
            if not requirement.specifier.contains(version, prereleases=True):
                problems.append(f"{requirement}: the lock pins {version}")
    return problems


@pytest.mark.parametrize("name", LOCKS)
def test_every_direct_dependency_is_pinned_within_its_range(name: str) -> None:
    assert disagreements(LOCKS[name], pins_of(ROOT / name)) == [], "run: bash scripts/lock.sh"


@pytest.mark.parametrize("name", LOCKS)
def test_every_pin_is_exact_and_hashed(name: str) -> None:
    for requirement, hashes in lock_entries(ROOT / name):
        assert [spec.operator for spec in requirement.specifier] == ["=="], requirement
        assert hashes and all(h.startswith("sha256:") for h in hashes), requirement


def test_both_locks_pin_the_same_versions_of_what_they_share() -> None:
    portal, test = pins_of(ROOT / "requirements.lock"), pins_of(ROOT / "requirements-test.lock")
    assert {name: versions for name, versions in test.items() if name in portal} == portal


def test_a_dependency_missing_or_out_of_range_is_reported() -> None:
    pins = {"pydantic": ["2.14.4"]}
    wanted = [Requirement("pydantic>=3"), Requirement("phonenumbers>=8.13")]
    assert disagreements(wanted, pins) == [
        "pydantic>=3: the lock pins 2.14.4",
        "phonenumbers>=8.13: not in the lock",
    ]


def test_setup_installs_from_the_locks_with_hashes() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r" in setup
    assert "requirements.lock" in setup and "requirements-test.lock" in setup
    assert "--no-deps --no-build-isolation -e ." in setup
