"""Builds the search index of a built site with Pagefind, which stems Dutch in index and query alike.

Pagefind reads <html lang="nl"> and loads its index in chunks, so it scales to thousands of pages.
Two ways, one index: PageStream takes each page while the engine writes it, so Pagefind (its own
process) indexes on the second core while the engine works on the first; index_site reads a built
site afterwards (an engine that does not hand over its pages, and regiokaart serve's rebuilds).
"""

import asyncio
import concurrent.futures
import contextlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

INDEX = "pagefind"
NEW_INDEX = ".pagefind-new"  # dot folders are never part of the site (nor searched by MkDocs)
OLD_INDEX = ".pagefind-old"


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


class PageStream:
    """An index in a Pagefind process of its own, fed page by page from a thread with an event
    loop (Pagefind's Python API is asynchronous); written with write_into."""

    def __init__(self) -> None:
        from pagefind.index import PagefindIndex

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._pending: list[concurrent.futures.Future[Any]] = []
        self._index = self._wait(PagefindIndex()._start())

    def _wait(self, work: Any) -> Any:
        try:
            return asyncio.run_coroutine_threadsafe(work, self._loop).result()
        except Exception as error:  # the service's own errors, or a broken pipe
            raise SearchIndexFailed(f"zoekindex kon niet worden gemaakt: {error}") from None

    @property
    def pages(self) -> int:
        return len(self._pending)

    def add(self, source_path: str, html: str) -> None:
        """One page, by its path in the site (Pagefind makes its address from that); returns at
        once, Pagefind indexes it meanwhile."""
        work = self._index.add_html_file(content=html, source_path=source_path)
        self._pending.append(asyncio.run_coroutine_threadsafe(work, self._loop))

    def write_into(self, site_dir: Path) -> None:
        """Wait for every page, then write the index into site_dir/pagefind/ (as index_site)."""
        for page in self._pending:
            try:
                page.result()
            except Exception as error:
                raise SearchIndexFailed(f"zoekindex kon niet worden gemaakt: {error}") from None
        fresh = site_dir / NEW_INDEX
        shutil.rmtree(fresh, ignore_errors=True)
        self._wait(self._index.write_files(output_path=str(fresh)))
        put_in_place(site_dir, fresh)

    def close(self) -> None:
        service = getattr(self, "_index", None) and self._index._service
        if service is not None:
            with contextlib.suppress(SearchIndexFailed):
                self._wait(service.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


# The stream of the build in progress, fed by the engine's hook (mkdocs/finish_pages.py).
_stream: PageStream | None = None


@contextlib.contextmanager
def page_stream() -> Iterator[PageStream]:
    """A PageStream that the engine's hook feeds while it is open."""
    global _stream
    stream = PageStream()
    _stream = stream
    try:
        yield stream
    finally:
        _stream = None
        stream.close()


def stream_page(source_path: str, html: str) -> None:
    """Hand a written page to the open stream, if any (a dirty build has none)."""
    if _stream is not None:
        _stream.add(source_path, html)


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
    put_in_place(site_dir, fresh)


def put_in_place(site_dir: Path, fresh: Path) -> None:
    """The fresh index in place of the old one (if any), which is removed."""
    if not (fresh / "pagefind.js").is_file():
        raise SearchIndexFailed("zoekindex kon niet worden gemaakt: pagefind.js ontbreekt")
    index, old = site_dir / INDEX, site_dir / OLD_INDEX
    shutil.rmtree(old, ignore_errors=True)
    if index.exists():
        os.rename(index, old)
    os.rename(fresh, index)
    shutil.rmtree(old, ignore_errors=True)
