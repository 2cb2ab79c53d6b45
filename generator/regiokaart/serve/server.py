"""regiokaart serve: build, serve on localhost, rebuild when the region's data/ or content/, the national
layer, theme/ or mkdocs.yml change.

Every HTML page served here gets one external script, /__regiokaart__/overlay.js, which polls
/__regiokaart__/status: it reloads the page after a successful rebuild and shows the problems of a
failed one in an overlay, while the last good site stays served. The built site never contains it.
"""

import contextlib
import html
import http.server
import io
import json
import mimetypes
import os
import re
import signal
import socket
import sys
import threading
import time
import traceback
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from regiokaart import resources
from regiokaart.serve.live_build import LiveBuild
from regiokaart.serve.request_heads import HeadReader
from regiokaart.site.engines import DEFAULT_ENGINE
from regiokaart.site.swap import BuildFailed, prepare_site_location, staging_folder

# In the region's folder; and what ships with regiokaart (in a checkout: the repository's theme/,
# national/ and mkdocs.yml), so a change there is shown too.
WATCHED = ("data", "content", "national")

# How often serve looks for changes (a few hundred files' times; milliseconds).
WATCH_INTERVAL = 0.1
STATUS_PATH = "/__regiokaart__/status"
SEND_TIMEOUT = 10.0  # seconds
OVERLAY_PATH = "/__regiokaart__/overlay.js"


def overlay_tag(build: int) -> bytes:
    """The overlay script with the number of good builds when the page was read: the page reloads
    after any later build, also one that ended before the script first asked (a page read during
    a build). External, not inline: the portal's Content-Security-Policy (default-src 'self')
    allows no inline script."""
    return f'<script src="{OVERLAY_PATH}" data-build="{build}"></script>'.encode()


OVERLAY_SCRIPT = (Path(__file__).with_name("overlay.js")).read_bytes()


def snapshot(project: Path) -> dict[str, float]:
    """Modification times of every watched file (polling works on every OS and file system)."""
    times: dict[str, float] = {}
    shipped = (resources.THEME_DIR, resources.BASE_CONFIG, resources.NATIONAL_DIR)
    for root in (*(project / name for name in WATCHED), *shipped):
        # A folder that cannot be read (its rights taken away while serving) is left out: that
        # is a change, and the rebuild it starts says what cannot be read.
        with contextlib.suppress(OSError):
            paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
            for path in paths:
                with contextlib.suppress(OSError):
                    times[str(path)] = path.stat().st_mtime
    return times


