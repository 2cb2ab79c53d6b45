"""regiokaart build: a real MkDocs build, atomic swap, and no writes to content/ or data/."""

from pathlib import Path

import pytest

from regiokaart.cli import main
from tests.conftest import replace_in, tree_digest


def build(project: Path) -> int:
    """`regiokaart build` of project into project/site; returns the exit code."""
    return main(["build", "--project", str(project), "--site", str(project / "site")])


def test_build_writes_a_site(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = mini_project / "site"
    assert build(mini_project) == 0
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html
    assert "fonts.googleapis.com" not in html
    assert not list(mini_project.glob(".staging-*"))


def test_failed_build_leaves_previous_site_and_sources_untouched(
    mini_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = mini_project / "site"
    assert build(mini_project) == 0
    before_site = tree_digest(site)
    replace_in(
        mini_project / "data" / "offers.yaml",
        "effectiveness: Goed onderbouwd",
        "effectiveness: Goed",
    )
    before_sources = tree_digest(mini_project / "data") + tree_digest(mini_project / "content")
    assert build(mini_project) == 1
    output = capsys.readouterr().err
    assert "offers.yaml:31:20: offers[1].effectiveness: ongeldige waarde 'Goed'" in output
    assert tree_digest(site) == before_site
    assert (
        tree_digest(mini_project / "data") + tree_digest(mini_project / "content") == before_sources
    )
    assert not list(mini_project.glob(".staging-*"))


def test_broken_mkdocs_config_fails_cleanly(
    mini_project: Path, shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = mini_project / "site"
    assert build(mini_project) == 0
    before = tree_digest(site)
    replace_in(shipped_copy / "mkdocs.yml", "name: material", "name: geen-thema")
    assert build(mini_project) == 1
    assert "MkDocs kon het portaal niet bouwen" in capsys.readouterr().err
    assert tree_digest(site) == before


def test_hand_written_pages_get_glossary_tooltips_without_changing_content(
    mini_project: Path,
) -> None:
    before = (mini_project / "content" / "over.md").read_text(encoding="utf-8")
    assert "(THV)" in before
    site = mini_project / "site"
    assert build(mini_project) == 0
    html = (site / "over" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Tijdelijk huisverbod">THV</abbr>' in html
    assert (mini_project / "content" / "over.md").read_text(encoding="utf-8") == before


def test_content_page_that_clashes_with_a_generated_page_fails_cleanly(
    mini_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini_project / "content" / "begrippen.md").write_text("# Mijn begrippen\n", encoding="utf-8")
    assert build(mini_project) == 1
    assert "content/begrippen.md:1:1: botst met een gegenereerde pagina" in capsys.readouterr().err
    assert (mini_project / "content" / "begrippen.md").read_text(
        encoding="utf-8"
    ) == "# Mijn begrippen\n"
