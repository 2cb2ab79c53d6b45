"""Reading a file a user names by path or by web address, within a size cap (and, for an address,
one deadline for the whole download): the module files of `module import` and the published feed
`build --vorige-feed` compares with."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from regiokaart.problems import Problem
from regiokaart.resources import version
from regiokaart.source.fetch import FetchFailed, fetch
from regiokaart.source.positions import read_regular_file

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_address(source: str) -> bool:
    """Whether source is a web address (scheme://…) rather than a path."""
    return bool(_SCHEME.match(source))


def read_path_or_url(
    source: str, *, max_bytes: int, seconds: float, what: str
) -> tuple[bytes | None, Problem | None]:
    """The bytes at a path or an http(s) address, at most max_bytes; what names the file in a
    message ("modulebestand")."""
    if not is_address(source):
        return read_regular_file(Path(source), source, max_bytes, what)
    if urlsplit(source).scheme.lower() not in ("http", "https"):
        message = "alleen een webadres met http:// of https:// of een bestand kan gelezen worden"
        return None, Problem(source, 1, 1, "", message)
    try:
        raw = fetch(
            source, max_bytes=max_bytes, seconds=seconds, user_agent=f"regiokaart/{version()}"
        )
    except FetchFailed as failure:
        return None, Problem(source, 1, 1, "", failure.message, failure.hint)
    return raw, None