class BuildStatus:
    """The number of good builds and the problems of the last failed rebuild; open pages poll it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._build = 0
        self._problems: list[str] = []

    def succeeded(self) -> None:
        with self._lock:
            self._build += 1
            self._problems = []

    @property
    def build(self) -> int:
        with self._lock:
            return self._build

    def failed(self, problems: list[str]) -> None:
        with self._lock:
            self._problems = list(problems)

    def to_json(self) -> bytes:
        with self._lock:
            status = {"build": self._build, "problems": self._problems}
        return json.dumps(status, ensure_ascii=False).encode()


def rebuild(live: LiveBuild, status: BuildStatus, stopping: threading.Event | None = None) -> bool:
    """Build once and tell the terminal and the open pages how it went; then make the search
    index (after the pages are shown, see live_build.py). Never raises. Once serve is stopping,
    what is left is skipped: serve waits for a rebuild to end before it removes its folder."""
    started = time.perf_counter()
    show_edited_record_first(live, status)
    if stopping is not None and stopping.is_set():
        return False
    try:
        page_count, _ = live.build()
        status.succeeded()
        print(
            f"Portaal gebouwd ({page_count} pagina's, {time.perf_counter() - started:.1f} s).",
            flush=True,
        )
        if stopping is None or not stopping.is_set():
            live.index_search()
        return True
    except BuildFailed as failure:
        lines = [problem.format() for problem in failure.problems]
    except Exception as error:
        # A bug in the build must not stop serve from watching: the next change may work.
        traceback.print_exc()
        lines = [f"onverwachte fout: {error!r}"]
    for line in lines:
        print(line, file=sys.stderr, flush=True)
    if status.build:
        print("Bouwen mislukt; de vorige versie blijft zichtbaar.", file=sys.stderr, flush=True)
    else:
        print("Bouwen mislukt; er is nog geen versie om te tonen.", file=sys.stderr, flush=True)
    status.failed(lines)
    return False


def show_edited_record_first(live: LiveBuild, status: BuildStatus) -> None:
    """The page of a record edited on its own, before the whole build (see live_build.py); open
    pages reload. Never raises: whatever goes wrong here, the whole build that follows says."""
    started = time.perf_counter()
    try:
        shown = live.show_edited_record()
    except Exception:
        traceback.print_exc()  # a bug, shown; serve goes on with the whole build
        return
    if shown is not None:
        status.succeeded()
        seconds = time.perf_counter() - started
        print(f"Gewijzigde pagina getoond ({seconds:.1f} s); de rest volgt.", flush=True)


def _watch(
    live: LiveBuild, status: BuildStatus, stop: threading.Event, interval: float = WATCH_INTERVAL
) -> None:
    """Rebuild on every change until stop is set; a rebuild that has begun is finished first."""
    seen = snapshot(live.project)
    while not stop.wait(interval):
        current = snapshot(live.project)
        if current != seen:
            seen = current
            print("Wijziging gezien; opnieuw bouwen…", flush=True)
            rebuild(live, status, stop)


_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def request_path(target: str) -> str | None:
    """The decoded path of a request target (/aanbod/x/?q=1 -> /aanbod/x/), None when malformed.

    Malformed: not starting with '/' (absolute URLs too), bad percent-encoding, invalid UTF-8,
    control characters, backslashes or a '..' segment; browsers resolve '..' before asking, so only
    an attempt to leave the site sends one.
    """
    path = target.split("?", 1)[0]
    if not path.startswith("/") or _BAD_ESCAPE.search(path):
        return None
    try:
        # http.server decoded the request line as Latin-1; undo that to get the bytes sent.
        decoded = urllib.parse.unquote_to_bytes(path.encode("latin-1")).decode("utf-8")
    except UnicodeError:
        return None
    if _CONTROL.search(decoded) or "\\" in decoded or ".." in decoded.split("/"):
        return None
    return decoded


def find_in_site(site: Path, path: str) -> Path | None:
    """The real file or folder that path names inside site, None when missing or outside it.

    site is resolved on every call, so a site/ that is swapped or is a symlink keeps working;
    a symlink inside the site is followed only when it stays inside.
    """
    try:
        root = site.resolve(strict=True)
        target = (root / path.lstrip("/")).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a name too long, a symlink loop
        return None
    return target if target.is_relative_to(root) else None


class PortalHandler(http.server.BaseHTTPRequestHandler):
    """Answers one request, whose head was read already (request_heads.py): the site's files (HTML
    with the overlay script), the build status, or 400, 404, 405 or 431 with a short Dutch page;
    never a file outside the site."""

    server: "PortalServer"

    def __init__(self, *args: Any, head: bytes, complete: bool) -> None:
        self._head = head
        self._head_complete = complete
        super().__init__(*args)

    # Each read or write on the connection: a client that does not read its answer is let go.
    timeout = SEND_TIMEOUT

    def setup(self) -> None:
        super().setup()
        self.rfile = io.BytesIO(self._head)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if not self._head_complete:
            self._send_message(431, "Dit verzoek heeft te lange kopregels.")
            return False
        if self.command not in ("GET", "HEAD"):
            self._send_message(405, "Dit adres kan alleen gelezen worden.", {"Allow": "GET, HEAD"})
            return False
        return True

    def do_GET(self) -> None:
        path = request_path(self.path)
        if path == STATUS_PATH:
            self._send(200, self.server.status.to_json(), "application/json; charset=utf-8")
        elif path == OVERLAY_PATH:
            self._send(200, OVERLAY_SCRIPT, "text/javascript; charset=utf-8")
        elif path is None:
            self._send_message(400, "Dit adres is ongeldig.")
        else:
            self._send_site_file(path)

    do_HEAD = do_GET

    def _send_site_file(self, path: str) -> None:
        build = self.server.status.build  # before the file is read: a build ending now reloads it
        target = find_in_site(self.server.site, path)
        if target is not None and os.path.isdir(target):
            if not path.endswith("/"):
                raw_path, question, query = self.path.partition("?")
                location = f"{raw_path}/{question}{query}"
                self._send_message(301, "Deze pagina staat in een map.", {"Location": location})
                return
            target = find_in_site(self.server.site, path + "index.html")
        body = None
        if target is not None and os.path.isfile(target):  # not a FIFO or device
            with contextlib.suppress(OSError):
                body = target.read_bytes()
        if target is None or body is None:
            self._send_message(404, "Deze pagina bestaat niet (meer).")
            return
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type == "text/html":
            before, end, after = body.rpartition(b"</body>")
            body = before + overlay_tag(build) + end + after if end else body
        if content_type.startswith("text/") or content_type == "application/json":
            content_type += "; charset=utf-8"
        self._send(200, body, content_type)

    def _send_message(
        self, code: int, explanation: str, headers: dict[str, str] | None = None
    ) -> None:
        title = f"{code} {_REASONS[code]}"
        page = (
            '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
            f"<title>{title}</title></head>\n"
            f"<body><h1>{title}</h1><p>{html.escape(explanation)}</p></body></html>\n"
        )
        self._send(code, page.encode(), "text/html; charset=utf-8", headers)

    def _send(
        self, code: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(code, _REASONS.get(code))
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        # Always fresh: a rebuild changes any file, and pages carry the overlay script.
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


_REASONS = {
    200: "OK",
    301: "Verplaatst",
    400: "Ongeldig verzoek",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    431: "Kopregels te lang",
}


class PortalServer(http.server.HTTPServer):
    """Answers requests with a bounded pool of worker threads; site is the path of the site folder,
    looked up again for every request.

    One thread reads the heads of new requests (request_heads.py): a connection that stays idle or
    is half-sent holds no worker and is closed after request_deadline seconds. A worker that writes
    to a client that does not read gives up after SEND_TIMEOUT seconds. Closing the server closes
    every open connection and waits for the workers, so nothing is left reading when serve stops.
    """

    # Python's default backlog of 5 drops connections when many arrive at once (a page with many
    # assets, or 200 requests in a test); the kernel caps this at net.core.somaxconn.
    request_queue_size = 1024
    max_workers = 8
    request_deadline = 10.0
    max_waiting = 512  # connections waiting for their head; the oldest is closed beyond

    def __init__(self, address: tuple[str, int], site: Path, status: BuildStatus) -> None:
        self.site = site
        self.status = status
        # The handler is made in _handle, with the request's head: socketserver's call is not used.
        super().__init__(address, PortalHandler)  # type: ignore[arg-type]
        self._workers = ThreadPoolExecutor(self.max_workers, thread_name_prefix="serve-worker")
        self._answering: set[socket.socket] = set()
        self._answering_lock = threading.Lock()
        self._closing = False
        self._heads = HeadReader(self._answer, self.request_deadline, self.max_waiting)

    def process_request(self, request: Any, client_address: Any) -> None:
        self._heads.add(request, client_address)

    def _answer(
        self, request: socket.socket, client_address: object, head: bytes, complete: bool
    ) -> None:
        try:
            self._workers.submit(self._handle, request, client_address, head, complete)
        except RuntimeError:  # the pool is shut down: serve is stopping
            self.shutdown_request(request)

    def _handle(
        self, request: socket.socket, client_address: object, head: bytes, complete: bool
    ) -> None:
        with self._answering_lock:
            self._answering.add(request)
        try:
            PortalHandler(request, client_address, self, head=head, complete=complete)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            with self._answering_lock:
                self._answering.discard(request)
            self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that reloads drops its pending requests, a client that does not read times out,
        # and stopping cuts open connections: none of that needs a traceback.
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        super().server_close()
        self._heads.close()
        with self._answering_lock:
            for request in self._answering:  # a worker writing to a client that does not read
                with contextlib.suppress(OSError):
                    request.shutdown(socket.SHUT_RDWR)
        self._workers.shutdown(wait=True, cancel_futures=True)


def _stop(_signum: int, _frame: object) -> None:  # the arguments of a signal handler
    raise KeyboardInterrupt


def serve(project: Path, host: str, port: int, engine: str = DEFAULT_ENGINE) -> int:
    """Serve the portal, rendered by the named engine, until interrupted, from a folder of its own
    beside site/ (kept between builds, removed at the end); site/ itself is written by
    `regiokaart build` only."""
    project = project.resolve()
    # Stopped by a signal (a terminal closed, a test ending), serve still removes its folder.
    signal.signal(signal.SIGTERM, _stop)
    try:
        target = prepare_site_location(project, project / "site")
        with staging_folder(target, project / "site") as folder:
            live = LiveBuild(project, folder, engine)
            status = BuildStatus()
            if not rebuild(live, status):
                return 1
            stop = threading.Event()
            watcher = threading.Thread(target=_watch, args=(live, status, stop), daemon=True)
            watcher.start()
            with PortalServer((host, port), live.site, status) as server:
                print(
                    f"Het portaal draait op http://{host}:{port}/ (stoppen met Ctrl+C)", flush=True
                )
                with contextlib.suppress(KeyboardInterrupt):
                    server.serve_forever()
            # A rebuild still writing in the folder (its search index, say) ends before the
            # folder is removed.
            stop.set()
            watcher.join()
    except BuildFailed as failure:
        for problem in failure.problems:
            print(problem.format(), file=sys.stderr, flush=True)
        return 1
    return 0
