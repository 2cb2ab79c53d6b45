"""linkchecker over the built site finds no broken internal link."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import serve

pytestmark = pytest.mark.browser

LINKCHECKER = Path(sys.executable).with_name("linkchecker")


def run_linkchecker(url: str, workdir: Path, timeout: int) -> subprocess.CompletedProcess[str]:
    config = workdir / "linkcheckerrc"
    config.write_text("[checking]\nmaxrequestspersecond=200\nthreads=8\n", encoding="utf-8")
    command = [
        str(LINKCHECKER),
        "-f",
        str(config),
        "--no-status",
        "--no-warnings",
        "--output",
        "text",
        url,
    ]
    return subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=timeout, cwd=workdir
    )


def test_linkchecker_finds_no_broken_internal_links(base_url: str, tmp_path: Path) -> None:
    result = run_linkchecker(base_url, tmp_path, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout or " 0 errors" in result.stdout, result.stdout[-2000:]


def test_linkchecker_notices_a_broken_link(tmp_path: Path) -> None:
    """The check is real: a page with a dead internal link makes linkchecker fail."""
    broken = tmp_path / "site"
    broken.mkdir()
    (broken / "index.html").write_text(
        '<html lang="nl"><body><a href="bestaat-niet/">x</a></body></html>'
    )
    with serve(broken) as url:
        result = run_linkchecker(url, tmp_path, timeout=120)
    assert result.returncode == 1
    assert "bestaat-niet" in result.stdout
