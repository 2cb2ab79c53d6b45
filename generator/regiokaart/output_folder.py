"""Writing an export into a folder of its own, never over files a user made there.

The folder must be new, empty, or an earlier export of the same kind: each export leaves a marker
file, and only a folder with that marker is written into again (as the self-scan report does).
"""

import stat
from collections.abc import Mapping
from pathlib import Path

from regiokaart.problems import Problem, describe_os_error
from regiokaart.safe_write import write_atomically


def write_export_folder(
    out: Path, files: Mapping[str, str], marker: str, what: str
) -> list[Problem]:
    """Write files (paths inside out, with / between folders) into out; what names the export in
    messages ("HSDS-export")."""
    problem = prepare_folder(out, marker, what)
    if problem:
        return [problem]
    try:
        write_atomically(out / marker, f"Gemaakt door regiokaart: {what}.\n")
        for name, text in files.items():
            path = out.joinpath(*name.split("/"))
            _make_subfolder(out, path.parent)
            write_atomically(path, text)
    except OSError as error:
        return [_problem(out, f"kan niet schrijven in {out}/: {describe_os_error(error)}")]
    return []


def _make_subfolder(out: Path, folder: Path) -> None:
    """Make a folder of the export; a symlink there is not followed (OSError instead)."""
    current = out
    for part in folder.relative_to(out).parts:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            raise NotADirectoryError(f"{current} is geen gewone map")
        current.mkdir(exist_ok=True)


def prepare_folder(out: Path, marker: str, what: str) -> Problem | None:
    """Make out, or check that it is ours to write in; a problem says why not."""
    try:
        if out.is_symlink():
            return _problem(out, "is een symbolische koppeling; geef een gewone map op")
        if out.exists() and not out.is_dir():
            return _problem(out, "is een bestand, geen map; kies een nieuwe of lege map")
        if out.is_dir():
            if any(out.iterdir()) and not _is_marker(out / marker):
                return _problem(
                    out, f"map bestaat al en is geen eerdere {what}; kies een nieuwe of lege map"
                )
            return None
        out.mkdir(parents=True)
    except OSError as error:
        return _problem(out, f"kan de map niet maken of lezen: {describe_os_error(error)}")
    return None


def _is_marker(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def _problem(out: Path, message: str) -> Problem:
    return Problem(str(out), 1, 1, "MAP", message)
