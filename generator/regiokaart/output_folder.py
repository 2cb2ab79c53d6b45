"""Folders that regiokaart writes, never over files a user made there.

An export (the HSDS export, the self-scan report) writes into a folder that is new, empty, or an
earlier export of the same kind: each export leaves a marker file, and only a folder with that
marker is written into again (ExportKind, prepare_folder). The build's site folder is replaced as a
whole instead (site/swap.py); both make a missing folder with make_folder's rules and messages.
"""

import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from regiokaart.problems import Problem, describe_os_error
from regiokaart.safe_write import write_atomically


@dataclass(frozen=True)
class ExportKind:
    """One kind of export: the marker file it leaves in its folder (with its text), how a message
    names an earlier one ("eerdere HSDS-export") and the option that gave the folder."""

    marker: str
    marker_text: str
    earlier: str
    option: str


def write_export_folder(
    out: Path, files: Mapping[str, str | bytes], kind: ExportKind
) -> list[Problem]:
    """Write files (paths inside out, with / between folders) into out, when out is new, empty or
    an earlier export of this kind; the problems say why not."""
    problem = prepare_folder(out, kind)
    if problem:
        return [problem]
    try:
        write_atomically(out / kind.marker, kind.marker_text)
        for name, text in files.items():
            path = out.joinpath(*name.split("/"))
            _make_subfolder(out, path.parent)
            write_atomically(path, text)
    except OSError as error:
        message = f"kan niet schrijven in {out}/: {describe_os_error(error)}"
        return [_problem(out, kind, message)]
    return []


def _make_subfolder(out: Path, folder: Path) -> None:
    """Make a folder of the export; a symlink there is not followed (OSError instead)."""
    current = out
    for part in folder.relative_to(out).parts:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            raise NotADirectoryError(f"{current} is geen gewone map")
        current.mkdir(exist_ok=True)


def prepare_folder(out: Path, kind: ExportKind) -> Problem | None:
    """Make out, or check that it is ours to write in (new, empty or an earlier export of this
    kind); a problem says why not."""
    try:
        if out.is_symlink():
            return _problem(out, kind, "is een symbolische koppeling; geef een gewone map op")
        if out.exists() and not out.is_dir():
            return _problem(out, kind, "is een bestand, geen map; kies een nieuwe of lege map")
        if out.is_dir():
            if any(out.iterdir()) and not _is_marker(out / kind.marker):
                message = f"map bestaat al en is geen {kind.earlier}; kies een nieuwe of lege map"
                return _problem(out, kind, message)
            return None
        out.mkdir(parents=True)
    except (FileExistsError, NotADirectoryError):
        return _problem(out, kind, _file_in_the_way(out))
    except OSError as error:
        message = f"kan de map niet maken of lezen: {describe_os_error(error)}"
        return _problem(out, kind, message)
    return None


def make_folder(folder: Path) -> str | None:
    """Make folder and the folders above it that are missing; why not, or None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        return _file_in_the_way(folder)
    except OSError as error:
        return f"kan de map {folder}/ niet maken: {describe_os_error(error)}"
    return None


def _file_in_the_way(folder: Path) -> str:
    """Why folder cannot be made: the first part of its path that is a file."""
    parts = [*reversed(folder.parents), folder]
    in_the_way = next((p for p in parts if p.exists() and not p.is_dir()), folder)
    return f"kan de map niet maken: {in_the_way} is een bestand"


def _is_marker(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def _problem(out: Path, kind: ExportKind, message: str) -> Problem:
    return Problem(str(out), 1, 1, kind.option, message)
