"""A project the system will not let regiokaart read: every OS error is a located Dutch message and
exit 1, never a traceback, for every command that reads a project.

root reads everything, so the commands run as another user (nobody, through setpriv or runuser) on
a copy of the small fixture region that belongs to that user, in a folder it can open; only the
part under attack is kept from it. Where nobody cannot reach this checkout's Python packages (a
clone inside a folder only root may open, as a fresh clone in a mktemp folder is), the commands
run as root without the permission override instead (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and
CAP_FOWNER dropped): the file permissions then apply to root as to any user. An I/O error cannot be made on demand, so those tests make the
system call fail inside the process instead.
"""

import errno
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from regiokaart.cli import main
from regiokaart.formats.workbook.write import export_workbook
from regiokaart.site.pages.module import render_module_yaml
from tests.conftest import FIXTURE, checked, drop_permission_override, make_mini_project

FOLDER_RIGHTS = (
    "(de gebruiker die regiokaart start moet de map kunnen lezen en openen: rechten r en x)"
)
FILE_RIGHTS = "(de gebruiker die regiokaart start moet het bestand kunnen lezen: recht r)"
NO_FOLDER_RIGHTS = f"map kan niet gelezen worden: geen toestemming {FOLDER_RIGHTS}"
NO_FILE_RIGHTS = f"bestand kan niet gelezen worden: geen toestemming {FILE_RIGHTS}"
# Far more than any of these commands needs; only there so that a serve that does not stop at a
# failed first build cannot hang the tests.
GIVE_UP_AFTER = 300


# --- another user -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OtherUser:
    uid: int
    gid: int
    prefix: tuple[str, ...]  # what runs a command as this user
    drop_override: bool = False  # root, with the file permissions applying to it


ROOT_WITHOUT_OVERRIDE = OtherUser(0, 0, (), drop_override=True)


def _other_user() -> OtherUser | str:
    """nobody, or why the commands cannot run as another user."""
    if os.geteuid() != 0:
        return OtherUser(os.geteuid(), os.getegid(), ())  # permissions already apply
    try:
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
    except KeyError:
        uid = gid = 65534
    if shutil.which("setpriv"):
        return OtherUser(
            uid, gid, ("setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups")
        )
    if shutil.which("runuser") and uid == 65534:
        return OtherUser(uid, gid, ("runuser", "-u", "nobody", "--"))
    return "neither setpriv nor runuser to run a command as another user than root"


@pytest.fixture(scope="module")
def other_user() -> OtherUser:
    """nobody, once it is known that it runs regiokaart and reads a whole project: the attacks
    below then fail for what they take away, not for how the project is set up."""
    user = _other_user()
    if isinstance(user, str):
        pytest.skip(user)
    if not _runs_regiokaart(user):
        user = ROOT_WITHOUT_OVERRIDE
        if not sys.platform.startswith("linux") or not _runs_regiokaart(user):
            pytest.skip(
                f"{sys.executable} runs neither as another user nor without root's override"
            )
    folder = _open_folder()
    try:
        (folder / "geheim").write_text("x")
        (folder / "geheim").chmod(0)
        _give(folder, user)
        read = subprocess.run(
            [*user.prefix, sys.executable, "-c", f"open({str(folder / 'geheim')!r}).read()"],
            capture_output=True,
            check=False,
            preexec_fn=drop_permission_override if user.drop_override else None,
        )
        assert read.returncode != 0, "the permissions apply"
        (folder / "geheim").unlink()
        make_mini_project(folder / "project")
        (folder / "thuis").mkdir()
        _give(folder, user)
        code, output = run_as(user, folder, ["check", "project"])
    finally:
        _remove(folder)
    assert code == 0, output
    assert "Gegevens in orde." in output
    return user


def _runs_regiokaart(user: OtherUser) -> bool:
    probe = subprocess.run(
        [*user.prefix, sys.executable, "-c", "import regiokaart.cli"],
        capture_output=True,
        check=False,
        cwd="/",
        preexec_fn=drop_permission_override if user.drop_override else None,
    )
    return probe.returncode == 0


