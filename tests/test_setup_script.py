"""scripts/setup.sh says what it is doing before each step, and pip's progress shows while it
happens: the first `scripts/serve.sh` printed nothing for two minutes while it installed.

The real script runs in a copy of the project whose .venv/bin/python is a stand-in: a Python
script that plays pip (prints as pip does, buffered like any Python program writing to a pipe,
and waits where told), so nothing is installed and the test needs no network."""

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import ROOT

FAKE_PYTHON = """#!{python}
# Plays `python -m pip install` for scripts/setup.sh; writes what it was asked to calls.log.
import os, sys, time
from pathlib import Path
here = Path(__file__).resolve().parents[2]
with open(here / "calls.log", "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\\n")
if sys.argv[1:] == ["-m", "venv", ".venv"]:
    sys.exit(0)
if "-r" in sys.argv:
    print("Requirement already satisfied: markdown==3.7")
    print("Collecting nh3==0.2.20")
    release = here / "release"
    deadline = time.monotonic() + 20
    while os.environ.get("FAKE_WAIT") and not release.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    print("Requirement already satisfied: pyyaml==6.0.2")
    print("Ignoring pymdown-extensions: markers 'python_version < 3.11' don't match your environment")
    print("Installing collected packages: nh3")
    print("Successfully installed nh3-0.2.20")
elif "-e" in sys.argv:
    print("Successfully installed regiokaart-0.0.0")
sys.exit(int(os.environ.get("FAKE_PIP_EXIT", "0")))
"""


def make_project(folder: Path, with_venv: bool = True) -> Path:
    """A project folder with the real setup.sh, a lock file and the stand-in for the venv's Python."""
    (folder / "scripts").mkdir(parents=True)
    (folder / "scripts" / "setup.sh").write_text(
        (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "requirements.lock").write_text("", encoding="utf-8")
    fake = folder / "fake-python"
    fake.write_text(FAKE_PYTHON.format(python=sys.executable), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    if with_venv:
        install_fake_venv(folder)
    return folder


def install_fake_venv(folder: Path) -> None:
    (folder / ".venv" / "bin").mkdir(parents=True, exist_ok=True)
    target = folder / ".venv" / "bin" / "python"
    target.write_bytes((folder / "fake-python").read_bytes())
    target.chmod(0o755)


def environment(**env: str) -> dict[str, str]:
    """This process's environment without PYTHONUNBUFFERED (a caller may set it; setup.sh must not
    depend on that for pip's lines to show), with env."""
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}, **env}


def run_setup(folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "scripts/setup.sh"],
        cwd=folder,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_each_step_is_announced_before_it_runs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = run_setup(project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    packages = lines.index(
        "==> Python-pakketten installeren uit requirements.lock (de eerste keer enkele minuten; "
        "wat er al is, wordt overgeslagen)"
    )
    itself = lines.index("==> regiokaart zelf installeren")
    # pip's progress comes after its step's line, and before the next step's
    assert packages < lines.index("Collecting nh3==0.2.20") < itself
    assert lines.index("Successfully installed nh3-0.2.20") < itself
    # what is already there is left out; the self-install is quiet (a few seconds)
    assert not [line for line in lines if line.startswith(("Requirement already", "Ignoring"))]
    calls = (project / "calls.log").read_text(encoding="utf-8").splitlines()
    assert calls[0].startswith("-m pip install") and "-r requirements.lock" in calls[0]
    assert "--quiet" not in calls[0].split()  # pip's own lines are the progress
    assert calls[1].endswith("-e .")


def test_creating_the_environment_is_announced_first(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", with_venv=False)
    # The stand-in "python3" makes the venv as `python -m venv .venv` would, and says so.
    maker = project / "make-venv"
    maker.write_text(
        f'#!/usr/bin/env bash\necho "venv gemaakt"\n"{project / "fake-python"}" "$@"\n'
        f'mkdir -p .venv/bin && cp "{project / "fake-python"}" .venv/bin/python\n',
        encoding="utf-8",
    )
    maker.chmod(0o755)
    result = run_setup(project, PYTHON=str(maker))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["==> Virtuele Python-omgeving maken in .venv", "venv gemaakt"]


def test_pip_failing_stops_the_set_up_after_its_step(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = run_setup(project, FAKE_PIP_EXIT="1")
    assert result.returncode != 0
    assert "==> regiokaart zelf installeren" not in result.stdout
    assert "Collecting nh3==0.2.20" in result.stdout


def test_pip_output_shows_while_pip_is_still_working(tmp_path: Path) -> None:
    """Each line of pip arrives when pip prints it, not in one block when it ends: the stand-in
    waits after its first line until that line has been read."""
    project = make_project(tmp_path / "project")
    process = subprocess.Popen(
        ["bash", "scripts/setup.sh"],
        cwd=project,
        env=environment(FAKE_WAIT="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.extend(process.stdout or []), daemon=True)
    reader.start()
    deadline = time.monotonic() + 15
    while "Collecting nh3==0.2.20\n" not in seen and time.monotonic() < deadline:
        time.sleep(0.05)
    arrived = "Collecting nh3==0.2.20\n" in seen
    (project / "release").touch()
    process.wait(timeout=60)
    reader.join(timeout=10)
    assert arrived, f"pip's first line did not show while pip was working: {seen}"
    assert process.returncode == 0
