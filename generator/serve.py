"""regiokaart serve: build, serve on localhost, rebuild when data/, content/, theme/ or mkdocs.yml change."""

import contextlib
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from generator.build import BuildFailed, build_site

WATCHED = ("data", "content", "theme", "mkdocs.yml")


def snapshot(project: Path) -> dict[str, float]:
    """Modification times of every watched file (polling works on every OS and file system)."""
    times: dict[str, float] = {}
    for name in WATCHED:
        root = project / name
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in paths:
            try:
                times[str(path)] = path.stat().st_mtime
            except OSError:
                continue
    return times


BUILD_PATH = "/__regiokaart__/build"
# Only added to pages served by `regiokaart serve`, never to the built site: reload after a rebuild.
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;setInterval(function(){fetch('"
    + BUILD_PATH
    + "',{cache:'no-store'})"
    ".then(function(r){return r.text();}).then(function(t){if(seen!==null&&t!==seen){location.reload();}seen=t;})"
    ".catch(function(){});},1000);})();</script>"
).encode()


class _Builds:
    """How many builds succeeded; pages poll it to reload when it changes."""

    count = 0
    lock = threading.Lock()

    @classmethod
    def succeeded(cls) -> None:
        with cls.lock:
            cls.count += 1


def _rebuild(project: Path, site: Path) -> bool:
    try:
        result = build_site(project, site)
    except BuildFailed as failure:
        for problem in failure.problems:
            print(problem.format(), file=sys.stderr, flush=True)
        print("Bouwen mislukt; de vorige versie blijft zichtbaar.", file=sys.stderr, flush=True)
        return False
    _Builds.succeeded()
    print(f"Portaal gebouwd ({result.page_count} pagina's).", flush=True)
    return True


def _watch(project: Path, site: Path, interval: float = 1.0) -> None:
    seen = snapshot(project)
    while True:
        time.sleep(interval)
        current = snapshot(project)
        if current != seen:
            seen = current
            print("Wijziging gezien; opnieuw bouwen…", flush=True)
            _rebuild(project, site)


class _ReloadingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; HTML pages get the reload script, BUILD_PATH answers the build count."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == BUILD_PATH:
            self._send(str(_Builds.count).encode(), "text/plain; charset=utf-8")
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if (
            target.suffix == ".html"
            and target.is_file()
            and self.path.split("?")[0].endswith(("/", ".html"))
        ):
            body = target.read_bytes().replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
            self._send(body, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(project: Path, host: str, port: int) -> int:
    """Serve the portal until interrupted."""
    project = project.resolve()
    site = project / "site"
    if not _rebuild(project, site):
        return 1
    threading.Thread(target=_watch, args=(project, site), daemon=True).start()
    handler = functools.partial(_ReloadingHandler, directory=str(site))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(f"Het portaal draait op http://{host}:{port}/ (stoppen met Ctrl+C)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0
