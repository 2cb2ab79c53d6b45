"""regiokaart serve: serves the built portal and rebuilds when content/ or data/ change."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import replace_in


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float = 90) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail("condition not met in time")


def test_serve_rebuilds_on_changes_and_keeps_last_good_site(mini_project: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "serve",
            "--project",
            str(mini_project),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(lambda: "Testland" in fetch(base))
        replace_in(
            mini_project / "content" / "over.md",
            "# Over dit portaal",
            "# Over dit portaal en zijn makers",
        )
        wait_for(lambda: "Over dit portaal en zijn makers" in fetch(base + "over/"))
        replace_in(
            mini_project / "data" / "offers.yaml",
            "name: Steungroep voor plegers",
            "name: Lotgenotengroep voor plegers",
        )
        wait_for(lambda: "Lotgenotengroep voor plegers" in fetch(base + "aanbod/steungroep/"))
        replace_in(
            mini_project / "data" / "offers.yaml",
            "effectiveness: Goed onderbouwd",
            "effectiveness: Goed",
        )
        time.sleep(4)
        assert "Lotgenotengroep voor plegers" in fetch(base + "aanbod/steungroep/"), (
            "the last good site stays"
        )
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert "offers.yaml:31:20: offers[1].effectiveness: ongeldige waarde 'Goed'" in output
    assert "Bouwen mislukt; de vorige versie blijft zichtbaar." in output
    assert "Traceback" not in output
