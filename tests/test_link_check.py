"""The website check has one deadline: when it passes, linkchecker and everything it started is
killed, and the check says it stopped."""

import os
import signal
import stat
import sys
import uuid
from pathlib import Path

import pytest

from regiokaart.checks import link_check
from tests.processes import needs_proc, wait_until

DEADLINE = 10  # seconds, for the test: ample to start a shell; the fake would run for 10 minutes
GONE_SECONDS = 30  # a bound on waiting for the kernel to end the killed processes


def running_with(marker: str) -> list[int]:
    """The processes whose command line holds marker (not zombies)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
            state = Path(f"/proc/{entry}/stat").read_text().rpartition(") ")[2][:1]
        except OSError:
            continue
        if entry.isdigit() and marker.encode() in command and state != "Z":
            found.append(int(entry))
    return found


@needs_proc
def test_a_check_past_its_deadline_is_killed_with_what_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = f"linkchecker-kind-{uuid.uuid4().hex}"
    ready = tmp_path / "gestart"
    fake = tmp_path / "linkchecker"
    fake.write_text(
        "#!/bin/sh\n"
        f"'{sys.executable}' -c 'import time; time.sleep(600)' {marker} &\n"
        f"touch '{ready}'\n"
        "sleep 600\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(link_check, "linkchecker_command", lambda: fake)
    monkeypatch.setattr(link_check, "MAX_SECONDS", DEADLINE)
    try:
        dead, why_not = link_check.check_external_links(["https://voorbeeld.example.nl/"])
        assert ready.exists()  # the fake got to start its child: the kill had something to do
        wait_until(lambda: not running_with(marker), GONE_SECONDS)
        assert running_with(marker) == []
        assert dead == {}
        assert why_not == (
            f"het nalopen van de websites duurde langer dan {DEADLINE} seconden en is gestopt"
        )
    finally:
        for pid in running_with(marker):
            os.kill(pid, signal.SIGKILL)
