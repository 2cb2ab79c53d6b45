"""Problems found in the data: values, never exceptions, so all of them can be shown at once."""

import difflib
import errno
import re
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
    # Where in a spreadsheet, as its user looks for it ("blad Aanbod, rij 14, kolom Effectiviteit");
    # when given, it replaces line and column in the message.
    place: str = ""

    def format(self) -> str:
        """One line in the form file:line:column: field: message (bedoelde u …?).

        Control, direction and zero-width characters from the input (a key with a line break, a
        right-to-left override in a name) are shown as \\uXXXX, so a message stays one readable line.
        """
        prefix = "waarschuwing: " if self.severity is Severity.WARNING else ""
        hint = f" ({visible(self.hint)})" if self.hint else ""
        field = f"{visible(self.field)}: " if self.field else ""
        if self.place:
            where = f"{visible(self.file)}, {visible(self.place)}"
            return f"{where}: {field}{prefix}{visible(self.message)}{hint}"
        return (
            f"{visible(self.file)}:{self.line}:{self.column}: "
            f"{field}{prefix}{visible(self.message)}{hint}"
        )


_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


def visible(text: str) -> str:
    """text with control, direction and zero-width characters written as \\uXXXX."""
    return _INVISIBLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


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
    "EIO": "leesfout van de schijf of het netwerk (I/O-fout)",
    "ESTALE": "de netwerkmap is niet meer bereikbaar",
    "ETIMEDOUT": "de verbinding duurde te lang",
    "EMFILE": "te veel bestanden tegelijk open",
    "ENFILE": "te veel bestanden tegelijk open",
    "ENXIO": "het apparaat is er niet",
    "ENODEV": "het apparaat is er niet",
}


def describe_os_error(error: OSError) -> str:
    """Why a file could not be read or written, in Dutch (with the system's own words for a rare
    error: "systeemfout EXDEV (Invalid cross-device link)")."""
    name = errno.errorcode.get(error.errno or 0, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    own_words = error.strerror or str(error)
    return f"systeemfout {name} ({own_words})" if name else f"systeemfout ({own_words})"
