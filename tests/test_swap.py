"""The swap of regiokaart build: site/ is only ever the old or the new complete site.

A staged site that lost files is not swapped in; a kill at any point (also between renames) leaves
the old or the new site; leftovers of interrupted builds are removed at the next start (only ours);
a site that is a symlink is built where it points; unusable locations give a Dutch message.
The kills are made at named points by tests/crash_build.py, never by timing.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import regiokaart.site.build
from regiokaart.cli import main
from regiokaart.site.search import REQUIRED_FILES
from tests.conftest import (
    ROOT,
    drop_permission_override,
    make_mini_project,
    replace_in,
    tree_digest,
)

OLD_NAME = "name: Steungroep voor plegers"
NEW_NAME = "name: Lotgenotengroep voor plegers"
MARKED_PAGE = "aanbod/steungroep/index.html"
KILLED = -signal.SIGKILL


PAGEFIND_HASH = re.compile(r"_[0-9a-f]{7,}\.")


def file_sizes(folder: Path) -> dict[str, int | str]:
    """Each file's size; Pagefind's hash-named index files by name pattern and number only, since
    Pagefind writes its filter index in a different order (so other names and sizes) every build;
    the feed by the version of the data it describes (its change log depends on the builds before)."""
    sizes: dict[str, int | str] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            name = str(path.relative_to(folder))
            in_index = name.split("/")[0] in REQUIRED_FILES
            if in_index and (hashed := PAGEFIND_HASH.sub("_#.", name)) != name:
                sizes[hashed] = int(sizes.get(hashed, 0)) + 1
            elif name == "feed.json":
                sizes[name] = json.loads(path.read_text(encoding="utf-8"))["data_version"]
            else:
                sizes[name] = path.stat().st_size
    return sizes


def leftovers(*folders: Path) -> list[str]:
    return sorted(path.name for folder in folders for path in folder.glob(".*"))


def build(project: Path, site: Path | str | None = None) -> int:
    """`regiokaart build` in this process; returns the exit code."""
    target = str(site if site is not None else project / "site")
    return main(["build", "--project", str(project), "--site", target])


def use_new_data(project: Path) -> None:
    replace_in(project / "data" / "offers.yaml", OLD_NAME, NEW_NAME)


def break_data(project: Path) -> None:
    replace_in(
        project / "data" / "offers.yaml", "effectiveness: Goed onderbouwd", "effectiveness: Goed"
    )


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@dataclass
class Versions:
    project: Path  # a project whose site/ holds the old site
    old_digest: str
    new_files: dict[str, int | str]  # every file of the new site with its size (file_sizes)

    def project_copy(self, target: Path) -> Path:
        """A copy of the project with the old site built and the new data in place."""
        shutil.copytree(self.project, target, symlinks=True)
        use_new_data(target)
        return target

    def state(self, site: Path) -> str:
        """'old', 'new', or what is wrong with site."""
        if not site.is_dir():
            return "no site"
        if tree_digest(site) == self.old_digest:
            return "old"
        sizes = file_sizes(site)
        marked = site / MARKED_PAGE
        if (
            sizes == self.new_files
            and marked.is_file()
            and "Lotgenotengroep" in marked.read_text(encoding="utf-8")
        ):
            return "new"
        differ = sorted(set(sizes.items()) ^ set(self.new_files.items()))
        return f"incomplete or mixed site (differs: {differ[:6]})"


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    base = tmp_path_factory.mktemp("versions")
    project = make_mini_project(base / "project")
    assert build(project) == 0
    reference = base / "reference"
    shutil.copytree(project, reference, ignore=shutil.ignore_patterns("site"))
    use_new_data(reference)
    assert build(reference) == 0
    return Versions(project, tree_digest(project / "site"), file_sizes(reference / "site"))


@pytest.fixture
def project(versions: Versions, tmp_path: Path) -> Path:
    return versions.project_copy(tmp_path / "project")


def crash(project: Path, point: str, *options: str) -> subprocess.CompletedProcess[str]:
    """Build project in a subprocess that kills itself at point (see tests/crash_build.py)."""
    command = [sys.executable, "-m", "tests.crash_build", point, str(project)]
    command += [str(project / "site"), *options]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


# ---------------------------------------------------------------------------------------------
# Verification before the swap


def remove_path(relative: str) -> Callable[[Path], None]:
    def remove(built: Path) -> None:
        target = built / relative
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()

    return remove


@pytest.mark.parametrize(
    ("damage", "reported"),
    [
        (remove_path("assets"), "site/assets/css/region.css"),
        (remove_path("aanbod/steungroep/index.html"), "site/aanbod/steungroep/index.html"),
        (remove_path("over"), "site/over/index.html"),
        (remove_path("index.html"), "site/index.html"),
        (remove_path("sociale-kaart/aanbod.json"), "site/sociale-kaart/aanbod.json"),
        (remove_path("pagefind/pagefind.js"), "site/pagefind/pagefind.js"),
    ],
    ids=["assets", "generated-page", "content-page", "home", "data-file", "search-index"],
)
def test_a_staged_site_that_lost_files_is_not_swapped_in(
    versions: Versions,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[Path], None],
    reported: str,
) -> None:
    """As when the staging folder is (partly) removed by someone else during the build."""
    verify = regiokaart.site.build.verify_staged_site

    def damage_then_verify(built: Path, *args: object) -> None:
        damage(built)
        verify(built, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(regiokaart.site.build, "verify_staged_site", damage_then_verify)
    assert build(project) == 1
    err = capsys.readouterr().err
    assert "ontbreekt na het bouwen" in err
    assert f"{project / reported}:1:1:" in err
    assert versions.state(project / "site") == "old"
    assert leftovers(project) == []


def test_a_complete_build_counts_its_pages(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(project) == 0
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    assert f"({pages} pagina's)" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------
# Kills at named points


@pytest.mark.parametrize(
    "point",
    [
        "after:stage_docs",
        "after:render_site",
        "after:render_and_index",  # MkDocs and the search index
        "after:verify_staged_site",
    ],
)
def test_a_kill_before_the_swap_keeps_the_old_site_and_the_next_build_cleans_up(
    versions: Versions, project: Path, point: str
) -> None:
    result = crash(project, point)
    assert result.returncode == KILLED, result.stderr[-3000:]
    assert versions.state(project / "site") == "old"
    assert build(project) == 0
    assert versions.state(project / "site") == "new"
    assert leftovers(project) == []


@pytest.mark.parametrize("options", [[], ["--no-exchange"]], ids=["exchange", "two-renames"])
def test_a_kill_after_any_rename_of_the_swap_leaves_the_old_or_the_new_site(
    versions: Versions, tmp_path: Path, options: list[str]
) -> None:
    """Kill after the 1st, 2nd, … rename beside site/ until the build gets through unkilled.

    With an atomic exchange site/ is always the old or the new site. Without one (two renames), a
    kill between them leaves the old site beside site/, and the next build, even one that fails on
    the data, puts it back before anything else.
    """
    killed = 0
    for count in range(1, 10):
        project = versions.project_copy(tmp_path / f"project-{count}")
        result = crash(project, f"rename:{count}", *options)
        if result.returncode == 0:
            break
        assert result.returncode == KILLED, result.stderr[-3000:]
        killed += 1
        state = versions.state(project / "site")
        if state == "no site" and options:
            offers = project / "data" / "offers.yaml"
            good = offers.read_text(encoding="utf-8")
            break_data(project)
            assert build(project) == 1
            state = versions.state(project / "site")
            assert state == "old", f"not restored after a kill at rename {count}"
            offers.write_text(good, encoding="utf-8")
        assert state in ("old", "new"), f"kill at rename {count}: {state}"
        assert build(project) == 0
        assert versions.state(project / "site") == "new"
        assert leftovers(project) == [], f"after a kill at rename {count}"
    else:
        pytest.fail("the build was killed at every one of 9 renames")
    assert killed >= 1


@pytest.mark.parametrize("count", [1, 25])
def test_a_kill_while_the_old_site_is_removed_leaves_the_new_site(
    versions: Versions, project: Path, count: int
) -> None:
    result = crash(project, f"unlink:{count}")
    assert result.returncode == KILLED, result.stderr[-3000:]
    assert versions.state(project / "site") == "new"
    assert leftovers(project) != [], "the old site was being removed beside site/"
    assert build(project) == 0
    assert versions.state(project / "site") == "new"
    assert leftovers(project) == []


# ---------------------------------------------------------------------------------------------
# Leftovers of earlier runs


def make_folder(path: Path, *files: str) -> Path:
    path.mkdir(parents=True)
    for name in files:
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text("x", encoding="utf-8")
    return path


def age(path: Path, days: float) -> None:
    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_stale_leftovers_of_earlier_runs_are_removed_at_start(project: Path) -> None:
    gone = dead_pid()
    make_folder(project / f".staging-{gone}-abcd_123", "docs/index.md", "site/index.html")
    make_folder(project / f".site-old-{gone}", "index.html", "assets/js/main.js")
    legacy = make_folder(project / ".staging-k3j4h5g6", "docs/index.md")
    age(legacy, 2)
    assert build(project) == 0
    assert leftovers(project) == []


def test_leftovers_of_running_builds_and_other_folders_are_kept(
    project: Path, tmp_path: Path
) -> None:
    running = os.getppid()
    gone = dead_pid()
    elsewhere = make_folder(tmp_path / "elsewhere", "keep.txt")
    kept = [
        make_folder(project / f".staging-{running}-abcd1234", "docs/index.md"),
        make_folder(project / f".site-old-{running}", "index.html"),
        make_folder(project / ".staging-recent12", "docs/index.md"),  # an older version's, recent
        make_folder(project / ".staging", "notes.txt"),
        make_folder(project / ".staging-notes", "notes.txt"),
        make_folder(project / f".staging-{gone}-toolong123", "notes.txt"),
        make_folder(project / f".site-old-{gone}x", "notes.txt"),
        make_folder(project / f".other-old-{gone}", "notes.txt"),
        make_folder(project / f"staging-{gone}-abcd1234", "notes.txt"),
    ]
    link = project / f".staging-{gone}-abcd5678"
    link.symlink_to(elsewhere)
    plain_file = project / f".site-old-{gone}"
    plain_file.write_text("mine", encoding="utf-8")
    assert build(project) == 0
    assert all(folder.is_dir() and any(folder.iterdir()) for folder in kept)
    assert link.is_symlink() and (elsewhere / "keep.txt").read_text(encoding="utf-8") == "x"
    assert plain_file.read_text(encoding="utf-8") == "mine"


def test_an_interrupted_swap_of_an_earlier_run_is_undone_at_the_next_start(
    versions: Versions, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The state a kill between the two renames of older versions left: no site/, only the old."""
    (project / "site").rename(project / f".site-old-{dead_pid()}")
    break_data(project)
    assert build(project) == 1
    assert versions.state(project / "site") == "old"
    assert "teruggezet" in capsys.readouterr().err
    assert leftovers(project) == []


