"""Builds the search index of a built site with Pagefind, which stems Dutch in index and query alike.

Pagefind reads <html lang="nl"> and loads its index in chunks, so it scales to thousands of pages.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

INDEX = "pagefind"
NEW_INDEX = ".pagefind-new"  # dot folders are never part of the site (nor searched by MkDocs)
OLD_INDEX = ".pagefind-old"


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


def index_site(site_dir: Path) -> None:
    """Write site_dir/pagefind/ (index, chunks and the search script), all self-hosted. The index
    is made beside an earlier one and then takes its place, so a served site (regiokaart serve)
    always has a whole index."""
    fresh = site_dir / NEW_INDEX
    shutil.rmtree(fresh, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        NEW_INDEX,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise SearchIndexFailed("zoekindex kon niet worden gemaakt: " + " ".join(detail))
    index, old = site_dir / INDEX, site_dir / OLD_INDEX
    shutil.rmtree(old, ignore_errors=True)
    if index.exists():
        os.rename(index, old)
    os.rename(fresh, index)
    shutil.rmtree(old, ignore_errors=True)
