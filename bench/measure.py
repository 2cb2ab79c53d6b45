"""Time and peak memory of a command: the peak, over its run, of the summed resident set size (RSS)
of the process and all its descendants, sampled from /proc about every 20 ms (Linux; elsewhere the
peak is not known and printed as such). No dependency beyond the standard library."""

import os
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.02
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
PROC = Path("/proc")


@dataclass
class Measured:
    seconds: float
    peak_bytes: int | None  # None where /proc is not there
    returncode: int
    output: str  # stdout and stderr together

    @property
    def peak_mib(self) -> float | None:
        return None if self.peak_bytes is None else self.peak_bytes / 2**20


def children(pid: int) -> list[int]:
    """The direct children of pid, from /proc/PID/task/*/children."""
    found: list[int] = []
    try:
        tasks = os.listdir(PROC / str(pid) / "task")
    except OSError:
        return found
    for task in tasks:
        try:
            text = (PROC / str(pid) / "task" / task / "children").read_text()
        except OSError:
            continue
        found.extend(int(part) for part in text.split())
    return found


def rss_bytes(pid: int) -> int:
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0  # ended between listing and reading


def tree_rss(root: int) -> int:
    """The summed RSS of root and all its descendants now."""
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss_bytes(pid)
        stack.extend(children(pid))
    return total


class PeakSampler:
    """Samples tree_rss(pid) in a thread until stopped; peak is the highest sample."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.available = (PROC / str(pid) / "statm").exists()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(SAMPLE_SECONDS)


def run_measured(
    command: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Measured:
    """Run command to its end; wall-clock seconds from start to exit, peak RSS of its process tree."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        with PeakSampler(process.pid) as sampler:
            # Wait without reaping, so the last samples still see the process and its children.
            os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
            seconds = time.perf_counter() - started
        returncode = process.wait()
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    peak = sampler.peak if sampler.available else None
    return Measured(seconds, peak, returncode, text)


def median_of(runs: Sequence[Measured]) -> Measured:
    """The median time and the median peak of several runs of one command."""
    peaks = [run.peak_bytes for run in runs if run.peak_bytes is not None]
    return Measured(
        statistics.median(run.seconds for run in runs),
        int(statistics.median(peaks)) if peaks else None,
        max(run.returncode for run in runs),
        runs[-1].output,
    )