# ---------------------------------------------------------------------------------------------
# A site that is a symlink


def test_a_site_that_is_a_symlink_is_built_where_it_points(
    versions: Versions, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    served = tmp_path / "www"
    served.mkdir()
    (project / "site").rename(served / "portaal")
    (project / "site").symlink_to(Path("..") / "www" / "portaal")
    assert build(project) == 0
    assert os.readlink(project / "site") == str(Path("..") / "www" / "portaal")
    assert versions.state(served / "portaal") == "new"
    assert leftovers(project, served) == []
    assert str(served / "portaal") in capsys.readouterr().out


def test_a_site_symlink_to_a_new_folder_is_built_there(versions: Versions, project: Path) -> None:
    shutil.rmtree(project / "site")
    (project / "www").mkdir()
    (project / "site").symlink_to(project / "www" / "portaal")
    assert build(project) == 0
    assert (project / "site").is_symlink()
    assert versions.state(project / "www" / "portaal") == "new"


# ---------------------------------------------------------------------------------------------
# Locations that cannot be used


def missing_parent_behind_symlink(project: Path) -> str:
    shutil.rmtree(project / "site")
    (project / "site").symlink_to(project / "ontbreekt" / "portaal")
    return str(project / "site")


def symlink_loop(project: Path) -> str:
    shutil.rmtree(project / "site")
    (project / "site").symlink_to(project / "site")
    return str(project / "site")


def file_in_path(project: Path) -> str:
    (project / "notities.txt").write_text("mijn notities", encoding="utf-8")
    return str(project / "notities.txt" / "site")


def site_is_a_file(project: Path) -> str:
    (project / "portaal.html").write_text("mijn bestand", encoding="utf-8")
    return str(project / "portaal.html")


@pytest.mark.parametrize(
    ("make_site", "message"),
    [
        (file_in_path, "notities.txt is een bestand"),
        (site_is_a_file, "is een bestand, geen map"),
        (missing_parent_behind_symlink, "ontbreekt/ bestaat niet"),
        (symlink_loop, "symbolische koppeling"),
        (lambda p: str(p), "zou die vervangen"),
        (lambda p: str(p.parent), "zou die vervangen"),
        (lambda p: str(p / "content"), "zou die vervangen"),
        (lambda p: str(p / "data"), "zou die vervangen"),
    ],
    ids=[
        "file-in-path",
        "site-is-a-file",
        "symlink-into-missing-folder",
        "symlink-loop",
        "project",
        "above-project",
        "content",
        "data",
    ],
)
def test_an_unusable_site_location_gives_a_dutch_message(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    make_site: Callable[[Path], str],
    message: str,
) -> None:
    site = make_site(project)
    sources = tree_digest(project / "data") + tree_digest(project / "content")
    assert build(project, site) == 1
    err = capsys.readouterr().err
    assert f"{site}:1:1: --site: " in err
    assert message in err
    assert "Traceback" not in err
    assert tree_digest(project / "data") + tree_digest(project / "content") == sources
    assert not list(project.parent.glob(".staging-*")) and not list(project.glob(".staging-*"))


# ---------------------------------------------------------------------------------------------
# Read-only locations: a build without the power of root to ignore permissions


def build_without_override(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    options: dict[str, Any] = {}
    if os.geteuid() == 0:
        options["preexec_fn"] = drop_permission_override
    command = [sys.executable, "-m", "regiokaart.cli", "build", "--project", str(project)]
    return subprocess.run(
        [*command, "--site", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        **options,
    )


def make_writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)


@pytest.fixture
def permission_check(tmp_path: Path) -> Iterator[Path]:
    """tmp_path, made writable again afterwards; skipped where permissions cannot be dropped."""
    if os.geteuid() == 0 and not sys.platform.startswith("linux"):
        pytest.skip("dropping root's permission override is only done on Linux here")
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o555)
    result = subprocess.run(
        [sys.executable, "-c", f"open({str(probe / 'x')!r}, 'w')"],
        capture_output=True,
        preexec_fn=drop_permission_override if os.geteuid() == 0 else None,
    )
    if result.returncode == 0:
        pytest.skip("this system lets the build write in a read-only folder")
    try:
        yield tmp_path
    finally:
        make_writable(tmp_path)


@pytest.fixture
def built_outside(versions: Versions, permission_check: Path) -> tuple[Path, Path]:
    """A project and, in its own folder out/, its old site/ (so out/ can be made read-only)."""
    project = versions.project_copy(permission_check / "project")
    out = permission_check / "out"
    out.mkdir()
    (project / "site").rename(out / "site")
    return project, out


def test_a_read_only_parent_folder_gives_a_dutch_message(
    versions: Versions, built_outside: tuple[Path, Path]
) -> None:
    project, out = built_outside
    out.chmod(0o555)
    result = build_without_override(project, out / "site")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{out / 'site'}:1:1: --site: " in result.stderr
    assert "alleen-lezen" in result.stderr
    assert versions.state(out / "site") == "old"
    assert leftovers(out) == []


def test_a_new_site_in_a_read_only_folder_gives_a_dutch_message(
    built_outside: tuple[Path, Path],
) -> None:
    project, out = built_outside
    shutil.rmtree(out / "site")
    out.chmod(0o555)
    result = build_without_override(project, out / "nieuw" / "site")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "alleen-lezen" in result.stderr or "geen toestemming" in result.stderr
    assert list(out.iterdir()) == []


def test_a_read_only_site_folder_is_left_alone_with_a_dutch_message(
    versions: Versions, built_outside: tuple[Path, Path]
) -> None:
    project, out = built_outside
    (out / "site").chmod(0o555)
    result = build_without_override(project, out / "site")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "alleen-lezen" in result.stderr
    assert versions.state(out / "site") == "old"
    assert leftovers(out) == []


def test_a_read_only_folder_inside_the_old_site_is_removed_with_it(
    versions: Versions, built_outside: tuple[Path, Path]
) -> None:
    project, out = built_outside
    (out / "site" / "assets" / "js").chmod(0o555)
    result = build_without_override(project, out / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert versions.state(out / "site") == "new"
    assert leftovers(out) == []
