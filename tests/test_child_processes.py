"""A tied helper runs as the program itself and dies with the process that started it, also when
that process is killed with kill -9; a launcher whose parent is already gone never starts it."""

import signal
import subprocess
import sys
from pathlib import Path

from regiokaart import child_processes
from regiokaart.child_processes import tied_command
from tests.processes import (
    Process,
    descendants,
    is_running,
    kill_if_running,
    needs_proc,
    wait_until,
)

pytestmark = needs_proc

END_SECONDS = 60  # a bound on waiting for the kernel's signal on a busy machine


def test_the_program_runs_as_itself_with_its_exit_code() -> None:
    shell = subprocess.run(
        tied_command(["/bin/sh", "-c", "echo $$; exit 3"]), capture_output=True, text=True
    )
    assert shell.returncode == 3
    started = subprocess.Popen(tied_command(["/bin/sh", "-c", "echo $$"]), stdout=subprocess.PIPE)
    said, _ = started.communicate()
    assert int(said) == started.pid  # the launcher became the program: same process, same pipes


def test_a_missing_program_is_said_without_a_traceback(tmp_path: Path) -> None:
    missing = subprocess.run(
        tied_command([str(tmp_path / "geen-programma")]), capture_output=True, text=True
    )
    assert missing.returncode == 127
    assert "kan" in missing.stderr and "niet starten" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_tied_program_dies_with_its_parent(tmp_path: Path) -> None:
    """The parent is killed with SIGKILL while its helper sleeps; the helper goes too."""
    parent_code = (
        "import subprocess, sys, time\n"
        "from regiokaart.child_processes import tied_command\n"
        "helper = subprocess.Popen(tied_command(['/bin/sleep', '600']))\n"
        "print(helper.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE)
    helpers: set[Process] = set()
    try:
        assert parent.stdout is not None
        helper_pid = int(parent.stdout.readline())
        assert wait_until(
            lambda: any(p.name == "sleep" for p in descendants(parent.pid)), END_SECONDS
        )
        helpers = {p for p in descendants(parent.pid) if p.pid == helper_pid}
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        wait_until(lambda: not any(is_running(helper) for helper in helpers), END_SECONDS)
        assert helpers and not any(is_running(helper) for helper in helpers)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        kill_if_running(helpers)


def test_a_launcher_whose_parent_is_gone_never_starts_the_program(tmp_path: Path) -> None:
    """The race of a parent killed before the launcher asked for the signal: the launcher sees
    another parent than the one that started it, and stops."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    marker = tmp_path / "gestart"
    launcher = [sys.executable, "-I", "-S", child_processes.__file__, str(gone.pid), "--"]
    result = subprocess.run([*launcher, "/bin/sh", "-c", f"touch '{marker}'"], check=False)
    assert result.returncode == 1
    assert not marker.exists()
