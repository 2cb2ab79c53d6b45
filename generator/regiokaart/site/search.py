"""Builds the search indexes of a built site with Pagefind, which stems Dutch in index and query alike.

Pagefind reads <html lang="nl"> and loads its index in chunks, so it scales to thousands of pages.
Two indexes from the same pages: the portal's own (INDEX, every page) and the one a national
overview merges (NATIONAL_INDEX, only what a national searcher looks for in a region). One
`pagefind --service` process holds both (PageStream). It takes each page while the engine writes
it, so Pagefind indexes on the second core while the engine works on the first; index_site feeds
it the pages of a built site instead (an engine that does not hand over its pages, and regiokaart
serve's rebuilds). Pagefind dies with the build, even with a kill -9 (child_processes.tied_command).
"""

import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from regiokaart.child_processes import tied_command
from regiokaart.problems import describe_os_error

INDEX = "pagefind"  # the portal's own search: every searchable page
# The index the national overview merges (feed.json search.pagefind), with only the pages of the
# region's own offers, organisations and modules (front matter soort, theme/main.html). The
# knowledge pages (bouwstenen, standards, glossary, profiles) come from the national layer, the
# same in every portal: in a search over all regions each would be found once per region. An
# offer of the national inventory stays in: its page in a region adds what the region says about
# it and who offers it there.
NATIONAL_INDEX = "pagefind-landelijk"
NATIONAL_KINDS = frozenset({"aanbod", "organisatie", "module"})
# The files without which an index is not whole (the build checks them; stage.SEARCH_INDEX).
# The national index leaves out Pagefind's scripts: the overview searches with its own bundle.
REQUIRED_FILES = {
    INDEX: ("pagefind.js", "pagefind-entry.json"),
    NATIONAL_INDEX: ("pagefind-entry.json",),
}
# Parts of a page that are not what the page is about: the labels of a table of facts ("Met
# ervaringsdeskundigen", "Laagdrempelig", the same on every offer), a source note (whose document
# title "Focus op 'de pleger'" would make every national offer a match for "pleger"), the hint to
# look an offer up in the databanks, and an offer's contra-indication (where "intieme terreur"
# says the offer is NOT for it). Left out of the index, so a search finds a page for what it
# offers, not for its layout. (The same as data-pagefind-ignore on them; tests/test_search.py
# checks the pages still have them.)
EXCLUDED = (
    *(".rk-facts th", ".rk-source", ".rk-databank-hint", ".rk-offer .rk-contra"),
    *(".rk-referral-none", ".rk-referral-frame"),  # the same on many offer pages
)
STALL_LIMIT = 300.0  # seconds without any answer while one is awaited: Pagefind is stuck
# A page's kind, where theme/main.html writes it on the part Pagefind indexes.
_PAGE_KIND = re.compile(r'<div data-pagefind-body data-rk-soort="([^"]*)"')
# Pagefind's search scripts, styles and WebAssembly at the top of an index folder.
_BUNDLE_FILE = re.compile(r"(pagefind[^/]*\.(js|css)|wasm\.[^/]*\.pagefind)")


def fresh_folder(index: str) -> str:
    """Where an index is written before it takes the place of the one before: a dot folder, never
    part of the site (nor searched by MkDocs)."""
    return f".{index}-new"


def old_folder(index: str) -> str:
    return f".{index}-old"


def for_national_search(html: str) -> bool:
    """Whether a page belongs in the national index (NATIONAL_KINDS)."""
    kind = _PAGE_KIND.search(html)
    return kind is not None and kind.group(1) in NATIONAL_KINDS


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


def not_started(error: OSError) -> SearchIndexFailed:
    """The failure of a Pagefind that could not be started (the program, or the Python that starts
    it tied to this process, cannot be run)."""
    program = f" ({error.filename})" if error.filename else ""
    reason = describe_os_error(error)
    return SearchIndexFailed(
        f"zoekindex kon niet worden gemaakt: Pagefind start niet{program}: {reason}"
    )