def _open_folder() -> Path:
    """A new folder every user can open (pytest's own temporary folders are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="regiokaart-unreadable-"))
    folder.chmod(0o755)
    return folder


def _remove(folder: Path) -> None:
    """Remove folder, also when a test left part of it without rights (a user other than root)."""
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts)):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def _give(folder: Path, user: OtherUser) -> None:
    if os.geteuid() != 0:
        return
    for path in (folder, *folder.rglob("*")):
        os.lchown(path, user.uid, user.gid)


@pytest.fixture(scope="module")
def inputs(other_user: OtherUser) -> Iterator[Path]:
    """What the commands that take a file read, made from the fixture region while it is whole: a
    workbook for import, a module exchange file for module import, a self-scan export."""
    folder = _open_folder()
    dataset = checked(FIXTURE / "data")
    module = render_module_yaml(dataset.modules["nazorg-na-huisverbod"], dataset, date.today())
    (folder / "module.yaml").write_text(module, encoding="utf-8")
    outcome = export_workbook(FIXTURE / "data", folder / "aanbod.xlsx")
    assert outcome.written, [p.format() for p in outcome.problems]
    # The project is read before any export, so this one is never opened in these tests.
    (folder / "scan.json").write_text('{"format": "regiokaart-zelfscan"}', encoding="utf-8")
    for path in folder.iterdir():
        path.chmod(0o644)
    yield folder
    _remove(folder)


@pytest.fixture
def workplace(other_user: OtherUser) -> Iterator[Path]:
    """A folder holding project/ (the fixture region with content/ and national/) and uit/ (for
    what a command writes), both the other user's; commands run in it."""
    folder = _open_folder()
    make_mini_project(folder / "project")
    for name in ("uit", "thuis"):
        (folder / name).mkdir()
    _give(folder, other_user)
    yield folder
    _remove(folder)


