"""The feed of the build before, whose records the new feed's change log is compared with
(site/pages/feed.py): the published feed the build is given (`build --vorige-feed PAD-of-URL`; a
region's CI builds in a fresh clone, so its workflow hands it the feed its portal publishes), or
else the feed of the site the build replaces. Without either, the log starts with this build."""

import os
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from regiokaart.models.feed import FEED_FILE, MAX_FEED_BYTES, Feed
from regiokaart.problems import Problem, Severity
from regiokaart.source.read_source import read_path_or_url

FETCH_SECONDS = 30  # for the whole download of a published feed
FRESH_START = "het wijzigingenoverzicht van feed.json begint opnieuw bij deze build"


def previous_feed(site: Path, given: str | None) -> tuple[Feed | None, list[Problem]]:
    """The previous feed, and what kept it from being read: an error for a feed the user gave
    (the build should not lose its history unnoticed), a warning for the old site's."""
    if given is not None:
        raw, problem = read_path_or_url(
            given, max_bytes=MAX_FEED_BYTES, seconds=FETCH_SECONDS, what="feed"
        )
        if problem is not None:
            return None, [problem]
        return _parsed(raw or b"", given, Severity.ERROR)
    old = site / FEED_FILE
    if not old.is_file():
        return None, []
    raw, problem = read_path_or_url(
        str(old), max_bytes=MAX_FEED_BYTES, seconds=FETCH_SECONDS, what="feed"
    )
    if problem is not None:
        return None, [_as_warning(problem)]
    return _parsed(raw or b"", str(old), Severity.WARNING)


def _parsed(raw: bytes, display: str, severity: Severity) -> tuple[Feed | None, list[Problem]]:
    try:
        return Feed.model_validate_json(raw), []
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = f"geen geldige feed van regiokaart ({where}: {first['msg']})"
        hint = FRESH_START if severity is Severity.WARNING else None
        return None, [Problem(display, 1, 1, "", message, hint, severity)]


def _as_warning(problem: Problem) -> Problem:
    return Problem(
        problem.file,
        problem.line,
        problem.column,
        problem.field,
        problem.message,
        FRESH_START,
        Severity.WARNING,
    )


def build_time() -> datetime:
    """When this build is made: now, or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)
