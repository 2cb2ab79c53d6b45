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


def _rebuild(project: Path, site: Path) -> bool:
    try:
        result = build_site(project, site)
    except BuildFailed as failure:
        for problem in failure.problems:
            print(problem.format(), file=sys.stderr)
        print("Bouwen mislukt; de vorige versie blijft zichtbaar.", file=sys.stderr)
        return False
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(project: Path, host: str, port: int) -> int:
    """Serve the portal until interrupted."""
    project = project.resolve()
    site = project / "site"
    if not _rebuild(project, site):
        return 1
    threading.Thread(target=_watch, args=(project, site), daemon=True).start()
    handler = functools.partial(_QuietHandler, directory=str(site))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(f"Het portaal draait op http://{host}:{port}/ (stoppen met Ctrl+C)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0
