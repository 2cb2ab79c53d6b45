"""Writing through an exclusive temporary file in the target's folder, then a rename."""

import os
import stat
from pathlib import Path

import pytest

from regiokaart.safe_write import make_new_folder, write_atomically


def test_write_atomically_leaves_nothing_behind_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "index.html"
    target.write_text("oud", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "nieuw")
    assert target.read_text(encoding="utf-8") == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_write_atomically_gives_the_mode_open_gives_under_the_umask(
    tmp_path: Path, umask: int, mode: int
) -> None:
    """Shareable where the umask allows it (a web server reads the site and the exports), private
    where it says so; never mkstemp's owner-only 0600 regardless."""
    target = tmp_path / "index.html"
    before = os.umask(umask)
    try:
        write_atomically(target, "één")
        (tmp_path / "ter-vergelijking").write_text("x", encoding="utf-8")
    finally:
        os.umask(before)
    assert target.read_bytes() == "één".encode()
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "ter-vergelijking").stat().st_mode) == mode


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o755), (0o077, 0o700)])
def test_a_new_folder_gets_the_mode_mkdir_gives_under_the_umask(
    tmp_path: Path, umask: int, mode: int
) -> None:
    before = os.umask(umask)
    try:
        folders = {make_new_folder(tmp_path, ".regio.nieuw-") for _ in range(3)}
    finally:
        os.umask(before)
    assert len(folders) == 3
    for folder in folders:
        assert folder.parent == tmp_path and folder.name.startswith(".regio.nieuw-")
        assert stat.S_IMODE(folder.stat().st_mode) == mode


def test_write_atomically_can_still_set_a_mode(tmp_path: Path) -> None:
    target = tmp_path / "sleutel"
    write_atomically(target, "geheim", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_planted_temporary_symlink_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("blijft", encoding="utf-8")
    (tmp_path / ".index.html.tmp").symlink_to(victim)
    write_atomically(tmp_path / "index.html", "rapport")
    assert victim.read_text(encoding="utf-8") == "blijft"
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "rapport"
