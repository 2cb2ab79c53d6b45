"""The process table as Linux shows it in /proc, for tests that check what a killed process left.

A process is named by its id and its start time, so that an id used again by a new process is
not taken for the old one. A zombie (ended, not yet reaped by whoever adopted it) counts as gone:
it holds no memory and runs nothing.
"""

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

needs_proc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not Path("/proc/self/stat").exists(),
    reason="reads /proc (Linux)",
)


@dataclass(frozen=True)
class Process:
    pid: int
    started: int  # clock ticks after boot: with pid, names one process
    name: str  # the program's name, as ps shows it


def _stat(pid: int) -> tuple[Process, int, str] | None:
    """(process, parent id, state) of pid, None when there is none."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    name, _, rest = text.partition(" (")[2].rpartition(") ")
    fields = rest.split()
    return Process(pid, int(fields[19]), name), int(fields[1]), fields[0]


def descendants(ancestor: int) -> set[Process]:
    """Every running process below ancestor (children, their children, …)."""
    parents: dict[int, list[Process]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (found := _stat(int(entry))) is not None:
            process, parent, state = found
            if state != "Z":
                parents.setdefault(parent, []).append(process)
    below: set[Process] = set()
    waiting = [ancestor]
    while waiting:
        for child in parents.get(waiting.pop(), []):
            below.add(child)
            waiting.append(child.pid)
    return below


def is_running(process: Process) -> bool:
    found = _stat(process.pid)
    return found is not None and found[0].started == process.started and found[2] != "Z"


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    """Whether condition held within seconds (generous: the machine may be busy)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def kill_if_running(processes: set[Process]) -> None:
    """Kill what a failed test left, each by its own id (and only if it is still that process)."""
    for process in processes:
        if is_running(process):
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