def run_as(user: OtherUser, workplace: Path, argv: list[str]) -> tuple[int, str]:
    """A regiokaart command as user, in workplace; its exit code and all it printed."""
    env = {
        **os.environ,
        "HOME": str(workplace / "thuis"),
        "XDG_CACHE_HOME": str(workplace / "thuis"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(
        [*user.prefix, sys.executable, "-m", "regiokaart.cli", *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=workplace,
        env=env,
        timeout=GIVE_UP_AFTER,
        preexec_fn=drop_permission_override if user.drop_override else None,
    )
    return result.returncode, result.stdout + result.stderr


def commands(inputs: Path) -> dict[str, list[str]]:
    """Every command that reads a project, as run in the workplace."""
    data = ["--data", "project/data"]
    return {
        "check": ["check", "project"],
        "build": ["build", "project"],
        "serve": ["serve", "project", "--port", "0"],
        "export xlsx": ["export", "xlsx", "uit/aanbod.xlsx", *data],
        "export hsds": ["export", "hsds", "uit/hsds", *data],
        "export controle": ["export", "controle", "uit/controle", *data],
        "import": ["import", str(inputs / "aanbod.xlsx"), *data],
        "module import": ["module", "import", str(inputs / "module.yaml"), *data],
        "selfscan-report": [
            *("selfscan-report", str(inputs / "scan.json")),
            *("--out", "uit/rapport", "--project", "project"),
        ],
    }


COMMANDS = (
    "check",
    "build",
    "serve",
    "export xlsx",
    "export hsds",
    "export controle",
    "import",
    "module import",
    "selfscan-report",
)
# The commands that read content/ (the others read only the data).
READ_CONTENT = {"check", "build", "serve", "export hsds", "module import", "selfscan-report"}


def assert_located(code: int, output: str, *expected: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output, output
    for line in expected:
        assert f"\n{line}\n" in f"\n{output}", output


# --- the attacks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attack:
    make: Callable[[Path], None]  # done to project/
    message: str  # the line it gives, the path as seen from the workplace
    in_content: bool = False


def _chmod(relative: str, mode: int) -> Callable[[Path], None]:
    return lambda project: (project / relative).chmod(mode)


def _replace_by_file(relative: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        shutil.rmtree(project / relative)
        (project / relative).write_text("geen map\n", encoding="utf-8")

    return make


def _replace_by_link_to_nothing(relative: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / relative
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        path.symlink_to("weg")

    return make


def _add_folder_without_rights(project: Path) -> None:
    folder = project / "content" / "extra"
    folder.mkdir()
    (folder / "pagina.md").write_text("# Pagina\n", encoding="utf-8")
    folder.chmod(0)


def _add_link_to_nothing(project: Path) -> None:
    (project / "content" / "weg.md").symlink_to("nergens.md")


ATTACKS = {
    "data/ without rights": Attack(_chmod("data", 0), f"project/data:1:1: {NO_FOLDER_RIGHTS}"),
    "data/ listed but not opened": Attack(
        _chmod("data", 0o644), f"project/data:1:1: {NO_FOLDER_RIGHTS}"
    ),
    "data/ opened but not listed": Attack(
        _chmod("data", 0o311), f"project/data:1:1: {NO_FOLDER_RIGHTS}"
    ),
    "national/ without rights": Attack(
        _chmod("national", 0), f"project/national:1:1: {NO_FOLDER_RIGHTS}"
    ),
    "content/ without rights": Attack(
        _chmod("content", 0), f"project/content:1:1: {NO_FOLDER_RIGHTS}", in_content=True
    ),
    "a folder in content/ without rights": Attack(
        _add_folder_without_rights,
        f"project/content/extra:1:1: {NO_FOLDER_RIGHTS}",
        in_content=True,
    ),
    "region.yaml without rights": Attack(
        _chmod("data/region.yaml", 0), f"project/data/region.yaml:1:1: {NO_FILE_RIGHTS}"
    ),
    "offers.yaml without rights": Attack(
        _chmod("data/offers.yaml", 0), f"project/data/offers.yaml:1:1: {NO_FILE_RIGHTS}"
    ),
    "national sources.yaml without rights": Attack(
        _chmod("national/sources.yaml", 0),
        f"project/national/sources.yaml:1:1: {NO_FILE_RIGHTS}",
    ),
    "a page in content/ without rights": Attack(
        _chmod("content/over.md", 0),
        f"project/content/over.md:1:1: {NO_FILE_RIGHTS}",
        in_content=True,
    ),
    "data is a file": Attack(
        _replace_by_file("data"), "project/data:1:1: is een bestand, geen map"
    ),
    "national is a file": Attack(
        _replace_by_file("national"), "project/national:1:1: is een bestand, geen map"
    ),
    "content is a file": Attack(
        _replace_by_file("content"), "project/content:1:1: is een bestand, geen map", True
    ),
    "data/ a link to nothing": Attack(
        _replace_by_link_to_nothing("data"),
        "project/data:1:1: is een symbolische koppeling naar 'weg', maar die map bestaat niet",
    ),
    "national/ a link to nothing": Attack(
        _replace_by_link_to_nothing("national"),
        "project/national:1:1: is een symbolische koppeling naar 'weg', maar die map bestaat niet",
    ),
    "content/ a link to nothing": Attack(
        _replace_by_link_to_nothing("content"),
        "project/content:1:1: is een symbolische koppeling naar 'weg', maar die map bestaat niet",
        in_content=True,
    ),
    "a page in content/ a link to nothing": Attack(
        _add_link_to_nothing,
        "project/content/weg.md:1:1: is een symbolische koppeling naar 'nergens.md', "
        "maar dat bestand bestaat niet",
        in_content=True,
    ),
}


# --- as another user ------------------------------------------------------------------------------


@pytest.mark.parametrize("attack", ATTACKS)
def test_check_locates_what_cannot_be_read(
    other_user: OtherUser, workplace: Path, attack: str
) -> None:
    ATTACKS[attack].make(workplace / "project")
    code, output = run_as(other_user, workplace, ["check", "project"])
    assert_located(code, output, ATTACKS[attack].message)


# data/, national/ and content/ (its folder, or a page) each kept from every command that reads it.
EVERY_COMMAND_ATTACKS = (
    "data/ without rights",
    "national/ without rights",
    "content/ without rights",
    "a page in content/ without rights",
)


# Each command with each of those it reads (export xlsx and import read no content/).
EVERY_COMMAND_CASES = [
    (command, attack)
    for attack in EVERY_COMMAND_ATTACKS
    for command in COMMANDS
    if command in READ_CONTENT or not ATTACKS[attack].in_content
]


@pytest.mark.parametrize(
    ("command", "attack"), EVERY_COMMAND_CASES, ids=[f"{c}: {a}" for c, a in EVERY_COMMAND_CASES]
)
def test_every_command_locates_what_cannot_be_read(
    other_user: OtherUser, inputs: Path, workplace: Path, command: str, attack: str
) -> None:
    ATTACKS[attack].make(workplace / "project")
    code, output = run_as(other_user, workplace, commands(inputs)[command])
    assert_located(code, output, ATTACKS[attack].message)
    assert not list((workplace / "uit").iterdir()), "nothing is written"


@pytest.mark.parametrize("command", ["check", "build", "selfscan-report"])
def test_all_that_cannot_be_read_is_named_in_one_run(
    other_user: OtherUser, inputs: Path, workplace: Path, command: str
) -> None:
    project = workplace / "project"
    for attack in ("national/ without rights", "offers.yaml without rights", "content is a file"):
        ATTACKS[attack].make(project)
    code, output = run_as(other_user, workplace, commands(inputs)[command])
    assert_located(
        code,
        output,
        ATTACKS["national/ without rights"].message,
        ATTACKS["offers.yaml without rights"].message,
        ATTACKS["content is a file"].message,
    )


def test_a_region_folder_that_cannot_be_opened_is_named(
    other_user: OtherUser, inputs: Path, workplace: Path
) -> None:
    (workplace / "project").chmod(0)
    for command in ("check", "build", "serve"):
        code, output = run_as(other_user, workplace, commands(inputs)[command])
        assert_located(code, output, f"project:1:1: {NO_FOLDER_RIGHTS}")


# --- I/O errors, made inside the process --------------------------------------------------------

IO_ERROR = "leesfout van de schijf of het netwerk (I/O-fout)"


@pytest.fixture
def region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_mini_project(tmp_path / "project")


def _fail_for(path: Path, function: Callable[..., object]) -> Callable[..., object]:
    """function, except that it fails with an I/O error for path."""

    def failing(target: object, *args: object, **kwargs: object) -> object:
        if isinstance(target, str | os.PathLike) and Path(target).absolute() == path.absolute():
            raise OSError(errno.EIO, "Input/output error", str(target))
        return function(target, *args, **kwargs)

    return failing


def run_check(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "project"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_an_io_error_listing_a_folder_is_named(
    region: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(os, "listdir", _fail_for(region / "data", os.listdir))
    assert_located(*run_check(capsys), f"project/data:1:1: map kan niet gelezen worden: {IO_ERROR}")


def test_an_io_error_reading_a_data_file_is_named_in_dutch(
    region: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken: set[int] = set()
    real_open, real_read = os.open, os.read

    def opening(path: object, *args: object, **kwargs: object) -> int:
        descriptor = real_open(path, *args, **kwargs)
        if isinstance(path, str | os.PathLike) and Path(path).name == "offers.yaml":
            broken.add(descriptor)
        return descriptor

    def reading(descriptor: int, size: int) -> bytes:
        if descriptor in broken:
            raise OSError(errno.EIO, "Input/output error")
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "read", reading)
    expected = f"project/data/offers.yaml:1:1: bestand kan niet gelezen worden: {IO_ERROR}"
    assert_located(*run_check(capsys), expected)


def test_an_io_error_reading_a_page_is_named_in_dutch(
    region: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = region / "content" / "over.md"
    monkeypatch.setattr(Path, "read_bytes", _fail_for(page, Path.read_bytes))
    expected = f"project/content/over.md:1:1: bestand kan niet gelezen worden: {IO_ERROR}"
    assert_located(*run_check(capsys), expected)
