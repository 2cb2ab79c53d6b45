"""Builds the search index of a built site with Pagefind, which stems Dutch in index and query alike.

Pagefind reads <html lang="nl"> and loads its index in chunks, so it scales to thousands of pages.
"""

import subprocess
import sys
from pathlib import Path


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


def index_site(site_dir: Path) -> None:
    """Write site_dir/pagefind/ (index, chunks and the search script), all self-hosted."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        "pagefind",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise SearchIndexFailed("zoekindex kon niet worden gemaakt: " + " ".join(detail))
