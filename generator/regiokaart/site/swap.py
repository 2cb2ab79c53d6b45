"""Publishing the built site: site/ is only ever the old or the new complete site.

The new site is built in a staging folder beside site/ (staging_folder), and put in place with one
atomic exchange of the two folders (renameat2 RENAME_EXCHANGE on Linux: swap_in), only when every
step of the build succeeded; so neither a reader nor a crash at any moment finds half a site or
none, and site/ stays a plain folder to open, serve or copy. Where the system cannot exchange, two
renames are used, and the next build first undoes a crash between them. Leftovers of interrupted
builds are removed at the start of the next build (clean_up_earlier_builds). A site that is a
symlink is built where it points: the link stays and its target is replaced
(prepare_site_location).
"""

import contextlib
import ctypes
import errno
import functools
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from regiokaart.output_folder import make_folder
from regiokaart.problems import Problem, Severity, describe_os_error

STAGING_PREFIX = ".staging-"
# tempfile.mkdtemp adds 8 characters; versions before this one left no process id in the name.
STAGING_NAME = re.compile(r"\.staging-(?:(?P<pid>\d+)-)?[a-z0-9_]{8}")
LEGACY_STALE_AFTER = 24 * 60 * 60  # seconds; no build runs this long


class BuildFailed(Exception):
    """The build stopped; problems say why. The site folder was not replaced."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


# ---------------------------------------------------------------------------------------------
# The location of the site


def prepare_site_location(project: Path, site_dir: Path) -> Path:
    """The real folder to build into: site_dir, or where it points when it is a symlink; its parent
    is made when missing. A located problem when the location cannot be used."""
    given = site_dir if site_dir.is_absolute() else Path.cwd() / site_dir
    target = Path(os.path.realpath(given))
    reason = unusable_site_reason(project, given, target)
    if reason is None and not target.parent.is_dir():
        reason = make_folder(target.parent)
    if reason is None and not os.access(target.parent, os.W_OK):
        reason = f"de map {target.parent}/ is alleen-lezen; kies met --site een andere plek"
    if reason is not None:
        raise BuildFailed([site_problem(site_dir, reason)])
    return target


def unusable_site_reason(project: Path, given: Path, target: Path) -> str | None:
    """Why target cannot be the site folder, or None."""
    if target.is_symlink():  # realpath stops where symlinks go round in a circle
        return "is een symbolische koppeling die (via andere) naar zichzelf verwijst"
    if target == project or target in project.parents:
        return "is de projectmap of een map daarboven; het portaal zou die vervangen"
    for name in ("data", "content", "national"):
        source = project / name
        if target == source:
            return f"is {name}/ van het project; het portaal zou die vervangen"
        if source in target.parents:
            return f"ligt in {name}/ van het project; kies een map daarbuiten"
    if target.exists() and not target.is_dir():
        return "is een bestand, geen map; kies met --site een map"
    if target.is_dir() and not os.access(target, os.W_OK):
        return "is alleen-lezen; maak de map schrijfbaar of kies met --site een andere map"
    if given.is_symlink() and not target.parent.is_dir():
        return f"verwijst naar {target}, maar {target.parent}/ bestaat niet"
    return None


def site_problem(site_dir: Path, message: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(str(site_dir), 1, 1, "--site", message, severity=severity)


def write_failure(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in (errno.EBUSY, errno.EXDEV):
        return (
            "de map is een koppelpunt of staat op een andere schijf dan de map erboven; "
            f"kies met --site een gewone map{where}"
        )
    return f"kan niet schrijven: {describe_os_error(error)}{where}"


# ---------------------------------------------------------------------------------------------
# The staging folder and the swap


@contextlib.contextmanager
def staging_folder(target: Path, site_dir: Path) -> Iterator[Path]:
    """A new folder beside target (same file system, so the swap is a rename) for this build,
    named with this process's id; removed afterwards, whatever happens. An OSError in the block is
    a BuildFailed that names site_dir. It is the owner's alone (mkdtemp's 0700) while the build
    works in it; what is swapped in is the site folder inside it, which the engine makes with
    mkdir's modes under the umask, as site/ then has them (tests/test_publish.py)."""
    try:
        staging = Path(
            tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=target.parent)
        )
    except OSError as error:
        reason = describe_os_error(error)
        raise BuildFailed(
            [site_problem(site_dir, f"kan geen tijdelijke map maken in {target.parent}/: {reason}")]
        ) from None
    try:
        yield staging
    except OSError as error:
        raise BuildFailed([site_problem(site_dir, write_failure(error))]) from None
    finally:
        remove_folder(staging)


