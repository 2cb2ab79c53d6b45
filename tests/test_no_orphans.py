"""A build killed with kill -9 (no clean-up, no finally) leaves no process behind: not the forked
child that makes the open data, not Pagefind (fed page by page as the engine writes them, nor fed
the pages of a built site). The next build removes the files it left.

The build is held where the helper runs (tests/hold_build.py), found in /proc, and killed there.
"""

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from regiokaart.cli import main
from tests.conftest import ROOT, make_mini_project
from tests.processes import (
    Process,
    descendants,
    is_running,
    kill_if_running,
    needs_proc,
    wait_until,
)

pytestmark = needs_proc

# How long a busy machine may take to reach the point, and to end the helpers after the kill;
# bounds on waiting, never expectations of speed.
REACH_SECONDS = 180
END_SECONDS = 60


def helpers_running(point: str, build: int) -> bool:
    """Whether the helpers that point is about are running below the build."""
    below = descendants(build)
    pagefinds = sum(process.name == "pagefind" for process in below)
    if point == "open-data":
        return len(below) >= 1
    return pagefinds >= 1


@pytest.mark.parametrize("point", ["open-data", "pagefind", "pagefind-built"])
def test_a_killed_build_leaves_no_process_and_the_next_build_cleans_up(
    tmp_path: Path, point: str
) -> None:
    project = make_mini_project(tmp_path / "project")
    site, ready = project / "site", tmp_path / "ready"
    command = [sys.executable, "-m", "tests.hold_build", point, str(project), str(site), str(ready)]
    with (tmp_path / "output.txt").open("w") as output:
        build = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=output)
    helpers: set[Process] = set()
    try:
        reached = wait_until(
            lambda: (
                build.poll() is not None or (ready.exists() and helpers_running(point, build.pid))
            ),
            REACH_SECONDS,
        )
        assert reached and build.poll() is None, (tmp_path / "output.txt").read_text()
        helpers = descendants(build.pid)
        build.send_signal(signal.SIGKILL)
        assert build.wait() == -signal.SIGKILL
        wait_until(lambda: not any(is_running(helper) for helper in helpers), END_SECONDS)
        left = sorted(f"{helper.name} ({helper.pid})" for helper in helpers if is_running(helper))
        assert not left, f"still running {END_SECONDS} s after the build was killed: {left}"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
        kill_if_running(helpers)

    assert main(["build", "--project", str(project), "--site", str(site)]) == 0
    assert sorted(path.name for path in project.glob(".staging-*")) == []
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind-landelijk" / "pagefind-entry.json").is_file()
