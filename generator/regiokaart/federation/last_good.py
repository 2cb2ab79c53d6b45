"""The last good copy of each region: what a national overview shows of a region whose portal
cannot be read or is not valid this time.

The store is a folder beside the overview's site folder (store_beside), never inside it, so
publishing a site never publishes or loses it. Each region has a folder named by its key, holding
the files exactly as they were fetched (feed.json, organizations.json, services.json) and
state.json ({"url", "fetched", "checked_by", "sha256"}: the version of regiokaart that checked
the files when it kept them, and their digests, so that a run can tell unchanged data it need not
check again). A copy is written into a new folder and swapped in whole with the
build's own swap (site/swap.py), so a crash at any moment leaves the previous copy or the new one,
never half of one. This module stores bytes; the caller validates a copy it reads as it validates
fresh data.
"""

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from regiokaart.output_folder import make_folder
from regiokaart.problems import describe_os_error
from regiokaart.safe_write import make_new_folder, write_atomically
from regiokaart.site.swap import (
    old_copy_name,
    remove_folder,
    restore_interrupted_swap,
    stale_folders,
    swap_in,
)
from regiokaart.source.positions import read_regular_file

STORE_SUFFIX = ".laatst-goed"
FEED = "feed.json"
ORGANIZATIONS = "organizations.json"
SERVICES = "services.json"
DATA_FILES = (FEED, ORGANIZATIONS, SERVICES)
STATE = "state.json"
# {"url", "fetched", "checked_by", "sha256"}: an address of at most 2,000 characters, a date, a
# version and three digests
MAX_STATE_BYTES = 10_000


@dataclass(frozen=True)
class StoredCopy:
    """A region's last good copy: its address, when it was fetched, and its files' bytes."""

    url: str
    fetched: datetime
    files: dict[str, bytes]


def store_beside(out: Path) -> Path:
    """The store of last good copies for the overview built in out: beside it, never inside."""
    return out.parent / f"{out.name}{STORE_SUFFIX}"


def digests(files: Mapping[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(files[name]).hexdigest() for name in DATA_FILES}


def write_copy(
    store: Path,
    key: str,
    url: str,
    fetched: datetime,
    files: Mapping[str, bytes],
    checked_by: str = "",
) -> str | None:
    """Keep files (one per name of DATA_FILES) as the last good copy of the region url under key,
    fetched then and checked by that version of regiokaart; why not, in Dutch, or None."""
    reason = make_folder(store)
    if reason is not None:
        return reason
    target = store / key
    _tidy(target)
    try:
        staging = make_new_folder(store, f".{key}-nieuw-{os.getpid()}-")
    except OSError as error:
        return f"kan geen map maken in {store}/: {describe_os_error(error)}"
    try:
        for name in DATA_FILES:
            write_atomically(staging / name, files[name])
        state = {
            "url": url,
            "fetched": fetched.isoformat(),
            "checked_by": checked_by,
            "sha256": digests(files),
        }
        write_atomically(staging / STATE, json.dumps(state) + "\n")
        swap_in(staging, target)
    except OSError as error:
        return f"kan niet schrijven in {store}/: {describe_os_error(error)}"
    finally:
        remove_folder(staging)  # after a swap: the previous copy, now in its place
    return None


def checked_before(
    store: Path, key: str, url: str, files: Mapping[str, bytes], checked_by: str
) -> bool:
    """Whether files are byte for byte the region's last good copy, which this version of
    regiokaart checked when it kept it (state.json: checked_by and the files' sha256): then they
    need no checking again. Anything unclear is False (check them)."""
    raw, _ = read_regular_file(
        store / key / STATE, STATE, MAX_STATE_BYTES, "bestand", follow_link=False
    )
    if raw is None or not checked_by:
        return False
    try:
        state = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return False
    return (
        isinstance(state, dict)
        and state.get("url") == url
        and state.get("checked_by") == checked_by
        and state.get("sha256") == digests(files)
    )


def read_copy(
    store: Path, key: str, url: str, max_bytes: int
) -> tuple[StoredCopy | None, str | None]:
    """The last good copy of the region url under key, its files at most max_bytes together:
    (copy, None); (None, None) when there is none; (None, why in Dutch) when it cannot be used.
    A copy that a crash in a swap left under another name is put back first."""
    target = store / key
    restore_interrupted_swap(target, target)
    if not os.path.lexists(target):
        return None, None
    if target.is_symlink() or not target.is_dir():
        return None, f"{target} is geen map"
    raw, problem = read_regular_file(
        target / STATE, STATE, MAX_STATE_BYTES, "bestand", follow_link=False
    )
    if raw is None:
        return None, f"{STATE}: {problem.message if problem else 'onleesbaar'}"
    fetched, reason = _state(raw, url)
    if fetched is None:
        return None, f"{STATE}: {reason}"
    files: dict[str, bytes] = {}
    remaining = max_bytes
    for name in DATA_FILES:
        raw, problem = read_regular_file(
            target / name, name, remaining, "bestand", follow_link=False
        )
        if raw is None:
            return None, f"{name}: {problem.message if problem else 'onleesbaar'}"
        files[name] = raw
        remaining -= len(raw)
    return StoredCopy(url, fetched, files), None


def _state(raw: bytes, url: str) -> tuple[datetime | None, str]:
    """When the copy was fetched, from state.json's bytes; or None and why not."""
    try:
        state = json.loads(raw.decode("utf-8"))
        fetched = datetime.fromisoformat(state["fetched"])
        owner = state["url"]
    except (ValueError, TypeError, KeyError, RecursionError):
        return None, 'onleesbaar: verwacht {"url": …, "fetched": …}'
    if owner != url:
        return None, "de kopie hoort bij een ander adres"
    return fetched, ""


def _staging_name(target: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{target.name}-nieuw-") + r"(?P<pid>\d+)-[a-z0-9_]{8}")


def _tidy(target: Path) -> None:
    """Before writing: the previous copy put back where a crash in a swap left none, and the
    folders that runs which have ended left behind removed."""
    restore_interrupted_swap(target, target)
    stale = stale_folders(target, _staging_name(target))
    if os.path.lexists(target):
        stale += stale_folders(target, old_copy_name(target))
    for folder in stale:
        remove_folder(folder)