class PageStream:
    """The two indexes (INDEX, NATIONAL_INDEX) in a `pagefind --service` process of their own, fed
    page by page. Its protocol: base64 JSON messages, each followed by a comma, answered the same
    way on stdout; a thread reads the answers as they come. (Pagefind's Python client reads one
    answer per 0.1 s, which makes thousands of pages take minutes.)"""

    def __init__(self) -> None:
        executable = pagefind_executable()
        # What Pagefind says outside the protocol; closed in close().
        self._log = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                tied_command([str(executable), "--service"]),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._log,
            )
        except OSError as error:
            self._log.close()
            raise not_started(error) from None
        self._sent = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._reader = threading.Thread(target=self._read_answers, daemon=True)
        self._reader.start()
        config = {"exclude_selectors": list(EXCLUDED)}
        try:
            self._index_ids = {
                index: self._wait(self._send({"type": "NewIndex", "config": config}))["index_id"]
                for index in REQUIRED_FILES
            }
        except BaseException:
            self.close()
            raise
        self.pages = 0

    def _send(self, payload: dict[str, Any]) -> int:
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except OSError:
            raise SearchIndexFailed("zoekindex kon niet worden gemaakt: Pagefind stopte") from None
        return self._sent

    def _read_answers(self) -> None:
        assert self._process.stdout is not None
        buffered = bytearray()
        while chunk := os.read(self._process.stdout.fileno(), 1 << 16):
            start = len(buffered)
            buffered += chunk
            if b"," not in chunk:
                continue  # a long answer (the index files) arrives in many chunks
            end = buffered.rindex(b",", start)
            answers = bytes(buffered[:end]).split(b",")
            del buffered[: end + 1]
            with self._answered:
                for raw in answers:
                    try:
                        answer = json.loads(base64.b64decode(raw))
                        self._answers[answer.get("message_id") or 0] = answer["payload"]
                    except (ValueError, TypeError, KeyError, AttributeError):
                        self._answers[0] = {"type": "Error", "message": "onleesbaar antwoord"}
                self._answered.notify_all()
        with self._answered:
            self._answers.setdefault(0, {"type": "Error", "message": "Pagefind stopte"})
            self._answered.notify_all()

    def _wait(self, message_id: int, *, all_before: bool = False) -> dict[str, Any]:
        """The answer to message_id (with all_before: once every earlier message has one too).
        Bounded: STALL_LIMIT seconds without any new answer means Pagefind is stuck."""
        wanted = range(1, message_id + 1) if all_before else (message_id,)
        with self._answered:
            while not (0 in self._answers or all(m in self._answers for m in wanted)):
                answered = len(self._answers)
                self._answered.wait(timeout=STALL_LIMIT)
                if len(self._answers) == answered:
                    self._answers[0] = {"type": "Error", "message": "Pagefind antwoordt niet meer"}
            errors = [a for a in self._answers.values() if a.get("type") == "Error"]
            if errors:
                detail = errors[0].get("message", "onbekende fout")
                raise SearchIndexFailed(
                    f"zoekindex kon niet worden gemaakt: {detail}{self._said()}"
                )
            return self._answers[message_id]

    def _said(self) -> str:
        """The last line Pagefind wrote outside the protocol, if any, to go with an error."""
        self._log.seek(0)
        lines = self._log.read()[-2000:].decode("utf-8", "replace").strip().splitlines()
        return f" ({lines[-1].strip()})" if lines else ""

    def add(self, source_path: str, html: str) -> None:
        """One page, by its path in the site (Pagefind makes its address from that); Pagefind
        indexes it while the build goes on, in the national index too when it belongs there."""
        self._add_to(INDEX, source_path, html)
        if for_national_search(html):
            self._add_to(NATIONAL_INDEX, source_path, html)
        self.pages += 1

    def _add_to(self, index: str, source_path: str, html: str) -> None:
        payload = {
            "type": "AddFile",
            "index_id": self._index_ids[index],
            "file_path": source_path,
            "url": None,
            "file_contents": html,
        }
        self._send(payload)

    def write_into(self, site_dir: Path) -> None:
        """Wait for every page, then write both indexes into site_dir (pagefind/ and
        pagefind-landelijk/), each beside the one before and then in its place, so a served site
        (regiokaart serve) always has whole indexes. The files come over the pipe and are written
        here: Pagefind's own WriteFiles answers before its writes reach the disk, and closing the
        service then leaves files cut short (Pagefind issue 1271, fixed after 1.5.2)."""
        try:
            for index in REQUIRED_FILES:
                self._write_index(index, site_dir / fresh_folder(index))
        except BaseException:
            for index in REQUIRED_FILES:
                shutil.rmtree(site_dir / fresh_folder(index), ignore_errors=True)
            raise
        for index in REQUIRED_FILES:
            put_in_place(site_dir, index)

    def _write_index(self, index: str, fresh: Path) -> None:
        message = {"type": "GetFiles", "index_id": self._index_ids[index]}
        answer = self._wait(self._send(message), all_before=True)
        shutil.rmtree(fresh, ignore_errors=True)
        files = answer.pop("files")
        while files:
            file = files.pop()
            name = PurePosixPath(file["path"])
            if name.is_absolute() or ".." in name.parts:
                raise SearchIndexFailed(f"zoekindex: onverwacht bestand {name}")
            if index == NATIONAL_INDEX and _BUNDLE_FILE.fullmatch(str(name)):
                continue
            target = fresh / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))

    def close(self) -> None:
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):
                self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join()
        self._log.close()


def pagefind_executable() -> Path:
    """The Pagefind program that the pagefind package brings."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise SearchIndexFailed("zoekindex kon niet worden gemaakt: Pagefind ontbreekt")
    return Path(executable).absolute()


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
    """Write both indexes (PageStream.write_into) of the site built in site_dir, from its pages."""
    stream = PageStream()
    try:
        add_built_pages(stream, site_dir)
        stream.write_into(site_dir)
    finally:
        stream.close()


def add_built_pages(stream: PageStream, site_dir: Path) -> None:
    """Hand every page of the built site to stream, as the engine's hook would have."""
    for page in built_pages(site_dir):
        html = page.read_text(encoding="utf-8", errors="replace")
        stream.add(page.relative_to(site_dir).as_posix(), html)


def built_pages(site_dir: Path) -> list[Path]:
    """The HTML files of a built site, sorted; none in a dot folder (an index being written, a
    build's leftovers) or a special file (a pipe that nothing writes would hold the build)."""
    return sorted(
        path
        for path in site_dir.rglob("*.html")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(site_dir).parts)
    )


def put_in_place(site_dir: Path, index: str) -> None:
    """The fresh index (fresh_folder) in place of the old one (if any), which is removed."""
    fresh = site_dir / fresh_folder(index)
    missing = [name for name in REQUIRED_FILES[index] if not (fresh / name).is_file()]
    if missing:
        raise SearchIndexFailed(f"zoekindex kon niet worden gemaakt: {missing[0]} ontbreekt")
    target, old = site_dir / index, site_dir / old_folder(index)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.rename(target, old)
    os.rename(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
