"""regiokaart build --engine zensical: the same staging, search index, policies and swap as with
MkDocs, and the same located Dutch messages; only the engine that renders the Markdown differs."""

import subprocess
from pathlib import Path

import pytest

from regiokaart import resources
from regiokaart.checks.check import check_data
from regiokaart.cli import main
from regiokaart.site.csp import inline_script_hashes
from regiokaart.site.engines.zensical.engine import adapt_config, failure_detail
from regiokaart.site.finish import is_document
from regiokaart.site.stage import expected_site_files, generate_pages
from tests.conftest import replace_in, tree_digest
from tests.test_csp import policy_in


def build(project: Path, *options: str) -> int:
    site = str(project / "site")
    return main(["build", str(project), "--site", site, "--engine", "zensical", *options])


def test_a_zensical_build_holds_every_page_the_policies_and_the_search_index(
    mini_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(mini_project) == 0
    site = mini_project / "site"
    dataset, _ = check_data(mini_project / "data")
    assert dataset is not None
    expected = expected_site_files(
        generate_pages(dataset), mini_project / "content", resources.THEME_DIR
    )
    assert sorted(p for p in expected if not (site / p).is_file()) == []
    pages = sum(1 for relative in expected if relative.endswith("index.html"))
    assert f"({pages} pagina's)" in capsys.readouterr().out
    documents = [p for p in site.rglob("*.html") if is_document(p.read_text(encoding="utf-8"))]
    assert len(documents) >= pages
    for page in documents:
        text = page.read_text(encoding="utf-8")
        policy = policy_in(text)
        assert all(source in policy for source in inline_script_hashes(text)), page
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    # Zensical's own search is off: Pagefind is the portal's search.
    assert '"items":[]' in (site / "search.json").read_text(encoding="utf-8")
    assert not list(mini_project.glob(".staging-*"))


def test_bad_data_stops_a_zensical_build_with_the_located_message(
    mini_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(mini_project) == 0
    before = tree_digest(mini_project / "site")
    replace_in(
        mini_project / "data" / "offers.yaml",
        "effectiveness: Goed onderbouwd",
        "effectiveness: Goed",
    )
    assert build(mini_project) == 1
    err = capsys.readouterr().err
    assert "offers.yaml:31:20: offers[1].effectiveness: ongeldige waarde 'Goed'" in err
    assert tree_digest(mini_project / "site") == before


def test_a_failing_zensical_says_so_in_dutch_without_a_traceback(
    mini_project: Path, shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(shipped_copy / "mkdocs.yml", "name: material", "name: geen-thema")
    assert build(mini_project) == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml:1:1: Zensical kon het portaal niet bouwen:" in err
    assert "Traceback" not in err
    assert "geen-thema" in err
    assert "Bouwen mislukt" in err
    assert not (mini_project / "site").exists()


def test_the_staged_configuration_turns_zensicals_search_off_and_keeps_other_plugins(
    tmp_path: Path,
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"docs_dir: {tmp_path / 'docs'}\nsite_dir: {tmp_path / 'site'}\n"
        "plugins:\n  - search:\n      lang: nl\n  - tags\n",
        encoding="utf-8",
    )
    adapt_config(config, tmp_path / "built")
    text = config.read_text(encoding="utf-8")
    assert "docs_dir: docs\nsite_dir: built\n" in text
    assert "plugins:\n- tags\n- search:\n    enabled: false\n" in text


def test_a_misspelt_engine_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_code:
        main(["build", "--engine", "zensicel"])
    assert exit_code.value.code == 2
    assert "--engine: ongeldige keuze 'zensicel'; kies uit mkdocs, properdocs, zensical" in (
        capsys.readouterr().err
    )


def test_zensicals_failure_is_told_without_its_traceback_and_a_missing_install_is_named() -> None:
    panic = (
        'Traceback (most recent call last):\n  File "main.py", line 81, in execute_build\n'
        "    build(path, kwargs)\n    ^^^^^^^^^^^^^^^^^^\npyo3_runtime.PanicException: invariant\n"
    )
    assert failure_detail(subprocess.CompletedProcess([], 1, "", panic)) == (
        "pyo3_runtime.PanicException: invariant"
    )
    missing = subprocess.CompletedProcess([], 1, "", "/usr/bin/python3: No module named zensical\n")
    assert "Zensical is niet geïnstalleerd" in failure_detail(missing)
