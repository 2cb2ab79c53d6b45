"""Problems found in the data: values, never exceptions, so all of them can be shown at once."""

import difflib
import errno
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """One line in the form file:line:column: field: message (bedoelde u …?)."""
        prefix = "waarschuwing: " if self.severity is Severity.WARNING else ""
        hint = f" ({self.hint})" if self.hint else ""
        field = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}:{self.column}: {field}{prefix}{self.message}{hint}"


def close_match(word: object, candidates: Iterable[str]) -> str | None:
    """A 'bedoelde u …?' hint for the candidate closest to word, if any is close."""
    if not isinstance(word, str) or not word:
        return None
    options = list(candidates)
    lowered = {c.lower(): c for c in options}
    matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    if not matches:
        return None
    return f"bedoelde u '{lowered[matches[0]]}'?"


def format_path(path: tuple[str | int, ...]) -> str:
    """offers[3].effectiveness from ('offers', 3, 'effectiveness')."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


_OS_REASONS = {
    "EACCES": "geen toestemming",
    "EPERM": "geen toestemming",
    "ENOSPC": "de schijf is vol",
    "EROFS": "alleen lezen",
    "EISDIR": "is een map",
    "ENOTDIR": "een deel van het pad is geen map",
    "ELOOP": "te veel symbolische koppelingen",
    "ENAMETOOLONG": "naam te lang",
    "ENOENT": "bestaat niet",
}


def describe_os_error(error: OSError) -> str:
    """Why a file could not be read or written, in Dutch (the English strerror as a fallback)."""
    name = errno.errorcode.get(error.errno or 0, "")
    return _OS_REASONS.get(name, error.strerror or str(error))
