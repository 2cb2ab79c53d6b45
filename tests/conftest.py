import ctypes
import hashlib
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from regiokaart.checks.check import check_data
from regiokaart.dataset import Dataset
from regiokaart.problems import Problem
from regiokaart.site.engines import DEFAULT_ENGINE, ENGINES

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "mini"
SEEDS = ROOT.parent / "shared" / "seeds"


FLEVOLAND_TODAY = date(2026, 11, 25)


def checked_with_warnings(
    data_dir: Path, today: date | None = None
) -> tuple[Dataset, list[Problem]]:
    """check_data for data that a test expects to pass: its Dataset and its warnings. Fails the
    test, with every problem as `regiokaart check` prints it, when the data has an error."""
    dataset, problems = check_data(data_dir, today=today)
    if dataset is None:
        pytest.fail(
            f"{data_dir} has errors:\n" + "\n".join(p.format() for p in problems), pytrace=False
        )
    return dataset, problems


def checked(data_dir: Path, today: date | None = None) -> Dataset:
    """The Dataset of data that a test expects to pass check (see checked_with_warnings)."""
    return checked_with_warnings(data_dir, today)[0]


@pytest.fixture
def flevoland_copy(tmp_path: Path) -> Path:
    """A writable copy of Flevoland's data/ (returned), with the national layer beside it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "national", tmp_path / "national")
    return data


@pytest.fixture(scope="session")
def flevoland() -> Dataset:
    """The shipped Flevoland data, checked once per test session (on FLEVOLAND_TODAY)."""
    return checked(ROOT / "data", today=FLEVOLAND_TODAY)


class _FrozenDate(date):
    """datetime.date whose today() is FLEVOLAND_TODAY."""

    @classmethod
    def today(cls) -> "_FrozenDate":
        return cls(FLEVOLAND_TODAY.year, FLEVOLAND_TODAY.month, FLEVOLAND_TODAY.day)


# REGIOKAART_ENGINE=zensical builds the sites the tests open with Zensical (regiokaart build
# --engine zensical); scripts/test.sh runs the browser tests' main part that way too.
ENGINE = os.environ.get("REGIOKAART_ENGINE") or DEFAULT_ENGINE
if ENGINE not in ENGINES:
    raise pytest.UsageError(f"REGIOKAART_ENGINE={ENGINE}: choose one of {', '.join(ENGINES)}")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The portal built from the shipped data with the real build, once per test session (browser
    tests and tests/test_flevoland_facts.py share it). Its pages are generated as on
    FLEVOLAND_TODAY (and the feed as built at its midnight), so what depends on the day (stale
    marks, 'made on' dates) is the same in every run; the patch fails loudly should the pages stop taking the day from regiokaart.site.pages.date."""
    from regiokaart.site.build import build_site

    site = tmp_path_factory.mktemp("shipped") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("regiokaart.site.pages.date", _FrozenDate)
        # the feed's build time (site/previous_feed.py build_time): the same day
        midnight = datetime.combine(FLEVOLAND_TODAY, time(), UTC)
        patch.setenv("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))
        build_site(ROOT, site, engine=ENGINE)
    return site


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A writable copy of the small fixture region's data folder, with its national layer beside it
    (tmp_path/national, used instead of the one that ships with regiokaart)."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE / "data", target)
    shutil.copytree(FIXTURE / "national", tmp_path / "national")
    return target


def make_mini_project(project: Path) -> Path:
    """A complete small region: the repository's content with fixture data."""
    project.mkdir(parents=True)
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(FIXTURE / "data", project / "data")
    shutil.copytree(FIXTURE / "national", project / "national")
    return project


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    return make_mini_project(tmp_path / "project")


@pytest.fixture(scope="module")
def mini_project_factory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mini_project(tmp_path_factory.mktemp("mini") / "project")


@pytest.fixture
def shipped_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of what ships with regiokaart (mkdocs.yml and theme/), used instead of it
    for this test; returns the folder holding both."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", shipped / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", shipped / "theme")
    monkeypatch.setattr("regiokaart.resources.BASE_CONFIG", shipped / "mkdocs.yml")
    monkeypatch.setattr("regiokaart.resources.THEME_DIR", shipped / "theme")
    monkeypatch.setattr("regiokaart.resources.PAGE_TEMPLATES", shipped / "theme" / "regiokaart")
    return shipped


def data_file(data: Path, name: str) -> Path:
    """A fixture data file in the region's folder, or else in its national layer beside it."""
    own = data / name
    return own if own.exists() else data.parent / "national" / name


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a fixture file; fails loudly when old is not there, so a test cannot pass vacuously."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def tree_digest(folder: Path) -> str:
    """One hash of every path and file content under folder: equal only for identical trees."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@contextmanager
def fifo_at(path: Path) -> Iterator[None]:
    """A FIFO at path (replacing any file there). Should a reader wait for a writer after all, a
    helper thread opens the writing end and so ends that wait: the test fails instead of hanging."""
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    done = threading.Event()

    def rescue() -> None:
        os.close(os.open(path, os.O_WRONLY))  # waits for a reader
        done.set()

    helper = threading.Thread(target=rescue, daemon=True)
    helper.start()
    try:
        yield
    finally:
        # End the helper's own wait: a reader that does not wait for a writer.
        reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        done.wait()
        os.close(reader)
        helper.join()


def drop_permission_override() -> None:
    """Run as root, the child loses CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
