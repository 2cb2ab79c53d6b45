"""FEDERATION.yaml: the title of a national overview and the regional portals it gathers.

Each region is the root of a portal: an http(s) address, or a built site folder (a path, relative
to FEDERATION.yaml's folder, or a file:// address). Addresses are normalised once here (a trailing
slash dropped, a path made absolute), so a region is known by one text everywhere after.
"""

import os
import re
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit
from urllib.request import url2pathname

from pydantic import AfterValidator, Field, StringConstraints, TypeAdapter, ValidationError

from regiokaart.dataset.load import validate_document
from regiokaart.models.common import Record, Text, Url
from regiokaart.models.region import Colours
from regiokaart.problems import Problem, format_path
from regiokaart.source.positions import YamlDocument, parse_yaml_bytes, read_regular_file

# Far above any real list of regions (100 of them take some 5 kB), low enough to read at once.
MAX_FEDERATION_BYTES = 1_000_000
MAX_REGIONS = 100
DEFAULT_DEADLINE_SECONDS = 60
MAX_DEADLINE_SECONDS = 600
DEFAULT_MAX_REGION_BYTES = 20_000_000
# A region's feed alone may take 5 MB (models/feed.py MAX_FEED_BYTES); a national overview holds
# every region's data at once, so the cap a file may set is bounded too.
MIN_REGION_BYTES = 1_000_000
MAX_REGION_BYTES = 200_000_000

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]")
_URL: TypeAdapter[str] = TypeAdapter(Url)


def is_web_address(url: str) -> bool:
    """Whether a normalised region address is read over http(s); otherwise it is a folder."""
    return url.startswith(("http://", "https://"))


def normalise_address(value: str) -> str:
    """A region's address as written, normalised: an http(s) address without a trailing slash, a
    file:// address as its (absolute) path, a path without trailing separators. Raises
    ValueError, in Dutch, for anything else."""
    if "\x00" in value:
        raise ValueError("bevat een NUL-teken")
    if not _SCHEME.match(value):
        stripped = value.rstrip("/\\")
        return stripped or value[:1]  # "/" stays the root
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost") or parts.query or parts.fragment:
            raise ValueError("een file://-adres wijst naar een map op deze computer: file:///pad")
        path = url2pathname(parts.path)
        return path.rstrip("/\\") or path[:1]
    if scheme not in ("http", "https"):
        raise ValueError(
            "verwacht een webadres met http:// of https://, een map of een file://-adres"
        )
    try:
        _URL.validate_python(value)
        port = parts.port  # a port that is no number raises
    except (ValidationError, ValueError):
        raise ValueError("geen geldig webadres (verwacht https://…)") from None
    if parts.username is not None or parts.password is not None:
        raise ValueError("een webadres met gebruikersnaam of wachtwoord wordt niet gebruikt")
    if parts.query or parts.fragment:
        raise ValueError("verwacht het adres van het portaal zelf, zonder ? of #")
    host = (parts.hostname or "").lower()
    netloc = f"{host}:{port}" if port not in (None, _DEFAULT_PORTS[scheme]) else host
    return urlunsplit((scheme, netloc, _normal_path(parts.path).rstrip("/"), "", ""))


def _normal_path(path: str) -> str:
    """An address's path as RFC 3986 compares it (section 6.2.2): percent-encoded letters, digits
    and -._~ decoded, other escapes in upper case, then '.' and '..' resolved."""

    def escape(match: re.Match[str]) -> str:
        char = chr(int(match[1], 16))
        return char if _UNRESERVED.fullmatch(char) else f"%{match[1].upper()}"

    segments: list[str] = []
    for segment in _PERCENT.sub(escape, path).split("/")[1:]:
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    return "/" + "/".join(segments) if path else path


RegionAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    AfterValidator(normalise_address),
]


class RegionEntry(Record):
    url: RegionAddress


# The overview's colours when FEDERATION.yaml names none: the Rijkshuisstijl's dark blue, whose
# white text passes WCAG AA, and its violet.
DEFAULT_COLOURS = Colours(primary="#154273", accent="#a90061")


class Federation(Record):
    title: Text
    colours: Colours = DEFAULT_COLOURS
    regions: list[RegionEntry] = Field(min_length=1, max_length=MAX_REGIONS)
    deadline_seconds: Annotated[int, Field(strict=True, ge=1, le=MAX_DEADLINE_SECONDS)] = (
        DEFAULT_DEADLINE_SECONDS
    )
    max_region_bytes: Annotated[
        int, Field(strict=True, ge=MIN_REGION_BYTES, le=MAX_REGION_BYTES)
    ] = DEFAULT_MAX_REGION_BYTES


def load_federation(path: Path) -> tuple[Federation | None, list[Problem]]:
    """The federation in the file at path, its folder paths made absolute (relative to the file's
    folder); or None and every problem, located in the file."""
    display = str(path)
    raw, problem = read_regular_file(path, display, MAX_FEDERATION_BYTES, "federatiebestand")
    if raw is None:
        return None, [problem] if problem else []
    document, problems = parse_yaml_bytes(raw, display)
    if not document.complete:
        return None, problems
    model, found = validate_document(document, Federation)
    folder = Path(os.path.abspath(path.parent))
    problems += found + _duplicates(document, folder)
    if problems or not isinstance(model, Federation):
        return None, sorted(problems)
    regions = [
        region.model_copy(update={"url": _absolute(region.url, folder)}) for region in model.regions
    ]
    return model.model_copy(update={"regions": regions}), []


def _absolute(address: str, folder: Path) -> str:
    """A normalised address with a relative folder path made absolute against folder."""
    if is_web_address(address):
        return address
    return os.path.normpath(folder / address)


def _duplicates(document: YamlDocument, folder: Path) -> list[Problem]:
    """A problem at each region whose address (normalised) an earlier one already has; read from
    the document itself, so it is said together with any other problem of the file."""
    regions = document.data.get("regions") if isinstance(document.data, dict) else None
    if not isinstance(regions, list):
        return []
    first: dict[str, int] = {}
    problems = []
    for index, entry in enumerate(regions):
        value = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(value, str):
            continue
        try:
            address = _absolute(normalise_address(value.strip()), folder)
        except ValueError:
            continue  # validation says what is wrong with it
        if address not in first:
            first[address] = index
            continue
        path: tuple[str | int, ...] = ("regions", index, "url")
        earlier: tuple[str | int, ...] = ("regions", first[address], "url")
        line, column = document.locate(path)
        message = (
            f"deze regio staat er al: {format_path(earlier)} "
            f"(regel {document.locate(earlier)[0]}) heeft hetzelfde adres"
        )
        problems.append(Problem(document.file, line, column, format_path(path), message))
    return problems
