"""Writing a file so that a reader never sees half of it and a planted symlink is never followed.

The temporary file is created exclusively (O_CREAT | O_EXCL) under a new random name in the
target's own folder, so a symlink placed there in advance is never written through; `os.replace`
then swaps the finished file in, replacing a symlink at the final name itself rather than its
target.

Files and folders get the modes `open` and `mkdir` give by default (0666 and 0777 less the umask),
not the owner-only modes of `tempfile.mkstemp` and `mkdtemp`: what regiokaart writes (a site, an
export, a region folder) is meant to be read by a web server or a colleague where the umask allows
it, and stays private where the umask says so.
"""

import contextlib
import os
import secrets
from pathlib import Path

FILE_MODE = 0o666  # as open() creates a file; the umask takes away what the user wants kept
FOLDER_MODE = 0o777  # as mkdir creates a folder
ATTEMPTS = 100  # new random names to try before giving up (tempfile tries as many)


def write_atomically(path: Path, content: str | bytes, mode: int | None = None) -> None:
    """Write content (text as UTF-8) to path via a temporary file in the same folder; raises OSError.
    The file gets mode, or by default the mode open() gives a new file under the umask."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    descriptor, temporary = _new_file(path.parent, f".{path.name}.", ".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def make_new_folder(parent: Path, prefix: str) -> Path:
    """A new folder in parent named prefix + 8 random characters, made exclusively like
    tempfile.mkdtemp but with the mode mkdir gives under the umask; raises OSError."""
    for _ in range(ATTEMPTS):
        folder = parent / f"{prefix}{_random_part()}"
        try:
            folder.mkdir(FOLDER_MODE)
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(f"geen vrije naam voor een nieuwe map in {parent}")


def _new_file(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new, empty file opened for writing (descriptor, path), made exclusively under a random
    name, so a symlink planted there is never followed; the mode is open()'s under the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(ATTEMPTS):
        path = os.path.join(folder, f"{prefix}{_random_part()}{suffix}")
        try:
            return os.open(path, flags, FILE_MODE), path
        except FileExistsError:
            continue
    raise FileExistsError(f"geen vrije naam voor een tijdelijk bestand in {folder}")


def _random_part() -> str:
    """8 characters as tempfile uses them (lower-case letters, digits, underscore)."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def _sync_folder(folder: Path) -> None:
    """Make the rename durable where the system allows it (not on Windows); best effort."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | flags)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
