"""Where a region's folders are: data/ (its own data), content/ (its hand-written pages), site/
(the built portal) and, when it keeps one, national/ (see load.national_layer_for); and why one of
them cannot be read."""

import errno
import os
import stat
from pathlib import Path

from regiokaart.problems import Problem, describe_os_error

HOW_TO_START = 'maak een regio met: regiokaart new MAP --regio NAAM --gemeenten "A,B,C"'
# What the user running regiokaart needs on a folder it reads: list it (r) and open what is in it (x).
FOLDER_RIGHTS_HINT = (
    "de gebruiker die regiokaart start moet de map kunnen lezen en openen: rechten r en x"
)


def find_region(folder: Path) -> tuple[Path | None, list[Problem]]:
    """The region folder that folder is or is inside of (its data/ folder also counts). A folder
    with anything called data is taken as a region; what is wrong with its data/ is for reading
    it to say (folder_problem), together with what else cannot be read."""
    try:
        os.lstat(folder / "data")
        return folder, []
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as error:  # folder itself cannot be opened
        return None, [folder_error(folder, error)]
    if folder.resolve().name == "data" and present(folder / "region.yaml"):
        return folder.resolve().parent, []
    message = "geen regiomap: data/region.yaml ontbreekt"
    hint = f"ga naar de map van uw regio of noem die map, of {HOW_TO_START}"
    return None, [Problem(str(folder), 1, 1, "", message, hint)]


def present(path: Path) -> bool:
    """Something has path's name (a file, a folder, a link, also one to nothing), or it cannot be
    told because a folder on the way cannot be opened; reading it then says what is wrong."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def folder_problem(folder: Path, display: str) -> Problem | None:
    """Why folder cannot be read as a folder of files (listed, and its files opened), or None."""
    try:
        mode = os.stat(folder).st_mode
    except OSError as error:
        return _missing_folder(folder, display, error)
    if not stat.S_ISDIR(mode):
        kind = "een bestand" if stat.S_ISREG(mode) else "geen gewoon bestand"
        return Problem(display, 1, 1, "", f"is {kind}, geen map")
    try:
        os.listdir(folder)
        # Looking a name up inside a folder needs its x right, which listing it does not.
        os.stat(os.path.join(folder, os.curdir))
    except OSError as error:
        return folder_error(folder, error, display)
    return None


def _missing_folder(folder: Path, display: str, error: OSError) -> Problem:
    if isinstance(error, FileNotFoundError) and os.path.islink(folder):
        try:
            target = os.readlink(folder)
        except OSError:
            target = "?"
        message = f"is een symbolische koppeling naar '{target}', maar die map bestaat niet"
        return Problem(display, 1, 1, "", message)
    if isinstance(error, FileNotFoundError):
        return Problem(display, 1, 1, "", "map ontbreekt")
    if error.errno == errno.ELOOP:
        message = "is een symbolische koppeling die in een kring naar zichzelf wijst"
        return Problem(display, 1, 1, "", message)
    return folder_error(folder, error, display)


def folder_error(folder: Path, error: OSError, display: str | None = None) -> Problem:
    """The problem of a folder that could not be listed or opened (error)."""
    reason = describe_os_error(error)
    hint = FOLDER_RIGHTS_HINT if error.errno in (errno.EACCES, errno.EPERM) else None
    message = f"map kan niet gelezen worden: {reason}"
    return Problem(display if display is not None else str(folder), 1, 1, "", message, hint)