def swap_in(built: Path, target: Path) -> None:
    """Put built in target's place in one atomic step; the old site takes built's place, in the
    staging folder, and goes with it."""
    if not os.path.lexists(target):
        os.rename(built, target)
    elif not exchange_folders(built, target):
        swap_by_renames(built, target)


def swap_by_renames(built: Path, target: Path) -> None:
    """Where no atomic exchange exists: two renames. A crash between them leaves the old site in
    old_copy(target), which the next build puts back first (restore_interrupted_swap)."""
    old = old_copy(target)
    os.rename(target, old)
    try:
        os.rename(built, target)
    except OSError:
        os.rename(old, target)
        raise
    remove_folder(old)


def old_copy(target: Path) -> Path:
    """Where the two-rename swap of this process parks the old site."""
    return target.with_name(f".{target.name}-old-{os.getpid()}")


_AT_FDCWD = -100
_EXCHANGE = 2  # RENAME_EXCHANGE, Linux 3.15+


def exchange_folders(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; False where the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's renameat2 (2.28+), which Python does not offer; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


def left_behind(site_dir: Path, staging: Path, target: Path) -> list[Problem]:
    """A warning for each folder of this build still there after it (the next build tries again):
    the staging folder, and the old site where the two-rename swap parked it."""
    return not_removed(site_dir, staging, old_copy(target))


# ---------------------------------------------------------------------------------------------
# Leftovers of earlier builds: only folders with our names, and only when their build has ended


def clean_up_earlier_builds(target: Path, site_dir: Path) -> list[Problem]:
    """Before a build: the old site put back where a crash in a swap left none, then the leftovers
    of builds that have ended removed; warnings say what was done or could not be."""
    return restore_interrupted_swap(target, site_dir) + remove_leftovers(target, site_dir)


def restore_interrupted_swap(target: Path, site_dir: Path) -> list[Problem]:
    """Put the old site back when a crash between the two renames of a swap left none."""
    if os.path.lexists(target):
        return []
    copies = stale_folders(target, old_copy_name(target))
    if not copies:
        return []
    newest = copies[-1]
    try:
        newest = max(copies, key=lambda path: path.stat().st_ctime)  # renamed last
        os.rename(newest, target)
    except OSError as error:
        reason = describe_os_error(error)
        return [
            site_problem(site_dir, f"kon {newest} niet terugzetten: {reason}", Severity.WARNING)
        ]
    return [
        site_problem(
            site_dir,
            f"een eerdere build is onderbroken; de vorige versie is teruggezet uit {newest.name}",
            Severity.WARNING,
        )
    ]


def remove_leftovers(target: Path, site_dir: Path) -> list[Problem]:
    """Remove staging folders and old copies of the site that builds which have ended left."""
    stale = stale_folders(target, STAGING_NAME)
    if os.path.lexists(target):  # else an old copy may be all there is of the site
        stale += stale_folders(target, old_copy_name(target))
    for folder in stale:
        remove_folder(folder)
    return not_removed(site_dir, *stale)


def old_copy_name(target: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{target.name}-old-") + r"(?P<pid>\d+)")


def stale_folders(target: Path, name: re.Pattern[str]) -> list[Path]:
    """Real folders (no symlinks) beside target, called name, whose build has ended."""
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    return sorted(
        Path(entry.path)
        for entry in entries
        if (match := name.fullmatch(entry.name))
        and entry.is_dir(follow_symlinks=False)
        and build_has_ended(entry, match["pid"])
    )


def build_has_ended(entry: os.DirEntry[str], pid: str | None) -> bool:
    """By the process id in the name; a name without one (older versions) by its age."""
    if pid is not None and os.name == "posix":
        return not process_is_running(int(pid))
    try:
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    return age > LEGACY_STALE_AFTER


def process_is_running(pid: int) -> bool:
    """Whether a process with this id exists; signal 0 only asks, it sends nothing."""
    if not 0 < pid < 2**31:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as someone else
        return True
    return True


def remove_folder(folder: Path) -> None:
    """Remove a folder of ours with everything in it, read-only subfolders too; never follows a
    symlink. What cannot be removed stays, for the caller to report."""
    shutil.rmtree(folder, ignore_errors=True)
    if os.path.isdir(folder) and not os.path.islink(folder):
        make_writable(folder)
        shutil.rmtree(folder, ignore_errors=True)


def make_writable(folder: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(folder, stat.S_IRWXU)
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                make_writable(Path(entry.path))


def not_removed(site_dir: Path, *folders: Path) -> list[Problem]:
    """A warning for each folder that is still there (the next build tries again)."""
    return [
        site_problem(
            site_dir,
            f"kon {folder} niet verwijderen; de volgende build probeert het opnieuw",
            Severity.WARNING,
        )
        for folder in folders
        if os.path.lexists(folder)
    ]
