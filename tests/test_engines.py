"""The engine interface (regiokaart.site.engines): every engine renders a staged docs folder into the
site folder it is given, each page finished and checked for personal data; a failure is
EngineFailed with a Dutch message; serve reaches the engine through the same interface as build."""

from pathlib import Path

import pytest

from regiokaart import resources
from regiokaart.cli import build_parser
from regiokaart.serve.live_build import LiveBuild
from regiokaart.site import engines
from regiokaart.site.csp import has_policy
from regiokaart.site.engines import (
    DEFAULT_ENGINE,
    ENGINES,
    HOOKS,
    STAGED_CONFIG,
    Engine,
    EngineFailed,
    engine_named,
    render_site,
    write_config,
)
from regiokaart.site.engines.mkdocs.engine import MkDocsApi
from regiokaart.site.published_privacy import published_check
from tests.conftest import replace_in

LABELS = {"mkdocs": "MkDocs", "properdocs": "ProperDocs", "zensical": "Zensical"}


def stage_tiny_project(folder: Path, markdown: str = "# Hallo\n\nEen pagina.\n") -> Path:
    """One Markdown page staged as build stages a project: docs/ and mkdocs.yml beside it, from the
    shipped base configuration (Material with the portal's theme), with the hooks."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(markdown, encoding="utf-8")
    config = folder / STAGED_CONFIG
    write_config(
        resources.BASE_CONFIG,
        config,
        docs_dir=docs,
        site_dir=folder / "site-in-config",
        site_name="Kennisportaal Proef",
        nav=[{"Start": "index.md"}],
        hooks=HOOKS,
    )
    return config


def test_mkdocs_is_the_default_and_each_engine_answers_to_its_name() -> None:
    assert DEFAULT_ENGINE == "mkdocs"
    assert set(ENGINES) == set(LABELS)
    assert [engine_named(name).name for name in ENGINES] == list(ENGINES)
    assert {name for name in ENGINES if engine_named(name).incremental} == {"mkdocs", "properdocs"}


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_renders_a_tiny_project_into_the_site_folder_it_is_given(
    engine: str, tmp_path: Path
) -> None:
    config = stage_tiny_project(tmp_path / "stage")
    site = tmp_path / "stage" / "built"  # not the site_dir the staged configuration names
    with published_check() as published:
        render_site(config, site, engine=engine)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "Hallo" in page and "Kennisportaal Proef" in page
    assert has_policy(page), "finished: the Content-Security-Policy is in"
    assert published.findings == []
    assert not (tmp_path / "stage" / "site-in-config").exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_has_its_pages_checked_for_personal_data(engine: str, tmp_path: Path) -> None:
    config = stage_tiny_project(tmp_path / "stage", "# Hallo\n\nBel 06-12345678.\n")
    with published_check() as published:
        render_site(config, tmp_path / "stage" / "site", engine=engine)
    assert [finding.page for finding in published.findings] == ["index.html"]
    page = (tmp_path / "stage" / "site" / "index.html").read_text(encoding="utf-8")
    assert "12345678" not in page and "<title>Pagina niet gepubliceerd</title>" in page


@pytest.mark.parametrize("engine", ENGINES)
def test_a_failing_engine_raises_engine_failed_with_a_dutch_message(
    engine: str, tmp_path: Path, shipped_copy: Path
) -> None:
    replace_in(shipped_copy / "mkdocs.yml", "name: material", "name: geen-thema")
    config = stage_tiny_project(tmp_path / "stage")
    with pytest.raises(EngineFailed) as failure:
        render_site(config, tmp_path / "stage" / "site", engine=engine)
    message = str(failure.value)
    assert message.startswith(f"{LABELS[engine]} kon het portaal niet bouwen: ")
    assert "geen-thema" in message
    assert "Traceback" not in message


def test_an_unknown_engine_and_a_missing_one_are_told_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(EngineFailed) as unknown:
        render_site(tmp_path / STAGED_CONFIG, tmp_path / "site", engine="hugo")
    assert str(unknown.value) == "onbekende engine 'hugo'; kies uit mkdocs, properdocs, zensical"
    absent = MkDocsApi("regiokaart_geen_engine", "Geen", "GeenException", "installeer het eerst")
    with pytest.raises(EngineFailed) as missing:
        absent.render(tmp_path / STAGED_CONFIG, tmp_path / "site", strict=False, dirty=False)
    assert str(missing.value) == "Geen is niet geïnstalleerd; installeer het eerst"
    outside = stage_tiny_project(tmp_path / "stage")
    with pytest.raises(EngineFailed) as zensical:
        render_site(outside, tmp_path / "site", engine="zensical")
    assert "Zensical bouwt alleen in die map" in str(zensical.value)


@pytest.mark.parametrize("command", ["build", "serve"])
def test_build_and_serve_both_take_every_engine(command: str) -> None:
    parser = build_parser()
    assert parser.parse_args([command]).engine == DEFAULT_ENGINE
    for name in ENGINES:
        assert parser.parse_args([command, "--engine", name]).engine == name


# ---------------------------------------------------------------------------------------------
# serve reaches the engine through the interface: a stand-in engine, put where the interface
# finds engines, is the one that renders


def stand_in_engine(monkeypatch: pytest.MonkeyPatch, *, incremental: bool) -> list[bool]:
    """Make "proef" an engine that renders with MkDocs; returns the dirty flag of each render."""
    mkdocs = engine_named("mkdocs")
    renders: list[bool] = []

    def render(config_file: Path, site_dir: Path, *, strict: bool, dirty: bool) -> None:
        renders.append(dirty)
        mkdocs.render(config_file, site_dir, strict=strict, dirty=dirty)

    stand_in = Engine("proef", render, incremental=incremental)
    monkeypatch.setattr(engines, "engine_named", {"proef": stand_in}.__getitem__)
    return renders


def rename_an_offer(project: Path) -> None:
    replace_in(
        project / "data" / "offers.yaml",
        "name: Steungroep voor plegers",
        "name: Lotgenotengroep voor plegers",
    )


def test_serve_renders_with_the_engine_it_is_given_and_dirty_when_it_is_incremental(
    mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders = stand_in_engine(monkeypatch, incremental=True)
    live = LiveBuild(mini_project, tmp_path / "live", engine="proef")
    live.build()
    assert renders == [False]
    rename_an_offer(mini_project)
    assert live.show_edited_record() == "aanbod/steungroep.md"
    live.build()
    assert renders == [False, True, True]
    page = (live.site / "aanbod" / "steungroep" / "index.html").read_text(encoding="utf-8")
    assert "Lotgenotengroep voor plegers" in page


def test_serve_builds_every_page_with_an_engine_that_is_not_incremental(
    mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders = stand_in_engine(monkeypatch, incremental=False)
    live = LiveBuild(mini_project, tmp_path / "live", engine="proef")
    live.build()
    rename_an_offer(mini_project)
    assert live.show_edited_record() is None, "no sooner than the whole build"
    live.build()
    assert renders == [False, False]
    page = (live.site / "aanbod" / "steungroep" / "index.html").read_text(encoding="utf-8")
    assert "Lotgenotengroep voor plegers" in page
