"""Runs `regiokaart build` and kills itself (SIGKILL: no cleanup, no finally) at a chosen point.

    python -m tests.crash_build POINT PROJECT SITE [--no-exchange]

POINT is one of
    after:NAME   right after the pipeline step NAME returns (a function of regiokaart.site.build,
                 or of regiokaart.site.stage for the staging steps)
    rename:N     right after the N-th rename or exchange of a folder beside SITE (the swap itself,
                 regiokaart.site.swap)
    unlink:N     right after the N-th file removed once the swap began (removing the old site)
--no-exchange makes the atomic exchange unavailable, as on a system or file system without one.

The points are reached by wrapping functions, never by timing, so a test that kills at a point
always kills there. When the point is never reached the build ends normally with its own exit code.
"""

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regiokaart.site.build
import regiokaart.site.stage
import regiokaart.site.swap
from regiokaart.cli import main


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def kill_after_step(name: str) -> None:
    # The module whose code calls the step: a staging step is called inside site/stage.py.
    module = (
        regiokaart.site.build if hasattr(regiokaart.site.build, name) else regiokaart.site.stage
    )
    original = getattr(module, name)

    def step(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        die()
        return result

    setattr(module, name, step)


def kill_after_renames(count: int, beside: Path) -> None:
    """Count renames whose source or destination sits directly beside the site: the swap's own."""
    seen = 0

    def counting(original: Callable[..., Any]) -> Callable[..., Any]:
        def rename(source: Any, destination: Any, *args: Any, **kwargs: Any) -> Any:
            nonlocal seen
            result = original(source, destination, *args, **kwargs)
            parents = {Path(os.path.abspath(p)).parent for p in (source, destination)}
            if result is not False and beside in parents:  # False: no exchange was made
                seen += 1
                if seen == count:
                    die()
            return result

        return rename

    os.rename = counting(os.rename)
    os.replace = counting(os.replace)
    regiokaart.site.swap.exchange_folders = counting(regiokaart.site.swap.exchange_folders)


def kill_after_unlinks(count: int, beside: Path) -> None:
    """Count files removed after the first swap-level rename, i.e. while the old site is removed."""
    swapped = False
    removed = 0

    def noting(original: Callable[..., Any]) -> Callable[..., Any]:
        def rename(source: Any, destination: Any, *args: Any, **kwargs: Any) -> Any:
            nonlocal swapped
            result = original(source, destination, *args, **kwargs)
            parents = {Path(os.path.abspath(p)).parent for p in (source, destination)}
            if result is not False and beside in parents:
                swapped = True
            return result

        return rename

    original_unlink = os.unlink

    def unlink(*args: Any, **kwargs: Any) -> None:
        nonlocal removed
        original_unlink(*args, **kwargs)
        if swapped:
            removed += 1
            if removed == count:
                die()

    os.rename = noting(os.rename)
    regiokaart.site.swap.exchange_folders = noting(regiokaart.site.swap.exchange_folders)
    os.unlink = unlink


def run(argv: list[str]) -> int:
    point, project, site, *options = argv
    if "--no-exchange" in options:
        regiokaart.site.swap.exchange_folders = lambda first, second: False
    beside = Path(os.path.abspath(site)).parent
    kind, _, value = point.partition(":")
    if kind == "after":
        kill_after_step(value)
    elif kind == "rename":
        kill_after_renames(int(value), beside)
    elif kind == "unlink":
        kill_after_unlinks(int(value), beside)
    else:
        raise SystemExit(f"unknown crash point {point!r}")
    return main(["build", "--project", project, "--site", site])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
