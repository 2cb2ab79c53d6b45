"""Writing a file so that a reader never sees half of it and a planted symlink is never followed.

The temporary file is created exclusively (O_CREAT | O_EXCL, by `tempfile.mkstemp`) under a new
random name in the target's own folder, so a symlink placed there in advance is never written
through; `os.replace` then swaps the finished file in, replacing a symlink at the final name
itself rather than its target.
"""

import contextlib
import os
import tempfile
from pathlib import Path

DEFAULT_MODE = 0o644  # mkstemp makes files only the owner can read; a report is meant to be shared


def write_atomically(path: Path, content: str | bytes, mode: int = DEFAULT_MODE) -> None:
    """Write content (text as UTF-8) to path via a temporary file in the same folder; raises OSError."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


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
