"""Writing through an exclusive temporary file in the target's folder, then a rename."""

import os
import stat
from pathlib import Path

import pytest

from regiokaart.safe_write import write_atomically


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


def test_write_atomically_writes_a_shareable_file(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    write_atomically(target, "één")
    assert target.read_bytes() == "één".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_planted_temporary_symlink_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("blijft", encoding="utf-8")
    (tmp_path / ".index.html.tmp").symlink_to(victim)
    write_atomically(tmp_path / "index.html", "rapport")
    assert victim.read_text(encoding="utf-8") == "blijft"
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "rapport"
