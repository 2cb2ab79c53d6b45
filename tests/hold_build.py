"""Runs `regiokaart build` and holds it at a point where a helper process of the build is running,
so that a test can kill the build there (tests/test_no_orphans.py).

    python -m tests.hold_build POINT PROJECT SITE READY

POINT is one of
    open-data    the forked child that makes the open data (second_core) has made it and waits,
                 as at national scale, where it takes seconds; the build waits for its result
    pagefind     the engine has rendered and Pagefind (--service) holds the pages; the build waits
    pagefind-built the engine handed over no pages, so the build hands Pagefind those of the built
                 site, and holds after the first
READY is a file written once the point is reached. The holds are made by wrapping functions, never
by timing: the build waits at its point until it is killed.
"""

import os
import sys
import time
from pathlib import Path
from typing import Any

import regiokaart.site.build
import regiokaart.site.search
import regiokaart.site.stage
from regiokaart.cli import main

HOLD_SECONDS = 3600  # longer than any test waits: only a kill ends the hold


def hold_open_data(ready: Path) -> None:
    """The child holds after making the open data; the build (this process) waits for it."""
    build = os.getpid()
    original = regiokaart.site.stage.open_data_files

    def open_data_files(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        if os.getpid() != build:  # in the child
            ready.write_text(str(os.getpid()))
            time.sleep(HOLD_SECONDS)
        return result

    regiokaart.site.stage.open_data_files = open_data_files


def hold_after_render(ready: Path) -> None:
    original = regiokaart.site.build.render_site

    def render_site(config: Path, built: Path, *args: Any, **kwargs: Any) -> Any:
        result = original(config, built, *args, **kwargs)
        ready.write_text("pagefind")
        time.sleep(HOLD_SECONDS)
        return result

    regiokaart.site.build.render_site = render_site


def hold_in_built_pages(ready: Path) -> None:
    """The engine hands over no pages; the build holds after handing Pagefind the first page of
    the built site."""
    add = regiokaart.site.search.PageStream.add
    regiokaart.site.search.PageStream.add = lambda self, source_path, html: None  # type: ignore[method-assign]

    def add_built_pages(stream: Any, site_dir: Path) -> None:
        first = regiokaart.site.search.built_pages(site_dir)[0]
        add(stream, first.relative_to(site_dir).as_posix(), first.read_text(encoding="utf-8"))
        ready.write_text("pagefind-built")
        time.sleep(HOLD_SECONDS)

    regiokaart.site.build.add_built_pages = add_built_pages  # type: ignore[assignment]


def run(argv: list[str]) -> int:
    point, project, site, ready_file = argv
    ready = Path(ready_file)
    if point == "open-data":
        hold_open_data(ready)
    elif point == "pagefind":
        hold_after_render(ready)
    elif point == "pagefind-built":
        hold_in_built_pages(ready)
    else:
        raise SystemExit(f"unknown hold point {point!r}")
    return main(["build", "--project", project, "--site", site])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
